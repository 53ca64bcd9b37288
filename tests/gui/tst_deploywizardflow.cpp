// The last pages of the console's deployment wizard (issue 8, deliverables 4 and 5) in a plain QWizard against the
// in-process sandbox's ARM stand-in, signed in with the sandbox's service principal, with the real OS keychain
// (KEYRING): options and the figures a tier implies, review (pre-flight, a second F1 hub refused, ARM validation
// errors with their details, what-if), deployment with per-resource progress and cancel, the finish page storing
// the policy key and the profile (engine and TTS mode), and uninstall with the typed confirmation.

#include "DeploySandbox.h"
#include "FutureWait.h"
#include "LogCapture.h"

#include "models/DeploymentOperationModel.h"
#include "sandbox/Sandbox.h"
#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "services/azure/ArmClient.h"
#include "services/azure/TokenCredential.h"
#include "services/deploy/DeploymentSession.h"
#include "services/deploy/HubMessageQuota.h"
#include "services/diagnostics/AzureConnectionTest.h"
#include "services/iothub/HubThrottle.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"
#include "views/deploy/DeployWizardPageId.h"
#include "views/deploy/FinishPage.h"
#include "views/deploy/OptionsPage.h"
#include "views/deploy/ProgressPage.h"
#include "views/deploy/ReviewPage.h"
#include "views/deploy/UninstallPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QWizard>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString kIngestUrl = QStringLiteral("https://bridge.example.com/api/v3");
const QString kTtsKey = QStringLiteral("NNSXS.WIZARDFLOWCANARY.0123456789ABCDEFGHIJKLMNOPQRSTUV");

} // namespace

class TestDeployWizardFlow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void optionsFiguresFollowTheTierAndABadSuffixBlocksNext();
    void reviewListsTheTemplatesResourcesAsCreate();
    void aSecondFreeHubIsRefused();
    void armValidationFailureShowsItsDetails();
    void deploysEveryResourceThenStoresThePolicyKeyAndTheProfile();
    void cancelDuringDeployEndsCanceled();
    void aDeploymentThatFailsShowsTheFailedResourceWithAzuresDetails();
    void ttsModeShowsTheHostNameAndKeyToCopy();
    void updateShowsTheDifferencesAndRedeploysIntoTheGroup();
    void finishWithoutAKeychainSaysWhatToDoAndRetries();
    void uninstallNeedsTheTypedNameThenDeletesTheGroupAndTheSecrets();
    void uninstallOfAMissingGroupStillRemovesTheSecrets();

private:
    void makeSession(DeploymentSession::Purpose purpose, DeploymentSession::Mode mode);
    void makeWizard(const QList<int> &pages);
    // Deploys the template through the ARM stand-in outside the wizard (another hub in the subscription).
    void deployDirectly(const QString &group, const QString &suffix, HubSku sku);
    QAbstractButton *button(QWizard::WizardButton which) const { return m_wizard->button(which); }
    template<typename T>
    T *find(const char *name) const;
    Result<QString> keychainRead(SecretKind kind) const;
    QString hubPolicyKey(const QString &hubName) const;
    // No secret of the run in any captured log line.
    void verifyNoSecretIn(const QStringList &lines, const QStringList &secrets) const;
    void runToFinish();
    // Waits for the review's checks, giving the consent to register providers when they ask for it.
    void finishChecks(ReviewPage *review);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    ConnectionProfile m_profile;
    std::unique_ptr<QWizard> m_wizard;
    DeploymentSession *m_session = nullptr; // owned by m_wizard
};

void TestDeployWizardFlow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Status started = Test::startDeploySandbox(m_sandbox, m_dir->filePath(QStringLiteral("sandbox")));
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));

    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    m_keychain = std::make_unique<KeychainSecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_keychain.get());
    m_nam = std::make_unique<QNetworkAccessManager>();
    Result<SandboxProfileImport::Description> description =
        SandboxProfileImport::readFile(m_sandbox->descriptionPath());
    QVERIFY2(description.ok(), qPrintable(description.error().toString()));
    m_profile = description.value().profile;
    m_profile.id = ConnectionProfile::newId();
    m_profile.name = QStringLiteral("Wizard flow");
}

void TestDeployWizardFlow::cleanup()
{
    m_wizard.reset();
    m_session = nullptr;
    if (m_keychain && !m_profile.id.isEmpty()) {
        for (SecretKind kind : SecretStore::allKinds)
            Test::awaitResult(m_keychain->remove(m_profile.id, kind), 10000);
    }
    m_store.reset();
    m_keychain.reset();
    m_settings.reset();
    m_nam.reset();
    if (m_sandbox)
        QVERIFY(Test::await(m_sandbox->stop(), 20000));
    m_sandbox.reset();
    m_dir.reset();
}

void TestDeployWizardFlow::makeSession(DeploymentSession::Purpose purpose, DeploymentSession::Mode mode)
{
    m_wizard = std::make_unique<QWizard>();
    m_session = new DeploymentSession(purpose, m_profile, purpose == DeploymentSession::Purpose::Deploy, m_store.get(),
                                      m_nam.get(), m_wizard.get());
    ServiceError error;
    TokenCredential *credential = AzureConnectionTest::makeCredential(
        m_profile, m_sandbox->entra()->clientSecret(), nullptr, m_nam.get(), Clock::system(), nullptr, &error);
    QVERIFY2(credential, qPrintable(error.toString()));
    m_session->setCredential(credential, QStringLiteral("sandbox service principal"));
    m_session->setArmPollInterval(50ms);
    m_session->setMode(mode);
    m_session->plan().location = QStringLiteral("westeurope");
    if (mode == DeploymentSession::Mode::Engine)
        m_session->setIngestUrl(kIngestUrl);
    else
        m_session->setTtsApiKey(kTtsKey);
    QVERIFY(m_session->isSignedIn());
}

