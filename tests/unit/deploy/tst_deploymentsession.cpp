// DeploymentSession: the defaults it takes from the profile, where the Function's target comes from in each mode,
// the clients rebuilt on a new sign-in (the old credential deleted), the poll interval carried over, and a missing
// CA file of the profile reported instead of a TLS configuration that would trust nothing extra.

#include "../azure/FakeTokenCredential.h"

#include "services/azure/ArmClient.h"
#include "services/core/Clock.h"
#include "services/deploy/DeploymentSession.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;

class TestDeploymentSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void takesItsDefaultsFromTheProfile();
    void aDeployedProfileKeepsItsNames();
    void targetFollowsTheMode();
    void aNewSignInRebuildsTheClients();
    void reportsAMissingCaFile();

private:
    ConnectionProfile profile() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    QNetworkAccessManager m_nam;
    ManualClock m_clock;
};

void TestDeploymentSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
}

void TestDeploymentSession::cleanup()
{
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

ConnectionProfile TestDeploymentSession::profile() const
{
    ConnectionProfile p = ConnectionProfile::create(QStringLiteral("Demo"));
    p.id = QStringLiteral("3f2a91c4-1b7e-4d1a-9c55-0a7e2b9d1e10");
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("demo-app");
    p.azure.subscriptionId = QStringLiteral("00000000-0000-0000-0000-000000000001");
    return p;
}

void TestDeploymentSession::takesItsDefaultsFromTheProfile()
{
    DeploymentSession session(DeploymentSession::Purpose::Deploy, profile(), true, m_store.get(), &m_nam);
    QCOMPARE(session.purpose(), DeploymentSession::Purpose::Deploy);
    QVERIFY(session.isNewProfile());
    QCOMPARE(session.secretStore(), m_secrets.get());
    QCOMPARE(session.plan().subscriptionId, QStringLiteral("00000000-0000-0000-0000-000000000001"));
    QCOMPARE(session.plan().applicationId, QStringLiteral("demo-app"));
    QCOMPARE(session.plan().nameSuffix, QStringLiteral("3f2a91c4"));
    QCOMPARE(session.plan().resourceGroup, QStringLiteral("rg-twinbridge-3f2a91c4"));
    QVERIFY(!session.isSignedIn());
    QVERIFY(!session.arm());
    QVERIFY(!session.deployer());
}

void TestDeploymentSession::aDeployedProfileKeepsItsNames()
{
    ConnectionProfile p = profile();
    p.iotHub.hostName = QStringLiteral("iothub-prod-eu.azure-devices.net");
    p.azure.resourceGroup = QStringLiteral("rg-iot-production");
    DeploymentSession session(DeploymentSession::Purpose::Update, p, false, m_store.get(), &m_nam);
    QCOMPARE(session.plan().nameSuffix, QStringLiteral("prod-eu"));
    QCOMPARE(session.plan().hubName(), QStringLiteral("iothub-prod-eu"));
    QCOMPARE(session.plan().resourceGroup, QStringLiteral("rg-iot-production"));
    QVERIFY(session.resourceGroupExists());

    // A hub not named by the template (e.g. the sandbox's own) does not give the suffix.
    p.iotHub.hostName = QStringLiteral("sandbox-hub.azure-devices.net");
    p.azure.resourceGroup.clear();
    DeploymentSession other(DeploymentSession::Purpose::Deploy, p, false, m_store.get(), &m_nam);
    QCOMPARE(other.plan().nameSuffix, QStringLiteral("3f2a91c4"));
    QCOMPARE(other.plan().resourceGroup, QStringLiteral("rg-twinbridge-3f2a91c4"));
    QVERIFY(!other.resourceGroupExists());
}

void TestDeploymentSession::targetFollowsTheMode()
{
    DeploymentSession session(DeploymentSession::Purpose::Deploy, profile(), false, m_store.get(), &m_nam);
    QSignalSpy modes(&session, &DeploymentSession::modeChanged);
    session.setTtsApiKey(QStringLiteral("NNSXS.TTS"));
    session.setIngestKey(QStringLiteral("ingest-key"));
    session.setIngestUrl(QStringLiteral("https://bridge.example.com/api/v3"));

    session.applyTarget(); // engine mode is the default
    QCOMPARE(session.mode(), DeploymentSession::Mode::Engine);
    QCOMPARE(session.plan().stackBaseUrl, QStringLiteral("https://bridge.example.com/api/v3"));
    QCOMPARE(session.plan().stackApiKey, QStringLiteral("ingest-key"));

    session.setMode(DeploymentSession::Mode::TtsIntegration);
    session.setMode(DeploymentSession::Mode::TtsIntegration);
    QCOMPARE(modes.size(), 1);
    session.profile().tts.applicationId = QStringLiteral("other-app");
    session.applyTarget();
    QCOMPARE(session.plan().stackBaseUrl, QStringLiteral("https://eu1.cloud.thethings.network/api/v3"));
    QCOMPARE(session.plan().stackApiKey, QStringLiteral("NNSXS.TTS"));
    QCOMPARE(session.plan().applicationId, QStringLiteral("other-app"));
}

void TestDeploymentSession::aNewSignInRebuildsTheClients()
{
    DeploymentSession session(DeploymentSession::Purpose::Update, profile(), false, m_store.get(), &m_nam);
    QSignalSpy changed(&session, &DeploymentSession::credentialChanged);
    session.setArmPollInterval(50ms);

    QPointer<FakeTokenCredential> first = new FakeTokenCredential(&m_clock);
    session.setCredential(first, QStringLiteral("first@example.com"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(session.isSignedIn());
    QCOMPARE(session.account(), QStringLiteral("first@example.com"));
    QCOMPARE(first->parent(), &session);
    QVERIFY(session.deployer());
    QCOMPARE(session.deployer()->arm(), session.arm());
    QCOMPARE(session.arm()->pollInterval(), 50ms);
    QPointer<ArmClient> firstArm = session.arm();

    auto *second = new FakeTokenCredential(&m_clock);
    session.setCredential(second, QStringLiteral("second@example.com"));
    QCOMPARE(changed.size(), 2);
    QVERIFY(first.isNull()); // the old credential is gone with its clients
    QVERIFY(firstArm.isNull());
    QCOMPARE(session.credential(), second);
    QCOMPARE(session.account(), QStringLiteral("second@example.com"));
    QCOMPARE(session.arm()->pollInterval(), 50ms);

    session.setCredential(nullptr, {});
    QVERIFY(!session.isSignedIn());
    QVERIFY(!session.deployer());
}

void TestDeploymentSession::reportsAMissingCaFile()
{
    ConnectionProfile p = profile();
    DeploymentSession plain(DeploymentSession::Purpose::Deploy, p, false, m_store.get(), &m_nam);
    QVERIFY(plain.tlsConfiguration().ok());

    p.tls.caCertificateFile = m_dir->filePath(QStringLiteral("missing-ca.pem"));
    DeploymentSession withCa(DeploymentSession::Purpose::Deploy, p, false, m_store.get(), &m_nam);
    const Result<QSslConfiguration> ssl = withCa.tlsConfiguration();
    QVERIFY(!ssl.ok());
    QVERIFY2(ssl.error().message().contains(QStringLiteral("missing-ca.pem")), qPrintable(ssl.error().toString()));
}

QTEST_GUILESS_MAIN(TestDeploymentSession)
#include "tst_deploymentsession.moc"
