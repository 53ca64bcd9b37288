// The ARM stand-in without sockets (AzureEndpoint::handle) on a ManualClock: a deployment's states and per-resource
// operations over simulated time, a resource failing while deploying (DeploymentFailed), resource group deletion
// polled through its Location, provider registration, and a running deployment that goes on after a restart.

#include "ArmStandInTemplates.h"

#include "sandbox/admin/AdminRouter.h"
#include "sandbox/arm/ArmAdminApi.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/AzureEndpoint.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "services/core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

class TestArmStandIn : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void deploymentProgressesOverSimulatedTime();
    void failingResourceFailsTheDeployment();
    void resourceGroupDeletionIsPolled();
    void providerRegistrationTakesTime();
    void runningDeploymentGoesOnAfterRestart();
    void adminApi();
    void requestErrors_data();
    void requestErrors();
    void tokensAreChecked();
    void getShowsNoKeys();
    void sameNameLastWins();
    void tagsDeletesAndCompleteWhatIf();
    void redeploymentUpdatesTheHub();

private:
    void createStandIn();
    AzureEndpoint::Response call(const QByteArray &method, const QString &path, const QByteArray &body = {});
    QJsonObject json(const AzureEndpoint::Response &response) const;
    QString deploymentPath(const QString &group, const QString &name) const;
    void createGroup(const QString &name);

    QTemporaryDir m_stateDir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HubDirectory> m_hubs;
    std::unique_ptr<RoutingDirectory> m_routing;
    std::unique_ptr<EntraStandIn> m_entra;
    std::unique_ptr<ArmStandIn> m_arm;
    std::unique_ptr<AzureEndpoint> m_endpoint;
    QByteArray m_token;
};

void TestArmStandIn::init()
{
    QVERIFY(m_stateDir.isValid());
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 11, 26), QTime(12, 0), Qt::UTC));
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_entra = std::make_unique<EntraStandIn>(m_clock.get());
    QVERIFY(m_entra->setStateDirectory(m_stateDir.path()).ok());
    createStandIn();
}

void TestArmStandIn::createStandIn()
{
    m_hubs = std::make_unique<HubDirectory>(m_clock.get());
    m_routing = std::make_unique<RoutingDirectory>(m_hubs.get(), m_nam.get(), m_clock.get());
    QVERIFY(m_routing->setStateDirectory(m_stateDir.path()).ok());
    QVERIFY(m_hubs->setStateDirectory(m_stateDir.path()).ok());
    m_arm = std::make_unique<ArmStandIn>(m_hubs.get(), m_routing.get(), m_entra.get(), m_clock.get());
    QVERIFY(m_arm->setStateDirectory(m_stateDir.path()).ok());
    m_endpoint = std::make_unique<AzureEndpoint>();
    m_entra->registerRoutes(*m_endpoint);
    m_arm->registerRoutes(*m_endpoint);

    AzureEndpoint::Request token;
    token.method = "POST";
    token.encodedPath = QStringLiteral("/%1/oauth2/v2.0/token").arg(QLatin1String(AzureDefaults::TenantId));
    token.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), QLatin1String(AzureDefaults::ClientId));
    form.addQueryItem(QStringLiteral("client_secret"),
                      QString::fromLatin1(QUrl::toPercentEncoding(m_entra->clientSecret())));
    form.addQueryItem(QStringLiteral("scope"), QLatin1String(AzureDefaults::ArmScope));
    token.body = form.toString(QUrl::FullyEncoded).toLatin1();
    const AzureEndpoint::Response answer = m_endpoint->handle(token);
    QCOMPARE(answer.status, 200);
    m_token = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("access_token")).toString().toLatin1();
    QVERIFY(!m_token.isEmpty());
}

void TestArmStandIn::cleanup()
{
    m_endpoint.reset();
    m_arm.reset();
    m_routing.reset();
    m_hubs.reset();
    m_entra.reset();
    m_nam.reset();
    m_clock.reset();
    QDir(m_stateDir.path()).removeRecursively();
    QDir().mkpath(m_stateDir.path());
}