void TestDeployWizardFlow::makeWizard(const QList<int> &pages)
{
    for (int id : pages) {
        QWizardPage *page = nullptr;
        switch (id) {
        case OptionsPageId:
            page = new OptionsPage(m_session);
            break;
        case ReviewPageId:
            page = new ReviewPage(m_session);
            break;
        case ProgressPageId:
            page = new ProgressPage(m_session);
            break;
        case FinishPageId:
            page = new FinishPage(m_session);
            break;
        case UninstallPageId:
            page = new UninstallPage(m_session);
            break;
        default:
            page = new QWizardPage; // a stand-in for a page of the other helper
            break;
        }
        m_wizard->setPage(id, page);
    }
    m_wizard->resize(900, 760);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

template<typename T>
T *TestDeployWizardFlow::find(const char *name) const
{
    T *widget = m_wizard->currentPage()->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no widget named %s", name);
    return widget;
}

void TestDeployWizardFlow::deployDirectly(const QString &group, const QString &suffix, HubSku sku)
{
    DeploymentPlan plan = m_session->plan();
    plan.resourceGroup = group;
    plan.nameSuffix = suffix;
    plan.hubSku = sku;
    plan.stackBaseUrl = kIngestUrl;
    plan.stackApiKey = QStringLiteral("other-deployment-key");
    const Result<DeploymentOutcome> outcome = Test::awaitResult(m_session->deployer()->deploy(plan), 60000);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error().toString()));
}

Result<QString> TestDeployWizardFlow::keychainRead(SecretKind kind) const
{
    KeychainSecretStore fresh; // what really is in the keychain
    return Test::awaitResult(fresh.read(m_profile.id, kind), 10000);
}

QString TestDeployWizardFlow::hubPolicyKey(const QString &hubName) const
{
    SandboxHub *hub = m_sandbox->hubs()->hub(hubName);
    if (!hub)
        return {};
    const std::optional<SharedAccessPolicy> policy = hub->policy(DeploymentPlan::policyName());
    return policy ? QString::fromLatin1(policy->primaryKey) : QString();
}

void TestDeployWizardFlow::verifyNoSecretIn(const QStringList &lines, const QStringList &secrets) const
{
    QVERIFY(!lines.isEmpty());
    for (const QString &secret : secrets) {
        QVERIFY(!secret.isEmpty());
        for (const QString &line : lines)
            QVERIFY2(!line.contains(secret), qPrintable(line.left(80)));
    }
}

void TestDeployWizardFlow::finishChecks(ReviewPage *review)
{
    QVERIFY(review);
    QTRY_VERIFY_WITH_TIMEOUT(!review->isRunning(), 30000);
    if (review->checkState(ReviewPage::Check::Preflight) != ReviewPage::CheckState::Waiting)
        return;
    auto *consent = find<QCheckBox>("registerProvidersCheck");
    QVERIFY(consent && consent->isVisible());
    consent->click();
    QVERIFY(review->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!review->isRunning(), 30000);
}

