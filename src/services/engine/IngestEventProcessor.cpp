#include "services/engine/IngestEventProcessor.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsLorawanVersions.h"

#include <QJsonValue>
#include <QList>
#include <QPromise>

namespace TwinBridge {

namespace {

const QString DownlinkErrorCode = QStringLiteral("InvalidDesiredDownlink");
const QString TagsErrorCode = QStringLiteral("InvalidLorawanTags");
const QString DesiredPath = QStringLiteral("properties.desired");
const QString TagsPath = QStringLiteral("tags.lorawan");

ServiceError invalid(const QString &path, const QString &sentence, const QString &code)
{
    ServiceError error = ServiceError::invalidInput(path + QStringLiteral(": ") + sentence, code);
    error.setPayload(QJsonObject {{QStringLiteral("path"), path}});
    return error;
}

// A JSON number that is a whole number, or nullopt.
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number != double(qint64(number)))
        return std::nullopt;
    return qint64(number);
}

// An optional string tag: absent or null → empty; another type → an error naming it.
Result<QString> stringTag(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return invalid(path + QLatin1Char('.') + key, IngestEventProcessor::tr("must be a string."), TagsErrorCode);
    return value.toString().trimmed();
}

} // namespace

struct IngestEventProcessor::Job
{
    IngestEvent event;
    QPromise<IngestOutcome> promise;
    QStringList actions;
    QStringList reasons; // why parts of the event needed nothing
    std::optional<DownlinkRequest> downlink;
    std::optional<ServiceError> downlinkError;
    qint64 desiredVersion = -1;
    bool hasDesired = false;
    bool provision = false;
};

struct IngestEventProcessor::DeviceQueue
{
    QList<std::shared_ptr<Job>> pending;
    bool busy = false;
};

IngestEventProcessor::IngestEventProcessor(TtsClient *tts, IotHubServiceClient *hub, QObject *parent)
    : QObject(parent)
    , m_tts(tts)
    , m_hub(hub)
{ }

IngestEventProcessor::~IngestEventProcessor()
{
    // Whoever still waits learns that nothing more will happen.
    for (const auto &queue : std::as_const(m_queues)) {
        for (const auto &job : std::as_const(queue->pending)) {
            Futures::fulfil(job->promise, IngestOutcome::failed(ServiceError::canceled(tr("process an ingest event"))));
        }
    }
}

void IngestEventProcessor::setServerAddresses(const TtsClient::ServerAddresses &addresses)
{
    m_addresses = addresses;
}

qint64 IngestEventProcessor::lastDesiredVersion(const QString &deviceId) const
{
    return m_desiredVersions.value(deviceId, -1);
}

void IngestEventProcessor::setLastDesiredVersion(const QString &deviceId, qint64 version)
{
    m_desiredVersions.insert(deviceId, version);
}

QJsonObject IngestEventProcessor::provisionedTagsPatch()
{
    return QJsonObject {
        {QStringLiteral("lorawan"),
         QJsonObject {
             {QStringLiteral("provisioned"), true},
             {QStringLiteral("appKey"), QJsonValue::Null},
             {QStringLiteral("nwkKey"), QJsonValue::Null},
         }},
    };
}

