#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "sandbox/tts/MosquittoBroker.h"
#include "services/mqtt/MosquittoClient.h"
#include "services/mqtt/MqttReconnectPolicy.h"

#include "FutureWait.h"
#include "LogCapture.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

// MosquittoClient against a real mosquitto broker (MosquittoBroker, plain and TLS with the sandbox CA) and
// against a silent TCP server for the timeouts. Everything over real sockets on 127.0.0.1.
class TestMosquittoClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void roundTrip_data();
    void roundTrip();
    void qos1PublishIsAcknowledged();
    void wrongPasswordIsNotAuthorized();
    void subscriptionOutsideTheAclGetsNothing();
    void untrustedCertificateIsATlsError();
    void hostNameMismatchIsRefused();
    void verifiesTheRealHostNameWhileConnectingToAnAddress();
    void resolvesHostNames();
    void refusedPortFailsAtOnce();
    void connectTimeoutOnASilentServer();
    void keepAliveWatchdogClosesADeadConnection();
    void disconnectIsClean();
    void brokerStoppedIsAnUnexpectedDisconnectAndReconnectWorks();
    void invalidOptionsAreRefused();
    void passwordNeverLogged();

private:
    MosquittoClient::Options appOptions(bool tls) const;
    QString m_appUser;
    QString m_key = QStringLiteral("NNSXS.SANDBOXKEY1.SECRETSECRETSECRET");
    QTemporaryDir m_stateDir;
    std::optional<SandboxCertificateAuthority> m_ca;
    MosquittoBroker *m_broker = nullptr;
};

void TestMosquittoClient::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    const Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_stateDir.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    m_ca = ca.value();
    MosquittoBroker::Options options;
    options.stateDirectory = m_stateDir.path();
    options.useCertificates(*m_ca);
    m_broker = new MosquittoBroker(options);
    m_appUser = MosquittoBroker::applicationUsername(QStringLiteral("demo-app"), QStringLiteral("sandbox"));
    QVERIFY(Test::awaitResult(m_broker->setApplicationKeys(QStringLiteral("demo-app"), QStringLiteral("sandbox"), {m_key})).ok());
    const Status started = Test::awaitResult(m_broker->start(), 20000);
    QVERIFY2(started.ok(), qPrintable(started.error().message()));
}

void TestMosquittoClient::cleanupTestCase()
{
    if (m_broker)
        QVERIFY(Test::await(m_broker->stop()));
    delete m_broker;
}

MosquittoClient::Options TestMosquittoClient::appOptions(bool tls) const
{
    MosquittoClient::Options options;
    options.clientId = QStringLiteral("twinbridge-test");
    options.host = QStringLiteral("127.0.0.1");
    options.port = tls ? m_broker->tlsPort() : m_broker->port();
    options.tls = tls;
    if (tls)
        options.caFile = m_ca->caCertificatePath();
    options.username = m_appUser;
    options.password = m_key.toUtf8();
    options.keepAliveSeconds = 30;
    return options;
}

void TestMosquittoClient::roundTrip_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addRow("plain") << false;
    QTest::addRow("tls") << true;
}

// The application user subscribes to its uplinks; the sandbox's internal account publishes one; it arrives.
void TestMosquittoClient::roundTrip()
{
    QFETCH(bool, tls);
    MosquittoClient app;
    QSignalSpy connected(&app, &MosquittoClient::connected);
    QSignalSpy failed(&app, &MosquittoClient::connectionFailed);
    QVERIFY(app.connectToHost(appOptions(tls)).ok());
    QCOMPARE(app.state(), MosquittoClient::State::Resolving);
    QVERIFY2(connected.wait(10000), failed.isEmpty() ? "no signal" : qPrintable(failed.first().first().value<ServiceError>().message()));
    QCOMPARE(connected.first().first().toBool(), false);
    QCOMPARE(app.state(), MosquittoClient::State::Connected);

    QSignalSpy subscribed(&app, &MosquittoClient::subscribed);
    const Result<int> subscription = app.subscribe(QStringLiteral("v3/%1/devices/+/up").arg(m_appUser), 1);
    QVERIFY(subscription.ok());
    QVERIFY(subscribed.wait(5000));
    QCOMPARE(subscribed.first().at(0).toInt(), subscription.value());
    QCOMPARE(subscribed.first().at(1).toInt(), 1);

    MosquittoClient publisher;
    MosquittoClient::Options internal = appOptions(tls);
    internal.clientId = QStringLiteral("sandbox-publisher");
    internal.username = m_broker->internalUsername();
    internal.password = m_broker->internalPassword();
    QSignalSpy publisherConnected(&publisher, &MosquittoClient::connected);
    QVERIFY(publisher.connectToHost(internal).ok());
    QVERIFY(publisherConnected.wait(10000));

    QSignalSpy received(&app, &MosquittoClient::messageReceived);
    const QByteArray payload = R"({"end_device_ids":{"device_id":"dev-1"},"uplink_message":{"f_port":1}})";
    QVERIFY(publisher.publish(QStringLiteral("v3/%1/devices/dev-1/up").arg(m_appUser), payload, 1).ok());
    QVERIFY(received.wait(5000));
    QCOMPARE(received.first().at(0).toString(), QStringLiteral("v3/%1/devices/dev-1/up").arg(m_appUser));
    QCOMPARE(received.first().at(1).toByteArray(), payload);
    QCOMPARE(received.first().at(2).toInt(), 1);
    QCOMPARE(received.first().at(3).toBool(), false);

    // Many messages in a row (with TLS several MQTT packets share a TLS record): none is left behind.
    for (int i = 0; i < 200; ++i)
        QVERIFY(publisher.publish(QStringLiteral("v3/%1/devices/dev-%2/up").arg(m_appUser).arg(i), QByteArray::number(i), i % 2).ok());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 201, 10000);
    QCOMPARE(received.last().at(1).toByteArray(), QByteArray("199"));
}

