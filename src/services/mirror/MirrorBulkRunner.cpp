#include "services/mirror/MirrorBulkRunner.h"

#include "services/core/RateLimiter.h"
#include "services/engine/IdentityProvisioner.h"
#include "services/engine/IngestEvent.h"
#include "services/engine/IngestEventProcessor.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/tts/TtsClient.h"

#include <QJsonObject>

#include <algorithm>

namespace TwinBridge {

namespace {

// Devices handed to the IdentityProvisioner at once: more than its bulk threshold (10), so that a crowd goes
// out as bulk imports of up to 100, yet few enough that cancel() takes effect soon.
constexpr int IdentityWindow = 50;

} // namespace

QString MirrorBulkRunner::actionName(Action action)
{
    switch (action) {
    case Action::CreateHubIdentities:
        return tr("Create missing IoT Hub identities");
    case Action::CreateTtsDevices:
        return tr("Create TTS devices from twin tags");
    case Action::EnableInHub:
        return tr("Enable in IoT Hub");
    case Action::DisableInHub:
        return tr("Disable in IoT Hub");
    case Action::DeleteEverywhere:
        return tr("Delete from TTS and IoT Hub");
    }
    return {};
}

QString MirrorBulkRunner::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Waiting:
        return tr("Waiting");
    case Outcome::Running:
        return tr("Running");
    case Outcome::Done:
        return tr("Done");
    case Outcome::Skipped:
        return tr("Skipped");
    case Outcome::Failed:
        return tr("Failed");
    case Outcome::Canceled:
        return tr("Canceled");
    }
    return {};
}

bool MirrorBulkRunner::isDestructive(Action action)
{
    return action == Action::DeleteEverywhere;
}

int MirrorBulkRunner::registryOperationsPerItem(Action action)
{
    switch (action) {
    case Action::CreateHubIdentities:
        return 1; // one entry of a bulk import, or a PUT (the lookup is skipped for crowds)
    case Action::CreateTtsDevices:
        return 0; // a twin read and a twin update: not registry operations
    case Action::EnableInHub:
    case Action::DisableInHub:
        return 2; // GET then PUT /devices/{id}
    case Action::DeleteEverywhere:
        return 1;
    }
    return 1;
}

QList<MirrorBulkRunner::PlannedStep> MirrorBulkRunner::plan(Action action, const QList<Item> &items)
{
    QList<PlannedStep> steps;
    steps.reserve(items.size());
    for (const Item &item : items) {
        PlannedStep step {item, false, {}};
        switch (action) {
        case Action::CreateHubIdentities:
            if (item.inHub) {
                step.description = tr("Skipped: IoT Hub already has this identity.");
            } else if (!item.inTts) {
                step.description = tr("Skipped: TTS has no such device.");
            } else {
                step.runs = true;
                step.description = tr("Create the identity with tags lorawan.devEui %1, lorawan.joinEui %2.")
                                       .arg(item.devEui, item.joinEui);
            }
            break;
        case Action::CreateTtsDevices:
            if (item.inTts) {
                step.description = tr("Skipped: TTS already has this device.");
            } else if (!item.inHub) {
                step.description = tr("Skipped: IoT Hub has no such identity.");
            } else {
                step.runs = true;
                step.description = tr("Read the twin's lorawan tags, create the device in TTS (IS, JS, NS, AS) and "
                                      "mark the tags provisioned.");
            }
            break;
        case Action::EnableInHub:
        case Action::DisableInHub: {
            const bool enable = action == Action::EnableInHub;
            const DeviceIdentity::Status wanted =
                enable ? DeviceIdentity::Status::Enabled : DeviceIdentity::Status::Disabled;
            if (!item.inHub) {
                step.description = tr("Skipped: IoT Hub has no such identity.");
            } else if (item.hubStatus == wanted) {
                step.description = enable ? tr("Skipped: already enabled.") : tr("Skipped: already disabled.");
            } else {
                step.runs = true;
                step.description = enable ? tr("Enable the identity.") : tr("Disable the identity.");
            }
            break;
        }
        case Action::DeleteEverywhere: {
            QStringList where;
            if (item.inTts)
                where.append(tr("TTS (all four registries)"));
            if (item.inHub)
                where.append(tr("IoT Hub"));
            step.runs = true;
            step.description = where.isEmpty() ? tr("Delete wherever it is left.")
                                               : tr("Delete from %1.").arg(where.join(tr(" and ")));
            break;
        }
        }
        steps.append(step);
    }
    return steps;
}

