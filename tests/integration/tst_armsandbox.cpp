// The engine's ArmClient (with ClientSecretCredential against the Entra stand-in) and ArmDeploymentWatcher against
// the sandbox's Resource Manager stand-in over real TLS sockets: an IoT Hub template deploys into a working hub a
// device connects to with the listkeys policy key; invalid templates fail with specific CloudErrors; validate,
// what-if, cancel, resource group deletion, restart from the state directory, and the 401 without a token.

#include "ArmTestTemplates.h"
#include "MqttTestClient.h"

#include "sandbox/Sandbox.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/azure/ArmClient.h"
#include "services/azure/ArmDeploymentWatcher.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/SasToken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using TwinBridge::Sandbox::Test::MqttTestClient;

#define AWAIT(future) QTRY_VERIFY_WITH_TIMEOUT((future).isFinished(), 30000)

using namespace ArmTestTemplates;

class TestArmSandbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void subscriptionLocationsProviders();
    void deployHubAndConnectDevice();
    void listsHubsAndResourceGroupsOfTheSubscription();
    void deployTtsStyleTemplate();
    void invalidTemplates_data();
    void invalidTemplates();
    void whatIfShowsChanges();
    void cancelRunningDeployment();
    void watcherReportsProgress();
    void watcherCancels();
    void deletingResourceGroupRemovesHub();
    void restartKeepsDeploymentAndHub();
    void withoutTokenIs401();

private:
    void startSandbox(double timeScale = 0.02);
    void stopSandbox();
    ArmDeployment deploy(const QString &resourceGroup, const QString &name, const QString &hubName);
    void createGroup(const QString &name);

    QTemporaryDir m_stateDir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ClientSecretCredential> m_credential;
    std::unique_ptr<ArmClient> m_arm;
    QSslConfiguration m_tls;
};

void TestArmSandbox::init()
{
    QVERIFY(m_stateDir.isValid());
    startSandbox();
}

void TestArmSandbox::cleanup()
{
    stopSandbox();
    QDir(m_stateDir.path()).removeRecursively();
    QDir().mkpath(m_stateDir.path());
}

void TestArmSandbox::startSandbox(double timeScale)
{
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_stateDir.path();
    options.throttlesEnabled = false;
    options.armTimeScale = timeScale;
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    // The TTS stand-in's mosquitto starts too; the sandbox is ready once it accepts connections.
    QFuture<Status> starting = m_sandbox->start();
    AWAIT(starting);
    const Status started = starting.result();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message()));
    ArmStandIn::Settings settings = m_sandbox->arm()->settings();
    settings.retryAfterSeconds = 0; // the client's poll interval below decides
    m_sandbox->arm()->setSettings(settings);

    Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_stateDir.path());
    QVERIFY(ca.ok());
    m_tls = ca.value().clientConfiguration();
    m_nam = std::make_unique<QNetworkAccessManager>();
    const QUrl base = m_sandbox->azureEndpoint()->url();
    EntraAuthority authority;
    authority.authorityHost = base;
    authority.tenant = QLatin1String(AzureDefaults::TenantId);
    authority.clientId = QLatin1String(AzureDefaults::ClientId);
    authority.armEndpoint = base;
    authority.armScope = QLatin1String(AzureDefaults::ArmScope);
    m_credential = std::make_unique<ClientSecretCredential>(authority, m_sandbox->entra()->clientSecret(), m_nam.get());
    m_credential->transport()->setSslConfiguration(m_tls);
    m_arm = std::make_unique<ArmClient>(m_nam.get(), m_credential.get());
    m_arm->configure(authority);
    m_arm->transport()->setSslConfiguration(m_tls);
    m_arm->setPollInterval(std::chrono::milliseconds(50));
}

void TestArmSandbox::stopSandbox()
{
    m_arm.reset();
    m_credential.reset();
    m_nam.reset();
    if (m_sandbox) {
        QFuture<void> stopping = m_sandbox->stop();
        QTRY_VERIFY_WITH_TIMEOUT(stopping.isFinished(), 20000);
    }
    m_sandbox.reset();
}

void TestArmSandbox::createGroup(const QString &name)
{
    auto group = m_arm->createOrUpdateResourceGroup(kSubscription, name, QStringLiteral("westeurope"),
                                                    {{QStringLiteral("owner"), QStringLiteral("tests")}});
    AWAIT(group);
    QVERIFY2(group.result().ok(), qPrintable(group.result().ok() ? QString() : group.result().error().toString()));
    QCOMPARE(group.result().value().location, QStringLiteral("westeurope"));
    QCOMPARE(group.result().value().provisioningState, QStringLiteral("Succeeded"));
}

