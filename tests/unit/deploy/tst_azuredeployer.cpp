// AzureDeployer against the fake network layer and a ManualClock: the pre-flight (unregistered providers, hub name),
// ARM errors keeping their code and details, nothing sent for an invalid plan, what-if after the resource group,
// a deployment's per-resource progress and the policy key fetched at the end, a failed deployment, one deployment
// at a time, cancel before and after Azure accepted the deployment, and uninstall.

#include "../azure/FakeTokenCredential.h"
#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"

#include "services/azure/ArmClient.h"
#include "services/core/Clock.h"
#include "services/deploy/AzureDeployer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;
using Kind = ServiceError::Kind;

Q_DECLARE_METATYPE(TwinBridge::ServiceError::Kind)

namespace {

const QString kSub = QStringLiteral("00000000-0000-0000-0000-000000000001");
const QString kSubPath = QStringLiteral("/subscriptions/00000000-0000-0000-0000-000000000001");
const QString kRgPath = kSubPath + QStringLiteral("/resourcegroups/rg-unit");
const QString kDeploymentPath = kRgPath + QStringLiteral("/providers/Microsoft.Resources/deployments/twinbridge");
const QString kStatusPath = kDeploymentPath + QStringLiteral("/operationStatuses/0858");
const QString kListKeysPath = kRgPath + QStringLiteral("/providers/Microsoft.Devices/IotHubs/iothub-unit01/listkeys");
const QString kKey = QStringLiteral("NNSXS.UNITTESTKEY.0123456789");
const QString kPolicyKey = QStringLiteral("cG9saWN5LWtleS0x");

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

DeploymentPlan plan()
{
    DeploymentPlan p;
    p.subscriptionId = kSub;
    p.resourceGroup = QStringLiteral("rg-unit");
    p.location = QStringLiteral("westeurope");
    p.nameSuffix = QStringLiteral("unit01");
    p.stackBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.applicationId = QStringLiteral("demo-app");
    p.stackApiKey = kKey;
    return p;
}

QJsonObject group()
{
    return json(R"({"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-unit","name":"rg-unit",
                    "location":"westeurope","properties":{"provisioningState":"Succeeded"}})");
}

QJsonObject provider(const QString &name, const QString &state)
{
    return {{QStringLiteral("namespace"), name}, {QStringLiteral("registrationState"), state}};
}

QJsonObject deployment(const QString &state)
{
    QJsonObject properties {{QStringLiteral("provisioningState"), state},
                            {QStringLiteral("timestamp"), QStringLiteral("2026-01-01T00:01:02Z")}};
    if (state == QLatin1String("Succeeded")) {
        properties.insert(QStringLiteral("outputs"), json(R"({
            "iotHubHostname":{"type":"String","value":"iothub-unit01.azure-devices.net"},
            "iotHubPolicyName":{"type":"String","value":"twinbridge"},
            "iotHubName":{"type":"String","value":"iothub-unit01"}})"));
    }
    return {{QStringLiteral("id"), kDeploymentPath},
            {QStringLiteral("name"), QStringLiteral("twinbridge")},
            {QStringLiteral("properties"), properties}};
}

QJsonObject operation(const QString &id, const QString &type, const QString &name, const QString &state)
{
    QJsonObject target;
    target.insert(QStringLiteral("id"),
                  QString(kRgPath + QStringLiteral("/providers/") + type + QLatin1Char('/') + name));
    target.insert(QStringLiteral("resourceType"), type);
    target.insert(QStringLiteral("resourceName"), name);
    QJsonObject properties;
    properties.insert(QStringLiteral("provisioningState"), state);
    properties.insert(QStringLiteral("provisioningOperation"), QStringLiteral("Create"));
    properties.insert(QStringLiteral("targetResource"), target);
    QJsonObject object;
    object.insert(QStringLiteral("operationId"), id);
    object.insert(QStringLiteral("properties"), properties);
    return object;
}

} // namespace