MirrorBulkRunner::MirrorBulkRunner(IotHubServiceClient *hub, TtsClient *tts, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_tts(tts)
    , m_clock(clock ? clock : Clock::system())
{
    qRegisterMetaType<TwinBridge::MirrorBulkRunner::ItemResult>();
}

MirrorBulkRunner::~MirrorBulkRunner()
{
    ++m_generation;
}

bool MirrorBulkRunner::start(Action action, const QList<Item> &items)
{
    if (m_running)
        return false;
    ++m_generation;
    m_action = action;
    m_items.clear();
    m_results.clear();
    for (const PlannedStep &step : plan(action, items)) {
        if (!step.runs)
            continue;
        m_items.append(step.item);
        m_results.append(ItemResult {step.item.deviceId, Outcome::Waiting, {}, {}});
    }
    m_next = 0;
    m_inFlight = 0;
    m_finished = 0;
    m_canceled = false;
    m_running = true;
    m_startedAt = m_clock->nowUtc();

    delete m_provisioner;
    m_provisioner = nullptr;
    delete m_processor;
    m_processor = nullptr;
    if (action == Action::CreateHubIdentities && m_hub)
        m_provisioner = new IdentityProvisioner(m_hub, this); // a fresh cache: the mirror's view decides
    if (action == Action::CreateTtsDevices && m_hub && m_tts)
        m_processor = new IngestEventProcessor(m_tts, m_hub, this);

    emit progress(0, totalCount());
    const quint64 generation = m_generation;
    // The first devices start on the next turn, so that callers can connect to the first signals.
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_generation)
                pump();
        },
        Qt::QueuedConnection);
    return true;
}

void MirrorBulkRunner::cancel()
{
    if (!m_running || m_canceled)
        return;
    m_canceled = true;
    for (int i = m_next; i < m_items.size(); ++i)
        finishItem(i, Outcome::Canceled, tr("Canceled before it started."));
    m_next = int(m_items.size());
    if (m_inFlight == 0)
        finishRun();
}

HubThrottle *MirrorBulkRunner::hubThrottle() const
{
    return m_hub ? m_hub->throttle() : nullptr;
}

std::optional<qint64> MirrorBulkRunner::etaMs() const
{
    if (!m_running)
        return std::nullopt;
    const int remaining = totalCount() - m_finished;
    if (remaining <= 0)
        return 0;
    std::optional<qint64> estimate;
    if (m_finished > 0) {
        const qint64 elapsed = m_startedAt.msecsTo(m_clock->nowUtc());
        estimate = elapsed * remaining / m_finished;
    }
    // The registry throttle's floor: operations beyond what the bucket holds now come at its rate.
    const int operations = remaining * registryOperationsPerItem(m_action);
    HubThrottle *throttle = m_hub ? m_hub->throttle() : nullptr;
    if (operations > 0 && throttle && throttle->isEnabled()) {
        const double rate = throttle->limits().perSecond(HubThrottle::Operation::Registry);
        const double available = throttle->limiter(HubThrottle::Operation::Registry)->bucket().available();
        if (rate > 0) {
            const qint64 floor = qint64(std::max(0.0, operations - available) / rate * 1000.0);
            estimate = std::max(estimate.value_or(0), floor);
        }
    }
    return estimate;
}