ArmDeployment TestArmSandbox::deploy(const QString &resourceGroup, const QString &name, const QString &hubName)
{
    ArmDeploymentRequest request;
    request.templateContent = hubTemplate();
    request.parameterValues = QJsonObject {{QStringLiteral("hubName"), hubName}};
    auto deployment = m_arm->createDeployment(kSubscription, resourceGroup, name, request);
    [&] { AWAIT(deployment); }();
    if (!deployment.isFinished() || !deployment.result().ok()) {
        qWarning() << (deployment.isFinished() ? deployment.result().error().toString() : QStringLiteral("timeout"));
        return {};
    }
    return deployment.result().value();
}

void TestArmSandbox::subscriptionLocationsProviders()
{
    auto subscriptions = m_arm->listSubscriptions();
    AWAIT(subscriptions);
    QVERIFY(subscriptions.result().ok());
    QCOMPARE(subscriptions.result().value().size(), 1);
    QCOMPARE(subscriptions.result().value().constFirst().subscriptionId, kSubscription);
    QCOMPARE(subscriptions.result().value().constFirst().tenantId, QLatin1String(AzureDefaults::TenantId));

    auto locations = m_arm->listLocations(kSubscription);
    AWAIT(locations);
    QVERIFY(locations.result().ok());
    bool westEurope = false;
    for (const ArmLocation &location : locations.result().value())
        westEurope = westEurope ||
            (location.name == QLatin1String("westeurope") && location.displayName == QLatin1String("West Europe"));
    QVERIFY(westEurope);

    auto before = m_arm->getProvider(kSubscription, QStringLiteral("Microsoft.Devices"));
    AWAIT(before);
    QVERIFY(before.result().ok());
    QCOMPARE(before.result().value().registrationState, QStringLiteral("NotRegistered"));
    auto registered = m_arm->registerProvider(kSubscription, QStringLiteral("Microsoft.Devices"));
    AWAIT(registered);
    QVERIFY2(registered.result().ok(),
             qPrintable(registered.result().ok() ? QString() : registered.result().error().toString()));
    QCOMPARE(registered.result().value().registrationState, QStringLiteral("Registered"));
    QCOMPARE(m_sandbox->arm()->providerState(QStringLiteral("microsoft.devices")), QStringLiteral("Registered"));

    auto unknown = m_arm->getProvider(kSubscription, QStringLiteral("Microsoft.Nothing"));
    AWAIT(unknown);
    QVERIFY(!unknown.result().ok());
    QVERIFY(unknown.result().error().detail().contains(QStringLiteral("InvalidResourceNamespace")));

    auto available = m_arm->checkIotHubNameAvailability(kSubscription, QStringLiteral("fresh-hub-name"));
    AWAIT(available);
    QVERIFY(available.result().ok());
    QVERIFY(available.result().value().nameAvailable);
    // The sandbox's own hub has the name already; an invalid name says so.
    auto taken = m_arm->checkIotHubNameAvailability(kSubscription, QStringLiteral("sandbox-hub"));
    AWAIT(taken);
    QVERIFY(!taken.result().value().nameAvailable);
    QCOMPARE(taken.result().value().reason, QStringLiteral("AlreadyExists"));
    auto invalid = m_arm->checkIotHubNameAvailability(kSubscription, QStringLiteral("-bad-"));
    AWAIT(invalid);
    QCOMPARE(invalid.result().value().reason, QStringLiteral("Invalid"));
}

