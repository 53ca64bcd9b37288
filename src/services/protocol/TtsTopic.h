#pragma once

#include "services/core/Result.h"
#include "services/protocol/TtsMessageType.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace TwinBridge {

// A TTS Application Server MQTT topic (reference/tts-integration.md §3.2):
//   v3/{app}@{tenant}/devices/{device}/{up|up/normalized|join|down/queued|down/sent|down/ack|down/nack|
//        down/failed|down/invalidated|location/solved|service/data|down/push|down/replace}
// The Open Source edition has no tenant: `v3/{app}/devices/{device}/…`.
// Application, tenant and device ids follow TTS's id rule ^[a-z0-9](?:[-]?[a-z0-9]){2,}$, at most 36 characters.
class TtsTopic
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TtsTopic)

public:
    enum class Kind {
        Uplink, // up
        UplinkNormalized, // up/normalized
        JoinAccept, // join
        DownlinkQueued, // down/queued
        DownlinkSent, // down/sent
        DownlinkAck, // down/ack
        DownlinkNack, // down/nack
        DownlinkFailed, // down/failed
        DownlinkQueueInvalidated, // down/invalidated
        LocationSolved, // location/solved
        ServiceData, // service/data
        DownlinkPush, // down/push (we publish)
        DownlinkReplace, // down/replace (we publish)
    };

    static constexpr int MaxIdLength = 36;

    QString applicationId;
    QString tenantId; // empty on The Things Stack Open Source
    QString deviceId;
    Kind kind = Kind::Uplink;

    // Parses a topic; InvalidInput errors name the part that is wrong.
    static Result<TtsTopic> parse(QStringView topic);
    static QString build(const QString &applicationId, const QString &tenantId, const QString &deviceId, Kind kind);
    QString toString() const;

    // "app@tenant", or "app" without a tenant: the MQTT user name and the second topic level.
    QString uid() const;
    static QString uid(const QString &applicationId, const QString &tenantId);
    // v3/{uid}/devices/+/# — every upstream message of the application.
    static QString applicationFilter(const QString &applicationId, const QString &tenantId);

    // "up", "down/push", … and back.
    static QString suffix(Kind kind);
    static std::optional<Kind> kindFromSuffix(QStringView suffix);

    // The filterable message type of an upstream topic; nullopt for up/normalized, down/push, down/replace.
    static std::optional<TtsMessageType> messageType(Kind kind);
    static Kind kindFor(TtsMessageType type);

    static bool isValidId(QStringView id);

    bool operator==(const TtsTopic &other) const = default;
};

} // namespace TwinBridge
