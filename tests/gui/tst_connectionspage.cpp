#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"
#include "views/ColorScheme.h"
#include "views/ConnectionTestPanel.h"
#include "views/ConnectionsPage.h"
#include "views/FileDialog.h"
#include "views/MessageBox.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

// The Connections page against the real Secret Service (KEYRING): secrets typed into the page land in the
// keychain and never in the settings file. "Test connection" runs against the in-process sandbox: the result
// tree shows every named check, a typed wrong key fails its check, Cancel stops, Ctrl+T starts.
class TestConnectionsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void createdProfileKeepsSecretsInKeychainNotInSettingsFile();
    void invalidInputShowsFieldMessagesAndSavesNothing();
    void keychainFailureIsShownAndNothingIsSaved();
    void deleteAsksThenRemovesProfileAndSecrets();
    void switchingWithUnsavedChangesAsks();
    void exportThenImportThroughFileDialogs();
    void useThisProfileSelectsIt();
    void forgetDeletesOneSecret();
    void savingKeepsWhatTheFormDoesNotShow();

    void testConnectionShowsEveryCheckAgainstTheSandbox();
    void typedWrongPolicyKeyFailsItsCheck();
    void cancelStopsTheRunningTests();
    void ctrlTStartsTheTest();
    void testWithoutProfileIsDisabled();

private:
    void importSandbox();
    QTreeWidgetItem *targetItem(const QString &name) const;
    static QString childTexts(const QTreeWidgetItem *item);

    std::unique_ptr<ConnectionsPage> makePage(SecretStore *secrets);
    template<typename T>
    T *find(const char *objectName) const;
    void type(const char *objectName, const QString &text);
    void click(const char *objectName);
    void fillValidProfile(const QString &name);
    Result<QString> keychainRead(const QString &profileId, SecretKind kind);
    QByteArray settingsBytes() const;
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("twinbridge.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ConnectionsPage> m_page;
    std::unique_ptr<QTemporaryDir> m_sandboxDir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
};

void TestConnectionsPage::initTestCase()
{
    m_sandboxDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_sandboxDir->isValid());
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_sandboxDir->filePath(QStringLiteral("state"));
    options.throttlesEnabled = false;
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = awaitResult(m_sandbox->start(), 60000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
}

void TestConnectionsPage::cleanupTestCase()
{
    if (m_sandbox)
        QVERIFY(await(m_sandbox->stop(), 30000));
    m_sandbox.reset();
    m_sandboxDir.reset();
}

void TestConnectionsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(settingsFile());
    m_keychain = std::make_unique<KeychainSecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_keychain.get());
}

void TestConnectionsPage::cleanup()
{
    m_page.reset();
    m_store.reset();
    m_keychain.reset();
    m_settings.reset();
    m_dir.reset();
}

std::unique_ptr<ConnectionsPage> TestConnectionsPage::makePage(SecretStore *secrets)
{
    auto page = std::make_unique<ConnectionsPage>(m_store.get(), secrets);
    page->resize(1000, 800);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        qWarning("page was not exposed");
    return page;
}

template<typename T>
T *TestConnectionsPage::find(const char *objectName) const
{
    T *widget = m_page ? m_page->findChild<T *>(QString::fromLatin1(objectName)) : nullptr;
    if (!widget)
        qWarning("no widget named %s", objectName);
    return widget;
}

