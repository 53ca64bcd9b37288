#include "sandbox/hub/SandboxHub.h"
#include "services/protocol/SasToken.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

const QString Host = QStringLiteral("auth-hub.azure-devices.net");
const QByteArray WrongKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

enum class Key { Primary, Secondary, Wrong, OtherDevice };

} // namespace

Q_DECLARE_METATYPE(Key)

class TestSandboxHubAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void service_data();
    void service();
    void device_data();
    void device();
    void errorsNeverContainTheSignature();

private:
    QByteArray policyKey(const QString &name, Key key) const;
    QByteArray deviceKey(const QString &deviceId, Key key) const;

    ManualClock *m_clock = nullptr;
    SandboxHub *m_hub = nullptr;
};

void TestSandboxHubAuth::init()
{
    m_clock = new ManualClock();
    SandboxHub::Options options;
    options.name = QStringLiteral("auth-hub");
    m_hub = new SandboxHub(options, m_clock);
    DeviceIdentity device;
    for (const char *id : {"d1", "d2", "off"}) {
        device.deviceId = QLatin1String(id);
        device.status = device.deviceId == QLatin1String("off") ? DeviceIdentity::Status::Disabled
                                                                : DeviceIdentity::Status::Enabled;
        QVERIFY(m_hub->createDevice(device).ok());
    }
}

void TestSandboxHubAuth::cleanup()
{
    delete m_hub;
    delete m_clock;
}

QByteArray TestSandboxHubAuth::policyKey(const QString &name, Key key) const
{
    const std::optional<SharedAccessPolicy> policy = m_hub->policy(name);
    if (!policy || key == Key::Wrong)
        return WrongKey;
    return key == Key::Secondary ? policy->secondaryKey : policy->primaryKey;
}

QByteArray TestSandboxHubAuth::deviceKey(const QString &deviceId, Key key) const
{
    const QList<DeviceIdentity> devices = m_hub->devices();
    const QString owner = key == Key::OtherDevice ? QStringLiteral("d2") : deviceId;
    for (const DeviceIdentity &device : devices) {
        if (device.deviceId == owner) {
            if (key == Key::Wrong)
                return WrongKey;
            return (key == Key::Secondary ? device.authentication.secondaryKey : device.authentication.primaryKey)
                .toLatin1();
        }
    }
    return WrongKey;
}

void TestSandboxHubAuth::service_data()
{
    QTest::addColumn<QString>("sr");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<Key>("key");
    QTest::addColumn<int>("expiresIn"); // seconds from now
    QTest::addColumn<int>("required"); // HubRights
    QTest::addColumn<QString>("resource"); // what the call touches; empty = the hub
    QTest::addColumn<QString>("words"); // empty = authorized

    const int read = int(HubRight::RegistryRead);
    const int write = int(HubRight::RegistryWrite);
    const int service = int(HubRight::ServiceConnect);
    const QString d1 = Host + QStringLiteral("/devices/d1");
    QTest::addRow("owner primary") << Host << "iothubowner" << Key::Primary << 3600 << write << QString() << QString();
    QTest::addRow("owner secondary") << Host << "iothubowner" << Key::Secondary << 3600 << service << QString()
                                     << QString();
    QTest::addRow("wrong key") << Host << "iothubowner" << Key::Wrong << 3600 << read << QString() << "signature";
    QTest::addRow("expired") << Host << "iothubowner" << Key::Primary << -3600 << read << QString() << "expired";
    QTest::addRow("expired within the skew")
        << Host << "iothubowner" << Key::Primary << -240 << read << QString() << QString();
    QTest::addRow("unknown policy") << Host << "nobody" << Key::Primary << 3600 << read << QString()
                                    << "no shared access policy named \"nobody\"";
    QTest::addRow("no skn") << Host << QString() << Key::Primary << 3600 << read << QString() << "skn";
    QTest::addRow("read policy cannot write")
        << Host << "registryRead" << Key::Primary << 3600 << write << QString() << "lacks RegistryWrite";
    QTest::addRow("readwrite reads") << Host << "registryReadWrite" << Key::Primary << 3600 << read << QString()
                                     << QString();
    QTest::addRow("service policy cannot read registry")
        << Host << "service" << Key::Primary << 3600 << read << QString() << "lacks RegistryRead";
    QTest::addRow("device policy is no service")
        << Host << "device" << Key::Primary << 3600 << service << QString() << "lacks ServiceConnect";
    QTest::addRow("devices prefix covers a device")
        << Host + QStringLiteral("/devices") << "registryRead" << Key::Primary << 3600 << read << d1 << QString();
    QTest::addRow("devices prefix does not cover the hub")
        << Host + QStringLiteral("/devices") << "registryRead" << Key::Primary << 3600 << read << QString()
        << "does not cover";
    QTest::addRow("prefix by whole segments")
        << Host + QStringLiteral("/dev") << "registryRead" << Key::Primary << 3600 << read << d1 << "does not cover";
    QTest::addRow("other hub") << QStringLiteral("other.azure-devices.net") << "iothubowner" << Key::Primary << 3600
                               << read << QString() << "does not cover";
    QTest::addRow("host case does not matter") << QStringLiteral("AUTH-HUB.azure-devices.net") << "iothubowner"
                                               << Key::Primary << 3600 << read << QString() << QString();
}

