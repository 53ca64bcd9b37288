// TtsApplicationSubscriber without a broker: the subscription filters (reference/tts-integration.md §3.2),
// the checks every received publish goes through (classify) and the validation of the options. The
// connection itself is proven against a real broker in tests/integration/tst_ttssubscribersandbox.cpp.

#include "services/engine/TtsApplicationSubscriber.h"
#include "services/settings/ConnectionProfile.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace TwinBridge;

namespace {

// A QStringList from literals (QT_NO_CAST_FROM_ASCII forbids the implicit conversion).
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

const QByteArray Uplink =
    R"({"end_device_ids":{"device_id":"dev-1","application_ids":{"application_id":"demo-app"}},"correlation_ids":["as:up:01HZX0AAAA"],"uplink_message":{"f_port":1}})";
const QByteArray Join =
    R"({"end_device_ids":{"device_id":"dev-1","application_ids":{"application_id":"demo-app"}},"join_accept":{}})";

QString topic(const char *suffix, const char *device = "dev-1")
{
    return QStringLiteral("v3/demo-app@sandbox/devices/%1/%2").arg(QLatin1String(device), QLatin1String(suffix));
}

} // namespace

class TestTtsApplicationSubscriber : public QObject
{
    Q_OBJECT

private slots:
    void subscriptionFilters();
    void classify_data();
    void classify();
    void acceptedMessageKeepsThePayload();
    void optionsAreValidated_data();
    void optionsAreValidated();
    void optionsFromProfile();
    void retriesWithBackoffAndJitterOnTheClock();
    void startTwiceIsRefused();
};

void TestTtsApplicationSubscriber::subscriptionFilters()
{
    QCOMPARE(TtsApplicationSubscriber::subscriptionFilters(QStringLiteral("demo-app"), QStringLiteral("sandbox")),
             strings({
                 "v3/demo-app@sandbox/devices/+/up",
                 "v3/demo-app@sandbox/devices/+/join",
                 "v3/demo-app@sandbox/devices/+/down/ack",
                 "v3/demo-app@sandbox/devices/+/down/nack",
                 "v3/demo-app@sandbox/devices/+/down/sent",
                 "v3/demo-app@sandbox/devices/+/down/failed",
                 "v3/demo-app@sandbox/devices/+/down/queued",
                 "v3/demo-app@sandbox/devices/+/down/invalidated",
                 "v3/demo-app@sandbox/devices/+/location/solved",
                 "v3/demo-app@sandbox/devices/+/service/data",
             }));
    // The Things Stack Open Source: no tenant.
    QCOMPARE(TtsApplicationSubscriber::subscriptionFilters(QStringLiteral("app1"), QString()).first(),
             QStringLiteral("v3/app1/devices/+/up"));
}

void TestTtsApplicationSubscriber::classify_data()
{
    using Reason = TtsApplicationSubscriber::DropReason;
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<Reason>("reason");

    QTest::addRow("uplink") << topic("up") << Uplink << true << Reason::UnknownTopic;
    QTest::addRow("join") << topic("join") << Join << true << Reason::UnknownTopic;
    QTest::addRow("not JSON") << topic("up") << QByteArray("garbage{") << false << Reason::MalformedJson;
    QTest::addRow("empty payload") << topic("up") << QByteArray() << false << Reason::MalformedJson;
    QTest::addRow("JSON array") << topic("up") << QByteArray("[1,2]") << false << Reason::MalformedJson;
    QTest::addRow("no message member") << topic("up") << QByteArray(R"({"end_device_ids":{"device_id":"dev-1"}})")
                                       << false << Reason::InvalidMessage;
    QTest::addRow("wrong member type")
        << topic("up") << QByteArray(R"({"end_device_ids":{"device_id":"dev-1"},"uplink_message":{"f_port":"x"}})")
        << false << Reason::InvalidMessage;
    QTest::addRow("normalized uplink") << topic("up/normalized") << Uplink << false << Reason::UnknownTopic;
    QTest::addRow("our own downlink push")
        << topic("down/push") << QByteArray(R"({"downlinks":[]})") << false << Reason::UnknownTopic;
    QTest::addRow("not a TTS topic") << QStringLiteral("devices/dev-1/messages/events/") << Uplink << false
                                     << Reason::UnknownTopic;
    QTest::addRow("another application's topic")
        << QStringLiteral("v3/other-app@sandbox/devices/dev-1/up") << Uplink << false << Reason::WrongApplication;
    QTest::addRow("another tenant's topic")
        << QStringLiteral("v3/demo-app@other/devices/dev-1/up") << Uplink << false << Reason::WrongApplication;
    QTest::addRow("another application in the body")
        << topic("up")
        << QByteArray(
               R"({"end_device_ids":{"device_id":"dev-1","application_ids":{"application_id":"other-app"}},"uplink_message":{}})")
        << false << Reason::WrongApplication;
    QTest::addRow("device mismatch") << topic("up", "dev-2") << Uplink << false << Reason::DeviceMismatch;
    QTest::addRow("join on the up topic") << topic("up") << Join << false << Reason::TypeMismatch;
}

