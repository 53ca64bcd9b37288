#pragma once

#include "services/core/Result.h"
#include "services/protocol/TwinRules.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace TwinBridge::Sandbox {

// The stored twin of one device as IoT Hub keeps it (reference/azure-protocols.md §3.3, §4.2):
// tags, desired and reported properties, a "$metadata" tree per properties section with "$lastUpdated" at
// every object level and leaf (desired also "$lastUpdatedVersion"), a "$version" per section, the twin
// "version" (tags and desired changes) and an etag that changes with every change.
//
// Every change validates against TwinRules first and changes nothing when it fails (InvalidInput, code
// "InvalidTwin", the message starting with the JSON path).
class TwinState
{
public:
    // "$lastUpdated" of a section that was never written (IoT Hub's DateTime.MinValue).
    static QString neverUpdated();
    // ISO 8601 UTC with seven fractional digits, as IoT Hub writes its timestamps.
    static QString timestampText(const QDateTime &time);

    QJsonObject tags() const { return m_tags; }
    QJsonObject desired() const { return m_desired; } // values only
    QJsonObject reported() const { return m_reported; }
    QJsonObject desiredMetadata() const { return m_desiredMetadata; }
    QJsonObject reportedMetadata() const { return m_reportedMetadata; }
    qint64 desiredVersion() const { return m_desiredVersion; }
    qint64 reportedVersion() const { return m_reportedVersion; }
    qint64 version() const { return m_version; }
    quint64 etagCounter() const { return m_etagCounter; }
    // Base64 of the 8-byte big-endian change counter, like IoT Hub's "AAAAAAAAAAc=".
    QString etag() const;

    // The sections as GET /twins returns them: values, "$metadata" and "$version".
    QJsonObject desiredSection() const;
    QJsonObject reportedSection() const;
    // The sections as MQTT twin GET returns them: values and "$version", no metadata (§1.8).
    QJsonObject desiredForDevice() const;
    QJsonObject reportedForDevice() const;

    // Service PATCH: merge-patch tags and/or desired. An empty or absent patch leaves its section alone.
    // Returns false (and changes nothing) when there was nothing to apply.
    Result<bool> patch(const std::optional<QJsonObject> &tagsPatch, const std::optional<QJsonObject> &desiredPatch,
                       const QDateTime &now);
    // Service PUT: replace tags and desired (absent parts become empty).
    Status replace(const QJsonObject &tags, const QJsonObject &desired, const QDateTime &now);
    // Bulk import: overwrite the sections given (reported included).
    Status overwrite(const std::optional<QJsonObject> &tags, const std::optional<QJsonObject> &desired,
                     const std::optional<QJsonObject> &reported, const QDateTime &now);
    // Device side: merge-patch reported properties; bumps the reported $version.
    Status patchReported(const QJsonObject &patch, const QDateTime &now);

    // For change notifications: the metadata entries along the members of `patch` (plus the root's
    // "$lastUpdated"/"$lastUpdatedVersion"), taken from `metadata`.
    static QJsonObject metadataFor(const QJsonObject &patch, const QJsonObject &metadata);
    // Removes "$metadata" and "$version" from the top of a section a client sent.
    static QJsonObject withoutSystemMembers(QJsonObject section);

    // Persistence.
    QJsonObject toState() const;
    static Result<TwinState> fromState(const QJsonObject &state);

    bool operator==(const TwinState &other) const = default;

private:
    struct Stamp
    {
        QString time;
        qint64 version = 0; // 0: no "$lastUpdatedVersion" (reported metadata)
    };
    static QJsonObject stamped(const QJsonObject &metadata, const Stamp &stamp);
    static QJsonObject metadataTree(const QJsonValue &value, const Stamp &stamp);
    static void mergeWithMetadata(QJsonObject &document, QJsonObject &metadata, const QJsonObject &patch,
                                  const Stamp &stamp);
    static Status validate(TwinRules::Section section, const QJsonObject &document);
    void changed() { ++m_etagCounter; }

    QJsonObject m_tags;
    QJsonObject m_desired;
    QJsonObject m_reported;
    QJsonObject m_desiredMetadata {{QStringLiteral("$lastUpdated"), neverUpdated()}};
    QJsonObject m_reportedMetadata {{QStringLiteral("$lastUpdated"), neverUpdated()}};
    qint64 m_desiredVersion = 1;
    qint64 m_reportedVersion = 1;
    qint64 m_version = 1;
    quint64 m_etagCounter = 1;
};

} // namespace TwinBridge::Sandbox
