#include "FakeNetworkAccessManager.h"

#include <QBuffer>
#include <QPointer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace TwinBridge::Test {

class FakeReply : public QNetworkReply
{
public:
    FakeReply(FakeNetworkAccessManager *manager, const QNetworkRequest &request, const QByteArray &method,
              FakeNetworkAccessManager::Response response)
        : QNetworkReply(manager)
        , m_manager(manager)
        , m_response(std::move(response))
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(QNetworkAccessManager::CustomOperation);
        setAttribute(QNetworkRequest::CustomVerbAttribute, method);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        m_buffer.setData(m_response.body);
        m_buffer.open(QIODevice::ReadOnly);
        ++m_manager->m_openReplies;
        if (!m_response.hang)
            QTimer::singleShot(0, this, [this] { deliver(); });
    }

    ~FakeReply() override
    {
        if (!m_finished && m_manager)
            --m_manager->m_openReplies;
    }

    void abort() override
    {
        if (m_finished)
            return;
        setError(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
        emit errorOccurred(QNetworkReply::OperationCanceledError);
        finish();
    }

    qint64 bytesAvailable() const override { return m_buffer.bytesAvailable() + QNetworkReply::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override { return m_buffer.read(data, maxSize); }

private:
    void deliver()
    {
        if (m_finished)
            return;
        if (m_response.error != QNetworkReply::NoError) {
            setError(m_response.error, errorText(m_response.error));
            emit errorOccurred(m_response.error);
            finish();
            return;
        }
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
        for (const auto &header : m_response.headers)
            setRawHeader(header.first, header.second);
        if (m_response.status >= 400) {
            const auto error = m_response.status == 404 ? QNetworkReply::ContentNotFoundError
                             : m_response.status == 401 ? QNetworkReply::AuthenticationRequiredError
                             : m_response.status == 403 ? QNetworkReply::ContentAccessDenied
                             : m_response.status == 409 ? QNetworkReply::ContentConflictError
                             : m_response.status >= 500 ? QNetworkReply::InternalServerError
                                                        : QNetworkReply::ProtocolInvalidOperationError;
            setError(error, QStringLiteral("HTTP %1").arg(m_response.status));
        }
        emit metaDataChanged();
        if (!m_response.body.isEmpty())
            emit readyRead();
        finish();
    }

    void finish()
    {
        m_finished = true;
        if (m_manager)
            --m_manager->m_openReplies;
        setFinished(true);
        emit finished();
    }

    static QString errorText(QNetworkReply::NetworkError error)
    {
        switch (error) {
        case QNetworkReply::TimeoutError:
            return QStringLiteral("Socket operation timed out");
        case QNetworkReply::RemoteHostClosedError:
            return QStringLiteral("Connection closed");
        case QNetworkReply::ConnectionRefusedError:
            return QStringLiteral("Connection refused");
        case QNetworkReply::HostNotFoundError:
            return QStringLiteral("Host not found");
        case QNetworkReply::SslHandshakeFailedError:
            return QStringLiteral("SSL handshake failed: The issuer certificate of a locally looked up certificate could not be found");
        default:
            return QStringLiteral("Network error %1").arg(int(error));
        }
    }

    QPointer<FakeNetworkAccessManager> m_manager;
    FakeNetworkAccessManager::Response m_response;
    QBuffer m_buffer;
    bool m_finished = false;
};

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{
}

void FakeNetworkAccessManager::on(const QByteArray &method, const QString &path, Response response)
{
    for (Route &route : m_routes) {
        if (route.method == method && route.path == path) {
            route.responses.append(std::move(response));
            return;
        }
    }
    Route route;
    route.method = method;
    route.path = path;
    if (path.startsWith(QLatin1Char('^')))
        route.regex = QRegularExpression(path);
    route.responses.append(std::move(response));
    m_routes.append(std::move(route));
}

void FakeNetworkAccessManager::clearRoutes()
{
    m_routes.clear();
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::json(int status, const QJsonValue &body)
{
    Response response;
    response.status = status;
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    if (body.isObject())
        response.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        response.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return response;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::text(int status, const QByteArray &body,
                                                                  const QByteArray &contentType)
{
    Response response;
    response.status = status;
    response.headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    response.body = body;
    return response;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::empty(int status)
{
    Response response;
    response.status = status;
    return response;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::transportError(QNetworkReply::NetworkError error)
{
    Response response;
    response.status = 0;
    response.error = error;
    return response;
}

FakeNetworkAccessManager::Response FakeNetworkAccessManager::hanging()
{
    Response response;
    response.hang = true;
    return response;
}

QList<FakeNetworkAccessManager::Request> FakeNetworkAccessManager::requestsTo(const QByteArray &method,
                                                                             const QString &path) const
{
    QList<Request> result;
    for (const Request &request : m_requests) {
        if (request.method == method && request.url.path() == path)
            result.append(request);
    }
    return result;
}

void FakeNetworkAccessManager::clearRequests()
{
    m_requests.clear();
    m_unmatched.clear();
}

std::optional<FakeNetworkAccessManager::Response> FakeNetworkAccessManager::match(const Request &request)
{
    if (m_handler) {
        if (auto response = m_handler(request))
            return response;
    }
    const QString path = request.url.path();
    for (Route &route : m_routes) {
        if (route.method != request.method)
            continue;
        const bool matches = route.regex.pattern().isEmpty() ? route.path == path : route.regex.match(path).hasMatch();
        if (!matches)
            continue;
        const int index = std::min(route.served, int(route.responses.size()) - 1);
        ++route.served;
        return route.responses.at(index);
    }
    return std::nullopt;
}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                                       QIODevice *outgoingData)
{
    Request recorded;
    switch (op) {
    case GetOperation:
        recorded.method = "GET";
        break;
    case PutOperation:
        recorded.method = "PUT";
        break;
    case PostOperation:
        recorded.method = "POST";
        break;
    case DeleteOperation:
        recorded.method = "DELETE";
        break;
    case HeadOperation:
        recorded.method = "HEAD";
        break;
    default:
        recorded.method = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    }
    recorded.url = request.url();
    recorded.request = request;
    if (outgoingData)
        recorded.body = outgoingData->readAll();
    m_requests.append(recorded);

    std::optional<Response> response = match(recorded);
    if (!response) {
        m_unmatched.append(recorded);
        qWarning("FakeNetworkAccessManager: no canned answer for %s %s", recorded.method.constData(),
                 qPrintable(recorded.url.toString(QUrl::RemoveQuery)));
        Response notFound = json(404, QJsonValue());
        notFound.body = "{\"fake\":\"no canned answer for this request\"}";
        response = notFound;
    }
    return new FakeReply(this, request, recorded.method, std::move(*response));
}

} // namespace TwinBridge::Test
