#include "services/tts/TtsEndDevice.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"
#include "services/tts/TtsError.h"
#include "services/tts/TtsLorawanVersions.h"

#include <QRegularExpression>

namespace TwinBridge {

namespace {

const QString ErrorCode = QStringLiteral("InvalidTtsDevice");

QJsonValue valueAt(const QJsonObject &object, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    QJsonValue value = object;
    for (const QString &part : parts) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(part);
    }
    return value;
}

void setAt(QJsonObject &object, const QStringList &parts, qsizetype index, const QJsonValue &value)
{
    const QString &key = parts.at(index);
    if (index == parts.size() - 1) {
        object.insert(key, value);
        return;
    }
    QJsonObject child = object.value(key).toObject();
    setAt(child, parts, index + 1, value);
    object.insert(key, child);
}

template<typename T>
T pick(const T &mine, const T &theirs)
{
    return theirs.isEmpty() ? mine : theirs;
}

} // namespace

bool TtsEndDevice::VersionIds::isEmpty() const
{
    return brandId.isEmpty() && modelId.isEmpty() && hardwareVersion.isEmpty() && firmwareVersion.isEmpty() &&
        bandId.isEmpty();
}

bool TtsEndDevice::Formatters::isEmpty() const
{
    return upFormatter.isEmpty() && upFormatterParameter.isEmpty() && downFormatter.isEmpty() &&
        downFormatterParameter.isEmpty();
}

Result<TtsEndDevice> TtsEndDevice::fromJson(const QJsonObject &object)
{
    JsonFieldReader read(object, TtsError::jsonReaderOptions(tr("an end device")));
    TtsEndDevice device;

    JsonFieldReader ids = read.child(QStringLiteral("ids"));
    device.deviceId = ids.string(QStringLiteral("device_id"));
    device.applicationId = ids.child(QStringLiteral("application_ids")).string(QStringLiteral("application_id"));
    device.devEui = ids.string(QStringLiteral("dev_eui")).toUpper();
    device.joinEui = ids.string(QStringLiteral("join_eui")).toUpper();
    device.devAddr = ids.string(QStringLiteral("dev_addr")).toUpper();

    device.name = read.string(QStringLiteral("name"));
    device.description = read.string(QStringLiteral("description"));
    device.attributes = read.stringMap(QStringLiteral("attributes"));

    JsonFieldReader versionIds = read.child(QStringLiteral("version_ids"));
    device.versionIds.brandId = versionIds.string(QStringLiteral("brand_id"));
    device.versionIds.modelId = versionIds.string(QStringLiteral("model_id"));
    device.versionIds.hardwareVersion = versionIds.string(QStringLiteral("hardware_version"));
    device.versionIds.firmwareVersion = versionIds.string(QStringLiteral("firmware_version"));
    device.versionIds.bandId = versionIds.string(QStringLiteral("band_id"));

    device.networkServerAddress = read.string(QStringLiteral("network_server_address"));
    device.applicationServerAddress = read.string(QStringLiteral("application_server_address"));
    device.joinServerAddress = read.string(QStringLiteral("join_server_address"));

    device.lorawanVersion = read.string(QStringLiteral("lorawan_version"));
    device.lorawanPhyVersion = read.string(QStringLiteral("lorawan_phy_version"));
    device.frequencyPlanId = read.string(QStringLiteral("frequency_plan_id"));
    device.supportsJoin = read.optionalBoolean(QStringLiteral("supports_join"));
    device.supportsClassB = read.optionalBoolean(QStringLiteral("supports_class_b"));
    device.supportsClassC = read.optionalBoolean(QStringLiteral("supports_class_c"));

    JsonFieldReader rootKeys = read.child(QStringLiteral("root_keys"));
    device.rootKeys.rootKeyId = rootKeys.string(QStringLiteral("root_key_id"));
    device.rootKeys.appKey = rootKeys.child(QStringLiteral("app_key")).string(QStringLiteral("key")).toUpper();
    device.rootKeys.nwkKey = rootKeys.child(QStringLiteral("nwk_key")).string(QStringLiteral("key")).toUpper();

    JsonFieldReader formatters = read.child(QStringLiteral("formatters"));
    device.formatters.upFormatter = formatters.string(QStringLiteral("up_formatter"));
    device.formatters.upFormatterParameter = formatters.string(QStringLiteral("up_formatter_parameter"));
    device.formatters.downFormatter = formatters.string(QStringLiteral("down_formatter"));
    device.formatters.downFormatterParameter = formatters.string(QStringLiteral("down_formatter_parameter"));

    device.createdAt = read.timestamp(QStringLiteral("created_at"));
    device.updatedAt = read.timestamp(QStringLiteral("updated_at"));
    device.lastSeenAt = read.timestamp(QStringLiteral("last_seen_at"));
    device.activatedAt = read.timestamp(QStringLiteral("activated_at"));
    device.locations = read.object(QStringLiteral("locations"));

    if (!read.ok())
        return read.error();
    return device;
}

