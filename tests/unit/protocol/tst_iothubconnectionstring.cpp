#include "services/protocol/IotHubConnectionString.h"

#include <QTest>

using namespace TwinBridge;

namespace {

const QString Key32 = QStringLiteral("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
const QString Key16 = QStringLiteral("AAECAwQFBgcICQoLDA0ODw==");
const QString Key64 =
    QStringLiteral("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==");
const QString Key15 = QStringLiteral("AAECAwQFBgcICQoLDA0O");
const QString Key65 =
    QStringLiteral("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=");
// §2.5 / V9-style device token (the signature is what must never leak).
const QString Sig = QStringLiteral("9PmpExzIfPIB8fZCwETc1RoZeL3XNWQfaS3duNtoQ7U%3D");
const QString Sas = QStringLiteral("SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Flora-01&sig=") + Sig +
    QStringLiteral("&se=1700000000");

} // namespace

class TestIotHubConnectionString : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void toStringRoundTrip_data();
    void toStringRoundTrip();
    void parseHubAndDeviceRequireTheirKind();
    void redactedHidesSecrets();
    void builders();
};

void TestIotHubConnectionString::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("hostName");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("moduleId");
    QTest::addColumn<QString>("gateway");
    QTest::addColumn<bool>("sas");

    const int hub = int(IotHubConnectionString::Kind::Hub);
    const int device = int(IotHubConnectionString::Kind::Device);
    QTest::addRow("portal hub string")
        << QStringLiteral("HostName=myhub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=") + Key32
        << hub << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("iothubowner") << QString() << QString()
        << QString() << false;
    QTest::addRow("portal device string")
        << QStringLiteral("HostName=myhub.azure-devices.net;DeviceId=lora-0004a30b001c0530;SharedAccessKey=") + Key32
        << device << QStringLiteral("myhub.azure-devices.net") << QString() << QStringLiteral("lora-0004a30b001c0530")
        << QString() << QString() << false;
    QTest::addRow("any order") << QStringLiteral("SharedAccessKey=") + Key32 +
            QStringLiteral(";DeviceId=d1;HostName=myhub.azure-devices.net")
                               << device << QStringLiteral("myhub.azure-devices.net") << QString()
                               << QStringLiteral("d1") << QString() << QString() << false;
    QTest::addRow("module") << QStringLiteral("HostName=h.azure-devices.net;DeviceId=d1;ModuleId=m1;SharedAccessKey=") +
            Key16 << device << QStringLiteral("h.azure-devices.net")
                            << QString() << QStringLiteral("d1") << QStringLiteral("m1") << QString() << false;
    QTest::addRow("edge gateway with port")
        << QStringLiteral("HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=") + Key64 +
            QStringLiteral(";GatewayHostName=edge.local:8883")
        << device << QStringLiteral("h.azure-devices.net") << QString() << QStringLiteral("d1") << QString()
        << QStringLiteral("edge.local:8883") << false;
    QTest::addRow("edge gateway without port")
        << QStringLiteral("HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=") + Key32 +
            QStringLiteral(";GatewayHostName=10.0.0.4")
        << device << QStringLiteral("h.azure-devices.net") << QString() << QStringLiteral("d1") << QString()
        << QStringLiteral("10.0.0.4") << false;
    QTest::addRow("device SAS variant")
        << QStringLiteral("HostName=myhub.azure-devices.net;DeviceId=lora-01;SharedAccessSignature=") + Sas << device
        << QStringLiteral("myhub.azure-devices.net") << QString() << QStringLiteral("lora-01") << QString() << QString()
        << true;
    QTest::addRow("hub SAS variant")
        << QStringLiteral(
               "HostName=myhub.azure-devices.net;SharedAccessKeyName=service;SharedAccessSignature="
               "SharedAccessSignature sr=myhub.azure-devices.net&sig=JdyscqTpXdEJs49elIUCcohw2DlFDR3zfH5KqGJo4r4%3D"
               "&se=1456973447&skn=service")
        << hub << QStringLiteral("myhub.azure-devices.net") << QStringLiteral("service") << QString() << QString()
        << QString() << true;
    QTest::addRow("device via policy key")
        << QStringLiteral("HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKeyName=device;SharedAccessKey=") +
            Key32
        << device << QStringLiteral("h.azure-devices.net") << QStringLiteral("device") << QStringLiteral("d1")
        << QString() << QString() << false;
    QTest::addRow("surrounding white space and trailing ;")
        << QStringLiteral("  HostName=h.azure-devices.net;SharedAccessKeyName=p;SharedAccessKey=") + Key32 +
            QStringLiteral(";\n")
        << hub << QStringLiteral("h.azure-devices.net") << QStringLiteral("p") << QString() << QString() << QString()
        << false;
    QTest::addRow("device id with allowed punctuation")
        << QStringLiteral("HostName=h.azure-devices.net;DeviceId=a-b:c.d+e%f_g#h*i?j!k(l)m,n@o$p'q;SharedAccessKey=") +
            Key32
        << device << QStringLiteral("h.azure-devices.net") << QString()
        << QStringLiteral("a-b:c.d+e%f_g#h*i?j!k(l)m,n@o$p'q") << QString() << QString() << false;
}

