#include "DeviceHubFixture.h"

#include "services/core/Clock.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/IotHubDeviceClient.h"
#include "services/protocol/MqttPacket.h"
#include "services/protocol/MqttStreamDecoder.h"

#include <QSignalSpy>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

// A TLS server (sandbox certificate) that speaks just enough MQTT to misbehave on purpose.
class FakeHub : public QObject
{
public:
    enum class Behaviour { AcceptThenIgnore, AcceptThenGarbage, AcceptThenConnack };

    FakeHub(const QSslConfiguration &tls, Behaviour behaviour)
        : m_behaviour(behaviour)
    {
        m_server.setSslConfiguration(tls);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (m_server.hasPendingConnections()) {
                auto *socket = static_cast<QSslSocket *>(m_server.nextPendingConnection());
                socket->setParent(this);
                connect(socket, &QSslSocket::readyRead, this, [this, socket] { onRead(socket); });
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    quint16 port() const { return m_server.serverPort(); }
    int packetsReceived() const { return m_packets; }
    int pingsReceived() const { return m_pings; }

private:
    void onRead(QSslSocket *socket)
    {
        m_decoder.append(socket->readAll());
        while (auto packet = m_decoder.next()) {
            if (!packet->ok())
                return;
            ++m_packets;
            switch (packet->value().type) {
            case MqttPacketType::Connect:
                socket->write(MqttEncode::connack(false, MqttConnackCode::Accepted));
                break;
            case MqttPacketType::Subscribe:
                socket->write(MqttEncode::suback(packet->value().packetId, {0}));
                break;
            case MqttPacketType::Pingreq:
                ++m_pings;
                break; // never answered
            case MqttPacketType::Publish:
                if (m_behaviour == Behaviour::AcceptThenGarbage)
                    socket->write(QByteArray::fromHex("f000")); // reserved packet type 15
                else if (m_behaviour == Behaviour::AcceptThenConnack)
                    socket->write(
                        MqttEncode::connack(false, MqttConnackCode::Accepted)); // never sent to a client twice
                break;
            default:
                break;
            }
        }
    }

    QSslServer m_server;
    MqttStreamDecoder m_decoder;
    Behaviour m_behaviour;
    int m_packets = 0;
    int m_pings = 0;
};

} // namespace

// IotHubDeviceClient's deadlines on a ManualClock — CONNECT, operations, keep-alive — all on the context's
// shared TimeoutWheel; and what it does with a hub that sends nonsense.
class TestDeviceDeadlines : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void keepAlivePingsKeepTheConnectionOpen();
    void connectTimesOut();
    void unansweredPublishTimesOut();
    void unansweredPingClosesTheConnection();
    void malformedPacketClosesTheConnection();
    void unexpectedPacketClosesTheConnection();

private:
    DeviceConnectionSettings fakeHubSettings(quint16 port) const;

    Test::DeviceHubFixture m_fixture;
    std::unique_ptr<ManualClock> m_clock;
};

static const QString DeviceId = QStringLiteral("dev-1");

template<typename T>
static T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000))
        qFatal("future did not finish");
    return future.result();
}

void TestDeviceDeadlines::initTestCase()
{
    QVERIFY(m_fixture.createAuthority());
}

void TestDeviceDeadlines::init()
{
    m_clock = std::make_unique<ManualClock>();
    QVERIFY(m_fixture.start(m_clock.get(), false, {DeviceId}));
}

void TestDeviceDeadlines::cleanup()
{
    m_fixture.stop();
    m_clock.reset();
}

DeviceConnectionSettings TestDeviceDeadlines::fakeHubSettings(quint16 port) const
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.connectPort = port;
    settings.operationTimeout = 10s;
    settings.connectTimeout = 15s;
    settings.keepAlive = 60s;
    return settings;
}

// The sandbox endpoint closes a connection after 1.5 × keep-alive of silence; the client's PINGREQs keep it
// open across ten keep-alive periods.
void TestDeviceDeadlines::keepAlivePingsKeepTheConnectionOpen()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.keepAlive = 20s;
    DeviceConnectionContext context(settings, m_clock.get());
    IotHubDeviceClient client(DeviceId, &context);
    QSignalSpy disconnected(&client, &IotHubDeviceClient::disconnected);
    QVERIFY(await(client.connectToHub()).ok());
    QTRY_COMPARE(client.inFlight(), 0);
    for (quint32 period = 1; period <= 10; ++period) {
        m_clock->advance(20s);
        QTRY_COMPARE(client.pingsAnswered(), period);
    }
    QVERIFY(client.isConnected());
    QCOMPARE(disconnected.size(), 0);
    QVERIFY(m_fixture.endpoint()->isConnected(m_fixture.hub()->name(), DeviceId));
    // Traffic postpones the ping: a publish at +15 s moves the next one to +35 s.
    m_clock->advance(15s);
    QVERIFY(await(client.publishTelemetry("x", {})).ok());
    m_clock->advance(15s);
    QCOMPARE(client.pingsAnswered(), 10u);
    m_clock->advance(5s);
    QTRY_COMPARE(client.pingsAnswered(), 11u);
}