class TestAzureDeployer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void preflightListsUnregisteredProvidersAndTheHubName();
    void preflightKeepsArmErrors_data();
    void preflightKeepsArmErrors();
    void preflightFindsAnotherFreeHub_data();
    void preflightFindsAnotherFreeHub();
    void preflightKeepsHubListErrors();
    void anInvalidPlanSendsNothing();
    void validateEnsuresTheResourceGroupFirst();
    void validateRefusalKeepsAzureDetails();
    void whatIfEnsuresTheResourceGroupFirst();
    void deployReportsProgressAndFetchesThePolicyKey();
    void aFailedDeploymentKeepsItsDetails();
    void oneDeploymentAtATime();
    void cancelBeforeAzureAcceptedStopsBeforeThePut();
    void cancelWhileRunningAsksAzureToCancel();
    void registerProvidersOneAfterAnother();
    void uninstallDeletesTheResourceGroup();

private:
    template<typename T>
    Result<T> drive(const QFuture<Result<T>> &future);
    void onDeploymentRoutes();

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    FakeTokenCredential *m_credential = nullptr;
    ArmClient *m_arm = nullptr;
    AzureDeployer *m_deployer = nullptr;
};

void TestAzureDeployer::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
    m_credential = new FakeTokenCredential(m_clock);
    m_arm = new ArmClient(m_nam, m_credential, m_clock);
    m_arm->transport()->setRetryPolicy(RetryPolicy::none());
    m_arm->setPollInterval(1s);
    m_deployer = new AzureDeployer(m_arm);
}

void TestAzureDeployer::cleanup()
{
    delete m_deployer;
    delete m_arm;
    delete m_credential;
    delete m_nam;
    delete m_clock;
}

// Runs the ManualClock from one due callback to the next until the future finishes.
template<typename T>
Result<T> TestAzureDeployer::drive(const QFuture<Result<T>> &future)
{
    for (int step = 0; step < 100 && !future.isFinished(); ++step) {
        const bool due = QTest::qWaitFor([&] { return future.isFinished() || m_clock->pendingCount() > 0; }, 2000);
        if (due && !future.isFinished())
            m_clock->advanceToNext();
    }
    return awaitResult(future);
}

void TestAzureDeployer::onDeploymentRoutes()
{
    m_nam->on("PUT", kRgPath, FakeNetworkAccessManager::json(200, group()));
    m_nam->on("PUT", kDeploymentPath,
              FakeNetworkAccessManager::json(201, deployment(QStringLiteral("Accepted")))
                  .header("Azure-AsyncOperation",
                          "https://management.azure.com" + kStatusPath.toLatin1() + "?api-version=2025-04-01"));
}

