// resources/azure/main.json deployed through the sandbox's ARM stand-in with the engine's own ArmClient (issue 8,
// "Template tests"): validate, what-if, deploy, outputs without keys, the hub with only the least-privilege
// policy, its routes and the Function's settings; then a redeployment (update) that points the Function at a real
// Engine, and a working hub: an uplink is forwarded into the deployed hub, and a desired patch travels route →
// Event Hub → Function → the engine's ingest endpoint → a TTS downlink at the virtual device.

#include "DeploySandbox.h"
#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/AzureEndpoint.h"
#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/azure/ArmClient.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/engine/Engine.h"
#include "services/engine/EngineConfig.h"
#include "services/engine/SandboxFunctionRegistration.h"
#include "services/net/HttpTransport.h"
#include "services/iothub/DeviceTwin.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString kSubscription = QLatin1String(AzureDefaults::SubscriptionId);
const QString kGroup = QStringLiteral("rg-twinbridge");
const QString kSuffix = QStringLiteral("tb-demo-1");
const QString kHub = QStringLiteral("iothub-tb-demo-1");
const QString kApp = QStringLiteral("demo-app");
const QString kFirstKey = QStringLiteral("NNSXS.FIRST.DEPLOYMENT-KEY-0001");

QJsonObject mainTemplate()
{
    QFile file(QStringLiteral(TWINBRIDGE_SOURCE_DIR "/resources/azure/main.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read resources/azure/main.json");
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestDeployTemplate : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void validatesAndListsWhatItCreates();
    void refusesParametersOutsideTheirRules_data();
    void refusesParametersOutsideTheirRules();
    void deploysAWorkingLeastPrivilegeHubWhoseEventsReachTheEngine();
    void theRealFunctionCodeCarriesTwinEventsToTheEngine();

private:
    ArmDeploymentRequest request(const QString &stackBaseUrl, const QString &apiKey) const;
    QStringList allKeys() const;

    QTemporaryDir m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ClientSecretCredential> m_credential;
    std::unique_ptr<ArmClient> m_arm;
    std::unique_ptr<Engine> m_engine;
};

void TestDeployTemplate::init()
{
    QVERIFY(m_dir.isValid());
    const Status started = Test::startDeploySandbox(m_sandbox, m_dir.filePath(QStringLiteral("sandbox")));
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));

    Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_dir.filePath(QStringLiteral("sandbox")));
    QVERIFY(ca.ok());
    m_nam = std::make_unique<QNetworkAccessManager>();
    const QUrl base = m_sandbox->azureEndpoint()->url();
    EntraAuthority authority;
    authority.authorityHost = base;
    authority.tenant = QLatin1String(AzureDefaults::TenantId);
    authority.clientId = QLatin1String(AzureDefaults::ClientId);
    authority.armEndpoint = base;
    authority.armScope = QLatin1String(AzureDefaults::ArmScope);
    m_credential = std::make_unique<ClientSecretCredential>(authority, m_sandbox->entra()->clientSecret(), m_nam.get());
    m_credential->transport()->setSslConfiguration(ca.value().clientConfiguration());
    m_arm = std::make_unique<ArmClient>(m_nam.get(), m_credential.get());
    m_arm->configure(authority);
    m_arm->transport()->setSslConfiguration(ca.value().clientConfiguration());
    m_arm->setPollInterval(50ms);

    const auto group = Test::awaitResult(
        m_arm->createOrUpdateResourceGroup(kSubscription, kGroup, QStringLiteral("westeurope"), {}), 30000);
    QVERIFY2(group.ok(), qPrintable(group.error().toString()));
}

void TestDeployTemplate::cleanup()
{
    if (m_engine) {
        QVERIFY(Test::await(m_engine->stop(), 15000));
        m_engine.reset();
    }
    m_arm.reset();
    m_credential.reset();
    m_nam.reset();
    if (m_sandbox)
        QVERIFY(Test::await(m_sandbox->stop(), 20000));
    m_sandbox.reset();
    QDir(m_dir.path()).removeRecursively();
    QDir().mkpath(m_dir.path());
}

