#include "DeviceHubFixture.h"

#include "services/core/Clock.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/DeviceConnectionPool.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <map>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

// DeviceConnectionPool in real time against the sandbox's IoT Hub device endpoint (in-process, real TLS
// sockets): uplinks arrive with their properties and patches update the twins, strict and pooled modes open
// the connections they should, a hub fault (outage → CONNACK 3, twin throttling → 429) is ridden out with
// back-off until it clears, a wrong key fails at once, and the rate of new connections seen by the hub stays
// within the configured limit.
class TestDeviceConnectionPoolSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void uplinksArriveAndUpdateTwins_data();
    void uplinksArriveAndUpdateTwins();
    void outageAndThrottlingAreRiddenOut();
    void wrongKeyFailsWithoutRetry();
    void connectRateSeenByTheHub();
    void dropsAndOutagesLoseNothingAndKeepOrder();

private:
    static DeviceConnectionPool::Options options(DeviceConnectionPool::Mode mode);

    Test::DeviceHubFixture m_fixture;
    std::unique_ptr<DeviceConnectionContext> m_context;
};

static QString dev(int i)
{
    return QStringLiteral("dev-%1").arg(i);
}

static constexpr int DeviceCount = 12;

void TestDeviceConnectionPoolSandbox::initTestCase()
{
    QVERIFY(m_fixture.createAuthority());
}

void TestDeviceConnectionPoolSandbox::init()
{
    QStringList devices;
    for (int i = 0; i < DeviceCount; ++i)
        devices.append(dev(i));
    QVERIFY(m_fixture.start(Clock::system(), false, devices));
    m_context = std::make_unique<DeviceConnectionContext>(m_fixture.settings(), Clock::system());
}

void TestDeviceConnectionPoolSandbox::cleanup()
{
    m_context.reset();
    m_fixture.stop();
}

DeviceConnectionPool::Options TestDeviceConnectionPoolSandbox::options(DeviceConnectionPool::Mode mode)
{
    DeviceConnectionPool::Options options;
    options.mode = mode;
    options.limits = HubThrottle::Limits();
    options.retry.initialDelay = 100ms;
    options.retry.maxDelay = 400ms;
    options.retry.maxAttempts = 50;
    return options;
}

void TestDeviceConnectionPoolSandbox::uplinksArriveAndUpdateTwins_data()
{
    QTest::addColumn<DeviceConnectionPool::Mode>("mode");
    QTest::addRow("pooled") << DeviceConnectionPool::Mode::Pooled;
    QTest::addRow("strict") << DeviceConnectionPool::Mode::Strict;
}

void TestDeviceConnectionPoolSandbox::uplinksArriveAndUpdateTwins()
{
    QFETCH(DeviceConnectionPool::Mode, mode);
    DeviceConnectionPool pool(m_context.get(), options(mode));
    constexpr int Rounds = 5;
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    // One round at a time, each after the previous one was confirmed: as uplinks trickle in.
    for (int round = 0; round < Rounds; ++round) {
        for (int i = 0; i < DeviceCount; ++i) {
            DeviceConnectionPool::Work work;
            MessagePropertyBag properties;
            properties.set(QStringLiteral("$.ct"), QStringLiteral("application/json"));
            properties.set(QStringLiteral("$.ce"), QStringLiteral("utf-8"));
            properties.set(QStringLiteral("$.mid"), QStringLiteral("%1-%2").arg(dev(i)).arg(round));
            properties.set(QStringLiteral("type"), QStringLiteral("uplink"));
            work.telemetry = DeviceConnectionPool::Telemetry {
                QStringLiteral(R"({"device":"%1","n":%2})").arg(dev(i)).arg(round).toUtf8(), properties};
            // Keys change between rounds: the patch removes the previous round's key.
            QJsonObject decoded {{QStringLiteral("k%1").arg(round), round}};
            if (round > 0)
                decoded.insert(QStringLiteral("k%1").arg(round - 1), QJsonValue::Null);
            work.reportedPatch = QJsonObject {{QStringLiteral("decodedPayload"), decoded}};
            futures.append(pool.submit(dev(i), work));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(futures.begin(), futures.end(), [](const auto &f) { return f.isFinished(); }), 20000);
    }
    for (const auto &future : futures)
        QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));

    for (int i = 0; i < DeviceCount; ++i) {
        const QList<HubMessage> messages = m_fixture.hub()->recordedMessages(dev(i), 0);
        QCOMPARE(messages.size(), Rounds);
        for (int round = 0; round < Rounds; ++round) {
            QCOMPARE(messages.at(round).systemProperties.value(QStringLiteral("message-id")).toString(),
                     QStringLiteral("%1-%2").arg(dev(i)).arg(round));
            QCOMPARE(messages.at(round).systemProperties.value(QStringLiteral("content-type")).toString(),
                     QStringLiteral("application/json"));
            QCOMPARE(messages.at(round).applicationProperties.value(QStringLiteral("type")).toString(),
                     QStringLiteral("uplink"));
        }
        const QJsonObject decoded =
            m_fixture.hub()->twin(dev(i)).value().reported.value(QStringLiteral("decodedPayload")).toObject();
        QCOMPARE(decoded, QJsonObject({{QStringLiteral("k%1").arg(Rounds - 1), Rounds - 1}}));
    }

    const HubMetrics metrics = m_fixture.hub()->metrics();
    if (mode == DeviceConnectionPool::Mode::Pooled) {
        QCOMPARE(metrics.connects, quint64(DeviceCount)); // one connection per device, kept open
        QCOMPARE(pool.counters().openConnections, DeviceCount);
        QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), DeviceCount);
    } else {
        QCOMPARE(metrics.connects, quint64(DeviceCount * Rounds)); // one per uplink, closed after its 204
        QCOMPARE(pool.counters().openConnections, 0);
        QTRY_COMPARE(m_fixture.endpoint()->sessionCount(), 0);
    }
    QCOMPARE(metrics.deviceToCloudMessages, quint64(DeviceCount * Rounds));
    QCOMPARE(metrics.reportedPatches, quint64(DeviceCount * Rounds));
    QCOMPARE(pool.counters().failedWork, quint64(0));
}

