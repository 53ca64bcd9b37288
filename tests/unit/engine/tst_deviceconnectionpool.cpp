#include "DeviceHubFixture.h"

#include "services/core/Clock.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/DeviceConnectionPool.h"

#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

// DeviceConnectionPool policy on a ManualClock: the pool, the sandbox hub and its device endpoint share the
// clock, so rates, back-off, TTL and token expiry move only when the test advances time, while the MQTT/TLS
// traffic runs over real loopback sockets. What a test counts on the hub side (connects, refusals, recorded
// messages) is what IoT Hub would see.
class TestDeviceConnectionPool : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pooledKeepsOneConnectionPerDevice();
    void strictConnectsPerBatchAndCloses();
    void keepsOrderPerDevice();
    void evictsTheLeastRecentlyUsedIdleConnection();
    void waitsForASlotWhenAllAreBusy();
    void closesIdleConnectionsAfterTheTtl();
    void renewsTheTokenByReconnecting();
    void newConnectionsObserveTheRate();
    void telemetryObservesTheRate();
    void twinUpdatesObserveTheRate();
    void connack3BacksOffForEverybody();
    void throttledPatchBacksOffAndRetries();
    void authorizationErrorIsNotRetried();
    void givesUpAfterMaxAttempts();
    void rejectedPatchFailsAtOnceAndSaysTheTelemetryWentThrough();
    void dropsAreCountedAndRecovered();
    void closeAllCancelsWork();

private:
    DeviceConnectionPool::Options options(DeviceConnectionPool::Mode mode = DeviceConnectionPool::Mode::Pooled) const;
    static DeviceConnectionPool::Work telemetry(const QByteArray &body);
    static DeviceConnectionPool::Work uplink(const QByteArray &body, int value);
    void addDevices(int count);

    Test::DeviceHubFixture m_fixture;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<DeviceConnectionContext> m_context;
};

template<typename T>
static bool finished(const QList<QFuture<T>> &futures, int count)
{
    return std::count_if(futures.begin(), futures.end(), [](const QFuture<T> &f) { return f.isFinished(); }) == count;
}

template<typename T>
static T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        qFatal("future did not finish");
    return future.result();
}

void TestDeviceConnectionPool::initTestCase()
{
    QVERIFY(m_fixture.createAuthority());
}

void TestDeviceConnectionPool::init()
{
    m_clock = std::make_unique<ManualClock>();
    QVERIFY(m_fixture.start(m_clock.get(), false));
    addDevices(8);
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.keepAlive = 600s; // the endpoint closes after 1.5 × keep-alive of silence
    settings.tokenLifetime = 60min;
    m_context = std::make_unique<DeviceConnectionContext>(settings, m_clock.get());
    m_context->setRandom([] { return 0.5; }); // no jitter: exact back-off delays
}

void TestDeviceConnectionPool::cleanup()
{
    m_context.reset();
    m_fixture.stop();
    m_clock.reset();
}

void TestDeviceConnectionPool::addDevices(int count)
{
    for (int i = 0; i < count; ++i) {
        DeviceIdentity identity;
        identity.deviceId = QStringLiteral("dev-%1").arg(i);
        QVERIFY(m_fixture.hub()->createDevice(identity).ok());
    }
}

DeviceConnectionPool::Options TestDeviceConnectionPool::options(DeviceConnectionPool::Mode mode) const
{
    DeviceConnectionPool::Options options;
    options.mode = mode;
    options.limits = HubThrottle::Limits(); // unlimited unless a test sets a rate
    options.idleTtl = 60s;
    options.renewBefore = 5min;
    options.retry.initialDelay = 500ms;
    options.retry.multiplier = 2;
    options.retry.maxDelay = 8s;
    options.retry.maxAttempts = 10;
    options.retry.maxTotal = 10min;
    return options;
}

