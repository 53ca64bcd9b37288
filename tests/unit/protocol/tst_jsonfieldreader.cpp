#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace TwinBridge;

namespace {

using Form = JsonFieldReader::TimestampForm;
using Integers = JsonFieldReader::Integers;

QJsonObject object(const QByteArray &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (!document.isObject())
        qFatal("bad test JSON: %s", text.constData());
    return document.object();
}

JsonFieldReader::Options options(Integers integers = Integers::Numbers)
{
    return {.errorCode = QStringLiteral("TestCode"), .integers = integers};
}

} // namespace

// The one JSON member reader every value type uses: defaults, error style, shared error state, paths, the
// two integer dialects and the timestamp helpers.
class TestJsonFieldReader : public QObject
{
    Q_OBJECT

private slots:
    void absentAndNullReadAsDefaults();
    void errorStyle();
    void firstErrorWins();
    void childReadersShareTheError();
    void strictFormats_data();
    void strictFormats();
    void unknownMembers();
    void elementPaths_data();
    void elementPaths();
    void integers_data();
    void integers();
    void stringOrNumber_data();
    void stringOrNumber();
    void hexAndBase64_data();
    void hexAndBase64();
    void timestamps_data();
    void timestamps();
    void timestampMembers();
    void writer();
};

void TestJsonFieldReader::absentAndNullReadAsDefaults()
{
    JsonFieldReader reader(object(R"({"s":null})"), options());
    for (const char *key : {"s", "missing"}) {
        const QString name = QLatin1String(key);
        QVERIFY(!reader.has(name));
        QCOMPARE(reader.string(name), QString());
        QCOMPARE(reader.boolean(name), false);
        QVERIFY(!reader.optionalBoolean(name));
        QCOMPARE(reader.integer(name), qint64(0));
        QVERIFY(!reader.optionalInteger(name));
        QCOMPARE(reader.number(name), 0.0);
        QCOMPARE(reader.object(name), QJsonObject());
        QVERIFY(!reader.optionalObject(name));
        QCOMPARE(reader.array(name), QJsonArray());
        QCOMPARE(reader.strings(name), QStringList());
        QVERIFY(reader.stringMap(name).isEmpty());
        QVERIFY(!reader.timestamp(name).isValid());
        QVERIFY(!reader.lenientTimestamp(name).isValid());
        QVERIFY(reader.child(name).ok());
        QVERIFY(reader.objectList(name).isEmpty());
    }
    QVERIFY(reader.ok());
}

void TestJsonFieldReader::errorStyle()
{
    JsonFieldReader reader(object(R"({"a":{"b":5}})"),
                           {QStringLiteral("SomeCode"), ServiceError::Kind::MalformedResponse,
                            QStringLiteral("The thing is not valid."), Integers::Numbers},
                           QStringLiteral("outer"));
    QCOMPARE(reader.child(QStringLiteral("a")).string(QStringLiteral("b")), QString());
    QVERIFY(!reader.ok());
    const ServiceError &error = reader.error();
    QCOMPARE(error.message(), QStringLiteral("outer.a.b: must be text. The thing is not valid."));
    QCOMPARE(error.kind(), ServiceError::Kind::MalformedResponse);
    QCOMPARE(error.code(), QStringLiteral("SomeCode"));
    QCOMPARE(error.payload().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("outer.a.b"));

    const ServiceError made =
        JsonFieldReader::makeError(QStringLiteral("x[2]"), QStringLiteral("must be odd."), QStringLiteral("Other"));
    QCOMPARE(made.message(), QStringLiteral("x[2]: must be odd."));
    QCOMPARE(made.kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(made.code(), QStringLiteral("Other"));
    QCOMPARE(made.payload().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("x[2]"));
}

void TestJsonFieldReader::firstErrorWins()
{
    JsonFieldReader reader(object(R"({"a":1,"b":2,"c":"text"})"), options());
    reader.string(QStringLiteral("a"));
    reader.string(QStringLiteral("b"));
    reader.fail(QStringLiteral("z"), QStringLiteral("is wrong."));
    QVERIFY(reader.error().message().startsWith(QStringLiteral("a: ")));
    // After the first error every read returns its default, even for a valid member.
    QCOMPARE(reader.string(QStringLiteral("c")), QString());
}

void TestJsonFieldReader::childReadersShareTheError()
{
    JsonFieldReader reader(object(R"({"x":{"y":{"z":true}},"n":"text"})"), options());
    JsonFieldReader y = reader.child(QStringLiteral("x")).child(QStringLiteral("y"));
    QCOMPARE(y.path(), QStringLiteral("x.y"));
    QCOMPARE(y.boolean(QStringLiteral("z")), true);
    y.integer(QStringLiteral("z"));
    QVERIFY(!reader.ok());
    QCOMPARE(reader.error().message(), QStringLiteral("x.y.z: must be a whole number."));
    // A reader constructed separately has its own error.
    JsonFieldReader separate(object(R"({"n":"text"})"), options());
    QCOMPARE(separate.string(QStringLiteral("n")), QStringLiteral("text"));
    QVERIFY(separate.ok());
}

void TestJsonFieldReader::strictFormats_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message"); // empty: no error
    QTest::addRow("complete") << QByteArray(R"({"name":"a","port":1})") << QString();
    QTest::addRow("optional member left out") << QByteArray(R"({"name":"a"})") << QString();
    QTest::addRow("required member left out")
        << QByteArray(R"({"port":1})") << QStringLiteral("Field name is missing.");
    QTest::addRow("null text") << QByteArray(R"({"name":null})") << QStringLiteral("Field name must be text.");
    QTest::addRow("null number") << QByteArray(R"({"name":"a","port":null})")
                                 << QStringLiteral("Field port must be a whole number.");
}

