#include "sandbox/rest/IotHubRestEndpoint.h"

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/hub/TwinState.h"
#include "services/core/Logging.h"
#include "services/iothub/IotHubErrorEnvelope.h"
#include "services/net/HttpServerRequestHelpers.h"
#include "services/protocol/SasToken.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>

#include <cctype>

namespace TwinBridge::Sandbox {

namespace {

const QByteArray ContentTypeJson("application/json; charset=utf-8");
const QString NeverTime = QStringLiteral("0001-01-01T00:00:00Z");
constexpr int MaxListTop = 1000;

QString tr(const char *text)
{
    return IotHubRestEndpoint::tr(text);
}

ServiceError restError(int status, const QString &code, const QString &message)
{
    ServiceError error(ServiceError::kindForHttpStatus(status), message);
    error.setHttpStatus(status);
    error.setCode(code);
    return error;
}

ServiceError badRequest(const QString &message)
{
    return restError(400, QStringLiteral("ArgumentInvalid"), message);
}

QByteArray quoted(const QString &etag)
{
    return '"' + etag.toUtf8() + '"';
}

// IoT Hub writes every time field, DateTime.MinValue when it never happened, and statusReason as null.
QJsonObject deviceJson(const DeviceIdentity &device)
{
    QJsonObject object = device.toJson();
    for (const char *key : {"connectionStateUpdatedTime", "statusUpdatedTime", "lastActivityTime"}) {
        if (!object.contains(QLatin1String(key)))
            object.insert(QLatin1String(key), NeverTime);
    }
    if (!object.contains(QStringLiteral("statusReason")))
        object.insert(QStringLiteral("statusReason"), QJsonValue::Null);
    return object;
}

QJsonObject twinJson(const DeviceTwin &twin)
{
    QJsonObject object = twin.toJson();
    if (!object.contains(QStringLiteral("statusUpdateTime")))
        object.insert(QStringLiteral("statusUpdateTime"), NeverTime);
    if (!object.contains(QStringLiteral("lastActivityTime")))
        object.insert(QStringLiteral("lastActivityTime"), NeverTime);
    return object;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

// Percent-decodes one path segment; '+' stays a plus sign.
std::optional<QString> decodeSegment(const QString &segment)
{
    const QByteArray raw = segment.toUtf8();
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw.at(i) == '%') {
            if (i + 2 >= raw.size() || !isxdigit(uchar(raw.at(i + 1))) || !isxdigit(uchar(raw.at(i + 2))))
                return std::nullopt;
        }
    }
    const QByteArray decoded = QByteArray::fromPercentEncoding(raw);
    const QString text = QString::fromUtf8(decoded);
    if (text.toUtf8() != decoded)
        return std::nullopt;
    return text;
}

// IoT Hub reads request JSON without regard to the case of member names (Newtonsoft's default), and SDKs
// differ: Node's bulk requests carry the device's "etag" where the swagger says "eTag".
QJsonObject canonicalImportKeys(const QJsonObject &entry)
{
    static const QStringList Canonical = {
        QStringLiteral("id"),           QStringLiteral("moduleId"),     QStringLiteral("importMode"),
        QStringLiteral("status"),       QStringLiteral("statusReason"), QStringLiteral("authentication"),
        QStringLiteral("eTag"),         QStringLiteral("twinETag"),     QStringLiteral("tags"),
        QStringLiteral("properties"),   QStringLiteral("capabilities"), QStringLiteral("deviceScope"),
        QStringLiteral("parentScopes"),
    };
    QJsonObject result;
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        QString key = it.key();
        for (const QString &name : Canonical) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                key = name;
                break;
            }
        }
        if (!result.contains(key) || key == it.key())
            result.insert(key, it.value());
    }
    return result;
}

Result<QJsonDocument> parseBody(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return restError(400, QStringLiteral("IotHubFormatError"),
                         tr("The request body is not valid JSON: %1 at offset %2.")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    }
    return document;
}

Result<QJsonObject> objectBody(const QByteArray &body)
{
    Result<QJsonDocument> document = parseBody(body);
    if (!document)
        return document.error();
    if (!document.value().isObject())
        return restError(400, QStringLiteral("IotHubFormatError"), tr("The request body must be a JSON object."));
    return document.value().object();
}

} // namespace

