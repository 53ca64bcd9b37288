#include "services/engine/IotHubDeviceClient.h"

#include "services/core/Logging.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/TlsStream.h"
#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/IotHubTopic.h"
#include "services/protocol/MqttPacket.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace TwinBridge {

namespace {

constexpr quint16 TwinResponseSubscriptionQos = 0;

QString twinResponseFilter()
{
    return QStringLiteral("$iothub/twin/res/#");
}

// IoT Hub gives no Retry-After over MQTT; its throttles are per second, so a second is the natural hint.
constexpr std::chrono::milliseconds ThrottleHint = std::chrono::seconds(1);

} // namespace

IotHubDeviceClient::IotHubDeviceClient(QString deviceId, DeviceConnectionContext *context, QObject *parent)
    : QObject(parent)
    , m_deviceId(std::move(deviceId))
    , m_context(context)
{
    m_key = m_context->registerClient(this);
}

IotHubDeviceClient::~IotHubDeviceClient()
{
    m_context->unregisterClient(m_key);
    if (m_state != State::Disconnected) {
        ServiceError error = ServiceError::canceled(useOperation());
        fail(error, false);
    }
}

QString IotHubDeviceClient::connectOperation() const
{
    return tr("connect device %1 to IoT Hub").arg(m_deviceId);
}

QString IotHubDeviceClient::useOperation() const
{
    return tr("use the IoT Hub connection of %1").arg(m_deviceId);
}

QString IotHubDeviceClient::telemetryOperation() const
{
    return tr("send telemetry of %1").arg(m_deviceId);
}

QString IotHubDeviceClient::patchOperation() const
{
    return tr("update the reported properties of %1").arg(m_deviceId);
}

QFuture<Status> IotHubDeviceClient::connectToHub()
{
    if (m_state == State::Connected)
        return Futures::readyResult<Done>(Done {});
    if (m_state == State::Connecting && m_connectPromise)
        return m_connectPromise->future();
    if (m_state == State::Closing)
        closeSocket();

    const DeviceConnectionSettings &settings = m_context->settings();
    m_state = State::Connecting;
    m_connectPromise = Futures::startedPromise<Status>();
    m_decoder = MqttStreamDecoder();
    m_subscribed = false;
    m_subscribing = false;
    m_pingDeadlineMs = 0;
    m_tokenExpiry = 0;

    const Futures::SharedPromise<Status> promise = m_connectPromise;
    m_socket = new TlsStream(m_context->tlsContext(), this, this);

    const qint64 now = m_context->clock()->monotonicMs();
    m_connectDeadlineMs = now + settings.connectTimeout.count();
    scheduleDeadline(m_connectDeadlineMs);
    qCDebug(lcIotHubMqtt) << "Connecting device" << m_deviceId << "to" << settings.effectiveConnectHost()
                          << settings.connectPort;
    // May fail at once (the promise is then already finished).
    m_socket->connectToHost(settings.effectiveConnectHost(), settings.connectPort, settings.hubHostName);
    return promise->future();
}

void IotHubDeviceClient::disconnectFromHub()
{
    if (m_state == State::Disconnected)
        return;
    if (m_state == State::Connected && m_socket)
        write(MqttEncode::disconnect());
    fail(ServiceError::canceled(useOperation()), false);
}

void IotHubDeviceClient::tlsEncrypted()
{
    const DeviceConnectionSettings &settings = m_context->settings();
    MqttConnect connect;
    connect.clientId = m_deviceId;
    connect.cleanSession = true;
    connect.keepAliveSeconds = quint16(std::clamp<qint64>(settings.keepAlive.count(), 0, 65535));
    connect.username = IotHubMqttUsername::build(settings.hubHostName, m_deviceId);
    connect.password = m_context->deviceToken(m_deviceId, &m_tokenExpiry).toUtf8();
    write(MqttEncode::connect(connect));
}

void IotHubDeviceClient::tlsReceived(const QByteArray &bytes)
{
    if (!m_socket)
        return;
    m_decoder.append(bytes);
    while (m_socket) {
        std::optional<Result<MqttPacket>> packet = m_decoder.next();
        if (!packet)
            break;
        if (!packet->ok()) {
            ServiceError error(ServiceError::Kind::MalformedResponse,
                               tr("IoT Hub sent a malformed MQTT packet; the connection was closed and will be "
                                  "opened again."),
                               packet->error().message());
            error.setCode(QStringLiteral("MalformedPacket")).setOperation(useOperation());
            fail(error, true);
            return;
        }
        handlePacket(packet->value());
    }
}

