#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace TwinBridge {

// One MQTT 3.1.1 connection (libmosquitto), driven entirely by the Qt event loop of the thread the object
// lives in. Used for the TTS application's MQTT connection and for every IoT Hub device connection of the
// engine; the sandbox's own publishers use it too.
//
// How it runs (no libmosquitto thread, nothing blocking on the event loop):
//  - The host name is resolved with QHostInfo first; libmosquitto gets an IP address (its getaddrinfo would
//    block). TLS still verifies the certificate against the real host name and sends it as SNI
//    (MqttTlsContext), or against Options::tlsServerName when set.
//  - mosquitto_connect_async(), then one read QSocketNotifier on mosquitto_socket() and a write notifier that
//    is enabled only while mosquitto_want_write(); mosquitto_loop_read/loop_write when they fire.
//  - mosquitto_loop_misc() (PINGREQ, retries) from a timer on the injected Clock every keepAlive/2 (at least
//    1 s). The same tick is the keep-alive watchdog: when nothing arrived for 2 × keepAlive (by the Clock) the
//    connection is closed as dead (Kind::Timeout), so tests can provoke a missed PINGRESP with a ManualClock
//    and a silent server instead of waiting. libmosquitto's own real-time check (same limit) stays on too.
//  - Options::connectTimeout (by the Clock) bounds resolving + TCP + TLS + CONNACK.
//  - libmosquitto's callbacks only record what happened; the signals are emitted after libmosquitto returned,
//    so slots may call anything on this object (publish, disconnectFromHost, deleteLater — not `delete`).
//
// Cost per object (the engine holds up to 10,000): the QObject, libmosquitto's struct and its socket pair
// (libmosquitto 2.0 keeps one per client object: three descriptors per connected client — MosquittoLibrary
// raises the open-file limit), two notifiers only while a socket is open, one pending Clock timer while
// connected, and one shared OpenSSL context per CA file for all clients.
//
// Threads: create and use each object on one thread (it may be moved with moveToThread before connecting).
// Different objects may live in different threads. Never logs the password.
//
// After an unexpected disconnect the object keeps its session (libmosquitto resends unacknowledged QoS 1
// publishes with the same mid after the next successful connectToHost() with the same client id); a new
// client id or clean-session setting starts over.
class MosquittoClient : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString clientId; // device id for IoT Hub; may be empty only with cleanSession
        QString host; // host name or IP address
        quint16 port = 1883;
        QString username; // "{app}@{tenant}" (TTS) or "{hub}.azure-devices.net/{deviceId}/?api-version=…"
        QByteArray password; // API key or SAS token — never logged, never put in an error
        bool cleanSession = true;
        int keepAliveSeconds = 60; // 0 (off) or 5…65535 (libmosquitto's minimum is 5)
        bool tls = false;
        QString caFile; // PEM; empty = the system's CAs (only with tls)
        QString tlsServerName; // verify the certificate against this name; empty = host
        std::chrono::milliseconds connectTimeout = std::chrono::seconds(30);
    };

    enum class State {
        Disconnected,
        Resolving, // QHostInfo lookup
        Connecting, // TCP, TLS handshake, CONNECT sent, waiting for CONNACK
        Connected,
        Disconnecting, // DISCONNECT queued
    };
    Q_ENUM(State)

    explicit MosquittoClient(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~MosquittoClient() override;

    // Starts connecting; the outcome is connected() or connectionFailed(). Invalid options are refused at once
    // (InvalidInput) and nothing is emitted. Calling it while not Disconnected is refused (Conflict).
    Status connectToHost(const Options &options);
    // Sends DISCONNECT (when connected) and closes; disconnected() with no error follows (at once when nothing
    // was connected yet: then connectionFailed(Canceled) is emitted instead).
    void disconnectFromHost();

    // Only while Connected. Returns the message id; published(mid) follows — for QoS 1 when the PUBACK
    // arrives, for QoS 0 when the packet was written. QoS 0 or 1 (IoT Hub refuses 2).
    Result<int> publish(const QString &topic, const QByteArray &payload, int qos = 1, bool retain = false);
    // Only while Connected. Returns the message id; subscribed(mid, grantedQos) follows (128 = refused).
    Result<int> subscribe(const QString &filter, int qos = 1);
    Result<int> unsubscribe(const QString &filter);

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    const Options &options() const { return m_options; }
    // Where the last connect went (the resolved address), for diagnostics.
    QString peerAddress() const { return m_address; }

    // The sentence for a CONNACK return code of MQTT 3.1.1 (1–5), e.g. 5 → Unauthorized "not authorized —
    // check the API key or SAS token".
    static ServiceError connackError(int returnCode, const QString &host);
    // The error for a libmosquitto result code (MOSQ_ERR_*) with the errno that came with it.
    static ServiceError mosquittoError(int mosquittoCode, int systemErrno, const QString &host, quint16 port);
    // Empty if valid; else the reason (InvalidInput).
    static ServiceError validate(const Options &options);

signals:
    void stateChanged(TwinBridge::MosquittoClient::State state);
    void connected(bool sessionPresent);
    // The connection attempt failed (CONNACK refusal, TLS, DNS, refused, timeout, canceled). Ends in
    // Disconnected; disconnected() is not emitted for an attempt that never connected.
    void connectionFailed(const TwinBridge::ServiceError &error);
    // A connection that was up has ended: `reason.isError()` is false after disconnectFromHost(), else it says
    // why (Network: lost/reset; Timeout: keep-alive; Tls; …).
    void disconnected(const TwinBridge::ServiceError &reason);
    void messageReceived(const QString &topic, const QByteArray &payload, int qos, bool retain);
    void published(int mid);
    void subscribed(int mid, int grantedQos);
    void unsubscribed(int mid);

private:
    class Private;
    friend class Private;
    std::unique_ptr<Private> d;
    State m_state = State::Disconnected;
    Options m_options;
    QString m_address;
};

} // namespace TwinBridge