ArmDeploymentRequest TestDeployTemplate::request(const QString &stackBaseUrl, const QString &apiKey) const
{
    ArmDeploymentRequest request;
    request.templateContent = mainTemplate();
    request.parameterValues = QJsonObject {{QStringLiteral("nameSuffix"), kSuffix},
                                           {QStringLiteral("stackClusterAddress"), stackBaseUrl},
                                           {QStringLiteral("stackApplicationID"), kApp},
                                           {QStringLiteral("stackAPIKey"), apiKey},
                                           {QStringLiteral("iotHubSKU"), QStringLiteral("S1")}};
    return request;
}

// Every key the deployment created: hub policies, Event Hub rules, the storage account's.
QStringList TestDeployTemplate::allKeys() const
{
    QStringList keys;
    if (SandboxHub *hub = m_sandbox->hubs()->hub(kHub)) {
        for (const SharedAccessPolicy &policy : hub->policies())
            keys << QString::fromLatin1(policy.primaryKey) << QString::fromLatin1(policy.secondaryKey);
    }
    const QString rules = QStringLiteral("/subscriptions/%1/resourcegroups/%2/providers/Microsoft.EventHub/namespaces/"
                                         "evhubns-%3/eventhubs/Events/authorizationRules/%4/listKeys")
                              .arg(kSubscription, kGroup, kSuffix);
    for (const QString &rule : {QStringLiteral("Send"), QStringLiteral("Listen")}) {
        auto answer = Test::awaitResult(
            m_arm->send("POST", m_arm->url(rules.arg(rule), QStringLiteral("2024-01-01"))), 30000);
        if (answer.ok()) {
            const QJsonObject o = QJsonDocument::fromJson(answer.value().body).object();
            keys << o.value(QLatin1String("primaryKey")).toString() << o.value(QLatin1String("secondaryKey")).toString();
        }
    }
    keys.removeAll(QString());
    return keys;
}

void TestDeployTemplate::validatesAndListsWhatItCreates()
{
    const ArmDeploymentRequest deployment = request(QStringLiteral("https://eu1.cloud.thethings.network/api/v3"),
                                                    kFirstKey);
    const auto validated =
        Test::awaitResult(m_arm->validateDeployment(kSubscription, kGroup, QStringLiteral("twinbridge"), deployment),
                          30000);
    QVERIFY2(validated.ok(), qPrintable(validated.error().toString()));

    const auto whatIf = Test::awaitResult(
        m_arm->whatIfDeployment(kSubscription, kGroup, QStringLiteral("twinbridge"), deployment), 30000);
    QVERIFY2(whatIf.ok(), qPrintable(whatIf.error().toString()));
    QStringList created;
    for (const WhatIfChange &change : whatIf.value()) {
        QCOMPARE(change.changeType, QStringLiteral("Create"));
        created << change.resourceId.section(QLatin1String("/providers/"), 1);
    }
    created.sort();
    const QStringList expected {
        QStringLiteral("Microsoft.Devices/IotHubs/iothub-tb-demo-1"),
        QStringLiteral("Microsoft.EventHub/namespaces/evhubns-tb-demo-1"),
        QStringLiteral("Microsoft.EventHub/namespaces/evhubns-tb-demo-1/eventhubs/Events"),
        QStringLiteral("Microsoft.EventHub/namespaces/evhubns-tb-demo-1/eventhubs/Events/authorizationRules/Listen"),
        QStringLiteral("Microsoft.EventHub/namespaces/evhubns-tb-demo-1/eventhubs/Events/authorizationRules/Send"),
        QStringLiteral("Microsoft.Storage/storageAccounts/fnstortbdemo1"),
        QStringLiteral("Microsoft.Web/serverfarms/aps-tb-demo-1"),
        QStringLiteral("Microsoft.Web/sites/fn-tb-demo-1"),
        QStringLiteral("Microsoft.Web/sites/fn-tb-demo-1/functions/SubmitEvents"),
    };
    QCOMPARE(created, expected);
    QVERIFY(!m_sandbox->hubs()->hub(kHub)); // nothing deployed by validate or what-if
}

