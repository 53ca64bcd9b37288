#include "services/engine/IngestServer.h"

#include "services/core/Clock.h"
#include "services/core/Logging.h"
#include "services/engine/ConstantTime.h"
#include "services/engine/IngestBatchParser.h"
#include "services/engine/IngestSink.h"
#include "services/net/HttpServerRequestHelpers.h"

#include <QFile>
#include <QFuture>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <sys/socket.h>

namespace TwinBridge {

namespace {

constexpr char ContentTypeJson[] = "application/json";
// Prometheus text exposition format 0.0.4.
constexpr char ContentTypePrometheus[] = "text/plain; version=0.0.4; charset=utf-8";
constexpr auto LingerTimeout = std::chrono::seconds(5);

// gRPC codes of TTS's error JSON for the statuses this server answers with.
int grpcCodeFor(int status)
{
    switch (status) {
    case 400:
    case 411:
    case 431:
        return 3; // INVALID_ARGUMENT
    case 401:
        return 16; // UNAUTHENTICATED
    case 404:
        return 5; // NOT_FOUND
    case 405:
        return 12; // UNIMPLEMENTED
    case 413:
        return 8; // RESOURCE_EXHAUSTED
    case 503:
        return 14; // UNAVAILABLE
    default:
        return 2; // UNKNOWN
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

// TTS's error JSON (reference/tts-integration.md §4.7) for an answer of this server.
QByteArray errorBody(int status, const QString &name, const QString &message)
{
    const int code = grpcCodeFor(status);
    const QJsonObject detail {
        {QStringLiteral("@type"), QStringLiteral("type.googleapis.com/ttn.lorawan.v3.ErrorDetails")},
        {QStringLiteral("namespace"), QStringLiteral("twinbridge/ingest")},
        {QStringLiteral("name"), name},
        {QStringLiteral("message_format"), message},
        {QStringLiteral("code"), code},
    };
    const QJsonObject object {
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), QStringLiteral("error:twinbridge/ingest:%1 (%2)").arg(name, message)},
        {QStringLiteral("details"), QJsonArray {detail}},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

struct Answer
{
    int status = 200;
    QByteArray contentType = ContentTypeJson;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

Answer errorAnswer(int status, const QString &name, const QString &message)
{
    Answer answer;
    answer.status = status;
    answer.body = errorBody(status, name, message);
    return answer;
}

// Watches the start of a connection's single request before QHttpServer reads its body: a Content-Length
// above the limit is answered with 413 at once (the body is never buffered), chunked bodies with 411, a
// header block above MaxHeaderBytes with 431. Connected to readyRead before QHttpServer's own handler, it
// sees every new byte of the header block first. Connections carry one request ("Connection: close"), so
// nothing after the first header block needs watching.
class ConnectionGuard : public QObject
{
public:
    using RejectCallback = std::function<void(int status)>;

    struct Limits
    {
        qint64 maxBodyBytes = 0;
        std::chrono::milliseconds headerTimeout {0};
        std::chrono::milliseconds connectionTimeout {0};
        Clock *clock = nullptr;
    };

    ConnectionGuard(QTcpSocket *socket, const Limits &limits, RejectCallback onReject)
        : QObject(socket)
        , m_socket(socket)
        , m_limits(limits)
        , m_onReject(std::move(onReject))
    {
        connect(socket, &QIODevice::readyRead, this, [this] { inspect(); });
        // The guard lives as long as the socket, so these fire only for connections still open.
        m_limits.clock->callAfter(m_limits.headerTimeout, this, [this] {
            if (!m_checked) {
                qCInfo(lcIngest) << "Closing an ingest connection whose request headers did not arrive in time";
                m_socket->abort();
            }
        });
        m_limits.clock->callAfter(m_limits.connectionTimeout, this, [this] { m_socket->abort(); });
    }

private:
    void inspect()
    {
        if (m_checked)
            return;
        m_header += m_socket->peek(m_socket->bytesAvailable());
        const qsizetype end = m_header.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_header.size() > IngestServer::MaxHeaderBytes)
                reject(431, QStringLiteral("header_too_large"),
                       IngestServer::tr("The request headers exceed %1 bytes.").arg(IngestServer::MaxHeaderBytes));
            return;
        }
        m_checked = true;
        if (end > IngestServer::MaxHeaderBytes) {
            reject(431, QStringLiteral("header_too_large"),
                   IngestServer::tr("The request headers exceed %1 bytes.").arg(IngestServer::MaxHeaderBytes));
            return;
        }
        const QList<QByteArray> lines = m_header.left(end).split('\n');
        std::optional<qint64> contentLength;
        bool chunked = false;
        bool expectContinue = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                const qint64 length = value.toLongLong(&ok);
                if (!ok || length < 0 || (contentLength && *contentLength != length)) {
                    reject(400, QStringLiteral("invalid_content_length"),
                           IngestServer::tr("The Content-Length header is not a valid length."));
                    return;
                }
                contentLength = length;
            } else if (name == "transfer-encoding" && value.toLower() != "identity") {
                chunked = true;
            } else if (name == "expect" && value.toLower() == "100-continue") {
                expectContinue = true;
            }
        }
        m_header.clear();
        if (chunked) {
            reject(411, QStringLiteral("length_required"),
                   IngestServer::tr("Send the body with a Content-Length header; chunked transfer encoding is not "
                                    "accepted because the size limit is checked before the body is read."));
            return;
        }
        if (contentLength && *contentLength > m_limits.maxBodyBytes) {
            reject(413, QStringLiteral("request_too_large"),
                   IngestServer::tr("The request body has %1 bytes; the ingest endpoint accepts at most %2. Send "
                                    "smaller batches.")
                       .arg(*contentLength)
                       .arg(m_limits.maxBodyBytes));
            return;
        }
        if (expectContinue && contentLength && *contentLength > 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    void reject(int status, const QString &name, const QString &message)
    {
        m_checked = true;
        // QHttpServer must not see this request: drop every readyRead handler (ours and its own; a handler
        // removed during the emission is skipped) and discard what arrives while the answer goes out.
        disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->readAll();
        qint64 drained = 0;
        const qint64 drainLimit = m_limits.maxBodyBytes;
        QPointer<QTcpSocket> socket = m_socket;
        connect(m_socket, &QIODevice::readyRead, this, [socket, drained, drainLimit]() mutable {
            if (!socket)
                return;
            drained += socket->bytesAvailable();
            socket->skip(socket->bytesAvailable());
            if (drained > drainLimit)
                socket->abort();
        });
        const QByteArray body = errorBody(status, name, message);
        QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        response += "Content-Type: " + QByteArray(ContentTypeJson) + "\r\n";
        response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        response += "Connection: close\r\n\r\n";
        response += body;
        m_socket->write(response);
        m_socket->flush();
        // A lingering close: end our direction after the answer, keep reading (and discarding) until the
        // client closes, so the client reads the answer instead of a reset; give up after a few seconds.
        // Over TLS a half-close is not possible: the connection stays open (still discarding) until the client,
        // which has read the answer, closes it.
        if (!qobject_cast<QSslSocket *>(m_socket) && m_socket->bytesToWrite() == 0 && m_socket->socketDescriptor() >= 0)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        m_limits.clock->callAfter(LingerTimeout, this, [socket] {
            if (socket)
                socket->abort();
        });
        if (m_onReject)
            m_onReject(status);
    }

    QTcpSocket *m_socket;
    Limits m_limits;
    RejectCallback m_onReject;
    QByteArray m_header;
    bool m_checked = false;
};

template<typename Base>
class GuardedServer : public Base
{
public:
    GuardedServer(const ConnectionGuard::Limits &limits, ConnectionGuard::RejectCallback onReject, QObject *parent)
        : Base(parent)
        , m_limits(limits)
        , m_onReject(std::move(onReject))
    { }

    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = Base::nextPendingConnection();
        if (socket)
            new ConnectionGuard(socket, m_limits, m_onReject);
        return socket;
    }

private:
    ConnectionGuard::Limits m_limits;
    ConnectionGuard::RejectCallback m_onReject;
};

} // namespace

class IngestServer::Private
{
public:
    IngestServer *q = nullptr;
    Options options;
    IngestSink *sink = nullptr;
    MetricsProvider metrics;
    HealthProvider health;
    Statistics statistics;
    QHttpServer *server = nullptr;
    QTcpServer *listener = nullptr;
    bool tls = false;
    QHash<quint64, std::shared_ptr<QHttpServerResponder>> waiting; // requests waiting for the sink
    quint64 nextResponderId = 0;

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleEvents(const QHttpServerRequest &request, const std::shared_ptr<QHttpServerResponder> &responder,
                      const QString &path);
    void answer(const std::shared_ptr<QHttpServerResponder> &responder, const Answer &answer, const QString &path);
    void count(int status);
    Result<QSslConfiguration> tlsConfiguration() const;
};

IngestServer::IngestServer(Options options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->options = std::move(options);
}

IngestServer::~IngestServer()
{
    // Deleted now, not later: its handlers use `d`, which goes with this object. Waiting responders first:
    // they talk to QHttpServer's connection objects when they go.
    d->waiting.clear();
    delete d->server;
    d->server = nullptr;
    d->listener = nullptr;
}

void IngestServer::setSink(IngestSink *sink)
{
    d->sink = sink;
}

void IngestServer::setMetricsProvider(MetricsProvider provider)
{
    d->metrics = std::move(provider);
}

void IngestServer::setHealthProvider(HealthProvider provider)
{
    d->health = std::move(provider);
}

const IngestServer::Options &IngestServer::options() const
{
    return d->options;
}

IngestServer::Statistics IngestServer::statistics() const
{
    return d->statistics;
}

QString IngestServer::eventsPath(const QString &applicationId)
{
    return QStringLiteral("/api/v3/as/applications/%1/packages/azureiothub/events").arg(applicationId);
}

Result<QSslConfiguration> IngestServer::Private::tlsConfiguration() const
{
    QFile certificateFile(options.certificatePath);
    if (!certificateFile.open(QIODevice::ReadOnly)) {
        return ServiceError::notConfigured(
            tr("Could not read the ingest endpoint's TLS certificate %1: %2. Check the path and its permissions.")
                .arg(options.certificatePath, certificateFile.errorString()));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        return ServiceError::notConfigured(
            tr("The ingest endpoint's TLS certificate %1 holds no PEM certificate.").arg(options.certificatePath));
    }
    QFile keyFile(options.keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        return ServiceError::notConfigured(
            tr("Could not read the ingest endpoint's TLS key %1: %2. Check the path and its permissions.")
                .arg(options.keyPath, keyFile.errorString()));
    }
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        return ServiceError::notConfigured(
            tr("The ingest endpoint's TLS key %1 is not an unencrypted PEM RSA or EC private key.")
                .arg(options.keyPath));
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(chain.first());
    if (chain.size() > 1)
        configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // a server: the Function sends no client certificate
    return configuration;
}

Result<quint16> IngestServer::listen()
{
    if (d->server) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The ingest endpoint is already listening on port %1.").arg(port()));
    }
    const QHostAddress address = d->options.address;
    if (!address.isLoopback() && !d->options.allowRemote) {
        return ServiceError::notConfigured(
            tr("The ingest endpoint binds only to the loopback address unless binding to other addresses is "
               "allowed explicitly; %1 was asked for. Allow remote access in the engine settings (and configure "
               "TLS) or use 127.0.0.1.")
                .arg(address.toString()));
    }
    const bool wantsTls = !d->options.certificatePath.isEmpty() || !d->options.keyPath.isEmpty();
    if (wantsTls && (d->options.certificatePath.isEmpty() || d->options.keyPath.isEmpty())) {
        return ServiceError::notConfigured(
            tr("TLS for the ingest endpoint needs both a certificate and a private key file."));
    }

