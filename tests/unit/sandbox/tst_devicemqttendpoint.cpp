#include "MqttTestClient.h"

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/mqtt/DeviceMqttEndpoint.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/SasToken.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;
using namespace std::chrono_literals;
using CloseReason = DeviceMqttEndpoint::CloseReason;

namespace {

const QString HubName = QStringLiteral("sandbox-hub");
const QString Host = QStringLiteral("sandbox-hub.azure-devices.net");
const QString Device1 = QStringLiteral("dev-1");
const QString Device2 = QStringLiteral("dev-2");
const QString DisabledDevice = QStringLiteral("dev-off");

QJsonObject jsonOf(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

MqttPublish publishOf(const QString &topic, const QByteArray &payload, quint8 qos = 0, quint16 packetId = 0)
{
    MqttPublish publish;
    publish.topic = topic;
    publish.payload = payload;
    publish.qos = qos;
    publish.packetId = packetId;
    return publish;
}

} // namespace

class TestDeviceMqttEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // CONNECT
    void connectWithDeviceKey();
    void connectWithPolicyToken_data();
    void connectWithPolicyToken();
    void connectRefused_data();
    void connectRefused();
    void connectRefusedInAnOutage();
    void connectRefusedOverTheConnectionThrottle();
    void secondConnectionDropsTheFirst();
    void firstPacketMustBeConnect();
    void connectDeadline();
    void keepAliveExpiryCloses();
    void trafficResetsKeepAlive();
    void keepAliveIsCapped();
    void disconnectPacket();

    // Telemetry
    void telemetryRecordedExactly_data();
    void telemetryRecordedExactly();
    void qos2PublishCloses();
    void messageSizeLimit_data();
    void messageSizeLimit();
    void forbiddenTopicsClose_data();
    void forbiddenTopicsClose();
    void deviceToCloudThrottleCloses();
    void willRecordedOnAbruptClose();

    // Subscriptions
    void subscriptions();
    void unsubscribe();
    void cleanSessionZeroKeepsSubscriptions();

    // Twin
    void twinGet();
    void twinReportedPatch();
    void twinPatchBadRequest_data();
    void twinPatchBadRequest();
    void twinThrottled();
    void twinResponsesNeedTheSubscription();
    void desiredUpdatePushed();

    // Revocation and drops
    void deleteRevokesTheConnection();
    void disableRevokesTheConnection();
    void dropAllConnections();

private:
    QString token(const QString &deviceId, const QString &key, qint64 lifetime = 3600, const QString &keyName = {},
                  const QString &resource = {}) const;
    QString username(const QString &deviceId, const QString &host = Host) const;
    std::unique_ptr<MqttTestClient> openClient() const;
    std::unique_ptr<MqttTestClient> connectDevice(const QString &deviceId, quint16 keepAlive = 60,
                                                  bool cleanSession = true, bool *sessionPresent = nullptr) const;
    static QList<quint8> subscribe(MqttTestClient &client, const QList<MqttSubscription> &subscriptions,
                                   quint16 packetId = 1);
    QString deviceKey(const QString &deviceId) const;

    QTemporaryDir m_caDirectory;
    Result<SandboxCertificateAuthority> m_ca;
    ManualClock *m_clock = nullptr;
    HubDirectory *m_hubs = nullptr;
    SandboxHub *m_hub = nullptr;
    DeviceMqttEndpoint *m_endpoint = nullptr;
    QHash<QString, QString> m_keys;
};

void TestDeviceMqttEndpoint::initTestCase()
{
    qRegisterMetaType<CloseReason>();
    QVERIFY(m_caDirectory.isValid());
    m_ca = SandboxCertificateAuthority::loadOrCreate(m_caDirectory.path());
    QVERIFY2(m_ca.ok(), qPrintable(m_ca.error().message()));
}

void TestDeviceMqttEndpoint::init()
{
    m_clock = new ManualClock(QDateTime::currentDateTimeUtc());
    m_hubs = new HubDirectory(m_clock);
    SandboxHub::Options options;
    options.name = HubName;
    const Result<SandboxHub *> hub = m_hubs->createHub(options);
    QVERIFY2(hub.ok(), qPrintable(hub.error().message()));
    m_hub = hub.value();
    m_keys.clear();
    for (const QString &id : {Device1, Device2, DisabledDevice}) {
        DeviceIdentity identity;
        identity.deviceId = id;
        if (id == DisabledDevice)
            identity.status = DeviceIdentity::Status::Disabled;
        const Result<DeviceIdentity> created = m_hub->createDevice(identity);
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        m_keys.insert(id, created.value().authentication.primaryKey);
    }
    DeviceMqttEndpoint::Options endpointOptions;
    m_endpoint = new DeviceMqttEndpoint(m_hubs, m_ca.value().serverConfiguration(), m_clock, endpointOptions);
    const Status listening = m_endpoint->listen();
    QVERIFY2(listening.ok(), qPrintable(listening.error().message()));
}