void TestDeployTemplate::refusesParametersOutsideTheirRules_data()
{
    QTest::addColumn<QString>("parameter");
    QTest::addColumn<QJsonValue>("value");
    QTest::addRow("basic tier (no twins)") << QStringLiteral("iotHubSKU") << QJsonValue(QStringLiteral("B1"));
    QTest::addRow("zero units") << QStringLiteral("iotHubCapacity") << QJsonValue(0);
    QTest::addRow("empty API key") << QStringLiteral("stackAPIKey") << QJsonValue(QString());
    QTest::addRow("unknown Event Hubs tier") << QStringLiteral("eventHubNamespaceSKU")
                                             << QJsonValue(QStringLiteral("Gold"));
}

void TestDeployTemplate::refusesParametersOutsideTheirRules()
{
    QFETCH(QString, parameter);
    QFETCH(QJsonValue, value);
    ArmDeploymentRequest deployment = request(QStringLiteral("https://eu1.cloud.thethings.network/api/v3"), kFirstKey);
    deployment.parameterValues.insert(parameter, value);
    const auto validated =
        Test::awaitResult(m_arm->validateDeployment(kSubscription, kGroup, QStringLiteral("twinbridge"), deployment),
                          30000);
    QVERIFY(!validated.ok());
    const QString text = validated.error().toString() + validated.error().detail();
    QVERIFY2(text.contains(QLatin1String("InvalidTemplate")) && text.contains(parameter), qPrintable(text));
}