DeviceConnectionPool::Work TestDeviceConnectionPool::telemetry(const QByteArray &body)
{
    DeviceConnectionPool::Work work;
    MessagePropertyBag properties;
    properties.set(QStringLiteral("$.mid"), QString::fromLatin1(body));
    work.telemetry = DeviceConnectionPool::Telemetry {body, properties};
    return work;
}

DeviceConnectionPool::Work TestDeviceConnectionPool::uplink(const QByteArray &body, int value)
{
    DeviceConnectionPool::Work work = telemetry(body);
    work.reportedPatch = QJsonObject {{QStringLiteral("value"), value}};
    return work;
}

static QString dev(int i)
{
    return QStringLiteral("dev-%1").arg(i);
}

void TestDeviceConnectionPool::pooledKeepsOneConnectionPerDevice()
{
    DeviceConnectionPool pool(m_context.get(), options());
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 3; ++i)
            futures.append(pool.submit(dev(i), uplink(QByteArray::number(round * 10 + i), round)));
    QTRY_VERIFY(finished(futures, 9));
    for (const auto &future : futures) {
        QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
        QVERIFY(future.result().value().telemetrySent);
        QVERIFY(future.result().value().reportedVersion.has_value());
    }
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(3));
    QCOMPARE(pool.counters().connects, quint64(3));
    QCOMPARE(pool.counters().openConnections, 3);
    QCOMPARE(pool.counters().telemetrySent, quint64(9));
    QCOMPARE(pool.counters().reportedPatches, quint64(9));
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 3);

    // More work later reuses the open connections.
    QVERIFY(await(pool.submit(dev(1), uplink("later", 9))).ok());
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(3));
    QCOMPARE(m_fixture.hub()->twin(dev(1)).value().reported.value(QStringLiteral("value")).toInt(), 9);
}

void TestDeviceConnectionPool::strictConnectsPerBatchAndCloses()
{
    DeviceConnectionPool pool(m_context.get(), options(DeviceConnectionPool::Mode::Strict));
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 2; ++i)
            futures.append(pool.submit(dev(i), uplink(QByteArray::number(round * 10 + i), round)));
    QTRY_VERIFY(finished(futures, 6));
    for (const auto &future : futures)
        QVERIFY(future.result().ok());
    // The work queued when a device's connection opened is one batch: one connection each.
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(2));
    QCOMPARE(pool.counters().openConnections, 0);
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 0);
    QVERIFY(!pool.hasConnection(dev(0)));

    // Every later piece of work is a connection of its own.
    QVERIFY(await(pool.submit(dev(0), uplink("a", 1))).ok());
    QVERIFY(await(pool.submit(dev(0), uplink("b", 2))).ok());
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(4));
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 0);
    QCOMPARE(m_fixture.hub()->metrics().reportedPatches, quint64(8));
}

void TestDeviceConnectionPool::keepsOrderPerDevice()
{
    DeviceConnectionPool pool(m_context.get(), options());
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int n = 0; n < 20; ++n)
        for (int i = 0; i < 3; ++i)
            futures.append(pool.submit(dev(i), uplink(QByteArray::number(n), n)));
    QTRY_VERIFY(finished(futures, 60));
    for (int i = 0; i < 3; ++i) {
        const QList<HubMessage> messages = m_fixture.hub()->recordedMessages(dev(i), 0);
        QCOMPARE(messages.size(), 20);
        for (int n = 0; n < 20; ++n)
            QCOMPARE(messages.at(n).body, QByteArray::number(n));
        // The last patch is the last one applied.
        QCOMPARE(m_fixture.hub()->twin(dev(i)).value().reported.value(QStringLiteral("value")).toInt(), 19);
    }
}

