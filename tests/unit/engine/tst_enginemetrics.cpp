#include "services/engine/EngineMetrics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace TwinBridge;
using namespace std::chrono_literals;

namespace {

// One parsed sample line of the text exposition format.
struct Sample
{
    QString name;
    QMap<QString, QString> labels;
    QString value;
};

// Checks `text` against the rules of the Prometheus text format 0.0.4 (prometheus.io, "Exposition formats"):
// UTF-8 lines ended by \n (the last one too); "# HELP <name> <escaped text>" and "# TYPE <name> <type>" at
// most once per family, TYPE before the family's first sample; metric and label names from
// [a-zA-Z_:][a-zA-Z0-9_:]* / [a-zA-Z_][a-zA-Z0-9_]*; label values in double quotes with \\, \" and \n
// escapes; a family's samples together; histogram samples named <family>_bucket/_sum/_count, buckets with
// an "le" label, cumulative, ascending, ending with le="+Inf" equal to _count. Returns the samples, or an
// empty list after QTest failures.
QList<Sample> parseExposition(const QByteArray &text, QMap<QString, QString> *types = nullptr)
{
    QList<Sample> samples;
    [&] {
        QVERIFY(text.endsWith('\n'));
        QVERIFY(!text.contains('\r'));
        static const QRegularExpression metricName(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
        static const QRegularExpression labelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
        static const QRegularExpression number(QStringLiteral("^([-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?|[+-]Inf|NaN)$"));
        QMap<QString, QString> typeOf;
        QSet<QString> helped;
        QSet<QString> finishedFamilies;
        QString currentFamily;
        const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) { // the last element is after the final \n
            const QString &line = lines.at(i);
            QVERIFY2(!line.isEmpty(), "no empty lines expected");
            if (line.startsWith(QLatin1String("# HELP ")) || line.startsWith(QLatin1String("# TYPE "))) {
                const QString rest = line.mid(7);
                const QString name = rest.section(QLatin1Char(' '), 0, 0);
                const QString value = rest.section(QLatin1Char(' '), 1);
                QVERIFY2(metricName.match(name).hasMatch(), qPrintable(line));
                QVERIFY2(name.startsWith(QLatin1String("twinbridge_")), qPrintable(line));
                QVERIFY2(!finishedFamilies.contains(name), qPrintable(QStringLiteral("family split: %1").arg(line)));
                if (line.startsWith(QLatin1String("# HELP "))) {
                    QVERIFY2(!helped.contains(name), qPrintable(line));
                    QVERIFY2(!value.isEmpty(), qPrintable(line));
                    helped.insert(name);
                } else {
                    QVERIFY2(!typeOf.contains(name), qPrintable(line));
                    QVERIFY2(QStringList({QStringLiteral("counter"), QStringLiteral("gauge"), QStringLiteral("histogram"),
                                          QStringLiteral("summary"), QStringLiteral("untyped")})
                                 .contains(value),
                             qPrintable(line));
                    typeOf.insert(name, value);
                }
                if (!currentFamily.isEmpty() && currentFamily != name)
                    finishedFamilies.insert(currentFamily);
                currentFamily = name;
                continue;
            }
            QVERIFY2(!line.startsWith(QLatin1Char('#')), qPrintable(line));
            Sample sample;
            qsizetype pos = 0;
            while (pos < line.size() && line.at(pos) != QLatin1Char('{') && line.at(pos) != QLatin1Char(' '))
                ++pos;
            sample.name = line.left(pos);
            QVERIFY2(metricName.match(sample.name).hasMatch(), qPrintable(line));
            if (pos < line.size() && line.at(pos) == QLatin1Char('{')) {
                ++pos;
                while (line.at(pos) != QLatin1Char('}')) {
                    const qsizetype eq = line.indexOf(QLatin1Char('='), pos);
                    QVERIFY2(eq > pos, qPrintable(line));
                    const QString label = line.mid(pos, eq - pos);
                    QVERIFY2(labelName.match(label).hasMatch(), qPrintable(line));
                    QVERIFY2(line.at(eq + 1) == QLatin1Char('"'), qPrintable(line));
                    QString value;
                    qsizetype j = eq + 2;
                    for (; j < line.size() && line.at(j) != QLatin1Char('"'); ++j) {
                        if (line.at(j) == QLatin1Char('\\')) {
                            ++j;
                            const QChar escaped = line.at(j);
                            QVERIFY2(escaped == QLatin1Char('\\') || escaped == QLatin1Char('"') || escaped == QLatin1Char('n'),
                                     qPrintable(line));
                            value += escaped == QLatin1Char('n') ? QLatin1Char('\n') : escaped;
                        } else {
                            value += line.at(j);
                        }
                    }
                    QVERIFY2(j < line.size(), qPrintable(line));
                    sample.labels.insert(label, value);
                    pos = j + 1;
                    if (line.at(pos) == QLatin1Char(','))
                        ++pos;
                }
                ++pos;
            }
            QVERIFY2(pos < line.size() && line.at(pos) == QLatin1Char(' '), qPrintable(line));
            sample.value = line.mid(pos + 1);
            QVERIFY2(number.match(sample.value).hasMatch(), qPrintable(line));
            // The family this sample belongs to must have been typed just before.
            QString family = sample.name;
            const QString type = typeOf.value(currentFamily);
            if (type == QLatin1String("histogram")) {
                QVERIFY2(sample.name == currentFamily + QLatin1String("_bucket") || sample.name == currentFamily + QLatin1String("_sum")
                             || sample.name == currentFamily + QLatin1String("_count"),
                         qPrintable(line));
                family = currentFamily;
            }
            QVERIFY2(family == currentFamily, qPrintable(QStringLiteral("sample outside its family: %1").arg(line)));
            if (type == QLatin1String("counter"))
                QVERIFY2(sample.name.endsWith(QLatin1String("_total")), qPrintable(line));
            samples.append(sample);
        }
        // Histograms: cumulative ascending buckets ending with +Inf == _count.
        for (auto it = typeOf.cbegin(); it != typeOf.cend(); ++it) {
            if (it.value() != QLatin1String("histogram"))
                continue;
            double previousLe = -1;
            double previousCount = 0;
            QString lastLe;
            double count = -1;
            bool hasSum = false;
            for (const Sample &sample : samples) {
                if (sample.name == it.key() + QLatin1String("_bucket")) {
                    QVERIFY(sample.labels.contains(QStringLiteral("le")));
                    lastLe = sample.labels.value(QStringLiteral("le"));
                    const double le = lastLe == QLatin1String("+Inf") ? qInf() : lastLe.toDouble();
                    QVERIFY2(le > previousLe, qPrintable(lastLe));
                    QVERIFY(sample.value.toDouble() >= previousCount);
                    previousLe = le;
                    previousCount = sample.value.toDouble();
                } else if (sample.name == it.key() + QLatin1String("_count")) {
                    count = sample.value.toDouble();
                } else if (sample.name == it.key() + QLatin1String("_sum")) {
                    hasSum = true;
                }
            }
            QCOMPARE(lastLe, QStringLiteral("+Inf"));
            QCOMPARE(previousCount, count);
            QVERIFY(hasSum);
        }
        if (types)
            *types = typeOf;
    }();
    return samples;
}

QString valueOf(const QList<Sample> &samples, const QString &name, const QMap<QString, QString> &labels = {})
{
    for (const Sample &sample : samples) {
        if (sample.name == name && sample.labels == labels)
            return sample.value;
    }
    return {};
}

} // namespace