QJsonObject TtsEndDevice::toJson() const
{
    QJsonObject object;

    QJsonObject ids;
    JsonFieldWriter::insertIfSet(ids, QStringLiteral("device_id"), deviceId);
    if (!applicationId.isEmpty())
        ids.insert(QStringLiteral("application_ids"), QJsonObject {{QStringLiteral("application_id"), applicationId}});
    JsonFieldWriter::insertIfSet(ids, QStringLiteral("dev_eui"), devEui);
    JsonFieldWriter::insertIfSet(ids, QStringLiteral("join_eui"), joinEui);
    JsonFieldWriter::insertIfSet(ids, QStringLiteral("dev_addr"), devAddr);
    if (!ids.isEmpty())
        object.insert(QStringLiteral("ids"), ids);

    JsonFieldWriter::insertIfSet(object, QStringLiteral("name"), name);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("description"), description);
    if (!attributes.isEmpty()) {
        QJsonObject map;
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
            map.insert(it.key(), it.value());
        object.insert(QStringLiteral("attributes"), map);
    }
    if (!versionIds.isEmpty()) {
        QJsonObject version;
        JsonFieldWriter::insertIfSet(version, QStringLiteral("brand_id"), versionIds.brandId);
        JsonFieldWriter::insertIfSet(version, QStringLiteral("model_id"), versionIds.modelId);
        JsonFieldWriter::insertIfSet(version, QStringLiteral("hardware_version"), versionIds.hardwareVersion);
        JsonFieldWriter::insertIfSet(version, QStringLiteral("firmware_version"), versionIds.firmwareVersion);
        JsonFieldWriter::insertIfSet(version, QStringLiteral("band_id"), versionIds.bandId);
        object.insert(QStringLiteral("version_ids"), version);
    }

    JsonFieldWriter::insertIfSet(object, QStringLiteral("network_server_address"), networkServerAddress);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("application_server_address"), applicationServerAddress);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("join_server_address"), joinServerAddress);

    JsonFieldWriter::insertIfSet(object, QStringLiteral("lorawan_version"), lorawanVersion);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("lorawan_phy_version"), lorawanPhyVersion);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("frequency_plan_id"), frequencyPlanId);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("supports_join"), supportsJoin);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("supports_class_b"), supportsClassB);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("supports_class_c"), supportsClassC);

    if (!rootKeys.isEmpty()) {
        QJsonObject keys;
        JsonFieldWriter::insertIfSet(keys, QStringLiteral("root_key_id"), rootKeys.rootKeyId);
        if (!rootKeys.appKey.isEmpty())
            keys.insert(QStringLiteral("app_key"), QJsonObject {{QStringLiteral("key"), rootKeys.appKey}});
        if (!rootKeys.nwkKey.isEmpty())
            keys.insert(QStringLiteral("nwk_key"), QJsonObject {{QStringLiteral("key"), rootKeys.nwkKey}});
        object.insert(QStringLiteral("root_keys"), keys);
    }
    if (!formatters.isEmpty()) {
        QJsonObject map;
        JsonFieldWriter::insertIfSet(map, QStringLiteral("up_formatter"), formatters.upFormatter);
        JsonFieldWriter::insertIfSet(map, QStringLiteral("up_formatter_parameter"), formatters.upFormatterParameter);
        JsonFieldWriter::insertIfSet(map, QStringLiteral("down_formatter"), formatters.downFormatter);
        JsonFieldWriter::insertIfSet(map, QStringLiteral("down_formatter_parameter"),
                                     formatters.downFormatterParameter);
        object.insert(QStringLiteral("formatters"), map);
    }

    JsonFieldWriter::insertIfSet(object, QStringLiteral("created_at"), createdAt);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("updated_at"), updatedAt);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("last_seen_at"), lastSeenAt);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("activated_at"), activatedAt);
    if (!locations.isEmpty())
        object.insert(QStringLiteral("locations"), locations);
    return object;
}

