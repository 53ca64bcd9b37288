#include "sandbox/mqtt/DeviceSubscriptions.h"

#include <bit>

namespace TwinBridge::Sandbox {

quint8 DeviceSubscriptions::subscribe(const QString &filter, quint8 requestedQos, const QString &deviceId,
                                      int maxSubscriptions)
{
    const Result<IotHubSubscription::Kind> kind = IotHubSubscription::classify(filter, deviceId);
    if (!kind.ok() || requestedQos > 2)
        return Refused;
    const quint8 mask = bit(kind.value());
    if (!(m_subscribed & mask) && count() >= maxSubscriptions)
        return Refused;
    // IoT Hub has no QoS 2: a QoS 2 request is granted QoS 1 (§1.4).
    const quint8 granted = requestedQos >= 1 ? 1 : 0;
    m_subscribed |= mask;
    if (granted == 1)
        m_qos1 |= mask;
    else
        m_qos1 &= quint8(~mask);
    return granted;
}

void DeviceSubscriptions::unsubscribe(const QString &filter, const QString &deviceId)
{
    const Result<IotHubSubscription::Kind> kind = IotHubSubscription::classify(filter, deviceId);
    if (!kind.ok())
        return;
    m_subscribed &= quint8(~bit(kind.value()));
    m_qos1 &= quint8(~bit(kind.value()));
}

int DeviceSubscriptions::count() const
{
    return std::popcount(unsigned(m_subscribed));
}

DeviceSubscriptions DeviceSubscriptions::fromByte(quint8 value)
{
    DeviceSubscriptions subscriptions;
    subscriptions.m_subscribed = value & 0x0f;
    subscriptions.m_qos1 = (value >> 4) & subscriptions.m_subscribed;
    return subscriptions;
}

} // namespace TwinBridge::Sandbox
