#include "sandbox/hub/SandboxHub.h"

#include "sandbox/hub/DeviceQuery.h"
#include "sandbox/hub/TwinState.h"
#include "services/core/Logging.h"
#include "services/core/TokenBucket.h"
#include "services/protocol/JsonMergePatch.h"
#include "services/protocol/SasToken.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>

#include <array>
#include <deque>

namespace TwinBridge::Sandbox {

namespace {

constexpr int OperationCount = HubThrottle::OperationCount;
constexpr int MaxBulkDevices = 100;
constexpr int DefaultPageSize = 100;
constexpr int MaxPageSize = 1000;
constexpr int StateFormat = 1;

const QString ContentTypeJson = QStringLiteral("application/json");

QString tr(const char *text)
{
    return SandboxHub::tr(text);
}

ServiceError hubError(int status, const QString &code, const QString &message)
{
    ServiceError error(ServiceError::kindForHttpStatus(status), message);
    error.setHttpStatus(status);
    error.setCode(code);
    return error;
}

ServiceError unauthorized(const QString &message)
{
    return hubError(401, QStringLiteral("IotHubUnauthorizedAccess"), message);
}

ServiceError deviceNotFound(const QString &deviceId)
{
    return hubError(404, QStringLiteral("DeviceNotFound"),
                    tr("The device with ID '%1' is not registered in this hub.").arg(deviceId));
}

ServiceError preconditionFailed(const QString &what)
{
    return hubError(
        412, QStringLiteral("PreconditionFailed"),
        tr("Precondition failed: the etag in If-Match does not match the current etag of the %1.").arg(what));
}

// A client-side validation error (TwinRules, device id, keys) as the hub answers it: 400 ArgumentInvalid,
// the message (starting with the JSON path for twin rules) and payload kept.
ServiceError badRequest(const ServiceError &cause)
{
    ServiceError error = hubError(400, QStringLiteral("ArgumentInvalid"), cause.message());
    error.setPayload(cause.payload());
    return error;
}

ServiceError badRequest(const QString &message)
{
    return hubError(400, QStringLiteral("ArgumentInvalid"), message);
}

QString randomKey()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return QString::fromLatin1(bytes.toBase64());
}

QString randomHex(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (char &c : data)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(data.toHex());
}

Status validateKey(const QString &key, const QString &which)
{
    const auto decoded = QByteArray::fromBase64Encoding(key.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < 16 || decoded.decoded.size() > 64) {
        return badRequest(tr("The %1 key must be base64 of 16 to 64 bytes.").arg(which));
    }
    return Done {};
}

// "MTY3NjI1NDM0": IoT Hub's device etags are the base64 of a decimal number.
QString deviceEtagFor(quint64 number)
{
    return QString::fromLatin1(QByteArray::number(number).toBase64());
}

QString unquoted(QString etag)
{
    etag = etag.trimmed();
    if (etag.startsWith(QLatin1String("W/")))
        etag = etag.mid(2);
    if (etag.size() >= 2 && etag.startsWith(QLatin1Char('"')) && etag.endsWith(QLatin1Char('"')))
        etag = etag.mid(1, etag.size() - 2);
    return etag;
}

bool etagMatches(const QString &ifMatch, const QString &current)
{
    const QString wanted = unquoted(ifMatch);
    return wanted.isEmpty() || wanted == QLatin1String("*") || wanted == current;
}

// The *IfMatchETag import modes: the entry's etag must be the current one ("*" forces); none never matches.
bool importEtagMatches(const QString &given, const QString &current)
{
    const QString wanted = unquoted(given);
    return wanted == QLatin1String("*") || (!wanted.isEmpty() && wanted == current);
}

QString throttleUnit(HubThrottle::Operation operation)
{
    return HubThrottle::isPerMinute(operation) ? tr("per minute") : tr("per second");
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Continuation tokens: base64url of {"after": last device id, "q": hash of the query}.
QString continuationToken(const QString &lastDeviceId, const QString &sql)
{
    const QJsonObject token {
        {QStringLiteral("after"), lastDeviceId},
        {QStringLiteral("q"),
         QString::fromLatin1(QCryptographicHash::hash(sql.toUtf8(), QCryptographicHash::Sha1).toHex().left(12))}};
    return QString::fromLatin1(compact(token).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QString> parseContinuation(const QString &token, const QString &sql)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(decoded.decoded).object();
    const QJsonValue after = object.value(QStringLiteral("after"));
    if (!after.isString())
        return std::nullopt;
    const QString expected =
        QString::fromLatin1(QCryptographicHash::hash(sql.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    if (object.value(QStringLiteral("q")).toString() != expected)
        return std::nullopt;
    return after.toString();
}

} // namespace

// --- private state ---------------------------------------------------------------------------------------

struct DeviceRecord
{
    DeviceIdentity identity;
    TwinState twin;
};

class SandboxHub::Private
{
public:
    Private(SandboxHub *owner, Options hubOptions, Clock *hubClock)
        : q(owner)
        , options(std::move(hubOptions))
        , clock(hubClock)
    {
        // Connection-state sequence numbers start with the hub's start time, so that they keep growing
        // across restarts (lexicographic comparison, like IoT Hub's).
        connectionEpoch = quint64(hubClock->nowUtc().toMSecsSinceEpoch()) * 10000ULL + 116444736000000000ULL;
        applyLimits(true);
    }

    // Burst = one period's worth (HubThrottle::Limits::burst), like the engine's limiter; `refill` starts
    // every bucket full, otherwise they keep their tokens.
    void applyLimits(bool refill)
    {
        const HubThrottle::Limits limits = HubThrottle::limitsFor(options.sku, options.units);
        for (int i = 0; i < OperationCount; ++i) {
            const auto operation = HubThrottle::Operation(i);
            if (refill)
                buckets[size_t(i)] = TokenBucket(limits.perSecond(operation), limits.burst(operation), clock);
            else
                buckets[size_t(i)].setRate(limits.perSecond(operation), limits.burst(operation));
        }
    }

    QDateTime now() const { return clock->nowUtc(); }

    Status available() const
    {
        if (faults.inOutage(now())) {
            return hubError(503, QStringLiteral("ServiceUnavailable"),
                            tr("The hub \"%1\" is temporarily unavailable (an injected outage until %2). Try again "
                               "later.")
                                .arg(options.name, faults.outageUntil.toString(Qt::ISODate)));
        }
        return Done {};
    }

    Status admit(HubThrottle::Operation operation, double tokens)
    {
        const QDateTime time = now();
        const bool twinOperation =
            operation == HubThrottle::Operation::TwinRead || operation == HubThrottle::Operation::TwinUpdate;
        if (twinOperation && !HubThrottle::hasTwins(options.sku)) {
            return hubError(
                403, QStringLiteral("OperationNotAvailableInCurrentTier"),
                tr("Device twins are not available in the %1 tier of IoT Hub.").arg(HubThrottle::skuName(options.sku)));
        }
        const bool faulted = (twinOperation && faults.twinThrottled(time)) ||
            (operation == HubThrottle::Operation::Registry && faults.registryThrottled(time));
        if (faulted) {
            ++metrics.throttled;
            return hubError(429, QStringLiteral("ThrottlingException"),
                            tr("The hub \"%1\" is throttling %2 (an injected fault). Back off and retry.")
                                .arg(options.name, HubThrottle::operationName(operation)));
        }
        if (!throttlesEnabled)
            return Done {};
        TokenBucket &bucket = buckets[size_t(operation)];
        if (!bucket.tryAcquire(tokens)) {
            ++metrics.throttled;
            const HubThrottle::Limits limits = HubThrottle::limitsFor(options.sku, options.units);
            qCDebug(lcSandbox).noquote() << options.name << "throttled" << HubThrottle::operationName(operation);
            return hubError(429, QStringLiteral("ThrottlingException"),
                            tr("The hub \"%1\" (%2 × %3) allows %4 %5 %6; the limit was exceeded. Back off and "
                               "retry.")
                                .arg(options.name, HubThrottle::skuName(options.sku))
                                .arg(options.units)
                                .arg(QString::number(limits.natural(operation), 'g', 6),
                                     HubThrottle::operationName(operation), throttleUnit(operation)));
        }
        return Done {};
    }

    DeviceRecord *find(const QString &deviceId)
    {
        auto it = devices.find(deviceId);
        return it == devices.end() ? nullptr : &it.value();
    }
    const DeviceRecord *find(const QString &deviceId) const
    {
        auto it = devices.constFind(deviceId);
        return it == devices.cend() ? nullptr : &it.value();
    }

    QString nextDeviceEtag() { return deviceEtagFor(++etagSequence); }

    QString nextGenerationId()
    {
        // .NET ticks like IoT Hub's ("637972345678901234"), made unique by a counter.
        const quint64 ticks = (quint64(now().toMSecsSinceEpoch()) + 62135596800000ULL) * 10000ULL;
        return QString::number(ticks + (++generationSequence % 10000));
    }

    DeviceTwin twinOf(const DeviceRecord &record) const
    {
        const DeviceIdentity &identity = record.identity;
        DeviceTwin twin;
        twin.deviceId = identity.deviceId;
        twin.etag = record.twin.etag();
        twin.deviceEtag = identity.etag;
        twin.version = record.twin.version();
        twin.status = identity.status;
        twin.statusReason = identity.statusReason;
        twin.statusUpdateTime = identity.statusUpdatedTime;
        twin.connectionState = identity.connectionState;
        twin.lastActivityTime = identity.lastActivityTime;
        twin.cloudToDeviceMessageCount = identity.cloudToDeviceMessageCount;
        twin.authenticationType = identity.authentication.type;
        twin.primaryThumbprint = identity.authentication.primaryThumbprint;
        twin.secondaryThumbprint = identity.authentication.secondaryThumbprint;
        twin.tags = record.twin.tags();
        twin.desired = record.twin.desiredSection();
        twin.reported = record.twin.reportedSection();
        twin.iotEdge = identity.iotEdge;
        twin.deviceScope = identity.deviceScope;
        twin.parentScopes = identity.parentScopes;
        return twin;
    }

    // The twin as lifecycle events and replaceTwin notifications carry it (§4.2).
    QJsonObject notificationTwin(const DeviceRecord &record) const
    {
        QJsonObject body;
        body.insert(QStringLiteral("deviceId"), record.identity.deviceId);
        body.insert(QStringLiteral("etag"), record.twin.etag());
        body.insert(QStringLiteral("version"), record.twin.version());
        if (!record.twin.tags().isEmpty())
            body.insert(QStringLiteral("tags"), record.twin.tags());
        body.insert(QStringLiteral("properties"),
                    QJsonObject {{QStringLiteral("desired"), record.twin.desiredSection()},
                                 {QStringLiteral("reported"), record.twin.reportedSection()}});
        return body;
    }

    void raise(RoutingSource source, const QString &deviceId, const QString &opType, const QString &schema,
               const QString &messageSource, const QJsonObject &body)
    {
        const QDateTime time = now();
        HubMessage message;
        message.source = source;
        message.hubName = options.name;
        message.deviceId = deviceId;
        message.sequenceNumber = ++sequenceNumber;
        message.enqueuedTime = time;
        message.bodyJson = body; // written out only where it is kept (HubMessage::bodyBytes())
        message.applicationProperties.insert(QStringLiteral("hubName"), options.name);
        message.applicationProperties.insert(QStringLiteral("deviceId"), deviceId);
        message.applicationProperties.insert(QStringLiteral("opType"), opType);
        message.applicationProperties.insert(QStringLiteral("iothub-message-schema"), schema);
        message.applicationProperties.insert(QStringLiteral("operationTimestamp"), TwinState::timestampText(time));
        message.systemProperties.insert(QStringLiteral("content-type"), ContentTypeJson);
        message.systemProperties.insert(QStringLiteral("content-encoding"), QStringLiteral("utf-8"));
        message.systemProperties.insert(QStringLiteral("correlation-id"), randomHex(6));
        message.systemProperties.insert(QStringLiteral("user-id"), options.name);
        message.systemProperties.insert(QStringLiteral("iothub-connection-device-id"), deviceId);
        message.systemProperties.insert(QStringLiteral("iothub-enqueuedtime"), time.toMSecsSinceEpoch());
        message.systemProperties.insert(QStringLiteral("iothub-message-source"), messageSource);
        emit q->messageRaised(message);
    }

    void raiseLifecycle(const DeviceRecord &record, bool created)
    {
        raise(RoutingSource::DeviceLifecycleEvents, record.identity.deviceId,
              created ? QStringLiteral("createDeviceIdentity") : QStringLiteral("deleteDeviceIdentity"),
              QStringLiteral("deviceLifecycleNotification"), QStringLiteral("deviceLifecycleEvents"),
              notificationTwin(record));
    }

    void raiseTwinChange(const QString &deviceId, const QString &opType, const QJsonObject &body)
    {
        raise(RoutingSource::TwinChangeEvents, deviceId, opType, QStringLiteral("twinChangeNotification"),
              QStringLiteral("twinChangeEvents"), body);
    }

    void raiseConnectionState(const QString &deviceId, bool connected)
    {
        // 64 hex digits, compared lexicographically (§4.2): zeros, the hub epoch, a constant, a counter.
        const QString sequence = QStringLiteral("%1%2%3%4")
                                     .arg(0, 16, 16, QLatin1Char('0'))
                                     .arg(connectionEpoch, 16, 16, QLatin1Char('0'))
                                     .arg(2, 8, 16, QLatin1Char('0'))
                                     .arg(++connectionSequence, 24, 16, QLatin1Char('0'))
                                     .toUpper();
        raise(RoutingSource::DeviceConnectionStateEvents, deviceId,
              connected ? QStringLiteral("deviceConnected") : QStringLiteral("deviceDisconnected"),
              QStringLiteral("deviceConnectionStateNotification"), QStringLiteral("deviceConnectionStateEvents"),
              QJsonObject {{QStringLiteral("sequenceNumber"), sequence}});
    }

    // After a desired change: the notification for a connected device.
    void notifyDesired(const DeviceRecord &record, QJsonObject patch)
    {
        if (record.identity.connectionState != DeviceIdentity::ConnectionState::Connected)
            return;
        const qint64 version = record.twin.desiredVersion();
        patch.insert(QStringLiteral("$version"), version);
        emit q->desiredPropertiesChanged(record.identity.deviceId, patch, version);
    }

    // --- registry internals (no throttle, no events beyond their own) ---

    Result<DeviceIdentity> create(const DeviceIdentity &requested, const ImportDevice *import)
    {
        if (Status valid = DeviceIdentity::validateDeviceId(requested.deviceId); !valid)
            return badRequest(valid.error());
        if (devices.contains(requested.deviceId)) {
            return hubError(409, QStringLiteral("DeviceAlreadyExists"),
                            tr("A device with ID '%1' is already registered.").arg(requested.deviceId));
        }
        DeviceIdentity identity;
        identity.deviceId = requested.deviceId;
        identity.status = requested.status;
        identity.statusReason = requested.statusReason;
        identity.iotEdge = requested.iotEdge;
        identity.deviceScope = requested.deviceScope;
        identity.parentScopes = requested.parentScopes;
        Result<DeviceAuthentication> authentication = checkedAuthentication(requested.authentication, nullptr);
        if (!authentication)
            return authentication.error();
        identity.authentication = authentication.value();
        identity.connectionState = DeviceIdentity::ConnectionState::Disconnected;

        DeviceRecord record;
        if (import) {
            const std::optional<QJsonObject> desired = import->desired
                ? std::optional<QJsonObject>(TwinState::withoutSystemMembers(*import->desired))
                : std::nullopt;
            if (Status twin = record.twin.overwrite(import->tags, desired, import->reported, now()); !twin)
                return badRequest(twin.error());
        }
        identity.generationId = nextGenerationId();
        identity.etag = nextDeviceEtag();
        record.identity = identity;
        const DeviceRecord &stored = devices.insert(identity.deviceId, record).value();
        ++metrics.registryOperations;
        raiseLifecycle(stored, true);
        return identity;
    }

    // Keys: generated when empty (create) or kept (update); validated when given.
    Result<DeviceAuthentication> checkedAuthentication(DeviceAuthentication requested,
                                                       const DeviceAuthentication *current)
    {
        if (requested.type == DeviceAuthentication::Type::Sas) {
            const bool keepCurrent = current && current->type == DeviceAuthentication::Type::Sas &&
                requested.primaryKey.isEmpty() && requested.secondaryKey.isEmpty();
            if (keepCurrent) {
                requested.primaryKey = current->primaryKey;
                requested.secondaryKey = current->secondaryKey;
            }
            if (requested.primaryKey.isEmpty())
                requested.primaryKey = randomKey();
            if (requested.secondaryKey.isEmpty())
                requested.secondaryKey = randomKey();
            if (Status valid = validateKey(requested.primaryKey, tr("primary")); !valid)
                return valid.error();
            if (Status valid = validateKey(requested.secondaryKey, tr("secondary")); !valid)
                return valid.error();
            requested.primaryThumbprint.clear();
            requested.secondaryThumbprint.clear();
        } else {
            requested.primaryKey.clear();
            requested.secondaryKey.clear();
            if (requested.type == DeviceAuthentication::Type::SelfSigned && requested.primaryThumbprint.isEmpty()) {
                return badRequest(tr("A device with selfSigned authentication needs a primary thumbprint."));
            }
        }
        return requested;
    }

    Result<DeviceIdentity> update(DeviceRecord &record, const DeviceIdentity &requested)
    {
        DeviceIdentity &identity = record.identity;
        Result<DeviceAuthentication> authentication =
            checkedAuthentication(requested.authentication, &identity.authentication);
        if (!authentication)
            return authentication.error();
        const bool credentialsChanged = !(authentication.value() == identity.authentication);
        const bool disabled =
            identity.status == DeviceIdentity::Status::Enabled && requested.status == DeviceIdentity::Status::Disabled;
        if (identity.status != requested.status)
            identity.statusUpdatedTime = now();
        identity.status = requested.status;
        identity.statusReason = requested.statusReason;
        identity.authentication = authentication.value();
        identity.iotEdge = requested.iotEdge;
        identity.deviceScope = requested.deviceScope;
        identity.parentScopes = requested.parentScopes;
        identity.etag = nextDeviceEtag();
        ++metrics.registryOperations;
        if (credentialsChanged || disabled)
            emit q->deviceConnectionRevoked(identity.deviceId);
        return identity;
    }

    void remove(const QString &deviceId)
    {
        const DeviceRecord record = devices.take(deviceId);
        ++metrics.registryOperations;
        if (record.identity.connectionState == DeviceIdentity::ConnectionState::Connected)
            metrics.connectedDevices = std::max(0, metrics.connectedDevices - 1);
        raiseLifecycle(record, false);
        emit q->deviceConnectionRevoked(deviceId);
    }

    // Bulk import: overwrite the given twin sections; a replaceTwin notification when tags or desired
    // changed.
    Status importTwin(DeviceRecord &record, const ImportDevice &entry)
    {
        if (!entry.tags && !entry.desired && !entry.reported)
            return Done {};
        const QJsonObject oldDesired = record.twin.desired();
        const std::optional<QJsonObject> desired =
            entry.desired ? std::optional<QJsonObject>(TwinState::withoutSystemMembers(*entry.desired)) : std::nullopt;
        if (Status twin = record.twin.overwrite(entry.tags, desired, entry.reported, now()); !twin)
            return badRequest(twin.error());
        if (entry.tags || entry.desired)
            raiseTwinChange(record.identity.deviceId, QStringLiteral("replaceTwin"), notificationTwin(record));
        if (entry.desired)
            notifyDesired(record, JsonMergePatch::diff(oldDesired, record.twin.desired()));
        return Done {};
    }

    std::optional<BulkImportResult::DeviceError> importOne(const ImportDevice &entry);

    // Keeps at most options.maxRecordedMessages recorded messages in the hub, dropping the oldest first
    // (10,000 devices × 1000 per device would otherwise be gigabytes). `recordOrder` lists the recorded
    // messages in arrival order; entries whose message the per-device limit dropped meanwhile are skipped
    // here and purged when they make up half of the list.
    void evictRecorded()
    {
        const auto limit = qsizetype(options.maxRecordedMessages);
        while (recordedCount > limit) {
            const auto [sequence, deviceId] = recordOrder.front();
            recordOrder.pop_front();
            auto ring = messages.find(deviceId);
            if (ring == messages.end() || ring->empty() || ring->front().sequenceNumber != sequence)
                continue;
            ring->pop_front();
            --recordedCount;
            if (ring->empty())
                messages.erase(ring);
        }
        if (qsizetype(recordOrder.size()) > 2 * recordedCount + 64) {
            std::deque<std::pair<qint64, QString>> live;
            for (auto &entry : recordOrder) {
                auto ring = messages.constFind(entry.second);
                if (ring != messages.cend() && !ring->empty() && entry.first >= ring->front().sequenceNumber)
                    live.push_back(std::move(entry));
            }
            recordOrder.swap(live);
        }
    }

    SandboxHub *q;
    Options options;
    Clock *clock;
    bool throttlesEnabled = true;
    std::array<TokenBucket, OperationCount> buckets;
    QMap<QString, DeviceRecord> devices;
    QHash<QString, std::deque<HubMessage>> messages; // unordered: readers sort by sequence number
    std::deque<std::pair<qint64, QString>> recordOrder;
    qsizetype recordedCount = 0;
    HubFaults faults;
    HubMetrics metrics;
    quint64 etagSequence = 0;
    quint64 generationSequence = 0;
    qint64 sequenceNumber = 0;
    quint64 connectionEpoch = 0;
    quint64 connectionSequence = 0;
    // Devices whose identity or twin changed since the last takeChangedDevices() (incremental saving);
    // allChanged: every device may have (a new or restored hub, a reset).
    QSet<QString> changedDevices;
    bool allChanged = true;

    void markChanged(const QString &deviceId)
    {
        if (!allChanged)
            changedDevices.insert(deviceId);
    }
};

std::optional<BulkImportResult::DeviceError> SandboxHub::Private::importOne(const ImportDevice &entry)
{
    using Mode = ImportDevice::Mode;
    BulkImportResult::DeviceError failure;
    failure.deviceId = entry.id;
    failure.moduleId = entry.moduleId;
    failure.operation = ImportDevice::modeName(entry.importMode);
    auto fail = [&failure](const ServiceError &error) {
        failure.errorCode = error.code();
        failure.errorStatus = error.message();
        return std::optional<BulkImportResult::DeviceError>(failure);
    };

    DeviceRecord *record = find(entry.id);
    const bool etagMode = entry.importMode == Mode::UpdateIfMatchETag || entry.importMode == Mode::DeleteIfMatchETag ||
        entry.importMode == Mode::CreateOrUpdateIfMatchETag;
    if (etagMode && record && !importEtagMatches(entry.eTag, record->identity.etag)) {
        return fail(preconditionFailed(tr("device '%1'").arg(entry.id)));
    }

    DeviceIdentity requested;
    requested.deviceId = entry.id;
    if (record)
        requested = record->identity;
    if (entry.status)
        requested.status = *entry.status;
    if (!entry.statusReason.isEmpty())
        requested.statusReason = entry.statusReason;
    if (entry.authentication)
        requested.authentication = *entry.authentication;
    else if (!record)
        requested.authentication = DeviceAuthentication();
    if (entry.iotEdge)
        requested.iotEdge = *entry.iotEdge;
    if (!entry.deviceScope.isEmpty())
        requested.deviceScope = entry.deviceScope;
    if (!entry.parentScopes.isEmpty())
        requested.parentScopes = entry.parentScopes;

    switch (entry.importMode) {
    case Mode::Create: {
        Result<DeviceIdentity> created = create(requested, &entry);
        return created ? std::nullopt : fail(created.error());
    }
    case Mode::CreateOrUpdate:
    case Mode::CreateOrUpdateIfMatchETag:
        if (!record) {
            Result<DeviceIdentity> created = create(requested, &entry);
            return created ? std::nullopt : fail(created.error());
        }
        [[fallthrough]];
    case Mode::Update:
    case Mode::UpdateIfMatchETag: {
        if (!record)
            return fail(deviceNotFound(entry.id));
        // Check the twin first so that a rejected entry changes nothing.
        TwinState trial = record->twin;
        if (Status twin = trial.overwrite(entry.tags, entry.desired, entry.reported, now()); !twin)
            return fail(badRequest(twin.error()));
        Result<DeviceIdentity> updated = update(*record, requested);
        if (!updated)
            return fail(updated.error());
        if (Status twin = importTwin(*record, entry); !twin)
            return fail(twin.error());
        return std::nullopt;
    }
    case Mode::Delete:
    case Mode::DeleteIfMatchETag:
        if (!record)
            return fail(deviceNotFound(entry.id));
        remove(entry.id);
        return std::nullopt;
    case Mode::UpdateTwin:
    case Mode::UpdateTwinIfMatchETag: {
        if (!record)
            return fail(deviceNotFound(entry.id));
        if (entry.importMode == Mode::UpdateTwinIfMatchETag) {
            const QString wanted = entry.twinETag.isEmpty() ? entry.eTag : entry.twinETag;
            if (!importEtagMatches(wanted, record->twin.etag()))
                return fail(preconditionFailed(tr("twin of device '%1'").arg(entry.id)));
        }
        ++metrics.registryOperations;
        if (Status twin = importTwin(*record, entry); !twin)
            return fail(twin.error());
        return std::nullopt;
    }
    }
    return std::nullopt;
}

// --- construction ----------------------------------------------------------------------------------------

namespace {

QList<SharedAccessPolicy> defaultPolicies()
{
    const HubRights all =
        HubRight::RegistryRead | HubRight::RegistryWrite | HubRight::ServiceConnect | HubRight::DeviceConnect;
    const QList<QPair<const char *, HubRights>> defaults = {
        {"iothubowner", all},
        {"service", HubRight::ServiceConnect},
        {"device", HubRight::DeviceConnect},
        {"registryRead", HubRight::RegistryRead},
        {"registryReadWrite", HubRight::RegistryRead | HubRight::RegistryWrite},
        {"twinbridge", all},
    };
    QList<SharedAccessPolicy> policies;
    for (const auto &entry : defaults) {
        SharedAccessPolicy policy;
        policy.keyName = QLatin1String(entry.first);
        policy.primaryKey = randomKey().toLatin1();
        policy.secondaryKey = randomKey().toLatin1();
        policy.rights = entry.second;
        policies.append(policy);
    }
    return policies;
}

} // namespace

SandboxHub::SandboxHub(Options options, Clock *clock, QObject *parent)
    : QObject(parent)
{
    if (options.policies.isEmpty())
        options.policies = defaultPolicies();
    for (SharedAccessPolicy &policy : options.policies) {
        if (policy.primaryKey.isEmpty())
            policy.primaryKey = randomKey().toLatin1();
        if (policy.secondaryKey.isEmpty())
            policy.secondaryKey = randomKey().toLatin1();
    }
    options.units = std::clamp(options.units, 1, HubThrottle::maxUnits(options.sku));
    options.maxRecordedMessagesPerDevice = std::max(1, options.maxRecordedMessagesPerDevice);
    options.maxRecordedMessages = std::max(1, options.maxRecordedMessages);
    d = std::make_unique<Private>(this, std::move(options), clock ? clock : Clock::system());
    d->throttlesEnabled = d->options.throttlesEnabled;
}

SandboxHub::~SandboxHub() = default;

QString SandboxHub::name() const
{
    return d->options.name;
}

QString SandboxHub::hostName() const
{
    return d->options.name + QStringLiteral(".azure-devices.net");
}

HubSku SandboxHub::sku() const
{
    return d->options.sku;
}

int SandboxHub::units() const
{
    return d->options.units;
}

void SandboxHub::configure(HubSku sku, int units)
{
    d->options.sku = sku;
    d->options.units = std::clamp(units, 1, HubThrottle::maxUnits(sku));
    d->applyLimits(false);
    emit stateChanged();
}

void SandboxHub::setThrottlesEnabled(bool enabled)
{
    if (d->throttlesEnabled == enabled)
        return;
    d->throttlesEnabled = enabled;
    d->options.throttlesEnabled = enabled;
    emit stateChanged();
}

bool SandboxHub::throttlesEnabled() const
{
    return d->throttlesEnabled;
}

HubThrottle::Limits SandboxHub::limits() const
{
    return HubThrottle::limitsFor(d->options.sku, d->options.units);
}

Clock *SandboxHub::clock() const
{
    return d->clock;
}

// --- authorization ---------------------------------------------------------------------------------------

QList<SharedAccessPolicy> SandboxHub::policies() const
{
    return d->options.policies;
}

void SandboxHub::setPolicies(QList<SharedAccessPolicy> policies)
{
    for (SharedAccessPolicy &policy : policies) {
        const std::optional<SharedAccessPolicy> current = this->policy(policy.keyName);
        if (policy.primaryKey.isEmpty())
            policy.primaryKey = current ? current->primaryKey : randomKey().toLatin1();
        if (policy.secondaryKey.isEmpty())
            policy.secondaryKey = current ? current->secondaryKey : randomKey().toLatin1();
    }
    if (policies.isEmpty() || policies == d->options.policies)
        return;
    d->options.policies = policies;
    emit stateChanged();
}

std::optional<SharedAccessPolicy> SandboxHub::policy(const QString &keyName) const
{
    for (const SharedAccessPolicy &policy : d->options.policies) {
        if (policy.keyName == keyName)
            return policy;
    }
    return std::nullopt;
}

namespace {

// The token must be signed with one of the two keys; the expiry is checked with the matching key.
Status verifyWithEither(const SasToken &token, const QByteArray &primary, const QByteArray &secondary,
                        const QDateTime &now)
{
    Status first = token.verify(primary, now);
    if (first || first.error().code() == QLatin1String("TokenExpired"))
        return first;
    Status second = token.verify(secondary, now);
    if (second || second.error().code() == QLatin1String("TokenExpired"))
        return second;
    return first;
}

ServiceError asUnauthorized(const ServiceError &error)
{
    return unauthorized(error.message());
}

} // namespace

Status SandboxHub::authorizeService(const QString &sasToken, HubRights required, const QString &resource) const
{
    Result<SasToken> parsed = SasToken::parse(sasToken);
    if (!parsed)
        return asUnauthorized(parsed.error());
    const SasToken &token = parsed.value();
    if (token.keyName().isEmpty()) {
        return unauthorized(tr("The token names no shared access policy (skn); service calls need a token signed "
                               "with a policy key."));
    }
    const std::optional<SharedAccessPolicy> found = policy(token.keyName());
    if (!found) {
        return unauthorized(
            tr("The hub \"%1\" has no shared access policy named \"%2\".").arg(d->options.name, token.keyName()));
    }
    if (Status verified = verifyWithEither(token, found->primaryKey, found->secondaryKey, d->now()); !verified)
        return asUnauthorized(verified.error());
    const QString wanted = resource.isEmpty() ? hostName() : resource;
    if (!token.covers(wanted)) {
        return unauthorized(tr("The token was issued for the resource \"%1\", which does not cover \"%2\".")
                                .arg(token.resource(), wanted));
    }
    HubRights rights = found->rights;
    if (rights.testFlag(HubRight::RegistryWrite))
        rights |= HubRight::RegistryRead;
    if ((rights & required) != required) {
        return unauthorized(tr("Unauthorized: the shared access policy \"%1\" lacks %2 (it grants %3).")
                                .arg(token.keyName(), SharedAccessPolicy::rightsText(required & ~rights),
                                     SharedAccessPolicy::rightsText(found->rights)));
    }
    return Done {};
}

Status SandboxHub::authorizeDevice(const QString &deviceId, const QString &sasToken) const
{
    Result<SasToken> parsed = SasToken::parse(sasToken);
    if (!parsed)
        return asUnauthorized(parsed.error());
    const SasToken &token = parsed.value();
    const DeviceRecord *record = d->find(deviceId);
    if (!record)
        return unauthorized(tr("The device '%1' is not registered in the hub \"%2\".").arg(deviceId, d->options.name));
    if (record->identity.status == DeviceIdentity::Status::Disabled)
        return unauthorized(tr("The device '%1' is disabled.").arg(deviceId));
    const QString resource = SasToken::deviceResource(hostName(), deviceId);
    if (!token.covers(resource)) {
        return unauthorized(tr("The token was issued for the resource \"%1\", which does not cover the device '%2'.")
                                .arg(token.resource(), deviceId));
    }
    if (token.keyName().isEmpty()) {
        const DeviceAuthentication &authentication = record->identity.authentication;
        if (authentication.type != DeviceAuthentication::Type::Sas)
            return unauthorized(tr("The device '%1' does not authenticate with symmetric keys.").arg(deviceId));
        Status verified = verifyWithEither(token, authentication.primaryKey.toLatin1(),
                                           authentication.secondaryKey.toLatin1(), d->now());
        return verified ? verified : Status(asUnauthorized(verified.error()));
    }
    const std::optional<SharedAccessPolicy> found = policy(token.keyName());
    if (!found) {
        return unauthorized(
            tr("The hub \"%1\" has no shared access policy named \"%2\".").arg(d->options.name, token.keyName()));
    }
    if (!found->rights.testFlag(HubRight::DeviceConnect)) {
        return unauthorized(
            tr("Unauthorized: the shared access policy \"%1\" lacks DeviceConnect.").arg(token.keyName()));
    }
    Status verified = verifyWithEither(token, found->primaryKey, found->secondaryKey, d->now());
    return verified ? verified : Status(asUnauthorized(verified.error()));
}

// --- identity registry -----------------------------------------------------------------------------------

Result<DeviceIdentity> SandboxHub::createDevice(const DeviceIdentity &requested)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::Registry, 1); !ok)
        return ok.error();
    Result<DeviceIdentity> created = d->create(requested, nullptr);
    if (created) {
        d->markChanged(created.value().deviceId);
        emit stateChanged();
    }
    return created;
}

Result<DeviceIdentity> SandboxHub::device(const QString &deviceId)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::Registry, 1); !ok)
        return ok.error();
    ++d->metrics.registryOperations;
    const DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    return record->identity;
}