QJsonObject TtsEndDevice::toJson(const QStringList &paths) const
{
    QJsonObject object;
    QJsonObject ids;
    JsonFieldWriter::insertIfSet(ids, QStringLiteral("device_id"), deviceId);
    JsonFieldWriter::insertIfSet(ids, QStringLiteral("dev_eui"), devEui);
    JsonFieldWriter::insertIfSet(ids, QStringLiteral("join_eui"), joinEui);
    object.insert(QStringLiteral("ids"), ids);

    const QJsonObject full = toJson();
    for (const QString &path : paths) {
        if (path == QLatin1String("ids") || path.startsWith(QLatin1String("ids.")))
            continue;
        const QJsonValue value = valueAt(full, path);
        if (value.isUndefined())
            continue;
        setAt(object, path.split(QLatin1Char('.')), 0, value);
    }
    return object;
}

QStringList TtsEndDevice::fieldPaths() const
{
    QStringList paths;
    auto add = [&paths](bool set, const char *path) {
        if (set)
            paths.append(QLatin1String(path));
    };
    add(!name.isEmpty(), "name");
    add(!description.isEmpty(), "description");
    add(!attributes.isEmpty(), "attributes");
    add(!versionIds.isEmpty(), "version_ids");
    add(!networkServerAddress.isEmpty(), "network_server_address");
    add(!applicationServerAddress.isEmpty(), "application_server_address");
    add(!joinServerAddress.isEmpty(), "join_server_address");
    add(!lorawanVersion.isEmpty(), "lorawan_version");
    add(!lorawanPhyVersion.isEmpty(), "lorawan_phy_version");
    add(!frequencyPlanId.isEmpty(), "frequency_plan_id");
    add(supportsJoin.has_value(), "supports_join");
    add(supportsClassB.has_value(), "supports_class_b");
    add(supportsClassC.has_value(), "supports_class_c");
    add(!rootKeys.rootKeyId.isEmpty(), "root_keys.root_key_id");
    add(!rootKeys.appKey.isEmpty(), "root_keys.app_key.key");
    add(!rootKeys.nwkKey.isEmpty(), "root_keys.nwk_key.key");
    add(!formatters.isEmpty(), "formatters");
    add(!locations.isEmpty(), "locations");
    return paths;
}

TtsEndDevice TtsEndDevice::mergedWith(const TtsEndDevice &other) const
{
    TtsEndDevice merged = *this;
    auto fill = [](QString &mine, const QString &theirs) {
        if (mine.isEmpty())
            mine = theirs;
    };
    fill(merged.deviceId, other.deviceId);
    fill(merged.applicationId, other.applicationId);
    fill(merged.devEui, other.devEui);
    fill(merged.joinEui, other.joinEui);
    merged.devAddr = pick(devAddr, other.devAddr); // NS/AS know the current session's address

    merged.name = pick(name, other.name);
    merged.description = pick(description, other.description);
    for (auto it = other.attributes.constBegin(); it != other.attributes.constEnd(); ++it)
        merged.attributes.insert(it.key(), it.value());
    if (!other.versionIds.isEmpty())
        merged.versionIds = other.versionIds;

    merged.networkServerAddress = pick(networkServerAddress, other.networkServerAddress);
    merged.applicationServerAddress = pick(applicationServerAddress, other.applicationServerAddress);
    merged.joinServerAddress = pick(joinServerAddress, other.joinServerAddress);
    merged.lorawanVersion = pick(lorawanVersion, other.lorawanVersion);
    merged.lorawanPhyVersion = pick(lorawanPhyVersion, other.lorawanPhyVersion);
    merged.frequencyPlanId = pick(frequencyPlanId, other.frequencyPlanId);
    if (other.supportsJoin)
        merged.supportsJoin = other.supportsJoin;
    if (other.supportsClassB)
        merged.supportsClassB = other.supportsClassB;
    if (other.supportsClassC)
        merged.supportsClassC = other.supportsClassC;

    merged.rootKeys.rootKeyId = pick(rootKeys.rootKeyId, other.rootKeys.rootKeyId);
    merged.rootKeys.appKey = pick(rootKeys.appKey, other.rootKeys.appKey);
    merged.rootKeys.nwkKey = pick(rootKeys.nwkKey, other.rootKeys.nwkKey);
    if (!other.formatters.isEmpty())
        merged.formatters = other.formatters;

    if (other.createdAt.isValid() && (!createdAt.isValid() || other.createdAt < createdAt))
        merged.createdAt = other.createdAt;
    if (other.updatedAt.isValid() && (!updatedAt.isValid() || other.updatedAt > updatedAt))
        merged.updatedAt = other.updatedAt;
    if (other.lastSeenAt.isValid() && (!lastSeenAt.isValid() || other.lastSeenAt > lastSeenAt))
        merged.lastSeenAt = other.lastSeenAt;
    if (other.activatedAt.isValid() && !activatedAt.isValid())
        merged.activatedAt = other.activatedAt;
    for (auto it = other.locations.constBegin(); it != other.locations.constEnd(); ++it)
        merged.locations.insert(it.key(), it.value());
    return merged;
}