void TestDeviceDeadlines::connectTimesOut()
{
    QTcpServer silent; // accepts TCP, never answers the TLS handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    DeviceConnectionContext context(fakeHubSettings(silent.serverPort()), m_clock.get());
    IotHubDeviceClient client(DeviceId, &context);
    const QFuture<Status> future = client.connectToHub();
    QTRY_VERIFY(silent.hasPendingConnections());
    m_clock->advance(14900ms);
    QCoreApplication::processEvents();
    QVERIFY(!future.isFinished());
    m_clock->advance(100ms);
    const Status status = await(future);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::Timeout);
    QCOMPARE(status.error().code(), QStringLiteral("ConnectTimeout"));
    QVERIFY2(status.error().message().contains(QLatin1String("15")), qPrintable(status.error().message()));
    QCOMPARE(client.state(), IotHubDeviceClient::State::Disconnected);
}

void TestDeviceDeadlines::unansweredPublishTimesOut()
{
    FakeHub hub(m_fixture.authority().serverConfiguration(), FakeHub::Behaviour::AcceptThenIgnore);
    DeviceConnectionContext context(fakeHubSettings(hub.port()), m_clock.get());
    IotHubDeviceClient client(DeviceId, &context);
    QSignalSpy disconnected(&client, &IotHubDeviceClient::disconnected);
    QVERIFY(await(client.connectToHub()).ok());
    const QFuture<Status> telemetry = client.publishTelemetry("x", {});
    const QFuture<Result<qint64>> patch = client.patchReported(QJsonObject {{QStringLiteral("a"), 1}});
    QTRY_COMPARE(hub.packetsReceived(), 4); // CONNECT, SUBSCRIBE (answered), PUBLISH, reported PATCH
    m_clock->advance(9900ms);
    QCoreApplication::processEvents();
    QVERIFY(!telemetry.isFinished());
    m_clock->advance(100ms);
    const Status status = await(telemetry);
    QCOMPARE(status.error().kind(), ServiceError::Kind::Timeout);
    QCOMPARE(status.error().code(), QStringLiteral("OperationTimeout"));
    QVERIFY(status.error().isTransient());
    // The connection is closed: the patch fails with it.
    QCOMPARE(await(patch).error().code(), QStringLiteral("OperationTimeout"));
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(client.state(), IotHubDeviceClient::State::Disconnected);
}

void TestDeviceDeadlines::unansweredPingClosesTheConnection()
{
    FakeHub hub(m_fixture.authority().serverConfiguration(), FakeHub::Behaviour::AcceptThenIgnore);
    DeviceConnectionContext context(fakeHubSettings(hub.port()), m_clock.get());
    IotHubDeviceClient client(DeviceId, &context);
    QSignalSpy disconnected(&client, &IotHubDeviceClient::disconnected);
    QVERIFY(await(client.connectToHub()).ok());
    QTRY_COMPARE(client.inFlight(), 0); // the twin-response subscription was answered
    m_clock->advance(60s);
    QTRY_COMPARE(hub.pingsReceived(), 1);
    QVERIFY(client.isConnected());
    m_clock->advance(10s); // min(operation timeout, keep-alive) without PINGRESP
    QCOMPARE(disconnected.size(), 1);
    const ServiceError reason = disconnected.first().first().value<ServiceError>();
    QCOMPARE(reason.kind(), ServiceError::Kind::Timeout);
    QCOMPARE(reason.code(), QStringLiteral("KeepAliveTimeout"));
}

void TestDeviceDeadlines::malformedPacketClosesTheConnection()
{
    FakeHub hub(m_fixture.authority().serverConfiguration(), FakeHub::Behaviour::AcceptThenGarbage);
    DeviceConnectionContext context(fakeHubSettings(hub.port()), m_clock.get());
    IotHubDeviceClient client(DeviceId, &context);
    QVERIFY(await(client.connectToHub()).ok());
    const Status status = await(client.publishTelemetry("x", {}));
    QCOMPARE(status.error().kind(), ServiceError::Kind::MalformedResponse);
    QCOMPARE(status.error().code(), QStringLiteral("MalformedPacket"));
    QVERIFY2(status.error().detail().contains(QLatin1String("reserved")), qPrintable(status.error().detail()));
    QCOMPARE(client.state(), IotHubDeviceClient::State::Disconnected);
}

void TestDeviceDeadlines::unexpectedPacketClosesTheConnection()
{
    FakeHub hub(m_fixture.authority().serverConfiguration(), FakeHub::Behaviour::AcceptThenConnack);
    DeviceConnectionContext context(fakeHubSettings(hub.port()), m_clock.get());
    IotHubDeviceClient client(DeviceId, &context);
    QVERIFY(await(client.connectToHub()).ok());
    QSignalSpy disconnected(&client, &IotHubDeviceClient::disconnected);
    const Status status = await(client.publishTelemetry("x", {}));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::MalformedResponse);
    QCOMPARE(disconnected.size(), 1);
}

QTEST_GUILESS_MAIN(TestDeviceDeadlines)
#include "tst_devicedeadlines.moc"
