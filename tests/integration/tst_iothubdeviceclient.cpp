#include "DeviceHubFixture.h"

#include "services/core/Clock.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/IotHubDeviceClient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

// IotHubDeviceClient over real TLS sockets against the sandbox's IoT Hub device endpoint, in-process: the
// engine's device connection end to end (CONNECT as the device with a policy-signed SAS, D2C with a property
// bag, reported patch → 204 + version, and every failure a user can meet).
class TestIotHubDeviceClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void telemetryArrivesWithProperties();
    void reportedPatchReturnsTheVersion();
    void malformedPatchIsBadRequestWithTheBody();
    void wrongKeyIsAnAuthorizationError();
    void outageIsConnack3();
    void throttledTwinIs429WithAHint();
    void untrustedCertificateIsATlsError();
    void wrongPeerNameIsATlsError();
    void unreachableEndpointIsANetworkError();
    void resolvesTheConnectHost();
    void unresolvableHostIsANetworkError();
    void dropFailsEverythingInFlight();
    void sharesOneTlsConfiguration();

private:
    Test::DeviceHubFixture m_fixture;
    std::unique_ptr<DeviceConnectionContext> m_context;
};

static const QString DeviceId = QStringLiteral("lora-0004a30b001c0530");

template<typename T>
static T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 15000))
        qFatal("future did not finish");
    return future.result();
}

void TestIotHubDeviceClient::initTestCase()
{
    QVERIFY(m_fixture.createAuthority());
}

void TestIotHubDeviceClient::init()
{
    QVERIFY(m_fixture.start(Clock::system(), false, {DeviceId, QStringLiteral("dev-2")}));
    m_context = std::make_unique<DeviceConnectionContext>(m_fixture.settings(), Clock::system());
}

void TestIotHubDeviceClient::cleanup()
{
    m_context.reset();
    m_fixture.stop();
}

void TestIotHubDeviceClient::telemetryArrivesWithProperties()
{
    IotHubDeviceClient client(DeviceId, m_context.get());
    const Status connected = await(client.connectToHub());
    QVERIFY2(connected.ok(), qPrintable(connected.error().toString()));
    QVERIFY(client.isConnected());
    QTRY_VERIFY(m_fixture.endpoint()->isConnected(m_fixture.hub()->name(), DeviceId));
    QVERIFY(client.tokenExpiry() > QDateTime::currentSecsSinceEpoch() + 3000);

    MessagePropertyBag properties;
    properties.set(QStringLiteral("$.ct"), QStringLiteral("application/json"));
    properties.set(QStringLiteral("$.ce"), QStringLiteral("utf-8"));
    properties.set(QStringLiteral("$.mid"), QStringLiteral("up-7"));
    properties.set(QStringLiteral("messageType"), QStringLiteral("uplink"));
    properties.set(QStringLiteral("f_port"), QStringLiteral("2"));
    const QByteArray body = R"({"end_device_ids":{"device_id":"dev-1"},"uplink_message":{"f_port":2}})";
    const Status sent = await(client.publishTelemetry(body, properties));
    QVERIFY2(sent.ok(), qPrintable(sent.error().toString()));

    const QList<HubMessage> messages = m_fixture.hub()->recordedMessages(DeviceId, 0);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().body, body);
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("message-id")).toString(), QStringLiteral("up-7"));
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("content-type")).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(messages.first().systemProperties.value(QStringLiteral("content-encoding")).toString(),
             QStringLiteral("utf-8"));
    QCOMPARE(messages.first().applicationProperties.value(QStringLiteral("messageType")).toString(),
             QStringLiteral("uplink"));
    QCOMPARE(messages.first().applicationProperties.value(QStringLiteral("f_port")).toString(), QStringLiteral("2"));

    // Several in flight at once resolve each on its own PUBACK.
    QList<QFuture<Status>> futures;
    for (int i = 0; i < 5; ++i)
        futures.append(client.publishTelemetry(QByteArray::number(i), {}));
    for (const QFuture<Status> &future : futures)
        QVERIFY(await(future).ok());
    QCOMPARE(m_fixture.hub()->recordedMessages(DeviceId, 0).size(), 6);

    client.disconnectFromHub();
    QCOMPARE(client.state(), IotHubDeviceClient::State::Disconnected);
    QTRY_VERIFY(!m_fixture.endpoint()->isConnected(m_fixture.hub()->name(), DeviceId));
}

