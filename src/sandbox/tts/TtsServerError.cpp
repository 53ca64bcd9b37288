#include "sandbox/tts/TtsServerError.h"

#include "services/tts/TtsError.h"

#include <QJsonArray>

namespace TwinBridge::Sandbox {

namespace {

const QString DetailsType = QStringLiteral("type.googleapis.com/ttn.lorawan.v3.ErrorDetails");

QString render(const QString &format, const QJsonObject &attributes)
{
    QString text = format;
    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'),
                     TtsError::attributeText(it.value(), QStringLiteral(" ")));
    return text;
}

} // namespace

ServiceError TtsServerError::make(int grpcCode, const QString &nameSpace, const QString &name,
                                  const QString &messageFormat, const QJsonObject &attributes)
{
    const int status = httpStatus(grpcCode);
    ServiceError error(ServiceError::kindForHttpStatus(status), render(messageFormat, attributes));
    error.setHttpStatus(status);
    error.setCode(nameSpace + QLatin1Char(':') + name);
    QJsonObject payload {{QStringLiteral("grpcCode"), grpcCode},
                         {QStringLiteral("namespace"), nameSpace},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("messageFormat"), messageFormat},
                         {QStringLiteral("attributes"), attributes}};
    // The admin API passes "field" on to its own error bodies.
    if (attributes.value(QStringLiteral("field")).isString())
        payload.insert(QStringLiteral("field"), attributes.value(QStringLiteral("field")));
    error.setPayload(payload);
    return error;
}

int TtsServerError::httpStatus(int grpcCode)
{
    switch (grpcCode) {
    case 1: // CANCELLED
        return 499;
    case InvalidArgument:
    case FailedPrecondition:
    case 11: // OUT_OF_RANGE
        return 400;
    case 4: // DEADLINE_EXCEEDED
        return 504;
    case NotFound:
        return 404;
    case AlreadyExists:
    case 10: // ABORTED
        return 409;
    case PermissionDenied:
        return 403;
    case ResourceExhausted:
        return 429;
    case Unimplemented:
        return 501;
    case Unavailable:
        return 503;
    case Unauthenticated:
        return 401;
    default:
        return 500;
    }
}

int TtsServerError::grpcCode(int httpStatus)
{
    switch (httpStatus) {
    case 400:
        return InvalidArgument;
    case 401:
        return Unauthenticated;
    case 403:
        return PermissionDenied;
    case 404:
        return NotFound;
    case 409:
        return AlreadyExists;
    case 429:
        return ResourceExhausted;
    case 501:
        return Unimplemented;
    case 503:
        return Unavailable;
    case 504:
        return 4;
    default:
        return httpStatus >= 500 ? int(Internal) : 2; // UNKNOWN
    }
}

QJsonObject TtsServerError::body(const ServiceError &error, const QString &correlationId)
{
    QJsonObject payload = error.payload().toObject();
    if (!payload.contains(QStringLiteral("namespace"))) {
        const int code = grpcCode(error.httpStatus() > 0 ? error.httpStatus() : 500);
        payload = make(code, QStringLiteral("pkg/sandbox"), QStringLiteral("unknown"), error.message())
                      .payload()
                      .toObject();
    }
    const int code = payload.value(QStringLiteral("grpcCode")).toInt();
    const QString nameSpace = payload.value(QStringLiteral("namespace")).toString();
    const QString name = payload.value(QStringLiteral("name")).toString();
    const QString format = payload.value(QStringLiteral("messageFormat")).toString();
    const QJsonObject attributes = payload.value(QStringLiteral("attributes")).toObject();

    QJsonObject detail {{QStringLiteral("@type"), DetailsType},
                        {QStringLiteral("namespace"), nameSpace},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("message_format"), format},
                        {QStringLiteral("correlation_id"), correlationId},
                        {QStringLiteral("code"), code}};
    if (!attributes.isEmpty())
        detail.insert(QStringLiteral("attributes"), attributes);
    return QJsonObject {
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), QStringLiteral("error:%1:%2 (%3)").arg(nameSpace, name, render(format, attributes))},
        {QStringLiteral("details"), QJsonArray {detail}}};
}

ServiceError TtsServerError::routeNotFound(const QString &route)
{
    return make(NotFound, QStringLiteral("pkg/web"), QStringLiteral("route_not_found"),
                QStringLiteral("route `{route}` not found"), {{QStringLiteral("route"), route}});
}

ServiceError TtsServerError::methodNotAllowed(const QString &method)
{
    return make(Unimplemented, QStringLiteral("pkg/web"), QStringLiteral("method_not_allowed"),
                QStringLiteral("method `{method}` not allowed"), {{QStringLiteral("method"), method}})
        .setHttpStatus(405);
}

ServiceError TtsServerError::invalidBody(const QString &why)
{
    return make(InvalidArgument, QStringLiteral("pkg/jsonpb"), QStringLiteral("unmarshal"),
                QStringLiteral("could not read the request body: {error}"), {{QStringLiteral("error"), why}});
}

ServiceError TtsServerError::validation(const QString &field, const QString &reason)
{
    return make(InvalidArgument, QStringLiteral("pkg/errors"), QStringLiteral("validation"),
                QStringLiteral("invalid `{field}`: {reason}"),
                {{QStringLiteral("field"), field}, {QStringLiteral("reason"), reason}});
}

