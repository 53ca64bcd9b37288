#include "services/protocol/IotHubMqttUsername.h"

#include <QTest>

using namespace TwinBridge;

class TestIotHubMqttUsername : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void build_data();
    void build();
};

void TestIotHubMqttUsername::parse_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("moduleId");
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QString>("clientType");
    QTest::addColumn<QString>("modelId");

    QTest::addRow("docs") << QStringLiteral("myhub.azure-devices.net/dev1/?api-version=2021-04-12")
                          << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("dev1") << QString()
                          << QStringLiteral("2021-04-12") << QString() << QString();
    QTest::addRow("C SDK")
        << QStringLiteral("myhub.azure-devices.net/dev1/?api-version=2020-09-30&DeviceClientType=iothubclient%2f1.15.0"
                          "&model-id=dtmi%3acom%3aexample%3aThermostat%3b1")
        << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("dev1") << QString()
        << QStringLiteral("2020-09-30") << QStringLiteral("iothubclient/1.15.0")
        << QStringLiteral("dtmi:com:example:Thermostat;1");
    QTest::addRow("C# SDK") << QStringLiteral("myhub.azure-devices.net/dev1/?api-version=2020-09-30&DeviceClientType="
                                              "Microsoft.Azure.Devices.Client%2F1.36.0%20%28.NET%206.0%3B%20Linux%29")
                            << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("dev1") << QString()
                            << QStringLiteral("2020-09-30")
                            << QStringLiteral("Microsoft.Azure.Devices.Client/1.36.0 (.NET 6.0; Linux)") << QString();
    QTest::addRow("Node SDK (model-id first)")
        << QStringLiteral("myhub.azure-devices.net/dev1/?api-version=2021-04-12&model-id=dtmi%3Acom%3Aex%3B1"
                          "&DeviceClientType=azure-iot-device%2F1.18.2%20(node%20v18.0.0%3B%20Linux%3B%20x64)")
        << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("dev1") << QString()
        << QStringLiteral("2021-04-12") << QStringLiteral("azure-iot-device/1.18.2 (node v18.0.0; Linux; x64)")
        << QStringLiteral("dtmi:com:ex;1");
    QTest::addRow("old C SDK wire log (no ?)")
        << QStringLiteral("hub.azure-devices.net/dev/"
                          "api-version=2016-11-14&DeviceClientType=iothubclient%2f1.1.27%20(Linux%3b%20armv7l)")
        << QStringLiteral("hub.azure-devices.net") << QStringLiteral("dev") << QString() << QStringLiteral("2016-11-14")
        << QStringLiteral("iothubclient/1.1.27 (Linux; armv7l)") << QString();
    QTest::addRow("minimal") << QStringLiteral("myhub.azure-devices.net/dev1")
                             << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("dev1") << QString()
                             << QString() << QString() << QString();
    QTest::addRow("minimal with slash") << QStringLiteral("myhub.azure-devices.net/dev1/")
                                        << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("dev1")
                                        << QString() << QString() << QString() << QString();
    QTest::addRow("module") << QStringLiteral("myhub.azure-devices.net/dev1/mod1/?api-version=2021-04-12")
                            << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("dev1")
                            << QStringLiteral("mod1") << QStringLiteral("2021-04-12") << QString() << QString();
}

void TestIotHubMqttUsername::parse()
{
    QFETCH(QString, username);
    QFETCH(QString, host);
    QFETCH(QString, deviceId);
    QFETCH(QString, moduleId);
    QFETCH(QString, apiVersion);
    QFETCH(QString, clientType);
    QFETCH(QString, modelId);
    const auto parsed = IotHubMqttUsername::parse(username);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const IotHubMqttUsername &u = parsed.value();
    QCOMPARE(u.hostName, host);
    QCOMPARE(u.deviceId, deviceId);
    QCOMPARE(u.moduleId, moduleId);
    QCOMPARE(u.apiVersion, apiVersion);
    QCOMPARE(u.deviceClientType, clientType);
    QCOMPARE(u.modelId, modelId);
    QVERIFY(u.otherParameters.isEmpty());
    // toString() is canonical: parsing it gives the same fields (api-version defaulted).
    const auto again = IotHubMqttUsername::parse(u.toString());
    QVERIFY2(again.ok(), qPrintable(again.error().message()));
    QCOMPARE(again.value().deviceClientType, clientType);
    QCOMPARE(again.value().modelId, modelId);
    QCOMPARE(again.value().apiVersion, apiVersion.isEmpty() ? QStringLiteral("2021-04-12") : apiVersion);
}

