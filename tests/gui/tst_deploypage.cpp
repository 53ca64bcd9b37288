// The Deploy page (issue 8): what it shows for the current profile (nothing selected, nothing deployed, a hub
// configured by hand, a deployed hub), which actions it offers then, that each action opens the DeployWizard with
// the right purpose and profile (one at a time), and that it follows the ProfileStore once the wizard stored
// something. The network is a fake that answers nothing: no wizard page reaches Azure here.

#include "FakeNetworkAccessManager.h"

#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"
#include "views/DeployPage.h"
#include "views/deploy/DeployWizard.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;

namespace {

enum class ProfileState { None, NotDeployed, HubByHand, Deployed };

} // namespace

Q_DECLARE_METATYPE(ProfileState)

namespace {

ConnectionProfile profileIn(ProfileState state)
{
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("Plant A"));
    profile.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    profile.tts.applicationId = QStringLiteral("plant-a");
    profile.azure.authority = QStringLiteral("https://127.0.0.1:9");
    profile.azure.managementEndpoint = QStringLiteral("https://127.0.0.1:9");
    profile.azure.tenantId = QStringLiteral("8a2c3e4f-1111-4222-8333-944455566677");
    profile.azure.clientId = QStringLiteral("0b1c2d3e-4444-4555-8666-777788889999");
    if (state == ProfileState::HubByHand || state == ProfileState::Deployed) {
        profile.iotHub.hostName = QStringLiteral("iothub-plant-a.azure-devices.net");
        profile.iotHub.policyName = QStringLiteral("twinbridge");
    }
    if (state == ProfileState::Deployed) {
        profile.azure.subscriptionId = QStringLiteral("f9943056-8fc6-4ba7-8d52-06537232ebb8");
        profile.azure.resourceGroup = QStringLiteral("rg-twinbridge-plant-a");
    }
    return profile;
}

} // namespace

class TestDeployPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsTheProfilesAzureSideAndOffersWhatFits_data();
    void showsTheProfilesAzureSideAndOffersWhatFits();
    void eachActionOpensTheWizardWithItsPurpose_data();
    void eachActionOpensTheWizardWithItsPurpose();
    void withoutAProfileTheWizardDeploysForANewOne();
    void oneWizardAtATimeAndTheButtonsComeBackWhenItCloses();
    void followsTheStoreWhenTheWizardStoresTheDeployment();

private:
    void makePage(ProfileState state);
    template<typename T>
    T *find(const char *objectName) const;
    DeployWizard *openWizardWith(const char *buttonName, DeploymentSession **session);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<Test::FakeNetworkAccessManager> m_nam;
    std::unique_ptr<DeployPage> m_page;
};

void TestDeployPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    m_nam = std::make_unique<Test::FakeNetworkAccessManager>();
}

