#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace TwinBridge {

// Exponential back-off with jitter, bounded by attempts and total time. Used for 429/503 answers and,
// for idempotent requests, for transport errors.
struct RetryPolicy
{
    int maxAttempts = 6;
    std::chrono::milliseconds initialDelay{500};
    std::chrono::milliseconds maxDelay{30000};
    std::chrono::milliseconds maxTotal{120000};
    double multiplier = 2.0;
    double jitter = 0.2; // ±20 % of the computed delay
    bool retryTransportErrors = true;

    // Delay before attempt `attempt + 1` (attempt counts from 1), `random01` in [0, 1).
    std::chrono::milliseconds delayFor(int attempt, double random01) const;

    static RetryPolicy none();

    // Parses a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc);
};

} // namespace TwinBridge
