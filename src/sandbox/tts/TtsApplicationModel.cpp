#include "sandbox/tts/TtsApplicationModel.h"

#include "sandbox/tts/TtsFieldMask.h"
#include "sandbox/tts/TtsServerError.h"
#include "services/core/Logging.h"
#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsLorawanVersions.h"
#include "services/tts/TtsRights.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <limits>

namespace TwinBridge::Sandbox {

namespace {

constexpr std::chrono::milliseconds SaveDelay {500};
constexpr int StateFormat = 1;
constexpr int MaxQueueLength = 1000;
const QString ZeroEui = QStringLiteral("0000000000000000");

struct RegistryEntry
{
    QJsonObject fields; // protobuf JSON without ids, created_at, updated_at
    QString devEui;
    QString joinEui;
    QString createdAt;
    QString updatedAt;
    quint64 sequence = 0;

    QJsonObject toJson() const
    {
        return QJsonObject {{QStringLiteral("fields"), fields},       {QStringLiteral("devEui"), devEui},
                            {QStringLiteral("joinEui"), joinEui},     {QStringLiteral("createdAt"), createdAt},
                            {QStringLiteral("updatedAt"), updatedAt}, {QStringLiteral("sequence"), double(sequence)}};
    }

    static RegistryEntry fromJson(const QJsonObject &object)
    {
        RegistryEntry entry;
        entry.fields = object.value(QStringLiteral("fields")).toObject();
        entry.devEui = object.value(QStringLiteral("devEui")).toString();
        entry.joinEui = object.value(QStringLiteral("joinEui")).toString();
        entry.createdAt = object.value(QStringLiteral("createdAt")).toString();
        entry.updatedAt = object.value(QStringLiteral("updatedAt")).toString();
        entry.sequence = quint64(object.value(QStringLiteral("sequence")).toDouble());
        return entry;
    }
};

struct DeviceRecord
{
    std::array<std::optional<RegistryEntry>, 4> entries;
    QString lastSeenAt;
    QString activatedAt;
    QList<TtsDownlink> queue;

    std::optional<RegistryEntry> &entry(TtsComponent component) { return entries[size_t(component)]; }
    const std::optional<RegistryEntry> &entry(TtsComponent component) const { return entries[size_t(component)]; }
    bool isEmpty() const
    {
        return std::none_of(entries.begin(), entries.end(), [](const auto &entry) { return entry.has_value(); });
    }
    // A JS/NS/AS entry older than the IS entry: left behind by an IS-only delete, or created before the IS entry.
    bool isLeftover(TtsComponent component) const
    {
        const auto &identity = entry(TtsComponent::IdentityServer);
        const auto &own = entry(component);
        return component != TtsComponent::IdentityServer && identity && own && own->sequence < identity->sequence;
    }
    bool isComplete() const
    {
        for (TtsComponent component : ttsAllComponents()) {
            if (!entry(component) || isLeftover(component))
                return false;
        }
        return true;
    }
};

struct ApplicationState
{
    TtsApplicationModel::Application application;
    QMap<QString, DeviceRecord> devices;
};

QString componentKey(TtsComponent component)
{
    return ttsComponentShortName(component).toLower();
}

ServiceError adminError(ServiceError::Kind kind, const QString &code, const QString &message)
{
    ServiceError error(kind, message);
    error.setCode(code);
    return error;
}

ServiceError stateError(const QString &message)
{
    return adminError(ServiceError::Kind::Backend, QStringLiteral("SandboxState"), message);
}

bool isIdentifierPath(const QString &path)
{
    return path == QLatin1String("ids") || path.startsWith(QLatin1String("ids."));
}

// The field paths of a mask that address stored fields (not the identifiers or the registry's timestamps).
QStringList storedPaths(const QStringList &paths)
{
    QStringList result;
    for (const QString &path : paths) {
        if (!isIdentifierPath(path) && path != QLatin1String("created_at") && path != QLatin1String("updated_at"))
            result.append(path);
    }
    return result;
}

QJsonObject identifiers(const QString &applicationId, const QString &deviceId, const QString &devEui,
                        const QString &joinEui, const QString &devAddr = {})
{
    QJsonObject ids {{QStringLiteral("device_id"), deviceId},
                     {QStringLiteral("application_ids"),
                      QJsonObject {{QStringLiteral("application_id"), applicationId}}}};
    if (!devEui.isEmpty())
        ids.insert(QStringLiteral("dev_eui"), devEui);
    if (!joinEui.isEmpty())
        ids.insert(QStringLiteral("join_eui"), joinEui);
    if (!devAddr.isEmpty())
        ids.insert(QStringLiteral("dev_addr"), devAddr);
    return ids;
}

// Reads ids.dev_eui / ids.join_eui of a request body: upper-case hex, or an error naming the field.
Result<QString> euiOf(const QJsonObject &endDevice, const char *key)
{
    const QJsonValue value = endDevice.value(QStringLiteral("ids")).toObject().value(QLatin1String(key));
    const QString field = QStringLiteral("end_device.ids.") + QLatin1String(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString() || !JsonFieldReader::isHex(value.toString(), 16))
        return TtsServerError::validation(field, QStringLiteral("value must be 8 bytes as 16 hexadecimal digits"));
    return value.toString().toUpper();
}

Status checkDeviceId(const QString &deviceId)
{
    if (deviceId.size() > 36)
        return TtsServerError::validation(QStringLiteral("end_device.ids.device_id"),
                                          QStringLiteral("value length must be at most 36 runes"));
    if (!TtsEndDevice::isValidId(deviceId)) {
        return TtsServerError::validation(QStringLiteral("end_device.ids.device_id"),
                                          QStringLiteral("value does not match regex pattern "
                                                         "\"^[a-z0-9](?:[-]?[a-z0-9]){2,}$\""));
    }
    return Done {};
}

// The types of the fields TwinBridge's TtsEndDevice reads (names, booleans, times, …).
Status checkFieldTypes(const QJsonObject &endDevice)
{
    const Result<TtsEndDevice> parsed = TtsEndDevice::fromJson(endDevice);
    if (parsed)
        return Done {};
    const QString path = parsed.error().payload().toObject().value(QStringLiteral("path")).toString();
    return TtsServerError::validation(QStringLiteral("end_device.") + path,
                                      QStringLiteral("value has the wrong type or form"));
}

// Upper-cases the hex value at `path` or refuses it when it is not `digits` hex digits.
Status normalizeHex(QJsonObject &fields, const QString &path, int digits)
{
    const QJsonValue value = TtsFieldMask::valueAt(fields, path);
    if (value.isUndefined() || value.isNull())
        return Done {};
    if (!value.isString() || !JsonFieldReader::isHex(value.toString(), digits)) {
        return TtsServerError::validation(QStringLiteral("end_device.") + path,
                                          QStringLiteral("value must be %1 bytes as %2 hexadecimal digits")
                                              .arg(digits / 2)
                                              .arg(digits));
    }
    TtsFieldMask::setAt(fields, path, value.toString().toUpper());
    return Done {};
}

Status normalizeFields(QJsonObject &fields, TtsComponent component)
{
    switch (component) {
    case TtsComponent::IdentityServer:
        return Done {};
    case TtsComponent::JoinServer:
        for (const char *path : {"root_keys.app_key.key", "root_keys.nwk_key.key"}) {
            if (Status status = normalizeHex(fields, QLatin1String(path), 32); !status)
                return status;
        }
        return Done {};
    case TtsComponent::NetworkServer: {
        // TTS accepts the aliases ("1.0.2", "1.0.2-b") and answers with the enum names.
        struct Version
        {
            const char *path;
            QString (*name)(const QString &);
            const char *what;
        };
        const Version versions[] = {{"lorawan_version", &TtsLorawanVersions::macVersionName, "LoRaWAN version"},
                                    {"lorawan_phy_version", &TtsLorawanVersions::phyVersionName,
                                     "regional parameters version"}};
        for (const Version &version : versions) {
            const QJsonValue value = fields.value(QLatin1String(version.path));
            if (value.isUndefined())
                continue;
            const QString name = version.name(value.toString());
            if (name.isEmpty()) {
                return TtsServerError::validation(QStringLiteral("end_device.") + QLatin1String(version.path),
                                                  QStringLiteral("unknown %1 \"%2\"")
                                                      .arg(QLatin1String(version.what), value.toString().left(40)));
            }
            fields.insert(QLatin1String(version.path), name);
        }
        static const QRegularExpression planPattern(QStringLiteral("^[A-Z0-9_]{2,64}$"));
        const QJsonValue plan = fields.value(QStringLiteral("frequency_plan_id"));
        if (!plan.isUndefined() && !planPattern.match(plan.toString()).hasMatch()) {
            return TtsServerError::validation(QStringLiteral("end_device.frequency_plan_id"),
                                              QStringLiteral("value must be a frequency plan id such as "
                                                             "EU_863_870_TTN"));
        }
        if (Status status = normalizeHex(fields, QStringLiteral("session.dev_addr"), 8); !status)
            return status;
        for (const char *path : {"session.keys.f_nwk_s_int_key.key", "session.keys.s_nwk_s_int_key.key",
                                 "session.keys.nwk_s_enc_key.key"}) {
            if (Status status = normalizeHex(fields, QLatin1String(path), 32); !status)
                return status;
        }
        return Done {};
    }
    case TtsComponent::ApplicationServer:
        if (Status status = normalizeHex(fields, QStringLiteral("session.dev_addr"), 8); !status)
            return status;
        return normalizeHex(fields, QStringLiteral("session.keys.app_s_key.key"), 32);
    }
    return Done {};
}

// Deep merge of protobuf JSON objects: `over` wins, objects are merged member by member.
QJsonObject merged(QJsonObject base, const QJsonObject &over)
{
    for (auto it = over.constBegin(); it != over.constEnd(); ++it) {
        if (it.value().isObject() && base.value(it.key()).isObject())
            base.insert(it.key(), merged(base.value(it.key()).toObject(), it.value().toObject()));
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

// Validates one ApplicationDownlink as TTS does before queueing it; `path` is "downlinks[i]".
Result<TtsDownlink> parseDownlink(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return TtsServerError::validation(path, QStringLiteral("value must be an ApplicationDownlink object"));
    const Result<TtsDownlink> parsed = TtsDownlink::fromJson(value.toObject(), path);
    if (!parsed) {
        const QString field = parsed.error().payload().toObject().value(QStringLiteral("path")).toString();
        QString reason = parsed.error().message();
        if (reason.startsWith(field + QLatin1String(": ")))
            reason = reason.mid(field.size() + 2);
        return TtsServerError::validation(field.isEmpty() ? path : field, reason);
    }
    const TtsDownlink &downlink = parsed.value();
    const QString port = path + QStringLiteral(".f_port");
    if (downlink.fPort == 224) {
        return TtsServerError::validation(port,
                                          QStringLiteral("value must not be 224 (the LoRaWAN MAC test port)"));
    }
    if (downlink.fPort > TtsDownlink::MaxFPort) {
        return TtsServerError::validation(
            port, QStringLiteral("value must be between %1 and %2").arg(TtsDownlink::MinFPort).arg(TtsDownlink::MaxFPort));
    }
    if (downlink.fPort == 0 && !downlink.decodedPayload) {
        return TtsServerError::validation(port, QStringLiteral("value must be between %1 and %2 unless a "
                                                               "decoded_payload is given for the formatter")
                                                    .arg(TtsDownlink::MinFPort)
                                                    .arg(TtsDownlink::MaxFPort));
    }
    if (downlink.frmPayload.size() > TtsDownlink::MaxPayloadBytes) {
        return TtsServerError::validation(path + QStringLiteral(".frm_payload"),
                                          QStringLiteral("value length must be at most %1 bytes")
                                              .arg(TtsDownlink::MaxPayloadBytes));
    }
    if (!downlink.priority.isEmpty() && !TtsDownlink::priorities().contains(downlink.priority)) {
        return TtsServerError::validation(path + QStringLiteral(".priority"),
                                          QStringLiteral("value must be one of %1")
                                              .arg(TtsDownlink::priorities().join(QStringLiteral(", "))));
    }
    for (const QString &id : downlink.correlationIds) {
        if (id.size() > 100) {
            return TtsServerError::validation(path + QStringLiteral(".correlation_ids"),
                                              QStringLiteral("each value length must be at most 100 runes"));
        }
    }
    return parsed;
}

Result<QList<TtsDownlink>> parseDownlinks(const QJsonObject &request)
{
    const QJsonValue value = request.value(QStringLiteral("downlinks"));
    if (value.isUndefined() || value.isNull())
        return QList<TtsDownlink>();
    if (!value.isArray())
        return TtsServerError::validation(QStringLiteral("downlinks"), QStringLiteral("value must be a list"));
    QList<TtsDownlink> downlinks;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        Result<TtsDownlink> downlink = parseDownlink(array.at(i), QStringLiteral("downlinks[%1]").arg(i));
        if (!downlink)
            return downlink.error();
        downlinks.append(downlink.takeValue());
    }
    return downlinks;
}

} // namespace

// ---- Private -----------------------------------------------------------------------------------------------

class TtsApplicationModel::Private
{
public:
    TtsApplicationModel *q = nullptr;
    Clock *clock = nullptr;
    QRandomGenerator random;
    QString stateDirectory;
    QMap<QString, ApplicationState> applications;
    QList<TtsApiKey> keys;
    QList<Fault> faults;
    quint64 sequence = 0;
    qint64 lastStampMs = std::numeric_limits<qint64>::min();
    int stampCount = 0;
    TtsApplicationModel::DownlinkEncoder downlinkEncoder;
    bool saveScheduled = false;
    quint64 saveGeneration = 0;

