#include "sandbox/hub/SandboxHub.h"

#include <QTest>

#include <functional>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(HubThrottle::Operation)

class TestSandboxHubThrottle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void bucketsFollowTheSku_data();
    void bucketsFollowTheSku();
    void operationsUseTheirBucket_data();
    void operationsUseTheirBucket();
    void throttlesCanBeTurnedOff();
    void configureChangesLimits();
    void twinFault();
    void registryFault();
    void outage();
    void basicTierHasNoTwins();

private:
    ManualClock *m_clock = nullptr;
    SandboxHub *m_hub = nullptr;
};

void TestSandboxHubThrottle::init()
{
    m_clock = new ManualClock();
    SandboxHub::Options options;
    options.name = QStringLiteral("throttle-hub");
    m_hub = new SandboxHub(options, m_clock);
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d1");
    QVERIFY(m_hub->createDevice(device).ok());
    m_clock->advance(1min); // refill the registry bucket
}

void TestSandboxHubThrottle::cleanup()
{
    delete m_hub;
    delete m_clock;
}

void TestSandboxHubThrottle::bucketsFollowTheSku_data()
{
    QTest::addColumn<HubThrottle::Operation>("operation");
    QTest::addColumn<int>("burst");
    QTest::addColumn<int>("refillMs"); // time for one more token
    QTest::addRow("registry 100/min") << HubThrottle::Operation::Registry << 100 << 600;
    QTest::addRow("twin reads 100/s") << HubThrottle::Operation::TwinRead << 100 << 10;
    QTest::addRow("twin updates 50/s") << HubThrottle::Operation::TwinUpdate << 50 << 20;
    QTest::addRow("queries 20/min") << HubThrottle::Operation::Query << 20 << 3000;
    QTest::addRow("connections 100/s") << HubThrottle::Operation::NewConnection << 100 << 10;
    QTest::addRow("d2c 100/s") << HubThrottle::Operation::DeviceToCloud << 100 << 10;
}

void TestSandboxHubThrottle::bucketsFollowTheSku()
{
    QFETCH(HubThrottle::Operation, operation);
    QFETCH(int, burst);
    QFETCH(int, refillMs);
    for (int i = 0; i < burst; ++i)
        QVERIFY2(m_hub->admit(operation).ok(), qPrintable(QString::number(i)));
    const Status throttled = m_hub->admit(operation);
    QVERIFY(!throttled.ok());
    QCOMPARE(throttled.error().httpStatus(), 429);
    QCOMPARE(throttled.error().code(), QStringLiteral("ThrottlingException"));
    QCOMPARE(throttled.error().kind(), ServiceError::Kind::Throttled);
    QVERIFY2(throttled.error().message().contains(QStringLiteral("S1")), qPrintable(throttled.error().message()));
    m_clock->advance(std::chrono::milliseconds(refillMs - 1));
    QVERIFY(!m_hub->admit(operation).ok());
    m_clock->advance(1ms);
    QVERIFY(m_hub->admit(operation).ok());
    QCOMPARE(m_hub->metrics().throttled, quint64(2));
}

void TestSandboxHubThrottle::operationsUseTheirBucket_data()
{
    QTest::addColumn<HubThrottle::Operation>("operation");
    QTest::addColumn<QString>("call");
    QTest::addRow("get device") << HubThrottle::Operation::Registry << "device";
    QTest::addRow("statistics") << HubThrottle::Operation::Registry << "statistics";
    QTest::addRow("twin") << HubThrottle::Operation::TwinRead << "twin";
    QTest::addRow("mqtt twin get") << HubThrottle::Operation::TwinRead << "deviceTwin";
    QTest::addRow("patch twin") << HubThrottle::Operation::TwinUpdate << "updateTwin";
    QTest::addRow("reported patch") << HubThrottle::Operation::TwinUpdate << "reported";
    QTest::addRow("query") << HubThrottle::Operation::Query << "query";
    QTest::addRow("d2c") << HubThrottle::Operation::DeviceToCloud << "d2c";
}

void TestSandboxHubThrottle::operationsUseTheirBucket()
{
    QFETCH(HubThrottle::Operation, operation);
    QFETCH(QString, call);
    const std::function<int()> run = [this, call]() -> int {
        const QString d1 = QStringLiteral("d1");
        if (call == QLatin1String("device"))
            return m_hub->device(d1).error().httpStatus();
        if (call == QLatin1String("statistics"))
            return m_hub->statistics().error().httpStatus();
        if (call == QLatin1String("twin"))
            return m_hub->twin(d1).error().httpStatus();
        if (call == QLatin1String("deviceTwin"))
            return m_hub->deviceTwinProperties(d1).error().httpStatus();
        if (call == QLatin1String("updateTwin"))
            return m_hub
                ->updateTwin(d1, QJsonObject {{QStringLiteral("tags"), QJsonObject {{QStringLiteral("a"), 1}}}}, {})
                .error()
                .httpStatus();
        if (call == QLatin1String("reported"))
            return m_hub->patchReported(d1, QJsonObject {{QStringLiteral("a"), 1}}).error().httpStatus();
        if (call == QLatin1String("query"))
            return m_hub->query(QStringLiteral("SELECT * FROM devices"), 0, {}).error().httpStatus();
        return m_hub->recordDeviceToCloud(d1, {}, "x", {}, {}).error().httpStatus();
    };
    QCOMPARE(run(), 0);
    while (m_hub->admit(operation).ok()) { }
    QCOMPARE(run(), 429);
}

