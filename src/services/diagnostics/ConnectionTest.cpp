#include "services/diagnostics/ConnectionTest.h"

#include "services/core/Logging.h"

namespace TwinBridge {

ConnectionTest::ConnectionTest(ConnectionCheck::Target target, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_clock(clock ? clock : Clock::system())
{
}

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
    abort();
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