void MirrorBulkRunner::pump()
{
    const int window =
        m_action == Action::CreateHubIdentities ? std::max(m_maxInFlight, IdentityWindow) : m_maxInFlight;
    while (!m_canceled && m_next < m_items.size() && m_inFlight < window) {
        const int index = m_next++;
        ++m_inFlight;
        m_results[index].outcome = Outcome::Running;
        emit itemStarted(index, m_items.at(index).deviceId);
        runItem(index);
    }
    if (m_running && m_inFlight == 0 && m_next >= m_items.size())
        finishRun();
}

void MirrorBulkRunner::runItem(int index)
{
    switch (m_action) {
    case Action::CreateHubIdentities:
        createIdentity(index);
        return;
    case Action::CreateTtsDevices:
        createTtsDevice(index);
        return;
    case Action::EnableInHub:
        setHubStatus(index, DeviceIdentity::Status::Enabled);
        return;
    case Action::DisableInHub:
        setHubStatus(index, DeviceIdentity::Status::Disabled);
        return;
    case Action::DeleteEverywhere:
        deleteEverywhere(index);
        return;
    }
}

void MirrorBulkRunner::finishItem(int index, Outcome outcome, const QString &message, const ServiceError &error)
{
    ItemResult &result = m_results[index];
    if (result.outcome == Outcome::Done || result.outcome == Outcome::Failed || result.outcome == Outcome::Skipped ||
        result.outcome == Outcome::Canceled)
        return;
    const bool wasRunning = result.outcome == Outcome::Running;
    result.outcome = outcome;
    result.message = message;
    result.error = error;
    ++m_finished;
    emit itemFinished(index, result);
    emit progress(m_finished, totalCount());
    if (wasRunning) {
        --m_inFlight;
        pump();
    }
}

void MirrorBulkRunner::finishRun()
{
    if (!m_running)
        return;
    m_running = false;
    emit finished();
}

void MirrorBulkRunner::createIdentity(int index)
{
    const Item item = m_items.at(index);
    if (!m_provisioner) {
        finishItem(index, Outcome::Failed, tr("No IoT Hub connection: configure it on the Connections page."));
        return;
    }
    const quint64 generation = m_generation;
    m_provisioner->ensure(item.deviceId, item.devEui, item.joinEui)
        .then(this, [this, index, generation](const Result<ProvisionedIdentity> &identity) {
            if (generation != m_generation)
                return;
            if (!identity) {
                finishItem(index, Outcome::Failed, identity.error().toString(), identity.error());
                return;
            }
            switch (identity.value().origin) {
            case ProvisionedIdentity::Origin::Created:
            case ProvisionedIdentity::Origin::CreatedInBulk:
                finishItem(index, Outcome::Done,
                           identity.value().tagsError.isError()
                               ? tr("Created; the lorawan tags could not be written: %1")
                                     .arg(identity.value().tagsError.toString())
                               : tr("Created with lorawan tags."));
                return;
            case ProvisionedIdentity::Origin::Existing:
            case ProvisionedIdentity::Origin::Known:
                finishItem(index, Outcome::Done, tr("IoT Hub already had it; lorawan tags written."));
                return;
            }
        });
}

void MirrorBulkRunner::setHubStatus(int index, DeviceIdentity::Status status)
{
    const QString deviceId = m_items.at(index).deviceId;
    if (!m_hub) {
        finishItem(index, Outcome::Failed, tr("No IoT Hub connection: configure it on the Connections page."));
        return;
    }
    const quint64 generation = m_generation;
    m_hub->getDevice(deviceId).then(this, [this, index, status, generation](Result<DeviceIdentity> device) {
        if (generation != m_generation)
            return;
        if (!device) {
            finishItem(index, Outcome::Failed, device.error().toString(), device.error());
            return;
        }
        if (device.value().status == status) {
            finishItem(index, Outcome::Skipped,
                       status == DeviceIdentity::Status::Enabled ? tr("Already enabled.") : tr("Already disabled."));
            return;
        }
        DeviceIdentity updated = device.takeValue();
        updated.status = status;
        if (!m_hub) {
            finishItem(index, Outcome::Failed, tr("The IoT Hub connection was closed."));
            return;
        }
        m_hub->updateDevice(updated).then(this, [this, index, status, generation](const Result<DeviceIdentity> &saved) {
            if (generation != m_generation)
                return;
            if (!saved) {
                finishItem(index, Outcome::Failed, saved.error().toString(), saved.error());
                return;
            }
            finishItem(index, Outcome::Done,
                       status == DeviceIdentity::Status::Enabled ? tr("Enabled.") : tr("Disabled."));
        });
    });
}

