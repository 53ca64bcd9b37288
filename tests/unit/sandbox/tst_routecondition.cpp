// The routing query language of the sandbox: what parses, what is refused (with the position), and how
// conditions evaluate on telemetry and on IoT Hub's own twin-change / lifecycle notifications — including
// the condition TTS's deployment template puts on its TwinChangeEvents route.

#include "sandbox/routing/RouteCondition.h"

#include <QJsonObject>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

const QString templateCondition = QStringLiteral("IS_OBJECT($body.properties.desired) OR IS_OBJECT($body.tags)");

// A twin-change notification as IoT Hub raises it (reference §4.2).
HubMessage twinChange(const QByteArray &body, const QString &opType = QStringLiteral("updateTwin"))
{
    HubMessage message;
    message.source = RoutingSource::TwinChangeEvents;
    message.hubName = QStringLiteral("sandbox-hub");
    message.deviceId = QStringLiteral("lora-01");
    message.body = body;
    message.applicationProperties = {
        {QStringLiteral("hubName"), QStringLiteral("sandbox-hub")},
        {QStringLiteral("deviceId"), QStringLiteral("lora-01")},
        {QStringLiteral("opType"), opType},
        {QStringLiteral("iothub-message-schema"), QStringLiteral("twinChangeNotification")},
        {QStringLiteral("operationTimestamp"), QStringLiteral("2026-01-01T00:00:00.0000000Z")},
    };
    message.systemProperties = {
        {QStringLiteral("content-type"), QStringLiteral("application/json")},
        {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
        {QStringLiteral("correlation-id"), QStringLiteral("6a1c0b35b1b0")},
        {QStringLiteral("user-id"), QStringLiteral("sandbox-hub")},
        {QStringLiteral("iothub-connection-device-id"), QStringLiteral("lora-01")},
        {QStringLiteral("iothub-message-source"), QStringLiteral("twinChangeEvents")},
    };
    return message;
}

// Telemetry as the MQTT endpoint records it: system properties under their wire keys.
HubMessage telemetry(const QByteArray &body, const QVariantMap &system, const QVariantMap &application = {})
{
    HubMessage message;
    message.source = RoutingSource::DeviceMessages;
    message.hubName = QStringLiteral("sandbox-hub");
    message.deviceId = QStringLiteral("lora-02");
    message.body = body;
    message.systemProperties = system;
    message.systemProperties.insert(QStringLiteral("iothub-connection-device-id"), QStringLiteral("lora-02"));
    message.applicationProperties = application;
    return message;
}

const QVariantMap jsonUtf8 {{QStringLiteral("$.ct"), QStringLiteral("application/json")},
                            {QStringLiteral("$.ce"), QStringLiteral("utf-8")}};

const QByteArray weather = R"({"Weather":{"Temperature":50,"IsEnabled":true,"Location":{"State":"WA"},
    "HistoricalData":[{"Month":"Feb","Temperature":40},{"Month":"Jan","Temperature":30}],"Nothing":null,
    "Name":"Station \u00227\u0022"}})";

} // namespace

class TestRouteCondition : public QObject
{
    Q_OBJECT

private slots:
    void templateConditionOnNotifications_data();
    void templateConditionOnNotifications();
    void evaluate_data();
    void evaluate();
    void parseErrors_data();
    void parseErrors();
    void defaultIsTrue();
    void bodyNeedsJsonContentType_data();
    void bodyNeedsJsonContentType();
    void deepNestingIsRefusedNotCrashed();
};

void TestRouteCondition::templateConditionOnNotifications_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("matches");

    // Bodies shaped like IoT Hub's updateTwin notifications (S-NTE example and lorawan-stack#7227).
    QTest::addRow("desired only") << QByteArray(
                                         R"({"version":7,"properties":{"desired":{"decodedPayload":{"activeMode":true},
        "$metadata":{"$lastUpdated":"2026-01-01T00:00:00.0000000Z","$lastUpdatedVersion":6},"$version":6}}})")
                                  << true;
    QTest::addRow("tags only") << QByteArray(R"({"version":8,"tags":{"lorawan":{"devEui":"0004A30B001C0530",
        "joinEui":"0000000000000001","provisioned":true}}})")
                               << true;
    QTest::addRow("tags and desired")
        << QByteArray(R"({"version":9,"tags":{"a":1},"properties":{"desired":{"b":2,"$version":3}}})") << true;
    QTest::addRow("reported only") << QByteArray(R"({"version":10,"properties":{"reported":{"decodedPayload":{"t":21.5},
        "$metadata":{"$lastUpdated":"2026-01-01T00:00:00.0000000Z"},"$version":41}}})")
                                   << false;
    QTest::addRow("desired is not an object") << QByteArray(R"({"version":11,"properties":{"desired":5}})") << false;
    QTest::addRow("body is not JSON") << QByteArray("not json") << false;
    QTest::addRow("empty object") << QByteArray("{}") << false;
}

