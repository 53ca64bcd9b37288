// The virtual devices and TTS's MQTT behaviour over real sockets: the TTS stand-in (model + REST), a real
// mosquitto (MosquittoBroker), VirtualDeviceFleet and TtsMqttBridge. The application user `demo-app@sandbox`
// subscribes with MosquittoClient (as the engine does) and checks the join and uplink JSON field by field,
// pushes downlinks over MQTT and over REST (the engine's TtsClient) and follows them to down/queued,
// down/sent, down/ack / down/nack, down/invalidated and down/failed. The real `mosquitto_sub` CLI (Debian
// package mosquitto-clients) proves what the application's credentials can and cannot read.

#include "FutureWait.h"

#include "sandbox/tts/MosquittoBroker.h"
#include "sandbox/tts/PayloadFormatterStandIn.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsMqttBridge.h"
#include "sandbox/tts/TtsRestEndpoint.h"
#include "sandbox/tts/TtsStandIn.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/mqtt/MosquittoClient.h"
#include "services/protocol/ApplicationUp.h"
#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString App = QStringLiteral("demo-app");
const QString Other = QStringLiteral("other-app");

struct Received
{
    QString topic;
    QJsonObject body;
};

} // namespace

class TestTtsMqttDevices : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void joinFieldByField();
    void uplinkFieldByField();
    void confirmedDownlinkOverMqttIsQueuedSentAndAcked();
    void downlinkOverRestProducesTheSameEvents();
    void nackShare();
    void replaceOverMqttInvalidates();
    void invalidFPortOverMqttIsDownFailed_data();
    void invalidFPortOverMqttIsDownFailed();
    void payloadTooLongForTheDataRateIsDownFailed();
    void decodedPayloadDownlinkOverMqtt();
    void mosquittoSubReceivesUplinksWithTheAppCredentials();
    void mosquittoSubReadsNothingOutsideItsPrefix();
    void bridgeReconnectsAfterABrokerRestart(); // last: it restarts the broker

private:
    // Messages the application user received on `suffix` since init().
    QList<Received> received(const QString &suffix, const QString &deviceId = QStringLiteral("dev-001")) const;
    bool waitFor(const QString &suffix, int count, const QString &deviceId = QStringLiteral("dev-001"));
    QJsonObject uplink(const QString &deviceId = QStringLiteral("dev-001"), const QString &app = App);
    bool publishAsApp(const QString &suffix, const QByteArray &body,
                      const QString &deviceId = QStringLiteral("dev-001"));
    void startMosquittoSub(QProcess &process, const QStringList &arguments) const;
    QStringList mosquittoSubArguments(const QString &user, const QString &key, const QStringList &topics) const;

    QTemporaryDir m_stateDir;
    TtsStandIn *m_tts = nullptr;
    MosquittoBroker *m_broker = nullptr;
    VirtualDeviceFleet *m_fleet = nullptr;
    TtsMqttBridge *m_bridge = nullptr;
    MosquittoClient *m_app = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    QString m_appKey;
    QString m_otherKey;
    QList<Received> m_received;
};

