#include "DeployCommand.h"

#include "ExitCode.h"

#include "services/azure/ArmClient.h"
#include "services/azure/AzureCliCredential.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/azure/EntraAuthority.h"
#include "services/core/Logging.h"
#include "services/core/UnixSignalWatcher.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/settings/SandboxProfileImport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <unistd.h>

namespace TwinBridge {

namespace {

using namespace std::chrono_literals;

const QString TenantVariable = QStringLiteral("AZURE_TENANT_ID");
const QString ClientVariable = QStringLiteral("AZURE_CLIENT_ID");
const QString SecretVariable = QStringLiteral("AZURE_CLIENT_SECRET");

void printLine(const QString &text)
{
    QTextStream(stdout) << text << Qt::endl;
}

void printProblem(const QString &text)
{
    QTextStream(stderr) << "twinbridged: " << text << Qt::endl;
}

// The token scope of a Resource Manager endpoint: the sovereign clouds' own, else the public cloud's (the sandbox
// accepts that one too).
QString armScopeFor(const QUrl &endpoint)
{
    for (const EntraAuthority &cloud : {EntraAuthority::usGovernment(), EntraAuthority::china()}) {
        if (endpoint.host() == cloud.armEndpoint.host())
            return cloud.armScope;
    }
    return EntraAuthority::publicCloud().armScope;
}

// "Microsoft.Devices/IotHubs/iothub-x" from a full resource id.
QString shortResource(const QString &resourceId)
{
    const QString tail = resourceId.section(QLatin1String("/providers/"), 1);
    return tail.isEmpty() ? resourceId : tail;
}

// What a deployment operation works on: its resource like the what-if list names it, else the operation.
QString operationLabel(const ArmDeploymentOperation &operation)
{
    const ArmTargetResource &target = operation.targetResource;
    if (!target.id.isEmpty())
        return shortResource(target.id);
    if (!target.resourceType.isEmpty())
        return target.resourceType + QLatin1Char('/') + target.resourceName;
    return operation.provisioningOperation;
}

} // namespace

std::optional<DeployCommand::Action> DeployCommand::actionFor(const QString &word)
{
    if (word == QLatin1String("deploy"))
        return Action::Deploy;
    if (word == QLatin1String("update"))
        return Action::Update;
    if (word == QLatin1String("uninstall"))
        return Action::Uninstall;
    return std::nullopt;
}

int DeployCommand::run(Action action, const QStringList &arguments)
{
    DeployCommand command(action);
    if (const int code = command.prepare(arguments); code >= 0)
        return code;
    // From the event loop, so that QCoreApplication::exit() takes effect.
    QTimer::singleShot(0, &command, &DeployCommand::start);
    return QCoreApplication::exec();
}

DeployCommand::DeployCommand(Action action, QObject *parent)
    : QObject(parent)
    , m_action(action)
{ }

DeployCommand::~DeployCommand() = default;

QString DeployCommand::verb() const
{
    switch (m_action) {
    case Action::Deploy:
        return QStringLiteral("deploy");
    case Action::Update:
        return QStringLiteral("update");
    case Action::Uninstall:
        return QStringLiteral("uninstall");
    }
    return {};
}

// --- the command line ---------------------------------------------------------------------------------------

int DeployCommand::prepare(const QStringList &arguments)
{
    QCommandLineParser parser;
    switch (m_action) {
    case Action::Deploy:
        parser.setApplicationDescription(
            tr("twinbridged deploy creates the Azure side of a profile (resources/azure/main.json: IoT hub, Event "
               "Hubs, storage, Function) in a resource group, stores the hub's policy key in the OS keychain and "
               "writes the hub's host and policy names, the subscription and the resource group into the profile "
               "file. It refuses an F1 hub when the subscription has a Free hub already (Azure allows one), has "
               "Azure validate the deployment, shows the plan and what it will create and asks first (--yes: do not "
               "ask; without a terminal --yes is required)."));
        break;
    case Action::Update:
        parser.setApplicationDescription(
            tr("twinbridged update redeploys the Azure side of a profile into its existing resource group "
               "(Incremental): after Azure validated it and the what-if differences are shown it applies new tiers, "
               "a new Function target or a new API key, and stores the policy key again."));
        break;
    case Action::Uninstall:
        parser.setApplicationDescription(
            tr("twinbridged uninstall deletes the profile's resource group with everything in it, after you type "
               "its name (or --yes), then removes all of the profile's secrets from the OS keychain (TTS API key, "
               "IoT Hub policy key, Azure client secret, ingest key, Azure sign-in)."));
        break;
    }
    parser.setApplicationDescription(
        parser.applicationDescription() +
        tr("\n\nAzure sign-in: --sandbox <sandbox.json> (the local twinbridge-sandbox), else a service principal "
           "from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, else --azure-cli (an existing 'az "
           "login').\n\nExit codes: 0 done; 64 wrong command line or not confirmed; 66 the profile file or the "
           "resource group (update, uninstall) does not exist; 69 Azure refused or failed, its validation "
           "included (its details are printed); 78 the profile or a secret is missing or invalid, or an F1 hub "
           "while the subscription has a Free hub already; 130 canceled by Ctrl+C."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    parser.addPositionalArgument(verb(), tr("The command; it comes first."), verb());
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          tr("The profile file (exported from the console). Required."), tr("file"));
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"), tr("Signs in to the ARM stand-in of the twinbridge-sandbox that wrote <file>."),
        tr("file"));
    const QCommandLineOption cliOption(QStringLiteral("azure-cli"),
                                       tr("Signs in with the Azure CLI's current login ('az login')."));
    const QCommandLineOption groupOption(
        QStringLiteral("resource-group"),
        tr("The resource group (deploy: default rg-twinbridge-<name suffix>, created; update and uninstall: "
           "default the profile's azure.resourceGroup, else rg-twinbridge-<name suffix>)."),
        tr("name"));
    const QCommandLineOption locationOption(
        QStringLiteral("location"),
        tr("The Azure region, e.g. westeurope (required for deploy; update keeps the group's)."), tr("region"));
    const QCommandLineOption subscriptionOption(
        QStringLiteral("subscription"), tr("The subscription ID (default: the profile's azure.subscriptionId)."),
        tr("id"));
    const QCommandLineOption suffixOption(
        QStringLiteral("name-suffix"),
        tr("Suffix of every resource name, 3–13 lower-case letters, digits or hyphens (default: the first 8 "
           "characters of the profile id)."),
        tr("suffix"));
    const QCommandLineOption skuOption(QStringLiteral("sku"), tr("IoT Hub tier: F1, S1 (default), S2 or S3."),
                                       tr("tier"));
    const QCommandLineOption unitsOption(QStringLiteral("units"), tr("IoT Hub units (default 1)."), tr("count"));
    const QCommandLineOption eventHubOption(QStringLiteral("event-hub-sku"),
                                            tr("Event Hubs tier: Basic, Standard (default) or Premium."), tr("tier"));
    const QCommandLineOption storageOption(
        QStringLiteral("storage-sku"),
        tr("Storage tier: Standard_LRS (default), Standard_GRS, Standard_ZRS or Standard_RAGRS."), tr("tier"));
    const QCommandLineOption noFallbackOption(
        QStringLiteral("no-fallback-route"),
        tr("Leaves out the fallback route (telemetry then no longer reaches the hub's built-in endpoint)."));
    const QCommandLineOption targetOption(
        QStringLiteral("target"),
        tr("Where the Function posts twin changes: \"tts\" (The Things Stack's own integration, with the TTS API "
           "key from TWINBRIDGE_TTS_API_KEY or the keychain; default) or \"engine\" (the TwinBridge engine's ingest "
           "endpoint at --ingest-url, with the ingest key from TWINBRIDGE_INGEST_KEY or the keychain, generated "
           "and stored when there is none)."),
        tr("target"), QStringLiteral("tts"));
    const QCommandLineOption ingestUrlOption(
        QStringLiteral("ingest-url"),
        tr("With --target engine: the public address of the engine's ingest endpoint, ending in /api/v3."), tr("url"));
    const QCommandLineOption yesOption(QStringLiteral("yes"),
                                       tr("Changes Azure without asking (needed when standard input is no "
                                          "terminal)."));
    parser.addOptions({configOption, sandboxOption, cliOption, groupOption, locationOption, subscriptionOption,
                       suffixOption, skuOption, unitsOption, eventHubOption, storageOption, noFallbackOption,
                       targetOption, ingestUrlOption, yesOption});

    QStringList withoutAction = arguments;
    withoutAction.removeAt(1);
    auto usage = [this](const QString &text) {
        printProblem(text + QLatin1Char(' ') + tr("Run 'twinbridged %1 --help' for the options.").arg(verb()));
        return int(ExitUsage);
    };
    if (!parser.parse(withoutAction))
        return usage(parser.errorText());
    if (parser.isSet(helpOption))
        parser.showHelp(ExitOk);
    if (!parser.positionalArguments().isEmpty())
        return usage(tr("unexpected argument '%1'.").arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(configOption))
        return usage(tr("give the profile with --config <file>."));

    // --- the profile ---
    m_profileFile = parser.value(configOption);
    QFile file(m_profileFile);
    if (!file.exists() || !file.open(QIODevice::ReadOnly)) {
        printProblem(tr("cannot read the profile file %1: %2").arg(m_profileFile, file.errorString()));
        return ExitNoInput;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        printProblem(tr("the profile file %1 is not a JSON object (%2).").arg(m_profileFile, parseError.errorString()));
        return ExitConfig;
    }
    m_profileJson = document.object();
    m_profileHadId = m_profileJson.contains(QLatin1String("id"));
    Result<EngineConfig> config = EngineConfig::fromJson(m_profileJson);
    if (!config) {
        printProblem(config.error().toString());
        return exitCodeFor(config.error());
    }
    m_config = config.takeValue();
    const ConnectionProfile &profile = m_config.profile;

    // --- the plan ---
    m_yes = parser.isSet(yesOption);
    const QString target = parser.value(targetOption);
    if (target == QLatin1String("engine"))
        m_target = Target::Engine;
    else if (target != QLatin1String("tts"))
        return usage(tr("--target must be tts or engine, not '%1'.").arg(target));
    if (m_action != Action::Uninstall) {
        if (m_target == Target::Engine && !parser.isSet(ingestUrlOption))
            return usage(tr("--target engine needs --ingest-url <url>: the public address of the engine's ingest "
                            "endpoint, ending in /api/v3."));
        if (m_target == Target::Tts && parser.isSet(ingestUrlOption))
            return usage(tr("--ingest-url is only for --target engine."));
    }
    m_plan.subscriptionId =
        parser.isSet(subscriptionOption) ? parser.value(subscriptionOption) : profile.azure.subscriptionId;
    m_plan.nameSuffix =
        parser.isSet(suffixOption) ? parser.value(suffixOption) : DeploymentPlan::defaultNameSuffix(profile.id);
    if (parser.isSet(groupOption))
        m_plan.resourceGroup = parser.value(groupOption);
    else if (m_action != Action::Deploy && !profile.azure.resourceGroup.isEmpty())
        m_plan.resourceGroup = profile.azure.resourceGroup; // where deploy put it
    else
        m_plan.resourceGroup = QStringLiteral("rg-twinbridge-") + m_plan.nameSuffix;
    m_locationGiven = parser.isSet(locationOption);
    m_plan.location = parser.value(locationOption);
    if (m_action == Action::Deploy && !m_locationGiven)
        return usage(tr("deploy needs --location <region>, e.g. westeurope."));
    m_plan.applicationId = profile.tts.applicationId;
    m_plan.stackBaseUrl = m_target == Target::Tts ? profile.tts.apiBaseUrl : parser.value(ingestUrlOption);
    if (parser.isSet(skuOption)) {
        const std::optional<HubSku> sku = HubThrottle::parseSku(parser.value(skuOption));
        if (!sku)
            return usage(tr("--sku must be one of %1, not '%2'.")
                             .arg(DeploymentPlan::hubSkus().join(QStringLiteral(", ")), parser.value(skuOption)));
        m_plan.hubSku = *sku;
    }
    if (parser.isSet(unitsOption)) {
        bool ok = false;
        m_plan.hubUnits = parser.value(unitsOption).toInt(&ok);
        if (!ok)
            return usage(tr("--units must be a whole number."));
    }
    if (parser.isSet(eventHubOption))
        m_plan.eventHubSku = parser.value(eventHubOption);
    if (parser.isSet(storageOption))
        m_plan.storageSku = parser.value(storageOption);
    m_plan.fallbackRoute = !parser.isSet(noFallbackOption);

    // Everything but the key (read later, from the environment or the keychain) is checked before anything
    // else happens; update takes the region from the existing group.
    DeploymentPlan probe = m_plan;
    probe.stackApiKey = QStringLiteral("-");
    if (!m_locationGiven)
        probe.location = QStringLiteral("westeurope");
    const QMap<QString, QString> options {
        {QString(DeploymentField::SubscriptionId), QStringLiteral("--subscription")},
        {QString(DeploymentField::ResourceGroup), QStringLiteral("--resource-group")},
        {QString(DeploymentField::Location), QStringLiteral("--location")},
        {QString(DeploymentField::NameSuffix), QStringLiteral("--name-suffix")},
        {QString(DeploymentField::StackBaseUrl),
         m_target == Target::Tts ? QString(ProfileField::TtsApiBaseUrl) : QStringLiteral("--ingest-url")},
        {QString(DeploymentField::ApplicationId), QString(ProfileField::TtsApplicationId)},
        {QString(DeploymentField::HubSku), QStringLiteral("--sku")},
        {QString(DeploymentField::HubUnits), QStringLiteral("--units")},
        {QString(DeploymentField::EventHubSku), QStringLiteral("--event-hub-sku")},
        {QString(DeploymentField::StorageSku), QStringLiteral("--storage-sku")},
    };
    const QStringList uninstallFields {QString(DeploymentField::SubscriptionId),
                                       QString(DeploymentField::ResourceGroup), QString(DeploymentField::NameSuffix)};
    bool invalid = false;
    for (const ProfileIssue &issue : probe.validate()) {
        if (m_action == Action::Uninstall && !uninstallFields.contains(issue.field))
            continue;
        printProblem(QStringLiteral("%1: %2").arg(options.value(issue.field, issue.field), issue.message));
        invalid = true;
    }
    if (invalid) {
        printProblem(tr("nothing was sent to Azure. Run 'twinbridged %1 --help' for the options.").arg(verb()));
        return ExitUsage;
    }
    return prepareCredential(parser.value(sandboxOption), parser.isSet(cliOption));
}

int DeployCommand::prepareCredential(const QString &sandboxFile, bool azureCli)
{
    const ConnectionProfile &profile = m_config.profile;
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    m_nam = new QNetworkAccessManager(this);
    EntraAuthority authority;
    authority.authorityHost = QUrl(profile.azure.authority);
    authority.armEndpoint = QUrl(profile.azure.managementEndpoint);
    QString caFile = profile.tls.caCertificateFile;
    QString clientSecret;
    std::chrono::milliseconds pollInterval = 5s;
    if (!sandboxFile.isEmpty()) {
        Result<SandboxProfileImport::Description> description = SandboxProfileImport::readFile(sandboxFile);
        if (!description) {
            printProblem(description.error().toString());
            return exitCodeFor(description.error());
        }
        const ConnectionProfile::Azure &azure = description.value().profile.azure;
        authority.authorityHost = QUrl(azure.authority);
        authority.tenant = azure.tenantId;
        authority.clientId = azure.clientId;
        authority.armEndpoint = QUrl(azure.managementEndpoint);
        clientSecret = description.value().secrets.value(SecretKind::AzureClientSecret);
        caFile = description.value().profile.tls.caCertificateFile;
        pollInterval = 100ms; // the sandbox's ARM runs on a shortened clock
        if (clientSecret.isEmpty()) {
            printProblem(tr("%1 has no Azure client secret (an older twinbridge-sandbox?): start a current one.")
                             .arg(sandboxFile));
            return ExitConfig;
        }
    } else if (!environment.value(TenantVariable).isEmpty() && !environment.value(ClientVariable).isEmpty() &&
               !environment.value(SecretVariable).isEmpty()) {
        authority.tenant = environment.value(TenantVariable);
        authority.clientId = environment.value(ClientVariable);
        clientSecret = environment.value(SecretVariable);
        qCInfo(lcAzureAuth) << "service principal from" << TenantVariable << ClientVariable << SecretVariable;
    } else if (!azureCli) {
        printProblem(tr("no Azure sign-in: give --sandbox <sandbox.json>, set %1, %2 and %3 for a service "
                        "principal, or give --azure-cli to use 'az login'.")
                         .arg(TenantVariable, ClientVariable, SecretVariable));
        return ExitUsage;
    }
    authority.armScope = armScopeFor(authority.armEndpoint);
    std::optional<QSslConfiguration> ssl;
    if (!caFile.isEmpty()) {
        Result<QSslConfiguration> configuration = DeviceConnectionSettings::tlsConfiguration(caFile);
        if (!configuration) {
            printProblem(configuration.error().toString());
            return ExitConfig;
        }
        ssl = configuration.value();
    }
    if (!clientSecret.isEmpty()) {
        if (const Status valid = authority.validate(true); !valid) {
            printProblem(valid.error().toString());
            return ExitConfig;
        }
        auto *credential = new ClientSecretCredential(authority, clientSecret, m_nam, nullptr, this);
        if (ssl)
            credential->transport()->setSslConfiguration(*ssl);
        m_credential = credential;
    } else {
        auto *credential = new AzureCliCredential(nullptr, this);
        if (!profile.azure.tenantId.isEmpty())
            credential->setTenant(profile.azure.tenantId);
        m_credential = credential;
    }
    m_arm = new ArmClient(m_nam, m_credential, nullptr, this);
    m_arm->configure(authority);
    m_arm->setPollInterval(pollInterval);
    if (ssl)
        m_arm->transport()->setSslConfiguration(*ssl);
    m_deployer = new AzureDeployer(m_arm, this);
    m_keychain = new KeychainSecretStore(this);

    connect(m_deployer, &AzureDeployer::deploymentStateChanged, this, [this](const QString &state) {
        printLine(tr("[%1] deployment %2: %3").arg(elapsed(), m_plan.deploymentName, state));
    });
    connect(m_deployer, &AzureDeployer::operationChanged, this, [this](const ArmDeploymentOperation &operation) {
        QString line = tr("[%1] %2: %3").arg(elapsed(), operationLabel(operation), operation.provisioningState);
        if (operation.provisioningState == QLatin1String("Failed") && !operation.statusMessage.isEmpty())
            line += QStringLiteral(" — ") + operation.statusMessage;
        printLine(line);
    });
    connect(m_deployer, &AzureDeployer::operationStatus, this, [this](const QString &operation, const QString &status) {
        if (m_deployer->isDeploying())
            return; // the watcher's per-resource lines say more
        printLine(tr("[%1] %2: %3").arg(elapsed(), operation, status));
    });
    connect(m_deployer, &AzureDeployer::stepChanged, this, [this](AzureDeployer::Step step) {
        if (step == AzureDeployer::Step::FetchingKey)
            printLine(tr("[%1] fetching the key of policy %2").arg(elapsed(), DeploymentPlan::policyName()));
    });
    return -1;
}

// --- the flow -----------------------------------------------------------------------------------------------

void DeployCommand::start()
{
    m_clock.start();
    m_signals = new UnixSignalWatcher({SIGINT, SIGTERM}, this);
    connect(m_signals, &UnixSignalWatcher::unixSignal, this, &DeployCommand::onSignal);
    const bool canConfirm = m_yes || ::isatty(STDIN_FILENO);
    auto refuse = [this]() {
        printProblem(tr("nothing changed: '%1' changes Azure resources and needs a confirmation. Run it in a "
                        "terminal to be asked, or add --yes.")
                         .arg(verb()));
        finish(ExitUsage);
    };

    if (m_action == Action::Uninstall) {
        printPlan();
        if (!canConfirm) {
            refuse();
            return;
        }
        m_arm->getResourceGroup(m_plan.subscriptionId, m_plan.resourceGroup)
            .then(this, [this](Result<ArmResourceGroup> group) {
                if (!group && group.error().kind() == ServiceError::Kind::NotFound) {
                    printLine(tr("Resource group %1 does not exist: there is nothing to delete in Azure.")
                                  .arg(m_plan.resourceGroup));
                    uninstallNow();
                    return;
                }
                if (!group) {
                    fail(group.error(), ExitUnavailable);
                    return;
                }
                confirmThen(tr("Type the name of the resource group (%1) to delete it with everything in it: ")
                                .arg(m_plan.resourceGroup),
                            m_plan.resourceGroup, [this]() { uninstallNow(); });
            });
        return;
    }

    // The key the Function presents: from the environment, else the keychain (an ingest key is generated when
    // there is none).
    const SecretKind kind = m_target == Target::Tts ? SecretKind::TtsApiKey : SecretKind::IngestKey;
    const QString variable = EngineConfig::environmentVariable(kind);
    auto withKey = [this, canConfirm, refuse]() {
        if (const Status valid = m_plan.check(); !valid && m_locationGiven) {
            fail(valid.error(), ExitConfig);
            return;
        }
        printPlan();
        if (!canConfirm) {
            refuse();
            return;
        }
        resolveLocation();
    };
    const QString fromEnvironment = QProcessEnvironment::systemEnvironment().value(variable);
    if (!fromEnvironment.isEmpty()) {
        m_plan.stackApiKey = fromEnvironment;
        m_keySource = tr("from %1").arg(variable);
        withKey();
        return;
    }
    m_keychain->read(m_config.profile.id, kind).then(this, [this, kind, withKey](Result<QString> key) {
        if (key) {
            m_plan.stackApiKey = key.value();
            m_keySource = tr("from the OS keychain");
        } else if (key.error().kind() == ServiceError::Kind::NotConfigured && kind == SecretKind::IngestKey) {
            m_plan.stackApiKey = EngineConfig::generateIngestKey();
            m_keyGenerated = true;
            m_keySource = tr("a new ingest key, stored in the OS keychain before deploying");
        } else if (key.error().kind() == ServiceError::Kind::NotConfigured) {
            fail(ServiceError::notConfigured(tr("The TTS API key is missing: set %1 or store it in the console.")
                                                 .arg(EngineConfig::environmentVariable(kind))),
                 ExitConfig);
            return;
        } else {
            fail(key.error(), ExitConfig);
            return;
        }
        withKey();
    });
}

void DeployCommand::resolveLocation()
{
    if (m_action == Action::Deploy) {
        runPreflight();
        return;
    }
    m_arm->getResourceGroup(m_plan.subscriptionId, m_plan.resourceGroup)
        .then(this, [this](Result<ArmResourceGroup> group) {
            if (!group && group.error().kind() == ServiceError::Kind::NotFound) {
                fail(ServiceError(ServiceError::Kind::NotFound,
                                  tr("Resource group %1 does not exist, so there is nothing to update. Run "
                                     "'twinbridged deploy' first, or give --resource-group.")
                                      .arg(m_plan.resourceGroup)),
                     ExitNoInput);
                return;
            }
            if (!group) {
                fail(group.error(), ExitUnavailable);
                return;
            }
            if (!m_locationGiven)
                m_plan.location = group.value().location;
            if (const Status valid = m_plan.check(); !valid) {
                fail(valid.error(), ExitConfig);
                return;
            }
            runPreflight();
        });
}

void DeployCommand::runPreflight()
{
    printLine(tr("[%1] checking resource providers and the IoT hub name…").arg(elapsed()));
    m_deployer->preflight(m_plan).then(this, [this](Result<DeploymentPreflight> found) {
        if (!found) {
            fail(found.error(), ExitUnavailable);
            return;
        }
        const DeploymentPreflight &preflight = found.value();
        if (!preflight.existingFreeHub.isEmpty()) {
            // Azure allows one Free hub per subscription: the deployment would fail after creating the rest.
            const QString where = preflight.existingFreeHubResourceGroup.isEmpty()
                ? QString()
                : tr(" in resource group %1").arg(preflight.existingFreeHubResourceGroup);
            fail(ServiceError::invalidInput(
                     tr("The subscription already has a Free (F1) IoT hub, %1%2, and Azure allows only one per "
                        "subscription. Deploy with --sku S1 instead, or delete hub %1 first (with 'twinbridged "
                        "uninstall' of its profile or in the Azure portal). Nothing was changed.")
                         .arg(preflight.existingFreeHub, where)),
                 ExitConfig);
            return;
        }
        if (m_action == Action::Deploy && !preflight.hubNameAvailable) {
            fail(ServiceError::invalidInput(
                     tr("The IoT hub name %1 is not available (%2). Choose another "
                        "--name-suffix, or run 'twinbridged update' if that hub is this "
                        "profile's.")
                         .arg(m_plan.hubName(),
                              preflight.hubNameMessage.isEmpty() ? preflight.hubNameReason : preflight.hubNameMessage)),
                 ExitConfig);
            return;
        }
        if (m_action == Action::Update && preflight.hubNameAvailable) {
            fail(ServiceError(ServiceError::Kind::NotFound,
                              tr("There is no IoT hub %1 to update. Run 'twinbridged deploy' first, or give the "
                                 "--name-suffix of the deployed hub.")
                                  .arg(m_plan.hubName())),
                 ExitNoInput);
            return;
        }
        m_unregisteredProviders = preflight.unregisteredProviders;
        if (m_unregisteredProviders.isEmpty()) {
            runWhatIf();
            return;
        }
        printLine(tr("These resource providers are not registered in the subscription yet: %1")
                      .arg(m_unregisteredProviders.join(QStringLiteral(", "))));
        confirmThen(tr("Register them now? [y/N] "), {}, [this]() {
            m_deployer->registerProviders(m_plan.subscriptionId, m_unregisteredProviders)
                .then(this, [this](Status registered) {
                    if (!registered) {
                        fail(registered.error(), ExitUnavailable);
                        return;
                    }
                    runWhatIf();
                });
        });
    });
}

void DeployCommand::runWhatIf()
{
    if (m_action == Action::Deploy && !m_groupChecked) {
        // The what-if needs the resource group: remember whether it is created only for it, so that a "no"
        // removes it again.
        m_groupChecked = true;
        m_arm->getResourceGroup(m_plan.subscriptionId, m_plan.resourceGroup)
            .then(this, [this](Result<ArmResourceGroup> group) {
                if (!group && group.error().kind() != ServiceError::Kind::NotFound) {
                    fail(group.error(), ExitUnavailable);
                    return;
                }
                m_groupCreatedForWhatIf = !group;
                runWhatIf();
            });
        return;
    }
    printLine(tr("[%1] asking Azure to validate the deployment…").arg(elapsed()));
    m_deployer->validate(m_plan).then(this, [this](Result<ArmDeploymentValidation> validation) {
        if (!validation) {
            failValidation(validation.error());
            return;
        }
        for (const ArmDeploymentValidation::Diagnostic &diagnostic : validation.value().diagnostics)
            printLine(tr("  %1 %2: %3").arg(diagnostic.level, diagnostic.code, diagnostic.message));
        runWhatIfNow();
    });
}

void DeployCommand::failValidation(const ServiceError &error)
{
    // Azure's own words, one problem a line, so that each can be fixed; then the group the validation needed
    // goes again if it was created only for it.
    printProblem(tr("Azure refused the deployment in validation; nothing was deployed."));
    printProblem(error.toString());
    const QStringList lines = error.detail().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (!lines.isEmpty()) {
        printProblem(tr("Azure's validation errors:"));
        for (const QString &line : lines)
            QTextStream(stderr) << "  " << line << Qt::endl;
    }
    removeGroupCreatedForWhatIfThen([this]() { finish(ExitUnavailable); });
}

void DeployCommand::removeGroupCreatedForWhatIfThen(std::function<void()> next)
{
    if (!m_groupCreatedForWhatIf) {
        next();
        return;
    }
    m_groupCreatedForWhatIf = false;
    printLine(tr("[%1] removing the empty resource group %2 again (it was created only for Azure's checks)…")
                  .arg(elapsed(), m_plan.resourceGroup));
    m_deployer->uninstall(m_plan.subscriptionId, m_plan.resourceGroup)
        .then(this, [this, next = std::move(next)](Status deleted) {
            if (!deleted)
                printProblem(tr("could not remove the empty resource group %1: %2 Delete it with 'twinbridged "
                                "uninstall' or in the portal.")
                                 .arg(m_plan.resourceGroup, deleted.error().message()));
            next();
        });
}

void DeployCommand::runWhatIfNow()
{
    printLine(tr("[%1] asking Azure what the deployment would change…").arg(elapsed()));
    m_deployer->whatIf(m_plan).then(this, [this](Result<QList<WhatIfChange>> changes) {
        if (!changes) {
            fail(changes.error(), ExitUnavailable);
            return;
        }
        printLine(tr("What-if for resource group %1:").arg(m_plan.resourceGroup));
        for (const WhatIfChange &change : changes.value()) {
            QString line = QStringLiteral("  %1 %2").arg(change.changeType, -10).arg(shortResource(change.resourceId));
            QStringList paths;
            for (const QJsonValue &delta : change.delta)
                paths.append(delta.toObject().value(QLatin1String("path")).toString());
            paths.removeAll(QString());
            if (!paths.isEmpty())
                line += QStringLiteral(" (") + paths.join(QStringLiteral(", ")) + QLatin1Char(')');
            printLine(line);
        }
        const QString question = m_action == Action::Deploy
            ? tr("Deploy these changes to resource group %1? [y/N] ").arg(m_plan.resourceGroup)
            : tr("Update resource group %1 with these changes? [y/N] ").arg(m_plan.resourceGroup);
        confirmThen(question, {}, [this]() { storeStackKeyThenDeploy(); });
    });
}

void DeployCommand::confirmThen(const QString &question, const QString &expectedAnswer, std::function<void()> next)
{
    if (m_yes) {
        next();
        return;
    }
    QTextStream(stdout) << question << Qt::flush;
    m_expectedAnswer = expectedAnswer;
    m_afterConfirm = std::move(next);
    if (m_stdinBuffer.contains('\n') || m_endOfInput) {
        // Typed ahead (or nothing more will come): the answer is already here.
        QTimer::singleShot(0, this, &DeployCommand::answer);
        return;
    }
    if (!m_stdin) {
        m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdin, &QSocketNotifier::activated, this, &DeployCommand::onStdinReadable);
    }
    m_stdin->setEnabled(true);
}

