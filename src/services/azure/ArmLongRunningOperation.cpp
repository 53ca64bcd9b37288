#include "services/azure/ArmLongRunningOperation.h"

#include "services/azure/CloudError.h"
#include "services/core/Logging.h"
#include "services/net/RetryPolicy.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace TwinBridge {

namespace {

QJsonObject bodyObject(const HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

bool isTerminal(const QString &status)
{
    return status.compare(QLatin1String("Succeeded"), Qt::CaseInsensitive) == 0 ||
        status.compare(QLatin1String("Failed"), Qt::CaseInsensitive) == 0 ||
        status.compare(QLatin1String("Canceled"), Qt::CaseInsensitive) == 0 ||
        status.compare(QLatin1String("Cancelled"), Qt::CaseInsensitive) == 0;
}

bool isSuccess(const QString &status)
{
    return status.compare(QLatin1String("Succeeded"), Qt::CaseInsensitive) == 0;
}

} // namespace

ArmLongRunningOperation::ArmLongRunningOperation(Poller poller, Clock *clock, Options options, QObject *parent)
    : QObject(parent)
    , m_poller(std::move(poller))
    , m_clock(clock ? clock : Clock::system())
    , m_options(std::move(options))
    , m_promise(Futures::startedPromise<Result<QJsonObject>>())
{
    if (!m_options.resourceCheck) {
        const QString operation = m_options.operation;
        m_options.resourceCheck = [operation](const QJsonObject &body) {
            return provisioningStateCheck(body, operation);
        };
    }
    m_watcher.setFuture(m_promise->future());
    connect(&m_watcher, &QFutureWatcherBase::canceled, this, [this] { cancel(); });
}

ArmLongRunningOperation::~ArmLongRunningOperation()
{
    m_done = true;
    Futures::fulfil(m_promise, Result<QJsonObject>(ServiceError::canceled(m_options.operation)));
}

std::optional<Result<QJsonObject>> ArmLongRunningOperation::provisioningStateCheck(const QJsonObject &body,
                                                                                   const QString &operation)
{
    const QJsonObject properties = body.value(QLatin1String("properties")).toObject();
    const QString state = properties.value(QLatin1String("provisioningState")).toString();
    if (state.isEmpty() || isSuccess(state))
        return Result<QJsonObject>(body);
    if (!isTerminal(state))
        return std::nullopt;
    if (state.startsWith(QLatin1String("Cancel"), Qt::CaseInsensitive)) {
        ServiceError error(ServiceError::Kind::Canceled, tr("The operation was canceled in Azure."));
        error.setOperation(operation);
        error.setPayload(body);
        return Result<QJsonObject>(error);
    }
    if (auto cloudError = CloudError::fromJson(properties.value(QLatin1String("error")).toObject())) {
        ServiceError error = cloudError->toServiceError(0, operation);
        error.setPayload(body);
        return Result<QJsonObject>(error);
    }
    ServiceError error(ServiceError::Kind::ServerError,
                       tr("Azure reports the operation as failed without giving a reason. Check the activity log of "
                          "the resource group in the Azure portal."));
    error.setOperation(operation);
    error.setPayload(body);
    return Result<QJsonObject>(error);
}

QFuture<Result<QJsonObject>> ArmLongRunningOperation::start(const HttpResponse &initial)
{
    QFuture<Result<QJsonObject>> future = m_promise->future();
    if (initial.status >= 400) {
        finish(httpError(initial));
        return future;
    }
    const QByteArray asyncHeader = initial.header("Azure-AsyncOperation");
    const QByteArray locationHeader = initial.header("Location");
    m_asyncUrl = asyncHeader.isEmpty() ? QUrl() : QUrl(QString::fromLatin1(asyncHeader));
    m_locationUrl = locationHeader.isEmpty() ? QUrl() : QUrl(QString::fromLatin1(locationHeader));
    const QJsonObject body = bodyObject(initial);

    if (m_asyncUrl.isValid() && !m_asyncUrl.isEmpty()) {
        m_mode = Mode::AsyncOperation;
    } else if (m_locationUrl.isValid() && !m_locationUrl.isEmpty() && initial.status == 202) {
        m_mode = Mode::Location;
    } else if (initial.status == 202) {
        finish(ServiceError::malformedResponse(
            m_options.operation, QStringLiteral("202 Accepted without Azure-AsyncOperation or Location")));
        return future;
    } else {
        const auto verdict = m_options.resourceCheck(body);
        if (verdict) {
            finish(*verdict);
            return future;
        }
        if (!m_options.resourceUrl.isValid() || m_options.resourceUrl.isEmpty()) {
            finish(Result<QJsonObject>(body));
            return future;
        }
        m_mode = Mode::Resource;
    }
    const QString state =
        body.value(QLatin1String("properties")).toObject().value(QLatin1String("provisioningState")).toString();
    setStatus(state.isEmpty() ? QStringLiteral("Accepted") : state);
    qCDebug(lcAzureArm).noquote() << "following" << m_options.operation << "via"
                                  << (m_mode == Mode::AsyncOperation ? "Azure-AsyncOperation"
                                          : m_mode == Mode::Location ? "Location"
                                                                     : "the resource state");
    schedule(initial);
    return future;
}

void ArmLongRunningOperation::schedule(const HttpResponse &last)
{
    if (m_done)
        return;
    if (m_options.maxPolls > 0 && m_polls >= m_options.maxPolls) {
        ServiceError error(ServiceError::Kind::Timeout,
                           tr("Azure has not finished yet. It continues in the background; check again in a few "
                              "minutes."));
        error.setOperation(m_options.operation);
        finish(error);
        return;
    }
    std::chrono::milliseconds delay = m_options.defaultInterval;
    if (const auto retryAfter = RetryPolicy::parseRetryAfter(last.header("Retry-After"), m_clock->nowUtc()))
        delay = *retryAfter;
    emit pollScheduled(delay);
    m_clock->callAfter(delay, this, [this] { poll(); });
}

void ArmLongRunningOperation::poll()
{
    if (m_done)
        return;
    ++m_polls;
    const QUrl url = m_mode == Mode::AsyncOperation ? m_asyncUrl
        : m_mode == Mode::Location                  ? m_locationUrl
                                                    : m_options.resourceUrl;
    m_poller(url).then(this, [this](Result<HttpResponse> response) {
        if (m_done)
            return;
        if (!response) {
            finish(response.error());
            return;
        }
        switch (m_mode) {
        case Mode::AsyncOperation:
            onAsyncOperationAnswer(response.value());
            break;
        case Mode::Location:
            onLocationAnswer(response.value());
            break;
        case Mode::Resource:
            onResourceAnswer(response.value());
            break;
        }
    });
}

void ArmLongRunningOperation::onAsyncOperationAnswer(const HttpResponse &response)
{
    if (response.status >= 400) {
        finish(httpError(response));
        return;
    }
    const QJsonObject body = bodyObject(response);
    const QString status = body.value(QLatin1String("status")).toString();
    if (status.isEmpty()) {
        finish(ServiceError::malformedResponse(
            m_options.operation, QStringLiteral("operation status without \"status\" (HTTP %1)").arg(response.status)));
        return;
    }
    setStatus(status);
    if (!isTerminal(status)) {
        schedule(response);
        return;
    }
    if (!isSuccess(status)) {
        finish(failedStatusError(body, status));
        return;
    }
    if (m_options.resourceUrl.isValid() && !m_options.resourceUrl.isEmpty())
        fetchFinal(m_options.resourceUrl);
    else if (m_locationUrl.isValid() && !m_locationUrl.isEmpty())
        fetchFinal(m_locationUrl);
    else
        finish(Result<QJsonObject>(body));
}

void ArmLongRunningOperation::onLocationAnswer(const HttpResponse &response)
{
    if (response.status >= 400) {
        finish(httpError(response));
        return;
    }
    if (response.status == 202) {
        const QByteArray location = response.header("Location");
        if (!location.isEmpty())
            m_locationUrl = QUrl(QString::fromLatin1(location));
        setStatus(QStringLiteral("Running"));
        schedule(response);
        return;
    }
    const QJsonObject body = bodyObject(response);
    // Some results (what-if) carry their own status; a Failed one is an error.
    const QString status = body.value(QLatin1String("status")).toString();
    if (!status.isEmpty() && isTerminal(status) && !isSuccess(status)) {
        setStatus(status);
        finish(failedStatusError(body, status));
        return;
    }
    setStatus(QStringLiteral("Succeeded"));
    finish(Result<QJsonObject>(body));
}

void ArmLongRunningOperation::onResourceAnswer(const HttpResponse &response)
{
    if (response.status >= 400) {
        finish(httpError(response));
        return;
    }
    const QJsonObject body = bodyObject(response);
    const QString state =
        body.value(QLatin1String("properties")).toObject().value(QLatin1String("provisioningState")).toString();
    if (!state.isEmpty())
        setStatus(state);
    if (const auto verdict = m_options.resourceCheck(body)) {
        finish(*verdict);
        return;
    }
    schedule(response);
}

void ArmLongRunningOperation::fetchFinal(const QUrl &url)
{
    m_poller(url).then(this, [this](Result<HttpResponse> response) {
        if (m_done)
            return;
        if (!response) {
            finish(response.error());
            return;
        }
        if (response.value().status >= 400) {
            finish(httpError(response.value()));
            return;
        }
        const QJsonObject body = bodyObject(response.value());
        if (const auto verdict = m_options.resourceCheck(body))
            finish(*verdict);
        else
            finish(Result<QJsonObject>(body));
    });
}

void ArmLongRunningOperation::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    qCDebug(lcAzureArm).noquote() << m_options.operation << "is" << status;
    emit statusChanged(status);
}

