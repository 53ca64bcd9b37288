// The integration engine against the whole sandbox over real sockets (issue 6 acceptance): the in-process
// Sandbox (TTS stand-in with its real mosquitto broker and virtual devices, IoT Hub device MQTT over TLS, service
// REST, routing and the Function stand-in) and one Engine in this thread, configured from the sandbox.json the
// sandbox wrote. What arrives is observed on the far side: the hub's recorded D2C messages and twins, the TTS
// model's registries and downlink queues.

#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsStandIn.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/engine/Engine.h"
#include "services/engine/EngineHost.h"
#include "services/engine/Outbox.h"
#include "services/engine/SandboxFunctionRegistration.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/HubThrottle.h"
#include "services/mqtt/MosquittoClient.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/MessagePropertyBag.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString App = QStringLiteral("demo-app");
const QString Hub = QStringLiteral("sandbox-hub");
// In the application's namespace (the tap may use it) but on none of the engine's topics.
const QString TapMarkerTopic = QStringLiteral("v3/demo-app@sandbox/test/tap-marker");

QJsonObject bodyOf(const HubMessage &message)
{
    return QJsonDocument::fromJson(message.bodyBytes()).object();
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void forwardsUplinksOfManyDevices();
    void reportedDecodedPayloadDropsKeysTheDeviceDropped();
    void createsIdentitiesUnderAThrottledRegistryInOrder();
    void survivesAHubOutageAndARestart();
    void staysWithinTheHubsRatesAndRidesOutA429Storm();
    void desiredPatchBecomesADownlinkAndItsStatusIsReported();
    void duplicateIngestDeliveryQueuesOneDownlink();
    void lorawanTagsProvisionTheDeviceInTts();
    void badInputOnBothDoorsIsRefusedAndNothingIsLost();
    void hostRunsTheEngineInAWorkerThread();
    void hostGoingAwayStopsItsEngine();
    void engineRefusesASecondEngineOnTheSameOutbox();
    void engineMayBeDeletedByWhoeverHearsItStopped();

private:
    void startSandbox(int devices, bool throttles = false);
    // Returns once the tap has received everything the broker took so far.
    void syncTap();
    EngineConfig config() const;
    void startEngine(const EngineConfig &configuration);
    void stopEngine();
    void registerFunction(const QString &stackBaseUrl, const QString &ingestKey);
    SandboxHub *hub() const { return m_sandbox->hubs()->hub(Hub); }
    TtsApplicationModel *model() const { return m_sandbox->tts()->model(); }
    QList<HubMessage> messages(const QString &deviceId = {}) const;
    // Every `up` TTS published (seen by a second application client) is at the hub as a D2C message with the very
    // same body, in the order TTS published them per device; duplicates (same $.mid) carry the same body.
    bool hubHasEveryPublishedUplink(QString *why = nullptr) const;
    int publishedUplinks() const;
    QJsonObject lastPublishedDecodedPayload(const QString &deviceId) const;
    // TTS's received_at of the device's last `up` (what reported.lastSeenAt shows).
    QString lastPublishedReceivedAt(const QString &deviceId) const;
    QJsonObject reported(const QString &deviceId) const;
    QByteArray postIngest(const QByteArray &body, const QByteArray &key, int *status,
                          const QByteArray &contentType = "application/json");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<MosquittoClient> m_tap;
    QHash<QString, QList<QByteArray>> m_published; // device → `up` payloads in publication order
    QSet<QString> m_joined; // devices whose join TTS published while an engine was subscribed
    // Uplinks TTS published while no engine was subscribed (between a stop and the next subscription): TTS's
    // MQTT is QoS 0, so nobody can forward them, and the comparison leaves them out.
    QSet<QByteArray> m_unsubscribed;
    QHash<QString, qsizetype> m_publishedAtStop;
    int m_markersSent = 0;
    int m_markersSeen = 0;
    bool m_engineStarted = false;
    QString m_ingestKey;
};

void TestEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_ingestKey = EngineConfig::generateIngestKey();
    m_engineStarted = false;
    m_markersSent = 0;
    m_markersSeen = 0;
    m_unsubscribed.clear();
    m_publishedAtStop.clear();
}

void TestEngine::cleanup()
{
    if (m_engine) {
        QFuture<void> stopped = m_engine->stop();
        QVERIFY(Test::await(stopped, 15000));
        m_engine.reset();
    }
    m_tap.reset();
    if (m_sandbox) {
        QVERIFY(Test::await(m_sandbox->stop(), 15000));
        m_sandbox.reset();
    }
    m_nam.reset();
    m_dir.reset();
}

void TestEngine::startSandbox(int devices, bool throttles)
{
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir->filePath(QStringLiteral("sandbox"));
    options.devices = devices;
    options.seed = 42;
    options.throttlesEnabled = throttles;
    options.ttsMqttTls = false;
    // The test drives the uplinks; the automatic ones would come after an hour.
    options.uplinkInterval = 1h;
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = Test::awaitResult(m_sandbox->start(), 30000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));

    // The ground truth: every uplink TTS publishes, seen by a client of its own.
    const QJsonObject tts = m_sandbox->description().value(QLatin1String("tts")).toObject();
    m_published.clear();
    m_tap = std::make_unique<MosquittoClient>();
    MosquittoClient::Options tap;
    tap.host = tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("host")).toString();
    tap.port = quint16(tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("port")).toInt());
    tap.username = QStringLiteral("demo-app@sandbox");
    tap.password = tts.value(QLatin1String("apiKey")).toString().toUtf8();
    tap.clientId = QStringLiteral("test-tap");
    connect(m_tap.get(), &MosquittoClient::messageReceived, this,
            [this](const QString &topic, const QByteArray &payload) {
                if (topic == TapMarkerTopic)
                    m_markersSeen = std::max(m_markersSeen, payload.toInt());
                else if (topic.endsWith(QLatin1String("/join")))
                    m_joined.insert(topic.section(QLatin1Char('/'), 3, 3));
                else
                    m_published[topic.section(QLatin1Char('/'), 3, 3)].append(payload);
            });
    QSignalSpy connected(m_tap.get(), &MosquittoClient::connected);
    QVERIFY(m_tap->connectToHost(tap).ok());
    QVERIFY(connected.wait(10000));
    QSignalSpy subscribed(m_tap.get(), &MosquittoClient::subscribed);
    QVERIFY(m_tap->subscribe(QStringLiteral("v3/demo-app@sandbox/devices/+/up"), 0).ok());
    QVERIFY(subscribed.wait(10000));
    QVERIFY(m_tap->subscribe(QStringLiteral("v3/demo-app@sandbox/devices/+/join"), 0).ok());
    QVERIFY(subscribed.wait(10000));
    QVERIFY(m_tap->subscribe(TapMarkerTopic, 0).ok());
    QVERIFY(subscribed.wait(10000));
}

