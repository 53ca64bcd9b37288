// The Live data page in a real (offscreen) window: filters, pause, notices, exports and the recording with events
// fed directly, and, against the in-process sandbox with the real engine in its worker thread (EngineHost),
// uplinks sent through the sandbox's admin API that appear in the page, pause + export + recording.

#include "FutureWait.h"

#include "models/LiveEventFilterProxy.h"
#include "models/LiveEventModel.h"
#include "models/LiveEventRecorder.h"
#include "sandbox/Sandbox.h"
#include "services/engine/EngineHost.h"
#include "services/settings/Settings.h"
#include "views/FileDialog.h"
#include "views/JsonDetailView.h"
#include "views/LiveDataPage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

#include <memory>

using namespace TwinBridge;
using namespace std::chrono_literals;

namespace {

using Kind = EngineEvent::Kind;

EngineEvent makeEvent(int n, const QString &deviceId, Kind kind, const QString &summary = {})
{
    return EngineEvent {QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + n, Qt::UTC), deviceId, kind,
                        summary.isEmpty() ? QStringLiteral("event %1 of %2").arg(n).arg(deviceId) : summary,
                        QJsonObject {{QStringLiteral("n"), n}}};
}

int countIn(const QJsonArray &events, const QString &kind, const QString &deviceId)
{
    int count = 0;
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        if (event[QLatin1String("kind")].toString() == kind && event[QLatin1String("deviceId")].toString() == deviceId)
            ++count;
    }
    return count;
}

QJsonArray readJsonLines(const QString &path)
{
    QFile file(path);
    QJsonArray events;
    if (!file.open(QIODevice::ReadOnly))
        return events;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            events.append(QJsonDocument::fromJson(line).object());
    }
    return events;
}

} // namespace

class TestLiveDataPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void withoutEngineSaysSo();
    void filtersByDeviceTypeAndText();
    void pauseStandsStillAndCountsThenResumeShowsEverything();
    void capacityFromSettingsDropsWithANotice();
    void exportsTheFilteredRowsAsCsv();
    void canceledExportWritesNothing();
    void detailShowsJsonAndFramePayload();
    void remembersColumnState();
    void sandboxUplinksAppearAndPauseExportAndRecordingWork();

private:
    void makePage(EngineHost *engine = nullptr);
    template<typename T>
    T *find(const char *objectName) const
    {
        T *widget = m_page->findChild<T *>(QLatin1String(objectName));
        if (!widget)
            qFatal("no %s", objectName);
        return widget;
    }
    QAction *action(const char *objectName) const { return find<QAction>(objectName); }
    int shownCount(Kind kind, const QString &deviceId) const;
    // With TWINBRIDGE_SCREENSHOT_DIR set: selects the uplink of `deviceId` and saves the page as live-data.png
    // there (docs/screenshots/live-data.png).
    void saveScreenshot(const QString &deviceId);
    QJsonObject postAdmin(const QString &path, const QJsonObject &body);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<LiveDataPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestLiveDataPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
}

