// TtsApplicationSubscriber over real sockets against the sandbox's TTS side: the TTS stand-in, a real
// mosquitto (MosquittoBroker, plain and TLS with the sandbox CA) and the virtual devices (VirtualDeviceFleet
// published by TtsMqttBridge). Proves: joins, uplinks, location/solved, service/data and the down/* events of
// virtual devices arrive typed and byte for byte; TLS works with the sandbox CA; garbage published with the
// application's own credentials is counted and not emitted (nor logged with its content or the key); a wrong
// key is reported and retried; the subscriber reconnects and re-subscribes after the broker restarts.

#include "FutureWait.h"
#include "LogCapture.h"

#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "sandbox/tts/MosquittoBroker.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsMqttBridge.h"
#include "sandbox/tts/TtsStandIn.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/engine/TtsApplicationSubscriber.h"
#include "services/engine/UplinkTranslator.h"
#include "services/mqtt/MosquittoClient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString App = QStringLiteral("demo-app");
const QString Tenant = QStringLiteral("sandbox");

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

} // namespace

class TestTtsSubscriberSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void receivesJoinsAndUplinksOverTls();
    void receivesEveryUpstreamTypeOverPlainMqtt();
    void malformedPublishesAreCountedNotEmitted();
    void wrongKeyIsReportedAndRetried();
    void untrustedServerIsATlsError();
    void reconnectsAndResubscribesAfterABrokerRestart(); // last: it restarts the broker

private:
    TtsApplicationSubscriber::Options options(bool tls) const;
    // Starts m_subscriber and waits until it is subscribed.
    bool startSubscriber(bool tls);
    QJsonObject uplink(const QString &deviceId);
    QList<TtsUpstreamMessage> received(TtsMessageType type, const QString &deviceId) const;

    QTemporaryDir m_stateDir;
    std::optional<SandboxCertificateAuthority> m_ca;
    TtsStandIn *m_tts = nullptr;
    MosquittoBroker *m_broker = nullptr;
    VirtualDeviceFleet *m_fleet = nullptr;
    TtsMqttBridge *m_bridge = nullptr;
    QString m_appKey;
    std::unique_ptr<TtsApplicationSubscriber> m_subscriber;
    QList<TtsUpstreamMessage> m_received;
};

void TestTtsSubscriberSandbox::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    const Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_stateDir.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    m_ca = ca.value();

    TtsStandIn::Options ttsOptions;
    ttsOptions.seed = 21;
    m_tts = new TtsStandIn(ttsOptions, Clock::system(), this);
    QVERIFY(m_tts->start().ok());
    m_appKey = m_tts->model()->defaultApiKey()->token();

    // Fixed ports, so that the restarted broker is where the subscriber reconnects to.
    MosquittoBroker::Options brokerOptions;
    brokerOptions.stateDirectory = m_stateDir.path();
    brokerOptions.useCertificates(*m_ca);
    brokerOptions.port = freePort();
    brokerOptions.tlsPort = freePort();
    QVERIFY(brokerOptions.port != 0 && brokerOptions.tlsPort != 0 && brokerOptions.port != brokerOptions.tlsPort);
    m_broker = new MosquittoBroker(brokerOptions, Clock::system(), this);
    QVERIFY(Test::awaitResult(m_broker->setApplicationKeys(App, Tenant, {m_appKey})).ok());
    const Status started = Test::awaitResult(m_broker->start(), 20000);
    QVERIFY2(started.ok(), qPrintable(started.error().message()));

    VirtualDeviceFleet::Options fleetOptions;
    fleetOptions.devices = 2;
    fleetOptions.seed = 7;
    // The test drives the uplinks; every uplink also solves a location and sends service data.
    fleetOptions.uplinkInterval = 1h;
    fleetOptions.joinToUplink = 1h;
    fleetOptions.locationProbability = 1.0;
    fleetOptions.serviceDataProbability = 1.0;
    m_fleet = new VirtualDeviceFleet(m_tts->model(), fleetOptions, Clock::system(), this);
    QVERIFY(m_fleet->start().ok());

    m_bridge = new TtsMqttBridge(m_tts->model(), m_fleet, TtsMqttBridge::forBroker(*m_broker), Clock::system(), this);
    QSignalSpy ready(m_bridge, &TtsMqttBridge::ready);
    QVERIFY(m_bridge->start().ok());
    QVERIFY(ready.wait(10000));
}

void TestTtsSubscriberSandbox::cleanupTestCase()
{
    m_subscriber.reset();
    if (m_bridge)
        m_bridge->stop();
    if (m_broker)
        QVERIFY(Test::await(m_broker->stop()));
}

