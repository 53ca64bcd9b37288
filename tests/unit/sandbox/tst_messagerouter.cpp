// Message routing: which endpoints a message reaches under the configurations that matter (no routes, the TTS
// template with and without its fallback route, telemetry routes, disabled routes), the built-in endpoint and
// fallback semantics, Event Hubs keeping their events across reconfiguration, and the whole path from a real
// SandboxHub through the routes, the Event Hub and the Function to a local HTTP server.

#include "RecordingHttpServer.h"

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/routing/EventHubStandIn.h"
#include "sandbox/routing/FunctionStandIn.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "services/core/Clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;
using namespace std::chrono_literals;

namespace {

HubMessage message(RoutingSource source, const QByteArray &body, const QString &opType = {})
{
    static qint64 sequence = 0;
    HubMessage m;
    m.source = source;
    m.hubName = QStringLiteral("sandbox-hub");
    m.deviceId = QStringLiteral("lora-01");
    m.sequenceNumber = ++sequence;
    m.body = body;
    if (source == RoutingSource::DeviceMessages) {
        m.systemProperties = {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                              {QStringLiteral("content-encoding"), QStringLiteral("utf-8")}};
        m.applicationProperties = {{QStringLiteral("fPort"), QStringLiteral("1")}};
    } else {
        m.systemProperties = {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                              {QStringLiteral("content-encoding"), QStringLiteral("utf-8")}};
        m.applicationProperties = {{QStringLiteral("hubName"), QStringLiteral("sandbox-hub")},
                                   {QStringLiteral("deviceId"), QStringLiteral("lora-01")},
                                   {QStringLiteral("opType"), opType}};
    }
    return m;
}

HubMessage messageNamed(const QString &name)
{
    if (name == QLatin1String("telemetry warm"))
        return message(RoutingSource::DeviceMessages, R"({"t":25})");
    if (name == QLatin1String("telemetry cold"))
        return message(RoutingSource::DeviceMessages, R"({"t":10})");
    if (name == QLatin1String("desired change"))
        return message(RoutingSource::TwinChangeEvents,
                       R"({"version":2,"properties":{"desired":{"x":1,"$version":2}}})", QStringLiteral("updateTwin"));
    if (name == QLatin1String("tags change"))
        return message(RoutingSource::TwinChangeEvents, R"({"version":3,"tags":{"lorawan":{"devEui":"01"}}})",
                       QStringLiteral("updateTwin"));
    if (name == QLatin1String("reported change"))
        return message(RoutingSource::TwinChangeEvents,
                       R"({"version":4,"properties":{"reported":{"t":1,"$version":9}}})", QStringLiteral("updateTwin"));
    if (name == QLatin1String("created"))
        return message(RoutingSource::DeviceLifecycleEvents, R"({"deviceId":"lora-01","version":1})",
                       QStringLiteral("createDeviceIdentity"));
    if (name == QLatin1String("connected"))
        return message(RoutingSource::DeviceConnectionStateEvents, R"({"sequenceNumber":"01"})",
                       QStringLiteral("deviceConnected"));
    qFatal("unknown message %s", qPrintable(name));
    return {};
}

RoutingConfiguration::Route route(const QString &name, RoutingSource source, const QString &condition,
                                  const QString &endpoint, bool enabled = true)
{
    return RoutingConfiguration::Route {name, source, condition, {endpoint}, enabled};
}

RoutingConfiguration configurationNamed(const QString &name)
{
    RoutingConfiguration configuration;
    if (name == QLatin1String("never configured"))
        return RoutingConfiguration::empty();
    if (name == QLatin1String("no routes, fallback off"))
        return configuration;
    if (name == QLatin1String("template"))
        return RoutingConfiguration::ttsTemplate({}, {}, {}, true);
    if (name == QLatin1String("template without fallback"))
        return RoutingConfiguration::ttsTemplate({}, {}, {}, false);
    configuration = RoutingConfiguration::ttsTemplate({}, {}, {}, true);
    if (name == QLatin1String("warm telemetry to StackEvents")) {
        configuration.routes << route(QStringLiteral("warm"), RoutingSource::DeviceMessages,
                                      QStringLiteral("$body.t > 20"), QStringLiteral("StackEvents"));
        return configuration;
    }
    if (name == QLatin1String("warm telemetry to StackEvents, no fallback")) {
        configuration.routes << route(QStringLiteral("warm"), RoutingSource::DeviceMessages,
                                      QStringLiteral("$body.t > 20"), QStringLiteral("StackEvents"));
        configuration.fallbackRoute.reset();
        return configuration;
    }
    if (name == QLatin1String("warm telemetry to both")) {
        configuration.routes << route(QStringLiteral("warm"), RoutingSource::DeviceMessages,
                                      QStringLiteral("$body.t > 20"), QStringLiteral("StackEvents"));
        configuration.routes << route(QStringLiteral("warm-builtin"), RoutingSource::DeviceMessages,
                                      QStringLiteral("$body.t > 20"), QStringLiteral("events"));
        configuration.routes << route(QStringLiteral("warm-again"), RoutingSource::DeviceMessages,
                                      QStringLiteral("true"), QStringLiteral("StackEvents"));
        return configuration;
    }
    if (name == QLatin1String("disabled routes")) {
        for (RoutingConfiguration::Route &r : configuration.routes)
            r.isEnabled = false;
        configuration.fallbackRoute.reset();
        return configuration;
    }
    if (name == QLatin1String("connection states routed")) {
        configuration.routes << route(QStringLiteral("states"), RoutingSource::DeviceConnectionStateEvents,
                                      QStringLiteral("opType = 'deviceConnected'"), QStringLiteral("events"));
        return configuration;
    }
    qFatal("unknown configuration %s", qPrintable(name));
    return configuration;
}

} // namespace

