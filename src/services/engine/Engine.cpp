#include "services/engine/Engine.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/DeviceConnectionPool.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/engine/IdentityProvisioner.h"
#include "services/engine/IngestEventProcessor.h"
#include "services/engine/IngestServer.h"
#include "services/engine/IngestSink.h"
#include "services/engine/Outbox.h"
#include "services/engine/TtsApplicationSubscriber.h"
#include "services/engine/UplinkTranslator.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/tts/TtsClient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <algorithm>
#include <climits>
#include <cmath>
#include <utility>

namespace TwinBridge {

namespace {

// Records worked on at once per pipeline. Uplinks of one device are never in flight together (the outbox hands
// out queue heads only); this bounds memory and the futures outstanding across devices.
constexpr int MaxUplinksInFlight = 512;
// Uplinks kept parsed between their append and their processing, so the usual path reads the TTS JSON once;
// beyond this many (a long outage), records are parsed again from the outbox when their turn comes.
constexpr int MaxParsedUplinks = 4 * MaxUplinksInFlight;
constexpr int MaxIngestInFlight = 64;
// Live-feed events kept between two batches; beyond it they are counted and summarised.
constexpr int MaxEventsPerBatch = 2000;
constexpr std::chrono::milliseconds MinRetryDelay {1000};
constexpr std::chrono::milliseconds MaxRetryDelay {60000};

// An uplink as the outbox stores it: the topic, when it arrived and the MQTT payload (valid UTF-8 JSON, so the
// text round-trips byte for byte).
QByteArray uplinkRecord(const TtsUpstreamMessage &message)
{
    const QJsonObject json {{QStringLiteral("v"), 1},
                            {QStringLiteral("topic"), message.topic.toString()},
                            {QStringLiteral("receivedAt"), message.receivedAt.toUTC().toString(Qt::ISODateWithMs)},
                            {QStringLiteral("payload"), QString::fromUtf8(message.payload)}};
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

EngineEvent::Kind eventKindFor(TtsMessageType type)
{
    switch (type) {
    case TtsMessageType::Uplink:
        return EngineEvent::Kind::UplinkForwarded;
    case TtsMessageType::JoinAccept:
        return EngineEvent::Kind::Join;
    case TtsMessageType::LocationSolved:
    case TtsMessageType::ServiceData:
        return EngineEvent::Kind::LocationOrServiceData;
    default:
        return EngineEvent::Kind::DownlinkEvent;
    }
}

} // namespace

class Engine::Private : public IngestSink
{
public:
    explicit Private(Engine *engine)
        : q(engine)
    { }
    ~Private() override = default;

    Status open();
    void close();

    // Uplinks.
    void onMessage(const TtsUpstreamMessage &message);
    void flushAppends();
    void pumpUplinks();
    void processUplink(const Outbox::Record &record);
    void deliver(const Outbox::Record &record, const TtsUpstreamMessage &message, quint64 generation);
    void uplinkDone(qint64 id, quint64 generation);
    void uplinkFailed(const Outbox::Record &record, const ServiceError &error, quint64 generation);

    // Ingest.
    QFuture<Status> persist(const QList<IngestEvent> &events) override;
    void pumpIngest();
    void processIngest(const Outbox::Record &record);
    void ingestFinished(const Outbox::Record &record, const IngestEvent &event, const IngestOutcome &outcome,
                        quint64 generation);

    void loadDesiredVersions();
    void saveDesiredVersions();
    void wakeAt(Outbox::Kind kind);
    QDateTime retryAt(int attempts, const ServiceError &error) const;
    void addEvent(EngineEvent::Kind kind, const QString &deviceId, const QString &summary,
                  const QJsonObject &detail = {});
    // An Error event with detail["source"] (EngineEvent::ErrorSource) naming the part that failed.
    void addError(QLatin1String source, const QString &deviceId, const QString &summary, QJsonObject detail = {});
    void updateGauges();
    void takeDeviceCounters(const DeviceConnectionPool::Counters &counters);
    void publishStats();
    void checkDrained();
    void ensureIdentityThenDeliver(const Outbox::Record &record, const TtsUpstreamMessage &message, quint64 gen);
    void finishStop();

    Engine *q;
    EngineMetrics metrics;
    std::unique_ptr<Outbox> outbox;
    QNetworkAccessManager *nam = nullptr;
    HubThrottle *throttle = nullptr;
    HttpTransport *hubTransport = nullptr;
    IotHubServiceClient *hubClient = nullptr;
    TtsClient *tts = nullptr;
    IdentityProvisioner *identities = nullptr;
    UplinkTranslator translator;
    TtsApplicationSubscriber *subscriber = nullptr;
    DeviceConnectionContext *deviceContext = nullptr;
    DeviceConnectionPool *pool = nullptr;
    // The pool's telemetrySent and reportedPatches already in the metrics (the pool is new at every start).
    quint64 poolTelemetryTaken = 0;
    quint64 poolPatchesTaken = 0;
    IngestServer *ingest = nullptr;
    IngestEventProcessor *processor = nullptr;
    QTimer *statsTimer = nullptr;
    QTimer *drainTimer = nullptr;

