#pragma once

#include "services/core/Result.h"
#include "services/protocol/TtsDownlink.h"
#include "services/protocol/TtsMessageType.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// A parsed view of one TTS ApplicationUp JSON object (reference/tts-integration.md §3.4), the body of every
// upstream MQTT message. The raw object is kept unchanged — it is forwarded to IoT Hub as the D2C body —
// and the members the engine needs are exposed typed. Exactly one message member must be present.
//
// TTS omits empty, zero and false members, so absent numbers are 0, absent strings empty and absent
// objects empty. Members of the wrong JSON type, bad base64, a missing end_device_ids.device_id and zero or
// several message members are InvalidInput errors (code "InvalidApplicationUp") whose message names the
// JSON path (e.g. "uplink_message.f_port") and whose payload() is {"path": "<that path>"}.
class ApplicationUp
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::ApplicationUp)

public:
    struct EndDeviceIds
    {
        QString deviceId;
        QString applicationId;
        QString devEui; // upper-case hex as TTS writes it; empty if absent
        QString joinEui;
        QString devAddr;
    };

    struct Location
    {
        double latitude = 0;
        double longitude = 0;
        double altitude = 0;
        double accuracy = 0;
        QString source; // "SOURCE_REGISTRY", "SOURCE_GPS", …
        QJsonObject toJson() const; // the same member names as TTS
    };

    struct Uplink
    {
        int fPort = 0;
        qint64 fCnt = 0;
        QByteArray frmPayload; // raw bytes
        std::optional<QJsonObject> decodedPayload; // absent when there is no formatter
        QJsonArray rxMetadata;
        QJsonObject settings;
        QString receivedAtText; // RFC 3339 with nanoseconds, as sent
        QDateTime receivedAt; // the same, to the millisecond; invalid if absent
        QMap<QString, Location> locations; // "user", "frm-payload", …
        QJsonObject versionIds; // brand_id, model_id, hardware_version, firmware_version, band_id
        QString sessionKeyId;
        bool confirmed = false;
        QString consumedAirtime; // protobuf Duration text, e.g. "0.056576s"
    };

    struct JoinAccept
    {
        QString sessionKeyId;
        QString receivedAtText;
        QDateTime receivedAt;
        QJsonArray invalidatedDownlinks;
        bool pendingSession = false;
    };

    struct Error
    {
        QString ns; // "namespace", e.g. "pkg/networkserver"
        QString name; // "application_downlink_too_long"
        QString messageFormat; // "application downlink payload is too long"
        QString correlationId;
        int code = 0; // gRPC code
        QJsonObject attributes;
    };

    struct DownlinkFailed
    {
        TtsDownlink downlink;
        Error error;
    };

    struct DownlinkQueueInvalidated
    {
        QList<TtsDownlink> downlinks;
        qint64 lastFCntDown = 0;
        QString sessionKeyId;
    };

    struct LocationSolved
    {
        QString service;
        Location location;
        QJsonObject attributes;
    };

    struct ServiceData
    {
        QString service;
        QJsonObject data;
    };

    static Result<ApplicationUp> fromJson(const QJsonObject &object);
    // Parses the MQTT payload; not JSON or not an object is an InvalidInput error too.
    static Result<ApplicationUp> fromJson(const QByteArray &json);

    const QJsonObject &raw() const { return m_raw; }
    TtsMessageType type() const { return m_type; }

    const EndDeviceIds &endDeviceIds() const { return m_ids; }
    QString deviceId() const { return m_ids.deviceId; }
    const QStringList &correlationIds() const { return m_correlationIds; }
    QString receivedAtText() const { return m_receivedAtText; }
    QDateTime receivedAt() const { return m_receivedAt; }
    bool simulated() const { return m_simulated; }

    // The member for type(); the others are empty.
    const Uplink &uplink() const { return m_uplink; }
    const JoinAccept &joinAccept() const { return m_joinAccept; }
    // downlink_ack / nack / sent / queued carry a downlink; downlink_failed's is in downlinkFailed().downlink.
    const TtsDownlink &downlink() const { return m_downlink; }
    const DownlinkFailed &downlinkFailed() const { return m_downlinkFailed; }
    const DownlinkQueueInvalidated &downlinkQueueInvalidated() const { return m_downlinkQueueInvalidated; }
    const LocationSolved &locationSolved() const { return m_locationSolved; }
    const ServiceData &serviceData() const { return m_serviceData; }

private:
    QJsonObject m_raw;
    TtsMessageType m_type = TtsMessageType::Uplink;
    EndDeviceIds m_ids;
    QStringList m_correlationIds;
    QString m_receivedAtText;
    QDateTime m_receivedAt;
    bool m_simulated = false;
    Uplink m_uplink;
    JoinAccept m_joinAccept;
    TtsDownlink m_downlink;
    DownlinkFailed m_downlinkFailed;
    DownlinkQueueInvalidated m_downlinkQueueInvalidated;
    LocationSolved m_locationSolved;
    ServiceData m_serviceData;
};

} // namespace TwinBridge
