// twinbridged as a process against the in-process sandbox: the command line and its exit codes, a run from
// sandbox.json with stats and events on standard output, a graceful drain on SIGTERM, and kill -9 during a
// hub outage followed by a restart — every uplink arrives, duplicates carry the same $.mid.

#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/tts/VirtualDeviceFleet.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

const QString App = QStringLiteral("demo-app");
const QString Hub = QStringLiteral("sandbox-hub");

// One twinbridged process and everything it printed.
struct Daemon
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray out;
    QByteArray err;

    void start(const QStringList &arguments,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess *p = process.get();
        QObject::connect(p, &QProcess::readyReadStandardOutput, p,
                         [this]() { out += process->readAllStandardOutput(); });
        QObject::connect(p, &QProcess::readyReadStandardError, p, [this]() { err += process->readAllStandardError(); });
        p->setProcessEnvironment(environment);
        p->start(QStringLiteral(TWINBRIDGED_PATH), arguments);
    }
    // The last stats line's counter, or -1.
    qint64 counter(const QString &key) const
    {
        qint64 value = -1;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject json = QJsonDocument::fromJson(line).object();
            if (json.value(QLatin1String("type")).toString() == QLatin1String("stats"))
                value = json.value(QLatin1String("counters")).toObject().value(key).toInteger(-1);
        }
        return value;
    }
};

} // namespace

class TestTwinbridgedSandbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helpExplainsTheOptionsAndExitCodes();
    void wrongCommandLinesExitWithTheDocumentedCodes_data();
    void wrongCommandLinesExitWithTheDocumentedCodes();
    void missingSecretsExitWithAConfigurationError();
    void runsAgainstTheSandboxAndDrainsOnSigterm();
    void killDuringAHubOutageLosesNothing();

private:
    void startSandbox(int devices);
    SandboxHub *hub() const { return m_sandbox->hubs()->hub(Hub); }
    int uplinkMessages(QSet<QString> *messageIds = nullptr, QSet<QString> *frames = nullptr) const;
    QStringList sandboxArguments() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
};

void TestTwinbridgedSandbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTwinbridgedSandbox::cleanup()
{
    if (m_sandbox) {
        QVERIFY(Test::await(m_sandbox->stop(), 15000));
        m_sandbox.reset();
    }
    m_dir.reset();
}

void TestTwinbridgedSandbox::startSandbox(int devices)
{
    TwinBridge::Sandbox::Sandbox::Options options;
    options.stateDirectory = m_dir->filePath(QStringLiteral("sandbox"));
    options.devices = devices;
    options.seed = 7;
    options.throttlesEnabled = false;
    options.ttsMqttTls = false;
    options.uplinkInterval = 1h;
    m_sandbox = std::make_unique<TwinBridge::Sandbox::Sandbox>(options);
    const Status started = Test::awaitResult(m_sandbox->start(), 30000);
    QVERIFY2(started.ok(), qPrintable(started.error().toString()));
}

QStringList TestTwinbridgedSandbox::sandboxArguments() const
{
    return {QStringLiteral("--sandbox"), m_sandbox->descriptionPath(), QStringLiteral("--ingest-port"),
            QStringLiteral("0"),         QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("outbox")),
            QStringLiteral("--stats"),   QStringLiteral("1"),          QStringLiteral("--drain-seconds"),
            QStringLiteral("5")};
}

int TestTwinbridgedSandbox::uplinkMessages(QSet<QString> *messageIds, QSet<QString> *frames) const
{
    int count = 0;
    for (const DeviceIdentity &device : hub()->devices(100000)) {
        for (const HubMessage &message : hub()->recordedMessages(device.deviceId, 0, 100000)) {
            if (message.source != RoutingSource::DeviceMessages)
                continue;
            ++count;
            if (messageIds)
                messageIds->insert(message.systemProperties.value(QStringLiteral("message-id")).toString());
            if (frames) {
                const QJsonObject body = QJsonDocument::fromJson(message.bodyBytes()).object();
                frames->insert(device.deviceId + QLatin1Char('/') +
                               QString::number(body.value(QLatin1String("uplink_message"))
                                                   .toObject()
                                                   .value(QLatin1String("f_cnt"))
                                                   .toInteger()));
            }
        }
    }
    return count;
}

