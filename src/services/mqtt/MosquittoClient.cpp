#include "services/mqtt/MosquittoClient.h"

#include "services/core/Logging.h"
#include "services/mqtt/MosquittoLibrary.h"
#include "services/mqtt/MqttTlsContext.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QPointer>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <deque>
#include <mosquitto.h>
#include <sys/socket.h>

namespace TwinBridge {

namespace {

constexpr int MaxReadsPerActivation = 64;
constexpr qint64 DisconnectGraceMs = 5000;

QString endpoint(const QString &host, quint16 port)
{
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                           : QStringLiteral("%1:%2").arg(host).arg(port);
}

} // namespace

class MosquittoClient::Private
{
public:
    // What libmosquitto's callbacks report; handled (and signalled) after libmosquitto returned.
    struct Event
    {
        enum Type { Connack, Disconnect, Published, Message, Subscribed, Unsubscribed };
        explicit Event(Type eventType)
            : type(eventType)
        {
        }
        Type type;
        int code = 0; // CONNACK code, MOSQ_ERR_*, mid
        int extra = 0; // session present, errno, granted QoS, qos
        bool retain = false;
        QString topic;
        QByteArray payload;
    };

    Private(MosquittoClient *client, Clock *timeSource)
        : q(client)
        , clock(timeSource)
    {
    }

    ~Private()
    {
        destroying = true;
        if (lookupId >= 0)
            QHostInfo::abortHostLookup(lookupId);
        dropNotifiers();
        if (mosq) {
            if (q->m_state == State::Connected) {
                MqttTlsContext::Scope scope(&peer);
                mosquitto_disconnect(mosq);
            }
            mosquitto_destroy(mosq);
        }
    }

    // --- libmosquitto callbacks: record only -------------------------------------------------------------
    static Private *self(void *userdata) { return static_cast<Private *>(userdata); }

    static void onConnect(mosquitto *, void *userdata, int returnCode, int flags)
    {
        Event event(Event::Connack);
        event.code = returnCode;
        event.extra = flags & 1;
        self(userdata)->events.push_back(std::move(event));
    }

    static void onDisconnect(mosquitto *, void *userdata, int returnCode)
    {
        Event event(Event::Disconnect);
        event.code = returnCode;
        event.extra = errno;
        self(userdata)->events.push_back(std::move(event));
    }

    static void onPublish(mosquitto *, void *userdata, int mid)
    {
        Event event(Event::Published);
        event.code = mid;
        self(userdata)->events.push_back(std::move(event));
    }

    static void onMessage(mosquitto *, void *userdata, const mosquitto_message *message)
    {
        Event event(Event::Message);
        event.code = message->mid;
        event.extra = message->qos;
        event.retain = message->retain;
        event.topic = QString::fromUtf8(message->topic);
        event.payload = QByteArray(static_cast<const char *>(message->payload), message->payloadlen);
        self(userdata)->events.push_back(std::move(event));
    }

    static void onSubscribe(mosquitto *, void *userdata, int mid, int count, const int *granted)
    {
        Event event(Event::Subscribed);
        event.code = mid;
        event.extra = count > 0 ? granted[0] : 0x80;
        self(userdata)->events.push_back(std::move(event));
    }

    static void onUnsubscribe(mosquitto *, void *userdata, int mid)
    {
        Event event(Event::Unsubscribed);
        event.code = mid;
        self(userdata)->events.push_back(std::move(event));
    }

    static void onLog(mosquitto *, void *userdata, int level, const char *text)
    {
        // Only errors are kept, as the detail of the next failure (libmosquitto never logs the password).
        if (level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING))
            self(userdata)->lastLogError = QString::fromUtf8(text);
    }

    // --- driving libmosquitto --------------------------------------------------------------------------
    template<typename Call>
    int call(Call &&function)
    {
        MqttTlsContext::Scope scope(&peer);
        errno = 0;
        const int rc = function();
        lastErrno = errno;
        lastRc = rc;
        return rc;
    }

