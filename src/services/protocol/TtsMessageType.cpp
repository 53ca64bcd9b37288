#include "services/protocol/TtsMessageType.h"

#include <QCoreApplication>

namespace TwinBridge {

namespace {

struct TypeInfo
{
    TtsMessageType type;
    const char *name;
    const char *jsonField;
    const char *displayName;
};

constexpr TypeInfo typeInfos[] = {
    {TtsMessageType::Uplink, "uplink", "uplink_message",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Uplink message")},
    {TtsMessageType::JoinAccept, "joinAccept", "join_accept",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Join accept")},
    {TtsMessageType::DownlinkAck, "downlinkAck", "downlink_ack",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Downlink ack")},
    {TtsMessageType::DownlinkNack, "downlinkNack", "downlink_nack",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Downlink nack")},
    {TtsMessageType::DownlinkSent, "downlinkSent", "downlink_sent",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Downlink sent")},
    {TtsMessageType::DownlinkFailed, "downlinkFailed", "downlink_failed",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Downlink failed")},
    {TtsMessageType::DownlinkQueued, "downlinkQueued", "downlink_queued",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Downlink queued")},
    {TtsMessageType::DownlinkQueueInvalidated, "downlinkQueueInvalidated", "downlink_queue_invalidated",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Downlink queue invalidated")},
    {TtsMessageType::LocationSolved, "locationSolved", "location_solved",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Location solved")},
    {TtsMessageType::ServiceData, "serviceData", "service_data",
     QT_TRANSLATE_NOOP("TwinBridge::TtsMessageType", "Service data")},
};

const TypeInfo *infoFor(TtsMessageType type)
{
    for (const TypeInfo &info : typeInfos) {
        if (info.type == type)
            return &info;
    }
    return nullptr;
}

} // namespace

const QList<TtsMessageType> &allTtsMessageTypes()
{
    static const QList<TtsMessageType> types = [] {
        QList<TtsMessageType> list;
        for (const TypeInfo &info : typeInfos)
            list.append(info.type);
        return list;
    }();
    return types;
}

TtsMessageTypes allTtsMessageTypeFlags()
{
    TtsMessageTypes flags;
    for (const TypeInfo &info : typeInfos)
        flags |= info.type;
    return flags;
}

QString ttsMessageTypeName(TtsMessageType type)
{
    const TypeInfo *info = infoFor(type);
    return info ? QString::fromLatin1(info->name) : QString();
}

std::optional<TtsMessageType> ttsMessageTypeFromName(QStringView name)
{
    for (const TypeInfo &info : typeInfos) {
        if (name == QLatin1String(info.name))
            return info.type;
    }
    return std::nullopt;
}

QString ttsMessageTypeJsonField(TtsMessageType type)
{
    const TypeInfo *info = infoFor(type);
    return info ? QString::fromLatin1(info->jsonField) : QString();
}

std::optional<TtsMessageType> ttsMessageTypeFromJsonField(QStringView field)
{
    for (const TypeInfo &info : typeInfos) {
        if (field == QLatin1String(info.jsonField))
            return info.type;
    }
    return std::nullopt;
}

QString ttsMessageTypeDisplayName(TtsMessageType type)
{
    const TypeInfo *info = infoFor(type);
    return info ? QCoreApplication::translate("TwinBridge::TtsMessageType", info->displayName) : QString();
}

QStringList ttsMessageTypeNames(TtsMessageTypes types)
{
    QStringList names;
    for (const TypeInfo &info : typeInfos) {
        if (types.testFlag(info.type))
            names.append(QString::fromLatin1(info.name));
    }
    return names;
}

TtsMessageTypes ttsMessageTypesFromNames(const QStringList &names, QStringList *unknown)
{
    TtsMessageTypes types;
    for (const QString &name : names) {
        if (const auto type = ttsMessageTypeFromName(name))
            types |= *type;
        else if (unknown)
            unknown->append(name);
    }
    return types;
}

} // namespace TwinBridge
