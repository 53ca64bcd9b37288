#include "sandbox/Sandbox.h"

#include "sandbox/admin/AdminRouter.h"
#include "sandbox/admin/AdminServer.h"
#include "sandbox/admin/EntraAdminApi.h"
#include "sandbox/admin/HubAdminApi.h"
#include "sandbox/admin/TtsDeviceAdminApi.h"
#include "sandbox/arm/ArmAdminApi.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/AzureEndpoint.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/mqtt/DeviceMqttEndpoint.h"
#include "sandbox/rest/IotHubRestEndpoint.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "sandbox/tts/MosquittoBroker.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsMqttBridge.h"
#include "sandbox/tts/TtsRestEndpoint.h"
#include "sandbox/tts/TtsStandIn.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/tts/TtsRights.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>

namespace TwinBridge::Sandbox {

namespace {

ServiceError startError(const QString &message, const QString &code = QStringLiteral("SandboxStart"))
{
    ServiceError error(ServiceError::Kind::Backend, message);
    error.setCode(code);
    return error;
}

// The JoinEUI of the devices --devices provisions (what the admin API uses when none is given).
const QString ProvisionedJoinEui = QStringLiteral("0000000000000000");

QString randomHex(QRandomGenerator &random, int digits)
{
    static const char hex[] = "0123456789ABCDEF";
    QString text;
    text.reserve(digits);
    for (int i = 0; i < digits; ++i)
        text.append(QLatin1Char(hex[random.bounded(16)]));
    return text;
}

} // namespace

class Sandbox::Private
{
public:
    Options options;
    Clock *clock = nullptr;
    std::optional<SandboxCertificateAuthority> authority;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubDirectory> hubs;
    std::unique_ptr<RoutingDirectory> routing;
    std::unique_ptr<AdminRouter> adminRouter;
    std::unique_ptr<HubAdminApi> hubAdmin;
    std::unique_ptr<AdminServer> adminServer;
    std::unique_ptr<DeviceMqttEndpoint> mqtt;
    std::unique_ptr<IotHubRestEndpoint> rest;
    std::unique_ptr<EntraStandIn> entra;
    std::unique_ptr<EntraAdminApi> entraAdmin;
    std::unique_ptr<AzureEndpoint> azure;
    std::unique_ptr<ArmStandIn> arm;
    std::unique_ptr<ArmAdminApi> armAdmin;
    std::unique_ptr<TtsStandIn> tts;
    std::unique_ptr<MosquittoBroker> broker;
    std::unique_ptr<VirtualDeviceFleet> fleet;
    std::unique_ptr<TtsDeviceAdminApi> deviceAdmin;
    std::unique_ptr<TtsMqttBridge> bridge;
    bool running = false;
    bool starting = false;
    quint64 generation = 0; // of start(); stop() makes a pending start's continuation stand down

