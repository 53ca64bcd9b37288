#include "services/protocol/MessagePropertyBag.h"
#include "services/protocol/PercentEncoding.h"

#include <QTest>

using namespace TwinBridge;

using Property = MessagePropertyBag::Property;
Q_DECLARE_METATYPE(QList<Property>)

namespace {

Property prop(const char *name, const char *value)
{
    return Property {QString::fromUtf8(name), QString::fromUtf8(value)};
}

Property nullProp(const char *name)
{
    return Property {QString::fromUtf8(name), std::nullopt};
}

} // namespace

class TestMessagePropertyBag : public QObject
{
    Q_OBJECT

private slots:
    void percentEncode_data();
    void percentEncode();
    void percentDecode_data();
    void percentDecode();
    void parse_data();
    void parse();
    void parseRejectsMalformed_data();
    void parseRejectsMalformed();
    void toString_data();
    void toString();
    void accessors();
};

void TestMessagePropertyBag::percentEncode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoded");
    QTest::addRow("unreserved") << QStringLiteral("aZ09-._~") << QStringLiteral("aZ09-._~");
    QTest::addRow("system key") << QStringLiteral("$.mid") << QStringLiteral("%24.mid");
    QTest::addRow("content type") << QStringLiteral("application/json") << QStringLiteral("application%2Fjson");
    QTest::addRow("space and plus") << QStringLiteral("a b+c") << QStringLiteral("a%20b%2Bc");
    QTest::addRow("reserved") << QStringLiteral("&=?#%") << QStringLiteral("%26%3D%3F%23%25");
    QTest::addRow("utf-8") << QStringLiteral("ä€") << QStringLiteral("%C3%A4%E2%82%AC");
    QTest::addRow("empty") << QString() << QString();
}

void TestMessagePropertyBag::percentEncode()
{
    QFETCH(QString, text);
    QFETCH(QString, encoded);
    QCOMPARE(PercentEncoding::encode(text), encoded);
    QCOMPARE(PercentEncoding::decode(encoded), std::optional<QString>(text));
}

void TestMessagePropertyBag::percentDecode_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("decoded");
    QTest::addRow("upper-case hex") << QStringLiteral("application%2Fjson") << true
                                    << QStringLiteral("application/json");
    QTest::addRow("lower-case hex (C SDK)")
        << QStringLiteral("application%2fjson") << true << QStringLiteral("application/json");
    QTest::addRow("plus stays plus") << QStringLiteral("a+b") << true << QStringLiteral("a+b");
    QTest::addRow("unescaped dollar") << QStringLiteral("$.ct") << true << QStringLiteral("$.ct");
    QTest::addRow("raw utf-8 text") << QStringLiteral("grüße") << true << QStringLiteral("grüße");
    QTest::addRow("truncated escape") << QStringLiteral("abc%2") << false << QString();
    QTest::addRow("lone percent") << QStringLiteral("%") << false << QString();
    QTest::addRow("non-hex escape") << QStringLiteral("%zz") << false << QString();
    QTest::addRow("invalid utf-8") << QStringLiteral("%C3%28") << false << QString();
    QTest::addRow("incomplete utf-8") << QStringLiteral("%C3") << false << QString();
}

void TestMessagePropertyBag::percentDecode()
{
    QFETCH(QString, encoded);
    QFETCH(bool, valid);
    QFETCH(QString, decoded);
    const std::optional<QString> result = PercentEncoding::decode(encoded);
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, decoded);
}

void TestMessagePropertyBag::parse_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<QList<Property>>("expected");

    QTest::addRow("empty") << QString() << QList<Property> {};
    QTest::addRow("only trailing slash") << QStringLiteral("/") << QList<Property> {};
    QTest::addRow("docs literal $ keys") << QStringLiteral("$.ct=application%2Fjson&$.ce=utf-8")
                                         << QList<Property> {prop("$.ct", "application/json"), prop("$.ce", "utf-8")};
    QTest::addRow("SDK %%24 keys") << QStringLiteral("%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=42&fport=2")
                                   << QList<Property> {prop("$.ct", "application/json"), prop("$.ce", "utf-8"),
                                                       prop("$.mid", "42"), prop("fport", "2")};
    QTest::addRow("C SDK lower-case hex") << QStringLiteral("%24.ct=application%2fjson%3bcharset%3dutf-8")
                                          << QList<Property> {prop("$.ct", "application/json;charset=utf-8")};
    QTest::addRow("C# trailing slash") << QStringLiteral("%24.mid=abc&a=b/")
                                       << QList<Property> {prop("$.mid", "abc"), prop("a", "b")};
    QTest::addRow("null, empty and value (docs C2D example)")
        << QStringLiteral("?prop1&prop2=&prop3=a%20string")
        << QList<Property> {nullProp("prop1"), prop("prop2", ""), prop("prop3", "a string")};
    QTest::addRow("C SDK C2D unit-test topic bag")
        << QStringLiteral(
               "iothub-ack=Full&%24.to=%2Fdevices%2FmyDeviceId%2Fmessages%2FdeviceBound&%24.cid=123&%24.uid=456")
        << QList<Property> {prop("iothub-ack", "Full"), prop("$.to", "/devices/myDeviceId/messages/deviceBound"),
                            prop("$.cid", "123"), prop("$.uid", "456")};
    QTest::addRow("C SDK C2D null system properties")
        << QStringLiteral(
               "iothub-ack=Full&propName=PropValue&DeviceInfo=smokeTest&%24.to=%2Fdevices%2Fd&%24.cid&%24.uid")
        << QList<Property> {prop("iothub-ack", "Full"),
                            prop("propName", "PropValue"),
                            prop("DeviceInfo", "smokeTest"),
                            prop("$.to", "/devices/d"),
                            nullProp("$.cid"),
                            nullProp("$.uid")};
    QTest::addRow("value with =") << QStringLiteral("a=b=c") << QList<Property> {prop("a", "b=c")};
    QTest::addRow("case-sensitive names")
        << QStringLiteral("A=1&a=2") << QList<Property> {prop("A", "1"), prop("a", "2")};
}

