#include "FakeNetworkAccessManager.h"
#include "FakeTokenCredential.h"
#include "FutureWait.h"

#include "services/azure/ArmClient.h"
#include "services/core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;
using Kind = ServiceError::Kind;

Q_DECLARE_METATYPE(TwinBridge::ServiceError::Kind)

namespace {

const QString kSub = QStringLiteral("00000000-0000-0000-0000-000000000001");
const QString kSubPath = QStringLiteral("/subscriptions/00000000-0000-0000-0000-000000000001");
const QString kRgPath = kSubPath + QStringLiteral("/resourcegroups/rg1");
const QString kDeploymentPath = kRgPath + QStringLiteral("/providers/Microsoft.Resources/deployments/dep1");

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

QJsonObject cloudError(const QString &code, const QString &message)
{
    return {
        {QStringLiteral("error"), QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
}

QJsonObject deploymentBody(const QString &state, const QJsonObject &extra = {})
{
    QJsonObject properties {{QStringLiteral("provisioningState"), state},
                            {QStringLiteral("mode"), QStringLiteral("Incremental")},
                            {QStringLiteral("correlationId"), QStringLiteral("corr-1")},
                            {QStringLiteral("timestamp"), QStringLiteral("2026-01-01T00:01:02.723776Z")},
                            {QStringLiteral("duration"), QStringLiteral("PT22.8356799S")}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        properties.insert(it.key(), it.value());
    return {{QStringLiteral("id"), kDeploymentPath},
            {QStringLiteral("name"), QStringLiteral("dep1")},
            {QStringLiteral("type"), QStringLiteral("Microsoft.Resources/deployments")},
            {QStringLiteral("properties"), properties}};
}

ArmDeploymentRequest sampleRequest()
{
    ArmDeploymentRequest request;
    request.templateContent = QJsonObject {
        {QStringLiteral("$schema"),
         QStringLiteral("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")},
        {QStringLiteral("contentVersion"), QStringLiteral("1.0.0.0")},
        {QStringLiteral("resources"), QJsonArray()}};
    request.parameterValues =
        QJsonObject {{QStringLiteral("hubName"), QStringLiteral("hub1")}, {QStringLiteral("partitions"), 4}};
    return request;
}

} // namespace

class TestArmClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void subscriptionsFollowNextLink();
    void nextLinkToAnotherHostIsRefused();
    void locations();
    void providerStateAndRegistration();
    void nameAvailability_data();
    void nameAvailability();
    void resourceGroupCreateAndGet();
    void resourceGroupsFollowNextLink();
    void iotHubsOfTheSubscription();
    void iotHubReader_data();
    void iotHubReader();
    void resourceGroupDeleteFollowsLocationWithRetryAfter();
    void validateSucceeds();
    void validateRejectsTemplateWithNestedDetails();
    void whatIfFollowsLocation();
    void deploymentFollowsAsyncOperationToSucceeded();
    void deploymentFailedNamesTheInnermostProblem();
    void getDeploymentOutputs();
    void deploymentOperations();
    void cancelDeployment();
    void listKeys();
    void keyOfAPolicy();
    void sovereignCloudEndpoint();
    void tokenFailureIsReported();
    void unauthorizedDropsTheCachedToken();
    void invalidNamesAreRejectedBeforeSending_data();
    void invalidNamesAreRejectedBeforeSending();
    void everyMethodMapsErrors_data();
    void everyMethodMapsErrors();
    void everyMethodRejectsMalformedAnswers_data();
    void everyMethodRejectsMalformedAnswers();

private:
    void verifyRequest(const FakeNetworkAccessManager::Request &request, const QByteArray &method, const QString &path,
                       const QString &apiVersion);

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    FakeTokenCredential *m_credential = nullptr;
    ArmClient *m_client = nullptr;
};

void TestArmClient::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
    m_credential = new FakeTokenCredential(m_clock);
    m_client = new ArmClient(m_nam, m_credential, m_clock);
    m_client->transport()->setRetryPolicy(RetryPolicy::none());
    m_client->setPollInterval(5s);
}

void TestArmClient::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_credential;
    m_credential = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

void TestArmClient::verifyRequest(const FakeNetworkAccessManager::Request &request, const QByteArray &method,
                                  const QString &path, const QString &apiVersion)
{
    QCOMPARE(request.method, method);
    QCOMPARE(request.url.scheme(), QStringLiteral("https"));
    QCOMPARE(request.url.host(), QStringLiteral("management.azure.com"));
    QCOMPARE(request.url.path(), path);
    QCOMPARE(QUrlQuery(request.url).queryItemValue(QStringLiteral("api-version")), apiVersion);
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer arm-token-1"));
    QCOMPARE(request.header("Accept"), QByteArray("application/json"));
}

void TestArmClient::subscriptionsFollowNextLink()
{
    m_nam->on("GET", QStringLiteral("/subscriptions"),
              FakeNetworkAccessManager::json(200, json(R"({"value":[{"id":"/subscriptions/s-1","subscriptionId":"s-1",
                  "displayName":"Production","tenantId":"t1","state":"Enabled","authorizationSource":"RoleBased"}],
                  "nextLink":"https://management.azure.com/subscriptions?api-version=2022-12-01&$skiptoken=page2"})")));
    m_nam->on("GET", QStringLiteral("/subscriptions"),
              FakeNetworkAccessManager::json(200, json(R"({"value":[{"id":"/subscriptions/s-2","subscriptionId":"s-2",
                  "displayName":"Old","tenantId":"t1","state":"Disabled"}]})")));
    const auto result = awaitResult(m_client->listSubscriptions());
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().size(), 2);
    QCOMPARE(result.value().at(0).subscriptionId, QStringLiteral("s-1"));
    QCOMPARE(result.value().at(0).displayName, QStringLiteral("Production"));
    QCOMPARE(result.value().at(0).tenantId, QStringLiteral("t1"));
    QVERIFY(result.value().at(0).isUsable());
    QVERIFY(!result.value().at(1).isUsable());
    QCOMPARE(m_nam->requests().size(), 2);
    verifyRequest(m_nam->requests().at(0), "GET", QStringLiteral("/subscriptions"), QStringLiteral("2022-12-01"));
    verifyRequest(m_nam->requests().at(1), "GET", QStringLiteral("/subscriptions"), QStringLiteral("2022-12-01"));
    QCOMPARE(QUrlQuery(m_nam->requests().at(1).url).queryItemValue(QStringLiteral("$skiptoken")),
             QStringLiteral("page2"));
    QCOMPARE(m_credential->acquisitions, 1);
    QCOMPARE(m_credential->lastScopes, QStringList {QStringLiteral("https://management.azure.com/.default")});
}

