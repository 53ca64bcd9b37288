#include "HubTestSupport.h"

#include "sandbox/hub/HubDirectory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;
using namespace std::chrono_literals;

namespace {
// Enough for HubDirectory's debounce: 500 ms after a change, up to 30 s under a steady load.
constexpr std::chrono::milliseconds MaxSaveDelayForTest = 30s;
} // namespace

namespace {

SandboxHub::Options hubOptions(const QString &name)
{
    SandboxHub::Options options;
    options.name = name;
    return options;
}

// The saved devices by id: {"identity": …, "twin": …} as hubs.json holds them.
QMap<QString, QJsonObject> savedDevices(const QString &path, const QString &hubName)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QMap<QString, QJsonObject> devices;
    const QJsonArray hubs = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("hubs")).toArray();
    for (const QJsonValue &hub : hubs) {
        if (hub.toObject().value(QStringLiteral("name")).toString() != hubName)
            continue;
        for (const QJsonValue &device : hub.toObject().value(QStringLiteral("devices")).toArray()) {
            const QJsonObject object = device.toObject();
            devices.insert(
                object.value(QStringLiteral("identity")).toObject().value(QStringLiteral("deviceId")).toString(),
                object);
        }
    }
    return devices;
}

QString reportedText(const QJsonObject &savedDevice)
{
    return compactText(savedDevice.value(QStringLiteral("twin")).toObject().value(QStringLiteral("reported")).toObject());
}

void importDevices(SandboxHub *hub, int first, int count)
{
    for (int start = first; start < first + count; start += 100) {
        QList<ImportDevice> batch;
        for (int i = start; i < std::min(first + count, start + 100); ++i) {
            ImportDevice entry;
            entry.id = QStringLiteral("dev-%1").arg(i);
            entry.importMode = ImportDevice::Mode::CreateOrUpdate;
            batch.append(entry);
        }
        QVERIFY(hub->importDevices(batch).ok());
    }
}

} // namespace

class TestHubDirectory : public QObject
{
    Q_OBJECT

private slots:
    void hubForHost_data();
    void hubForHost();
    void createAndRemove();
    void savesDebouncedAndRestores();
    void restoreKeepsEverything();
    void damagedFileIsReported();
    void resetEmptiesHubs();
    void incrementalSavesKeepEveryChange();
    void saveNowWinsOverARunningSave();
};

void TestHubDirectory::hubForHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("hub"); // empty = none
    QTest::addRow("full host") << "alpha.azure-devices.net"
                               << "alpha";
    QTest::addRow("upper case") << "ALPHA.Azure-Devices.NET"
                                << "alpha";
    QTest::addRow("with port") << "alpha.azure-devices.net:443"
                               << "alpha";
    QTest::addRow("bare name") << "beta"
                               << "beta";
    QTest::addRow("unknown") << "gamma.azure-devices.net" << QString();
    QTest::addRow("other domain") << "alpha.example.com" << QString();
    QTest::addRow("empty") << QString() << QString();
}

void TestHubDirectory::hubForHost()
{
    QFETCH(QString, host);
    QFETCH(QString, hub);
    ManualClock clock;
    HubDirectory directory(&clock);
    QVERIFY(directory.createHub(hubOptions(QStringLiteral("alpha"))).ok());
    QVERIFY(directory.createHub(hubOptions(QStringLiteral("beta"))).ok());
    SandboxHub *found = directory.hubForHost(host);
    QCOMPARE(found ? found->name() : QString(), hub);
}

void TestHubDirectory::createAndRemove()
{
    ManualClock clock;
    HubDirectory directory(&clock);
    QSignalSpy added(&directory, &HubDirectory::hubAdded);
    QSignalSpy removed(&directory, &HubDirectory::hubRemoved);
    QVERIFY(directory.createHub(hubOptions(QStringLiteral("alpha"))).ok());
    const Result<SandboxHub *> twice = directory.createHub(hubOptions(QStringLiteral("Alpha")));
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().kind(), ServiceError::Kind::Conflict);
    QCOMPARE(added.count(), 1);
    QSignalSpy dropped(directory.hub(QStringLiteral("alpha")), &SandboxHub::connectionsDropRequested);
    QVERIFY(directory.removeHub(QStringLiteral("alpha")).ok());
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(directory.hubs().size(), 0);
    QCOMPARE(directory.removeHub(QStringLiteral("alpha")).error().kind(), ServiceError::Kind::NotFound);
}