void TestIotHubConnectionString::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, hostName);
    QFETCH(QString, keyName);
    QFETCH(QString, deviceId);
    QFETCH(QString, moduleId);
    QFETCH(QString, gateway);
    QFETCH(bool, sas);

    const auto parsed = IotHubConnectionString::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const IotHubConnectionString &cs = parsed.value();
    QCOMPARE(int(cs.kind()), kind);
    QCOMPARE(cs.hostName(), hostName);
    QCOMPARE(cs.sharedAccessKeyName(), keyName);
    QCOMPARE(cs.deviceId(), deviceId);
    QCOMPARE(cs.moduleId(), moduleId);
    QCOMPARE(cs.gatewayHostName(), gateway);
    QCOMPARE(cs.usesSharedAccessSignature(), sas);
    QCOMPARE(cs.sharedAccessKey().isEmpty(), sas);
    QCOMPARE(cs.hubName(), hostName.section(QLatin1Char('.'), 0, 0));
}

void TestIotHubConnectionString::rejectsMalformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");

    const QString host = QStringLiteral("HostName=h.azure-devices.net;");
    QTest::addRow("empty") << QString() << QStringLiteral("empty");
    QTest::addRow("only spaces") << QStringLiteral("   ") << QStringLiteral("empty");
    QTest::addRow("empty part") << host + QStringLiteral(";DeviceId=d;SharedAccessKey=") + Key32
                                << QStringLiteral("part 2 is empty");
    QTest::addRow("part without =") << host + QStringLiteral("DeviceId=d;SharedAccessKey")
                                    << QStringLiteral("part 3 has no '='");
    QTest::addRow("name missing") << host + QStringLiteral("=d;SharedAccessKey=") + Key32 << QStringLiteral("no name");
    QTest::addRow("empty value") << host + QStringLiteral("DeviceId=;SharedAccessKey=") + Key32
                                 << QStringLiteral("value of DeviceId is empty");
    QTest::addRow("duplicate key") << host + QStringLiteral("DeviceId=a;DeviceId=b;SharedAccessKey=") + Key32
                                   << QStringLiteral("DeviceId appears twice");
    QTest::addRow("unknown key") << host + QStringLiteral("DeviceId=a;Colour=red;SharedAccessKey=") + Key32
                                 << QStringLiteral("unknown name \"Colour\"");
    QTest::addRow("wrong case") << QStringLiteral("hostname=h.azure-devices.net;DeviceId=a;SharedAccessKey=") + Key32
                                << QStringLiteral("write \"HostName\"");
    QTest::addRow("x509") << host + QStringLiteral("DeviceId=a;x509=true") << QStringLiteral("X.509");
    QTest::addRow("missing host") << QStringLiteral("DeviceId=a;SharedAccessKey=") + Key32
                                  << QStringLiteral("HostName is missing");
    QTest::addRow("host with scheme") << QStringLiteral(
                                             "HostName=https://h.azure-devices.net/;DeviceId=a;SharedAccessKey=") +
            Key32 << QStringLiteral("not a host name");
    QTest::addRow("host with space") << QStringLiteral(
                                            "HostName=my hub.azure-devices.net;DeviceId=a;SharedAccessKey=") +
            Key32 << QStringLiteral("not shown");
    QTest::addRow("host single label") << QStringLiteral("HostName=myhub;DeviceId=a;SharedAccessKey=") + Key32
                                       << QStringLiteral("not a host name");
    QTest::addRow("host label starts with dash")
        << QStringLiteral("HostName=-hub.azure-devices.net;DeviceId=a;SharedAccessKey=") + Key32
        << QStringLiteral("not a host name");
    QTest::addRow("host empty label") << QStringLiteral("HostName=hub..net;DeviceId=a;SharedAccessKey=") + Key32
                                      << QStringLiteral("not a host name");
    QTest::addRow("missing key") << host + QStringLiteral("DeviceId=a") << QStringLiteral("SharedAccessKey is missing");
    QTest::addRow("key and SAS") << host + QStringLiteral("DeviceId=a;SharedAccessKey=") + Key32 +
            QStringLiteral(";SharedAccessSignature=") +
            Sas << QStringLiteral("both SharedAccessKey and SharedAccessSignature");
    QTest::addRow("key not base64") << host + QStringLiteral("DeviceId=a;SharedAccessKey=not*base64!!") + Key32
                                    << QStringLiteral("not base64");
    QTest::addRow("key without padding") << host +
            QStringLiteral("DeviceId=a;SharedAccessKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")
                                         << QStringLiteral("not base64");
    QTest::addRow("key with space") << host + QStringLiteral("DeviceId=a;SharedAccessKey=AAEC AwQFBgcICQoLDA0ODw==")
                                    << QStringLiteral("not base64");
    QTest::addRow("key 15 bytes") << host + QStringLiteral("DeviceId=a;SharedAccessKey=") + Key15
                                  << QStringLiteral("15 bytes");
    QTest::addRow("key 65 bytes") << host + QStringLiteral("DeviceId=a;SharedAccessKey=") + Key65
                                  << QStringLiteral("65 bytes");
    QTest::addRow("bad SAS") << host +
            QStringLiteral("DeviceId=a;SharedAccessSignature=SharedAccessSignature sr=x&se=1")
                             << QStringLiteral("SharedAccessSignature is not a valid token");
    QTest::addRow("bad device id") << host + QStringLiteral("DeviceId=a/b;SharedAccessKey=") + Key32
                                   << QStringLiteral("'/'");
    QTest::addRow("device id too long") << host + QStringLiteral("DeviceId=") + QString(129, QLatin1Char('d')) +
            QStringLiteral(";SharedAccessKey=") +
            Key32 << QStringLiteral("129 characters");
    QTest::addRow("bad module id") << host + QStringLiteral("DeviceId=a;ModuleId=m b;SharedAccessKey=") + Key32
                                   << QStringLiteral("ModuleId");
    QTest::addRow("module without device")
        << host + QStringLiteral("SharedAccessKeyName=p;ModuleId=m;SharedAccessKey=") + Key32
        << QStringLiteral("ModuleId needs a DeviceId");
    QTest::addRow("gateway on hub string") << host + QStringLiteral("SharedAccessKeyName=p;SharedAccessKey=") + Key32 +
            QStringLiteral(";GatewayHostName=edge")
                                           << QStringLiteral("GatewayHostName belongs");
    QTest::addRow("gateway bad port") << host + QStringLiteral("DeviceId=a;SharedAccessKey=") + Key32 +
            QStringLiteral(";GatewayHostName=edge.local:99999")
                                      << QStringLiteral("port");
    QTest::addRow("gateway bad host") << host + QStringLiteral("DeviceId=a;SharedAccessKey=") + Key32 +
            QStringLiteral(";GatewayHostName=edge_local:8883")
                                      << QStringLiteral("GatewayHostName");
    QTest::addRow("neither device nor policy")
        << host + QStringLiteral("SharedAccessKey=") + Key32 << QStringLiteral("DeviceId");
    // A missing ';' runs the key into another value: that value is not quoted.
    QTest::addRow("missing ; before key")
        << host + QStringLiteral("DeviceId=d1 SharedAccessKey=") + Key32 << QStringLiteral("Is a ';' missing");
    QTest::addRow("missing ; after host") << QStringLiteral("HostName=h.azure-devices.netSharedAccessKey=") + Key32 +
            QStringLiteral(";DeviceId=d") << QStringLiteral("value of HostName is not valid");
    // A key pasted without its name must not be echoed back.
    QTest::addRow("bare key as a part") << host + QStringLiteral("DeviceId=a;") + Key32
                                        << QStringLiteral("unknown name");
}

