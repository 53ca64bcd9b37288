// The ingest endpoint and its event processor against the in-process sandbox over real sockets: a twin change
// made through the hub's service REST API travels route → Event Hub → the Function stand-in (STACK_BASE_URL =
// the IngestServer) → ingest → a TTS downlink queued at the TTS stand-in (push, a duplicate delivery, replace);
// tags.lorawan on a new hub device → the device in all four TTS registries and the tags provisioned without keys,
// with the engine's own tag write coming back and being ignored; an injected Network Server fault → rollback
// (nothing left in TTS) and a visible error; a hub delete → the device deleted from TTS.
#include "sandbox/Sandbox.h"
#include "sandbox/routing/FunctionStandIn.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsStandIn.h"
#include "services/core/Futures.h"
#include "services/engine/IngestEventProcessor.h"
#include "services/engine/IngestServer.h"
#include "services/engine/IngestSink.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/tts/TtsClient.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;

#define AWAIT(future) QTRY_VERIFY_WITH_TIMEOUT((future).isFinished(), 30000)

namespace {

const QString App = QStringLiteral("demo-app");

class MemorySink : public IngestSink
{
public:
    QList<IngestEvent> events;
    QFuture<Status> persist(const QList<IngestEvent> &batch) override
    {
        events += batch;
        return Futures::ready(Status(Done {}));
    }
};

struct Processed
{
    IngestEvent event;
    IngestOutcome outcome;
};

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject lorawanTags(const QString &devEui)
{
    QJsonObject lorawan = json(R"({"joinEui":"800000000000000C","lorawanVersion":"1.0.3",
        "regionalParametersVersion":"1.0.3-a","frequencyPlanId":"EU_863_870_TTN",
        "appKey":"459B77D46A08C427254822A33F6FA1A3"})");
    lorawan.insert(QStringLiteral("devEui"), devEui);
    return QJsonObject {{QStringLiteral("lorawan"), lorawan}};
}

} // namespace

class TestIngestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void desiredChangeBecomesDownlink();
    void tagsProvisionTheDevice();
    void networkServerFaultRollsBack();
    void hubDeleteDeletesFromTts();

private:
    // Events processed for `deviceId` so far.
    QList<Processed> processedFor(const QString &deviceId) const;
    bool createHubDevice(const QString &deviceId);
    bool patchTwin(const QString &deviceId, const QJsonObject &patch);

    QTemporaryDir m_stateDir;
    QByteArray m_ingestKey;
    MemorySink m_sink;
    std::unique_ptr<IngestServer> m_server;
    std::unique_ptr<Sandbox::Sandbox> m_sandbox;
    QNetworkAccessManager *m_nam = nullptr;
    HttpTransport *m_hubTransport = nullptr;
    std::unique_ptr<IotHubServiceClient> m_hub;
    std::unique_ptr<TtsClient> m_tts;
    std::unique_ptr<IngestEventProcessor> m_processor;
    QList<Processed> m_processed;
};