    QString statePath() const { return stateDirectory + QStringLiteral("/tts/state.json"); }

    ApplicationState *state(const QString &applicationId)
    {
        auto it = applications.find(applicationId);
        return it == applications.end() ? nullptr : &it.value();
    }
    const ApplicationState *state(const QString &applicationId) const
    {
        auto it = applications.constFind(applicationId);
        return it == applications.constEnd() ? nullptr : &it.value();
    }
    const DeviceRecord *record(const QString &applicationId, const QString &deviceId) const
    {
        const ApplicationState *application = state(applicationId);
        if (!application)
            return nullptr;
        auto it = application->devices.constFind(deviceId);
        return it == application->devices.constEnd() ? nullptr : &it.value();
    }
    DeviceRecord *record(const QString &applicationId, const QString &deviceId)
    {
        ApplicationState *application = state(applicationId);
        if (!application)
            return nullptr;
        auto it = application->devices.find(deviceId);
        return it == application->devices.end() ? nullptr : &it.value();
    }

    QString deviceUid(const QString &applicationId, const QString &deviceId) const
    {
        const ApplicationState *application = state(applicationId);
        const QString uid = application ? application->application.uid() : applicationId;
        return uid + QLatin1Char('.') + deviceId;
    }

    ServiceError notFound(const QString &applicationId, const QString &deviceId, TtsComponent component) const
    {
        switch (component) {
        case TtsComponent::IdentityServer:
            return TtsServerError::endDeviceNotFound(applicationId, deviceId);
        case TtsComponent::ApplicationServer:
            return TtsServerError::asDeviceNotFound(deviceUid(applicationId, deviceId));
        default:
            return TtsServerError::entityNotFound();
        }
    }

    static QString devAddrOf(const RegistryEntry &entry)
    {
        return TtsFieldMask::valueAt(entry.fields, QStringLiteral("session.dev_addr")).toString();
    }

