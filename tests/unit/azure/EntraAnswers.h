#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Canned answers of the Microsoft identity platform's token endpoint for the credential tests.
namespace TwinBridge::Test::EntraAnswers {

// A successful token answer; `refreshToken` only where the grant returns one (device code, refresh token).
inline QJsonObject token(const QString &accessToken, int expiresIn = 3599, const QString &refreshToken = {})
{
    QJsonObject answer {{QStringLiteral("token_type"), QStringLiteral("Bearer")},
                        {QStringLiteral("expires_in"), expiresIn},
                        {QStringLiteral("access_token"), accessToken}};
    if (!refreshToken.isEmpty())
        answer.insert(QStringLiteral("refresh_token"), refreshToken);
    return answer;
}

// An error answer: the OAuth error, its description and, unless `code` is 0, the AADSTS code.
inline QJsonObject error(const QString &error, const QString &description, int code = 0)
{
    QJsonObject answer {{QStringLiteral("error"), error},
                        {QStringLiteral("error_description"), description},
                        {QStringLiteral("trace_id"), QStringLiteral("t")},
                        {QStringLiteral("correlation_id"), QStringLiteral("c")}};
    if (code != 0)
        answer.insert(QStringLiteral("error_codes"), QJsonArray {code});
    return answer;
}

} // namespace TwinBridge::Test::EntraAnswers
