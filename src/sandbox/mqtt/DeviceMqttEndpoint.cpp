#include "sandbox/mqtt/DeviceMqttEndpoint.h"

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/mqtt/DeviceSubscriptions.h"
#include "services/core/Logging.h"
#include "services/core/TimeoutWheel.h"
#include "services/iothub/IotHubErrorEnvelope.h"
#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/IotHubTopic.h"
#include "services/protocol/MqttPacket.h"
#include "services/protocol/MqttStreamDecoder.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslServer>
#include <QSslSocket>

#include <unordered_map>
#include <vector>

namespace TwinBridge::Sandbox {

using Kind = IotHubSubscription::Kind;

namespace {

quint64 wheelKey(quint32 slot, quint32 generation)
{
    return (quint64(slot) << 32) | generation;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

struct DeviceSession;

// One hub the endpoint has sessions on: its connected devices and the kept subscriptions of clean-session-0
// devices.
struct HubBinding
{
    QPointer<SandboxHub> hub;
    QString name;
    QHash<QString, DeviceSession *> sessions;
    QHash<QString, quint8> keptSubscriptions;
    std::vector<QMetaObject::Connection> connections;
};

struct DeviceSession
{
    enum class State : quint8 { AwaitingConnect, Connected, Closed };

    QSslSocket *socket = nullptr;
    MqttStreamDecoder decoder;
    HubBinding *binding = nullptr;
    QString deviceId;
    std::unique_ptr<MqttPublish> will;
    qint64 lastActivityMs = 0;
    qint64 lastTouchMs = 0;
    qint64 timeoutMs = 0;
    quint32 slot = 0;
    quint32 generation = 0;
    quint16 lastPacketId = 0;
    DeviceSubscriptions subscriptions;
    State state = State::AwaitingConnect;
    bool cleanSession = true;
};

} // namespace

class DeviceMqttEndpoint::Private
{
public:
    Private(DeviceMqttEndpoint *owner, HubDirectory *hubs, const QSslConfiguration &tls, Clock *timeSource,
            Options settings)
        : m_q(owner)
        , m_directory(hubs)
        , m_clock(timeSource)
        , m_options(std::move(settings))
        , m_wheel(
              timeSource, owner, [this](quint64 key) { onDeadline(key); }, m_options.timerResolution, 4096)
    {
        m_server.setSslConfiguration(tls);
        m_server.setHandshakeTimeout(int(m_options.handshakeTimeout.count()));
        m_server.setMaxPendingConnections(m_options.maxPendingConnections);
    }

    // --- connections ------------------------------------------------------------------------------------
    void acceptPending();
    void addConnection(QSslSocket *socket);
    void onReadyRead(DeviceSession *session);
    void onDeadline(quint64 key);
    void scheduleDeadline(DeviceSession *session);
    void closeSession(DeviceSession *session, CloseReason reason);
    void closeAll(CloseReason reason);
    void write(DeviceSession *session, const QByteArray &bytes) { session->socket->write(bytes); }
    void publish(DeviceSession *session, const QString &topic, const QByteArray &payload, quint8 qos);

    // --- MQTT ---------------------------------------------------------------------------------------------
    void handlePacket(DeviceSession *session, MqttPacket &packet);
    void handleConnect(DeviceSession *session, MqttConnect &connect);
    // `hub` (if known) counts the refusal unless it already did (tryAcceptConnection counts its own).
    void refuse(DeviceSession *session, MqttConnackCode code, SandboxHub *hub, const QString &deviceId,
                const QString &why, bool countIt = true);
    void handlePublish(DeviceSession *session, MqttPublish &publish);
    void handleTelemetry(DeviceSession *session, const IotHubTopic &topic, MqttPublish &publish);
    void handleTwinGet(DeviceSession *session, const IotHubTopic &topic);
    void handleTwinPatch(DeviceSession *session, const IotHubTopic &topic, const QByteArray &payload);
    void twinReply(DeviceSession *session, int status, const QString &requestId, std::optional<qint64> version,
                   const QByteArray &body);
    void touch(DeviceSession *session);
    void recordWill(DeviceSession *session);

    // --- hubs -----------------------------------------------------------------------------------------------
    HubBinding *bind(SandboxHub *hub);
    void unbind(HubBinding *binding, CloseReason reason);
    HubBinding *bindingNamed(const QString &name) const;

