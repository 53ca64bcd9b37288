// The admin API over real HTTP (QNetworkAccessManager against the AdminServer on 127.0.0.1): every hub path
// with its answer shape, and the bad inputs each one refuses with a 400 that names the problem.

#include "sandbox/admin/AdminRouter.h"
#include "sandbox/admin/AdminServer.h"
#include "sandbox/admin/HubAdminApi.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "services/core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

struct Answer
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QByteArray contentType;
    QByteArray allow;

    QString errorCode() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
    QString errorMessage() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    }
    QString errorField() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
    }
};

} // namespace

class TestAdminApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void index();
    void unknownPathAndMethod();
    void listsHubsWithKeys();
    void oneHub();
    void unknownHub_data();
    void unknownHub();
    void recordedMessages();
    void messagesRejectBadQueries_data();
    void messagesRejectBadQueries();
    void metrics();
    void injectsAndClearsFaults();
    void rejectsBadFaults_data();
    void rejectsBadFaults();
    void readsAndReplacesRouting();
    void rejectsBadRouting_data();
    void rejectsBadRouting();
    void builtInEndpoint();
    void reset();

private:
    Answer call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {});
    void createDevice(const QString &deviceId);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HubDirectory> m_hubs;
    std::unique_ptr<RoutingDirectory> m_routing;
    std::unique_ptr<AdminRouter> m_router;
    std::unique_ptr<HubAdminApi> m_api;
    std::unique_ptr<AdminServer> m_server;
    SandboxHub *m_hub = nullptr;
};

void TestAdminApi::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_hubs = std::make_unique<HubDirectory>(m_clock.get());
    m_routing = std::make_unique<RoutingDirectory>(m_hubs.get(), m_nam.get(), m_clock.get());
    SandboxHub::Options options;
    options.name = QStringLiteral("sandbox-hub");
    Result<SandboxHub *> hub = m_hubs->createHub(options);
    QVERIFY(hub.ok());
    m_hub = hub.value();
    m_router = std::make_unique<AdminRouter>();
    m_api = std::make_unique<HubAdminApi>(m_hubs.get(), m_routing.get(), m_clock.get());
    m_api->registerRoutes(*m_router);
    m_server = std::make_unique<AdminServer>(m_router.get());
    QVERIFY(m_server->listen().ok());
    QVERIFY(m_server->isListening());
}

void TestAdminApi::cleanup()
{
    m_server.reset();
    m_api.reset();
    m_router.reset();
    m_routing.reset();
    m_hubs.reset();
    m_nam.reset();
    m_clock.reset();
}

