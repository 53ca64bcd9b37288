#pragma once

#include "services/core/ServiceError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace TwinBridge {

// Maps the Microsoft identity platform's error answers ({"error","error_description","error_codes",
// "trace_id","correlation_id"}) to a ServiceError: code = `error`, a sentence per case that says what to do,
// and the AADSTS codes with the service's text in detail(). Values listed in `secrets` (the client secret, a
// refresh token, a device code…) are removed from everything the error carries.
class EntraError
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::EntraError)

public:
    static ServiceError fromResponse(int httpStatus, const QByteArray &body, const QString &operation,
                                     const QStringList &secrets = {});

    // The error for a device code that ran out locally before the service said so.
    static ServiceError deviceCodeExpired(const QString &operation);

    // `text` with every occurrence of each non-empty secret replaced by "[redacted]".
    static QString redact(QString text, const QStringList &secrets);
};

} // namespace TwinBridge
