#include "services/core/RateLimiter.h"

#include <algorithm>

namespace TwinBridge {

RateLimiter::RateLimiter(double ratePerSecond, double burst, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_bucket(ratePerSecond, burst, clock)
{
}

RateLimiter::Ticket RateLimiter::acquire(QObject *context, std::function<void()> ready, double tokens)
{
    const Ticket ticket = m_nextTicket++;
    m_waiting.push_back(Waiter{ticket, context, std::move(ready), tokens});
    pump();
    if (!m_waiting.empty())
        emit queueLengthChanged(queued());
    return ticket;
}

void RateLimiter::cancel(Ticket ticket)
{
    const auto it = std::find_if(m_waiting.begin(), m_waiting.end(),
                                 [ticket](const Waiter &w) { return w.ticket == ticket; });
    if (it == m_waiting.end())
        return;
    m_waiting.erase(it);
    emit queueLengthChanged(queued());
}

bool RateLimiter::tryAcquire(double tokens)
{
    if (!m_waiting.empty() || m_clock->monotonicMs() < m_pausedUntilMs || !m_bucket.tryAcquire(tokens))
        return false;
    ++m_granted;
    return true;
}

void RateLimiter::pauseFor(std::chrono::milliseconds duration)
{
    m_pausedUntilMs = std::max(m_pausedUntilMs, m_clock->monotonicMs() + duration.count());
    m_bucket.drain();
}

void RateLimiter::setRate(double ratePerSecond, double burst)
{
    m_bucket.setRate(ratePerSecond, burst);
    pump();
}

void RateLimiter::pump()
{
    bool changed = false;
    while (!m_waiting.empty()) {
        Waiter &head = m_waiting.front();
        if (head.context.isNull()) {
            m_waiting.pop_front();
            changed = true;
            continue;
        }
        const qint64 now = m_clock->monotonicMs();
        if (now < m_pausedUntilMs) {
            schedulePump(std::chrono::milliseconds(m_pausedUntilMs - now));
            break;
        }
        if (!m_bucket.tryAcquire(head.tokens)) {
            schedulePump(std::max(std::chrono::milliseconds(1), m_bucket.timeUntilAvailable(head.tokens)));
            break;
        }
        Waiter waiter = std::move(head);
        m_waiting.pop_front();
        ++m_granted;
        changed = true;
        // Hand over on the caller's thread/event loop, never re-entrantly inside acquire().
        QMetaObject::invokeMethod(waiter.context.data(), std::move(waiter.ready), Qt::QueuedConnection);
    }
    if (changed)
        emit queueLengthChanged(queued());
}

void RateLimiter::schedulePump(std::chrono::milliseconds delay)
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    m_clock->callAfter(delay, this, [this] {
        m_pumpScheduled = false;
        pump();
    });
}

} // namespace TwinBridge
