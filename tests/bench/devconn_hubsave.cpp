// The sandbox's hub persistence under the device-connection benchmark's load, without sockets: N devices in a
// hub with a state directory, reported patches at a steady rate (as the engine's uplinks cause them), and how
// long the event loop goes without turning while HubDirectory saves:
//
//   devconn_hubsave [--devices 10000] [--rate 500] [--seconds 20] [--no-state]
//
// --no-state runs the same without saving, for the gaps the machine's load causes by itself.
// A 1 ms timer measures the loop's longest gap; the last line is
//   RESULT devices=<n> patches=<m> saves=<s> longest_gap_ms=<g> gaps_over_10ms=<k>
// Built with `cmake --build build/bench --target devconn_hubsave` (tests/bench/devconn.sh builds it too).

#include "sandbox/hub/HubDirectory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("devices"), QStringLiteral("Devices in the hub (default 10000)."),
                      QStringLiteral("n"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("rate"), QStringLiteral("Reported patches per second (default 500)."),
                      QStringLiteral("n"), QStringLiteral("500")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds measured (default 20)."), QStringLiteral("n"),
                      QStringLiteral("20")});
    parser.addOption({QStringLiteral("no-state"),
                      QStringLiteral("No state directory (no saves): the gaps the machine's load alone causes.")});
    parser.process(app);
    const bool saving = !parser.isSet(QStringLiteral("no-state"));
    const int devices = parser.value(QStringLiteral("devices")).toInt();
    const int rate = parser.value(QStringLiteral("rate")).toInt();
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    QTextStream out(stdout);

    QTemporaryDir state;
    HubDirectory directory;
    if (saving && !directory.setStateDirectory(state.path()).ok())
        return 2;
    SandboxHub::Options options;
    options.name = QStringLiteral("bench");
    SandboxHub *hub = directory.createHub(options).value();
    hub->setThrottlesEnabled(false);
    for (int first = 0; first < devices; first += 100) {
        QList<ImportDevice> batch;
        for (int i = first; i < std::min(devices, first + 100); ++i) {
            ImportDevice entry;
            entry.id = QStringLiteral("probe-%1").arg(i, 6, 10, QLatin1Char('0'));
            entry.importMode = ImportDevice::Mode::CreateOrUpdate;
            batch.append(entry);
        }
        if (!hub->importDevices(batch).ok())
            return 2;
    }
    QElapsedTimer setup;
    setup.start();
    if (!directory.saveNow().ok())
        return 2;
    out << devices << " devices; a full synchronous save (saveNow) took " << setup.elapsed() << " ms" << Qt::endl;

    const QString path = state.filePath(QStringLiteral("iothub/hubs.json"));
    QDateTime lastModified = QFileInfo(path).lastModified();
    int saves = 0;
    int patches = 0;
    qint64 longestGap = 0;
    int gapsOver10 = 0;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;

    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.elapsed();
        const qint64 gap = now - lastTick;
        lastTick = now;
        longestGap = std::max(longestGap, gap);
        if (gap > 10)
            ++gapsOver10;
        const QDateTime modified = QFileInfo(path).lastModified();
        if (modified != lastModified) {
            lastModified = modified;
            ++saves;
        }
        const int due = int(now * rate / 1000);
        while (patches < due) {
            const int n = patches++;
            const QString id = QStringLiteral("probe-%1").arg(n % devices, 6, 10, QLatin1Char('0'));
            hub->patchReported(id,
                               QJsonObject {{QStringLiteral("decodedPayload"), QJsonObject {{QStringLiteral("n"), n}}},
                                            {QStringLiteral("lastSeenAt"), QStringLiteral("2026-11-26T12:00:00Z")}});
        }
        if (now >= qint64(seconds) * 1000) {
            ticker.stop();
            out << patches << " reported patches in " << seconds << " s; " << saves << " saves; longest event-loop gap "
                << longestGap << " ms; gaps over 10 ms: " << gapsOver10 << Qt::endl;
            out << "RESULT devices=" << devices << " patches=" << patches << " saves=" << saves
                << " longest_gap_ms=" << longestGap << " gaps_over_10ms=" << gapsOver10 << Qt::endl;
            QCoreApplication::exit(0);
        }
    });
    ticker.start(1);
    return app.exec();
}
