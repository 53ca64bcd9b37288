#include "models/DeviceMirrorExport.h"
#include "models/DeviceMirrorFilterModel.h"
#include "models/DeviceMirrorModel.h"
#include "services/mirror/MirrorSnapshot.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace TwinBridge;
using SyncState = DeviceMirrorRow::SyncState;

namespace {

TtsEndDevice ttsDevice(const QString &id, const QString &devEui,
                       const QString &joinEui = QStringLiteral("0000000000000000"), const QString &name = {})
{
    TtsEndDevice device;
    device.deviceId = id;
    device.devEui = devEui;
    device.joinEui = joinEui;
    device.name = name;
    return device;
}

DeviceTwin hubTwin(const QString &id, const QString &devEui = {}, const QString &joinEui = {},
                   DeviceIdentity::Status status = DeviceIdentity::Status::Enabled, qint64 version = 1)
{
    DeviceTwin twin;
    twin.deviceId = id;
    twin.status = status;
    twin.version = version;
    if (!devEui.isEmpty() || !joinEui.isEmpty()) {
        QJsonObject lorawan;
        if (!devEui.isEmpty())
            lorawan.insert(QStringLiteral("devEui"), devEui);
        if (!joinEui.isEmpty())
            lorawan.insert(QStringLiteral("joinEui"), joinEui);
        twin.tags.insert(QStringLiteral("lorawan"), lorawan);
    }
    return twin;
}

MirrorSnapshot snapshot(QList<TtsEndDevice> tts, QList<DeviceTwin> hub)
{
    MirrorSnapshot s;
    s.tts = std::move(tts);
    s.hub = std::move(hub);
    return s;
}

const QString Zero = QStringLiteral("0000000000000000");

} // namespace

class TestDeviceMirrorModel : public QObject
{
    Q_OBJECT

private slots:
    void syncState_data();
    void syncState();
    void mergesBothSidesByDeviceId();
    void refreshEmitsOnlyForChangedRows();
    void refreshRemovesDevicesGoneFromBothSides();
    void failedSideKeepsWhatItHad();
    void rawValuesSortTimesAndNumbers();
    void filter_data();
    void filter();
    void engineEventsUpdateBridgeColumns();
    void pendingRowsSettleWhenLoaded();
    void stateCountsFollowChanges();
    void exportsCsvAndJson();
};

void TestDeviceMirrorModel::syncState_data()
{
    QTest::addColumn<bool>("inTts");
    QTest::addColumn<bool>("inHub");
    QTest::addColumn<QString>("hubDevEui");
    QTest::addColumn<bool>("disabled");
    QTest::addColumn<bool>("pending");
    QTest::addColumn<SyncState>("expected");

    QTest::addRow("both, same EUIs") << true << true << QStringLiteral("70b3d57ed0000001") << false << false
                                     << SyncState::InSync;
    QTest::addRow("both, untagged twin") << true << true << QString() << false << false << SyncState::InSync;
    QTest::addRow("only TTS") << true << false << QString() << false << false << SyncState::OnlyInTts;
    QTest::addRow("only hub") << false << true << QString() << false << false << SyncState::OnlyInHub;
    QTest::addRow("EUI mismatch") << true << true << QStringLiteral("70B3D57ED0000099") << false << false
                                  << SyncState::EuiMismatch;
    QTest::addRow("disabled") << true << true << QString() << true << false << SyncState::DisabledInHub;
    QTest::addRow("mismatch wins over disabled")
        << true << true << QStringLiteral("70B3D57ED0000099") << true << false << SyncState::EuiMismatch;
    QTest::addRow("pending") << true << false << QString() << false << true << SyncState::PendingCreation;
}

void TestDeviceMirrorModel::syncState()
{
    QFETCH(bool, inTts);
    QFETCH(bool, inHub);
    QFETCH(QString, hubDevEui);
    QFETCH(bool, disabled);
    QFETCH(bool, pending);
    QFETCH(SyncState, expected);

    DeviceMirrorRow row;
    row.deviceId = QStringLiteral("dev-1");
    if (inTts)
        row.setTtsPart(ttsDevice(row.deviceId, QStringLiteral("70B3D57ED0000001")));
    if (inHub)
        row.setHubPart(hubTwin(row.deviceId, hubDevEui, {},
                               disabled ? DeviceIdentity::Status::Disabled : DeviceIdentity::Status::Enabled));
    row.pendingCreation = pending;
    QCOMPARE(row.syncState(), expected);
    QVERIFY(!DeviceMirrorRow::syncStateDisplayName(expected).isEmpty());
}

