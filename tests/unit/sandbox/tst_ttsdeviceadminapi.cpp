#include "sandbox/admin/AdminRouter.h"
#include "sandbox/admin/TtsDeviceAdminApi.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsMqttBridge.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/core/Clock.h"
#include "services/protocol/ApplicationUp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

// POST /admin/tts/uplinks, GET /admin/tts/downlinks and the reset action through AdminRouter, and the MQTT
// bridge's mapping of down/push and down/replace publishes (without a broker: handleDownlinkMessage).
class TestTtsDeviceAdminApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void immediateUplink();
    void uplinkOfEveryDevice();
    void burstIsScheduled();
    void invalidUplinkRequests_data();
    void invalidUplinkRequests();
    void downlinksWithTheirFate();
    void resetForgetsDownlinks();
    void bridgeMapsPushAndReplace();
    void bridgeIgnoresWhatTtsIgnores_data();
    void bridgeIgnoresWhatTtsIgnores();
    void bridgeReportsRefusedDownlinksAsFailed_data();
    void bridgeReportsRefusedDownlinksAsFailed();

private:
    AdminRouter::Response call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                               const QString &query = {});
    QList<QPair<QString, QJsonObject>> of(const QString &suffix) const;

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<TtsApplicationModel> m_model;
    std::unique_ptr<VirtualDeviceFleet> m_fleet;
    std::unique_ptr<TtsDeviceAdminApi> m_api;
    std::unique_ptr<TtsMqttBridge> m_bridge;
    std::unique_ptr<AdminRouter> m_router;
    QList<QPair<QString, QJsonObject>> m_messages;
};

void TestTtsDeviceAdminApi::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_model = std::make_unique<TtsApplicationModel>(m_clock.get(), 3);
    m_model->ensureDefaultApplication();
    VirtualDeviceFleet::Options options;
    options.devices = 2;
    options.seed = 9;
    options.locationProbability = 0;
    options.serviceDataProbability = 0;
    options.ackTiming = VirtualDeviceFleet::AckTiming::AfterSent;
    m_fleet = std::make_unique<VirtualDeviceFleet>(m_model.get(), options, m_clock.get());
    m_messages.clear();
    connect(m_fleet.get(), &VirtualDeviceFleet::applicationUp, this,
            [this](const QString &topic, const QJsonObject &message) {
                m_messages.append({topic, message});
            });
    QVERIFY(m_fleet->start().ok());
    m_api = std::make_unique<TtsDeviceAdminApi>(m_fleet.get());
    m_router = std::make_unique<AdminRouter>();
    m_api->registerRoutes(*m_router);
    // Not started: no broker here, only the mapping.
    m_bridge = std::make_unique<TtsMqttBridge>(m_model.get(), m_fleet.get(), TtsMqttBridge::Options {}, m_clock.get());
}

void TestTtsDeviceAdminApi::cleanup()
{
    m_bridge.reset();
    m_router.reset();
    m_api.reset();
    m_fleet.reset();
    m_model.reset();
    m_clock.reset();
}

AdminRouter::Response TestTtsDeviceAdminApi::call(const QByteArray &method, const QString &path, const QByteArray &body,
                                                  const QString &query)
{
    AdminRouter::Request request;
    request.method = method;
    request.path = path;
    request.query = QUrlQuery(query);
    request.body = body;
    return m_router->dispatch(request);
}

QList<QPair<QString, QJsonObject>> TestTtsDeviceAdminApi::of(const QString &suffix) const
{
    QList<QPair<QString, QJsonObject>> result;
    for (const auto &message : m_messages) {
        if (message.first.section(QLatin1Char('/'), 4) == suffix)
            result.append(message);
    }
    return result;
}

void TestTtsDeviceAdminApi::immediateUplink()
{
    const AdminRouter::Response response =
        call("POST", QStringLiteral("/admin/tts/uplinks"),
             R"({"deviceId":"dev-002","decodedPayload":{"temperature":-3.5,"humidity":80},"fPort":4})");
    QCOMPARE(response.status, 200);
    const QJsonArray uplinks =
        QJsonDocument::fromJson(response.body).object().value(QStringLiteral("uplinks")).toArray();
    QCOMPARE(uplinks.size(), 1);
    const Result<ApplicationUp> up = ApplicationUp::fromJson(uplinks.first().toObject());
    QVERIFY2(up.ok(), qPrintable(up.error().message()));
    QCOMPARE(up.value().deviceId(), QStringLiteral("dev-002"));
    QCOMPARE(up.value().uplink().fPort, 4);
    QCOMPARE(up.value().uplink().decodedPayload->value(QStringLiteral("temperature")).toDouble(), -3.5);
    QCOMPARE(up.value().uplink().decodedPayload->value(QStringLiteral("humidity")).toDouble(), 80.0);
    // It was published too (after the on-demand join).
    QCOMPARE(of(QStringLiteral("join")).size(), 1);
    QCOMPARE(of(QStringLiteral("up")).size(), 1);
    QCOMPARE(of(QStringLiteral("up")).first().first, QStringLiteral("v3/demo-app@sandbox/devices/dev-002/up"));

    const AdminRouter::Response raw =
        call("POST", QStringLiteral("/admin/tts/uplinks"), R"({"deviceId":"dev-001","frmPayload":"AQID"})");
    QCOMPARE(raw.status, 200);
    QCOMPARE(
        QJsonDocument::fromJson(
            raw.body)[QStringLiteral("uplinks")][0][QStringLiteral("uplink_message")][QStringLiteral("frm_payload")]
            .toString(),
        QStringLiteral("AQID"));
}