void TestDeviceConnectionPool::evictsTheLeastRecentlyUsedIdleConnection()
{
    DeviceConnectionPool::Options opts = options();
    opts.maxConnections = 2;
    DeviceConnectionPool pool(m_context.get(), opts);
    QVERIFY(await(pool.submit(dev(0), telemetry("0"))).ok());
    QVERIFY(await(pool.submit(dev(1), telemetry("1"))).ok());
    QVERIFY(await(pool.submit(dev(0), telemetry("0b"))).ok()); // dev-0 is now the most recently used
    QVERIFY(await(pool.submit(dev(2), telemetry("2"))).ok());
    QVERIFY(pool.hasConnection(dev(0)));
    QVERIFY(!pool.hasConnection(dev(1)));
    QVERIFY(pool.hasConnection(dev(2)));
    QCOMPARE(pool.counters().evictions, quint64(1));
    QCOMPARE(pool.counters().openConnections, 2);
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 2);
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(3));
}

void TestDeviceConnectionPool::waitsForASlotWhenAllAreBusy()
{
    DeviceConnectionPool::Options opts = options();
    opts.maxConnections = 1;
    DeviceConnectionPool pool(m_context.get(), opts);
    const auto first = pool.submit(dev(0), uplink("0", 0));
    const auto second = pool.submit(dev(1), uplink("1", 1));
    QCOMPARE(pool.counters().openConnections, 1);
    QVERIFY(await(second).ok());
    QVERIFY(first.isFinished());
    QVERIFY(first.result().ok());
    QCOMPARE(pool.counters().openConnections, 1);
    QCOMPARE(pool.counters().evictions, quint64(1));
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 1);
}

void TestDeviceConnectionPool::closesIdleConnectionsAfterTheTtl()
{
    DeviceConnectionPool::Options opts = options();
    opts.idleTtl = 10s;
    opts.sweepInterval = 1s;
    DeviceConnectionPool pool(m_context.get(), opts);
    QVERIFY(await(pool.submit(dev(0), telemetry("0"))).ok());
    m_clock->advance(5s);
    QVERIFY(await(pool.submit(dev(1), telemetry("1"))).ok());
    m_clock->advance(4s); // dev-0 idle 9 s, dev-1 4 s
    QVERIFY(pool.hasConnection(dev(0)));
    m_clock->advance(1s); // dev-0 idle 10 s
    QVERIFY(!pool.hasConnection(dev(0)));
    QVERIFY(pool.hasConnection(dev(1)));
    QCOMPARE(pool.counters().idleClosed, quint64(1));
    QCOMPARE(pool.counters().openConnections, 1);
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 1);
    m_clock->advance(5s);
    QVERIFY(!pool.hasConnection(dev(1)));
    QCOMPARE(pool.counters().openConnections, 0);
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 0);
}

void TestDeviceConnectionPool::renewsTheTokenByReconnecting()
{
    DeviceConnectionSettings settings = m_context->settings();
    settings.tokenLifetime = 10min;
    m_context->setSettings(settings);
    DeviceConnectionPool::Options opts = options();
    opts.renewBefore = 5min;
    opts.idleTtl = 1h;
    opts.sweepInterval = 1h; // only the renewal on use is under test here
    DeviceConnectionPool pool(m_context.get(), opts);
    QVERIFY(await(pool.submit(dev(0), telemetry("0"))).ok());
    m_clock->advance(4min);
    QVERIFY(await(pool.submit(dev(0), telemetry("1"))).ok());
    QCOMPARE(pool.counters().renewals, quint64(0));
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(1));
    m_clock->advance(1min + 1s); // the token expires in less than renewBefore
    QVERIFY(await(pool.submit(dev(0), telemetry("2"))).ok());
    QCOMPARE(pool.counters().renewals, quint64(1));
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(2));
    QCOMPARE(m_fixture.hub()->recordedMessages(dev(0), 0).size(), 3);

    // An idle connection whose token is about to expire is closed by the sweep.
    DeviceConnectionPool::Options sweeping = opts;
    sweeping.sweepInterval = 1s;
    pool.setOptions(sweeping);
    QVERIFY(await(pool.submit(dev(1), telemetry("x"))).ok());
    m_clock->advance(4min);
    QVERIFY(pool.hasConnection(dev(1)));
    m_clock->advance(1min + 1s);
    QVERIFY(!pool.hasConnection(dev(1)));
}