void TestArmClient::nextLinkToAnotherHostIsRefused()
{
    m_nam->on(
        "GET", QStringLiteral("/subscriptions"),
        FakeNetworkAccessManager::json(200, json(R"({"value":[],"nextLink":"https://evil.example.com/steal?x=1"})")));
    const ServiceError error = awaitResult(m_client->listSubscriptions()).error();
    QCOMPARE(error.kind(), Kind::MalformedResponse);
    QVERIFY(error.message().contains(QStringLiteral("evil.example.com")));
    QCOMPARE(m_nam->requests().size(), 1);
}

void TestArmClient::locations()
{
    m_nam->on("GET", kSubPath + QStringLiteral("/locations"), FakeNetworkAccessManager::json(200, json(R"({"value":[
                {"id":"/subscriptions/x/locations/westeurope","name":"westeurope","type":"Region","displayName":"West Europe",
                 "regionalDisplayName":"(Europe) West Europe","metadata":{"regionType":"Physical","regionCategory":"Recommended",
                 "geography":"Europe","pairedRegion":[{"name":"northeurope","id":"/subscriptions/x/locations/northeurope"}]}},
                {"id":"/subscriptions/x/locations/europe","name":"europe","type":"Region","displayName":"Europe",
                 "metadata":{"regionType":"Logical","regionCategory":"Other"}}]})")));
    const auto result = awaitResult(m_client->listLocations(kSub));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().size(), 2);
    const ArmLocation &westEurope = result.value().first();
    QCOMPARE(westEurope.name, QStringLiteral("westeurope"));
    QCOMPARE(westEurope.displayName, QStringLiteral("West Europe"));
    QCOMPARE(westEurope.regionalDisplayName, QStringLiteral("(Europe) West Europe"));
    QCOMPARE(westEurope.geography, QStringLiteral("Europe"));
    QCOMPARE(westEurope.pairedRegions, QStringList {QStringLiteral("northeurope")});
    QVERIFY(westEurope.isPhysicalRegion());
    QVERIFY(!result.value().at(1).isPhysicalRegion());
    verifyRequest(m_nam->requests().first(), "GET", kSubPath + QStringLiteral("/locations"),
                  QStringLiteral("2022-12-01"));
}

void TestArmClient::providerStateAndRegistration()
{
    const QString providerPath = kSubPath + QStringLiteral("/providers/Microsoft.Devices");
    m_nam->on("GET", providerPath,
              FakeNetworkAccessManager::json(
                  200, json(R"({"namespace":"Microsoft.Devices","registrationState":"NotRegistered"})")));
    auto state = awaitResult(m_client->getProvider(kSub, QStringLiteral("Microsoft.Devices")));
    QVERIFY(state.ok());
    QVERIFY(!state.value().isRegistered());
    verifyRequest(m_nam->requests().last(), "GET", providerPath, QStringLiteral("2021-04-01"));

    m_nam->clearRoutes();
    m_nam->clearRequests();
    m_nam->on("POST", providerPath + QStringLiteral("/register"),
              FakeNetworkAccessManager::json(
                  200, json(R"({"namespace":"Microsoft.Devices","registrationState":"Registering"})")));
    m_nam->on("GET", providerPath,
              FakeNetworkAccessManager::json(
                  200, json(R"({"namespace":"Microsoft.Devices","registrationState":"Registering"})")));
    m_nam->on("GET", providerPath,
              FakeNetworkAccessManager::json(
                  200, json(R"({"namespace":"Microsoft.Devices","registrationState":"Registered"})")));
    auto future = m_client->registerProvider(kSub, QStringLiteral("Microsoft.Devices"));
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 5000ms);
    verifyRequest(m_nam->requests().first(), "POST", providerPath + QStringLiteral("/register"),
                  QStringLiteral("2021-04-01"));
    QVERIFY(m_nam->requests().first().body.isEmpty());
    m_clock->advance(5s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_nam->requests().size(), 2);
    m_clock->advance(5s);
    const auto registered = awaitResult(future);
    QVERIFY2(registered.ok(), qPrintable(registered.error().toString()));
    QVERIFY(registered.value().isRegistered());
    QCOMPARE(m_nam->requests().size(), 3);
    verifyRequest(m_nam->requests().at(2), "GET", providerPath, QStringLiteral("2021-04-01"));

    QCOMPARE(ArmClient::requiredProviders(),
             (QStringList {QStringLiteral("Microsoft.Devices"), QStringLiteral("Microsoft.EventHub"),
                           QStringLiteral("Microsoft.Storage"), QStringLiteral("Microsoft.Web"),
                           QStringLiteral("Microsoft.Insights")}));
}

void TestArmClient::nameAvailability_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("available");
    QTest::addColumn<QString>("reason");
    QTest::addRow("available") << QByteArray(R"({"nameAvailable":true,"reason":"Invalid","message":null})") << true
                               << "Invalid";
    QTest::addRow("taken")
        << QByteArray(
               R"({"nameAvailable":false,"reason":"AlreadyExists","message":"IotHub name 'my-hub' is not available"})")
        << false << "AlreadyExists";
}

void TestArmClient::nameAvailability()
{
    QFETCH(QByteArray, answer);
    QFETCH(bool, available);
    QFETCH(QString, reason);
    const QString path = kSubPath + QStringLiteral("/providers/Microsoft.Devices/checkNameAvailability");
    m_nam->on("POST", path, FakeNetworkAccessManager::json(200, json(answer)));
    const auto result = awaitResult(m_client->checkIotHubNameAvailability(kSub, QStringLiteral("my-hub")));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().nameAvailable, available);
    QCOMPARE(result.value().reason, reason);
    if (!available)
        QCOMPARE(result.value().message, QStringLiteral("IotHub name 'my-hub' is not available"));
    verifyRequest(m_nam->requests().first(), "POST", path, QStringLiteral("2023-06-30"));
    QCOMPARE(m_nam->requests().first().body, QByteArray(R"({"name":"my-hub"})"));
    QVERIFY(m_nam->requests().first().header("Content-Type").startsWith("application/json"));
}

void TestArmClient::resourceGroupCreateAndGet()
{
    const QByteArray group =
        R"({"id":"/subscriptions/x/resourceGroups/rg1","name":"rg1","type":"Microsoft.Resources/resourceGroups",
        "location":"westeurope","tags":{"app":"twinbridge"},"properties":{"provisioningState":"Succeeded"}})";
    m_nam->on("PUT", kRgPath, FakeNetworkAccessManager::json(201, json(group)));
    m_nam->on("GET", kRgPath, FakeNetworkAccessManager::json(200, json(group)));
    const auto created =
        awaitResult(m_client->createOrUpdateResourceGroup(kSub, QStringLiteral("rg1"), QStringLiteral("westeurope"),
                                                          {{QStringLiteral("app"), QStringLiteral("twinbridge")}}));
    QVERIFY2(created.ok(), qPrintable(created.error().toString()));
    QCOMPARE(created.value().name, QStringLiteral("rg1"));
    QCOMPARE(created.value().location, QStringLiteral("westeurope"));
    QCOMPARE(created.value().provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(created.value().tags.value(QStringLiteral("app")), QStringLiteral("twinbridge"));
    verifyRequest(m_nam->requests().at(0), "PUT", kRgPath, QStringLiteral("2021-04-01"));
    QCOMPARE(json(m_nam->requests().at(0).body), json(R"({"location":"westeurope","tags":{"app":"twinbridge"}})"));

    const auto fetched = awaitResult(m_client->getResourceGroup(kSub, QStringLiteral("rg1")));
    QVERIFY(fetched.ok());
    QCOMPARE(fetched.value().id, QStringLiteral("/subscriptions/x/resourceGroups/rg1"));
    verifyRequest(m_nam->requests().at(1), "GET", kRgPath, QStringLiteral("2021-04-01"));
    QVERIFY(m_nam->requests().at(1).body.isEmpty());
}