Result<std::optional<IngestEventProcessor::DownlinkRequest>>
IngestEventProcessor::downlinkFromDesired(const QJsonObject &desired)
{
    // reference/tts-integration.md §1.5: decodedPayload (an object for the downlink encoder; null = send no
    // decoded payload) and rawDownlink {fPort (default 0), framePayload (hex, default empty), confirmed
    // (default false), operation push|replace (default push)}; every member may be null = its default.
    DownlinkRequest request;
    bool hasPayload = false;

    const QJsonValue decoded = desired.value(QStringLiteral("decodedPayload"));
    const QString decodedPath = DesiredPath + QStringLiteral(".decodedPayload");
    if (decoded.isObject()) {
        request.downlink.decodedPayload = decoded.toObject();
        hasPayload = true;
    } else if (!decoded.isUndefined() && !decoded.isNull()) {
        return invalid(decodedPath, tr("must be an object the device's downlink formatter can encode, or null."),
                       DownlinkErrorCode);
    }

    const QJsonValue rawValue = desired.value(QStringLiteral("rawDownlink"));
    const QString rawPath = DesiredPath + QStringLiteral(".rawDownlink");
    if (rawValue.isObject()) {
        const QJsonObject raw = rawValue.toObject();
        const QJsonValue fPort = raw.value(QStringLiteral("fPort"));
        if (!fPort.isUndefined() && !fPort.isNull()) {
            const std::optional<qint64> port = wholeNumber(fPort);
            if (!port || *port < 0 || *port > 255) {
                return invalid(
                    rawPath + QStringLiteral(".fPort"),
                    tr("must be a whole number from %1 to %2.").arg(TtsDownlink::MinFPort).arg(TtsDownlink::MaxFPort),
                    DownlinkErrorCode);
            }
            request.downlink.fPort = int(*port);
        }
        const QJsonValue frame = raw.value(QStringLiteral("framePayload"));
        if (!frame.isUndefined() && !frame.isNull()) {
            const QString hex = frame.isString() ? frame.toString().trimmed() : QString();
            if (!frame.isString() || hex.size() % 2 != 0 ||
                (!hex.isEmpty() && !JsonFieldReader::isHex(hex, int(hex.size())))) {
                return invalid(rawPath + QStringLiteral(".framePayload"),
                               tr("must be hexadecimal bytes (base16, an even number of digits), e.g. \"BEEF\"."),
                               DownlinkErrorCode);
            }
            request.downlink.frmPayload = QByteArray::fromHex(hex.toLatin1());
            if (!request.downlink.frmPayload.isEmpty())
                hasPayload = true;
        }
        const QJsonValue confirmed = raw.value(QStringLiteral("confirmed"));
        if (!confirmed.isUndefined() && !confirmed.isNull()) {
            if (!confirmed.isBool())
                return invalid(rawPath + QStringLiteral(".confirmed"), tr("must be true or false."), DownlinkErrorCode);
            request.downlink.confirmed = confirmed.toBool();
        }
        const QJsonValue operation = raw.value(QStringLiteral("operation"));
        if (!operation.isUndefined() && !operation.isNull()) {
            const QString name = operation.toString();
            if (name == QLatin1String("replace")) {
                request.replace = true;
            } else if (name != QLatin1String("push")) {
                return invalid(rawPath + QStringLiteral(".operation"), tr("must be \"push\" or \"replace\"."),
                               DownlinkErrorCode);
            }
        }
    } else if (!rawValue.isUndefined() && !rawValue.isNull()) {
        return invalid(rawPath, tr("must be an object {fPort, framePayload, confirmed, operation} or null."),
                       DownlinkErrorCode);
    }

    if (!hasPayload)
        return std::optional<DownlinkRequest>();
    if (Status valid = request.downlink.validate(); !valid) {
        const QString path = request.downlink.fPort == 0 ? rawPath + QStringLiteral(".fPort") : rawPath;
        return invalid(path, valid.error().message(), DownlinkErrorCode);
    }
    return std::optional<DownlinkRequest>(request);
}

