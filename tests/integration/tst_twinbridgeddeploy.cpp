// twinbridged deploy | update | uninstall as a process against the in-process sandbox's ARM stand-in (issue 8,
// "Update and uninstall" and "Automation"): a deployment leaves the hub with the least-privilege policy, the
// policy key in the OS keychain (the test reads it) and the hub's names in the profile file, with no key in any
// output or in the file; an update with a new TTS API key changes the Function's settings; uninstall deletes the
// group and the hub and removes every secret of the profile from the keychain. Without --yes and without a
// terminal, and with an invalid option, nothing is sent. An F1 plan is refused while the subscription has another
// Free hub, before anything changes; a deployment Azure's validation refuses prints each of Azure's errors.

#include "ArmTestTemplates.h"
#include "DeploySandbox.h"
#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "services/azure/ArmClient.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/settings/SandboxProfileImport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

const QString kProfileId = QStringLiteral("7c0ffee1-2345-4678-9abc-def012345678");
const QString kSuffix = QStringLiteral("7c0ffee1"); // the default: the profile id's first 8 characters
const QString kHub = QStringLiteral("iothub-7c0ffee1");
const QString kGroup = QStringLiteral("rg-twinbridge-7c0ffee1");
const QString kOwnGroup = QStringLiteral("rg-own-choice"); // a --resource-group other than the default
const QString kFirstKey = QStringLiteral("NNSXS.FIRSTDEPLOYKEY.0123456789ABCDEF");
const QString kSecondKey = QStringLiteral("NNSXS.SECONDUPDATEKEY.FEDCBA9876543210");

// One finished twinbridged run.
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray all() const { return out + err; }
};

} // namespace

class TestTwinbridgedDeploy : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void deploysUpdatesAndUninstallsWithoutShowingAKey();
    void refusesToChangeAnythingWithoutYesOrATerminal();
    void onATerminalItAsksFirst();
    void refusesASecondFreeHubBeforeChangingAnything();
    void printsAzuresValidationErrors();
    void invalidOptionsFailBeforeAnythingIsSent_data();
    void invalidOptionsFailBeforeAnythingIsSent();

private:
    // Runs twinbridged with standard input a pipe or, with `terminalInput`, a terminal (util-linux script(1)) that
    // receives that text.
    Run twinbridged(const QStringList &arguments, const QString &ttsApiKey = {},
                    const std::optional<QByteArray> &terminalInput = std::nullopt) const;
    QStringList common(const QString &action) const;
    Result<QString> keychainPolicyKey() const;
    // Deploys `templateContent` into a new resource group `group` through the sandbox's ARM stand-in, as some other
    // tool would (the sandbox's service principal).
    Status deployElsewhere(const QString &group, const QJsonObject &templateContent,
                           const QJsonObject &parameters = {}) const;
    QJsonObject profileFileJson() const;
    bool nothingCreated() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    QString m_profileFile;
};

void TestTwinbridgedDeploy::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Status started = Test::startDeploySandbox(m_sandbox, m_dir->filePath(QStringLiteral("sandbox")));
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));

    // The profile: the sandbox's, exported as the console does, with its own id.
    Result<SandboxProfileImport::Description> description =
        SandboxProfileImport::readFile(m_sandbox->descriptionPath());
    QVERIFY2(description.ok(), qPrintable(description.error().toString()));
    ConnectionProfile profile = description.value().profile;
    profile.id = kProfileId;
    profile.name = QStringLiteral("Deploy test");
    m_profileFile = m_dir->filePath(QStringLiteral("profile.json"));
    QFile file(m_profileFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(profile.toJson()).toJson());
}

void TestTwinbridgedDeploy::cleanup()
{
    KeychainSecretStore keychain;
    Test::awaitResult(keychain.removeAll(kProfileId), 10000);
    if (m_sandbox)
        QVERIFY(Test::await(m_sandbox->stop(), 20000));
    m_sandbox.reset();
    m_dir.reset();
}

