#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace TwinBridge {

// The answer to a bulk registry request, POST /devices (swagger "BulkRegistryOperationResult"). IoT Hub
// sends it with 200, and with 400 when some entries failed. See reference/azure-protocols.md §3.5.
struct BulkImportResult
{
    struct DeviceError
    {
        QString deviceId;
        QString moduleId;
        QString errorCode; // e.g. "DeviceAlreadyExists" (a numeric code is kept as its digits)
        QString errorStatus; // the service's explanation
        QString operation;

        bool operator==(const DeviceError &other) const = default;
    };
    struct DeviceWarning
    {
        QString deviceId;
        QString warningCode; // e.g. "DeviceRegisteredWithoutTwin"
        QString warningStatus;

        bool operator==(const DeviceWarning &other) const = default;
    };

    bool isSuccessful = false;
    QList<DeviceError> errors;
    QList<DeviceWarning> warnings;

    // The error for `deviceId`, if any.
    const DeviceError *errorFor(const QString &deviceId) const;
    QStringList failedDeviceIds() const;

    QJsonObject toJson() const;
    static Result<BulkImportResult> fromJson(const QJsonObject &object);
    // True if `object` looks like a bulk result (has "isSuccessful"), as opposed to an error envelope.
    static bool looksLikeResult(const QJsonObject &object);

    bool operator==(const BulkImportResult &other) const = default;

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::BulkImportResult)
};

} // namespace TwinBridge
