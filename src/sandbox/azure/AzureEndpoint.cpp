#include "sandbox/azure/AzureEndpoint.h"

#include "services/core/Logging.h"
#include "services/net/HttpServerRequestHelpers.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>

#include <algorithm>
#include <cctype>

namespace TwinBridge::Sandbox {

namespace {

QStringList patternSegments(const QString &pattern)
{
    return pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isPlaceholder(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

} // namespace

QByteArray AzureEndpoint::Request::header(const QByteArray &name) const
{
    return httpHeaderValue(headers, name);
}

std::optional<QStringList> AzureEndpoint::Request::segments() const
{
    QStringList result;
    const QStringList raw = encodedPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &segment : raw) {
        const QByteArray bytes = segment.toUtf8();
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            if (bytes.at(i) == '%' &&
                (i + 2 >= bytes.size() || !isxdigit(uchar(bytes.at(i + 1))) || !isxdigit(uchar(bytes.at(i + 2))))) {
                return std::nullopt;
            }
        }
        const QByteArray decoded = QByteArray::fromPercentEncoding(bytes);
        const QString text = QString::fromUtf8(decoded);
        if (text.toUtf8() != decoded)
            return std::nullopt;
        result.append(text);
    }
    return result;
}

QByteArray AzureEndpoint::Response::header(const QByteArray &name) const
{
    return httpHeaderValue(headers, name);
}

AzureEndpoint::Response AzureEndpoint::Response::json(const QJsonObject &object, int status)
{
    Response response;
    response.status = status;
    response.headers.append({QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")});
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

AzureEndpoint::Response AzureEndpoint::Response::error(int status, const QString &code, const QString &message)
{
    return json(QJsonObject {{QStringLiteral("error"),
                              QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}},
                status);
}

AzureEndpoint::AzureEndpoint(QObject *parent)
    : QObject(parent)
{ }

AzureEndpoint::~AzureEndpoint() = default;

void AzureEndpoint::addRoute(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append({method.toUpper(), patternSegments(pattern), std::move(handler)});
}

void AzureEndpoint::addPrefix(const QString &prefix, Handler handler)
{
    m_prefixes.append({patternSegments(prefix), std::move(handler)});
    // Longest prefix first; equal lengths keep their registration order.
    std::stable_sort(m_prefixes.begin(), m_prefixes.end(),
                     [](const Prefix &a, const Prefix &b) { return a.segments.size() > b.segments.size(); });
}

void AzureEndpoint::setFallback(Handler handler)
{
    m_fallback = std::move(handler);
}

bool AzureEndpoint::matchRoute(const Route &route, const QStringList &segments, QHash<QString, QString> *arguments)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (isPlaceholder(expected))
            captured.insert(expected.mid(1, expected.size() - 2), segments.at(i));
        else if (expected.compare(segments.at(i), Qt::CaseInsensitive) != 0)
            return false;
    }
    *arguments = captured;
    return true;
}

bool AzureEndpoint::matchPrefix(const Prefix &prefix, const QStringList &segments)
{
    if (prefix.segments.size() > segments.size())
        return false;
    for (qsizetype i = 0; i < prefix.segments.size(); ++i) {
        if (prefix.segments.at(i).compare(segments.at(i), Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

QUrl AzureEndpoint::baseUrlFor(const QByteArray &host, const QUrl &fallback)
{
    // Only what a Host header legitimately holds: a name, an IPv4 or bracketed IPv6 address, a port.
    const QByteArray trimmed = host.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 255)
        return fallback;
    for (const char c : trimmed) {
        if (!(isalnum(uchar(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
            return fallback;
    }
    QUrl url(QStringLiteral("https://") + QString::fromLatin1(trimmed), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty())
        return fallback;
    if (url.port() == 443)
        url.setPort(-1);
    return url;
}

AzureEndpoint::Response AzureEndpoint::handle(Request request)
{
    request.baseUrl = baseUrlFor(request.header("Host"), url());
    Response response;
    const std::optional<QStringList> segments = request.segments();
    if (!segments) {
        response =
            Response::error(400, QStringLiteral("InvalidUri"), tr("The request path is not validly percent-encoded."));
    } else {
        bool answered = false;
        QStringList allowed;
        for (const Route &route : std::as_const(m_routes)) {
            QHash<QString, QString> arguments;
            if (!matchRoute(route, *segments, &arguments))
                continue;
            if (route.method != "*" && route.method != request.method.toUpper()) {
                if (!allowed.contains(QString::fromLatin1(route.method)))
                    allowed.append(QString::fromLatin1(route.method));
                continue;
            }
            request.arguments = arguments;
            response = route.handler(request);
            answered = true;
            break;
        }
        if (!answered && !allowed.isEmpty()) {
            response = Response::error(405, QStringLiteral("MethodNotAllowed"),
                                       tr("The method %1 is not allowed on %2; use %3.")
                                           .arg(QString::fromLatin1(request.method.left(20)),
                                                request.encodedPath.left(200), allowed.join(QStringLiteral(", "))));
            response.headers.append({QByteArray("Allow"), allowed.join(QStringLiteral(", ")).toLatin1()});
            answered = true;
        }
        if (!answered) {
            for (const Prefix &prefix : std::as_const(m_prefixes)) {
                if (matchPrefix(prefix, *segments)) {
                    response = prefix.handler(request);
                    answered = true;
                    break;
                }
            }
        }
        if (!answered && m_fallback) {
            response = m_fallback(request);
            answered = true;
        }
        if (!answered) {
            response = Response::error(
                404, QStringLiteral("NotFound"),
                tr("The sandbox's Azure endpoint has no resource %1.").arg(request.encodedPath.left(200)));
        }
    }
    qCDebug(lcSandbox).noquote() << "Azure" << request.method << request.encodedPath.left(200) << "->"
                                 << response.status;
    emit requestHandled(request.method, request.encodedPath, response.status);
    return response;
}

quint16 AzureEndpoint::port() const
{
    return m_port;
}

QUrl AzureEndpoint::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

Result<quint16> AzureEndpoint::listen(const QSslConfiguration &tls, const QHostAddress &address, quint16 port)
{
    if (m_server) {
        return ServiceError(ServiceError::Kind::Backend, tr("The Azure endpoint is already listening."));
    }
    m_server = new QHttpServer(this);
    m_server->sslSetup(tls);
    m_server->setMissingHandler([this](const QHttpServerRequest &httpRequest, QHttpServerResponder &&responder) {
        Request request;
        request.method = httpMethodName(httpRequest.method());
        request.encodedPath = httpRequest.url().path(QUrl::FullyEncoded);
        request.query = httpRequest.query();
        request.headers = httpRequest.headers();
        request.body = httpRequest.body();
        const Response response = handle(std::move(request));
        const QPointer<QTcpSocket> socket = responder.socket();
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        for (const auto &header : response.headers)
            responder.writeHeader(header.first, header.second);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeBody(response.body);
    });
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0) {
        delete m_server;
        m_server = nullptr;
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The Azure endpoint (Entra ID and Resource Manager) could not listen on %1:%2. Choose "
                               "another port.")
                                .arg(address.toString())
                                .arg(port));
    }
    m_port = bound;
    qCInfo(lcSandbox).noquote() << "Azure endpoint (Entra ID, Resource Manager) on" << url().toString();
    return bound;
}

void AzureEndpoint::close()
{
    delete m_server;
    m_server = nullptr;
}

} // namespace TwinBridge::Sandbox
