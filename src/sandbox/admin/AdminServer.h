#pragma once

#include "services/core/Result.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

class QHttpServer;

namespace TwinBridge::Sandbox {

class AdminRouter;

// Carries an AdminRouter over plain HTTP (the admin API is loopback-only, like the rest of the sandbox).
// Every request, whatever its path, goes to the router; the answer is written as the router returns it.
class AdminServer : public QObject
{
    Q_OBJECT

public:
    explicit AdminServer(AdminRouter *router, QObject *parent = nullptr);
    ~AdminServer() override;

    // Port 0 = a free port.
    Status listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    bool isListening() const;
    quint16 serverPort() const;
    // "http://127.0.0.1:P/admin"
    QUrl baseUrl() const;
    void close();

private:
    AdminRouter *m_router;
    QHttpServer *m_server;
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace TwinBridge::Sandbox
