#include "FutureWait.h"
#include "services/core/Futures.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/MemorySecretStore.h"

#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace TwinBridge;
using namespace TwinBridge::Test;

// Runs against the real Secret Service (twinbridge_add_test(... KEYRING): gnome-keyring in a private D-Bus
// session, HOME in a temporary directory).
class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void keyFor_data();
    void keyFor();
    void writeThenReadReturnsTheSecret_data();
    void writeThenReadReturnsTheSecret();
    void overwriteReplacesTheSecret();
    void removeDeletesAndRemovingAgainSucceeds();
    void missingSecretIsNotConfigured_data();
    void missingSecretIsNotConfigured();
    void sameKindOfTwoProfilesIsDistinct();
    void kindsOfOneProfileAreDistinct();
    void storedUnderServiceNameAndKey();
    void secretNeverReachesAFileInPlaintext();
    void emitsSecretChanged();
    void emptyProfileIdIsRejected();
    void removeAllDeletesEveryKindOfOneProfileOnly();
    void removeAllReportsTheFirstRealError_data();
    void removeAllReportsTheFirstRealError();
    void errorFromJob_data();
    void errorFromJob();

private:
    Result<QString> read(const QString &profile, SecretKind kind);
    Status write(const QString &profile, SecretKind kind, const QString &secret);
    Status remove(const QString &profile, SecretKind kind);

    KeychainSecretStore m_store;
    QString m_profile;
};

void TestSecretStore::init()
{
    m_profile = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<QString> TestSecretStore::read(const QString &profile, SecretKind kind)
{
    QFuture<Result<QString>> future = m_store.read(profile, kind);
    if (!await(future))
        return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("keychain read did not finish"));
    return future.result();
}

Status TestSecretStore::write(const QString &profile, SecretKind kind, const QString &secret)
{
    QFuture<Status> future = m_store.write(profile, kind, secret);
    if (!await(future))
        return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("keychain write did not finish"));
    return future.result();
}

Status TestSecretStore::remove(const QString &profile, SecretKind kind)
{
    QFuture<Status> future = m_store.remove(profile, kind);
    if (!await(future))
        return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("keychain delete did not finish"));
    return future.result();
}

void TestSecretStore::keyFor_data()
{
    QTest::addColumn<SecretKind>("kind");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("displayName");
    const QString p = QStringLiteral("3f2a6c1e-0b7d-4e59-9a61-2d8f0c4b7e15");
    QTest::addRow("tts api key") << SecretKind::TtsApiKey << p + QStringLiteral("/tts-api-key")
                                 << QStringLiteral("TTS API key");
    QTest::addRow("hub policy key") << SecretKind::HubPolicyKey << p + QStringLiteral("/hub-policy-key")
                                    << QStringLiteral("IoT Hub policy key");
    QTest::addRow("azure client secret") << SecretKind::AzureClientSecret
                                         << p + QStringLiteral("/azure-client-secret")
                                         << QStringLiteral("Azure client secret");
    QTest::addRow("ingest key") << SecretKind::IngestKey << p + QStringLiteral("/ingest-key")
                                << QStringLiteral("ingest key");
    QTest::addRow("azure refresh token") << SecretKind::AzureRefreshToken
                                         << p + QStringLiteral("/azure-refresh-token")
                                         << QStringLiteral("Azure sign-in");
}

void TestSecretStore::keyFor()
{
    QFETCH(SecretKind, kind);
    QFETCH(QString, key);
    QFETCH(QString, displayName);
    QCOMPARE(SecretStore::keyFor(QStringLiteral("3f2a6c1e-0b7d-4e59-9a61-2d8f0c4b7e15"), kind), key);
    QCOMPARE(SecretStore::displayName(kind), displayName);
}

void TestSecretStore::writeThenReadReturnsTheSecret_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addRow("tts api key") << QStringLiteral(
        "NNSXS.ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLM.ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUV");
    QTest::addRow("base64 policy key") << QStringLiteral("kBx1pW1t0c+3k0G8nRz9Vw5cQyX3mS4rH8q2uJfL6dE=");
    QTest::addRow("unicode") << QStringLiteral("pässwörd-ключ-密钥-🔑");
    QTest::addRow("separators") << QStringLiteral("a;b=c&d/e\\f\"g' h");
    QTest::addRow("long") << QString(4096, QLatin1Char('x'));
}

void TestSecretStore::writeThenReadReturnsTheSecret()
{
    QFETCH(QString, secret);
    const Status written = write(m_profile, SecretKind::TtsApiKey, secret);
    QVERIFY2(written.ok(), qPrintable(written.error().toString()));
    const Result<QString> read = this->read(m_profile, SecretKind::TtsApiKey);
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    QCOMPARE(read.value(), secret);
}

