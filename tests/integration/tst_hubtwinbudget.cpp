// One twin-update budget per hub (reference/azure-protocols.md §6): IoT Hub counts the twin updates of the
// service REST API (the engine's tag writes: IdentityProvisioner, IngestEventProcessor) and the devices' MQTT
// reported patches against the same per-hub limit, so the engine gives both paths the limiters of one
// HubThrottle — wired here as Engine::Private::open() wires it. Everything runs on one ManualClock over real
// loopback sockets: the sandbox hub (S1 × 1 throttles on, REST and device MQTT endpoints), the clients and their
// limiters. The test moves the clock only when every update is either done or waiting at the shared limiter, and
// checks the combined count against the budget at every step.

#include "DeviceHubFixture.h"

#include "sandbox/rest/IotHubRestEndpoint.h"
#include "services/core/Clock.h"
#include "services/core/RateLimiter.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/DeviceConnectionPool.h"
#include "services/engine/Engine.h"
#include "services/engine/IdentityProvisioner.h"
#include "services/engine/IngestEventProcessor.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"

#include <QNetworkAccessManager>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

class TestHubTwinBudget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void restAndMqttTwinUpdatesShareOneBudget();
    void deviceTrafficWaitsOnTheHubsLimiters();

private:
    // The sandbox hub (S1 × 1, throttles on) with `devices`, its REST endpoint, and the engine's wiring on top.
    void startHub(const QStringList &devices);

    Test::DeviceHubFixture m_fixture;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<IotHubRestEndpoint> m_rest;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<HubThrottle> m_throttle;
    std::unique_ptr<IotHubServiceClient> m_client;
    std::unique_ptr<DeviceConnectionContext> m_context;
    std::unique_ptr<DeviceConnectionPool> m_pool;
};

void TestHubTwinBudget::initTestCase()
{
    QVERIFY(m_fixture.createAuthority());
}

void TestHubTwinBudget::cleanup()
{
    m_pool.reset();
    m_context.reset();
    m_client.reset();
    m_throttle.reset();
    m_transport.reset();
    m_nam.reset();
    m_rest.reset();
    m_fixture.stop();
    m_clock.reset();
}

void TestHubTwinBudget::startHub(const QStringList &devices)
{
    m_clock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc());
    // The devices are created before the throttles are on, so that the registry budget is whole.
    QVERIFY(m_fixture.start(m_clock.get(), false, devices));
    m_fixture.hub()->setThrottlesEnabled(true);
    m_rest = std::make_unique<IotHubRestEndpoint>(m_fixture.hubs(), m_clock.get());
    const Result<quint16> port = m_rest->listen(m_fixture.authority().serverConfiguration());
    QVERIFY2(port.ok(), qPrintable(port.error().toString()));

    // As the engine does: one HubThrottle for the hub's SKU × units at the engine's share of the rates, given to
    // the REST client and to the device connection pool.
    m_throttle = std::make_unique<HubThrottle>(HubSku::S1, 1, m_clock.get());
    m_throttle->setRateShare(Engine::HubRateShare);
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_transport = std::make_unique<HttpTransport>(m_nam.get()); // time-outs in wall time
    m_transport->setSslConfiguration(m_fixture.authority().clientConfiguration());
    IotHubCredentials credentials;
    credentials.hostName = m_fixture.hub()->hostName();
    credentials.restEndpoint = m_rest->url();
    credentials.policyName = QStringLiteral("twinbridge");
    credentials.policyKey = m_fixture.policyKey();
    m_client = std::make_unique<IotHubServiceClient>(m_transport.get(), credentials, m_throttle.get(), m_clock.get());

    DeviceConnectionSettings settings = m_fixture.settings();
    settings.keepAlive = 600s;
    settings.tokenLifetime = 60min;
    m_context = std::make_unique<DeviceConnectionContext>(settings, m_clock.get());
    DeviceConnectionPool::Options options;
    options.mode = DeviceConnectionPool::Mode::Pooled;
    options.idleTtl = 10min;
    m_pool = std::make_unique<DeviceConnectionPool>(m_context.get(), options, m_throttle.get());
}