class TestMessageRouter : public QObject
{
    Q_OBJECT

private slots:
    void routes_data();
    void routes();
    void countsAndBuiltInEndpoint();
    void eventsSurviveReconfiguration();
    void endToEndThroughTheHub();
    void routingIsSavedAndRestored();
    void resetDropsQueuedEvents();
};

void TestMessageRouter::routes_data()
{
    QTest::addColumn<QString>("configuration");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("endpoints");

    const QStringList none;
    const QStringList builtIn {QStringLiteral("events")};
    const QStringList stack {QStringLiteral("StackEvents")};

    // A hub nobody configured: telemetry reaches the built-in endpoint, events go nowhere.
    QTest::addRow("unconfigured: telemetry") << "never configured"
                                             << "telemetry warm" << builtIn;
    QTest::addRow("unconfigured: twin change") << "never configured"
                                               << "desired change" << none;
    QTest::addRow("unconfigured: lifecycle") << "never configured"
                                             << "created" << none;
    QTest::addRow("no routes, no fallback: telemetry still built-in") << "no routes, fallback off"
                                                                      << "telemetry cold" << builtIn;

    // TTS's template (tts-integration.md §2.4).
    QTest::addRow("template: desired change") << "template"
                                              << "desired change" << stack;
    QTest::addRow("template: tags change") << "template"
                                           << "tags change" << stack;
    QTest::addRow("template: reported change") << "template"
                                               << "reported change" << none;
    QTest::addRow("template: lifecycle") << "template"
                                         << "created" << stack;
    QTest::addRow("template: connection state") << "template"
                                                << "connected" << none;
    QTest::addRow("template: telemetry via fallback") << "template"
                                                      << "telemetry warm" << builtIn;
    QTest::addRow("template without fallback: telemetry dropped") << "template without fallback"
                                                                  << "telemetry warm" << none;
    QTest::addRow("template without fallback: desired change") << "template without fallback"
                                                               << "desired change" << stack;

    // Telemetry routes: a match stops the built-in delivery unless a route targets it.
    QTest::addRow("warm telemetry routed") << "warm telemetry to StackEvents"
                                           << "telemetry warm" << stack;
    QTest::addRow("cold telemetry falls back") << "warm telemetry to StackEvents"
                                               << "telemetry cold" << builtIn;
    QTest::addRow("cold telemetry without fallback") << "warm telemetry to StackEvents, no fallback"
                                                     << "telemetry cold" << none;
    QTest::addRow("warm telemetry to both, once each")
        << "warm telemetry to both"
        << "telemetry warm" << (QStringList {QStringLiteral("StackEvents"), QStringLiteral("events")});
    QTest::addRow("cold telemetry matched by a true route") << "warm telemetry to both"
                                                            << "telemetry cold" << stack;

    QTest::addRow("disabled routes: nothing") << "disabled routes"
                                              << "desired change" << none;
    QTest::addRow("disabled routes: telemetry built-in") << "disabled routes"
                                                         << "telemetry warm" << builtIn;
    QTest::addRow("connection state routed") << "connection states routed"
                                             << "connected" << builtIn;
}

