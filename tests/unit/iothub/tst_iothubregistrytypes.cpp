#include "services/iothub/BulkImportResult.h"
#include "services/iothub/DeviceStatistics.h"
#include "services/iothub/ImportDevice.h"
#include "services/iothub/QueryPage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

// ImportDevice, BulkImportResult, QueryPage and DeviceStatistics: the smaller registry documents.
class TestIotHubRegistryTypes : public QObject
{
    Q_OBJECT

private slots:
    void importModes_data();
    void importModes();
    void importDeviceJson();
    void importDeviceRejects_data();
    void importDeviceRejects();
    void bulkResult_data();
    void bulkResult();
    void bulkResultRejects_data();
    void bulkResultRejects();
    void queryPage_data();
    void queryPage();
    void queryPageTwins();
    void statistics_data();
    void statistics();
};

static QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

void TestIotHubRegistryTypes::importModes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("needsEtag");
    using M = ImportDevice::Mode;
    QTest::addRow("create") << QStringLiteral("create") << int(M::Create) << false;
    QTest::addRow("update") << QStringLiteral("update") << int(M::Update) << false;
    QTest::addRow("updateIfMatchETag") << QStringLiteral("updateIfMatchETag") << int(M::UpdateIfMatchETag) << true;
    QTest::addRow("delete") << QStringLiteral("delete") << int(M::Delete) << false;
    QTest::addRow("deleteIfMatchETag") << QStringLiteral("deleteIfMatchETag") << int(M::DeleteIfMatchETag) << true;
    QTest::addRow("updateTwin") << QStringLiteral("updateTwin") << int(M::UpdateTwin) << false;
    QTest::addRow("updateTwinIfMatchETag")
        << QStringLiteral("updateTwinIfMatchETag") << int(M::UpdateTwinIfMatchETag) << true;
    QTest::addRow("createOrUpdate") << QStringLiteral("createOrUpdate") << int(M::CreateOrUpdate) << false;
    QTest::addRow("createOrUpdateIfMatchETag")
        << QStringLiteral("createOrUpdateIfMatchETag") << int(M::CreateOrUpdateIfMatchETag) << true;
}

void TestIotHubRegistryTypes::importModes()
{
    QFETCH(QString, name);
    QFETCH(int, mode);
    QFETCH(bool, needsEtag);
    QCOMPARE(ImportDevice::modeName(ImportDevice::Mode(mode)), name);
    QCOMPARE(ImportDevice::parseMode(name), std::optional(ImportDevice::Mode(mode)));
    QCOMPARE(ImportDevice::parseMode(name.toUpper()), std::optional(ImportDevice::Mode(mode))); // Node sends "Update"
    QCOMPARE(ImportDevice::modeNeedsEtag(ImportDevice::Mode(mode)), needsEtag);
}

void TestIotHubRegistryTypes::importDeviceJson()
{
    DeviceIdentity device;
    device.deviceId = QStringLiteral("lora-01");
    device.status = DeviceIdentity::Status::Disabled;
    ImportDevice entry = ImportDevice::fromIdentity(device, ImportDevice::Mode::Create);
    entry.tags = QJsonObject{{QStringLiteral("lorawan"), QJsonObject{{QStringLiteral("provisioned"), true}}}};
    entry.desired = QJsonObject{{QStringLiteral("interval"), 60}};
    const QJsonObject expected = object(R"({"id":"lora-01","importMode":"create","status":"disabled",
        "authentication":{"type":"sas","symmetricKey":{"primaryKey":null,"secondaryKey":null},
                          "x509Thumbprint":{"primaryThumbprint":null,"secondaryThumbprint":null}},
        "tags":{"lorawan":{"provisioned":true}},"properties":{"desired":{"interval":60}},
        "capabilities":{"iotEdge":false}})");
    QCOMPARE(entry.toJson(), expected);
    const Result<ImportDevice> back = ImportDevice::fromJson(entry.toJson());
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QVERIFY(back.value() == entry);

    const ImportDevice deletion = ImportDevice::deletion(QStringLiteral("d2"), QStringLiteral("etag2"));
    QCOMPARE(deletion.toJson(), object(R"({"id":"d2","importMode":"deleteIfMatchETag","eTag":"etag2"})"));
    QCOMPARE(ImportDevice::deletion(QStringLiteral("d3")).toJson(), object(R"({"id":"d3","importMode":"delete"})"));
}

