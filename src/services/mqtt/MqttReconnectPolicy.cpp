#include "services/mqtt/MqttReconnectPolicy.h"

#include <QRandomGenerator>

#include <limits>

namespace TwinBridge {

MqttReconnectPolicy::MqttReconnectPolicy(Clock *clock, std::function<double()> random01)
    : m_clock(clock ? clock : Clock::system())
    , m_random01(random01 ? std::move(random01) : [] { return QRandomGenerator::global()->generateDouble(); })
{
    m_policy.maxAttempts = std::numeric_limits<int>::max();
    m_policy.maxTotal = std::chrono::milliseconds::max();
    setBounds(std::chrono::seconds(1), std::chrono::seconds(60));
}

void MqttReconnectPolicy::setBounds(std::chrono::milliseconds initialDelay, std::chrono::milliseconds maxDelay,
                                    double jitter)
{
    m_policy.initialDelay = initialDelay;
    m_policy.maxDelay = maxDelay;
    m_policy.jitter = jitter;
    m_policy.multiplier = 2.0;
}

std::chrono::milliseconds MqttReconnectPolicy::nextDelay()
{
    ++m_attempts;
    return m_policy.delayFor(m_attempts, m_random01());
}

void MqttReconnectPolicy::schedule(QObject *context, std::function<void()> attempt)
{
    const quint64 generation = ++m_generation;
    m_pending = true;
    m_clock->callAfter(nextDelay(), context, [this, generation, attempt = std::move(attempt)] {
        if (generation != m_generation)
            return;
        m_pending = false;
        attempt();
    });
}

void MqttReconnectPolicy::reset()
{
    m_attempts = 0;
    ++m_generation;
    m_pending = false;
}

} // namespace TwinBridge
