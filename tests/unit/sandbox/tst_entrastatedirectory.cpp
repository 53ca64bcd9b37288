// The Entra ID stand-in's state directory: the tenant and client id are fixed, the client secret and the token
// signing key are written at the first start (owner-only) and read back on the next one, so sandbox.json, profiles
// and tokens issued before a restart stay valid. A damaged state file is an error that names the file, never a
// silent new secret.

#include "EntraTestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace EntraTest;

namespace {

QString statePath(const QTemporaryDir &directory)
{
    return QDir(directory.path()).filePath(QLatin1String(EntraStandIn::StateFileName));
}

QJsonObject readState(const QTemporaryDir &directory)
{
    QFile file(statePath(directory));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeState(const QTemporaryDir &directory, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(statePath(directory)).absolutePath());
    QFile file(statePath(directory));
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestEntraStateDirectory : public QObject
{
    Q_OBJECT

private slots:
    void firstStartWritesTheState();
    void restartKeepsTheIdentityAndItsTokens();
    void eachDirectoryHasItsOwnSecret();
    void damagedState_data();
    void damagedState();
};

void TestEntraStateDirectory::firstStartWritesTheState()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    Fixture f;
    const Status loaded = f.entra.setStateDirectory(directory.path());
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));

    QFile file(statePath(directory));
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() &
                 (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    const QJsonObject state = readState(directory);
    QCOMPARE(state.value(QStringLiteral("clientSecret")).toString(), f.entra.clientSecret());
    QVERIFY(f.entra.clientSecret().size() >= 32);
    QVERIFY(
        state.value(QStringLiteral("signingKey")).toString().startsWith(QStringLiteral("-----BEGIN PRIVATE KEY-----")));
    QCOMPARE(f.clientCredentials().status, 200);
}

void TestEntraStateDirectory::restartKeepsTheIdentityAndItsTokens()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QString secret;
    QString keyId;
    QString accessToken;
    QString refreshToken;
    {
        Fixture first;
        QVERIFY(first.entra.setStateDirectory(directory.path()).ok());
        secret = first.entra.clientSecret();
        keyId = first.entra.signingKey().keyId();
        accessToken = json(first.clientCredentials()).value(QStringLiteral("access_token")).toString();
        QVERIFY(!accessToken.isEmpty());
        refreshToken = first.signIn().value(QStringLiteral("refresh_token")).toString();
        QVERIFY(!refreshToken.isEmpty());
    }

    Fixture second;
    const Status loaded = second.entra.setStateDirectory(directory.path());
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));
    // The same tenant, client id and secret (what sandbox.json's azure section names) …
    QCOMPARE(second.entra.tenants().constFirst().id, tenantId());
    QCOMPARE(second.entra.applications().constFirst().clientId, clientId());
    QCOMPARE(second.entra.clientSecret(), secret);
    QCOMPARE(second.clientCredentials(armScope(), secret).status, 200);
    // … and the same signing key: a token issued before the restart is still valid, and the JWKS names its key.
    QCOMPARE(second.entra.signingKey().keyId(), keyId);
    const Result<EntraTokenClaims> claims =
        second.entra.validateAccessToken(accessToken, QLatin1String(AzureDefaults::ArmResource));
    QVERIFY2(claims.ok(), qPrintable(claims.error().message()));
    const QJsonArray keys = json(second.send("GET", QStringLiteral("/%1/discovery/v2.0/keys").arg(tenantId())))
                                .value(QStringLiteral("keys"))
                                .toArray();
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.at(0).toObject().value(QStringLiteral("kid")).toString(), keyId);
    // Refresh tokens live in memory only: a restart signs the user out (documented in docs/sandbox-entra.md).
    QCOMPARE(json(second.refresh(refreshToken)).value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    // The file was read, not rewritten.
    QCOMPARE(readState(directory).value(QStringLiteral("clientSecret")).toString(), secret);
}

void TestEntraStateDirectory::eachDirectoryHasItsOwnSecret()
{
    QTemporaryDir one;
    QTemporaryDir two;
    Fixture a;
    Fixture b;
    QVERIFY(a.entra.setStateDirectory(one.path()).ok());
    QVERIFY(b.entra.setStateDirectory(two.path()).ok());
    QVERIFY(a.entra.clientSecret() != b.entra.clientSecret());
    QVERIFY(a.entra.signingKey().keyId() != b.entra.signingKey().keyId());
    QCOMPARE(b.clientCredentials(armScope(), a.entra.clientSecret()).status, 401);
    // Without a state directory every instance makes its own.
    Fixture c;
    Fixture d;
    QVERIFY(c.entra.clientSecret() != d.entra.clientSecret());
}

void TestEntraStateDirectory::damagedState_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("why");

    QTest::addRow("not JSON") << QByteArray("{\"clientSecret\": ") << QString();
    QTest::addRow("no secret") << QByteArray("{\"signingKey\": \"x\"}") << QStringLiteral("no client secret");
    QTest::addRow("short secret") << QByteArray("{\"clientSecret\": \"short\", \"signingKey\": \"x\"}")
                                  << QStringLiteral("no client secret");
    QTest::addRow("broken key") << QByteArray("{\"clientSecret\": \"0123456789abcdef0123456789abcdef\", "
                                              "\"signingKey\": \"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END "
                                              "PRIVATE KEY-----\\n\"}")
                                << QString();
}

void TestEntraStateDirectory::damagedState()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, why);
    QTemporaryDir directory;
    QVERIFY(writeState(directory, content));
    Fixture f;
    const QString before = f.entra.clientSecret();
    const Status loaded = f.entra.setStateDirectory(directory.path());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().kind(), ServiceError::Kind::Backend);
    QCOMPARE(loaded.error().code(), QStringLiteral("SandboxStart"));
    QVERIFY2(loaded.error().message().contains(statePath(directory)), qPrintable(loaded.error().message()));
    QVERIFY2(loaded.error().message().contains(QStringLiteral("damaged")), qPrintable(loaded.error().message()));
    QVERIFY2(loaded.error().message().contains(why), qPrintable(loaded.error().message()));
    // Nothing was replaced: neither the file nor the secret in use.
    QFile file(statePath(directory));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QCOMPARE(f.entra.clientSecret(), before);
}

QTEST_GUILESS_MAIN(TestEntraStateDirectory)
#include "tst_entrastatedirectory.moc"
