#include "services/iothub/DeviceIdentity.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"

#include <QJsonArray>

namespace TwinBridge {

namespace {

constexpr QLatin1String DeviceIdKey("deviceId");
constexpr QLatin1String GenerationIdKey("generationId");
constexpr QLatin1String EtagKey("etag");
constexpr QLatin1String StatusKey("status");
constexpr QLatin1String StatusReasonKey("statusReason");
constexpr QLatin1String ConnectionStateKey("connectionState");
constexpr QLatin1String ConnectionStateUpdatedTimeKey("connectionStateUpdatedTime");
constexpr QLatin1String StatusUpdatedTimeKey("statusUpdatedTime");
constexpr QLatin1String LastActivityTimeKey("lastActivityTime");
constexpr QLatin1String CloudToDeviceMessageCountKey("cloudToDeviceMessageCount");
constexpr QLatin1String AuthenticationKey("authentication");
constexpr QLatin1String CapabilitiesKey("capabilities");
constexpr QLatin1String IotEdgeKey("iotEdge");
constexpr QLatin1String DeviceScopeKey("deviceScope");
constexpr QLatin1String ParentScopesKey("parentScopes");

} // namespace

QString DeviceIdentity::statusName(Status status)
{
    return status == Status::Disabled ? QStringLiteral("disabled") : QStringLiteral("enabled");
}

std::optional<DeviceIdentity::Status> DeviceIdentity::parseStatus(const QString &name)
{
    if (name.compare(QLatin1String("enabled"), Qt::CaseInsensitive) == 0)
        return Status::Enabled;
    if (name.compare(QLatin1String("disabled"), Qt::CaseInsensitive) == 0)
        return Status::Disabled;
    return std::nullopt;
}

QString DeviceIdentity::connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connected:
        return QStringLiteral("Connected");
    case ConnectionState::Disconnected:
        return QStringLiteral("Disconnected");
    case ConnectionState::Unknown:
        break;
    }
    return {};
}

DeviceIdentity::ConnectionState DeviceIdentity::parseConnectionState(const QString &name)
{
    if (name.compare(QLatin1String("Connected"), Qt::CaseInsensitive) == 0)
        return ConnectionState::Connected;
    if (name.compare(QLatin1String("Disconnected"), Qt::CaseInsensitive) == 0)
        return ConnectionState::Disconnected;
    return ConnectionState::Unknown;
}

DeviceIdentity::EdgeScope DeviceIdentity::readEdgeScope(JsonFieldReader &reader)
{
    EdgeScope scope;
    scope.iotEdge = reader.child(CapabilitiesKey).optionalBoolean(IotEdgeKey);
    scope.deviceScope = reader.string(DeviceScopeKey);
    scope.parentScopes = reader.strings(ParentScopesKey);
    return scope;
}

void DeviceIdentity::writeEdgeScope(QJsonObject &object, const EdgeScope &scope)
{
    if (scope.iotEdge)
        object.insert(CapabilitiesKey, QJsonObject {{IotEdgeKey, *scope.iotEdge}});
    if (!scope.deviceScope.isEmpty())
        object.insert(DeviceScopeKey, scope.deviceScope);
    if (!scope.parentScopes.isEmpty())
        object.insert(ParentScopesKey, QJsonArray::fromStringList(scope.parentScopes));
}

std::optional<DeviceIdentity::Status> DeviceIdentity::readStatus(JsonFieldReader &reader)
{
    const QString name = reader.string(StatusKey);
    if (name.isEmpty())
        return std::nullopt;
    const std::optional<Status> status = parseStatus(name);
    if (!status)
        reader.fail(reader.memberPath(StatusKey), tr("must be \"enabled\" or \"disabled\"."));
    return status;
}

TwinBridge::Status DeviceIdentity::validateDeviceId(const QString &deviceId)
{
    return IotHubNames::checkDeviceId(deviceId, tr("device id"));
}

QJsonObject DeviceIdentity::toJson() const
{
    QJsonObject object;
    object.insert(DeviceIdKey, deviceId);
    if (!generationId.isEmpty())
        object.insert(GenerationIdKey, generationId);
    if (!etag.isEmpty())
        object.insert(EtagKey, etag);
    object.insert(StatusKey, statusName(status));
    if (!statusReason.isEmpty())
        object.insert(StatusReasonKey, statusReason);
    if (connectionState != ConnectionState::Unknown)
        object.insert(ConnectionStateKey, connectionStateName(connectionState));
    JsonFieldWriter::insertIfSet(object, ConnectionStateUpdatedTimeKey, connectionStateUpdatedTime);
    JsonFieldWriter::insertIfSet(object, StatusUpdatedTimeKey, statusUpdatedTime);
    JsonFieldWriter::insertIfSet(object, LastActivityTimeKey, lastActivityTime);
    object.insert(CloudToDeviceMessageCountKey, cloudToDeviceMessageCount);
    object.insert(AuthenticationKey, authentication.toJson());
    writeEdgeScope(object, {iotEdge, deviceScope, parentScopes});
    return object;
}

Result<DeviceIdentity> DeviceIdentity::fromJson(const QJsonObject &object)
{
    JsonFieldReader reader(
        object,
        {.errorCode = QStringLiteral("InvalidJsonField"), .errorContext = tr("The device identity is not valid.")});
    DeviceIdentity device;
    device.deviceId = reader.string(DeviceIdKey);
    device.generationId = reader.string(GenerationIdKey);
    device.etag = reader.string(EtagKey);
    device.status = readStatus(reader).value_or(Status::Enabled);
    device.statusReason = reader.string(StatusReasonKey);
    device.connectionState = parseConnectionState(reader.string(ConnectionStateKey));
    device.connectionStateUpdatedTime = reader.lenientTimestamp(ConnectionStateUpdatedTimeKey);
    device.statusUpdatedTime = reader.lenientTimestamp(StatusUpdatedTimeKey);
    device.lastActivityTime = reader.lenientTimestamp(LastActivityTimeKey);
    device.cloudToDeviceMessageCount = reader.integer(CloudToDeviceMessageCountKey);
    JsonFieldReader authentication = reader.child(AuthenticationKey);
    device.authentication = DeviceAuthentication::read(authentication);
    const EdgeScope scope = readEdgeScope(reader);
    device.iotEdge = scope.iotEdge.value_or(false);
    device.deviceScope = scope.deviceScope;
    device.parentScopes = scope.parentScopes;
    if (!reader.ok())
        return reader.error();
    return device;
}

} // namespace TwinBridge
