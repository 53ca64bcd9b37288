// The deployment wizard's shell and its first pages (issue 8) against the in-process sandbox, with the real
// Secret Service (KEYRING): the page order per purpose, the mode page, Azure sign-in by device code (approved
// through the sandbox's Entra stand-in), service principal (right and wrong secret) and a missing Azure CLI; the
// subscriptions, regions and resource groups of the sandbox's Resource Manager with the resource group name rule;
// and the TTS application page's live rights checklist (full key, a key with fewer rights, an invalid key, TTS's
// own integration) and MQTT reachability.

#include "FutureWait.h"
#include "LogCapture.h"

#include "sandbox/Sandbox.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsStandIn.h"
#include "services/azure/ArmClient.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/deploy/DeploymentSession.h"
#include "services/diagnostics/AzureConnectionTest.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"
#include "views/MessageBox.h"
#include "views/deploy/AzureTargetPage.h"
#include "views/deploy/DeployWizard.h"
#include "views/deploy/DeployWizardPageId.h"
#include "views/deploy/ModePage.h"
#include "views/deploy/SignInPage.h"
#include "views/deploy/TtsApplicationPage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString App = QStringLiteral("demo-app");
const QString ExistingGroup = QStringLiteral("rg-existing-wizard");

// A sign-in that fails until allowed, then signs in as the service principal (a passing outage for Retry).
class SwitchableCredential : public TokenCredential
{
public:
    explicit SwitchableCredential(TokenCredential *working)
        : m_working(working)
    { }
    QString displayName() const override { return m_working->displayName(); }
    bool allowed = false;

protected:
    QFuture<Result<AccessToken>> acquireToken(const QStringList &scopes) override
    {
        if (!allowed)
            return Futures::readyResult<AccessToken>(ServiceError(
                ServiceError::Kind::Unavailable, QStringLiteral("The sign-in service is out of reach for a moment.")));
        return m_working->token(scopes);
    }

private:
    TokenCredential *m_working;
};

} // namespace

class TestDeployWizardPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void titleAndPagesFollowThePurpose_data();
    void titleAndPagesFollowThePurpose();
    void modePageSetsTheModeAndANewProfile();
    void deviceCodeSignInShowsTheAccountAndEnablesNext();
    void servicePrincipalSignInKeepsTheSecretInTheKeychain();
    void wrongClientSecretShowsEntrasSentence();
    void storedClientSecretIsOfferedAgain();
    void missingAzureCliIsNamed();
    void azureCliLoginSignsIn();
    void closingWhileSigningInAsksFirst();
    void azureTargetListsSubscriptionsRegionsAndGroups();
    void azureTargetShowsAFailureAndRetries();
    void badResourceGroupNameBlocksNext_data();
    void badResourceGroupNameBlocksNext();
    void fullRightsKeyTicksEveryRightAndMqttIsReachable();
    void keyWithFewerRightsNamesTheMissingOnes();
    void invalidKeyIsNamedInvalid();
    void ttsIntegrationModeNeedsOnlyItsRights();
    void unreachableMqttBlocksUntilContinueAnyway();
    void updateKeepsTheStoredKeyUnlessANewOneIsTyped();

private:
    void makeWizard(DeploymentSession::Purpose purpose);
    void makeTtsPage(DeploymentSession::Mode mode,
                     DeploymentSession::Purpose purpose = DeploymentSession::Purpose::Deploy);
    static void verifyNoSecretIn(const QStringList &lines, const QStringList &secrets);
    template<typename T>
    T *find(const char *objectName) const;
    void signInAsServicePrincipal(const QString &secret);
    QString makeKey(const QString &name, const QList<TtsRights::Right> &rights);
    void typeKey(const QString &key);
    QPushButton *nextButton() const;
    TtsApplicationPage::RightState rightState(const QString &wireName) const;

    QTemporaryDir m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_caseDir;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<KeychainSecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    ConnectionProfile m_profile;
    QString m_apiKey;
    std::unique_ptr<DeploymentSession> m_session;
    std::unique_ptr<QWizard> m_wizard;
    TtsApplicationPage *m_ttsPage = nullptr;
};

