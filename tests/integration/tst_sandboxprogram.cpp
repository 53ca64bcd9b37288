// twinbridge-sandbox as a process: it writes sandbox.json once every listener is up, the listeners answer
// (device MQTT over TLS, service REST over HTTPS with the engine's own client, the admin API, the TTS REST API
// and the TTS MQTT broker — a real mosquitto — with the application's credentials over TLS), a new device's
// lifecycle event reaches a local "TTS" through the routes and the Function exactly as configured on the
// command line, SIGTERM/SIGINT stop it with exit code 0 (sandbox.json removed, the mosquitto child gone), a
// restart from the same state directory keeps the hubs, their keys, devices, twins and routing, the Entra
// stand-in's client secret (the engine's ClientSecretCredential gets a token with the first run's secret) and
// the TTS devices and API keys, POST /admin/reset brings the --devices back, --seed makes them reproducible,
// API key changes reach the broker, a missing mosquitto exits 69 at once, a dead broker ends the sandbox with
// 69, and bad usage exits 64 / 69.

#include "MqttTestClient.h"
#include "RecordingHttpServer.h"

#include "sandbox/routing/RoutingConfiguration.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/mqtt/MosquittoClient.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/MqttPacket.h"
#include "services/protocol/SasToken.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
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

struct HttpAnswer
{
    int status = 0;
    QJsonObject json;
    QByteArray totalCount; // X-Total-Count
};

// The pids of the processes whose parent is `parent` and whose name is `name` (from /proc).
QList<qint64> childProcesses(qint64 parent, const QByteArray &name)
{
    QList<qint64> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid …"
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (line.mid(open + 1, close - open - 1) == name && rest.size() > 1 && rest.at(1).toLongLong() == parent)
            pids.append(pid);
    }
    return pids;
}

bool processExists(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) != "Z"; // a zombie is gone too
}

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
    void ttsStateSurvivesARestart();
    void missingMosquittoExitsAtOnce_data();
    void missingMosquittoExitsAtOnce();
    void brokerCrashStopsTheSandbox();
    void seedMakesTtsStateReproducible();

private:
    // Starts the program and waits for sandbox.json (the description stays empty if it exits first).
    void start(Running *running, const QStringList &arguments,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    bool stop(Running &running, int signalNumber);
    QJsonObject adminGet(const QString &adminUrl, const QString &path);
    int adminPost(const QString &adminUrl, const QString &path, const QByteArray &body);
    QSslConfiguration trustSandbox(const QString &caPath) const;
    HttpAnswer http(const QByteArray &method, const QUrl &url, const QString &apiKey, const QByteArray &body = {});
    // Connects a MosquittoClient to the TTS MQTT listener sandbox.json names; the error of a refusal, or none.
    // With `topic`, waits for the first message and gives its topic.
    std::optional<ServiceError> connectToTtsMqtt(const QJsonObject &description, const QString &apiKey,
                                                 QString *topic = nullptr);
    qint64 brokerPid(const Running &running);

    QString m_program;
    QTemporaryDir m_state; // shared by the run and the restart
    QJsonObject m_firstAzure; // sandbox.json's azure section of the first run
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

HttpAnswer TestSandboxProgram::http(const QByteArray &method, const QUrl &url, const QString &apiKey,
                                    const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.json = QJsonDocument::fromJson(reply->readAll()).object();
    answer.totalCount = reply->rawHeader("X-Total-Count");
    reply->deleteLater();
    return answer;
}

std::optional<ServiceError> TestSandboxProgram::connectToTtsMqtt(const QJsonObject &description, const QString &apiKey,
                                                                 QString *topic)
{
    const QJsonObject tts = description.value(QStringLiteral("tts")).toObject();
    const QJsonObject mqtt = tts.value(QStringLiteral("mqtt")).toObject();
    MosquittoClient::Options options;
    options.clientId = QStringLiteral("tst-sandboxprogram");
    options.host = mqtt.value(QStringLiteral("host")).toString();
    options.port = quint16(mqtt.value(QStringLiteral("port")).toInt());
    options.tls = mqtt.value(QStringLiteral("tls")).toBool();
    if (options.tls)
        options.caFile = description.value(QStringLiteral("caCertificate")).toString();
    options.username = tts.value(QStringLiteral("applicationId")).toString() + QLatin1Char('@') +
        tts.value(QStringLiteral("tenantId")).toString();
    options.password = apiKey.toUtf8();
    MosquittoClient client;
    QSignalSpy connected(&client, &MosquittoClient::connected);
    QSignalSpy failed(&client, &MosquittoClient::connectionFailed);
    const Status started = client.connectToHost(options);
    if (!started)
        return started.error();
    if (!QTest::qWaitFor([&] { return !connected.isEmpty() || !failed.isEmpty(); }, 15000))
        return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("no answer from the broker"));
    if (!failed.isEmpty())
        return failed.first().first().value<ServiceError>();
    // Subscribing to the application's topics is allowed.
    QSignalSpy subscribed(&client, &MosquittoClient::subscribed);
    QSignalSpy received(&client, &MosquittoClient::messageReceived);
    if (!client
             .subscribe(tts.value(QStringLiteral("applicationId")).toString().prepend(QStringLiteral("v3/")) +
                            QStringLiteral("@sandbox/#"),
                        0)
             .ok() ||
        !subscribed.wait(10000)) {
        return ServiceError(ServiceError::Kind::Backend, QStringLiteral("could not subscribe"));
    }
    if (topic) {
        if (received.isEmpty() && !received.wait(20000))
            return ServiceError(ServiceError::Kind::Timeout, QStringLiteral("no message within 20 s"));
        *topic = received.first().first().toString();
    }
    client.disconnectFromHost();
    return std::nullopt;
}

