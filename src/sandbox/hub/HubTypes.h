#pragma once

#include "services/iothub/HubThrottle.h"

#include <QByteArray>
#include <QDateTime>
#include <QFlags>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace TwinBridge::Sandbox {

// Rights of a shared access policy (ARM AccessRights; reference/azure-protocols.md §2.4).
enum class HubRight {
    RegistryRead = 0x1,
    RegistryWrite = 0x2,
    ServiceConnect = 0x4,
    DeviceConnect = 0x8,
};
Q_DECLARE_FLAGS(HubRights, HubRight)
Q_DECLARE_OPERATORS_FOR_FLAGS(HubRights)

struct SharedAccessPolicy
{
    QString keyName;
    QByteArray primaryKey; // base64
    QByteArray secondaryKey; // base64
    HubRights rights;

    bool operator==(const SharedAccessPolicy &other) const = default;

    // "RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect" as ARM writes it, and back.
    static QString rightsText(HubRights rights);
    static std::optional<HubRights> parseRights(const QString &text);
};

// Where a routed message comes from (ARM RoutingSource).
enum class RoutingSource {
    DeviceMessages,
    TwinChangeEvents,
    DeviceLifecycleEvents,
    DeviceConnectionStateEvents,
};

// One message as IoT Hub hands it to routing: telemetry or a non-telemetry event (reference §4.2).
// For events, the JSON notification is `bodyJson` (`body` stays empty until someone needs the bytes:
// read them with bodyBytes()), `applicationProperties` hold hubName, deviceId,
// opType, iothub-message-schema and operationTimestamp (7 fractional digits), and `systemProperties` the
// content-type, content-encoding, correlation-id, user-id, iothub-connection-device-id,
// iothub-enqueuedtime and iothub-message-source.
struct HubMessage
{
    RoutingSource source = RoutingSource::DeviceMessages;
    QString hubName;
    QString deviceId;
    qint64 sequenceNumber = 0; // per hub, increasing
    QDateTime enqueuedTime;
    QByteArray body;
    QVariantMap applicationProperties;
    QVariantMap systemProperties;
    QString topic; // D2C only: the MQTT topic as published
    // IoT Hub's own events only: the notification as JSON. The hub does not write it out (one twin-change
    // event per reported patch, which TTS's route drops unread) and routing reads $body from it directly.
    std::optional<QJsonObject> bodyJson;

    // `body`, or `bodyJson` written as compact JSON when `body` is empty.
    QByteArray bodyBytes() const;
    // The same message with `body` written out and `bodyJson` dropped, for keeping it.
    HubMessage materialized() const;

    QJsonObject toJson() const; // the admin API's representation
};

// Faults injected through the admin API (all times on the hub's Clock).
struct HubFaults
{
    QDateTime throttleTwinUntil; // twin reads/updates answer 429
    QDateTime throttleRegistryUntil; // registry operations answer 429
    QDateTime outageUntil; // MQTT CONNACK 3, REST 503
    int addedLatencyMs = 0; // delay before every answer

    bool twinThrottled(const QDateTime &now) const { return throttleTwinUntil.isValid() && now < throttleTwinUntil; }
    bool registryThrottled(const QDateTime &now) const
    {
        return throttleRegistryUntil.isValid() && now < throttleRegistryUntil;
    }
    bool inOutage(const QDateTime &now) const { return outageUntil.isValid() && now < outageUntil; }
    QJsonObject toJson() const;
};

// Counters the admin API reports per hub.
struct HubMetrics
{
    int connectedDevices = 0;
    quint64 connects = 0;
    quint64 connectsRefused = 0;
    quint64 deviceToCloudMessages = 0;
    quint64 twinGets = 0;
    quint64 reportedPatches = 0;
    quint64 desiredPatches = 0;
    quint64 registryOperations = 0;
    quint64 throttled = 0; // 429s and CONNACK 3 for throttling
    quint64 eventsDelivered = 0;
    quint64 eventsPending = 0;

    QJsonObject toJson() const;
};

} // namespace TwinBridge::Sandbox

Q_DECLARE_METATYPE(TwinBridge::Sandbox::HubMessage)