void TestEngine::syncTap()
{
    // The broker hands messages to a subscriber in the order it took them: once the tap has its own marker back,
    // it has seen everything the broker took before it — in particular whatever TTS published before the engine's
    // subscription took effect (the virtual devices' first join and uplink at start-up), which the engine can
    // never receive (QoS 0).
    const int marker = ++m_markersSent;
    QVERIFY(m_tap->publish(TapMarkerTopic, QByteArray::number(marker), 0).ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_markersSeen >= marker, 10000);
}

int TestEngine::publishedUplinks() const
{
    int count = 0;
    for (const QList<QByteArray> &payloads : m_published)
        count += int(payloads.size());
    return count;
}

QJsonObject TestEngine::lastPublishedDecodedPayload(const QString &deviceId) const
{
    const QList<QByteArray> payloads = m_published.value(deviceId);
    if (payloads.isEmpty())
        return {};
    return QJsonDocument::fromJson(payloads.constLast())
        .object()
        .value(QLatin1String("uplink_message"))
        .toObject()
        .value(QLatin1String("decoded_payload"))
        .toObject();
}

QString TestEngine::lastPublishedReceivedAt(const QString &deviceId) const
{
    const QList<QByteArray> payloads = m_published.value(deviceId);
    if (payloads.isEmpty())
        return {};
    const QJsonObject up = QJsonDocument::fromJson(payloads.constLast()).object();
    const QString receivedAt = up.value(QLatin1String("received_at")).toString();
    if (!receivedAt.isEmpty())
        return receivedAt;
    return up.value(QLatin1String("uplink_message")).toObject().value(QLatin1String("received_at")).toString();
}

bool TestEngine::hubHasEveryPublishedUplink(QString *why) const
{
    for (auto it = m_published.constBegin(); it != m_published.constEnd(); ++it) {
        QList<QByteArray> arrived;
        QHash<QString, QByteArray> byMessageId;
        for (const HubMessage &message : hub()->recordedMessages(it.key(), 0, 100000)) {
            if (message.source != RoutingSource::DeviceMessages ||
                message.applicationProperties.value(QStringLiteral("messageType")).toString() !=
                    QLatin1String("uplink"))
                continue;
            const QString messageId = message.systemProperties.value(QStringLiteral("message-id")).toString();
            if (byMessageId.contains(messageId)) {
                if (byMessageId.value(messageId) != message.bodyBytes()) {
                    if (why)
                        *why = QStringLiteral("%1: two bodies with $.mid %2").arg(it.key(), messageId);
                    return false;
                }
                continue;
            }
            byMessageId.insert(messageId, message.bodyBytes());
            if (!m_unsubscribed.contains(message.bodyBytes()))
                arrived.append(message.bodyBytes());
        }
        QList<QByteArray> expected;
        for (const QByteArray &payload : it.value()) {
            if (!m_unsubscribed.contains(payload))
                expected.append(payload);
        }
        if (arrived != expected) {
            if (why) {
                qsizetype same = 0;
                while (same < arrived.size() && same < expected.size() && arrived.at(same) == expected.at(same))
                    ++same;
                *why = QStringLiteral("%1: %2 published, %3 at the hub, the same up to #%4")
                           .arg(it.key())
                           .arg(expected.size())
                           .arg(arrived.size())
                           .arg(same);
            }
            return false;
        }
    }
    return true;
}

EngineConfig TestEngine::config() const
{
    Result<EngineConfig> configuration = EngineConfig::fromSandboxFile(m_sandbox->descriptionPath());
    if (!configuration)
        qFatal("sandbox.json unreadable: %s", qPrintable(configuration.error().toString()));
    EngineConfig result = configuration.takeValue();
    result.secrets.ingestKey = m_ingestKey;
    result.ingest.port = 0;
    result.dataDirectory = m_dir->filePath(QStringLiteral("outbox"));
    result.throttlesEnabled = false;
    result.statsInterval = 100ms;
    result.drainTimeout = 5s;
    return result;
}

void TestEngine::startEngine(const EngineConfig &configuration)
{
    m_engine = std::make_unique<Engine>(configuration);
    const Status started = Test::awaitResult(m_engine->start(), 10000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    // Subscribed to TTS before anything is published (TTS MQTT is QoS 0, as the real one).
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);
    syncTap();
    if (!m_engineStarted) {
        m_engineStarted = true;
        // First engine: what TTS published before it subscribed is not its business.
        m_published.clear();
        m_joined.clear();
    } else {
        for (auto it = m_published.constBegin(); it != m_published.constEnd(); ++it) {
            for (qsizetype i = m_publishedAtStop.value(it.key(), 0); i < it.value().size(); ++i)
                m_unsubscribed.insert(it.value().at(i));
        }
        m_publishedAtStop.clear();
    }
    if (configuration.ingest.enabled)
        registerFunction(m_engine->ingestBaseUrl(), configuration.secrets.ingestKey);
}

