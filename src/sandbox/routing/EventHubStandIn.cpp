#include "sandbox/routing/EventHubStandIn.h"

#include "services/core/Logging.h"

namespace TwinBridge::Sandbox {

EventHubStandIn::EventHubStandIn(const QString &name, int partitionCount, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_clock(clock ? clock : Clock::system())
    , m_partitions(size_t(qBound(1, partitionCount, 32)))
{ }

int EventHubStandIn::partitionFor(const QString &partitionKey, int partitionCount)
{
    if (partitionCount <= 1)
        return 0;
    quint32 hash = 2166136261u;
    const QByteArray bytes = partitionKey.toUtf8();
    for (const char byte : bytes) {
        hash ^= quint8(byte);
        hash *= 16777619u;
    }
    return int(hash % quint32(partitionCount));
}

EventHubStandIn::Event EventHubStandIn::send(Event event)
{
    event.partition = partitionFor(event.partitionKey, partitionCount());
    Partition &partition = m_partitions.at(size_t(event.partition));
    event.sequenceNumber = partition.nextSequenceNumber++;
    event.enqueuedTime = m_clock->nowUtc();
    partition.events.push_back(event);
    ++m_received;
    while (int(partition.events.size()) > m_maxEventsPerPartition) {
        partition.events.pop_front();
        ++m_expired;
        if (m_expired == 1 || m_expired % 1000 == 0) {
            qCWarning(lcSandbox) << "Event Hub" << m_name << "partition" << event.partition << "is full;" << m_expired
                                 << "undelivered event(s) dropped so far";
        }
    }
    emit eventsAvailable(event.partition);
    return event;
}

QList<EventHubStandIn::Event> EventHubStandIn::peek(int partition, int maximum) const
{
    QList<Event> batch;
    if (partition < 0 || partition >= partitionCount())
        return batch;
    const std::deque<Event> &events = m_partitions.at(size_t(partition)).events;
    for (auto it = events.cbegin(); it != events.cend() && batch.size() < maximum; ++it)
        batch.append(*it);
    return batch;
}

int EventHubStandIn::checkpoint(int partition, qint64 sequenceNumber)
{
    if (partition < 0 || partition >= partitionCount())
        return 0;
    std::deque<Event> &events = m_partitions.at(size_t(partition)).events;
    int removed = 0;
    while (!events.empty() && events.front().sequenceNumber <= sequenceNumber) {
        events.pop_front();
        ++removed;
    }
    m_checkpointed += quint64(removed);
    return removed;
}

int EventHubStandIn::pending() const
{
    int total = 0;
    for (const Partition &partition : m_partitions)
        total += int(partition.events.size());
    return total;
}

int EventHubStandIn::pending(int partition) const
{
    if (partition < 0 || partition >= partitionCount())
        return 0;
    return int(m_partitions.at(size_t(partition)).events.size());
}

void EventHubStandIn::clear()
{
    for (Partition &partition : m_partitions)
        partition.events.clear();
}

} // namespace TwinBridge::Sandbox
