#pragma once

#include "sandbox/hub/HubTypes.h"
#include "sandbox/routing/RouteCondition.h"
#include "sandbox/routing/RoutingConfiguration.h"
#include "services/core/Clock.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>

#include <deque>

class QNetworkAccessManager;

namespace TwinBridge::Sandbox {

class EventHubStandIn;
class FunctionStandIn;

// IoT Hub message routing for one hub (reference/azure-protocols.md §4.1): every message the hub raises
// (telemetry, twin-change, lifecycle and connection-state events) is matched against the enabled routes of
// its source; it goes to every endpoint of a matching route, once per endpoint. Custom endpoints write to
// Event Hub stand-ins, which the Function stand-in drains towards TTS; the built-in endpoint `events` keeps
// the most recent messages for inspection.
// Telemetry that matched no route goes to the fallback route's endpoint when the fallback route is enabled,
// and is dropped otherwise, except on a hub without any enabled route, whose telemetry goes to `events` as
// on a hub that was never configured. Non-telemetry events only go where a route sends them.
class MessageRouter : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultBuiltInCapacity = 1000;

    struct Counters
    {
        quint64 messages = 0; // everything routed
        quint64 unrouted = 0; // matched nothing and went nowhere
        quint64 fallback = 0; // went to the built-in endpoint through the fallback route
        QMap<QString, quint64> perEndpoint; // endpoint name → messages sent there
    };

    MessageRouter(const QString &hubName, QNetworkAccessManager *nam, Clock *clock = Clock::system(),
                  QObject *parent = nullptr);
    ~MessageRouter() override;

    QString hubName() const { return m_hubName; }

    // Replaces routes, endpoints and the function after validating them. Event Hubs that keep their name
    // and partition count keep their undelivered events.
    Status setConfiguration(const RoutingConfiguration &configuration, HubSku sku = HubSku::S1);
    const RoutingConfiguration &configuration() const { return m_configuration; }

    // Routes one message; returns the endpoints it went to (empty: dropped).
    QStringList route(const HubMessage &message);

    EventHubStandIn *eventHub(const QString &name) const;
    QList<EventHubStandIn *> eventHubs() const;
    FunctionStandIn *function() const { return m_function; }

    // Messages the built-in endpoint received with sequenceNumber > after (oldest first, the most recent
    // DefaultBuiltInCapacity are kept).
    QList<HubMessage> builtInEndpointMessages(qint64 after = -1, int limit = DefaultBuiltInCapacity) const;
    quint64 builtInEndpointCount() const
    {
        return m_counters.perEndpoint.value(QLatin1String(RoutingConfiguration::BuiltInEndpoint));
    }

    Counters counters() const { return m_counters; }
    // Events waiting in the Event Hubs (not yet delivered by the function, or without a consumer).
    int eventsPending() const;
    quint64 eventsDelivered() const;
    // {"messagesRouted", "unrouted", "fallback", "endpoints": {name: count}, "eventHubs": [{name, partitions,
    // received, pending, delivered…}], "function": {configured, eventsDelivered, batchesDelivered,
    // failedAttempts, eventsRejected, batchesInFlight, lastFailure}}
    QJsonObject metricsJson() const;

    // Admin reset: drops queued events, the built-in endpoint's messages and the counters (keeps the
    // configuration).
    void reset();

signals:
    void messageRouted(const TwinBridge::Sandbox::HubMessage &message, const QStringList &endpoints);
    // eventsPending() or eventsDelivered() changed.
    void eventCountsChanged();

private:
    struct CompiledRoute
    {
        RoutingConfiguration::Route route;
        RouteCondition condition;
    };

    void deliverToEndpoint(const QString &endpoint, const HubMessage &message);
    void rebuildEventHubs();

    QString m_hubName;
    QNetworkAccessManager *m_nam;
    Clock *m_clock;
    RoutingConfiguration m_configuration;
    QList<CompiledRoute> m_routes;
    std::optional<CompiledRoute> m_fallback;
    QHash<QString, EventHubStandIn *> m_eventHubs; // by lower-case name
    FunctionStandIn *m_function = nullptr;
    quint64 m_retiredDelivered = 0; // delivered by functions replaced since
    std::deque<HubMessage> m_builtIn;
    Counters m_counters;
};

} // namespace TwinBridge::Sandbox