void TestDeviceConnectionPoolSandbox::outageAndThrottlingAreRiddenOut()
{
    DeviceConnectionPool pool(m_context.get(), options(DeviceConnectionPool::Mode::Pooled));
    // An outage of a second and a half: every CONNECT meanwhile gets CONNACK 3.
    HubFaults outage;
    outage.outageUntil = QDateTime::currentDateTimeUtc().addMSecs(1500);
    m_fixture.hub()->setFaults(outage);
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int i = 0; i < 4; ++i) {
        DeviceConnectionPool::Work work;
        work.telemetry = DeviceConnectionPool::Telemetry {QByteArray::number(i), {}};
        work.reportedPatch = QJsonObject {{QStringLiteral("n"), i}};
        futures.append(pool.submit(dev(i), work));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(futures.begin(), futures.end(), [](const auto &f) { return f.isFinished(); }),
                             20000);
    for (const auto &future : futures) {
        QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
        QVERIFY(future.result().value().attempts > 1);
    }
    QVERIFY(m_fixture.hub()->metrics().connectsRefused >= 4);
    QVERIFY(pool.counters().throttled >= 4);
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(4));

    // Twin updates throttled for a second: 429s, then the patch goes through on the same connection.
    HubFaults throttle;
    throttle.throttleTwinUntil = QDateTime::currentDateTimeUtc().addMSecs(1000);
    m_fixture.hub()->setFaults(throttle);
    const quint64 throttledBefore = pool.counters().throttled;
    DeviceConnectionPool::Work patch;
    patch.reportedPatch = QJsonObject {{QStringLiteral("n"), 100}};
    const auto future = pool.submit(dev(0), patch);
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
    QVERIFY(pool.counters().throttled > throttledBefore);
    QCOMPARE(m_fixture.hub()->twin(dev(0)).value().reported.value(QStringLiteral("n")).toInt(), 100);
    QCOMPARE(m_fixture.hub()->metrics().connects, quint64(4));
}

void TestDeviceConnectionPoolSandbox::wrongKeyFailsWithoutRetry()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.policyKey = QByteArray("d3JvbmcgcG9saWN5IGtleSB3cm9uZyBwb2xpY3kga2V5");
    DeviceConnectionContext context(settings, Clock::system());
    DeviceConnectionPool pool(&context, options(DeviceConnectionPool::Mode::Pooled));
    DeviceConnectionPool::Work work;
    work.telemetry = DeviceConnectionPool::Telemetry {"x", {}};
    const auto future = pool.submit(dev(0), work);
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000);
    QVERIFY(!future.result().ok());
    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::Unauthorized);
    QVERIFY2(error.toString().contains(dev(0)), qPrintable(error.toString()));
    QCOMPARE(m_fixture.hub()->metrics().connectsRefused, quint64(1));
    QCOMPARE(pool.counters().retries, quint64(0));
}