void TestTtsMqttDevices::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    TtsStandIn::Options ttsOptions;
    ttsOptions.seed = 11;
    m_tts = new TtsStandIn(ttsOptions, Clock::system(), this);
    QVERIFY(m_tts->start().ok());
    TtsApplicationModel *model = m_tts->model();
    m_appKey = model->defaultApiKey()->token();
    QVERIFY(model->createApplication(Other).ok());
    m_otherKey = model->defaultApiKey(Other)->token();

    MosquittoBroker::Options brokerOptions;
    brokerOptions.stateDirectory = m_stateDir.path();
    brokerOptions.tls = false;
    m_broker = new MosquittoBroker(brokerOptions, Clock::system(), this);
    QVERIFY(Test::awaitResult(m_broker->setApplicationKeys(App, QStringLiteral("sandbox"), {m_appKey})).ok());
    QVERIFY(Test::awaitResult(m_broker->setApplicationKeys(Other, QStringLiteral("sandbox"), {m_otherKey})).ok());
    const Status started = Test::awaitResult(m_broker->start(), 20000);
    QVERIFY2(started.ok(), qPrintable(started.error().message()));

    VirtualDeviceFleet::Options fleetOptions;
    fleetOptions.devices = 2;
    fleetOptions.seed = 5;
    // The test drives the uplinks (admin-style); the automatic ones come after an hour.
    fleetOptions.uplinkInterval = 1h;
    fleetOptions.joinToUplink = 1h;
    fleetOptions.locationProbability = 0;
    fleetOptions.serviceDataProbability = 0;
    m_fleet = new VirtualDeviceFleet(model, fleetOptions, Clock::system(), this);
    QVERIFY(m_fleet->start().ok());
    TtsApplicationModel::ProvisionSpec spec;
    spec.deviceId = QStringLiteral("other-dev");
    spec.devEui = QStringLiteral("00000000000000FF");
    spec.joinEui = QStringLiteral("70B3D57ED0000000");
    spec.appKey = QStringLiteral("00112233445566778899AABBCCDDEEFF");
    QVERIFY(model->provisionDevice(Other, spec).ok());

    m_bridge = new TtsMqttBridge(model, m_fleet, TtsMqttBridge::forBroker(*m_broker), Clock::system(), this);
    QSignalSpy ready(m_bridge, &TtsMqttBridge::ready);
    QVERIFY(m_bridge->start().ok());
    QVERIFY(ready.wait(10000));

    // The application user, as the engine connects.
    m_app = new MosquittoClient(Clock::system(), this);
    MosquittoClient::Options options;
    options.clientId = QStringLiteral("tst-app");
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.username = MosquittoBroker::applicationUsername(App, QStringLiteral("sandbox"));
    options.password = m_appKey.toLatin1();
    QSignalSpy connected(m_app, &MosquittoClient::connected);
    QVERIFY(m_app->connectToHost(options).ok());
    QVERIFY(connected.wait(10000));
    connect(m_app, &MosquittoClient::messageReceived, this, [this](const QString &topic, const QByteArray &payload) {
        m_received.append({topic, QJsonDocument::fromJson(payload).object()});
    });
    QSignalSpy subscribed(m_app, &MosquittoClient::subscribed);
    QVERIFY(m_app->subscribe(QStringLiteral("v3/demo-app@sandbox/devices/+/#"), 0).ok());
    QVERIFY(subscribed.wait(5000));
    m_nam = new QNetworkAccessManager(this);
}

void TestTtsMqttDevices::cleanupTestCase()
{
    if (m_app)
        m_app->disconnectFromHost();
    if (m_bridge)
        m_bridge->stop();
    if (m_broker)
        QVERIFY(Test::await(m_broker->stop()));
}

void TestTtsMqttDevices::init()
{
    m_received.clear();
    m_fleet->setNackShare(0);
    // Each test starts with empty queues.
    for (const QString &device : {QStringLiteral("dev-001"), QStringLiteral("dev-002")})
        QVERIFY(m_tts->model()->replaceDownlinks(App, device, {{QStringLiteral("downlinks"), QJsonArray()}}).ok());
}

QList<Received> TestTtsMqttDevices::received(const QString &suffix, const QString &deviceId) const
{
    QList<Received> result;
    const QString topic = QStringLiteral("v3/demo-app@sandbox/devices/%1/%2").arg(deviceId, suffix);
    for (const Received &message : m_received) {
        if (message.topic == topic)
            result.append(message);
    }
    return result;
}

bool TestTtsMqttDevices::waitFor(const QString &suffix, int count, const QString &deviceId)
{
    return QTest::qWaitFor([&] { return received(suffix, deviceId).size() >= count; }, 10000);
}

QJsonObject TestTtsMqttDevices::uplink(const QString &deviceId, const QString &app)
{
    VirtualDeviceFleet::UplinkRequest request;
    request.applicationId = app;
    request.deviceId = deviceId;
    const Result<QJsonObject> sent = m_fleet->sendUplink(request);
    return sent.ok() ? sent.value() : QJsonObject();
}

bool TestTtsMqttDevices::publishAsApp(const QString &suffix, const QByteArray &body, const QString &deviceId)
{
    return m_app->publish(QStringLiteral("v3/demo-app@sandbox/devices/%1/%2").arg(deviceId, suffix), body, 0).ok();
}

