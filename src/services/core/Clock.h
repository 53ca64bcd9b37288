#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <map>

namespace TwinBridge {

// Time and timers, injectable so that expiry, back-off and throttling are deterministic in tests.
// Everything that waits (retry back-off, token buckets, SAS renewal) asks a Clock instead of QTimer.
class Clock
{
public:
    virtual ~Clock();

    virtual QDateTime nowUtc() const = 0;
    // Milliseconds on a monotonic time line (only differences are meaningful).
    virtual qint64 monotonicMs() const = 0;
    // Runs `callback` on `context`'s thread after `delay`, unless `context` was destroyed meanwhile.
    virtual void callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) = 0;

    qint64 secondsSinceEpoch() const { return nowUtc().toSecsSinceEpoch(); }

    // The process-wide real clock.
    static Clock *system();
};

class SystemClock final : public Clock
{
public:
    SystemClock();
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;
    void callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) override;

private:
    qint64 m_originMs;
};

// A clock that only moves when told to. advance() fires every due callback in time order; tests use it
// for token expiry, retry back-off and rate limits without waiting. Single-threaded by design.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));

    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override { return m_elapsedMs; }
    void callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) override;

    void advance(std::chrono::milliseconds by);
    // Advances exactly to the next pending callback (if any) and fires it; returns false if none is pending.
    bool advanceToNext();
    int pendingCount() const { return int(m_pending.size()); }
    std::chrono::milliseconds nextDueIn() const;
    void setNow(const QDateTime &now);

private:
    struct Pending
    {
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void()> callback;
    };
    QDateTime m_start;
    qint64 m_elapsedMs = 0;
    std::multimap<qint64, Pending> m_pending;
};

} // namespace TwinBridge
