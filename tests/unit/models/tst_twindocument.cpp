#include "models/TwinDocument.h"
#include "services/protocol/JsonMergePatch.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

// The twin editor's document: parse with line/column problems, twin rules located at their key, and the exact
// merge patch an edit becomes.
class TestTwinDocument : public QObject
{
    Q_OBJECT

private slots:
    void parseProblems_data();
    void parseProblems();
    void locate_data();
    void locate();
    void patch_data();
    void patch();
    void rebase_data();
    void rebase();
    void patchAppliedGivesTheEdit();
};

void TestTwinDocument::parseProblems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("section");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("words");

    const int tags = int(TwinRules::Section::Tags);
    const int desired = int(TwinRules::Section::Desired);
    QTest::addRow("valid") << QStringLiteral("{\n  \"a\": 1\n}") << desired << true << 0 << 0 << QString() << QString();
    QTest::addRow("blank is empty") << QStringLiteral("  \n ") << desired << true << 0 << 0 << QString() << QString();
    QTest::addRow("missing comma") << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << desired << false << 3 << 4
                                   << QString() << QStringLiteral("not valid JSON");
    QTest::addRow("unterminated") << QStringLiteral("{\n  \"a\": {\n    \"b\": true\n") << tags << false << 4 << 1
                                  << QString() << QStringLiteral("not valid JSON");
    QTest::addRow("array at top") << QStringLiteral("\n  [1, 2]") << tags << false << 2 << 3 << QString()
                                  << QStringLiteral("one JSON object");
    QTest::addRow("dollar key") << QStringLiteral("{\n  \"ok\": 1,\n  \"nested\": {\n      \"$bad\": 2\n  }\n}")
                                << desired << false << 4 << 7 << QStringLiteral("nested.$bad") << QStringLiteral("$");
    QTest::addRow("space in key") << QStringLiteral("{\"x\": {\"y\": [1, {\"a b\": 1}]}}") << tags << false << 1 << 18
                                  << QStringLiteral("x.y[1].a b") << QStringLiteral("a b");
    QTest::addRow("dot in key after unicode") << QStringLiteral("{\n\"\u00e9t\u00e9\": 1, \"a.b\": 2}") << tags << false
                                              << 2 << 11 << QStringLiteral("a.b") << QStringLiteral("a.b");
    QTest::addRow("escaped key matched") << QStringLiteral("{\"q\\\"x\": {\"\\u0041\": {\"c d\": 1}}}") << tags << false
                                         << 1 << 22 << QStringLiteral("q\"x.A.c d") << QStringLiteral("c d");
    QTest::addRow("array element too big")
        << QStringLiteral("{\n \"list\": [\n  \"ok\",\n  \"%1\"\n ]\n}").arg(QString(5000, QLatin1Char('x'))) << desired
        << false << 4 << 3 << QStringLiteral("list[1]") << QStringLiteral("4096");
    QString deep = QStringLiteral("{");
    for (int i = 0; i < 11; ++i)
        deep += QStringLiteral("\"l%1\": {").arg(i);
    deep += QString(12, QLatin1Char('}'));
    QTest::addRow("too deep") << deep << desired << false << 1 << 72
                              << QStringLiteral("l0.l1.l2.l3.l4.l5.l6.l7.l8.l9.l10") << QStringLiteral("10");
    QTest::addRow("whole tags too large")
        << QStringLiteral("\n{\"a\": \"%1\", \"b\": \"%1\", \"c\": \"%1\"}").arg(QString(4000, QLatin1Char('y')))
        << tags << false << 2 << 1 << QString() << QStringLiteral("8192");
    QTest::addRow("integer out of range") << QStringLiteral("{\"n\":\n 9007199254740993}") << desired << false << 1 << 2
                                          << QStringLiteral("n") << QStringLiteral("4503599627370495");
}

void TestTwinDocument::parseProblems()
{
    QFETCH(QString, text);
    QFETCH(int, section);
    QFETCH(bool, ok);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, path);
    QFETCH(QString, words);

    const TwinDocument::Parsed parsed = TwinDocument::parse(text, TwinRules::Section(section));
    QCOMPARE(parsed.ok(), ok);
    if (ok)
        return;
    QCOMPARE(parsed.problem->line, line);
    QCOMPARE(parsed.problem->column, column);
    QCOMPARE(parsed.problem->path, path);
    QVERIFY2(parsed.problem->message.startsWith(QStringLiteral("Line %1, column %2: ").arg(line).arg(column)),
             qPrintable(parsed.problem->message));
    QVERIFY2(parsed.problem->message.contains(words), qPrintable(parsed.problem->message));
}