    void teardown()
    {
        if (adminServer)
            adminServer->close();
        if (mqtt)
            mqtt->close();
        // Destroyed in the reverse order of their dependencies.
        if (azure)
            azure->close();
        if (bridge)
            bridge->stop();
        if (fleet)
            fleet->stop();
        if (tts)
            tts->stop(); // saves the TTS state
        adminServer.reset();
        bridge.reset();
        deviceAdmin.reset();
        fleet.reset();
        entraAdmin.reset();
        armAdmin.reset();
        azure.reset();
        if (arm)
            (void)arm->saveNow();
        arm.reset();
        entra.reset();
        hubAdmin.reset();
        adminRouter.reset();
        tts.reset();
        broker.reset(); // kills a broker that still runs (stop() ends it with SIGTERM first)
        rest.reset();
        mqtt.reset();
        routing.reset();
        if (hubs)
            (void)hubs->saveNow();
        hubs.reset();
        nam.reset();
        authority.reset();
    }
};

Sandbox::Sandbox(Options options, Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->options = std::move(options);
    d->clock = clock ? clock : Clock::system();
}

Sandbox::~Sandbox()
{
    ++d->generation;
    if (d->running)
        QFile::remove(descriptionPath());
    d->running = false;
    d->starting = false;
    d->teardown();
}

QFuture<Status> Sandbox::start()
{
    if (d->running)
        return Futures::readyResult<Done>(Done {});
    if (d->starting) {
        return Futures::readyResult<Done>(
            ServiceError(ServiceError::Kind::Conflict, tr("The sandbox is starting already.")));
    }
    for (Status (Sandbox::*step)() : {&Sandbox::prepareStateDirectory, &Sandbox::provisionDefaultHub,
                                      &Sandbox::startListeners, &Sandbox::startTts}) {
        if (Status status = (this->*step)(); !status) {
            d->teardown();
            return Futures::readyResult<Done>(status);
        }
    }
    d->starting = true;
    const quint64 generation = ++d->generation;
    return d->broker->start().then(this, [this, generation](Status started) -> Status {
        if (generation != d->generation) // stopped (or destroyed) meanwhile
            return started ? Status(ServiceError::canceled(tr("start the sandbox"))) : started;
        d->starting = false;
        if (started)
            started = finishStart();
        if (!started) {
            d->teardown();
            return started;
        }
        d->running = true;
        return Done {};
    });
}

Status Sandbox::prepareStateDirectory()
{
    if (d->options.stateDirectory.isEmpty())
        return ServiceError::invalidInput(tr("The sandbox needs a state directory (--state-dir DIR)."));
    QDir directory(d->options.stateDirectory);
    d->options.stateDirectory = directory.absolutePath();
    if (!QDir().mkpath(d->options.stateDirectory)) {
        return startError(tr("Could not create the state directory \"%1\". Check that its parent exists and is "
                             "writable.")
                              .arg(d->options.stateDirectory));
    }
    // A sandbox.json from an earlier run would point at ports nobody listens on: tools wait for a new one.
    QFile::remove(descriptionPath());

    Result<SandboxCertificateAuthority> authority =
        SandboxCertificateAuthority::loadOrCreate(d->options.stateDirectory);
    if (!authority)
        return authority.error();
    d->authority = authority.takeValue();

    d->entra = std::make_unique<EntraStandIn>(d->clock);
    if (Status status = d->entra->setStateDirectory(d->options.stateDirectory); !status)
        return status;

    d->nam = std::make_unique<QNetworkAccessManager>();
    d->hubs = std::make_unique<HubDirectory>(d->clock);
    // Routers follow the hubs from the start, so restored hubs get theirs (with their saved routing).
    d->routing = std::make_unique<RoutingDirectory>(d->hubs.get(), d->nam.get(), d->clock);
    if (Status status = d->routing->setStateDirectory(d->options.stateDirectory); !status)
        return status;
    const bool throttles = d->options.throttlesEnabled;
    connect(d->hubs.get(), &HubDirectory::hubAdded, this,
            [throttles](SandboxHub *hub) { hub->setThrottlesEnabled(throttles); });
    if (Status status = d->hubs->setStateDirectory(d->options.stateDirectory); !status)
        return status;
    const QList<SandboxHub *> restored = d->hubs->hubs();
    for (SandboxHub *hub : restored)
        hub->setThrottlesEnabled(throttles);

    // Resource Manager: resource groups, deployments and the resources behind the hubs it created.
    d->arm = std::make_unique<ArmStandIn>(d->hubs.get(), d->routing.get(), d->entra.get(), d->clock);
    ArmStandIn::Settings armSettings;
    armSettings.timeScale = d->options.armTimeScale;
    d->arm->setSettings(armSettings);
    if (Status status = d->arm->setStateDirectory(d->options.stateDirectory); !status)
        return status;
    return Done {};
}

Status Sandbox::provisionDefaultHub()
{
    const QString name = QLatin1String(DefaultHubName);
    SandboxHub *hub = d->hubs->hub(name);
    if (!hub) {
        SandboxHub::Options options;
        options.name = name;
        options.sku = HubSku::S1;
        options.units = 1;
        options.throttlesEnabled = d->options.throttlesEnabled;
        Result<SandboxHub *> created = d->hubs->createHub(options);
        if (!created)
            return created.error();
        hub = created.value();
    }
    if (!hub->policy(QLatin1String(PolicyName))) {
        return startError(
            tr("The hub %1 in the state directory has no shared access policy \"%2\". Move \"%3\" away "
               "to start with a fresh hub.")
                .arg(name, QLatin1String(PolicyName), d->options.stateDirectory + QStringLiteral("/iothub")));
    }

    // TTS's template routing, unless the state directory has this hub's routing already; the command line's app
    // settings win over saved ones.
    RoutingConfiguration configuration;
    if (d->routing->hasSavedConfiguration(name)) {
        configuration = d->routing->router(name)->configuration();
    } else {
        configuration = RoutingConfiguration::ttsTemplate({}, {}, {}, d->options.fallbackRoute);
    }
    if (configuration.function) {
        QMap<QString, QString> &settings = configuration.function->appSettings;
        const auto apply = [&settings](const char *key, const QString &value) {
            if (!value.isEmpty())
                settings.insert(QLatin1String(key), value);
        };
        apply("STACK_BASE_URL", d->options.stackBaseUrl);
        apply("STACK_APPLICATION_ID", d->options.stackApplicationId);
        apply("STACK_API_KEY", d->options.stackApiKey);
    }
    if (Status status = d->routing->setConfiguration(name, configuration); !status)
        return status;
    return Done {};
}

Status Sandbox::startListeners()
{
    const QSslConfiguration tls = d->authority->serverConfiguration();
    d->mqtt = std::make_unique<DeviceMqttEndpoint>(d->hubs.get(), tls, d->clock);
    if (Status status = d->mqtt->listen(d->options.address, d->options.mqttPort); !status)
        return status;

    d->rest = std::make_unique<IotHubRestEndpoint>(d->hubs.get(), d->clock);
    if (Result<quint16> port = d->rest->listen(tls, d->options.address, d->options.restPort); !port)
        return port.error();

    d->azure = std::make_unique<AzureEndpoint>();
    d->entra->registerRoutes(*d->azure);
    d->arm->registerRoutes(*d->azure);
    if (Result<quint16> port = d->azure->listen(tls, d->options.address, d->options.azurePort); !port)
        return port.error();

    d->adminRouter = std::make_unique<AdminRouter>();
    d->hubAdmin = std::make_unique<HubAdminApi>(d->hubs.get(), d->routing.get(), d->clock);
    d->hubAdmin->registerRoutes(*d->adminRouter);
    d->entraAdmin = std::make_unique<EntraAdminApi>(d->entra.get());
    d->entraAdmin->registerRoutes(*d->adminRouter);
    d->armAdmin = std::make_unique<ArmAdminApi>(d->arm.get());
    d->armAdmin->registerRoutes(*d->adminRouter);
    d->adminServer = std::make_unique<AdminServer>(d->adminRouter.get());
    if (Status status = d->adminServer->listen(d->options.address, d->options.adminPort); !status)
        return status;
    d->entra->setAdminUrl(d->adminServer->baseUrl());
    return Done {};
}

Status Sandbox::startTts()
{
    TtsStandIn::Options options;
    options.stateDirectory = d->options.stateDirectory;
    options.address = d->options.address;
    options.port = d->options.ttsPort;
    options.seed = d->options.seed;
    d->tts = std::make_unique<TtsStandIn>(options, d->clock);
    if (Status status = d->tts->start(); !status)
        return status;
    d->tts->registerAdminRoutes(*d->adminRouter);
    if (Result<int> provisioned = provisionTtsDevices(); !provisioned)
        return provisioned.error();
    // After POST /admin/reset (which empties the registries) the provisioned devices are there again.
    d->adminRouter->addResetAction(QStringLiteral("tts-provisioned-devices"), [this] {
        if (Result<int> provisioned = provisionTtsDevices(); !provisioned)
            qCWarning(lcSandbox).noquote()
                << "could not provision the TTS devices again:" << provisioned.error().message();
    });

    // The virtual devices; they start once the broker runs (finishStart). The devices of --devices are
    // provisioned above, so the fleet provisions none itself.
    VirtualDeviceFleet::Options fleet;
    fleet.devices = 0;
    fleet.uplinkInterval = d->options.uplinkInterval;
    fleet.speed = d->options.speed;
    fleet.seed = d->options.seed;
    d->fleet = std::make_unique<VirtualDeviceFleet>(d->tts->model(), fleet, d->clock);
    d->deviceAdmin = std::make_unique<TtsDeviceAdminApi>(d->fleet.get());
    d->deviceAdmin->registerRoutes(*d->adminRouter);

    MosquittoBroker::Options broker;
    broker.stateDirectory = d->options.stateDirectory;
    broker.executable = d->options.mosquittoExecutable;
    broker.address = d->options.address;
    broker.port = d->options.ttsMqttPort;
    broker.tlsPort = d->options.ttsMqttTlsPort;
    broker.tls = true;
    broker.useCertificates(*d->authority);
    d->broker = std::make_unique<MosquittoBroker>(broker, d->clock);
    // The password file follows the API keys (created, deleted over REST or the admin API).
    connect(d->tts->model(), &TtsApplicationModel::apiKeysChanged, this, &Sandbox::syncBrokerKeys);
    const QList<TtsApplicationModel::Application> applications = d->tts->model()->applications();
    for (const TtsApplicationModel::Application &application : applications)
        syncBrokerKeys(application.id);
    return Done {};
}

Status Sandbox::finishStart()
{
    d->tts->setMqttBroker(d->broker->host(), d->broker->port(), d->broker->tlsPort());
    connect(d->broker.get(), &MosquittoBroker::stoppedUnexpectedly, this, [this](const ServiceError &error) {
        if (d->running)
            emit failed(error);
    });
    // The Application Server's MQTT side: the fleet's messages out, down/push and down/replace in.
    d->bridge = std::make_unique<TtsMqttBridge>(d->tts->model(), d->fleet.get(), TtsMqttBridge::forBroker(*d->broker),
                                                d->clock);
    if (Status status = d->bridge->start(); !status)
        return status;
    if (Status status = d->fleet->start(); !status)
        return status;
    return writeDescription();
}

// TTS's MQTT server accepts any key of the application with a traffic right; mosquitto keeps one password per
// user, the last one handed over — so the application's default key (the one sandbox.json names) goes last and
// the others only while the default key is gone or lacks traffic rights.
void Sandbox::syncBrokerKeys(const QString &applicationId)
{
    if (!d->broker || !d->tts)
        return;
    TtsApplicationModel *model = d->tts->model();
    const std::optional<TtsApplicationModel::Application> application = model->application(applicationId);
    if (!application)
        return;
    const std::optional<TtsApiKey> defaultKey = model->defaultApiKey(applicationId);
    QStringList tokens;
    QString last;
    const QList<TtsApiKey> keys = model->apiKeys(applicationId);
    for (const TtsApiKey &key : keys) {
        const TtsRights rights = key.grantedRights();
        if (!rights.has(TtsRights::Right::ApplicationTrafficRead) &&
            !rights.has(TtsRights::Right::ApplicationTrafficDownWrite))
            continue;
        if (defaultKey && key.id == defaultKey->id)
            last = key.token();
        else
            tokens.append(key.token());
    }
    if (!last.isEmpty())
        tokens.append(last);
    d->broker->setApplicationKeys(application->id, application->tenantId, tokens)
        .then(this, [applicationId](Status status) {
            if (!status) {
                qCWarning(lcSandbox).noquote() << "could not hand the API keys of" << applicationId
                                               << "to the MQTT broker:" << status.error().message();
            }
        });
}

Result<int> Sandbox::provisionTtsDevices()
{
    if (d->options.devices <= 0 || !d->tts)
        return 0;
    TtsApplicationModel *model = d->tts->model();
    const QString applicationId = QLatin1String(TtsApplicationModel::DefaultApplicationId);
    if (!model->devices(applicationId).isEmpty())
        return 0;
    QSet<QString> taken;
    const QList<TtsApplicationModel::DeviceSummary> existing = model->devices();
    for (const TtsApplicationModel::DeviceSummary &device : existing)
        taken.insert(device.devEui.toUpper());
    // With a seed the same devices come back after a reset (and in every fresh state directory).
    std::optional<QRandomGenerator> seeded;
    if (d->options.seed) {
        const quint32 words[] = {quint32(*d->options.seed), quint32(*d->options.seed >> 32), 0x74747364u};
        seeded.emplace(words, std::size(words));
    }
    auto hex = [&seeded, model](int digits) { return seeded ? randomHex(*seeded, digits) : model->randomHex(digits); };
    for (int i = 1; i <= d->options.devices; ++i) {
        TtsApplicationModel::ProvisionSpec spec;
        spec.deviceId = QStringLiteral("dev-%1").arg(i, 3, 10, QLatin1Char('0'));
        do {
            spec.devEui = hex(16);
        } while (taken.contains(spec.devEui));
        taken.insert(spec.devEui);
        spec.joinEui = ProvisionedJoinEui;
        spec.appKey = hex(32);
        if (Result<TtsApplicationModel::DeviceSummary> created = model->provisionDevice(applicationId, spec); !created)
            return created.error();
    }
    qCInfo(lcSandbox) << "provisioned" << d->options.devices << "TTS devices in" << applicationId;
    return d->options.devices;
}

QString Sandbox::descriptionPath() const
{
    return QDir(d->options.stateDirectory).filePath(QLatin1String(DescriptionFileName));
}

QJsonObject Sandbox::description() const
{
    if (!d->hubs || !d->mqtt || !d->rest || !d->adminServer || !d->azure || !d->tts || !d->broker)
        return {};
    SandboxHub *hub = d->hubs->hub(QLatin1String(DefaultHubName));
    const auto policy = hub ? hub->policy(QLatin1String(PolicyName)) : std::nullopt;
    const QString host = d->options.address.toString();
    // DESIGN.md §3: api, mqtt {host, port, tls}, applicationId, tenantId, apiKey.
    QJsonObject tts = d->tts->description();
    tts.remove(QStringLiteral("apiTls"));
    const bool mqttTls = d->options.ttsMqttTls;
    tts.insert(QStringLiteral("mqtt"),
               QJsonObject {{QStringLiteral("host"), d->broker->host()},
                            {QStringLiteral("port"), mqttTls ? d->broker->tlsPort() : d->broker->port()},
                            {QStringLiteral("tls"), mqttTls}});
    return QJsonObject {
        {QStringLiteral("tts"), tts},
        {QStringLiteral("iotHub"),
         QJsonObject {
             {QStringLiteral("hostName"), hub ? hub->hostName() : QString()},
             {QStringLiteral("rest"), d->rest->url().toString()},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), host}, {QStringLiteral("port"), d->mqtt->serverPort()}}},
             {QStringLiteral("policyName"), QLatin1String(PolicyName)},
             {QStringLiteral("policyKey"), policy ? QString::fromLatin1(policy->primaryKey) : QString()},
         }},
        {QStringLiteral("azure"),
         QJsonObject {
             {QStringLiteral("authority"), d->azure->url().toString()},
             {QStringLiteral("management"), d->azure->url().toString()},
             {QStringLiteral("tenantId"), QLatin1String(AzureDefaults::TenantId)},
             {QStringLiteral("subscriptionId"), QLatin1String(AzureDefaults::SubscriptionId)},
             {QStringLiteral("clientId"), QLatin1String(AzureDefaults::ClientId)},
             {QStringLiteral("clientSecret"), d->entra->clientSecret()},
         }},
        {QStringLiteral("caCertificate"), d->authority ? d->authority->caCertificatePath() : QString()},
        {QStringLiteral("admin"), d->adminServer->baseUrl().toString()},
    };
}