void TestDeviceMirrorModel::mergesBothSidesByDeviceId()
{
    DeviceMirrorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot(
        snapshot({ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001"), Zero, QStringLiteral("Alpha")),
                  ttsDevice(QStringLiteral("b"), QStringLiteral("0000000000000002"))},
                 {hubTwin(QStringLiteral("b"), QStringLiteral("0000000000000002"), Zero),
                  hubTwin(QStringLiteral("c"), QStringLiteral("0000000000000003"))}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(DeviceMirrorModel::ColumnCount));
    const auto state = [&model](const char *id) {
        return SyncState(
            model.index(model.rowOf(QString::fromLatin1(id)), 0).data(DeviceMirrorModel::SyncStateRole).toInt());
    };
    QCOMPARE(state("a"), SyncState::OnlyInTts);
    QCOMPARE(state("b"), SyncState::InSync);
    QCOMPARE(state("c"), SyncState::OnlyInHub);
    QCOMPARE(model.index(model.rowOf(QStringLiteral("a")), DeviceMirrorModel::NameColumn).data().toString(),
             QStringLiteral("Alpha"));
    // A device only in the hub shows the EUIs of its tags.
    QCOMPARE(model.index(model.rowOf(QStringLiteral("c")), DeviceMirrorModel::DevEuiColumn).data().toString(),
             QStringLiteral("0000000000000003"));
    QCOMPARE(model.index(model.rowOf(QStringLiteral("c")), DeviceMirrorModel::SyncStateColumn).data().toString(),
             QStringLiteral("Only in IoT Hub"));
    const QModelIndex syncCell = model.index(model.rowOf(QStringLiteral("b")), DeviceMirrorModel::SyncStateColumn);
    QCOMPARE(syncCell.data(Qt::DecorationRole).value<QColor>(), DeviceMirrorModel::syncStateColor(SyncState::InSync));
    QVERIFY(!syncCell.data(Qt::ToolTipRole).toString().isEmpty());
}

void TestDeviceMirrorModel::refreshEmitsOnlyForChangedRows()
{
    DeviceMirrorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<TtsEndDevice> tts;
    QList<DeviceTwin> hub;
    for (int i = 0; i < 10; ++i) {
        const QString id = QStringLiteral("dev-%1").arg(i);
        const QString eui = QStringLiteral("70B3D57ED00000%1").arg(i, 2, 10, QLatin1Char('0'));
        tts.append(ttsDevice(id, eui));
        hub.append(hubTwin(id, eui, Zero));
    }
    model.applySnapshot(snapshot(tts, hub));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.applySnapshot(snapshot(tts, hub));
    QCOMPARE(changed.count(), 0);

    hub[4].version = 7;
    hub[4].connectionState = DeviceIdentity::ConnectionState::Connected;
    model.applySnapshot(snapshot(tts, hub));
    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), model.rowOf(QStringLiteral("dev-4")));
    QCOMPARE(bottomRight.row(), topLeft.row());
    QCOMPARE(
        model.index(topLeft.row(), DeviceMirrorModel::TwinVersionColumn).data(DeviceMirrorModel::RawRole).toLongLong(),
        7);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(reset.count(), 0);
}

void TestDeviceMirrorModel::refreshRemovesDevicesGoneFromBothSides()
{
    DeviceMirrorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<TtsEndDevice> tts;
    for (int i = 0; i < 6; ++i)
        tts.append(ttsDevice(QStringLiteral("dev-%1").arg(i), QStringLiteral("000000000000000%1").arg(i)));
    model.applySnapshot(snapshot(tts, {hubTwin(QStringLiteral("dev-2"))}));
    QCOMPARE(model.rowCount(), 6);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // dev-1 and dev-2 leave TTS; dev-2 stays in the hub; dev-9 is new.
    QList<TtsEndDevice> next = {tts[0], tts[3], tts[4], tts[5],
                                ttsDevice(QStringLiteral("dev-9"), QStringLiteral("0000000000000009"))};
    model.applySnapshot(snapshot(next, {hubTwin(QStringLiteral("dev-2"))}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.rowOf(QStringLiteral("dev-1")), -1);
    QVERIFY(model.rowOf(QStringLiteral("dev-9")) >= 0);
    QCOMPARE(model.rowAt(model.rowOf(QStringLiteral("dev-2"))).syncState(), SyncState::OnlyInHub);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(model.rowAt(row).deviceId), row);
}