    bool prepare(const Options &options, ServiceError *error)
    {
        const bool reuse = mosq && mosqClientId == options.clientId && mosqCleanSession == options.cleanSession
            && mosqTls == options.tls && mosqCaFile == options.caFile;
        if (!reuse) {
            if (mosq) {
                dropNotifiers();
                mosquitto_destroy(mosq);
                mosq = nullptr;
            }
            MosquittoLibrary::ensureInitialized();
            const QByteArray id = options.clientId.toUtf8();
            mosq = mosquitto_new(id.isEmpty() ? nullptr : id.constData(), options.cleanSession, this);
            if (!mosq) {
                *error = ServiceError(ServiceError::Kind::Backend,
                                      MosquittoClient::tr("libmosquitto could not create a client (out of memory?)."));
                return false;
            }
            mosqClientId = options.clientId;
            mosqCleanSession = options.cleanSession;
            mosqTls = options.tls;
            mosqCaFile = options.caFile;
            mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
            mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
            mosquitto_connect_with_flags_callback_set(mosq, &Private::onConnect);
            mosquitto_disconnect_callback_set(mosq, &Private::onDisconnect);
            mosquitto_publish_callback_set(mosq, &Private::onPublish);
            mosquitto_message_callback_set(mosq, &Private::onMessage);
            mosquitto_subscribe_callback_set(mosq, &Private::onSubscribe);
            mosquitto_unsubscribe_callback_set(mosq, &Private::onUnsubscribe);
            mosquitto_log_callback_set(mosq, &Private::onLog);
            if (options.tls) {
                const Result<ssl_ctx_st *> context = MqttTlsContext::clientContext(options.caFile);
                if (!context.ok()) {
                    *error = context.error();
                    mosquitto_destroy(mosq);
                    mosq = nullptr;
                    return false;
                }
                // libmosquitto takes its own reference and uses the context as it is (no defaults applied).
                mosquitto_void_option(mosq, MOSQ_OPT_SSL_CTX, context.value());
                mosquitto_int_option(mosq, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0);
            }
        }
        const QByteArray user = options.username.toUtf8();
        const int rc = mosquitto_username_pw_set(mosq, user.isEmpty() ? nullptr : user.constData(),
                                                 options.password.isNull() ? nullptr : options.password.constData());
        if (rc != MOSQ_ERR_SUCCESS) {
            *error = MosquittoClient::mosquittoError(rc, 0, options.host, options.port);
            return false;
        }
        return true;
    }

    void startConnect(quint64 forAttempt, const QHostAddress &address)
    {
        if (forAttempt != attempt || q->m_state != State::Resolving)
            return;
        q->m_address = address.toString();
        peer.serverName = (q->m_options.tlsServerName.isEmpty() ? q->m_options.host : q->m_options.tlsServerName).toUtf8();
        peer.reset();
        lastLogError.clear();
        connackCode = -1;
        setState(State::Connecting);
        const QByteArray ip = q->m_address.toLatin1();
        qCDebug(lcMqtt).nospace() << "connecting " << q->m_options.clientId << " to "
                                  << endpoint(q->m_options.host, q->m_options.port) << " (" << ip << ")"
                                  << (q->m_options.tls ? " with TLS" : "");
        const int rc = call([&] {
            return mosquitto_connect_async(mosq, ip.constData(), q->m_options.port, q->m_options.keepAliveSeconds);
        });
        if (rc != MOSQ_ERR_SUCCESS) {
            ServiceError error = failureFor(rc, lastErrno);
            events.clear();
            dropNotifiers();
            finishAttempt(error);
            return;
        }
        afterCall();
    }

    // The error for a connection that ended before CONNACK 0.
    ServiceError failureFor(int rc, int systemErrno) const
    {
        if (connackCode > 0)
            return MosquittoClient::connackError(connackCode, q->m_options.host);
        if (q->m_options.tls
            && (peer.verifyError != 0 || rc == MOSQ_ERR_TLS || rc == MOSQ_ERR_TLS_HANDSHAKE
                || (rc == MOSQ_ERR_ERRNO && systemErrno == EPROTO))) {
            return MqttTlsContext::handshakeError(peer, lastLogError);
        }
        ServiceError error = MosquittoClient::mosquittoError(rc, systemErrno, q->m_options.host, q->m_options.port);
        if (error.detail().isEmpty() && !lastLogError.isEmpty())
            error = ServiceError(error.kind(), error.message(), lastLogError);
        return error;
    }

