#pragma once

#include "services/core/Result.h"
#include "services/protocol/MessagePropertyBag.h"

#include <QCoreApplication>
#include <QString>

namespace TwinBridge {

// The MQTT CONNECT username of an IoT Hub device (reference/azure-protocols.md §1.3):
//   {host}/{deviceId}/?api-version=2021-04-12[&DeviceClientType={urlencoded}][&model-id={urlencoded}]
// and `{host}/{deviceId}/{moduleId}/?…` for a module. Parsing also accepts what SDKs and docs send:
// the parameters in any order, the old C SDK form without '?' (`{host}/{dev}/api-version=…`) and the
// minimal `{host}/{deviceId}` (with or without the final '/').
class IotHubMqttUsername
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::IotHubMqttUsername)

public:
    static constexpr char DefaultApiVersion[] = "2021-04-12";

    QString hostName;
    QString deviceId;
    QString moduleId;
    QString apiVersion; // empty if the username had none
    QString deviceClientType; // decoded
    QString modelId; // decoded
    MessagePropertyBag otherParameters; // anything else after '?', kept in order

    // The username in the documented form; empty apiVersion means DefaultApiVersion.
    QString toString() const;

    // Parses a username. Errors (InvalidInput) name the part: host, device id, module id, parameters.
    static Result<IotHubMqttUsername> parse(QStringView username);

    // Shortcut for the engine's CONNECT: `{host}/{deviceId}/?api-version=2021-04-12` plus the optional
    // client type / model id.
    static QString build(const QString &hostName, const QString &deviceId, const QString &deviceClientType = {},
                         const QString &modelId = {});

    bool operator==(const IotHubMqttUsername &other) const = default;
};

} // namespace TwinBridge
