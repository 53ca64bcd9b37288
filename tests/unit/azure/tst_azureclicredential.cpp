#include "FutureWait.h"

#include "services/azure/AzureCliCredential.h"
#include "services/core/Clock.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;
using Kind = ServiceError::Kind;

namespace {

const QString kScope = QStringLiteral("https://management.azure.com/.default");

} // namespace

// Runs a fake `az` (a shell script in a temporary directory) instead of the real Azure CLI.
class TestAzureCliCredential : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void success();
    void passesTheTenant();
    void olderCliWithLocalExpiry();
    void notSignedIn();
    void otherFailure();
    void programNotFound_data();
    void programNotFound();
    void malformedOutput();
    void timeoutKillsTheCli();
    void onlyOneDefaultScope();

private:
    QString writeScript(const QByteArray &body);
    QStringList recordedArguments() const;

    QTemporaryDir *m_dir = nullptr;
    ManualClock *m_clock = nullptr;
    AzureCliCredential *m_credential = nullptr;
};

void TestAzureCliCredential::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_clock = new ManualClock;
    m_credential = new AzureCliCredential(m_clock);
}

void TestAzureCliCredential::cleanup()
{
    delete m_credential;
    m_credential = nullptr;
    delete m_clock;
    m_clock = nullptr;
    delete m_dir;
    m_dir = nullptr;
}