void TestTwinbridgedSandbox::helpExplainsTheOptionsAndExitCodes()
{
    QProcess process;
    process.start(QStringLiteral(TWINBRIDGED_PATH), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const QString &words : {QStringLiteral("--sandbox"), QStringLiteral("--config"), QStringLiteral("--stats"),
                                 QStringLiteral("TWINBRIDGE_TTS_API_KEY"), QStringLiteral("TWINBRIDGE_INGEST_KEY"),
                                 QStringLiteral("Exit codes"), QStringLiteral("78"), QStringLiteral("SIGTERM")})
        QVERIFY2(help.contains(words), qPrintable(words));
}

void TestTwinbridgedSandbox::wrongCommandLinesExitWithTheDocumentedCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");

    QTest::addRow("nothing to run") << QStringList {} << 64 << QStringLiteral("--sandbox");
    QTest::addRow("both") << QStringList {QStringLiteral("--sandbox"), QStringLiteral("a"), QStringLiteral("--config"),
                                          QStringLiteral("b")}
                          << 64 << QStringLiteral("either");
    QTest::addRow("unknown option") << QStringList {QStringLiteral("--frobnicate")} << 64
                                    << QStringLiteral("frobnicate");
    QTest::addRow("missing sandbox file")
        << QStringList {QStringLiteral("--sandbox"), QStringLiteral("/nonexistent/sandbox.json")} << 66
        << QStringLiteral("/nonexistent/sandbox.json");
    QTest::addRow("missing profile") << QStringList {QStringLiteral("--config"), QStringLiteral("/nonexistent/p.json")}
                                     << 66 << QStringLiteral("/nonexistent/p.json");
    QTest::addRow("bad secrets source") << QStringList {QStringLiteral("--config"), QStringLiteral("p.json"),
                                                        QStringLiteral("--secrets"), QStringLiteral("vault")}
                                        << 64 << QStringLiteral("vault");
}

void TestTwinbridgedSandbox::wrongCommandLinesExitWithTheDocumentedCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    QFETCH(QString, words);
    QProcess process;
    process.start(QStringLiteral(TWINBRIDGED_PATH), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), code);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(words), qPrintable(error));
}

void TestTwinbridgedSandbox::missingSecretsExitWithAConfigurationError()
{
    startSandbox(0);
    // A profile file as the console exports it; secrets only from the (emptied) environment.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("TWINBRIDGE_TTS_API_KEY"));
    environment.remove(QStringLiteral("TWINBRIDGE_IOTHUB_POLICY_KEY"));
    environment.remove(QStringLiteral("TWINBRIDGE_INGEST_KEY"));
    Daemon daemon;
    const QString profilePath = m_dir->filePath(QStringLiteral("profile.json"));
    {
        QFile sandboxJson(m_sandbox->descriptionPath());
        QVERIFY(sandboxJson.open(QIODevice::ReadOnly));
        const QJsonObject sandbox = QJsonDocument::fromJson(sandboxJson.readAll()).object();
        const QJsonObject tts = sandbox.value(QLatin1String("tts")).toObject();
        const QJsonObject hubJson = sandbox.value(QLatin1String("iotHub")).toObject();
        const QJsonObject profile {
            {QStringLiteral("format"), QStringLiteral("twinbridge-profile/1")},
            {QStringLiteral("name"), QStringLiteral("Test")},
            {QStringLiteral("tts"),
             QJsonObject {{QStringLiteral("apiBaseUrl"), tts.value(QLatin1String("api"))},
                          {QStringLiteral("applicationId"), App},
                          {QStringLiteral("tenantId"), QStringLiteral("sandbox")}}},
            {QStringLiteral("iotHub"),
             QJsonObject {{QStringLiteral("hostName"), hubJson.value(QLatin1String("hostName"))}}},
        };
        QFile file(profilePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(profile).toJson());
    }
    daemon.start({QStringLiteral("--config"), profilePath, QStringLiteral("--secrets"), QStringLiteral("env")},
                 environment);
    QVERIFY(daemon.process->waitForFinished(10000));
    QCOMPARE(daemon.process->exitCode(), 78);
    daemon.err += daemon.process->readAllStandardError();
    const QString error = QString::fromUtf8(daemon.err);
    QVERIFY2(error.contains(QStringLiteral("TWINBRIDGE_TTS_API_KEY")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("TWINBRIDGE_IOTHUB_POLICY_KEY")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("TWINBRIDGE_INGEST_KEY")), qPrintable(error));
}