void TestTwinDocument::locate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("index");

    const QString text = QStringLiteral("{\"a\": {\"b\": [10, {\"c\": 1}], \"ab\": 2}, \"b\": \"x\"}");
    QTest::addRow("document") << text << QString() << 0;
    QTest::addRow("top key") << text << QStringLiteral("a") << 1;
    QTest::addRow("nested") << text << QStringLiteral("a.b") << 7;
    QTest::addRow("array element") << text << QStringLiteral("a.b[1]") << 17;
    QTest::addRow("in array object") << text << QStringLiteral("a.b[1].c") << 18;
    QTest::addRow("prefix key not confused") << text << QStringLiteral("a.ab") << 28;
    QTest::addRow("second top key, not nested b") << text << QStringLiteral("b") << 38;
    QTest::addRow("absent") << text << QStringLiteral("a.zz") << -1;
    QTest::addRow("string with brackets")
        << QStringLiteral("{\"s\": \"{[,]}\", \"t\": 1}") << QStringLiteral("t") << 15;
}

void TestTwinDocument::locate()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    QFETCH(int, index);
    QCOMPARE(TwinDocument::locate(text, path), qsizetype(index));
}

void TestTwinDocument::patch_data()
{
    QTest::addColumn<QJsonObject>("baseTags");
    QTest::addColumn<QJsonObject>("baseDesired");
    QTest::addColumn<QJsonObject>("tags");
    QTest::addColumn<QJsonObject>("desired");
    QTest::addColumn<QJsonObject>("expected");

    QTest::addRow("nothing changed") << json(R"({"a":1})") << json(R"({"x":{"y":1},"$version":4})")
                                     << json(R"({"a":1})") << json(R"({"x":{"y":1}})") << QJsonObject();
    QTest::addRow("desired key changed, metadata ignored")
        << json(R"({"a":1})") << json(R"({"x":{"y":1,"z":2},"$version":4,"$metadata":{"x":{}}})") << json(R"({"a":1})")
        << json(R"({"x":{"y":1,"z":3}})") << json(R"({"properties":{"desired":{"x":{"z":3}}}})");
    QTest::addRow("removed keys are null")
        << json(R"({"a":1,"b":{"c":1,"d":2}})") << json(R"({})") << json(R"({"b":{"c":1}})") << json(R"({})")
        << json(R"({"tags":{"a":null,"b":{"d":null}}})");
    QTest::addRow("both sections") << json(R"({})") << json(R"({"k":true})") << json(R"({"n":"v"})") << json(R"({})")
                                   << json(R"({"tags":{"n":"v"},"properties":{"desired":{"k":null}}})");
    QTest::addRow("rawDownlink sent whole")
        << json(R"({})")
        << json(R"({"rawDownlink":{"fPort":42,"framePayload":"BEEF","confirmed":true,"operation":"replace"}})")
        << json(R"({})")
        << json(R"({"rawDownlink":{"fPort":42,"framePayload":"CAFE","confirmed":true,"operation":"replace"}})")
        << json(
               R"({"properties":{"desired":{"rawDownlink":{"fPort":42,"framePayload":"CAFE","confirmed":true,"operation":"replace"}}}})");
    QTest::addRow("rawDownlink member removed is null")
        << json(R"({})") << json(R"({"rawDownlink":{"fPort":42,"framePayload":"BEEF","confirmed":true}})")
        << json(R"({})") << json(R"({"rawDownlink":{"fPort":42,"framePayload":"BEF0"}})")
        << json(R"({"properties":{"desired":{"rawDownlink":{"fPort":42,"framePayload":"BEF0","confirmed":null}}}})");
    QTest::addRow("binary only keeps explicit decodedPayload null")
        << json(R"({})") << json(R"({})") << json(R"({})")
        << json(R"({"decodedPayload":null,"rawDownlink":{"fPort":7,"framePayload":"01"}})")
        << json(R"({"properties":{"desired":{"decodedPayload":null,"rawDownlink":{"fPort":7,"framePayload":"01"}}}})");
    QTest::addRow("decodedPayload whole")
        << json(R"({})") << json(R"({"decodedPayload":{"color":"red","level":2}})") << json(R"({})")
        << json(R"({"decodedPayload":{"color":"blue","level":2}})")
        << json(R"({"properties":{"desired":{"decodedPayload":{"color":"blue","level":2}}}})");
    QTest::addRow("other desired objects diffed")
        << json(R"({})") << json(R"({"config":{"a":1,"b":2}})") << json(R"({})") << json(R"({"config":{"a":1,"b":3}})")
        << json(R"({"properties":{"desired":{"config":{"b":3}}}})");
}