void TestIotHubDeviceClient::reportedPatchReturnsTheVersion()
{
    IotHubDeviceClient client(DeviceId, m_context.get());
    QVERIFY(await(client.connectToHub()).ok());
    const Result<qint64> first = await(client.patchReported(
        QJsonObject {{QStringLiteral("decodedPayload"),
                      QJsonObject {{QStringLiteral("temperature"), 21.5}, {QStringLiteral("humidity"), 40}}},
                     {QStringLiteral("lastSeenAt"), QStringLiteral("2026-01-01T00:00:00Z")}}));
    QVERIFY2(first.ok(), qPrintable(first.error().toString()));
    // The sandbox's twin starts at reported $version 1; every patch adds one.
    const Result<DeviceTwin> twin = m_fixture.hub()->twin(DeviceId);
    QVERIFY(twin.ok());
    QCOMPARE(first.value(), twin.value().reportedVersion());
    QCOMPARE(twin.value()
                 .reported.value(QStringLiteral("decodedPayload"))
                 .toObject()
                 .value(QStringLiteral("temperature"))
                 .toDouble(),
             21.5);

    // Two more patches back to back (the subscription is made once): versions increase by one each; the
    // null removes the dropped key.
    const QFuture<Result<qint64>> second = client.patchReported(
        QJsonObject {{QStringLiteral("decodedPayload"), QJsonObject {{QStringLiteral("humidity"), QJsonValue::Null}}}});
    const QFuture<Result<qint64>> third = client.patchReported(QByteArray(R"({"lastSeenAt":"2026-01-01T00:01:00Z"})"));
    QCOMPARE(await(second).value(), first.value() + 1);
    QCOMPARE(await(third).value(), first.value() + 2);
    const QJsonObject reported = m_fixture.hub()->twin(DeviceId).value().reported;
    QVERIFY(!reported.value(QStringLiteral("decodedPayload")).toObject().contains(QStringLiteral("humidity")));
    QCOMPARE(reported.value(QStringLiteral("lastSeenAt")).toString(), QStringLiteral("2026-01-01T00:01:00Z"));
    QCOMPARE(m_fixture.hub()->metrics().reportedPatches, quint64(3));
}

void TestIotHubDeviceClient::malformedPatchIsBadRequestWithTheBody()
{
    IotHubDeviceClient client(DeviceId, m_context.get());
    QVERIFY(await(client.connectToHub()).ok());
    const Result<qint64> result = await(client.patchReported(QByteArray("{\"decodedPayload\":")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::BadRequest);
    QCOMPARE(result.error().httpStatus(), 400);
    QVERIFY(!result.error().isTransient());
    QVERIFY2(result.error().detail().contains(QLatin1String("errorCode")), qPrintable(result.error().detail()));
    QVERIFY2(result.error().message().contains(QLatin1String("400")), qPrintable(result.error().message()));
    QVERIFY(result.error().toString().contains(DeviceId));
    // The connection survives a rejected patch.
    QVERIFY(client.isConnected());
    QVERIFY(await(client.patchReported(QJsonObject {{QStringLiteral("a"), 1}})).ok());
}

void TestIotHubDeviceClient::wrongKeyIsAnAuthorizationError()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.policyKey = QByteArray("d3JvbmcgcG9saWN5IGtleSB3cm9uZyBwb2xpY3kga2V5");
    DeviceConnectionContext context(settings, Clock::system());
    IotHubDeviceClient client(DeviceId, &context);
    QSignalSpy disconnected(&client, &IotHubDeviceClient::disconnected);
    const Status status = await(client.connectToHub());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::Unauthorized);
    QCOMPARE(status.error().code(), QStringLiteral("NotAuthorized"));
    QVERIFY(!status.error().isTransient());
    QVERIFY2(status.error().message().contains(QLatin1String("policy")), qPrintable(status.error().message()));
    QVERIFY(!status.error().toString().contains(QString::fromLatin1(settings.policyKey)));
    QCOMPARE(client.state(), IotHubDeviceClient::State::Disconnected);
    QCOMPARE(disconnected.size(), 1);
}

void TestIotHubDeviceClient::outageIsConnack3()
{
    HubFaults faults;
    faults.outageUntil = QDateTime::currentDateTimeUtc().addSecs(60);
    m_fixture.hub()->setFaults(faults);
    IotHubDeviceClient client(DeviceId, m_context.get());
    const Status status = await(client.connectToHub());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::Unavailable);
    QCOMPARE(status.error().code(), QStringLiteral("ServerUnavailable"));
    QVERIFY(status.error().isTransient());
    QVERIFY2(status.error().message().contains(QLatin1String("CONNACK 3")), qPrintable(status.error().message()));

    m_fixture.hub()->clearFaults();
    QVERIFY(await(client.connectToHub()).ok());
}

void TestIotHubDeviceClient::throttledTwinIs429WithAHint()
{
    IotHubDeviceClient client(DeviceId, m_context.get());
    QVERIFY(await(client.connectToHub()).ok());
    HubFaults faults;
    faults.throttleTwinUntil = QDateTime::currentDateTimeUtc().addSecs(60);
    m_fixture.hub()->setFaults(faults);
    const Result<qint64> result = await(client.patchReported(QJsonObject {{QStringLiteral("a"), 1}}));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::Throttled);
    QCOMPARE(result.error().httpStatus(), 429);
    QCOMPARE(result.error().code(), QStringLiteral("429001"));
    QVERIFY(result.error().isTransient());
    QVERIFY(result.error().retryAfter().count() > 0);
    QVERIFY(client.isConnected());

    m_fixture.hub()->clearFaults();
    QVERIFY(await(client.patchReported(QJsonObject {{QStringLiteral("a"), 2}})).ok());
}