void TestAzureDeployer::preflightListsUnregisteredProvidersAndTheHubName()
{
    for (const QString &name : ArmClient::requiredProviders()) {
        const bool registered = name != QLatin1String("Microsoft.EventHub") && name != QLatin1String("Microsoft.Web");
        m_nam->on(
            "GET", kSubPath + QStringLiteral("/providers/") + name,
            FakeNetworkAccessManager::json(
                200, provider(name, registered ? QStringLiteral("Registered") : QStringLiteral("NotRegistered"))));
    }
    m_nam->on("POST", kSubPath + QStringLiteral("/providers/Microsoft.Devices/checkNameAvailability"),
              FakeNetworkAccessManager::json(200, json(R"({"nameAvailable":false,"reason":"AlreadyExists",
                                                         "message":"IotHub name 'iothub-unit01' is not available"})")));
    const Result<DeploymentPreflight> found = awaitResult(m_deployer->preflight(plan()));
    QVERIFY2(found.ok(), qPrintable(found.error().toString()));
    QCOMPARE(found.value().unregisteredProviders,
             QStringList({QStringLiteral("Microsoft.EventHub"), QStringLiteral("Microsoft.Web")}));
    QVERIFY(!found.value().hubNameAvailable);
    QCOMPARE(found.value().hubNameReason, QStringLiteral("AlreadyExists"));
    QVERIFY(found.value().hubNameMessage.contains(QLatin1String("iothub-unit01")));
    const auto check = m_nam->requestsTo("POST",
                                         kSubPath +
                                             QStringLiteral("/providers/Microsoft.Devices/"
                                                            "checkNameAvailability"));
    QCOMPARE(check.size(), 1);
    QCOMPARE(json(check.constFirst().body).value(QLatin1String("name")).toString(), QStringLiteral("iothub-unit01"));
    QVERIFY(m_nam->unmatched().isEmpty());
}

void TestAzureDeployer::preflightKeepsArmErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("words");
    const QByteArray error = R"({"error":{"code":"%1","message":"%2"}})";
    QTest::addRow("400") << 400
                         << QByteArray(R"({"error":{"code":"InvalidApiVersionParameter","message":"bad version"}})")
                         << Kind::BadRequest << QStringLiteral("bad version");
    QTest::addRow("401") << 401 << QByteArray(R"({"error":{"code":"InvalidAuthenticationToken","message":"expired"}})")
                         << Kind::Unauthorized << QStringLiteral("expired");
    QTest::addRow("403") << 403
                         << QByteArray(R"({"error":{"code":"AuthorizationFailed","message":"no read on providers"}})")
                         << Kind::Forbidden << QStringLiteral("no read on providers");
    QTest::addRow("404") << 404 << QByteArray(R"({"error":{"code":"SubscriptionNotFound","message":"gone"}})")
                         << Kind::NotFound << QStringLiteral("gone");
    QTest::addRow("409") << 409 << QByteArray(R"({"error":{"code":"Conflict","message":"busy"}})") << Kind::Conflict
                         << QStringLiteral("busy");
    QTest::addRow("412") << 412 << QByteArray(R"({"error":{"code":"PreconditionFailed","message":"etag"}})")
                         << Kind::PreconditionFailed << QStringLiteral("etag");
    QTest::addRow("429") << 429 << QByteArray(R"({"error":{"code":"TooManyRequests","message":"slow down"}})")
                         << Kind::Throttled << QStringLiteral("slow down");
    QTest::addRow("500") << 500 << QByteArray(R"({"error":{"code":"InternalServerError","message":"oops"}})")
                         << Kind::ServerError << QStringLiteral("oops");
    QTest::addRow("malformed") << 200 << QByteArray("<html>not json</html>") << Kind::MalformedResponse << QString();
}

void TestAzureDeployer::preflightKeepsArmErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, words);
    m_nam->on("GET", kSubPath + QStringLiteral("/providers/Microsoft.Devices"),
              FakeNetworkAccessManager::text(status, body, "application/json"));
    const Result<DeploymentPreflight> found = awaitResult(m_deployer->preflight(plan()));
    QVERIFY(!found.ok());
    QCOMPARE(found.error().kind(), kind);
    QVERIFY2(found.error().toString().contains(words), qPrintable(found.error().toString()));
    if (status != 200)
        QCOMPARE(found.error().httpStatus(), status);
    // Nothing after the failed step.
    QCOMPARE(m_nam->requests().size(), 1);
}

namespace {

QJsonObject hubJson(const QString &group, const QString &name, const QString &sku)
{
    return {{QStringLiteral("id"),
             QStringLiteral("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/%1/providers/"
                            "Microsoft.Devices/IotHubs/%2")
                 .arg(group, name)},
            {QStringLiteral("name"), name},
            {QStringLiteral("type"), QStringLiteral("Microsoft.Devices/IotHubs")},
            {QStringLiteral("location"), QStringLiteral("westeurope")},
            {QStringLiteral("sku"), QJsonObject {{QStringLiteral("name"), sku}, {QStringLiteral("capacity"), 1}}}};
}

} // namespace

