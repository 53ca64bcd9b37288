#include "TtsTestSupport.h"

#include "services/tts/TtsEndDevice.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace TwinBridge;
using namespace TwinBridge::TtsTest;

using Mutation = std::function<void(TtsEndDevice &)>;
Q_DECLARE_METATYPE(Mutation)

class TestTtsEndDevice : public QObject
{
    Q_OBJECT

private slots:
    void fromJson_data();
    void fromJson();
    void fromJsonRejectsWrongTypes_data();
    void fromJsonRejectsWrongTypes();
    void toJsonRoundTrips();
    void toJsonWithPaths_data();
    void toJsonWithPaths();
    void fieldPathsListSetFields();
    void mergesRegistryAnswers();
    void mergeKeepsEarliestCreationAndLatestUpdate();
    void withoutSecretsDropsKeys();
    void validateForCreate_data();
    void validateForCreate();
    void ids_data();
    void ids();
};

static TtsEndDevice idsOnly(const QDateTime &created, const QDateTime &updated)
{
    TtsEndDevice device;
    device.deviceId = QStringLiteral("test-device");
    device.applicationId = QStringLiteral("my-test-app");
    device.devEui = QStringLiteral("0000000000000011");
    device.joinEui = QStringLiteral("1111111111111111");
    device.createdAt = created;
    device.updatedAt = updated;
    return device;
}

void TestTtsEndDevice::fromJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<TtsEndDevice>("expected");

    {
        TtsEndDevice device = idsOnly(utc("2024-01-10T14:26:18.084008Z"), utc("2024-01-10T14:26:18.084009Z"));
        device.networkServerAddress = QStringLiteral("thethings.example.com");
        device.applicationServerAddress = QStringLiteral("thethings.example.com");
        device.joinServerAddress = QStringLiteral("thethings.example.com");
        QTest::addRow("docs IS answer") << QByteArray(DocsIsAnswer) << device;
    }
    {
        TtsEndDevice device = idsOnly(utc("2024-01-10T14:30:01.564243Z"), utc("2024-01-10T14:30:01.564243Z"));
        device.networkServerAddress = QStringLiteral("thethings.example.com");
        device.applicationServerAddress = QStringLiteral("thethings.example.com");
        device.rootKeys.appKey = QStringLiteral("11223344556677881122334455667788");
        QTest::addRow("docs JS answer") << QByteArray(DocsJsAnswer) << device;
    }
    {
        TtsEndDevice device = idsOnly(utc("2024-01-10T14:34:54.493279Z"), utc("2024-01-10T14:34:54.493279Z"));
        device.lorawanVersion = QStringLiteral("MAC_V1_0_2");
        device.lorawanPhyVersion = QStringLiteral("PHY_V1_0_2_REV_B");
        device.frequencyPlanId = QStringLiteral("EU_863_870_TTN");
        device.supportsJoin = true;
        QTest::addRow("docs NS answer") << QByteArray(DocsNsAnswer) << device;
    }
    {
        TtsEndDevice device = idsOnly(utc("2024-01-10T14:37:56.826742Z"), utc("2024-01-10T14:37:56.826742Z"));
        QTest::addRow("docs AS answer") << QByteArray(DocsAsAnswer) << device;
    }
    {
        TtsEndDevice device;
        device.deviceId = QStringLiteral("dev1");
        device.applicationId = QStringLiteral("app1");
        device.devEui = QStringLiteral("0004A30B001C0530");
        device.joinEui = QStringLiteral("800000000000000C");
        device.devAddr = QStringLiteral("00BCB929");
        device.name = QStringLiteral("Node 1");
        device.description = QStringLiteral("On the roof");
        device.attributes = {{QStringLiteral("site"), QStringLiteral("north")}};
        device.versionIds = {QStringLiteral("the-things-products"), QStringLiteral("the-things-uno"),
                             QStringLiteral("1.0"), QStringLiteral("quickstart"), QStringLiteral("US_902_928")};
        device.supportsClassB = false;
        device.supportsClassC = true;
        device.rootKeys.rootKeyId = QStringLiteral("rk1");
        device.rootKeys.nwkKey = QStringLiteral("0102030405060708010203040506070A");
        device.formatters = {QStringLiteral("FORMATTER_REPOSITORY"), QString(), QStringLiteral("FORMATTER_JAVASCRIPT"),
                             QStringLiteral("function encodeDownlink(input) {}")};
        device.lastSeenAt = utc("2020-02-12T15:15:46.014Z");
        device.activatedAt = utc("2020-02-12T15:00:00Z");
        device.locations =
            json(R"json({"user":{"latitude":37.97,"longitude":23.72,"altitude":10,"source":"SOURCE_REGISTRY"}})json");
        // lower-case hex is normalised; unknown fields are ignored
        QTest::addRow("every field")
            << QByteArray(
                   R"json({"ids":{"device_id":"dev1","application_ids":{"application_id":"app1"},"dev_eui":"0004a30b001c0530","join_eui":"800000000000000C","dev_addr":"00bcb929"},
                 "name":"Node 1","description":"On the roof","attributes":{"site":"north"},
                 "version_ids":{"brand_id":"the-things-products","model_id":"the-things-uno","hardware_version":"1.0","firmware_version":"quickstart","band_id":"US_902_928"},
                 "supports_class_b":false,"supports_class_c":true,
                 "root_keys":{"root_key_id":"rk1","nwk_key":{"key":"0102030405060708010203040506070a"}},
                 "formatters":{"up_formatter":"FORMATTER_REPOSITORY","down_formatter":"FORMATTER_JAVASCRIPT","down_formatter_parameter":"function encodeDownlink(input) {}"},
                 "last_seen_at":"2020-02-12T15:15:46.014Z","activated_at":"2020-02-12T15:00:00Z",
                 "locations":{"user":{"latitude":37.97,"longitude":23.72,"altitude":10,"source":"SOURCE_REGISTRY"}},
                 "mac_state":{"lorawan_version":"MAC_V1_0_2"},"serial_number":"abc-123"})json")
            << device;
    }
    QTest::addRow("empty object (a page past the end)") << QByteArray("{}") << TtsEndDevice();
    {
        TtsEndDevice device;
        device.deviceId = QStringLiteral("dev2");
        QTest::addRow("nulls read as absent")
            << QByteArray(
                   R"json({"ids":{"device_id":"dev2","dev_eui":null},"name":null,"supports_join":null,"created_at":null})json")
            << device;
    }
}

