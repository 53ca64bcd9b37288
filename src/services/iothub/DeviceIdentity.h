#pragma once

#include "services/core/Result.h"
#include "services/iothub/DeviceAuthentication.h"
#include "services/protocol/IotHubNames.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

class JsonFieldReader;

// A device identity in IoT Hub's identity registry (swagger "Device"), as GET/PUT /devices/{id} carry it.
// See reference/azure-protocols.md §3.2 and §1.11.
struct DeviceIdentity
{
    enum class Status { Enabled, Disabled };
    enum class ConnectionState { Unknown, Disconnected, Connected };

    QString deviceId;
    QString generationId;
    QString etag;
    Status status = Status::Enabled;
    QString statusReason;
    ConnectionState connectionState = ConnectionState::Unknown;
    QDateTime connectionStateUpdatedTime;
    QDateTime statusUpdatedTime;
    QDateTime lastActivityTime;
    qint64 cloudToDeviceMessageCount = 0;
    DeviceAuthentication authentication;
    bool iotEdge = false;
    QString deviceScope;
    QStringList parentScopes;

    static constexpr int MaxDeviceIdLength = IotHubNames::MaxDeviceIdLength;

    static QString statusName(Status status);
    static std::optional<Status> parseStatus(const QString &name); // case-insensitive
    static QString connectionStateName(ConnectionState state);
    static ConnectionState parseConnectionState(const QString &name); // case-insensitive, unknown → Unknown

    // The members identities, twins and bulk entries (DeviceTwin, ImportDevice) share, read and written one way.
    // capabilities.iotEdge (nothing when absent), deviceScope and parentScopes.
    struct EdgeScope
    {
        std::optional<bool> iotEdge;
        QString deviceScope;
        QStringList parentScopes;
    };
    static EdgeScope readEdgeScope(JsonFieldReader &reader);
    // capabilities only when iotEdge is set; deviceScope and parentScopes only when not empty.
    static void writeEdgeScope(QJsonObject &object, const EdgeScope &scope);
    // The "status" member: nothing when absent; a name other than "enabled"/"disabled" is an error in `reader`.
    static std::optional<Status> readStatus(JsonFieldReader &reader);

    // IoT Hub's rule for device ids (IotHubNames::checkDeviceId): 1–128 ASCII letters, digits and
    // - : . + % _ # * ? ! ( ) , = @ ; $ '
    static TwinBridge::Status validateDeviceId(const QString &deviceId);

    // Every known field; empty strings, invalid times and the Unknown connection state are left out.
    QJsonObject toJson() const;
    // Tolerates missing optional fields; a field of the wrong type is an InvalidInput error naming it.
    static Result<DeviceIdentity> fromJson(const QJsonObject &object);

    bool operator==(const DeviceIdentity &other) const = default;

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::DeviceIdentity)
};

} // namespace TwinBridge