void TestDeviceMqttEndpoint::cleanup()
{
    delete m_endpoint;
    m_endpoint = nullptr;
    delete m_hubs;
    m_hubs = nullptr;
    m_hub = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

QString TestDeviceMqttEndpoint::deviceKey(const QString &deviceId) const
{
    return m_keys.value(deviceId);
}

QString TestDeviceMqttEndpoint::token(const QString &deviceId, const QString &key, qint64 lifetime,
                                      const QString &keyName, const QString &resource) const
{
    return SasToken::sign(resource.isEmpty() ? SasToken::deviceResource(Host, deviceId) : resource, key.toLatin1(),
                          m_clock->secondsSinceEpoch() + lifetime, keyName);
}

QString TestDeviceMqttEndpoint::username(const QString &deviceId, const QString &host) const
{
    return IotHubMqttUsername::build(host, deviceId, QStringLiteral("azure-iot-device/1.18.2 (node v18; Linux)"));
}

std::unique_ptr<MqttTestClient> TestDeviceMqttEndpoint::openClient() const
{
    auto client = std::make_unique<MqttTestClient>(m_ca.value().clientConfiguration());
    if (!client->open(m_endpoint->serverPort(), Host))
        return nullptr;
    return client;
}

std::unique_ptr<MqttTestClient> TestDeviceMqttEndpoint::connectDevice(const QString &deviceId, quint16 keepAlive,
                                                                      bool cleanSession, bool *sessionPresent) const
{
    auto client = openClient();
    if (!client)
        return nullptr;
    const std::optional<MqttPacket> connack =
        client->connectAs(deviceId, username(deviceId), token(deviceId, deviceKey(deviceId)), keepAlive, cleanSession);
    if (!connack || connack->type != MqttPacketType::Connack || connack->connackCode != MqttConnackCode::Accepted)
        return nullptr;
    if (sessionPresent)
        *sessionPresent = connack->sessionPresent;
    return client;
}

QList<quint8> TestDeviceMqttEndpoint::subscribe(MqttTestClient &client, const QList<MqttSubscription> &subscriptions,
                                                quint16 packetId)
{
    client.send(MqttEncode::subscribe(packetId, subscriptions));
    const std::optional<MqttPacket> suback = client.next();
    if (!suback || suback->type != MqttPacketType::Suback || suback->packetId != packetId)
        return {};
    return suback->subackCodes;
}

// --- CONNECT ---------------------------------------------------------------------------------------------------

void TestDeviceMqttEndpoint::connectWithDeviceKey()
{
    QSignalSpy started(m_endpoint, &DeviceMqttEndpoint::sessionStarted);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).at(0).toString(), HubName);
    QCOMPARE(started.at(0).at(1).toString(), Device1);
    QVERIFY(m_endpoint->isConnected(HubName, Device1));
    QCOMPARE(m_endpoint->sessionCount(), 1);
    const QList<DeviceIdentity> devices = m_hub->devices();
    const auto device =
        std::find_if(devices.begin(), devices.end(), [](const DeviceIdentity &d) { return d.deviceId == Device1; });
    QVERIFY(device != devices.end());
    QCOMPARE(device->connectionState, DeviceIdentity::ConnectionState::Connected);
    QCOMPARE(device->lastActivityTime, m_clock->nowUtc());
    QCOMPARE(m_hub->metrics().connectedDevices, 1);
    QCOMPARE(m_hub->metrics().connects, quint64(1));
    QVERIFY(client->ping());
}

void TestDeviceMqttEndpoint::connectWithPolicyToken_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("resource");
    QTest::addRow("device policy") << QStringLiteral("device") << QString();
    QTest::addRow("iothubowner") << QStringLiteral("iothubowner") << QString();
    QTest::addRow("twinbridge") << QStringLiteral("twinbridge") << QString();
    QTest::addRow("prefix of the device resource") << QStringLiteral("device") << (Host + QStringLiteral("/devices"));
}

void TestDeviceMqttEndpoint::connectWithPolicyToken()
{
    QFETCH(QString, policy);
    QFETCH(QString, resource);
    const std::optional<SharedAccessPolicy> found = m_hub->policy(policy);
    QVERIFY(found);
    auto client = openClient();
    QVERIFY(client);
    const std::optional<MqttPacket> connack = client->connectAs(
        Device1, username(Device1), token(Device1, QString::fromLatin1(found->primaryKey), 3600, policy, resource));
    QVERIFY(connack);
    QCOMPARE(connack->type, MqttPacketType::Connack);
    QCOMPARE(connack->connackCode, MqttConnackCode::Accepted);
    QVERIFY(!connack->sessionPresent);
    QVERIFY(client->ping());
}

void TestDeviceMqttEndpoint::connectRefused_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password"); // "device:<id>", "policy:<name>", "expired", "wrongkey", or literal
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("expectedCode");

    const QString user1 = IotHubMqttUsername::build(Host, Device1);
    QTest::addRow("bad signature") << Device1 << user1 << QStringLiteral("wrongkey") << 4 << 5;
    QTest::addRow("expired") << Device1 << user1 << QStringLiteral("expired") << 4 << 5;
    QTest::addRow("token for another device") << Device1 << user1 << QStringLiteral("device:dev-2") << 4 << 5;
    QTest::addRow("policy without DeviceConnect") << Device1 << user1 << QStringLiteral("policy:service") << 4 << 5;
    QTest::addRow("registry policy") << Device1 << user1 << QStringLiteral("policy:registryReadWrite") << 4 << 5;
    QTest::addRow("disabled device") << DisabledDevice << IotHubMqttUsername::build(Host, DisabledDevice)
                                     << QStringLiteral("device:dev-off") << 4 << 5;
    QTest::addRow("unknown device") << QStringLiteral("ghost")
                                    << IotHubMqttUsername::build(Host, QStringLiteral("ghost"))
                                    << QStringLiteral("policy:device") << 4 << 5;
    QTest::addRow("unknown hub host") << Device1
                                      << IotHubMqttUsername::build(QStringLiteral("other-hub.azure-devices.net"),
                                                                   Device1)
                                      << QStringLiteral("device:dev-1") << 4 << 5;
    QTest::addRow("not a SAS token") << Device1 << user1 << QStringLiteral("secret") << 4 << 5;
    QTest::addRow("module identity") << Device1 << (Host + QStringLiteral("/dev-1/module-a/?api-version=2021-04-12"))
                                     << QStringLiteral("device:dev-1") << 4 << 5;
    QTest::addRow("MQTT 3.1") << Device1 << user1 << QStringLiteral("device:dev-1") << 3 << 1;
    QTest::addRow("MQTT 5") << Device1 << user1 << QStringLiteral("device:dev-1") << 5 << 1;
    QTest::addRow("client id is not the device id") << Device2 << user1 << QStringLiteral("device:dev-1") << 4 << 2;
    QTest::addRow("empty client id") << QString() << user1 << QStringLiteral("device:dev-1") << 4 << 2;
    QTest::addRow("user name is not IoT Hub's")
        << Device1 << QStringLiteral("just-a-name") << QStringLiteral("device:dev-1") << 4 << 4;
}

