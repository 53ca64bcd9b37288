// Every connection diagnosis against the in-process sandbox over real sockets (TLS with the sandbox's CA):
// the working profile passes; an unknown TTS key, a restricted TTS key (created through the admin API), a
// missing application, a wrong policy key, the hub's restricted policies (their keys read through the admin
// API), a CA file of another CA, a closed port, and Azure with a wrong secret or subscription each fail the
// check that names the problem.

#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/azure/TokenCredential.h"
#include "services/diagnostics/AzureConnectionTest.h"
#include "services/diagnostics/IotHubConnectionTest.h"
#include "services/diagnostics/TtsConnectionTest.h"
#include "services/iothub/DeviceIdentity.h"
#include "services/settings/SandboxProfileImport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using Check = ConnectionCheck::Status;

namespace {

QString describe(const std::optional<ConnectionCheck> &check)
{
    return check
        ? QStringLiteral("%1 %2: %3").arg(check->id, ConnectionCheck::statusName(check->status), check->sentence)
        : QStringLiteral("(no such check)");
}

QString describe(const ConnectionReport &report)
{
    QStringList lines;
    for (const ConnectionCheck &check : report.checks)
        lines.append(describe(check));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestConnectionTestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void ttsWorkingProfilePasses();
    void ttsUnknownKeyIsRefused();
    void ttsRestrictedKeyNamesTheMissingRights();
    void ttsMissingApplication();
    void ttsMqttWithAnotherCa();

    void hubWorkingProfilePasses();
    void hubWrongPolicyKey();
    void hubRestrictedPolicies_data();
    void hubRestrictedPolicies();
    void hubCaFileOfAnotherCa();
    void hubClosedPorts();

    void azureWorkingProfilePasses();
    void azureWrongClientSecret();
    void azureUnknownSubscription();

private:
    ConnectionReport run(ConnectionTest &test, int timeoutMs = 30000);
    QJsonObject admin(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QByteArray policyKey(const QString &policy);
    ConnectionReport runAzure(const ConnectionProfile &profile, const QString &secret);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    SandboxProfileImport::Description m_description;
    QString m_otherCaFile;
    quint16 m_closedPort = 0;
    const QString m_deviceId = QStringLiteral("diag-device-01");
};

void TestConnectionTestSandbox::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir->filePath(QStringLiteral("state"));
    options.throttlesEnabled = false;
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = awaitResult(m_sandbox->start(), 60000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
    const Result<SandboxProfileImport::Description> description =
        SandboxProfileImport::readFile(m_sandbox->descriptionPath());
    QVERIFY2(description.ok(), qPrintable(description.error().toString()));
    m_description = description.value();
    m_description.profile.id = ConnectionProfile::newId();
    m_nam = std::make_unique<QNetworkAccessManager>();

    // A device identity, so that DeviceConnect can be tried.
    DeviceIdentity identity;
    identity.deviceId = m_deviceId;
    auto *hub = m_sandbox->hubs()->hub(QLatin1String(TwinBridge::Sandbox::Sandbox::DefaultHubName));
    QVERIFY(hub);
    QVERIFY(hub->createDevice(identity).ok());

    // Another CA, as a user who picked the wrong PEM file.
    const QString otherCa = m_dir->filePath(QStringLiteral("other-ca"));
    const auto authority = TwinBridge::Sandbox::SandboxCertificateAuthority::loadOrCreate(otherCa);
    QVERIFY2(authority.ok(), qPrintable(authority.error().toString()));
    m_otherCaFile = authority.value().caCertificatePath();

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    m_closedPort = closed.serverPort();
    closed.close();
}

void TestConnectionTestSandbox::cleanupTestCase()
{
    m_nam.reset();
    if (m_sandbox)
        QVERIFY(await(m_sandbox->stop(), 30000));
    m_sandbox.reset();
    m_dir.reset();
}

ConnectionReport TestConnectionTestSandbox::run(ConnectionTest &test, int timeoutMs)
{
    QFuture<ConnectionReport> future = test.start();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), timeoutMs); }();
    if (!future.isFinished() || future.resultCount() == 0)
        return {};
    return future.result();
}

