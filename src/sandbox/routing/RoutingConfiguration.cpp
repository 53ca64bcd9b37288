#include "sandbox/routing/RoutingConfiguration.h"

#include "sandbox/routing/RouteCondition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RoutingConfiguration", text);
}

ServiceError fieldError(const QString &field, const QString &message)
{
    ServiceError error = ServiceError::invalidInput(QStringLiteral("%1: %2").arg(field, message));
    error.setCode(QStringLiteral("InvalidRouting"));
    error.setPayload(QJsonObject {{QStringLiteral("field"), field}});
    return error;
}

// ARM RouteProperties.name / RoutingEventHubProperties.name.
bool isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

// Event Hub names: letters, digits, '.', '-', '_', starting and ending with a letter or digit, ≤ 256.
bool isValidEventHubName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$"));
    return pattern.match(name).hasMatch();
}

bool isReservedEndpointName(const QString &name)
{
    for (const char *reserved : {"events", "fileNotifications", "$default", "operationsMonitoringEvents"}) {
        if (name.compare(QLatin1String(reserved), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

Status checkKeys(const QJsonObject &object, const QString &field, std::initializer_list<const char *> allowed)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        bool known = false;
        for (const char *key : allowed)
            known = known || it.key() == QLatin1String(key);
        if (!known) {
            QStringList names;
            for (const char *key : allowed)
                names << QLatin1String(key);
            return fieldError(field.isEmpty() ? it.key() : field + u'.' + it.key(),
                              tr("unknown field (expected one of: %1)").arg(names.join(QStringLiteral(", "))));
        }
    }
    return Done {};
}

Result<QString> readString(const QJsonObject &object, const char *key, const QString &field, bool required,
                           const QString &fallback = {})
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return fieldError(field, tr("is required"));
        return fallback;
    }
    if (!value.isString())
        return fieldError(field, tr("must be a string"));
    return value.toString();
}

Result<bool> readBool(const QJsonObject &object, const char *key, const QString &field, bool fallback)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool())
        return fieldError(field, tr("must be true or false"));
    return value.toBool();
}

Result<int> readInt(const QJsonObject &object, const char *key, const QString &field, int fallback, int min, int max)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double d = value.toDouble(-1e300);
    if (!value.isDouble() || d != double(qint64(d)) || d < min || d > max)
        return fieldError(field, tr("must be a whole number from %1 to %2").arg(min).arg(max));
    return int(d);
}

Result<RoutingConfiguration::Route> readRoute(const QJsonValue &value, const QString &field)
{
    if (!value.isObject())
        return fieldError(field, tr("must be an object"));
    const QJsonObject object = value.toObject();
    if (Status keys = checkKeys(object, field, {"name", "source", "condition", "endpointNames", "isEnabled"}); !keys)
        return keys.error();
    RoutingConfiguration::Route route;
    const Result<QString> name = readString(object, "name", field + QStringLiteral(".name"), true);
    if (!name)
        return name.error();
    route.name = name.value();
    const Result<QString> source = readString(object, "source", field + QStringLiteral(".source"), true);
    if (!source)
        return source.error();
    const auto parsedSource = RoutingConfiguration::parseSource(source.value());
    if (!parsedSource) {
        return fieldError(field + QStringLiteral(".source"),
                          tr("'%1' is not a routing source the sandbox emulates (DeviceMessages, TwinChangeEvents, "
                             "DeviceLifecycleEvents, DeviceConnectionStateEvents)")
                              .arg(source.value()));
    }
    route.source = *parsedSource;
    const Result<QString> condition =
        readString(object, "condition", field + QStringLiteral(".condition"), false, QStringLiteral("true"));
    if (!condition)
        return condition.error();
    // ARM treats a missing condition as true; an empty one is the same.
    route.condition = condition.value().trimmed().isEmpty() ? QStringLiteral("true") : condition.value();
    const QJsonValue endpoints = object.value(QLatin1String("endpointNames"));
    if (!endpoints.isArray())
        return fieldError(field + QStringLiteral(".endpointNames"), tr("must be an array with one endpoint name"));
    for (const QJsonValue &endpoint : endpoints.toArray()) {
        if (!endpoint.isString())
            return fieldError(field + QStringLiteral(".endpointNames"), tr("must hold endpoint names (strings)"));
        route.endpointNames << endpoint.toString();
    }
    const Result<bool> enabled = readBool(object, "isEnabled", field + QStringLiteral(".isEnabled"), true);
    if (!enabled)
        return enabled.error();
    route.isEnabled = enabled.value();
    return route;
}