void TestDeviceMqttEndpoint::connectRefused()
{
    QFETCH(QString, clientId);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(int, level);
    QFETCH(int, expectedCode);

    QString secret = password;
    if (password == QLatin1String("wrongkey")) {
        secret = token(Device1, deviceKey(Device2));
    } else if (password == QLatin1String("expired")) {
        // Past the five minutes of clock skew IoT Hub tolerates.
        secret = token(Device1, deviceKey(Device1), -400);
    } else if (password.startsWith(QLatin1String("device:"))) {
        const QString id = password.mid(7);
        secret = token(id, deviceKey(id));
    } else if (password.startsWith(QLatin1String("policy:"))) {
        const QString policy = password.mid(7);
        secret = token(clientId, QString::fromLatin1(m_hub->policy(policy)->primaryKey), 3600, policy);
    }

    QSignalSpy refused(m_endpoint, &DeviceMqttEndpoint::connectRefused);
    QSignalSpy closed(m_endpoint, &DeviceMqttEndpoint::connectionClosed);
    auto client = openClient();
    QVERIFY(client);
    const std::optional<MqttPacket> connack = client->connectAs(clientId, username, secret, 60, true, quint8(level));
    QVERIFY(connack);
    QCOMPARE(connack->type, MqttPacketType::Connack);
    QCOMPARE(int(connack->connackCode), expectedCode);
    QVERIFY(!connack->sessionPresent);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(2).toInt(), expectedCode);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(2).value<CloseReason>(), CloseReason::ConnectRefused);
    QCOMPARE(m_endpoint->sessionCount(), 0);
    QCOMPARE(m_hub->metrics().connectedDevices, 0);
}

void TestDeviceMqttEndpoint::connectRefusedInAnOutage()
{
    HubFaults faults;
    faults.outageUntil = m_clock->nowUtc().addSecs(60);
    m_hub->setFaults(faults);
    auto client = openClient();
    QVERIFY(client);
    std::optional<MqttPacket> connack =
        client->connectAs(Device1, username(Device1), token(Device1, deviceKey(Device1)));
    QVERIFY(connack);
    QCOMPARE(connack->connackCode, MqttConnackCode::ServerUnavailable);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(m_hub->metrics().connectsRefused, quint64(1));

    // After the outage the same device connects.
    m_clock->advance(61s);
    QVERIFY(connectDevice(Device1));
}

void TestDeviceMqttEndpoint::connectRefusedOverTheConnectionThrottle()
{
    // S1 × 1: 100 new connections per second, a burst of one second's worth. The clock stands still.
    const int limit = int(HubThrottle::limitsFor(HubSku::S1, 1).burst(HubThrottle::Operation::NewConnection));
    QCOMPARE(limit, 100);
    for (int i = 0; i < limit; ++i) {
        auto client = connectDevice(Device1);
        QVERIFY2(client, qPrintable(QStringLiteral("connection %1").arg(i + 1)));
    }
    auto client = openClient();
    QVERIFY(client);
    const std::optional<MqttPacket> connack =
        client->connectAs(Device1, username(Device1), token(Device1, deviceKey(Device1)));
    QVERIFY(connack);
    QCOMPARE(connack->connackCode, MqttConnackCode::ServerUnavailable);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(m_hub->metrics().connects, quint64(limit));
    QCOMPARE(m_hub->metrics().connectsRefused, quint64(1));
    QVERIFY(m_hub->metrics().throttled >= 1);

    m_clock->advance(1s);
    QVERIFY(connectDevice(Device1));
}

void TestDeviceMqttEndpoint::secondConnectionDropsTheFirst()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto first = connectDevice(Device1);
    QVERIFY(first);
    auto other = connectDevice(Device2);
    QVERIFY(other);
    auto second = connectDevice(Device1);
    QVERIFY(second);
    QVERIFY(first->waitForDisconnected());
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(1).toString(), Device1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::Replaced);
    QVERIFY(second->ping());
    QVERIFY(other->ping());
    QCOMPARE(m_endpoint->sessionCount(), 2);
    QCOMPARE(m_hub->metrics().connectedDevices, 2);
}

void TestDeviceMqttEndpoint::firstPacketMustBeConnect()
{
    QSignalSpy closed(m_endpoint, &DeviceMqttEndpoint::connectionClosed);
    auto client = openClient();
    QVERIFY(client);
    client->send(MqttEncode::pingreq());
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(client->pendingPackets(), 0);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(2).value<CloseReason>(), CloseReason::ProtocolViolation);
}

void TestDeviceMqttEndpoint::connectDeadline()
{
    QSignalSpy closed(m_endpoint, &DeviceMqttEndpoint::connectionClosed);
    auto client = openClient();
    QVERIFY(client);
    QTRY_COMPARE(m_endpoint->connectionCount(), 1);
    // Half a CONNECT does not count.
    MqttConnect connect;
    connect.clientId = Device1;
    client->send(MqttEncode::connect(connect).left(5));
    m_clock->advance(m_endpoint->options().connectTimeout - 1ms);
    QVERIFY(client->isConnected());
    QVERIFY(closed.isEmpty());
    m_clock->advance(1s);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(2).value<CloseReason>(), CloseReason::ConnectTimeout);
    QCOMPARE(m_endpoint->connectionCount(), 0);
}

