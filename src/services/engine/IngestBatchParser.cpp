#include "services/engine/IngestBatchParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

namespace TwinBridge {

namespace {

const QString ErrorCode = QStringLiteral("InvalidIngestBatch");
constexpr int MaxDeviceIdLength = 128; // IoT Hub's limit for device ids

ServiceError invalid(const QString &path, const QString &problem)
{
    ServiceError error =
        ServiceError::invalidInput(path.isEmpty() ? problem : path + QStringLiteral(": ") + problem, ErrorCode);
    error.setHttpStatus(400);
    error.setPayload(QJsonObject {{QStringLiteral("path"), path}});
    return error;
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace

Result<QList<IngestEvent>> IngestBatchParser::parse(const QByteArray &body, const QString &applicationId)
{
    if (body.trimmed().isEmpty())
        return invalid(QString(), tr("The request body is empty; send {\"events\":[…]} as JSON."));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return invalid(QString(),
                       tr("The request body is not valid JSON (%1 at byte %2).")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    }
    if (!document.isObject())
        return invalid(QString(), tr("The request body must be a JSON object with an \"events\" array."));

    const QJsonObject root = document.object();
    const QJsonValue eventsValue = root.value(QStringLiteral("events"));
    if (eventsValue.isUndefined())
        return invalid(QStringLiteral("events"), tr("missing; the body must be {\"events\":[…]}."));
    if (!eventsValue.isArray())
        return invalid(QStringLiteral("events"), tr("must be an array, not %1.").arg(typeName(eventsValue)));
    const QJsonArray events = eventsValue.toArray();
    if (events.isEmpty())
        return invalid(QStringLiteral("events"), tr("must contain at least one event."));
    if (events.size() > MaxEvents) {
        return invalid(QStringLiteral("events"),
                       tr("at most %1 events per request, this one has %2.").arg(MaxEvents).arg(events.size()));
    }

    QList<IngestEvent> result;
    result.reserve(events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QString path = QStringLiteral("events[%1]").arg(i);
        const QJsonValue item = events.at(i);
        if (!item.isObject())
            return invalid(path, tr("must be an object, not %1.").arg(typeName(item)));
        const QJsonObject object = item.toObject();

        IngestEvent event;
        event.applicationId = applicationId;

        const QString idsPath = path + QStringLiteral(".end_device_ids");
        const QJsonValue ids = object.value(QStringLiteral("end_device_ids"));
        if (ids.isUndefined())
            return invalid(idsPath, tr("missing; every event names its device."));
        if (!ids.isObject())
            return invalid(idsPath, tr("must be an object, not %1.").arg(typeName(ids)));
        event.endDeviceIds = ids.toObject();

        const QJsonValue deviceId = event.endDeviceIds.value(QStringLiteral("device_id"));
        const QString deviceIdPath = idsPath + QStringLiteral(".device_id");
        if (deviceId.isUndefined())
            return invalid(deviceIdPath, tr("missing."));
        if (!deviceId.isString())
            return invalid(deviceIdPath, tr("must be a string, not %1.").arg(typeName(deviceId)));
        event.deviceId = deviceId.toString();
        if (event.deviceId.isEmpty())
            return invalid(deviceIdPath, tr("must not be empty."));
        if (event.deviceId.size() > MaxDeviceIdLength)
            return invalid(deviceIdPath, tr("longer than %1 characters.").arg(MaxDeviceIdLength));

        const QJsonValue applicationIds = event.endDeviceIds.value(QStringLiteral("application_ids"));
        if (!applicationIds.isUndefined()) {
            const QString appPath = idsPath + QStringLiteral(".application_ids");
            if (!applicationIds.isObject())
                return invalid(appPath, tr("must be an object, not %1.").arg(typeName(applicationIds)));
            const QJsonValue appId = applicationIds.toObject().value(QStringLiteral("application_id"));
            if (!appId.isUndefined()) {
                if (!appId.isString()) {
                    return invalid(appPath + QStringLiteral(".application_id"),
                                   tr("must be a string, not %1.").arg(typeName(appId)));
                }
                if (appId.toString() != applicationId) {
                    return invalid(appPath + QStringLiteral(".application_id"),
                                   tr("\"%1\" is not the application of the request path, \"%2\".")
                                       .arg(appId.toString().left(64), applicationId));
                }
            }
        }

        const QJsonValue bodyValue = object.value(QStringLiteral("body"));
        const QString bodyPath = path + QStringLiteral(".body");
        if (bodyValue.isUndefined())
            return invalid(bodyPath, tr("missing; it carries the IoT Hub notification."));
        if (!bodyValue.isObject())
            return invalid(bodyPath, tr("must be an object, not %1.").arg(typeName(bodyValue)));
        event.body = bodyValue.toObject();

        const QJsonValue propertiesValue = object.value(QStringLiteral("properties"));
        const QString propertiesPath = path + QStringLiteral(".properties");
        if (propertiesValue.isUndefined())
            return invalid(propertiesPath, tr("missing; it carries the IoT Hub application properties (opType, …)."));
        if (!propertiesValue.isObject())
            return invalid(propertiesPath, tr("must be an object, not %1.").arg(typeName(propertiesValue)));
        event.properties = propertiesValue.toObject();

        const QJsonValue opType = event.properties.value(QStringLiteral("opType"));
        const QString opTypePath = propertiesPath + QStringLiteral(".opType");
        if (opType.isUndefined())
            return invalid(opTypePath, tr("missing."));
        if (!opType.isString())
            return invalid(opTypePath, tr("must be a string, not %1.").arg(typeName(opType)));
        if (IngestEvent::operationFromName(opType.toString()) == IngestEvent::Operation::Unknown) {
            return invalid(opTypePath,
                           tr("\"%1\" is not one of createDeviceIdentity, deleteDeviceIdentity, updateTwin, "
                              "replaceTwin.")
                               .arg(opType.toString().left(64)));
        }

        const QJsonValue propertyDeviceId = event.properties.value(QStringLiteral("deviceId"));
        if (!propertyDeviceId.isUndefined()) {
            const QString propertyPath = propertiesPath + QStringLiteral(".deviceId");
            if (!propertyDeviceId.isString())
                return invalid(propertyPath, tr("must be a string, not %1.").arg(typeName(propertyDeviceId)));
            if (propertyDeviceId.toString() != event.deviceId) {
                return invalid(propertyPath,
                               tr("\"%1\" differs from end_device_ids.device_id \"%2\".")
                                   .arg(propertyDeviceId.toString().left(MaxDeviceIdLength), event.deviceId));
            }
        }
        result.append(event);
    }
    return result;
}

} // namespace TwinBridge
