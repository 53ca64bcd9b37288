// DeploymentPlan: every field's validation (each bad value names its field, and nothing quotes the key), the
// deployment request's parameters against the template's, the default name suffix, and the template compiled
// into the program being exactly resources/azure/main.json.

#include "services/deploy/DeploymentPlan.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace TwinBridge;

namespace {

const QString kKey = QStringLiteral("NNSXS.SECRETKEYVALUE.0123456789");

DeploymentPlan validPlan()
{
    DeploymentPlan plan;
    plan.subscriptionId = QStringLiteral("f9943056-8fc6-4ba7-8d52-06537232ebb8");
    plan.resourceGroup = QStringLiteral("rg-twinbridge-3f2a0c1d");
    plan.location = QStringLiteral("westeurope");
    plan.nameSuffix = QStringLiteral("3f2a0c1d");
    plan.stackBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    plan.applicationId = QStringLiteral("demo-app");
    plan.stackApiKey = kKey;
    return plan;
}

using Change = std::function<void(DeploymentPlan &)>;

} // namespace

Q_DECLARE_METATYPE(Change)

class TestDeploymentPlan : public QObject
{
    Q_OBJECT

private slots:
    void aCompletePlanIsValid();
    void eachBadFieldIsNamed_data();
    void eachBadFieldIsNamed();
    void checkListsEveryIssueWithoutTheKey();
    void requestSetsEveryParameter_data();
    void requestSetsEveryParameter();
    void requestMatchesTheTemplatesParameters();
    void embeddedTemplateIsTheFile();
    void defaultNameSuffix_data();
    void defaultNameSuffix();
    void names();
};

void TestDeploymentPlan::aCompletePlanIsValid()
{
    const DeploymentPlan plan = validPlan();
    QVERIFY(plan.validate().isEmpty());
    QVERIFY(plan.check().ok());
    DeploymentPlan engine = plan;
    engine.stackBaseUrl = QStringLiteral("http://127.0.0.1:8095/api/v3");
    engine.hubSku = HubSku::F1;
    engine.eventHubSku = QStringLiteral("Basic");
    engine.storageSku = QStringLiteral("Standard_RAGRS");
    QVERIFY(engine.validate().isEmpty());
    DeploymentPlan s3 = plan;
    s3.hubSku = HubSku::S3;
    s3.hubUnits = 10;
    QVERIFY(s3.validate().isEmpty());
}

