#include "sandbox/tls/SandboxCertificateAuthority.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

class TestSandboxCa : public QObject
{
    Q_OBJECT

private slots:
    void createsFilesWithPrivateKeys();
    void serverCertificateChainsToTheCa();
    void reusesExistingFiles();
    void recreatesBrokenFiles();
    void handshake_data();
    void handshake();
    void untrustedWithoutTheCa();
};

void TestSandboxCa::createsFilesWithPrivateKeys()
{
    QTemporaryDir dir;
    const auto ca = SandboxCertificateAuthority::loadOrCreate(dir.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    QVERIFY(ca.value().wasCreated());
    for (const char *name : {"ca.pem", "ca.key", "server.pem", "server.key"})
        QVERIFY2(QFile::exists(dir.filePath(QLatin1String(name))), name);
    for (const char *name : {"ca.key", "server.key"}) {
        const auto permissions = QFile::permissions(dir.filePath(QLatin1String(name)));
        QCOMPARE(permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }
    QCOMPARE(ca.value().caCertificatePath(), dir.filePath(QStringLiteral("ca.pem")));
}

void TestSandboxCa::serverCertificateChainsToTheCa()
{
    QTemporaryDir dir;
    const auto ca = SandboxCertificateAuthority::loadOrCreate(dir.path());
    QVERIFY(ca.ok());
    const QSslCertificate server = ca.value().serverCertificate();
    const auto names = server.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("*.azure-devices.net")));
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    const auto errors = QSslCertificate::verify({server, ca.value().caCertificate()}, QStringLiteral("myhub.azure-devices.net"));
    // verify() checks against the system store; the only acceptable complaint is the self-signed root.
    for (const QSslError &error : errors) {
        QVERIFY2(error.error() == QSslError::SelfSignedCertificateInChain || error.error() == QSslError::UnableToGetLocalIssuerCertificate,
                 qPrintable(error.errorString()));
    }
}

void TestSandboxCa::reusesExistingFiles()
{
    QTemporaryDir dir;
    const auto first = SandboxCertificateAuthority::loadOrCreate(dir.path());
    const auto second = SandboxCertificateAuthority::loadOrCreate(dir.path());
    QVERIFY(first.ok() && second.ok());
    QVERIFY(!second.value().wasCreated());
    QCOMPARE(second.value().caCertificate(), first.value().caCertificate());
    QCOMPARE(second.value().serverCertificate(), first.value().serverCertificate());
}

void TestSandboxCa::recreatesBrokenFiles()
{
    QTemporaryDir dir;
    const auto first = SandboxCertificateAuthority::loadOrCreate(dir.path());
    QVERIFY(first.ok());
    QFile broken(dir.filePath(QStringLiteral("server.key")));
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("not a key");
    broken.close();
    const auto second = SandboxCertificateAuthority::loadOrCreate(dir.path());
    QVERIFY2(second.ok(), qPrintable(second.error().message()));
    QVERIFY(second.value().wasCreated());
    QVERIFY(!second.value().serverKey().isNull());
}

void TestSandboxCa::handshake_data()
{
    QTest::addColumn<QString>("peerName");
    QTest::addRow("hub host name") << QStringLiteral("sandbox-hub.azure-devices.net");
    QTest::addRow("loopback address") << QStringLiteral("127.0.0.1");
    QTest::addRow("localhost") << QStringLiteral("localhost");
}

void TestSandboxCa::handshake()
{
    QFETCH(QString, peerName);
    QTemporaryDir dir;
    const auto ca = SandboxCertificateAuthority::loadOrCreate(dir.path());
    QVERIFY(ca.ok());
    QSslServer server;
    server.setSslConfiguration(ca.value().serverConfiguration());
    QVERIFY(server.listen(QHostAddress::LocalHost));

    QSslSocket client;
    client.setSslConfiguration(ca.value().clientConfiguration());
    QSignalSpy encrypted(&client, &QSslSocket::encrypted);
    QSignalSpy errors(&client, &QSslSocket::sslErrors);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(), peerName);
    QVERIFY(encrypted.wait(10000));
    QCOMPARE(errors.size(), 0);
    QVERIFY(client.sessionProtocol() >= QSsl::TlsV1_2);
}

void TestSandboxCa::untrustedWithoutTheCa()
{
    QTemporaryDir dir;
    const auto ca = SandboxCertificateAuthority::loadOrCreate(dir.path());
    QVERIFY(ca.ok());
    QSslServer server;
    server.setSslConfiguration(ca.value().serverConfiguration());
    QVERIFY(server.listen(QHostAddress::LocalHost));

    QSslSocket client; // system trust store only
    QSignalSpy errors(&client, &QSslSocket::sslErrors);
    QSignalSpy disconnected(&client, &QSslSocket::disconnected);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(), QStringLiteral("x.azure-devices.net"));
    QVERIFY(errors.wait(10000));
    QVERIFY(!client.isEncrypted());
}

QTEST_GUILESS_MAIN(TestSandboxCa)
#include "tst_sandboxca.moc"
