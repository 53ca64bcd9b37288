#pragma once

#include "services/core/Clock.h"
#include "services/net/RetryPolicy.h"

#include <QObject>

#include <chrono>
#include <functional>

namespace TwinBridge {

// When to try an MQTT connection again: exponential back-off with jitter (RetryPolicy's formula, without a
// limit on attempts), on the injected Clock. Deliberately small — the engine decides *whether* to reconnect
// (a refused key is not retried the same way as a lost network); this only says *when*.
//
//   MqttReconnectPolicy backoff(clock);
//   connect(client, &MosquittoClient::disconnected, [&] { backoff.schedule(client, [&] { client->connectToHost(o); }); });
//   connect(client, &MosquittoClient::connected, [&] { backoff.reset(); });
class MqttReconnectPolicy
{
public:
    explicit MqttReconnectPolicy(Clock *clock = Clock::system(), std::function<double()> random01 = {});

    // 1 s, 2 s, 4 s … up to 60 s, each ±50 % (so that 10,000 devices dropped at once do not return at once).
    void setBounds(std::chrono::milliseconds initialDelay, std::chrono::milliseconds maxDelay, double jitter = 0.5);

    // The delay before the next attempt; each call counts one attempt.
    std::chrono::milliseconds nextDelay();
    // Runs `attempt` on `context`'s thread after nextDelay() (unless `context` is gone). A call while one is
    // pending replaces it.
    void schedule(QObject *context, std::function<void()> attempt);
    // Connected again: the next delay starts from the initial delay; a pending attempt is dropped.
    void reset();

    int attempts() const { return m_attempts; }
    bool isPending() const { return m_pending; }

private:
    Clock *m_clock;
    std::function<double()> m_random01;
    RetryPolicy m_policy;
    int m_attempts = 0;
    quint64 m_generation = 0;
    bool m_pending = false;
};

} // namespace TwinBridge