void TestSandboxHubThrottle::throttlesCanBeTurnedOff()
{
    m_hub->setThrottlesEnabled(false);
    QVERIFY(!m_hub->throttlesEnabled());
    for (int i = 0; i < 1000; ++i)
        QVERIFY(m_hub->admit(HubThrottle::Operation::Query).ok());
    for (int i = 0; i < 500; ++i)
        QVERIFY(m_hub->tryAcceptConnection(QStringLiteral("d1")));
}

void TestSandboxHubThrottle::configureChangesLimits()
{
    m_hub->configure(HubSku::S3, 2);
    QCOMPARE(m_hub->sku(), HubSku::S3);
    QCOMPARE(m_hub->units(), 2);
    QCOMPARE(m_hub->limits().queriesPerMinute, 2000.0);
    // The bucket keeps its tokens but refills at the new rate: 2000/min = one per 30 ms.
    for (int i = 0; i < 20; ++i)
        QVERIFY(m_hub->admit(HubThrottle::Operation::Query).ok());
    QVERIFY(!m_hub->admit(HubThrottle::Operation::Query).ok());
    m_clock->advance(30ms);
    QVERIFY(m_hub->admit(HubThrottle::Operation::Query).ok());
}

void TestSandboxHubThrottle::twinFault()
{
    HubFaults faults;
    faults.throttleTwinUntil = m_clock->nowUtc().addSecs(30);
    m_hub->setFaults(faults);
    QCOMPARE(m_hub->twin(QStringLiteral("d1")).error().httpStatus(), 429);
    QCOMPARE(m_hub->deviceTwinProperties(QStringLiteral("d1")).error().httpStatus(), 429);
    QCOMPARE(m_hub->patchReported(QStringLiteral("d1"), QJsonObject {{QStringLiteral("a"), 1}}).error().code(),
             QStringLiteral("ThrottlingException"));
    QVERIFY(m_hub->device(QStringLiteral("d1")).ok()); // the registry is fine
    m_clock->advance(30s);
    QVERIFY(m_hub->twin(QStringLiteral("d1")).ok());
    QCOMPARE(m_hub->metrics().throttled, quint64(3));
}

void TestSandboxHubThrottle::registryFault()
{
    HubFaults faults;
    faults.throttleRegistryUntil = m_clock->nowUtc().addSecs(10);
    m_hub->setFaults(faults);
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d2");
    QCOMPARE(m_hub->createDevice(device).error().httpStatus(), 429);
    QCOMPARE(m_hub->importDevices({ImportDevice::deletion(QStringLiteral("d1"))}).error().httpStatus(), 429);
    QVERIFY(m_hub->twin(QStringLiteral("d1")).ok());
    m_hub->clearFaults();
    QVERIFY(m_hub->createDevice(device).ok());
}

void TestSandboxHubThrottle::outage()
{
    HubFaults faults;
    faults.outageUntil = m_clock->nowUtc().addSecs(5);
    m_hub->setFaults(faults);
    QCOMPARE(m_hub->checkAvailable().error().httpStatus(), 503);
    QCOMPARE(m_hub->checkAvailable().error().code(), QStringLiteral("ServiceUnavailable"));
    QCOMPARE(m_hub->device(QStringLiteral("d1")).error().httpStatus(), 503);
    QCOMPARE(m_hub->twin(QStringLiteral("d1")).error().httpStatus(), 503);
    QCOMPARE(m_hub->query(QStringLiteral("SELECT * FROM devices"), 0, {}).error().httpStatus(), 503);
    QCOMPARE(m_hub->recordDeviceToCloud(QStringLiteral("d1"), {}, "x", {}, {}).error().httpStatus(), 503);
    QVERIFY(!m_hub->tryAcceptConnection(QStringLiteral("d1")));
    QCOMPARE(m_hub->metrics().connectsRefused, quint64(1));
    m_clock->advance(5s);
    QVERIFY(m_hub->checkAvailable().ok());
    QVERIFY(m_hub->tryAcceptConnection(QStringLiteral("d1")));
}

void TestSandboxHubThrottle::basicTierHasNoTwins()
{
    m_hub->configure(HubSku::B1, 1);
    const Result<DeviceTwin> twin = m_hub->twin(QStringLiteral("d1"));
    QVERIFY(!twin.ok());
    QCOMPARE(twin.error().code(), QStringLiteral("OperationNotAvailableInCurrentTier"));
    QVERIFY(m_hub->device(QStringLiteral("d1")).ok());
}

QTEST_GUILESS_MAIN(TestSandboxHubThrottle)
#include "tst_sandboxhubthrottle.moc"