void IotHubDeviceClient::handlePacket(const MqttPacket &packet)
{
    switch (packet.type) {
    case MqttPacketType::Connack:
        if (m_state == State::Connecting) {
            handleConnack(packet);
            return;
        }
        break; // a second CONNACK: a protocol violation like any other unexpected packet
    case MqttPacketType::Puback:
    case MqttPacketType::Suback: {
        const PendingKind kind = packet.type == MqttPacketType::Puback ? PendingKind::Publish : PendingKind::Subscribe;
        auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const Pending &pending) {
            return pending.kind == kind && pending.id == packet.packetId;
        });
        if (it == m_pending.end())
            return;
        Futures::SharedPromise<Status> promise = it->status;
        m_pending.erase(it);
        if (m_pending.empty())
            m_pending = {}; // an idle connection holds no operation list
        if (kind == PendingKind::Subscribe) {
            m_subscribing = false;
            if (packet.subackCodes.isEmpty() || packet.subackCodes.first() == 0x80) {
                ServiceError error(ServiceError::Kind::Forbidden,
                                   tr("IoT Hub refused the subscription to twin responses. Check that the hub's "
                                      "tier has device twins (Free or Standard)."));
                error.setCode(QStringLiteral("SubscriptionRefused")).setOperation(patchOperation());
                const std::vector<WaitingPatch> waiting = std::exchange(m_waitingForSubscription, {});
                for (const WaitingPatch &patch : waiting)
                    Futures::fulfil(patch.version, Result<qint64>(error));
                return;
            }
            m_subscribed = true;
            const std::vector<WaitingPatch> waiting = std::exchange(m_waitingForSubscription, {});
            for (const WaitingPatch &patch : waiting)
                sendPatch(patch.json, patch.version);
            return;
        }
        Futures::fulfil(promise, Status(Done {}));
        return;
    }
    case MqttPacketType::Publish:
        handlePublish(packet);
        return;
    case MqttPacketType::Pingresp:
        m_pingDeadlineMs = 0;
        ++m_pingsAnswered;
        return;
    default:
        break;
    }
    ServiceError error(ServiceError::Kind::MalformedResponse,
                       tr("IoT Hub sent an MQTT packet a device never receives; the connection was closed."),
                       QStringLiteral("packet type %1").arg(int(packet.type)));
    error.setCode(QStringLiteral("UnexpectedPacket")).setOperation(useOperation());
    fail(error, true);
}

void IotHubDeviceClient::handleConnack(const MqttPacket &packet)
{
    if (packet.connackCode == MqttConnackCode::Accepted) {
        m_state = State::Connected;
        m_connectDeadlineMs = 0;
        m_lastSendMs = m_context->clock()->monotonicMs();
        scheduleDeadline(m_lastSendMs + qint64(m_context->settings().keepAlive.count()) * 1000);
        qCDebug(lcIotHubMqtt) << "Device" << m_deviceId << "connected";
        // Subscribing now overlaps the SUBACK with the first telemetry's PUBACK: the reported patch that
        // usually follows it need not wait one more round trip.
        if (m_context->settings().subscribeOnConnect)
            sendSubscribe();
        Futures::fulfil(std::exchange(m_connectPromise, nullptr), Status(Done {}));
        return;
    }
    ServiceError error;
    switch (packet.connackCode) {
    case MqttConnackCode::ServerUnavailable:
        error = ServiceError(ServiceError::Kind::Unavailable,
                             tr("IoT Hub is unavailable or throttling new device connections (CONNACK 3). The "
                                "connection will be retried after a pause."));
        error.setCode(QStringLiteral("ServerUnavailable")); // no hint: the caller's back-off decides
        break;
    case MqttConnackCode::BadUsernameOrPassword:
        error = ServiceError(ServiceError::Kind::Unauthorized,
                             tr("IoT Hub refused the device's user name or SAS token (CONNACK 4). Check the access "
                                "policy name and key in the profile."));
        error.setCode(QStringLiteral("BadUsernameOrPassword"));
        break;
    case MqttConnackCode::NotAuthorized:
        error = ServiceError(ServiceError::Kind::Unauthorized,
                             tr("IoT Hub did not authorize the device (CONNACK 5): the SAS token is wrong or expired, "
                                "the policy lacks the DeviceConnect right, or the device is disabled or unknown. "
                                "Check the access policy and the device identity."));
        error.setCode(QStringLiteral("NotAuthorized"));
        break;
    case MqttConnackCode::IdentifierRejected:
        error = ServiceError(ServiceError::Kind::BadRequest,
                             tr("IoT Hub rejected the device id as MQTT client identifier (CONNACK 2). Check that "
                                "the device id is valid for IoT Hub."));
        error.setCode(QStringLiteral("IdentifierRejected"));
        break;
    default:
        error = ServiceError(ServiceError::Kind::BadRequest,
                             tr("IoT Hub refused the MQTT protocol version (CONNACK 1). It expects MQTT 3.1.1."));
        error.setCode(QStringLiteral("UnacceptableProtocolVersion"));
        break;
    }
    error.setOperation(connectOperation());
    qCDebug(lcIotHubMqtt) << "Device" << m_deviceId << "refused: CONNACK" << int(packet.connackCode);
    fail(error, true);
}

