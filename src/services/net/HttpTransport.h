#pragma once

#include "services/core/Clock.h"
#include "services/core/ServiceError.h"
#include "services/net/RetryPolicy.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFuture>
#include <QJsonDocument>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace TwinBridge {

class RateLimiter;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Safe to send again after a transport error (GET, PUT with If-Match, DELETE…).
    bool idempotent = true;
    std::chrono::milliseconds timeout{30000};
    // Waited on before every attempt (the hub's registry throttle, for example). Not owned.
    QPointer<RateLimiter> limiter;

    HttpRequest &setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

struct HttpResponse
{
    int status = 0; // 0 = no HTTP answer (see networkError)
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int attempts = 0;
    bool canceled = false;
    bool timedOut = false;
    std::chrono::milliseconds elapsed{0};

    bool isHttpSuccess() const { return status >= 200 && status < 300; }
    bool hasHttpStatus() const { return status > 0; }
    QByteArray header(const QByteArray &name) const; // case-insensitive
    QJsonDocument json(QString *errorString = nullptr) const;

    // A ServiceError for a failure that never produced an HTTP status (DNS, refused, TLS, timeout,
    // cancel). Services map HTTP statuses themselves because each has its own error envelope.
    ServiceError transportError(const QString &operation) const;

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::HttpResponse)
};

// Sends HTTP requests through an injected QNetworkAccessManager and resolves a QFuture with the answer.
// It retries 429/503 (and transport errors of idempotent requests) with back-off and jitter, honours
// Retry-After, waits on an optional RateLimiter before each attempt, applies per-request timeouts and
// aborts the request when the future is canceled. It never logs bodies, queries or header values.
class HttpTransport : public QObject
{
    Q_OBJECT

public:
    explicit HttpTransport(QNetworkAccessManager *nam, QObject *parent = nullptr);

    void setClock(Clock *clock);
    Clock *clock() const { return m_clock; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    // Source of jitter in [0, 1); tests make it deterministic.
    void setRandomSource(std::function<double()> random) { m_random = std::move(random); }
    // Applied to every request (e.g. a profile's custom CA for the sandbox).
    void setSslConfiguration(const QSslConfiguration &configuration);
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

    QFuture<HttpResponse> send(HttpRequest request);

signals:
    // A retry was scheduled; UIs show it ("throttled, retrying in 4 s").
    void retryScheduled(const QUrl &url, int status, int attempt, std::chrono::milliseconds delay);

private:
    friend class PendingHttpRequest;
    QNetworkAccessManager *m_nam;
    Clock *m_clock;
    RetryPolicy m_retryPolicy;
    std::function<double()> m_random;
    QSslConfiguration m_sslConfiguration;
    bool m_hasSslConfiguration = false;
};

// Drops the query (it may carry codes or signatures) so a URL can be logged.
QString redactedUrl(const QUrl &url);

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::HttpResponse)
