// The acceptance test of the console's deployment wizard (issue 8): a user on the Deploy page runs the whole
// DeployWizard in engine mode against the in-process sandbox (ARM at 1/50 of its simulated durations) with the
// real OS keychain (KEYRING). The device-code sign-in is approved through the sandbox's admin API. Afterwards the
// hub iothub-<suffix> exists with the least-privilege policy, the profile in the ProfileStore names it with its
// policy key in the keychain, the profile opens a working hub client, an engine started from the profile and the
// keychain forwards an uplink into the deployed hub, and a desired patch set through the profile's hub client
// reaches the virtual device as a TTS downlink through the deployed route, the Function stand-in and the engine's
// ingest endpoint (the address given on the options page). No key is in the settings file, the log or any text
// the wizard shows.
//
// The error paths, each on its own: a TTS API key that is invalid or lacks rights blocks the TTS page and says
// why; an ARM validation failure shows its details on the review page; canceling during the deployment ends it
// as Canceled in Azure and the wizard says so. And after a deployment, Update… on the Deploy page redeploys with a
// new TTS API key and Uninstall… deletes the group and the profile's secrets.
//
// TWINBRIDGE_DEPLOY_SCREENSHOTS=<directory> saves pictures of the full run (docs/screenshots): the review page
// (deploy-wizard.png) and the Deploy page once the hub is deployed (deploy-page.png).

#include "DeploySandbox.h"
#include "FutureWait.h"
#include "LogCapture.h"

#include "sandbox/Sandbox.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/azure/ArmClient.h"
#include "services/engine/Engine.h"
#include "services/engine/EngineConfig.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"
#include "views/DeployPage.h"
#include "views/deploy/DeployWizard.h"
#include "views/deploy/DeployWizardPageId.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

#include <cstdio>
#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString kApp = QStringLiteral("demo-app");
const QString kSuffix = QStringLiteral("tbwizard1");
const QString kHub = QStringLiteral("iothub-tbwizard1");
const QString kGroup = QStringLiteral("rg-tbwizard1");
const QString kDevice = QStringLiteral("dev-001");

// Test diagnostics go to stderr: the LogCapture takes every qWarning (it looks for keys in the log).
void diagnose(const QString &text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stderr);
}

// The display texts and tooltips of every item below `parent`.
void appendModelTexts(const QAbstractItemModel *model, const QModelIndex &parent, QStringList *texts)
{
    if (!model)
        return;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            *texts << index.data(Qt::DisplayRole).toString() << index.data(Qt::ToolTipRole).toString();
            if (column == 0)
                appendModelTexts(model, index, texts);
        }
    }
}

} // namespace

class TestDeployWizard : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void aUserDeploysAWorkingHubForTheEngineThroughTheWholeWizard();
    void aTtsKeyThatIsInvalidOrLacksRightsBlocksTheTtsPage_data();
    void aTtsKeyThatIsInvalidOrLacksRightsBlocksTheTtsPage();
    void anArmValidationFailureShowsItsDetailsOnTheReviewPage();
    void cancelingDuringTheDeploymentEndsItAsCanceled();
    void closingOnTheReviewPageRemovesTheGroupItsChecksCreated();
    void theDeployPageUpdatesWithANewKeyAndUninstalls();

private:
    // Opens the wizard from the Deploy page's button with the ARM polling shortened.
    void openWizard(const char *button = "deployButton",
                    DeploymentSession::Purpose purpose = DeploymentSession::Purpose::Deploy);
    template<typename T>
    T *find(const char *objectName) const;
    QAbstractButton *nextButton() const;
    bool clickNextWhenEnabled(int timeoutMs = 30000);
    bool isOnPage(int id) const { return m_wizard && m_wizard->currentId() == id; }
    bool hasGroup(const QString &name) const
    {
        const QList<ArmStandIn::ResourceGroup> groups = m_sandbox->arm()->resourceGroups();
        return std::any_of(groups.begin(), groups.end(), [&](const auto &group) {
            return group.name.compare(name, Qt::CaseInsensitive) == 0;
        });
    }

    // The pages, as a user fills them.
    void passModePage();
    void passSignInPage();
    void passAzureTargetPage();
    void fillTtsPage(const QString &apiKey);
    void passTtsPage();
    void fillOptionsPage();
    void waitForReview();

    Status approveDeviceCode(const QString &userCode);
    Result<QString> createTtsKey(const QStringList &rights);
    quint16 reserveFreePort();
    QString visibleTextOfWizard() const;
    void verifyNoKeyIn(const QStringList &keys, const QByteArray &text, const char *where);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<Test::LogCapture> m_log;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<DeployPage> m_page;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ProfileSession> m_profileSession;
    QPointer<DeployWizard> m_wizard;
    QPointer<DeploymentSession> m_session;
    QString m_profileId;
    QString m_ttsApiKey;
    quint16 m_ingestPort = 0;
};

