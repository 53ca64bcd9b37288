#include "services/iothub/ImportDevice.h"

#include "services/iothub/DeviceTwin.h"
#include "services/protocol/JsonFieldReader.h"

namespace TwinBridge {

namespace {

constexpr QLatin1String IdKey("id");
constexpr QLatin1String ModuleIdKey("moduleId");
constexpr QLatin1String ImportModeKey("importMode");
constexpr QLatin1String StatusKey("status");
constexpr QLatin1String StatusReasonKey("statusReason");
constexpr QLatin1String AuthenticationKey("authentication");
constexpr QLatin1String ETagKey("eTag");
constexpr QLatin1String TwinETagKey("twinETag");

constexpr ImportDevice::Mode AllModes[] = {
    ImportDevice::Mode::Create,
    ImportDevice::Mode::Update,
    ImportDevice::Mode::UpdateIfMatchETag,
    ImportDevice::Mode::Delete,
    ImportDevice::Mode::DeleteIfMatchETag,
    ImportDevice::Mode::UpdateTwin,
    ImportDevice::Mode::UpdateTwinIfMatchETag,
    ImportDevice::Mode::CreateOrUpdate,
    ImportDevice::Mode::CreateOrUpdateIfMatchETag,
};

} // namespace

QString ImportDevice::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Create:
        return QStringLiteral("create");
    case Mode::Update:
        return QStringLiteral("update");
    case Mode::UpdateIfMatchETag:
        return QStringLiteral("updateIfMatchETag");
    case Mode::Delete:
        return QStringLiteral("delete");
    case Mode::DeleteIfMatchETag:
        return QStringLiteral("deleteIfMatchETag");
    case Mode::UpdateTwin:
        return QStringLiteral("updateTwin");
    case Mode::UpdateTwinIfMatchETag:
        return QStringLiteral("updateTwinIfMatchETag");
    case Mode::CreateOrUpdate:
        return QStringLiteral("createOrUpdate");
    case Mode::CreateOrUpdateIfMatchETag:
        return QStringLiteral("createOrUpdateIfMatchETag");
    }
    return QStringLiteral("create");
}

std::optional<ImportDevice::Mode> ImportDevice::parseMode(const QString &name)
{
    for (Mode mode : AllModes) {
        if (name.compare(modeName(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

bool ImportDevice::modeNeedsEtag(Mode mode)
{
    switch (mode) {
    case Mode::UpdateIfMatchETag:
    case Mode::DeleteIfMatchETag:
    case Mode::UpdateTwinIfMatchETag:
    case Mode::CreateOrUpdateIfMatchETag:
        return true;
    default:
        return false;
    }
}

ImportDevice ImportDevice::fromIdentity(const DeviceIdentity &device, Mode mode)
{
    ImportDevice entry;
    entry.id = device.deviceId;
    entry.importMode = mode;
    entry.status = device.status;
    entry.statusReason = device.statusReason;
    entry.authentication = device.authentication;
    entry.eTag = device.etag;
    entry.iotEdge = device.iotEdge;
    entry.deviceScope = device.deviceScope;
    entry.parentScopes = device.parentScopes;
    return entry;
}

ImportDevice ImportDevice::deletion(const QString &deviceId, const QString &etag)
{
    ImportDevice entry;
    entry.id = deviceId;
    entry.importMode = etag.isEmpty() ? Mode::Delete : Mode::DeleteIfMatchETag;
    entry.eTag = etag;
    return entry;
}

QJsonObject ImportDevice::toJson() const
{
    QJsonObject object;
    object.insert(IdKey, id);
    if (!moduleId.isEmpty())
        object.insert(ModuleIdKey, moduleId);
    object.insert(ImportModeKey, modeName(importMode));
    if (status)
        object.insert(StatusKey, DeviceIdentity::statusName(*status));
    if (!statusReason.isEmpty())
        object.insert(StatusReasonKey, statusReason);
    if (authentication)
        object.insert(AuthenticationKey, authentication->toJson());
    if (!eTag.isEmpty())
        object.insert(ETagKey, eTag);
    if (!twinETag.isEmpty())
        object.insert(TwinETagKey, twinETag);
    DeviceTwin::writeSections(object, {tags, desired, reported});
    DeviceIdentity::writeEdgeScope(object, {iotEdge, deviceScope, parentScopes});
    return object;
}

Result<ImportDevice> ImportDevice::fromJson(const QJsonObject &object)
{
    JsonFieldReader reader(
        object,
        {.errorCode = QStringLiteral("InvalidJsonField"), .errorContext = tr("The bulk registry entry is not valid.")});
    ImportDevice entry;
    entry.id = reader.string(IdKey);
    if (reader.ok() && entry.id.isEmpty())
        reader.fail(reader.memberPath(IdKey), tr("must be a device id (it is required)."));
    entry.moduleId = reader.string(ModuleIdKey);
    const QString mode = reader.string(ImportModeKey);
    if (!mode.isEmpty()) {
        if (const auto parsed = parseMode(mode))
            entry.importMode = *parsed;
        else
            reader.fail(reader.memberPath(ImportModeKey),
                        tr("must be an import mode such as \"create\", \"update\" or \"delete\"."));
    }
    entry.status = DeviceIdentity::readStatus(reader);
    entry.statusReason = reader.string(StatusReasonKey);
    if (reader.has(AuthenticationKey)) {
        JsonFieldReader authentication = reader.child(AuthenticationKey);
        entry.authentication = DeviceAuthentication::read(authentication);
    }
    entry.eTag = reader.string(ETagKey);
    entry.twinETag = reader.string(TwinETagKey);
    const DeviceTwin::Sections sections = DeviceTwin::readSections(reader);
    entry.tags = sections.tags;
    entry.desired = sections.desired;
    entry.reported = sections.reported;
    const DeviceIdentity::EdgeScope scope = DeviceIdentity::readEdgeScope(reader);
    entry.iotEdge = scope.iotEdge;
    entry.deviceScope = scope.deviceScope;
    entry.parentScopes = scope.parentScopes;
    if (!reader.ok())
        return reader.error();
    return entry;
}

} // namespace TwinBridge
