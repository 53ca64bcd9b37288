// The Bridge page in a real window against the in-process sandbox (TTS stand-in with its mosquitto broker and
// virtual devices, IoT Hub over TLS, the Function stand-in) with the real engine in its EngineHost thread.

#include "FutureWait.h"

#include "models/BridgeHealth.h"
#include "models/BridgeProfileSettings.h"
#include "models/DeviceErrorModel.h"
#include "models/EngineStatsHistory.h"
#include "sandbox/Sandbox.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/engine/EngineHost.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"
#include "views/BridgePage.h"
#include "views/EngineSettingsForm.h"
#include "views/MainWindow.h"
#include "views/MessageBox.h"
#include "views/StatusLight.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace std::chrono_literals;

namespace {

const QString App = QStringLiteral("demo-app");

} // namespace

class TestBridgePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void startLightsConnectAndCountersRise();
    void wrongTtsKeyNamesTheTtsSide();
    void missingPolicyKeyNamesTheHubSide();
    void wrongPolicyKeyNamesHubRest();
    void pauseStoresAndResumeForwards();
    void outboxDiscardAndRetryNow();
    void settingsRoundTripAndIngestKey();
    void closingTheWindowDrainsTheEngine();

private:
    void makePage(bool inWindow = false);
    template<typename T>
    T *find(const char *objectName) const;
    QString lightStatus(const char *objectName) const;
    int counter(const char *key) const;
    void sendUplink(const QString &deviceId);
    void settleFirstDevice();
    void clickStart();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QSignalSpy> m_published; // every upstream message the virtual devices publish
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfileSession> m_session;
    std::unique_ptr<EngineHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<BridgePage> m_ownPage;
    BridgePage *m_page = nullptr;
    QString m_profileId;
};

void TestBridgePage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the engine's outbox goes to the test data location
}

void TestBridgePage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir->filePath(QStringLiteral("sandbox"));
    options.devices = 3;
    options.seed = 7;
    options.throttlesEnabled = false;
    options.ttsMqttTls = false;
    options.uplinkInterval = 1h; // the test sends the uplinks
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = Test::awaitResult(m_sandbox->start(), 30000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    m_published =
        std::make_unique<QSignalSpy>(m_sandbox->fleet(), &TwinBridge::Sandbox::VirtualDeviceFleet::applicationUp);

    // The profile as the console imports it from sandbox.json, its secrets in the store.
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    const Result<SandboxProfileImport::Imported> imported =
        SandboxProfileImport::importFile(*m_store, m_sandbox->descriptionPath());
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    m_profileId = imported.value().profile.id;
    for (auto it = imported.value().secrets.constBegin(); it != imported.value().secrets.constEnd(); ++it)
        QVERIFY(Test::awaitResult(m_secrets->write(m_profileId, it.key(), it.value())).ok());
    QVERIFY(m_store->setCurrentProfileId(m_profileId).ok());
    // Any free port for the ingest endpoint, so tests never collide with a running console.
    EngineConfig engine;
    engine.ingest.port = 0;
    engine.statsInterval = 250ms;
    BridgeProfileSettings::save(m_settings.get(), m_profileId, BridgeProfileSettings {engine.engineJson(), {}});

    m_session = std::make_unique<ProfileSession>(m_store.get(), m_secrets.get());
    m_session->reopen();
    m_host = std::make_unique<EngineHost>();
}

void TestBridgePage::cleanup()
{
    if (m_host && m_host->isRunning())
        QVERIFY(Test::await(m_host->stop(), 20000));
    m_window.reset(); // owns the page when it was shown in a window
    m_ownPage.reset();
    m_page = nullptr;
    m_host.reset();
    m_session.reset();
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_published.reset();
    if (m_sandbox) {
        QVERIFY(Test::await(m_sandbox->stop(), 15000));
        m_sandbox.reset();
    }
    if (!m_profileId.isEmpty())
        QDir(EngineConfig::defaultDataDirectory(m_profileId)).removeRecursively();
    m_dir.reset();
}

