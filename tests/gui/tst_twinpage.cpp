// The Twin page in a real window (offscreen) against the in-process sandbox and the real engine in its worker
// thread (EngineHost), with the sandbox's Function stand-in delivering the hub's twin changes to the engine's
// ingest endpoint, as tests/integration/tst_engine.cpp does (issue 7 acceptance: "a desired patch from the twin
// editor produces a downlink seen at the virtual device"; "a concurrent change produces the conflict dialog").

#include "FutureWait.h"

#include "models/DownlinkTimelineModel.h"
#include "models/LiveEventModel.h"
#include "sandbox/Sandbox.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/engine/EngineConfig.h"
#include "services/engine/EngineHost.h"
#include "services/engine/SandboxFunctionRegistration.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"
#include "views/DownlinkForm.h"
#include "views/JsonEditor.h"
#include "views/LiveDataPage.h"
#include "views/TwinConflictDialog.h"
#include "views/TwinPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString App = QStringLiteral("demo-app");
const QString Hub = QStringLiteral("sandbox-hub");
const QString Device = QStringLiteral("dev-001");

} // namespace

class TestTwinPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rawDownlinkFromTheEditorReachesTheVirtualDevice();
    void concurrentChangeOpensTheConflictDialogAndReapplyWorks();
    void discardMineTakesTheirs();
    void invalidEditShowsItsLineAndBlocksSend();
    void withoutEngineTheRefreshIntervalReadsTheTwin();

private:
    void startAll();
    void openTwin();
    template<typename T>
    T *find(const char *objectName) const;
    QJsonArray adminDownlinks(const QString &deviceId);
    QJsonObject hubDesired(const QString &deviceId) const;
    void sendUplink();
    void saveScreenshot();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfileSession> m_session;
    std::unique_ptr<EngineHost> m_engine;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<TwinPage> m_page;
};

void TestTwinPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_nam = std::make_unique<QNetworkAccessManager>();
    startAll();
}

void TestTwinPage::cleanup()
{
    m_page.reset();
    if (m_engine) {
        QVERIFY(Test::await(m_engine->stop(), 15000));
        m_engine.reset();
    }
    m_session.reset();
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    if (m_sandbox) {
        QVERIFY(Test::await(m_sandbox->stop(), 15000));
        m_sandbox.reset();
    }
    m_nam.reset();
    m_dir.reset();
}

void TestTwinPage::startAll()
{
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir->filePath(QStringLiteral("sandbox"));
    options.devices = 1;
    options.seed = 7;
    options.throttlesEnabled = false;
    options.ttsMqttTls = false;
    options.uplinkInterval = 1h; // the test sends the uplinks that carry the downlink's progress
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = Test::awaitResult(m_sandbox->start(), 30000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));

    // The console's side: a profile imported from sandbox.json, its secrets in memory, one ProfileSession.
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    const Result<SandboxProfileImport::Imported> imported =
        SandboxProfileImport::importFile(*m_store, m_sandbox->descriptionPath());
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    for (auto it = imported.value().secrets.constBegin(); it != imported.value().secrets.constEnd(); ++it)
        QVERIFY(Test::awaitResult(m_secrets->write(imported.value().profile.id, it.key(), it.value())).ok());
    QVERIFY(m_store->setCurrentProfileId(imported.value().profile.id).ok());
    m_session = std::make_unique<ProfileSession>(m_store.get(), m_secrets.get());
    const Status opened = Test::awaitResult(m_session->reopen(), 10000);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QVERIFY2(m_session->hub(), qPrintable(m_session->hubError().toString()));

    // The engine in its worker thread, and the Function stand-in pointed at its ingest endpoint.
    Result<EngineConfig> configuration = EngineConfig::fromSandboxFile(m_sandbox->descriptionPath());
    QVERIFY2(configuration.ok(), qPrintable(configuration.error().toString()));
    EngineConfig config = configuration.takeValue();
    config.secrets.ingestKey = EngineConfig::generateIngestKey();
    config.ingest.port = 0;
    config.dataDirectory = m_dir->filePath(QStringLiteral("outbox"));
    config.throttlesEnabled = false;
    config.statsInterval = 100ms;
    config.drainTimeout = 5s;
    m_engine = std::make_unique<EngineHost>();
    const Status running = Test::awaitResult(m_engine->start(config), 15000);
    QVERIFY2(running.ok(), qPrintable(running.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->lastSnapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);
    HttpTransport transport(m_nam.get());
    const SandboxFunctionRegistration::Target target {
        QUrl(m_sandbox->description().value(QLatin1String("admin")).toString()), Hub, m_engine->ingestBaseUrl(), App,
        config.secrets.ingestKey};
    const Status registered = Test::awaitResult(SandboxFunctionRegistration::apply(&transport, target), 10000);
    QVERIFY2(registered.ok(), qPrintable(registered.error().toString()));

    // The device's identity is created on demand by its first uplink.
    sendUplink();
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->hubs()->hub(Hub)->deviceTwinProperties(Device).ok(), 30000);

    m_page = std::make_unique<TwinPage>(m_session.get(), m_engine.get(), nullptr, m_settings.get());
    m_page->resize(1400, 900);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestTwinPage::sendUplink()
{
    VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = App;
    uplink.deviceId = Device;
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok());
}