QJsonObject TestConnectionTestSandbox::admin(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    const QUrl url(m_description.adminUrl + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply =
        m_nam->sendCustomRequest(request, method, method == "GET" ? QByteArray() : QJsonDocument(body).toJson());
    [&] { QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000); }();
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    return QJsonDocument::fromJson(answer).object();
}

QByteArray TestConnectionTestSandbox::policyKey(const QString &policy)
{
    const QJsonObject hub = admin("GET", QStringLiteral("/hubs/sandbox-hub"));
    for (const QJsonValue &value : hub.value(QLatin1String("policies")).toArray()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QLatin1String("keyName")).toString() == policy)
            return entry.value(QLatin1String("primaryKey")).toString().toLatin1();
    }
    qWarning() << "no policy" << policy << "in" << hub;
    return {};
}

// ---- The Things Stack -------------------------------------------------------------------------------------

void TestConnectionTestSandbox::ttsWorkingProfilePasses()
{
    TtsConnectionTest test(m_description.profile, m_description.secrets.value(SecretKind::TtsApiKey), m_nam.get());
    const ConnectionReport report = run(test);
    QVERIFY2(report.overall() == Check::Passed, qPrintable(describe(report)));
    QCOMPARE(report.check(QStringLiteral("tts.mqttLogin"))->status, Check::Passed);
    QCOMPARE(report.check(QStringLiteral("tts.mqttReachable"))->status, Check::Passed);
    QVERIFY(report.check(QStringLiteral("tts.mqttReachable"))->sentence.contains(QLatin1String("trusted certificate")));
    // Plain HTTP to 127.0.0.1: nothing to verify, said so, not a failure.
    QCOMPARE(report.check(QStringLiteral("tts.tls"))->status, Check::Skipped);
}

