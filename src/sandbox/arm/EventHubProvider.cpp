#include "sandbox/arm/EventHubProvider.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmExpression.h"
#include "sandbox/arm/ArmHubWiring.h"
#include "sandbox/arm/ArmResourceStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EventHubProvider", text);
}

constexpr char NamespaceType[] = "Microsoft.EventHub/namespaces";
constexpr char EventHubType[] = "Microsoft.EventHub/namespaces/eventhubs";
constexpr char EventHubRuleType[] = "Microsoft.EventHub/namespaces/eventhubs/authorizationRules";
constexpr char NamespaceRuleType[] = "Microsoft.EventHub/namespaces/authorizationRules";
constexpr char ConsumerGroupType[] = "Microsoft.EventHub/namespaces/eventhubs/consumergroups";

bool isRule(const ArmResource &resource)
{
    return resource.isTypeOf(EventHubRuleType) || resource.isTypeOf(NamespaceRuleType);
}

} // namespace

EventHubProvider::EventHubProvider(ArmResourceStore *store)
    : ArmResourceProvider(store)
{ }

QList<ArmResourceProvider::ResourceType> EventHubProvider::resourceTypes() const
{
    const QStringList versions = {
        QStringLiteral("2024-05-01-preview"), QStringLiteral("2024-01-01"),
        QStringLiteral("2023-01-01-preview"), QStringLiteral("2022-10-01-preview"),
        QStringLiteral("2022-01-01-preview"), QStringLiteral("2021-11-01"),
        QStringLiteral("2021-06-01-preview"), QStringLiteral("2021-01-01-preview"),
        QStringLiteral("2018-01-01-preview"), QStringLiteral("2017-04-01"),
        QStringLiteral("2015-08-01"),         QStringLiteral("2014-09-01"),
    };
    return {{QStringLiteral("namespaces"), versions, true},
            {QStringLiteral("namespaces/eventhubs"), versions, false},
            {QStringLiteral("namespaces/eventhubs/authorizationRules"), versions, false},
            {QStringLiteral("namespaces/eventhubs/consumergroups"), versions, false},
            {QStringLiteral("namespaces/authorizationRules"), versions, false}};
}

std::chrono::milliseconds EventHubProvider::provisioningTime(const ArmResource &resource) const
{
    if (resource.isTypeOf(NamespaceType))
        return std::chrono::milliseconds(1500);
    if (resource.isTypeOf(EventHubType))
        return std::chrono::milliseconds(500);
    return std::chrono::milliseconds(300);
}

