#include "models/DesiredDownlink.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

// The LoRaWAN desired-property helpers of the twin editor: hex and FPort validation, the rawDownlink object
// and how the forms write into the desired JSON.
class TestTwinDesiredDownlink : public QObject
{
    Q_OBJECT

private slots:
    void hex_data();
    void hex();
    void fPort_data();
    void fPort();
    void rawDownlinkJson();
    void roundTripThroughDesired();
    void binaryOnlyWritesNullDecodedPayload();
};

void TestTwinDesiredDownlink::hex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("words");

    QTest::addRow("upper") << QStringLiteral("BEEF") << QStringLiteral("BEEF") << QString();
    QTest::addRow("lower with spaces") << QStringLiteral("be ef 01") << QStringLiteral("BEEF01") << QString();
    QTest::addRow("odd") << QStringLiteral("ABC") << QString() << QStringLiteral("3 hex digits");
    QTest::addRow("not hex") << QStringLiteral("AG") << QString() << QStringLiteral("“G” at position 2");
    QTest::addRow("0x prefix refused") << QStringLiteral("0xBE") << QString() << QStringLiteral("“x” at position 2");
    QTest::addRow("empty") << QStringLiteral("  ") << QString() << QStringLiteral("empty");
}

void TestTwinDesiredDownlink::hex()
{
    QFETCH(QString, text);
    QFETCH(QString, normalized);
    QFETCH(QString, words);
    const Result<QString> result = DesiredDownlink::normalizedHex(text);
    if (words.isEmpty()) {
        QVERIFY(result.ok());
        QCOMPARE(result.value(), normalized);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(result.error().message().contains(words), qPrintable(result.error().message()));
}

void TestTwinDesiredDownlink::fPort_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("ok");
    QTest::addRow("0 is MAC") << 0 << false;
    QTest::addRow("1") << 1 << true;
    QTest::addRow("223") << 223 << true;
    QTest::addRow("224 reserved") << 224 << false;
    QTest::addRow("negative") << -1 << false;
}

void TestTwinDesiredDownlink::fPort()
{
    QFETCH(int, port);
    QFETCH(bool, ok);
    const Status status = DesiredDownlink::validateFPort(port);
    QCOMPARE(status.ok(), ok);
    if (!ok)
        QVERIFY(status.error().message().contains(QStringLiteral("from 1 to 223")));
}

void TestTwinDesiredDownlink::rawDownlinkJson()
{
    DesiredDownlink::Raw raw;
    raw.fPort = 42;
    raw.framePayload = QStringLiteral("be ef");
    raw.confirmed = true;
    raw.replace = true;
    const Result<QJsonObject> json = DesiredDownlink::rawDownlinkJson(raw);
    QVERIFY(json.ok());
    QCOMPARE(json.value(),
             QJsonDocument::fromJson(R"({"fPort":42,"framePayload":"BEEF","confirmed":true,)"
                                     R"("operation":"replace"})")
                 .object());
    raw.fPort = 0;
    QCOMPARE(DesiredDownlink::rawDownlinkJson(raw).error().kind(), ServiceError::Kind::InvalidInput);
    raw.fPort = 2;
    raw.framePayload = QStringLiteral("ZZ");
    QVERIFY(DesiredDownlink::rawDownlinkJson(raw).error().message().contains(QStringLiteral("hexadecimal")));
}

void TestTwinDesiredDownlink::roundTripThroughDesired()
{
    DesiredDownlink::Raw raw {17, QStringLiteral("0102"), false, false};
    const QJsonObject desired = DesiredDownlink::withRawDownlink(QJsonObject {{QStringLiteral("other"), 1}},
                                                                 DesiredDownlink::rawDownlinkJson(raw).value(), false);
    QCOMPARE(desired.value(QLatin1String("other")).toInt(), 1);
    QCOMPARE(desired.value(QLatin1String("rawDownlink")).toObject().value(QLatin1String("operation")).toString(),
             QStringLiteral("push"));
    QCOMPARE(DesiredDownlink::rawFromDesired(desired), std::optional<DesiredDownlink::Raw>(raw));
    QVERIFY(!DesiredDownlink::rawFromDesired(QJsonObject()).has_value());
    const QJsonObject decoded =
        DesiredDownlink::withDecodedPayload(desired, {{QStringLiteral("color"), QStringLiteral("red")}});
    QCOMPARE(decoded.value(QLatin1String("decodedPayload")).toObject().value(QLatin1String("color")).toString(),
             QStringLiteral("red"));
}

void TestTwinDesiredDownlink::binaryOnlyWritesNullDecodedPayload()
{
    const QJsonObject raw = DesiredDownlink::rawDownlinkJson({5, QStringLiteral("AA"), true, false}).value();
    const QJsonObject binary = DesiredDownlink::withRawDownlink(
        QJsonObject {{QStringLiteral("decodedPayload"), QJsonObject {{QStringLiteral("a"), 1}}}}, raw, true);
    QVERIFY(binary.contains(QLatin1String("decodedPayload")));
    QVERIFY(binary.value(QLatin1String("decodedPayload")).isNull());
    const QJsonObject notBinary = DesiredDownlink::withRawDownlink(binary, raw, false);
    QVERIFY(!notBinary.contains(QLatin1String("decodedPayload")));
}

QTEST_GUILESS_MAIN(TestTwinDesiredDownlink)
#include "tst_twindesireddownlink.moc"
