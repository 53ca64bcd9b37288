#include "FutureWait.h"
#include "services/azure/SecretRefreshTokenStore.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/MemorySecretStore.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;

class TestSecretRefreshTokenStore : public QObject
{
    Q_OBJECT

private slots:
    void nothingStoredReadsEmpty();
    void roundTripThroughTheKeychain();
    void keychainFailureIsPassedOn();
};

void TestSecretRefreshTokenStore::nothingStoredReadsEmpty()
{
    KeychainSecretStore keychain;
    SecretRefreshTokenStore store(&keychain, QStringLiteral("6f0c3a1e-0000-4000-8000-000000000001"));
    auto loaded = store.load();
    QVERIFY(await(loaded));
    QVERIFY2(loaded.result().ok(), qPrintable(loaded.result().error().message()));
    QCOMPARE(loaded.result().value(), QString());
}

void TestSecretRefreshTokenStore::roundTripThroughTheKeychain()
{
    const QString profile = QStringLiteral("6f0c3a1e-0000-4000-8000-000000000002");
    KeychainSecretStore keychain;
    SecretRefreshTokenStore store(&keychain, profile);
    auto saved = store.save(QStringLiteral("0.AAAA-refresh-token"));
    QVERIFY(await(saved));
    QVERIFY(saved.result().ok());

    // A fresh keychain client sees it under the profile's AzureRefreshToken entry.
    KeychainSecretStore other;
    auto direct = other.read(profile, SecretKind::AzureRefreshToken);
    QVERIFY(await(direct));
    QCOMPARE(direct.result().value(), QStringLiteral("0.AAAA-refresh-token"));

    auto cleared = store.clear();
    QVERIFY(await(cleared));
    QVERIFY(cleared.result().ok());
    auto loaded = store.load();
    QVERIFY(await(loaded));
    QCOMPARE(loaded.result().value(), QString());
}

void TestSecretRefreshTokenStore::keychainFailureIsPassedOn()
{
    MemorySecretStore memory;
    memory.setFailure(ServiceError(ServiceError::Kind::Backend, QStringLiteral("The keychain is locked.")));
    SecretRefreshTokenStore store(&memory, QStringLiteral("p"));
    auto loaded = store.load();
    QVERIFY(await(loaded));
    QVERIFY(!loaded.result().ok());
    QCOMPARE(loaded.result().error().kind(), ServiceError::Kind::Backend);
    auto saved = store.save(QStringLiteral("t"));
    QVERIFY(await(saved));
    QVERIFY(!saved.result().ok());
}

QTEST_GUILESS_MAIN(TestSecretRefreshTokenStore)
#include "tst_secretrefreshtokenstore.moc"