void TestDeployWizard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Status started = Test::startDeploySandbox(m_sandbox, m_dir->filePath(QStringLiteral("sandbox")));
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));

    m_log = std::make_unique<Test::LogCapture>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    m_keychain = std::make_unique<KeychainSecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_keychain.get());
    m_nam = std::make_unique<QNetworkAccessManager>();

    // The user's profile: the sandbox's TTS application and Azure tenant (as imported from its sandbox.json),
    // with no hub yet. Its TTS API key is typed on the TTS page, not taken from here.
    Result<SandboxProfileImport::Description> description =
        SandboxProfileImport::readFile(m_sandbox->descriptionPath());
    QVERIFY2(description.ok(), qPrintable(description.error().toString()));
    ConnectionProfile profile = description.value().profile;
    profile.id = ConnectionProfile::newId();
    profile.name = QStringLiteral("Plant deployment");
    // Not deployed: no hub host name. The sandbox's hub endpoints (REST and MQTT on 127.0.0.1, for every hub it
    // hosts) stay, as they would for a profile imported from the sandbox before its first deployment.
    profile.iotHub.hostName.clear();
    profile.iotHub.policyName = ConnectionProfile::IotHub {}.policyName;
    m_ttsApiKey = description.value().secrets.value(SecretKind::TtsApiKey);
    QVERIFY(!m_ttsApiKey.isEmpty());
    QVERIFY(m_store->add(profile).ok());
    QVERIFY(m_store->setCurrentProfileId(profile.id).ok());
    m_profileId = profile.id;

    m_page = std::make_unique<DeployPage>(m_store.get(), m_nam.get());
    m_page->resize(900, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestDeployWizard::cleanup()
{
    if (m_engine) {
        QVERIFY(Test::await(m_engine->stop(), 15000));
        m_engine.reset();
    }
    m_profileSession.reset();
    delete m_wizard.data(); // e.g. after a cancel: deleting asks nothing
    m_page.reset();
    if (m_keychain && !m_profileId.isEmpty()) {
        for (SecretKind kind : SecretStore::allKinds)
            Test::awaitResult(m_keychain->remove(m_profileId, kind), 10000);
    }
    m_store.reset();
    m_keychain.reset();
    m_nam.reset();
    m_settings.reset();
    m_log.reset();
    if (m_sandbox)
        QVERIFY(Test::await(m_sandbox->stop(), 20000));
    m_sandbox.reset();
    m_dir.reset();
}

void TestDeployWizard::openWizard(const char *button, DeploymentSession::Purpose purpose)
{
    connect(
        m_page.get(), &DeployPage::wizardOpened, this,
        [this](DeployWizard *wizard, DeploymentSession *session) {
            m_wizard = wizard;
            m_session = session;
            session->setArmPollInterval(50ms);
        },
        Qt::SingleShotConnection);
    auto *action = m_page->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY(action && action->isEnabled());
    action->click();
    QVERIFY(m_wizard);
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.data()));
    QCOMPARE(m_session->purpose(), purpose);
}

// A widget of the current page (pages share some names, e.g. tenantLineEdit), else of the whole wizard.
template<typename T>
T *TestDeployWizard::find(const char *objectName) const
{
    if (!m_wizard)
        return nullptr;
    const QString name = QString::fromLatin1(objectName);
    T *widget = m_wizard->currentPage() ? m_wizard->currentPage()->findChild<T *>(name) : nullptr;
    if (!widget)
        widget = m_wizard->findChild<T *>(name);
    if (!widget)
        diagnose(QStringLiteral("the wizard has no widget named %1").arg(name));
    return widget;
}

// Next, or what stands in its place: Deploy on the review page (a commit page), Finish on the last page.
QAbstractButton *TestDeployWizard::nextButton() const
{
    for (const QWizard::WizardButton which : {QWizard::CommitButton, QWizard::FinishButton, QWizard::NextButton}) {
        if (m_wizard->button(which)->isVisible())
            return m_wizard->button(which);
    }
    return m_wizard->button(QWizard::NextButton);
}

bool TestDeployWizard::clickNextWhenEnabled(int timeoutMs)
{
    const int before = m_wizard->currentId();
    if (!QTest::qWaitFor([this] { return nextButton()->isVisible() && nextButton()->isEnabled(); }, timeoutMs)) {
        diagnose(QStringLiteral("Next stays disabled on page %1:\n%2").arg(before).arg(visibleTextOfWizard()));
        return false;
    }
    nextButton()->click();
    // validatePage() may start something asynchronous and move on when it is done.
    return QTest::qWaitFor([this, before] { return !m_wizard || m_wizard->currentId() != before; }, timeoutMs);
}

void TestDeployWizard::passModePage()
{
    QVERIFY(isOnPage(ModePageId));
    auto *engine = find<QRadioButton>("engineModeRadioButton");
    QVERIFY(engine);
    engine->click();
    auto *current = find<QRadioButton>("updateProfileRadioButton");
    QVERIFY(current);
    current->click();
    QCOMPARE(m_session->mode(), DeploymentSession::Mode::Engine);
    QVERIFY(clickNextWhenEnabled());
}

