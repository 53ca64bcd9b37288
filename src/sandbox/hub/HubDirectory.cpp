#include "sandbox/hub/HubDirectory.h"

#include "services/core/Logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QMutex>
#include <QSaveFile>
#include <QThreadPool>
#include <QTimer>

#include <deque>
#include <map>

namespace TwinBridge::Sandbox {

namespace {

constexpr std::chrono::milliseconds SaveDelay {500};
// Under a steady stream of changes the next save waits this many times as long as the last one took (from
// its start to the file on disk), so that saving costs a small share of the machine, but never longer than
// MaxSaveDelay.
constexpr int SaveCostFactor = 20;
constexpr std::chrono::milliseconds MaxSaveDelay {30000};
// The event loop serializes changed devices for at most this long per turn, then lets other events run.
constexpr qint64 SliceBudgetNs = 4'000'000;
constexpr int DirectoryFormat = 1;

ServiceError backendError(const QString &message)
{
    ServiceError error(ServiceError::Kind::Backend, message);
    error.setCode(QStringLiteral("SandboxState"));
    return error;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// What one save writes of a hub: its state without devices, and each device's state as compact JSON.
struct HubSnapshot
{
    QByteArray header;
    QMap<QString, QByteArray> devices;
};

// {"format":1,"hubs":[{…header…,"devices":[…]}, …]}: the document SandboxHub::saveState() gives, written
// from the cached pieces (no JSON tree of all twins).
QByteArray assemble(const std::vector<HubSnapshot> &hubs)
{
    qsizetype size = 64;
    for (const HubSnapshot &hub : hubs) {
        size += hub.header.size() + 16;
        for (const QByteArray &device : hub.devices)
            size += device.size() + 1;
    }
    QByteArray bytes;
    bytes.reserve(size);
    bytes += "{\"format\":" + QByteArray::number(DirectoryFormat) + ",\"hubs\":[";
    bool firstHub = true;
    for (const HubSnapshot &hub : hubs) {
        if (!std::exchange(firstHub, false))
            bytes += ',';
        bytes += QByteArrayView(hub.header).chopped(1); // without its closing brace; never empty ("name")
        bytes += ",\"devices\":[";
        bool firstDevice = true;
        for (const QByteArray &device : hub.devices) {
            if (!std::exchange(firstDevice, false))
                bytes += ',';
            bytes += device;
        }
        bytes += "]}";
    }
    bytes += "]}\n";
    return bytes;
}

// The state file is written by one save at a time, newest wins: a background write that finds a newer
// generation already on disk (saveNow() came first) skips.
struct StateFile
{
    QMutex mutex;
    quint64 writtenGeneration = 0;

    Status write(const QString &path, quint64 generation, const QByteArray &bytes)
    {
        const QMutexLocker locker(&mutex);
        if (generation <= writtenGeneration)
            return Done {};
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return backendError(
                HubDirectory::tr("Could not save the hubs to \"%1\": %2").arg(file.fileName(), file.errorString()));
        }
        // The file holds policy and device keys: owner only.
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(bytes);
        if (!file.commit()) {
            return backendError(
                HubDirectory::tr("Could not save the hubs to \"%1\": %2").arg(file.fileName(), file.errorString()));
        }
        writtenGeneration = generation;
        return Done {};
    }
};

} // namespace

class HubDirectory::Private
{
public:
    Private() { writer.setMaxThreadCount(1); }

    Clock *clock;
    QString stateDirectory;
    QList<QPointer<SandboxHub>> hubs;
    bool saveScheduled = false;
    // Bumped on every schedule, so that a reset or saveNow() turns older pending saves into no-ops.
    quint64 saveGeneration = 0;
    qint64 lastSaveMs = 0; // how long the last save took, from its start to the file on disk

    // Incremental saving: each hub's devices as compact JSON, refreshed for the devices that changed.
    std::map<const SandboxHub *, QMap<QString, QByteArray>> cache;
    struct Changed
    {
        QPointer<SandboxHub> hub;
        QString deviceId;
    };
    std::deque<Changed> toSerialize; // the running save's remaining work
    bool saving = false; // a save is serializing on the event loop or writing in the background
    bool saveAgain = false; // something changed while it ran
    quint64 round = 0; // identifies the running save; saveNow() supersedes it
    QElapsedTimer roundTimer;
    std::shared_ptr<StateFile> file = std::make_shared<StateFile>();
    quint64 fileGeneration = 0;
    QThreadPool writer; // one thread: writes the file off the event loop

    QString statePath() const { return stateDirectory + QStringLiteral("/iothub/hubs.json"); }