void TestTtsSubscriberSandbox::cleanup()
{
    if (m_subscriber) {
        QSignalSpy stopped(m_subscriber.get(), &TtsApplicationSubscriber::stopped);
        m_subscriber->stop();
        QVERIFY(!stopped.isEmpty() || stopped.wait(5000));
        QCOMPARE(m_subscriber->state(), TtsApplicationSubscriber::State::Stopped);
    }
    m_subscriber.reset();
    m_received.clear();
}

TtsApplicationSubscriber::Options TestTtsSubscriberSandbox::options(bool tls) const
{
    TtsApplicationSubscriber::Options options;
    options.host = m_broker->host();
    options.port = tls ? m_broker->tlsPort() : m_broker->port();
    options.tls = tls;
    options.caFile = tls ? m_ca->caCertificatePath() : QString();
    options.applicationId = App;
    options.tenantId = Tenant;
    options.apiKey = m_appKey.toLatin1();
    options.initialReconnectDelay = 100ms;
    options.maxReconnectDelay = 1s;
    options.connectTimeout = 10s;
    return options;
}

bool TestTtsSubscriberSandbox::startSubscriber(bool tls)
{
    m_subscriber = std::make_unique<TtsApplicationSubscriber>();
    connect(m_subscriber.get(), &TtsApplicationSubscriber::messageReceived, this,
            [this](const TtsUpstreamMessage &message) { m_received.append(message); });
    if (!m_subscriber->start(options(tls)).ok())
        return false;
    return QTest::qWaitFor([this] { return m_subscriber->isSubscribed(); }, 10000);
}

QJsonObject TestTtsSubscriberSandbox::uplink(const QString &deviceId)
{
    VirtualDeviceFleet::UplinkRequest request;
    request.applicationId = App;
    request.deviceId = deviceId;
    const Result<QJsonObject> sent = m_fleet->sendUplink(request);
    return sent.ok() ? sent.value() : QJsonObject();
}

QList<TtsUpstreamMessage> TestTtsSubscriberSandbox::received(TtsMessageType type, const QString &deviceId) const
{
    QList<TtsUpstreamMessage> result;
    for (const TtsUpstreamMessage &message : m_received) {
        if (message.type() == type && message.deviceId() == deviceId)
            result.append(message);
    }
    return result;
}

void TestTtsSubscriberSandbox::receivesJoinsAndUplinksOverTls()
{
    QVERIFY(startSubscriber(true));
    QCOMPARE(m_subscriber->state(), TtsApplicationSubscriber::State::Subscribed);

    // A new device joins…
    TtsApplicationModel::ProvisionSpec spec;
    spec.deviceId = QStringLiteral("joiner-tls");
    spec.devEui = QStringLiteral("0004A30B001C0531");
    spec.joinEui = QStringLiteral("800000000000000C");
    spec.appKey = QStringLiteral("00112233445566778899AABBCCDDEEFF");
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QVERIFY(m_tts->model()->provisionDevice(App, spec).ok());
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::JoinAccept, spec.deviceId).size(), 1, 10000);
    const TtsUpstreamMessage join = received(TtsMessageType::JoinAccept, spec.deviceId).first();
    QCOMPARE(join.topic.toString(), QStringLiteral("v3/demo-app@sandbox/devices/joiner-tls/join"));
    QCOMPARE(join.message.endDeviceIds().devEui, spec.devEui);
    QVERIFY(join.receivedAt >= before.addMSecs(-1) && join.receivedAt <= QDateTime::currentDateTimeUtc());

    // … and sends an uplink: exactly the JSON the device published, typed.
    const QJsonObject sent = uplink(spec.deviceId);
    QVERIFY(!sent.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::Uplink, spec.deviceId).size(), 1, 10000);
    const TtsUpstreamMessage up = received(TtsMessageType::Uplink, spec.deviceId).first();
    QCOMPARE(QJsonDocument::fromJson(up.payload).object(), sent);
    QCOMPARE(up.message.raw(), sent);
    QVERIFY(up.message.uplink().decodedPayload.has_value());

    // What the engine makes of it: the body is the payload as received, the $.mid names the uplink.
    const UplinkTranslator::Translation translation =
        UplinkTranslator().translateMessage(up.payload, up.message, std::nullopt, up.receivedAt);
    QVERIFY(translation.telemetry);
    QCOMPARE(translation.telemetry->body, up.payload);
    QVERIFY(translation.telemetry->messageId().startsWith(QLatin1String("uplink:as:up:")));
    QCOMPARE(translation.reportedPatch->value(QStringLiteral("decodedPayload")).toObject(),
             *up.message.uplink().decodedPayload);
    QCOMPARE(m_subscriber->droppedCount(), 0);
    QVERIFY(m_tts->model()->removeFromRegistries(App, spec.deviceId, ttsAllComponents()).ok());
}

