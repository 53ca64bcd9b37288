#include "models/EngineStatsHistory.h"

#include <QLocale>

#include <algorithm>

namespace TwinBridge {

namespace {

using Counter = EngineMetricsSnapshot::Counter;

// Later minus earlier, bucket by bucket; nullopt when a counter went down (the engine was restarted).
std::optional<LatencyHistogram> difference(const LatencyHistogram &later, const LatencyHistogram &earlier)
{
    if (later.count < earlier.count)
        return std::nullopt;
    LatencyHistogram delta;
    for (int i = 0; i < LatencyHistogram::BucketCount; ++i) {
        if (later.counts[size_t(i)] < earlier.counts[size_t(i)])
            return std::nullopt;
        delta.counts[size_t(i)] = later.counts[size_t(i)] - earlier.counts[size_t(i)];
    }
    delta.count = later.count - earlier.count;
    delta.sumMs = later.sumMs - earlier.sumMs;
    return delta;
}

bool wentDown(const EngineMetricsSnapshot &later, const EngineMetricsSnapshot &earlier)
{
    for (int i = 0; i < EngineMetricsSnapshot::CounterCount; ++i) {
        if (later.counters[size_t(i)] < earlier.counters[size_t(i)])
            return true;
    }
    return false;
}

} // namespace

EngineStatsHistory::EngineStatsHistory(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int EngineStatsHistory::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int EngineStatsHistory::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EngineStatsHistory::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Sample &sample = m_samples.at(index.row());
    if (role == RawValueRole) {
        switch (index.column()) {
        case TimeColumn:
            return sample.time;
        case ReceivedColumn:
            return sample.receivedPerSecond;
        case ForwardedColumn:
            return sample.forwardedPerSecond;
        case LatencyP50Column:
            return sample.latencyP50Ms ? QVariant(*sample.latencyP50Ms) : QVariant();
        case LatencyP99Column:
            return sample.latencyP99Ms ? QVariant(*sample.latencyP99Ms) : QVariant();
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case TimeColumn:
            return locale.toString(sample.time.toLocalTime().time(), QLocale::ShortFormat);
        case ReceivedColumn:
            return locale.toString(sample.receivedPerSecond, 'f', 1);
        case ForwardedColumn:
            return locale.toString(sample.forwardedPerSecond, 'f', 1);
        case LatencyP50Column:
            return sample.latencyP50Ms ? locale.toString(*sample.latencyP50Ms, 'f', 1) : QString();
        case LatencyP99Column:
            return sample.latencyP99Ms ? locale.toString(*sample.latencyP99Ms, 'f', 1) : QString();
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() != TimeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant EngineStatsHistory::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ReceivedColumn:
        return tr("Received/s");
    case ForwardedColumn:
        return tr("Forwarded/s");
    case LatencyP50Column:
        return tr("Latency p50 (ms)");
    case LatencyP99Column:
        return tr("Latency p99 (ms)");
    }
    return {};
}

void EngineStatsHistory::addSnapshot(const EngineMetricsSnapshot &snapshot)
{
    if (!snapshot.takenAt.isValid())
        return;
    if (!m_bucketStart || wentDown(snapshot, *m_bucketStart) || snapshot.takenAt < m_bucketStart->takenAt) {
        m_bucketStart = snapshot;
        return;
    }
    const qint64 elapsedMs = m_bucketStart->takenAt.msecsTo(snapshot.takenAt);
    if (elapsedMs < 1000)
        return; // the second is not over yet
    const double seconds = double(elapsedMs) / 1000.0;
    const auto delta = [&](Counter counter) {
        return double(snapshot.counter(counter) - m_bucketStart->counter(counter)) / seconds;
    };
    Sample sample;
    sample.time = snapshot.takenAt.toUTC();
    sample.receivedPerSecond = delta(Counter::UplinksReceived);
    sample.forwardedPerSecond = delta(Counter::UplinksForwarded);
    if (const auto latency = difference(snapshot.publishLatency, m_bucketStart->publishLatency);
        latency && latency->count > 0) {
        sample.latencyP50Ms = latency->quantileMs(0.5);
        sample.latencyP99Ms = latency->quantileMs(0.99);
    }
    m_bucketStart = snapshot;

    const int row = int(m_samples.size());
    beginInsertRows({}, row, row);
    m_samples.append(sample);
    endInsertRows();
    trim();
    emit samplesChanged();
}

void EngineStatsHistory::trim()
{
    if (m_samples.isEmpty())
        return;
    const QDateTime oldest = m_samples.constLast().time.addSecs(-m_window.count());
    int stale = 0;
    while (stale < m_samples.size() && m_samples.at(stale).time < oldest)
        ++stale;
    if (stale == 0)
        return;
    beginRemoveRows({}, 0, stale - 1);
    m_samples.remove(0, stale);
    endRemoveRows();
}

void EngineStatsHistory::clear()
{
    m_bucketStart.reset();
    if (m_samples.isEmpty())
        return;
    beginResetModel();
    m_samples.clear();
    endResetModel();
    emit samplesChanged();
}

void EngineStatsHistory::setWindow(std::chrono::seconds window)
{
    m_window = std::max(window, std::chrono::seconds(1));
    trim();
}

double EngineStatsHistory::maxRate() const
{
    double rate = 0;
    for (const Sample &sample : m_samples)
        rate = std::max({rate, sample.receivedPerSecond, sample.forwardedPerSecond});
    return rate;
}

double EngineStatsHistory::maxLatencyMs() const
{
    double latency = 0;
    for (const Sample &sample : m_samples)
        latency = std::max(latency, sample.latencyP99Ms.value_or(0));
    return latency;
}

} // namespace TwinBridge
