#include "services/iothub/DeviceIdentity.h"
#include "services/protocol/JsonFieldReader.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

class TestDeviceIdentity : public QObject
{
    Q_OBJECT

private slots:
    void readsTheReferenceDevice();
    void readsMinimalDocuments_data();
    void readsMinimalDocuments();
    void rejectsWrongTypes_data();
    void rejectsWrongTypes();
    void roundTrips();
    void toJsonForCreate();
    void validateDeviceId_data();
    void validateDeviceId();
    void timestamps_data();
    void timestamps();
};

static QJsonObject parseObject(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

void TestDeviceIdentity::readsTheReferenceDevice()
{
    // reference/azure-protocols.md §3.2 (swagger Device), with values filled in.
    const QJsonObject object = parseObject(R"({"deviceId":"lora-0004a30b001c0530","generationId":"638000000000000000",
        "etag":"MTIzNDU2","connectionState":"Disconnected","status":"disabled","statusReason":"maintenance",
        "connectionStateUpdatedTime":"2024-05-01T10:00:00.1234567Z","statusUpdatedTime":"0001-01-01T00:00:00",
        "lastActivityTime":"2024-05-01T09:59:59.5Z","cloudToDeviceMessageCount":3,
        "authentication":{"type":"sas","symmetricKey":{"primaryKey":"cHJpbWFyeWtleXByaW1hcnlrZXk=","secondaryKey":"c2Vjb25kYXJ5a2V5c2Vjb25kYXJ5"},
                          "x509Thumbprint":{"primaryThumbprint":null,"secondaryThumbprint":null}},
        "capabilities":{"iotEdge":false},"deviceScope":"ms-azure-iot-edge://edge-1","parentScopes":["ms-azure-iot-edge://edge-1"]})");
    const Result<DeviceIdentity> result = DeviceIdentity::fromJson(object);
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const DeviceIdentity &device = result.value();
    QCOMPARE(device.deviceId, QStringLiteral("lora-0004a30b001c0530"));
    QCOMPARE(device.generationId, QStringLiteral("638000000000000000"));
    QCOMPARE(device.etag, QStringLiteral("MTIzNDU2"));
    QCOMPARE(device.connectionState, DeviceIdentity::ConnectionState::Disconnected);
    QCOMPARE(device.status, DeviceIdentity::Status::Disabled);
    QCOMPARE(device.statusReason, QStringLiteral("maintenance"));
    QCOMPARE(device.connectionStateUpdatedTime, QDateTime(QDate(2024, 5, 1), QTime(10, 0, 0, 123), Qt::UTC));
    QCOMPARE(device.statusUpdatedTime, QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC));
    QCOMPARE(device.lastActivityTime, QDateTime(QDate(2024, 5, 1), QTime(9, 59, 59, 500), Qt::UTC));
    QCOMPARE(device.cloudToDeviceMessageCount, qint64(3));
    QCOMPARE(device.authentication.type, DeviceAuthentication::Type::Sas);
    QCOMPARE(device.authentication.primaryKey, QStringLiteral("cHJpbWFyeWtleXByaW1hcnlrZXk="));
    QCOMPARE(device.authentication.secondaryKey, QStringLiteral("c2Vjb25kYXJ5a2V5c2Vjb25kYXJ5"));
    QVERIFY(device.authentication.primaryThumbprint.isEmpty());
    QCOMPARE(device.iotEdge, false);
    QCOMPARE(device.deviceScope, QStringLiteral("ms-azure-iot-edge://edge-1"));
    QCOMPARE(device.parentScopes, QStringList{QStringLiteral("ms-azure-iot-edge://edge-1")});
}

