#pragma once

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// The ten ApplicationUp message types a TTS Azure IoT Hub integration can filter on (reference/
// tts-integration.md §1.5: "Uplink message, Join accept, Downlink ack, Downlink nack, Downlink sent,
// Downlink failed, Downlink queued, Downlink queue invalidated, Location solved, Service data"), as flags so
// that a filter is one value. The names are stable: they are stored in settings and sent as the message-type
// application property of D2C messages — never change them.
enum class TtsMessageType : quint16 {
    Uplink = 0x0001, // "uplink"                    uplink_message
    JoinAccept = 0x0002, // "joinAccept"                join_accept
    DownlinkAck = 0x0004, // "downlinkAck"               downlink_ack
    DownlinkNack = 0x0008, // "downlinkNack"              downlink_nack
    DownlinkSent = 0x0010, // "downlinkSent"              downlink_sent
    DownlinkFailed = 0x0020, // "downlinkFailed"            downlink_failed
    DownlinkQueued = 0x0040, // "downlinkQueued"            downlink_queued
    DownlinkQueueInvalidated = 0x0080, // "downlinkQueueInvalidated"  downlink_queue_invalidated
    LocationSolved = 0x0100, // "locationSolved"            location_solved
    ServiceData = 0x0200, // "serviceData"               service_data
};
Q_DECLARE_FLAGS(TtsMessageTypes, TtsMessageType)

// All ten, in the order above (the order of TTS's filter checkboxes).
const QList<TtsMessageType> &allTtsMessageTypes();
TtsMessageTypes allTtsMessageTypeFlags();

// The stable name ("uplink", "joinAccept", …) and back; unknown names give nullopt.
QString ttsMessageTypeName(TtsMessageType type);
std::optional<TtsMessageType> ttsMessageTypeFromName(QStringView name);

// The ApplicationUp member that carries it ("uplink_message", "join_accept", "downlink_ack", …) and back.
QString ttsMessageTypeJsonField(TtsMessageType type);
std::optional<TtsMessageType> ttsMessageTypeFromJsonField(QStringView field);

// The label TTS's console shows ("Uplink message", "Join accept", …), translated.
QString ttsMessageTypeDisplayName(TtsMessageType type);

// A filter as a list of stable names (in the canonical order) and back; unknown names are skipped and
// reported in `unknown` if given.
QStringList ttsMessageTypeNames(TtsMessageTypes types);
TtsMessageTypes ttsMessageTypesFromNames(const QStringList &names, QStringList *unknown = nullptr);

} // namespace TwinBridge

Q_DECLARE_OPERATORS_FOR_FLAGS(TwinBridge::TtsMessageTypes)