void TestEngine::stopEngine()
{
    m_publishedAtStop.clear();
    for (auto it = m_published.constBegin(); it != m_published.constEnd(); ++it)
        m_publishedAtStop.insert(it.key(), it.value().size());
    QVERIFY(Test::await(m_engine->stop(), 15000));
    m_engine.reset();
}

void TestEngine::registerFunction(const QString &stackBaseUrl, const QString &ingestKey)
{
    HttpTransport transport(m_nam.get());
    const QJsonObject description = m_sandbox->description();
    SandboxFunctionRegistration::Target target {QUrl(description.value(QLatin1String("admin")).toString()), Hub,
                                                stackBaseUrl, App, ingestKey};
    const Status registered = Test::awaitResult(SandboxFunctionRegistration::apply(&transport, target), 10000);
    QVERIFY2(registered.ok(), qPrintable(registered.error().toString()));
}

QList<HubMessage> TestEngine::messages(const QString &deviceId) const
{
    QList<HubMessage> result;
    if (deviceId.isEmpty()) {
        for (const DeviceIdentity &device : hub()->devices(100000))
            result += hub()->recordedMessages(device.deviceId, 0, 100000);
    } else {
        result = hub()->recordedMessages(deviceId, 0, 100000);
    }
    return result;
}

QJsonObject TestEngine::reported(const QString &deviceId) const
{
    const Result<QJsonObject> twin = hub()->deviceTwinProperties(deviceId);
    if (!twin)
        return {};
    return twin.value().value(QLatin1String("reported")).toObject();
}

QByteArray TestEngine::postIngest(const QByteArray &body, const QByteArray &key, int *status,
                                  const QByteArray &contentType)
{
    HttpTransport transport(m_nam.get());
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(m_engine->ingestBaseUrl() + QStringLiteral("/as/applications/") + App +
                       QStringLiteral("/packages/azureiothub/events"));
    request.setHeader("Content-Type", contentType);
    if (!key.isEmpty())
        request.setHeader("Authorization", "Bearer " + key);
    request.body = body;
    request.idempotent = false;
    QFuture<HttpResponse> future = transport.send(request);
    if (!Test::await(future, 10000)) {
        *status = -1;
        return {};
    }
    *status = future.result().status;
    return future.result().body;
}

