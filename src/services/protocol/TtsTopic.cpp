#include "services/protocol/TtsTopic.h"

namespace TwinBridge {

namespace {

ServiceError malformed(QStringView topic, const QString &why)
{
    return ServiceError::invalidInput(
        TtsTopic::tr("The MQTT topic \"%1\" is not a The Things Stack application topic: %2")
            .arg(topic.left(160).toString(), why),
        QStringLiteral("InvalidTtsTopic"));
}

struct KindInfo
{
    TtsTopic::Kind kind;
    const char *suffix;
};

constexpr KindInfo kindInfos[] = {
    {TtsTopic::Kind::Uplink, "up"},
    {TtsTopic::Kind::UplinkNormalized, "up/normalized"},
    {TtsTopic::Kind::JoinAccept, "join"},
    {TtsTopic::Kind::DownlinkQueued, "down/queued"},
    {TtsTopic::Kind::DownlinkSent, "down/sent"},
    {TtsTopic::Kind::DownlinkAck, "down/ack"},
    {TtsTopic::Kind::DownlinkNack, "down/nack"},
    {TtsTopic::Kind::DownlinkFailed, "down/failed"},
    {TtsTopic::Kind::DownlinkQueueInvalidated, "down/invalidated"},
    {TtsTopic::Kind::LocationSolved, "location/solved"},
    {TtsTopic::Kind::ServiceData, "service/data"},
    {TtsTopic::Kind::DownlinkPush, "down/push"},
    {TtsTopic::Kind::DownlinkReplace, "down/replace"},
};

bool isIdCharacter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

} // namespace

bool TtsTopic::isValidId(QStringView id)
{
    // ^[a-z0-9](?:[-]?[a-z0-9]){2,}$: at least three letters/digits, single '-' only between them.
    if (id.size() < 3 || id.size() > MaxIdLength)
        return false;
    if (!isIdCharacter(id.front()) || !isIdCharacter(id.back()))
        return false;
    for (qsizetype i = 1; i < id.size(); ++i) {
        const QChar c = id.at(i);
        if (c == QLatin1Char('-')) {
            if (id.at(i - 1) == QLatin1Char('-'))
                return false;
        } else if (!isIdCharacter(c)) {
            return false;
        }
    }
    return id.count(QLatin1Char('-')) + 3 <= id.size();
}

QString TtsTopic::uid(const QString &applicationId, const QString &tenantId)
{
    return tenantId.isEmpty() ? applicationId : applicationId + QLatin1Char('@') + tenantId;
}

QString TtsTopic::uid() const
{
    return uid(applicationId, tenantId);
}

QString TtsTopic::applicationFilter(const QString &applicationId, const QString &tenantId)
{
    return QStringLiteral("v3/") + uid(applicationId, tenantId) + QStringLiteral("/devices/+/#");
}

QString TtsTopic::suffix(Kind kind)
{
    for (const KindInfo &info : kindInfos) {
        if (info.kind == kind)
            return QString::fromLatin1(info.suffix);
    }
    return {};
}

std::optional<TtsTopic::Kind> TtsTopic::kindFromSuffix(QStringView suffix)
{
    for (const KindInfo &info : kindInfos) {
        if (suffix == QLatin1String(info.suffix))
            return info.kind;
    }
    return std::nullopt;
}

QString TtsTopic::build(const QString &applicationId, const QString &tenantId, const QString &deviceId, Kind kind)
{
    return QStringLiteral("v3/") + uid(applicationId, tenantId) + QStringLiteral("/devices/") + deviceId +
        QLatin1Char('/') + suffix(kind);
}

QString TtsTopic::toString() const
{
    return build(applicationId, tenantId, deviceId, kind);
}

Result<TtsTopic> TtsTopic::parse(QStringView topic)
{
    const QList<QStringView> parts = topic.split(QLatin1Char('/'));
    if (parts.size() < 5 || parts.size() > 6 || parts.at(0) != QLatin1String("v3") ||
        parts.at(2) != QLatin1String("devices")) {
        return malformed(topic, tr("it must have the form v3/{application}@{tenant}/devices/{device}/{event}."));
    }
    TtsTopic result;
    const QStringView uid = parts.at(1);
    const qsizetype at = uid.indexOf(QLatin1Char('@'));
    const QStringView application = at < 0 ? uid : uid.left(at);
    if (!isValidId(application)) {
        return malformed(topic,
                         tr("\"%1\" is not a valid application id (3–36 lower-case letters, digits and "
                            "single dashes).")
                             .arg(application.left(40).toString()));
    }
    result.applicationId = application.toString();
    if (at >= 0) {
        const QStringView tenant = uid.mid(at + 1);
        if (!isValidId(tenant)) {
            return malformed(topic,
                             tr("\"%1\" is not a valid tenant id (3–36 lower-case letters, digits and "
                                "single dashes).")
                                 .arg(tenant.left(40).toString()));
        }
        result.tenantId = tenant.toString();
    }
    const QStringView device = parts.at(3);
    if (!isValidId(device)) {
        return malformed(topic,
                         tr("\"%1\" is not a valid device id (3–36 lower-case letters, digits and "
                            "single dashes).")
                             .arg(device.left(40).toString()));
    }
    result.deviceId = device.toString();
    const qsizetype suffixStart =
        topic.size() - (parts.size() == 6 ? parts.at(4).size() + 1 + parts.at(5).size() : parts.at(4).size());
    const auto kind = kindFromSuffix(topic.mid(suffixStart));
    if (!kind) {
        return malformed(topic,
                         tr("\"%1\" is not an event TTS publishes or accepts (up, join, down/…, "
                            "location/solved, service/data).")
                             .arg(topic.mid(suffixStart).left(40).toString()));
    }
    result.kind = *kind;
    return result;
}

std::optional<TtsMessageType> TtsTopic::messageType(Kind kind)
{
    switch (kind) {
    case Kind::Uplink:
        return TtsMessageType::Uplink;
    case Kind::JoinAccept:
        return TtsMessageType::JoinAccept;
    case Kind::DownlinkQueued:
        return TtsMessageType::DownlinkQueued;
    case Kind::DownlinkSent:
        return TtsMessageType::DownlinkSent;
    case Kind::DownlinkAck:
        return TtsMessageType::DownlinkAck;
    case Kind::DownlinkNack:
        return TtsMessageType::DownlinkNack;
    case Kind::DownlinkFailed:
        return TtsMessageType::DownlinkFailed;
    case Kind::DownlinkQueueInvalidated:
        return TtsMessageType::DownlinkQueueInvalidated;
    case Kind::LocationSolved:
        return TtsMessageType::LocationSolved;
    case Kind::ServiceData:
        return TtsMessageType::ServiceData;
    case Kind::UplinkNormalized:
    case Kind::DownlinkPush:
    case Kind::DownlinkReplace:
        return std::nullopt;
    }
    return std::nullopt;
}

TtsTopic::Kind TtsTopic::kindFor(TtsMessageType type)
{
    switch (type) {
    case TtsMessageType::Uplink:
        return Kind::Uplink;
    case TtsMessageType::JoinAccept:
        return Kind::JoinAccept;
    case TtsMessageType::DownlinkAck:
        return Kind::DownlinkAck;
    case TtsMessageType::DownlinkNack:
        return Kind::DownlinkNack;
    case TtsMessageType::DownlinkSent:
        return Kind::DownlinkSent;
    case TtsMessageType::DownlinkFailed:
        return Kind::DownlinkFailed;
    case TtsMessageType::DownlinkQueued:
        return Kind::DownlinkQueued;
    case TtsMessageType::DownlinkQueueInvalidated:
        return Kind::DownlinkQueueInvalidated;
    case TtsMessageType::LocationSolved:
        return Kind::LocationSolved;
    case TtsMessageType::ServiceData:
        return Kind::ServiceData;
    }
    return Kind::Uplink;
}

} // namespace TwinBridge