// A strict file format: nulls are of the wrong type, required members, and a message format of its own.
void TestJsonFieldReader::strictFormats()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    JsonFieldReader reader(object(json),
                           {.errorCode = QStringLiteral("TestCode"),
                            .nulls = JsonFieldReader::Nulls::WrongType,
                            .messageFormat = QStringLiteral("Field %1 %2")});
    QVERIFY(reader.has(QStringLiteral("name")) || !json.contains("\"name\""));
    if (reader.require(QStringLiteral("name")))
        reader.string(QStringLiteral("name"));
    reader.optionalInteger(QStringLiteral("port"));
    QCOMPARE(reader.ok(), message.isEmpty());
    QCOMPARE(reader.error().message(), message);
    if (!message.isEmpty())
        QCOMPARE(reader.error().code(), QStringLiteral("TestCode"));
}

void TestJsonFieldReader::unknownMembers()
{
    JsonFieldReader reader(object(R"({"b":1,"a":null,"c":{}})"), options());
    QCOMPARE(reader.unknownMembers({QStringLiteral("b")}), (QStringList {QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(reader.unknownMembers({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}), QStringList());
    QVERIFY(reader.ok()); // listing is no error
}

void TestJsonFieldReader::elementPaths_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("read");
    QTest::addColumn<QString>("path");
    QTest::addRow("list element") << QByteArray(R"({"ids":["a",1]})") << QStringLiteral("strings")
                                  << QStringLiteral("ids[1]");
    QTest::addRow("list itself") << QByteArray(R"({"ids":"a"})") << QStringLiteral("strings") << QStringLiteral("ids");
    QTest::addRow("map value") << QByteArray(R"({"attributes":{"floor":3}})") << QStringLiteral("stringMap")
                               << QStringLiteral("attributes.floor");
    QTest::addRow("object list element") << QByteArray(R"({"errors":[{},7]})") << QStringLiteral("objectList")
                                         << QStringLiteral("errors[1]");
    QTest::addRow("member of an object list element")
        << QByteArray(R"({"errors":[{},{"deviceId":1}]})") << QStringLiteral("objectList")
        << QStringLiteral("errors[1].deviceId");
}

void TestJsonFieldReader::elementPaths()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, read);
    QFETCH(QString, path);
    const QString key = path.section(QRegularExpression(QStringLiteral("[.\\[]")), 0, 0);
    JsonFieldReader reader(object(json), options());
    if (read == QLatin1String("strings")) {
        reader.strings(key);
    } else if (read == QLatin1String("stringMap")) {
        reader.stringMap(key);
    } else {
        for (JsonFieldReader item : reader.objectList(key))
            item.string(QStringLiteral("deviceId"));
    }
    QVERIFY(!reader.ok());
    QCOMPARE(reader.error().payload().toObject().value(QStringLiteral("path")).toString(), path);
    QVERIFY2(reader.error().message().startsWith(path + QStringLiteral(": ")), qPrintable(reader.error().message()));
}

