#include "services/net/HttpTransport.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/core/RateLimiter.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPromise>
#include <QRandomGenerator>
#include <QTimer>

namespace TwinBridge {

HttpRequest &HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return *this;
        }
    }
    headers.append(qMakePair(name, value));
    return *this;
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonDocument HttpResponse::json(QString *errorString) const
{
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (errorString)
        *errorString = parseError.error == QJsonParseError::NoError ? QString() : parseError.errorString();
    return document;
}

ServiceError HttpResponse::transportError(const QString &operation) const
{
    ServiceError error;
    if (canceled) {
        error = ServiceError::canceled(operation);
        return error;
    }
    if (timedOut || networkError == QNetworkReply::TimeoutError) {
        error = ServiceError(ServiceError::Kind::Timeout,
                             tr("The service did not answer in time. Check the network connection and try again."),
                             networkErrorString);
    } else {
        switch (networkError) {
        case QNetworkReply::HostNotFoundError:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("The host name could not be resolved. Check the address in the profile and your DNS."),
                                 networkErrorString);
            break;
        case QNetworkReply::ConnectionRefusedError:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("The connection was refused. Check the address and port, and that the service is running."),
                                 networkErrorString);
            break;
        case QNetworkReply::RemoteHostClosedError:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("The server closed the connection unexpectedly. Try again; if it persists, check "
                                    "proxies or firewalls on the way."),
                                 networkErrorString);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            error = ServiceError(ServiceError::Kind::Tls,
                                 tr("The secure connection failed: the server's certificate is not trusted or the TLS "
                                    "handshake was rejected. For a sandbox or private CA, set the CA file in the profile."),
                                 networkErrorString);
            break;
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
        case QNetworkReply::ProxyAuthenticationRequiredError:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("The proxy could not be used. Check the system proxy settings."),
                                 networkErrorString);
            break;
        default:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("The network request failed. Check the connection and the address in the profile."),
                                 networkErrorString);
            break;
        }
    }
    error.setOperation(operation);
    return error;
}

QString redactedUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
}

// One request in flight, with its retries. Lives as a child of the transport until it resolves.
class PendingHttpRequest : public QObject
{
public:
    PendingHttpRequest(HttpTransport *transport, HttpRequest request)
        : QObject(transport)
        , m_transport(transport)
        , m_request(std::move(request))
        , m_startedMs(transport->m_clock->monotonicMs())
    {
        m_promise.start();
        m_watcher.setFuture(m_promise.future());
        connect(&m_watcher, &QFutureWatcherBase::canceled, this, [this] { cancel(); });
    }

    QFuture<HttpResponse> future() { return m_promise.future(); }

    void start() { attempt(); }

private:
    void attempt()
    {
        ++m_attempts;
        if (m_request.limiter) {
            m_waitingForLimiter = true;
            m_limiterTicket = m_request.limiter->acquire(this, [this] {
                m_waitingForLimiter = false;
                dispatch();
            });
        } else {
            dispatch();
        }
    }

