#include "sandbox/arm/ArmExpression.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

// A context with fixed parameters, variables and scope, and canned answers for reference()/listKeys().
class FixedContext : public ArmExpressionContext
{
public:
    QJsonObject parameters {
        {QStringLiteral("name"), QStringLiteral("Demo-Hub")},
        {QStringLiteral("count"), 3},
        {QStringLiteral("enabled"), true},
        {QStringLiteral("list"), QJsonArray {QStringLiteral("a"), QStringLiteral("b")}},
        {QStringLiteral("obj"), QJsonObject {{QStringLiteral("Inner"), QJsonObject {{QStringLiteral("x"), 1}}}}}};
    QJsonObject variables {{QStringLiteral("suffix"), QStringLiteral("xyz")}};
    QStringList calls;

    Result<QJsonValue> parameter(const QString &name) override
    {
        if (!parameters.contains(name))
            return missing(QStringLiteral("parameter ") + name);
        return parameters.value(name);
    }
    Result<QJsonValue> variable(const QString &name) override
    {
        if (!variables.contains(name))
            return missing(QStringLiteral("variable ") + name);
        return variables.value(name);
    }
    QJsonObject resourceGroup() const override
    {
        return QJsonObject {{QStringLiteral("id"), QStringLiteral("/subscriptions/sub-1/resourceGroups/rg1")},
                            {QStringLiteral("name"), QStringLiteral("rg1")},
                            {QStringLiteral("location"), QStringLiteral("westeurope")}};
    }
    QJsonObject subscription() const override
    {
        return QJsonObject {{QStringLiteral("id"), QStringLiteral("/subscriptions/sub-1")},
                            {QStringLiteral("subscriptionId"), QStringLiteral("sub-1")},
                            {QStringLiteral("tenantId"), QStringLiteral("tenant-1")}};
    }
    Result<QJsonValue> reference(const QString &resource, const QString &apiVersion, bool full) override
    {
        calls << QStringLiteral("reference(%1,%2,%3)")
                     .arg(resource, apiVersion, full ? QStringLiteral("full") : QString());
        QJsonObject properties {{QStringLiteral("hostName"), QStringLiteral("hub.azure-devices.net")}};
        if (full)
            return QJsonValue(QJsonObject {{QStringLiteral("properties"), properties},
                                           {QStringLiteral("location"), QStringLiteral("westeurope")}});
        return QJsonValue(properties);
    }
    Result<QJsonValue> listAction(const QString &action, const QString &resourceId, const QString &apiVersion) override
    {
        calls << QStringLiteral("%1(%2,%3)").arg(action, resourceId, apiVersion);
        return QJsonValue(
            QJsonObject {{QStringLiteral("value"),
                          QJsonArray {QJsonObject {{QStringLiteral("keyName"), QStringLiteral("iothubowner")},
                                                   {QStringLiteral("primaryKey"), QStringLiteral("k1")}}}}});
    }

private:
    static ServiceError missing(const QString &what)
    {
        ServiceError error = ServiceError::invalidInput(what + QStringLiteral(" not found"));
        error.setCode(QStringLiteral("InvalidTemplate"));
        return error;
    }
};

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}

} // namespace

class TestArmExpression : public QObject
{
    Q_OBJECT

private slots:
    void evaluates_data();
    void evaluates();
    void literalsAndEscapes_data();
    void literalsAndEscapes();
    void refuses_data();
    void refuses();
    void runtimeFunctionsGoToTheContext();
    void uniqueStringAndGuidAreStable();
    void listsTheFunctionsCalled();
    void deepNestingIsRefused();
};