void TestTtsMqttDevices::joinFieldByField()
{
    TtsApplicationModel::ProvisionSpec spec;
    spec.deviceId = QStringLiteral("joiner");
    spec.devEui = QStringLiteral("0004A30B001C0530");
    spec.joinEui = QStringLiteral("800000000000000C");
    spec.appKey = QStringLiteral("00112233445566778899AABBCCDDEEFF");
    QVERIFY(m_tts->model()->provisionDevice(App, spec).ok());
    QVERIFY(waitFor(QStringLiteral("join"), 1, QStringLiteral("joiner")));
    const QJsonObject join = received(QStringLiteral("join"), QStringLiteral("joiner")).first().body;
    const QJsonObject ids = join[QStringLiteral("end_device_ids")].toObject();
    QCOMPARE(ids[QStringLiteral("device_id")].toString(), QStringLiteral("joiner"));
    QCOMPARE(ids[QStringLiteral("application_ids")][QStringLiteral("application_id")].toString(), App);
    QCOMPARE(ids[QStringLiteral("dev_eui")].toString(), QStringLiteral("0004A30B001C0530"));
    QCOMPARE(ids[QStringLiteral("join_eui")].toString(), QStringLiteral("800000000000000C"));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-F]{8}$"))
                .match(ids[QStringLiteral("dev_addr")].toString())
                .hasMatch());
    QVERIFY(join[QStringLiteral("correlation_ids")][0].toString().startsWith(QLatin1String("as:up:")));
    const QRegularExpression rfc3339ns(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$)"));
    QVERIFY(rfc3339ns.match(join[QStringLiteral("received_at")].toString()).hasMatch());
    const QJsonObject accept = join[QStringLiteral("join_accept")].toObject();
    QCOMPARE(QByteArray::fromBase64(accept[QStringLiteral("session_key_id")].toString().toLatin1()).size(), 16);
    QVERIFY(rfc3339ns.match(accept[QStringLiteral("received_at")].toString()).hasMatch());
    QCOMPARE(join.keys(),
             (QStringList {QStringLiteral("correlation_ids"), QStringLiteral("end_device_ids"),
                           QStringLiteral("join_accept"), QStringLiteral("received_at")}));
    // The model holds the session the join announced.
    QCOMPARE(m_tts->model()->endDevice(App, QStringLiteral("joiner"))->devAddr.toUpper(),
             ids[QStringLiteral("dev_addr")].toString());
    QVERIFY(m_tts->model()->removeFromRegistries(App, QStringLiteral("joiner"), ttsAllComponents()).ok());
}

