#include "models/BridgeHealth.h"

#include "services/engine/EngineConfig.h"

namespace TwinBridge {

namespace {

using Counter = EngineMetricsSnapshot::Counter;
using Gauge = EngineMetricsSnapshot::Gauge;

bool isForwarded(EngineEvent::Kind kind)
{
    return kind == EngineEvent::Kind::UplinkForwarded || kind == EngineEvent::Kind::Join ||
        kind == EngineEvent::Kind::DownlinkEvent || kind == EngineEvent::Kind::LocationOrServiceData;
}

} // namespace

BridgeHealth::BridgeHealth(QObject *parent)
    : QObject(parent)
{
    for (Light &light : m_lights)
        light.text = tr("The engine is stopped.");
}

QString BridgeHealth::statusName(Status status)
{
    switch (status) {
    case Status::Off:
        return QStringLiteral("off");
    case Status::Waiting:
        return QStringLiteral("waiting");
    case Status::Ok:
        return QStringLiteral("ok");
    case Status::Warning:
        return QStringLiteral("warning");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QString BridgeHealth::sideDisplayName(Side side)
{
    switch (side) {
    case Side::TtsMqtt:
        return tr("TTS MQTT");
    case Side::HubRest:
        return tr("Hub REST");
    case Side::HubMqtt:
        return tr("Hub MQTT");
    case Side::Ingest:
        return tr("Ingest");
    }
    return {};
}

void BridgeHealth::set(Side side, Status status, const QString &text)
{
    Light &light = m_lights[size_t(side)];
    if (light.status == status && light.text == text)
        return;
    light = Light {status, text};
    emit lightChanged(side);
}

void BridgeHealth::allOff(const QString &text)
{
    for (int i = 0; i < SideCount; ++i)
        set(Side(i), Status::Off, text);
}

void BridgeHealth::setEngineState(Engine::State state)
{
    m_state = state;
    switch (state) {
    case Engine::State::Stopped:
        m_last.reset();
        m_ttsError.clear();
        m_identityFailing.clear();
        allOff(tr("The engine is stopped."));
        return;
    case Engine::State::Starting:
        for (int i = 0; i < SideCount; ++i)
            set(Side(i), Status::Waiting, tr("The engine is starting…"));
        return;
    case Engine::State::Running:
        set(Side::TtsMqtt, Status::Waiting, tr("Connecting to The Things Stack…"));
        set(Side::HubRest, Status::Waiting,
            tr("No request yet: the first message of each device checks its identity in the hub."));
        set(Side::HubMqtt, Status::Waiting, tr("No message sent yet: the connections open with the first message."));
        return;
    case Engine::State::Draining:
        for (int i = 0; i < SideCount; ++i)
            set(Side(i), Status::Waiting, tr("Stopping: finishing the work in flight…"));
        return;
    case Engine::State::Failed:
        return; // the start failure names the side (setStartFailed)
    }
}

void BridgeHealth::setIngest(bool enabled, const QString &baseUrl)
{
    if (!enabled)
        set(Side::Ingest, Status::Off, tr("The ingest endpoint is turned off in the engine settings."));
    else
        set(Side::Ingest, Status::Ok, tr("Listening at %1").arg(baseUrl));
}

void BridgeHealth::setIngestRegistration(const TwinBridge::Status &result, const QString &baseUrl)
{
    if (!isRunning())
        return;
    if (result)
        set(Side::Ingest, Status::Ok, tr("Listening at %1; the sandbox's Function posts here.").arg(baseUrl));
    else
        set(Side::Ingest, Status::Warning, result.error().toString());
}

void BridgeHealth::setStartFailed(const ServiceError &error, const ProfileIssues &issues)
{
    bool named = false;
    for (const ProfileIssue &issue : issues) {
        const QString field = issue.field;
        std::optional<Side> side;
        if (field.startsWith(QLatin1String("tts")) || field == EngineField::TtsApiKey)
            side = Side::TtsMqtt;
        else if (field.startsWith(QLatin1String("iotHub")) || field == EngineField::HubPolicyKey)
            side = Side::HubRest;
        else if (field.startsWith(QLatin1String("engine.ingest")) || field == EngineField::IngestKey)
            side = Side::Ingest;
        if (!side)
            continue;
        named = true;
        set(*side, Status::Failed, issue.message);
        if (*side == Side::HubRest)
            set(Side::HubMqtt, Status::Failed, issue.message);
    }
    if (!named && error.isError()) {
        // Not a configuration issue: the outbox, the CA file or the ingest port. The port is the one side.
        const QString text = error.toString();
        if (text.contains(QLatin1String("ingest"), Qt::CaseInsensitive))
            set(Side::Ingest, Status::Failed, text);
    }
}

void BridgeHealth::addSnapshot(const EngineMetricsSnapshot &snapshot)
{
    if (!isRunning()) {
        m_last = snapshot;
        return;
    }
    const auto delta = [&](Counter counter) -> quint64 {
        const quint64 before = m_last ? m_last->counter(counter) : 0;
        const quint64 now = snapshot.counter(counter);
        return now >= before ? now - before : now;
    };

    // TTS MQTT.
    if (snapshot.gauge(Gauge::TtsConnected) == 1) {
        m_ttsError.clear();
        set(Side::TtsMqtt, Status::Ok, tr("Subscribed to the application's messages."));
    } else if (!m_ttsError.isEmpty()) {
        set(Side::TtsMqtt, Status::Failed, m_ttsError);
    } else if (light(Side::TtsMqtt).status == Status::Ok) {
        set(Side::TtsMqtt, Status::Warning, tr("The connection was lost; reconnecting…"));
    }

    // Hub REST: identities created count as success here; failures come with their sentence from the events.
    if (delta(Counter::IdentitiesCreated) > 0 && light(Side::HubRest).status != Status::Failed) {
        set(Side::HubRest, Status::Ok,
            tr("Identities checked; %n created by this run.", nullptr,
               int(snapshot.counter(Counter::IdentitiesCreated))));
    }

    // Hub MQTT.
    const qint64 open = snapshot.gauge(Gauge::OpenDeviceConnections);
    const Status mqtt = light(Side::HubMqtt).status;
    if (delta(Counter::Throttled) > 0 && mqtt != Status::Failed) {
        set(Side::HubMqtt, Status::Warning,
            tr("The hub is throttling (429 or busy); the engine backs off and retries."));
    } else if ((delta(Counter::DeviceToCloudSent) > 0 || delta(Counter::TwinPatches) > 0 ||
                (open > 0 && mqtt == Status::Waiting))) {
        set(Side::HubMqtt, Status::Ok,
            tr("%n device connection(s) open; %1 message(s) acknowledged.", nullptr, int(open))
                .arg(snapshot.counter(Counter::DeviceToCloudSent) + snapshot.counter(Counter::TwinPatches)));
    }
    m_last = snapshot;
}

void BridgeHealth::addEvents(const EngineEvents &events)
{
    if (m_state != Engine::State::Running && m_state != Engine::State::Draining)
        return;
    for (const EngineEvent &event : events) {
        if (event.kind == EngineEvent::Kind::IdentityCreated) {
            m_identityFailing.remove(event.deviceId);
            set(Side::HubRest, Status::Ok, tr("Identities checked; the last one created: %1.").arg(event.deviceId));
            continue;
        }
        if (isForwarded(event.kind)) {
            // The device's identity was confirmed through REST and its message acknowledged over MQTT.
            m_identityFailing.remove(event.deviceId);
            if (m_identityFailing.isEmpty() && light(Side::HubRest).status != Status::Ok)
                set(Side::HubRest, Status::Ok, tr("Identities checked."));
            if (light(Side::HubMqtt).status != Status::Ok && light(Side::HubMqtt).status != Status::Warning)
                set(Side::HubMqtt, Status::Ok, tr("Messages are acknowledged by the hub."));
            continue;
        }
        if (event.kind != EngineEvent::Kind::Error)
            continue;
        // The engine names the failing part in every error (EngineEvent::ErrorSource); errors of the outbox, of a
        // single dropped TTS message or of acting in TTS for an ingest event do not concern a light.
        const QString source = event.detail.value(QLatin1String("source")).toString();
        if (source == EngineEvent::ErrorSource::Ingest) {
            // The ingest endpoint refused a request: the endpoint works, the caller is wrong.
            set(Side::Ingest, Status::Warning, event.summary);
        } else if (source == EngineEvent::ErrorSource::TtsMqtt) {
            m_ttsError = event.summary;
            if (!m_last || m_last->gauge(Gauge::TtsConnected) == 0)
                set(Side::TtsMqtt, Status::Failed, event.summary);
        } else if (source == EngineEvent::ErrorSource::HubRest) {
            m_identityFailing.insert(event.deviceId);
            set(Side::HubRest, Status::Failed, event.summary);
        } else if (source == EngineEvent::ErrorSource::HubMqtt) {
            // A message could not be forwarded: the hub's fault over MQTT unless its identity request failed.
            if (!m_identityFailing.contains(event.deviceId))
                set(Side::HubMqtt, Status::Failed, event.summary);
        }
    }
}

} // namespace TwinBridge