void TestTtsApplicationSubscriber::classify()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(bool, accepted);
    QFETCH(TtsApplicationSubscriber::DropReason, reason);

    const TtsApplicationSubscriber::Classified result = TtsApplicationSubscriber::classify(
        QStringLiteral("demo-app"), QStringLiteral("sandbox"), topic, payload, QDateTime::currentDateTimeUtc());
    QCOMPARE(bool(result.message), accepted);
    if (!accepted) {
        QCOMPARE(result.reason, reason);
        QVERIFY(!result.detail.isEmpty());
    }
}

void TestTtsApplicationSubscriber::acceptedMessageKeepsThePayload()
{
    const QDateTime now(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    const QByteArray payload = QByteArray("  ") + Uplink + "\n";
    const TtsApplicationSubscriber::Classified result = TtsApplicationSubscriber::classify(
        QStringLiteral("demo-app"), QStringLiteral("sandbox"), topic("up"), payload, now);
    QVERIFY(result.message);
    QCOMPARE(result.message->payload, payload);
    QCOMPARE(result.message->receivedAt, now);
    QCOMPARE(result.message->deviceId(), QStringLiteral("dev-1"));
    QCOMPARE(result.message->type(), TtsMessageType::Uplink);
    QCOMPARE(result.message->topic.kind, TtsTopic::Kind::Uplink);
    QCOMPARE(result.message->message.uplink().fPort, 1);
}

void TestTtsApplicationSubscriber::optionsAreValidated_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<ServiceError::Kind>("kind");
    QTest::addColumn<QString>("words");

    QTest::addRow("host") << "host" << ServiceError::Kind::InvalidInput << "MQTT host";
    QTest::addRow("port") << "port" << ServiceError::Kind::InvalidInput << "MQTT port";
    QTest::addRow("application") << "applicationId" << ServiceError::Kind::InvalidInput << "application ID";
    QTest::addRow("tenant") << "tenantId" << ServiceError::Kind::InvalidInput << "tenant ID";
    QTest::addRow("api key") << "apiKey" << ServiceError::Kind::NotConfigured << "API key";
}

void TestTtsApplicationSubscriber::optionsAreValidated()
{
    QFETCH(QString, field);
    QFETCH(ServiceError::Kind, kind);
    QFETCH(QString, words);

    TtsApplicationSubscriber::Options options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = 1883;
    options.tls = false;
    options.applicationId = QStringLiteral("demo-app");
    options.tenantId = QStringLiteral("sandbox");
    options.apiKey = "NNSXS.SECRETVALUE";
    if (field == QLatin1String("host"))
        options.host.clear();
    else if (field == QLatin1String("port"))
        options.port = 0;
    else if (field == QLatin1String("applicationId"))
        options.applicationId = QStringLiteral("Demo_App");
    else if (field == QLatin1String("tenantId"))
        options.tenantId = QStringLiteral("x");
    else if (field == QLatin1String("apiKey"))
        options.apiKey.clear();

    TtsApplicationSubscriber subscriber;
    QSignalSpy states(&subscriber, &TtsApplicationSubscriber::stateChanged);
    const Status started = subscriber.start(options);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().kind(), kind);
    QVERIFY2(started.error().message().contains(words), qPrintable(started.error().message()));
    QVERIFY(!started.error().message().contains(QLatin1String("SECRETVALUE")));
    QCOMPARE(subscriber.state(), TtsApplicationSubscriber::State::Stopped);
    QVERIFY(states.isEmpty());
}