    QJsonObject deviceJson(const QString &applicationId, const QString &deviceId, const DeviceRecord &record,
                           TtsComponent component, const QStringList &paths) const
    {
        const RegistryEntry &entry = *record.entry(component);
        QJsonObject source = entry.fields;
        if (component == TtsComponent::IdentityServer) {
            if (!record.lastSeenAt.isEmpty())
                source.insert(QStringLiteral("last_seen_at"), record.lastSeenAt);
            if (!record.activatedAt.isEmpty())
                source.insert(QStringLiteral("activated_at"), record.activatedAt);
        }
        QJsonObject device = TtsFieldMask::select(source, storedPaths(paths));
        const QString devAddr = component == TtsComponent::NetworkServer || component == TtsComponent::ApplicationServer
            ? devAddrOf(entry)
            : QString();
        device.insert(QStringLiteral("ids"), identifiers(applicationId, deviceId, entry.devEui, entry.joinEui, devAddr));
        device.insert(QStringLiteral("created_at"), entry.createdAt);
        device.insert(QStringLiteral("updated_at"), entry.updatedAt);
        return device;
    }

    // The IS record with everything a list can filter and order on.
    QJsonObject identityRecord(const QString &applicationId, const QString &deviceId, const DeviceRecord &record) const
    {
        const RegistryEntry &entry = *record.entry(TtsComponent::IdentityServer);
        QJsonObject device = entry.fields;
        QString devAddr;
        for (TtsComponent component : {TtsComponent::ApplicationServer, TtsComponent::NetworkServer}) {
            if (devAddr.isEmpty() && record.entry(component))
                devAddr = devAddrOf(*record.entry(component));
        }
        device.insert(QStringLiteral("ids"), identifiers(applicationId, deviceId, entry.devEui, entry.joinEui, devAddr));
        device.insert(QStringLiteral("created_at"), entry.createdAt);
        device.insert(QStringLiteral("updated_at"), entry.updatedAt);
        if (!record.lastSeenAt.isEmpty())
            device.insert(QStringLiteral("last_seen_at"), record.lastSeenAt);
        if (!record.activatedAt.isEmpty())
            device.insert(QStringLiteral("activated_at"), record.activatedAt);
        return device;
    }

    // Whether another device holds the EUIs in `component` (JS and NS index devices by EUI, across applications).
    bool euisHeldElsewhere(TtsComponent component, const QString &applicationId, const QString &deviceId,
                           const QString &devEui, const QString &joinEui) const
    {
        if (devEui.isEmpty() || devEui == ZeroEui)
            return false;
        for (auto app = applications.constBegin(); app != applications.constEnd(); ++app) {
            for (auto device = app->devices.constBegin(); device != app->devices.constEnd(); ++device) {
                if (app.key() == applicationId && device.key() == deviceId)
                    continue;
                const auto &entry = device->entry(component);
                if (entry && entry->devEui == devEui && entry->joinEui == joinEui)
                    return true;
            }
        }
        return false;
    }

    void renumberQueue(const QString &applicationId, const QString &deviceId)
    {
        DeviceRecord *device = record(applicationId, deviceId);
        if (!device || !device->entry(TtsComponent::ApplicationServer))
            return;
        const QJsonObject &fields = device->entry(TtsComponent::ApplicationServer)->fields;
        const QString sessionKeyId =
            TtsFieldMask::valueAt(fields, QStringLiteral("session.keys.session_key_id")).toString();
        if (sessionKeyId.isEmpty())
            return; // no session yet: the AS assigns frame counters once the device joined
        const qint64 last = TtsFieldMask::valueAt(fields, QStringLiteral("session.last_a_f_cnt_down")).toInteger();
        for (qsizetype i = 0; i < device->queue.size(); ++i) {
            device->queue[i].sessionKeyId = sessionKeyId;
            device->queue[i].fCnt = last + 1 + i;
        }
    }

    void changed()
    {
        emit q->stateChanged();
        scheduleSave();
    }

    void scheduleSave()
    {
        if (stateDirectory.isEmpty() || saveScheduled)
            return;
        saveScheduled = true;
        const quint64 generation = ++saveGeneration;
        clock->callAfter(SaveDelay, q, [this, generation] {
            if (generation != saveGeneration || !saveScheduled)
                return;
            if (Status saved = q->saveNow(); !saved)
                qCWarning(lcSandbox).noquote() << saved.error().message();
        });
    }

    // Emits deviceCreated / deviceDeleted when the device's completeness changed.
    void noteCompleteness(const QString &applicationId, const QString &deviceId, bool wasComplete)
    {
        const DeviceRecord *device = record(applicationId, deviceId);
        const bool complete = device && device->isComplete();
        if (complete && !wasComplete)
            emit q->deviceCreated(applicationId, deviceId);
        else if (!complete && wasComplete)
            emit q->deviceDeleted(applicationId, deviceId);
    }

    bool wasComplete(const QString &applicationId, const QString &deviceId) const
    {
        const DeviceRecord *device = record(applicationId, deviceId);
        return device && device->isComplete();
    }

