#include "services/iothub/IotHubServiceClient.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/core/RateLimiter.h"
#include "services/iothub/IotHubErrorEnvelope.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/IotHubConnectionString.h"
#include "services/protocol/PercentEncoding.h"
#include "services/protocol/SasToken.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QPromise>
#include <QSet>

#include <algorithm>

namespace TwinBridge {

// What one REST call is: the request, and what a user needs to know when it fails.
struct IotHubServiceClient::Call
{
    enum class Subject { Other, Device, Twin };

    QByteArray method;
    QString path; // percent-encoded, below the endpoint's path
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool idempotent = true;

    QString operation; // "create the IoT Hub device "d1"" — ServiceError::operation()
    QString activity; // "creating devices" — "…lacks RegistryWrite, which creating devices needs"
    Right right = Right::RegistryRead;
    HubThrottle::Operation throttleClass = HubThrottle::Operation::Registry;
    Subject subject = Subject::Other;
    QString deviceId;
    double tokens = 1;
};

// The type-independent half of a call in flight: what must be stopped when it is canceled.
class IotHubPendingCall
{
public:
    virtual ~IotHubPendingCall() = default;

    bool isDone() const { return m_done; }
    virtual void fail(const ServiceError &error) = 0;

    void stopWork()
    {
        if (m_ticket != 0 && m_limiter)
            m_limiter->cancel(m_ticket);
        m_ticket = 0;
        if (!m_inFlight.isFinished())
            m_inFlight.cancel(); // the transport aborts the reply
        m_inFlight = QFuture<HttpResponse>();
    }

    QFuture<HttpResponse> m_inFlight;
    QPointer<RateLimiter> m_limiter;
    RateLimiter::Ticket m_ticket = 0;

protected:
    bool m_done = false;
};

template<typename T>
class IotHubServiceClient::Pending : public IotHubPendingCall
{
public:
    static std::shared_ptr<Pending> create(IotHubServiceClient *client, const QString &operation)
    {
        auto pending = std::make_shared<Pending>();
        pending->m_operation = operation;
        pending->m_promise.start();
        // Canceling the returned future stops the throttle wait or aborts the request.
        auto *watcher = new QFutureWatcher<Result<T>>(client);
        pending->m_watcher = watcher;
        std::weak_ptr<Pending> weak = pending;
        QObject::connect(watcher, &QFutureWatcherBase::canceled, client, [weak] {
            if (const auto self = weak.lock()) {
                self->stopWork();
                self->finish(ServiceError::canceled(self->m_operation));
            }
        });
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
        watcher->setFuture(pending->m_promise.future());
        return pending;
    }

    ~Pending() override
    {
        // Never deleted directly: this may run inside the watcher's own signal.
        if (m_watcher)
            m_watcher->deleteLater();
    }

    QFuture<Result<T>> future() { return m_promise.future(); }
    QPromise<Result<T>> &promise() { return m_promise; }

    void finish(Result<T> result)
    {
        if (m_done)
            return;
        m_done = true;
        Futures::fulfil(m_promise, std::move(result));
    }