void TestTtsMqttDevices::uplinkFieldByField()
{
    const QJsonObject sent = uplink();
    QVERIFY(!sent.isEmpty());
    QVERIFY(waitFor(QStringLiteral("up"), 1));
    const QJsonObject up = received(QStringLiteral("up")).first().body;
    QCOMPARE(up, sent); // what the admin API answers is what went over MQTT

    const auto device = m_tts->model()->endDevice(App, QStringLiteral("dev-001"));
    const QJsonObject ids = up[QStringLiteral("end_device_ids")].toObject();
    QCOMPARE(ids[QStringLiteral("device_id")].toString(), QStringLiteral("dev-001"));
    QCOMPARE(ids[QStringLiteral("application_ids")].toObject(),
             (QJsonObject {{QStringLiteral("application_id"), App}}));
    QCOMPARE(ids[QStringLiteral("dev_eui")].toString(), device->devEui.toUpper());
    QCOMPARE(ids[QStringLiteral("join_eui")].toString(), QStringLiteral("70B3D57ED0000000"));
    QCOMPARE(ids[QStringLiteral("dev_addr")].toString(), device->devAddr.toUpper());
    const QJsonArray correlationIds = up[QStringLiteral("correlation_ids")].toArray();
    QVERIFY(QRegularExpression(QStringLiteral("^as:up:[0-9A-HJKMNP-TV-Z]{26}$"))
                .match(correlationIds.at(0).toString())
                .hasMatch());
    QVERIFY(correlationIds.size() > 1);
    const QRegularExpression rfc3339ns(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$)"));
    QVERIFY(rfc3339ns.match(up[QStringLiteral("received_at")].toString()).hasMatch());
    QVERIFY(!up.contains(QLatin1String("simulated"))); // false is omitted

    const QJsonObject message = up[QStringLiteral("uplink_message")].toObject();
    QCOMPARE(QByteArray::fromBase64(message[QStringLiteral("session_key_id")].toString().toLatin1()).size(), 16);
    QCOMPARE(message[QStringLiteral("f_port")].toInt(), 1);
    QVERIFY(message[QStringLiteral("f_cnt")].toInt() >= 1);
    const QByteArray frm = QByteArray::fromBase64(message[QStringLiteral("frm_payload")].toString().toLatin1());
    QCOMPARE(frm.size(), PayloadFormatterStandIn::SensorPayloadSize);
    const QJsonObject decoded = message[QStringLiteral("decoded_payload")].toObject();
    QCOMPARE(decoded, PayloadFormatterStandIn::toDecodedPayload(*PayloadFormatterStandIn::decodeUplink(frm)));
    QCOMPARE(decoded.keys(),
             (QStringList {QStringLiteral("battery"), QStringLiteral("humidity"), QStringLiteral("temperature")}));

    const QJsonArray rxMetadata = message[QStringLiteral("rx_metadata")].toArray();
    QCOMPARE(rxMetadata.size(), 1);
    const QJsonObject rx = rxMetadata.first().toObject();
    QVERIFY(rx[QStringLiteral("gateway_ids")][QStringLiteral("gateway_id")].toString().startsWith(
        QLatin1String("sandbox-gw-")));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-F]{16}$"))
                .match(rx[QStringLiteral("gateway_ids")][QStringLiteral("eui")].toString())
                .hasMatch());
    QVERIFY(rx[QStringLiteral("rssi")].isDouble() && rx[QStringLiteral("rssi")].toDouble() < 0);
    QCOMPARE(rx[QStringLiteral("channel_rssi")].toDouble(), rx[QStringLiteral("rssi")].toDouble());
    QVERIFY(rx[QStringLiteral("snr")].isDouble());
    QVERIFY(rx[QStringLiteral("timestamp")].isDouble());
    QVERIFY(rx[QStringLiteral("timestamp")].toDouble() >= 0 &&
            rx[QStringLiteral("timestamp")].toDouble() < 4294967296.0);
    QVERIFY(rfc3339ns.match(rx[QStringLiteral("received_at")].toString()).hasMatch());
    QVERIFY(rx[QStringLiteral("channel_index")].toInt() >= 0 && rx[QStringLiteral("channel_index")].toInt() < 8);
    QVERIFY(!QByteArray::fromBase64(rx[QStringLiteral("uplink_token")].toString().toLatin1()).isEmpty());

    const QJsonObject settings = message[QStringLiteral("settings")].toObject();
    const QJsonObject lora = settings[QStringLiteral("data_rate")][QStringLiteral("lora")].toObject();
    QCOMPARE(lora[QStringLiteral("bandwidth")].toInt(), 125000);
    const int sf = lora[QStringLiteral("spreading_factor")].toInt();
    QVERIFY(sf >= 7 && sf <= 12);
    QCOMPARE(lora[QStringLiteral("coding_rate")].toString(), QStringLiteral("4/5"));
    QVERIFY(settings[QStringLiteral("frequency")].isString());
    const qint64 frequency = settings[QStringLiteral("frequency")].toString().toLongLong();
    QVERIFY(frequency >= 867100000 && frequency <= 868500000);
    QCOMPARE(settings[QStringLiteral("timestamp")].toDouble(), rx[QStringLiteral("timestamp")].toDouble());
    QVERIFY(rfc3339ns.match(message[QStringLiteral("received_at")].toString()).hasMatch());
    const QString airtime = message[QStringLiteral("consumed_airtime")].toString();
    QVERIFY(QRegularExpression(QStringLiteral(R"(^\d+\.\d{6}s$)")).match(airtime).hasMatch());
    QCOMPARE(airtime, QStringLiteral("%1s").arg(VirtualDeviceFleet::airtimeSeconds(sf, 13 + 5), 0, 'f', 6));
    const QJsonObject networkIds = message[QStringLiteral("network_ids")].toObject();
    QCOMPARE(networkIds[QStringLiteral("net_id")].toString(), QStringLiteral("000013"));
    QCOMPARE(networkIds[QStringLiteral("tenant_id")].toString(), QStringLiteral("sandbox"));
    QVERIFY(networkIds.contains(QLatin1String("cluster_id")));

    // The engine's parser takes it, and the model saw the device.
    const Result<ApplicationUp> parsed = ApplicationUp::fromJson(up);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().type(), TtsMessageType::Uplink);
    QVERIFY(!m_tts->model()->deviceSummary(App, QStringLiteral("dev-001"))->lastSeenAt.isEmpty());
}

