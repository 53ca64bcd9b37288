// IdentityProvisioner against the sandbox's IoT Hub service REST endpoint over real TLS, with the registry
// budget of a Free hub (100 operations per minute, enforced by the sandbox as well): single devices are looked
// up, created and tagged one by one; a crowd of new devices goes through bulk imports paced by the throttle;
// nothing is lost, nothing is throttled by the hub, every created device carries its lorawan tags.

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/rest/IotHubRestEndpoint.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/core/RateLimiter.h"
#include "services/engine/IdentityProvisioner.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/net/RetryPolicy.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

// Counts the replies in flight, so that the test moves the manual clock only while nothing is on the wire
// (otherwise a request granted by the client's throttle could reach the hub "later" in hub time).
class CountingNetworkAccessManager : public QNetworkAccessManager
{
public:
    int open = 0;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, data);
        ++open;
        connect(reply, &QNetworkReply::finished, this, [this] { --open; });
        return reply;
    }
};

QString devEuiFor(int i)
{
    return QStringLiteral("70B3D57ED005%1").arg(i, 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

class TestIdentityProvisionerSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void singleDevicesAreCreatedAndTagged();
    void crowdUsesBulkUnderTheRegistryBudget();
    void throttlingStormFailsTypedAndRetrySucceeds();

private:
    // Runs the event loop until `done`; while requests wait on the client's throttle, moves the shared
    // manual clock to the throttle's next grant (the hub's buckets refill on the same clock).
    bool settle(const std::function<bool()> &done, int wallMs = 60000);
    void verifyTags(const QString &deviceId, const QString &devEui, const QString &joinEui);

    QTemporaryDir m_stateDir;
    std::optional<SandboxCertificateAuthority> m_ca;
    ManualClock *m_clock = nullptr;
    CountingNetworkAccessManager *m_nam = nullptr;
    HubDirectory *m_hubs = nullptr;
    IotHubRestEndpoint *m_endpoint = nullptr;
    SandboxHub *m_hub = nullptr;
    HttpTransport *m_transport = nullptr;
    HubThrottle *m_throttle = nullptr;
    IotHubServiceClient *m_client = nullptr;
    IdentityProvisioner *m_provisioner = nullptr;
};

void TestIdentityProvisionerSandbox::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_stateDir.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    m_ca = ca.value();
}

void TestIdentityProvisionerSandbox::init()
{
    m_clock = new ManualClock(QDateTime::currentDateTimeUtc());
    m_nam = new CountingNetworkAccessManager;
    m_hubs = new HubDirectory(m_clock);
    SandboxHub::Options options;
    options.name = QStringLiteral("prov-hub");
    options.sku = HubSku::F1; // registry: 100 operations per minute
    options.units = 1;
    options.throttlesEnabled = true;
    m_hub = m_hubs->createHub(options).value();
    m_endpoint = new IotHubRestEndpoint(m_hubs, m_clock);
    const Result<quint16> port = m_endpoint->listen(m_ca->serverConfiguration());
    QVERIFY2(port.ok(), qPrintable(port.error().message()));

    m_transport = new HttpTransport(m_nam);
    m_transport->setSslConfiguration(m_ca->clientConfiguration());
    RetryPolicy retries; // short, in wall time: the hub's 429s come from injected faults here
    retries.maxAttempts = 3;
    retries.initialDelay = std::chrono::milliseconds(5);
    retries.maxDelay = std::chrono::milliseconds(20);
    retries.jitter = 0;
    m_transport->setRetryPolicy(retries);
    m_throttle = new HubThrottle(HubSku::F1, 1, m_clock);
    IotHubCredentials credentials;
    credentials.hostName = m_hub->hostName();
    credentials.restEndpoint = m_endpoint->url();
    credentials.policyName = QStringLiteral("registryReadWrite");
    credentials.policyKey = m_hub->policy(credentials.policyName)->primaryKey;
    // registryReadWrite lacks ServiceConnect, which twin updates need: use the engine's own policy.
    credentials.policyName = QStringLiteral("twinbridge");
    credentials.policyKey = m_hub->policy(credentials.policyName)->primaryKey;
    m_client = new IotHubServiceClient(m_transport, credentials, m_throttle, m_clock);
    IdentityProvisioner::Options provisionerOptions;
    provisionerOptions.bulkThreshold = 10;
    m_provisioner = new IdentityProvisioner(m_client, provisionerOptions);
}