ServiceError ArmLongRunningOperation::failedStatusError(const QJsonObject &body, const QString &status) const
{
    if (status.startsWith(QLatin1String("Cancel"), Qt::CaseInsensitive)) {
        ServiceError error(ServiceError::Kind::Canceled, tr("The operation was canceled in Azure."));
        error.setOperation(m_options.operation);
        return error;
    }
    if (auto cloudError = CloudError::fromJson(body.value(QLatin1String("error")).toObject()))
        return cloudError->toServiceError(0, m_options.operation);
    ServiceError error(ServiceError::Kind::ServerError,
                       tr("Azure reports the operation as failed without giving a reason. Check the activity log in "
                          "the Azure portal."));
    error.setOperation(m_options.operation);
    return error;
}

ServiceError ArmLongRunningOperation::httpError(const HttpResponse &response) const
{
    if (auto cloudError = CloudError::fromBody(response.body)) {
        ServiceError error = cloudError->toServiceError(response.status, m_options.operation);
        if (const auto retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"), m_clock->nowUtc()))
            error.setRetryAfter(*retryAfter);
        return error;
    }
    return CloudError::fromUnparsedResponse(response.status, response.body, m_options.operation);
}

void ArmLongRunningOperation::cancel()
{
    if (m_done)
        return;
    qCDebug(lcAzureArm).noquote() << "stopped following" << m_options.operation;
    finish(ServiceError::canceled(m_options.operation));
}

void ArmLongRunningOperation::finish(Result<QJsonObject> result)
{
    if (m_done)
        return;
    m_done = true;
    Futures::fulfil(m_promise, std::move(result));
    emit finished();
    deleteLater();
}

} // namespace TwinBridge