template<typename T>
T *TestTwinPage::find(const char *objectName) const
{
    T *widget = m_page->findChild<T *>(QString::fromLatin1(objectName));
    if (!widget)
        qWarning("no widget named %s", objectName);
    return widget;
}

void TestTwinPage::openTwin()
{
    // Typed into the device box as a user would, then Enter.
    auto *box = find<QComboBox>("deviceIdBox");
    QVERIFY(box);
    QTRY_VERIFY_WITH_TIMEOUT(box->findText(Device) >= 0, 10000); // completion from the hub's device list
    box->lineEdit()->clear();
    QTest::keyClicks(box->lineEdit(), Device);
    QSignalSpy loaded(m_page.get(), &TwinPage::twinLoaded);
    QTest::keyClick(box->lineEdit(), Qt::Key_Return);
    QVERIFY(loaded.wait(10000));
    QVERIFY(m_page->hasTwin());
    QCOMPARE(m_page->deviceId(), Device);
}

QJsonArray TestTwinPage::adminDownlinks(const QString &deviceId)
{
    HttpTransport transport(m_nam.get());
    HttpRequest request;
    request.method = "GET";
    request.url = QUrl(m_sandbox->description().value(QLatin1String("admin")).toString() +
                       QStringLiteral("/tts/downlinks?deviceId=") + deviceId);
    QFuture<HttpResponse> answer = transport.send(request);
    if (!Test::await(answer, 10000) || answer.result().status != 200)
        return {};
    return QJsonDocument::fromJson(answer.result().body).object().value(QLatin1String("downlinks")).toArray();
}

QJsonObject TestTwinPage::hubDesired(const QString &deviceId) const
{
    const Result<QJsonObject> twin = m_sandbox->hubs()->hub(Hub)->deviceTwinProperties(deviceId);
    return twin ? twin.value().value(QLatin1String("desired")).toObject() : QJsonObject();
}

