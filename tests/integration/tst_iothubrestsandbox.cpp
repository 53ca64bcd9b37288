// The engine's IoT Hub service REST client against the sandbox's REST endpoint over real TLS, trusting only
// the sandbox CA: registry, bulk, twins with etags (including the 412 path), query continuation, statistics,
// missing rights, throttling, outages and several hubs on one port.

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/rest/IotHubRestEndpoint.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

// Spins the event loop until the future is done (the client's work happens on this thread's loop).
#define AWAIT(future) QTRY_VERIFY_WITH_TIMEOUT((future).isFinished(), 20000)

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestIotHubRestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void deviceLifecycle();
    void createTwiceConflicts();
    void oddDeviceIds();
    void bulk();
    void twinWithEtags();
    void queryWalksContinuation();
    void statistics();
    void missingRight();
    void throttledUnderRegistryFault();
    void outage();
    void addedLatency();
    void hubsShareThePort();
    void unknownHub();
    void untrustedWithoutTheCa();

private:
    std::unique_ptr<IotHubServiceClient> client(SandboxHub *hub, const QString &policy,
                                                std::optional<QSslConfiguration> tls = std::nullopt);

    QTemporaryDir m_stateDir;
    std::optional<SandboxCertificateAuthority> m_ca;
    QNetworkAccessManager *m_nam = nullptr;
    HubDirectory *m_hubs = nullptr;
    IotHubRestEndpoint *m_endpoint = nullptr;
    SandboxHub *m_hub = nullptr;
    std::unique_ptr<IotHubServiceClient> m_client;
    QList<HttpTransport *> m_transports;
};

void TestIotHubRestSandbox::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_stateDir.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    m_ca = ca.value();
}

void TestIotHubRestSandbox::init()
{
    m_nam = new QNetworkAccessManager(this);
    m_hubs = new HubDirectory(Clock::system(), this);
    SandboxHub::Options options;
    options.name = QStringLiteral("it-hub");
    options.throttlesEnabled = false;
    m_hub = m_hubs->createHub(options).value();
    m_endpoint = new IotHubRestEndpoint(m_hubs, Clock::system(), this);
    const Result<quint16> port = m_endpoint->listen(m_ca->serverConfiguration());
    QVERIFY2(port.ok(), qPrintable(port.error().message()));
    QVERIFY(port.value() > 0);
    m_client = client(m_hub, QStringLiteral("iothubowner"));
}

void TestIotHubRestSandbox::cleanup()
{
    m_client.reset();
    qDeleteAll(m_transports);
    m_transports.clear();
    delete m_endpoint;
    delete m_hubs;
    delete m_nam;
}

