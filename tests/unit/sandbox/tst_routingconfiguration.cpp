// The routing configuration the admin API reads and replaces: ARM-shaped JSON, validated field by field with
// errors that name the field, the TTS template, and JSON round trips.

#include "sandbox/routing/RoutingConfiguration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

QJsonObject parse(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestRoutingConfiguration : public QObject
{
    Q_OBJECT

private slots:
    void ttsTemplate();
    void roundTrip();
    void acceptsArmShapes();
    void rejects_data();
    void rejects();
    void freeTierLimits();
    void entityPathOf_data();
    void entityPathOf();
};

void TestRoutingConfiguration::ttsTemplate()
{
    const RoutingConfiguration configuration = RoutingConfiguration::ttsTemplate(
        QStringLiteral("http://127.0.0.1:1885/api/v3"), QStringLiteral("demo-app"), QStringLiteral("NNSXS.KEY"));
    QVERIFY(configuration.validate().ok());
    const QJsonObject expected = parse(R"json({
        "endpoints": {"eventHubs": [{"name": "StackEvents", "entityPath": "Events"}]},
        "routes": [
            {"name": "TTSTwinChangeEvents", "source": "TwinChangeEvents",
             "condition": "IS_OBJECT($body.properties.desired) OR IS_OBJECT($body.tags)",
             "endpointNames": ["StackEvents"], "isEnabled": true},
            {"name": "TTSDeviceLifecycleEvents", "source": "DeviceLifecycleEvents", "condition": "true",
             "endpointNames": ["StackEvents"], "isEnabled": true}],
        "fallbackRoute": {"name": "FallbackRoute", "source": "DeviceMessages", "condition": "true",
                          "endpointNames": ["events"], "isEnabled": true},
        "eventHubPartitionCount": 4,
        "function": {"name": "SubmitEvents", "eventHubName": "Events", "maxBatchSize": 10,
                     "retryInitialDelayMs": 1000, "retryMaxDelayMs": 60000,
                     "appSettings": {"STACK_BASE_URL": "http://127.0.0.1:1885/api/v3",
                                     "STACK_APPLICATION_ID": "demo-app", "STACK_API_KEY": "NNSXS.KEY"}}})json");
    QCOMPARE(configuration.toJson(), expected);

    const RoutingConfiguration noFallback = RoutingConfiguration::ttsTemplate({}, {}, {}, false);
    QVERIFY(!noFallback.fallbackRoute);
    QVERIFY(noFallback.toJson().value(QStringLiteral("fallbackRoute")).isNull());
}

void TestRoutingConfiguration::roundTrip()
{
    const RoutingConfiguration configuration = RoutingConfiguration::ttsTemplate(
        QStringLiteral("https://eu1.cloud.thethings.network/api/v3"), QStringLiteral("app"), QStringLiteral("key"));
    const Result<RoutingConfiguration> again = RoutingConfiguration::fromJson(configuration.toJson());
    QVERIFY2(again.ok(), qPrintable(again.error().message()));
    QVERIFY(again.value() == configuration);

    const Result<RoutingConfiguration> empty = RoutingConfiguration::fromJson(RoutingConfiguration::empty().toJson());
    QVERIFY2(empty.ok(), qPrintable(empty.error().message()));
    QVERIFY(empty.value() == RoutingConfiguration::empty());
}

