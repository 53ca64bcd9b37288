// twinbridged as a process against the in-process sandbox: the command line and its exit codes, a run from
// sandbox.json with stats and events on standard output, a graceful drain on SIGTERM, and kill -9 during a
// 60 s hub outage followed by a restart — every uplink arrives, duplicates carry the same $.mid.

#include "FutureWait.h"

#include "sandbox/Sandbox.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/engine/TtsApplicationSubscriber.h"
#include "services/mqtt/MosquittoClient.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
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
// In the application's namespace (the tap may use it) but on none of the engine's topics.
const QString TapMarkerTopic = QStringLiteral("v3/demo-app@sandbox/test/tap-marker");

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
    // The last stats line's counter or gauge, or -1.
    qint64 counter(const QString &key) const { return statistic(QLatin1String("counters"), key); }
    qint64 gauge(const QString &key) const { return statistic(QLatin1String("gauges"), key); }
    int statsLines() const { return int(out.count("\"type\":\"stats\"")); }
    qint64 statistic(QLatin1String group, const QString &key) const
    {
        qint64 value = -1;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject json = QJsonDocument::fromJson(line).object();
            if (json.value(QLatin1String("type")).toString() == QLatin1String("stats"))
                value = json.value(group).toObject().value(key).toInteger(-1);
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
    void killDuringASixtySecondHubOutageLosesNothing();

private:
    void startSandbox(int devices);
    // A second client of the TTS application on the engine's topics: the ground truth of what TTS published.
    void startTap();
    // Returns once the tap has received everything the broker took so far (what TTS published before a
    // daemon's subscription took effect included: the virtual devices' first join and uplink at start-up).
    void syncTap();
    SandboxHub *hub() const { return m_sandbox->hubs()->hub(Hub); }
    int uplinkMessages(QSet<QString> *messageIds = nullptr, QSet<QString> *frames = nullptr) const;
    int publishedUplinks() const;
    // Every `up` the tap saw is at the hub as a D2C message with the very same body, nothing else is, and
    // messages with the same $.mid carry the same body.
    bool hubHasEveryPublishedUplink(QString *why = nullptr) const;
    QStringList sandboxArguments() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TwinBridge::Sandbox::Sandbox> m_sandbox;
    std::unique_ptr<MosquittoClient> m_tap;
    QHash<QString, QList<QByteArray>> m_published; // device → `up` payloads TTS published
    qint64 m_tapMessages = 0; // messages of any of the ten types TTS published
    int m_markersSent = 0;
    int m_markersSeen = 0;
};

void TestTwinbridgedSandbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTwinbridgedSandbox::cleanup()
{
    m_tap.reset();
    m_published.clear();
    m_tapMessages = 0;
    m_markersSent = 0;
    m_markersSeen = 0;
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

void TestTwinbridgedSandbox::startTap()
{
    const QJsonObject tts = m_sandbox->description().value(QLatin1String("tts")).toObject();
    m_tap = std::make_unique<MosquittoClient>();
    MosquittoClient::Options tap;
    tap.host = tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("host")).toString();
    tap.port = quint16(tts.value(QLatin1String("mqtt")).toObject().value(QLatin1String("port")).toInt());
    tap.username = App + QStringLiteral("@sandbox");
    tap.password = tts.value(QLatin1String("apiKey")).toString().toUtf8();
    tap.clientId = QStringLiteral("test-tap");
    connect(m_tap.get(), &MosquittoClient::messageReceived, this,
            [this](const QString &topic, const QByteArray &payload) {
                if (topic == TapMarkerTopic) {
                    m_markersSeen = std::max(m_markersSeen, payload.toInt());
                    return;
                }
                ++m_tapMessages;
                if (topic.endsWith(QLatin1String("/up")))
                    m_published[topic.section(QLatin1Char('/'), 3, 3)].append(payload);
            });
    QSignalSpy connected(m_tap.get(), &MosquittoClient::connected);
    QVERIFY(m_tap->connectToHost(tap).ok());
    QVERIFY(connected.wait(10000));
    QSignalSpy subscribed(m_tap.get(), &MosquittoClient::subscribed);
    for (const QString &filter : TtsApplicationSubscriber::subscriptionFilters(App, QStringLiteral("sandbox"))) {
        QVERIFY(m_tap->subscribe(filter, 0).ok());
        QVERIFY(subscribed.wait(10000));
    }
    QVERIFY(m_tap->subscribe(TapMarkerTopic, 0).ok());
    QVERIFY(subscribed.wait(10000));
}

void TestTwinbridgedSandbox::syncTap()
{
    // The broker hands messages to a subscriber in the order it took them: once the tap has its own marker back,
    // it has seen everything the broker took before it.
    const int marker = ++m_markersSent;
    QVERIFY(m_tap->publish(TapMarkerTopic, QByteArray::number(marker), 0).ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_markersSeen >= marker, 10000);
}

int TestTwinbridgedSandbox::publishedUplinks() const
{
    int count = 0;
    for (const QList<QByteArray> &payloads : m_published)
        count += int(payloads.size());
    return count;
}