std::unique_ptr<IotHubServiceClient> TestIotHubRestSandbox::client(SandboxHub *hub, const QString &policy,
                                                                   std::optional<QSslConfiguration> tls)
{
    auto *transport = new HttpTransport(m_nam);
    transport->setSslConfiguration(tls.value_or(m_ca->clientConfiguration()));
    RetryPolicy retries;
    retries.maxAttempts = 2;
    retries.initialDelay = std::chrono::milliseconds(5);
    retries.maxDelay = std::chrono::milliseconds(10);
    retries.jitter = 0;
    transport->setRetryPolicy(retries);
    m_transports.append(transport);
    IotHubCredentials credentials;
    credentials.hostName = hub->hostName();
    credentials.restEndpoint = m_endpoint->url();
    credentials.policyName = policy;
    const std::optional<SharedAccessPolicy> found = hub->policy(policy);
    credentials.policyKey = found ? found->primaryKey : QByteArray("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    return std::make_unique<IotHubServiceClient>(transport, credentials);
}

void TestIotHubRestSandbox::deviceLifecycle()
{
    DeviceIdentity requested;
    requested.deviceId = QStringLiteral("lora-0004a30b001c0530");
    auto created = m_client->createDevice(requested);
    AWAIT(created);
    QVERIFY2(created.result().ok(), qPrintable(created.result().error().toString()));
    const DeviceIdentity device = created.result().value();
    QCOMPARE(device.deviceId, requested.deviceId);
    QVERIFY(!device.etag.isEmpty());
    QCOMPARE(QByteArray::fromBase64(device.authentication.primaryKey.toLatin1()).size(), 32);

    auto read = m_client->getDevice(requested.deviceId);
    AWAIT(read);
    QVERIFY(read.result().ok());
    QCOMPARE(read.result().value().etag, device.etag);
    QCOMPARE(read.result().value().authentication, device.authentication);

    DeviceIdentity changed = device;
    changed.statusReason = QStringLiteral("maintenance");
    auto updated = m_client->updateDevice(changed);
    AWAIT(updated);
    QVERIFY2(updated.result().ok(), qPrintable(updated.result().error().toString()));
    QCOMPARE(updated.result().value().statusReason, QStringLiteral("maintenance"));
    QVERIFY(updated.result().value().etag != device.etag);

    // The etag read first is stale now.
    auto stale = m_client->updateDevice(changed);
    AWAIT(stale);
    QVERIFY(!stale.result().ok());
    QCOMPARE(stale.result().error().kind(), ServiceError::Kind::PreconditionFailed);
    QCOMPARE(stale.result().error().httpStatus(), 412);
    QCOMPARE(stale.result().error().code(), QStringLiteral("PreconditionFailed"));

    auto staleDelete = m_client->deleteDevice(device.deviceId, device.etag);
    AWAIT(staleDelete);
    QCOMPARE(staleDelete.result().error().kind(), ServiceError::Kind::PreconditionFailed);

    auto removed = m_client->deleteDevice(device.deviceId, updated.result().value().etag);
    AWAIT(removed);
    QVERIFY2(removed.result().ok(), qPrintable(removed.result().error().toString()));

    auto gone = m_client->getDevice(device.deviceId);
    AWAIT(gone);
    QCOMPARE(gone.result().error().kind(), ServiceError::Kind::NotFound);
    QVERIFY2(gone.result().error().message().contains(QStringLiteral("does not exist")),
             qPrintable(gone.result().error().message()));
}

void TestIotHubRestSandbox::createTwiceConflicts()
{
    DeviceIdentity requested;
    requested.deviceId = QStringLiteral("twice");
    auto first = m_client->createDevice(requested);
    AWAIT(first);
    QVERIFY(first.result().ok());
    auto second = m_client->createDevice(requested);
    AWAIT(second);
    QCOMPARE(second.result().error().kind(), ServiceError::Kind::Conflict);
    QVERIFY(second.result().error().message().contains(QStringLiteral("already exists")));
}

void TestIotHubRestSandbox::oddDeviceIds()
{
    for (const QString &id : {QStringLiteral("a:b+c%d"), QStringLiteral("x#y?z!(1)"), QStringLiteral("$edge'@;=,")}) {
        DeviceIdentity requested;
        requested.deviceId = id;
        auto created = m_client->createDevice(requested);
        AWAIT(created);
        QVERIFY2(created.result().ok(), qPrintable(created.result().error().toString()));
        QVERIFY(m_hub->device(id).ok());
        auto twin = m_client->getTwin(id);
        AWAIT(twin);
        QVERIFY(twin.result().ok());
        QCOMPARE(twin.result().value().deviceId, id);
    }
}

void TestIotHubRestSandbox::bulk()
{
    QList<ImportDevice> devices;
    for (const char *id : {"b1", "b2", "b3"}) {
        ImportDevice entry;
        entry.id = QLatin1String(id);
        entry.importMode = ImportDevice::Mode::Create;
        entry.tags = json(R"({"lorawan":{"provisioned":true}})");
        devices.append(entry);
    }
    auto created = m_client->importDevices(devices);
    AWAIT(created);
    QVERIFY2(created.result().ok(), qPrintable(created.result().error().toString()));
    QVERIFY(created.result().value().isSuccessful);
    QCOMPARE(m_hub->deviceCount(), 3);
    QCOMPARE(m_hub->twin(QStringLiteral("b2")).value().tags, json(R"({"lorawan":{"provisioned":true}})"));

    // One existing, one new, one deletion: the hub answers 400 with the per-device result.
    ImportDevice again = devices.first();
    ImportDevice fresh = devices.first();
    fresh.id = QStringLiteral("b4");
    const ImportDevice removal = ImportDevice::deletion(QStringLiteral("b3"));
    auto mixed = m_client->importDevices({again, fresh, removal});
    AWAIT(mixed);
    QVERIFY2(mixed.result().ok(), qPrintable(mixed.result().error().toString()));
    const BulkImportResult result = mixed.result().value();
    QVERIFY(!result.isSuccessful);
    QCOMPARE(result.failedDeviceIds(), QStringList {QStringLiteral("b1")});
    QCOMPARE(result.errorFor(QStringLiteral("b1"))->errorCode, QStringLiteral("DeviceAlreadyExists"));
    QVERIFY(m_hub->device(QStringLiteral("b4")).ok());
    QVERIFY(!m_hub->device(QStringLiteral("b3")).ok());
}

void TestIotHubRestSandbox::twinWithEtags()
{
    DeviceIdentity requested;
    requested.deviceId = QStringLiteral("t1");
    QVERIFY(m_hub->createDevice(requested).ok());

    auto read = m_client->getTwin(QStringLiteral("t1"));
    AWAIT(read);
    QVERIFY2(read.result().ok(), qPrintable(read.result().error().toString()));
    const DeviceTwin twin = read.result().value();
    QCOMPARE(twin.desiredVersion(), 1);

    auto patched = m_client->updateTwin(
        QStringLiteral("t1"), DeviceTwin::patch(json(R"({"site":"north"})"), json(R"({"interval":30})")), twin.etag);
    AWAIT(patched);
    QVERIFY2(patched.result().ok(), qPrintable(patched.result().error().toString()));
    const DeviceTwin after = patched.result().value();
    QCOMPARE(after.tags, json(R"({"site":"north"})"));
    QCOMPARE(after.desiredVersion(), 2);
    QVERIFY(after.etag != twin.etag);

    // The device reports meanwhile: the twin etag changes again, so the etag in hand is stale.
    QVERIFY(m_hub->patchReported(QStringLiteral("t1"), json(R"({"battery":80})")).ok());
    auto conflict = m_client->updateTwin(QStringLiteral("t1"),
                                         DeviceTwin::patch(std::nullopt, json(R"({"interval":60})")), after.etag);
    AWAIT(conflict);
    QVERIFY(!conflict.result().ok());
    const ServiceError error = conflict.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::PreconditionFailed);
    QVERIFY2(error.message().contains(QStringLiteral("changed by someone else")), qPrintable(error.message()));
    // The client hands back the twin as it is now.
    const Result<DeviceTwin> current = DeviceTwin::fromJson(error.payload().toObject());
    QVERIFY(current.ok());
    QCOMPARE(current.value().etag, m_hub->twin(QStringLiteral("t1")).value().etag);
    QCOMPARE(DeviceTwin::withoutMetadata(current.value().reported), json(R"({"battery":80})"));

    auto replaced =
        m_client->replaceTwin(QStringLiteral("t1"), current.value().toReplacementJson(), current.value().etag);
    AWAIT(replaced);
    QVERIFY2(replaced.result().ok(), qPrintable(replaced.result().error().toString()));
    QCOMPARE(replaced.result().value().desiredVersion(), 3);
}

