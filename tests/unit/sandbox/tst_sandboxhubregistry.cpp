#include "HubTestSupport.h"

#include "sandbox/hub/SandboxHub.h"

#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;

namespace {

DeviceIdentity identity(const QString &id)
{
    DeviceIdentity device;
    device.deviceId = id;
    return device;
}

ImportDevice entry(const QString &id, ImportDevice::Mode mode)
{
    ImportDevice device;
    device.id = id;
    device.importMode = mode;
    return device;
}

} // namespace

class TestSandboxHubRegistry : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void defaultPolicies();
    void createGeneratesKeysAndEtags();
    void createKeepsGivenKeys();
    void createRejects_data();
    void createRejects();
    void getUnknownDevice();
    void updateWithEtag();
    void updateRevokesOnKeyChangeOrDisable();
    void deleteWithEtag();
    void listAndStatistics();
    void bulkModes_data();
    void bulkModes();
    void bulkRejectsWholeRequest_data();
    void bulkRejectsWholeRequest();
    void bulkCountsEachDeviceAgainstTheThrottle();

private:
    ManualClock *m_clock = nullptr;
    SandboxHub *m_hub = nullptr;
};

void TestSandboxHubRegistry::init()
{
    m_clock = new ManualClock();
    SandboxHub::Options options;
    options.name = QStringLiteral("test-hub");
    m_hub = new SandboxHub(options, m_clock);
}

void TestSandboxHubRegistry::cleanup()
{
    delete m_hub;
    delete m_clock;
}

void TestSandboxHubRegistry::defaultPolicies()
{
    QCOMPARE(m_hub->hostName(), QStringLiteral("test-hub.azure-devices.net"));
    QStringList names;
    for (const SharedAccessPolicy &policy : m_hub->policies()) {
        names.append(policy.keyName);
        QCOMPARE(QByteArray::fromBase64(policy.primaryKey).size(), 32);
        QCOMPARE(QByteArray::fromBase64(policy.secondaryKey).size(), 32);
        QVERIFY(policy.primaryKey != policy.secondaryKey);
    }
    QCOMPARE(names,
             QStringList({QStringLiteral("iothubowner"), QStringLiteral("service"), QStringLiteral("device"),
                          QStringLiteral("registryRead"), QStringLiteral("registryReadWrite"),
                          QStringLiteral("twinbridge")}));
    QCOMPARE(SharedAccessPolicy::rightsText(m_hub->policy(QStringLiteral("twinbridge"))->rights),
             QStringLiteral("RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect"));
    QCOMPARE(m_hub->policy(QStringLiteral("service"))->rights, HubRights(HubRight::ServiceConnect));
}

void TestSandboxHubRegistry::createGeneratesKeysAndEtags()
{
    const Result<DeviceIdentity> created = m_hub->createDevice(identity(QStringLiteral("lora-01")));
    QVERIFY2(created.ok(), qPrintable(created.error().message()));
    const DeviceIdentity &device = created.value();
    QCOMPARE(device.deviceId, QStringLiteral("lora-01"));
    QCOMPARE(device.authentication.type, DeviceAuthentication::Type::Sas);
    QCOMPARE(QByteArray::fromBase64(device.authentication.primaryKey.toLatin1()).size(), 32);
    QCOMPARE(QByteArray::fromBase64(device.authentication.secondaryKey.toLatin1()).size(), 32);
    QVERIFY(device.authentication.primaryKey != device.authentication.secondaryKey);
    QVERIFY(!device.generationId.isEmpty());
    // IoT Hub's device etags are base64 of a number ("MTY3NjI1NDM0").
    bool numeric = false;
    QByteArray::fromBase64(device.etag.toLatin1()).toULongLong(&numeric);
    QVERIFY2(numeric, qPrintable(device.etag));
    QCOMPARE(device.status, DeviceIdentity::Status::Enabled);
    QCOMPARE(device.connectionState, DeviceIdentity::ConnectionState::Disconnected);

    const Result<DeviceIdentity> other = m_hub->createDevice(identity(QStringLiteral("lora-02")));
    QVERIFY(other.ok());
    QVERIFY(other.value().etag != device.etag);
    QVERIFY(other.value().generationId != device.generationId);
    QCOMPARE(m_hub->device(QStringLiteral("lora-01")).value(), device);
}