void TestRouteCondition::templateConditionOnNotifications()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, matches);

    const Result<RouteCondition> condition = RouteCondition::parse(templateCondition);
    QVERIFY2(condition.ok(), qPrintable(condition.error().message()));
    QCOMPARE(condition.value().matches(twinChange(body)), matches);
    QCOMPARE(condition.value().text(), templateCondition);
}

void TestRouteCondition::evaluate_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QJsonValue>("expected");

    const QJsonValue undefined(QJsonValue::Undefined);
    const QJsonValue null(QJsonValue::Null);

    // Literals and logic (three-valued).
    QTest::addRow("true") << "true" << QJsonValue(true);
    QTest::addRow("FALSE keyword case") << "FALSE" << QJsonValue(false);
    QTest::addRow("null") << "null" << null;
    QTest::addRow("undefined") << "undefined" << undefined;
    QTest::addRow("and") << "true AND false" << QJsonValue(false);
    QTest::addRow("or") << "false or true" << QJsonValue(true);
    QTest::addRow("not") << "NOT false" << QJsonValue(true);
    QTest::addRow("not not") << "NOT NOT true" << QJsonValue(true);
    QTest::addRow("false and undefined") << "false AND missing = 1" << QJsonValue(false);
    QTest::addRow("true and undefined") << "true AND missing = 1" << undefined;
    QTest::addRow("true or undefined") << "missing = 1 OR true" << QJsonValue(true);
    QTest::addRow("not undefined") << "NOT missing" << undefined;
    QTest::addRow("precedence") << "true OR false AND false" << QJsonValue(true);
    QTest::addRow("parentheses") << "(true OR false) AND false" << QJsonValue(false);
    QTest::addRow("string is not a Boolean") << "'yes' AND true" << undefined;

    // Numbers, strings, comparisons.
    QTest::addRow("hex") << "0x1F = 31" << QJsonValue(true);
    QTest::addRow("exponent") << "1.5e2 = 150" << QJsonValue(true);
    QTest::addRow("arithmetic") << "2 + 3 * 4 = 14" << QJsonValue(true);
    QTest::addRow("unary minus") << "-2 < 0" << QJsonValue(true);
    QTest::addRow("modulo") << "7 % 3" << QJsonValue(1.0);
    QTest::addRow("division by zero") << "1 / 0" << undefined;
    QTest::addRow("not equal <>") << "1 <> 2" << QJsonValue(true);
    QTest::addRow("not equal !=") << "'a' != 'a'" << QJsonValue(false);
    QTest::addRow("string order") << "'abc' < 'abd'" << QJsonValue(true);
    QTest::addRow("double quotes and escapes") << "\"it's \\\"x\\\"\" = 'it\\'s \"x\"'" << QJsonValue(true);
    QTest::addRow("unicode escape") << "'\\u00e9' = '\u00e9'" << QJsonValue(true);
    QTest::addRow("mixed types") << "1 = '1'" << undefined;
    QTest::addRow("bool equality") << "true = true" << QJsonValue(true);
    QTest::addRow("bool order") << "true > false" << undefined;
    QTest::addRow("null equality") << "null = null" << QJsonValue(true);

    // $body references.
    QTest::addRow("body number") << "$body.Weather.Temperature = 50" << QJsonValue(true);
    QTest::addRow("body bool as condition") << "$body.Weather.IsEnabled" << QJsonValue(true);
    QTest::addRow("body array element") << "$body.Weather.HistoricalData[0].Month = 'Feb'" << QJsonValue(true);
    QTest::addRow("body array out of range") << "$body.Weather.HistoricalData[5].Month" << undefined;
    QTest::addRow("body member of array") << "$body.Weather.HistoricalData.Month" << undefined;
    QTest::addRow("body missing") << "$body.Weather.Humidity > 10" << undefined;
    QTest::addRow("body is case-sensitive") << "IS_DEFINED($body.weather)" << QJsonValue(false);
    QTest::addRow("whole body") << "$body" << undefined;
    QTest::addRow("body string with quotes") << "$body.Weather.Name = 'Station \"7\"'" << QJsonValue(true);
    QTest::addRow("length on body") << "length($body.Weather.Location.State) = 2" << QJsonValue(true);

    // Type checks.
    QTest::addRow("is_object") << "IS_OBJECT($body.Weather)" << QJsonValue(true);
    QTest::addRow("is_object on missing") << "IS_OBJECT($body.Nope)" << QJsonValue(false);
    QTest::addRow("is_array") << "IS_ARRAY($body.Weather.HistoricalData)" << QJsonValue(true);
    QTest::addRow("is_bool") << "is_bool($body.Weather.IsEnabled)" << QJsonValue(true);
    QTest::addRow("is_defined null") << "IS_DEFINED($body.Weather.Nothing)" << QJsonValue(true);
    QTest::addRow("is_null") << "IS_NULL($body.Weather.Nothing)" << QJsonValue(true);
    QTest::addRow("is_number") << "IS_NUMBER($body.Weather.Temperature)" << QJsonValue(true);
    QTest::addRow("is_string") << "IS_STRING($body.Weather.Location.State)" << QJsonValue(true);
    QTest::addRow("is_string on number") << "IS_STRING(5)" << QJsonValue(false);
    QTest::addRow("is_primitive") << "IS_PRIMITIVE(null)" << QJsonValue(true);
    QTest::addRow("is_primitive object") << "IS_PRIMITIVE($body.Weather)" << QJsonValue(false);
    QTest::addRow("is_defined undefined") << "IS_DEFINED(undefined)" << QJsonValue(false);

    // Other functions.
    QTest::addRow("as_number") << "AS_NUMBER('12.5') = 12.5" << QJsonValue(true);
    QTest::addRow("as_number bad") << "AS_NUMBER('x')" << undefined;
    QTest::addRow("abs") << "ABS(-3)" << QJsonValue(3.0);
    QTest::addRow("ceiling floor") << "CEILING(1.2) + FLOOR(1.8)" << QJsonValue(3.0);
    QTest::addRow("power sqrt square") << "POWER(2, 10) = SQUARE(32) AND SQRT(16) = 4" << QJsonValue(true);
    QTest::addRow("sign") << "SIGN(-7)" << QJsonValue(-1.0);
    QTest::addRow("exp") << "EXP(0)" << QJsonValue(1.0);
    QTest::addRow("concat") << "CONCAT('a', 'b', 'c')" << QJsonValue(QStringLiteral("abc"));
    QTest::addRow("concat non-string") << "CONCAT('a', 1)" << undefined;
    QTest::addRow("lower upper") << "LOWER('AbC') = 'abc' AND UPPER('x') = 'X'" << QJsonValue(true);
    QTest::addRow("substring") << "SUBSTRING('abcdef', 1, 3)" << QJsonValue(QStringLiteral("bcd"));
    QTest::addRow("substring to end") << "SUBSTRING('abcdef', 4)" << QJsonValue(QStringLiteral("ef"));
    QTest::addRow("index_of") << "INDEX_OF('abcdef', 'cd')" << QJsonValue(2.0);
    QTest::addRow("index_of missing") << "INDEX_OF('abc', 'z')" << QJsonValue(-1.0);
    QTest::addRow("starts ends contains")
        << "STARTS_WITH('lora-01', 'lora') AND ENDS_WITH('lora-01', '01') AND CONTAINS('lora-01', 'a-0')"
        << QJsonValue(true);

    // Application and system properties of the message below.
    QTest::addRow("app property") << "processingPath = 'hot'" << QJsonValue(true);
    QTest::addRow("app property case-insensitive name") << "ProcessingPath = 'hot'" << QJsonValue(true);
    QTest::addRow("app property with hyphen")
        << "iothub-creation-time-utc = '2026-01-01T00:00:00Z'" << QJsonValue(true);
    QTest::addRow("app property missing") << "severity = 'high'" << undefined;
    QTest::addRow("subtraction needs spaces") << "level - 1 = 4" << undefined;
    QTest::addRow("content type") << "$contentType = 'application/json'" << QJsonValue(true);
    QTest::addRow("content encoding") << "$contentEncoding = 'utf-8' AND processingPath = 'hot'" << QJsonValue(true);
    QTest::addRow("connection device id") << "$connectionDeviceId = 'lora-02'" << QJsonValue(true);
    QTest::addRow("message id from $.mid") << "$messageId = 'm-1'" << QJsonValue(true);
    QTest::addRow("dollar app property fallback") << "$custom = 'x'" << QJsonValue(true);
    QTest::addRow("unknown system property") << "IS_DEFINED($nope)" << QJsonValue(false);
}

