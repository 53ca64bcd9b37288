// twinbridge-sandbox as a process: it writes sandbox.json once every listener is up, the three listeners
// answer (device MQTT over TLS, service REST over HTTPS with the engine's own client, the admin API), a new
// device's lifecycle event reaches a local "TTS" through the routes and the Function exactly as configured on
// the command line, SIGTERM/SIGINT stop it with exit code 0 (sandbox.json removed), a restart from the same
// state directory keeps the hub, its keys, devices and routing, and bad usage exits 64 / 69.

#include "MqttTestClient.h"
#include "RecordingHttpServer.h"

#include "sandbox/mqtt/MqttPacket.h"
#include "sandbox/routing/RoutingConfiguration.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/SasToken.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;

namespace {

constexpr int StartTimeout = 60000;

struct Running
{
    std::unique_ptr<QProcess> process;
    QJsonObject description;
};

} // namespace

class TestSandboxProgram : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void help();
    void usageErrors_data();
    void usageErrors();
    void cannotStartOnAFile();
    void runsRoutesAndStops();
    void restartKeepsTheHub();

private:
    // Starts the program and waits for sandbox.json (the description stays empty if it exits first).
    void start(Running *running, const QStringList &arguments,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    bool stop(Running &running, int signalNumber);
    QJsonObject adminGet(const QString &adminUrl, const QString &path);
    int adminPost(const QString &adminUrl, const QString &path, const QByteArray &body);
    QSslConfiguration trustSandbox(const QString &caPath) const;

    QString m_program;
    QTemporaryDir m_state; // shared by the run and the restart
    QNetworkAccessManager m_nam;
};

void TestSandboxProgram::initTestCase()
{
    m_program = QStringLiteral(TWINBRIDGE_SANDBOX_PATH);
    QVERIFY2(QFile::exists(m_program), qPrintable(m_program));
    QVERIFY(m_state.isValid());
}

void TestSandboxProgram::start(Running *running, const QStringList &arguments, const QProcessEnvironment &environment)
{
    running->process = std::make_unique<QProcess>();
    running->process->setProcessEnvironment(environment);
    running->process->start(m_program, arguments);
    const QString path = m_state.filePath(QStringLiteral("sandbox.json"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path) || running->process->state() == QProcess::NotRunning, StartTimeout);
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        running->description = QJsonDocument::fromJson(file.readAll()).object();
}

bool TestSandboxProgram::stop(Running &running, int signalNumber)
{
    QSignalSpy finished(running.process.get(), &QProcess::finished);
    ::kill(pid_t(running.process->processId()), signalNumber);
    if (running.process->state() != QProcess::NotRunning && !finished.wait(30000))
        return false;
    return running.process->exitStatus() == QProcess::NormalExit && running.process->exitCode() == 0;
}

QJsonObject TestSandboxProgram::adminGet(const QString &adminUrl, const QString &path)
{
    QNetworkReply *reply = m_nam.get(QNetworkRequest(QUrl(adminUrl + path)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return json;
}

int TestSandboxProgram::adminPost(const QString &adminUrl, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(adminUrl + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

QSslConfiguration TestSandboxProgram::trustSandbox(const QString &caPath) const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(caPath));
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

void TestSandboxProgram::help()
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_program, {QStringLiteral("--help")});
    QVERIFY(finished.wait(30000));
    QCOMPARE(process.exitCode(), 0);
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    for (const char *expected : {"--state-dir", "--no-throttle", "--stack-base-url", "--stack-application-id",
                                 "--stack-api-key", "--seed", "Exit codes"}) {
        QVERIFY2(text.contains(QLatin1String(expected)), expected);
    }
}

void TestSandboxProgram::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("words");

    QTest::addRow("no state dir") << QStringList {} << "--state-dir DIR is required";
    QTest::addRow("empty state dir") << QStringList {QStringLiteral("--state-dir"), QString()}
                                     << "--state-dir DIR is required";
    QTest::addRow("unknown option") << QStringList {QStringLiteral("--bogus")} << "bogus";
    QTest::addRow("bad base URL") << QStringList {QStringLiteral("--state-dir"), QStringLiteral("/tmp/x"),
                                                  QStringLiteral("--stack-base-url"), QStringLiteral("ftp://h/api/v3")}
                                  << "http or https URL";
    QTest::addRow("bad seed") << QStringList {QStringLiteral("--state-dir"), QStringLiteral("/tmp/x"),
                                              QStringLiteral("--seed"), QStringLiteral("x1")}
                              << "--seed must be a whole number";
    QTest::addRow("positional") << QStringList {QStringLiteral("--state-dir"), QStringLiteral("/tmp/x"),
                                                QStringLiteral("extra")}
                                << "unexpected argument 'extra'";
}