class TestEngineMetrics : public QObject
{
    Q_OBJECT

private slots:
    void quantiles_data();
    void quantiles();
    void countsAndGauges();
    void snapshotJson();
    void prometheusFollowsTheFormat();
    void prometheusEmptyIsValid();
};

void TestEngineMetrics::quantiles_data()
{
    QTest::addColumn<QList<double>>("observations");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    QTest::addRow("empty") << QList<double>{} << 0.5 << 0.0;
    // 10 observations in (5, 10]: the median interpolates to the middle of the bucket.
    QTest::addRow("one bucket p50") << QList<double>(10, 7.0) << 0.5 << 7.5;
    QTest::addRow("one bucket p99") << QList<double>(10, 7.0) << 0.99 << 9.95;
    // 99 fast (≤ 1 ms bucket (0.5, 1]) and one slow (in (100, 200]).
    QList<double> mostlyFast(99, 0.8);
    mostlyFast.append(150);
    QTest::addRow("p50 fast") << mostlyFast << 0.5 << (0.5 + 0.5 * 50.0 / 99.0);
    QTest::addRow("p99 still fast") << mostlyFast << 0.99 << 1.0;
    QTest::addRow("p100 slow") << mostlyFast << 1.0 << 200.0;
    QTest::addRow("above the largest bound") << QList<double>{60000} << 0.5 << 10000.0;
    QTest::addRow("zero") << QList<double>{0, 0} << 0.5 << 0.25;
}

