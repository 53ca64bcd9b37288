#pragma once

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/mqtt/DeviceMqttEndpoint.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/engine/DeviceConnectionSettings.h"

#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace TwinBridge::Test {

// The far side of the engine's device connections, in-process: one sandbox hub ("sandbox-hub", policy
// "twinbridge") with its device MQTT/TLS endpoint on 127.0.0.1, all on the given Clock (a ManualClock in
// unit tests: tokens, throttles, faults and the endpoint's keep-alive all follow it).
class DeviceHubFixture
{
public:
    // Once per test case: the CA (key generation is slow).
    bool createAuthority()
    {
        if (!m_caDirectory.isValid())
            return false;
        const Result<Sandbox::SandboxCertificateAuthority> ca =
            Sandbox::SandboxCertificateAuthority::loadOrCreate(m_caDirectory.path());
        if (!ca.ok())
            return false;
        m_ca = ca.value();
        return true;
    }

    bool start(Clock *clock, bool throttles = false, const QStringList &devices = {})
    {
        stop();
        m_clock = clock;
        m_hubs = std::make_unique<Sandbox::HubDirectory>(clock);
        Sandbox::SandboxHub::Options options;
        options.name = QStringLiteral("sandbox-hub");
        options.throttlesEnabled = throttles;
        const Result<Sandbox::SandboxHub *> hub = m_hubs->createHub(options);
        if (!hub.ok())
            return false;
        m_hub = hub.value();
        const std::optional<Sandbox::SharedAccessPolicy> policy = m_hub->policy(QStringLiteral("twinbridge"));
        if (!policy)
            return false;
        m_policyKey = policy->primaryKey;
        for (const QString &id : devices) {
            DeviceIdentity identity;
            identity.deviceId = id;
            if (!m_hub->createDevice(identity).ok())
                return false;
        }
        Sandbox::DeviceMqttEndpoint::Options endpointOptions;
        endpointOptions.timerResolution = std::chrono::milliseconds(100);
        m_endpoint = std::make_unique<Sandbox::DeviceMqttEndpoint>(m_hubs.get(), m_ca->serverConfiguration(), clock,
                                                                   endpointOptions);
        return m_endpoint->listen().ok();
    }

    void stop()
    {
        m_endpoint.reset();
        m_hubs.reset();
        m_hub = nullptr;
    }

    // As the engine connects to a real hub: the logical host name for the SAS resource, the username and
    // TLS verification; the socket goes to the endpoint's port on 127.0.0.1; the sandbox CA is trusted.
    DeviceConnectionSettings settings() const
    {
        DeviceConnectionSettings settings;
        settings.hubHostName = m_hub->hostName();
        settings.connectHost = QStringLiteral("127.0.0.1");
        settings.connectPort = m_endpoint->serverPort();
        settings.policyName = QStringLiteral("twinbridge");
        settings.policyKey = m_policyKey;
        settings.ssl = DeviceConnectionSettings::tlsConfiguration(m_ca->caCertificatePath()).value();
        settings.timerResolution = std::chrono::milliseconds(100);
        return settings;
    }

    Sandbox::SandboxHub *hub() const { return m_hub; }
    Sandbox::DeviceMqttEndpoint *endpoint() const { return m_endpoint.get(); }
    Sandbox::HubDirectory *hubs() const { return m_hubs.get(); }
    QByteArray policyKey() const { return m_policyKey; }
    const Sandbox::SandboxCertificateAuthority &authority() const { return *m_ca; }

private:
    QTemporaryDir m_caDirectory;
    std::optional<Sandbox::SandboxCertificateAuthority> m_ca;
    Clock *m_clock = nullptr;
    std::unique_ptr<Sandbox::HubDirectory> m_hubs;
    Sandbox::SandboxHub *m_hub = nullptr;
    std::unique_ptr<Sandbox::DeviceMqttEndpoint> m_endpoint;
    QByteArray m_policyKey;
};

} // namespace TwinBridge::Test