void TestMosquittoClient::qos1PublishIsAcknowledged()
{
    MosquittoClient client;
    QSignalSpy connected(&client, &MosquittoClient::connected);
    QVERIFY(client.connectToHost(appOptions(true)).ok());
    QVERIFY(connected.wait(10000));
    QSignalSpy published(&client, &MosquittoClient::published);
    const Result<int> first = client.publish(QStringLiteral("v3/%1/devices/dev-1/down/push").arg(m_appUser), "{}", 1);
    const Result<int> second = client.publish(QStringLiteral("v3/%1/devices/dev-1/down/push").arg(m_appUser), "{}", 1);
    QVERIFY(first.ok() && second.ok());
    QVERIFY(first.value() != second.value());
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 2, 5000);
    QCOMPARE(published.at(0).first().toInt(), first.value());
    QCOMPARE(published.at(1).first().toInt(), second.value());
    // Not connected: refused at once, not queued.
    client.disconnectFromHost();
    const Result<int> offline = client.publish(QStringLiteral("v3/%1/x").arg(m_appUser), "{}", 1);
    QVERIFY(!offline.ok());
    QCOMPARE(offline.error().kind(), ServiceError::Kind::Network);
}

void TestMosquittoClient::wrongPasswordIsNotAuthorized()
{
    MosquittoClient client;
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    QSignalSpy disconnected(&client, &MosquittoClient::disconnected);
    MosquittoClient::Options options = appOptions(false);
    options.password = "NNSXS.WRONG";
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY(failed.wait(10000));
    const ServiceError error = failed.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Unauthorized);
    QVERIFY2(error.message().contains(QLatin1String("not authorized")), qPrintable(error.message()));
    QVERIFY(error.message().contains(QLatin1String("API key")));
    QCOMPARE(error.code(), QStringLiteral("CONNACK 5"));
    QCOMPARE(client.state(), MosquittoClient::State::Disconnected);
    QVERIFY(disconnected.isEmpty());
}

