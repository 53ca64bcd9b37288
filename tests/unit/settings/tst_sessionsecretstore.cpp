#include "FutureWait.h"

#include "services/secrets/MemorySecretStore.h"
#include "services/secrets/SessionSecretStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;

namespace {
const QString ProfileId = QStringLiteral("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b");
}

// SessionSecretStore: the keychain until the user chooses memory for this run, then memory only.
class TestSessionSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void usesTheKeychainAtFirst();
    void keepsSecretsInMemoryOnceChosen();
    void forwardsChangesOfBothStores();
};

void TestSessionSecretStore::usesTheKeychainAtFirst()
{
    MemorySecretStore keychain; // stands in for the OS keychain
    SessionSecretStore session(&keychain);
    QVERIFY(!session.keepsSecretsInMemory());
    QCOMPARE(session.keychain(), &keychain);
    QCOMPARE(session.storedDescription(), keychain.storedDescription());

    QVERIFY(awaitResult(session.write(ProfileId, SecretKind::TtsApiKey, QStringLiteral("k1"))).ok());
    QCOMPARE(keychain.keys(), QStringList {SecretStore::keyFor(ProfileId, SecretKind::TtsApiKey)});
    QCOMPARE(awaitResult(session.read(ProfileId, SecretKind::TtsApiKey)).value(), QStringLiteral("k1"));
    QVERIFY(awaitResult(session.remove(ProfileId, SecretKind::TtsApiKey)).ok());
    QVERIFY(keychain.keys().isEmpty());

    // A keychain failure is passed on as it is (the caller decides whether to offer memory).
    keychain.setFailure(ServiceError(ServiceError::Kind::Backend, QStringLiteral("no keychain")));
    const Status failed = awaitResult(session.write(ProfileId, SecretKind::HubPolicyKey, QStringLiteral("k2")));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().message(), QStringLiteral("no keychain"));
}

void TestSessionSecretStore::keepsSecretsInMemoryOnceChosen()
{
    MemorySecretStore keychain;
    QVERIFY(awaitResult(keychain.write(ProfileId, SecretKind::IngestKey, QStringLiteral("in-keychain"))).ok());
    keychain.setFailure(ServiceError(ServiceError::Kind::Backend, QStringLiteral("no keychain")));
    SessionSecretStore session(&keychain);
    QSignalSpy switched(&session, &SessionSecretStore::keepsSecretsInMemoryChanged);

    session.keepSecretsInMemory();
    session.keepSecretsInMemory(); // once is enough
    QCOMPARE(switched.size(), 1);
    QCOMPARE(switched.constFirst().at(0).toBool(), true);
    QVERIFY(session.keepsSecretsInMemory());
    QVERIFY(session.storedDescription().contains(QStringLiteral("memory")));
    QVERIFY(SessionSecretStore::inMemoryNotice().contains(QStringLiteral("forgotten when TwinBridge exits")));

    QVERIFY(awaitResult(session.write(ProfileId, SecretKind::TtsApiKey, QStringLiteral("k1"))).ok());
    QCOMPARE(awaitResult(session.read(ProfileId, SecretKind::TtsApiKey)).value(), QStringLiteral("k1"));
    // Only memory is asked now: what the keychain holds is not seen, and nothing new reached it.
    QCOMPARE(awaitResult(session.read(ProfileId, SecretKind::IngestKey)).error().kind(),
             ServiceError::Kind::NotConfigured);
    keychain.clearFailure();
    QCOMPARE(keychain.keys(), QStringList {SecretStore::keyFor(ProfileId, SecretKind::IngestKey)});
    QVERIFY(awaitResult(session.remove(ProfileId, SecretKind::TtsApiKey)).ok());
    QCOMPARE(awaitResult(session.read(ProfileId, SecretKind::TtsApiKey)).error().kind(),
             ServiceError::Kind::NotConfigured);
}

void TestSessionSecretStore::forwardsChangesOfBothStores()
{
    MemorySecretStore keychain;
    SessionSecretStore session(&keychain);
    QSignalSpy changed(&session, &SecretStore::secretChanged);
    QVERIFY(awaitResult(session.write(ProfileId, SecretKind::TtsApiKey, QStringLiteral("k1"))).ok());
    session.keepSecretsInMemory();
    QVERIFY(awaitResult(session.write(ProfileId, SecretKind::HubPolicyKey, QStringLiteral("k2"))).ok());
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(0).at(1).value<SecretKind>(), SecretKind::TtsApiKey);
    QCOMPARE(changed.at(1).at(1).value<SecretKind>(), SecretKind::HubPolicyKey);
    QCOMPARE(changed.at(1).at(0).toString(), ProfileId);
}

QTEST_GUILESS_MAIN(TestSessionSecretStore)
#include "tst_sessionsecretstore.moc"
