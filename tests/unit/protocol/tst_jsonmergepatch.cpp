#include "services/protocol/JsonMergePatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

namespace {

// Any JSON value from text (QJsonDocument only takes objects and arrays at the top).
QJsonValue json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[") + text + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON %s: %s", text, qPrintable(error.errorString()));
    return document.array().at(0);
}

QByteArray text(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
}

} // namespace

class TestJsonMergePatch : public QObject
{
    Q_OBJECT

private slots:
    void apply_data();
    void apply();
    void diff_data();
    void diff();
    void objectOverloads();
};

void TestJsonMergePatch::apply_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("result");

    // RFC 7386 Appendix A, every row.
    QTest::addRow("A1 replace member") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"a":"c"})")
                                       << QByteArray(R"({"a":"c"})");
    QTest::addRow("A2 add member") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"b":"c"})")
                                   << QByteArray(R"({"a":"b","b":"c"})");
    QTest::addRow("A3 delete member") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"a":null})") << QByteArray("{}");
    QTest::addRow("A4 delete one of two")
        << QByteArray(R"({"a":"b","b":"c"})") << QByteArray(R"({"a":null})") << QByteArray(R"({"b":"c"})");
    QTest::addRow("A5 array replaced by string")
        << QByteArray(R"({"a":["b"]})") << QByteArray(R"({"a":"c"})") << QByteArray(R"({"a":"c"})");
    QTest::addRow("A6 string replaced by array")
        << QByteArray(R"({"a":"c"})") << QByteArray(R"({"a":["b"]})") << QByteArray(R"({"a":["b"]})");
    QTest::addRow("A7 nested merge and delete")
        << QByteArray(R"({"a":{"b":"c"}})") << QByteArray(R"({"a":{"b":"d","c":null}})")
        << QByteArray(R"({"a":{"b":"d"}})");
    QTest::addRow("A8 arrays are replaced")
        << QByteArray(R"({"a":[{"b":"c"}]})") << QByteArray(R"({"a":[1]})") << QByteArray(R"({"a":[1]})");
    QTest::addRow("A9 array by array") << QByteArray(R"(["a","b"])") << QByteArray(R"(["c","d"])")
                                       << QByteArray(R"(["c","d"])");
    QTest::addRow("A10 object by array") << QByteArray(R"({"a":"b"})") << QByteArray(R"(["c"])")
                                         << QByteArray(R"(["c"])");
    QTest::addRow("A11 object by null") << QByteArray(R"({"a":"foo"})") << QByteArray("null") << QByteArray("null");
    QTest::addRow("A12 object by string")
        << QByteArray(R"({"a":"foo"})") << QByteArray(R"("bar")") << QByteArray(R"("bar")");
    QTest::addRow("A13 target null kept")
        << QByteArray(R"({"e":null})") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1,"e":null})");
    QTest::addRow("A14 array target becomes object")
        << QByteArray("[1,2]") << QByteArray(R"({"a":"b","c":null})") << QByteArray(R"({"a":"b"})");
    QTest::addRow("A15 nulls inside a new object")
        << QByteArray("{}") << QByteArray(R"({"a":{"bb":{"ccc":null}}})") << QByteArray(R"({"a":{"bb":{}}})");
    // RFC 7386 §3 example.
    QTest::addRow("RFC 7386 section 3")
        << QByteArray(
               R"({"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"})")
        << QByteArray(
               R"({"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]})")
        << QByteArray(
               R"({"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"})");
    // Twin examples (reference/azure-protocols.md §1.8): desired notification body with $version.
    QTest::addRow("desired notification") << QByteArray(R"({"telemetrySendFrequency":"1m","route":"a","$version":7})")
                                          << QByteArray(R"({"telemetrySendFrequency":"5m","route":null,"$version":8})")
                                          << QByteArray(R"({"telemetrySendFrequency":"5m","$version":8})");
    QTest::addRow("empty patch changes nothing")
        << QByteArray(R"({"a":{"b":1}})") << QByteArray("{}") << QByteArray(R"({"a":{"b":1}})");
    QTest::addRow("delete missing member")
        << QByteArray(R"({"a":1})") << QByteArray(R"({"x":null})") << QByteArray(R"({"a":1})");
}