void TestDeployTemplate::deploysAWorkingLeastPrivilegeHubWhoseEventsReachTheEngine()
{
    // 1. First deployment: TTS's address (the Function cannot reach it here; no event is sent yet).
    const auto first = Test::awaitResult(
        m_arm->createDeployment(kSubscription, kGroup, QStringLiteral("twinbridge"),
                                request(QStringLiteral("https://eu1.cloud.thethings.network/api/v3"), kFirstKey)),
        60000);
    QVERIFY2(first.ok(), qPrintable(first.error().toString()));
    const ArmDeployment deployed = first.value();
    QCOMPARE(deployed.provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(deployed.outputValue(QStringLiteral("iotHubHostname")).toString(),
             QStringLiteral("iothub-tb-demo-1.azure-devices.net"));
    QCOMPARE(deployed.outputValue(QStringLiteral("iotHubPolicyName")).toString(), QStringLiteral("twinbridge"));
    QCOMPARE(deployed.outputValue(QStringLiteral("functionAppName")).toString(), QStringLiteral("fn-tb-demo-1"));

    // The hub has exactly the least-privilege policy, and its routing is the template's.
    SandboxHub *hub = m_sandbox->hubs()->hub(kHub);
    QVERIFY(hub);
    QCOMPARE(hub->policies().size(), qsizetype(1));
    QCOMPARE(hub->policies().constFirst().keyName, QStringLiteral("twinbridge"));
    QCOMPARE(hub->policies().constFirst().rights, HubRight::RegistryRead | HubRight::RegistryWrite |
                                                      HubRight::ServiceConnect | HubRight::DeviceConnect);
    const RoutingConfiguration routing = m_sandbox->routing()->router(kHub)->configuration();
    QCOMPARE(routing.routes.size(), qsizetype(2));
    QCOMPARE(routing.eventHubEndpoints.size(), qsizetype(1));
    QCOMPARE(routing.eventHubEndpoints.constFirst().name, QStringLiteral("StackEvents"));
    QVERIFY(routing.fallbackRoute);
    QVERIFY(routing.function);
    QCOMPARE(routing.function->appSettings.value(QStringLiteral("STACK_API_KEY")), kFirstKey);

    // No key anywhere in what the deployment shows: outputs, the deployment resource, its operations.
    const QStringList keys = allKeys() << kFirstKey;
    QVERIFY(keys.size() >= 5);
    const QByteArray outputs = QJsonDocument(deployed.outputs).toJson();
    auto shown = Test::awaitResult(
        m_arm->send("GET", m_arm->url(QStringLiteral("/subscriptions/%1/resourcegroups/%2/providers/"
                                                     "Microsoft.Resources/deployments/twinbridge")
                                          .arg(kSubscription, kGroup),
                                      ArmClient::deploymentsApiVersion())),
        30000);
    QVERIFY(shown.ok());
    auto operations = Test::awaitResult(
        m_arm->listDeploymentOperations(kSubscription, kGroup, QStringLiteral("twinbridge")), 30000);
    QVERIFY(operations.ok());
    QCOMPARE(operations.value().size(), qsizetype(9));
    for (const QString &key : keys) {
        QVERIFY2(!outputs.contains(key.toUtf8()), "a key is in the outputs");
        QVERIFY2(!shown.value().body.contains(key.toUtf8()), "a key is in the deployment");
    }

    // 2. The policy key straight from listKeys (what the wizard puts into the keychain), and an engine on it.
    const auto policy = Test::awaitResult(m_arm->iotHubKey(kSubscription, kGroup, kHub, QStringLiteral("twinbridge")),
                                          30000);
    QVERIFY2(policy.ok(), qPrintable(policy.error().toString()));
    Result<EngineConfig> loaded = EngineConfig::fromSandboxFile(m_sandbox->descriptionPath());
    QVERIFY(loaded.ok());
    EngineConfig config = loaded.takeValue();
    config.profile.iotHub.hostName = deployed.outputValue(QStringLiteral("iotHubHostname")).toString();
    config.profile.iotHub.policyName = deployed.outputValue(QStringLiteral("iotHubPolicyName")).toString();
    config.secrets.hubPolicyKey = policy.value().primaryKey;
    config.secrets.ingestKey = EngineConfig::generateIngestKey();
    config.ingest.port = 0;
    config.dataDirectory = m_dir.filePath(QStringLiteral("outbox"));
    config.throttlesEnabled = false;
    config.statsInterval = 100ms;
    config.drainTimeout = 5s;
    m_engine = std::make_unique<Engine>(config);
    const Status started = Test::awaitResult(m_engine->start(), 15000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);

    // 3. Update: redeploy the same template (Incremental) with the engine's ingest address and key.
    const auto update = Test::awaitResult(
        m_arm->createDeployment(kSubscription, kGroup, QStringLiteral("twinbridge"),
                                request(m_engine->ingestBaseUrl(), config.secrets.ingestKey)),
        60000);
    QVERIFY2(update.ok(), qPrintable(update.error().toString()));
    QCOMPARE(m_sandbox->hubs()->hub(kHub)->policies().constFirst().primaryKey, policy.value().primaryKey.toLatin1());
    QCOMPARE(m_sandbox->routing()->router(kHub)->configuration().function->appSettings.value(
                 QStringLiteral("STACK_BASE_URL")),
             m_engine->ingestBaseUrl());

    // 4. The engine forwards an uplink into the deployed hub (creating the identity on demand).
    const QString device = QStringLiteral("dev-001");
    VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = kApp;
    uplink.deviceId = device;
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!m_sandbox->hubs()->hub(kHub)->recordedMessages(device, 0, 100).isEmpty(), 30000);

    // 5. A desired patch → route → Event Hub → Function → the engine's ingest → a TTS downlink.
    const QJsonObject patch = Test::rawDownlinkPatch(7, QStringLiteral("C0FFEE"));
    const Result<DeviceTwin> updated = m_sandbox->hubs()->hub(kHub)->updateTwin(device, patch, QStringLiteral("*"));
    QVERIFY2(updated.ok(), qPrintable(updated.error().toString()));
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->fleet()->deliveredDownlinks(kApp, device).size(), qsizetype(1), 30000);
    const VirtualDeviceFleet::DownlinkRecord queued = m_sandbox->fleet()->deliveredDownlinks(kApp, device).constFirst();
    QCOMPARE(queued.downlink.fPort, 7);
    QCOMPARE(queued.downlink.frmPayload, QByteArray::fromHex("C0FFEE"));
}