qint64 TestSandboxProgram::brokerPid(const Running &running)
{
    const QList<qint64> pids = childProcesses(running.process->processId(), "mosquitto");
    return pids.size() == 1 ? pids.first() : 0;
}

void TestSandboxProgram::help()
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_program, {QStringLiteral("--help")});
    QVERIFY(finished.wait(30000));
    QCOMPARE(process.exitCode(), 0);
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    for (const char *expected :
         {"--state-dir", "--no-throttle", "--stack-base-url", "--stack-application-id", "--stack-api-key", "--seed",
          "--devices", "--uplink-interval", "--speed", "--no-tls", "--mosquitto", "Exit codes"}) {
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
    const auto withOption = [](const char *option, const char *value) {
        return QStringList {QStringLiteral("--state-dir"), QStringLiteral("/tmp/x"), QLatin1String(option),
                            QLatin1String(value)};
    };
    QTest::addRow("negative devices") << withOption("--devices", "-1") << "--devices must be a whole number from 0";
    QTest::addRow("too many devices") << withOption("--devices", "10001") << "--devices must be a whole number from 0";
    QTest::addRow("devices not a number") << withOption("--devices", "ten") << "--devices must be a whole number";
    QTest::addRow("zero interval") << withOption("--uplink-interval", "0") << "--uplink-interval must be a number";
    QTest::addRow("negative interval") << withOption("--uplink-interval", "-5") << "--uplink-interval must be a number";
    QTest::addRow("interval not a number")
        << withOption("--uplink-interval", "often") << "--uplink-interval must be a number";
    QTest::addRow("zero speed") << withOption("--speed", "0") << "--speed must be a number above 0";
    QTest::addRow("negative speed") << withOption("--speed", "-2") << "--speed must be a number above 0";
    QTest::addRow("speed not a number") << withOption("--speed", "fast") << "--speed must be a number above 0";
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

    // sandbox.json as DESIGN.md §3 shows it.
    const QJsonObject &json = running.description;
    QCOMPARE(QStringList(json.keys()),
             (QStringList {QStringLiteral("admin"), QStringLiteral("azure"), QStringLiteral("caCertificate"),
                           QStringLiteral("iotHub"), QStringLiteral("tts")}));
    const QJsonObject ttsSection = json.value(QStringLiteral("tts")).toObject();
    QCOMPARE(QStringList(ttsSection.keys()),
             (QStringList {QStringLiteral("api"), QStringLiteral("apiKey"), QStringLiteral("applicationId"),
                           QStringLiteral("mqtt"), QStringLiteral("tenantId")}));
    const QString ttsApi = ttsSection.value(QStringLiteral("api")).toString();
    QVERIFY2(ttsApi.startsWith(QStringLiteral("http://127.0.0.1:")) && ttsApi.endsWith(QStringLiteral("/api/v3")),
             qPrintable(ttsApi));
    QCOMPARE(ttsSection.value(QStringLiteral("applicationId")).toString(), QStringLiteral("demo-app"));
    QCOMPARE(ttsSection.value(QStringLiteral("tenantId")).toString(), QStringLiteral("sandbox"));
    const QString ttsKey = ttsSection.value(QStringLiteral("apiKey")).toString();
    QVERIFY2(ttsKey.startsWith(QStringLiteral("NNSXS.")) && ttsKey.size() == 6 + 39 + 1 + 52, qPrintable(ttsKey));
    const QJsonObject ttsMqtt = ttsSection.value(QStringLiteral("mqtt")).toObject();
    QCOMPARE(ttsMqtt.value(QStringLiteral("host")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(ttsMqtt.value(QStringLiteral("tls")).toBool(), true); // TLS unless --no-tls
    const int ttsMqttPort = ttsMqtt.value(QStringLiteral("port")).toInt();

    // TTS: the REST API answers with the key, and the real mosquitto takes the application's credentials over
    // TLS with the sandbox CA — and refuses a wrong key.
    const HttpAnswer application = http("GET", QUrl(ttsApi + QStringLiteral("/applications/demo-app")), ttsKey);
    QCOMPARE(application.status, 200);
    QCOMPARE(
        application.json.value(QStringLiteral("ids")).toObject().value(QStringLiteral("application_id")).toString(),
        QStringLiteral("demo-app"));
    const std::optional<ServiceError> refusal = connectToTtsMqtt(json, ttsKey);
    QVERIFY2(!refusal, refusal ? qPrintable(refusal->message()) : "");
    QString wrongKey = ttsKey;
    wrongKey[wrongKey.size() - 1] = wrongKey.endsWith(QLatin1Char('A')) ? QLatin1Char('B') : QLatin1Char('A');
    const std::optional<ServiceError> wrong = connectToTtsMqtt(json, wrongKey);
    QVERIFY(wrong);
    QCOMPARE(wrong->kind(), ServiceError::Kind::Unauthorized);
    const qint64 mosquittoPid = brokerPid(running);
    QVERIFY(mosquittoPid > 0);
    const QJsonObject azure = json.value(QStringLiteral("azure")).toObject();
    const QString authority = azure.value(QStringLiteral("authority")).toString();
    QVERIFY2(authority.startsWith(QStringLiteral("https://127.0.0.1:")), qPrintable(authority));
    QCOMPARE(azure.value(QStringLiteral("management")).toString(), authority);
    for (const char *key : {"tenantId", "subscriptionId", "clientId"})
        QVERIFY2(!QUuid::fromString(azure.value(QLatin1String(key)).toString()).isNull(), key);
    const QString clientSecret = azure.value(QStringLiteral("clientSecret")).toString();
    QCOMPARE(clientSecret.size(), 40);
    m_firstAzure = azure;
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
    QTRY_VERIFY_WITH_TIMEOUT(!processExists(mosquittoPid), 10000); // the broker went with it
    const QString output = QString::fromUtf8(running.process->readAllStandardOutput());
    QVERIFY2(output.contains(QStringLiteral("TTS API (HTTP): ") + ttsApi), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("TTS MQTT (mosquitto, TLS): 127.0.0.1:%1").arg(ttsMqttPort)),
             qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("TTS MQTT (mosquitto): 127.0.0.1:")), qPrintable(output));
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
    const QString ttsSecret = ttsKey.section(QLatin1Char('.'), 2);
    QVERIFY(!output.contains(ttsSecret));
    QVERIFY(!errors.contains(ttsSecret.toUtf8()));
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
    // The Entra stand-in's tenant, client id and client secret are those of the first run (the secret comes from
    // the state directory, written at the first start), and the first run's secret still gets a token.
    const QJsonObject azure = running.description.value(QStringLiteral("azure")).toObject();
    QVERIFY(!m_firstAzure.isEmpty());
    for (const char *key : {"tenantId", "clientId", "clientSecret", "subscriptionId"})
        QVERIFY2(azure.value(QLatin1String(key)) == m_firstAzure.value(QLatin1String(key)), key);
    QFile entraState(m_state.filePath(QStringLiteral("azure/entra.json")));
    QVERIFY(entraState.open(QIODevice::ReadOnly));
    QCOMPARE(azure.value(QStringLiteral("clientSecret")),
             QJsonDocument::fromJson(entraState.readAll()).object().value(QStringLiteral("clientSecret")));
    QCOMPARE(entraState.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    EntraAuthority authority;
    authority.authorityHost = QUrl(azure.value(QStringLiteral("authority")).toString());
    authority.tenant = m_firstAzure.value(QStringLiteral("tenantId")).toString();
    authority.clientId = m_firstAzure.value(QStringLiteral("clientId")).toString();
    ClientSecretCredential credential(authority, m_firstAzure.value(QStringLiteral("clientSecret")).toString(), &m_nam);
    credential.transport()->setSslConfiguration(
        trustSandbox(running.description.value(QStringLiteral("caCertificate")).toString()));
    QFuture<Result<AccessToken>> token = credential.token({authority.armScope});
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY2(token.result().ok(), qPrintable(token.result().error().toString()));

    QVERIFY(stop(running, SIGINT));
    QVERIFY(!QFile::exists(m_state.filePath(QStringLiteral("sandbox.json"))));
}

// --devices provisions on the first start only; TTS devices and keys made over REST, a hub device with its
// twin, and the hubs are all there after SIGTERM and a restart — which here also switches the TTS MQTT listener
// to the plain one with --no-tls.
void TestSandboxProgram::ttsStateSurvivesARestart()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    const QStringList arguments {
        QStringLiteral("--state-dir"), state.path(),         QStringLiteral("--devices"),         QStringLiteral("3"),
        QStringLiteral("--seed"),      QStringLiteral("42"), QStringLiteral("--uplink-interval"), QStringLiteral("5"),
        QStringLiteral("--speed"),     QStringLiteral("2")};
    const QString descriptionPath = state.filePath(QStringLiteral("sandbox.json"));
    auto startIn = [&](Running *running, const QStringList &extra) {
        running->process = std::make_unique<QProcess>();
        running->process->start(m_program, arguments + extra);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(descriptionPath) || running->process->state() == QProcess::NotRunning,
                                 StartTimeout);
        QFile file(descriptionPath);
        if (file.open(QIODevice::ReadOnly))
            running->description = QJsonDocument::fromJson(file.readAll()).object();
    };

    Running first;
    startIn(&first, {});
    QVERIFY2(!first.description.isEmpty(), first.process->readAllStandardError().constData());
    const QJsonObject tts = first.description.value(QStringLiteral("tts")).toObject();
    const QString api = tts.value(QStringLiteral("api")).toString();
    const QString key = tts.value(QStringLiteral("apiKey")).toString();
    const QString devices = api + QStringLiteral("/applications/demo-app/devices");

    // The three provisioned devices, in all four registries.
    const HttpAnswer provisioned = http("GET", QUrl(devices), key);
    QCOMPARE(provisioned.status, 200);
    QCOMPARE(provisioned.totalCount, QByteArray("3"));
    const QJsonArray firstList = provisioned.json.value(QStringLiteral("end_devices")).toArray();
    QCOMPARE(firstList.at(0)
                 .toObject()
                 .value(QStringLiteral("ids"))
                 .toObject()
                 .value(QStringLiteral("device_id"))
                 .toString(),
             QStringLiteral("dev-001"));
    QCOMPARE(http("GET", QUrl(api + QStringLiteral("/as/applications/demo-app/devices/dev-003")), key).status, 200);

    // A device and an API key made over REST.
    const QByteArray device = R"({"end_device":{"ids":{"device_id":"made-by-rest","dev_eui":"0004A30B001C0999",
        "join_eui":"0000000000000000"},"name":"From REST"},"field_mask":{"paths":["name"]}})";
    QCOMPARE(http("POST", QUrl(devices), key, device).status, 200);
    const HttpAnswer createdKey =
        http("POST", QUrl(api + QStringLiteral("/applications/demo-app/api-keys")), key,
             R"({"name":"restart-test","rights":["RIGHT_APPLICATION_INFO","RIGHT_APPLICATION_TRAFFIC_READ"]})");
    QCOMPARE(createdKey.status, 200);
    const QString restKey = createdKey.json.value(QStringLiteral("key")).toString();
    QVERIFY(restKey.startsWith(QStringLiteral("NNSXS.")));
    const HttpAnswer devicesBefore = http("GET", QUrl(devices + QStringLiteral("?field_mask=name")), key);
    QCOMPARE(devicesBefore.totalCount, QByteArray("4"));

    // A hub device with a twin, and a second hub.
    const QJsonObject iotHub = first.description.value(QStringLiteral("iotHub")).toObject();
    const QString caPath = first.description.value(QStringLiteral("caCertificate")).toString();
    HttpTransport transport(&m_nam);
    transport.setSslConfiguration(trustSandbox(caPath));
    IotHubCredentials credentials;
    credentials.hostName = iotHub.value(QStringLiteral("hostName")).toString();
    credentials.restEndpoint = QUrl(iotHub.value(QStringLiteral("rest")).toString());
    credentials.policyName = QStringLiteral("twinbridge");
    credentials.policyKey = iotHub.value(QStringLiteral("policyKey")).toString().toLatin1();
    {
        IotHubServiceClient client(&transport, credentials);
        DeviceIdentity identity;
        identity.deviceId = QStringLiteral("lora-restart");
        QFuture<Result<DeviceIdentity>> created = client.createDevice(identity);
        QTRY_VERIFY_WITH_TIMEOUT(created.isFinished(), 20000);
        QVERIFY2(created.result().ok(), qPrintable(created.result().error().toString()));
        QFuture<Result<DeviceTwin>> twin = client.updateTwin(
            QStringLiteral("lora-restart"),
            QJsonObject {{QStringLiteral("tags"), QJsonObject {{QStringLiteral("room"), QStringLiteral("B12")}}},
                         {QStringLiteral("properties"),
                          QJsonObject {{QStringLiteral("desired"), QJsonObject {{QStringLiteral("interval"), 600}}}}}});
        QTRY_VERIFY_WITH_TIMEOUT(twin.isFinished(), 20000);
        QVERIFY2(twin.result().ok(), qPrintable(twin.result().error().toString()));
    }
    const QString admin = first.description.value(QStringLiteral("admin")).toString();
    const QJsonObject hubsBefore = adminGet(admin, QStringLiteral("/hubs"));

    const qint64 mosquittoPid = brokerPid(first);
    QVERIFY(mosquittoPid > 0);
    QVERIFY(stop(first, SIGTERM));
    QTRY_VERIFY_WITH_TIMEOUT(!processExists(mosquittoPid), 10000);

    Running second;
    startIn(&second, {QStringLiteral("--no-tls")});
    QVERIFY2(!second.description.isEmpty(), second.process->readAllStandardError().constData());
    const QJsonObject tts2 = second.description.value(QStringLiteral("tts")).toObject();
    QCOMPARE(tts2.value(QStringLiteral("apiKey")).toString(), key);
    const QString api2 = tts2.value(QStringLiteral("api")).toString();
    const QString devices2 = api2 + QStringLiteral("/applications/demo-app/devices");
    // Same devices (no second provisioning), same key, the key made over REST still works.
    const HttpAnswer devicesAfter = http("GET", QUrl(devices2 + QStringLiteral("?field_mask=name")), key);
    QCOMPARE(devicesAfter.totalCount, QByteArray("4"));
    QCOMPARE(devicesAfter.json.value(QStringLiteral("end_devices")),
             devicesBefore.json.value(QStringLiteral("end_devices")));
    const HttpAnswer rights = http("GET", QUrl(api2 + QStringLiteral("/applications/demo-app/rights")), restKey);
    QCOMPARE(rights.status, 200);
    QCOMPARE(rights.json.value(QStringLiteral("rights")).toArray().size(), 2);
    QCOMPARE(http("GET", QUrl(api2 + QStringLiteral("/js/applications/demo-app/devices/dev-002")), key).status, 200);

    // --no-tls: sandbox.json names the plain listener, and the application's credentials work there.
    const QJsonObject mqtt2 = tts2.value(QStringLiteral("mqtt")).toObject();
    QCOMPARE(mqtt2.value(QStringLiteral("tls")).toBool(), false);
    // The virtual devices publish there (uplink every 5 s of simulated time at speed 2).
    QString topic;
    const std::optional<ServiceError> refusal = connectToTtsMqtt(second.description, key, &topic);
    QVERIFY2(!refusal, refusal ? qPrintable(refusal->message()) : "");
    QVERIFY2(topic.startsWith(QStringLiteral("v3/demo-app@sandbox/devices/")), qPrintable(topic));

    // The hubs, the device and its twin.
    const QString admin2 = second.description.value(QStringLiteral("admin")).toString();
    QCOMPARE(adminGet(admin2, QStringLiteral("/hubs")), hubsBefore);
    const QJsonObject iotHub2 = second.description.value(QStringLiteral("iotHub")).toObject();
    QCOMPARE(iotHub2.value(QStringLiteral("policyKey")), iotHub.value(QStringLiteral("policyKey")));
    credentials.restEndpoint = QUrl(iotHub2.value(QStringLiteral("rest")).toString());
    IotHubServiceClient client(&transport, credentials);
    QFuture<Result<DeviceTwin>> twin = client.getTwin(QStringLiteral("lora-restart"));
    QTRY_VERIFY_WITH_TIMEOUT(twin.isFinished(), 20000);
    QVERIFY2(twin.result().ok(), qPrintable(twin.result().error().toString()));
    QCOMPARE(twin.result().value().tags.value(QStringLiteral("room")).toString(), QStringLiteral("B12"));
    QCOMPARE(DeviceTwin::withoutMetadata(twin.result().value().desired).value(QStringLiteral("interval")).toInt(), 600);

    // POST /admin/reset empties the registries and provisions the --devices again: with the seed, the same ones.
    QCOMPARE(adminPost(admin2, QStringLiteral("/reset"), "{}"), 200);
    const HttpAnswer afterReset = http("GET", QUrl(devices2), key);
    QCOMPARE(afterReset.totalCount, QByteArray("3"));
    auto idsAndEuis = [](const QJsonArray &list) {
        QStringList result;
        for (const QJsonValue &item : list) {
            const QJsonObject ids = item.toObject().value(QStringLiteral("ids")).toObject();
            result.append(ids.value(QStringLiteral("device_id")).toString() + QLatin1Char('/') +
                          ids.value(QStringLiteral("dev_eui")).toString());
        }
        return result;
    };
    QCOMPARE(idsAndEuis(afterReset.json.value(QStringLiteral("end_devices")).toArray()), idsAndEuis(firstList));

    // Key changes reach the broker: with the default key deleted, the key made over REST is the MQTT password.
    const QString defaultKeyId = key.section(QLatin1Char('.'), 1, 1);
    QCOMPARE(http("DELETE", QUrl(api2 + QStringLiteral("/applications/demo-app/api-keys/") + defaultKeyId), key).status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(!connectToTtsMqtt(second.description, restKey), 15000);
    const std::optional<ServiceError> revoked = connectToTtsMqtt(second.description, key);
    QVERIFY(revoked);
    QCOMPARE(revoked->kind(), ServiceError::Kind::Unauthorized);

    const qint64 secondBroker = brokerPid(second);
    QVERIFY(secondBroker > 0);
    QVERIFY(stop(second, SIGINT));
    QTRY_VERIFY_WITH_TIMEOUT(!processExists(secondBroker), 10000);
}