    DeviceMqttEndpoint *m_q;
    QPointer<HubDirectory> m_directory;
    Clock *m_clock;
    Options m_options;
    QSslServer m_server;
    TimeoutWheel m_wheel;
    std::vector<std::unique_ptr<DeviceSession>> m_slots;
    std::vector<quint32> m_freeSlots;
    std::vector<std::unique_ptr<DeviceSession>> m_closed; // freed on the next event-loop turn
    bool m_cleanupPosted = false;
    quint32 m_nextGeneration = 1;
    int m_connectionCount = 0;
    int m_sessionCount = 0;
    std::unordered_map<SandboxHub *, std::unique_ptr<HubBinding>> m_bindings;
};

// --- connections ------------------------------------------------------------------------------------------

void DeviceMqttEndpoint::Private::acceptPending()
{
    while (m_server.hasPendingConnections()) {
        auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection());
        if (socket)
            addConnection(socket);
    }
}

void DeviceMqttEndpoint::Private::addConnection(QSslSocket *socket)
{
    auto owned = std::make_unique<DeviceSession>();
    DeviceSession *session = owned.get();
    session->socket = socket;
    if (m_freeSlots.empty()) {
        session->slot = quint32(m_slots.size());
        m_slots.push_back(std::move(owned));
    } else {
        session->slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        m_slots[session->slot] = std::move(owned);
    }
    ++m_connectionCount;
    // Small request/response packets: do not let Nagle hold a PUBACK back for a delayed ACK.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QObject::connect(socket, &QIODevice::readyRead, m_q, [this, session] { onReadyRead(session); });
    QObject::connect(socket, &QAbstractSocket::disconnected, m_q,
                     [this, session] { closeSession(session, CloseReason::PeerClosed); });
    session->lastActivityMs = m_clock->monotonicMs();
    session->timeoutMs = m_options.connectTimeout.count();
    scheduleDeadline(session);
    // Bytes that came with the end of the handshake are read first, even if the client has gone since.
    if (socket->bytesAvailable() > 0)
        onReadyRead(session);
    if (session->state != DeviceSession::State::Closed && socket->state() != QAbstractSocket::ConnectedState)
        closeSession(session, CloseReason::PeerClosed);
}

void DeviceMqttEndpoint::Private::scheduleDeadline(DeviceSession *session)
{
    // A new generation retires any entry already on the m_wheel for this session.
    session->generation = m_nextGeneration++;
    if (m_nextGeneration == 0)
        m_nextGeneration = 1;
    m_wheel.schedule(wheelKey(session->slot, session->generation), session->lastActivityMs + session->timeoutMs);
}

void DeviceMqttEndpoint::Private::onDeadline(quint64 key)
{
    const quint32 slot = quint32(key >> 32);
    const quint32 generation = quint32(key & 0xffffffffu);
    if (slot >= m_slots.size() || !m_slots[slot])
        return;
    DeviceSession *session = m_slots[slot].get();
    if (session->generation != generation || session->state == DeviceSession::State::Closed)
        return;
    const qint64 deadline = session->lastActivityMs + session->timeoutMs;
    if (m_clock->monotonicMs() < deadline) {
        m_wheel.schedule(key, deadline);
        return;
    }
    if (session->state == DeviceSession::State::AwaitingConnect) {
        qCDebug(lcSandbox) << "MQTT: no CONNECT within" << session->timeoutMs << "ms; closing";
        closeSession(session, CloseReason::ConnectTimeout);
    } else {
        qCDebug(lcSandbox) << "MQTT: keep-alive of" << session->deviceId << "expired after" << session->timeoutMs
                           << "ms";
        closeSession(session, CloseReason::KeepAliveExpired);
    }
}

void DeviceMqttEndpoint::Private::onReadyRead(DeviceSession *session)
{
    if (session->state == DeviceSession::State::Closed)
        return;
    // read(n) allocates exactly what arrived; readAll() reserves a 16 KB block the decoder would keep.
    session->decoder.append(session->socket->read(session->socket->bytesAvailable()));
    while (session->state != DeviceSession::State::Closed) {
        std::optional<Result<MqttPacket>> next = session->decoder.next();
        if (!next)
            break;
        if (!next->ok()) {
            const bool tooLarge = next->error().code() == QLatin1String("PacketTooLarge");
            qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId << "-" << next->error().message();
            closeSession(session, tooLarge ? CloseReason::MessageTooLarge : CloseReason::ProtocolViolation);
            break;
        }
        handlePacket(session, next->value());
    }
}

void DeviceMqttEndpoint::Private::closeSession(DeviceSession *session, CloseReason reason)
{
    if (session->state == DeviceSession::State::Closed)
        return;
    const bool hadSession = session->state == DeviceSession::State::Connected;
    session->state = DeviceSession::State::Closed;
    QSslSocket *socket = session->socket;
    QObject::disconnect(socket, nullptr, m_q, nullptr);

    QString hubName;
    if (hadSession) {
        HubBinding *binding = session->binding;
        hubName = binding->name;
        if (binding->sessions.value(session->deviceId) == session)
            binding->sessions.remove(session->deviceId);
        const bool gone = reason == CloseReason::Revoked || reason == CloseReason::HubRemoved;
        if (!session->cleanSession && !gone)
            binding->keptSubscriptions.insert(session->deviceId, session->subscriptions.toByte());
        else
            binding->keptSubscriptions.remove(session->deviceId);
        if (SandboxHub *hub = binding->hub) {
            const bool willApplies = reason == CloseReason::PeerClosed || reason == CloseReason::KeepAliveExpired ||
                reason == CloseReason::ProtocolViolation || reason == CloseReason::TopicNotAllowed ||
                reason == CloseReason::MessageTooLarge || reason == CloseReason::Throttled ||
                reason == CloseReason::HubError || reason == CloseReason::DropRequested;
            if (session->will && willApplies)
                recordWill(session);
            hub->setConnected(session->deviceId, false);
        }
        --m_sessionCount;
    }
    --m_connectionCount;

    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
    } else {
        QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        // disconnectFromHost() sends what is buffered (a CONNACK) first; abort if the peer does not take it.
        m_clock->callAfter(m_options.closeGrace, socket, [socket] { socket->abort(); });
        socket->disconnectFromHost();
    }