AzureEndpoint::Response TestArmStandIn::call(const QByteArray &method, const QString &path, const QByteArray &body)
{
    AzureEndpoint::Request request;
    request.method = method;
    const QUrl url(path);
    request.encodedPath = url.path(QUrl::FullyEncoded);
    request.query = QUrlQuery(url.query());
    if (!request.query.hasQueryItem(QStringLiteral("api-version")))
        request.query.addQueryItem(QStringLiteral("api-version"), QStringLiteral("2025-04-01"));
    request.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + m_token)));
    if (!body.isEmpty())
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    request.body = body;
    return m_endpoint->handle(request);
}

QJsonObject TestArmStandIn::json(const AzureEndpoint::Response &response) const
{
    return QJsonDocument::fromJson(response.body).object();
}

QString TestArmStandIn::deploymentPath(const QString &group, const QString &name) const
{
    return QStringLiteral("/subscriptions/%1/resourcegroups/%2/providers/Microsoft.Resources/deployments/%3")
        .arg(QLatin1String(AzureDefaults::SubscriptionId), group, name);
}

void TestArmStandIn::createGroup(const QString &name)
{
    const auto response = call(
        "PUT",
        QStringLiteral("/subscriptions/%1/resourcegroups/%2").arg(QLatin1String(AzureDefaults::SubscriptionId), name),
        R"({"location": "westeurope"})");
    QCOMPARE(response.status, 201);
}

