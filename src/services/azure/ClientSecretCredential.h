#pragma once

#include "services/azure/EntraAuthority.h"
#include "services/azure/TokenCredential.h"

class QNetworkAccessManager;

namespace TwinBridge {

class EntraTokenClient;
class HttpTransport;

// A service principal signing in with its client secret (OAuth 2.0 client credentials grant,
// azure-protocols.md §5.1 [E-CC]). Needs a specific tenant (GUID or domain). No refresh token exists in this
// flow: a new token is simply requested again. The secret is held in memory only and never logged.
class ClientSecretCredential : public TokenCredential
{
    Q_OBJECT

public:
    ClientSecretCredential(const EntraAuthority &authority, const QString &clientSecret, QNetworkAccessManager *nam,
                           Clock *clock = nullptr, QObject *parent = nullptr);
    ~ClientSecretCredential() override;

    QString displayName() const override;
    const EntraAuthority &authority() const;
    HttpTransport *transport() const;

protected:
    QFuture<Result<AccessToken>> acquireToken(const QStringList &scopes) override;

private:
    EntraTokenClient *m_client;
    QString m_clientSecret;
};

} // namespace TwinBridge