Result<std::optional<TtsEndDevice>> IngestEventProcessor::deviceFromTags(const QString &deviceId,
                                                                         const QJsonObject &tags)
{
    const QJsonValue lorawanValue = tags.value(QStringLiteral("lorawan"));
    if (lorawanValue.isUndefined() || lorawanValue.isNull())
        return std::optional<TtsEndDevice>();
    if (!lorawanValue.isObject())
        return invalid(TagsPath, tr("must be an object."), TagsErrorCode);
    const QJsonObject lorawan = lorawanValue.toObject();
    if (lorawan.value(QStringLiteral("provisioned")).toBool(false))
        return std::optional<TtsEndDevice>();

    TtsEndDevice device;
    device.deviceId = deviceId;
    device.supportsJoin = true;
    struct Field
    {
        const char *tag;
        QString *target;
    };
    QString lorawanVersion;
    QString phyVersion;
    const Field fields[] = {
        {"devEui", &device.devEui},
        {"joinEui", &device.joinEui},
        {"lorawanVersion", &lorawanVersion},
        {"regionalParametersVersion", &phyVersion},
        {"appKey", &device.rootKeys.appKey},
        {"nwkKey", &device.rootKeys.nwkKey},
        {"frequencyPlanId", &device.frequencyPlanId},
    };
    for (const Field &field : fields) {
        Result<QString> value = stringTag(lorawan, QString::fromLatin1(field.tag), TagsPath);
        if (!value)
            return value.error();
        *field.target = value.value();
    }
    device.devEui = device.devEui.toUpper();
    device.joinEui = device.joinEui.toUpper();
    device.rootKeys.appKey = device.rootKeys.appKey.toUpper();
    device.rootKeys.nwkKey = device.rootKeys.nwkKey.toUpper();
    if (device.devEui.isEmpty())
        return invalid(TagsPath + QStringLiteral(".devEui"), tr("missing; give the device's DevEUI (16 hex digits)."),
                       TagsErrorCode);
    if (device.joinEui.isEmpty())
        return invalid(TagsPath + QStringLiteral(".joinEui"),
                       tr("missing; give the JoinEUI (16 hex digits, 0000000000000000 if none)."), TagsErrorCode);
    device.lorawanVersion = TtsLorawanVersions::macVersionSpelling(lorawanVersion);
    if (device.lorawanVersion.isEmpty()) {
        return invalid(
            TagsPath + QStringLiteral(".lorawanVersion"),
            tr("\"%1\" is not a LoRaWAN version; use one of %2.")
                .arg(lorawanVersion.left(32), TtsLorawanVersions::macVersionAliases().join(QStringLiteral(", "))),
            TagsErrorCode);
    }
    device.lorawanPhyVersion = TtsLorawanVersions::phyVersionSpelling(phyVersion);
    if (device.lorawanPhyVersion.isEmpty()) {
        return invalid(
            TagsPath + QStringLiteral(".regionalParametersVersion"),
            tr("\"%1\" is not a regional parameters version; use one of %2.")
                .arg(phyVersion.left(32), TtsLorawanVersions::phyVersionAliases().join(QStringLiteral(", "))),
            TagsErrorCode);
    }
    const QJsonValue versionValue = lorawan.value(QStringLiteral("versionIdentifiers"));
    if (versionValue.isObject()) {
        const QJsonObject version = versionValue.toObject();
        const QString path = TagsPath + QStringLiteral(".versionIdentifiers");
        const Field versionFields[] = {
            {"bandId", &device.versionIds.bandId},
            {"brandId", &device.versionIds.brandId},
            {"firmwareVersion", &device.versionIds.firmwareVersion},
            {"hardwareVersion", &device.versionIds.hardwareVersion},
            {"modelId", &device.versionIds.modelId},
        };
        for (const Field &field : versionFields) {
            Result<QString> value = stringTag(version, QString::fromLatin1(field.tag), path);
            if (!value)
                return value.error();
            *field.target = value.value();
        }
    } else if (!versionValue.isUndefined() && !versionValue.isNull()) {
        return invalid(TagsPath + QStringLiteral(".versionIdentifiers"), tr("must be an object."), TagsErrorCode);
    }
    if (Status valid = device.validateForCreate(); !valid) {
        ServiceError error = valid.error();
        ServiceError named =
            ServiceError::invalidInput(TagsPath + QStringLiteral(": ") + error.message(), TagsErrorCode);
        return named;
    }
    return std::optional<TtsEndDevice>(device);
}

QFuture<IngestOutcome> IngestEventProcessor::process(const IngestEvent &event)
{
    auto job = std::make_shared<Job>();
    job->event = event;
    job->promise.start();
    QFuture<IngestOutcome> future = job->promise.future();
    std::shared_ptr<DeviceQueue> &queue = m_queues[event.deviceId];
    if (!queue)
        queue = std::make_shared<DeviceQueue>();
    queue->pending.append(job);
    if (!queue->busy)
        startNext(event.deviceId);
    return future;
}

void IngestEventProcessor::startNext(const QString &deviceId)
{
    const std::shared_ptr<DeviceQueue> queue = m_queues.value(deviceId);
    if (!queue || queue->busy)
        return;
    if (queue->pending.isEmpty()) {
        m_queues.remove(deviceId);
        return;
    }
    queue->busy = true;
    run(queue->pending.first());
}

