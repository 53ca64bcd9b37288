// ArmTemplateEngine: the template checks ARM's validation does before deploying (data-driven: each refusal with
// its code, detail and the words naming the problem), resource order from explicit and implicit dependencies,
// nested children, conditions, parameter defaults, secure values, and outputs evaluated against a reader.

#include "ArmEngineTemplates.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmResourceReader.h"
#include "sandbox/arm/ArmTemplateEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

ArmTemplateEngine::Scope scope()
{
    ArmTemplateEngine::Scope scope;
    scope.subscriptionId = QStringLiteral("f9943056-8fc6-4ba7-8d52-06537232ebb8");
    scope.tenantId = QStringLiteral("988728de-578c-4327-a596-0b2b5c45cb2d");
    scope.resourceGroup = QStringLiteral("rg");
    scope.resourceGroupLocation = QStringLiteral("westeurope");
    scope.deploymentName = QStringLiteral("d");
    return scope;
}

QJsonObject object(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// Deployed resources by id: the Event Hubs namespace has its endpoint.
class FakeReader : public ArmResourceReader
{
public:
    QStringList referenced;

    Result<QJsonValue> reference(const QString &resourceId, const QString &, bool full) override
    {
        referenced << resourceId;
        if (!resourceId.endsWith(QLatin1String("/namespaces/evhubns-x1")))
            return ArmErrors::resourceNotFound(resourceId, QStringLiteral("rg"));
        const QJsonObject properties {
            {QStringLiteral("serviceBusEndpoint"), QStringLiteral("https://evhubns-x1.servicebus.windows.net:443/")}};
        if (full)
            return QJsonValue(QJsonObject {{QStringLiteral("properties"), properties}});
        return QJsonValue(properties);
    }
    Result<QJsonValue> listAction(const QString &, const QString &resourceId, const QString &) override
    {
        return ArmErrors::resourceNotFound(resourceId, QStringLiteral("rg"));
    }
};

} // namespace

class TestArmTemplateEngine : public QObject
{
    Q_OBJECT

private slots:
    void refuses_data();
    void refuses();
    void ordersResourcesByDependencies();
    void evaluatesResourcesAndOutputsAgainstTheReader();
};

void TestArmTemplateEngine::refuses_data()
{
    QTest::addColumn<QByteArray>("templateText");
    QTest::addColumn<QByteArray>("parameters");
    QTest::addColumn<QString>("words");
    QTest::addColumn<QString>("detailCode");
    for (const ArmEngineTemplates::Case &item : ArmEngineTemplates::refusedCases()) {
        QTest::addRow("%s", item.name) << item.templateText << item.parameters << QString::fromUtf8(item.words)
                                       << QString::fromUtf8(item.detailCode);
    }
}