void TestJsonFieldReader::integers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("decimalStrings");
    QTest::addColumn<qint64>("min");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<QString>("error"); // empty = accepted

    const qint64 low = std::numeric_limits<qint64>::min();
    const qint64 high = std::numeric_limits<qint64>::max();
    QTest::addRow("number") << QByteArray(R"({"v":42})") << false << low << high << qint64(42) << QString();
    QTest::addRow("negative number") << QByteArray(R"({"v":-7})") << false << low << high << qint64(-7) << QString();
    QTest::addRow("2^53") << QByteArray(R"({"v":9007199254740992})") << false << low << high << qint64(9007199254740992)
                          << QString();
    QTest::addRow("beyond 2^53") << QByteArray(R"({"v":9007199254740994})") << false << low << high << qint64(0)
                                 << QStringLiteral("whole number");
    QTest::addRow("fraction") << QByteArray(R"({"v":1.5})") << false << low << high << qint64(0)
                              << QStringLiteral("whole number");
    QTest::addRow("1e300") << QByteArray(R"({"v":1e300})") << true << low << high << qint64(0)
                           << QStringLiteral("whole number");
    QTest::addRow("bool") << QByteArray(R"({"v":true})") << true << low << high << qint64(0)
                          << QStringLiteral("whole number");
    QTest::addRow("string, numbers only")
        << QByteArray(R"({"v":"42"})") << false << low << high << qint64(0) << QStringLiteral("whole number");
    QTest::addRow("decimal string") << QByteArray(R"({"v":"42"})") << true << low << high << qint64(42) << QString();
    QTest::addRow("negative decimal string")
        << QByteArray(R"({"v":"-42"})") << true << low << high << qint64(-42) << QString();
    QTest::addRow("int64 max as string") << QByteArray(R"({"v":"9223372036854775807"})") << true << low << high << high
                                         << QString();
    QTest::addRow("int64 overflow") << QByteArray(R"({"v":"9223372036854775808"})") << true << low << high << qint64(0)
                                    << QStringLiteral("whole number");
    QTest::addRow("plus sign") << QByteArray(R"({"v":"+4"})") << true << low << high << qint64(0)
                               << QStringLiteral("whole number");
    QTest::addRow("blank") << QByteArray(R"({"v":" 4"})") << true << low << high << qint64(0)
                           << QStringLiteral("whole number");
    QTest::addRow("lone minus") << QByteArray(R"({"v":"-"})") << true << low << high << qint64(0)
                                << QStringLiteral("whole number");
    QTest::addRow("garbage") << QByteArray(R"({"v":"12x"})") << true << low << high << qint64(0)
                             << QStringLiteral("whole number");
    QTest::addRow("above range") << QByteArray(R"({"v":256})") << false << qint64(0) << qint64(255) << qint64(0)
                                 << QStringLiteral("256 is out of range (0 to 255)");
    QTest::addRow("below range as string") << QByteArray(R"({"v":"-1"})") << true << qint64(0) << qint64(255)
                                           << qint64(0) << QStringLiteral("out of range");
    QTest::addRow("range bound") << QByteArray(R"({"v":255})") << false << qint64(0) << qint64(255) << qint64(255)
                                 << QString();
}

void TestJsonFieldReader::integers()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, decimalStrings);
    QFETCH(qint64, min);
    QFETCH(qint64, max);
    QFETCH(qint64, expected);
    QFETCH(QString, error);
    JsonFieldReader reader(object(json),
                           options(decimalStrings ? Integers::NumbersOrDecimalStrings : Integers::Numbers));
    const std::optional<qint64> value = reader.optionalInteger(QStringLiteral("v"), min, max);
    QCOMPARE(reader.ok(), error.isEmpty());
    if (error.isEmpty()) {
        QCOMPARE(value, std::optional<qint64>(expected));
    } else {
        QVERIFY(!value);
        QVERIFY2(reader.error().message().startsWith(QStringLiteral("v: ")), qPrintable(reader.error().message()));
        QVERIFY2(reader.error().message().contains(error), qPrintable(reader.error().message()));
    }
}

void TestJsonFieldReader::stringOrNumber_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("ok");
    QTest::addRow("string") << QByteArray(R"({"v":"DeviceNotFound"})") << QStringLiteral("DeviceNotFound") << true;
    QTest::addRow("number") << QByteArray(R"({"v":409001})") << QStringLiteral("409001") << true;
    QTest::addRow("fraction") << QByteArray(R"({"v":1.5})") << QString() << false;
    QTest::addRow("bool") << QByteArray(R"({"v":true})") << QString() << false;
}