bool TestTwinbridgedSandbox::hubHasEveryPublishedUplink(QString *why) const
{
    QSet<QString> devices(m_published.keyBegin(), m_published.keyEnd());
    for (const DeviceIdentity &device : hub()->devices(100000))
        devices.insert(device.deviceId);
    for (const QString &deviceId : std::as_const(devices)) {
        QHash<QString, QByteArray> byMessageId;
        QSet<QByteArray> arrived;
        for (const HubMessage &message : hub()->recordedMessages(deviceId, 0, 100000)) {
            if (message.source != RoutingSource::DeviceMessages ||
                message.applicationProperties.value(QStringLiteral("messageType")).toString() !=
                    QLatin1String("uplink"))
                continue;
            const QString messageId = message.systemProperties.value(QStringLiteral("message-id")).toString();
            if (byMessageId.contains(messageId) && byMessageId.value(messageId) != message.bodyBytes()) {
                if (why)
                    *why = QStringLiteral("%1: two bodies with $.mid %2").arg(deviceId, messageId);
                return false;
            }
            byMessageId.insert(messageId, message.bodyBytes());
            arrived.insert(message.bodyBytes());
        }
        const QList<QByteArray> published = m_published.value(deviceId);
        const QSet<QByteArray> expected(published.begin(), published.end());
        if (arrived != expected) {
            if (why) {
                *why = QStringLiteral("%1: %2 published, %3 at the hub, %4 of them published")
                           .arg(deviceId)
                           .arg(expected.size())
                           .arg(arrived.size())
                           .arg(QSet<QByteArray>(arrived).intersect(expected).size());
            }
            return false;
        }
    }
    return true;
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

// The acceptance's outage: the hub goes down for 60 s (CONNACK 3, REST 503) while a stream of uplinks is being
// forwarded; twinbridged is killed with SIGKILL during the outage and started again while the hub is still down,
// and more uplinks arrive for the new process. Once the hub is back every uplink TTS published is at the hub;
// duplicates, if any, carry the same $.mid. Waits only on what the processes print and what the sandbox records.
void TestTwinbridgedSandbox::killDuringASixtySecondHubOutageLosesNothing()
{
    startSandbox(10);
    startTap();
    Daemon first;
    first.start(sandboxArguments());
    QTRY_VERIFY_WITH_TIMEOUT(first.out.contains("now posts to"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(first.gauge(QStringLiteral("tts_connected")) == 1, 15000);
    // What TTS published before the daemon subscribed is not its business.
    syncTap();
    m_published.clear();
    m_tapMessages = 0;

    // Identities first, so that the outage hits the device connections.
    VirtualDeviceFleet::BurstRequest burst;
    burst.applicationId = App;
    burst.count = 10;
    burst.ratePerSecond = 100;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    QTRY_VERIFY_WITH_TIMEOUT(publishedUplinks() >= 10 && hubHasEveryPublishedUplink(), 60000);

    // Mid-stream: 60 uplinks at 10/s, the hub goes down once a few of them went through.
    const int before = uplinkMessages();
    burst.count = 60;
    burst.ratePerSecond = 10;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    QTRY_VERIFY_WITH_TIMEOUT(uplinkMessages() >= before + 5, 30000);
    HubFaults faults;
    faults.outageUntil = QDateTime::currentDateTimeUtc().addSecs(60);
    hub()->setFaults(faults);
    hub()->dropAllConnections();
    auto inOutage = [&faults] { return QDateTime::currentDateTimeUtc() < faults.outageUntil; };

    // Everything TTS published is stored by the daemon (the stats line counts what went into the outbox);
    // part of it could not be forwarded.
    QTRY_VERIFY_WITH_TIMEOUT(
        publishedUplinks() >= 70 && first.counter(QStringLiteral("uplinks_received")) == m_tapMessages, 30000);
    // One more stats interval: the last of them reached the outbox's file, not only the counter.
    const int lines = first.statsLines();
    QTRY_VERIFY_WITH_TIMEOUT(first.statsLines() > lines, 10000);
    QVERIFY(first.gauge(QStringLiteral("outbox_depth")) > 0);
    QVERIFY(!hubHasEveryPublishedUplink());
    QVERIFY(inOutage());
    first.process->kill(); // SIGKILL: no drain, no clean close of the outbox
    QVERIFY(first.process->waitForFinished(5000));
    QCOMPARE(first.process->exitStatus(), QProcess::CrashExit);

    // Started again while the hub is still down; it replays the outbox and takes new uplinks.
    Daemon second;
    second.start(sandboxArguments());
    QTRY_VERIFY_WITH_TIMEOUT(second.gauge(QStringLiteral("tts_connected")) == 1, 15000);
    syncTap();
    QCOMPARE(m_tapMessages, first.counter(QStringLiteral("uplinks_received"))); // nothing published in between
    const int published = publishedUplinks();
    const qint64 tapped = m_tapMessages;
    burst.count = 20;
    burst.ratePerSecond = 20;
    QVERIFY(m_sandbox->fleet()->startBurst(burst).ok());
    QTRY_VERIFY_WITH_TIMEOUT(publishedUplinks() >= published + 20 &&
                                 second.counter(QStringLiteral("uplinks_received")) == m_tapMessages - tapped,
                             30000);
    QVERIFY2(inOutage(), "the restart took longer than the outage; the test would not show what it should");
    QVERIFY(!hubHasEveryPublishedUplink());

    // The hub comes back after 60 s: at most a minute of back-off later, everything is there.
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(!inOutage() && hubHasEveryPublishedUplink(&why), qPrintable(why), 200000);
    QVERIFY(publishedUplinks() >= 90);
    QSet<QString> messageIds;
    QSet<QString> frames;
    uplinkMessages(&messageIds, &frames);
    QCOMPARE(messageIds.size(), frames.size()); // one $.mid per uplink: duplicates (if any) share theirs
    QTRY_COMPARE_WITH_TIMEOUT(second.gauge(QStringLiteral("outbox_depth")), qint64(0), 30000);
    ::kill(pid_t(second.process->processId()), SIGTERM);
    QVERIFY(second.process->waitForFinished(15000));
    QCOMPARE(second.process->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestTwinbridgedSandbox)
#include "tst_twinbridgedsandbox.moc"
