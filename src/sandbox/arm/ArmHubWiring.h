#pragma once

#include "sandbox/arm/ArmResource.h"
#include "sandbox/routing/RoutingConfiguration.h"
#include "services/azure/CloudError.h"
#include "services/core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>

namespace TwinBridge::Sandbox {

class ArmResourceStore;
class HubDirectory;
class RoutingDirectory;

// Connects what ARM deployed to the hub's part of the sandbox (tts-integration.md §2.4/§2.5): the routing of an
// IoT hub resource (properties.routing, with the Event Hub endpoints' real connection strings) becomes the
// hub's RoutingConfiguration in the RoutingDirectory; an endpoint writes to the Event Hub stand-in named by the
// connection string's EntityPath, with the partition count of the Microsoft.EventHub/namespaces/eventhubs
// resource behind it; and the Function stand-in of that hub is configured from the function app whose
// eventHubTrigger (Microsoft.Web/sites/functions: eventHubName + connection setting) listens to the same
// namespace and Event Hub — with the site's STACK_BASE_URL, STACK_APPLICATION_ID, STACK_API_KEY and the
// connection setting as app settings. Deploying the template in any order wires the same result: every change
// of a hub, Event Hub, site or function re-applies the wiring of every ARM hub.
class ArmHubWiring
{
public:
    // "Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…;EntityPath=…"
    struct EventHubConnection
    {
        QString namespaceName; // "evhubns-x" (empty when the endpoint is not *.servicebus.windows.net)
        QString host;
        QString keyName;
        QString key;
        QString entityPath;

        static EventHubConnection parse(const QString &connectionString);
        static QString make(const QString &namespaceName, const QString &keyName, const QString &key,
                            const QString &entityPath = {});
        // The same string with the key replaced by "****" (for GET answers).
        static QString masked(const QString &connectionString);
    };

    ArmHubWiring(ArmResourceStore *store, HubDirectory *hubs, RoutingDirectory *routing);

    // The sandbox routing for an IoT hub resource (reads secrets.routing, else properties.routing).
    Result<RoutingConfiguration> routingFor(const ArmResource &hub) const;
    // Endpoints whose connection string names an Event Hubs namespace of this sandbox must point at an
    // existing Event Hub with an authorization rule of that name, the right key and the Send right.
    QList<CloudError> checkEndpoints(const ArmResource &hub, const QJsonObject &routing) const;
    // Applies the routing (with the function) to the hub's router.
    Status apply(const ArmResource &hub);
    // apply() for every IoT hub resource whose hub exists; problems are logged.
    void refreshAll();

private:
    struct Trigger
    {
        QString functionName;
        QString namespaceName;
        QString entityPath;
        QString connectionSetting;
        QMap<QString, QString> appSettings;
    };
    QList<Trigger> triggers(const QString &subscriptionId) const;
    const ArmResource *eventHubResource(const QString &subscriptionId, const QString &namespaceName,
                                        const QString &entityPath) const;
    const ArmResource *namespaceResource(const QString &subscriptionId, const QString &namespaceName) const;

    ArmResourceStore *m_store;
    QPointer<HubDirectory> m_hubs;
    QPointer<RoutingDirectory> m_routing;
};

} // namespace TwinBridge::Sandbox