Result<DeviceIdentity> SandboxHub::updateDevice(const DeviceIdentity &requested, const QString &ifMatch)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::Registry, 1); !ok)
        return ok.error();
    DeviceRecord *record = d->find(requested.deviceId);
    if (!record)
        return deviceNotFound(requested.deviceId);
    if (!etagMatches(ifMatch, record->identity.etag))
        return preconditionFailed(tr("device '%1'").arg(requested.deviceId));
    Result<DeviceIdentity> updated = d->update(*record, requested);
    if (updated) {
        d->markChanged(requested.deviceId);
        emit stateChanged();
    }
    return updated;
}

Status SandboxHub::deleteDevice(const QString &deviceId, const QString &ifMatch)
{
    if (Status ok = d->available(); !ok)
        return ok;
    if (Status ok = d->admit(HubThrottle::Operation::Registry, 1); !ok)
        return ok;
    DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    if (!etagMatches(ifMatch, record->identity.etag))
        return preconditionFailed(tr("device '%1'").arg(deviceId));
    d->remove(deviceId);
    d->markChanged(deviceId);
    emit stateChanged();
    return Done {};
}

Result<BulkImportResult> SandboxHub::importDevices(const QList<ImportDevice> &devices)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (devices.isEmpty())
        return badRequest(tr("The bulk request lists no devices."));
    if (devices.size() > MaxBulkDevices) {
        return hubError(400, QStringLiteral("TooManyDevices"),
                        tr("A bulk registry request takes at most %1 devices; this one has %2.")
                            .arg(MaxBulkDevices)
                            .arg(devices.size()));
    }
    QSet<QString> seen;
    for (const ImportDevice &entry : devices) {
        if (seen.contains(entry.id)) {
            return hubError(400, QStringLiteral("DeviceDefinedMultipleTimes"),
                            tr("The device '%1' appears more than once in the bulk request.").arg(entry.id));
        }
        seen.insert(entry.id);
    }
    // §3.5: every device of a bulk request counts against the registry throttle.
    if (Status ok = d->admit(HubThrottle::Operation::Registry, double(devices.size())); !ok)
        return ok.error();

    BulkImportResult result;
    for (const ImportDevice &entry : devices) {
        if (std::optional<BulkImportResult::DeviceError> error = d->importOne(entry))
            result.errors.append(*error);
        d->markChanged(entry.id);
    }
    result.isSuccessful = result.errors.isEmpty();
    emit stateChanged();
    return result;
}

