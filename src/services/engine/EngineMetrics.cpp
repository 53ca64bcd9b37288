#include "services/engine/EngineMetrics.h"

#include <QLocale>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace TwinBridge {

namespace {

struct CounterInfo
{
    const char *key;
    const char *help;
};

// Keys are stable: they are JSON keys of `--stats` and metric names (twinbridge_<key>_total).
constexpr CounterInfo Counters[EngineMetricsSnapshot::CounterCount] = {
    {"uplinks_received", "Messages received from the TTS application (any of the 10 message types)."},
    {"uplinks_forwarded", "Messages whose D2C message and reported patch the hub confirmed."},
    {"uplinks_failed", "Messages given up after a permanent error."},
    {"d2c_sent", "Device-to-cloud messages acknowledged by the hub (PUBACK)."},
    {"twin_patches", "Reported-property patches acknowledged by the hub (204)."},
    {"identities_created", "Device identities created in the hub."},
    {"identity_failures", "Device identity creations that failed."},
    {"ingest_events_accepted", "Events accepted by the ingest endpoint."},
    {"downlinks_pushed", "Downlinks queued in TTS."},
    {"tts_devices_provisioned", "Hub devices created in the four TTS registries."},
    {"tts_devices_deleted", "Devices deleted from TTS after a hub deletion."},
    {"tts_messages_malformed", "Messages from TTS that could not be parsed or had an unknown type (not forwarded)."},
    {"throttled", "Throttling answers from the hub (HTTP 429, MQTT CONNACK 3)."},
    {"reconnects", "TTS and device connections re-established after a loss."},
    {"outbox_rejected", "Records refused because the outbox was full."},
};

constexpr CounterInfo Gauges[EngineMetricsSnapshot::GaugeCount] = {
    {"device_connections_open", "Open MQTT connections to the hub, one per device."},
    {"outbox_depth", "Records waiting in the outbox."},
    {"identities_pending", "Devices waiting for their hub identity."},
    {"tts_connected", "1 while the MQTT connection to the TTS application is up."},
};

const QByteArray Prefix = QByteArrayLiteral("twinbridge_");

// HELP text: backslash and line feed are escaped.
QByteArray escapeHelp(const QString &text)
{
    QByteArray out;
    for (const char c : text.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// Label values: backslash, double quote and line feed are escaped.
QByteArray escapeLabelValue(const QString &text)
{
    QByteArray out;
    for (const char c : text.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// A Go-compatible float: shortest round-trip digits, +Inf/-Inf/NaN spelled as Prometheus expects.
QByteArray formatFloat(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

// Bucket bounds in plain decimal notation ("0.0005", not "5e-04"), as the official clients write them.
QByteArray formatBound(double value)
{
    return QByteArray::number(value, 'f', QLocale::FloatingPointShortest);
}

void family(QByteArray &out, const QByteArray &name, const QString &help, const char *type)
{
    out += "# HELP " + name + ' ' + escapeHelp(help) + '\n';
    out += "# TYPE " + name + ' ' + type + '\n';
}

} // namespace

void LatencyHistogram::observe(double ms)
{
    if (std::isnan(ms))
        return;
    ms = std::max(0.0, ms);
    const auto bound = std::lower_bound(BoundsMs.begin(), BoundsMs.end(), ms); // first bound >= ms ("le")
    ++counts[size_t(bound - BoundsMs.begin())];
    ++count;
    sumMs += ms;
}

double LatencyHistogram::quantileMs(double q) const
{
    if (count == 0)
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    const double rank = q * double(count);
    quint64 cumulative = 0;
    for (int i = 0; i < BucketCount; ++i) {
        const quint64 previous = cumulative;
        cumulative += counts[size_t(i)];
        if (double(cumulative) < rank || counts[size_t(i)] == 0)
            continue;
        if (i == BucketCount - 1)
            return BoundsMs.back(); // above the largest bound: that bound is the best estimate
        const double lower = i == 0 ? 0.0 : BoundsMs[size_t(i - 1)];
        const double upper = BoundsMs[size_t(i)];
        return lower + (upper - lower) * (rank - double(previous)) / double(counts[size_t(i)]);
    }
    return BoundsMs.back();
}

QString EngineMetricsSnapshot::counterKey(Counter counter)
{
    return QString::fromLatin1(Counters[int(counter)].key);
}

QString EngineMetricsSnapshot::counterHelp(Counter counter)
{
    return QString::fromLatin1(Counters[int(counter)].help);
}

QString EngineMetricsSnapshot::gaugeKey(Gauge gauge)
{
    return QString::fromLatin1(Gauges[int(gauge)].key);
}

QString EngineMetricsSnapshot::gaugeHelp(Gauge gauge)
{
    return QString::fromLatin1(Gauges[int(gauge)].help);
}

quint64 EngineMetricsSnapshot::ingestRejectedTotal() const
{
    quint64 total = 0;
    for (const quint64 value : ingestRejected)
        total += value;
    return total;
}

QJsonObject EngineMetricsSnapshot::toJson() const
{
    QJsonObject counterObject;
    for (int i = 0; i < CounterCount; ++i)
        counterObject.insert(counterKey(Counter(i)), qint64(counters[size_t(i)]));
    QJsonObject gaugeObject;
    for (int i = 0; i < GaugeCount; ++i)
        gaugeObject.insert(gaugeKey(Gauge(i)), gauges[size_t(i)]);
    QJsonObject rejected;
    for (auto it = ingestRejected.cbegin(); it != ingestRejected.cend(); ++it)
        rejected.insert(it.key(), qint64(it.value()));
    QJsonObject latency{
        {QStringLiteral("count"), qint64(publishLatency.count)},
        {QStringLiteral("sum"), publishLatency.sumMs},
        {QStringLiteral("p50"), latencyP50Ms()},
        {QStringLiteral("p99"), latencyP99Ms()},
    };
    QJsonObject object{
        {QStringLiteral("counters"), counterObject},
        {QStringLiteral("gauges"), gaugeObject},
        {QStringLiteral("ingest_rejected"), rejected},
        {QStringLiteral("latency_ms"), latency},
    };
    if (takenAt.isValid())
        object.insert(QStringLiteral("time"), takenAt.toUTC().toString(Qt::ISODateWithMs));
    return object;
}

QByteArray EngineMetricsSnapshot::renderPrometheus() const
{
    QByteArray out;
    out.reserve(4096);
    for (int i = 0; i < CounterCount; ++i) {
        const QByteArray name = Prefix + Counters[i].key + "_total";
        family(out, name, counterHelp(Counter(i)), "counter");
        out += name + ' ' + QByteArray::number(counters[size_t(i)]) + '\n';
    }
    {
        const QByteArray name = Prefix + "ingest_events_rejected_total";
        family(out, name, QStringLiteral("Events the ingest endpoint refused, by reason."), "counter");
        for (auto it = ingestRejected.cbegin(); it != ingestRejected.cend(); ++it)
            out += name + "{reason=\"" + escapeLabelValue(it.key()) + "\"} " + QByteArray::number(it.value()) + '\n';
    }
    for (int i = 0; i < GaugeCount; ++i) {
        const QByteArray name = Prefix + Gauges[i].key;
        family(out, name, gaugeHelp(Gauge(i)), "gauge");
        out += name + ' ' + QByteArray::number(gauges[size_t(i)]) + '\n';
    }
    {
        const QByteArray name = Prefix + "publish_latency_seconds";
        family(out, name,
               QStringLiteral("Time from a TTS message's arrival to the hub's PUBACK of its D2C message, in seconds."),
               "histogram");
        quint64 cumulative = 0;
        for (size_t i = 0; i < LatencyHistogram::BoundsMs.size(); ++i) {
            cumulative += publishLatency.counts[i];
            out += name + "_bucket{le=\"" + formatBound(LatencyHistogram::BoundsMs[i] / 1000.0) + "\"} "
                + QByteArray::number(cumulative) + '\n';
        }
        out += name + "_bucket{le=\"+Inf\"} " + QByteArray::number(publishLatency.count) + '\n';
        out += name + "_sum " + formatFloat(publishLatency.sumMs / 1000.0) + '\n';
        out += name + "_count " + QByteArray::number(publishLatency.count) + '\n';
    }
    return out;
}

EngineMetrics::EngineMetrics() = default;

void EngineMetrics::increment(Counter counter, quint64 by)
{
    m_counters[size_t(counter)].fetch_add(by, std::memory_order_relaxed);
}

void EngineMetrics::setGauge(Gauge gauge, qint64 value)
{
    m_gauges[size_t(gauge)].store(value, std::memory_order_relaxed);
}

void EngineMetrics::addToGauge(Gauge gauge, qint64 delta)
{
    m_gauges[size_t(gauge)].fetch_add(delta, std::memory_order_relaxed);
}

void EngineMetrics::rejectIngestEvent(const QString &reason, quint64 by)
{
    QMutexLocker lock(&m_mutex);
    m_ingestRejected[reason.isEmpty() ? QStringLiteral("other") : reason] += by;
}

void EngineMetrics::observePublishLatency(std::chrono::microseconds latency)
{
    observePublishLatencyMs(double(latency.count()) / 1000.0);
}

void EngineMetrics::observePublishLatencyMs(double ms)
{
    QMutexLocker lock(&m_mutex);
    m_latency.observe(ms);
}

EngineMetricsSnapshot EngineMetrics::snapshot(const QDateTime &now) const
{
    EngineMetricsSnapshot snapshot;
    snapshot.takenAt = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    for (int i = 0; i < EngineMetricsSnapshot::CounterCount; ++i)
        snapshot.counters[size_t(i)] = m_counters[size_t(i)].load(std::memory_order_relaxed);
    for (int i = 0; i < EngineMetricsSnapshot::GaugeCount; ++i)
        snapshot.gauges[size_t(i)] = m_gauges[size_t(i)].load(std::memory_order_relaxed);
    QMutexLocker lock(&m_mutex);
    snapshot.ingestRejected = m_ingestRejected;
    snapshot.publishLatency = m_latency;
    return snapshot;
}

void EngineMetrics::reset()
{
    for (auto &counter : m_counters)
        counter.store(0, std::memory_order_relaxed);
    for (auto &gauge : m_gauges)
        gauge.store(0, std::memory_order_relaxed);
    QMutexLocker lock(&m_mutex);
    m_ingestRejected.clear();
    m_latency = {};
}

} // namespace TwinBridge