void TestArmClient::resourceGroupsFollowNextLink()
{
    m_nam->on("GET", kSubPath + QStringLiteral("/resourcegroups"),
              FakeNetworkAccessManager::json(200, json(R"({"value":[{"id":"/subscriptions/x/resourceGroups/rg-a",
                  "name":"rg-a","location":"westeurope","properties":{"provisioningState":"Succeeded"},
                  "tags":{"application":"TwinBridge"}}],
                  "nextLink":"https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups?api-version=2021-04-01&$skiptoken=p2"})")));
    m_nam->on("GET", kSubPath + QStringLiteral("/resourcegroups"),
              FakeNetworkAccessManager::json(200, json(R"({"value":[{"id":"/subscriptions/x/resourceGroups/rg-b",
                  "name":"rg-b","location":"northeurope","properties":{"provisioningState":"Deleting"}}]})")));
    const auto result = awaitResult(m_client->listResourceGroups(kSub));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().size(), 2);
    QCOMPARE(result.value().at(0).name, QStringLiteral("rg-a"));
    QCOMPARE(result.value().at(0).location, QStringLiteral("westeurope"));
    QCOMPARE(result.value().at(0).tags.value(QStringLiteral("application")), QStringLiteral("TwinBridge"));
    QCOMPARE(result.value().at(1).name, QStringLiteral("rg-b"));
    QCOMPARE(result.value().at(1).provisioningState, QStringLiteral("Deleting"));
    QCOMPARE(m_nam->requests().size(), 2);
    verifyRequest(m_nam->requests().at(0), "GET", kSubPath + QStringLiteral("/resourcegroups"),
                  QStringLiteral("2021-04-01"));
    QCOMPARE(QUrlQuery(m_nam->requests().at(1).url).queryItemValue(QStringLiteral("$skiptoken")),
             QStringLiteral("p2"));
}

void TestArmClient::iotHubsOfTheSubscription()
{
    const QString path = kSubPath + QStringLiteral("/providers/Microsoft.Devices/IotHubs");
    m_nam->on("GET", path, FakeNetworkAccessManager::json(200, json(R"({"value":[
        {"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-free/providers/Microsoft.Devices/IotHubs/hub-free",
         "name":"hub-free","type":"Microsoft.Devices/IotHubs","location":"westeurope",
         "sku":{"name":"F1","tier":"Free","capacity":1},
         "properties":{"hostName":"hub-free.azure-devices.net","state":"Active","provisioningState":"Succeeded"}}],
        "nextLink":"https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30&page=2"})")));
    m_nam->on("GET", path, FakeNetworkAccessManager::json(200, json(R"({"value":[
        {"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/prod/providers/Microsoft.Devices/IotHubs/hub-prod",
         "name":"hub-prod","type":"Microsoft.Devices/IotHubs","location":"northeurope",
         "sku":{"name":"S2","tier":"Standard","capacity":3},"properties":{}}]})")));
    const auto result = awaitResult(m_client->listIotHubs(kSub));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().size(), 2);
    const ArmIotHub &free = result.value().at(0);
    QCOMPARE(free.name, QStringLiteral("hub-free"));
    QCOMPARE(free.resourceGroup, QStringLiteral("rg-free"));
    QCOMPARE(free.location, QStringLiteral("westeurope"));
    QCOMPARE(free.skuName, QStringLiteral("F1"));
    QCOMPARE(free.capacity, 1);
    QVERIFY(free.isFree());
    const ArmIotHub &prod = result.value().at(1);
    QCOMPARE(prod.resourceGroup, QStringLiteral("prod"));
    QCOMPARE(prod.skuName, QStringLiteral("S2"));
    QCOMPARE(prod.capacity, 3);
    QVERIFY(!prod.isFree());
    QCOMPARE(m_nam->requests().size(), 2);
    verifyRequest(m_nam->requests().at(0), "GET", path, QStringLiteral("2023-06-30"));
    QCOMPARE(QUrlQuery(m_nam->requests().at(1).url).queryItemValue(QStringLiteral("page")), QStringLiteral("2"));

    // An empty subscription is an empty list, not an error.
    m_nam->reset();
    m_nam->on("GET", path, FakeNetworkAccessManager::json(200, json(R"({"value":[]})")));
    const auto none = awaitResult(m_client->listIotHubs(kSub));
    QVERIFY(none.ok());
    QVERIFY(none.value().isEmpty());

    const ServiceError invalid = awaitResult(m_client->listIotHubs(QStringLiteral("a/b"))).error();
    QCOMPARE(invalid.kind(), Kind::InvalidInput);
    QVERIFY(invalid.message().contains(QStringLiteral("subscription id")));
}

void TestArmClient::iotHubReader_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("resourceGroup");
    QTest::addColumn<QString>("sku");
    QTest::addColumn<int>("capacity");
    QTest::addRow("complete") << QByteArray(R"({"id":"/subscriptions/s/resourceGroups/g1/providers/Microsoft.Devices/IotHubs/h",
        "name":"h","location":"westeurope","sku":{"name":"S1","capacity":2}})")
                              << true << "g1"
                              << "S1" << 2;
    QTest::addRow("lower-case resourcegroups") << QByteArray(R"({"id":"/subscriptions/s/resourcegroups/G-2/providers/Microsoft.Devices/IotHubs/h",
        "name":"h","sku":{"name":"F1"}})") << true << "G-2"
                                               << "F1" << 0;
    QTest::addRow("id without group") << QByteArray(R"({"id":"/providers/Microsoft.Devices/IotHubs/h","name":"h",
        "sku":{"name":"F1","capacity":1}})") << true << ""
                                      << "F1" << 1;
    QTest::addRow("no sku") << QByteArray(R"({"id":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Devices/IotHubs/h",
        "name":"h"})") << false << ""
                            << "" << 0;
    QTest::addRow("no name") << QByteArray(R"({"id":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Devices/IotHubs/h",
        "sku":{"name":"F1"}})") << false << ""
                             << "" << 0;
    QTest::addRow("no id") << QByteArray(R"({"name":"h","sku":{"name":"F1"}})") << false << ""
                           << "" << 0;
}