    auto onReject = [this](int status) {
        d->count(status);
        emit requestAnswered(status, QString());
    };
    ConnectionGuard::Limits limits;
    limits.maxBodyBytes = d->options.maxBodyBytes;
    limits.headerTimeout = d->options.headerTimeout;
    limits.connectionTimeout = d->options.connectionTimeout;
    limits.clock = d->options.clock ? d->options.clock : Clock::system();
    QTcpServer *listener = nullptr;
    if (wantsTls) {
        Result<QSslConfiguration> configuration = d->tlsConfiguration();
        if (!configuration)
            return configuration.error();
        auto *sslServer = new GuardedServer<QSslServer>(limits, onReject, nullptr);
        sslServer->setSslConfiguration(configuration.value());
        listener = sslServer;
    } else {
        listener = new GuardedServer<QTcpServer>(limits, onReject, nullptr);
    }
    if (!listener->listen(address, d->options.port)) {
        const QString reason = listener->errorString();
        delete listener;
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The ingest endpoint could not listen on %1:%2 (%3). Choose another port or stop the "
                               "program that uses it.")
                                .arg(address.toString())
                                .arg(d->options.port)
                                .arg(reason));
    }
    d->server = new QHttpServer(this);
    d->server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        d->handle(request, std::move(responder));
    });
    d->server->bind(listener);
    d->listener = listener;
    d->tls = wantsTls;
    if (!address.isLoopback() && !wantsTls)
        qCWarning(lcIngest) << "The ingest endpoint accepts plain HTTP on a non-loopback address; configure TLS";
    qCInfo(lcIngest).noquote() << "Ingest endpoint listening on" << url().toString();
    return listener->serverPort();
}

