#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/mqtt/DeviceMqttEndpoint.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/mqtt/MosquittoClient.h"
#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/SasToken.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

// libmosquitto (through MosquittoClient) against the sandbox's IoT Hub device endpoint, in-process, over TLS
// with the sandbox CA: connect as a device with a policy-signed SAS token, send telemetry with a property bag,
// subscribe to twin responses, PATCH reported properties and get the 204 — the engine's device connection.
class TestMosquittoClientIotHub : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void telemetryAndReportedPatch();
    void badTokenIsNotAuthorized();
    void droppedConnectionIsAnUnexpectedDisconnect();

private:
    MosquittoClient::Options deviceOptions(const QString &deviceId, const QByteArray &key) const;

    QTemporaryDir m_caDirectory;
    std::optional<SandboxCertificateAuthority> m_ca;
    HubDirectory *m_hubs = nullptr;
    SandboxHub *m_hub = nullptr;
    DeviceMqttEndpoint *m_endpoint = nullptr;
    QByteArray m_policyKey;
};

static const QString DeviceId = QStringLiteral("lora-0004a30b001c0530");

void TestMosquittoClientIotHub::initTestCase()
{
    QVERIFY(m_caDirectory.isValid());
    const Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_caDirectory.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    m_ca = ca.value();
}

void TestMosquittoClientIotHub::init()
{
    m_hubs = new HubDirectory();
    SandboxHub::Options options;
    options.name = QStringLiteral("sandbox-hub");
    const Result<SandboxHub *> hub = m_hubs->createHub(options);
    QVERIFY(hub.ok());
    m_hub = hub.value();
    const std::optional<SharedAccessPolicy> policy = m_hub->policy(QStringLiteral("twinbridge"));
    QVERIFY(policy.has_value());
    m_policyKey = policy->primaryKey;
    DeviceIdentity identity;
    identity.deviceId = DeviceId;
    QVERIFY(m_hub->createDevice(identity).ok());
    m_endpoint = new DeviceMqttEndpoint(m_hubs, m_ca->serverConfiguration());
    QVERIFY(m_endpoint->listen().ok());
}

void TestMosquittoClientIotHub::cleanup()
{
    delete m_endpoint;
    delete m_hubs;
    m_endpoint = nullptr;
    m_hubs = nullptr;
}

// As the engine connects: the hub's host name for TLS verification (the sandbox certificate names
// *.azure-devices.net) while the socket goes to the endpoint's address; client id = device id; the password
// is a SAS token for the device resource signed with the "twinbridge" policy key.
MosquittoClient::Options TestMosquittoClientIotHub::deviceOptions(const QString &deviceId, const QByteArray &key) const
{
    MosquittoClient::Options options;
    options.clientId = deviceId;
    options.host = QStringLiteral("127.0.0.1");
    options.port = m_endpoint->serverPort();
    options.tls = true;
    options.caFile = m_ca->caCertificatePath();
    options.tlsServerName = m_hub->hostName();
    options.username = IotHubMqttUsername::build(m_hub->hostName(), deviceId);
    options.password = SasToken::sign(SasToken::deviceResource(m_hub->hostName(), deviceId), key,
                                      QDateTime::currentSecsSinceEpoch() + 3600, QStringLiteral("twinbridge"))
                           .toUtf8();
    options.cleanSession = false;
    options.keepAliveSeconds = 60;
    return options;
}

