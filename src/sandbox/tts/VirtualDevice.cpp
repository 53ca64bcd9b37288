#include "sandbox/tts/VirtualDevice.h"

#include <algorithm>
#include <cmath>

namespace TwinBridge::Sandbox {

namespace {

// EU868: the three default channels, then the five of TTN's frequency plan.
constexpr quint64 Eu868Channels[] = {868100000, 868300000, 868500000, 867100000,
                                     867300000, 867500000, 867700000, 867900000};

double uniform(QRandomGenerator &random, double low, double high)
{
    return low + random.generateDouble() * (high - low);
}

// Rounds to 1/perUnit the way the formatter decodes (an integer divided by perUnit), so values compare equal.
double roundTo(double value, double perUnit)
{
    return std::round(value * perUnit) / perUnit;
}

} // namespace

quint64 VirtualDevice::stableHash(const QString &text, quint64 seed)
{
    quint64 hash = 14695981039346656037ULL ^ seed;
    const QByteArray bytes = text.toUtf8();
    for (const char c : bytes) {
        hash ^= quint8(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

VirtualDevice::VirtualDevice(const QString &applicationId_, const QString &deviceId_, quint64 fleetSeed)
    : applicationId(applicationId_)
    , deviceId(deviceId_)
{
    const quint64 base = stableHash(applicationId + QLatin1Char('/') + deviceId, fleetSeed);
    m_walk.seed(quint32(base) ^ quint32(base >> 32));
    m_radio.seed(quint32(base * 31 + 7) ^ quint32((base * 31 + 7) >> 32));
    m_misc.seed(quint32(base * 131 + 17) ^ quint32((base * 131 + 17) >> 32));
    m_reading.temperature = roundTo(uniform(m_walk, 15.0, 25.0), 100);
    m_reading.humidity = roundTo(uniform(m_walk, 35.0, 65.0), 2);
    m_reading.battery = roundTo(uniform(m_walk, 3.6, 4.1), 1000);
    m_radioState.gatewayIndex = int(m_radio.bounded(2));
    m_radioState.spreadingFactor = 7 + int(m_radio.bounded(6));
    // Farther devices need a higher SF: the mean RSSI follows it.
    m_radioState.rssi = -60.0 - 8.0 * (m_radioState.spreadingFactor - 7) - uniform(m_radio, 0, 10);
    m_radioState.snr = 9.0 - 3.0 * (m_radioState.spreadingFactor - 7) + uniform(m_radio, -1, 1);
}

SensorReading VirtualDevice::nextReading()
{
    SensorReading next = m_reading;
    next.temperature = std::clamp(next.temperature + uniform(m_walk, -0.5, 0.5), MinTemperature, MaxTemperature);
    next.humidity = std::clamp(next.humidity + uniform(m_walk, -2.0, 2.0), MinHumidity, MaxHumidity);
    // Batteries drain, with a little measurement noise.
    next.battery =
        std::clamp(next.battery - uniform(m_walk, 0.0, 0.002) + uniform(m_walk, -0.001, 0.001), MinBattery, MaxBattery);
    next.temperature = roundTo(next.temperature, 100);
    next.humidity = roundTo(next.humidity, 2);
    next.battery = roundTo(next.battery, 1000);
    m_reading = next;
    return m_reading;
}

VirtualDevice::Radio VirtualDevice::nextRadio()
{
    Radio radio = m_radioState;
    radio.channelIndex = int(m_radio.bounded(int(std::size(Eu868Channels))));
    radio.frequency = Eu868Channels[radio.channelIndex];
    const double meanRssi = -60.0 - 8.0 * (radio.spreadingFactor - 7) - 5.0;
    m_radioState.rssi = std::clamp(m_radioState.rssi + uniform(m_radio, -2, 2), meanRssi - 12, meanRssi + 12);
    m_radioState.snr = std::clamp(m_radioState.snr + uniform(m_radio, -0.75, 0.75), -20.0, 12.0);
    radio.rssi = std::round(m_radioState.rssi);
    radio.snr = roundTo(m_radioState.snr, 4);
    return radio;
}

void VirtualDevice::join()
{
    // A DevAddr of TTN's NetID 0x000013 block (26000000/7), random below.
    const quint32 addr = 0x26000000u | (m_misc.generate() & 0x01ffffffu);
    devAddr = QStringLiteral("%1").arg(addr, 8, 16, QLatin1Char('0')).toUpper();
    QByteArray key(16, '\0');
    for (char &c : key)
        c = char(m_misc.bounded(256));
    sessionKeyId = QString::fromLatin1(key.toBase64());
    fCntUp = 0;
    joined = true;
    awaitingAck.reset();
    awaitingAckId.clear();
}

} // namespace TwinBridge::Sandbox
