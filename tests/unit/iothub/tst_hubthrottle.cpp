#include "services/core/Clock.h"
#include "services/core/RateLimiter.h"
#include "services/iothub/HubThrottle.h"

#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace std::chrono_literals;

class TestHubThrottle : public QObject
{
    Q_OBJECT

private slots:
    void limitsTable_data();
    void limitsTable();
    void perSecondAndBurst();
    void parseSku_data();
    void parseSku();
    void validateUnits_data();
    void validateUnits();
    void description_data();
    void description();
    void limitText();
    void limiterDelaysBeyondTheLimit();
    void disablingLiftsEveryLimit();
    void configureUpdatesTheLimiters();
    void rateShareScalesRatesAndPerSecondBursts();
};

void TestHubThrottle::limitsTable_data()
{
    QTest::addColumn<QString>("sku");
    QTest::addColumn<int>("units");
    QTest::addColumn<double>("registryPerMinute");
    QTest::addColumn<double>("twinReadsPerSecond");
    QTest::addColumn<double>("twinUpdatesPerSecond");
    QTest::addColumn<double>("queriesPerMinute");
    QTest::addColumn<double>("newConnectionsPerSecond");
    QTest::addColumn<double>("deviceToCloudPerSecond");

    // Every cell of reference/azure-protocols.md §6, worked out by hand per tier and unit count:
    //   registry 100/min/unit (F, B1, S1, B2, S2) | 5000/min/unit (B3, S3)
    //   connections and D2C max(100/s, 12/s/unit) (F, B1, S1) | 120/s/unit (B2, S2) | 6000/s/unit (B3, S3)
    //   queries 20/min/unit | 1000/min/unit (B3, S3)
    //   twin reads 100/s (F, S1) | max(100/s, 10/s/unit) (S2) | 500/s/unit (S3); none on Basic
    //   twin updates 50/s (F, S1) | max(50/s, 5/s/unit) (S2) | 250/s/unit (S3); none on Basic
    QTest::addRow("F1 x1") << "F1" << 1 << 100.0 << 100.0 << 50.0 << 20.0 << 100.0 << 100.0;
    QTest::addRow("F1 x5 is one unit") << "F1" << 5 << 100.0 << 100.0 << 50.0 << 20.0 << 100.0 << 100.0;
    QTest::addRow("B1 x1") << "B1" << 1 << 100.0 << 0.0 << 0.0 << 20.0 << 100.0 << 100.0;
    QTest::addRow("B1 x10") << "B1" << 10 << 1000.0 << 0.0 << 0.0 << 200.0 << 120.0 << 120.0;
    QTest::addRow("S1 x1") << "S1" << 1 << 100.0 << 100.0 << 50.0 << 20.0 << 100.0 << 100.0;
    QTest::addRow("S1 x2") << "S1" << 2 << 200.0 << 100.0 << 50.0 << 40.0 << 100.0 << 100.0;
    QTest::addRow("S1 x8") << "S1" << 8 << 800.0 << 100.0 << 50.0 << 160.0 << 100.0 << 100.0;
    QTest::addRow("S1 x9") << "S1" << 9 << 900.0 << 100.0 << 50.0 << 180.0 << 108.0 << 108.0;
    QTest::addRow("S1 x200") << "S1" << 200 << 20000.0 << 100.0 << 50.0 << 4000.0 << 2400.0 << 2400.0;
    QTest::addRow("B2 x1") << "B2" << 1 << 100.0 << 0.0 << 0.0 << 20.0 << 120.0 << 120.0;
    QTest::addRow("B2 x3") << "B2" << 3 << 300.0 << 0.0 << 0.0 << 60.0 << 360.0 << 360.0;
    QTest::addRow("S2 x1") << "S2" << 1 << 100.0 << 100.0 << 50.0 << 20.0 << 120.0 << 120.0;
    QTest::addRow("S2 x10") << "S2" << 10 << 1000.0 << 100.0 << 50.0 << 200.0 << 1200.0 << 1200.0;
    QTest::addRow("S2 x20") << "S2" << 20 << 2000.0 << 200.0 << 100.0 << 400.0 << 2400.0 << 2400.0;
    QTest::addRow("S2 x200") << "S2" << 200 << 20000.0 << 2000.0 << 1000.0 << 4000.0 << 24000.0 << 24000.0;
    QTest::addRow("B3 x1") << "B3" << 1 << 5000.0 << 0.0 << 0.0 << 1000.0 << 6000.0 << 6000.0;
    QTest::addRow("B3 x10") << "B3" << 10 << 50000.0 << 0.0 << 0.0 << 10000.0 << 60000.0 << 60000.0;
    QTest::addRow("S3 x1") << "S3" << 1 << 5000.0 << 500.0 << 250.0 << 1000.0 << 6000.0 << 6000.0;
    QTest::addRow("S3 x4") << "S3" << 4 << 20000.0 << 2000.0 << 1000.0 << 4000.0 << 24000.0 << 24000.0;
    QTest::addRow("S3 x11 is ten units") << "S3" << 11 << 50000.0 << 5000.0 << 2500.0 << 10000.0 << 60000.0 << 60000.0;
    QTest::addRow("S1 x0 is one unit") << "S1" << 0 << 100.0 << 100.0 << 50.0 << 20.0 << 100.0 << 100.0;
}