void TestDeviceMirrorModel::failedSideKeepsWhatItHad()
{
    DeviceMirrorModel model;
    model.applySnapshot(
        snapshot({ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001"))}, {hubTwin(QStringLiteral("a"))}));
    MirrorSnapshot partial;
    partial.tts = QList<TtsEndDevice> {
        ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001"), Zero, QStringLiteral("Renamed"))};
    partial.hubError = ServiceError(ServiceError::Kind::Network, QStringLiteral("unreachable"));
    model.applySnapshot(partial);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowAt(0).name, QStringLiteral("Renamed"));
    QCOMPARE(model.rowAt(0).syncState(), SyncState::InSync);
}

void TestDeviceMirrorModel::rawValuesSortTimesAndNumbers()
{
    DeviceMirrorModel model;
    QList<TtsEndDevice> tts;
    const QDateTime base(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
    // Seen at: c earliest, a, never (b); display text would sort differently from the raw times.
    tts.append(ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001")));
    tts.last().lastSeenAt = base.addDays(20);
    tts.append(ttsDevice(QStringLiteral("b"), QStringLiteral("0000000000000002")));
    tts.append(ttsDevice(QStringLiteral("c"), QStringLiteral("0000000000000003")));
    tts.last().lastSeenAt = base.addSecs(3);
    QList<DeviceTwin> hub {hubTwin(QStringLiteral("a"), {}, {}, DeviceIdentity::Status::Enabled, 10),
                           hubTwin(QStringLiteral("b"), {}, {}, DeviceIdentity::Status::Enabled, 9),
                           hubTwin(QStringLiteral("c"), {}, {}, DeviceIdentity::Status::Enabled, 100)};
    model.applySnapshot(snapshot(tts, hub));

    DeviceMirrorFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto order = [&proxy] {
        QStringList ids;
        for (int row = 0; row < proxy.rowCount(); ++row)
            ids.append(proxy.index(row, 0).data(DeviceMirrorModel::DeviceIdRole).toString());
        return ids.join(QLatin1Char(','));
    };
    proxy.sort(DeviceMirrorModel::TtsLastSeenColumn, Qt::AscendingOrder);
    QCOMPARE(order(), QStringLiteral("b,c,a"));
    proxy.sort(DeviceMirrorModel::TwinVersionColumn, Qt::AscendingOrder);
    QCOMPARE(order(), QStringLiteral("b,a,c")); // 9 < 10 < 100, not "10" < "100" < "9"
    proxy.sort(DeviceMirrorModel::TwinVersionColumn, Qt::DescendingOrder);
    QCOMPARE(order(), QStringLiteral("c,a,b"));
    QCOMPARE(model.index(1, DeviceMirrorModel::TtsLastSeenColumn).data(DeviceMirrorModel::RawRole).toLongLong(), -1);
}

void TestDeviceMirrorModel::filter_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("state"); // -1 = any
    QTest::addColumn<QString>("expected");

    QTest::addRow("everything") << QString() << -1 << QStringLiteral("hall-1,hall-2,yard-1,yard-2");
    QTest::addRow("id substring") << QStringLiteral("yard") << -1 << QStringLiteral("yard-1,yard-2");
    QTest::addRow("name, any case") << QStringLiteral("PUMP") << -1 << QStringLiteral("yard-2");
    QTest::addRow("DevEUI in lower case") << QStringLiteral("a30b") << -1 << QStringLiteral("hall-1");
    QTest::addRow("JoinEUI") << QStringLiteral("70B3D57ED0") << -1 << QStringLiteral("hall-2");
    QTest::addRow("hub tag EUI") << QStringLiteral("DEADBEEF") << -1 << QStringLiteral("yard-1");
    QTest::addRow("surrounding spaces") << QStringLiteral("  hall-2 ") << -1 << QStringLiteral("hall-2");
    QTest::addRow("state only") << QString() << int(SyncState::OnlyInTts) << QStringLiteral("hall-2");
    QTest::addRow("state and search") << QStringLiteral("yard") << int(SyncState::EuiMismatch)
                                      << QStringLiteral("yard-1");
    QTest::addRow("no match") << QStringLiteral("zzz") << -1 << QString();
}

void TestDeviceMirrorModel::filter()
{
    QFETCH(QString, search);
    QFETCH(int, state);
    QFETCH(QString, expected);

    DeviceMirrorModel model;
    model.applySnapshot(snapshot(
        {ttsDevice(QStringLiteral("hall-1"), QStringLiteral("0004A30B001C0001")),
         ttsDevice(QStringLiteral("hall-2"), QStringLiteral("0004000000000002"), QStringLiteral("70B3D57ED0000000")),
         ttsDevice(QStringLiteral("yard-1"), QStringLiteral("0000000000000003")),
         ttsDevice(QStringLiteral("yard-2"), QStringLiteral("0000000000000004"), Zero, QStringLiteral("Pump house"))},
        {hubTwin(QStringLiteral("hall-1")), hubTwin(QStringLiteral("yard-1"), QStringLiteral("00000000DEADBEEF")),
         hubTwin(QStringLiteral("yard-2"))}));
    DeviceMirrorFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(DeviceMirrorModel::DeviceIdColumn);
    proxy.setSearchText(search);
    proxy.setSyncStateFilter(state < 0 ? std::nullopt : std::optional<SyncState>(SyncState(state)));
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, DeviceMirrorModel::DeviceIdColumn).data().toString());
    QCOMPARE(ids.join(QLatin1Char(',')), expected);
}

void TestDeviceMirrorModel::engineEventsUpdateBridgeColumns()
{
    DeviceMirrorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot(snapshot({ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001")),
                                  ttsDevice(QStringLiteral("b"), QStringLiteral("0000000000000002"))},
                                 {hubTwin(QStringLiteral("a"))}));
    const QDateTime now(QDate(2026, 11, 26), QTime(15, 0), Qt::UTC);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    EngineEvents events;
    events.append(
        EngineEvent {now, QStringLiteral("a"), EngineEvent::Kind::UplinkForwarded, QStringLiteral("Uplink"), {}});
    events.append(EngineEvent {
        now, QStringLiteral("b"), EngineEvent::Kind::Error, QStringLiteral("Could not forward a message of b"), {}});
    events.append(EngineEvent {now, QStringLiteral("unknown"), EngineEvent::Kind::UplinkForwarded, {}, {}});
    events.append(EngineEvent {now, {}, EngineEvent::Kind::Lifecycle, QStringLiteral("Started"), {}});
    model.applyEngineEvents(events);
    QCOMPARE(changed.count(), 1); // rows 0 and 1 in one range
    const DeviceMirrorRow &a = model.rowAt(model.rowOf(QStringLiteral("a")));
    QCOMPARE(a.lastUplink, now);
    QCOMPARE(a.lastActivity, now);
    const DeviceMirrorRow &b = model.rowAt(model.rowOf(QStringLiteral("b")));
    QCOMPARE(b.lastError, QStringLiteral("Could not forward a message of b"));
    QCOMPARE(b.syncState(), SyncState::PendingCreation); // the engine holds its messages until the identity exists

    model.applyEngineEvents({EngineEvent {
        now.addSecs(1), QStringLiteral("b"), EngineEvent::Kind::IdentityCreated, QStringLiteral("Created"), {}}});
    QCOMPARE(model.rowAt(model.rowOf(QStringLiteral("b"))).syncState(), SyncState::InSync);

    // The engine created a hub-only device in TTS from its tags; then TTS deleted another.
    model.applySnapshot(snapshot(
        {ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001"))},
        {hubTwin(QStringLiteral("a")), hubTwin(QStringLiteral("t"), QStringLiteral("0000000000000007"), Zero)}));
    QCOMPARE(model.rowAt(model.rowOf(QStringLiteral("t"))).syncState(), SyncState::OnlyInHub);
    model.applyEngineEvents({EngineEvent {now, QStringLiteral("t"), EngineEvent::Kind::DeviceProvisioned, {}, {}}});
    QCOMPARE(model.rowAt(model.rowOf(QStringLiteral("t"))).syncState(), SyncState::InSync);
    QCOMPARE(model.rowAt(model.rowOf(QStringLiteral("t"))).devEui, QStringLiteral("0000000000000007"));
    model.applyEngineEvents({EngineEvent {now, QStringLiteral("a"), EngineEvent::Kind::DeviceDeleted, {}, {}}});
    QCOMPARE(model.rowAt(model.rowOf(QStringLiteral("a"))).syncState(), SyncState::OnlyInHub);
}

void TestDeviceMirrorModel::pendingRowsSettleWhenLoaded()
{
    DeviceMirrorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const TtsEndDevice a = ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001"));
    model.applySnapshot(snapshot({a}, {}));
    model.setPending({QStringLiteral("a")}, true);
    QCOMPARE(model.rowAt(0).syncState(), SyncState::PendingCreation);
    model.applySnapshot(snapshot({a}, {}));
    QCOMPARE(model.rowAt(0).syncState(), SyncState::PendingCreation); // not there yet
    model.applySnapshot(snapshot({a}, {hubTwin(QStringLiteral("a"), QStringLiteral("0000000000000001"), Zero)}));
    QCOMPARE(model.rowAt(0).syncState(), SyncState::InSync);
}

void TestDeviceMirrorModel::stateCountsFollowChanges()
{
    DeviceMirrorModel model;
    QSignalSpy counts(&model, &DeviceMirrorModel::stateCountsChanged);
    model.applySnapshot(snapshot(
        {ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001")),
         ttsDevice(QStringLiteral("b"), QStringLiteral("0000000000000002"))},
        {hubTwin(QStringLiteral("b"), {}, {}, DeviceIdentity::Status::Disabled), hubTwin(QStringLiteral("c"))}));
    QCOMPARE(counts.count(), 1);
    DeviceMirrorModel::StateCounts expected {};
    expected[size_t(SyncState::OnlyInTts)] = 1;
    expected[size_t(SyncState::DisabledInHub)] = 1;
    expected[size_t(SyncState::OnlyInHub)] = 1;
    QCOMPARE(model.stateCounts(), expected);
    model.setHubPresence(QStringLiteral("b"), true, DeviceIdentity::Status::Enabled);
    expected[size_t(SyncState::DisabledInHub)] = 0;
    expected[size_t(SyncState::InSync)] = 1;
    QCOMPARE(model.stateCounts(), expected);
    QCOMPARE(counts.count(), 2);
}

void TestDeviceMirrorModel::exportsCsvAndJson()
{
    DeviceMirrorModel model;
    TtsEndDevice a =
        ttsDevice(QStringLiteral("a"), QStringLiteral("0000000000000001"), Zero, QStringLiteral("Hall, \"north\""));
    a.lastSeenAt = QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC);
    model.applySnapshot(snapshot({a}, {hubTwin(QStringLiteral("c"), {}, {}, DeviceIdentity::Status::Disabled, 4)}));

    const QList<QByteArray> lines = DeviceMirrorExport::toCsv(model.rows()).split('\n');
    QCOMPARE(lines.at(0).trimmed(),
             QByteArray("name,deviceId,devEui,joinEui,ttsLastSeen,hubStatus,connectionState,"
                        "lastActivity,twinVersion,lastUplink,lastError,syncState"));
    QCOMPARE(lines.at(1).trimmed(),
             QByteArray("\"Hall, \"\"north\"\"\",a,0000000000000001,0000000000000000,"
                        "2026-11-26T10:00:00.000Z,,,,,,,onlyInTts"));
    QCOMPARE(lines.at(2).trimmed(), QByteArray(",c,,,,disabled,,,4,,,onlyInHub"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("devices.json"));
    QCOMPARE(DeviceMirrorExport::formatForPath(path), DeviceMirrorExport::Format::Json);
    QVERIFY(DeviceMirrorExport::writeFile(path, DeviceMirrorExport::Format::Json, model.rows()).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray devices =
        QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("devices")).toArray();
    QCOMPARE(devices.size(), 2);
    QCOMPARE(devices.at(1).toObject().value(QLatin1String("twinVersion")).toInt(), 4);
    QCOMPARE(devices.at(1).toObject().value(QLatin1String("syncState")).toString(), QStringLiteral("onlyInHub"));
    QVERIFY(devices.at(0).toObject().value(QLatin1String("twinVersion")).isNull());

    const Status failed = DeviceMirrorExport::writeFile(dir.filePath(QStringLiteral("missing/dir/x.csv")),
                                                        DeviceMirrorExport::Format::Csv, model.rows());
    QVERIFY(!failed.ok());
    QVERIFY(failed.error().message().contains(QLatin1String("missing/dir/x.csv")));
}

QTEST_GUILESS_MAIN(TestDeviceMirrorModel)
#include "tst_devicemirrormodel.moc"
