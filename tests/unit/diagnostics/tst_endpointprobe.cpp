// EndpointProbe: why an endpoint cannot be used — refused, an unknown host name, no TLS handshake in time (on a
// ManualClock), a peer that hangs up during the handshake — and which certificate problem decides the sentence.

#include "services/diagnostics/EndpointProbe.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace TwinBridge;

class TestEndpointProbe : public QObject
{
    Q_OBJECT

private slots:
    void refusedPortIsNamed();
    void unknownHostIsNamed();
    void plainPortAcceptsConnections();
    void silentTlsPortTimesOutOnTheClock();
    void peerClosingDuringHandshakeIsATlsFailure();
    void abortReportsCanceledOnce();
    void certificateProblemDecidingTheSentence_data();
    void certificateProblemDecidingTheSentence();
    void loopbackHosts_data();
    void loopbackHosts();

private:
    static EndpointProbe::Outcome run(EndpointProbe &probe, const QString &host, quint16 port,
                                      const std::optional<QSslConfiguration> &tls);
};

EndpointProbe::Outcome TestEndpointProbe::run(EndpointProbe &probe, const QString &host, quint16 port,
                                              const std::optional<QSslConfiguration> &tls)
{
    QSignalSpy finished(&probe, &EndpointProbe::finished);
    probe.start(host, port, tls);
    [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000); }();
    return finished.isEmpty() ? EndpointProbe::Outcome {} : finished.first().first().value<EndpointProbe::Outcome>();
}

void TestEndpointProbe::refusedPortIsNamed()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const quint16 port = server.serverPort();
    server.close();
    EndpointProbe probe;
    const EndpointProbe::Outcome outcome = run(probe, QStringLiteral("127.0.0.1"), port, std::nullopt);
    QCOMPARE(outcome.failure, EndpointProbe::Failure::Refused);
    QVERIFY2(outcome.sentence.contains(QStringLiteral("refused the connection on port %1").arg(int(port))),
             qPrintable(outcome.sentence));
    QVERIFY(!probe.isRunning());
}

void TestEndpointProbe::unknownHostIsNamed()
{
    EndpointProbe probe;
    // .invalid never resolves (RFC 6761).
    const EndpointProbe::Outcome outcome =
        run(probe, QStringLiteral("twinbridge-no-such-host.invalid"), 443, std::nullopt);
    QCOMPARE(outcome.failure, EndpointProbe::Failure::HostNotFound);
    QVERIFY2(outcome.sentence.contains(QLatin1String("could not be resolved (DNS)")), qPrintable(outcome.sentence));
    QVERIFY(outcome.sentence.contains(QLatin1String("twinbridge-no-such-host.invalid")));
}

void TestEndpointProbe::plainPortAcceptsConnections()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    EndpointProbe probe;
    const EndpointProbe::Outcome outcome = run(probe, QStringLiteral("127.0.0.1"), server.serverPort(), std::nullopt);
    QVERIFY(outcome.ok());
    QVERIFY(outcome.sentence.contains(QLatin1String("accepts connections")));
}

void TestEndpointProbe::silentTlsPortTimesOutOnTheClock()
{
    QTcpServer server; // accepts, never answers the ClientHello
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ManualClock clock;
    EndpointProbe probe(&clock);
    QSignalSpy finished(&probe, &EndpointProbe::finished);
    probe.start(QStringLiteral("127.0.0.1"), server.serverPort(), QSslConfiguration::defaultConfiguration(),
                std::chrono::seconds(10));
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    QTRY_VERIFY(accepted->bytesAvailable() > 0); // the ClientHello arrived
    clock.advance(std::chrono::seconds(9));
    QCOMPARE(finished.count(), 0);
    clock.advance(std::chrono::seconds(1));
    QCOMPARE(finished.count(), 1);
    const auto outcome = finished.first().first().value<EndpointProbe::Outcome>();
    QCOMPARE(outcome.failure, EndpointProbe::Failure::Timeout);
    QVERIFY2(outcome.sentence.contains(QLatin1String("did not complete a TLS handshake within 10 s")),
             qPrintable(outcome.sentence));
}