void DeployCommand::onStdinReadable()
{
    char buffer[256];
    const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (count > 0)
        m_stdinBuffer.append(buffer, count);
    else
        m_endOfInput = true;
    if (!m_endOfInput && !m_stdinBuffer.contains('\n'))
        return;
    m_stdin->setEnabled(false);
    answer();
}

void DeployCommand::answer()
{
    const qsizetype end = m_stdinBuffer.indexOf('\n');
    const QString typed = QString::fromUtf8(end < 0 ? m_stdinBuffer : m_stdinBuffer.left(end)).trimmed();
    m_stdinBuffer.remove(0, end < 0 ? m_stdinBuffer.size() : end + 1);
    const bool confirmed = m_expectedAnswer.isEmpty() ? (typed.compare(QLatin1String("y"), Qt::CaseInsensitive) == 0 ||
                                                         typed.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0)
                                                      : typed == m_expectedAnswer;
    if (!confirmed) {
        declined();
        return;
    }
    m_groupCreatedForWhatIf = false; // from now on it holds the deployment
    std::function<void()> next = std::move(m_afterConfirm);
    m_afterConfirm = nullptr;
    next();
}

void DeployCommand::declined()
{
    if (!m_groupCreatedForWhatIf) {
        printProblem(tr("not confirmed: nothing was deployed or deleted."));
        finish(ExitUsage);
        return;
    }
    removeGroupCreatedForWhatIfThen([this]() {
        printProblem(tr("not confirmed: nothing was deployed."));
        finish(ExitUsage);
    });
}