    // The reported decodedPayload as this run last wrote it, per device (UplinkTranslator's `previous`).
    QHash<QString, QJsonObject> lastDecoded;
    // The last desired $version that became a downlink, per device, kept in the data directory so that an event
    // the Function delivers again after a restart does not send the downlink twice.
    QHash<QString, qint64> desiredVersions;
    QList<Outbox::NewRecord> pendingAppends;
    QList<TtsUpstreamMessage> pendingMessages; // parallel to pendingAppends
    QHash<qint64, TtsUpstreamMessage> parsedUplinks; // outbox id → the message as the subscriber parsed it
    bool appendQueued = false;
    QSet<qint64> uplinksInFlight;
    QSet<qint64> ingestInFlight;
    // Bumped by every close(): completions of an earlier run are ignored.
    quint64 generation = 0;
    bool accepting = false; // new records may be taken from the outbox
    std::array<qint64, Outbox::KindCount> wakeScheduledMs {0, 0, 0};
    EngineEvents events;
    quint64 eventsDropped = 0;
    quint16 ingestPort = 0;
    Futures::SharedPromise<void> stopPromise;
    bool finishStopQueued = false;
};

// --- start / stop --------------------------------------------------------------------------------------------

Status Engine::Private::open()
{
    const EngineConfig &config = q->m_config;
    Outbox::Options outboxOptions;
    outboxOptions.limits.maxRecords = config.outboxMaxEntries;
    Result<std::unique_ptr<Outbox>> opened = Outbox::open(config.effectiveDataDirectory(), outboxOptions, q->m_clock);
    if (!opened)
        return opened.error();
    outbox = opened.takeValue();

    Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(config.profile.tls.caCertificateFile);
    if (!ssl)
        return ssl.error();

    nam = new QNetworkAccessManager(q);
    // The hub's limiters, once for the hub: IoT Hub counts per hub, whichever way a request comes (a REST tag
    // write and a device's reported patch are both twin updates), so the REST clients and the device
    // connections draw on the same buckets.
    throttle = new HubThrottle(config.hubSku, config.hubUnits, q->m_clock, q);
    throttle->setRateShare(Engine::HubRateShare);
    throttle->setEnabled(config.throttlesEnabled);

    hubTransport = new HttpTransport(nam, q);
    hubTransport->setClock(q->m_clock);
    hubTransport->setSslConfiguration(ssl.value());
    IotHubCredentials credentials;
    credentials.hostName = config.profile.iotHub.hostName;
    credentials.restEndpoint = config.profile.effectiveIotHubRestUrl();
    credentials.policyName = config.profile.iotHub.policyName;
    credentials.policyKey = config.secrets.hubPolicyKey.toLatin1();
    hubClient = new IotHubServiceClient(hubTransport, credentials, throttle, q->m_clock, q);

    tts = new TtsClient(nam, QUrl(config.profile.tts.apiBaseUrl), config.profile.tts.applicationId,
                        config.secrets.ttsApiKey, q->m_clock, q);
    tts->transport()->setSslConfiguration(ssl.value());

    identities = new IdentityProvisioner(hubClient, q);
    QObject::connect(identities, &IdentityProvisioner::identityCreated, q, [this](const QString &deviceId) {
        metrics.increment(EngineMetrics::Counter::IdentitiesCreated);
        addEvent(EngineEvent::Kind::IdentityCreated, deviceId,
                 Engine::tr("Created the IoT Hub identity of %1").arg(deviceId));
    });
    QObject::connect(identities, &IdentityProvisioner::identityFailed, q,
                     [this](const QString &deviceId, const ServiceError &error) {
                         metrics.increment(EngineMetrics::Counter::IdentityFailures);
                         addError(EngineEvent::ErrorSource::HubRest, deviceId, error.toString(),
                                  QJsonObject {{QStringLiteral("kind"), ServiceError::kindName(error.kind())},
                                               {QStringLiteral("code"), error.code()}});
                     });

    translator.setOptions({MessageFilter(config.telemetryFilter), MessageFilter(config.reportedFilter)});

    Result<DeviceConnectionSettings> deviceSettings =
        DeviceConnectionSettings::fromProfile(config.profile, config.secrets.hubPolicyKey.toLatin1());
    if (!deviceSettings)
        return deviceSettings.error();
    deviceContext = new DeviceConnectionContext(deviceSettings.takeValue(), q->m_clock, q);
    DeviceConnectionPool::Options poolOptions;
    poolOptions.mode = config.mode == EngineConfig::ConnectionMode::Strict ? DeviceConnectionPool::Mode::Strict
                                                                           : DeviceConnectionPool::Mode::Pooled;
    poolOptions.maxConnections = config.pool.maxConnections;
    poolOptions.idleTtl = config.pool.idleTimeout;
    pool = new DeviceConnectionPool(deviceContext, poolOptions, throttle, q);
    poolTelemetryTaken = 0;
    poolPatchesTaken = 0;

    if (config.ingest.enabled) {
        processor = new IngestEventProcessor(tts, hubClient, q);
        loadDesiredVersions();
        IngestServer::Options ingestOptions;
        ingestOptions.applicationId = config.profile.tts.applicationId;
        ingestOptions.ingestKey = config.secrets.ingestKey.toUtf8();
        ingestOptions.address = config.ingest.bindAddress;
        ingestOptions.port = config.ingest.port;
        ingestOptions.allowRemote = !config.ingest.bindAddress.isLoopback(); // the configuration said so
        ingestOptions.certificatePath = config.ingest.tlsCertificateFile;
        ingestOptions.keyPath = config.ingest.tlsKeyFile;
        ingestOptions.maxBodyBytes = EngineConfig::Ingest::maxBodyBytes;
        ingest = new IngestServer(ingestOptions, q);
        ingest->setSink(this);
        ingest->setMetricsProvider([this]() {
            updateGauges();
            return metrics.renderPrometheus();
        });
        ingest->setHealthProvider([this]() {
            IngestServer::Health health;
            health.healthy = q->m_state == State::Running;
            health.status = QJsonObject {
                {QStringLiteral("state"), Engine::stateName(q->m_state)},
                {QStringLiteral("ttsConnected"), subscriber && subscriber->isSubscribed()},
                {QStringLiteral("outboxDepth"), outbox ? outbox->totalRecords() : 0},
            };
            return health;
        });
        QObject::connect(ingest, &IngestServer::eventsPersisted, q, [this](const QList<IngestEvent> &accepted) {
            metrics.increment(EngineMetrics::Counter::IngestEventsAccepted, quint64(accepted.size()));
            pumpIngest();
        });
        QObject::connect(ingest, &IngestServer::requestAnswered, q, [this](int status, const QString &path) {
            if (status == 400)
                metrics.rejectIngestEvent(QStringLiteral("malformed"));
            else if (status == 401)
                metrics.rejectIngestEvent(QStringLiteral("unauthorized"));
            else if (status == 413)
                metrics.rejectIngestEvent(QStringLiteral("too_large"));
            else if (status == 503)
                metrics.rejectIngestEvent(QStringLiteral("not_persisted"));
            else if (status == 404)
                metrics.rejectIngestEvent(QStringLiteral("not_found"));
            if (status >= 400) {
                addError(EngineEvent::ErrorSource::Ingest, {},
                         Engine::tr("The ingest endpoint answered %1 to a request for %2").arg(status).arg(path),
                         QJsonObject {{QStringLiteral("status"), status}, {QStringLiteral("path"), path}});
            }
        });
        Result<quint16> port = ingest->listen();
        if (!port)
            return port.error();
        ingestPort = port.value();
    }

    subscriber = new TtsApplicationSubscriber(q->m_clock, q);
    QObject::connect(subscriber, &TtsApplicationSubscriber::messageReceived, q,
                     [this](const TtsUpstreamMessage &message) { onMessage(message); });
    QObject::connect(
        subscriber, &TtsApplicationSubscriber::messageDropped, q,
        [this](TtsApplicationSubscriber::DropReason reason, const QString &topic) {
            metrics.increment(EngineMetrics::Counter::MalformedTtsMessages);
            addError(EngineEvent::ErrorSource::TtsMessage, {},
                     Engine::tr("Dropped a message from The Things Stack on %1: %2")
                         .arg(topic, TtsApplicationSubscriber::dropReasonName(reason)),
                     QJsonObject {{QStringLiteral("topic"), topic},
                                  {QStringLiteral("reason"), TtsApplicationSubscriber::dropReasonName(reason)}});
        });
    QObject::connect(subscriber, &TtsApplicationSubscriber::errorOccurred, q,
                     [this](const ServiceError &error) {
                         addError(EngineEvent::ErrorSource::TtsMqtt, {}, error.toString());
                     });
    QObject::connect(subscriber, &TtsApplicationSubscriber::stateChanged, q,
                     [this](TtsApplicationSubscriber::State state) {
                         const bool subscribed = state == TtsApplicationSubscriber::State::Subscribed;
                         metrics.setGauge(EngineMetrics::Gauge::TtsConnected, subscribed ? 1 : 0);
                         if (subscribed) {
                             if (subscriber->reconnectCount() > 0)
                                 metrics.increment(EngineMetrics::Counter::Reconnects);
                             addEvent(EngineEvent::Kind::Lifecycle, {},
                                      Engine::tr("Subscribed to the messages of TTS application %1")
                                          .arg(q->m_config.profile.tts.applicationId));
                         }
                     });
    const Status started = subscriber->start(
        TtsApplicationSubscriber::Options::fromProfile(config.profile, config.secrets.ttsApiKey.toUtf8()));
    if (!started)
        return started.error();

    statsTimer = new QTimer(q);
    statsTimer->setInterval(config.statsInterval);
    QObject::connect(statsTimer, &QTimer::timeout, q, [this]() { publishStats(); });
    statsTimer->start();
    return Done {};
}

void Engine::Private::close()
{
    ++generation;
    accepting = false;
    if (subscriber)
        subscriber->stop();
    if (ingest)
        ingest->close();
    if (outbox) {
        for (qint64 id : std::as_const(uplinksInFlight))
            outbox->release(id);
        for (qint64 id : std::as_const(ingestInFlight))
            outbox->release(id);
    }
    uplinksInFlight.clear();
    ingestInFlight.clear();
    if (pool) {
        takeDeviceCounters(pool->counters());
        pool->closeAll();
    }
    if (statsTimer)
        statsTimer->stop();
    if (drainTimer)
        drainTimer->stop();
    // Children of the engine, deleted in the reverse order of their dependencies.
    delete subscriber;
    subscriber = nullptr;
    delete ingest;
    ingest = nullptr;
    delete processor;
    processor = nullptr;
    delete pool;
    pool = nullptr;
    delete deviceContext;
    deviceContext = nullptr;
    delete identities;
    identities = nullptr;
    delete tts;
    tts = nullptr;
    delete hubClient;
    hubClient = nullptr;
    delete hubTransport;
    hubTransport = nullptr;
    delete throttle;
    throttle = nullptr;
    delete nam;
    nam = nullptr;
    delete statsTimer;
    statsTimer = nullptr;
    if (drainTimer)
        drainTimer->deleteLater(); // close() may run inside its timeout
    drainTimer = nullptr;
    outbox.reset();
    parsedUplinks.clear();
    ingestPort = 0;
    wakeScheduledMs = {0, 0, 0};
}

// --- uplinks -------------------------------------------------------------------------------------------------

void Engine::Private::onMessage(const TtsUpstreamMessage &message)
{
    metrics.increment(EngineMetrics::Counter::UplinksReceived);
    pendingAppends.append(Outbox::NewRecord {Outbox::Kind::Uplink, message.deviceId(), uplinkRecord(message)});
    pendingMessages.append(message);
    // Everything that arrives in one event-loop turn goes to disk in one transaction.
    if (!appendQueued) {
        appendQueued = true;
        QMetaObject::invokeMethod(
            q, [this]() { flushAppends(); }, Qt::QueuedConnection);
    }
}

void Engine::Private::flushAppends()
{
    appendQueued = false;
    if (pendingAppends.isEmpty() || !outbox)
        return;
    const QList<Outbox::NewRecord> records = std::exchange(pendingAppends, {});
    const QList<TtsUpstreamMessage> messages = std::exchange(pendingMessages, {});
    const Result<QList<qint64>> appended = outbox->appendMany(records);
    if (!appended) {
        // QoS 0 from TTS cannot be refused upstream: the loss is counted and shown, never silent.
        metrics.increment(EngineMetrics::Counter::OutboxRejected, quint64(records.size()));
        qCWarning(lcBridge) << "outbox refused" << records.size() << "uplinks:" << appended.error().toString();
        addError(EngineEvent::ErrorSource::Outbox, {},
                 Engine::tr("%n uplink(s) could not be stored and were lost: %1", nullptr, int(records.size()))
                     .arg(appended.error().toString()),
                 QJsonObject {{QStringLiteral("code"), appended.error().code()},
                              {QStringLiteral("records"), int(records.size())}});
        return;
    }
    for (qsizetype i = 0; i < appended.value().size() && parsedUplinks.size() < MaxParsedUplinks; ++i)
        parsedUplinks.insert(appended.value().at(i), messages.at(i));
    pumpUplinks();
}

void Engine::Private::pumpUplinks()
{
    if (!accepting || !outbox)
        return;
    const int room = MaxUplinksInFlight - int(uplinksInFlight.size());
    if (room <= 0)
        return;
    Result<QList<Outbox::Record>> ready = outbox->takeReady(Outbox::Kind::Uplink, room);
    if (!ready) {
        addError(EngineEvent::ErrorSource::Outbox, {}, ready.error().toString());
        return;
    }
    for (const Outbox::Record &record : ready.value()) {
        uplinksInFlight.insert(record.id);
        processUplink(record);
    }
    wakeAt(Outbox::Kind::Uplink);
}

void Engine::Private::processUplink(const Outbox::Record &record)
{
    const quint64 gen = generation;
    if (const auto parsed = parsedUplinks.constFind(record.id); parsed != parsedUplinks.constEnd()) {
        const TtsUpstreamMessage message = *parsed;
        parsedUplinks.erase(parsed);
        ensureIdentityThenDeliver(record, message, gen);
        return;
    }
    // A record from an earlier run (or one that did not fit in parsedUplinks): parse and check it again.
    const QJsonObject stored = QJsonDocument::fromJson(record.payload).object();
    const QByteArray payload = stored.value(QLatin1String("payload")).toString().toUtf8();
    const QDateTime receivedAt =
        QDateTime::fromString(stored.value(QLatin1String("receivedAt")).toString(), Qt::ISODateWithMs);
    const TtsApplicationSubscriber::Classified classified =
        TtsApplicationSubscriber::classify(q->m_config.profile.tts.applicationId, q->m_config.profile.tts.tenantId,
                                           stored.value(QLatin1String("topic")).toString(), payload, receivedAt);
    if (!classified.message) {
        // Only a record written by another profile or a damaged file gets here: it can never succeed.
        metrics.increment(EngineMetrics::Counter::UplinksFailed);
        addError(EngineEvent::ErrorSource::Outbox, record.deviceId,
                 Engine::tr("Removed a stored uplink of %1 that can no longer be read (%2)")
                     .arg(record.deviceId, TtsApplicationSubscriber::dropReasonName(classified.reason)),
                 QJsonObject {{QStringLiteral("outboxId"), record.id}, {QStringLiteral("detail"), classified.detail}});
        outbox->ack(record.id);
        uplinkDone(record.id, gen);
        return;
    }
    ensureIdentityThenDeliver(record, *classified.message, gen);
}

void Engine::Private::ensureIdentityThenDeliver(const Outbox::Record &record, const TtsUpstreamMessage &message,
                                                quint64 gen)
{
    const ApplicationUp::EndDeviceIds &ids = message.message.endDeviceIds();
    identities->ensure(message.deviceId(), ids.devEui, ids.joinEui)
        .then(q, [this, record, message, gen](Result<ProvisionedIdentity> identity) {
            if (gen != generation)
                return;
            if (!identity) {
                uplinkFailed(record, identity.error(), gen);
                return;
            }
            deliver(record, message, gen);
        });
}

void Engine::Private::deliver(const Outbox::Record &record, const TtsUpstreamMessage &message, quint64 gen)
{
    const QString deviceId = message.deviceId();
    const auto previous = lastDecoded.constFind(deviceId);
    const bool previousKnown = previous != lastDecoded.constEnd();
    const UplinkTranslator::Translation translation = translator.translateMessage(
        message.payload, message.message, previousKnown ? std::optional<QJsonObject>(*previous) : std::nullopt,
        message.receivedAt);

    if (!translation.telemetry && !translation.reportedPatch) {
        // Filtered out entirely: nothing to send, done.
        outbox->ack(record.id);
        uplinkDone(record.id, gen);
        return;
    }

    DeviceConnectionPool::Work work;
    if (translation.telemetry)
        work.telemetry =
            DeviceConnectionPool::Telemetry {translation.telemetry->body, translation.telemetry->properties};
    work.reportedPatch = translation.reportedPatch;

    QList<QFuture<Result<DeviceConnectionPool::Receipt>>> futures;
    // This run does not know what the twin's decodedPayload holds (first message of the device since start):
    // clear it first, so that it ends up exactly the new one, whatever a previous run or the device left.
    if (!previousKnown && translation.reportedPatch &&
        translation.reportedPatch->contains(QLatin1String(UplinkTranslator::DecodedPayloadProperty))) {
        DeviceConnectionPool::Work reset;
        reset.reportedPatch =
            QJsonObject {{QLatin1String(UplinkTranslator::DecodedPayloadProperty), QJsonValue(QJsonValue::Null)}};
        futures.append(pool->submit(deviceId, std::move(reset)));
    }
    futures.append(pool->submit(deviceId, std::move(work)));

    auto remaining = std::make_shared<int>(int(futures.size()));
    auto failure = std::make_shared<std::optional<ServiceError>>();
    for (QFuture<Result<DeviceConnectionPool::Receipt>> &future : futures) {
        future.then(
            q,
            [this, record, message, translation, gen, remaining,
             failure](Result<DeviceConnectionPool::Receipt> receipt) {
                if (!receipt && !*failure)
                    *failure = receipt.error();
                if (--*remaining > 0)
                    return;
                if (gen != generation)
                    return;
                if (*failure) {
                    uplinkFailed(record, **failure, gen);
                    return;
                }
                const QString device = message.deviceId();
                if (translation.decodedPayload)
                    lastDecoded.insert(device, *translation.decodedPayload);
                else if (!lastDecoded.contains(device) && translation.reportedPatch &&
                         translation.reportedPatch->contains(QLatin1String(UplinkTranslator::DecodedPayloadProperty)))
                    lastDecoded.insert(device, QJsonObject());
                // (d2c_sent and twin_patches come from the pool, counted at the hub's PUBACK and 204.)
                metrics.increment(EngineMetrics::Counter::UplinksForwarded);
                if (message.receivedAt.isValid()) {
                    const qint64 latencyMs = message.receivedAt.msecsTo(q->m_clock->nowUtc());
                    metrics.observePublishLatencyMs(double(std::max<qint64>(0, latencyMs)));
                }
                QJsonObject detail {{QStringLiteral("messageType"), ttsMessageTypeName(translation.type)}};
                if (translation.type == TtsMessageType::Uplink) {
                    // What the device sent, for the console's live data (hex and base64 of frm_payload).
                    const ApplicationUp::Uplink &uplink = message.message.uplink();
                    detail.insert(QStringLiteral("fPort"), uplink.fPort);
                    detail.insert(QStringLiteral("fCnt"), uplink.fCnt);
                    detail.insert(QStringLiteral("frmPayload"), QString::fromLatin1(uplink.frmPayload.toBase64()));
                }
                if (translation.telemetry)
                    detail.insert(QStringLiteral("messageId"), translation.telemetry->messageId());
                if (translation.reportedPatch)
                    detail.insert(QStringLiteral("reported"), *translation.reportedPatch);
                if (record.attempts > 0)
                    detail.insert(QStringLiteral("attempts"), record.attempts + 1);
                addEvent(eventKindFor(translation.type), device,
                         Engine::tr("%1 of %2 forwarded to IoT Hub")
                             .arg(ttsMessageTypeDisplayName(translation.type), device),
                         detail);
                outbox->ack(record.id);
                uplinkDone(record.id, gen);
            });
    }
}

void Engine::Private::uplinkDone(qint64 id, quint64 gen)
{
    if (gen != generation)
        return;
    uplinksInFlight.remove(id);
    if (q->m_state == State::Draining) {
        checkDrained();
        return;
    }
    pumpUplinks();
}

void Engine::Private::uplinkFailed(const Outbox::Record &record, const ServiceError &error, quint64 gen)
{
    if (gen != generation)
        return;
    if (error.kind() == ServiceError::Kind::Throttled || error.kind() == ServiceError::Kind::Unavailable)
        metrics.increment(EngineMetrics::Counter::Throttled);
    const QDateTime when = retryAt(record.attempts, error);
    outbox->nack(record.id, when, error.toString());
    addError(EngineEvent::ErrorSource::HubMqtt, record.deviceId,
             Engine::tr("Could not forward a message of %1 (attempt %2); retrying in %3 s: %4")
                 .arg(record.deviceId)
                 .arg(record.attempts + 1)
                 .arg(qMax<qint64>(1, q->m_clock->nowUtc().secsTo(when)))
                 .arg(error.toString()),
             QJsonObject {{QStringLiteral("kind"), ServiceError::kindName(error.kind())},
                          {QStringLiteral("code"), error.code()},
                          {QStringLiteral("attempts"), record.attempts + 1}});
    uplinkDone(record.id, gen);
}

// --- ingest --------------------------------------------------------------------------------------------------

QFuture<Status> Engine::Private::persist(const QList<IngestEvent> &accepted)
{
    if (!outbox || q->m_state != State::Running) {
        return Futures::readyResult<Done>(ServiceError(
            ServiceError::Kind::Unavailable, Engine::tr("The engine is stopping; send the events again later.")));
    }
    QList<Outbox::NewRecord> records;
    records.reserve(accepted.size());
    for (const IngestEvent &event : accepted) {
        records.append(Outbox::NewRecord {Outbox::Kind::IngestEvent, event.deviceId,
                                          QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact)});
    }
    const Result<QList<qint64>> appended = outbox->appendMany(records);
    if (!appended) {
        metrics.increment(EngineMetrics::Counter::OutboxRejected, quint64(records.size()));
        addError(EngineEvent::ErrorSource::Outbox, {},
                 Engine::tr("Refused %n ingest event(s): %1", nullptr, int(records.size()))
                     .arg(appended.error().toString()));
        return Futures::readyResult<Done>(appended.error());
    }
    return Futures::readyResult<Done>(Done {});
}

void Engine::Private::pumpIngest()
{
    if (!accepting || !outbox || !processor)
        return;
    const int room = MaxIngestInFlight - int(ingestInFlight.size());
    if (room <= 0)
        return;
    Result<QList<Outbox::Record>> ready = outbox->takeReady(Outbox::Kind::IngestEvent, room);
    if (!ready) {
        addError(EngineEvent::ErrorSource::Outbox, {}, ready.error().toString());
        return;
    }
    for (const Outbox::Record &record : ready.value()) {
        ingestInFlight.insert(record.id);
        processIngest(record);
    }
    wakeAt(Outbox::Kind::IngestEvent);
}

void Engine::Private::processIngest(const Outbox::Record &record)
{
    const quint64 gen = generation;
    const Result<IngestEvent> event = IngestEvent::fromJson(QJsonDocument::fromJson(record.payload).object());
    if (!event) {
        addError(EngineEvent::ErrorSource::Outbox, record.deviceId,
                 Engine::tr("Removed a stored ingest event of %1 that can no longer be read: %2")
                     .arg(record.deviceId, event.error().message()));
        outbox->ack(record.id);
        ingestInFlight.remove(record.id);
        if (q->m_state == State::Draining)
            checkDrained();
        return;
    }
    processor->process(event.value()).then(q, [this, record, event = event.value(), gen](IngestOutcome outcome) {
        ingestFinished(record, event, outcome, gen);
    });
}

void Engine::Private::ingestFinished(const Outbox::Record &record, const IngestEvent &event,
                                     const IngestOutcome &outcome, quint64 gen)
{
    if (gen != generation)
        return;
    ingestInFlight.remove(record.id);
    const QJsonObject detail {{QStringLiteral("opType"), event.opType()},
                              {QStringLiteral("outcome"), IngestOutcome::kindName(outcome.kind)},
                              {QStringLiteral("actions"), QJsonArray::fromStringList(outcome.actions)},
                              {QStringLiteral("reason"), outcome.reason}};
    for (const QString &action : outcome.actions) {
        if (action.startsWith(QLatin1String("downlink"))) {
            metrics.increment(EngineMetrics::Counter::DownlinksPushed);
            addEvent(EngineEvent::Kind::DownlinkScheduled, event.deviceId,
                     Engine::tr("Queued a downlink for %1 (%2)").arg(event.deviceId, action), detail);
        } else if (action == QLatin1String("provision")) {
            metrics.increment(EngineMetrics::Counter::DevicesProvisionedInTts);
            addEvent(EngineEvent::Kind::DeviceProvisioned, event.deviceId,
                     Engine::tr("Created %1 in The Things Stack").arg(event.deviceId), detail);
        } else if (action == QLatin1String("delete")) {
            metrics.increment(EngineMetrics::Counter::DevicesDeletedInTts);
            addEvent(EngineEvent::Kind::DeviceDeleted, event.deviceId,
                     Engine::tr("Deleted %1 from The Things Stack").arg(event.deviceId), detail);
        }
    }
    if (outcome.isIgnored()) {
        addEvent(EngineEvent::Kind::TwinChange, event.deviceId,
                 Engine::tr("Twin change of %1 needs no action: %2").arg(event.deviceId, outcome.reason), detail);
    }
    if (outcome.isFailed()) {
        addError(EngineEvent::ErrorSource::TtsRest, event.deviceId,
                 outcome.retryable ? Engine::tr("%1 (will retry)").arg(outcome.error.toString())
                                   : outcome.error.toString(),
                 detail);
    }
    const qint64 version = processor->lastDesiredVersion(event.deviceId);
    if (version >= 0 && desiredVersions.value(event.deviceId, -1) != version) {
        desiredVersions.insert(event.deviceId, version);
        saveDesiredVersions(); // before the ack: a replayed event then finds the version
    }
    if (outcome.shouldAcknowledge())
        outbox->ack(record.id);
    else
        outbox->nack(record.id, retryAt(record.attempts, outcome.error), outcome.error.toString());
    if (q->m_state == State::Draining) {
        checkDrained();
        return;
    }
    pumpIngest();
}

void Engine::Private::loadDesiredVersions()
{
    desiredVersions.clear();
    QFile file(QDir(q->m_config.effectiveDataDirectory()).filePath(QStringLiteral("desired-versions.json")));
    if (!file.open(QIODevice::ReadOnly))
        return; // none yet
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const qint64 version = it.value().toInteger(-1);
        if (version >= 0) {
            desiredVersions.insert(it.key(), version);
            processor->setLastDesiredVersion(it.key(), version);
        }
    }
}

