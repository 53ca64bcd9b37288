#include "services/core/TokenBucket.h"

#include <algorithm>
#include <cmath>

namespace TwinBridge {

TokenBucket::TokenBucket(double ratePerSecond, double burst, Clock *clock)
    : m_clock(clock)
    , m_rate(ratePerSecond)
    , m_burst(std::max(1.0, burst))
    , m_tokens(std::max(1.0, burst))
    , m_lastRefillMs(clock->monotonicMs())
{
}

void TokenBucket::setRate(double ratePerSecond, double burst)
{
    refill();
    m_rate = ratePerSecond;
    m_burst = std::max(1.0, burst);
    m_tokens = std::min(m_tokens, m_burst);
}

void TokenBucket::refill() const
{
    const qint64 now = m_clock->monotonicMs();
    if (now <= m_lastRefillMs)
        return;
    if (m_rate > 0)
        m_tokens = std::min(m_burst, m_tokens + double(now - m_lastRefillMs) * m_rate / 1000.0);
    m_lastRefillMs = now;
}

bool TokenBucket::tryAcquire(double tokens)
{
    if (isUnlimited())
        return true;
    refill();
    // A small epsilon absorbs floating point drift from fractional refills.
    if (m_tokens + 1e-9 < tokens)
        return false;
    m_tokens -= tokens;
    return true;
}

std::chrono::milliseconds TokenBucket::timeUntilAvailable(double tokens) const
{
    if (isUnlimited())
        return std::chrono::milliseconds(0);
    refill();
    const double missing = tokens - m_tokens;
    if (missing <= 1e-9)
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(qint64(std::ceil(missing * 1000.0 / m_rate)));
}

double TokenBucket::available() const
{
    if (isUnlimited())
        return m_burst;
    refill();
    return m_tokens;
}

void TokenBucket::drain()
{
    refill();
    m_tokens = 0;
}

} // namespace TwinBridge