void TestSandboxHubRegistry::createKeepsGivenKeys()
{
    DeviceIdentity requested = identity(QStringLiteral("keyed"));
    requested.authentication.primaryKey = QStringLiteral("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    requested.status = DeviceIdentity::Status::Disabled;
    const Result<DeviceIdentity> created = m_hub->createDevice(requested);
    QVERIFY(created.ok());
    QCOMPARE(created.value().authentication.primaryKey, requested.authentication.primaryKey);
    QVERIFY(!created.value().authentication.secondaryKey.isEmpty());
    QCOMPARE(created.value().status, DeviceIdentity::Status::Disabled);
}

void TestSandboxHubRegistry::createRejects_data()
{
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("primaryKey");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addRow("exists") << "taken" << QString() << 409 << "DeviceAlreadyExists";
    QTest::addRow("empty id") << QString() << QString() << 400 << "ArgumentInvalid";
    QTest::addRow("slash in id") << "a/b" << QString() << 400 << "ArgumentInvalid";
    QTest::addRow("id too long") << QString(129, QLatin1Char('x')) << QString() << 400 << "ArgumentInvalid";
    QTest::addRow("key not base64") << "k1"
                                    << "not base64!" << 400 << "ArgumentInvalid";
    QTest::addRow("key too short") << "k2" << QString::fromLatin1(QByteArray(8, 'a').toBase64()) << 400
                                   << "ArgumentInvalid";
}

void TestSandboxHubRegistry::createRejects()
{
    QFETCH(QString, deviceId);
    QFETCH(QString, primaryKey);
    QFETCH(int, status);
    QFETCH(QString, code);
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("taken"))).ok());
    QSignalSpy events(m_hub, &SandboxHub::messageRaised);
    DeviceIdentity requested = identity(deviceId);
    requested.authentication.primaryKey = primaryKey;
    const Result<DeviceIdentity> created = m_hub->createDevice(requested);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().httpStatus(), status);
    QCOMPARE(created.error().code(), code);
    QCOMPARE(events.count(), 0);
    QCOMPARE(m_hub->deviceCount(), 1);
}

void TestSandboxHubRegistry::getUnknownDevice()
{
    const Result<DeviceIdentity> found = m_hub->device(QStringLiteral("ghost"));
    QVERIFY(!found.ok());
    QCOMPARE(found.error().httpStatus(), 404);
    QCOMPARE(found.error().code(), QStringLiteral("DeviceNotFound"));
    QCOMPARE(found.error().kind(), ServiceError::Kind::NotFound);
}

void TestSandboxHubRegistry::updateWithEtag()
{
    const DeviceIdentity created = m_hub->createDevice(identity(QStringLiteral("d1"))).value();
    DeviceIdentity changed = created;
    changed.statusReason = QStringLiteral("maintenance");

    const Result<DeviceIdentity> stale = m_hub->updateDevice(changed, QStringLiteral("\"bm90LWl0\""));
    QVERIFY(!stale.ok());
    QCOMPARE(stale.error().httpStatus(), 412);
    QCOMPARE(stale.error().code(), QStringLiteral("PreconditionFailed"));

    const Result<DeviceIdentity> quoted =
        m_hub->updateDevice(changed, QLatin1Char('"') + created.etag + QLatin1Char('"'));
    QVERIFY2(quoted.ok(), qPrintable(quoted.error().message()));
    QCOMPARE(quoted.value().statusReason, QStringLiteral("maintenance"));
    QVERIFY(quoted.value().etag != created.etag);
    // Keys left empty on update keep the current ones.
    QCOMPARE(quoted.value().authentication.primaryKey, created.authentication.primaryKey);

    changed.statusReason = QStringLiteral("forced");
    const Result<DeviceIdentity> forced = m_hub->updateDevice(changed, QStringLiteral("*"));
    QVERIFY(forced.ok());
    QCOMPARE(forced.value().statusReason, QStringLiteral("forced"));

    const Result<DeviceIdentity> missing = m_hub->updateDevice(identity(QStringLiteral("ghost")), QStringLiteral("*"));
    QCOMPARE(missing.error().httpStatus(), 404);
}