void TestArmExpression::evaluates_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QJsonValue>("expected");

    const auto row = [](const char *name, const char *expression, const char *expected) {
        QTest::addRow("%s", name) << QString::fromUtf8(expression) << json(expected);
    };
    row("parameter", "[parameters('name')]", "\"Demo-Hub\"");
    row("function names any case", "[PARAMETERS('count')]", "3");
    row("variable", "[variables('suffix')]", "\"xyz\"");
    row("concat strings", "[concat('iothub-', variables('suffix'))]", "\"iothub-xyz\"");
    row("concat number", "[concat('n', parameters('count'))]", "\"n3\"");
    row("concat arrays", "[concat(parameters('list'), createArray('c'))]", "[\"a\",\"b\",\"c\"]");
    row("format", "[format('{0}-{1}', 'fn', variables('suffix'))]", "\"fn-xyz\"");
    row("format braces and alignment", "[format('{{{0,4}}}|{1,-3}|', 7, 'ab')]", "\"{   7}|ab |\"");
    row("format bool", "[format('{0}', true())]", "\"True\"");
    row("toLower", "[toLower(parameters('name'))]", "\"demo-hub\"");
    row("toUpper", "[toUpper('abc')]", "\"ABC\"");
    row("replace", "[replace('a-b-c', '-', '')]", "\"abc\"");
    row("substring start", "[substring('hello', 1)]", "\"ello\"");
    row("substring length", "[substring('hello', 1, 3)]", "\"ell\"");
    row("length string", "[length('hello')]", "5");
    row("length array", "[length(parameters('list'))]", "2");
    row("length object", "[length(parameters('obj'))]", "1");
    row("if true", "[if(parameters('enabled'), 'yes', 'no')]", "\"yes\"");
    row("if false", "[if(not(parameters('enabled')), 'yes', 'no')]", "\"no\"");
    row("if lazily skips the other branch", "[if(true(), 'ok', variables('missing'))]", "\"ok\"");
    row("equals strings", "[equals('a', 'a')]", "true");
    row("equals is case-sensitive", "[equals('a', 'A')]", "false");
    row("equals numbers", "[equals(parameters('count'), 3)]", "true");
    row("and or", "[and(true(), or(false(), true()))]", "true");
    row("and short-circuits", "[and(false(), variables('missing'))]", "false");
    row("empty string", "[empty('')]", "true");
    row("empty array", "[empty(parameters('list'))]", "false");
    row("contains string", "[contains('abcdef', 'cd')]", "true");
    row("contains array", "[contains(parameters('list'), 'b')]", "true");
    row("contains object key", "[contains(parameters('obj'), 'inner')]", "true");
    row("resourceGroup name", "[resourceGroup().name]", "\"rg1\"");
    row("resourceGroup location", "[resourceGroup().location]", "\"westeurope\"");
    row("subscription id", "[subscription().subscriptionId]", "\"sub-1\"");
    row("subscription tenant", "[subscription().tenantId]", "\"tenant-1\"");
    row("resourceId", "[resourceId('Microsoft.Devices/IotHubs', 'hub1')]",
        "\"/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.Devices/IotHubs/hub1\"");
    row("resourceId nested",
        "[resourceId('Microsoft.EventHub/namespaces/eventhubs/authorizationRules', 'ns', 'Events', 'Send')]",
        "\"/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.EventHub/namespaces/ns/eventhubs/Events/"
        "authorizationRules/Send\"");
    row("resourceId nested in one name", "[resourceId('Microsoft.EventHub/namespaces/eventhubs', 'ns/Events')]",
        "\"/subscriptions/sub-1/resourceGroups/rg1/providers/Microsoft.EventHub/namespaces/ns/eventhubs/Events\"");
    row("resourceId with group", "[resourceId('other-rg', 'Microsoft.Storage/storageAccounts', 'st1')]",
        "\"/subscriptions/sub-1/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/st1\"");
    row("resourceId with subscription and group", "[resourceId('sub-2', 'rg2', 'Microsoft.Web/sites', 'fn')]",
        "\"/subscriptions/sub-2/resourceGroups/rg2/providers/Microsoft.Web/sites/fn\"");
    row("subscriptionResourceId", "[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg1')]",
        "\"/subscriptions/sub-1/providers/Microsoft.Resources/resourceGroups/rg1\"");
    row("environment storage suffix", "[environment().suffixes.storage]", "\"core.windows.net\"");
    row("member access any case", "[parameters('obj').inner.X]", "1");
    row("index", "[parameters('list')[1]]", "\"b\"");
    row("index by string", "[parameters('obj')['Inner'].x]", "1");
    row("string of int", "[string(42)]", "\"42\"");
    row("string of bool", "[string(false())]", "\"False\"");
    row("string of object", "[string(createObject('a', 1))]", "\"{\\\"a\\\":1}\"");
    row("int", "[int('17')]", "17");
    row("bool", "[bool('true')]", "true");
    row("json object", "[json('{\"a\":[1,2]}').a[1]]", "2");
    row("json null", "[json('null')]", "null");
    row("createObject", "[createObject('name', 'x', 'n', 2)]", "{\"name\":\"x\",\"n\":2}");
    row("createObject empty", "[createObject()]", "{}");
    row("union objects",
        "[union(createObject('a', 1, 'b', createObject('c', 1)), createObject('b', createObject('d', 2)))]",
        "{\"a\":1,\"b\":{\"c\":1,\"d\":2}}");
    row("union arrays", "[union(createArray(1, 2), createArray(2, 3))]", "[1,2,3]");
    row("split and index", "[split('ns/Events', '/')[1]]", "\"Events\"");
    row("first last", "[concat(first('abc'), last(createArray('x', 'y')))]", "\"ay\"");
    row("skip take", "[concat(skip('abcdef', 2), take('xyz', 1))]", "\"cdefx\"");
    row("startsWith ignores case", "[startsWith('Microsoft.Devices', 'microsoft')]", "true");
    row("indexOf", "[indexOf('abcabc', 'CA')]", "2");
    row("padLeft", "[padLeft('7', 3, '0')]", "\"007\"");
    row("coalesce", "[coalesce(null(), json('null'), 'x')]", "\"x\"");
    row("arithmetic", "[add(mul(2, 3), sub(10, div(9, 2)))]", "12");
    row("mod", "[mod(7, 3)]", "1");
    row("min max", "[concat(string(min(3, 1, 2)), string(max(createArray(4, 9))))]", "\"19\"");
    row("comparison", "[and(less(1, 2), greaterOrEquals('b', 'a'), lessOrEquals(2, 2), greater(3, 2))]", "true");
    row("negative number", "[add(-5, 2)]", "-3");
    row("base64 round trip", "[base64ToString(base64('TwinBridge'))]", "\"TwinBridge\"");
    row("quote in string literal", "[concat('it''s', ' ok')]", "\"it's ok\"");
    row("whitespace between tokens", "[ concat( 'a' , 'b' ) ]", "\"ab\"");
    row("storage connection string",
        "[format('DefaultEndpointsProtocol=https;AccountName={0};EndpointSuffix={1}', 'st1', "
        "environment().suffixes.storage)]",
        "\"DefaultEndpointsProtocol=https;AccountName=st1;EndpointSuffix=core.windows.net\"");
    row("true false null", "[createArray(true(), false(), null())]", "[true,false,null]");
    row("array", "[array('x')]", "[\"x\"]");
    row("trim", "[trim('  a b ')]", "\"a b\"");
}