// 100 devices × 10 uplinks → 1,000 D2C messages with the TTS JSON as body (byte for byte) and the documented
// properties, in order per device; the twin's reported decodedPayload is the last uplink's; lastSeenAt and
// joinedAt are set. (The virtual devices also send one uplink of their own two seconds after a join: they are
// forwarded the same way and checked the same way.)
void TestEngine::forwardsUplinksOfManyDevices()
{
    startSandbox(100);
    startEngine(config());

    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 1000;
    burst.ratePerSecond = 250;
    const Result<int> scheduled = m_sandbox->fleet()->startBurst(burst);
    QVERIFY2(scheduled.ok(), qPrintable(scheduled.error().toString()));
    QCOMPARE(scheduled.value(), 1000);

    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(publishedUplinks() >= 1000 && hubHasEveryPublishedUplink(&why), qPrintable(why), 120000);
    QCOMPARE(m_published.size(), 100);
    QCOMPARE(hub()->deviceCount(), 100);

    QSet<QString> messageIds;
    int d2c = 0;
    for (const QString &deviceId : m_published.keys()) {
        for (const HubMessage &message : messages(deviceId)) {
            if (message.source != RoutingSource::DeviceMessages)
                continue;
            ++d2c;
            const QJsonObject body = bodyOf(message);
            QCOMPARE(message.systemProperties.value(QStringLiteral("content-type")).toString(),
                     QStringLiteral("application/json"));
            QCOMPARE(message.systemProperties.value(QStringLiteral("content-encoding")).toString(),
                     QStringLiteral("utf-8"));
            const QString messageId = message.systemProperties.value(QStringLiteral("message-id")).toString();
            QVERIFY(!messageId.isEmpty());
            messageIds.insert(messageId);
            QCOMPARE(message.applicationProperties.value(QStringLiteral("messageType")).toString(),
                     QStringLiteral("uplink"));
            QCOMPARE(
                body.value(QLatin1String("end_device_ids")).toObject().value(QLatin1String("device_id")).toString(),
                deviceId);
            const QJsonObject uplink = body.value(QLatin1String("uplink_message")).toObject();
            QCOMPARE(message.applicationProperties.value(QStringLiteral("fPort")).toString(),
                     QString::number(uplink.value(QLatin1String("f_port")).toInt()));
        }
    }
    QVERIFY(d2c >= 1000);
    QCOMPARE(messageIds.size(), d2c); // a clean run sends no duplicates

    // Reported: exactly the last decoded payload (later automatic uplinks may still move it: compare until equal).
    auto reportedIsLatest = [this](QString *problem) {
        for (const QString &deviceId : m_published.keys()) {
            const QJsonObject twin = reported(deviceId);
            if (twin.value(QLatin1String("decodedPayload")).toObject() != lastPublishedDecodedPayload(deviceId)) {
                *problem = deviceId + QStringLiteral(": decodedPayload is not the last one");
                return false;
            }
            // The last uplink's own time: its patch (which follows its D2C message's PUBACK) is at the hub, so
            // the engine's counters below include every D2C message.
            if (twin.value(QLatin1String("lastSeenAt")).toString() != lastPublishedReceivedAt(deviceId)) {
                *problem = deviceId + QStringLiteral(": lastSeenAt is not the last uplink's");
                return false;
            }
            // Devices that joined while the engine listened (sendUplink joins a device that has not joined).
            if (m_joined.contains(deviceId) && twin.value(QLatin1String("joinedAt")).toString().isEmpty()) {
                *problem = deviceId + QStringLiteral(": joinedAt missing");
                return false;
            }
        }
        return true;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(reportedIsLatest(&why), qPrintable(why), 30000);
    QVERIFY(m_joined.size() > 50);
    const EngineMetricsSnapshot snapshot = m_engine->snapshot();
    QVERIFY(snapshot.counter(EngineMetrics::Counter::DeviceToCloudSent) >= 1000);
    QCOMPARE(snapshot.counter(EngineMetrics::Counter::UplinksFailed), quint64(0));
    QVERIFY(snapshot.latencyP99Ms() > 0);
}

// A device that stops sending a key: the key disappears from reported.decodedPayload (the twin is exactly the
// last decoded payload), in this run and with a new engine that does not know what the twin holds. The
// uplinks are published as TTS's Application Server would (a real one taken as the template, with a new
// correlation id and decoded payload), since the virtual devices' formatter has fixed fields.
void TestEngine::reportedDecodedPayloadDropsKeysTheDeviceDropped()
{
    startSandbox(1);
    startEngine(config());
    const QString device = QStringLiteral("dev-001");
    VirtualDeviceFleet::UplinkRequest real;
    real.applicationId = App;
    real.deviceId = device;
    QVERIFY(m_sandbox->fleet()->sendUplink(real).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!m_published.value(device).isEmpty(), 10000);
    const QJsonObject templateUp = QJsonDocument::fromJson(m_published.value(device).constLast()).object();

    const QJsonObject tts = m_sandbox->description().value(QLatin1String("tts")).toObject();
    MosquittoClient as;
    MosquittoClient::Options options;
    options.host = tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("host")).toString();
    options.port = quint16(tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("port")).toInt());
    options.username = QStringLiteral("demo-app@sandbox");
    options.password = tts.value(QLatin1String("apiKey")).toString().toUtf8();
    options.clientId = QStringLiteral("application-server");
    QSignalSpy connected(&as, &MosquittoClient::connected);
    QVERIFY(as.connectToHost(options).ok());
    QVERIFY(connected.wait(10000));
    int sequence = 0;
    auto publish = [&](const QJsonObject &decoded) {
        QJsonObject up = templateUp;
        up.insert(QStringLiteral("correlation_ids"),
                  QJsonArray {QStringLiteral("as:up:01TESTDECODED%1").arg(++sequence, 12, 10, QLatin1Char('0'))});
        QJsonObject message = up.value(QLatin1String("uplink_message")).toObject();
        message.insert(QStringLiteral("decoded_payload"), decoded);
        message.insert(QStringLiteral("f_cnt"), 1000 + sequence);
        up.insert(QStringLiteral("uplink_message"), message);
        return as
            .publish(QStringLiteral("v3/demo-app@sandbox/devices/dev-001/up"),
                     QJsonDocument(up).toJson(QJsonDocument::Compact), 0)
            .ok();
    };
    const QJsonObject withExtra {
        {QStringLiteral("temperature"), 21.5},
        {QStringLiteral("extra"), 7},
        {QStringLiteral("nested"), QJsonObject {{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}}}};
    const QJsonObject without {{QStringLiteral("temperature"), 22.0},
                               {QStringLiteral("nested"), QJsonObject {{QStringLiteral("b"), 3}}}};
    auto decodedPayload = [this, &device]() {
        return reported(device).value(QLatin1String("decodedPayload")).toObject();
    };

    QVERIFY(publish(withExtra));
    QTRY_COMPARE_WITH_TIMEOUT(decodedPayload(), withExtra, 30000);
    QVERIFY(publish(without));
    QTRY_COMPARE_WITH_TIMEOUT(decodedPayload(), without, 30000);

    // A new engine does not know what the twin holds: it still leaves exactly the new payload.
    QVERIFY(publish(withExtra));
    QTRY_COMPARE_WITH_TIMEOUT(decodedPayload(), withExtra, 30000);
    stopEngine();
    startEngine(config());
    QVERIFY(publish(without));
    QTRY_COMPARE_WITH_TIMEOUT(decodedPayload(), without, 30000);
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(hubHasEveryPublishedUplink(&why), qPrintable(why), 30000);
}

// New devices under the hub's real registry throttle, with the registry answering 429 for a while: every
// message waits durably and arrives, in order per device.
void TestEngine::createsIdentitiesUnderAThrottledRegistryInOrder()
{
    startSandbox(20, true);
    HubFaults faults;
    faults.throttleRegistryUntil = QDateTime::currentDateTimeUtc().addSecs(4);
    hub()->setFaults(faults);
    EngineConfig configuration = config();
    configuration.throttlesEnabled = true; // S1 × 1: 100 registry operations per minute
    startEngine(configuration);

    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 100;
    burst.ratePerSecond = 50;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(publishedUplinks() >= 100 && hubHasEveryPublishedUplink(&why), qPrintable(why), 120000);
    QCOMPARE(hub()->deviceCount(), 20);
    QVERIFY(m_engine->snapshot().counter(EngineMetrics::Counter::IdentitiesCreated) >= 20);
    for (const QString &deviceId : m_sandbox->fleet()->deviceIds(App)) {
        // Tagged as provisioned by the engine.
        const Result<DeviceTwin> twin = hub()->twin(deviceId);
        QVERIFY(twin.ok());
        const QJsonObject lorawan = twin.value().tags.value(QLatin1String("lorawan")).toObject();
        QCOMPARE(lorawan.value(QLatin1String("provisioned")).toBool(), true);
        QVERIFY(!lorawan.value(QLatin1String("devEui")).toString().isEmpty());
    }
}