void TestTtsSubscriberSandbox::receivesEveryUpstreamTypeOverPlainMqtt()
{
    QVERIFY(startSubscriber(false));
    const QString device = QStringLiteral("dev-001");
    // A confirmed downlink: queued now, sent with the next uplink, acked with the one after.
    const QJsonObject request =
        QJsonDocument::fromJson(
            R"({"downlinks":[{"f_port":5,"frm_payload":"AQID","confirmed":true,"priority":"NORMAL"}]})")
            .object();
    QVERIFY(m_tts->model()->pushDownlinks(App, device, request).ok());
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::DownlinkQueued, device).size(), 1, 10000);
    QVERIFY(!uplink(device).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::DownlinkSent, device).size(), 1, 10000);
    QVERIFY(!uplink(device).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::DownlinkAck, device).size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::Uplink, device).size(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(received(TtsMessageType::LocationSolved, device).size() >= 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(received(TtsMessageType::ServiceData, device).size() >= 1, 10000);

    const TtsUpstreamMessage ack = received(TtsMessageType::DownlinkAck, device).first();
    QCOMPARE(ack.message.downlink().fPort, 5);
    QCOMPARE(ack.message.downlink().frmPayload, QByteArray("\x01\x02\x03", 3));
    const QJsonObject status = UplinkTranslator::downlinkStatus(ack.message, ack.receivedAt);
    QCOMPARE(status.value(QStringLiteral("status")).toString(), QStringLiteral("ack"));
    QCOMPARE(status.value(QStringLiteral("framePayload")).toString(), QStringLiteral("010203"));
    QCOMPARE(m_subscriber->droppedCount(), 0);
    QCOMPARE(m_subscriber->receivedCount(), qint64(m_received.size()));
}

void TestTtsSubscriberSandbox::malformedPublishesAreCountedNotEmitted()
{
    Test::LogCapture logs;
    QVERIFY(startSubscriber(false));
    using Reason = TtsApplicationSubscriber::DropReason;
    QSignalSpy dropped(m_subscriber.get(), &TtsApplicationSubscriber::messageDropped);

    // A second client with the application's credentials publishes into the application's topics.
    MosquittoClient publisher;
    MosquittoClient::Options publisherOptions;
    publisherOptions.clientId = QStringLiteral("tst-garbage");
    publisherOptions.host = m_broker->host();
    publisherOptions.port = m_broker->port();
    publisherOptions.username = MosquittoBroker::applicationUsername(App, Tenant);
    publisherOptions.password = m_appKey.toLatin1();
    QSignalSpy connected(&publisher, &MosquittoClient::connected);
    QVERIFY(publisher.connectToHost(publisherOptions).ok());
    QVERIFY(connected.wait(10000));

    const QString up = QStringLiteral("v3/demo-app@sandbox/devices/dev-002/up");
    QVERIFY(publisher.publish(up, "GARBAGE-CONTENT{{{", 0).ok());
    QVERIFY(
        publisher
            .publish(
                up,
                R"({"end_device_ids":{"device_id":"dev-001","application_ids":{"application_id":"demo-app"}},"uplink_message":{"f_port":1}})",
                0)
            .ok());
    QVERIFY(publisher
                .publish(QStringLiteral("v3/demo-app@sandbox/devices/dev-002/join"),
                         R"({"end_device_ids":{"device_id":"dev-002"},"uplink_message":{"f_port":1}})", 0)
                .ok());
    QVERIFY(publisher.publish(up, R"({"end_device_ids":{"device_id":"dev-002"},"uplink_message":{"f_port":"one"}})", 0)
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(dropped.size(), 4, 10000);
    QCOMPARE(m_subscriber->droppedCount(Reason::MalformedJson), 1);
    QCOMPARE(m_subscriber->droppedCount(Reason::DeviceMismatch), 1);
    QCOMPARE(m_subscriber->droppedCount(Reason::TypeMismatch), 1);
    QCOMPARE(m_subscriber->droppedCount(Reason::InvalidMessage), 1);
    QCOMPARE(dropped.first().at(0).value<Reason>(), Reason::MalformedJson);
    QCOMPARE(dropped.first().at(1).toString(), up);
    QVERIFY(m_received.isEmpty());

    // The subscriber keeps going.
    QVERIFY(!uplink(QStringLiteral("dev-002")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::Uplink, QStringLiteral("dev-002")).size(), 1, 10000);
    QCOMPARE(m_subscriber->state(), TtsApplicationSubscriber::State::Subscribed);
    publisher.disconnectFromHost();

    // Logged with topic and reason, never with the content or the key.
    const QString all = logs.lines().join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("malformedJson")), qPrintable(all));
    QVERIFY(all.contains(QLatin1String("deviceMismatch")));
    QVERIFY(!all.contains(QLatin1String("GARBAGE-CONTENT")));
    QVERIFY(!all.contains(QLatin1String("\"one\"")));
    QVERIFY(!all.contains(m_appKey));
}