void TestDeployPage::cleanup()
{
    m_page.reset();
    m_store.reset();
    m_nam.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestDeployPage::makePage(ProfileState state)
{
    if (state != ProfileState::None) {
        const ConnectionProfile profile = profileIn(state);
        QVERIFY(m_store->add(profile).ok());
        QVERIFY(m_store->setCurrentProfileId(profile.id).ok());
    }
    m_page = std::make_unique<DeployPage>(m_store.get(), m_nam.get());
    m_page->resize(900, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

template<typename T>
T *TestDeployPage::find(const char *objectName) const
{
    T *widget = m_page ? m_page->findChild<T *>(QString::fromLatin1(objectName)) : nullptr;
    if (!widget)
        qWarning("no widget named %s", objectName);
    return widget;
}

// Clicks the button and returns the wizard it opened (also found among the top-level widgets, shown).
DeployWizard *TestDeployPage::openWizardWith(const char *buttonName, DeploymentSession **session)
{
    QSignalSpy opened(m_page.get(), &DeployPage::wizardOpened);
    auto *button = find<QPushButton>(buttonName);
    if (!button || !button->isEnabled())
        return nullptr;
    button->click();
    if (opened.size() != 1)
        return nullptr;
    auto *wizard = opened.constFirst().at(0).value<DeployWizard *>();
    *session = opened.constFirst().at(1).value<DeploymentSession *>();
    if (!QApplication::topLevelWidgets().contains(wizard) || !wizard->isVisible())
        return nullptr;
    return wizard;
}

void TestDeployPage::showsTheProfilesAzureSideAndOffersWhatFits_data()
{
    QTest::addColumn<ProfileState>("state");
    QTest::addColumn<QString>("hub");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("stateWords");
    QTest::addColumn<bool>("deployed");
    QTest::addRow("no profile") << ProfileState::None << "not deployed yet"
                                << "—"
                                << "—"
                                << "new profile" << false;
    QTest::addRow("nothing deployed") << ProfileState::NotDeployed << "not deployed yet"
                                      << "—"
                                      << "—"
                                      << "Nothing is deployed" << false;
    QTest::addRow("hub configured by hand") << ProfileState::HubByHand << "iothub-plant-a.azure-devices.net"
                                            << "twinbridge"
                                            << "—"
                                            << "no resource group" << false;
    QTest::addRow("deployed") << ProfileState::Deployed << "iothub-plant-a.azure-devices.net"
                              << "twinbridge"
                              << "rg-twinbridge-plant-a"
                              << "Deployed" << true;
}

void TestDeployPage::showsTheProfilesAzureSideAndOffersWhatFits()
{
    QFETCH(ProfileState, state);
    QFETCH(QString, hub);
    QFETCH(QString, policy);
    QFETCH(QString, group);
    QFETCH(QString, stateWords);
    QFETCH(bool, deployed);
    makePage(state);

    QCOMPARE(find<QLabel>("hubHostNameLabel")->text(), hub);
    QCOMPARE(find<QLabel>("policyNameLabel")->text(), policy);
    QCOMPARE(find<QLabel>("resourceGroupLabel")->text(), group);
    QCOMPARE(find<QLabel>("profileNameLabel")->text(),
             state == ProfileState::None ? QStringLiteral("none selected") : QStringLiteral("Plant A"));
    QCOMPARE(find<QLabel>("subscriptionLabel")->text(),
             deployed ? QStringLiteral("f9943056-8fc6-4ba7-8d52-06537232ebb8") : QStringLiteral("—"));
    const QString stateText = find<QLabel>("azureSideStateLabel")->text();
    QVERIFY2(stateText.contains(stateWords), qPrintable(stateText));
    QCOMPARE(m_page->isDeployed(), deployed);
    QVERIFY(find<QPushButton>("deployButton")->isEnabled());
    QCOMPARE(find<QPushButton>("updateButton")->isEnabled(), deployed);
    QCOMPARE(find<QPushButton>("uninstallButton")->isEnabled(), deployed);
    // What a deployment creates and costs, and where to read more.
    const QString explanation = find<QLabel>("deployExplanationLabel")->text();
    for (const char *word : {"IoT hub", "Event Hubs", "Function", "F1", "deploy.md"})
        QVERIFY2(explanation.contains(QLatin1String(word)), word);
}

void TestDeployPage::eachActionOpensTheWizardWithItsPurpose_data()
{
    QTest::addColumn<QByteArray>("button");
    QTest::addColumn<DeploymentSession::Purpose>("purpose");
    QTest::addRow("deploy") << QByteArray("deployButton") << DeploymentSession::Purpose::Deploy;
    QTest::addRow("update") << QByteArray("updateButton") << DeploymentSession::Purpose::Update;
    QTest::addRow("uninstall") << QByteArray("uninstallButton") << DeploymentSession::Purpose::Uninstall;
}

void TestDeployPage::eachActionOpensTheWizardWithItsPurpose()
{
    QFETCH(QByteArray, button);
    QFETCH(DeploymentSession::Purpose, purpose);
    makePage(ProfileState::Deployed);
    const QString id = m_store->currentProfileId();

    DeploymentSession *session = nullptr;
    QPointer<DeployWizard> wizard = openWizardWith(button.constData(), &session);
    QVERIFY(wizard);
    QCOMPARE(m_page->wizard(), wizard.data());
    QCOMPARE(session->purpose(), purpose);
    QVERIFY(!session->isNewProfile());
    QCOMPARE(session->profile().id, id);
    QCOMPARE(session->profile().azure.resourceGroup, QStringLiteral("rg-twinbridge-plant-a"));
    QCOMPARE(session->profileStore(), m_store.get());
    QCOMPARE(session->networkAccessManager(), m_nam.get());

    wizard->reject();
    QTRY_VERIFY(!wizard); // deleted on close
    QVERIFY(!m_page->wizard());
}

void TestDeployPage::withoutAProfileTheWizardDeploysForANewOne()
{
    makePage(ProfileState::None);
    DeploymentSession *session = nullptr;
    QPointer<DeployWizard> wizard = openWizardWith("deployButton", &session);
    QVERIFY(wizard);
    QCOMPARE(session->purpose(), DeploymentSession::Purpose::Deploy);
    QVERIFY(session->isNewProfile());
    QVERIFY(ConnectionProfile::isValidId(session->profile().id));
    QVERIFY(!m_store->contains(session->profile().id));
    QVERIFY(!session->profile().name.isEmpty());
    wizard->reject();
    QTRY_VERIFY(!wizard);
    QCOMPARE(m_store->count(), 0); // a canceled wizard adds nothing
}

void TestDeployPage::oneWizardAtATimeAndTheButtonsComeBackWhenItCloses()
{
    makePage(ProfileState::Deployed);
    DeploymentSession *session = nullptr;
    QPointer<DeployWizard> wizard = openWizardWith("updateButton", &session);
    QVERIFY(wizard);
    QVERIFY(!find<QPushButton>("deployButton")->isEnabled());
    QVERIFY(!find<QPushButton>("updateButton")->isEnabled());
    QVERIFY(!find<QPushButton>("uninstallButton")->isEnabled());
    QSignalSpy opened(m_page.get(), &DeployPage::wizardOpened);
    m_page->uninstall(); // e.g. from a shortcut: the open wizard is brought forward instead
    QCOMPARE(opened.size(), 0);
    int wizards = 0;
    for (QWidget *widget : QApplication::topLevelWidgets())
        wizards += qobject_cast<DeployWizard *>(widget) && widget->isVisible() ? 1 : 0;
    QCOMPARE(wizards, 1);

    QSignalSpy closed(m_page.get(), &DeployPage::wizardClosed);
    wizard->reject();
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.constFirst().constFirst().toBool(), false);
    QTRY_VERIFY(!wizard);
    QVERIFY(find<QPushButton>("deployButton")->isEnabled());
    QVERIFY(find<QPushButton>("updateButton")->isEnabled());
    QVERIFY(find<QPushButton>("uninstallButton")->isEnabled());
}

// What the finish page (a deployment) and the uninstall page do to the store shows on the page at once.
void TestDeployPage::followsTheStoreWhenTheWizardStoresTheDeployment()
{
    makePage(ProfileState::NotDeployed);
    ConnectionProfile profile = *m_store->currentProfile();
    QVERIFY(!find<QPushButton>("updateButton")->isEnabled());

    profile.iotHub.hostName = QStringLiteral("iothub-7c0ffee1.azure-devices.net");
    profile.iotHub.policyName = QStringLiteral("twinbridge");
    profile.azure.subscriptionId = QStringLiteral("f9943056-8fc6-4ba7-8d52-06537232ebb8");
    profile.azure.resourceGroup = QStringLiteral("rg-twinbridge-7c0ffee1");
    QVERIFY(m_store->update(profile).ok());
    QCOMPARE(find<QLabel>("hubHostNameLabel")->text(), QStringLiteral("iothub-7c0ffee1.azure-devices.net"));
    QCOMPARE(find<QLabel>("resourceGroupLabel")->text(), QStringLiteral("rg-twinbridge-7c0ffee1"));
    QVERIFY(find<QPushButton>("updateButton")->isEnabled());
    QVERIFY(find<QPushButton>("uninstallButton")->isEnabled());

    profile.iotHub.hostName.clear();
    profile.azure.resourceGroup.clear();
    QVERIFY(m_store->update(profile).ok());
    QCOMPARE(find<QLabel>("hubHostNameLabel")->text(), QStringLiteral("not deployed yet"));
    QVERIFY(!find<QPushButton>("updateButton")->isEnabled());

    QVERIFY(m_store->setCurrentProfileId(QString()).ok());
    QCOMPARE(find<QLabel>("profileNameLabel")->text(), QStringLiteral("none selected"));
}

QTEST_MAIN(TestDeployPage)
#include "tst_deploypage.moc"