void IotHubDeviceClient::handlePublish(const MqttPacket &packet)
{
    if (packet.publish.qos == 1)
        write(MqttEncode::puback(packet.publish.packetId));
    const Result<IotHubTopic> topic = IotHubTopic::parse(packet.publish.topic);
    if (!topic.ok() || topic.value().kind() != IotHubTopic::Kind::TwinResponse)
        return; // desired-property pushes, C2D: not subscribed by this client
    bool numeric = false;
    const quint32 rid = topic.value().requestId().toUInt(&numeric);
    if (!numeric)
        return;
    auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const Pending &pending) {
        return pending.kind == PendingKind::Patch && pending.id == rid;
    });
    if (it == m_pending.end())
        return;
    Futures::SharedPromise<Result<qint64>> promise = it->version;
    m_pending.erase(it);
    if (m_pending.empty())
        m_pending = {};

    const int status = topic.value().status();
    const QString operation = patchOperation();
    if (status >= 200 && status < 300) {
        if (const std::optional<qint64> version = topic.value().version()) {
            Futures::fulfil(promise, Result<qint64>(*version));
            return;
        }
        ServiceError error =
            ServiceError::malformedResponse(operation, QStringLiteral("twin response %1 without $version").arg(status));
        Futures::fulfil(promise, Result<qint64>(error));
        return;
    }
    // The hub's error body: {"errorCode":429001,"trackingId":…,"message":…,"timestampUtc":…} (§1.8).
    const QJsonObject body = QJsonDocument::fromJson(packet.publish.payload).object();
    const QString hubMessage = body.value(QStringLiteral("message")).toString();
    const QJsonValue code = body.value(QStringLiteral("errorCode"));
    ServiceError error;
    switch (status) {
    case 429:
        error = ServiceError(ServiceError::Kind::Throttled,
                             tr("IoT Hub is throttling twin updates (429). The update will be retried after a pause."),
                             QString::fromUtf8(packet.publish.payload));
        error.setRetryAfter(ThrottleHint);
        break;
    case 400:
        error = ServiceError(ServiceError::Kind::BadRequest,
                             hubMessage.isEmpty()
                                 ? tr("IoT Hub rejected the reported-property patch as malformed (400).")
                                 : tr("IoT Hub rejected the reported-property patch (400): %1").arg(hubMessage),
                             QString::fromUtf8(packet.publish.payload));
        break;
    default:
        error = ServiceError(
            ServiceError::kindForHttpStatus(status),
            hubMessage.isEmpty()
                ? tr("IoT Hub answered the reported-property patch with status %1.").arg(status)
                : tr("IoT Hub answered the reported-property patch with status %1: %2").arg(status).arg(hubMessage),
            QString::fromUtf8(packet.publish.payload));
        break;
    }
    error.setHttpStatus(status).setOperation(operation);
    if (code.isDouble())
        error.setCode(QString::number(qint64(code.toDouble())));
    else if (code.isString())
        error.setCode(code.toString());
    Futures::fulfil(promise, Result<qint64>(error));
}

QFuture<Status> IotHubDeviceClient::publishTelemetry(const QByteArray &body, const MessagePropertyBag &properties)
{
    if (m_state != State::Connected) {
        ServiceError error(ServiceError::Kind::Network, tr("The device is not connected to IoT Hub."));
        error.setCode(QStringLiteral("NotConnected")).setOperation(telemetryOperation());
        return Futures::readyResult<Done>(error);
    }
    MqttPublish publish;
    publish.topic = IotHubTopic::telemetry(m_deviceId, properties);
    publish.payload = body;
    publish.qos = 1;
    publish.packetId = nextPacketId();
    auto promise = Futures::startedPromise<Status>();
    const qint64 deadline = m_context->clock()->monotonicMs() + m_context->settings().operationTimeout.count();
    m_pending.push_back(Pending {PendingKind::Publish, publish.packetId, deadline, promise, nullptr});
    scheduleDeadline(deadline);
    write(MqttEncode::publish(publish));
    return promise->future();
}