void Engine::Private::saveDesiredVersions()
{
    QJsonObject json;
    for (auto it = desiredVersions.constBegin(); it != desiredVersions.constEnd(); ++it)
        json.insert(it.key(), it.value());
    QSaveFile file(QDir(q->m_config.effectiveDataDirectory()).filePath(QStringLiteral("desired-versions.json")));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson(QJsonDocument::Compact)) < 0 ||
        !file.commit()) {
        qCWarning(lcBridge) << "could not save the desired versions:" << file.errorString();
    }
}

// --- shared --------------------------------------------------------------------------------------------------

void Engine::Private::wakeAt(Outbox::Kind kind)
{
    if (!outbox)
        return;
    const std::optional<QDateTime> next = outbox->nextRetryAt(kind);
    if (!next)
        return;
    const qint64 dueMs = next->toMSecsSinceEpoch();
    qint64 &scheduled = wakeScheduledMs[size_t(kind) - 1];
    if (scheduled != 0 && scheduled <= dueMs)
        return;
    scheduled = dueMs;
    const qint64 delay = std::max<qint64>(0, q->m_clock->nowUtc().msecsTo(*next)) + 5;
    const quint64 gen = generation;
    q->m_clock->callAfter(std::chrono::milliseconds(delay), q, [this, kind, gen, dueMs]() {
        if (gen != generation)
            return;
        qint64 &slot = wakeScheduledMs[size_t(kind) - 1];
        if (slot == dueMs)
            slot = 0;
        if (kind == Outbox::Kind::Uplink)
            pumpUplinks();
        else
            pumpIngest();
    });
}