void TestIotHubRestSandbox::queryWalksContinuation()
{
    for (int i = 0; i < 5; ++i) {
        DeviceIdentity device;
        device.deviceId = QStringLiteral("q%1").arg(i);
        QVERIFY(m_hub->createDevice(device).ok());
        if (i % 2 == 0)
            QVERIFY(m_hub->updateTwin(device.deviceId, json(R"({"tags":{"site":"north"}})"), {}).ok());
    }
    int pages = 0;
    auto all = m_client->queryAll(QStringLiteral("SELECT * FROM devices"), 2,
                                  [&pages](qsizetype, int pagesSoFar) { pages = pagesSoFar; });
    AWAIT(all);
    QVERIFY2(all.result().ok(), qPrintable(all.result().error().toString()));
    QCOMPARE(all.result().value().size(), 5);
    QCOMPARE(pages, 3);
    const Result<QList<DeviceTwin>> twins = all.result().value().twins();
    QVERIFY(twins.ok());
    QCOMPARE(twins.value().first().deviceId, QStringLiteral("q0"));
    QCOMPARE(twins.value().last().deviceId, QStringLiteral("q4"));
    QCOMPARE(all.result().value().itemType, QStringLiteral("twin"));

    auto north = m_client->query(QStringLiteral("SELECT deviceId FROM devices WHERE tags.site = 'north'"), 10);
    AWAIT(north);
    QVERIFY(north.result().ok());
    QCOMPARE(north.result().value().size(), 3);
    QVERIFY(!north.result().value().hasMore());

    auto broken = m_client->query(QStringLiteral("SELECT * FROM devices WHERE"));
    AWAIT(broken);
    QCOMPARE(broken.result().error().kind(), ServiceError::Kind::BadRequest);
    QVERIFY2(broken.result().error().message().contains(QStringLiteral("Line 1:")),
             qPrintable(broken.result().error().message()));
}

void TestIotHubRestSandbox::statistics()
{
    for (const char *id : {"s1", "s2", "s3"}) {
        DeviceIdentity device;
        device.deviceId = QLatin1String(id);
        device.status =
            device.deviceId == QLatin1String("s3") ? DeviceIdentity::Status::Disabled : DeviceIdentity::Status::Enabled;
        QVERIFY(m_hub->createDevice(device).ok());
    }
    auto statistics = m_client->deviceStatistics();
    AWAIT(statistics);
    QVERIFY(statistics.result().ok());
    QCOMPARE(statistics.result().value().totalDeviceCount, 3);
    QCOMPARE(statistics.result().value().enabledDeviceCount, 2);
    QCOMPARE(statistics.result().value().disabledDeviceCount, 1);
}