void TestDeviceIdentity::readsMinimalDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("authType");
    QTest::addColumn<int>("connectionState");
    QTest::addColumn<int>("status");

    using Auth = DeviceAuthentication::Type;
    using State = DeviceIdentity::ConnectionState;
    using St = DeviceIdentity::Status;
    QTest::addRow("only an id: sas, enabled")
        << QByteArray(R"({"deviceId":"d1"})") << int(Auth::Sas) << int(State::Unknown) << int(St::Enabled);
    QTest::addRow("nulls are absent")
        << QByteArray(R"({"deviceId":"d1","statusReason":null,"authentication":null,"etag":null})") << int(Auth::Sas)
        << int(State::Unknown) << int(St::Enabled);
    QTest::addRow("thumbprints without type: selfSigned")
        << QByteArray(R"({"deviceId":"d1","authentication":{"x509Thumbprint":{"primaryThumbprint":"ABCD"}}})")
        << int(Auth::SelfSigned) << int(State::Unknown) << int(St::Enabled);
    QTest::addRow("case-insensitive enums")
        << QByteArray(
               R"({"deviceId":"d1","status":"Disabled","connectionState":"connected","authentication":{"type":"CertificateAuthority"}})")
        << int(Auth::CertificateAuthority) << int(State::Connected) << int(St::Disabled);
    QTest::addRow("unknown connection state is tolerated")
        << QByteArray(R"({"deviceId":"d1","connectionState":"Sleeping","authentication":{"type":"none"}})")
        << int(Auth::None) << int(State::Unknown) << int(St::Enabled);
    QTest::addRow("unknown fields are ignored")
        << QByteArray(R"({"deviceId":"d1","somethingNew":{"x":1},"authentication":{"type":"selfSigned"}})")
        << int(Auth::SelfSigned) << int(State::Unknown) << int(St::Enabled);
}

void TestDeviceIdentity::readsMinimalDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(int, authType);
    QFETCH(int, connectionState);
    QFETCH(int, status);
    const Result<DeviceIdentity> result = DeviceIdentity::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value().deviceId, QStringLiteral("d1"));
    QCOMPARE(int(result.value().authentication.type), authType);
    QCOMPARE(int(result.value().connectionState), connectionState);
    QCOMPARE(int(result.value().status), status);
}

void TestDeviceIdentity::rejectsWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");

    QTest::addRow("deviceId number") << QByteArray(R"({"deviceId":5})") << QStringLiteral("deviceId");
    QTest::addRow("status unknown") << QByteArray(R"({"deviceId":"d","status":"paused"})")
                                    << QStringLiteral("status");
    QTest::addRow("status bool") << QByteArray(R"({"deviceId":"d","status":true})") << QStringLiteral("status");
    QTest::addRow("count fractional") << QByteArray(R"({"deviceId":"d","cloudToDeviceMessageCount":1.5})")
                                      << QStringLiteral("cloudToDeviceMessageCount");
    QTest::addRow("count string") << QByteArray(R"({"deviceId":"d","cloudToDeviceMessageCount":"3"})")
                                  << QStringLiteral("cloudToDeviceMessageCount");
    QTest::addRow("authentication array")
        << QByteArray(R"({"deviceId":"d","authentication":[]})") << QStringLiteral("authentication");
    QTest::addRow("nested key number") << QByteArray(
                                              R"({"deviceId":"d","authentication":{"symmetricKey":{"primaryKey":7}}})")
                                       << QStringLiteral("authentication.symmetricKey.primaryKey");
    QTest::addRow("auth type unknown") << QByteArray(R"({"deviceId":"d","authentication":{"type":"password"}})")
                                       << QStringLiteral("authentication.type");
    QTest::addRow("iotEdge string") << QByteArray(R"({"deviceId":"d","capabilities":{"iotEdge":"yes"}})")
                                    << QStringLiteral("capabilities.iotEdge");
    QTest::addRow("time number") << QByteArray(R"({"deviceId":"d","lastActivityTime":12345})")
                                 << QStringLiteral("lastActivityTime");
    QTest::addRow("parentScopes of numbers")
        << QByteArray(R"({"deviceId":"d","parentScopes":[1]})") << QStringLiteral("parentScopes");
}

void TestDeviceIdentity::rejectsWrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const Result<DeviceIdentity> result = DeviceIdentity::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(result.error().message().startsWith(field), qPrintable(result.error().message()));
    QVERIFY(result.error().message().contains(QStringLiteral("device identity")));
}

