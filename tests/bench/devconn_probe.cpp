// Load probe of the engine's device connections (DeviceConnectionPool + IotHubDeviceClient) against a running
// twinbridge-sandbox (tests/bench/devconn.sh starts one with --no-throttle):
//
//   devconn_probe --sandbox-json DIR/sandbox.json [--devices N] [--uplinks M] [--strict-uplinks K]
//
//  1. creates N devices through the REST bulk import (unless they exist);
//  2. pooled: one uplink (D2C + reported patch) per device opens N connections and keeps them; this
//     process's RSS before and after → KB per pooled connection and the RSS at N connections;
//  3. pooled throughput: M more uplinks over the open connections, all queued at once → uplinks/s;
//  4. pooled latency: uplinks at a fixed rate (--rate, default 500/s) for --rate-seconds (default 10) over the
//     open connections → p50/p99 of submit → both confirmed (PUBACK and 204);
//     (--stop-after-connect ends the probe after step 2, e.g. under heaptrack);
//  5. strict throughput: K uplinks in strict mode (connect, publish, patch, 204, disconnect each) → uplinks/s.
// Rates are the pool's own limits turned off (the sandbox runs without throttles), so the numbers are what
// the code can do on this machine. The last line is machine-readable:
//   RESULT connections=<n> rss_mb=<r> kb_per_connection=<k> pooled_ups=<x> strict_ups=<y> p50_ms=<a> p99_ms=<b>

#include "services/core/Clock.h"
#include "services/engine/DeviceConnectionContext.h"
#include "services/engine/DeviceConnectionPool.h"
#include "services/engine/EpollEventDispatcher.h"
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
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <malloc.h>
#include <vector>

using namespace TwinBridge;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

qint64 ownRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

// Bytes malloc has handed out and not got back (glibc): the live heap, without fragmentation or free pages.
qint64 heapInUseKb()
{
    return qint64(mallinfo2().uordblks / 1024);
}

QString deviceId(int index)
{
    return QStringLiteral("probe-%1").arg(index, 6, 10, QLatin1Char('0'));
}

class Probe : public QObject
{
public:
    Probe(DeviceConnectionSettings settings, QUrl rest, int devices, int uplinks, int strictUplinks, int rate,
          int rateSeconds, bool stopAfterConnect)
        : m_settings(std::move(settings))
        , m_rest(std::move(rest))
        , m_devices(devices)
        , m_uplinks(uplinks)
        , m_strictUplinks(strictUplinks)
        , m_rate(rate)
        , m_rateSeconds(rateSeconds)
        , m_stopAfterConnect(stopAfterConnect)
    { }