void TestHubThrottle::limitsTable()
{
    QFETCH(QString, sku);
    QFETCH(int, units);
    QFETCH(double, registryPerMinute);
    QFETCH(double, twinReadsPerSecond);
    QFETCH(double, twinUpdatesPerSecond);
    QFETCH(double, queriesPerMinute);
    QFETCH(double, newConnectionsPerSecond);
    QFETCH(double, deviceToCloudPerSecond);
    const auto parsed = HubThrottle::parseSku(sku);
    QVERIFY(parsed);
    const HubThrottle::Limits limits = HubThrottle::limitsFor(*parsed, units);
    QCOMPARE(limits.registryPerMinute, registryPerMinute);
    QCOMPARE(limits.twinReadsPerSecond, twinReadsPerSecond);
    QCOMPARE(limits.twinUpdatesPerSecond, twinUpdatesPerSecond);
    QCOMPARE(limits.queriesPerMinute, queriesPerMinute);
    QCOMPARE(limits.newConnectionsPerSecond, newConnectionsPerSecond);
    QCOMPARE(limits.deviceToCloudPerSecond, deviceToCloudPerSecond);
    QCOMPARE(HubThrottle::hasTwins(*parsed), twinReadsPerSecond > 0);
}

void TestHubThrottle::perSecondAndBurst()
{
    const HubThrottle::Limits limits = HubThrottle::limitsFor(HubSku::S1, 1);
    using Op = HubThrottle::Operation;
    // §6: "1.67/s/unit (100/min/unit)".
    QVERIFY(qAbs(limits.perSecond(Op::Registry) - 1.6667) < 0.001);
    QVERIFY(qAbs(limits.perSecond(Op::Query) - 20.0 / 60.0) < 1e-9);
    QCOMPARE(limits.perSecond(Op::TwinUpdate), 50.0);
    // A minute's worth for per-minute limits (a 100-device bulk request fits), a second's worth otherwise.
    QCOMPARE(limits.burst(Op::Registry), 100.0);
    QCOMPARE(limits.burst(Op::Query), 20.0);
    QCOMPARE(limits.burst(Op::TwinRead), 100.0);
    QCOMPARE(HubThrottle::limitsFor(HubSku::B1, 1).burst(Op::TwinRead), 1.0);
}

