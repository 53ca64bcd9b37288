#pragma once

#include "services/core/ServiceError.h"
#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsComponent.h"
#include "services/tts/TtsRights.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// The error body every TTS HTTP endpoint returns (reference/tts-integration.md §4.7):
//   {"code":7,"message":"error:pkg/auth/rights:no_user_rights (no rights for user `x`)",
//    "details":[{"@type":"…ErrorDetails","namespace":"pkg/auth/rights","name":"no_user_rights",
//                "message_format":"no rights for user `{uid}`","attributes":{"uid":"x"},
//                "correlation_id":"7d4a…","code":7}]}
// `code` is the gRPC status code. toServiceError() turns a status + body into a ServiceError whose message
// says what went wrong and what to do, with every known secret scrubbed from the text.
class TtsError
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TtsError)

public:
    struct Detail
    {
        QString type;
        QString nameSpace;
        QString name;
        QString messageFormat;
        QJsonObject attributes;
        QString correlationId;
        int code = 0;

        // message_format with its {attributes} filled in.
        QString renderedMessage() const;
    };

    // What the failed request was about; used to write the sentence.
    struct Context
    {
        QString operation; // "create TTS device lora-01", becomes ServiceError::operation()
        QString applicationId;
        QString deviceId; // empty when the request was about the application
        std::optional<TtsComponent> component;
        QList<TtsRights::Right> neededRights; // named on a 403 when TTS does not say which right is missing
        QStringList secrets; // values that must never appear in the error (API key, root keys)
    };

    int code = 0; // gRPC status code
    QString message;
    QList<Detail> details;
    QJsonObject raw;

    // nullopt if the body is not a TTS error object (HTML from a proxy, empty, other JSON).
    static std::optional<TtsError> parse(const QByteArray &body);
    static std::optional<TtsError> fromJson(const QJsonObject &object);

    // "PERMISSION_DENIED" for 7, …; "CODE_<n>" for unknown codes.
    static QString grpcCodeName(int code);

    // "pkg/auth/rights:no_user_rights", from the first detail or the message; empty if neither says.
    QString qualifiedName() const;
    QString name() const;
    QString correlationId() const;
    // The human part: the rendered message_format, or the text inside "error:ns:name (…)".
    QString text() const;
    // An attribute of the first detail that has it, as text (lists joined with ", ").
    QString attribute(const QString &key) const;
    // RIGHT_* names mentioned in the attributes or the message (e.g. a "missing" attribute).
    QStringList rightsNamed() const;

    static ServiceError toServiceError(int httpStatus, const QByteArray &body, const Context &context);

    // An attribute value of an error detail as text: strings as they are, whole numbers without a decimal
    // point, objects as compact JSON, arrays as their items' texts joined with `listSeparator`.
    static QString attributeText(const QJsonValue &value, const QString &listSeparator = QStringLiteral(", "));

    // How the TTS value types read an answer: protobuf JSON (integers may be decimal strings); an error is a
    // MalformedResponse (code "TtsMalformedJson") whose message names the field, then says that TTS sent
    // `what` (e.g. "an end device", already translated) TwinBridge cannot read, and what to check.
    static JsonFieldReader::Options jsonReaderOptions(const QString &what);

    // Replaces every occurrence of the given secrets (case-insensitively) and anything shaped like a TTS API
    // key with "[redacted]".
    static QString scrub(QString text, const QStringList &secrets);
    // Replaces every run of exactly 32 hex digits (the shape of an AppKey/NwkKey) except `keep`.
    static QString scrubKeyShapes(QString text, const QString &keep = QString());
};

} // namespace TwinBridge
