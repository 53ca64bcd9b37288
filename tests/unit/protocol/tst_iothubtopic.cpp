#include "services/protocol/IotHubTopic.h"

#include <QTest>

using namespace TwinBridge;

Q_DECLARE_METATYPE(IotHubTopic::Kind)

class TestIotHubTopic : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseRejectsMalformed_data();
    void parseRejectsMalformed();
    void builders_data();
    void builders();
    void telemetryBuilderWithProperties();
};

void TestIotHubTopic::parse_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<IotHubTopic::Kind>("kind");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("moduleId");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<qint64>("version"); // -1 = none
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("methodName");
    QTest::addColumn<QString>("property"); // one property to check, "name=value"
    QTest::addColumn<QString>("canonical");

    using K = IotHubTopic::Kind;
    QTest::addRow("C SDK telemetry (lower-case hex)")
        << QStringLiteral(
               "devices/d1/messages/events/%24.mid=m-1&%24.cid=c-1&%24.ct=application%2fjson&%24.ce=utf-8&fport=2")
        << K::Telemetry << QStringLiteral("d1") << QString() << QString() << qint64(-1) << 0 << QString()
        << QStringLiteral("$.ct=application/json")
        << QStringLiteral(
               "devices/d1/messages/events/%24.mid=m-1&%24.cid=c-1&%24.ct=application%2Fjson&%24.ce=utf-8&fport=2");
    QTest::addRow("Node telemetry")
        << QStringLiteral(
               "devices/lora-0004a30b001c0530/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=42")
        << K::Telemetry << QStringLiteral("lora-0004a30b001c0530") << QString() << QString() << qint64(-1) << 0
        << QString() << QStringLiteral("$.mid=42")
        << QStringLiteral(
               "devices/lora-0004a30b001c0530/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=42");
    QTest::addRow("C# telemetry with trailing slash")
        << QStringLiteral("devices/d1/messages/events/%24.mid=abc&a=b/") << K::Telemetry << QStringLiteral("d1")
        << QString() << QString() << qint64(-1) << 0 << QString() << QStringLiteral("a=b")
        << QStringLiteral("devices/d1/messages/events/%24.mid=abc&a=b");
    QTest::addRow("docs literal $ keys")
        << QStringLiteral("devices/d1/messages/events/$.ct=application%2Fjson%3Bcharset%3Dutf-8") << K::Telemetry
        << QStringLiteral("d1") << QString() << QString() << qint64(-1) << 0 << QString()
        << QStringLiteral("$.ct=application/json;charset=utf-8")
        << QStringLiteral("devices/d1/messages/events/%24.ct=application%2Fjson%3Bcharset%3Dutf-8");
    QTest::addRow("no properties") << QStringLiteral("devices/d1/messages/events/") << K::Telemetry
                                   << QStringLiteral("d1") << QString() << QString() << qint64(-1) << 0 << QString()
                                   << QString() << QStringLiteral("devices/d1/messages/events/");
    QTest::addRow("no final slash") << QStringLiteral("devices/d1/messages/events") << K::Telemetry
                                    << QStringLiteral("d1") << QString() << QString() << qint64(-1) << 0 << QString()
                                    << QString() << QStringLiteral("devices/d1/messages/events/");
    QTest::addRow("module telemetry") << QStringLiteral("devices/d1/modules/m1/messages/events/%24.on=out1")
                                      << K::Telemetry << QStringLiteral("d1") << QStringLiteral("m1") << QString()
                                      << qint64(-1) << 0 << QString() << QStringLiteral("$.on=out1")
                                      << QStringLiteral("devices/d1/modules/m1/messages/events/%24.on=out1");
    QTest::addRow("C SDK C2D")
        << QStringLiteral(
               "devices/myDeviceId/messages/devicebound/"
               "iothub-ack=Full&%24.to=%2Fdevices%2FmyDeviceId%2Fmessages%2FdeviceBound&%24.cid=123&%24.uid=456")
        << K::CloudToDevice << QStringLiteral("myDeviceId") << QString() << QString() << qint64(-1) << 0 << QString()
        << QStringLiteral("$.to=/devices/myDeviceId/messages/deviceBound")
        << QStringLiteral(
               "devices/myDeviceId/messages/devicebound/"
               "iothub-ack=Full&%24.to=%2Fdevices%2FmyDeviceId%2Fmessages%2FdeviceBound&%24.cid=123&%24.uid=456");
    QTest::addRow("twin GET") << QStringLiteral("$iothub/twin/GET/?$rid=2") << K::TwinGet << QString() << QString()
                              << QStringLiteral("2") << qint64(-1) << 0 << QString() << QStringLiteral("$rid=2")
                              << QStringLiteral("$iothub/twin/GET/?$rid=2");
    QTest::addRow("twin GET encoded $") << QStringLiteral("$iothub/twin/GET/?%24rid=7") << K::TwinGet << QString()
                                        << QString() << QStringLiteral("7") << qint64(-1) << 0 << QString()
                                        << QStringLiteral("$rid=7") << QStringLiteral("$iothub/twin/GET/?$rid=7");
    QTest::addRow("twin GET uuid rid (Node)")
        << QStringLiteral("$iothub/twin/GET/?$rid=6a1b4a8e-5bd4-4c1a-9a3b-2f6b2c1f0e11") << K::TwinGet << QString()
        << QString() << QStringLiteral("6a1b4a8e-5bd4-4c1a-9a3b-2f6b2c1f0e11") << qint64(-1) << 0 << QString()
        << QString() << QStringLiteral("$iothub/twin/GET/?$rid=6a1b4a8e-5bd4-4c1a-9a3b-2f6b2c1f0e11");
    QTest::addRow("reported patch") << QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=1")
                                    << K::TwinReportedPatch << QString() << QString() << QStringLiteral("1")
                                    << qint64(-1) << 0 << QString() << QString()
                                    << QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=1");
    QTest::addRow("twin response 200") << QStringLiteral("$iothub/twin/res/200/?$rid=2") << K::TwinResponse << QString()
                                       << QString() << QStringLiteral("2") << qint64(-1) << 200 << QString()
                                       << QString() << QStringLiteral("$iothub/twin/res/200/?$rid=2");
    QTest::addRow("twin response 204 with version")
        << QStringLiteral("$iothub/twin/res/204/?$rid=1&$version=6") << K::TwinResponse << QString() << QString()
        << QStringLiteral("1") << qint64(6) << 204 << QString() << QStringLiteral("$version=6")
        << QStringLiteral("$iothub/twin/res/204/?$rid=1&$version=6");
    QTest::addRow("twin response 429") << QStringLiteral("$iothub/twin/res/429/?$rid=9") << K::TwinResponse << QString()
                                       << QString() << QStringLiteral("9") << qint64(-1) << 429 << QString()
                                       << QString() << QStringLiteral("$iothub/twin/res/429/?$rid=9");
    QTest::addRow("desired patch") << QStringLiteral("$iothub/twin/PATCH/properties/desired/?$version=8")
                                   << K::TwinDesiredPatch << QString() << QString() << QString() << qint64(8) << 0
                                   << QString() << QString()
                                   << QStringLiteral("$iothub/twin/PATCH/properties/desired/?$version=8");
    QTest::addRow("method request") << QStringLiteral("$iothub/methods/POST/reboot/?$rid=abc") << K::MethodRequest
                                    << QString() << QString() << QStringLiteral("abc") << qint64(-1) << 0
                                    << QStringLiteral("reboot") << QString()
                                    << QStringLiteral("$iothub/methods/POST/reboot/?$rid=abc");
    QTest::addRow("method response") << QStringLiteral("$iothub/methods/res/200/?$rid=abc") << K::MethodResponse
                                     << QString() << QString() << QStringLiteral("abc") << qint64(-1) << 200
                                     << QString() << QString() << QStringLiteral("$iothub/methods/res/200/?$rid=abc");
    QTest::addRow("twin without slash before ?")
        << QStringLiteral("$iothub/twin/GET?$rid=3") << K::TwinGet << QString() << QString() << QStringLiteral("3")
        << qint64(-1) << 0 << QString() << QString() << QStringLiteral("$iothub/twin/GET/?$rid=3");
}

