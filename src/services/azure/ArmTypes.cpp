#include "services/azure/ArmTypes.h"

#include "services/protocol/JsonFieldReader.h"

namespace TwinBridge {

namespace {

QString text(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonObject child(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

QMap<QString, QString> tagsFrom(const QJsonObject &object)
{
    QMap<QString, QString> tags;
    const QJsonObject json = child(object, "tags");
    for (auto it = json.begin(); it != json.end(); ++it)
        tags.insert(it.key(), it.value().toString());
    return tags;
}

QDateTime timestampFrom(const QJsonObject &object)
{
    // ARM writes seven fractional digits ("2019-03-01T00:00:00.1234567Z").
    return JsonFieldReader::parseTimestamp(text(object, "timestamp"), JsonFieldReader::TimestampForm::Lenient);
}

QString lastSegment(const QString &id)
{
    return id.section(QLatin1Char('/'), -1);
}

} // namespace

std::optional<ArmSubscription> ArmSubscription::fromJson(const QJsonObject &object)
{
    ArmSubscription subscription;
    subscription.id = text(object, "id");
    subscription.subscriptionId = text(object, "subscriptionId");
    if (subscription.subscriptionId.isEmpty() && subscription.id.startsWith(QLatin1String("/subscriptions/")))
        subscription.subscriptionId = lastSegment(subscription.id);
    subscription.displayName = text(object, "displayName");
    subscription.tenantId = text(object, "tenantId");
    subscription.state = text(object, "state");
    if (subscription.subscriptionId.isEmpty())
        return std::nullopt;
    if (subscription.displayName.isEmpty())
        subscription.displayName = subscription.subscriptionId;
    return subscription;
}

bool ArmLocation::isPhysicalRegion() const
{
    if (!regionType.isEmpty())
        return regionType == QLatin1String("Physical");
    return type.isEmpty() || type == QLatin1String("Region");
}

std::optional<ArmLocation> ArmLocation::fromJson(const QJsonObject &object)
{
    ArmLocation location;
    location.name = text(object, "name");
    location.displayName = text(object, "displayName");
    location.regionalDisplayName = text(object, "regionalDisplayName");
    location.type = text(object, "type");
    const QJsonObject metadata = child(object, "metadata");
    location.regionType = text(metadata, "regionType");
    location.regionCategory = text(metadata, "regionCategory");
    location.geography = text(metadata, "geography");
    const QJsonArray paired = metadata.value(QLatin1String("pairedRegion")).toArray();
    for (const QJsonValue &region : paired)
        location.pairedRegions.append(region.toObject().value(QLatin1String("name")).toString());
    if (location.name.isEmpty())
        return std::nullopt;
    if (location.displayName.isEmpty())
        location.displayName = location.name;
    return location;
}

std::optional<ArmProvider> ArmProvider::fromJson(const QJsonObject &object)
{
    ArmProvider provider;
    provider.providerNamespace = text(object, "namespace");
    provider.registrationState = text(object, "registrationState");
    if (provider.providerNamespace.isEmpty() || provider.registrationState.isEmpty())
        return std::nullopt;
    return provider;
}

std::optional<NameAvailability> NameAvailability::fromJson(const QJsonObject &object)
{
    const QJsonValue available = object.value(QLatin1String("nameAvailable"));
    if (!available.isBool())
        return std::nullopt;
    NameAvailability result;
    result.nameAvailable = available.toBool();
    result.reason = text(object, "reason");
    result.message = text(object, "message");
    return result;
}

std::optional<ArmResourceGroup> ArmResourceGroup::fromJson(const QJsonObject &object)
{
    ArmResourceGroup group;
    group.id = text(object, "id");
    group.name = text(object, "name");
    group.location = text(object, "location");
    group.provisioningState = text(child(object, "properties"), "provisioningState");
    group.tags = tagsFrom(object);
    if (group.name.isEmpty() || group.location.isEmpty())
        return std::nullopt;
    return group;
}

std::optional<ArmIotHub> ArmIotHub::fromJson(const QJsonObject &object)
{
    ArmIotHub hub;
    hub.id = text(object, "id");
    hub.name = text(object, "name");
    hub.location = text(object, "location");
    const QJsonObject sku = child(object, "sku");
    hub.skuName = text(sku, "name");
    hub.capacity = sku.value(QLatin1String("capacity")).toInt();
    // "/subscriptions/{s}/resourceGroups/{rg}/providers/…": the segment after "resourceGroups" (any case).
    const QStringList segments = hub.id.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i + 1 < segments.size(); ++i) {
        if (segments.at(i).compare(QLatin1String("resourceGroups"), Qt::CaseInsensitive) == 0) {
            hub.resourceGroup = segments.at(i + 1);
            break;
        }
    }
    if (hub.id.isEmpty() || hub.name.isEmpty() || hub.skuName.isEmpty())
        return std::nullopt;
    return hub;
}

QJsonObject ArmDeploymentRequest::toJson() const
{
    QJsonObject parameters;
    for (auto it = parameterValues.begin(); it != parameterValues.end(); ++it)
        parameters.insert(it.key(), QJsonObject {{QStringLiteral("value"), it.value()}});
    QJsonObject properties {
        {QStringLiteral("mode"), mode},
        {QStringLiteral("template"), templateContent},
        {QStringLiteral("parameters"), parameters},
    };
    QJsonObject body {{QStringLiteral("properties"), properties}};
    if (!tags.isEmpty()) {
        QJsonObject json;
        for (auto it = tags.begin(); it != tags.end(); ++it)
            json.insert(it.key(), it.value());
        body.insert(QStringLiteral("tags"), json);
    }
    return body;
}

bool ArmDeployment::isTerminalState(const QString &provisioningState)
{
    return provisioningState == QLatin1String("Succeeded") || provisioningState == QLatin1String("Failed") ||
        provisioningState == QLatin1String("Canceled");
}

bool ArmDeployment::isTerminal() const
{
    return isTerminalState(provisioningState);
}

namespace {

QJsonValue valueOf(const QJsonObject &entries, const QString &name)
{
    const QJsonValue entry = entries.value(name);
    if (!entry.isObject() || !entry.toObject().contains(QLatin1String("value")))
        return QJsonValue(QJsonValue::Null);
    return entry.toObject().value(QLatin1String("value"));
}

} // namespace

QJsonValue ArmDeployment::outputValue(const QString &outputName) const
{
    return valueOf(outputs, outputName);
}

QJsonValue ArmDeployment::parameterValue(const QString &parameterName) const
{
    return valueOf(parameters, parameterName);
}

std::optional<ArmDeployment> ArmDeployment::fromJson(const QJsonObject &object)
{
    const QJsonObject properties = child(object, "properties");
    ArmDeployment deployment;
    deployment.id = text(object, "id");
    deployment.name = text(object, "name");
    deployment.provisioningState = text(properties, "provisioningState");
    deployment.outputs = child(properties, "outputs");
    deployment.parameters = child(properties, "parameters");
    const QJsonArray resources = properties.value(QLatin1String("outputResources")).toArray();
    for (const QJsonValue &resource : resources)
        deployment.outputResources.append(resource.toObject().value(QLatin1String("id")).toString());
    if (properties.value(QLatin1String("error")).isObject())
        deployment.error = CloudError::fromJson(child(properties, "error"));
    deployment.timestamp = timestampFrom(properties);
    deployment.duration = text(properties, "duration");
    deployment.correlationId = text(properties, "correlationId");
    if (deployment.name.isEmpty() && !deployment.id.isEmpty())
        deployment.name = lastSegment(deployment.id);
    if (deployment.provisioningState.isEmpty())
        return std::nullopt;
    return deployment;
}

std::optional<ArmDeploymentValidation> ArmDeploymentValidation::fromJson(const QJsonObject &object)
{
    const QJsonObject properties = child(object, "properties");
    ArmDeploymentValidation validation;
    validation.provisioningState = text(properties, "provisioningState");
    const QJsonArray resources = properties.value(QLatin1String("validatedResources")).toArray();
    for (const QJsonValue &resource : resources)
        validation.validatedResources.append(resource.toObject().value(QLatin1String("id")).toString());
    const QJsonArray diagnostics = properties.value(QLatin1String("diagnostics")).toArray();
    for (const QJsonValue &value : diagnostics) {
        const QJsonObject diagnostic = value.toObject();
        validation.diagnostics.append(
            {text(diagnostic, "level"), text(diagnostic, "code"), text(diagnostic, "message")});
    }
    if (properties.isEmpty())
        return std::nullopt;
    return validation;
}

std::optional<ArmDeploymentOperation> ArmDeploymentOperation::fromJson(const QJsonObject &object)
{
    const QJsonObject properties = child(object, "properties");
    ArmDeploymentOperation operation;
    operation.operationId = text(object, "operationId");
    if (operation.operationId.isEmpty())
        operation.operationId = lastSegment(text(object, "id"));
    operation.provisioningState = text(properties, "provisioningState");
    operation.provisioningOperation = text(properties, "provisioningOperation");
    operation.timestamp = timestampFrom(properties);
    operation.duration = text(properties, "duration");
    operation.statusCode = properties.value(QLatin1String("statusCode")).toVariant().toString();
    const QJsonValue status = properties.value(QLatin1String("statusMessage"));
    if (status.isObject()) {
        const QJsonObject statusObject = status.toObject();
        if (statusObject.value(QLatin1String("error")).isObject())
            operation.error = CloudError::fromJson(statusObject);
        operation.statusMessage = operation.error ? operation.error->innermost().message : text(statusObject, "status");
    } else if (status.isString()) {
        operation.statusMessage = status.toString();
    }
    const QJsonObject target = child(properties, "targetResource");
    operation.targetResource.id = text(target, "id");
    operation.targetResource.resourceType = text(target, "resourceType");
    operation.targetResource.resourceName = text(target, "resourceName");
    if (operation.operationId.isEmpty() || operation.provisioningState.isEmpty())
        return std::nullopt;
    return operation;
}

std::optional<WhatIfChange> WhatIfChange::fromJson(const QJsonObject &object)
{
    WhatIfChange change;
    change.resourceId = text(object, "resourceId");
    change.changeType = text(object, "changeType");
    change.delta = object.value(QLatin1String("delta")).toArray();
    change.before = child(object, "before");
    change.after = child(object, "after");
    if (change.resourceId.isEmpty() || change.changeType.isEmpty())
        return std::nullopt;
    return change;
}

bool IotHubAccessKey::hasRight(const QString &right) const
{
    const QStringList granted = rights.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : granted) {
        if (item.trimmed().compare(right, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<IotHubAccessKey> IotHubAccessKey::fromJson(const QJsonObject &object)
{
    IotHubAccessKey key;
    key.keyName = text(object, "keyName");
    key.primaryKey = text(object, "primaryKey");
    key.secondaryKey = text(object, "secondaryKey");
    key.rights = text(object, "rights");
    if (key.keyName.isEmpty() || key.primaryKey.isEmpty())
        return std::nullopt;
    return key;
}

} // namespace TwinBridge