    // The session may be in use up the stack (a packet loop): free it on the next event-loop turn.
    m_slots[session->slot].swap(m_closed.emplace_back());
    m_freeSlots.push_back(session->slot);
    if (!m_cleanupPosted) {
        m_cleanupPosted = true;
        QMetaObject::invokeMethod(
            m_q,
            [this] {
                m_cleanupPosted = false;
                m_closed.clear();
            },
            Qt::QueuedConnection);
    }

    const QString deviceId = session->deviceId;
    if (hadSession)
        emit m_q->sessionEnded(hubName, deviceId, reason);
    emit m_q->connectionClosed(hubName, deviceId, reason);
}

void DeviceMqttEndpoint::Private::closeAll(CloseReason reason)
{
    for (qsizetype i = 0; i < qsizetype(m_slots.size()); ++i) {
        if (m_slots[size_t(i)])
            closeSession(m_slots[size_t(i)].get(), reason);
    }
}

void DeviceMqttEndpoint::Private::publish(DeviceSession *session, const QString &topic, const QByteArray &payload,
                                          quint8 qos)
{
    MqttPublish message;
    message.topic = topic;
    message.payload = payload;
    message.qos = qos;
    if (qos > 0) {
        // Outgoing QoS 1 messages are not redelivered; the client's PUBACK is accepted and ignored.
        if (++session->lastPacketId == 0)
            session->lastPacketId = 1;
        message.packetId = session->lastPacketId;
    }
    write(session, MqttEncode::publish(message));
}

void DeviceMqttEndpoint::Private::touch(DeviceSession *session)
{
    const qint64 now = m_clock->monotonicMs();
    session->lastActivityMs = now;
    if (now - session->lastTouchMs >= m_options.touchInterval.count()) {
        session->lastTouchMs = now;
        if (SandboxHub *hub = session->binding->hub)
            hub->touch(session->deviceId);
    }
}

// --- MQTT ---------------------------------------------------------------------------------------------------

void DeviceMqttEndpoint::Private::handlePacket(DeviceSession *session, MqttPacket &packet)
{
    if (session->state == DeviceSession::State::AwaitingConnect) {
        if (packet.type != MqttPacketType::Connect) {
            qCDebug(lcSandbox) << "MQTT: first packet is not CONNECT but type" << int(packet.type);
            closeSession(session, CloseReason::ProtocolViolation);
            return;
        }
        handleConnect(session, packet.connect);
        return;
    }

    touch(session);
    switch (packet.type) {
    case MqttPacketType::Publish:
        handlePublish(session, packet.publish);
        return;
    case MqttPacketType::Puback:
        return; // for a QoS 1 twin response or desired update
    case MqttPacketType::Subscribe: {
        QList<quint8> codes;
        codes.reserve(packet.subscriptions.size());
        for (const MqttSubscription &subscription : std::as_const(packet.subscriptions)) {
            codes.append(session->subscriptions.subscribe(subscription.filter, subscription.qos, session->deviceId,
                                                          m_options.maxSubscriptions));
        }
        write(session, MqttEncode::suback(packet.packetId, codes));
        return;
    }
    case MqttPacketType::Unsubscribe:
        for (const QString &filter : std::as_const(packet.unsubscribeFilters))
            session->subscriptions.unsubscribe(filter, session->deviceId);
        write(session, MqttEncode::unsuback(packet.packetId));
        return;
    case MqttPacketType::Pingreq:
        write(session, MqttEncode::pingresp());
        return;
    case MqttPacketType::Disconnect:
        closeSession(session, CloseReason::ClientDisconnect);
        return;
    case MqttPacketType::Connect:
    case MqttPacketType::Connack:
    case MqttPacketType::Pubrec:
    case MqttPacketType::Pubrel:
    case MqttPacketType::Pubcomp:
    case MqttPacketType::Suback:
    case MqttPacketType::Unsuback:
    case MqttPacketType::Pingresp:
        // A second CONNECT, the QoS 2 flow IoT Hub does not have, or a m_server's packet.
        qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId << "after unexpected packet type"
                           << int(packet.type);
        closeSession(session, CloseReason::ProtocolViolation);
        return;
    }
}

