#pragma once

#include <QJsonValue>
#include <QMetaType>
#include <QString>

#include <chrono>

namespace TwinBridge {

// The one error type every service returns. It says what failed (operation), why (kind, HTTP status,
// the service's own code and text) and what to do (message). `message()` is the sentence a user sees;
// `detail()` keeps the service's raw text for logs and "details" panes. Neither ever contains a secret.
class ServiceError
{
public:
    enum class Kind {
        None,
        Network,            // unreachable host, refused or reset connection
        Timeout,            // no answer in time
        Tls,                // certificate or handshake problem
        Canceled,           // the user or the caller canceled
        BadRequest,         // 400: the service rejected the request as invalid
        Unauthorized,       // 401: wrong or expired key/token
        Forbidden,          // 403: a right is missing or a quota is exhausted
        NotFound,           // 404
        Conflict,           // 409: already exists
        PreconditionFailed, // 412: etag mismatch (optimistic concurrency)
        PayloadTooLarge,    // 413
        Throttled,          // 429, after retries were exhausted
        ServerError,        // 5xx other than 503
        Unavailable,        // 503
        MalformedResponse,  // the answer could not be understood
        InvalidInput,       // caller input failed validation before anything was sent
        NotConfigured,      // a setting or secret is missing
        Backend,            // a local backend failed (keychain, database, process)
        Unsupported,        // the operation is not possible in this configuration
    };

    ServiceError() = default;
    ServiceError(Kind kind, QString message, QString detail = {});

    // An InvalidInput error; `code` (optional) says which rule failed, e.g. "InvalidDeviceId".
    static ServiceError invalidInput(QString message, QString code = {});
    static ServiceError notConfigured(QString message);
    static ServiceError canceled(QString operation = {});
    static ServiceError malformedResponse(QString operation, QString detail);

    // The kind that matches an HTTP status (0 when there was no HTTP answer).
    static Kind kindForHttpStatus(int status);
    static QString kindName(Kind kind);

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    QString detail() const { return m_detail; }

    int httpStatus() const { return m_httpStatus; }
    ServiceError &setHttpStatus(int status);

    // The service's own code: "DeviceNotFound", "404001", "pkg/auth/rights:no_user_rights", "invalid_grant"…
    QString code() const { return m_code; }
    ServiceError &setCode(QString code);

    // What was being done, e.g. "create IoT Hub device lora-01"; prefixed to the message by toString().
    QString operation() const { return m_operation; }
    ServiceError &setOperation(QString operation);

    // Structured data that comes with the error, e.g. the current twin on a 412 conflict.
    QJsonValue payload() const { return m_payload; }
    ServiceError &setPayload(QJsonValue payload);

    // A server-suggested wait before retrying (Retry-After), zero if none.
    std::chrono::milliseconds retryAfter() const { return m_retryAfter; }
    ServiceError &setRetryAfter(std::chrono::milliseconds retryAfter);

    bool isTransient() const;

    // "Could not <operation>: <message>" — the full sentence for a status bar or dialog.
    QString toString() const;

private:
    Kind m_kind = Kind::None;
    QString m_message;
    QString m_detail;
    QString m_code;
    QString m_operation;
    QJsonValue m_payload;
    int m_httpStatus = 0;
    std::chrono::milliseconds m_retryAfter{0};
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::ServiceError)
