#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>

namespace TwinBridge {

// The request-line token of a QHttpServerRequest's method ("GET", "PUT", …); `otherwise` for methods
// outside GET, PUT, DELETE, POST, HEAD, OPTIONS and PATCH.
QByteArray httpMethodName(QHttpServerRequest::Method method, const QByteArray &otherwise = "UNKNOWN");

// The value of the first header called `name` (case-insensitively); empty if there is none.
QByteArray httpHeaderValue(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name);

} // namespace TwinBridge