void TestSandboxProgram::missingMosquittoExitsAtOnce_data()
{
    QTest::addColumn<bool>("viaEnvironment");
    QTest::addRow("--mosquitto") << false;
    QTest::addRow("TWINBRIDGE_SANDBOX_MOSQUITTO") << true;
}

void TestSandboxProgram::missingMosquittoExitsAtOnce()
{
    QFETCH(bool, viaEnvironment);
    QTemporaryDir state;
    const QString missing = state.filePath(QStringLiteral("no/such/mosquitto"));
    QStringList arguments {QStringLiteral("--state-dir"), state.path()};
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (viaEnvironment)
        environment.insert(QStringLiteral("TWINBRIDGE_SANDBOX_MOSQUITTO"), missing);
    else
        arguments << QStringLiteral("--mosquitto") << missing;
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    QElapsedTimer timer;
    timer.start();
    process.start(m_program, arguments);
    QVERIFY(finished.wait(30000));
    QVERIFY2(timer.elapsed() < 15000, "a missing broker must not wait for a timeout");
    QCOMPARE(process.exitCode(), 69);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("could not start")) &&
                 error.contains(QStringLiteral("mosquitto was not found")) && error.contains(missing),
             qPrintable(error));
    QVERIFY(!QFile::exists(state.filePath(QStringLiteral("sandbox.json"))));
    QCOMPARE(childProcesses(process.processId(), "mosquitto").size(), 0);
}