void TestIotHubRestSandbox::missingRight()
{
    const std::unique_ptr<IotHubServiceClient> reader = client(m_hub, QStringLiteral("registryRead"));
    DeviceIdentity requested;
    requested.deviceId = QStringLiteral("nope");
    auto created = reader->createDevice(requested);
    AWAIT(created);
    QVERIFY(!created.result().ok());
    const ServiceError error = created.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::Unauthorized);
    QCOMPARE(error.httpStatus(), 401);
    QVERIFY2(error.message().contains(QStringLiteral("lacks RegistryWrite")), qPrintable(error.message()));
    QCOMPARE(m_hub->deviceCount(), 0);

    auto statistics = reader->deviceStatistics();
    AWAIT(statistics);
    QVERIFY(statistics.result().ok()); // RegistryRead is enough for that
}

void TestIotHubRestSandbox::throttledUnderRegistryFault()
{
    HubFaults faults;
    faults.throttleRegistryUntil = QDateTime::currentDateTimeUtc().addSecs(3600);
    m_hub->setFaults(faults);
    auto read = m_client->getDevice(QStringLiteral("any"));
    AWAIT(read);
    QVERIFY(!read.result().ok());
    const ServiceError error = read.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::Throttled);
    QCOMPARE(error.httpStatus(), 429);
    QCOMPARE(error.code(), QStringLiteral("ThrottlingException"));
    QVERIFY2(error.message().contains(QStringLiteral("throttled")), qPrintable(error.message()));
    QCOMPARE(m_hub->metrics().throttled, quint64(2)); // the transport retried once
}

void TestIotHubRestSandbox::outage()
{
    HubFaults faults;
    faults.outageUntil = QDateTime::currentDateTimeUtc().addSecs(3600);
    m_hub->setFaults(faults);
    auto statistics = m_client->deviceStatistics();
    AWAIT(statistics);
    QCOMPARE(statistics.result().error().kind(), ServiceError::Kind::Unavailable);
    QCOMPARE(statistics.result().error().httpStatus(), 503);
    m_hub->clearFaults();
    auto again = m_client->deviceStatistics();
    AWAIT(again);
    QVERIFY(again.result().ok());
}

void TestIotHubRestSandbox::addedLatency()
{
    HubFaults faults;
    faults.addedLatencyMs = 300;
    m_hub->setFaults(faults);
    QElapsedTimer timer;
    timer.start();
    auto statistics = m_client->deviceStatistics();
    AWAIT(statistics);
    QVERIFY(statistics.result().ok());
    QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
}

void TestIotHubRestSandbox::hubsShareThePort()
{
    SandboxHub::Options options;
    options.name = QStringLiteral("it-second");
    options.throttlesEnabled = false;
    SandboxHub *second = m_hubs->createHub(options).value();
    const std::unique_ptr<IotHubServiceClient> other = client(second, QStringLiteral("iothubowner"));
    DeviceIdentity device;
    device.deviceId = QStringLiteral("shared-name");
    auto inSecond = other->createDevice(device);
    AWAIT(inSecond);
    QVERIFY(inSecond.result().ok());
    QCOMPARE(second->deviceCount(), 1);
    QCOMPARE(m_hub->deviceCount(), 0);
    auto inFirst = m_client->getDevice(QStringLiteral("shared-name"));
    AWAIT(inFirst);
    QCOMPARE(inFirst.result().error().kind(), ServiceError::Kind::NotFound);
}

void TestIotHubRestSandbox::unknownHub()
{
    IotHubCredentials credentials;
    credentials.hostName = QStringLiteral("no-such-hub.azure-devices.net");
    credentials.restEndpoint = m_endpoint->url();
    credentials.policyName = QStringLiteral("iothubowner");
    credentials.policyKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    m_client->setCredentials(credentials);
    auto read = m_client->getDevice(QStringLiteral("d1"));
    AWAIT(read);
    QVERIFY(!read.result().ok());
    QVERIFY2(read.result().error().message().contains(QStringLiteral("does not exist")),
             qPrintable(read.result().error().message()));
}

void TestIotHubRestSandbox::untrustedWithoutTheCa()
{
    QSslConfiguration system = QSslConfiguration::defaultConfiguration();
    const std::unique_ptr<IotHubServiceClient> stranger = client(m_hub, QStringLiteral("iothubowner"), system);
    stranger->transport()->setRetryPolicy(RetryPolicy::none());
    auto read = stranger->deviceStatistics();
    AWAIT(read);
    QVERIFY(!read.result().ok());
    QCOMPARE(read.result().error().kind(), ServiceError::Kind::Tls);
}

QTEST_GUILESS_MAIN(TestIotHubRestSandbox)
#include "tst_iothubrestsandbox.moc"