    Result<QList<TtsDownlink>> queueOperation(const QString &applicationId, const QString &deviceId,
                                              const QJsonObject &request, bool replace);
    QJsonObject saveState() const;
    Status restoreState(const QJsonObject &root);
};

Result<QList<TtsDownlink>> TtsApplicationModel::Private::queueOperation(const QString &applicationId,
                                                                        const QString &deviceId,
                                                                        const QJsonObject &request, bool replace)
{
    Result<QList<TtsDownlink>> parsed = parseDownlinks(request);
    if (!parsed)
        return parsed.error();
    DeviceRecord *device = record(applicationId, deviceId);
    if (!device || !device->entry(TtsComponent::ApplicationServer))
        return TtsServerError::asDeviceNotFound(deviceUid(applicationId, deviceId));
    QList<TtsDownlink> added = parsed.takeValue();
    const qsizetype kept = replace ? 0 : device->queue.size();
    if (kept + added.size() > MaxQueueLength) {
        return TtsServerError::make(TtsServerError::ResourceExhausted, QStringLiteral("pkg/applicationserver"),
                                    QStringLiteral("downlink_queue_full"),
                                    QStringLiteral("the downlink queue of `{device_uid}` holds at most {max} "
                                                   "downlinks"),
                                    {{QStringLiteral("device_uid"), deviceUid(applicationId, deviceId)},
                                     {QStringLiteral("max"), MaxQueueLength}});
    }
    if (downlinkEncoder) {
        for (TtsDownlink &downlink : added) {
            if (!downlink.decodedPayload || !downlink.frmPayload.isEmpty())
                continue;
            Result<TtsDownlink> encoded = downlinkEncoder(applicationId, deviceId, downlink);
            if (!encoded)
                return encoded.error();
            downlink = encoded.takeValue();
        }
    }
    for (TtsDownlink &downlink : added) {
        downlink.sessionKeyId.clear();
        downlink.fCnt = -1;
        downlink.correlationIds.append(QStringLiteral("as:downlink:") + q->randomHex(26));
    }
    const QList<TtsDownlink> invalidated = replace ? device->queue : QList<TtsDownlink>();
    if (replace)
        device->queue = added;
    else
        device->queue += added;
    renumberQueue(applicationId, deviceId);
    const QList<TtsDownlink> queued = device->queue.mid(kept);
    changed();
    qCDebug(lcSandbox).noquote() << "TTS" << (replace ? "replaced the queue of" : "queued") << queued.size()
                                 << "downlink(s) for" << applicationId << deviceId;
    if (replace)
        emit q->queueReplaced(applicationId, deviceId, invalidated, queued);
    else
        emit q->downlinkQueued(applicationId, deviceId, queued);
    return queued;
}

// ---- plain types ---------------------------------------------------------------------------------------------

QJsonObject TtsApplicationModel::Application::toJson() const
{
    QJsonObject object {{QStringLiteral("ids"), QJsonObject {{QStringLiteral("application_id"), id}}},
                        {QStringLiteral("created_at"), createdAt},
                        {QStringLiteral("updated_at"), updatedAt}};
    if (!name.isEmpty())
        object.insert(QStringLiteral("name"), name);
    if (!description.isEmpty())
        object.insert(QStringLiteral("description"), description);
    if (!attributes.isEmpty()) {
        QJsonObject map;
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
            map.insert(it.key(), it.value());
        object.insert(QStringLiteral("attributes"), map);
    }
    return object;
}

QJsonObject TtsApplicationModel::DeviceSummary::toJson() const
{
    QJsonArray registryNames;
    for (TtsComponent component : registries)
        registryNames.append(componentKey(component));
    QJsonArray leftoverNames;
    for (TtsComponent component : leftovers)
        leftoverNames.append(componentKey(component));
    return QJsonObject {{QStringLiteral("applicationId"), applicationId},
                        {QStringLiteral("deviceId"), deviceId},
                        {QStringLiteral("devEui"), devEui},
                        {QStringLiteral("joinEui"), joinEui},
                        {QStringLiteral("registries"), registryNames},
                        {QStringLiteral("leftovers"), leftoverNames},
                        {QStringLiteral("complete"), isComplete()},
                        {QStringLiteral("createdAt"), createdAt},
                        {QStringLiteral("lastSeenAt"), lastSeenAt.isEmpty() ? QJsonValue() : QJsonValue(lastSeenAt)},
                        {QStringLiteral("activatedAt"),
                         activatedAt.isEmpty() ? QJsonValue() : QJsonValue(activatedAt)},
                        {QStringLiteral("queueLength"), queueLength}};
}

QJsonObject TtsApplicationModel::Fault::toJson() const
{
    return QJsonObject {{QStringLiteral("failRegistry"), componentKey(component)},
                        {QStringLiteral("method"), method.isEmpty() ? QJsonValue() : QString::fromLatin1(method)},
                        {QStringLiteral("remaining"), remaining},
                        {QStringLiteral("status"), status}};
}

// ---- construction and persistence ---------------------------------------------------------------------------

TtsApplicationModel::TtsApplicationModel(Clock *clock, std::optional<quint64> seed, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->clock = clock ? clock : Clock::system();
    if (seed)
        d->random.seed(quint32(*seed ^ (*seed >> 32)));
    else
        d->random = QRandomGenerator::securelySeeded();
}

TtsApplicationModel::~TtsApplicationModel()
{
    if (d->saveScheduled)
        saveNow();
}

Status TtsApplicationModel::setStateDirectory(const QString &stateDirectory)
{
    d->stateDirectory = stateDirectory;
    if (stateDirectory.isEmpty())
        return Done {};
    if (!QDir().mkpath(stateDirectory + QStringLiteral("/tts"))) {
        return stateError(tr("Could not create the directory \"%1/tts\" for the TTS state. Check the permissions "
                             "of the state directory.")
                              .arg(stateDirectory));
    }
    QFile file(d->statePath());
    if (!file.exists())
        return Done {};
    if (!file.open(QIODevice::ReadOnly))
        return stateError(tr("Could not read the TTS state from \"%1\": %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return stateError(tr("The TTS state in \"%1\" is not valid JSON (%2). Move the file away to start with the "
                             "default application only.")
                              .arg(file.fileName(), parseError.errorString()));
    }
    if (Status restored = d->restoreState(document.object()); !restored) {
        return stateError(tr("Could not restore the TTS state from \"%1\": %2 Move the file away to start with the "
                             "default application only.")
                              .arg(file.fileName(), restored.error().message()));
    }
    qCInfo(lcSandbox).noquote() << "restored" << d->applications.size() << "TTS application(s) and" << d->keys.size()
                                << "API key(s)";
    return Done {};
}

Status TtsApplicationModel::saveNow()
{
    d->saveScheduled = false;
    ++d->saveGeneration;
    if (d->stateDirectory.isEmpty())
        return Done {};
    if (!QDir().mkpath(d->stateDirectory + QStringLiteral("/tts")))
        return stateError(tr("Could not create the directory \"%1/tts\".").arg(d->stateDirectory));
    QSaveFile file(d->statePath());
    if (!file.open(QIODevice::WriteOnly))
        return stateError(tr("Could not save the TTS state to \"%1\": %2").arg(file.fileName(), file.errorString()));
    // API keys and root keys: owner only.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(d->saveState()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return stateError(tr("Could not save the TTS state to \"%1\": %2").arg(file.fileName(), file.errorString()));
    return Done {};
}

QJsonObject TtsApplicationModel::Private::saveState() const
{
    QJsonArray applicationArray;
    for (const ApplicationState &application : applications) {
        const Application &app = application.application;
        QJsonObject attributes;
        for (auto it = app.attributes.constBegin(); it != app.attributes.constEnd(); ++it)
            attributes.insert(it.key(), it.value());
        QJsonArray deviceArray;
        for (auto it = application.devices.constBegin(); it != application.devices.constEnd(); ++it) {
            QJsonObject registries;
            for (TtsComponent component : ttsAllComponents()) {
                if (it->entry(component))
                    registries.insert(componentKey(component), it->entry(component)->toJson());
            }
            QJsonArray queue;
            for (const TtsDownlink &downlink : it->queue)
                queue.append(downlink.toJson());
            deviceArray.append(QJsonObject {{QStringLiteral("deviceId"), it.key()},
                                            {QStringLiteral("lastSeenAt"), it->lastSeenAt},
                                            {QStringLiteral("activatedAt"), it->activatedAt},
                                            {QStringLiteral("registries"), registries},
                                            {QStringLiteral("queue"), queue}});
        }
        applicationArray.append(QJsonObject {{QStringLiteral("id"), app.id},
                                             {QStringLiteral("tenantId"), app.tenantId},
                                             {QStringLiteral("name"), app.name},
                                             {QStringLiteral("description"), app.description},
                                             {QStringLiteral("attributes"), attributes},
                                             {QStringLiteral("createdAt"), app.createdAt},
                                             {QStringLiteral("updatedAt"), app.updatedAt},
                                             {QStringLiteral("devices"), deviceArray}});
    }
    QJsonArray keyArray;
    for (const TtsApiKey &key : keys)
        keyArray.append(key.toJson());
    return QJsonObject {{QStringLiteral("format"), StateFormat},
                        {QStringLiteral("sequence"), double(sequence)},
                        {QStringLiteral("applications"), applicationArray},
                        {QStringLiteral("apiKeys"), keyArray}};
}

Status TtsApplicationModel::Private::restoreState(const QJsonObject &root)
{
    if (root.value(QStringLiteral("format")).toInt() != StateFormat)
        return stateError(tr("The file has an unknown format."));
    QMap<QString, ApplicationState> restored;
    const QJsonArray applicationArray = root.value(QStringLiteral("applications")).toArray();
    for (const QJsonValue &value : applicationArray) {
        const QJsonObject object = value.toObject();
        ApplicationState application;
        Application &app = application.application;
        app.id = object.value(QStringLiteral("id")).toString();
        app.tenantId = object.value(QStringLiteral("tenantId")).toString();
        app.name = object.value(QStringLiteral("name")).toString();
        app.description = object.value(QStringLiteral("description")).toString();
        app.createdAt = object.value(QStringLiteral("createdAt")).toString();
        app.updatedAt = object.value(QStringLiteral("updatedAt")).toString();
        const QJsonObject attributes = object.value(QStringLiteral("attributes")).toObject();
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
            app.attributes.insert(it.key(), it.value().toString());
        if (!TtsEndDevice::isValidId(app.id))
            return stateError(tr("An application has the invalid id \"%1\".").arg(app.id.left(64)));
        const QJsonArray deviceArray = object.value(QStringLiteral("devices")).toArray();
        for (const QJsonValue &deviceValue : deviceArray) {
            const QJsonObject deviceObject = deviceValue.toObject();
            const QString deviceId = deviceObject.value(QStringLiteral("deviceId")).toString();
            if (!TtsEndDevice::isValidId(deviceId))
                return stateError(tr("A device has the invalid id \"%1\".").arg(deviceId.left(64)));
            DeviceRecord device;
            device.lastSeenAt = deviceObject.value(QStringLiteral("lastSeenAt")).toString();
            device.activatedAt = deviceObject.value(QStringLiteral("activatedAt")).toString();
            const QJsonObject registries = deviceObject.value(QStringLiteral("registries")).toObject();
            for (TtsComponent component : ttsAllComponents()) {
                const QJsonValue entry = registries.value(componentKey(component));
                if (entry.isObject())
                    device.entry(component) = RegistryEntry::fromJson(entry.toObject());
            }
            const QJsonArray queue = deviceObject.value(QStringLiteral("queue")).toArray();
            for (const QJsonValue &downlink : queue) {
                const Result<TtsDownlink> parsed = TtsDownlink::fromJson(downlink.toObject());
                if (!parsed)
                    return stateError(tr("A queued downlink of device \"%1\" cannot be read.").arg(deviceId));
                device.queue.append(parsed.value());
            }
            if (!device.isEmpty())
                application.devices.insert(deviceId, device);
        }
        restored.insert(app.id, application);
    }
    QList<TtsApiKey> restoredKeys;
    const QJsonArray keyArray = root.value(QStringLiteral("apiKeys")).toArray();
    for (const QJsonValue &value : keyArray) {
        const std::optional<TtsApiKey> key = TtsApiKey::fromJson(value.toObject());
        if (!key)
            return stateError(tr("An API key cannot be read."));
        restoredKeys.append(*key);
    }
    applications = restored;
    keys = restoredKeys;
    sequence = quint64(root.value(QStringLiteral("sequence")).toDouble());
    return Done {};
}

void TtsApplicationModel::ensureDefaultApplication()
{
    if (d->applications.contains(QLatin1String(DefaultApplicationId)))
        return;
    const Result<Application> created = createApplication(QLatin1String(DefaultApplicationId),
                                                          QLatin1String(DefaultTenantId),
                                                          QStringLiteral("Sandbox demo application"));
    if (!created)
        return;
    QList<TtsRights::Right> rights {TtsRights::Right::ApplicationAll};
    rights += TtsRights::required(TtsRights::Operation::AzureIntegration);
    createApiKey(created.value().id, QLatin1String(DefaultApiKeyName), rights);
}

// ---- applications and keys ----------------------------------------------------------------------------------

Result<TtsApplicationModel::Application> TtsApplicationModel::createApplication(const QString &applicationId,
                                                                                const QString &tenantId,
                                                                                const QString &name)
{
    if (!TtsEndDevice::isValidId(applicationId)) {
        return adminError(ServiceError::Kind::InvalidInput, QStringLiteral("InvalidApplicationId"),
                          tr("\"%1\" is not a valid TTS application id: use 3 to 36 lower-case letters, digits and "
                             "single dashes.")
                              .arg(applicationId.left(64)));
    }
    if (!TtsEndDevice::isValidId(tenantId)) {
        return adminError(ServiceError::Kind::InvalidInput, QStringLiteral("InvalidTenantId"),
                          tr("\"%1\" is not a valid TTS tenant id: use 3 to 36 lower-case letters, digits and single "
                             "dashes.")
                              .arg(tenantId.left(64)));
    }
    if (d->applications.contains(applicationId)) {
        return adminError(ServiceError::Kind::Conflict, QStringLiteral("ApplicationExists"),
                          tr("The TTS application \"%1\" exists already.").arg(applicationId));
    }
    ApplicationState state;
    state.application.id = applicationId;
    state.application.tenantId = tenantId;
    state.application.name = name;
    state.application.createdAt = timestamp();
    state.application.updatedAt = state.application.createdAt;
    d->applications.insert(applicationId, state);
    qCInfo(lcSandbox).noquote() << "TTS application" << state.application.uid() << "created";
    d->changed();
    return state.application;
}

std::optional<TtsApplicationModel::Application> TtsApplicationModel::application(const QString &applicationId) const
{
    const ApplicationState *state = d->state(applicationId);
    if (!state)
        return std::nullopt;
    return state->application;
}

QList<TtsApplicationModel::Application> TtsApplicationModel::applications() const
{
    QList<Application> result;
    for (const ApplicationState &state : std::as_const(d->applications))
        result.append(state.application);
    return result;
}

Result<TtsApiKey> TtsApplicationModel::createApiKey(const QString &applicationId, const QString &name,
                                                    const QList<TtsRights::Right> &rights)
{
    if (!d->state(applicationId)) {
        return adminError(ServiceError::Kind::NotFound, QStringLiteral("ApplicationNotFound"),
                          tr("There is no TTS application \"%1\".").arg(applicationId.left(64)));
    }
    if (rights.isEmpty()) {
        return adminError(ServiceError::Kind::InvalidInput, QStringLiteral("InvalidRights"),
                          tr("An API key needs at least one right."));
    }
    TtsApiKey key = TtsApiKey::generate(d->random);
    key.applicationId = applicationId;
    key.name = name.isEmpty() ? QStringLiteral("key-%1").arg(d->keys.size() + 1) : name;
    for (TtsRights::Right right : rights) {
        if (!key.rights.contains(right))
            key.rights.append(right);
    }
    key.createdAt = timestamp();
    d->keys.append(key);
    qCInfo(lcSandbox).noquote() << "TTS API key" << key.id << "(" << key.name << ") created for" << applicationId;
    d->changed();
    emit apiKeysChanged(applicationId);
    return key;
}

Status TtsApplicationModel::deleteApiKey(const QString &keyId)
{
    for (qsizetype i = 0; i < d->keys.size(); ++i) {
        if (d->keys.at(i).id == keyId) {
            const QString applicationId = d->keys.at(i).applicationId;
            d->keys.removeAt(i);
            d->changed();
            emit apiKeysChanged(applicationId);
            return Done {};
        }
    }
    return adminError(ServiceError::Kind::NotFound, QStringLiteral("ApiKeyNotFound"),
                      tr("There is no TTS API key with the id \"%1\".").arg(keyId.left(64)));
}

QList<TtsApiKey> TtsApplicationModel::apiKeys(const QString &applicationId) const
{
    QList<TtsApiKey> result;
    for (const TtsApiKey &key : std::as_const(d->keys)) {
        if (applicationId.isEmpty() || key.applicationId == applicationId)
            result.append(key);
    }
    return result;
}

std::optional<TtsApiKey> TtsApplicationModel::apiKey(const QString &keyId) const
{
    for (const TtsApiKey &key : std::as_const(d->keys)) {
        if (key.id == keyId)
            return key;
    }
    return std::nullopt;
}

std::optional<TtsApiKey> TtsApplicationModel::defaultApiKey(const QString &applicationId) const
{
    const QList<TtsApiKey> keys = apiKeys(applicationId);
    if (keys.isEmpty())
        return std::nullopt;
    return keys.first();
}

// ---- registries ---------------------------------------------------------------------------------------------

Result<QJsonObject> TtsApplicationModel::getDevice(const QString &applicationId, const QString &deviceId,
                                                   TtsComponent component, const QStringList &paths) const
{
    const DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device || !device->entry(component))
        return d->notFound(applicationId, deviceId, component);
    return d->deviceJson(applicationId, deviceId, *device, component, paths);
}

