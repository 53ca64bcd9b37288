// TwinValueSanitizer: device values made acceptable to IoT Hub's twin rules (TwinRules), with every change
// reported by reason and path.

#include "services/engine/TwinValueSanitizer.h"
#include "services/protocol/TwinRules.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

namespace {

// A QStringList from literals (QT_NO_CAST_FROM_ASCII forbids the implicit conversion).
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

QJsonObject object(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        qFatal("bad JSON in test: %s", json.constData());
    return document.object();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class TestTwinValueSanitizer : public QObject
{
    Q_OBJECT

private slots:
    void sanitize_data();
    void sanitize();
    void sanitizeKey_data();
    void sanitizeKey();
    void depthCountsFromTheGivenLevel();
};

void TestTwinValueSanitizer::sanitize_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("output"); // empty: not usable (nullopt)
    QTest::addColumn<QStringList>("issues");

    QTest::addRow("valid stays as it is")
        << QByteArray(R"({"a":1,"b":"x","c":true,"d":[1,{"e":2}],"f":{"g":1.5}})")
        << R"({"a":1,"b":"x","c":true,"d":[1,{"e":2}],"f":{"g":1.5}})" << QStringList();
    QTest::addRow("null members are left out")
        << QByteArray(R"({"a":null,"b":{"c":null,"d":1}})") << R"({"b":{"d":1}})" << QStringList();
    QTest::addRow("control characters removed")
        << QByteArray("{\"a\\u0001b\":1}") << R"({"ab":1})" << QStringList {QStringLiteral("keyRenamed p.a\u0001b")};
    QTest::addRow("empty key") << QByteArray(R"({"":1,"a":2})") << R"({"a":2})" << strings({"keyDropped p."});
    QTest::addRow("key of only control characters")
        << QByteArray("{\"\\u0002\":1}") << "{}" << QStringList {QStringLiteral("keyDropped p.\u0002")};
    QTest::addRow("key over 1 KB") << QByteArray("{\"" + QByteArray(1025, 'k') + "\":1}") << "{}"
                                   << QStringList {QStringLiteral("keyDropped p.") + QString(1025, QLatin1Char('k'))};
    QTest::addRow("two renamed keys collide")
        << QByteArray(R"({"a.b":1,"a$b":2})") << R"({"a_b":2})" << strings({"keyRenamed p.a$b", "keyDropped p.a.b"});
    QTest::addRow("string of exactly 4 KB")
        << QByteArray(R"({"s":")" + QByteArray(4096, 'x') + "\"}")
        << QStringLiteral(R"({"s":")") + QString(4096, QLatin1Char('x')) + QStringLiteral("\"}") << QStringList();
    QTest::addRow("long string in an array") << QByteArray(R"({"l":["a",")" + QByteArray(4097, 'x') + R"(","b"]})")
                                             << R"({"l":["a","b"]})" << strings({"stringTooLong p.l[1]"});
    QTest::addRow("integer limits")
        << QByteArray(
               R"({"max":4503599627370495,"over":4503599627370496,"min":-4503599627370496,"under":-4503599627370497})")
        << R"({"max":4503599627370495,"min":-4503599627370496,"over":"4503599627370496","under":"-4503599627370497"})"
        << strings({"integerAsString p.over", "integerAsString p.under"});
    QTest::addRow("renamed key's value sanitized too") << QByteArray(R"({"a b":{"c.d":1}})") << R"({"a_b":{"c_d":1}})"
                                                       << strings({"keyRenamed p.a b", "keyRenamed p.a_b.c.d"});
}

void TestTwinValueSanitizer::sanitize()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, output);
    QFETCH(QStringList, issues);

    QList<TwinValueSanitizer::Issue> found;
    const std::optional<QJsonObject> result =
        TwinValueSanitizer::sanitize(object(input), QStringLiteral("p"), 1, &found);
    if (output.isEmpty()) {
        QVERIFY(!result);
    } else {
        QVERIFY(result);
        QCOMPARE(compact(*result), compact(object(output.toUtf8())));
        const Status valid = TwinRules::validatePatch(TwinRules::Section::Reported, {{QStringLiteral("p"), *result}});
        QVERIFY2(valid.ok(), qPrintable(valid.error().message()));
    }
    QStringList actual;
    for (const TwinValueSanitizer::Issue &issue : found)
        actual.append(TwinValueSanitizer::reasonName(issue.reason) + QLatin1Char(' ') + issue.path);
    QCOMPARE(actual, issues);
}

void TestTwinValueSanitizer::sanitizeKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("sanitized");

    QTest::addRow("valid") << "temperature"
                           << "temperature";
    QTest::addRow("dot") << "a.b"
                         << "a_b";
    QTest::addRow("dollar") << "$version"
                            << "_version";
    QTest::addRow("space") << "wind speed"
                           << "wind_speed";
    QTest::addRow("unicode kept") << QStringLiteral("température") << QStringLiteral("température");
    QTest::addRow("C1 control removed") << QStringLiteral("a\u0085b") << "ab";
    QTest::addRow("empty") << ""
                           << "";
    QTest::addRow("1 KB of UTF-8 is fine") << QString(1024, QLatin1Char('k')) << QString(1024, QLatin1Char('k'));
    QTest::addRow("over 1 KB of UTF-8") << QString(513, QChar(0xe9)) << "";
}

void TestTwinValueSanitizer::sanitizeKey()
{
    QFETCH(QString, key);
    QFETCH(QString, sanitized);
    QCOMPARE(TwinValueSanitizer::sanitizeKey(key), sanitized);
}

void TestTwinValueSanitizer::depthCountsFromTheGivenLevel()
{
    const QJsonObject nested = object(R"({"a":{"b":{"c":1}}})");
    QList<TwinValueSanitizer::Issue> issues;
    // At level 8, "a" is level 9 and "b" level 10: allowed.
    QCOMPARE(TwinValueSanitizer::sanitize(nested, QStringLiteral("p"), 8, &issues).value(), nested);
    QVERIFY(issues.isEmpty());
    // At level 9, "b" would be level 11.
    QCOMPARE(compact(TwinValueSanitizer::sanitize(nested, QStringLiteral("p"), 9, &issues).value()),
             QStringLiteral(R"({"a":{}})"));
    QCOMPARE(issues,
             (QList<TwinValueSanitizer::Issue> {{TwinValueSanitizer::Reason::TooDeep, QStringLiteral("p.a.b")}}));
    issues.clear();
    QVERIFY(!TwinValueSanitizer::sanitize(nested, QStringLiteral("p"), 11, &issues));
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().reason, TwinValueSanitizer::Reason::TooDeep);
}

QTEST_GUILESS_MAIN(TestTwinValueSanitizer)
#include "tst_twinvaluesanitizer.moc"