void TestDeployWizardPages::initTestCase()
{
    QVERIFY(m_dir.isValid());
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir.filePath(QStringLiteral("sandbox"));
    options.devices = 1;
    options.seed = 11;
    options.throttlesEnabled = false;
    options.ttsMqttTls = false;
    options.armTimeScale = 0.02;
    options.uplinkInterval = 1h;
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = Test::awaitResult(m_sandbox->start(), 30000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    EntraStandIn::Settings entra = m_sandbox->entra()->settings();
    entra.pollInterval = 1s; // the device code test waits one poll, not five seconds
    m_sandbox->entra()->setSettings(entra);
    ArmStandIn::Settings arm = m_sandbox->arm()->settings();
    arm.retryAfterSeconds = 0;
    m_sandbox->arm()->setSettings(arm);
}

void TestDeployWizardPages::cleanupTestCase()
{
    if (m_sandbox)
        QVERIFY(Test::await(m_sandbox->stop(), 20000));
    m_sandbox.reset();
}

void TestDeployWizardPages::init()
{
    m_caseDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_caseDir->isValid());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_settings = std::make_unique<Settings>(m_caseDir->filePath(QStringLiteral("twinbridge.ini")));
    m_secrets = std::make_unique<KeychainSecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    const Result<SandboxProfileImport::Imported> imported =
        SandboxProfileImport::importFile(*m_store, m_sandbox->descriptionPath());
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    m_profile = imported.value().profile;
    m_apiKey = imported.value().secrets.value(SecretKind::TtsApiKey);
    QVERIFY(!m_apiKey.isEmpty());
}

void TestDeployWizardPages::cleanup()
{
    m_ttsPage = nullptr;
    m_wizard.reset();
    m_session.reset();
    if (m_secrets && !m_profile.id.isEmpty()) {
        for (SecretKind kind : SecretStore::allKinds)
            Test::awaitResult(m_secrets->remove(m_profile.id, kind), 10000);
    }
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_nam.reset();
    m_caseDir.reset();
}

void TestDeployWizardPages::makeWizard(DeploymentSession::Purpose purpose)
{
    m_session = std::make_unique<DeploymentSession>(purpose, m_profile, false, m_store.get(), m_nam.get());
    m_session->setArmPollInterval(50ms);
    m_wizard = std::make_unique<DeployWizard>(m_session.get());
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

void TestDeployWizardPages::makeTtsPage(DeploymentSession::Mode mode, DeploymentSession::Purpose purpose)
{
    m_session = std::make_unique<DeploymentSession>(purpose, m_profile, false, m_store.get(), m_nam.get());
    m_session->setMode(mode);
    m_wizard = std::make_unique<QWizard>();
    m_ttsPage = new TtsApplicationPage(m_session.get());
    m_ttsPage->setCheckDelay(100);
    m_wizard->setPage(TtsApplicationPageId, m_ttsPage);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

template<typename T>
T *TestDeployWizardPages::find(const char *objectName) const
{
    T *widget = m_wizard ? m_wizard->findChild<T *>(QString::fromLatin1(objectName)) : nullptr;
    if (!widget)
        qWarning("no widget named %s", objectName);
    return widget;
}

void TestDeployWizardPages::verifyNoSecretIn(const QStringList &lines, const QStringList &secrets)
{
    QVERIFY(!lines.isEmpty()); // the work was logged…
    for (const QString &line : lines) {
        for (const QString &secret : secrets)
            QVERIFY2(!line.contains(secret), qPrintable(line.left(60))); // …without a secret
    }
}

QPushButton *TestDeployWizardPages::nextButton() const
{
    return qobject_cast<QPushButton *>(m_wizard->button(QWizard::NextButton));
}

void TestDeployWizardPages::signInAsServicePrincipal(const QString &secret)
{
    find<QRadioButton>("servicePrincipalRadioButton")->click();
    QLineEdit *secretEdit = find<QLineEdit>("clientSecretLineEdit");
    QVERIFY(secretEdit->isVisible());
    QCOMPARE(secretEdit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(secretEdit, secret);
    find<QPushButton>("signInButton")->click();
}

QString TestDeployWizardPages::makeKey(const QString &name, const QList<TtsRights::Right> &rights)
{
    const Result<TtsApiKey> key = m_sandbox->tts()->model()->createApiKey(App, name, rights);
    if (!key.ok()) {
        qWarning("%s", qPrintable(key.error().toString()));
        return {};
    }
    return key.value().token();
}

void TestDeployWizardPages::typeKey(const QString &key)
{
    QLineEdit *edit = find<QLineEdit>("apiKeyLineEdit");
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, key);
}

TtsApplicationPage::RightState TestDeployWizardPages::rightState(const QString &wireName) const
{
    auto *list = find<QListWidget>("rightsListWidget");
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole + 1).toString() == wireName)
            return list->item(i)->data(Qt::UserRole).value<TtsApplicationPage::RightState>();
    }
    qWarning("no checklist entry %s", qPrintable(wireName));
    return TtsApplicationPage::RightState::Unchecked;
}