Result<QJsonObject> TtsApplicationModel::createDevice(const QString &applicationId, const QJsonObject &endDevice,
                                                      const QStringList &paths)
{
    ApplicationState *application = d->state(applicationId);
    if (!application)
        return TtsServerError::applicationNotFound(applicationId);
    const QString deviceId = endDevice.value(QStringLiteral("ids")).toObject().value(QStringLiteral("device_id")).toString();
    if (Status valid = checkDeviceId(deviceId); !valid)
        return valid.error();
    const Result<QString> devEui = euiOf(endDevice, "dev_eui");
    if (!devEui)
        return devEui.error();
    const Result<QString> joinEui = euiOf(endDevice, "join_eui");
    if (!joinEui)
        return joinEui.error();
    if (Status types = checkFieldTypes(endDevice); !types)
        return types.error();

    const DeviceRecord *existing = d->record(applicationId, deviceId);
    if (existing && existing->entry(TtsComponent::IdentityServer))
        return TtsServerError::idTaken();
    // DevEUI + JoinEUI are unique in the whole deployment, across applications and tenants.
    if (!devEui.value().isEmpty() && devEui.value() != ZeroEui) {
        for (auto app = d->applications.constBegin(); app != d->applications.constEnd(); ++app) {
            for (auto device = app->devices.constBegin(); device != app->devices.constEnd(); ++device) {
                const auto &entry = device->entry(TtsComponent::IdentityServer);
                if (entry && entry->devEui == devEui.value() && entry->joinEui == joinEui.value())
                    return TtsServerError::euisTaken(joinEui.value(), devEui.value(), device.key(), app.key());
            }
        }
    }

    QStringList fieldPaths = storedPaths(paths);
    if (paths.isEmpty())
        fieldPaths = storedPaths(TtsFieldMask::allowedPaths(TtsComponent::IdentityServer, TtsFieldMask::Request::Create));
    const bool wasComplete = d->wasComplete(applicationId, deviceId);
    RegistryEntry entry;
    entry.fields = TtsFieldMask::apply(QJsonObject(), endDevice, fieldPaths);
    entry.devEui = devEui.value();
    entry.joinEui = joinEui.value();
    entry.createdAt = timestamp();
    entry.updatedAt = entry.createdAt;
    entry.sequence = ++d->sequence;
    DeviceRecord &device = application->devices[deviceId];
    device.entry(TtsComponent::IdentityServer) = entry;
    qCDebug(lcSandbox).noquote() << "TTS IS created" << applicationId << deviceId;
    d->noteCompleteness(applicationId, deviceId, wasComplete);
    d->changed();
    return d->deviceJson(applicationId, deviceId, device, TtsComponent::IdentityServer, fieldPaths);
}