void TestTtsMqttDevices::confirmedDownlinkOverMqttIsQueuedSentAndAcked()
{
    QVERIFY(publishAsApp(
        QStringLiteral("down/push"),
        R"({"downlinks":[{"f_port":15,"frm_payload":"vu8=","priority":"NORMAL","confirmed":true,"correlation_ids":["my-id"]}]})"));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 1));
    const QJsonObject queued =
        received(QStringLiteral("down/queued")).first().body[QStringLiteral("downlink_queued")].toObject();
    QCOMPARE(queued[QStringLiteral("f_port")].toInt(), 15);
    QCOMPARE(queued[QStringLiteral("frm_payload")].toString(), QStringLiteral("vu8="));
    QCOMPARE(queued[QStringLiteral("confirmed")].toBool(), true);
    QCOMPARE(queued[QStringLiteral("priority")].toString(), QStringLiteral("NORMAL"));
    QCOMPARE(queued[QStringLiteral("correlation_ids")][0].toString(), QStringLiteral("my-id"));
    QVERIFY(queued[QStringLiteral("correlation_ids")][1].toString().startsWith(QLatin1String("as:downlink:")));
    QVERIFY(queued[QStringLiteral("session_key_id")].isString());
    const int fCnt = queued[QStringLiteral("f_cnt")].toInt();
    QVERIFY(fCnt >= 1);
    QVERIFY(received(QStringLiteral("down/sent")).isEmpty());

    uplink(); // the next uplink takes it
    QVERIFY(waitFor(QStringLiteral("down/sent"), 1));
    const QJsonObject sent =
        received(QStringLiteral("down/sent")).first().body[QStringLiteral("downlink_sent")].toObject();
    QCOMPARE(sent[QStringLiteral("f_cnt")].toInt(), fCnt);
    QCOMPARE(sent[QStringLiteral("correlation_ids")], queued[QStringLiteral("correlation_ids")]);
    // Sent after the uplink that carried it.
    qsizetype upAt = -1;
    qsizetype sentAt = -1;
    for (qsizetype i = 0; i < m_received.size(); ++i) {
        if (m_received.at(i).topic.endsWith(QLatin1String("dev-001/up")))
            upAt = i;
        if (m_received.at(i).topic.endsWith(QLatin1String("dev-001/down/sent")))
            sentAt = i;
    }
    QVERIFY(upAt >= 0 && sentAt > upAt);

    uplink(); // the ACK rides on the next uplink
    QVERIFY(waitFor(QStringLiteral("down/ack"), 1));
    const QJsonObject ack = received(QStringLiteral("down/ack")).first().body;
    QCOMPARE(ack[QStringLiteral("downlink_ack")][QStringLiteral("frm_payload")].toString(), QStringLiteral("vu8="));
    QVERIFY(ack[QStringLiteral("correlation_ids")][0].toString().startsWith(QLatin1String("as:up:")));
    QVERIFY(received(QStringLiteral("down/nack")).isEmpty());
    const auto records = m_fleet->deliveredDownlinks(App, QStringLiteral("dev-001"));
    QCOMPARE(records.last().fate, VirtualDeviceFleet::Fate::Acked);
}

void TestTtsMqttDevices::downlinkOverRestProducesTheSameEvents()
{
    TtsClient client(m_nam, m_tts->rest()->apiUrl(), App, m_appKey);
    TtsDownlink downlink;
    downlink.fPort = 20;
    downlink.frmPayload = QByteArray::fromHex("0102");
    downlink.confirmed = true;
    const Status pushed = Test::awaitResult(client.pushDownlinks(QStringLiteral("dev-002"), {downlink}), 10000);
    QVERIFY2(pushed.ok(), qPrintable(pushed.error().message()));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 1, QStringLiteral("dev-002")));
    QCOMPARE(received(QStringLiteral("down/queued"), QStringLiteral("dev-002"))
                 .first()
                 .body[QStringLiteral("downlink_queued")][QStringLiteral("frm_payload")]
                 .toString(),
             QStringLiteral("AQI="));
    uplink(QStringLiteral("dev-002"));
    QVERIFY(waitFor(QStringLiteral("down/sent"), 1, QStringLiteral("dev-002")));
    uplink(QStringLiteral("dev-002"));
    QVERIFY(waitFor(QStringLiteral("down/ack"), 1, QStringLiteral("dev-002")));
    // The REST queue is empty again.
    const auto queue = Test::awaitResult(client.listDownlinkQueue(QStringLiteral("dev-002")), 10000);
    QVERIFY(queue.ok());
    QVERIFY(queue.value().isEmpty());
}

void TestTtsMqttDevices::nackShare()
{
    m_fleet->setNackShare(1.0);
    QVERIFY(publishAsApp(QStringLiteral("down/push"),
                         R"({"downlinks":[{"f_port":3,"frm_payload":"AQ==","confirmed":true}]})"));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 1));
    uplink();
    uplink();
    QVERIFY(waitFor(QStringLiteral("down/nack"), 1));
    QVERIFY(received(QStringLiteral("down/ack")).isEmpty());
    QCOMPARE(received(QStringLiteral("down/nack"))
                 .first()
                 .body[QStringLiteral("downlink_nack")][QStringLiteral("f_port")]
                 .toInt(),
             3);
    QCOMPARE(m_fleet->deliveredDownlinks(App, QStringLiteral("dev-001")).last().fate, VirtualDeviceFleet::Fate::Nacked);
}