void TestDeployWizardFlow::optionsFiguresFollowTheTierAndABadSuffixBlocksNext()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    makeWizard({OptionsPageId, ReviewPageId + 100});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    // Engine mode without a stored key: a new one, hidden, held in the session until the deployment stores it.
    auto *key = find<QLineEdit>("ingestKeyEdit");
    QVERIFY(key);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QVERIFY(!m_session->ingestKey().isEmpty());
    QCOMPARE(key->text(), m_session->ingestKey());
    QCOMPARE(keychainRead(SecretKind::IngestKey).error().kind(), ServiceError::Kind::NotConfigured);

    auto *sku = find<QComboBox>("hubSkuCombo");
    auto *units = find<QSpinBox>("hubUnitsSpin");
    auto *d2c = find<QLabel>("deviceToCloudLabel");
    auto *reads = find<QLabel>("twinReadsLabel");
    auto *perDay = find<QLabel>("messagesPerDayLabel");
    auto *registry = find<QLabel>("registryLabel");
    auto *cost = find<QLabel>("costDriverLabel");
    QVERIFY(sku && units && d2c && reads && perDay && registry && cost);

    struct Expected
    {
        HubSku sku;
        int units;
    };
    for (const Expected &expected : {Expected {HubSku::S1, 2}, Expected {HubSku::S3, 3}, Expected {HubSku::F1, 1}}) {
        sku->setCurrentIndex(sku->findText(HubThrottle::skuName(expected.sku)));
        if (units->isEnabled())
            units->setValue(expected.units);
        const HubThrottle::Limits limits = HubThrottle::limitsFor(expected.sku, expected.units);
        QVERIFY2(perDay->text().contains(QLocale().toString(HubMessageQuota::perDay(expected.sku, expected.units))),
                 qPrintable(perDay->text()));
        QVERIFY2(d2c->text().contains(QLocale().toString(limits.deviceToCloudPerSecond)), qPrintable(d2c->text()));
        QVERIFY2(reads->text().contains(QLocale().toString(limits.twinReadsPerSecond)), qPrintable(reads->text()));
        QVERIFY2(registry->text().contains(QLocale().toString(limits.registryPerMinute)), qPrintable(registry->text()));
        QCOMPARE(m_session->plan().hubSku, expected.sku);
        QCOMPARE(m_session->plan().hubUnits, expected.units);
    }
    QVERIFY(!units->isEnabled()); // F1 has one unit
    QVERIFY2(cost->text().contains(QLatin1String("one F1 hub per subscription")), qPrintable(cost->text()));
    sku->setCurrentIndex(sku->findText(QStringLiteral("S2")));
    QVERIFY(cost->text().contains(QLatin1String("per unit and month")));

    // The fallback route says what switching it off means.
    auto *fallback = find<QCheckBox>("fallbackRouteCheck");
    auto *fallbackNote = find<QLabel>("fallbackRouteNote");
    fallback->setChecked(false);
    QVERIFY(fallbackNote->text().contains(QLatin1String("dropped")));
    QVERIFY(!m_session->plan().fallbackRoute);

    // The suffix names the resources; a bad one is explained next to the field and blocks Next.
    auto *suffix = find<QLineEdit>("nameSuffixEdit");
    auto *names = find<QLabel>("resourceNamesLabel");
    suffix->clear();
    QTest::keyClicks(suffix, QStringLiteral("demo-7"));
    QVERIFY(names->text().contains(QLatin1String("iothub-demo-7")));
    QVERIFY(names->text().contains(QLatin1String("evhubns-demo-7")));
    QVERIFY(names->text().contains(QLatin1String("fn-demo-7")));
    QVERIFY(button(QWizard::NextButton)->isEnabled());

    QTest::keyClicks(suffix, QStringLiteral("_Bad!"));
    QVERIFY(!button(QWizard::NextButton)->isEnabled());
    DeploymentPlan probe = m_session->plan();
    QString expectedMessage;
    for (const ProfileIssue &issue : probe.validate()) {
        if (issue.field == DeploymentField::NameSuffix)
            expectedMessage = issue.message;
    }
    QVERIFY(!expectedMessage.isEmpty());
    auto *error = find<QLabel>("nameSuffixError");
    QVERIFY(error);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), expectedMessage);

    suffix->setText(QStringLiteral("demo-7"));
    QVERIFY(!error->isVisible());
    QVERIFY(button(QWizard::NextButton)->isEnabled());
    // A bad ingest URL is shown next to it as well.
    auto *url = find<QLineEdit>("ingestUrlEdit");
    url->setText(QStringLiteral("not a url"));
    QVERIFY(!button(QWizard::NextButton)->isEnabled());
    QVERIFY(find<QLabel>("stackBaseUrlError")->isVisible());
    url->setText(kIngestUrl);
    QVERIFY(button(QWizard::NextButton)->isEnabled());

    // Leaving the page applies the engine as the Function's target.
    m_wizard->next();
    QCOMPARE(m_session->plan().stackBaseUrl, kIngestUrl);
    QCOMPARE(m_session->plan().stackApiKey, m_session->ingestKey());
    QCOMPARE(m_session->plan().nameSuffix, QStringLiteral("demo-7"));
}

void TestDeployWizardFlow::reviewListsTheTemplatesResourcesAsCreate()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    makeWizard({OptionsPageId, ReviewPageId, ProgressPageId});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    m_wizard->next();
    auto *review = qobject_cast<ReviewPage *>(m_wizard->currentPage());
    QVERIFY(review);
    QVERIFY(!button(QWizard::CommitButton)->isEnabled());
    // A fresh subscription: the providers need registering, with consent.
    QTRY_VERIFY_WITH_TIMEOUT(!review->isRunning(), 30000);
    QCOMPARE(review->checkState(ReviewPage::Check::Preflight), ReviewPage::CheckState::Waiting);
    QCOMPARE(review->checkState(ReviewPage::Check::WhatIf), ReviewPage::CheckState::Pending);
    auto *consent = find<QCheckBox>("registerProvidersCheck");
    QVERIFY(consent->isVisible());
    QVERIFY2(consent->text().startsWith(QLatin1String("Register Microsoft.")), qPrintable(consent->text()));
    QVERIFY(!button(QWizard::CommitButton)->isEnabled());
    finishChecks(review);
    QVERIFY(!consent->isVisible());
    for (const QString &provider : ArmClient::requiredProviders())
        QCOMPARE(m_sandbox->arm()->providerState(provider), QStringLiteral("Registered"));
    QCOMPARE(review->checkState(ReviewPage::Check::WhatIf), ReviewPage::CheckState::Passed);
    QCOMPARE(review->checkState(ReviewPage::Check::Preflight), ReviewPage::CheckState::Passed);
    QCOMPARE(review->checkState(ReviewPage::Check::FreeTier), ReviewPage::CheckState::Passed);
    QCOMPARE(review->checkState(ReviewPage::Check::Validate), ReviewPage::CheckState::Passed);

    auto *tree = find<QTreeWidget>("whatIfTree");
    QVERIFY(tree);
    QStringList resources;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QCOMPARE(tree->topLevelItem(i)->text(0), QStringLiteral("Create"));
        resources << tree->topLevelItem(i)->text(1);
    }
    const QString suffix = m_session->plan().nameSuffix;
    QCOMPARE(tree->topLevelItemCount(), 9);
    QVERIFY(resources.contains(QStringLiteral("iothub-") + suffix));
    QVERIFY(resources.contains(QStringLiteral("evhubns-") + suffix));
    QVERIFY(resources.contains(QStringLiteral("fn-") + suffix));

    QVERIFY(button(QWizard::CommitButton)->isEnabled());
    QCOMPARE(button(QWizard::CommitButton)->text(), QStringLiteral("&Deploy"));
    auto *summary = find<QLabel>("planSummary");
    QVERIFY(summary->text().contains(m_session->plan().resourceGroup));
    QVERIFY(summary->text().contains(kIngestUrl));
    QVERIFY(!summary->text().contains(m_session->ingestKey()));

    // Back, another region: the empty group the checks created goes, and the checks pass in the new region.
    const QString group = m_session->plan().resourceGroup;
    m_wizard->back();
    QCOMPARE(m_wizard->currentId(), int(OptionsPageId));
    m_session->plan().location = QStringLiteral("northeurope");
    m_wizard->next();
    review = qobject_cast<ReviewPage *>(m_wizard->currentPage());
    finishChecks(review);
    QCOMPARE(review->checkState(ReviewPage::Check::WhatIf), ReviewPage::CheckState::Passed);
    QString location;
    for (const ArmStandIn::ResourceGroup &existing : m_sandbox->arm()->resourceGroups()) {
        if (existing.name.compare(group, Qt::CaseInsensitive) == 0)
            location = existing.location;
    }
    QCOMPARE(location, QStringLiteral("northeurope"));
}

