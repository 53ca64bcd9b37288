#pragma once

#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingConfiguration.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace TwinBridge::Sandbox {

class HubDirectory;
class SandboxHub;

// One MessageRouter per hub of a HubDirectory: created when a hub appears (routing as on a hub nobody
// configured: telemetry to the built-in endpoint), fed with every message the hub raises, and keeping the
// hub's eventsDelivered/eventsPending metrics current. With a state directory the routing of every hub is
// saved to `<stateDir>/iothub/routing.json` on every change and restored when the hub appears again.
class RoutingDirectory : public QObject
{
    Q_OBJECT

public:
    RoutingDirectory(HubDirectory *hubs, QNetworkAccessManager *nam, Clock *clock = Clock::system(),
                     QObject *parent = nullptr);
    ~RoutingDirectory() override;

    // Reads saved routing (if any) and saves there from now on. Call before hubs are added.
    Status setStateDirectory(const QString &stateDirectory);

    MessageRouter *router(const QString &hubName) const;
    // Validates against the hub's SKU, applies and saves. NotFound for an unknown hub.
    Status setConfiguration(const QString &hubName, const RoutingConfiguration &configuration);
    // Whether the hub's routing came from the state directory (or a setConfiguration) rather than the default.
    bool hasSavedConfiguration(const QString &hubName) const;

    // Admin reset: every router drops its queued events and counters (routes stay).
    void resetAll();

signals:
    void routerAdded(TwinBridge::Sandbox::MessageRouter *router);

private:
    void addHub(SandboxHub *hub);
    void updateMetrics(const QString &hubName);
    Status save() const;

    QPointer<HubDirectory> m_hubs;
    QNetworkAccessManager *m_nam;
    Clock *m_clock;
    QString m_stateDirectory;
    QHash<QString, MessageRouter *> m_routers; // by hub name
    QHash<QString, QJsonObject> m_saved; // routing as saved, by hub name
};

} // namespace TwinBridge::Sandbox
