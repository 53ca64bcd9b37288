#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/mqtt/DeviceMqttEndpoint.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/SasToken.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

// The endpoint against a client nobody here wrote: Debian's mosquitto_pub / mosquitto_sub (libmosquitto, like
// the engine) over TLS, trusting the sandbox CA by --cafile and verifying the certificate for 127.0.0.1, with
// the IoT Hub user name and a SAS token as password.
class TestDeviceMqttMosquitto : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void publishTelemetry();
    void subscribeToTwinTopics();

private:
    QStringList connectionArguments(const QString &deviceId) const;

    QTemporaryDir m_caDirectory;
    Result<SandboxCertificateAuthority> m_ca;
    QString m_publish;
    QString m_subscribe;
    ManualClock *m_clock = nullptr;
    HubDirectory *m_hubs = nullptr;
    SandboxHub *m_hub = nullptr;
    DeviceMqttEndpoint *m_endpoint = nullptr;
    QString m_deviceKey;
};

static const QString DeviceId = QStringLiteral("lora-0004a30b001c0530");

void TestDeviceMqttMosquitto::initTestCase()
{
    m_publish = QStandardPaths::findExecutable(QStringLiteral("mosquitto_pub"));
    m_subscribe = QStandardPaths::findExecutable(QStringLiteral("mosquitto_sub"));
    QVERIFY2(!m_publish.isEmpty() && !m_subscribe.isEmpty(),
             "mosquitto_pub/mosquitto_sub not found: install the Debian package mosquitto-clients");
    QVERIFY(m_caDirectory.isValid());
    m_ca = SandboxCertificateAuthority::loadOrCreate(m_caDirectory.path());
    QVERIFY2(m_ca.ok(), qPrintable(m_ca.error().message()));
}

void TestDeviceMqttMosquitto::init()
{
    m_clock = new ManualClock(QDateTime::currentDateTimeUtc());
    m_hubs = new HubDirectory(m_clock);
    SandboxHub::Options options;
    options.name = QStringLiteral("sandbox-hub");
    const Result<SandboxHub *> hub = m_hubs->createHub(options);
    QVERIFY(hub.ok());
    m_hub = hub.value();
    DeviceIdentity identity;
    identity.deviceId = DeviceId;
    const Result<DeviceIdentity> created = m_hub->createDevice(identity);
    QVERIFY(created.ok());
    m_deviceKey = created.value().authentication.primaryKey;
    m_endpoint = new DeviceMqttEndpoint(m_hubs, m_ca.value().serverConfiguration(), m_clock);
    QVERIFY(m_endpoint->listen().ok());
}

void TestDeviceMqttMosquitto::cleanup()
{
    delete m_endpoint;
    delete m_hubs;
    delete m_clock;
    m_endpoint = nullptr;
    m_hubs = nullptr;
    m_clock = nullptr;
}

QStringList TestDeviceMqttMosquitto::connectionArguments(const QString &deviceId) const
{
    const QString token = SasToken::sign(SasToken::deviceResource(m_hub->hostName(), deviceId), m_deviceKey.toLatin1(),
                                         m_clock->secondsSinceEpoch() + 3600);
    return {QStringLiteral("-h"),       QStringLiteral("127.0.0.1"),
            QStringLiteral("-p"),       QString::number(m_endpoint->serverPort()),
            QStringLiteral("--cafile"), m_ca.value().caCertificatePath(),
            QStringLiteral("-V"),       QStringLiteral("mqttv311"),
            QStringLiteral("-i"),       deviceId,
            QStringLiteral("-u"),       IotHubMqttUsername::build(m_hub->hostName(), deviceId),
            QStringLiteral("-P"),       token,
            QStringLiteral("-d")};
}

void TestDeviceMqttMosquitto::publishTelemetry()
{
    const QString topic = QStringLiteral(
        "devices/lora-0004a30b001c0530/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=up-1&type=up");
    const QByteArray body = R"({"uplink_message":{"f_port":2,"frm_payload":"AQI="}})";
    QProcess publish;
    publish.setProcessChannelMode(QProcess::MergedChannels);
    QSignalSpy finished(&publish, &QProcess::finished);
    publish.start(m_publish,
                  connectionArguments(DeviceId) << QStringLiteral("-q") << QStringLiteral("1") << QStringLiteral("-t")
                                                << topic << QStringLiteral("-m") << QString::fromUtf8(body));
    QVERIFY(finished.wait(20000));
    const QString output = QString::fromLocal8Bit(publish.readAll());
    QVERIFY2(publish.exitStatus() == QProcess::NormalExit && publish.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("received CONNACK (0)")), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("received PUBACK")), qPrintable(output));

    const QList<HubMessage> messages = m_hub->recordedMessages(DeviceId, 0);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().body, body);
    QCOMPARE(messages.first().topic, topic);
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("message-id")).toString(), QStringLiteral("up-1"));
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("content-type")).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(messages.first().applicationProperties.value(QStringLiteral("type")).toString(), QStringLiteral("up"));
    // mosquitto_pub ends with DISCONNECT.
    QTRY_COMPARE(m_endpoint->sessionCount(), 0);
}

void TestDeviceMqttMosquitto::subscribeToTwinTopics()
{
    QProcess subscribe;
    subscribe.setProcessChannelMode(QProcess::MergedChannels);
    QString output;
    connect(&subscribe, &QProcess::readyRead, this, [&] { output += QString::fromLocal8Bit(subscribe.readAll()); });
    // Line-buffered, so that the SUBACK line arrives while the process still runs.
    subscribe.start(QStringLiteral("stdbuf"),
                    QStringList {QStringLiteral("-oL"), m_subscribe}
                        << connectionArguments(DeviceId) << QStringLiteral("-t") << QStringLiteral("$iothub/twin/res/#")
                        << QStringLiteral("-t") << QStringLiteral("$iothub/twin/PATCH/properties/desired/#")
                        << QStringLiteral("-q") << QStringLiteral("1") << QStringLiteral("-C") << QStringLiteral("1")
                        << QStringLiteral("-v"));
    // Both subscriptions granted (QoS 1), then a service-side desired update reaches the device.
    QTRY_VERIFY2_WITH_TIMEOUT(output.contains(QLatin1String("Subscribed (mid: 1): 1, 1")), qPrintable(output), 20000);
    const Result<DeviceTwin> updated = m_hub->updateTwin(
        DeviceId,
        QJsonObject {{QStringLiteral("properties"),
                      QJsonObject {{QStringLiteral("desired"), QJsonObject {{QStringLiteral("interval"), 300}}}}}},
        QStringLiteral("*"));
    QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
    QTRY_COMPARE_WITH_TIMEOUT(subscribe.state(), QProcess::NotRunning, 20000);
    output += QString::fromLocal8Bit(subscribe.readAll());
    QVERIFY2(subscribe.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("$iothub/twin/PATCH/properties/desired/?$version=2 "
                                           "{\"$version\":2,\"interval\":300}")),
             qPrintable(output));
}

QTEST_GUILESS_MAIN(TestDeviceMqttMosquitto)
#include "tst_devicemqttmosquitto.moc"
