#pragma once

#include "services/core/Result.h"

#include <QJsonObject>

namespace TwinBridge {

// Counts of the identity registry, GET /statistics/devices (swagger "RegistryStatistics").
struct DeviceStatistics
{
    qint64 totalDeviceCount = 0;
    qint64 enabledDeviceCount = 0;
    qint64 disabledDeviceCount = 0;

    QJsonObject toJson() const;
    static Result<DeviceStatistics> fromJson(const QJsonObject &object);

    bool operator==(const DeviceStatistics &other) const = default;
};

} // namespace TwinBridge