Answer TestAdminApi::call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body)
{
    QUrl url = m_server->baseUrl();
    const QUrl relative(pathAndQuery);
    url.setPath(relative.path());
    url.setQuery(relative.query());
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Answer answer;
    if (!reply->isFinished() && !finished.wait(5000)) {
        reply->deleteLater();
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.json = QJsonDocument::fromJson(answer.body).object();
    answer.contentType = reply->rawHeader("Content-Type");
    answer.allow = reply->rawHeader("Allow");
    reply->deleteLater();
    return answer;
}

void TestAdminApi::createDevice(const QString &deviceId)
{
    DeviceIdentity identity;
    identity.deviceId = deviceId;
    QVERIFY(m_hub->createDevice(identity).ok());
}

void TestAdminApi::index()
{
    QCOMPARE(m_server->baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1/admin").arg(m_server->serverPort()));
    const Answer answer = call("GET", QStringLiteral("/admin"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, QByteArray("application/json"));
    QStringList paths;
    for (const QJsonValue &route : answer.json.value(QStringLiteral("routes")).toArray())
        paths << route.toObject().value(QStringLiteral("method")).toString() + u' ' +
                route.toObject().value(QStringLiteral("path")).toString();
    for (const char *expected :
         {"GET /admin/hubs", "GET /admin/hubs/{hub}/messages", "GET /admin/hubs/{hub}/metrics",
          "POST /admin/hubs/{hub}/faults", "DELETE /admin/hubs/{hub}/faults", "GET /admin/hubs/{hub}/routing",
          "PUT /admin/hubs/{hub}/routing", "POST /admin/reset"}) {
        QVERIFY2(paths.contains(QLatin1String(expected)), expected);
    }
}

void TestAdminApi::unknownPathAndMethod()
{
    Answer answer = call("GET", QStringLiteral("/admin/nothing/here"));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.errorCode(), QStringLiteral("NotFound"));
    QVERIFY(answer.errorMessage().contains(QStringLiteral("GET /admin lists them")));

    answer = call("PATCH", QStringLiteral("/admin/hubs/sandbox-hub/faults"), "{}");
    QCOMPARE(answer.status, 405);
    QCOMPARE(answer.errorCode(), QStringLiteral("MethodNotAllowed"));
    QCOMPARE(answer.allow, QByteArray("GET, POST, DELETE"));
}

void TestAdminApi::listsHubsWithKeys()
{
    const Answer answer = call("GET", QStringLiteral("/admin/hubs"));
    QCOMPARE(answer.status, 200);
    const QJsonArray hubs = answer.json.value(QStringLiteral("hubs")).toArray();
    QCOMPARE(hubs.size(), 1);
    const QJsonObject hub = hubs.at(0).toObject();
    QCOMPARE(hub.value(QStringLiteral("name")).toString(), QStringLiteral("sandbox-hub"));
    QCOMPARE(hub.value(QStringLiteral("hostName")).toString(), QStringLiteral("sandbox-hub.azure-devices.net"));
    QCOMPARE(hub.value(QStringLiteral("sku")).toString(), QStringLiteral("S1"));
    QCOMPARE(hub.value(QStringLiteral("units")).toInt(), 1);
    QCOMPARE(hub.value(QStringLiteral("throttlesEnabled")).toBool(), true);
    QCOMPARE(hub.value(QStringLiteral("limits")).toObject().value(QStringLiteral("twinUpdatesPerSecond")).toDouble(),
             50.0);
    QCOMPARE(
        hub.value(QStringLiteral("limits")).toObject().value(QStringLiteral("registryOperationsPerMinute")).toDouble(),
        100.0);
    bool found = false;
    for (const QJsonValue &value : hub.value(QStringLiteral("policies")).toArray()) {
        const QJsonObject policy = value.toObject();
        if (policy.value(QStringLiteral("keyName")).toString() != QLatin1String("twinbridge"))
            continue;
        found = true;
        const auto expected = m_hub->policy(QStringLiteral("twinbridge"));
        QVERIFY(expected);
        QCOMPARE(policy.value(QStringLiteral("primaryKey")).toString(), QString::fromLatin1(expected->primaryKey));
        QCOMPARE(policy.value(QStringLiteral("secondaryKey")).toString(), QString::fromLatin1(expected->secondaryKey));
        QCOMPARE(policy.value(QStringLiteral("rights")).toString(),
                 QStringLiteral("RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect"));
    }
    QVERIFY(found);
}

void TestAdminApi::oneHub()
{
    createDevice(QStringLiteral("d1"));
    const Answer answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("deviceCount")).toInt(), 1);
    QVERIFY(answer.json.value(QStringLiteral("faults")).isObject());
}

void TestAdminApi::unknownHub_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");

    QTest::addRow("hub") << QByteArray("GET") << "/admin/hubs/nohub";
    QTest::addRow("messages") << QByteArray("GET") << "/admin/hubs/nohub/messages";
    QTest::addRow("metrics") << QByteArray("GET") << "/admin/hubs/nohub/metrics";
    QTest::addRow("faults") << QByteArray("POST") << "/admin/hubs/nohub/faults";
    QTest::addRow("clear faults") << QByteArray("DELETE") << "/admin/hubs/nohub/faults";
    QTest::addRow("routing") << QByteArray("GET") << "/admin/hubs/nohub/routing";
    QTest::addRow("replace routing") << QByteArray("PUT") << "/admin/hubs/nohub/routing";
    QTest::addRow("built-in endpoint") << QByteArray("GET") << "/admin/hubs/nohub/endpoints/events";
}

