#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// A TTS EndDevice (`tts:api/ttn/lorawan/v3/end_device.proto`), the fields TwinBridge reads and writes.
// Each registry (IS, JS, NS, AS) stores its own part; `mergedWith()` combines their answers. Protobuf
// JSON omits empty values, so an empty string / unset optional means "not present in this answer".
//
// root_keys are secrets: never log a TtsEndDevice's JSON and never put a key in an error message;
// `withoutSecrets()` gives a copy safe to keep around or show.
struct TtsEndDevice
{
    struct VersionIds
    {
        QString brandId;
        QString modelId;
        QString hardwareVersion;
        QString firmwareVersion;
        QString bandId;

        bool isEmpty() const;
        bool operator==(const VersionIds &) const = default;
    };

    struct RootKeys
    {
        QString rootKeyId;
        QString appKey; // 32 hex digits
        QString nwkKey; // 32 hex digits, LoRaWAN 1.1 only

        bool isEmpty() const { return rootKeyId.isEmpty() && appKey.isEmpty() && nwkKey.isEmpty(); }
        bool operator==(const RootKeys &) const = default;
    };

    struct Formatters
    {
        QString upFormatter; // FORMATTER_NONE | REPOSITORY | GRPC_SERVICE | JAVASCRIPT | CAYENNELPP
        QString upFormatterParameter;
        QString downFormatter;
        QString downFormatterParameter;

        bool isEmpty() const;
        bool operator==(const Formatters &) const = default;
    };

    // ids
    QString deviceId;
    QString applicationId;
    QString devEui; // 16 hex digits, upper case on the wire
    QString joinEui; // 16 hex digits
    QString devAddr; // 8 hex digits (set once the device joined)

    QString name;
    QString description;
    QMap<QString, QString> attributes;
    VersionIds versionIds;

    QString networkServerAddress;
    QString applicationServerAddress;
    QString joinServerAddress;

    QString lorawanVersion; // as sent/received: "1.0.2" or "MAC_V1_0_2"
    QString lorawanPhyVersion; // "1.0.2-b" or "PHY_V1_0_2_REV_B"
    QString frequencyPlanId;
    std::optional<bool> supportsJoin;
    std::optional<bool> supportsClassB;
    std::optional<bool> supportsClassC;

    RootKeys rootKeys; // secret
    Formatters formatters;

    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastSeenAt;
    QDateTime activatedAt;

    QJsonObject locations; // name → Location {latitude, longitude, altitude, accuracy, source}

    bool operator==(const TtsEndDevice &) const = default;

    static Result<TtsEndDevice> fromJson(const QJsonObject &object);
    // Every field that is set, in TTS's JSON names. Includes root keys.
    QJsonObject toJson() const;
    // Only the given field-mask paths ("name", "version_ids", "root_keys.app_key.key", …), plus `ids`
    // (device_id, dev_eui, join_eui) which request bodies always carry. application_ids is left out:
    // it comes from the URL.
    QJsonObject toJson(const QStringList &paths) const;
    // The field-mask paths of every field that is set (ids and timestamps excluded).
    QStringList fieldPaths() const;

    // This device with the fields `other` has set taken from `other`; ids only fill gaps, created_at
    // keeps the earliest and updated_at the latest, attributes and locations are united.
    TtsEndDevice mergedWith(const TtsEndDevice &other) const;
    // A copy without root keys.
    TtsEndDevice withoutSecrets() const;

    // Checks what creating an OTAA device needs before anything is sent. Errors name the field and never
    // contain a key.
    Status validateForCreate() const;

    // `^[a-z0-9](?:[-]?[a-z0-9]){2,}$`, at most 36 characters (device and application ids).
    static bool isValidId(const QString &id);

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TtsEndDevice)
};

} // namespace TwinBridge