void TestConnectionTestSandbox::ttsUnknownKeyIsRefused()
{
    const QString unknown =
        QStringLiteral("NNSXS.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
                       "BBBBBBBBBBBBBBBBBBBBBBBBBBB");
    TtsConnectionTest test(m_description.profile, unknown, m_nam.get());
    const ConnectionReport report = run(test);
    const auto key = report.check(QStringLiteral("tts.apiKey"));
    QVERIFY2(key->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY2(key->sentence.contains(QLatin1String("401")), qPrintable(key->sentence));
    QVERIFY(!key->sentence.contains(unknown));
    QCOMPARE(report.check(QStringLiteral("tts.mqttLogin"))->status, Check::Failed);
}

void TestConnectionTestSandbox::ttsRestrictedKeyNamesTheMissingRights()
{
    const QJsonObject created = admin("POST", QStringLiteral("/tts/api-keys"),
                                      QJsonObject {{QStringLiteral("name"), QStringLiteral("diagnostics-reader")},
                                                   {QStringLiteral("rights"),
                                                    QJsonArray {QStringLiteral("RIGHT_APPLICATION_INFO"),
                                                                QStringLiteral("RIGHT_APPLICATION_DEVICES_READ")}}});
    const QString key = created.value(QLatin1String("apiKey")).toObject().value(QLatin1String("key")).toString();
    QVERIFY2(key.startsWith(QLatin1String("NNSXS.")), QJsonDocument(created).toJson().constData());

    TtsConnectionTest test(m_description.profile, key, m_nam.get());
    const ConnectionReport report = run(test);
    QCOMPARE(report.check(QStringLiteral("tts.apiKey"))->status, Check::Passed);
    QCOMPARE(report.check(QStringLiteral("tts.application"))->status, Check::Passed);
    QCOMPARE(report.check(TtsConnectionTest::rightCheckId(TtsRights::Right::ApplicationDevicesRead))->status,
             Check::Passed);
    for (TtsRights::Right right :
         {TtsRights::Right::ApplicationDevicesWrite, TtsRights::Right::ApplicationDevicesWriteKeys,
          TtsRights::Right::ApplicationTrafficRead, TtsRights::Right::ApplicationTrafficDownWrite}) {
        const auto check = report.check(TtsConnectionTest::rightCheckId(right));
        QVERIFY2(check->status == Check::Failed, qPrintable(describe(check)));
        QVERIFY2(check->sentence.contains(TtsRights::wireName(right)), qPrintable(check->sentence));
    }
    // Without a traffic right the key is no MQTT password.
    const auto login = report.check(QStringLiteral("tts.mqttLogin"));
    QVERIFY2(login->status == Check::Failed, qPrintable(describe(login)));
    QVERIFY2(login->sentence.contains(QLatin1String("RIGHT_APPLICATION_TRAFFIC_READ")), qPrintable(login->sentence));
}

void TestConnectionTestSandbox::ttsMissingApplication()
{
    ConnectionProfile profile = m_description.profile;
    profile.tts.applicationId = QStringLiteral("no-such-app");
    TtsConnectionTest test(profile, m_description.secrets.value(SecretKind::TtsApiKey), m_nam.get());
    const ConnectionReport report = run(test);
    QCOMPARE(report.check(QStringLiteral("tts.apiKey"))->status, Check::Passed);
    const auto application = report.check(QStringLiteral("tts.application"));
    QVERIFY2(application->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY2(application->sentence.contains(QLatin1String("no-such-app")), qPrintable(application->sentence));
}

void TestConnectionTestSandbox::ttsMqttWithAnotherCa()
{
    ConnectionProfile profile = m_description.profile;
    QVERIFY(profile.tts.mqttTls);
    profile.tls.caCertificateFile = m_otherCaFile;
    TtsConnectionTest test(profile, m_description.secrets.value(SecretKind::TtsApiKey), m_nam.get());
    const ConnectionReport report = run(test);
    const auto mqtt = report.check(QStringLiteral("tts.mqttReachable"));
    QVERIFY2(mqtt->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY2(mqtt->sentence.contains(QLatin1String("does not trust")), qPrintable(mqtt->sentence));
    QVERIFY2(mqtt->sentence.contains(QLatin1String("Extra CA certificate")), qPrintable(mqtt->sentence));
}

// ---- IoT Hub ----------------------------------------------------------------------------------------------

void TestConnectionTestSandbox::hubWorkingProfilePasses()
{
    IotHubConnectionTest test(m_description.profile, m_description.secrets.value(SecretKind::HubPolicyKey).toLatin1(),
                              m_nam.get());
    const ConnectionReport report = run(test);
    for (const char *id : {"hub.reachable", "hub.tls", "hub.key", "hub.right.RegistryRead", "hub.right.RegistryWrite",
                           "hub.right.ServiceConnect", "hub.mqtt", "hub.right.DeviceConnect"}) {
        const auto check = report.check(QLatin1String(id));
        QVERIFY2(check && check->status == Check::Passed, qPrintable(describe(report)));
    }
    QVERIFY(report.check(QStringLiteral("hub.right.DeviceConnect"))->sentence.contains(m_deviceId));
    // The sandbox sends no Date header: the clock check says so instead of guessing.
    QCOMPARE(report.check(QStringLiteral("hub.clock"))->status, Check::Skipped);
    // The probes changed nothing: the probe device does not exist, the real one still does.
    auto *hub = m_sandbox->hubs()->hub(QLatin1String(TwinBridge::Sandbox::Sandbox::DefaultHubName));
    QCOMPARE(hub->deviceCount(), 1);
}

void TestConnectionTestSandbox::hubWrongPolicyKey()
{
    const QByteArray wrong = QByteArray("not the policy key, but well-formed base64").toBase64();
    IotHubConnectionTest test(m_description.profile, wrong, m_nam.get());
    const ConnectionReport report = run(test);
    const auto key = report.check(QStringLiteral("hub.key"));
    QVERIFY2(key->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY2(key->sentence.contains(QLatin1String("the key is wrong")), qPrintable(key->sentence));
    QVERIFY(!key->sentence.contains(QString::fromLatin1(wrong)));
    QCOMPARE(report.check(QStringLiteral("hub.right.RegistryWrite"))->status, Check::Skipped);
    QCOMPARE(report.check(QStringLiteral("hub.mqtt"))->status, Check::Passed);
}

void TestConnectionTestSandbox::hubRestrictedPolicies_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QStringList>("missing");
    QTest::addColumn<QStringList>("skipped");
    QTest::addRow("registryRead") << QStringLiteral("registryRead") << QStringList {QStringLiteral("RegistryRead")}
                                  << QStringList {QStringLiteral("RegistryWrite"), QStringLiteral("ServiceConnect")}
                                  << QStringList {QStringLiteral("DeviceConnect")};
    QTest::addRow("service") << QStringLiteral("service") << QStringList {QStringLiteral("ServiceConnect")}
                             << QStringList {QStringLiteral("RegistryRead"), QStringLiteral("RegistryWrite"),
                                             QStringLiteral("DeviceConnect")}
                             << QStringList {};
    QTest::addRow("registryReadWrite") << QStringLiteral("registryReadWrite")
                                       << QStringList {QStringLiteral("RegistryRead"), QStringLiteral("RegistryWrite")}
                                       << QStringList {QStringLiteral("ServiceConnect")}
                                       << QStringList {QStringLiteral("DeviceConnect")};
}

void TestConnectionTestSandbox::hubRestrictedPolicies()
{
    QFETCH(QString, policy);
    QFETCH(QStringList, granted);
    QFETCH(QStringList, missing);
    QFETCH(QStringList, skipped);
    const QByteArray key = policyKey(policy);
    QVERIFY(!key.isEmpty());
    ConnectionProfile profile = m_description.profile;
    profile.iotHub.policyName = policy;
    IotHubConnectionTest test(profile, key, m_nam.get());
    const ConnectionReport report = run(test);
    QVERIFY2(report.check(QStringLiteral("hub.key"))->status == Check::Passed, qPrintable(describe(report)));
    for (const QString &right : granted) {
        const auto check = report.check(QStringLiteral("hub.right.") + right);
        QVERIFY2(check->status == Check::Passed, qPrintable(describe(check)));
    }
    for (const QString &right : missing) {
        const auto check = report.check(QStringLiteral("hub.right.") + right);
        QVERIFY2(check->status == Check::Failed, qPrintable(describe(check)));
        QVERIFY2(check->sentence.contains(QStringLiteral("lacks ") + right), qPrintable(check->sentence));
        QVERIFY2(check->sentence.contains(policy), qPrintable(check->sentence));
    }
    for (const QString &right : skipped) {
        const auto check = report.check(QStringLiteral("hub.right.") + right);
        QVERIFY2(check->status == Check::Skipped, qPrintable(describe(check)));
    }
}

void TestConnectionTestSandbox::hubCaFileOfAnotherCa()
{
    ConnectionProfile profile = m_description.profile;
    profile.tls.caCertificateFile = m_otherCaFile;
    IotHubConnectionTest test(profile, m_description.secrets.value(SecretKind::HubPolicyKey).toLatin1(), m_nam.get());
    const ConnectionReport report = run(test);
    QCOMPARE(report.check(QStringLiteral("hub.reachable"))->status, Check::Passed);
    const auto tls = report.check(QStringLiteral("hub.tls"));
    QVERIFY2(tls->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY2(tls->sentence.contains(QLatin1String("a certificate authority this profile does not trust")),
             qPrintable(tls->sentence));
    QCOMPARE(report.check(QStringLiteral("hub.key"))->status, Check::Skipped);
    QCOMPARE(report.check(QStringLiteral("hub.mqtt"))->status, Check::Failed);

    // A CA "file" that holds no certificate is named as such before anything is sent.
    const QString notPem = m_dir->filePath(QStringLiteral("not-a-certificate.pem"));
    QFile file(notPem);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello");
    file.close();
    profile.tls.caCertificateFile = notPem;
    IotHubConnectionTest broken(profile, QByteArray("a2V5"), m_nam.get());
    const ConnectionReport brokenReport = run(broken);
    const auto brokenTls = brokenReport.check(QStringLiteral("hub.tls"));
    QVERIFY2(brokenTls->status == Check::Failed, qPrintable(describe(brokenReport)));
    QVERIFY2(brokenTls->sentence.contains(QLatin1String("holds no PEM certificate")), qPrintable(brokenTls->sentence));
}

void TestConnectionTestSandbox::hubClosedPorts()
{
    ConnectionProfile profile = m_description.profile;
    profile.iotHub.mqttPort = m_closedPort;
    IotHubConnectionTest test(profile, m_description.secrets.value(SecretKind::HubPolicyKey).toLatin1(), m_nam.get());
    const ConnectionReport report = run(test);
    QCOMPARE(report.check(QStringLiteral("hub.key"))->status, Check::Passed);
    const auto mqtt = report.check(QStringLiteral("hub.mqtt"));
    QVERIFY2(mqtt->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY2(mqtt->sentence.contains(QStringLiteral("refused the connection on port %1").arg(m_closedPort)),
             qPrintable(mqtt->sentence));
    QCOMPARE(report.check(QStringLiteral("hub.right.DeviceConnect"))->status, Check::Skipped);
}

// ---- Azure ------------------------------------------------------------------------------------------------

ConnectionReport TestConnectionTestSandbox::runAzure(const ConnectionProfile &profile, const QString &secret)
{
    ServiceError error;
    std::unique_ptr<TokenCredential> credential(
        AzureConnectionTest::makeCredential(profile, secret, nullptr, m_nam.get(), Clock::system(), nullptr, &error));
    if (!credential) {
        qWarning() << error.toString();
        return {};
    }
    AzureConnectionTest test(profile, credential.get(), m_nam.get());
    return run(test);
}

void TestConnectionTestSandbox::azureWorkingProfilePasses()
{
    const ConnectionReport report =
        runAzure(m_description.profile, m_description.secrets.value(SecretKind::AzureClientSecret));
    QVERIFY2(report.overall() == Check::Passed, qPrintable(describe(report)));
    QVERIFY(report.check(QStringLiteral("azure.subscription"))->sentence.contains(QLatin1String("readable")));
}

void TestConnectionTestSandbox::azureWrongClientSecret()
{
    const ConnectionReport report = runAzure(m_description.profile, QStringLiteral("not-the-secret"));
    const auto signIn = report.check(QStringLiteral("azure.signIn"));
    QVERIFY2(signIn && signIn->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY(!signIn->sentence.contains(QLatin1String("not-the-secret")));
    QCOMPARE(report.check(QStringLiteral("azure.subscription"))->status, Check::Skipped);
}

void TestConnectionTestSandbox::azureUnknownSubscription()
{
    ConnectionProfile profile = m_description.profile;
    profile.azure.subscriptionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const ConnectionReport report = runAzure(profile, m_description.secrets.value(SecretKind::AzureClientSecret));
    QCOMPARE(report.check(QStringLiteral("azure.signIn"))->status, Check::Passed);
    const auto subscription = report.check(QStringLiteral("azure.subscription"));
    QVERIFY2(subscription->status == Check::Failed, qPrintable(describe(report)));
    QVERIFY2(subscription->sentence.contains(profile.azure.subscriptionId), qPrintable(subscription->sentence));
}

QTEST_GUILESS_MAIN(TestConnectionTestSandbox)
#include "tst_connectiontestsandbox.moc"
