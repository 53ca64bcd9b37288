#pragma once

#include "services/core/ServiceError.h"
#include "services/tts/TtsComponent.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace TwinBridge::Sandbox {

// The errors the TTS stand-in answers with, the server side of services/tts/TtsError: a ServiceError whose
// code is "<namespace>:<name>", whose message is the rendered message format and whose payload keeps what the
// wire body needs ({grpcCode, namespace, name, messageFormat, attributes}). body() writes TTS's error JSON
// (reference/tts-integration.md §4.7):
//   {"code":7,"message":"error:pkg/auth/rights:insufficient_application_rights (insufficient rights for
//    application `demo-app@sandbox`)","details":[{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails",
//    "namespace":"pkg/auth/rights","name":"insufficient_application_rights","message_format":"…",
//    "attributes":{"uid":"demo-app@sandbox","missing":["RIGHT_APPLICATION_DEVICES_WRITE"]},
//    "correlation_id":"…","code":7}]}
// Names, namespaces and message formats are TTS's own (lorawan-stack pkg/auth/rights, pkg/rpcmiddleware/
// validator, pkg/identityserver, the JS/NS/AS registries); the HTTP status follows gRPC's code.
class TtsServerError
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::Sandbox::TtsServerError)

public:
    // gRPC status codes used here.
    enum Code {
        InvalidArgument = 3,
        NotFound = 5,
        AlreadyExists = 6,
        PermissionDenied = 7,
        ResourceExhausted = 8,
        FailedPrecondition = 9,
        Unimplemented = 12,
        Internal = 13,
        Unavailable = 14,
        Unauthenticated = 16,
    };

    static ServiceError make(int grpcCode, const QString &nameSpace, const QString &name,
                             const QString &messageFormat, const QJsonObject &attributes = {});
    // The HTTP status grpc-gateway maps a gRPC code to.
    static int httpStatus(int grpcCode);
    // The gRPC code for an HTTP status (for injected faults).
    static int grpcCode(int httpStatus);
    // TTS's error body for `error` (made by make(); any other ServiceError becomes an "unknown" error).
    static QJsonObject body(const ServiceError &error, const QString &correlationId);

    // "error:pkg/web:route_not_found (route `/api/v3/x` not found)".
    static ServiceError routeNotFound(const QString &route);
    static ServiceError methodNotAllowed(const QString &method);
    static ServiceError invalidBody(const QString &why);
    // pkg/errors:validation "invalid `{field}`: {reason}" — what TTS's generated validators answer.
    static ServiceError validation(const QString &field, const QString &reason);
    // pkg/rpcmiddleware/validator:field_mask_paths "forbidden path(s) in field mask" {forbidden_paths}.
    static ServiceError forbiddenPaths(const QStringList &paths);

    static ServiceError invalidToken();
    static ServiceError apiKeyNotFound();
    static ServiceError invalidAuthorization();
    static ServiceError noApplicationRights(const QString &uid);
    static ServiceError insufficientApplicationRights(const QString &uid, const QStringList &missing);

    static ServiceError applicationNotFound(const QString &applicationId);
    static ServiceError endDeviceNotFound(const QString &applicationId, const QString &deviceId);
    // JS/NS/AS registries: pkg/redis:not_found "entity not found".
    static ServiceError entityNotFound();
    static ServiceError asDeviceNotFound(const QString &deviceUid);
    static ServiceError idTaken();
    static ServiceError euisTaken(const QString &joinEui, const QString &devEui, const QString &deviceId,
                                  const QString &applicationId);
    // "<registry namespace>:duplicate_identifiers" — the JS, NS or AS already holds the identifiers.
    static ServiceError duplicateIdentifiers(TtsComponent component);
    static ServiceError readOnlyField(TtsComponent component, const QString &field);
    static ServiceError invalidIdentifiers(TtsComponent component);
    static ServiceError injectedFault(TtsComponent component, int httpStatus);

    // The namespace of a registry's store ("pkg/joinserver/redis", …).
    static QString registryNamespace(TtsComponent component);
};

} // namespace TwinBridge::Sandbox