QDateTime Engine::Private::retryAt(int attempts, const ServiceError &error) const
{
    // 1 s, 2 s, 4 s … 60 s with ±20 % jitter; a Retry-After from the far side wins when longer.
    const double base = double(MinRetryDelay.count()) * std::pow(2.0, std::min(attempts, 10));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    qint64 delay = std::min<qint64>(MaxRetryDelay.count(), qint64(base * jitter));
    delay = std::max<qint64>(delay, error.retryAfter().count());
    return q->m_clock->nowUtc().addMSecs(delay);
}

void Engine::Private::addEvent(EngineEvent::Kind kind, const QString &deviceId, const QString &summary,
                               const QJsonObject &detail)
{
    if (events.size() >= MaxEventsPerBatch) {
        ++eventsDropped;
        return;
    }
    events.append(EngineEvent {q->m_clock->nowUtc(), deviceId, kind, summary, detail});
}

void Engine::Private::addError(QLatin1String source, const QString &deviceId, const QString &summary,
                               QJsonObject detail)
{
    detail.insert(QStringLiteral("source"), source);
    addEvent(EngineEvent::Kind::Error, deviceId, summary, detail);
}

void Engine::Private::updateGauges()
{
    metrics.setGauge(EngineMetrics::Gauge::OutboxDepth, outbox ? outbox->totalRecords() : 0);
    metrics.setGauge(EngineMetrics::Gauge::PendingIdentities, identities ? identities->pendingCount() : 0);
    if (pool) {
        const DeviceConnectionPool::Counters counters = pool->counters();
        takeDeviceCounters(counters);
        metrics.setGauge(EngineMetrics::Gauge::OpenDeviceConnections, counters.openConnections);
    } else {
        metrics.setGauge(EngineMetrics::Gauge::OpenDeviceConnections, 0);
    }
    metrics.setGauge(EngineMetrics::Gauge::TtsConnected, subscriber && subscriber->isSubscribed() ? 1 : 0);
}