void TestDeployWizardFlow::aSecondFreeHubIsRefused()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    deployDirectly(QStringLiteral("rg-first-free"), QStringLiteral("first-free"), HubSku::F1);
    m_session->plan().hubSku = HubSku::F1;
    makeWizard({OptionsPageId, ReviewPageId, ProgressPageId});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    m_wizard->next();
    auto *review = qobject_cast<ReviewPage *>(m_wizard->currentPage());
    finishChecks(review);
    QCOMPARE(review->checkState(ReviewPage::Check::FreeTier), ReviewPage::CheckState::Failed);
    QCOMPARE(review->checkState(ReviewPage::Check::WhatIf), ReviewPage::CheckState::Pending);
    auto *heading = find<QLabel>("errorHeading");
    QVERIFY2(heading->text().contains(QLatin1String("iothub-first-free")), qPrintable(heading->text()));
    QVERIFY(heading->text().contains(QLatin1String("F1")));
    QVERIFY(!button(QWizard::CommitButton)->isEnabled());
    // Nothing was created for the refused plan.
    QVERIFY(!m_sandbox->hubs()->hub(m_session->plan().hubName()));
}

void TestDeployWizardFlow::armValidationFailureShowsItsDetails()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    // "ab-cd" takes storage account fnstorabcd; "abcd" wants the same name (hyphens are dropped), while its hub
    // name is free: Azure's validation refuses it.
    deployDirectly(QStringLiteral("rg-other"), QStringLiteral("ab-cd"), HubSku::S1);
    m_session->plan().nameSuffix = QStringLiteral("abcd");
    makeWizard({OptionsPageId, ReviewPageId, ProgressPageId});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    m_wizard->next();
    auto *review = qobject_cast<ReviewPage *>(m_wizard->currentPage());
    finishChecks(review);
    QCOMPARE(review->checkState(ReviewPage::Check::Preflight), ReviewPage::CheckState::Passed);
    QCOMPARE(review->checkState(ReviewPage::Check::Validate), ReviewPage::CheckState::Failed);
    QVERIFY(!button(QWizard::CommitButton)->isEnabled());

    auto *details = find<QPlainTextEdit>("errorDetails");
    QVERIFY(details && details->isVisible());
    QVERIFY(details->isReadOnly());
    QVERIFY2(details->toPlainText().contains(QLatin1String("StorageAccountAlreadyTaken")),
             qPrintable(details->toPlainText()));
    QVERIFY(details->toPlainText().contains(QLatin1String("InvalidTemplateDeployment")));
    QGuiApplication::clipboard()->clear();
    find<QPushButton>("copyErrorButton")->click();
    QVERIFY(QGuiApplication::clipboard()->text().contains(QLatin1String("StorageAccountAlreadyTaken")));

    // Retry runs the checks again (and fails the same way).
    QSignalSpy finished(review, &ReviewPage::checksFinished);
    find<QPushButton>("retryButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(review->checkState(ReviewPage::Check::Validate), ReviewPage::CheckState::Failed);
}

void TestDeployWizardFlow::runToFinish()
{
    makeWizard({OptionsPageId, ReviewPageId, ProgressPageId, FinishPageId});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    m_wizard->next();
    auto *review = qobject_cast<ReviewPage *>(m_wizard->currentPage());
    finishChecks(review);
    QVERIFY(button(QWizard::CommitButton)->isEnabled());
    button(QWizard::CommitButton)->click();
    auto *progress = qobject_cast<ProgressPage *>(m_wizard->currentPage());
    QVERIFY(progress);
    QVERIFY(!button(QWizard::BackButton)->isEnabled()); // past the commit: nothing to go back to
    QTRY_VERIFY_WITH_TIMEOUT(progress->state() == ProgressPage::State::Succeeded, 60000);
    DeploymentOperationModel *model = progress->model();
    QCOMPARE(model->rowCount(), 9);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, DeploymentOperationModel::StateColumn).data(DeploymentOperationModel::StateRole),
                 QVariant(QStringLiteral("Succeeded")));
    QVERIFY(m_session->outcome().has_value());
    QVERIFY(button(QWizard::CommitButton)->isEnabled());
    button(QWizard::CommitButton)->click();
    auto *finish = qobject_cast<FinishPage *>(m_wizard->currentPage());
    QVERIFY(finish);
    QTRY_VERIFY_WITH_TIMEOUT(finish->isStored(), 20000);
    QVERIFY(button(QWizard::FinishButton)->isEnabled());
    QVERIFY(!button(QWizard::BackButton)->isEnabled());
}

