#pragma once

#include "services/core/Clock.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <deque>
#include <vector>

namespace TwinBridge::Sandbox {

// A stand-in for one Azure Event Hub that a hub's custom endpoint writes to. Events are partitioned by their
// partition key (IoT Hub uses the device id), so one device's events stay in order in one partition. A
// consumer reads a batch from the head of a partition with peek() and removes it with checkpoint() only
// after it was delivered: nothing leaves before that (at-least-once). Single-threaded.
class EventHubStandIn : public QObject
{
    Q_OBJECT

public:
    // An event as the Event Hubs trigger sees it (EventData: body, Properties, SystemProperties).
    struct Event
    {
        qint64 sequenceNumber = 0; // per partition, from 0
        int partition = 0;
        QString partitionKey;
        QDateTime enqueuedTime;
        QByteArray body;
        QVariantMap properties; // application properties
        QVariantMap systemProperties; // iothub-connection-device-id, iothub-message-source, content-type, …
    };

    // Events beyond this many per partition push out the oldest (a sandbox bound standing in for retention).
    static constexpr int DefaultMaxEventsPerPartition = 100000;

    EventHubStandIn(const QString &name, int partitionCount, Clock *clock = Clock::system(), QObject *parent = nullptr);

    QString name() const { return m_name; }
    int partitionCount() const { return int(m_partitions.size()); }
    void setMaxEventsPerPartition(int maximum) { m_maxEventsPerPartition = qMax(1, maximum); }

    // The partition for a key (FNV-1a of its UTF-8 bytes; stable across runs).
    static int partitionFor(const QString &partitionKey, int partitionCount);

    // Appends the event to its key's partition; sets partition, sequence number and enqueued time.
    Event send(Event event);

    // Up to `maximum` events from the head of `partition` (oldest first), without removing them.
    QList<Event> peek(int partition, int maximum) const;
    // Removes the events of `partition` up to and including `sequenceNumber` (they were delivered).
    // Returns how many were removed.
    int checkpoint(int partition, qint64 sequenceNumber);

    int pending() const;
    int pending(int partition) const;
    quint64 received() const { return m_received; }
    quint64 checkpointed() const { return m_checkpointed; }
    quint64 expired() const { return m_expired; }

    // Drops every event (admin reset); sequence numbers continue.
    void clear();

signals:
    // New events are waiting in `partition`.
    void eventsAvailable(int partition);

private:
    struct Partition
    {
        std::deque<Event> events;
        qint64 nextSequenceNumber = 0;
    };

    QString m_name;
    Clock *m_clock;
    std::vector<Partition> m_partitions;
    int m_maxEventsPerPartition = DefaultMaxEventsPerPartition;
    quint64 m_received = 0;
    quint64 m_checkpointed = 0;
    quint64 m_expired = 0;
};

} // namespace TwinBridge::Sandbox