QList<DeviceIdentity> SandboxHub::devices(int top) const
{
    QList<DeviceIdentity> result;
    for (auto it = d->devices.cbegin(); it != d->devices.cend() && result.size() < top; ++it)
        result.append(it.value().identity);
    return result;
}

int SandboxHub::deviceCount() const
{
    return int(d->devices.size());
}

int SandboxHub::enabledDeviceCount() const
{
    int count = 0;
    for (const DeviceRecord &record : std::as_const(d->devices)) {
        if (record.identity.status == DeviceIdentity::Status::Enabled)
            ++count;
    }
    return count;
}

Result<QList<DeviceIdentity>> SandboxHub::listDevices(int top)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::Registry, 1); !ok)
        return ok.error();
    ++d->metrics.registryOperations;
    return devices(std::clamp(top, 1, 1000));
}

Result<DeviceStatistics> SandboxHub::statistics()
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::Registry, 1); !ok)
        return ok.error();
    ++d->metrics.registryOperations;
    DeviceStatistics statistics;
    statistics.totalDeviceCount = deviceCount();
    statistics.enabledDeviceCount = enabledDeviceCount();
    statistics.disabledDeviceCount = statistics.totalDeviceCount - statistics.enabledDeviceCount;
    return statistics;
}

// --- twins -----------------------------------------------------------------------------------------------

