#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/iothub/BulkImportResult.h"
#include "services/iothub/DeviceIdentity.h"
#include "services/iothub/DeviceStatistics.h"
#include "services/iothub/DeviceTwin.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/ImportDevice.h"
#include "services/iothub/IotHubCredentials.h"
#include "services/iothub/QueryPage.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace TwinBridge {

class HttpTransport;
struct HttpResponse;
class IotHubPendingCall;

// The IoT Hub service REST API (data plane, reference/azure-protocols.md §3): device identities, bulk
// registry changes, twins, queries and registry statistics, signed with a shared access policy.
//
// Every method returns a QFuture that resolves to the value or to a typed ServiceError whose message says
// what to do (a missing right of the policy, an unknown device, a conflict, throttling with the tier's
// limit…). Canceling the future aborts the request. Requests wait on the HubThrottle's limiter for their
// class of operation; 429/503 answers are retried by the HttpTransport with back-off, honouring Retry-After.
class IotHubServiceClient : public QObject
{
    Q_OBJECT

public:
    // The rights of a shared access policy that the service operations need (§2.4).
    enum class Right { RegistryRead, RegistryWrite, ServiceConnect };
    static QString rightName(Right right);

    static constexpr const char *ApiVersion = "2021-04-12";
    // The hub takes at most 100 devices per bulk request (swagger RegistryManager_BulkDeviceCRUD).
    static constexpr int MaxBulkDevices = 100;

    // Builds its own HttpTransport on `nam` (with `clock`).
    IotHubServiceClient(QNetworkAccessManager *nam, IotHubCredentials credentials, HubThrottle *throttle = nullptr,
                        Clock *clock = nullptr, QObject *parent = nullptr);
    // Uses a shared transport (not owned).
    IotHubServiceClient(HttpTransport *transport, IotHubCredentials credentials, HubThrottle *throttle = nullptr,
                        Clock *clock = nullptr, QObject *parent = nullptr);
    ~IotHubServiceClient() override;

    void setCredentials(const IotHubCredentials &credentials);
    QString hostName() const { return m_credentials.hostName; }
    QString policyName() const { return m_credentials.policyName; }
    QUrl endpoint() const { return m_credentials.endpoint(); }

    void setThrottle(HubThrottle *throttle);
    HubThrottle *throttle() const { return m_throttle; }
    HttpTransport *transport() const { return m_transport; }

    // Service tokens live `lifetime` (default one hour) and are renewed once less than `renewBefore`
    // (default ten minutes) remains.
    void setTokenLifetime(std::chrono::seconds lifetime, std::chrono::seconds renewBefore);

    // --- Device identities (RegistryRead / RegistryWrite) ---
    // PUT /devices/{id} without If-Match; the hub generates keys left empty.
    QFuture<Result<DeviceIdentity>> createDevice(const DeviceIdentity &device);
    // PUT /devices/{id} with If-Match: the device's etag, or * when `force` (or when it has no etag).
    QFuture<Result<DeviceIdentity>> updateDevice(const DeviceIdentity &device, bool force = false);
    QFuture<Result<DeviceIdentity>> getDevice(const QString &deviceId);
    // DELETE /devices/{id} with If-Match: `etag`, or * when empty.
    QFuture<Status> deleteDevice(const QString &deviceId, const QString &etag = {});
    // POST /devices with 1–100 entries. Each entry counts as one registry operation. A 400 answer that
    // carries a bulk result resolves to that result (isSuccessful false, per-device errors).
    QFuture<Result<BulkImportResult>> importDevices(const QList<ImportDevice> &devices);
    // GET /statistics/devices
    QFuture<Result<DeviceStatistics>> deviceStatistics();

    // --- Twins (ServiceConnect) ---
    QFuture<Result<DeviceTwin>> getTwin(const QString &deviceId);
    // PATCH /twins/{id} with `patch` ({"tags":…,"properties":{"desired":…}}, see DeviceTwin::patch()) and
    // If-Match: `etag`, or * when empty. On 412 the current twin is fetched and the PreconditionFailed
    // error carries it as payload().
    QFuture<Result<DeviceTwin>> updateTwin(const QString &deviceId, const QJsonObject &patch, const QString &etag = {});
    // PUT /twins/{id}: replaces tags and desired properties (see DeviceTwin::toReplacementJson()).
    QFuture<Result<DeviceTwin>> replaceTwin(const QString &deviceId, const QJsonObject &twin, const QString &etag = {});

    // --- Queries (ServiceConnect) ---
    // One page; `pageSize` 0 lets the hub choose, `continuationToken` from the previous page.
    QFuture<Result<QueryPage>> query(const QString &sql, int pageSize = 0, const QString &continuationToken = {});
    // Walks every page and returns all items in one page (no continuation token). `progress` is called
    // after each page; the future also reports the item count as its progress value. Cancel the future to
    // stop.
    using QueryProgress = std::function<void(qsizetype itemsSoFar, int pagesSoFar)>;
    QFuture<Result<QueryPage>> queryAll(const QString &sql, int pageSize = 0, QueryProgress progress = {});

    // "If-Match" value for an etag: quoted, or * for empty / "*" (already quoted etags are kept).
    static QByteArray ifMatch(const QString &etag);

private:
    friend class IotHubPendingCall;
    struct Call;
    struct QueryWalk;
    template<typename T>
    class Pending;

    TwinBridge::Status checkCredentials() const;
    Result<QByteArray> authorization();
    Call deviceCall(const QByteArray &method, const QString &deviceId) const;
    Call twinCall(const QByteArray &method, const QString &deviceId) const;
    Call queryCall(const QString &sql, int pageSize, const QString &continuationToken) const;

    // Waits for the throttle, signs, sends; calls `onResponse` with the answer unless the call ended first.
    void send(const std::shared_ptr<IotHubPendingCall> &pending, const Call &call,
              std::function<void(const HttpResponse &)> onResponse);
    template<typename T>
    QFuture<Result<T>> run(const Call &call, std::function<Result<T>(const HttpResponse &)> parse);
    // run() for answers that are one T (T::fromJson).
    template<typename T>
    QFuture<Result<T>> runParsed(const Call &call);
    // The checks made before anything is sent; the error carries `operation`.
    static TwinBridge::Status checkDeviceId(const QString &deviceId, const QString &operation);
    static TwinBridge::Status checkQuery(const QString &sql, const QString &operation);
    template<typename T>
    Result<T> parseBody(const HttpResponse &response, const Call &call) const;
    QFuture<Result<DeviceTwin>> writeTwin(const QByteArray &method, const QString &deviceId, const QJsonObject &body,
                                          const QString &etag, const QString &operation);
    void continueQuery(const std::shared_ptr<Pending<QueryPage>> &pending, const std::shared_ptr<QueryWalk> &walk,
                       const QString &continuationToken);

    ServiceError errorFor(const HttpResponse &response, const Call &call) const;
    ServiceError malformed(const Call &call, const HttpResponse &response, const QString &detail) const;
    Result<QJsonObject> objectBody(const HttpResponse &response, const Call &call) const;
    QString throttleSentence(const Call &call) const;

    HttpTransport *m_transport = nullptr;
    Clock *m_clock;
    IotHubCredentials m_credentials;
    QPointer<HubThrottle> m_throttle;
    QString m_token;
    qint64 m_tokenExpiry = 0;
    std::chrono::seconds m_tokenLifetime{3600};
    std::chrono::seconds m_tokenRenewBefore{600};
};

} // namespace TwinBridge