void TestDeployWizardPages::titleAndPagesFollowThePurpose_data()
{
    QTest::addColumn<DeploymentSession::Purpose>("purpose");
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("start");
    QTest::addColumn<QList<int>>("pages");
    QTest::addRow("deploy") << DeploymentSession::Purpose::Deploy << QStringLiteral("Deploy the Azure side")
                            << int(ModePageId)
                            << QList<int> {ModePageId,    SignInPageId, AzureTargetPageId, TtsApplicationPageId,
                                           OptionsPageId, ReviewPageId, ProgressPageId,    FinishPageId};
    QTest::addRow("update") << DeploymentSession::Purpose::Update << QStringLiteral("Update the Azure side")
                            << int(SignInPageId) << QList<int> {SignInPageId, TtsApplicationPageId, OptionsPageId,
                                                                ReviewPageId, ProgressPageId,       FinishPageId};
    QTest::addRow("uninstall") << DeploymentSession::Purpose::Uninstall << QStringLiteral("Uninstall the Azure side")
                               << int(SignInPageId) << QList<int> {SignInPageId, UninstallPageId};
}

void TestDeployWizardPages::titleAndPagesFollowThePurpose()
{
    QFETCH(DeploymentSession::Purpose, purpose);
    QFETCH(QString, title);
    QFETCH(int, start);
    QFETCH(QList<int>, pages);
    makeWizard(purpose);
    auto *wizard = static_cast<DeployWizard *>(m_wizard.get());
    QCOMPARE(wizard->windowTitle(), title);
    QCOMPARE(wizard->wizardStyle(), QWizard::ModernStyle);
    QCOMPARE(wizard->currentId(), start);
    QList<int> registered = wizard->pageIds();
    std::sort(registered.begin(), registered.end());
    QCOMPARE(registered, pages);
    // The order of the pages, then the end.
    for (qsizetype i = 0; i + 1 < pages.size(); ++i)
        QCOMPARE(wizard->nextIdAfter(pages.at(i)), pages.at(i + 1));
    QCOMPARE(wizard->nextIdAfter(pages.constLast()), -1);
    if (purpose == DeploymentSession::Purpose::Update)
        QCOMPARE(wizard->nextIdAfter(SignInPageId), int(TtsApplicationPageId));
}

void TestDeployWizardPages::modePageSetsTheModeAndANewProfile()
{
    makeWizard(DeploymentSession::Purpose::Deploy);
    QVERIFY(find<QRadioButton>("engineModeRadioButton")->isChecked());
    QVERIFY(find<QRadioButton>("updateProfileRadioButton")->isChecked());
    QVERIFY(find<QRadioButton>("updateProfileRadioButton")->text().contains(m_profile.name));
    QVERIFY(nextButton()->isEnabled());

    find<QRadioButton>("ttsIntegrationModeRadioButton")->click();
    QCOMPARE(m_session->mode(), DeploymentSession::Mode::TtsIntegration);

    find<QRadioButton>("newProfileRadioButton")->click();
    QLineEdit *name = find<QLineEdit>("newProfileNameLineEdit");
    QVERIFY(name->isEnabled());
    QVERIFY(!name->text().isEmpty());
    QVERIFY(m_session->isNewProfile());
    QVERIFY(m_session->profile().id != m_profile.id);
    QCOMPARE(m_session->plan().nameSuffix, DeploymentPlan::defaultNameSuffix(m_session->profile().id));

    // A name taken by another profile blocks Next with a sentence.
    name->clear();
    QTest::keyClicks(name, m_profile.name);
    QVERIFY(!nextButton()->isEnabled());
    QVERIFY(find<QLabel>("newProfileNameProblemLabel")->text().contains(QStringLiteral("exists already")));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("Wizard profile"));
    QVERIFY(nextButton()->isEnabled());
    QCOMPARE(m_session->profile().name, QStringLiteral("Wizard profile"));

    // Back to updating: the original profile again.
    find<QRadioButton>("updateProfileRadioButton")->click();
    QVERIFY(!m_session->isNewProfile());
    QCOMPARE(m_session->profile().id, m_profile.id);
    QCOMPARE(m_session->profile().name, m_profile.name);
    m_wizard->next();
    QCOMPARE(m_wizard->currentId(), int(SignInPageId));
}

