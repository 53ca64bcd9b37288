#include "services/azure/EntraError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace TwinBridge {

namespace {

using Kind = ServiceError::Kind;

struct Mapping
{
    Kind kind;
    QString message;
};

// AADSTS codes that say more than the OAuth error they come with.
std::optional<Mapping> mappingForAadsts(const QList<int> &codes)
{
    for (int code : codes) {
        switch (code) {
        case 7000215: // invalid client secret
        case 7000222: // expired client secret
            return Mapping {
                Kind::Unauthorized,
                EntraError::tr("The client secret is wrong or has expired. Create a new secret for the application "
                               "in Entra ID (Certificates & secrets) and enter it in the profile.")};
        case 700016: // application not found in the directory
            return Mapping {
                Kind::NotConfigured,
                EntraError::tr("The application (client) ID was not found in this tenant. Check the client ID and the "
                               "tenant in the profile, or have an administrator consent to the application.")};
        case 90002: // tenant not found
        case 900023: // tenant identifier not valid
            return Mapping {
                Kind::NotConfigured,
                EntraError::tr("The tenant was not found. Check the tenant id or domain in the profile, and that the "
                               "authority host matches your cloud.")};
        case 7000218: // public client flows are off: the token endpoint wants a secret
            return Mapping {
                Kind::NotConfigured,
                EntraError::tr("The application is not configured as a public client. In the application's "
                               "Authentication settings in Entra ID, enable “Allow public client flows”, or use a "
                               "different client ID.")};
        case 65001: // consent missing
            return Mapping {
                Kind::Forbidden,
                EntraError::tr("The application has not been granted consent in this tenant. Ask an administrator to "
                               "grant consent for it, then sign in again.")};
        case 50076: // MFA required
        case 50079:
            return Mapping {Kind::Unauthorized,
                            EntraError::tr("Multi-factor authentication is required. Sign in again interactively.")};
        case 53003: // blocked by Conditional Access
            return Mapping {
                Kind::Forbidden,
                EntraError::tr("A Conditional Access policy of your organisation blocked the sign-in. Ask your "
                               "administrator which conditions apply (device, location, sign-in method).")};
        default:
            break;
        }
    }
    return std::nullopt;
}

Mapping mappingForError(const QString &error, int httpStatus)
{
    if (error == QLatin1String("invalid_client")) {
        return {Kind::Unauthorized,
                EntraError::tr(
                    "The client secret is wrong or has expired, or the client ID does not belong to this tenant. "
                    "Check the client ID and create a new client secret if needed.")};
    }
    if (error == QLatin1String("invalid_scope")) {
        return {Kind::BadRequest,
                EntraError::tr(
                    "The requested scope is not valid for this application. Check the Resource Manager scope in the "
                    "profile (for the public cloud: https://management.azure.com/.default).")};
    }
    if (error == QLatin1String("unauthorized_client")) {
        return {Kind::Forbidden,
                EntraError::tr(
                    "The application is not allowed to use this sign-in method. Check the client ID, and for device "
                    "code sign-in enable “Allow public client flows” for the application in Entra ID.")};
    }
    if (error == QLatin1String("invalid_grant")) {
        return {Kind::Unauthorized, EntraError::tr("The Azure sign-in has expired or was revoked. Sign in again.")};
    }
    if (error == QLatin1String("interaction_required") || error == QLatin1String("consent_required") ||
        error == QLatin1String("login_required")) {
        return {Kind::Unauthorized,
                EntraError::tr("Azure needs you to sign in again interactively (for consent or multi-factor "
                               "authentication).")};
    }
    if (error == QLatin1String("authorization_declined")) {
        return {Kind::Canceled,
                EntraError::tr("The sign-in was declined in the browser. Start the sign-in again and approve it.")};
    }
    if (error == QLatin1String("expired_token")) {
        return {Kind::Timeout,
                EntraError::tr(
                    "The sign-in code expired before the sign-in was completed. Start the sign-in again and enter "
                    "the new code within 15 minutes.")};
    }
    if (error == QLatin1String("bad_verification_code")) {
        return {Kind::BadRequest,
                EntraError::tr("The sign-in service did not recognise the device code. Start the sign-in again.")};
    }
    if (error == QLatin1String("authorization_pending")) {
        return {Kind::Unauthorized, EntraError::tr("The sign-in has not been completed in the browser yet.")};
    }
    if (error == QLatin1String("slow_down")) {
        return {Kind::Throttled, EntraError::tr("The sign-in service asked to poll more slowly.")};
    }
    if (error == QLatin1String("temporarily_unavailable")) {
        return {
            Kind::Unavailable,
            EntraError::tr("The Microsoft sign-in service is temporarily unavailable. Try again in a few minutes.")};
    }
    if (error == QLatin1String("unsupported_grant_type")) {
        return {
            Kind::Unsupported,
            EntraError::tr("The sign-in service does not support this sign-in method. Check the authority host in the "
                           "profile.")};
    }
    if (error == QLatin1String("invalid_resource")) {
        return {Kind::BadRequest,
                EntraError::tr(
                    "The resource to sign in for does not exist in this tenant. Check the Resource Manager scope and "
                    "the tenant in the profile.")};
    }
    if (error == QLatin1String("invalid_request")) {
        return {Kind::BadRequest,
                EntraError::tr(
                    "The sign-in service rejected the request. Check the tenant, client ID and authority host in "
                    "the profile.")};
    }
    const Kind kind = ServiceError::kindForHttpStatus(httpStatus);
    if (kind == Kind::ServerError || kind == Kind::Unavailable) {
        return {kind, EntraError::tr("The Microsoft sign-in service had a problem. Try again in a few minutes.")};
    }
    if (kind == Kind::Throttled)
        return {kind,
                EntraError::tr("The Microsoft sign-in service is throttling requests. Wait a minute and try again.")};
    return {kind == Kind::None ? Kind::BadRequest : kind,
            EntraError::tr("The Microsoft sign-in service refused the sign-in. See the details for its reason.")};
}

} // namespace