void TestIotHubTopic::parse()
{
    QFETCH(QString, topic);
    QFETCH(IotHubTopic::Kind, kind);
    QFETCH(QString, deviceId);
    QFETCH(QString, moduleId);
    QFETCH(QString, requestId);
    QFETCH(qint64, version);
    QFETCH(int, status);
    QFETCH(QString, methodName);
    QFETCH(QString, property);
    QFETCH(QString, canonical);

    const auto parsed = IotHubTopic::parse(topic);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const IotHubTopic &t = parsed.value();
    QCOMPARE(t.kind(), kind);
    QCOMPARE(t.deviceId(), deviceId);
    QCOMPARE(t.moduleId(), moduleId);
    QCOMPARE(t.requestId(), requestId);
    QCOMPARE(t.version().value_or(-1), version);
    QCOMPARE(t.status(), status);
    QCOMPARE(t.methodName(), methodName);
    if (!property.isEmpty()) {
        const QString name = property.section(QLatin1Char('='), 0, 0);
        const QString value = property.section(QLatin1Char('='), 1);
        QCOMPARE(t.properties().value(name).value_or(QStringLiteral("<missing>")), value);
    }
    QCOMPARE(t.toString(), canonical);
    const auto again = IotHubTopic::parse(t.toString());
    QVERIFY(again.ok());
    QCOMPARE(again.value().toString(), canonical);
}

