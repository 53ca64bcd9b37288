#include "sandbox/arm/ArmHubWiring.h"

#include "sandbox/arm/ArmResourceProvider.h"
#include "sandbox/arm/ArmResourceStore.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "services/core/Logging.h"
#include "services/iothub/HubThrottle.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ArmHubWiring", text);
}

constexpr char EventHubsSuffix[] = ".servicebus.windows.net";

QMap<QString, QString> parts(const QString &connectionString)
{
    QMap<QString, QString> result;
    const QStringList items = connectionString.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        if (equals > 0)
            result.insert(item.left(equals).trimmed().toLower(), item.mid(equals + 1).trimmed());
    }
    return result;
}

bool hasRight(const ArmResource &rule, const char *right)
{
    const QJsonArray rights = rule.properties.value(QLatin1String("rights")).toArray();
    for (const QJsonValue &value : rights) {
        if (value.toString().compare(QLatin1String(right), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// %Setting% references in binding properties, resolved from the app settings as the Functions host does.
QString resolveSettings(QString text, const QMap<QString, QString> &settings)
{
    if (text.size() > 2 && text.startsWith(QLatin1Char('%')) && text.endsWith(QLatin1Char('%')))
        return settings.value(text.mid(1, text.size() - 2));
    return text;
}

} // namespace

ArmHubWiring::EventHubConnection ArmHubWiring::EventHubConnection::parse(const QString &connectionString)
{
    EventHubConnection connection;
    const QMap<QString, QString> values = parts(connectionString);
    const QUrl endpoint(values.value(QStringLiteral("endpoint")));
    connection.host = endpoint.host().toLower();
    if (connection.host.endsWith(QLatin1String(EventHubsSuffix)))
        connection.namespaceName = connection.host.left(connection.host.size() - int(qstrlen(EventHubsSuffix)));
    connection.keyName = values.value(QStringLiteral("sharedaccesskeyname"));
    connection.key = values.value(QStringLiteral("sharedaccesskey"));
    connection.entityPath = values.value(QStringLiteral("entitypath"));
    return connection;
}

QString ArmHubWiring::EventHubConnection::make(const QString &namespaceName, const QString &keyName, const QString &key,
                                               const QString &entityPath)
{
    QString text = QStringLiteral("Endpoint=sb://%1%2/;SharedAccessKeyName=%3;SharedAccessKey=%4")
                       .arg(namespaceName, QLatin1String(EventHubsSuffix), keyName, key);
    if (!entityPath.isEmpty())
        text += QStringLiteral(";EntityPath=") + entityPath;
    return text;
}

QString ArmHubWiring::EventHubConnection::masked(const QString &connectionString)
{
    QStringList items = connectionString.split(QLatin1Char(';'));
    for (QString &item : items) {
        if (item.trimmed().startsWith(QLatin1String("SharedAccessKey="), Qt::CaseInsensitive))
            item = QStringLiteral("SharedAccessKey=****");
    }
    return items.join(QLatin1Char(';'));
}

ArmHubWiring::ArmHubWiring(ArmResourceStore *store, HubDirectory *hubs, RoutingDirectory *routing)
    : m_store(store)
    , m_hubs(hubs)
    , m_routing(routing)
{ }

const ArmResource *ArmHubWiring::namespaceResource(const QString &subscriptionId, const QString &namespaceName) const
{
    for (const ArmResource &candidate : m_store->ofType(QStringLiteral("Microsoft.EventHub/namespaces"))) {
        if (candidate.subscriptionId.compare(subscriptionId, Qt::CaseInsensitive) == 0 &&
            candidate.name.compare(namespaceName, Qt::CaseInsensitive) == 0)
            return m_store->find(candidate.id);
    }
    return nullptr;
}

const ArmResource *ArmHubWiring::eventHubResource(const QString &subscriptionId, const QString &namespaceName,
                                                  const QString &entityPath) const
{
    const ArmResource *space = namespaceResource(subscriptionId, namespaceName);
    if (!space)
        return nullptr;
    return m_store->find(space->id + QStringLiteral("/eventhubs/") + entityPath);
}

QList<CloudError> ArmHubWiring::checkEndpoints(const ArmResource &hub, const QJsonObject &routing) const
{
    QList<CloudError> problems;
    const QJsonArray endpoints =
        routing.value(QLatin1String("endpoints")).toObject().value(QLatin1String("eventHubs")).toArray();
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const QJsonObject endpoint = endpoints.at(i).toObject();
        const QString name = endpoint.value(QLatin1String("name")).toString();
        const QString target = QStringLiteral("properties.routing.endpoints.eventHubs[%1]").arg(i);
        const EventHubConnection connection =
            EventHubConnection::parse(endpoint.value(QLatin1String("connectionString")).toString());
        if (connection.namespaceName.isEmpty())
            continue; // not an Event Hubs namespace of this sandbox: the router stands in for it by EntityPath
        const ArmResource *space = namespaceResource(hub.subscriptionId, connection.namespaceName);
        if (!space)
            continue;
        const auto fail = [&](const QString &message) {
            problems << ArmResourceProvider::problem(
                QStringLiteral("InvalidRouting"),
                tr("The routing endpoint '%1' cannot reach its Event Hub: %2").arg(name, message), target);
        };
        if (connection.entityPath.isEmpty()) {
            fail(tr("the connection string names no Event Hub (EntityPath=…)."));
            continue;
        }
        const ArmResource *eventHub = m_store->find(space->id + QStringLiteral("/eventhubs/") + connection.entityPath);
        if (!eventHub) {
            fail(tr("the namespace '%1' has no Event Hub '%2'.").arg(space->name, connection.entityPath));
            continue;
        }
        const ArmResource *rule =
            m_store->find(eventHub->id + QStringLiteral("/authorizationRules/") + connection.keyName);
        if (!rule)
            rule = m_store->find(space->id + QStringLiteral("/authorizationRules/") + connection.keyName);
        if (!rule) {
            fail(tr("neither the Event Hub '%1' nor its namespace has an authorization rule '%2'.")
                     .arg(connection.entityPath, connection.keyName));
            continue;
        }
        const QString primary = rule->secrets.value(QLatin1String("primaryKey")).toString();
        const QString secondary = rule->secrets.value(QLatin1String("secondaryKey")).toString();
        if (connection.key.isEmpty() || (connection.key != primary && connection.key != secondary)) {
            fail(tr("the key is not a key of the authorization rule '%1'.").arg(connection.keyName));
            continue;
        }
        if (!hasRight(*rule, "Send") && !hasRight(*rule, "Manage"))
            fail(tr("the authorization rule '%1' lacks the Send right IoT Hub needs.").arg(connection.keyName));
    }
    return problems;
}

QList<ArmHubWiring::Trigger> ArmHubWiring::triggers(const QString &subscriptionId) const
{
    QList<Trigger> result;
    for (const ArmResource &function : m_store->ofType(QStringLiteral("Microsoft.Web/sites/functions"))) {
        if (function.subscriptionId.compare(subscriptionId, Qt::CaseInsensitive) != 0)
            continue;
        const ArmResource *site = m_store->find(function.parentId());
        if (!site)
            continue;
        QMap<QString, QString> settings;
        const QJsonObject stored = site->secrets.value(QLatin1String("appSettings")).toObject();
        for (auto it = stored.constBegin(); it != stored.constEnd(); ++it)
            settings.insert(it.key(), it.value().toString());
        const QJsonArray bindings =
            function.properties.value(QLatin1String("config")).toObject().value(QLatin1String("bindings")).toArray();
        for (const QJsonValue &value : bindings) {
            const QJsonObject binding = value.toObject();
            if (binding.value(QLatin1String("type"))
                    .toString()
                    .compare(QLatin1String("eventHubTrigger"), Qt::CaseInsensitive) != 0)
                continue;
            Trigger trigger;
            trigger.functionName = function.shortName();
            trigger.connectionSetting = binding.value(QLatin1String("connection")).toString();
            const EventHubConnection connection = EventHubConnection::parse(settings.value(trigger.connectionSetting));
            trigger.namespaceName = connection.namespaceName;
            // The binding's eventHubName may be "%Setting%", "Events" or TTS's "<namespace>/Events".
            QString eventHubName = resolveSettings(binding.value(QLatin1String("eventHubName")).toString(), settings);
            eventHubName = eventHubName.section(QLatin1Char('/'), -1);
            trigger.entityPath = eventHubName.isEmpty() ? connection.entityPath : eventHubName;
            for (const char *key : {"STACK_BASE_URL", "STACK_APPLICATION_ID", "STACK_API_KEY"}) {
                if (settings.contains(QLatin1String(key)))
                    trigger.appSettings.insert(QLatin1String(key), settings.value(QLatin1String(key)));
            }
            if (!trigger.connectionSetting.isEmpty() && settings.contains(trigger.connectionSetting))
                trigger.appSettings.insert(trigger.connectionSetting, settings.value(trigger.connectionSetting));
            if (!trigger.entityPath.isEmpty())
                result << trigger;
        }
    }
    return result;
}

Result<RoutingConfiguration> ArmHubWiring::routingFor(const ArmResource &hub) const
{
    QJsonObject routing = hub.secrets.value(QLatin1String("routing")).toObject();
    if (routing.isEmpty())
        routing = hub.properties.value(QLatin1String("routing")).toObject();
    const HubSku sku = HubThrottle::parseSku(hub.sku.value(QLatin1String("name")).toString()).value_or(HubSku::S1);

    int partitions = 4;
    std::optional<RoutingConfiguration::FunctionApp> function;
    const QList<Trigger> candidates = triggers(hub.subscriptionId);
    const QJsonArray endpoints =
        routing.value(QLatin1String("endpoints")).toObject().value(QLatin1String("eventHubs")).toArray();
    bool partitionsKnown = false;
    for (const QJsonValue &value : endpoints) {
        const QJsonObject endpoint = value.toObject();
        const EventHubConnection connection =
            EventHubConnection::parse(endpoint.value(QLatin1String("connectionString")).toString());
        const QString entity = endpoint.value(QLatin1String("entityPath")).toString(connection.entityPath);
        if (!partitionsKnown && !connection.namespaceName.isEmpty()) {
            if (const ArmResource *eventHub = eventHubResource(hub.subscriptionId, connection.namespaceName, entity)) {
                partitions = eventHub->properties.value(QLatin1String("partitionCount")).toInt(4);
                partitionsKnown = true;
            }
        }
        if (function)
            continue;
        for (const Trigger &trigger : candidates) {
            const bool sameNamespace = connection.namespaceName.isEmpty() || trigger.namespaceName.isEmpty() ||
                connection.namespaceName.compare(trigger.namespaceName, Qt::CaseInsensitive) == 0;
            if (sameNamespace && trigger.entityPath.compare(entity, Qt::CaseInsensitive) == 0) {
                RoutingConfiguration::FunctionApp app;
                app.name = trigger.functionName;
                app.eventHubName = entity;
                app.appSettings = trigger.appSettings;
                function = app;
                break;
            }
        }
    }
    routing.insert(QStringLiteral("eventHubPartitionCount"), partitions);
    routing.remove(QStringLiteral("function"));
    Result<RoutingConfiguration> configuration = RoutingConfiguration::fromJson(routing, sku);
    if (!configuration)
        return configuration;
    configuration.value().function = function;
    return configuration;
}

Status ArmHubWiring::apply(const ArmResource &hub)
{
    if (!m_routing)
        return Done {};
    Result<RoutingConfiguration> configuration = routingFor(hub);
    if (!configuration)
        return configuration.error();
    return m_routing->setConfiguration(hub.name, configuration.value());
}

void ArmHubWiring::refreshAll()
{
    if (!m_hubs || !m_routing)
        return;
    for (const ArmResource &hub : m_store->ofType(QStringLiteral("Microsoft.Devices/IotHubs"))) {
        if (!m_hubs->hub(hub.name))
            continue;
        Result<RoutingConfiguration> configuration = routingFor(hub);
        if (!configuration) {
            qCWarning(lcSandbox).noquote()
                << "ARM: the routing of hub" << hub.name << "cannot be applied:" << configuration.error().message();
            continue;
        }
        MessageRouter *router = m_routing->router(hub.name);
        if (router && router->configuration() == configuration.value())
            continue;
        if (Status applied = m_routing->setConfiguration(hub.name, configuration.value()); !applied)
            qCWarning(lcSandbox).noquote()
                << "ARM: the routing of hub" << hub.name << "cannot be applied:" << applied.error().message();
    }
}

} // namespace TwinBridge::Sandbox