void TestTtsMqttDevices::replaceOverMqttInvalidates()
{
    QVERIFY(publishAsApp(QStringLiteral("down/push"),
                         R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="},{"f_port":2,"frm_payload":"Ag=="}]})"));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 2));
    QVERIFY(publishAsApp(QStringLiteral("down/replace"), R"({"downlinks":[{"f_port":3,"frm_payload":"Aw=="}]})"));
    QVERIFY(waitFor(QStringLiteral("down/invalidated"), 1));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 3));
    const QJsonObject invalidated = received(QStringLiteral("down/invalidated"))
                                        .first()
                                        .body[QStringLiteral("downlink_queue_invalidated")]
                                        .toObject();
    const QJsonArray downlinks = invalidated[QStringLiteral("downlinks")].toArray();
    QCOMPARE(downlinks.size(), 2);
    QCOMPARE(downlinks.at(0)[QStringLiteral("f_port")].toInt(), 1);
    QCOMPARE(downlinks.at(1)[QStringLiteral("f_port")].toInt(), 2);
    QVERIFY(invalidated[QStringLiteral("session_key_id")].isString());
    const auto queue = m_tts->model()->downlinkQueue(App, QStringLiteral("dev-001")).value();
    QCOMPARE(queue.size(), 1);
    QCOMPARE(queue.first().fPort, 3);
    uplink();
    QVERIFY(waitFor(QStringLiteral("down/sent"), 1));
    QCOMPARE(received(QStringLiteral("down/sent"))
                 .first()
                 .body[QStringLiteral("downlink_sent")][QStringLiteral("f_port")]
                 .toInt(),
             3);
}

void TestTtsMqttDevices::invalidFPortOverMqttIsDownFailed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("f_port 0") << QByteArray(R"({"downlinks":[{"f_port":0,"frm_payload":"AQ=="}]})")
                              << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("f_port 224") << QByteArray(R"({"downlinks":[{"f_port":224,"frm_payload":"AQ=="}]})")
                                << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("f_port 230") << QByteArray(R"({"downlinks":[{"f_port":230,"frm_payload":"AQ=="}]})")
                                << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("256-byte payload") << QByteArray(R"({"downlinks":[{"f_port":9,"frm_payload":")" +
                                                    QByteArray(256, 'z').toBase64() + R"("}]})")
                                      << QStringLiteral("downlinks[0].frm_payload");
}

void TestTtsMqttDevices::invalidFPortOverMqttIsDownFailed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QVERIFY(publishAsApp(QStringLiteral("down/push"), body));
    QVERIFY(waitFor(QStringLiteral("down/failed"), 1));
    const QJsonObject failed =
        received(QStringLiteral("down/failed")).first().body[QStringLiteral("downlink_failed")].toObject();
    QVERIFY(failed.contains(QLatin1String("downlink")));
    const QJsonObject error = failed[QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("namespace")].toString(), QStringLiteral("pkg/errors"));
    QCOMPARE(error[QStringLiteral("name")].toString(), QStringLiteral("validation"));
    QCOMPARE(error[QStringLiteral("code")].toInt(), 3);
    QVERIFY(error[QStringLiteral("message_format")].toString().contains(QLatin1String("{field}")));
    QCOMPARE(error[QStringLiteral("attributes")][QStringLiteral("field")].toString(), field);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                .match(error[QStringLiteral("correlation_id")].toString())
                .hasMatch());
    QVERIFY(received(QStringLiteral("down/queued")).isEmpty());
    QVERIFY(m_tts->model()->downlinkQueue(App, QStringLiteral("dev-001")).value().isEmpty());
}

void TestTtsMqttDevices::payloadTooLongForTheDataRateIsDownFailed()
{
    // 230 bytes pass TTS's validation (255) but fit no EU868 data rate.
    const QByteArray body =
        R"({"downlinks":[{"f_port":9,"frm_payload":")" + QByteArray(230, 'z').toBase64() + R"("}]})";
    QVERIFY(publishAsApp(QStringLiteral("down/push"), body));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 1));
    uplink();
    QVERIFY(waitFor(QStringLiteral("down/failed"), 1));
    const QJsonObject failed =
        received(QStringLiteral("down/failed")).first().body[QStringLiteral("downlink_failed")].toObject();
    QCOMPARE(failed[QStringLiteral("downlink")][QStringLiteral("f_port")].toInt(), 9);
    const QJsonObject error = failed[QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("namespace")].toString(), QStringLiteral("pkg/networkserver"));
    QCOMPARE(error[QStringLiteral("name")].toString(), QStringLiteral("application_downlink_too_long"));
    QCOMPARE(error[QStringLiteral("message_format")].toString(),
             QStringLiteral("application downlink payload is too long"));
    QCOMPARE(error[QStringLiteral("code")].toInt(), 3);
    QVERIFY(received(QStringLiteral("down/sent")).isEmpty());
}

