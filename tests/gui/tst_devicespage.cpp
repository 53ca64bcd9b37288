// The Devices page against the in-process sandbox over real sockets: drift seeded on both sides shows the right
// sync states; "Create missing IoT Hub identities" turns the only-in-TTS rows In sync with a per-row result;
// delete asks for the typed word; export writes the rows shown; the real engine's uplinks reach the table.

#include "FutureWait.h"

#include "models/DeviceMirrorFilterModel.h"
#include "models/DeviceMirrorModel.h"
#include "sandbox/Sandbox.h"
#include "services/engine/EngineConfig.h"
#include "services/engine/EngineHost.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"
#include "views/DeviceBulkActionDialog.h"
#include "views/DevicesPage.h"
#include "views/FileDialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <memory>

using namespace TwinBridge;
using namespace std::chrono_literals;
using SyncState = DeviceMirrorRow::SyncState;

namespace {

const QString Zero = QStringLiteral("0000000000000000");

} // namespace

class TestDevicesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void showsSeededDriftWithTheRightStates();
    void searchAndStateFilterNarrowTheTable();
    void cancelKeepsThePreviousTable();
    void contextActionsCopyAndAskForOtherPages();
    void columnStateIsRemembered();
    void createMissingIdentitiesTurnsRowsInSyncWithPerRowResults();
    void exportWritesTheRowsShown();
    void deleteAsksForTheTypedWord();
    void createTtsDevicesFromTwinTagsAndEnableInHub();
    void engineUplinksUpdateTheTable();

private:
    QJsonObject adminPost(const QString &path, const QJsonObject &body);
    void seedDrift();
    void makePage();
    SyncState stateOf(const QString &deviceId) const;
    void select(const QStringList &deviceIds);
    template<typename T>
    T *find(QObject *parent, const char *objectName) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfileSession> m_session;
    std::unique_ptr<EngineHost> m_engine;
    std::unique_ptr<DevicesPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

template<typename T>
T *TestDevicesPage::find(QObject *parent, const char *objectName) const
{
    T *object = parent ? parent->findChild<T *>(QString::fromLatin1(objectName)) : nullptr;
    if (!object)
        qWarning("no object named %s", objectName);
    return object;
}