void TestArmTemplateEngine::refuses()
{
    QFETCH(QByteArray, templateText);
    QFETCH(QByteArray, parameters);
    QFETCH(QString, words);
    QFETCH(QString, detailCode);
    QJsonParseError parseError;
    const QJsonObject templateJson = QJsonDocument::fromJson(templateText, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const Result<ArmTemplateEngine> engine = ArmTemplateEngine::prepare(templateJson, object(parameters), scope());
    QVERIFY(!engine);
    QCOMPARE(ArmErrors::httpStatus(engine.error()), 400);
    const CloudError error = ArmErrors::cloudError(engine.error());
    QCOMPARE(error.code, QStringLiteral("InvalidTemplate"));
    QVERIFY2(error.message.startsWith(QStringLiteral("Deployment template validation failed: ")),
             qPrintable(error.message));
    for (const QString &word : words.split(QLatin1Char('|')))
        QVERIFY2(error.message.contains(word, Qt::CaseInsensitive),
                 qPrintable(word + QStringLiteral(" not in: ") + error.message));
    if (!detailCode.isEmpty()) {
        QVERIFY(!error.details.isEmpty());
        QCOMPARE(error.details.constFirst().code, detailCode);
    }
}

void TestArmTemplateEngine::ordersResourcesByDependencies()
{
    const Result<ArmTemplateEngine> engine = ArmTemplateEngine::prepare(
        object(ArmEngineTemplates::orderingTemplate()),
        QJsonObject {{QStringLiteral("apiKey"), QJsonObject {{QStringLiteral("value"), QStringLiteral("s3cret")}}}},
        scope());
    QVERIFY2(engine, qPrintable(engine ? QString() : engine.error().message()));
    QStringList order;
    for (const ArmTemplateEngine::Resource &resource : engine.value().resources())
        order << resource.type + QLatin1Char(':') + resource.name;
    // The namespace first (the hub's reference() needs it), its nested Event Hub with full type and name, then the
    // hub; the storage account's condition is false.
    QCOMPARE(order.indexOf(QStringLiteral("Microsoft.EventHub/namespaces:evhubns-x1")), 0);
    QVERIFY(order.contains(QStringLiteral("Microsoft.EventHub/namespaces/eventhubs:evhubns-x1/Events")));
    QVERIFY(order.indexOf(QStringLiteral("Microsoft.Devices/IotHubs:hub-x1")) > 0);
    QCOMPARE(order.size(), 3);
    QCOMPARE(engine.value().skippedResources().size(), 1);
    QVERIFY(engine.value().skippedResources().constFirst().endsWith(QStringLiteral("/storageAccounts/stskipped")));

    const ArmTemplateEngine::Resource hub = engine.value().resources().at(
        engine.value().indexOf(QStringLiteral("/subscriptions/f9943056-8fc6-4ba7-8d52-06537232ebb8/resourceGroups/rg/"
                                              "providers/Microsoft.Devices/IotHubs/hub-x1")));
    QVERIFY(hub.hasDeferredValues);
    QCOMPARE(hub.dependsOn.size(), 1);
    QVERIFY(hub.dependsOn.constFirst().endsWith(QStringLiteral("/namespaces/evhubns-x1")));

    // Secure parameters are shown without their value; defaults are evaluated.
    const QJsonObject display = engine.value().parametersForDisplay();
    const QJsonObject secure {{QStringLiteral("type"), QStringLiteral("SecureString")}};
    QCOMPARE(display.value(QStringLiteral("apiKey")).toObject(), secure);
    QCOMPARE(display.value(QStringLiteral("hubName")).toObject().value(QStringLiteral("value")).toString(),
             QStringLiteral("hub-x1"));
    QVERIFY(!QJsonDocument(display).toJson().contains("s3cret"));
}

void TestArmTemplateEngine::evaluatesResourcesAndOutputsAgainstTheReader()
{
    const Result<ArmTemplateEngine> engine = ArmTemplateEngine::prepare(
        object(ArmEngineTemplates::orderingTemplate()),
        QJsonObject {{QStringLiteral("apiKey"), QJsonObject {{QStringLiteral("value"), QStringLiteral("s3cret")}}}},
        scope());
    QVERIFY(engine);
    FakeReader reader;
    const int hubIndex =
        engine.value().indexOf(QStringLiteral("/subscriptions/f9943056-8fc6-4ba7-8d52-06537232ebb8/resourceGroups/rg/"
                                              "providers/Microsoft.Devices/IotHubs/hub-x1"));
    const Result<QJsonObject> hub = engine.value().evaluateResource(hubIndex, &reader);
    QVERIFY2(hub, qPrintable(hub ? QString() : hub.error().message()));
    QCOMPARE(hub.value().value(QStringLiteral("properties")).toObject().value(QStringLiteral("note")).toString(),
             QStringLiteral("https://evhubns-x1.servicebus.windows.net:443/"));
    QCOMPARE(hub.value().value(QStringLiteral("name")).toString(), QStringLiteral("hub-x1"));
    QVERIFY(!hub.value().contains(QStringLiteral("dependsOn")));

    const Result<QJsonObject> outputs = engine.value().evaluateOutputs(&reader);
    QVERIFY2(outputs, qPrintable(outputs ? QString() : outputs.error().message()));
    QCOMPARE(outputs.value().value(QStringLiteral("endpoint")).toObject().value(QStringLiteral("value")).toString(),
             QStringLiteral("https://evhubns-x1.servicebus.windows.net:443/"));
    QCOMPARE(outputs.value().value(QStringLiteral("count")).toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("Int"));
    QCOMPARE(outputs.value().value(QStringLiteral("count")).toObject().value(QStringLiteral("value")).toInt(), 3);
    const QJsonObject secure {{QStringLiteral("type"), QStringLiteral("SecureString")}};
    QCOMPARE(outputs.value().value(QStringLiteral("key")).toObject(), secure);

    // An output reading a resource that is not there fails naming the output.
    FakeReader empty;
    const Result<ArmTemplateEngine> other = ArmTemplateEngine::prepare(
        object(ArmEngineTemplates::withBody(
            R"JSON("resources": [], "outputs": {"gone": {"type": "string", "value": "[reference('/subscriptions/f9943056-8fc6-4ba7-8d52-06537232ebb8/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/none').hostName]"}})JSON")),
        {}, scope());
    QVERIFY2(other, qPrintable(other ? QString() : other.error().message()));
    const Result<QJsonObject> failed = other.value().evaluateOutputs(&empty);
    QVERIFY(!failed);
    QCOMPARE(ArmErrors::cloudError(failed.error()).code, QStringLiteral("DeploymentOutputEvaluationFailed"));
    QVERIFY(failed.error().message().contains(QStringLiteral("gone")));
}

QTEST_GUILESS_MAIN(TestArmTemplateEngine)
#include "tst_armtemplateengine.moc"
