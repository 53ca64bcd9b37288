#include "services/iothub/DeviceTwin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

class TestDeviceTwin : public QObject
{
    Q_OBJECT

private slots:
    void readsTheReferenceTwin();
    void readsPartialTwins_data();
    void readsPartialTwins();
    void rejectsWrongTypes_data();
    void rejectsWrongTypes();
    void roundTrips();
    void replacementAndPatchBodies();
};

// reference/azure-protocols.md §3.3, verbatim (including the impossible "2015-02-30" of the documentation
// and the placeholder "…" values).
static const char ReferenceTwin[] =
    R"({"deviceId":"devA","etag":"AAAAAAAAAAc=","deviceEtag":"…","status":"enabled","statusReason":"provisioned",
 "statusUpdateTime":"0001-01-01T00:00:00","connectionState":"connected","lastActivityTime":"2015-02-30T16:24:48.789Z",
 "cloudToDeviceMessageCount":0,"authenticationType":"sas",
 "x509Thumbprint":{"primaryThumbprint":null,"secondaryThumbprint":null},
 "modelId":"", "version":2,
 "tags":{"deploymentLocation":{"building":"43","floor":"1"}},
 "properties":{
   "desired":{"telemetryConfig":{"sendFrequency":"5m"},
     "$metadata":{"telemetryConfig":{"sendFrequency":{"$lastUpdated":"2016-03-30T16:24:48.789Z"},
                  "$lastUpdated":"2016-03-30T16:24:48.789Z"},"$lastUpdated":"2016-03-30T16:24:48.789Z"},
     "$version":1},
   "reported":{"telemetryConfig":{"sendFrequency":"5m","status":"success"},"batteryLevel":55,
     "$metadata":{"…":"…","$lastUpdated":"2016-04-01T16:24:48.789Z"},"$version":4}},
 "capabilities":{"iotEdge":false},"deviceScope":"…","parentScopes":[]})";

void TestDeviceTwin::readsTheReferenceTwin()
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(ReferenceTwin), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const Result<DeviceTwin> result = DeviceTwin::fromJson(document.object());
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const DeviceTwin &twin = result.value();
    QCOMPARE(twin.deviceId, QStringLiteral("devA"));
    QCOMPARE(twin.etag, QStringLiteral("AAAAAAAAAAc="));
    QCOMPARE(twin.deviceEtag, QStringLiteral("…"));
    QCOMPARE(twin.status, DeviceIdentity::Status::Enabled);
    QCOMPARE(twin.statusReason, QStringLiteral("provisioned"));
    QCOMPARE(twin.statusUpdateTime, QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC));
    QCOMPARE(twin.connectionState, DeviceIdentity::ConnectionState::Connected);
    QVERIFY(!twin.lastActivityTime.isValid()); // February 30th: tolerated, unknown
    QCOMPARE(twin.cloudToDeviceMessageCount, qint64(0));
    QCOMPARE(twin.authenticationType, std::optional(DeviceAuthentication::Type::Sas));
    QVERIFY(twin.primaryThumbprint.isEmpty());
    QVERIFY(twin.modelId.isEmpty());
    QCOMPARE(twin.version, qint64(2));
    QCOMPARE(twin.tags.value(QStringLiteral("deploymentLocation")).toObject().value(QStringLiteral("floor")).toString(),
             QStringLiteral("1"));
    QCOMPARE(twin.desiredVersion(), qint64(1));
    QCOMPARE(twin.reportedVersion(), qint64(4));
    QCOMPARE(twin.desired.value(QStringLiteral("telemetryConfig"))
                 .toObject()
                 .value(QStringLiteral("sendFrequency"))
                 .toString(),
             QStringLiteral("5m"));
    QVERIFY(twin.desired.contains(QStringLiteral("$metadata")));
    QCOMPARE(twin.reported.value(QStringLiteral("batteryLevel")).toInt(), 55);
    QCOMPARE(DeviceTwin::withoutMetadata(twin.reported).keys(),
             (QStringList{QStringLiteral("batteryLevel"), QStringLiteral("telemetryConfig")}));
    QCOMPARE(twin.iotEdge, false);
    QCOMPARE(twin.deviceScope, QStringLiteral("…"));
    QVERIFY(twin.parentScopes.isEmpty());
}

