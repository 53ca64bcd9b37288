#pragma once

#include "services/core/Result.h"
#include "services/protocol/MessagePropertyBag.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace TwinBridge {

// The IoT Hub device MQTT topic grammar (reference/azure-protocols.md §1.6–1.9), built and parsed in one
// place so that the engine (which publishes as the device) and the sandbox (which plays the hub) agree:
//
//   Telemetry          devices/{id}/messages/events/{bag}            (also devices/{id}/modules/{m}/messages/events/)
//   CloudToDevice      devices/{id}/messages/devicebound/{bag}
//   TwinGet            $iothub/twin/GET/?$rid={rid}
//   TwinReportedPatch  $iothub/twin/PATCH/properties/reported/?$rid={rid}
//   TwinResponse       $iothub/twin/res/{status}/?$rid={rid}[&$version={v}]
//   TwinDesiredPatch   $iothub/twin/PATCH/properties/desired/?$version={v}
//   MethodRequest      $iothub/methods/POST/{method}/?$rid={rid}
//   MethodResponse     $iothub/methods/res/{status}/?$rid={rid}
class IotHubTopic
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::IotHubTopic)

public:
    enum class Kind {
        Telemetry,
        CloudToDevice,
        TwinGet,
        TwinReportedPatch,
        TwinResponse,
        TwinDesiredPatch,
        MethodRequest,
        MethodResponse,
    };

    static constexpr char RequestIdKey[] = "$rid";
    static constexpr char VersionKey[] = "$version";

    // Builders. `properties` is encoded with MessagePropertyBag::toString().
    static QString telemetry(const QString &deviceId, const MessagePropertyBag &properties = {},
                             const QString &moduleId = {});
    static QString cloudToDevice(const QString &deviceId, const MessagePropertyBag &properties = {});
    static QString twinGet(const QString &requestId);
    static QString twinReportedPatch(const QString &requestId);
    static QString twinResponse(int status, const QString &requestId, std::optional<qint64> version = {});
    static QString twinDesiredPatch(qint64 version);
    static QString methodRequest(const QString &methodName, const QString &requestId);
    static QString methodResponse(int status, const QString &requestId);

    // Parses any of the topics above; everything else is an InvalidInput error that says what is wrong.
    // Accepts the SDK variants: `%24.` for `$.`, lower-case hex, a trailing '/' after a property bag,
    // `devices/{id}/messages/events` without the final '/'.
    static Result<IotHubTopic> parse(QStringView topic);

    // The topic again, in the canonical form the builders produce.
    QString toString() const;

    Kind kind() const { return m_kind; }
    QString deviceId() const { return m_deviceId; } // Telemetry, CloudToDevice
    QString moduleId() const { return m_moduleId; } // Telemetry of a module
    const MessagePropertyBag &properties() const { return m_properties; } // bag or query (incl. $rid/$version)
    QString requestId() const { return m_requestId; } // $rid, empty if absent
    std::optional<qint64> version() const { return m_version; } // $version
    int status() const { return m_status; } // TwinResponse, MethodResponse
    QString methodName() const { return m_methodName; } // MethodRequest

    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::Telemetry;
    QString m_deviceId;
    QString m_moduleId;
    MessagePropertyBag m_properties;
    QString m_requestId;
    std::optional<qint64> m_version;
    int m_status = 0;
    QString m_methodName;
};

} // namespace TwinBridge