void TestSandboxProgram::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, words);

    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_program, arguments);
    QVERIFY(finished.wait(30000));
    QCOMPARE(process.exitCode(), 64);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(words), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("--help")));
}

void TestSandboxProgram::cannotStartOnAFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("not-a-directory"));
    QFile touch(file);
    QVERIFY(touch.open(QIODevice::WriteOnly));
    touch.close();

    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_program, {QStringLiteral("--state-dir"), file});
    QVERIFY(finished.wait(30000));
    QCOMPARE(process.exitCode(), 69);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("could not start")), qPrintable(error));
    QVERIFY2(error.contains(file), qPrintable(error));
}

void TestSandboxProgram::runsRoutesAndStops()
{
    RecordingHttpServer tts;
    QVERIFY(tts.port != 0);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TWINBRIDGE_SANDBOX_STACK_API_KEY"), QStringLiteral("NNSXS.SANDBOX.SECRET"));
    Running running;
    start(&running,
          {QStringLiteral("--state-dir"), m_state.path(), QStringLiteral("--no-throttle"),
           QStringLiteral("--stack-base-url"), tts.baseUrl(), QStringLiteral("--stack-application-id"),
           QStringLiteral("demo-app")},
          environment);
    QVERIFY2(!running.description.isEmpty(), running.process->readAllStandardError().constData());

    // sandbox.json as DESIGN.md §3 shows it (without the tts part).
    const QJsonObject &json = running.description;
    QCOMPARE(QStringList(json.keys()), (QStringList {QStringLiteral("admin"), QStringLiteral("azure"),
                                                     QStringLiteral("caCertificate"), QStringLiteral("iotHub")}));
    const QJsonObject azure = json.value(QStringLiteral("azure")).toObject();
    const QString authority = azure.value(QStringLiteral("authority")).toString();
    QVERIFY2(authority.startsWith(QStringLiteral("https://127.0.0.1:")), qPrintable(authority));
    QCOMPARE(azure.value(QStringLiteral("management")).toString(), authority);
    for (const char *key : {"tenantId", "subscriptionId", "clientId"})
        QVERIFY2(!QUuid::fromString(azure.value(QLatin1String(key)).toString()).isNull(), key);
    const QString clientSecret = azure.value(QStringLiteral("clientSecret")).toString();
    QCOMPARE(clientSecret.size(), 40);
    const QJsonObject iotHub = json.value(QStringLiteral("iotHub")).toObject();
    QCOMPARE(iotHub.value(QStringLiteral("hostName")).toString(), QStringLiteral("sandbox-hub.azure-devices.net"));
    QCOMPARE(iotHub.value(QStringLiteral("policyName")).toString(), QStringLiteral("twinbridge"));
    const QString policyKey = iotHub.value(QStringLiteral("policyKey")).toString();
    QCOMPARE(QByteArray::fromBase64(policyKey.toLatin1()).size(), 32);
    const QUrl rest(iotHub.value(QStringLiteral("rest")).toString());
    QCOMPARE(rest.scheme(), QStringLiteral("https"));
    QCOMPARE(rest.host(), QStringLiteral("127.0.0.1"));
    const QJsonObject mqtt = iotHub.value(QStringLiteral("mqtt")).toObject();
    QCOMPARE(mqtt.value(QStringLiteral("host")).toString(), QStringLiteral("127.0.0.1"));
    const int mqttPort = mqtt.value(QStringLiteral("port")).toInt();
    QVERIFY(mqttPort > 0);
    const QString caPath = json.value(QStringLiteral("caCertificate")).toString();
    QCOMPARE(caPath, m_state.filePath(QStringLiteral("ca.pem")));
    QVERIFY(QFile::exists(caPath));
    const QString admin = json.value(QStringLiteral("admin")).toString();
    QVERIFY(admin.startsWith(QStringLiteral("http://127.0.0.1:")) && admin.endsWith(QStringLiteral("/admin")));
    QCOMPARE(QFile::permissions(m_state.filePath(QStringLiteral("sandbox.json"))) &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());

    // The admin API: the hub with the same key, throttles off, TTS's routing with the command line's settings.
    const QJsonObject hub = adminGet(admin, QStringLiteral("/hubs/sandbox-hub"));
    QCOMPARE(hub.value(QStringLiteral("sku")).toString(), QStringLiteral("S1"));
    QCOMPARE(hub.value(QStringLiteral("units")).toInt(), 1);
    QCOMPARE(hub.value(QStringLiteral("throttlesEnabled")).toBool(), false);
    bool keyMatches = false;
    for (const QJsonValue &policy : hub.value(QStringLiteral("policies")).toArray()) {
        if (policy.toObject().value(QStringLiteral("keyName")).toString() == QLatin1String("twinbridge"))
            keyMatches = policy.toObject().value(QStringLiteral("primaryKey")).toString() == policyKey;
    }
    QVERIFY(keyMatches);
    const QJsonObject routing = adminGet(admin, QStringLiteral("/hubs/sandbox-hub/routing"));
    const RoutingConfiguration expected = RoutingConfiguration::ttsTemplate(tts.baseUrl(), QStringLiteral("demo-app"),
                                                                            QStringLiteral("NNSXS.SANDBOX.SECRET"));
    QCOMPARE(routing, expected.toJson());

    // REST with the engine's own client, trusting only the sandbox CA: create a device.
    HttpTransport transport(&m_nam);
    transport.setSslConfiguration(trustSandbox(caPath));
    IotHubCredentials credentials;
    credentials.hostName = iotHub.value(QStringLiteral("hostName")).toString();
    credentials.restEndpoint = rest;
    credentials.policyName = QStringLiteral("twinbridge");
    credentials.policyKey = policyKey.toLatin1();
    IotHubServiceClient client(&transport, credentials);
    DeviceIdentity device;
    device.deviceId = QStringLiteral("lora-01");
    QFuture<Result<DeviceIdentity>> created = client.createDevice(device);
    QTRY_VERIFY_WITH_TIMEOUT(created.isFinished(), 20000);
    QVERIFY2(created.result().ok(), qPrintable(created.result().error().toString()));

    // The lifecycle event goes through TTSDeviceLifecycleEvents → StackEvents → Events → the Function → "TTS".
    QTRY_COMPARE_WITH_TIMEOUT(tts.requests.size(), 1, 20000);
    const RecordedRequest &post = tts.requests.constFirst();
    QCOMPARE(post.method, QByteArray("POST"));
    QCOMPARE(post.path, QStringLiteral("/api/v3/as/applications/demo-app/packages/azureiothub/events"));
    QCOMPARE(post.header("Authorization"), QByteArray("Bearer NNSXS.SANDBOX.SECRET"));
    const QJsonObject event = post.events().at(0).toObject();
    QCOMPARE(event.value(QStringLiteral("properties")).toObject().value(QStringLiteral("opType")).toString(),
             QStringLiteral("createDeviceIdentity"));
    QCOMPARE(event.value(QStringLiteral("end_device_ids")).toObject().value(QStringLiteral("device_id")).toString(),
             QStringLiteral("lora-01"));

    // MQTT over TLS: the device connects with a token signed by the policy.
    MqttTestClient mqttClient(trustSandbox(caPath));
    QVERIFY(mqttClient.open(quint16(mqttPort), credentials.hostName));
    const QString token =
        SasToken::sign(SasToken::deviceResource(credentials.hostName, QStringLiteral("lora-01")), credentials.policyKey,
                       QDateTime::currentSecsSinceEpoch() + 3600, QStringLiteral("twinbridge"));
    const std::optional<MqttPacket> connack = mqttClient.connectAs(
        QStringLiteral("lora-01"), credentials.hostName + QStringLiteral("/lora-01/?api-version=2021-04-12"), token);
    QVERIFY(connack);
    QCOMPARE(connack->type, MqttPacketType::Connack);
    QCOMPARE(connack->connackCode, MqttConnackCode::Accepted);

    // Metrics see the connection and the delivered event.
    QTRY_COMPARE_WITH_TIMEOUT(
        adminGet(admin, QStringLiteral("/hubs/sandbox-hub/metrics")).value(QStringLiteral("connectedDevices")).toInt(),
        1, 10000);
    QCOMPARE(
        adminGet(admin, QStringLiteral("/hubs/sandbox-hub/metrics")).value(QStringLiteral("eventsDelivered")).toInt(),
        1);

    // Faults reach the device endpoint: dropping connections closes this one, an outage refuses the next CONNECT
    // with CONNACK 3.
    QCOMPARE(
        adminPost(admin, QStringLiteral("/hubs/sandbox-hub/faults"), R"({"dropConnections":true,"outageSeconds":60})"),
        200);
    QVERIFY(mqttClient.waitForDisconnected());
    MqttTestClient second(trustSandbox(caPath));
    QVERIFY(second.open(quint16(mqttPort), credentials.hostName));
    const std::optional<MqttPacket> refused = second.connectAs(
        QStringLiteral("lora-01"), credentials.hostName + QStringLiteral("/lora-01/?api-version=2021-04-12"), token);
    QVERIFY(refused);
    QCOMPARE(refused->connackCode, MqttConnackCode::ServerUnavailable);
    QCOMPARE(adminPost(admin, QStringLiteral("/hubs/sandbox-hub/faults"), R"({"outageSeconds":0})"), 200);

    QVERIFY(stop(running, SIGTERM));
    QVERIFY(!QFile::exists(m_state.filePath(QStringLiteral("sandbox.json"))));
    const QString output = QString::fromUtf8(running.process->readAllStandardOutput());
    QVERIFY2(output.contains(QStringLiteral("IoT Hub device MQTT (TLS): 127.0.0.1:%1").arg(mqttPort)),
             qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("IoT Hub service REST (HTTPS): ") + rest.toString()), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Admin API (HTTP): ") + admin), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Azure: Entra ID and Resource Manager (HTTPS): ") + authority),
             qPrintable(output));
    // The API key and the client secret are secrets: not on stdout or stderr.
    const QByteArray errors = running.process->readAllStandardError();
    QVERIFY(!output.contains(QStringLiteral("SANDBOX.SECRET")));
    QVERIFY(!errors.contains("SANDBOX.SECRET"));
    QVERIFY(!output.contains(clientSecret));
    QVERIFY(!errors.contains(clientSecret.toUtf8()));
}