void TestTwinDocument::patch()
{
    QFETCH(QJsonObject, baseTags);
    QFETCH(QJsonObject, baseDesired);
    QFETCH(QJsonObject, tags);
    QFETCH(QJsonObject, desired);
    QFETCH(QJsonObject, expected);
    const QJsonObject actual = TwinDocument::patch(baseTags, baseDesired, tags, desired);
    QVERIFY2(actual == expected, QJsonDocument(actual).toJson(QJsonDocument::Compact).constData());
}

void TestTwinDocument::rebase_data()
{
    QTest::addColumn<QJsonObject>("base");
    QTest::addColumn<QJsonObject>("mine");
    QTest::addColumn<QJsonObject>("theirs");
    QTest::addColumn<QJsonObject>("expected");

    QTest::addRow("disjoint changes merge")
        << json(R"({"a":1,"b":1})") << json(R"({"a":2,"b":1})") << json(R"({"a":1,"b":1,"c":5,"$version":9})")
        << json(R"({"a":2,"b":1,"c":5})");
    QTest::addRow("mine wins on the same key")
        << json(R"({"a":1})") << json(R"({"a":2})") << json(R"({"a":3})") << json(R"({"a":2})");
    QTest::addRow("my removal applies") << json(R"({"a":1,"b":1})") << json(R"({"b":1})") << json(R"({"a":1,"b":7})")
                                        << json(R"({"b":7})");
    QTest::addRow("rawDownlink replaces theirs whole")
        << json(R"({})") << json(R"({"rawDownlink":{"fPort":1,"framePayload":"01"}})")
        << json(R"({"rawDownlink":{"fPort":9,"framePayload":"FF","confirmed":true}})")
        << json(R"({"rawDownlink":{"fPort":1,"framePayload":"01"}})");
    QTest::addRow("explicit null kept")
        << json(R"({})") << json(R"({"decodedPayload":null,"rawDownlink":{"fPort":1,"framePayload":"01"}})")
        << json(R"({"x":1})") << json(R"({"x":1,"decodedPayload":null,"rawDownlink":{"fPort":1,"framePayload":"01"}})");
}

void TestTwinDocument::rebase()
{
    QFETCH(QJsonObject, base);
    QFETCH(QJsonObject, mine);
    QFETCH(QJsonObject, theirs);
    QFETCH(QJsonObject, expected);
    const QJsonObject actual = TwinDocument::rebase(TwinRules::Section::Desired, base, mine, theirs);
    QVERIFY2(actual == expected, QJsonDocument(actual).toJson(QJsonDocument::Compact).constData());
}

void TestTwinDocument::patchAppliedGivesTheEdit()
{
    const QJsonObject base = json(R"({"a":{"b":[1,2],"c":"x"},"d":true,"e":{"f":{"g":1}}})");
    const QJsonObject edit = json(R"({"a":{"b":[2],"c":"x","n":null},"e":{"f":{}},"z":0})");
    const QJsonObject patch = TwinDocument::sectionPatch(TwinRules::Section::Tags, base, edit);
    QCOMPARE(JsonMergePatch::apply(base, patch), JsonMergePatch::withoutNulls(edit).toObject());
    QCOMPARE(TwinDocument::format(QJsonObject()), QStringLiteral("{}"));
    QCOMPARE(TwinDocument::parse(TwinDocument::format(base), TwinRules::Section::Tags).object, base);
}

QTEST_GUILESS_MAIN(TestTwinDocument)
#include "tst_twindocument.moc"
