#include "services/iothub/DeviceTwin.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"

namespace TwinBridge {

namespace {

constexpr QLatin1String DeviceIdKey("deviceId");
constexpr QLatin1String ModuleIdKey("moduleId");
constexpr QLatin1String EtagKey("etag");
constexpr QLatin1String DeviceEtagKey("deviceEtag");
constexpr QLatin1String VersionKey("version");
constexpr QLatin1String StatusKey("status");
constexpr QLatin1String StatusReasonKey("statusReason");
constexpr QLatin1String StatusUpdateTimeKey("statusUpdateTime");
constexpr QLatin1String ConnectionStateKey("connectionState");
constexpr QLatin1String LastActivityTimeKey("lastActivityTime");
constexpr QLatin1String CloudToDeviceMessageCountKey("cloudToDeviceMessageCount");
constexpr QLatin1String AuthenticationTypeKey("authenticationType");
constexpr QLatin1String ThumbprintKey("x509Thumbprint");
constexpr QLatin1String PrimaryThumbprintKey("primaryThumbprint");
constexpr QLatin1String SecondaryThumbprintKey("secondaryThumbprint");
constexpr QLatin1String ModelIdKey("modelId");
constexpr QLatin1String TagsKey("tags");
constexpr QLatin1String PropertiesKey("properties");
constexpr QLatin1String DesiredKey("desired");
constexpr QLatin1String ReportedKey("reported");
constexpr QLatin1String MetadataKey("$metadata");
constexpr QLatin1String SectionVersionKey("$version");

qint64 sectionVersion(const QJsonObject &section)
{
    const QJsonValue value = section.value(SectionVersionKey);
    return value.isDouble() ? qint64(value.toDouble()) : 0;
}

} // namespace

qint64 DeviceTwin::desiredVersion() const
{
    return sectionVersion(desired);
}

qint64 DeviceTwin::reportedVersion() const
{
    return sectionVersion(reported);
}

QJsonObject DeviceTwin::withoutMetadata(const QJsonObject &section)
{
    QJsonObject result = section;
    result.remove(MetadataKey);
    result.remove(SectionVersionKey);
    return result;
}

QJsonObject DeviceTwin::toReplacementJson() const
{
    QJsonObject object;
    object.insert(DeviceIdKey, deviceId);
    object.insert(TagsKey, tags);
    object.insert(PropertiesKey, QJsonObject{{DesiredKey, withoutMetadata(desired)}});
    return object;
}

QJsonObject DeviceTwin::patch(const std::optional<QJsonObject> &tags, const std::optional<QJsonObject> &desired)
{
    QJsonObject object;
    if (tags)
        object.insert(TagsKey, *tags);
    if (desired)
        object.insert(PropertiesKey, QJsonObject{{DesiredKey, *desired}});
    return object;
}

QJsonObject DeviceTwin::toJson() const
{
    QJsonObject object;
    object.insert(DeviceIdKey, deviceId);
    if (!moduleId.isEmpty())
        object.insert(ModuleIdKey, moduleId);
    if (!etag.isEmpty())
        object.insert(EtagKey, etag);
    if (!deviceEtag.isEmpty())
        object.insert(DeviceEtagKey, deviceEtag);
    object.insert(VersionKey, version);
    object.insert(StatusKey, DeviceIdentity::statusName(status));
    if (!statusReason.isEmpty())
        object.insert(StatusReasonKey, statusReason);
    JsonFieldWriter::insertIfSet(object, StatusUpdateTimeKey, statusUpdateTime);
    if (connectionState != DeviceIdentity::ConnectionState::Unknown)
        object.insert(ConnectionStateKey, DeviceIdentity::connectionStateName(connectionState));
    JsonFieldWriter::insertIfSet(object, LastActivityTimeKey, lastActivityTime);
    object.insert(CloudToDeviceMessageCountKey, cloudToDeviceMessageCount);
    if (authenticationType)
        object.insert(AuthenticationTypeKey, DeviceAuthentication::typeName(*authenticationType));
    object.insert(ThumbprintKey,
                  QJsonObject {{PrimaryThumbprintKey, JsonFieldWriter::stringOrNull(primaryThumbprint)},
                               {SecondaryThumbprintKey, JsonFieldWriter::stringOrNull(secondaryThumbprint)}});
    if (!modelId.isEmpty())
        object.insert(ModelIdKey, modelId);
    writeSections(object, {tags, desired, reported});
    DeviceIdentity::writeEdgeScope(object, {iotEdge, deviceScope, parentScopes});
    return object;
}

DeviceTwin::Sections DeviceTwin::readSections(JsonFieldReader &reader)
{
    Sections sections;
    sections.tags = reader.optionalObject(TagsKey);
    JsonFieldReader properties = reader.child(PropertiesKey);
    sections.desired = properties.optionalObject(DesiredKey);
    sections.reported = properties.optionalObject(ReportedKey);
    return sections;
}

void DeviceTwin::writeSections(QJsonObject &object, const Sections &sections)
{
    if (sections.tags)
        object.insert(TagsKey, *sections.tags);
    if (sections.desired || sections.reported) {
        QJsonObject properties;
        if (sections.desired)
            properties.insert(DesiredKey, *sections.desired);
        if (sections.reported)
            properties.insert(ReportedKey, *sections.reported);
        object.insert(PropertiesKey, properties);
    }
}

Result<DeviceTwin> DeviceTwin::fromJson(const QJsonObject &object)
{
    JsonFieldReader reader(
        object, {.errorCode = QStringLiteral("InvalidJsonField"), .errorContext = tr("The device twin is not valid.")});
    DeviceTwin twin;
    twin.deviceId = reader.string(DeviceIdKey);
    twin.moduleId = reader.string(ModuleIdKey);
    twin.etag = reader.string(EtagKey);
    twin.deviceEtag = reader.string(DeviceEtagKey);
    twin.version = reader.integer(VersionKey);
    twin.status = DeviceIdentity::readStatus(reader).value_or(DeviceIdentity::Status::Enabled);
    twin.statusReason = reader.string(StatusReasonKey);
    twin.statusUpdateTime = reader.lenientTimestamp(StatusUpdateTimeKey);
    twin.connectionState = DeviceIdentity::parseConnectionState(reader.string(ConnectionStateKey));
    twin.lastActivityTime = reader.lenientTimestamp(LastActivityTimeKey);
    twin.cloudToDeviceMessageCount = reader.integer(CloudToDeviceMessageCountKey);
    const QString authenticationType = reader.string(AuthenticationTypeKey);
    if (!authenticationType.isEmpty()) {
        twin.authenticationType = DeviceAuthentication::parseType(authenticationType);
        if (!twin.authenticationType) {
            reader.fail(reader.memberPath(AuthenticationTypeKey),
                        tr("must be one of \"sas\", \"selfSigned\", \"certificateAuthority\" or \"none\"."));
        }
    }
    JsonFieldReader thumbprints = reader.child(ThumbprintKey);
    twin.primaryThumbprint = thumbprints.string(PrimaryThumbprintKey);
    twin.secondaryThumbprint = thumbprints.string(SecondaryThumbprintKey);
    twin.modelId = reader.string(ModelIdKey);
    const Sections sections = readSections(reader);
    twin.tags = sections.tags.value_or(QJsonObject());
    twin.desired = sections.desired.value_or(QJsonObject());
    twin.reported = sections.reported.value_or(QJsonObject());
    // "$version" must be a whole number where present: the bridge de-duplicates on it.
    JsonFieldReader properties = reader.child(PropertiesKey);
    JsonFieldReader desired = properties.child(DesiredKey);
    desired.integer(SectionVersionKey);
    desired.optionalObject(MetadataKey);
    JsonFieldReader reported = properties.child(ReportedKey);
    reported.integer(SectionVersionKey);
    reported.optionalObject(MetadataKey);
    const DeviceIdentity::EdgeScope scope = DeviceIdentity::readEdgeScope(reader);
    twin.iotEdge = scope.iotEdge.value_or(false);
    twin.deviceScope = scope.deviceScope;
    twin.parentScopes = scope.parentScopes;
    if (!reader.ok())
        return reader.error();
    return twin;
}

} // namespace TwinBridge