void TestArmSandbox::deployHubAndConnectDevice()
{
    createGroup(QStringLiteral("rg-deploy"));

    ArmDeploymentRequest request;
    request.templateContent = hubTemplate();
    request.parameterValues = QJsonObject {{QStringLiteral("hubName"), QStringLiteral("arm-hub-1")}};
    auto validation =
        m_arm->validateDeployment(kSubscription, QStringLiteral("rg-deploy"), QStringLiteral("d1"), request);
    AWAIT(validation);
    QVERIFY2(validation.result().ok(),
             qPrintable(validation.result().ok() ? QString() : validation.result().error().toString()));
    QCOMPARE(validation.result().value().validatedResources.size(), 1);
    QVERIFY(validation.result().value().validatedResources.constFirst().endsWith(QStringLiteral("/IotHubs/arm-hub-1")));
    QVERIFY(!m_sandbox->hubs()->hub(QStringLiteral("arm-hub-1"))); // validate creates nothing

    QSignalSpy accepted(m_arm.get(), &ArmClient::deploymentAccepted);
    const ArmDeployment deployment =
        deploy(QStringLiteral("rg-deploy"), QStringLiteral("d1"), QStringLiteral("arm-hub-1"));
    QCOMPARE(deployment.provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(accepted.at(0).at(0).value<ArmDeployment>().provisioningState, QStringLiteral("Accepted"));
    QCOMPARE(deployment.outputValue(QStringLiteral("hostName")).toString(),
             QStringLiteral("arm-hub-1.azure-devices.net"));
    QCOMPARE(deployment.outputValue(QStringLiteral("policy")).toString(), QStringLiteral("twinbridge"));
    QVERIFY(deployment.outputValue(QStringLiteral("tag")).toString().startsWith(QStringLiteral("tb-")));
    QCOMPARE(deployment.outputValue(QStringLiteral("tag")).toString().size(), 9);
    QCOMPARE(deployment.outputResources.size(), 1);

    // Per-resource operations with timestamps and durations.
    auto operations = m_arm->listDeploymentOperations(kSubscription, QStringLiteral("rg-deploy"), QStringLiteral("d1"));
    AWAIT(operations);
    QVERIFY(operations.result().ok());
    QCOMPARE(operations.result().value().size(), 1);
    const ArmDeploymentOperation operation = operations.result().value().constFirst();
    QCOMPARE(operation.provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(operation.provisioningOperation, QStringLiteral("Create"));
    QCOMPARE(operation.statusCode, QStringLiteral("Created"));
    QCOMPARE(operation.targetResource.resourceType, QStringLiteral("Microsoft.Devices/IotHubs"));
    QCOMPARE(operation.targetResource.resourceName, QStringLiteral("arm-hub-1"));
    QVERIFY(operation.timestamp.isValid());
    QVERIFY(operation.duration.startsWith(QStringLiteral("PT")));

    // A real hub with the template's SKU and policies; listkeys gives the keys it checks.
    SandboxHub *hub = m_sandbox->hubs()->hub(QStringLiteral("arm-hub-1"));
    QVERIFY(hub);
    QCOMPARE(hub->policies().size(), 2);
    auto key = m_arm->iotHubKey(kSubscription, QStringLiteral("rg-deploy"), QStringLiteral("arm-hub-1"),
                                QStringLiteral("twinbridge"));
    AWAIT(key);
    QVERIFY2(key.result().ok(), qPrintable(key.result().ok() ? QString() : key.result().error().toString()));
    QVERIFY(key.result().value().hasRight(QStringLiteral("DeviceConnect")));
    QCOMPARE(key.result().value().primaryKey.toLatin1(), hub->policy(QStringLiteral("twinbridge"))->primaryKey);

    // A device connects over the device MQTT endpoint with a token signed by that policy key.
    DeviceIdentity device;
    device.deviceId = QStringLiteral("lora-arm-1");
    QVERIFY(hub->createDevice(device).ok());
    MqttTestClient mqtt(m_tls);
    QVERIFY(mqtt.open(m_sandbox->mqttPort(), hub->hostName()));
    const QString token = SasToken::sign(SasToken::deviceResource(hub->hostName(), device.deviceId),
                                         key.result().value().primaryKey.toLatin1(),
                                         QDateTime::currentSecsSinceEpoch() + 3600, QStringLiteral("twinbridge"));
    const std::optional<MqttPacket> connack =
        mqtt.connectAs(device.deviceId, hub->hostName() + QStringLiteral("/lora-arm-1/?api-version=2021-04-12"), token);
    QVERIFY(connack);
    QCOMPARE(connack->type, MqttPacketType::Connack);
    QCOMPARE(connack->connackCode, MqttConnackCode::Accepted);

    // The name is taken now; a second deployment of the same hub into another group is refused before deploying.
    auto taken = m_arm->checkIotHubNameAvailability(kSubscription, QStringLiteral("arm-hub-1"));
    AWAIT(taken);
    QVERIFY(!taken.result().value().nameAvailable);
    createGroup(QStringLiteral("rg-other"));
    auto clash = m_arm->validateDeployment(kSubscription, QStringLiteral("rg-other"), QStringLiteral("d2"), request);
    AWAIT(clash);
    QVERIFY(!clash.result().ok());
    QVERIFY(clash.result().error().detail().contains(QStringLiteral("IotHubNameNotAvailable")));
}

void TestArmSandbox::listsHubsAndResourceGroupsOfTheSubscription()
{
    auto none = m_arm->listIotHubs(kSubscription);
    AWAIT(none);
    QVERIFY2(none.result().ok(), qPrintable(none.result().ok() ? QString() : none.result().error().toString()));
    QVERIFY(none.result().value().isEmpty()); // the sandbox's own hub is no ARM resource

    createGroup(QStringLiteral("rg-free"));
    createGroup(QStringLiteral("rg-paid"));
    for (const auto &[group, hub, sku, units] :
         {std::tuple {QStringLiteral("rg-free"), QStringLiteral("free-hub"), QStringLiteral("F1"), 1},
          std::tuple {QStringLiteral("rg-paid"), QStringLiteral("paid-hub"), QStringLiteral("S1"), 2}}) {
        ArmDeploymentRequest request;
        request.templateContent = hubTemplate();
        request.parameterValues = QJsonObject {{QStringLiteral("hubName"), hub},
                                               {QStringLiteral("skuName"), sku},
                                               {QStringLiteral("units"), units}};
        auto deployment = m_arm->createDeployment(kSubscription, group, QStringLiteral("d"), request);
        AWAIT(deployment);
        QVERIFY2(deployment.result().ok(),
                 qPrintable(deployment.result().ok() ? QString() : deployment.result().error().toString()));
    }

    auto hubs = m_arm->listIotHubs(kSubscription);
    AWAIT(hubs);
    QVERIFY2(hubs.result().ok(), qPrintable(hubs.result().ok() ? QString() : hubs.result().error().toString()));
    QMap<QString, ArmIotHub> byName;
    for (const ArmIotHub &hub : hubs.result().value())
        byName.insert(hub.name, hub);
    QCOMPARE(byName.keys(), (QStringList {QStringLiteral("free-hub"), QStringLiteral("paid-hub")}));
    QCOMPARE(byName.value(QStringLiteral("free-hub")).skuName, QStringLiteral("F1"));
    QVERIFY(byName.value(QStringLiteral("free-hub")).isFree());
    QCOMPARE(byName.value(QStringLiteral("free-hub")).resourceGroup, QStringLiteral("rg-free"));
    QCOMPARE(byName.value(QStringLiteral("free-hub")).location, QStringLiteral("westeurope"));
    QCOMPARE(byName.value(QStringLiteral("paid-hub")).skuName, QStringLiteral("S1"));
    QCOMPARE(byName.value(QStringLiteral("paid-hub")).capacity, 2);
    QCOMPARE(byName.value(QStringLiteral("paid-hub")).resourceGroup, QStringLiteral("rg-paid"));

    auto groups = m_arm->listResourceGroups(kSubscription);
    AWAIT(groups);
    QVERIFY2(groups.result().ok(), qPrintable(groups.result().ok() ? QString() : groups.result().error().toString()));
    QStringList groupNames;
    for (const ArmResourceGroup &group : groups.result().value())
        groupNames << group.name;
    QVERIFY2(groupNames.contains(QStringLiteral("rg-free")) && groupNames.contains(QStringLiteral("rg-paid")),
             qPrintable(groupNames.join(QLatin1Char(','))));

    // Deleting a group takes its hub out of the list.
    auto deleted = m_arm->deleteResourceGroup(kSubscription, QStringLiteral("rg-free"));
    AWAIT(deleted);
    QVERIFY(deleted.result().ok());
    auto after = m_arm->listIotHubs(kSubscription);
    AWAIT(after);
    QVERIFY(after.result().ok());
    QCOMPARE(after.result().value().size(), 1);
    QCOMPARE(after.result().value().constFirst().name, QStringLiteral("paid-hub"));
}

void TestArmSandbox::deployTtsStyleTemplate()
{
    createGroup(QStringLiteral("rg-tts"));
    ArmDeploymentRequest request;
    request.templateContent = ttsTemplate();
    request.parameterValues =
        QJsonObject {{QStringLiteral("nameSuffix"), QStringLiteral("tts-1")},
                     {QStringLiteral("stackClusterAddress"), QStringLiteral("https://tts.example/api/v3")},
                     {QStringLiteral("stackApplicationID"), QStringLiteral("demo-app")},
                     {QStringLiteral("stackAPIKey"), QStringLiteral("NNSXS.ARM.SECRET")}};
    auto deployment = m_arm->createDeployment(kSubscription, QStringLiteral("rg-tts"), QStringLiteral("tts"), request);
    AWAIT(deployment);
    QVERIFY2(deployment.result().ok(),
             qPrintable(deployment.result().ok() ? QString() : deployment.result().error().toString()));
    const ArmDeployment result = deployment.result().value();
    QCOMPARE(result.outputValue(QStringLiteral("iotHubHostname")).toString(),
             QStringLiteral("iothub-tts-1.azure-devices.net"));
    SandboxHub *hub = m_sandbox->hubs()->hub(QStringLiteral("iothub-tts-1"));
    QVERIFY(hub);
    // IoT Hub's default policies, iothubowner first: the output is its key.
    QCOMPARE(hub->policies().constFirst().keyName, QStringLiteral("iothubowner"));
    QCOMPARE(result.outputValue(QStringLiteral("iotHubOwnerKey")).toString().toLatin1(),
             hub->policies().constFirst().primaryKey);
    QCOMPARE(result.outputResources.size(), 10);

    // Every resource has an operation, in an order that respects dependsOn.
    auto operations = m_arm->listDeploymentOperations(kSubscription, QStringLiteral("rg-tts"), QStringLiteral("tts"));
    AWAIT(operations);
    QCOMPARE(operations.result().value().size(), 10);
    QHash<QString, QDateTime> finished;
    for (const ArmDeploymentOperation &operation : operations.result().value()) {
        QCOMPARE(operation.provisioningState, QStringLiteral("Succeeded"));
        finished.insert(operation.targetResource.resourceType, operation.timestamp);
    }
    QVERIFY(finished.value(QStringLiteral("Microsoft.EventHub/namespaces")) <=
            finished.value(QStringLiteral("Microsoft.Devices/IotHubs")));
    QVERIFY(finished.value(QStringLiteral("Microsoft.Web/sites")) <=
            finished.value(QStringLiteral("Microsoft.Web/sites/functions")));

    // The hub routes like TTS's template, to the Event Hub behind the Send rule, and its Function stand-in has the
    // function app's settings.
    const RoutingConfiguration routing = m_sandbox->routing()->router(QStringLiteral("iothub-tts-1"))->configuration();
    QCOMPARE(routing.routes.size(), 2);
    QCOMPARE(routing.eventHubEndpoints.size(), 1);
    QCOMPARE(routing.eventHubEndpoints.constFirst().name, QStringLiteral("StackEvents"));
    QVERIFY(routing.fallbackRoute);
    QVERIFY(routing.function);
    QCOMPARE(routing.function->appSettings.value(QStringLiteral("STACK_BASE_URL")),
             QStringLiteral("https://tts.example/api/v3"));
    QCOMPARE(routing.function->appSettings.value(QStringLiteral("STACK_APPLICATION_ID")), QStringLiteral("demo-app"));
    QCOMPARE(routing.function->appSettings.value(QStringLiteral("STACK_API_KEY")), QStringLiteral("NNSXS.ARM.SECRET"));

    // The deployment shows the secure parameter without its value.
    auto read = m_arm->send("GET",
                            m_arm->url(QStringLiteral("/subscriptions/%1/resourcegroups/rg-tts/providers/"
                                                      "Microsoft.Resources/deployments/tts")
                                           .arg(kSubscription),
                                       ArmClient::deploymentsApiVersion()));
    AWAIT(read);
    QVERIFY(read.result().ok());
    QCOMPARE(read.result().value().status, 200);
    const QJsonObject parameters = QJsonDocument::fromJson(read.result().value().body)
                                       .object()
                                       .value(QStringLiteral("properties"))
                                       .toObject()
                                       .value(QStringLiteral("parameters"))
                                       .toObject();
    const QJsonObject secureParameter {{QStringLiteral("type"), QStringLiteral("SecureString")}};
    QCOMPARE(parameters.value(QStringLiteral("stackAPIKey")).toObject(), secureParameter);
    QVERIFY(!read.result().value().body.contains("NNSXS.ARM.SECRET"));
}

void TestArmSandbox::invalidTemplates_data()
{
    QTest::addColumn<QByteArray>("templateText");
    QTest::addColumn<QJsonObject>("parameters");
    QTest::addColumn<QStringList>("expected"); // codes and words in the error tree
    for (const InvalidCase &item : invalidCases())
        QTest::addRow("%s", item.name) << item.templateText << item.parameters << item.expected;
}

void TestArmSandbox::invalidTemplates()
{
    QFETCH(QByteArray, templateText);
    QFETCH(QJsonObject, parameters);
    QFETCH(QStringList, expected);
    createGroup(QStringLiteral("rg-invalid"));
    QJsonParseError parseError;
    ArmDeploymentRequest request;
    request.templateContent = QJsonDocument::fromJson(templateText, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    request.parameterValues = parameters;

    // Validate and the deployment itself refuse it the same way, and nothing is deployed.
    auto validation =
        m_arm->validateDeployment(kSubscription, QStringLiteral("rg-invalid"), QStringLiteral("bad"), request);
    AWAIT(validation);
    QVERIFY(!validation.result().ok());
    auto deployment =
        m_arm->createDeployment(kSubscription, QStringLiteral("rg-invalid"), QStringLiteral("bad"), request);
    AWAIT(deployment);
    QVERIFY(!deployment.result().ok());
    for (const ServiceError &error : {validation.result().error(), deployment.result().error()}) {
        QCOMPARE(error.httpStatus(), 400);
        const QString text = error.detail() + QLatin1Char('\n') + error.message();
        for (const QString &word : expected)
            QVERIFY2(text.contains(word), qPrintable(word + QStringLiteral(" not in: ") + text));
    }
    QVERIFY(!m_sandbox->hubs()->hub(QStringLiteral("bad-hub-x")));
    QVERIFY(!m_sandbox->arm()->deployment(QStringLiteral("rg-invalid"), QStringLiteral("bad")));
}

void TestArmSandbox::whatIfShowsChanges()
{
    createGroup(QStringLiteral("rg-whatif"));
    ArmDeploymentRequest request;
    request.templateContent = hubTemplate();
    request.parameterValues = QJsonObject {{QStringLiteral("hubName"), QStringLiteral("whatif-hub")}};
    auto before = m_arm->whatIfDeployment(kSubscription, QStringLiteral("rg-whatif"), QStringLiteral("w"), request);
    AWAIT(before);
    QVERIFY2(before.result().ok(), qPrintable(before.result().ok() ? QString() : before.result().error().toString()));
    QCOMPARE(before.result().value().size(), 1);
    QCOMPARE(before.result().value().constFirst().changeType, QStringLiteral("Create"));
    QVERIFY(!m_sandbox->hubs()->hub(QStringLiteral("whatif-hub")));

    QCOMPARE(deploy(QStringLiteral("rg-whatif"), QStringLiteral("w"), QStringLiteral("whatif-hub")).provisioningState,
             QStringLiteral("Succeeded"));
    auto same = m_arm->whatIfDeployment(kSubscription, QStringLiteral("rg-whatif"), QStringLiteral("w"), request);
    AWAIT(same);
    QVERIFY(same.result().ok());
    QCOMPARE(same.result().value().constFirst().changeType, QStringLiteral("NoChange"));

    request.parameterValues.insert(QStringLiteral("skuName"), QStringLiteral("S2"));
    auto modified = m_arm->whatIfDeployment(kSubscription, QStringLiteral("rg-whatif"), QStringLiteral("w"), request);
    AWAIT(modified);
    QVERIFY(modified.result().ok());
    const WhatIfChange change = modified.result().value().constFirst();
    QCOMPARE(change.changeType, QStringLiteral("Modify"));
    QCOMPARE(change.delta.first().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("sku"));
    QCOMPARE(m_sandbox->hubs()->hub(QStringLiteral("whatif-hub"))->sku(), HubSku::S1); // what-if changes nothing
}

void TestArmSandbox::cancelRunningDeployment()
{
    stopSandbox();
    startSandbox(20.0); // the hub takes a minute of sandbox time: long enough to cancel
    createGroup(QStringLiteral("rg-cancel"));
    ArmDeploymentRequest request;
    request.templateContent = hubTemplate();
    request.parameterValues = QJsonObject {{QStringLiteral("hubName"), QStringLiteral("cancel-hub")}};
    QSignalSpy accepted(m_arm.get(), &ArmClient::deploymentAccepted);
    auto deployment = m_arm->createDeployment(kSubscription, QStringLiteral("rg-cancel"), QStringLiteral("c"), request);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 20000);
    auto cancel = m_arm->cancelDeployment(kSubscription, QStringLiteral("rg-cancel"), QStringLiteral("c"));
    AWAIT(cancel);
    QVERIFY2(cancel.result().ok(), qPrintable(cancel.result().ok() ? QString() : cancel.result().error().toString()));
    AWAIT(deployment);
    QVERIFY(!deployment.result().ok());
    QCOMPARE(deployment.result().error().kind(), ServiceError::Kind::Canceled);
    QCOMPARE(m_sandbox->arm()->deployment(QStringLiteral("rg-cancel"), QStringLiteral("c"))->state,
             QStringLiteral("Canceled"));
    QVERIFY(!m_sandbox->hubs()->hub(QStringLiteral("cancel-hub")));

    // A finished deployment cannot be canceled: 409.
    auto again = m_arm->cancelDeployment(kSubscription, QStringLiteral("rg-cancel"), QStringLiteral("c"));
    AWAIT(again);
    QVERIFY(!again.result().ok());
    QCOMPARE(again.result().error().httpStatus(), 409);
    QVERIFY(again.result().error().detail().contains(QStringLiteral("DeploymentCannotBeCancelled")));
}

void TestArmSandbox::watcherReportsProgress()
{
    createGroup(QStringLiteral("rg-watch"));
    ArmDeploymentRequest request;
    request.templateContent = hubTemplate();
    request.parameterValues = QJsonObject {{QStringLiteral("hubName"), QStringLiteral("watched-hub")}};
    QSignalSpy accepted(m_arm.get(), &ArmClient::deploymentAccepted);
    auto deployment = m_arm->createDeployment(kSubscription, QStringLiteral("rg-watch"), QStringLiteral("w"), request);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 20000);
    ArmDeploymentWatcher *watcher =
        m_arm->watchDeployment(kSubscription, QStringLiteral("rg-watch"), QStringLiteral("w"));
    QSignalSpy operations(watcher, &ArmDeploymentWatcher::operationChanged);
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);
    watcher->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(watcher->result().ok());
    QCOMPARE(watcher->result().value().outputValue(QStringLiteral("hostName")).toString(),
             QStringLiteral("watched-hub.azure-devices.net"));
    QVERIFY(operations.size() >= 1);
    QCOMPARE(watcher->operations().size(), 1);
    QCOMPARE(watcher->operations().constFirst().provisioningState, QStringLiteral("Succeeded"));
    AWAIT(deployment);
    QVERIFY(deployment.result().ok());
    watcher->deleteLater();
}