void TestTtsEndDevice::fromJson()
{
    QFETCH(QByteArray, body);
    QFETCH(TtsEndDevice, expected);
    const Result<TtsEndDevice> device = TtsEndDevice::fromJson(json(body));
    QVERIFY2(device.ok(), qPrintable(device.error().message()));
    QCOMPARE(device.value(), expected);
}

void TestTtsEndDevice::fromJsonRejectsWrongTypes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("EUI as number") << QByteArray(R"json({"ids":{"dev_eui":5}})json") << QStringLiteral("ids.dev_eui");
    QTest::addRow("ids not an object") << QByteArray(R"json({"ids":"dev1"})json") << QStringLiteral("ids");
    QTest::addRow("application_ids as string")
        << QByteArray(R"json({"ids":{"application_ids":"app"}})json") << QStringLiteral("ids.application_ids");
    QTest::addRow("bool as string") << QByteArray(R"json({"supports_join":"yes"})json")
                                    << QStringLiteral("supports_join");
    QTest::addRow("bad timestamp") << QByteArray(R"json({"created_at":"yesterday"})json")
                                   << QStringLiteral("created_at");
    QTest::addRow("timestamp without zone")
        << QByteArray(R"json({"updated_at":"2024-01-10T14:26:18"})json") << QStringLiteral("updated_at");
    QTest::addRow("attribute value not a string")
        << QByteArray(R"json({"attributes":{"floor":3}})json") << QStringLiteral("attributes.floor");
    QTest::addRow("key envelope as string")
        << QByteArray(R"json({"root_keys":{"app_key":"00"}})json") << QStringLiteral("root_keys.app_key");
    QTest::addRow("formatter as number") << QByteArray(R"json({"formatters":{"up_formatter":2}})json")
                                         << QStringLiteral("formatters.up_formatter");
    QTest::addRow("locations as list") << QByteArray(R"json({"locations":[]})json") << QStringLiteral("locations");
}

