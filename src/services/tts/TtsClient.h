#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/protocol/TtsDownlink.h"
#include "services/tts/TtsApplication.h"
#include "services/tts/TtsComponent.h"
#include "services/tts/TtsEndDevice.h"
#include "services/tts/TtsError.h"
#include "services/tts/TtsMqttConnectionInfo.h"
#include "services/tts/TtsRights.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace TwinBridge {

class HttpTransport;
struct HttpRequest;
struct HttpResponse;

// The Things Stack HTTP API for one application (reference/tts-integration.md §4): the application and the
// key's rights, end devices across the four registries (IS, JS, NS, AS), the downlink queue and the MQTT
// connection info. Every request carries `Authorization: Bearer <API key>`; field masks go as
// `?field_mask=a,b` on GET and `"field_mask":{"paths":[…]}` in PUT/POST bodies. Failures are ServiceErrors
// built from TTS's error body (TtsError) that name what to do. Neither the API key nor a root key is ever
// logged or put into an error.
class TtsClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxPageSize = 1000; // ListEndDevicesRequest.limit ≤ 1000

    struct ListOptions
    {
        QStringList fieldMask; // IS paths, e.g. {"name", "last_seen_at"}
        int limit = 100; // 1…1000
        int page = 1; // 1-based
        QString order; // device_id, join_eui, dev_eui, name, description, created_at, last_seen_at; "-" = descending
    };

    struct DevicePage
    {
        QList<TtsEndDevice> devices;
        int total = -1; // X-Total-Count, -1 if TTS did not send it
        int page = 1;
        int limit = 0;
    };

    // `GET /search/applications/{app}/devices` (EndDeviceRegistrySearch; not on every deployment).
    struct SearchQuery
    {
        QString query; // ID, name, description or EUI contains (≤ 50 characters)
        QString idContains;
        QString nameContains;
        QString descriptionContains;
        QString devEuiContains; // ≤ 16 hex digits
        QString joinEuiContains; // ≤ 16 hex digits
        QString devAddrContains; // ≤ 8 hex digits
        QMap<QString, QString> attributesContain; // ≤ 10 pairs
    };

    struct MergedDevice
    {
        TtsEndDevice device; // IS answer merged with the JS, NS and AS answers
        QList<TtsComponent> foundIn; // registries that have the device
        QList<TtsComponent> missingFrom; // registries that answered 404
        bool isComplete() const { return missingFrom.isEmpty(); }
    };

    // Written into the IS/JS records; empty fields fall back to the device's own addresses, then to the
    // host (and port) of the API address.
    struct ServerAddresses
    {
        QString networkServer;
        QString applicationServer;
        QString joinServer;
    };

    struct DeleteReport
    {
        QList<TtsComponent> deletedFrom; // registries that had the device and removed it
        QList<TtsComponent> absentFrom; // registries that answered 404 (already gone)
    };

    // `baseUrl` is the cluster's API address, see normalizeBaseUrl(). An invalid address, application id or
    // empty API key makes every call fail with that configuration error (see configurationStatus()).
    TtsClient(QNetworkAccessManager *nam, const QUrl &baseUrl, const QString &applicationId, const QString &apiKey,
              Clock *clock = nullptr, QObject *parent = nullptr);
    ~TtsClient() override;

    // Accepts "https://eu1.cloud.thethings.network", with or without a trailing slash or "/api/v3"
    // (…/api/v3 is appended when the path is empty); other paths must end in "/api/v3". The result has
    // no trailing slash. http is allowed (the sandbox, self-hosted port 1885).
    static Result<QUrl> normalizeBaseUrl(const QUrl &address);

    Status configurationStatus() const;
    QUrl baseUrl() const { return m_baseUrl; }
    QString applicationId() const { return m_applicationId; }
    // For retry policy, rate limiting and TLS settings (e.g. a sandbox CA).
    HttpTransport *transport() const { return m_transport; }

    // The IS fields getDevice() and getDeviceMerged() read by default.
    static QStringList identityServerFields();

    QFuture<Result<TtsApplication>> application();
    QFuture<Result<TtsRights>> rights();

    QFuture<Result<DevicePage>> listDevices();
    QFuture<Result<DevicePage>> listDevices(const ListOptions &options);
    // Every device, page by page. The future reports progress (value = devices fetched, maximum =
    // X-Total-Count) and cancel() stops it, aborting the request in flight.
    QFuture<Result<QList<TtsEndDevice>>> listAllDevices(const QStringList &fieldMask = QStringList(),
                                                        int pageSize = 200, const QString &order = QString());
    QFuture<Result<DevicePage>> searchDevices(const SearchQuery &query);
    QFuture<Result<DevicePage>> searchDevices(const SearchQuery &query, const ListOptions &options);

    // The Identity Server's record (empty mask = identityServerFields()).
    QFuture<Result<TtsEndDevice>> getDevice(const QString &deviceId, const QStringList &fieldMask = QStringList());
    // IS, JS, NS and AS asked in parallel; a registry's 404 leaves its part empty. Fails with NotFound only
    // if no registry has the device. Root keys are read only when asked (needs DEVICES_READ_KEYS).
    QFuture<Result<MergedDevice>> getDeviceMerged(const QString &deviceId, bool withRootKeys = false);

    // Creates an OTAA device in IS (POST), JS, NS and AS (PUT), in that documented order. If a step fails,
    // what was created is deleted again in reverse order and the error names the registry that failed and
    // whether the rollback succeeded (payload: failedComponent, rolledBack, remainingIn). The result is the
    // merged record without root keys.
    QFuture<Result<TtsEndDevice>> createDevice(const TtsEndDevice &device,
                                               const ServerAddresses &addresses = ServerAddresses());
    // Deletes from AS, NS, JS, then IS; a 404 anywhere counts as already deleted, so repeating is safe.
    QFuture<Result<DeleteReport>> deleteDevice(const QString &deviceId);

    QFuture<Status> pushDownlinks(const QString &deviceId, const QList<TtsDownlink> &downlinks);
    // Replaces the queue; an empty list clears it.
    QFuture<Status> replaceDownlinks(const QString &deviceId, const QList<TtsDownlink> &downlinks);
    QFuture<Result<QList<TtsDownlink>>> listDownlinkQueue(const QString &deviceId);

    QFuture<Result<TtsMqttConnectionInfo>> mqttConnectionInfo();

