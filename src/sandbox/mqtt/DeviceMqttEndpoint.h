#pragma once

#include "sandbox/mqtt/DeviceToCloudMessage.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/protocol/IotHubSubscription.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <chrono>
#include <memory>
#include <optional>

namespace TwinBridge::Sandbox {

class HubDirectory;

// IoT Hub's device endpoint: MQTT 3.1.1 over TLS, the IoT Hub subset only (reference/azure-protocols.md §1,
// §7). Not a general broker: a device connects as itself (client id = device id, user name
// `{host}/{deviceId}/?api-version=…`, password = SAS token), publishes telemetry and twin requests, and
// subscribes to the four documented filters. The hub is chosen by the user name's host, so every hub of the
// HubDirectory shares one port.
//
// What IoT Hub does, and so what this does:
//  - CONNACK 1 for a protocol level other than 4; 4 without user name or password or with an unreadable user
//    name; 2 for a client id that is empty or differs from the user name's device id; 5 for an unknown hub
//    host (IoT Hub's IotHubNotFound is a 401 code, and every 401 becomes "not authorized" on MQTT), a module
//    identity (not emulated), a SAS token that is bad, expired, for another device, or signed by a policy
//    without DeviceConnect, and for unknown or disabled devices; 3 while the hub is in an injected outage or
//    the new-connection throttle is exceeded. A refused CONNECT is answered and the connection closed.
//  - The first packet must be a CONNECT, within Options::connectTimeout. A second CONNECT of the same device
//    drops the first connection (400027 ConnectionForcefullyClosedOnNewConnection).
//  - Keep-alive: the connection is closed after 1.5 × the client's keep-alive without any packet, at most
//    1767 s (Azure's load balancer idle timeout; a keep-alive of 0 gets the cap). Any packet resets it.
//  - PUBLISH QoS 0/1 (PUBACK after the message is recorded); QoS 2 closes the connection, as does a
//    publish to any topic this device may not publish to, a telemetry message over 256 KB (counted as IoT Hub
//    counts it), and a telemetry message over the D2C throttle: IoT Hub answers throttling on MQTT by
//    closing the connection (429 exists only on HTTPS; Azure/azure-iot-sdk-c#1766, MicrosoftDocs/azure-docs
//    #107838: after 429002 ThrottleBacklogLimitExceeded "it will proactively disconnect the device"). The
//    message is not recorded and gets no PUBACK, so an at-least-once client sends it again.
//  - SUBSCRIBE: only the documented filters (SUBACK 0x80 otherwise), at most Options::maxSubscriptions, QoS 2
//    granted as 1. Responses and desired-property updates are sent with the granted QoS, and only to a
//    device subscribed to their filter (as for any MQTT subscription: without one the request is still
//    carried out but its answer is not delivered). With CleanSession 0 the subscriptions outlive the
//    connection (CONNACK session present = 1 when the next clean-session-0 CONNECT finds them).
//  - Twin: GET → `$iothub/twin/res/200/?$rid=` with {"desired","reported"}; reported PATCH →
//    `res/204/?$rid=…&$version=n`; errors → `res/{status}/?$rid=` with IoT Hub's device-side error body
//    {"errorCode":400004,"trackingId","message","timestampUtc"} (400 bad JSON or twin rules, 429 throttled).
//  - A will (only to the device's own telemetry topic, else CONNACK 5) is recorded as telemetry with the
//    application property iothub-MessageType=Will when the connection ends without DISCONNECT (not when it is
//    replaced, revoked or the hub goes away).
//
// Design for ten thousand connections: per connection one QSslSocket, a small session record (device id,
// decoder, two bytes of subscriptions, a deadline; well under 1 KB) and no timer of its own — keep-alive and
// CONNECT deadlines share one TimeoutWheel on the Clock. Most of the ~100 KB a connection costs is Qt's and
// OpenSSL's (QSslSocket keeps a 32 KB write block on itself and on its TCP socket and a 16 KB read block;
// one SSL and SSL_CTX per socket). Single-threaded: every SandboxHub call happens on this object's thread.
// Run the process with QT_NO_GLIB=1: the GLib event dispatcher removes socket notifiers in O(connections),
// which made 10,000 connections about five times slower per message (docs/benchmarks.md has the numbers).
// To spread connections over worker threads later: accept in a QTcpServer here, hand the descriptor to a
// worker that owns the QSslSocket (startServerEncryption) and the sessions, and marshal the few hub calls
// (authorizeDevice, tryAcceptConnection, setConnected, touch, recordDeviceToCloud, deviceTwinProperties,
// patchReported) and the hub's signals across with queued invocations; CONNECT then answers asynchronously.
class DeviceMqttEndpoint : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        // The first packet must be a complete CONNECT within this time after the TLS handshake.
        std::chrono::milliseconds connectTimeout = std::chrono::seconds(30);
        // 1.5 × keep-alive, capped here (S-MQTT: 1767 s).
        std::chrono::milliseconds maxKeepAliveTimeout = std::chrono::seconds(1767);
        int maxSubscriptions = IotHubSubscription::MaxSubscriptionsPerDevice;
        qsizetype maxMessageSize = DeviceToCloudMessage::MaxSize;
        // Granularity of keep-alive and CONNECT deadlines.
        std::chrono::milliseconds timerResolution = std::chrono::seconds(1);
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(10);
        // A closed connection whose peer does not take the last bytes is aborted after this.
        std::chrono::milliseconds closeGrace = std::chrono::seconds(5);
        // TLS handshakes in flight plus accepted connections not yet picked up.
        int maxPendingConnections = 4096;
        // lastActivityTime is refreshed at most this often per connection (besides operations).
        std::chrono::milliseconds touchInterval = std::chrono::seconds(1);
    };

    enum class CloseReason {
        ClientDisconnect, // DISCONNECT packet
        PeerClosed, // the client closed the socket without DISCONNECT
        ConnectRefused, // CONNACK ≠ 0
        ConnectTimeout, // no CONNECT in time
        KeepAliveExpired,
        ProtocolViolation, // malformed packet, second CONNECT, QoS 2, packet a client may not send
        TopicNotAllowed, // PUBLISH to a topic this device may not publish to
        MessageTooLarge,
        Throttled, // over the D2C throttle
        HubError, // the hub could not take a message (outage, device gone)
        Replaced, // a new connection of the same device
        Revoked, // device deleted, disabled or its keys changed
        DropRequested, // SandboxHub::dropAllConnections()
        HubRemoved,
        ServerClosed,
    };
    Q_ENUM(CloseReason)

    DeviceMqttEndpoint(HubDirectory *hubs, const QSslConfiguration &tls, Clock *clock = Clock::system(),
                       QObject *parent = nullptr);
    DeviceMqttEndpoint(HubDirectory *hubs, const QSslConfiguration &tls, Clock *clock, const Options &options,
                       QObject *parent = nullptr);
    ~DeviceMqttEndpoint() override;

    // Listens for TLS connections (port 0 = a free port).
    Status listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    // Stops listening and closes every connection.
    void close();

    const Options &options() const;
    int connectionCount() const; // TLS connections, with or without a session
    int sessionCount() const; // connections past CONNACK 0
    bool isConnected(const QString &hubName, const QString &deviceId) const;

    // 1.5 × keep-alive, capped; a keep-alive of 0 gets the cap.
    static std::chrono::milliseconds keepAliveTimeout(quint16 keepAliveSeconds, std::chrono::milliseconds cap);
    // The MQTT status of a twin response for a hub error (its HTTP status, else one by kind).
    static int twinStatus(const ServiceError &error);
    // IoT Hub's device-side error body for a twin response (reference §1.8).
    static QByteArray twinErrorBody(const ServiceError &error, const QDateTime &nowUtc);
    static QString closeReasonName(CloseReason reason);

signals:
    void sessionStarted(const QString &hubName, const QString &deviceId);
    void sessionEnded(const QString &hubName, const QString &deviceId,
                      TwinBridge::Sandbox::DeviceMqttEndpoint::CloseReason reason);
    // Every connection that ends, with or without a session (the hub name and device id may be empty).
    void connectionClosed(const QString &hubName, const QString &deviceId,
                          TwinBridge::Sandbox::DeviceMqttEndpoint::CloseReason reason);
    void connectRefused(const QString &hubName, const QString &deviceId, int returnCode);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
