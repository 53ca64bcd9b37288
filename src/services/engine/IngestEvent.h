#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace TwinBridge {

// One event of TTS's Azure IoT Hub events contract (reference/tts-integration.md §2.5–2.6), as the Azure
// Function posts it to `POST …/as/applications/{app}/packages/azureiothub/events`:
//   {"end_device_ids":{"application_ids":{"application_id":"…"},"device_id":"…"},
//    "body":{…IoT Hub twin or lifecycle notification…},
//    "properties":{"hubName","deviceId","opType","iothub-message-schema","operationTimestamp",…}}
// The application comes from the URL. `toJson()`/`fromJson()` round-trip it for the durable outbox.
struct IngestEvent
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::IngestEvent)

public:
    enum class Operation {
        Unknown,
        CreateDeviceIdentity, // deviceLifecycleNotification
        DeleteDeviceIdentity,
        UpdateTwin, // twinChangeNotification: only the changed parts
        ReplaceTwin, // twinChangeNotification: the whole twin
    };

    QString applicationId; // from the URL path
    QString deviceId; // end_device_ids.device_id (= the IoT Hub device id)
    QJsonObject endDeviceIds;
    QJsonObject body;
    QJsonObject properties;

    Operation operation() const;
    QString opType() const; // properties.opType as sent
    QString hubName() const;
    // properties.operationTimestamp; invalid if absent or unparsable.
    QDateTime operationTimestamp() const;

    static Operation operationFromName(const QString &opType);
    static QString operationName(Operation operation);

    // The event as in the request (plus "application_id"), for the outbox.
    QJsonObject toJson() const;
    static Result<IngestEvent> fromJson(const QJsonObject &object);

    bool operator==(const IngestEvent &other) const = default;
};

} // namespace TwinBridge