Result<DeviceTwin> SandboxHub::twin(const QString &deviceId)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::TwinRead, 1); !ok)
        return ok.error();
    const DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    ++d->metrics.twinGets;
    return d->twinOf(*record);
}

namespace {

// The parts of a PATCH/PUT /twins body: tags and properties.desired (as objects), or a 400.
struct TwinBody
{
    std::optional<QJsonObject> tags;
    std::optional<QJsonObject> desired;
};

Result<TwinBody> readTwinBody(const QJsonObject &body)
{
    TwinBody parts;
    const QJsonValue tags = body.value(QStringLiteral("tags"));
    if (tags.isObject())
        parts.tags = tags.toObject();
    else if (!tags.isUndefined() && !tags.isNull())
        return badRequest(tr("tags: must be a JSON object."));
    const QJsonValue properties = body.value(QStringLiteral("properties"));
    if (properties.isObject()) {
        const QJsonObject object = properties.toObject();
        const QJsonValue desired = object.value(QStringLiteral("desired"));
        if (desired.isObject())
            parts.desired = TwinState::withoutSystemMembers(desired.toObject());
        else if (!desired.isUndefined() && !desired.isNull())
            return badRequest(tr("properties.desired: must be a JSON object."));
        // "reported" is ignored: only the device writes reported properties, and SDKs send back whole twins
        // they read (reported section included).
    } else if (!properties.isUndefined() && !properties.isNull()) {
        return badRequest(tr("properties: must be a JSON object."));
    }
    return parts;
}

} // namespace

