#include "services/core/TimeoutWheel.h"

#include <QTest>

#include <map>

using namespace TwinBridge;
using namespace std::chrono_literals;

class TestTimeoutWheel : public QObject
{
    Q_OBJECT

private slots:
    void firesOnTheFirstTickAtOrAfterTheDeadline_data();
    void firesOnTheFirstTickAtOrAfterTheDeadline();
    void deadlinesBeyondOneLap();
    void jumpLongerThanALapFiresEverythingOnce();
    void ownerReschedulesFromTheCallback();
    void pastDeadlineFiresOnTheNextTick();
    void noTimerPendingWhenEmpty();
    void destroyedContextStopsTheWheel();
    void clearForgetsEntries();
};

// Advances in steps of 1 ms, so that a callback sees the exact time it fires at.
static void runUntil(ManualClock &clock, qint64 untilMs)
{
    while (clock.monotonicMs() < untilMs)
        clock.advance(1ms);
}

void TestTimeoutWheel::firesOnTheFirstTickAtOrAfterTheDeadline_data()
{
    QTest::addColumn<int>("resolutionMs");
    QTest::addColumn<qint64>("dueMs");
    QTest::addColumn<qint64>("expectedMs");
    QTest::addRow("on a tick") << 100 << qint64(500) << qint64(500);
    QTest::addRow("between ticks rounds up") << 100 << qint64(501) << qint64(600);
    QTest::addRow("just before a tick") << 100 << qint64(599) << qint64(600);
    QTest::addRow("one-second ticks") << 1000 << qint64(15000) << qint64(15000);
    QTest::addRow("one-second ticks, 1.5 s") << 1000 << qint64(1500) << qint64(2000);
    QTest::addRow("millisecond ticks") << 1 << qint64(37) << qint64(37);
}

void TestTimeoutWheel::firesOnTheFirstTickAtOrAfterTheDeadline()
{
    QFETCH(int, resolutionMs);
    QFETCH(qint64, dueMs);
    QFETCH(qint64, expectedMs);
    ManualClock clock;
    QObject context;
    std::map<quint64, qint64> fired;
    TimeoutWheel wheel(
        &clock, &context, [&](quint64 key) { fired[key] = clock.monotonicMs(); },
        std::chrono::milliseconds(resolutionMs), 64);
    wheel.schedule(7, dueMs);
    QCOMPARE(wheel.size(), 1);
    runUntil(clock, expectedMs - 1);
    QVERIFY(fired.empty());
    runUntil(clock, expectedMs);
    QCOMPARE(fired.size(), size_t(1));
    QCOMPARE(fired.at(7), expectedMs);
    QCOMPARE(wheel.size(), 0);
}

void TestTimeoutWheel::deadlinesBeyondOneLap()
{
    ManualClock clock;
    QObject context;
    std::map<quint64, qint64> fired;
    // 8 slots of 100 ms: one lap is 800 ms.
    TimeoutWheel wheel(
        &clock, &context, [&](quint64 key) { fired[key] = clock.monotonicMs(); }, 100ms, 8);
    wheel.schedule(1, 300);
    wheel.schedule(2, 1100); // same slot as 300, three laps later
    wheel.schedule(3, 2500);
    runUntil(clock, 3000);
    QCOMPARE(fired.size(), size_t(3));
    QCOMPARE(fired.at(1), qint64(300));
    QCOMPARE(fired.at(2), qint64(1100));
    QCOMPARE(fired.at(3), qint64(2500));
}