void TestDeviceIdentity::roundTrips()
{
    DeviceIdentity device;
    device.deviceId = QStringLiteral("lora-01");
    device.generationId = QStringLiteral("g1");
    device.etag = QStringLiteral("e1");
    device.status = DeviceIdentity::Status::Disabled;
    device.statusReason = QStringLiteral("why");
    device.connectionState = DeviceIdentity::ConnectionState::Connected;
    device.connectionStateUpdatedTime = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    device.statusUpdatedTime = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
    device.lastActivityTime = QDateTime(QDate(2025, 2, 2), QTime(3, 4, 5), Qt::UTC);
    device.cloudToDeviceMessageCount = 9;
    device.authentication.type = DeviceAuthentication::Type::SelfSigned;
    device.authentication.primaryThumbprint = QStringLiteral("AA");
    device.authentication.secondaryThumbprint = QStringLiteral("BB");
    device.iotEdge = true;
    device.deviceScope = QStringLiteral("scope");
    device.parentScopes = {QStringLiteral("p1"), QStringLiteral("p2")};
    const Result<DeviceIdentity> back = DeviceIdentity::fromJson(device.toJson());
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QVERIFY(back.value() == device);
}

void TestDeviceIdentity::toJsonForCreate()
{
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d1");
    const QJsonObject expected = QJsonDocument::fromJson(R"({"deviceId":"d1","status":"enabled",
        "cloudToDeviceMessageCount":0,
        "authentication":{"type":"sas","symmetricKey":{"primaryKey":null,"secondaryKey":null},
                          "x509Thumbprint":{"primaryThumbprint":null,"secondaryThumbprint":null}},
        "capabilities":{"iotEdge":false}})")
                                     .object();
    QCOMPARE(device.toJson(), expected);
}

void TestDeviceIdentity::validateDeviceId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::addRow("plain") << QStringLiteral("lora-0004A30B001C0530") << true;
    QTest::addRow("all specials") << QStringLiteral("a-:.+%_#*?!(),=@;$'z") << true;
    QTest::addRow("128 chars") << QString(128, QLatin1Char('x')) << true;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("129 chars") << QString(129, QLatin1Char('x')) << false;
    QTest::addRow("space") << QStringLiteral("a b") << false;
    QTest::addRow("slash") << QStringLiteral("a/b") << false;
    QTest::addRow("non-ascii") << QStringLiteral("gerät") << false;
    QTest::addRow("quote") << QStringLiteral("a\"b") << false;
}

void TestDeviceIdentity::validateDeviceId()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    const Status status = DeviceIdentity::validateDeviceId(id);
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QCOMPARE(status.error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY(status.error().message().contains(QStringLiteral("device id")));
    }
}

void TestDeviceIdentity::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime base(QDate(2016, 3, 30), QTime(16, 24, 48, 789), Qt::UTC);
    QTest::addRow("milliseconds Z") << QStringLiteral("2016-03-30T16:24:48.789Z") << base;
    QTest::addRow("seven digits") << QStringLiteral("2016-03-30T16:24:48.7891234Z") << base;
    QTest::addRow("one digit") << QStringLiteral("2016-03-30T16:24:48.7Z") << base.addMSecs(-89);
    QTest::addRow("no zone is UTC") << QStringLiteral("2016-03-30T16:24:48.789") << base;
    QTest::addRow("offset") << QStringLiteral("2016-03-30T18:24:48.789+02:00") << base;
    QTest::addRow("year one") << QStringLiteral("0001-01-01T00:00:00Z")
                              << QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::addRow("impossible date") << QStringLiteral("2015-02-30T16:24:48.789Z") << QDateTime();
    QTest::addRow("garbage") << QStringLiteral("yesterday") << QDateTime();
}

void TestDeviceIdentity::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = JsonFieldReader::parseTimestamp(text, JsonFieldReader::TimestampForm::Lenient);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(JsonFieldReader::parseTimestamp(JsonFieldReader::formatTimestamp(parsed)), expected);
    }
}

QTEST_GUILESS_MAIN(TestDeviceIdentity)
#include "tst_deviceidentity.moc"