void TestDeviceConnectionPool::newConnectionsObserveTheRate()
{
    DeviceConnectionPool::Options opts = options();
    opts.limits.newConnectionsPerSecond = 2; // bucket of 2, one token every 500 ms
    DeviceConnectionPool pool(m_context.get(), opts);
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int i = 0; i < 6; ++i)
        futures.append(pool.submit(dev(i), telemetry(QByteArray::number(i))));
    QTRY_VERIFY(finished(futures, 2));
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(2)); // and stays so while time stands still
    m_clock->advance(499ms);
    QTRY_COMPARE(pool.counters().busyDevices, 4);
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(2));
    m_clock->advance(1ms);
    QTRY_VERIFY(finished(futures, 3));
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(3));
    m_clock->advance(1000ms);
    QTRY_VERIFY(finished(futures, 5));
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(5));
    m_clock->advance(500ms);
    QTRY_VERIFY(finished(futures, 6));
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(6));
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(0));
}

void TestDeviceConnectionPool::telemetryObservesTheRate()
{
    DeviceConnectionPool::Options opts = options();
    opts.limits.deviceToCloudPerSecond = 4; // bucket of 4, one every 250 ms
    DeviceConnectionPool pool(m_context.get(), opts);
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int n = 0; n < 10; ++n)
        futures.append(pool.submit(dev(n % 2), telemetry(QByteArray::number(n))));
    QTRY_VERIFY(finished(futures, 4));
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(4));
    m_clock->advance(250ms);
    QTRY_VERIFY(finished(futures, 5));
    m_clock->advance(1000ms);
    QTRY_VERIFY(finished(futures, 9));
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(9));
    m_clock->advance(250ms);
    QTRY_VERIFY(finished(futures, 10));
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(10));
}

void TestDeviceConnectionPool::twinUpdatesObserveTheRate()
{
    DeviceConnectionPool::Options opts = options();
    opts.limits.twinUpdatesPerSecond = 1;
    DeviceConnectionPool pool(m_context.get(), opts);
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int n = 0; n < 3; ++n) {
        DeviceConnectionPool::Work work;
        work.reportedPatch = QJsonObject {{QStringLiteral("n"), n}};
        futures.append(pool.submit(dev(n), work));
    }
    QTRY_VERIFY(finished(futures, 1));
    QCOMPARE(m_fixture.hub()->metrics().reportedPatches, quint64(1));
    m_clock->advance(999ms);
    QTRY_COMPARE(pool.counters().connects, quint64(3)); // connections are not limited here
    QCOMPARE(m_fixture.hub()->metrics().reportedPatches, quint64(1));
    m_clock->advance(1ms);
    QTRY_VERIFY(finished(futures, 2));
    m_clock->advance(1s);
    QTRY_VERIFY(finished(futures, 3));
    QCOMPARE(m_fixture.hub()->metrics().reportedPatches, quint64(3));
}

