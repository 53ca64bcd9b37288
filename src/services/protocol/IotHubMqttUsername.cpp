#include "services/protocol/IotHubMqttUsername.h"

#include "services/protocol/IotHubNames.h"
#include "services/protocol/PercentEncoding.h"

namespace TwinBridge {

namespace {

ServiceError malformed(const QString &why)
{
    return ServiceError::invalidInput(
        IotHubMqttUsername::tr("The MQTT user name is not one IoT Hub accepts: %1").arg(why),
        QStringLiteral("InvalidMqttUsername"));
}

const QLatin1String ApiVersionKey("api-version");
const QLatin1String DeviceClientTypeKey("DeviceClientType");
const QLatin1String ModelIdKey("model-id");

} // namespace

QString IotHubMqttUsername::toString() const
{
    QString result = hostName + QLatin1Char('/') + deviceId + QLatin1Char('/');
    if (!moduleId.isEmpty())
        result += moduleId + QLatin1Char('/');
    MessagePropertyBag parameters;
    parameters.set(ApiVersionKey, apiVersion.isEmpty() ? QString::fromLatin1(DefaultApiVersion) : apiVersion);
    if (!deviceClientType.isEmpty())
        parameters.set(DeviceClientTypeKey, deviceClientType);
    if (!modelId.isEmpty())
        parameters.set(ModelIdKey, modelId);
    for (const MessagePropertyBag::Property &property : otherParameters.properties()) {
        if (!parameters.contains(property.name))
            parameters.set(property.name, property.value);
    }
    return result + QLatin1Char('?') + parameters.toString();
}

QString IotHubMqttUsername::build(const QString &hostName, const QString &deviceId, const QString &deviceClientType,
                                  const QString &modelId)
{
    IotHubMqttUsername username;
    username.hostName = hostName;
    username.deviceId = deviceId;
    username.deviceClientType = deviceClientType;
    username.modelId = modelId;
    return username.toString();
}

Result<IotHubMqttUsername> IotHubMqttUsername::parse(QStringView username)
{
    if (username.isEmpty())
        return malformed(tr("it is empty."));
    QStringView path = username;
    QStringView query;
    const qsizetype question = username.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        path = username.left(question);
        query = username.mid(question + 1);
    }
    QList<QStringView> segments = path.split(QLatin1Char('/'));
    // The old C SDK form `{host}/{dev}/api-version=…&…` has no '?': its parameters are the last segment.
    if (question < 0 && segments.size() >= 3 && segments.last().contains(QLatin1Char('='))) {
        query = segments.takeLast();
        segments.append(QStringView()); // as if it had ended with '/'
    }
    if (segments.size() >= 2 && segments.last().isEmpty())
        segments.removeLast(); // the '/' before '?'
    if (segments.size() < 2)
        return malformed(tr("it must have the form {host}/{deviceId}/?api-version=…."));
    if (segments.size() > 3)
        return malformed(tr("it has more path segments than {host}/{deviceId}/{moduleId}/."));

    IotHubMqttUsername result;
    result.hostName = segments.at(0).toString();
    const Status hostOk = IotHubNames::checkHostName(result.hostName, tr("host name"));
    if (!hostOk)
        return malformed(hostOk.error().message());
    result.deviceId = segments.at(1).toString();
    const Status deviceOk = IotHubNames::checkDeviceId(result.deviceId, tr("device id"));
    if (!deviceOk)
        return malformed(deviceOk.error().message());
    if (segments.size() == 3) {
        result.moduleId = segments.at(2).toString();
        const Status moduleOk = IotHubNames::checkDeviceId(result.moduleId, tr("module id"));
        if (!moduleOk)
            return malformed(moduleOk.error().message());
    }

    auto parameters = MessagePropertyBag::parse(query);
    if (!parameters)
        return malformed(parameters.error().message());
    for (const MessagePropertyBag::Property &property : parameters.value().properties()) {
        const QString value = property.value.value_or(QString());
        if (property.name == ApiVersionKey) {
            if (value.isEmpty())
                return malformed(tr("api-version is empty."));
            result.apiVersion = value;
        } else if (property.name == DeviceClientTypeKey) {
            result.deviceClientType = value;
        } else if (property.name == ModelIdKey) {
            result.modelId = value;
        } else {
            result.otherParameters.set(property.name, property.value);
        }
    }
    return result;
}

} // namespace TwinBridge