void DeviceMqttEndpoint::Private::refuse(DeviceSession *session, MqttConnackCode code, SandboxHub *hub,
                                         const QString &deviceId, const QString &why, bool countIt)
{
    qCInfo(lcSandbox).noquote() << QStringLiteral("MQTT: CONNECT of \"%1\" refused with CONNACK %2: %3")
                                       .arg(deviceId.left(128))
                                       .arg(int(code))
                                       .arg(why);
    if (hub && countIt)
        ++hub->mutableMetrics().connectsRefused;
    write(session, MqttEncode::connack(false, code));
    session->deviceId = deviceId;
    const QString hubName = hub ? hub->name() : QString();
    closeSession(session, CloseReason::ConnectRefused);
    emit m_q->connectRefused(hubName, deviceId, int(code));
}

void DeviceMqttEndpoint::Private::handleConnect(DeviceSession *session, MqttConnect &connect)
{
    const QString clientId = connect.clientId;
    if (connect.protocolLevel != 4) {
        refuse(session, MqttConnackCode::UnacceptableProtocolVersion, nullptr, clientId,
               tr("protocol level %1 (IoT Hub speaks MQTT 3.1.1, level 4)").arg(connect.protocolLevel));
        return;
    }
    if (connect.protocolName != QLatin1String("MQTT")) {
        // §3.1.2.1: the m_server may close without CONNACK.
        closeSession(session, CloseReason::ProtocolViolation);
        return;
    }
    if (!connect.username || !connect.password) {
        refuse(session, MqttConnackCode::BadUsernameOrPassword, nullptr, clientId,
               tr("a user name and a SAS token password are required"));
        return;
    }
    const Result<IotHubMqttUsername> username = IotHubMqttUsername::parse(*connect.username);
    if (!username.ok()) {
        refuse(session, MqttConnackCode::BadUsernameOrPassword, nullptr, clientId, username.error().message());
        return;
    }
    const QString deviceId = username.value().deviceId;
    if (clientId.isEmpty() || clientId != deviceId) {
        refuse(session, MqttConnackCode::IdentifierRejected, nullptr, clientId,
               tr("the client id must be the device id of the user name"));
        return;
    }
    SandboxHub *hub = m_directory ? m_directory->hubForHost(username.value().hostName) : nullptr;
    if (!hub) {
        refuse(session, MqttConnackCode::NotAuthorized, nullptr, deviceId,
               tr("there is no hub %1 (IotHubNotFound)").arg(username.value().hostName.left(256)));
        return;
    }
    if (!username.value().moduleId.isEmpty()) {
        refuse(session, MqttConnackCode::NotAuthorized, hub, deviceId, tr("module identities are not emulated"));
        return;
    }
    if (hub->faults().inOutage(hub->clock()->nowUtc())) {
        refuse(session, MqttConnackCode::ServerUnavailable, hub, deviceId, tr("the hub is in an injected outage"));
        return;
    }
    const Status authorized = hub->authorizeDevice(deviceId, QString::fromUtf8(*connect.password));
    if (!authorized.ok()) {
        refuse(session, MqttConnackCode::NotAuthorized, hub, deviceId, authorized.error().message());
        return;
    }
    if (connect.willFlag) {
        const Result<IotHubTopic> willTopic = IotHubTopic::parse(connect.willTopic);
        if (!willTopic.ok() || willTopic.value().kind() != IotHubTopic::Kind::Telemetry ||
            willTopic.value().deviceId() != deviceId || !willTopic.value().moduleId().isEmpty()) {
            refuse(session, MqttConnackCode::NotAuthorized, hub, deviceId,
                   tr("the will topic must be the device's telemetry topic"));
            return;
        }
    }
    if (!hub->tryAcceptConnection(deviceId)) {
        refuse(session, MqttConnackCode::ServerUnavailable, hub, deviceId,
               tr("the new-connection throttle is exceeded or the hub is unavailable"), false);
        return;
    }

    HubBinding *binding = bind(hub);
    if (DeviceSession *previous = binding->sessions.value(deviceId)) {
        qCInfo(lcSandbox) << "MQTT: new connection of" << deviceId
                          << "closes the previous one (400027 ConnectionForcefullyClosedOnNewConnection)";
        closeSession(previous, CloseReason::Replaced);
    }
    bool sessionPresent = false;
    if (connect.cleanSession) {
        binding->keptSubscriptions.remove(deviceId);
    } else if (auto kept = binding->keptSubscriptions.constFind(deviceId); kept != binding->keptSubscriptions.cend()) {
        session->subscriptions = DeviceSubscriptions::fromByte(kept.value());
        sessionPresent = true;
    }
    session->binding = binding;
    session->deviceId = deviceId;
    session->cleanSession = connect.cleanSession;
    session->state = DeviceSession::State::Connected;
    if (connect.willFlag) {
        session->will = std::make_unique<MqttPublish>();
        session->will->topic = connect.willTopic;
        session->will->payload = connect.willMessage;
        session->will->retain = connect.willRetain;
    }
    binding->sessions.insert(deviceId, session);
    ++m_sessionCount;
    hub->setConnected(deviceId, true);
    write(session, MqttEncode::connack(sessionPresent, MqttConnackCode::Accepted));

    const qint64 now = m_clock->monotonicMs();
    session->lastActivityMs = now;
    session->lastTouchMs = now;
    session->timeoutMs = keepAliveTimeout(connect.keepAliveSeconds, m_options.maxKeepAliveTimeout).count();
    scheduleDeadline(session);
    emit m_q->sessionStarted(binding->name, deviceId);
}

