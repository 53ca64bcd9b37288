#pragma once

#include <QChartView>
#include <QPointer>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace TwinBridge {

class EngineStatsHistory;

// The Bridge page's Qt Charts view of an EngineStatsHistory: uplinks received and forwarded per second (left
// axis) and the p50/p99 publish latency in milliseconds (right axis) over the history's window (10 minutes),
// redrawn once per new second. Follows a dark palette.
class ThroughputChart : public QChartView
{
    Q_OBJECT

public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void setHistory(EngineStatsHistory *history);
    // The plotted points, for tests: forwarded per second and p99 latency.
    QLineSeries *forwardedSeries() const { return m_forwarded; }
    QLineSeries *latencyP99Series() const { return m_p99; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void applyTheme();
    void retranslate();

    QPointer<EngineStatsHistory> m_history;
    QLineSeries *m_received = nullptr;
    QLineSeries *m_forwarded = nullptr;
    QLineSeries *m_p50 = nullptr;
    QLineSeries *m_p99 = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_rateAxis = nullptr;
    QValueAxis *m_latencyAxis = nullptr;
};

} // namespace TwinBridge