void TestAzureDeployer::preflightFindsAnotherFreeHub_data()
{
    QTest::addColumn<QString>("planSku");
    QTest::addColumn<QJsonArray>("hubs");
    QTest::addColumn<bool>("listed");
    QTest::addColumn<QString>("existing");
    QTest::addColumn<QString>("existingGroup");
    const QJsonArray otherFree {hubJson(QStringLiteral("rg-demo"), QStringLiteral("demo-hub"), QStringLiteral("S1")),
                                hubJson(QStringLiteral("rg-old"), QStringLiteral("old-free-hub"), QStringLiteral("F1"))};
    QTest::addRow("F1 with another Free hub") << "F1" << otherFree << true << "old-free-hub"
                                              << "rg-old";
    QTest::addRow("F1, the Free hub is the plan's own")
        << "F1" << QJsonArray {hubJson(QStringLiteral("rg-unit"), QStringLiteral("iothub-unit01"), QStringLiteral("F1"))}
        << true << "" << "";
    QTest::addRow("F1, only paid hubs")
        << "F1" << QJsonArray {hubJson(QStringLiteral("rg-demo"), QStringLiteral("demo-hub"), QStringLiteral("S1"))}
        << true << "" << "";
    QTest::addRow("F1, no hubs") << "F1" << QJsonArray {} << true << "" << "";
    QTest::addRow("S1 never asks") << "S1" << otherFree << false << "" << "";
}

void TestAzureDeployer::preflightFindsAnotherFreeHub()
{
    QFETCH(QString, planSku);
    QFETCH(QJsonArray, hubs);
    QFETCH(bool, listed);
    QFETCH(QString, existing);
    QFETCH(QString, existingGroup);
    for (const QString &name : ArmClient::requiredProviders())
        m_nam->on("GET", kSubPath + QStringLiteral("/providers/") + name,
                  FakeNetworkAccessManager::json(200, provider(name, QStringLiteral("Registered"))));
    m_nam->on("POST", kSubPath + QStringLiteral("/providers/Microsoft.Devices/checkNameAvailability"),
              FakeNetworkAccessManager::json(200, json(R"({"nameAvailable":true})")));
    const QString listPath = kSubPath + QStringLiteral("/providers/Microsoft.Devices/IotHubs");
    m_nam->on("GET", listPath, FakeNetworkAccessManager::json(200, QJsonObject {{QStringLiteral("value"), hubs}}));

    DeploymentPlan p = plan();
    p.hubSku = planSku == QLatin1String("F1") ? HubSku::F1 : HubSku::S1;
    const Result<DeploymentPreflight> found = awaitResult(m_deployer->preflight(p));
    QVERIFY2(found.ok(), qPrintable(found.error().toString()));
    QCOMPARE(found.value().existingFreeHub, existing);
    QCOMPARE(found.value().existingFreeHubResourceGroup, existingGroup);
    QVERIFY(found.value().hubNameAvailable);
    QCOMPARE(m_nam->requestsTo("GET", listPath).size(), listed ? 1 : 0);
    QVERIFY(m_nam->unmatched().isEmpty());
}

void TestAzureDeployer::preflightKeepsHubListErrors()
{
    for (const QString &name : ArmClient::requiredProviders())
        m_nam->on("GET", kSubPath + QStringLiteral("/providers/") + name,
                  FakeNetworkAccessManager::json(200, provider(name, QStringLiteral("Registered"))));
    m_nam->on("POST", kSubPath + QStringLiteral("/providers/Microsoft.Devices/checkNameAvailability"),
              FakeNetworkAccessManager::json(200, json(R"({"nameAvailable":true})")));
    m_nam->on("GET", kSubPath + QStringLiteral("/providers/Microsoft.Devices/IotHubs"),
              FakeNetworkAccessManager::json(
                  403, json(R"({"error":{"code":"AuthorizationFailed","message":"no read on IotHubs"}})")));
    DeploymentPlan p = plan();
    p.hubSku = HubSku::F1;
    const Result<DeploymentPreflight> found = awaitResult(m_deployer->preflight(p));
    QVERIFY(!found.ok());
    QCOMPARE(found.error().kind(), Kind::Forbidden);
    QCOMPARE(found.error().code(), QStringLiteral("AuthorizationFailed"));
    QVERIFY2(found.error().toString().contains(QLatin1String("IoT hubs")), qPrintable(found.error().toString()));
}

