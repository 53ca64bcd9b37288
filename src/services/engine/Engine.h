#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/engine/EngineConfig.h"
#include "services/engine/EngineEvent.h"
#include "services/engine/EngineMetrics.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <memory>

namespace TwinBridge {

// The integration engine (DESIGN.md §1): the TTS application subscriber, the durable outbox, identity on
// demand, the uplink translator, the device connection pool, the ingest endpoint and its event processor,
// wired into two pipelines:
//
//   uplink: TTS message → outbox append (durable) → identity ensure → translate → device publish (D2C) and
//           reported patch → outbox ack. A failure nacks the record with exponential back-off (1 s … 60 s,
//           or the hub's Retry-After); the outbox hands out one record per device at a time, so per-device
//           order holds while other devices go on.
//   ingest: POST events → outbox append (the server answers 200 only after it) → processor (downlinks, TTS
//           provisioning, deletes) → outbox ack; a retryable failure nacks with back-off.
//
// start() opens the outbox (replaying what a previous run left), connects to TTS and starts the ingest
// endpoint; stop() drains: it stops accepting (TTS subscription and ingest endpoint close), lets the work in
// flight finish for at most EngineConfig::drainTimeout, gives the rest back to the outbox for the next start
// and closes every connection.
//
// The engine is a QObject for one thread: create it, move it to its worker thread (EngineHost does both) and
// call start()/stop() there; everything it creates lives in that thread. The GUI and twinbridged observe it
// through queued signals that are batched: statsUpdated() and eventsReady() at EngineConfig::statsInterval.
class Engine : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Running, Draining, Failed };
    Q_ENUM(State)
    static QString stateName(State state); // "stopped", "starting", …

    // The share of the hub's documented rates the engine uses (HubThrottle::setRateShare) for everything it
    // sends to the hub: REST (registry, twin reads and updates) and device traffic (new connections, D2C,
    // reported patches) wait on the limiters of one HubThrottle. A little under the hub's figures: the hub
    // meters arrivals, and requests paced exactly at the limit bunch up on the way.
    static constexpr double HubRateShare = 0.9;

    explicit Engine(EngineConfig config, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~Engine() override;

    // Validates the configuration (EngineConfig::check()), opens the outbox and starts everything. Resolves
    // once the ingest endpoint listens and the TTS connection is being made (the subscriber retries on its
    // own; a wrong key shows as an Error event). Fails — with everything closed again — for an invalid
    // configuration, an outbox that cannot be opened (locked by another engine, damaged) or an ingest
    // port that cannot be bound.
    QFuture<Status> start();
    // Drains and stops (see above); resolves when everything is closed. Safe in any state.
    QFuture<void> stop();

    State state() const { return m_state; }
    const EngineConfig &config() const { return m_config; }
    // The ingest endpoint's port while running (the bound one when the configuration said 0), else 0.
    quint16 ingestPort() const;
    // What the Azure Function's STACK_BASE_URL must be for this engine (empty while not running).
    QString ingestBaseUrl() const;

    // The counters and gauges now (this thread only; other threads use statsUpdated()).
    EngineMetricsSnapshot snapshot() const;
    EngineMetrics *metrics() const;

signals:
    void stateChanged(TwinBridge::Engine::State state);
    // ≈4 Hz while running, and once more after stop.
    void statsUpdated(const TwinBridge::EngineMetricsSnapshot &snapshot);
    // The live feed, batched at the same rate; never empty. Emitted before the statsUpdated() of the same
    // batch, so the counts an observer sees never run ahead of the events it was given (an uplink counts as
    // forwarded in the same batch as its event; d2c_sent and twin_patches count at the hub's acknowledgement,
    // which comes earlier).
    void eventsReady(const TwinBridge::EngineEvents &events);
    // A failure the engine cannot recover from by itself while running (it keeps going where it can).
    void errorOccurred(const TwinBridge::ServiceError &error);

private:
    class Private;
    friend class Private;
    void setState(State state);

    EngineConfig m_config;
    Clock *m_clock;
    State m_state = State::Stopped;
    std::unique_ptr<Private> d;

public:
    // Pause (the console's Bridge page): while running, the engine keeps receiving TTS messages and ingest events
    // and stores them in the outbox, but forwards nothing (no device traffic, no downlinks) until resumed; work
    // already in flight finishes. Nothing is lost: resuming forwards what was stored, in order per device.
    // Conflict unless running. A stop ends the pause.
    Status setPaused(bool paused);
    bool isPaused() const;
    // Every message backing off in the outbox is tried again now; returns how many were waiting.
    Result<qint64> retryOutboxNow();
    // Removes every outbox record not in flight (of one device, or all when `deviceId` is empty) for good; returns
    // how many. The live feed says so.
    Result<qint64> discardOutbox(const QString &deviceId = {});
};

} // namespace TwinBridge
