#include "FutureWait.h"
#include "services/secrets/KeychainSecretStore.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

// Without any keychain (no D-Bus session, so no Secret Service) every call fails with a Backend error that
// says so, and nothing lands on disk: QtKeychain's insecure fallback would write a settings file under HOME.
// main() points HOME and the XDG directories at an empty temporary directory before anything runs.
class TestSecretStoreNoBackend : public QObject
{
    Q_OBJECT

public:
    explicit TestSecretStoreNoBackend(QString home)
        : m_home(std::move(home))
    {
    }

private slots:
    void initTestCase();
    void writeFailsWithClearError();
    void readFailsWithClearErrorNotNotConfigured();
    void removeFailsWithClearError();
    void nothingWasWrittenUnderHome();

private:
    void verifyUnavailable(const ServiceError &error, const QString &operationWords);

    QString m_home;
    KeychainSecretStore m_store;
    const QString m_profile = QStringLiteral("3f2a6c1e-0b7d-4e59-9a61-2d8f0c4b7e15");
};

void TestSecretStoreNoBackend::initTestCase()
{
    QCOMPARE(qEnvironmentVariable("HOME"), m_home);
    QVERIFY(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").startsWith(QStringLiteral("unix:path=/nonexistent")));
}

void TestSecretStoreNoBackend::verifyUnavailable(const ServiceError &error, const QString &operationWords)
{
    QCOMPARE(error.kind(), ServiceError::Kind::Backend);
    QVERIFY(SecretStore::isKeychainUnavailable(error));
    QVERIFY2(error.message().contains(QStringLiteral("No OS keychain is available")), qPrintable(error.message()));
    QVERIFY2(error.message().contains(QStringLiteral("never falls back to storing secrets in files")),
             qPrintable(error.message()));
    QVERIFY2(error.toString().contains(operationWords), qPrintable(error.toString()));
    QVERIFY(!error.detail().isEmpty()); // the keychain's own words, for the details pane
}

void TestSecretStoreNoBackend::writeFailsWithClearError()
{
    const QString secret = QStringLiteral("NNSXS.NOBACKENDCANARY");
    QFuture<Status> future = m_store.write(m_profile, SecretKind::TtsApiKey, secret);
    QVERIFY(await(future, 30000));
    const Status written = future.result();
    QVERIFY(!written.ok());
    verifyUnavailable(written.error(), QStringLiteral("Could not store the TTS API key"));
    QVERIFY(!written.error().toString().contains(secret));
    QVERIFY(!written.error().detail().contains(secret));
}

void TestSecretStoreNoBackend::readFailsWithClearErrorNotNotConfigured()
{
    QFuture<Result<QString>> future = m_store.read(m_profile, SecretKind::HubPolicyKey);
    QVERIFY(await(future, 30000));
    const Result<QString> read = future.result();
    QVERIFY(!read.ok());
    verifyUnavailable(read.error(), QStringLiteral("Could not read the IoT Hub policy key"));
}

void TestSecretStoreNoBackend::removeFailsWithClearError()
{
    QFuture<Status> future = m_store.remove(m_profile, SecretKind::IngestKey);
    QVERIFY(await(future, 30000));
    const Status removed = future.result();
    QVERIFY(!removed.ok());
    verifyUnavailable(removed.error(), QStringLiteral("Could not delete the ingest key"));
}

void TestSecretStoreNoBackend::nothingWasWrittenUnderHome()
{
    QStringList entries;
    QDirIterator it(m_home, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        entries.append(it.next());
    QVERIFY2(entries.isEmpty(), qPrintable(entries.join(QLatin1Char('\n'))));
}

int main(int argc, char *argv[])
{
    // Before QCoreApplication and GLib read the environment.
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    const QByteArray path = home.path().toUtf8();
    qputenv("HOME", path);
    qputenv("XDG_CONFIG_HOME", path + "/.config");
    qputenv("XDG_DATA_HOME", path + "/.local/share");
    qputenv("XDG_CACHE_HOME", path + "/.cache");
    qputenv("XDG_RUNTIME_DIR", path);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/twinbridge-no-bus");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");

    QCoreApplication app(argc, argv);
    TestSecretStoreNoBackend test(home.path());
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore_nobackend.moc"
