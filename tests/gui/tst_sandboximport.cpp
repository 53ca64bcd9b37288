#include "FutureWait.h"
#include "LogCapture.h"

#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/secrets/SessionSecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"
#include "views/ConnectionsPage.h"
#include "views/FileDialog.h"
#include "views/MessageBox.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

namespace {

const QString ApiKey = QStringLiteral("NNSXS.GUISANDBOXCANARY.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
const QString PolicyKey = QStringLiteral("R3VpU2FuZGJveFBvbGljeUNhbmFyeUtleTAxMjM0NQ==");
const QString ClientSecret = QStringLiteral("gui~sandbox~client~canary");

} // namespace

// "Import from sandbox.json…" on the Connections page, against the real Secret Service (KEYRING) and against a
// secret store that reports that no keychain exists (how the console runs without a Secret Service).
class TestSandboxImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void importStoresSecretsInTheKeychainNotInTheSettingsFile();
    void withoutKeychainAcceptingKeepsSecretsInMemoryWithANotice();
    void withoutKeychainDecliningImportsWithoutSecretsAndNamesThem();
    void invalidFileIsReportedAndAddsNothing();
    void canceledFileDialogDoesNothing();

private:
    void makePage(SecretStore *secrets);
    template<typename T>
    T *find(const char *objectName) const;
    QString writeDescription();
    void importThroughAction(const QString &file);
    Result<QString> keychainRead(const QString &profileId, SecretKind kind);
    QByteArray settingsBytes() const;
    static void verifyNoSecretIn(const QStringList &logLines);
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("twinbridge.ini")); }
    static ServiceError keychainUnavailable();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_failing;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<SessionSecretStore> m_session;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ConnectionsPage> m_page;
};

void TestSandboxImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(settingsFile());
}

void TestSandboxImport::cleanup()
{
    m_page.reset();
    m_store.reset();
    m_session.reset();
    m_keychain.reset();
    m_failing.reset();
    m_settings.reset();
    m_dir.reset();
}

ServiceError TestSandboxImport::keychainUnavailable()
{
    return KeychainSecretStore::errorFromJob(QKeychain::NoBackendAvailable,
                                             QStringLiteral("No keychain service available"),
                                             QStringLiteral("store the TTS API key in the OS keychain"));
}