void TestRouteCondition::evaluate()
{
    QFETCH(QString, condition);
    QFETCH(QJsonValue, expected);

    QVariantMap system = jsonUtf8;
    system.insert(QStringLiteral("$.mid"), QStringLiteral("m-1"));
    const HubMessage message =
        telemetry(weather, system,
                  {{QStringLiteral("processingPath"), QStringLiteral("hot")},
                   {QStringLiteral("iothub-creation-time-utc"), QStringLiteral("2026-01-01T00:00:00Z")},
                   {QStringLiteral("level"), QStringLiteral("5")},
                   {QStringLiteral("$custom"), QStringLiteral("x")}});
    const Result<RouteCondition> parsed = RouteCondition::parse(condition);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const QJsonValue actual = parsed.value().evaluate(RouteCondition::Input(message));
    QCOMPARE(actual, expected);
    QCOMPARE(parsed.value().matches(message), expected.isBool() && expected.toBool());
}

void TestRouteCondition::parseErrors_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("words");

    QTest::addRow("empty") << "" << 1 << "empty";
    QTest::addRow("blank") << "   " << 1 << "empty";
    QTest::addRow("unknown function") << "IS_THING($body.a)" << 1 << "unknown function 'IS_THING'";
    QTest::addRow("arity") << "IS_OBJECT($body.a, $body.b)" << 1 << "IS_OBJECT takes 1 argument, not 2";
    QTest::addRow("concat arity") << "CONCAT('a')" << 1 << "at least 2 arguments";
    QTest::addRow("missing close paren") << "IS_OBJECT($body.a" << 18 << "expected ',' or ')'";
    QTest::addRow("unbalanced group") << "(true OR false" << 15 << "expected ')' to close the '(' at position 1";
    QTest::addRow("stray close paren") << "true)" << 5 << "unexpected ')'";
    QTest::addRow("dangling operator") << "true AND" << 9 << "found the end of the condition";
    QTest::addRow("two operands") << "true false" << 6 << "join conditions with AND or OR";
    QTest::addRow("double equals") << "a == 1" << 3 << "'=='";
    QTest::addRow("unterminated string") << "a = 'abc" << 5 << "not closed";
    QTest::addRow("bad escape") << "a = 'a\\nb'" << 7 << "unknown escape";
    QTest::addRow("bad unicode escape") << "a = '\\u12G4'" << 6 << "four hexadecimal digits";
    QTest::addRow("unexpected character") << "a = #1" << 5 << "unexpected character '#'";
    QTest::addRow("twin not emulated") << "$twin.tags.x = 1" << 1 << "$twin queries are not emulated";
    QTest::addRow("body path empty member") << "$body..a" << 6 << "expected a property name";
    QTest::addRow("body subscript") << "$body.a[x]" << 8 << "array subscript";
    QTest::addRow("system property member") << "$contentType.x" << 13 << "has no members";
    QTest::addRow("lone dollar") << "$ = 1" << 1 << "system property name";
    QTest::addRow("chained comparison") << "1 < 2 < 3" << 7 << "cannot be chained";
    QTest::addRow("number glued to name") << "1abc" << 2 << "must not be followed";
    QTest::addRow("hex without digits") << "0x" << 1 << "hexadecimal";
    QTest::addRow("keyword as operand") << "AND true" << 1 << "before AND";
    QTest::addRow("operator at start") << "= 1" << 1 << "found '='";
    QTest::addRow("comma outside call") << "a, b" << 2 << "unexpected ','";
}