void TestArmExpression::evaluates()
{
    QFETCH(QString, expression);
    QFETCH(QJsonValue, expected);
    FixedContext context;
    const Result<QJsonValue> result = ArmExpression::evaluateString(expression, context);
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value(), expected);
}

void TestArmExpression::literalsAndEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain text") << QStringLiteral("hello") << QStringLiteral("hello");
    QTest::addRow("double bracket escape")
        << QStringLiteral("[[not an expression]") << QStringLiteral("[not an expression]");
    QTest::addRow("bracket without closing") << QStringLiteral("[abc") << QStringLiteral("[abc");
    QTest::addRow("closing without opening") << QStringLiteral("abc]") << QStringLiteral("abc]");
    QTest::addRow("empty") << QString() << QString();
}

void TestArmExpression::literalsAndEscapes()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    FixedContext context;
    const Result<QJsonValue> result = ArmExpression::evaluateString(text, context);
    QVERIFY(result.ok());
    QCOMPARE(result.value().toString(), expected);
}

void TestArmExpression::refuses_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QStringList>("words"); // all must appear in the message

    QTest::addRow("unknown function") << QStringLiteral("[concat('a', frobnicate('b'))]")
                                      << QStringList {QStringLiteral("'frobnicate'"), QStringLiteral("position 13")};
    QTest::addRow("too few arguments") << QStringLiteral("[substring('a')]")
                                       << QStringList {QStringLiteral("'substring'"), QStringLiteral("2 to 3")};
    QTest::addRow("too many arguments") << QStringLiteral("[toLower('a', 'b')]")
                                        << QStringList {QStringLiteral("'toLower'"), QStringLiteral("1 argument")};
    QTest::addRow("unclosed string") << QStringLiteral("[concat('a]") << QStringList {QStringLiteral("not closed")};
    QTest::addRow("missing parenthesis") << QStringLiteral("[concat('a', 'b']")
                                         << QStringList {QStringLiteral("expected ',' or ')'")};
    QTest::addRow("bare word") << QStringLiteral("[true]") << QStringList {QStringLiteral("true()")};
    QTest::addRow("trailing garbage") << QStringLiteral("[concat('a') x]")
                                      << QStringList {QStringLiteral("unexpected 'x'")};
    QTest::addRow("empty") << QStringLiteral("[ ]") << QStringList {QStringLiteral("empty")};
    QTest::addRow("fraction") << QStringLiteral("[add(1.5, 1)]") << QStringList {QStringLiteral("whole numbers")};
    QTest::addRow("user-defined function")
        << QStringLiteral("[my.fn()]") << QStringList {QStringLiteral("user-defined")};
    QTest::addRow("missing property") << QStringLiteral("[parameters('obj').nope]")
                                      << QStringList {QStringLiteral("'nope'"), QStringLiteral("Inner")};
    QTest::addRow("index out of range") << QStringLiteral("[parameters('list')[5]]")
                                        << QStringList {QStringLiteral("'5'"), QStringLiteral("out of bounds")};
    QTest::addRow("member of a string") << QStringLiteral("[parameters('name').length]")
                                        << QStringList {QStringLiteral("'length'"), QStringLiteral("String")};
    QTest::addRow("substring past end") << QStringLiteral("[substring('abc', 2, 5)]")
                                        << QStringList {QStringLiteral("substring"), QStringLiteral("past the end")};
    QTest::addRow("wrong argument type") << QStringLiteral("[toLower(parameters('count'))]")
                                         << QStringList {QStringLiteral("toLower"), QStringLiteral("Integer")};
    QTest::addRow("if with a string condition")
        << QStringLiteral("[if('yes', 1, 2)]") << QStringList {QStringLiteral("condition"), QStringLiteral("Boolean")};
    QTest::addRow("resourceId segments") << QStringLiteral(
                                                "[resourceId('Microsoft.EventHub/namespaces/eventhubs', 'ns')]")
                                         << QStringList {QStringLiteral("2 name segment"),
                                                         QStringLiteral("resourceId")};
    QTest::addRow("resourceId without type")
        << QStringLiteral("[resourceId('a', 'b')]") << QStringList {QStringLiteral("resource type")};
    QTest::addRow("format missing argument")
        << QStringLiteral("[format('{1}', 'a')]") << QStringList {QStringLiteral("{1}")};
    QTest::addRow("division by zero") << QStringLiteral("[div(1, 0)]")
                                      << QStringList {QStringLiteral("division by zero")};
    QTest::addRow("concat mixing arrays")
        << QStringLiteral("[concat(createArray(1), 'a')]") << QStringList {QStringLiteral("arrays")};
    QTest::addRow("reference mode") << QStringLiteral("[reference('x', '1', 'Partial')]")
                                    << QStringList {QStringLiteral("'Full'")};
    QTest::addRow("json invalid") << QStringLiteral("[json('{')]") << QStringList {QStringLiteral("JSON")};
    QTest::addRow("createObject odd") << QStringLiteral("[createObject('a')]") << QStringList {QStringLiteral("pairs")};
}