// An outage answers CONNACK 3: the device backs off 500 ms, 1 s, 2 s … (no jitter here), and the pause
// holds every other device's new connections too; once the outage is over everything gets through.
void TestDeviceConnectionPool::connack3BacksOffForEverybody()
{
    HubFaults faults;
    faults.outageUntil = m_clock->nowUtc().addMSecs(3000);
    m_fixture.hub()->setFaults(faults);
    DeviceConnectionPool pool(m_context.get(), options());
    const auto first = pool.submit(dev(0), uplink("0", 0));
    QTRY_COMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(1));
    QTRY_COMPARE(pool.counters().throttled, quint64(1));
    QCOMPARE(pool.counters().retries, quint64(1));

    m_clock->advance(499ms);
    const auto second = pool.submit(dev(1), uplink("1", 1)); // must wait for the pause too
    QTRY_COMPARE(pool.counters().busyDevices, 2);
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(1));
    m_clock->advance(1ms); // t = 500: both try (dev-0's retry, dev-1's first) and are refused
    QTRY_COMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(3));
    QTRY_COMPARE(pool.counters().throttled, quint64(3));
    // dev-0 waits 1 s now (second attempt failed), dev-1 500 ms, but the pause of 1 s holds dev-1 too.
    m_clock->advance(999ms);
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(3));
    m_clock->advance(1ms); // t = 1500
    QTRY_COMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(5));
    // dev-0: third failure → 2 s (t = 3500); dev-1: second failure → 1 s, held by the pause until 3500.
    m_clock->advance(1999ms);
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(5));
    QVERIFY(!first.isFinished());
    m_clock->advance(1ms); // t = 3500, the outage ended at 3000
    QVERIFY(await(first).ok());
    QVERIFY(await(second).ok());
    QCOMPARE(first.result().value().attempts, 4);
    QCOMPARE(second.result().value().attempts, 3);
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(2));
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(5));
    QCOMPARE(pool.counters().throttled, quint64(5));
    QCOMPARE(pool.counters().connectFailures, quint64(5));
    QCOMPARE(pool.counters().drops, quint64(0));
    QCOMPARE(m_fixture.hub()->metrics().reportedPatches, quint64(2));
}

void TestDeviceConnectionPool::rejectedPatchFailsAtOnceAndSaysTheTelemetryWentThrough()
{
    DeviceConnectionPool pool(m_context.get(), options());
    DeviceConnectionPool::Work work = telemetry("0");
    // A twin key with a '$' is not allowed: the hub answers 400, which no retry can fix.
    work.reportedPatch = QJsonObject {{QStringLiteral("bad$key"), 1}};
    const Result<DeviceConnectionPool::Receipt> receipt = await(pool.submit(dev(0), work));
    QVERIFY(!receipt.ok());
    QCOMPARE(receipt.error().kind(), ServiceError::Kind::BadRequest);
    QCOMPARE(receipt.error().payload().toObject().value(QStringLiteral("telemetrySent")).toBool(), true);
    QCOMPARE(pool.counters().retries, quint64(0));
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(1));
    // The connection stays usable for the next work.
    QVERIFY(await(pool.submit(dev(0), uplink("1", 1))).ok());
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(1));
}

// A pooled connection the hub drops while idle leaves the pool (slot freed, counted); the next work opens a
// new one. A drop during work is retried on a new connection.
void TestDeviceConnectionPool::dropsAreCountedAndRecovered()
{
    DeviceConnectionPool pool(m_context.get(), options());
    QVERIFY(await(pool.submit(dev(0), telemetry("0"))).ok());
    QVERIFY(await(pool.submit(dev(1), telemetry("1"))).ok());
    m_fixture.hub()->dropAllConnections();
    QTRY_COMPARE(pool.counters().drops, quint64(2));
    QCOMPARE(pool.counters().openConnections, 0);
    QVERIFY(!pool.hasConnection(dev(0)));
    QVERIFY(await(pool.submit(dev(0), telemetry("2"))).ok());
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(3));
    QCOMPARE(pool.counters().openConnections, 1);

    // Dropped with work in flight: the publish fails with the connection and is sent again after a back-off.
    const auto inFlight = pool.submit(dev(0), telemetry("3"));
    m_fixture.hub()->dropAllConnections();
    QTRY_COMPARE(pool.counters().drops, quint64(3));
    m_clock->advance(500ms);
    const Result<DeviceConnectionPool::Receipt> receipt = await(inFlight);
    QVERIFY2(receipt.ok(), qPrintable(receipt.error().toString()));
    QCOMPARE(receipt.value().attempts, 2);
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(4));
}