void TestArmSandbox::watcherCancels()
{
    stopSandbox();
    startSandbox(4.0); // Running after 2 s, the hub would take 12 s
    createGroup(QStringLiteral("rg-watch-cancel"));
    ArmDeploymentRequest request;
    request.templateContent = hubTemplate();
    request.parameterValues = QJsonObject {{QStringLiteral("hubName"), QStringLiteral("never-hub")}};
    QSignalSpy accepted(m_arm.get(), &ArmClient::deploymentAccepted);
    auto deployment =
        m_arm->createDeployment(kSubscription, QStringLiteral("rg-watch-cancel"), QStringLiteral("w"), request);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 20000);
    ArmDeploymentWatcher *watcher =
        m_arm->watchDeployment(kSubscription, QStringLiteral("rg-watch-cancel"), QStringLiteral("w"));
    QSignalSpy states(watcher, &ArmDeploymentWatcher::deploymentStateChanged);
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);
    watcher->start();
    // It reports Running with the hub's operation in progress, then the cancel ends it.
    QTRY_VERIFY_WITH_TIMEOUT(!watcher->operations().isEmpty(), 20000);
    QCOMPARE(watcher->operations().constFirst().provisioningState, QStringLiteral("Running"));
    // (the deployment is read before its operations: the state may show Accepted one poll longer)
    QTRY_COMPARE_WITH_TIMEOUT(watcher->provisioningState(), QStringLiteral("Running"), 20000);
    auto cancel = watcher->requestCancel();
    AWAIT(cancel);
    QVERIFY(cancel.result().ok());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(!watcher->result().ok());
    QCOMPARE(watcher->result().error().kind(), ServiceError::Kind::Canceled);
    QCOMPARE(watcher->operations().constFirst().provisioningState, QStringLiteral("Canceled"));
    AWAIT(deployment);
    QVERIFY(!deployment.result().ok());
    QVERIFY(!m_sandbox->hubs()->hub(QStringLiteral("never-hub")));
    watcher->deleteLater();
}

