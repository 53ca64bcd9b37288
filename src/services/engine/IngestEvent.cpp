#include "services/engine/IngestEvent.h"

#include <QJsonValue>

namespace TwinBridge {

namespace {

QString stringProperty(const QJsonObject &properties, const QString &name)
{
    return properties.value(name).toString();
}

} // namespace

IngestEvent::Operation IngestEvent::operation() const
{
    return operationFromName(opType());
}

QString IngestEvent::opType() const
{
    return stringProperty(properties, QStringLiteral("opType"));
}

QString IngestEvent::hubName() const
{
    return stringProperty(properties, QStringLiteral("hubName"));
}

QDateTime IngestEvent::operationTimestamp() const
{
    return QDateTime::fromString(stringProperty(properties, QStringLiteral("operationTimestamp")), Qt::ISODateWithMs);
}

IngestEvent::Operation IngestEvent::operationFromName(const QString &opType)
{
    if (opType == QLatin1String("createDeviceIdentity"))
        return Operation::CreateDeviceIdentity;
    if (opType == QLatin1String("deleteDeviceIdentity"))
        return Operation::DeleteDeviceIdentity;
    if (opType == QLatin1String("updateTwin"))
        return Operation::UpdateTwin;
    if (opType == QLatin1String("replaceTwin"))
        return Operation::ReplaceTwin;
    return Operation::Unknown;
}

QString IngestEvent::operationName(Operation operation)
{
    switch (operation) {
    case Operation::CreateDeviceIdentity:
        return QStringLiteral("createDeviceIdentity");
    case Operation::DeleteDeviceIdentity:
        return QStringLiteral("deleteDeviceIdentity");
    case Operation::UpdateTwin:
        return QStringLiteral("updateTwin");
    case Operation::ReplaceTwin:
        return QStringLiteral("replaceTwin");
    case Operation::Unknown:
        break;
    }
    return QString();
}

QJsonObject IngestEvent::toJson() const
{
    return QJsonObject {
        {QStringLiteral("application_id"), applicationId},
        {QStringLiteral("end_device_ids"), endDeviceIds},
        {QStringLiteral("body"), body},
        {QStringLiteral("properties"), properties},
    };
}

Result<IngestEvent> IngestEvent::fromJson(const QJsonObject &object)
{
    IngestEvent event;
    event.applicationId = object.value(QStringLiteral("application_id")).toString();
    event.endDeviceIds = object.value(QStringLiteral("end_device_ids")).toObject();
    event.deviceId = event.endDeviceIds.value(QStringLiteral("device_id")).toString();
    event.body = object.value(QStringLiteral("body")).toObject();
    event.properties = object.value(QStringLiteral("properties")).toObject();
    if (event.applicationId.isEmpty() || event.deviceId.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The stored ingest event has no application or device id; it cannot be processed."),
            QStringLiteral("InvalidIngestEvent"));
    }
    return event;
}

} // namespace TwinBridge
