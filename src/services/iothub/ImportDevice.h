#pragma once

#include "services/core/Result.h"
#include "services/iothub/DeviceAuthentication.h"
#include "services/iothub/DeviceIdentity.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// One entry of a bulk registry request, POST /devices (swagger "ExportImportDevice"): the device id goes in
// "id" and "importMode" says what to do with it. See reference/azure-protocols.md §3.5.
struct ImportDevice
{
    enum class Mode {
        Create,
        Update,
        UpdateIfMatchETag,
        Delete,
        DeleteIfMatchETag,
        UpdateTwin,
        UpdateTwinIfMatchETag,
        CreateOrUpdate,
        CreateOrUpdateIfMatchETag,
    };

    QString id;
    QString moduleId;
    Mode importMode = Mode::Create;
    std::optional<DeviceIdentity::Status> status;
    QString statusReason;
    std::optional<DeviceAuthentication> authentication; // absent: sas with keys the hub generates
    QString eTag; // for the *IfMatchETag modes
    QString twinETag; // for updateTwinIfMatchETag
    std::optional<QJsonObject> tags;
    std::optional<QJsonObject> desired;
    std::optional<QJsonObject> reported;
    std::optional<bool> iotEdge;
    QString deviceScope;
    QStringList parentScopes;

    static QString modeName(Mode mode);
    static std::optional<Mode> parseMode(const QString &name); // case-insensitive
    // True for modes that need an etag ("…IfMatchETag").
    static bool modeNeedsEtag(Mode mode);

    // An entry that creates (or updates, per `mode`) `device`, copying its status, keys and capabilities.
    static ImportDevice fromIdentity(const DeviceIdentity &device, Mode mode);
    static ImportDevice deletion(const QString &deviceId, const QString &etag = {});

    QJsonObject toJson() const;
    static Result<ImportDevice> fromJson(const QJsonObject &object);

    bool operator==(const ImportDevice &other) const = default;

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::ImportDevice)
};

} // namespace TwinBridge