    void afterCall()
    {
        noticeLostSocket();
        updateNotifiers();
        dispatch();
    }

    // Some failures (a TLS handshake refused inside loop_read) make libmosquitto close its socket without
    // calling on_disconnect: report them as the disconnect they are.
    void noticeLostSocket()
    {
        const State state = q->m_state;
        if (!mosq || mosquitto_socket(mosq) >= 0
            || (state != State::Connecting && state != State::Connected && state != State::Disconnecting)) {
            return;
        }
        for (const Event &event : events) {
            if (event.type == Event::Disconnect)
                return;
        }
        Event event(Event::Disconnect);
        event.code = lastRc != MOSQ_ERR_SUCCESS ? lastRc : MOSQ_ERR_CONN_LOST;
        event.extra = lastErrno;
        events.push_back(std::move(event));
    }

    void updateNotifiers()
    {
        const int fd = mosq ? mosquitto_socket(mosq) : -1;
        if (fd != socket) {
            dropNotifiers();
            socket = fd;
            if (fd >= 0) {
                readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, q);
                QObject::connect(readNotifier, &QSocketNotifier::activated, q, [this] { onReadable(); });
            }
        }
        if (socket < 0)
            return;
        const bool wantWrite = mosquitto_want_write(mosq);
        if (wantWrite && !writeNotifier) {
            writeNotifier = new QSocketNotifier(socket, QSocketNotifier::Write, q);
            QObject::connect(writeNotifier, &QSocketNotifier::activated, q, [this] { onWritable(); });
        }
        if (writeNotifier && writeNotifier->isEnabled() != wantWrite)
            writeNotifier->setEnabled(wantWrite);
    }

    void dropNotifiers()
    {
        delete readNotifier;
        delete writeNotifier;
        readNotifier = nullptr;
        writeNotifier = nullptr;
        socket = -1;
    }

    void onReadable()
    {
        lastInboundMs = clock->monotonicMs();
        readAvailable();
        afterCall();
    }

    // Reads until libmosquitto reports "no more data" (EAGAIN): with TLS, OpenSSL may hold decrypted bytes that
    // would never wake the socket notifier again.
    void readAvailable()
    {
        for (int i = 0; i < MaxReadsPerActivation; ++i) {
            const int rc = call([&] { return mosquitto_loop_read(mosq, 1); });
            if (rc != MOSQ_ERR_SUCCESS || lastErrno == EAGAIN || lastErrno == EWOULDBLOCK || mosquitto_socket(mosq) < 0)
                return;
        }
        // Still more: continue on the next pass of the event loop, so other connections get their turn.
        QMetaObject::invokeMethod(
            q,
            [this, generation = connectionGeneration] {
                if (generation == connectionGeneration && mosq && mosquitto_socket(mosq) >= 0) {
                    readAvailable();
                    afterCall();
                }
            },
            Qt::QueuedConnection);
    }

    void onWritable()
    {
        call([&] { return mosquitto_loop_write(mosq, 1); });
        // During the TLS handshake libmosquitto continues SSL_connect from its read path only.
        if (q->m_options.tls && q->m_state == State::Connecting && mosq && mosquitto_socket(mosq) >= 0)
            readAvailable();
        afterCall();
    }

    // Closes the socket under libmosquitto's feet; its next read sees the end and reports the disconnect,
    // which then carries `reason` instead of "connection lost".
    void forceClose(const ServiceError &reason)
    {
        overrideReason = reason;
        hasOverrideReason = true;
        if (mosq && mosquitto_socket(mosq) >= 0) {
            ::shutdown(mosquitto_socket(mosq), SHUT_RDWR);
            readAvailable();
        }
        if (mosq && mosquitto_socket(mosq) >= 0) {
            // libmosquitto did not notice (should not happen): end it here.
            call([&] { return mosquitto_disconnect(mosq); });
        }
        if (q->m_state != State::Disconnected && events.empty()) {
            Event event(Event::Disconnect);
            event.code = MOSQ_ERR_CONN_LOST;
            events.push_back(std::move(event));
        }
        afterCall();
    }

    void dispatch()
    {
        if (destroying || dispatching)
            return;
        dispatching = true;
        QPointer<MosquittoClient> alive(q);
        while (!events.empty()) {
            Event event = std::move(events.front());
            events.pop_front();
            handle(event);
            if (!alive)
                return;
        }
        dispatching = false;
    }

    void handle(const Event &event)
    {
        switch (event.type) {
        case Event::Connack:
            if (event.code == 0) {
                if (q->m_state != State::Connecting)
                    return;
                lastInboundMs = clock->monotonicMs();
                setState(State::Connected);
                qCInfo(lcMqtt).nospace() << q->m_options.clientId << " connected to "
                                         << endpoint(q->m_options.host, q->m_options.port)
                                         << (event.extra ? " (session present)" : "");
                scheduleTick();
                emit q->connected(event.extra != 0);
            } else {
                connackCode = event.code;
                qCInfo(lcMqtt).nospace() << q->m_options.clientId << " refused by "
                                         << endpoint(q->m_options.host, q->m_options.port) << ": CONNACK " << event.code;
            }
            return;
        case Event::Disconnect:
            onDisconnected(event.code, event.extra);
            return;
        case Event::Published:
            emit q->published(event.code);
            return;
        case Event::Message:
            emit q->messageReceived(event.topic, event.payload, event.extra, event.retain);
            return;
        case Event::Subscribed:
            emit q->subscribed(event.code, event.extra);
            return;
        case Event::Unsubscribed:
            emit q->unsubscribed(event.code);
            return;
        }
    }

    void onDisconnected(int rc, int systemErrno)
    {
        const State previous = q->m_state;
        if (previous == State::Disconnected)
            return;
        ++connectionGeneration;
        dropNotifiers();
        const ServiceError override = hasOverrideReason ? overrideReason : ServiceError();
        const bool overridden = hasOverrideReason;
        hasOverrideReason = false;
        if (previous == State::Connected || previous == State::Disconnecting) {
            ServiceError reason;
            if (overridden)
                reason = override;
            else if (!(previous == State::Disconnecting && rc == MOSQ_ERR_SUCCESS))
                reason = rc == MOSQ_ERR_SUCCESS ? MosquittoClient::mosquittoError(MOSQ_ERR_CONN_LOST, 0, q->m_options.host, q->m_options.port)
                                                : failureFor(rc, systemErrno);
            if (reason.isError()) {
                qCInfo(lcMqtt).nospace() << q->m_options.clientId << " disconnected from "
                                         << endpoint(q->m_options.host, q->m_options.port) << ": " << reason.message()
                                         << (reason.detail().isEmpty() ? QString() : QStringLiteral(" (") + reason.detail() + QLatin1Char(')'));
            } else {
                qCDebug(lcMqtt) << q->m_options.clientId << "disconnected";
            }
            setState(State::Disconnected);
            emit q->disconnected(reason);
            return;
        }
        finishAttempt(overridden ? override : failureFor(rc, systemErrno));
    }

    void finishAttempt(const ServiceError &error)
    {
        ++connectionGeneration;
        if (lookupId >= 0) {
            QHostInfo::abortHostLookup(lookupId);
            lookupId = -1;
        }
        qCInfo(lcMqtt).nospace() << "could not connect " << q->m_options.clientId << " to "
                                 << endpoint(q->m_options.host, q->m_options.port) << ": " << error.message()
                                 << (error.detail().isEmpty() ? QString() : QStringLiteral(" (") + error.detail() + QLatin1Char(')'));
        setState(State::Disconnected);
        emit q->connectionFailed(error);
    }

    void setState(State state)
    {
        if (q->m_state == state)
            return;
        q->m_state = state;
        emit q->stateChanged(state);
    }

    // loop_misc and the keep-alive watchdog, every keepAlive/2 (at least 1 s) on the Clock.
    std::chrono::milliseconds tickInterval() const
    {
        const int keepAlive = q->m_options.keepAliveSeconds;
        return keepAlive > 0 ? std::chrono::milliseconds(std::max(1000, keepAlive * 500)) : std::chrono::seconds(30);
    }

    void scheduleTick()
    {
        clock->callAfter(tickInterval(), q, [this, generation = connectionGeneration] {
            if (generation == connectionGeneration)
                tick();
        });
    }

    void tick()
    {
        if (!mosq || mosquitto_socket(mosq) < 0)
            return;
        const qint64 now = clock->monotonicMs();
        if (q->m_state == State::Disconnecting && now - disconnectRequestedMs >= DisconnectGraceMs) {
            forceClose(ServiceError());
            return;
        }
        const int keepAlive = q->m_options.keepAliveSeconds;
        if (q->m_state == State::Connected && keepAlive > 0 && now - lastInboundMs >= 2000LL * keepAlive) {
            forceClose(ServiceError(ServiceError::Kind::Timeout,
                                    MosquittoClient::tr("%1 stopped answering: nothing arrived for %2 s (keep-alive "
                                                        "%3 s). The connection was closed as lost.")
                                        .arg(endpoint(q->m_options.host, q->m_options.port))
                                        .arg((now - lastInboundMs) / 1000)
                                        .arg(keepAlive)));
            return;
        }
        call([&] { return mosquitto_loop_misc(mosq); });
        afterCall();
        if (mosq && mosquitto_socket(mosq) >= 0)
            scheduleTick();
    }

    MosquittoClient *q;
    Clock *clock;
    mosquitto *mosq = nullptr;
    QString mosqClientId;
    bool mosqCleanSession = true;
    bool mosqTls = false;
    QString mosqCaFile;
    MqttTlsContext::Peer peer;
    QSocketNotifier *readNotifier = nullptr;
    QSocketNotifier *writeNotifier = nullptr;
    int socket = -1;
    int lookupId = -1;
    quint64 attempt = 0;
    quint64 connectionGeneration = 0;
    qint64 lastInboundMs = 0;
    qint64 disconnectRequestedMs = 0;
    int connackCode = -1;
    int lastErrno = 0;
    int lastRc = MOSQ_ERR_SUCCESS;
    QString lastLogError;
    ServiceError overrideReason;
    bool hasOverrideReason = false;
    std::deque<Event> events;
    bool dispatching = false;
    bool destroying = false;
};

