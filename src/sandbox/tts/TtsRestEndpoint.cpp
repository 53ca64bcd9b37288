#include "sandbox/tts/TtsRestEndpoint.h"

#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsFieldMask.h"
#include "sandbox/tts/TtsServerError.h"
#include "services/core/Logging.h"
#include "services/net/HttpServerRequestHelpers.h"
#include "services/tts/TtsRights.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QTcpServer>

#include <cctype>
#include <optional>

namespace TwinBridge::Sandbox {

namespace {

using Right = TtsRights::Right;
using Stages = QList<QList<Right>>;

const QByteArray ContentTypeJson("application/json");

std::optional<QString> decodeSegment(const QString &segment)
{
    const QByteArray raw = segment.toUtf8();
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw.at(i) == '%' &&
            (i + 2 >= raw.size() || !isxdigit(uchar(raw.at(i + 1))) || !isxdigit(uchar(raw.at(i + 2)))))
            return std::nullopt;
    }
    const QByteArray decoded = QByteArray::fromPercentEncoding(raw);
    const QString text = QString::fromUtf8(decoded);
    if (text.toUtf8() != decoded)
        return std::nullopt;
    return text;
}

std::optional<TtsComponent> componentOf(const QString &prefix)
{
    if (prefix == QLatin1String("js"))
        return TtsComponent::JoinServer;
    if (prefix == QLatin1String("ns"))
        return TtsComponent::NetworkServer;
    if (prefix == QLatin1String("as"))
        return TtsComponent::ApplicationServer;
    return std::nullopt;
}

const QStringList &orderValues()
{
    static const QStringList values = [] {
        QStringList list;
        for (const char *field :
             {"device_id", "join_eui", "dev_eui", "name", "description", "created_at", "last_seen_at"}) {
            list << QLatin1String(field) << QLatin1Char('-') + QLatin1String(field);
        }
        return list;
    }();
    return values;
}

// An APIKey message: the token only in the answer to its creation, as TTS shows it once.
QJsonObject apiKeyJson(const TtsApiKey &key, bool withToken)
{
    QJsonArray rights;
    for (Right right : key.rights)
        rights.append(TtsRights::wireName(right));
    QJsonObject object {{QStringLiteral("id"), key.id},
                        {QStringLiteral("rights"), rights},
                        {QStringLiteral("created_at"), key.createdAt},
                        {QStringLiteral("updated_at"), key.createdAt}};
    if (!key.name.isEmpty())
        object.insert(QStringLiteral("name"), key.name);
    if (withToken)
        object.insert(QStringLiteral("key"), key.token());
    return object;
}

ServiceError apiKeyNotFoundInStore()
{
    return TtsServerError::make(TtsServerError::NotFound, QStringLiteral("pkg/identityserver/store"),
                                QStringLiteral("api_key_not_found"), QStringLiteral("API key not found"));
}

bool containsText(const QJsonObject &device, const QString &path, const QString &needle)
{
    return TtsFieldMask::valueAt(device, path).toString().contains(needle, Qt::CaseInsensitive);
}

} // namespace

QByteArray TtsRestEndpoint::Request::header(const QByteArray &name) const
{
    return httpHeaderValue(headers, name);
}

QByteArray TtsRestEndpoint::Response::header(const QByteArray &name) const
{
    return httpHeaderValue(headers, name);
}

class TtsRestEndpoint::Private
{
public:
    enum class Operation {
        GetApplication,
        Rights,
        ListDevices,
        SearchDevices,
        CreateDevice,
        GetDevice,
        UpdateDevice, // IS PUT
        SetDevice, // JS/NS/AS PUT or POST
        DeleteDevice,
        ListDownlinks,
        PushDownlinks,
        ReplaceDownlinks,
        MqttConnectionInfo,
        ListApiKeys,
        CreateApiKey,
        GetApiKey,
        DeleteApiKey,
    };

    struct Route
    {
        Operation operation = Operation::GetApplication;
        QString applicationId;
        QString deviceId;
        QString apiKeyId;
        TtsComponent component = TtsComponent::IdentityServer;
        bool registryRequest = false; // counted by injected faults of `component`
    };