void TestDeviceMqttEndpoint::keepAliveExpiryCloses()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1, 10);
    QVERIFY(client);
    // 1.5 × 10 s.
    m_clock->advance(14s);
    QVERIFY(ended.isEmpty());
    QVERIFY(m_endpoint->isConnected(HubName, Device1));
    m_clock->advance(1s);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::KeepAliveExpired);
    const QList<DeviceIdentity> devices = m_hub->devices();
    for (const DeviceIdentity &device : devices) {
        if (device.deviceId == Device1)
            QCOMPARE(device.connectionState, DeviceIdentity::ConnectionState::Disconnected);
    }
}

void TestDeviceMqttEndpoint::trafficResetsKeepAlive()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1, 10);
    QVERIFY(client);
    m_clock->advance(10s);
    QVERIFY(client->ping()); // t = 10 s: the deadline moves to 25 s
    m_clock->advance(10s);
    QVERIFY(m_endpoint->isConnected(HubName, Device1));
    // Any packet counts, a SUBSCRIBE as well as a PINGREQ.
    QCOMPARE(subscribe(*client, {{QStringLiteral("$iothub/twin/res/#"), 0}}), QList<quint8> {0}); // t = 20 s
    m_clock->advance(14s);
    QVERIFY(m_endpoint->isConnected(HubName, Device1));
    QVERIFY(ended.isEmpty());
    m_clock->advance(1s);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::KeepAliveExpired);
}

void TestDeviceMqttEndpoint::keepAliveIsCapped()
{
    QCOMPARE(DeviceMqttEndpoint::keepAliveTimeout(10, 1767s), std::chrono::milliseconds(15000));
    QCOMPARE(DeviceMqttEndpoint::keepAliveTimeout(1177, 1767s), std::chrono::milliseconds(1765500));
    QCOMPARE(DeviceMqttEndpoint::keepAliveTimeout(1178, 1767s), std::chrono::milliseconds(1767000));
    QCOMPARE(DeviceMqttEndpoint::keepAliveTimeout(65535, 1767s), std::chrono::milliseconds(1767000));
    QCOMPARE(DeviceMqttEndpoint::keepAliveTimeout(0, 1767s), std::chrono::milliseconds(1767000));

    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1, 0);
    QVERIFY(client);
    m_clock->advance(1766s);
    QVERIFY(ended.isEmpty());
    m_clock->advance(1s);
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::KeepAliveExpired);
}

void TestDeviceMqttEndpoint::disconnectPacket()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    client->send(MqttEncode::disconnect());
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::ClientDisconnect);
    QCOMPARE(m_hub->metrics().connectedDevices, 0);
    QVERIFY(!m_endpoint->isConnected(HubName, Device1));
}

// --- Telemetry -------------------------------------------------------------------------------------------------

void TestDeviceMqttEndpoint::telemetryRecordedExactly_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<int>("qos");
    QTest::addColumn<bool>("retain");
    QTest::addColumn<QVariantMap>("system");
    QTest::addColumn<QVariantMap>("application");

    const QVariantMap system {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                              {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
                              {QStringLiteral("message-id"), QStringLiteral("42")}};
    const QVariantMap application {{QStringLiteral("fport"), QStringLiteral("2")},
                                   {QStringLiteral("type"), QStringLiteral("uplink message")}};
    QTest::addRow("SDK form (percent-encoded dollar), QoS 1")
        << QStringLiteral("devices/dev-1/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=42&fport=2&"
                          "type=uplink%20message")
        << 1 << false << system << application;
    QTest::addRow("docs form ($.), QoS 0")
        << QStringLiteral("devices/dev-1/messages/events/$.ct=application%2Fjson&$.ce=utf-8&$.mid=42&fport=2&"
                          "type=uplink%20message")
        << 0 << false << system << application;
    QTest::addRow("C# form, trailing slash and lower-case hex")
        << QStringLiteral("devices/dev-1/messages/events/%24.ct=application%2fjson&%24.ce=utf-8&%24.mid=42&fport=2&"
                          "type=uplink%20message/")
        << 1 << false << system << application;
    QTest::addRow("no properties") << QStringLiteral("devices/dev-1/messages/events/") << 1 << false << QVariantMap()
                                   << QVariantMap();
    QTest::addRow("retain flag") << QStringLiteral("devices/dev-1/messages/events/a=b") << 1 << true << QVariantMap()
                                 << QVariantMap {{QStringLiteral("a"), QStringLiteral("b")},
                                                 {QStringLiteral("mqtt-retain"), QStringLiteral("true")}};
}

void TestDeviceMqttEndpoint::telemetryRecordedExactly()
{
    QFETCH(QString, topic);
    QFETCH(int, qos);
    QFETCH(bool, retain);
    QFETCH(QVariantMap, system);
    QFETCH(QVariantMap, application);

    QSignalSpy raised(m_hub, &SandboxHub::messageRaised);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    m_clock->advance(1500ms);
    const QByteArray body = R"({"end_device_ids":{"device_id":"dev-1"},"uplink_message":{"f_port":2}})";
    MqttPublish publish = publishOf(topic, body, quint8(qos), 7);
    publish.retain = retain;
    client->send(MqttEncode::publish(publish));
    if (qos == 1) {
        const std::optional<MqttPacket> puback = client->next();
        QVERIFY(puback);
        QCOMPARE(puback->type, MqttPacketType::Puback);
        QCOMPARE(puback->packetId, quint16(7));
    }
    // QoS 0 has no answer: the PINGRESP comes first.
    QVERIFY(client->ping());

    const QList<HubMessage> messages = m_hub->recordedMessages(Device1, 0);
    QCOMPARE(messages.size(), 1);
    const HubMessage &message = messages.first();
    QCOMPARE(message.source, RoutingSource::DeviceMessages);
    QCOMPARE(message.deviceId, Device1);
    QCOMPARE(message.hubName, HubName);
    QCOMPARE(message.topic, topic);
    QCOMPARE(message.body, body);
    QCOMPARE(message.enqueuedTime, m_clock->nowUtc());
    QCOMPARE(message.applicationProperties, application);
    for (auto it = system.cbegin(); it != system.cend(); ++it)
        QCOMPARE(message.systemProperties.value(it.key()), it.value());
    QCOMPARE(message.systemProperties.value(QStringLiteral("iothub-connection-device-id")).toString(), Device1);
    QCOMPARE(m_hub->metrics().deviceToCloudMessages, quint64(1));
    QVERIFY(raised.size() >= 1);
}