void TestAzureDeployer::validateEnsuresTheResourceGroupFirst()
{
    m_nam->on("PUT", kRgPath, FakeNetworkAccessManager::json(200, group()));
    m_nam->on("POST", kDeploymentPath + QStringLiteral("/validate"),
              FakeNetworkAccessManager::json(200, json(R"({"id":"x","name":"twinbridge","properties":{
        "provisioningState":"Succeeded","validatedResources":[
        {"id":"/subscriptions/x/resourceGroups/rg-unit/providers/Microsoft.Devices/IotHubs/iothub-unit01"}]}})")));
    QSignalSpy steps(m_deployer, &AzureDeployer::stepChanged);
    const Result<ArmDeploymentValidation> validation = drive(m_deployer->validate(plan()));
    QVERIFY2(validation.ok(), qPrintable(validation.error().toString()));
    QCOMPARE(validation.value().validatedResources.size(), 1);
    QCOMPARE(m_nam->requests().size(), 2);
    QCOMPARE(m_nam->requests().at(0).method, QByteArray("PUT"));
    QCOMPARE(m_nam->requests().at(0).path(), kRgPath);
    QCOMPARE(m_nam->requests().at(1).path(), kDeploymentPath + QStringLiteral("/validate"));
    QCOMPARE(json(m_nam->requests().at(1).body), plan().request().toJson());
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps.at(0).at(0).value<AzureDeployer::Step>(), AzureDeployer::Step::EnsuringResourceGroup);
}

void TestAzureDeployer::validateRefusalKeepsAzureDetails()
{
    m_nam->on("PUT", kRgPath, FakeNetworkAccessManager::json(200, group()));
    m_nam->on("POST", kDeploymentPath + QStringLiteral("/validate"),
              FakeNetworkAccessManager::json(400, json(R"({"error":{"code":"InvalidTemplateDeployment",
        "message":"The template deployment 'twinbridge' is not valid according to the validation procedure.",
        "details":[{"code":"PreflightValidationCheckFailed","message":"Preflight validation failed.",
          "details":[{"code":"400019","target":"sku.name",
                      "message":"Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = 2"},
                     {"code":"AccountNameInvalid","target":"stunit01!",
                      "message":"stunit01! is not a valid storage account name."}]}]}})")));
    const Result<ArmDeploymentValidation> validation = drive(m_deployer->validate(plan()));
    QVERIFY(!validation.ok());
    const ServiceError &error = validation.error();
    QCOMPARE(error.kind(), Kind::BadRequest);
    QCOMPARE(error.httpStatus(), 400);
    QCOMPARE(error.code(), QStringLiteral("InvalidTemplateDeployment"));
    // The innermost problem in the message, every node in the detail, the tree in the payload.
    QVERIFY2(error.message().contains(QLatin1String("Max number of Iot Hubs exceeded")), qPrintable(error.message()));
    for (const char *code : {"InvalidTemplateDeployment", "PreflightValidationCheckFailed", "400019",
                             "AccountNameInvalid"})
        QVERIFY2(error.detail().contains(QLatin1String(code)), qPrintable(error.detail()));
    QVERIFY(error.detail().contains(QLatin1String("not a valid storage account name")));
    const std::optional<CloudError> tree = CloudError::fromJson(error.payload().toObject());
    QVERIFY(tree);
    QCOMPARE(tree->details.size(), 1);
    QCOMPARE(tree->details.constFirst().details.size(), 2);
    QCOMPARE(tree->details.constFirst().details.at(1).code, QStringLiteral("AccountNameInvalid"));
    QVERIFY(!QString(error.toString() + error.detail()).contains(kKey));
    // Validation changes nothing: no deployment was created.
    QVERIFY(m_nam->requestsTo("PUT", kDeploymentPath).isEmpty());
}

