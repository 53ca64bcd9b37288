#include "TtsTestSupport.h"

#include "services/tts/TtsDeviceTemplate.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::TtsTest;

class TestTtsDeviceTemplate : public QObject
{
    Q_OBJECT

private slots:
    void documentedExample();
    void versionAliasesPassThrough_data();
    void versionAliasesPassThrough();
    void lorawan11NeedsNwkKey();
    void ignoresOtherTags();
    void rejectsBadTags_data();
    void rejectsBadTags();
};

// docs:…/azure-iot-hub/devices.md (reference/tts-integration.md §1.4)
static const char *const DocumentedTags = R"json({
    "devEui": "0004A30B001C5838",
    "joinEui": "800000000000000C",
    "lorawanVersion": "1.0.2",
    "regionalParametersVersion": "1.0.2-b",
    "frequencyPlanId": "EU_863_870_TTN",
    "appKey": "459B77D46A08C427254822A33F6FA1A3",
    "versionIdentifiers": {
      "bandId": "EU_863_870", "brandId": "the-things-products",
      "firmwareVersion": "1.0", "hardwareVersion": "1.0", "modelId": "the-things-node"
    }
})json";

static const QString DocumentedAppKey = QStringLiteral("459B77D46A08C427254822A33F6FA1A3");

void TestTtsDeviceTemplate::documentedExample()
{
    const Result<TtsEndDevice> device = TtsDeviceTemplate::fromTwinTags(json(DocumentedTags), QStringLiteral("node-7"));
    QVERIFY2(device.ok(), qPrintable(device.error().message()));

    TtsEndDevice expected;
    expected.deviceId = QStringLiteral("node-7");
    expected.devEui = QStringLiteral("0004A30B001C5838");
    expected.joinEui = QStringLiteral("800000000000000C");
    expected.lorawanVersion = QStringLiteral("1.0.2");
    expected.lorawanPhyVersion = QStringLiteral("1.0.2-b");
    expected.frequencyPlanId = QStringLiteral("EU_863_870_TTN");
    expected.supportsJoin = true;
    expected.rootKeys.appKey = DocumentedAppKey;
    expected.versionIds = {QStringLiteral("the-things-products"), QStringLiteral("the-things-node"),
                           QStringLiteral("1.0"), QStringLiteral("1.0"), QStringLiteral("EU_863_870")};
    QCOMPARE(device.value(), expected);
    QVERIFY(device.value().validateForCreate().ok());
}

void TestTtsDeviceTemplate::versionAliasesPassThrough_data()
{
    QTest::addColumn<QString>("lorawanVersion");
    QTest::addColumn<QString>("phyVersion");
    QTest::addColumn<QString>("expectedMac");
    QTest::addColumn<QString>("expectedPhy");
    auto row = [](const char *name, const char *mac, const char *phy, const char *expectedMac,
                  const char *expectedPhy) {
        QTest::addRow("%s", name) << QString::fromLatin1(mac) << QString::fromLatin1(phy)
                                  << QString::fromLatin1(expectedMac) << QString::fromLatin1(expectedPhy);
    };
    row("documented 1.0 / 1.0", "1.0", "1.0", "1.0", "1.0");
    row("1.0.1 / 1.0.1", "1.0.1", "1.0.1", "1.0.1", "1.0.1");
    row("1.0.2 / 1.0.2 (= rev A)", "1.0.2", "1.0.2", "1.0.2", "1.0.2");
    row("1.0.2 / 1.0.2-a", "1.0.2", "1.0.2-a", "1.0.2", "1.0.2-a");
    row("1.0.3 / 1.0.3-a", "1.0.3", "1.0.3-a", "1.0.3", "1.0.3-a");
    row("1.0.4 / RP002", "1.0.4", "RP002_V1_0_3", "1.0.4", "RP002_V1_0_3");
    row("upper-case revision is respelled", "1.0.2", "1.0.2-B", "1.0.2", "1.0.2-b");
    row("enum names pass", "MAC_V1_0_2", "PHY_V1_0_2_REV_B", "MAC_V1_0_2", "PHY_V1_0_2_REV_B");
    row("lower-case enum names are respelled", "mac_v1_0_3", "rp001_v1_0_2_rev_b", "MAC_V1_0_3", "RP001_V1_0_2_REV_B");
    row("surrounding spaces are trimmed", " 1.0.3 ", " 1.0.3-a", "1.0.3", "1.0.3-a");
}

void TestTtsDeviceTemplate::versionAliasesPassThrough()
{
    QFETCH(QString, lorawanVersion);
    QFETCH(QString, phyVersion);
    QFETCH(QString, expectedMac);
    QFETCH(QString, expectedPhy);
    QJsonObject tags = json(DocumentedTags);
    tags.insert(QStringLiteral("lorawanVersion"), lorawanVersion);
    tags.insert(QStringLiteral("regionalParametersVersion"), phyVersion);
    const Result<TtsEndDevice> device = TtsDeviceTemplate::fromTwinTags(tags);
    QVERIFY2(device.ok(), qPrintable(device.error().message()));
    QCOMPARE(device.value().lorawanVersion, expectedMac);
    QCOMPARE(device.value().lorawanPhyVersion, expectedPhy);
}

void TestTtsDeviceTemplate::lorawan11NeedsNwkKey()
{
    QJsonObject tags = json(DocumentedTags);
    tags.insert(QStringLiteral("lorawanVersion"), QStringLiteral("1.1"));
    tags.insert(QStringLiteral("regionalParametersVersion"), QStringLiteral("1.1-b"));
    tags.insert(QStringLiteral("nwkKey"), QStringLiteral("0102030405060708090a0b0c0d0e0f10"));
    const Result<TtsEndDevice> device = TtsDeviceTemplate::fromTwinTags(tags);
    QVERIFY2(device.ok(), qPrintable(device.error().message()));
    QCOMPARE(device.value().rootKeys.nwkKey, QStringLiteral("0102030405060708090A0B0C0D0E0F10"));
    QCOMPARE(device.value().lorawanPhyVersion, QStringLiteral("1.1-b"));
}