void IngestEventProcessor::finish(const std::shared_ptr<Job> &job, IngestOutcome outcome)
{
    switch (outcome.kind) {
    case IngestOutcome::Kind::Done:
        break;
    case IngestOutcome::Kind::Ignored:
        ++m_statistics.ignored;
        break;
    case IngestOutcome::Kind::Failed:
        ++m_statistics.failed;
        qCWarning(lcIngest).noquote() << "Ingest event" << job->event.opType() << "for device" << job->event.deviceId
                                      << "failed" << (outcome.retryable ? "(will retry):" : "(no retry):")
                                      << outcome.error.toString();
        break;
    }
    // The queue is settled first: whoever receives the outcome (a signal or the promise's continuations, which
    // may run synchronously) may destroy this processor, so nothing here touches a member after that.
    const QString deviceId = job->event.deviceId;
    if (const std::shared_ptr<DeviceQueue> queue = m_queues.value(deviceId)) {
        if (!queue->pending.isEmpty() && queue->pending.first() == job)
            queue->pending.removeFirst();
        queue->busy = false;
        // The next event of the device starts from the event loop, so long queues do not nest calls (a queued
        // call to a destroyed processor is dropped by Qt).
        QMetaObject::invokeMethod(
            this, [this, deviceId] { startNext(deviceId); }, Qt::QueuedConnection);
    }
    emit eventProcessed(job->event, outcome);
    Futures::fulfil(job->promise, outcome);
}

void IngestEventProcessor::run(const std::shared_ptr<Job> &job)
{
    if (!m_tts) {
        finish(job,
               IngestOutcome::failed(ServiceError::notConfigured(
                   tr("The engine has no connection to The Things Stack; configure the TTS application first."))));
        return;
    }
    switch (job->event.operation()) {
    case IngestEvent::Operation::DeleteDeviceIdentity:
        runDelete(job);
        return;
    case IngestEvent::Operation::CreateDeviceIdentity:
    case IngestEvent::Operation::UpdateTwin:
    case IngestEvent::Operation::ReplaceTwin:
        runTwinChange(job);
        return;
    case IngestEvent::Operation::Unknown:
        break;
    }
    finish(job,
           IngestOutcome::failed(ServiceError::invalidInput(
               tr("The event's opType \"%1\" is unknown; TwinBridge acts on createDeviceIdentity, "
                  "deleteDeviceIdentity, updateTwin and replaceTwin.")
                   .arg(job->event.opType().left(64)),
               QStringLiteral("InvalidIngestEvent"))));
}

void IngestEventProcessor::runTwinChange(const std::shared_ptr<Job> &job)
{
    const QJsonObject &body = job->event.body;
    const bool twinChange = job->event.operation() != IngestEvent::Operation::CreateDeviceIdentity;

    // Desired properties → downlink (not for lifecycle events: creating an identity asks for no downlink).
    const QJsonValue desiredValue =
        body.value(QStringLiteral("properties")).toObject().value(QStringLiteral("desired"));
    if (twinChange && desiredValue.isObject()) {
        const QJsonObject desired = desiredValue.toObject();
        job->hasDesired = true;
        job->desiredVersion = wholeNumber(desired.value(QStringLiteral("$version"))).value_or(-1);
        Result<std::optional<DownlinkRequest>> request = downlinkFromDesired(desired);
        if (!request)
            job->downlinkError = request.error();
        else
            job->downlink = request.value();
    }

    // Tags → provisioning. An event's tags may be partial (updateTwin carries the patch): when they mention
    // lorawan without provisioned: true, the whole twin is read and decides.
    const QJsonValue lorawan = body.value(QStringLiteral("tags")).toObject().value(QStringLiteral("lorawan"));
    if (lorawan.isObject()) {
        if (lorawan.toObject().value(QStringLiteral("provisioned")).toBool(false))
            job->reasons.append(tr("tags already provisioned"));
        else
            job->provision = true;
    }

    if (job->provision) {
        provisionFromTwin(job);
        return;
    }
    sendDownlink(job);
}

