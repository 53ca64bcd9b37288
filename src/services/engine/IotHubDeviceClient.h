#pragma once

#include "services/core/Futures.h"
#include "services/core/Result.h"
#include "services/core/ServiceError.h"
#include "services/engine/TlsStream.h"
#include "services/protocol/MessagePropertyBag.h"
#include "services/protocol/MqttStreamDecoder.h"

#include <QByteArray>
#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <vector>

namespace TwinBridge {

class DeviceConnectionContext;
struct MqttPacket;

// One IoT Hub device connection "as the device" (DESIGN §1, reference/azure-protocols.md §1): MQTT 3.1.1 over
// a TlsStream (OpenSSL, the context's one SSL_CTX, no idle buffers), connecting to the profile's MQTT
// host/port while verifying the hub's logical host name; CONNECT with client id = device id, username
// `{hub}/{deviceId}/?api-version=2021-04-12` and a SAS token signed with the policy key as password;
// PINGREQ after keep-alive seconds of silence. Every deadline (connect, PUBACK, twin response, PINGRESP) runs
// on the context's shared TimeoutWheel and Clock.
//
// Errors (ServiceError, operation "connect device {id} to IoT Hub", "send telemetry of {id}", …):
// - CONNACK 3 → Unavailable, code "ServerUnavailable" (transient: retry later);
//   CONNACK 4/5 → Unauthorized, code "BadUsernameOrPassword"/"NotAuthorized" (not transient);
//   CONNACK 1/2 → BadRequest, code "UnacceptableProtocolVersion"/"IdentifierRejected".
// - TLS handshake or certificate problems → Tls; unreachable host, reset → Network; no answer → Timeout.
// - A connection that drops fails everything in flight with Network, code "ConnectionLost".
// - Twin response 429 → Throttled (httpStatus 429, retryAfter hint); 400 → BadRequest with the hub's body in
//   detail(); other statuses → the kind of that HTTP status.
// Single-threaded: use it on the context's thread.
class IotHubDeviceClient : public QObject, private TlsStream::Listener
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Closing };
    Q_ENUM(State)

    IotHubDeviceClient(QString deviceId, DeviceConnectionContext *context, QObject *parent = nullptr);
    ~IotHubDeviceClient() override;

    QString deviceId() const { return m_deviceId; }
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }

    // Opens the connection with a fresh token; resolves on CONNACK. Already connected: resolves at once;
    // connecting: the same attempt's result.
    QFuture<Status> connectToHub();
    // Sends DISCONNECT and closes. Everything in flight fails with Canceled. No disconnected() signal.
    void disconnectFromHub();

    // D2C telemetry on devices/{id}/messages/events/{properties}, QoS 1; resolves on PUBACK.
    QFuture<Status> publishTelemetry(const QByteArray &body, const MessagePropertyBag &properties);
    // JSON merge patch of the reported properties ($iothub/twin/PATCH/properties/reported/?$rid=…) once
    // $iothub/twin/res/# is subscribed (once per connection: on CONNACK, or before the first patch if
    // settings().subscribeOnConnect is off); resolves with the new reported $version on 204.
    QFuture<Result<qint64>> patchReported(const QJsonObject &patch);
    QFuture<Result<qint64>> patchReported(const QByteArray &patchJson);

    // Expiry of the token the current connection was opened with (seconds since the epoch, 0 if none).
    qint64 tokenExpiry() const { return m_tokenExpiry; }
    // PINGRESPs received on this client (keep-alive diagnostics).
    quint32 pingsAnswered() const { return m_pingsAnswered; }
    // Operations waiting for an answer.
    int inFlight() const { return int(m_pending.size()) + int(m_waitingForSubscription.size()); }

    // Called whenever disconnected() is emitted, just before it: for an owner of thousands of clients, which
    // then needs no signal connection (and its bookkeeping) per client. Empty = none.
    void setDisconnectHandler(std::function<void(const ServiceError &)> handler)
    {
        m_disconnectHandler = std::move(handler);
    }

signals:
    // The connection ended without disconnectFromHub(): a drop, a keep-alive or operation timeout, or a
    // refused CONNECT. Everything in flight has already failed with `reason`.
    void disconnected(const TwinBridge::ServiceError &reason);

private:
    friend class DeviceConnectionContext;

    enum class PendingKind : quint8 { Publish, Patch, Subscribe };
    struct Pending
    {
        PendingKind kind;
        quint32 id; // packet id (Publish, Subscribe) or $rid (Patch)
        qint64 deadlineMs;
        Futures::SharedPromise<Status> status; // Publish, Subscribe
        Futures::SharedPromise<Result<qint64>> version; // Patch
    };
    struct WaitingPatch
    {
        QByteArray json;
        Futures::SharedPromise<Result<qint64>> version;
    };

    // TlsStream::Listener
    void tlsEncrypted() override;
    void tlsReceived(const QByteArray &bytes) override;
    void tlsFailed(const ServiceError &error) override;
    void tlsDisconnected() override;
    void handlePacket(const MqttPacket &packet);
    void handleConnack(const MqttPacket &packet);
    void handlePublish(const MqttPacket &packet);
    void sendPatch(const QByteArray &json, const Futures::SharedPromise<Result<qint64>> &promise);
    void sendSubscribe();
    void write(const QByteArray &bytes);
    void onDeadline();
    void scheduleDeadline(qint64 dueMs);
    void fail(const ServiceError &error, bool notify);
    void closeSocket();
    quint16 nextPacketId();
    QString connectOperation() const;
    QString useOperation() const;
    QString telemetryOperation() const;
    QString patchOperation() const;

    QString m_deviceId;
    DeviceConnectionContext *m_context;
    quint64 m_key = 0;
    TlsStream *m_socket = nullptr;
    MqttStreamDecoder m_decoder;
    State m_state = State::Disconnected;
    Futures::SharedPromise<Status> m_connectPromise;
    std::vector<Pending> m_pending;
    std::vector<WaitingPatch> m_waitingForSubscription;
    std::function<void(const ServiceError &)> m_disconnectHandler;
    qint64 m_tokenExpiry = 0;
    qint64 m_connectDeadlineMs = 0;
    qint64 m_lastSendMs = 0;
    qint64 m_pingDeadlineMs = 0; // a PINGREQ is outstanding while non-zero
    qint64 m_scheduledMs = 0; // earliest deadline queued on the wheel, 0 if none
    quint32 m_nextRequestId = 1;
    quint32 m_pingsAnswered = 0;
    quint16 m_nextPacketId = 1;
    bool m_subscribed = false;
    bool m_subscribing = false;
};

} // namespace TwinBridge
