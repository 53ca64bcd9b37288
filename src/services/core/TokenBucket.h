#pragma once

#include "services/core/Clock.h"

#include <chrono>

namespace TwinBridge {

// Classic token bucket: `rate` tokens per second refill up to `burst`. A rate <= 0 means unlimited.
// Used for IoT Hub's per-SKU throttles on both sides (the engine respects them, the sandbox enforces them).
class TokenBucket
{
public:
    explicit TokenBucket(double ratePerSecond = 0, double burst = 1, Clock *clock = Clock::system());

    void setRate(double ratePerSecond, double burst);
    double ratePerSecond() const { return m_rate; }
    double burst() const { return m_burst; }
    bool isUnlimited() const { return m_rate <= 0; }

    // Takes `tokens` if they are available now.
    bool tryAcquire(double tokens = 1);
    // How long until `tokens` are available (zero if they are available now).
    std::chrono::milliseconds timeUntilAvailable(double tokens = 1) const;
    double available() const;
    // Empties the bucket, e.g. after the far side answered 429.
    void drain();

private:
    void refill() const;

    Clock *m_clock;
    double m_rate;
    double m_burst;
    mutable double m_tokens;
    mutable qint64 m_lastRefillMs;
};

} // namespace TwinBridge