void TestAzureDeployer::anInvalidPlanSendsNothing()
{
    DeploymentPlan bad = plan();
    bad.hubSku = HubSku::B1;
    for (const ServiceError &error :
         {awaitResult(m_deployer->preflight(bad)).error(), awaitResult(m_deployer->validate(bad)).error(),
          awaitResult(m_deployer->whatIf(bad)).error(), awaitResult(m_deployer->deploy(bad)).error()}) {
        QCOMPARE(error.kind(), Kind::InvalidInput);
        QVERIFY(error.message().contains(QLatin1String("hubSku")));
        QVERIFY(!error.toString().contains(kKey));
    }
    QVERIFY(m_nam->requests().isEmpty());
    QVERIFY(!m_deployer->isDeploying());
}

void TestAzureDeployer::whatIfEnsuresTheResourceGroupFirst()
{
    m_nam->on("PUT", kRgPath, FakeNetworkAccessManager::json(201, group()));
    m_nam->on("POST", kDeploymentPath + QStringLiteral("/whatIf"),
              FakeNetworkAccessManager::json(200, json(R"({"status":"Succeeded","properties":{"changes":[
        {"resourceId":"/subscriptions/x/resourceGroups/rg-unit/providers/Microsoft.Devices/IotHubs/iothub-unit01",
         "changeType":"Modify","delta":[{"path":"sku.capacity","propertyChangeType":"Modify","before":1,"after":2}]},
        {"resourceId":"/subscriptions/x/resourceGroups/rg-unit/providers/Microsoft.Web/sites/fn-unit01",
         "changeType":"NoChange"}]}})")));
    const Result<QList<WhatIfChange>> changes = drive(m_deployer->whatIf(plan()));
    QVERIFY2(changes.ok(), qPrintable(changes.error().toString()));
    QCOMPARE(changes.value().size(), 2);
    QCOMPARE(changes.value().at(0).changeType, QStringLiteral("Modify"));
    QCOMPARE(changes.value().at(1).changeType, QStringLiteral("NoChange"));
    QCOMPARE(m_nam->requests().size(), 2);
    QCOMPARE(m_nam->requests().at(0).method, QByteArray("PUT"));
    QCOMPARE(m_nam->requests().at(0).path(), kRgPath);
    QCOMPARE(json(m_nam->requests().at(0).body).value(QLatin1String("location")).toString(),
             QStringLiteral("westeurope"));
    QCOMPARE(json(m_nam->requests().at(1).body), plan().request().toJson());
}

void TestAzureDeployer::deployReportsProgressAndFetchesThePolicyKey()
{
    onDeploymentRoutes();
    m_nam->on("GET", kStatusPath, FakeNetworkAccessManager::json(200, json(R"({"status":"Running"})")));
    m_nam->on("GET", kStatusPath, FakeNetworkAccessManager::json(200, json(R"({"status":"Succeeded"})")));
    m_nam->on("GET", kDeploymentPath, FakeNetworkAccessManager::json(200, deployment(QStringLiteral("Succeeded"))));
    m_nam->on(
        "GET", kDeploymentPath + QStringLiteral("/operations"),
        FakeNetworkAccessManager::json(
            200,
            QJsonObject {{QStringLiteral("value"),
                          QJsonArray {operation(QStringLiteral("op1"), QStringLiteral("Microsoft.Devices/IotHubs"),
                                                QStringLiteral("iothub-unit01"), QStringLiteral("Succeeded")),
                                      operation(QStringLiteral("op2"), QStringLiteral("Microsoft.Web/sites"),
                                                QStringLiteral("fn-unit01"), QStringLiteral("Succeeded"))}}}));
    m_nam->on("POST", kListKeysPath, FakeNetworkAccessManager::json(200, json(R"({"value":[
        {"keyName":"twinbridge","primaryKey":"cG9saWN5LWtleS0x","secondaryKey":"cG9saWN5LWtleS0y",
         "rights":"RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect"}]})")));
    QSignalSpy operations(m_deployer, &AzureDeployer::operationChanged);
    QSignalSpy steps(m_deployer, &AzureDeployer::stepChanged);

    const auto future = m_deployer->deploy(plan());
    QVERIFY(m_deployer->isDeploying());
    const Result<DeploymentOutcome> outcome = drive(future);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
    QCOMPARE(outcome.value().hostName, QStringLiteral("iothub-unit01.azure-devices.net"));
    QCOMPARE(outcome.value().policyName, QStringLiteral("twinbridge"));
    QCOMPARE(outcome.value().policyKey, kPolicyKey);
    QCOMPARE(outcome.value().deployment.provisioningState, QStringLiteral("Succeeded"));
    QVERIFY(!m_deployer->isDeploying());

    QCOMPARE(operations.size(), 2);
    QCOMPARE(operations.at(0).at(0).value<ArmDeploymentOperation>().targetResource.resourceName,
             QStringLiteral("iothub-unit01"));
    QList<AzureDeployer::Step> seen;
    for (const QList<QVariant> &step : steps)
        seen.append(step.at(0).value<AzureDeployer::Step>());
    QCOMPARE(seen,
             QList<AzureDeployer::Step>({AzureDeployer::Step::EnsuringResourceGroup, AzureDeployer::Step::Deploying,
                                         AzureDeployer::Step::FetchingKey}));
    // The group first, then the deployment with the plan's request, the key last.
    QCOMPARE(m_nam->requests().constFirst().path(), kRgPath);
    QCOMPARE(m_nam->requestsTo("PUT", kDeploymentPath).size(), 1);
    QCOMPARE(json(m_nam->requestsTo("PUT", kDeploymentPath).constFirst().body), plan().request().toJson());
    QCOMPARE(m_nam->requests().constLast().path(), kListKeysPath);
}