QJsonObject routeToJson(const RoutingConfiguration::Route &route)
{
    return QJsonObject {
        {QStringLiteral("name"), route.name},
        {QStringLiteral("source"), RoutingConfiguration::sourceName(route.source)},
        {QStringLiteral("condition"), route.condition},
        {QStringLiteral("endpointNames"), QJsonArray::fromStringList(route.endpointNames)},
        {QStringLiteral("isEnabled"), route.isEnabled},
    };
}

} // namespace

QString RoutingConfiguration::sourceName(RoutingSource source)
{
    switch (source) {
    case RoutingSource::DeviceMessages:
        return QStringLiteral("DeviceMessages");
    case RoutingSource::TwinChangeEvents:
        return QStringLiteral("TwinChangeEvents");
    case RoutingSource::DeviceLifecycleEvents:
        return QStringLiteral("DeviceLifecycleEvents");
    case RoutingSource::DeviceConnectionStateEvents:
        return QStringLiteral("DeviceConnectionStateEvents");
    }
    return {};
}

std::optional<RoutingSource> RoutingConfiguration::parseSource(const QString &name)
{
    for (RoutingSource source : {RoutingSource::DeviceMessages, RoutingSource::TwinChangeEvents,
                                 RoutingSource::DeviceLifecycleEvents, RoutingSource::DeviceConnectionStateEvents}) {
        if (name.compare(sourceName(source), Qt::CaseInsensitive) == 0)
            return source;
    }
    return std::nullopt;
}

QString RoutingConfiguration::entityPathOf(const QString &connectionString)
{
    const QStringList parts = connectionString.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype equals = part.indexOf(u'=');
        if (equals > 0 && part.left(equals).trimmed().compare(QLatin1String("EntityPath"), Qt::CaseInsensitive) == 0)
            return part.mid(equals + 1).trimmed();
    }
    return {};
}

const RoutingConfiguration::EventHubEndpoint *RoutingConfiguration::endpoint(const QString &name) const
{
    for (const EventHubEndpoint &endpoint : eventHubEndpoints) {
        if (endpoint.name.compare(name, Qt::CaseInsensitive) == 0)
            return &endpoint;
    }
    return nullptr;
}