// D2C messages and reported patches count when the hub acknowledged them (PUBACK, 204; the pool's counters),
// not when the whole uplink is done, which lags by the patch's round trip: once the hub shows an uplink's
// reported patch, its D2C message is counted (the patch goes out only after the PUBACK), and a message
// acknowledged before its patch failed counts too.
void Engine::Private::takeDeviceCounters(const DeviceConnectionPool::Counters &counters)
{
    metrics.increment(EngineMetrics::Counter::DeviceToCloudSent,
                      counters.telemetrySent - std::exchange(poolTelemetryTaken, counters.telemetrySent));
    metrics.increment(EngineMetrics::Counter::TwinPatches,
                      counters.reportedPatches - std::exchange(poolPatchesTaken, counters.reportedPatches));
}

void Engine::Private::publishStats()
{
    updateGauges();
    const EngineMetricsSnapshot snapshot = metrics.snapshot(q->m_clock->nowUtc());
    if (eventsDropped > 0) {
        events.append(EngineEvent {q->m_clock->nowUtc(),
                                   {},
                                   EngineEvent::Kind::Lifecycle,
                                   Engine::tr("%n more event(s) left out of the live feed", nullptr,
                                              int(std::min<quint64>(eventsDropped, INT_MAX))),
                                   {}});
        eventsDropped = 0;
    }
    // The events first: both signals reach observers in other threads queued, in this order, so whoever sees
    // a count in a snapshot has already been given the events behind it.
    if (!events.isEmpty())
        emit q->eventsReady(std::exchange(events, {}));
    emit q->statsUpdated(snapshot);
}