    // What the route and request validation produced.
    struct Call
    {
        Route route;
        QJsonObject body;
        QJsonObject endDevice;
        QStringList paths;
        TtsApplicationModel::ListQuery list;
        QList<Right> rights; // of an API key to create
    };

    TtsRestEndpoint *q = nullptr;
    TtsApplicationModel *model = nullptr;
    QHttpServer *plain = nullptr;
    QHttpServer *tls = nullptr;
    quint16 plainPort = 0;
    quint16 tlsPortNumber = 0;
    QString mqttAddress;
    QString mqttTlsAddress;

    // On a known path with another method, `allowed` receives the path's methods (for the Allow header).
    Result<Route> route(const Request &request, QList<QByteArray> *allowed) const;
    Status validate(const Request &request, Call &call) const;
    Status authorize(const Request &request, const Call &call) const;
    Stages requiredRights(const Call &call) const;
    Response dispatch(const Call &call, const Request &request);
    Result<TtsApplicationModel::ListQuery> listQuery(const Request &request, bool search) const;

    Response json(const QJsonObject &object, int status = 200) const
    {
        Response response;
        response.status = status;
        response.headers.append(qMakePair(QByteArray("Content-Type"), ContentTypeJson));
        response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        return response;
    }

    Response error(const ServiceError &error, const QList<QByteArray> &allowed = {}) const
    {
        Response response = json(TtsServerError::body(error, model->correlationId()),
                                 error.httpStatus() > 0 ? error.httpStatus() : 500);
        if (response.status == 405 && !allowed.isEmpty())
            response.headers.append(qMakePair(QByteArray("Allow"), allowed.join(", ")));
        return response;
    }

    QHttpServer *makeServer();
};

QHttpServer *TtsRestEndpoint::Private::makeServer()
{
    auto *server = new QHttpServer(q);
    // One handler for every request: the routes need TTS's own path decoding and errors.
    server->setMissingHandler([this](const QHttpServerRequest &httpRequest, QHttpServerResponder &&responder) {
        Request request;
        request.method =
            QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(httpRequest.method()))).toUpper();
        request.encodedPath = httpRequest.url().path(QUrl::FullyEncoded);
        request.query = httpRequest.query();
        request.headers = httpRequest.headers();
        request.body = httpRequest.body();
        const Response response = q->handle(request);
        responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        for (const auto &header : response.headers)
            responder.writeHeader(header.first, header.second);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeBody(response.body);
    });
    return server;
}