// Tag writes over REST (IdentityProvisioner creating and tagging devices, and the provisioned-tags PATCH of the
// ingest processor) mixed with reported patches over MQTT, more of them than one second's budget: together they
// never exceed the burst plus the rate (both at the engine's share) over the elapsed time, the budget is used
// (not left idle), and the hub throttles nothing.
void TestHubTwinBudget::restAndMqttTwinUpdatesShareOneBudget()
{
    constexpr int MqttDevices = 60;
    constexpr int TaggedDevices = 40;
    constexpr int NewDevices = 8;
    QStringList existing;
    for (int i = 0; i < MqttDevices; ++i)
        existing.append(QStringLiteral("mqtt-%1").arg(i));
    for (int i = 0; i < TaggedDevices; ++i)
        existing.append(QStringLiteral("tagged-%1").arg(i));
    startHub(existing);
    if (QTest::currentTestFailed())
        return;
    // Every new device at once (the engine allows two requests at a time; here each device is either done or
    // waiting at the limiter whenever the clock moves).
    IdentityProvisioner::Options provisionerOptions;
    provisionerOptions.maxConcurrent = NewDevices;
    IdentityProvisioner provisioner(m_client.get(), provisionerOptions);
    RateLimiter *twinUpdates = m_throttle->limiter(HubThrottle::Operation::TwinUpdate);

    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> reported;
    QList<QFuture<Result<DeviceTwin>>> tagWrites;
    QList<QFuture<Result<ProvisionedIdentity>>> identities;
    // Interleaved, as uplinks and ingest events arrive together.
    for (int i = 0; i < std::max({MqttDevices, TaggedDevices, NewDevices}); ++i) {
        if (i < MqttDevices) {
            DeviceConnectionPool::Work work;
            work.reportedPatch = QJsonObject {{QStringLiteral("lastSeenAt"), QStringLiteral("2026-11-26T10:00:00Z")}};
            reported.append(m_pool->submit(QStringLiteral("mqtt-%1").arg(i), work));
        }
        if (i < TaggedDevices) {
            tagWrites.append(
                m_client->updateTwin(QStringLiteral("tagged-%1").arg(i),
                                     DeviceTwin::patch(IngestEventProcessor::provisionedTagsPatch(), std::nullopt)));
        }
        if (i < NewDevices) {
            identities.append(provisioner.ensure(QStringLiteral("new-%1").arg(i),
                                                 QStringLiteral("70B3D57ED00000%1").arg(i, 2, 10, QLatin1Char('0')),
                                                 QStringLiteral("0000000000000000")));
        }
    }
    const int total = MqttDevices + TaggedDevices + NewDevices;

    auto finishedCount = [](const auto &futures) {
        return int(std::count_if(futures.begin(), futures.end(), [](const auto &f) { return f.isFinished(); }));
    };
    auto finished = [&] { return finishedCount(reported) + finishedCount(tagWrites) + finishedCount(identities); };
    // What the hub accepted: the reported patches it applied, the REST twin writes it answered.
    auto accepted = [&] {
        int rest = 0;
        for (const auto &f : tagWrites)
            rest += f.isFinished() && f.result().ok() ? 1 : 0;
        for (const auto &f : identities)
            rest += f.isFinished() && f.result().ok() && f.result().value().tagsWritten ? 1 : 0;
        return int(m_fixture.hub()->metrics().reportedPatches) + rest;
    };

    const HubThrottle::Limits limits = HubThrottle::limitsFor(HubSku::S1, 1);
    const double burst = limits.burst(HubThrottle::Operation::TwinUpdate) * Engine::HubRateShare;
    const double rate = limits.perSecond(HubThrottle::Operation::TwinUpdate) * Engine::HubRateShare;
    constexpr auto Step = 200ms;
    qint64 elapsedMs = 0;
    bool sawBoth = false;
    for (;;) {
        const double budget = burst + rate * double(elapsedMs) / 1000.0;
        // Settled: every update is done or queued at the one shared limiter (none in flight, none waiting
        // elsewhere — with a limiter of its own, the pool's waiters would never show up here). Or over budget.
        QTRY_VERIFY2_WITH_TIMEOUT(finished() + twinUpdates->queued() == total || accepted() > budget + 1e-6,
                                  qPrintable(QStringLiteral("%1 done, %2 queued of %3 at %4 ms")
                                                 .arg(finished())
                                                 .arg(twinUpdates->queued())
                                                 .arg(total)
                                                 .arg(elapsedMs)),
                                  20000);
        const int done = accepted();
        QVERIFY2(
            done <= budget + 1e-6,
            qPrintable(
                QStringLiteral("%1 twin updates after %2 ms; the budget is %3").arg(done).arg(elapsedMs).arg(budget)));
        QVERIFY2(done >= std::min(total, int(std::floor(budget + 1e-6))) - 1,
                 qPrintable(QStringLiteral("only %1 twin updates after %2 ms of a budget of %3")
                                .arg(done)
                                .arg(elapsedMs)
                                .arg(budget)));
        if (elapsedMs == 0) // the first second's burst went to both kinds, in arrival order
            sawBoth = m_fixture.hub()->metrics().reportedPatches > 0 && finishedCount(tagWrites) > 0;
        if (finished() == total)
            break;
        QVERIFY2(elapsedMs < 10000, "the updates did not finish in 10 s of hub time");
        m_clock->advance(Step);
        elapsedMs += Step.count();
    }
    QVERIFY(sawBoth);
    QCOMPARE(accepted(), total);
    for (const auto &f : reported)
        QVERIFY2(f.result().ok(), qPrintable(f.result().error().toString()));
    for (const auto &f : tagWrites)
        QVERIFY2(f.result().ok(), qPrintable(f.result().error().toString()));
    for (const auto &f : identities) {
        QVERIFY2(f.result().ok(), qPrintable(f.result().error().toString()));
        QCOMPARE(f.result().value().origin, ProvisionedIdentity::Origin::Created);
    }
    QCOMPARE(m_fixture.hub()->metrics().throttled, quint64(0));
    QCOMPARE(twinUpdates->granted(), quint64(total));
    // More than one second's worth went through: the second half waited for the rate, not for a second bucket.
    QVERIFY(elapsedMs >= qint64(std::floor((total - burst) / rate * 1000.0)) - Step.count());
}