void TestTtsSubscriberSandbox::wrongKeyIsReportedAndRetried()
{
    Test::LogCapture logs;
    m_subscriber = std::make_unique<TtsApplicationSubscriber>();
    QSignalSpy errors(m_subscriber.get(), &TtsApplicationSubscriber::errorOccurred);
    TtsApplicationSubscriber::Options wrong = options(true);
    wrong.apiKey = "NNSXS.WRONGKEYWRONGKEY.SECRETSECRETSECRET";
    QVERIFY(m_subscriber->start(wrong).ok());
    // Refused, retried after the back-off, refused again.
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 15000);
    const ServiceError error = errors.first().first().value<ServiceError>();
    QCOMPARE(error.kind(), ServiceError::Kind::Unauthorized);
    QVERIFY(!error.message().contains(QLatin1String("SECRETSECRET")));
    QVERIFY(!m_subscriber->isSubscribed());
    const QString all = logs.lines().join(QLatin1Char('\n'));
    QVERIFY(!all.contains(QLatin1String("SECRETSECRET")));
    QVERIFY(!all.contains(m_appKey));
}

void TestTtsSubscriberSandbox::untrustedServerIsATlsError()
{
    // Without the sandbox CA (the system CAs only) the broker's certificate is not trusted.
    m_subscriber = std::make_unique<TtsApplicationSubscriber>();
    QSignalSpy errors(m_subscriber.get(), &TtsApplicationSubscriber::errorOccurred);
    TtsApplicationSubscriber::Options untrusted = options(true);
    untrusted.caFile.clear();
    QVERIFY(m_subscriber->start(untrusted).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
    QCOMPARE(errors.first().first().value<ServiceError>().kind(), ServiceError::Kind::Tls);
    QTRY_COMPARE_WITH_TIMEOUT(m_subscriber->state(), TtsApplicationSubscriber::State::WaitingToReconnect, 5000);
    QVERIFY(m_received.isEmpty());
}

void TestTtsSubscriberSandbox::reconnectsAndResubscribesAfterABrokerRestart()
{
    QVERIFY(startSubscriber(false));
    QCOMPARE(m_subscriber->reconnectCount(), 0);
    QSignalSpy errors(m_subscriber.get(), &TtsApplicationSubscriber::errorOccurred);
    QSignalSpy states(m_subscriber.get(), &TtsApplicationSubscriber::stateChanged);

    QVERIFY(Test::await(m_broker->stop()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_subscriber->isSubscribed(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 10000);
    // While the broker is down the attempts fail and are retried.
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 10000);

    QSignalSpy bridgeReady(m_bridge, &TtsMqttBridge::ready);
    const Status restarted = Test::awaitResult(m_broker->start(), 20000);
    QVERIFY2(restarted.ok(), qPrintable(restarted.error().message()));
    QCOMPARE(m_broker->port(), options(false).port);
    QTRY_VERIFY_WITH_TIMEOUT(m_subscriber->isSubscribed(), 15000);
    QCOMPARE(m_subscriber->reconnectCount(), 1);
    QVERIFY(states.contains(QVariantList {QVariant::fromValue(TtsApplicationSubscriber::State::WaitingToReconnect)}));
    QVERIFY(bridgeReady.wait(15000) || m_bridge->isReady());

    // Re-subscribed: new uplinks arrive.
    m_received.clear();
    QVERIFY(!uplink(QStringLiteral("dev-001")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(received(TtsMessageType::Uplink, QStringLiteral("dev-001")).size(), 1, 10000);
}

QTEST_GUILESS_MAIN(TestTtsSubscriberSandbox)
#include "tst_ttssubscribersandbox.moc"