ServiceError TtsServerError::forbiddenPaths(const QStringList &paths)
{
    return make(InvalidArgument, QStringLiteral("pkg/rpcmiddleware/validator"), QStringLiteral("field_mask_paths"),
                QStringLiteral("forbidden path(s) in field mask"),
                {{QStringLiteral("forbidden_paths"), QJsonArray::fromStringList(paths)}});
}

ServiceError TtsServerError::invalidToken()
{
    return make(InvalidArgument, QStringLiteral("pkg/auth"), QStringLiteral("token"), QStringLiteral("invalid token"));
}

ServiceError TtsServerError::apiKeyNotFound()
{
    return make(Unauthenticated, QStringLiteral("pkg/identityserver"), QStringLiteral("api_key_not_found"),
                QStringLiteral("API key not found"));
}

ServiceError TtsServerError::invalidAuthorization()
{
    return make(Unauthenticated, QStringLiteral("pkg/identityserver"), QStringLiteral("invalid_authorization"),
                QStringLiteral("invalid authorization"));
}

ServiceError TtsServerError::noApplicationRights(const QString &uid)
{
    return make(PermissionDenied, QStringLiteral("pkg/auth/rights"), QStringLiteral("no_application_rights"),
                QStringLiteral("no rights for application `{uid}`"), {{QStringLiteral("uid"), uid}});
}

ServiceError TtsServerError::insufficientApplicationRights(const QString &uid, const QStringList &missing)
{
    return make(PermissionDenied, QStringLiteral("pkg/auth/rights"), QStringLiteral("insufficient_application_rights"),
                QStringLiteral("insufficient rights for application `{uid}`"),
                {{QStringLiteral("uid"), uid}, {QStringLiteral("missing"), QJsonArray::fromStringList(missing)}});
}

ServiceError TtsServerError::applicationNotFound(const QString &applicationId)
{
    return make(NotFound, QStringLiteral("pkg/identityserver/store"), QStringLiteral("application_not_found"),
                QStringLiteral("application with id `{application_id}` not found"),
                {{QStringLiteral("application_id"), applicationId}});
}

ServiceError TtsServerError::endDeviceNotFound(const QString &applicationId, const QString &deviceId)
{
    return make(NotFound, QStringLiteral("pkg/identityserver/store"), QStringLiteral("end_device_not_found"),
                QStringLiteral("end device with id `{device_id}` not found in application with id `{application_id}`"),
                {{QStringLiteral("application_id"), applicationId}, {QStringLiteral("device_id"), deviceId}});
}

ServiceError TtsServerError::entityNotFound()
{
    return make(NotFound, QStringLiteral("pkg/redis"), QStringLiteral("not_found"), QStringLiteral("entity not found"));
}

ServiceError TtsServerError::asDeviceNotFound(const QString &deviceUid)
{
    return make(NotFound, QStringLiteral("pkg/applicationserver"), QStringLiteral("device_not_found"),
                QStringLiteral("device `{device_uid}` not found"), {{QStringLiteral("device_uid"), deviceUid}});
}

ServiceError TtsServerError::idTaken()
{
    return make(AlreadyExists, QStringLiteral("pkg/identityserver/store"), QStringLiteral("id_taken"),
                QStringLiteral("ID already taken, choose a different one and try again"));
}

ServiceError TtsServerError::euisTaken(const QString &joinEui, const QString &devEui, const QString &deviceId,
                                       const QString &applicationId)
{
    return make(AlreadyExists, QStringLiteral("pkg/identityserver"), QStringLiteral("end_device_euis_taken"),
                QStringLiteral("an end device with JoinEUI `{join_eui}` and DevEUI `{dev_eui}` is already "
                               "registered as `{device_id}` in application `{application_id}`"),
                {{QStringLiteral("join_eui"), joinEui},
                 {QStringLiteral("dev_eui"), devEui},
                 {QStringLiteral("device_id"), deviceId},
                 {QStringLiteral("application_id"), applicationId}});
}

ServiceError TtsServerError::duplicateIdentifiers(TtsComponent component)
{
    return make(AlreadyExists, registryNamespace(component), QStringLiteral("duplicate_identifiers"),
                QStringLiteral("duplicate identifiers"));
}

ServiceError TtsServerError::readOnlyField(TtsComponent component, const QString &field)
{
    return make(InvalidArgument, registryNamespace(component), QStringLiteral("read_only_field"),
                QStringLiteral("read-only field `{field}`"), {{QStringLiteral("field"), field}});
}

ServiceError TtsServerError::invalidIdentifiers(TtsComponent component)
{
    return make(InvalidArgument, registryNamespace(component), QStringLiteral("invalid_identifiers"),
                QStringLiteral("invalid identifiers"));
}

ServiceError TtsServerError::injectedFault(TtsComponent component, int httpStatus)
{
    const int code = grpcCode(httpStatus);
    ServiceError error = make(code, QStringLiteral("pkg/sandbox"), QStringLiteral("injected_fault"),
                              QStringLiteral("fault injected into the {component} by the sandbox admin API"),
                              {{QStringLiteral("component"), ttsComponentName(component)}});
    return error.setHttpStatus(httpStatus);
}

QString TtsServerError::registryNamespace(TtsComponent component)
{
    switch (component) {
    case TtsComponent::IdentityServer:
        return QStringLiteral("pkg/identityserver");
    case TtsComponent::JoinServer:
        return QStringLiteral("pkg/joinserver/redis");
    case TtsComponent::NetworkServer:
        return QStringLiteral("pkg/networkserver/redis");
    case TtsComponent::ApplicationServer:
        return QStringLiteral("pkg/applicationserver/redis");
    }
    return {};
}

} // namespace TwinBridge::Sandbox