void DeviceMqttEndpoint::Private::handlePublish(DeviceSession *session, MqttPublish &publish)
{
    if (publish.qos == 2) {
        qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId << "after a QoS 2 PUBLISH";
        closeSession(session, CloseReason::ProtocolViolation);
        return;
    }
    const Result<IotHubTopic> topic = IotHubTopic::parse(publish.topic);
    if (!topic.ok()) {
        qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId
                           << "after a PUBLISH to a topic IoT Hub does not have";
        closeSession(session, CloseReason::TopicNotAllowed);
        return;
    }
    switch (topic.value().kind()) {
    case IotHubTopic::Kind::Telemetry:
        handleTelemetry(session, topic.value(), publish);
        return;
    case IotHubTopic::Kind::TwinGet:
        if (publish.qos == 1)
            write(session, MqttEncode::puback(publish.packetId));
        handleTwinGet(session, topic.value());
        return;
    case IotHubTopic::Kind::TwinReportedPatch:
        if (publish.qos == 1)
            write(session, MqttEncode::puback(publish.packetId));
        handleTwinPatch(session, topic.value(), publish.payload);
        return;
    case IotHubTopic::Kind::MethodResponse:
        // Direct methods are not emulated: nobody waits for the answer.
        if (publish.qos == 1)
            write(session, MqttEncode::puback(publish.packetId));
        return;
    case IotHubTopic::Kind::CloudToDevice:
    case IotHubTopic::Kind::TwinResponse:
    case IotHubTopic::Kind::TwinDesiredPatch:
    case IotHubTopic::Kind::MethodRequest:
        break;
    }
    qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId << "after a PUBLISH to a hub-to-device topic";
    closeSession(session, CloseReason::TopicNotAllowed);
}

void DeviceMqttEndpoint::Private::handleTelemetry(DeviceSession *session, const IotHubTopic &topic,
                                                  MqttPublish &publish)
{
    if (topic.deviceId() != session->deviceId || !topic.moduleId().isEmpty()) {
        qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId << "after telemetry for another identity";
        closeSession(session, CloseReason::TopicNotAllowed);
        return;
    }
    DeviceToCloudMessage message =
        DeviceToCloudMessage::fromProperties(topic.properties(), publish.payload.size(), publish.retain);
    if (message.size > m_options.maxMessageSize) {
        qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId << "after a" << message.size << "byte message (limit"
                           << m_options.maxMessageSize << ")";
        closeSession(session, CloseReason::MessageTooLarge);
        return;
    }
    SandboxHub *hub = session->binding->hub;
    if (!hub)
        return;
    const Status recorded = hub->recordDeviceToCloud(session->deviceId, publish.topic, publish.payload,
                                                     message.systemProperties, message.applicationProperties);
    if (!recorded.ok()) {
        const bool throttled = recorded.error().kind() == ServiceError::Kind::Throttled;
        qCDebug(lcSandbox) << "MQTT: closing" << session->deviceId << "-" << recorded.error().message();
        closeSession(session, throttled ? CloseReason::Throttled : CloseReason::HubError);
        return;
    }
    if (publish.qos == 1)
        write(session, MqttEncode::puback(publish.packetId));
}