void TestIdentityProvisionerSandbox::cleanup()
{
    delete m_provisioner;
    delete m_client;
    delete m_throttle;
    delete m_transport;
    delete m_endpoint;
    delete m_hubs;
    delete m_nam;
    delete m_clock;
}

bool TestIdentityProvisionerSandbox::settle(const std::function<bool()> &done, int wallMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < wallMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        bool waiting = false;
        for (int i = 0; i < HubThrottle::OperationCount; ++i)
            waiting = waiting || m_throttle->limiter(HubThrottle::Operation(i))->queued() > 0;
        if (waiting && m_nam->open == 0 && m_clock->pendingCount() > 0)
            m_clock->advanceToNext();
    }
    return done();
}

void TestIdentityProvisionerSandbox::verifyTags(const QString &deviceId, const QString &devEui, const QString &joinEui)
{
    const Result<DeviceTwin> twin = m_hub->twin(deviceId);
    QVERIFY2(twin.ok(), qPrintable(twin.error().toString()));
    const QJsonObject lorawan = twin.value().tags.value(QStringLiteral("lorawan")).toObject();
    QCOMPARE(lorawan.value(QStringLiteral("devEui")).toString(), devEui);
    QCOMPARE(lorawan.value(QStringLiteral("joinEui")).toString(), joinEui);
    QCOMPARE(lorawan.value(QStringLiteral("provisioned")).toBool(), true);
}

void TestIdentityProvisionerSandbox::singleDevicesAreCreatedAndTagged()
{
    const QString joinEui = QStringLiteral("70B3D57ED0000000");
    for (int i = 0; i < 3; ++i) {
        const auto future = m_provisioner->ensure(QStringLiteral("single-%1").arg(i), devEuiFor(i), joinEui);
        QVERIFY(settle([&] { return future.isFinished(); }));
        const auto result = future.result();
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(result.value().origin, ProvisionedIdentity::Origin::Created);
        QVERIFY(result.value().tagsWritten);
    }
    // A device that exists is looked up, not touched.
    m_hub->setThrottlesEnabled(false);
    DeviceIdentity existing;
    existing.deviceId = QStringLiteral("already-there");
    QVERIFY(m_hub->createDevice(existing).ok());
    m_hub->setThrottlesEnabled(true);
    const auto lookup = m_provisioner->ensure(existing.deviceId, devEuiFor(99), joinEui);
    QVERIFY(settle([&] { return lookup.isFinished(); }));
    QCOMPARE(lookup.result().value().origin, ProvisionedIdentity::Origin::Existing);
    QCOMPARE(m_provisioner->bulkRequestCount(), quint64(0));
    QCOMPARE(m_hub->metrics().throttled, quint64(0));

    m_hub->setThrottlesEnabled(false);
    for (int i = 0; i < 3; ++i)
        verifyTags(QStringLiteral("single-%1").arg(i), devEuiFor(i), joinEui);
    QVERIFY(m_hub->twin(existing.deviceId).value().tags.isEmpty());
}