// The ACL: the application user's subscription outside its prefix is granted by mosquitto 2.0 (MQTT 3.1.1
// has no per-topic refusal there) but delivers nothing; its publish outside the prefix is dropped.
void TestMosquittoClient::subscriptionOutsideTheAclGetsNothing()
{
    MosquittoClient app;
    MosquittoClient internalClient;
    QSignalSpy appConnected(&app, &MosquittoClient::connected);
    QVERIFY(app.connectToHost(appOptions(false)).ok());
    MosquittoClient::Options internal = appOptions(false);
    internal.clientId = QStringLiteral("internal");
    internal.username = m_broker->internalUsername();
    internal.password = m_broker->internalPassword();
    QSignalSpy internalConnected(&internalClient, &MosquittoClient::connected);
    QVERIFY(internalClient.connectToHost(internal).ok());
    QVERIFY(appConnected.wait(10000));
    QTRY_VERIFY(!internalConnected.isEmpty());

    QSignalSpy appReceived(&app, &MosquittoClient::messageReceived);
    QSignalSpy appSubscribed(&app, &MosquittoClient::subscribed);
    QVERIFY(app.subscribe(QStringLiteral("v3/other-app@sandbox/#")).ok());
    QVERIFY(app.subscribe(QStringLiteral("v3/%1/#").arg(m_appUser)).ok());
    QTRY_COMPARE(appSubscribed.size(), 2);

    QSignalSpy internalReceived(&internalClient, &MosquittoClient::messageReceived);
    QSignalSpy internalSubscribed(&internalClient, &MosquittoClient::subscribed);
    QVERIFY(internalClient.subscribe(QStringLiteral("v3/#")).ok());
    QVERIFY(internalSubscribed.wait(5000));

    // Foreign topic first, then an own one: when the own one arrived, the foreign one would have too.
    QVERIFY(internalClient.publish(QStringLiteral("v3/other-app@sandbox/devices/x/up"), "foreign", 1).ok());
    QVERIFY(internalClient.publish(QStringLiteral("v3/%1/devices/x/up").arg(m_appUser), "own", 1).ok());
    QTRY_VERIFY(!appReceived.isEmpty());
    QCOMPARE(appReceived.size(), 1);
    QCOMPARE(appReceived.first().at(1).toByteArray(), QByteArray("own"));

    // The app publishes outside its prefix (dropped) and inside (delivered); the internal account sees only the latter.
    internalReceived.clear();
    QVERIFY(app.publish(QStringLiteral("v3/other-app@sandbox/devices/x/down/push"), "sneaky", 1).ok());
    QVERIFY(app.publish(QStringLiteral("v3/%1/devices/x/down/push").arg(m_appUser), "allowed", 1).ok());
    QTRY_VERIFY(std::any_of(internalReceived.cbegin(), internalReceived.cend(),
                            [](const QList<QVariant> &m) { return m.at(1).toByteArray() == "allowed"; }));
    for (const QList<QVariant> &message : std::as_const(internalReceived))
        QVERIFY(message.at(1).toByteArray() != "sneaky");
}

void TestMosquittoClient::untrustedCertificateIsATlsError()
{
    QTemporaryDir otherCaDir;
    const Result<SandboxCertificateAuthority> other = SandboxCertificateAuthority::loadOrCreate(otherCaDir.path());
    QVERIFY(other.ok());
    MosquittoClient client;
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    MosquittoClient::Options options = appOptions(true);
    options.caFile = other.value().caCertificatePath();
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY(failed.wait(10000));
    const ServiceError error = failed.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Tls);
    QVERIFY2(error.message().contains(QLatin1String("not trusted")), qPrintable(error.message()));
    QVERIFY(error.message().contains(QLatin1String("CA file")));

    // The system CAs do not know the sandbox CA either.
    MosquittoClient system;
    QSignalSpy systemFailed(&system, &MosquittoClient::connectionFailed);
    options.caFile.clear();
    QVERIFY(system.connectToHost(options).ok());
    QVERIFY(systemFailed.wait(10000));
    QCOMPARE(systemFailed.first().first().value<ServiceError>().kind(), ServiceError::Kind::Tls);
}

void TestMosquittoClient::hostNameMismatchIsRefused()
{
    MosquittoClient client;
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    MosquittoClient::Options options = appOptions(true);
    options.tlsServerName = QStringLiteral("mqtt.example.com"); // not in the sandbox's server certificate
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY(failed.wait(10000));
    const ServiceError error = failed.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Tls);
    QVERIFY2(error.message().contains(QLatin1String("not valid for mqtt.example.com")), qPrintable(error.message()));
}

// Connecting to 127.0.0.1 while verifying the certificate for a host name it names (*.azure-devices.net):
// what the engine does after resolving the hub's host name itself.
void TestMosquittoClient::verifiesTheRealHostNameWhileConnectingToAnAddress()
{
    MosquittoClient client;
    QSignalSpy connected(&client, &MosquittoClient::connected);
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    MosquittoClient::Options options = appOptions(true);
    options.tlsServerName = QStringLiteral("sandbox-hub.azure-devices.net");
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY2(connected.wait(10000), failed.isEmpty() ? "no signal" : qPrintable(failed.first().first().value<ServiceError>().message()));
}

void TestMosquittoClient::resolvesHostNames()
{
    MosquittoClient client;
    QSignalSpy connected(&client, &MosquittoClient::connected);
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    MosquittoClient::Options options = appOptions(true);
    options.host = QStringLiteral("localhost"); // resolved by QHostInfo, verified as "localhost"
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY2(connected.wait(10000), failed.isEmpty() ? "no signal" : qPrintable(failed.first().first().value<ServiceError>().message()));
    QVERIFY(!client.peerAddress().isEmpty());

    MosquittoClient unknown;
    QSignalSpy unknownFailed(&unknown, &MosquittoClient::connectionFailed);
    options.host = QStringLiteral("no-such-host.invalid");
    QVERIFY(unknown.connectToHost(options).ok());
    QVERIFY(unknownFailed.wait(20000));
    const ServiceError error = unknownFailed.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Network);
    QVERIFY2(error.message().contains(QLatin1String("could not be resolved")), qPrintable(error.message()));
}

