#include "sandbox/hub/HubDirectory.h"

#include "services/core/Logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <map>
#include <sys/resource.h>

namespace TwinBridge::Sandbox {

namespace {

constexpr std::chrono::milliseconds SaveDelay {500};
// Under a steady stream of changes the next save waits this many times as long as the last one took (from
// its start to the file on disk, mostly the writer thread's), so that saving costs a small share of the
// machine, but never longer than MaxSaveDelay.
constexpr int SaveCostFactor = 20;
constexpr std::chrono::milliseconds MaxSaveDelay {30000};
// The event loop copies changed devices for at most this long per turn, then lets other events run.
constexpr qint64 SliceBudgetNs = 2'000'000;
constexpr int DirectoryFormat = 1;
constexpr int WriterNice = 10;

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

// What changed in one hub since the last save, as copies taken on the event loop.
struct HubChanges
{
    QString name;
    QByteArray header; // the hub without devices, compact JSON
    bool all = false; // every device may have changed: forget the saved ones first
    std::vector<std::pair<QString, std::optional<SandboxHub::SavedDevice>>> devices; // nullopt: deleted
};

// The state file and each hub's devices as compact JSON, kept between saves so that a save serializes only
// what changed. Used by the writer thread, and by saveNow() once that thread is idle.
class StateFile
{
public:
    Status save(const QString &path, const std::vector<HubChanges> &hubs)
    {
        std::map<QString, QMap<QString, QByteArray>> live;
        for (const HubChanges &hub : hubs) {
            QMap<QString, QByteArray> devices;
            if (auto it = m_devices.find(hub.name); it != m_devices.end())
                devices = std::move(it->second);
            if (hub.all)
                devices.clear();
            for (const auto &[deviceId, saved] : hub.devices) {
                if (saved)
                    devices.insert(deviceId, compact(saved->toJson()));
                else
                    devices.remove(deviceId);
            }
            live.emplace(hub.name, std::move(devices));
        }
        m_devices = std::move(live); // hubs that are gone are dropped

        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return backendError(
                HubDirectory::tr("Could not save the hubs to \"%1\": %2").arg(file.fileName(), file.errorString()));
        }
        // The file holds policy and device keys: owner only.
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(assemble(hubs));
        if (!file.commit()) {
            return backendError(
                HubDirectory::tr("Could not save the hubs to \"%1\": %2").arg(file.fileName(), file.errorString()));
        }
        return Done {};
    }

private:
    // {"format":1,"hubs":[{…header…,"devices":[…]}, …]}: the document SandboxHub::saveState() gives, put
    // together from the saved pieces (no JSON tree of all twins).
    QByteArray assemble(const std::vector<HubChanges> &hubs) const
    {
        QByteArray bytes = "{\"format\":" + QByteArray::number(DirectoryFormat) + ",\"hubs\":[";
        bool firstHub = true;
        for (const HubChanges &hub : hubs) {
            if (!std::exchange(firstHub, false))
                bytes += ',';
            bytes += QByteArrayView(hub.header).chopped(1); // without its closing brace; never empty ("name")
            bytes += ",\"devices\":[";
            bool firstDevice = true;
            for (const QByteArray &device : m_devices.at(hub.name)) {
                if (!std::exchange(firstDevice, false))
                    bytes += ',';
                bytes += device;
            }
            bytes += "]}";
        }
        bytes += "]}\n";
        return bytes;
    }

    std::map<QString, QMap<QString, QByteArray>> m_devices;
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

    // The save under way: what changed per hub (parallel to collectingHubs) and the devices still to copy.
    std::vector<HubChanges> collecting;
    std::vector<QPointer<SandboxHub>> collectingHubs;
    struct ToCopy
    {
        size_t hub; // index in collecting
        QString deviceId;
    };
    std::deque<ToCopy> toCopy;
    bool saving = false; // a save is copying on the event loop or writing in the background
    bool saveAgain = false; // something changed while it ran
    quint64 round = 0; // identifies the running save; saveNow() supersedes it
    QElapsedTimer roundTimer;
    std::shared_ptr<StateFile> file = std::make_shared<StateFile>();
    QThreadPool writer; // one thread: serializes the copies and writes the file off the event loop

