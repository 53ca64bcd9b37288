// A manual load tool for the device MQTT endpoint (not a test; build target devicemqtt_load):
//   devicemqtt_load server --devices N [--port P] [--ca-dir DIR]
//   devicemqtt_load client --port P --key POLICYKEY --devices N [--first I] [--d2c R] [--patches R]
//                          [--seconds S] [--ca-dir DIR] [--in-flight K]
// The server runs a hub with N devices (throttles off, few recorded messages per device) and prints, every
// second, sessions, D2C and reported patches per second, its RSS and CPU time. The client opens N TLS
// connections (K handshakes at a time), subscribes to twin responses and then sends R D2C messages (QoS 1)
// and R reported patches per second in total, round robin over its connections, counting PUBACKs and 204s.
// Run server and client as separate processes, both with QT_NO_GLIB=1 (see below).
//
// Measured on the shared 2-core build machine (Debian 12, Qt 6.4.2, OpenSSL 3.0; other builds running, load
// average 4–6, so each process got about a third of a core — rates are CPU-starved, costs per message are not):
//  - Memory: ~97 KB RSS per idle connection after CONNECT + SUBSCRIBE (2,000 connections), 105–116 KB with
//    traffic (10,000 connections: 1.2 GB). heaptrack: QSslSocket's and its TCP socket's 32 KB write blocks
//    and a 16 KB read block, SSL_new ~8 KB, an SSL_CTX per socket ~5 KB; the endpoint's own state < 1 KB.
//  - 2,000 connections, GLib dispatcher: 5,000 D2C/s + 5,000 reported patches/s sustained, server at ~70 %
//    of one core.
//  - 10,000 connections, GLib dispatcher: ~500 + 500/s at 25 % CPU — g_source_remove_poll() walks every
//    socket each time Qt toggles a write notifier. With QT_NO_GLIB=1: ~2,400 + 2,400/s at 33 % CPU, i.e.
//    ~70 µs of server CPU per operation (TLS included; poll() over 10,000 descriptors is ~20 % of it), so
//    5,000 + 5,000/s needs ~0.7 of a core. Ramp-up: ~500 TLS handshakes/s when the machine was quiet.
//  - The hub's twin state grows by ~170 bytes per reported patch (heaptrack: QJsonObject::insert in
//    TwinState::stamped/mergeWithMetadata stays allocated), i.e. RSS creeps under a long patch load.

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/mqtt/DeviceMqttEndpoint.h"
#include "sandbox/mqtt/MqttPacket.h"
#include "sandbox/mqtt/MqttStreamDecoder.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/protocol/IotHubMqttUsername.h"
#include "services/protocol/SasToken.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSslSocket>
#include <QTextStream>
#include <QTimer>

#include <deque>
#include <memory>
#include <sys/resource.h>
#include <vector>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

const QString HubName = QStringLiteral("load-hub");
const QString Host = QStringLiteral("load-hub.azure-devices.net");

QString deviceId(int index)
{
    return QStringLiteral("load-%1").arg(index, 6, 10, QLatin1Char('0'));
}

qint64 rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
        double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int runServer(const QCommandLineParser &parser)
{
    const int devices = parser.value(QStringLiteral("devices")).toInt();
    auto ca = SandboxCertificateAuthority::loadOrCreate(parser.value(QStringLiteral("ca-dir")));
    if (!ca.ok()) {
        out() << ca.error().message() << Qt::endl;
        return 1;
    }
    const qint64 rssStart = rssKb();
    HubDirectory hubs;
    SandboxHub::Options options;
    options.name = HubName;
    options.throttlesEnabled = false;
    options.maxRecordedMessagesPerDevice = 4;
    SandboxHub *hub = hubs.createHub(options).value();
    for (int start = 0; start < devices; start += 100) {
        QList<ImportDevice> imports;
        for (int i = start; i < std::min(devices, start + 100); ++i) {
            ImportDevice device;
            device.id = deviceId(i);
            imports.append(device);
        }
        const auto imported = hub->importDevices(imports);
        if (!imported.ok()) {
            out() << imported.error().message() << Qt::endl;
            return 1;
        }
    }
    const qint64 rssDevices = rssKb();
    DeviceMqttEndpoint endpoint(&hubs, ca.value().serverConfiguration());
    const Status listening =
        endpoint.listen(QHostAddress::LocalHost, quint16(parser.value(QStringLiteral("port")).toUInt()));
    if (!listening.ok()) {
        out() << listening.error().message() << Qt::endl;
        return 1;
    }
    out() << "PORT " << endpoint.serverPort() << " KEY " << hub->policy(QStringLiteral("device"))->primaryKey
          << " RSS0 " << rssStart << " RSSDEVICES " << rssDevices << Qt::endl;

    QTimer report;
    HubMetrics last = hub->metrics();
    double lastCpu = cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    qint64 lastMs = 0;
    QObject::connect(&report, &QTimer::timeout, [&] {
        const HubMetrics now = hub->metrics();
        const double cpu = cpuSeconds();
        const qint64 ms = clock.elapsed();
        const double seconds = double(ms - lastMs) / 1000.0;
        out() << "t=" << ms / 1000 << "s sessions=" << endpoint.sessionCount()
              << " d2c/s=" << qRound(double(now.deviceToCloudMessages - last.deviceToCloudMessages) / seconds)
              << " patches/s=" << qRound(double(now.reportedPatches - last.reportedPatches) / seconds)
              << " cpu=" << qRound((cpu - lastCpu) / seconds * 100) << "% rssKB=" << rssKb()
              << " perSessionKB=" << (endpoint.sessionCount() ? (rssKb() - rssDevices) / endpoint.sessionCount() : 0)
              << Qt::endl;
        last = now;
        lastCpu = cpu;
        lastMs = ms;
    });
    report.start(1000);
    return QCoreApplication::exec();
}