QJsonObject TestDevicesPage::adminPost(const QString &path, const QJsonObject &body)
{
    const QString admin = m_sandbox->description().value(QLatin1String("admin")).toString();
    QNetworkRequest request(QUrl(admin + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    [&] { QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000); }();
    const QByteArray answer = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    if (status / 100 != 2)
        qWarning("admin %s answered %d: %s", qPrintable(path), status, answer.constData());
    return QJsonDocument::fromJson(answer).object();
}

void TestDevicesPage::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir->filePath(QStringLiteral("sandbox"));
    options.seed = 7;
    options.ttsMqttTls = false;
    options.uplinkInterval = 1h; // the test sends the uplinks it wants
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = Test::awaitResult(m_sandbox->start(), 30000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    m_nam = std::make_unique<QNetworkAccessManager>();

    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    Result<SandboxProfileImport::Imported> imported =
        SandboxProfileImport::importFile(*m_store, m_sandbox->descriptionPath());
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    for (auto it = imported.value().secrets.constBegin(); it != imported.value().secrets.constEnd(); ++it)
        QVERIFY(Test::awaitResult(m_secrets->write(imported.value().profile.id, it.key(), it.value())).ok());
    QVERIFY(m_store->setCurrentProfileId(imported.value().profile.id).ok());
    m_session = std::make_unique<ProfileSession>(m_store.get(), m_secrets.get());
    m_session->setHubTier(HubSku::S1, 1);
    const Status opened = Test::awaitResult(m_session->reopen(), 10000);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QVERIFY2(m_session->hub(), qPrintable(m_session->hubError().toString()));
    QVERIFY2(m_session->tts(), qPrintable(m_session->ttsError().toString()));

    seedDrift();
    m_engine = std::make_unique<EngineHost>();
    makePage();
}

void TestDevicesPage::cleanupTestCase()
{
    m_proxyTester.reset();
    m_modelTester.reset();
    m_page.reset();
    if (m_engine)
        QVERIFY(Test::await(m_engine->stop(), 20000));
    m_engine.reset();
    m_session.reset();
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    if (m_sandbox)
        QVERIFY(Test::await(m_sandbox->stop(), 15000));
    m_sandbox.reset();
    m_nam.reset();
    m_dir.reset();
}

void TestDevicesPage::seedDrift()
{
    // TTS: five devices through the admin API.
    const QJsonObject created =
        adminPost(QStringLiteral("/tts/devices"),
                  QJsonObject {{QStringLiteral("devices"),
                                QJsonArray {
                                    QJsonObject {{QStringLiteral("deviceId"), QStringLiteral("in-sync")},
                                                 {QStringLiteral("devEui"), QStringLiteral("70B3D57ED0000001")},
                                                 {QStringLiteral("name"), QStringLiteral("Boiler room")}},
                                    QJsonObject {{QStringLiteral("deviceId"), QStringLiteral("only-tts-1")},
                                                 {QStringLiteral("devEui"), QStringLiteral("70B3D57ED0000002")}},
                                    QJsonObject {{QStringLiteral("deviceId"), QStringLiteral("only-tts-2")},
                                                 {QStringLiteral("devEui"), QStringLiteral("70B3D57ED0000003")}},
                                    QJsonObject {{QStringLiteral("deviceId"), QStringLiteral("mismatch")},
                                                 {QStringLiteral("devEui"), QStringLiteral("70B3D57ED0000004")}},
                                    QJsonObject {{QStringLiteral("deviceId"), QStringLiteral("disabled")},
                                                 {QStringLiteral("devEui"), QStringLiteral("70B3D57ED0000005")}},
                                }}});
    QCOMPARE(created.value(QLatin1String("devices")).toArray().size(), 5);

    // IoT Hub: identities through its service REST API (the sandbox's hub has no admin route for identities).
    IotHubServiceClient *hub = m_session->hub();
    const auto createIdentity = [hub](const QString &id, DeviceIdentity::Status status, const QString &devEui) {
        DeviceIdentity identity;
        identity.deviceId = id;
        identity.status = status;
        const Result<DeviceIdentity> made = Test::awaitResult(hub->createDevice(identity), 10000);
        QVERIFY2(made.ok(), qPrintable(made.error().toString()));
        if (devEui.isEmpty())
            return;
        const QJsonObject tags {{QStringLiteral("lorawan"),
                                 QJsonObject {{QStringLiteral("devEui"), devEui}, {QStringLiteral("joinEui"), Zero}}}};
        const Result<DeviceTwin> tagged =
            Test::awaitResult(hub->updateTwin(id, DeviceTwin::patch(tags, std::nullopt)), 10000);
        QVERIFY2(tagged.ok(), qPrintable(tagged.error().toString()));
    };
    createIdentity(QStringLiteral("in-sync"), DeviceIdentity::Status::Enabled, QStringLiteral("70B3D57ED0000001"));
    createIdentity(QStringLiteral("mismatch"), DeviceIdentity::Status::Enabled, QStringLiteral("70B3D57EDFFFFFFF"));
    createIdentity(QStringLiteral("disabled"), DeviceIdentity::Status::Disabled, QStringLiteral("70B3D57ED0000005"));
    createIdentity(QStringLiteral("only-hub"), DeviceIdentity::Status::Enabled, QString());
}

void TestDevicesPage::makePage()
{
    m_page = std::make_unique<DevicesPage>(m_session.get(), m_engine.get(), m_settings.get());
    m_modelTester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxyTester = std::make_unique<QAbstractItemModelTester>(m_page->proxy(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(m_page.get(), &DevicesPage::loadFinished);
    m_page->resize(1400, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(loaded.wait(20000));
}

SyncState TestDevicesPage::stateOf(const QString &deviceId) const
{
    const int row = m_page->model()->rowOf(deviceId);
    if (row < 0)
        return SyncState(-1);
    return m_page->model()->rowAt(row).syncState();
}

void TestDevicesPage::select(const QStringList &deviceIds)
{
    auto *table = find<QTableView>(m_page.get(), "devicesTableView");
    QVERIFY(table);
    table->clearSelection();
    for (int row = 0; row < m_page->proxy()->rowCount(); ++row) {
        const QModelIndex index = m_page->proxy()->index(row, 0);
        if (deviceIds.contains(index.data(DeviceMirrorModel::DeviceIdRole).toString()))
            table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCOMPARE(m_page->selectedDeviceIds().size(), deviceIds.size());
}

void TestDevicesPage::showsSeededDriftWithTheRightStates()
{
    QCOMPARE(m_page->model()->rowCount(), 6);
    QCOMPARE(stateOf(QStringLiteral("in-sync")), SyncState::InSync);
    QCOMPARE(stateOf(QStringLiteral("only-tts-1")), SyncState::OnlyInTts);
    QCOMPARE(stateOf(QStringLiteral("only-tts-2")), SyncState::OnlyInTts);
    QCOMPARE(stateOf(QStringLiteral("mismatch")), SyncState::EuiMismatch);
    QCOMPARE(stateOf(QStringLiteral("disabled")), SyncState::DisabledInHub);
    QCOMPARE(stateOf(QStringLiteral("only-hub")), SyncState::OnlyInHub);

    const DeviceMirrorRow &inSync = m_page->model()->rowAt(m_page->model()->rowOf(QStringLiteral("in-sync")));
    QCOMPARE(inSync.name, QStringLiteral("Boiler room"));
    QCOMPARE(inSync.devEui, QStringLiteral("70B3D57ED0000001"));
    QVERIFY(inSync.twinVersion > 0);
    auto *counts = find<QLabel>(m_page.get(), "stateCountsLabel");
    QVERIFY(counts);
    QVERIFY2(counts->text().contains(QLatin1String("Only in TTS: 2")), qPrintable(counts->text()));
    QVERIFY(find<QLabel>(m_page.get(), "loadErrorLabel")->isHidden());

    // A refresh with nothing changed touches no row.
    QSignalSpy changed(m_page->model(), &QAbstractItemModel::dataChanged);
    QSignalSpy loaded(m_page.get(), &DevicesPage::loadFinished);
    QTest::mouseClick(find<QPushButton>(m_page.get(), "refreshButton"), Qt::LeftButton);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_page->model()->rowCount(), 6);

    // docs/screenshots/devices.png: TWINBRIDGE_SCREENSHOT_DIR=docs/screenshots build/tests/gui/tst_devicespage
    const QString screenshots = qEnvironmentVariable("TWINBRIDGE_SCREENSHOT_DIR");
    if (!screenshots.isEmpty())
        QVERIFY(m_page->grab().save(QDir(screenshots).filePath(QStringLiteral("devices.png"))));
}

void TestDevicesPage::searchAndStateFilterNarrowTheTable()
{
    auto *search = find<QLineEdit>(m_page.get(), "searchLineEdit");
    auto *states = find<QComboBox>(m_page.get(), "syncStateComboBox");
    QVERIFY(search && states);
    QTest::keyClicks(search, QStringLiteral("ed0000004"));
    QCOMPARE(m_page->proxy()->rowCount(), 1);
    QCOMPARE(m_page->proxy()->index(0, 0).data(DeviceMirrorModel::DeviceIdRole).toString(), QStringLiteral("mismatch"));
    search->clear();
    states->setCurrentIndex(states->findData(int(SyncState::OnlyInTts)));
    QCOMPARE(m_page->proxy()->rowCount(), 2);
    states->setCurrentIndex(0);
    QCOMPARE(m_page->proxy()->rowCount(), 6);
}

void TestDevicesPage::cancelKeepsThePreviousTable()
{
    auto *cancel = find<QPushButton>(m_page.get(), "cancelLoadButton");
    auto *refresh = find<QPushButton>(m_page.get(), "refreshButton");
    QVERIFY(cancel && refresh);
    QVERIFY(!cancel->isEnabled());
    QSignalSpy loaded(m_page.get(), &DevicesPage::loadFinished);
    QSignalSpy removed(m_page->model(), &QAbstractItemModel::rowsRemoved);
    m_page->refresh();
    QVERIFY(m_page->isLoading());
    QVERIFY(cancel->isEnabled());
    QVERIFY(!refresh->isEnabled());
    m_page->cancelLoad();
    QCOMPARE(loaded.count(), 1);
    QVERIFY(!m_page->isLoading());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(refresh->isEnabled());
    QVERIFY(find<QLabel>(m_page.get(), "loadStatusLabel")->text().contains(QLatin1String("canceled")));
    QCOMPARE(m_page->model()->rowCount(), 6);
    QCOMPARE(removed.count(), 0);
}

void TestDevicesPage::contextActionsCopyAndAskForOtherPages()
{
    select({QStringLiteral("mismatch")});
    auto *table = find<QTableView>(m_page.get(), "devicesTableView");
    table->setCurrentIndex(table->selectionModel()->selectedRows().constFirst());
    QSignalSpy twin(m_page.get(), &DevicesPage::openTwinRequested);
    QSignalSpy live(m_page.get(), &DevicesPage::showLiveDataRequested);

    find<QAction>(m_page.get(), "copyDeviceIdAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("mismatch"));
    find<QAction>(m_page.get(), "copyDevEuiAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("70B3D57ED0000004"));
    find<QAction>(m_page.get(), "openTwinAction")->trigger();
    QCOMPARE(twin.count(), 1);
    QCOMPARE(twin.at(0).at(0).toString(), QStringLiteral("mismatch"));
    find<QAction>(m_page.get(), "showLiveDataAction")->trigger();
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.at(0).at(0).toString(), QStringLiteral("mismatch"));
    // Double-clicking a row opens its twin too.
    const QModelIndex cell = table->selectionModel()->selectedRows().constFirst();
    const QPoint center = table->visualRect(cell).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, center); // the view needs the press before
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, center);
    QCOMPARE(twin.count(), 2);

    // The context menu offers the same actions plus the bulk actions, without blocking.
    emit table->customContextMenuRequested(center);
    auto *menu = find<QMenu>(m_page.get(), "devicesContextMenu");
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    QStringList names;
    for (const QAction *action : menu->actions())
        names.append(action->objectName());
    QVERIFY(names.contains(QStringLiteral("copyDeviceIdAction")));
    QVERIFY(names.contains(QStringLiteral("openTwinAction")));
    QVERIFY(names.contains(QStringLiteral("deleteEverywhereAction")));
    menu->close();
    QTRY_VERIFY(!m_page->findChild<QMenu *>(QStringLiteral("devicesContextMenu")));
    table->clearSelection();
}

void TestDevicesPage::columnStateIsRemembered()
{
    auto *table = find<QTableView>(m_page.get(), "devicesTableView");
    QHeaderView *header = table->horizontalHeader();
    header->resizeSection(DeviceMirrorModel::NameColumn, 211);
    table->sortByColumn(DeviceMirrorModel::TwinVersionColumn, Qt::DescendingOrder);
    QVERIFY(!m_settings->value(Settings::Key::DevicesTableState).toByteArray().isEmpty());

    DevicesPage second(m_session.get(), nullptr, m_settings.get());
    QHeaderView *restored = second.findChild<QTableView *>(QStringLiteral("devicesTableView"))->horizontalHeader();
    QCOMPARE(restored->sectionSize(DeviceMirrorModel::NameColumn), 211);
    QCOMPARE(restored->sortIndicatorSection(), int(DeviceMirrorModel::TwinVersionColumn));
    QCOMPARE(restored->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(restored->visualIndex(DeviceMirrorModel::SyncStateColumn),
             header->visualIndex(DeviceMirrorModel::SyncStateColumn));
    table->sortByColumn(DeviceMirrorModel::DeviceIdColumn, Qt::AscendingOrder);
}

void TestDevicesPage::createMissingIdentitiesTurnsRowsInSyncWithPerRowResults()
{
    // The selection includes a row that already has its identity: the dry run skips it.
    select({QStringLiteral("only-tts-1"), QStringLiteral("only-tts-2"), QStringLiteral("in-sync")});
    m_page->startBulkAction(MirrorBulkRunner::Action::CreateHubIdentities);
    DeviceBulkActionDialog *dialog = m_page->bulkDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *steps = find<QTableWidget>(dialog, "bulkStepsTable");
    QVERIFY(steps);
    QCOMPARE(steps->rowCount(), 3);
    int skipped = 0;
    for (int row = 0; row < steps->rowCount(); ++row)
        skipped += steps->item(row, 2)->text() == MirrorBulkRunner::outcomeName(MirrorBulkRunner::Outcome::Skipped);
    QCOMPARE(skipped, 1);
    // Nothing happened yet.
    QCOMPARE(stateOf(QStringLiteral("only-tts-1")), SyncState::OnlyInTts);

    QSignalSpy finished(m_page.get(), &DevicesPage::bulkActionFinished);
    QSignalSpy reloaded(m_page.get(), &DevicesPage::loadFinished);
    auto *run = find<QPushButton>(dialog, "runBulkButton");
    QVERIFY(run && run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(stateOf(QStringLiteral("only-tts-1")), SyncState::InSync);
    QCOMPARE(stateOf(QStringLiteral("only-tts-2")), SyncState::InSync);

    // Per-row results in the dialog.
    for (int row = 0; row < steps->rowCount(); ++row) {
        const QString id = steps->item(row, 0)->text();
        const QString result = steps->item(row, 2)->text();
        if (id == QLatin1String("in-sync"))
            QCOMPARE(result, MirrorBulkRunner::outcomeName(MirrorBulkRunner::Outcome::Skipped));
        else
            QVERIFY2(result.startsWith(MirrorBulkRunner::outcomeName(MirrorBulkRunner::Outcome::Done)),
                     qPrintable(result));
    }
    QVERIFY(find<QLabel>(dialog, "bulkSummaryLabel")->text().contains(QLatin1String("2 done")));

    // The hub confirms it: the refresh after the run finds the identities with their lorawan tags.
    QTRY_VERIFY_WITH_TIMEOUT(reloaded.count() > 0, 20000);
    QCOMPARE(stateOf(QStringLiteral("only-tts-1")), SyncState::InSync);
    const Result<DeviceTwin> twin = Test::awaitResult(m_session->hub()->getTwin(QStringLiteral("only-tts-2")), 10000);
    QVERIFY(twin.ok());
    QCOMPARE(twin.value().tags.value(QLatin1String("lorawan")).toObject().value(QLatin1String("devEui")).toString(),
             QStringLiteral("70B3D57ED0000003"));
    QTest::mouseClick(find<QPushButton>(dialog, "closeBulkButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_page->bulkDialog());
}

void TestDevicesPage::exportWritesTheRowsShown()
{
    auto *states = find<QComboBox>(m_page.get(), "syncStateComboBox");
    states->setCurrentIndex(states->findData(int(SyncState::InSync)));
    const QString csv = m_dir->filePath(QStringLiteral("in-sync.csv"));
    FileDialog::setNextFileName(csv);
    QTest::mouseClick(find<QPushButton>(m_page.get(), "exportButton"), Qt::LeftButton);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // header + in-sync, only-tts-1, only-tts-2
    QVERIFY(lines.at(0).startsWith("name,deviceId,devEui"));
    QVERIFY(lines.at(1).contains(",in-sync,70B3D57ED0000001,"));
    for (int i = 1; i < lines.size(); ++i)
        QVERIFY(lines.at(i).trimmed().endsWith(",inSync"));
    states->setCurrentIndex(0);

    const QString json = m_dir->filePath(QStringLiteral("all.json"));
    FileDialog::setNextFileName(json);
    QTest::mouseClick(find<QPushButton>(m_page.get(), "exportButton"), Qt::LeftButton);
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonArray devices =
        QJsonDocument::fromJson(jsonFile.readAll()).object().value(QLatin1String("devices")).toArray();
    QCOMPARE(devices.size(), 6);
    QStringList states2;
    for (const QJsonValue &device : devices)
        states2.append(device.toObject().value(QLatin1String("deviceId")).toString() + QLatin1Char('=') +
                       device.toObject().value(QLatin1String("syncState")).toString());
    states2.sort();
    QCOMPARE(states2.join(QLatin1Char(' ')),
             QStringLiteral("disabled=disabledInHub in-sync=inSync mismatch=euiMismatch only-hub=onlyInHub "
                            "only-tts-1=inSync only-tts-2=inSync"));
}

void TestDevicesPage::deleteAsksForTheTypedWord()
{
    select({QStringLiteral("only-hub")});
    m_page->startBulkAction(MirrorBulkRunner::Action::DeleteEverywhere);
    DeviceBulkActionDialog *dialog = m_page->bulkDialog();
    QVERIFY(dialog);
    auto *run = find<QPushButton>(dialog, "runBulkButton");
    auto *confirm = find<QLineEdit>(dialog, "typedConfirmationLineEdit");
    QVERIFY(run && confirm);
    QVERIFY(!run->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral("delet"));
    QVERIFY(!run->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral("e"));
    QVERIFY(run->isEnabled());
    QSignalSpy finished(m_page.get(), &DevicesPage::bulkActionFinished);
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_page->model()->rowOf(QStringLiteral("only-hub")), -1);
    const Result<DeviceIdentity> gone =
        Test::awaitResult(m_session->hub()->getDevice(QStringLiteral("only-hub")), 10000);
    QCOMPARE(gone.error().kind(), ServiceError::Kind::NotFound);
    dialog->close();
}

void TestDevicesPage::createTtsDevicesFromTwinTagsAndEnableInHub()
{
    // A hub identity whose twin asks for a TTS device, the way a user provisions from the hub side.
    DeviceIdentity identity;
    identity.deviceId = QStringLiteral("from-tags");
    QVERIFY(Test::awaitResult(m_session->hub()->createDevice(identity), 10000).ok());
    const QJsonObject lorawan {{QStringLiteral("devEui"), QStringLiteral("70B3D57ED0000010")},
                               {QStringLiteral("joinEui"), QStringLiteral("800000000000000C")},
                               {QStringLiteral("lorawanVersion"), QStringLiteral("1.0.3")},
                               {QStringLiteral("regionalParametersVersion"), QStringLiteral("1.0.3-a")},
                               {QStringLiteral("frequencyPlanId"), QStringLiteral("EU_863_870_TTN")},
                               {QStringLiteral("appKey"), QStringLiteral("459B77D46A08C427254822A33F6FA1A3")}};
    const QJsonObject tags {{QStringLiteral("lorawan"), lorawan}};
    QVERIFY(
        Test::awaitResult(m_session->hub()->updateTwin(identity.deviceId, DeviceTwin::patch(tags, std::nullopt)), 10000)
            .ok());
    QSignalSpy loaded(m_page.get(), &DevicesPage::loadFinished);
    m_page->refresh();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(stateOf(QStringLiteral("from-tags")), SyncState::OnlyInHub);

    QSignalSpy finished(m_page.get(), &DevicesPage::bulkActionFinished);
    select({QStringLiteral("from-tags")});
    m_page->startBulkAction(MirrorBulkRunner::Action::CreateTtsDevices);
    QTest::mouseClick(find<QPushButton>(m_page->bulkDialog(), "runBulkButton"), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const QString result = find<QTableWidget>(m_page->bulkDialog(), "bulkStepsTable")->item(0, 2)->text();
    QVERIFY2(result.startsWith(MirrorBulkRunner::outcomeName(MirrorBulkRunner::Outcome::Done)), qPrintable(result));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 1, 20000); // the refresh after the run
    QCOMPARE(stateOf(QStringLiteral("from-tags")), SyncState::InSync);
    QCOMPARE(m_page->model()->rowAt(m_page->model()->rowOf(QStringLiteral("from-tags"))).devEui,
             QStringLiteral("70B3D57ED0000010"));
    // The tags are marked provisioned and lost the root key, as when the bridge creates the device.
    const Result<DeviceTwin> twin = Test::awaitResult(m_session->hub()->getTwin(identity.deviceId), 10000);
    QVERIFY(twin.ok());
    const QJsonObject written = twin.value().tags.value(QLatin1String("lorawan")).toObject();
    QCOMPARE(written.value(QLatin1String("provisioned")).toBool(), true);
    QVERIFY(!written.contains(QLatin1String("appKey")));
    m_page->bulkDialog()->close();
    QTRY_VERIFY(!m_page->bulkDialog());

    select({QStringLiteral("disabled")});
    m_page->startBulkAction(MirrorBulkRunner::Action::EnableInHub);
    QTest::mouseClick(find<QPushButton>(m_page->bulkDialog(), "runBulkButton"), Qt::LeftButton);
    const qsizetype loadsBefore = loaded.count();
    QVERIFY(finished.wait(30000));
    QCOMPARE(stateOf(QStringLiteral("disabled")), SyncState::InSync);
    QCOMPARE(Test::awaitResult(m_session->hub()->getDevice(QStringLiteral("disabled")), 10000).value().status,
             DeviceIdentity::Status::Enabled);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > loadsBefore, 20000); // the refresh after the run
    QCOMPARE(stateOf(QStringLiteral("disabled")), SyncState::InSync);
    m_page->bulkDialog()->close();
}

void TestDevicesPage::engineUplinksUpdateTheTable()
{
    Result<EngineConfig> configuration = EngineConfig::fromSandboxFile(m_sandbox->descriptionPath());
    QVERIFY2(configuration.ok(), qPrintable(configuration.error().toString()));
    EngineConfig config = configuration.takeValue();
    config.ingest.enabled = false;
    config.dataDirectory = m_dir->filePath(QStringLiteral("outbox"));
    config.statsInterval = 100ms;
    config.drainTimeout = 5s;
    const Status started = Test::awaitResult(m_engine->start(config), 20000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->lastSnapshot().gauge(EngineMetricsSnapshot::Gauge::TtsConnected) == 1, 15000);

    const int row = m_page->model()->rowOf(QStringLiteral("in-sync"));
    QVERIFY(!m_page->model()->rowAt(row).lastUplink.isValid());
    adminPost(QStringLiteral("/tts/uplinks"), QJsonObject {{QStringLiteral("deviceId"), QStringLiteral("in-sync")}});
    QTRY_VERIFY_WITH_TIMEOUT(
        m_page->model()->rowAt(m_page->model()->rowOf(QStringLiteral("in-sync"))).lastUplink.isValid(), 20000);
    const QModelIndex cell =
        m_page->model()->index(m_page->model()->rowOf(QStringLiteral("in-sync")), DeviceMirrorModel::LastUplinkColumn);
    QVERIFY(!cell.data().toString().isEmpty());
    QVERIFY(cell.data(DeviceMirrorModel::RawRole).toLongLong() > 0);
}

QTEST_MAIN(TestDevicesPage)
#include "tst_devicespage.moc"