void TestArmSandbox::deletingResourceGroupRemovesHub()
{
    createGroup(QStringLiteral("rg-delete"));
    QCOMPARE(deploy(QStringLiteral("rg-delete"), QStringLiteral("d"), QStringLiteral("doomed-hub")).provisioningState,
             QStringLiteral("Succeeded"));
    QVERIFY(m_sandbox->hubs()->hub(QStringLiteral("doomed-hub")));

    auto deleted = m_arm->deleteResourceGroup(kSubscription, QStringLiteral("rg-delete"));
    AWAIT(deleted);
    QVERIFY2(deleted.result().ok(),
             qPrintable(deleted.result().ok() ? QString() : deleted.result().error().toString()));
    QVERIFY(!m_sandbox->hubs()->hub(QStringLiteral("doomed-hub")));
    auto group = m_arm->getResourceGroup(kSubscription, QStringLiteral("rg-delete"));
    AWAIT(group);
    QVERIFY(!group.result().ok());
    QCOMPARE(group.result().error().httpStatus(), 404);
    auto gone = m_arm->getDeployment(kSubscription, QStringLiteral("rg-delete"), QStringLiteral("d"));
    AWAIT(gone);
    QVERIFY(!gone.result().ok());
    // The name is free again.
    auto available = m_arm->checkIotHubNameAvailability(kSubscription, QStringLiteral("doomed-hub"));
    AWAIT(available);
    QVERIFY(available.result().value().nameAvailable);
}