// 5 new connections per second (bucket of 5) for 12 devices: the hub sees every CONNECT, and
// no window of one second holds more than the burst plus the rate allows.
void TestDeviceConnectionPoolSandbox::connectRateSeenByTheHub()
{
    DeviceConnectionPool::Options opts = options(DeviceConnectionPool::Mode::Pooled);
    opts.limits.newConnectionsPerSecond = 5;
    DeviceConnectionPool pool(m_context.get(), opts);
    QElapsedTimer elapsed;
    elapsed.start();
    std::vector<qint64> connectTimes;
    connect(m_fixture.endpoint(), &DeviceMqttEndpoint::sessionStarted, this,
            [&](const QString &, const QString &) { connectTimes.push_back(elapsed.elapsed()); });
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int i = 0; i < DeviceCount; ++i) {
        DeviceConnectionPool::Work work;
        work.telemetry = DeviceConnectionPool::Telemetry {"x", {}};
        futures.append(pool.submit(dev(i), work));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(futures.begin(), futures.end(), [](const auto &f) { return f.isFinished(); }),
                             20000);
    QCOMPARE(int(connectTimes.size()), DeviceCount);
    // Tokens: 5 at once, then one every 200 ms → the 12th no earlier than 1.4 s after the start.
    QVERIFY2(connectTimes.back() >= 1400 - 50, qPrintable(QString::number(connectTimes.back())));
    for (size_t i = 0; i < connectTimes.size(); ++i) {
        size_t inWindow = 0;
        for (size_t j = i; j < connectTimes.size() && connectTimes[j] < connectTimes[i] + 1000; ++j)
            ++inWindow;
        QVERIFY2(inWindow <= 5 + 5, qPrintable(QStringLiteral("%1 connects within a second").arg(inWindow)));
    }
    size_t firstSecond = std::count_if(connectTimes.begin(), connectTimes.end(), [](qint64 t) { return t < 1000; });
    QVERIFY2(firstSecond <= 5 + 4, qPrintable(QString::number(firstSecond)));
}

// At-least-once under failures: while 12 devices send 40 uplinks each, the hub drops every connection three
// times and has a short outage. Every uplink is confirmed in the end, and per device the first arrival of each
// message id is in submission order (a retried message may arrive twice, with the same $.mid).
void TestDeviceConnectionPoolSandbox::dropsAndOutagesLoseNothingAndKeepOrder()
{
    DeviceConnectionPool pool(m_context.get(), options(DeviceConnectionPool::Mode::Pooled));
    constexpr int PerDevice = 40;
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (int n = 0; n < PerDevice; ++n) {
        for (int i = 0; i < DeviceCount; ++i) {
            DeviceConnectionPool::Work work;
            MessagePropertyBag properties;
            properties.set(QStringLiteral("$.mid"), QString::number(n));
            work.telemetry = DeviceConnectionPool::Telemetry {QByteArray::number(n), properties};
            work.reportedPatch = QJsonObject {{QStringLiteral("n"), n}};
            futures.append(pool.submit(dev(i), work));
        }
    }
    auto finishedCount = [&futures] {
        return int(std::count_if(futures.begin(), futures.end(), [](const auto &f) { return f.isFinished(); }));
    };
    const int total = int(futures.size());
    // At a quarter, half and three quarters of the work confirmed, exactly then (not when a poll notices).
    int confirmed = 0;
    int drops = 0;
    for (QFuture<Result<DeviceConnectionPool::Receipt>> future : futures) {
        future.then(this, [&, total](const Result<DeviceConnectionPool::Receipt> &) {
            ++confirmed;
            if (confirmed == total * (drops + 1) / 4 && drops < 3) {
                m_fixture.hub()->dropAllConnections();
                if (drops == 1) {
                    HubFaults outage;
                    outage.outageUntil = QDateTime::currentDateTimeUtc().addMSecs(300);
                    m_fixture.hub()->setFaults(outage);
                }
                ++drops;
            }
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(finishedCount() == total && confirmed == total, 30000);
    QCOMPARE(drops, 3);
    m_fixture.hub()->clearFaults();
    for (const auto &future : futures)
        QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));

    for (int i = 0; i < DeviceCount; ++i) {
        QList<int> firstArrivals;
        for (const HubMessage &message : m_fixture.hub()->recordedMessages(dev(i), 0)) {
            const int n = message.systemProperties.value(QStringLiteral("message-id")).toString().toInt();
            if (!firstArrivals.contains(n))
                firstArrivals.append(n);
        }
        QCOMPARE(firstArrivals.size(), PerDevice);
        for (int n = 0; n < PerDevice; ++n)
            QCOMPARE(firstArrivals.at(n), n);
        QCOMPARE(m_fixture.hub()->twin(dev(i)).value().reported.value(QStringLiteral("n")).toInt(), PerDevice - 1);
    }
    QVERIFY(pool.counters().drops >= quint64(DeviceCount));
    QVERIFY(pool.counters().throttled > 0); // reconnects during the outage got CONNACK 3
    QCOMPARE(pool.counters().failedWork, quint64(0));
}

QTEST_GUILESS_MAIN(TestDeviceConnectionPoolSandbox)
#include "tst_deviceconnectionpoolsandbox.moc"