void TestIotHubRegistryTypes::importDeviceRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addRow("missing id") << QByteArray(R"({"importMode":"create"})") << QStringLiteral("id");
    QTest::addRow("mode unknown") << QByteArray(R"({"id":"d","importMode":"upsert"})")
                                  << QStringLiteral("importMode");
    QTest::addRow("tags list") << QByteArray(R"({"id":"d","tags":[]})") << QStringLiteral("tags");
    QTest::addRow("desired string") << QByteArray(R"({"id":"d","properties":{"desired":"x"}})")
                                    << QStringLiteral("properties.desired");
    QTest::addRow("eTag number") << QByteArray(R"({"id":"d","eTag":3})") << QStringLiteral("eTag");
}

void TestIotHubRegistryTypes::importDeviceRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const Result<ImportDevice> result = ImportDevice::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(result.error().message().startsWith(field), qPrintable(result.error().message()));
}

void TestIotHubRegistryTypes::bulkResult_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("successful");
    QTest::addColumn<QStringList>("failed");
    QTest::addColumn<QString>("firstCode");
    QTest::addColumn<int>("warnings");

    QTest::addRow("success") << QByteArray(R"({"isSuccessful":true,"errors":[],"warnings":[]})") << true
                             << QStringList() << QString() << 0;
    QTest::addRow("minimal") << QByteArray(R"({"isSuccessful":true})") << true << QStringList() << QString() << 0;
    QTest::addRow("one failure")
        << QByteArray(R"({"isSuccessful":false,"errors":[{"deviceId":"d2","errorCode":"DeviceAlreadyExists",
              "errorStatus":"A device with ID 'd2' is already registered.","operation":"create"}],
              "warnings":[{"deviceId":"d3","warningCode":"DeviceRegisteredWithoutTwin","warningStatus":"…"}]})")
        << false << QStringList{QStringLiteral("d2")} << QStringLiteral("DeviceAlreadyExists") << 1;
    QTest::addRow("numeric code")
        << QByteArray(R"({"isSuccessful":false,"errors":[{"deviceId":"d1","errorCode":409001,"moduleId":null}]})")
        << false << QStringList{QStringLiteral("d1")} << QStringLiteral("409001") << 0;
}

void TestIotHubRegistryTypes::bulkResult()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, successful);
    QFETCH(QStringList, failed);
    QFETCH(QString, firstCode);
    QFETCH(int, warnings);
    const QJsonObject document = QJsonDocument::fromJson(json).object();
    QVERIFY(BulkImportResult::looksLikeResult(document));
    const Result<BulkImportResult> result = BulkImportResult::fromJson(document);
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value().isSuccessful, successful);
    QCOMPARE(result.value().failedDeviceIds(), failed);
    QCOMPARE(int(result.value().warnings.size()), warnings);
    if (!failed.isEmpty()) {
        QCOMPARE(result.value().errorFor(failed.first())->errorCode, firstCode);
        QVERIFY(result.value().errorFor(QStringLiteral("nobody")) == nullptr);
    }
    const Result<BulkImportResult> back = BulkImportResult::fromJson(result.value().toJson());
    QVERIFY(back.ok());
    QVERIFY(back.value() == result.value());
}

void TestIotHubRegistryTypes::bulkResultRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addRow("isSuccessful string") << QByteArray(R"({"isSuccessful":"false"})")
                                         << QStringLiteral("isSuccessful");
    QTest::addRow("errors object") << QByteArray(R"({"isSuccessful":false,"errors":{}})")
                                   << QStringLiteral("errors");
    QTest::addRow("error not object") << QByteArray(R"({"isSuccessful":false,"errors":["x"]})")
                                      << QStringLiteral("errors");
    QTest::addRow("error deviceId number") << QByteArray(R"({"isSuccessful":false,"errors":[{},{"deviceId":1}]})")
                                           << QStringLiteral("errors[1].deviceId");
    QTest::addRow("warning code bool") << QByteArray(R"({"isSuccessful":true,"warnings":[{"warningCode":true}]})")
                                       << QStringLiteral("warnings[0].warningCode");
}