void TestHubDirectory::savesDebouncedAndRestores()
{
    QTemporaryDir dir;
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("iothub/hubs.json"));
    {
        HubDirectory directory(&clock);
        QVERIFY(directory.setStateDirectory(dir.path()).ok());
        SandboxHub *hub = directory.createHub(hubOptions(QStringLiteral("alpha"))).value();
        DeviceIdentity device;
        device.deviceId = QStringLiteral("d1");
        QVERIFY(hub->createDevice(device).ok());
        QVERIFY(!QFile::exists(path)); // debounced
        clock.advance(499ms);
        QVERIFY(!QFile::exists(path));
        clock.advance(1ms);
        QTRY_VERIFY(QFile::exists(path)); // written off the event loop
        // The file holds keys: owner only.
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        device.deviceId = QStringLiteral("d2");
        QVERIFY(hub->createDevice(device).ok());
        // Destroying the directory saves what is pending.
    }
    HubDirectory restored(&clock);
    QSignalSpy added(&restored, &HubDirectory::hubAdded);
    QVERIFY(restored.setStateDirectory(dir.path()).ok());
    QCOMPARE(added.count(), 1);
    SandboxHub *hub = restored.hub(QStringLiteral("alpha"));
    QVERIFY(hub);
    QCOMPARE(hub->deviceCount(), 2);
}

void TestHubDirectory::restoreKeepsEverything()
{
    QTemporaryDir dir;
    ManualClock clock;
    HubDirectory directory(&clock);
    QVERIFY(directory.setStateDirectory(dir.path()).ok());
    SandboxHub::Options options = hubOptions(QStringLiteral("persist"));
    options.sku = HubSku::S2;
    options.units = 3;
    SandboxHub *hub = directory.createHub(options).value();
    hub->setThrottlesEnabled(false);
    for (const char *id : {"a", "b:c", "d"}) {
        DeviceIdentity device;
        device.deviceId = QLatin1String(id);
        QVERIFY(hub->createDevice(device).ok());
    }
    QVERIFY(hub->updateTwin(QStringLiteral("a"), json(R"({"tags":{"lorawan":{"devEui":"0004A30B001C0530"}},
        "properties":{"desired":{"x":{"y":1}}}})"),
                            {})
                .ok());
    clock.advance(1s);
    QVERIFY(hub->patchReported(QStringLiteral("a"), json(R"({"lastSeenAt":"2026-01-01T00:00:01Z"})")).ok());
    DeviceIdentity disabled = hub->devices().last();
    disabled.status = DeviceIdentity::Status::Disabled;
    QVERIFY(hub->updateDevice(disabled, QStringLiteral("*")).ok());
    hub->setConnected(QStringLiteral("a"), true);
    QVERIFY(directory.saveNow().ok());

    HubDirectory other(&clock);
    QVERIFY(other.setStateDirectory(dir.path()).ok());
    SandboxHub *copy = other.hub(QStringLiteral("persist"));
    QVERIFY(copy);
    QCOMPARE(copy->sku(), HubSku::S2);
    QCOMPARE(copy->units(), 3);
    QVERIFY(!copy->throttlesEnabled());
    QCOMPARE(copy->policies().size(), hub->policies().size());
    for (const SharedAccessPolicy &policy : hub->policies()) {
        const std::optional<SharedAccessPolicy> restored = copy->policy(policy.keyName);
        QVERIFY(restored);
        QCOMPARE(restored->primaryKey, policy.primaryKey);
        QCOMPARE(restored->secondaryKey, policy.secondaryKey);
        QCOMPARE(restored->rights, policy.rights);
    }
    QCOMPARE(copy->deviceCount(), 3);
    for (const DeviceIdentity &original : hub->devices()) {
        DeviceIdentity expected = original;
        expected.connectionState = DeviceIdentity::ConnectionState::Disconnected; // nobody is connected after a restart
        QCOMPARE(copy->device(original.deviceId).value(), expected);
        DeviceTwin expectedTwin = hub->twin(original.deviceId).value();
        expectedTwin.connectionState = DeviceIdentity::ConnectionState::Disconnected;
        QCOMPARE(copy->twin(original.deviceId).value(), expectedTwin);
    }
    // Etags keep growing after a restart (no reuse of an old etag).
    DeviceIdentity changed = copy->device(QStringLiteral("d")).value();
    const QString before = changed.etag;
    changed.statusReason = QStringLiteral("x");
    const DeviceIdentity after = copy->updateDevice(changed, QStringLiteral("*")).value();
    QVERIFY(after.etag != before);
    for (const DeviceIdentity &original : hub->devices())
        QVERIFY(original.etag != after.etag);
}

void TestHubDirectory::damagedFileIsReported()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("iothub")));
    QFile file(dir.filePath(QStringLiteral("iothub/hubs.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{not json");
    file.close();
    ManualClock clock;
    HubDirectory directory(&clock);
    const Status result = directory.setStateDirectory(dir.path());
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message().contains(QStringLiteral("hubs.json")), qPrintable(result.error().message()));
    QCOMPARE(directory.hubs().size(), 0);
}

