#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace TwinBridge {

// The LoRaWAN desired properties the engine turns into a TTS downlink (tts-integration.md §1.5, docs/ingest.md):
// `rawDownlink` {fPort, framePayload (hex), confirmed, operation push|replace} and `decodedPayload` (an object the
// device's downlink encoder accepts). The twin editor's forms build them here and write them into the desired JSON.
class DesiredDownlink
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::DesiredDownlink)

public:
    static constexpr int MinFPort = 1; // 0 is MAC commands only; 224 and up are reserved by LoRaWAN
    static constexpr int MaxFPort = 223;

    struct Raw
    {
        int fPort = MinFPort;
        QString framePayload; // hex, either case; spaces allowed while typing
        bool confirmed = false;
        bool replace = false; // operation "replace" instead of "push"
        bool operator==(const Raw &) const = default;
    };

    static QString rawDownlinkKey() { return QStringLiteral("rawDownlink"); }
    static QString decodedPayloadKey() { return QStringLiteral("decodedPayload"); }

    // The hex digits of `text` in upper case without spaces, or an InvalidInput error that says what is wrong
    // (odd number of digits, a character that is not a hex digit and where).
    static Result<QString> normalizedHex(const QString &text);
    static Status validateFPort(int fPort);

    // {"fPort":…,"framePayload":"BEEF","confirmed":…,"operation":"push"|"replace"} or the first problem.
    static Result<QJsonObject> rawDownlinkJson(const Raw &raw);
    // What a desired section holds under rawDownlink (defaults for missing or unusable members).
    static std::optional<Raw> rawFromDesired(const QJsonObject &desired);

    // `desired` with rawDownlink set; with `binaryOnly` also "decodedPayload": null so that the downlink carries
    // only the frame payload (an encoder would otherwise be asked to encode the last decodedPayload).
    static QJsonObject withRawDownlink(const QJsonObject &desired, const QJsonObject &rawDownlink, bool binaryOnly);
    // `desired` with decodedPayload set (an unchanged rawDownlink stays out of the patch: only changes are sent).
    static QJsonObject withDecodedPayload(const QJsonObject &desired, const QJsonObject &decodedPayload);
};

} // namespace TwinBridge