Status Sandbox::writeDescription() const
{
    QSaveFile file(descriptionPath());
    // It holds the policy key: readable by the owner only, from the first byte on.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(QJsonDocument(description()).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        return startError(tr("Could not write \"%1\": %2. Check the free space and the permissions of the state "
                             "directory.")
                              .arg(descriptionPath(), file.errorString()));
    }
    return Done {};
}

QFuture<void> Sandbox::stop()
{
    ++d->generation;
    d->starting = false;
    if (d->running)
        QFile::remove(descriptionPath());
    d->running = false;
    // The broker outlives the rest until its process is gone.
    MosquittoBroker *broker = d->broker.release();
    d->teardown();
    if (!broker)
        return QtFuture::makeReadyFuture();
    broker->disconnect(this);
    broker->setParent(this);
    return broker->stop().then(broker, [broker] { broker->deleteLater(); });
}

bool Sandbox::isRunning() const
{
    return d->running;
}

QList<Sandbox::Listener> Sandbox::listeners() const
{
    QList<Listener> list;
    if (d->mqtt) {
        list.append({tr("IoT Hub device MQTT (TLS)"),
                     QStringLiteral("%1:%2").arg(d->options.address.toString()).arg(d->mqtt->serverPort())});
    }
    if (d->rest)
        list.append({tr("IoT Hub service REST (HTTPS)"), d->rest->url().toString()});
    if (d->azure)
        list.append({tr("Azure: Entra ID and Resource Manager (HTTPS)"), d->azure->url().toString()});
    if (d->tts)
        list.append({tr("TTS API (HTTP)"), d->tts->rest()->apiUrl().toString()});
    if (d->broker && d->broker->port() != 0) {
        const QString host = d->broker->host();
        list.append({tr("TTS MQTT (mosquitto)"), QStringLiteral("%1:%2").arg(host).arg(d->broker->port())});
        list.append({tr("TTS MQTT (mosquitto, TLS)"), QStringLiteral("%1:%2").arg(host).arg(d->broker->tlsPort())});
    }
    if (d->adminServer)
        list.append({tr("Admin API (HTTP)"), d->adminServer->baseUrl().toString()});
    return list;
}