// The broker is part of the contract: when it dies, the sandbox says so and exits 69 instead of running on
// without MQTT.
void TestSandboxProgram::brokerCrashStopsTheSandbox()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    Running running;
    running.process = std::make_unique<QProcess>();
    running.process->start(m_program, {QStringLiteral("--state-dir"), state.path()});
    const QString descriptionPath = state.filePath(QStringLiteral("sandbox.json"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(descriptionPath) || running.process->state() == QProcess::NotRunning,
                             StartTimeout);
    QVERIFY2(QFile::exists(descriptionPath), running.process->readAllStandardError().constData());
    const qint64 broker = brokerPid(running);
    QVERIFY(broker > 0);
    QSignalSpy finished(running.process.get(), &QProcess::finished);
    ::kill(pid_t(broker), SIGKILL);
    QVERIFY(finished.wait(30000));
    QCOMPARE(running.process->exitCode(), 69);
    const QString error = QString::fromUtf8(running.process->readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("stopped working")), qPrintable(error));
    QVERIFY(!QFile::exists(descriptionPath));
}

// The same --seed in two fresh state directories gives the same API key and the same devices (ids, EUIs, keys);
// another seed gives others.
void TestSandboxProgram::seedMakesTtsStateReproducible()
{
    struct Snapshot
    {
        QString apiKey;
        QJsonValue devices;
    };
    auto run = [this](const QString &seed, Snapshot *snapshot) {
        QTemporaryDir state;
        QVERIFY(state.isValid());
        Running running;
        running.process = std::make_unique<QProcess>();
        running.process->start(m_program,
                               {QStringLiteral("--state-dir"), state.path(), QStringLiteral("--devices"),
                                QStringLiteral("2"), QStringLiteral("--seed"), seed});
        const QString path = state.filePath(QStringLiteral("sandbox.json"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path) || running.process->state() == QProcess::NotRunning, StartTimeout);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), running.process->readAllStandardError().constData());
        const QJsonObject tts =
            QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("tts")).toObject();
        snapshot->apiKey = tts.value(QStringLiteral("apiKey")).toString();
        // The JS entries carry the AppKeys.
        QJsonArray devices;
        for (const char *device : {"dev-001", "dev-002"}) {
            const HttpAnswer answer = http("GET",
                                           QUrl(tts.value(QStringLiteral("api")).toString() +
                                                QStringLiteral("/js/applications/demo-app/devices/") +
                                                QLatin1String(device) + QStringLiteral("?field_mask=root_keys")),
                                           snapshot->apiKey);
            QCOMPARE(answer.status, 200);
            devices.append(QJsonObject {{QStringLiteral("ids"), answer.json.value(QStringLiteral("ids"))},
                                        {QStringLiteral("root_keys"), answer.json.value(QStringLiteral("root_keys"))}});
        }
        snapshot->devices = devices;
        QVERIFY(stop(running, SIGTERM));
    };
    Snapshot first;
    Snapshot second;
    Snapshot other;
    run(QStringLiteral("1234"), &first);
    run(QStringLiteral("1234"), &second);
    run(QStringLiteral("99"), &other);
    QVERIFY(!first.apiKey.isEmpty());
    QVERIFY(first.devices.toArray()
                .at(0)
                .toObject()
                .value(QStringLiteral("root_keys"))
                .toObject()
                .contains(QStringLiteral("app_key")));
    QCOMPARE(second.apiKey, first.apiKey);
    QCOMPARE(second.devices, first.devices);
    QVERIFY(other.apiKey != first.apiKey);
    QVERIFY(other.devices != first.devices);
}

QTEST_GUILESS_MAIN(TestSandboxProgram)
#include "tst_sandboxprogram.moc"
