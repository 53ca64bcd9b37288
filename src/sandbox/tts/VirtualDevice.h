#pragma once

#include "sandbox/tts/PayloadFormatterStandIn.h"
#include "services/protocol/TtsDownlink.h"

#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace TwinBridge::Sandbox {

// The state of one simulated end device: its identity, LoRaWAN session (DevAddr, session key id, uplink
// frame counter), the sensor random walk and its radio situation (gateway, spreading factor, RSSI/SNR walk).
// Every random choice comes from generators seeded from the fleet seed and the device id, so the same seed and
// device id give the same sequence, whatever the other devices do. Not a QObject; VirtualDeviceFleet drives it.
class VirtualDevice
{
public:
    // Bounds of the random walk.
    static constexpr double MinTemperature = -10.0;
    static constexpr double MaxTemperature = 40.0;
    static constexpr double MinHumidity = 10.0;
    static constexpr double MaxHumidity = 95.0;
    static constexpr double MinBattery = 3.0;
    static constexpr double MaxBattery = 4.2;

    struct Radio
    {
        int gatewayIndex = 0;
        int spreadingFactor = 7;
        int channelIndex = 0;
        quint64 frequency = 868100000; // Hz
        double rssi = -80;
        double snr = 7;
    };

    VirtualDevice(const QString &applicationId, const QString &deviceId, quint64 fleetSeed);

    QString applicationId;
    QString deviceId;

    // Session (after join).
    bool joined = false;
    QString devAddr; // 8 upper-case hex digits
    QString sessionKeyId; // base64 of 16 bytes
    quint32 fCntUp = 0; // the last uplink's counter (0 before the first uplink)
    // A confirmed downlink that was sent and waits for the ACK of the next uplink.
    std::optional<TtsDownlink> awaitingAck;
    QString awaitingAckId; // its as:downlink correlation id

    // The current sensor values (already at the formatter's resolution).
    const SensorReading &reading() const { return m_reading; }
    // One step of the walk, clamped to the bounds and rounded to the formatter's resolution.
    SensorReading nextReading();
    void setReading(const SensorReading &reading) { m_reading = reading; }
    // The radio of the next uplink (channel hops, RSSI/SNR wander; the SF is fixed per device).
    Radio nextRadio();
    // A new session for a (re)join.
    void join();
    // Random numbers for the rest (ids, ack/nack, optional messages) — a stream separate from the sensor walk.
    QRandomGenerator &random() { return m_misc; }

    // A deterministic 64-bit value from a string (FNV-1a), independent of Qt's per-process hash seed.
    static quint64 stableHash(const QString &text, quint64 seed);

private:
    QRandomGenerator m_walk;
    QRandomGenerator m_radio;
    QRandomGenerator m_misc;
    SensorReading m_reading;
    Radio m_radioState;
};

} // namespace TwinBridge::Sandbox