Result<TtsRestEndpoint::Private::Route> TtsRestEndpoint::Private::route(const Request &request,
                                                                    QList<QByteArray> *allowedOut) const
{
    const QString base = QLatin1String(BasePath);
    const QString &path = request.encodedPath;
    if (!path.startsWith(base + QLatin1Char('/')))
        return TtsServerError::routeNotFound(path.left(200));
    QStringList segments;
    const QStringList raw = path.mid(base.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : raw) {
        const std::optional<QString> segment = decodeSegment(part);
        if (!segment)
            return TtsServerError::routeNotFound(path.left(200));
        segments.append(*segment);
    }
    const QByteArray &method = request.method;
    const qsizetype n = segments.size();
    auto at = [&segments](qsizetype i) { return segments.value(i); };

    Route route;
    QList<QByteArray> allowed; // methods of the matched path
    std::optional<Operation> operation;
    auto offer = [&](const char *verb, Operation candidate) {
        allowed.append(verb);
        if (method == verb)
            operation = candidate;
    };

    if (at(0) == QLatin1String("applications") && n >= 2) {
        route.applicationId = at(1);
        if (n == 2) {
            offer("GET", Operation::GetApplication);
        } else if (n == 3 && at(2) == QLatin1String("rights")) {
            offer("GET", Operation::Rights);
        } else if (n == 3 && at(2) == QLatin1String("api-keys")) {
            offer("GET", Operation::ListApiKeys);
            offer("POST", Operation::CreateApiKey);
        } else if (n == 4 && at(2) == QLatin1String("api-keys")) {
            route.apiKeyId = at(3);
            offer("GET", Operation::GetApiKey);
            offer("DELETE", Operation::DeleteApiKey);
        } else if (n == 3 && at(2) == QLatin1String("devices")) {
            offer("GET", Operation::ListDevices);
            offer("POST", Operation::CreateDevice);
            route.registryRequest = true;
        } else if (n == 4 && at(2) == QLatin1String("devices")) {
            route.deviceId = at(3);
            offer("GET", Operation::GetDevice);
            offer("PUT", Operation::UpdateDevice);
            offer("DELETE", Operation::DeleteDevice);
            route.registryRequest = true;
        }
    } else if (componentOf(at(0)) && at(1) == QLatin1String("applications") && n >= 4) {
        route.component = *componentOf(at(0));
        route.applicationId = at(2);
        route.registryRequest = true;
        const bool applicationServer = route.component == TtsComponent::ApplicationServer;
        if (n == 4 && at(3) == QLatin1String("devices")) {
            offer("POST", Operation::SetDevice);
        } else if (n == 5 && at(3) == QLatin1String("devices")) {
            route.deviceId = at(4);
            offer("GET", Operation::GetDevice);
            offer("PUT", Operation::SetDevice);
            offer("DELETE", Operation::DeleteDevice);
        } else if (applicationServer && n == 6 && at(3) == QLatin1String("devices") && at(5) == QLatin1String("down")) {
            route.deviceId = at(4);
            offer("GET", Operation::ListDownlinks);
        } else if (applicationServer && n == 7 && at(3) == QLatin1String("devices") &&
                   at(5) == QLatin1String("down") &&
                   (at(6) == QLatin1String("push") || at(6) == QLatin1String("replace"))) {
            route.deviceId = at(4);
            offer("POST", at(6) == QLatin1String("push") ? Operation::PushDownlinks : Operation::ReplaceDownlinks);
        } else if (applicationServer && n == 4 && at(3) == QLatin1String("mqtt-connection-info")) {
            offer("GET", Operation::MqttConnectionInfo);
        }
    } else if (at(0) == QLatin1String("search") && at(1) == QLatin1String("applications") && n == 4 &&
               at(3) == QLatin1String("devices")) {
        route.applicationId = at(2);
        route.registryRequest = true;
        offer("GET", Operation::SearchDevices);
    }
    if (allowed.isEmpty())
        return TtsServerError::routeNotFound(path.left(200));
    if (!operation) {
        if (allowedOut)
            *allowedOut = allowed;
        return TtsServerError::methodNotAllowed(QString::fromLatin1(method));
    }
    route.operation = *operation;
    return route;
}

