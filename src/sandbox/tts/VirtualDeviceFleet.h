#pragma once

#include "sandbox/tts/VirtualDevice.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/protocol/TtsDownlink.h"
#include "services/protocol/TtsTopic.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace TwinBridge::Sandbox {

class TtsApplicationModel;

// The virtual LoRaWAN devices of the TTS stand-in and the Application Server's upstream messages
// (reference/tts-integration.md §3.2/§3.4, docs/sandbox-tts-devices.md). Every device that is complete in the
// model (IS, JS, NS and AS) takes part — those present at start() and those created later (deviceCreated);
// deleted ones leave (deviceDeleted). Each device joins (`join`), then sends an uplink (`up`) every
// uplinkInterval / speed with a sensor random walk, realistic rx_metadata/settings and, sometimes,
// `location/solved` and `service/data`. First actions are staggered over one interval.
//
// The downlink queue is the model's (REST and MQTT push/replace go through TtsApplicationModel::pushDownlinks /
// replaceDownlinks); this class turns its signals and the devices' uplinks into the downlink events:
//   push (any channel)      → down/queued, one per downlink
//   replace                 → down/invalidated (the replaced downlinks, if any) + down/queued for the new ones
//   the device's next uplink → pops one downlink: down/sent, or down/failed (application_downlink_too_long) if
//                              it does not fit the uplink's data rate (51 bytes at SF12…SF10, 115 at SF9,
//                              222 at SF8/SF7; EU868, RX1 at the uplink's data rate)
//   confirmed, sent          → down/ack, or down/nack for Options::nackShare of them, with the next uplink
//                              (AckTiming::NextUplink) or at once after down/sent (AckTiming::AfterSent)
//   push refused by TTS's validation on MQTT (bad FPort, payload > 255 bytes, …) → down/failed (publishRejected)
// Every downlink is recorded with its fate for the admin API (deliveredDownlinks()).
//
// Messages leave through the applicationUp() signal (TtsMqttBridge publishes them); nothing here touches the
// network. All timing goes through the injected Clock.
class VirtualDeviceFleet : public QObject
{
    Q_OBJECT

public:
    enum class AckTiming {
        NextUplink, // as LoRaWAN: the ACK bit rides on the device's next uplink
        AfterSent, // right after down/sent (handy for demos)
    };

    struct Options
    {
        // Provisioned in applicationId when that application has no device at all at start() (fresh state):
        // `{devicePrefix}001` … with random EUIs and AppKeys from the model.
        int devices = 0;
        QString applicationId = QStringLiteral("demo-app");
        QString devicePrefix = QStringLiteral("dev-");
        std::chrono::milliseconds uplinkInterval = std::chrono::seconds(60); // simulated time
        double speed = 1.0; // time acceleration: real delay = simulated delay / speed
        std::optional<quint64> seed; // same seed → same payloads, radio values and ids
        double nackShare = 0.0; // 0…1: share of confirmed downlinks that are nacked
        AckTiming ackTiming = AckTiming::NextUplink;
        double locationProbability = 0.05; // per uplink: a location/solved message
        double serviceDataProbability = 0.02; // per uplink: a service/data message
        std::chrono::milliseconds joinToUplink = std::chrono::seconds(2); // simulated time
        int maxRecordedDownlinksPerDevice = 1000;
        int maxBurst = 100000;
    };

    // What became of a downlink.
    enum class Fate { Queued, Sent, Acked, Nacked, Failed, Invalidated };

    struct DownlinkRecord
    {
        QString applicationId;
        QString deviceId;
        TtsDownlink downlink; // with f_cnt and session key id once known
        Fate fate = Fate::Queued;
        QString queuedAt;
        QString sentAt;
        QString settledAt; // acked, nacked, failed or invalidated
        QJsonObject error; // down/failed's error (ErrorDetails shape)

        static QString fateName(Fate fate); // "queued", "sent", "acked", "nacked", "failed", "invalidated"
        QJsonObject toJson() const;
    };

    // An uplink on demand (admin API). Without decodedPayload and frmPayload the next walk value is sent.
    struct UplinkRequest
    {
        QString applicationId; // empty: Options::applicationId
        QString deviceId;
        std::optional<QJsonObject> decodedPayload; // temperature/humidity/battery, over the current values
        std::optional<QByteArray> frmPayload; // raw bytes (then decoded_payload only if it is a sensor payload)
        int fPort = 0; // 0: SensorPort
    };

    struct BurstRequest
    {
        QString applicationId;
        QString deviceId; // empty: every running device of the application, round robin
        int count = 1;
        double ratePerSecond = 10; // real time (not scaled by speed)
        std::optional<QJsonObject> decodedPayload;
        int fPort = 0;
    };