void TestHubDirectory::resetEmptiesHubs()
{
    ManualClock clock;
    HubDirectory directory(&clock);
    SandboxHub *hub = directory.createHub(hubOptions(QStringLiteral("alpha"))).value();
    const QByteArray key = hub->policy(QStringLiteral("iothubowner"))->primaryKey;
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d1");
    QVERIFY(hub->createDevice(device).ok());
    QVERIFY(hub->recordDeviceToCloud(QStringLiteral("d1"), {}, "x", {}, {}).ok());
    HubFaults faults;
    faults.addedLatencyMs = 100;
    hub->setFaults(faults);
    QSignalSpy dropped(hub, &SandboxHub::connectionsDropRequested);
    directory.resetAll();
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(hub->deviceCount(), 0);
    QCOMPARE(hub->recordedMessages({}, 0).size(), 0);
    QCOMPARE(hub->faults().addedLatencyMs, 0);
    QCOMPARE(hub->metrics().registryOperations, quint64(0));
    QCOMPARE(hub->policy(QStringLiteral("iothubowner"))->primaryKey, key);
}

// Each save serializes only the devices that changed and reuses the rest: creations, patches, deletions and
// a reset all reach the file, and the restored hub equals the live one.
void TestHubDirectory::incrementalSavesKeepEveryChange()
{
    QTemporaryDir dir;
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("iothub/hubs.json"));
    HubDirectory directory(&clock);
    QVERIFY(directory.setStateDirectory(dir.path()).ok());
    SandboxHub *hub = directory.createHub(hubOptions(QStringLiteral("alpha"))).value();
    hub->setThrottlesEnabled(false);
    importDevices(hub, 0, 300);
    clock.advance(500ms);
    QTRY_COMPARE(savedDevices(path, QStringLiteral("alpha")).size(), 300);

    QVERIFY(hub->patchReported(QStringLiteral("dev-5"), json(R"({"temperature":21.5})")).ok());
    QVERIFY(hub->deleteDevice(QStringLiteral("dev-7"), QStringLiteral("*")).ok());
    DeviceIdentity added;
    added.deviceId = QStringLiteral("new-1");
    QVERIFY(hub->createDevice(added).ok());
    // Each poll moves the clock on: a save asked for while the previous one was still writing waits for its
    // debounce after that one finished.
    auto saved = [&clock, &path] {
        clock.advance(MaxSaveDelayForTest);
        return savedDevices(path, QStringLiteral("alpha"));
    };
    QTRY_VERIFY(saved().contains(QStringLiteral("new-1")));
    const QMap<QString, QJsonObject> file = savedDevices(path, QStringLiteral("alpha"));
    QCOMPARE(file.size(), 300);
    QVERIFY(!file.contains(QStringLiteral("dev-7")));
    QVERIFY2(reportedText(file.value(QStringLiteral("dev-5"))).contains(QStringLiteral("\"temperature\":21.5")),
             qPrintable(reportedText(file.value(QStringLiteral("dev-5")))));
    QVERIFY(!reportedText(file.value(QStringLiteral("dev-6"))).contains(QStringLiteral("temperature")));

    // A later patch of the same device replaces its saved state.
    QVERIFY(hub->patchReported(QStringLiteral("dev-5"), json(R"({"temperature":22})")).ok());
    QTRY_VERIFY(reportedText(saved().value(QStringLiteral("dev-5"))).contains(QStringLiteral("\"temperature\":22")));

    HubDirectory restored(&clock);
    QVERIFY(restored.setStateDirectory(dir.path()).ok());
    SandboxHub *copy = restored.hub(QStringLiteral("alpha"));
    QVERIFY(copy);
    QCOMPARE(copy->deviceCount(), 300);
    QCOMPARE(copy->twin(QStringLiteral("dev-5")).value().reported, hub->twin(QStringLiteral("dev-5")).value().reported);

    directory.resetAll();
    QTRY_VERIFY(saved().isEmpty());
}

// saveNow() while a save is still serializing in slices: it finishes the work itself, and the file ends with the
// newest state, never the superseded save's.
void TestHubDirectory::saveNowWinsOverARunningSave()
{
    QTemporaryDir dir;
    ManualClock clock;
    const QString path = dir.filePath(QStringLiteral("iothub/hubs.json"));
    {
        HubDirectory directory(&clock);
        QVERIFY(directory.setStateDirectory(dir.path()).ok());
        SandboxHub *hub = directory.createHub(hubOptions(QStringLiteral("alpha"))).value();
        hub->setThrottlesEnabled(false);
        importDevices(hub, 0, 2000);
        clock.advance(500ms); // starts a save of 2,000 devices in slices
        QVERIFY(hub->patchReported(QStringLiteral("dev-1999"), json(R"({"last":true})")).ok());
        QVERIFY(directory.saveNow().ok());
        const QMap<QString, QJsonObject> saved = savedDevices(path, QStringLiteral("alpha"));
        QCOMPARE(saved.size(), 2000);
        QVERIFY(reportedText(saved.value(QStringLiteral("dev-1999"))).contains(QStringLiteral("\"last\":true")));
    } // waits for the superseded write, which must not overwrite the file
    const QMap<QString, QJsonObject> saved = savedDevices(path, QStringLiteral("alpha"));
    QCOMPARE(saved.size(), 2000);
    QVERIFY(reportedText(saved.value(QStringLiteral("dev-1999"))).contains(QStringLiteral("\"last\":true")));
}

QTEST_GUILESS_MAIN(TestHubDirectory)
#include "tst_hubdirectory.moc"