void TestRouteCondition::parseErrors()
{
    QFETCH(QString, condition);
    QFETCH(int, position);
    QFETCH(QString, words);

    const Result<RouteCondition> parsed = RouteCondition::parse(condition);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(parsed.error().code(), QStringLiteral("InvalidRouteCondition"));
    const QString message = parsed.error().message();
    QVERIFY2(message.startsWith(QStringLiteral("Route condition error at position %1: ").arg(position)),
             qPrintable(message));
    QVERIFY2(message.contains(words), qPrintable(message));
    QCOMPARE(parsed.error().payload().toObject().value(QStringLiteral("position")).toInt(), position);
}

void TestRouteCondition::defaultIsTrue()
{
    const RouteCondition condition;
    QCOMPARE(condition.text(), QStringLiteral("true"));
    QVERIFY(condition.matches(twinChange("{}")));
}

void TestRouteCondition::bodyNeedsJsonContentType_data()
{
    QTest::addColumn<QVariantMap>("system");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("queryable");

    QTest::addRow("json utf-8 (wire keys)") << jsonUtf8 << QByteArray(R"({"t":1})") << true;
    QTest::addRow("json utf-8 (Event Hubs names)")
        << QVariantMap {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                        {QStringLiteral("content-encoding"), QStringLiteral("UTF-8")}}
        << QByteArray(R"({"t":1})") << true;
    QTest::addRow("json with charset parameter")
        << QVariantMap {{QStringLiteral("$.ct"), QStringLiteral("application/JSON;charset=utf-8")},
                        {QStringLiteral("$.ce"), QStringLiteral("utf-8")}}
        << QByteArray(R"({"t":1})") << true;
    QTest::addRow("utf-16") << QVariantMap {{QStringLiteral("$.ct"), QStringLiteral("application/json")},
                                            {QStringLiteral("$.ce"), QStringLiteral("utf-16")}}
                            << QByteArray::fromHex("FFFE7B002200740022003A0031007D00") << true;
    QTest::addRow("no content type") << QVariantMap {{QStringLiteral("$.ce"), QStringLiteral("utf-8")}}
                                     << QByteArray(R"({"t":1})") << false;
    QTest::addRow("no content encoding") << QVariantMap {{QStringLiteral("$.ct"), QStringLiteral("application/json")}}
                                         << QByteArray(R"({"t":1})") << false;
    QTest::addRow("text/plain") << QVariantMap {{QStringLiteral("$.ct"), QStringLiteral("text/plain")},
                                                {QStringLiteral("$.ce"), QStringLiteral("utf-8")}}
                                << QByteArray(R"({"t":1})") << false;
    QTest::addRow("latin-1") << QVariantMap {{QStringLiteral("$.ct"), QStringLiteral("application/json")},
                                             {QStringLiteral("$.ce"), QStringLiteral("iso-8859-1")}}
                             << QByteArray(R"({"t":1})") << false;
    QTest::addRow("not json") << jsonUtf8 << QByteArray("t=1") << false;
}

