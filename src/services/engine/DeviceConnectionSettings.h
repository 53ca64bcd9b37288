#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSslConfiguration>
#include <QString>

#include <chrono>

namespace TwinBridge {

class ConnectionProfile;

// What every device connection of one hub shares (DESIGN §1 "Connections", reference/azure-protocols.md
// §1.2–1.5, §2): the hub's logical host name (SAS resource, CONNECT username, TLS peer name), where the
// socket actually goes (the profile's MQTT host/port override), the policy that signs the device tokens,
// the trusted CAs (system CAs plus the profile's), token lifetime, keep-alive and time limits. TLS is always
// 1.2 or later with peer and host-name verification (TlsClientContext).
struct DeviceConnectionSettings
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::DeviceConnectionSettings)

public:
    QString hubHostName; // {hub}.azure-devices.net
    QString connectHost; // where the TCP connection goes; empty = hubHostName
    quint16 connectPort = 8883;
    QString policyName; // skn of the device tokens
    QByteArray policyKey; // base64; never logged
    QSslConfiguration ssl; // its CA certificates build the one OpenSSL context all connections share

    std::chrono::seconds tokenLifetime = std::chrono::hours(1);
    // PINGREQ after this much silence; the hub's timeout is 1.5 × this (max useful 1177 s).
    std::chrono::seconds keepAlive = std::chrono::seconds(240);
    // TCP + TLS + CONNECT → CONNACK (+ SUBACK for the twin responses).
    std::chrono::milliseconds connectTimeout = std::chrono::seconds(30);
    // PUBLISH → PUBACK, reported PATCH → twin response.
    std::chrono::milliseconds operationTimeout = std::chrono::seconds(30);
    // Subscribe to twin responses right after CONNACK instead of before the first reported patch.
    bool subscribeOnConnect = true;
    // Granularity of every deadline (one shared TimeoutWheel).
    std::chrono::milliseconds timerResolution = std::chrono::milliseconds(250);

    QString effectiveConnectHost() const { return connectHost.isEmpty() ? hubHostName : connectHost; }

    // TLS 1.2 or later, peer verification, the system CAs plus `caCertificateFile` (PEM) if given.
    static Result<QSslConfiguration> tlsConfiguration(const QString &caCertificateFile = {});

    // From a profile (host names, port, policy name, CA file) and the policy key from the SecretStore.
    // NotConfigured errors name what is missing.
    static Result<DeviceConnectionSettings> fromProfile(const ConnectionProfile &profile, const QByteArray &policyKey);
};

} // namespace TwinBridge
