#include "services/engine/TtsApplicationSubscriber.h"

#include "services/core/Logging.h"
#include "services/mqtt/MosquittoClient.h"
#include "services/mqtt/MqttReconnectPolicy.h"
#include "services/settings/ConnectionProfile.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>

namespace TwinBridge {

namespace {

// A dropped message is logged at most once per reason in this interval (a broken publisher must not flood
// the log); the log line says how many were dropped in between.
constexpr qint64 DropLogIntervalMs = 10000;

} // namespace

class TtsApplicationSubscriber::Private
{
public:
    Private(Clock *clock, std::function<double()> random01)
        : backoff(clock, std::move(random01))
    { }

    MosquittoClient *client = nullptr;
    MqttReconnectPolicy backoff;
    QSet<int> pendingSubscriptions;
    bool everConnected = false;
    bool stopPending = false;
    std::array<qint64, DropReasonCount> lastDropLogMs {};
    std::array<qint64, DropReasonCount> unloggedDrops {};
    std::array<bool, DropReasonCount> dropLogged {};
};

TtsApplicationSubscriber::Options TtsApplicationSubscriber::Options::fromProfile(const ConnectionProfile &profile,
                                                                                 const QByteArray &apiKey)
{
    Options options;
    options.host = profile.effectiveTtsMqttHost();
    options.port = quint16(profile.tts.mqttPort);
    options.tls = profile.tts.mqttTls;
    options.caFile = profile.tls.caCertificateFile;
    options.applicationId = profile.tts.applicationId;
    options.tenantId = profile.tts.tenantId;
    options.apiKey = apiKey;
    return options;
}

QString TtsApplicationSubscriber::Options::username() const
{
    return TtsTopic::uid(applicationId, tenantId);
}

QString TtsApplicationSubscriber::dropReasonName(DropReason reason)
{
    switch (reason) {
    case DropReason::MalformedJson:
        return QStringLiteral("malformedJson");
    case DropReason::InvalidMessage:
        return QStringLiteral("invalidMessage");
    case DropReason::UnknownTopic:
        return QStringLiteral("unknownTopic");
    case DropReason::WrongApplication:
        return QStringLiteral("wrongApplication");
    case DropReason::DeviceMismatch:
        return QStringLiteral("deviceMismatch");
    case DropReason::TypeMismatch:
        return QStringLiteral("typeMismatch");
    }
    return {};
}

TtsApplicationSubscriber::TtsApplicationSubscriber(Clock *clock, QObject *parent, std::function<double()> random01)
    : QObject(parent)
    , d(std::make_unique<Private>(clock ? clock : Clock::system(), std::move(random01)))
    , m_clock(clock ? clock : Clock::system())
{
    qRegisterMetaType<TtsUpstreamMessage>();
    qRegisterMetaType<ServiceError>();
    d->client = new MosquittoClient(m_clock, this);
    connect(d->client, &MosquittoClient::connected, this, &TtsApplicationSubscriber::onConnected);
    connect(d->client, &MosquittoClient::connectionFailed, this, &TtsApplicationSubscriber::onConnectionFailed);
    connect(d->client, &MosquittoClient::disconnected, this, &TtsApplicationSubscriber::onDisconnected);
    connect(d->client, &MosquittoClient::subscribed, this, &TtsApplicationSubscriber::onSubscribed);
    connect(d->client, &MosquittoClient::messageReceived, this,
            [this](const QString &topic, const QByteArray &payload) { onMessage(topic, payload); });
}

TtsApplicationSubscriber::~TtsApplicationSubscriber()
{
    d->client->disconnect(this);
}

QStringList TtsApplicationSubscriber::subscriptionFilters(const QString &applicationId, const QString &tenantId)
{
    QStringList filters;
    for (const TtsMessageType type : allTtsMessageTypes())
        filters.append(TtsTopic::build(applicationId, tenantId, QStringLiteral("+"), TtsTopic::kindFor(type)));
    return filters;
}

qint64 TtsApplicationSubscriber::droppedCount() const
{
    qint64 total = 0;
    for (const qint64 count : m_dropped)
        total += count;
    return total;
}

Status TtsApplicationSubscriber::start(const Options &options)
{
    if (m_state != State::Stopped || d->stopPending) {
        return ServiceError(ServiceError::Kind::Conflict,
                            tr("The connection to The Things Stack is already running; stop it first."));
    }
    if (options.host.isEmpty()) {
        return ServiceError::invalidInput(
            tr("The MQTT host of The Things Stack is not set. Enter it in the connection profile."));
    }
    if (options.port == 0)
        return ServiceError::invalidInput(tr("The MQTT port of The Things Stack is not set (use 8883 for TLS)."));
    if (!TtsTopic::isValidId(options.applicationId)) {
        return ServiceError::invalidInput(
            tr("The application ID \"%1\" is not a valid TTS ID: use 3 to 36 lower-case letters, digits and "
               "single dashes.")
                .arg(options.applicationId));
    }
    if (!options.tenantId.isEmpty() && !TtsTopic::isValidId(options.tenantId)) {
        return ServiceError::invalidInput(
            tr("The tenant ID \"%1\" is not a valid TTS ID: use 3 to 36 lower-case letters, digits and single "
               "dashes, or leave it empty for The Things Stack Open Source.")
                .arg(options.tenantId));
    }
    if (options.apiKey.isEmpty()) {
        return ServiceError::notConfigured(
            tr("The API key of the TTS application is missing. Store it in the connection profile; it needs the "
               "right to read application traffic."));
    }
    m_options = options;
    if (m_options.clientId.isEmpty()) {
        m_options.clientId = QStringLiteral("twinbridge-%1-%2")
                                 .arg(options.applicationId)
                                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    }
    d->backoff.setBounds(m_options.initialReconnectDelay, m_options.maxReconnectDelay, m_options.reconnectJitter);
    d->backoff.reset();
    d->everConnected = false;
    qCInfo(lcTtsMqtt) << "connecting to" << m_options.host << m_options.port << (m_options.tls ? "(TLS)" : "(plain)")
                      << "as" << m_options.username();
    connectNow();
    return Done {};
}

void TtsApplicationSubscriber::stop()
{
    if (m_state == State::Stopped)
        return;
    d->backoff.reset();
    d->pendingSubscriptions.clear();
    setState(State::Stopped);
    if (d->client->state() == MosquittoClient::State::Disconnected) {
        emit stopped();
        return;
    }
    d->stopPending = true;
    d->client->disconnectFromHost();
}

void TtsApplicationSubscriber::connectNow()
{
    MosquittoClient::Options options;
    options.clientId = m_options.clientId;
    options.host = m_options.host;
    options.port = m_options.port;
    options.username = m_options.username();
    options.password = m_options.apiKey;
    options.cleanSession = true;
    options.keepAliveSeconds = m_options.keepAliveSeconds;
    options.tls = m_options.tls;
    options.caFile = m_options.tls ? m_options.caFile : QString();
    options.connectTimeout = m_options.connectTimeout;
    setState(State::Connecting);
    const Status started = d->client->connectToHost(options);
    if (!started) {
        emit errorOccurred(started.error());
        scheduleReconnect();
    }
}

void TtsApplicationSubscriber::scheduleReconnect()
{
    setState(State::WaitingToReconnect);
    d->backoff.schedule(this, [this] {
        if (m_state == State::WaitingToReconnect)
            connectNow();
    });
}

void TtsApplicationSubscriber::onConnected()
{
    if (m_state == State::Stopped)
        return;
    d->backoff.reset();
    if (d->everConnected)
        ++m_reconnects;
    d->everConnected = true;
    qCInfo(lcTtsMqtt) << "connected to" << m_options.host << m_options.port << "; subscribing";
    setState(State::Subscribing);
    d->pendingSubscriptions.clear();
    for (const QString &filter : subscriptionFilters(m_options.applicationId, m_options.tenantId)) {
        // QoS 0: TTS publishes upstream messages with QoS 0 only (reference/tts-integration.md §3.1).
        const Result<int> mid = d->client->subscribe(filter, 0);
        if (!mid) {
            emit errorOccurred(mid.error());
            continue;
        }
        d->pendingSubscriptions.insert(mid.value());
    }
    if (d->pendingSubscriptions.isEmpty())
        d->client->disconnectFromHost(); // nothing could be subscribed: try again later (onDisconnected)
}

void TtsApplicationSubscriber::onSubscribed(int mid, int grantedQos)
{
    if (!d->pendingSubscriptions.remove(mid))
        return;
    if (grantedQos == 128) {
        ServiceError error(ServiceError::Kind::Forbidden,
                           tr("The Things Stack refused a subscription of application \"%1\": the API key needs the "
                              "right to read application traffic (RIGHT_APPLICATION_TRAFFIC_READ).")
                               .arg(m_options.applicationId));
        error.setOperation(tr("subscribe to the TTS application's messages"));
        emit errorOccurred(error);
    }
    if (d->pendingSubscriptions.isEmpty() && m_state == State::Subscribing) {
        qCInfo(lcTtsMqtt) << "subscribed to the messages of" << m_options.username();
        setState(State::Subscribed);
    }
}

void TtsApplicationSubscriber::onConnectionFailed(const ServiceError &error)
{
    if (d->stopPending || m_state == State::Stopped) {
        if (std::exchange(d->stopPending, false))
            emit stopped();
        return;
    }
    qCWarning(lcTtsMqtt) << "could not connect to" << m_options.host << m_options.port << ":" << error.message();
    emit errorOccurred(error);
    scheduleReconnect();
}

void TtsApplicationSubscriber::onDisconnected(const ServiceError &reason)
{
    if (d->stopPending || m_state == State::Stopped) {
        if (std::exchange(d->stopPending, false))
            emit stopped();
        return;
    }
    d->pendingSubscriptions.clear();
    if (reason.isError()) {
        qCWarning(lcTtsMqtt) << "lost the connection to" << m_options.host << m_options.port << ":" << reason.message();
        emit errorOccurred(reason);
    }
    scheduleReconnect();
}

TtsApplicationSubscriber::Classified TtsApplicationSubscriber::classify(const QString &applicationId,
                                                                        const QString &tenantId, const QString &topic,
                                                                        const QByteArray &payload,
                                                                        const QDateTime &receivedAt)
{
    Classified result;
    const Result<TtsTopic> parsed = TtsTopic::parse(topic);
    if (!parsed) {
        result.reason = DropReason::UnknownTopic;
        result.detail = parsed.error().message();
        return result;
    }
    const TtsTopic &ttsTopic = parsed.value();
    if (ttsTopic.applicationId != applicationId || ttsTopic.tenantId != tenantId) {
        result.reason = DropReason::WrongApplication;
        result.detail = QStringLiteral("topic of %1").arg(ttsTopic.uid());
        return result;
    }
    const std::optional<TtsMessageType> type = TtsTopic::messageType(ttsTopic.kind);
    if (!type) {
        result.reason = DropReason::UnknownTopic;
        result.detail = QStringLiteral("no upstream message type for %1").arg(TtsTopic::suffix(ttsTopic.kind));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.reason = DropReason::MalformedJson;
        result.detail = QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
        return result;
    }
    if (!document.isObject()) {
        result.reason = DropReason::MalformedJson;
        result.detail = QStringLiteral("not a JSON object");
        return result;
    }
    Result<ApplicationUp> message = ApplicationUp::fromJson(document.object());
    if (!message) {
        result.reason = DropReason::InvalidMessage;
        // The JSON path only: the message text might quote content.
        const QString path = message.error().payload().toObject().value(QStringLiteral("path")).toString();
        result.detail = path.isEmpty() ? QStringLiteral("not an ApplicationUp") : QStringLiteral("at %1").arg(path);
        return result;
    }
    if (message.value().type() != *type) {
        result.reason = DropReason::TypeMismatch;
        result.detail = QStringLiteral("%1 on a %2 topic")
                            .arg(ttsMessageTypeName(message.value().type()), TtsTopic::suffix(ttsTopic.kind));
        return result;
    }
    if (message.value().deviceId() != ttsTopic.deviceId) {
        result.reason = DropReason::DeviceMismatch;
        result.detail = QStringLiteral("the body names device \"%1\"").arg(message.value().deviceId());
        return result;
    }
    const QString bodyApplication = message.value().endDeviceIds().applicationId;
    if (!bodyApplication.isEmpty() && bodyApplication != applicationId) {
        result.reason = DropReason::WrongApplication;
        result.detail = QStringLiteral("the body names application \"%1\"").arg(bodyApplication);
        return result;
    }
    result.message = TtsUpstreamMessage {ttsTopic, payload, message.takeValue(), receivedAt};
    return result;
}

void TtsApplicationSubscriber::onMessage(const QString &topic, const QByteArray &payload)
{
    if (m_state == State::Stopped)
        return;
    Classified classified = classify(m_options.applicationId, m_options.tenantId, topic, payload, m_clock->nowUtc());
    if (classified.message) {
        ++m_received;
        emit messageReceived(*classified.message);
        return;
    }
    ++m_dropped[size_t(classified.reason)];
    logDrop(classified.reason, topic, classified.detail);
    emit messageDropped(classified.reason, topic);
}

void TtsApplicationSubscriber::logDrop(DropReason reason, const QString &topic, const QString &detail)
{
    const size_t index = size_t(reason);
    const qint64 now = m_clock->monotonicMs();
    if (d->dropLogged[index] && now - d->lastDropLogMs[index] < DropLogIntervalMs) {
        ++d->unloggedDrops[index];
        return;
    }
    const qint64 unlogged = std::exchange(d->unloggedDrops[index], 0);
    d->dropLogged[index] = true;
    d->lastDropLogMs[index] = now;
    qCWarning(lcTtsMqtt).noquote() << "dropped a message on" << topic
                                   << QStringLiteral("(%1):").arg(dropReasonName(reason)) << detail
                                   << (unlogged ? QStringLiteral("; %1 more dropped for this reason since the last "
                                                                 "report")
                                                      .arg(unlogged)
                                                : QString());
}

void TtsApplicationSubscriber::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace TwinBridge