void TestJsonFieldReader::stringOrNumber()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QFETCH(bool, ok);
    JsonFieldReader reader(object(json), options());
    QCOMPARE(reader.stringOrNumber(QStringLiteral("v")), expected);
    QCOMPARE(reader.ok(), ok);
}

void TestJsonFieldReader::hexAndBase64_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addRow("EUI") << QByteArray(R"({"hex":"0004a30B001C0530"})") << true;
    QTest::addRow("EUI too short") << QByteArray(R"({"hex":"0004A30B001C053"})") << false;
    QTest::addRow("EUI not hex") << QByteArray(R"({"hex":"0004A30B001C053G"})") << false;
    QTest::addRow("EUI full-width digit") << QByteArray(R"({"hex":"0004A30B001C053１"})") << false;
    QTest::addRow("base64") << QByteArray(R"({"b64":"AQID"})") << true;
    QTest::addRow("base64 padded") << QByteArray(R"({"b64":"AQI="})") << true;
    QTest::addRow("base64 bad character") << QByteArray(R"({"b64":"gk!e"})") << false;
    QTest::addRow("base64 non-Latin-1") << QByteArray(R"({"b64":"AQ€D"})") << false;
}

void TestJsonFieldReader::hexAndBase64()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    const QJsonObject document = object(json);
    JsonFieldReader reader(document, options());
    const QString hex = reader.hex(QStringLiteral("hex"), 16);
    const QByteArray bytes = reader.base64(QStringLiteral("b64"));
    QCOMPARE(reader.ok(), ok);
    if (document.contains(QStringLiteral("hex"))) {
        const QString text = document.value(QStringLiteral("hex")).toString();
        QCOMPARE(JsonFieldReader::isHex(text, 16), ok);
        QCOMPARE(hex, ok ? text : QString());
    }
    if (ok && document.contains(QStringLiteral("b64")))
        QCOMPARE(bytes, QByteArray::fromBase64(document.value(QStringLiteral("b64")).toString().toLatin1()));
}

void TestJsonFieldReader::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("lenient");
    QTest::addColumn<QString>("expected"); // canonical form; empty = invalid

    const auto both = [](const char *name, const char *text, const char *expected) {
        QTest::addRow("%s", name) << QString::fromUtf8(text) << false << QString::fromUtf8(expected);
        QTest::addRow("%s, lenient", name) << QString::fromUtf8(text) << true << QString::fromUtf8(expected);
    };
    both("nanoseconds", "2020-02-12T15:15:46.014773143Z", "2020-02-12T15:15:46.015Z");
    both("seven digits", "2016-03-30T16:24:48.7891234Z", "2016-03-30T16:24:48.789Z");
    both("one digit", "2016-03-30T16:24:48.7Z", "2016-03-30T16:24:48.700Z");
    both("whole seconds", "2024-01-10T14:26:18Z", "2024-01-10T14:26:18.000Z");
    both("rounding carries into the next year", "2024-12-31T23:59:59.9996Z", "2025-01-01T00:00:00.000Z");
    both("offset", "2024-01-10T14:26:18.5+02:00", "2024-01-10T12:26:18.500Z");
    both("negative offset crosses midnight", "2024-01-10T23:30:00-01:00", "2024-01-11T00:30:00.000Z");
    both("lower-case t and z", "2024-01-10t14:26:18z", "2024-01-10T14:26:18.000Z");
    both("year one", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z");
    both("leap day", "2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z");
    both("impossible date", "2015-02-30T16:24:48.789Z", "");
    both("hour 24", "2024-01-10T24:00:00Z", "");
    both("leap second", "2024-12-31T23:59:60Z", "");
    both("offset without colon", "2024-01-10T14:26:18+0200", "");
    both("offset hours only", "2024-01-10T14:26:18+02", "");
    both("comma fraction", "2024-01-10T14:26:18,5Z", "");
    both("empty fraction", "2024-01-10T14:26:18.Z", "");
    both("no seconds", "2024-01-10T14:26Z", "");
    both("space for T", "2024-01-10 14:26:18Z", "");
    both("date only", "2024-01-10", "");
    both("year zero after the offset", "0001-01-01T00:00:00+01:00", "");
    both("year 10000 after rounding", "9999-12-31T23:59:59.9999Z", "");
    both("garbage", "yesterday", "");
    both("empty", "", "");
    QTest::addRow("no zone") << QStringLiteral("2016-03-30T16:24:48.789") << false << QString();
    QTest::addRow("no zone, lenient is UTC")
        << QStringLiteral("2016-03-30T16:24:48.789") << true << QStringLiteral("2016-03-30T16:24:48.789Z");
    QTest::addRow("blanks") << QStringLiteral(" 2024-01-10T14:26:18Z ") << false << QString();
    QTest::addRow("blanks, lenient") << QStringLiteral(" 2024-01-10T14:26:18Z ") << true
                                     << QStringLiteral("2024-01-10T14:26:18.000Z");
}