void TestSandboxHubRegistry::updateRevokesOnKeyChangeOrDisable()
{
    const DeviceIdentity created = m_hub->createDevice(identity(QStringLiteral("d1"))).value();
    QSignalSpy revoked(m_hub, &SandboxHub::deviceConnectionRevoked);

    DeviceIdentity same = created;
    same.statusReason = QStringLiteral("no credential change");
    QVERIFY(m_hub->updateDevice(same, QStringLiteral("*")).ok());
    QCOMPARE(revoked.count(), 0);

    DeviceIdentity rekeyed = same;
    rekeyed.authentication.primaryKey = QStringLiteral("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    QVERIFY(m_hub->updateDevice(rekeyed, QStringLiteral("*")).ok());
    QCOMPARE(revoked.count(), 1);
    QCOMPARE(revoked.at(0).at(0).toString(), QStringLiteral("d1"));

    DeviceIdentity disabled = rekeyed;
    disabled.status = DeviceIdentity::Status::Disabled;
    const Result<DeviceIdentity> result = m_hub->updateDevice(disabled, QStringLiteral("*"));
    QVERIFY(result.ok());
    QCOMPARE(revoked.count(), 2);
    QVERIFY(result.value().statusUpdatedTime.isValid());
}

void TestSandboxHubRegistry::deleteWithEtag()
{
    const DeviceIdentity created = m_hub->createDevice(identity(QStringLiteral("d1"))).value();
    QSignalSpy revoked(m_hub, &SandboxHub::deviceConnectionRevoked);
    const Status stale = m_hub->deleteDevice(QStringLiteral("d1"), QStringLiteral("\"other\""));
    QCOMPARE(stale.error().httpStatus(), 412);
    QCOMPARE(m_hub->deviceCount(), 1);
    QVERIFY(m_hub->deleteDevice(QStringLiteral("d1"), created.etag).ok());
    QCOMPARE(m_hub->deviceCount(), 0);
    QCOMPARE(revoked.count(), 1);
    QCOMPARE(m_hub->deleteDevice(QStringLiteral("d1"), QStringLiteral("*")).error().httpStatus(), 404);
}

void TestSandboxHubRegistry::listAndStatistics()
{
    for (const char *id : {"c", "a", "b"})
        QVERIFY(m_hub->createDevice(identity(QLatin1String(id))).ok());
    DeviceIdentity disabled = m_hub->device(QStringLiteral("b")).value();
    disabled.status = DeviceIdentity::Status::Disabled;
    QVERIFY(m_hub->updateDevice(disabled, QStringLiteral("*")).ok());

    const Result<QList<DeviceIdentity>> listed = m_hub->listDevices(2);
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), 2);
    QCOMPARE(listed.value().at(0).deviceId, QStringLiteral("a"));
    QCOMPARE(listed.value().at(1).deviceId, QStringLiteral("b"));

    const Result<DeviceStatistics> statistics = m_hub->statistics();
    QVERIFY(statistics.ok());
    QCOMPARE(statistics.value().totalDeviceCount, 3);
    QCOMPARE(statistics.value().enabledDeviceCount, 2);
    QCOMPARE(statistics.value().disabledDeviceCount, 1);
}

void TestSandboxHubRegistry::bulkModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("exists");
    QTest::addColumn<QString>("etag"); // "current" = the device's (or twin's) current etag
    QTest::addColumn<QString>("errorCode"); // empty = success
    QTest::addColumn<bool>("existsAfter");

    using Mode = ImportDevice::Mode;
    QTest::addRow("create new") << int(Mode::Create) << false << QString() << QString() << true;
    QTest::addRow("create existing") << int(Mode::Create) << true << QString() << "DeviceAlreadyExists" << true;
    QTest::addRow("createOrUpdate new") << int(Mode::CreateOrUpdate) << false << QString() << QString() << true;
    QTest::addRow("createOrUpdate existing") << int(Mode::CreateOrUpdate) << true << QString() << QString() << true;
    QTest::addRow("update existing") << int(Mode::Update) << true << QString() << QString() << true;
    QTest::addRow("update missing") << int(Mode::Update) << false << QString() << "DeviceNotFound" << false;
    QTest::addRow("updateIfMatchETag match") << int(Mode::UpdateIfMatchETag) << true << "current" << QString() << true;
    QTest::addRow("updateIfMatchETag stale") << int(Mode::UpdateIfMatchETag) << true << "c3RhbGU="
                                             << "PreconditionFailed" << true;
    QTest::addRow("delete existing") << int(Mode::Delete) << true << QString() << QString() << false;
    QTest::addRow("delete missing") << int(Mode::Delete) << false << QString() << "DeviceNotFound" << false;
    QTest::addRow("updateIfMatchETag without etag")
        << int(Mode::UpdateIfMatchETag) << true << QString() << "PreconditionFailed" << true;
    QTest::addRow("deleteIfMatchETag match") << int(Mode::DeleteIfMatchETag) << true << "current" << QString() << false;
    QTest::addRow("deleteIfMatchETag stale") << int(Mode::DeleteIfMatchETag) << true << "c3RhbGU="
                                             << "PreconditionFailed" << true;
    QTest::addRow("updateTwin existing") << int(Mode::UpdateTwin) << true << QString() << QString() << true;
    QTest::addRow("updateTwin missing") << int(Mode::UpdateTwin) << false << QString() << "DeviceNotFound" << false;
    QTest::addRow("updateTwinIfMatchETag match")
        << int(Mode::UpdateTwinIfMatchETag) << true << "current" << QString() << true;
    QTest::addRow("updateTwinIfMatchETag stale") << int(Mode::UpdateTwinIfMatchETag) << true << "AAAAAAAAAAk="
                                                 << "PreconditionFailed" << true;
}

