#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace TwinBridge::Sandbox {

class EntraSigningKey;

// JSON Web Tokens as Entra ID issues them: base64url(header).base64url(claims).base64url(RS256 signature), the
// header {"typ": "JWT", "alg": "RS256", "kid"}.
class EntraJwt
{
public:
    struct Parts
    {
        QJsonObject header;
        QJsonObject claims;
        QByteArray signingInput; // "header.claims" as sent
        QByteArray signature; // raw bytes
    };

    // Empty if the key cannot sign.
    static QString sign(const QJsonObject &claims, const EntraSigningKey &key);
    // The three parts, or nullopt when `token` is not a JWT (three base64url parts, JSON objects).
    static std::optional<Parts> parse(const QString &token);
    // Parses and checks alg RS256, the key id and the signature.
    static std::optional<Parts> verify(const QString &token, const EntraSigningKey &key);

    static QByteArray base64Url(const QByteArray &data);
};

} // namespace TwinBridge::Sandbox
