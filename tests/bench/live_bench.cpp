// live_bench: can the console's Live data page take the engine's event rate without freezing the GUI?
//
// Feeds --rate events/s (default 5,000) for --seconds (10) into a shown LiveDataPage (LiveEventModel with its
// default capacity of 10,000, LiveEventFilterProxy sorted newest first, a QTableView, the notices), in batches
// every --batch-ms (250, the engine's ≈4 Hz), while a 5 ms timer probe records the gaps between its ticks: the
// longest gap is the longest event-loop stall (it includes the probe's own 5 ms). The feeder catches up after a
// late tick, so a slow page shows as stalls, not as a lower rate. --filter TEXT / --device ID set the page's text
// and device filters for the run; --capacity N changes the model's capacity; --pool N feeds N distinct events in
// turn (5,000; as many as the capacity gives a realistic memory figure, the rss_mb of the second line).
//
// Output: a few informational lines, then exactly one line
//   LIVE live_eps=<events per s sustained> max_stall_ms=<longest gap>
// (tests/bench/console.sh collects it). Runs offscreen unless QT_QPA_PLATFORM says otherwise.

#include "models/LiveEventFilterProxy.h"
#include "models/LiveEventModel.h"
#include "views/LiveDataPage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <vector>

using namespace TwinBridge;

namespace {

// A pool of events shaped like the engine's: mostly uplinks with their reported patch and payload, some joins,
// downlink events and an error now and then; 50 devices.
EngineEvents makeEventPool(int size)
{
    EngineEvents pool;
    pool.reserve(size);
    for (int i = 0; i < size; ++i) {
        const QString device = QStringLiteral("dev-%1").arg(i % 50 + 1, 3, 10, QLatin1Char('0'));
        EngineEvent event;
        event.deviceId = device;
        switch (i % 20) {
        case 0:
            event.kind = EngineEvent::Kind::Join;
            event.summary = QStringLiteral("Join accept of %1 forwarded to IoT Hub").arg(device);
            event.detail = QJsonObject {{QStringLiteral("messageType"), QStringLiteral("joinAccept")}};
            break;
        case 1:
            event.kind = EngineEvent::Kind::DownlinkEvent;
            event.summary = QStringLiteral("Downlink sent of %1 forwarded to IoT Hub").arg(device);
            event.detail = QJsonObject {{QStringLiteral("messageType"), QStringLiteral("downlinkSent")}};
            break;
        case 2:
            event.kind = EngineEvent::Kind::Error;
            event.summary =
                QStringLiteral("Could not send the uplink of %1: the hub is busy; retrying in 2 s").arg(device);
            break;
        default: {
            event.kind = EngineEvent::Kind::UplinkForwarded;
            event.summary = QStringLiteral("Uplink of %1 forwarded to IoT Hub").arg(device);
            const QJsonObject decoded {{QStringLiteral("temperature"), 20.0 + (i % 100) / 10.0},
                                       {QStringLiteral("humidity"), 40.0 + (i % 60) / 2.0},
                                       {QStringLiteral("battery"), 3.6 + (i % 50) / 100.0}};
            event.detail = QJsonObject {
                {QStringLiteral("messageType"), QStringLiteral("uplink")},
                {QStringLiteral("messageId"), QStringLiteral("01HZX%1").arg(i, 8, 10, QLatin1Char('0'))},
                {QStringLiteral("fPort"), 1},
                {QStringLiteral("fCnt"), i},
                {QStringLiteral("frmPayload"), QStringLiteral("CJgBLAPw")},
                {QStringLiteral("reported"),
                 QJsonObject {{QStringLiteral("decodedPayload"), decoded},
                              {QStringLiteral("lastSeenAt"), QStringLiteral("2026-11-26T12:00:00.000Z")}}}};
            break;
        }
        }
        pool.append(event);
    }
    return pool;
}

// Resident memory of this process (Linux), in MB; 0 elsewhere.
double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("Events per second."),
                                        QStringLiteral("n"), QStringLiteral("5000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Length of the run."),
                                           QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption batchOption(QStringLiteral("batch-ms"), QStringLiteral("Interval between batches."),
                                         QStringLiteral("ms"), QStringLiteral("250"));
    const QCommandLineOption capacityOption(QStringLiteral("capacity"), QStringLiteral("Events the model keeps."),
                                            QStringLiteral("n"), QString::number(LiveEventModel::DefaultCapacity));
    const QCommandLineOption filterOption(QStringLiteral("filter"), QStringLiteral("Text filter during the run."),
                                          QStringLiteral("text"));
    const QCommandLineOption deviceOption(QStringLiteral("device"), QStringLiteral("Device filter during the run."),
                                          QStringLiteral("id"));
    const QCommandLineOption poolOption(QStringLiteral("pool"),
                                        QStringLiteral("Distinct events fed in turn (more = realistic memory)."),
                                        QStringLiteral("n"), QStringLiteral("5000"));
    parser.addOptions({rateOption, secondsOption, batchOption, capacityOption, filterOption, deviceOption, poolOption});
    parser.process(app);
    const int rate = std::max(1, parser.value(rateOption).toInt());
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const int batchMs = std::max(1, parser.value(batchOption).toInt());

