#include "services/iothub/DeviceStatistics.h"

#include "services/protocol/JsonFieldReader.h"

#include <QCoreApplication>

namespace TwinBridge {

namespace {

constexpr QLatin1String TotalKey("totalDeviceCount");
constexpr QLatin1String EnabledKey("enabledDeviceCount");
constexpr QLatin1String DisabledKey("disabledDeviceCount");

} // namespace

QJsonObject DeviceStatistics::toJson() const
{
    return QJsonObject {
        {TotalKey, totalDeviceCount}, {EnabledKey, enabledDeviceCount}, {DisabledKey, disabledDeviceCount}};
}

Result<DeviceStatistics> DeviceStatistics::fromJson(const QJsonObject &object)
{
    JsonFieldReader reader(object,
                           {.errorCode = QStringLiteral("InvalidJsonField"),
                            .errorContext = QCoreApplication::translate("TwinBridge::DeviceStatistics",
                                                                        "The registry statistics are not valid.")});
    DeviceStatistics statistics;
    statistics.totalDeviceCount = reader.integer(TotalKey);
    statistics.enabledDeviceCount = reader.integer(EnabledKey);
    statistics.disabledDeviceCount = reader.integer(DisabledKey);
    if (reader.ok()) {
        for (const QLatin1String key : {TotalKey, EnabledKey, DisabledKey}) {
            if (reader.integer(key) < 0) {
                reader.fail(reader.memberPath(key),
                            QCoreApplication::translate("TwinBridge::DeviceStatistics", "must be zero or more."));
                break;
            }
        }
    }
    if (!reader.ok())
        return reader.error();
    return statistics;
}

} // namespace TwinBridge