Result<RoutingConfiguration> RoutingConfiguration::fromJson(const QJsonObject &json, HubSku sku)
{
    if (Status keys = checkKeys(
            json, {}, {"endpoints", "routes", "fallbackRoute", "eventHubPartitionCount", "function", "enrichments"});
        !keys) {
        return keys.error();
    }
    RoutingConfiguration configuration;

    const QJsonValue endpoints = json.value(QLatin1String("endpoints"));
    if (!endpoints.isUndefined() && !endpoints.isNull()) {
        if (!endpoints.isObject())
            return fieldError(QStringLiteral("endpoints"), tr("must be an object with an eventHubs array"));
        const QJsonObject endpointsObject = endpoints.toObject();
        if (Status keys = checkKeys(
                endpointsObject, QStringLiteral("endpoints"),
                {"eventHubs", "serviceBusQueues", "serviceBusTopics", "storageContainers", "cosmosDBSqlContainers"});
            !keys) {
            return keys.error();
        }
        for (const char *unsupported :
             {"serviceBusQueues", "serviceBusTopics", "storageContainers", "cosmosDBSqlContainers"}) {
            const QJsonValue list = endpointsObject.value(QLatin1String(unsupported));
            if (list.isArray() && !list.toArray().isEmpty()) {
                return fieldError(QStringLiteral("endpoints.") + QLatin1String(unsupported),
                                  tr("only Event Hubs endpoints are emulated by the sandbox"));
            }
        }
        const QJsonValue eventHubs = endpointsObject.value(QLatin1String("eventHubs"));
        if (!eventHubs.isUndefined() && !eventHubs.isNull() && !eventHubs.isArray())
            return fieldError(QStringLiteral("endpoints.eventHubs"), tr("must be an array"));
        const QJsonArray list = eventHubs.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString field = QStringLiteral("endpoints.eventHubs[%1]").arg(i);
            if (!list.at(i).isObject())
                return fieldError(field, tr("must be an object"));
            const QJsonObject object = list.at(i).toObject();
            if (Status keys = checkKeys(object, field,
                                        {"name", "entityPath", "connectionString", "endpointUri", "authenticationType",
                                         "identity", "subscriptionId", "resourceGroup", "id"});
                !keys) {
                return keys.error();
            }
            EventHubEndpoint endpoint;
            const Result<QString> name = readString(object, "name", field + QStringLiteral(".name"), true);
            if (!name)
                return name.error();
            endpoint.name = name.value();
            const Result<QString> connectionString =
                readString(object, "connectionString", field + QStringLiteral(".connectionString"), false);
            if (!connectionString)
                return connectionString.error();
            endpoint.connectionString = connectionString.value();
            const Result<QString> entityPath = readString(object, "entityPath", field + QStringLiteral(".entityPath"),
                                                          false, entityPathOf(endpoint.connectionString));
            if (!entityPath)
                return entityPath.error();
            endpoint.entityPath = entityPath.value();
            if (endpoint.entityPath.isEmpty()) {
                return fieldError(field,
                                  tr("names no Event Hub: give \"entityPath\" or a \"connectionString\" "
                                     "with EntityPath=…"));
            }
            configuration.eventHubEndpoints << endpoint;
        }
    }

    const QJsonValue routes = json.value(QLatin1String("routes"));
    if (!routes.isUndefined() && !routes.isNull() && !routes.isArray())
        return fieldError(QStringLiteral("routes"), tr("must be an array"));
    const QJsonArray routeList = routes.toArray();
    for (qsizetype i = 0; i < routeList.size(); ++i) {
        Result<Route> route = readRoute(routeList.at(i), QStringLiteral("routes[%1]").arg(i));
        if (!route)
            return route.error();
        configuration.routes << route.takeValue();
    }

    const QJsonValue fallback = json.value(QLatin1String("fallbackRoute"));
    // Bicep writes `{}` for a disabled fallback route (tts-integration.md §2.4); null and absent mean the same.
    if (!fallback.isUndefined() && !fallback.isNull() && !(fallback.isObject() && fallback.toObject().isEmpty())) {
        Result<Route> route = readRoute(fallback, QStringLiteral("fallbackRoute"));
        if (!route)
            return route.error();
        configuration.fallbackRoute = route.takeValue();
    }

    const QJsonValue enrichments = json.value(QLatin1String("enrichments"));
    if (enrichments.isArray() && !enrichments.toArray().isEmpty())
        return fieldError(QStringLiteral("enrichments"), tr("message enrichments are not emulated by the sandbox"));

    const Result<int> partitions = readInt(json, "eventHubPartitionCount", QStringLiteral("eventHubPartitionCount"),
                                           configuration.eventHubPartitionCount, 1, 32);
    if (!partitions)
        return partitions.error();
    configuration.eventHubPartitionCount = partitions.value();

    const QJsonValue function = json.value(QLatin1String("function"));
    if (!function.isUndefined() && !function.isNull()) {
        const QString field = QStringLiteral("function");
        if (!function.isObject())
            return fieldError(field, tr("must be an object"));
        const QJsonObject object = function.toObject();
        if (Status keys = checkKeys(
                object, field,
                {"name", "eventHubName", "maxBatchSize", "retryInitialDelayMs", "retryMaxDelayMs", "appSettings"});
            !keys) {
            return keys.error();
        }
        FunctionApp app;
        const Result<QString> name = readString(object, "name", field + QStringLiteral(".name"), false, app.name);
        if (!name)
            return name.error();
        app.name = name.value();
        const Result<QString> eventHub =
            readString(object, "eventHubName", field + QStringLiteral(".eventHubName"), false, app.eventHubName);
        if (!eventHub)
            return eventHub.error();
        app.eventHubName = eventHub.value();
        const Result<int> batch =
            readInt(object, "maxBatchSize", field + QStringLiteral(".maxBatchSize"), app.maxBatchSize, 1, 1000);
        if (!batch)
            return batch.error();
        app.maxBatchSize = batch.value();
        const Result<int> initial =
            readInt(object, "retryInitialDelayMs", field + QStringLiteral(".retryInitialDelayMs"),
                    int(app.retryInitialDelay.count()), 1, 3600000);
        if (!initial)
            return initial.error();
        app.retryInitialDelay = std::chrono::milliseconds(initial.value());
        const Result<int> maximum = readInt(object, "retryMaxDelayMs", field + QStringLiteral(".retryMaxDelayMs"),
                                            int(app.retryMaxDelay.count()), 1, 3600000);
        if (!maximum)
            return maximum.error();
        app.retryMaxDelay = std::chrono::milliseconds(maximum.value());
        const QJsonValue settings = object.value(QLatin1String("appSettings"));
        if (!settings.isUndefined() && !settings.isNull()) {
            if (!settings.isObject())
                return fieldError(field + QStringLiteral(".appSettings"), tr("must be an object of strings"));
            const QJsonObject settingsObject = settings.toObject();
            for (auto it = settingsObject.constBegin(); it != settingsObject.constEnd(); ++it) {
                if (!it.value().isString())
                    return fieldError(field + QStringLiteral(".appSettings.") + it.key(), tr("must be a string"));
                app.appSettings.insert(it.key(), it.value().toString());
            }
        }
        configuration.function = app;
    }

    if (Status valid = configuration.validate(sku); !valid)
        return valid.error();
    return configuration;
}