void Engine::Private::checkDrained()
{
    if (!uplinksInFlight.isEmpty() || !ingestInFlight.isEmpty() || finishStopQueued)
        return;
    // Never from inside the callback that settled the last message: close() deletes the pool, the processor
    // and the clients, whose code is still on the stack then. The event loop runs it once they returned.
    finishStopQueued = true;
    QMetaObject::invokeMethod(
        q,
        [this] {
            finishStopQueued = false;
            if (uplinksInFlight.isEmpty() && ingestInFlight.isEmpty())
                finishStop();
        },
        Qt::QueuedConnection);
}

void Engine::Private::finishStop()
{
    if (!stopPromise)
        return;
    const qsizetype leftInFlight = uplinksInFlight.size() + ingestInFlight.size();
    const qint64 depth = outbox ? outbox->totalRecords() : 0;
    close();
    addEvent(EngineEvent::Kind::Lifecycle, {},
             leftInFlight > 0
                 ? Engine::tr("Stopped; %n message(s) still in flight go out again at the next start", nullptr,
                              int(leftInFlight))
                 : Engine::tr("Stopped; %n record(s) wait in the outbox for the next start", nullptr, int(depth)));
    publishStats();
    // Whoever hears of the stop may delete the engine — a slot of stateChanged() connected directly, or a
    // continuation of the stop future, which Qt 6.4 runs synchronously inside finish() when it has this
    // thread's context — so nothing here touches the engine after the state change.
    auto promise = std::exchange(stopPromise, nullptr);
    q->setState(State::Stopped);
    promise->finish();
}

