#include "sandbox/mqtt/DeviceSubscriptions.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using Kind = IotHubSubscription::Kind;

class TestDeviceSubscriptions : public QObject
{
    Q_OBJECT

private slots:
    void subscribe_data();
    void subscribe();
    void resubscribeReplacesTheGrantedQos();
    void limitCountsDistinctFilters();
    void unsubscribe();
    void keptFormRoundTrips();
};

static const QString Device = QStringLiteral("dev-1");

void TestDeviceSubscriptions::subscribe_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("requestedQos");
    QTest::addColumn<int>("expectedCode");
    QTest::addColumn<int>("kind"); // -1 when refused

    QTest::addRow("twin responses, QoS 0")
        << QStringLiteral("$iothub/twin/res/#") << 0 << 0 << int(Kind::TwinResponses);
    QTest::addRow("twin responses, QoS 1")
        << QStringLiteral("$iothub/twin/res/#") << 1 << 1 << int(Kind::TwinResponses);
    QTest::addRow("QoS 2 granted as 1") << QStringLiteral("$iothub/twin/res/#") << 2 << 1 << int(Kind::TwinResponses);
    QTest::addRow("desired updates") << QStringLiteral("$iothub/twin/PATCH/properties/desired/#") << 0 << 0
                                     << int(Kind::DesiredPropertyUpdates);
    QTest::addRow("own C2D") << QStringLiteral("devices/dev-1/messages/devicebound/#") << 1 << 1
                             << int(Kind::CloudToDevice);
    QTest::addRow("methods") << QStringLiteral("$iothub/methods/POST/#") << 0 << 0 << int(Kind::DirectMethods);
    QTest::addRow("another device's C2D") << QStringLiteral("devices/dev-2/messages/devicebound/#") << 1 << 0x80 << -1;
    QTest::addRow("plus wildcard") << QStringLiteral("$iothub/twin/+/#") << 0 << 0x80 << -1;
    QTest::addRow("everything") << QStringLiteral("#") << 0 << 0x80 << -1;
    QTest::addRow("telemetry topic") << QStringLiteral("devices/dev-1/messages/events/#") << 0 << 0x80 << -1;
    QTest::addRow("no wildcard") << QStringLiteral("$iothub/twin/res/") << 0 << 0x80 << -1;
    QTest::addRow("a specific response") << QStringLiteral("$iothub/twin/res/200/#") << 0 << 0x80 << -1;
    QTest::addRow("case differs") << QStringLiteral("$IOTHUB/twin/res/#") << 0 << 0x80 << -1;
}

void TestDeviceSubscriptions::subscribe()
{
    QFETCH(QString, filter);
    QFETCH(int, requestedQos);
    QFETCH(int, expectedCode);
    QFETCH(int, kind);
    DeviceSubscriptions subscriptions;
    QCOMPARE(int(subscriptions.subscribe(filter, quint8(requestedQos), Device)), expectedCode);
    if (kind < 0) {
        QVERIFY(subscriptions.isEmpty());
        QCOMPARE(subscriptions.count(), 0);
    } else {
        QVERIFY(subscriptions.has(Kind(kind)));
        QCOMPARE(int(subscriptions.grantedQos(Kind(kind))), expectedCode);
        QCOMPARE(subscriptions.count(), 1);
    }
}

void TestDeviceSubscriptions::resubscribeReplacesTheGrantedQos()
{
    DeviceSubscriptions subscriptions;
    QCOMPARE(subscriptions.subscribe(QStringLiteral("$iothub/twin/res/#"), 1, Device), quint8(1));
    QCOMPARE(subscriptions.subscribe(QStringLiteral("$iothub/twin/res/#"), 0, Device), quint8(0));
    QCOMPARE(subscriptions.grantedQos(Kind::TwinResponses), quint8(0));
    QCOMPARE(subscriptions.count(), 1);
}

void TestDeviceSubscriptions::limitCountsDistinctFilters()
{
    // IoT Hub's limit is five; with four documented filters it can only bite below that, so it is a
    // parameter. A filter already held does not count again.
    DeviceSubscriptions subscriptions;
    QCOMPARE(subscriptions.subscribe(QStringLiteral("$iothub/twin/res/#"), 0, Device, 2), quint8(0));
    QCOMPARE(subscriptions.subscribe(QStringLiteral("$iothub/methods/POST/#"), 0, Device, 2), quint8(0));
    QCOMPARE(subscriptions.subscribe(QStringLiteral("$iothub/twin/PATCH/properties/desired/#"), 0, Device, 2),
             DeviceSubscriptions::Refused);
    QCOMPARE(subscriptions.subscribe(QStringLiteral("$iothub/twin/res/#"), 1, Device, 2), quint8(1));
    QCOMPARE(subscriptions.count(), 2);
    QVERIFY(!subscriptions.has(Kind::DesiredPropertyUpdates));

    // With the default limit all four fit, and repeating them changes nothing.
    DeviceSubscriptions all;
    const QStringList filters = {
        QStringLiteral("$iothub/twin/res/#"), QStringLiteral("$iothub/twin/PATCH/properties/desired/#"),
        QStringLiteral("$iothub/methods/POST/#"), QStringLiteral("devices/dev-1/messages/devicebound/#")};
    for (const QString &filter : filters)
        QCOMPARE(all.subscribe(filter, 1, Device), quint8(1));
    for (const QString &filter : filters)
        QCOMPARE(all.subscribe(filter, 1, Device), quint8(1));
    QCOMPARE(all.count(), 4);
}

void TestDeviceSubscriptions::unsubscribe()
{
    DeviceSubscriptions subscriptions;
    subscriptions.subscribe(QStringLiteral("$iothub/twin/res/#"), 1, Device);
    subscriptions.subscribe(QStringLiteral("$iothub/methods/POST/#"), 0, Device);
    subscriptions.unsubscribe(QStringLiteral("$iothub/twin/res/#"), Device);
    subscriptions.unsubscribe(QStringLiteral("not/a/filter/#"), Device);
    QVERIFY(!subscriptions.has(Kind::TwinResponses));
    QCOMPARE(subscriptions.grantedQos(Kind::TwinResponses), quint8(0));
    QVERIFY(subscriptions.has(Kind::DirectMethods));
    QCOMPARE(subscriptions.count(), 1);
}

void TestDeviceSubscriptions::keptFormRoundTrips()
{
    DeviceSubscriptions subscriptions;
    subscriptions.subscribe(QStringLiteral("$iothub/twin/res/#"), 1, Device);
    subscriptions.subscribe(QStringLiteral("$iothub/twin/PATCH/properties/desired/#"), 0, Device);
    subscriptions.subscribe(QStringLiteral("devices/dev-1/messages/devicebound/#"), 2, Device);
    const DeviceSubscriptions restored = DeviceSubscriptions::fromByte(subscriptions.toByte());
    QCOMPARE(restored, subscriptions);
    QCOMPARE(restored.grantedQos(Kind::CloudToDevice), quint8(1));
    QCOMPARE(restored.grantedQos(Kind::DesiredPropertyUpdates), quint8(0));
    QVERIFY(!restored.has(Kind::DirectMethods));
    QCOMPARE(DeviceSubscriptions::fromByte(0).count(), 0);
}

QTEST_GUILESS_MAIN(TestDeviceSubscriptions)
#include "tst_devicesubscriptions.moc"
