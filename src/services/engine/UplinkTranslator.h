#pragma once

#include "services/engine/MessageFilter.h"
#include "services/engine/TwinValueSanitizer.h"
#include "services/protocol/ApplicationUp.h"
#include "services/protocol/MessagePropertyBag.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace TwinBridge {

// Turns one message from the TTS application into what the engine sends to IoT Hub "as the device"
// (DESIGN.md §1 "Uplink path"; docs/engine.md "What reaches IoT Hub"). Pure: no I/O, no clock, no state —
// the same input always gives the same output, so a replay from the outbox is identical to the first try.
//
// (a) Telemetry (when the telemetry filter accepts the type): the body is the MQTT payload byte for byte;
//     system properties $.mid, $.ct=application/json, $.ce=utf-8; application properties
//     `messageType` = the stable type name ("uplink", "joinAccept", …, TtsMessageType) and, for uplinks,
//     `fPort` = the decimal port. $.mid = "{type}:{as:up id}" for uplinks and joins that carry an
//     `as:up:` correlation id, else "{type}:sha256:{first 32 hex digits of SHA-256(payload)}".
// (b) A reported-property patch (when the reported filter accepts the type) — see docs/engine.md:
//     uplink → decodedPayload (exactly the new decoded payload: members of the previous one that are gone are
//     sent as null, since a twin PATCH merges), lastSeenAt, location.{key} for uplink_message.locations;
//     join → joinedAt; location/solved → location.{service}; service/data → serviceData.{service};
//     down/* → downlink {status, time, fPort, fCnt, framePayload (hex), confirmed, priority, correlationIds,
//     error, invalidatedCount} with every member present (null when not applicable) so that no member of an
//     older status survives the merge.
//     Device values pass through TwinValueSanitizer; what it changed is listed in Translation::issues.
class UplinkTranslator
{
public:
    // Application property names of D2C messages. Stable: routes and consumers query them.
    static constexpr char MessageTypeProperty[] = "messageType";
    static constexpr char FPortProperty[] = "fPort";
    static constexpr char ContentType[] = "application/json";
    static constexpr char ContentEncoding[] = "utf-8";
    // IoT Hub's D2C message limit (body and properties); a larger message is not sent as telemetry.
    static constexpr qsizetype MaxTelemetryBytes = 256 * 1024;

    // Reported property names.
    static constexpr char DecodedPayloadProperty[] = "decodedPayload";
    static constexpr char LastSeenAtProperty[] = "lastSeenAt";
    static constexpr char JoinedAtProperty[] = "joinedAt";
    static constexpr char LocationProperty[] = "location";
    static constexpr char ServiceDataProperty[] = "serviceData";
    static constexpr char DownlinkProperty[] = "downlink";

    struct Options
    {
        MessageFilter telemetry = MessageFilter::defaultTelemetry();
        MessageFilter reported = MessageFilter::defaultReported();
    };

    struct Telemetry
    {
        QString deviceId;
        QByteArray body;
        MessagePropertyBag properties;
        QString messageId() const;
        QString topic() const; // devices/{id}/messages/events/{properties}
    };

    enum class Skipped {
        None,
        TelemetryTooLarge, // over MaxTelemetryBytes: no telemetry
    };

    struct Translation
    {
        QString deviceId;
        TtsMessageType type = TtsMessageType::Uplink;
        std::optional<Telemetry> telemetry; // nullopt: filtered out (or too large, see skipped)
        std::optional<QJsonObject> reportedPatch; // nullopt: filtered out or nothing to report
        // The reported decodedPayload after this patch is applied (sanitized) — the engine passes it as
        // `previousDecodedPayload` next time. Set only when the patch changes decodedPayload.
        std::optional<QJsonObject> decodedPayload;
        QList<TwinValueSanitizer::Issue> issues;
        Skipped skipped = Skipped::None;
    };

    UplinkTranslator(); // the default filters
    explicit UplinkTranslator(Options options);

    const Options &options() const { return m_options; }
    void setOptions(const Options &options) { m_options = options; }

    // `payload` is the MQTT payload `message` was parsed from. `previousDecodedPayload` is the device's
    // reported decodedPayload as the engine last wrote it (nullopt when unknown: then only the new members
    // are sent). `receivedAt` (the subscriber's receive time) stands in for lastSeenAt/joinedAt/downlink time
    // when the message carries no received_at.
    Translation translateMessage(const QByteArray &payload, const ApplicationUp &message,
                                 const std::optional<QJsonObject> &previousDecodedPayload = std::nullopt,
                                 const QDateTime &receivedAt = {}) const;

    // The parts, for tests and for the outbox replay.
    static Telemetry telemetry(const QByteArray &payload, const ApplicationUp &message);
    static QString messageId(const QByteArray &payload, const ApplicationUp &message);
    // Every type maps to something reported (see above).
    static TtsMessageTypes reportedMappedTypes();
    static QJsonObject reportedPatch(const ApplicationUp &message,
                                     const std::optional<QJsonObject> &previousDecodedPayload,
                                     const QDateTime &receivedAt, QList<TwinValueSanitizer::Issue> *issues,
                                     std::optional<QJsonObject> *newDecodedPayload = nullptr);
    // `next` with a null for every member of `previous` (recursively, through objects present in both)
    // that `next` lacks: applying it as a merge patch to `previous` gives exactly `next`.
    static QJsonObject replacementPatch(const QJsonObject &previous, const QJsonObject &next);
    // The `downlink` status object of a down/* message (every member present; null = not applicable).
    static QJsonObject downlinkStatus(const ApplicationUp &message, const QDateTime &receivedAt);
    // "queued", "sent", "ack", "nack", "failed", "invalidated"; empty for other types.
    static QString downlinkStatusName(TtsMessageType type);

private:
    Options m_options;
};

} // namespace TwinBridge