// The hub is down (CONNACK 3, REST 503) while uplinks arrive and the engine is stopped and started again in
// the middle: every uplink arrives once the hub is back; duplicates, if any, carry the same $.mid.
void TestEngine::survivesAHubOutageAndARestart()
{
    startSandbox(10);
    startEngine(config());
    // Identities first, so that the outage hits the device connections.
    VirtualDeviceFleet::BurstRequest warmUp;
    warmUp.applicationId = App;
    warmUp.count = 10;
    warmUp.ratePerSecond = 100;
    QVERIFY(m_sandbox->fleet()->startBurst(warmUp).ok());
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(publishedUplinks() >= 10 && hubHasEveryPublishedUplink(&why), qPrintable(why), 60000);

    HubFaults faults;
    faults.outageUntil = QDateTime::currentDateTimeUtc().addSecs(8);
    hub()->setFaults(faults);
    hub()->dropAllConnections();
    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 50;
    burst.ratePerSecond = 50;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    // Everything TTS published was received (and stored) by the engine before it stops.
    QTRY_VERIFY_WITH_TIMEOUT(publishedUplinks() >= 60 &&
                                 m_engine->snapshot().counter(EngineMetrics::Counter::UplinksReceived) >=
                                     quint64(publishedUplinks()),
                             20000);
    QVERIFY(!hubHasEveryPublishedUplink());
    QVERIFY(m_engine->snapshot().gauge(EngineMetrics::Gauge::OutboxDepth) > 0);
    // Stop in the outage: what is not confirmed stays in the outbox.
    stopEngine();
    startEngine(config());
    // Everything arrives once the hub is back; duplicates, if any, carry the same $.mid and body.
    QTRY_VERIFY2_WITH_TIMEOUT(hubHasEveryPublishedUplink(&why), qPrintable(why), 90000);
}

// The hub's real S1 throttles in the sandbox (same figures, token buckets): the engine paces itself, so a fast
// burst gets no 429 at all and D2C messages never exceed the rate plus one second's burst; then a 429 storm on
// twin updates: everything still arrives, in order.
void TestEngine::staysWithinTheHubsRatesAndRidesOutA429Storm()
{
    startSandbox(20, true);
    EngineConfig configuration = config();
    configuration.throttlesEnabled = true; // S1 × 1: 100 D2C/s, 50 twin updates/s, 100 connects/s
    startEngine(configuration);
    const HubThrottle::Limits limits = HubThrottle::limitsFor(HubSku::S1, 1);

    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 400;
    burst.ratePerSecond = 400;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(publishedUplinks() >= 400 && hubHasEveryPublishedUplink(&why), qPrintable(why), 120000);
    // The engine paces itself: at most a stray 429 where requests bunch up on the way (the sandbox runs in this
    // thread, so a busy machine delays its metering), instead of one per request above the rate.
    QVERIFY2(hub()->metrics().throttled <= 5, qPrintable(QString::number(hub()->metrics().throttled)));
    QCOMPARE(m_engine->snapshot().counter(EngineMetrics::Counter::UplinksFailed), quint64(0));
    QList<qint64> times;
    for (const QString &deviceId : m_published.keys()) {
        for (const HubMessage &message : messages(deviceId)) {
            if (message.source == RoutingSource::DeviceMessages)
                times.append(message.enqueuedTime.toMSecsSinceEpoch());
        }
    }
    std::sort(times.begin(), times.end());
    qsizetype start = 0;
    qsizetype busiest = 0;
    for (qsizetype end = 0; end < times.size(); ++end) {
        while (times.at(end) - times.at(start) >= 1000)
            ++start;
        busiest = std::max(busiest, end - start + 1);
    }
    // At most one second's worth at the rate plus the bucket's one second of burst.
    QVERIFY2(busiest <= qsizetype(2 * limits.deviceToCloudPerSecond), qPrintable(QString::number(busiest)));

    // A storm of 429s on twin updates for three seconds, mid-stream.
    HubFaults faults;
    faults.throttleTwinUntil = QDateTime::currentDateTimeUtc().addSecs(3);
    hub()->setFaults(faults);
    burst.count = 200;
    burst.ratePerSecond = 200;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    QTRY_VERIFY2_WITH_TIMEOUT(publishedUplinks() >= 600 && hubHasEveryPublishedUplink(&why), qPrintable(why), 120000);
    QVERIFY(hub()->metrics().throttled > 0);
    auto reportedIsLatest = [this](QString *problem) {
        for (const QString &deviceId : m_published.keys()) {
            if (reported(deviceId).value(QLatin1String("decodedPayload")).toObject() !=
                lastPublishedDecodedPayload(deviceId)) {
                *problem = deviceId;
                return false;
            }
        }
        return true;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(reportedIsLatest(&why), qPrintable(why), 60000);
}

// Desired rawDownlink through the service API → route → Function → ingest → TTS downlink queued → sent (and
// acked, confirmed) on the device's next uplinks → reported.downlink shows it.
void TestEngine::desiredPatchBecomesADownlinkAndItsStatusIsReported()
{
    startSandbox(1);
    startEngine(config());
    const QString device = QStringLiteral("dev-001");
    VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = App;
    uplink.deviceId = device;
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok());
    QTRY_VERIFY_WITH_TIMEOUT(publishedUplinks() >= 1 && hubHasEveryPublishedUplink(), 30000);

    const QJsonObject patch {
        {QStringLiteral("properties"),
         QJsonObject {{QStringLiteral("desired"),
                       QJsonObject {{QStringLiteral("decodedPayload"), QJsonValue(QJsonValue::Null)},
                                    {QStringLiteral("rawDownlink"),
                                     QJsonObject {{QStringLiteral("fPort"), 42},
                                                  {QStringLiteral("framePayload"), QStringLiteral("BEEF")},
                                                  {QStringLiteral("confirmed"), true},
                                                  {QStringLiteral("operation"), QStringLiteral("replace")}}}}}}}};
    const Result<DeviceTwin> updated = hub()->updateTwin(device, patch, QStringLiteral("*"));
    QVERIFY2(updated.ok(), qPrintable(updated.error().toString()));

    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->fleet()->deliveredDownlinks(App, device).size(), qsizetype(1), 30000);
    const VirtualDeviceFleet::DownlinkRecord queued = m_sandbox->fleet()->deliveredDownlinks(App, device).constFirst();
    QCOMPARE(queued.downlink.fPort, 42);
    QCOMPARE(queued.downlink.frmPayload, QByteArray::fromHex("BEEF"));
    QVERIFY(queued.downlink.confirmed);
    QTRY_COMPARE_WITH_TIMEOUT(
        reported(device).value(QLatin1String("downlink")).toObject().value(QLatin1String("status")).toString(),
        QStringLiteral("queued"), 30000);

    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok()); // → down/sent
    QTRY_COMPARE_WITH_TIMEOUT(
        reported(device).value(QLatin1String("downlink")).toObject().value(QLatin1String("status")).toString(),
        QStringLiteral("sent"), 30000);
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok()); // → down/ack
    QTRY_COMPARE_WITH_TIMEOUT(
        reported(device).value(QLatin1String("downlink")).toObject().value(QLatin1String("status")).toString(),
        QStringLiteral("ack"), 30000);
    QCOMPARE(m_engine->snapshot().counter(EngineMetrics::Counter::DownlinksPushed), quint64(1));
}

