#pragma once

#include "services/engine/EngineMetrics.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include <chrono>
#include <optional>

namespace TwinBridge {

// The engine's throughput and latency over the last minutes (the Bridge page's chart), one row per second:
// built from the cumulative snapshots of EngineHost::statsUpdated (≈4 Hz). Each row holds the uplinks received
// and forwarded per second in that second and the p50/p99 publish latency (TTS publish → hub acknowledgement) of
// the uplinks forwarded in it — a quantile of the difference of two cumulative histograms, so one slow second
// shows as one. Rows older than window() before the newest one leave. A snapshot whose counters went down (a new
// engine run) starts a new baseline.
class EngineStatsHistory : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ReceivedColumn, ForwardedColumn, LatencyP50Column, LatencyP99Column, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole; // numbers (double) and QDateTime, for charts and sorting

    struct Sample
    {
        QDateTime time; // end of the second, UTC
        double receivedPerSecond = 0;
        double forwardedPerSecond = 0;
        std::optional<double> latencyP50Ms; // none when nothing was forwarded in that second
        std::optional<double> latencyP99Ms;
    };

    explicit EngineStatsHistory(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void addSnapshot(const EngineMetricsSnapshot &snapshot);
    void clear();

    std::chrono::seconds window() const { return m_window; }
    void setWindow(std::chrono::seconds window);
    const QList<Sample> &samples() const { return m_samples; }
    // The largest per-second rate and p99 latency held (0 when none), for the chart's axes.
    double maxRate() const;
    double maxLatencyMs() const;

signals:
    // After rows were added or removed (once per addSnapshot() that changed anything).
    void samplesChanged();

private:
    void trim();

    QList<Sample> m_samples;
    std::optional<EngineMetricsSnapshot> m_bucketStart; // the snapshot the current second started with
    std::chrono::seconds m_window {600};
};

} // namespace TwinBridge