void TestTwinPage::rawDownlinkFromTheEditorReachesTheVirtualDevice()
{
    openTwin();
    // The device reports after the twin was read: the etag changes but tags and desired do not, so Send goes
    // through on the new etag without a conflict dialog.
    const qint64 reportedBefore = m_page->baseTwin().reportedVersion();
    sendUplink();
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->hubs()
                                     ->hub(Hub)
                                     ->deviceTwinProperties(Device)
                                     .value()
                                     .value(QLatin1String("reported"))
                                     .toObject()
                                     .value(QLatin1String("$version"))
                                     .toInteger() > reportedBefore,
                             30000);
    auto *form = find<DownlinkForm>("downlinkForm");
    auto *port = find<QSpinBox>("fPortSpinBox");
    auto *payload = find<QLineEdit>("framePayloadEdit");
    auto *write = find<QPushButton>("writeRawDownlinkButton");
    auto *send = find<QPushButton>("sendButton");
    QVERIFY(form && port && payload && write && send);
    QVERIFY(!send->isEnabled()); // nothing edited yet

    // The form checks the hex as typed.
    port->setValue(42);
    QTest::keyClicks(payload, QStringLiteral("be e"));
    QVERIFY(!write->isEnabled());
    QVERIFY(find<QLabel>("framePayloadErrorLabel")->text().contains(QStringLiteral("3 hex digits")));
    QTest::keyClicks(payload, QStringLiteral("f"));
    QVERIFY(write->isEnabled());
    find<QCheckBox>("confirmedCheckBox")->setChecked(true);
    QTest::mouseClick(write, Qt::LeftButton);

    // The patch preview shows exactly what is sent: the whole rawDownlink and decodedPayload null (binary only).
    const QJsonObject expected =
        QJsonDocument::fromJson(R"({"properties":{"desired":{"decodedPayload":null,"rawDownlink":)"
                                R"({"fPort":42,"framePayload":"BEEF","confirmed":true,"operation":"push"}}}})")
            .object();
    QCOMPARE(m_page->pendingPatch(), expected);
    auto *preview = find<JsonEditor>("patchPreview");
    QCOMPARE(QJsonDocument::fromJson(preview->toPlainText().toUtf8()).object(), expected);
    QVERIFY(send->isEnabled());

    // The console's Live data page on the same engine sees what this edit causes (issue 7 acceptance).
    LiveDataPage liveData(m_engine.get(), m_settings.get());
    const auto liveEventsOf = [&liveData](EngineEvent::Kind kind) {
        int count = 0;
        for (int row = 0; row < liveData.model()->rowCount(); ++row) {
            const EngineEvent &event = liveData.model()->eventAt(row);
            if (event.deviceId == Device && event.kind == kind)
                ++count;
        }
        return count;
    };

    QSignalSpy sent(m_page.get(), &TwinPage::patchSent);
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(sent.wait(10000));
    QVERIFY(!m_page->conflictDialog());
    const qint64 version = sent.constFirst().at(1).toLongLong();
    QCOMPARE(m_page->timelineModel()->desiredVersion(), version);
    QVERIFY(!send->isEnabled()); // the editors show the new twin: nothing left to send

    // At the virtual device's queue (admin API), and the timeline advances with the engine's events.
    QJsonArray downlinks;
    QTRY_VERIFY_WITH_TIMEOUT((downlinks = adminDownlinks(Device)).size() == 1, 30000);
    const QJsonObject downlink = downlinks.at(0).toObject().value(QLatin1String("downlink")).toObject();
    QCOMPARE(downlink.value(QLatin1String("f_port")).toInt(), 42);
    QCOMPARE(QByteArray::fromBase64(downlink.value(QLatin1String("frm_payload")).toString().toLatin1()),
             QByteArray::fromHex("BEEF"));
    QVERIFY(downlink.value(QLatin1String("confirmed")).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->timelineModel()->currentStage() == DownlinkTimelineModel::Stage::Queued, 30000);
    QCOMPARE(m_page->timelineModel()->stateOf(DownlinkTimelineModel::Stage::Scheduled),
             DownlinkTimelineModel::State::Reached);

    // Live data: the twin change turned into a downlink handed to TTS, and TTS's "queued" event for it.
    QTRY_VERIFY_WITH_TIMEOUT(liveEventsOf(EngineEvent::Kind::DownlinkScheduled) == 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(liveEventsOf(EngineEvent::Kind::DownlinkEvent) >= 1, 30000);

    sendUplink(); // → down/sent
    QTRY_VERIFY_WITH_TIMEOUT(m_page->timelineModel()->currentStage() == DownlinkTimelineModel::Stage::Sent, 30000);
    sendUplink(); // → down/ack on the next uplink
    QTRY_COMPARE_WITH_TIMEOUT(m_page->timelineModel()->outcome(), QStringLiteral("ack"), 30000);
    auto *outcomeLabel = find<QLabel>("timelineStep4");
    QVERIFY2(outcomeLabel->text().endsWith(QStringLiteral(": ack")), qPrintable(outcomeLabel->text()));
    QCOMPARE(outcomeLabel->property("state").toInt(), int(DownlinkTimelineModel::State::Reached));
    // Reported properties followed the engine live: the last downlink status is in the reported view.
    auto *reported = find<JsonEditor>("reportedView");
    QTRY_VERIFY_WITH_TIMEOUT(QJsonDocument::fromJson(reported->toPlainText().toUtf8())
                                     .object()
                                     .value(QLatin1String("downlink"))
                                     .toObject()
                                     .value(QLatin1String("status"))
                                     .toString() == QLatin1String("ack"),
                             10000);
    saveScreenshot();
}