// Device code: the code is shown with its link; the user approves it (here: the sandbox's admin API).
void TestDeployWizard::passSignInPage()
{
    QVERIFY(isOnPage(SignInPageId));
    auto *deviceCode = find<QRadioButton>("deviceCodeRadioButton");
    QVERIFY(deviceCode);
    deviceCode->click();
    QVERIFY(!nextButton()->isEnabled());
    auto *signIn = find<QPushButton>("signInButton");
    QVERIFY(signIn);
    signIn->click();
    auto *userCode = find<QLabel>("userCodeLabel");
    QVERIFY(userCode);
    // A code to approve — or, when the profile's refresh token from an earlier sign-in is in the keychain, no
    // code at all.
    QTRY_VERIFY_WITH_TIMEOUT((!userCode->text().isEmpty() && userCode->isVisible()) || m_session->isSignedIn(), 15000);
    if (!m_session->isSignedIn()) {
        QVERIFY(find<QLabel>("verificationLinkLabel")->text().contains(QLatin1String("devicelogin")));
        QVERIFY(m_sandbox->entra()->deviceCode(userCode->text()).has_value());
        const Status approved = approveDeviceCode(userCode->text());
        QVERIFY2(approved.ok(), qPrintable(approved.error().toString()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isSignedIn() && nextButton()->isEnabled(), 30000);
    const QString status = find<QLabel>("signInStatusLabel")->text();
    QVERIFY2(status.contains(QLatin1String("sandbox.user@twinbridgesandbox.onmicrosoft.com")) ||
                 status.contains(QLatin1String("Sandbox User")),
             qPrintable(status));
    QVERIFY(clickNextWhenEnabled());
}

// The sandbox's one subscription, West Europe, a new resource group.
void TestDeployWizard::passAzureTargetPage()
{
    QVERIFY(isOnPage(AzureTargetPageId));
    auto *subscriptions = find<QComboBox>("subscriptionComboBox");
    auto *locations = find<QComboBox>("locationComboBox");
    QVERIFY(subscriptions && locations);
    QTRY_VERIFY_WITH_TIMEOUT(subscriptions->count() > 0 && locations->count() > 0, 30000);
    const QString subscription = QLatin1String(AzureDefaults::SubscriptionId);
    int index = -1;
    for (int i = 0; i < subscriptions->count() && index < 0; ++i) {
        if (subscriptions->itemData(i).toString() == subscription || subscriptions->itemText(i).contains(subscription))
            index = i;
    }
    QVERIFY(index >= 0 || subscriptions->count() == 1);
    subscriptions->setCurrentIndex(qMax(index, 0));
    int westEurope = locations->findData(QStringLiteral("westeurope"));
    if (westEurope < 0)
        westEurope = locations->findText(QStringLiteral("West Europe"));
    QVERIFY(westEurope >= 0);
    locations->setCurrentIndex(westEurope);
    auto *newGroup = find<QRadioButton>("newGroupRadioButton");
    QVERIFY(newGroup);
    newGroup->click();
    auto *groupName = find<QLineEdit>("groupNameLineEdit");
    QVERIFY(groupName);
    groupName->selectAll();
    QTest::keyClicks(groupName, kGroup);
    QVERIFY(clickNextWhenEnabled());
    QCOMPARE(m_session->plan().resourceGroup, kGroup);
    QCOMPARE(m_session->plan().location, QStringLiteral("westeurope"));
}

void TestDeployWizard::fillTtsPage(const QString &apiKey)
{
    QVERIFY(isOnPage(TtsApplicationPageId));
    // The profile's TTS application is filled in; the user types the API key.
    QCOMPARE(find<QLineEdit>("applicationIdLineEdit")->text(), kApp);
    auto *key = find<QLineEdit>("apiKeyLineEdit");
    QVERIFY(key);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    key->clear();
    QTest::keyClicks(key, apiKey);
}

void TestDeployWizard::passTtsPage()
{
    fillTtsPage(m_ttsApiKey);
    QVERIFY(clickNextWhenEnabled());
    QCOMPARE(m_session->ttsApiKey(), m_ttsApiKey);
}

// S1, the name suffix, and the engine's ingest endpoint on a port kept free for it.
void TestDeployWizard::fillOptionsPage()
{
    QVERIFY(isOnPage(OptionsPageId));
    auto *suffix = find<QLineEdit>("nameSuffixEdit");
    QVERIFY(suffix);
    suffix->selectAll();
    QTest::keyClicks(suffix, kSuffix);
    m_ingestPort = reserveFreePort();
    QVERIFY(m_ingestPort != 0);
    auto *ingestUrl = find<QLineEdit>("ingestUrlEdit");
    QVERIFY(ingestUrl);
    ingestUrl->selectAll();
    QTest::keyClicks(ingestUrl, QStringLiteral("http://127.0.0.1:%1/api/v3").arg(m_ingestPort));
}

// Next on the options page runs the pre-flight, validate and what-if on the review page.
void TestDeployWizard::waitForReview()
{
    QVERIFY(clickNextWhenEnabled());
    QVERIFY(isOnPage(ReviewPageId));
    // Registering the missing resource providers needs the user's consent.
    if (auto *consent = find<QCheckBox>("registerProvidersCheck")) {
        QTRY_VERIFY_WITH_TIMEOUT(consent->isVisible() || nextButton()->isEnabled(), 30000);
        if (consent->isVisible() && !consent->isChecked())
            consent->click();
    }
}

void TestDeployWizard::aUserDeploysAWorkingHubForTheEngineThroughTheWholeWizard()
{
    openWizard();
    passModePage();
    passSignInPage();
    // The first sign-in of the profile: with a device code, approved through the admin API.
    const QList<EntraStandIn::DeviceCode> codes = m_sandbox->entra()->deviceCodes();
    QCOMPARE(codes.size(), qsizetype(1));
    QCOMPARE(codes.constFirst().status, EntraStandIn::DeviceCodeStatus::Redeemed);
    passAzureTargetPage();
    passTtsPage();
    fillOptionsPage();
    waitForReview();

    // The review: pre-flight passed, validate passed, the what-if lists the resources to be created.
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 60000);
    const QString review = visibleTextOfWizard();
    QVERIFY2(review.contains(QLatin1String("Microsoft.Devices/IotHubs/") + kHub), qPrintable(review));
    QVERIFY2(review.contains(QLatin1String("fn-") + kSuffix), qPrintable(review));
    QVERIFY2(review.contains(QLatin1String("Create")), qPrintable(review));
    QVERIFY(!m_sandbox->hubs()->hub(kHub)); // nothing is deployed before the user says so
    const QString screenshots = qEnvironmentVariable("TWINBRIDGE_DEPLOY_SCREENSHOTS");
    if (!screenshots.isEmpty())
        QVERIFY(m_wizard->grab().save(QDir(screenshots).filePath(QStringLiteral("deploy-wizard.png"))));

    // Deploy: per-resource progress until the deployment succeeded.
    QVERIFY(clickNextWhenEnabled(60000));
    QVERIFY(isOnPage(ProgressPageId));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->outcome().has_value(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 60000);
    const QString progress = visibleTextOfWizard();
    QVERIFY2(progress.contains(kHub) && progress.contains(QLatin1String("Succeeded")), qPrintable(progress));

    // The finish page stores the policy key and the profile.
    QVERIFY(clickNextWhenEnabled(60000));
    QVERIFY(isOnPage(FinishPageId));
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_store->profile(m_profileId)->iotHub.hostName == kHub + QLatin1String(".azure-devices.net"), 30000);
    const QString finish = visibleTextOfWizard();
    QSignalSpy closed(m_page.get(), &DeployPage::wizardClosed);
    const QString wizardText = visibleTextOfWizard() + QLatin1Char('\n') + review + QLatin1Char('\n') + progress;
    nextButton()->click(); // Finish
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.constFirst().constFirst().toBool(), true);
    QTRY_VERIFY(!m_wizard);

    // The hub exists with exactly the least-privilege policy.
    SandboxHub *hub = m_sandbox->hubs()->hub(kHub);
    QVERIFY(hub);
    QCOMPARE(hub->policies().size(), qsizetype(1));
    const SharedAccessPolicy policy = hub->policies().constFirst();
    QCOMPARE(policy.keyName, QStringLiteral("twinbridge"));
    QCOMPARE(policy.rights,
             HubRight::RegistryRead | HubRight::RegistryWrite | HubRight::ServiceConnect | HubRight::DeviceConnect);
    QVERIFY(m_sandbox->arm()->deployment(kGroup, QStringLiteral("twinbridge")).has_value());

    // The profile names it; its policy key is in the real keychain; the Deploy page shows it.
    const std::optional<ConnectionProfile> profile = m_store->profile(m_profileId);
    QVERIFY(profile);
    QCOMPARE(profile->iotHub.hostName, kHub + QLatin1String(".azure-devices.net"));
    QCOMPARE(profile->iotHub.policyName, QStringLiteral("twinbridge"));
    QCOMPARE(profile->azure.resourceGroup, kGroup);
    QCOMPARE(profile->azure.subscriptionId, QLatin1String(AzureDefaults::SubscriptionId));
    QCOMPARE(m_store->currentProfileId(), m_profileId);
    const Result<QString> policyKey = Test::awaitResult(m_keychain->read(m_profileId, SecretKind::HubPolicyKey), 10000);
    QVERIFY2(policyKey.ok(), qPrintable(policyKey.error().toString()));
    QCOMPARE(policyKey.value().toLatin1(), policy.primaryKey);
    const Result<QString> ingestKey = Test::awaitResult(m_keychain->read(m_profileId, SecretKind::IngestKey), 10000);
    QVERIFY2(ingestKey.ok(), qPrintable(ingestKey.error().toString()));
    QCOMPARE(m_page->findChild<QLabel *>(QStringLiteral("hubHostNameLabel"))->text(), profile->iotHub.hostName);
    if (!screenshots.isEmpty())
        QVERIFY(m_page->grab().save(QDir(screenshots).filePath(QStringLiteral("deploy-page.png"))));
    QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("updateButton"))->isEnabled());
    QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("uninstallButton"))->isEnabled());

    // The profile works: the console's session opens a hub client on it, and a registry call succeeds.
    m_profileSession = std::make_unique<ProfileSession>(m_store.get(), m_keychain.get());
    const Status opened = Test::awaitResult(m_profileSession->reopen(), 15000);
    QVERIFY2(opened.ok(), qPrintable(opened.error().toString()));
    QVERIFY2(m_profileSession->hub(), qPrintable(m_profileSession->hubError().toString()));
    const auto statistics = Test::awaitResult(m_profileSession->hub()->deviceStatistics(), 15000);
    QVERIFY2(statistics.ok(), qPrintable(statistics.error().toString()));

    // An engine from the profile and the keychain, its ingest endpoint where the options page said.
    EngineConfig config;
    config.profile = *profile;
    const Result<EngineConfig> withSecrets =
        Test::awaitResult(EngineConfig::withSecretsFrom(config, m_keychain.get()), 15000);
    QVERIFY2(withSecrets.ok(), qPrintable(withSecrets.error().toString()));
    config = withSecrets.value();
    QCOMPARE(config.secrets.ttsApiKey, m_ttsApiKey);
    config.ingest.port = m_ingestPort;
    config.dataDirectory = m_dir->filePath(QStringLiteral("outbox"));
    config.throttlesEnabled = false;
    config.statsInterval = 100ms;
    config.drainTimeout = 5s;
    const Status valid = config.check();
    QVERIFY2(valid.ok(), qPrintable(valid.error().toString()));
    m_engine = std::make_unique<Engine>(config);
    const Status started = Test::awaitResult(m_engine->start(), 15000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    QCOMPARE(m_engine->ingestBaseUrl(), QStringLiteral("http://127.0.0.1:%1/api/v3").arg(m_ingestPort));
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot().gauge(EngineMetrics::Gauge::TtsConnected) == 1, 15000);

    // The engine forwards an uplink into the deployed hub.
    VirtualDeviceFleet::UplinkRequest uplink;
    uplink.applicationId = kApp;
    uplink.deviceId = kDevice;
    QVERIFY(m_sandbox->fleet()->sendUplink(uplink).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!m_sandbox->hubs()->hub(kHub)->recordedMessages(kDevice, 0, 100).isEmpty(), 30000);

    // A desired patch through the profile's hub client → route → Event Hub → Function → ingest → TTS downlink.
    const QJsonObject patch = Test::rawDownlinkPatch(5, QStringLiteral("BEEF01"));
    const auto patched =
        Test::awaitResult(m_profileSession->hub()->updateTwin(kDevice, patch, QStringLiteral("*")), 15000);
    QVERIFY2(patched.ok(), qPrintable(patched.error().toString()));
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->fleet()->deliveredDownlinks(kApp, kDevice).size(), qsizetype(1), 30000);
    const VirtualDeviceFleet::DownlinkRecord downlink =
        m_sandbox->fleet()->deliveredDownlinks(kApp, kDevice).constFirst();
    QCOMPARE(downlink.downlink.fPort, 5);
    QCOMPARE(downlink.downlink.frmPayload, QByteArray::fromHex("BEEF01"));

    // No key in the settings file, the log or anything the wizard showed.
    QStringList keys {m_ttsApiKey, ingestKey.value(), m_sandbox->entra()->clientSecret()};
    for (const SharedAccessPolicy &each : hub->policies())
        keys << QString::fromLatin1(each.primaryKey) << QString::fromLatin1(each.secondaryKey);
    const Result<QString> refreshToken =
        Test::awaitResult(m_keychain->read(m_profileId, SecretKind::AzureRefreshToken), 10000);
    if (refreshToken.ok())
        keys << refreshToken.value();
    m_settings->sync();
    QFile settingsFile(m_settings->fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QByteArray settingsBytes = settingsFile.readAll();
    QVERIFY(settingsBytes.contains(kHub.toUtf8())); // the file is the one the profile is in
    verifyNoKeyIn(keys, settingsBytes, "the settings file");
    verifyNoKeyIn(keys, m_log->lines().join(QLatin1Char('\n')).toUtf8(), "the log");
    QVERIFY(!m_log->lines().isEmpty());
    verifyNoKeyIn(keys, wizardText.toUtf8(), "the wizard's texts");
    QVERIFY(finish.contains(kHub));
}

