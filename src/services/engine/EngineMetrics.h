#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QMutex>
#include <QString>

#include <array>
#include <atomic>
#include <chrono>

namespace TwinBridge {

// A cumulative latency histogram with fixed bucket bounds (milliseconds).
struct LatencyHistogram
{
    // Upper bounds (inclusive, "le") in milliseconds; an implicit +Inf bucket follows.
    static constexpr std::array<double, 14> BoundsMs{0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
    static constexpr int BucketCount = int(BoundsMs.size()) + 1;

    std::array<quint64, BucketCount> counts{}; // per bucket (not cumulative); last = above the largest bound
    quint64 count = 0;
    double sumMs = 0;

    void observe(double ms);
    // The q-quantile (0…1) in milliseconds, interpolated linearly inside the bucket that holds it (as
    // Prometheus' histogram_quantile does); 0 when empty. Observations above the largest bound report that bound.
    double quantileMs(double q) const;
    bool operator==(const LatencyHistogram &other) const = default;
};

// Everything EngineMetrics counts, frozen at one instant: what the GUI receives in its batched (≈4 Hz)
// signal and what `twinbridged --stats` prints as one JSON line.
struct EngineMetricsSnapshot
{
    enum class Counter {
        UplinksReceived, // TTS messages accepted from the TTS MQTT connection (any of the 10 types)
        UplinksForwarded, // confirmed by the hub (PUBACK for the D2C message and the reported patch)
        UplinksFailed, // given up (permanent error)
        DeviceToCloudSent, // D2C messages acknowledged by the hub
        TwinPatches, // reported-property patches acknowledged (204)
        IdentitiesCreated, // device identities created in the hub
        IdentityFailures, // identity creations that failed
        IngestEventsAccepted,
        DownlinksPushed, // downlinks queued in TTS
        DevicesProvisionedInTts, // hub devices created in the four TTS registries
        DevicesDeletedInTts,
        MalformedTtsMessages, // unparseable or unknown messages from TTS (not forwarded)
        Throttled, // 429 answers / CONNACK 3 from the hub
        Reconnects, // TTS and device connections re-established after a loss
        OutboxRejected, // records refused by the outbox's size bound
    };
    static constexpr int CounterCount = int(Counter::OutboxRejected) + 1;

    enum class Gauge {
        OpenDeviceConnections,
        OutboxDepth, // records waiting in the outbox (all kinds)
        PendingIdentities, // devices waiting for their hub identity
        TtsConnected, // 1 while the TTS MQTT connection is up
    };
    static constexpr int GaugeCount = int(Gauge::TtsConnected) + 1;

    // "uplinks_received" … (snake case, used for JSON keys and, with twinbridge_ and _total, metric names).
    static QString counterKey(Counter counter);
    static QString counterHelp(Counter counter);
    static QString gaugeKey(Gauge gauge);
    static QString gaugeHelp(Gauge gauge);

    QDateTime takenAt; // UTC
    std::array<quint64, CounterCount> counters{};
    std::array<qint64, GaugeCount> gauges{};
    QMap<QString, quint64> ingestRejected; // by reason ("malformed", "unauthorized", "too_large" …)
    LatencyHistogram publishLatency; // TTS publish → hub PUBACK

    quint64 counter(Counter c) const { return counters[size_t(c)]; }
    qint64 gauge(Gauge g) const { return gauges[size_t(g)]; }
    quint64 ingestRejectedTotal() const;
    double latencyP50Ms() const { return publishLatency.quantileMs(0.5); }
    double latencyP99Ms() const { return publishLatency.quantileMs(0.99); }

    // {"time":"…Z","counters":{"uplinks_received":n,…},"gauges":{…},"ingest_rejected":{"malformed":n,…},
    //  "latency_ms":{"count":n,"sum":x,"p50":x,"p99":x}}
    QJsonObject toJson() const;
    // The Prometheus text exposition format 0.0.4 (text/plain; version=0.0.4): # HELP / # TYPE per family,
    // counters twinbridge_<key>_total, gauges twinbridge_<key>, the labelled family
    // twinbridge_ingest_events_rejected_total{reason="…"} and the histogram
    // twinbridge_publish_latency_seconds_bucket{le="…"} / _sum / _count (seconds, the base unit).
    QByteArray renderPrometheus() const;
};

// The engine's counters, gauges and latency histogram. Updates are cheap and may come from any thread
// (counters and gauges are atomics; the histogram and the labelled counters take a short lock); snapshot()
// copies everything at once.
class EngineMetrics
{
public:
    using Counter = EngineMetricsSnapshot::Counter;
    using Gauge = EngineMetricsSnapshot::Gauge;

    static constexpr const char *PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    EngineMetrics();

    void increment(Counter counter, quint64 by = 1);
    void setGauge(Gauge gauge, qint64 value);
    void addToGauge(Gauge gauge, qint64 delta);
    // `reason` is a short snake_case word; it becomes a label value.
    void rejectIngestEvent(const QString &reason, quint64 by = 1);
    void observePublishLatency(std::chrono::microseconds latency);
    void observePublishLatencyMs(double ms);

    quint64 counter(Counter c) const { return m_counters[size_t(c)].load(std::memory_order_relaxed); }
    qint64 gauge(Gauge g) const { return m_gauges[size_t(g)].load(std::memory_order_relaxed); }

    // Stamped with `now` (default: the current UTC time).
    EngineMetricsSnapshot snapshot(const QDateTime &now = {}) const;
    QByteArray renderPrometheus() const { return snapshot().renderPrometheus(); }
    void reset();

private:
    std::array<std::atomic<quint64>, EngineMetricsSnapshot::CounterCount> m_counters{};
    std::array<std::atomic<qint64>, EngineMetricsSnapshot::GaugeCount> m_gauges{};
    mutable QMutex m_mutex;
    QMap<QString, quint64> m_ingestRejected;
    LatencyHistogram m_latency;
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::EngineMetricsSnapshot)
