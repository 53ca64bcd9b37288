#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace TwinBridge {
class MosquittoClient;
}

namespace TwinBridge::Sandbox {

class MosquittoBroker;
class TtsApplicationModel;
class VirtualDeviceFleet;

// The Application Server side of TTS's MQTT server (reference/tts-integration.md §3) on top of the sandbox's
// mosquitto: one MosquittoClient with the broker's internal account
//  - publishes every VirtualDeviceFleet::applicationUp() message (QoS 0, as TTS) — messages produced before
//    the connection is up (the first joins) are kept (up to Options::maxPending) and sent once it is;
//  - subscribes `v3/+/devices/+/down/push` and `v3/+/devices/+/down/replace` and maps them to
//    TtsApplicationModel::pushDownlinks / replaceDownlinks, so MQTT and REST share one queue and one validation.
//    As TTS: a topic that is not exactly `v3/{app}@{tenant}/devices/{device}/down/{push|replace}` of a known
//    application, a body that is not an ApplicationDownlinks JSON object, or an unknown device is only logged
//    (QoS 0 gives the client no answer); a body TTS's validation refuses (FPort 0 without decoded_payload, 224
//    or > 223, frm_payload > 255 bytes, unknown priority) is logged and reported as down/failed for each of its
//    downlinks (VirtualDeviceFleet::publishRejected), so the client can see it.
//  - reconnects after Options::reconnectDelay when the connection is lost.
class TtsMqttBridge : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0; // the broker's plain listener
        QString username; // the internal account
        QByteArray password;
        QString clientId = QStringLiteral("twinbridge-sandbox-as");
        std::chrono::milliseconds reconnectDelay = std::chrono::seconds(1);
        int maxPending = 10000;
        // Called before every (re)connect to update host/port/password — a restarted broker has a new internal
        // password and may have new ports. Empty: the values above stay.
        std::function<void(Options &options)> refresh;
    };

    // The internal account and plain port of a started broker, refreshed from it before every reconnect (the
    // broker must outlive the bridge, or the last values stay).
    static Options forBroker(MosquittoBroker &broker);

    TtsMqttBridge(TtsApplicationModel *model, VirtualDeviceFleet *fleet, Options options,
                  Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~TtsMqttBridge() override;

    // Connects (asynchronously); ready() follows once both subscriptions are granted. InvalidInput for bad options.
    Status start();
    void stop();
    // Connected and subscribed.
    bool isReady() const { return m_ready; }
    int pendingCount() const { return int(m_pending.size()); }

    // What the subscription delivers (public for tests): a down/push or down/replace publish.
    void handleDownlinkMessage(const QString &topic, const QByteArray &payload);

signals:
    void ready();
    // A downlink publish that was ignored or refused (the reason as TTS would log it).
    void downlinkRequestRejected(const QString &topic, const QString &reason);

private:
    void connectNow();
    void publish(const QString &topic, const QByteArray &payload);
    void flush();

    QPointer<TtsApplicationModel> m_model;
    QPointer<VirtualDeviceFleet> m_fleet;
    Options m_options;
    Clock *m_clock;
    MosquittoClient *m_client = nullptr;
    bool m_started = false;
    bool m_ready = false;
    int m_subscriptionsPending = 0;
    QList<QPair<QString, QByteArray>> m_pending;
};

} // namespace TwinBridge::Sandbox