void DeployCommand::storeStackKeyThenDeploy()
{
    if (!m_keyGenerated) {
        deployNow();
        return;
    }
    m_keychain->write(m_config.profile.id, SecretKind::IngestKey, m_plan.stackApiKey).then(this, [this](Status stored) {
        if (!stored) {
            fail(stored.error(), ExitConfig);
            return;
        }
        printLine(
            tr("[%1] new ingest key stored in the OS keychain (the engine of this profile uses it)").arg(elapsed()));
        deployNow();
    });
}

void DeployCommand::deployNow()
{
    printLine(
        tr("[%1] deploying %2 to resource group %3…").arg(elapsed(), m_plan.deploymentName, m_plan.resourceGroup));
    m_deployer->deploy(m_plan).then(this, [this](Result<DeploymentOutcome> outcome) {
        if (!outcome) {
            fail(outcome.error(),
                 outcome.error().kind() == ServiceError::Kind::Canceled ? ExitInterrupted : ExitUnavailable);
            return;
        }
        finishDeployment(outcome.value());
    });
}

void DeployCommand::finishDeployment(const DeploymentOutcome &outcome)
{
    m_keychain->write(m_config.profile.id, SecretKind::HubPolicyKey, outcome.policyKey)
        .then(this, [this, outcome](Status stored) {
            if (!stored) {
                ServiceError error = stored.error();
                fail(ServiceError(error.kind(),
                                  tr("Hub %1 is deployed, but its policy key could not be stored in the OS keychain "
                                     "(%2). Run 'twinbridged update' again once the keychain works.")
                                      .arg(outcome.hostName, error.message())),
                     ExitConfig);
                return;
            }
            printLine(tr("[%1] the key of policy %2 is stored in the OS keychain (profile %3)")
                          .arg(elapsed(), outcome.policyName, m_config.profile.id));
            writeProfile(outcome);
        });
}

