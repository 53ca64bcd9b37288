#include "services/iothub/IotHubServiceClient.h"
#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"
#include "services/tts/TtsClient.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QPromise>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace TwinBridge;

namespace {

// A store whose reads answer on a later turn of the event loop, as the OS keychain does.
class DeferredSecretStore : public SecretStore
{
public:
    explicit DeferredSecretStore(SecretStore *inner)
        : m_inner(inner)
    {
    }
    QFuture<Result<QString>> read(const QString &profileId, SecretKind kind) override
    {
        auto promise = std::make_shared<QPromise<Result<QString>>>();
        promise->start();
        const Result<QString> value = m_inner->read(profileId, kind).result();
        QTimer::singleShot(0, this, [promise, value] {
            promise->addResult(value);
            promise->finish();
        });
        return promise->future();
    }
    QFuture<Status> write(const QString &profileId, SecretKind kind, const QString &secret) override
    {
        return m_inner->write(profileId, kind, secret);
    }
    QFuture<Status> remove(const QString &profileId, SecretKind kind) override
    {
        return m_inner->remove(profileId, kind);
    }
    QString storedDescription() const override { return m_inner->storedDescription(); }

private:
    SecretStore *m_inner;
};

} // namespace

class TestProfileSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void closedWithoutProfile();
    void buildsBothClientsWithBothSecrets();
    void missingSecretNamesIt();
    void missingHubHostIsNotConfigured();
    void writingASecretReopens();
    void switchingProfileReplacesClients();
    void newerReopenCancelsOlder();
    void doesNotFollowWhenTold();

private:
    ConnectionProfile sample(const QString &name) const;
    void addCurrent(const ConnectionProfile &profile);
    void openAndWait();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfileSession> m_session;
};

ConnectionProfile TestProfileSession::sample(const QString &name) const
{
    ConnectionProfile p = ConnectionProfile::create(name);
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("my-sensors");
    p.tts.tenantId = QStringLiteral("ttn");
    p.iotHub.hostName = QStringLiteral("my-hub.azure-devices.net");
    p.iotHub.policyName = QStringLiteral("twinbridge");
    return p;
}

void TestProfileSession::addCurrent(const ConnectionProfile &profile)
{
    QVERIFY(m_store->add(profile).ok());
    QVERIFY(m_store->setCurrentProfileId(profile.id).ok());
}

void TestProfileSession::openAndWait()
{
    QFuture<Status> opened = m_session->reopen();
    QTRY_VERIFY(opened.isFinished());
    QVERIFY(opened.result().ok());
}

void TestProfileSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("twinbridge.ini")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    m_session = std::make_unique<ProfileSession>(m_store.get(), m_secrets.get());
}

void TestProfileSession::cleanup()
{
    m_session.reset();
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestProfileSession::closedWithoutProfile()
{
    openAndWait();
    QCOMPARE(m_session->state(), ProfileSession::State::Closed);
    QVERIFY(!m_session->profile());
    QVERIFY(!m_session->hub());
    QVERIFY(!m_session->tts());
}

void TestProfileSession::buildsBothClientsWithBothSecrets()
{
    const ConnectionProfile profile = sample(QStringLiteral("Plant"));
    m_session->setFollowsStore(false);
    addCurrent(profile);
    QVERIFY(m_secrets->write(profile.id, SecretKind::HubPolicyKey, QStringLiteral("cG9saWN5a2V5")).result().ok());
    QVERIFY(m_secrets->write(profile.id, SecretKind::TtsApiKey, QStringLiteral("NNSXS.KEY")).result().ok());

    QSignalSpy changed(m_session.get(), &ProfileSession::sessionChanged);
    openAndWait();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_session->state(), ProfileSession::State::Open);
    QCOMPARE(m_session->profile()->id, profile.id);
    QVERIFY(m_session->hub());
    QVERIFY(m_session->tts());
    QVERIFY(m_session->throttle());
    QVERIFY(m_session->networkAccessManager());
    QCOMPARE(m_session->hubError().kind(), ServiceError::Kind::None);
    QCOMPARE(m_session->ttsError().kind(), ServiceError::Kind::None);
    QVERIFY(m_session->tts()->configurationStatus().ok());
}

