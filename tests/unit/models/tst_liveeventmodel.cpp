#include "models/LiveEventModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace TwinBridge;

namespace {

EngineEvent makeEvent(int n, const QString &deviceId = QStringLiteral("dev-001"),
                      EngineEvent::Kind kind = EngineEvent::Kind::UplinkForwarded)
{
    return EngineEvent {QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + n, Qt::UTC), deviceId, kind,
                        QStringLiteral("event %1").arg(n), QJsonObject {{QStringLiteral("n"), n}}};
}

EngineEvents batch(int first, int count)
{
    EngineEvents events;
    for (int n = first; n < first + count; ++n)
        events.append(makeEvent(n, QStringLiteral("dev-%1").arg(n % 3)));
    return events;
}

} // namespace

class TestLiveEventModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsColumnsOfAnEvent();
    void aBatchIsOneInsert();
    void overCapacityDropsTheOldestInOneRemoval();
    void aBatchLargerThanTheCapacityKeepsItsNewest();
    void smallerCapacityDropsAtOnce();
    void capacityIsClamped();
    void pauseBuffersAndCountsThenResumeAppendsInOneBatch();
    void pausedBufferIsBoundedToo();
    void clearResetsEverything();
    void knowsItsDevices();
    void framePayload_data();
    void framePayload();

private:
    int number(int row) const { return m_model->eventAt(row).detail.value(QLatin1String("n")).toInt(); }

    std::unique_ptr<LiveEventModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestLiveEventModel::init()
{
    m_model = std::make_unique<LiveEventModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestLiveEventModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestLiveEventModel::showsColumnsOfAnEvent()
{
    QCOMPARE(m_model->capacity(), LiveEventModel::DefaultCapacity);
    QCOMPARE(m_model->columnCount(), int(LiveEventModel::ColumnCount));
    m_model->append({makeEvent(7, QStringLiteral("dev-007"), EngineEvent::Kind::Join)});
    QCOMPARE(m_model->rowCount(), 1);
    const auto cell = [this](int column, int role = Qt::DisplayRole) { return m_model->index(0, column).data(role); };
    QCOMPARE(cell(LiveEventModel::DeviceColumn).toString(), QStringLiteral("dev-007"));
    QCOMPARE(cell(LiveEventModel::KindColumn).toString(), EngineEvent::kindDisplayName(EngineEvent::Kind::Join));
    QCOMPARE(cell(LiveEventModel::SummaryColumn).toString(), QStringLiteral("event 7"));
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'007, Qt::UTC);
    QCOMPARE(cell(LiveEventModel::TimeColumn).toString(), time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
    QCOMPARE(cell(0, LiveEventModel::KindRole).toInt(), int(EngineEvent::Kind::Join));
    QCOMPARE(cell(0, LiveEventModel::DeviceIdRole).toString(), QStringLiteral("dev-007"));
    const QString search = cell(0, LiveEventModel::SearchTextRole).toString();
    QVERIFY(search.contains(QLatin1String("event 7")));
    QVERIFY(search.contains(QLatin1String("\"n\":7")));
    QVERIFY(search.contains(QLatin1String("join")));
    QCOMPARE(m_model->headerData(LiveEventModel::KindColumn, Qt::Horizontal).toString(), QStringLiteral("Type"));
}

void TestLiveEventModel::aBatchIsOneInsert()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->append(batch(0, 500));
    m_model->append(batch(500, 250));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 500);
    QCOMPARE(inserted.at(1).at(2).toInt(), 749);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(m_model->rowCount(), 750);
    QCOMPARE(number(0), 0);
    QCOMPARE(number(749), 749);
    QCOMPARE(m_model->receivedCount(), quint64(750));
    QCOMPARE(m_model->droppedCount(), quint64(0));
    // Sequence numbers are the arrival order (the Time column sorts on them).
    QVERIFY(m_model->index(1, 0).data(LiveEventModel::SortRole).toULongLong() >
            m_model->index(0, 0).data(LiveEventModel::SortRole).toULongLong());
}

void TestLiveEventModel::overCapacityDropsTheOldestInOneRemoval()
{
    m_model->setCapacity(1000);
    m_model->append(batch(0, 900));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy dropped(m_model.get(), &LiveEventModel::droppedCountChanged);
    m_model->append(batch(900, 300));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 199);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 1000);
    QCOMPARE(number(0), 200);
    QCOMPARE(number(999), 1199);
    QCOMPARE(m_model->droppedCount(), quint64(200));
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.at(0).at(0).toULongLong(), quint64(200));
}

void TestLiveEventModel::aBatchLargerThanTheCapacityKeepsItsNewest()
{
    m_model->setCapacity(100);
    m_model->append(batch(0, 50));
    m_model->append(batch(50, 250));
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(number(0), 200);
    QCOMPARE(number(99), 299);
    QCOMPARE(m_model->droppedCount(), quint64(200));
}