// The function's own code (resources/azure/function) between the sandbox's routing and a real engine: the
// sandbox's Function stand-in hands each Event Hub batch to tests/azure/function-host.js, which runs the real
// handler with the engine's ingest address and key; a desired patch on the sandbox hub becomes a TTS downlink.
void TestDeployTemplate::theRealFunctionCodeCarriesTwinEventsToTheEngine()
{
    Result<EngineConfig> loaded = EngineConfig::fromSandboxFile(m_sandbox->descriptionPath());
    QVERIFY(loaded.ok());
    EngineConfig config = loaded.takeValue();
    config.secrets.ingestKey = EngineConfig::generateIngestKey();
    config.ingest.port = 0;
    config.dataDirectory = m_dir.filePath(QStringLiteral("outbox"));
    config.throttlesEnabled = false;
    config.drainTimeout = 5s;
    m_engine = std::make_unique<Engine>(config);
    const Status started = Test::awaitResult(m_engine->start(), 15000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);

    QProcess host;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STACK_BASE_URL"), m_engine->ingestBaseUrl());
    environment.insert(QStringLiteral("STACK_APPLICATION_ID"), kApp);
    environment.insert(QStringLiteral("STACK_API_KEY"), config.secrets.ingestKey);
    host.setProcessEnvironment(environment);
    host.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString functionKey = QStringLiteral("function-host-key");
    host.start(QStringLiteral(TWINBRIDGE_NODE),
               {QStringLiteral(TWINBRIDGE_SOURCE_DIR "/tests/azure/function-host.js"), QStringLiteral("--key"),
                functionKey});
    QVERIFY2(host.waitForStarted(10000), qPrintable(host.errorString()));
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += host.readAllStandardOutput()).contains("listening "), 15000);
    const QString hostUrl =
        QString::fromUtf8(output.mid(output.indexOf("listening ") + 10)).section(QLatin1Char('\n'), 0, 0);

    // The sandbox hub's Function stand-in posts to the host, which runs the real function.
    HttpTransport transport(m_nam.get());
    const SandboxFunctionRegistration::Target target {
        QUrl(m_sandbox->description().value(QLatin1String("admin")).toString()), QStringLiteral("sandbox-hub"),
        hostUrl, kApp, functionKey};
    const Status registered = Test::awaitResult(SandboxFunctionRegistration::apply(&transport, target), 10000);
    QVERIFY2(registered.ok(), qPrintable(registered.error().toString()));

    const QString device = QStringLiteral("dev-001");
    VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = kApp;
    uplink.deviceId = device;
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok());
    SandboxHub *hub = m_sandbox->hubs()->hub(QStringLiteral("sandbox-hub"));
    QVERIFY(hub);
    QTRY_VERIFY_WITH_TIMEOUT(!hub->recordedMessages(device, 0, 100).isEmpty(), 30000);

    const QJsonObject patch {
        {QStringLiteral("properties"),
         QJsonObject {{QStringLiteral("desired"),
                       QJsonObject {{QStringLiteral("rawDownlink"),
                                     QJsonObject {{QStringLiteral("fPort"), 9},
                                                  {QStringLiteral("framePayload"), QStringLiteral("0A0B")},
                                                  {QStringLiteral("operation"), QStringLiteral("replace")}}}}}}}};
    const Result<DeviceTwin> updated = hub->updateTwin(device, patch, QStringLiteral("*"));
    QVERIFY2(updated.ok(), qPrintable(updated.error().toString()));
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->fleet()->deliveredDownlinks(kApp, device).size(), qsizetype(1), 30000);
    QCOMPARE(m_sandbox->fleet()->deliveredDownlinks(kApp, device).constFirst().downlink.frmPayload,
             QByteArray::fromHex("0A0B"));
    QTRY_VERIFY_WITH_TIMEOUT((output += host.readAllStandardOutput()).contains("event(s) accepted"), 10000);
    QVERIFY2(!output.contains(config.secrets.ingestKey.toUtf8()), "the function host printed the ingest key");

    host.terminate();
    QVERIFY(host.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestDeployTemplate)
#include "tst_deploytemplate.moc"
