#include "services/engine/IdentityProvisioner.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/iothub/DeviceIdentity.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/ImportDevice.h"
#include "services/iothub/IotHubServiceClient.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaObject>

namespace TwinBridge {

namespace {

bool isAlreadyExists(const QString &errorCode)
{
    // The bulk result names the error textually or by its numeric code (409001 DeviceAlreadyExists).
    return errorCode.compare(QLatin1String("DeviceAlreadyExists"), Qt::CaseInsensitive) == 0
        || errorCode == QLatin1String("409001");
}

} // namespace

struct IdentityProvisioner::Pending
{
    QString deviceId;
    QString devEui;
    QString joinEui;
    bool tagOnly = false; // the identity exists; only its tags are missing
    QList<Futures::SharedPromise<Result<ProvisionedIdentity>>> promises;
};

IdentityProvisioner::IdentityProvisioner(IotHubServiceClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
{
}

IdentityProvisioner::IdentityProvisioner(IotHubServiceClient *client, QObject *parent)
    : IdentityProvisioner(client, Options{}, parent)
{
}

IdentityProvisioner::~IdentityProvisioner()
{
    const auto pending = m_pending;
    for (const auto &entry : pending) {
        for (const auto &promise : entry->promises)
            Futures::fulfil(promise, Result<ProvisionedIdentity>(ServiceError::canceled(
                                         tr("create the IoT Hub identity of %1").arg(entry->deviceId))));
    }
}

void IdentityProvisioner::setOptions(const Options &options)
{
    m_options = options;
    schedulePump();
}

QJsonObject IdentityProvisioner::tagsFor(const QString &devEui, const QString &joinEui)
{
    QJsonObject lorawan{{QStringLiteral("provisioned"), true}};
    if (!devEui.isEmpty())
        lorawan.insert(QStringLiteral("devEui"), devEui);
    if (!joinEui.isEmpty())
        lorawan.insert(QStringLiteral("joinEui"), joinEui);
    return QJsonObject{{QStringLiteral("lorawan"), lorawan}};
}

void IdentityProvisioner::markKnown(const QString &deviceId)
{
    m_known.insert(deviceId);
}

void IdentityProvisioner::forget(const QString &deviceId)
{
    m_known.remove(deviceId);
    m_untagged.remove(deviceId);
}

QFuture<Result<ProvisionedIdentity>> IdentityProvisioner::ensure(const QString &deviceId, const QString &devEui,
                                                                 const QString &joinEui)
{
    if (const Status valid = DeviceIdentity::validateDeviceId(deviceId); !valid.ok()) {
        return Futures::readyResult<ProvisionedIdentity>(
            ServiceError(valid.error()).setOperation(tr("create the IoT Hub identity of %1").arg(deviceId)));
    }
    if (m_known.contains(deviceId) && !m_untagged.contains(deviceId))
        return Futures::readyResult<ProvisionedIdentity>(ProvisionedIdentity{deviceId, ProvisionedIdentity::Origin::Known, false, {}});
    if (!m_client) {
        return Futures::readyResult<ProvisionedIdentity>(
            ServiceError::notConfigured(tr("No IoT Hub connection is configured, so device identities cannot be created."))
                .setOperation(tr("create the IoT Hub identity of %1").arg(deviceId)));
    }

    auto promise = Futures::startedPromise<Result<ProvisionedIdentity>>();
    auto existing = m_pending.constFind(deviceId);
    if (existing != m_pending.constEnd()) {
        (*existing)->promises.append(promise);
        return promise->future();
    }
    auto pending = std::make_shared<Pending>();
    pending->deviceId = deviceId;
    pending->devEui = devEui;
    pending->joinEui = joinEui;
    pending->tagOnly = m_known.contains(deviceId);
    pending->promises.append(promise);
    m_pending.insert(deviceId, pending);
    m_waiting.push_back(pending);
    emit pendingCountChanged(pendingCount());
    schedulePump();
    return promise->future();
}

void IdentityProvisioner::schedulePump()
{
    // Dispatch on the next turn of the event loop, so that devices arriving together can share a bulk request.
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(this, [this] {
        m_pumpScheduled = false;
        pump();
    }, Qt::QueuedConnection);
}

void IdentityProvisioner::pump()
{
    while (m_client && m_outstanding < std::max(1, m_options.maxConcurrent) && !m_waiting.empty()) {
        qsizetype creatable = 0;
        for (const auto &pending : m_waiting)
            creatable += pending->tagOnly ? 0 : 1;
        if (creatable > m_options.bulkThreshold) {
            QList<std::shared_ptr<Pending>> batch;
            const int maxBulk = std::clamp(m_options.maxBulk, 1, IotHubServiceClient::MaxBulkDevices);
            for (auto it = m_waiting.begin(); it != m_waiting.end() && batch.size() < maxBulk;) {
                if ((*it)->tagOnly) {
                    ++it;
                    continue;
                }
                batch.append(*it);
                it = m_waiting.erase(it);
            }
            ++m_outstanding;
            startBulk(batch);
            continue;
        }
        const auto pending = m_waiting.front();
        m_waiting.pop_front();
        ++m_outstanding;
        if (pending->tagOnly)
            startTagging(pending, ProvisionedIdentity::Origin::Existing);
        else
            startLookup(pending);
    }
}

void IdentityProvisioner::startLookup(const std::shared_ptr<Pending> &pending)
{
    m_client->getDevice(pending->deviceId).then(this, [this, pending](const Result<DeviceIdentity> &result) {
        if (result.ok()) {
            m_known.insert(pending->deviceId);
            finish(pending, ProvisionedIdentity{pending->deviceId, ProvisionedIdentity::Origin::Existing, false, {}});
            requestDone();
            return;
        }
        if (result.error().kind() == ServiceError::Kind::NotFound) {
            startCreate(pending);
            return;
        }
        finish(pending, result.error());
        requestDone();
    });
}

void IdentityProvisioner::startCreate(const std::shared_ptr<Pending> &pending)
{
    if (!m_client) {
        finish(pending, ServiceError::canceled(tr("create the IoT Hub identity of %1").arg(pending->deviceId)));
        requestDone();
        return;
    }
    DeviceIdentity device;
    device.deviceId = pending->deviceId;
    m_client->createDevice(device).then(this, [this, pending](const Result<DeviceIdentity> &result) {
        if (result.ok()) {
            ++m_created;
            qCInfo(lcBridge) << "Created the IoT Hub identity of" << pending->deviceId;
            emit identityCreated(pending->deviceId);
            startTagging(pending, ProvisionedIdentity::Origin::Created);
            return;
        }
        if (result.error().kind() == ServiceError::Kind::Conflict) {
            // Created meanwhile (by another process, or by us before a restart): it exists, and it is ours to tag.
            startTagging(pending, ProvisionedIdentity::Origin::Existing);
            return;
        }
        finish(pending, result.error());
        requestDone();
    });
}

void IdentityProvisioner::startTagging(const std::shared_ptr<Pending> &pending, ProvisionedIdentity::Origin origin)
{
    m_known.insert(pending->deviceId);
    if (!m_client) {
        m_untagged.insert(pending->deviceId);
        finish(pending, ProvisionedIdentity{pending->deviceId, origin, false,
                                            ServiceError::canceled(tr("set the tags of %1").arg(pending->deviceId))});
        requestDone();
        return;
    }
    const QJsonObject patch{{QStringLiteral("tags"), tagsFor(pending->devEui, pending->joinEui)}};
    m_client->updateTwin(pending->deviceId, patch).then(this, [this, pending, origin](const Result<DeviceTwin> &result) {
        ProvisionedIdentity identity{pending->deviceId, origin, result.ok(), {}};
        if (result.ok()) {
            m_untagged.remove(pending->deviceId);
        } else {
            // The identity exists, so the device's messages may flow; the tags follow on its next ensure().
            m_untagged.insert(pending->deviceId);
            identity.tagsError = result.error();
            qCWarning(lcBridge) << "Could not set the lorawan tags of" << pending->deviceId << ":"
                                << result.error().toString();
        }
        finish(pending, identity);
        requestDone();
    });
}

void IdentityProvisioner::startBulk(const QList<std::shared_ptr<Pending>> &batch)
{
    QList<ImportDevice> devices;
    devices.reserve(batch.size());
    for (const auto &pending : batch) {
        ImportDevice device;
        device.id = pending->deviceId;
        device.importMode = ImportDevice::Mode::Create;
        device.tags = tagsFor(pending->devEui, pending->joinEui);
        devices.append(device);
    }
    ++m_bulkRequests;
    qCInfo(lcBridge) << "Creating" << batch.size() << "IoT Hub identities in one bulk request";
    m_client->importDevices(devices).then(this, [this, batch](const Result<BulkImportResult> &result) {
        for (const auto &pending : batch) {
            if (!result.ok()) {
                finish(pending, result.error());
                continue;
            }
            const BulkImportResult::DeviceError *error = result.value().errorFor(pending->deviceId);
            if (!error) {
                ++m_created;
                m_known.insert(pending->deviceId);
                m_untagged.remove(pending->deviceId);
                emit identityCreated(pending->deviceId);
                finish(pending, ProvisionedIdentity{pending->deviceId, ProvisionedIdentity::Origin::CreatedInBulk, true, {}});
            } else if (isAlreadyExists(error->errorCode)) {
                m_known.insert(pending->deviceId);
                finish(pending, ProvisionedIdentity{pending->deviceId, ProvisionedIdentity::Origin::Existing, false, {}});
            } else {
                ServiceError failure(ServiceError::Kind::BadRequest,
                                     tr("IoT Hub refused to create the device (%1: %2). Check the device id and the "
                                        "hub's registry.")
                                         .arg(error->errorCode, error->errorStatus),
                                     error->errorStatus);
                failure.setCode(error->errorCode).setOperation(tr("create the IoT Hub identity of %1").arg(pending->deviceId));
                finish(pending, failure);
            }
        }
        requestDone();
    });
}

void IdentityProvisioner::finish(const std::shared_ptr<Pending> &pending, const Result<ProvisionedIdentity> &result)
{
    m_pending.remove(pending->deviceId);
    if (!result.ok()) {
        qCWarning(lcBridge) << "Identity of" << pending->deviceId << "not available:" << result.error().toString();
        emit identityFailed(pending->deviceId, result.error());
    }
    const auto promises = pending->promises;
    for (const auto &promise : promises)
        Futures::fulfil(promise, result);
    emit pendingCountChanged(pendingCount());
}

void IdentityProvisioner::requestDone()
{
    m_outstanding = std::max(0, m_outstanding - 1);
    schedulePump();
}

} // namespace TwinBridge