void IngestServer::close()
{
    if (!d->server)
        return;
    if (d->listener)
        d->listener->close();
    d->waiting.clear();
    d->server->deleteLater();
    d->server = nullptr;
    d->listener = nullptr;
}

bool IngestServer::isListening() const
{
    return d->listener && d->listener->isListening();
}

quint16 IngestServer::port() const
{
    return d->listener ? d->listener->serverPort() : 0;
}

bool IngestServer::isTls() const
{
    return d->tls;
}

QUrl IngestServer::url() const
{
    if (!isListening())
        return QUrl();
    QUrl url;
    url.setScheme(d->tls ? QStringLiteral("https") : QStringLiteral("http"));
    QHostAddress host = d->options.address;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    url.setHost(host.toString());
    url.setPort(port());
    return url;
}

QUrl IngestServer::stackBaseUrl() const
{
    QUrl base = url();
    if (base.isValid())
        base.setPath(QStringLiteral("/api/v3"));
    return base;
}

void IngestServer::Private::count(int status)
{
    switch (status) {
    case 200:
        break;
    case 400:
        ++statistics.malformed;
        break;
    case 401:
        ++statistics.unauthorized;
        break;
    case 413:
        ++statistics.tooLarge;
        break;
    case 503:
        ++statistics.sinkFailures;
        break;
    default:
        ++statistics.otherRejected;
        break;
    }
}

