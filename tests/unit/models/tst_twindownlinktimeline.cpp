#include "models/DownlinkTimelineModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;

namespace {

const QString Device = QStringLiteral("dev-001");
const QDateTime Sent = QDateTime(QDate(2026, 11, 26), QTime(12, 0), Qt::UTC);

EngineEvent downlinkEvent(const QString &status, int secondsAfter, const QString &payload = QStringLiteral("BEEF"),
                          const QString &device = Device)
{
    EngineEvent event;
    event.time = Sent.addSecs(secondsAfter);
    event.deviceId = device;
    event.kind = EngineEvent::Kind::DownlinkEvent;
    QJsonObject downlink {{QStringLiteral("status"), status},
                          {QStringLiteral("framePayload"), payload},
                          {QStringLiteral("time"), event.time.toString(Qt::ISODateWithMs)}};
    if (status == QLatin1String("failed"))
        downlink.insert(QStringLiteral("error"),
                        QJsonObject {{QStringLiteral("message"), QStringLiteral("no session")}});
    event.detail = {{QStringLiteral("reported"), QJsonObject {{QStringLiteral("downlink"), downlink}}}};
    return event;
}

EngineEvent scheduled(int secondsAfter)
{
    EngineEvent event;
    event.time = Sent.addSecs(secondsAfter);
    event.deviceId = Device;
    event.kind = EngineEvent::Kind::DownlinkScheduled;
    event.detail = {{QStringLiteral("actions"), QJsonArray {QStringLiteral("downlink-replace")}}};
    return event;
}

} // namespace

// The downlink timeline of the twin editor follows engine events and the reported `downlink` forward only,
// for the tracked change only.
class TestTwinDownlinkTimeline : public QObject
{
    Q_OBJECT

private slots:
    void sequences_data();
    void sequences();
    void messageTypeWithoutReportedPatch();
    void reportedDownlinkAdvances();
    void notTrackingIgnoresAll();
    void outcomeKnownWhenTheRowChanges();
    void engineErrorShowsUntilARetrySucceeds();
};

void TestTwinDownlinkTimeline::sequences_data()
{
    QTest::addColumn<QList<EngineEvent>>("events");
    QTest::addColumn<int>("stage");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<int>("outcomeState");

    const int pending = int(DownlinkTimelineModel::State::Pending);
    const int reached = int(DownlinkTimelineModel::State::Reached);
    const int failed = int(DownlinkTimelineModel::State::Failed);
    QTest::addRow("nothing yet") << QList<EngineEvent>() << int(DownlinkTimelineModel::Stage::Desired) << QString()
                                 << pending;
    QTest::addRow("full ack") << QList<EngineEvent> {scheduled(1), downlinkEvent(QStringLiteral("queued"), 2),
                                                     downlinkEvent(QStringLiteral("sent"), 3),
                                                     downlinkEvent(QStringLiteral("ack"), 4)}
                              << int(DownlinkTimelineModel::Stage::Outcome) << QStringLiteral("ack") << reached;
    QTest::addRow("nack") << QList<EngineEvent> {scheduled(1), downlinkEvent(QStringLiteral("queued"), 2),
                                                 downlinkEvent(QStringLiteral("nack"), 4)}
                          << int(DownlinkTimelineModel::Stage::Outcome) << QStringLiteral("nack") << failed;
    QTest::addRow("failed") << QList<EngineEvent> {downlinkEvent(QStringLiteral("failed"), 2)}
                            << int(DownlinkTimelineModel::Stage::Outcome) << QStringLiteral("failed") << failed;
    QTest::addRow("never backwards") << QList<EngineEvent> {downlinkEvent(QStringLiteral("sent"), 3),
                                                            downlinkEvent(QStringLiteral("queued"), 4)}
                                     << int(DownlinkTimelineModel::Stage::Sent) << QString() << pending;
    QTest::addRow("older event ignored") << QList<EngineEvent> {downlinkEvent(QStringLiteral("ack"), -5)}
                                         << int(DownlinkTimelineModel::Stage::Desired) << QString() << pending;
    QTest::addRow("other payload ignored")
        << QList<EngineEvent> {downlinkEvent(QStringLiteral("queued"), 2, QStringLiteral("CAFE"))}
        << int(DownlinkTimelineModel::Stage::Desired) << QString() << pending;
    QTest::addRow("other device ignored")
        << QList<EngineEvent> {downlinkEvent(QStringLiteral("queued"), 2, QStringLiteral("BEEF"),
                                             QStringLiteral("dev-002"))}
        << int(DownlinkTimelineModel::Stage::Desired) << QString() << pending;
}