void TestTtsMqttDevices::decodedPayloadDownlinkOverMqtt()
{
    QVERIFY(publishAsApp(QStringLiteral("down/push"),
                         R"({"downlinks":[{"decoded_payload":{"interval":300,"led":true}}]})"));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 1));
    const QJsonObject queued =
        received(QStringLiteral("down/queued")).first().body[QStringLiteral("downlink_queued")].toObject();
    QCOMPARE(queued[QStringLiteral("f_port")].toInt(), PayloadFormatterStandIn::CommandPort);
    QCOMPARE(QByteArray::fromBase64(queued[QStringLiteral("frm_payload")].toString().toLatin1()).toHex(),
             QByteArray("01012c0201"));
    QCOMPARE(queued[QStringLiteral("decoded_payload")][QStringLiteral("interval")].toInt(), 300);
}

// mosquitto_sub writes its -d lines with stdio: line-buffer them (coreutils' stdbuf) so that SUBACK shows at once.
void TestTtsMqttDevices::startMosquittoSub(QProcess &process, const QStringList &arguments) const
{
    const QString stdbuf = QStandardPaths::findExecutable(QStringLiteral("stdbuf"));
    const QString program = QStandardPaths::findExecutable(QStringLiteral("mosquitto_sub"));
    if (stdbuf.isEmpty())
        process.start(program, arguments);
    else
        process.start(stdbuf, QStringList {QStringLiteral("-oL"), program} + arguments);
}

QStringList TestTtsMqttDevices::mosquittoSubArguments(const QString &user, const QString &key,
                                                      const QStringList &topics) const
{
    QStringList arguments {QStringLiteral("-h"), m_broker->host(),
                           QStringLiteral("-p"), QString::number(m_broker->port()),
                           QStringLiteral("-u"), user,
                           QStringLiteral("-P"), key,
                           QStringLiteral("-V"), QStringLiteral("mqttv311"),
                           QStringLiteral("-d"), QStringLiteral("-v"),
                           QStringLiteral("-C"), QStringLiteral("1")};
    for (const QString &topic : topics)
        arguments << QStringLiteral("-t") << topic;
    return arguments;
}

void TestTtsMqttDevices::mosquittoSubReceivesUplinksWithTheAppCredentials()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("mosquitto_sub"));
    QVERIFY2(!program.isEmpty(), "mosquitto_sub is missing: install the Debian package mosquitto-clients");
    QProcess sub;
    QByteArray stdoutText;
    connect(&sub, &QProcess::readyReadStandardOutput, this, [&] { stdoutText += sub.readAllStandardOutput(); });
    startMosquittoSub(sub,
                      mosquittoSubArguments(QStringLiteral("demo-app@sandbox"), m_appKey,
                                            {QStringLiteral("v3/demo-app@sandbox/devices/+/up")}));
    QVERIFY(sub.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(stdoutText.contains("SUBACK"), 10000);
    const QJsonObject sent = uplink(QStringLiteral("dev-002"));
    QVERIFY(sub.waitForFinished(10000)); // -C 1: it ends after one message
    QCOMPARE(sub.exitCode(), 0);
    stdoutText += sub.readAllStandardOutput();
    const QString output = QString::fromUtf8(stdoutText);
    const QString prefix = QStringLiteral("v3/demo-app@sandbox/devices/dev-002/up ");
    const qsizetype at = output.indexOf(prefix);
    QVERIFY2(at >= 0, qPrintable(output));
    const QString line = output.mid(at + prefix.size()).section(QLatin1Char('\n'), 0, 0);
    QCOMPARE(QJsonDocument::fromJson(line.toUtf8()).object(), sent);
}

