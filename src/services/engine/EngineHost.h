#pragma once

#include "services/core/Result.h"
#include "services/engine/Engine.h"
#include "services/engine/EngineConfig.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

class QThread;

namespace TwinBridge {

// Runs one Engine in a worker thread of its own (DESIGN.md §2 "Threads") without ever blocking the calling
// (GUI) thread: start() creates the thread and the engine, moves the engine there and starts it; stop() drains
// and stops it, then ends the thread. The engine's batched signals are re-emitted here, on the host's thread.
// The console and twinbridged both use it.
class EngineHost : public QObject
{
    Q_OBJECT

public:
    explicit EngineHost(QObject *parent = nullptr);
    // Stops a running engine: asks it to drain and waits for the thread at most the drain time plus a few
    // seconds (the only blocking call; a window closing calls stop() first and waits for stopped()).
    ~EngineHost() override;

    // Resolves (on this thread) when the engine runs, or with its start error (the thread is gone then).
    // Conflict while an engine is already running or stopping.
    QFuture<Status> start(const EngineConfig &config);
    // Resolves when the engine stopped and its thread finished; at once when none runs.
    QFuture<void> stop();

    bool isRunning() const;
    Engine::State state() const { return m_state; }
    // The bound ingest port and STACK_BASE_URL while running.
    quint16 ingestPort() const { return m_ingestPort; }
    QString ingestBaseUrl() const { return m_ingestBaseUrl; }
    // The last statistics received.
    EngineMetricsSnapshot lastSnapshot() const { return m_lastSnapshot; }

signals:
    void stateChanged(TwinBridge::Engine::State state);
    void statsUpdated(const TwinBridge::EngineMetricsSnapshot &snapshot);
    void eventsReady(const TwinBridge::EngineEvents &events);
    void errorOccurred(const TwinBridge::ServiceError &error);
    void stopped();

private:
    void finishThread();

    QThread *m_thread = nullptr;
    QPointer<Engine> m_engine;
    Engine::State m_state = Engine::State::Stopped;
    quint16 m_ingestPort = 0;
    QString m_ingestBaseUrl;
    EngineMetricsSnapshot m_lastSnapshot;
    std::chrono::milliseconds m_drainTimeout {0};
    bool m_stopping = false;

public:
    // The running engine's pause, retry-now and discard (Engine::setPaused, retryOutboxNow, discardOutbox),
    // called on its thread; each resolves on this thread. Conflict when no engine runs.
    QFuture<Status> setPaused(bool paused);
    QFuture<Result<qint64>> retryOutboxNow();
    QFuture<Result<qint64>> discardOutbox(const QString &deviceId = {});
};

} // namespace TwinBridge