void TestDeployWizard::aTtsKeyThatIsInvalidOrLacksRightsBlocksTheTtsPage_data()
{
    QTest::addColumn<bool>("knownKey");
    QTest::addColumn<QString>("statusWords");
    QTest::addRow("unknown key") << false << QStringLiteral("invalid");
    QTest::addRow("key without traffic rights") << true << QStringLiteral("missing rights");
}

void TestDeployWizard::aTtsKeyThatIsInvalidOrLacksRightsBlocksTheTtsPage()
{
    QFETCH(bool, knownKey);
    QFETCH(QString, statusWords);
    QString key = QStringLiteral("NNSXS.UNKNOWNWIZARDKEY.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEF");
    if (knownKey) {
        // A real key of the application that may only read it and its devices.
        Result<QString> created =
            createTtsKey({QStringLiteral("RIGHT_APPLICATION_INFO"), QStringLiteral("RIGHT_APPLICATION_DEVICES_READ")});
        QVERIFY2(created.ok(), qPrintable(created.error().toString() + created.error().detail()));
        key = created.value();
    }
    openWizard();
    passModePage();
    passSignInPage();
    passAzureTargetPage();
    fillTtsPage(key);

    auto *status = find<QLabel>("rightsStatusLabel");
    QVERIFY(status);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(statusWords, Qt::CaseInsensitive), 30000);
    auto *rights = find<QListWidget>("rightsListWidget");
    QVERIFY(rights);
    if (knownKey) {
        // Each right the engine needs is listed; those the key lacks are named as missing, the granted ones too.
        QStringList missing;
        QStringList granted;
        for (int i = 0; i < rights->count(); ++i) {
            const QString text = rights->item(i)->text();
            if (text.endsWith(QLatin1String("missing")))
                missing << text;
            else if (text.endsWith(QLatin1String("granted")))
                granted << text;
        }
        QVERIFY2(!missing.isEmpty(), qPrintable(status->text()));
        QVERIFY2(missing.size() + granted.size() == rights->count(), qPrintable(missing.join(QLatin1Char('\n'))));
    }
    // Next stays disabled, and the page stays.
    QVERIFY(!nextButton()->isEnabled());
    QVERIFY(!m_wizard->currentPage()->isComplete());
    nextButton()->click();
    QVERIFY(isOnPage(TtsApplicationPageId));
    // The key typed is not shown anywhere.
    verifyNoKeyIn({key}, visibleTextOfWizard().toUtf8(), "the wizard's texts");
    verifyNoKeyIn({key}, m_log->lines().join(QLatin1Char('\n')).toUtf8(), "the log");

    // With the right key the page lets the user go on.
    fillTtsPage(m_ttsApiKey);
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 30000);
}