Result<QJsonObject> TtsApplicationModel::updateDevice(const QString &applicationId, const QString &deviceId,
                                                      const QJsonObject &endDevice, const QStringList &paths)
{
    DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device || !device->entry(TtsComponent::IdentityServer))
        return TtsServerError::endDeviceNotFound(applicationId, deviceId);
    if (Status types = checkFieldTypes(endDevice); !types)
        return types.error();
    RegistryEntry &entry = *device->entry(TtsComponent::IdentityServer);
    entry.fields = TtsFieldMask::apply(entry.fields, endDevice, storedPaths(paths));
    entry.updatedAt = timestamp();
    d->changed();
    return d->deviceJson(applicationId, deviceId, *device, TtsComponent::IdentityServer, paths);
}

Result<QJsonObject> TtsApplicationModel::setDevice(const QString &applicationId, const QString &deviceId,
                                                   TtsComponent component, const QJsonObject &endDevice,
                                                   const QStringList &paths)
{
    if (component == TtsComponent::IdentityServer)
        return updateDevice(applicationId, deviceId, endDevice, paths);
    ApplicationState *application = d->state(applicationId);
    if (!application)
        return TtsServerError::applicationNotFound(applicationId);
    if (Status valid = checkDeviceId(deviceId); !valid)
        return valid.error();
    const Result<QString> devEui = euiOf(endDevice, "dev_eui");
    if (!devEui)
        return devEui.error();
    const Result<QString> joinEui = euiOf(endDevice, "join_eui");
    if (!joinEui)
        return joinEui.error();
    if (Status types = checkFieldTypes(endDevice); !types)
        return types.error();

    const DeviceRecord *existingDevice = d->record(applicationId, deviceId);
    const std::optional<RegistryEntry> existing =
        existingDevice ? existingDevice->entry(component) : std::optional<RegistryEntry>();
    if (existing) {
        if (existingDevice->isLeftover(component))
            return TtsServerError::duplicateIdentifiers(component);
        const struct
        {
            const char *path;
            const QString &given;
            const QString &stored;
        } euiFields[] = {{"ids.dev_eui", devEui.value(), existing->devEui},
                         {"ids.join_eui", joinEui.value(), existing->joinEui}};
        for (const auto &identifier : euiFields) {
            if (TtsFieldMask::touches(paths, QLatin1String(identifier.path)) && !identifier.given.isEmpty() &&
                !identifier.stored.isEmpty() && identifier.given != identifier.stored)
                return TtsServerError::readOnlyField(component, QLatin1String(identifier.path));
        }
    } else {
        // The JS finds devices by their EUIs: it cannot store one without them.
        if (component == TtsComponent::JoinServer && (devEui.value().isEmpty() || joinEui.value().isEmpty()))
            return TtsServerError::invalidIdentifiers(component);
        if (component == TtsComponent::NetworkServer) {
            for (const char *field : {"frequency_plan_id", "lorawan_version", "lorawan_phy_version"}) {
                const QString path = QLatin1String(field);
                if (!TtsFieldMask::touches(paths, path) || endDevice.value(path).toString().isEmpty()) {
                    return TtsServerError::validation(QStringLiteral("end_device.") + path,
                                                      QStringLiteral("value must be set (and in the field mask) "
                                                                     "when the device is created"));
                }
            }
        }
        if ((component == TtsComponent::JoinServer || component == TtsComponent::NetworkServer) &&
            d->euisHeldElsewhere(component, applicationId, deviceId, devEui.value(), joinEui.value()))
            return TtsServerError::duplicateIdentifiers(component);
    }

    QJsonObject fields = TtsFieldMask::apply(existing ? existing->fields : QJsonObject(), endDevice, storedPaths(paths));
    if (Status normalized = normalizeFields(fields, component); !normalized)
        return normalized.error();

    const bool wasComplete = d->wasComplete(applicationId, deviceId);
    DeviceRecord &device = application->devices[deviceId];
    std::optional<RegistryEntry> &entry = device.entry(component);
    if (!entry) {
        entry = RegistryEntry();
        entry->createdAt = timestamp();
        entry->updatedAt = entry->createdAt;
        entry->sequence = ++d->sequence;
    } else {
        entry->updatedAt = timestamp();
    }
    entry->fields = fields;
    if (entry->devEui.isEmpty())
        entry->devEui = devEui.value();
    if (entry->joinEui.isEmpty())
        entry->joinEui = joinEui.value();
    if (component == TtsComponent::ApplicationServer)
        d->renumberQueue(applicationId, deviceId);
    qCDebug(lcSandbox).noquote() << "TTS" << ttsComponentShortName(component) << "set" << applicationId << deviceId;
    d->noteCompleteness(applicationId, deviceId, wasComplete);
    d->changed();
    return d->deviceJson(applicationId, deviceId, device, component, paths);
}

Status TtsApplicationModel::deleteDevice(const QString &applicationId, const QString &deviceId, TtsComponent component)
{
    ApplicationState *application = d->state(applicationId);
    DeviceRecord *device = d->record(applicationId, deviceId);
    if (!application || !device || !device->entry(component))
        return d->notFound(applicationId, deviceId, component);
    const bool wasComplete = device->isComplete();
    device->entry(component).reset();
    if (component == TtsComponent::ApplicationServer)
        device->queue.clear();
    if (device->isEmpty())
        application->devices.remove(deviceId);
    qCDebug(lcSandbox).noquote() << "TTS" << ttsComponentShortName(component) << "deleted" << applicationId << deviceId;
    d->noteCompleteness(applicationId, deviceId, wasComplete);
    d->changed();
    return Done {};
}

