#include "sandbox/hub/HubDirectory.h"

#include "services/core/Logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace TwinBridge::Sandbox {

namespace {

constexpr std::chrono::milliseconds SaveDelay {500};
// A save writes every hub whole (10,000 twins take a good fraction of a second), so under a steady stream of
// changes the sandbox waits this many times as long as the last save took before the next one — saving then
// costs at most ~5 % of its time instead of most of it — but never longer than MaxSaveDelay.
constexpr int SaveCostFactor = 20;
constexpr std::chrono::milliseconds MaxSaveDelay {30000};
constexpr int DirectoryFormat = 1;

ServiceError backendError(const QString &message)
{
    ServiceError error(ServiceError::Kind::Backend, message);
    error.setCode(QStringLiteral("SandboxState"));
    return error;
}

} // namespace

class HubDirectory::Private
{
public:
    Clock *clock;
    QString stateDirectory;
    QList<QPointer<SandboxHub>> hubs;
    bool saveScheduled = false;
    // Bumped on every schedule, so that a reset or saveNow() turns older pending saves into no-ops.
    quint64 saveGeneration = 0;
    qint64 lastSaveMs = 0; // how long the last save took (wall clock)

    QString statePath() const { return stateDirectory + QStringLiteral("/iothub/hubs.json"); }
};

HubDirectory::HubDirectory(Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->clock = clock ? clock : Clock::system();
}

HubDirectory::~HubDirectory()
{
    if (d->saveScheduled)
        saveNow();
}

Status HubDirectory::setStateDirectory(const QString &stateDirectory)
{
    d->stateDirectory = stateDirectory;
    if (stateDirectory.isEmpty())
        return Done {};
    if (!QDir().mkpath(stateDirectory + QStringLiteral("/iothub"))) {
        return backendError(tr("Could not create the directory \"%1/iothub\" for the hub state. Check the "
                               "permissions of the state directory.")
                                .arg(stateDirectory));
    }
    QFile file(d->statePath());
    if (!file.exists())
        return Done {};
    if (!file.open(QIODevice::ReadOnly)) {
        return backendError(
            tr("Could not read the saved hubs from \"%1\": %2").arg(file.fileName(), file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return backendError(tr("The saved hubs in \"%1\" are not valid JSON (%2). Move the file away to start "
                               "with empty hubs.")
                                .arg(file.fileName(), parseError.errorString()));
    }
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toInt() != DirectoryFormat) {
        return backendError(tr("The saved hubs in \"%1\" have an unknown format. Move the file away to start with "
                               "empty hubs.")
                                .arg(file.fileName()));
    }
    QList<SandboxHub *> restored;
    for (const QJsonValue &value : root.value(QStringLiteral("hubs")).toArray()) {
        Result<SandboxHub *> hub = SandboxHub::restore(value.toObject(), d->clock, this);
        if (!hub) {
            qDeleteAll(restored);
            return backendError(
                tr("Could not restore a hub from \"%1\": %2").arg(file.fileName(), hub.error().message()));
        }
        restored.append(hub.value());
    }
    for (SandboxHub *hub : std::as_const(restored)) {
        if (SandboxHub *existing = this->hub(hub->name()))
            removeHub(existing->name());
        d->hubs.append(hub);
        connect(hub, &SandboxHub::stateChanged, this, [this] { scheduleSave(); });
        qCInfo(lcSandbox).noquote() << "restored hub" << hub->name() << "with" << hub->deviceCount() << "devices";
        emit hubAdded(hub);
    }
    return Done {};
}

void HubDirectory::scheduleSave()
{
    if (d->stateDirectory.isEmpty() || d->saveScheduled)
        return;
    d->saveScheduled = true;
    const quint64 generation = ++d->saveGeneration;
    const std::chrono::milliseconds delay =
        std::clamp(std::chrono::milliseconds(d->lastSaveMs * SaveCostFactor), SaveDelay, MaxSaveDelay);
    d->clock->callAfter(delay, this, [this, generation] {
        if (generation != d->saveGeneration || !d->saveScheduled)
            return;
        if (Status saved = saveNow(); !saved)
            qCWarning(lcSandbox).noquote() << saved.error().message();
    });
}

Status HubDirectory::saveNow()
{
    d->saveScheduled = false;
    ++d->saveGeneration;
    if (d->stateDirectory.isEmpty())
        return Done {};
    QElapsedTimer took;
    took.start();
    QJsonArray hubs;
    for (const QPointer<SandboxHub> &hub : std::as_const(d->hubs)) {
        if (hub)
            hubs.append(hub->saveState());
    }
    const QJsonObject root {{QStringLiteral("format"), DirectoryFormat}, {QStringLiteral("hubs"), hubs}};
    if (!QDir().mkpath(d->stateDirectory + QStringLiteral("/iothub")))
        return backendError(tr("Could not create the directory \"%1/iothub\".").arg(d->stateDirectory));
    QSaveFile file(d->statePath());
    if (!file.open(QIODevice::WriteOnly)) {
        return backendError(tr("Could not save the hubs to \"%1\": %2").arg(file.fileName(), file.errorString()));
    }
    // The file holds policy and device keys: owner only.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        return backendError(tr("Could not save the hubs to \"%1\": %2").arg(file.fileName(), file.errorString()));
    }
    d->lastSaveMs = took.elapsed();
    qCDebug(lcSandbox) << "saved the hubs in" << d->lastSaveMs << "ms";
    return Done {};
}