void TestDeployWizardFlow::deploysEveryResourceThenStoresThePolicyKeyAndTheProfile()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    std::optional<Test::LogCapture> log;
    log.emplace();
    runToFinish();
    const QStringList lines = log->lines();
    log.reset();
    if (QTest::currentTestFailed())
        return;
    verifyNoSecretIn(
        lines, {hubPolicyKey(m_session->plan().hubName()), m_session->ingestKey(), m_sandbox->entra()->clientSecret()});
    const QString hubName = m_session->plan().hubName();
    const QString hostName = hubName + QStringLiteral(".azure-devices.net");

    // The policy key in the real keychain is the deployed hub's.
    const Result<QString> stored = keychainRead(SecretKind::HubPolicyKey);
    QVERIFY2(stored.ok(), qPrintable(stored.error().toString()));
    QVERIFY(!stored.value().isEmpty());
    QCOMPARE(stored.value(), hubPolicyKey(hubName));
    // The ingest key the Function presents was stored before deploying.
    const Result<QString> ingest = keychainRead(SecretKind::IngestKey);
    QVERIFY(ingest.ok());
    QCOMPARE(ingest.value(), m_session->ingestKey());

    // The profile names the new hub and is current; the sandbox endpoints stay.
    const std::optional<ConnectionProfile> profile = m_store->profile(m_profile.id);
    QVERIFY(profile);
    QCOMPARE(profile->iotHub.hostName, hostName);
    QCOMPARE(profile->iotHub.policyName, DeploymentPlan::policyName());
    QCOMPARE(profile->azure.resourceGroup, m_session->plan().resourceGroup);
    QCOMPARE(profile->azure.subscriptionId, m_session->plan().subscriptionId);
    QCOMPARE(profile->iotHub.restEndpoint, m_profile.iotHub.restEndpoint);
    QCOMPARE(profile->iotHub.mqttHost, m_profile.iotHub.mqttHost);
    QCOMPARE(m_store->currentProfileId(), m_profile.id);

    auto *done = find<QLabel>("doneLabel");
    QVERIFY(done->text().contains(hostName));
    QVERIFY(!done->text().contains(stored.value()));
    QVERIFY(find<QLabel>("engineHelpLabel")->isVisible());
    QVERIFY(find<QLabel>("engineHelpLabel")->text().contains(QLatin1String("twinbridged --config")));
    QVERIFY(!find<QLineEdit>("policyKeyEdit")->isVisible());
    // No key in the settings file.
    m_settings->sync();
    QFile file(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray settings = file.readAll();
    QVERIFY(settings.contains(hostName.toUtf8()));
    QVERIFY(!settings.contains(stored.value().toUtf8()));
    QVERIFY(!settings.contains(m_session->ingestKey().toUtf8()));
}

void TestDeployWizardFlow::cancelDuringDeployEndsCanceled()
{
    // A slower ARM clock: the hub takes 3 s, long enough to cancel.
    ArmStandIn::Settings settings = m_sandbox->arm()->settings();
    settings.timeScale = 1.0;
    m_sandbox->arm()->setSettings(settings);
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    makeWizard({OptionsPageId, ReviewPageId, ProgressPageId, FinishPageId});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    m_wizard->next();
    finishChecks(qobject_cast<ReviewPage *>(m_wizard->currentPage()));
    QVERIFY(button(QWizard::CommitButton)->isEnabled());
    button(QWizard::CommitButton)->click();
    auto *progress = qobject_cast<ProgressPage *>(m_wizard->currentPage());
    QVERIFY(progress);
    auto *cancel = find<QPushButton>("cancelDeploymentButton");
    QTRY_VERIFY_WITH_TIMEOUT(progress->model()->rowCount() > 0, 30000);
    QVERIFY(cancel->isVisible() && cancel->isEnabled());
    cancel->click();
    QTRY_VERIFY_WITH_TIMEOUT(progress->state() == ProgressPage::State::Canceled, 30000);
    QTRY_VERIFY(!find<QLabel>("resultLabel")->text().isEmpty());
    const QString result = find<QLabel>("resultLabel")->text();
    QVERIFY(result.contains(m_session->plan().resourceGroup));
    const QString heading = find<QLabel>("errorHeading")->text();
    QVERIFY2(heading.contains(QLatin1String("canceled")), qPrintable(heading));
    // Every resource as Azure left it: none still running.
    QTRY_VERIFY(progress->model()->resourcesIn(QStringLiteral("Running")).isEmpty());
    QVERIFY(!button(QWizard::CommitButton)->isEnabled());
    QVERIFY(find<QPushButton>("retryButton")->isVisible());
    QVERIFY(!m_session->outcome().has_value());
    const std::optional<ArmStandIn::Deployment> deployment =
        m_sandbox->arm()->deployment(m_session->plan().resourceGroup, m_session->plan().deploymentName);
    QVERIFY(deployment);
    QCOMPARE(deployment->state, QStringLiteral("Canceled"));
}