Status RoutingConfiguration::validate(HubSku sku) const
{
    // ARM limits (reference §4.1): 10 custom endpoints and 100 routes; Free hubs 1 and 5.
    const int maxEndpoints = sku == HubSku::F1 ? 1 : 10;
    const int maxRoutes = sku == HubSku::F1 ? 5 : 100;
    if (eventHubEndpoints.size() > maxEndpoints) {
        return fieldError(
            QStringLiteral("endpoints.eventHubs"),
            tr("a %1 hub allows at most %2 custom endpoints").arg(HubThrottle::skuName(sku)).arg(maxEndpoints));
    }
    if (routes.size() > maxRoutes) {
        return fieldError(QStringLiteral("routes"),
                          tr("a %1 hub allows at most %2 routes").arg(HubThrottle::skuName(sku)).arg(maxRoutes));
    }

    QSet<QString> endpointNames;
    for (qsizetype i = 0; i < eventHubEndpoints.size(); ++i) {
        const EventHubEndpoint &endpoint = eventHubEndpoints.at(i);
        const QString field = QStringLiteral("endpoints.eventHubs[%1]").arg(i);
        if (!isValidName(endpoint.name)) {
            return fieldError(
                field + QStringLiteral(".name"),
                tr("'%1' is not a valid endpoint name (1 to 64 letters, digits, '-', '.', '_')").arg(endpoint.name));
        }
        if (isReservedEndpointName(endpoint.name))
            return fieldError(field + QStringLiteral(".name"),
                              tr("'%1' is a reserved endpoint name").arg(endpoint.name));
        if (endpointNames.contains(endpoint.name.toLower()))
            return fieldError(field + QStringLiteral(".name"),
                              tr("the endpoint name '%1' is used twice").arg(endpoint.name));
        endpointNames.insert(endpoint.name.toLower());
        if (!isValidEventHubName(endpoint.entityPath))
            return fieldError(field + QStringLiteral(".entityPath"),
                              tr("'%1' is not a valid Event Hub name").arg(endpoint.entityPath));
    }

    const auto checkRoute = [this](const Route &route, const QString &field) -> Status {
        // ARM's own examples name the fallback route "$fallback".
        const bool fallbackName = field == QLatin1String("fallbackRoute") && route.name == QLatin1String("$fallback");
        if (!fallbackName && !isValidName(route.name)) {
            return fieldError(
                field + QStringLiteral(".name"),
                tr("'%1' is not a valid route name (1 to 64 letters, digits, '-', '.', '_')").arg(route.name));
        }
        if (route.endpointNames.size() != 1) {
            return fieldError(field + QStringLiteral(".endpointNames"),
                              tr("must name exactly one endpoint, not %1").arg(route.endpointNames.size()));
        }
        const QString &target = route.endpointNames.constFirst();
        if (target != QLatin1String(BuiltInEndpoint) && !endpoint(target)) {
            return fieldError(field + QStringLiteral(".endpointNames"),
                              tr("'%1' is neither the built-in endpoint 'events' nor a custom endpoint").arg(target));
        }
        if (Result<RouteCondition> condition = RouteCondition::parse(route.condition); !condition)
            return fieldError(field + QStringLiteral(".condition"), condition.error().message());
        return Done {};
    };

    QSet<QString> routeNames;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        const QString field = QStringLiteral("routes[%1]").arg(i);
        if (Status status = checkRoute(routes.at(i), field); !status)
            return status;
        if (routeNames.contains(routes.at(i).name.toLower()))
            return fieldError(field + QStringLiteral(".name"),
                              tr("the route name '%1' is used twice").arg(routes.at(i).name));
        routeNames.insert(routes.at(i).name.toLower());
    }
    if (fallbackRoute) {
        if (Status status = checkRoute(*fallbackRoute, QStringLiteral("fallbackRoute")); !status)
            return status;
        if (fallbackRoute->source != RoutingSource::DeviceMessages)
            return fieldError(QStringLiteral("fallbackRoute.source"),
                              tr("the fallback route's source must be DeviceMessages"));
        if (fallbackRoute->endpointNames.constFirst() != QLatin1String(BuiltInEndpoint))
            return fieldError(QStringLiteral("fallbackRoute.endpointNames"),
                              tr("the fallback route can only send to the built-in endpoint 'events'"));
    }

    if (eventHubPartitionCount < 1 || eventHubPartitionCount > 32)
        return fieldError(QStringLiteral("eventHubPartitionCount"), tr("must be a whole number from 1 to 32"));
    if (function) {
        if (!isValidEventHubName(function->eventHubName)) {
            return fieldError(QStringLiteral("function.eventHubName"),
                              tr("'%1' is not a valid Event Hub name").arg(function->eventHubName));
        }
        if (function->maxBatchSize < 1)
            return fieldError(QStringLiteral("function.maxBatchSize"), tr("must be at least 1"));
        if (function->retryMaxDelay < function->retryInitialDelay)
            return fieldError(QStringLiteral("function.retryMaxDelayMs"),
                              tr("must not be less than retryInitialDelayMs"));
    }
    return Done {};
}

