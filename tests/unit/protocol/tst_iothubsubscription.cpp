#include "services/protocol/IotHubSubscription.h"

#include <QTest>

using namespace TwinBridge;

Q_DECLARE_METATYPE(IotHubSubscription::Kind)

class TestIotHubSubscription : public QObject
{
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
    void rejects_data();
    void rejects();
    void filters();
    void kindForTopic_data();
    void kindForTopic();
};

void TestIotHubSubscription::classify_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<IotHubSubscription::Kind>("kind");
    // The exact filters of the C (TOPIC_DEVICE_MSG, TOPIC_GET_DESIRED_STATE, TOPIC_NOTIFICATION_STATE,
    // TOPIC_DEVICE_METHOD_SUBSCRIBE), Node and C# SDKs.
    QTest::addRow("c2d") << QStringLiteral("devices/lora-01/messages/devicebound/#")
                         << IotHubSubscription::Kind::CloudToDevice;
    QTest::addRow("twin responses") << QStringLiteral("$iothub/twin/res/#") << IotHubSubscription::Kind::TwinResponses;
    QTest::addRow("desired updates") << QStringLiteral("$iothub/twin/PATCH/properties/desired/#")
                                     << IotHubSubscription::Kind::DesiredPropertyUpdates;
    QTest::addRow("methods") << QStringLiteral("$iothub/methods/POST/#") << IotHubSubscription::Kind::DirectMethods;
}

void TestIotHubSubscription::classify()
{
    QFETCH(QString, filter);
    QFETCH(IotHubSubscription::Kind, kind);
    const auto result = IotHubSubscription::classify(filter, QStringLiteral("lora-01"));
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value(), kind);
}

void TestIotHubSubscription::rejects_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("mentions");
    const QString dev = QStringLiteral("lora-01");
    QTest::addRow("empty") << QString() << dev << QStringLiteral("empty");
    QTest::addRow("another device's c2d")
        << QStringLiteral("devices/lora-02/messages/devicebound/#") << dev << QStringLiteral("its own cloud-to-device");
    QTest::addRow("c2d without device") << QStringLiteral("devices//messages/devicebound/#") << QString()
                                        << QStringLiteral("its own");
    QTest::addRow("plus wildcard") << QStringLiteral("devices/+/messages/devicebound/#") << dev
                                   << QStringLiteral("its own");
    QTest::addRow("plus elsewhere") << QStringLiteral("$iothub/twin/+/#") << dev << QStringLiteral("'+'");
    QTest::addRow("hash in the middle") << QStringLiteral("$iothub/#/res") << dev << QStringLiteral("last level");
    QTest::addRow("everything") << QStringLiteral("#") << dev << QStringLiteral("last level");
    QTest::addRow("no wildcard") << QStringLiteral("$iothub/twin/res/") << dev << QStringLiteral("documented filters");
    QTest::addRow("telemetry") << QStringLiteral("devices/lora-01/messages/events/#") << dev
                               << QStringLiteral("documented filters");
    QTest::addRow("case differs") << QStringLiteral("$iothub/twin/patch/properties/desired/#") << dev
                                  << QStringLiteral("documented filters");
}

void TestIotHubSubscription::rejects()
{
    QFETCH(QString, filter);
    QFETCH(QString, deviceId);
    QFETCH(QString, mentions);
    const auto result = IotHubSubscription::classify(filter, deviceId);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(result.error().code(), QStringLiteral("InvalidSubscription"));
    QVERIFY2(result.error().message().contains(mentions), qPrintable(result.error().message()));
    QVERIFY(result.error().message().contains(QStringLiteral("$iothub/methods/POST/#"))); // lists what is accepted
}

void TestIotHubSubscription::filters()
{
    QCOMPARE(IotHubSubscription::filter(IotHubSubscription::Kind::CloudToDevice, QStringLiteral("d")),
             QStringLiteral("devices/d/messages/devicebound/#"));
    QCOMPARE(IotHubSubscription::filter(IotHubSubscription::Kind::TwinResponses), QStringLiteral("$iothub/twin/res/#"));
    QCOMPARE(IotHubSubscription::MaxSubscriptionsPerDevice, 5);
}

void TestIotHubSubscription::kindForTopic_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<int>("kind"); // -1 = none
    QTest::addRow("c2d") << QStringLiteral("devices/d/messages/devicebound/a=1")
                         << int(IotHubSubscription::Kind::CloudToDevice);
    QTest::addRow("twin res") << QStringLiteral("$iothub/twin/res/200/?$rid=1")
                              << int(IotHubSubscription::Kind::TwinResponses);
    QTest::addRow("desired") << QStringLiteral("$iothub/twin/PATCH/properties/desired/?$version=3")
                             << int(IotHubSubscription::Kind::DesiredPropertyUpdates);
    QTest::addRow("method") << QStringLiteral("$iothub/methods/POST/m/?$rid=1")
                            << int(IotHubSubscription::Kind::DirectMethods);
    QTest::addRow("telemetry") << QStringLiteral("devices/d/messages/events/") << -1;
    QTest::addRow("twin get") << QStringLiteral("$iothub/twin/GET/?$rid=1") << -1;
    QTest::addRow("method response") << QStringLiteral("$iothub/methods/res/200/?$rid=1") << -1;
}

void TestIotHubSubscription::kindForTopic()
{
    QFETCH(QString, topic);
    QFETCH(int, kind);
    const auto parsed = IotHubTopic::parse(topic);
    QVERIFY(parsed.ok());
    const auto subscription = IotHubSubscription::kindForTopic(parsed.value().kind());
    QCOMPARE(subscription ? int(*subscription) : -1, kind);
}

QTEST_GUILESS_MAIN(TestIotHubSubscription)
#include "tst_iothubsubscription.moc"