void TestProfileSession::missingSecretNamesIt()
{
    const ConnectionProfile profile = sample(QStringLiteral("Plant"));
    m_session->setFollowsStore(false);
    addCurrent(profile);
    QVERIFY(m_secrets->write(profile.id, SecretKind::HubPolicyKey, QStringLiteral("cG9saWN5a2V5")).result().ok());

    openAndWait();
    QVERIFY(m_session->hub());
    QVERIFY(!m_session->tts());
    QCOMPARE(m_session->ttsError().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY2(m_session->ttsError().message().contains(SecretStore::displayName(SecretKind::TtsApiKey)),
             qPrintable(m_session->ttsError().message()));
}

void TestProfileSession::missingHubHostIsNotConfigured()
{
    ConnectionProfile profile = sample(QStringLiteral("Plant"));
    profile.iotHub.hostName.clear();
    m_session->setFollowsStore(false);
    addCurrent(profile);
    QVERIFY(m_secrets->write(profile.id, SecretKind::HubPolicyKey, QStringLiteral("cG9saWN5a2V5")).result().ok());
    QVERIFY(m_secrets->write(profile.id, SecretKind::TtsApiKey, QStringLiteral("NNSXS.KEY")).result().ok());

    openAndWait();
    QVERIFY(!m_session->hub());
    QVERIFY(m_session->tts());
    QCOMPARE(m_session->hubError().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(m_session->hubError().message().contains(QStringLiteral("host name")));
}

void TestProfileSession::writingASecretReopens()
{
    const ConnectionProfile profile = sample(QStringLiteral("Plant"));
    addCurrent(profile);
    openAndWait();
    QVERIFY(!m_session->tts());
    QVERIFY(!m_session->hub());

    QSignalSpy changed(m_session.get(), &ProfileSession::sessionChanged);
    QVERIFY(m_secrets->write(profile.id, SecretKind::TtsApiKey, QStringLiteral("NNSXS.KEY")).result().ok());
    QTRY_VERIFY(m_session->state() == ProfileSession::State::Open && m_session->tts());
    QVERIFY(changed.count() >= 1);
    QVERIFY(!m_session->hub());

    // A secret the session does not use changes nothing.
    changed.clear();
    QVERIFY(m_secrets->write(profile.id, SecretKind::AzureClientSecret, QStringLiteral("s")).result().ok());
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 0);
}

void TestProfileSession::switchingProfileReplacesClients()
{
    const ConnectionProfile first = sample(QStringLiteral("First"));
    ConnectionProfile second = sample(QStringLiteral("Second"));
    second.tts.applicationId = QStringLiteral("other-app");
    QVERIFY(m_store->add(second).ok());
    addCurrent(first);
    for (const ConnectionProfile &p : {first, second})
        QVERIFY(m_secrets->write(p.id, SecretKind::TtsApiKey, QStringLiteral("NNSXS.KEY")).result().ok());
    openAndWait();
    QPointer<TtsClient> old = m_session->tts();
    QVERIFY(old);

    QVERIFY(m_store->setCurrentProfileId(second.id).ok());
    QTRY_COMPARE(m_session->state(), ProfileSession::State::Open);
    QCOMPARE(m_session->profile()->id, second.id);
    QVERIFY(m_session->tts());
    QVERIFY(m_session->tts() != old.data());
    QTRY_VERIFY(old.isNull()); // the old session's clients are deleted once control returns to the loop

    QVERIFY(m_store->setCurrentProfileId(QString()).ok());
    QTRY_COMPARE(m_session->state(), ProfileSession::State::Closed);
    QVERIFY(!m_session->tts());
}

void TestProfileSession::newerReopenCancelsOlder()
{
    const ConnectionProfile profile = sample(QStringLiteral("Plant"));
    addCurrent(profile);
    DeferredSecretStore deferred(m_secrets.get());
    ProfileSession session(m_store.get(), &deferred);
    QFuture<Status> first = session.reopen();
    QCOMPARE(session.state(), ProfileSession::State::Opening);
    QFuture<Status> second = session.reopen();
    QTRY_VERIFY(first.isFinished() && second.isFinished());
    QCOMPARE(first.result().error().kind(), ServiceError::Kind::Canceled);
    QVERIFY(second.result().ok());
    QCOMPARE(session.state(), ProfileSession::State::Open);
}

void TestProfileSession::doesNotFollowWhenTold()
{
    const ConnectionProfile profile = sample(QStringLiteral("Plant"));
    m_session->setFollowsStore(false);
    QSignalSpy state(m_session.get(), &ProfileSession::stateChanged);
    addCurrent(profile);
    QVERIFY(m_secrets->write(profile.id, SecretKind::TtsApiKey, QStringLiteral("NNSXS.KEY")).result().ok());
    QCoreApplication::processEvents();
    QCOMPARE(state.count(), 0);
    QCOMPARE(m_session->state(), ProfileSession::State::Closed);
}

QTEST_GUILESS_MAIN(TestProfileSession)
#include "tst_profilesession.moc"