QJsonObject RoutingConfiguration::toJson() const
{
    QJsonArray endpoints;
    for (const EventHubEndpoint &endpoint : eventHubEndpoints) {
        QJsonObject object {{QStringLiteral("name"), endpoint.name},
                            {QStringLiteral("entityPath"), endpoint.entityPath}};
        if (!endpoint.connectionString.isEmpty())
            object.insert(QStringLiteral("connectionString"), endpoint.connectionString);
        endpoints.append(object);
    }
    QJsonArray routeList;
    for (const Route &route : routes)
        routeList.append(routeToJson(route));
    QJsonObject json {
        {QStringLiteral("endpoints"), QJsonObject {{QStringLiteral("eventHubs"), endpoints}}},
        {QStringLiteral("routes"), routeList},
        {QStringLiteral("fallbackRoute"), fallbackRoute ? QJsonValue(routeToJson(*fallbackRoute)) : QJsonValue()},
        {QStringLiteral("eventHubPartitionCount"), eventHubPartitionCount},
    };
    if (function) {
        QJsonObject settings;
        for (auto it = function->appSettings.cbegin(); it != function->appSettings.cend(); ++it)
            settings.insert(it.key(), it.value());
        json.insert(QStringLiteral("function"),
                    QJsonObject {
                        {QStringLiteral("name"), function->name},
                        {QStringLiteral("eventHubName"), function->eventHubName},
                        {QStringLiteral("maxBatchSize"), function->maxBatchSize},
                        {QStringLiteral("retryInitialDelayMs"), qint64(function->retryInitialDelay.count())},
                        {QStringLiteral("retryMaxDelayMs"), qint64(function->retryMaxDelay.count())},
                        {QStringLiteral("appSettings"), settings},
                    });
    } else {
        json.insert(QStringLiteral("function"), QJsonValue());
    }
    return json;
}

RoutingConfiguration RoutingConfiguration::ttsTemplate(const QString &stackBaseUrl, const QString &applicationId,
                                                       const QString &apiKey, bool fallbackRoute)
{
    RoutingConfiguration configuration;
    configuration.eventHubEndpoints << EventHubEndpoint {QStringLiteral("StackEvents"), QStringLiteral("Events"), {}};
    configuration.routes << Route {QStringLiteral("TTSTwinChangeEvents"),
                                   RoutingSource::TwinChangeEvents,
                                   QStringLiteral("IS_OBJECT($body.properties.desired) OR IS_OBJECT($body.tags)"),
                                   {QStringLiteral("StackEvents")},
                                   true};
    configuration.routes << Route {QStringLiteral("TTSDeviceLifecycleEvents"),
                                   RoutingSource::DeviceLifecycleEvents,
                                   QStringLiteral("true"),
                                   {QStringLiteral("StackEvents")},
                                   true};
    if (fallbackRoute) {
        configuration.fallbackRoute = Route {QStringLiteral("FallbackRoute"),
                                             RoutingSource::DeviceMessages,
                                             QStringLiteral("true"),
                                             {QLatin1String(BuiltInEndpoint)},
                                             true};
    }
    FunctionApp app;
    app.appSettings.insert(QStringLiteral("STACK_BASE_URL"), stackBaseUrl);
    app.appSettings.insert(QStringLiteral("STACK_APPLICATION_ID"), applicationId);
    app.appSettings.insert(QStringLiteral("STACK_API_KEY"), apiKey);
    configuration.function = app;
    return configuration;
}

RoutingConfiguration RoutingConfiguration::empty()
{
    RoutingConfiguration configuration;
    configuration.fallbackRoute = Route {QStringLiteral("$fallback"),
                                         RoutingSource::DeviceMessages,
                                         QStringLiteral("true"),
                                         {QLatin1String(BuiltInEndpoint)},
                                         true};
    return configuration;
}

} // namespace TwinBridge::Sandbox
