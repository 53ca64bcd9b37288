#pragma once

#include "services/core/ServiceError.h"
#include "services/engine/Engine.h"
#include "services/engine/EngineEvent.h"
#include "services/engine/EngineMetrics.h"
#include "services/settings/ProfileIssue.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <array>
#include <optional>

namespace TwinBridge {

// The four status lights of the Bridge page — TTS MQTT, hub REST, hub MQTT, ingest — worked out from what the
// console learns about its engine: EngineHost's state, the ≈4 Hz EngineMetricsSnapshot and the live feed's
// EngineEvents (docs/console-bridge.md says what each light means):
//
// - TTS MQTT: Ok while the engine is subscribed to the application (gauge TtsConnected); Failed with the
//   subscriber's error sentence (wrong API key, unreachable host, TLS) while it is not; Waiting while it connects.
// - Hub REST: the engine's service REST calls (identity look-up and creation — every device's first message of a
//   run goes through one). Ok once one succeeded (an identity created or a message forwarded), Failed with the
//   error of a failed identity request (wrong policy key, missing right, unreachable).
// - Hub MQTT: the device connections. Ok once a D2C message or reported patch was acknowledged (or connections
//   are open), Warning while the hub throttles, Failed with the error of a message that could not be sent for a
//   reason other than its identity.
// - Ingest: Ok while the endpoint listens (its URL), Warning when it refused requests (wrong key, malformed) or
//   the sandbox's Function could not be pointed at it, Off when disabled.
//
// Every light is Off while no engine runs, except a side named by the last start failure.
class BridgeHealth : public QObject
{
    Q_OBJECT

public:
    enum class Side { TtsMqtt, HubRest, HubMqtt, Ingest };
    Q_ENUM(Side)
    static constexpr int SideCount = 4;
    enum class Status { Off, Waiting, Ok, Warning, Failed };
    Q_ENUM(Status)

    struct Light
    {
        Status status = Status::Off;
        QString text; // translated, one sentence
        bool operator==(const Light &) const = default;
    };

    explicit BridgeHealth(QObject *parent = nullptr);

    Light light(Side side) const { return m_lights[size_t(side)]; }
    static QString statusName(Status status); // "off", "waiting", "ok", "warning", "failed"
    static QString sideDisplayName(Side side); // "TTS MQTT", …

    void setEngineState(Engine::State state);
    // Once running: whether the ingest endpoint is on and the URL it listens at.
    void setIngest(bool enabled, const QString &baseUrl);
    // The sandbox's Function was (or could not be) pointed at the ingest endpoint.
    void setIngestRegistration(const TwinBridge::Status &result, const QString &baseUrl);
    // The engine did not start: the sides `error` and `issues` concern turn Failed.
    void setStartFailed(const ServiceError &error, const ProfileIssues &issues);
    void addSnapshot(const EngineMetricsSnapshot &snapshot);
    void addEvents(const EngineEvents &events);

signals:
    void lightChanged(TwinBridge::BridgeHealth::Side side);

private:
    void set(Side side, Status status, const QString &text);
    void allOff(const QString &text);
    bool isRunning() const { return m_state == Engine::State::Running; }

    std::array<Light, SideCount> m_lights;
    Engine::State m_state = Engine::State::Stopped;
    std::optional<EngineMetricsSnapshot> m_last;
    QString m_ttsError; // the subscriber's last error while not subscribed
    QSet<QString> m_identityFailing; // devices whose last identity request failed
};

} // namespace TwinBridge