Result<TtsApplicationModel::ListQuery> TtsRestEndpoint::Private::listQuery(const Request &request, bool search) const
{
    TtsApplicationModel::ListQuery list;
    const QUrlQuery &query = request.query;
    list.paths = TtsFieldMask::parse(query.allQueryItemValues(QStringLiteral("field_mask"), QUrl::FullyDecoded) +
                                     query.allQueryItemValues(QStringLiteral("field_mask.paths"), QUrl::FullyDecoded));
    for (const char *name : {"limit", "page"}) {
        const QString key = QLatin1String(name);
        if (!query.hasQueryItem(key))
            continue;
        bool ok = false;
        const qlonglong value = query.queryItemValue(key, QUrl::FullyDecoded).toLongLong(&ok);
        if (!ok || value < 0)
            return TtsServerError::validation(key, QStringLiteral("value must be a whole number of 0 or more"));
        if (key == QLatin1String("limit") && value > MaxLimit) {
            return TtsServerError::validation(
                key, QStringLiteral("value must be less than or equal to %1").arg(MaxLimit));
        }
        if (value > 1000000000)
            return TtsServerError::validation(key, QStringLiteral("value is too large"));
        (key == QLatin1String("limit") ? list.limit : list.page) = int(value);
    }
    list.order = query.queryItemValue(QStringLiteral("order"), QUrl::FullyDecoded);
    if (!list.order.isEmpty() && !orderValues().contains(list.order)) {
        return TtsServerError::validation(QStringLiteral("order"),
                                          QStringLiteral("value must be in list [%1]")
                                              .arg(orderValues().join(QLatin1Char(' '))));
    }
    if (!search)
        return list;

    struct Criterion
    {
        QString value;
        QStringList paths;
    };
    QList<Criterion> criteria;
    auto add = [&query, &criteria](const char *parameter, QStringList paths) {
        const QString value = query.queryItemValue(QLatin1String(parameter), QUrl::FullyDecoded);
        if (!value.isEmpty())
            criteria.append({value, paths});
    };
    add("query", {QStringLiteral("ids.device_id"), QStringLiteral("name"), QStringLiteral("description"),
                  QStringLiteral("ids.dev_eui"), QStringLiteral("ids.join_eui")});
    add("id_contains", {QStringLiteral("ids.device_id")});
    add("name_contains", {QStringLiteral("name")});
    add("description_contains", {QStringLiteral("description")});
    add("dev_eui_contains", {QStringLiteral("ids.dev_eui")});
    add("join_eui_contains", {QStringLiteral("ids.join_eui")});
    add("dev_addr_contains", {QStringLiteral("ids.dev_addr")});
    static const QRegularExpression attributePattern(QStringLiteral("^attributes_contain\\[(.+)\\]$"));
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        const QRegularExpressionMatch match = attributePattern.match(item.first);
        if (match.hasMatch() && !item.second.isEmpty())
            criteria.append({item.second, {QStringLiteral("attributes.") + match.captured(1)}});
    }
    list.filter = [criteria](const QJsonObject &device) {
        for (const Criterion &criterion : criteria) {
            const bool any = std::any_of(criterion.paths.begin(), criterion.paths.end(), [&](const QString &path) {
                return containsText(device, path, criterion.value);
            });
            if (!any)
                return false;
        }
        return true;
    };
    return list;
}