void MirrorBulkRunner::createTtsDevice(int index)
{
    const QString deviceId = m_items.at(index).deviceId;
    if (!m_processor) {
        finishItem(index, Outcome::Failed,
                   tr("Creating TTS devices needs both the TTS and the IoT Hub connection: configure them on the "
                      "Connections page."));
        return;
    }
    // The same path as a tags change arriving from the hub: the processor reads the whole twin and decides.
    IngestEvent event;
    event.deviceId = deviceId;
    event.body = QJsonObject {{QStringLiteral("tags"), QJsonObject {{QStringLiteral("lorawan"), QJsonObject()}}}};
    event.properties =
        QJsonObject {{QStringLiteral("opType"), QStringLiteral("updateTwin")}, {QStringLiteral("deviceId"), deviceId}};
    if (m_tts)
        event.applicationId = m_tts->applicationId();
    const quint64 generation = m_generation;
    m_processor->process(event).then(this, [this, index, generation](const IngestOutcome &outcome) {
        if (generation != m_generation)
            return;
        if (outcome.isFailed()) {
            finishItem(index, Outcome::Failed, outcome.error.toString(), outcome.error);
        } else if (outcome.actions.contains(QStringLiteral("provision"))) {
            finishItem(index, Outcome::Done, tr("Created in TTS; the twin's tags are marked provisioned."));
        } else {
            finishItem(index, Outcome::Skipped,
                       tr("The twin has no lorawan tags to create a device from (or they are already marked "
                          "provisioned). Add tags.lorawan with devEui, joinEui and appKey, then try again."));
        }
    });
}

void MirrorBulkRunner::deleteEverywhere(int index)
{
    const Item item = m_items.at(index);
    if ((item.inTts && !m_tts) || (item.inHub && !m_hub)) {
        finishItem(index, Outcome::Failed,
                   tr("Deleting needs the connection to every side that has the device: configure it on the "
                      "Connections page."));
        return;
    }
    if (!item.inTts || !m_tts) {
        deleteFromHub(index, QString());
        return;
    }
    const quint64 generation = m_generation;
    m_tts->deleteDevice(item.deviceId)
        .then(this, [this, index, generation](const Result<TtsClient::DeleteReport> &report) {
            if (generation != m_generation)
                return;
            if (!report) {
                finishItem(index, Outcome::Failed, report.error().toString(), report.error());
                return;
            }
            deleteFromHub(index,
                          report.value().deletedFrom.isEmpty() ? tr("TTS had nothing left.") : tr("Deleted from TTS."));
        });
}

void MirrorBulkRunner::deleteFromHub(int index, const QString &ttsPart)
{
    const Item item = m_items.at(index);
    const auto joined = [ttsPart](const QString &hubPart) {
        return ttsPart.isEmpty() ? hubPart : ttsPart + QLatin1Char(' ') + hubPart;
    };
    if (!m_hub) {
        finishItem(index, Outcome::Done, ttsPart);
        return;
    }
    const quint64 generation = m_generation;
    m_hub->deleteDevice(item.deviceId).then(this, [this, index, generation, joined](const Status &deleted) {
        if (generation != m_generation)
            return;
        if (!deleted && deleted.error().kind() != ServiceError::Kind::NotFound) {
            finishItem(index, Outcome::Failed, joined(deleted.error().toString()), deleted.error());
            return;
        }
        finishItem(index, Outcome::Done,
                   joined(deleted ? tr("Deleted from IoT Hub.") : tr("IoT Hub had no such identity.")));
    });
}

} // namespace TwinBridge
