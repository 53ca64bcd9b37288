#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace TwinBridge::Sandbox {

// An error answer of the Microsoft identity platform's token and device code endpoints, with the AADSTS code
// and text Entra ID uses for the case (reference-error-codes.md, v2-oauth2-device-code.md). toJson() gives the
// body exactly as Entra writes it:
//   {"error": "invalid_scope",
//    "error_description": "AADSTS70011: …\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: 2026-01-01 00:00:00Z",
//    "error_codes": [70011], "timestamp": "2026-01-01 00:00:00Z", "trace_id": "…", "correlation_id": "…",
//    "error_uri": "https://login.microsoftonline.com/error?code=70011"}
class EntraProtocolError
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::Sandbox::EntraProtocolError)

public:
    int httpStatus = 400;
    QString error; // the OAuth error, e.g. "invalid_grant"
    int code = 0; // the AADSTS number
    QString description; // the text after "AADSTS{code}: "

    QJsonObject toJson(const QDateTime &now, const QString &traceId, const QString &correlationId) const;

    // invalid_request
    static EntraProtocolError missingParameter(const QString &name); // AADSTS900144
    static EntraProtocolError wrongMethod(const QByteArray &method); // AADSTS900561
    static EntraProtocolError tenantNotFound(const QString &tenant); // AADSTS90002
    static EntraProtocolError consumersNotSupported(const QString &clientId, const QString &name); // AADSTS9002332
    static EntraProtocolError tenantRequired(); // AADSTS9001023: a grant that needs a specific tenant
    static EntraProtocolError conflictingClientCredentials(); // AADSTS9002313
    // unauthorized_client
    static EntraProtocolError applicationNotFound(const QString &clientId, const QString &tenantName); // AADSTS700016
    // invalid_client (HTTP 401)
    static EntraProtocolError invalidClientSecret(const QString &clientId); // AADSTS7000215
    static EntraProtocolError missingClientCredential(); // AADSTS7000218
    static EntraProtocolError publicClientWithCredential(); // AADSTS700025
    // unsupported_grant_type
    static EntraProtocolError unsupportedGrantType(const QString &grantType); // AADSTS70003
    // invalid_scope / invalid_resource
    static EntraProtocolError invalidScope(const QString &scope); // AADSTS70011
    static EntraProtocolError clientCredentialsNeedDefaultScope(const QString &scope); // AADSTS1002012
    static EntraProtocolError multipleResources(); // AADSTS700022
    static EntraProtocolError resourceNotFound(const QString &resource, const QString &tenantName); // AADSTS500011
    // the device code flow
    static EntraProtocolError authorizationPending(); // AADSTS70016
    static EntraProtocolError slowDown(qint64 intervalSeconds); // RFC 8628 slow_down (Entra documents none)
    static EntraProtocolError authorizationDeclined(); // AADSTS70000
    static EntraProtocolError expiredToken(); // AADSTS70020
    static EntraProtocolError badVerificationCode(); // AADSTS70018: the device code is not recognised
    // invalid_grant
    static EntraProtocolError invalidGrant(); // AADSTS70000
    static EntraProtocolError refreshTokenExpired(const QDateTime &issuedAt, qint64 inactiveDays); // AADSTS700082

private:
    static EntraProtocolError make(int status, const char *error, int code, QString description);
};

} // namespace TwinBridge::Sandbox