// A storage account of the name the deployment needs exists in another resource group: ARM's validation refuses
// the template, and the review page shows the error with its details and does not let the user deploy.
void TestDeployWizard::anArmValidationFailureShowsItsDetailsOnTheReviewPage()
{
    openWizard();
    passModePage();
    passSignInPage();

    const QString subscription = QLatin1String(AzureDefaults::SubscriptionId);
    const QString storage = QStringLiteral("fnstor") + QString(kSuffix).remove(QLatin1Char('-'));
    ArmClient *arm = m_session->arm();
    QVERIFY(arm);
    const auto other = Test::awaitResult(
        arm->createOrUpdateResourceGroup(subscription, QStringLiteral("rg-other"), QStringLiteral("westeurope"), {}),
        30000);
    QVERIFY2(other.ok(), qPrintable(other.error().toString()));
    ArmDeploymentRequest taken;
    taken.templateContent = QJsonDocument::fromJson(QStringLiteral(R"({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "%1",
                       "location": "westeurope", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2"}]})")
                                                        .arg(storage)
                                                        .toUtf8())
                                .object();
    QVERIFY(!taken.templateContent.isEmpty());
    const auto deployed = Test::awaitResult(
        arm->createDeployment(subscription, QStringLiteral("rg-other"), QStringLiteral("storage"), taken), 60000);
    QVERIFY2(deployed.ok(), qPrintable(deployed.error().toString()));

    passAzureTargetPage();
    passTtsPage();
    fillOptionsPage();
    waitForReview();

    auto *details = find<QWidget>("errorDetails");
    QVERIFY(details);
    QTRY_VERIFY_WITH_TIMEOUT(details->isVisible(), 60000);
    const QString shown = visibleTextOfWizard();
    QVERIFY2(shown.contains(QLatin1String("StorageAccountAlreadyTaken")), qPrintable(shown));
    QVERIFY2(shown.contains(storage + QLatin1String(" is already taken")), qPrintable(shown));
    QVERIFY(!nextButton()->isEnabled());
    QVERIFY(find<QPushButton>("copyErrorButton"));
    QVERIFY(!m_sandbox->hubs()->hub(kHub));
    QVERIFY(!m_sandbox->arm()->deployment(kGroup, QStringLiteral("twinbridge")).has_value());
}