void TestAdminApi::unknownHub()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const Answer answer = call(method, path, method == "GET" || method == "DELETE" ? QByteArray() : QByteArray("{}"));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.errorCode(), QStringLiteral("HubNotFound"));
    QVERIFY2(answer.errorMessage().contains(QStringLiteral("\"nohub\"")), qPrintable(answer.errorMessage()));
}

void TestAdminApi::recordedMessages()
{
    createDevice(QStringLiteral("d1"));
    createDevice(QStringLiteral("d2"));
    const QVariantMap system {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                              {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
                              {QStringLiteral("message-id"), QStringLiteral("m-1")}};
    QVERIFY(m_hub
                ->recordDeviceToCloud(QStringLiteral("d1"), QStringLiteral("devices/d1/messages/events/"),
                                      R"({"t":21.5})", system, {{QStringLiteral("fPort"), QStringLiteral("2")}})
                .ok());
    QVERIFY(m_hub
                ->recordDeviceToCloud(QStringLiteral("d2"), QStringLiteral("devices/d2/messages/events/"),
                                      QByteArray("\x01\x02\xff", 3), {}, {})
                .ok());

    Answer answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/messages"));
    QCOMPARE(answer.status, 200);
    QJsonArray messages = answer.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    const QJsonObject first = messages.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("deviceId")).toString(), QStringLiteral("d1"));
    QCOMPARE(first.value(QStringLiteral("body")).toObject().value(QStringLiteral("t")).toDouble(), 21.5);
    QCOMPARE(first.value(QStringLiteral("applicationProperties")).toObject().value(QStringLiteral("fPort")).toString(),
             QStringLiteral("2"));
    QCOMPARE(first.value(QStringLiteral("systemProperties")).toObject().value(QStringLiteral("message-id")).toString(),
             QStringLiteral("m-1"));
    QVERIFY(!first.value(QStringLiteral("enqueuedTime")).toString().isEmpty());
    const qint64 firstSequence = first.value(QStringLiteral("sequenceNumber")).toInteger();
    QVERIFY(firstSequence > 0);
    const QJsonObject second = messages.at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("bodyBase64")).toString(), QStringLiteral("AQL/"));
    QCOMPARE(answer.json.value(QStringLiteral("next")).toInteger(),
             second.value(QStringLiteral("sequenceNumber")).toInteger());

    answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/messages?deviceId=d2"));
    messages = answer.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("deviceId")).toString(), QStringLiteral("d2"));
    QCOMPARE(answer.json.value(QStringLiteral("deviceId")).toString(), QStringLiteral("d2"));

    answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/messages?after=%1").arg(firstSequence));
    QCOMPARE(answer.json.value(QStringLiteral("messages")).toArray().size(), 1);
    answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/messages?limit=1"));
    QCOMPARE(answer.json.value(QStringLiteral("messages")).toArray().size(), 1);
    QCOMPARE(answer.json.value(QStringLiteral("next")).toInteger(), firstSequence);
    answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/messages?deviceId=nobody"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("messages")).toArray().size(), 0);
}

void TestAdminApi::messagesRejectBadQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");

    QTest::addRow("after not a number") << "after=abc"
                                        << "after";
    QTest::addRow("after negative") << "after=-1"
                                    << "after";
    QTest::addRow("limit zero") << "limit=0"
                                << "limit";
    QTest::addRow("limit too large") << "limit=100000"
                                     << "limit";
}

void TestAdminApi::messagesRejectBadQueries()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    for (const char *path : {"/admin/hubs/sandbox-hub/messages?", "/admin/hubs/sandbox-hub/endpoints/events?"}) {
        const Answer answer = call("GET", QLatin1String(path) + query);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.errorCode(), QStringLiteral("InvalidQuery"));
        QCOMPARE(answer.errorField(), field);
        QVERIFY2(answer.errorMessage().contains(QStringLiteral("whole number")), qPrintable(answer.errorMessage()));
    }
}