void TestDeployWizardPages::deviceCodeSignInShowsTheAccountAndEnablesNext()
{
    makeWizard(DeploymentSession::Purpose::Update);
    QCOMPARE(m_wizard->currentId(), int(SignInPageId));
    QVERIFY(!nextButton()->isEnabled());
    QCOMPARE(find<QLineEdit>("clientIdLineEdit")->text(), m_profile.azure.clientId);
    QCOMPARE(find<QLineEdit>("tenantLineEdit")->text(), m_profile.azure.tenantId);

    find<QRadioButton>("deviceCodeRadioButton")->click();
    find<QPushButton>("signInButton")->click();
    QLabel *code = find<QLabel>("userCodeLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!code->text().isEmpty() && code->isVisible(), 15000);
    QVERIFY(find<QPushButton>("copyCodeButton")->isVisible());
    find<QPushButton>("copyCodeButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), code->text());
    QVERIFY(find<QLabel>("verificationLinkLabel")->text().contains(QStringLiteral("href=")));
    QVERIFY(find<QLabel>("verificationLinkLabel")->openExternalLinks());
    QVERIFY(m_wizard->currentPage()->property(DeployWizard::busyProperty()).toBool());
    QVERIFY(!nextButton()->isEnabled());

    const Result<EntraStandIn::DeviceCode> approved = m_sandbox->entra()->approve(code->text());
    QVERIFY2(approved.ok(), qPrintable(approved.error().toString()));

    QLabel *status = find<QLabel>("signInStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Signed in as ")), 20000);
    QVERIFY2(!m_session->account().isEmpty() && status->text().contains(m_session->account()),
             qPrintable(status->text()));
    QVERIFY(m_session->isSignedIn());
    QTRY_VERIFY(nextButton()->isEnabled());
    QVERIFY(!m_wizard->currentPage()->property(DeployWizard::busyProperty()).toBool());
    QVERIFY(!code->isVisible());

    // The refresh token went to the profile's keychain entry, for the next session.
    QTRY_VERIFY_WITH_TIMEOUT(
        Test::awaitResult(m_secrets->read(m_profile.id, SecretKind::AzureRefreshToken), 10000).ok(), 10000);
}

void TestDeployWizardPages::servicePrincipalSignInKeepsTheSecretInTheKeychain()
{
    makeWizard(DeploymentSession::Purpose::Update);
    Test::LogCapture log;
    signInAsServicePrincipal(m_sandbox->entra()->clientSecret());
    QLabel *status = find<QLabel>("signInStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Signed in as service principal")), 20000);
    QVERIFY(status->text().contains(m_profile.azure.clientId));
    QVERIFY(!status->text().contains(m_sandbox->entra()->clientSecret()));
    QTRY_VERIFY(nextButton()->isEnabled());
    QVERIFY(m_session->isSignedIn());
    QTRY_COMPARE_WITH_TIMEOUT(
        Test::awaitResult(m_secrets->read(m_profile.id, SecretKind::AzureClientSecret), 10000).value(),
        m_sandbox->entra()->clientSecret(), 10000);
    m_wizard->next();
    QCOMPARE(m_wizard->currentId(), int(TtsApplicationPageId));
    verifyNoSecretIn(log.lines(), {m_sandbox->entra()->clientSecret()});
}

void TestDeployWizardPages::wrongClientSecretShowsEntrasSentence()
{
    makeWizard(DeploymentSession::Purpose::Update);
    signInAsServicePrincipal(QStringLiteral("not-the-secret"));
    QLabel *status = find<QLabel>("signInStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("The client secret is wrong or has expired")),
                             20000);
    QVERIFY(!status->text().contains(QStringLiteral("not-the-secret")));
    QVERIFY(!nextButton()->isEnabled());
    QVERIFY(!m_session->isSignedIn());
    QVERIFY(find<QPushButton>("signInButton")->isEnabled());
    const Result<QString> stored = Test::awaitResult(m_secrets->read(m_profile.id, SecretKind::AzureClientSecret));
    QVERIFY(!stored.ok());
}

