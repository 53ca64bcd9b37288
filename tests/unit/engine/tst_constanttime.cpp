// ConstantTime: the comparison the ingest endpoint uses for its key gives the right answer for equal keys, keys
// that differ anywhere (first, middle, last byte), in length, and for empty input.
#include "services/engine/ConstantTime.h"

#include <QTest>

using namespace TwinBridge;

class TestConstantTime : public QObject
{
    Q_OBJECT

private slots:
    void equals_data()
    {
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<bool>("equal");

        const QByteArray key = "NNSXS.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABC.secret";
        QByteArray first = key;
        first[0] = 'M';
        QByteArray middle = key;
        middle[20] = 'x';
        QByteArray last = key;
        last[last.size() - 1] = 'T';
        QTest::addRow("same") << key << key << true;
        QTest::addRow("first byte") << key << first << false;
        QTest::addRow("middle byte") << key << middle << false;
        QTest::addRow("last byte") << key << last << false;
        QTest::addRow("prefix") << key << key.left(key.size() - 1) << false;
        QTest::addRow("longer") << key << key + 'x' << false;
        QTest::addRow("empty given") << key << QByteArray() << false;
        QTest::addRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::addRow("nul bytes") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
        QTest::addRow("case") << QByteArray("abc") << QByteArray("ABC") << false;
    }

    void equals()
    {
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, given);
        QFETCH(bool, equal);
        QCOMPARE(ConstantTime::equals(expected, given), equal);
        QCOMPARE(ConstantTime::equals(given, expected), equal);
        QCOMPARE(ConstantTime::equalBytes(expected, given), equal);
    }
};

QTEST_GUILESS_MAIN(TestConstantTime)
#include "tst_constanttime.moc"
