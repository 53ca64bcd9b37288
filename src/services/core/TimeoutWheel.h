#pragma once

#include "services/core/Clock.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <vector>

namespace TwinBridge {

// One timer for many deadlines: a hashed timing wheel driven by a single Clock::callAfter() per tick, so
// that ten thousand MQTT connections cost one pending timer instead of ten thousand QTimers, and tests run on
// a ManualClock. Deadlines are rounded up to the next tick (never early). Entries are plain 64-bit keys; the
// wheel never cancels them: the owner checks, when a key comes due, whether it still matters (a connection
// that saw traffic meanwhile schedules itself again; a closed one is ignored). Traffic therefore costs
// nothing here. Single-threaded: use it on the thread of `context`.
class TimeoutWheel
{
public:
    using Callback = std::function<void(quint64 key)>;

    // `slots` × `resolution` is the horizon one lap covers; later deadlines wait for more laps.
    TimeoutWheel(Clock *clock, QObject *context, Callback onDue,
                 std::chrono::milliseconds resolution = std::chrono::seconds(1), int slotCount = 2048);
    ~TimeoutWheel();

    TimeoutWheel(const TimeoutWheel &) = delete;
    TimeoutWheel &operator=(const TimeoutWheel &) = delete;

    // Calls onDue(key) once Clock::monotonicMs() >= dueMs (on the first tick at or after it).
    void schedule(quint64 key, qint64 dueMs);
    qsizetype size() const { return m_count; }
    std::chrono::milliseconds resolution() const { return std::chrono::milliseconds(m_resolutionMs); }
    // Forgets every entry (keys are not reported).
    void clear();

private:
    struct Entry
    {
        quint64 key;
        qint64 tick;
    };

    void arm();
    void onTick();

    Clock *m_clock;
    QObject *m_context;
    Callback m_onDue;
    qint64 m_resolutionMs;
    std::vector<std::vector<Entry>> m_slots;
    qint64 m_lastProcessedTick;
    qsizetype m_count = 0;
    qint64 m_armedTick = -1; // the tick the pending callAfter fires at, -1 if none
    std::shared_ptr<int> m_alive; // guards the pending callAfter against a destroyed wheel
};

} // namespace TwinBridge
