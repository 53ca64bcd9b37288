#pragma once

#include "sandbox/hub/SandboxHub.h"

#include <QObject>
#include <QPointer>

namespace TwinBridge::Sandbox {

// All emulated hubs of one sandbox. Endpoints pick the hub from the SAS token's `sr` (REST) or the MQTT
// user name's host, so several hubs share one port while keeping their logical host names
// ("{hub}.azure-devices.net"). With a state directory, hubs (registries, twins, policies, SKU) are saved to
// `<stateDir>/iothub/hubs.json` shortly after every change and restored at start. Saving is incremental and
// off the event loop: only the devices that changed since the last save are serialized again (in slices of a
// few milliseconds), and a background thread writes the file from the cached pieces, so that ten thousand
// twins never stall the endpoints. saveNow() and the destructor write synchronously.
class HubDirectory : public QObject
{
    Q_OBJECT

public:
    explicit HubDirectory(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~HubDirectory() override;

    // Restores saved hubs from `stateDirectory` (if any) and saves there from now on.
    Status setStateDirectory(const QString &stateDirectory);
    Status saveNow();

    Result<SandboxHub *> createHub(const SandboxHub::Options &options); // Conflict if the name exists
    Status removeHub(const QString &name);
    SandboxHub *hub(const QString &name) const;
    // "{name}.azure-devices.net" (case-insensitive), or the bare name.
    SandboxHub *hubForHost(const QString &hostName) const;
    QList<SandboxHub *> hubs() const;

    void resetAll(); // admin reset: every hub back to an empty registry, no faults, no recorded messages

signals:
    void hubAdded(TwinBridge::Sandbox::SandboxHub *hub);
    void hubRemoved(const QString &name);

private:
    void scheduleSave(); // debounced on the Clock
    void startSave();
    void continueSave(quint64 round);
    void finishSave(quint64 round, const Status &written);

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