void TestSecretStore::overwriteReplacesTheSecret()
{
    QVERIFY(write(m_profile, SecretKind::HubPolicyKey, QStringLiteral("first")).ok());
    QVERIFY(write(m_profile, SecretKind::HubPolicyKey, QStringLiteral("second")).ok());
    const Result<QString> read = this->read(m_profile, SecretKind::HubPolicyKey);
    QVERIFY(read.ok());
    QCOMPARE(read.value(), QStringLiteral("second"));
}

void TestSecretStore::removeDeletesAndRemovingAgainSucceeds()
{
    QVERIFY(write(m_profile, SecretKind::IngestKey, QStringLiteral("ingest-secret")).ok());
    QVERIFY(read(m_profile, SecretKind::IngestKey).ok());
    const Status removed = remove(m_profile, SecretKind::IngestKey);
    QVERIFY2(removed.ok(), qPrintable(removed.error().toString()));
    const Result<QString> gone = read(m_profile, SecretKind::IngestKey);
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().kind(), ServiceError::Kind::NotConfigured);
    const Status again = remove(m_profile, SecretKind::IngestKey);
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
}

void TestSecretStore::missingSecretIsNotConfigured_data()
{
    QTest::addColumn<SecretKind>("kind");
    QTest::addColumn<QString>("named");
    QTest::addColumn<QString>("where");
    QTest::addRow("tts api key") << SecretKind::TtsApiKey << QStringLiteral("TTS API key")
                                 << QStringLiteral("Connections page");
    QTest::addRow("policy key") << SecretKind::HubPolicyKey << QStringLiteral("IoT Hub policy key")
                                << QStringLiteral("Connections page");
    QTest::addRow("client secret") << SecretKind::AzureClientSecret << QStringLiteral("Azure client secret")
                                   << QStringLiteral("Connections page");
    QTest::addRow("ingest key") << SecretKind::IngestKey << QStringLiteral("ingest key")
                                << QStringLiteral("Connections page");
    QTest::addRow("refresh token") << SecretKind::AzureRefreshToken << QStringLiteral("Azure sign-in")
                                   << QStringLiteral("Sign in to Azure");
}

void TestSecretStore::missingSecretIsNotConfigured()
{
    QFETCH(SecretKind, kind);
    QFETCH(QString, named);
    QFETCH(QString, where);
    const Result<QString> read = this->read(m_profile, kind);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY2(read.error().message().contains(named), qPrintable(read.error().message()));
    QVERIFY2(read.error().message().contains(where), qPrintable(read.error().message()));
}

void TestSecretStore::sameKindOfTwoProfilesIsDistinct()
{
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(write(m_profile, SecretKind::TtsApiKey, QStringLiteral("key-of-first")).ok());
    QVERIFY(write(other, SecretKind::TtsApiKey, QStringLiteral("key-of-second")).ok());
    QCOMPARE(read(m_profile, SecretKind::TtsApiKey).value(), QStringLiteral("key-of-first"));
    QCOMPARE(read(other, SecretKind::TtsApiKey).value(), QStringLiteral("key-of-second"));

    QVERIFY(remove(m_profile, SecretKind::TtsApiKey).ok());
    QCOMPARE(read(m_profile, SecretKind::TtsApiKey).error().kind(), ServiceError::Kind::NotConfigured);
    QCOMPARE(read(other, SecretKind::TtsApiKey).value(), QStringLiteral("key-of-second"));
}

void TestSecretStore::kindsOfOneProfileAreDistinct()
{
    for (SecretKind kind : SecretStore::allKinds)
        QVERIFY(write(m_profile, kind, SecretStore::kindKey(kind) + QStringLiteral("-value")).ok());
    for (SecretKind kind : SecretStore::allKinds)
        QCOMPARE(read(m_profile, kind).value(), SecretStore::kindKey(kind) + QStringLiteral("-value"));
}

void TestSecretStore::storedUnderServiceNameAndKey()
{
    // Look the item up with libsecret's own tool: the secret is in the Secret Service under the service name
    // "TwinBridge" and the namespaced key, not somewhere TwinBridge alone can find it.
    const QString secret = QStringLiteral("visible-to-secret-tool");
    QVERIFY(write(m_profile, SecretKind::AzureClientSecret, secret).ok());
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), KeychainSecretStore::serviceName(),
                QStringLiteral("user"), SecretStore::keyFor(m_profile, SecretKind::AzureClientSecret)});
    QVERIFY2(tool.waitForFinished(10000), "secret-tool did not finish");
    QCOMPARE(tool.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(tool.readAllStandardOutput()).trimmed(), secret);
}