void TestTtsEndDevice::fromJsonRejectsWrongTypes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const Result<TtsEndDevice> device = TtsEndDevice::fromJson(json(body));
    QVERIFY(!device.ok());
    QCOMPARE(device.error().kind(), ServiceError::Kind::MalformedResponse);
    QVERIFY2(device.error().message().startsWith(field + QStringLiteral(": ")),
             qPrintable(device.error().message()));
}

void TestTtsEndDevice::toJsonRoundTrips()
{
    TtsEndDevice device = docsDevice();
    device.applicationId = QStringLiteral("my-test-app");
    device.devAddr = QStringLiteral("260B1234");
    device.name = QStringLiteral("Kitchen");
    device.attributes = {{QStringLiteral("room"), QStringLiteral("kitchen")}};
    device.versionIds.brandId = QStringLiteral("the-things-products");
    device.versionIds.bandId = QStringLiteral("EU_863_870");
    device.supportsJoin = true;
    device.supportsClassC = false;
    device.rootKeys.nwkKey = QStringLiteral("AABBCCDDEEFF00112233445566778899");
    device.formatters.upFormatter = QStringLiteral("FORMATTER_CAYENNELPP");
    device.createdAt = utc("2024-01-10T14:26:18.084Z");
    device.lastSeenAt = utc("2024-02-01T00:00:00.001Z");
    device.locations = json(R"json({"frm-payload":{"latitude":1.5,"longitude":2.5,"source":"SOURCE_GPS"}})json");

    const QJsonObject object = device.toJson();
    QCOMPARE(
        object.value(QStringLiteral("ids")).toObject(),
        json(
            R"json({"device_id":"test-device","application_ids":{"application_id":"my-test-app"},"dev_eui":"0000000000000011","join_eui":"1111111111111111","dev_addr":"260B1234"})json"));
    QCOMPARE(object.value(QStringLiteral("supports_class_c")), QJsonValue(false));
    QCOMPARE(object.value(QStringLiteral("created_at")).toString(), QStringLiteral("2024-01-10T14:26:18.084Z"));
    QVERIFY(!object.contains(QStringLiteral("description")));

    const Result<TtsEndDevice> parsed = TtsEndDevice::fromJson(object);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value(), device);
}

void TestTtsEndDevice::toJsonWithPaths_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray ids =
        R"json("ids":{"device_id":"test-device","dev_eui":"0000000000000011","join_eui":"1111111111111111"})json";
    QTest::addRow("ids only") << QStringList {QStringLiteral("ids.device_id"), QStringLiteral("ids.dev_eui")}
                              << QByteArray("{" + ids + "}");
    QTest::addRow("nested key")
        << QStringList {QStringLiteral("root_keys.app_key.key")}
        << QByteArray("{" + ids + R"json(,"root_keys":{"app_key":{"key":"11223344556677881122334455667788"}}})json");
    QTest::addRow("scalars")
        << QStringList {QStringLiteral("lorawan_version"), QStringLiteral("frequency_plan_id")}
        << QByteArray("{" + ids + R"json(,"lorawan_version":"1.0.2","frequency_plan_id":"EU_863_870_TTN"})json");
    QTest::addRow("unset paths are left out")
        << QStringList {QStringLiteral("name"), QStringLiteral("root_keys.nwk_key.key"), QStringLiteral("version_ids")}
        << QByteArray("{" + ids + "}");
}

void TestTtsEndDevice::toJsonWithPaths()
{
    QFETCH(QStringList, paths);
    QFETCH(QByteArray, expected);
    TtsEndDevice device = docsDevice();
    device.applicationId = QStringLiteral("my-test-app"); // comes from the URL, never in the body
    QCOMPARE(device.toJson(paths), json(expected));
}