MosquittoClient::MosquittoClient(Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, clock ? clock : Clock::system()))
{
}

MosquittoClient::~MosquittoClient() = default;

ServiceError MosquittoClient::validate(const Options &options)
{
    if (options.host.trimmed().isEmpty())
        return ServiceError::invalidInput(tr("The MQTT host is empty — enter the broker's host name or address."));
    if (options.port == 0)
        return ServiceError::invalidInput(tr("The MQTT port is 0 — enter the broker's port (1883, or 8883 for TLS)."));
    if (options.clientId.isEmpty() && !options.cleanSession) {
        return ServiceError::invalidInput(
            tr("An MQTT client without a client id must use a clean session — enter a client id."));
    }
    if (options.clientId.toUtf8().size() > 65535 || options.username.toUtf8().size() > 65535
        || options.password.size() > 65535) {
        return ServiceError::invalidInput(tr("The MQTT client id, user name or password is longer than 65535 bytes."));
    }
    if (options.keepAliveSeconds != 0 && (options.keepAliveSeconds < 5 || options.keepAliveSeconds > 65535)) {
        return ServiceError::invalidInput(
            tr("The MQTT keep-alive must be 0 (off) or 5 to 65535 seconds, not %1.").arg(options.keepAliveSeconds));
    }
    if (!options.tls && (!options.caFile.isEmpty() || !options.tlsServerName.isEmpty())) {
        return ServiceError::invalidInput(
            tr("A CA file or TLS server name was given for a connection without TLS — switch TLS on or remove them."));
    }
    if (options.connectTimeout.count() <= 0)
        return ServiceError::invalidInput(tr("The MQTT connect timeout must be positive."));
    return {};
}

