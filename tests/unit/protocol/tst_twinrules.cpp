#include "services/protocol/TwinRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

Q_DECLARE_METATYPE(TwinRules::Section)

namespace {

QJsonObject object(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON: %s", text.constData());
    return document.object();
}

// {"l1":{"l2":…{"l<levels>": leaf}}}: the section object itself plus levels-1 nested objects, so
// nested(11, v) is S-TWIN's valid "one" … "ten" + "property" example.
QJsonObject nested(int levels, const QJsonValue &leaf)
{
    QJsonValue value = leaf;
    for (int level = levels; level >= 1; --level)
        value = QJsonObject {{QStringLiteral("l%1").arg(level), value}};
    return value.toObject();
}

QString repeated(char c, int count)
{
    return QString(count, QLatin1Char(c));
}

} // namespace

class TestTwinRules : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void documentSize_data();
    void documentSize();
    void patchSkipsSizeButDocumentDoesNot();
    void validateKey();
};

void TestTwinRules::validate_data()
{
    QTest::addColumn<TwinRules::Section>("section");
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<QString>("path"); // empty = valid
    QTest::addColumn<QString>("mentions");

    using S = TwinRules::Section;
    QTest::addRow("docs reported example")
        << S::Reported
        << object(
               R"({"telemetrySendFrequency":"5m","batteryLevel":55,"$version":123,"$metadata":{"$lastUpdated":"2016-03-31T16:35:48.789Z"}})")
        << QString() << QString();
    QTest::addRow("tags lorawan example")
        << S::Tags
        << object(
               R"({"lorawan":{"devEui":"0004A30B001C5838","joinEui":"800000000000000C","provisioned":true,"versionIdentifiers":{"bandId":"EU_863_870"}}})")
        << QString() << QString();
    QTest::addRow("patch with null deletes")
        << S::Desired << object(R"({"route":null,"decodedPayload":{"a":null}})") << QString() << QString();
    QTest::addRow("arrays and unicode keys")
        << S::Desired << object(R"({"list":[1,"x",{"k":true},[null]],"grüße":1})") << QString() << QString();
    QTest::addRow("depth 10 is the limit (docs example)")
        << S::Tags << nested(11, QStringLiteral("value")) << QString() << QString();
    QTest::addRow("depth 11") << S::Desired << nested(12, 1)
                              << QStringLiteral("properties.desired.l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11")
                              << QStringLiteral("more than 10 levels");
    QTest::addRow("arrays add no level") << S::Reported
                                         << nested(10, QJsonArray {QJsonArray {QJsonObject {{QStringLiteral("x"), 1}}}})
                                         << QString() << QString();
    QTest::addRow("object inside array counts")
        << S::Reported << nested(11, QJsonArray {QJsonObject {{QStringLiteral("x"), 1}}})
        << QStringLiteral("properties.reported.l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11[0]") << QStringLiteral("levels");
    QTest::addRow("dot in key") << S::Desired << object(R"({"a":{"b.c":1}})")
                                << QStringLiteral("properties.desired.a.b.c") << QStringLiteral("'.'");
    QTest::addRow("dollar in nested key") << S::Reported << object(R"({"a":{"$x":1}})")
                                          << QStringLiteral("properties.reported.a.$x") << QStringLiteral("'$'");
    QTest::addRow("$version in tags") << S::Tags << object(R"({"$version":1})") << QStringLiteral("tags.$version")
                                      << QStringLiteral("'$'");
    QTest::addRow("space in key") << S::Tags << object(R"({"my key":1})") << QStringLiteral("tags.my key")
                                  << QStringLiteral("spaces");
    QTest::addRow("C0 control in key") << S::Desired << object("{\"a\\u0001b\":1}")
                                       << QStringLiteral("properties.desired.a\x01"
                                                         "b")
                                       << QStringLiteral("U+0001");
    QTest::addRow("C1 control in key") << S::Desired << object("{\"a\\u0085\":1}")
                                       << QStringLiteral("properties.desired.a\u0085") << QStringLiteral("U+0085");
    QTest::addRow("empty key") << S::Desired << object(R"({"":1})") << QStringLiteral("properties.desired.")
                               << QStringLiteral("empty");
    QTest::addRow("key 1024 bytes") << S::Tags << QJsonObject {{repeated('k', 1024), 1}} << QString() << QString();
    QTest::addRow("key 1025 bytes") << S::Tags << QJsonObject {{repeated('k', 1025), 1}}
                                    << QStringLiteral("tags.") + repeated('k', 1025) << QStringLiteral("1025 bytes");
    QTest::addRow("key over 1 KB in UTF-8")
        << S::Tags << QJsonObject {{QString(513, QChar(0x00e4)), 1}}
        << QStringLiteral("tags.") + QString(513, QChar(0x00e4)) << QStringLiteral("1026 bytes");
    QTest::addRow("string 4096 bytes") << S::Reported << QJsonObject {{QStringLiteral("s"), repeated('x', 4096)}}
                                       << QString() << QString();
    QTest::addRow("string 4097 bytes") << S::Reported << QJsonObject {{QStringLiteral("s"), repeated('x', 4097)}}
                                       << QStringLiteral("properties.reported.s") << QStringLiteral("4097 bytes");
    QTest::addRow("string in array too long")
        << S::Reported << QJsonObject {{QStringLiteral("a"), QJsonArray {1, repeated('x', 5000)}}}
        << QStringLiteral("properties.reported.a[1]") << QStringLiteral("5000 bytes");
    QTest::addRow("max integer") << S::Desired << object(R"({"n":4503599627370495,"m":-4503599627370496})") << QString()
                                 << QString();
    QTest::addRow("integer too large") << S::Desired << object(R"({"n":4503599627370496})")
                                       << QStringLiteral("properties.desired.n") << QStringLiteral("out of range");
    QTest::addRow("integer too small") << S::Desired << object(R"({"o":{"n":-4503599627370497}})")
                                       << QStringLiteral("properties.desired.o.n") << QStringLiteral("out of range");
    QTest::addRow("large double is fine") << S::Desired << object(R"({"n":1.5e300})") << QString() << QString();
    QTest::addRow("tags over 8 KB") << S::Tags
                                    << QJsonObject {{QStringLiteral("a"), repeated('x', 4000)},
                                                    {QStringLiteral("b"), repeated('x', 4000)},
                                                    {QStringLiteral("c"), repeated('x', 200)}}
                                    << QStringLiteral("tags") << QStringLiteral("8203 bytes");
    QTest::addRow("desired 8 KB is fine") << S::Desired
                                          << QJsonObject {{QStringLiteral("a"), repeated('x', 4000)},
                                                          {QStringLiteral("b"), repeated('x', 4000)},
                                                          {QStringLiteral("c"), repeated('x', 200)}}
                                          << QString() << QString();
}

