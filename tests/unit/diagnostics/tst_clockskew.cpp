// ClockSkew: the HTTP Date parser, the offset and its sentence, and the five-minute tolerance.

#include "services/diagnostics/ClockSkew.h"

#include <QTest>

using namespace TwinBridge;

class TestClockSkew : public QObject
{
    Q_OBJECT

private slots:
    void parsesHttpDates_data();
    void parsesHttpDates();
    void tolerance_data();
    void tolerance();
    void describesDirectionAndAmount_data();
    void describesDirectionAndAmount();
};

void TestClockSkew::parsesHttpDates_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime invalid;
    QTest::addRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT")
                                 << QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    QTest::addRow("surrounding blanks") << QByteArray("  Thu, 26 Nov 2026 15:31:35 GMT ")
                                        << QDateTime(QDate(2026, 11, 26), QTime(15, 31, 35), Qt::UTC);
    QTest::addRow("empty") << QByteArray() << invalid;
    QTest::addRow("RFC 850 form") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << invalid;
    QTest::addRow("asctime form") << QByteArray("Sun Nov  6 08:49:37 1994") << invalid;
    QTest::addRow("numeric zone") << QByteArray("Sun, 06 Nov 1994 08:49:37 +0000") << invalid;
    QTest::addRow("impossible day") << QByteArray("Sun, 32 Nov 1994 08:49:37 GMT") << invalid;
    QTest::addRow("garbage") << QByteArray("yesterday") << invalid;
}

void TestClockSkew::parsesHttpDates()
{
    QFETCH(QByteArray, header);
    QFETCH(QDateTime, expected);
    const std::optional<QDateTime> parsed = ClockSkew::parseHttpDate(header);
    if (!expected.isValid()) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
}

void TestClockSkew::tolerance_data()
{
    QTest::addColumn<int>("localMinusServerSeconds");
    QTest::addColumn<bool>("exceeds");
    QTest::addRow("same") << 0 << false;
    QTest::addRow("4 min ahead") << 240 << false;
    QTest::addRow("exactly 5 min behind") << -300 << false;
    QTest::addRow("5 min 1 s ahead") << 301 << true;
    QTest::addRow("an hour behind") << -3600 << true;
}

void TestClockSkew::tolerance()
{
    QFETCH(int, localMinusServerSeconds);
    QFETCH(bool, exceeds);
    const QDateTime server(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    const QDateTime local = server.addSecs(localMinusServerSeconds);
    const std::chrono::seconds offset = ClockSkew::offset(server, local);
    QCOMPARE(offset.count(), localMinusServerSeconds);
    QCOMPARE(ClockSkew::exceedsTolerance(offset), exceeds);
}

void TestClockSkew::describesDirectionAndAmount_data()
{
    QTest::addColumn<int>("offsetSeconds");
    QTest::addColumn<QString>("expected");
    QTest::addRow("seconds ahead") << 42 << QStringLiteral("42 s ahead of the hub's");
    QTest::addRow("minutes behind") << -7 * 60 - 5 << QStringLiteral("7 min behind the hub's");
    QTest::addRow("hours ahead") << 3 * 3600 << QStringLiteral("3 h ahead of the hub's");
    QTest::addRow("days behind") << -5 * 86400 << QStringLiteral("5 days behind the hub's");
    QTest::addRow("agrees") << 0 << QStringLiteral("agrees with the hub's");
}

void TestClockSkew::describesDirectionAndAmount()
{
    QFETCH(int, offsetSeconds);
    QFETCH(QString, expected);
    const QString sentence = ClockSkew::describe(std::chrono::seconds(offsetSeconds), QStringLiteral("the hub"));
    QVERIFY2(sentence.contains(expected), qPrintable(sentence));
}

QTEST_GUILESS_MAIN(TestClockSkew)
#include "tst_clockskew.moc"
