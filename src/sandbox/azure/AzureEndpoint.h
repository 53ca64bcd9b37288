#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

class QHttpServer;

namespace TwinBridge::Sandbox {

// The sandbox's one HTTPS listener for Azure's public endpoints: the Entra ID authority
// (login.microsoftonline.com) and Azure Resource Manager (management.azure.com) share it, told apart by their
// paths. The endpoint itself only carries requests; the stand-ins register what they answer:
//
//   addRoute("POST", "/{tenant}/oauth2/v2.0/token", handler)   a pattern; `{name}` matches one decoded
//                                                               segment, literal segments match without
//                                                               regard to case; method "*" takes any method
//   addPrefix("/subscriptions", handler)                        every path under a prefix (the ARM stand-in's
//                                                               socket-free handle(): /subscriptions,
//                                                               /providers, /tenants …)
//   setFallback(handler)                                        whatever nothing else took
//
// Routes are tried in registration order, then prefixes (longest first), then the fallback; an unknown path
// is 404 and a known path with another method 405 (with Allow), both as {"error": {"code", "message"}} (the
// shape of ARM's CloudError). handle() does all of it without sockets (tests use it directly).
//
// Clients may send the real host name (Host: login.microsoftonline.com, when they redirect the connection) or
// the listener's address (Host: 127.0.0.1:P): Request::baseUrl is https://{Host} for links in answers, and the
// endpoint's own URL when the Host header is missing or not a plain host[:port].
class AzureEndpoint : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method; // "GET", "POST", …
        QString encodedPath; // as on the wire, e.g. "/abc/oauth2/v2.0/token"
        QUrlQuery query;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QUrl baseUrl; // https://{Host}, set by the endpoint
        QHash<QString, QString> arguments; // the `{name}` segments of the matched pattern

        QByteArray header(const QByteArray &name) const; // case-insensitive, empty if absent
        QString argument(const QString &name) const { return arguments.value(name); }
        // The percent-decoded path segments (empty segments dropped); nullopt if the encoding is broken.
        std::optional<QStringList> segments() const;
    };

    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const; // case-insensitive
        static Response json(const QJsonObject &object, int status = 200);
        // {"error": {"code": code, "message": message}} — ARM's CloudError shape.
        static Response error(int status, const QString &code, const QString &message);
    };

    using Handler = std::function<Response(const Request &request)>;

    explicit AzureEndpoint(QObject *parent = nullptr);
    ~AzureEndpoint() override;

    void addRoute(const QByteArray &method, const QString &pattern, Handler handler);
    void addPrefix(const QString &prefix, Handler handler);
    void setFallback(Handler handler);

    // Listens with TLS (SandboxCertificateAuthority::serverConfiguration()) on `address`:`port` (0 = any free
    // port) and returns the port.
    Result<quint16> listen(const QSslConfiguration &tls, const QHostAddress &address = QHostAddress::LocalHost,
                           quint16 port = 0);
    quint16 port() const;
    QUrl url() const; // https://127.0.0.1:{port}
    void close();

    // The whole request handling without sockets. Sets request.baseUrl from the Host header.
    Response handle(Request request);

    // https://{host} when `host` is a plain host name or address with an optional port, else `fallback`.
    static QUrl baseUrlFor(const QByteArray &host, const QUrl &fallback);

signals:
    void requestHandled(const QByteArray &method, const QString &path, int status);

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };
    struct Prefix
    {
        QStringList segments;
        Handler handler;
    };

    static bool matchRoute(const Route &route, const QStringList &segments, QHash<QString, QString> *arguments);
    static bool matchPrefix(const Prefix &prefix, const QStringList &segments);

    QList<Route> m_routes;
    QList<Prefix> m_prefixes;
    Handler m_fallback;
    QHttpServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace TwinBridge::Sandbox
