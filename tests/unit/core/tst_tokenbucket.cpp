#include "services/core/Clock.h"
#include "services/core/TokenBucket.h"

#include <QTest>

using namespace TwinBridge;
using namespace std::chrono_literals;

class TestTokenBucket : public QObject
{
    Q_OBJECT

private slots:
    void startsFullAndEmpties();
    void refillsAtRate_data();
    void refillsAtRate();
    void neverExceedsBurst();
    void unlimitedAlwaysGrants();
    void drainForcesAWait();
    void sustainedRateIsBounded();
};

void TestTokenBucket::startsFullAndEmpties()
{
    ManualClock clock;
    TokenBucket bucket(10, 3, &clock);
    QVERIFY(bucket.tryAcquire());
    QVERIFY(bucket.tryAcquire());
    QVERIFY(bucket.tryAcquire());
    QVERIFY(!bucket.tryAcquire());
    QCOMPARE(bucket.timeUntilAvailable(), 100ms);
}

void TestTokenBucket::refillsAtRate_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("waitMs");
    QTest::addColumn<int>("expectedTokens");
    // IoT Hub S1 registry ops: 100/min/unit = 1.67/s.
    QTest::addRow("registry S1, 600 ms") << 100.0 / 60.0 << 600 << 1;
    QTest::addRow("registry S1, 1100 ms") << 100.0 / 60.0 << 1100 << 1;
    QTest::addRow("registry S1, 1200 ms") << 100.0 / 60.0 << 1200 << 2;
    QTest::addRow("twin updates 50/s, 100 ms") << 50.0 << 100 << 5;
    QTest::addRow("connections 100/s, 1 s") << 100.0 << 1000 << 100;
}

void TestTokenBucket::refillsAtRate()
{
    QFETCH(double, rate);
    QFETCH(int, waitMs);
    QFETCH(int, expectedTokens);
    ManualClock clock;
    TokenBucket bucket(rate, 1000, &clock);
    bucket.drain();
    clock.advance(std::chrono::milliseconds(waitMs));
    int granted = 0;
    while (bucket.tryAcquire())
        ++granted;
    QCOMPARE(granted, expectedTokens);
}

void TestTokenBucket::neverExceedsBurst()
{
    ManualClock clock;
    TokenBucket bucket(100, 5, &clock);
    clock.advance(10s);
    QCOMPARE(bucket.available(), 5.0);
}

void TestTokenBucket::unlimitedAlwaysGrants()
{
    ManualClock clock;
    TokenBucket bucket(0, 1, &clock);
    for (int i = 0; i < 10000; ++i)
        QVERIFY(bucket.tryAcquire());
    QCOMPARE(bucket.timeUntilAvailable(), 0ms);
}

void TestTokenBucket::drainForcesAWait()
{
    ManualClock clock;
    TokenBucket bucket(2, 2, &clock);
    bucket.drain();
    QVERIFY(!bucket.tryAcquire());
    QCOMPARE(bucket.timeUntilAvailable(), 500ms);
    clock.advance(500ms);
    QVERIFY(bucket.tryAcquire());
}

void TestTokenBucket::sustainedRateIsBounded()
{
    // Over 60 simulated seconds with 10 ms polling, grants never exceed burst + rate × time.
    ManualClock clock;
    TokenBucket bucket(12, 12, &clock);
    int granted = 0;
    for (int step = 0; step < 6000; ++step) {
        while (bucket.tryAcquire())
            ++granted;
        clock.advance(10ms);
    }
    QVERIFY2(granted <= 12 + 12 * 60, qPrintable(QString::number(granted)));
    QVERIFY2(granted >= 12 * 60 - 1, qPrintable(QString::number(granted)));
}

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