Result<DeviceTwin> SandboxHub::updateTwin(const QString &deviceId, const QJsonObject &patch, const QString &ifMatch)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::TwinUpdate, 1); !ok)
        return ok.error();
    DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    if (!etagMatches(ifMatch, record->twin.etag()))
        return preconditionFailed(tr("twin of device '%1'").arg(deviceId));
    Result<TwinBody> parts = readTwinBody(patch);
    if (!parts)
        return parts.error();
    Result<bool> changed = record->twin.patch(parts.value().tags, parts.value().desired, d->now());
    if (!changed)
        return badRequest(changed.error());
    if (!changed.value())
        return d->twinOf(*record);

    const bool hasTags = parts.value().tags && !parts.value().tags->isEmpty();
    const bool hasDesired = parts.value().desired && !parts.value().desired->isEmpty();
    QJsonObject body {{QStringLiteral("version"), record->twin.version()}};
    if (hasTags)
        body.insert(QStringLiteral("tags"), *parts.value().tags);
    if (hasDesired) {
        QJsonObject desired = *parts.value().desired;
        desired.insert(QStringLiteral("$metadata"), TwinState::metadataFor(desired, record->twin.desiredMetadata()));
        desired.insert(QStringLiteral("$version"), record->twin.desiredVersion());
        body.insert(QStringLiteral("properties"), QJsonObject {{QStringLiteral("desired"), desired}});
        ++d->metrics.desiredPatches;
    }
    d->raiseTwinChange(deviceId, QStringLiteral("updateTwin"), body);
    if (hasDesired)
        d->notifyDesired(*record, *parts.value().desired);
    d->markChanged(deviceId);
    emit stateChanged();
    return d->twinOf(*record);
}