void TestAzureDeployer::aFailedDeploymentKeepsItsDetails()
{
    m_nam->on("PUT", kRgPath, FakeNetworkAccessManager::json(200, group()));
    m_nam->on("PUT", kDeploymentPath,
              FakeNetworkAccessManager::json(400, json(R"({"error":{"code":"InvalidTemplateDeployment",
        "message":"The template deployment 'twinbridge' is not valid.",
        "details":[{"code":"InvalidTemplate","message":"Parameter 'iotHubSKU' has a value that is not allowed."}]}})")));
    const Result<DeploymentOutcome> outcome = drive(m_deployer->deploy(plan()));
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().kind(), Kind::BadRequest);
    QCOMPARE(outcome.error().code(), QStringLiteral("InvalidTemplateDeployment"));
    QVERIFY2(outcome.error().message().contains(QLatin1String("iotHubSKU")), qPrintable(outcome.error().message()));
    QVERIFY(!outcome.error().detail().isEmpty());
    QVERIFY(!QString(outcome.error().toString() + outcome.error().detail()).contains(kKey));
    QVERIFY(m_nam->requestsTo("POST", kListKeysPath).isEmpty());
    QVERIFY(!m_deployer->isDeploying());
}

void TestAzureDeployer::oneDeploymentAtATime()
{
    m_nam->on("PUT", kRgPath, FakeNetworkAccessManager::hanging());
    const auto first = m_deployer->deploy(plan());
    const Result<DeploymentOutcome> second = awaitResult(m_deployer->deploy(plan()));
    QVERIFY(!second.ok());
    QCOMPARE(second.error().kind(), Kind::Conflict);
    QVERIFY(second.error().message().contains(QLatin1String("already running")));
    QVERIFY(!first.isFinished());
}

void TestAzureDeployer::cancelBeforeAzureAcceptedStopsBeforeThePut()
{
    onDeploymentRoutes();
    const auto future = m_deployer->deploy(plan());
    QVERIFY(awaitResult(m_deployer->cancel()).ok());
    const Result<DeploymentOutcome> outcome = drive(future);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().kind(), Kind::Canceled);
    QVERIFY(m_nam->requestsTo("PUT", kDeploymentPath).isEmpty());
    QVERIFY(!m_deployer->isDeploying());
}