QString TestAzureCliCredential::writeScript(const QByteArray &body)
{
    const QString path = m_dir->filePath(QStringLiteral("az"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args.txt\"\n");
    file.write(body);
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_credential->setProgram(path);
    return path;
}

QStringList TestAzureCliCredential::recordedArguments() const
{
    QFile file(m_dir->filePath(QStringLiteral("args.txt")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TestAzureCliCredential::success()
{
    // expires_on 1767229200 = 2026-01-01T01:00:00Z
    writeScript(
        "cat <<'JSON'\n"
        "{\"accessToken\":\"CLI-TOKEN-1\",\"expiresOn\":\"2026-01-01 01:00:00.000000\",\"expires_on\":1767229200,"
        "\"subscription\":\"s1\",\"tenant\":\"t1\",\"tokenType\":\"Bearer\"}\n"
        "JSON\n");
    const Result<AccessToken> token = awaitResult(m_credential->token({kScope}), 20000);
    QVERIFY2(token.ok(), qPrintable(token.error().toString() + QLatin1Char(' ') + token.error().detail()));
    QCOMPARE(token.value().token, QStringLiteral("CLI-TOKEN-1"));
    QCOMPARE(token.value().expiresOn, QDateTime(QDate(2026, 1, 1), QTime(1, 0), Qt::UTC));
    QCOMPARE(recordedArguments(),
             (QStringList {QStringLiteral("account"), QStringLiteral("get-access-token"), QStringLiteral("--output"),
                           QStringLiteral("json"), QStringLiteral("--resource"),
                           QStringLiteral("https://management.azure.com")}));
    // Cached: no second run.
    QFile::remove(m_dir->filePath(QStringLiteral("args.txt")));
    QCOMPARE(awaitResult(m_credential->token({kScope}), 20000).value().token, QStringLiteral("CLI-TOKEN-1"));
    QVERIFY(recordedArguments().isEmpty());
}

void TestAzureCliCredential::passesTheTenant()
{
    writeScript("echo '{\"accessToken\":\"T\",\"expires_on\":\"1767229200\"}'\n");
    m_credential->setTenant(QStringLiteral("contoso.onmicrosoft.com"));
    QVERIFY(awaitResult(m_credential->token({QStringLiteral("https://management.usgovcloudapi.net/.default")}), 20000)
                .ok());
    QCOMPARE(recordedArguments(),
             (QStringList {QStringLiteral("account"), QStringLiteral("get-access-token"), QStringLiteral("--output"),
                           QStringLiteral("json"), QStringLiteral("--resource"),
                           QStringLiteral("https://management.usgovcloudapi.net"), QStringLiteral("--tenant"),
                           QStringLiteral("contoso.onmicrosoft.com")}));
}

void TestAzureCliCredential::olderCliWithLocalExpiry()
{
    writeScript("echo '{\"accessToken\":\"T\",\"expiresOn\":\"2026-01-01 01:30:00.000000\"}'\n");
    const Result<AccessToken> token = awaitResult(m_credential->token({kScope}), 20000);
    QVERIFY(token.ok());
    QCOMPARE(token.value().expiresOn, QDateTime(QDate(2026, 1, 1), QTime(1, 30), Qt::LocalTime).toUTC());
}

void TestAzureCliCredential::notSignedIn()
{
    writeScript("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
    const Result<AccessToken> token = awaitResult(m_credential->token({kScope}), 20000);
    QCOMPARE(token.error().kind(), Kind::NotConfigured);
    QVERIFY(token.error().message().contains(QStringLiteral("az login")));
    QVERIFY(token.error().detail().contains(QStringLiteral("Please run 'az login'")));
    QVERIFY(token.error().toString().startsWith(QStringLiteral("Could not get an Azure token from the Azure CLI")));
}

void TestAzureCliCredential::otherFailure()
{
    writeScript("echo 'ERROR: (SubscriptionNotFound) something broke' >&2\nexit 2\n");
    const Result<AccessToken> token = awaitResult(m_credential->token({kScope}), 20000);
    QCOMPARE(token.error().kind(), Kind::Backend);
    QVERIFY(token.error().message().contains(QStringLiteral("exit code 2")));
    QVERIFY(token.error().detail().contains(QStringLiteral("something broke")));
}

void TestAzureCliCredential::programNotFound_data()
{
    QTest::addColumn<bool>("asPath");
    QTest::addRow("absolute path") << true;
    QTest::addRow("name on PATH") << false;
}

void TestAzureCliCredential::programNotFound()
{
    QFETCH(bool, asPath);
    m_credential->setProgram(asPath ? m_dir->filePath(QStringLiteral("no-such-az"))
                                    : QStringLiteral("twinbridge-test-no-such-az"));
    QVERIFY(m_credential->resolvedProgram().isEmpty());
    const Result<AccessToken> token = awaitResult(m_credential->token({kScope}), 20000);
    QCOMPARE(token.error().kind(), Kind::Unsupported);
    QCOMPARE(token.error().message(),
             QStringLiteral("Azure CLI (az) was not found on PATH — install it or sign in another way."));
}

void TestAzureCliCredential::malformedOutput()
{
    writeScript("echo 'WARNING: something'\necho '{\"tokenType\":\"Bearer\"}'\n");
    Result<AccessToken> token = awaitResult(m_credential->token({kScope}), 20000);
    QCOMPARE(token.error().kind(), Kind::MalformedResponse);

    writeScript("echo '{\"accessToken\":\"SECRET-IN-OUTPUT\"}'\n"); // no expiry
    m_credential->clearCache();
    token = awaitResult(m_credential->token({kScope}), 20000);
    QCOMPARE(token.error().kind(), Kind::MalformedResponse);
    QVERIFY(!token.error().detail().contains(QStringLiteral("SECRET-IN-OUTPUT")));
    QVERIFY(!token.error().message().contains(QStringLiteral("SECRET-IN-OUTPUT")));
}

void TestAzureCliCredential::timeoutKillsTheCli()
{
    writeScript("echo started > \"$(dirname \"$0\")/started.txt\"\nexec sleep 30\n");
    m_credential->setTimeout(10s);
    auto future = m_credential->token({kScope});
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir->filePath(QStringLiteral("started.txt"))), 20000);
    QVERIFY(!future.isFinished());
    m_clock->advance(10s);
    const Result<AccessToken> token = awaitResult(future, 20000);
    QCOMPARE(token.error().kind(), Kind::Timeout);
    QVERIFY(token.error().message().contains(QStringLiteral("did not answer in time")));
    // The killed CLI is reaped and its QProcess deleted.
    QTRY_VERIFY_WITH_TIMEOUT(m_credential->findChildren<QProcess *>().isEmpty(), 20000);
}

void TestAzureCliCredential::onlyOneDefaultScope()
{
    writeScript("exit 0\n");
    const Result<AccessToken> token = awaitResult(m_credential->token({kScope, QStringLiteral("openid")}), 20000);
    QCOMPARE(token.error().kind(), Kind::InvalidInput);
    QVERIFY(recordedArguments().isEmpty());
}

QTEST_GUILESS_MAIN(TestAzureCliCredential)
#include "tst_azureclicredential.moc"