Status MosquittoClient::connectToHost(const Options &options)
{
    const ServiceError invalid = validate(options);
    if (invalid.isError())
        return invalid;
    if (m_state != State::Disconnected) {
        return ServiceError(ServiceError::Kind::Conflict,
                            tr("This MQTT client is already connecting or connected — disconnect first."));
    }
    ServiceError error;
    if (!d->prepare(options, &error))
        return error;
    m_options = options;
    m_address.clear();
    const quint64 attempt = ++d->attempt;
    d->setState(State::Resolving);

    d->clock->callAfter(options.connectTimeout, this, [this, attempt] {
        if (attempt != d->attempt || (m_state != State::Resolving && m_state != State::Connecting))
            return;
        const ServiceError timeout(ServiceError::Kind::Timeout,
                                   tr("%1 did not answer within %2 s — check the host, the port and the firewall, "
                                      "or try again later.")
                                       .arg(endpoint(m_options.host, m_options.port))
                                       .arg(m_options.connectTimeout.count() / 1000.0));
        if (m_state == State::Resolving)
            d->finishAttempt(timeout);
        else
            d->forceClose(timeout);
    });

    QHostAddress literal;
    if (literal.setAddress(options.host)) {
        QMetaObject::invokeMethod(
            this, [this, attempt, literal] { d->startConnect(attempt, literal); }, Qt::QueuedConnection);
        return Done {};
    }
    d->lookupId = QHostInfo::lookupHost(options.host, this, [this, attempt](const QHostInfo &info) {
        if (attempt != d->attempt || m_state != State::Resolving)
            return;
        d->lookupId = -1;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            d->finishAttempt(ServiceError(ServiceError::Kind::Network,
                                          tr("The host name %1 could not be resolved — check the host name and the "
                                             "network connection.")
                                              .arg(m_options.host),
                                          info.errorString()));
            return;
        }
        // IPv4 first: where both exist, IPv6 is the one more often unreachable.
        QHostAddress chosen = info.addresses().constFirst();
        for (const QHostAddress &address : info.addresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol) {
                chosen = address;
                break;
            }
        }
        d->startConnect(attempt, chosen);
    });
    return Done {};
}