Status TtsRestEndpoint::Private::validate(const Request &request, Call &call) const
{
    const Route &route = call.route;
    // The body of writes.
    const bool writes = request.method == "POST" || request.method == "PUT";
    if (writes) {
        if (request.body.trimmed().isEmpty()) {
            call.body = QJsonObject();
        } else {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                return TtsServerError::invalidBody(
                    QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
            }
            if (!document.isObject())
                return TtsServerError::invalidBody(QStringLiteral("the body must be a JSON object"));
            call.body = document.object();
        }
    }
    const bool deviceWrite = route.operation == Operation::CreateDevice || route.operation == Operation::UpdateDevice ||
        route.operation == Operation::SetDevice;
    if (deviceWrite) {
        const QJsonValue endDevice = call.body.value(QStringLiteral("end_device"));
        if (!endDevice.isObject())
            return TtsServerError::validation(QStringLiteral("end_device"), QStringLiteral("value is required"));
        call.endDevice = endDevice.toObject();
        const QJsonValue mask = call.body.value(QStringLiteral("field_mask"));
        if (!mask.isUndefined() && !mask.isNull()) {
            const QJsonValue paths = mask.toObject().value(QStringLiteral("paths"));
            if (!mask.isObject() || (!paths.isUndefined() && !paths.isArray()))
                return TtsServerError::invalidBody(QStringLiteral("field_mask must be {\"paths\":[…]}"));
            for (const QJsonValue &path : paths.toArray()) {
                if (!path.isString())
                    return TtsServerError::invalidBody(QStringLiteral("field_mask.paths must be strings"));
                if (!call.paths.contains(path.toString()))
                    call.paths.append(path.toString());
            }
        }
        if (route.operation == Operation::SetDevice && route.deviceId.isEmpty()) {
            call.route.deviceId = call.endDevice.value(QStringLiteral("ids"))
                                      .toObject()
                                      .value(QStringLiteral("device_id"))
                                      .toString();
        }
    } else if (route.operation == Operation::CreateApiKey) {
        const QJsonValue rights = call.body.value(QStringLiteral("rights"));
        if (!rights.isUndefined() && !rights.isArray())
            return TtsServerError::validation(QStringLiteral("rights"), QStringLiteral("value must be a list"));
        const QJsonArray names = rights.toArray();
        for (qsizetype i = 0; i < names.size(); ++i) {
            const std::optional<Right> right = TtsRights::fromWireName(names.at(i).toString());
            if (!right) {
                return TtsServerError::validation(QStringLiteral("rights[%1]").arg(i),
                                                  QStringLiteral("value must be one of the defined enum values"));
            }
            if (!call.rights.contains(*right))
                call.rights.append(*right);
        }
        if (call.rights.isEmpty())
            return TtsServerError::validation(QStringLiteral("rights"), QStringLiteral("value must contain at least 1 item(s)"));
        const QJsonValue name = call.body.value(QStringLiteral("name"));
        if (!name.isUndefined() && !name.isString())
            return TtsServerError::validation(QStringLiteral("name"), QStringLiteral("value must be a string"));
        if (name.toString().size() > 50)
            return TtsServerError::validation(QStringLiteral("name"), QStringLiteral("value length must be at most 50 runes"));
    } else if (request.method == "GET") {
        call.paths = TtsFieldMask::parse(
            request.query.allQueryItemValues(QStringLiteral("field_mask"), QUrl::FullyDecoded) +
            request.query.allQueryItemValues(QStringLiteral("field_mask.paths"), QUrl::FullyDecoded));
    }

    // Field masks (pkg/rpcmiddleware/validator).
    QStringList forbidden;
    switch (route.operation) {
    case Operation::GetApplication:
        for (const QString &path : std::as_const(call.paths)) {
            if (!TtsFieldMask::applicationPaths().contains(path))
                forbidden.append(path);
        }
        break;
    case Operation::ListDevices:
    case Operation::SearchDevices:
    case Operation::GetDevice:
        forbidden = TtsFieldMask::forbiddenPaths(call.paths, route.component, TtsFieldMask::Request::Get);
        break;
    case Operation::CreateDevice:
        forbidden = TtsFieldMask::forbiddenPaths(call.paths, TtsComponent::IdentityServer, TtsFieldMask::Request::Create);
        break;
    case Operation::UpdateDevice:
        forbidden = TtsFieldMask::forbiddenPaths(call.paths, TtsComponent::IdentityServer, TtsFieldMask::Request::Update);
        break;
    case Operation::SetDevice:
        forbidden = TtsFieldMask::forbiddenPaths(call.paths, route.component, TtsFieldMask::Request::Set);
        break;
    default:
        break;
    }
    if (!forbidden.isEmpty())
        return TtsServerError::forbiddenPaths(forbidden);

    // Identifiers in the path (the generated validators check them before any handler runs).
    if (!TtsEndDevice::isValidId(route.applicationId)) {
        return TtsServerError::validation(QStringLiteral("application_ids.application_id"),
                                          QStringLiteral("value does not match regex pattern "
                                                         "\"^[a-z0-9](?:[-]?[a-z0-9]){2,}$\""));
    }
    if (!call.route.deviceId.isEmpty() && !TtsEndDevice::isValidId(call.route.deviceId)) {
        return TtsServerError::validation(QStringLiteral("end_device_ids.device_id"),
                                          QStringLiteral("value does not match regex pattern "
                                                         "\"^[a-z0-9](?:[-]?[a-z0-9]){2,}$\""));
    }
    if (route.operation == Operation::SetDevice && call.route.deviceId.isEmpty())
        return TtsServerError::validation(QStringLiteral("end_device.ids.device_id"), QStringLiteral("value is required"));

    if (route.operation == Operation::ListDevices || route.operation == Operation::SearchDevices) {
        Result<TtsApplicationModel::ListQuery> list = listQuery(request, route.operation == Operation::SearchDevices);
        if (!list)
            return list.error();
        call.list = list.takeValue();
    }
    return Done {};
}