QFuture<Result<qint64>> IotHubDeviceClient::patchReported(const QJsonObject &patch)
{
    return patchReported(QJsonDocument(patch).toJson(QJsonDocument::Compact));
}

QFuture<Result<qint64>> IotHubDeviceClient::patchReported(const QByteArray &patchJson)
{
    if (m_state != State::Connected) {
        ServiceError error(ServiceError::Kind::Network, tr("The device is not connected to IoT Hub."));
        error.setCode(QStringLiteral("NotConnected")).setOperation(patchOperation());
        return Futures::readyResult<qint64>(error);
    }
    auto promise = Futures::startedPromise<Result<qint64>>();
    if (m_subscribed) {
        sendPatch(patchJson, promise);
    } else {
        m_waitingForSubscription.push_back(WaitingPatch {patchJson, promise});
        if (!m_subscribing)
            sendSubscribe();
    }
    return promise->future();
}

void IotHubDeviceClient::sendSubscribe()
{
    m_subscribing = true;
    const quint16 packetId = nextPacketId();
    const qint64 deadline = m_context->clock()->monotonicMs() + m_context->settings().operationTimeout.count();
    m_pending.push_back(
        Pending {PendingKind::Subscribe, packetId, deadline, Futures::startedPromise<Status>(), nullptr});
    scheduleDeadline(deadline);
    write(MqttEncode::subscribe(packetId, {MqttSubscription {twinResponseFilter(), TwinResponseSubscriptionQos}}));
}

void IotHubDeviceClient::sendPatch(const QByteArray &json, const Futures::SharedPromise<Result<qint64>> &promise)
{
    const quint32 rid = m_nextRequestId++;
    if (m_nextRequestId == 0)
        m_nextRequestId = 1;
    MqttPublish publish;
    publish.topic = IotHubTopic::twinReportedPatch(QString::number(rid));
    publish.payload = json;
    publish.qos = 0; // as the SDKs send twin requests; the response is the acknowledgement
    const qint64 deadline = m_context->clock()->monotonicMs() + m_context->settings().operationTimeout.count();
    m_pending.push_back(Pending {PendingKind::Patch, rid, deadline, nullptr, promise});
    scheduleDeadline(deadline);
    write(MqttEncode::publish(publish));
}

quint16 IotHubDeviceClient::nextPacketId()
{
    const quint16 id = m_nextPacketId++;
    if (m_nextPacketId == 0)
        m_nextPacketId = 1;
    return id;
}

void IotHubDeviceClient::write(const QByteArray &bytes)
{
    if (!m_socket)
        return;
    m_socket->write(bytes);
    m_lastSendMs = m_context->clock()->monotonicMs();
}

void IotHubDeviceClient::scheduleDeadline(qint64 dueMs)
{
    if (m_scheduledMs != 0 && m_scheduledMs <= dueMs)
        return;
    m_scheduledMs = dueMs;
    m_context->scheduleDeadline(m_key, dueMs);
}

