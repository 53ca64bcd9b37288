#include "sandbox/admin/AdminServer.h"

#include "sandbox/admin/AdminRouter.h"
#include "services/core/Logging.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpServer>

namespace TwinBridge::Sandbox {

AdminServer::AdminServer(AdminRouter *router, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_server(new QHttpServer(this))
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        AdminRouter::Request adminRequest;
        adminRequest.method =
            QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()))).toUpper();
        adminRequest.path = request.url().path(QUrl::FullyDecoded);
        adminRequest.query = QUrlQuery(request.url());
        adminRequest.headers = request.headers();
        adminRequest.body = request.body();
        const AdminRouter::Response response = m_router->dispatch(adminRequest);
        qCDebug(lcSandbox) << "admin" << adminRequest.method << adminRequest.path << "->" << response.status;

        responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        if (!response.contentType.isEmpty())
            responder.writeHeader("Content-Type", response.contentType);
        for (const auto &header : response.headers)
            responder.writeHeader(header.first, header.second);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeBody(response.body);
    });
}

AdminServer::~AdminServer() = default;

Status AdminServer::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0) {
        ServiceError error(ServiceError::Kind::Backend,
                           tr("Could not listen for the admin API on %1:%2. Choose another port or stop the program "
                              "that uses it.")
                               .arg(address.toString())
                               .arg(port));
        error.setCode(QStringLiteral("ListenFailed"));
        return error;
    }
    m_address = address;
    m_port = bound;
    return Done {};
}

bool AdminServer::isListening() const
{
    const QList<QTcpServer *> servers = m_server->servers();
    for (const QTcpServer *server : servers) {
        if (server->isListening())
            return true;
    }
    return false;
}

quint16 AdminServer::serverPort() const
{
    return m_port;
}

QUrl AdminServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_address.toString());
    url.setPort(m_port);
    url.setPath(QStringLiteral("/admin"));
    return url;
}

void AdminServer::close()
{
    const QList<QTcpServer *> servers = m_server->servers();
    for (QTcpServer *server : servers)
        server->close();
}

} // namespace TwinBridge::Sandbox