void TestDeviceConnectionPool::throttledPatchBacksOffAndRetries()
{
    HubFaults faults;
    faults.throttleTwinUntil = m_clock->nowUtc().addMSecs(900);
    m_fixture.hub()->setFaults(faults);
    DeviceConnectionPool pool(m_context.get(), options());
    const auto future = pool.submit(dev(0), uplink("0", 7));
    QTRY_COMPARE(pool.counters().throttled, quint64(1));
    // The telemetry went through once and is not sent again.
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(1));
    // 429 carries a hint of one second, longer than the first back-off step (500 ms).
    m_clock->advance(999ms);
    QCOMPARE(pool.counters().throttled, quint64(1));
    m_clock->advance(1ms);
    const Result<DeviceConnectionPool::Receipt> receipt = await(future);
    QVERIFY2(receipt.ok(), qPrintable(receipt.error().toString()));
    QCOMPARE(receipt.value().attempts, 2);
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(1));
    QCOMPARE(m_fixture.hub()->metrics().reportedPatches, quint64(1));
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(1)); // a 429 keeps the connection
}

void TestDeviceConnectionPool::authorizationErrorIsNotRetried()
{
    DeviceConnectionSettings settings = m_context->settings();
    settings.policyKey = QByteArray("d3JvbmcgcG9saWN5IGtleSB3cm9uZyBwb2xpY3kga2V5");
    m_context->setSettings(settings);
    DeviceConnectionPool pool(m_context.get(), options());
    const Result<DeviceConnectionPool::Receipt> receipt = await(pool.submit(dev(0), uplink("0", 0)));
    QVERIFY(!receipt.ok());
    QCOMPARE(receipt.error().kind(), ServiceError::Kind::Unauthorized);
    QCOMPARE(pool.counters().retries, quint64(0));
    QCOMPARE(pool.counters().failedWork, quint64(1));
    QCOMPARE(pool.counters().openConnections, 0);
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(1));
    QCOMPARE(pool.counters().busyDevices, 0);
}

void TestDeviceConnectionPool::givesUpAfterMaxAttempts()
{
    HubFaults faults;
    faults.outageUntil = m_clock->nowUtc().addSecs(3600);
    m_fixture.hub()->setFaults(faults);
    DeviceConnectionPool::Options opts = options();
    opts.retry.maxAttempts = 3;
    DeviceConnectionPool pool(m_context.get(), opts);
    const auto future = pool.submit(dev(0), telemetry("0"));
    QTRY_COMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(1));
    m_clock->advance(500ms);
    QTRY_COMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(2));
    m_clock->advance(1000ms);
    const Result<DeviceConnectionPool::Receipt> receipt = await(future);
    QVERIFY(!receipt.ok());
    QCOMPARE(receipt.error().kind(), ServiceError::Kind::Unavailable);
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(3));
    QCOMPARE(pool.counters().failedWork, quint64(1));
    QCOMPARE(pool.counters().openConnections, 0);
}

void TestDeviceConnectionPool::closeAllCancelsWork()
{
    DeviceConnectionPool::Options opts = options();
    opts.limits.deviceToCloudPerSecond = 1;
    DeviceConnectionPool pool(m_context.get(), opts);
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int n = 0; n < 3; ++n)
        futures.append(pool.submit(dev(0), telemetry(QByteArray::number(n))));
    QTRY_VERIFY(finished(futures, 1));
    pool.closeAll();
    QVERIFY(finished(futures, 3));
    QCOMPARE(futures.at(1).result().error().kind(), ServiceError::Kind::Canceled);
    QCOMPARE(futures.at(2).result().error().kind(), ServiceError::Kind::Canceled);
    QCOMPARE(pool.counters().openConnections, 0);
    QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 0);
}

QTEST_GUILESS_MAIN(TestDeviceConnectionPool)
#include "tst_deviceconnectionpool.moc"