Result<DeviceTwin> SandboxHub::replaceTwin(const QString &deviceId, const QJsonObject &twin, const QString &ifMatch)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::TwinUpdate, 1); !ok)
        return ok.error();
    DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    if (!etagMatches(ifMatch, record->twin.etag()))
        return preconditionFailed(tr("twin of device '%1'").arg(deviceId));
    Result<TwinBody> parts = readTwinBody(twin);
    if (!parts)
        return parts.error();
    const QJsonObject oldDesired = record->twin.desired();
    if (Status replaced = record->twin.replace(parts.value().tags.value_or(QJsonObject()),
                                               parts.value().desired.value_or(QJsonObject()), d->now());
        !replaced) {
        return badRequest(replaced.error());
    }
    ++d->metrics.desiredPatches;
    d->raiseTwinChange(deviceId, QStringLiteral("replaceTwin"), d->notificationTwin(*record));
    d->notifyDesired(*record, JsonMergePatch::diff(oldDesired, record->twin.desired()));
    d->markChanged(deviceId);
    emit stateChanged();
    return d->twinOf(*record);
}

Result<QueryPage> SandboxHub::query(const QString &sql, int maxItemCount, const QString &continuation)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::Query, 1); !ok)
        return ok.error();
    Result<DeviceQuery> parsed = DeviceQuery::parse(sql);
    if (!parsed)
        return parsed.error();
    const DeviceQuery &query = parsed.value();
    const int pageSize = maxItemCount <= 0 ? DefaultPageSize : std::min(maxItemCount, MaxPageSize);

    if (query.isAggregate()) {
        qint64 count = 0;
        for (const DeviceRecord &record : std::as_const(d->devices)) {
            if (query.matches(d->twinOf(record).toJson()))
                ++count;
        }
        return QueryPage::fromItems(QJsonArray {query.aggregate(count)}, {}, query.itemType());
    }

    auto it = d->devices.cbegin();
    if (!continuation.isEmpty()) {
        const std::optional<QString> after = parseContinuation(continuation, sql);
        if (!after)
            return badRequest(tr("The continuation token is not valid for this query."));
        it = d->devices.upperBound(*after);
    }
    QJsonArray items;
    QString last;
    for (; it != d->devices.cend(); ++it) {
        const QJsonObject document = d->twinOf(it.value()).toJson();
        if (!query.matches(document))
            continue;
        if (items.size() == pageSize)
            return QueryPage::fromItems(items, continuationToken(last, sql), query.itemType());
        items.append(query.project(document));
        last = it.key();
    }
    return QueryPage::fromItems(items, {}, query.itemType());
}