void TestLiveDataPage::cleanup()
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_page.reset();
    if (m_sandbox) {
        QVERIFY(Test::await(m_sandbox->stop(), 15000));
        m_sandbox.reset();
    }
    m_nam.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestLiveDataPage::makePage(EngineHost *engine)
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_page.reset();
    m_page = std::make_unique<LiveDataPage>(engine, m_settings.get());
    m_modelTester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(m_page->proxy(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

int TestLiveDataPage::shownCount(Kind kind, const QString &deviceId) const
{
    int count = 0;
    for (const EngineEvent &event : m_page->proxy()->filteredEvents())
        count += event.kind == kind && event.deviceId == deviceId ? 1 : 0;
    return count;
}

void TestLiveDataPage::saveScreenshot(const QString &deviceId)
{
    const QString directory = qEnvironmentVariable("TWINBRIDGE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    auto *table = find<QTableView>("eventTable");
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, 0);
        if (index.data(LiveEventModel::KindRole).toInt() == int(Kind::UplinkForwarded) &&
            index.data(LiveEventModel::DeviceIdRole).toString() == deviceId) {
            table->selectRow(row);
            break;
        }
    }
    m_page->layout()->activate(); // labels whose text just grew get their new size before the picture
    const QString path = QDir(directory).filePath(QStringLiteral("live-data.png"));
    QVERIFY2(m_page->grab().save(path), qPrintable(path));
}

QJsonObject TestLiveDataPage::postAdmin(const QString &path, const QJsonObject &body)
{
    const QString admin = m_sandbox->description().value(QLatin1String("admin")).toString();
    QNetworkRequest request(QUrl(admin + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(m_nam->post(request, QJsonDocument(body).toJson()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(15000))
        qWarning("admin request %s timed out", qPrintable(path));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        qWarning("admin request %s: HTTP %d", qPrintable(path), status);
    return QJsonDocument::fromJson(reply->readAll()).object();
}

void TestLiveDataPage::withoutEngineSaysSo()
{
    makePage();
    QVERIFY(!find<QLabel>("engineStateLabel")->isHidden());
    QVERIFY(find<QLabel>("droppedNoticeLabel")->isHidden());
    QVERIFY(find<QLabel>("pausedNoticeLabel")->isHidden());
    QVERIFY(find<QLabel>("recordingLabel")->isHidden());
    QVERIFY(find<QToolButton>("stopRecordingButton")->isHidden());
    QCOMPARE(find<QLabel>("countLabel")->text(), QStringLiteral("Showing 0 of 0 events"));

    EngineHost host;
    makePage(&host);
    QVERIFY(find<QLabel>("engineStateLabel")->text().contains(QLatin1String("Bridge page")));
    // Shortcuts are named in the tool tips.
    QVERIFY(action("pauseAction")->toolTip().contains(QLatin1String("Ctrl+P")));
    QVERIFY(action("exportJsonAction")->toolTip().contains(QLatin1String("Ctrl+E")));
    QVERIFY(action("recordAction")->toolTip().contains(QLatin1String("Ctrl+R")));
}

void TestLiveDataPage::filtersByDeviceTypeAndText()
{
    makePage();
    m_page->appendEvents({makeEvent(1, QStringLiteral("dev-001"), Kind::UplinkForwarded),
                          makeEvent(2, QStringLiteral("dev-002"), Kind::UplinkForwarded),
                          makeEvent(3, QStringLiteral("dev-001"), Kind::Error, QStringLiteral("Hub unavailable")),
                          makeEvent(4, QStringLiteral("dev-0010"), Kind::Join)});
    auto *table = find<QTableView>("eventTable");
    QCOMPARE(table->model()->rowCount(), 4);
    QCOMPARE(find<QLabel>("countLabel")->text(), QStringLiteral("Showing 4 of 4 events"));
    // Newest first.
    QCOMPARE(table->model()->index(0, LiveEventModel::DeviceColumn).data().toString(), QStringLiteral("dev-0010"));

    m_page->showDevice(QStringLiteral("dev-001"));
    QCOMPARE(find<QLineEdit>("deviceFilterEdit")->text(), QStringLiteral("dev-001"));
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(find<QLabel>("countLabel")->text(), QStringLiteral("Showing 2 of 4 events"));

    auto *types = find<QComboBox>("typeFilterCombo");
    types->setCurrentIndex(types->findData(int(Kind::Error)));
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, LiveEventModel::SummaryColumn).data().toString(),
             QStringLiteral("Hub unavailable"));

    types->setCurrentIndex(0);
    m_page->showDevice({});
    QTest::keyClicks(find<QLineEdit>("textFilterEdit"), QStringLiteral("OF DEV-00"));
    QCOMPARE(table->model()->rowCount(), 3);
    // New events are filtered as they come.
    m_page->appendEvents({makeEvent(5, QStringLiteral("dev-003"), Kind::Join),
                          makeEvent(6, {}, Kind::Lifecycle, QStringLiteral("Engine started"))});
    QCOMPARE(table->model()->rowCount(), 4);
    QCOMPARE(find<QLabel>("countLabel")->text(), QStringLiteral("Showing 4 of 6 events"));
}

void TestLiveDataPage::pauseStandsStillAndCountsThenResumeShowsEverything()
{
    makePage();
    m_page->appendEvents({makeEvent(1, QStringLiteral("dev-001"), Kind::UplinkForwarded)});
    auto *pause = find<QToolButton>("pauseButton");
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(m_page->model()->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("Resume"));
    auto *notice = find<QLabel>("pausedNoticeLabel");
    QVERIFY(!notice->isHidden());
    m_page->appendEvents({makeEvent(2, QStringLiteral("dev-001"), Kind::UplinkForwarded),
                          makeEvent(3, QStringLiteral("dev-002"), Kind::UplinkForwarded)});
    QCOMPARE(find<QTableView>("eventTable")->model()->rowCount(), 1);
    QVERIFY(notice->text().startsWith(QLatin1String("Paused: 2 new event")));
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!m_page->model()->isPaused());
    QVERIFY(notice->isHidden());
    QCOMPARE(find<QTableView>("eventTable")->model()->rowCount(), 3);

    // Ctrl+P pauses too, and clear empties the table and its counters.
    m_page->activateWindow();
    find<QTableView>("eventTable")->setFocus();
    QTest::keyClick(find<QTableView>("eventTable"), Qt::Key_P, Qt::ControlModifier);
    QVERIFY(m_page->model()->isPaused());
    m_page->appendEvents({makeEvent(4, QStringLiteral("dev-003"), Kind::Join)});
    QTest::mouseClick(find<QToolButton>("clearButton"), Qt::LeftButton);
    QCOMPARE(m_page->model()->rowCount(), 0);
    QCOMPARE(m_page->model()->pendingCount(), 0);
    QVERIFY(notice->text().startsWith(QLatin1String("Paused: 0 new event")));
}

void TestLiveDataPage::capacityFromSettingsDropsWithANotice()
{
    m_settings->setValue(Settings::Key::LiveDataCapacity, 200);
    makePage();
    auto *capacity = find<QSpinBox>("capacitySpinBox");
    QCOMPARE(capacity->value(), 200);
    QCOMPARE(m_page->model()->capacity(), 200);
    EngineEvents events;
    for (int n = 0; n < 250; ++n)
        events.append(makeEvent(n, QStringLiteral("dev-%1").arg(n % 5), Kind::UplinkForwarded));
    m_page->appendEvents(events);
    QCOMPARE(m_page->model()->rowCount(), 200);
    auto *notice = find<QLabel>("droppedNoticeLabel");
    QVERIFY(!notice->isHidden());
    // (the English plural forms come from the translation the lead updates; the numbers are what matters here)
    QVERIFY(notice->text().startsWith(QLatin1String("50 older event")));
    QVERIFY(notice->text().endsWith(QLatin1String("(the table keeps the newest 200).")));

    capacity->setValue(100); // the spin box writes the setting, the model follows it
    QCOMPARE(m_settings->value(Settings::Key::LiveDataCapacity).toInt(), 100);
    QCOMPARE(m_page->model()->rowCount(), 100);
    QVERIFY(notice->text().startsWith(QLatin1String("150 older event")));
    QVERIFY(notice->text().endsWith(QLatin1String("(the table keeps the newest 100).")));
    m_settings->setValue(Settings::Key::LiveDataCapacity, 10000); // and a change from elsewhere shows
    QCOMPARE(capacity->value(), 10000);
    QCOMPARE(m_page->model()->capacity(), 10000);
}

void TestLiveDataPage::exportsTheFilteredRowsAsCsv()
{
    makePage();
    m_page->appendEvents({makeEvent(1, QStringLiteral("dev-001"), Kind::UplinkForwarded, QStringLiteral("up, one")),
                          makeEvent(2, QStringLiteral("dev-002"), Kind::UplinkForwarded),
                          makeEvent(3, QStringLiteral("dev-001"), Kind::Join, QStringLiteral("joined"))});
    m_page->showDevice(QStringLiteral("dev-001"));
    QSignalSpy status(m_page.get(), &LiveDataPage::statusMessage);
    const QString path = m_dir->filePath(QStringLiteral("live.csv"));
    FileDialog::setNextFileName(path);
    action("exportCsvAction")->trigger();
    QCOMPARE(FileDialog::lastCaption(), QStringLiteral("Export live data as CSV"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the empty rest after the last line end
    QCOMPARE(lines.at(0), QByteArray("time,deviceId,kind,summary,detail\r"));
    QCOMPARE(lines.at(1), QByteArray("2023-11-14T22:13:20.003Z,dev-001,join,joined,\"{\"\"n\"\":3}\"\r"));
    QCOMPARE(lines.at(2),
             QByteArray("2023-11-14T22:13:20.001Z,dev-001,uplinkForwarded,\"up, one\",\"{\"\"n\"\":1}\"\r"));
    QCOMPARE(status.count(), 1);
    QVERIFY(status.at(0).at(0).toString().startsWith(QLatin1String("Exported 2 event")));
}

void TestLiveDataPage::canceledExportWritesNothing()
{
    makePage();
    m_page->appendEvents({makeEvent(1, QStringLiteral("dev-001"), Kind::UplinkForwarded)});
    QSignalSpy status(m_page.get(), &LiveDataPage::statusMessage);
    FileDialog::setNextFileName({});
    action("exportJsonAction")->trigger();
    FileDialog::setNextFileName({});
    action("recordAction")->trigger();
    QCOMPARE(status.count(), 0);
    QVERIFY(!m_page->recorder()->isRecording());
    QStringList files = QDir(m_dir->path()).entryList(QDir::Files);
    files.removeAll(QStringLiteral("twinbridge.ini"));
    QVERIFY(files.isEmpty());
}

void TestLiveDataPage::detailShowsJsonAndFramePayload()
{
    makePage();
    EngineEvent uplink = makeEvent(1, QStringLiteral("dev-001"), Kind::UplinkForwarded, QStringLiteral("Uplink"));
    uplink.detail =
        QJsonObject {{QStringLiteral("fPort"), 7}, {QStringLiteral("frmPayload"), QStringLiteral("3q2+7wA=")}};
    m_page->appendEvents({makeEvent(0, QStringLiteral("dev-001"), Kind::Join, QStringLiteral("Join")), uplink});
    auto *payloadBox = find<QWidget>("payloadBox");
    auto *detail = find<JsonDetailView>("detailView");
    QVERIFY(payloadBox->isHidden());
    QVERIFY(detail->toPlainText().isEmpty());

    auto *table = find<QTableView>("eventTable");
    table->selectRow(0); // newest first: the uplink
    QVERIFY(!payloadBox->isHidden());
    QCOMPARE(find<QLineEdit>("payloadHexEdit")->text(), QStringLiteral("DE AD BE EF 00"));
    QCOMPARE(find<QLineEdit>("payloadBase64Edit")->text(), QStringLiteral("3q2+7wA="));
    QCOMPARE(detail->json(), uplink.toJson());
    QVERIFY(detail->toPlainText().contains(QLatin1String("\"fPort\": 7")));
    QVERIFY(detail->isReadOnly());
    QCOMPARE(find<QLabel>("detailTitleLabel")->text(), QStringLiteral("Uplink"));
    // Keys are coloured, and readable in a dark palette too.
    const auto keyColor = [detail] {
        const QList<QTextLayout::FormatRange> formats =
            detail->document()->findBlockByNumber(1).layout()->formats(); // `    "detail": {`
        return formats.isEmpty() ? QColor() : formats.constFirst().format.foreground().color();
    };
    QVERIFY(keyColor().isValid());
    QVERIFY(keyColor().lightness() < 128);
    QPalette dark = detail->palette();
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    detail->setPalette(dark);
    QVERIFY(keyColor().lightness() > 128);
    // The table's context menu: copy the event as JSON, show only its device.
    action("copyEventAction")->trigger();
    QCOMPARE(QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object(), uplink.toJson());
    QCOMPARE(action("showDeviceAction")->text(), QStringLiteral("Show only dev-001"));
    action("showDeviceAction")->trigger();
    QCOMPARE(find<QLineEdit>("deviceFilterEdit")->text(), QStringLiteral("dev-001"));
    m_page->showDevice({});

    table->selectRow(1); // the join has no payload
    QVERIFY(payloadBox->isHidden());
    QCOMPARE(find<QLabel>("detailTitleLabel")->text(), QStringLiteral("Join"));
}

void TestLiveDataPage::remembersColumnState()
{
    makePage();
    auto *header = find<QTableView>("eventTable")->horizontalHeader();
    header->resizeSection(LiveEventModel::DeviceColumn, 321);
    header->setSortIndicator(LiveEventModel::DeviceColumn, Qt::AscendingOrder);
    m_page.reset(); // saves on destruction
    makePage();
    header = find<QTableView>("eventTable")->horizontalHeader();
    QCOMPARE(header->sectionSize(LiveEventModel::DeviceColumn), 321);
    QCOMPARE(header->sortIndicatorSection(), int(LiveEventModel::DeviceColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
}

// The acceptance: uplinks triggered through the sandbox's admin API reach the page through the real engine;
// pause + export writes exactly the events shown; the recording goes on while paused.
void TestLiveDataPage::sandboxUplinksAppearAndPauseExportAndRecordingWork()
{
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir->filePath(QStringLiteral("sandbox"));
    options.devices = 3;
    options.seed = 7;
    options.throttlesEnabled = false;
    options.ttsMqttTls = false;
    options.uplinkInterval = 1h; // the test sends the uplinks
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status sandboxStarted = Test::awaitResult(m_sandbox->start(), 30000);
    QVERIFY2(sandboxStarted.ok(), qPrintable(sandboxStarted.error().toString()));
    m_nam = std::make_unique<QNetworkAccessManager>();

    Result<EngineConfig> configuration = EngineConfig::fromSandboxFile(m_sandbox->descriptionPath());
    QVERIFY2(configuration.ok(), qPrintable(configuration.error().toString()));
    EngineConfig config = configuration.takeValue();
    config.secrets.ingestKey = EngineConfig::generateIngestKey();
    config.ingest.port = 0;
    config.dataDirectory = m_dir->filePath(QStringLiteral("engine"));
    config.throttlesEnabled = false;
    config.statsInterval = 100ms;
    config.drainTimeout = 5s;

    EngineHost host;
    makePage(&host);
    const Status started = Test::awaitResult(host.start(config), 10000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(host.lastSnapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);
    QTRY_VERIFY(find<QLabel>("engineStateLabel")->isHidden());

    const QJsonObject sent = postAdmin(QStringLiteral("/tts/uplinks"),
                                       {{QStringLiteral("deviceId"), QStringLiteral("dev-001")},
                                        {QStringLiteral("frmPayload"), QStringLiteral("AQIDBA==")},
                                        {QStringLiteral("fPort"), 7}});
    QCOMPARE(
        sent[QLatin1String("uplinks")][0][QLatin1String("uplink_message")][QLatin1String("frm_payload")].toString(),
        QStringLiteral("AQIDBA=="));
    postAdmin(QStringLiteral("/tts/uplinks"),
              {{QStringLiteral("deviceId"), QStringLiteral("dev-002")}, {QStringLiteral("count"), 2}});
    QTRY_COMPARE_WITH_TIMEOUT(shownCount(Kind::UplinkForwarded, QStringLiteral("dev-001")), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(shownCount(Kind::UplinkForwarded, QStringLiteral("dev-002")), 2, 20000);

    // The uplink's detail: its frm_payload as hex and base64.
    m_page->showDevice(QStringLiteral("dev-001"));
    find<QComboBox>("typeFilterCombo")
        ->setCurrentIndex(find<QComboBox>("typeFilterCombo")->findData(int(Kind::UplinkForwarded)));
    auto *table = find<QTableView>("eventTable");
    QCOMPARE(table->model()->rowCount(), 1);
    table->selectRow(0);
    QCOMPARE(find<QLineEdit>("payloadHexEdit")->text(), QStringLiteral("01 02 03 04"));
    QCOMPARE(find<QLineEdit>("payloadBase64Edit")->text(), QStringLiteral("AQIDBA=="));
    QCOMPARE(find<JsonDetailView>("detailView")->json()[QLatin1String("detail")][QLatin1String("fPort")].toInt(), 7);
    m_page->showDevice({});
    find<QComboBox>("typeFilterCombo")->setCurrentIndex(0);

    // Record, then pause: dev-003's uplinks go to the file and wait outside the table.
    const QString recording = m_dir->filePath(QStringLiteral("live.jsonl"));
    FileDialog::setNextFileName(recording);
    action("recordAction")->trigger();
    QVERIFY(m_page->recorder()->isRecording());
    QVERIFY(!find<QLabel>("recordingLabel")->isHidden());
    QVERIFY(find<QLabel>("recordingLabel")->text().contains(QLatin1String("live.jsonl")));
    QTest::mouseClick(find<QToolButton>("pauseButton"), Qt::LeftButton);
    const int rowsAtPause = m_page->model()->rowCount();
    const int shownAtPause = table->model()->rowCount();
    postAdmin(QStringLiteral("/tts/uplinks"),
              {{QStringLiteral("deviceId"), QStringLiteral("dev-003")}, {QStringLiteral("count"), 3}});
    QTRY_COMPARE_WITH_TIMEOUT(
        countIn(readJsonLines(recording), QStringLiteral("uplinkForwarded"), QStringLiteral("dev-003")), 3, 20000);
    QCOMPARE(m_page->model()->rowCount(), rowsAtPause);
    QVERIFY(m_page->model()->pendingCount() >= 4); // the join and three uplinks at least
    QVERIFY(find<QLabel>("pausedNoticeLabel")->text().contains(QString::number(m_page->model()->pendingCount())));
    QVERIFY(find<QLabel>("recordingLabel")->text().contains(QString::number(m_page->recorder()->count())));

    const QString exported = m_dir->filePath(QStringLiteral("live.json"));
    FileDialog::setNextFileName(exported);
    action("exportJsonAction")->trigger();
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray events = QJsonDocument::fromJson(file.readAll()).array();
    QCOMPARE(events.size(), shownAtPause);
    QCOMPARE(countIn(events, QStringLiteral("uplinkForwarded"), QStringLiteral("dev-001")), 1);
    QCOMPARE(countIn(events, QStringLiteral("uplinkForwarded"), QStringLiteral("dev-002")), 2);
    QCOMPARE(countIn(events, QStringLiteral("uplinkForwarded"), QStringLiteral("dev-003")), 0);
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        if (event[QLatin1String("kind")].toString() == QLatin1String("uplinkForwarded") &&
            event[QLatin1String("deviceId")].toString() == QLatin1String("dev-001"))
            QCOMPARE(event[QLatin1String("detail")][QLatin1String("frmPayload")].toString(),
                     QStringLiteral("AQIDBA=="));
    }

    // Resume: the waiting events show; stop recording: the file keeps what it got.
    QTest::mouseClick(find<QToolButton>("pauseButton"), Qt::LeftButton);
    QCOMPARE(shownCount(Kind::UplinkForwarded, QStringLiteral("dev-003")), 3);
    saveScreenshot(QStringLiteral("dev-001"));
    QTest::mouseClick(find<QToolButton>("stopRecordingButton"), Qt::LeftButton);
    QVERIFY(!m_page->recorder()->isRecording());
    QVERIFY(find<QLabel>("recordingLabel")->isHidden());
    const QJsonArray recorded = readJsonLines(recording);
    QCOMPARE(quint64(recorded.size()), m_page->recorder()->count());
    QCOMPARE(countIn(recorded, QStringLiteral("uplinkForwarded"), QStringLiteral("dev-001")), 0); // before recording

    QVERIFY(Test::await(host.stop(), 15000));
}

QTEST_MAIN(TestLiveDataPage)
#include "tst_livedatapage.moc"