void TestAdminApi::metrics()
{
    createDevice(QStringLiteral("d1"));
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_hub->tryAcceptConnection(QStringLiteral("d1")));
    QVERIFY(
        m_hub->recordDeviceToCloud(QStringLiteral("d1"), QStringLiteral("devices/d1/messages/events/"), "{}", {}, {})
            .ok());
    m_clock->advance(5s);

    const Answer answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/metrics"));
    QCOMPARE(answer.status, 200);
    const QJsonObject &json = answer.json;
    QCOMPARE(json.value(QStringLiteral("hub")).toString(), QStringLiteral("sandbox-hub"));
    QCOMPARE(json.value(QStringLiteral("connects")).toInt(), 5);
    QCOMPARE(json.value(QStringLiteral("deviceToCloudMessages")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("connectsPerSecond")).toDouble(), 1.0); // 5 in the 5 s since the first sample
    QCOMPARE(json.value(QStringLiteral("deviceToCloudPerSecond")).toDouble(), 0.2);
    for (const char *key : {"connectedDevices", "twinGets", "reportedPatches", "desiredPatches", "registryOperations",
                            "throttled", "eventsDelivered", "eventsPending", "rateWindowSeconds"}) {
        QVERIFY2(json.contains(QLatin1String(key)), key);
    }
    const QJsonObject routing = json.value(QStringLiteral("routing")).toObject();
    QCOMPARE(routing.value(QStringLiteral("messagesRouted")).toInt(), 2); // the lifecycle event of d1, its telemetry
    QCOMPARE(routing.value(QStringLiteral("endpoints")).toObject().value(QStringLiteral("events")).toInt(), 1);

    // After the window the old connects no longer count.
    m_clock->advance(20s);
    const Answer later = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/metrics"));
    QCOMPARE(later.json.value(QStringLiteral("connectsPerSecond")).toDouble(), 0.0);
}

void TestAdminApi::injectsAndClearsFaults()
{
    createDevice(QStringLiteral("d1"));
    QSignalSpy dropped(m_hub, &SandboxHub::connectionsDropRequested);
    const QDateTime now = m_clock->nowUtc();
    Answer answer = call("POST", QStringLiteral("/admin/hubs/sandbox-hub/faults"),
                         R"({"throttleTwinSeconds":60,"throttleRegistrySeconds":0,"outageSeconds":30,"latencyMs":250,
                             "dropConnections":true})");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("connectionsDropped")).toBool(), true);
    QCOMPARE(dropped.size(), 1);
    HubFaults faults = m_hub->faults();
    QCOMPARE(faults.throttleTwinUntil, now.addSecs(60));
    QVERIFY(!faults.throttleRegistryUntil.isValid());
    QCOMPARE(faults.outageUntil, now.addSecs(30));
    QCOMPARE(faults.addedLatencyMs, 250);
    QVERIFY(faults.twinThrottled(now));
    QCOMPARE(answer.json.value(QStringLiteral("faults")).toObject(), faults.toJson());

    // The hub applies them: in the outage everything is 503; after it, twin reads are still throttled.
    QCOMPARE(m_hub->twin(QStringLiteral("d1")).error().httpStatus(), 503);
    m_clock->advance(31s);
    QCOMPARE(m_hub->twin(QStringLiteral("d1")).error().httpStatus(), 429);

    // A later POST changes only what it names.
    answer = call("POST", QStringLiteral("/admin/hubs/sandbox-hub/faults"), R"({"latencyMs":0})");
    QCOMPARE(answer.status, 200);
    QCOMPARE(m_hub->faults().addedLatencyMs, 0);
    QCOMPARE(m_hub->faults().throttleTwinUntil, now.addSecs(60));
    QCOMPARE(m_hub->faults().outageUntil, now.addSecs(30));
    QCOMPARE(dropped.size(), 1);

    answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/faults"));
    QCOMPARE(answer.json.value(QStringLiteral("faults")).toObject(), m_hub->faults().toJson());

    answer = call("DELETE", QStringLiteral("/admin/hubs/sandbox-hub/faults"));
    QCOMPARE(answer.status, 200);
    QVERIFY(!m_hub->faults().throttleTwinUntil.isValid());
    QVERIFY(!m_hub->faults().outageUntil.isValid());
    QVERIFY(m_hub->twin(QStringLiteral("d1")).ok());
}