private:
    struct CreateState;
    struct DeleteState;
    struct MergedState;
    struct ListAllState;

    using QueryItems = QList<QPair<QString, QString>>;

    HttpRequest makeRequest(const QByteArray &method, const QString &path, const QueryItems &query = {},
                            const std::optional<QJsonObject> &body = std::nullopt) const;
    TtsError::Context context(const QString &operation, const QString &deviceId = QString(),
                              std::optional<TtsComponent> component = std::nullopt,
                              QList<TtsRights::Right> neededRights = {}) const;
    ServiceError errorFrom(const HttpResponse &response, const TtsError::Context &context) const;
    Result<QJsonObject> jsonObject(const HttpResponse &response, const QString &operation) const;
    // The answer as one T (T::fromJson); an error names `operation`.
    template<typename T>
    Result<T> parseObject(const HttpResponse &response, const QString &operation) const;
    Status checkReady(const QString &operation) const;
    Status checkDeviceId(const QString &deviceId, const QString &operation) const;
    Result<QueryItems> listQuery(const ListOptions &options, const QString &operation) const;
    Result<DevicePage> parsePage(const HttpResponse &response, const ListOptions &options,
                                 const TtsError::Context &context) const;
    QString devicePath(TtsComponent component, const QString &deviceId) const;
    QString defaultServerAddress() const;

    template<typename T, typename Parse>
    QFuture<Result<T>> call(HttpRequest request, const TtsError::Context &context, Parse parse);

    QFuture<Status> queueDownlinks(const QString &deviceId, const QList<TtsDownlink> &downlinks, bool replace);

    void runCreateStep(const std::shared_ptr<CreateState> &state);
    void createStepFailed(const std::shared_ptr<CreateState> &state, const HttpResponse &response);
    void runRollbackStep(const std::shared_ptr<CreateState> &state);
    void finishCreateFailure(const std::shared_ptr<CreateState> &state);
    void runDeleteStep(const std::shared_ptr<DeleteState> &state);
    void fetchNextPage(const std::shared_ptr<ListAllState> &state);
    void finishMerged(const std::shared_ptr<MergedState> &state);

    HttpTransport *m_transport;
    Clock *m_clock;
    QUrl m_baseUrl;
    QString m_applicationId;
    QString m_apiKey;
    ServiceError m_configurationError;
};

} // namespace TwinBridge
