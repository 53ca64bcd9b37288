#pragma once

#include "services/tts/TtsRights.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class QRandomGenerator;

namespace TwinBridge::Sandbox {

// An API key of the TTS stand-in, in TTS's format (reference/tts-integration.md §4.1): "NNSXS.<id>.<secret>",
// where NNSXS is base32("key"), the id 24 random bytes and the secret 32 random bytes, both base32 without
// padding (39 and 52 characters of A–Z and 2–7). The id names the key (TTS looks it up by id and then checks
// the secret); the rights are application rights as TTS lists them.
struct TtsApiKey
{
    static constexpr char TokenType[] = "NNSXS";
    static constexpr int IdLength = 39;
    static constexpr int SecretLength = 52;

    QString id;
    QString secret;
    QString name;
    QString applicationId;
    QList<TtsRights::Right> rights; // as granted; implications are expanded by grantedRights()
    QString createdAt; // RFC 3339 with nanoseconds

    // "NNSXS.<id>.<secret>".
    QString token() const;
    TtsRights grantedRights() const { return TtsRights(rights); }
    // Every right the key has, implications expanded (RIGHT_APPLICATION_ALL → each application right), in the
    // order of rights.proto, as `GET /applications/{app}/rights` lists them.
    QStringList impliedRightNames() const;

    // A key with fresh random id and secret.
    static TtsApiKey generate(QRandomGenerator &random);

    // The parts of a bearer token "<type>.<id>.<secret>"; nullopt unless it has exactly three non-empty parts.
    struct TokenParts
    {
        QString type;
        QString id;
        QString secret;
    };
    static std::optional<TokenParts> split(const QString &token);

    // For the state file and the admin API (with the secret).
    QJsonObject toJson() const;
    static std::optional<TtsApiKey> fromJson(const QJsonObject &object);
};

} // namespace TwinBridge::Sandbox