void TestIotHubMqttUsername::rejectsMalformed_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("empty") << QString() << QStringLiteral("empty");
    QTest::addRow("host only") << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("{host}/{deviceId}");
    QTest::addRow("host only with slash")
        << QStringLiteral("myhub.azure-devices.net/?api-version=2021-04-12") << QStringLiteral("{host}/{deviceId}");
    QTest::addRow("bad host") << QStringLiteral("my_hub/dev1/?api-version=2021-04-12")
                              << QStringLiteral("not a host name");
    QTest::addRow("empty device") << QStringLiteral("h.azure-devices.net//?api-version=2021-04-12")
                                  << QStringLiteral("device id is empty");
    QTest::addRow("bad device") << QStringLiteral("h.azure-devices.net/dev 1/?api-version=2021-04-12")
                                << QStringLiteral("device id");
    QTest::addRow("too many segments") << QStringLiteral("h.azure-devices.net/a/b/c/?api-version=2021-04-12")
                                       << QStringLiteral("more path segments");
    QTest::addRow("empty api-version") << QStringLiteral("h.azure-devices.net/d/?api-version=")
                                       << QStringLiteral("api-version is empty");
    QTest::addRow("bad escape") << QStringLiteral("h.azure-devices.net/d/?api-version=2021-04-12&DeviceClientType=%zz")
                                << QStringLiteral("%-escape");
}

void TestIotHubMqttUsername::rejectsMalformed()
{
    QFETCH(QString, username);
    QFETCH(QString, mentions);
    const auto parsed = IotHubMqttUsername::parse(username);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(parsed.error().code(), QStringLiteral("InvalidMqttUsername"));
    QVERIFY2(parsed.error().message().contains(mentions), qPrintable(parsed.error().message()));
}

void TestIotHubMqttUsername::build_data()
{
    QTest::addColumn<QString>("built");
    QTest::addColumn<QString>("expected");
    QTest::addRow("engine default") << IotHubMqttUsername::build(QStringLiteral("hub.azure-devices.net"),
                                                                 QStringLiteral("lora-01"))
                                    << QStringLiteral("hub.azure-devices.net/lora-01/?api-version=2021-04-12");
    QTest::addRow("client type and model")
        << IotHubMqttUsername::build(QStringLiteral("hub.azure-devices.net"), QStringLiteral("lora-01"),
                                     QStringLiteral("twinbridge/0.1.0 (Linux)"), QStringLiteral("dtmi:x:y;1"))
        << QStringLiteral(
               "hub.azure-devices.net/lora-01/?api-version=2021-04-12&DeviceClientType=twinbridge%2F0.1.0%20%28Linux%29"
               "&model-id=dtmi%3Ax%3Ay%3B1");
    IotHubMqttUsername module;
    module.hostName = QStringLiteral("h.azure-devices.net");
    module.deviceId = QStringLiteral("d");
    module.moduleId = QStringLiteral("m");
    module.apiVersion = QStringLiteral("2020-09-30");
    QTest::addRow("module with explicit api-version")
        << module.toString() << QStringLiteral("h.azure-devices.net/d/m/?api-version=2020-09-30");
}

void TestIotHubMqttUsername::build()
{
    QFETCH(QString, built);
    QFETCH(QString, expected);
    QCOMPARE(built, expected);
    QVERIFY(IotHubMqttUsername::parse(built).ok());
}

QTEST_GUILESS_MAIN(TestIotHubMqttUsername)
#include "tst_iothubmqttusername.moc"