void TestSandboxImport::makePage(SecretStore *secrets)
{
    m_session = std::make_unique<SessionSecretStore>(secrets);
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_session.get());
    m_page = std::make_unique<ConnectionsPage>(m_store.get(), m_session.get());
    m_page->resize(1000, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

template<typename T>
T *TestSandboxImport::find(const char *objectName) const
{
    T *widget = m_page ? m_page->findChild<T *>(QString::fromLatin1(objectName)) : nullptr;
    if (!widget)
        qWarning("no widget named %s", objectName);
    return widget;
}

QString TestSandboxImport::writeDescription()
{
    const QString ca = m_dir->filePath(QStringLiteral("ca.pem"));
    QFile caFile(ca);
    if (caFile.open(QIODevice::WriteOnly))
        caFile.write("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUR3VpQ2FuYXJ5\n-----END CERTIFICATE-----\n");
    const QJsonObject description {
        {QStringLiteral("tts"),
         QJsonObject {
             {QStringLiteral("api"), QStringLiteral("http://127.0.0.1:41001/api/v3")},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                           {QStringLiteral("port"), 41002},
                           {QStringLiteral("tls"), false}}},
             {QStringLiteral("applicationId"), QStringLiteral("demo-app")},
             {QStringLiteral("tenantId"), QStringLiteral("sandbox")},
             {QStringLiteral("apiKey"), ApiKey},
         }},
        {QStringLiteral("azure"),
         QJsonObject {
             {QStringLiteral("authority"), QStringLiteral("https://127.0.0.1:41003")},
             {QStringLiteral("management"), QStringLiteral("https://127.0.0.1:41003")},
             {QStringLiteral("tenantId"), QStringLiteral("8a2c3e4f-1111-4222-8333-944455566677")},
             {QStringLiteral("subscriptionId"), QStringLiteral("0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab")},
             {QStringLiteral("clientId"), QStringLiteral("5e6f7a8b-cccc-4ddd-9eee-ba9876543210")},
             {QStringLiteral("clientSecret"), ClientSecret},
         }},
        {QStringLiteral("iotHub"),
         QJsonObject {
             {QStringLiteral("hostName"), QStringLiteral("sandbox-hub.azure-devices.net")},
             {QStringLiteral("rest"), QStringLiteral("https://127.0.0.1:41004")},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 41005}}},
             {QStringLiteral("policyName"), QStringLiteral("twinbridge")},
             {QStringLiteral("policyKey"), PolicyKey},
         }},
        {QStringLiteral("caCertificate"), ca},
        {QStringLiteral("admin"), QStringLiteral("http://127.0.0.1:41006/admin")},
    };
    const QString path = m_dir->filePath(QStringLiteral("sandbox.json"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(QJsonDocument(description).toJson());
    return path;
}

void TestSandboxImport::importThroughAction(const QString &file)
{
    QSignalSpy finished(m_page.get(), &ConnectionsPage::sandboxImportFinished);
    FileDialog::setNextFileName(file);
    auto *button = find<QPushButton>("importSandboxButton");
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(FileDialog::lastCaption(), QStringLiteral("Import from sandbox.json"));
    QTRY_COMPARE(finished.size(), 1);
}

Result<QString> TestSandboxImport::keychainRead(const QString &profileId, SecretKind kind)
{
    KeychainSecretStore fresh; // not the page's store: what really is in the keychain
    QFuture<Result<QString>> future = fresh.read(profileId, kind);
    return awaitResult(future);
}

QByteArray TestSandboxImport::settingsBytes() const
{
    m_settings->sync();
    QFile file(settingsFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestSandboxImport::verifyNoSecretIn(const QStringList &logLines)
{
    QVERIFY(!logLines.isEmpty()); // the import was logged…
    for (const QString &line : logLines) {
        for (const QString &secret : {ApiKey, PolicyKey, ClientSecret})
            QVERIFY2(!line.contains(secret), qPrintable(line.left(60))); // …without a secret
    }
}

void TestSandboxImport::importStoresSecretsInTheKeychainNotInTheSettingsFile()
{
    m_keychain = std::make_unique<KeychainSecretStore>();
    makePage(m_keychain.get());
    const QString file = writeDescription();

    auto log = std::make_unique<LogCapture>();
    importThroughAction(file);
    const QStringList logLines = log->lines();
    log.reset();
    verifyNoSecretIn(logLines);
    QCOMPARE(m_store->count(), 1);
    const ConnectionProfile profile = m_store->profiles().constFirst();
    QCOMPARE(profile.name, QStringLiteral("Sandbox"));
    QCOMPARE(m_page->editedProfileId(), profile.id);
    QCOMPARE(m_store->currentProfileId(), profile.id); // complete, so it is the profile in use
    QCOMPARE(find<QLineEdit>("iotHubRestEndpointLineEdit")->text(), QStringLiteral("https://127.0.0.1:41004"));
    QCOMPARE(find<QLineEdit>("caCertificateFileLineEdit")->text(), m_dir->filePath(QStringLiteral("ca.pem")));
    const QString message = find<QLabel>("messageLabel")->text();
    QVERIFY2(message.contains(QStringLiteral("Added the connection profile “Sandbox”")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Stored in the OS keychain: ")), qPrintable(message));
    QTRY_COMPARE(find<QLabel>("ttsApiKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));
    QTRY_COMPARE(find<QLabel>("hubPolicyKeyStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));
    QTRY_COMPARE(find<QLabel>("azureClientSecretStatusLabel")->text(), QStringLiteral("Stored in the OS keychain"));
    QVERIFY(!m_session->keepsSecretsInMemory());
    QVERIFY(!find<QLabel>("secretsInMemoryLabel")->isVisible());

    // The secrets are in the real Secret Service under the profile's id…
    QCOMPARE(keychainRead(profile.id, SecretKind::TtsApiKey).value(), ApiKey);
    QCOMPARE(keychainRead(profile.id, SecretKind::HubPolicyKey).value(), PolicyKey);
    QCOMPARE(keychainRead(profile.id, SecretKind::AzureClientSecret).value(), ClientSecret);
    // …and nowhere in the settings file, which holds the profile.
    QByteArray bytes = settingsBytes();
    QVERIFY(bytes.contains("sandbox-hub.azure-devices.net"));
    QVERIFY(bytes.contains(profile.id.toLatin1()));
    for (const QString &secret : {ApiKey, PolicyKey, ClientSecret})
        QVERIFY(!bytes.contains(secret.toUtf8()));
    QVERIFY(!bytes.contains("CANARY") && !bytes.contains("canary"));

    // Importing again updates the same profile.
    importThroughAction(file);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(m_store->profiles().constFirst().id, profile.id);
    QVERIFY(find<QLabel>("messageLabel")->text().contains(QStringLiteral("Updated the connection profile “Sandbox”")));
    bytes = settingsBytes();
    for (const QString &secret : {ApiKey, PolicyKey, ClientSecret})
        QVERIFY(!bytes.contains(secret.toUtf8()));
}

void TestSandboxImport::withoutKeychainAcceptingKeepsSecretsInMemoryWithANotice()
{
    m_failing = std::make_unique<MemorySecretStore>();
    m_failing->setFailure(keychainUnavailable());
    makePage(m_failing.get());
    QVERIFY(!find<QLabel>("secretsInMemoryLabel")->isVisible());

    MessageBox::setNextAnswer(QMessageBox::Yes);
    auto log = std::make_unique<LogCapture>();
    importThroughAction(writeDescription());
    const QStringList logLines = log->lines();
    log.reset();
    verifyNoSecretIn(logLines);

    QCOMPARE(MessageBox::lastTitle(), QStringLiteral("No OS keychain"));
    const QString question = MessageBox::lastText();
    for (const char *words : {"TTS API key", "IoT Hub policy key", "Azure client secret", "in memory for this run",
                              "forgotten when TwinBridge exits"})
        QVERIFY2(question.contains(QLatin1String(words)), qPrintable(question));
    QVERIFY(m_session->keepsSecretsInMemory());

    const ConnectionProfile profile = m_store->profiles().constFirst();
    QCOMPARE(awaitResult(m_session->read(profile.id, SecretKind::TtsApiKey)).value(), ApiKey);
    QCOMPARE(awaitResult(m_session->read(profile.id, SecretKind::HubPolicyKey)).value(), PolicyKey);
    QCOMPARE(awaitResult(m_session->read(profile.id, SecretKind::AzureClientSecret)).value(), ClientSecret);
    QVERIFY(m_failing->keys().isEmpty()); // the "keychain" got nothing

    auto *notice = find<QLabel>("secretsInMemoryLabel");
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QStringLiteral("forgotten when TwinBridge exits")), qPrintable(notice->text()));
    QVERIFY(find<QLabel>("messageLabel")->text().contains(QStringLiteral("Kept in memory only")));
    QTRY_COMPARE(find<QLabel>("ttsApiKeyStatusLabel")->text(), m_session->storedDescription());
    QVERIFY(find<QLabel>("ttsApiKeyStatusLabel")->text().contains(QStringLiteral("memory")));

    const QByteArray bytes = settingsBytes();
    QVERIFY(bytes.contains(profile.id.toLatin1()));
    for (const QString &secret : {ApiKey, PolicyKey, ClientSecret})
        QVERIFY(!bytes.contains(secret.toUtf8()));
}

void TestSandboxImport::withoutKeychainDecliningImportsWithoutSecretsAndNamesThem()
{
    m_failing = std::make_unique<MemorySecretStore>();
    m_failing->setFailure(keychainUnavailable());
    makePage(m_failing.get());

    MessageBox::setNextAnswer(QMessageBox::No);
    importThroughAction(writeDescription());

    QCOMPARE(MessageBox::lastTitle(), QStringLiteral("No OS keychain"));
    QVERIFY(!m_session->keepsSecretsInMemory());
    QCOMPARE(m_store->count(), 1);
    const ConnectionProfile profile = m_store->profiles().constFirst();
    QCOMPARE(profile.name, QStringLiteral("Sandbox"));
    QCOMPARE(profile.iotHub.policyName, QStringLiteral("twinbridge"));

    const QString message = find<QLabel>("messageLabel")->text();
    for (const char *words : {"Added the connection profile “Sandbox”", "TTS API key", "IoT Hub policy key",
                              "Azure client secret", "no OS keychain"})
        QVERIFY2(message.contains(QString::fromUtf8(words)), qPrintable(message));
    QVERIFY(!find<QLabel>("secretsInMemoryLabel")->isVisible());
    // No secret is kept anywhere: not in the (failing) keychain, not in memory, not in the settings file.
    QVERIFY(m_failing->keys().isEmpty());
    m_failing->clearFailure();
    QCOMPARE(awaitResult(m_failing->read(profile.id, SecretKind::TtsApiKey)).error().kind(),
             ServiceError::Kind::NotConfigured);
    m_session->keepSecretsInMemory(); // look into the session's memory store: empty as well
    QCOMPARE(awaitResult(m_session->read(profile.id, SecretKind::HubPolicyKey)).error().kind(),
             ServiceError::Kind::NotConfigured);
    const QByteArray bytes = settingsBytes();
    for (const QString &secret : {ApiKey, PolicyKey, ClientSecret})
        QVERIFY(!bytes.contains(secret.toUtf8()));
}

void TestSandboxImport::invalidFileIsReportedAndAddsNothing()
{
    m_keychain = std::make_unique<KeychainSecretStore>();
    makePage(m_keychain.get());
    const QString file = writeDescription();
    QFile rewrite(file);
    QVERIFY(rewrite.open(QIODevice::ReadOnly));
    QJsonObject description = QJsonDocument::fromJson(rewrite.readAll()).object();
    rewrite.close();
    QJsonObject hub = description.value(QLatin1String("iotHub")).toObject();
    hub.remove(QStringLiteral("policyName"));
    description.insert(QStringLiteral("iotHub"), hub);
    QVERIFY(rewrite.open(QIODevice::WriteOnly | QIODevice::Truncate));
    rewrite.write(QJsonDocument(description).toJson());
    rewrite.close();

    QSignalSpy finished(m_page.get(), &ConnectionsPage::sandboxImportFinished);
    importThroughAction(file);
    QCOMPARE(finished.constFirst().at(0).toString(), QString());
    QCOMPARE(m_store->count(), 0);
    const QString message = find<QLabel>("messageLabel")->text();
    QVERIFY2(message.contains(QStringLiteral("“iotHub.policyName”")), qPrintable(message));
    QVERIFY2(message.contains(QDir::toNativeSeparators(file)), qPrintable(message));
    QVERIFY(!message.contains(PolicyKey));
}

void TestSandboxImport::canceledFileDialogDoesNothing()
{
    m_keychain = std::make_unique<KeychainSecretStore>();
    makePage(m_keychain.get());
    QSignalSpy finished(m_page.get(), &ConnectionsPage::sandboxImportFinished);
    FileDialog::setNextFileName(QString());
    QTest::mouseClick(find<QPushButton>("importSandboxButton"), Qt::LeftButton);
    QCOMPARE(m_store->count(), 0);
    QCOMPARE(finished.size(), 0);
}

QTEST_MAIN(TestSandboxImport)
#include "tst_sandboximport.moc"
