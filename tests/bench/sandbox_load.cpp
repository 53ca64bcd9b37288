// The load generator of the sandbox benchmark (tests/bench/sandbox.sh runs it; not a test).
//
//   sandbox_load --sandbox-json FILE --server-pid PID [--devices N] [--connect-rate R] [--in-flight K]
//                [--window W] [--warmup S] [--seconds S] [--phases d2c,patches,both] [--soak-seconds S]
//                [--soak-rate R]
//
// Against a running twinbridge-sandbox (throttles off) it
//  1. creates N devices through the service REST API (bulk import, 100 per request);
//  2. reads the sandbox's RSS (/proc/PID/status), opens N TLS MQTT connections at R per second with at most
//     K handshakes at a time (CONNECT with a SAS token signed by the sandbox.json policy, SUBSCRIBE to
//     $iothub/twin/res/#), lets them settle and reads the RSS again: (after − before) / N = memory per
//     connection;
//  3. measures each phase closed-loop: W operations outstanding in total, every completion (PUBACK of a QoS 1
//     D2C message, $iothub/twin/res/204 of a reported patch) sends the next operation on the next connection
//     (round robin over all N), so all connections take part. After a warm-up of S seconds the completions of
//     the next S seconds give the rate. Phases: d2c (D2C only), patches (reported patches only), both (W/2
//     of each, both rates reported);
//  4. optionally (--soak-seconds) sends reported patches at a fixed rate and prints the sandbox's RSS every
//     10 s, to see whether the hub's memory grows under a steady patch load.
// The last line is machine-readable:
//   RESULT connections=<n> d2c_per_s=<x> patches_per_s=<y> kb_per_connection=<z>
// where x and y are the D2C-only and patches-only rates. Each line before it says what was measured, with
// the sandbox's and this process's CPU use (100 % = one core).

#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/MqttPacket.h"
#include "services/protocol/MqttStreamDecoder.h"
#include "services/protocol/SasToken.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTextStream>
#include <QTimer>

#include <functional>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace TwinBridge;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString deviceId(int index)
{
    return QStringLiteral("bench-%1").arg(index, 6, 10, QLatin1Char('0'));
}

// VmRSS of a process in KB, 0 if unknown.
qint64 rssKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

// User + system CPU seconds of a process (fields 14 and 15 of /proc/PID/stat).
double cpuSecondsOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    // After the command name: field 3 is index 0, so utime (14) is index 11 and stime (15) index 12.
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
        double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct SandboxInfo
{
    QString hostName;
    QUrl rest;
    QString mqttHost;
    quint16 mqttPort = 0;
    QString policyName;
    QByteArray policyKey;
    QString caCertificate;
};

std::optional<SandboxInfo> readSandboxJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject hub = root.value(QStringLiteral("iotHub")).toObject();
    SandboxInfo info;
    info.hostName = hub.value(QStringLiteral("hostName")).toString();
    info.rest = QUrl(hub.value(QStringLiteral("rest")).toString());
    info.mqttHost = hub.value(QStringLiteral("mqtt")).toObject().value(QStringLiteral("host")).toString();
    info.mqttPort = quint16(hub.value(QStringLiteral("mqtt")).toObject().value(QStringLiteral("port")).toInt());
    info.policyName = hub.value(QStringLiteral("policyName")).toString();
    info.policyKey = hub.value(QStringLiteral("policyKey")).toString().toLatin1();
    info.caCertificate = root.value(QStringLiteral("caCertificate")).toString();
    if (info.hostName.isEmpty() || !info.rest.isValid() || info.mqttPort == 0 || info.policyKey.isEmpty())
        return std::nullopt;
    return info;
}

enum class Op : quint8 { D2c, Patch };

struct Connection
{
    QSslSocket *socket = nullptr;
    MqttStreamDecoder decoder;
    int index = 0;
    bool ready = false;
    quint16 packetId = 0;
};

