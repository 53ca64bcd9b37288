#include "TtsTestSupport.h"

#include "services/tts/TtsRights.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::TtsTest;

using Right = TtsRights::Right;
using Operation = TtsRights::Operation;
Q_DECLARE_METATYPE(TtsRights::Operation)

class TestTtsRights : public QObject
{
    Q_OBJECT

private slots:
    void parsesRightsList();
    void rejectsMalformedList_data();
    void rejectsMalformedList();
    void wireNamesRoundTrip();
    void implications_data();
    void implications();
    void missingForOperation_data();
    void missingForOperation();
    void reportNamesEachMissingRight();
    void azureBundleIsWhatTheEngineNeeds();
};

static TtsRights parse(const char *body)
{
    const Result<TtsRights> rights = TtsRights::fromJson(json(body));
    if (!rights)
        qFatal("could not parse rights: %s", qPrintable(rights.error().message()));
    return rights.value();
}

void TestTtsRights::parsesRightsList()
{
    const TtsRights rights = parse(R"json({"rights":["RIGHT_APPLICATION_INFO","RIGHT_APPLICATION_TRAFFIC_READ",
        "RIGHT_APPLICATION_INFO","RIGHT_APPLICATION_PURGE","RIGHT_USER_ALL"]})json");
    QCOMPARE(rights.granted(), (QList<Right> {Right::ApplicationInfo, Right::ApplicationTrafficRead}));
    QCOMPARE(rights.unknownRights(),
             (QStringList {QStringLiteral("RIGHT_APPLICATION_PURGE"), QStringLiteral("RIGHT_USER_ALL")}));
    QCOMPARE(rights.toJson(), json(R"json({"rights":["RIGHT_APPLICATION_INFO","RIGHT_APPLICATION_TRAFFIC_READ",
        "RIGHT_APPLICATION_PURGE","RIGHT_USER_ALL"]})json"));
    QVERIFY(parse("{}").granted().isEmpty()); // TTS omits an empty list
}

void TestTtsRights::rejectsMalformedList_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("rights as string") << QByteArray(R"json({"rights":"RIGHT_ALL"})json");
    QTest::addRow("numbers") << QByteArray(R"json({"rights":[1,2]})json");
    QTest::addRow("objects") << QByteArray(R"json({"rights":[{"name":"RIGHT_ALL"}]})json");
}

void TestTtsRights::rejectsMalformedList()
{
    QFETCH(QByteArray, body);
    const Result<TtsRights> rights = TtsRights::fromJson(json(body));
    QVERIFY(!rights.ok());
    QCOMPARE(rights.error().kind(), ServiceError::Kind::MalformedResponse);
    QVERIFY(rights.error().message().startsWith(QLatin1String("rights")));
}

void TestTtsRights::wireNamesRoundTrip()
{
    const QStringList names = {
        QStringLiteral("RIGHT_APPLICATION_INFO"),
        QStringLiteral("RIGHT_APPLICATION_SETTINGS_BASIC"),
        QStringLiteral("RIGHT_APPLICATION_SETTINGS_API_KEYS"),
        QStringLiteral("RIGHT_APPLICATION_SETTINGS_COLLABORATORS"),
        QStringLiteral("RIGHT_APPLICATION_SETTINGS_PACKAGES"),
        QStringLiteral("RIGHT_APPLICATION_DELETE"),
        QStringLiteral("RIGHT_APPLICATION_DEVICES_READ"),
        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE"),
        QStringLiteral("RIGHT_APPLICATION_DEVICES_READ_KEYS"),
        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS"),
        QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ"),
        QStringLiteral("RIGHT_APPLICATION_TRAFFIC_UP_WRITE"),
        QStringLiteral("RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE"),
        QStringLiteral("RIGHT_APPLICATION_LINK"),
        QStringLiteral("RIGHT_APPLICATION_ALL"),
        QStringLiteral("RIGHT_ALL"),
    };
    for (const QString &name : names) {
        const auto right = TtsRights::fromWireName(name);
        QVERIFY2(right.has_value(), qPrintable(name));
        QCOMPARE(TtsRights::wireName(*right), name);
        QVERIFY(!TtsRights::description(*right).isEmpty());
    }
    QVERIFY(!TtsRights::fromWireName(QStringLiteral("right_all")).has_value());
}

void TestTtsRights::implications_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("has");
    QTest::addColumn<QStringList>("lacks");
    QTest::addRow("RIGHT_ALL implies everything")
        << QByteArray(R"json({"rights":["RIGHT_ALL"]})json")
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS"), QStringLiteral("RIGHT_APPLICATION_ALL"),
                        QStringLiteral("RIGHT_ALL")}
        << QStringList();
    QTest::addRow("RIGHT_APPLICATION_ALL implies application rights")
        << QByteArray(R"json({"rights":["RIGHT_APPLICATION_ALL"]})json")
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS"),
                        QStringLiteral("RIGHT_APPLICATION_LINK"), QStringLiteral("RIGHT_APPLICATION_SETTINGS_PACKAGES")}
        << QStringList {QStringLiteral("RIGHT_ALL")};
    QTest::addRow("RIGHT_APPLICATION_LINK implies info, traffic read and down write")
        << QByteArray(R"json({"rights":["RIGHT_APPLICATION_LINK"]})json")
        << QStringList {QStringLiteral("RIGHT_APPLICATION_INFO"), QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ"),
                        QStringLiteral("RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE")}
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_READ"),
                        QStringLiteral("RIGHT_APPLICATION_TRAFFIC_UP_WRITE"), QStringLiteral("RIGHT_APPLICATION_ALL")};
    QTest::addRow("write does not imply read")
        << QByteArray(R"json({"rights":["RIGHT_APPLICATION_DEVICES_WRITE"]})json")
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE")}
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_READ"),
                        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS")};
}

