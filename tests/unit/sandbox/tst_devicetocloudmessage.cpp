#include "sandbox/mqtt/DeviceToCloudMessage.h"
#include "services/protocol/IotHubTopic.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

class TestDeviceToCloudMessage : public QObject
{
    Q_OBJECT

private slots:
    void fromTopic_data();
    void fromTopic();
    void systemPropertyName_data();
    void systemPropertyName();
    void utf8Size_data();
    void utf8Size();
    void sizeLimitBoundary();
};

void TestDeviceToCloudMessage::fromTopic_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<int>("bodySize");
    QTest::addColumn<bool>("retain");
    QTest::addColumn<QVariantMap>("system");
    QTest::addColumn<QVariantMap>("application");
    QTest::addColumn<int>("size");

    QTest::addRow("no bag") << QStringLiteral("devices/d1/messages/events/") << 10 << false << QVariantMap()
                            << QVariantMap() << 10;
    QTest::addRow("no final slash") << QStringLiteral("devices/d1/messages/events") << 0 << false << QVariantMap()
                                    << QVariantMap() << 0;
    // Node/C# encode the '$' (%24.), the docs show it literally; both are the same property.
    const QVariantMap system {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                              {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
                              {QStringLiteral("message-id"), QStringLiteral("42")}};
    const QVariantMap application {{QStringLiteral("fport"), QStringLiteral("2")}};
    // Size: body 5 + values "application/json" 16 + "utf-8" 5 + "42" 2 + name "fport" 5 + value "2" 1.
    QTest::addRow("percent-encoded dollar keys")
        << QStringLiteral("devices/d1/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=42&fport=2") << 5
        << false << system << application << 34;
    QTest::addRow("$. keys") << QStringLiteral(
                                    "devices/d1/messages/events/$.ct=application%2Fjson&$.ce=utf-8&$.mid=42&fport=2")
                             << 5 << false << system << application << 34;
    QTest::addRow("C# trailing slash, lower-case hex")
        << QStringLiteral("devices/d1/messages/events/%24.ct=application%2fjson&%24.ce=utf-8&%24.mid=42&fport=2/") << 5
        << false << system << application << 34;
    QTest::addRow("null and empty values")
        << QStringLiteral("devices/d1/messages/events/flag&empty=&%24.cid") << 0 << false
        << QVariantMap {{QStringLiteral("correlation-id"), QVariant()}}
        << QVariantMap {{QStringLiteral("flag"), QVariant()}, {QStringLiteral("empty"), QString()}} << 9;
    QTest::addRow("decoded values") << QStringLiteral("devices/d1/messages/events/a%20b=c%26d") << 0 << false
                                    << QVariantMap() << QVariantMap {{QStringLiteral("a b"), QStringLiteral("c&d")}}
                                    << 6;
    QTest::addRow("retain adds mqtt-retain")
        << QStringLiteral("devices/d1/messages/events/") << 3 << true << QVariantMap()
        << QVariantMap {{QStringLiteral("mqtt-retain"), QStringLiteral("true")}} << 3;
    QTest::addRow("connection device id is the hub's")
        << QStringLiteral("devices/d1/messages/events/%24.cdid=spoofed&%24.cmid=m&%24.uid=u") << 0 << false
        << QVariantMap {{QStringLiteral("user-id"), QStringLiteral("u")}} << QVariantMap() << 1;
    QTest::addRow("undocumented system key keeps its wire name")
        << QStringLiteral("devices/d1/messages/events/%24.ctime=2021-04-21T11%3A30%3A16Z&%24.sub=temp") << 0 << false
        << QVariantMap {{QStringLiteral("$.ctime"), QStringLiteral("2021-04-21T11:30:16Z")},
                        {QStringLiteral("dt-subject"), QStringLiteral("temp")}}
        << QVariantMap() << 24;
}

void TestDeviceToCloudMessage::fromTopic()
{
    QFETCH(QString, topic);
    QFETCH(int, bodySize);
    QFETCH(bool, retain);
    QFETCH(QVariantMap, system);
    QFETCH(QVariantMap, application);
    QFETCH(int, size);
    const Result<IotHubTopic> parsed = IotHubTopic::parse(topic);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().kind(), IotHubTopic::Kind::Telemetry);
    const DeviceToCloudMessage message =
        DeviceToCloudMessage::fromProperties(parsed.value().properties(), bodySize, retain);
    QCOMPARE(message.systemProperties, system);
    QCOMPARE(message.applicationProperties, application);
    QCOMPARE(message.size, qsizetype(size));
}

void TestDeviceToCloudMessage::systemPropertyName_data()
{
    QTest::addColumn<QString>("wire");
    QTest::addColumn<QString>("name");
    QTest::addRow("mid") << QStringLiteral("$.mid") << QStringLiteral("message-id");
    QTest::addRow("cid") << QStringLiteral("$.cid") << QStringLiteral("correlation-id");
    QTest::addRow("uid") << QStringLiteral("$.uid") << QStringLiteral("user-id");
    QTest::addRow("to") << QStringLiteral("$.to") << QStringLiteral("to");
    QTest::addRow("exp") << QStringLiteral("$.exp") << QStringLiteral("absolute-expiry-time");
    QTest::addRow("ct") << QStringLiteral("$.ct") << QStringLiteral("content-type");
    QTest::addRow("ce") << QStringLiteral("$.ce") << QStringLiteral("content-encoding");
    QTest::addRow("sub") << QStringLiteral("$.sub") << QStringLiteral("dt-subject");
    QTest::addRow("unknown system key") << QStringLiteral("$.diagid") << QStringLiteral("$.diagid");
    QTest::addRow("application property") << QStringLiteral("mid") << QString();
    QTest::addRow("dollar without dot") << QStringLiteral("$mid") << QString();
}

void TestDeviceToCloudMessage::systemPropertyName()
{
    QFETCH(QString, wire);
    QFETCH(QString, name);
    QCOMPARE(DeviceToCloudMessage::systemPropertyName(wire), name);
}

void TestDeviceToCloudMessage::utf8Size_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("empty") << QString();
    QTest::addRow("ascii") << QStringLiteral("hello");
    QTest::addRow("two-byte") << QString::fromUtf8("grüße");
    QTest::addRow("three-byte") << QString::fromUtf8("€ 5");
    QTest::addRow("surrogate pair") << QString::fromUtf8("a\xF0\x9F\x98\x80z");
}

void TestDeviceToCloudMessage::utf8Size()
{
    QFETCH(QString, text);
    QCOMPARE(DeviceToCloudMessage::utf8Size(text), text.toUtf8().size());
}

void TestDeviceToCloudMessage::sizeLimitBoundary()
{
    // 256 KB is 262144 bytes, counted over the body and the properties together.
    MessagePropertyBag bag;
    bag.set(QStringLiteral("$.mid"), QStringLiteral("1234"));
    bag.set(QStringLiteral("k"), QStringLiteral("v"));
    const qsizetype overhead = 4 + 1 + 1;
    QCOMPARE(DeviceToCloudMessage::fromProperties(bag, DeviceToCloudMessage::MaxSize - overhead, false).size,
             DeviceToCloudMessage::MaxSize);
    QCOMPARE(DeviceToCloudMessage::fromProperties(bag, DeviceToCloudMessage::MaxSize - overhead + 1, false).size,
             DeviceToCloudMessage::MaxSize + 1);
    QCOMPARE(DeviceToCloudMessage::MaxSize, qsizetype(262144));
}

QTEST_GUILESS_MAIN(TestDeviceToCloudMessage)
#include "tst_devicetocloudmessage.moc"
