#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <QHash>

namespace TwinBridge {

// A Linux event dispatcher on epoll for the thread that holds the device connections. Qt's UNIX dispatcher
// builds and polls the whole descriptor set on every event-loop turn: with ten thousand open connections
// poll() took ~80 % of the engine's and the sandbox's CPU (perf, tests/bench/devconn.sh) and a steady 500
// uplinks/s queued up to seconds. Here a turn costs what is ready, not what is open. Timers are kept in a
// small table (the engine has few: its clocks and rate limiters; connections share one TimeoutWheel).
// Install it before the thread's event loop starts: QCoreApplication::setEventDispatcher() before the
// application object exists, or QThread::setEventDispatcher() before start().
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    bool isValid() const { return m_epoll >= 0 && m_wakeFd >= 0; }

private:
    struct Notifiers
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 mask = 0; // registered epoll events
    };
    struct Timer
    {
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 dueMs;
        bool active = false; // its event is being delivered (no recursive activation)
    };

    void updateEpoll(int fd, Notifiers &notifiers);
    int activateTimers();
    qint64 msUntilNextTimer() const;
    static qint64 nowMs();

    int m_epoll = -1;
    int m_wakeFd = -1;
    QHash<int, Notifiers> m_notifiers;
    QHash<int, Timer> m_timers;
    QAtomicInt m_interrupted;
};

} // namespace TwinBridge