void DeployCommand::writeProfile(const DeploymentOutcome &outcome)
{
    QJsonObject hub = m_profileJson.value(QLatin1String("iotHub")).toObject();
    hub.insert(QStringLiteral("hostName"), outcome.hostName);
    hub.insert(QStringLiteral("policyName"), outcome.policyName);
    m_profileJson.insert(QStringLiteral("iotHub"), hub);
    // Where it is deployed: update and uninstall find it there, and so does the console.
    QJsonObject azure = m_profileJson.value(QLatin1String("azure")).toObject();
    azure.insert(QStringLiteral("subscriptionId"), m_plan.subscriptionId);
    azure.insert(QStringLiteral("resourceGroup"), m_plan.resourceGroup);
    m_profileJson.insert(QStringLiteral("azure"), azure);
    // The keychain entries are under this id: keep it, also for a file that had none (its derived id would
    // change with the new host name).
    if (!m_profileHadId)
        m_profileJson.insert(QStringLiteral("id"), m_config.profile.id);
    QSaveFile file(m_profileFile);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(m_profileJson).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        fail(ServiceError(ServiceError::Kind::Backend,
                          tr("Hub %1 is deployed and its key stored, but the profile file %2 could not be written "
                             "(%3). Set iotHub.hostName to %1, iotHub.policyName to %4, azure.subscriptionId to %5 "
                             "and azure.resourceGroup to %6 yourself.")
                              .arg(outcome.hostName, m_profileFile, file.errorString(), outcome.policyName,
                                   m_plan.subscriptionId, m_plan.resourceGroup)),
             ExitUnavailable);
        return;
    }
    printLine(tr("[%1] %2 now names hub %3, policy %4 and resource group %5")
                  .arg(elapsed(), m_profileFile, outcome.hostName, outcome.policyName, m_plan.resourceGroup));
    printLine(m_action == Action::Deploy ? tr("Deployed in %1.").arg(elapsed().trimmed())
                                         : tr("Updated in %1.").arg(elapsed().trimmed()));
    if (m_target == Target::Tts)
        printLine(tr("For The Things Stack's own Azure IoT Hub integration, enter host name %1 and the key of "
                     "policy %2 (copy it on the console's Connections page) in the TTS Console.")
                      .arg(outcome.hostName, outcome.policyName));
    finish(ExitOk);
}