void TestDeployWizardPages::storedClientSecretIsOfferedAgain()
{
    QVERIFY(
        Test::awaitResult(
            m_secrets->write(m_profile.id, SecretKind::AzureClientSecret, m_sandbox->entra()->clientSecret()), 10000)
            .ok());
    makeWizard(DeploymentSession::Purpose::Update);
    QTRY_VERIFY(find<QRadioButton>("servicePrincipalRadioButton")->isChecked());
    QCOMPARE(find<QLineEdit>("clientSecretLineEdit")->text(), m_sandbox->entra()->clientSecret());
    find<QPushButton>("signInButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 20000);
}

void TestDeployWizardPages::missingAzureCliIsNamed()
{
    const QByteArray path = qgetenv("PATH");
    QTemporaryDir empty;
    qputenv("PATH", QFile::encodeName(empty.path()));
    makeWizard(DeploymentSession::Purpose::Update);
    find<QRadioButton>("azureCliRadioButton")->click();
    find<QPushButton>("signInButton")->click();
    const QString text = find<QLabel>("signInStatusLabel")->text();
    qputenv("PATH", path);
    QVERIFY2(text.contains(QStringLiteral("The Azure CLI (az) is not installed")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("device code")));
    QVERIFY(!nextButton()->isEnabled());
    QVERIFY(!m_session->isSignedIn());
}

void TestDeployWizardPages::azureCliLoginSignsIn()
{
    // A stand-in `az` on PATH that answers `az account get-access-token` with a token the sandbox issued.
    const Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(m_profile.tls.caCertificateFile);
    QVERIFY(ssl.ok());
    const EntraAuthority authority = AzureConnectionTest::authorityOf(m_profile);
    ClientSecretCredential issuer(authority, m_sandbox->entra()->clientSecret(), m_nam.get());
    issuer.transport()->setSslConfiguration(ssl.value());
    const Result<AccessToken> token = Test::awaitResult(issuer.token({authority.armScope}), 20000);
    QVERIFY2(token.ok(), qPrintable(token.error().toString()));
    const QJsonObject output {{QStringLiteral("accessToken"), token.value().token},
                              {QStringLiteral("expires_on"), token.value().expiresOn.toSecsSinceEpoch()},
                              {QStringLiteral("tokenType"), QStringLiteral("Bearer")}};
    QTemporaryDir bin;
    QFile script(bin.filePath(QStringLiteral("az")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\ncat <<'EOF'\n" + QJsonDocument(output).toJson(QJsonDocument::Compact) + "\nEOF\n");
    script.close();
    QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(bin.path()) + ":/usr/bin:/bin");
    makeWizard(DeploymentSession::Purpose::Update);
    find<QRadioButton>("azureCliRadioButton")->click();
    QVERIFY(!find<QLineEdit>("clientIdLineEdit")->isEnabled());
    find<QPushButton>("signInButton")->click();
    QLabel *status = find<QLabel>("signInStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Signed in as the Azure CLI's account")), 20000);
    qputenv("PATH", path);
    QVERIFY(m_session->isSignedIn());
    QCOMPARE(m_session->credential()->displayName(), QStringLiteral("Azure CLI"));
    QTRY_VERIFY(nextButton()->isEnabled());
}

void TestDeployWizardPages::closingWhileSigningInAsksFirst()
{
    makeWizard(DeploymentSession::Purpose::Update);
    find<QRadioButton>("deviceCodeRadioButton")->click();
    find<QPushButton>("signInButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!find<QLabel>("userCodeLabel")->text().isEmpty(), 15000);
    auto *wizard = static_cast<DeployWizard *>(m_wizard.get());
    QVERIFY(wizard->isBusy());

    MessageBox::setNextAnswer(QMessageBox::No);
    wizard->reject();
    QVERIFY(wizard->isVisible());
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("still running")));

    // Stopping the sign-in ends the busy state; then closing asks nothing.
    find<QPushButton>("cancelSignInButton")->click();
    QVERIFY(!wizard->isBusy());
    QVERIFY(find<QLabel>("signInStatusLabel")->text().contains(QStringLiteral("stopped")));
    QVERIFY(!find<QLabel>("userCodeLabel")->isVisible());

    // Closing while signing in, confirmed: the sign-in stops with the wizard.
    find<QPushButton>("signInButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->isBusy() && find<QLabel>("userCodeLabel")->isVisible(), 15000);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    wizard->reject();
    QVERIFY(!wizard->isVisible());
    QVERIFY(!wizard->isBusy());
    QVERIFY(!m_session->isSignedIn());

    // Nothing runs: closing asks nothing.
    wizard->show();
    const QString asked = MessageBox::lastText();
    MessageBox::setNextAnswer(QMessageBox::Yes);
    wizard->reject();
    QVERIFY(!wizard->isVisible());
    QCOMPARE(MessageBox::lastText(), asked);
    MessageBox::question(nullptr, QString(), QStringLiteral("consumes the prepared answer"));
}