void TestMosquittoClient::refusedPortFailsAtOnce()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost));
    const quint16 closedPort = reserve.serverPort();
    reserve.close();
    MosquittoClient client;
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    MosquittoClient::Options options = appOptions(false);
    options.port = closedPort;
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY(failed.wait(10000));
    const ServiceError error = failed.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Network);
    QVERIFY2(error.message().contains(QLatin1String("refused the connection")), qPrintable(error.message()));
}

// A server that accepts TCP connections and never answers: the connect timeout (by the Clock) ends it.
void TestMosquittoClient::connectTimeoutOnASilentServer()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ManualClock clock;
    MosquittoClient client(&clock);
    QSignalSpy state(&client, &MosquittoClient::stateChanged);
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    MosquittoClient::Options options = appOptions(false);
    options.port = silent.serverPort();
    options.connectTimeout = std::chrono::seconds(10);
    QVERIFY(client.connectToHost(options).ok());
    QTRY_COMPARE(client.state(), MosquittoClient::State::Connecting);
    QTRY_VERIFY(silent.hasPendingConnections());
    clock.advance(std::chrono::seconds(9));
    QCOMPARE(client.state(), MosquittoClient::State::Connecting);
    clock.advance(std::chrono::seconds(1));
    QCOMPARE(failed.size(), 1);
    const ServiceError error = failed.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Timeout);
    QVERIFY2(error.message().contains(QLatin1String("did not answer within 10 s")), qPrintable(error.message()));
    QCOMPARE(client.state(), MosquittoClient::State::Disconnected);
}

// A server that answers CONNECT with CONNACK 0 and then ignores everything (PINGREQ included): the watchdog
// closes the connection after 2 × keep-alive of silence, by the injected Clock.
void TestMosquittoClient::keepAliveWatchdogClosesADeadConnection()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket *peer = nullptr;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        peer = server.nextPendingConnection();
        connect(peer, &QTcpSocket::readyRead, peer, [peer] {
            const QByteArray data = peer->readAll();
            if (!data.isEmpty() && quint8(data.at(0)) == 0x10) // CONNECT
                peer->write(QByteArray::fromHex("20020000")); // CONNACK, no session, accepted
        });
    });
    ManualClock clock;
    MosquittoClient client(&clock);
    QSignalSpy connected(&client, &MosquittoClient::connected);
    QSignalSpy disconnected(&client, &MosquittoClient::disconnected);
    MosquittoClient::Options options = appOptions(false);
    options.port = server.serverPort();
    options.keepAliveSeconds = 10;
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY(connected.wait(5000));
    clock.advance(std::chrono::seconds(15)); // ticks at 5, 10, 15 s: silence so far shorter than 20 s
    QCOMPARE(client.state(), MosquittoClient::State::Connected);
    clock.advance(std::chrono::seconds(5));
    QTRY_COMPARE(disconnected.size(), 1);
    const ServiceError reason = disconnected.first().first().value<ServiceError>();
    QCOMPARE(reason.kind(), ServiceError::Kind::Timeout);
    QVERIFY2(reason.message().contains(QLatin1String("stopped answering")), qPrintable(reason.message()));
    QCOMPARE(client.state(), MosquittoClient::State::Disconnected);
}

void TestMosquittoClient::disconnectIsClean()
{
    MosquittoClient client;
    QSignalSpy connected(&client, &MosquittoClient::connected);
    QSignalSpy disconnected(&client, &MosquittoClient::disconnected);
    QVERIFY(client.connectToHost(appOptions(true)).ok());
    QVERIFY(connected.wait(10000));
    QVERIFY(!client.connectToHost(appOptions(true)).ok()); // already connected: Conflict
    client.disconnectFromHost();
    QTRY_COMPARE(disconnected.size(), 1);
    QVERIFY(!disconnected.first().first().value<ServiceError>().isError());
    QCOMPARE(client.state(), MosquittoClient::State::Disconnected);

    // Canceling a connect in progress reports Canceled, not a disconnect.
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    QVERIFY(client.connectToHost(appOptions(true)).ok());
    client.disconnectFromHost();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<ServiceError>().kind(), ServiceError::Kind::Canceled);
    QCOMPARE(disconnected.size(), 1);
}