void TestHubThrottle::parseSku_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty = invalid
    QTest::addRow("S1") << "S1"
                        << "S1";
    QTest::addRow("lower case") << "s2"
                                << "S2";
    QTest::addRow("spaces") << " B3 "
                            << "B3";
    QTest::addRow("ARM style") << "Standard_S3"
                               << "S3";
    QTest::addRow("Basic prefix") << "basic_b1"
                                  << "B1";
    QTest::addRow("Free") << "Free"
                          << "F1";
    QTest::addRow("F1") << "F1"
                        << "F1";
    QTest::addRow("S4") << "S4"
                        << "";
    QTest::addRow("empty") << ""
                           << "";
    QTest::addRow("garbage") << "premium"
                             << "";
}

void TestHubThrottle::parseSku()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto sku = HubThrottle::parseSku(text);
    QCOMPARE(bool(sku), !expected.isEmpty());
    if (sku)
        QCOMPARE(HubThrottle::skuName(*sku), expected);
}

void TestHubThrottle::validateUnits_data()
{
    QTest::addColumn<QString>("sku");
    QTest::addColumn<int>("units");
    QTest::addColumn<bool>("valid");
    QTest::addRow("F1 1") << "F1" << 1 << true;
    QTest::addRow("F1 2") << "F1" << 2 << false;
    QTest::addRow("S1 200") << "S1" << 200 << true;
    QTest::addRow("S1 201") << "S1" << 201 << false;
    QTest::addRow("S3 10") << "S3" << 10 << true;
    QTest::addRow("B3 11") << "B3" << 11 << false;
    QTest::addRow("S2 0") << "S2" << 0 << false;
}

void TestHubThrottle::validateUnits()
{
    QFETCH(QString, sku);
    QFETCH(int, units);
    QFETCH(bool, valid);
    const Status status = HubThrottle::validateUnits(*HubThrottle::parseSku(sku), units);
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QCOMPARE(status.error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY(status.error().message().contains(sku));
    }
}

void TestHubThrottle::description_data()
{
    QTest::addColumn<QString>("sku");
    QTest::addColumn<int>("units");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("expected");
    QTest::addRow("S1 x2") << "S1" << 2 << true
                           << QStringLiteral("S1 × 2: registry 200/min, twin reads 100/s, twin updates 50/s, "
                                             "queries 40/min, new connections 100/s, D2C 100/s");
    QTest::addRow("B1 x1") << "B1" << 1 << true
                           << QStringLiteral("B1 × 1: registry 100/min, no twins on Basic tiers, queries 20/min, "
                                             "new connections 100/s, D2C 100/s");
    QTest::addRow("S3 x1 off") << "S3" << 1 << false
                               << QStringLiteral("S3 × 1: registry 5000/min, twin reads 500/s, twin updates 250/s, "
                                                 "queries 1000/min, new connections 6000/s, D2C 6000/s (limits off)");
}

void TestHubThrottle::description()
{
    QFETCH(QString, sku);
    QFETCH(int, units);
    QFETCH(bool, enabled);
    QFETCH(QString, expected);
    HubThrottle throttle(*HubThrottle::parseSku(sku), units);
    throttle.setEnabled(enabled);
    QCOMPARE(throttle.description(), expected);
}

void TestHubThrottle::limitText()
{
    HubThrottle throttle(HubSku::S1, 3);
    QCOMPARE(throttle.limitText(HubThrottle::Operation::Registry),
             QStringLiteral("300 registry operations per minute"));
    QCOMPARE(throttle.limitText(HubThrottle::Operation::TwinUpdate), QStringLiteral("50 twin updates per second"));
    QCOMPARE(throttle.configurationName(), QStringLiteral("S1 × 3"));
    HubThrottle basic(HubSku::B2, 1);
    QVERIFY(basic.limitText(HubThrottle::Operation::TwinRead).contains(QStringLiteral("not available")));
}