void TestTtsEndDevice::fieldPathsListSetFields()
{
    TtsEndDevice device = docsDevice();
    device.supportsJoin = true;
    device.versionIds.modelId = QStringLiteral("m1");
    QCOMPARE(device.fieldPaths(),
             (QStringList {QStringLiteral("version_ids"), QStringLiteral("lorawan_version"),
                           QStringLiteral("lorawan_phy_version"), QStringLiteral("frequency_plan_id"),
                           QStringLiteral("supports_join"), QStringLiteral("root_keys.app_key.key")}));
    QVERIFY(TtsEndDevice().fieldPaths().isEmpty());
}

void TestTtsEndDevice::mergesRegistryAnswers()
{
    TtsEndDevice merged;
    for (const char *answer : {DocsIsAnswer, DocsJsAnswer, DocsNsAnswer, DocsAsAnswer})
        merged = merged.mergedWith(TtsEndDevice::fromJson(json(answer)).value());

    TtsEndDevice expected = idsOnly(utc("2024-01-10T14:26:18.084008Z"), utc("2024-01-10T14:37:56.826742Z"));
    expected.networkServerAddress = QStringLiteral("thethings.example.com");
    expected.applicationServerAddress = QStringLiteral("thethings.example.com");
    expected.joinServerAddress = QStringLiteral("thethings.example.com");
    expected.rootKeys.appKey = QStringLiteral("11223344556677881122334455667788");
    expected.lorawanVersion = QStringLiteral("MAC_V1_0_2");
    expected.lorawanPhyVersion = QStringLiteral("PHY_V1_0_2_REV_B");
    expected.frequencyPlanId = QStringLiteral("EU_863_870_TTN");
    expected.supportsJoin = true;
    QCOMPARE(merged, expected);

    // Fields another registry does not return survive; fields it returns win; ids only fill gaps.
    TtsEndDevice is;
    is.deviceId = QStringLiteral("a-device");
    is.name = QStringLiteral("IS name");
    is.attributes = {{QStringLiteral("a"), QStringLiteral("1")}};
    TtsEndDevice ns;
    ns.deviceId = QStringLiteral("other-id");
    ns.devAddr = QStringLiteral("26011234");
    ns.supportsClassC = false;
    ns.attributes = {{QStringLiteral("b"), QStringLiteral("2")}};
    const TtsEndDevice both = is.mergedWith(ns);
    QCOMPARE(both.deviceId, QStringLiteral("a-device"));
    QCOMPARE(both.name, QStringLiteral("IS name"));
    QCOMPARE(both.devAddr, QStringLiteral("26011234"));
    QCOMPARE(both.supportsClassC, std::optional<bool>(false));
    QCOMPARE(both.attributes.size(), 2);
}

void TestTtsEndDevice::mergeKeepsEarliestCreationAndLatestUpdate()
{
    TtsEndDevice first;
    first.createdAt = utc("2024-01-02T00:00:00Z");
    first.updatedAt = utc("2024-01-05T00:00:00Z");
    TtsEndDevice second;
    second.createdAt = utc("2024-01-01T00:00:00Z");
    second.updatedAt = utc("2024-01-03T00:00:00Z");
    const TtsEndDevice merged = first.mergedWith(second);
    QCOMPARE(merged.createdAt, utc("2024-01-01T00:00:00Z"));
    QCOMPARE(merged.updatedAt, utc("2024-01-05T00:00:00Z"));
}

void TestTtsEndDevice::withoutSecretsDropsKeys()
{
    TtsEndDevice device = docsDevice();
    device.rootKeys.nwkKey = QStringLiteral("AABBCCDDEEFF00112233445566778899");
    device.rootKeys.rootKeyId = QStringLiteral("rk");
    const TtsEndDevice safe = device.withoutSecrets();
    QVERIFY(safe.rootKeys.appKey.isEmpty());
    QVERIFY(safe.rootKeys.nwkKey.isEmpty());
    QCOMPARE(safe.rootKeys.rootKeyId, QStringLiteral("rk"));
    const QByteArray text = QJsonDocument(safe.toJson()).toJson();
    QVERIFY(!text.contains("11223344556677881122334455667788"));
    QCOMPARE(safe.devEui, device.devEui);
}