void TestIotHubConnectionString::rejectsMalformed()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const auto parsed = IotHubConnectionString::parse(text);
    QVERIFY(!parsed.ok());
    const ServiceError &error = parsed.error();
    QCOMPARE(error.kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(error.code(), QStringLiteral("InvalidConnectionString"));
    QVERIFY2(error.message().contains(mentions), qPrintable(error.message()));
    for (const QString &secret : {Key32, Key16, Key64, Key15, Key65, Sig, Key32.left(20)})
        QVERIFY2(!error.message().contains(secret), qPrintable(error.message()));
    QVERIFY(!error.message().contains(QStringLiteral("not*base64")));
}

void TestIotHubConnectionString::toStringRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    const QString hubString =
        QStringLiteral("HostName=myhub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=") + Key32;
    QTest::addRow("hub") << hubString << hubString;
    QTest::addRow("device reordered") << QStringLiteral("SharedAccessKey=") + Key32 +
            QStringLiteral(";GatewayHostName=edge:443;ModuleId=m;DeviceId=d;HostName=h.azure-devices.net;")
                                      << QStringLiteral(
                                             "HostName=h.azure-devices.net;DeviceId=d;ModuleId=m;SharedAccessKey=") +
            Key32 + QStringLiteral(";GatewayHostName=edge:443");
    const QString sasString =
        QStringLiteral("HostName=myhub.azure-devices.net;DeviceId=lora-01;SharedAccessSignature=") + Sas;
    QTest::addRow("sas") << sasString << sasString;
}

