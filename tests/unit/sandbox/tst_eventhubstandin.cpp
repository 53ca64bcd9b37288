// The Event Hub stand-in: partitioning by device, per-partition order and sequence numbers, peek without
// removal, checkpoint removes only what was delivered, the retention bound.

#include "sandbox/routing/EventHubStandIn.h"
#include "services/core/Clock.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

EventHubStandIn::Event makeEvent(const QString &device, const QByteArray &body)
{
    EventHubStandIn::Event e;
    e.partitionKey = device;
    e.body = body;
    return e;
}

} // namespace

class TestEventHubStandIn : public QObject
{
    Q_OBJECT

private slots:
    void partitionIsStablePerKey_data();
    void partitionIsStablePerKey();
    void keysSpreadOverPartitions();
    void keepsOrderPerDeviceAndNumbersPerPartition();
    void checkpointRemovesOnlyDeliveredEvents();
    void oldestEventsExpireBeyondTheBound();
    void clearDropsEverything();
};

void TestEventHubStandIn::partitionIsStablePerKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("expected");

    // FNV-1a 32-bit of the UTF-8 bytes, modulo the partition count (values computed independently).
    QTest::addRow("empty key") << "" << 4 << int(2166136261u % 4);
    QTest::addRow("lora-01 of 4") << "lora-01" << 4 << int(0xD7AAF617u % 4);
    QTest::addRow("one partition") << "anything" << 1 << 0;
}

void TestEventHubStandIn::partitionIsStablePerKey()
{
    QFETCH(QString, key);
    QFETCH(int, partitions);
    QFETCH(int, expected);
    QCOMPARE(EventHubStandIn::partitionFor(key, partitions), expected);
    QCOMPARE(EventHubStandIn::partitionFor(key, partitions), EventHubStandIn::partitionFor(key, partitions));
}

void TestEventHubStandIn::keysSpreadOverPartitions()
{
    QSet<int> used;
    for (int i = 0; i < 64; ++i)
        used.insert(EventHubStandIn::partitionFor(QStringLiteral("device-%1").arg(i), 4));
    QCOMPARE(used.size(), 4);
}

void TestEventHubStandIn::keepsOrderPerDeviceAndNumbersPerPartition()
{
    ManualClock clock;
    EventHubStandIn hub(QStringLiteral("Events"), 4, &clock);
    QCOMPARE(hub.name(), QStringLiteral("Events"));
    QCOMPARE(hub.partitionCount(), 4);
    QSignalSpy available(&hub, &EventHubStandIn::eventsAvailable);

    const EventHubStandIn::Event first = hub.send(makeEvent(QStringLiteral("lora-01"), "1"));
    clock.advance(5ms);
    hub.send(makeEvent(QStringLiteral("lora-02"), "a"));
    const EventHubStandIn::Event second = hub.send(makeEvent(QStringLiteral("lora-01"), "2"));
    hub.send(makeEvent(QStringLiteral("lora-01"), "3"));

    const int partition = EventHubStandIn::partitionFor(QStringLiteral("lora-01"), 4);
    QCOMPARE(first.partition, partition);
    QCOMPARE(first.sequenceNumber, 0);
    QCOMPARE(first.enqueuedTime, clock.nowUtc().addMSecs(-5));
    QCOMPARE(second.enqueuedTime, clock.nowUtc());
    QCOMPARE(available.size(), 4);
    QCOMPARE(available.constFirst().constFirst().toInt(), partition);

    QList<QByteArray> bodies;
    qint64 previous = -1;
    for (const EventHubStandIn::Event &e : hub.peek(partition, 100)) {
        if (e.partitionKey != QLatin1String("lora-01"))
            continue;
        QVERIFY(e.sequenceNumber > previous);
        previous = e.sequenceNumber;
        bodies << e.body;
    }
    QCOMPARE(bodies, (QList<QByteArray> {"1", "2", "3"}));
    QCOMPARE(hub.pending(), 4);
    QCOMPARE(hub.received(), quint64(4));
    QCOMPARE(hub.peek(partition, 2).size(), 2);
    QCOMPARE(hub.peek(partition, 2).constFirst().body, QByteArray("1"));
    QCOMPARE(hub.pending(), 4); // peek does not remove
    QCOMPARE(hub.peek(17, 5).size(), 0);
}

void TestEventHubStandIn::checkpointRemovesOnlyDeliveredEvents()
{
    ManualClock clock;
    EventHubStandIn hub(QStringLiteral("Events"), 1, &clock);
    for (int i = 0; i < 5; ++i)
        hub.send(makeEvent(QStringLiteral("d"), QByteArray::number(i)));
    const QList<EventHubStandIn::Event> batch = hub.peek(0, 3);
    QCOMPARE(hub.checkpoint(0, batch.constLast().sequenceNumber), 3);
    QCOMPARE(hub.pending(), 2);
    QCOMPARE(hub.peek(0, 10).constFirst().body, QByteArray("3"));
    QCOMPARE(hub.checkpoint(0, 1), 0); // already gone
    QCOMPARE(hub.checkpointed(), quint64(3));
    QCOMPARE(hub.checkpoint(3, 100), 0); // no such partition
}

void TestEventHubStandIn::oldestEventsExpireBeyondTheBound()
{
    ManualClock clock;
    EventHubStandIn hub(QStringLiteral("Events"), 1, &clock);
    hub.setMaxEventsPerPartition(3);
    for (int i = 0; i < 5; ++i)
        hub.send(makeEvent(QStringLiteral("d"), QByteArray::number(i)));
    QCOMPARE(hub.pending(), 3);
    QCOMPARE(hub.expired(), quint64(2));
    QCOMPARE(hub.peek(0, 1).constFirst().body, QByteArray("2"));
}

void TestEventHubStandIn::clearDropsEverything()
{
    ManualClock clock;
    EventHubStandIn hub(QStringLiteral("Events"), 2, &clock);
    hub.send(makeEvent(QStringLiteral("a"), "x"));
    hub.send(makeEvent(QStringLiteral("b"), "y"));
    hub.clear();
    QCOMPARE(hub.pending(), 0);
    const EventHubStandIn::Event next = hub.send(makeEvent(QStringLiteral("a"), "z"));
    QVERIFY(next.sequenceNumber > 0); // sequence numbers continue
}

QTEST_GUILESS_MAIN(TestEventHubStandIn)
#include "tst_eventhubstandin.moc"