void IngestServer::Private::answer(const std::shared_ptr<QHttpServerResponder> &responder, const Answer &answer,
                                   const QString &path)
{
    count(answer.status);
    emit q->requestAnswered(answer.status, path);
    QTcpSocket *socket = responder->socket();
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    responder->writeStatusLine(QHttpServerResponder::StatusCode(answer.status));
    responder->writeHeader("Content-Type", answer.contentType);
    for (const auto &header : answer.headers)
        responder->writeHeader(header.first, header.second);
    responder->writeHeader("Content-Length", QByteArray::number(answer.body.size()));
    responder->writeHeader("Connection", "close");
    responder->writeBody(answer.body);
    // One request per connection: the ConnectionGuard inspects only the first header block.
    socket->flush();
    socket->disconnectFromHost();
}

void IngestServer::Private::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QString path = request.url().path();
    const QByteArray method = httpMethodName(request.method(), "OTHER");

    static const QRegularExpression eventsPattern(
        QStringLiteral("^/api/v3/as/applications/([^/]+)/packages/azureiothub/events$"));
    const QRegularExpressionMatch match = eventsPattern.match(path);
    if (match.hasMatch()) {
        if (method != "POST") {
            Answer refused =
                errorAnswer(405, QStringLiteral("method_not_allowed"),
                            tr("Use POST for the events endpoint, not %1.").arg(QString::fromLatin1(method)));
            refused.headers.append(qMakePair(QByteArray("Allow"), QByteArray("POST")));
            answer(shared, refused, path);
            return;
        }
        handleEvents(request, shared, path);
        return;
    }
    if (path == QLatin1String("/metrics") || path == QLatin1String("/healthz")) {
        if (method != "GET" && method != "HEAD") {
            Answer refused = errorAnswer(405, QStringLiteral("method_not_allowed"),
                                         tr("Use GET for %1, not %2.").arg(path, QString::fromLatin1(method)));
            refused.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
            answer(shared, refused, path);
            return;
        }
        Answer result;
        if (path == QLatin1String("/metrics")) {
            result.contentType = ContentTypePrometheus;
            result.body = metrics ? metrics() : QByteArray();
        } else {
            const Health status = health ? health() : Health {};
            QJsonObject object = status.status;
            if (!object.contains(QStringLiteral("status")))
                object.insert(QStringLiteral("status"),
                              status.healthy ? QStringLiteral("ok") : QStringLiteral("unhealthy"));
            result.status = status.healthy ? 200 : 503;
            result.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
        if (method == "HEAD")
            result.body.clear();
        answer(shared, result, path);
        return;
    }
    answer(shared,
           errorAnswer(404, QStringLiteral("not_found"),
                       tr("There is nothing at %1. The events endpoint is POST %2.")
                           .arg(path.left(200), IngestServer::eventsPath(options.applicationId))),
           path);
}