void TestTtsDeviceAdminApi::uplinkOfEveryDevice()
{
    const AdminRouter::Response response = call("POST", QStringLiteral("/admin/tts/uplinks"), R"({"count":4})");
    QCOMPARE(response.status, 200);
    const QJsonArray uplinks =
        QJsonDocument::fromJson(response.body).object().value(QStringLiteral("uplinks")).toArray();
    QCOMPARE(uplinks.size(), 4);
    QStringList devices;
    for (const QJsonValue &uplink : uplinks)
        devices.append(uplink[QStringLiteral("end_device_ids")][QStringLiteral("device_id")].toString());
    QCOMPARE(devices,
             (QStringList {QStringLiteral("dev-001"), QStringLiteral("dev-002"), QStringLiteral("dev-001"),
                           QStringLiteral("dev-002")}));
    // An empty body is one uplink of the first device.
    QCOMPARE(call("POST", QStringLiteral("/admin/tts/uplinks")).status, 200);
}

void TestTtsDeviceAdminApi::burstIsScheduled()
{
    const AdminRouter::Response response =
        call("POST", QStringLiteral("/admin/tts/uplinks"), R"({"deviceId":"dev-001","count":10,"ratePerSecond":5})");
    QCOMPARE(response.status, 202);
    QCOMPARE(QJsonDocument::fromJson(response.body)[QStringLiteral("scheduled")].toInt(), 10);
    m_messages.clear();
    m_clock->advance(1s);
    QCOMPARE(of(QStringLiteral("up")).size(), 5 + 1); // t = 0, 0.2 … 1.0
    m_clock->advance(1s);
    QCOMPARE(of(QStringLiteral("up")).size(), 10);
}

void TestTtsDeviceAdminApi::invalidUplinkRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addRow("not json") << QByteArray("{") << 400 << QString();
    QTest::addRow("unknown device") << QByteArray(R"({"deviceId":"ghost"})") << 404 << QStringLiteral("DeviceNotFound");
    QTest::addRow("count zero") << QByteArray(R"({"count":0})") << 400 << QStringLiteral("InvalidCount");
    QTest::addRow("count too large") << QByteArray(R"({"count":5000})") << 400 << QStringLiteral("InvalidCount");
    QTest::addRow("fPort 0") << QByteArray(R"({"fPort":0})") << 400 << QStringLiteral("InvalidFPort");
    QTest::addRow("fPort 224") << QByteArray(R"({"fPort":224})") << 400 << QStringLiteral("InvalidFPort");
    QTest::addRow("bad base64") << QByteArray(R"({"frmPayload":"***"})") << 400 << QStringLiteral("InvalidFrmPayload");
    QTest::addRow("both payloads") << QByteArray(R"({"frmPayload":"AA==","decodedPayload":{}})") << 400
                                   << QStringLiteral("InvalidBody");
    QTest::addRow("decoded not object") << QByteArray(R"({"decodedPayload":3})") << 400
                                        << QStringLiteral("InvalidDecodedPayload");
    QTest::addRow("decoded unknown field")
        << QByteArray(R"({"decodedPayload":{"co2":400}})") << 400 << QStringLiteral("InvalidDecodedPayload");
    QTest::addRow("rate not number") << QByteArray(R"({"count":3,"ratePerSecond":"fast"})") << 400
                                     << QStringLiteral("InvalidRate");
    QTest::addRow("rate zero") << QByteArray(R"({"count":3,"ratePerSecond":0})") << 400
                               << QStringLiteral("InvalidRate");
    QTest::addRow("deviceId not string") << QByteArray(R"({"deviceId":7})") << 400 << QStringLiteral("InvalidField");
}

void TestTtsDeviceAdminApi::invalidUplinkRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const AdminRouter::Response response = call("POST", QStringLiteral("/admin/tts/uplinks"), body);
    QCOMPARE(response.status, status);
    const QJsonObject error = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toObject();
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    if (!code.isEmpty())
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QVERIFY(of(QStringLiteral("up")).isEmpty());
}