void TestMessagePropertyBag::parse()
{
    QFETCH(QString, encoded);
    QFETCH(QList<Property>, expected);
    const auto bag = MessagePropertyBag::parse(encoded);
    QVERIFY2(bag.ok(), qPrintable(bag.error().message()));
    QCOMPARE(bag.value().properties(), expected);
    // The canonical form parses back to the same bag.
    const auto again = MessagePropertyBag::parse(bag.value().toString());
    QVERIFY(again.ok());
    QVERIFY(again.value() == bag.value());
}

void TestMessagePropertyBag::parseRejectsMalformed_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("double ampersand") << QStringLiteral("a=1&&b=2") << QStringLiteral("&&");
    QTest::addRow("leading ampersand") << QStringLiteral("&a=1") << QStringLiteral("property 1 is empty");
    QTest::addRow("trailing ampersand") << QStringLiteral("a=1&") << QStringLiteral("property 2 is empty");
    QTest::addRow("value without name") << QStringLiteral("=1") << QStringLiteral("no name");
    QTest::addRow("bad escape in name") << QStringLiteral("a%2=1") << QStringLiteral("name of property 1");
    QTest::addRow("bad escape in value") << QStringLiteral("a=%zz") << QStringLiteral("value of property \"a\"");
    QTest::addRow("unencoded slash") << QStringLiteral("$.ct=application/json") << QStringLiteral("%2F");
    QTest::addRow("two trailing slashes") << QStringLiteral("a=b//") << QStringLiteral("'/'");
    QTest::addRow("duplicate after decoding")
        << QStringLiteral("$.mid=1&%24.mid=2") << QStringLiteral("\"$.mid\" appears twice");
    QTest::addRow("name decodes to empty") << QStringLiteral("%=1") << QStringLiteral("name of property 1");
}

void TestMessagePropertyBag::parseRejectsMalformed()
{
    QFETCH(QString, encoded);
    QFETCH(QString, mentions);
    const auto bag = MessagePropertyBag::parse(encoded);
    QVERIFY(!bag.ok());
    QCOMPARE(bag.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(bag.error().code(), QStringLiteral("MalformedPropertyBag"));
    QVERIFY2(bag.error().message().contains(mentions), qPrintable(bag.error().message()));
}

void TestMessagePropertyBag::toString_data()
{
    QTest::addColumn<QList<Property>>("properties");
    QTest::addColumn<QString>("encoded");
    QTest::addRow("engine telemetry")
        << QList<Property> {prop("$.ct", "application/json"), prop("$.ce", "utf-8"), prop("$.mid", "as:up:01E0WZ"),
                            prop("tts-message-type", "uplink")}
        << QStringLiteral("%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=as%3Aup%3A01E0WZ&tts-message-type=uplink");
    QTest::addRow("null and empty") << QList<Property> {nullProp("prop1"), prop("prop2", ""), prop("prop3", "a string")}
                                    << QStringLiteral("prop1&prop2=&prop3=a%20string");
    QTest::addRow("none") << QList<Property> {} << QString();
}

void TestMessagePropertyBag::toString()
{
    QFETCH(QList<Property>, properties);
    QFETCH(QString, encoded);
    MessagePropertyBag bag;
    for (const Property &property : properties)
        bag.set(property.name, property.value);
    QCOMPARE(bag.toString(), encoded);
}

void TestMessagePropertyBag::accessors()
{
    MessagePropertyBag bag;
    bag.set(QLatin1String(MessagePropertyBag::MessageId), QStringLiteral("1"));
    bag.set(QStringLiteral("app"), QStringLiteral("x"));
    bag.setNull(QLatin1String(MessagePropertyBag::CorrelationId));
    bag.set(QString(), QStringLiteral("ignored"));
    QCOMPARE(bag.size(), 3);
    bag.set(QLatin1String(MessagePropertyBag::MessageId), QStringLiteral("2")); // replaced in place
    QCOMPARE(bag.properties().first(), prop("$.mid", "2"));
    QVERIFY(bag.contains(QStringLiteral("$.cid")));
    QCOMPARE(bag.value(QStringLiteral("$.cid")), std::optional<QString>());
    QCOMPARE(bag.value(QStringLiteral("missing")), std::optional<QString>());
    QCOMPARE(bag.systemProperties().size(), 2);
    QCOMPARE(bag.applicationProperties(), QList<Property> {prop("app", "x")});
    bag.remove(QStringLiteral("app"));
    QVERIFY(!bag.contains(QStringLiteral("app")));
    QVERIFY(MessagePropertyBag::isSystemProperty(u"$.ct"));
    QVERIFY(!MessagePropertyBag::isSystemProperty(u"$ct"));
    QCOMPARE(MessagePropertyBag::knownSystemProperties().size(), 16);
    QVERIFY(MessagePropertyBag::knownSystemProperties().contains(QStringLiteral("$.ce")));
}

QTEST_GUILESS_MAIN(TestMessagePropertyBag)
#include "tst_messagepropertybag.moc"