// Cancel during the deployment: Azure stops it (Canceled), the wizard says so and what stays.
// Validate and what-if need the resource group, so the review creates it; closing the wizard there removes it again
// (like twinbridged on "no"), and nothing else was created.
void TestDeployWizard::closingOnTheReviewPageRemovesTheGroupItsChecksCreated()
{
    openWizard();
    passModePage();
    passSignInPage();
    passAzureTargetPage();
    passTtsPage();
    fillOptionsPage();
    waitForReview();
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 60000);
    QVERIFY(hasGroup(kGroup));
    QCOMPARE(m_session->groupCreatedByChecks(), kGroup);

    QSignalSpy cleaned(m_page.get(), &DeployPage::groupCleanupFinished);
    m_wizard->reject();
    QTRY_VERIFY(!m_wizard);
    QVERIFY(cleaned.wait(30000) || cleaned.size() == 1);
    QCOMPARE(cleaned.constFirst().at(0).toString(), kGroup);
    QVERIFY(cleaned.constFirst().at(1).toBool());
    QVERIFY(!hasGroup(kGroup));
    QVERIFY(!m_sandbox->hubs()->hub(kHub));
    QVERIFY(m_store->profile(m_profileId)->iotHub.hostName.isEmpty());
}

void TestDeployWizard::cancelingDuringTheDeploymentEndsItAsCanceled()
{
    openWizard();
    passModePage();
    passSignInPage();
    passAzureTargetPage();
    passTtsPage();
    fillOptionsPage();
    waitForReview();
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 60000);

    // Slow enough that the hub is still being created when the user cancels (the hub takes 3 s × the scale).
    ArmStandIn::Settings slow = m_sandbox->arm()->settings();
    slow.timeScale = 20;
    m_sandbox->arm()->setSettings(slow);
    QVERIFY(clickNextWhenEnabled(60000));
    QVERIFY(isOnPage(ProgressPageId));
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->arm()->deployment(kGroup, QStringLiteral("twinbridge")).has_value() &&
                                 m_sandbox->arm()->deployment(kGroup, QStringLiteral("twinbridge"))->state ==
                                     QLatin1String("Running"),
                             60000);
    auto *cancel = find<QPushButton>("cancelDeploymentButton");
    QVERIFY(cancel);
    QTRY_VERIFY_WITH_TIMEOUT(cancel->isVisible() && cancel->isEnabled(), 30000);
    cancel->click();

    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->arm()->deployment(kGroup, QStringLiteral("twinbridge"))->state,
                              QStringLiteral("Canceled"), 30000);
    // The wizard says that it was canceled, and what stays in the resource group.
    auto *step = find<QLabel>("stepLabel");
    auto *state = find<QLabel>("deploymentStateLabel");
    auto *result = find<QLabel>("resultLabel");
    QVERIFY(step && state && result);
    QTRY_VERIFY_WITH_TIMEOUT(step->text().contains(QLatin1String("canceled"), Qt::CaseInsensitive), 30000);
    QVERIFY2(state->text().contains(QLatin1String("canceled"), Qt::CaseInsensitive), qPrintable(state->text()));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(kGroup), 30000);
    QVERIFY(!m_session->outcome().has_value());
    QVERIFY(!nextButton()->isEnabled());
    QVERIFY(!m_sandbox->hubs()->hub(kHub)); // the hub never finished
    // Nothing was stored in the profile.
    QVERIFY(m_store->profile(m_profileId)->iotHub.hostName.isEmpty());
}