// --- Engine --------------------------------------------------------------------------------------------------

QString Engine::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Starting:
        return QStringLiteral("starting");
    case State::Running:
        return QStringLiteral("running");
    case State::Draining:
        return QStringLiteral("draining");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Engine::Engine(EngineConfig config, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock ? clock : Clock::system())
    , d(std::make_unique<Private>(this))
{
    qRegisterMetaType<TwinBridge::EngineMetricsSnapshot>();
    qRegisterMetaType<TwinBridge::EngineEvents>();
    qRegisterMetaType<TwinBridge::TtsUpstreamMessage>();
    qRegisterMetaType<TwinBridge::IngestEvent>();
}

Engine::~Engine()
{
    d->close();
}

void Engine::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QFuture<Status> Engine::start()
{
    if (m_state != State::Stopped && m_state != State::Failed) {
        return Futures::readyResult<Done>(ServiceError(
            ServiceError::Kind::Conflict, tr("The engine is already running. Stop it before starting it again.")));
    }
    if (const Status valid = m_config.check(); !valid)
        return Futures::readyResult<Done>(valid.error());
    setState(State::Starting);
    const Status opened = d->open();
    if (!opened) {
        d->close();
        ServiceError error = opened.error();
        if (error.operation().isEmpty())
            error.setOperation(tr("start the integration engine"));
        d->addError(EngineEvent::ErrorSource::Engine, {}, error.toString());
        d->publishStats();
        setState(State::Failed); // last: a listener may delete the engine
        return Futures::readyResult<Done>(error);
    }
    d->accepting = true;
    setState(State::Running);
    const qint64 uplinks = d->outbox->depth(Outbox::Kind::Uplink);
    const qint64 ingestEvents = d->outbox->depth(Outbox::Kind::IngestEvent);
    qCInfo(lcBridge) << "engine started; replaying" << uplinks << "uplinks and" << ingestEvents << "ingest events";
    d->addEvent(EngineEvent::Kind::Lifecycle, {},
                tr("Started (%1 mode); %2 uplink(s) and %3 ingest event(s) to replay")
                    .arg(EngineConfig::modeName(m_config.mode))
                    .arg(uplinks)
                    .arg(ingestEvents),
                QJsonObject {{QStringLiteral("mode"), EngineConfig::modeName(m_config.mode)},
                             {QStringLiteral("ingestBaseUrl"), ingestBaseUrl()},
                             {QStringLiteral("outbox"), d->outbox->filePath()}});
    d->pumpUplinks();
    d->pumpIngest();
    return Futures::readyResult<Done>(Done {});
}