void TestHubThrottle::limiterDelaysBeyondTheLimit()
{
    ManualClock clock;
    HubThrottle throttle(HubSku::F1, 1, &clock);
    RateLimiter *registry = throttle.limiter(HubThrottle::Operation::Registry);
    QObject context;
    bool bulkGranted = false;
    bool nextGranted = false;
    registry->acquire(
        &context, [&] { bulkGranted = true; }, 100); // a full 100-device bulk request
    registry->acquire(&context, [&] { nextGranted = true; });
    QTRY_VERIFY(bulkGranted);
    QCoreApplication::processEvents();
    QVERIFY(!nextGranted);
    clock.advance(599ms); // 100/min = one token every 600 ms
    QCoreApplication::processEvents();
    QVERIFY(!nextGranted);
    clock.advance(1ms);
    QTRY_VERIFY(nextGranted);
}

void TestHubThrottle::disablingLiftsEveryLimit()
{
    ManualClock clock;
    HubThrottle throttle(HubSku::S1, 1, &clock);
    QSignalSpy changed(&throttle, &HubThrottle::configurationChanged);
    throttle.setEnabled(false);
    QCOMPARE(changed.size(), 1);
    QVERIFY(!throttle.isEnabled());
    QObject context;
    int granted = 0;
    for (int i = 0; i < 500; ++i)
        throttle.limiter(HubThrottle::Operation::Query)->acquire(&context, [&] { ++granted; });
    QTRY_COMPARE(granted, 500);
    throttle.setEnabled(true);
    QCOMPARE(throttle.limiter(HubThrottle::Operation::Query)->bucket().ratePerSecond(), 20.0 / 60.0);
}

void TestHubThrottle::configureUpdatesTheLimiters()
{
    HubThrottle throttle(HubSku::S1, 1);
    QSignalSpy changed(&throttle, &HubThrottle::configurationChanged);
    throttle.configure(HubSku::S1, 1);
    QCOMPARE(changed.size(), 0);
    throttle.configure(HubSku::S3, 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(throttle.sku(), HubSku::S3);
    QCOMPARE(throttle.units(), 2);
    QCOMPARE(throttle.limiter(HubThrottle::Operation::Registry)->bucket().ratePerSecond(), 10000.0 / 60.0);
    QCOMPARE(throttle.limiter(HubThrottle::Operation::Registry)->bucket().burst(), 10000.0);
    QCOMPARE(throttle.limiter(HubThrottle::Operation::TwinUpdate)->bucket().ratePerSecond(), 500.0);
}

void TestHubThrottle::rateShareScalesRatesAndPerSecondBursts()
{
    ManualClock clock;
    HubThrottle throttle(HubSku::S1, 1, &clock);
    throttle.setRateShare(0.9);
    QCOMPARE(throttle.rateShare(), 0.9);
    const RateLimiter *twin = throttle.limiter(HubThrottle::Operation::TwinUpdate);
    QCOMPARE(twin->bucket().ratePerSecond(), 45.0);
    QCOMPARE(twin->bucket().burst(), 45.0);
    QCOMPARE(throttle.limiter(HubThrottle::Operation::Registry)->bucket().ratePerSecond(), 90.0 / 60.0);
    QCOMPARE(throttle.limiter(HubThrottle::Operation::Registry)->bucket().burst(), 100.0); // a whole bulk request
    QCOMPARE(throttle.limits(), HubThrottle::limitsFor(HubSku::S1, 1)); // the documented figures are unchanged
    // It survives a new configuration and turning the limits off and on.
    throttle.configure(HubSku::S3, 1);
    QCOMPARE(twin->bucket().ratePerSecond(), 225.0);
    throttle.setEnabled(false);
    QVERIFY(twin->bucket().isUnlimited());
    throttle.setEnabled(true);
    QCOMPARE(twin->bucket().ratePerSecond(), 225.0);
    throttle.setRateShare(7); // clamped: never above the hub's figures
    QCOMPARE(twin->bucket().ratePerSecond(), 250.0);
}

QTEST_GUILESS_MAIN(TestHubThrottle)
#include "tst_hubthrottle.moc"