void TestTwinRules::validate()
{
    QFETCH(TwinRules::Section, section);
    QFETCH(QJsonObject, document);
    QFETCH(QString, path);
    QFETCH(QString, mentions);
    const Status result = TwinRules::validateDocument(section, document);
    if (path.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(result.error().code(), QStringLiteral("InvalidTwin"));
    QCOMPARE(result.error().payload().toObject().value(QStringLiteral("path")).toString(), path);
    QVERIFY2(result.error().message().startsWith(path + QStringLiteral(": ")), qPrintable(result.error().message()));
    QVERIFY2(result.error().message().contains(mentions), qPrintable(result.error().message()));
}

void TestTwinRules::documentSize_data()
{
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<qint64>("size");
    QTest::addRow("empty") << QJsonObject() << qint64(0);
    QTest::addRow("string") << object(R"({"ab":"xyz"})") << qint64(2 + 3);
    QTest::addRow("number is 8") << object(R"({"n":1.5})") << qint64(1 + 8);
    QTest::addRow("boolean is 4") << object(R"({"b":true})") << qint64(1 + 4);
    QTest::addRow("null is 0") << object(R"({"z":null})") << qint64(1);
    QTest::addRow("nested object") << object(R"({"o":{"a":"b","n":2}})") << qint64(1 + (1 + 1) + (1 + 8));
    QTest::addRow("array sums elements") << object(R"({"a":[1,true,"xy"]})") << qint64(1 + 8 + 4 + 2);
    QTest::addRow("utf-8 bytes") << object(R"({"ä":"€"})") << qint64(2 + 3);
    QTest::addRow("control characters not counted") << object("{\"s\":\"a\\nb\\t\"}") << qint64(1 + 2);
    QTest::addRow("$version and $metadata excluded")
        << object(R"({"a":1,"$version":5,"$metadata":{"$lastUpdated":"2016-03-30T16:24:48.789Z"}})") << qint64(1 + 8);
}

void TestTwinRules::documentSize()
{
    QFETCH(QJsonObject, document);
    QFETCH(qint64, size);
    QCOMPARE(TwinRules::documentSize(document), size);
}

void TestTwinRules::patchSkipsSizeButDocumentDoesNot()
{
    QJsonObject big;
    for (int i = 0; i < 10; ++i)
        big.insert(QStringLiteral("k%1").arg(i), repeated('x', 4000));
    QVERIFY(TwinRules::validatePatch(TwinRules::Section::Reported, big).ok());
    const Status document = TwinRules::validateDocument(TwinRules::Section::Reported, big);
    QVERIFY(!document.ok());
    QVERIFY(document.error().message().startsWith(QStringLiteral("properties.reported: ")));
    QCOMPARE(TwinRules::sizeLimit(TwinRules::Section::Tags), qint64(8192));
    QCOMPARE(TwinRules::sizeLimit(TwinRules::Section::Desired), qint64(32768));
}

void TestTwinRules::validateKey()
{
    QVERIFY(TwinRules::validateKey(QStringLiteral("temperature"), QStringLiteral("tags.temperature")).ok());
    const Status bad = TwinRules::validateKey(QStringLiteral("a.b"), QStringLiteral("tags.x"));
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message().startsWith(QStringLiteral("tags.x: ")));
}

QTEST_GUILESS_MAIN(TestTwinRules)
#include "tst_twinrules.moc"