// The Function delivers at least once: the same event twice → one downlink (de-duplicated by desired $version).
void TestEngine::duplicateIngestDeliveryQueuesOneDownlink()
{
    startSandbox(1);
    EngineConfig configuration = config();
    startEngine(configuration);
    const QString device = QStringLiteral("dev-001");
    VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = App;
    uplink.deviceId = device;
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok());
    QTRY_VERIFY_WITH_TIMEOUT(publishedUplinks() >= 1 && hubHasEveryPublishedUplink(), 30000);

    const QJsonObject event {
        {QStringLiteral("end_device_ids"),
         QJsonObject {{QStringLiteral("device_id"), device},
                      {QStringLiteral("application_ids"), QJsonObject {{QStringLiteral("application_id"), App}}}}},
        {QStringLiteral("body"),
         QJsonObject {
             {QStringLiteral("version"), 3},
             {QStringLiteral("properties"),
              QJsonObject {{QStringLiteral("desired"),
                            QJsonObject {{QStringLiteral("rawDownlink"),
                                          QJsonObject {{QStringLiteral("fPort"), 7},
                                                       {QStringLiteral("framePayload"), QStringLiteral("0102")}}},
                                         {QStringLiteral("$version"), 5}}}}}}},
        {QStringLiteral("properties"),
         QJsonObject {{QStringLiteral("hubName"), Hub},
                      {QStringLiteral("deviceId"), device},
                      {QStringLiteral("opType"), QStringLiteral("updateTwin")},
                      {QStringLiteral("iothub-message-schema"), QStringLiteral("twinChangeNotification")},
                      {QStringLiteral("operationTimestamp"), QStringLiteral("2026-11-26T10:00:00.0000000Z")}}}};
    const QByteArray batch =
        QJsonDocument(QJsonObject {{QStringLiteral("events"), QJsonArray {event}}}).toJson(QJsonDocument::Compact);
    int status = 0;
    postIngest(batch, m_ingestKey.toUtf8(), &status);
    QCOMPARE(status, 200);
    postIngest(batch, m_ingestKey.toUtf8(), &status);
    QCOMPARE(status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot().gauge(EngineMetrics::Gauge::OutboxDepth), 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->fleet()->deliveredDownlinks(App, device).size(), qsizetype(1), 30000);
    const Result<QList<TtsDownlink>> queue = model()->downlinkQueue(App, device);
    QVERIFY(queue.ok());
    QCOMPARE(queue.value().size(), 1);
    QCOMPARE(queue.value().constFirst().frmPayload, QByteArray::fromHex("0102"));

    // Delivered once more after a restart of the engine: still one downlink.
    stopEngine();
    startEngine(configuration);
    postIngest(batch, m_ingestKey.toUtf8(), &status);
    QCOMPARE(status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot().gauge(EngineMetrics::Gauge::OutboxDepth), 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot().counter(EngineMetrics::Counter::IngestEventsAccepted) == 1, 10000);
    QCOMPARE(model()->downlinkQueue(App, device).value().size(), 1);
    QCOMPARE(m_sandbox->fleet()->deliveredDownlinks(App, device).size(), qsizetype(1));
}