// New device connections and D2C messages wait on the same HubThrottle's limiters as well.
void TestHubTwinBudget::deviceTrafficWaitsOnTheHubsLimiters()
{
    startHub({QStringLiteral("d-1"), QStringLiteral("d-2"), QStringLiteral("d-3")});
    if (QTest::currentTestFailed())
        return;
    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    for (const QString &device : {QStringLiteral("d-1"), QStringLiteral("d-2"), QStringLiteral("d-3")}) {
        DeviceConnectionPool::Work work;
        MessagePropertyBag properties;
        properties.set(QStringLiteral("$.mid"), device);
        work.telemetry = DeviceConnectionPool::Telemetry {device.toUtf8(), properties};
        futures.append(m_pool->submit(device, work));
    }
    QTRY_VERIFY(std::all_of(futures.begin(), futures.end(), [](const auto &f) { return f.isFinished(); }));
    for (const auto &f : futures)
        QVERIFY2(f.result().ok(), qPrintable(f.result().error().toString()));
    QCOMPARE(m_throttle->limiter(HubThrottle::Operation::NewConnection)->granted(), quint64(3));
    QCOMPARE(m_throttle->limiter(HubThrottle::Operation::DeviceToCloud)->granted(), quint64(3));
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(3));

    // A pause of the shared limiter (as after a hub 429) holds the pool's traffic too.
    m_throttle->limiter(HubThrottle::Operation::DeviceToCloud)->pauseFor(1s);
    DeviceConnectionPool::Work work;
    MessagePropertyBag properties;
    properties.set(QStringLiteral("$.mid"), QStringLiteral("after-pause"));
    work.telemetry = DeviceConnectionPool::Telemetry {QByteArray("after-pause"), properties};
    QFuture<Result<DeviceConnectionPool::Receipt>> paused = m_pool->submit(QStringLiteral("d-1"), work);
    QTRY_COMPARE(m_throttle->limiter(HubThrottle::Operation::DeviceToCloud)->queued(), 1);
    QVERIFY(!paused.isFinished());
    m_clock->advance(1s);
    QTRY_VERIFY(paused.isFinished());
    QVERIFY(paused.result().ok());
    QCOMPARE(m_fixture.hub()->metrics().deviceToCloudMessages, quint64(4));
}

QTEST_GUILESS_MAIN(TestHubTwinBudget)
#include "tst_hubtwinbudget.moc"