void TestDeviceTwin::readsPartialTwins_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("desiredVersion");
    QTest::addColumn<qint64>("reportedVersion");
    QTest::addColumn<int>("tagCount");

    QTest::addRow("empty object") << QByteArray("{}") << qint64(0) << qint64(0) << 0;
    QTest::addRow("query projection") << QByteArray(R"({"deviceId":"d","tags":{"lorawan":{"devEui":"00"}}})")
                                      << qint64(0) << qint64(0) << 1;
    QTest::addRow("only desired") << QByteArray(R"({"properties":{"desired":{"$version":7}}})") << qint64(7)
                                  << qint64(0) << 0;
    QTest::addRow("nulls")
        << QByteArray(R"({"tags":null,"properties":{"desired":null,"reported":{"$version":3}},"version":null})")
        << qint64(0) << qint64(3) << 0;
}

void TestDeviceTwin::readsPartialTwins()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, desiredVersion);
    QFETCH(qint64, reportedVersion);
    QFETCH(int, tagCount);
    const Result<DeviceTwin> result = DeviceTwin::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value().desiredVersion(), desiredVersion);
    QCOMPARE(result.value().reportedVersion(), reportedVersion);
    QCOMPARE(result.value().tags.size(), tagCount);
}

void TestDeviceTwin::rejectsWrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addRow("tags string") << QByteArray(R"({"tags":"x"})") << QStringLiteral("tags");
    QTest::addRow("properties array") << QByteArray(R"({"properties":[]})") << QStringLiteral("properties");
    QTest::addRow("desired number") << QByteArray(R"({"properties":{"desired":1}})")
                                    << QStringLiteral("properties.desired");
    QTest::addRow("reported $version string") << QByteArray(R"({"properties":{"reported":{"$version":"4"}}})")
                                              << QStringLiteral("properties.reported.$version");
    QTest::addRow("desired $metadata string") << QByteArray(R"({"properties":{"desired":{"$metadata":"x"}}})")
                                              << QStringLiteral("properties.desired.$metadata");
    QTest::addRow("version fractional") << QByteArray(R"({"version":2.5})") << QStringLiteral("version");
    QTest::addRow("etag number") << QByteArray(R"({"etag":1})") << QStringLiteral("etag");
    QTest::addRow("status unknown") << QByteArray(R"({"status":"gone"})") << QStringLiteral("status");
    QTest::addRow("authenticationType unknown")
        << QByteArray(R"({"authenticationType":"magic"})") << QStringLiteral("authenticationType");
    QTest::addRow("thumbprint number") << QByteArray(R"({"x509Thumbprint":{"primaryThumbprint":1}})")
                                       << QStringLiteral("x509Thumbprint.primaryThumbprint");
}

void TestDeviceTwin::rejectsWrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const Result<DeviceTwin> result = DeviceTwin::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(result.error().message().startsWith(field), qPrintable(result.error().message()));
    QVERIFY(result.error().message().contains(QStringLiteral("device twin")));
}

void TestDeviceTwin::roundTrips()
{
    const Result<DeviceTwin> first = DeviceTwin::fromJson(QJsonDocument::fromJson(QByteArray(ReferenceTwin)).object());
    QVERIFY(first.ok());
    DeviceTwin twin = first.value();
    twin.lastActivityTime = QDateTime(QDate(2025, 6, 1), QTime(12, 0, 0, 1), Qt::UTC);
    twin.parentScopes = {QStringLiteral("p")};
    twin.moduleId = QStringLiteral("m");
    twin.primaryThumbprint = QStringLiteral("AB");
    const Result<DeviceTwin> back = DeviceTwin::fromJson(twin.toJson());
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QVERIFY(back.value() == twin);
}

void TestDeviceTwin::replacementAndPatchBodies()
{
    const Result<DeviceTwin> twin = DeviceTwin::fromJson(QJsonDocument::fromJson(QByteArray(ReferenceTwin)).object());
    QVERIFY(twin.ok());
    const QJsonObject expected = QJsonDocument::fromJson(R"({"deviceId":"devA",
        "tags":{"deploymentLocation":{"building":"43","floor":"1"}},
        "properties":{"desired":{"telemetryConfig":{"sendFrequency":"5m"}}}})")
                                     .object();
    QCOMPARE(twin.value().toReplacementJson(), expected);

    const QJsonObject desired{{QStringLiteral("decodedPayload"), QJsonValue::Null}};
    QCOMPARE(DeviceTwin::patch(std::nullopt, desired),
             QJsonDocument::fromJson(R"({"properties":{"desired":{"decodedPayload":null}}})").object());
    const QJsonObject tags{{QStringLiteral("lorawan"), QJsonObject{{QStringLiteral("provisioned"), true}}}};
    QCOMPARE(DeviceTwin::patch(tags, std::nullopt),
             QJsonDocument::fromJson(R"({"tags":{"lorawan":{"provisioned":true}}})").object());
}

QTEST_GUILESS_MAIN(TestDeviceTwin)
#include "tst_devicetwin.moc"