void TestTwinbridgedSandbox::runsAgainstTheSandboxAndDrainsOnSigterm()
{
    startSandbox(5);
    Daemon daemon;
    daemon.start(sandboxArguments() << QStringLiteral("--events"));
    QTRY_VERIFY_WITH_TIMEOUT(daemon.out.contains("started"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(daemon.out.contains("now posts to"), 15000); // registered with the Function
    QTRY_VERIFY_WITH_TIMEOUT(daemon.out.contains("Subscribed to the messages"), 15000);
    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 25;
    burst.ratePerSecond = 50;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    // (The virtual devices may add an uplink of their own after a scheduled join: at least the burst.)
    QTRY_VERIFY_WITH_TIMEOUT(uplinkMessages() >= 25, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(daemon.counter(QStringLiteral("d2c_sent")) >= 25, 10000);
    QVERIFY(daemon.out.contains("\"kind\":\"uplinkForwarded\""));

    ::kill(pid_t(daemon.process->processId()), SIGTERM);
    QVERIFY(daemon.process->waitForFinished(15000));
    QCOMPARE(daemon.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon.process->exitCode(), 0);
    daemon.out += daemon.process->readAllStandardOutput();
    QVERIFY(daemon.out.contains("twinbridged stopped"));
}

void TestTwinbridgedSandbox::killDuringAHubOutageLosesNothing()
{
    startSandbox(10);
    Daemon first;
    first.start(sandboxArguments());
    QTRY_VERIFY_WITH_TIMEOUT(first.counter(QStringLiteral("uplinks_received")) == 0, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(first.out.contains("now posts to"), 15000);
    // The stats line shows the TTS subscription.
    auto subscribed = [&first]() {
        for (const QByteArray &line : first.out.split('\n')) {
            const QJsonObject json = QJsonDocument::fromJson(line).object();
            if (json.value(QLatin1String("gauges")).toObject().value(QLatin1String("tts_connected")).toInteger() == 1)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(subscribed(), 15000);

    VirtualDeviceFleet::BurstRequest warmUp;
    warmUp.applicationId = App;
    warmUp.count = 10;
    warmUp.ratePerSecond = 100;
    QVERIFY(m_sandbox->fleet()->startBurst(warmUp).ok());
    QTRY_VERIFY_WITH_TIMEOUT(uplinkMessages() >= 10, 60000);

    HubFaults faults;
    faults.outageUntil = QDateTime::currentDateTimeUtc().addSecs(12);
    hub()->setFaults(faults);
    hub()->dropAllConnections();
    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 50;
    burst.ratePerSecond = 100;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    // All 60 stored in the outbox before the kill.
    QTRY_VERIFY_WITH_TIMEOUT(first.counter(QStringLiteral("uplinks_received")) >= 60, 15000);
    QVERIFY(uplinkMessages() < 60);
    first.process->kill(); // SIGKILL: no drain, no clean close of the outbox
    QVERIFY(first.process->waitForFinished(5000));
    QCOMPARE(first.process->exitStatus(), QProcess::CrashExit);

    Daemon second;
    second.start(sandboxArguments());
    QTRY_VERIFY_WITH_TIMEOUT(second.out.contains("started"), 15000);
    QSet<QString> messageIds;
    QSet<QString> frames;
    QTRY_VERIFY_WITH_TIMEOUT(
        (messageIds.clear(), frames.clear(), uplinkMessages(&messageIds, &frames), frames.size() >= 60), 90000);
    QCOMPARE(messageIds.size(), frames.size()); // one $.mid per uplink: duplicates (if any) share theirs
    ::kill(pid_t(second.process->processId()), SIGTERM);
    QVERIFY(second.process->waitForFinished(15000));
    QCOMPARE(second.process->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestTwinbridgedSandbox)
#include "tst_twinbridgedsandbox.moc"