Stages TtsRestEndpoint::Private::requiredRights(const Call &call) const
{
    const Route &route = call.route;
    switch (route.operation) {
    case Operation::GetApplication:
    case Operation::MqttConnectionInfo:
        return {{Right::ApplicationInfo}};
    case Operation::Rights:
        return {};
    case Operation::ListDevices:
    case Operation::SearchDevices:
        return {{Right::ApplicationDevicesRead}};
    case Operation::GetDevice: {
        Stages stages {{Right::ApplicationDevicesRead}};
        if (TtsFieldMask::touchesKeys(call.paths, route.component))
            stages.append({Right::ApplicationDevicesReadKeys});
        return stages;
    }
    case Operation::CreateDevice:
    case Operation::UpdateDevice:
    case Operation::DeleteDevice:
        return {{Right::ApplicationDevicesWrite}};
    case Operation::SetDevice: {
        Stages stages {{Right::ApplicationDevicesWrite}};
        if (TtsFieldMask::touchesKeys(call.paths, route.component))
            stages.append({Right::ApplicationDevicesWriteKeys});
        return stages;
    }
    case Operation::ListDownlinks:
        return {{Right::ApplicationTrafficRead}};
    case Operation::PushDownlinks:
    case Operation::ReplaceDownlinks:
        return {{Right::ApplicationTrafficDownWrite}};
    case Operation::ListApiKeys:
    case Operation::GetApiKey:
    case Operation::DeleteApiKey:
        return {{Right::ApplicationSettingsApiKeys}};
    case Operation::CreateApiKey:
        // A key may only hand out rights it has itself (TTS's rights.RequireApplication on the requested rights).
        return {{Right::ApplicationSettingsApiKeys}, call.rights};
    }
    return {};
}

Status TtsRestEndpoint::Private::authorize(const Request &request, const Call &call) const
{
    const QString applicationId = call.route.applicationId;
    const std::optional<TtsApplicationModel::Application> application = model->application(applicationId);
    const QString uid = application ? application->uid()
                                    : applicationId + QLatin1Char('@') + QLatin1String(TtsApplicationModel::DefaultTenantId);

    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty()) {
        // TTS answers an anonymous request for an application with "no rights".
        return TtsServerError::noApplicationRights(uid);
    }
    const qsizetype space = authorization.indexOf(' ');
    const QByteArray scheme = space < 0 ? authorization : authorization.left(space);
    if (scheme.compare("Bearer", Qt::CaseInsensitive) != 0) {
        return TtsServerError::make(TtsServerError::Unauthenticated, QStringLiteral("pkg/identityserver"),
                                    QStringLiteral("unsupported_authorization"),
                                    QStringLiteral("unsupported authorization method"));
    }
    const QString token = QString::fromUtf8(authorization.mid(space + 1)).trimmed();
    const std::optional<TtsApiKey::TokenParts> parts = TtsApiKey::split(token);
    if (!parts || parts->type != QLatin1String(TtsApiKey::TokenType))
        return TtsServerError::invalidToken();
    const std::optional<TtsApiKey> key = model->apiKey(parts->id);
    if (!key)
        return TtsServerError::apiKeyNotFound();
    if (key->secret != parts->secret)
        return TtsServerError::invalidAuthorization();
    if (call.route.operation == Operation::Rights)
        return Done {};
    if (key->applicationId != applicationId || !application)
        return TtsServerError::noApplicationRights(uid);
    const TtsRights rights = key->grantedRights();
    const Stages stages = requiredRights(call);
    for (const QList<Right> &stage : stages) {
        QStringList missing;
        for (Right right : stage) {
            if (!rights.has(right))
                missing.append(TtsRights::wireName(right));
        }
        if (!missing.isEmpty()) {
            qCDebug(lcSandbox).noquote() << "TTS key" << key->id << "lacks" << missing.join(QLatin1Char(','));
            return TtsServerError::insufficientApplicationRights(uid, missing);
        }
    }
    return Done {};
}

