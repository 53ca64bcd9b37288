#pragma once

#include "services/protocol/IotHubSubscription.h"

#include <QList>
#include <QString>

namespace TwinBridge::Sandbox {

// The subscriptions of one device connection, as IoT Hub handles them (reference/azure-protocols.md §1.4):
// only the documented filters, at most five at a time, QoS 2 granted as QoS 1. Two bytes, so that ten
// thousand connections can afford it and a clean-session-0 device's subscriptions can be kept after it
// disconnects.
class DeviceSubscriptions
{
public:
    static constexpr quint8 Refused = 0x80; // SUBACK failure code

    // SUBSCRIBE of one filter: the SUBACK code (granted QoS 0/1, or Refused). Subscribing again to a filter
    // that is already held replaces it (MQTT 3.1.1 §3.8.4) and does not count twice.
    quint8 subscribe(const QString &filter, quint8 requestedQos, const QString &deviceId,
                     int maxSubscriptions = IotHubSubscription::MaxSubscriptionsPerDevice);
    // UNSUBSCRIBE of one filter; unknown filters are ignored (UNSUBACK is sent regardless).
    void unsubscribe(const QString &filter, const QString &deviceId);

    bool has(IotHubSubscription::Kind kind) const { return m_subscribed & bit(kind); }
    // The QoS granted for `kind` (0 or 1); 0 if not subscribed.
    quint8 grantedQos(IotHubSubscription::Kind kind) const { return (m_qos1 & bit(kind)) ? 1 : 0; }
    int count() const;
    bool isEmpty() const { return m_subscribed == 0; }
    void clear() { m_subscribed = m_qos1 = 0; }

    // The compact form kept for a clean-session-0 device between connections, and back.
    quint8 toByte() const { return quint8(m_subscribed | (m_qos1 << 4)); }
    static DeviceSubscriptions fromByte(quint8 value);

    bool operator==(const DeviceSubscriptions &other) const = default;

private:
    static quint8 bit(IotHubSubscription::Kind kind) { return quint8(1u << int(kind)); }

    quint8 m_subscribed = 0;
    quint8 m_qos1 = 0;
};

} // namespace TwinBridge::Sandbox