void TestSandboxHubRegistry::bulkModes()
{
    QFETCH(int, mode);
    QFETCH(bool, exists);
    QFETCH(QString, etag);
    QFETCH(QString, errorCode);
    QFETCH(bool, existsAfter);
    const auto importMode = ImportDevice::Mode(mode);
    if (exists)
        QVERIFY(m_hub->createDevice(identity(QStringLiteral("dev"))).ok());

    ImportDevice device = entry(QStringLiteral("dev"), importMode);
    device.tags = json(R"({"site":"north"})");
    device.desired = json(R"({"interval":30})");
    if (etag == QLatin1String("current")) {
        if (importMode == ImportDevice::Mode::UpdateTwinIfMatchETag)
            device.twinETag = m_hub->twin(QStringLiteral("dev")).value().etag;
        else
            device.eTag = m_hub->device(QStringLiteral("dev")).value().etag;
    } else if (importMode == ImportDevice::Mode::UpdateTwinIfMatchETag) {
        device.twinETag = etag;
    } else {
        device.eTag = etag;
    }

    const Result<BulkImportResult> result = m_hub->importDevices({device});
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value().isSuccessful, errorCode.isEmpty());
    if (errorCode.isEmpty()) {
        QVERIFY(result.value().errors.isEmpty());
    } else {
        QCOMPARE(result.value().errors.size(), 1);
        const BulkImportResult::DeviceError &error = result.value().errors.first();
        QCOMPARE(error.deviceId, QStringLiteral("dev"));
        QCOMPARE(error.errorCode, errorCode);
        QVERIFY(!error.errorStatus.isEmpty());
        QCOMPARE(error.operation, ImportDevice::modeName(importMode));
    }
    QCOMPARE(m_hub->deviceCount(), existsAfter ? 1 : 0);

    // Successful creates and twin updates carry the twin parts.
    const bool writesTwin = errorCode.isEmpty() && existsAfter;
    if (writesTwin) {
        const DeviceTwin twin = m_hub->twin(QStringLiteral("dev")).value();
        QCOMPARE(twin.tags, json(R"({"site":"north"})"));
        QCOMPARE(DeviceTwin::withoutMetadata(twin.desired), json(R"({"interval":30})"));
    }
}

void TestSandboxHubRegistry::bulkRejectsWholeRequest_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("duplicate");
    QTest::addColumn<QString>("code");
    QTest::addRow("empty") << 0 << false << "ArgumentInvalid";
    QTest::addRow("over 100") << 101 << false << "TooManyDevices";
    QTest::addRow("duplicate id") << 2 << true << "DeviceDefinedMultipleTimes";
}

void TestSandboxHubRegistry::bulkRejectsWholeRequest()
{
    QFETCH(int, count);
    QFETCH(bool, duplicate);
    QFETCH(QString, code);
    m_hub->setThrottlesEnabled(false);
    QList<ImportDevice> devices;
    for (int i = 0; i < count; ++i)
        devices.append(
            entry(duplicate ? QStringLiteral("same") : QStringLiteral("d%1").arg(i), ImportDevice::Mode::Create));
    const Result<BulkImportResult> result = m_hub->importDevices(devices);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().httpStatus(), 400);
    QCOMPARE(result.error().code(), code);
    QCOMPARE(m_hub->deviceCount(), 0);
}

void TestSandboxHubRegistry::bulkCountsEachDeviceAgainstTheThrottle()
{
    // S1 × 1: 100 registry operations per minute, burst of one minute's worth.
    QList<ImportDevice> sixty, fifty;
    for (int i = 0; i < 60; ++i)
        sixty.append(entry(QStringLiteral("a%1").arg(i), ImportDevice::Mode::Create));
    for (int i = 0; i < 50; ++i)
        fifty.append(entry(QStringLiteral("b%1").arg(i), ImportDevice::Mode::Create));
    QVERIFY(m_hub->importDevices(sixty).ok());
    const Result<BulkImportResult> throttled = m_hub->importDevices(fifty);
    QVERIFY(!throttled.ok());
    QCOMPARE(throttled.error().httpStatus(), 429);
    QCOMPARE(throttled.error().code(), QStringLiteral("ThrottlingException"));
    QCOMPARE(m_hub->deviceCount(), 60);
    m_clock->advance(std::chrono::seconds(6)); // 10 more tokens
    QVERIFY(m_hub->importDevices(fifty).ok());
    QCOMPARE(m_hub->deviceCount(), 110);
}

QTEST_GUILESS_MAIN(TestSandboxHubRegistry)
#include "tst_sandboxhubregistry.moc"