Run TestTwinbridgedDeploy::twinbridged(const QStringList &arguments, const QString &ttsApiKey,
                                       const std::optional<QByteArray> &terminalInput) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("TWINBRIDGE_TTS_API_KEY"));
    environment.remove(QStringLiteral("AZURE_CLIENT_SECRET"));
    if (!ttsApiKey.isEmpty())
        environment.insert(QStringLiteral("TWINBRIDGE_TTS_API_KEY"), ttsApiKey);
    process.setProcessEnvironment(environment);
    Run run;
    if (terminalInput) {
        QStringList quoted {QStringLiteral(TWINBRIDGED_PATH)};
        for (const QString &argument : arguments)
            quoted.append(QLatin1Char('\'') + argument + QLatin1Char('\''));
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty())
            return run;
        process.start(script,
                      {QStringLiteral("--quiet"), QStringLiteral("--return"), QStringLiteral("--command"),
                       quoted.join(QLatin1Char(' ')), QStringLiteral("/dev/null")});
    } else {
        // Standard input is a pipe, not a terminal.
        process.start(QStringLiteral(TWINBRIDGED_PATH), arguments);
    }
    if (!process.waitForStarted(10000))
        return run;
    if (terminalInput)
        process.write(*terminalInput);
    process.closeWriteChannel();
    // The sandbox answers from this thread's event loop: wait on the process's real end while processing events.
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 120000)) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

QStringList TestTwinbridgedDeploy::common(const QString &action) const
{
    return {action, QStringLiteral("--config"), m_profileFile, QStringLiteral("--sandbox"),
            m_sandbox->descriptionPath()};
}

Result<QString> TestTwinbridgedDeploy::keychainPolicyKey() const
{
    KeychainSecretStore keychain;
    return Test::awaitResult(keychain.read(kProfileId, SecretKind::HubPolicyKey), 10000);
}

Status TestTwinbridgedDeploy::deployElsewhere(const QString &group, const QJsonObject &templateContent,
                                             const QJsonObject &parameters) const
{
    Result<SandboxProfileImport::Description> description =
        SandboxProfileImport::readFile(m_sandbox->descriptionPath());
    if (!description)
        return description.error();
    const ConnectionProfile &profile = description.value().profile;
    Result<QSslConfiguration> tls = DeviceConnectionSettings::tlsConfiguration(profile.tls.caCertificateFile);
    if (!tls)
        return tls.error();
    EntraAuthority authority;
    authority.authorityHost = QUrl(profile.azure.authority);
    authority.tenant = profile.azure.tenantId;
    authority.clientId = profile.azure.clientId;
    authority.armEndpoint = QUrl(profile.azure.managementEndpoint);
    authority.armScope = EntraAuthority::publicCloud().armScope;
    QNetworkAccessManager nam;
    ClientSecretCredential credential(authority, description.value().secrets.value(SecretKind::AzureClientSecret),
                                      &nam);
    credential.transport()->setSslConfiguration(tls.value());
    ArmClient arm(&nam, &credential);
    arm.configure(authority);
    arm.transport()->setSslConfiguration(tls.value());
    arm.setPollInterval(std::chrono::milliseconds(50));
    const QString subscription = profile.azure.subscriptionId;
    const Result<ArmResourceGroup> created = Test::awaitResult(
        arm.createOrUpdateResourceGroup(subscription, group, QStringLiteral("westeurope")), 30000);
    if (!created)
        return created.error();
    ArmDeploymentRequest request;
    request.templateContent = templateContent;
    request.parameterValues = parameters;
    const Result<ArmDeployment> deployed =
        Test::awaitResult(arm.createDeployment(subscription, group, QStringLiteral("elsewhere"), request), 60000);
    if (!deployed)
        return deployed.error();
    return Done {};
}