    LiveDataPage page(nullptr, nullptr);
    page.model()->setCapacity(parser.value(capacityOption).toInt());
    page.proxy()->setTextFilter(parser.value(filterOption));
    page.showDevice(parser.value(deviceOption));
    page.resize(1280, 800);
    page.show();
    auto *table = page.findChild<QTableView *>(QStringLiteral("eventTable"));

    const EngineEvents pool = makeEventPool(std::max(1, parser.value(poolOption).toInt()));
    qsizetype poolIndex = 0;
    quint64 sent = 0;
    double lastDeliveryAt = 0; // seconds since the start when the last batch was appended
    double longestAppendMs = 0; // the page's own work for one batch (model, proxy, view updates, notices)
    QElapsedTimer clock;

    // The probe: a tick every 5 ms; the gaps between ticks.
    std::vector<double> gaps;
    gaps.reserve(size_t(seconds) * 400);
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        gaps.push_back(double(probeClock.nsecsElapsed()) / 1e6);
        probeClock.restart();
    });

    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(batchMs);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        const double elapsed = double(clock.nsecsElapsed()) / 1e9;
        const auto due = quint64(std::min<double>(elapsed, seconds) * rate);
        if (due <= sent)
            return;
        EngineEvents batch;
        batch.reserve(qsizetype(due - sent));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (quint64 i = sent; i < due; ++i) {
            EngineEvent event = pool.at(poolIndex);
            poolIndex = (poolIndex + 1) % pool.size();
            event.time = now;
            batch.append(std::move(event));
        }
        sent = due;
        QElapsedTimer appendClock;
        appendClock.start();
        page.appendEvents(batch);
        longestAppendMs = std::max(longestAppendMs, double(appendClock.nsecsElapsed()) / 1e6);
        lastDeliveryAt = double(clock.nsecsElapsed()) / 1e9;
    });

    QTimer::singleShot(500, &app, [&] { // let the window settle first
        clock.start();
        probeClock.start();
        probe.start();
        feeder.start();
        QTimer::singleShot(seconds * 1000 + batchMs, &app, [&] {
            feeder.stop();
            probe.stop();
            app.quit();
        });
    });
    QCoreApplication::exec();

    std::vector<double> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    const auto percentile = [&sorted](double p) {
        return sorted.empty() ? 0.0 : sorted.at(std::min(sorted.size() - 1, size_t(p * double(sorted.size()))));
    };
    const double maxStall = sorted.empty() ? 0.0 : sorted.back();
    // Sustained: the events delivered over the time it took to deliver them (appended, filtered, shown).
    const double eps = double(sent) / std::max(lastDeliveryAt, 0.001);
    // A user typing into the text filter of the full table afterwards: the first keystroke builds the rows'
    // search text, the next ones reuse it.
    const auto timeFilter = [&page](const QString &text) {
        QElapsedTimer filterClock;
        filterClock.start();
        page.proxy()->setTextFilter(text);
        return double(filterClock.nsecsElapsed()) / 1e6;
    };
    const int shownRows = table->model()->rowCount();
    const QString textFilter = page.proxy()->textFilter();
    page.proxy()->setTextFilter({});
    const double firstKeystrokeMs = timeFilter(QStringLiteral("d"));
    const double nextKeystrokeMs = timeFilter(QStringLiteral("de"));
    QTextStream out(stdout);
    out << "live_bench: rate=" << rate << "/s for " << seconds << " s in batches every " << batchMs
        << " ms, capacity=" << page.model()->capacity() << ", text filter '" << textFilter << "', device filter '"
        << page.proxy()->deviceFilter() << "'\n";
    out << "live_bench: sent=" << sent << " rows=" << page.model()->rowCount() << " shown=" << shownRows
        << " dropped=" << page.model()->droppedCount() << " rss_mb=" << QString::number(residentMegabytes(), 'f', 0)
        << "\n";
    out << "live_bench: probe ticks=" << gaps.size() << " gap p50=" << QString::number(percentile(0.5), 'f', 1)
        << " ms p99=" << QString::number(percentile(0.99), 'f', 1) << " ms max=" << QString::number(maxStall, 'f', 1)
        << " ms; longest append " << QString::number(longestAppendMs, 'f', 1) << " ms\n";
    out << "live_bench: text filter keystroke on " << page.model()->rowCount() << " rows: first "
        << QString::number(firstKeystrokeMs, 'f', 1) << " ms, next " << QString::number(nextKeystrokeMs, 'f', 1)
        << " ms\n";
    out << "LIVE live_eps=" << qRound64(eps) << " max_stall_ms=" << QString::number(maxStall, 'f', 1) << "\n";
    return 0;
}
