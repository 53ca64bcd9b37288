#pragma once

#include <QByteArray>
#include <QHttpServerRequest>

namespace TwinBridge {

// The request-line token of a QHttpServerRequest's method ("GET", "PUT", …); `otherwise` for methods
// outside GET, PUT, DELETE, POST, HEAD, OPTIONS and PATCH.
QByteArray httpMethodName(QHttpServerRequest::Method method, const QByteArray &otherwise = "UNKNOWN");

} // namespace TwinBridge
