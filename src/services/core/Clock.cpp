#include "services/core/Clock.h"

#include <QElapsedTimer>
#include <QTimer>

namespace TwinBridge {

Clock::~Clock() = default;

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}

SystemClock::SystemClock()
{
    QElapsedTimer timer;
    timer.start();
    m_originMs = timer.msecsSinceReference();
}

QDateTime SystemClock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::monotonicMs() const
{
    QElapsedTimer timer;
    timer.start();
    return timer.msecsSinceReference() - m_originMs;
}

void SystemClock::callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback)
{
    Q_ASSERT(context);
    QTimer::singleShot(delay, Qt::PreciseTimer, context, std::move(callback));
}

ManualClock::ManualClock(QDateTime start)
    : m_start(std::move(start))
{
}

QDateTime ManualClock::nowUtc() const
{
    return m_start.addMSecs(m_elapsedMs);
}

void ManualClock::setNow(const QDateTime &now)
{
    m_start = now.addMSecs(-m_elapsedMs);
}

void ManualClock::callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback)
{
    Pending pending;
    pending.context = context;
    pending.hasContext = context != nullptr;
    pending.callback = std::move(callback);
    m_pending.emplace(m_elapsedMs + std::max<qint64>(0, delay.count()), std::move(pending));
}

void ManualClock::advance(std::chrono::milliseconds by)
{
    const qint64 target = m_elapsedMs + by.count();
    while (!m_pending.empty() && m_pending.begin()->first <= target) {
        auto it = m_pending.begin();
        m_elapsedMs = std::max(m_elapsedMs, it->first);
        Pending pending = std::move(it->second);
        m_pending.erase(it);
        if (pending.hasContext && !pending.context)
            continue;
        pending.callback();
    }
    m_elapsedMs = target;
}

bool ManualClock::advanceToNext()
{
    if (m_pending.empty())
        return false;
    advance(std::chrono::milliseconds(m_pending.begin()->first - m_elapsedMs));
    return true;
}

std::chrono::milliseconds ManualClock::nextDueIn() const
{
    if (m_pending.empty())
        return std::chrono::milliseconds(-1);
    return std::chrono::milliseconds(m_pending.begin()->first - m_elapsedMs);
}

} // namespace TwinBridge