    void start() { createDevices(0); }

private:
    void createDevices(int first)
    {
        if (first >= m_devices) {
            out() << "devices: " << m_devices << " ready" << Qt::endl;
            pooledConnections();
            return;
        }
        QJsonArray entries;
        for (int i = first; i < std::min(m_devices, first + 100); ++i)
            entries.append(QJsonObject {{QStringLiteral("id"), deviceId(i)},
                                        {QStringLiteral("importMode"), QStringLiteral("createOrUpdate")}});
        QUrl url = m_rest;
        url.setPath(QStringLiteral("/devices"));
        url.setQuery(QStringLiteral("api-version=2021-04-12"));
        QNetworkRequest request(url);
        request.setSslConfiguration(m_settings.ssl);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization",
                             SasToken::sign(SasToken::hubResource(m_settings.hubHostName), m_settings.policyKey,
                                            QDateTime::currentSecsSinceEpoch() + 3600, m_settings.policyName)
                                 .toUtf8());
        QNetworkReply *reply = m_network.post(request, QJsonDocument(entries).toJson(QJsonDocument::Compact));
        connect(reply, &QNetworkReply::finished, this, [this, reply, first] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 200) {
                out() << "error: bulk import answered " << status << " " << reply->errorString() << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
            createDevices(first + 100);
        });
    }

    static DeviceConnectionPool::Work uplink(int device, int n)
    {
        DeviceConnectionPool::Work work;
        MessagePropertyBag properties;
        properties.set(QStringLiteral("$.ct"), QStringLiteral("application/json"));
        properties.set(QStringLiteral("$.ce"), QStringLiteral("utf-8"));
        properties.set(QStringLiteral("$.mid"), QStringLiteral("%1-%2").arg(device).arg(n));
        properties.set(QStringLiteral("messageType"), QStringLiteral("uplink"));
        work.telemetry = DeviceConnectionPool::Telemetry {
            QByteArrayLiteral(
                R"({"end_device_ids":{"device_id":"x"},"uplink_message":{"f_port":2,"frm_payload":"AQID"}})"),
            properties};
        work.reportedPatch = QJsonObject {{QStringLiteral("decodedPayload"), QJsonObject {{QStringLiteral("n"), n}}},
                                          {QStringLiteral("lastSeenAt"), QStringLiteral("2026-11-26T12:00:00Z")}};
        return work;
    }

    DeviceConnectionPool::Options options(DeviceConnectionPool::Mode mode) const
    {
        DeviceConnectionPool::Options options;
        options.mode = mode;
        options.limits = HubThrottle::Limits(); // the sandbox runs without throttles
        options.maxConnections = m_devices + 10;
        options.idleTtl = std::chrono::minutes(30);
        return options;
    }

    // Runs `count` uplinks through `pool` (at most `window` outstanding), then calls `done(ms)`.
    void run(DeviceConnectionPool *pool, int count, int window, std::function<void(qint64)> done)
    {
        auto state = std::make_shared<RunState>();
        state->count = count;
        state->window = window;
        state->done = std::move(done);
        state->timer.start();
        feed(pool, state);
    }

    struct RunState
    {
        int count = 0;
        int window = 0;
        int submitted = 0;
        int finished = 0;
        int failed = 0;
        QElapsedTimer timer;
        std::function<void(qint64)> done;
    };

    void feed(DeviceConnectionPool *pool, const std::shared_ptr<RunState> &state)
    {
        while (state->submitted < state->count && state->submitted - state->finished < state->window) {
            const int n = state->submitted++;
            const int device = n % m_devices;
            pool->submit(deviceId(device), uplink(device, n))
                .then(this, [this, pool, state](const Result<DeviceConnectionPool::Receipt> &result) {
                    ++state->finished;
                    if (!result.ok()) {
                        if (++state->failed <= 5)
                            out() << "  failed: " << result.error().toString() << Qt::endl;
                    }
                    if (state->finished == state->count) {
                        if (state->failed > 0)
                            out() << "  " << state->failed << " uplinks failed" << Qt::endl;
                        state->done(state->timer.elapsed());
                        return;
                    }
                    feed(pool, state);
                });
        }
    }

    void pooledConnections()
    {
        m_context = new DeviceConnectionContext(m_settings, Clock::system(), this);
        m_pool = new DeviceConnectionPool(m_context, options(DeviceConnectionPool::Mode::Pooled), this);
        malloc_trim(0);
        m_rssBefore = ownRssKb();
        m_heapBefore = heapInUseKb();
        out() << "RSS before connecting: " << m_rssBefore << " KB (heap in use " << m_heapBefore << " KB); opening "
              << m_devices << " pooled connections" << Qt::endl;
        run(m_pool, m_devices, 500, [this](qint64 ms) {
            out() << "pooled: " << m_devices << " connections opened (one uplink each) in " << ms << " ms; open "
                  << m_pool->counters().openConnections << Qt::endl;
            QTimer::singleShot(2000, this, [this] {
                malloc_trim(0);
                m_rssAfter = ownRssKb();
                const qint64 heap = heapInUseKb();
                out() << "RSS with " << m_pool->counters().openConnections << " connections: " << m_rssAfter << " KB ("
                      << double(m_rssAfter - m_rssBefore) / m_devices << " KB per connection); heap in use " << heap
                      << " KB (" << double(heap - m_heapBefore) / m_devices << " KB per connection)" << Qt::endl;
                if (m_stopAfterConnect) {
                    // Ends the process with every connection still open: under heaptrack, what they hold shows
                    // as "leaked", with the call stacks that allocated it.
                    std::exit(0);
                }
                pooledThroughput();
            });
        });
    }

    void pooledThroughput()
    {
        run(m_pool, m_uplinks, 4000, [this](qint64 ms) {
            m_pooledUps = m_uplinks * 1000.0 / double(std::max<qint64>(1, ms));
            out() << "pooled: " << m_uplinks << " uplinks (D2C + reported patch) in " << ms << " ms = " << m_pooledUps
                  << "/s; connects " << m_pool->counters().connects << Qt::endl;
            QTimer::singleShot(1000, this, [this] { pooledLatency(); });
        });
    }

    // A steady rate: one submission every 1000/rate ms (in batches per 10 ms tick), latency per uplink.
    void pooledLatency()
    {
        const int total = m_rate * m_rateSeconds;
        auto latencies = std::make_shared<std::vector<double>>();
        latencies->reserve(size_t(total));
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        auto submitted = std::make_shared<int>(0);
        m_lastTickMs = 0;
        m_longestTickGapMs = 0;
        auto *tick = new QTimer(this);
        connect(tick, &QTimer::timeout, this, [this, tick, total, latencies, clock, submitted] {
            // How late this process's event loop gets to its 2 ms timer: the engine side's own stalls.
            const qint64 nowMs = clock->elapsed();
            if (m_lastTickMs > 0)
                m_longestTickGapMs = std::max(m_longestTickGapMs, nowMs - m_lastTickMs);
            m_lastTickMs = nowMs;
            const int due = std::min(total, int(clock->elapsed() * m_rate / 1000));
            while (*submitted < due) {
                const int n = (*submitted)++;
                const int device = n % m_devices;
                const qint64 startNs = clock->nsecsElapsed();
                m_pool->submit(deviceId(device), uplink(device, 1000000 + n))
                    .then(this,
                          [this, total, latencies, clock, startNs](const Result<DeviceConnectionPool::Receipt> &) {
                              latencies->push_back(double(clock->nsecsElapsed() - startNs) / 1e6);
                              if (int(latencies->size()) == total)
                                  latencyDone(*latencies);
                          });
            }
            if (*submitted >= total)
                tick->deleteLater();
        });
        tick->start(2);
    }

    void latencyDone(std::vector<double> latencies)
    {
        std::sort(latencies.begin(), latencies.end());
        auto at = [&latencies](double q) { return latencies[size_t(q * double(latencies.size() - 1))]; };
        m_p50 = at(0.50);
        m_p99 = at(0.99);
        out() << "pooled at " << m_rate << "/s for " << m_rateSeconds << " s: latency p50 " << m_p50 << " ms, p99 "
              << m_p99 << " ms, max " << latencies.back() << " ms; longest gap between the probe's 2 ms ticks "
              << m_longestTickGapMs << " ms" << Qt::endl;
        m_pool->closeAll();
        QTimer::singleShot(3000, this, [this] { strictThroughput(); });
    }

    void strictThroughput()
    {
        auto *strict = new DeviceConnectionPool(m_context, options(DeviceConnectionPool::Mode::Strict), this);
        run(strict, m_strictUplinks, 200, [this, strict](qint64 ms) {
            m_strictUps = m_strictUplinks * 1000.0 / double(std::max<qint64>(1, ms));
            out() << "strict: " << m_strictUplinks << " uplinks in " << ms << " ms = " << m_strictUps << "/s; connects "
                  << strict->counters().connects << Qt::endl;
            out() << "RESULT connections=" << m_devices << " rss_mb=" << QString::number(m_rssAfter / 1024.0, 'f', 1)
                  << " kb_per_connection=" << QString::number(double(m_rssAfter - m_rssBefore) / m_devices, 'f', 1)
                  << " pooled_ups=" << QString::number(m_pooledUps, 'f', 0)
                  << " strict_ups=" << QString::number(m_strictUps, 'f', 0)
                  << " p50_ms=" << QString::number(m_p50, 'f', 1) << " p99_ms=" << QString::number(m_p99, 'f', 1)
                  << Qt::endl;
            QCoreApplication::exit(0);
        });
    }

    DeviceConnectionSettings m_settings;
    QUrl m_rest;
    int m_devices;
    int m_uplinks;
    int m_strictUplinks;
    int m_rate;
    int m_rateSeconds;
    bool m_stopAfterConnect;
    double m_p50 = 0;
    double m_p99 = 0;
    QNetworkAccessManager m_network;
    DeviceConnectionContext *m_context = nullptr;
    DeviceConnectionPool *m_pool = nullptr;
    qint64 m_rssBefore = 0;
    qint64 m_heapBefore = 0;
    qint64 m_lastTickMs = 0;
    qint64 m_longestTickGapMs = 0;
    qint64 m_rssAfter = 0;
    double m_pooledUps = 0;
    double m_strictUps = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    // The engine's device thread runs on epoll (EpollEventDispatcher); TWINBRIDGE_QT_DISPATCHER=1 compares
    // with Qt's own UNIX dispatcher.
    const bool qtDispatcher = qEnvironmentVariableIsSet("TWINBRIDGE_QT_DISPATCHER");
    if (!qtDispatcher)
        QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    out() << "event dispatcher: " << (qtDispatcher ? "Qt (poll)" : "epoll") << Qt::endl;
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("sandbox-json"), QStringLiteral("The sandbox's sandbox.json."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("devices"), QStringLiteral("Pooled connections (default 1000)."),
                      QStringLiteral("n"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("uplinks"), QStringLiteral("Pooled uplinks for the rate (default 20000)."),
                      QStringLiteral("n"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("strict-uplinks"), QStringLiteral("Strict uplinks for the rate (default 2000)."),
                      QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("rate"),
                      QStringLiteral("Pooled uplinks per second for the latency (default 500)."), QStringLiteral("n"),
                      QStringLiteral("500")});
    parser.addOption({QStringLiteral("rate-seconds"), QStringLiteral("Seconds at that rate (default 10)."),
                      QStringLiteral("n"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("stop-after-connect"),
                      QStringLiteral("Exit right after measuring the pooled connections' memory (for heaptrack: what "
                                     "the open connections hold shows as leaked).")});
    parser.process(app);

    QFile file(parser.value(QStringLiteral("sandbox-json")));
    if (!file.open(QIODevice::ReadOnly)) {
        out() << "error: cannot read " << file.fileName() << Qt::endl;
        return 2;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject hub = root.value(QStringLiteral("iotHub")).toObject();
    const QJsonObject mqtt = hub.value(QStringLiteral("mqtt")).toObject();
    DeviceConnectionSettings settings;
    settings.hubHostName = hub.value(QStringLiteral("hostName")).toString();
    settings.connectHost = mqtt.value(QStringLiteral("host")).toString();
    settings.connectPort = quint16(mqtt.value(QStringLiteral("port")).toInt());
    settings.policyName = hub.value(QStringLiteral("policyName")).toString();
    settings.policyKey = hub.value(QStringLiteral("policyKey")).toString().toLatin1();
    const Result<QSslConfiguration> ssl =
        DeviceConnectionSettings::tlsConfiguration(root.value(QStringLiteral("caCertificate")).toString());
    if (!ssl.ok()) {
        out() << "error: " << ssl.error().message() << Qt::endl;
        return 2;
    }
    settings.ssl = ssl.value();

    Probe probe(settings, QUrl(hub.value(QStringLiteral("rest")).toString()),
                parser.value(QStringLiteral("devices")).toInt(), parser.value(QStringLiteral("uplinks")).toInt(),
                parser.value(QStringLiteral("strict-uplinks")).toInt(), parser.value(QStringLiteral("rate")).toInt(),
                parser.value(QStringLiteral("rate-seconds")).toInt(),
                parser.isSet(QStringLiteral("stop-after-connect")));
    QTimer::singleShot(0, &probe, [&probe] { probe.start(); });
    return app.exec();
}