TtsEndDevice TtsEndDevice::withoutSecrets() const
{
    TtsEndDevice copy = *this;
    copy.rootKeys = RootKeys {};
    copy.rootKeys.rootKeyId = rootKeys.rootKeyId; // an identifier, not a key
    return copy;
}

Status TtsEndDevice::validateForCreate() const
{
    if (!isValidId(deviceId)) {
        return ServiceError::invalidInput(
            tr("The device id \"%1\" is not valid in The Things Stack: use 3 to 36 lower-case letters, "
               "digits and single dashes, starting and ending with a letter or digit.")
                .arg(deviceId.left(64)),
            ErrorCode);
    }
    if (!JsonFieldReader::isHex(devEui, 16))
        return ServiceError::invalidInput(
            tr("The DevEUI of device \"%1\" must be 16 hexadecimal digits (8 bytes).").arg(deviceId), ErrorCode);
    if (!JsonFieldReader::isHex(joinEui, 16)) {
        return ServiceError::invalidInput(
            tr("The JoinEUI (AppEUI) of device \"%1\" must be 16 hexadecimal digits (8 bytes); use "
               "0000000000000000 if the device has none.")
                .arg(deviceId),
            ErrorCode);
    }
    if (frequencyPlanId.trimmed().isEmpty()) {
        return ServiceError::invalidInput(
            tr("Device \"%1\" needs a frequency plan id, e.g. EU_863_870_TTN or US_902_928_FSB_2.").arg(deviceId),
            ErrorCode);
    }
    const QString mac = TtsLorawanVersions::macVersionName(lorawanVersion);
    if (mac.isEmpty()) {
        return ServiceError::invalidInput(
            tr("Device \"%1\" has no known LoRaWAN version; use one of %2.")
                .arg(deviceId, TtsLorawanVersions::macVersionAliases().join(QStringLiteral(", "))),
            ErrorCode);
    }
    if (TtsLorawanVersions::phyVersionName(lorawanPhyVersion).isEmpty()) {
        return ServiceError::invalidInput(
            tr("Device \"%1\" has no known regional parameters version; use one of %2.")
                .arg(deviceId, TtsLorawanVersions::phyVersionAliases().join(QStringLiteral(", "))),
            ErrorCode);
    }
    if (supportsJoin.has_value() && !*supportsJoin) {
        return ServiceError::invalidInput(
            tr("Device \"%1\" is not an OTAA device; TwinBridge creates only devices that join over the air.")
                .arg(deviceId),
            ErrorCode);
    }
    if (!JsonFieldReader::isHex(rootKeys.appKey, 32))
        return ServiceError::invalidInput(
            tr("The AppKey of device \"%1\" must be 32 hexadecimal digits (16 bytes).").arg(deviceId), ErrorCode);
    if (TtsLorawanVersions::usesNwkKey(mac) && rootKeys.nwkKey.isEmpty())
        return ServiceError::invalidInput(
            tr("Device \"%1\" uses LoRaWAN 1.1, which needs a NwkKey as well as the AppKey.").arg(deviceId), ErrorCode);
    if (!rootKeys.nwkKey.isEmpty() && !JsonFieldReader::isHex(rootKeys.nwkKey, 32))
        return ServiceError::invalidInput(
            tr("The NwkKey of device \"%1\" must be 32 hexadecimal digits (16 bytes).").arg(deviceId), ErrorCode);
    return Done {};
}

bool TtsEndDevice::isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9](?:[-]?[a-z0-9]){2,}$"));
    return id.size() <= 36 && pattern.match(id).hasMatch();
}

} // namespace TwinBridge
