// The Function stand-in against a real local HTTP server: the request is exactly the one TTS's SubmitEvents
// function makes (method, path, headers, JSON), one POST per batch, one batch in flight per partition, and a
// failed POST is sent again unchanged after a back-off on the ManualClock — nothing lost, nothing reordered.

#include "RecordingHttpServer.h"

#include "sandbox/routing/EventHubStandIn.h"
#include "sandbox/routing/FunctionStandIn.h"
#include "services/core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;
using namespace std::chrono_literals;

namespace {

RoutingConfiguration::FunctionApp functionApp(const QString &baseUrl, int maxBatchSize = 10)
{
    RoutingConfiguration::FunctionApp app;
    app.maxBatchSize = maxBatchSize;
    app.retryInitialDelay = 1000ms;
    app.retryMaxDelay = 8000ms;
    app.appSettings = {{QStringLiteral("STACK_BASE_URL"), baseUrl},
                       {QStringLiteral("STACK_APPLICATION_ID"), QStringLiteral("demo-app")},
                       {QStringLiteral("STACK_API_KEY"), QStringLiteral("NNSXS.TESTKEY.SECRET")}};
    return app;
}

EventHubStandIn::Event twinEvent(const QString &deviceId, int version)
{
    EventHubStandIn::Event event;
    event.partitionKey = deviceId;
    event.body = QStringLiteral(R"({"version": %1, "properties": {"desired": {"x": %1, "$version": %1}}})")
                     .arg(version)
                     .toUtf8();
    event.properties = {{QStringLiteral("hubName"), QStringLiteral("sandbox-hub")},
                        {QStringLiteral("deviceId"), deviceId},
                        {QStringLiteral("opType"), QStringLiteral("updateTwin")},
                        {QStringLiteral("iothub-message-schema"), QStringLiteral("twinChangeNotification")},
                        {QStringLiteral("operationTimestamp"), QStringLiteral("2026-01-01T00:00:00.0000000Z")}};
    event.systemProperties = {{QStringLiteral("iothub-connection-device-id"), deviceId}};
    return event;
}

// (device, version) of every event in the order the server received them.
QList<QPair<QString, int>> receivedEvents(const QList<RecordedRequest> &requests)
{
    QList<QPair<QString, int>> events;
    for (const RecordedRequest &request : requests) {
        for (const QJsonValue &event : request.events()) {
            const QJsonObject object = event.toObject();
            events.append({object.value(QStringLiteral("end_device_ids"))
                               .toObject()
                               .value(QStringLiteral("device_id"))
                               .toString(),
                           object.value(QStringLiteral("body")).toObject().value(QStringLiteral("version")).toInt()});
        }
    }
    return events;
}

} // namespace

class TestFunctionStandIn : public QObject
{
    Q_OBJECT

private slots:
    void requestIsExactlyWhatTheTemplateFunctionSends();
    void eventsUrl_data();
    void eventsUrl();
    void failedBatchIsRetriedUnchangedWithBackOff();
    void transportErrorIsRetried();
    void ordersPerDeviceAndLosesNothingUnderFailures();
    void batchesAreCappedAndSequentialPerPartition();
    void unconfiguredFunctionLeavesEventsPending_data();
    void unconfiguredFunctionLeavesEventsPending();
    void eventsTheFunctionCannotConvertAreLeftOut();
    void resetForgetsInFlightBatches();
};

