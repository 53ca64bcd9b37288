#include "models/EngineStatsHistory.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using Counter = EngineMetricsSnapshot::Counter;

namespace {

const QDateTime Start(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);

EngineMetricsSnapshot snapshot(qint64 ms, quint64 received, quint64 forwarded, QList<double> latencies = {},
                               const EngineMetricsSnapshot *previous = nullptr)
{
    EngineMetricsSnapshot s = previous ? *previous : EngineMetricsSnapshot {};
    s.takenAt = Start.addMSecs(ms);
    s.counters[size_t(Counter::UplinksReceived)] = received;
    s.counters[size_t(Counter::UplinksForwarded)] = forwarded;
    for (double latency : latencies)
        s.publishLatency.observe(latency);
    return s;
}

} // namespace

class TestEngineStatsHistory : public QObject
{
    Q_OBJECT

private slots:
    void ratesPerSecond_data();
    void ratesPerSecond();
    void latencyIsOfTheSecondNotCumulative();
    void oldRowsLeaveTheWindow();
    void restartedEngineStartsANewBaseline();
    void modelTester();
};

void TestEngineStatsHistory::ratesPerSecond_data()
{
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<quint64>("forwardedPerStep");
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("rate");
    QTest::addRow("4 Hz, 5 per quarter") << qint64(250) << quint64(5) << 8 << 2 << 20.0;
    QTest::addRow("1 Hz, 7 per second") << qint64(1000) << quint64(7) << 3 << 3 << 7.0;
    QTest::addRow("idle") << qint64(250) << quint64(0) << 4 << 1 << 0.0;
    QTest::addRow("under a second: no row") << qint64(250) << quint64(3) << 3 << 0 << 0.0;
}

void TestEngineStatsHistory::ratesPerSecond()
{
    QFETCH(qint64, intervalMs);
    QFETCH(quint64, forwardedPerStep);
    QFETCH(int, steps);
    QFETCH(int, rows);
    QFETCH(double, rate);
    EngineStatsHistory history;
    history.addSnapshot(snapshot(0, 0, 0)); // the baseline
    for (int i = 1; i <= steps; ++i)
        history.addSnapshot(snapshot(i * intervalMs, i * forwardedPerStep * 2, i * forwardedPerStep));
    QCOMPARE(history.rowCount(), rows);
    for (const EngineStatsHistory::Sample &sample : history.samples()) {
        QCOMPARE(sample.forwardedPerSecond, rate);
        QCOMPARE(sample.receivedPerSecond, rate * 2);
    }
}

void TestEngineStatsHistory::latencyIsOfTheSecondNotCumulative()
{
    EngineStatsHistory history;
    const EngineMetricsSnapshot first = snapshot(0, 0, 0, {});
    history.addSnapshot(first);
    const EngineMetricsSnapshot slow = snapshot(1000, 10, 10, QList<double>(10, 900.0), &first);
    history.addSnapshot(slow);
    const EngineMetricsSnapshot fast = snapshot(2000, 20, 20, QList<double>(10, 3.0), &slow);
    history.addSnapshot(fast);
    const EngineMetricsSnapshot idle = snapshot(3000, 20, 20, {}, &fast);
    history.addSnapshot(idle);
    QCOMPARE(history.rowCount(), 3);
    QVERIFY(*history.samples().at(0).latencyP99Ms > 500);
    QVERIFY(*history.samples().at(1).latencyP99Ms <= 5); // not dragged up by the slow second before
    QVERIFY(!history.samples().at(2).latencyP50Ms.has_value()); // nothing forwarded: no latency
    QVERIFY(!history.data(history.index(2, EngineStatsHistory::LatencyP99Column), EngineStatsHistory::RawValueRole)
                 .isValid());
    QCOMPARE(history.maxLatencyMs(), *history.samples().at(0).latencyP99Ms);
}

void TestEngineStatsHistory::oldRowsLeaveTheWindow()
{
    EngineStatsHistory history;
    history.setWindow(std::chrono::seconds(10));
    QSignalSpy removed(&history, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i <= 30; ++i)
        history.addSnapshot(snapshot(i * 1000, i, i));
    QCOMPARE(history.rowCount(), 11); // the newest and the ten seconds before it
    QCOMPARE(history.samples().constFirst().time, Start.addSecs(20));
    QVERIFY(!removed.isEmpty());
}

void TestEngineStatsHistory::restartedEngineStartsANewBaseline()
{
    EngineStatsHistory history;
    history.addSnapshot(snapshot(0, 100, 100));
    history.addSnapshot(snapshot(1000, 110, 110));
    history.addSnapshot(snapshot(2000, 0, 0)); // a new run: counters back at 0
    history.addSnapshot(snapshot(3000, 4, 4));
    QCOMPARE(history.rowCount(), 2);
    QCOMPARE(history.samples().at(0).forwardedPerSecond, 10.0);
    QCOMPARE(history.samples().at(1).forwardedPerSecond, 4.0); // never negative
    history.clear();
    QCOMPARE(history.rowCount(), 0);
}

void TestEngineStatsHistory::modelTester()
{
    EngineStatsHistory history;
    history.setWindow(std::chrono::seconds(5));
    QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    EngineMetricsSnapshot previous = snapshot(0, 0, 0);
    history.addSnapshot(previous);
    for (int i = 1; i <= 12; ++i) {
        previous = snapshot(i * 500, quint64(i) * 3, quint64(i) * 2, {double(i)}, &previous);
        history.addSnapshot(previous);
    }
    QVERIFY(history.rowCount() > 0);
    QCOMPARE(history.columnCount(), int(EngineStatsHistory::ColumnCount));
    QVERIFY(!history.headerData(EngineStatsHistory::ForwardedColumn, Qt::Horizontal).toString().isEmpty());
    history.clear();
}

QTEST_GUILESS_MAIN(TestEngineStatsHistory)
#include "tst_enginestatshistory.moc"