void TestDeployWizardPages::azureTargetListsSubscriptionsRegionsAndGroups()
{
    makeWizard(DeploymentSession::Purpose::Deploy);
    m_wizard->next();
    signInAsServicePrincipal(m_sandbox->entra()->clientSecret());
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 20000);
    const auto group =
        Test::awaitResult(m_session->arm()->createOrUpdateResourceGroup(m_profile.azure.subscriptionId, ExistingGroup,
                                                                        QStringLiteral("northeurope"), {}),
                          20000);
    QVERIFY2(group.ok(), qPrintable(group.error().toString()));

    m_wizard->next();
    QCOMPARE(m_wizard->currentId(), int(AzureTargetPageId));
    auto *subscriptions = find<QComboBox>("subscriptionComboBox");
    auto *locations = find<QComboBox>("locationComboBox");
    auto *groups = find<QComboBox>("groupComboBox");
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 20000);
    QVERIFY(subscriptions->count() >= 1);
    QCOMPARE(subscriptions->currentData().toString(),
             QLatin1String(TwinBridge::Sandbox::AzureDefaults::SubscriptionId));
    QVERIFY(locations->count() > 3);
    QCOMPARE(locations->currentData().toString(), QStringLiteral("westeurope"));
    QCOMPARE(locations->currentText(), QStringLiteral("West Europe"));
    QVERIFY(groups->findData(ExistingGroup) >= 0);
    QCOMPARE(find<QLineEdit>("groupNameLineEdit")->text(), m_session->plan().resourceGroup);

    // An existing group: its region follows.
    find<QRadioButton>("existingGroupRadioButton")->click();
    groups->setCurrentIndex(groups->findData(ExistingGroup));
    QCOMPARE(locations->currentData().toString(), QStringLiteral("northeurope"));
    QVERIFY(nextButton()->isEnabled());
    QVERIFY(m_wizard->currentPage()->validatePage());
    QCOMPARE(m_session->plan().resourceGroup, ExistingGroup);
    QCOMPARE(m_session->plan().location, QStringLiteral("northeurope"));
    QCOMPARE(m_session->plan().subscriptionId, QLatin1String(TwinBridge::Sandbox::AzureDefaults::SubscriptionId));
    QCOMPARE(m_session->profile().azure.subscriptionId, m_session->plan().subscriptionId);
    QCOMPARE(m_session->profile().azure.resourceGroup, ExistingGroup);
    QVERIFY(m_session->resourceGroupExists());

    // A new group.
    find<QRadioButton>("newGroupRadioButton")->click();
    QVERIFY(m_wizard->currentPage()->validatePage());
    QVERIFY(!m_session->resourceGroupExists());
    QCOMPARE(m_session->plan().resourceGroup, find<QLineEdit>("groupNameLineEdit")->text());
}

void TestDeployWizardPages::azureTargetShowsAFailureAndRetries()
{
    const Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(m_profile.tls.caCertificateFile);
    QVERIFY(ssl.ok());
    auto *working = new ClientSecretCredential(AzureConnectionTest::authorityOf(m_profile),
                                               m_sandbox->entra()->clientSecret(), m_nam.get());
    working->transport()->setSslConfiguration(ssl.value());
    auto *switchable = new SwitchableCredential(working);
    working->setParent(switchable);

    m_session = std::make_unique<DeploymentSession>(DeploymentSession::Purpose::Deploy, m_profile, false, m_store.get(),
                                                    m_nam.get());
    m_session->setCredential(switchable, QStringLiteral("tester"));
    m_wizard = std::make_unique<QWizard>();
    m_wizard->setPage(AzureTargetPageId, new AzureTargetPage(m_session.get()));
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));

    QLabel *status = find<QLabel>("azureTargetStatusLabel");
    QPushButton *retry = find<QPushButton>("azureTargetRetryButton");
    QTRY_VERIFY_WITH_TIMEOUT(retry->isVisible(), 20000);
    QVERIFY2(status->text().contains(QStringLiteral("out of reach")), qPrintable(status->text()));
    QVERIFY(!m_wizard->currentPage()->isComplete());
    QCOMPARE(find<QComboBox>("subscriptionComboBox")->count(), 0);

    switchable->allowed = true;
    retry->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_wizard->currentPage()->isComplete(), 20000);
    QVERIFY(!retry->isVisible());
    QVERIFY(status->text().isEmpty());
    QCOMPARE(find<QComboBox>("locationComboBox")->currentData().toString(), QStringLiteral("westeurope"));
}