void TestIngestSandbox::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    m_ingestKey = QByteArray::number(QRandomGenerator::global()->generate64(), 16) + "-ingest";

    IngestServer::Options serverOptions;
    serverOptions.applicationId = App;
    serverOptions.ingestKey = m_ingestKey;
    m_server = std::make_unique<IngestServer>(serverOptions);
    m_server->setSink(&m_sink);
    Result<quint16> port = m_server->listen();
    QVERIFY2(port.ok(), qPrintable(port.error().message()));

    Sandbox::Sandbox::Options options;
    options.stateDirectory = m_stateDir.path();
    options.throttlesEnabled = false;
    options.stackBaseUrl = m_server->stackBaseUrl().toString();
    options.stackApplicationId = App;
    options.stackApiKey = QString::fromLatin1(m_ingestKey);
    m_sandbox = std::make_unique<Sandbox::Sandbox>(options);
    QFuture<Status> started = m_sandbox->start();
    AWAIT(started);
    QVERIFY2(started.result().ok(), qPrintable(started.result().error().toString()));

    const QJsonObject description = m_sandbox->description();
    const QJsonObject hub = description.value(QStringLiteral("iotHub")).toObject();
    const QJsonObject tts = description.value(QStringLiteral("tts")).toObject();

    m_nam = new QNetworkAccessManager(this);
    QFile caFile(description.value(QStringLiteral("caCertificate")).toString());
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(caFile.readAll(), QSsl::Pem));
    m_hubTransport = new HttpTransport(m_nam, this);
    m_hubTransport->setSslConfiguration(tls);
    IotHubCredentials credentials;
    credentials.hostName = hub.value(QStringLiteral("hostName")).toString();
    credentials.restEndpoint = QUrl(hub.value(QStringLiteral("rest")).toString());
    credentials.policyName = hub.value(QStringLiteral("policyName")).toString();
    credentials.policyKey = hub.value(QStringLiteral("policyKey")).toString().toLatin1();
    m_hub = std::make_unique<IotHubServiceClient>(m_hubTransport, credentials);
    m_tts = std::make_unique<TtsClient>(m_nam, QUrl(tts.value(QStringLiteral("api")).toString()), App,
                                        tts.value(QStringLiteral("apiKey")).toString());
    QVERIFY2(m_tts->configurationStatus().ok(), qPrintable(m_tts->configurationStatus().error().toString()));

    // Persist, answer, then process: what the engine wires through its outbox.
    m_processor = std::make_unique<IngestEventProcessor>(m_tts.get(), m_hub.get());
    connect(m_server.get(), &IngestServer::eventsPersisted, this, [this](const QList<IngestEvent> &events) {
        for (const IngestEvent &event : events)
            m_processor->process(event);
    });
    connect(m_processor.get(), &IngestEventProcessor::eventProcessed, this,
            [this](const IngestEvent &event, const IngestOutcome &outcome) {
                m_processed.append({event, outcome});
            });
}

void TestIngestSandbox::cleanupTestCase()
{
    m_processor.reset();
    if (m_sandbox) {
        QFuture<void> stopped = m_sandbox->stop();
        QTRY_VERIFY_WITH_TIMEOUT(stopped.isFinished(), 20000);
    }
    m_sandbox.reset();
    m_server.reset();
}

QList<Processed> TestIngestSandbox::processedFor(const QString &deviceId) const
{
    QList<Processed> result;
    for (const Processed &processed : m_processed) {
        if (processed.event.deviceId == deviceId)
            result.append(processed);
    }
    return result;
}

bool TestIngestSandbox::createHubDevice(const QString &deviceId)
{
    DeviceIdentity identity;
    identity.deviceId = deviceId;
    QFuture<Result<DeviceIdentity>> created = m_hub->createDevice(identity);
    if (!QTest::qWaitFor([&] { return created.isFinished(); }, 20000))
        return false;
    if (!created.result().ok())
        qWarning() << created.result().error().toString();
    return created.result().ok();
}

bool TestIngestSandbox::patchTwin(const QString &deviceId, const QJsonObject &patch)
{
    QFuture<Result<DeviceTwin>> updated = m_hub->updateTwin(deviceId, patch);
    if (!QTest::qWaitFor([&] { return updated.isFinished(); }, 20000))
        return false;
    if (!updated.result().ok())
        qWarning() << updated.result().error().toString();
    return updated.result().ok();
}