void TestRoutingConfiguration::acceptsArmShapes()
{
    // The Bicep of tts-integration.md §2.4 as ARM receives it: a connection string instead of an entity path,
    // no condition on the lifecycle route, `{}` for a disabled fallback route, ARM's extra endpoint fields.
    const Result<RoutingConfiguration> parsed = RoutingConfiguration::fromJson(parse(R"json({
        "endpoints": {"eventHubs": [{"name": "StackEvents",
            "connectionString": "Endpoint=sb://evhubns-x.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=abc=;EntityPath=Events",
            "subscriptionId": "00000000-0000-0000-0000-000000000000", "resourceGroup": "rg"}],
            "serviceBusQueues": [], "storageContainers": []},
        "routes": [{"name": "TTSDeviceLifecycleEvents", "source": "DeviceLifecycleEvents",
                    "endpointNames": ["StackEvents"], "isEnabled": true},
                   {"name": "tele", "source": "devicemessages", "condition": "", "endpointNames": ["events"]}],
        "fallbackRoute": {},
        "enrichments": []})json"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const RoutingConfiguration &configuration = parsed.value();
    QCOMPARE(configuration.eventHubEndpoints.constFirst().entityPath, QStringLiteral("Events"));
    QCOMPARE(configuration.routes.at(0).condition, QStringLiteral("true"));
    QCOMPARE(configuration.routes.at(1).source, RoutingSource::DeviceMessages);
    QCOMPARE(configuration.routes.at(1).condition, QStringLiteral("true"));
    QVERIFY(configuration.routes.at(1).isEnabled);
    QVERIFY(!configuration.fallbackRoute);
    QVERIFY(!configuration.function);
    QCOMPARE(configuration.endpoint(QStringLiteral("stackevents"))->name, QStringLiteral("StackEvents"));

    const Result<RoutingConfiguration> fallback = RoutingConfiguration::fromJson(parse(R"json({"fallbackRoute":
        {"name": "$fallback", "source": "DeviceMessages", "condition": "true", "endpointNames": ["events"],
         "isEnabled": false}})json"));
    QVERIFY2(fallback.ok(), qPrintable(fallback.error().message()));
    QVERIFY(!fallback.value().fallbackRoute->isEnabled);
}

void TestRoutingConfiguration::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");

    QTest::addRow("unknown top-level field") << QByteArray(R"json({"route": []})json") << "route"
                                             << "unknown field";
    QTest::addRow("routes not an array") << QByteArray(R"json({"routes": {}})json") << "routes"
                                         << "must be an array";
    QTest::addRow("route without name")
        << QByteArray(R"json({"routes": [{"source": "TwinChangeEvents", "endpointNames": ["events"]}]})json")
        << "routes[0].name"
        << "is required";
    QTest::addRow("bad route name")
        << QByteArray(
               R"json({"routes": [{"name": "a b", "source": "TwinChangeEvents", "endpointNames": ["events"]}]})json")
        << "routes[0].name"
        << "not a valid route name";
    QTest::addRow("duplicate route name")
        << QByteArray(R"json({"routes": [{"name": "r", "source": "TwinChangeEvents", "endpointNames": ["events"]},
                                      {"name": "R", "source": "TwinChangeEvents", "endpointNames": ["events"]}]})json")
        << "routes[1].name"
        << "used twice";
    QTest::addRow("unknown source")
        << QByteArray(
               R"json({"routes": [{"name": "r", "source": "DeviceJobLifecycleEvents", "endpointNames": ["events"]}]})json")
        << "routes[0].source"
        << "not a routing source the sandbox emulates";
    QTest::addRow("two endpoints")
        << QByteArray(
               R"json({"routes": [{"name": "r", "source": "TwinChangeEvents", "endpointNames": ["events", "events"]}]})json")
        << "routes[0].endpointNames"
        << "exactly one endpoint";
    QTest::addRow("unknown endpoint")
        << QByteArray(
               R"json({"routes": [{"name": "r", "source": "TwinChangeEvents", "endpointNames": ["Stack"]}]})json")
        << "routes[0].endpointNames"
        << "'Stack' is neither";
    QTest::addRow("bad condition")
        << QByteArray(
               R"json({"routes": [{"name": "r", "source": "TwinChangeEvents", "condition": "IS_OBJECT(", "endpointNames": ["events"]}]})json")
        << "routes[0].condition"
        << "Route condition error at position 11";
    QTest::addRow("isEnabled not bool")
        << QByteArray(
               R"json({"routes": [{"name": "r", "source": "TwinChangeEvents", "endpointNames": ["events"], "isEnabled": "yes"}]})json")
        << "routes[0].isEnabled"
        << "true or false";
    QTest::addRow("reserved endpoint name")
        << QByteArray(R"json({"endpoints": {"eventHubs": [{"name": "events", "entityPath": "E"}]}})json")
        << "endpoints.eventHubs[0].name"
        << "reserved";
    QTest::addRow("endpoint without entity")
        << QByteArray(
               R"json({"endpoints": {"eventHubs": [{"name": "S", "connectionString": "Endpoint=sb://x/"}]}})json")
        << "endpoints.eventHubs[0]"
        << "EntityPath";
    QTest::addRow("duplicate endpoint")
        << QByteArray(
               R"json({"endpoints": {"eventHubs": [{"name": "S", "entityPath": "E"}, {"name": "s", "entityPath": "F"}]}})json")
        << "endpoints.eventHubs[1].name"
        << "used twice";
    QTest::addRow("service bus endpoint")
        << QByteArray(R"json({"endpoints": {"serviceBusQueues": [{"name": "q"}]}})json") << "endpoints.serviceBusQueues"
        << "only Event Hubs endpoints";
    QTest::addRow("fallback to custom endpoint")
        << QByteArray(R"json({"endpoints": {"eventHubs": [{"name": "S", "entityPath": "E"}]},
                          "fallbackRoute": {"name": "f", "source": "DeviceMessages", "endpointNames": ["S"]}})json")
        << "fallbackRoute.endpointNames"
        << "only send to the built-in endpoint";
    QTest::addRow("fallback of twin events")
        << QByteArray(
               R"json({"fallbackRoute": {"name": "f", "source": "TwinChangeEvents", "endpointNames": ["events"]}})json")
        << "fallbackRoute.source"
        << "must be DeviceMessages";
    QTest::addRow("partitions") << QByteArray(R"json({"eventHubPartitionCount": 33})json") << "eventHubPartitionCount"
                                << "from 1 to 32";
    QTest::addRow("batch size") << QByteArray(R"json({"function": {"maxBatchSize": 0}})json") << "function.maxBatchSize"
                                << "from 1 to 1000";
    QTest::addRow("retry delays")
        << QByteArray(R"json({"function": {"retryInitialDelayMs": 5000, "retryMaxDelayMs": 10}})json")
        << "function.retryMaxDelayMs"
        << "not be less than";
    QTest::addRow("app setting not a string")
        << QByteArray(R"json({"function": {"appSettings": {"STACK_API_KEY": 5}}})json")
        << "function.appSettings.STACK_API_KEY"
        << "must be a string";
    QTest::addRow("unknown function field") << QByteArray(R"json({"function": {"url": "x"}})json") << "function.url"
                                            << "unknown field";
    QTest::addRow("enrichments") << QByteArray(R"json({"enrichments": [{"key": "a"}]})json") << "enrichments"
                                 << "not emulated";
}