// With TWINBRIDGE_SCREENSHOT_DIR set, the page as it is now goes to <dir>/twin.png (docs/screenshots/twin.png).
void TestTwinPage::saveScreenshot()
{
    const QString directory = qEnvironmentVariable("TWINBRIDGE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    auto *box = find<QComboBox>("deviceIdBox");
    box->hidePopup();
    find<QTabWidget>("helperTabs")->setCurrentIndex(1); // the raw downlink form next to the timeline
    QVERIFY(m_page->grab().save(QDir(directory).filePath(QStringLiteral("twin.png"))));
}

void TestTwinPage::concurrentChangeOpensTheConflictDialogAndReapplyWorks()
{
    openTwin();
    auto *desired = find<JsonEditor>("desiredEditor");
    auto *send = find<QPushButton>("sendButton");
    QVERIFY(desired && send);
    QJsonObject mine = QJsonDocument::fromJson(desired->toPlainText().toUtf8()).object();
    mine.insert(QStringLiteral("mine"), 1);
    mine.insert(QStringLiteral("shared"), QStringLiteral("mine"));
    desired->setPlainText(QString::fromUtf8(QJsonDocument(mine).toJson()));
    QVERIFY(send->isEnabled());

    // Meanwhile someone else changes the twin through the service REST API.
    const QJsonObject theirs {{QStringLiteral("properties"),
                               QJsonObject {{QStringLiteral("desired"),
                                             QJsonObject {{QStringLiteral("theirs"), 2},
                                                          {QStringLiteral("shared"), QStringLiteral("theirs")}}}}}};
    const Result<DeviceTwin> changed =
        Test::awaitResult(m_session->hub()->updateTwin(Device, theirs, QStringLiteral("*")), 10000);
    QVERIFY2(changed.ok(), qPrintable(changed.error().toString()));

    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->conflictDialog() && m_page->conflictDialog()->isVisible(), 10000);
    TwinConflictDialog *dialog = m_page->conflictDialog();
    const QString theirsText = dialog->findChild<JsonEditor *>(QStringLiteral("theirsView"))->toPlainText();
    QVERIFY2(theirsText.contains(QStringLiteral("\"theirs\"")), qPrintable(theirsText));
    const QString mineText = dialog->findChild<JsonEditor *>(QStringLiteral("mineView"))->toPlainText();
    QVERIFY2(mineText.contains(QStringLiteral("\"mine\"")) && !mineText.contains(QStringLiteral("\"theirs\"")),
             qPrintable(mineText));
    QCOMPARE(hubDesired(Device).value(QLatin1String("shared")).toString(), QStringLiteral("theirs")); // nothing sent

    QTest::mouseClick(dialog->reapplyButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_page->conflictDialog());
    const QJsonObject merged = QJsonDocument::fromJson(desired->toPlainText().toUtf8()).object();
    QCOMPARE(merged.value(QLatin1String("theirs")).toInt(), 2);
    QCOMPARE(merged.value(QLatin1String("mine")).toInt(), 1);
    QCOMPARE(merged.value(QLatin1String("shared")).toString(), QStringLiteral("mine"));
    QCOMPARE(m_page->baseTwin().etag, changed.value().etag); // now relative to theirs

    QSignalSpy sent(m_page.get(), &TwinPage::patchSent);
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(sent.wait(10000));
    const QJsonObject onHub = hubDesired(Device);
    QCOMPARE(onHub.value(QLatin1String("theirs")).toInt(), 2);
    QCOMPARE(onHub.value(QLatin1String("mine")).toInt(), 1);
    QCOMPARE(onHub.value(QLatin1String("shared")).toString(), QStringLiteral("mine"));
}