void TestMessageRouter::routes()
{
    QFETCH(QString, configuration);
    QFETCH(QString, message);
    QFETCH(QStringList, endpoints);

    ManualClock clock;
    QNetworkAccessManager nam;
    MessageRouter router(QStringLiteral("sandbox-hub"), &nam, &clock);
    const Status applied = router.setConfiguration(configurationNamed(configuration));
    QVERIFY2(applied.ok(), qPrintable(applied.error().message()));
    QSignalSpy routed(&router, &MessageRouter::messageRouted);

    QCOMPARE(router.route(messageNamed(message)), endpoints);
    QCOMPARE(routed.size(), 1);
    const int toStack = endpoints.contains(QStringLiteral("StackEvents")) ? 1 : 0;
    EventHubStandIn *events = router.eventHub(QStringLiteral("Events"));
    QCOMPARE(events ? events->pending() : 0, toStack);
    QCOMPARE(router.eventsPending(), toStack);
    QCOMPARE(router.builtInEndpointMessages().size(), endpoints.contains(QStringLiteral("events")) ? 1 : 0);
    QCOMPARE(router.counters().unrouted, quint64(endpoints.isEmpty() ? 1 : 0));
}

void TestMessageRouter::countsAndBuiltInEndpoint()
{
    ManualClock clock;
    QNetworkAccessManager nam;
    MessageRouter router(QStringLiteral("sandbox-hub"), &nam, &clock);
    QVERIFY(router.setConfiguration(configurationNamed(QStringLiteral("warm telemetry to StackEvents"))).ok());

    const HubMessage cold = messageNamed(QStringLiteral("telemetry cold"));
    router.route(messageNamed(QStringLiteral("telemetry warm")));
    router.route(cold);
    router.route(messageNamed(QStringLiteral("reported change")));
    router.route(messageNamed(QStringLiteral("created")));

    const MessageRouter::Counters counters = router.counters();
    QCOMPARE(counters.messages, quint64(4));
    QCOMPARE(counters.unrouted, quint64(1));
    QCOMPARE(counters.fallback, quint64(1));
    QCOMPARE(counters.perEndpoint.value(QStringLiteral("StackEvents")), quint64(2));
    QCOMPARE(counters.perEndpoint.value(QStringLiteral("events")), quint64(1));

    const QList<HubMessage> builtIn = router.builtInEndpointMessages();
    QCOMPARE(builtIn.size(), 1);
    QCOMPARE(builtIn.constFirst().body, cold.body);
    QCOMPARE(router.builtInEndpointMessages(cold.sequenceNumber).size(), 0);

    // Events keep their application properties; system properties get Event Hubs names and the source.
    const QList<EventHubStandIn::Event> queued =
        router.eventHub(QStringLiteral("events"))
            ->peek(EventHubStandIn::partitionFor(QStringLiteral("lora-01"), 4), 10);
    QCOMPARE(queued.size(), 2);
    QCOMPARE(queued.at(1).properties.value(QStringLiteral("opType")).toString(),
             QStringLiteral("createDeviceIdentity"));
    QCOMPARE(queued.at(0).systemProperties.value(QStringLiteral("iothub-message-source")).toString(),
             QStringLiteral("deviceMessages"));
    QCOMPARE(queued.at(1).systemProperties.value(QStringLiteral("iothub-connection-device-id")).toString(),
             QStringLiteral("lora-01"));

    const QJsonObject metrics = router.metricsJson();
    QCOMPARE(metrics.value(QStringLiteral("messagesRouted")).toInt(), 4);
    QCOMPARE(metrics.value(QStringLiteral("unrouted")).toInt(), 1);
    QCOMPARE(metrics.value(QStringLiteral("endpoints")).toObject().value(QStringLiteral("StackEvents")).toInt(), 2);
    const QJsonObject hub = metrics.value(QStringLiteral("eventHubs")).toArray().at(0).toObject();
    QCOMPARE(hub.value(QStringLiteral("name")).toString(), QStringLiteral("Events"));
    QCOMPARE(hub.value(QStringLiteral("pending")).toInt(), 2);
    const QJsonObject function = metrics.value(QStringLiteral("function")).toObject();
    QCOMPARE(function.value(QStringLiteral("configured")).toBool(), false);
    QCOMPARE(function.value(QStringLiteral("eventsDelivered")).toInt(), 0);
}