void TestTtsDeviceAdminApi::downlinksWithTheirFate()
{
    const QString dev = QStringLiteral("dev-001");
    QVERIFY(call("POST", QStringLiteral("/admin/tts/uplinks"), R"({"deviceId":"dev-001"})").status == 200);
    QVERIFY(
        m_model
            ->pushDownlinks(QStringLiteral("demo-app"), dev,
                            QJsonDocument::fromJson(R"({"downlinks":[{"f_port":5,"frm_payload":"AQ==","confirmed":true},
                                                              {"f_port":6,"frm_payload":"Ag=="}]})")
                                .object())
            .ok());
    QVERIFY(call("POST", QStringLiteral("/admin/tts/uplinks"), R"({"deviceId":"dev-001"})").status == 200);
    const AdminRouter::Response response =
        call("GET", QStringLiteral("/admin/tts/downlinks"), {}, QStringLiteral("deviceId=dev-001"));
    QCOMPARE(response.status, 200);
    const QJsonArray downlinks = QJsonDocument::fromJson(response.body)[QStringLiteral("downlinks")].toArray();
    QCOMPARE(downlinks.size(), 2);
    QCOMPARE(downlinks.at(0)[QStringLiteral("fate")].toString(), QStringLiteral("acked"));
    QCOMPARE(downlinks.at(0)[QStringLiteral("deviceId")].toString(), dev);
    QCOMPARE(downlinks.at(0)[QStringLiteral("downlink")][QStringLiteral("f_port")].toInt(), 5);
    QCOMPARE(downlinks.at(0)[QStringLiteral("downlink")][QStringLiteral("f_cnt")].toInt(), 1);
    QVERIFY(downlinks.at(0)[QStringLiteral("sentAt")].isString());
    QVERIFY(downlinks.at(0)[QStringLiteral("settledAt")].isString());
    QCOMPARE(downlinks.at(1)[QStringLiteral("fate")].toString(), QStringLiteral("queued"));
    // Without deviceId: the whole application; another device has none.
    QCOMPARE(
        QJsonDocument::fromJson(call("GET", QStringLiteral("/admin/tts/downlinks")).body)[QStringLiteral("downlinks")]
            .toArray()
            .size(),
        2);
    QCOMPARE(QJsonDocument::fromJson(
                 call("GET", QStringLiteral("/admin/tts/downlinks"), {}, QStringLiteral("deviceId=dev-002"))
                     .body)[QStringLiteral("downlinks")]
                 .toArray()
                 .size(),
             0);
}

void TestTtsDeviceAdminApi::resetForgetsDownlinks()
{
    QVERIFY(
        m_model
            ->pushDownlinks(QStringLiteral("demo-app"), QStringLiteral("dev-001"),
                            QJsonDocument::fromJson(R"({"downlinks":[{"f_port":5,"frm_payload":"AQ=="}]})").object())
            .ok());
    QCOMPARE(m_fleet->deliveredDownlinks(QStringLiteral("demo-app")).size(), 1);
    const AdminRouter::Response response = call("POST", QStringLiteral("/admin/reset"));
    QCOMPARE(response.status, 200);
    QVERIFY(QJsonDocument::fromJson(response.body)[QStringLiteral("reset")].toArray().contains(
        QStringLiteral("tts-devices")));
    QVERIFY(m_fleet->deliveredDownlinks(QStringLiteral("demo-app")).isEmpty());
}

void TestTtsDeviceAdminApi::bridgeMapsPushAndReplace()
{
    const QString base = QStringLiteral("v3/demo-app@sandbox/devices/dev-001/");
    m_bridge->handleDownlinkMessage(base + QStringLiteral("down/push"),
                                    R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="}]})");
    m_bridge->handleDownlinkMessage(base + QStringLiteral("down/push"),
                                    R"({"downlinks":[{"f_port":2,"frm_payload":"Ag=="}]})");
    QCOMPARE(m_model->downlinkQueue(QStringLiteral("demo-app"), QStringLiteral("dev-001")).value().size(), 2);
    QCOMPARE(of(QStringLiteral("down/queued")).size(), 2);
    m_bridge->handleDownlinkMessage(base + QStringLiteral("down/replace"),
                                    R"({"downlinks":[{"f_port":3,"frm_payload":"Aw=="}]})");
    const auto queue = m_model->downlinkQueue(QStringLiteral("demo-app"), QStringLiteral("dev-001")).value();
    QCOMPARE(queue.size(), 1);
    QCOMPARE(queue.first().fPort, 3);
    QCOMPARE(of(QStringLiteral("down/invalidated")).size(), 1);
    m_bridge->handleDownlinkMessage(base + QStringLiteral("down/replace"), R"({"downlinks":[]})");
    QVERIFY(m_model->downlinkQueue(QStringLiteral("demo-app"), QStringLiteral("dev-001")).value().isEmpty());
    // Messages before the broker connection are kept for it.
    QVERIFY(m_bridge->pendingCount() >= 5);
}