    // Moves every hub's changed devices to toSerialize (whole hubs when all changed).
    void collectChanges()
    {
        std::map<const SandboxHub *, QMap<QString, QByteArray>> live;
        for (const QPointer<SandboxHub> &hub : std::as_const(hubs)) {
            if (!hub)
                continue;
            QMap<QString, QByteArray> devices;
            if (auto it = cache.find(hub.data()); it != cache.end())
                devices = std::move(it->second);
            bool all = false;
            const QStringList changed = hub->takeChangedDevices(&all);
            if (all)
                devices.clear();
            for (const QString &deviceId : changed)
                toSerialize.push_back(Changed {hub, deviceId});
            live.emplace(hub.data(), std::move(devices));
        }
        cache = std::move(live);
    }

    // Serializes changed devices until the budget (ns; < 0: no limit) is used up; true when none are left.
    bool serialize(qint64 budgetNs)
    {
        QElapsedTimer timer;
        timer.start();
        int done = 0;
        while (!toSerialize.empty()) {
            if (budgetNs >= 0 && (++done % 16) == 0 && timer.nsecsElapsed() >= budgetNs)
                return false;
            const Changed item = std::move(toSerialize.front());
            toSerialize.pop_front();
            if (!item.hub)
                continue;
            const auto it = cache.find(item.hub.data());
            if (it == cache.end())
                continue; // the hub was removed
            const QJsonObject state = item.hub->deviceState(item.deviceId);
            if (state.isEmpty())
                it->second.remove(item.deviceId);
            else
                it->second.insert(item.deviceId, compact(state));
        }
        return true;
    }

    std::vector<HubSnapshot> snapshot() const
    {
        std::vector<HubSnapshot> result;
        for (const QPointer<SandboxHub> &hub : hubs) {
            if (!hub)
                continue;
            const auto it = cache.find(hub.data());
            result.push_back(
                HubSnapshot {compact(hub->saveStateWithoutDevices()), it != cache.end() ? it->second : QMap<QString, QByteArray>()});
        }
        return result;
    }
};

HubDirectory::HubDirectory(Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->clock = clock ? clock : Clock::system();
}

HubDirectory::~HubDirectory()
{
    if (d->saveScheduled || d->saving || d->saveAgain)
        saveNow();
    d->writer.waitForDone(); // at most a write that saveNow() made obsolete; it skips
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
        d->saveScheduled = false;
        startSave();
    });
}

// A save in the background: the changed devices are serialized on the event loop in slices of a few
// milliseconds, then one thread writes the file from the cached pieces. Nothing here blocks the event loop
// for long, whatever the number of twins.
void HubDirectory::startSave()
{
    if (d->saving) {
        d->saveAgain = true;
        return;
    }
    d->saving = true;
    d->roundTimer.start();
    d->collectChanges();
    continueSave(++d->round);
}

void HubDirectory::continueSave(quint64 round)
{
    if (round != d->round)
        return; // saveNow() did it
    if (!d->serialize(SliceBudgetNs)) {
        QTimer::singleShot(0, this, [this, round] { continueSave(round); });
        return;
    }
    const QString path = d->statePath();
    if (!QDir().mkpath(d->stateDirectory + QStringLiteral("/iothub"))) {
        finishSave(round, backendError(tr("Could not create the directory \"%1/iothub\".").arg(d->stateDirectory)));
        return;
    }
    const quint64 generation = ++d->fileGeneration;
    std::shared_ptr<StateFile> file = d->file;
    d->writer.start([this, file, path, generation, round, hubs = d->snapshot()] {
        const Status written = file->write(path, generation, assemble(hubs));
        // The destructor waits for this thread, so the directory still exists here.
        QMetaObject::invokeMethod(this, [this, round, written] { finishSave(round, written); }, Qt::QueuedConnection);
    });
}

void HubDirectory::finishSave(quint64 round, const Status &written)
{
    if (round != d->round)
        return;
    d->saving = false;
    d->lastSaveMs = d->roundTimer.elapsed();
    if (!written)
        qCWarning(lcSandbox).noquote() << written.error().message();
    else
        qCDebug(lcSandbox) << "saved the hubs in" << d->lastSaveMs << "ms";
    if (std::exchange(d->saveAgain, false))
        scheduleSave();
}

Status HubDirectory::saveNow()
{
    d->saveScheduled = false;
    ++d->saveGeneration;
    if (d->stateDirectory.isEmpty())
        return Done {};
    // Supersedes a running save: what it has not serialized yet is done here, its file write (if any) skips.
    ++d->round;
    d->saving = false;
    d->saveAgain = false;
    QElapsedTimer took;
    took.start();
    d->collectChanges();
    d->serialize(-1);
    if (!QDir().mkpath(d->stateDirectory + QStringLiteral("/iothub")))
        return backendError(tr("Could not create the directory \"%1/iothub\".").arg(d->stateDirectory));
    const Status written = d->file->write(d->statePath(), ++d->fileGeneration, assemble(d->snapshot()));
    if (!written)
        return written;
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