void DeployCommand::uninstallNow()
{
    auto removeKey = [this]() {
        m_keychain->removeAll(m_config.profile.id).then(this, [this](Status removed) {
            if (!removed) {
                fail(removed.error(), ExitConfig);
                return;
            }
            printLine(tr("[%1] the secrets of profile %2 are removed from the OS keychain")
                          .arg(elapsed(), m_config.profile.id));
            finish(ExitOk);
        });
    };
    printLine(tr("[%1] deleting resource group %2…").arg(elapsed(), m_plan.resourceGroup));
    m_deployer->uninstall(m_plan.subscriptionId, m_plan.resourceGroup).then(this, [this, removeKey](Status deleted) {
        if (!deleted && deleted.error().kind() != ServiceError::Kind::NotFound) {
            fail(deleted.error(), ExitUnavailable);
            return;
        }
        printLine(tr("[%1] resource group %2 deleted").arg(elapsed(), m_plan.resourceGroup));
        removeKey();
    });
}

void DeployCommand::onSignal()
{
    if (m_deployer && m_deployer->isDeploying() && !m_canceling) {
        m_canceling = true;
        printLine(tr("[%1] canceling the deployment… (press Ctrl+C again to stop waiting)").arg(elapsed()));
        m_deployer->cancel().then(this, [this](Status canceled) {
            if (!canceled)
                printProblem(canceled.error().toString());
        });
        return;
    }
    printProblem(tr("stopped. A change Azure has accepted goes on there; run the command again to see its state."));
    finish(ExitInterrupted);
}

