#include "services/engine/DeviceConnectionPool.h"

#include "services/core/Logging.h"
#include "services/core/RateLimiter.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/IotHubDeviceClient.h"

#include <QTimer>

#include <algorithm>

namespace TwinBridge {

struct DeviceConnectionPool::Device
{
    QString id;
    IotHubDeviceClient *client = nullptr; // owned by the pool (deleted with deleteLater)
    QList<Job> queue; // the front is the running job while `busy` (no allocation while empty)
    bool busy = false;
    bool hasSlot = false; // counts in m_openConnections
    bool waitingForSlot = false;
    bool waitingForStep = false; // a limiter, back-off or client answer is pending
    bool idle = false;
    bool connecting = false; // connectToHub() was called and has not answered yet
    std::list<std::shared_ptr<Device>>::iterator idleIt;
    qint64 idleSinceMs = 0;
    quint64 generation = 0; // bumped when the device is closed down: stale callbacks compare it
    bool forgotten = false;
};

RetryPolicy DeviceConnectionPool::Options::defaultRetry()
{
    RetryPolicy policy;
    policy.maxAttempts = 10;
    policy.initialDelay = std::chrono::milliseconds(500);
    policy.maxDelay = std::chrono::seconds(30);
    policy.maxTotal = std::chrono::minutes(5);
    policy.multiplier = 2.0;
    policy.jitter = 0.25;
    return policy;
}

DeviceConnectionPool::DeviceConnectionPool(DeviceConnectionContext *context, Options options, QObject *parent)
    : DeviceConnectionPool(context, std::move(options), nullptr, parent)
{ }

DeviceConnectionPool::DeviceConnectionPool(DeviceConnectionContext *context, Options options, HubThrottle *throttle,
                                           QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_options(std::move(options))
    , m_alive(std::make_shared<int>(0))
{
    if (throttle) {
        m_sharedLimiters = true;
        m_connectLimiter = throttle->limiter(HubThrottle::Operation::NewConnection);
        m_telemetryLimiter = throttle->limiter(HubThrottle::Operation::DeviceToCloud);
        m_twinLimiter = throttle->limiter(HubThrottle::Operation::TwinUpdate);
        return;
    }
    // Full buckets from the start: the first second may use the whole burst.
    auto limiter = [this](double rate) {
        return new RateLimiter(rate, std::max(1.0, rate * m_options.burstSeconds), m_context->clock(), this);
    };
    m_connectLimiter = limiter(m_options.limits.newConnectionsPerSecond);
    m_telemetryLimiter = limiter(m_options.limits.deviceToCloudPerSecond);
    m_twinLimiter = limiter(m_options.limits.twinUpdatesPerSecond);
}

DeviceConnectionPool::~DeviceConnectionPool()
{
    closeAll();
}

void DeviceConnectionPool::setOptions(Options options)
{
    const bool sweepChanged = options.sweepInterval != m_options.sweepInterval;
    m_options = std::move(options);
    applyRates();
    if (sweepChanged) {
        ++m_sweepGeneration; // the pending sweep is dropped
        m_sweepScheduled = false;
        scheduleSweep();
    }
    admitWaiting();
}

void DeviceConnectionPool::applyRates()
{
    if (m_sharedLimiters)
        return; // the HubThrottle's rates
    auto configure = [this](RateLimiter *limiter, double rate) {
        limiter->setRate(rate, std::max(1.0, rate * m_options.burstSeconds));
    };
    configure(m_connectLimiter, m_options.limits.newConnectionsPerSecond);
    configure(m_telemetryLimiter, m_options.limits.deviceToCloudPerSecond);
    configure(m_twinLimiter, m_options.limits.twinUpdatesPerSecond);
}

QFuture<Result<DeviceConnectionPool::Receipt>> DeviceConnectionPool::submit(const QString &deviceId, Work work)
{
    std::shared_ptr<Device> &slot = m_devices[deviceId];
    if (!slot) {
        slot = std::make_shared<Device>();
        slot->id = deviceId;
    }
    const std::shared_ptr<Device> device = slot;
    Job job;
    job.work = std::move(work);
    job.promise = Futures::startedPromise<Result<Receipt>>();
    QFuture<Result<Receipt>> future = job.promise->future();
    device->queue.push_back(std::move(job));
    pump(device);
    noteChanged();
    return future;
}

void DeviceConnectionPool::pump(const std::shared_ptr<Device> &device)
{
    if (device->forgotten || device->busy)
        return;
    if (device->queue.empty()) {
        releaseConnection(device);
        return;
    }
    startJob(device);
}

void DeviceConnectionPool::startJob(const std::shared_ptr<Device> &device)
{
    device->busy = true;
    untouchIdle(device);
    Job &job = device->queue.front();
    job.startedMs = m_context->clock()->monotonicMs();
    job.receipt.attempts = 1;
    runSteps(device);
}

void DeviceConnectionPool::runSteps(const std::shared_ptr<Device> &device)
{
    if (device->forgotten || !device->busy || device->queue.empty())
        return;
    Job &job = device->queue.front();
    IotHubDeviceClient *client = device->client;
    const quint64 generation = device->generation;
    std::weak_ptr<int> alive = m_alive;

    if (client && client->isConnected() && client->tokenExpiry() > 0 &&
        m_context->clock()->secondsSinceEpoch() + qint64(m_options.renewBefore.count()) >= client->tokenExpiry()) {
        // Renew the token by reconnecting; the slot stays ours.
        ++m_counters.renewals;
        client->disconnectFromHub();
    }
    if (!client || !client->isConnected()) {
        ensureConnection(device);
        return;
    }

    // Whether a callback still belongs to this device's current work.
    auto current = [device, generation, alive] {
        return !alive.expired() && device->generation == generation && !device->forgotten;
    };

    if (job.work.telemetry && !job.receipt.telemetrySent) {
        device->waitingForStep = true;
        whenAdmitted(m_telemetryLimiter, [this, device, current] {
            if (!current())
                return;
            if (!device->client || !device->client->isConnected()) {
                device->waitingForStep = false;
                runSteps(device);
                return;
            }
            const Telemetry &telemetry = *device->queue.front().work.telemetry;
            device->client->publishTelemetry(telemetry.body, telemetry.properties)
                .then([this, device, current](const Status &status) {
                    if (!current())
                        return;
                    device->waitingForStep = false;
                    if (!status.ok()) {
                        stepFailed(device, status.error());
                        return;
                    }
                    device->queue.front().receipt.telemetrySent = true;
                    ++m_counters.telemetrySent;
                    noteChanged();
                    runSteps(device);
                });
        });
        return;
    }
    if (job.work.reportedPatch && !job.receipt.reportedVersion) {
        device->waitingForStep = true;
        whenAdmitted(m_twinLimiter, [this, device, current] {
            if (!current())
                return;
            if (!device->client || !device->client->isConnected()) {
                device->waitingForStep = false;
                runSteps(device);
                return;
            }
            device->client->patchReported(*device->queue.front().work.reportedPatch)
                .then([this, device, current](const Result<qint64> &version) {
                    if (!current())
                        return;
                    device->waitingForStep = false;
                    if (!version.ok()) {
                        stepFailed(device, version.error());
                        return;
                    }
                    device->queue.front().receipt.reportedVersion = version.value();
                    ++m_counters.reportedPatches;
                    noteChanged();
                    runSteps(device);
                });
        });
        return;
    }
    finishJob(device, job.receipt);
}

void DeviceConnectionPool::ensureConnection(const std::shared_ptr<Device> &device)
{
    if (!device->hasSlot) {
        if (!takeConnectionSlot()) {
            if (!device->waitingForSlot) {
                device->waitingForSlot = true;
                m_waitingForSlot.push_back(device);
            }
            noteChanged();
            return;
        }
        device->hasSlot = true;
    }
    if (!device->client) {
        device->client = new IotHubDeviceClient(device->id, m_context, this);
        std::weak_ptr<Device> weak = device;
        // A handler, not a signal connection: ten thousand connections would each carry Qt's connection
        // bookkeeping. It is cleared before the client goes (forget(), closeAll()).
        device->client->setDisconnectHandler([this, weak](const ServiceError &reason) {
            const std::shared_ptr<Device> dropped = weak.lock();
            if (!dropped)
                return;
            if (std::exchange(dropped->connecting, false))
                ++m_counters.connectFailures;
            else
                ++m_counters.drops;
            qCDebug(lcIotHubMqtt) << "Device" << dropped->id << "connection ended:" << reason.code();
            if (dropped->hasSlot) {
                dropped->hasSlot = false;
                --m_openConnections;
            }
            untouchIdle(dropped);
            noteChanged();
            if (!dropped->busy && dropped->queue.empty())
                forget(dropped);
            admitWaiting();
        });
    }
    if (device->client->state() == IotHubDeviceClient::State::Connecting)
        return; // the running attempt reports through its future
    const quint64 generation = device->generation;
    std::weak_ptr<int> alive = m_alive;
    device->waitingForStep = true;
    whenAdmitted(m_connectLimiter, [this, device, generation, alive] {
        if (alive.expired() || device->generation != generation || device->forgotten || !device->client)
            return;
        if (!device->hasSlot) { // the connection ended while we waited for the token
            device->waitingForStep = false;
            runSteps(device);
            return;
        }
        device->connecting = true;
        device->client->connectToHub().then([this, device, generation, alive](const Status &status) {
            if (alive.expired() || device->generation != generation || device->forgotten)
                return;
            device->connecting = false;
            device->waitingForStep = false;
            if (!status.ok()) {
                stepFailed(device, status.error());
                return;
            }
            ++m_counters.connects;
            noteChanged();
            runSteps(device);
        });
    });
}

// Every event-loop turn costs a poll() over all open sockets (Qt's UNIX dispatcher), which dominates at ten
// thousand connections: a token that is there now is taken at once, and the client's futures are continued
// synchronously (guarded by the device's generation) rather than through queued hops.
void DeviceConnectionPool::whenAdmitted(RateLimiter *limiter, std::function<void()> go)
{
    if (limiter->tryAcquire())
        go();
    else
        limiter->acquire(this, std::move(go));
}

void DeviceConnectionPool::stepFailed(const std::shared_ptr<Device> &device, const ServiceError &error)
{
    if (device->queue.empty())
        return;
    Job &job = device->queue.front();
    const bool throttled = error.kind() == ServiceError::Kind::Throttled ||
        (error.kind() == ServiceError::Kind::Unavailable && error.code() == QLatin1String("ServerUnavailable"));
    if (throttled)
        ++m_counters.throttled;
    const qint64 elapsed = m_context->clock()->monotonicMs() - job.startedMs;
    const bool retry = error.isTransient() && job.receipt.attempts < m_options.retry.maxAttempts &&
        elapsed < m_options.retry.maxTotal.count();
    if (!retry) {
        qCDebug(lcIotHubMqtt) << "Device" << device->id << "work failed:" << error.code()
                              << ServiceError::kindName(error.kind()) << "after" << job.receipt.attempts << "attempts";
        ServiceError final = error;
        if (job.receipt.telemetrySent) // what did go through, so that a replay can skip it
            final.setPayload(QJsonObject {{QStringLiteral("telemetrySent"), true}});
        finishJob(device, final);
        return;
    }
    std::chrono::milliseconds delay = m_options.retry.delayFor(job.receipt.attempts, m_context->random01());
    delay = std::max(delay, error.retryAfter());
    ++job.receipt.attempts;
    ++m_counters.retries;
    if (throttled) {
        // Everybody backs off from the throttled operation class, not only this device.
        if (error.kind() == ServiceError::Kind::Throttled)
            m_twinLimiter->pauseFor(delay);
        else
            m_connectLimiter->pauseFor(delay);
    }
    qCDebug(lcIotHubMqtt) << "Device" << device->id << "retrying in" << delay.count() << "ms after" << error.code();
    noteChanged();
    const quint64 generation = device->generation;
    std::weak_ptr<int> alive = m_alive;
    device->waitingForStep = true;
    m_context->clock()->callAfter(delay, this, [this, device, generation, alive] {
        if (alive.expired() || device->generation != generation || device->forgotten)
            return;
        device->waitingForStep = false;
        runSteps(device);
    });
}

void DeviceConnectionPool::finishJob(const std::shared_ptr<Device> &device, Result<Receipt> result)
{
    Job job = std::move(device->queue.front());
    device->queue.pop_front();
    if (device->queue.empty())
        device->queue = {}; // an idle device holds no queue storage
    device->busy = false;
    if (!result.ok())
        ++m_counters.failedWork;
    noteChanged();
    Futures::fulfil(job.promise, std::move(result));
    pump(device);
}

void DeviceConnectionPool::releaseConnection(const std::shared_ptr<Device> &device)
{
    if (!device->client || !device->client->isConnected()) {
        if (!device->busy && device->queue.empty() && !device->waitingForSlot) {
            if (device->hasSlot) {
                device->hasSlot = false;
                --m_openConnections;
                admitWaiting();
            }
            if (!device->client || device->client->state() == IotHubDeviceClient::State::Disconnected)
                forget(device);
        }
        return;
    }
    if (m_options.mode == Mode::Strict || m_options.idleTtl.count() <= 0) {
        closeConnection(device);
        forget(device);
        admitWaiting();
        return;
    }
    touchIdle(device);
    // Someone is waiting for a slot: the least recently used idle connection makes room.
    admitWaiting();
}

void DeviceConnectionPool::closeConnection(const std::shared_ptr<Device> &device)
{
    untouchIdle(device);
    if (device->client)
        device->client->disconnectFromHub();
    if (device->hasSlot) {
        device->hasSlot = false;
        --m_openConnections;
    }
    noteChanged();
}

bool DeviceConnectionPool::takeConnectionSlot()
{
    if (m_openConnections < std::max(1, m_options.maxConnections)) {
        ++m_openConnections;
        return true;
    }
    if (m_idle.empty())
        return false;
    const std::shared_ptr<Device> victim = m_idle.front();
    ++m_counters.evictions;
    closeConnection(victim);
    forget(victim);
    ++m_openConnections;
    return true;
}

void DeviceConnectionPool::admitWaiting()
{
    while (!m_waitingForSlot.empty()) {
        if (m_openConnections >= std::max(1, m_options.maxConnections) && m_idle.empty())
            return;
        const std::shared_ptr<Device> device = m_waitingForSlot.front().lock();
        m_waitingForSlot.pop_front();
        if (!device || device->forgotten || !device->waitingForSlot)
            continue;
        device->waitingForSlot = false;
        runSteps(device);
    }
}

void DeviceConnectionPool::touchIdle(const std::shared_ptr<Device> &device)
{
    untouchIdle(device);
    device->idle = true;
    device->idleSinceMs = m_context->clock()->monotonicMs();
    device->idleIt = m_idle.insert(m_idle.end(), device);
    if (device->client && device->client->tokenExpiry() > 0) {
        const qint64 expiry = device->client->tokenExpiry();
        if (m_earliestIdleTokenExpiry == 0 || expiry < m_earliestIdleTokenExpiry)
            m_earliestIdleTokenExpiry = expiry;
    }
    scheduleSweep();
}

void DeviceConnectionPool::untouchIdle(const std::shared_ptr<Device> &device)
{
    if (!device->idle)
        return;
    device->idle = false;
    m_idle.erase(device->idleIt);
}

void DeviceConnectionPool::scheduleSweep()
{
    if (m_sweepScheduled || m_idle.empty())
        return;
    m_sweepScheduled = true;
    std::weak_ptr<int> alive = m_alive;
    const quint64 generation = m_sweepGeneration;
    m_context->clock()->callAfter(m_options.sweepInterval, this, [this, alive, generation] {
        if (alive.expired() || generation != m_sweepGeneration)
            return;
        m_sweepScheduled = false;
        sweep();
        scheduleSweep();
    });
}

void DeviceConnectionPool::sweep()
{
    const qint64 now = m_context->clock()->monotonicMs();
    const qint64 nowSeconds = m_context->clock()->secondsSinceEpoch();
    std::vector<std::shared_ptr<Device>> expired;
    const qint64 renewFrom = nowSeconds + qint64(m_options.renewBefore.count());
    if (m_earliestIdleTokenExpiry == 0 || renewFrom < m_earliestIdleTokenExpiry) {
        // No token to renew: only the TTL. The idle list is in idle-since order, so the connections past it
        // are its front (ten thousand idle connections cost nothing here).
        for (const std::shared_ptr<Device> &device : m_idle) {
            if (now - device->idleSinceMs < m_options.idleTtl.count())
                break;
            expired.push_back(device);
        }
    } else {
        qint64 earliest = 0;
        for (const std::shared_ptr<Device> &device : m_idle) {
            const bool ttlPassed = now - device->idleSinceMs >= m_options.idleTtl.count();
            const qint64 expiry = device->client ? device->client->tokenExpiry() : 0;
            const bool tokenExpiring = expiry > 0 && renewFrom >= expiry;
            if (ttlPassed || tokenExpiring)
                expired.push_back(device);
            else if (expiry > 0 && (earliest == 0 || expiry < earliest))
                earliest = expiry;
        }
        m_earliestIdleTokenExpiry = earliest;
    }
    for (const std::shared_ptr<Device> &device : expired) {
        ++m_counters.idleClosed;
        closeConnection(device);
        forget(device);
    }
    if (!expired.empty())
        admitWaiting();
}

void DeviceConnectionPool::forget(const std::shared_ptr<Device> &device)
{
    if (device->busy || !device->queue.empty() || device->forgotten)
        return;
    untouchIdle(device);
    if (device->hasSlot) {
        device->hasSlot = false;
        --m_openConnections;
    }
    device->forgotten = true;
    ++device->generation;
    if (device->client) {
        device->client->setDisconnectHandler({});
        device->client->disconnectFromHub();
        device->client->deleteLater();
        device->client = nullptr;
    }
    const auto it = m_devices.constFind(device->id);
    if (it != m_devices.constEnd() && it.value() == device)
        m_devices.erase(it);
    noteChanged();
}

void DeviceConnectionPool::closeAll()
{
    const DeviceMap devices = std::exchange(m_devices, {});
    m_idle.clear();
    m_waitingForSlot.clear();
    for (const std::shared_ptr<Device> &device : devices) {
        device->idle = false;
        device->forgotten = true;
        ++device->generation;
        device->waitingForSlot = false;
        if (device->client) {
            device->client->setDisconnectHandler({});
            device->client->disconnectFromHub();
            device->client->deleteLater();
            device->client = nullptr;
        }
        QList<Job> jobs = std::exchange(device->queue, {});
        device->busy = false;
        for (Job &job : jobs) {
            ++m_counters.failedWork;
            Futures::fulfil(
                job.promise,
                Result<Receipt>(ServiceError::canceled(tr("deliver the messages of %1 to IoT Hub").arg(device->id))));
        }
    }
    m_openConnections = 0;
    noteChanged();
}

DeviceConnectionPool::Counters DeviceConnectionPool::counters() const
{
    Counters counters = m_counters;
    counters.openConnections = m_openConnections;
    int busy = 0;
    int queued = 0;
    for (const std::shared_ptr<Device> &device : m_devices) {
        if (device->busy)
            ++busy;
        queued += int(device->queue.size()) - (device->busy ? 1 : 0);
    }
    counters.busyDevices = busy;
    counters.queuedWork = queued;
    return counters;
}

bool DeviceConnectionPool::hasConnection(const QString &deviceId) const
{
    const std::shared_ptr<Device> device = m_devices.value(deviceId);
    return device && device->client && device->client->isConnected();
}

void DeviceConnectionPool::noteChanged()
{
    if (m_changeQueued)
        return;
    m_changeQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_changeQueued = false;
            emit countersChanged();
        },
        Qt::QueuedConnection);
}

} // namespace TwinBridge