void MosquittoClient::disconnectFromHost()
{
    switch (m_state) {
    case State::Disconnected:
    case State::Disconnecting:
        return;
    case State::Resolving:
        d->finishAttempt(ServiceError::canceled(tr("connect to %1").arg(endpoint(m_options.host, m_options.port))));
        return;
    case State::Connecting:
        d->forceClose(ServiceError::canceled(tr("connect to %1").arg(endpoint(m_options.host, m_options.port))));
        return;
    case State::Connected:
        break;
    }
    d->setState(State::Disconnecting);
    d->disconnectRequestedMs = d->clock->monotonicMs();
    const int rc = d->call([&] { return mosquitto_disconnect(d->mosq); });
    if (rc != MOSQ_ERR_SUCCESS)
        d->forceClose(ServiceError());
    else
        d->afterCall();
}

Result<int> MosquittoClient::publish(const QString &topic, const QByteArray &payload, int qos, bool retain)
{
    if (m_state != State::Connected) {
        return ServiceError(ServiceError::Kind::Network,
                            tr("Not connected to %1 — wait for the connection before publishing.")
                                .arg(endpoint(m_options.host, m_options.port)));
    }
    if (qos < 0 || qos > 1)
        return ServiceError::invalidInput(tr("MQTT QoS %1 is not supported; use 0 or 1.").arg(qos));
    if (topic.isEmpty() || topic.contains(QLatin1Char('+')) || topic.contains(QLatin1Char('#')))
        return ServiceError::invalidInput(tr("The topic \"%1\" cannot be published to.").arg(topic));
    const QByteArray topicBytes = topic.toUtf8();
    int mid = 0;
    const int rc = d->call([&] {
        return mosquitto_publish(d->mosq, &mid, topicBytes.constData(), int(payload.size()), payload.constData(), qos,
                                 retain);
    });
    const int savedErrno = d->lastErrno;
    d->afterCall();
    if (rc != MOSQ_ERR_SUCCESS)
        return mosquittoError(rc, savedErrno, m_options.host, m_options.port);
    return mid;
}

