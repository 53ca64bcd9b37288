#include "services/core/Clock.h"
#include "services/core/RateLimiter.h"

#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace std::chrono_literals;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void grantsInOrderAtTheRate();
    void pauseHoldsGrants();
    void cancelRemovesWaiter();
    void deadContextIsSkipped();
    void tryAcquireTakesOnlyWhatIsFreeNow();
};

void TestRateLimiter::grantsInOrderAtTheRate()
{
    ManualClock clock;
    RateLimiter limiter(2, 1, &clock); // 2 per second, no burst beyond one
    QList<int> order;
    QObject context;
    for (int i = 0; i < 5; ++i)
        limiter.acquire(&context, [&order, i] { order.append(i); });
    QCoreApplication::processEvents();
    QCOMPARE(order, QList<int>({0}));
    QCOMPARE(limiter.queued(), 4);

    clock.advance(500ms);
    QCoreApplication::processEvents();
    QCOMPARE(order, QList<int>({0, 1}));

    clock.advance(1500ms);
    QCoreApplication::processEvents();
    QCOMPARE(order, QList<int>({0, 1, 2, 3, 4}));
    QCOMPARE(limiter.queued(), 0);
    QCOMPARE(limiter.granted(), quint64(5));
}

void TestRateLimiter::pauseHoldsGrants()
{
    ManualClock clock;
    RateLimiter limiter(100, 10, &clock);
    limiter.pauseFor(5s);
    int granted = 0;
    QObject context;
    limiter.acquire(&context, [&granted] { ++granted; });
    QCoreApplication::processEvents();
    QCOMPARE(granted, 0);
    clock.advance(4999ms);
    QCoreApplication::processEvents();
    QCOMPARE(granted, 0);
    clock.advance(20ms);
    QCoreApplication::processEvents();
    QCOMPARE(granted, 1);
}

void TestRateLimiter::cancelRemovesWaiter()
{
    ManualClock clock;
    RateLimiter limiter(1, 1, &clock);
    QObject context;
    int granted = 0;
    limiter.acquire(&context, [&granted] { ++granted; });
    const auto ticket = limiter.acquire(&context, [&granted] { granted += 100; });
    limiter.cancel(ticket);
    clock.advance(5s);
    QCoreApplication::processEvents();
    QCOMPARE(granted, 1);
}

void TestRateLimiter::deadContextIsSkipped()
{
    ManualClock clock;
    RateLimiter limiter(1, 1, &clock);
    QObject keep;
    int granted = 0;
    limiter.acquire(&keep, [&granted] { ++granted; });
    {
        QObject gone;
        limiter.acquire(&gone, [&granted] { granted += 100; });
    }
    limiter.acquire(&keep, [&granted] { granted += 10; });
    clock.advance(1s);
    QCoreApplication::processEvents();
    QCOMPARE(granted, 11);
}

// tryAcquire() takes a token at once only if nobody waits, no pause is on and the bucket has one; it
// never jumps the FIFO queue and counts as a grant.
void TestRateLimiter::tryAcquireTakesOnlyWhatIsFreeNow()
{
    ManualClock clock;
    RateLimiter limiter(2, 2, &clock);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(limiter.tryAcquire());
    QVERIFY(!limiter.tryAcquire()); // the bucket is empty
    QCOMPARE(limiter.granted(), quint64(2));

    QObject context;
    int ready = 0;
    limiter.acquire(&context, [&ready] { ++ready; });
    clock.advance(std::chrono::milliseconds(500)); // one token: it belongs to the waiter
    QVERIFY(!limiter.tryAcquire());
    QTRY_COMPARE(ready, 1);

    clock.advance(std::chrono::milliseconds(500));
    limiter.pauseFor(std::chrono::seconds(1)); // drains the bucket and holds grants
    clock.advance(std::chrono::milliseconds(999));
    QVERIFY(!limiter.tryAcquire());
    clock.advance(std::chrono::milliseconds(1));
    QVERIFY(limiter.tryAcquire());
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
