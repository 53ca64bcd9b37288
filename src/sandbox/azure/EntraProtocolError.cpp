#include "sandbox/azure/EntraProtocolError.h"

#include <QJsonArray>

namespace TwinBridge::Sandbox {

EntraProtocolError EntraProtocolError::make(int status, const char *error, int code, QString description)
{
    EntraProtocolError result;
    result.httpStatus = status;
    result.error = QLatin1String(error);
    result.code = code;
    result.description = std::move(description);
    return result;
}

QJsonObject EntraProtocolError::toJson(const QDateTime &now, const QString &traceId, const QString &correlationId) const
{
    const QString timestamp = now.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char('Z');
    const QString text = QStringLiteral("AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5")
                             .arg(code)
                             .arg(description, traceId, correlationId, timestamp);
    return QJsonObject {
        {QStringLiteral("error"), error},
        {QStringLiteral("error_description"), text},
        {QStringLiteral("error_codes"), QJsonArray {code}},
        {QStringLiteral("timestamp"), timestamp},
        {QStringLiteral("trace_id"), traceId},
        {QStringLiteral("correlation_id"), correlationId},
        {QStringLiteral("error_uri"), QStringLiteral("https://login.microsoftonline.com/error?code=%1").arg(code)},
    };
}

EntraProtocolError EntraProtocolError::missingParameter(const QString &name)
{
    return make(400, "invalid_request", 900144,
                tr("The request body must contain the following parameter: '%1'.").arg(name));
}

EntraProtocolError EntraProtocolError::wrongMethod(const QByteArray &method)
{
    return make(400, "invalid_request", 900561,
                tr("The endpoint only accepts POST, OPTIONS requests. Received a %1 request.")
                    .arg(QString::fromLatin1(method.left(20))));
}

EntraProtocolError EntraProtocolError::tenantNotFound(const QString &tenant)
{
    return make(400, "invalid_request", 90002,
                tr("Tenant '%1' not found. Check to make sure you have the correct tenant ID and are signing into the "
                   "correct cloud. Check with your subscription administrator, this may happen if there are no active "
                   "subscriptions for the tenant.")
                    .arg(tenant.left(200)));
}

EntraProtocolError EntraProtocolError::consumersNotSupported(const QString &clientId, const QString &name)
{
    return make(400, "invalid_request", 9002332,
                tr("Application '%1'(%2) is configured for use by Azure Active Directory users only. Please do not use "
                   "the /consumers endpoint to serve this request.")
                    .arg(clientId, name));
}

EntraProtocolError EntraProtocolError::tenantRequired()
{
    return make(400, "invalid_request", 9001023,
                tr("The grant type isn't supported over the /common, /organizations or /consumers endpoints. Please "
                   "use the tenant-specific endpoint."));
}

EntraProtocolError EntraProtocolError::conflictingClientCredentials()
{
    return make(400, "invalid_request", 9002313,
                tr("Invalid request. Request is malformed or invalid. The client was authenticated twice, with "
                   "different values."));
}

EntraProtocolError EntraProtocolError::applicationNotFound(const QString &clientId, const QString &tenantName)
{
    return make(400, "unauthorized_client", 700016,
                tr("Application with identifier '%1' was not found in the directory '%2'. This can happen if the "
                   "application has not been installed by the administrator of the tenant or consented to by any "
                   "user in the tenant. You may have sent your authentication request to the wrong tenant.")
                    .arg(clientId.left(200), tenantName));
}

EntraProtocolError EntraProtocolError::invalidClientSecret(const QString &clientId)
{
    return make(401, "invalid_client", 7000215,
                tr("Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
                   "value, not the client secret ID, for a secret added to app '%1'.")
                    .arg(clientId));
}

EntraProtocolError EntraProtocolError::missingClientCredential()
{
    return make(401, "invalid_client", 7000218,
                tr("The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
}

EntraProtocolError EntraProtocolError::publicClientWithCredential()
{
    return make(401, "invalid_client", 700025,
                tr("Client is public so neither 'client_assertion' nor 'client_secret' should be presented."));
}

EntraProtocolError EntraProtocolError::unsupportedGrantType(const QString &grantType)
{
    return make(400, "unsupported_grant_type", 70003,
                tr("The app requested an unsupported grant type '%1'.").arg(grantType.left(200)));
}

EntraProtocolError EntraProtocolError::invalidScope(const QString &scope)
{
    return make(400, "invalid_scope", 70011,
                tr("The provided value for the input parameter 'scope' is not valid. The scope %1 is not valid.")
                    .arg(scope.left(500)));
}

EntraProtocolError EntraProtocolError::clientCredentialsNeedDefaultScope(const QString &scope)
{
    return make(400, "invalid_scope", 1002012,
                tr("The provided value for scope %1 is not valid. Client credential flows must have a scope value "
                   "with /.default suffixed to the resource identifier (application ID URI).")
                    .arg(scope.left(500)));
}

EntraProtocolError EntraProtocolError::multipleResources()
{
    return make(400, "invalid_scope", 700022,
                tr("The provided value for the input parameter scope is not valid because it contains more than one "
                   "resource."));
}

EntraProtocolError EntraProtocolError::resourceNotFound(const QString &resource, const QString &tenantName)
{
    return make(400, "invalid_resource", 500011,
                tr("The resource principal named %1 was not found in the tenant named %2. This can happen if the "
                   "application has not been installed by the administrator of the tenant or consented to by any "
                   "user in the tenant. You might have sent your authentication request to the wrong tenant.")
                    .arg(resource.left(500), tenantName));
}

EntraProtocolError EntraProtocolError::authorizationPending()
{
    return make(400, "authorization_pending", 70016,
                tr("OAuth 2.0 device flow error. Authorization is pending. Continue polling."));
}

EntraProtocolError EntraProtocolError::slowDown(qint64 intervalSeconds)
{
    return make(400, "slow_down", 70016,
                tr("OAuth 2.0 device flow error. Authorization is pending. The client polled too often; wait at least "
                   "%1 seconds between requests.")
                    .arg(intervalSeconds));
}

EntraProtocolError EntraProtocolError::authorizationDeclined()
{
    return make(400, "authorization_declined", 70000, tr("The user declined the authorization request."));
}

EntraProtocolError EntraProtocolError::expiredToken()
{
    return make(400, "expired_token", 70020,
                tr("The provided value for the input parameter 'device_code' is not valid. This device code has "
                   "expired."));
}

EntraProtocolError EntraProtocolError::badVerificationCode()
{
    return make(400, "bad_verification_code", 70018,
                tr("The provided value for the input parameter 'device_code' is not valid. The device code was not "
                   "recognised."));
}

EntraProtocolError EntraProtocolError::invalidGrant()
{
    return make(400, "invalid_grant", 70000, tr("Provided grant is invalid or malformed."));
}

EntraProtocolError EntraProtocolError::refreshTokenExpired(const QDateTime &issuedAt, qint64 inactiveDays)
{
    return make(400, "invalid_grant", 700082,
                tr("The refresh token has expired due to inactivity. The token was issued on %1 and was inactive for "
                   "%2.00:00:00.")
                    .arg(issuedAt.toUTC().toString(Qt::ISODateWithMs))
                    .arg(inactiveDays));
}

} // namespace TwinBridge::Sandbox