void TestFunctionStandIn::requestIsExactlyWhatTheTemplateFunctionSends()
{
    RecordingHttpServer server;
    QVERIFY(server.port != 0);
    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 1, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    function.setConfiguration(functionApp(server.baseUrl()));
    QSignalSpy delivered(&function, &FunctionStandIn::batchDelivered);

    EventHubStandIn::Event lifecycle;
    lifecycle.partitionKey = QStringLiteral("lora-01");
    lifecycle.body = R"({"deviceId":"lora-01","etag":"AAAAAAAAAAE=","version":2,
        "properties":{"desired":{"$metadata":{"$lastUpdated":"0001-01-01T00:00:00Z"},"$version":1}}})";
    lifecycle.properties = {{QStringLiteral("hubName"), QStringLiteral("sandbox-hub")},
                            {QStringLiteral("deviceId"), QStringLiteral("lora-01")},
                            {QStringLiteral("opType"), QStringLiteral("createDeviceIdentity")},
                            {QStringLiteral("iothub-message-schema"), QStringLiteral("deviceLifecycleNotification")},
                            {QStringLiteral("operationTimestamp"), QStringLiteral("2026-01-01T00:00:00.1234567Z")}};
    hub.send(lifecycle);

    QVERIFY(delivered.wait(5000));
    QCOMPARE(server.requests.size(), 1);
    const RecordedRequest &request = server.requests.constFirst();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QStringLiteral("/api/v3/as/applications/demo-app/packages/azureiothub/events"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer NNSXS.TESTKEY.SECRET"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    // Members in run.csx's struct order; the body as the hub wrote it, without the insignificant whitespace.
    const QByteArray expected =
        R"({"events":[{"end_device_ids":{"application_ids":{"application_id":"demo-app"},"device_id":"lora-01"},)"
        R"("body":{"deviceId":"lora-01","etag":"AAAAAAAAAAE=","version":2,)"
        R"("properties":{"desired":{"$metadata":{"$lastUpdated":"0001-01-01T00:00:00Z"},"$version":1}}},)"
        R"("properties":{"deviceId":"lora-01","hubName":"sandbox-hub","iothub-message-schema":"deviceLifecycleNotification",)"
        R"("opType":"createDeviceIdentity","operationTimestamp":"2026-01-01T00:00:00.1234567Z"}}]})";
    QCOMPARE(request.body, expected);
    QVERIFY(QJsonDocument::fromJson(request.body).isObject());

    QCOMPARE(hub.pending(), 0);
    QCOMPARE(function.statistics().eventsDelivered, quint64(1));
    QCOMPARE(function.statistics().batchesDelivered, quint64(1));
    QCOMPARE(function.statistics().failedAttempts, quint64(0));
}

void TestFunctionStandIn::eventsUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");

    QTest::addRow("template default")
        << "https://tenant.eu1.cloud.thethings.industries/api/v3"
        << "https://tenant.eu1.cloud.thethings.industries/api/v3/as/applications/demo-app/packages/azureiothub/events";
    QTest::addRow("trailing slash")
        << "http://127.0.0.1:8080/api/v3/"
        << "http://127.0.0.1:8080/api/v3/as/applications/demo-app/packages/azureiothub/events";
    QTest::addRow("no path") << "http://127.0.0.1:8080"
                             << "http://127.0.0.1:8080/as/applications/demo-app/packages/azureiothub/events";
    QTest::addRow("query kept")
        << "https://h.example/x/api/v3?code=1"
        << "https://h.example/x/api/v3/as/applications/demo-app/packages/azureiothub/events?code=1";
}

void TestFunctionStandIn::eventsUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    QCOMPARE(FunctionStandIn::eventsUrl(base, QStringLiteral("demo-app")).toString(), expected);
}

void TestFunctionStandIn::failedBatchIsRetriedUnchangedWithBackOff()
{
    RecordingHttpServer server;
    server.answer({500, 503, 401, 204});
    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 1, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    QSignalSpy failed(&function, &FunctionStandIn::deliveryFailed);
    QSignalSpy delivered(&function, &FunctionStandIn::batchDelivered);

    hub.send(twinEvent(QStringLiteral("lora-01"), 1));
    hub.send(twinEvent(QStringLiteral("lora-01"), 2));
    function.setConfiguration(functionApp(server.baseUrl())); // both events are waiting: one batch of two
    QVERIFY(failed.wait(5000));
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(failed.constLast().at(1).toInt(), 500);
    QCOMPARE(failed.constLast().at(2).value<std::chrono::milliseconds>(), 1000ms);
    const QByteArray firstBody = server.requests.constFirst().body;
    QCOMPARE(receivedEvents(server.requests).size(), 2);

    // New events while the batch waits for its retry do not join it.
    hub.send(twinEvent(QStringLiteral("lora-01"), 3));
    QCOMPARE(hub.pending(), 3);
    QCOMPARE(function.statistics().lastFailureStatus, 500);
    QVERIFY(!function.statistics().lastFailure.contains(QStringLiteral("SECRET")));

    clock.advance(999ms);
    QCOMPARE(server.requests.size(), 1); // not before the back-off
    clock.advance(1ms);
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests.at(1).body, firstBody);
    QCOMPARE(failed.constLast().at(2).value<std::chrono::milliseconds>(), 2000ms);

    clock.advance(2000ms);
    QTRY_COMPARE(failed.size(), 3);
    QCOMPARE(server.requests.at(2).body, firstBody);
    QCOMPARE(failed.constLast().at(1).toInt(), 401);
    QCOMPARE(failed.constLast().at(2).value<std::chrono::milliseconds>(), 4000ms);
    QCOMPARE(hub.pending(), 3);

    clock.advance(4000ms);
    // The batch goes through (204), then the event that arrived meanwhile follows in its own batch.
    QTRY_COMPARE(delivered.size(), 2);
    QCOMPARE(server.requests.size(), 5);
    QCOMPARE(server.requests.at(3).body, firstBody);
    QCOMPARE(hub.pending(), 0);
    const QList<QPair<QString, int>> expected {{QStringLiteral("lora-01"), 3}};
    QCOMPARE(receivedEvents({server.requests.at(4)}), expected);
    QCOMPARE(function.statistics().failedAttempts, quint64(3));
    QCOMPARE(function.statistics().eventsDelivered, quint64(3));
    QCOMPARE(function.statistics().batchesDelivered, quint64(2));
}