void TestSandboxHubAuth::service()
{
    QFETCH(QString, sr);
    QFETCH(QString, policy);
    QFETCH(Key, key);
    QFETCH(int, expiresIn);
    QFETCH(int, required);
    QFETCH(QString, resource);
    QFETCH(QString, words);
    const QString token = SasToken::sign(sr, policyKey(policy.isEmpty() ? QStringLiteral("iothubowner") : policy, key),
                                         m_clock->secondsSinceEpoch() + expiresIn, policy);
    const Status result = m_hub->authorizeService(token, HubRights::fromInt(required), resource);
    if (words.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().httpStatus(), 401);
    QCOMPARE(result.error().code(), QStringLiteral("IotHubUnauthorizedAccess"));
    QCOMPARE(result.error().kind(), ServiceError::Kind::Unauthorized);
    QVERIFY2(result.error().message().contains(words, Qt::CaseInsensitive), qPrintable(result.error().message()));
}

void TestSandboxHubAuth::device_data()
{
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("sr");
    QTest::addColumn<QString>("policy"); // empty = the device's own key
    QTest::addColumn<Key>("key");
    QTest::addColumn<int>("expiresIn");
    QTest::addColumn<QString>("words");

    const QString d1 = Host + QStringLiteral("/devices/d1");
    QTest::addRow("own primary") << "d1" << d1 << QString() << Key::Primary << 3600 << QString();
    QTest::addRow("own secondary") << "d1" << d1 << QString() << Key::Secondary << 3600 << QString();
    QTest::addRow("wrong key") << "d1" << d1 << QString() << Key::Wrong << 3600 << "signature";
    QTest::addRow("another device's key") << "d1" << d1 << QString() << Key::OtherDevice << 3600 << "signature";
    QTest::addRow("token of another device")
        << "d1" << Host + QStringLiteral("/devices/d2") << QString() << Key::Primary << 3600 << "does not cover";
    QTest::addRow("segment prefix only") << "d1" << Host + QStringLiteral("/devices/d") << "device" << Key::Primary
                                         << 3600 << "does not cover";
    QTest::addRow("device policy") << "d1" << d1 << "device" << Key::Primary << 3600 << QString();
    QTest::addRow("device policy secondary") << "d1" << d1 << "device" << Key::Secondary << 3600 << QString();
    QTest::addRow("gateway token for all devices")
        << "d1" << Host + QStringLiteral("/devices") << "twinbridge" << Key::Primary << 3600 << QString();
    QTest::addRow("policy without DeviceConnect")
        << "d1" << d1 << "service" << Key::Primary << 3600 << "lacks DeviceConnect";
    QTest::addRow("expired") << "d1" << d1 << QString() << Key::Primary << -600 << "expired";
    QTest::addRow("disabled device") << "off" << Host + QStringLiteral("/devices/off") << QString() << Key::Primary
                                     << 3600 << "disabled";
    QTest::addRow("unknown device") << "ghost" << Host + QStringLiteral("/devices/ghost") << "device" << Key::Primary
                                    << 3600 << "not registered";
}

void TestSandboxHubAuth::device()
{
    QFETCH(QString, deviceId);
    QFETCH(QString, sr);
    QFETCH(QString, policy);
    QFETCH(Key, key);
    QFETCH(int, expiresIn);
    QFETCH(QString, words);
    const QByteArray signingKey = policy.isEmpty() ? deviceKey(deviceId, key) : policyKey(policy, key);
    const QString token = SasToken::sign(sr, signingKey, m_clock->secondsSinceEpoch() + expiresIn, policy);
    const Status result = m_hub->authorizeDevice(deviceId, token);
    if (words.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::Unauthorized);
    QVERIFY2(result.error().message().contains(words, Qt::CaseInsensitive), qPrintable(result.error().message()));
}

void TestSandboxHubAuth::errorsNeverContainTheSignature()
{
    const QString token =
        SasToken::sign(Host, WrongKey, m_clock->secondsSinceEpoch() + 60, QStringLiteral("iothubowner"));
    const Result<SasToken> parsed = SasToken::parse(token);
    QVERIFY(parsed.ok());
    const Status result = m_hub->authorizeService(token, HubRight::RegistryRead);
    QVERIFY(!result.ok());
    QVERIFY(!result.error().message().contains(QString::fromLatin1(parsed.value().signature())));
    QVERIFY(!result.error().message().contains(QString::fromLatin1(WrongKey)));
    const Status malformed =
        m_hub->authorizeService(QStringLiteral("SharedAccessSignature sr=x&sig=%%%"), HubRight::RegistryRead);
    QCOMPARE(malformed.error().httpStatus(), 401);
}

QTEST_GUILESS_MAIN(TestSandboxHubAuth)
#include "tst_sandboxhubauth.moc"
