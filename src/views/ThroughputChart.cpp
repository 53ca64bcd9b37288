#include "views/ThroughputChart.h"

#include "models/EngineStatsHistory.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace TwinBridge {

namespace {

// A round upper bound for an axis showing values up to `value` (at least `minimum`).
double niceCeiling(double value, double minimum)
{
    value = std::max(value * 1.15, minimum);
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10.0 * magnitude;
}

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QChartView(parent)
    , m_received(new QLineSeries)
    , m_forwarded(new QLineSeries)
    , m_p50(new QLineSeries)
    , m_p99(new QLineSeries)
    , m_timeAxis(new QDateTimeAxis)
    , m_rateAxis(new QValueAxis)
    , m_latencyAxis(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    for (QLineSeries *series : {m_received, m_forwarded, m_p50, m_p99})
        chart->addSeries(series);
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTickCount(6);
    // Six ticks over the 1-2-5 ceilings of niceCeiling(): round labels (0, 10, 20 … 50).
    m_rateAxis->setTickCount(6);
    m_latencyAxis->setTickCount(6);
    m_rateAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_latencyAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_rateAxis, Qt::AlignLeft);
    chart->addAxis(m_latencyAxis, Qt::AlignRight);
    for (QLineSeries *series : {m_received, m_forwarded, m_p50, m_p99})
        series->attachAxis(m_timeAxis);
    m_received->attachAxis(m_rateAxis);
    m_forwarded->attachAxis(m_rateAxis);
    m_p50->attachAxis(m_latencyAxis);
    m_p99->attachAxis(m_latencyAxis);
    QPen dashed = m_p50->pen();
    dashed.setStyle(Qt::DashLine);
    m_p50->setPen(dashed);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    retranslate();
    applyTheme();
    refresh();
}

void ThroughputChart::setHistory(EngineStatsHistory *history)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    if (history)
        connect(history, &EngineStatsHistory::samplesChanged, this, &ThroughputChart::refresh);
    refresh();
}

void ThroughputChart::refresh()
{
    QList<QPointF> received, forwarded, p50, p99;
    QDateTime newest = QDateTime::currentDateTimeUtc();
    qint64 windowSeconds = 600;
    if (m_history) {
        windowSeconds = m_history->window().count();
        const auto &samples = m_history->samples();
        received.reserve(samples.size());
        forwarded.reserve(samples.size());
        for (const EngineStatsHistory::Sample &sample : samples) {
            const double x = double(sample.time.toMSecsSinceEpoch());
            received.append(QPointF(x, sample.receivedPerSecond));
            forwarded.append(QPointF(x, sample.forwardedPerSecond));
            if (sample.latencyP50Ms)
                p50.append(QPointF(x, *sample.latencyP50Ms));
            if (sample.latencyP99Ms)
                p99.append(QPointF(x, *sample.latencyP99Ms));
        }
        if (!samples.isEmpty())
            newest = samples.constLast().time;
    }
    m_received->replace(received);
    m_forwarded->replace(forwarded);
    m_p50->replace(p50);
    m_p99->replace(p99);
    m_timeAxis->setRange(newest.addSecs(-windowSeconds).toLocalTime(), newest.toLocalTime());
    m_rateAxis->setRange(0, niceCeiling(m_history ? m_history->maxRate() : 0, 1));
    m_latencyAxis->setRange(0, niceCeiling(m_history ? m_history->maxLatencyMs() : 0, 10));
}

void ThroughputChart::retranslate()
{
    m_received->setName(tr("Received/s"));
    m_forwarded->setName(tr("Forwarded/s"));
    m_p50->setName(tr("Latency p50 (ms)"));
    m_p99->setName(tr("Latency p99 (ms)"));
    m_rateAxis->setTitleText(tr("Uplinks/s"));
    m_latencyAxis->setTitleText(tr("Latency (ms)"));
    chart()->setTitle(tr("Throughput and latency, last 10 minutes"));
}

void ThroughputChart::applyTheme()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    chart()->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart()->setBackgroundBrush(palette().brush(QPalette::Base));
    // setTheme() resets the pens: keep p50 dashed.
    QPen dashed = m_p50->pen();
    dashed.setStyle(Qt::DashLine);
    m_p50->setPen(dashed);
}

void ThroughputChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    else if (event->type() == QEvent::LanguageChange)
        retranslate();
    QChartView::changeEvent(event);
}

} // namespace TwinBridge
