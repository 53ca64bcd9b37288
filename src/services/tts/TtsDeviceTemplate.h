#pragma once

#include "services/core/Result.h"
#include "services/tts/TtsEndDevice.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace TwinBridge {

// Maps the IoT Hub twin tags that ask for a device (`tags.lorawan`, reference/tts-integration.md §1.4) to
// the TtsEndDevice to create:
//   devEui → ids.dev_eui, joinEui → ids.join_eui, lorawanVersion → lorawan_version,
//   regionalParametersVersion → lorawan_phy_version, appKey → root_keys.app_key.key,
//   nwkKey → root_keys.nwk_key.key (LoRaWAN 1.1 only), frequencyPlanId → frequency_plan_id,
//   versionIdentifiers.{brandId, modelId, hardwareVersion, firmwareVersion, bandId} → version_ids.*.
// Version strings are TTS's own JSON aliases ("1.0.2", "1.0.2-b"), so they are checked against the known
// aliases and passed on in the accepted spelling. Unknown tags (e.g. "provisioned") are ignored.
class TtsDeviceTemplate
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TtsDeviceTemplate)

public:
    // `deviceId` is the IoT Hub device id, which becomes the TTS end device id (checked if given).
    // Errors name the tag and never contain a key's value.
    static Result<TtsEndDevice> fromTwinTags(const QJsonObject &lorawan, const QString &deviceId = QString());
};

} // namespace TwinBridge