void TestRoutingConfiguration::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, words);

    const QJsonDocument document = QJsonDocument::fromJson(json);
    QVERIFY2(document.isObject(), json.constData());
    const Result<RoutingConfiguration> parsed = RoutingConfiguration::fromJson(document.object());
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(parsed.error().code(), QStringLiteral("InvalidRouting"));
    QCOMPARE(parsed.error().payload().toObject().value(QStringLiteral("field")).toString(), field);
    QVERIFY2(parsed.error().message().startsWith(field + QStringLiteral(": ")), qPrintable(parsed.error().message()));
    QVERIFY2(parsed.error().message().contains(words), qPrintable(parsed.error().message()));
}

void TestRoutingConfiguration::freeTierLimits()
{
    QJsonArray routes;
    for (int i = 0; i < 6; ++i) {
        routes.append(QJsonObject {{QStringLiteral("name"), QStringLiteral("r%1").arg(i)},
                                   {QStringLiteral("source"), QStringLiteral("TwinChangeEvents")},
                                   {QStringLiteral("endpointNames"), QJsonArray {QStringLiteral("events")}}});
    }
    const QJsonObject json {{QStringLiteral("routes"), routes}};
    QVERIFY(RoutingConfiguration::fromJson(json, HubSku::S1).ok());
    const Result<RoutingConfiguration> free = RoutingConfiguration::fromJson(json, HubSku::F1);
    QVERIFY(!free.ok());
    QVERIFY2(free.error().message().contains(QStringLiteral("at most 5 routes")), qPrintable(free.error().message()));
}

void TestRoutingConfiguration::entityPathOf_data()
{
    QTest::addColumn<QString>("connectionString");
    QTest::addColumn<QString>("entityPath");

    QTest::addRow("listKeys form")
        << "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=k=;EntityPath=Events"
        << "Events";
    QTest::addRow("case and spaces") << "endpoint=sb://x/; entitypath = events ;"
                                     << "events";
    QTest::addRow("none") << "Endpoint=sb://x/;SharedAccessKeyName=a"
                          << "";
    QTest::addRow("empty") << ""
                           << "";
}

void TestRoutingConfiguration::entityPathOf()
{
    QFETCH(QString, connectionString);
    QFETCH(QString, entityPath);
    QCOMPARE(RoutingConfiguration::entityPathOf(connectionString), entityPath);
}

QTEST_GUILESS_MAIN(TestRoutingConfiguration)
#include "tst_routingconfiguration.moc"
