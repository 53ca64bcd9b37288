#include "TtsTestSupport.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsApplication.h"
#include "services/tts/TtsMqttConnectionInfo.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::TtsTest;

// The smaller TTS JSON types: Application, MQTT connection info, and the RFC 3339 timestamps all of them use.
class TestTtsJsonReaders : public QObject
{
    Q_OBJECT

private slots:
    void application();
    void applicationRejectsWrongTypes_data();
    void applicationRejectsWrongTypes();
    void mqttConnectionInfo();
    void addressParts_data();
    void addressParts();
    void timestamps_data();
    void timestamps();
};

void TestTtsJsonReaders::application()
{
    const Result<TtsApplication> application = TtsApplication::fromJson(json(R"json({
        "ids":{"application_id":"my-test-app"},"created_at":"2023-05-01T10:00:00.123456Z","updated_at":"2023-06-01T10:00:00Z",
        "name":"Test app","description":"Sensors","attributes":{"owner":"ops"},
        "network_server_address":"eu1.cloud.thethings.network","application_server_address":"eu1.cloud.thethings.network",
        "join_server_address":"eu1.cloud.thethings.network","dev_eui_counter":"12","administrative_contact":{}})json"));
    QVERIFY2(application.ok(), qPrintable(application.error().message()));
    const TtsApplication &app = application.value();
    QCOMPARE(app.applicationId, QStringLiteral("my-test-app"));
    QCOMPARE(app.name, QStringLiteral("Test app"));
    QCOMPARE(app.description, QStringLiteral("Sensors"));
    QCOMPARE(app.attributes.value(QStringLiteral("owner")), QStringLiteral("ops"));
    QCOMPARE(app.createdAt, utc("2023-05-01T10:00:00.123Z"));
    QCOMPARE(app.updatedAt, utc("2023-06-01T10:00:00Z"));
    QCOMPARE(app.networkServerAddress, QStringLiteral("eu1.cloud.thethings.network"));
    QCOMPARE(app.joinServerAddress, QStringLiteral("eu1.cloud.thethings.network"));
    QCOMPARE(app.devEuiCounter, std::optional<qint64>(12));

    const Result<TtsApplication> roundTrip = TtsApplication::fromJson(app.toJson());
    QVERIFY(roundTrip.ok());
    QCOMPARE(roundTrip.value(), app);
}

void TestTtsJsonReaders::applicationRejectsWrongTypes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("id as number") << QByteArray(R"json({"ids":{"application_id":1}})json")
                                  << QStringLiteral("ids.application_id");
    QTest::addRow("name as list") << QByteArray(R"json({"name":[]})json") << QStringLiteral("name");
    QTest::addRow("counter not a number")
        << QByteArray(R"json({"dev_eui_counter":"many"})json") << QStringLiteral("dev_eui_counter");
    QTest::addRow("counter fraction") << QByteArray(R"json({"dev_eui_counter":1.5})json")
                                      << QStringLiteral("dev_eui_counter");
}

void TestTtsJsonReaders::applicationRejectsWrongTypes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const Result<TtsApplication> application = TtsApplication::fromJson(json(body));
    QVERIFY(!application.ok());
    QCOMPARE(application.error().kind(), ServiceError::Kind::MalformedResponse);
    QVERIFY2(application.error().message().startsWith(field + QStringLiteral(": ")),
             qPrintable(application.error().message()));
}

void TestTtsJsonReaders::mqttConnectionInfo()
{
    const Result<TtsMqttConnectionInfo> info = TtsMqttConnectionInfo::fromJson(json(
        R"json({"public_address":"eu1.cloud.thethings.network:1883","public_tls_address":"eu1.cloud.thethings.network:8883","username":"my-test-app@ttn"})json"));
    QVERIFY(info.ok());
    QCOMPARE(info.value().publicAddress, QStringLiteral("eu1.cloud.thethings.network:1883"));
    QCOMPARE(info.value().publicTlsAddress, QStringLiteral("eu1.cloud.thethings.network:8883"));
    QCOMPARE(info.value().username, QStringLiteral("my-test-app@ttn"));
    QCOMPARE(TtsMqttConnectionInfo::fromJson(info.value().toJson()).value(), info.value());

    const Result<TtsMqttConnectionInfo> bad = TtsMqttConnectionInfo::fromJson(json(R"json({"username":42})json"));
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message().startsWith(QLatin1String("username: ")));
}

void TestTtsJsonReaders::addressParts_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addRow("host:port") << QStringLiteral("eu1.cloud.thethings.network:8883")
                               << QStringLiteral("eu1.cloud.thethings.network") << 8883;
    QTest::addRow("host only") << QStringLiteral("localhost") << QStringLiteral("localhost") << -1;
    QTest::addRow("IPv6 with port") << QStringLiteral("[::1]:1883") << QStringLiteral("::1") << 1883;
    QTest::addRow("bare IPv6") << QStringLiteral("fe80::1") << QStringLiteral("fe80::1") << -1;
    QTest::addRow("bad port") << QStringLiteral("host:99999") << QStringLiteral("host") << -1;
    QTest::addRow("empty") << QString() << QString() << -1;
}

void TestTtsJsonReaders::addressParts()
{
    QFETCH(QString, address);
    QFETCH(QString, host);
    QFETCH(int, port);
    QCOMPARE(TtsMqttConnectionInfo::hostOf(address), host);
    QCOMPARE(TtsMqttConnectionInfo::portOf(address), port);
}

void TestTtsJsonReaders::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty = invalid
    QTest::addRow("nanoseconds") << QStringLiteral("2020-02-12T15:15:46.014773143Z")
                                 << QStringLiteral("2020-02-12T15:15:46.015Z");
    QTest::addRow("microseconds") << QStringLiteral("2024-01-10T14:26:18.084008Z")
                                  << QStringLiteral("2024-01-10T14:26:18.084Z");
    QTest::addRow("whole seconds") << QStringLiteral("2024-01-10T14:26:18Z")
                                   << QStringLiteral("2024-01-10T14:26:18.000Z");
    QTest::addRow("offset") << QStringLiteral("2024-01-10T14:26:18.5+02:00")
                            << QStringLiteral("2024-01-10T12:26:18.500Z");
    QTest::addRow("no zone") << QStringLiteral("2024-01-10T14:26:18") << QString();
    QTest::addRow("date only") << QStringLiteral("2024-01-10") << QString();
    QTest::addRow("garbage") << QStringLiteral("yesterday at noon, UTC") << QString();
}

void TestTtsJsonReaders::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QDateTime time = JsonFieldReader::parseTimestamp(text);
    if (expected.isEmpty()) {
        QVERIFY(!time.isValid());
        return;
    }
    QVERIFY(time.isValid());
    QCOMPARE(JsonFieldReader::formatTimestamp(time), expected);
}

QTEST_GUILESS_MAIN(TestTtsJsonReaders)
#include "tst_ttsjsonreaders.moc"