void TestFunctionStandIn::transportErrorIsRetried()
{
    // A port nobody listens on: connection refused.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();

    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 2, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    function.setConfiguration(functionApp(QStringLiteral("http://127.0.0.1:%1/api/v3").arg(closedPort)));
    QSignalSpy failed(&function, &FunctionStandIn::deliveryFailed);

    hub.send(twinEvent(QStringLiteral("lora-01"), 1));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.constFirst().at(1).toInt(), 0);
    QVERIFY(!function.statistics().lastFailure.isEmpty());
    QCOMPARE(hub.pending(), 1);

    // The TTS side comes up on another port: the app setting changes, the waiting batch goes there.
    RecordingHttpServer server;
    function.setConfiguration(functionApp(server.baseUrl()));
    clock.advance(1000ms);
    QTRY_COMPARE(hub.pending(), 0);
    QCOMPARE(receivedEvents(server.requests), (QList<QPair<QString, int>> {{QStringLiteral("lora-01"), 1}}));
}

void TestFunctionStandIn::ordersPerDeviceAndLosesNothingUnderFailures()
{
    RecordingHttpServer server;
    // Every third request fails.
    QList<int> statuses;
    for (int i = 0; i < 200; ++i)
        statuses << (i % 3 == 1 ? 500 : 200);
    server.answer(statuses);
    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 4, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    function.setConfiguration(functionApp(server.baseUrl(), 3));

    const QStringList devices {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                               QStringLiteral("d"), QStringLiteral("e"), QStringLiteral("f")};
    constexpr int perDevice = 12;
    for (int version = 1; version <= perDevice; ++version) {
        for (const QString &device : devices)
            hub.send(twinEvent(device, version));
    }
    // Drive the back-offs until everything is delivered.
    for (int round = 0; round < 100 && hub.pending() > 0; ++round) {
        QTRY_COMPARE(function.statistics().batchesInFlight, 0);
        clock.advance(8000ms);
    }
    QTRY_COMPARE(hub.pending(), 0);
    QVERIFY(function.statistics().failedAttempts > 10);

    QHash<QString, QList<int>> accepted; // what TTS accepted (2xx), per device
    QHash<QString, QList<int>> seen; // everything that was sent, per device
    QHash<int, QByteArray> failedBody; // per partition: the body its next request must repeat
    for (const RecordedRequest &request : std::as_const(server.requests)) {
        const QList<QPair<QString, int>> events = receivedEvents({request});
        QVERIFY(!events.isEmpty());
        const int partition = EventHubStandIn::partitionFor(events.constFirst().first, 4);
        for (const auto &event : events)
            QCOMPARE(EventHubStandIn::partitionFor(event.first, 4), partition); // one partition per batch
        if (failedBody.contains(partition))
            QCOMPARE(request.body, failedBody.take(partition));
        for (const auto &[device, version] : events) {
            QList<int> &sent = seen[device];
            // Sent in order, and never ahead of what was accepted: only the unaccepted batch repeats.
            const int acceptedUpTo = accepted.value(device).isEmpty() ? 0 : accepted.value(device).constLast();
            QVERIFY2(version > acceptedUpTo,
                     qPrintable(QStringLiteral("%1 v%2 again after acceptance").arg(device).arg(version)));
            QVERIFY2(sent.isEmpty() || version <= sent.constLast() + 1,
                     qPrintable(QStringLiteral("%1 skipped to v%2").arg(device).arg(version)));
            sent.append(version);
            if (request.status == 200)
                accepted[device].append(version);
        }
        if (request.status != 200)
            failedBody.insert(partition, request.body);
    }
    QList<int> expected;
    for (int v = 1; v <= perDevice; ++v)
        expected << v;
    for (const QString &device : devices)
        QCOMPARE(accepted.value(device), expected);
    QCOMPARE(function.statistics().eventsDelivered, quint64(devices.size() * perDevice));
}

