// In-process soak of the emulated hub's hot paths, without sockets (not a test; build target hub_soak):
//
//   hub_soak [--devices N] [--patches M] [--d2c M] [--report K]
//
// Creates a hub with N devices (throttles off), then applies M reported-property patches and/or records M
// device-to-cloud messages round robin over the devices, exactly as the MQTT endpoint calls the hub, and
// prints every K operations the heap in use (glibc mallinfo2: bytes allocated and not freed) and the RSS.
// After the first round over all devices the twins have their final shape, so the heap must stay flat: any
// growth per operation is retained memory (a leak, or history the hub keeps). Useful under heaptrack or
// valgrind --tool=massif as well.

#include "sandbox/hub/SandboxHub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <malloc.h>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
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

qint64 heapInUse()
{
    return qint64(mallinfo2().uordblks);
}

QString deviceId(int index)
{
    return QStringLiteral("soak-%1").arg(index, 6, 10, QLatin1Char('0'));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("devices"), QStringLiteral("Devices."), QStringLiteral("n"), QStringLiteral("1000")},
        {QStringLiteral("patches"), QStringLiteral("Reported patches."), QStringLiteral("m"), QStringLiteral("200000")},
        {QStringLiteral("d2c"), QStringLiteral("Device-to-cloud messages."), QStringLiteral("m"), QStringLiteral("0")},
        {QStringLiteral("report"), QStringLiteral("Report every K operations."), QStringLiteral("k"),
         QStringLiteral("50000")},
    });
    parser.addHelpOption();
    parser.process(app);
    const int devices = parser.value(QStringLiteral("devices")).toInt();
    const qint64 patches = parser.value(QStringLiteral("patches")).toLongLong();
    const qint64 messages = parser.value(QStringLiteral("d2c")).toLongLong();
    const qint64 report = std::max<qint64>(1, parser.value(QStringLiteral("report")).toLongLong());

    SandboxHub::Options options;
    options.name = QStringLiteral("soak-hub");
    options.throttlesEnabled = false;
    SandboxHub hub(options);
    for (int start = 0; start < devices; start += 100) {
        QList<ImportDevice> imports;
        for (int i = start; i < std::min(devices, start + 100); ++i) {
            ImportDevice device;
            device.id = deviceId(i);
            imports.append(device);
        }
        if (!hub.importDevices(imports).ok())
            return 1;
    }
    for (int i = 0; i < devices; ++i)
        hub.setConnected(deviceId(i), true);

    const QByteArray body = R"({"end_device_ids":{"device_id":"x","application_ids":{"application_id":"app"}},)"
                            R"("uplink_message":{"f_port":2,"frm_payload":"AQIDBA==","rx_metadata":[{"rssi":-42}]}})";
    const qint64 total = std::max(patches, messages);
    qint64 heapMark = heapInUse();
    qint64 markAt = 0;
    QElapsedTimer timer;
    timer.start();
    out() << "devices=" << devices << " heap=" << heapMark / 1024 << " KB rss=" << rssKb() << " KB" << Qt::endl;
    for (qint64 n = 1; n <= total; ++n) {
        const QString id = deviceId(int(n % devices));
        if (n <= patches) {
            const QByteArray patch = QByteArray(R"({"decodedPayload":{"temperature":)") + QByteArray::number(n % 40) +
                R"(,"humidity":)" + QByteArray::number(n % 97) + R"(},"lastSeenAt":"2026-01-01T00:00:00Z","fCnt":)" +
                QByteArray::number(n) + "}";
            if (!hub.patchReported(id, QJsonDocument::fromJson(patch).object()).ok())
                return 1;
        }
        if (n <= messages) {
            const QVariantMap system {{QStringLiteral("content-type"), QStringLiteral("application/json")},
                                      {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
                                      {QStringLiteral("message-id"), QString::number(n)}};
            if (!hub.recordDeviceToCloud(id, QStringLiteral("devices/") + id + QStringLiteral("/messages/events/"),
                                         body, system, {})
                     .ok())
                return 1;
        }
        if (n % report == 0) {
            QCoreApplication::processEvents();
            const qint64 heap = heapInUse();
            out() << "ops=" << n << " heap=" << heap / 1024 << " KB (" << (heap - heapMark >= 0 ? "+" : "")
                  << QString::number(double(heap - heapMark) / double(n - markAt), 'f', 1)
                  << " B/op since the last report) rss=" << rssKb() << " KB, "
                  << qRound(double(n) * 1000.0 / double(std::max<qint64>(1, timer.elapsed()))) << " ops/s" << Qt::endl;
            heapMark = heap;
            markAt = n;
        }
    }
    return 0;
}