void TestTimeoutWheel::jumpLongerThanALapFiresEverythingOnce()
{
    ManualClock clock;
    QObject context;
    QList<quint64> fired;
    TimeoutWheel wheel(
        &clock, &context, [&](quint64 key) { fired.append(key); }, 100ms, 8);
    for (quint64 key = 0; key < 50; ++key)
        wheel.schedule(key, qint64(key) * 37);
    wheel.schedule(999, 100000); // far in the future
    clock.advance(10s);
    QCOMPARE(fired.size(), 50);
    std::sort(fired.begin(), fired.end());
    for (quint64 key = 0; key < 50; ++key)
        QCOMPARE(fired.at(qsizetype(key)), key);
    QCOMPARE(wheel.size(), 1);
    clock.advance(100s);
    QCOMPARE(fired.size(), 51);
    QCOMPARE(fired.last(), quint64(999));
}

void TestTimeoutWheel::ownerReschedulesFromTheCallback()
{
    // The keep-alive pattern: traffic only moves the owner's deadline; the wheel entry re-arms itself lazily.
    ManualClock clock;
    QObject context;
    qint64 deadline = 1500;
    QList<qint64> expiredAt;
    TimeoutWheel *wheelPointer = nullptr;
    TimeoutWheel wheel(
        &clock, &context,
        [&](quint64 key) {
            if (clock.monotonicMs() < deadline)
                wheelPointer->schedule(key, deadline);
            else
                expiredAt.append(clock.monotonicMs());
        },
        1000ms);
    wheelPointer = &wheel;
    wheel.schedule(1, deadline);
    clock.advance(1200ms);
    deadline = clock.monotonicMs() + 1500; // traffic at 1.2 s
    clock.advance(1300ms); // 2.5 s: before the new deadline of 2.7 s
    QVERIFY(expiredAt.isEmpty());
    clock.advance(1000ms);
    QCOMPARE(expiredAt, QList<qint64> {3000});
    QCOMPARE(wheel.size(), 0);
}

void TestTimeoutWheel::pastDeadlineFiresOnTheNextTick()
{
    ManualClock clock;
    clock.advance(5s);
    QObject context;
    QList<qint64> firedAt;
    TimeoutWheel wheel(
        &clock, &context, [&](quint64) { firedAt.append(clock.monotonicMs()); }, 100ms);
    wheel.schedule(1, 1000);
    clock.advance(99ms);
    QVERIFY(firedAt.isEmpty());
    clock.advance(1ms);
    QCOMPARE(firedAt, QList<qint64> {5100});
}

void TestTimeoutWheel::noTimerPendingWhenEmpty()
{
    ManualClock clock;
    QObject context;
    int fired = 0;
    TimeoutWheel wheel(
        &clock, &context, [&](quint64) { ++fired; }, 100ms);
    QCOMPARE(clock.pendingCount(), 0);
    wheel.schedule(1, 250);
    wheel.schedule(2, 260);
    // One timer for all entries.
    QCOMPARE(clock.pendingCount(), 1);
    clock.advance(1s);
    QCOMPARE(fired, 2);
    QCOMPARE(clock.pendingCount(), 0);
}

void TestTimeoutWheel::destroyedContextStopsTheWheel()
{
    ManualClock clock;
    auto context = std::make_unique<QObject>();
    int fired = 0;
    TimeoutWheel wheel(
        &clock, context.get(), [&](quint64) { ++fired; }, 100ms);
    wheel.schedule(1, 100);
    context.reset();
    clock.advance(1s);
    QCOMPARE(fired, 0);
}

void TestTimeoutWheel::clearForgetsEntries()
{
    ManualClock clock;
    QObject context;
    int fired = 0;
    TimeoutWheel wheel(
        &clock, &context, [&](quint64) { ++fired; }, 100ms);
    wheel.schedule(1, 100);
    wheel.schedule(2, 5000);
    wheel.clear();
    QCOMPARE(wheel.size(), 0);
    clock.advance(10s);
    QCOMPARE(fired, 0);
    wheel.schedule(3, clock.monotonicMs() + 100);
    clock.advance(100ms);
    QCOMPARE(fired, 1);
}

QTEST_GUILESS_MAIN(TestTimeoutWheel)
#include "tst_timeoutwheel.moc"
