#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>

namespace TwinBridge::Sandbox {

// The sandbox's admin API as a table of routes, independent of the HTTP server that carries it. Each part of
// the sandbox registers its own paths (the hubs today; TTS, Entra and ARM helpers later) with add() and its
// state reset with addResetAction(); the router itself answers `GET /admin` (the list of routes) and
// `POST /admin/reset` (runs every reset action). Paths are patterns whose `{name}` segments match one
// percent-decoded path segment. Unknown paths are 404, known paths with another method 405 (with Allow),
// and every error body is {"error": {"code": "…", "message": "…"}}.
class AdminRouter
{
public:
    struct Request
    {
        QByteArray method; // "GET", "POST", …
        QString path; // decoded, e.g. "/admin/hubs/sandbox-hub/messages"
        QUrlQuery query;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QHash<QString, QString> arguments; // the `{name}` segments of the matched pattern

        QString argument(const QString &name) const { return arguments.value(name); }
        // The body as a JSON object; InvalidInput naming the problem (empty, not JSON, not an object).
        Result<QJsonObject> jsonObject() const;
    };

    struct Response
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<QPair<QByteArray, QByteArray>> headers;

        static Response json(const QJsonObject &object, int status = 200);
        static Response noContent();
        // {"error": {"code": code, "message": message, …extra}}
        static Response error(int status, const QString &code, const QString &message, const QJsonObject &extra = {});
        // The status that fits the error's kind (400 for invalid input, 404, 409, 500 …), its code (or the kind's
        // name) and its message; a "field" or "position" in the payload is passed on.
        static Response fromError(const ServiceError &error);
    };

    using Handler = std::function<Response(const Request &request)>;

    AdminRouter();
    Q_DISABLE_COPY_MOVE(AdminRouter)

    // `pattern` such as "/admin/hubs/{hub}/faults". A second handler for the same method and pattern replaces
    // the first.
    void add(const QByteArray &method, const QString &pattern, Handler handler, const QString &description = {});
    // Run by POST /admin/reset, in registration order.
    void addResetAction(const QString &name, std::function<void()> action);

    Response dispatch(Request request) const;
    // {"routes": [{"method", "path", "description"}]}
    QJsonObject index() const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Handler handler;
        QString description;
    };
    struct ResetAction
    {
        QString name;
        std::function<void()> action;
    };

    static QStringList split(const QString &path);
    static bool match(const Route &route, const QStringList &segments, QHash<QString, QString> *arguments);

    QList<Route> m_routes;
    QList<ResetAction> m_resetActions;
};

} // namespace TwinBridge::Sandbox