void TestJsonFieldReader::timestamps()
{
    QFETCH(QString, text);
    QFETCH(bool, lenient);
    QFETCH(QString, expected);
    const QDateTime time = JsonFieldReader::parseTimestamp(text, lenient ? Form::Lenient : Form::Rfc3339);
    QCOMPARE(JsonFieldReader::formatTimestamp(time), expected);
    if (time.isValid()) {
        QCOMPARE(time.timeSpec(), Qt::UTC);
        QCOMPARE(JsonFieldReader::parseTimestamp(JsonFieldReader::formatTimestamp(time)), time);
    }
}

void TestJsonFieldReader::timestampMembers()
{
    JsonFieldReader strict(object(R"({"a":"2024-01-10T14:26:18.5+02:00","b":"2024-01-10T14:26:18"})"), options());
    QString text;
    QCOMPARE(strict.timestamp(QStringLiteral("a"), &text),
             QDateTime(QDate(2024, 1, 10), QTime(12, 26, 18, 500), Qt::UTC));
    QCOMPARE(text, QStringLiteral("2024-01-10T14:26:18.5+02:00"));
    QVERIFY(!strict.timestamp(QStringLiteral("b"), &text).isValid());
    QVERIFY(text.isEmpty());
    QVERIFY(strict.error().message().startsWith(QStringLiteral("b: is not an RFC 3339 time")));

    // Lenient: unreadable text is tolerated, a value that is not a string is not.
    JsonFieldReader lenient(object(R"({"a":"2024-01-10T14:26:18","b":"2015-02-30T00:00:00Z","c":5})"), options());
    QCOMPARE(lenient.lenientTimestamp(QStringLiteral("a")), QDateTime(QDate(2024, 1, 10), QTime(14, 26, 18), Qt::UTC));
    QVERIFY(!lenient.lenientTimestamp(QStringLiteral("b")).isValid());
    QVERIFY(lenient.ok());
    QVERIFY(!lenient.lenientTimestamp(QStringLiteral("c")).isValid());
    QCOMPARE(lenient.error().message(), QStringLiteral("c: must be text."));
}

void TestJsonFieldReader::writer()
{
    QJsonObject object;
    JsonFieldWriter::insertIfSet(object, QStringLiteral("empty"), QString());
    JsonFieldWriter::insertIfSet(object, QStringLiteral("text"), QStringLiteral("x"));
    JsonFieldWriter::insertIfSet(object, QStringLiteral("unset"), std::optional<bool>());
    JsonFieldWriter::insertIfSet(object, QStringLiteral("flag"), std::optional<bool>(false));
    JsonFieldWriter::insertIfSet(object, QStringLiteral("never"), QDateTime());
    JsonFieldWriter::insertIfSet(object, QStringLiteral("time"),
                                 QDateTime(QDate(2024, 1, 10), QTime(14, 26, 18), QTimeZone(3600)));
    QCOMPARE(object,
             QJsonObject({{QStringLiteral("text"), QStringLiteral("x")},
                          {QStringLiteral("flag"), false},
                          {QStringLiteral("time"), QStringLiteral("2024-01-10T13:26:18.000Z")}}));
    QCOMPARE(JsonFieldWriter::stringOrNull(QString()), QJsonValue(QJsonValue::Null));
    QCOMPARE(JsonFieldWriter::stringOrNull(QStringLiteral("k")), QJsonValue(QStringLiteral("k")));
}

QTEST_GUILESS_MAIN(TestJsonFieldReader)
#include "tst_jsonfieldreader.moc"