void TestTtsRights::implications()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, has);
    QFETCH(QStringList, lacks);
    const TtsRights rights = parse(body.constData());
    for (const QString &name : has)
        QVERIFY2(rights.has(*TtsRights::fromWireName(name)), qPrintable(name));
    for (const QString &name : lacks)
        QVERIFY2(!rights.has(*TtsRights::fromWireName(name)), qPrintable(name));
}

void TestTtsRights::missingForOperation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Operation>("operation");
    QTest::addColumn<QStringList>("missing");

    const QByteArray mqttKey =
        R"json({"rights":["RIGHT_APPLICATION_TRAFFIC_READ","RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE"]})json";
    const QByteArray devicesKey =
        R"json({"rights":["RIGHT_APPLICATION_DEVICES_READ","RIGHT_APPLICATION_DEVICES_WRITE"]})json";
    QTest::addRow("read devices with an MQTT key")
        << mqttKey << Operation::ReadDevices << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_READ")};
    QTest::addRow("write devices without key rights")
        << devicesKey << Operation::WriteDevices
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS")};
    QTest::addRow("write devices with an MQTT key")
        << mqttKey << Operation::WriteDevices
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE"),
                        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS")};
    QTest::addRow("read keys") << devicesKey << Operation::ReadKeys
                               << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_READ_KEYS")};
    QTest::addRow("traffic read with an MQTT key") << mqttKey << Operation::TrafficRead << QStringList();
    QTest::addRow("traffic read with a devices key")
        << devicesKey << Operation::TrafficRead << QStringList {QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ")};
    QTest::addRow("downlinks with an MQTT key") << mqttKey << Operation::DownlinkWrite << QStringList();
    QTest::addRow("downlinks with a link key")
        << QByteArray(R"json({"rights":["RIGHT_APPLICATION_LINK"]})json") << Operation::DownlinkWrite << QStringList();
    QTest::addRow("packages") << mqttKey << Operation::SettingsPackages
                              << QStringList {QStringLiteral("RIGHT_APPLICATION_SETTINGS_PACKAGES")};
    QTest::addRow("application info") << devicesKey << Operation::ApplicationInfo
                                      << QStringList {QStringLiteral("RIGHT_APPLICATION_INFO")};
    QTest::addRow("Azure integration with an MQTT key")
        << mqttKey << Operation::AzureIntegration
        << QStringList {QStringLiteral("RIGHT_APPLICATION_INFO"), QStringLiteral("RIGHT_APPLICATION_DEVICES_READ"),
                        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE"),
                        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS")};
    QTest::addRow("Azure integration with all application rights")
        << QByteArray(R"json({"rights":["RIGHT_APPLICATION_ALL"]})json") << Operation::AzureIntegration
        << QStringList();
    QTest::addRow("nothing granted, Azure integration")
        << QByteArray("{}") << Operation::AzureIntegration
        << QStringList {QStringLiteral("RIGHT_APPLICATION_INFO"),
                        QStringLiteral("RIGHT_APPLICATION_DEVICES_READ"),
                        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE"),
                        QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS"),
                        QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ"),
                        QStringLiteral("RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE")};
}

void TestTtsRights::missingForOperation()
{
    QFETCH(QByteArray, body);
    QFETCH(Operation, operation);
    QFETCH(QStringList, missing);
    const TtsRights rights = parse(body.constData());
    const QList<TtsRights::MissingRight> found = rights.missingFor(operation);
    QStringList names;
    for (const TtsRights::MissingRight &right : found) {
        names.append(right.name);
        QCOMPARE(TtsRights::wireName(right.right), right.name);
        // The sentence names the right, what it allows and the operation that needs it.
        QVERIFY2(right.sentence.startsWith(right.name), qPrintable(right.sentence));
        QVERIFY2(right.sentence.contains(TtsRights::description(right.right)), qPrintable(right.sentence));
        QVERIFY2(right.sentence.contains(TtsRights::operationName(operation)), qPrintable(right.sentence));
    }
    QCOMPARE(names, missing);
    QCOMPARE(rights.covers(operation), missing.isEmpty());
    QCOMPARE(rights.missingReport(operation).isEmpty(), missing.isEmpty());
}

void TestTtsRights::reportNamesEachMissingRight()
{
    const TtsRights rights = parse(R"json({"rights":["RIGHT_APPLICATION_DEVICES_READ"]})json");
    const QString report = rights.missingReport(Operation::WriteDevices);
    QVERIFY2(report.contains(QLatin1String("lacks 2 right")), qPrintable(report));
    QVERIFY(report.contains(QLatin1String("RIGHT_APPLICATION_DEVICES_WRITE,")));
    QVERIFY(report.contains(QLatin1String("RIGHT_APPLICATION_DEVICES_WRITE_KEYS is missing")));
    QVERIFY(report.contains(QLatin1String("set device root keys")));
    QVERIFY(report.contains(QLatin1String("API keys")));
}

void TestTtsRights::azureBundleIsWhatTheEngineNeeds()
{
    QList<Right> union_;
    for (Operation operation : {Operation::ApplicationInfo, Operation::ReadDevices, Operation::WriteDevices,
                                Operation::TrafficRead, Operation::DownlinkWrite}) {
        for (Right right : TtsRights::required(operation)) {
            if (!union_.contains(right))
                union_.append(right);
        }
    }
    const QList<Right> bundle = TtsRights::required(Operation::AzureIntegration);
    QCOMPARE(bundle.size(), union_.size());
    for (Right right : union_)
        QVERIFY(bundle.contains(right));
    QCOMPARE(TtsRights::allOperations().size(), 8);
}

QTEST_GUILESS_MAIN(TestTtsRights)
#include "tst_ttsrights.moc"
