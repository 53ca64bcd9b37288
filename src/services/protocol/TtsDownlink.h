#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// One TTS ApplicationDownlink, as pushed to / replaced in a device's downlink queue over MQTT
// (`down/push`, `down/replace`) or REST, and as carried by the down/* events. frm_payload is base64 on the
// wire; here it is raw bytes. See reference/tts-integration.md §3.3.
struct TtsDownlink
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TtsDownlink)

public:
    int fPort = 0;                               // 0 = let the formatter choose (decoded payload only)
    QByteArray frmPayload;                       // raw bytes
    std::optional<QJsonObject> decodedPayload;   // encoded by the device's downlink formatter
    bool confirmed = false;
    QString priority;                            // LOWEST … HIGHEST; empty = server default
    QStringList correlationIds;
    QString sessionKeyId;                        // base64, on events only
    qint64 fCnt = -1;                            // on events only

    // Application ports for scheduling: LoRaWAN's 1–223 (224 is the test port, 0 carries MAC commands).
    static constexpr int MinFPort = 1;
    static constexpr int MaxFPort = 223;
    static constexpr int MaxPayloadBytes = 255;
    static const QStringList &priorities();

    // Checks what TTS would reject before sending: port range, payload size, priority name, and that
    // there is something to send. Errors name the field.
    Status validate() const;

    QJsonObject toJson() const;
    // Reads a downlink; members of the wrong type, bad base64 and out-of-range numbers are InvalidInput
    // errors (code "InvalidDownlink") whose message starts with the JSON path — `path` is this object's own
    // path inside a larger document ("downlink_ack", "downlinks[2]"), empty at the top level.
    static Result<TtsDownlink> fromJson(const QJsonObject &object, const QString &path = {});

    // {"downlinks":[…]}, the body of push/replace.
    static QJsonObject queueRequest(const QList<TtsDownlink> &downlinks);
    static Result<QList<TtsDownlink>> fromQueue(const QJsonObject &object);
};

} // namespace TwinBridge