void TestTtsMqttDevices::mosquittoSubReadsNothingOutsideItsPrefix()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("mosquitto_sub"));
    QVERIFY(!program.isEmpty());
    // other-app subscribes to demo-app's uplinks and to its own. demo-app's uplink goes out first, other-app's
    // second: with -C 1 the one message it gets must be its own (the broker keeps the order of one publisher).
    QProcess sub;
    QByteArray stdoutText;
    connect(&sub, &QProcess::readyReadStandardOutput, this, [&] { stdoutText += sub.readAllStandardOutput(); });
    startMosquittoSub(
        sub,
        mosquittoSubArguments(QStringLiteral("other-app@sandbox"), m_otherKey,
                              {QStringLiteral("v3/demo-app@sandbox/devices/+/up"),
                               QStringLiteral("v3/other-app@sandbox/devices/+/up"), QStringLiteral("#")}));
    QVERIFY(sub.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(stdoutText.contains("SUBACK"), 10000);
    QVERIFY(!uplink(QStringLiteral("dev-001")).isEmpty());
    QVERIFY(!uplink(QStringLiteral("other-dev"), Other).isEmpty());
    QVERIFY(sub.waitForFinished(10000));
    stdoutText += sub.readAllStandardOutput();
    const QString output = QString::fromUtf8(stdoutText);
    QVERIFY2(output.contains(QLatin1String("v3/other-app@sandbox/devices/other-dev/up {")), qPrintable(output));
    // (The -d lines name the SUBSCRIBE topics; what matters is what was received.)
    for (const QString &line : output.split(QLatin1Char('\n'))) {
        QVERIFY2(!line.startsWith(QLatin1String("v3/demo-app@sandbox")), qPrintable(output));
        QVERIFY2(!(line.contains(QLatin1String("received PUBLISH")) && line.contains(QLatin1String("demo-app"))),
                 qPrintable(output));
    }
    QVERIFY(output.contains(QLatin1String("received PUBLISH")));
    // Nor can it push downlinks to demo-app: the publish is dropped.
    QProcess pub;
    pub.start(QStandardPaths::findExecutable(QStringLiteral("mosquitto_pub")),
              {QStringLiteral("-h"), m_broker->host(), QStringLiteral("-p"), QString::number(m_broker->port()),
               QStringLiteral("-u"), QStringLiteral("other-app@sandbox"), QStringLiteral("-P"), m_otherKey,
               QStringLiteral("-t"), QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push"),
               QStringLiteral("-m"), QStringLiteral(R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="}]})")});
    QVERIFY(pub.waitForFinished(10000));
    QCOMPARE(pub.exitCode(), 0);
    // Then demo-app's own push goes through: the earlier one would have been queued before it.
    QVERIFY(publishAsApp(QStringLiteral("down/push"), R"({"downlinks":[{"f_port":2,"frm_payload":"Ag=="}]})"));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 1));
    QCOMPARE(received(QStringLiteral("down/queued")).size(), 1);
    QCOMPARE(m_tts->model()->downlinkQueue(App, QStringLiteral("dev-001")).value().size(), 1);
    QCOMPARE(m_tts->model()->downlinkQueue(App, QStringLiteral("dev-001")).value().first().fPort, 2);
}

// A restarted broker has a new internal password (and may have new ports): the bridge picks them up from the
// broker before reconnecting, subscribes again, and uplinks made while it was away are delivered afterwards.
void TestTtsMqttDevices::bridgeReconnectsAfterABrokerRestart()
{
    QSignalSpy ready(m_bridge, &TtsMqttBridge::ready);
    QSignalSpy appDisconnected(m_app, &MosquittoClient::disconnected);
    const QByteArray oldPassword = m_broker->internalPassword();
    QVERIFY(Test::await(m_broker->stop()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_bridge->isReady(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!appDisconnected.isEmpty(), 10000);
    // Made while the broker is down: kept for later.
    QVERIFY(!uplink(QStringLiteral("dev-002")).isEmpty());
    QVERIFY(m_bridge->pendingCount() >= 1);

    const Status restarted = Test::awaitResult(m_broker->start(), 20000);
    QVERIFY2(restarted.ok(), qPrintable(restarted.error().message()));
    QVERIFY(m_broker->internalPassword() != oldPassword);
    QVERIFY(ready.wait(15000));
    QCOMPARE(m_bridge->pendingCount(), 0);

    MosquittoClient::Options options = m_app->options();
    options.port = m_broker->port();
    QSignalSpy connected(m_app, &MosquittoClient::connected);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->state() == MosquittoClient::State::Disconnected, 10000);
    QVERIFY(m_app->connectToHost(options).ok());
    QVERIFY(connected.wait(10000));
    QSignalSpy subscribed(m_app, &MosquittoClient::subscribed);
    QVERIFY(m_app->subscribe(QStringLiteral("v3/demo-app@sandbox/devices/+/#"), 0).ok());
    QVERIFY(subscribed.wait(5000));
    // Downlinks over MQTT work again too.
    QVERIFY(publishAsApp(QStringLiteral("down/push"), R"({"downlinks":[{"f_port":4,"frm_payload":"BA=="}]})"));
    QVERIFY(waitFor(QStringLiteral("down/queued"), 1));
    uplink();
    QVERIFY(waitFor(QStringLiteral("up"), 1));
    QVERIFY(waitFor(QStringLiteral("down/sent"), 1));
}

QTEST_GUILESS_MAIN(TestTtsMqttDevices)
#include "tst_ttsmqttdevices.moc"
