#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

namespace TwinBridge {

// Turns SIGINT/SIGTERM/SIGHUP into a Qt signal on the event loop (self-pipe + QSocketNotifier), so that
// programs can drain and stop cleanly instead of dying inside a signal handler. One instance per process.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void unixSignal(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_signals;
};

} // namespace TwinBridge