QByteArray IotHubRestEndpoint::Request::header(const QByteArray &name) const
{
    return httpHeaderValue(headers, name);
}

QByteArray IotHubRestEndpoint::Response::header(const QByteArray &name) const
{
    return httpHeaderValue(headers, name);
}

class IotHubRestEndpoint::Private
{
public:
    IotHubRestEndpoint *q = nullptr;
    HubDirectory *hubs = nullptr;
    Clock *clock = nullptr;
    QHttpServer *server = nullptr;
    quint16 port = 0;
    ErrorEnvelope envelope = ErrorEnvelope::Legacy;

    struct Target
    {
        SandboxHub *hub = nullptr;
        QString token;
    };

    // The hub a request is for: from the `sr` of its SAS token.
    Result<Target> target(const Request &request) const
    {
        const QString authorization = QString::fromUtf8(request.header("Authorization")).trimmed();
        if (authorization.isEmpty()) {
            return restError(401, QStringLiteral("IotHubUnauthorizedAccess"),
                             tr("The request has no Authorization header; send a shared access signature of a "
                                "policy of the hub."));
        }
        if (!authorization.startsWith(QLatin1String("SharedAccessSignature "))) {
            return restError(401, QStringLiteral("IotHubUnauthorizedAccess"),
                             tr("The sandbox accepts only shared access signatures (SharedAccessSignature sr=…), "
                                "not Entra ID bearer tokens."));
        }
        Result<SasToken> token = SasToken::parse(authorization);
        if (!token)
            return restError(401, QStringLiteral("IotHubUnauthorizedAccess"), token.error().message());
        const QString host = token.value().resource().section(QLatin1Char('/'), 0, 0);
        SandboxHub *hub = hubs->hubForHost(host);
        if (!hub) {
            return restError(401, QStringLiteral("IotHubNotFound"),
                             tr("There is no IoT hub \"%1\" in this sandbox.").arg(host.left(200)));
        }
        return Target {hub, authorization};
    }

    Response errorResponse(const ServiceError &error) const
    {
        int status = error.httpStatus();
        if (status < 400) {
            // A validation error without a status (should not happen): a bad request.
            status = error.kind() == ServiceError::Kind::InvalidInput ? 400 : 500;
        }
        IotHubErrorEnvelope body;
        body.code = error.code().isEmpty() ? QStringLiteral("ServerError") : error.code();
        body.numericCode = IotHubErrorEnvelope::numericCodeFor(body.code);
        body.message = error.message();
        body.trackingId = QString::fromLatin1(
            QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, '0') +
            QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, '0'));
        body.timestampUtc = clock->nowUtc().toString(QStringLiteral("MM/dd/yyyy HH:mm:ss"));
        Response response;
        response.status = status;
        response.headers.append({"Content-Type", ContentTypeJson});
        response.headers.append({"iothub-errorcode", body.code.toUtf8()});
        response.body = compact(envelope == ErrorEnvelope::Legacy ? body.toLegacyJson() : body.toJson());
        return response;
    }

    static Response json(int status, const QByteArray &body, const QString &etag = {})
    {
        Response response;
        response.status = status;
        response.headers.append({"Content-Type", ContentTypeJson});
        if (!etag.isEmpty())
            response.headers.append({"ETag", quoted(etag)});
        response.body = body;
        return response;
    }

    Response route(const Request &request);
};

IotHubRestEndpoint::IotHubRestEndpoint(HubDirectory *hubs, Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->hubs = hubs;
    d->clock = clock ? clock : Clock::system();
}

IotHubRestEndpoint::~IotHubRestEndpoint() = default;

void IotHubRestEndpoint::setErrorEnvelope(ErrorEnvelope envelope)
{
    d->envelope = envelope;
}

IotHubRestEndpoint::ErrorEnvelope IotHubRestEndpoint::errorEnvelope() const
{
    return d->envelope;
}

quint16 IotHubRestEndpoint::port() const
{
    return d->port;
}

QUrl IotHubRestEndpoint::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->port);
    return url;
}