void TestArmExpression::refuses()
{
    QFETCH(QString, expression);
    QFETCH(QStringList, words);
    FixedContext context;
    const Result<QJsonValue> result = ArmExpression::evaluateString(expression, context);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), QStringLiteral("InvalidTemplate"));
    for (const QString &word : std::as_const(words))
        QVERIFY2(result.error().message().contains(word), qPrintable(result.error().message()));
}

void TestArmExpression::runtimeFunctionsGoToTheContext()
{
    FixedContext context;
    Result<QJsonValue> host = ArmExpression::evaluateString(
        QStringLiteral("[reference(resourceId('Microsoft.Devices/IotHubs', 'hub1'), '2023-06-30').hostName]"), context);
    QVERIFY(host.ok());
    QCOMPARE(host.value().toString(), QStringLiteral("hub.azure-devices.net"));
    Result<QJsonValue> location =
        ArmExpression::evaluateString(QStringLiteral("[reference('hub1', '2023-06-30', 'Full').location]"), context);
    QVERIFY(location.ok());
    QCOMPARE(location.value().toString(), QStringLiteral("westeurope"));
    Result<QJsonValue> key = ArmExpression::evaluateString(
        QStringLiteral("[listKeys(resourceId('Microsoft.Devices/IotHubs', 'hub1'), '2023-06-30').value[0].primaryKey]"),
        context);
    QVERIFY(key.ok());
    QCOMPARE(key.value().toString(), QStringLiteral("k1"));
    QCOMPARE(context.calls,
             (QStringList {QStringLiteral("reference(/subscriptions/sub-1/resourceGroups/rg1/providers/"
                                          "Microsoft.Devices/IotHubs/hub1,2023-06-30,)"),
                           QStringLiteral("reference(hub1,2023-06-30,full)"),
                           QStringLiteral("listKeys(/subscriptions/sub-1/resourceGroups/rg1/providers/"
                                          "Microsoft.Devices/IotHubs/hub1,2023-06-30)")}));
}