void TestMosquittoClientIotHub::telemetryAndReportedPatch()
{
    MosquittoClient device;
    QSignalSpy connected(&device, &MosquittoClient::connected);
    QSignalSpy failed(&device, &MosquittoClient::connectionFailed);
    QVERIFY(device.connectToHost(deviceOptions(DeviceId, m_policyKey)).ok());
    QVERIFY2(connected.wait(10000), failed.isEmpty() ? "no signal" : qPrintable(failed.first().first().value<ServiceError>().message()));
    QTRY_VERIFY(m_endpoint->isConnected(m_hub->name(), DeviceId));

    // D2C with a property bag, QoS 1: PUBACK → published(mid), recorded by the hub with its properties.
    QSignalSpy published(&device, &MosquittoClient::published);
    const QString topic = QStringLiteral("devices/%1/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=up-7&messageType=uplink")
                              .arg(DeviceId);
    const QByteArray body = R"({"end_device_ids":{"device_id":"dev-1"},"uplink_message":{"f_port":2}})";
    const Result<int> mid = device.publish(topic, body, 1);
    QVERIFY(mid.ok());
    QVERIFY(published.wait(5000));
    QCOMPARE(published.first().first().toInt(), mid.value());
    const QList<HubMessage> messages = m_hub->recordedMessages(DeviceId, 0);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().body, body);
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("message-id")).toString(), QStringLiteral("up-7"));
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("content-type")).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(messages.first().applicationProperties.value(QStringLiteral("messageType")).toString(),
             QStringLiteral("uplink"));

    // Twin responses: subscribe, PATCH reported, 204 with the new version.
    QSignalSpy subscribed(&device, &MosquittoClient::subscribed);
    QVERIFY(device.subscribe(QStringLiteral("$iothub/twin/res/#"), 1).ok());
    QVERIFY(subscribed.wait(5000));
    QCOMPARE(subscribed.first().at(1).toInt(), 1);
    QSignalSpy received(&device, &MosquittoClient::messageReceived);
    const QByteArray patch = R"({"decodedPayload":{"temperature":21.5},"lastSeenAt":"2026-01-01T00:00:00Z"})";
    QVERIFY(device.publish(QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=41"), patch, 0).ok());
    QVERIFY(received.wait(5000));
    const QString responseTopic = received.first().at(0).toString();
    QVERIFY2(responseTopic.startsWith(QLatin1String("$iothub/twin/res/204/?$rid=41&$version=")), qPrintable(responseTopic));
    const Result<DeviceTwin> twin = m_hub->twin(DeviceId);
    QVERIFY(twin.ok());
    QCOMPARE(twin.value().reported.value(QStringLiteral("decodedPayload")).toObject().value(QStringLiteral("temperature")).toDouble(),
             21.5);

    // A twin GET answers 200 with desired and reported.
    received.clear();
    QVERIFY(device.publish(QStringLiteral("$iothub/twin/GET/?$rid=42"), QByteArray(), 0).ok());
    QVERIFY(received.wait(5000));
    QCOMPARE(received.first().at(0).toString(), QStringLiteral("$iothub/twin/res/200/?$rid=42"));
    const QJsonObject properties = QJsonDocument::fromJson(received.first().at(1).toByteArray()).object();
    QVERIFY(properties.contains(QStringLiteral("desired")));
    QCOMPARE(properties.value(QStringLiteral("reported")).toObject().value(QStringLiteral("lastSeenAt")).toString(),
             QStringLiteral("2026-01-01T00:00:00Z"));

    QSignalSpy disconnected(&device, &MosquittoClient::disconnected);
    device.disconnectFromHost();
    QTRY_COMPARE(disconnected.size(), 1);
    QVERIFY(!disconnected.first().first().value<ServiceError>().isError());
    QTRY_COMPARE(m_endpoint->sessionCount(), 0);
}

void TestMosquittoClientIotHub::badTokenIsNotAuthorized()
{
    MosquittoClient device;
    QSignalSpy failed(&device, &MosquittoClient::connectionFailed);
    QVERIFY(device.connectToHost(deviceOptions(DeviceId, QByteArray("d3JvbmcgcG9saWN5IGtleSB3cm9uZyBwb2xpY3kga2V5"))).ok());
    QVERIFY(failed.wait(10000));
    const ServiceError error = failed.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Unauthorized);
    QVERIFY2(error.message().contains(QLatin1String("SAS token")), qPrintable(error.message()));
    QCOMPARE(error.code(), QStringLiteral("CONNACK 5"));
}

void TestMosquittoClientIotHub::droppedConnectionIsAnUnexpectedDisconnect()
{
    MosquittoClient device;
    QSignalSpy connected(&device, &MosquittoClient::connected);
    QVERIFY(device.connectToHost(deviceOptions(DeviceId, m_policyKey)).ok());
    QVERIFY(connected.wait(10000));
    QTRY_VERIFY(m_endpoint->isConnected(m_hub->name(), DeviceId));
    QSignalSpy disconnected(&device, &MosquittoClient::disconnected);
    m_hub->dropAllConnections();
    QVERIFY(disconnected.wait(5000));
    const ServiceError reason = disconnected.first().first().value<ServiceError>();
    QVERIFY(reason.isError());
    QCOMPARE(reason.kind(), ServiceError::Kind::Network);

    // Connect again: the hub kept the session (clean session off) and says so.
    QVERIFY(device.connectToHost(deviceOptions(DeviceId, m_policyKey)).ok());
    QVERIFY(connected.wait(10000));
    QCOMPARE(connected.size(), 2);
}

QTEST_GUILESS_MAIN(TestMosquittoClientIotHub)
#include "tst_mosquittoclientiothub.moc"