quint16 Sandbox::mqttPort() const
{
    return d->mqtt ? d->mqtt->serverPort() : 0;
}

quint16 Sandbox::restPort() const
{
    return d->rest ? d->rest->port() : 0;
}

quint16 Sandbox::adminPort() const
{
    return d->adminServer ? d->adminServer->serverPort() : 0;
}

quint16 Sandbox::azurePort() const
{
    return d->azure ? d->azure->port() : 0;
}

AzureEndpoint *Sandbox::azureEndpoint() const
{
    return d->azure.get();
}

EntraStandIn *Sandbox::entra() const
{
    return d->entra.get();
}

ArmStandIn *Sandbox::arm() const
{
    return d->arm.get();
}

VirtualDeviceFleet *Sandbox::fleet() const
{
    return d->fleet.get();
}

TtsStandIn *Sandbox::tts() const
{
    return d->tts.get();
}

MosquittoBroker *Sandbox::broker() const
{
    return d->broker.get();
}

HubDirectory *Sandbox::hubs() const
{
    return d->hubs.get();
}

RoutingDirectory *Sandbox::routing() const
{
    return d->routing.get();
}

AdminRouter *Sandbox::adminRouter() const
{
    return d->adminRouter.get();
}

} // namespace TwinBridge::Sandbox
