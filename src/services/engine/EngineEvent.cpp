#include "services/engine/EngineEvent.h"

namespace TwinBridge {

QString EngineEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::UplinkForwarded:
        return QStringLiteral("uplinkForwarded");
    case Kind::Join:
        return QStringLiteral("join");
    case Kind::DownlinkEvent:
        return QStringLiteral("downlinkEvent");
    case Kind::LocationOrServiceData:
        return QStringLiteral("locationOrServiceData");
    case Kind::IdentityCreated:
        return QStringLiteral("identityCreated");
    case Kind::TwinChange:
        return QStringLiteral("twinChange");
    case Kind::DownlinkScheduled:
        return QStringLiteral("downlinkScheduled");
    case Kind::DeviceProvisioned:
        return QStringLiteral("deviceProvisioned");
    case Kind::DeviceDeleted:
        return QStringLiteral("deviceDeleted");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::Lifecycle:
        return QStringLiteral("lifecycle");
    }
    return {};
}

QString EngineEvent::kindDisplayName(Kind kind)
{
    switch (kind) {
    case Kind::UplinkForwarded:
        return tr("Uplink forwarded");
    case Kind::Join:
        return tr("Join");
    case Kind::DownlinkEvent:
        return tr("Downlink event");
    case Kind::LocationOrServiceData:
        return tr("Location or service data");
    case Kind::IdentityCreated:
        return tr("Identity created");
    case Kind::TwinChange:
        return tr("Twin change");
    case Kind::DownlinkScheduled:
        return tr("Downlink scheduled");
    case Kind::DeviceProvisioned:
        return tr("Device provisioned in TTS");
    case Kind::DeviceDeleted:
        return tr("Device deleted in TTS");
    case Kind::Error:
        return tr("Error");
    case Kind::Lifecycle:
        return tr("Engine");
    }
    return {};
}

QJsonObject EngineEvent::toJson() const
{
    QJsonObject json {{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                      {QStringLiteral("kind"), kindName(kind)},
                      {QStringLiteral("summary"), summary}};
    if (!deviceId.isEmpty())
        json.insert(QStringLiteral("deviceId"), deviceId);
    if (!detail.isEmpty())
        json.insert(QStringLiteral("detail"), detail);
    return json;
}

} // namespace TwinBridge