void TestDeviceMqttEndpoint::qos2PublishCloses()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    client->send(MqttEncode::publish(publishOf(QStringLiteral("devices/dev-1/messages/events/"), "x", 2, 1)));
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(client->pendingPackets(), 0); // neither PUBREC nor PUBACK
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::ProtocolViolation);
    QVERIFY(m_hub->recordedMessages(Device1, 0).isEmpty());
}

void TestDeviceMqttEndpoint::messageSizeLimit_data()
{
    QTest::addColumn<QString>("bag");
    QTest::addColumn<int>("bodySize");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("256 KB body") << QString() << 262144 << true;
    QTest::addRow("256 KB + 1 body") << QString() << 262145 << false;
    // "k=v" counts 2 bytes, $.mid's value 4 (its name not).
    QTest::addRow("256 KB with properties") << QStringLiteral("%24.mid=1234&k=v") << 262144 - 6 << true;
    QTest::addRow("256 KB + 1 with properties") << QStringLiteral("%24.mid=1234&k=v") << 262144 - 5 << false;
    QTest::addRow("beyond the decoder's limit") << QString() << 400000 << false;
}

void TestDeviceMqttEndpoint::messageSizeLimit()
{
    QFETCH(QString, bag);
    QFETCH(int, bodySize);
    QFETCH(bool, accepted);
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    client->send(MqttEncode::publish(
        publishOf(QStringLiteral("devices/dev-1/messages/events/") + bag, QByteArray(bodySize, 'a'), 1, 3)));
    if (accepted) {
        const std::optional<MqttPacket> puback = client->next();
        QVERIFY(puback);
        QCOMPARE(puback->type, MqttPacketType::Puback);
        QCOMPARE(m_hub->recordedMessages(Device1, 0).size(), 1);
        QCOMPARE(m_hub->recordedMessages(Device1, 0).first().body.size(), bodySize);
    } else {
        QVERIFY(client->waitForDisconnected());
        QCOMPARE(client->pendingPackets(), 0);
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::MessageTooLarge);
        QVERIFY(m_hub->recordedMessages(Device1, 0).isEmpty());
    }
}

void TestDeviceMqttEndpoint::forbiddenTopicsClose_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addRow("another device's telemetry") << QStringLiteral("devices/dev-2/messages/events/");
    QTest::addRow("case differs") << QStringLiteral("devices/DEV-1/messages/events/");
    QTest::addRow("a module's telemetry") << QStringLiteral("devices/dev-1/modules/m1/messages/events/");
    QTest::addRow("cloud-to-device") << QStringLiteral("devices/dev-1/messages/devicebound/");
    QTest::addRow("twin response") << QStringLiteral("$iothub/twin/res/200/?$rid=1");
    QTest::addRow("desired patch") << QStringLiteral("$iothub/twin/PATCH/properties/desired/?$version=2");
    QTest::addRow("method request") << QStringLiteral("$iothub/methods/POST/reboot/?$rid=1");
    QTest::addRow("unknown topic") << QStringLiteral("sensors/temperature");
    QTest::addRow("unknown $iothub topic") << QStringLiteral("$iothub/clientproxy/");
}

void TestDeviceMqttEndpoint::forbiddenTopicsClose()
{
    QFETCH(QString, topic);
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    client->send(MqttEncode::publish(publishOf(topic, "{}", 1, 9)));
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(client->pendingPackets(), 0);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::TopicNotAllowed);
    QVERIFY(m_hub->recordedMessages(QString(), 0, -1).isEmpty());
}

void TestDeviceMqttEndpoint::deviceToCloudThrottleCloses()
{
    // S1 × 1 accepts a burst of 100 D2C messages; IoT Hub answers the next one by closing the connection.
    const int burst = int(HubThrottle::limitsFor(HubSku::S1, 1).burst(HubThrottle::Operation::DeviceToCloud));
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    for (int i = 1; i <= burst + 1; ++i) {
        client->send(MqttEncode::publish(
            publishOf(QStringLiteral("devices/dev-1/messages/events/"), QByteArray::number(i), 1, quint16(i))));
    }
    for (int i = 1; i <= burst; ++i) {
        const std::optional<MqttPacket> puback = client->next();
        QVERIFY(puback);
        QCOMPARE(puback->packetId, quint16(i));
    }
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(client->pendingPackets(), 0);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::Throttled);
    QCOMPARE(m_hub->recordedMessages(Device1, 0, -1).size(), burst);
    QVERIFY(m_hub->metrics().throttled >= 1);

    // The throttle refills with time; the device reconnects and sends again.
    m_clock->advance(1s);
    auto again = connectDevice(Device1);
    QVERIFY(again);
    again->send(MqttEncode::publish(publishOf(QStringLiteral("devices/dev-1/messages/events/"), "late", 1, 1)));
    const std::optional<MqttPacket> puback = again->next();
    QVERIFY(puback);
    QCOMPARE(puback->type, MqttPacketType::Puback);
}