struct Connection
{
    QSslSocket *socket = nullptr;
    MqttStreamDecoder decoder;
    bool ready = false;
    quint16 packetId = 0;
};

int runClient(const QCommandLineParser &parser)
{
    const int devices = parser.value(QStringLiteral("devices")).toInt();
    const int first = parser.value(QStringLiteral("first")).toInt();
    const quint16 port = quint16(parser.value(QStringLiteral("port")).toUInt());
    const QByteArray key = parser.value(QStringLiteral("key")).toLatin1();
    const double d2cRate = parser.value(QStringLiteral("d2c")).toDouble();
    const double patchRate = parser.value(QStringLiteral("patches")).toDouble();
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    const int inFlight = parser.value(QStringLiteral("in-flight")).toInt();
    auto ca = SandboxCertificateAuthority::loadOrCreate(parser.value(QStringLiteral("ca-dir")));
    if (!ca.ok())
        return 1;
    const QSslConfiguration tls = ca.value().clientConfiguration();

    std::vector<std::unique_ptr<Connection>> connections;
    connections.resize(static_cast<size_t>(devices));
    int opened = 0;
    int handshaking = 0;
    int ready = 0;
    int failed = 0;
    quint64 pubacks = 0;
    quint64 twinOk = 0;
    quint64 twinOther = 0;
    QElapsedTimer rampTimer;
    rampTimer.start();
    const QByteArray body = R"({"end_device_ids":{"device_id":"x","application_ids":{"application_id":"app"}},)"
                            R"("uplink_message":{"f_port":2,"frm_payload":"AQIDBA==","rx_metadata":[{"rssi":-42}]}})";

    std::function<void()> openMore;
    openMore = [&] {
        while (opened < devices && handshaking < inFlight) {
            const int index = opened++;
            ++handshaking;
            auto connection = std::make_unique<Connection>();
            Connection *c = connection.get();
            c->socket = new QSslSocket(qApp);
            c->socket->setSslConfiguration(tls);
            const QString id = deviceId(first + index);
            QObject::connect(c->socket, &QSslSocket::encrypted, c->socket, [&, c, id] {
                MqttConnect connect;
                connect.clientId = id;
                connect.username = IotHubMqttUsername::build(Host, id);
                connect.password = SasToken::sign(SasToken::deviceResource(Host, id), key,
                                                  QDateTime::currentSecsSinceEpoch() + 36000, QStringLiteral("device"))
                                       .toUtf8();
                connect.keepAliveSeconds = 300;
                c->socket->write(MqttEncode::connect(connect));
            });
            QObject::connect(c->socket, &QIODevice::readyRead, c->socket, [&, c] {
                c->decoder.append(c->socket->readAll());
                while (auto packet = c->decoder.next()) {
                    if (!packet->ok())
                        break;
                    const MqttPacket &p = packet->value();
                    if (p.type == MqttPacketType::Connack) {
                        if (p.connackCode != MqttConnackCode::Accepted) {
                            ++failed;
                            --handshaking;
                            openMore();
                            continue;
                        }
                        c->socket->write(
                            MqttEncode::subscribe(1, {MqttSubscription {QStringLiteral("$iothub/twin/res/#"), 0}}));
                    } else if (p.type == MqttPacketType::Suback) {
                        c->ready = true;
                        ++ready;
                        --handshaking;
                        openMore();
                        if (ready + failed == devices)
                            out() << "ramp: " << ready << " ready, " << failed << " failed in " << rampTimer.elapsed()
                                  << " ms" << Qt::endl;
                    } else if (p.type == MqttPacketType::Puback) {
                        ++pubacks;
                    } else if (p.type == MqttPacketType::Publish) {
                        if (p.publish.topic.startsWith(QLatin1String("$iothub/twin/res/204/")))
                            ++twinOk;
                        else
                            ++twinOther;
                    }
                }
            });
            QObject::connect(c->socket, &QAbstractSocket::disconnected, c->socket, [&, c] {
                if (c->ready) {
                    c->ready = false;
                    --ready;
                }
            });
            connections[size_t(index)] = std::move(connection);
            c->socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, Host);
        }
    };
    openMore();

    // Sending: every 10 ms, rate/100 of each kind, round robin over ready connections.
    size_t cursor = 0;
    double d2cCredit = 0;
    double patchCredit = 0;
    quint64 sentD2c = 0;
    quint64 sentPatches = 0;
    QTimer send;
    QObject::connect(&send, &QTimer::timeout, [&] {
        if (ready == 0)
            return;
        d2cCredit += d2cRate / 100.0;
        patchCredit += patchRate / 100.0;
        auto nextReady = [&]() -> Connection * {
            for (size_t tries = 0; tries < connections.size(); ++tries) {
                Connection *c = connections[cursor++ % connections.size()].get();
                if (c && c->ready)
                    return c;
            }
            return nullptr;
        };
        while (d2cCredit >= 1) {
            d2cCredit -= 1;
            Connection *c = nextReady();
            if (!c)
                break;
            MqttPublish publish;
            publish.topic = QStringLiteral("devices/") + deviceId(first + int((cursor - 1) % connections.size())) +
                QStringLiteral("/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=") +
                QString::number(sentD2c);
            publish.payload = body;
            publish.qos = 1;
            if (++c->packetId == 0)
                c->packetId = 1;
            publish.packetId = c->packetId;
            c->socket->write(MqttEncode::publish(publish));
            ++sentD2c;
        }
        while (patchCredit >= 1) {
            patchCredit -= 1;
            Connection *c = nextReady();
            if (!c)
                break;
            MqttPublish publish;
            publish.topic =
                QStringLiteral("$iothub/twin/PATCH/properties/reported/?$rid=") + QString::number(sentPatches);
            publish.payload = QByteArray(R"({"decodedPayload":{"temperature":)") +
                QByteArray::number(sentPatches % 40) + R"(},"lastSeenAt":"2026-01-01T00:00:00Z"})";
            c->socket->write(MqttEncode::publish(publish));
            ++sentPatches;
        }
    });
    send.start(10);

    QTimer report;
    quint64 lastPubacks = 0;
    quint64 lastTwin = 0;
    int elapsed = 0;
    double lastCpu = cpuSeconds();
    QObject::connect(&report, &QTimer::timeout, [&] {
        ++elapsed;
        const double cpu = cpuSeconds();
        out() << "client t=" << elapsed << "s ready=" << ready << " handshaking=" << handshaking << " failed=" << failed
              << " puback/s=" << (pubacks - lastPubacks) << " 204/s=" << (twinOk - lastTwin) << " other=" << twinOther
              << " sent=" << sentD2c << "/" << sentPatches << " cpu=" << qRound((cpu - lastCpu) * 100) << "%"
              << Qt::endl;
        lastCpu = cpu;
        lastPubacks = pubacks;
        lastTwin = twinOk;
        if (seconds > 0 && elapsed >= seconds)
            QCoreApplication::quit();
    });
    report.start(1000);
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("server or client"));
    parser.addOptions({
        {QStringLiteral("devices"), QStringLiteral("Number of devices / connections."), QStringLiteral("n"),
         QStringLiteral("1000")},
        {QStringLiteral("first"), QStringLiteral("First device index (client)."), QStringLiteral("i"),
         QStringLiteral("0")},
        {QStringLiteral("port"), QStringLiteral("Port."), QStringLiteral("p"), QStringLiteral("0")},
        {QStringLiteral("key"), QStringLiteral("The device policy key (client)."), QStringLiteral("key")},
        {QStringLiteral("d2c"), QStringLiteral("D2C messages per second in total."), QStringLiteral("r"),
         QStringLiteral("0")},
        {QStringLiteral("patches"), QStringLiteral("Reported patches per second in total."), QStringLiteral("r"),
         QStringLiteral("0")},
        {QStringLiteral("seconds"), QStringLiteral("Run time (client), 0 = forever."), QStringLiteral("s"),
         QStringLiteral("0")},
        {QStringLiteral("in-flight"), QStringLiteral("Concurrent handshakes (client)."), QStringLiteral("k"),
         QStringLiteral("100")},
        {QStringLiteral("ca-dir"), QStringLiteral("Sandbox CA directory."), QStringLiteral("dir"),
         QStringLiteral("/tmp/devicemqtt-load-ca")},
    });
    parser.addHelpOption();
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (mode == QLatin1String("server"))
        return runServer(parser);
    if (mode == QLatin1String("client"))
        return runClient(parser);
    parser.showHelp(1);
}
