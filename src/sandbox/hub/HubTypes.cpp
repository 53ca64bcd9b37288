#include "sandbox/hub/HubTypes.h"

#include "sandbox/hub/TwinState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace TwinBridge::Sandbox {

namespace {

struct RightName
{
    HubRight right;
    const char *name;
};

constexpr RightName RightNames[] = {
    {HubRight::RegistryRead, "RegistryRead"},
    {HubRight::RegistryWrite, "RegistryWrite"},
    {HubRight::ServiceConnect, "ServiceConnect"},
    {HubRight::DeviceConnect, "DeviceConnect"},
};

QString sourceName(RoutingSource source)
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

QString timeOrEmpty(const QDateTime &time)
{
    return time.isValid() ? TwinState::timestampText(time) : QString();
}

} // namespace

QString SharedAccessPolicy::rightsText(HubRights rights)
{
    QStringList names;
    for (const RightName &entry : RightNames) {
        if (rights.testFlag(entry.right))
            names.append(QLatin1String(entry.name));
    }
    return names.join(QStringLiteral(", "));
}

std::optional<HubRights> SharedAccessPolicy::parseRights(const QString &text)
{
    HubRights rights;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return std::nullopt;
    for (const QString &part : parts) {
        const QString name = part.trimmed();
        bool known = false;
        for (const RightName &entry : RightNames) {
            if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0) {
                rights |= entry.right;
                known = true;
            }
        }
        if (!known)
            return std::nullopt;
    }
    return rights;
}

QJsonObject HubMessage::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("source"), sourceName(source));
    object.insert(QStringLiteral("hubName"), hubName);
    object.insert(QStringLiteral("deviceId"), deviceId);
    object.insert(QStringLiteral("sequenceNumber"), sequenceNumber);
    object.insert(QStringLiteral("enqueuedTime"), timeOrEmpty(enqueuedTime));
    if (!topic.isEmpty())
        object.insert(QStringLiteral("topic"), topic);
    // The body as JSON when it is JSON (the usual case), otherwise as text and as base64.
    QJsonParseError error {};
    const QJsonDocument document = bodyJson ? QJsonDocument(*bodyJson) : QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && (document.isObject() || document.isArray())) {
        object.insert(QStringLiteral("body"),
                      document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()));
    } else {
        object.insert(QStringLiteral("bodyText"), QString::fromUtf8(body));
        object.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(body.toBase64()));
    }
    object.insert(QStringLiteral("applicationProperties"), QJsonObject::fromVariantMap(applicationProperties));
    object.insert(QStringLiteral("systemProperties"), QJsonObject::fromVariantMap(systemProperties));
    return object;
}

QByteArray HubMessage::bodyBytes() const
{
    if (body.isEmpty() && bodyJson)
        return QJsonDocument(*bodyJson).toJson(QJsonDocument::Compact);
    return body;
}

HubMessage HubMessage::materialized() const
{
    HubMessage copy = *this;
    if (copy.bodyJson) {
        copy.body = bodyBytes();
        copy.bodyJson.reset();
    }
    return copy;
}

QJsonObject HubFaults::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("throttleTwinUntil"), timeOrEmpty(throttleTwinUntil));
    object.insert(QStringLiteral("throttleRegistryUntil"), timeOrEmpty(throttleRegistryUntil));
    object.insert(QStringLiteral("outageUntil"), timeOrEmpty(outageUntil));
    object.insert(QStringLiteral("addedLatencyMs"), addedLatencyMs);
    return object;
}

QJsonObject HubMetrics::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("connectedDevices"), connectedDevices);
    object.insert(QStringLiteral("connects"), qint64(connects));
    object.insert(QStringLiteral("connectsRefused"), qint64(connectsRefused));
    object.insert(QStringLiteral("deviceToCloudMessages"), qint64(deviceToCloudMessages));
    object.insert(QStringLiteral("twinGets"), qint64(twinGets));
    object.insert(QStringLiteral("reportedPatches"), qint64(reportedPatches));
    object.insert(QStringLiteral("desiredPatches"), qint64(desiredPatches));
    object.insert(QStringLiteral("registryOperations"), qint64(registryOperations));
    object.insert(QStringLiteral("throttled"), qint64(throttled));
    object.insert(QStringLiteral("eventsDelivered"), qint64(eventsDelivered));
    object.insert(QStringLiteral("eventsPending"), qint64(eventsPending));
    return object;
}

} // namespace TwinBridge::Sandbox