// The checks passed, then — while the deployment runs — another deployment takes the storage account's name
// ("ab-cd" gives fnstorabcd, like "abcd"): Azure fails that resource, then the deployment. The page shows the failed
// resource with Azure's message, the error with its details, Retry, and stores nothing.
void TestDeployWizardFlow::aDeploymentThatFailsShowsTheFailedResourceWithAzuresDetails()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    m_session->plan().nameSuffix = QStringLiteral("abcd");
    makeWizard({OptionsPageId, ReviewPageId, ProgressPageId, FinishPageId});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    m_wizard->next();
    finishChecks(qobject_cast<ReviewPage *>(m_wizard->currentPage()));
    QVERIFY(button(QWizard::CommitButton)->isEnabled());

    // The storage account takes 1.5 s × 6 to provision: time for the other deployment (at once, scale 0).
    ArmStandIn::Settings settings = m_sandbox->arm()->settings();
    settings.timeScale = 6.0;
    m_sandbox->arm()->setSettings(settings);
    button(QWizard::CommitButton)->click();
    auto *progress = qobject_cast<ProgressPage *>(m_wizard->currentPage());
    QVERIFY(progress);
    const QString group = m_session->plan().resourceGroup;
    const QString name = m_session->plan().deploymentName;
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->arm()->deployment(group, name).has_value() &&
                                 m_sandbox->arm()->deployment(group, name)->state == QLatin1String("Running"),
                             30000);
    settings.timeScale = 0;
    m_sandbox->arm()->setSettings(settings);
    AzureDeployer other(m_session->arm()); // the wizard's deployer is busy with its own deployment
    DeploymentPlan taking = m_session->plan();
    taking.resourceGroup = QStringLiteral("rg-other");
    taking.nameSuffix = QStringLiteral("ab-cd");
    taking.stackBaseUrl = kIngestUrl;
    taking.stackApiKey = QStringLiteral("other-deployment-key");
    const Result<DeploymentOutcome> taken = Test::awaitResult(other.deploy(taking), 60000);
    QVERIFY2(taken.ok(), qPrintable(taken.error().toString()));

    QTRY_COMPARE_WITH_TIMEOUT(progress->state(), ProgressPage::State::Failed, 60000);
    QCOMPARE(m_sandbox->arm()->deployment(group, name)->state, QStringLiteral("Failed"));
    // The operations list that names the failed resource may arrive just after the deployment's end.
    QTRY_VERIFY_WITH_TIMEOUT(progress->model()->resourcesIn(QStringLiteral("Failed")).contains(QStringLiteral("fnstorabcd")),
                             30000);
    QTRY_VERIFY(progress->model()->resourcesIn(QStringLiteral("Running")).isEmpty());
    auto *details = find<QPlainTextEdit>("errorDetails");
    QVERIFY(details && details->isVisible());
    QVERIFY2(details->toPlainText().contains(QLatin1String("StorageAccountAlreadyTaken")),
             qPrintable(details->toPlainText()));
    QVERIFY(find<QPushButton>("retryButton")->isVisible());
    QVERIFY(!m_session->outcome().has_value());
    QVERIFY(!button(QWizard::NextButton)->isEnabled());
    QVERIFY(keychainRead(SecretKind::HubPolicyKey).error().kind() == ServiceError::Kind::NotConfigured);
}