void TestIotHubTopic::parseRejectsMalformed_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("empty") << QString() << QStringLiteral("empty");
    QTest::addRow("unknown root") << QStringLiteral("v3/app/devices/d/up") << QStringLiteral("must start with");
    QTest::addRow("devices only") << QStringLiteral("devices/d1") << QStringLiteral("followed by");
    QTest::addRow("empty device id") << QStringLiteral("devices//messages/events/")
                                     << QStringLiteral("device id is empty");
    QTest::addRow("device id with space") << QStringLiteral("devices/a b/messages/events/") << QStringLiteral("' '");
    QTest::addRow("other messages path") << QStringLiteral("devices/d1/messages/other/")
                                         << QStringLiteral("messages/events/");
    QTest::addRow("events prefix only") << QStringLiteral("devices/d1/messages/eventsX")
                                        << QStringLiteral("messages/events/");
    QTest::addRow("module C2D") << QStringLiteral("devices/d1/modules/m1/messages/devicebound/")
                                << QStringLiteral("only messages/events/");
    QTest::addRow("bad bag") << QStringLiteral("devices/d1/messages/events/a=1&&b=2") << QStringLiteral("&&");
    QTest::addRow("unencoded slash in bag")
        << QStringLiteral("devices/d1/messages/events/$.ct=application/json") << QStringLiteral("%2F");
    QTest::addRow("twin without query") << QStringLiteral("$iothub/twin/GET/") << QStringLiteral("?$rid=");
    QTest::addRow("twin GET without rid") << QStringLiteral("$iothub/twin/GET/?$version=1") << QStringLiteral("$rid");
    QTest::addRow("twin GET empty rid") << QStringLiteral("$iothub/twin/GET/?$rid=") << QStringLiteral("$rid");
    QTest::addRow("twin GET null rid") << QStringLiteral("$iothub/twin/GET/?$rid") << QStringLiteral("$rid");
    QTest::addRow("desired without version")
        << QStringLiteral("$iothub/twin/PATCH/properties/desired/?$rid=1") << QStringLiteral("$version");
    QTest::addRow("version not a number")
        << QStringLiteral("$iothub/twin/PATCH/properties/desired/?$version=abc") << QStringLiteral("whole number");
    QTest::addRow("negative version") << QStringLiteral("$iothub/twin/res/204/?$rid=1&$version=-1")
                                      << QStringLiteral("whole number");
    QTest::addRow("status four digits") << QStringLiteral("$iothub/twin/res/2000/?$rid=1")
                                        << QStringLiteral("three-digit");
    QTest::addRow("status text") << QStringLiteral("$iothub/twin/res/abc/?$rid=1") << QStringLiteral("three-digit");
    QTest::addRow("status below 100") << QStringLiteral("$iothub/twin/res/099/?$rid=1")
                                      << QStringLiteral("three-digit");
    QTest::addRow("unknown twin operation")
        << QStringLiteral("$iothub/twin/DELETE/?$rid=1") << QStringLiteral("after $iothub/twin/");
    QTest::addRow("method without name") << QStringLiteral("$iothub/methods/POST//?$rid=1")
                                         << QStringLiteral("method name");
    QTest::addRow("method name with slash")
        << QStringLiteral("$iothub/methods/POST/a/b/?$rid=1") << QStringLiteral("method name");
    QTest::addRow("method GET") << QStringLiteral("$iothub/methods/GET/x/?$rid=1") << QStringLiteral("POST/");
    QTest::addRow("method without rid") << QStringLiteral("$iothub/methods/POST/reboot/?x=1") << QStringLiteral("$rid");
    QTest::addRow("subscription filter is not a topic")
        << QStringLiteral("$iothub/twin/res/#") << QStringLiteral("?$rid=");
}