void TestBridgePage::makePage(bool inWindow)
{
    auto *page = new BridgePage(m_store.get(), m_secrets.get(), m_session.get(), m_host.get(), m_settings.get());
    m_page = page;
    if (inWindow) {
        m_window = std::make_unique<MainWindow>(m_settings.get());
        m_window->setPage(MainWindow::Page::Bridge, page);
        m_window->showPage(MainWindow::Page::Bridge);
        page->watchWindowClose(m_window.get());
        m_window->resize(1200, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    } else {
        m_ownPage.reset(page);
        page->resize(1200, 900);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page));
    }
}

template<typename T>
T *TestBridgePage::find(const char *objectName) const
{
    T *widget = m_page ? m_page->findChild<T *>(QString::fromLatin1(objectName)) : nullptr;
    if (!widget)
        qWarning("no widget named %s", objectName);
    return widget;
}

QString TestBridgePage::lightStatus(const char *objectName) const
{
    auto *light = find<StatusLight>(objectName);
    return light ? light->property("status").toString() : QString();
}

int TestBridgePage::counter(const char *key) const
{
    auto *label = find<QLabel>(QByteArray(QByteArray(key) + "Value").constData());
    return label ? QLocale().toInt(label->text()) : -1;
}

void TestBridgePage::sendUplink(const QString &deviceId)
{
    TwinBridge::Sandbox::VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = App;
    uplink.deviceId = deviceId;
    const auto sent = m_sandbox->fleet()->sendUplink(uplink);
    QVERIFY2(sent.ok(), qPrintable(sent.error().toString()));
}