// tags.lorawan on a new hub device → the device exists in all four TTS registries, the tags say provisioned
// without the root keys, and the engine's own tag write does not loop. An injected NS failure rolls back and
// shows an error; deleting the hub device deletes the TTS device.
void TestEngine::lorawanTagsProvisionTheDeviceInTts()
{
    startSandbox(0);
    startEngine(config());
    const QString device = QStringLiteral("tagged-001");
    DeviceIdentity identity;
    identity.deviceId = device;
    QVERIFY(hub()->createDevice(identity).ok());
    const QJsonObject lorawan {{QStringLiteral("devEui"), QStringLiteral("70B3D57ED0001234")},
                               {QStringLiteral("joinEui"), QStringLiteral("0000000000000000")},
                               {QStringLiteral("appKey"), QStringLiteral("00112233445566778899AABBCCDDEEFF")},
                               {QStringLiteral("lorawanVersion"), QStringLiteral("MAC_V1_0_3")},
                               {QStringLiteral("regionalParametersVersion"), QStringLiteral("RP001_V1_0_3_REV_A")},
                               {QStringLiteral("frequencyPlanId"), QStringLiteral("EU_863_870_TTN")}};
    const Result<DeviceTwin> tagged = hub()->updateTwin(
        device, QJsonObject {{QStringLiteral("tags"), QJsonObject {{QStringLiteral("lorawan"), lorawan}}}},
        QStringLiteral("*"));
    QVERIFY2(tagged.ok(), qPrintable(tagged.error().toString()));

    QTRY_VERIFY_WITH_TIMEOUT(model()->hasEntry(App, device, TtsComponent::ApplicationServer), 30000);
    QVERIFY(model()->hasEntry(App, device, TtsComponent::IdentityServer));
    QVERIFY(model()->hasEntry(App, device, TtsComponent::JoinServer));
    QVERIFY(model()->hasEntry(App, device, TtsComponent::NetworkServer));
    QTRY_VERIFY_WITH_TIMEOUT(hub()
                                 ->twin(device)
                                 .value()
                                 .tags.value(QLatin1String("lorawan"))
                                 .toObject()
                                 .value(QLatin1String("provisioned"))
                                 .toBool(),
                             30000);
    const QJsonObject tags = hub()->twin(device).value().tags.value(QLatin1String("lorawan")).toObject();
    QVERIFY(!tags.contains(QLatin1String("appKey")));
    QCOMPARE(tags.value(QLatin1String("devEui")).toString(), QStringLiteral("70B3D57ED0001234"));
    // No loop: the engine's own tag write comes back as an event and is ignored.
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot().gauge(EngineMetrics::Gauge::OutboxDepth), 0, 30000);
    QCOMPARE(m_engine->snapshot().counter(EngineMetrics::Counter::DevicesProvisionedInTts), quint64(1));

    // NS refuses: rollback (no IS/JS entry left) and a visible error.
    QSignalSpy events(m_engine.get(), &Engine::eventsReady);
    model()->addFault(TtsApplicationModel::Fault {TtsComponent::NetworkServer, "PUT", 1, 400});
    const QString failing = QStringLiteral("tagged-002");
    identity.deviceId = failing;
    QVERIFY(hub()->createDevice(identity).ok());
    QJsonObject second = lorawan;
    second.insert(QStringLiteral("devEui"), QStringLiteral("70B3D57ED0005678"));
    QVERIFY(hub()
                ->updateTwin(failing,
                             QJsonObject {{QStringLiteral("tags"), QJsonObject {{QStringLiteral("lorawan"), second}}}},
                             QStringLiteral("*"))
                .ok());
    bool sawError = false;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &batch : std::as_const(events)) {
                for (const EngineEvent &event : batch.constFirst().value<EngineEvents>()) {
                    if (event.kind == EngineEvent::Kind::Error && event.deviceId == failing)
                        sawError = true;
                }
            }
            return sawError;
        }(),
        30000);
    QVERIFY(!model()->hasEntry(App, failing, TtsComponent::IdentityServer));
    QVERIFY(!model()->hasEntry(App, failing, TtsComponent::JoinServer));

    // Hub delete → TTS delete.
    QVERIFY(hub()->deleteDevice(device, QStringLiteral("*")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!model()->hasEntry(App, device, TtsComponent::IdentityServer), 30000);
    QVERIFY(!model()->hasEntry(App, device, TtsComponent::ApplicationServer));
}

// Malformed TTS JSON and the ingest endpoint's refusals: the documented answers, the engine keeps running and
// forwards what comes next.
void TestEngine::badInputOnBothDoorsIsRefusedAndNothingIsLost()
{
    startSandbox(1);
    startEngine(config());
    const QString device = QStringLiteral("dev-001");

    // A publisher with the application's own credentials sends garbage on the device's up topic.
    const QJsonObject tts = m_sandbox->description().value(QLatin1String("tts")).toObject();
    MosquittoClient publisher;
    MosquittoClient::Options options;
    options.host = tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("host")).toString();
    options.port = quint16(tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("port")).toInt());
    options.username = QStringLiteral("demo-app@sandbox");
    options.password = tts.value(QLatin1String("apiKey")).toString().toUtf8();
    options.clientId = QStringLiteral("garbage-publisher");
    QSignalSpy connected(&publisher, &MosquittoClient::connected);
    QVERIFY(publisher.connectToHost(options).ok());
    QVERIFY(connected.wait(10000));
    const QString topic = QStringLiteral("v3/demo-app@sandbox/devices/dev-001/up");
    QVERIFY(publisher.publish(topic, "{not json", 0).ok());
    QVERIFY(publisher.publish(topic, R"({"end_device_ids":{"device_id":"dev-002"},"uplink_message":{}})", 0).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->snapshot().counter(EngineMetrics::Counter::MalformedTtsMessages), quint64(2),
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_published.value(device).size(), qsizetype(2), 10000);
    m_published.remove(device); // garbage is not expected at the hub

    int status = 0;
    const QByteArray good = QByteArray(R"({"events":[]})");
    postIngest(good, "wrong-key", &status);
    QCOMPARE(status, 401);
    postIngest("{\"events\": [", m_ingestKey.toUtf8(), &status);
    QCOMPARE(status, 400);
    const QByteArray missingOpType = QByteArray(
        R"({"events":[{"end_device_ids":{"device_id":"dev-001"},"body":{},"properties":{"opType":"patchTwin"}}]})");
    const QByteArray answer = postIngest(missingOpType, m_ingestKey.toUtf8(), &status);
    QCOMPARE(status, 400);
    QVERIFY2(answer.contains("opType"), answer.constData());
    // Over 1 MB: answered from the headers (a client library sees the connection close while it still uploads,
    // so this one speaks HTTP itself and sends no body at all).
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_engine->ingestPort());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /api/v3/as/applications/demo-app/packages/azureiothub/events HTTP/1.1\r\n"
                 "Host: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer " +
                 m_ingestKey.toUtf8() + "\r\nContent-Length: 2097152\r\n\r\n");
    QByteArray response;
    QTRY_VERIFY_WITH_TIMEOUT((response += socket.readAll(), response.contains("\r\n\r\n")), 10000);
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.constData());
    QVERIFY(m_engine->snapshot().ingestRejectedTotal() >= 4);

    // Still running: the next uplink arrives.
    VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = App;
    uplink.deviceId = device;
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok());
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(publishedUplinks() >= 1 && hubHasEveryPublishedUplink(&why), qPrintable(why), 30000);
    QCOMPARE(m_engine->state(), Engine::State::Running);
}