void TestTtsEndDevice::validateForCreate_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("word"); // empty = valid

    QTest::addRow("docs device is valid") << Mutation([](TtsEndDevice &) {}) << QString();
    QTest::addRow("LoRaWAN 1.1 with both keys") << Mutation([](TtsEndDevice &d) {
        d.lorawanVersion = QStringLiteral("1.1");
        d.lorawanPhyVersion = QStringLiteral("1.1-b");
        d.rootKeys.nwkKey = QStringLiteral("AABBCCDDEEFF00112233445566778899");
    }) << QString();
    QTest::addRow("enum names are fine") << Mutation([](TtsEndDevice &d) {
        d.lorawanVersion = QStringLiteral("MAC_V1_0_3");
        d.lorawanPhyVersion = QStringLiteral("RP002_V1_0_1");
    }) << QString();
    QTest::addRow("bad device id") << Mutation([](TtsEndDevice &d) { d.deviceId = QStringLiteral("Test_Device"); })
                                   << QStringLiteral("device id");
    QTest::addRow("short DevEUI") << Mutation([](TtsEndDevice &d) { d.devEui = QStringLiteral("00000000000011"); })
                                  << QStringLiteral("DevEUI");
    QTest::addRow("non-hex JoinEUI") << Mutation([](TtsEndDevice &d) {
        d.joinEui = QStringLiteral("111111111111111G");
    }) << QStringLiteral("JoinEUI");
    QTest::addRow("no frequency plan") << Mutation([](TtsEndDevice &d) { d.frequencyPlanId.clear(); })
                                       << QStringLiteral("frequency plan");
    QTest::addRow("unknown MAC version") << Mutation([](TtsEndDevice &d) {
        d.lorawanVersion = QStringLiteral("1.0.9");
    }) << QStringLiteral("LoRaWAN version");
    QTest::addRow("unknown PHY version") << Mutation([](TtsEndDevice &d) { d.lorawanPhyVersion = QStringLiteral("2"); })
                                         << QStringLiteral("regional parameters");
    QTest::addRow("ABP") << Mutation([](TtsEndDevice &d) { d.supportsJoin = false; }) << QStringLiteral("OTAA");
    QTest::addRow("short AppKey") << Mutation([](TtsEndDevice &d) { d.rootKeys.appKey.chop(1); })
                                  << QStringLiteral("AppKey");
    QTest::addRow("1.1 without NwkKey") << Mutation([](TtsEndDevice &d) { d.lorawanVersion = QStringLiteral("1.1"); })
                                        << QStringLiteral("NwkKey");
    QTest::addRow("bad NwkKey") << Mutation([](TtsEndDevice &d) { d.rootKeys.nwkKey = QStringLiteral("zz"); })
                                << QStringLiteral("NwkKey");
}

void TestTtsEndDevice::validateForCreate()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, word);
    TtsEndDevice device = docsDevice();
    mutate(device);
    const Status status = device.validateForCreate();
    if (word.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.error().message()));
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(status.error().message().contains(word), qPrintable(status.error().message()));
    QVERIFY(!status.error().message().contains(device.rootKeys.appKey.left(16), Qt::CaseInsensitive));
}

void TestTtsEndDevice::ids_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::addRow("docs id") << QStringLiteral("test-device") << true;
    QTest::addRow("three characters") << QStringLiteral("ab1") << true;
    QTest::addRow("36 characters") << QString(36, QLatin1Char('a')) << true;
    QTest::addRow("37 characters") << QString(37, QLatin1Char('a')) << false;
    QTest::addRow("two characters") << QStringLiteral("ab") << false;
    QTest::addRow("upper case") << QStringLiteral("Device") << false;
    QTest::addRow("double dash") << QStringLiteral("a--b") << false;
    QTest::addRow("leading dash") << QStringLiteral("-abc") << false;
    QTest::addRow("trailing dash") << QStringLiteral("abc-") << false;
    QTest::addRow("underscore") << QStringLiteral("a_b_c") << false;
    QTest::addRow("slash") << QStringLiteral("a/b/c") << false;
}

void TestTtsEndDevice::ids()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(TtsEndDevice::isValidId(id), valid);
}

QTEST_GUILESS_MAIN(TestTtsEndDevice)
#include "tst_ttsenddevice.moc"