Result<quint16> IotHubRestEndpoint::listen(const QSslConfiguration &tls, const QHostAddress &address, quint16 port)
{
    if (d->server) {
        ServiceError error(ServiceError::Kind::Backend, tr("The IoT Hub REST endpoint is already listening."));
        return error;
    }
    d->server = new QHttpServer(this);
    d->server->sslSetup(tls);
    // Every request goes through one handler: the routes need IoT Hub's own path decoding and errors.
    d->server->setMissingHandler([this](const QHttpServerRequest &httpRequest, QHttpServerResponder &&responder) {
        Request request;
        request.method = httpMethodName(httpRequest.method());
        request.encodedPath = httpRequest.url().path(QUrl::FullyEncoded);
        request.query = httpRequest.query();
        request.headers = httpRequest.headers();
        request.body = httpRequest.body();
        auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
        // The client may hang up during an added latency; then its socket is gone and nobody is answered.
        const QPointer<QTcpSocket> socket = shared->socket();
        auto answer = [this, request, shared, socket] {
            const Response response = handle(request);
            if (!socket || socket->state() != QAbstractSocket::ConnectedState)
                return;
            shared->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
            for (const auto &header : response.headers)
                shared->writeHeader(header.first, header.second);
            shared->writeHeader("Content-Length", QByteArray::number(response.body.size()));
            shared->writeBody(response.body);
        };
        const int latency = addedLatencyMs(request);
        if (latency > 0)
            d->clock->callAfter(std::chrono::milliseconds(latency), this, answer);
        else
            answer();
    });
    const quint16 bound = d->server->listen(address, port);
    if (bound == 0) {
        delete d->server;
        d->server = nullptr;
        ServiceError error(ServiceError::Kind::Backend,
                           tr("The IoT Hub REST endpoint could not listen on %1:%2. Choose another port.")
                               .arg(address.toString())
                               .arg(port));
        return error;
    }
    d->port = bound;
    qCInfo(lcSandbox).noquote() << "IoT Hub service REST endpoint on" << url().toString();
    return bound;
}

int IotHubRestEndpoint::addedLatencyMs(const Request &request) const
{
    const Result<Private::Target> target = d->target(request);
    return target ? std::max(0, target.value().hub->faults().addedLatencyMs) : 0;
}

IotHubRestEndpoint::Response IotHubRestEndpoint::handle(const Request &request)
{
    const Response response = d->route(request);
    qCDebug(lcSandbox).noquote() << "REST" << request.method << request.encodedPath.left(200) << "->"
                                 << response.status;
    emit requestHandled(request.method, request.encodedPath, response.status);
    return response;
}