// EngineHost: the engine in its own thread, signals batched back to this one, stop drains without blocking.
void TestEngine::hostRunsTheEngineInAWorkerThread()
{
    startSandbox(3);
    EngineHost host;
    QSignalSpy stats(&host, &EngineHost::statsUpdated);
    QSignalSpy events(&host, &EngineHost::eventsReady);
    const Status started = Test::awaitResult(host.start(config()), 10000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    QVERIFY(host.isRunning());
    QVERIFY(host.ingestPort() != 0);
    registerFunction(host.ingestBaseUrl(), m_ingestKey);
    QTRY_VERIFY_WITH_TIMEOUT(host.lastSnapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);
    // What TTS published before the engine subscribed (a virtual device's first join and uplink) is not its
    // business.
    syncTap();
    m_published.clear();
    m_joined.clear();
    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 9;
    burst.ratePerSecond = 50;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    QTRY_VERIFY_WITH_TIMEOUT(publishedUplinks() >= 9 && hubHasEveryPublishedUplink(), 30000);
    // Every message forwarded (joins and the odd location/service data included); nine of them as telemetry.
    QTRY_COMPARE_WITH_TIMEOUT(host.lastSnapshot().counter(EngineMetrics::Counter::DeviceToCloudSent),
                              quint64(publishedUplinks()), 5000);
    // An uplink is forwarded once its reported patch is confirmed too, after its D2C message's PUBACK: the feed
    // shows each, and the counter (which counts joins and the other types as well) follows.
    auto forwardedUplinks = [&events] {
        int forwarded = 0;
        for (const QList<QVariant> &batch : std::as_const(events)) {
            for (const EngineEvent &event : batch.constFirst().value<EngineEvents>())
                forwarded += event.kind == EngineEvent::Kind::UplinkForwarded ? 1 : 0;
        }
        return forwarded;
    };
    QTRY_VERIFY_WITH_TIMEOUT(forwardedUplinks() >= 9, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        host.lastSnapshot().counter(EngineMetrics::Counter::UplinksForwarded) >= quint64(forwardedUplinks()), 5000);
    QVERIFY(stats.count() > 1);
    QSignalSpy stopped(&host, &EngineHost::stopped);
    QFuture<void> stopping = host.stop();
    QVERIFY(!host.isRunning() || !stopping.isFinished() || stopped.count() == 1);
    QVERIFY(Test::await(stopping, 15000));
    QCOMPARE(stopped.count(), 1);
    QVERIFY(!host.isRunning());
    QCOMPARE(host.state(), Engine::State::Stopped);
}

// A window closing without stop(): the host's destructor drains and ends the thread; the outbox is closed, so a
// new engine can open it at once.
void TestEngine::hostGoingAwayStopsItsEngine()
{
    startSandbox(1);
    {
        EngineHost host;
        const Status started = Test::awaitResult(host.start(config()), 10000);
        QVERIFY2(started.ok(), qPrintable(started.error().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(host.lastSnapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);
    }
    startEngine(config());
    QCOMPARE(m_engine->state(), Engine::State::Running);
}

// Two engines on one data directory would deliver everything twice: the second is refused with a clear error.
void TestEngine::engineRefusesASecondEngineOnTheSameOutbox()
{
    startSandbox(0);
    startEngine(config());
    Engine second(config());
    QSignalSpy states(&second, &Engine::stateChanged);
    const Status started = Test::awaitResult(second.start(), 10000);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().code(), QString::fromLatin1(Outbox::LockedCode));
    QCOMPARE(second.state(), Engine::State::Failed);
    QCOMPARE(second.ingestPort(), quint16(0));
    QCOMPARE(m_engine->state(), Engine::State::Running);
}

// Whoever hears that the engine stopped may delete it at once: a slot connected directly to stateChanged(), or a
// continuation of the stop future with the engine as context (Qt 6.4 runs it synchronously inside the promise's
// finish()). Both after a drained stop (finished from the event loop) and after a failed start.
void TestEngine::engineMayBeDeletedByWhoeverHearsItStopped()
{
    startSandbox(1);
    {
        auto *engine = new Engine(config());
        QPointer<Engine> alive(engine);
        QVERIFY(Test::awaitResult(engine->start(), 10000).ok());
        connect(engine, &Engine::stateChanged, engine, [engine](Engine::State state) {
            if (state == Engine::State::Stopped)
                delete engine;
        });
        QVERIFY(Test::await(engine->stop(), 15000));
        QVERIFY(alive.isNull());
    }
    {
        auto *engine = new Engine(config());
        QPointer<Engine> alive(engine);
        QVERIFY(Test::awaitResult(engine->start(), 10000).ok());
        bool continued = false;
        engine->stop().then(engine, [engine, &continued] {
            continued = true;
            delete engine;
        });
        QTRY_VERIFY_WITH_TIMEOUT(continued, 15000);
        QVERIFY(alive.isNull());
    }
    {
        // A second engine on a locked outbox fails to start; its listener deletes it on Failed.
        startEngine(config());
        auto *engine = new Engine(config());
        QPointer<Engine> alive(engine);
        connect(engine, &Engine::stateChanged, engine, [engine](Engine::State state) {
            if (state == Engine::State::Failed)
                delete engine;
        });
        const QFuture<Status> started = engine->start();
        QVERIFY(alive.isNull());
        QVERIFY(started.isFinished());
        QCOMPARE(started.result().error().code(), QString::fromLatin1(Outbox::LockedCode));
    }
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