void TestDeployWizardPages::badResourceGroupNameBlocksNext_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("words");
    QTest::addRow("slash") << QStringLiteral("bad/name") << QString();
    QTest::addRow("trailing period") << QStringLiteral("ends-with.") << QString();
    QTest::addRow("taken") << ExistingGroup << QStringLiteral("exists already");
}

void TestDeployWizardPages::badResourceGroupNameBlocksNext()
{
    QFETCH(QString, name);
    QFETCH(QString, words);
    makeWizard(DeploymentSession::Purpose::Deploy);
    m_wizard->next();
    signInAsServicePrincipal(m_sandbox->entra()->clientSecret());
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 20000);
    Test::awaitResult(m_session->arm()->createOrUpdateResourceGroup(m_profile.azure.subscriptionId, ExistingGroup,
                                                                    QStringLiteral("northeurope"), {}),
                      20000);
    m_wizard->next();
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 20000);

    QLineEdit *edit = find<QLineEdit>("groupNameLineEdit");
    edit->clear();
    QTest::keyClicks(edit, name);
    QLabel *problem = find<QLabel>("groupProblemLabel");
    QVERIFY(!nextButton()->isEnabled());
    QVERIFY(problem->isVisible());
    QVERIFY(!problem->text().isEmpty());
    if (!words.isEmpty())
        QVERIFY2(problem->text().contains(words), qPrintable(problem->text()));

    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("rg-wizard-ok"));
    QVERIFY(nextButton()->isEnabled());
    QVERIFY(!problem->isVisible());
}

void TestDeployWizardPages::fullRightsKeyTicksEveryRightAndMqttIsReachable()
{
    makeTtsPage(DeploymentSession::Mode::Engine);
    QCOMPARE(find<QLineEdit>("apiBaseUrlLineEdit")->text(), m_profile.tts.apiBaseUrl);
    QCOMPARE(find<QLineEdit>("applicationIdLineEdit")->text(), App);
    QVERIFY(!m_ttsPage->isComplete());
    QVERIFY(find<QLabel>("rightsStatusLabel")->text().contains(QStringLiteral("Enter an API key")));

    Test::LogCapture log;
    typeKey(m_apiKey);
    QTRY_VERIFY_WITH_TIMEOUT(m_ttsPage->isComplete(), 20000);
    verifyNoSecretIn(log.lines(), {m_apiKey, m_apiKey.section(QLatin1Char('.'), 2)});
    const QList<TtsRights::Right> needed = TtsRights::required(TtsRights::Operation::AzureIntegration);
    QCOMPARE(find<QListWidget>("rightsListWidget")->count(), needed.size());
    for (TtsRights::Right right : needed)
        QCOMPARE(rightState(TtsRights::wireName(right)), TtsApplicationPage::RightState::Granted);
    QVERIFY(find<QLabel>("rightsStatusLabel")->text().contains(QStringLiteral("every right")));
    QVERIFY2(find<QLabel>("mqttStatusLabel")->text().startsWith(QStringLiteral("Reachable")),
             qPrintable(find<QLabel>("mqttStatusLabel")->text()));
    QVERIFY(!find<QCheckBox>("continueWithoutMqttCheckBox")->isVisible());

    QVERIFY(m_ttsPage->validatePage());
    QCOMPARE(m_session->ttsApiKey(), m_apiKey);
    QCOMPARE(m_session->plan().applicationId, App);
    QCOMPARE(m_session->profile().tts.applicationId, App);
}