void DeviceMqttEndpoint::Private::twinReply(DeviceSession *session, int status, const QString &requestId,
                                            std::optional<qint64> version, const QByteArray &body)
{
    if (!session->subscriptions.has(Kind::TwinResponses))
        return;
    publish(session, IotHubTopic::twinResponse(status, requestId, version), body,
            session->subscriptions.grantedQos(Kind::TwinResponses));
}

void DeviceMqttEndpoint::Private::handleTwinGet(DeviceSession *session, const IotHubTopic &topic)
{
    SandboxHub *hub = session->binding->hub;
    if (!hub)
        return;
    const Result<QJsonObject> properties = hub->deviceTwinProperties(session->deviceId);
    if (properties.ok())
        twinReply(session, 200, topic.requestId(), std::nullopt, compactJson(properties.value()));
    else
        twinReply(session, twinStatus(properties.error()), topic.requestId(), std::nullopt,
                  twinErrorBody(properties.error(), m_clock->nowUtc()));
}

void DeviceMqttEndpoint::Private::handleTwinPatch(DeviceSession *session, const IotHubTopic &topic,
                                                  const QByteArray &payload)
{
    SandboxHub *hub = session->binding->hub;
    if (!hub)
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        ServiceError error =
            ServiceError::invalidInput(parseError.error != QJsonParseError::NoError
                                           ? tr("The reported properties patch is not valid JSON: %1 at offset %2.")
                                                 .arg(parseError.errorString())
                                                 .arg(parseError.offset)
                                           : tr("The reported properties patch must be a JSON object."));
        error.setHttpStatus(400).setCode(QStringLiteral("ArgumentInvalid"));
        twinReply(session, 400, topic.requestId(), std::nullopt, twinErrorBody(error, m_clock->nowUtc()));
        return;
    }
    const Result<qint64> version = hub->patchReported(session->deviceId, document.object());
    if (version.ok())
        twinReply(session, 204, topic.requestId(), version.value(), QByteArray());
    else
        twinReply(session, twinStatus(version.error()), topic.requestId(), std::nullopt,
                  twinErrorBody(version.error(), m_clock->nowUtc()));
}

void DeviceMqttEndpoint::Private::recordWill(DeviceSession *session)
{
    SandboxHub *hub = session->binding->hub;
    const Result<IotHubTopic> topic = IotHubTopic::parse(session->will->topic);
    if (!hub || !topic.ok())
        return;
    DeviceToCloudMessage message = DeviceToCloudMessage::fromProperties(
        topic.value().properties(), session->will->payload.size(), session->will->retain);
    if (message.size > m_options.maxMessageSize)
        return;
    message.applicationProperties.insert(QStringLiteral("iothub-MessageType"), QStringLiteral("Will"));
    const Status recorded = hub->recordDeviceToCloud(session->deviceId, session->will->topic, session->will->payload,
                                                     message.systemProperties, message.applicationProperties);
    if (!recorded.ok())
        qCDebug(lcSandbox) << "MQTT: the will of" << session->deviceId
                           << "was not recorded:" << recorded.error().message();
}

// --- hubs ---------------------------------------------------------------------------------------------------

