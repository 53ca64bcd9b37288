#pragma once

#include "services/core/Futures.h"
#include "services/core/Result.h"
#include "services/iothub/HubThrottle.h"
#include "services/net/RetryPolicy.h"
#include "services/protocol/MessagePropertyBag.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <chrono>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <optional>

namespace TwinBridge {

class DeviceConnectionContext;
class IotHubDeviceClient;
class RateLimiter;

// The engine's IoT Hub device connections (DESIGN §1 "Connections", issue 6 item 3). Work for a device —
// one D2C message and/or one reported patch — runs on that device's connection, one piece of work at a time
// per device (so order is kept), many devices in parallel.
// - Strict mode: connect → publish → patch → await 204 → disconnect, for whatever work the device has queued
//   when its connection opens (the seed's stateless style).
// - Pooled mode: connections stay open while idle for `idleTtl`; at most `maxConnections` are open, the
//   least recently used idle one is closed to make room; work waits when every connection is busy.
// - Tokens are renewed by reconnecting when the connection's token expires within `renewBefore`.
// - Token buckets pace new connections, D2C messages and twin updates at the hub's limits (a HubThrottle's
//   limiters shared with the REST clients, or buckets of its own from Options::limits); a CONNACK 3, a twin
//   429 or a dropped connection backs off exponentially with jitter and retries (also pausing the bucket
//   concerned for everybody), never above the configured rates.
// - Non-transient errors (authentication, 400, TLS) fail the work at once; transient ones after
//   `retry.maxAttempts` attempts or `retry.maxTotal` time.
// Single-threaded: use it on the context's thread.
class DeviceConnectionPool : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Strict, Pooled };
    Q_ENUM(Mode)

    struct Options
    {
        Mode mode = Mode::Pooled;
        int maxConnections = 10000;
        std::chrono::milliseconds idleTtl = std::chrono::minutes(5);
        std::chrono::seconds renewBefore = std::chrono::minutes(5);
        // Rates per second used: newConnectionsPerSecond, deviceToCloudPerSecond, twinUpdatesPerSecond
        // (0 = unlimited). Default: S1 × 1.
        HubThrottle::Limits limits = HubThrottle::limitsFor(HubSku::S1, 1);
        // Each bucket holds this many seconds' worth of tokens (at least one token).
        double burstSeconds = 1.0;
        RetryPolicy retry = defaultRetry();
        // How often idle connections are checked for their TTL and token expiry.
        std::chrono::milliseconds sweepInterval = std::chrono::seconds(1);

        static RetryPolicy defaultRetry();
    };

    struct Telemetry
    {
        QByteArray body;
        MessagePropertyBag properties;
    };
    // One piece of work for a device; the telemetry is sent before the patch.
    struct Work
    {
        std::optional<Telemetry> telemetry;
        std::optional<QJsonObject> reportedPatch;
    };
    struct Receipt
    {
        bool telemetrySent = false;
        std::optional<qint64> reportedVersion;
        int attempts = 0; // connection attempts + operation attempts that failed transiently, plus one
    };

    struct Counters
    {
        int openConnections = 0; // connected or connecting
        int busyDevices = 0; // devices with work in progress
        int queuedWork = 0; // work waiting behind a device's current work or for a connection slot
        quint64 connects = 0; // CONNACK 0
        quint64 connectFailures = 0;
        quint64 throttled = 0; // CONNACK 3 and twin 429
        quint64 retries = 0;
        quint64 renewals = 0; // reconnects for a token about to expire
        quint64 evictions = 0; // idle connections closed for the LRU cap
        quint64 idleClosed = 0; // idle connections closed after the TTL
        quint64 drops = 0; // connections lost unexpectedly
        quint64 telemetrySent = 0;
        quint64 reportedPatches = 0;
        quint64 failedWork = 0;
    };

    DeviceConnectionPool(DeviceConnectionContext *context, Options options, QObject *parent = nullptr);
    // With the hub's own limiters: new connections, D2C messages and reported patches wait on `throttle`'s
    // NewConnection, DeviceToCloud and TwinUpdate limiters (not owned; it must outlive the pool), which the
    // engine's REST clients use too — IoT Hub counts REST twin updates and reported patches against one limit.
    // Options::limits and burstSeconds are then not used; the throttle sets the rates.
    DeviceConnectionPool(DeviceConnectionContext *context, Options options, HubThrottle *throttle,
                         QObject *parent = nullptr);
    ~DeviceConnectionPool() override;

    // The limits HubThrottle gives a tier, as pool options.
    static HubThrottle::Limits limitsFor(HubSku sku, int units) { return HubThrottle::limitsFor(sku, units); }

    const Options &options() const { return m_options; }
    // New rates apply at once; mode, caps and TTL to the next decision.
    void setOptions(Options options);

    // Queues `work` for `deviceId` behind its earlier work; resolves when all of it was confirmed (PUBACK,
    // 204) or failed for good. A failure after the telemetry was confirmed carries the payload
    // {"telemetrySent": true}.
    QFuture<Result<Receipt>> submit(const QString &deviceId, Work work);

    // Closes every connection (DISCONNECT); queued and running work fails with Canceled.
    void closeAll();

    Counters counters() const;
    bool hasConnection(const QString &deviceId) const;

signals:
    // Whenever a counter changed (at most once per event-loop turn).
    void countersChanged();

private:
    struct Job
    {
        Work work;
        Futures::SharedPromise<Result<Receipt>> promise;
        Receipt receipt;
        qint64 startedMs = 0;
    };
    struct Device;
    using DeviceMap = QHash<QString, std::shared_ptr<Device>>;

    void pump(const std::shared_ptr<Device> &device);
    void startJob(const std::shared_ptr<Device> &device);
    void ensureConnection(const std::shared_ptr<Device> &device);
    void runSteps(const std::shared_ptr<Device> &device);
    void stepDone(const std::shared_ptr<Device> &device);
    void stepFailed(const std::shared_ptr<Device> &device, const ServiceError &error);
    void whenAdmitted(RateLimiter *limiter, std::function<void()> go);
    void finishJob(const std::shared_ptr<Device> &device, Result<Receipt> result);
    void releaseConnection(const std::shared_ptr<Device> &device);
    void closeConnection(const std::shared_ptr<Device> &device);
    bool takeConnectionSlot();
    void admitWaiting();
    void touchIdle(const std::shared_ptr<Device> &device);
    void untouchIdle(const std::shared_ptr<Device> &device);
    void scheduleSweep();
    void sweep();
    void forget(const std::shared_ptr<Device> &device);
    void applyRates();
    void noteChanged();

    DeviceConnectionContext *m_context;
    Options m_options;
    RateLimiter *m_connectLimiter = nullptr;
    RateLimiter *m_telemetryLimiter = nullptr;
    RateLimiter *m_twinLimiter = nullptr;
    bool m_sharedLimiters = false; // the limiters are a HubThrottle's
    DeviceMap m_devices;
    std::list<std::shared_ptr<Device>> m_idle; // least recently used first
    std::deque<std::weak_ptr<Device>> m_waitingForSlot; // devices with work and no connection slot
    int m_openConnections = 0;
    Counters m_counters;
    bool m_sweepScheduled = false;
    quint64 m_sweepGeneration = 0;
    // No idle connection's token expires before this (seconds since the epoch; 0 = none known): the sweep
    // looks at every idle connection only when one may need renewing.
    qint64 m_earliestIdleTokenExpiry = 0;
    bool m_changeQueued = false;
    std::shared_ptr<int> m_alive;
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::DeviceConnectionPool::Counters)