void TestIngestSandbox::desiredChangeBecomesDownlink()
{
    const QString deviceId = QStringLiteral("ingest-dl-1");
    Sandbox::TtsApplicationModel *model = m_sandbox->tts()->model();
    Sandbox::TtsApplicationModel::ProvisionSpec spec;
    spec.deviceId = deviceId;
    spec.devEui = QStringLiteral("70B3D57ED0000101");
    spec.joinEui = QStringLiteral("0000000000000000");
    spec.appKey = QStringLiteral("00112233445566778899AABBCCDDEEFF");
    QVERIFY(model->provisionDevice(App, spec).ok());

    QVERIFY(createHubDevice(deviceId));
    // The lifecycle event arrives and needs nothing (no tags).
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() >= 1, 30000);
    QCOMPARE(processedFor(deviceId).first().event.operation(), IngestEvent::Operation::CreateDeviceIdentity);
    QVERIFY(processedFor(deviceId).first().outcome.isIgnored());

    // Desired rawDownlink (hex) through the service REST API → one downlink at the TTS stand-in.
    QVERIFY(patchTwin(
        deviceId,
        DeviceTwin::patch(
            std::nullopt,
            json(R"({"rawDownlink":{"fPort":15,"framePayload":"BEEF","confirmed":true,"operation":"push"}})"))));
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() >= 2, 30000);
    const Processed pushed = processedFor(deviceId).at(1);
    QVERIFY2(pushed.outcome.isDone(), qPrintable(pushed.outcome.error.toString() + pushed.outcome.reason));
    QCOMPARE(pushed.outcome.actions, QStringList {QStringLiteral("downlink-push")});
    Result<QList<TtsDownlink>> queue = model->downlinkQueue(App, deviceId);
    QVERIFY(queue.ok());
    QCOMPARE(queue.value().size(), 1);
    QCOMPARE(queue.value().first().fPort, 15);
    QCOMPARE(queue.value().first().frmPayload, QByteArray::fromHex("BEEF"));
    QVERIFY(queue.value().first().confirmed);

    // The Function delivers the same event again (at-least-once): still one downlink.
    const qsizetype before = m_processed.size();
    emit m_server->eventsPersisted({pushed.event});
    QTRY_COMPARE_WITH_TIMEOUT(m_processed.size(), before + 1, 10000);
    QVERIFY(m_processed.last().outcome.isIgnored());
    QCOMPARE(model->downlinkQueue(App, deviceId).value().size(), 1);
    QCOMPARE(m_processor->statistics().duplicatesIgnored, 1u);

    // replace with explicit nulls: the queue holds only the new downlink.
    QVERIFY(patchTwin(
        deviceId,
        DeviceTwin::patch(
            std::nullopt,
            json(R"({"rawDownlink":{"fPort":16,"framePayload":"0102","confirmed":null,"operation":"replace"}})"))));
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() >= 4, 30000);
    QVERIFY2(processedFor(deviceId).last().outcome.isDone(),
             qPrintable(processedFor(deviceId).last().outcome.error.toString()));
    queue = model->downlinkQueue(App, deviceId);
    QCOMPARE(queue.value().size(), 1);
    QCOMPARE(queue.value().first().fPort, 16);
    QCOMPARE(queue.value().first().frmPayload, QByteArray::fromHex("0102"));
    QVERIFY(!queue.value().first().confirmed);
}

void TestIngestSandbox::tagsProvisionTheDevice()
{
    const QString deviceId = QStringLiteral("ingest-tags-1");
    Sandbox::TtsApplicationModel *model = m_sandbox->tts()->model();
    QVERIFY(createHubDevice(deviceId));
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() >= 1, 30000);

    QVERIFY(patchTwin(deviceId, DeviceTwin::patch(lorawanTags(QStringLiteral("70B3D57ED0000201")), std::nullopt)));
    // The tags event provisions; the engine's own tag write comes back and is ignored; nothing more follows.
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() >= 3, 30000);
    const QList<Processed> processed = processedFor(deviceId);
    QVERIFY2(processed.at(1).outcome.isDone(), qPrintable(processed.at(1).outcome.error.toString()));
    QCOMPARE(processed.at(1).outcome.actions, QStringList {QStringLiteral("provision")});
    QVERIFY(processed.at(2).outcome.isIgnored());
    QVERIFY2(processed.at(2).outcome.reason.contains(QStringLiteral("already provisioned")),
             qPrintable(processed.at(2).outcome.reason));

    for (TtsComponent component : ttsAllComponents())
        QVERIFY2(model->hasEntry(App, deviceId, component), qPrintable(ttsComponentName(component)));
    const std::optional<TtsEndDevice> device = model->endDevice(App, deviceId);
    QVERIFY(device);
    QCOMPARE(device->devEui, QStringLiteral("70B3D57ED0000201"));
    QCOMPARE(device->rootKeys.appKey, QStringLiteral("459B77D46A08C427254822A33F6FA1A3"));

    QFuture<Result<DeviceTwin>> twin = m_hub->getTwin(deviceId);
    AWAIT(twin);
    QVERIFY(twin.result().ok());
    const QJsonObject lorawan = twin.result().value().tags.value(QStringLiteral("lorawan")).toObject();
    QCOMPARE(lorawan.value(QStringLiteral("provisioned")).toBool(), true);
    QCOMPARE(lorawan.value(QStringLiteral("devEui")).toString(), QStringLiteral("70B3D57ED0000201"));
    QVERIFY(!lorawan.contains(QStringLiteral("appKey")));
    QVERIFY(!lorawan.contains(QStringLiteral("nwkKey")));

    // No loop: the Function has nothing more to deliver for this device.
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->routing()
                                  ->router(QLatin1String(Sandbox::Sandbox::DefaultHubName))
                                  ->function()
                                  ->statistics()
                                  .batchesInFlight,
                              0, 10000);
    QCOMPARE(processedFor(deviceId).size(), 3);
}