// --- device side -----------------------------------------------------------------------------------------

Result<QJsonObject> SandboxHub::deviceTwinProperties(const QString &deviceId)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::TwinRead, 1); !ok)
        return ok.error();
    const DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    ++d->metrics.twinGets;
    touch(deviceId);
    return QJsonObject {{QStringLiteral("desired"), record->twin.desiredForDevice()},
                        {QStringLiteral("reported"), record->twin.reportedForDevice()}};
}

Result<qint64> SandboxHub::patchReported(const QString &deviceId, const QJsonObject &patch)
{
    if (Status ok = d->available(); !ok)
        return ok.error();
    if (Status ok = d->admit(HubThrottle::Operation::TwinUpdate, 1); !ok)
        return ok.error();
    DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    const QJsonObject clean = TwinState::withoutSystemMembers(patch);
    if (Status patched = record->twin.patchReported(clean, d->now()); !patched)
        return badRequest(patched.error());
    ++d->metrics.reportedPatches;
    touch(deviceId);
    // IoT Hub routes reported-property changes as twinChangeEvents too (opType updateTwin); TTS's route
    // condition (IS_OBJECT($body.properties.desired) OR IS_OBJECT($body.tags)) filters them out.
    QJsonObject reported = clean;
    reported.insert(QStringLiteral("$metadata"), TwinState::metadataFor(clean, record->twin.reportedMetadata()));
    reported.insert(QStringLiteral("$version"), record->twin.reportedVersion());
    d->raiseTwinChange(
        deviceId, QStringLiteral("updateTwin"),
        QJsonObject {{QStringLiteral("version"), record->twin.version()},
                     {QStringLiteral("properties"), QJsonObject {{QStringLiteral("reported"), reported}}}});
    d->markChanged(deviceId);
    emit stateChanged();
    return record->twin.reportedVersion();
}

Status SandboxHub::recordDeviceToCloud(const QString &deviceId, const QString &topic, const QByteArray &body,
                                       const QVariantMap &systemProperties, const QVariantMap &applicationProperties)
{
    if (Status ok = d->available(); !ok)
        return ok;
    DeviceRecord *record = d->find(deviceId);
    if (!record)
        return deviceNotFound(deviceId);
    if (Status ok = d->admit(HubThrottle::Operation::DeviceToCloud, 1); !ok)
        return ok;
    const QDateTime time = d->now();
    HubMessage message;
    message.source = RoutingSource::DeviceMessages;
    message.hubName = d->options.name;
    message.deviceId = deviceId;
    message.sequenceNumber = ++d->sequenceNumber;
    message.enqueuedTime = time;
    message.body = body;
    message.topic = topic;
    message.applicationProperties = applicationProperties;
    message.systemProperties = systemProperties;
    // Stamped by the hub, whatever the device sent (anti-spoofing, S-MSG).
    message.systemProperties.insert(QStringLiteral("iothub-connection-device-id"), deviceId);
    message.systemProperties.insert(QStringLiteral("iothub-connection-auth-generation-id"),
                                    record->identity.generationId);
    message.systemProperties.insert(QStringLiteral("iothub-connection-auth-method"),
                                    QStringLiteral(R"({"scope":"device","type":"sas","issuer":"iothub"})"));
    message.systemProperties.insert(QStringLiteral("iothub-enqueuedtime"), time.toMSecsSinceEpoch());
    message.systemProperties.insert(QStringLiteral("iothub-message-source"), QStringLiteral("deviceMessages"));

    std::deque<HubMessage> &ring = d->messages[deviceId];
    ring.push_back(message);
    d->recordOrder.emplace_back(message.sequenceNumber, deviceId);
    ++d->recordedCount;
    while (int(ring.size()) > d->options.maxRecordedMessagesPerDevice) {
        ring.pop_front();
        --d->recordedCount;
    }
    d->evictRecorded();
    ++d->metrics.deviceToCloudMessages;
    touch(deviceId);
    emit messageRaised(message);
    return Done {};
}

bool SandboxHub::tryAcceptConnection(const QString &deviceId)
{
    Q_UNUSED(deviceId)
    if (!d->available()) {
        ++d->metrics.connectsRefused;
        return false;
    }
    if (!d->admit(HubThrottle::Operation::NewConnection, 1)) {
        ++d->metrics.connectsRefused;
        return false;
    }
    ++d->metrics.connects;
    return true;
}

void SandboxHub::setConnected(const QString &deviceId, bool connected)
{
    DeviceRecord *record = d->find(deviceId);
    if (!record)
        return;
    const auto state =
        connected ? DeviceIdentity::ConnectionState::Connected : DeviceIdentity::ConnectionState::Disconnected;
    if (record->identity.connectionState == state)
        return;
    record->identity.connectionState = state;
    record->identity.connectionStateUpdatedTime = d->now();
    d->metrics.connectedDevices = std::max(0, d->metrics.connectedDevices + (connected ? 1 : -1));
    if (connected)
        record->identity.lastActivityTime = d->now();
    d->markChanged(deviceId);
    d->raiseConnectionState(deviceId, connected);
}

void SandboxHub::touch(const QString &deviceId)
{
    if (DeviceRecord *record = d->find(deviceId)) {
        record->identity.lastActivityTime = d->now();
        d->markChanged(deviceId); // saved with the next change that schedules a save, as before
    }
}

// --- recorded messages and metrics -----------------------------------------------------------------------

QList<HubMessage> SandboxHub::recordedMessages(const QString &deviceId, qint64 after, int limit) const
{
    QList<HubMessage> result;
    auto collect = [&](const std::deque<HubMessage> &ring) {
        for (const HubMessage &message : ring) {
            if (message.sequenceNumber > after)
                result.append(message);
        }
    };
    if (deviceId.isEmpty()) {
        for (const std::deque<HubMessage> &ring : std::as_const(d->messages))
            collect(ring);
        std::sort(result.begin(), result.end(),
                  [](const HubMessage &a, const HubMessage &b) { return a.sequenceNumber < b.sequenceNumber; });
    } else {
        auto it = d->messages.constFind(deviceId);
        if (it != d->messages.cend())
            collect(it.value());
    }
    if (limit >= 0 && result.size() > limit)
        result.resize(limit);
    return result;
}