// Update… and Uninstall… on the Deploy page after a deployment: the update redeploys into the same group with a new
// TTS API key (the hub and its policy key stay), the uninstall deletes the group after the typed confirmation and
// removes the profile's secrets; the page then shows that nothing is deployed.
void TestDeployWizard::theDeployPageUpdatesWithANewKeyAndUninstalls()
{
    openWizard();
    passModePage();
    passSignInPage();
    passAzureTargetPage();
    passTtsPage();
    fillOptionsPage();
    waitForReview();
    QVERIFY(clickNextWhenEnabled(60000)); // Deploy
    QTRY_VERIFY_WITH_TIMEOUT(m_session->outcome().has_value(), 120000);
    QVERIFY(clickNextWhenEnabled(60000));
    QVERIFY(isOnPage(FinishPageId));
    QVERIFY(clickNextWhenEnabled(60000)); // Finish
    QTRY_VERIFY(!m_wizard);
    QVERIFY(m_page->isDeployed());
    const QByteArray policyKey = m_sandbox->hubs()->hub(kHub)->policies().constFirst().primaryKey;

    // Update… with a new TTS API key.
    const Result<QString> newKey = createTtsKey({QStringLiteral("RIGHT_APPLICATION_ALL")});
    QVERIFY2(newKey.ok(), qPrintable(newKey.error().toString()));
    openWizard("updateButton", DeploymentSession::Purpose::Update);
    passSignInPage();
    // The mode page reads where the deployed Function posts now: the engine, at the ingest URL given before.
    const QString ingestUrl = QStringLiteral("http://127.0.0.1:%1/api/v3").arg(m_ingestPort);
    QVERIFY(isOnPage(ModePageId));
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("currentTargetLabel")->text().contains(ingestUrl), 30000);
    QVERIFY(find<QRadioButton>("engineModeRadioButton")->isChecked());
    QCOMPARE(m_session->ingestUrl(), ingestUrl);
    passModePage(); // where twin changes go now: still the engine
    QVERIFY(isOnPage(TtsApplicationPageId));
    fillTtsPage(newKey.value());
    QVERIFY(clickNextWhenEnabled());
    QVERIFY(isOnPage(OptionsPageId));
    QCOMPARE(find<QLineEdit>("nameSuffixEdit")->text(), kSuffix); // an update keeps the names
    QCOMPARE(find<QLineEdit>("ingestUrlEdit")->text(), ingestUrl); // nothing to retype
    QVERIFY(clickNextWhenEnabled());
    QVERIFY(isOnPage(ReviewPageId));
    QTRY_VERIFY_WITH_TIMEOUT(nextButton()->isEnabled(), 60000);
    QCOMPARE(nextButton()->text().remove(QLatin1Char('&')), QStringLiteral("Update"));
    QVERIFY(clickNextWhenEnabled(60000));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->outcome().has_value(), 120000);
    QVERIFY(clickNextWhenEnabled(60000));
    QVERIFY(isOnPage(FinishPageId));
    QVERIFY(clickNextWhenEnabled(60000));
    QTRY_VERIFY(!m_wizard);
    QCOMPARE(m_sandbox->hubs()->hub(kHub)->policies().constFirst().primaryKey, policyKey);
    QTRY_COMPARE_WITH_TIMEOUT(Test::awaitResult(m_keychain->read(m_profileId, SecretKind::TtsApiKey), 10000).value(),
                              newKey.value(), 10000);
    QCOMPARE(Test::awaitResult(m_keychain->read(m_profileId, SecretKind::HubPolicyKey), 10000).value().toLatin1(),
             policyKey);
    QVERIFY(m_page->isDeployed());

    // Uninstall…: Delete needs the group's name typed exactly.
    openWizard("uninstallButton", DeploymentSession::Purpose::Uninstall);
    passSignInPage();
    QVERIFY(isOnPage(UninstallPageId));
    auto *whatGoes = find<QLabel>("whatGoesLabel");
    QTRY_VERIFY_WITH_TIMEOUT(whatGoes->text().contains(kHub), 30000);
    QVERIFY(whatGoes->text().contains(kGroup));
    auto *confirm = find<QLineEdit>("confirmNameEdit");
    QTest::keyClicks(confirm, kGroup.left(kGroup.size() - 1));
    QVERIFY(!nextButton()->isEnabled());
    QTest::keyClicks(confirm, kGroup.right(1));
    QTRY_VERIFY(nextButton()->isEnabled());
    nextButton()->click(); // Delete
    QTRY_VERIFY_WITH_TIMEOUT(!m_sandbox->hubs()->hub(kHub), 60000);
    QSignalSpy closed(m_page.get(), &DeployPage::wizardClosed);
    QTRY_VERIFY_WITH_TIMEOUT(
        nextButton()->isEnabled() && nextButton()->text().remove(QLatin1Char('&')) == QLatin1String("Finish"), 60000);
    nextButton()->click();
    QTRY_COMPARE(closed.size(), 1);
    for (const ArmStandIn::ResourceGroup &group : m_sandbox->arm()->resourceGroups())
        QVERIFY(group.name != kGroup);
    for (const SecretKind kind : {SecretKind::TtsApiKey, SecretKind::HubPolicyKey, SecretKind::IngestKey}) {
        const Result<QString> gone = Test::awaitResult(m_keychain->read(m_profileId, kind), 10000);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind(), ServiceError::Kind::NotConfigured);
    }
    QVERIFY(m_store->profile(m_profileId)->iotHub.hostName.isEmpty());
    QVERIFY(!m_page->isDeployed());
    QCOMPARE(m_page->findChild<QLabel *>(QStringLiteral("hubHostNameLabel"))->text(),
             QStringLiteral("not deployed yet"));
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("updateButton"))->isEnabled());
}

