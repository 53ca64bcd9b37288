#pragma once

#include "services/core/Clock.h"
#include "services/core/ServiceError.h"
#include "services/iothub/DeviceIdentity.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace TwinBridge {

class HubThrottle;
class IdentityProvisioner;
class IngestEventProcessor;
class IotHubServiceClient;
class TtsClient;

// Bulk actions on rows of the device mirror (issue 7 "Devices"): a dry-run plan that says per device what will be
// done or why it is skipped, then the run — every hub request waits on the client's HubThrottle (registry
// operations per minute), a few devices are in flight at once, progress comes with an ETA, cancel() stops
// before the next device, and every device gets its own result.
//
// The work reuses the engine's parts: identities are created by an IdentityProvisioner (its lorawan tags, bulk
// import for crowds), TTS devices from twin tags by an IngestEventProcessor (reads the twin, creates the device
// in all four registries with rollback, marks the tags provisioned).
class MirrorBulkRunner : public QObject
{
    Q_OBJECT

public:
    enum class Action {
        CreateHubIdentities, // rows only in TTS
        CreateTtsDevices, // rows only in the hub, from their twin's lorawan tags
        EnableInHub,
        DisableInHub,
        DeleteEverywhere, // TTS (all registries) and the hub
    };
    Q_ENUM(Action)

    // What the mirror knows of a device when the action is chosen.
    struct Item
    {
        QString deviceId;
        QString devEui;
        QString joinEui;
        bool inTts = false;
        bool inHub = false;
        DeviceIdentity::Status hubStatus = DeviceIdentity::Status::Enabled;
    };

    enum class Outcome { Waiting, Running, Done, Skipped, Failed, Canceled };
    Q_ENUM(Outcome)

    // One line of the dry-run preview.
    struct PlannedStep
    {
        Item item;
        bool runs = false; // false: skipped, `description` says why
        QString description;
    };

    struct ItemResult
    {
        QString deviceId;
        Outcome outcome = Outcome::Waiting;
        QString message; // what happened, or the ServiceError's sentence
        ServiceError error;
    };

    static QString actionName(Action action); // "Create missing IoT Hub identities", …
    static QString outcomeName(Outcome outcome); // "Done", "Skipped", … (translated)
    static bool isDestructive(Action action);
    // The dry run: nothing is sent.
    static QList<PlannedStep> plan(Action action, const QList<Item> &items);
    // Registry operations one device costs (for the ETA under the throttle).
    static int registryOperationsPerItem(Action action);

    // Neither client is owned; either may be nullptr when the action does not need it.
    MirrorBulkRunner(IotHubServiceClient *hub, TtsClient *tts, Clock *clock = Clock::system(),
                     QObject *parent = nullptr);
    ~MirrorBulkRunner() override;

    // At most this many devices in flight (identity creation: more, so that the provisioner can import in bulk).
    void setMaxInFlight(int devices) { m_maxInFlight = qMax(1, devices); }

    // Runs the steps of plan(action, items) that run. Returns false (and does nothing) while a run is going on.
    bool start(Action action, const QList<Item> &items);
    void cancel();
    bool isRunning() const { return m_running; }
    Action action() const { return m_action; }
    const QList<ItemResult> &results() const { return m_results; }
    int doneCount() const { return m_finished; }
    int totalCount() const { return int(m_items.size()); }
    // The throttle the hub requests wait on (nullptr without a hub client or throttle).
    HubThrottle *hubThrottle() const;
    // Milliseconds until the run is expected to end: from the pace so far, never less than the throttle allows.
    // nullopt before anything can be said.
    std::optional<qint64> etaMs() const;

signals:
    void itemStarted(int index, const QString &deviceId);
    void itemFinished(int index, const TwinBridge::MirrorBulkRunner::ItemResult &result);
    void progress(int done, int total);
    void finished();

private:
    void pump();
    void runItem(int index);
    void finishItem(int index, Outcome outcome, const QString &message, const ServiceError &error = {});
    void createIdentity(int index);
    void setHubStatus(int index, DeviceIdentity::Status status);
    void createTtsDevice(int index);
    void deleteEverywhere(int index);
    void deleteFromHub(int index, const QString &ttsPart);
    void finishRun();

    QPointer<IotHubServiceClient> m_hub;
    QPointer<TtsClient> m_tts;
    Clock *m_clock;
    Action m_action = Action::CreateHubIdentities;
    QList<Item> m_items;
    QList<ItemResult> m_results;
    int m_next = 0;
    int m_inFlight = 0;
    int m_finished = 0;
    int m_maxInFlight = 4;
    bool m_running = false;
    bool m_canceled = false;
    quint64 m_generation = 0;
    QDateTime m_startedAt;
    IdentityProvisioner *m_provisioner = nullptr;
    IngestEventProcessor *m_processor = nullptr;
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::MirrorBulkRunner::ItemResult)
