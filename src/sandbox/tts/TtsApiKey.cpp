#include "sandbox/tts/TtsApiKey.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace TwinBridge::Sandbox {

namespace {

constexpr char Base32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// RFC 4648 base32 without padding, as Go's base32.StdEncoding.WithPadding(NoPadding) writes it.
QString base32(const QByteArray &bytes)
{
    QString text;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            text.append(QLatin1Char(Base32Alphabet[(buffer >> (bits - 5)) & 0x1f]));
            bits -= 5;
        }
    }
    if (bits > 0)
        text.append(QLatin1Char(Base32Alphabet[(buffer << (5 - bits)) & 0x1f]));
    return text;
}

QByteArray randomBytes(QRandomGenerator &random, int count)
{
    QByteArray bytes(count, '\0');
    for (char &byte : bytes)
        byte = char(random.bounded(256));
    return bytes;
}

} // namespace

QString TtsApiKey::token() const
{
    return QLatin1String(TokenType) + QLatin1Char('.') + id + QLatin1Char('.') + secret;
}

QStringList TtsApiKey::impliedRightNames() const
{
    const TtsRights granted = grantedRights();
    QStringList names;
    for (int value = int(TtsRights::Right::ApplicationInfo); value <= int(TtsRights::Right::All); ++value) {
        const auto right = TtsRights::Right(value);
        if (granted.has(right))
            names.append(TtsRights::wireName(right));
    }
    return names;
}

TtsApiKey TtsApiKey::generate(QRandomGenerator &random)
{
    TtsApiKey key;
    key.id = base32(randomBytes(random, 24));
    key.secret = base32(randomBytes(random, 32));
    return key;
}

std::optional<TtsApiKey::TokenParts> TtsApiKey::split(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty() || parts.at(2).isEmpty())
        return std::nullopt;
    return TokenParts {parts.at(0), parts.at(1), parts.at(2)};
}

QJsonObject TtsApiKey::toJson() const
{
    QJsonArray names;
    for (TtsRights::Right right : rights)
        names.append(TtsRights::wireName(right));
    return QJsonObject {{QStringLiteral("id"), id},
                        {QStringLiteral("secret"), secret},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("applicationId"), applicationId},
                        {QStringLiteral("rights"), names},
                        {QStringLiteral("createdAt"), createdAt}};
}

std::optional<TtsApiKey> TtsApiKey::fromJson(const QJsonObject &object)
{
    TtsApiKey key;
    key.id = object.value(QStringLiteral("id")).toString();
    key.secret = object.value(QStringLiteral("secret")).toString();
    key.name = object.value(QStringLiteral("name")).toString();
    key.applicationId = object.value(QStringLiteral("applicationId")).toString();
    key.createdAt = object.value(QStringLiteral("createdAt")).toString();
    const QJsonArray names = object.value(QStringLiteral("rights")).toArray();
    for (const QJsonValue &name : names) {
        const std::optional<TtsRights::Right> right = TtsRights::fromWireName(name.toString());
        if (!right)
            return std::nullopt;
        key.rights.append(*right);
    }
    if (key.id.isEmpty() || key.secret.isEmpty() || key.applicationId.isEmpty())
        return std::nullopt;
    return key;
}

} // namespace TwinBridge::Sandbox