QList<CloudError> EventHubProvider::validate(const ArmResource &requested) const
{
    QList<CloudError> problems;
    const QString name = requested.shortName();
    if (requested.isTypeOf(NamespaceType)) {
        static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$"));
        if (!pattern.match(name).hasMatch()) {
            problems << problem(QStringLiteral("InvalidNamespaceName"),
                                tr("The namespace name '%1' is not valid: use 6 to 50 letters, digits and hyphens, "
                                   "starting with a letter and ending with a letter or digit.")
                                    .arg(name),
                                name);
        } else if (const ArmResource *other = sameNameElsewhere(requested)) {
            problems << problem(QStringLiteral("NamespaceNameNotAvailable"),
                                tr("The namespace name '%1' is not available: resource group '%2' has a namespace of "
                                   "that name.")
                                    .arg(name, other->resourceGroup),
                                name);
        }
        const QJsonValue sku = requested.sku.value(QLatin1String("name"));
        if (!ArmExpression::isExpressionValue(sku) && sku.toString() != QLatin1String("Basic") &&
            sku.toString() != QLatin1String("Standard") && sku.toString() != QLatin1String("Premium")) {
            problems << problem(QStringLiteral("InvalidSku"),
                                tr("The SKU '%1' is not valid for an Event Hubs namespace; use Basic, Standard or "
                                   "Premium.")
                                    .arg(sku.toString()),
                                QStringLiteral("sku.name"));
        }
        return problems;
    }
    static const QRegularExpression entityPattern(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$"));
    if (!entityPattern.match(name).hasMatch()) {
        problems << problem(QStringLiteral("InvalidName"),
                            tr("The name '%1' is not valid: use 1 to 256 letters, digits, '.', '-' and '_', starting "
                               "and ending with a letter or digit.")
                                .arg(name),
                            name);
    }
    if (requested.isTypeOf(EventHubType)) {
        const QJsonValue partitions = requested.properties.value(QLatin1String("partitionCount"));
        if (!partitions.isUndefined() && !ArmExpression::isExpressionValue(partitions) &&
            (!partitions.isDouble() || partitions.toInt() < 1 || partitions.toInt() > 32 ||
             partitions.toDouble() != double(partitions.toInt()))) {
            problems << problem(QStringLiteral("InvalidPartitionCount"),
                                tr("The partition count %1 is not valid; an Event Hub has 1 to 32 partitions.")
                                    .arg(ArmExpression::toText(partitions)),
                                QStringLiteral("properties.partitionCount"));
        }
        const QJsonValue retention = requested.properties.value(QLatin1String("messageRetentionInDays"));
        if (!retention.isUndefined() && !ArmExpression::isExpressionValue(retention) &&
            (!retention.isDouble() || retention.toInt() < 1 || retention.toInt() > 90)) {
            problems << problem(QStringLiteral("InvalidMessageRetention"),
                                tr("The message retention %1 is not valid; use 1 to 7 days (90 on Premium).")
                                    .arg(ArmExpression::toText(retention)),
                                QStringLiteral("properties.messageRetentionInDays"));
        }
    }
    if (isRule(requested)) {
        const QJsonValue rights = requested.properties.value(QLatin1String("rights"));
        if (!ArmExpression::isExpressionValue(rights)) {
            QStringList names;
            bool valid = rights.isArray() && !rights.toArray().isEmpty();
            for (const QJsonValue &right : rights.toArray()) {
                const QString text = right.toString();
                if (text != QLatin1String("Listen") && text != QLatin1String("Send") && text != QLatin1String("Manage"))
                    valid = false;
                names << text;
            }
            if (!valid) {
                problems << problem(QStringLiteral("InvalidRights"),
                                    tr("The rights of authorization rule '%1' must be a non-empty list of Listen, Send "
                                       "and Manage.")
                                        .arg(name),
                                    QStringLiteral("properties.rights"));
            } else if (names.contains(QStringLiteral("Manage")) &&
                       (!names.contains(QStringLiteral("Listen")) || !names.contains(QStringLiteral("Send")))) {
                problems << problem(QStringLiteral("InvalidRights"),
                                    tr("The authorization rule '%1' has Manage without Listen and Send; Manage needs "
                                       "both.")
                                        .arg(name),
                                    QStringLiteral("properties.rights"));
            }
        }
    }
    return problems;
}

Result<ArmResource> EventHubProvider::apply(const ArmResource &requested, const ArmResource *existing)
{
    const QList<CloudError> problems = validate(requested);
    if (!problems.isEmpty())
        return ArmErrors::fromCloudError(400, problems.constFirst());

    ArmResource stored = requested;
    if (existing)
        stored.secrets = existing->secrets;
    QJsonObject properties = requested.properties;
    properties.insert(QStringLiteral("provisioningState"), QStringLiteral("Succeeded"));

    if (requested.isTypeOf(NamespaceType)) {
        const QString sku = requested.sku.value(QLatin1String("name")).toString();
        stored.sku =
            QJsonObject {{QStringLiteral("name"), sku},
                         {QStringLiteral("tier"), sku},
                         {QStringLiteral("capacity"), requested.sku.value(QLatin1String("capacity")).toInt(1)}};
        properties.insert(QStringLiteral("serviceBusEndpoint"),
                          QStringLiteral("https://%1.servicebus.windows.net:443/").arg(requested.name));
        properties.insert(QStringLiteral("status"), QStringLiteral("Active"));
        properties.insert(QStringLiteral("metricId"),
                          QStringLiteral("%1:%2").arg(requested.subscriptionId, requested.name));
        if (!existing) {
            // Azure gives every namespace this rule.
            ArmResource root;
            root.type = QLatin1String(NamespaceRuleType);
            root.name = requested.name + QStringLiteral("/RootManageSharedAccessKey");
            root.id = requested.id + QStringLiteral("/authorizationRules/RootManageSharedAccessKey");
            root.subscriptionId = requested.subscriptionId;
            root.resourceGroup = requested.resourceGroup;
            root.location = requested.location;
            root.apiVersion = requested.apiVersion;
            root.properties =
                QJsonObject {{QStringLiteral("rights"),
                              QJsonArray {QStringLiteral("Listen"), QStringLiteral("Manage"), QStringLiteral("Send")}},
                             {QStringLiteral("provisioningState"), QStringLiteral("Succeeded")}};
            root.secrets = QJsonObject {{QStringLiteral("primaryKey"), randomKey()},
                                        {QStringLiteral("secondaryKey"), randomKey()}};
            root.createdTime = requested.createdTime;
            root.changedTime = requested.changedTime;
            store()->put(root);
        }
    } else if (requested.isTypeOf(EventHubType)) {
        const ArmResource *space = store()->find(requested.parentId());
        const bool basic = space && space->sku.value(QLatin1String("name")).toString() == QLatin1String("Basic");
        const int retention = properties.value(QLatin1String("messageRetentionInDays")).toInt(basic ? 1 : 7);
        if (basic && retention > 1) {
            return ArmErrors::make(400, QStringLiteral("InvalidMessageRetention"),
                                   tr("A Basic namespace keeps messages for 1 day at most, not %1.").arg(retention),
                                   QStringLiteral("properties.messageRetentionInDays"));
        }
        const int partitions = properties.value(QLatin1String("partitionCount")).toInt(4);
        properties.insert(QStringLiteral("partitionCount"), partitions);
        properties.insert(QStringLiteral("messageRetentionInDays"), retention);
        QJsonArray ids;
        for (int i = 0; i < partitions; ++i)
            ids << QString::number(i);
        properties.insert(QStringLiteral("partitionIds"), ids);
        properties.insert(QStringLiteral("status"), QStringLiteral("Active"));
    } else if (isRule(requested)) {
        if (!stored.secrets.contains(QLatin1String("primaryKey")))
            stored.secrets.insert(QStringLiteral("primaryKey"), randomKey());
        if (!stored.secrets.contains(QLatin1String("secondaryKey")))
            stored.secrets.insert(QStringLiteral("secondaryKey"), randomKey());
    } else if (requested.isTypeOf(ConsumerGroupType)) {
        const ArmResource *eventHub = store()->find(requested.parentId());
        const ArmResource *space = eventHub ? store()->find(eventHub->parentId()) : nullptr;
        if (space && space->sku.value(QLatin1String("name")).toString() == QLatin1String("Basic") &&
            requested.shortName() != QLatin1String("$Default")) {
            return ArmErrors::make(400, QStringLiteral("QuotaExceeded"),
                                   tr("A Basic namespace allows only the $Default consumer group."), requested.name);
        }
    }
    stored.properties = properties;
    return stored;
}

Result<QJsonValue> EventHubProvider::action(const ArmResource &resource, const QString &action) const
{
    if (!isRule(resource) || action.compare(QLatin1String("listKeys"), Qt::CaseInsensitive) != 0)
        return ArmResourceProvider::action(resource, action);
    const QStringList names = resource.name.split(QLatin1Char('/'));
    const QString namespaceName = names.value(0);
    const QString entity = resource.isTypeOf(EventHubRuleType) ? names.value(1) : QString();
    const QString keyName = resource.shortName();
    const QString primary = resource.secrets.value(QLatin1String("primaryKey")).toString();
    const QString secondary = resource.secrets.value(QLatin1String("secondaryKey")).toString();
    QJsonObject keys {
        {QStringLiteral("primaryConnectionString"),
         ArmHubWiring::EventHubConnection::make(namespaceName, keyName, primary, entity)},
        {QStringLiteral("secondaryConnectionString"),
         ArmHubWiring::EventHubConnection::make(namespaceName, keyName, secondary, entity)},
        {QStringLiteral("primaryKey"), primary},
        {QStringLiteral("secondaryKey"), secondary},
        {QStringLiteral("keyName"), keyName},
    };
    return QJsonValue(keys);
}

} // namespace TwinBridge::Sandbox