void TestArmClient::iotHubReader()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QFETCH(QString, resourceGroup);
    QFETCH(QString, sku);
    QFETCH(int, capacity);
    const std::optional<ArmIotHub> hub = ArmIotHub::fromJson(json(body));
    QCOMPARE(hub.has_value(), valid);
    if (!hub)
        return;
    QCOMPARE(hub->name, QStringLiteral("h"));
    QCOMPARE(hub->resourceGroup, resourceGroup);
    QCOMPARE(hub->skuName, sku);
    QCOMPARE(hub->capacity, capacity);
}

void TestArmClient::resourceGroupDeleteFollowsLocationWithRetryAfter()
{
    const QString resultPath = kSubPath + QStringLiteral("/operationresults/eyJqb2JJZCI6IlJFU09VUkNF");
    m_nam->on("DELETE", kRgPath,
              FakeNetworkAccessManager::empty(202)
                  .header("Location",
                          "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001"
                          "/operationresults/eyJqb2JJZCI6IlJFU09VUkNF?api-version=2021-04-01")
                  .header("Retry-After", "15"));
    m_nam->on("GET", resultPath, FakeNetworkAccessManager::empty(202).header("Retry-After", "20"));
    m_nam->on("GET", resultPath, FakeNetworkAccessManager::empty(200));
    QSignalSpy status(m_client, &ArmClient::longRunningStatus);
    auto future = m_client->deleteResourceGroup(kSub, QStringLiteral("rg1"));

    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 15000ms); // Retry-After, not the 5 s default
    verifyRequest(m_nam->requests().at(0), "DELETE", kRgPath, QStringLiteral("2021-04-01"));
    m_clock->advance(14999ms);
    QCOMPARE(m_nam->requests().size(), 1);
    m_clock->advance(1ms);
    QCOMPARE(m_nam->requests().size(), 2);
    verifyRequest(m_nam->requests().at(1), "GET", resultPath, QStringLiteral("2021-04-01"));

    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 20000ms);
    m_clock->advance(20s);
    const Status deleted = awaitResult(future);
    QVERIFY2(deleted.ok(), qPrintable(deleted.error().toString()));
    QCOMPARE(m_nam->requests().size(), 3);
    QVERIFY(!status.isEmpty());
    QCOMPARE(status.last().at(1).toString(), QStringLiteral("Succeeded"));
}

void TestArmClient::validateSucceeds()
{
    const QString path = kDeploymentPath + QStringLiteral("/validate");
    m_nam->on("POST", path, FakeNetworkAccessManager::json(200, json(R"({"id":"x","name":"dep1","properties":{
        "provisioningState":"Succeeded","mode":"Incremental",
        "validatedResources":[{"id":"/subscriptions/x/resourceGroups/rg1/providers/Microsoft.Devices/IotHubs/hub1"}],
        "diagnostics":[{"level":"Warning","code":"NestedDeploymentShortCircuited","message":"A nested deployment got short-circuited."}]}})")));
    const auto result =
        awaitResult(m_client->validateDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"), sampleRequest()));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(result.value().validatedResources.size(), 1);
    QCOMPARE(result.value().diagnostics.size(), 1);
    QCOMPARE(result.value().diagnostics.first().code, QStringLiteral("NestedDeploymentShortCircuited"));
    verifyRequest(m_nam->requests().first(), "POST", path, QStringLiteral("2025-04-01"));
    const QJsonObject body = json(m_nam->requests().first().body);
    QCOMPARE(body, sampleRequest().toJson());
    QCOMPARE(body.value(QStringLiteral("properties")).toObject().value(QStringLiteral("mode")).toString(),
             QStringLiteral("Incremental"));
    QCOMPARE(body.value(QStringLiteral("properties")).toObject().value(QStringLiteral("parameters")).toObject(),
             json(R"({"hubName":{"value":"hub1"},"partitions":{"value":4}})"));
    QVERIFY(body.value(QStringLiteral("properties"))
                .toObject()
                .value(QStringLiteral("template"))
                .toObject()
                .contains(QStringLiteral("resources")));
}

void TestArmClient::validateRejectsTemplateWithNestedDetails()
{
    m_nam->on("POST", kDeploymentPath + QStringLiteral("/validate"),
              FakeNetworkAccessManager::json(400, json(R"({"error":{"code":"InvalidTemplateDeployment",
                "message":"The template deployment 'dep1' is not valid according to the validation procedure. See inner errors for details.",
                "details":[{"code":"PreflightValidationCheckFailed","message":"Preflight validation failed. Please refer to the details for the specific errors.",
                  "details":[{"code":"AccountNameInvalid","target":"a","message":"a is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only."}]}]}})"))
                  .header("x-ms-correlation-request-id", "dccf336d"));
    const ServiceError error =
        awaitResult(m_client->validateDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"), sampleRequest()))
            .error();
    QCOMPARE(error.kind(), Kind::BadRequest);
    QCOMPARE(error.httpStatus(), 400);
    QCOMPARE(error.code(), QStringLiteral("InvalidTemplateDeployment"));
    QVERIFY(error.message().contains(QStringLiteral("is not valid according to the validation procedure")));
    QVERIFY(error.message().contains(QStringLiteral("AccountNameInvalid: a is not a valid storage account name")));
    QCOMPARE(error.detail().split(QLatin1Char('\n')).size(), 3);
    QVERIFY(error.toString().startsWith(QStringLiteral("Could not validate deployment dep1: ")));
}

void TestArmClient::whatIfFollowsLocation()
{
    const QString path = kDeploymentPath + QStringLiteral("/whatIf");
    const QString resultPath = kSubPath + QStringLiteral("/operationresults/whatif-1");
    m_nam->on(
        "POST", path,
        FakeNetworkAccessManager::empty(202)
            .header(
                "Location",
                "/subscriptions/00000000-0000-0000-0000-000000000001/operationresults/whatif-1?api-version=2025-04-01")
            .header("Retry-After", "2"));
    m_nam->on("GET", resultPath, FakeNetworkAccessManager::empty(202));
    m_nam->on("GET", resultPath,
              FakeNetworkAccessManager::json(200, json(R"({"status":"Succeeded","properties":{"changes":[
        {"resourceId":"/subscriptions/x/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
         "changeType":"Modify","before":{"name":"id1"},"after":{"name":"id1","tags":{"myNewTag":"v"}},
         "delta":[{"path":"tags.myNewTag","propertyChangeType":"Create","after":"v"}]},
        {"resourceId":"/subscriptions/x/resourceGroups/rg1/providers/Microsoft.Devices/IotHubs/hub1","changeType":"Create",
         "after":{"name":"hub1"}}]}})")));
    auto future = m_client->whatIfDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"), sampleRequest());
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 2000ms);
    m_clock->advance(2s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 5000ms); // no Retry-After on the poll answer: the default interval
    m_clock->advance(5s);
    const auto changes = awaitResult(future);
    QVERIFY2(changes.ok(), qPrintable(changes.error().toString()));
    QCOMPARE(changes.value().size(), 2);
    QCOMPARE(changes.value().at(0).changeType, QStringLiteral("Modify"));
    QCOMPARE(changes.value().at(0).delta.first().toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("tags.myNewTag"));
    QCOMPARE(changes.value().at(1).changeType, QStringLiteral("Create"));
    verifyRequest(m_nam->requests().at(0), "POST", path, QStringLiteral("2025-04-01"));
    QCOMPARE(json(m_nam->requests().at(0).body), sampleRequest().toJson());
    // The relative Location is resolved against the management endpoint (and gets the bearer token).
    verifyRequest(m_nam->requests().at(1), "GET", resultPath, QStringLiteral("2025-04-01"));
    QCOMPARE(m_nam->requests().size(), 3);
}