class LoadGenerator : public QObject
{
public:
    struct Settings
    {
        SandboxInfo sandbox;
        qint64 serverPid = 0;
        int devices = 10000;
        int connectRate = 500;
        int inFlight = 200;
        int window = 1000;
        int warmupSeconds = 3;
        int seconds = 10;
        QStringList phases;
        int soakSeconds = 0;
        int soakRate = 2000;
    };

    explicit LoadGenerator(Settings settings)
        : m_settings(std::move(settings))
    {
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setCaCertificates(QSslCertificate::fromPath(m_settings.sandbox.caCertificate));
        m_tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        m_network.setStrictTransportSecurityEnabled(false);
        m_body = R"({"end_device_ids":{"device_id":"x","application_ids":{"application_id":"app"}},)"
                 R"("uplink_message":{"f_port":2,"frm_payload":"AQIDBA==","rx_metadata":[{"rssi":-42}]}})";
    }

    void start() { createDevices(0); }

private:
    // --- 1. devices ---------------------------------------------------------------------------------------
    void createDevices(int first)
    {
        if (first == 0) {
            out() << "creating " << m_settings.devices << " devices (bulk import, 100 per request)" << Qt::endl;
            m_timer.start();
        }
        if (first >= m_settings.devices) {
            out() << "devices: " << m_settings.devices << " created in " << m_timer.elapsed() << " ms" << Qt::endl;
            // Let the sandbox save its state and settle before the baseline.
            QTimer::singleShot(3000, this, [this] { startConnecting(); });
            return;
        }
        QJsonArray entries;
        for (int i = first; i < std::min(m_settings.devices, first + 100); ++i)
            entries.append(QJsonObject {{QStringLiteral("id"), deviceId(i)},
                                        {QStringLiteral("importMode"), QStringLiteral("create")}});
        QUrl url = m_settings.sandbox.rest;
        url.setPath(QStringLiteral("/devices"));
        url.setQuery(QStringLiteral("api-version=2021-04-12"));
        QNetworkRequest request(url);
        request.setSslConfiguration(m_tls);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization",
                             SasToken::sign(SasToken::hubResource(m_settings.sandbox.hostName),
                                            m_settings.sandbox.policyKey, QDateTime::currentSecsSinceEpoch() + 3600,
                                            m_settings.sandbox.policyName)
                                 .toUtf8());
        QNetworkReply *reply = m_network.post(request, QJsonDocument(entries).toJson(QJsonDocument::Compact));
        connect(reply, &QNetworkReply::finished, this, [this, reply, first] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 200) {
                out() << "error: bulk import at " << first << " answered " << status << " " << reply->errorString()
                      << " " << reply->readAll().left(300) << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
            createDevices(first + 100);
        });
    }

    // --- 2. connections ----------------------------------------------------------------------------------
    void startConnecting()
    {
        m_rssBefore = rssKb(m_settings.serverPid);
        m_connections.resize(size_t(m_settings.devices));
        out() << "sandbox RSS before connecting: " << m_rssBefore << " KB; opening " << m_settings.devices
              << " connections at " << m_settings.connectRate << "/s, at most " << m_settings.inFlight
              << " handshakes at a time" << Qt::endl;
        m_timer.restart();
        m_serverCpuMark = cpuSecondsOf(m_settings.serverPid);
        auto *tick = new QTimer(this);
        connect(tick, &QTimer::timeout, this, [this, tick] {
            m_connectCredit += double(m_settings.connectRate) / 100.0;
            while (m_connectCredit >= 1 && m_opened < m_settings.devices && m_handshaking < m_settings.inFlight) {
                m_connectCredit -= 1;
                openConnection(m_opened++);
            }
            m_connectCredit = std::min(m_connectCredit, double(m_settings.connectRate) / 10.0);
            if (m_opened >= m_settings.devices)
                tick->deleteLater();
        });
        tick->start(10);
        auto *progress = new QTimer(this);
        connect(progress, &QTimer::timeout, this, [this, progress] {
            out() << "  t=" << m_timer.elapsed() / 1000 << "s ready=" << m_ready << " handshaking=" << m_handshaking
                  << " failed=" << m_failed << Qt::endl;
            if (m_ready + m_failed >= m_settings.devices)
                progress->deleteLater();
        });
        progress->start(5000);
    }

    void openConnection(int index)
    {
        ++m_handshaking;
        auto connection = std::make_unique<Connection>();
        Connection *c = connection.get();
        c->index = index;
        c->socket = new QSslSocket(this);
        c->socket->setSslConfiguration(m_tls);
        c->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_connections[size_t(index)] = std::move(connection);
        connect(c->socket, &QSslSocket::encrypted, this, [this, c] {
            const QString id = deviceId(c->index);
            MqttConnect packet;
            packet.clientId = id;
            packet.username = IotHubMqttUsername::build(m_settings.sandbox.hostName, id);
            packet.password =
                SasToken::sign(SasToken::deviceResource(m_settings.sandbox.hostName, id), m_settings.sandbox.policyKey,
                               QDateTime::currentSecsSinceEpoch() + 36000, m_settings.sandbox.policyName)
                    .toUtf8();
            packet.keepAliveSeconds = 600;
            c->socket->write(MqttEncode::connect(packet));
        });
        connect(c->socket, &QIODevice::readyRead, this, [this, c] { onReadyRead(c); });
        connect(c->socket, &QAbstractSocket::errorOccurred, this, [this, c](QAbstractSocket::SocketError error) {
            if (!c->ready && c->socket->property("counted").isNull()) {
                c->socket->setProperty("counted", true);
                ++m_failed;
                --m_handshaking;
                if (m_failed <= 5)
                    out() << "  connection " << c->index << " failed: " << c->socket->errorString() << " (" << error
                          << ")" << Qt::endl;
                checkRampDone();
            }
        });
        connect(c->socket, &QAbstractSocket::disconnected, this, [this, c] {
            if (c->ready) {
                c->ready = false;
                --m_ready;
                ++m_dropped;
            }
        });
        c->socket->connectToHostEncrypted(m_settings.sandbox.mqttHost, m_settings.sandbox.mqttPort,
                                          m_settings.sandbox.mqttHost);
    }

    void onReadyRead(Connection *c)
    {
        c->decoder.append(c->socket->read(c->socket->bytesAvailable()));
        while (auto packet = c->decoder.next()) {
            if (!packet->ok()) {
                out() << "error: undecodable packet from the sandbox: " << packet->error().message() << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
            const MqttPacket &p = packet->value();
            switch (p.type) {
            case MqttPacketType::Connack:
                if (p.connackCode != MqttConnackCode::Accepted) {
                    c->socket->setProperty("counted", true);
                    ++m_failed;
                    --m_handshaking;
                    if (m_failed <= 5)
                        out() << "  CONNACK " << int(p.connackCode) << " for " << deviceId(c->index) << Qt::endl;
                    checkRampDone();
                } else {
                    c->socket->write(
                        MqttEncode::subscribe(1, {MqttSubscription {QStringLiteral("$iothub/twin/res/#"), 0}}));
                }
                break;
            case MqttPacketType::Suback:
                c->ready = true;
                ++m_ready;
                --m_handshaking;
                checkRampDone();
                break;
            case MqttPacketType::Puback:
                completed(Op::D2c, true);
                break;
            case MqttPacketType::Publish:
                completed(Op::Patch, p.publish.topic.startsWith(QLatin1String("$iothub/twin/res/204/")));
                break;
            default:
                break;
            }
        }
    }

    void checkRampDone()
    {
        if (m_rampDone || m_ready + m_failed < m_settings.devices)
            return;
        m_rampDone = true;
        const qint64 ms = m_timer.elapsed();
        const double serverCpu = cpuSecondsOf(m_settings.serverPid) - m_serverCpuMark;
        out() << "connections: " << m_ready << " ready, " << m_failed << " failed in " << ms << " ms ("
              << qRound(double(m_ready) * 1000.0 / double(std::max<qint64>(ms, 1))) << "/s; sandbox CPU "
              << qRound(serverCpu * 1000.0 / double(std::max<qint64>(ms, 1)) * 100.0) << " %)" << Qt::endl;
        // Let the sandbox settle (deferred deletes, a state save) before the second reading.
        QTimer::singleShot(5000, this, [this] {
            m_rssAfter = rssKb(m_settings.serverPid);
            const double perConnection = m_ready > 0 ? double(m_rssAfter - m_rssBefore) / double(m_ready) : 0;
            m_kbPerConnection = perConnection;
            out() << "sandbox RSS with " << m_ready << " connections: " << m_rssAfter << " KB, i.e. "
                  << QString::number(perConnection, 'f', 1) << " KB per connection" << Qt::endl;
            m_phaseIndex = -1;
            nextPhase();
        });
    }

    // --- 3. phases ------------------------------------------------------------------------------------------
    Connection *nextReady()
    {
        for (size_t tries = 0; tries < m_connections.size(); ++tries) {
            Connection *c = m_connections[m_cursor++ % m_connections.size()].get();
            if (c && c->ready)
                return c;
        }
        return nullptr;
    }

    void send(Op op)
    {
        Connection *c = nextReady();
        if (!c)
            return;
        MqttPublish publish;
        if (op == Op::D2c) {
            publish.topic = QStringLiteral("devices/") + deviceId(c->index) +
                QStringLiteral("/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=") +
                QString::number(m_sent[0]);
            publish.payload = m_body;
            publish.qos = 1;
            if (++c->packetId == 0)
                c->packetId = 1;
            publish.packetId = c->packetId;
        } else {
            publish.topic =
                QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=") + QString::number(m_sent[1]);
            publish.payload = QByteArray(R"({"decodedPayload":{"temperature":)") + QByteArray::number(m_sent[1] % 40) +
                R"(,"humidity":)" + QByteArray::number(m_sent[1] % 97) +
                R"(},"lastSeenAt":"2026-01-01T00:00:00Z","fCnt":)" + QByteArray::number(m_sent[1]) + "}";
        }
        c->socket->write(MqttEncode::publish(publish));
        ++m_sent[int(op)];
        ++m_outstanding[int(op)];
    }

    void completed(Op op, bool ok)
    {
        if (!ok)
            ++m_errors;
        --m_outstanding[int(op)];
        ++m_done[int(op)];
        if (m_closedLoop[int(op)])
            send(op);
    }

    void nextPhase()
    {
        ++m_phaseIndex;
        m_closedLoop[0] = m_closedLoop[1] = false;
        if (m_phaseIndex >= m_settings.phases.size()) {
            drainThenSoak();
            return;
        }
        // Let the previous phase's outstanding operations finish first.
        if (m_outstanding[0] > 0 || m_outstanding[1] > 0) {
            --m_phaseIndex;
            QTimer::singleShot(200, this, [this] { nextPhase(); });
            return;
        }
        const QString phase = m_settings.phases.at(m_phaseIndex);
        const bool d2c = phase == QLatin1String("d2c") || phase == QLatin1String("both");
        const bool patches = phase == QLatin1String("patches") || phase == QLatin1String("both");
        const int each = d2c && patches ? m_settings.window / 2 : m_settings.window;
        out() << "phase " << phase << ": " << m_settings.window << " operations outstanding, "
              << m_settings.warmupSeconds << " s warm-up, " << m_settings.seconds << " s measured" << Qt::endl;
        m_closedLoop[0] = d2c;
        m_closedLoop[1] = patches;
        for (int i = 0; i < each; ++i) {
            if (d2c)
                send(Op::D2c);
            if (patches)
                send(Op::Patch);
        }
        QTimer::singleShot(m_settings.warmupSeconds * 1000, this, [this, phase, d2c, patches] {
            const quint64 startD2c = m_done[0];
            const quint64 startPatches = m_done[1];
            const quint64 startErrors = m_errors;
            const double serverCpu = cpuSecondsOf(m_settings.serverPid);
            const double ownCpu = ownCpuSeconds();
            auto *clock = new QElapsedTimer;
            clock->start();
            QTimer::singleShot(m_settings.seconds * 1000, this, [=, this] {
                const double seconds = double(clock->elapsed()) / 1000.0;
                delete clock;
                const double d2cRate = double(m_done[0] - startD2c) / seconds;
                const double patchRate = double(m_done[1] - startPatches) / seconds;
                const double server = (cpuSecondsOf(m_settings.serverPid) - serverCpu) / seconds;
                const double own = (ownCpuSeconds() - ownCpu) / seconds;
                out() << "phase " << phase << ":";
                if (d2c)
                    out() << " d2c/s=" << qRound(d2cRate);
                if (patches)
                    out() << " patches/s=" << qRound(patchRate);
                out() << " errors=" << (m_errors - startErrors) << " sandbox CPU " << qRound(server * 100)
                      << " %, load generator CPU " << qRound(own * 100) << " %, sandbox RSS "
                      << rssKb(m_settings.serverPid) << " KB, connected " << m_ready << Qt::endl;
                if (phase == QLatin1String("d2c"))
                    m_d2cRate = d2cRate;
                else if (phase == QLatin1String("patches"))
                    m_patchRate = patchRate;
                else {
                    m_bothD2c = d2cRate;
                    m_bothPatches = patchRate;
                }
                nextPhase();
            });
        });
    }

    // --- 4. soak -----------------------------------------------------------------------------------------------
    void drainThenSoak()
    {
        if (m_outstanding[0] > 0 || m_outstanding[1] > 0) {
            QTimer::singleShot(200, this, [this] { drainThenSoak(); });
            return;
        }
        if (m_settings.soakSeconds <= 0) {
            finish();
            return;
        }
        out() << "soak: " << m_settings.soakRate << " reported patches/s for " << m_settings.soakSeconds << " s"
              << Qt::endl;
        auto *sender = new QTimer(this);
        connect(sender, &QTimer::timeout, this, [this] {
            m_soakCredit += double(m_settings.soakRate) / 100.0;
            while (m_soakCredit >= 1) {
                m_soakCredit -= 1;
                send(Op::Patch);
            }
        });
        sender->start(10);
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        const quint64 startDone = m_done[1];
        const qint64 startRss = rssKb(m_settings.serverPid);
        auto *report = new QTimer(this);
        connect(report, &QTimer::timeout, this, [=, this] {
            const qint64 rss = rssKb(m_settings.serverPid);
            const quint64 patches = m_done[1] - startDone;
            out() << "  soak t=" << clock->elapsed() / 1000 << "s patches=" << patches << " sandbox RSS " << rss
                  << " KB (" << (rss - startRss >= 0 ? "+" : "") << (rss - startRss) << " KB";
            if (patches > 0)
                out() << ", " << QString::number(double(rss - startRss) * 1024.0 / double(patches), 'f', 1)
                      << " B per patch";
            out() << ")" << Qt::endl;
            if (clock->elapsed() >= qint64(m_settings.soakSeconds) * 1000) {
                sender->stop();
                report->stop();
                QTimer::singleShot(1000, this, [this] { finish(); });
            }
        });
        report->start(10000);
    }

    void finish()
    {
        if (m_settings.phases.contains(QLatin1String("both")))
            out() << "together: d2c/s=" << qRound(m_bothD2c) << " patches/s=" << qRound(m_bothPatches) << Qt::endl;
        out() << "dropped connections during the run: " << m_dropped << ", failed operations: " << m_errors << Qt::endl;
        out() << "RESULT connections=" << m_ready << " d2c_per_s=" << qRound(m_d2cRate)
              << " patches_per_s=" << qRound(m_patchRate)
              << " kb_per_connection=" << QString::number(m_kbPerConnection, 'f', 1) << Qt::endl;
        QCoreApplication::exit(m_ready == m_settings.devices && m_errors == 0 && m_dropped == 0 ? 0 : 1);
    }

    Settings m_settings;
    QSslConfiguration m_tls;
    QNetworkAccessManager m_network;
    QByteArray m_body;
    QElapsedTimer m_timer;
    std::vector<std::unique_ptr<Connection>> m_connections;
    int m_opened = 0;
    int m_handshaking = 0;
    int m_ready = 0;
    int m_failed = 0;
    int m_dropped = 0;
    double m_connectCredit = 0;
    bool m_rampDone = false;
    double m_serverCpuMark = 0;
    qint64 m_rssBefore = 0;
    qint64 m_rssAfter = 0;
    double m_kbPerConnection = 0;
    size_t m_cursor = 0;
    quint64 m_sent[2] = {0, 0};
    qint64 m_outstanding[2] = {0, 0};
    quint64 m_done[2] = {0, 0};
    quint64 m_errors = 0;
    bool m_closedLoop[2] = {false, false};
    int m_phaseIndex = -1;
    double m_d2cRate = 0;
    double m_patchRate = 0;
    double m_bothD2c = 0;
    double m_bothPatches = 0;
    double m_soakCredit = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Load generator of the twinbridge-sandbox benchmark."));
    parser.addOptions({
        {QStringLiteral("sandbox-json"), QStringLiteral("The running sandbox's sandbox.json."), QStringLiteral("file")},
        {QStringLiteral("server-pid"), QStringLiteral("The sandbox's process id (RSS, CPU)."), QStringLiteral("pid")},
        {QStringLiteral("devices"), QStringLiteral("Devices = connections."), QStringLiteral("n"),
         QStringLiteral("10000")},
        {QStringLiteral("connect-rate"), QStringLiteral("New connections per second."), QStringLiteral("r"),
         QStringLiteral("500")},
        {QStringLiteral("in-flight"), QStringLiteral("Concurrent handshakes at most."), QStringLiteral("k"),
         QStringLiteral("200")},
        {QStringLiteral("window"), QStringLiteral("Operations outstanding in a phase."), QStringLiteral("w"),
         QStringLiteral("1000")},
        {QStringLiteral("warmup"), QStringLiteral("Warm-up seconds per phase."), QStringLiteral("s"),
         QStringLiteral("3")},
        {QStringLiteral("seconds"), QStringLiteral("Measured seconds per phase."), QStringLiteral("s"),
         QStringLiteral("10")},
        {QStringLiteral("phases"), QStringLiteral("Comma-separated: d2c, patches, both."), QStringLiteral("list"),
         QStringLiteral("d2c,patches,both")},
        {QStringLiteral("soak-seconds"), QStringLiteral("Steady patch load afterwards (0 = none)."),
         QStringLiteral("s"), QStringLiteral("0")},
        {QStringLiteral("soak-rate"), QStringLiteral("Reported patches per second in the soak."), QStringLiteral("r"),
         QStringLiteral("2000")},
    });
    parser.addHelpOption();
    parser.process(app);

    const std::optional<SandboxInfo> sandbox = readSandboxJson(parser.value(QStringLiteral("sandbox-json")));
    if (!sandbox) {
        out() << "error: cannot read the sandbox's sandbox.json (--sandbox-json)" << Qt::endl;
        return 2;
    }
    LoadGenerator::Settings settings;
    settings.sandbox = *sandbox;
    settings.serverPid = parser.value(QStringLiteral("server-pid")).toLongLong();
    settings.devices = parser.value(QStringLiteral("devices")).toInt();
    settings.connectRate = parser.value(QStringLiteral("connect-rate")).toInt();
    settings.inFlight = parser.value(QStringLiteral("in-flight")).toInt();
    settings.window = parser.value(QStringLiteral("window")).toInt();
    settings.warmupSeconds = parser.value(QStringLiteral("warmup")).toInt();
    settings.seconds = parser.value(QStringLiteral("seconds")).toInt();
    settings.phases = parser.value(QStringLiteral("phases")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    settings.soakSeconds = parser.value(QStringLiteral("soak-seconds")).toInt();
    settings.soakRate = parser.value(QStringLiteral("soak-rate")).toInt();
    if (settings.serverPid <= 0 || settings.devices < 1 || settings.connectRate < 1 || settings.inFlight < 1 ||
        settings.window < 2 || settings.seconds < 1) {
        out() << "error: --server-pid, --devices, --connect-rate, --in-flight, --window and --seconds must be positive"
              << Qt::endl;
        return 2;
    }
    LoadGenerator generator(settings);
    QTimer::singleShot(0, &generator, [&generator] { generator.start(); });
    return QCoreApplication::exec();
}
