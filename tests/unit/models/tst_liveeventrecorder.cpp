#include "models/LiveEventExport.h"
#include "models/LiveEventModel.h"
#include "models/LiveEventRecorder.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

namespace {

EngineEvents batch(int first, int count)
{
    EngineEvents events;
    for (int n = first; n < first + count; ++n) {
        events.append(EngineEvent {QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + n, Qt::UTC),
                                   QStringLiteral("dev-001"), EngineEvent::Kind::UplinkForwarded,
                                   QStringLiteral("event %1").arg(n), QJsonObject {{QStringLiteral("n"), n}}});
    }
    return events;
}

QList<int> recordedNumbers(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<int> numbers;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            numbers.append(QJsonDocument::fromJson(line).object()[QLatin1String("detail")][QLatin1String("n")].toInt());
    }
    return numbers;
}

QList<int> range(int first, int count)
{
    QList<int> numbers;
    for (int n = first; n < first + count; ++n)
        numbers.append(n);
    return numbers;
}

} // namespace

class TestLiveEventRecorder : public QObject
{
    Q_OBJECT

private slots:
    void recordsJsonLinesUntilStopped();
    void keepsRecordingWhileTheModelIsPaused();
    void startTruncatesAnOldFile();
    void unwritableFileSaysWhy();
};

void TestLiveEventRecorder::recordsJsonLinesUntilStopped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.jsonl"));
    LiveEventRecorder recorder;
    QSignalSpy recording(&recorder, &LiveEventRecorder::recordingChanged);
    QSignalSpy counted(&recorder, &LiveEventRecorder::countChanged);
    recorder.record(batch(0, 3)); // not recording: ignored
    QVERIFY(recorder.start(path).ok());
    QVERIFY(recorder.isRecording());
    QCOMPARE(recorder.fileName(), path);
    recorder.record(batch(3, 4));
    recorder.record(batch(7, 2));
    QCOMPARE(recorder.count(), quint64(6));
    QCOMPARE(counted.constLast().at(0).toULongLong(), quint64(6));
    // Flushed per batch: readable while recording.
    QCOMPARE(recordedNumbers(path), range(3, 6));
    recorder.stop();
    QVERIFY(!recorder.isRecording());
    recorder.record(batch(9, 1));
    QCOMPARE(recordedNumbers(path), range(3, 6));
    QCOMPARE(recording.count(), 2);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), LiveEventExport::encode(batch(3, 6), LiveEventExport::Format::JsonLines));
}

// The page feeds both from EngineHost::eventsReady: pausing the view does not pause the recording.
void TestLiveEventRecorder::keepsRecordingWhileTheModelIsPaused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.jsonl"));
    LiveEventModel model;
    LiveEventRecorder recorder;
    QVERIFY(recorder.start(path).ok());
    const auto deliver = [&](const EngineEvents &events) {
        model.append(events);
        recorder.record(events);
    };
    deliver(batch(0, 5));
    model.setPaused(true);
    deliver(batch(5, 10));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.pendingCount(), 10);
    QCOMPARE(recorder.count(), quint64(15));
    QCOMPARE(recordedNumbers(path), range(0, 15));
}

void TestLiveEventRecorder::startTruncatesAnOldFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.jsonl"));
    LiveEventRecorder recorder;
    QVERIFY(recorder.start(path).ok());
    recorder.record(batch(0, 5));
    QVERIFY(recorder.start(path).ok());
    QCOMPARE(recorder.count(), quint64(0));
    recorder.record(batch(5, 1));
    QCOMPARE(recordedNumbers(path), QList<int> {5});
}

void TestLiveEventRecorder::unwritableFileSaysWhy()
{
    QTemporaryDir dir;
    LiveEventRecorder recorder;
    const QString path = dir.filePath(QStringLiteral("missing/live.jsonl"));
    const Status started = recorder.start(path);
    QVERIFY(!started.ok());
    QCOMPARE(started.error().kind(), ServiceError::Kind::Backend);
    QVERIFY(started.error().toString().contains(QLatin1String("record the live data")));
    QVERIFY(started.error().toString().contains(path));
    QVERIFY(!recorder.isRecording());

    // A write that fails later (a full disk) stops the recording with the reason.
    if (QFile::exists(QStringLiteral("/dev/full"))) {
        QSignalSpy failed(&recorder, &LiveEventRecorder::failed);
        QVERIFY(recorder.start(QStringLiteral("/dev/full")).ok());
        recorder.record(batch(0, 1));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!recorder.isRecording());
        QCOMPARE(recorder.count(), quint64(0));
    }
}

QTEST_GUILESS_MAIN(TestLiveEventRecorder)
#include "tst_liveeventrecorder.moc"