Result<int> MosquittoClient::subscribe(const QString &filter, int qos)
{
    if (m_state != State::Connected) {
        return ServiceError(ServiceError::Kind::Network,
                            tr("Not connected to %1 — wait for the connection before subscribing.")
                                .arg(endpoint(m_options.host, m_options.port)));
    }
    if (qos < 0 || qos > 2)
        return ServiceError::invalidInput(tr("MQTT QoS %1 does not exist; use 0, 1 or 2.").arg(qos));
    const QByteArray filterBytes = filter.toUtf8();
    int mid = 0;
    const int rc = d->call([&] { return mosquitto_subscribe(d->mosq, &mid, filterBytes.constData(), qos); });
    const int savedErrno = d->lastErrno;
    d->afterCall();
    if (rc != MOSQ_ERR_SUCCESS)
        return mosquittoError(rc, savedErrno, m_options.host, m_options.port);
    return mid;
}

Result<int> MosquittoClient::unsubscribe(const QString &filter)
{
    if (m_state != State::Connected) {
        return ServiceError(ServiceError::Kind::Network,
                            tr("Not connected to %1 — wait for the connection before unsubscribing.")
                                .arg(endpoint(m_options.host, m_options.port)));
    }
    const QByteArray filterBytes = filter.toUtf8();
    int mid = 0;
    const int rc = d->call([&] { return mosquitto_unsubscribe(d->mosq, &mid, filterBytes.constData()); });
    const int savedErrno = d->lastErrno;
    d->afterCall();
    if (rc != MOSQ_ERR_SUCCESS)
        return mosquittoError(rc, savedErrno, m_options.host, m_options.port);
    return mid;
}

ServiceError MosquittoClient::connackError(int returnCode, const QString &host)
{
    ServiceError error;
    switch (returnCode) {
    case 1:
        error = ServiceError(ServiceError::Kind::Unsupported,
                             tr("%1 refused the connection: it does not accept MQTT 3.1.1.").arg(host));
        break;
    case 2:
        error = ServiceError(ServiceError::Kind::BadRequest,
                             tr("%1 refused the client id — for IoT Hub the client id must be the device id.").arg(host));
        break;
    case 3:
        error = ServiceError(ServiceError::Kind::Unavailable,
                             tr("%1 refused the connection: server unavailable (or busy) — try again later.").arg(host));
        break;
    case 4:
        error = ServiceError(ServiceError::Kind::Unauthorized,
                             tr("%1 refused the connection: bad user name or password — check the user name and the "
                                "API key / SAS token.")
                                 .arg(host));
        break;
    case 5:
        error = ServiceError(ServiceError::Kind::Unauthorized,
                             tr("%1 refused the connection: not authorized — check the API key / SAS token (and "
                                "that it has not expired).")
                                 .arg(host));
        break;
    default:
        error = ServiceError(ServiceError::Kind::ServerError,
                             tr("%1 refused the connection with the unknown MQTT return code %2.").arg(host).arg(returnCode));
        break;
    }
    return error.setCode(QStringLiteral("CONNACK %1").arg(returnCode));
}