void IotHubDeviceClient::onDeadline()
{
    const qint64 now = m_context->clock()->monotonicMs();
    if (m_scheduledMs > now)
        return; // a stale entry: an earlier deadline was queued after it and handled meanwhile
    m_scheduledMs = 0;
    if (m_state == State::Disconnected || m_state == State::Closing)
        return;
    const DeviceConnectionSettings &settings = m_context->settings();

    if (m_state == State::Connecting) {
        if (m_connectDeadlineMs != 0 && now >= m_connectDeadlineMs) {
            ServiceError error(ServiceError::Kind::Timeout,
                               tr("IoT Hub did not accept the connection within %1 seconds. Check the MQTT host and "
                                  "port of the profile and the network.")
                                   .arg(settings.connectTimeout.count() / 1000.0));
            error.setCode(QStringLiteral("ConnectTimeout")).setOperation(connectOperation());
            fail(error, true);
            return;
        }
        scheduleDeadline(m_connectDeadlineMs);
        return;
    }

    // Connected: operations, PINGRESP, keep-alive.
    qint64 next = 0;
    auto consider = [&next](qint64 due) {
        if (due != 0 && (next == 0 || due < next))
            next = due;
    };
    for (const Pending &pending : m_pending) {
        if (now >= pending.deadlineMs) {
            ServiceError error(ServiceError::Kind::Timeout,
                               tr("IoT Hub did not answer within %1 seconds; the connection was closed and will be "
                                  "opened again.")
                                   .arg(settings.operationTimeout.count() / 1000.0));
            error.setCode(QStringLiteral("OperationTimeout")).setOperation(useOperation());
            fail(error, true);
            return;
        }
        consider(pending.deadlineMs);
    }
    if (m_pingDeadlineMs != 0) {
        if (now >= m_pingDeadlineMs) {
            ServiceError error(ServiceError::Kind::Timeout,
                               tr("IoT Hub did not answer the keep-alive ping; the connection was closed."));
            error.setCode(QStringLiteral("KeepAliveTimeout")).setOperation(useOperation());
            fail(error, true);
            return;
        }
        consider(m_pingDeadlineMs);
    }
    const qint64 keepAliveMs = qint64(settings.keepAlive.count()) * 1000;
    if (keepAliveMs > 0) {
        if (m_pingDeadlineMs == 0 && now >= m_lastSendMs + keepAliveMs) {
            write(MqttEncode::pingreq());
            m_pingDeadlineMs = now + std::min<qint64>(settings.operationTimeout.count(), keepAliveMs);
            consider(m_pingDeadlineMs);
        }
        consider(m_lastSendMs + keepAliveMs);
    }
    if (next != 0)
        scheduleDeadline(next);
}

void IotHubDeviceClient::tlsFailed(const ServiceError &streamError)
{
    if (m_state == State::Disconnected || m_state == State::Closing)
        return;
    ServiceError error = streamError;
    error.setOperation(m_state == State::Connecting ? connectOperation() : useOperation());
    qCDebug(lcIotHubMqtt) << "Device" << m_deviceId << "connection failed:" << error.code() << error.detail();
    fail(error, true);
}

void IotHubDeviceClient::tlsDisconnected()
{
    if (m_state == State::Disconnected || m_state == State::Closing)
        return;
    ServiceError error(ServiceError::Kind::Network,
                       m_state == State::Connecting
                           ? tr("IoT Hub closed the connection before accepting the device; it will be retried.")
                           : tr("IoT Hub closed the device's connection; it will be opened again."));
    error.setCode(QStringLiteral("ConnectionLost"))
        .setOperation(m_state == State::Connecting ? connectOperation() : useOperation());
    fail(error, true);
}

void IotHubDeviceClient::closeSocket()
{
    if (!m_socket)
        return;
    TlsStream *socket = std::exchange(m_socket, nullptr);
    socket->clearListener();
    socket->close(); // flushes a queued DISCONNECT, sends close_notify
    socket->deleteLater();
}

void IotHubDeviceClient::fail(const ServiceError &error, bool notify)
{
    const bool wasOpen = m_state != State::Disconnected;
    m_state = State::Closing;
    closeSocket();
    m_state = State::Disconnected;
    m_subscribed = false;
    m_subscribing = false;
    m_pingDeadlineMs = 0;
    m_connectDeadlineMs = 0;
    m_decoder = MqttStreamDecoder();
    m_tokenExpiry = 0;

    const Futures::SharedPromise<Status> connectPromise = std::exchange(m_connectPromise, nullptr);
    const std::vector<Pending> pending = std::exchange(m_pending, {});
    const std::vector<WaitingPatch> waiting = std::exchange(m_waitingForSubscription, {});
    // The owner hears of the drop first (it may free the connection slot), then the operations fail.
    if (notify && wasOpen) {
        if (m_disconnectHandler) {
            // A copy: the handler may replace itself (the pool clears it when it lets the client go).
            const std::function<void(const ServiceError &)> handler = m_disconnectHandler;
            handler(error);
        }
        emit disconnected(error);
    }
    if (connectPromise)
        Futures::fulfil(connectPromise, Status(error));
    for (const Pending &item : pending) {
        if (item.status)
            Futures::fulfil(item.status, Status(error));
        if (item.version)
            Futures::fulfil(item.version, Result<qint64>(error));
    }
    for (const WaitingPatch &patch : waiting)
        Futures::fulfil(patch.version, Result<qint64>(error));
}

} // namespace TwinBridge