void TestEngineMetrics::quantiles()
{
    QFETCH(QList<double>, observations);
    QFETCH(double, q);
    QFETCH(double, expected);
    LatencyHistogram histogram;
    for (const double ms : observations)
        histogram.observe(ms);
    QCOMPARE(histogram.count, quint64(observations.size()));
    QVERIFY2(qAbs(histogram.quantileMs(q) - expected) < 1e-9,
             qPrintable(QStringLiteral("%1 != %2").arg(histogram.quantileMs(q)).arg(expected)));
}

void TestEngineMetrics::countsAndGauges()
{
    EngineMetrics metrics;
    metrics.increment(EngineMetrics::Counter::UplinksReceived);
    metrics.increment(EngineMetrics::Counter::UplinksReceived, 4);
    metrics.setGauge(EngineMetrics::Gauge::OutboxDepth, 12);
    metrics.addToGauge(EngineMetrics::Gauge::OpenDeviceConnections, 3);
    metrics.addToGauge(EngineMetrics::Gauge::OpenDeviceConnections, -1);
    metrics.rejectIngestEvent(QStringLiteral("malformed"));
    metrics.rejectIngestEvent(QStringLiteral("malformed"));
    metrics.rejectIngestEvent(QStringLiteral("unauthorized"));
    metrics.observePublishLatency(2500us);
    const EngineMetricsSnapshot snapshot = metrics.snapshot();
    QCOMPARE(snapshot.counter(EngineMetrics::Counter::UplinksReceived), quint64(5));
    QCOMPARE(snapshot.gauge(EngineMetrics::Gauge::OutboxDepth), 12);
    QCOMPARE(snapshot.gauge(EngineMetrics::Gauge::OpenDeviceConnections), 2);
    QCOMPARE(snapshot.ingestRejectedTotal(), quint64(3));
    QCOMPARE(snapshot.publishLatency.count, quint64(1));
    QCOMPARE(snapshot.publishLatency.sumMs, 2.5);
    // A snapshot is a value: later updates do not change it.
    metrics.increment(EngineMetrics::Counter::UplinksReceived);
    QCOMPARE(snapshot.counter(EngineMetrics::Counter::UplinksReceived), quint64(5));
    metrics.reset();
    QCOMPARE(metrics.counter(EngineMetrics::Counter::UplinksReceived), quint64(0));
    QCOMPARE(metrics.snapshot().ingestRejectedTotal(), quint64(0));
    // Keys are unique.
    QSet<QString> keys;
    for (int i = 0; i < EngineMetricsSnapshot::CounterCount; ++i)
        keys.insert(EngineMetricsSnapshot::counterKey(EngineMetricsSnapshot::Counter(i)));
    for (int i = 0; i < EngineMetricsSnapshot::GaugeCount; ++i)
        keys.insert(EngineMetricsSnapshot::gaugeKey(EngineMetricsSnapshot::Gauge(i)));
    QCOMPARE(keys.size(), EngineMetricsSnapshot::CounterCount + EngineMetricsSnapshot::GaugeCount);
}

void TestEngineMetrics::snapshotJson()
{
    EngineMetrics metrics;
    metrics.increment(EngineMetrics::Counter::DeviceToCloudSent, 7);
    metrics.setGauge(EngineMetrics::Gauge::PendingIdentities, 4);
    metrics.rejectIngestEvent(QStringLiteral("too_large"));
    for (int i = 0; i < 10; ++i)
        metrics.observePublishLatencyMs(7);
    const QDateTime when(QDate(2026, 11, 26), QTime(13, 0, 0, 250), Qt::UTC);
    const QJsonObject json = metrics.snapshot(when).toJson();
    QCOMPARE(json.value(QStringLiteral("time")).toString(), QStringLiteral("2026-11-26T13:00:00.250Z"));
    QCOMPARE(json.value(QStringLiteral("counters")).toObject().value(QStringLiteral("d2c_sent")).toInteger(), 7);
    QCOMPARE(json.value(QStringLiteral("counters")).toObject().value(QStringLiteral("uplinks_received")).toInteger(), 0);
    QCOMPARE(json.value(QStringLiteral("counters")).toObject().size(), EngineMetricsSnapshot::CounterCount);
    QCOMPARE(json.value(QStringLiteral("gauges")).toObject().value(QStringLiteral("identities_pending")).toInteger(), 4);
    QCOMPARE(json.value(QStringLiteral("ingest_rejected")).toObject().value(QStringLiteral("too_large")).toInteger(), 1);
    const QJsonObject latency = json.value(QStringLiteral("latency_ms")).toObject();
    QCOMPARE(latency.value(QStringLiteral("count")).toInteger(), 10);
    QCOMPARE(latency.value(QStringLiteral("p50")).toDouble(), 7.5);
    // One JSON line for --stats.
    QVERIFY(!QJsonDocument(json).toJson(QJsonDocument::Compact).contains('\n'));
}