void TestIotHubRegistryTypes::bulkResultRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const Result<BulkImportResult> result = BulkImportResult::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(result.error().message().startsWith(field), qPrintable(result.error().message()));
}

void TestIotHubRegistryTypes::queryPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("items");
    QTest::addRow("twins") << QByteArray(R"([{"deviceId":"a"},{"deviceId":"b"}])") << true << 2;
    QTest::addRow("empty") << QByteArray("[]") << true << 0;
    QTest::addRow("aggregate") << QByteArray(R"([{"numberOfDevices":42}])") << true << 1;
    QTest::addRow("object instead of list") << QByteArray(R"({"deviceId":"a"})") << false << 0;
    QTest::addRow("not JSON") << QByteArray("<html>") << false << 0;
    QTest::addRow("empty body") << QByteArray() << false << 0;
}

void TestIotHubRegistryTypes::queryPage()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(int, items);
    const Result<QueryPage> page = QueryPage::fromJson(body, QStringLiteral("token-2"), QStringLiteral("Twin"));
    QCOMPARE(page.ok(), ok);
    if (!ok) {
        QCOMPARE(page.error().kind(), ServiceError::Kind::InvalidInput);
        return;
    }
    QCOMPARE(int(page.value().size()), items);
    QCOMPARE(page.value().continuationToken, QStringLiteral("token-2"));
    QVERIFY(page.value().hasMore());
    QCOMPARE(page.value().itemType, QStringLiteral("Twin"));
}

void TestIotHubRegistryTypes::queryPageTwins()
{
    const Result<QueryPage> page = QueryPage::fromJson(
        R"([{"deviceId":"a","properties":{"desired":{"$version":3}}},{"deviceId":"b","tags":{"x":1}}])");
    QVERIFY(page.ok());
    QVERIFY(!page.value().hasMore());
    const Result<QList<DeviceTwin>> twins = page.value().twins();
    QVERIFY(twins.ok());
    QCOMPARE(int(twins.value().size()), 2);
    QCOMPARE(twins.value().at(0).desiredVersion(), qint64(3));
    QCOMPARE(twins.value().at(1).deviceId, QStringLiteral("b"));

    const Result<QueryPage> raw = QueryPage::fromJson(R"([{"deviceId":"a"}, 5])");
    QVERIFY(raw.ok()); // raw items are fine …
    const Result<QList<DeviceTwin>> notTwins = raw.value().twins();
    QVERIFY(!notTwins.ok()); // … but not as twins
    QVERIFY(notTwins.error().message().contains(QStringLiteral("2")));

    const Result<QueryPage> badTwin = QueryPage::fromJson(R"([{"deviceId":"a","tags":7}])");
    QVERIFY(!badTwin.value().twins().ok());
    QVERIFY(badTwin.value().twins().error().message().contains(QStringLiteral("tags: ")));

    QCOMPARE(QueryPage::requestBody(QStringLiteral("SELECT * FROM devices")),
             object(R"({"query":"SELECT * FROM devices"})"));
}

void TestIotHubRegistryTypes::statistics_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("total");
    QTest::addRow("reference") << QByteArray(
                                      R"({"totalDeviceCount":12,"enabledDeviceCount":10,"disabledDeviceCount":2})")
                               << true << qint64(12);
    QTest::addRow("missing fields") << QByteArray("{}") << true << qint64(0);
    QTest::addRow("string count") << QByteArray(R"({"totalDeviceCount":"12"})") << false << qint64(0);
    QTest::addRow("negative count") << QByteArray(R"({"totalDeviceCount":-1})") << false << qint64(0);
}

void TestIotHubRegistryTypes::statistics()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(qint64, total);
    const Result<DeviceStatistics> statistics = DeviceStatistics::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(statistics.ok(), ok);
    if (ok) {
        QCOMPARE(statistics.value().totalDeviceCount, total);
        QVERIFY(DeviceStatistics::fromJson(statistics.value().toJson()).value() == statistics.value());
    } else {
        QVERIFY(statistics.error().message().startsWith(QStringLiteral("totalDeviceCount: ")));
    }
}

QTEST_GUILESS_MAIN(TestIotHubRegistryTypes)
#include "tst_iothubregistrytypes.moc"