void TestDeviceMqttEndpoint::willRecordedOnAbruptClose()
{
    auto client = openClient();
    QVERIFY(client);
    MqttConnect connect;
    connect.clientId = Device1;
    connect.username = username(Device1);
    connect.password = token(Device1, deviceKey(Device1)).toUtf8();
    connect.willFlag = true;
    connect.willTopic = QStringLiteral("devices/dev-1/messages/events/%24.ct=text%2Fplain");
    connect.willMessage = "gone";
    client->send(MqttEncode::connect(connect));
    const std::optional<MqttPacket> connack = client->next();
    QVERIFY(connack);
    QCOMPARE(connack->connackCode, MqttConnackCode::Accepted);
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    client->socket().abort();
    QVERIFY(ended.wait());
    const QList<HubMessage> messages = m_hub->recordedMessages(Device1, 0);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().body, QByteArray("gone"));
    QCOMPARE(messages.first().applicationProperties.value(QStringLiteral("iothub-MessageType")).toString(),
             QStringLiteral("Will"));
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("content-type")).toString(),
             QStringLiteral("text/plain"));

    // A will to another device's topic is refused at CONNECT.
    auto other = openClient();
    QVERIFY(other);
    connect.willTopic = QStringLiteral("devices/dev-2/messages/events/");
    other->send(MqttEncode::connect(connect));
    const std::optional<MqttPacket> refused = other->next();
    QVERIFY(refused);
    QCOMPARE(refused->connackCode, MqttConnackCode::NotAuthorized);
}

// --- Subscriptions ---------------------------------------------------------------------------------------------

void TestDeviceMqttEndpoint::subscriptions()
{
    auto client = connectDevice(Device1);
    QVERIFY(client);
    // Six filters in one SUBSCRIBE: the four documented ones (QoS 2 granted as 1), one of them again (replaces
    // it, does not count twice) and another device's C2D topic (refused).
    const QList<quint8> codes = subscribe(*client,
                                          {
                                              {QStringLiteral("devices/dev-1/messages/devicebound/#"), 1},
                                              {QStringLiteral("$iothub/twin/res/#"), 0},
                                              {QStringLiteral("$iothub/twin/PATCH/properties/desired/#"), 2},
                                              {QStringLiteral("$iothub/methods/POST/#"), 0},
                                              {QStringLiteral("$iothub/twin/res/#"), 2},
                                              {QStringLiteral("devices/dev-2/messages/devicebound/#"), 1},
                                          });
    QCOMPARE(codes, (QList<quint8> {1, 0, 1, 0, 1, 0x80}));
    // Anything else is refused, one by one, without closing the connection.
    const QList<quint8> refused = subscribe(*client,
                                            {
                                                {QStringLiteral("#"), 0},
                                                {QStringLiteral("$iothub/twin/+/#"), 0},
                                                {QStringLiteral("devices/dev-1/messages/events/#"), 1},
                                                {QStringLiteral("$iothub/twin/res/200"), 0},
                                            },
                                            2);
    QCOMPARE(refused, (QList<quint8> {0x80, 0x80, 0x80, 0x80}));
    QVERIFY(client->ping());
}

void TestDeviceMqttEndpoint::unsubscribe()
{
    auto client = connectDevice(Device1);
    QVERIFY(client);
    QCOMPARE(subscribe(*client, {{QStringLiteral("$iothub/twin/res/#"), 0}}), QList<quint8> {0});
    client->send(MqttEncode::unsubscribe(5, {QStringLiteral("$iothub/twin/res/#"), QStringLiteral("nothing/#")}));
    const std::optional<MqttPacket> unsuback = client->next();
    QVERIFY(unsuback);
    QCOMPARE(unsuback->type, MqttPacketType::Unsuback);
    QCOMPARE(unsuback->packetId, quint16(5));
    // No longer subscribed: a twin GET gets no answer.
    client->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/GET/?$rid=1"), {})));
    QVERIFY(client->ping());
}

void TestDeviceMqttEndpoint::cleanSessionZeroKeepsSubscriptions()
{
    bool sessionPresent = true;
    auto first = connectDevice(Device1, 60, false, &sessionPresent);
    QVERIFY(first);
    QVERIFY(!sessionPresent);
    QCOMPARE(subscribe(*first, {{QStringLiteral("$iothub/twin/res/#"), 1}}), QList<quint8> {1});
    first->send(MqttEncode::disconnect());
    QVERIFY(first->waitForDisconnected());

    auto second = connectDevice(Device1, 60, false, &sessionPresent);
    QVERIFY(second);
    QVERIFY(sessionPresent);
    // The kept subscription delivers without a new SUBSCRIBE, with the QoS granted before.
    second->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/GET/?$rid=7"), {})));
    const std::optional<MqttPacket> response = second->next();
    QVERIFY(response);
    QCOMPARE(response->publish.topic, QStringLiteral("$iothub/twin/res/200/?$rid=7"));
    QCOMPARE(response->publish.qos, quint8(1));
    second->send(MqttEncode::disconnect());
    QVERIFY(second->waitForDisconnected());

    // A clean session starts empty.
    auto third = connectDevice(Device1, 60, true, &sessionPresent);
    QVERIFY(third);
    QVERIFY(!sessionPresent);
    third->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/GET/?$rid=8"), {})));
    QVERIFY(third->ping());
}

// --- Twin ------------------------------------------------------------------------------------------------------