// The sandbox's first virtual device joins by itself when the sandbox starts and sends an uplink of its own two
// seconds later, which the engine receives or not depending on when it subscribed. Waits until that uplink was
// published and, with a marker uplink of dev-001 behind it (one MQTT connection keeps the order), until the
// engine forwarded whatever it received of dev-001: afterwards the outbox holds only what the test sends.
void TestBridgePage::settleFirstDevice()
{
    const auto publishedUp = [this] {
        return std::any_of(m_published->cbegin(), m_published->cend(), [](const QList<QVariant> &args) {
            return args.at(0).toString().endsWith(QLatin1String("/devices/dev-001/up"));
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(publishedUp(), 15000);
    QSignalSpy events(m_host.get(), &EngineHost::eventsReady);
    TwinBridge::Sandbox::VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = App;
    uplink.deviceId = QStringLiteral("dev-001");
    const auto marker = m_sandbox->fleet()->sendUplink(uplink);
    QVERIFY(marker.ok());
    QString messageId;
    for (const QJsonValue &id : marker.value().value(QLatin1String("correlation_ids")).toArray()) {
        if (id.toString().startsWith(QLatin1String("as:up:")))
            messageId = QStringLiteral("uplink:") + id.toString();
    }
    QVERIFY(!messageId.isEmpty());
    const auto forwarded = [&] {
        for (const QList<QVariant> &args : std::as_const(events)) {
            for (const EngineEvent &event : args.at(0).value<EngineEvents>()) {
                if (event.kind == EngineEvent::Kind::UplinkForwarded &&
                    event.detail.value(QLatin1String("messageId")).toString() == messageId)
                    return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(forwarded(), 15000);
    // The stats of that batch were taken after its acknowledgement.
    QTRY_VERIFY(find<QLabel>("outboxLabel")->text().contains(QLatin1String("Outbox: 0 message")));
}

void TestBridgePage::clickStart()
{
    auto *start = find<QPushButton>("startButton");
    QVERIFY(start);
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
}

// Start → the lights go to "ok" (the sandbox's Function now posts to this engine) and the counters rise as virtual
// devices send; stop → every light is off.
void TestBridgePage::startLightsConnectAndCountersRise()
{
    makePage();
    QAbstractItemModelTester errorsTester(m_page->errors(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester historyTester(m_page->history(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const char *light : {"ttsMqttLight", "hubRestLight", "hubMqttLight", "ingestLight"})
        QCOMPARE(lightStatus(light), QStringLiteral("off"));

    QSignalSpy started(m_page, &BridgePage::engineStarted);
    clickStart();
    QVERIFY(started.wait(20000));
    QVERIFY(m_host->isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("ttsMqttLight"), QStringLiteral("ok"), 15000);
    QCOMPARE(lightStatus("ingestLight"), QStringLiteral("ok"));
    QVERIFY2(find<StatusLight>("ingestLight")->text().contains(QLatin1String("Function")),
             qPrintable(find<StatusLight>("ingestLight")->text()));
    QVERIFY(m_page->errorText().isEmpty());

    for (const QString &device : {QStringLiteral("dev-001"), QStringLiteral("dev-002"), QStringLiteral("dev-003")})
        sendUplink(device);
    // Joins count as received and forwarded too (reported joinedAt), but only uplinks become D2C messages.
    QTRY_VERIFY_WITH_TIMEOUT(counter("d2c_sent") >= 3, 20000);
    QVERIFY(counter("uplinks_forwarded") >= 3);
    QVERIFY(counter("uplinks_received") >= 3);
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("hubRestLight"), QStringLiteral("ok"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("hubMqttLight"), QStringLiteral("ok"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->history()->rowCount() > 0, 5000);
    // The sandbox's Function posts to this engine with the profile's ingest key: the twin changes of the identities
    // the engine created (its own tag writes) come back through the ingest endpoint.
    QTRY_VERIFY_WITH_TIMEOUT(counter("ingest_events_accepted") >= 1, 20000);
    QVERIFY(lightStatus("ingestLight") == QLatin1String("ok"));
    QCOMPARE(find<QLabel>("stateLabel")->property("state").toString(), QStringLiteral("running"));

    QTest::mouseClick(find<QPushButton>("stopButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>("stateLabel")->property("state").toString(), QStringLiteral("stopped"),
                              20000);
    QVERIFY(!m_host->isRunning());
    for (const char *light : {"ttsMqttLight", "hubRestLight", "hubMqttLight", "ingestLight"})
        QCOMPARE(lightStatus(light), QStringLiteral("off"));
    QVERIFY(find<QPushButton>("startButton")->isEnabled());
}

// A wrong TTS API key: the engine runs, but the TTS light is red with the broker's refusal, the same sentence
// shows above the lights, and the hub's lights do not claim a failure.
void TestBridgePage::wrongTtsKeyNamesTheTtsSide()
{
    QVERIFY(Test::awaitResult(m_secrets->write(m_profileId, SecretKind::TtsApiKey,
                                               QStringLiteral("NNSXS.WRONGKEYWRONGKEYWRONGKEY.WRONG")))
                .ok());
    makePage();
    clickStart();
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("ttsMqttLight"), QStringLiteral("failed"), 20000);
    const QString sentence = find<StatusLight>("ttsMqttLight")->text();
    QVERIFY2(sentence.contains(QLatin1String("refused the connection")), qPrintable(sentence));
    QTRY_VERIFY(!m_page->errorText().isEmpty());
    QVERIFY2(m_page->errorText().contains(QLatin1String("refused the connection")), qPrintable(m_page->errorText()));
    QVERIFY(lightStatus("hubRestLight") != QLatin1String("failed"));
    QVERIFY(lightStatus("hubMqttLight") != QLatin1String("failed"));
}

// A profile without its policy key does not start: the hub's lights are red with the sentence that says where to
// enter it, the TTS light is not, and no engine runs.
void TestBridgePage::missingPolicyKeyNamesTheHubSide()
{
    QVERIFY(Test::awaitResult(m_secrets->remove(m_profileId, SecretKind::HubPolicyKey)).ok());
    makePage();
    QSignalSpy failed(m_page, &BridgePage::startFailed);
    clickStart();
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(!m_host->isRunning());
    QCOMPARE(lightStatus("hubRestLight"), QStringLiteral("failed"));
    QCOMPARE(lightStatus("hubMqttLight"), QStringLiteral("failed"));
    QVERIFY(lightStatus("ttsMqttLight") != QLatin1String("failed"));
    const QString sentence = find<StatusLight>("hubRestLight")->text();
    QVERIFY2(sentence.contains(QLatin1String("policy key"), Qt::CaseInsensitive), qPrintable(sentence));
    QVERIFY2(m_page->errorText().contains(QLatin1String("policy key"), Qt::CaseInsensitive),
             qPrintable(m_page->errorText()));
    QVERIFY(find<QPushButton>("startButton")->isEnabled()); // fix it and try again
}

// A wrong policy key: TTS is fine, the first uplink's identity request is refused (401) — the Hub REST light is red
// with that error, the device is in the error table, and the Hub MQTT light does not take the blame.
void TestBridgePage::wrongPolicyKeyNamesHubRest()
{
    QVERIFY(Test::awaitResult(m_secrets->write(m_profileId, SecretKind::HubPolicyKey,
                                               QStringLiteral("V3JvbmdQb2xpY3lLZXlXcm9uZ1BvbGljeUtleTEyMzQ=")))
                .ok());
    makePage();
    QSignalSpy started(m_page, &BridgePage::engineStarted);
    clickStart();
    QVERIFY(started.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("ttsMqttLight"), QStringLiteral("ok"), 15000);
    sendUplink(QStringLiteral("dev-002"));
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("hubRestLight"), QStringLiteral("failed"), 20000);
    QVERIFY2(find<StatusLight>("hubRestLight")->text().contains(QLatin1String("dev-002")),
             qPrintable(find<StatusLight>("hubRestLight")->text()));
    QTRY_VERIFY(m_page->errors()->rowOf(QStringLiteral("dev-002")) >= 0);
    QVERIFY(m_page->errors()->row(m_page->errors()->rowOf(QStringLiteral("dev-002"))).isFailing());
    QVERIFY(lightStatus("hubMqttLight") != QLatin1String("failed"));
    QCOMPARE(lightStatus("ttsMqttLight"), QStringLiteral("ok"));
}

// Pause keeps receiving and storing; nothing is forwarded until Resume, then everything is.
void TestBridgePage::pauseStoresAndResumeForwards()
{
    makePage();
    QSignalSpy started(m_page, &BridgePage::engineStarted);
    clickStart();
    QVERIFY(started.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("ttsMqttLight"), QStringLiteral("ok"), 15000);

    auto *pause = find<QPushButton>("pauseButton");
    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_VERIFY(m_page->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("Resume"));
    QVERIFY(find<QLabel>("stateLabel")->text().contains(QLatin1String("Paused")));

    // dev-002 and dev-003: the sandbox's first device (dev-001) joins by itself at start, and its own uplink may
    // still be in flight when the pause begins (work in flight finishes). A device joins before its first uplink;
    // the join accept counts as received too.
    TwinBridge::Sandbox::SandboxHub *hub = m_sandbox->hubs()->hub(QStringLiteral("sandbox-hub"));
    const QStringList devices {QStringLiteral("dev-002"), QStringLiteral("dev-003")};
    for (const QString &device : devices)
        sendUplink(device);
    QTRY_VERIFY_WITH_TIMEOUT(counter("uplinks_received") >= 2, 15000);
    const QRegularExpression waiting(QStringLiteral("Outbox: ([0-9]+) message"));
    QTRY_VERIFY(waiting.match(find<QLabel>("outboxLabel")->text()).captured(1).toInt() >= 2);
    for (const QString &device : devices) // stored, not forwarded
        QVERIFY(hub->recordedMessages(device, 0, 100).isEmpty());

    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_VERIFY(!m_page->isPaused());
    for (const QString &device : devices)
        QTRY_VERIFY_WITH_TIMEOUT(!hub->recordedMessages(device, 0, 100).isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(counter("d2c_sent") >= 2, 20000);
    QTRY_VERIFY(find<QLabel>("outboxLabel")->text().contains(QLatin1String("0 message")));
}

// The hub is down: messages wait in the outbox; "Discard…" asks with the count and removes what is not in flight;
// once the hub is back "Retry now" sends what waits without waiting for the back-off.
void TestBridgePage::outboxDiscardAndRetryNow()
{
    makePage();
    QSignalSpy started(m_page, &BridgePage::engineStarted);
    clickStart();
    QVERIFY(started.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(lightStatus("ttsMqttLight"), QStringLiteral("ok"), 15000);

    settleFirstDevice();
    TwinBridge::Sandbox::SandboxHub *hub = m_sandbox->hubs()->hub(QStringLiteral("sandbox-hub"));
    QVERIFY(hub);
    TwinBridge::Sandbox::HubFaults faults;
    faults.outageUntil = QDateTime::currentDateTimeUtc().addSecs(3600);
    hub->setFaults(faults);
    // dev-002 joins first (a join accept: one record), then sends three uplinks: four records.
    for (int i = 0; i < 3; ++i)
        sendUplink(QStringLiteral("dev-002"));
    const QRegularExpression waiting(QStringLiteral("Outbox: ([0-9]+) message"));
    const auto depth = [&] { return waiting.match(find<QLabel>("outboxLabel")->text()).captured(1).toInt(); };
    QTRY_COMPARE_WITH_TIMEOUT(depth(), 4, 15000);
    QVERIFY(find<QPushButton>("discardButton")->isEnabled());
    QVERIFY(find<QPushButton>("retryNowButton")->isEnabled());

    QSignalSpy messages(m_page, &BridgePage::statusMessage);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(find<QPushButton>("discardButton"), Qt::LeftButton);
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("the 4 message")), qPrintable(MessageBox::lastText()));
    // Everything but the record being sent at that moment (if one was).
    const QRegularExpression discarded(QStringLiteral("^Discarded ([34]) message"));
    QTRY_VERIFY(std::any_of(messages.cbegin(), messages.cend(), [&](const QList<QVariant> &args) {
        return discarded.match(args.at(0).toString()).hasMatch();
    }));
    QTRY_VERIFY_WITH_TIMEOUT(depth() <= 1, 5000);
    // The device shows in the error table once its attempt failed.
    QTRY_VERIFY_WITH_TIMEOUT(m_page->errors()->rowOf(QStringLiteral("dev-002")) >= 0, 60000);

    hub->clearFaults();
    sendUplink(QStringLiteral("dev-003"));
    messages.clear();
    QTRY_VERIFY(find<QPushButton>("retryNowButton")->isEnabled() || counter("uplinks_forwarded") > 0);
    QTest::mouseClick(find<QPushButton>("retryNowButton"), Qt::LeftButton);
    QTRY_VERIFY(std::any_of(messages.cbegin(), messages.cend(), [](const QList<QVariant> &args) {
        return args.at(0).toString().startsWith(QLatin1String("Retrying"));
    }));
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("outboxLabel")->text().contains(QLatin1String("0 message")), 30000);
    QVERIFY(counter("uplinks_forwarded") >= 1);
}

// The engine settings form stores per profile, comes back the same, refuses a wrong address and regenerates the
// ingest key into the SecretStore.
void TestBridgePage::settingsRoundTripAndIngestKey()
{
    makePage();
    find<QTabWidget>("bridgeTabs")->setCurrentIndex(1);
    EngineSettingsForm *form = m_page->settingsForm();
    auto *mode = find<QComboBox>("modeComboBox");
    mode->setCurrentIndex(mode->findData(QStringLiteral("strict")));
    find<QSpinBox>("poolTtlSpinBox")->setValue(42);
    find<QCheckBox>("telemetry_joinAcceptCheckBox")->setChecked(true);
    find<QCheckBox>("reported_serviceDataCheckBox")->setChecked(false);
    find<QLineEdit>("bindAddressEdit")->setText(QStringLiteral("0.0.0.0"));
    find<QSpinBox>("ingestPortSpinBox")->setValue(9123);
    find<QLineEdit>("publicUrlEdit")->setText(QStringLiteral("https://bridge.example.com/api/v3"));
    QVERIFY(form->hasUnsavedChanges());
    QTest::mouseClick(find<QPushButton>("saveSettingsButton"), Qt::LeftButton);
    QVERIFY(!form->hasUnsavedChanges());

    const BridgeProfileSettings stored = BridgeProfileSettings::load(m_settings.get(), m_profileId);
    EngineConfig config;
    QVERIFY(stored.applyTo(config).ok());
    QCOMPARE(config.mode, EngineConfig::ConnectionMode::Strict);
    QCOMPARE(config.pool.idleTimeout, 42s);
    QCOMPARE(config.telemetryFilter, TtsMessageType::Uplink | TtsMessageType::JoinAccept);
    QVERIFY(!config.reportedFilter.testFlag(TtsMessageType::ServiceData));
    QCOMPARE(config.ingest.bindAddress, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(config.ingest.port, quint16(9123));
    QCOMPARE(stored.publicUrl, QStringLiteral("https://bridge.example.com/api/v3"));
    // No secret in the settings file.
    m_settings->sync();
    QFile file(m_settings->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    for (SecretKind kind : {SecretKind::TtsApiKey, SecretKind::HubPolicyKey}) {
        const Result<QString> secret = Test::awaitResult(m_secrets->read(m_profileId, kind));
        QVERIFY(secret.ok());
        QVERIFY(!text.contains(secret.value().toUtf8()));
    }

    // A second form (the next start of the console) shows the same.
    EngineSettingsForm again(m_settings.get(), m_secrets.get());
    again.setProfileId(m_profileId);
    QCOMPARE(again.value().value(), stored);

    // A wrong address is named and not saved.
    find<QLineEdit>("bindAddressEdit")->setText(QStringLiteral("localhost:80"));
    QVERIFY(!form->save());
    auto *error = find<QLabel>("settingsErrorLabel");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QLatin1String("localhost:80")));
    QCOMPARE(BridgeProfileSettings::load(m_settings.get(), m_profileId), stored);
    form->revert();
    QCOMPARE(find<QLineEdit>("bindAddressEdit")->text(), QStringLiteral("0.0.0.0"));

    // Regenerate: a new key in the SecretStore.
    QVERIFY(!Test::awaitResult(m_secrets->read(m_profileId, SecretKind::IngestKey)).ok());
    QSignalSpy regenerated(form, &EngineSettingsForm::ingestKeyRegenerated);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(find<QPushButton>("regenerateIngestKeyButton"), Qt::LeftButton);
    QTRY_COMPARE(regenerated.size(), 1);
    const Result<QString> first = Test::awaitResult(m_secrets->read(m_profileId, SecretKind::IngestKey));
    QVERIFY(first.ok());
    QVERIFY(first.value().size() >= 40);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(find<QPushButton>("regenerateIngestKeyButton"), Qt::LeftButton);
    QTRY_COMPARE(regenerated.size(), 2);
    QVERIFY(Test::awaitResult(m_secrets->read(m_profileId, SecretKind::IngestKey)).value() != first.value());
    MessageBox::setNextAnswer(QMessageBox::No); // declined: nothing changes
    const QString kept = Test::awaitResult(m_secrets->read(m_profileId, SecretKind::IngestKey)).value();
    QTest::mouseClick(find<QPushButton>("regenerateIngestKeyButton"), Qt::LeftButton);
    QCOMPARE(Test::awaitResult(m_secrets->read(m_profileId, SecretKind::IngestKey)).value(), kept);

    // Start with a wrong unsaved setting: nothing starts, the sentence names the value.
    find<QLineEdit>("bindAddressEdit")->setText(QStringLiteral("nonsense"));
    QSignalSpy failed(m_page, &BridgePage::startFailed);
    QTest::mouseClick(find<QPushButton>("startButton"), Qt::LeftButton);
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(!m_host->isRunning());
    QVERIFY2(m_page->errorText().contains(QLatin1String("nonsense")), qPrintable(m_page->errorText()));
}

// Closing the window with a running engine: close() returns at once (no wait on the GUI thread), the window
// stays until the engine drained and stopped, then closes.
void TestBridgePage::closingTheWindowDrainsTheEngine()
{
    makePage(true);
    QSignalSpy started(m_page, &BridgePage::engineStarted);
    clickStart();
    QVERIFY(started.wait(20000));
    sendUplink(QStringLiteral("dev-001"));
    QTRY_VERIFY_WITH_TIMEOUT(counter("uplinks_received") >= 1, 15000);

    QSignalSpy stopped(m_host.get(), &EngineHost::stopped);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!m_window->close()); // refused for now: the engine drains first
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(m_window->isVisible());
    QVERIFY(stopped.wait(20000));
    QTRY_VERIFY(!m_window->isVisible());
    QVERIFY(!m_host->isRunning());
}

QTEST_MAIN(TestBridgePage)
#include "tst_bridgepage.moc"
