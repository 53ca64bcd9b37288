#pragma once

#include "services/core/Result.h"
#include "services/protocol/TtsDownlink.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace TwinBridge::Sandbox {

// What a virtual device measures.
struct SensorReading
{
    double temperature = 0; // °C, resolution 0.01
    double humidity = 0; // %RH, resolution 0.5
    double battery = 0; // V, resolution 0.001

    bool operator==(const SensorReading &other) const = default;
};

// The payload formatter of the sandbox's virtual devices — what a JavaScript or repository formatter does in
// TTS, fixed in code:
//
// Uplinks (any FPort; the devices use SensorPort), 5 bytes big-endian:
//   int16 temperature in 0.01 °C | uint8 humidity in 0.5 %RH | uint16 battery in mV
//   decoded: {"temperature": 21.37, "humidity": 48.5, "battery": 3.612}
// A payload of another length has no decoded_payload (as TTS when a formatter fails).
//
// Downlinks: a decoded_payload is encoded at push time (TTS encodes when the downlink is queued):
//   {"bytes": [1, 2, 3], "fPort": 5}  the bytes as they are (the JavaScript formatter's result shape);
//   {"interval": 600}                 0x01 + uint16 seconds (1–65535)
//   {"led": true}                     0x02 + 0x01/0x00
// "interval" and "led" may be combined (in that order); the FPort is the downlink's own, else "fPort", else
// CommandPort. Anything else is a formatter error (pkg/applicationserver:encode_payload… see encodeDownlink).
class PayloadFormatterStandIn
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::Sandbox::PayloadFormatterStandIn)

public:
    static constexpr int SensorPort = 1;
    static constexpr int CommandPort = 2;
    static constexpr int SensorPayloadSize = 5;

    static QByteArray encodeUplink(const SensorReading &reading);
    // nullopt when the bytes are not a sensor payload.
    static std::optional<SensorReading> decodeUplink(const QByteArray &frmPayload);
    static QJsonObject toDecodedPayload(const SensorReading &reading);
    // A decoded_payload with any of temperature/humidity/battery (numbers) over `base`; InvalidInput naming the
    // member otherwise (an unknown member, a value out of the encodable range).
    static Result<SensorReading> fromDecodedPayload(const QJsonObject &decoded, const SensorReading &base);

    // Fills f_port and frm_payload of a downlink that only has a decoded_payload (others are returned as they
    // are). Errors are TTS-shaped (TtsServerError) InvalidArgument errors.
    static Result<TtsDownlink> encodeDownlink(const TtsDownlink &downlink);
};

} // namespace TwinBridge::Sandbox
