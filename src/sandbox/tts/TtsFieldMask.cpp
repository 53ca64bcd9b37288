#include "sandbox/tts/TtsFieldMask.h"

#include <algorithm>

namespace TwinBridge::Sandbox {

namespace {

QStringList list(std::initializer_list<const char *> paths)
{
    QStringList result;
    for (const char *path : paths)
        result.append(QLatin1String(path));
    return result;
}

const QStringList &identifierPaths()
{
    static const QStringList paths = list({"ids", "ids.application_ids", "ids.application_ids.application_id",
                                           "ids.dev_eui", "ids.device_id", "ids.join_eui"});
    return paths;
}

const QStringList &versionPaths()
{
    static const QStringList paths =
        list({"version_ids", "version_ids.band_id", "version_ids.brand_id", "version_ids.firmware_version",
              "version_ids.hardware_version", "version_ids.model_id"});
    return paths;
}

QStringList identityServerWritable()
{
    return identifierPaths() + versionPaths() +
        list({"application_server_address", "attributes", "description", "join_server_address", "locations", "name",
              "network_server_address", "serial_number"});
}

QStringList joinServerWritable()
{
    return identifierPaths() +
        list({"application_server_address", "application_server_id", "application_server_kek_label",
              "claim_authentication_code", "claim_authentication_code.valid_from",
              "claim_authentication_code.valid_to", "claim_authentication_code.value", "last_dev_nonce",
              "last_join_nonce", "net_id", "network_server_address", "network_server_kek_label", "resets_join_nonces",
              "root_keys", "root_keys.app_key", "root_keys.app_key.key", "root_keys.nwk_key", "root_keys.nwk_key.key",
              "root_keys.root_key_id"});
}

QStringList networkServerWritable()
{
    return identifierPaths() + versionPaths() +
        list({"frequency_plan_id",
              "lorawan_phy_version",
              "lorawan_version",
              "mac_settings",
              "mac_settings.adr",
              "mac_settings.adr_margin",
              "mac_settings.class_b_timeout",
              "mac_settings.class_c_timeout",
              "mac_settings.factory_preset_frequencies",
              "mac_settings.resets_f_cnt",
              "mac_settings.rx1_delay",
              "mac_settings.rx1_delay.value",
              "mac_settings.rx2_data_rate_index",
              "mac_settings.rx2_data_rate_index.value",
              "mac_settings.rx2_frequency",
              "mac_settings.status_count_periodicity",
              "mac_settings.status_time_periodicity",
              "mac_settings.supports_32_bit_f_cnt",
              "mac_settings.use_adr",
              "mac_settings.use_adr.value",
              "multicast",
              "session.dev_addr",
              "session.keys.f_nwk_s_int_key",
              "session.keys.f_nwk_s_int_key.key",
              "session.keys.nwk_s_enc_key",
              "session.keys.nwk_s_enc_key.key",
              "session.keys.s_nwk_s_int_key",
              "session.keys.s_nwk_s_int_key.key",
              "session.keys.session_key_id",
              "session.last_conf_f_cnt_down",
              "session.last_f_cnt_up",
              "session.last_n_f_cnt_down",
              "session.started_at",
              "supports_class_b",
              "supports_class_c",
              "supports_join"});
}

QStringList applicationServerWritable()
{
    return identifierPaths() + versionPaths() +
        list({"formatters", "formatters.down_formatter", "formatters.down_formatter_parameter",
              "formatters.up_formatter", "formatters.up_formatter_parameter", "session.dev_addr",
              "session.keys.app_s_key", "session.keys.app_s_key.key", "session.keys.session_key_id",
              "session.last_a_f_cnt_down", "skip_payload_crypto_override"});
}

// What a GET adds to what a Set writes: the stored timestamps, the session's address in the identifiers and
// the parents of the session paths.
QStringList readable(QStringList writable, TtsComponent component)
{
    writable += list({"created_at", "updated_at", "ids.dev_addr"});
    if (component == TtsComponent::NetworkServer)
        writable += list({"session", "session.keys"});
    if (component == TtsComponent::ApplicationServer)
        writable += list({"session", "session.keys"});
    writable.sort();
    writable.removeDuplicates();
    return writable;
}

QStringList sorted(QStringList paths)
{
    paths.sort();
    paths.removeDuplicates();
    return paths;
}

QStringList keyFields(TtsComponent component)
{
    switch (component) {
    case TtsComponent::IdentityServer:
        return {};
    case TtsComponent::JoinServer:
        return list({"root_keys.app_key.key", "root_keys.nwk_key.key"});
    case TtsComponent::NetworkServer:
        return list({"session.keys.f_nwk_s_int_key.key", "session.keys.s_nwk_s_int_key.key",
                     "session.keys.nwk_s_enc_key.key"});
    case TtsComponent::ApplicationServer:
        return list({"session.keys.app_s_key.key"});
    }
    return {};
}

void pruneEmpty(QJsonObject &object, const QStringList &parts, qsizetype index)
{
    const QString &key = parts.at(index);
    if (index == parts.size() - 1) {
        object.remove(key);
        return;
    }
    const QJsonValue child = object.value(key);
    if (!child.isObject())
        return;
    QJsonObject inner = child.toObject();
    pruneEmpty(inner, parts, index + 1);
    if (inner.isEmpty())
        object.remove(key);
    else
        object.insert(key, inner);
}

void setNested(QJsonObject &object, const QStringList &parts, qsizetype index, const QJsonValue &value)
{
    const QString &key = parts.at(index);
    if (index == parts.size() - 1) {
        object.insert(key, value);
        return;
    }
    QJsonObject child = object.value(key).toObject();
    setNested(child, parts, index + 1, value);
    object.insert(key, child);
}

} // namespace

const QStringList &TtsFieldMask::allowedPaths(TtsComponent component, Request request)
{
    static const QStringList isGet = readable(identityServerWritable(), TtsComponent::IdentityServer) +
        list({"activated_at", "last_seen_at"});
    static const QStringList isCreate = sorted(identityServerWritable());
    static const QStringList isUpdate = [] {
        QStringList paths = identityServerWritable();
        for (const char *path : {"ids", "ids.dev_eui", "ids.join_eui"})
            paths.removeAll(QLatin1String(path));
        return sorted(paths);
    }();
    static const QStringList jsGet = readable(joinServerWritable(), TtsComponent::JoinServer);
    static const QStringList jsSet = sorted(joinServerWritable());
    static const QStringList nsGet = readable(networkServerWritable(), TtsComponent::NetworkServer);
    static const QStringList nsSet = sorted(networkServerWritable());
    static const QStringList asGet = readable(applicationServerWritable(), TtsComponent::ApplicationServer);
    static const QStringList asSet = sorted(applicationServerWritable());
    static const QStringList none;

    switch (component) {
    case TtsComponent::IdentityServer:
        return request == Request::Get ? isGet
            : request == Request::Create ? isCreate
            : request == Request::Update ? isUpdate
                                         : none;
    case TtsComponent::JoinServer:
        return request == Request::Get ? jsGet : request == Request::Set ? jsSet : none;
    case TtsComponent::NetworkServer:
        return request == Request::Get ? nsGet : request == Request::Set ? nsSet : none;
    case TtsComponent::ApplicationServer:
        return request == Request::Get ? asGet : request == Request::Set ? asSet : none;
    }
    return none;
}

QStringList TtsFieldMask::forbiddenPaths(const QStringList &requested, TtsComponent component, Request request)
{
    const QStringList &allowed = allowedPaths(component, request);
    QStringList forbidden;
    for (const QString &path : requested) {
        if (!allowed.contains(path) && !forbidden.contains(path))
            forbidden.append(path);
    }
    return forbidden;
}

const QStringList &TtsFieldMask::applicationPaths()
{
    static const QStringList paths =
        list({"application_server_address", "attributes", "created_at", "description", "dev_eui_counter", "ids",
              "ids.application_id", "join_server_address", "name", "network_server_address", "updated_at"});
    return paths;
}

QStringList TtsFieldMask::parse(const QStringList &queryValues)
{
    QStringList paths;
    for (const QString &value : queryValues) {
        const QStringList parts = value.split(QLatin1Char(','));
        for (const QString &part : parts) {
            const QString path = part.trimmed();
            if (!path.isEmpty() && !paths.contains(path))
                paths.append(path);
        }
    }
    return paths;
}

bool TtsFieldMask::touches(const QStringList &paths, const QString &field)
{
    for (const QString &path : paths) {
        if (path == field || field.startsWith(path + QLatin1Char('.')) || path.startsWith(field + QLatin1Char('.')))
            return true;
    }
    return false;
}

bool TtsFieldMask::touchesKeys(const QStringList &paths, TtsComponent component)
{
    const QStringList fields = keyFields(component);
    for (const QString &field : fields) {
        if (touches(paths, field))
            return true;
    }
    return false;
}

QJsonValue TtsFieldMask::valueAt(const QJsonObject &object, const QString &path)
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

void TtsFieldMask::setAt(QJsonObject &object, const QString &path, const QJsonValue &value)
{
    setNested(object, path.split(QLatin1Char('.')), 0, value);
}

void TtsFieldMask::removeAt(QJsonObject &object, const QString &path)
{
    pruneEmpty(object, path.split(QLatin1Char('.')), 0);
}

namespace {

// Parents before children ("formatters" before "formatters.up_formatter").
QStringList byDepth(QStringList paths)
{
    std::stable_sort(paths.begin(), paths.end(), [](const QString &a, const QString &b) {
        return a.count(QLatin1Char('.')) < b.count(QLatin1Char('.'));
    });
    return paths;
}

} // namespace

QJsonObject TtsFieldMask::select(const QJsonObject &source, const QStringList &paths)
{
    QJsonObject result;
    const QStringList ordered = byDepth(paths);
    for (const QString &path : ordered) {
        const QJsonValue value = valueAt(source, path);
        if (value.isUndefined() || value.isNull())
            continue;
        // A parent path already copied the whole value; a child path must not shrink it again.
        const QJsonValue existing = valueAt(result, path);
        if (!existing.isUndefined())
            continue;
        setAt(result, path, value);
    }
    return result;
}

QJsonObject TtsFieldMask::apply(QJsonObject stored, const QJsonObject &update, const QStringList &paths)
{
    // Parents first, so that "formatters" then "formatters.up_formatter" ends with the child's value.
    const QStringList ordered = byDepth(paths);
    for (const QString &path : ordered) {
        const QJsonValue value = valueAt(update, path);
        if (value.isUndefined() || value.isNull())
            removeAt(stored, path);
        else
            setAt(stored, path, value);
    }
    return stored;
}

} // namespace TwinBridge::Sandbox
