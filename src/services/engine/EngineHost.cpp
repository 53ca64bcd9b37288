#include "services/engine/EngineHost.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/engine/EpollEventDispatcher.h"

#include <QMetaObject>
#include <QThread>

namespace TwinBridge {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<TwinBridge::EngineMetricsSnapshot>();
    qRegisterMetaType<TwinBridge::EngineEvents>();
    qRegisterMetaType<TwinBridge::Engine::State>();
    qRegisterMetaType<TwinBridge::ServiceError>();
}

EngineHost::~EngineHost()
{
    if (!m_thread)
        return;
    if (m_engine) {
        Engine *engine = m_engine;
        QMetaObject::invokeMethod(engine, [engine]() {
            engine->stop().then(engine, [engine]() {
                engine->deleteLater();
                engine->thread()->quit();
            });
        });
    } else {
        m_thread->quit();
    }
    // The one blocking wait: a host going away must not leave a thread running over freed objects.
    if (!m_thread->wait(static_cast<unsigned long>(m_drainTimeout.count()) + 5000)) {
        qCWarning(lcBridge) << "engine thread did not stop in time; terminating it";
        m_thread->terminate();
        m_thread->wait();
    }
    delete m_thread;
}

bool EngineHost::isRunning() const
{
    return m_thread != nullptr;
}

QFuture<Status> EngineHost::start(const EngineConfig &config)
{
    if (m_thread) {
        return Futures::readyResult<Done>(ServiceError(
            ServiceError::Kind::Conflict, tr("The engine is already running. Stop it before starting it again.")));
    }
    if (const Status valid = config.check(); !valid)
        return Futures::readyResult<Done>(valid.error());

    m_drainTimeout = config.drainTimeout;
    m_stopping = false;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("TwinBridge engine"));
#ifdef Q_OS_LINUX
    // Thousands of device sockets: an epoll dispatcher costs per ready descriptor, Qt's per open one.
    m_thread->setEventDispatcher(new EpollEventDispatcher);
#endif
    auto *engine = new Engine(config);
    engine->moveToThread(m_thread);
    m_engine = engine;

    connect(engine, &Engine::stateChanged, this, [this](Engine::State state) {
        m_state = state;
        emit stateChanged(state);
    });
    connect(engine, &Engine::statsUpdated, this, [this](const EngineMetricsSnapshot &snapshot) {
        m_lastSnapshot = snapshot;
        emit statsUpdated(snapshot);
    });
    connect(engine, &Engine::eventsReady, this, &EngineHost::eventsReady);
    connect(engine, &Engine::errorOccurred, this, &EngineHost::errorOccurred);
    m_thread->start();

    auto promise = Futures::startedPromise<Status>();
    QPointer<EngineHost> self(this);
    QMetaObject::invokeMethod(engine, [engine, promise, self]() {
        engine->start().then(engine, [engine, promise, self](Status status) {
            const quint16 port = engine->ingestPort();
            const QString baseUrl = engine->ingestBaseUrl();
            // Back to the host's thread to record what it needs and resolve there.
            if (!self) {
                Futures::fulfil(promise, status);
                return;
            }
            QMetaObject::invokeMethod(self, [self, promise, status, port, baseUrl]() {
                if (!self) {
                    Futures::fulfil(promise, status);
                    return;
                }
                if (status) {
                    self->m_ingestPort = port;
                    self->m_ingestBaseUrl = baseUrl;
                } else {
                    self->finishThread();
                }
                Futures::fulfil(promise, status);
            });
        });
    });
    return promise->future();
}

QFuture<void> EngineHost::stop()
{
    auto promise = Futures::startedPromise<void>();
    if (!m_thread) {
        promise->finish();
        return promise->future();
    }
    m_stopping = true;
    QPointer<EngineHost> self(this);
    QPointer<Engine> engine = m_engine;
    if (!engine) {
        finishThread();
        promise->finish();
        return promise->future();
    }
    QMetaObject::invokeMethod(engine, [engine, promise, self]() {
        if (!engine) {
            promise->finish();
            return;
        }
        engine->stop().then(engine, [promise, self]() {
            if (!self) {
                promise->finish();
                return;
            }
            QMetaObject::invokeMethod(self, [self, promise]() {
                if (self)
                    self->finishThread();
                promise->finish();
            });
        });
    });
    return promise->future();
}

void EngineHost::finishThread()
{
    if (!m_thread)
        return;
    if (m_engine) {
        Engine *engine = m_engine;
        // Deleted on its own thread, then the thread ends.
        QMetaObject::invokeMethod(engine, [engine]() {
            QThread *thread = engine->thread();
            delete engine;
            thread->quit();
        });
    } else {
        m_thread->quit();
    }
    QThread *thread = m_thread;
    m_thread = nullptr;
    m_engine = nullptr;
    m_ingestPort = 0;
    m_ingestBaseUrl.clear();
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    if (thread->isFinished())
        thread->deleteLater();
    m_state = Engine::State::Stopped;
    emit stateChanged(m_state);
    emit stopped();
}

} // namespace TwinBridge

namespace TwinBridge {

namespace {

// Runs `call` with the engine on its thread and resolves on the host's thread.
template<typename T, typename Call>
QFuture<Result<T>> callOnEngine(EngineHost *host, const QPointer<Engine> &engine, Call call)
{
    const ServiceError notRunning(ServiceError::Kind::Conflict,
                                  EngineHost::tr("The engine is not running. Start it on the Bridge page first."));
    if (!engine)
        return Futures::readyResult<T>(notRunning);
    auto promise = Futures::startedPromise<Result<T>>();
    QPointer<EngineHost> self(host);
    QMetaObject::invokeMethod(engine, [engine, promise, self, call, notRunning]() {
        Result<T> result = engine ? call(engine.data()) : Result<T>(notRunning);
        if (!self) {
            Futures::fulfil(promise, result);
            return;
        }
        QMetaObject::invokeMethod(self, [promise, result]() { Futures::fulfil(promise, result); });
    });
    return promise->future();
}

} // namespace

QFuture<Status> EngineHost::setPaused(bool paused)
{
    return callOnEngine<Done>(this, m_engine, [paused](Engine *engine) { return engine->setPaused(paused); });
}

QFuture<Result<qint64>> EngineHost::retryOutboxNow()
{
    return callOnEngine<qint64>(this, m_engine, [](Engine *engine) { return engine->retryOutboxNow(); });
}

QFuture<Result<qint64>> EngineHost::discardOutbox(const QString &deviceId)
{
    return callOnEngine<qint64>(this, m_engine,
                                [deviceId](Engine *engine) { return engine->discardOutbox(deviceId); });
}

} // namespace TwinBridge