void TestIotHubConnectionString::toStringRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const auto parsed = IotHubConnectionString::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().toString(), canonical);
    const auto again = IotHubConnectionString::parse(parsed.value().toString());
    QVERIFY(again.ok());
    QVERIFY(again.value() == parsed.value());
}

void TestIotHubConnectionString::parseHubAndDeviceRequireTheirKind()
{
    const QString device = QStringLiteral("HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=") + Key32;
    const QString hub = QStringLiteral("HostName=h.azure-devices.net;SharedAccessKeyName=p;SharedAccessKey=") + Key32;
    QVERIFY(IotHubConnectionString::parseDevice(device).ok());
    QVERIFY(IotHubConnectionString::parseHub(hub).ok());
    const auto wrongHub = IotHubConnectionString::parseHub(device);
    QVERIFY(!wrongHub.ok());
    QVERIFY(wrongHub.error().message().contains(QStringLiteral("device connection string")));
    QVERIFY(wrongHub.error().message().contains(QStringLiteral("Shared access policies")));
    const auto wrongDevice = IotHubConnectionString::parseDevice(hub);
    QVERIFY(!wrongDevice.ok());
    QVERIFY(wrongDevice.error().message().contains(QStringLiteral("hub connection string")));
}

void TestIotHubConnectionString::redactedHidesSecrets()
{
    const auto withKey = IotHubConnectionString::parse(
        QStringLiteral("HostName=h.azure-devices.net;SharedAccessKeyName=p;SharedAccessKey=") + Key32);
    QVERIFY(withKey.ok());
    QCOMPARE(withKey.value().redacted(),
             QStringLiteral("HostName=h.azure-devices.net;SharedAccessKeyName=p;SharedAccessKey=…"));
    const auto withSas = IotHubConnectionString::parse(
        QStringLiteral("HostName=h.azure-devices.net;DeviceId=d;SharedAccessSignature=") + Sas);
    QVERIFY(withSas.ok());
    QVERIFY(!withSas.value().redacted().contains(Sig));
    QVERIFY(withSas.value().redacted().endsWith(QStringLiteral("SharedAccessSignature=…")));
}

void TestIotHubConnectionString::builders()
{
    const auto hub = IotHubConnectionString::forHub(QStringLiteral("h.azure-devices.net"), QStringLiteral("twinbridge"),
                                                    Key32.toLatin1());
    QCOMPARE(hub.toString(),
             QStringLiteral("HostName=h.azure-devices.net;SharedAccessKeyName=twinbridge;SharedAccessKey=") + Key32);
    const auto device = IotHubConnectionString::forDevice(QStringLiteral("h.azure-devices.net"), QStringLiteral("d1"),
                                                          Key16.toLatin1());
    QCOMPARE(device.kind(), IotHubConnectionString::Kind::Device);
    const auto reparsed = IotHubConnectionString::parse(device.toString());
    QVERIFY(reparsed.ok());
    QVERIFY(reparsed.value() == device);
}

QTEST_GUILESS_MAIN(TestIotHubConnectionString)
#include "tst_iothubconnectionstring.moc"