QString EntraError::redact(QString text, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (secret.size() >= 4)
            text.replace(secret, QStringLiteral("[redacted]"));
    }
    return text;
}

ServiceError EntraError::fromResponse(int httpStatus, const QByteArray &body, const QString &operation,
                                      const QStringList &secrets)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object();
    const QString error = object.value(QLatin1String("error")).toString();

    if (parseError.error != QJsonParseError::NoError || error.isEmpty()) {
        const Kind kind = ServiceError::kindForHttpStatus(httpStatus);
        ServiceError result(
            kind == Kind::None ? Kind::MalformedResponse : kind,
            tr("The sign-in service answered with HTTP %1 and no error TwinBridge understands. Check "
               "the authority host in the profile, then try again.")
                .arg(httpStatus),
            redact(QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(QString::fromUtf8(body.left(300)).simplified()),
                   secrets));
        result.setHttpStatus(httpStatus);
        result.setOperation(operation);
        return result;
    }

    QList<int> codes;
    const QJsonArray codeArray = object.value(QLatin1String("error_codes")).toArray();
    for (const QJsonValue &code : codeArray)
        codes.append(code.toInt());

    // The OAuth error decides for the polling and grant states; AADSTS codes refine the generic ones.
    Mapping mapping = mappingForError(error, httpStatus);
    const bool refinable = error == QLatin1String("invalid_client") || error == QLatin1String("invalid_request") ||
        error == QLatin1String("unauthorized_client") || error == QLatin1String("invalid_grant") ||
        error == QLatin1String("interaction_required");
    if (refinable) {
        if (auto specific = mappingForAadsts(codes))
            mapping = *specific;
    }

    QStringList detail;
    detail << QStringLiteral("%1: %2").arg(error,
                                           object.value(QLatin1String("error_description")).toString().simplified());
    if (!codes.isEmpty()) {
        QStringList codeTexts;
        for (int code : codes)
            codeTexts << QStringLiteral("AADSTS%1").arg(code);
        detail << QStringLiteral("codes: %1").arg(codeTexts.join(QLatin1String(", ")));
    }
    for (const char *key : {"trace_id", "correlation_id", "timestamp"}) {
        const QString value = object.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            detail << QStringLiteral("%1: %2").arg(QLatin1String(key), value);
    }

    ServiceError result(mapping.kind, mapping.message, redact(detail.join(QLatin1Char('\n')), secrets));
    result.setHttpStatus(httpStatus);
    result.setCode(error);
    result.setOperation(operation);
    return result;
}

ServiceError EntraError::deviceCodeExpired(const QString &operation)
{
    ServiceError result(Kind::Timeout, mappingForError(QStringLiteral("expired_token"), 400).message);
    result.setCode(QStringLiteral("expired_token"));
    result.setOperation(operation);
    return result;
}

} // namespace TwinBridge