Status TestDeployWizard::approveDeviceCode(const QString &userCode)
{
    const QString admin = m_sandbox->description().value(QLatin1String("admin")).toString();
    QNetworkRequest request(QUrl(admin + QStringLiteral("/entra/device-codes/%1/approve").arg(userCode)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_nam->post(request, QByteArray("{}"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("The admin API did not answer."));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    if (status != 200)
        return ServiceError(ServiceError::Kind::BadRequest, QStringLiteral("The approval failed."),
                            QString::fromUtf8(body));
    return Done {};
}

// A new API key of the sandbox's application with only these rights (the admin API answers with its token).
Result<QString> TestDeployWizard::createTtsKey(const QStringList &rights)
{
    const QString admin = m_sandbox->description().value(QLatin1String("admin")).toString();
    QNetworkRequest request(QUrl(admin + QStringLiteral("/tts/api-keys")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body {{QStringLiteral("applicationId"), kApp},
                            {QStringLiteral("name"), QStringLiteral("reader")},
                            {QStringLiteral("rights"), QJsonArray::fromStringList(rights)}};
    QNetworkReply *reply = m_nam->post(request, QJsonDocument(body).toJson());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("The admin API did not answer."));
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    const QString key = answer.value(QLatin1String("apiKey")).toObject().value(QLatin1String("key")).toString();
    if (key.isEmpty())
        return ServiceError(ServiceError::Kind::BadRequest, QStringLiteral("No key was created."),
                            QString::fromUtf8(QJsonDocument(answer).toJson()));
    return key;
}

quint16 TestDeployWizard::reserveFreePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// Every text the wizard shows: labels, read-only text views, list entries and the line edits that show their text
// (a password field's text is not shown).
QString TestDeployWizard::visibleTextOfWizard() const
{
    QStringList texts;
    if (!m_wizard)
        return {};
    for (const QLabel *label : m_wizard->findChildren<QLabel *>())
        texts << label->text() << label->toolTip();
    for (const QLineEdit *edit : m_wizard->findChildren<QLineEdit *>()) {
        if (edit->echoMode() == QLineEdit::Normal)
            texts << edit->text();
    }
    for (const QTextEdit *edit : m_wizard->findChildren<QTextEdit *>())
        texts << edit->toPlainText();
    for (const QPlainTextEdit *edit : m_wizard->findChildren<QPlainTextEdit *>())
        texts << edit->toPlainText();
    for (const QAbstractItemView *view : m_wizard->findChildren<QAbstractItemView *>())
        appendModelTexts(view->model(), QModelIndex(), &texts);
    return texts.join(QLatin1Char('\n'));
}

void TestDeployWizard::verifyNoKeyIn(const QStringList &keys, const QByteArray &text, const char *where)
{
    for (const QString &key : keys) {
        if (key.size() >= 8 && text.contains(key.toUtf8()))
            QFAIL(qPrintable(QStringLiteral("a key (%1…) appears in %2").arg(key.left(4), QLatin1String(where))));
    }
}

QTEST_MAIN(TestDeployWizard)
#include "tst_deploywizard.moc"