void TestIotHubTopic::parseRejectsMalformed()
{
    QFETCH(QString, topic);
    QFETCH(QString, mentions);
    const auto parsed = IotHubTopic::parse(topic);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(parsed.error().code(), QStringLiteral("InvalidTopic"));
    QVERIFY2(parsed.error().message().contains(mentions), qPrintable(parsed.error().message()));
}

void TestIotHubTopic::builders_data()
{
    QTest::addColumn<QString>("built");
    QTest::addColumn<QString>("expected");
    QTest::addRow("telemetry") << IotHubTopic::telemetry(QStringLiteral("d1"))
                               << QStringLiteral("devices/d1/messages/events/");
    QTest::addRow("module telemetry") << IotHubTopic::telemetry(QStringLiteral("d1"), {}, QStringLiteral("m1"))
                                      << QStringLiteral("devices/d1/modules/m1/messages/events/");
    QTest::addRow("c2d") << IotHubTopic::cloudToDevice(QStringLiteral("d1"))
                         << QStringLiteral("devices/d1/messages/devicebound/");
    QTest::addRow("twin get") << IotHubTopic::twinGet(QStringLiteral("42"))
                              << QStringLiteral("$iothub/twin/GET/?$rid=42");
    QTest::addRow("reported") << IotHubTopic::twinReportedPatch(QStringLiteral("1"))
                              << QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=1");
    QTest::addRow("response") << IotHubTopic::twinResponse(200, QStringLiteral("2"))
                              << QStringLiteral("$iothub/twin/res/200/?$rid=2");
    QTest::addRow("response with version") << IotHubTopic::twinResponse(204, QStringLiteral("1"), 6)
                                           << QStringLiteral("$iothub/twin/res/204/?$rid=1&$version=6");
    QTest::addRow("desired") << IotHubTopic::twinDesiredPatch(8)
                             << QStringLiteral("$iothub/twin/PATCH/properties/desired/?$version=8");
    QTest::addRow("method request") << IotHubTopic::methodRequest(QStringLiteral("reboot"), QStringLiteral("a"))
                                    << QStringLiteral("$iothub/methods/POST/reboot/?$rid=a");
    QTest::addRow("method response") << IotHubTopic::methodResponse(404, QStringLiteral("a"))
                                     << QStringLiteral("$iothub/methods/res/404/?$rid=a");
    QTest::addRow("rid is encoded") << IotHubTopic::twinGet(QStringLiteral("a&b"))
                                    << QStringLiteral("$iothub/twin/GET/?$rid=a%26b");
}

void TestIotHubTopic::builders()
{
    QFETCH(QString, built);
    QFETCH(QString, expected);
    QCOMPARE(built, expected);
    QVERIFY2(IotHubTopic::parse(built).ok(), qPrintable(IotHubTopic::parse(built).error().message()));
}

void TestIotHubTopic::telemetryBuilderWithProperties()
{
    MessagePropertyBag bag;
    bag.set(QLatin1String(MessagePropertyBag::ContentType), QStringLiteral("application/json"));
    bag.set(QLatin1String(MessagePropertyBag::ContentEncoding), QStringLiteral("utf-8"));
    bag.set(QLatin1String(MessagePropertyBag::MessageId), QStringLiteral("as:up:01E0WZGT6Y7657CPFPE5WEYDSQ"));
    bag.set(QStringLiteral("tts-message-type"), QStringLiteral("uplink"));
    const QString topic = IotHubTopic::telemetry(QStringLiteral("lora-0004a30b001c0530"), bag);
    QCOMPARE(topic,
             QStringLiteral("devices/lora-0004a30b001c0530/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8"
                            "&%24.mid=as%3Aup%3A01E0WZGT6Y7657CPFPE5WEYDSQ&tts-message-type=uplink"));
    const auto parsed = IotHubTopic::parse(topic);
    QVERIFY(parsed.ok());
    QVERIFY(parsed.value().properties() == bag);
}

QTEST_GUILESS_MAIN(TestIotHubTopic)
#include "tst_iothubtopic.moc"
