#pragma once

#include "services/iothub/DeviceIdentity.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace TwinBridge {

struct DeviceTwin;
struct TtsEndDevice;

// One line of the device mirror (issue 7 "Devices"): what The Things Stack and IoT Hub know of one device id,
// what the bridge saw of it, and the sync state that follows. Holds no secret: the twin's tags are reduced to
// the lorawan EUIs, root keys never get here.
struct DeviceMirrorRow
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::DeviceMirrorRow)

public:
    enum class SyncState {
        InSync, // in both, enabled, EUIs agree
        OnlyInTts, // no IoT Hub identity
        OnlyInHub, // an IoT Hub identity without a TTS device
        EuiMismatch, // the twin's lorawan tags name other EUIs than TTS has
        DisabledInHub, // the identity is disabled: the bridge cannot send as the device
        PendingCreation, // an identity or TTS device is being created (bulk action or the engine)
    };
    static constexpr int SyncStateCount = 6;

    QString deviceId;

    // The Things Stack (Identity Server record)
    bool inTts = false;
    QString name;
    QString devEui; // upper-case hex as TTS sends it
    QString joinEui;
    QDateTime ttsLastSeen;

    // IoT Hub (identity and twin, from the registry query)
    bool inHub = false;
    DeviceIdentity::Status hubStatus = DeviceIdentity::Status::Enabled;
    DeviceIdentity::ConnectionState connectionState = DeviceIdentity::ConnectionState::Unknown;
    QDateTime lastActivity;
    qint64 twinVersion = 0;
    QString hubDevEui; // tags.lorawan.devEui (empty: not tagged)
    QString hubJoinEui; // tags.lorawan.joinEui

    // The bridge (engine events)
    QDateTime lastUplink;
    QString lastError;
    bool pendingCreation = false;

    // Device id, name and the EUIs of both sides in lower case, for the search (kept by the mutators below;
    // call updateSearchKey() after changing those fields directly).
    QString searchKey;

    SyncState syncState() const;
    // The sync state a row would have without the pending flag (what a finished action is judged by).
    SyncState settledSyncState() const;
    // Whether the twin's lorawan tags contradict TTS's EUIs (missing tags contradict nothing).
    bool euisDiffer() const;

    // Replaces the TTS part with `device` (inTts true); the hub and bridge parts stay.
    void setTtsPart(const TtsEndDevice &device);
    void clearTtsPart();
    // Replaces the hub part with what a registry query's twin carries (inHub true).
    void setHubPart(const DeviceTwin &twin);
    void clearHubPart();
    void updateSearchKey();
    // True when the TTS (hub) parts of both rows are the same.
    bool sameTtsPart(const DeviceMirrorRow &other) const;
    bool sameHubPart(const DeviceMirrorRow &other) const;

    // Stable names for export and filters: "inSync", "onlyInTts", "onlyInHub", "euiMismatch", "disabledInHub",
    // "pendingCreation".
    static QString syncStateName(SyncState state);
    // "In sync", "Only in TTS", … (translated).
    static QString syncStateDisplayName(SyncState state);

    bool operator==(const DeviceMirrorRow &) const = default;
};

} // namespace TwinBridge
