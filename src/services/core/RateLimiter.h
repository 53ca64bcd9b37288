#pragma once

#include "services/core/TokenBucket.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

namespace TwinBridge {

// An asynchronous, FIFO gate in front of a TokenBucket: acquire() calls back once a token was taken for
// the caller. Nothing blocks; waiting callers are woken through the injected Clock.
class RateLimiter : public QObject
{
    Q_OBJECT

public:
    explicit RateLimiter(double ratePerSecond, double burst, Clock *clock = Clock::system(), QObject *parent = nullptr);

    using Ticket = quint64;
    // Calls `ready` on `context`'s thread when a token is granted; dropped if `context` dies first.
    Ticket acquire(QObject *context, std::function<void()> ready, double tokens = 1);
    void cancel(Ticket ticket);
    // Takes a token at once if nobody waits, no pause is on and the bucket has one: the caller proceeds
    // synchronously (no event-loop turn). False: use acquire().
    bool tryAcquire(double tokens = 1);

    // Stops granting for `duration` (the far side told us to back off).
    void pauseFor(std::chrono::milliseconds duration);

    void setRate(double ratePerSecond, double burst);
    const TokenBucket &bucket() const { return m_bucket; }
    int queued() const { return int(m_waiting.size()); }
    quint64 granted() const { return m_granted; }

signals:
    void queueLengthChanged(int queued);

private:
    struct Waiter
    {
        Ticket ticket;
        QPointer<QObject> context;
        std::function<void()> ready;
        double tokens;
    };
    void pump();
    void schedulePump(std::chrono::milliseconds delay);

    Clock *m_clock;
    TokenBucket m_bucket;
    std::deque<Waiter> m_waiting;
    Ticket m_nextTicket = 1;
    quint64 m_granted = 0;
    qint64 m_pausedUntilMs = 0;
    bool m_pumpScheduled = false;
};

} // namespace TwinBridge