QFuture<void> Engine::stop()
{
    if (d->stopPromise)
        return d->stopPromise->future();
    auto promise = Futures::startedPromise<void>();
    if (m_state == State::Stopped || m_state == State::Failed) {
        d->close();
        setState(State::Stopped);
        promise->finish();
        return promise->future();
    }
    d->stopPromise = promise;
    setState(State::Draining);
    // Stop accepting: no new uplinks from TTS, no new ingest requests; what TTS delivered is stored.
    if (d->subscriber)
        d->subscriber->stop();
    if (d->ingest)
        d->ingest->close();
    d->accepting = false;
    d->flushAppends();
    d->drainTimer = new QTimer(this);
    d->drainTimer->setSingleShot(true);
    connect(d->drainTimer, &QTimer::timeout, this, [this]() { d->finishStop(); });
    d->drainTimer->start(m_config.drainTimeout);
    d->checkDrained();
    return promise->future();
}

quint16 Engine::ingestPort() const
{
    return d->ingestPort;
}

QString Engine::ingestBaseUrl() const
{
    if (d->ingestPort == 0)
        return {};
    return m_config.ingestBaseUrl(d->ingestPort);
}

EngineMetricsSnapshot Engine::snapshot() const
{
    d->updateGauges();
    return d->metrics.snapshot(m_clock->nowUtc());
}

EngineMetrics *Engine::metrics() const
{
    return &d->metrics;
}

} // namespace TwinBridge

namespace TwinBridge {

Status Engine::setPaused(bool paused)
{
    if (m_state != State::Running || !d->outbox) {
        return ServiceError(ServiceError::Kind::Conflict,
                            tr("The engine is not running, so it cannot be paused or resumed. Start it first."));
    }
    if (paused == isPaused())
        return Done {};
    d->accepting = !paused;
    if (paused) {
        d->addEvent(EngineEvent::Kind::Lifecycle, {},
                    tr("Paused: messages from The Things Stack and ingest events are stored in the outbox but not "
                       "forwarded until you resume"));
        return Done {};
    }
    d->addEvent(EngineEvent::Kind::Lifecycle, {},
                tr("Resumed; %n record(s) in the outbox go out now", nullptr, int(d->outbox->totalRecords())));
    d->pumpUplinks();
    d->pumpIngest();
    return Done {};
}

bool Engine::isPaused() const
{
    return m_state == State::Running && !d->accepting;
}

Result<qint64> Engine::retryOutboxNow()
{
    if (!d->outbox)
        return ServiceError(ServiceError::Kind::Conflict, tr("The engine is not running; its outbox is closed."));
    qint64 waiting = 0;
    for (Outbox::Kind kind : {Outbox::Kind::Uplink, Outbox::Kind::IngestEvent}) {
        const Result<qint64> made = d->outbox->retryNow(kind);
        if (!made)
            return made.error();
        waiting += made.value();
    }
    d->addEvent(EngineEvent::Kind::Lifecycle, {},
                tr("Retrying %n waiting message(s) now", nullptr, int(std::min<qint64>(waiting, INT_MAX))));
    d->pumpUplinks();
    d->pumpIngest();
    return waiting;
}

Result<qint64> Engine::discardOutbox(const QString &deviceId)
{
    if (!d->outbox)
        return ServiceError(ServiceError::Kind::Conflict, tr("The engine is not running; its outbox is closed."));
    const Result<QList<qint64>> removed = d->outbox->discard(deviceId);
    if (!removed)
        return removed.error();
    for (const qint64 id : removed.value())
        d->parsedUplinks.remove(id);
    const int count = int(std::min<qsizetype>(removed.value().size(), INT_MAX));
    d->addEvent(EngineEvent::Kind::Lifecycle, deviceId,
                deviceId.isEmpty()
                    ? tr("Discarded %n message(s) from the outbox; they will not be forwarded", nullptr, count)
                    : tr("Discarded %n message(s) of %1 from the outbox; they will not be forwarded", nullptr, count)
                          .arg(deviceId),
                QJsonObject {{QStringLiteral("discarded"), count}});
    return qint64(removed.value().size());
}

} // namespace TwinBridge