void TestTwinDownlinkTimeline::sequences()
{
    QFETCH(QList<EngineEvent>, events);
    QFETCH(int, stage);
    QFETCH(QString, outcome);
    QFETCH(int, outcomeState);

    DownlinkTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.start(Device, 7, Sent, {{QStringLiteral("framePayload"), QStringLiteral("beef")}});
    QCOMPARE(model.data(model.index(0), DownlinkTimelineModel::DetailRole).toString(),
             QStringLiteral("desired $version 7"));
    for (const EngineEvent &event : events)
        model.applyEvent(event);
    QCOMPARE(int(model.currentStage()), stage);
    QCOMPARE(model.outcome(), outcome);
    QCOMPARE(int(model.stateOf(DownlinkTimelineModel::Stage::Outcome)), outcomeState);
    QCOMPARE(model.data(model.index(stage), DownlinkTimelineModel::StateRole).toInt(),
             outcomeState == int(DownlinkTimelineModel::State::Failed) ? outcomeState
                                                                       : int(DownlinkTimelineModel::State::Reached));
    // Stages passed without their own event count as passed.
    for (int i = 0; i < stage; ++i)
        QCOMPARE(model.data(model.index(i), DownlinkTimelineModel::StateRole).toInt(),
                 int(DownlinkTimelineModel::State::Reached));
    QVERIFY(changed.size() >= 1);
}

void TestTwinDownlinkTimeline::messageTypeWithoutReportedPatch()
{
    DownlinkTimelineModel model;
    model.start(Device, 3, Sent);
    EngineEvent event;
    event.time = Sent.addSecs(1);
    event.deviceId = Device;
    event.kind = EngineEvent::Kind::DownlinkEvent;
    event.detail = {{QStringLiteral("messageType"), QStringLiteral("downlinkQueued")}};
    QSignalSpy advanced(&model, &DownlinkTimelineModel::advanced);
    QVERIFY(model.applyEvent(event));
    QCOMPARE(model.currentStage(), DownlinkTimelineModel::Stage::Queued);
    QCOMPARE(advanced.size(), 1);
}

void TestTwinDownlinkTimeline::reportedDownlinkAdvances()
{
    DownlinkTimelineModel model;
    model.start(Device, 3, Sent, {{QStringLiteral("framePayload"), QStringLiteral("0102")}});
    const QJsonObject old {{QStringLiteral("status"), QStringLiteral("ack")},
                           {QStringLiteral("time"), Sent.addSecs(-60).toString(Qt::ISODateWithMs)}};
    QVERIFY(!model.applyReportedDownlink(old));
    const QJsonObject sent {{QStringLiteral("status"), QStringLiteral("sent")},
                            {QStringLiteral("framePayload"), QStringLiteral("0102")},
                            {QStringLiteral("time"), Sent.addSecs(5).toString(Qt::ISODateWithMs)}};
    QVERIFY(model.applyReportedDownlink(sent));
    QCOMPARE(model.currentStage(), DownlinkTimelineModel::Stage::Sent);
    QVERIFY(!model.applyReportedDownlink(sent)); // the same status twice moves nothing
    QVERIFY(!model.applyReportedDownlink({{QStringLiteral("status"), QStringLiteral("ack")}})); // no time
}

void TestTwinDownlinkTimeline::notTrackingIgnoresAll()
{
    DownlinkTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.applyEvent(downlinkEvent(QStringLiteral("queued"), 1)));
    model.start(Device, 1, Sent);
    model.clear();
    QVERIFY(!model.isTracking());
    QVERIFY(!model.applyEvent(downlinkEvent(QStringLiteral("queued"), 1)));
    QCOMPARE(model.data(model.index(0), DownlinkTimelineModel::StateRole).toInt(),
             int(DownlinkTimelineModel::State::Pending));
}

void TestTwinDownlinkTimeline::outcomeKnownWhenTheRowChanges()
{
    DownlinkTimelineModel model;
    model.start(Device, 2, Sent);
    QString seen;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&] { seen = model.outcome(); });
    QVERIFY(model.applyEvent(downlinkEvent(QStringLiteral("nack"), 3)));
    QCOMPARE(seen, QStringLiteral("nack"));
    QVERIFY(!model.applyEvent(downlinkEvent(QStringLiteral("ack"), 4))); // the outcome is final
    QCOMPARE(model.outcome(), QStringLiteral("nack"));
}

void TestTwinDownlinkTimeline::engineErrorShowsUntilARetrySucceeds()
{
    DownlinkTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.start(Device, 4, Sent);
    EngineEvent error;
    error.time = Sent.addSecs(1);
    error.deviceId = Device;
    error.kind = EngineEvent::Kind::Error;
    error.summary = QStringLiteral("Could not push the downlink: TTS is unreachable (will retry)");
    error.detail = {{QStringLiteral("opType"), QStringLiteral("updateTwin")}};
    QVERIFY(model.applyEvent(error));
    QCOMPARE(model.stateOf(DownlinkTimelineModel::Stage::Scheduled), DownlinkTimelineModel::State::Failed);
    QCOMPARE(model.data(model.index(1), DownlinkTimelineModel::DetailRole).toString(), error.summary);
    QCOMPARE(model.currentStage(), DownlinkTimelineModel::Stage::Desired);
    QVERIFY(model.outcome().isEmpty());

    QVERIFY(model.applyEvent(scheduled(5)));
    QCOMPARE(model.stateOf(DownlinkTimelineModel::Stage::Scheduled), DownlinkTimelineModel::State::Reached);
    QVERIFY(model.applyEvent(downlinkEvent(QStringLiteral("queued"), 6)));
    QCOMPARE(model.currentStage(), DownlinkTimelineModel::Stage::Queued);
}

QTEST_GUILESS_MAIN(TestTwinDownlinkTimeline)
#include "tst_twindownlinktimeline.moc"
