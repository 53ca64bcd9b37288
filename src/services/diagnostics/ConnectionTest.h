#pragma once

#include "services/core/Clock.h"
#include "services/diagnostics/ConnectionCheck.h"
#include "services/diagnostics/EndpointProbe.h"
#include "services/mqtt/MosquittoClient.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QSslConfiguration>

#include <functional>
#include <memory>
#include <optional>

namespace TwinBridge {

// The common part of the TTS, IoT Hub and Azure connection tests: a list of named checks declared up front
// (so a UI can show them as pending), each later set to passed, warning, failed or skipped with a sentence;
// start() runs the test asynchronously and cancel() stops it at once — requests in flight are aborted, the
// checks not done yet become Skipped and the report says canceled. checkChanged() follows every change.
//
// Subclasses implement run() as a chain of continuations on `this`; each continuation first asks
// isStale(generation) so that an answer arriving after cancel() (or a restart) changes nothing.
class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    ConnectionTest(ConnectionCheck::Target target, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~ConnectionTest() override;

    ConnectionCheck::Target target() const { return m_target; }
    QList<ConnectionCheck> checks() const { return m_checks; }
    bool isRunning() const { return m_running; }

    // Starts (or restarts) the test; the future resolves with the report when it ends or is canceled.
    QFuture<ConnectionReport> start();
    void cancel();

    ConnectionReport report() const;

signals:
    void checkChanged(const TwinBridge::ConnectionCheck &check);
    void finished(const TwinBridge::ConnectionReport &report);

protected:
    // Declares the checks and starts the first request. Called by start() after the checks were reset.
    virtual void run() = 0;

    Clock *clock() const { return m_clock; }
    quint64 generation() const { return m_generation; }
    bool isStale(quint64 generation) const { return !m_running || generation != m_generation; }

    void declare(const QString &id, const QString &title);
    void setRunning(const QString &id);
    void pass(const QString &id, const QString &sentence, const QString &detail = {});
    void warn(const QString &id, const QString &sentence, const QString &detail = {});
    void fail(const QString &id, const QString &sentence, const QString &detail = {});
    void skip(const QString &id, const QString &sentence);
    // Every check still pending or running becomes Skipped with `sentence`.
    void skipRemaining(const QString &sentence);
    ConnectionCheck::Status statusOf(const QString &id) const;
    bool hasFailed(const QString &id) const { return statusOf(id) == ConnectionCheck::Status::Failed; }
    // Ends the run (the remaining checks are skipped as "not reached").
    void finish();

    // Opens host:port (with a verified TLS handshake when `tls` is given) and closes it again; `done` runs with
    // the outcome unless the test was canceled or restarted meanwhile. One probe at a time.
    void probe(const QString &host, quint16 port, const std::optional<QSslConfiguration> &tls,
               std::function<void(const EndpointProbe::Outcome &)> done);
    // One MQTT CONNECT with `options`, then DISCONNECT at once; `done` gets no error when the server accepted
    // the login, else why not (Unauthorized for a refused login). Skipped like probe() when stale.
    void tryMqttLogin(const MosquittoClient::Options &options, std::function<void(const ServiceError &)> done);

    // Makes cancel() abort `future` (a request in flight).
    template<typename T>
    QFuture<T> track(QFuture<T> future)
    {
        m_cancelers.append([future]() mutable { future.cancel(); });
        return future;
    }

private:
    void set(const QString &id, ConnectionCheck::Status status, const QString &sentence, const QString &detail);
    void end(bool canceled);
    void abortConnections();

    ConnectionCheck::Target m_target;
    Clock *m_clock;
    QList<ConnectionCheck> m_checks;
    QList<std::function<void()>> m_cancelers;
    std::shared_ptr<QPromise<ConnectionReport>> m_promise;
    EndpointProbe *m_probe = nullptr;
    QPointer<MosquittoClient> m_mqtt;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_canceled = false;
};

} // namespace TwinBridge