HubMetrics SandboxHub::metrics() const
{
    return d->metrics;
}

HubMetrics &SandboxHub::mutableMetrics()
{
    return d->metrics;
}

// --- throttles and faults --------------------------------------------------------------------------------

Status SandboxHub::admit(HubThrottle::Operation operation, double tokens)
{
    return d->admit(operation, tokens);
}

Status SandboxHub::checkAvailable() const
{
    return d->available();
}

HubFaults SandboxHub::faults() const
{
    return d->faults;
}

void SandboxHub::setFaults(const HubFaults &faults)
{
    d->faults = faults;
}

void SandboxHub::clearFaults()
{
    d->faults = HubFaults();
}

void SandboxHub::dropAllConnections()
{
    emit connectionsDropRequested();
}

void SandboxHub::reset()
{
    d->devices.clear();
    d->messages.clear();
    d->recordOrder.clear();
    d->recordedCount = 0;
    d->faults = HubFaults();
    d->metrics = HubMetrics();
    d->applyLimits(true);
    d->allChanged = true;
    d->changedDevices.clear();
    emit stateChanged();
}

// --- persistence -----------------------------------------------------------------------------------------

QJsonObject SandboxHub::saveState() const
{
    QJsonArray devices;
    for (auto it = d->devices.cbegin(); it != d->devices.cend(); ++it)
        devices.append(savedDevice(it.key())->toJson());
    QJsonObject state = saveStateWithoutDevices();
    state.insert(QStringLiteral("devices"), devices);
    return state;
}

std::optional<SandboxHub::SavedDevice> SandboxHub::savedDevice(const QString &deviceId) const
{
    const DeviceRecord *record = d->find(deviceId);
    if (!record)
        return std::nullopt;
    SavedDevice saved {record->identity, record->twin};
    saved.identity.connectionState = DeviceIdentity::ConnectionState::Disconnected;
    return saved;
}

QJsonObject SandboxHub::SavedDevice::toJson() const
{
    return QJsonObject {{QStringLiteral("identity"), identity.toJson()}, {QStringLiteral("twin"), twin.toState()}};
}

QStringList SandboxHub::takeChangedDevices(bool *all)
{
    *all = std::exchange(d->allChanged, false);
    if (*all) {
        d->changedDevices.clear();
        return d->devices.keys();
    }
    QStringList changed(d->changedDevices.cbegin(), d->changedDevices.cend());
    d->changedDevices.clear();
    return changed;
}

QJsonObject SandboxHub::saveStateWithoutDevices() const
{
    QJsonArray policies;
    for (const SharedAccessPolicy &policy : d->options.policies) {
        policies.append(QJsonObject {{QStringLiteral("keyName"), policy.keyName},
                                     {QStringLiteral("primaryKey"), QString::fromLatin1(policy.primaryKey)},
                                     {QStringLiteral("secondaryKey"), QString::fromLatin1(policy.secondaryKey)},
                                     {QStringLiteral("rights"), SharedAccessPolicy::rightsText(policy.rights)}});
    }
    QJsonObject state;
    state.insert(QStringLiteral("format"), StateFormat);
    state.insert(QStringLiteral("name"), d->options.name);
    state.insert(QStringLiteral("sku"), HubThrottle::skuName(d->options.sku));
    state.insert(QStringLiteral("units"), d->options.units);
    state.insert(QStringLiteral("throttlesEnabled"), d->throttlesEnabled);
    state.insert(QStringLiteral("maxRecordedMessagesPerDevice"), d->options.maxRecordedMessagesPerDevice);
    state.insert(QStringLiteral("policies"), policies);
    state.insert(QStringLiteral("etagSequence"), QString::number(d->etagSequence));
    state.insert(QStringLiteral("sequenceNumber"), QString::number(d->sequenceNumber));
    return state;
}

Result<SandboxHub *> SandboxHub::restore(const QJsonObject &state, Clock *clock, QObject *parent)
{
    auto damaged = [](const QString &what) {
        ServiceError error = ServiceError::invalidInput(tr("The saved hub state is damaged: %1").arg(what));
        error.setCode(QStringLiteral("InvalidState"));
        return error;
    };
    if (state.value(QStringLiteral("format")).toInt() != StateFormat)
        return damaged(tr("unknown format"));
    Options options;
    options.name = state.value(QStringLiteral("name")).toString();
    if (options.name.isEmpty())
        return damaged(tr("the hub has no name"));
    const std::optional<HubSku> sku = HubThrottle::parseSku(state.value(QStringLiteral("sku")).toString());
    if (!sku)
        return damaged(tr("unknown SKU"));
    options.sku = *sku;
    options.units = state.value(QStringLiteral("units")).toInt(1);
    options.throttlesEnabled = state.value(QStringLiteral("throttlesEnabled")).toBool(true);
    options.maxRecordedMessagesPerDevice = state.value(QStringLiteral("maxRecordedMessagesPerDevice")).toInt(1000);
    for (const QJsonValue &value : state.value(QStringLiteral("policies")).toArray()) {
        const QJsonObject object = value.toObject();
        SharedAccessPolicy policy;
        policy.keyName = object.value(QStringLiteral("keyName")).toString();
        policy.primaryKey = object.value(QStringLiteral("primaryKey")).toString().toLatin1();
        policy.secondaryKey = object.value(QStringLiteral("secondaryKey")).toString().toLatin1();
        const std::optional<HubRights> rights =
            SharedAccessPolicy::parseRights(object.value(QStringLiteral("rights")).toString());
        if (policy.keyName.isEmpty() || policy.primaryKey.isEmpty() || !rights)
            return damaged(tr("a shared access policy is incomplete"));
        policy.rights = *rights;
        options.policies.append(policy);
    }
    if (options.policies.isEmpty())
        return damaged(tr("no shared access policies"));

    QMap<QString, DeviceRecord> devices;
    for (const QJsonValue &value : state.value(QStringLiteral("devices")).toArray()) {
        const QJsonObject object = value.toObject();
        Result<DeviceIdentity> identity = DeviceIdentity::fromJson(object.value(QStringLiteral("identity")).toObject());
        if (!identity)
            return damaged(identity.error().message());
        Result<TwinState> twin = TwinState::fromState(object.value(QStringLiteral("twin")).toObject());
        if (!twin)
            return damaged(twin.error().message());
        DeviceRecord record {identity.value(), twin.value()};
        record.identity.connectionState = DeviceIdentity::ConnectionState::Disconnected;
        devices.insert(record.identity.deviceId, record);
    }

    auto *hub = new SandboxHub(options, clock, parent);
    hub->d->devices = devices;
    hub->d->etagSequence = state.value(QStringLiteral("etagSequence")).toString().toULongLong();
    hub->d->sequenceNumber = state.value(QStringLiteral("sequenceNumber")).toString().toLongLong();
    return hub;
}

} // namespace TwinBridge::Sandbox