QJsonObject TestTwinbridgedDeploy::profileFileJson() const
{
    QFile file(m_profileFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool TestTwinbridgedDeploy::nothingCreated() const
{
    return m_sandbox->arm()->resourceGroups().isEmpty() && !m_sandbox->hubs()->hub(kHub) &&
        m_sandbox->arm()->providerState(QStringLiteral("Microsoft.Devices")) != QLatin1String("Registered");
}

void TestTwinbridgedDeploy::deploysUpdatesAndUninstallsWithoutShowingAKey()
{
    // 1. deploy
    const Run deployed = twinbridged(common(QStringLiteral("deploy"))
                                         << QStringLiteral("--location") << QStringLiteral("westeurope")
                                         << QStringLiteral("--resource-group") << kOwnGroup << QStringLiteral("--yes"),
                                     kFirstKey);
    QVERIFY2(deployed.exitCode == 0, deployed.all().constData());
    SandboxHub *hub = m_sandbox->hubs()->hub(kHub);
    QVERIFY(hub);
    QCOMPARE(hub->policies().size(), qsizetype(1));
    const SharedAccessPolicy policy = hub->policies().constFirst();
    QCOMPARE(policy.keyName, QStringLiteral("twinbridge"));
    QCOMPARE(m_sandbox->arm()->providerState(QStringLiteral("Microsoft.Devices")), QStringLiteral("Registered"));
    // The plan, the what-if list and per-resource progress were shown.
    QVERIFY2(deployed.out.contains(kOwnGroup.toUtf8()), deployed.out.constData());
    QVERIFY2(deployed.out.contains("Create     Microsoft.Devices/IotHubs/iothub-7c0ffee1"), deployed.out.constData());
    QVERIFY2(deployed.out.contains("Microsoft.Devices/IotHubs/iothub-7c0ffee1: Succeeded"), deployed.out.constData());

    // The key is in the keychain, and nowhere else.
    const Result<QString> stored = keychainPolicyKey();
    QVERIFY2(stored.ok(), qPrintable(stored.error().toString()));
    QCOMPARE(stored.value().toLatin1(), policy.primaryKey);
    QFile file(m_profileFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray profileText = file.readAll();
    file.close();
    for (const QByteArray &secret : {policy.primaryKey, policy.secondaryKey, kFirstKey.toLatin1()}) {
        QVERIFY2(!deployed.all().contains(secret), "twinbridged printed a key");
        QVERIFY2(!profileText.contains(secret), "the profile file holds a key");
    }
    const QJsonObject profile = QJsonDocument::fromJson(profileText).object();
    QCOMPARE(profile.value(QLatin1String("id")).toString(), kProfileId);
    QCOMPARE(profile.value(QLatin1String("iotHub")).toObject().value(QLatin1String("hostName")).toString(),
             QStringLiteral("iothub-7c0ffee1.azure-devices.net"));
    QCOMPARE(profile.value(QLatin1String("iotHub")).toObject().value(QLatin1String("policyName")).toString(),
             QStringLiteral("twinbridge"));
    // Where it is deployed, for update, uninstall and the console.
    QCOMPARE(profile.value(QLatin1String("azure")).toObject().value(QLatin1String("resourceGroup")).toString(),
             kOwnGroup);
    QCOMPARE(profile.value(QLatin1String("azure")).toObject().value(QLatin1String("subscriptionId")).toString(),
             m_sandbox->arm()->resources().all().constFirst().subscriptionId);
    QVERIFY2(deployed.out.contains("asking Azure to validate the deployment"), deployed.out.constData());
    QVERIFY(ConnectionProfile::fromJson(profile).ok()); // the console imports the file as it is
    QCOMPARE(m_sandbox->routing()->router(kHub)->configuration().function->appSettings.value(
                 QStringLiteral("STACK_API_KEY")),
             kFirstKey);

    // 2. update with a new TTS API key: a what-if diff, then the Function's settings change; the policy keeps its key.
    // No --resource-group: the profile file names the group (the default one does not exist).
    const Run updated = twinbridged(common(QStringLiteral("update")) << QStringLiteral("--yes"), kSecondKey);
    QVERIFY2(updated.exitCode == 0, updated.all().constData());
    QVERIFY2(updated.out.contains("Microsoft.Web/sites/fn-7c0ffee1"), updated.out.constData());
    QCOMPARE(m_sandbox->routing()->router(kHub)->configuration().function->appSettings.value(
                 QStringLiteral("STACK_API_KEY")),
             kSecondKey);
    QCOMPARE(m_sandbox->hubs()->hub(kHub)->policies().constFirst().primaryKey, policy.primaryKey);
    for (const QByteArray &secret : {policy.primaryKey, kFirstKey.toLatin1(), kSecondKey.toLatin1()})
        QVERIFY2(!updated.all().contains(secret), "twinbridged update printed a key");

    // 3. uninstall --yes: the group and the hub are gone, and so is every secret of the profile in the keychain.
    KeychainSecretStore keychain;
    for (SecretKind kind : SecretStore::allKinds)
        QVERIFY(Test::awaitResult(keychain.write(kProfileId, kind, QStringLiteral("to-be-removed")), 10000).ok());
    // No --resource-group again: the profile's group is the one deleted.
    const Run removed = twinbridged(common(QStringLiteral("uninstall")) << QStringLiteral("--yes"));
    QVERIFY2(removed.exitCode == 0, removed.all().constData());
    QVERIFY2(removed.out.contains("remove all of the profile's secrets"), removed.out.constData());
    QVERIFY2(removed.out.contains("delete resource group rg-own-choice"), removed.out.constData());
    QVERIFY(!m_sandbox->hubs()->hub(kHub));
    QVERIFY(m_sandbox->arm()->resourceGroups().isEmpty());
    for (SecretKind kind : SecretStore::allKinds) {
        const Result<QString> afterUninstall = Test::awaitResult(keychain.read(kProfileId, kind), 10000);
        QVERIFY2(!afterUninstall.ok(), qPrintable(SecretStore::kindKey(kind)));
        QCOMPARE(afterUninstall.error().kind(), ServiceError::Kind::NotConfigured);
    }
}

void TestTwinbridgedDeploy::refusesToChangeAnythingWithoutYesOrATerminal()
{
    for (const QString &action : {QStringLiteral("deploy"), QStringLiteral("uninstall")}) {
        const Run run =
            twinbridged(common(action) << QStringLiteral("--location") << QStringLiteral("westeurope"), kFirstKey);
        QCOMPARE(run.exitCode, 64);
        QVERIFY2(run.err.contains("--yes") && run.err.contains("nothing changed"), run.err.constData());
        QVERIFY2(run.out.contains(kGroup.toUtf8()), run.out.constData()); // the plan was shown
        QVERIFY(!run.all().contains(kFirstKey.toUtf8()));
        QVERIFY(nothingCreated());
    }
}

void TestTwinbridgedDeploy::onATerminalItAsksFirst()
{
    // Declining the deployment deploys nothing, and removes the empty resource group the what-if needed.
    const Run declined =
        twinbridged(common(QStringLiteral("deploy")) << QStringLiteral("--location") << QStringLiteral("westeurope"),
                    kFirstKey, QByteArray("y\nn\n"));
    QVERIFY2(declined.exitCode == 64, declined.all().constData());
    QVERIFY2(declined.out.contains("Register them now? [y/N]"), declined.out.constData());
    QVERIFY2(declined.out.contains("Deploy these changes to resource group rg-twinbridge-7c0ffee1? [y/N]"),
             declined.out.constData());
    QVERIFY(!m_sandbox->hubs()->hub(kHub));
    QVERIFY(m_sandbox->arm()->deployments(kGroup).isEmpty());
    QVERIFY(m_sandbox->arm()->resourceGroups().isEmpty());

    const Run deployed =
        twinbridged(common(QStringLiteral("deploy")) << QStringLiteral("--location") << QStringLiteral("westeurope"),
                    kFirstKey, QByteArray("yes\n"));
    QVERIFY2(deployed.exitCode == 0, deployed.all().constData());
    QVERIFY(m_sandbox->hubs()->hub(kHub));
    QVERIFY(!deployed.all().contains(m_sandbox->hubs()->hub(kHub)->policies().constFirst().primaryKey));

    // uninstall wants the resource group's name typed: anything else deletes nothing.
    const Run wrongName = twinbridged(common(QStringLiteral("uninstall")), {}, QByteArray("yes\n"));
    QVERIFY2(wrongName.exitCode == 64, wrongName.all().constData());
    QVERIFY2(wrongName.out.contains("Type the name of the resource group (rg-twinbridge-7c0ffee1)"),
             wrongName.out.constData());
    QVERIFY(m_sandbox->hubs()->hub(kHub));
    QVERIFY(keychainPolicyKey().ok());

    const Run removed = twinbridged(common(QStringLiteral("uninstall")), {}, kGroup.toUtf8() + '\n');
    QVERIFY2(removed.exitCode == 0, removed.all().constData());
    QVERIFY(!m_sandbox->hubs()->hub(kHub));
    QVERIFY(!keychainPolicyKey().ok());
}

void TestTwinbridgedDeploy::refusesASecondFreeHubBeforeChangingAnything()
{
    // Another tool deployed the subscription's one Free hub.
    const Status other = deployElsewhere(
        QStringLiteral("rg-free"), ArmTestTemplates::hubTemplate(),
        QJsonObject {{QStringLiteral("hubName"), QStringLiteral("free-elsewhere")},
                     {QStringLiteral("skuName"), QStringLiteral("F1")}});
    QVERIFY2(other.ok(), qPrintable(other.error().toString()));
    const qsizetype groupsBefore = m_sandbox->arm()->resourceGroups().size();

    const Run refused =
        twinbridged(common(QStringLiteral("deploy")) << QStringLiteral("--location") << QStringLiteral("westeurope")
                                                     << QStringLiteral("--sku") << QStringLiteral("F1")
                                                     << QStringLiteral("--yes"),
                    kFirstKey);
    QCOMPARE(refused.exitCode, 78);
    // One sentence naming the hub, its group and both ways out.
    QVERIFY2(refused.err.contains("already has a Free (F1) IoT hub, free-elsewhere in resource group rg-free"),
             refused.err.constData());
    QVERIFY2(refused.err.contains("--sku S1") && refused.err.contains("delete hub free-elsewhere"),
             refused.err.constData());
    // Before anything changed: no provider registered, no group, no hub, no what-if asked.
    QCOMPARE(m_sandbox->arm()->resourceGroups().size(), groupsBefore);
    QVERIFY(!m_sandbox->hubs()->hub(kHub));
    QVERIFY(m_sandbox->arm()->providerState(QStringLiteral("Microsoft.Web")) != QLatin1String("Registered"));
    QVERIFY2(!refused.out.contains("what the deployment would change"), refused.out.constData());
    QVERIFY(!refused.all().contains(kFirstKey.toUtf8()));

    // S1 is fine next to it.
    const Run paid =
        twinbridged(common(QStringLiteral("deploy")) << QStringLiteral("--location") << QStringLiteral("westeurope")
                                                     << QStringLiteral("--sku") << QStringLiteral("S1")
                                                     << QStringLiteral("--yes"),
                    kFirstKey);
    QVERIFY2(paid.exitCode == 0, paid.all().constData());
    QVERIFY(m_sandbox->hubs()->hub(kHub));
}

void TestTwinbridgedDeploy::printsAzuresValidationErrors()
{
    // Some other deployment took the names the template gives the storage account and the Event Hubs namespace
    // (both globally unique) while the hub's name is still free: only Azure's validation can tell.
    const QJsonObject squatter = ArmTestTemplates::json(R"({
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "fnstor7c0ffee1",
         "location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"}},
        {"type": "Microsoft.EventHub/namespaces", "apiVersion": "2024-01-01", "name": "evhubns-7c0ffee1",
         "location": "westeurope", "sku": {"name": "Standard"}}
      ]
    })");
    const Status other = deployElsewhere(QStringLiteral("rg-squatter"), squatter);
    QVERIFY2(other.ok(), qPrintable(other.error().toString()));

    const Run refused =
        twinbridged(common(QStringLiteral("deploy")) << QStringLiteral("--location") << QStringLiteral("westeurope")
                                                     << QStringLiteral("--yes"),
                    kFirstKey);
    QCOMPARE(refused.exitCode, 69);
    QVERIFY2(refused.err.contains("Azure's validation errors:"), refused.err.constData());
    // Each of Azure's problems on a line of its own, with its code and the name it is about.
    for (const QByteArray &words : {QByteArray("StorageAccountAlreadyTaken"), QByteArray("fnstor7c0ffee1"),
                                    QByteArray("NamespaceNameNotAvailable"), QByteArray("evhubns-7c0ffee1")})
        QVERIFY2(refused.err.contains(words), refused.err.constData());
    QVERIFY(!refused.all().contains(kFirstKey.toUtf8()));
    // Nothing deployed, and the group the validation needed is gone again.
    QVERIFY(!m_sandbox->hubs()->hub(kHub));
    QVERIFY(m_sandbox->arm()->deployments(kGroup).isEmpty());
    for (const ArmStandIn::ResourceGroup &group : m_sandbox->arm()->resourceGroups())
        QVERIFY2(group.name != kGroup, "the empty resource group stayed");
    QVERIFY2(!refused.out.contains("what the deployment would change"), refused.out.constData());
    // The profile file is unchanged.
    QVERIFY(profileFileJson().value(QLatin1String("azure")).toObject().value(QLatin1String("resourceGroup"))
                .toString()
                .isEmpty());
}