void TestDeployWizardPages::keyWithFewerRightsNamesTheMissingOnes()
{
    const QString key = makeKey(QStringLiteral("wizard-traffic-only"),
                                {TtsRights::Right::ApplicationInfo, TtsRights::Right::ApplicationTrafficRead});
    QVERIFY(!key.isEmpty());
    makeTtsPage(DeploymentSession::Mode::Engine);
    typeKey(key);
    QLabel *status = find<QLabel>("rightsStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("is missing")), 20000);
    for (const char *missing : {"RIGHT_APPLICATION_DEVICES_READ", "RIGHT_APPLICATION_DEVICES_WRITE",
                                "RIGHT_APPLICATION_DEVICES_WRITE_KEYS", "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE"}) {
        QVERIFY2(status->text().contains(QLatin1String(missing) + QStringLiteral(" is missing")), missing);
        QCOMPARE(rightState(QLatin1String(missing)), TtsApplicationPage::RightState::Missing);
    }
    QCOMPARE(rightState(QStringLiteral("RIGHT_APPLICATION_INFO")), TtsApplicationPage::RightState::Granted);
    QCOMPARE(rightState(QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ")), TtsApplicationPage::RightState::Granted);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("mqttStatusLabel")->text().startsWith(QStringLiteral("Reachable")), 20000);
    QVERIFY(!m_ttsPage->isComplete());
    QVERIFY(!m_ttsPage->validatePage());
}

void TestDeployWizardPages::invalidKeyIsNamedInvalid()
{
    makeTtsPage(DeploymentSession::Mode::Engine);
    typeKey(QStringLiteral(
        "NNSXS.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"));
    QLabel *status = find<QLabel>("rightsStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("This API key is invalid")), 20000);
    QVERIFY(!status->text().contains(QStringLiteral("BBBBBBBB")));
    QCOMPARE(rightState(QStringLiteral("RIGHT_APPLICATION_INFO")), TtsApplicationPage::RightState::Unchecked);
    QVERIFY(!m_ttsPage->isComplete());
}

void TestDeployWizardPages::ttsIntegrationModeNeedsOnlyItsRights()
{
    // The Function's key for TTS's own integration creates and deletes devices and schedules downlinks; it
    // needs neither the application's info nor its traffic stream.
    const QString key =
        makeKey(QStringLiteral("wizard-submit"),
                {TtsRights::Right::ApplicationDevicesRead, TtsRights::Right::ApplicationDevicesWrite,
                 TtsRights::Right::ApplicationDevicesWriteKeys, TtsRights::Right::ApplicationTrafficDownWrite});
    QVERIFY(!key.isEmpty());
    makeTtsPage(DeploymentSession::Mode::TtsIntegration);
    QCOMPARE(find<QListWidget>("rightsListWidget")->count(), 4);
    typeKey(key);
    QTRY_VERIFY_WITH_TIMEOUT(m_ttsPage->isComplete(), 20000);

    // The same key in engine mode lacks what the engine needs.
    m_session->setMode(DeploymentSession::Mode::Engine);
    QCOMPARE(find<QListWidget>("rightsListWidget")->count(),
             TtsRights::required(TtsRights::Operation::AzureIntegration).size());
    QLabel *status = find<QLabel>("rightsStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ is missing")),
                             20000);
    QVERIFY(!m_ttsPage->isComplete());
}

void TestDeployWizardPages::unreachableMqttBlocksUntilContinueAnyway()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const int port = closed.serverPort();
    closed.close();
    m_profile.tts.mqttPort = port;
    makeTtsPage(DeploymentSession::Mode::Engine);
    typeKey(m_apiKey);
    QLabel *mqtt = find<QLabel>("mqttStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(mqtt->text().startsWith(QStringLiteral("Not reachable")), 20000);
    QCOMPARE(rightState(QStringLiteral("RIGHT_APPLICATION_INFO")), TtsApplicationPage::RightState::Granted);
    QCheckBox *anyway = find<QCheckBox>("continueWithoutMqttCheckBox");
    QVERIFY(anyway->isVisible());
    QVERIFY(!m_ttsPage->isComplete());
    anyway->click();
    QVERIFY(m_ttsPage->isComplete());
}

void TestDeployWizardPages::updateKeepsTheStoredKeyUnlessANewOneIsTyped()
{
    QVERIFY(Test::awaitResult(m_secrets->write(m_profile.id, SecretKind::TtsApiKey, m_apiKey), 10000).ok());
    makeTtsPage(DeploymentSession::Mode::Engine, DeploymentSession::Purpose::Update);
    QLineEdit *key = find<QLineEdit>("apiKeyLineEdit");
    QVERIFY(key->text().isEmpty());
    QVERIFY(!key->placeholderText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_ttsPage->isComplete(), 20000);
    QVERIFY(find<QLabel>("apiKeyHintLabel")->text().contains(QStringLiteral("stays")));
    QVERIFY(m_ttsPage->validatePage());
    QCOMPARE(m_session->ttsApiKey(), m_apiKey);

    // A new key typed replaces it (and is checked: this one lacks rights).
    const QString limited = makeKey(QStringLiteral("wizard-update-limited"), {TtsRights::Right::ApplicationInfo});
    typeKey(limited);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("rightsStatusLabel")->text().contains(QStringLiteral("is missing")), 20000);
    QVERIFY(!m_ttsPage->isComplete());
}

QTEST_MAIN(TestDeployWizardPages)
#include "tst_deploywizardpages.moc"