void TestFunctionStandIn::batchesAreCappedAndSequentialPerPartition()
{
    RecordingHttpServer server;
    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 1, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    // Configure after queueing, so that the batches are cut from a full partition.
    for (int version = 1; version <= 25; ++version)
        hub.send(twinEvent(QStringLiteral("lora-01"), version));
    QCOMPARE(hub.pending(), 25);
    QSignalSpy delivered(&function, &FunctionStandIn::batchDelivered);
    function.setConfiguration(functionApp(server.baseUrl(), 10));
    QTRY_COMPARE(delivered.size(), 3);
    QCOMPARE(server.requests.size(), 3);
    QCOMPARE(server.requests.at(0).events().size(), 10);
    QCOMPARE(server.requests.at(1).events().size(), 10);
    QCOMPARE(server.requests.at(2).events().size(), 5);
    QCOMPARE(receivedEvents(server.requests).constLast().second, 25);
    QCOMPARE(hub.pending(), 0);
}

void TestFunctionStandIn::unconfiguredFunctionLeavesEventsPending_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("value");

    QTest::addRow("no base URL") << "STACK_BASE_URL"
                                 << "";
    QTest::addRow("base URL not http") << "STACK_BASE_URL"
                                       << "ftp://127.0.0.1/api/v3";
    QTest::addRow("no application id") << "STACK_APPLICATION_ID"
                                       << "";
    QTest::addRow("no API key") << "STACK_API_KEY"
                                << "";
}

void TestFunctionStandIn::unconfiguredFunctionLeavesEventsPending()
{
    QFETCH(QString, setting);
    QFETCH(QString, value);

    RecordingHttpServer server;
    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 2, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    RoutingConfiguration::FunctionApp app = functionApp(server.baseUrl());
    app.appSettings.insert(setting, value);
    function.setConfiguration(app);
    QVERIFY(!function.isConfigured());

    hub.send(twinEvent(QStringLiteral("lora-01"), 1));
    hub.send(twinEvent(QStringLiteral("lora-02"), 1));
    clock.advance(60s);
    QCOMPARE(hub.pending(), 2);
    QCOMPARE(function.statistics().batchesInFlight, 0);

    function.setConfiguration(functionApp(server.baseUrl()));
    QVERIFY(function.isConfigured());
    QTRY_COMPARE(hub.pending(), 0);
    QCOMPARE(receivedEvents(server.requests).size(), 2);
}

void TestFunctionStandIn::eventsTheFunctionCannotConvertAreLeftOut()
{
    EventHubStandIn::Event noDevice = twinEvent(QStringLiteral("lora-01"), 1);
    noDevice.properties.remove(QStringLiteral("deviceId"));
    noDevice.sequenceNumber = 7;
    EventHubStandIn::Event notJson = twinEvent(QStringLiteral("lora-01"), 2);
    notJson.body = "temperature=21";
    notJson.sequenceNumber = 8;
    EventHubStandIn::Event good = twinEvent(QStringLiteral("lora-01"), 3);
    good.sequenceNumber = 9;

    QList<qint64> rejected;
    const QByteArray body =
        FunctionStandIn::requestBody({noDevice, notJson, good}, QStringLiteral("demo-app"), &rejected);
    QCOMPARE(rejected, (QList<qint64> {7, 8}));
    const QJsonArray events = QJsonDocument::fromJson(body).object().value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("body")).toObject().value(QStringLiteral("version")).toInt(),
             3);

    // Through the function: the rejected ones are counted and checkpointed with their batch.
    RecordingHttpServer server;
    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 1, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    function.setConfiguration(functionApp(server.baseUrl()));
    hub.send(noDevice);
    QTRY_COMPARE(hub.pending(), 0);
    QCOMPARE(server.requests.size(), 0);
    QCOMPARE(function.statistics().eventsRejected, quint64(1));
    QCOMPARE(function.statistics().eventsDelivered, quint64(0));
}

void TestFunctionStandIn::resetForgetsInFlightBatches()
{
    RecordingHttpServer server;
    server.answer({500});
    ManualClock clock;
    QNetworkAccessManager nam;
    EventHubStandIn hub(QStringLiteral("Events"), 1, &clock);
    FunctionStandIn function(&hub, &nam, &clock);
    function.setConfiguration(functionApp(server.baseUrl()));
    QSignalSpy failed(&function, &FunctionStandIn::deliveryFailed);
    hub.send(twinEvent(QStringLiteral("lora-01"), 1));
    QVERIFY(failed.wait(5000));

    hub.clear();
    function.reset();
    QCOMPARE(function.statistics().failedAttempts, quint64(0));
    server.answer({200});
    clock.advance(60s);
    QCOMPARE(server.requests.size(), 1); // the forgotten batch is not retried

    hub.send(twinEvent(QStringLiteral("lora-01"), 2));
    QTRY_COMPARE(hub.pending(), 0);
    QCOMPARE(receivedEvents({server.requests.constLast()}),
             (QList<QPair<QString, int>> {{QStringLiteral("lora-01"), 2}}));
}

QTEST_GUILESS_MAIN(TestFunctionStandIn)
#include "tst_functionstandin.moc"