void TestArmStandIn::deploymentProgressesOverSimulatedTime()
{
    createGroup(QStringLiteral("rg"));
    const QString path = deploymentPath(QStringLiteral("rg"), QStringLiteral("d"));
    const auto put = call("PUT", path, ArmStandInTemplates::hubDeployment("timed-hub"));
    QCOMPARE(put.status, 201);
    QCOMPARE(
        json(put).value(QStringLiteral("properties")).toObject().value(QStringLiteral("provisioningState")).toString(),
        QStringLiteral("Accepted"));
    const QString status = QString::fromLatin1(put.header("Azure-AsyncOperation"));
    QVERIFY(status.contains(QStringLiteral("/operationStatuses/")));
    QCOMPARE(put.header("Retry-After"), QByteArray("1"));
    const QString statusPath = QUrl(status).path() + QStringLiteral("?") + QUrl(status).query();
    QCOMPARE(json(call("GET", statusPath)).value(QStringLiteral("status")).toString(), QStringLiteral("Accepted"));
    QCOMPARE(json(call("GET", path + QStringLiteral("/operations"))).value(QStringLiteral("value")).toArray().size(),
             0);

    // 0.5 s: Running, the hub's operation started.
    m_clock->advance(500ms);
    QCOMPARE(json(call("GET", statusPath)).value(QStringLiteral("status")).toString(), QStringLiteral("Running"));
    QJsonArray operations =
        json(call("GET", path + QStringLiteral("/operations"))).value(QStringLiteral("value")).toArray();
    QCOMPARE(operations.size(), 1);
    QJsonObject properties = operations.at(0).toObject().value(QStringLiteral("properties")).toObject();
    QCOMPARE(properties.value(QStringLiteral("provisioningState")).toString(), QStringLiteral("Running"));
    QCOMPARE(properties.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-11-26T12:00:00.500Z"));
    QVERIFY(!m_hubs->hub(QStringLiteral("timed-hub")));

    // The hub takes 3 s.
    m_clock->advance(2999ms);
    QVERIFY(!m_hubs->hub(QStringLiteral("timed-hub")));
    m_clock->advance(1ms);
    QVERIFY(m_hubs->hub(QStringLiteral("timed-hub")));
    const QJsonObject deployment = json(call("GET", path));
    const QJsonObject deploymentProperties = deployment.value(QStringLiteral("properties")).toObject();
    QCOMPARE(deploymentProperties.value(QStringLiteral("provisioningState")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(deploymentProperties.value(QStringLiteral("duration")).toString(), QStringLiteral("PT3.500S"));
    QCOMPARE(deploymentProperties.value(QStringLiteral("outputs"))
                 .toObject()
                 .value(QStringLiteral("hostName"))
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toString(),
             QStringLiteral("timed-hub.azure-devices.net"));
    operations = json(call("GET", path + QStringLiteral("/operations"))).value(QStringLiteral("value")).toArray();
    properties = operations.at(0).toObject().value(QStringLiteral("properties")).toObject();
    QCOMPARE(properties.value(QStringLiteral("provisioningState")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(properties.value(QStringLiteral("duration")).toString(), QStringLiteral("PT3.000S"));
    QCOMPARE(properties.value(QStringLiteral("statusCode")).toString(), QStringLiteral("Created"));
    QCOMPARE(json(call("GET", statusPath)).value(QStringLiteral("status")).toString(), QStringLiteral("Succeeded"));

    // Canceling now is a conflict.
    const auto cancel = call("POST", path + QStringLiteral("/cancel"));
    QCOMPARE(cancel.status, 409);
    QCOMPARE(json(cancel).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("DeploymentCannotBeCancelled"));
}

void TestArmStandIn::failingResourceFailsTheDeployment()
{
    createGroup(QStringLiteral("rg"));
    const QString path = deploymentPath(QStringLiteral("rg"), QStringLiteral("f"));
    QCOMPARE(call("POST", path + QStringLiteral("/validate"), ArmStandInTemplates::failingDeployment()).status, 200);
    QCOMPARE(call("PUT", path, ArmStandInTemplates::failingDeployment()).status, 201);
    while (m_clock->advanceToNext()) { }

    const QJsonObject properties = json(call("GET", path)).value(QStringLiteral("properties")).toObject();
    QCOMPARE(properties.value(QStringLiteral("provisioningState")).toString(), QStringLiteral("Failed"));
    const QJsonObject error = properties.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("DeploymentFailed"));
    QCOMPARE(error.value(QStringLiteral("details")).toArray().size(), 1);
    QVERIFY(QJsonDocument(error).toJson().contains("Send"));
    QVERIFY(!properties.contains(QStringLiteral("outputs")));

    // The Event Hubs resources (its dependencies) were created; the hub failed with a status message.
    const QJsonArray operations =
        json(call("GET", path + QStringLiteral("/operations"))).value(QStringLiteral("value")).toArray();
    QCOMPARE(operations.size(), 4);
    QHash<QString, QJsonObject> byType;
    for (const QJsonValue &operation : operations) {
        const QJsonObject p = operation.toObject().value(QStringLiteral("properties")).toObject();
        byType.insert(
            p.value(QStringLiteral("targetResource")).toObject().value(QStringLiteral("resourceType")).toString(), p);
    }
    QCOMPARE(byType.value(QStringLiteral("Microsoft.EventHub/namespaces/eventhubs/authorizationRules"))
                 .value(QStringLiteral("provisioningState"))
                 .toString(),
             QStringLiteral("Succeeded"));
    const QJsonObject hub = byType.value(QStringLiteral("Microsoft.Devices/IotHubs"));
    QCOMPARE(hub.value(QStringLiteral("provisioningState")).toString(), QStringLiteral("Failed"));
    QCOMPARE(hub.value(QStringLiteral("statusCode")).toString(), QStringLiteral("BadRequest"));
    QCOMPARE(hub.value(QStringLiteral("statusMessage")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("Failed"));
    QVERIFY(!m_hubs->hub(QStringLiteral("failing-hub")));
    QVERIFY(!m_arm->resources().find(
        hub.value(QStringLiteral("targetResource")).toObject().value(QStringLiteral("id")).toString()));
    QVERIFY(m_arm->resources().find(byType.value(QStringLiteral("Microsoft.EventHub/namespaces/eventhubs"))
                                        .value(QStringLiteral("targetResource"))
                                        .toObject()
                                        .value(QStringLiteral("id"))
                                        .toString()));
}

void TestArmStandIn::resourceGroupDeletionIsPolled()
{
    createGroup(QStringLiteral("rg-gone"));
    QCOMPARE(call("PUT", deploymentPath(QStringLiteral("rg-gone"), QStringLiteral("d")),
                  ArmStandInTemplates::hubDeployment("gone-hub"))
                 .status,
             201);
    m_clock->advance(4s);
    QVERIFY(m_hubs->hub(QStringLiteral("gone-hub")));

    const QString group =
        QStringLiteral("/subscriptions/%1/resourcegroups/rg-gone").arg(QLatin1String(AzureDefaults::SubscriptionId));
    const auto deleted = call("DELETE", group);
    QCOMPARE(deleted.status, 202);
    const QUrl location(QString::fromLatin1(deleted.header("Location")));
    QVERIFY(location.path().contains(QStringLiteral("/operationresults/")));
    const QString poll = location.path() + QStringLiteral("?") + location.query();
    QCOMPARE(call("GET", poll).status, 202);
    QCOMPARE(json(call("GET", group))
                 .value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("provisioningState"))
                 .toString(),
             QStringLiteral("Deleting"));
    // No new deployments while it is being deleted.
    QCOMPARE(call("PUT", deploymentPath(QStringLiteral("rg-gone"), QStringLiteral("e")),
                  ArmStandInTemplates::hubDeployment("late-hub"))
                 .status,
             409);

    m_clock->advance(2s);
    QCOMPARE(call("GET", poll).status, 200);
    QCOMPARE(call("GET", group).status, 404);
    QCOMPARE(call("HEAD", group).status, 404);
    QVERIFY(!m_hubs->hub(QStringLiteral("gone-hub")));
    QCOMPARE(m_arm->resources().size(), 0);
}

void TestArmStandIn::providerRegistrationTakesTime()
{
    const QString provider = QStringLiteral("/subscriptions/%1/providers/Microsoft.EventHub")
                                 .arg(QLatin1String(AzureDefaults::SubscriptionId));
    QCOMPARE(json(call("GET", provider)).value(QStringLiteral("registrationState")).toString(),
             QStringLiteral("NotRegistered"));
    QCOMPARE(json(call("POST", provider + QStringLiteral("/register")))
                 .value(QStringLiteral("registrationState"))
                 .toString(),
             QStringLiteral("Registering"));
    m_clock->advance(2s);
    QCOMPARE(json(call("GET", provider)).value(QStringLiteral("registrationState")).toString(),
             QStringLiteral("Registered"));
    QCOMPARE(call("GET",
                  QStringLiteral("/subscriptions/%1/providers/Microsoft.Nothing")
                      .arg(QLatin1String(AzureDefaults::SubscriptionId)))
                 .status,
             404);
    // Another subscription does not exist; a request without api-version is refused.
    QCOMPARE(json(call("GET", QStringLiteral("/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups")))
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("SubscriptionNotFound"));
    AzureEndpoint::Request bare;
    bare.method = "GET";
    bare.encodedPath = QStringLiteral("/subscriptions");
    bare.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + m_token)));
    QCOMPARE(json(m_endpoint->handle(bare))
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("MissingApiVersionParameter"));
}

void TestArmStandIn::runningDeploymentGoesOnAfterRestart()
{
    createGroup(QStringLiteral("rg"));
    const QString path = deploymentPath(QStringLiteral("rg"), QStringLiteral("r"));
    QCOMPARE(call("PUT", path, ArmStandInTemplates::hubDeployment("restart-hub")).status, 201);
    m_clock->advance(1s); // running, the hub not there yet

    // Stop (the stand-in is gone with its timers) and start again from the state directory.
    m_endpoint.reset();
    m_arm.reset();
    m_routing.reset();
    QVERIFY(m_hubs->saveNow().ok());
    m_hubs.reset();
    createStandIn();
    QCOMPARE(m_arm->deployment(QStringLiteral("rg"), QStringLiteral("r"))->state, QStringLiteral("Running"));
    QVERIFY(!m_hubs->hub(QStringLiteral("restart-hub")));
    while (m_clock->advanceToNext()) { }
    QVERIFY(m_hubs->hub(QStringLiteral("restart-hub")));
    const QJsonObject properties = json(call("GET", path)).value(QStringLiteral("properties")).toObject();
    QCOMPARE(properties.value(QStringLiteral("provisioningState")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(properties.value(QStringLiteral("outputs"))
                 .toObject()
                 .value(QStringLiteral("hostName"))
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toString(),
             QStringLiteral("restart-hub.azure-devices.net"));
}

void TestArmStandIn::adminApi()
{
    AdminRouter router;
    ArmAdminApi admin(m_arm.get());
    admin.registerRoutes(router);
    const auto dispatch = [&router](const QByteArray &method, const QString &path, const QByteArray &body = {}) {
        AdminRouter::Request request;
        request.method = method;
        request.path = path;
        request.body = body;
        return router.dispatch(request);
    };
    const auto object = [](const AdminRouter::Response &response) {
        return QJsonDocument::fromJson(response.body).object();
    };

    QCOMPARE(
        object(dispatch("GET", QStringLiteral("/admin/arm/settings"))).value(QStringLiteral("timeScale")).toDouble(),
        1.0);
    const auto changed = dispatch("POST", QStringLiteral("/admin/arm/settings"), R"({"timeScale": 0.5})");
    QCOMPARE(changed.status, 200);
    QCOMPARE(object(changed).value(QStringLiteral("retryAfterSeconds")).toInt(), 1);
    QCOMPARE(m_arm->settings().timeScale, 0.5);
    QCOMPARE(dispatch("POST", QStringLiteral("/admin/arm/settings"), R"({"timeScale": -1})").status, 400);
    QCOMPARE(dispatch("POST", QStringLiteral("/admin/arm/settings"), R"({"retryAfterSeconds": 1.5})").status, 400);
    QCOMPARE(object(dispatch("POST", QStringLiteral("/admin/arm/settings"), R"({"speed": 2})"))
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("UnknownSetting"));
    QCOMPARE(m_arm->settings().timeScale, 0.5);

    // The hub takes 1.5 s at half the time; the overview shows the group, its resource and the deployment.
    createGroup(QStringLiteral("rg-admin"));
    QCOMPARE(call("PUT", deploymentPath(QStringLiteral("rg-admin"), QStringLiteral("d")),
                  ArmStandInTemplates::hubDeployment("admin-hub"))
                 .status,
             201);
    m_clock->advance(1750ms);
    const QJsonObject overview = object(dispatch("GET", QStringLiteral("/admin/arm")));
    QCOMPARE(
        overview.value(QStringLiteral("providers")).toObject().value(QStringLiteral("Microsoft.Devices")).toString(),
        QStringLiteral("Registered"));
    const QJsonObject group = overview.value(QStringLiteral("resourceGroups")).toArray().at(0).toObject();
    QCOMPARE(group.value(QStringLiteral("name")).toString(), QStringLiteral("rg-admin"));
    QCOMPARE(
        group.value(QStringLiteral("resources")).toArray().at(0).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("admin-hub"));
    const QJsonObject deployment = group.value(QStringLiteral("deployments")).toArray().at(0).toObject();
    QCOMPARE(deployment.value(QStringLiteral("state")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(deployment.value(QStringLiteral("operations"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("finished"))
                 .toString(),
             QStringLiteral("2026-11-26T12:00:01.750Z"));
}

void TestArmStandIn::requestErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    for (const ArmStandInTemplates::RequestCase &item : ArmStandInTemplates::requestErrors()) {
        QTest::addRow("%s", item.name) << QByteArray(item.method) << QString::fromUtf8(item.path) << item.body
                                       << item.status << QString::fromUtf8(item.code);
    }
}

void TestArmStandIn::requestErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    createGroup(QStringLiteral("rg"));
    const auto response = call(
        method, QStringLiteral("/subscriptions/%1").arg(QLatin1String(AzureDefaults::SubscriptionId)) + path, body);
    QCOMPARE(response.status, status);
    const QJsonObject error = json(response).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(m_hubs->hubs().isEmpty());
}

void TestArmStandIn::tokensAreChecked()
{
    const QString path =
        QStringLiteral("/subscriptions/%1/resourcegroups").arg(QLatin1String(AzureDefaults::SubscriptionId));
    QCOMPARE(call("GET", path).status, 200);
    const QByteArray valid = m_token;
    m_token = "not-a-token";
    auto response = call("GET", path);
    QCOMPARE(response.status, 401);
    QCOMPARE(json(response).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("InvalidAuthenticationToken"));
    QVERIFY(response.header("WWW-Authenticate").contains("error=\"invalid_token\""));

    // The token expires after its lifetime (about an hour).
    m_token = valid;
    m_clock->advance(std::chrono::hours(2));
    response = call("GET", path);
    QCOMPARE(response.status, 401);
    QCOMPARE(json(response).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("ExpiredAuthenticationToken"));
}

void TestArmStandIn::getShowsNoKeys()
{
    createGroup(QStringLiteral("rg"));
    QCOMPARE(
        call("PUT", deploymentPath(QStringLiteral("rg"), QStringLiteral("f")), ArmStandInTemplates::failingDeployment())
            .status,
        201);
    while (m_clock->advanceToNext()) { }
    const QString rule =
        QStringLiteral("/subscriptions/%1/resourcegroups/rg/providers/Microsoft.EventHub/namespaces/evhubns-failing/"
                       "eventhubs/Events/authorizationRules/Listen")
            .arg(QLatin1String(AzureDefaults::SubscriptionId));
    const auto keys = call("POST", rule + QStringLiteral("/listKeys"));
    QCOMPARE(keys.status, 200);
    const QString key = json(keys).value(QStringLiteral("primaryKey")).toString();
    QVERIFY(key.size() >= 40);
    QVERIFY(json(keys)
                .value(QStringLiteral("primaryConnectionString"))
                .toString()
                .endsWith(QStringLiteral(";EntityPath=Events")));
    const auto get = call("GET", rule);
    QCOMPARE(get.status, 200);
    QCOMPARE(json(get).value(QStringLiteral("properties")).toObject().value(QStringLiteral("rights")).toArray(),
             QJsonArray {QStringLiteral("Listen")});
    QVERIFY(!get.body.contains(key.toLatin1()));
    // Nor does the group's resource list or the deployment.
    QVERIFY(!call("GET",
                  QStringLiteral("/subscriptions/%1/resourcegroups/rg/resources")
                      .arg(QLatin1String(AzureDefaults::SubscriptionId)))
                 .body.contains(key.toLatin1()));
}

void TestArmStandIn::sameNameLastWins()
{
    createGroup(QStringLiteral("rg"));
    const QString path = deploymentPath(QStringLiteral("rg"), QStringLiteral("same"));
    QCOMPARE(call("PUT", path, ArmStandInTemplates::hubDeployment("first-hub")).status, 201);
    m_clock->advance(1s);
    // The second PUT replaces the running deployment: 200, and only its resources are deployed.
    QCOMPARE(call("PUT", path, ArmStandInTemplates::hubDeployment("second-hub")).status, 200);
    while (m_clock->advanceToNext()) { }
    QVERIFY(!m_hubs->hub(QStringLiteral("first-hub")));
    QVERIFY(m_hubs->hub(QStringLiteral("second-hub")));
    const QJsonObject properties = json(call("GET", path)).value(QStringLiteral("properties")).toObject();
    QCOMPARE(properties.value(QStringLiteral("provisioningState")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(json(call("GET", path + QStringLiteral("/operations"))).value(QStringLiteral("value")).toArray().size(),
             1);
}

void TestArmStandIn::tagsDeletesAndCompleteWhatIf()
{
    const QString sub = QStringLiteral("/subscriptions/%1").arg(QLatin1String(AzureDefaults::SubscriptionId));
    createGroup(QStringLiteral("rg"));
    // PATCH changes the tags only; an unknown group is 404.
    const auto patched = call("PATCH", sub + QStringLiteral("/resourcegroups/rg"), R"({"tags": {"env": "test"}})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(json(patched).value(QStringLiteral("tags")).toObject().value(QStringLiteral("env")).toString(),
             QStringLiteral("test"));
    QCOMPARE(json(patched).value(QStringLiteral("location")).toString(), QStringLiteral("westeurope"));
    QCOMPARE(call("PATCH", sub + QStringLiteral("/resourcegroups/none"), R"({"tags": {}})").status, 404);

    const QString path = deploymentPath(QStringLiteral("rg"), QStringLiteral("d"));
    QCOMPARE(call("PUT", path, ArmStandInTemplates::hubDeployment("deleted-hub")).status, 201);
    m_clock->advance(1s);
    QCOMPARE(call("DELETE", path).status, 409); // still running
    while (m_clock->advanceToNext()) { }

    // What-if of an empty template: Complete mode would delete the hub, Incremental ignores it.
    const auto whatIf = call("POST", path + QStringLiteral("/whatIf"), ArmStandInTemplates::emptyCompleteDeployment());
    QCOMPARE(whatIf.status, 202);
    const QUrl location(QString::fromLatin1(whatIf.header("Location")));
    const QJsonArray changes = json(call("GET", location.path() + QStringLiteral("?") + location.query()))
                                   .value(QStringLiteral("properties"))
                                   .toObject()
                                   .value(QStringLiteral("changes"))
                                   .toArray();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).toObject().value(QStringLiteral("changeType")).toString(), QStringLiteral("Delete"));
    QVERIFY(m_hubs->hub(QStringLiteral("deleted-hub")));

    // A finished deployment leaves the history; its hub stays until the resource is deleted.
    QCOMPARE(call("DELETE", path).status, 204);
    QCOMPARE(call("GET", path).status, 404);
    QVERIFY(m_hubs->hub(QStringLiteral("deleted-hub")));
    const QString hub = sub + QStringLiteral("/resourcegroups/rg/providers/Microsoft.Devices/IotHubs/deleted-hub");
    QCOMPARE(call("GET", hub).status, 200);
    QCOMPARE(call("DELETE", hub).status, 200);
    QVERIFY(!m_hubs->hub(QStringLiteral("deleted-hub")));
    QCOMPARE(call("GET", hub).status, 404);
}

void TestArmStandIn::redeploymentUpdatesTheHub()
{
    createGroup(QStringLiteral("rg"));
    const QString path = deploymentPath(QStringLiteral("rg"), QStringLiteral("first"));
    QCOMPARE(call("PUT", path, ArmStandInTemplates::hubDeployment("policy-hub")).status, 201);
    while (m_clock->advanceToNext()) { }
    SandboxHub *hub = m_hubs->hub(QStringLiteral("policy-hub"));
    QVERIFY(hub);
    QCOMPARE(hub->policies().size(), 5); // IoT Hub's defaults
    const QByteArray ownerKey = hub->policy(QStringLiteral("iothubowner"))->primaryKey;

    // Another deployment of the same hub: SKU, units and policies change, the kept policy keeps its keys.
    QCOMPARE(call("PUT", deploymentPath(QStringLiteral("rg"), QStringLiteral("second")),
                  ArmStandInTemplates::hubWithPolicies())
                 .status,
             201);
    while (m_clock->advanceToNext()) { }
    QCOMPARE(m_hubs->hub(QStringLiteral("policy-hub")), hub);
    QCOMPARE(hub->sku(), HubSku::S2);
    QCOMPARE(hub->units(), 2);
    QCOMPARE(hub->policies().size(), 2);
    QCOMPARE(hub->policy(QStringLiteral("iothubowner"))->primaryKey, ownerKey);
    QVERIFY(hub->policy(QStringLiteral("bridge")));
    QVERIFY(!hub->policy(QStringLiteral("bridge"))->primaryKey.isEmpty());
    const QJsonObject operation =
        json(
            call("GET", deploymentPath(QStringLiteral("rg"), QStringLiteral("second")) + QStringLiteral("/operations")))
            .value(QStringLiteral("value"))
            .toArray()
            .at(0)
            .toObject();
    QCOMPARE(operation.value(QStringLiteral("properties")).toObject().value(QStringLiteral("statusCode")).toString(),
             QStringLiteral("OK"));
}

QTEST_GUILESS_MAIN(TestArmStandIn)
#include "tst_armstandin.moc"
