#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QFuture>
#include <QJsonObject>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <deque>
#include <memory>

namespace TwinBridge {

class IotHubServiceClient;

// What IdentityProvisioner::ensure() resolved to.
struct ProvisionedIdentity
{
    enum class Origin {
        Known, // in the cache (seen before)
        Existing, // the hub already had it (GET 200, or 409 / DeviceAlreadyExists on create)
        Created, // created by PUT /devices/{id}, tags written by PATCH /twins/{id}
        CreatedInBulk, // created by POST /devices (import mode create) with its tags in the import record
    };
    QString deviceId;
    Origin origin = Origin::Known;
    // True when the lorawan tags were written by this call (Created: only if the PATCH succeeded).
    bool tagsWritten = false;
    // The PATCH's error when Created but the tags could not be written (the identity exists and messages may
    // flow; the tags are retried on the device's next ensure()).
    ServiceError tagsError;
};

// DESIGN §1 "Identity on demand": makes sure a device the engine hears from TTS has an IoT Hub identity,
// creating it under the hub's registry throttle, and marks devices it created with the twin tags
// lorawan.{devEui, joinEui, provisioned: true}.
//
// - A device already known (cache) resolves at once. The cache is filled lazily: a device not in it is
//   looked up with GET /devices/{id} (one registry operation); 200 → known.
// - A device that is missing is created with PUT /devices/{id}; then its tags are set with
//   PATCH /twins/{id}. A 409 (exists) on create counts as success (its tags are written all the same).
// - When more than Options::bulkThreshold devices wait, the provisioner skips the lookups and creates up to
//   100 at a time with one POST /devices (import mode "create") whose records carry the tags (the
//   ExportImportDevice record has "tags", reference/azure-protocols.md §3.5), so no twin update is needed;
//   a device the hub reports as DeviceAlreadyExists counts as success.
// - Every request waits on the IotHubServiceClient's HubThrottle (registry ops/min: each device of a bulk
//   request counts) and at most Options::maxConcurrent requests are outstanding, so waiting devices gather
//   into bulk requests instead of queueing one by one on the throttle.
// - Failures resolve the device's futures with the typed ServiceError (after the HttpTransport's own 429/503
//   retries). Nothing is retried here: the caller keeps the device's messages in the outbox, backs off
//   (ServiceError::isTransient() tells a transient failure from a permanent one, retryAfter() the hint) and
//   calls ensure() again.
// - ensure() for a device already on its way joins the same work; all its futures resolve together.
class IdentityProvisioner : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int bulkThreshold = 10; // more than this many waiting → bulk import
        int maxBulk = 100; // devices per bulk request (IoT Hub caps at 100)
        int maxConcurrent = 2; // registry requests outstanding at once
    };

    // `client` is not owned and must outlive the provisioner.
    explicit IdentityProvisioner(IotHubServiceClient *client, Options options, QObject *parent = nullptr);
    explicit IdentityProvisioner(IotHubServiceClient *client, QObject *parent = nullptr);
    ~IdentityProvisioner() override;

    void setOptions(const Options &options);
    Options options() const { return m_options; }

    QFuture<Result<ProvisionedIdentity>> ensure(const QString &deviceId, const QString &devEui, const QString &joinEui);

    bool isKnown(const QString &deviceId) const { return m_known.contains(deviceId); }
    // Tells the provisioner the device exists (e.g. seen in a query) or no longer exists (deleted).
    void markKnown(const QString &deviceId);
    void forget(const QString &deviceId);
    // Devices waiting for their identity (looked up, created or tagged).
    int pendingCount() const { return int(m_pending.size()); }
    quint64 createdCount() const { return m_created; }
    quint64 bulkRequestCount() const { return m_bulkRequests; }

    // The twin tags the provisioner writes: {"lorawan":{"devEui":…,"joinEui":…,"provisioned":true}}.
    static QJsonObject tagsFor(const QString &devEui, const QString &joinEui);

signals:
    void pendingCountChanged(int pending);
    void identityCreated(const QString &deviceId);
    void identityFailed(const QString &deviceId, const TwinBridge::ServiceError &error);

private:
    struct Pending;

    void schedulePump();
    void pump();
    void startLookup(const std::shared_ptr<Pending> &pending);
    void startCreate(const std::shared_ptr<Pending> &pending);
    void startTagging(const std::shared_ptr<Pending> &pending, ProvisionedIdentity::Origin origin);
    void startBulk(const QList<std::shared_ptr<Pending>> &batch);
    void finish(const std::shared_ptr<Pending> &pending, const Result<ProvisionedIdentity> &result);
    void requestDone();

    QPointer<IotHubServiceClient> m_client;
    Options m_options;
    QSet<QString> m_known;
    QSet<QString> m_untagged; // created but the tag PATCH failed
    QHash<QString, std::shared_ptr<Pending>> m_pending;
    std::deque<std::shared_ptr<Pending>> m_waiting; // not yet dispatched, in arrival order
    int m_outstanding = 0;
    bool m_pumpScheduled = false;
    quint64 m_created = 0;
    quint64 m_bulkRequests = 0;
};

} // namespace TwinBridge