void TestDeviceMqttEndpoint::twinGet()
{
    const Result<DeviceTwin> updated = m_hub->updateTwin(
        Device1,
        QJsonObject {{QStringLiteral("properties"),
                      QJsonObject {{QStringLiteral("desired"), QJsonObject {{QStringLiteral("rate"), 5}}}}}},
        QStringLiteral("*"));
    QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
    auto client = connectDevice(Device1);
    QVERIFY(client);
    QCOMPARE(subscribe(*client, {{QStringLiteral("$iothub/twin/res/#"), 0}}), QList<quint8> {0});
    client->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/GET/?$rid=abc-1"), {})));
    const std::optional<MqttPacket> response = client->next();
    QVERIFY(response);
    QCOMPARE(response->type, MqttPacketType::Publish);
    QCOMPARE(response->publish.topic, QStringLiteral("$iothub/twin/res/200/?$rid=abc-1"));
    QCOMPARE(response->publish.qos, quint8(0));
    const QJsonObject body = jsonOf(response->publish.payload);
    QCOMPARE(body, m_hub->deviceTwinProperties(Device1).value());
    QCOMPARE(body.value(QStringLiteral("desired")).toObject().value(QStringLiteral("rate")).toInt(), 5);
    QCOMPARE(body.value(QStringLiteral("desired")).toObject().value(QStringLiteral("$version")).toInt(), 2);
    QVERIFY(body.value(QStringLiteral("reported")).toObject().contains(QStringLiteral("$version")));

    // A QoS 1 request is acknowledged as well as answered.
    client->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/GET/?$rid=2"), {}, 1, 11)));
    const std::optional<MqttPacket> puback = client->next();
    QVERIFY(puback);
    QCOMPARE(puback->type, MqttPacketType::Puback);
    QCOMPARE(puback->packetId, quint16(11));
    const std::optional<MqttPacket> second = client->next();
    QVERIFY(second);
    QCOMPARE(second->publish.topic, QStringLiteral("$iothub/twin/res/200/?$rid=2"));
}

void TestDeviceMqttEndpoint::twinReportedPatch()
{
    auto client = connectDevice(Device1);
    QVERIFY(client);
    QCOMPARE(subscribe(*client, {{QStringLiteral("$iothub/twin/res/#"), 1}}), QList<quint8> {1});
    client->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=1"),
                                               R"({"decodedPayload":{"temperature":21.5},"lastSeenAt":"now"})")));
    std::optional<MqttPacket> response = client->next();
    QVERIFY(response);
    QCOMPARE(response->publish.topic, QStringLiteral("$iothub/twin/res/204/?$rid=1&$version=2"));
    QCOMPARE(response->publish.qos, quint8(1));
    QVERIFY(response->publish.packetId != 0);
    QVERIFY(response->publish.payload.isEmpty());
    client->send(MqttEncode::puback(response->publish.packetId));

    // A merge patch: null deletes.
    client->send(MqttEncode::publish(
        publishOf(QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=2"), R"({"lastSeenAt":null})")));
    response = client->next();
    QVERIFY(response);
    QCOMPARE(response->publish.topic, QStringLiteral("$iothub/twin/res/204/?$rid=2&$version=3"));
    const QJsonObject reported =
        m_hub->deviceTwinProperties(Device1).value().value(QStringLiteral("reported")).toObject();
    QCOMPARE(
        reported.value(QStringLiteral("decodedPayload")).toObject().value(QStringLiteral("temperature")).toDouble(),
        21.5);
    QVERIFY(!reported.contains(QStringLiteral("lastSeenAt")));
    QCOMPARE(reported.value(QStringLiteral("$version")).toInt(), 3);
    QCOMPARE(m_hub->metrics().reportedPatches, quint64(2));
}

void TestDeviceMqttEndpoint::twinPatchBadRequest_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageWords");
    QTest::addRow("not JSON") << QByteArray("{\"a\":") << QStringLiteral("not valid JSON");
    QTest::addRow("empty body") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::addRow("an array") << QByteArray("[1,2]") << QStringLiteral("JSON object");
    QTest::addRow("key with a dot") << QByteArray(R"({"a.b":1})") << QStringLiteral("a.b");
    QByteArray deep = "1";
    for (int i = 0; i < 12; ++i)
        deep = "{\"l\":" + deep + "}";
    QTest::addRow("deeper than 10") << deep << QStringLiteral("levels deep");
}

void TestDeviceMqttEndpoint::twinPatchBadRequest()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageWords);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    QCOMPARE(subscribe(*client, {{QStringLiteral("$iothub/twin/res/#"), 0}}), QList<quint8> {0});
    client->send(
        MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=9"), body)));
    const std::optional<MqttPacket> response = client->next();
    QVERIFY(response);
    QCOMPARE(response->publish.topic, QStringLiteral("$iothub/twin/res/400/?$rid=9"));
    const QJsonObject error = jsonOf(response->publish.payload);
    QCOMPARE(error.value(QStringLiteral("errorCode")).toInt(), 400004);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(messageWords, Qt::CaseInsensitive),
             qPrintable(error.value(QStringLiteral("message")).toString()));
    QVERIFY(!error.value(QStringLiteral("trackingId")).toString().isEmpty());
    QVERIFY(QDateTime::fromString(error.value(QStringLiteral("timestampUtc")).toString(), Qt::ISODateWithMs).isValid());
    // The connection stays open and the twin unchanged.
    QVERIFY(client->ping());
    QCOMPARE(m_hub->metrics().reportedPatches, quint64(0));
}

