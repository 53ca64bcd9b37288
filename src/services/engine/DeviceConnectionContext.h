#pragma once

#include "services/core/Clock.h"
#include "services/core/TimeoutWheel.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/engine/TlsClientContext.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace TwinBridge {

class IotHubDeviceClient;

// The state all IotHubDeviceClients of one hub share, so that a connection costs its socket and a few
// kilobytes: the settings (the policy key), one OpenSSL context, the Clock, and one TimeoutWheel for
// every connect, operation and keep-alive deadline (no QTimer per connection). Single-threaded: clients
// and the context live on one thread. Must outlive its clients.
class DeviceConnectionContext : public QObject
{
    Q_OBJECT

public:
    explicit DeviceConnectionContext(DeviceConnectionSettings settings, Clock *clock = Clock::system(),
                                     QObject *parent = nullptr);
    ~DeviceConnectionContext() override;

    const DeviceConnectionSettings &settings() const { return m_settings; }
    // Applies to connections opened afterwards.
    void setSettings(DeviceConnectionSettings settings);
    Clock *clock() const { return m_clock; }
    // The one OpenSSL context of every connection (CA certificates of settings().ssl).
    std::shared_ptr<TlsClientContext> tlsContext() const { return m_tls; }

    // The CONNECT password for `deviceId`: a SAS token for {hub}/devices/{deviceId} signed with the policy
    // key, expiring tokenLifetime from now. Returns the expiry (seconds since the epoch) in `expiry`.
    QString deviceToken(const QString &deviceId, qint64 *expiry) const;

    // Number of live clients (for counters and tests).
    int clientCount() const { return int(m_clients.size()); }

    // A random number in [0, 1) for back-off jitter; replaceable for deterministic tests.
    double random01();
    void setRandom(std::function<double()> random01) { m_random = std::move(random01); }

private:
    friend class IotHubDeviceClient;
    quint64 registerClient(IotHubDeviceClient *client);
    void unregisterClient(quint64 key);
    void scheduleDeadline(quint64 key, qint64 dueMs);

    DeviceConnectionSettings m_settings;
    std::shared_ptr<TlsClientContext> m_tls;
    Clock *m_clock;
    TimeoutWheel m_wheel;
    QHash<quint64, IotHubDeviceClient *> m_clients;
    quint64 m_nextKey = 1;
    std::function<double()> m_random;
};

} // namespace TwinBridge