void TestTwinbridgedDeploy::invalidOptionsFailBeforeAnythingIsSent_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("named");
    QTest::addRow("basic hub tier") << QStringList {QStringLiteral("--sku"), QStringLiteral("B1")}
                                    << QStringLiteral("--sku: IoT Hub tier B1 has no device twins");
    QTest::addRow("unknown hub tier") << QStringList {QStringLiteral("--sku"), QStringLiteral("Gold")}
                                      << QStringLiteral("--sku must be one of F1, S1, S2, S3");
    QTest::addRow("too many S3 units") << QStringList {QStringLiteral("--sku"), QStringLiteral("S3"),
                                                       QStringLiteral("--units"), QStringLiteral("11")}
                                       << QStringLiteral("--units:");
    QTest::addRow("name suffix") << QStringList {QStringLiteral("--name-suffix"), QStringLiteral("Bad_Suffix")}
                                 << QStringLiteral("--name-suffix:");
    QTest::addRow("Event Hubs tier") << QStringList {QStringLiteral("--event-hub-sku"), QStringLiteral("Gold")}
                                     << QStringLiteral("--event-hub-sku:");
    QTest::addRow("engine without URL") << QStringList {QStringLiteral("--target"), QStringLiteral("engine")}
                                        << QStringLiteral("--ingest-url");
    QTest::addRow("ingest URL without /api/v3")
        << QStringList {QStringLiteral("--target"), QStringLiteral("engine"), QStringLiteral("--ingest-url"),
                        QStringLiteral("https://engine.example.com/")}
        << QStringLiteral("--ingest-url:");
}

void TestTwinbridgedDeploy::invalidOptionsFailBeforeAnythingIsSent()
{
    QFETCH(QStringList, options);
    QFETCH(QString, named);
    const Run run =
        twinbridged(common(QStringLiteral("deploy")) << QStringLiteral("--location") << QStringLiteral("westeurope")
                                                     << QStringLiteral("--yes") << options,
                    kFirstKey);
    QCOMPARE(run.exitCode, 64);
    QVERIFY2(run.err.contains(named.toUtf8()), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY(nothingCreated());
}

QTEST_GUILESS_MAIN(TestTwinbridgedDeploy)
#include "tst_twinbridgeddeploy.moc"