void TestRouteCondition::bodyNeedsJsonContentType()
{
    QFETCH(QVariantMap, system);
    QFETCH(QByteArray, body);
    QFETCH(bool, queryable);

    const Result<RouteCondition> condition = RouteCondition::parse(QStringLiteral("$body.t = 1"));
    QVERIFY(condition.ok());
    QCOMPARE(condition.value().matches(telemetry(body, system)), queryable);
}

void TestRouteCondition::deepNestingIsRefusedNotCrashed()
{
    QString deep = QString(200, u'(') + QStringLiteral("true") + QString(200, u')');
    Result<RouteCondition> parsed = RouteCondition::parse(deep);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message().contains(QStringLiteral("nested more than 64 levels")),
             qPrintable(parsed.error().message()));

    QString chain = QStringLiteral("true");
    for (int i = 0; i < 300; ++i)
        chain += QStringLiteral(" AND true");
    parsed = RouteCondition::parse(chain);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message().contains(QStringLiteral("levels of operators")),
             qPrintable(parsed.error().message()));

    QString nots = QString();
    for (int i = 0; i < 64; ++i)
        nots += QStringLiteral("NOT ");
    parsed = RouteCondition::parse(nots + QStringLiteral("true"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QVERIFY(parsed.value().matches(twinChange("{}")));

    parsed = RouteCondition::parse(QString(RouteCondition::MaxLength + 1, u'1'));
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.error().message().contains(QStringLiteral("longer than")));
}

QTEST_GUILESS_MAIN(TestRouteCondition)
#include "tst_routecondition.moc"
