#include "services/protocol/IotHubSubscription.h"

namespace TwinBridge {

QString IotHubSubscription::filter(Kind kind, const QString &deviceId)
{
    switch (kind) {
    case Kind::CloudToDevice:
        return QStringLiteral("devices/") + deviceId + QStringLiteral("/messages/devicebound/#");
    case Kind::TwinResponses:
        return QStringLiteral("$iothub/twin/res/#");
    case Kind::DesiredPropertyUpdates:
        return QStringLiteral("$iothub/twin/PATCH/properties/desired/#");
    case Kind::DirectMethods:
        return QStringLiteral("$iothub/methods/POST/#");
    }
    return {};
}

Result<IotHubSubscription::Kind> IotHubSubscription::classify(const QString &filter, const QString &deviceId)
{
    for (const Kind kind :
         {Kind::CloudToDevice, Kind::TwinResponses, Kind::DesiredPropertyUpdates, Kind::DirectMethods}) {
        if (kind == Kind::CloudToDevice && deviceId.isEmpty())
            continue;
        if (filter == IotHubSubscription::filter(kind, deviceId))
            return kind;
    }
    QString why;
    if (filter.isEmpty()) {
        why = tr("the topic filter is empty.");
    } else if (filter.startsWith(QLatin1String("devices/")) &&
               filter.endsWith(QLatin1String("/messages/devicebound/#"))) {
        why = tr("a device can only subscribe to its own cloud-to-device messages (devices/%1/messages/devicebound/#).")
                  .arg(deviceId);
    } else if (filter.contains(QLatin1Char('+'))) {
        why = tr("IoT Hub does not support the '+' wildcard.");
    } else if (filter.contains(QLatin1Char('#')) && !filter.endsWith(QLatin1String("/#"))) {
        why = tr("'#' is only accepted as the last level of the filter.");
    } else {
        why = tr("it is not one of the documented filters.");
    }
    return ServiceError::invalidInput(
        tr("IoT Hub rejects the subscription \"%1\": %2 Accepted filters: %3, %4, %5, %6.")
            .arg(filter.left(120), why, IotHubSubscription::filter(Kind::CloudToDevice, deviceId),
                 IotHubSubscription::filter(Kind::TwinResponses),
                 IotHubSubscription::filter(Kind::DesiredPropertyUpdates),
                 IotHubSubscription::filter(Kind::DirectMethods)),
        QStringLiteral("InvalidSubscription"));
}

std::optional<IotHubSubscription::Kind> IotHubSubscription::kindForTopic(IotHubTopic::Kind topicKind)
{
    switch (topicKind) {
    case IotHubTopic::Kind::CloudToDevice:
        return Kind::CloudToDevice;
    case IotHubTopic::Kind::TwinResponse:
        return Kind::TwinResponses;
    case IotHubTopic::Kind::TwinDesiredPatch:
        return Kind::DesiredPropertyUpdates;
    case IotHubTopic::Kind::MethodRequest:
        return Kind::DirectMethods;
    case IotHubTopic::Kind::Telemetry:
    case IotHubTopic::Kind::TwinGet:
    case IotHubTopic::Kind::TwinReportedPatch:
    case IotHubTopic::Kind::MethodResponse:
        return std::nullopt;
    }
    return std::nullopt;
}

QString IotHubSubscription::kindName(Kind kind)
{
    switch (kind) {
    case Kind::CloudToDevice:
        return QStringLiteral("cloudToDevice");
    case Kind::TwinResponses:
        return QStringLiteral("twinResponses");
    case Kind::DesiredPropertyUpdates:
        return QStringLiteral("desiredPropertyUpdates");
    case Kind::DirectMethods:
        return QStringLiteral("directMethods");
    }
    return {};
}

} // namespace TwinBridge