void IngestEventProcessor::provisionFromTwin(const std::shared_ptr<Job> &job)
{
    if (!m_hub) {
        finish(job,
               IngestOutcome::failed(ServiceError::notConfigured(
                   tr("The engine has no IoT Hub connection to read the twin of device \"%1\"; configure the hub "
                      "first.")
                       .arg(job->event.deviceId))));
        return;
    }
    const QString deviceId = job->event.deviceId;
    m_hub->getTwin(deviceId).then(this, [this, job, deviceId](const Result<DeviceTwin> &twin) {
        if (!twin) {
            if (twin.error().kind() == ServiceError::Kind::NotFound) {
                finish(job,
                       IngestOutcome::ignored(tr("device \"%1\" no longer exists in the hub").arg(deviceId),
                                              job->actions));
                return;
            }
            finish(job, IngestOutcome::failed(twin.error(), job->actions));
            return;
        }
        Result<std::optional<TtsEndDevice>> device = deviceFromTags(deviceId, twin.value().tags);
        if (!device) {
            ServiceError error = device.error();
            error.setOperation(tr("create TTS device %1 from its twin tags").arg(deviceId));
            finish(job, IngestOutcome::failed(error, job->actions));
            return;
        }
        if (!device.value()) {
            job->reasons.append(tr("tags already provisioned"));
            sendDownlink(job);
            return;
        }
        if (m_createdInTts.contains(deviceId)) {
            // Created by an earlier attempt whose tag update failed: only the tags are left to do.
            markProvisioned(job);
            return;
        }
        createInTts(job, *device.value());
    });
}

void IngestEventProcessor::createInTts(const std::shared_ptr<Job> &job, const TtsEndDevice &device)
{
    const QString deviceId = device.deviceId;
    m_tts->createDevice(device, m_addresses)
        .then(this, [this, job, device, deviceId](const Result<TtsEndDevice> &created) {
            if (!created) {
                if (created.error().kind() == ServiceError::Kind::Conflict) {
                    adoptExisting(job, device, created.error());
                    return;
                }
                finish(job, IngestOutcome::failed(created.error(), job->actions));
                return;
            }
            qCInfo(lcIngest).noquote() << "Created TTS device" << deviceId << "from its twin tags";
            m_createdInTts.insert(deviceId);
            ++m_statistics.provisioned;
            job->actions.append(QStringLiteral("provision"));
            markProvisioned(job);
        });
}

void IngestEventProcessor::adoptExisting(const std::shared_ptr<Job> &job, const TtsEndDevice &device,
                                         const ServiceError &conflict)
{
    // The id is taken in TTS. If that device is complete and has the tags' EUIs, it is this device (e.g. created
    // by an earlier attempt whose tag update did not happen): only the tags are left to do. Anything else is a
    // different device, which TwinBridge must not touch.
    const QString deviceId = device.deviceId;
    m_tts->getDeviceMerged(deviceId).then(
        this, [this, job, device, deviceId, conflict](const Result<TtsClient::MergedDevice> &existing) {
            if (!existing) {
                finish(job, IngestOutcome::failed(conflict, job->actions));
                return;
            }
            const TtsEndDevice &found = existing.value().device;
            const bool same = found.devEui.compare(device.devEui, Qt::CaseInsensitive) == 0 &&
                found.joinEui.compare(device.joinEui, Qt::CaseInsensitive) == 0;
            if (same && existing.value().isComplete()) {
                qCInfo(lcIngest).noquote() << "TTS device" << deviceId << "already exists with the tags' EUIs";
                job->actions.append(QStringLiteral("provision"));
                markProvisioned(job);
                return;
            }
            ServiceError error(ServiceError::Kind::Conflict,
                               same ? tr("The Things Stack already has a device \"%1\", but it is missing from the %2. "
                                         "Delete it in TTS (all registries), then save the twin tags again.")
                                          .arg(deviceId, ttsComponentNames(existing.value().missingFrom))
                                    : tr("The Things Stack already has a different device \"%1\" (DevEUI %2). Delete "
                                         "it in TTS or use another IoT Hub device id, then save the twin tags again.")
                                          .arg(deviceId, found.devEui));
            error.setHttpStatus(409);
            error.setOperation(tr("create TTS device %1 from its twin tags").arg(deviceId));
            finish(job, IngestOutcome::failed(error, job->actions));
        });
}