HubBinding *DeviceMqttEndpoint::Private::bind(SandboxHub *hub)
{
    auto found = m_bindings.find(hub);
    if (found != m_bindings.end())
        return found->second.get();
    auto binding = std::make_unique<HubBinding>();
    binding->hub = hub;
    binding->name = hub->name();
    HubBinding *raw = binding.get();
    binding->connections.push_back(
        QObject::connect(hub, &SandboxHub::desiredPropertiesChanged, m_q,
                         [this, raw](const QString &deviceId, const QJsonObject &patch, qint64 version) {
                             DeviceSession *session = raw->sessions.value(deviceId);
                             if (!session || !session->subscriptions.has(Kind::DesiredPropertyUpdates))
                                 return;
                             publish(session, IotHubTopic::twinDesiredPatch(version), compactJson(patch),
                                     session->subscriptions.grantedQos(Kind::DesiredPropertyUpdates));
                         }));
    binding->connections.push_back(
        QObject::connect(hub, &SandboxHub::deviceConnectionRevoked, m_q, [this, raw](const QString &deviceId) {
            raw->keptSubscriptions.remove(deviceId);
            if (DeviceSession *session = raw->sessions.value(deviceId))
                closeSession(session, CloseReason::Revoked);
        }));
    binding->connections.push_back(QObject::connect(hub, &SandboxHub::connectionsDropRequested, m_q, [this, raw] {
        const QList<DeviceSession *> sessions = raw->sessions.values();
        for (DeviceSession *session : sessions)
            closeSession(session, CloseReason::DropRequested);
    }));
    binding->connections.push_back(
        QObject::connect(hub, &QObject::destroyed, m_q, [this, raw] { unbind(raw, CloseReason::HubRemoved); }));
    m_bindings.emplace(hub, std::move(binding));
    return raw;
}

void DeviceMqttEndpoint::Private::unbind(HubBinding *binding, CloseReason reason)
{
    for (const QMetaObject::Connection &connection : binding->connections)
        QObject::disconnect(connection);
    const QList<DeviceSession *> sessions = binding->sessions.values();
    // Without its hub a session has nothing to report to.
    binding->hub = nullptr;
    for (DeviceSession *session : sessions)
        closeSession(session, reason);
    for (auto it = m_bindings.begin(); it != m_bindings.end(); ++it) {
        if (it->second.get() == binding) {
            m_bindings.erase(it);
            break;
        }
    }
}

HubBinding *DeviceMqttEndpoint::Private::bindingNamed(const QString &name) const
{
    for (const auto &[hub, binding] : m_bindings) {
        if (binding->name.compare(name, Qt::CaseInsensitive) == 0)
            return binding.get();
    }
    return nullptr;
}

// --- DeviceMqttEndpoint -------------------------------------------------------------------------------------

DeviceMqttEndpoint::DeviceMqttEndpoint(HubDirectory *hubs, const QSslConfiguration &tls, Clock *clock, QObject *parent)
    : DeviceMqttEndpoint(hubs, tls, clock, Options(), parent)
{ }

DeviceMqttEndpoint::DeviceMqttEndpoint(HubDirectory *hubs, const QSslConfiguration &tls, Clock *clock,
                                       const Options &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, hubs, tls, clock, options))
{
    connect(&d->m_server, &QSslServer::pendingConnectionAvailable, this, [this] { d->acceptPending(); });
    connect(&d->m_server, &QSslServer::errorOccurred, this, [](QSslSocket *, QAbstractSocket::SocketError error) {
        qCDebug(lcSandbox) << "MQTT: TLS connection failed before CONNECT:" << error;
    });
    if (hubs) {
        connect(hubs, &HubDirectory::hubRemoved, this, [this](const QString &name) {
            if (HubBinding *binding = d->bindingNamed(name))
                d->unbind(binding, CloseReason::HubRemoved);
        });
    }
}

DeviceMqttEndpoint::~DeviceMqttEndpoint()
{
    close();
}

Status DeviceMqttEndpoint::listen(const QHostAddress &address, quint16 port)
{
    if (d->m_server.listen(address, port)) {
        qCInfo(lcSandbox).noquote() << QStringLiteral("IoT Hub device MQTT endpoint listening on %1:%2")
                                           .arg(d->m_server.serverAddress().toString())
                                           .arg(d->m_server.serverPort());
        return Done {};
    }
    ServiceError error(ServiceError::Kind::Backend,
                       tr("The IoT Hub MQTT endpoint could not listen on %1:%2: %3. Choose another port or stop "
                          "the program that uses it.")
                           .arg(address.toString())
                           .arg(port)
                           .arg(d->m_server.errorString()));
    return error;
}

bool DeviceMqttEndpoint::isListening() const
{
    return d->m_server.isListening();
}

quint16 DeviceMqttEndpoint::serverPort() const
{
    return d->m_server.serverPort();
}

QHostAddress DeviceMqttEndpoint::serverAddress() const
{
    return d->m_server.serverAddress();
}

void DeviceMqttEndpoint::close()
{
    d->m_server.close();
    d->closeAll(CloseReason::ServerClosed);
    d->m_wheel.clear();
}

const DeviceMqttEndpoint::Options &DeviceMqttEndpoint::options() const
{
    return d->m_options;
}

int DeviceMqttEndpoint::connectionCount() const
{
    return d->m_connectionCount;
}

int DeviceMqttEndpoint::sessionCount() const
{
    return d->m_sessionCount;
}

