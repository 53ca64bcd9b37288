#include "models/DeviceErrorModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;

namespace {

const QDateTime Start(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);

EngineEvent makeEvent(EngineEvent::Kind kind, const QString &device, int second, const QString &summary = {})
{
    return EngineEvent {Start.addSecs(second), device, kind, summary, {}};
}

} // namespace

class TestDeviceErrorModel : public QObject
{
    Q_OBJECT

private slots:
    void errorsMakeOneRowPerDevice();
    void laterSuccessMarksRecovered_data();
    void laterSuccessMarksRecovered();
    void engineWideEventsAreIgnored();
    void oldestFailingDevicesLeaveBeyondTheCap();
    void modelTester();
};

void TestDeviceErrorModel::errorsMakeOneRowPerDevice()
{
    DeviceErrorModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.addEvents({makeEvent(EngineEvent::Kind::Error, QStringLiteral("dev-1"), 1, QStringLiteral("first")),
                     makeEvent(EngineEvent::Kind::Error, QStringLiteral("dev-2"), 2, QStringLiteral("other")),
                     makeEvent(EngineEvent::Kind::Error, QStringLiteral("dev-1"), 3, QStringLiteral("second"))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(changed.size(), 1);
    const int row = model.rowOf(QStringLiteral("dev-1"));
    QCOMPARE(model.row(row).errors, 2);
    QCOMPARE(model.row(row).lastError, QStringLiteral("second"));
    QCOMPARE(model.row(row).lastErrorAt, Start.addSecs(3));
    QCOMPARE(model.data(model.index(row, DeviceErrorModel::ErrorCountColumn), DeviceErrorModel::RawValueRole).toInt(),
             2);
    QCOMPARE(model.data(model.index(row, DeviceErrorModel::LastErrorColumn)).toString(), QStringLiteral("second"));
    QCOMPARE(model.failingCount(), 2);
}

void TestDeviceErrorModel::laterSuccessMarksRecovered_data()
{
    QTest::addColumn<EngineEvent::Kind>("kind");
    QTest::addColumn<bool>("recovers");
    QTest::addRow("uplink forwarded") << EngineEvent::Kind::UplinkForwarded << true;
    QTest::addRow("join") << EngineEvent::Kind::Join << true;
    QTest::addRow("downlink scheduled") << EngineEvent::Kind::DownlinkScheduled << true;
    QTest::addRow("identity created") << EngineEvent::Kind::IdentityCreated << false;
    QTest::addRow("lifecycle") << EngineEvent::Kind::Lifecycle << false;
    QTest::addRow("twin change ignored") << EngineEvent::Kind::TwinChange << false;
}

void TestDeviceErrorModel::laterSuccessMarksRecovered()
{
    QFETCH(EngineEvent::Kind, kind);
    QFETCH(bool, recovers);
    DeviceErrorModel model;
    model.addEvents({makeEvent(EngineEvent::Kind::Error, QStringLiteral("dev-1"), 1, QStringLiteral("hub down"))});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.addEvents({makeEvent(kind, QStringLiteral("dev-1"), 5)});
    QCOMPARE(!model.row(0).isFailing(), recovers);
    QCOMPARE(changed.size(), recovers ? 1 : 0);
    if (recovers) {
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(DeviceErrorModel::StateColumn)); // the smallest range
        QCOMPARE(model.data(model.index(0, DeviceErrorModel::StateColumn), DeviceErrorModel::RawValueRole).toBool(),
                 false);
        // A new error makes it failing again.
        model.addEvents({makeEvent(EngineEvent::Kind::Error, QStringLiteral("dev-1"), 9, QStringLiteral("again"))});
        QVERIFY(model.row(0).isFailing());
    }
}

void TestDeviceErrorModel::engineWideEventsAreIgnored()
{
    DeviceErrorModel model;
    model.addEvents({makeEvent(EngineEvent::Kind::Error, {}, 1, QStringLiteral("TTS refused the key")),
                     makeEvent(EngineEvent::Kind::UplinkForwarded, QStringLiteral("dev-9"), 2)});
    QCOMPARE(model.rowCount(), 0);
}

void TestDeviceErrorModel::oldestFailingDevicesLeaveBeyondTheCap()
{
    DeviceErrorModel model;
    model.setMaxDevices(3);
    EngineEvents events;
    for (int i = 0; i < 5; ++i)
        events.append(makeEvent(EngineEvent::Kind::Error, QStringLiteral("dev-%1").arg(i), i));
    model.addEvents(events);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(QStringLiteral("dev-0")), -1);
    QCOMPARE(model.rowOf(QStringLiteral("dev-1")), -1);
    for (int i = 2; i < 5; ++i) {
        const int row = model.rowOf(QStringLiteral("dev-%1").arg(i));
        QVERIFY(row >= 0);
        QCOMPARE(model.row(row).deviceId, QStringLiteral("dev-%1").arg(i)); // the index follows the rows
    }
}

void TestDeviceErrorModel::modelTester()
{
    DeviceErrorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxDevices(4);
    for (int i = 0; i < 10; ++i) {
        model.addEvents(
            {makeEvent(EngineEvent::Kind::Error, QStringLiteral("dev-%1").arg(i % 6), i, QStringLiteral("e")),
             makeEvent(EngineEvent::Kind::UplinkForwarded, QStringLiteral("dev-%1").arg((i + 3) % 6), i)});
    }
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestDeviceErrorModel)
#include "tst_deviceerrormodel.moc"
