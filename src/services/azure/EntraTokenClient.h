#pragma once

#include "services/azure/EntraAuthority.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

namespace TwinBridge {

class HttpTransport;

// A successful answer of the token endpoint. Every member but expiresIn and scope is a secret.
struct EntraTokenResponse
{
    QString accessToken;
    QString refreshToken; // only with offline_access
    QString idToken; // only with openid
    QString scope;
    qint64 expiresIn = 0; // seconds
};

// The answer of the device authorization endpoint. deviceCode is a secret (it redeems the sign-in); userCode
// is meant to be shown.
struct DeviceCodeInfo
{
    QString deviceCode;
    QString userCode;
    QUrl verificationUri;
    QString message;
    qint64 expiresIn = 900; // seconds
    qint64 interval = 5; // seconds between polls
};

using FormFields = QList<QPair<QString, QString>>;

// The HTTP side of the Microsoft identity platform v2 endpoints (azure-protocols.md §5.1): form-encoded POSTs
// to {authority}/{tenant}/oauth2/v2.0/token and …/devicecode, answers parsed, errors mapped by EntraError.
class EntraTokenClient : public QObject
{
    Q_OBJECT

public:
    EntraTokenClient(EntraAuthority authority, QNetworkAccessManager *nam, Clock *clock, QObject *parent = nullptr);

    const EntraAuthority &authority() const { return m_authority; }
    HttpTransport *transport() const { return m_transport; }

    // POSTs `form` to the token endpoint. `secrets` are form values never to appear in an error.
    // `idempotent`: safe to send again after a transport error (polling is, a client secret grant too).
    QFuture<Result<EntraTokenResponse>> requestToken(const FormFields &form, const QString &operation,
                                                     const QStringList &secrets, bool idempotent = false);
    QFuture<Result<DeviceCodeInfo>> requestDeviceCode(const QString &scope, const QString &operation);

    // application/x-www-form-urlencoded; everything but RFC 3986 unreserved characters is percent-encoded
    // (so '+' in a secret stays '+', and spaces become %20).
    static QByteArray encodeForm(const FormFields &form);

private:
    EntraAuthority m_authority;
    HttpTransport *m_transport;
};

} // namespace TwinBridge
