#include "sandbox/azure/EntraJwt.h"

#include "sandbox/azure/EntraSigningKey.h"

#include <QJsonDocument>

namespace TwinBridge::Sandbox {

namespace {

constexpr auto Base64UrlOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

std::optional<QByteArray> decodePart(const QByteArray &part)
{
    for (const char c : part) {
        if (!(isalnum(uchar(c)) || c == '-' || c == '_'))
            return std::nullopt;
    }
    auto decoded =
        QByteArray::fromBase64Encoding(part, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

std::optional<QJsonObject> decodeObject(const QByteArray &part)
{
    const std::optional<QByteArray> bytes = decodePart(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

QByteArray EntraJwt::base64Url(const QByteArray &data)
{
    return data.toBase64(Base64UrlOptions);
}

QString EntraJwt::sign(const QJsonObject &claims, const EntraSigningKey &key)
{
    const QJsonObject header {
        {QStringLiteral("typ"), QStringLiteral("JWT")},
        {QStringLiteral("alg"), QStringLiteral("RS256")},
        {QStringLiteral("kid"), key.keyId()},
    };
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = key.sign(input);
    if (signature.isEmpty())
        return {};
    return QString::fromLatin1(input + '.' + base64Url(signature));
}

std::optional<EntraJwt::Parts> EntraJwt::parse(const QString &token)
{
    if (token.size() > 16384)
        return std::nullopt;
    const QByteArray bytes = token.toLatin1();
    const QList<QByteArray> parts = bytes.split('.');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return std::nullopt;
    const std::optional<QJsonObject> header = decodeObject(parts.at(0));
    const std::optional<QJsonObject> claims = decodeObject(parts.at(1));
    const std::optional<QByteArray> signature = decodePart(parts.at(2));
    if (!header || !claims || !signature)
        return std::nullopt;
    Parts result;
    result.header = *header;
    result.claims = *claims;
    result.signingInput = bytes.left(parts.at(0).size() + 1 + parts.at(1).size());
    result.signature = *signature;
    return result;
}

std::optional<EntraJwt::Parts> EntraJwt::verify(const QString &token, const EntraSigningKey &key)
{
    std::optional<Parts> parts = parse(token);
    if (!parts)
        return std::nullopt;
    if (parts->header.value(QLatin1String("alg")).toString() != QLatin1String("RS256") ||
        parts->header.value(QLatin1String("kid")).toString() != key.keyId() ||
        !key.verify(parts->signingInput, parts->signature)) {
        return std::nullopt;
    }
    return parts;
}

} // namespace TwinBridge::Sandbox