void TestLiveEventModel::smallerCapacityDropsAtOnce()
{
    m_model->append(batch(0, 500));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->setCapacity(200);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 200);
    QCOMPARE(number(0), 300);
    QCOMPARE(m_model->droppedCount(), quint64(300));
    m_model->setCapacity(400); // growing keeps everything
    QCOMPARE(m_model->rowCount(), 200);
}

void TestLiveEventModel::capacityIsClamped()
{
    m_model->setCapacity(1);
    QCOMPARE(m_model->capacity(), LiveEventModel::MinimumCapacity);
    m_model->setCapacity(std::numeric_limits<int>::max());
    QCOMPARE(m_model->capacity(), LiveEventModel::MaximumCapacity);
}

void TestLiveEventModel::pauseBuffersAndCountsThenResumeAppendsInOneBatch()
{
    m_model->append(batch(0, 10));
    QSignalSpy paused(m_model.get(), &LiveEventModel::pausedChanged);
    QSignalSpy pending(m_model.get(), &LiveEventModel::pendingCountChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->setPaused(true);
    QVERIFY(m_model->isPaused());
    QCOMPARE(paused.count(), 1);
    m_model->append(batch(10, 5));
    m_model->append(batch(15, 7));
    QCOMPARE(m_model->rowCount(), 10); // the view stands still
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(m_model->pendingCount(), 12);
    QCOMPARE(pending.count(), 2);
    QCOMPARE(pending.constLast().at(0).toInt(), 12);
    QCOMPARE(m_model->receivedCount(), quint64(22));

    m_model->setPaused(false);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 22);
    QCOMPARE(number(21), 21);
    QCOMPARE(m_model->pendingCount(), 0);
    QCOMPARE(pending.constLast().at(0).toInt(), 0);
    QCOMPARE(paused.constLast().at(0).toBool(), false);
}

void TestLiveEventModel::pausedBufferIsBoundedToo()
{
    m_model->setCapacity(100);
    m_model->append(batch(0, 80));
    m_model->setPaused(true);
    m_model->append(batch(80, 150));
    QCOMPARE(m_model->pendingCount(), 100);
    QCOMPARE(m_model->droppedCount(), quint64(50));
    QCOMPARE(m_model->rowCount(), 80);
    m_model->setPaused(false);
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(number(0), 130);
    QCOMPARE(number(99), 229);
    QCOMPARE(m_model->droppedCount(), quint64(130));
}

void TestLiveEventModel::clearResetsEverything()
{
    m_model->setCapacity(100);
    m_model->append(batch(0, 150));
    m_model->setPaused(true);
    m_model->append(batch(150, 3));
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy dropped(m_model.get(), &LiveEventModel::droppedCountChanged);
    m_model->clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->pendingCount(), 0);
    QCOMPARE(m_model->droppedCount(), quint64(0));
    QCOMPARE(m_model->receivedCount(), quint64(0));
    QCOMPARE(dropped.count(), 1);
    QVERIFY(m_model->deviceIds().isEmpty());
    QVERIFY(m_model->isPaused()); // clearing does not resume
}

void TestLiveEventModel::knowsItsDevices()
{
    QSignalSpy changed(m_model.get(), &LiveEventModel::deviceIdsChanged);
    m_model->append({makeEvent(1, QStringLiteral("b")), makeEvent(2, QStringLiteral("a")), makeEvent(3, QString())});
    m_model->append({makeEvent(4, QStringLiteral("a"))});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->deviceIds(), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
}

void TestLiveEventModel::framePayload_data()
{
    QTest::addColumn<QJsonObject>("detail");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("bytes");

    QTest::addRow("engine's name") << QJsonObject {{QStringLiteral("frmPayload"), QStringLiteral("AQID")}} << true
                                   << QByteArray("\x01\x02\x03", 3);
    QTest::addRow("TTS's name, nested") << QJsonObject {{QStringLiteral("uplink_message"),
                                                         QJsonObject {{QStringLiteral("frm_payload"),
                                                                       QStringLiteral("3q2+7w==")}}}}
                                        << true << QByteArray::fromHex("deadbeef");
    QTest::addRow("empty payload") << QJsonObject {{QStringLiteral("frmPayload"), QString()}} << true << QByteArray();
    QTest::addRow("absent") << QJsonObject {{QStringLiteral("messageType"), QStringLiteral("uplink")}} << false
                            << QByteArray();
    QTest::addRow("not base64") << QJsonObject {{QStringLiteral("frmPayload"), QStringLiteral("@@@")}} << false
                                << QByteArray();
    QTest::addRow("not a string") << QJsonObject {{QStringLiteral("frmPayload"), 12}} << false << QByteArray();
}

void TestLiveEventModel::framePayload()
{
    QFETCH(QJsonObject, detail);
    QFETCH(bool, found);
    QFETCH(QByteArray, bytes);
    EngineEvent e = makeEvent(1);
    e.detail = detail;
    const std::optional<QByteArray> payload = LiveEventModel::framePayload(e);
    QCOMPARE(payload.has_value(), found);
    if (found)
        QCOMPARE(*payload, bytes);
}

QTEST_GUILESS_MAIN(TestLiveEventModel)
#include "tst_liveeventmodel.moc"
