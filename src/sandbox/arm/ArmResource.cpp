#include "sandbox/arm/ArmResource.h"

#include "sandbox/hub/TwinState.h"

#include <QStringList>

namespace TwinBridge::Sandbox {

QString ArmResource::parentId() const
{
    if (!name.contains(QLatin1Char('/')))
        return {};
    return id.section(QLatin1Char('/'), 0, -3);
}

QString ArmResource::makeId(const QString &subscriptionId, const QString &resourceGroup, const QString &type,
                            const QString &name)
{
    const QStringList types = type.split(QLatin1Char('/'));
    const QStringList names = name.split(QLatin1Char('/'));
    QString id = QStringLiteral("/subscriptions/%1/resourceGroups/%2/providers/%3")
                     .arg(subscriptionId, resourceGroup, types.value(0));
    for (qsizetype i = 1; i < types.size(); ++i)
        id += QLatin1Char('/') + types.at(i) + QLatin1Char('/') + names.value(i - 1);
    return id;
}

ArmResource ArmResource::fromDefinition(const QJsonObject &definition, const QString &id, const QString &subscriptionId,
                                        const QString &resourceGroup)
{
    ArmResource resource;
    resource.id = id;
    resource.type = definition.value(QLatin1String("type")).toString();
    resource.name = definition.value(QLatin1String("name")).toString();
    resource.apiVersion = definition.value(QLatin1String("apiVersion")).toString();
    resource.subscriptionId = subscriptionId;
    resource.resourceGroup = resourceGroup;
    resource.location = definition.value(QLatin1String("location")).toString();
    resource.kind = definition.value(QLatin1String("kind")).toString();
    resource.sku = definition.value(QLatin1String("sku")).toObject();
    resource.tags = definition.value(QLatin1String("tags")).toObject();
    resource.properties = definition.value(QLatin1String("properties")).toObject();
    return resource;
}

QJsonObject ArmResource::toJson() const
{
    QJsonObject json {
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), shortName()},
        {QStringLiteral("type"), type},
    };
    if (!location.isEmpty())
        json.insert(QStringLiteral("location"), location);
    if (!kind.isEmpty())
        json.insert(QStringLiteral("kind"), kind);
    if (!sku.isEmpty())
        json.insert(QStringLiteral("sku"), sku);
    if (!tags.isEmpty() || !parentId().isEmpty())
        json.insert(QStringLiteral("tags"), tags);
    json.insert(QStringLiteral("properties"), properties);
    json.insert(QStringLiteral("systemData"),
                QJsonObject {{QStringLiteral("createdAt"), TwinState::timestampText(createdTime)},
                             {QStringLiteral("lastModifiedAt"), TwinState::timestampText(changedTime)}});
    return json;
}

QJsonObject ArmResource::toState() const
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), type},
        {QStringLiteral("name"), name},
        {QStringLiteral("subscriptionId"), subscriptionId},
        {QStringLiteral("resourceGroup"), resourceGroup},
        {QStringLiteral("location"), location},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("sku"), sku},
        {QStringLiteral("tags"), tags},
        {QStringLiteral("properties"), properties},
        {QStringLiteral("apiVersion"), apiVersion},
        {QStringLiteral("secrets"), secrets},
        {QStringLiteral("createdTime"), createdTime.toString(Qt::ISODateWithMs)},
        {QStringLiteral("changedTime"), changedTime.toString(Qt::ISODateWithMs)},
    };
}

std::optional<ArmResource> ArmResource::fromState(const QJsonObject &state)
{
    ArmResource resource;
    resource.id = state.value(QLatin1String("id")).toString();
    resource.type = state.value(QLatin1String("type")).toString();
    resource.name = state.value(QLatin1String("name")).toString();
    resource.subscriptionId = state.value(QLatin1String("subscriptionId")).toString();
    resource.resourceGroup = state.value(QLatin1String("resourceGroup")).toString();
    resource.location = state.value(QLatin1String("location")).toString();
    resource.kind = state.value(QLatin1String("kind")).toString();
    resource.sku = state.value(QLatin1String("sku")).toObject();
    resource.tags = state.value(QLatin1String("tags")).toObject();
    resource.properties = state.value(QLatin1String("properties")).toObject();
    resource.apiVersion = state.value(QLatin1String("apiVersion")).toString();
    resource.secrets = state.value(QLatin1String("secrets")).toObject();
    resource.createdTime =
        QDateTime::fromString(state.value(QLatin1String("createdTime")).toString(), Qt::ISODateWithMs);
    resource.changedTime =
        QDateTime::fromString(state.value(QLatin1String("changedTime")).toString(), Qt::ISODateWithMs);
    if (resource.id.isEmpty() || resource.type.isEmpty() || resource.name.isEmpty() || resource.resourceGroup.isEmpty())
        return std::nullopt;
    return resource;
}

} // namespace TwinBridge::Sandbox
