#include "sandbox/routing/MessageRouter.h"

#include "sandbox/routing/EventHubStandIn.h"
#include "sandbox/routing/FunctionStandIn.h"
#include "services/core/Logging.h"

#include <QJsonArray>

namespace TwinBridge::Sandbox {

namespace {

QString messageSourceName(RoutingSource source)
{
    switch (source) {
    case RoutingSource::DeviceMessages:
        return QStringLiteral("deviceMessages");
    case RoutingSource::TwinChangeEvents:
        return QStringLiteral("twinChangeEvents");
    case RoutingSource::DeviceLifecycleEvents:
        return QStringLiteral("deviceLifecycleEvents");
    case RoutingSource::DeviceConnectionStateEvents:
        return QStringLiteral("deviceConnectionStateEvents");
    }
    return {};
}

// System properties as Event Hubs consumers see them (reference §4.2, S-MSG): the MQTT wire keys of
// telemetry become their Event Hubs names; IoT Hub stamps device id, enqueued time and message source.
QVariantMap eventHubSystemProperties(const HubMessage &message)
{
    static const QHash<QString, QString> wireNames {
        {QStringLiteral("$.mid"), QStringLiteral("message-id")},
        {QStringLiteral("$.cid"), QStringLiteral("correlation-id")},
        {QStringLiteral("$.uid"), QStringLiteral("user-id")},
        {QStringLiteral("$.ct"), QStringLiteral("content-type")},
        {QStringLiteral("$.ce"), QStringLiteral("content-encoding")},
        {QStringLiteral("$.sub"), QStringLiteral("dt-subject")},
        {QStringLiteral("$.cdid"), QStringLiteral("iothub-connection-device-id")},
        {QStringLiteral("$.cmid"), QStringLiteral("iothub-connection-module-id")},
    };
    QVariantMap properties;
    for (auto it = message.systemProperties.cbegin(); it != message.systemProperties.cend(); ++it)
        properties.insert(wireNames.value(it.key(), it.key()), it.value());
    if (!properties.contains(QStringLiteral("iothub-connection-device-id")))
        properties.insert(QStringLiteral("iothub-connection-device-id"), message.deviceId);
    if (!properties.contains(QStringLiteral("iothub-enqueuedtime")) && message.enqueuedTime.isValid())
        properties.insert(QStringLiteral("iothub-enqueuedtime"), message.enqueuedTime);
    if (!properties.contains(QStringLiteral("iothub-message-source")))
        properties.insert(QStringLiteral("iothub-message-source"), messageSourceName(message.source));
    return properties;
}

} // namespace

MessageRouter::MessageRouter(const QString &hubName, QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_hubName(hubName)
    , m_nam(nam)
    , m_clock(clock ? clock : Clock::system())
{
    const Status status = setConfiguration(RoutingConfiguration::empty());
    Q_ASSERT(status.ok());
}

MessageRouter::~MessageRouter() = default;

Status MessageRouter::setConfiguration(const RoutingConfiguration &configuration, HubSku sku)
{
    if (Status valid = configuration.validate(sku); !valid)
        return valid;
    QList<CompiledRoute> routes;
    for (const RoutingConfiguration::Route &route : configuration.routes) {
        Result<RouteCondition> condition = RouteCondition::parse(route.condition);
        if (!condition)
            return condition.error(); // validate() parsed it already
        routes << CompiledRoute {route, condition.takeValue()};
    }
    std::optional<CompiledRoute> fallback;
    if (configuration.fallbackRoute) {
        Result<RouteCondition> condition = RouteCondition::parse(configuration.fallbackRoute->condition);
        if (!condition)
            return condition.error();
        fallback = CompiledRoute {*configuration.fallbackRoute, condition.takeValue()};
    }
    m_configuration = configuration;
    m_routes = routes;
    m_fallback = fallback;
    rebuildEventHubs();
    emit eventCountsChanged();
    return Done {};
}

void MessageRouter::rebuildEventHubs()
{
    // The Event Hubs the configuration needs: the endpoints' entities and the function's trigger.
    QStringList names;
    for (const RoutingConfiguration::EventHubEndpoint &endpoint : m_configuration.eventHubEndpoints) {
        if (!names.contains(endpoint.entityPath, Qt::CaseInsensitive))
            names << endpoint.entityPath;
    }
    if (m_configuration.function && !names.contains(m_configuration.function->eventHubName, Qt::CaseInsensitive))
        names << m_configuration.function->eventHubName;

    const int partitions = m_configuration.eventHubPartitionCount;
    QHash<QString, EventHubStandIn *> kept;
    FunctionStandIn *oldFunction = m_function;
    EventHubStandIn *oldFunctionSource = oldFunction ? oldFunction->source() : nullptr;
    for (const QString &name : names) {
        const QString key = name.toLower();
        EventHubStandIn *existing = m_eventHubs.take(key);
        if (existing && existing->partitionCount() == partitions) {
            kept.insert(key, existing);
            continue;
        }
        auto *hub = new EventHubStandIn(name, partitions, m_clock, this);
        if (existing) {
            // Re-partition what was still waiting, keeping each device's order.
            for (int p = 0; p < existing->partitionCount(); ++p) {
                const QList<EventHubStandIn::Event> waiting = existing->peek(p, existing->pending(p));
                for (const EventHubStandIn::Event &event : waiting)
                    hub->send(event);
            }
        }
        kept.insert(key, hub);
        if (existing == oldFunctionSource)
            oldFunctionSource = nullptr; // force a new function on the new Event Hub
        if (existing)
            existing->deleteLater();
    }
    // Event Hubs no longer referenced go away with their events.
    for (EventHubStandIn *unused : std::as_const(m_eventHubs)) {
        if (unused == oldFunctionSource)
            oldFunctionSource = nullptr;
        unused->deleteLater();
    }
    m_eventHubs = kept;
    for (EventHubStandIn *hub : std::as_const(m_eventHubs)) {
        connect(hub, &EventHubStandIn::eventsAvailable, this, &MessageRouter::eventCountsChanged, Qt::UniqueConnection);
    }

    EventHubStandIn *source =
        m_configuration.function ? m_eventHubs.value(m_configuration.function->eventHubName.toLower()) : nullptr;
    if (oldFunction && (!source || oldFunctionSource != source)) {
        m_retiredDelivered += oldFunction->statistics().eventsDelivered;
        oldFunction->disconnect(this);
        oldFunction->deleteLater();
        m_function = nullptr;
    }
    if (source && !m_function) {
        m_function = new FunctionStandIn(source, m_nam, m_clock, this);
        connect(m_function, &FunctionStandIn::statisticsChanged, this, &MessageRouter::eventCountsChanged);
    }
    if (m_function)
        m_function->setConfiguration(*m_configuration.function);
}

QStringList MessageRouter::route(const HubMessage &message)
{
    const RouteCondition::Input input(message);
    QStringList endpoints;
    bool anyEnabledRoute = false;
    for (const CompiledRoute &compiled : std::as_const(m_routes)) {
        if (!compiled.route.isEnabled)
            continue;
        anyEnabledRoute = true;
        if (compiled.route.source != message.source || !compiled.condition.matches(input))
            continue;
        for (const QString &endpoint : compiled.route.endpointNames) {
            if (!endpoints.contains(endpoint, Qt::CaseInsensitive))
                endpoints << endpoint;
        }
    }
    if (endpoints.isEmpty() && message.source == RoutingSource::DeviceMessages) {
        if (m_fallback && m_fallback->route.isEnabled) {
            if (m_fallback->condition.matches(input)) {
                endpoints << m_fallback->route.endpointNames;
                ++m_counters.fallback;
            }
        } else if (!anyEnabledRoute) {
            endpoints << QLatin1String(RoutingConfiguration::BuiltInEndpoint);
        }
    }

    ++m_counters.messages;
    if (endpoints.isEmpty())
        ++m_counters.unrouted;
    for (const QString &endpoint : std::as_const(endpoints))
        deliverToEndpoint(endpoint, message);
    emit messageRouted(message, endpoints);
    return endpoints;
}

void MessageRouter::deliverToEndpoint(const QString &endpointName, const HubMessage &message)
{
    if (endpointName == QLatin1String(RoutingConfiguration::BuiltInEndpoint)) {
        ++m_counters.perEndpoint[endpointName];
        m_builtIn.push_back(message.materialized());
        while (m_builtIn.size() > size_t(DefaultBuiltInCapacity))
            m_builtIn.pop_front();
        return;
    }
    const RoutingConfiguration::EventHubEndpoint *endpoint = m_configuration.endpoint(endpointName);
    EventHubStandIn *hub = endpoint ? m_eventHubs.value(endpoint->entityPath.toLower()) : nullptr;
    if (!hub) {
        qCWarning(lcSandbox) << "hub" << m_hubName << "has no Event Hub behind endpoint" << endpointName;
        return;
    }
    ++m_counters.perEndpoint[endpoint->name];
    EventHubStandIn::Event event;
    event.partitionKey = message.deviceId;
    event.body = message.bodyBytes();
    event.properties = message.applicationProperties;
    event.systemProperties = eventHubSystemProperties(message);
    hub->send(event);
}

EventHubStandIn *MessageRouter::eventHub(const QString &name) const
{
    return m_eventHubs.value(name.toLower());
}

QList<EventHubStandIn *> MessageRouter::eventHubs() const
{
    QList<EventHubStandIn *> hubs = m_eventHubs.values();
    std::sort(hubs.begin(), hubs.end(), [](const EventHubStandIn *a, const EventHubStandIn *b) {
        return a->name().compare(b->name(), Qt::CaseInsensitive) < 0;
    });
    return hubs;
}

QList<HubMessage> MessageRouter::builtInEndpointMessages(qint64 after, int limit) const
{
    QList<HubMessage> messages;
    for (const HubMessage &message : m_builtIn) {
        if (message.sequenceNumber > after && messages.size() < limit)
            messages << message;
    }
    return messages;
}

int MessageRouter::eventsPending() const
{
    int pending = 0;
    for (const EventHubStandIn *hub : m_eventHubs)
        pending += hub->pending();
    return pending;
}

quint64 MessageRouter::eventsDelivered() const
{
    return m_retiredDelivered + (m_function ? m_function->statistics().eventsDelivered : 0);
}

QJsonObject MessageRouter::metricsJson() const
{
    QJsonObject endpoints;
    for (auto it = m_counters.perEndpoint.cbegin(); it != m_counters.perEndpoint.cend(); ++it)
        endpoints.insert(it.key(), qint64(it.value()));
    QJsonArray hubs;
    for (const EventHubStandIn *hub : eventHubs()) {
        hubs.append(QJsonObject {
            {QStringLiteral("name"), hub->name()},
            {QStringLiteral("partitionCount"), hub->partitionCount()},
            {QStringLiteral("received"), qint64(hub->received())},
            {QStringLiteral("pending"), hub->pending()},
            {QStringLiteral("checkpointed"), qint64(hub->checkpointed())},
            {QStringLiteral("expired"), qint64(hub->expired())},
        });
    }
    QJsonValue function;
    if (m_function) {
        const FunctionStandIn::Statistics statistics = m_function->statistics();
        function = QJsonObject {
            {QStringLiteral("name"), m_function->configuration().name},
            {QStringLiteral("eventHubName"), m_function->configuration().eventHubName},
            {QStringLiteral("configured"), m_function->isConfigured()},
            {QStringLiteral("eventsDelivered"), qint64(statistics.eventsDelivered)},
            {QStringLiteral("batchesDelivered"), qint64(statistics.batchesDelivered)},
            {QStringLiteral("failedAttempts"), qint64(statistics.failedAttempts)},
            {QStringLiteral("eventsRejected"), qint64(statistics.eventsRejected)},
            {QStringLiteral("batchesInFlight"), statistics.batchesInFlight},
            {QStringLiteral("lastFailure"),
             statistics.lastFailure.isEmpty() ? QJsonValue() : QJsonValue(statistics.lastFailure)},
        };
    }
    return QJsonObject {
        {QStringLiteral("messagesRouted"), qint64(m_counters.messages)},
        {QStringLiteral("unrouted"), qint64(m_counters.unrouted)},
        {QStringLiteral("fallback"), qint64(m_counters.fallback)},
        {QStringLiteral("endpoints"), endpoints},
        {QStringLiteral("eventHubs"), hubs},
        {QStringLiteral("function"), function},
    };
}

void MessageRouter::reset()
{
    for (EventHubStandIn *hub : std::as_const(m_eventHubs))
        hub->clear();
    if (m_function)
        m_function->reset();
    m_builtIn.clear();
    m_counters = Counters {};
    m_retiredDelivered = 0;
    emit eventCountsChanged();
}

} // namespace TwinBridge::Sandbox
