#include "FutureWait.h"

#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"
#include "views/ConnectionsPage.h"
#include "views/FileDialog.h"
#include "views/MessageBox.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

// The Connections page against the real Secret Service (KEYRING): secrets typed into the page land in the
// keychain and never in the settings file.
class TestConnectionsPage : public QObject
{
    Q_OBJECT

private slots:
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

private:
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
};

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

QTEST_MAIN(TestConnectionsPage)
#include "tst_connectionspage.moc"