    void fail(const ServiceError &error) override { finish(Result<T>(error)); }

private:
    QPromise<Result<T>> m_promise;
    QPointer<QFutureWatcher<Result<T>>> m_watcher;
    QString m_operation;
};

namespace {

const QByteArray ContinuationHeader("x-ms-continuation");
const QByteArray MaxItemCountHeader("x-ms-max-item-count");
const QByteArray ItemTypeHeader("x-ms-item-type");
const QByteArray ErrorCodeHeader("iothub-errorcode");

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// --- construction and credentials ---

IotHubServiceClient::IotHubServiceClient(QNetworkAccessManager *nam, IotHubCredentials credentials,
                                         HubThrottle *throttle, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_transport(new HttpTransport(nam, this))
    , m_clock(clock ? clock : Clock::system())
    , m_credentials(std::move(credentials))
    , m_throttle(throttle)
{
    m_transport->setClock(m_clock);
}

IotHubServiceClient::IotHubServiceClient(HttpTransport *transport, IotHubCredentials credentials, HubThrottle *throttle,
                                         Clock *clock, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_clock(clock ? clock : transport->clock())
    , m_credentials(std::move(credentials))
    , m_throttle(throttle)
{
}

IotHubServiceClient::~IotHubServiceClient() = default;

void IotHubServiceClient::setCredentials(const IotHubCredentials &credentials)
{
    m_credentials = credentials;
    m_token.clear();
    m_tokenExpiry = 0;
}

void IotHubServiceClient::setThrottle(HubThrottle *throttle)
{
    m_throttle = throttle;
}

void IotHubServiceClient::setTokenLifetime(std::chrono::seconds lifetime, std::chrono::seconds renewBefore)
{
    m_tokenLifetime = std::max(lifetime, std::chrono::seconds(60));
    m_tokenRenewBefore = std::clamp(renewBefore, std::chrono::seconds(0), m_tokenLifetime / 2);
    m_token.clear();
    m_tokenExpiry = 0;
}

QString IotHubServiceClient::rightName(Right right)
{
    switch (right) {
    case Right::RegistryRead:
        return QStringLiteral("RegistryRead");
    case Right::RegistryWrite:
        return QStringLiteral("RegistryWrite");
    case Right::ServiceConnect:
        return QStringLiteral("ServiceConnect");
    }
    return {};
}

QByteArray IotHubServiceClient::ifMatch(const QString &etag)
{
    const QString trimmed = etag.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("*") || trimmed == QLatin1String("\"*\""))
        return "*";
    if (trimmed.size() >= 2 && trimmed.startsWith(QLatin1Char('"')) && trimmed.endsWith(QLatin1Char('"')))
        return trimmed.toUtf8();
    return '"' + trimmed.toUtf8() + '"';
}

TwinBridge::Status IotHubServiceClient::checkCredentials() const
{
    if (m_credentials.hostName.trimmed().isEmpty()) {
        return ServiceError::notConfigured(
            tr("The IoT hub host name is not set. Enter it in the profile (for example myhub.azure-devices.net)."));
    }
    if (m_credentials.policyName.trimmed().isEmpty()) {
        return ServiceError::notConfigured(
            tr("The shared access policy name is not set. Enter it in the profile (for example iothubowner)."));
    }
    if (m_credentials.policyKey.trimmed().isEmpty()) {
        return ServiceError::notConfigured(tr("The key of the shared access policy \"%1\" is not set. Copy it from the "
                                              "Azure portal (IoT hub → Shared access policies) into the profile.")
                                               .arg(m_credentials.policyName));
    }
    const Status key = IotHubConnectionString::checkKey(
        m_credentials.policyKey.trimmed(),
        tr("The key of the shared access policy \"%1\"").arg(m_credentials.policyName));
    if (!key)
        return ServiceError::invalidInput(key.error().message(), QStringLiteral("InvalidPolicyKey"));
    return Done{};
}

Result<QByteArray> IotHubServiceClient::authorization()
{
    if (Status usable = checkCredentials(); !usable)
        return usable.error();
    const qint64 now = m_clock->secondsSinceEpoch();
    if (m_token.isEmpty() || m_tokenExpiry - now <= m_tokenRenewBefore.count()) {
        m_tokenExpiry = now + m_tokenLifetime.count();
        m_token = SasToken::sign(SasToken::hubResource(m_credentials.hostName), m_credentials.policyKey.trimmed(),
                                 m_tokenExpiry, m_credentials.policyName);
        qCDebug(lcIotHubRest).noquote() << "signed a service token for policy" << m_credentials.policyName << "on"
                                        << m_credentials.hostName << "valid until"
                                        << QDateTime::fromSecsSinceEpoch(m_tokenExpiry, Qt::UTC).toString(Qt::ISODate);
    }
    return m_token.toUtf8();
}

// --- the call machinery ---

void IotHubServiceClient::send(const std::shared_ptr<IotHubPendingCall> &pending, const Call &call,
                               std::function<void(const HttpResponse &)> onResponse)
{
    if (pending->isDone())
        return;
    // Fail fast, without taking a throttle token, when the profile is incomplete.
    if (Status usable = checkCredentials(); !usable) {
        ServiceError error = usable.error();
        pending->fail(error.setOperation(call.operation));
        return;
    }
    auto dispatch = [this, pending, call, onResponse = std::move(onResponse)]() {
        pending->m_ticket = 0;
        pending->m_limiter.clear();
        if (pending->isDone())
            return;
        // Signed only now, after any throttle wait, so that the token is fresh when it is sent.
        Result<QByteArray> token = authorization();
        if (!token) {
            ServiceError error = token.error();
            error.setOperation(call.operation);
            pending->fail(error);
            return;
        }
        QUrl url = m_credentials.endpoint();
        QString basePath = url.path(QUrl::FullyEncoded);
        while (basePath.endsWith(QLatin1Char('/')))
            basePath.chop(1);
        url.setPath(basePath + call.path, QUrl::TolerantMode);
        url.setQuery(QStringLiteral("api-version=") + QLatin1String(ApiVersion));

        HttpRequest request;
        request.method = call.method;
        request.url = url;
        request.idempotent = call.idempotent;
        request.setHeader("Authorization", token.value());
        if (!call.body.isEmpty())
            request.setHeader("Content-Type", "application/json; charset=utf-8");
        for (const auto &header : call.headers)
            request.setHeader(header.first, header.second);
        request.body = call.body;

        QFuture<HttpResponse> future = m_transport->send(request);
        pending->m_inFlight = future;
        future.then(this, [this, pending, call, onResponse](const HttpResponse &response) {
            pending->m_inFlight = QFuture<HttpResponse>();
            if (pending->isDone())
                return;
            qCDebug(lcIotHubRest).noquote()
                << call.method << call.path << "->"
                << (response.hasHttpStatus() ? QString::number(response.status) : QStringLiteral("no answer"))
                << "after" << response.attempts << "attempt(s) to" << call.operation;
            onResponse(response);
        });
    };

    RateLimiter *limiter = m_throttle ? m_throttle->limiter(call.throttleClass) : nullptr;
    if (!limiter) {
        dispatch();
        return;
    }
    // A bulk request takes one token per device; never more than the bucket holds, or it would wait forever.
    const double tokens = std::clamp(call.tokens, 1.0, std::max(1.0, limiter->bucket().burst()));
    if (limiter->queued() > 0 || limiter->bucket().timeUntilAvailable(tokens).count() > 0) {
        qCDebug(lcIotHubRest).noquote() << "waiting for the hub throttle ("
                                        << HubThrottle::operationName(call.throttleClass) << ") to" << call.operation;
    }
    pending->m_limiter = limiter;
    pending->m_ticket = limiter->acquire(this, std::move(dispatch), tokens);
}

template<typename T>
QFuture<Result<T>> IotHubServiceClient::run(const Call &call, std::function<Result<T>(const HttpResponse &)> parse)
{
    auto pending = Pending<T>::create(this, call.operation);
    QFuture<Result<T>> future = pending->future();
    send(pending, call, [this, pending, call, parse = std::move(parse)](const HttpResponse &response) {
        if (!response.isHttpSuccess()) {
            pending->finish(errorFor(response, call));
            return;
        }
        pending->finish(parse(response));
    });
    return future;
}

template<typename T>
QFuture<Result<T>> IotHubServiceClient::runParsed(const Call &call)
{
    return run<T>(call, [this, call](const HttpResponse &response) { return parseBody<T>(response, call); });
}

TwinBridge::Status IotHubServiceClient::checkDeviceId(const QString &deviceId, const QString &operation)
{
    Status valid = DeviceIdentity::validateDeviceId(deviceId);
    if (!valid) {
        ServiceError error = valid.error();
        return error.setOperation(operation);
    }
    return valid;
}

TwinBridge::Status IotHubServiceClient::checkQuery(const QString &sql, const QString &operation)
{
    if (sql.trimmed().isEmpty())
        return ServiceError::invalidInput(tr("The query is empty.")).setOperation(operation);
    return Done {};
}

template<typename T>
Result<T> IotHubServiceClient::parseBody(const HttpResponse &response, const Call &call) const
{
    Result<QJsonObject> object = objectBody(response, call);
    if (!object)
        return object.error();
    Result<T> value = T::fromJson(object.value());
    if (!value)
        return malformed(call, response, value.error().message());
    return value;
}

ServiceError IotHubServiceClient::malformed(const Call &call, const HttpResponse &response, const QString &detail) const
{
    qCWarning(lcIotHubRest).noquote() << "unexpected answer to" << call.method << call.path << "( HTTP"
                                      << response.status << "):" << detail;
    ServiceError error = ServiceError::malformedResponse(call.operation, detail);
    error.setHttpStatus(response.status);
    return error;
}

Result<QJsonObject> IotHubServiceClient::objectBody(const HttpResponse &response, const Call &call) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return malformed(
            call, response,
            tr("HTTP %1 with a body that is not JSON (%2).").arg(response.status).arg(parseError.errorString()));
    }
    if (!document.isObject()) {
        return malformed(call, response, tr("HTTP %1 with a body that is not a JSON object.").arg(response.status));
    }
    return document.object();
}

QString IotHubServiceClient::throttleSentence(const Call &call) const
{
    if (m_throttle) {
        return tr("The hub (%1) allows %2.")
            .arg(m_throttle->configurationName(), m_throttle->limitText(call.throttleClass));
    }
    return tr("Each hub tier allows only so many %1; set the hub's tier and units in the profile so that TwinBridge "
              "paces its requests.")
        .arg(HubThrottle::operationName(call.throttleClass));
}

ServiceError IotHubServiceClient::errorFor(const HttpResponse &response, const Call &call) const
{
    if (!response.hasHttpStatus())
        return response.transportError(call.operation);

    const int status = response.status;
    const IotHubErrorEnvelope envelope = IotHubErrorEnvelope::parse(response.body, response.header(ErrorCodeHeader));
    const QString code = envelope.code;
    const QString text = envelope.message;
    const QString hub = m_credentials.hubName();
    auto is = [&code](const char *name) { return code.compare(QLatin1String(name), Qt::CaseInsensitive) == 0; };

    ServiceError::Kind kind = ServiceError::kindForHttpStatus(status);
    QString message;
    if (is("OperationNotAvailableInCurrentTier")) {
        kind = ServiceError::Kind::Unsupported;
        message = tr("The hub's tier does not offer %1. Device twins and queries need a Free or Standard tier hub; "
                     "Basic tiers lack them.")
                      .arg(call.activity);
    } else if ((status == 401 || status == 403) && is("IotHubNotFound")) {
        message =
            tr("The IoT hub \"%1\" does not exist. Check the host name in the profile.").arg(m_credentials.hostName);
    } else if (status == 401 && text.contains(QLatin1String("expired"), Qt::CaseInsensitive)) {
        message = tr("IoT Hub rejected the access token as expired. Check that this computer's clock is correct.");
    } else if (status == 401 || is("IotHubUnauthorizedAccess") || is("IotHubUnauthorized")) {
        kind = status == 403 ? ServiceError::Kind::Forbidden : ServiceError::Kind::Unauthorized;
        message = tr("The shared access policy \"%1\" lacks %2, which %3 needs — or the key is wrong. Use a policy "
                     "with RegistryRead, RegistryWrite and ServiceConnect.")
                      .arg(m_credentials.policyName, rightName(call.right), call.activity);
    } else {
        switch (status) {
        case 400:
            message = text.isEmpty()
                ? tr("IoT Hub rejected the request as invalid. Check the device id and the values entered.")
                : tr("IoT Hub rejected the request as invalid: %1").arg(text);
            break;
        case 403:
            if (is("IotHubQuotaExceeded")) {
                message = tr("The hub \"%1\" has used up its daily message quota. Wait until it resets (00:00 UTC) "
                             "or scale the hub up.")
                              .arg(hub);
            } else {
                message = text.isEmpty()
                    ? tr("IoT Hub refused %1. Check the policy's rights and the hub's tier and quotas.")
                          .arg(call.activity)
                    : tr("IoT Hub refused %1: %2 Check the policy's rights and the hub's tier and quotas.")
                          .arg(call.activity, text);
            }
            break;
        case 404:
            if (!call.deviceId.isEmpty() && (code.isEmpty() || is("DeviceNotFound"))) {
                message = tr("The device \"%1\" does not exist in the hub \"%2\". Check the device id, or create the "
                             "device first.")
                              .arg(call.deviceId, hub);
            } else {
                message = tr("IoT Hub answered \"not found\" for %1. Check the hub host name and the endpoint address "
                             "in the profile.")
                              .arg(call.activity);
            }
            break;
        case 409:
            if (!call.deviceId.isEmpty() && (code.isEmpty() || is("DeviceAlreadyExists"))) {
                message = tr("A device with the id \"%1\" already exists in the hub \"%2\". Choose another id, or "
                             "update the existing device instead.")
                              .arg(call.deviceId, hub);
            } else {
                message = tr("IoT Hub reported a conflict while %1: %2").arg(call.activity, text);
            }
            break;
        case 412:
            if (call.subject == Call::Subject::Twin) {
                message = tr("The twin of device \"%1\" was changed by someone else since it was read (its etag no "
                             "longer matches). Look at the current twin and apply your change again.")
                              .arg(call.deviceId);
            } else if (!call.deviceId.isEmpty()) {
                message = tr("The device \"%1\" was changed by someone else since it was read (its etag no longer "
                             "matches). Reload the device and apply your change again.")
                              .arg(call.deviceId);
            } else {
                message = tr("The data was changed by someone else since it was read (the etag no longer matches). "
                             "Reload it and try again.");
            }
            break;
        case 413:
            if (is("TooManyDevices")) {
                message = tr("The hub \"%1\" holds the maximum number of devices. Delete unused devices or use "
                             "another hub.")
                              .arg(hub);
            } else {
                message = tr("The request is too large for IoT Hub. Twin tags hold at most 8 KB, desired properties "
                             "32 KB and each property 4 KB; a bulk request at most 100 devices.");
            }
            break;
        case 429:
            message = tr("IoT Hub throttled %1 and still refused after %n attempt(s). %2 Wait a minute and try "
                         "again, or scale the hub up.",
                         nullptr, response.attempts)
                          .arg(call.activity, throttleSentence(call));
            break;
        case 503:
            message = tr("IoT Hub is temporarily unavailable and still was after %n attempt(s). Try again in a few "
                         "minutes.",
                         nullptr, response.attempts);
            break;
        default:
            if (status >= 500) {
                message = tr("IoT Hub had an internal error (HTTP %1). Try again later; if it keeps happening, check "
                             "the Azure status page.")
                              .arg(status);
            } else {
                message = text.isEmpty() ? tr("IoT Hub refused the request with HTTP %1.").arg(status)
                                         : tr("IoT Hub refused the request with HTTP %1: %2").arg(status).arg(text);
            }
            break;
        }
    }

    ServiceError error(kind, message, envelope.describe());
    error.setHttpStatus(status);
    error.setCode(!code.isEmpty()                 ? code
                      : envelope.numericCode != 0 ? QString::number(envelope.numericCode)
                                                  : QString());
    error.setOperation(call.operation);
    if (status == 429 || status == 503) {
        if (const auto retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"), m_clock->nowUtc()))
            error.setRetryAfter(*retryAfter);
    }
    qCInfo(lcIotHubRest).noquote() << call.method << call.path << "failed with HTTP" << status
                                   << (envelope.isEmpty() ? QString() : envelope.describe());
    return error;
}

// --- requests ---

IotHubServiceClient::Call IotHubServiceClient::deviceCall(const QByteArray &method, const QString &deviceId) const
{
    Call call;
    call.method = method;
    call.path = QStringLiteral("/devices/") + PercentEncoding::encode(deviceId);
    call.deviceId = deviceId;
    call.subject = Call::Subject::Device;
    call.throttleClass = HubThrottle::Operation::Registry;
    return call;
}

IotHubServiceClient::Call IotHubServiceClient::twinCall(const QByteArray &method, const QString &deviceId) const
{
    Call call;
    call.method = method;
    call.path = QStringLiteral("/twins/") + PercentEncoding::encode(deviceId);
    call.deviceId = deviceId;
    call.subject = Call::Subject::Twin;
    call.right = Right::ServiceConnect;
    call.throttleClass = method == "GET" ? HubThrottle::Operation::TwinRead : HubThrottle::Operation::TwinUpdate;
    return call;
}

IotHubServiceClient::Call IotHubServiceClient::queryCall(const QString &sql, int pageSize,
                                                         const QString &continuationToken) const
{
    Call call;
    call.method = "POST";
    call.path = QStringLiteral("/devices/query");
    call.body = jsonBytes(QueryPage::requestBody(sql));
    if (pageSize > 0)
        call.headers.append(qMakePair(MaxItemCountHeader, QByteArray::number(pageSize)));
    if (!continuationToken.isEmpty())
        call.headers.append(qMakePair(ContinuationHeader, continuationToken.toUtf8()));
    call.idempotent = true; // a read, even though it is a POST
    call.operation = tr("query IoT Hub devices");
    call.activity = tr("querying devices");
    call.right = Right::ServiceConnect;
    call.throttleClass = HubThrottle::Operation::Query;
    return call;
}

QFuture<Result<DeviceIdentity>> IotHubServiceClient::createDevice(const DeviceIdentity &device)
{
    const QString operation = tr("create the IoT Hub device \"%1\"").arg(device.deviceId);
    if (Status valid = checkDeviceId(device.deviceId, operation); !valid)
        return Futures::readyResult<DeviceIdentity>(valid.error());
    Call call = deviceCall("PUT", device.deviceId);
    QJsonObject body = device.toJson();
    body.remove(QStringLiteral("etag")); // the hub refuses an etag on create
    call.body = jsonBytes(body);
    call.idempotent = false; // a repeated create answers 409
    call.operation = operation;
    call.activity = tr("creating devices");
    call.right = Right::RegistryWrite;
    return runParsed<DeviceIdentity>(call);
}

QFuture<Result<DeviceIdentity>> IotHubServiceClient::updateDevice(const DeviceIdentity &device, bool force)
{
    const QString operation = tr("update the IoT Hub device \"%1\"").arg(device.deviceId);
    if (Status valid = checkDeviceId(device.deviceId, operation); !valid)
        return Futures::readyResult<DeviceIdentity>(valid.error());
    Call call = deviceCall("PUT", device.deviceId);
    call.body = jsonBytes(device.toJson());
    call.headers.append(qMakePair(QByteArray("If-Match"), ifMatch(force ? QString() : device.etag)));
    call.operation = operation;
    call.activity = tr("updating devices");
    call.right = Right::RegistryWrite;
    return runParsed<DeviceIdentity>(call);
}

QFuture<Result<DeviceIdentity>> IotHubServiceClient::getDevice(const QString &deviceId)
{
    const QString operation = tr("read the IoT Hub device \"%1\"").arg(deviceId);
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<DeviceIdentity>(valid.error());
    Call call = deviceCall("GET", deviceId);
    call.operation = operation;
    call.activity = tr("reading devices");
    call.right = Right::RegistryRead;
    return runParsed<DeviceIdentity>(call);
}

QFuture<Status> IotHubServiceClient::deleteDevice(const QString &deviceId, const QString &etag)
{
    const QString operation = tr("delete the IoT Hub device \"%1\"").arg(deviceId);
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<Done>(valid.error());
    Call call = deviceCall("DELETE", deviceId);
    call.headers.append(qMakePair(QByteArray("If-Match"), ifMatch(etag)));
    call.operation = operation;
    call.activity = tr("deleting devices");
    call.right = Right::RegistryWrite;
    return run<Done>(call, [](const HttpResponse &) -> Status { return Done{}; });
}

QFuture<Result<BulkImportResult>> IotHubServiceClient::importDevices(const QList<ImportDevice> &devices)
{
    const QString operation = tr("change %n IoT Hub device(s) in bulk", nullptr, int(devices.size()));
    auto invalid = [&operation](const QString &message) {
        ServiceError error = ServiceError::invalidInput(message);
        error.setOperation(operation);
        return error;
    };
    if (devices.isEmpty())
        return Futures::readyResult<BulkImportResult>(invalid(tr("The bulk request lists no devices.")));
    if (devices.size() > MaxBulkDevices) {
        return Futures::readyResult<BulkImportResult>(
            invalid(tr("A bulk request takes at most %1 devices; split the %2 devices into batches.")
                        .arg(MaxBulkDevices)
                        .arg(devices.size())));
    }
    QJsonArray array;
    QSet<QString> seen;
    for (const ImportDevice &device : devices) {
        if (Status valid = DeviceIdentity::validateDeviceId(device.id); !valid)
            return Futures::readyResult<BulkImportResult>(invalid(valid.error().message()));
        if (seen.contains(device.id)) {
            return Futures::readyResult<BulkImportResult>(
                invalid(tr("The device \"%1\" appears more than once in the bulk request; IoT Hub allows each "
                           "device once per request.")
                            .arg(device.id)));
        }
        seen.insert(device.id);
        if (ImportDevice::modeNeedsEtag(device.importMode) && device.eTag.isEmpty() &&
            (device.importMode != ImportDevice::Mode::UpdateTwinIfMatchETag || device.twinETag.isEmpty())) {
            return Futures::readyResult<BulkImportResult>(
                invalid(tr("The device \"%1\" uses the import mode \"%2\", which needs an etag.")
                            .arg(device.id, ImportDevice::modeName(device.importMode))));
        }
        array.append(device.toJson());
    }
    Call call;
    call.method = "POST";
    call.path = QStringLiteral("/devices");
    call.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    call.idempotent = false;
    call.operation = operation;
    call.activity = tr("changing devices in bulk");
    call.right = Right::RegistryWrite;
    call.throttleClass = HubThrottle::Operation::Registry;
    call.tokens = double(devices.size()); // §3.5: every device of a bulk request counts against the throttle

    auto pending = Pending<BulkImportResult>::create(this, call.operation);
    QFuture<Result<BulkImportResult>> future = pending->future();
    send(pending, call, [this, pending, call](const HttpResponse &response) {
        if (response.isHttpSuccess() || response.status == 400) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
            const bool isResult = parseError.error == QJsonParseError::NoError && document.isObject() &&
                BulkImportResult::looksLikeResult(document.object());
            if (isResult) {
                Result<BulkImportResult> result = BulkImportResult::fromJson(document.object());
                pending->finish(result ? result
                                       : Result<BulkImportResult>(malformed(call, response, result.error().message())));
                return;
            }
            if (response.isHttpSuccess()) {
                Result<QJsonObject> object = objectBody(response, call);
                pending->finish(object ? malformed(call, response, tr("The answer is not a bulk registry result."))
                                       : object.error());
                return;
            }
        }
        pending->finish(errorFor(response, call));
    });
    return future;
}

QFuture<Result<DeviceStatistics>> IotHubServiceClient::deviceStatistics()
{
    Call call;
    call.method = "GET";
    call.path = QStringLiteral("/statistics/devices");
    call.operation = tr("read the IoT Hub registry statistics");
    call.activity = tr("reading the registry statistics");
    call.right = Right::RegistryRead;
    call.throttleClass = HubThrottle::Operation::Registry;
    return runParsed<DeviceStatistics>(call);
}

QFuture<Result<DeviceTwin>> IotHubServiceClient::getTwin(const QString &deviceId)
{
    const QString operation = tr("read the twin of device \"%1\"").arg(deviceId);
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<DeviceTwin>(valid.error());
    Call call = twinCall("GET", deviceId);
    call.operation = operation;
    call.activity = tr("reading twins");
    return runParsed<DeviceTwin>(call);
}

QFuture<Result<DeviceTwin>> IotHubServiceClient::updateTwin(const QString &deviceId, const QJsonObject &patch,
                                                            const QString &etag)
{
    return writeTwin("PATCH", deviceId, patch, etag, tr("update the twin of device \"%1\"").arg(deviceId));
}

QFuture<Result<DeviceTwin>> IotHubServiceClient::replaceTwin(const QString &deviceId, const QJsonObject &twin,
                                                             const QString &etag)
{
    return writeTwin("PUT", deviceId, twin, etag, tr("replace the twin of device \"%1\"").arg(deviceId));
}

QFuture<Result<DeviceTwin>> IotHubServiceClient::writeTwin(const QByteArray &method, const QString &deviceId,
                                                           const QJsonObject &body, const QString &etag,
                                                           const QString &operation)
{
    if (Status valid = checkDeviceId(deviceId, operation); !valid)
        return Futures::readyResult<DeviceTwin>(valid.error());
    Call call = twinCall(method, deviceId);
    call.body = jsonBytes(body);
    call.headers.append(qMakePair(QByteArray("If-Match"), ifMatch(etag)));
    call.operation = operation;
    call.activity = tr("updating twins");

    auto pending = Pending<DeviceTwin>::create(this, operation);
    QFuture<Result<DeviceTwin>> future = pending->future();
    send(pending, call, [this, pending, call](const HttpResponse &response) {
        if (response.isHttpSuccess()) {
            pending->finish(parseBody<DeviceTwin>(response, call));
            return;
        }
        if (response.status != 412) {
            pending->finish(errorFor(response, call));
            return;
        }
        // Optimistic concurrency lost: hand the caller the twin as it is now, so it can merge and retry.
        ServiceError conflict = errorFor(response, call);
        Call read = twinCall("GET", call.deviceId);
        read.operation = call.operation;
        read.activity = tr("reading twins");
        send(pending, read, [this, pending, conflict, read](const HttpResponse &current) mutable {
            if (current.isHttpSuccess()) {
                Result<QJsonObject> object = objectBody(current, read);
                if (object && DeviceTwin::fromJson(object.value()))
                    conflict.setPayload(object.value());
            } else {
                qCInfo(lcIotHubRest).noquote() << "could not read the current twin of" << read.deviceId
                                               << "after a conflict: HTTP" << current.status;
            }
            pending->finish(conflict);
        });
    });
    return future;
}

QFuture<Result<QueryPage>> IotHubServiceClient::query(const QString &sql, int pageSize,
                                                      const QString &continuationToken)
{
    Call call = queryCall(sql, pageSize, continuationToken);
    if (Status valid = checkQuery(sql, call.operation); !valid)
        return Futures::readyResult<QueryPage>(valid.error());
    return run<QueryPage>(call, [this, call](const HttpResponse &response) -> Result<QueryPage> {
        Result<QueryPage> page =
            QueryPage::fromJson(response.body, QString::fromUtf8(response.header(ContinuationHeader)),
                                QString::fromUtf8(response.header(ItemTypeHeader)));
        if (!page)
            return malformed(call, response, page.error().message());
        return page;
    });
}

struct IotHubServiceClient::QueryWalk
{
    QString sql;
    int pageSize = 0;
    QueryProgress progress;
    QJsonArray items;
    QString itemType;
    QSet<QString> seenTokens;
    int pages = 0;
};

QFuture<Result<QueryPage>> IotHubServiceClient::queryAll(const QString &sql, int pageSize, QueryProgress progress)
{
    auto walk = std::make_shared<QueryWalk>();
    walk->sql = sql;
    walk->pageSize = pageSize;
    walk->progress = std::move(progress);
    const Call first = queryCall(sql, pageSize, {});
    if (Status valid = checkQuery(sql, first.operation); !valid)
        return Futures::readyResult<QueryPage>(valid.error());
    auto pending = Pending<QueryPage>::create(this, first.operation);
    QFuture<Result<QueryPage>> future = pending->future();
    continueQuery(pending, walk, {});
    return future;
}

void IotHubServiceClient::continueQuery(const std::shared_ptr<Pending<QueryPage>> &pending,
                                        const std::shared_ptr<QueryWalk> &walk, const QString &continuationToken)
{
    const Call call = queryCall(walk->sql, walk->pageSize, continuationToken);
    send(pending, call, [this, pending, walk, call](const HttpResponse &response) {
        if (!response.isHttpSuccess()) {
            pending->finish(errorFor(response, call));
            return;
        }
        Result<QueryPage> page =
            QueryPage::fromJson(response.body, QString::fromUtf8(response.header(ContinuationHeader)),
                                QString::fromUtf8(response.header(ItemTypeHeader)));
        if (!page) {
            pending->finish(malformed(call, response, page.error().message()));
            return;
        }
        for (const QJsonValue &item : std::as_const(page.value().items))
            walk->items.append(item);
        walk->itemType = page.value().itemType;
        ++walk->pages;
        const qsizetype count = walk->items.size();
        qCDebug(lcIotHubRest) << "query page" << walk->pages << "brought" << page.value().size() << "items," << count
                              << "so far";
        pending->promise().setProgressValueAndText(int(std::min<qsizetype>(count, INT_MAX)),
                                                   tr("%n item(s) read", nullptr, int(count)));
        if (walk->progress)
            walk->progress(count, walk->pages);
        if (pending->isDone())
            return;
        const QString next = page.value().continuationToken;
        if (next.isEmpty()) {
            pending->finish(QueryPage::fromItems(walk->items, {}, walk->itemType));
            return;
        }
        if (walk->seenTokens.contains(next)) {
            pending->finish(malformed(call, response,
                                      tr("The hub sent the same continuation token twice; the query would never "
                                         "end.")));
            return;
        }
        walk->seenTokens.insert(next);
        continueQuery(pending, walk, next);
    });
}

} // namespace TwinBridge