void TestSecretStore::secretNeverReachesAFileInPlaintext()
{
    const QString home = qEnvironmentVariable("TWINBRIDGE_TEST_HOME");
    QVERIFY2(!home.isEmpty(), "run through tests/support/with-keyring.sh");
    const QString secret = QStringLiteral("plaintext-canary-4f1d2c");
    QVERIFY(write(m_profile, SecretKind::TtsApiKey, secret).ok());
    QDirIterator files(home, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
    }
}

void TestSecretStore::emitsSecretChanged()
{
    QSignalSpy spy(&m_store, &SecretStore::secretChanged);
    QVERIFY(write(m_profile, SecretKind::IngestKey, QStringLiteral("x")).ok());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), m_profile);
    QCOMPARE(spy.at(0).at(1).value<SecretKind>(), SecretKind::IngestKey);
    QVERIFY(remove(m_profile, SecretKind::IngestKey).ok());
    QCOMPARE(spy.size(), 2);
    QVERIFY(read(m_profile, SecretKind::IngestKey).error().kind() == ServiceError::Kind::NotConfigured);
    QCOMPARE(spy.size(), 2);
}

void TestSecretStore::emptyProfileIdIsRejected()
{
    const Status written = write(QString(), SecretKind::TtsApiKey, QStringLiteral("x"));
    QVERIFY(!written.ok());
    QCOMPARE(written.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(read(QString(), SecretKind::TtsApiKey).error().kind(), ServiceError::Kind::InvalidInput);
}

void TestSecretStore::removeAllDeletesEveryKindOfOneProfileOnly()
{
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (SecretKind kind : SecretStore::allKinds)
        QVERIFY(write(m_profile, kind, QStringLiteral("secret-of-") + SecretStore::kindKey(kind)).ok());
    QVERIFY(write(other, SecretKind::TtsApiKey, QStringLiteral("other-profile-key")).ok());
    QSignalSpy changed(&m_store, &SecretStore::secretChanged);

    QFuture<Status> removed = m_store.removeAll(m_profile);
    QVERIFY(await(removed));
    QVERIFY2(removed.result().ok(), qPrintable(removed.result().error().toString()));
    for (SecretKind kind : SecretStore::allKinds) {
        const Result<QString> gone = read(m_profile, kind);
        QVERIFY2(!gone.ok(), qPrintable(SecretStore::kindKey(kind)));
        QCOMPARE(gone.error().kind(), ServiceError::Kind::NotConfigured);
    }
    QCOMPARE(changed.size(), int(std::size(SecretStore::allKinds)));
    QCOMPARE(read(other, SecretKind::TtsApiKey).value(), QStringLiteral("other-profile-key"));

    // Nothing left to remove is no error.
    QFuture<Status> again = m_store.removeAll(m_profile);
    QVERIFY(await(again));
    QVERIFY2(again.result().ok(), qPrintable(again.result().error().toString()));

    QFuture<Status> noProfile = m_store.removeAll(QString());
    QVERIFY(await(noProfile));
    QCOMPARE(noProfile.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(remove(other, SecretKind::TtsApiKey).ok());
}

namespace {

// A memory store whose remove() fails for chosen kinds with chosen errors.
class FailingRemoveStore : public MemorySecretStore
{
public:
    QMap<SecretKind, ServiceError> failures;
    QList<SecretKind> removed;

    QFuture<Status> remove(const QString &profileId, SecretKind kind) override
    {
        if (failures.contains(kind))
            return Futures::readyResult<Done>(failures.value(kind));
        removed.append(kind);
        return MemorySecretStore::remove(profileId, kind);
    }
};

} // namespace

void TestSecretStore::removeAllReportsTheFirstRealError_data()
{
    QTest::addColumn<QList<int>>("failingKinds");
    QTest::addColumn<QList<int>>("errorKinds");
    QTest::addColumn<QString>("expectedCode"); // empty: success
    const int backend = int(ServiceError::Kind::Backend);
    const int notConfigured = int(ServiceError::Kind::NotConfigured);
    const int notFound = int(ServiceError::Kind::NotFound);
    QTest::addRow("none") << QList<int> {} << QList<int> {} << QString();
    QTest::addRow("missing ones are fine") << QList<int> {int(SecretKind::TtsApiKey), int(SecretKind::IngestKey)}
                                           << QList<int> {notConfigured, notFound} << QString();
    QTest::addRow("one real error") << QList<int> {int(SecretKind::AzureClientSecret)} << QList<int> {backend}
                                    << QStringLiteral("code-2");
    QTest::addRow("first real error wins")
        << QList<int> {int(SecretKind::TtsApiKey), int(SecretKind::HubPolicyKey), int(SecretKind::AzureRefreshToken)}
        << QList<int> {notConfigured, backend, backend} << QStringLiteral("code-1");
}

void TestSecretStore::removeAllReportsTheFirstRealError()
{
    QFETCH(QList<int>, failingKinds);
    QFETCH(QList<int>, errorKinds);
    QFETCH(QString, expectedCode);
    FailingRemoveStore store;
    const QString profile = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (SecretKind kind : SecretStore::allKinds)
        QVERIFY(await(store.write(profile, kind, QStringLiteral("s"))));
    for (int i = 0; i < failingKinds.size(); ++i) {
        ServiceError error(ServiceError::Kind(errorKinds.at(i)), QStringLiteral("failure %1").arg(i));
        error.setCode(QStringLiteral("code-%1").arg(failingKinds.at(i)));
        store.failures.insert(SecretKind(failingKinds.at(i)), error);
    }
    QFuture<Status> removed = store.removeAll(profile);
    QVERIFY(await(removed));
    if (expectedCode.isEmpty()) {
        QVERIFY2(removed.result().ok(), qPrintable(removed.result().error().toString()));
    } else {
        QVERIFY(!removed.result().ok());
        QCOMPARE(removed.result().error().code(), expectedCode);
    }
    // Every other kind was removed all the same.
    QCOMPARE(store.removed.size(), int(std::size(SecretStore::allKinds)) - failingKinds.size());
    QCOMPARE(store.keys().size(), failingKinds.size());
}

void TestSecretStore::errorFromJob_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("errorString");
    QTest::addColumn<bool>("unavailable");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messageContains");

    QTest::addRow("no backend") << int(QKeychain::NoBackendAvailable) << QStringLiteral("No keychain service available")
                                << true << SecretStore::keychainUnavailableCode() << QStringLiteral("never");
    QTest::addRow("not implemented") << int(QKeychain::NotImplemented) << QStringLiteral("Not implemented") << true
                                     << SecretStore::keychainUnavailableCode() << QStringLiteral("No OS keychain");
    QTest::addRow("no session bus") << int(QKeychain::OtherError)
                                    << QStringLiteral("Could not connect: No such file or directory") << true
                                    << SecretStore::keychainUnavailableCode() << QStringLiteral("Secret Service");
    QTest::addRow("no display to autolaunch")
        << int(QKeychain::OtherError) << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY") << true
        << SecretStore::keychainUnavailableCode() << QStringLiteral("storing secrets in files");
    QTest::addRow("no secret service")
        << int(QKeychain::OtherError)
        << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service files") << true
        << SecretStore::keychainUnavailableCode() << QStringLiteral("start or unlock");
    QTest::addRow("locked collection")
        << int(QKeychain::OtherError)
        << QStringLiteral("Object does not exist at path “/org/freedesktop/secrets/collection/login”") << false
        << QStringLiteral("OtherError") << QStringLiteral("/org/freedesktop/secrets/collection/login");
    QTest::addRow("denied by user") << int(QKeychain::AccessDeniedByUser) << QStringLiteral("User canceled") << false
                                    << QStringLiteral("AccessDeniedByUser") << QStringLiteral("refused access");
    QTest::addRow("access denied") << int(QKeychain::AccessDenied) << QStringLiteral("Keyring is locked") << false
                                   << QStringLiteral("AccessDenied") << QStringLiteral("Keyring is locked");
    QTest::addRow("could not delete") << int(QKeychain::CouldNotDeleteEntry) << QStringLiteral("Item is read-only")
                                      << false << QStringLiteral("CouldNotDeleteEntry")
                                      << QStringLiteral("Item is read-only");
}

void TestSecretStore::errorFromJob()
{
    QFETCH(int, error);
    QFETCH(QString, errorString);
    QFETCH(bool, unavailable);
    QFETCH(QString, code);
    QFETCH(QString, messageContains);
    const ServiceError mapped = KeychainSecretStore::errorFromJob(QKeychain::Error(error), errorString,
                                                                  QStringLiteral("store the TTS API key"));
    QCOMPARE(mapped.kind(), ServiceError::Kind::Backend);
    QCOMPARE(SecretStore::isKeychainUnavailable(mapped), unavailable);
    QCOMPARE(mapped.code(), code);
    QCOMPARE(mapped.detail(), errorString);
    QVERIFY2(mapped.message().contains(messageContains), qPrintable(mapped.message()));
    QVERIFY(mapped.toString().startsWith(QStringLiteral("Could not store the TTS API key: ")));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