void TestAdminApi::rejectsBadFaults_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");

    QTest::addRow("no body") << QByteArray() << "InvalidJson"
                             << ""
                             << "no body";
    QTest::addRow("not JSON") << QByteArray("{throttle") << "InvalidJson"
                              << ""
                              << "not valid JSON";
    QTest::addRow("array") << QByteArray("[]") << "InvalidJson"
                           << ""
                           << "JSON object";
    QTest::addRow("empty object") << QByteArray("{}") << "InvalidFaults"
                                  << ""
                                  << "at least one fault";
    QTest::addRow("unknown fault") << QByteArray(R"({"throttleTwin":60})") << "InvalidFaults"
                                   << "throttleTwin"
                                   << "Unknown fault";
    QTest::addRow("negative") << QByteArray(R"({"outageSeconds":-5})") << "InvalidFaults"
                              << "outageSeconds"
                              << "from 0 to 86400";
    QTest::addRow("fraction") << QByteArray(R"({"throttleTwinSeconds":1.5})") << "InvalidFaults"
                              << "throttleTwinSeconds"
                              << "whole number";
    QTest::addRow("string") << QByteArray(R"({"throttleRegistrySeconds":"60"})") << "InvalidFaults"
                            << "throttleRegistrySeconds"
                            << "whole number";
    QTest::addRow("too long") << QByteArray(R"({"outageSeconds":86401})") << "InvalidFaults"
                              << "outageSeconds"
                              << "86400";
    QTest::addRow("latency too high") << QByteArray(R"({"latencyMs":60001})") << "InvalidFaults"
                                      << "latencyMs"
                                      << "from 0 to 60000";
    QTest::addRow("drop not bool") << QByteArray(R"({"dropConnections":"yes"})") << "InvalidFaults"
                                   << "dropConnections"
                                   << "true or false";
}

void TestAdminApi::rejectsBadFaults()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, field);
    QFETCH(QString, words);

    QSignalSpy dropped(m_hub, &SandboxHub::connectionsDropRequested);
    // A valid fault next to the invalid one must not be applied either.
    QByteArray request = body;
    if (body.startsWith("{\"") && !body.contains("dropConnections"))
        request = QByteArray("{\"dropConnections\":true,\"latencyMs\":5,") + body.mid(1);
    const Answer answer = call("POST", QStringLiteral("/admin/hubs/sandbox-hub/faults"), request);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.errorCode(), code);
    QCOMPARE(answer.errorField(), field);
    QVERIFY2(answer.errorMessage().contains(words), qPrintable(answer.errorMessage()));
    QCOMPARE(dropped.size(), 0);
    QCOMPARE(m_hub->faults().addedLatencyMs, 0);
}

void TestAdminApi::readsAndReplacesRouting()
{
    Answer answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/routing"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json, RoutingConfiguration::empty().toJson());

    const RoutingConfiguration configuration = RoutingConfiguration::ttsTemplate(
        QStringLiteral("http://127.0.0.1:9/api/v3"), QStringLiteral("demo-app"), QStringLiteral("NNSXS.KEY"));
    answer =
        call("PUT", QStringLiteral("/admin/hubs/sandbox-hub/routing"), QJsonDocument(configuration.toJson()).toJson());
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json, configuration.toJson());
    QVERIFY(m_routing->router(QStringLiteral("sandbox-hub"))->configuration() == configuration);

    answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/routing"));
    QCOMPARE(answer.json, configuration.toJson());
}