ServiceError MosquittoClient::mosquittoError(int mosquittoCode, int systemErrno, const QString &host, quint16 port)
{
    const QString where = endpoint(host, port);
    const QString detail = mosquittoCode == MOSQ_ERR_ERRNO && systemErrno != 0
        ? QString::fromLocal8Bit(std::strerror(systemErrno))
        : QString::fromUtf8(mosquitto_strerror(mosquittoCode));
    ServiceError error;
    switch (mosquittoCode) {
    case MOSQ_ERR_SUCCESS:
        return {};
    case MOSQ_ERR_CONN_LOST:
        error = ServiceError(ServiceError::Kind::Network,
                             tr("The connection to %1 was lost — it is reconnected when the network is back.").arg(where),
                             detail);
        break;
    case MOSQ_ERR_KEEPALIVE:
        error = ServiceError(ServiceError::Kind::Timeout,
                             tr("%1 stopped answering (no reply to the keep-alive ping) — the connection counts as lost.")
                                 .arg(where),
                             detail);
        break;
    case MOSQ_ERR_NO_CONN:
        error = ServiceError(ServiceError::Kind::Network, tr("Not connected to %1.").arg(where), detail);
        break;
    case MOSQ_ERR_TLS:
    case MOSQ_ERR_TLS_HANDSHAKE:
    case MOSQ_ERR_OCSP:
        error = ServiceError(ServiceError::Kind::Tls,
                             tr("The TLS connection to %1 failed — check the port, the CA file and the server's "
                                "certificate.")
                                 .arg(where),
                             detail);
        break;
    case MOSQ_ERR_EAI:
    case MOSQ_ERR_LOOKUP:
        error = ServiceError(ServiceError::Kind::Network,
                             tr("The host name %1 could not be resolved — check the host name and the network.").arg(host),
                             detail);
        break;
    case MOSQ_ERR_PROTOCOL:
    case MOSQ_ERR_MALFORMED_PACKET:
        error = ServiceError(ServiceError::Kind::MalformedResponse,
                             tr("%1 broke the MQTT protocol — check that the port is an MQTT port.").arg(where), detail);
        break;
    case MOSQ_ERR_PAYLOAD_SIZE:
    case MOSQ_ERR_OVERSIZE_PACKET:
        error = ServiceError(ServiceError::Kind::PayloadTooLarge, tr("The MQTT message is too large for %1.").arg(where),
                             detail);
        break;
    case MOSQ_ERR_MALFORMED_UTF8:
        error = ServiceError(ServiceError::Kind::InvalidInput, tr("The MQTT topic is not valid UTF-8 or not a valid topic."),
                             detail);
        break;
    case MOSQ_ERR_INVAL:
    case MOSQ_ERR_QOS_NOT_SUPPORTED:
        error = ServiceError(ServiceError::Kind::InvalidInput, tr("libmosquitto refused the request as invalid."), detail);
        break;
    case MOSQ_ERR_NOMEM:
        error = ServiceError(ServiceError::Kind::Backend, tr("Out of memory in the MQTT client."), detail);
        break;
    case MOSQ_ERR_CONN_REFUSED:
    case MOSQ_ERR_AUTH:
        error = ServiceError(ServiceError::Kind::Unauthorized,
                             tr("%1 refused the connection — check the user name and the key or token.").arg(where), detail);
        break;
    case MOSQ_ERR_ERRNO:
        switch (systemErrno) {
        case ECONNREFUSED:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("%1 refused the connection — check that the broker runs and the port is right.").arg(where),
                                 detail);
            break;
        case ETIMEDOUT:
            error = ServiceError(ServiceError::Kind::Timeout,
                                 tr("%1 did not answer — check the host, the port and the firewall.").arg(where), detail);
            break;
        case EHOSTUNREACH:
        case ENETUNREACH:
        case ENETDOWN:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("%1 is unreachable — check the network connection.").arg(where), detail);
            break;
        case EPROTO:
            error = ServiceError(ServiceError::Kind::Tls,
                                 tr("The TLS connection to %1 failed — check the port, the CA file and the server's "
                                    "certificate.")
                                     .arg(where),
                                 detail);
            break;
        case EMFILE:
        case ENFILE:
            error = ServiceError(ServiceError::Kind::Backend,
                                 tr("Too many open files for another MQTT connection — raise the open-file limit "
                                    "(ulimit -n)."),
                                 detail);
            break;
        default:
            error = ServiceError(ServiceError::Kind::Network,
                                 tr("The connection to %1 failed or was lost.").arg(where), detail);
            break;
        }
        break;
    default:
        error = ServiceError(ServiceError::Kind::Network, tr("The MQTT connection to %1 failed.").arg(where), detail);
        break;
    }
    return error.setCode(QStringLiteral("MOSQ_ERR_%1").arg(mosquittoCode));
}

} // namespace TwinBridge
