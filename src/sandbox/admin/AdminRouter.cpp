#include "sandbox/admin/AdminRouter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AdminRouter", text);
}

} // namespace

Result<QJsonObject> AdminRouter::Request::jsonObject() const
{
    if (body.trimmed().isEmpty()) {
        ServiceError error = ServiceError::invalidInput(tr("The request has no body; send a JSON object."));
        error.setCode(QStringLiteral("InvalidJson"));
        return error;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        ServiceError error = ServiceError::invalidInput(
            tr("The body is not valid JSON: %1 at offset %2.").arg(parseError.errorString()).arg(parseError.offset));
        error.setCode(QStringLiteral("InvalidJson"));
        return error;
    }
    if (!document.isObject()) {
        ServiceError error = ServiceError::invalidInput(tr("The body must be a JSON object, not an array."));
        error.setCode(QStringLiteral("InvalidJson"));
        return error;
    }
    return document.object();
}

AdminRouter::Response AdminRouter::Response::json(const QJsonObject &object, int status)
{
    Response response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Indented);
    return response;
}

AdminRouter::Response AdminRouter::Response::noContent()
{
    Response response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

AdminRouter::Response AdminRouter::Response::error(int status, const QString &code, const QString &message,
                                                   const QJsonObject &extra)
{
    QJsonObject error = extra;
    error.insert(QStringLiteral("code"), code);
    error.insert(QStringLiteral("message"), message);
    return json(QJsonObject {{QStringLiteral("error"), error}}, status);
}

AdminRouter::Response AdminRouter::Response::fromError(const ServiceError &error)
{
    int status = error.httpStatus();
    if (status < 400) {
        switch (error.kind()) {
        case ServiceError::Kind::InvalidInput:
        case ServiceError::Kind::BadRequest:
            status = 400;
            break;
        case ServiceError::Kind::Unauthorized:
            status = 401;
            break;
        case ServiceError::Kind::Forbidden:
            status = 403;
            break;
        case ServiceError::Kind::NotFound:
            status = 404;
            break;
        case ServiceError::Kind::Conflict:
            status = 409;
            break;
        case ServiceError::Kind::PreconditionFailed:
            status = 412;
            break;
        case ServiceError::Kind::Throttled:
            status = 429;
            break;
        case ServiceError::Kind::Unavailable:
            status = 503;
            break;
        default:
            status = 500;
            break;
        }
    }
    QJsonObject extra;
    const QJsonObject payload = error.payload().toObject();
    for (const char *key : {"field", "position"}) {
        if (payload.contains(QLatin1String(key)))
            extra.insert(QLatin1String(key), payload.value(QLatin1String(key)));
    }
    const QString code = error.code().isEmpty() ? ServiceError::kindName(error.kind()) : error.code();
    return Response::error(status, code, error.message(), extra);
}

AdminRouter::AdminRouter()
{
    add(
        "GET", QStringLiteral("/admin"), [this](const Request &) { return Response::json(index()); },
        tr("This list of admin routes."));
    add(
        "POST", QStringLiteral("/admin/reset"),
        [this](const Request &) {
            QJsonArray names;
            for (const ResetAction &reset : std::as_const(m_resetActions)) {
                reset.action();
                names.append(reset.name);
            }
            return Response::json(QJsonObject {{QStringLiteral("reset"), names}});
        },
        tr("Resets the sandbox state (registries, faults, recorded messages, queued events, counters); "
           "configuration stays."));
}

QStringList AdminRouter::split(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

void AdminRouter::add(const QByteArray &method, const QString &pattern, Handler handler, const QString &description)
{
    Route route {method.toUpper(), pattern, split(pattern), std::move(handler), description};
    for (Route &existing : m_routes) {
        if (existing.method == route.method && existing.pattern == route.pattern) {
            existing = std::move(route);
            return;
        }
    }
    m_routes.append(std::move(route));
}

void AdminRouter::addResetAction(const QString &name, std::function<void()> action)
{
    m_resetActions.append({name, std::move(action)});
}

bool AdminRouter::match(const Route &route, const QStringList &segments, QHash<QString, QString> *arguments)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(u'{') && expected.endsWith(u'}')) {
            captured.insert(expected.mid(1, expected.size() - 2), segments.at(i));
        } else if (expected != segments.at(i)) {
            return false;
        }
    }
    if (arguments)
        *arguments = captured;
    return true;
}

AdminRouter::Response AdminRouter::dispatch(Request request) const
{
    const QStringList segments = split(request.path);
    QStringList allowed;
    for (const Route &route : m_routes) {
        QHash<QString, QString> arguments;
        if (!match(route, segments, &arguments))
            continue;
        if (route.method != request.method.toUpper()) {
            if (!allowed.contains(QString::fromLatin1(route.method)))
                allowed << QString::fromLatin1(route.method);
            continue;
        }
        request.arguments = arguments;
        return route.handler(request);
    }
    if (!allowed.isEmpty()) {
        Response response = Response::error(
            405, QStringLiteral("MethodNotAllowed"),
            tr("%1 is not supported on %2; use %3.")
                .arg(QString::fromLatin1(request.method), request.path, allowed.join(QStringLiteral(", "))));
        response.headers.append({"Allow", allowed.join(QStringLiteral(", ")).toLatin1()});
        return response;
    }
    return Response::error(404, QStringLiteral("NotFound"),
                           tr("There is no admin route %1; GET /admin lists them.").arg(request.path));
}

QJsonObject AdminRouter::index() const
{
    QJsonArray routes;
    for (const Route &route : m_routes) {
        routes.append(QJsonObject {{QStringLiteral("method"), QString::fromLatin1(route.method)},
                                   {QStringLiteral("path"), route.pattern},
                                   {QStringLiteral("description"), route.description}});
    }
    return QJsonObject {{QStringLiteral("routes"), routes}};
}

} // namespace TwinBridge::Sandbox