void TestTtsDeviceTemplate::ignoresOtherTags()
{
    QJsonObject tags = json(DocumentedTags);
    tags.insert(QStringLiteral("provisioned"), true);
    tags.insert(QStringLiteral("app-id"), QStringLiteral("x"));
    tags.remove(QStringLiteral("versionIdentifiers"));
    const Result<TtsEndDevice> device = TtsDeviceTemplate::fromTwinTags(tags);
    QVERIFY(device.ok());
    QVERIFY(device.value().versionIds.isEmpty());
    QVERIFY(device.value().deviceId.isEmpty());
}

void TestTtsDeviceTemplate::rejectsBadTags_data()
{
    QTest::addColumn<QString>("key"); // tag to change ("versionIdentifiers.brandId" = nested)
    QTest::addColumn<QJsonValue>("value"); // undefined = remove
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("named"); // the tag the message must name

    const QJsonValue remove(QJsonValue::Undefined);
    auto row = [](const char *name, const char *key, const QJsonValue &value, const char *deviceId, const char *named) {
        QTest::addRow("%s", name) << QString::fromLatin1(key) << value << QString::fromLatin1(deviceId)
                                  << QString::fromLatin1(named);
    };
    row("missing devEui", "devEui", remove, "", "lorawan.devEui");
    row("devEui too short", "devEui", QJsonValue(QStringLiteral("0004A30B001C583")), "", "lorawan.devEui");
    row("devEui not hex", "devEui", QJsonValue(QStringLiteral("0004A30B001C583X")), "", "lorawan.devEui");
    row("devEui as number", "devEui", QJsonValue(12), "", "lorawan.devEui");
    row("missing joinEui", "joinEui", remove, "", "lorawan.joinEui");
    row("joinEui with dashes", "joinEui", QJsonValue(QStringLiteral("80-00-00-00-00-00-00-0C")), "", "lorawan.joinEui");
    row("missing lorawanVersion", "lorawanVersion", remove, "", "lorawan.lorawanVersion");
    row("unknown lorawanVersion", "lorawanVersion", QJsonValue(QStringLiteral("1.0.5")), "", "lorawan.lorawanVersion");
    row("missing regional parameters", "regionalParametersVersion", remove, "", "lorawan.regionalParametersVersion");
    row("unknown regional parameters", "regionalParametersVersion", QJsonValue(QStringLiteral("1.0.2-c")), "",
        "lorawan.regionalParametersVersion");
    row("missing appKey", "appKey", remove, "", "lorawan.appKey");
    row("appKey too long", "appKey", QJsonValue(DocumentedAppKey + QStringLiteral("00")), "", "lorawan.appKey");
    row("appKey not hex", "appKey", QJsonValue(DocumentedAppKey.left(31) + QStringLiteral("Z")), "", "lorawan.appKey");
    row("appKey as object", "appKey", QJsonValue(QJsonObject {{QStringLiteral("key"), DocumentedAppKey}}), "",
        "lorawan.appKey");
    row("nwkKey on a 1.0.2 device", "nwkKey", QJsonValue(DocumentedAppKey), "", "lorawan.nwkKey");
    row("missing frequencyPlanId", "frequencyPlanId", remove, "", "lorawan.frequencyPlanId");
    row("frequencyPlanId with spaces", "frequencyPlanId", QJsonValue(QStringLiteral("EU 868")), "",
        "lorawan.frequencyPlanId");
    row("versionIdentifiers not an object", "versionIdentifiers", QJsonValue(QStringLiteral("x")), "",
        "lorawan.versionIdentifiers");
    row("bad brandId", "versionIdentifiers.brandId", QJsonValue(QStringLiteral("The Things")), "",
        "lorawan.versionIdentifiers.brandId");
    row("modelId as number", "versionIdentifiers.modelId", QJsonValue(3), "", "lorawan.versionIdentifiers.modelId");
    row("firmwareVersion too long", "versionIdentifiers.firmwareVersion", QJsonValue(QString(33, QLatin1Char('1'))), "",
        "lorawan.versionIdentifiers.firmwareVersion");
    row("IoT Hub id not a TTS id", "", remove, "Node_7", "Node_7");
}

void TestTtsDeviceTemplate::rejectsBadTags()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, deviceId);
    QFETCH(QString, named);

    QJsonObject tags = json(DocumentedTags);
    if (key.startsWith(QLatin1String("versionIdentifiers."))) {
        QJsonObject version = tags.value(QStringLiteral("versionIdentifiers")).toObject();
        version.insert(key.mid(19), value);
        tags.insert(QStringLiteral("versionIdentifiers"), version);
    } else if (!key.isEmpty()) {
        if (value.isUndefined())
            tags.remove(key);
        else
            tags.insert(key, value);
    }
    const Result<TtsEndDevice> device = TtsDeviceTemplate::fromTwinTags(tags, deviceId);
    QVERIFY(!device.ok());
    QCOMPARE(device.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(device.error().code(), QStringLiteral("InvalidTwinTags"));
    const QString message = device.error().message();
    QVERIFY2(message.contains(named), qPrintable(message));
    // A key is a secret: never quoted back, whatever is wrong with it.
    QVERIFY2(!message.contains(DocumentedAppKey.left(12), Qt::CaseInsensitive), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestTtsDeviceTemplate)
#include "tst_ttsdevicetemplate.moc"