void TestMessageRouter::eventsSurviveReconfiguration()
{
    RecordingHttpServer server;
    ManualClock clock;
    QNetworkAccessManager nam;
    MessageRouter router(QStringLiteral("sandbox-hub"), &nam, &clock);
    // No base URL yet: events wait.
    QVERIFY(
        router
            .setConfiguration(RoutingConfiguration::ttsTemplate({}, QStringLiteral("demo-app"), QStringLiteral("key")))
            .ok());
    router.route(messageNamed(QStringLiteral("created")));
    router.route(messageNamed(QStringLiteral("desired change")));
    QCOMPARE(router.eventsPending(), 2);

    // Re-partitioning keeps them too, in order.
    RoutingConfiguration configuration =
        RoutingConfiguration::ttsTemplate(server.baseUrl(), QStringLiteral("demo-app"), QStringLiteral("key"));
    configuration.eventHubPartitionCount = 2;
    QSignalSpy changed(&router, &MessageRouter::eventCountsChanged);
    QVERIFY(router.setConfiguration(configuration).ok());
    QTRY_COMPARE(router.eventsPending(), 0);
    QCOMPARE(router.eventsDelivered(), quint64(2));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(server.requests.size(), 1);
    const QJsonArray events = server.requests.constFirst().events();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0)
                 .toObject()
                 .value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("opType"))
                 .toString(),
             QStringLiteral("createDeviceIdentity"));
    QCOMPARE(events.at(1)
                 .toObject()
                 .value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("opType"))
                 .toString(),
             QStringLiteral("updateTwin"));

    // Removing the endpoint removes its Event Hub; the function's Event Hub stays.
    configuration.routes.clear();
    configuration.eventHubEndpoints.clear();
    QVERIFY(router.setConfiguration(configuration).ok());
    QCOMPARE(router.eventHubs().size(), 1);
    QCOMPARE(router.eventsDelivered(), quint64(2));
    QVERIFY(router.function());
}

void TestMessageRouter::endToEndThroughTheHub()
{
    RecordingHttpServer server;
    ManualClock clock;
    QNetworkAccessManager nam;
    HubDirectory hubs(&clock);
    RoutingDirectory routing(&hubs, &nam, &clock);
    SandboxHub::Options options;
    options.name = QStringLiteral("sandbox-hub");
    Result<SandboxHub *> created = hubs.createHub(options);
    QVERIFY(created.ok());
    SandboxHub *hub = created.value();
    QVERIFY(routing.router(QStringLiteral("sandbox-hub")));
    QVERIFY(routing
                .setConfiguration(QStringLiteral("sandbox-hub"),
                                  RoutingConfiguration::ttsTemplate(server.baseUrl(), QStringLiteral("demo-app"),
                                                                    QStringLiteral("NNSXS.KEY")))
                .ok());

    DeviceIdentity identity;
    identity.deviceId = QStringLiteral("lora-01");
    QVERIFY(hub->createDevice(identity).ok());
    QTRY_COMPARE(server.requests.size(), 1);
    QJsonObject event = server.requests.at(0).events().at(0).toObject();
    QCOMPARE(event.value(QStringLiteral("properties")).toObject().value(QStringLiteral("opType")).toString(),
             QStringLiteral("createDeviceIdentity"));
    QCOMPARE(event.value(QStringLiteral("end_device_ids")).toObject().value(QStringLiteral("device_id")).toString(),
             QStringLiteral("lora-01"));
    QCOMPARE(event.value(QStringLiteral("body")).toObject().value(QStringLiteral("deviceId")).toString(),
             QStringLiteral("lora-01"));

    // Reported properties (what TTS itself writes) do not come back; desired ones and tags do.
    QVERIFY(hub->patchReported(QStringLiteral("lora-01"), QJsonObject {{QStringLiteral("t"), 21}}).ok());
    QVERIFY(hub->updateTwin(QStringLiteral("lora-01"),
                            QJsonObject {{QStringLiteral("properties"),
                                          QJsonObject {{QStringLiteral("desired"),
                                                        QJsonObject {{QStringLiteral("decodedPayload"),
                                                                      QJsonObject {{QStringLiteral("on"), true}}}}}}}},
                            QStringLiteral("*"))
                .ok());
    QTRY_COMPARE(server.requests.size(), 2);
    event = server.requests.at(1).events().at(0).toObject();
    QCOMPARE(event.value(QStringLiteral("properties")).toObject().value(QStringLiteral("opType")).toString(),
             QStringLiteral("updateTwin"));
    QVERIFY(event.value(QStringLiteral("body"))
                .toObject()
                .value(QStringLiteral("properties"))
                .toObject()
                .value(QStringLiteral("desired"))
                .toObject()
                .contains(QStringLiteral("decodedPayload")));

    // Telemetry reaches the built-in endpoint through the fallback route, not TTS.
    QVERIFY(hub->recordDeviceToCloud(QStringLiteral("lora-01"), QStringLiteral("devices/lora-01/messages/events/"),
                                     R"({"t":21})", {}, {})
                .ok());
    QVERIFY(hub->deleteDevice(QStringLiteral("lora-01"), QStringLiteral("*")).ok());
    QTRY_COMPARE(server.requests.size(), 3);
    event = server.requests.at(2).events().at(0).toObject();
    QCOMPARE(event.value(QStringLiteral("properties")).toObject().value(QStringLiteral("opType")).toString(),
             QStringLiteral("deleteDeviceIdentity"));
    MessageRouter *router = routing.router(QStringLiteral("sandbox-hub"));
    QCOMPARE(router->builtInEndpointMessages().size(), 1);

    // The hub's metrics follow.
    QTRY_COMPARE(hub->metrics().eventsDelivered, quint64(3));
    QCOMPARE(hub->metrics().eventsPending, quint64(0));
}

