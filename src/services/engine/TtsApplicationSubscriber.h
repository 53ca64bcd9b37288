#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/engine/TtsUpstreamMessage.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace TwinBridge {

class ConnectionProfile;

// The engine's one MQTT connection to a TTS application (reference/tts-integration.md §3): user name
// `{app}@{tenant}` (or `{app}` without a tenant), the API key as password (never logged), TLS or plain as
// the profile says, trusting the profile's CA file. It subscribes (QoS 0) to the ten upstream topics of
// every device — up, join, down/queued|sent|ack|nack|failed|invalidated, location/solved, service/data
// (`v3/{uid}/devices/+/{suffix}`, TtsTopic) — and re-subscribes after every reconnect.
//
// Each message is checked before it is emitted: the topic must be one of those ten for this application
// (and tenant), the payload a valid ApplicationUp (ApplicationUp::fromJson) whose message member matches the
// topic, whose device id equals the topic's and whose application id (when present) equals ours. Anything
// else is counted by DropReason, logged at most once per reason every 10 s (topic and reason only — never
// the payload) and not emitted.
//
// Connection losses and refused connects are retried with exponential back-off and jitter
// (MqttReconnectPolicy: 1 s … 60 s, ±50 % by default) until stop(). A refused key (CONNACK 4/5) is retried
// too — the key may be fixed on the server — and reported through errorOccurred() each time.
//
// Lives in one thread (the engine's worker); MosquittoClient runs on that thread's event loop.
class TtsApplicationSubscriber : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString host;
        quint16 port = 8883;
        bool tls = true;
        QString caFile; // PEM of an extra CA (the sandbox's); empty = the system CAs
        QString applicationId;
        QString tenantId; // empty on The Things Stack Open Source
        QByteArray apiKey; // the MQTT password — never logged
        QString clientId; // empty: "twinbridge-{app}-{random}" per start()
        int keepAliveSeconds = 60;
        std::chrono::milliseconds connectTimeout = std::chrono::seconds(30);
        std::chrono::milliseconds initialReconnectDelay = std::chrono::seconds(1);
        std::chrono::milliseconds maxReconnectDelay = std::chrono::seconds(60);
        double reconnectJitter = 0.5;

        // Host, port, TLS and CA from the profile (ConnectionProfile::effectiveTtsMqttHost() etc.).
        static Options fromProfile(const ConnectionProfile &profile, const QByteArray &apiKey);
        QString username() const; // "{app}@{tenant}" or "{app}"
    };

    enum class State {
        Stopped,
        Connecting, // resolving, TCP, TLS, CONNECT
        Subscribing, // connected, waiting for the SUBACKs
        Subscribed, // receiving
        WaitingToReconnect, // back-off after a failure or a lost connection
    };
    Q_ENUM(State)

    enum class DropReason {
        MalformedJson, // not JSON, or not an object
        InvalidMessage, // JSON, but not a valid ApplicationUp (wrong member types, no device id, …)
        UnknownTopic, // not one of the ten upstream topics (e.g. up/normalized, down/push)
        WrongApplication, // the topic's or the body's application (or tenant) is not ours
        DeviceMismatch, // the body's end_device_ids.device_id differs from the topic's device
        TypeMismatch, // the body's message member does not match the topic (a join on …/up)
    };
    Q_ENUM(DropReason)
    static constexpr int DropReasonCount = 6;
    static QString dropReasonName(DropReason reason); // "malformedJson", … (metric labels)

    explicit TtsApplicationSubscriber(Clock *clock = Clock::system(), QObject *parent = nullptr,
                                      std::function<double()> random01 = {});
    ~TtsApplicationSubscriber() override;

    // Validates the options (InvalidInput naming the field, nothing started) and connects. Refused while
    // not Stopped (Conflict).
    Status start(const Options &options);
    // Disconnects, cancels a pending reconnect; state() is Stopped at once. stopped() follows when the
    // connection is closed (at once when none was open).
    void stop();

    State state() const { return m_state; }
    bool isSubscribed() const { return m_state == State::Subscribed; }
    const Options &options() const { return m_options; }

    // The ten subscription filters of an application, in TtsMessageType order.
    static QStringList subscriptionFilters(const QString &applicationId, const QString &tenantId);

    // Checks one received publish; the accepted message, or the reason it is dropped. Public for tests.
    struct Classified
    {
        std::optional<TtsUpstreamMessage> message;
        DropReason reason = DropReason::UnknownTopic;
        QString detail; // why (JSON path, mismatching ids) — no payload content
    };
    static Classified classify(const QString &applicationId, const QString &tenantId, const QString &topic,
                               const QByteArray &payload, const QDateTime &receivedAt);

    // Since construction.
    qint64 receivedCount() const { return m_received; } // accepted and emitted
    qint64 droppedCount(DropReason reason) const { return m_dropped[size_t(reason)]; }
    qint64 droppedCount() const;
    int reconnectCount() const { return m_reconnects; } // successful connects after the first

signals:
    void stateChanged(TwinBridge::TtsApplicationSubscriber::State state);
    void messageReceived(const TwinBridge::TtsUpstreamMessage &message);
    void messageDropped(TwinBridge::TtsApplicationSubscriber::DropReason reason, const QString &topic);
    // A connect failed, the connection was lost, or a subscription was refused; a retry follows unless stopped.
    void errorOccurred(const TwinBridge::ServiceError &error);
    void stopped();

private:
    void connectNow();
    void onConnected();
    void onConnectionFailed(const ServiceError &error);
    void onDisconnected(const ServiceError &reason);
    void onSubscribed(int mid, int grantedQos);
    void onMessage(const QString &topic, const QByteArray &payload);
    void scheduleReconnect();
    void setState(State state);
    void logDrop(DropReason reason, const QString &topic, const QString &detail);

    class Private;
    std::unique_ptr<Private> d;
    Clock *m_clock;
    Options m_options;
    State m_state = State::Stopped;
    qint64 m_received = 0;
    std::array<qint64, DropReasonCount> m_dropped {};
    int m_reconnects = 0;
};

} // namespace TwinBridge