void TestEngineMetrics::prometheusFollowsTheFormat()
{
    EngineMetrics metrics;
    metrics.increment(EngineMetrics::Counter::UplinksForwarded, 42);
    metrics.increment(EngineMetrics::Counter::Throttled, 3);
    metrics.setGauge(EngineMetrics::Gauge::OpenDeviceConnections, 17);
    metrics.rejectIngestEvent(QStringLiteral("malformed"), 2);
    metrics.rejectIngestEvent(QStringLiteral("odd \"reason\"\\\nnext"));
    const QList<double> latencies{0.3, 0.9, 4, 4, 12, 80, 150, 20000};
    for (const double ms : latencies)
        metrics.observePublishLatencyMs(ms);

    const QByteArray text = metrics.renderPrometheus();
    QMap<QString, QString> types;
    const QList<Sample> samples = parseExposition(text, &types);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(types.value(QStringLiteral("twinbridge_uplinks_forwarded_total")), QStringLiteral("counter"));
    QCOMPARE(types.value(QStringLiteral("twinbridge_device_connections_open")), QStringLiteral("gauge"));
    QCOMPARE(types.value(QStringLiteral("twinbridge_publish_latency_seconds")), QStringLiteral("histogram"));
    QCOMPARE(types.size(), EngineMetricsSnapshot::CounterCount + EngineMetricsSnapshot::GaugeCount + 2);
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_uplinks_forwarded_total")), QStringLiteral("42"));
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_throttled_total")), QStringLiteral("3"));
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_device_connections_open")), QStringLiteral("17"));
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_ingest_events_rejected_total"), {{QStringLiteral("reason"), QStringLiteral("malformed")}}),
             QStringLiteral("2"));
    // The escaped label value parses back to the original.
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_ingest_events_rejected_total"),
                     {{QStringLiteral("reason"), QStringLiteral("odd \"reason\"\\\nnext")}}),
             QStringLiteral("1"));
    QVERIFY(text.contains("reason=\"odd \\\"reason\\\"\\\\\\nnext\""));
    // Buckets in seconds, cumulative.
    const QString bucket = QStringLiteral("twinbridge_publish_latency_seconds_bucket");
    QCOMPARE(valueOf(samples, bucket, {{QStringLiteral("le"), QStringLiteral("0.0005")}}), QStringLiteral("1"));
    QCOMPARE(valueOf(samples, bucket, {{QStringLiteral("le"), QStringLiteral("0.001")}}), QStringLiteral("2"));
    QCOMPARE(valueOf(samples, bucket, {{QStringLiteral("le"), QStringLiteral("0.005")}}), QStringLiteral("4"));
    QCOMPARE(valueOf(samples, bucket, {{QStringLiteral("le"), QStringLiteral("0.2")}}), QStringLiteral("7"));
    QCOMPARE(valueOf(samples, bucket, {{QStringLiteral("le"), QStringLiteral("10")}}), QStringLiteral("7"));
    QCOMPARE(valueOf(samples, bucket, {{QStringLiteral("le"), QStringLiteral("+Inf")}}), QStringLiteral("8"));
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_publish_latency_seconds_count")), QStringLiteral("8"));
    double sum = 0;
    for (const double ms : latencies)
        sum += ms / 1000.0;
    QVERIFY(qAbs(valueOf(samples, QStringLiteral("twinbridge_publish_latency_seconds_sum")).toDouble() - sum) < 1e-9);
    QVERIFY(QByteArray(EngineMetrics::PrometheusContentType).startsWith("text/plain; version=0.0.4"));
}

void TestEngineMetrics::prometheusEmptyIsValid()
{
    EngineMetrics metrics;
    const QList<Sample> samples = parseExposition(metrics.renderPrometheus());
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_publish_latency_seconds_count")), QStringLiteral("0"));
    QCOMPARE(valueOf(samples, QStringLiteral("twinbridge_publish_latency_seconds_sum")), QStringLiteral("0"));
}

QTEST_GUILESS_MAIN(TestEngineMetrics)
#include "tst_enginemetrics.moc"