void TestJsonMergePatch::apply()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, result);
    const QJsonValue applied = JsonMergePatch::apply(json(target.constData()), json(patch.constData()));
    QCOMPARE(text(applied), text(json(result.constData())));
}

void TestJsonMergePatch::diff_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QByteArray>("patch");

    QTest::addRow("no change") << QByteArray(R"({"a":1,"b":{"c":[1,2]}})") << QByteArray(R"({"a":1,"b":{"c":[1,2]}})")
                               << QByteArray("{}");
    QTest::addRow("changed member") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1,"b":3})")
                                    << QByteArray(R"({"b":3})");
    QTest::addRow("removed member is null")
        << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1})") << QByteArray(R"({"b":null})");
    QTest::addRow("added member") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1,"n":{"x":true}})")
                                  << QByteArray(R"({"n":{"x":true}})");
    QTest::addRow("nested minimal") << QByteArray(R"({"o":{"keep":1,"drop":2,"chg":"a"}})")
                                    << QByteArray(R"({"o":{"keep":1,"chg":"b","add":[]}})")
                                    << QByteArray(R"({"o":{"add":[],"chg":"b","drop":null}})");
    QTest::addRow("array changed is replaced")
        << QByteArray(R"({"a":[1,2,3]})") << QByteArray(R"({"a":[1,2]})") << QByteArray(R"({"a":[1,2]})");
    QTest::addRow("object becomes scalar")
        << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"({"a":5})") << QByteArray(R"({"a":5})");
    QTest::addRow("scalar becomes object")
        << QByteArray(R"({"a":5})") << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"({"a":{"b":1}})");
    // The engine's decodedPayload: exactly the latest payload, no stale keys survive the merge.
    QTest::addRow("decoded payload replaced")
        << QByteArray(R"({"decodedPayload":{"temperature":21.5,"battery":3.1},"lastSeenAt":"2024-01-01T00:00:00Z"})")
        << QByteArray(R"({"decodedPayload":{"temperature":22},"lastSeenAt":"2024-01-01T00:10:00Z"})")
        << QByteArray(R"({"decodedPayload":{"battery":null,"temperature":22},"lastSeenAt":"2024-01-01T00:10:00Z"})");
    QTest::addRow("int and double equal") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1.0})") << QByteArray("{}");
    QTest::addRow("null member in to means removal")
        << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1,"b":null})") << QByteArray(R"({"b":null})");
    QTest::addRow("top-level non-object") << QByteArray(R"({"a":1})") << QByteArray("[1]") << QByteArray("[1]");
}

void TestJsonMergePatch::diff()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QByteArray, patch);
    const QJsonValue fromValue = json(from.constData());
    const QJsonValue toValue = json(to.constData());
    const QJsonValue computed = JsonMergePatch::diff(fromValue, toValue);
    QCOMPARE(text(computed), text(json(patch.constData())));
    // Applying the diff yields `to` (without its null members, which a merge patch cannot create).
    QCOMPARE(text(JsonMergePatch::apply(fromValue, computed)), text(JsonMergePatch::withoutNulls(toValue)));
}

void TestJsonMergePatch::objectOverloads()
{
    const QJsonObject from {{QStringLiteral("a"), 1}, {QStringLiteral("b"), QJsonObject {{QStringLiteral("c"), 2}}}};
    const QJsonObject to {{QStringLiteral("b"), QJsonObject {{QStringLiteral("c"), 3}}}};
    const QJsonObject patch = JsonMergePatch::diff(from, to);
    QCOMPARE(patch,
             (QJsonObject {{QStringLiteral("a"), QJsonValue::Null},
                           {QStringLiteral("b"), QJsonObject {{QStringLiteral("c"), 3}}}}));
    QCOMPARE(JsonMergePatch::apply(from, patch), to);
    QCOMPARE(JsonMergePatch::withoutNulls(QJsonValue(5)), QJsonValue(5));
}

QTEST_GUILESS_MAIN(TestJsonMergePatch)
#include "tst_jsonmergepatch.moc"
