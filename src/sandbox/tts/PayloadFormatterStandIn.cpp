#include "sandbox/tts/PayloadFormatterStandIn.h"

#include "sandbox/tts/TtsServerError.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace TwinBridge::Sandbox {

namespace {

ServiceError formatterError(const QString &reason)
{
    // The sandbox's own name: TTS reports formatter failures from the formatter that ran (JavaScript, …).
    return TtsServerError::make(
        TtsServerError::InvalidArgument, QStringLiteral("pkg/sandbox/formatter"), QStringLiteral("encode_downlink"),
        QStringLiteral("downlink formatter failed: {reason}"), {{QStringLiteral("reason"), reason}});
}

} // namespace

QByteArray PayloadFormatterStandIn::encodeUplink(const SensorReading &reading)
{
    const auto temperature = qint16(std::lround(reading.temperature * 100.0));
    const auto humidity = quint8(std::clamp<long>(std::lround(reading.humidity * 2.0), 0, 255));
    const auto battery = quint16(std::clamp<long>(std::lround(reading.battery * 1000.0), 0, 65535));
    QByteArray bytes;
    bytes.append(char(quint16(temperature) >> 8));
    bytes.append(char(quint16(temperature) & 0xff));
    bytes.append(char(humidity));
    bytes.append(char(battery >> 8));
    bytes.append(char(battery & 0xff));
    return bytes;
}

std::optional<SensorReading> PayloadFormatterStandIn::decodeUplink(const QByteArray &frmPayload)
{
    if (frmPayload.size() != SensorPayloadSize)
        return std::nullopt;
    const auto byte = [&frmPayload](int i) { return quint16(quint8(frmPayload.at(i))); };
    SensorReading reading;
    reading.temperature = double(qint16(quint16(byte(0) << 8 | byte(1)))) / 100.0;
    reading.humidity = double(byte(2)) / 2.0;
    reading.battery = double(quint16(byte(3) << 8 | byte(4))) / 1000.0;
    return reading;
}

QJsonObject PayloadFormatterStandIn::toDecodedPayload(const SensorReading &reading)
{
    return {{QStringLiteral("temperature"), reading.temperature},
            {QStringLiteral("humidity"), reading.humidity},
            {QStringLiteral("battery"), reading.battery}};
}

Result<SensorReading> PayloadFormatterStandIn::fromDecodedPayload(const QJsonObject &decoded, const SensorReading &base)
{
    SensorReading reading = base;
    for (auto it = decoded.constBegin(); it != decoded.constEnd(); ++it) {
        if (!it.value().isDouble()) {
            return ServiceError::invalidInput(tr("decodedPayload.%1 must be a number.").arg(it.key()),
                                              QStringLiteral("InvalidDecodedPayload"));
        }
        const double value = it.value().toDouble();
        if (it.key() == QLatin1String("temperature")) {
            if (value < -327.68 || value > 327.67)
                return ServiceError::invalidInput(tr("decodedPayload.temperature must be between -327.68 and 327.67."),
                                                  QStringLiteral("InvalidDecodedPayload"));
            reading.temperature = value;
        } else if (it.key() == QLatin1String("humidity")) {
            if (value < 0 || value > 127.5)
                return ServiceError::invalidInput(tr("decodedPayload.humidity must be between 0 and 127.5."),
                                                  QStringLiteral("InvalidDecodedPayload"));
            reading.humidity = value;
        } else if (it.key() == QLatin1String("battery")) {
            if (value < 0 || value > 65.535)
                return ServiceError::invalidInput(tr("decodedPayload.battery must be between 0 and 65.535."),
                                                  QStringLiteral("InvalidDecodedPayload"));
            reading.battery = value;
        } else {
            return ServiceError::invalidInput(
                tr("decodedPayload.%1 is not a field of the virtual devices' formatter (temperature, humidity, "
                   "battery).")
                    .arg(it.key()),
                QStringLiteral("InvalidDecodedPayload"));
        }
    }
    // What the device sends is what the formatter can carry.
    return decodeUplink(encodeUplink(reading)).value_or(reading);
}

Result<TtsDownlink> PayloadFormatterStandIn::encodeDownlink(const TtsDownlink &downlink)
{
    if (!downlink.decodedPayload || !downlink.frmPayload.isEmpty())
        return downlink;
    const QJsonObject &decoded = *downlink.decodedPayload;
    TtsDownlink encoded = downlink;
    QByteArray bytes;
    int port = 0;
    if (decoded.contains(QLatin1String("bytes"))) {
        const QJsonValue list = decoded.value(QLatin1String("bytes"));
        if (!list.isArray())
            return formatterError(QStringLiteral("bytes must be a list of numbers 0-255"));
        for (const QJsonValue &value : list.toArray()) {
            const double number = value.toDouble(-1);
            if (!value.isDouble() || number < 0 || number > 255 || number != std::floor(number))
                return formatterError(QStringLiteral("bytes must be a list of numbers 0-255"));
            bytes.append(char(int(number)));
        }
        if (decoded.contains(QLatin1String("fPort"))) {
            const double number = decoded.value(QLatin1String("fPort")).toDouble(-1);
            if (number < TtsDownlink::MinFPort || number > TtsDownlink::MaxFPort || number != std::floor(number))
                return formatterError(QStringLiteral("fPort must be between 1 and 223"));
            port = int(number);
        }
        for (auto it = decoded.constBegin(); it != decoded.constEnd(); ++it) {
            if (it.key() != QLatin1String("bytes") && it.key() != QLatin1String("fPort"))
                return formatterError(QStringLiteral("unknown field %1 next to bytes").arg(it.key()));
        }
    } else {
        for (auto it = decoded.constBegin(); it != decoded.constEnd(); ++it) {
            if (it.key() != QLatin1String("interval") && it.key() != QLatin1String("led"))
                return formatterError(
                    QStringLiteral("unknown field %1 (expected interval, led or bytes)").arg(it.key()));
        }
        if (decoded.contains(QLatin1String("interval"))) {
            const double seconds = decoded.value(QLatin1String("interval")).toDouble(-1);
            if (seconds < 1 || seconds > 65535 || seconds != std::floor(seconds))
                return formatterError(QStringLiteral("interval must be whole seconds between 1 and 65535"));
            const auto value = quint16(seconds);
            bytes.append(char(0x01));
            bytes.append(char(value >> 8));
            bytes.append(char(value & 0xff));
        }
        if (decoded.contains(QLatin1String("led"))) {
            const QJsonValue led = decoded.value(QLatin1String("led"));
            if (!led.isBool())
                return formatterError(QStringLiteral("led must be true or false"));
            bytes.append(char(0x02));
            bytes.append(char(led.toBool() ? 0x01 : 0x00));
        }
        if (bytes.isEmpty())
            return formatterError(QStringLiteral("nothing to encode"));
        port = CommandPort;
    }
    if (bytes.size() > TtsDownlink::MaxPayloadBytes)
        return formatterError(QStringLiteral("at most 255 bytes"));
    encoded.frmPayload = bytes;
    if (encoded.fPort == 0)
        encoded.fPort = port != 0 ? port : CommandPort;
    return encoded;
}

} // namespace TwinBridge::Sandbox
