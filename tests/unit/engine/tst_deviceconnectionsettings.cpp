#include "services/engine/DeviceConnectionSettings.h"
#include "services/settings/ConnectionProfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

// DeviceConnectionSettings from a profile: where the sockets go, what they verify, and a NotConfigured error
// naming the missing piece otherwise.
class TestDeviceConnectionSettings : public QObject
{
    Q_OBJECT

private slots:
    void fromProfile();
    void missingPieces_data();
    void missingPieces();
    void caFile_data();
    void caFile();

private:
    static ConnectionProfile profile();
};

static const QByteArray Key = "dGVzdCBwb2xpY3kga2V5IGZvciB0d2luYnJpZGdl";

ConnectionProfile TestDeviceConnectionSettings::profile()
{
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("test"));
    profile.iotHub.hostName = QStringLiteral("my-hub.azure-devices.net");
    profile.iotHub.policyName = QStringLiteral("twinbridge");
    return profile;
}

void TestDeviceConnectionSettings::fromProfile()
{
    ConnectionProfile p = profile();
    const Result<DeviceConnectionSettings> direct = DeviceConnectionSettings::fromProfile(p, Key);
    QVERIFY(direct.ok());
    QCOMPARE(direct.value().hubHostName, QStringLiteral("my-hub.azure-devices.net"));
    QCOMPARE(direct.value().effectiveConnectHost(), QStringLiteral("my-hub.azure-devices.net"));
    QCOMPARE(direct.value().connectPort, quint16(8883));
    QCOMPARE(direct.value().policyName, QStringLiteral("twinbridge"));
    QCOMPARE(direct.value().policyKey, Key);
    QCOMPARE(direct.value().ssl.protocol(), QSsl::TlsV1_2OrLater);
    QCOMPARE(direct.value().ssl.peerVerifyMode(), QSslSocket::VerifyPeer);

    // The sandbox's override: sockets go to 127.0.0.1:18883, TLS still verifies the hub's name.
    p.iotHub.mqttHost = QStringLiteral("127.0.0.1");
    p.iotHub.mqttPort = 18883;
    const Result<DeviceConnectionSettings> overridden = DeviceConnectionSettings::fromProfile(p, Key);
    QVERIFY(overridden.ok());
    QCOMPARE(overridden.value().effectiveConnectHost(), QStringLiteral("127.0.0.1"));
    QCOMPARE(overridden.value().connectPort, quint16(18883));
    QCOMPARE(overridden.value().hubHostName, QStringLiteral("my-hub.azure-devices.net"));
}

void TestDeviceConnectionSettings::missingPieces_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("host name") << QStringLiteral("host") << QStringLiteral("host name");
    QTest::addRow("policy name") << QStringLiteral("policy") << QStringLiteral("policy name");
    QTest::addRow("policy key") << QStringLiteral("key")
                                << QStringLiteral("key of the IoT Hub access policy twinbridge");
    QTest::addRow("port") << QStringLiteral("port") << QStringLiteral("port 0");
}

void TestDeviceConnectionSettings::missingPieces()
{
    QFETCH(QString, field);
    QFETCH(QString, mentions);
    ConnectionProfile p = profile();
    QByteArray key = Key;
    if (field == QLatin1String("host"))
        p.iotHub.hostName.clear();
    else if (field == QLatin1String("policy"))
        p.iotHub.policyName.clear();
    else if (field == QLatin1String("key"))
        key.clear();
    else
        p.iotHub.mqttPort = 0;
    const Result<DeviceConnectionSettings> settings = DeviceConnectionSettings::fromProfile(p, key);
    QVERIFY(!settings.ok());
    QCOMPARE(settings.error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY2(settings.error().message().contains(mentions), qPrintable(settings.error().message()));
}

void TestDeviceConnectionSettings::caFile_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("missing") << QByteArray() << false << QStringLiteral("cannot be read");
    QTest::addRow("not PEM") << QByteArray("hello") << false << QStringLiteral("no PEM certificate");
}

void TestDeviceConnectionSettings::caFile()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, ok);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ca.pem"));
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    ConnectionProfile p = profile();
    p.tls.caCertificateFile = path;
    const Result<DeviceConnectionSettings> settings = DeviceConnectionSettings::fromProfile(p, Key);
    QCOMPARE(settings.ok(), ok);
    QCOMPARE(settings.error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY2(settings.error().message().contains(mentions), qPrintable(settings.error().message()));
    QVERIFY(settings.error().message().contains(path));
}

QTEST_GUILESS_MAIN(TestDeviceConnectionSettings)
#include "tst_deviceconnectionsettings.moc"
