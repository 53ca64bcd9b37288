#include "services/azure/EntraTokenClient.h"

#include "services/azure/EntraError.h"
#include "services/core/Logging.h"
#include "services/net/HttpTransport.h"

#include <QJsonObject>
#include <QNetworkAccessManager>

namespace TwinBridge {

namespace {

// expires_in is a number in v2 answers, a string in some older ones.
qint64 seconds(const QJsonValue &value, qint64 fallback)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    bool ok = false;
    const qint64 parsed = value.toString().toLongLong(&ok);
    return ok ? parsed : fallback;
}

} // namespace

EntraTokenClient::EntraTokenClient(EntraAuthority authority, QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_authority(std::move(authority))
    , m_transport(new HttpTransport(nam, this))
{
    m_transport->setClock(clock);
}

QByteArray EntraTokenClient::encodeForm(const FormFields &form)
{
    QByteArray body;
    for (const auto &field : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(field.first);
        body += '=';
        body += QUrl::toPercentEncoding(field.second);
    }
    return body;
}

QFuture<Result<EntraTokenResponse>> EntraTokenClient::requestToken(const FormFields &form, const QString &operation,
                                                                   const QStringList &secrets, bool idempotent)
{
    HttpRequest request;
    request.method = "POST";
    request.url = m_authority.tokenEndpoint();
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setHeader("Accept", "application/json");
    request.body = encodeForm(form);
    request.idempotent = idempotent;
    return m_transport->send(request).then(
        this, [operation, secrets](const HttpResponse &response) -> Result<EntraTokenResponse> {
            if (!response.hasHttpStatus())
                return response.transportError(operation);
            if (response.status != 200)
                return EntraError::fromResponse(response.status, response.body, operation, secrets);
            QString parseError;
            const QJsonObject object = response.json(&parseError).object();
            EntraTokenResponse token;
            token.accessToken = object.value(QLatin1String("access_token")).toString();
            token.refreshToken = object.value(QLatin1String("refresh_token")).toString();
            token.idToken = object.value(QLatin1String("id_token")).toString();
            token.scope = object.value(QLatin1String("scope")).toString();
            token.expiresIn = seconds(object.value(QLatin1String("expires_in")), 0);
            if (token.accessToken.isEmpty() || token.expiresIn <= 0) {
                // Never echo the body: it may hold tokens.
                return ServiceError::malformedResponse(
                    operation,
                    parseError.isEmpty() ? QStringLiteral("token answer without access_token or expires_in")
                                         : parseError);
            }
            return token;
        });
}

QFuture<Result<DeviceCodeInfo>> EntraTokenClient::requestDeviceCode(const QString &scope, const QString &operation)
{
    HttpRequest request;
    request.method = "POST";
    request.url = m_authority.deviceCodeEndpoint();
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setHeader("Accept", "application/json");
    request.body = encodeForm({{QStringLiteral("client_id"), m_authority.clientId}, {QStringLiteral("scope"), scope}});
    request.idempotent = true;
    return m_transport->send(request).then(this, [operation](const HttpResponse &response) -> Result<DeviceCodeInfo> {
        if (!response.hasHttpStatus())
            return response.transportError(operation);
        if (response.status != 200)
            return EntraError::fromResponse(response.status, response.body, operation);
        QString parseError;
        const QJsonObject object = response.json(&parseError).object();
        DeviceCodeInfo info;
        info.deviceCode = object.value(QLatin1String("device_code")).toString();
        info.userCode = object.value(QLatin1String("user_code")).toString();
        QString uri = object.value(QLatin1String("verification_uri")).toString();
        if (uri.isEmpty()) // the v1 endpoint's spelling
            uri = object.value(QLatin1String("verification_url")).toString();
        info.verificationUri = QUrl(uri);
        info.message = object.value(QLatin1String("message")).toString();
        info.expiresIn = seconds(object.value(QLatin1String("expires_in")), 900);
        info.interval = std::max<qint64>(1, seconds(object.value(QLatin1String("interval")), 5));
        if (info.deviceCode.isEmpty() || info.userCode.isEmpty() || !info.verificationUri.isValid() ||
            info.verificationUri.isRelative()) {
            return ServiceError::malformedResponse(
                operation,
                parseError.isEmpty() ? QStringLiteral("device code answer without device_code, user_code or "
                                                      "verification_uri")
                                     : parseError);
        }
        return info;
    });
}

} // namespace TwinBridge