    QString statePath() const { return stateDirectory + QStringLiteral("/iothub/hubs.json"); }

    // Adds every hub's changed devices to the save under way.
    void collectChanges()
    {
        for (const QPointer<SandboxHub> &hub : std::as_const(hubs)) {
            if (!hub)
                continue;
            const auto found = std::find(collectingHubs.begin(), collectingHubs.end(), hub);
            const size_t index = size_t(found - collectingHubs.begin());
            if (found == collectingHubs.end()) {
                collectingHubs.push_back(hub);
                collecting.push_back(HubChanges {hub->name(), {}, false, {}});
            }
            bool all = false;
            const QStringList changed = hub->takeChangedDevices(&all);
            if (all) {
                collecting[index].all = true;
                collecting[index].devices.clear();
                std::erase_if(toCopy, [index](const ToCopy &item) { return item.hub == index; });
            }
            for (const QString &deviceId : changed)
                toCopy.push_back(ToCopy {index, deviceId});
        }
    }

    // Copies changed devices until the budget (ns; < 0: no limit) is used up; true when none are left.
    bool copyChanged(qint64 budgetNs)
    {
        QElapsedTimer timer;
        timer.start();
        int done = 0;
        while (!toCopy.empty()) {
            if (budgetNs >= 0 && (++done % 8) == 0 && timer.nsecsElapsed() >= budgetNs)
                return false;
            const ToCopy item = std::move(toCopy.front());
            toCopy.pop_front();
            if (SandboxHub *hub = collectingHubs[item.hub])
                collecting[item.hub].devices.emplace_back(item.deviceId, hub->savedDevice(item.deviceId));
        }
        return true;
    }

    // The save's changes of the hubs that still exist, with their headers now; resets the collection.
    std::vector<HubChanges> takeCollected()
    {
        std::vector<HubChanges> result;
        for (size_t i = 0; i < collecting.size(); ++i) {
            if (SandboxHub *hub = collectingHubs[i]) {
                collecting[i].header = compact(hub->saveStateWithoutDevices());
                result.push_back(std::move(collecting[i]));
            }
        }
        collecting.clear();
        collectingHubs.clear();
        toCopy.clear();
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
    d->writer.waitForDone(); // no write outlives the directory
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

// A save in the background: the changed devices are copied on the event loop in slices of a few
// milliseconds (cheap: implicitly shared values), then one thread serializes them and writes the file from
// the saved pieces. Nothing here blocks the event loop for long, whatever the number of twins.
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
    if (!d->copyChanged(SliceBudgetNs)) {
        QTimer::singleShot(0, this, [this, round] { continueSave(round); });
        return;
    }
    if (!QDir().mkpath(d->stateDirectory + QStringLiteral("/iothub"))) {
        // The copies stay collected: the next save writes them.
        finishSave(round, backendError(tr("Could not create the directory \"%1/iothub\".").arg(d->stateDirectory)));
        return;
    }
    d->writer.start([this, file = d->file, path = d->statePath(), round, hubs = d->takeCollected()] {
        // Below the endpoints' thread: on a busy machine the file may wait, the devices should not.
        setpriority(PRIO_PROCESS, 0, WriterNice); // Linux: the calling thread only
        const Status written = file->save(path, hubs);
        // The destructor waits for this thread, so the directory still exists here.
        QMetaObject::invokeMethod(
            this, [this, round, written] { finishSave(round, written); }, Qt::QueuedConnection);
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
    // Supersedes a running save: its background write (if any) finishes first, what it has not copied yet is
    // copied here.
    ++d->round;
    d->saving = false;
    d->saveAgain = false;
    d->writer.waitForDone();
    QElapsedTimer took;
    took.start();
    d->collectChanges();
    d->copyChanged(-1);
    if (!QDir().mkpath(d->stateDirectory + QStringLiteral("/iothub")))
        return backendError(tr("Could not create the directory \"%1/iothub\".").arg(d->stateDirectory));
    const Status written = d->file->save(d->statePath(), d->takeCollected());
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