void TestDeviceMqttEndpoint::twinThrottled()
{
    auto client = connectDevice(Device1);
    QVERIFY(client);
    QCOMPARE(subscribe(*client, {{QStringLiteral("$iothub/twin/res/#"), 0}}), QList<quint8> {0});

    // S1: 50 twin updates per second, a burst of 50; the clock stands still.
    const int burst = int(HubThrottle::limitsFor(HubSku::S1, 1).burst(HubThrottle::Operation::TwinUpdate));
    for (int i = 1; i <= burst + 1; ++i) {
        client->send(
            MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=%1").arg(i),
                                          QByteArray("{\"n\":") + QByteArray::number(i) + "}")));
    }
    for (int i = 1; i <= burst; ++i) {
        const std::optional<MqttPacket> response = client->next();
        QVERIFY(response);
        QVERIFY2(response->publish.topic.startsWith(QStringLiteral("$iothub/twin/res/204/?$rid=%1&").arg(i)),
                 qPrintable(response->publish.topic));
    }
    std::optional<MqttPacket> response = client->next();
    QVERIFY(response);
    QCOMPARE(response->publish.topic, QStringLiteral("$iothub/twin/res/429/?$rid=%1").arg(burst + 1));
    QCOMPARE(jsonOf(response->publish.payload).value(QStringLiteral("errorCode")).toInt(), 429001);

    // An injected twin throttle answers 429 to GET as well; the connection stays.
    m_clock->advance(10s);
    HubFaults faults;
    faults.throttleTwinUntil = m_clock->nowUtc().addSecs(30);
    m_hub->setFaults(faults);
    client->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/GET/?$rid=g"), {})));
    response = client->next();
    QVERIFY(response);
    QCOMPARE(response->publish.topic, QStringLiteral("$iothub/twin/res/429/?$rid=g"));
    QVERIFY(client->ping());
}

void TestDeviceMqttEndpoint::twinResponsesNeedTheSubscription()
{
    auto client = connectDevice(Device1);
    QVERIFY(client);
    client->send(MqttEncode::publish(
        publishOf(QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=1"), R"({"quiet":true})")));
    client->send(MqttEncode::publish(publishOf(QStringLiteral("$iothub/twin/GET/?$rid=2"), {})));
    // Nothing but the PINGRESP comes back, yet the patch was applied.
    QVERIFY(client->ping());
    QCOMPARE(client->pendingPackets(), 0);
    QVERIFY(m_hub->deviceTwinProperties(Device1)
                .value()
                .value(QStringLiteral("reported"))
                .toObject()
                .value(QStringLiteral("quiet"))
                .toBool());
}

void TestDeviceMqttEndpoint::desiredUpdatePushed()
{
    auto subscribed = connectDevice(Device1);
    QVERIFY(subscribed);
    auto unsubscribed = connectDevice(Device2);
    QVERIFY(unsubscribed);
    QCOMPARE(subscribe(*subscribed, {{QStringLiteral("$iothub/twin/PATCH/properties/desired/#"), 0}}),
             QList<quint8> {0});

    for (const QString &id : {Device1, Device2}) {
        const Result<DeviceTwin> updated = m_hub->updateTwin(
            id,
            QJsonObject {
                {QStringLiteral("properties"),
                 QJsonObject {{QStringLiteral("desired"),
                               QJsonObject {{QStringLiteral("rawDownlink"), QJsonObject {{QStringLiteral("fPort"), 3}}},
                                            {QStringLiteral("gone"), QJsonValue::Null}}}}}},
            QStringLiteral("*"));
        QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
    }
    const std::optional<MqttPacket> push = subscribed->next();
    QVERIFY(push);
    QCOMPARE(push->type, MqttPacketType::Publish);
    QCOMPARE(push->publish.topic, QStringLiteral("$iothub/twin/PATCH/properties/desired/?$version=2"));
    const QJsonObject body = jsonOf(push->publish.payload);
    QCOMPARE(body.value(QStringLiteral("$version")).toInt(), 2);
    QCOMPARE(body.value(QStringLiteral("rawDownlink")).toObject().value(QStringLiteral("fPort")).toInt(), 3);
    QVERIFY(unsubscribed->ping());
    QCOMPARE(unsubscribed->pendingPackets(), 0);
}

// --- Revocation and drops --------------------------------------------------------------------------------------

void TestDeviceMqttEndpoint::deleteRevokesTheConnection()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    auto bystander = connectDevice(Device2);
    QVERIFY(bystander);
    QVERIFY(m_hub->deleteDevice(Device1, QStringLiteral("*")).ok());
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(1).toString(), Device1);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::Revoked);
    QVERIFY(bystander->ping());

    // And it cannot come back.
    auto again = openClient();
    QVERIFY(again);
    const std::optional<MqttPacket> connack =
        again->connectAs(Device1, username(Device1), token(Device1, deviceKey(Device1)));
    QVERIFY(connack);
    QCOMPARE(connack->connackCode, MqttConnackCode::NotAuthorized);
}

void TestDeviceMqttEndpoint::disableRevokesTheConnection()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto client = connectDevice(Device1);
    QVERIFY(client);
    const QList<DeviceIdentity> devices = m_hub->devices();
    auto identity =
        *std::find_if(devices.begin(), devices.end(), [](const DeviceIdentity &d) { return d.deviceId == Device1; });
    identity.status = DeviceIdentity::Status::Disabled;
    const Result<DeviceIdentity> updated = m_hub->updateDevice(identity, QStringLiteral("*"));
    QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::Revoked);
}

void TestDeviceMqttEndpoint::dropAllConnections()
{
    QSignalSpy ended(m_endpoint, &DeviceMqttEndpoint::sessionEnded);
    auto first = connectDevice(Device1);
    auto second = connectDevice(Device2);
    QVERIFY(first && second);
    m_hub->dropAllConnections();
    QVERIFY(first->waitForDisconnected());
    QVERIFY(second->waitForDisconnected());
    QCOMPARE(ended.size(), 2);
    QCOMPARE(ended.at(0).at(2).value<CloseReason>(), CloseReason::DropRequested);
    QCOMPARE(m_endpoint->sessionCount(), 0);
    QCOMPARE(m_hub->metrics().connectedDevices, 0);
    // Devices reconnect right away.
    QVERIFY(connectDevice(Device1));
}

QTEST_GUILESS_MAIN(TestDeviceMqttEndpoint)
#include "tst_devicemqttendpoint.moc"
