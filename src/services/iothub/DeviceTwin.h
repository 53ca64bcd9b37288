#pragma once

#include "services/core/Result.h"
#include "services/iothub/DeviceAuthentication.h"
#include "services/iothub/DeviceIdentity.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// A device twin (swagger "Twin") as GET/PATCH/PUT /twins/{id} and queries return it. `desired` and
// `reported` are kept exactly as received, including "$metadata" and "$version". See
// reference/azure-protocols.md §3.3 and §1.11.
struct DeviceTwin
{
    QString deviceId;
    QString moduleId;
    QString etag;
    QString deviceEtag;
    qint64 version = 0;
    DeviceIdentity::Status status = DeviceIdentity::Status::Enabled;
    QString statusReason;
    QDateTime statusUpdateTime;
    DeviceIdentity::ConnectionState connectionState = DeviceIdentity::ConnectionState::Unknown;
    QDateTime lastActivityTime;
    qint64 cloudToDeviceMessageCount = 0;
    std::optional<DeviceAuthentication::Type> authenticationType;
    QString primaryThumbprint;
    QString secondaryThumbprint;
    QString modelId;
    QJsonObject tags;
    QJsonObject desired;
    QJsonObject reported;
    bool iotEdge = false;
    QString deviceScope;
    QStringList parentScopes;

    // "$version" of the desired / reported section (0 if absent). Strictly increasing per section.
    qint64 desiredVersion() const;
    qint64 reportedVersion() const;

    // A copy of a properties section without the "$metadata" and "$version" the hub adds.
    static QJsonObject withoutMetadata(const QJsonObject &section);

    // The body of PUT /twins/{id}: deviceId, tags and desired properties (without metadata).
    QJsonObject toReplacementJson() const;
    // The body of PATCH /twins/{id}: only the parts given (null values remove properties).
    static QJsonObject patch(const std::optional<QJsonObject> &tags, const std::optional<QJsonObject> &desired);

    QJsonObject toJson() const;
    static Result<DeviceTwin> fromJson(const QJsonObject &object);

    // "tags" and "properties"."desired"/"reported", each nothing when absent; shared with ImportDevice.
    struct Sections
    {
        std::optional<QJsonObject> tags;
        std::optional<QJsonObject> desired;
        std::optional<QJsonObject> reported;
    };
    static Sections readSections(JsonFieldReader &reader);
    // Only the sections that are set ("properties" when desired or reported is).
    static void writeSections(QJsonObject &object, const Sections &sections);

    bool operator==(const DeviceTwin &other) const = default;

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::DeviceTwin)
};

} // namespace TwinBridge
