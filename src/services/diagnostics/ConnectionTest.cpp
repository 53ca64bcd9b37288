#include "services/diagnostics/ConnectionTest.h"

#include "services/core/Logging.h"

namespace TwinBridge {

ConnectionTest::ConnectionTest(ConnectionCheck::Target target, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_clock(clock ? clock : Clock::system())
    , m_probe(new EndpointProbe(m_clock, this))
{ }

ConnectionTest::~ConnectionTest()
{
    if (m_running)
        cancel();
}

QFuture<ConnectionReport> ConnectionTest::start()
{
    if (m_running)
        cancel();
    ++m_generation;
    m_running = true;
    m_canceled = false;
    m_checks.clear();
    m_cancelers.clear();
    m_promise = std::make_shared<QPromise<ConnectionReport>>();
    m_promise->start();
    const QFuture<ConnectionReport> future = m_promise->future();
    qCInfo(lcDiagnostics).noquote() << "connection test of" << ConnectionCheck::targetName(m_target) << "started";
    run();
    return future;
}

void ConnectionTest::cancel()
{
    if (!m_running)
        return;
    m_canceled = true;
    const QList<std::function<void()>> cancelers = std::exchange(m_cancelers, {});
    for (const std::function<void()> &cancelRequest : cancelers)
        cancelRequest();
    abortConnections();
    skipRemaining(tr("Not checked: the test was canceled."));
    end(true);
}

ConnectionReport ConnectionTest::report() const
{
    ConnectionReport report;
    report.target = m_target;
    report.checks = m_checks;
    report.canceled = m_canceled;
    return report;
}

void ConnectionTest::declare(const QString &id, const QString &title)
{
    ConnectionCheck check;
    check.id = id;
    check.title = title;
    m_checks.append(check);
    emit checkChanged(check);
}

void ConnectionTest::setRunning(const QString &id)
{
    set(id, ConnectionCheck::Status::Running, {}, {});
}

void ConnectionTest::pass(const QString &id, const QString &sentence, const QString &detail)
{
    set(id, ConnectionCheck::Status::Passed, sentence, detail);
}

void ConnectionTest::warn(const QString &id, const QString &sentence, const QString &detail)
{
    set(id, ConnectionCheck::Status::Warning, sentence, detail);
}

void ConnectionTest::fail(const QString &id, const QString &sentence, const QString &detail)
{
    set(id, ConnectionCheck::Status::Failed, sentence, detail);
}

void ConnectionTest::skip(const QString &id, const QString &sentence)
{
    set(id, ConnectionCheck::Status::Skipped, sentence, {});
}

void ConnectionTest::skipRemaining(const QString &sentence)
{
    for (const ConnectionCheck &check : std::as_const(m_checks)) {
        if (check.status == ConnectionCheck::Status::Pending || check.status == ConnectionCheck::Status::Running)
            skip(check.id, sentence);
    }
}

ConnectionCheck::Status ConnectionTest::statusOf(const QString &id) const
{
    for (const ConnectionCheck &check : m_checks) {
        if (check.id == id)
            return check.status;
    }
    return ConnectionCheck::Status::Pending;
}

void ConnectionTest::finish()
{
    if (!m_running)
        return;
    skipRemaining(tr("Not checked: an earlier step failed."));
    end(false);
}

void ConnectionTest::probe(const QString &host, quint16 port, const std::optional<QSslConfiguration> &tls,
                           std::function<void(const EndpointProbe::Outcome &)> done)
{
    disconnect(m_probe, &EndpointProbe::finished, this, nullptr);
    const quint64 current = m_generation;
    connect(m_probe, &EndpointProbe::finished, this,
            [this, current, done = std::move(done)](const EndpointProbe::Outcome &outcome) {
                disconnect(m_probe, &EndpointProbe::finished, this, nullptr);
                if (!isStale(current))
                    done(outcome);
            });
    m_probe->start(host, port, tls);
}

void ConnectionTest::tryMqttLogin(const MosquittoClient::Options &options,
                                  std::function<void(const ServiceError &)> done)
{
    auto *client = new MosquittoClient(m_clock, this);
    m_mqtt = client;
    const quint64 current = m_generation;
    auto shared = std::make_shared<std::function<void(const ServiceError &)>>(std::move(done));
    connect(client, &MosquittoClient::connected, this, [this, current, client, shared] {
        client->disconnect(this);
        client->disconnectFromHost();
        client->deleteLater();
        if (!isStale(current))
            (*shared)(ServiceError());
    });
    connect(client, &MosquittoClient::connectionFailed, this,
            [this, current, client, shared](const ServiceError &error) {
                client->disconnect(this);
                client->deleteLater();
                if (!isStale(current))
                    (*shared)(error);
            });
    const Status started = client->connectToHost(options);
    if (!started) {
        client->disconnect(this);
        client->deleteLater();
        (*shared)(started.error());
    }
}

void ConnectionTest::abortConnections()
{
    disconnect(m_probe, &EndpointProbe::finished, this, nullptr); // a canceled probe reports nothing
    m_probe->abort();
    if (m_mqtt) {
        m_mqtt->disconnect(this);
        m_mqtt->disconnectFromHost();
        m_mqtt->deleteLater();
    }
}

void ConnectionTest::set(const QString &id, ConnectionCheck::Status status, const QString &sentence,
                         const QString &detail)
{
    for (ConnectionCheck &check : m_checks) {
        if (check.id != id)
            continue;
        check.status = status;
        check.sentence = sentence;
        check.detail = detail;
        if (status != ConnectionCheck::Status::Running && status != ConnectionCheck::Status::Pending)
            qCInfo(lcDiagnostics).noquote() << "connection check" << id << ConnectionCheck::statusName(status);
        emit checkChanged(check);
        return;
    }
    qCWarning(lcDiagnostics) << "connection check" << id << "was never declared";
}

void ConnectionTest::end(bool canceled)
{
    m_running = false;
    m_canceled = canceled;
    m_cancelers.clear();
    const ConnectionReport result = report();
    if (m_promise) {
        m_promise->addResult(result);
        m_promise->finish();
        m_promise.reset();
    }
    emit finished(result);
}

} // namespace TwinBridge