void TestIdentityProvisionerSandbox::crowdUsesBulkUnderTheRegistryBudget()
{
    const QString joinEui = QStringLiteral("70B3D57ED0000001");
    constexpr int Count = 250;
    // Five of them exist already (created behind the engine's back, outside the budget).
    m_hub->setThrottlesEnabled(false);
    for (int i = 0; i < 5; ++i) {
        DeviceIdentity device;
        device.deviceId = QStringLiteral("crowd-%1").arg(i * 50);
        QVERIFY(m_hub->createDevice(device).ok());
    }
    m_hub->setThrottlesEnabled(true);

    const qint64 startMs = m_clock->monotonicMs();
    QList<QFuture<Result<ProvisionedIdentity>>> futures;
    for (int i = 0; i < Count; ++i)
        futures.append(m_provisioner->ensure(QStringLiteral("crowd-%1").arg(i), devEuiFor(i), joinEui));
    QCOMPARE(m_provisioner->pendingCount(), Count);
    QVERIFY(settle([&] {
        return std::all_of(futures.cbegin(), futures.cend(), [](const auto &future) { return future.isFinished(); });
    }));
    const qint64 elapsedMs = m_clock->monotonicMs() - startMs;

    // Nothing lost.
    int created = 0;
    int existing = 0;
    for (int i = 0; i < Count; ++i) {
        const auto result = futures.at(i).result();
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        if (result.value().origin == ProvisionedIdentity::Origin::CreatedInBulk)
            ++created;
        else if (result.value().origin == ProvisionedIdentity::Origin::Existing)
            ++existing;
    }
    QCOMPARE(existing, 5);
    QCOMPARE(created, Count - 5);
    QCOMPARE(m_provisioner->pendingCount(), 0);
    // Bulk was used (at most 100 per request) and the hub never had to throttle the engine.
    QVERIFY(m_provisioner->bulkRequestCount() >= 3);
    QVERIFY(m_provisioner->bulkRequestCount() <= 4);
    QCOMPARE(m_hub->metrics().throttled, quint64(0));
    // The budget held: 250 operations at 100/min with a one-minute burst need at least 90 s.
    QVERIFY2(elapsedMs >= 90000, qPrintable(QStringLiteral("took %1 ms of hub time").arg(elapsedMs)));
    QVERIFY2(elapsedMs < 120000, qPrintable(QStringLiteral("took %1 ms of hub time").arg(elapsedMs)));

    m_hub->setThrottlesEnabled(false);
    QCOMPARE(m_hub->deviceCount(), Count);
    for (int i = 0; i < Count; ++i) {
        if (i % 50 == 0) {
            QVERIFY(m_hub->twin(QStringLiteral("crowd-%1").arg(i)).value().tags.isEmpty());
            continue;
        }
        verifyTags(QStringLiteral("crowd-%1").arg(i), devEuiFor(i), joinEui);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestIdentityProvisionerSandbox::throttlingStormFailsTypedAndRetrySucceeds()
{
    const QString joinEui = QStringLiteral("70B3D57ED0000002");
    HubFaults faults;
    faults.throttleRegistryUntil = m_clock->nowUtc().addSecs(3600);
    m_hub->setFaults(faults);

    // A crowd (bulk) and a single device, both refused by a hub that throttles every registry operation.
    QList<QFuture<Result<ProvisionedIdentity>>> futures;
    for (int i = 0; i < 20; ++i)
        futures.append(m_provisioner->ensure(QStringLiteral("storm-%1").arg(i), devEuiFor(i), joinEui));
    const auto allDone = [&futures] {
        return std::all_of(futures.cbegin(), futures.cend(), [](const auto &future) { return future.isFinished(); });
    };
    QVERIFY(settle(allDone));
    const auto single = m_provisioner->ensure(QStringLiteral("storm-single"), devEuiFor(100), joinEui);
    QVERIFY(settle([&] { return single.isFinished(); }));
    futures.append(single);
    for (const auto &future : futures) {
        const auto result = future.result();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), ServiceError::Kind::Throttled);
        QVERIFY(result.error().isTransient()); // the caller keeps the messages and retries later
        QVERIFY2(result.error().message().contains(QStringLiteral("100 registry operations per minute")),
                 qPrintable(result.error().message()));
    }
    QCOMPARE(m_provisioner->pendingCount(), 0);
    QCOMPARE(m_hub->deviceCount(), 0);

    // The storm is over: the caller's retry provisions every device once, with its tags.
    m_hub->clearFaults();
    QList<QFuture<Result<ProvisionedIdentity>>> retries;
    for (int i = 0; i < 20; ++i)
        retries.append(m_provisioner->ensure(QStringLiteral("storm-%1").arg(i), devEuiFor(i), joinEui));
    retries.append(m_provisioner->ensure(QStringLiteral("storm-single"), devEuiFor(100), joinEui));
    QVERIFY(settle([&retries] {
        return std::all_of(retries.cbegin(), retries.cend(), [](const auto &future) { return future.isFinished(); });
    }));
    for (const auto &future : retries)
        QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
    m_hub->setThrottlesEnabled(false);
    QCOMPARE(m_hub->deviceCount(), 21);
    for (int i = 0; i < 20; ++i)
        verifyTags(QStringLiteral("storm-%1").arg(i), devEuiFor(i), joinEui);
    verifyTags(QStringLiteral("storm-single"), devEuiFor(100), joinEui);
}

QTEST_GUILESS_MAIN(TestIdentityProvisionerSandbox)
#include "tst_identityprovisionersandbox.moc"