void TestIngestSandbox::networkServerFaultRollsBack()
{
    const QString deviceId = QStringLiteral("ingest-fault-1");
    Sandbox::TtsApplicationModel *model = m_sandbox->tts()->model();
    Sandbox::TtsApplicationModel::Fault fault;
    fault.component = TtsComponent::NetworkServer;
    fault.method = "PUT";
    fault.status = 500;
    model->addFault(fault);

    QVERIFY(createHubDevice(deviceId));
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() >= 1, 30000);
    QVERIFY(patchTwin(deviceId, DeviceTwin::patch(lorawanTags(QStringLiteral("70B3D57ED0000301")), std::nullopt)));
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() >= 2, 30000);
    const IngestOutcome outcome = processedFor(deviceId).at(1).outcome;
    QVERIFY(outcome.isFailed());
    QVERIFY(outcome.retryable); // a 500 may pass: the engine keeps the outbox record and tries again
    QVERIFY2(outcome.error.toString().contains(QStringLiteral("Network Server")), qPrintable(outcome.error.toString()));
    QVERIFY2(outcome.error.toString().contains(QStringLiteral("removed again")), qPrintable(outcome.error.toString()));
    for (TtsComponent component : ttsAllComponents())
        QVERIFY2(!model->hasEntry(App, deviceId, component), qPrintable(ttsComponentName(component)));

    // The tags stay unprovisioned (with their keys, for the retry).
    QFuture<Result<DeviceTwin>> twin = m_hub->getTwin(deviceId);
    AWAIT(twin);
    QVERIFY(!twin.result()
                 .value()
                 .tags.value(QStringLiteral("lorawan"))
                 .toObject()
                 .value(QStringLiteral("provisioned"))
                 .toBool());
    model->clearFaults();

    // The retry (what the engine does with the kept record) succeeds.
    QFuture<IngestOutcome> retried = m_processor->process(processedFor(deviceId).at(1).event);
    AWAIT(retried);
    QVERIFY2(retried.result().isDone(), qPrintable(retried.result().error.toString()));
    for (TtsComponent component : ttsAllComponents())
        QVERIFY(model->hasEntry(App, deviceId, component));
}

void TestIngestSandbox::hubDeleteDeletesFromTts()
{
    const QString deviceId = QStringLiteral("ingest-tags-1");
    Sandbox::TtsApplicationModel *model = m_sandbox->tts()->model();
    QVERIFY(model->hasEntry(App, deviceId, TtsComponent::IdentityServer));
    const qsizetype before = processedFor(deviceId).size();
    QFuture<Status> deleted = m_hub->deleteDevice(deviceId);
    AWAIT(deleted);
    QVERIFY2(deleted.result().ok(), qPrintable(deleted.result().error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(processedFor(deviceId).size() > before, 30000);
    const Processed last = processedFor(deviceId).last();
    QCOMPARE(last.event.operation(), IngestEvent::Operation::DeleteDeviceIdentity);
    QVERIFY2(last.outcome.isDone(), qPrintable(last.outcome.error.toString()));
    for (TtsComponent component : ttsAllComponents())
        QVERIFY(!model->hasEntry(App, deviceId, component));
}

QTEST_GUILESS_MAIN(TestIngestSandbox)
#include "tst_ingestsandbox.moc"
