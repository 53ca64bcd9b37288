#include "services/engine/EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <vector>

namespace TwinBridge {

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll >= 0 && m_wakeFd >= 0) {
        epoll_event event {};
        event.events = EPOLLIN;
        event.data.fd = m_wakeFd;
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event);
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

qint64 EpollEventDispatcher::nowMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.elapsed();
}

void EpollEventDispatcher::updateEpoll(int fd, Notifiers &notifiers)
{
    quint32 mask = 0;
    if (notifiers.read)
        mask |= EPOLLIN;
    if (notifiers.write)
        mask |= EPOLLOUT;
    if (notifiers.exception)
        mask |= EPOLLPRI;
    if (mask == notifiers.mask)
        return;
    epoll_event event {};
    event.events = mask;
    event.data.fd = fd;
    // A descriptor closed and reopened under the same number behind our back has left the epoll set (or is
    // still in it): fall back to the other operation rather than lose the notifier.
    if (mask == 0) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    } else if (notifiers.mask == 0) {
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0 && errno == EEXIST)
            ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    } else {
        if (::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) != 0 && errno == ENOENT)
            ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
    notifiers.mask = mask;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    Notifiers &notifiers = m_notifiers[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        notifiers.read = notifier;
        break;
    case QSocketNotifier::Write:
        notifiers.write = notifier;
        break;
    case QSocketNotifier::Exception:
        notifiers.exception = notifier;
        break;
    }
    updateEpoll(fd, notifiers);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_notifiers.find(fd);
    if (it == m_notifiers.end())
        return;
    Notifiers &notifiers = it.value();
    if (notifiers.read == notifier)
        notifiers.read = nullptr;
    if (notifiers.write == notifier)
        notifiers.write = nullptr;
    if (notifiers.exception == notifier)
        notifiers.exception = nullptr;
    updateEpoll(fd, notifiers);
    if (notifiers.mask == 0)
        m_notifiers.erase(it);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    m_timers.insert(timerId, Timer {std::max<qint64>(0, interval), timerType, object, nowMs() + interval});
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId) > 0;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (auto it = m_timers.constBegin(); it != m_timers.constEnd(); ++it)
        if (it->object == object)
            timers.append(TimerInfo(it.key(), int(it->intervalMs), it->type));
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.constEnd())
        return -1;
    return int(std::max<qint64>(0, it->dueMs - nowMs()));
}

void EpollEventDispatcher::wakeUp()
{
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_wakeFd, &one, sizeof(one));
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

qint64 EpollEventDispatcher::msUntilNextTimer() const
{
    qint64 next = -1;
    const qint64 now = nowMs();
    for (const Timer &timer : m_timers) {
        if (timer.active)
            continue;
        const qint64 wait = std::max<qint64>(0, timer.dueMs - now);
        if (next < 0 || wait < next)
            next = wait;
    }
    return next;
}

int EpollEventDispatcher::activateTimers()
{
    const qint64 now = nowMs();
    std::vector<int> due;
    for (auto it = m_timers.constBegin(); it != m_timers.constEnd(); ++it)
        if (!it->active && it->dueMs <= now)
            due.push_back(it.key());
    int fired = 0;
    for (int id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->active) // unregistered by an earlier timer's event
            continue;
        // Next due time from the schedule, not from now (no drift), but never in the past.
        it->dueMs = std::max(it->dueMs + std::max<qint64>(1, it->intervalMs), now);
        it->active = true;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        it = m_timers.find(id);
        if (it != m_timers.end())
            it->active = false;
    }
    return fired;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    emit awake();
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.loadRelaxed())
        return false;

    int timeout = 0;
    if (flags & QEventLoop::WaitForMoreEvents) {
        const qint64 next = (flags & QEventLoop::X11ExcludeTimers) ? -1 : msUntilNextTimer();
        timeout = next < 0 ? -1 : int(std::min<qint64>(next, 24 * 3600 * 1000));
        emit aboutToBlock();
    }
    epoll_event events[512];
    int count = ::epoll_wait(m_epoll, events, 512, timeout);
    if (count < 0 && errno != EINTR)
        count = 0;
    emit awake();
    int handled = 0;
    if (count > 0) {
        // Collect first: delivering one event may delete or disable other notifiers of this batch.
        std::vector<std::pair<int, quint32>> ready;
        ready.reserve(size_t(count));
        for (int i = 0; i < count; ++i) {
            if (events[i].data.fd == m_wakeFd) {
                quint64 value = 0;
                [[maybe_unused]] const ssize_t read = ::read(m_wakeFd, &value, sizeof(value));
                continue;
            }
            ready.emplace_back(int(events[i].data.fd), quint32(events[i].events));
        }
        if (!(flags & QEventLoop::ExcludeSocketNotifiers)) {
            for (const auto &[fd, mask] : ready) {
                const bool failure = mask & (EPOLLERR | EPOLLHUP);
                for (int kind = 0; kind < 3; ++kind) {
                    const auto it = m_notifiers.constFind(fd);
                    if (it == m_notifiers.constEnd())
                        break;
                    QSocketNotifier *notifier = nullptr;
                    if (kind == 0 && (mask & (EPOLLIN | EPOLLRDHUP) || failure))
                        notifier = it->read;
                    else if (kind == 1 && (mask & EPOLLOUT || failure))
                        notifier = it->write;
                    else if (kind == 2 && (mask & EPOLLPRI))
                        notifier = it->exception;
                    if (!notifier)
                        continue;
                    QEvent event(QEvent::SockAct);
                    QCoreApplication::sendEvent(notifier, &event);
                    ++handled;
                }
            }
        }
    }
    if (!(flags & QEventLoop::X11ExcludeTimers))
        handled += activateTimers();
    return handled > 0;
}

} // namespace TwinBridge