    void dispatch()
    {
        if (m_done)
            return;
        QNetworkRequest networkRequest(m_request.url);
        for (const auto &header : m_request.headers)
            networkRequest.setRawHeader(header.first, header.second);
        if (!m_request.body.isEmpty() && !networkRequest.hasRawHeader("Content-Type"))
            networkRequest.setRawHeader("Content-Type", "application/json; charset=utf-8");
        networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        if (m_transport->m_hasSslConfiguration)
            networkRequest.setSslConfiguration(m_transport->m_sslConfiguration);

        m_attemptStartedMs = m_transport->m_clock->monotonicMs();
        m_reply = m_transport->m_nam->sendCustomRequest(networkRequest, m_request.method, m_request.body);
        m_reply->setParent(this);
        connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply] { onFinished(reply); });

        // The timeout runs on the real event loop: it guards against a dead peer, not a simulated one.
        if (m_request.timeout.count() > 0) {
            m_timeoutTimer.setSingleShot(true);
            m_timeoutTimer.setInterval(m_request.timeout);
            QObject::disconnect(&m_timeoutTimer, nullptr, this, nullptr);
            connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
                m_timedOut = true;
                if (m_reply)
                    m_reply->abort();
            });
            m_timeoutTimer.start();
        }
    }

    void onFinished(QNetworkReply *reply)
    {
        m_timeoutTimer.stop();
        if (reply != m_reply || m_done)
            return;
        m_reply = nullptr;
        reply->deleteLater();

        HttpResponse response;
        response.attempts = m_attempts;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.networkError = reply->error();
        response.networkErrorString = reply->errorString();
        response.headers = reply->rawHeaderPairs();
        response.body = reply->readAll();
        response.timedOut = m_timedOut;
        if (m_timedOut)
            response.networkError = QNetworkReply::TimeoutError;
        m_timedOut = false;

        const qint64 now = m_transport->m_clock->monotonicMs();
        qCDebug(lcHttp).noquote() << m_request.method << redactedUrl(m_request.url) << "->"
                                  << (response.status ? QString::number(response.status)
                                                      : QStringLiteral("network error %1").arg(int(response.networkError)))
                                  << "in" << (now - m_attemptStartedMs) << "ms, attempt" << m_attempts;

        const RetryPolicy &policy = m_transport->m_retryPolicy;
        const bool throttled = response.status == 429 || response.status == 503;
        const bool transportFailure = !response.hasHttpStatus();
        const bool retryable = throttled || (transportFailure && m_request.idempotent && policy.retryTransportErrors);
        if (retryable && m_attempts < policy.maxAttempts) {
            std::chrono::milliseconds delay = policy.delayFor(m_attempts, m_transport->m_random());
            if (const auto retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"),
                                                                     m_transport->m_clock->nowUtc())) {
                delay = std::max(delay, *retryAfter);
            }
            const qint64 elapsed = now - m_startedMs;
            if (elapsed + delay.count() <= policy.maxTotal.count()) {
                qCInfo(lcHttp).noquote() << "retrying" << m_request.method << redactedUrl(m_request.url) << "after"
                                         << delay.count() << "ms (status" << response.status << ")";
                emit m_transport->retryScheduled(m_request.url, response.status, m_attempts, delay);
                m_transport->m_clock->callAfter(delay, this, [this] { attempt(); });
                return;
            }
        }
        response.elapsed = std::chrono::milliseconds(now - m_startedMs);
        resolve(std::move(response));
    }

    void cancel()
    {
        if (m_done)
            return;
        if (m_waitingForLimiter && m_request.limiter)
            m_request.limiter->cancel(m_limiterTicket);
        HttpResponse response;
        response.canceled = true;
        response.attempts = m_attempts;
        response.networkError = QNetworkReply::OperationCanceledError;
        if (QNetworkReply *reply = m_reply) {
            m_reply = nullptr;
            reply->abort();
            reply->deleteLater();
        }
        resolve(std::move(response));
    }

    void resolve(HttpResponse response)
    {
        if (m_done)
            return;
        m_done = true;
        m_timeoutTimer.stop();
        Futures::fulfil(m_promise, std::move(response));
        deleteLater();
    }

    HttpTransport *m_transport;
    HttpRequest m_request;
    QPromise<HttpResponse> m_promise;
    QFutureWatcher<HttpResponse> m_watcher;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeoutTimer;
    RateLimiter::Ticket m_limiterTicket = 0;
    qint64 m_startedMs;
    qint64 m_attemptStartedMs = 0;
    int m_attempts = 0;
    bool m_waitingForLimiter = false;
    bool m_timedOut = false;
    bool m_done = false;
};

HttpTransport::HttpTransport(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_clock(Clock::system())
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
}

void HttpTransport::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

void HttpTransport::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
    m_hasSslConfiguration = true;
}

QFuture<HttpResponse> HttpTransport::send(HttpRequest request)
{
    auto *pending = new PendingHttpRequest(this, std::move(request));
    QFuture<HttpResponse> future = pending->future();
    pending->start();
    return future;
}

} // namespace TwinBridge
