#pragma once

#include "services/azure/EntraAuthority.h"
#include "services/diagnostics/ConnectionTest.h"
#include "services/settings/ConnectionProfile.h"

#include <QPointer>

#include <optional>

class QNetworkAccessManager;

namespace TwinBridge {

class ArmClient;
class SecretStore;
class TokenCredential;

// "Test connection" for Azure (docs/console-connections.md): the Entra ID sign-in service (reachable, TLS), a
// token for the management scope with the profile's credential, the Resource Manager endpoint (reachable, TLS)
// and a read of the profile's subscription (GET /subscriptions/{id}).
class AzureConnectionTest : public ConnectionTest
{
    Q_OBJECT

public:
    // `credential` signs in (not owned; its transport should trust the profile's CA — see makeCredential()).
    AzureConnectionTest(const ConnectionProfile &profile, TokenCredential *credential, QNetworkAccessManager *nam,
                        Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~AzureConnectionTest() override;

    // The profile's Entra ID authority and management endpoint; the token scope is the endpoint's "/.default"
    // (the public cloud's for a local sandbox, whose tokens are issued for management.azure.com).
    static EntraAuthority authorityOf(const ConnectionProfile &profile);
    // The profile's credential: a service principal (ClientSecretCredential) when a client secret is given,
    // else the interactive sign-in's stored refresh token (DeviceCodeCredential, not interactive) from `secrets`.
    // Trusts the profile's CA. nullptr and `error` set when the TLS settings are unusable.
    static TokenCredential *makeCredential(const ConnectionProfile &profile, const QString &clientSecret,
                                           SecretStore *secrets, QNetworkAccessManager *nam, Clock *clock,
                                           QObject *parent, ServiceError *error = nullptr);

protected:
    void run() override;

private:
    // Reachability and TLS of an Azure service, then `next`.
    void probeService(const QUrl &url, const QString &reachableId, const QString &tlsId, std::function<void()> next);
    void signIn(quint64 generation);
    void readSubscription(quint64 generation);

    ConnectionProfile m_profile;
    QPointer<TokenCredential> m_credential;
    QNetworkAccessManager *m_nam;
    ArmClient *m_arm = nullptr;
    std::optional<QSslConfiguration> m_ssl;
    QString m_sslError;
    EntraAuthority m_authority;
};

} // namespace TwinBridge
