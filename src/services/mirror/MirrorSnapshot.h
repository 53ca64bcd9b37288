#pragma once

#include "services/core/ServiceError.h"
#include "services/iothub/DeviceTwin.h"
#include "services/tts/TtsEndDevice.h"

#include <QList>
#include <QMetaType>

#include <optional>

namespace TwinBridge {

// What one load of the device mirror brought back: the TTS application's end devices and the hub's twins
// (identity fields included, as "SELECT * FROM devices" returns them). A side that failed or was not asked
// for has no list; its error says why (Kind::None when it simply was not loaded).
struct MirrorSnapshot
{
    std::optional<QList<TtsEndDevice>> tts;
    std::optional<QList<DeviceTwin>> hub;
    ServiceError ttsError;
    ServiceError hubError;
    bool canceled = false;

    bool isComplete() const { return tts && hub; }
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::MirrorSnapshot)