void IngestServer::Private::handleEvents(const QHttpServerRequest &request,
                                         const std::shared_ptr<QHttpServerResponder> &responder, const QString &path)
{
    const QByteArray authorization = request.value("Authorization").trimmed();
    const QByteArray scheme = authorization.left(7);
    if (authorization.isEmpty() || scheme.toLower() != "bearer ") {
        answer(responder,
               errorAnswer(401, QStringLiteral("unauthenticated"),
                           tr("The request has no Authorization: Bearer header; send the ingest key the Azure "
                              "Function is configured with (STACK_API_KEY).")),
               path);
        return;
    }
    const QByteArray key = authorization.mid(7).trimmed();
    if (options.ingestKey.isEmpty() || !ConstantTime::equals(options.ingestKey, key)) {
        answer(responder,
               errorAnswer(401, QStringLiteral("invalid_key"),
                           tr("The ingest key is wrong. Set the Azure Function's STACK_API_KEY to the ingest key of "
                              "the TwinBridge profile.")),
               path);
        return;
    }
    // The path is decoded already: /api/v3/as/applications/{app}/packages/azureiothub/events.
    const QString application = path.section(QLatin1Char('/'), 5, 5);
    if (application != options.applicationId) {
        answer(responder,
               errorAnswer(404, QStringLiteral("application_not_found"),
                           tr("This engine serves application \"%1\", not \"%2\". Set the Azure Function's "
                              "STACK_APPLICATION_ID to %1.")
                               .arg(options.applicationId, application.left(64))),
               path);
        return;
    }
    const QByteArray body = request.body();
    if (body.size() > options.maxBodyBytes) {
        // The ConnectionGuard refuses what a Content-Length announces; this catches what it could not see.
        answer(responder,
               errorAnswer(413, QStringLiteral("request_too_large"),
                           tr("The request body has %1 bytes; the ingest endpoint accepts at most %2.")
                               .arg(body.size())
                               .arg(options.maxBodyBytes)),
               path);
        return;
    }
    Result<QList<IngestEvent>> events = IngestBatchParser::parse(body, options.applicationId);
    if (!events) {
        answer(responder, errorAnswer(400, QStringLiteral("invalid_body"), events.error().message()), path);
        return;
    }
    const Answer unavailable = [this] {
        Answer refused = errorAnswer(503, QStringLiteral("not_persisted"),
                                     tr("The engine could not store the events; send them again later."));
        refused.headers.append(
            qMakePair(QByteArray("Retry-After"), QByteArray::number(qint64(options.retryAfter.count()))));
        return refused;
    }();
    if (!sink) {
        answer(responder, unavailable, path);
        return;
    }
    const QList<IngestEvent> batch = events.takeValue();
    // The responder waits here, not in the continuation: it must go before QHttpServer's connection objects do
    // (close() and the destructor clear this), whenever the sink answers.
    const quint64 id = ++nextResponderId;
    waiting.insert(id, responder);
    sink->persist(batch).then(q, [this, id, batch, path, unavailable](const Status &status) {
        const std::shared_ptr<QHttpServerResponder> waitingResponder = waiting.take(id);
        if (!status) {
            qCWarning(lcIngest).noquote()
                << "Could not persist an ingest batch of" << batch.size() << "events:" << status.error().toString();
            if (waitingResponder)
                answer(waitingResponder, unavailable, path);
            return;
        }
        ++statistics.batchesAccepted;
        statistics.eventsAccepted += quint64(batch.size());
        if (waitingResponder)
            answer(waitingResponder, Answer {200, ContentTypeJson, {}, QByteArrayLiteral("{}")}, path);
        // Stored: processed even if the client is gone (its retry is de-duplicated downstream).
        emit q->eventsPersisted(batch);
    });
}

} // namespace TwinBridge