Result<TtsApplicationModel::Page> TtsApplicationModel::listDevices(const QString &applicationId,
                                                                   const ListQuery &query) const
{
    const ApplicationState *application = d->state(applicationId);
    if (!application)
        return TtsServerError::applicationNotFound(applicationId);
    struct Row
    {
        QString deviceId;
        const DeviceRecord *device;
        QJsonObject record;
        quint64 sequence;
    };
    QList<Row> rows;
    for (auto it = application->devices.constBegin(); it != application->devices.constEnd(); ++it) {
        if (!it->entry(TtsComponent::IdentityServer))
            continue;
        QJsonObject record = d->identityRecord(applicationId, it.key(), *it);
        if (query.filter && !query.filter(record))
            continue;
        rows.append({it.key(), &it.value(), record, it->entry(TtsComponent::IdentityServer)->sequence});
    }

    const bool descending = query.order.startsWith(QLatin1Char('-'));
    const QString field = descending ? query.order.mid(1) : query.order;
    if (!field.isEmpty()) {
        const QString path = field == QLatin1String("device_id") || field.endsWith(QLatin1String("_eui"))
            ? QStringLiteral("ids.") + field
            : field;
        std::stable_sort(rows.begin(), rows.end(), [&path, descending](const Row &a, const Row &b) {
            const QString left = TtsFieldMask::valueAt(a.record, path).toString();
            const QString right = TtsFieldMask::valueAt(b.record, path).toString();
            if (left != right)
                return descending ? right < left : left < right;
            return a.deviceId < b.deviceId;
        });
    } else {
        std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.sequence < b.sequence; });
    }

    Page page;
    page.total = int(rows.size());
    const int number = std::max(1, query.page);
    const qsizetype first = query.limit > 0 ? qsizetype(number - 1) * query.limit : 0;
    const qsizetype end = query.limit > 0 ? std::min<qsizetype>(rows.size(), first + query.limit) : rows.size();
    for (qsizetype i = first; i < end; ++i) {
        page.devices.append(
            d->deviceJson(applicationId, rows.at(i).deviceId, *rows.at(i).device, TtsComponent::IdentityServer, query.paths));
    }
    return page;
}

bool TtsApplicationModel::hasEntry(const QString &applicationId, const QString &deviceId, TtsComponent component) const
{
    const DeviceRecord *device = d->record(applicationId, deviceId);
    return device && device->entry(component).has_value();
}

// ---- downlink queue -----------------------------------------------------------------------------------------

Result<QList<TtsDownlink>> TtsApplicationModel::pushDownlinks(const QString &applicationId, const QString &deviceId,
                                                              const QJsonObject &request)
{
    return d->queueOperation(applicationId, deviceId, request, false);
}

Result<QList<TtsDownlink>> TtsApplicationModel::replaceDownlinks(const QString &applicationId,
                                                                 const QString &deviceId, const QJsonObject &request)
{
    return d->queueOperation(applicationId, deviceId, request, true);
}

Result<QList<TtsDownlink>> TtsApplicationModel::downlinkQueue(const QString &applicationId,
                                                              const QString &deviceId) const
{
    const DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device || !device->entry(TtsComponent::ApplicationServer))
        return TtsServerError::asDeviceNotFound(d->deviceUid(applicationId, deviceId));
    return device->queue;
}

void TtsApplicationModel::setDownlinkEncoder(DownlinkEncoder encoder)
{
    d->downlinkEncoder = std::move(encoder);
}

std::optional<TtsDownlink> TtsApplicationModel::popDownlink(const QString &applicationId, const QString &deviceId)
{
    DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device || device->queue.isEmpty())
        return std::nullopt;
    const TtsDownlink downlink = device->queue.takeFirst();
    if (downlink.fCnt >= 0 && device->entry(TtsComponent::ApplicationServer)) {
        TtsFieldMask::setAt(device->entry(TtsComponent::ApplicationServer)->fields,
                            QStringLiteral("session.last_a_f_cnt_down"), double(downlink.fCnt));
    }
    d->changed();
    return downlink;
}

// ---- virtual devices ----------------------------------------------------------------------------------------

std::optional<TtsEndDevice> TtsApplicationModel::endDevice(const QString &applicationId, const QString &deviceId) const
{
    const DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device)
        return std::nullopt;
    QJsonObject json;
    QString devEui;
    QString joinEui;
    QString devAddr;
    QString createdAt;
    QString updatedAt;
    for (TtsComponent component : ttsAllComponents()) {
        const auto &entry = device->entry(component);
        if (!entry)
            continue;
        json = merged(json, entry->fields);
        if (devEui.isEmpty())
            devEui = entry->devEui;
        if (joinEui.isEmpty())
            joinEui = entry->joinEui;
        if (devAddr.isEmpty())
            devAddr = Private::devAddrOf(*entry);
        if (createdAt.isEmpty() || entry->createdAt < createdAt)
            createdAt = entry->createdAt;
        if (entry->updatedAt > updatedAt)
            updatedAt = entry->updatedAt;
    }
    json.remove(QStringLiteral("session")); // not a TtsEndDevice field; dev_addr goes into the ids
    json.insert(QStringLiteral("ids"), identifiers(applicationId, deviceId, devEui, joinEui, devAddr));
    json.insert(QStringLiteral("created_at"), createdAt);
    json.insert(QStringLiteral("updated_at"), updatedAt);
    if (!device->lastSeenAt.isEmpty())
        json.insert(QStringLiteral("last_seen_at"), device->lastSeenAt);
    if (!device->activatedAt.isEmpty())
        json.insert(QStringLiteral("activated_at"), device->activatedAt);
    Result<TtsEndDevice> parsed = TtsEndDevice::fromJson(json);
    if (!parsed)
        return std::nullopt;
    return parsed.takeValue();
}

Status TtsApplicationModel::setSession(const QString &applicationId, const QString &deviceId, const QString &devAddr,
                                       const QString &sessionKeyId)
{
    DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device || !device->entry(TtsComponent::ApplicationServer))
        return TtsServerError::asDeviceNotFound(d->deviceUid(applicationId, deviceId));
    if (!JsonFieldReader::isHex(devAddr, 8))
        return TtsServerError::validation(QStringLiteral("session.dev_addr"),
                                          QStringLiteral("value must be 4 bytes as 8 hexadecimal digits"));
    for (TtsComponent component : {TtsComponent::NetworkServer, TtsComponent::ApplicationServer}) {
        std::optional<RegistryEntry> &entry = device->entry(component);
        if (!entry)
            continue;
        QJsonObject session {{QStringLiteral("dev_addr"), devAddr.toUpper()},
                             {QStringLiteral("keys"),
                              QJsonObject {{QStringLiteral("session_key_id"), sessionKeyId}}}};
        entry->fields.insert(QStringLiteral("session"), session);
        entry->updatedAt = timestamp();
    }
    const QString now = timestamp();
    if (device->activatedAt.isEmpty())
        device->activatedAt = now;
    d->renumberQueue(applicationId, deviceId);
    d->changed();
    return Done {};
}

void TtsApplicationModel::recordLastSeen(const QString &applicationId, const QString &deviceId, const QDateTime &time)
{
    DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device)
        return;
    device->lastSeenAt = formatTimestamp(time, 0);
    d->changed();
}

// ---- admin --------------------------------------------------------------------------------------------------

std::optional<TtsApplicationModel::DeviceSummary> TtsApplicationModel::deviceSummary(const QString &applicationId,
                                                                                     const QString &deviceId) const
{
    const DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device)
        return std::nullopt;
    DeviceSummary summary;
    summary.applicationId = applicationId;
    summary.deviceId = deviceId;
    for (TtsComponent component : ttsAllComponents()) {
        const auto &entry = device->entry(component);
        if (!entry)
            continue;
        summary.registries.append(component);
        if (device->isLeftover(component))
            summary.leftovers.append(component);
        if (summary.devEui.isEmpty())
            summary.devEui = entry->devEui;
        if (summary.joinEui.isEmpty())
            summary.joinEui = entry->joinEui;
        if (summary.createdAt.isEmpty() || entry->createdAt < summary.createdAt)
            summary.createdAt = entry->createdAt;
    }
    summary.lastSeenAt = device->lastSeenAt;
    summary.activatedAt = device->activatedAt;
    summary.queueLength = int(device->queue.size());
    return summary;
}

QList<TtsApplicationModel::DeviceSummary> TtsApplicationModel::devices(const QString &applicationId) const
{
    QList<DeviceSummary> result;
    for (auto app = d->applications.constBegin(); app != d->applications.constEnd(); ++app) {
        if (!applicationId.isEmpty() && app.key() != applicationId)
            continue;
        for (auto device = app->devices.constBegin(); device != app->devices.constEnd(); ++device) {
            if (const std::optional<DeviceSummary> summary = deviceSummary(app.key(), device.key()))
                result.append(*summary);
        }
    }
    return result;
}