// The broker goes away under a connected client (unexpected disconnect), comes back on the same ports, and
// the client reconnects through MqttReconnectPolicy.
void TestMosquittoClient::brokerStoppedIsAnUnexpectedDisconnectAndReconnectWorks()
{
    QTemporaryDir dir;
    MosquittoBroker::Options brokerOptions;
    brokerOptions.stateDirectory = dir.path();
    brokerOptions.tls = false;
    auto broker = std::make_unique<MosquittoBroker>(brokerOptions);
    QVERIFY(Test::awaitResult(broker->setApplicationKeys(QStringLiteral("demo-app"), QStringLiteral("sandbox"), {m_key})).ok());
    QVERIFY(Test::awaitResult(broker->start(), 20000).ok());
    const quint16 port = broker->port();

    MosquittoClient client;
    QSignalSpy connected(&client, &MosquittoClient::connected);
    QSignalSpy disconnected(&client, &MosquittoClient::disconnected);
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    MosquittoClient::Options options = appOptions(false);
    options.port = port;
    QVERIFY(client.connectToHost(options).ok());
    QVERIFY(connected.wait(10000));

    QVERIFY(Test::await(broker->stop()));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 10000);
    const ServiceError reason = disconnected.first().first().value<ServiceError>();
    QVERIFY(reason.isError());
    QCOMPARE(reason.kind(), ServiceError::Kind::Network);

    // Reconnect with back-off while the broker is down (refused), then it is back.
    ManualClock clock;
    MqttReconnectPolicy backoff(&clock, [] { return 0.5; });
    connect(&client, &MosquittoClient::connectionFailed, this,
            [&] { backoff.schedule(&client, [&] { QVERIFY(client.connectToHost(options).ok()); }); });
    connect(&client, &MosquittoClient::connected, this, [&] { backoff.reset(); });
    backoff.schedule(&client, [&] { QVERIFY(client.connectToHost(options).ok()); });
    clock.advance(std::chrono::seconds(1));
    QVERIFY(failed.wait(10000)); // refused: the broker is down
    QCOMPARE(backoff.attempts(), 2);
    QVERIFY(backoff.isPending());

    brokerOptions.port = port;
    broker = std::make_unique<MosquittoBroker>(brokerOptions);
    QVERIFY(Test::awaitResult(broker->setApplicationKeys(QStringLiteral("demo-app"), QStringLiteral("sandbox"), {m_key})).ok());
    QVERIFY(Test::awaitResult(broker->start(), 20000).ok());
    clock.advance(std::chrono::seconds(2));
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 10000);
    QCOMPARE(backoff.attempts(), 0);
    QVERIFY(Test::await(broker->stop()));
}

void TestMosquittoClient::invalidOptionsAreRefused()
{
    MosquittoClient client;
    QSignalSpy state(&client, &MosquittoClient::stateChanged);
    MosquittoClient::Options options = appOptions(false);
    options.keepAliveSeconds = 3;
    Status status = client.connectToHost(options);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::InvalidInput);
    options = appOptions(false);
    options.caFile = QStringLiteral("/tmp/ca.pem");
    QVERIFY(!client.connectToHost(options).ok());
    options = appOptions(true);
    options.caFile = QStringLiteral("/nonexistent/ca.pem");
    status = client.connectToHost(options);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(status.error().message().contains(QLatin1String("/nonexistent/ca.pem")));
    QVERIFY(state.isEmpty());
}

void TestMosquittoClient::passwordNeverLogged()
{
    Test::LogCapture capture;
    {
        MosquittoClient client;
        QSignalSpy connected(&client, &MosquittoClient::connected);
        QVERIFY(client.connectToHost(appOptions(true)).ok());
        QVERIFY(connected.wait(10000));
        client.disconnectFromHost();
        MosquittoClient wrong;
        QSignalSpy failed(&wrong, &MosquittoClient::connectionFailed);
        MosquittoClient::Options options = appOptions(false);
        options.password = "NNSXS.WRONGWRONGWRONG";
        QVERIFY(wrong.connectToHost(options).ok());
        QVERIFY(failed.wait(10000));
        const ServiceError error = failed.first().first().value<ServiceError>();
        QVERIFY(!error.toString().contains(QLatin1String("WRONGWRONG")));
        QVERIFY(!error.detail().contains(QLatin1String("WRONGWRONG")));
    }
    QVERIFY(!capture.lines().isEmpty());
    for (const QString &line : capture.lines()) {
        QVERIFY2(!line.contains(QLatin1String("SECRETSECRET")) && !line.contains(QLatin1String("WRONGWRONG")),
                 qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestMosquittoClient)
#include "tst_mosquittoclient.moc"
