#pragma once

#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "sandbox/arm/ArmStandIn.h"
#include "services/core/Result.h"

#include <QJsonObject>
#include <QString>

#include <chrono>
#include <memory>

namespace TwinBridge::Test {

// The in-process sandbox the deployment tests run against: throttles off, the ARM stand-in at 1/50 of its
// simulated durations and without Retry-After waits, one virtual device that sends only what a test asks for, TTS
// MQTT without TLS. Starts it into `sandbox`; the Status says why it did not start.
inline Status startDeploySandbox(std::unique_ptr<TwinBridge::Sandbox::Sandbox> &sandbox, const QString &stateDirectory)
{
    using namespace std::chrono_literals;
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = stateDirectory;
    options.throttlesEnabled = false;
    options.armTimeScale = 0.02;
    options.devices = 1;
    options.seed = 7;
    options.ttsMqttTls = false;
    options.uplinkInterval = 1h; // the tests send the uplinks
    sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = awaitResult(sandbox->start(), 30000);
    if (!started)
        return started;
    TwinBridge::Sandbox::ArmStandIn::Settings arm = sandbox->arm()->settings();
    arm.retryAfterSeconds = 0;
    sandbox->arm()->setSettings(arm);
    return started;
}

// A twin patch whose desired rawDownlink the engine turns into a TTS downlink.
inline QJsonObject rawDownlinkPatch(int fPort, const QString &framePayloadHex)
{
    return QJsonObject {
        {QStringLiteral("properties"),
         QJsonObject {{QStringLiteral("desired"),
                       QJsonObject {{QStringLiteral("rawDownlink"),
                                     QJsonObject {{QStringLiteral("fPort"), fPort},
                                                  {QStringLiteral("framePayload"), framePayloadHex},
                                                  {QStringLiteral("confirmed"), false}}}}}}}};
}

} // namespace TwinBridge::Test