TtsRestEndpoint::Response TtsRestEndpoint::Private::dispatch(const Call &call, const Request &request)
{
    const Route &route = call.route;
    const QString &app = route.applicationId;
    const QString &dev = route.deviceId;
    auto answer = [this](const Result<QJsonObject> &result) {
        return result ? json(result.value()) : error(result.error());
    };

    switch (route.operation) {
    case Operation::GetApplication: {
        const TtsApplicationModel::Application application = *model->application(app);
        const QJsonObject full = application.toJson();
        QJsonObject object = TtsFieldMask::select(full, call.paths);
        for (const char *key : {"ids", "created_at", "updated_at"})
            object.insert(QLatin1String(key), full.value(QLatin1String(key)));
        return json(object);
    }
    case Operation::Rights: {
        const QString token = QString::fromUtf8(request.header("Authorization").trimmed()).section(QLatin1Char(' '), 1).trimmed();
        const std::optional<TtsApiKey> key = model->apiKey(TtsApiKey::split(token)->id);
        if (!key || key->applicationId != app)
            return json(QJsonObject()); // no rights on that application: an empty list, which TTS omits
        return json(QJsonObject {{QStringLiteral("rights"), QJsonArray::fromStringList(key->impliedRightNames())}});
    }
    case Operation::ListDevices:
    case Operation::SearchDevices: {
        const Result<TtsApplicationModel::Page> page = model->listDevices(app, call.list);
        if (!page)
            return error(page.error());
        QJsonObject object;
        if (!page.value().devices.isEmpty())
            object.insert(QStringLiteral("end_devices"), page.value().devices);
        Response response = json(object);
        response.headers.append(qMakePair(QByteArray("X-Total-Count"), QByteArray::number(page.value().total)));
        return response;
    }
    case Operation::CreateDevice:
        return answer(model->createDevice(app, call.endDevice, call.paths));
    case Operation::GetDevice:
        return answer(model->getDevice(app, dev, route.component, call.paths));
    case Operation::UpdateDevice:
        return answer(model->updateDevice(app, dev, call.endDevice, call.paths));
    case Operation::SetDevice:
        return answer(model->setDevice(app, dev, route.component, call.endDevice, call.paths));
    case Operation::DeleteDevice: {
        const Status deleted = model->deleteDevice(app, dev, route.component);
        return deleted ? json(QJsonObject()) : error(deleted.error());
    }
    case Operation::ListDownlinks: {
        const Result<QList<TtsDownlink>> queue = model->downlinkQueue(app, dev);
        if (!queue)
            return error(queue.error());
        QJsonObject object;
        if (!queue.value().isEmpty())
            object = TtsDownlink::queueRequest(queue.value());
        return json(object);
    }
    case Operation::PushDownlinks:
    case Operation::ReplaceDownlinks: {
        const Result<QList<TtsDownlink>> queued = route.operation == Operation::PushDownlinks
            ? model->pushDownlinks(app, dev, call.body)
            : model->replaceDownlinks(app, dev, call.body);
        return queued ? json(QJsonObject()) : error(queued.error());
    }
    case Operation::MqttConnectionInfo: {
        QJsonObject object;
        if (!mqttAddress.isEmpty())
            object.insert(QStringLiteral("public_address"), mqttAddress);
        if (!mqttTlsAddress.isEmpty())
            object.insert(QStringLiteral("public_tls_address"), mqttTlsAddress);
        object.insert(QStringLiteral("username"), model->application(app)->uid());
        return json(object);
    }
    case Operation::ListApiKeys: {
        const QList<TtsApiKey> keys = model->apiKeys(app);
        QJsonArray list;
        for (const TtsApiKey &key : keys)
            list.append(apiKeyJson(key, false));
        QJsonObject object;
        if (!list.isEmpty())
            object.insert(QStringLiteral("api_keys"), list);
        Response response = json(object);
        response.headers.append(qMakePair(QByteArray("X-Total-Count"), QByteArray::number(keys.size())));
        return response;
    }
    case Operation::CreateApiKey: {
        const Result<TtsApiKey> created =
            model->createApiKey(app, call.body.value(QStringLiteral("name")).toString(), call.rights);
        return created ? json(apiKeyJson(created.value(), true)) : error(created.error());
    }
    case Operation::GetApiKey:
    case Operation::DeleteApiKey: {
        const std::optional<TtsApiKey> key = model->apiKey(route.apiKeyId);
        if (!key || key->applicationId != app)
            return error(apiKeyNotFoundInStore());
        if (route.operation == Operation::GetApiKey)
            return json(apiKeyJson(*key, false));
        const Status deleted = model->deleteApiKey(key->id);
        return deleted ? json(QJsonObject()) : error(deleted.error());
    }
    }
    return error(TtsServerError::routeNotFound(request.encodedPath));
}