void TestEndpointProbe::peerClosingDuringHandshakeIsATlsFailure()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->write("this is not TLS\r\n");
            socket->disconnectFromHost();
        });
    });
    EndpointProbe probe;
    const EndpointProbe::Outcome outcome =
        run(probe, QStringLiteral("127.0.0.1"), server.serverPort(), QSslConfiguration::defaultConfiguration());
    QCOMPARE(outcome.failure, EndpointProbe::Failure::Tls);
    QVERIFY2(outcome.sentence.contains(QLatin1String("TLS")), qPrintable(outcome.sentence));
}

void TestEndpointProbe::abortReportsCanceledOnce()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ManualClock clock;
    EndpointProbe probe(&clock);
    QSignalSpy finished(&probe, &EndpointProbe::finished);
    probe.start(QStringLiteral("127.0.0.1"), server.serverPort(), QSslConfiguration::defaultConfiguration());
    QTRY_VERIFY(server.hasPendingConnections());
    probe.abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<EndpointProbe::Outcome>().failure, EndpointProbe::Failure::Canceled);
    clock.advance(std::chrono::minutes(1)); // the old timeout does nothing
    probe.abort();
    QCOMPARE(finished.count(), 1);
}

void TestEndpointProbe::certificateProblemDecidingTheSentence_data()
{
    QTest::addColumn<QList<int>>("errors");
    QTest::addColumn<QString>("words");
    using E = QSslError;
    QTest::addRow("untrusted issuer") << QList<int> {E::UnableToGetLocalIssuerCertificate}
                                      << QStringLiteral("a certificate authority this profile does not trust");
    QTest::addRow("self-signed") << QList<int> {E::SelfSignedCertificate} << QStringLiteral("does not trust");
    QTest::addRow("trust decides over the name")
        << QList<int> {E::HostNameMismatch, E::SelfSignedCertificateInChain} << QStringLiteral("Extra CA certificate");
    QTest::addRow("name") << QList<int> {E::HostNameMismatch} << QStringLiteral("Check the host name in the profile");
    QTest::addRow("expired") << QList<int> {E::CertificateExpired} << QStringLiteral("expired on");
    QTest::addRow("not yet valid") << QList<int> {E::CertificateNotYetValid}
                                   << QStringLiteral("Check this computer's clock");
    QTest::addRow("revoked") << QList<int> {E::CertificateRevoked} << QStringLiteral("revoked");
    QTest::addRow("no certificate") << QList<int> {E::NoPeerCertificate} << QStringLiteral("presented no certificate");
}

void TestEndpointProbe::certificateProblemDecidingTheSentence()
{
    QFETCH(QList<int>, errors);
    QFETCH(QString, words);
    QList<QSslError> sslErrors;
    for (int error : errors)
        sslErrors.append(QSslError(QSslError::SslError(error)));
    const QString sentence = EndpointProbe::certificateSentence(sslErrors, QStringLiteral("hub.example.net"));
    QVERIFY2(sentence.contains(words), qPrintable(sentence));
    QVERIFY(sentence.contains(QLatin1String("hub.example.net")));
}

void TestEndpointProbe::loopbackHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::addRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::addRow("127.1.2.3") << QStringLiteral("127.1.2.3") << true;
    QTest::addRow("::1") << QStringLiteral("::1") << true;
    QTest::addRow("localhost") << QStringLiteral("LocalHost") << true;
    QTest::addRow("LAN address") << QStringLiteral("192.168.1.5") << false;
    QTest::addRow("name") << QStringLiteral("eu1.cloud.thethings.network") << false;
}

void TestEndpointProbe::loopbackHosts()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(EndpointProbe::isLoopbackHost(host), loopback);
}

QTEST_GUILESS_MAIN(TestEndpointProbe)
#include "tst_endpointprobe.moc"