bool DeviceMqttEndpoint::isConnected(const QString &hubName, const QString &deviceId) const
{
    const HubBinding *binding = d->bindingNamed(hubName);
    return binding && binding->sessions.contains(deviceId);
}

std::chrono::milliseconds DeviceMqttEndpoint::keepAliveTimeout(quint16 keepAliveSeconds, std::chrono::milliseconds cap)
{
    if (keepAliveSeconds == 0)
        return cap;
    return std::min(std::chrono::milliseconds(qint64(keepAliveSeconds) * 1500), cap);
}

int DeviceMqttEndpoint::twinStatus(const ServiceError &error)
{
    if (error.httpStatus() >= 400)
        return error.httpStatus();
    switch (error.kind()) {
    case ServiceError::Kind::BadRequest:
    case ServiceError::Kind::InvalidInput:
        return 400;
    case ServiceError::Kind::Unauthorized:
        return 401;
    case ServiceError::Kind::Forbidden:
        return 403;
    case ServiceError::Kind::NotFound:
        return 404;
    case ServiceError::Kind::Conflict:
        return 409;
    case ServiceError::Kind::PreconditionFailed:
        return 412;
    case ServiceError::Kind::PayloadTooLarge:
        return 413;
    case ServiceError::Kind::Throttled:
        return 429;
    case ServiceError::Kind::Unavailable:
        return 503;
    default:
        return 500;
    }
}

QByteArray DeviceMqttEndpoint::twinErrorBody(const ServiceError &error, const QDateTime &nowUtc)
{
    const int status = twinStatus(error);
    IotHubErrorEnvelope envelope;
    bool numeric = false;
    const int codeNumber = error.code().toInt(&numeric);
    if (numeric && codeNumber >= 100000 && codeNumber <= 999999)
        envelope.numericCode = codeNumber;
    else
        envelope.numericCode = IotHubErrorEnvelope::numericCodeFor(error.code());
    if (envelope.numericCode == 0) {
        switch (status) {
        case 400:
            envelope.numericCode = 400004; // ArgumentInvalid
            break;
        case 404:
            envelope.numericCode = 404001; // DeviceNotFound
            break;
        case 412:
            envelope.numericCode = 412001;
            break;
        case 413:
            envelope.numericCode = 413001;
            break;
        case 429:
            envelope.numericCode = 429001; // ThrottlingException
            break;
        case 503:
            envelope.numericCode = 503001;
            break;
        default:
            envelope.numericCode = status * 1000 + 1;
            break;
        }
    }
    envelope.message = error.message();
    const QDateTime utc = nowUtc.toUTC();
    const quint64 high = QRandomGenerator::global()->generate64();
    const quint64 low = QRandomGenerator::global()->generate64();
    envelope.trackingId = QStringLiteral("%1%2-G:0-TimeStamp:%3")
                              .arg(high, 16, 16, QLatin1Char('0'))
                              .arg(low, 16, 16, QLatin1Char('0'))
                              .arg(utc.toString(QStringLiteral("MM/dd/yyyy HH:mm:ss")));
    envelope.timestampUtc = utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    return compactJson(envelope.toJson());
}

QString DeviceMqttEndpoint::closeReasonName(CloseReason reason)
{
    switch (reason) {
    case CloseReason::ClientDisconnect:
        return QStringLiteral("clientDisconnect");
    case CloseReason::PeerClosed:
        return QStringLiteral("peerClosed");
    case CloseReason::ConnectRefused:
        return QStringLiteral("connectRefused");
    case CloseReason::ConnectTimeout:
        return QStringLiteral("connectTimeout");
    case CloseReason::KeepAliveExpired:
        return QStringLiteral("keepAliveExpired");
    case CloseReason::ProtocolViolation:
        return QStringLiteral("protocolViolation");
    case CloseReason::TopicNotAllowed:
        return QStringLiteral("topicNotAllowed");
    case CloseReason::MessageTooLarge:
        return QStringLiteral("messageTooLarge");
    case CloseReason::Throttled:
        return QStringLiteral("throttled");
    case CloseReason::HubError:
        return QStringLiteral("hubError");
    case CloseReason::Replaced:
        return QStringLiteral("replaced");
    case CloseReason::Revoked:
        return QStringLiteral("revoked");
    case CloseReason::DropRequested:
        return QStringLiteral("dropRequested");
    case CloseReason::HubRemoved:
        return QStringLiteral("hubRemoved");
    case CloseReason::ServerClosed:
        return QStringLiteral("serverClosed");
    }
    return {};
}

} // namespace TwinBridge::Sandbox