void TestDeploymentPlan::eachBadFieldIsNamed_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");

    auto row = [](const char *name, Change change, QLatin1String field, const char *words) {
        QTest::addRow("%s", name) << change << QString(field) << QString::fromUtf8(words);
    };
    row(
        "no subscription", [](DeploymentPlan &p) { p.subscriptionId.clear(); }, DeploymentField::SubscriptionId,
        "subscription");
    row(
        "subscription not a GUID", [](DeploymentPlan &p) { p.subscriptionId = QStringLiteral("my-sub"); },
        DeploymentField::SubscriptionId, "GUID");
    row(
        "no resource group", [](DeploymentPlan &p) { p.resourceGroup.clear(); }, DeploymentField::ResourceGroup,
        "resource group");
    row(
        "resource group too long", [](DeploymentPlan &p) { p.resourceGroup = QString(91, QLatin1Char('a')); },
        DeploymentField::ResourceGroup, "90");
    row(
        "resource group ends in a period", [](DeploymentPlan &p) { p.resourceGroup = QStringLiteral("rg."); },
        DeploymentField::ResourceGroup, "period");
    row(
        "resource group with a slash", [](DeploymentPlan &p) { p.resourceGroup = QStringLiteral("rg/x"); },
        DeploymentField::ResourceGroup, "letters");
    row(
        "region display name", [](DeploymentPlan &p) { p.location = QStringLiteral("West Europe"); },
        DeploymentField::Location, "westeurope");
    row(
        "no region", [](DeploymentPlan &p) { p.location.clear(); }, DeploymentField::Location, "region");
    row(
        "no deployment name", [](DeploymentPlan &p) { p.deploymentName.clear(); }, DeploymentField::DeploymentName,
        "deployment name");
    row(
        "suffix too short", [](DeploymentPlan &p) { p.nameSuffix = QStringLiteral("ab"); }, DeploymentField::NameSuffix,
        "3 to 13");
    row(
        "suffix too long", [](DeploymentPlan &p) { p.nameSuffix = QStringLiteral("abcdefghijklmn"); },
        DeploymentField::NameSuffix, "3 to 13");
    row(
        "suffix upper case", [](DeploymentPlan &p) { p.nameSuffix = QStringLiteral("ABC123"); },
        DeploymentField::NameSuffix, "lower-case");
    row(
        "suffix ends in a hyphen", [](DeploymentPlan &p) { p.nameSuffix = QStringLiteral("abc-"); },
        DeploymentField::NameSuffix, "ending");
    row(
        "suffix with an underscore", [](DeploymentPlan &p) { p.nameSuffix = QStringLiteral("a_bc"); },
        DeploymentField::NameSuffix, "hyphens");
    row(
        "address not http", [](DeploymentPlan &p) { p.stackBaseUrl = QStringLiteral("ftp://x.example/api/v3"); },
        DeploymentField::StackBaseUrl, "http(s)");
    row(
        "address without /api/v3",
        [](DeploymentPlan &p) { p.stackBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/"); },
        DeploymentField::StackBaseUrl, "/api/v3");
    row(
        "address with a query",
        [](DeploymentPlan &p) { p.stackBaseUrl = QStringLiteral("https://x.example/api/v3?code=1"); },
        DeploymentField::StackBaseUrl, "/api/v3");
    row(
        "no address", [](DeploymentPlan &p) { p.stackBaseUrl.clear(); }, DeploymentField::StackBaseUrl, "/api/v3");
    row(
        "application id upper case", [](DeploymentPlan &p) { p.applicationId = QStringLiteral("Demo-App"); },
        DeploymentField::ApplicationId, "application ID");
    row(
        "no application id", [](DeploymentPlan &p) { p.applicationId.clear(); }, DeploymentField::ApplicationId,
        "application ID");
    row(
        "no key", [](DeploymentPlan &p) { p.stackApiKey.clear(); }, DeploymentField::StackApiKey, "missing");
    row(
        "basic tier B1", [](DeploymentPlan &p) { p.hubSku = HubSku::B1; }, DeploymentField::HubSku, "no device twins");
    row(
        "basic tier B3", [](DeploymentPlan &p) { p.hubSku = HubSku::B3; }, DeploymentField::HubSku, "F1, S1, S2, S3");
    row(
        "zero units", [](DeploymentPlan &p) { p.hubUnits = 0; }, DeploymentField::HubUnits, "between 1 and 200");
    row(
        "eleven S3 units",
        [](DeploymentPlan &p) {
            p.hubSku = HubSku::S3;
            p.hubUnits = 11;
        },
        DeploymentField::HubUnits, "between 1 and 10");
    row(
        "two F1 units",
        [](DeploymentPlan &p) {
            p.hubSku = HubSku::F1;
            p.hubUnits = 2;
        },
        DeploymentField::HubUnits, "exactly one unit");
    row(
        "Event Hubs tier", [](DeploymentPlan &p) { p.eventHubSku = QStringLiteral("Gold"); },
        DeploymentField::EventHubSku, "Basic, Standard, Premium");
    row(
        "Event Hubs tier in lower case", [](DeploymentPlan &p) { p.eventHubSku = QStringLiteral("standard"); },
        DeploymentField::EventHubSku, "“standard”");
    row(
        "storage tier", [](DeploymentPlan &p) { p.storageSku = QStringLiteral("Premium_LRS"); },
        DeploymentField::StorageSku, "Standard_LRS");
}