void TestTtsApplicationSubscriber::optionsFromProfile()
{
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("p"));
    profile.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.industries/api/v3");
    profile.tts.applicationId = QStringLiteral("my-app");
    profile.tts.tenantId = QStringLiteral("acme");
    profile.tts.mqttPort = 8883;
    profile.tts.mqttTls = true;
    profile.tls.caCertificateFile = QStringLiteral("/tmp/ca.pem");
    const auto options = TtsApplicationSubscriber::Options::fromProfile(profile, "NNSXS.KEY");
    QCOMPARE(options.host, QStringLiteral("eu1.cloud.thethings.industries"));
    QCOMPARE(options.port, quint16(8883));
    QVERIFY(options.tls);
    QCOMPARE(options.caFile, QStringLiteral("/tmp/ca.pem"));
    QCOMPARE(options.username(), QStringLiteral("my-app@acme"));
    QCOMPARE(options.apiKey, QByteArray("NNSXS.KEY"));
}

void TestTtsApplicationSubscriber::retriesWithBackoffAndJitterOnTheClock()
{
    using State = TtsApplicationSubscriber::State;
    using namespace std::chrono_literals;
    // A port nobody listens on: every attempt is refused at once.
    quint16 port = 0;
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        port = server.serverPort();
    }
    ManualClock clock;
    double random = 0.0; // the jitter's lowest end: half the nominal delay; 1.0: one and a half
    TtsApplicationSubscriber subscriber(&clock, nullptr, [&random] { return random; });
    QSignalSpy errors(&subscriber, &TtsApplicationSubscriber::errorOccurred);
    TtsApplicationSubscriber::Options options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = port;
    options.tls = false;
    options.applicationId = QStringLiteral("demo-app");
    options.tenantId = QStringLiteral("sandbox");
    options.apiKey = "NNSXS.KEY";
    options.initialReconnectDelay = 1s;
    options.maxReconnectDelay = 4s;
    QVERIFY(subscriber.start(options).ok());

    // Nominal 1 s, 2 s, 4 s, then capped at 4 s; ×0.5 with random 0, ×1.5 with random 1.
    const QList<std::pair<double, std::chrono::milliseconds>> expected {
        {0.0, 500ms}, {0.0, 1000ms}, {1.0, 6000ms}, {0.0, 2000ms}};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::WaitingToReconnect, 5000);
        QCOMPARE(errors.size(), int(i + 1));
        QCOMPARE(errors.last().first().value<ServiceError>().kind(), ServiceError::Kind::Network);
        QCOMPARE(clock.nextDueIn().count(), expected[i].second.count());
        clock.advance(expected[i].second - 1ms);
        QCOMPARE(subscriber.state(), State::WaitingToReconnect);
        // The jitter of the next delay is drawn when this attempt fails.
        if (i + 1 < expected.size())
            random = expected[i + 1].first;
        clock.advance(1ms);
        QVERIFY(subscriber.state() != State::WaitingToReconnect || errors.size() > i + 1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), State::WaitingToReconnect, 5000);
    // Stopped: the pending attempt never happens.
    QSignalSpy stopped(&subscriber, &TtsApplicationSubscriber::stopped);
    subscriber.stop();
    QCOMPARE(subscriber.state(), State::Stopped);
    QCOMPARE(stopped.size(), 1);
    const int errorCount = int(errors.size());
    clock.advance(60s);
    QCOMPARE(subscriber.state(), State::Stopped);
    QCOMPARE(int(errors.size()), errorCount);
    QCOMPARE(subscriber.reconnectCount(), 0);
}

void TestTtsApplicationSubscriber::startTwiceIsRefused()
{
    ManualClock clock;
    TtsApplicationSubscriber subscriber(&clock);
    TtsApplicationSubscriber::Options options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = 1;
    options.tls = false;
    options.applicationId = QStringLiteral("demo-app");
    options.apiKey = "NNSXS.KEY";
    QVERIFY(subscriber.start(options).ok());
    const Status again = subscriber.start(options);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind(), ServiceError::Kind::Conflict);
    subscriber.stop();
    QCOMPARE(subscriber.state(), TtsApplicationSubscriber::State::Stopped);
}

QTEST_GUILESS_MAIN(TestTtsApplicationSubscriber)
#include "tst_ttsapplicationsubscriber.moc"