void IngestEventProcessor::markProvisioned(const std::shared_ptr<Job> &job)
{
    const QString deviceId = job->event.deviceId;
    const QJsonObject patch = DeviceTwin::patch(provisionedTagsPatch(), std::nullopt);
    m_hub->updateTwin(deviceId, patch).then(this, [this, job, deviceId](const Result<DeviceTwin> &twin) {
        if (!twin) {
            ServiceError error = twin.error();
            finish(job, IngestOutcome::failed(error, job->actions));
            return;
        }
        m_createdInTts.remove(deviceId);
        sendDownlink(job);
    });
}

void IngestEventProcessor::sendDownlink(const std::shared_ptr<Job> &job)
{
    const QString deviceId = job->event.deviceId;
    if (job->downlinkError) {
        ServiceError error = *job->downlinkError;
        error.setOperation(tr("send the downlink of device %1").arg(deviceId));
        finish(job, IngestOutcome::failed(error, job->actions));
        return;
    }
    const qint64 last = lastDesiredVersion(deviceId);
    if (job->downlink && job->desiredVersion >= 0 && job->desiredVersion <= last) {
        ++m_statistics.duplicatesIgnored;
        job->reasons.append(tr("desired $version %1 was already handled (last %2)").arg(job->desiredVersion).arg(last));
        if (job->actions.isEmpty()) {
            finish(job, IngestOutcome::ignored(job->reasons.join(QStringLiteral("; "))));
            return;
        }
        finish(job, IngestOutcome::done(job->actions));
        return;
    }
    if (!job->downlink) {
        if (job->hasDesired) {
            job->reasons.append(tr("nothing to send"));
            if (job->desiredVersion > last)
                m_desiredVersions.insert(deviceId, job->desiredVersion);
        }
        if (!job->actions.isEmpty()) {
            finish(job, IngestOutcome::done(job->actions));
            return;
        }
        finish(job,
               IngestOutcome::ignored(job->reasons.isEmpty() ? tr("nothing to do")
                                                             : job->reasons.join(QStringLiteral("; "))));
        return;
    }
    const DownlinkRequest request = *job->downlink;
    QFuture<Status> sent = request.replace ? m_tts->replaceDownlinks(deviceId, {request.downlink})
                                           : m_tts->pushDownlinks(deviceId, {request.downlink});
    sent.then(this, [this, job, deviceId, request](const Status &status) {
        if (!status) {
            finish(job, IngestOutcome::failed(status.error(), job->actions));
            return;
        }
        ++m_statistics.downlinks;
        if (job->desiredVersion >= 0)
            m_desiredVersions.insert(deviceId, qMax(job->desiredVersion, lastDesiredVersion(deviceId)));
        job->actions.append(request.replace ? QStringLiteral("downlink-replace") : QStringLiteral("downlink-push"));
        finish(job, IngestOutcome::done(job->actions));
    });
}

void IngestEventProcessor::runDelete(const std::shared_ptr<Job> &job)
{
    const QString deviceId = job->event.deviceId;
    if (!TtsEndDevice::isValidId(deviceId)) {
        finish(job, IngestOutcome::ignored(tr("\"%1\" cannot be a TTS device id").arg(deviceId.left(64))));
        return;
    }
    m_tts->deleteDevice(deviceId).then(this, [this, job, deviceId](const Result<TtsClient::DeleteReport> &report) {
        if (!report) {
            finish(job, IngestOutcome::failed(report.error()));
            return;
        }
        m_desiredVersions.remove(deviceId);
        m_createdInTts.remove(deviceId);
        if (report.value().deletedFrom.isEmpty()) {
            finish(job, IngestOutcome::ignored(tr("device \"%1\" was not in TTS").arg(deviceId)));
            return;
        }
        ++m_statistics.deleted;
        finish(job, IngestOutcome::done({QStringLiteral("delete")}));
    });
}

} // namespace TwinBridge