void TestArmSandbox::restartKeepsDeploymentAndHub()
{
    createGroup(QStringLiteral("rg-restart"));
    QCOMPARE(deploy(QStringLiteral("rg-restart"), QStringLiteral("d"), QStringLiteral("durable-hub")).provisioningState,
             QStringLiteral("Succeeded"));
    const QByteArray key =
        m_sandbox->hubs()->hub(QStringLiteral("durable-hub"))->policy(QStringLiteral("twinbridge"))->primaryKey;

    stopSandbox();
    startSandbox();
    QVERIFY(m_sandbox->hubs()->hub(QStringLiteral("durable-hub")));
    auto deployment = m_arm->getDeployment(kSubscription, QStringLiteral("rg-restart"), QStringLiteral("d"));
    AWAIT(deployment);
    QVERIFY(deployment.result().ok());
    QCOMPARE(deployment.result().value().provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(deployment.result().value().outputValue(QStringLiteral("hostName")).toString(),
             QStringLiteral("durable-hub.azure-devices.net"));
    auto operations = m_arm->listDeploymentOperations(kSubscription, QStringLiteral("rg-restart"), QStringLiteral("d"));
    AWAIT(operations);
    QCOMPARE(operations.result().value().size(), 1);
    auto listed = m_arm->iotHubKey(kSubscription, QStringLiteral("rg-restart"), QStringLiteral("durable-hub"),
                                   QStringLiteral("twinbridge"));
    AWAIT(listed);
    QVERIFY(listed.result().ok());
    QCOMPARE(listed.result().value().primaryKey.toLatin1(), key);

    // Deleting the group after the restart still removes the hub.
    auto deleted = m_arm->deleteResourceGroup(kSubscription, QStringLiteral("rg-restart"));
    AWAIT(deleted);
    QVERIFY(deleted.result().ok());
    QVERIFY(!m_sandbox->hubs()->hub(QStringLiteral("durable-hub")));
}

void TestArmSandbox::withoutTokenIs401()
{
    HttpTransport transport(m_nam.get());
    transport.setSslConfiguration(m_tls);
    HttpRequest request;
    request.method = "GET";
    request.url = m_sandbox->azureEndpoint()->url();
    request.url.setPath(QStringLiteral("/subscriptions"));
    request.url.setQuery(QStringLiteral("api-version=2022-12-01"));
    auto response = transport.send(request);
    AWAIT(response);
    QCOMPARE(response.result().status, 401);
    QVERIFY(response.result().header("WWW-Authenticate").startsWith("Bearer authorization_uri="));
    const auto error = CloudError::fromBody(response.result().body);
    QVERIFY(error);
    QCOMPARE(error->code, QStringLiteral("AuthenticationFailed"));

    request.setHeader("Authorization", "Bearer not-a-jwt");
    auto bad = transport.send(request);
    AWAIT(bad);
    QCOMPARE(bad.result().status, 401);
    QCOMPARE(CloudError::fromBody(bad.result().body)->code, QStringLiteral("InvalidAuthenticationToken"));
}

QTEST_GUILESS_MAIN(TestArmSandbox)
#include "tst_armsandbox.moc"