void TestIotHubDeviceClient::untrustedCertificateIsATlsError()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.ssl = DeviceConnectionSettings::tlsConfiguration().value(); // system CAs only
    DeviceConnectionContext context(settings, Clock::system());
    IotHubDeviceClient client(DeviceId, &context);
    const Status status = await(client.connectToHub());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::Tls);
    QVERIFY(!status.error().isTransient());
    QVERIFY2(status.error().message().contains(QLatin1String("CA certificate")), qPrintable(status.error().message()));
}

void TestIotHubDeviceClient::wrongPeerNameIsATlsError()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.hubHostName = QStringLiteral("sandbox-hub.example.org"); // not in the sandbox certificate
    DeviceConnectionContext context(settings, Clock::system());
    IotHubDeviceClient client(DeviceId, &context);
    const Status status = await(client.connectToHub());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::Tls);
    QVERIFY2(status.error().message().contains(QLatin1String("sandbox-hub.example.org")),
             qPrintable(status.error().message()));
}

void TestIotHubDeviceClient::unreachableEndpointIsANetworkError()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    const quint16 port = settings.connectPort;
    m_fixture.stop(); // nothing listens on the port any more
    settings.connectPort = port;
    DeviceConnectionContext context(settings, Clock::system());
    IotHubDeviceClient client(DeviceId, &context);
    const Status status = await(client.connectToHub());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::Network);
    QVERIFY(status.error().isTransient());
    QVERIFY2(status.error().message().contains(QString::number(port)), qPrintable(status.error().message()));
}

// A host name instead of an address: resolved asynchronously, each address tried in turn.
void TestIotHubDeviceClient::resolvesTheConnectHost()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.connectHost = QStringLiteral("localhost");
    DeviceConnectionContext context(settings, Clock::system());
    IotHubDeviceClient client(DeviceId, &context);
    const Status status = await(client.connectToHub());
    QVERIFY2(status.ok(), qPrintable(status.error().toString()));
    QVERIFY(await(client.publishTelemetry("via localhost", {})).ok());
}

void TestIotHubDeviceClient::unresolvableHostIsANetworkError()
{
    DeviceConnectionSettings settings = m_fixture.settings();
    settings.connectHost = QStringLiteral("no-such-host.invalid");
    DeviceConnectionContext context(settings, Clock::system());
    IotHubDeviceClient client(DeviceId, &context);
    const Status status = await(client.connectToHub());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::Network);
    QVERIFY2(status.error().message().contains(QLatin1String("no-such-host.invalid")),
             qPrintable(status.error().message()));
}

void TestIotHubDeviceClient::dropFailsEverythingInFlight()
{
    IotHubDeviceClient client(DeviceId, m_context.get());
    QVERIFY(await(client.connectToHub()).ok());
    QVERIFY(await(client.patchReported(QJsonObject {{QStringLiteral("a"), 1}})).ok());
    // The hub drops every connection before it has read what was just written.
    QSignalSpy disconnected(&client, &IotHubDeviceClient::disconnected);
    const QFuture<Status> telemetry = client.publishTelemetry("x", {});
    const QFuture<Result<qint64>> patch = client.patchReported(QJsonObject {{QStringLiteral("a"), 2}});
    m_fixture.hub()->dropAllConnections();
    const Status telemetryStatus = await(telemetry);
    const Result<qint64> patchStatus = await(patch);
    QVERIFY(!telemetryStatus.ok());
    QCOMPARE(telemetryStatus.error().kind(), ServiceError::Kind::Network);
    QCOMPARE(telemetryStatus.error().code(), QStringLiteral("ConnectionLost"));
    QVERIFY(!patchStatus.ok());
    QCOMPARE(patchStatus.error().code(), QStringLiteral("ConnectionLost"));
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(client.state(), IotHubDeviceClient::State::Disconnected);
    QCOMPARE(client.inFlight(), 0);

    QVERIFY(await(client.connectToHub()).ok());
    QVERIFY(await(client.publishTelemetry("y", {})).ok());
}

// Many connections, one configuration: each socket gets the context's QSslConfiguration (implicitly
// shared), and no client owns a timer of its own (deadlines run on the shared wheel).
void TestIotHubDeviceClient::sharesOneTlsConfiguration()
{
    std::vector<std::unique_ptr<IotHubDeviceClient>> clients;
    QList<QFuture<Status>> futures;
    for (int i = 0; i < 20; ++i) {
        const QString id = QStringLiteral("many-%1").arg(i);
        DeviceIdentity identity;
        identity.deviceId = id;
        QVERIFY(m_fixture.hub()->createDevice(identity).ok());
        clients.push_back(std::make_unique<IotHubDeviceClient>(id, m_context.get()));
        futures.append(clients.back()->connectToHub());
    }
    for (const QFuture<Status> &future : futures)
        QVERIFY(await(future).ok());
    QCOMPARE(m_fixture.endpoint()->sessionCount(), 20);
    QCOMPARE(m_context->clientCount(), 20);
    for (const auto &client : clients)
        QVERIFY(client->findChildren<QTimer *>(QString(), Qt::FindDirectChildrenOnly).isEmpty());
}

QTEST_GUILESS_MAIN(TestIotHubDeviceClient)
#include "tst_iothubdeviceclient.moc"