// ---- the endpoint -------------------------------------------------------------------------------------------

TtsRestEndpoint::TtsRestEndpoint(TtsApplicationModel *model, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->model = model;
}

TtsRestEndpoint::~TtsRestEndpoint() = default;

Result<quint16> TtsRestEndpoint::listen(const QHostAddress &address, quint16 port)
{
    if (d->plain) {
        return ServiceError(ServiceError::Kind::Backend, tr("The TTS API stand-in is already listening on port %1.")
                                                             .arg(d->plainPort));
    }
    d->plain = d->makeServer();
    const quint16 bound = d->plain->listen(address, port);
    if (bound == 0) {
        delete d->plain;
        d->plain = nullptr;
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The TTS API stand-in could not listen on %1:%2. Choose another port or stop the "
                               "program that uses it.")
                                .arg(address.toString())
                                .arg(port));
    }
    d->plainPort = bound;
    qCInfo(lcSandbox).noquote() << "TTS API (HTTP) on" << apiUrl().toString();
    return bound;
}

Result<quint16> TtsRestEndpoint::listenTls(const QSslConfiguration &tls, const QHostAddress &address, quint16 port)
{
    if (d->tls) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The TTS API stand-in is already listening with TLS on port %1.").arg(d->tlsPortNumber));
    }
    d->tls = d->makeServer();
    d->tls->sslSetup(tls);
    const quint16 bound = d->tls->listen(address, port);
    if (bound == 0) {
        delete d->tls;
        d->tls = nullptr;
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The TTS API stand-in could not listen with TLS on %1:%2. Choose another port or stop "
                               "the program that uses it.")
                                .arg(address.toString())
                                .arg(port));
    }
    d->tlsPortNumber = bound;
    qCInfo(lcSandbox).noquote() << "TTS API (HTTPS) on" << tlsApiUrl().toString();
    return bound;
}

void TtsRestEndpoint::close()
{
    for (QHttpServer *server : {d->plain, d->tls}) {
        if (!server)
            continue;
        const QList<QTcpServer *> servers = server->servers();
        for (QTcpServer *listener : servers)
            listener->close();
    }
}

quint16 TtsRestEndpoint::port() const
{
    return d->plainPort;
}

quint16 TtsRestEndpoint::tlsPort() const
{
    return d->tlsPortNumber;
}

QUrl TtsRestEndpoint::apiUrl() const
{
    if (d->plainPort == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->plainPort);
    url.setPath(QLatin1String(BasePath));
    return url;
}

QUrl TtsRestEndpoint::tlsApiUrl() const
{
    if (d->tlsPortNumber == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->tlsPortNumber);
    url.setPath(QLatin1String(BasePath));
    return url;
}

void TtsRestEndpoint::setMqttAddresses(const QString &publicAddress, const QString &publicTlsAddress)
{
    d->mqttAddress = publicAddress;
    d->mqttTlsAddress = publicTlsAddress;
}

TtsRestEndpoint::Response TtsRestEndpoint::handle(const Request &request)
{
    Response response;
    QList<QByteArray> pathMethods;
    const Result<Private::Route> route = d->route(request, &pathMethods);
    if (!route) {
        response = d->error(route.error(), pathMethods);
    } else {
        Private::Call call;
        call.route = route.value();
        if (Status valid = d->validate(request, call); !valid) {
            response = d->error(valid.error());
        } else if (Status allowed = d->authorize(request, call); !allowed) {
            response = d->error(allowed.error());
        } else if (const std::optional<ServiceError> fault =
                       call.route.registryRequest ? d->model->takeFault(call.route.component, request.method)
                                                  : std::nullopt) {
            response = d->error(*fault);
        } else {
            response = d->dispatch(call, request);
        }
    }
    qCDebug(lcSandbox).noquote() << "TTS" << request.method << request.encodedPath.left(200) << "->" << response.status;
    emit requestHandled(request.method, request.encodedPath, response.status);
    return response;
}

} // namespace TwinBridge::Sandbox