void TestDeployWizardFlow::ttsModeShowsTheHostNameAndKeyToCopy()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::TtsIntegration);
    std::optional<Test::LogCapture> log;
    log.emplace();
    runToFinish();
    const QStringList lines = log->lines();
    log.reset();
    if (QTest::currentTestFailed())
        return;
    verifyNoSecretIn(lines, {hubPolicyKey(m_session->plan().hubName()), kTtsKey});
    const QString hubName = m_session->plan().hubName();
    const QString hostName = hubName + QStringLiteral(".azure-devices.net");
    QCOMPARE(m_session->plan().stackBaseUrl, m_profile.tts.apiBaseUrl);

    auto *host = find<QLineEdit>("hostNameEdit");
    auto *key = find<QLineEdit>("policyKeyEdit");
    QVERIFY(host && host->isVisible());
    QCOMPARE(host->text(), hostName);
    QGuiApplication::clipboard()->clear();
    find<QPushButton>("copyHostNameButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), hostName);

    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QCOMPARE(key->text(), hubPolicyKey(hubName));
    auto *reveal = find<QToolButton>("revealKeyButton");
    reveal->click();
    QCOMPARE(key->echoMode(), QLineEdit::Normal);
    reveal->click();
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    find<QPushButton>("copyPolicyKeyButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), hubPolicyKey(hubName));
    QGuiApplication::clipboard()->clear();

    const QString steps = find<QLabel>("ttsStepsLabel")->text();
    QVERIFY(steps.contains(QString::fromUtf8("Integrations → Azure IoT Hub")));
    QVERIFY(steps.contains(QLatin1String("1.")) && steps.contains(QLatin1String("3.")));
    QVERIFY(!steps.contains(key->text()));
    QVERIFY(!find<QLabel>("engineHelpLabel")->isVisible());

    // The TTS API key entered earlier is in the keychain too.
    const Result<QString> ttsKey = keychainRead(SecretKind::TtsApiKey);
    QVERIFY(ttsKey.ok());
    QCOMPARE(ttsKey.value(), kTtsKey);
    QCOMPARE(keychainRead(SecretKind::HubPolicyKey).value(), hubPolicyKey(hubName));
}

void TestDeployWizardFlow::updateShowsTheDifferencesAndRedeploysIntoTheGroup()
{
    // Deployed earlier into a group and with a suffix of the user's choice, as the profile records.
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    const QString group = QStringLiteral("rg-chosen");
    const QString suffix = QStringLiteral("chosen-1");
    deployDirectly(group, suffix, HubSku::S1);
    const QString hubName = QStringLiteral("iothub-chosen-1");
    m_profile.iotHub.hostName = hubName + QStringLiteral(".azure-devices.net");
    m_profile.azure.resourceGroup = group;
    QVERIFY(m_store->add(m_profile).ok());
    m_wizard.reset();

    makeSession(DeploymentSession::Purpose::Update, DeploymentSession::Mode::Engine);
    m_session->plan().location.clear(); // an update takes the group's region
    makeWizard({OptionsPageId, ReviewPageId, ProgressPageId, FinishPageId});
    QTRY_VERIFY(button(QWizard::NextButton)->isEnabled());
    auto *suffixEdit = find<QLineEdit>("nameSuffixEdit");
    QVERIFY(suffixEdit->isReadOnly());
    QCOMPARE(suffixEdit->text(), suffix);
    find<QSpinBox>("hubUnitsSpin")->setValue(2);
    m_wizard->next();

    auto *review = qobject_cast<ReviewPage *>(m_wizard->currentPage());
    finishChecks(review);
    QCOMPARE(review->checkState(ReviewPage::Check::ResourceGroup), ReviewPage::CheckState::Passed);
    QCOMPARE(review->checkState(ReviewPage::Check::Preflight), ReviewPage::CheckState::Passed);
    QCOMPARE(review->checkState(ReviewPage::Check::WhatIf), ReviewPage::CheckState::Passed);
    QCOMPARE(m_session->plan().location, QStringLiteral("westeurope"));
    auto *tree = find<QTreeWidget>("whatIfTree");
    QTreeWidgetItem *hub = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QVERIFY(tree->topLevelItem(i)->text(0) != QLatin1String("Create"));
        if (tree->topLevelItem(i)->text(1) == hubName)
            hub = tree->topLevelItem(i);
    }
    QVERIFY(hub);
    QCOMPARE(hub->text(0), QStringLiteral("Modify"));
    QStringList paths;
    for (int i = 0; i < hub->childCount(); ++i)
        paths << hub->child(i)->text(1);
    QVERIFY2(paths.contains(QStringLiteral("sku")), qPrintable(paths.join(QLatin1Char(' '))));
    QCOMPARE(button(QWizard::CommitButton)->text(), QStringLiteral("&Update"));

    button(QWizard::CommitButton)->click();
    auto *progress = qobject_cast<ProgressPage *>(m_wizard->currentPage());
    QTRY_VERIFY_WITH_TIMEOUT(progress->state() == ProgressPage::State::Succeeded, 60000);
    button(QWizard::CommitButton)->click();
    auto *finish = qobject_cast<FinishPage *>(m_wizard->currentPage());
    QTRY_VERIFY_WITH_TIMEOUT(finish->isStored(), 20000);
    QCOMPARE(m_session->plan().resourceGroup, group);
    QCOMPARE(m_sandbox->hubs()->hub(hubName)->units(), 2);
    QCOMPARE(m_store->profile(m_profile.id)->azure.resourceGroup, group);
    QCOMPARE(keychainRead(SecretKind::HubPolicyKey).value(), hubPolicyKey(hubName));
    QVERIFY(find<QLabel>("doneLabel")->text().contains(QLatin1String("updated")));
    QCOMPARE(m_store->count(), 1);
}

void TestDeployWizardFlow::finishWithoutAKeychainSaysWhatToDoAndRetries()
{
    MemorySecretStore memory;
    ProfileStore store(m_settings.get(), &memory);
    memory.setFailure(KeychainSecretStore::errorFromJob(QKeychain::NoBackendAvailable,
                                                        QStringLiteral("No keychain service available"),
                                                        QStringLiteral("store the IoT Hub policy key")));
    m_wizard = std::make_unique<QWizard>();
    m_session =
        new DeploymentSession(DeploymentSession::Purpose::Deploy, m_profile, true, &store, m_nam.get(), m_wizard.get());
    m_session->setMode(DeploymentSession::Mode::TtsIntegration);
    m_session->setTtsApiKey(kTtsKey);
    DeploymentOutcome outcome;
    outcome.hubName = QStringLiteral("iothub-nokeychain");
    outcome.hostName = QStringLiteral("iothub-nokeychain.azure-devices.net");
    outcome.policyName = DeploymentPlan::policyName();
    outcome.policyKey = QStringLiteral("bm8ta2V5Y2hhaW4tcG9saWN5LWtleQ==");
    m_session->setOutcome(outcome);
    makeWizard({FinishPageId});
    auto *finish = qobject_cast<FinishPage *>(m_wizard->currentPage());
    QVERIFY(finish);
    auto *error = find<QLabel>("storeErrorLabel");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("keychain")), qPrintable(error->text()));
    QVERIFY(error->text().contains(QLatin1String("Retry")));
    QVERIFY(!error->text().contains(outcome.policyKey));
    QVERIFY(!button(QWizard::FinishButton)->isEnabled());
    QVERIFY(!store.contains(m_profile.id));
    auto *retry = find<QPushButton>("retryStoreButton");
    QVERIFY(retry->isVisible());

    memory.clearFailure();
    retry->click();
    QTRY_VERIFY(finish->isStored());
    QVERIFY(!error->isVisible());
    QVERIFY(button(QWizard::FinishButton)->isEnabled());
    QCOMPARE(Test::awaitResult(memory.read(m_profile.id, SecretKind::HubPolicyKey)).value(), outcome.policyKey);
    QCOMPARE(Test::awaitResult(memory.read(m_profile.id, SecretKind::TtsApiKey)).value(), kTtsKey);
    QCOMPARE(store.profile(m_profile.id)->iotHub.hostName, outcome.hostName);
    QCOMPARE(find<QLineEdit>("hostNameEdit")->text(), outcome.hostName);
    m_wizard.reset(); // before the stores it uses
    m_session = nullptr;
}