void TestConnectionsPage::type(const char *objectName, const QString &text)
{
    auto *edit = find<QLineEdit>(objectName);
    QVERIFY(edit);
    QVERIFY2(edit->isEnabled(), objectName);
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void TestConnectionsPage::click(const char *objectName)
{
    auto *button = find<QPushButton>(objectName);
    QVERIFY(button);
    QVERIFY2(button->isEnabled(), objectName);
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestConnectionsPage::fillValidProfile(const QString &name)
{
    type("nameLineEdit", name);
    type("ttsApiBaseUrlLineEdit", QStringLiteral("https://eu1.cloud.thethings.network/api/v3"));
    type("ttsApplicationIdLineEdit", QStringLiteral("my-sensors"));
    type("ttsTenantIdLineEdit", QStringLiteral("ttn"));
    type("iotHubHostNameLineEdit", QStringLiteral("my-hub.azure-devices.net"));
}

Result<QString> TestConnectionsPage::keychainRead(const QString &profileId, SecretKind kind)
{
    KeychainSecretStore fresh; // not the page's store: read back what really is in the keychain
    QFuture<Result<QString>> future = fresh.read(profileId, kind);
    if (!await(future))
        return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("keychain read did not finish"));
    return future.result();
}

QByteArray TestConnectionsPage::settingsBytes() const
{
    m_settings->sync();
    QFile file(settingsFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestConnectionsPage::createdProfileKeepsSecretsInKeychainNotInSettingsFile()
{
    m_page = makePage(m_keychain.get());
    QSignalSpy status(m_page.get(), &ConnectionsPage::statusMessage);
    const QString apiKey = QStringLiteral("NNSXS.GUICANARYAPIKEY.0123456789ABCDEF");
    const QString policyKey = QStringLiteral("R3VpQ2FuYXJ5UG9saWN5S2V5MDEyMzQ1Njc4OQ==");

    click("newProfileButton");
    fillValidProfile(QStringLiteral("Production"));
    type("ttsApiKeyLineEdit", apiKey);
    type("hubPolicyKeyLineEdit", policyKey);
    QCOMPARE(find<QLineEdit>("ttsApiKeyLineEdit")->echoMode(), QLineEdit::Password);
    click("saveButton");

    QTRY_COMPARE(m_store->count(), 1);
    const ConnectionProfile saved = m_store->profiles().first();
    QCOMPARE(saved.name, QStringLiteral("Production"));
    QCOMPARE(saved.tts.applicationId, QStringLiteral("my-sensors"));
    QCOMPARE(saved.id, m_page->editedProfileId());
    QVERIFY(!m_page->hasUnsavedChanges());
    QVERIFY(find<QLineEdit>("ttsApiKeyLineEdit")->text().isEmpty()); // the secret does not linger in the form
    QVERIFY(find<QLineEdit>("hubPolicyKeyLineEdit")->text().isEmpty());
    QTRY_COMPARE(find<QLabel>("ttsApiKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));
    QTRY_COMPARE(find<QLabel>("hubPolicyKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));
    QTRY_COMPARE(find<QLabel>("azureClientSecretStatusLabel")->text(), QStringLiteral("Not set"));
    QVERIFY(!status.isEmpty());
    QVERIFY(status.last().at(0).toString().contains(QStringLiteral("Saved")));

    // The secrets are in the keychain under this profile's id…
    const Result<QString> storedApiKey = keychainRead(saved.id, SecretKind::TtsApiKey);
    QVERIFY2(storedApiKey.ok(), qPrintable(storedApiKey.error().toString()));
    QCOMPARE(storedApiKey.value(), apiKey);
    QCOMPARE(keychainRead(saved.id, SecretKind::HubPolicyKey).value(), policyKey);
    QCOMPARE(keychainRead(saved.id, SecretKind::AzureClientSecret).error().kind(), ServiceError::Kind::NotConfigured);

    // …and not in the settings file, which does hold the profile.
    const QByteArray bytes = settingsBytes();
    QVERIFY(bytes.contains("my-sensors"));
    QVERIFY(bytes.contains(saved.id.toLatin1()));
    QVERIFY(!bytes.contains(apiKey.toUtf8()));
    QVERIFY(!bytes.contains(policyKey.toUtf8()));
    QVERIFY(!bytes.contains("GUICANARY"));

    // A fresh page over freshly loaded settings shows the profile and the stored secrets.
    m_page.reset();
    m_store.reset();
    m_settings = std::make_unique<Settings>(settingsFile());
    KeychainSecretStore freshKeychain;
    m_store = std::make_unique<ProfileStore>(m_settings.get(), &freshKeychain);
    m_page = makePage(&freshKeychain);
    QCOMPARE(m_page->editedProfileId(), saved.id);
    QCOMPARE(find<QLineEdit>("nameLineEdit")->text(), QStringLiteral("Production"));
    QCOMPARE(find<QLineEdit>("ttsApplicationIdLineEdit")->text(), QStringLiteral("my-sensors"));
    QVERIFY(find<QLineEdit>("ttsApiKeyLineEdit")->text().isEmpty());
    QTRY_COMPARE(find<QLabel>("ttsApiKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));
    QTRY_COMPARE(find<QLabel>("hubPolicyKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));
    QTRY_COMPARE(find<QLabel>("ingestKeyStatusLabel")->text(), QStringLiteral("Not set"));
    m_page.reset();
    m_store.reset();
}

void TestConnectionsPage::invalidInputShowsFieldMessagesAndSavesNothing()
{
    m_page = makePage(m_keychain.get());
    const QString apiKey = QStringLiteral("NNSXS.INVALIDCANARY");
    click("newProfileButton");
    const QString draftId = m_page->editedProfileId();
    fillValidProfile(QStringLiteral("Broken"));
    type("ttsApplicationIdLineEdit", QStringLiteral("My_Sensors"));
    auto *port = find<QSpinBox>("ttsMqttPortSpinBox");
    QVERIFY(port);
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("70000"));
    QCOMPARE(port->value(), 70000);
    type("ttsApiKeyLineEdit", apiKey);
    click("saveButton");

    auto *appIdError = find<QLabel>("ttsApplicationIdErrorLabel");
    auto *portError = find<QLabel>("ttsMqttPortErrorLabel");
    QVERIFY(appIdError->isVisible());
    QVERIFY2(appIdError->text().contains(QStringLiteral("capital letters")), qPrintable(appIdError->text()));
    QVERIFY(portError->isVisible());
    QVERIFY2(portError->text().contains(QStringLiteral("out of range")), qPrintable(portError->text()));
    QVERIFY(!find<QLabel>("nameErrorLabel")->isVisible());
    QVERIFY(!find<QLabel>("ttsApiBaseUrlErrorLabel")->isVisible());
    QVERIFY(find<QLabel>("messageLabel")->text().contains(QStringLiteral("Not saved")));

    // Nothing was saved: no profile, no secret in the keychain, nothing in the settings file.
    QCOMPARE(m_store->count(), 0);
    QVERIFY(m_page->hasUnsavedChanges());
    QCOMPARE(find<QLineEdit>("ttsApiKeyLineEdit")->text(), apiKey); // kept for the next try
    QCOMPARE(keychainRead(draftId, SecretKind::TtsApiKey).error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(!settingsBytes().contains(apiKey.toUtf8()));
    QVERIFY(!settingsBytes().contains("Broken"));

    // Fixing the fields clears the messages and saves.
    type("ttsApplicationIdLineEdit", QStringLiteral("my-sensors"));
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("8883"));
    click("saveButton");
    QTRY_COMPARE(m_store->count(), 1);
    QVERIFY(!appIdError->isVisible());
    QVERIFY(!portError->isVisible());
    QCOMPARE(keychainRead(draftId, SecretKind::TtsApiKey).value(), apiKey);
    QVERIFY(!settingsBytes().contains(apiKey.toUtf8()));
}

void TestConnectionsPage::keychainFailureIsShownAndNothingIsSaved()
{
    MemorySecretStore failing;
    ServiceError unavailable = KeychainSecretStore::errorFromJob(
        QKeychain::NoBackendAvailable, QStringLiteral("No keychain service available"),
        QStringLiteral("store the TTS API key in the OS keychain"));
    failing.setFailure(unavailable);
    m_page = makePage(&failing);
    QSignalSpy status(m_page.get(), &ConnectionsPage::statusMessage);
    const QString apiKey = QStringLiteral("NNSXS.FAILURECANARY");

    click("newProfileButton");
    fillValidProfile(QStringLiteral("No keychain"));
    type("ttsApiKeyLineEdit", apiKey);
    click("saveButton");

    QTRY_VERIFY(find<QLabel>("ttsApiKeyStatusLabel")->text().contains(QStringLiteral("No OS keychain is available")));
    QVERIFY(find<QLabel>("messageLabel")->text().contains(QStringLiteral("not saved")));
    QVERIFY(find<QLabel>("messageLabel")->text().contains(QStringLiteral("never falls back to storing secrets")));
    QVERIFY(status.last().at(0).toString().contains(QStringLiteral("not saved")));
    QCOMPARE(m_store->count(), 0);
    QVERIFY(failing.keys().isEmpty());
    QVERIFY(!settingsBytes().contains(apiKey.toUtf8()));
    QVERIFY(find<QPushButton>("saveButton")->isEnabled()); // the user can retry once the keychain runs
    QCOMPARE(find<QLineEdit>("ttsApiKeyLineEdit")->text(), apiKey);
}

void TestConnectionsPage::deleteAsksThenRemovesProfileAndSecrets()
{
    ConnectionProfile p = ConnectionProfile::create(QStringLiteral("Doomed"));
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("doomed-app");
    QVERIFY(m_store->add(p).ok());
    ConnectionProfile keep = ConnectionProfile::create(QStringLiteral("Keeper"));
    keep.tts = p.tts;
    keep.tts.applicationId = QStringLiteral("keeper-app");
    QVERIFY(m_store->add(keep).ok());
    for (SecretKind kind : {SecretKind::TtsApiKey, SecretKind::IngestKey}) {
        QFuture<Status> written = m_keychain->write(p.id, kind, QStringLiteral("doomed-secret"));
        QVERIFY(await(written));
        QVERIFY(written.result().ok());
    }
    m_page = makePage(m_keychain.get());
    QCOMPARE(m_page->editedProfileId(), p.id);
    QTRY_COMPARE(find<QLabel>("ingestKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));

    MessageBox::setNextAnswer(QMessageBox::No);
    click("deleteProfileButton");
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("Doomed")));
    QCOMPARE(m_store->count(), 2);
    QVERIFY(keychainRead(p.id, SecretKind::TtsApiKey).ok());

    MessageBox::setNextAnswer(QMessageBox::Yes);
    click("deleteProfileButton");
    QCOMPARE(m_store->count(), 1);
    QVERIFY(!m_store->contains(p.id));
    QTRY_VERIFY(find<QLabel>("messageLabel")->text().contains(QStringLiteral("Deleted")));
    QCOMPARE(keychainRead(p.id, SecretKind::TtsApiKey).error().kind(), ServiceError::Kind::NotConfigured);
    QCOMPARE(keychainRead(p.id, SecretKind::IngestKey).error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(!settingsBytes().contains("doomed-app"));
    // The page moved on to the remaining profile.
    QCOMPARE(m_page->editedProfileId(), keep.id);
    QCOMPARE(find<QLineEdit>("nameLineEdit")->text(), QStringLiteral("Keeper"));
}

void TestConnectionsPage::switchingWithUnsavedChangesAsks()
{
    ConnectionProfile a = ConnectionProfile::create(QStringLiteral("Alpha"));
    a.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    a.tts.applicationId = QStringLiteral("alpha-app");
    ConnectionProfile b = a;
    b.id = ConnectionProfile::newId();
    b.name = QStringLiteral("Bravo");
    QVERIFY(m_store->add(a).ok());
    QVERIFY(m_store->add(b).ok());
    m_page = makePage(m_keychain.get());
    auto *list = find<QListView>("profileListView");
    QCOMPARE(m_page->editedProfileId(), a.id);

    type("nameLineEdit", QStringLiteral("Alpha edited"));
    QVERIFY(m_page->hasUnsavedChanges());
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    list->setCurrentIndex(list->model()->index(1, 0));
    QCOMPARE(m_page->editedProfileId(), a.id);
    QCOMPARE(find<QLineEdit>("nameLineEdit")->text(), QStringLiteral("Alpha edited"));
    QCOMPARE(list->currentIndex().row(), 0);

    MessageBox::setNextAnswer(QMessageBox::Discard);
    list->setCurrentIndex(list->model()->index(1, 0));
    QCOMPARE(m_page->editedProfileId(), b.id);
    QCOMPARE(find<QLineEdit>("nameLineEdit")->text(), QStringLiteral("Bravo"));
    QCOMPARE(m_store->profile(a.id)->name, QStringLiteral("Alpha"));
}

void TestConnectionsPage::exportThenImportThroughFileDialogs()
{
    ConnectionProfile p = ConnectionProfile::create(QStringLiteral("Shared"));
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("shared-app");
    QVERIFY(m_store->add(p).ok());
    QFuture<Status> written = m_keychain->write(p.id, SecretKind::TtsApiKey, QStringLiteral("NNSXS.EXPORTGUI"));
    QVERIFY(await(written));
    m_page = makePage(m_keychain.get());

    const QString file = m_dir->filePath(QStringLiteral("shared.json"));
    FileDialog::setNextFileName(file);
    click("exportProfileButton");
    QCOMPARE(FileDialog::lastCaption(), QStringLiteral("Export connection profile"));
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QByteArray bytes = exported.readAll();
    QVERIFY(bytes.contains("shared-app"));
    QVERIFY(!bytes.contains("NNSXS.EXPORTGUI"));

    FileDialog::setNextFileName(file);
    click("importProfileButton");
    QCOMPARE(m_store->count(), 2);
    QVERIFY(m_page->editedProfileId() != p.id);
    QCOMPARE(find<QLineEdit>("nameLineEdit")->text(), QStringLiteral("Shared (2)"));
    QTRY_COMPARE(find<QLabel>("ttsApiKeyStatusLabel")->text(), QStringLiteral("Not set")); // secrets never travel

    FileDialog::setNextFileName(QString()); // the user cancels
    click("importProfileButton");
    QCOMPARE(m_store->count(), 2);
}

void TestConnectionsPage::useThisProfileSelectsIt()
{
    ConnectionProfile p = ConnectionProfile::create(QStringLiteral("Live"));
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("live-app");
    QVERIFY(m_store->add(p).ok());
    m_page = makePage(m_keychain.get());
    QVERIFY(m_store->currentProfileId().isEmpty());
    click("useProfileButton");
    QCOMPARE(m_store->currentProfileId(), p.id);
    QVERIFY(!find<QPushButton>("useProfileButton")->isEnabled());
    QCOMPARE(find<QLabel>("currentProfileLabel")->text(), QStringLiteral("TwinBridge uses this profile."));
}

// The deployment wizard writes azure.resourceGroup, which the form does not show: saving an edit keeps it.
void TestConnectionsPage::savingKeepsWhatTheFormDoesNotShow()
{
    ConnectionProfile p = ConnectionProfile::create(QStringLiteral("Deployed"));
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("deployed-app");
    p.azure.resourceGroup = QStringLiteral("rg-twinbridge-kept");
    QVERIFY(m_store->add(p).ok());
    QVERIFY(m_store->setCurrentProfileId(p.id).ok());
    m_page = makePage(m_keychain.get());
    QTRY_COMPARE(m_page->editedProfileId(), p.id);
    type("nameLineEdit", QStringLiteral("Deployed (renamed)"));
    click("saveButton");
    QTRY_COMPARE(m_store->profile(p.id)->name, QStringLiteral("Deployed (renamed)"));
    QCOMPARE(m_store->profile(p.id)->azure.resourceGroup, QStringLiteral("rg-twinbridge-kept"));
}

void TestConnectionsPage::forgetDeletesOneSecret()
{
    ConnectionProfile p = ConnectionProfile::create(QStringLiteral("Forgetful"));
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("forget-app");
    QVERIFY(m_store->add(p).ok());
    for (SecretKind kind : {SecretKind::TtsApiKey, SecretKind::HubPolicyKey})
        QVERIFY(await(m_keychain->write(p.id, kind, QStringLiteral("forget-me"))));
    m_page = makePage(m_keychain.get());
    QTRY_COMPARE(find<QLabel>("hubPolicyKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));

    MessageBox::setNextAnswer(QMessageBox::Yes);
    auto *forget = m_page->findChild<QAbstractButton *>(QStringLiteral("hubPolicyKeyClearButton"));
    QVERIFY(forget);
    QTest::mouseClick(forget, Qt::LeftButton);
    QTRY_COMPARE(find<QLabel>("hubPolicyKeyStatusLabel")->text(), QStringLiteral("Not set"));
    QCOMPARE(keychainRead(p.id, SecretKind::HubPolicyKey).error().kind(), ServiceError::Kind::NotConfigured);
    QCOMPARE(keychainRead(p.id, SecretKind::TtsApiKey).value(), QStringLiteral("forget-me"));
}

// ---- Test connection ----------------------------------------------------------------------------------

void TestConnectionsPage::importSandbox()
{
    m_page = makePage(m_keychain.get());
    QSignalSpy imported(m_page.get(), &ConnectionsPage::sandboxImportFinished);
    m_page->importSandboxFile(m_sandbox->descriptionPath());
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 20000);
    QVERIFY(!imported.first().first().toString().isEmpty());
    QCOMPARE(m_store->currentProfileId(), imported.first().first().toString());
}

QTreeWidgetItem *TestConnectionsPage::targetItem(const QString &name) const
{
    auto *tree = find<QTreeWidget>("connectionTestResultsTreeWidget");
    if (!tree)
        return nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0) == name)
            return tree->topLevelItem(i);
    }
    return nullptr;
}

QString TestConnectionsPage::childTexts(const QTreeWidgetItem *item)
{
    QStringList lines;
    for (int i = 0; item && i < item->childCount(); ++i)
        lines.append(item->child(i)->text(0) + QStringLiteral(" | ") + item->child(i)->text(1));
    return lines.join(QLatin1Char('\n'));
}

void TestConnectionsPage::testConnectionShowsEveryCheckAgainstTheSandbox()
{
    importSandbox();
    QSignalSpy finished(m_page.get(), &ConnectionsPage::connectionTestFinished);
    QSignalSpy states(m_page.get(), &ConnectionsPage::connectionStateChanged);
    click("testAllConnectionsButton");
    QVERIFY(find<QPushButton>("cancelConnectionTestButton")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000);
    QVERIFY(!find<QPushButton>("cancelConnectionTestButton")->isEnabled());

    const QStringList targets = {QStringLiteral("The Things Stack"), QStringLiteral("IoT Hub"), QStringLiteral("Azure")};
    auto *tree = find<QTreeWidget>("connectionTestResultsTreeWidget");
    QCOMPARE(tree->topLevelItemCount(), 3);
    for (int i = 0; i < targets.size(); ++i) {
        QTreeWidgetItem *item = tree->topLevelItem(i);
        QCOMPARE(item->text(0), targets.at(i)); // in this order, whatever finished first
        QVERIFY(item->childCount() >= 4);
        for (int c = 0; c < item->childCount(); ++c) {
            const QString check = item->child(c)->text(0);
            QVERIFY2(!check.startsWith(QStringLiteral("✗")), qPrintable(childTexts(item)));
            QVERIFY2(!item->child(c)->text(1).isEmpty(), qPrintable(childTexts(item)));
        }
    }
    const QString tts = childTexts(targetItem(QStringLiteral("The Things Stack")));
    QVERIFY2(tts.contains(QStringLiteral("✓ Right RIGHT_APPLICATION_DEVICES_WRITE")), qPrintable(tts));
    QVERIFY2(tts.contains(QStringLiteral("✓ MQTT login with the API key")), qPrintable(tts));
    const QString hub = childTexts(targetItem(QStringLiteral("IoT Hub")));
    QVERIFY2(hub.contains(QStringLiteral("✓ Policy right RegistryWrite")), qPrintable(hub));
    QVERIFY2(hub.contains(QStringLiteral("✓ Policy key accepted")), qPrintable(hub));
    const QString azure = childTexts(targetItem(QStringLiteral("Azure")));
    QVERIFY2(azure.contains(QStringLiteral("✓ Subscription readable")), qPrintable(azure));

    // The profile in use: the status bar lights follow (checking, then the result).
    QList<ConnectionCheck::Status> last(3, ConnectionCheck::Status::Pending);
    for (const QList<QVariant> &args : std::as_const(states))
        last[int(args.at(0).value<ConnectionCheck::Target>())] = args.at(1).value<ConnectionCheck::Status>();
    for (ConnectionCheck::Status status : last)
        QVERIFY(status == ConnectionCheck::Status::Passed || status == ConnectionCheck::Status::Warning);

    // docs/screenshots/connections-test.png comes from here: TWINBRIDGE_SCREENSHOT_DIR=docs/screenshots.
    const QString screenshots = qEnvironmentVariable("TWINBRIDGE_SCREENSHOT_DIR");
    if (!screenshots.isEmpty()) {
        m_page->resize(1100, 900);
        tree->expandAll();
        QVERIFY(m_page->grab().save(QDir(screenshots).filePath(QStringLiteral("connections-test.png"))));
        ColorScheme::apply(ColorScheme::Choice::Dark);
        QTRY_VERIFY(ColorScheme::isDark(tree->palette()));
        QVERIFY(m_page->grab().save(QDir(screenshots).filePath(QStringLiteral("connections-test-dark.png"))));
        ColorScheme::apply(ColorScheme::Choice::Light);
        QTRY_VERIFY(!ColorScheme::isDark(tree->palette()));
    }
}

void TestConnectionsPage::typedWrongPolicyKeyFailsItsCheck()
{
    importSandbox();
    const QString wrong = QString::fromLatin1(QByteArray("a typed but wrong policy key").toBase64());
    type("hubPolicyKeyLineEdit", wrong);
    QSignalSpy finished(m_page.get(), &ConnectionsPage::connectionTestFinished);
    click("testIotHubConnectionButton");
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    const auto report = finished.first().first().value<ConnectionReport>();
    QCOMPARE(report.target, ConnectionCheck::Target::IotHub);
    QCOMPARE(report.check(QStringLiteral("hub.key"))->status, ConnectionCheck::Status::Failed);

    QTreeWidgetItem *hub = targetItem(QStringLiteral("IoT Hub"));
    QVERIFY(hub);
    QVERIFY2(childTexts(hub).contains(QStringLiteral("✗ Policy key accepted")), qPrintable(childTexts(hub)));
    QVERIFY(!targetItem(QStringLiteral("Azure"))); // only the hub was tested
    // The first failure is selected and explained below the tree, without the key.
    auto *detail = find<QLabel>("connectionTestDetailLabel");
    QVERIFY(detail->isVisible());
    QVERIFY2(detail->text().contains(QStringLiteral("the key is wrong")), qPrintable(detail->text()));
    QVERIFY(!detail->text().contains(wrong));
    QVERIFY(!childTexts(hub).contains(wrong));
}

void TestConnectionsPage::cancelStopsTheRunningTests()
{
    importSandbox();
    QSignalSpy finished(m_page.get(), &ConnectionsPage::connectionTestFinished);
    click("testAllConnectionsButton");
    QTRY_VERIFY(find<QPushButton>("cancelConnectionTestButton")->isEnabled());
    click("cancelConnectionTestButton");
    QTRY_COMPARE(finished.count(), 3);
    for (const QList<QVariant> &args : std::as_const(finished))
        QVERIFY(args.first().value<ConnectionReport>().canceled);
    QVERIFY(!find<QPushButton>("cancelConnectionTestButton")->isEnabled());
    QVERIFY2(targetItem(QStringLiteral("IoT Hub"))->text(1).contains(QStringLiteral("canceled")),
             qPrintable(targetItem(QStringLiteral("IoT Hub"))->text(1)));
}

void TestConnectionsPage::ctrlTStartsTheTest()
{
    importSandbox();
    QSignalSpy finished(m_page.get(), &ConnectionsPage::connectionTestFinished);
    auto *name = find<QLineEdit>("nameLineEdit");
    name->setFocus();
    QTest::keyClick(name, Qt::Key_T, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000);
    QVERIFY(find<QPushButton>("testAllConnectionsButton")->toolTip().contains(QStringLiteral("Ctrl+T")));
}

void TestConnectionsPage::testWithoutProfileIsDisabled()
{
    m_page = makePage(m_keychain.get());
    QVERIFY(m_store->profiles().isEmpty());
    QVERIFY(!find<QPushButton>("testAllConnectionsButton")->isEnabled());
    QVERIFY(!find<ConnectionTestPanel>("connectionTestPanel")->isEnabled());
}

QTEST_MAIN(TestConnectionsPage)
#include "tst_connectionspage.moc"
