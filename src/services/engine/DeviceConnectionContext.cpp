#include "services/engine/DeviceConnectionContext.h"

#include "services/engine/IotHubDeviceClient.h"
#include "services/protocol/SasToken.h"

#include <QRandomGenerator>

namespace TwinBridge {

DeviceConnectionContext::DeviceConnectionContext(DeviceConnectionSettings settings, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_tls(std::make_shared<TlsClientContext>(m_settings.ssl.caCertificates()))
    , m_clock(clock)
    , m_wheel(
          clock, this,
          [this](quint64 key) {
              if (IotHubDeviceClient *client = m_clients.value(key))
                  client->onDeadline();
          },
          m_settings.timerResolution, 4096)
{ }

DeviceConnectionContext::~DeviceConnectionContext() = default;

void DeviceConnectionContext::setSettings(DeviceConnectionSettings settings)
{
    m_settings = std::move(settings);
    m_tls = std::make_shared<TlsClientContext>(m_settings.ssl.caCertificates());
}

QString DeviceConnectionContext::deviceToken(const QString &deviceId, qint64 *expiry) const
{
    const qint64 expiresAt = m_clock->secondsSinceEpoch() + qint64(m_settings.tokenLifetime.count());
    if (expiry)
        *expiry = expiresAt;
    return SasToken::sign(SasToken::deviceResource(m_settings.hubHostName, deviceId), m_settings.policyKey, expiresAt,
                          m_settings.policyName);
}

double DeviceConnectionContext::random01()
{
    if (m_random)
        return m_random();
    return QRandomGenerator::global()->generateDouble();
}

quint64 DeviceConnectionContext::registerClient(IotHubDeviceClient *client)
{
    const quint64 key = m_nextKey++;
    m_clients.insert(key, client);
    return key;
}

void DeviceConnectionContext::unregisterClient(quint64 key)
{
    m_clients.remove(key);
}

void DeviceConnectionContext::scheduleDeadline(quint64 key, qint64 dueMs)
{
    m_wheel.schedule(key, dueMs);
}

} // namespace TwinBridge