void TestArmClient::deploymentFollowsAsyncOperationToSucceeded()
{
    const QString statusPath = kDeploymentPath + QStringLiteral("/operationStatuses/08584");
    m_nam->on("PUT", kDeploymentPath,
              FakeNetworkAccessManager::json(201, deploymentBody(QStringLiteral("Accepted")))
                  .header("Azure-AsyncOperation",
                          "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001"
                          "/resourcegroups/rg1/providers/Microsoft.Resources/deployments/dep1"
                          "/operationStatuses/08584?api-version=2025-04-01")
                  .header("Location",
                          "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/"
                          "operationresults/x?api-version=2025-04-01")
                  .header("Retry-After", "10"));
    m_nam->on("GET", statusPath, FakeNetworkAccessManager::json(200, json(R"({"status":"Running"})")));
    m_nam->on("GET", statusPath, FakeNetworkAccessManager::json(200, json(R"({"status":"Succeeded"})")));
    m_nam->on(
        "GET", kDeploymentPath,
        FakeNetworkAccessManager::json(
            200,
            deploymentBody(QStringLiteral("Succeeded"), json(R"({"outputs":{"hubName":{"type":"String","value":"hub1"}},
                                                                     "outputResources":[{"id":"/subscriptions/x/resourceGroups/rg1/providers/Microsoft.Devices/IotHubs/hub1"}]})"))));
    QSignalSpy accepted(m_client, &ArmClient::deploymentAccepted);
    auto future = m_client->createDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"), sampleRequest());
    QTRY_COMPARE(accepted.size(), 1);
    QCOMPARE(accepted.first().first().value<ArmDeployment>().provisioningState, QStringLiteral("Accepted"));
    verifyRequest(m_nam->requests().at(0), "PUT", kDeploymentPath, QStringLiteral("2025-04-01"));
    QCOMPARE(json(m_nam->requests().at(0).body), sampleRequest().toJson());

    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 10000ms);
    m_clock->advance(10s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    m_clock->advance(m_clock->nextDueIn());
    const auto deployment = awaitResult(future);
    QVERIFY2(deployment.ok(), qPrintable(deployment.error().toString()));
    QCOMPARE(deployment.value().provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(deployment.value().outputValue(QStringLiteral("hubName")).toString(), QStringLiteral("hub1"));
    // Azure-AsyncOperation was preferred over Location; the result is the deployment itself.
    QCOMPARE(m_nam->requests().size(), 4);
    verifyRequest(m_nam->requests().at(1), "GET", statusPath, QStringLiteral("2025-04-01"));
    verifyRequest(m_nam->requests().at(2), "GET", statusPath, QStringLiteral("2025-04-01"));
    verifyRequest(m_nam->requests().at(3), "GET", kDeploymentPath, QStringLiteral("2025-04-01"));
}

void TestArmClient::deploymentFailedNamesTheInnermostProblem()
{
    const QString statusPath = kDeploymentPath + QStringLiteral("/operationStatuses/1");
    m_nam->on("PUT", kDeploymentPath,
              FakeNetworkAccessManager::json(201, deploymentBody(QStringLiteral("Accepted")))
                  .header("Azure-AsyncOperation",
                          "https://management.azure.com" + kDeploymentPath.toUtf8() +
                              "/operationStatuses/1?api-version=2025-04-01"));
    m_nam->on("GET", statusPath,
              FakeNetworkAccessManager::json(200, json(R"({"status":"Failed","error":{"code":"DeploymentFailed",
        "message":"At least one resource deployment operation failed. Please list deployment operations for details.",
        "details":[{"code":"Conflict","message":"{\"status\":\"Failed\",\"error\":{\"code\":\"ResourceDeploymentFailure\"}}",
          "details":[{"code":"IotHubNameNotAvailable","message":"IotHub name 'hub1' is not available"}]}]}})")));
    auto future = m_client->createDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"), sampleRequest());
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    m_clock->advance(5s);
    const ServiceError error = awaitResult(future).error();
    QCOMPARE(error.code(), QStringLiteral("DeploymentFailed"));
    QCOMPARE(error.kind(), Kind::Conflict);
    QVERIFY(error.message().contains(QStringLiteral("At least one resource deployment operation failed")));
    QVERIFY(error.message().contains(QStringLiteral("IotHub name 'hub1' is not available")));
    QVERIFY(error.toString().startsWith(QStringLiteral("Could not deploy dep1 to resource group rg1")));
    QCOMPARE(m_nam->requests().size(), 2); // no final GET after a failure
}

void TestArmClient::getDeploymentOutputs()
{
    m_nam->on(
        "GET", kDeploymentPath,
        FakeNetworkAccessManager::json(
            200,
            deploymentBody(QStringLiteral("Succeeded"), json(R"({"outputs":{"hubName":{"type":"String","value":"hub1"},
                                                                     "eventHubNamespace":{"type":"String","value":"ns1"},
                                                                     "partitions":{"type":"Int","value":4}},
                                                                     "parameters":{"stackClusterAddress":{"type":"String",
                                                                                   "value":"https://bridge.example.com/api/v3"},
                                                                                   "stackAPIKey":{"type":"SecureString"}},
                                                                     "outputResources":[{"id":"/r/1"},{"id":"/r/2"}]})"))));
    const auto deployment = awaitResult(m_client->getDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1")));
    QVERIFY2(deployment.ok(), qPrintable(deployment.error().toString()));
    QCOMPARE(deployment.value().name, QStringLiteral("dep1"));
    QVERIFY(deployment.value().succeeded());
    QVERIFY(deployment.value().isTerminal());
    QCOMPARE(deployment.value().outputValue(QStringLiteral("hubName")).toString(), QStringLiteral("hub1"));
    QCOMPARE(deployment.value().outputValue(QStringLiteral("partitions")).toInt(), 4);
    QVERIFY(deployment.value().outputValue(QStringLiteral("missing")).isNull());
    QCOMPARE(deployment.value().parameterValue(QStringLiteral("stackClusterAddress")).toString(),
             QStringLiteral("https://bridge.example.com/api/v3"));
    QVERIFY(deployment.value().parameterValue(QStringLiteral("stackAPIKey")).isNull()); // a securestring has no value
    QCOMPARE(deployment.value()
                 .outputs.value(QStringLiteral("eventHubNamespace"))
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             QStringLiteral("String"));
    QCOMPARE(deployment.value().outputResources, (QStringList {QStringLiteral("/r/1"), QStringLiteral("/r/2")}));
    QCOMPARE(deployment.value().correlationId, QStringLiteral("corr-1"));
    QCOMPARE(deployment.value().duration, QStringLiteral("PT22.8356799S"));
    QCOMPARE(deployment.value().timestamp, QDateTime(QDate(2026, 1, 1), QTime(0, 1, 2, 724), Qt::UTC));
    QVERIFY(!deployment.value().error);
    verifyRequest(m_nam->requests().first(), "GET", kDeploymentPath, QStringLiteral("2025-04-01"));
}

void TestArmClient::deploymentOperations()
{
    m_nam->on("GET", kDeploymentPath + QStringLiteral("/operations"),
              FakeNetworkAccessManager::json(200, json(R"({"value":[
        {"id":"/x/operations/AAA","operationId":"AAA","properties":{"provisioningOperation":"Create","provisioningState":"Succeeded",
          "timestamp":"2026-01-01T00:02:00Z","duration":"PT1M","serviceRequestId":"r1","statusCode":"OK","statusMessage":{"status":"Succeeded"},
          "targetResource":{"id":"/subscriptions/x/resourceGroups/rg1/providers/Microsoft.EventHub/namespaces/ns1","resourceType":"Microsoft.EventHub/namespaces","resourceName":"ns1"}}},
        {"id":"/x/operations/BBB","operationId":"BBB","properties":{"provisioningOperation":"Create","provisioningState":"Failed",
          "timestamp":"2026-01-01T00:03:00Z","duration":"PT2M","statusCode":"Conflict",
          "statusMessage":{"status":"Failed","error":{"code":"IotHubNameNotAvailable","message":"IotHub name 'hub1' is not available"}},
          "targetResource":{"id":"/subscriptions/x/resourceGroups/rg1/providers/Microsoft.Devices/IotHubs/hub1","resourceType":"Microsoft.Devices/IotHubs","resourceName":"hub1"}}}],
        "nextLink":"https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg1/providers/Microsoft.Resources/deployments/dep1/operations?api-version=2025-04-01&$skiptoken=2"})")));
    m_nam->on(
        "GET", kDeploymentPath + QStringLiteral("/operations"),
        FakeNetworkAccessManager::json(
            200,
            json(
                R"({"value":[{"operationId":"CCC","properties":{"provisioningOperation":"EvaluateDeploymentOutput","provisioningState":"Running"}}]})")));
    const auto operations =
        awaitResult(m_client->listDeploymentOperations(kSub, QStringLiteral("rg1"), QStringLiteral("dep1")));
    QVERIFY2(operations.ok(), qPrintable(operations.error().toString()));
    QCOMPARE(operations.value().size(), 3);
    const ArmDeploymentOperation &ok = operations.value().at(0);
    QCOMPARE(ok.operationId, QStringLiteral("AAA"));
    QCOMPARE(ok.provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(ok.provisioningOperation, QStringLiteral("Create"));
    QCOMPARE(ok.statusCode, QStringLiteral("OK"));
    QCOMPARE(ok.statusMessage, QStringLiteral("Succeeded"));
    QCOMPARE(ok.duration, QStringLiteral("PT1M"));
    QCOMPARE(ok.timestamp, QDateTime(QDate(2026, 1, 1), QTime(0, 2), Qt::UTC));
    QCOMPARE(ok.targetResource.resourceName, QStringLiteral("ns1"));
    QCOMPARE(ok.targetResource.resourceType, QStringLiteral("Microsoft.EventHub/namespaces"));
    const ArmDeploymentOperation &failed = operations.value().at(1);
    QCOMPARE(failed.statusCode, QStringLiteral("Conflict"));
    QVERIFY(failed.error);
    QCOMPARE(failed.error->code, QStringLiteral("IotHubNameNotAvailable"));
    QCOMPARE(failed.statusMessage, QStringLiteral("IotHub name 'hub1' is not available"));
    QVERIFY(failed.isTerminal());
    QVERIFY(!operations.value().at(2).isTerminal());
    QCOMPARE(m_nam->requests().size(), 2);
    verifyRequest(m_nam->requests().at(0), "GET", kDeploymentPath + QStringLiteral("/operations"),
                  QStringLiteral("2025-04-01"));
    QCOMPARE(QUrlQuery(m_nam->requests().at(1).url).queryItemValue(QStringLiteral("$skiptoken")), QStringLiteral("2"));
}

void TestArmClient::cancelDeployment()
{
    const QString path = kDeploymentPath + QStringLiteral("/cancel");
    m_nam->on("POST", path, FakeNetworkAccessManager::empty(204));
    m_nam->on("POST", path,
              FakeNetworkAccessManager::json(409,
                                             cloudError(QStringLiteral("DeploymentCannotBeCanceled"),
                                                        QStringLiteral("The deployment 'dep1' cannot be canceled "
                                                                       "because it is in 'Succeeded' state."))));
    const Status canceled =
        awaitResult(m_client->cancelDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1")));
    QVERIFY2(canceled.ok(), qPrintable(canceled.error().toString()));
    verifyRequest(m_nam->requests().at(0), "POST", path, QStringLiteral("2025-04-01"));
    QVERIFY(m_nam->requests().at(0).body.isEmpty());

    const ServiceError error =
        awaitResult(m_client->cancelDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"))).error();
    QCOMPARE(error.kind(), Kind::Conflict);
    QCOMPARE(error.code(), QStringLiteral("DeploymentCannotBeCanceled"));
    QVERIFY(error.message().contains(QStringLiteral("cannot be canceled because it is in 'Succeeded' state")));
}

void TestArmClient::listKeys()
{
    const QString path = kRgPath + QStringLiteral("/providers/Microsoft.Devices/IotHubs/hub1/listkeys");
    m_nam->on("POST", path, FakeNetworkAccessManager::json(200, json(R"({"value":[
        {"keyName":"iothubowner","primaryKey":"cHJpbWFyeS1vd25lcg==","secondaryKey":"c2Vjb25kYXJ5LW93bmVy","rights":"RegistryWrite, ServiceConnect, DeviceConnect"},
        {"keyName":"registryReadWrite","primaryKey":"cHJpbWFyeS1ydw==","secondaryKey":"c2Vjb25kYXJ5LXJ3","rights":"RegistryWrite"}]})")));
    const auto keys = awaitResult(m_client->listIotHubKeys(kSub, QStringLiteral("rg1"), QStringLiteral("hub1")));
    QVERIFY2(keys.ok(), qPrintable(keys.error().toString()));
    QCOMPARE(keys.value().size(), 2);
    QCOMPARE(keys.value().at(0).keyName, QStringLiteral("iothubowner"));
    QCOMPARE(keys.value().at(0).primaryKey, QStringLiteral("cHJpbWFyeS1vd25lcg=="));
    QCOMPARE(keys.value().at(0).secondaryKey, QStringLiteral("c2Vjb25kYXJ5LW93bmVy"));
    QVERIFY(keys.value().at(0).hasRight(QStringLiteral("ServiceConnect")));
    QVERIFY(!keys.value().at(1).hasRight(QStringLiteral("ServiceConnect")));
    verifyRequest(m_nam->requests().first(), "POST", path, QStringLiteral("2023-06-30"));
    QVERIFY(m_nam->requests().first().body.isEmpty());
}

void TestArmClient::keyOfAPolicy()
{
    m_nam->on("POST", kRgPath + QStringLiteral("/providers/Microsoft.Devices/IotHubs/hub1/listkeys"),
              FakeNetworkAccessManager::json(200, json(R"({"value":[
        {"keyName":"iothubowner","primaryKey":"a2V5MQ==","secondaryKey":"a2V5Mg==","rights":"RegistryWrite, ServiceConnect, DeviceConnect"},
        {"keyName":"twinbridge","primaryKey":"a2V5Mw==","secondaryKey":"a2V5NA==","rights":"RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect"}]})")));
    const auto key = awaitResult(
        m_client->iotHubKey(kSub, QStringLiteral("rg1"), QStringLiteral("hub1"), QStringLiteral("twinbridge")));
    QVERIFY2(key.ok(), qPrintable(key.error().toString()));
    QCOMPARE(key.value().primaryKey, QStringLiteral("a2V5Mw=="));

    const ServiceError missing =
        awaitResult(m_client->iotHubKey(kSub, QStringLiteral("rg1"), QStringLiteral("hub1"), QStringLiteral("service")))
            .error();
    QCOMPARE(missing.kind(), Kind::NotFound);
    QVERIFY(missing.message().contains(QStringLiteral("iothubowner, twinbridge")));
    QVERIFY(!missing.message().contains(QStringLiteral("a2V5")));
}

void TestArmClient::sovereignCloudEndpoint()
{
    m_client->configure(EntraAuthority::usGovernment());
    m_nam->on("GET", QStringLiteral("/subscriptions"), FakeNetworkAccessManager::json(200, json(R"({"value":[]})")));
    QVERIFY(awaitResult(m_client->listSubscriptions()).ok());
    QCOMPARE(m_nam->requests().first().url.host(), QStringLiteral("management.usgovcloudapi.net"));
    QCOMPARE(m_credential->lastScopes, QStringList {QStringLiteral("https://management.usgovcloudapi.net/.default")});
}

void TestArmClient::tokenFailureIsReported()
{
    m_credential->failure = ServiceError(
        Kind::Unauthorized, QStringLiteral("The Azure sign-in has expired or was revoked. Sign in again."));
    m_credential->failure->setOperation(QStringLiteral("renew the Azure sign-in"));
    const ServiceError error = awaitResult(m_client->listSubscriptions()).error();
    QCOMPARE(error.kind(), Kind::Unauthorized);
    QVERIFY(error.toString().startsWith(QStringLiteral("Could not renew the Azure sign-in")));
    QVERIFY(m_nam->requests().isEmpty());

    ArmClient signedOut(m_nam, nullptr, m_clock);
    QCOMPARE(awaitResult(signedOut.listSubscriptions()).error().kind(), Kind::NotConfigured);
}

void TestArmClient::unauthorizedDropsTheCachedToken()
{
    m_nam->on("GET", QStringLiteral("/subscriptions"),
              FakeNetworkAccessManager::json(
                  401,
                  cloudError(QStringLiteral("ExpiredAuthenticationToken"),
                             QStringLiteral("The access token expiry UTC time is earlier than current UTC time."))));
    m_nam->on("GET", QStringLiteral("/subscriptions"), FakeNetworkAccessManager::json(200, json(R"({"value":[]})")));
    const ServiceError error = awaitResult(m_client->listSubscriptions()).error();
    QCOMPARE(error.kind(), Kind::Unauthorized);
    QVERIFY(error.message().contains(QStringLiteral("Sign in to Azure again")));
    m_credential->nextToken = QStringLiteral("arm-token-2");
    QVERIFY(awaitResult(m_client->listSubscriptions()).ok());
    QCOMPARE(m_credential->acquisitions, 2);
    QCOMPARE(m_nam->requests().last().header("Authorization"), QByteArray("Bearer arm-token-2"));
}

void TestArmClient::invalidNamesAreRejectedBeforeSending_data()
{
    QTest::addColumn<QString>("subscription");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<QString>("words");
    QTest::addRow("path in subscription") << "../x"
                                          << "rg1"
                                          << "dep1"
                                          << "subscription id";
    QTest::addRow("empty group") << kSub << ""
                                 << "dep1"
                                 << "resource group name";
    QTest::addRow("group with slash") << kSub << "rg/../../x"
                                      << "dep1"
                                      << "resource group name";
    QTest::addRow("group ends with dot") << kSub << "rg."
                                         << "dep1"
                                         << "resource group name";
    QTest::addRow("group too long") << kSub << QString(91, QLatin1Char('a')) << "dep1"
                                    << "resource group name";
    QTest::addRow("deployment with slash") << kSub << "rg1"
                                           << "a/b"
                                           << "deployment name";
    QTest::addRow("deployment too long") << kSub << "rg1" << QString(65, QLatin1Char('d')) << "deployment name";
}

void TestArmClient::invalidNamesAreRejectedBeforeSending()
{
    QFETCH(QString, subscription);
    QFETCH(QString, group);
    QFETCH(QString, deployment);
    QFETCH(QString, words);
    const ServiceError error = awaitResult(m_client->getDeployment(subscription, group, deployment)).error();
    QCOMPARE(error.kind(), Kind::InvalidInput);
    QVERIFY2(error.message().contains(words), qPrintable(error.message()));
    QVERIFY(m_nam->requests().isEmpty());

    // Letters, digits, '_', '-', '(', ')' and inner dots are fine.
    m_nam->on("GET", kSubPath + QStringLiteral("/resourcegroups/my_rg-(1).x"),
              FakeNetworkAccessManager::json(200, json(R"({"name":"my_rg-(1).x","location":"westeurope"})")));
    QVERIFY(awaitResult(m_client->getResourceGroup(kSub, QStringLiteral("my_rg-(1).x"))).ok());
}

namespace {

using Call = std::function<QFuture<ServiceError>(ArmClient *)>;

template<typename T>
QFuture<ServiceError> errorFuture(QFuture<Result<T>> future)
{
    return future.then([](Result<T> result) { return result.error(); });
}

struct NamedCall
{
    const char *name;
    bool readsBody;
    Call call;
};

QList<NamedCall> allCalls()
{
    const QString rg = QStringLiteral("rg1");
    const QString dep = QStringLiteral("dep1");
    return {
        {"listSubscriptions", true, [](ArmClient *c) { return errorFuture(c->listSubscriptions()); }},
        {"listLocations", true, [](ArmClient *c) { return errorFuture(c->listLocations(kSub)); }},
        {"getProvider", true,
         [](ArmClient *c) { return errorFuture(c->getProvider(kSub, QStringLiteral("Microsoft.Web"))); }},
        {"registerProvider", true,
         [](ArmClient *c) { return errorFuture(c->registerProvider(kSub, QStringLiteral("Microsoft.Web"))); }},
        {"listResourceGroups", true, [](ArmClient *c) { return errorFuture(c->listResourceGroups(kSub)); }},
        {"listIotHubs", true, [](ArmClient *c) { return errorFuture(c->listIotHubs(kSub)); }},
        {"checkIotHubNameAvailability", true,
         [](ArmClient *c) { return errorFuture(c->checkIotHubNameAvailability(kSub, QStringLiteral("hub1"))); }},
        {"createOrUpdateResourceGroup", true,
         [rg](ArmClient *c) {
             return errorFuture(c->createOrUpdateResourceGroup(kSub, rg, QStringLiteral("westeurope")));
         }},
        {"getResourceGroup", true, [rg](ArmClient *c) { return errorFuture(c->getResourceGroup(kSub, rg)); }},
        {"deleteResourceGroup", false, [rg](ArmClient *c) { return errorFuture(c->deleteResourceGroup(kSub, rg)); }},
        {"validateDeployment", true,
         [rg, dep](ArmClient *c) { return errorFuture(c->validateDeployment(kSub, rg, dep, sampleRequest())); }},
        {"whatIfDeployment", true,
         [rg, dep](ArmClient *c) { return errorFuture(c->whatIfDeployment(kSub, rg, dep, sampleRequest())); }},
        {"createDeployment", true,
         [rg, dep](ArmClient *c) { return errorFuture(c->createDeployment(kSub, rg, dep, sampleRequest())); }},
        {"getDeployment", true, [rg, dep](ArmClient *c) { return errorFuture(c->getDeployment(kSub, rg, dep)); }},
        {"listDeploymentOperations", true,
         [rg, dep](ArmClient *c) { return errorFuture(c->listDeploymentOperations(kSub, rg, dep)); }},
        {"cancelDeployment", false,
         [rg, dep](ArmClient *c) { return errorFuture(c->cancelDeployment(kSub, rg, dep)); }},
        {"listIotHubKeys", true,
         [rg](ArmClient *c) { return errorFuture(c->listIotHubKeys(kSub, rg, QStringLiteral("hub1"))); }},
        {"iotHubKey", true,
         [rg](ArmClient *c) {
             return errorFuture(c->iotHubKey(kSub, rg, QStringLiteral("hub1"), QStringLiteral("p")));
         }},
    };
}

} // namespace

void TestArmClient::everyMethodMapsErrors_data()
{
    QTest::addColumn<int>("call");
    QTest::addColumn<int>("status");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("words");
    const QList<NamedCall> calls = allCalls();
    const QList<std::tuple<int, Kind, QString>> statuses {
        {400, Kind::BadRequest, QStringLiteral("Correct the values")},
        {401, Kind::Unauthorized, QStringLiteral("Sign in to Azure again")},
        {403, Kind::Forbidden, QStringLiteral("Contributor")},
        {404, Kind::NotFound, QStringLiteral("right subscription")},
        {409, Kind::Conflict, QStringLiteral("Wait for other operations")},
        {412, Kind::PreconditionFailed, QStringLiteral("Reload")},
        {429, Kind::Throttled, QStringLiteral("throttling")},
        {500, Kind::ServerError, QStringLiteral("Azure's side")},
    };
    for (int i = 0; i < calls.size(); ++i) {
        for (const auto &[status, kind, words] : statuses)
            QTest::addRow("%s %d", calls.at(i).name, status) << i << status << kind << words;
    }
}

void TestArmClient::everyMethodMapsErrors()
{
    QFETCH(int, call);
    QFETCH(int, status);
    QFETCH(Kind, kind);
    QFETCH(QString, words);
    auto answer = FakeNetworkAccessManager::json(
        status, cloudError(QStringLiteral("SomeArmCode"), QStringLiteral("Azure refused this request")));
    if (status == 429)
        answer.header("Retry-After", "17");
    for (const char *method : {"GET", "PUT", "POST", "DELETE"})
        m_nam->on(method, QStringLiteral("^/subscriptions"), answer);
    QFuture<ServiceError> future = allCalls().at(call).call(m_client);
    QTRY_VERIFY(future.isFinished());
    const ServiceError error = future.result();
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.httpStatus(), status);
    QCOMPARE(error.code(), QStringLiteral("SomeArmCode"));
    QVERIFY2(error.message().contains(QStringLiteral("Azure refused this request")), qPrintable(error.message()));
    QVERIFY2(error.message().contains(words), qPrintable(error.message()));
    QVERIFY(error.toString().startsWith(QStringLiteral("Could not ")));
    if (status == 429)
        QCOMPARE(error.retryAfter(), 17000ms);
}

void TestArmClient::everyMethodRejectsMalformedAnswers_data()
{
    QTest::addColumn<int>("call");
    QTest::addColumn<QByteArray>("body");
    const QList<NamedCall> calls = allCalls();
    for (int i = 0; i < calls.size(); ++i) {
        if (!calls.at(i).readsBody)
            continue;
        QTest::addRow("%s html", calls.at(i).name) << i << QByteArray("<html><body>Sign in to the proxy</body></html>");
        QTest::addRow("%s wrong json", calls.at(i).name) << i << QByteArray(R"({"value":"nope","unexpected":true})");
    }
}

void TestArmClient::everyMethodRejectsMalformedAnswers()
{
    QFETCH(int, call);
    QFETCH(QByteArray, body);
    for (const char *method : {"GET", "PUT", "POST", "DELETE"})
        m_nam->on(method, QStringLiteral("^/subscriptions"),
                  FakeNetworkAccessManager::text(200, body, "application/json"));
    QFuture<ServiceError> future = allCalls().at(call).call(m_client);
    QTRY_VERIFY(future.isFinished());
    const ServiceError error = future.result();
    QCOMPARE(error.kind(), Kind::MalformedResponse);
    QVERIFY(error.message().contains(QStringLiteral("does not understand")));
    QVERIFY(!error.operation().isEmpty());
    QCOMPARE(m_clock->pendingCount(), 0); // nothing keeps polling a nonsense answer
}

QTEST_GUILESS_MAIN(TestArmClient)
#include "tst_armclient.moc"
