#pragma once

#include "services/protocol/MessagePropertyBag.h"

#include <QString>
#include <QStringView>
#include <QVariantMap>

namespace TwinBridge::Sandbox {

// A telemetry PUBLISH as IoT Hub records it (reference/azure-protocols.md §1.6, §4.2): the property bag of the
// topic split into system properties — under the names IoT Hub gives them on its Event Hubs endpoint
// (`$.mid` → message-id, `$.ct` → content-type, …) — and application properties, plus the size IoT Hub
// counts against its 256 KB limit: the body, the values of the system properties and the names and values of
// the application properties.
struct DeviceToCloudMessage
{
    static constexpr qsizetype MaxSize = 256 * 1024;

    QVariantMap systemProperties;
    QVariantMap applicationProperties;
    qsizetype size = 0;

    // `bag` as decoded from the topic (`$.` and `%24.` alike), `bodySize` the payload length. A RETAIN
    // publish gets the application property `mqtt-retain` = "true" (not counted). `$.cdid`/`$.cmid` are the
    // hub's to set and are dropped (IoT Hub stamps iothub-connection-device-id itself).
    static DeviceToCloudMessage fromProperties(const MessagePropertyBag &bag, qsizetype bodySize, bool retain);

    // The IoT Hub name of a wire system property ("$.mid" → "message-id"). Keys without a documented
    // Event Hubs name keep their wire form ("$.ctime"); empty for keys that are not system properties.
    static QString systemPropertyName(QStringView wireKey);

    // The number of bytes `text` takes in UTF-8.
    static qsizetype utf8Size(QStringView text);
};

} // namespace TwinBridge::Sandbox