Result<TtsApplicationModel::DeviceSummary> TtsApplicationModel::provisionDevice(const QString &applicationId,
                                                                                const ProvisionSpec &spec)
{
    const QJsonObject ids {{QStringLiteral("device_id"), spec.deviceId},
                           {QStringLiteral("dev_eui"), spec.devEui},
                           {QStringLiteral("join_eui"), spec.joinEui}};
    const QStringList idPaths = {QStringLiteral("ids.device_id"), QStringLiteral("ids.dev_eui"),
                                 QStringLiteral("ids.join_eui")};
    QJsonObject identity {{QStringLiteral("ids"), ids}};
    QStringList identityPaths = {QStringLiteral("ids.dev_eui"), QStringLiteral("ids.join_eui")};
    if (!spec.name.isEmpty()) {
        identity.insert(QStringLiteral("name"), spec.name);
        identityPaths.append(QStringLiteral("name"));
    }
    QJsonObject rootKeys {{QStringLiteral("app_key"), QJsonObject {{QStringLiteral("key"), spec.appKey}}}};
    QStringList joinPaths = idPaths + QStringList {QStringLiteral("root_keys.app_key.key")};
    if (!spec.nwkKey.isEmpty()) {
        rootKeys.insert(QStringLiteral("nwk_key"), QJsonObject {{QStringLiteral("key"), spec.nwkKey}});
        joinPaths.append(QStringLiteral("root_keys.nwk_key.key"));
    }
    const QJsonObject join {{QStringLiteral("ids"), ids}, {QStringLiteral("root_keys"), rootKeys}};
    const QJsonObject network {{QStringLiteral("ids"), ids},
                               {QStringLiteral("supports_join"), true},
                               {QStringLiteral("lorawan_version"), spec.lorawanVersion},
                               {QStringLiteral("lorawan_phy_version"), spec.lorawanPhyVersion},
                               {QStringLiteral("frequency_plan_id"), spec.frequencyPlanId}};
    const QStringList networkPaths = idPaths + QStringList {QStringLiteral("supports_join"),
                                                            QStringLiteral("lorawan_version"),
                                                            QStringLiteral("lorawan_phy_version"),
                                                            QStringLiteral("frequency_plan_id")};
    const QJsonObject applicationServer {{QStringLiteral("ids"), ids}};

    if (!JsonFieldReader::isHex(spec.appKey, 32))
        return TtsServerError::validation(QStringLiteral("appKey"), QStringLiteral("value must be 32 hexadecimal digits"));
    if (!spec.nwkKey.isEmpty() && !JsonFieldReader::isHex(spec.nwkKey, 32))
        return TtsServerError::validation(QStringLiteral("nwkKey"), QStringLiteral("value must be 32 hexadecimal digits"));
    if (spec.devEui.isEmpty() || spec.joinEui.isEmpty())
        return TtsServerError::validation(QStringLiteral("devEui"), QStringLiteral("DevEUI and JoinEUI are required"));

    QList<TtsComponent> created;
    auto rollBack = [&](const ServiceError &error) -> Result<DeviceSummary> {
        for (auto it = created.crbegin(); it != created.crend(); ++it)
            deleteDevice(applicationId, spec.deviceId, *it);
        return error;
    };
    if (Result<QJsonObject> step = createDevice(applicationId, identity, identityPaths); !step)
        return step.error();
    created.append(TtsComponent::IdentityServer);
    const struct
    {
        TtsComponent component;
        const QJsonObject &body;
        const QStringList &paths;
    } steps[] = {{TtsComponent::JoinServer, join, joinPaths},
                 {TtsComponent::NetworkServer, network, networkPaths},
                 {TtsComponent::ApplicationServer, applicationServer, idPaths}};
    for (const auto &step : steps) {
        if (Result<QJsonObject> result = setDevice(applicationId, spec.deviceId, step.component, step.body, step.paths);
            !result)
            return rollBack(result.error());
        created.append(step.component);
    }
    return *deviceSummary(applicationId, spec.deviceId);
}

Result<QList<TtsComponent>> TtsApplicationModel::removeFromRegistries(const QString &applicationId,
                                                                      const QString &deviceId,
                                                                      const QList<TtsComponent> &components)
{
    const DeviceRecord *device = d->record(applicationId, deviceId);
    if (!device) {
        return adminError(ServiceError::Kind::NotFound, QStringLiteral("DeviceNotFound"),
                          tr("No registry of TTS application \"%1\" has the device \"%2\".")
                              .arg(applicationId.left(64), deviceId.left(64)));
    }
    QList<TtsComponent> removed;
    for (TtsComponent component : components) {
        if (hasEntry(applicationId, deviceId, component) && deleteDevice(applicationId, deviceId, component))
            removed.append(component);
    }
    return removed;
}

void TtsApplicationModel::addFault(const Fault &fault)
{
    d->faults.append(fault);
}

void TtsApplicationModel::clearFaults()
{
    d->faults.clear();
}

QList<TtsApplicationModel::Fault> TtsApplicationModel::faults() const
{
    return d->faults;
}

std::optional<ServiceError> TtsApplicationModel::takeFault(TtsComponent component, const QByteArray &method)
{
    for (qsizetype i = 0; i < d->faults.size(); ++i) {
        Fault &fault = d->faults[i];
        if (fault.component != component || (!fault.method.isEmpty() && fault.method != method))
            continue;
        const int status = fault.status;
        if (--fault.remaining <= 0)
            d->faults.removeAt(i);
        qCInfo(lcSandbox).noquote() << "TTS: injected fault" << status << "on" << method << ttsComponentShortName(component);
        return TtsServerError::injectedFault(component, status);
    }
    return std::nullopt;
}

void TtsApplicationModel::reset()
{
    QList<QPair<QString, QString>> wereComplete;
    for (auto app = d->applications.begin(); app != d->applications.end(); ++app) {
        for (auto device = app->devices.constBegin(); device != app->devices.constEnd(); ++device) {
            if (device->isComplete())
                wereComplete.append({app.key(), device.key()});
        }
        app->devices.clear();
    }
    d->faults.clear();
    qCInfo(lcSandbox) << "TTS state reset";
    for (const auto &device : std::as_const(wereComplete))
        emit deviceDeleted(device.first, device.second);
    d->changed();
}

// ---- helpers ------------------------------------------------------------------------------------------------

QString TtsApplicationModel::timestamp()
{
    const qint64 ms = d->clock->nowUtc().toMSecsSinceEpoch();
    if (ms > d->lastStampMs) {
        d->lastStampMs = ms;
        d->stampCount = 0;
    }
    if (++d->stampCount > 999999) {
        ++d->lastStampMs;
        d->stampCount = 1;
    }
    return formatTimestamp(QDateTime::fromMSecsSinceEpoch(d->lastStampMs, Qt::UTC), d->stampCount);
}

QString TtsApplicationModel::formatTimestamp(const QDateTime &time, int nanosWithinMillisecond)
{
    const QDateTime utc = time.toUTC();
    const qint64 nanos = qint64(utc.time().msec()) * 1000000 + std::clamp(nanosWithinMillisecond, 0, 999999);
    return utc.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) + QLatin1Char('.') +
        QStringLiteral("%1").arg(nanos, 9, 10, QLatin1Char('0')) + QLatin1Char('Z');
}

QString TtsApplicationModel::correlationId()
{
    return randomHex(32).toLower();
}

QRandomGenerator &TtsApplicationModel::random()
{
    return d->random;
}

QString TtsApplicationModel::randomHex(int digits)
{
    static const char hex[] = "0123456789ABCDEF";
    QString text;
    text.reserve(digits);
    for (int i = 0; i < digits; ++i)
        text.append(QLatin1Char(hex[d->random.bounded(16)]));
    return text;
}

} // namespace TwinBridge::Sandbox
