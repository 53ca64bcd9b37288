#include "services/core/ServiceError.h"

#include <QCoreApplication>

namespace TwinBridge {

ServiceError::ServiceError(Kind kind, QString message, QString detail)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_detail(std::move(detail))
{
}

ServiceError ServiceError::invalidInput(QString message, QString code)
{
    ServiceError error(Kind::InvalidInput, std::move(message));
    error.setCode(std::move(code));
    return error;
}

ServiceError ServiceError::notConfigured(QString message)
{
    return ServiceError(Kind::NotConfigured, std::move(message));
}

ServiceError ServiceError::canceled(QString operation)
{
    ServiceError error(Kind::Canceled,
                       QCoreApplication::translate("TwinBridge::ServiceError", "The operation was canceled."));
    error.setOperation(std::move(operation));
    return error;
}

ServiceError ServiceError::malformedResponse(QString operation, QString detail)
{
    ServiceError error(Kind::MalformedResponse,
                       QCoreApplication::translate("TwinBridge::ServiceError",
                                                   "The service sent an answer TwinBridge does not understand. "
                                                   "Check that the endpoint URL points at the right service."),
                       std::move(detail));
    error.setOperation(std::move(operation));
    return error;
}

ServiceError::Kind ServiceError::kindForHttpStatus(int status)
{
    switch (status) {
    case 400:
        return Kind::BadRequest;
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
        return Kind::NotFound;
    case 409:
        return Kind::Conflict;
    case 412:
        return Kind::PreconditionFailed;
    case 413:
        return Kind::PayloadTooLarge;
    case 429:
        return Kind::Throttled;
    case 503:
        return Kind::Unavailable;
    default:
        break;
    }
    if (status >= 500)
        return Kind::ServerError;
    if (status >= 400)
        return Kind::BadRequest;
    return Kind::None;
}

QString ServiceError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Canceled:
        return QStringLiteral("canceled");
    case Kind::BadRequest:
        return QStringLiteral("bad-request");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::Conflict:
        return QStringLiteral("conflict");
    case Kind::PreconditionFailed:
        return QStringLiteral("precondition-failed");
    case Kind::PayloadTooLarge:
        return QStringLiteral("payload-too-large");
    case Kind::Throttled:
        return QStringLiteral("throttled");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::Unavailable:
        return QStringLiteral("unavailable");
    case Kind::MalformedResponse:
        return QStringLiteral("malformed-response");
    case Kind::InvalidInput:
        return QStringLiteral("invalid-input");
    case Kind::NotConfigured:
        return QStringLiteral("not-configured");
    case Kind::Backend:
        return QStringLiteral("backend");
    case Kind::Unsupported:
        return QStringLiteral("unsupported");
    }
    return QStringLiteral("unknown");
}

ServiceError &ServiceError::setHttpStatus(int status)
{
    m_httpStatus = status;
    return *this;
}

ServiceError &ServiceError::setCode(QString code)
{
    m_code = std::move(code);
    return *this;
}

ServiceError &ServiceError::setOperation(QString operation)
{
    m_operation = std::move(operation);
    return *this;
}

ServiceError &ServiceError::setPayload(QJsonValue payload)
{
    m_payload = std::move(payload);
    return *this;
}

ServiceError &ServiceError::setRetryAfter(std::chrono::milliseconds retryAfter)
{
    m_retryAfter = retryAfter;
    return *this;
}

bool ServiceError::isTransient() const
{
    switch (m_kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Throttled:
    case Kind::ServerError:
    case Kind::Unavailable:
        return true;
    default:
        return false;
    }
}

QString ServiceError::toString() const
{
    if (m_kind == Kind::None)
        return {};
    if (m_operation.isEmpty())
        return m_message;
    return QCoreApplication::translate("TwinBridge::ServiceError", "Could not %1: %2").arg(m_operation, m_message);
}

} // namespace TwinBridge