void TestMessageRouter::routingIsSavedAndRestored()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ManualClock clock;
    QNetworkAccessManager nam;
    const RoutingConfiguration configuration = RoutingConfiguration::ttsTemplate(
        QStringLiteral("http://127.0.0.1:9/api/v3"), QStringLiteral("demo-app"), QStringLiteral("NNSXS.KEY"), false);
    {
        HubDirectory hubs(&clock);
        RoutingDirectory routing(&hubs, &nam, &clock);
        QVERIFY(routing.setStateDirectory(state.path()).ok());
        SandboxHub::Options options;
        options.name = QStringLiteral("sandbox-hub");
        QVERIFY(hubs.createHub(options).ok());
        QVERIFY(!routing.hasSavedConfiguration(QStringLiteral("sandbox-hub")));
        QVERIFY(routing.setConfiguration(QStringLiteral("sandbox-hub"), configuration).ok());
        const Status unknown = routing.setConfiguration(QStringLiteral("nope"), configuration);
        QCOMPARE(unknown.error().kind(), ServiceError::Kind::NotFound);
    }
    const QString path = state.filePath(QStringLiteral("iothub/routing.json"));
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    HubDirectory hubs(&clock);
    RoutingDirectory routing(&hubs, &nam, &clock);
    QVERIFY(routing.setStateDirectory(state.path()).ok());
    SandboxHub::Options options;
    options.name = QStringLiteral("sandbox-hub");
    QVERIFY(hubs.createHub(options).ok());
    QVERIFY(routing.hasSavedConfiguration(QStringLiteral("sandbox-hub")));
    QVERIFY(routing.router(QStringLiteral("sandbox-hub"))->configuration() == configuration);

    // A damaged file is an error that says what to do.
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{ not json");
    file.close();
    HubDirectory other(&clock);
    RoutingDirectory broken(&other, &nam, &clock);
    const Status status = broken.setStateDirectory(state.path());
    QVERIFY(!status.ok());
    QVERIFY2(status.error().message().contains(QStringLiteral("Move the file away")),
             qPrintable(status.error().message()));
}

void TestMessageRouter::resetDropsQueuedEvents()
{
    ManualClock clock;
    QNetworkAccessManager nam;
    MessageRouter router(QStringLiteral("sandbox-hub"), &nam, &clock);
    QVERIFY(router.setConfiguration(RoutingConfiguration::ttsTemplate({}, {}, {})).ok());
    router.route(messageNamed(QStringLiteral("created")));
    router.route(messageNamed(QStringLiteral("telemetry warm")));
    QCOMPARE(router.eventsPending(), 1);
    router.reset();
    QCOMPARE(router.eventsPending(), 0);
    QCOMPARE(router.builtInEndpointMessages().size(), 0);
    QCOMPARE(router.counters().messages, quint64(0));
    QCOMPARE(router.configuration(), RoutingConfiguration::ttsTemplate({}, {}, {}));
}

QTEST_GUILESS_MAIN(TestMessageRouter)
#include "tst_messagerouter.moc"
