#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QFuture>
#include <QString>
#include <QUrl>

namespace TwinBridge {

class HttpTransport;

// Points the Azure Function stand-in of a twinbridge-sandbox hub at an engine's ingest endpoint, so that twin
// changes and lifecycle events reach the engine with no other setup: reads the hub's routing through the
// sandbox's admin API (GET {admin}/hubs/{hub}/routing), sets the Function's app settings STACK_BASE_URL,
// STACK_APPLICATION_ID and STACK_API_KEY (the ingest key) and writes the routing back (PUT). Only for the
// sandbox: a real Function's settings are changed in Azure.
class SandboxFunctionRegistration
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::SandboxFunctionRegistration)

public:
    struct Target
    {
        QUrl adminUrl; // sandbox.json "admin", e.g. http://127.0.0.1:P/admin
        QString hubName; // "sandbox-hub"
        QString stackBaseUrl; // the engine's ingest base, ".../api/v3"
        QString applicationId;
        QString ingestKey; // never logged
    };

    // Resolves on the transport's thread. Errors name the step and what to do (e.g. the sandbox hub has no
    // Function configured).
    static QFuture<Status> apply(HttpTransport *transport, const Target &target);
};

} // namespace TwinBridge