void TestAdminApi::rejectsBadRouting_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");

    QTest::addRow("not JSON") << QByteArray("{routes") << "InvalidJson"
                              << ""
                              << "not valid JSON";
    QTest::addRow("bad condition")
        << QByteArray(R"({"routes":[{"name":"r","source":"TwinChangeEvents","condition":"IS_OBJECT($body.tags",
                         "endpointNames":["events"]}]})")
        << "InvalidRouting"
        << "routes[0].condition"
        << "Route condition error at position 21";
    QTest::addRow("unknown endpoint")
        << QByteArray(R"({"routes":[{"name":"r","source":"TwinChangeEvents","endpointNames":["StackEvents"]}]})")
        << "InvalidRouting"
        << "routes[0].endpointNames"
        << "neither the built-in endpoint";
    QTest::addRow("unknown field") << QByteArray(R"({"rutes":[]})") << "InvalidRouting"
                                   << "rutes"
                                   << "unknown field";
}

void TestAdminApi::rejectsBadRouting()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, field);
    QFETCH(QString, words);

    const RoutingConfiguration before = m_routing->router(QStringLiteral("sandbox-hub"))->configuration();
    const Answer answer = call("PUT", QStringLiteral("/admin/hubs/sandbox-hub/routing"), body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.errorCode(), code);
    QCOMPARE(answer.errorField(), field);
    QVERIFY2(answer.errorMessage().contains(words), qPrintable(answer.errorMessage()));
    QVERIFY(m_routing->router(QStringLiteral("sandbox-hub"))->configuration() == before);
}

void TestAdminApi::builtInEndpoint()
{
    createDevice(QStringLiteral("d1"));
    QVERIFY(m_hub
                ->recordDeviceToCloud(QStringLiteral("d1"), QStringLiteral("devices/d1/messages/events/"), R"({"n":1})",
                                      {}, {})
                .ok());
    const Answer answer = call("GET", QStringLiteral("/admin/hubs/sandbox-hub/endpoints/events"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("received")).toInt(), 1);
    const QJsonArray messages = answer.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("body")).toObject().value(QStringLiteral("n")).toInt(), 1);
    const qint64 next = answer.json.value(QStringLiteral("next")).toInteger();
    QCOMPARE(call("GET", QStringLiteral("/admin/hubs/sandbox-hub/endpoints/events?after=%1").arg(next))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             0);
}

void TestAdminApi::reset()
{
    createDevice(QStringLiteral("d1"));
    QVERIFY(
        m_hub->recordDeviceToCloud(QStringLiteral("d1"), QStringLiteral("devices/d1/messages/events/"), "{}", {}, {})
            .ok());
    QVERIFY(call("POST", QStringLiteral("/admin/hubs/sandbox-hub/faults"), R"({"outageSeconds":60})").status == 200);
    const RoutingConfiguration configuration =
        RoutingConfiguration::ttsTemplate({}, QStringLiteral("a"), QStringLiteral("k"));
    QVERIFY(m_routing->setConfiguration(QStringLiteral("sandbox-hub"), configuration).ok());
    DeviceIdentity second;
    second.deviceId = QStringLiteral("d2");
    QCOMPARE(m_hub->createDevice(second).error().httpStatus(), 503); // in the outage
    QCOMPARE(m_hub->deviceCount(), 1);
    QVERIFY(m_hub->faults().inOutage(m_clock->nowUtc()));

    const Answer answer = call("POST", QStringLiteral("/admin/reset"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("reset")).toArray(), QJsonArray {QStringLiteral("iothub")});
    QCOMPARE(m_hub->deviceCount(), 0);
    QVERIFY(!m_hub->faults().outageUntil.isValid());
    QCOMPARE(m_hub->recordedMessages({}, 0).size(), 0);
    QCOMPARE(m_routing->router(QStringLiteral("sandbox-hub"))->eventsPending(), 0);
    // Configuration stays.
    QVERIFY(m_routing->router(QStringLiteral("sandbox-hub"))->configuration() == configuration);
    QCOMPARE(call("GET", QStringLiteral("/admin/hubs/sandbox-hub/messages"))
                 .json.value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             0);
}

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