// --- output -------------------------------------------------------------------------------------------------

void DeployCommand::printPlan() const
{
    const ConnectionProfile &profile = m_config.profile;
    if (m_action == Action::Uninstall) {
        printLine(tr("Uninstall plan for profile %1 (%2):").arg(profile.name, profile.id));
        printLine(tr("  delete resource group %1 in subscription %2 with everything in it (IoT hub %3, Event Hubs, "
                     "storage, Function)")
                      .arg(m_plan.resourceGroup, m_plan.subscriptionId, m_plan.hubName()));
        printLine(tr("  then remove all of the profile's secrets from the OS keychain (TTS API key, IoT Hub policy "
                     "key, Azure client secret, ingest key, Azure sign-in)"));
        return;
    }
    printLine((m_action == Action::Deploy ? tr("Deployment plan for profile %1 (%2):")
                                          : tr("Update plan for profile %1 (%2):"))
                  .arg(profile.name, profile.id));
    printLine(tr("  subscription    %1").arg(m_plan.subscriptionId));
    printLine(tr("  resource group  %1 (%2)")
                  .arg(m_plan.resourceGroup, m_plan.location.isEmpty() ? tr("its current region") : m_plan.location));
    printLine(tr("  deployment      %1 (Incremental)").arg(m_plan.deploymentName));
    printLine(tr("  IoT hub         %1, %2 × %n unit(s), policy %3", nullptr, m_plan.hubUnits)
                  .arg(m_plan.hubName(), HubThrottle::skuName(m_plan.hubSku), DeploymentPlan::policyName()));
    printLine(tr("  Event Hubs      %1").arg(m_plan.eventHubSku));
    printLine(tr("  storage         %1").arg(m_plan.storageSku));
    printLine(tr("  fallback route  %1").arg(m_plan.fallbackRoute ? tr("on") : tr("off")));
    printLine(tr("  Function posts  to %1 for application %2").arg(m_plan.stackBaseUrl, m_plan.applicationId));
    printLine((m_target == Target::Tts ? tr("  with            the TTS API key (%1)")
                                       : tr("  with            the engine's ingest key (%1)"))
                  .arg(m_keySource));
}

QString DeployCommand::elapsed() const
{
    const qint64 ms = m_clock.isValid() ? m_clock.elapsed() : 0;
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 6, 'f', 1);
}

void DeployCommand::fail(const ServiceError &error, int exitCode)
{
    printProblem(error.toString());
    if (!error.detail().isEmpty())
        printProblem(tr("details: %1").arg(error.detail()));
    finish(exitCode);
}

void DeployCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_stdin)
        m_stdin->setEnabled(false);
    QCoreApplication::exit(exitCode);
}

} // namespace TwinBridge