void TestDeployWizardFlow::uninstallNeedsTheTypedNameThenDeletesTheGroupAndTheSecrets()
{
    makeSession(DeploymentSession::Purpose::Deploy, DeploymentSession::Mode::Engine);
    const QString group = QStringLiteral("rg-to-remove");
    deployDirectly(group, QStringLiteral("remove-1"), HubSku::S1);
    const QString hubName = QStringLiteral("iothub-remove-1");
    QVERIFY(m_sandbox->hubs()->hub(hubName));
    m_profile.iotHub.hostName = hubName + QStringLiteral(".azure-devices.net");
    m_profile.azure.resourceGroup = group;
    m_profile.iotHub.policyName = DeploymentPlan::policyName();
    QVERIFY(m_store->add(m_profile).ok());
    for (SecretKind kind : SecretStore::allKinds)
        QVERIFY(
            Test::awaitResult(m_keychain->write(m_profile.id, kind, QStringLiteral("secret-to-remove")), 10000).ok());
    m_wizard.reset();

    makeSession(DeploymentSession::Purpose::Uninstall, DeploymentSession::Mode::Engine);
    makeWizard({UninstallPageId});
    auto *page = qobject_cast<UninstallPage *>(m_wizard->currentPage());
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->groupExists().has_value(), 20000);
    QVERIFY(*page->groupExists());
    const QString whatGoes = find<QLabel>("whatGoesLabel")->text();
    QVERIFY(whatGoes.contains(group));
    QVERIFY(whatGoes.contains(hubName));
    QVERIFY(whatGoes.contains(SecretStore::displayName(SecretKind::HubPolicyKey)));

    auto *confirm = find<QLineEdit>("confirmNameEdit");
    QAbstractButton *finish = button(QWizard::FinishButton);
    QVERIFY(!finish->isEnabled());
    QTest::keyClicks(confirm, group.left(group.size() - 1));
    QVERIFY(!finish->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral("x"));
    QVERIFY(!finish->isEnabled());
    QTest::keyClick(confirm, Qt::Key_Backspace);
    QTest::keyClicks(confirm, group.right(1));
    QCOMPARE(confirm->text(), group);
    QVERIFY(finish->isEnabled());
    QCOMPARE(finish->text(), QStringLiteral("&Delete"));
    finish->click();
    QVERIFY(m_wizard->isVisible()); // the page finishes once the uninstall is done
    QTRY_VERIFY_WITH_TIMEOUT(page->state() == UninstallPage::State::Done, 30000);

    for (const ArmStandIn::ResourceGroup &existing : m_sandbox->arm()->resourceGroups())
        QVERIFY(existing.name.compare(group, Qt::CaseInsensitive) != 0);
    QVERIFY(!m_sandbox->hubs()->hub(hubName));
    for (SecretKind kind : SecretStore::allKinds)
        QCOMPARE(keychainRead(kind).error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(m_store->profile(m_profile.id)->iotHub.hostName.isEmpty());
    QVERIFY(m_store->profile(m_profile.id)->azure.resourceGroup.isEmpty());
    QVERIFY(finish->isEnabled());
    QCOMPARE(finish->text(), QStringLiteral("&Finish"));
    finish->click();
    QVERIFY(!m_wizard->isVisible());
}

void TestDeployWizardFlow::uninstallOfAMissingGroupStillRemovesTheSecrets()
{
    QVERIFY(m_store->add(m_profile).ok());
    QVERIFY(Test::awaitResult(m_keychain->write(m_profile.id, SecretKind::HubPolicyKey, QStringLiteral("gone")), 10000)
                .ok());
    makeSession(DeploymentSession::Purpose::Uninstall, DeploymentSession::Mode::Engine);
    makeWizard({UninstallPageId});
    auto *page = qobject_cast<UninstallPage *>(m_wizard->currentPage());
    QTRY_VERIFY_WITH_TIMEOUT(page->groupExists().has_value(), 20000);
    QVERIFY(!*page->groupExists());
    QVERIFY(find<QLabel>("whatGoesLabel")->text().contains(QLatin1String("does not exist")));
    QTest::keyClicks(find<QLineEdit>("confirmNameEdit"), m_session->plan().resourceGroup);
    button(QWizard::FinishButton)->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->state() == UninstallPage::State::Done, 20000);
    QCOMPARE(keychainRead(SecretKind::HubPolicyKey).error().kind(), ServiceError::Kind::NotConfigured);
}

QTEST_MAIN(TestDeployWizardFlow)
#include "tst_deploywizardflow.moc"
