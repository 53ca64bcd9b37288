#include "services/core/TimeoutWheel.h"

#include <algorithm>

namespace TwinBridge {

TimeoutWheel::TimeoutWheel(Clock *clock, QObject *context, Callback onDue, std::chrono::milliseconds resolution,
                           int slotCount)
    : m_clock(clock)
    , m_context(context)
    , m_onDue(std::move(onDue))
    , m_resolutionMs(std::max<qint64>(1, resolution.count()))
    , m_slots(size_t(std::max(1, slotCount)))
    , m_lastProcessedTick(clock->monotonicMs() / m_resolutionMs)
    , m_alive(std::make_shared<int>(0))
{ }

TimeoutWheel::~TimeoutWheel() = default;

void TimeoutWheel::schedule(quint64 key, qint64 dueMs)
{
    // Round up: an entry never fires before its deadline. Never into a tick already processed, or it would
    // wait a whole lap.
    qint64 tick = (std::max<qint64>(0, dueMs) + m_resolutionMs - 1) / m_resolutionMs;
    tick = std::max(tick, m_lastProcessedTick + 1);
    m_slots[size_t(tick % qint64(m_slots.size()))].push_back(Entry {key, tick});
    ++m_count;
    arm();
}

void TimeoutWheel::clear()
{
    for (auto &slot : m_slots) {
        slot.clear();
        slot.shrink_to_fit();
    }
    m_count = 0;
}

void TimeoutWheel::arm()
{
    if (m_count == 0 || m_armedTick >= 0)
        return;
    m_armedTick = m_lastProcessedTick + 1;
    const qint64 delay = std::max<qint64>(0, m_armedTick * m_resolutionMs - m_clock->monotonicMs());
    std::weak_ptr<int> alive = m_alive;
    m_clock->callAfter(std::chrono::milliseconds(delay), m_context, [this, alive] {
        if (alive.expired())
            return;
        m_armedTick = -1;
        onTick();
        arm();
    });
}

void TimeoutWheel::onTick()
{
    const qint64 nowTick = m_clock->monotonicMs() / m_resolutionMs;
    if (nowTick <= m_lastProcessedTick)
        return;
    const qint64 slotCount = qint64(m_slots.size());
    // After a jump longer than a lap every slot is visited once.
    const qint64 first = std::max(m_lastProcessedTick + 1, nowTick - slotCount + 1);
    m_lastProcessedTick = nowTick;

    std::vector<quint64> due;
    for (qint64 tick = first; tick <= nowTick; ++tick) {
        std::vector<Entry> &slot = m_slots[size_t(tick % slotCount)];
        if (slot.empty())
            continue;
        auto keep =
            std::partition(slot.begin(), slot.end(), [nowTick](const Entry &entry) { return entry.tick > nowTick; });
        for (auto it = keep; it != slot.end(); ++it)
            due.push_back(it->key);
        slot.erase(keep, slot.end());
        if (slot.empty() && slot.capacity() > 64)
            slot.shrink_to_fit();
    }
    m_count -= qsizetype(due.size());
    // Callbacks may schedule again; m_lastProcessedTick already points past this tick.
    for (quint64 key : due)
        m_onDue(key);
}

} // namespace TwinBridge
