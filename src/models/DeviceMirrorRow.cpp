#include "models/DeviceMirrorRow.h"

#include "services/iothub/DeviceTwin.h"
#include "services/tts/TtsEndDevice.h"

#include <QJsonObject>

namespace TwinBridge {

namespace {

QString tagText(const QJsonObject &lorawan, QLatin1String key)
{
    return lorawan.value(key).toString().toUpper();
}

} // namespace

DeviceMirrorRow::SyncState DeviceMirrorRow::syncState() const
{
    if (pendingCreation)
        return SyncState::PendingCreation;
    return settledSyncState();
}

DeviceMirrorRow::SyncState DeviceMirrorRow::settledSyncState() const
{
    if (inTts && !inHub)
        return SyncState::OnlyInTts;
    if (inHub && !inTts)
        return SyncState::OnlyInHub;
    if (euisDiffer())
        return SyncState::EuiMismatch;
    if (hubStatus == DeviceIdentity::Status::Disabled)
        return SyncState::DisabledInHub;
    return SyncState::InSync;
}

bool DeviceMirrorRow::euisDiffer() const
{
    if (!inTts || !inHub)
        return false;
    const bool devDiffers = !hubDevEui.isEmpty() && hubDevEui.compare(devEui, Qt::CaseInsensitive) != 0;
    const bool joinDiffers = !hubJoinEui.isEmpty() && hubJoinEui.compare(joinEui, Qt::CaseInsensitive) != 0;
    return devDiffers || joinDiffers;
}

void DeviceMirrorRow::setTtsPart(const TtsEndDevice &device)
{
    if (deviceId.isEmpty())
        deviceId = device.deviceId;
    inTts = true;
    name = device.name;
    devEui = device.devEui.toUpper();
    joinEui = device.joinEui.toUpper();
    ttsLastSeen = device.lastSeenAt;
    updateSearchKey();
}

void DeviceMirrorRow::clearTtsPart()
{
    inTts = false;
    name.clear();
    devEui.clear();
    joinEui.clear();
    ttsLastSeen = {};
    updateSearchKey();
}

void DeviceMirrorRow::setHubPart(const DeviceTwin &twin)
{
    if (deviceId.isEmpty())
        deviceId = twin.deviceId;
    inHub = true;
    hubStatus = twin.status;
    connectionState = twin.connectionState;
    lastActivity = twin.lastActivityTime;
    twinVersion = twin.version;
    const QJsonObject lorawan = twin.tags.value(QLatin1String("lorawan")).toObject();
    // Usually the same EUIs as TTS's: share those strings instead of keeping a second copy per row.
    const QString tagDevEui = tagText(lorawan, QLatin1String("devEui"));
    const QString tagJoinEui = tagText(lorawan, QLatin1String("joinEui"));
    hubDevEui = tagDevEui == devEui ? devEui : tagDevEui;
    hubJoinEui = tagJoinEui == joinEui ? joinEui : tagJoinEui;
    updateSearchKey();
}

void DeviceMirrorRow::clearHubPart()
{
    inHub = false;
    hubStatus = DeviceIdentity::Status::Enabled;
    connectionState = DeviceIdentity::ConnectionState::Unknown;
    lastActivity = {};
    twinVersion = 0;
    hubDevEui.clear();
    hubJoinEui.clear();
    updateSearchKey();
}

void DeviceMirrorRow::updateSearchKey()
{
    // One lower-case string searched with a plain (vectorised) substring search: a keystroke over 100,000 rows
    // then costs one pass, where six case-insensitive comparisons per row did not fit in 100 ms. The hub's EUIs
    // only when they differ from TTS's (the common case adds nothing).
    QString key = deviceId + QLatin1Char('\n') + name + QLatin1Char('\n') + devEui + QLatin1Char('\n') + joinEui;
    if (hubDevEui != devEui)
        key += QLatin1Char('\n') + hubDevEui;
    if (hubJoinEui != joinEui)
        key += QLatin1Char('\n') + hubJoinEui;
    searchKey = key.toLower();
}

bool DeviceMirrorRow::sameTtsPart(const DeviceMirrorRow &other) const
{
    return inTts == other.inTts && name == other.name && devEui == other.devEui && joinEui == other.joinEui &&
        ttsLastSeen == other.ttsLastSeen;
}

bool DeviceMirrorRow::sameHubPart(const DeviceMirrorRow &other) const
{
    return inHub == other.inHub && hubStatus == other.hubStatus && connectionState == other.connectionState &&
        lastActivity == other.lastActivity && twinVersion == other.twinVersion && hubDevEui == other.hubDevEui &&
        hubJoinEui == other.hubJoinEui;
}

QString DeviceMirrorRow::syncStateName(SyncState state)
{
    switch (state) {
    case SyncState::InSync:
        return QStringLiteral("inSync");
    case SyncState::OnlyInTts:
        return QStringLiteral("onlyInTts");
    case SyncState::OnlyInHub:
        return QStringLiteral("onlyInHub");
    case SyncState::EuiMismatch:
        return QStringLiteral("euiMismatch");
    case SyncState::DisabledInHub:
        return QStringLiteral("disabledInHub");
    case SyncState::PendingCreation:
        return QStringLiteral("pendingCreation");
    }
    return {};
}

QString DeviceMirrorRow::syncStateDisplayName(SyncState state)
{
    switch (state) {
    case SyncState::InSync:
        return tr("In sync");
    case SyncState::OnlyInTts:
        return tr("Only in TTS");
    case SyncState::OnlyInHub:
        return tr("Only in IoT Hub");
    case SyncState::EuiMismatch:
        return tr("EUI mismatch");
    case SyncState::DisabledInHub:
        return tr("Disabled in hub");
    case SyncState::PendingCreation:
        return tr("Pending creation");
    }
    return {};
}

} // namespace TwinBridge