IotHubRestEndpoint::Response IotHubRestEndpoint::Private::route(const Request &request)
{
    // The path: /devices, /devices/{id}, /devices/query, /twins/{id}, /statistics/devices.
    QStringList segments;
    for (const QString &raw : request.encodedPath.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const std::optional<QString> segment = decodeSegment(raw);
        if (!segment)
            return errorResponse(badRequest(tr("The request path is not validly percent-encoded.")));
        segments.append(*segment);
    }
    const QByteArray &method = request.method;
    const QString first = segments.value(0);

    enum class Operation {
        None,
        GetDevice,
        PutDevice,
        DeleteDevice,
        ListDevices,
        Bulk,
        Query,
        GetTwin,
        PatchTwin,
        PutTwin,
        Statistics
    };
    Operation operation = Operation::None;
    bool knownPath = true;
    if (first == QLatin1String("devices") && segments.size() == 1) {
        operation = method == "GET" ? Operation::ListDevices : method == "POST" ? Operation::Bulk : Operation::None;
    } else if (first == QLatin1String("devices") && segments.size() == 2 && segments.at(1) == QLatin1String("query") &&
               method == "POST") {
        operation = Operation::Query;
    } else if (first == QLatin1String("devices") && segments.size() == 2) {
        operation = method == "GET" ? Operation::GetDevice
            : method == "PUT"       ? Operation::PutDevice
            : method == "DELETE"    ? Operation::DeleteDevice
                                    : Operation::None;
    } else if (first == QLatin1String("twins") && segments.size() == 2) {
        operation = method == "GET" ? Operation::GetTwin
            : method == "PATCH"     ? Operation::PatchTwin
            : method == "PUT"       ? Operation::PutTwin
                                    : Operation::None;
    } else if (first == QLatin1String("statistics") && segments.size() == 2 &&
               segments.at(1) == QLatin1String("devices")) {
        operation = method == "GET" ? Operation::Statistics : Operation::None;
    } else {
        knownPath = false;
    }

    // Which hub, is it up, and is the caller allowed?
    Result<Target> found = target(request);
    if (!found)
        return errorResponse(found.error());
    SandboxHub *hub = found.value().hub;
    if (Status up = hub->checkAvailable(); !up)
        return errorResponse(up.error());
    if (!knownPath) {
        return errorResponse(
            restError(404, QStringLiteral("NotFound"),
                      tr("The sandbox's IoT Hub has no resource %1.").arg(request.encodedPath.left(200))));
    }
    if (operation == Operation::None) {
        return errorResponse(restError(
            405, QStringLiteral("MethodNotAllowed"),
            tr("The method %1 is not allowed on %2.").arg(QString::fromLatin1(method), request.encodedPath.left(200))));
    }
    if (request.query.queryItemValue(QStringLiteral("api-version")).isEmpty()) {
        return errorResponse(badRequest(tr("The api-version query parameter is required, e.g. "
                                           "?api-version=2021-04-12.")));
    }

    HubRights required;
    switch (operation) {
    case Operation::GetDevice:
    case Operation::ListDevices:
    case Operation::Statistics:
        required = HubRight::RegistryRead;
        break;
    case Operation::PutDevice:
    case Operation::DeleteDevice:
    case Operation::Bulk:
        required = HubRight::RegistryWrite;
        break;
    case Operation::Query:
    case Operation::GetTwin:
    case Operation::PatchTwin:
    case Operation::PutTwin:
    case Operation::None:
        required = HubRight::ServiceConnect;
        break;
    }
    const QString resource = hub->hostName() + QLatin1Char('/') + segments.join(QLatin1Char('/'));
    if (Status authorized = hub->authorizeService(found.value().token, required, resource); !authorized)
        return errorResponse(authorized.error());

    const QString deviceId = segments.value(1);
    const QString ifMatch = QString::fromUtf8(request.header("If-Match"));

    switch (operation) {
    case Operation::GetDevice: {
        const Result<DeviceIdentity> device = hub->device(deviceId);
        if (!device)
            return errorResponse(device.error());
        return json(200, compact(deviceJson(device.value())), device.value().etag);
    }
    case Operation::PutDevice: {
        Result<QJsonObject> body = objectBody(request.body);
        if (!body)
            return errorResponse(body.error());
        Result<DeviceIdentity> requested = DeviceIdentity::fromJson(body.value());
        if (!requested)
            return errorResponse(badRequest(requested.error().message()));
        DeviceIdentity device = requested.value();
        if (!device.deviceId.isEmpty() && device.deviceId != deviceId) {
            return errorResponse(badRequest(tr("The deviceId \"%1\" in the body does not match the device \"%2\" "
                                               "in the path.")
                                                .arg(device.deviceId.left(200), deviceId.left(200))));
        }
        device.deviceId = deviceId;
        // PUT without If-Match creates (409 if the device exists); with If-Match it updates.
        const Result<DeviceIdentity> result =
            ifMatch.trimmed().isEmpty() ? hub->createDevice(device) : hub->updateDevice(device, ifMatch);
        if (!result)
            return errorResponse(result.error());
        return json(200, compact(deviceJson(result.value())), result.value().etag);
    }
    case Operation::DeleteDevice: {
        const Status deleted = hub->deleteDevice(deviceId, ifMatch.trimmed().isEmpty() ? QStringLiteral("*") : ifMatch);
        if (!deleted)
            return errorResponse(deleted.error());
        Response response;
        response.status = 204;
        return response;
    }
    case Operation::ListDevices: {
        int top = MaxListTop;
        const QString text = request.query.queryItemValue(QStringLiteral("top"));
        if (!text.isEmpty()) {
            bool ok = false;
            top = text.toInt(&ok);
            if (!ok || top < 1 || top > MaxListTop)
                return errorResponse(badRequest(tr("top must be a whole number from 1 to %1.").arg(MaxListTop)));
        }
        const Result<QList<DeviceIdentity>> devices = hub->listDevices(top);
        if (!devices)
            return errorResponse(devices.error());
        QJsonArray array;
        for (const DeviceIdentity &device : devices.value())
            array.append(deviceJson(device));
        return json(200, compact(array));
    }
    case Operation::Bulk: {
        Result<QJsonDocument> body = parseBody(request.body);
        if (!body)
            return errorResponse(body.error());
        if (!body.value().isArray())
            return errorResponse(badRequest(tr("The bulk request body must be a JSON array of devices.")));
        QList<ImportDevice> devices;
        const QJsonArray array = body.value().array();
        for (qsizetype i = 0; i < array.size(); ++i) {
            Result<ImportDevice> entry = ImportDevice::fromJson(canonicalImportKeys(array.at(i).toObject()));
            if (!array.at(i).isObject() || !entry) {
                return errorResponse(badRequest(tr("Entry %1 of the bulk request is not a valid device: %2")
                                                    .arg(i)
                                                    .arg(entry ? tr("not an object") : entry.error().message())));
            }
            if (Status valid = DeviceIdentity::validateDeviceId(entry.value().id); !valid) {
                return errorResponse(
                    badRequest(tr("Entry %1 of the bulk request: %2").arg(i).arg(valid.error().message())));
            }
            devices.append(entry.value());
        }
        const Result<BulkImportResult> result = hub->importDevices(devices);
        if (!result)
            return errorResponse(result.error());
        return json(result.value().isSuccessful ? 200 : 400, compact(result.value().toJson()));
    }
    case Operation::Query: {
        Result<QJsonObject> body = objectBody(request.body);
        if (!body)
            return errorResponse(body.error());
        const QJsonValue sql = body.value().value(QStringLiteral("query"));
        if (!sql.isString() || sql.toString().trimmed().isEmpty())
            return errorResponse(badRequest(tr("The body must be {\"query\": \"SELECT … FROM devices\"}.")));
        int pageSize = 0;
        const QByteArray maxItems = request.header("x-ms-max-item-count").trimmed();
        if (!maxItems.isEmpty()) {
            bool ok = false;
            pageSize = maxItems.toInt(&ok);
            if (!ok || pageSize < 1)
                return errorResponse(badRequest(tr("x-ms-max-item-count must be a positive whole number.")));
        }
        const Result<QueryPage> page =
            hub->query(sql.toString(), pageSize, QString::fromUtf8(request.header("x-ms-continuation")));
        if (!page)
            return errorResponse(page.error());
        Response response = json(200, compact(page.value().items));
        response.headers.append({"x-ms-item-type", page.value().itemType.toUtf8()});
        if (page.value().hasMore())
            response.headers.append({"x-ms-continuation", page.value().continuationToken.toUtf8()});
        return response;
    }
    case Operation::GetTwin: {
        const Result<DeviceTwin> twin = hub->twin(deviceId);
        if (!twin)
            return errorResponse(twin.error());
        return json(200, compact(twinJson(twin.value())), twin.value().etag);
    }
    case Operation::PatchTwin:
    case Operation::PutTwin: {
        Result<QJsonObject> body = objectBody(request.body);
        if (!body)
            return errorResponse(body.error());
        const QString match = ifMatch.trimmed().isEmpty() ? QStringLiteral("*") : ifMatch;
        const Result<DeviceTwin> twin = operation == Operation::PatchTwin
            ? hub->updateTwin(deviceId, body.value(), match)
            : hub->replaceTwin(deviceId, body.value(), match);
        if (!twin)
            return errorResponse(twin.error());
        return json(200, compact(twinJson(twin.value())), twin.value().etag);
    }
    case Operation::Statistics: {
        const Result<DeviceStatistics> statistics = hub->statistics();
        if (!statistics)
            return errorResponse(statistics.error());
        return json(200, compact(statistics.value().toJson()));
    }
    case Operation::None:
        break;
    }
    return errorResponse(restError(500, QStringLiteral("ServerError"), tr("Unhandled request.")));
}

} // namespace TwinBridge::Sandbox
