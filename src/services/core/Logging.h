#pragma once

#include <QLoggingCategory>

// One logging category per subsystem. Enable with e.g. QT_LOGGING_RULES="twinbridge.bridge.debug=true".
// Log key *names*, never secret values (API keys, policy keys, SAS tokens, client secrets).
Q_DECLARE_LOGGING_CATEGORY(lcCore)        // twinbridge.core
Q_DECLARE_LOGGING_CATEGORY(lcHttp)        // twinbridge.http
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)    // twinbridge.protocol
Q_DECLARE_LOGGING_CATEGORY(lcIotHubRest)  // twinbridge.azure.rest
Q_DECLARE_LOGGING_CATEGORY(lcIotHubMqtt)  // twinbridge.azure.mqtt
Q_DECLARE_LOGGING_CATEGORY(lcAzureAuth)   // twinbridge.azure.auth
Q_DECLARE_LOGGING_CATEGORY(lcAzureArm)    // twinbridge.azure.arm
Q_DECLARE_LOGGING_CATEGORY(lcThrottle)    // twinbridge.throttle
Q_DECLARE_LOGGING_CATEGORY(lcTtsRest)     // twinbridge.tts.rest
Q_DECLARE_LOGGING_CATEGORY(lcTtsMqtt)     // twinbridge.tts.mqtt
Q_DECLARE_LOGGING_CATEGORY(lcMqtt)        // twinbridge.mqtt (MosquittoClient: the libmosquitto connections)
Q_DECLARE_LOGGING_CATEGORY(lcBridge)      // twinbridge.bridge
Q_DECLARE_LOGGING_CATEGORY(lcIngest)      // twinbridge.ingest
Q_DECLARE_LOGGING_CATEGORY(lcOutbox)      // twinbridge.outbox
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)     // twinbridge.secrets
Q_DECLARE_LOGGING_CATEGORY(lcSettings)    // twinbridge.settings
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)     // twinbridge.sandbox
Q_DECLARE_LOGGING_CATEGORY(lcUi)          // twinbridge.ui
Q_DECLARE_LOGGING_CATEGORY(lcDiagnostics) // twinbridge.diagnostics (connection tests)
