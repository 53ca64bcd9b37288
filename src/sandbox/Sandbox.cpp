#include "sandbox/Sandbox.h"

#include "sandbox/admin/AdminRouter.h"
#include "sandbox/admin/AdminServer.h"
#include "sandbox/admin/EntraAdminApi.h"
#include "sandbox/admin/HubAdminApi.h"
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
#include "services/core/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSaveFile>

namespace TwinBridge::Sandbox {

namespace {

ServiceError startError(const QString &message, const QString &code = QStringLiteral("SandboxStart"))
{
    ServiceError error(ServiceError::Kind::Backend, message);
    error.setCode(code);
    return error;
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
    bool running = false;

    void teardown()
    {
        if (adminServer)
            adminServer->close();
        if (mqtt)
            mqtt->close();
        // Destroyed in the reverse order of their dependencies.
        if (azure)
            azure->close();
        adminServer.reset();
        entraAdmin.reset();
        azure.reset();
        entra.reset();
        hubAdmin.reset();
        adminRouter.reset();
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
    stop();
}

Status Sandbox::start()
{
    if (d->running)
        return Done {};
    if (Status status = prepareStateDirectory(); !status) {
        d->teardown();
        return status;
    }
    if (Status status = provisionDefaultHub(); !status) {
        d->teardown();
        return status;
    }
    if (Status status = startListeners(); !status) {
        d->teardown();
        return status;
    }
    if (Status status = writeDescription(); !status) {
        d->teardown();
        return status;
    }
    d->running = true;
    return Done {};
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
    if (Result<quint16> port = d->azure->listen(tls, d->options.address, d->options.azurePort); !port)
        return port.error();

    d->adminRouter = std::make_unique<AdminRouter>();
    d->hubAdmin = std::make_unique<HubAdminApi>(d->hubs.get(), d->routing.get(), d->clock);
    d->hubAdmin->registerRoutes(*d->adminRouter);
    d->entraAdmin = std::make_unique<EntraAdminApi>(d->entra.get());
    d->entraAdmin->registerRoutes(*d->adminRouter);
    d->adminServer = std::make_unique<AdminServer>(d->adminRouter.get());
    if (Status status = d->adminServer->listen(d->options.address, d->options.adminPort); !status)
        return status;
    d->entra->setAdminUrl(d->adminServer->baseUrl());
    return Done {};
}

QString Sandbox::descriptionPath() const
{
    return QDir(d->options.stateDirectory).filePath(QLatin1String(DescriptionFileName));
}

QJsonObject Sandbox::description() const
{
    if (!d->hubs || !d->mqtt || !d->rest || !d->adminServer || !d->azure)
        return {};
    SandboxHub *hub = d->hubs->hub(QLatin1String(DefaultHubName));
    const auto policy = hub ? hub->policy(QLatin1String(PolicyName)) : std::nullopt;
    const QString host = d->options.address.toString();
    return QJsonObject {
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

void Sandbox::stop()
{
    if (!d->running && !d->hubs)
        return;
    if (d->running)
        QFile::remove(descriptionPath());
    d->running = false;
    d->teardown();
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