void TestTwinPage::discardMineTakesTheirs()
{
    openTwin();
    auto *desired = find<JsonEditor>("desiredEditor");
    auto *send = find<QPushButton>("sendButton");
    desired->setPlainText(QStringLiteral("{\"mine\": true}"));
    const QJsonObject theirs {{QStringLiteral("properties"),
                               QJsonObject {{QStringLiteral("desired"), QJsonObject {{QStringLiteral("theirs"), 3}}}}}};
    QVERIFY(Test::awaitResult(m_session->hub()->updateTwin(Device, theirs, QStringLiteral("*")), 10000).ok());
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->conflictDialog() && m_page->conflictDialog()->isVisible(), 10000);
    QTest::mouseClick(m_page->conflictDialog()->discardButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_page->conflictDialog());
    const QJsonObject shown = QJsonDocument::fromJson(desired->toPlainText().toUtf8()).object();
    QCOMPARE(shown, QJsonObject({{QStringLiteral("theirs"), 3}}));
    QVERIFY(!send->isEnabled());
    QVERIFY(!hubDesired(Device).contains(QLatin1String("mine")));
}

void TestTwinPage::invalidEditShowsItsLineAndBlocksSend()
{
    openTwin();
    auto *tags = find<JsonEditor>("tagsEditor");
    auto *send = find<QPushButton>("sendButton");
    auto *problem = find<QLabel>("tagsProblemLabel");
    tags->setPlainText(QStringLiteral("{\n  \"site\": {\n    \"room 4\": 1\n  }\n}"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().startsWith(QStringLiteral("Line 3, column 5:")), qPrintable(problem->text()));
    QVERIFY(!send->isEnabled());
    QVERIFY(tags->problem().has_value());
    QCOMPARE(tags->problem()->path, QStringLiteral("site.room 4"));

    tags->setPlainText(QStringLiteral("{\n  \"site\": {\n    \"room4\": 1\n  }\n}"));
    QVERIFY(!problem->isVisible());
    QVERIFY(send->isEnabled());
    QCOMPARE(m_page->pendingPatch().value(QLatin1String("tags")).toObject().value(QLatin1String("site")).toObject(),
             QJsonObject({{QStringLiteral("room4"), 1}}));
    find<QPushButton>("revertButton")->click();
    QVERIFY(!send->isEnabled());

    // The decodedPayload form checks its object and writes it whole into the desired JSON.
    auto *decoded = find<JsonEditor>("decodedPayloadEditor");
    auto *write = find<QPushButton>("writeDecodedPayloadButton");
    decoded->setPlainText(QStringLiteral("{\"color\": \"red\",\n \"bad key\": 1}"));
    QVERIFY(!write->isEnabled());
    QVERIFY(find<QLabel>("decodedPayloadErrorLabel")->text().startsWith(QStringLiteral("Line 2, column 2:")));
    decoded->setPlainText(QStringLiteral("{\"color\": \"red\"}"));
    QVERIFY(write->isEnabled());
    write->click();
    QCOMPARE(m_page->pendingPatch(),
             QJsonDocument::fromJson(R"({"properties":{"desired":{"decodedPayload":{"color":"red"}}}})").object());
    QVERIFY(send->isEnabled());
}

void TestTwinPage::withoutEngineTheRefreshIntervalReadsTheTwin()
{
    // A second page without an engine: it says so and re-reads the twin at its visible interval.
    TwinPage page(m_session.get(), nullptr, nullptr, m_settings.get());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *source = page.findChild<QLabel *>(QStringLiteral("reportedSourceLabel"));
    QVERIFY(source->text().contains(QStringLiteral("No engine")));
    page.findChild<QSpinBox *>(QStringLiteral("refreshIntervalSpinBox"))->setValue(1);
    QCOMPARE(m_settings->value(Settings::Key::TwinRefreshSeconds).toInt(), 1);
    QSignalSpy loaded(&page, &TwinPage::twinLoaded);
    page.openDevice(Device);
    QVERIFY(loaded.wait(10000));
    const QJsonObject theirs {{QStringLiteral("properties"),
                               QJsonObject {{QStringLiteral("desired"), QJsonObject {{QStringLiteral("later"), 1}}}}}};
    QVERIFY(Test::awaitResult(m_session->hub()->updateTwin(Device, theirs, QStringLiteral("*")), 10000).ok());
    auto *desired = page.findChild<JsonEditor *>(QStringLiteral("desiredEditor"));
    QTRY_VERIFY_WITH_TIMEOUT(desired->toPlainText().contains(QStringLiteral("\"later\"")), 10000);
}

QTEST_MAIN(TestTwinPage)
#include "tst_twinpage.moc"
