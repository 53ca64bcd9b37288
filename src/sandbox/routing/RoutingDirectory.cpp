#include "sandbox/routing/RoutingDirectory.h"

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "services/core/Logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace TwinBridge::Sandbox {

namespace {

constexpr int RoutingFormat = 1;

ServiceError backendError(const QString &message)
{
    ServiceError error(ServiceError::Kind::Backend, message);
    error.setCode(QStringLiteral("SandboxState"));
    return error;
}

} // namespace

RoutingDirectory::RoutingDirectory(HubDirectory *hubs, QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_hubs(hubs)
    , m_nam(nam)
    , m_clock(clock ? clock : Clock::system())
{
    if (!hubs)
        return;
    connect(hubs, &HubDirectory::hubAdded, this, &RoutingDirectory::addHub);
    connect(hubs, &HubDirectory::hubRemoved, this, [this](const QString &name) {
        if (MessageRouter *router = m_routers.take(name))
            router->deleteLater();
    });
    const QList<SandboxHub *> existing = hubs->hubs();
    for (SandboxHub *hub : existing)
        addHub(hub);
}

RoutingDirectory::~RoutingDirectory() = default;

Status RoutingDirectory::setStateDirectory(const QString &stateDirectory)
{
    m_stateDirectory = stateDirectory;
    if (stateDirectory.isEmpty())
        return Done {};
    if (!QDir().mkpath(stateDirectory + QStringLiteral("/iothub"))) {
        return backendError(tr("Could not create the directory \"%1/iothub\" for the routing state. Check the "
                               "permissions of the state directory.")
                                .arg(stateDirectory));
    }
    QFile file(stateDirectory + QStringLiteral("/iothub/routing.json"));
    if (!file.exists())
        return Done {};
    if (!file.open(QIODevice::ReadOnly))
        return backendError(
            tr("Could not read the saved routing from \"%1\": %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
        root.value(QStringLiteral("format")).toInt() != RoutingFormat) {
        return backendError(
            tr("The saved routing in \"%1\" is not valid (%2). Move the file away to start with "
               "the default routing.")
                .arg(file.fileName(),
                     parseError.error != QJsonParseError::NoError ? parseError.errorString() : tr("unknown format")));
    }
    const QJsonObject hubs = root.value(QStringLiteral("hubs")).toObject();
    for (auto it = hubs.constBegin(); it != hubs.constEnd(); ++it)
        m_saved.insert(it.key(), it.value().toObject());
    // Hubs that exist already get their saved routing now.
    for (auto it = m_routers.cbegin(); it != m_routers.cend(); ++it) {
        const auto saved = m_saved.constFind(it.key());
        if (saved == m_saved.cend())
            continue;
        SandboxHub *hub = m_hubs ? m_hubs->hub(it.key()) : nullptr;
        Result<RoutingConfiguration> configuration =
            RoutingConfiguration::fromJson(saved.value(), hub ? hub->sku() : HubSku::S1);
        if (!configuration)
            return backendError(
                tr("The saved routing of hub %1 is not valid: %2").arg(it.key(), configuration.error().message()));
        if (Status applied = it.value()->setConfiguration(configuration.value(), hub ? hub->sku() : HubSku::S1);
            !applied)
            return applied;
    }
    return Done {};
}

void RoutingDirectory::addHub(SandboxHub *hub)
{
    if (!hub || m_routers.contains(hub->name()))
        return;
    const QString name = hub->name();
    auto *router = new MessageRouter(name, m_nam, m_clock, this);
    const auto saved = m_saved.constFind(name);
    if (saved != m_saved.cend()) {
        Result<RoutingConfiguration> configuration = RoutingConfiguration::fromJson(saved.value(), hub->sku());
        if (configuration)
            (void)router->setConfiguration(configuration.value(), hub->sku());
        else
            qCWarning(lcSandbox) << "ignoring the saved routing of hub" << name << ":"
                                 << configuration.error().message();
    }
    m_routers.insert(name, router);
    connect(hub, &SandboxHub::messageRaised, router, [router](const HubMessage &message) { router->route(message); });
    connect(router, &MessageRouter::eventCountsChanged, this, [this, name] { updateMetrics(name); });
    updateMetrics(name);
    emit routerAdded(router);
}

void RoutingDirectory::updateMetrics(const QString &hubName)
{
    SandboxHub *hub = m_hubs ? m_hubs->hub(hubName) : nullptr;
    MessageRouter *router = m_routers.value(hubName);
    if (!hub || !router)
        return;
    HubMetrics &metrics = hub->mutableMetrics();
    metrics.eventsPending = quint64(router->eventsPending());
    metrics.eventsDelivered = router->eventsDelivered();
}

MessageRouter *RoutingDirectory::router(const QString &hubName) const
{
    return m_routers.value(hubName);
}

Status RoutingDirectory::setConfiguration(const QString &hubName, const RoutingConfiguration &configuration)
{
    MessageRouter *router = m_routers.value(hubName);
    SandboxHub *hub = m_hubs ? m_hubs->hub(hubName) : nullptr;
    if (!router || !hub) {
        ServiceError error(ServiceError::Kind::NotFound, tr("There is no hub \"%1\" in this sandbox.").arg(hubName));
        error.setCode(QStringLiteral("HubNotFound"));
        return error;
    }
    if (Status applied = router->setConfiguration(configuration, hub->sku()); !applied)
        return applied;
    m_saved.insert(hubName, configuration.toJson());
    return save();
}

bool RoutingDirectory::hasSavedConfiguration(const QString &hubName) const
{
    return m_saved.contains(hubName);
}

void RoutingDirectory::resetAll()
{
    for (MessageRouter *router : std::as_const(m_routers))
        router->reset();
}

Status RoutingDirectory::save() const
{
    if (m_stateDirectory.isEmpty())
        return Done {};
    QJsonObject hubs;
    for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it)
        hubs.insert(it.key(), it.value());
    const QJsonObject root {{QStringLiteral("format"), RoutingFormat}, {QStringLiteral("hubs"), hubs}};
    QSaveFile file(m_stateDirectory + QStringLiteral("/iothub/routing.json"));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        return backendError(tr("Could not save the routing to \"%1\": %2. Check the free space and the permissions "
                               "of the state directory.")
                                .arg(file.fileName(), file.errorString()));
    }
    // The routing holds the function's API key: keep the file to its owner.
    QFile::setPermissions(file.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return Done {};
}

} // namespace TwinBridge::Sandbox