    VirtualDeviceFleet(TtsApplicationModel *model, Options options, Clock *clock = Clock::system(),
                       QObject *parent = nullptr);
    ~VirtualDeviceFleet() override;

    // Provisions Options::devices if the application is empty, installs the downlink formatter in the model,
    // adopts every complete device and schedules the staggered joins. Safe to call once.
    Status start();
    // Stops the timers; devices stay known. start() again resumes.
    void stop();
    bool isRunning() const { return m_running; }
    const Options &options() const { return m_options; }
    // Changes the share of nacked confirmed downlinks at run time (0…1).
    void setNackShare(double share);

    // Running devices ("{app}/{device}" order).
    QStringList deviceIds(const QString &applicationId = {}) const;
    const VirtualDevice *device(const QString &applicationId, const QString &deviceId) const;

    // Sends one uplink now (joining first if the device has not joined); returns the `up` message.
    Result<QJsonObject> sendUplink(const UplinkRequest &request);
    // Schedules `count` uplinks at the rate; returns how many were scheduled.
    Result<int> startBurst(const BurstRequest &request);

    // Downlinks with their fate, oldest first (one device, or all of the application when deviceId is empty).
    QList<DownlinkRecord> deliveredDownlinks(const QString &applicationId, const QString &deviceId = {}) const;

    // A push/replace over MQTT that TTS's validation refused: down/failed for each downlink of the request.
    void publishRejected(const QString &applicationId, const QString &deviceId, const QList<TtsDownlink> &downlinks,
                         const ServiceError &error);

    // Admin reset: forgets the downlink records and cancels bursts (devices follow the model).
    void reset();

    // The simulated delay in real time (delay / speed, at least 1 ms).
    std::chrono::milliseconds scaled(std::chrono::milliseconds simulated) const;
    // The largest FRMPayload of a downlink in RX1 after an uplink at this spreading factor (EU868).
    static int maxDownlinkPayload(int spreadingFactor);
    // LoRa time on air of a PHYPayload of `bytes` at SF/125 kHz, CR 4/5, 8 preamble symbols, explicit header.
    static double airtimeSeconds(int spreadingFactor, int bytes);

signals:
    // One upstream ApplicationUp: `topic` is v3/{app}@{tenant}/devices/{device}/{suffix}.
    void applicationUp(const QString &topic, const QJsonObject &message);

private:
    struct Running;
    struct Burst;
    void burstStep(const std::shared_ptr<Burst> &burst);
    void adopt(const QString &applicationId, const QString &deviceId, std::chrono::milliseconds firstAction);
    void drop(const QString &applicationId, const QString &deviceId);
    void schedule(const QString &key, std::chrono::milliseconds realDelay, bool join);
    void tick(const QString &key, quint64 generation, bool join);
    Status joinDevice(VirtualDevice &device);
    QJsonObject uplinkCycle(VirtualDevice &device, const UplinkRequest *request, Status *status);
    void settleAck(VirtualDevice &device);
    void deliverNextDownlink(VirtualDevice &device, int spreadingFactor);

    QJsonObject envelope(const VirtualDevice &device, const QString &receivedAt) const;
    QJsonObject envelope(const QString &applicationId, const QString &deviceId, const QString &receivedAt) const;
    void emitUp(const QString &applicationId, const QString &deviceId, TtsTopic::Kind kind, const QString &member,
                const QJsonObject &payload, const QStringList &correlationIds);
    QString ulid(QRandomGenerator &random) const;

    void onDownlinkQueued(const QString &applicationId, const QString &deviceId, const QList<TtsDownlink> &queued);
    void onQueueReplaced(const QString &applicationId, const QString &deviceId, const QList<TtsDownlink> &invalidated,
                         const QList<TtsDownlink> &queued);
    void record(const QString &applicationId, const QString &deviceId, const TtsDownlink &downlink, Fate fate,
                const QJsonObject &error = {});
    static QString downlinkId(const TtsDownlink &downlink);

    QPointer<TtsApplicationModel> m_model;
    Options m_options;
    Clock *m_clock;
    bool m_running = false;
    bool m_started = false;
    quint64 m_seed = 0;
    quint64 m_burstGeneration = 0;
    QRandomGenerator m_random;
    QMap<QString, std::shared_ptr<Running>> m_devices; // key "{app}/{device}"
    QMap<QString, QList<DownlinkRecord>> m_records; // key "{app}/{device}"
};

} // namespace TwinBridge::Sandbox