void TestAzureDeployer::cancelWhileRunningAsksAzureToCancel()
{
    auto state = std::make_shared<QString>(QStringLiteral("Running"));
    m_nam->setHandler(
        [state](const FakeNetworkAccessManager::Request &request) -> std::optional<FakeNetworkAccessManager::Response> {
            if (request.method == "POST" && request.path() == kDeploymentPath + QStringLiteral("/cancel")) {
                *state = QStringLiteral("Canceled");
                return FakeNetworkAccessManager::empty(204);
            }
            if (request.method == "GET" && request.path() == kStatusPath)
                return FakeNetworkAccessManager::json(200, QJsonObject {{QStringLiteral("status"), *state}});
            if (request.method == "GET" && request.path() == kDeploymentPath)
                return FakeNetworkAccessManager::json(200, deployment(*state));
            if (request.method == "GET" && request.path() == kDeploymentPath + QStringLiteral("/operations"))
                return FakeNetworkAccessManager::json(200, QJsonObject {{QStringLiteral("value"), QJsonArray()}});
            return std::nullopt;
        });
    onDeploymentRoutes();
    QSignalSpy states(m_deployer, &AzureDeployer::deploymentStateChanged);
    const auto future = m_deployer->deploy(plan());
    QTRY_VERIFY(!states.isEmpty()); // the watcher runs: Azure accepted the deployment
    QVERIFY(awaitResult(m_deployer->cancel()).ok());
    QCOMPARE(m_nam->requestsTo("POST", kDeploymentPath + QStringLiteral("/cancel")).size(), 1);
    const Result<DeploymentOutcome> outcome = drive(future);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().kind(), Kind::Canceled);
    QVERIFY2(outcome.error().message().contains(QLatin1String("rg-unit")), qPrintable(outcome.error().message()));
    QVERIFY(m_nam->requestsTo("POST", kListKeysPath).isEmpty());
    QVERIFY(!m_deployer->isDeploying());
}

void TestAzureDeployer::registerProvidersOneAfterAnother()
{
    for (const QString &name : {QStringLiteral("Microsoft.EventHub"), QStringLiteral("Microsoft.Web")}) {
        const QString path = kSubPath + QStringLiteral("/providers/") + name;
        m_nam->on("POST", path + QStringLiteral("/register"),
                  FakeNetworkAccessManager::json(200, provider(name, QStringLiteral("Registering"))));
        m_nam->on("GET", path, FakeNetworkAccessManager::json(200, provider(name, QStringLiteral("Registered"))));
    }
    const Status registered = drive(
        m_deployer->registerProviders(kSub, {QStringLiteral("Microsoft.EventHub"), QStringLiteral("Microsoft.Web")}));
    QVERIFY2(registered.ok(), qPrintable(registered.error().toString()));
    QStringList posts;
    for (const auto &request : m_nam->requests()) {
        if (request.method == "POST")
            posts.append(request.path().section(QLatin1Char('/'), -2, -2));
    }
    QCOMPARE(posts, QStringList({QStringLiteral("Microsoft.EventHub"), QStringLiteral("Microsoft.Web")}));
}

void TestAzureDeployer::uninstallDeletesTheResourceGroup()
{
    m_nam->on("DELETE", kRgPath, FakeNetworkAccessManager::empty(200));
    QSignalSpy steps(m_deployer, &AzureDeployer::stepChanged);
    const Status deleted = drive(m_deployer->uninstall(kSub, QStringLiteral("rg-unit")));
    QVERIFY2(deleted.ok(), qPrintable(deleted.error().toString()));
    QCOMPARE(steps.size(), 1);
    QCOMPARE(m_nam->requestsTo("DELETE", kRgPath).size(), 1);

    m_nam->clearRoutes();
    m_nam->on("DELETE", kRgPath, FakeNetworkAccessManager::json(403, json(R"({"error":{"code":"AuthorizationFailed",
        "message":"The client has no permission to delete resource groups."}})")));
    const Status refused = drive(m_deployer->uninstall(kSub, QStringLiteral("rg-unit")));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), Kind::Forbidden);
    QVERIFY(refused.error().message().contains(QLatin1String("no permission")));
}

QTEST_GUILESS_MAIN(TestAzureDeployer)
#include "tst_azuredeployer.moc"