Result<SandboxHub *> HubDirectory::createHub(const SandboxHub::Options &options)
{
    if (options.name.isEmpty()) {
        ServiceError error = ServiceError::invalidInput(tr("A hub needs a name."));
        error.setCode(QStringLiteral("InvalidHubName"));
        return error;
    }
    if (hub(options.name)) {
        ServiceError error(ServiceError::Kind::Conflict, tr("A hub named \"%1\" already exists.").arg(options.name));
        error.setHttpStatus(409);
        error.setCode(QStringLiteral("HubAlreadyExists"));
        return error;
    }
    auto *created = new SandboxHub(options, d->clock, this);
    d->hubs.append(created);
    connect(created, &SandboxHub::stateChanged, this, [this] { scheduleSave(); });
    emit hubAdded(created);
    scheduleSave();
    return created;
}

Status HubDirectory::removeHub(const QString &name)
{
    for (qsizetype i = 0; i < d->hubs.size(); ++i) {
        SandboxHub *found = d->hubs.at(i);
        if (found && found->name().compare(name, Qt::CaseInsensitive) == 0) {
            d->hubs.removeAt(i);
            const QString removedName = found->name();
            found->dropAllConnections();
            found->deleteLater();
            emit hubRemoved(removedName);
            scheduleSave();
            return Done {};
        }
    }
    ServiceError error(ServiceError::Kind::NotFound, tr("There is no hub named \"%1\".").arg(name));
    error.setHttpStatus(404);
    error.setCode(QStringLiteral("IotHubNotFound"));
    return error;
}

SandboxHub *HubDirectory::hub(const QString &name) const
{
    for (const QPointer<SandboxHub> &hub : std::as_const(d->hubs)) {
        if (hub && hub->name().compare(name, Qt::CaseInsensitive) == 0)
            return hub;
    }
    return nullptr;
}

SandboxHub *HubDirectory::hubForHost(const QString &hostName) const
{
    QString name = hostName.trimmed();
    const qsizetype colon = name.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        name = name.left(colon);
    const QLatin1String suffix(".azure-devices.net");
    if (name.endsWith(suffix, Qt::CaseInsensitive))
        name.chop(suffix.size());
    else if (name.contains(QLatin1Char('.')))
        return nullptr;
    return hub(name);
}

QList<SandboxHub *> HubDirectory::hubs() const
{
    QList<SandboxHub *> result;
    for (const QPointer<SandboxHub> &hub : std::as_const(d->hubs)) {
        if (hub)
            result.append(hub);
    }
    return result;
}

void HubDirectory::resetAll()
{
    const QList<SandboxHub *> current = hubs();
    for (SandboxHub *hub : current) {
        hub->dropAllConnections();
        hub->reset();
    }
    scheduleSave();
}

} // namespace TwinBridge::Sandbox