void TestDeploymentPlan::eachBadFieldIsNamed()
{
    QFETCH(Change, change);
    QFETCH(QString, field);
    QFETCH(QString, words);
    DeploymentPlan plan = validPlan();
    change(plan);
    const ProfileIssues issues = plan.validate();
    QCOMPARE(issues.size(), qsizetype(1));
    QCOMPARE(issues.constFirst().field, field);
    QVERIFY2(issues.constFirst().message.contains(words), qPrintable(issues.constFirst().message));
    const Status checked = plan.check();
    QVERIFY(!checked.ok());
    QCOMPARE(checked.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(checked.error().code(), DeploymentPlan::invalidPlanCode());
    QVERIFY(checked.error().message().contains(field));
}

void TestDeploymentPlan::checkListsEveryIssueWithoutTheKey()
{
    DeploymentPlan plan = validPlan();
    plan.hubSku = HubSku::B2;
    plan.location = QStringLiteral("West Europe");
    plan.nameSuffix = kKey; // nonsense in a name, and a secret: quoted nowhere
    plan.storageSku.clear();
    const Status checked = plan.check();
    QVERIFY(!checked.ok());
    const QString text = checked.error().toString() + checked.error().detail();
    for (QLatin1String field :
         {DeploymentField::HubSku, DeploymentField::Location, DeploymentField::NameSuffix, DeploymentField::StorageSku})
        QVERIFY2(text.contains(field), qPrintable(text));
    QVERIFY(!text.contains(kKey));
}

void TestDeploymentPlan::requestSetsEveryParameter_data()
{
    QTest::addColumn<QString>("parameter");
    QTest::addColumn<QJsonValue>("value");
    QTest::addRow("location") << QStringLiteral("location") << QJsonValue(QStringLiteral("northeurope"));
    QTest::addRow("suffix") << QStringLiteral("nameSuffix") << QJsonValue(QStringLiteral("tb-demo-1"));
    QTest::addRow("address") << QStringLiteral("stackClusterAddress")
                             << QJsonValue(QStringLiteral("https://engine.example.com/api/v3"));
    QTest::addRow("application") << QStringLiteral("stackApplicationID") << QJsonValue(QStringLiteral("my-app"));
    QTest::addRow("key") << QStringLiteral("stackAPIKey") << QJsonValue(kKey);
    QTest::addRow("hub tier") << QStringLiteral("iotHubSKU") << QJsonValue(QStringLiteral("S2"));
    QTest::addRow("units") << QStringLiteral("iotHubCapacity") << QJsonValue(4);
    QTest::addRow("Event Hubs tier") << QStringLiteral("eventHubNamespaceSKU") << QJsonValue(QStringLiteral("Premium"));
    QTest::addRow("storage tier") << QStringLiteral("storageAccountSKU") << QJsonValue(QStringLiteral("Standard_ZRS"));
    QTest::addRow("fallback route") << QStringLiteral("enableFallbackRoute") << QJsonValue(false);
}

void TestDeploymentPlan::requestSetsEveryParameter()
{
    QFETCH(QString, parameter);
    QFETCH(QJsonValue, value);
    DeploymentPlan plan = validPlan();
    plan.location = QStringLiteral("northeurope");
    plan.nameSuffix = QStringLiteral("tb-demo-1");
    plan.stackBaseUrl = QStringLiteral("https://engine.example.com/api/v3");
    plan.applicationId = QStringLiteral("my-app");
    plan.hubSku = HubSku::S2;
    plan.hubUnits = 4;
    plan.eventHubSku = QStringLiteral("Premium");
    plan.storageSku = QStringLiteral("Standard_ZRS");
    plan.fallbackRoute = false;
    QVERIFY(plan.check().ok());
    const ArmDeploymentRequest request = plan.request();
    QCOMPARE(request.mode, QStringLiteral("Incremental"));
    QCOMPARE(request.parameterValues.value(parameter), value);
    // On the wire: {"properties": {"parameters": {"name": {"value": …}}}}.
    const QJsonObject wire =
        request.toJson().value(QLatin1String("properties")).toObject().value(QLatin1String("parameters")).toObject();
    QCOMPARE(wire.value(parameter).toObject().value(QLatin1String("value")), value);
}

void TestDeploymentPlan::requestMatchesTheTemplatesParameters()
{
    const ArmDeploymentRequest request = validPlan().request();
    QCOMPARE(request.templateContent, DeploymentPlan::embeddedTemplate());
    const QJsonObject declared = request.templateContent.value(QLatin1String("parameters")).toObject();
    QVERIFY(!declared.isEmpty());
    // Every value sent is a declared parameter, and every declared parameter is sent (the plan decides all).
    QStringList sent = request.parameterValues.keys();
    QStringList expected = declared.keys();
    sent.sort();
    expected.sort();
    QCOMPARE(sent, expected);
    // The template allows exactly the tiers the plan accepts.
    auto allowed = [&declared](const char *name) {
        QStringList values;
        for (const QJsonValue &v :
             declared.value(QLatin1String(name)).toObject().value(QLatin1String("allowedValues")).toArray())
            values.append(v.toString());
        return values;
    };
    QCOMPARE(allowed("iotHubSKU"), DeploymentPlan::hubSkus());
    QCOMPARE(allowed("eventHubNamespaceSKU"), DeploymentPlan::eventHubSkus());
    QCOMPARE(allowed("storageAccountSKU"), DeploymentPlan::storageSkus());
}

void TestDeploymentPlan::embeddedTemplateIsTheFile()
{
    QFile file(QStringLiteral(TWINBRIDGE_SOURCE_DIR "/resources/azure/main.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray onDisk = file.readAll();
    QCOMPARE(DeploymentPlan::embeddedTemplateText(), onDisk);
    QJsonParseError error;
    QCOMPARE(QJsonDocument::fromJson(onDisk, &error).object(), DeploymentPlan::embeddedTemplate());
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(DeploymentPlan::embeddedTemplate().contains(QLatin1String("resources")));
}

void TestDeploymentPlan::defaultNameSuffix_data()
{
    QTest::addColumn<QString>("profileId");
    QTest::addColumn<QString>("suffix");
    QTest::addRow("uuid") << QStringLiteral("3f2a0c1d-8b7e-4c6d-9a5b-1e2f3a4b5c6d") << QStringLiteral("3f2a0c1d");
    QTest::addRow("upper case, braces") << QStringLiteral("{3F2A0C1D-8B7E-4C6D-9A5B-1E2F3A4B5C6D}")
                                        << QStringLiteral("3f2a0c1d");
    QTest::addRow("hyphen early") << QStringLiteral("ab-cd-ef-gh-ij") << QStringLiteral("abcdefgh");
}

void TestDeploymentPlan::defaultNameSuffix()
{
    QFETCH(QString, profileId);
    QFETCH(QString, suffix);
    QCOMPARE(DeploymentPlan::defaultNameSuffix(profileId), suffix);
    DeploymentPlan plan = validPlan();
    plan.nameSuffix = DeploymentPlan::defaultNameSuffix(profileId);
    QVERIFY(plan.validate().isEmpty());
}

void TestDeploymentPlan::names()
{
    const DeploymentPlan plan = validPlan();
    QCOMPARE(plan.hubName(), QStringLiteral("iothub-3f2a0c1d"));
    QCOMPARE(plan.deploymentName, QStringLiteral("twinbridge"));
    QCOMPARE(DeploymentPlan::policyName(), QStringLiteral("twinbridge"));
}

QTEST_GUILESS_MAIN(TestDeploymentPlan)
#include "tst_deploymentplan.moc"