void TestArmExpression::uniqueStringAndGuidAreStable()
{
    const QString a = ArmExpression::uniqueString({QStringLiteral("/subscriptions/sub-1/resourceGroups/rg1")});
    QCOMPARE(a.size(), 13);
    QVERIFY(a.front().isLower());
    for (const QChar c : a)
        QVERIFY(QStringLiteral("abcdefghijklmnopqrstuvwxyz234567").contains(c));
    QCOMPARE(ArmExpression::uniqueString({QStringLiteral("/subscriptions/sub-1/resourceGroups/rg1")}), a);
    QVERIFY(ArmExpression::uniqueString({QStringLiteral("/subscriptions/sub-1/resourceGroups/rg2")}) != a);
    QVERIFY(ArmExpression::uniqueString({QStringLiteral("a"), QStringLiteral("b")}) !=
            ArmExpression::uniqueString({QStringLiteral("ab")}));

    FixedContext context;
    Result<QJsonValue> viaTemplate =
        ArmExpression::evaluateString(QStringLiteral("[uniqueString(resourceGroup().id)]"), context);
    QVERIFY(viaTemplate.ok());
    QCOMPARE(viaTemplate.value().toString(), a);

    const QString g = ArmExpression::guid({QStringLiteral("x"), QStringLiteral("y")});
    QCOMPARE(g.size(), 36);
    QCOMPARE(ArmExpression::guid({QStringLiteral("x"), QStringLiteral("y")}), g);
    QVERIFY(ArmExpression::guid({QStringLiteral("x")}) != g);
}

void TestArmExpression::listsTheFunctionsCalled()
{
    const Result<ArmExpression> parsed = ArmExpression::parse(QStringLiteral(
        "[listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('n')), '2023-01-01').keys[0].value]"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().functions(),
             (QStringList {QStringLiteral("listkeys"), QStringLiteral("resourceid"), QStringLiteral("variables")}));
    QVERIFY(ArmExpression::isSupportedFunction(QStringLiteral("uniqueString")));
    QVERIFY(ArmExpression::isSupportedFunction(QStringLiteral("listConnectionStrings")));
    QVERIFY(!ArmExpression::isSupportedFunction(QStringLiteral("utcNow")));
}

void TestArmExpression::deepNestingIsRefused()
{
    QString text = QStringLiteral("'x'");
    for (int i = 0; i < 200; ++i)
        text = QStringLiteral("toLower(%1)").arg(text);
    const Result<ArmExpression> parsed = ArmExpression::parse(QLatin1Char('[') + text + QLatin1Char(']'));
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.error().message().contains(QStringLiteral("nests more than")));
}

QTEST_GUILESS_MAIN(TestArmExpression)
#include "tst_armexpression.moc"