void TestSandboxProgram::restartKeepsTheHub()
{
    QFile previous(m_state.filePath(QStringLiteral("iothub/hubs.json")));
    QVERIFY2(previous.exists(), "runsRoutesAndStops must run first");
    Running running;
    start(&running, {QStringLiteral("--state-dir"), m_state.path()});
    QVERIFY2(!running.description.isEmpty(), running.process->readAllStandardError().constData());
    const QString admin = running.description.value(QStringLiteral("admin")).toString();

    const QJsonObject hub = adminGet(admin, QStringLiteral("/hubs/sandbox-hub"));
    QCOMPARE(hub.value(QStringLiteral("deviceCount")).toInt(), 1);
    QCOMPARE(hub.value(QStringLiteral("throttlesEnabled")).toBool(), true); // no --no-throttle this time
    bool keyKept = false;
    const QString policyKey =
        running.description.value(QStringLiteral("iotHub")).toObject().value(QStringLiteral("policyKey")).toString();
    for (const QJsonValue &policy : hub.value(QStringLiteral("policies")).toArray()) {
        if (policy.toObject().value(QStringLiteral("keyName")).toString() == QLatin1String("twinbridge"))
            keyKept = policy.toObject().value(QStringLiteral("primaryKey")).toString() == policyKey;
    }
    QVERIFY(keyKept);
    // The routing and its app settings were saved.
    const QJsonObject settings = adminGet(admin, QStringLiteral("/hubs/sandbox-hub/routing"))
                                     .value(QStringLiteral("function"))
                                     .toObject()
                                     .value(QStringLiteral("appSettings"))
                                     .toObject();
    QCOMPARE(settings.value(QStringLiteral("STACK_APPLICATION_ID")).toString(), QStringLiteral("demo-app"));
    QCOMPARE(settings.value(QStringLiteral("STACK_API_KEY")).toString(), QStringLiteral("NNSXS.SANDBOX.SECRET"));
    // The Entra stand-in's client secret comes from the state directory (written at the first start).
    QFile entraState(m_state.filePath(QStringLiteral("azure/entra.json")));
    QVERIFY(entraState.open(QIODevice::ReadOnly));
    QCOMPARE(running.description.value(QStringLiteral("azure")).toObject().value(QStringLiteral("clientSecret")),
             QJsonDocument::fromJson(entraState.readAll()).object().value(QStringLiteral("clientSecret")));
    QCOMPARE(entraState.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    QVERIFY(stop(running, SIGINT));
    QVERIFY(!QFile::exists(m_state.filePath(QStringLiteral("sandbox.json"))));
}

QTEST_GUILESS_MAIN(TestSandboxProgram)
#include "tst_sandboxprogram.moc"
