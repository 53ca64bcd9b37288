#include "services/iothub/BulkImportResult.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"

#include <QJsonArray>
#include <QStringList>

namespace TwinBridge {

namespace {

constexpr QLatin1String IsSuccessfulKey("isSuccessful");
constexpr QLatin1String ErrorsKey("errors");
constexpr QLatin1String WarningsKey("warnings");
constexpr QLatin1String DeviceIdKey("deviceId");
constexpr QLatin1String ModuleIdKey("moduleId");
constexpr QLatin1String ErrorCodeKey("errorCode");
constexpr QLatin1String ErrorStatusKey("errorStatus");
constexpr QLatin1String OperationKey("operation");
constexpr QLatin1String WarningCodeKey("warningCode");
constexpr QLatin1String WarningStatusKey("warningStatus");

} // namespace

const BulkImportResult::DeviceError *BulkImportResult::errorFor(const QString &deviceId) const
{
    for (const DeviceError &error : errors) {
        if (error.deviceId == deviceId)
            return &error;
    }
    return nullptr;
}

QStringList BulkImportResult::failedDeviceIds() const
{
    QStringList ids;
    for (const DeviceError &error : errors)
        ids.append(error.deviceId);
    return ids;
}

QJsonObject BulkImportResult::toJson() const
{
    QJsonArray errorArray;
    for (const DeviceError &error : errors) {
        QJsonObject item{{DeviceIdKey, error.deviceId}};
        JsonFieldWriter::insertIfSet(item, ModuleIdKey, error.moduleId);
        JsonFieldWriter::insertIfSet(item, ErrorCodeKey, error.errorCode);
        JsonFieldWriter::insertIfSet(item, ErrorStatusKey, error.errorStatus);
        JsonFieldWriter::insertIfSet(item, OperationKey, error.operation);
        errorArray.append(item);
    }
    QJsonArray warningArray;
    for (const DeviceWarning &warning : warnings) {
        QJsonObject item{{DeviceIdKey, warning.deviceId}};
        JsonFieldWriter::insertIfSet(item, WarningCodeKey, warning.warningCode);
        JsonFieldWriter::insertIfSet(item, WarningStatusKey, warning.warningStatus);
        warningArray.append(item);
    }
    return QJsonObject{{IsSuccessfulKey, isSuccessful}, {ErrorsKey, errorArray}, {WarningsKey, warningArray}};
}

bool BulkImportResult::looksLikeResult(const QJsonObject &object)
{
    return object.contains(IsSuccessfulKey);
}

Result<BulkImportResult> BulkImportResult::fromJson(const QJsonObject &object)
{
    JsonFieldReader reader(object,
                           {.errorCode = QStringLiteral("InvalidJsonField"),
                            .errorContext = tr("The bulk registry result is not valid.")});
    BulkImportResult result;
    result.isSuccessful = reader.boolean(IsSuccessfulKey);
    const QList<JsonFieldReader> errorItems = reader.objectList(ErrorsKey);
    for (JsonFieldReader item : errorItems) {
        DeviceError error;
        error.deviceId = item.string(DeviceIdKey);
        error.moduleId = item.string(ModuleIdKey);
        error.errorCode = item.stringOrNumber(ErrorCodeKey);
        error.errorStatus = item.string(ErrorStatusKey);
        error.operation = item.string(OperationKey);
        result.errors.append(error);
    }
    const QList<JsonFieldReader> warningItems = reader.objectList(WarningsKey);
    for (JsonFieldReader item : warningItems) {
        DeviceWarning warning;
        warning.deviceId = item.string(DeviceIdKey);
        warning.warningCode = item.stringOrNumber(WarningCodeKey);
        warning.warningStatus = item.string(WarningStatusKey);
        result.warnings.append(warning);
    }
    if (!reader.ok())
        return reader.error();
    return result;
}

} // namespace TwinBridge