void TestTtsDeviceAdminApi::bridgeIgnoresWhatTtsIgnores_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("body");
    const QByteArray good = R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="}]})";
    QTest::addRow("not json") << QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push") << QByteArray("{nope");
    QTest::addRow("json array") << QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push") << QByteArray("[]");
    QTest::addRow("downlinks not a list")
        << QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push") << QByteArray(R"({"downlinks":{}})");
    QTest::addRow("bad base64") << QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push")
                                << QByteArray(R"({"downlinks":[{"f_port":1,"frm_payload":"!!"}]})");
    QTest::addRow("f_port above 255") << QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push")
                                      << QByteArray(R"({"downlinks":[{"f_port":300,"frm_payload":"AQ=="}]})");
    QTest::addRow("unknown device") << QStringLiteral("v3/demo-app@sandbox/devices/ghost/down/push") << good;
    QTest::addRow("unknown application") << QStringLiteral("v3/other-app@sandbox/devices/dev-001/down/push") << good;
    QTest::addRow("wrong tenant") << QStringLiteral("v3/demo-app@other/devices/dev-001/down/push") << good;
    QTest::addRow("seven parts") << QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push/x") << good;
    QTest::addRow("an upstream topic") << QStringLiteral("v3/demo-app@sandbox/devices/dev-001/up") << good;
}

void TestTtsDeviceAdminApi::bridgeIgnoresWhatTtsIgnores()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, body);
    QSignalSpy rejected(m_bridge.get(), &TtsMqttBridge::downlinkRequestRejected);
    m_messages.clear();
    m_bridge->handleDownlinkMessage(topic, body);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().at(0).toString(), topic);
    QVERIFY(m_messages.isEmpty()); // only logged, as TTS does
    QVERIFY(m_model->downlinkQueue(QStringLiteral("demo-app"), QStringLiteral("dev-001")).value().isEmpty());
}

void TestTtsDeviceAdminApi::bridgeReportsRefusedDownlinksAsFailed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("f_port 0 without decoded_payload")
        << QByteArray(R"({"downlinks":[{"f_port":0,"frm_payload":"AQ=="}]})") << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("f_port 224") << QByteArray(R"({"downlinks":[{"f_port":224,"frm_payload":"AQ=="}]})")
                                << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("f_port 250") << QByteArray(R"({"downlinks":[{"f_port":250,"frm_payload":"AQ=="}]})")
                                << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("256 bytes") << QByteArray(R"({"downlinks":[{"f_port":1,"frm_payload":")" +
                                             QByteArray(256, 'x').toBase64() + R"("}]})")
                               << QStringLiteral("downlinks[0].frm_payload");
    QTest::addRow("bad priority") << QByteArray(
                                         R"({"downlinks":[{"f_port":1,"frm_payload":"AQ==","priority":"URGENT"}]})")
                                  << QStringLiteral("downlinks[0].priority");
}

void TestTtsDeviceAdminApi::bridgeReportsRefusedDownlinksAsFailed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QSignalSpy rejected(m_bridge.get(), &TtsMqttBridge::downlinkRequestRejected);
    m_bridge->handleDownlinkMessage(QStringLiteral("v3/demo-app@sandbox/devices/dev-001/down/push"), body);
    QCOMPARE(rejected.size(), 1);
    QVERIFY(m_model->downlinkQueue(QStringLiteral("demo-app"), QStringLiteral("dev-001")).value().isEmpty());
    const auto failed = of(QStringLiteral("down/failed"));
    QCOMPARE(failed.size(), 1);
    const Result<ApplicationUp> up = ApplicationUp::fromJson(failed.first().second);
    QVERIFY2(up.ok(), qPrintable(up.error().message()));
    const ApplicationUp::Error &error = up.value().downlinkFailed().error;
    QCOMPARE(error.ns, QStringLiteral("pkg/errors"));
    QCOMPARE(error.name, QStringLiteral("validation"));
    QCOMPARE(error.code, 3);
    QCOMPARE(error.attributes.value(QStringLiteral("field")).toString(), field);
    QVERIFY(!error.correlationId.isEmpty());
    QVERIFY(up.value().correlationIds().first().startsWith(QLatin1String("as:up:")));
}

QTEST_GUILESS_MAIN(TestTtsDeviceAdminApi)
#include "tst_ttsdeviceadminapi.moc"
