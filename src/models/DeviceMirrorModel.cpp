#include "models/DeviceMirrorModel.h"

#include "services/iothub/DeviceTwin.h"
#include "services/mirror/MirrorSnapshot.h"
#include "services/tts/TtsEndDevice.h"

#include <QColor>
#include <QLocale>

#include <algorithm>

namespace TwinBridge {

namespace {

QString timeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

qint64 timeValue(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : -1;
}

template<typename T>
int threeWay(const T &left, const T &right)
{
    return left < right ? -1 : (right < left ? 1 : 0);
}

QString hubStatusText(const DeviceMirrorRow &row)
{
    if (!row.inHub)
        return {};
    return row.hubStatus == DeviceIdentity::Status::Enabled ? DeviceMirrorModel::tr("Enabled")
                                                            : DeviceMirrorModel::tr("Disabled");
}

QString connectionText(const DeviceMirrorRow &row)
{
    if (!row.inHub)
        return {};
    switch (row.connectionState) {
    case DeviceIdentity::ConnectionState::Connected:
        return DeviceMirrorModel::tr("Connected");
    case DeviceIdentity::ConnectionState::Disconnected:
        return DeviceMirrorModel::tr("Disconnected");
    case DeviceIdentity::ConnectionState::Unknown:
        break;
    }
    return DeviceMirrorModel::tr("Unknown");
}

QString syncToolTip(const DeviceMirrorRow &row)
{
    switch (row.syncState()) {
    case DeviceMirrorRow::SyncState::InSync:
        return DeviceMirrorModel::tr("TTS and IoT Hub both have this device with the same EUIs.");
    case DeviceMirrorRow::SyncState::OnlyInTts:
        return DeviceMirrorModel::tr("IoT Hub has no identity for this device. The bridge creates it on the next "
                                     "uplink, or use “Create missing IoT Hub identities”.");
    case DeviceMirrorRow::SyncState::OnlyInHub:
        return DeviceMirrorModel::tr("TTS has no end device with this id. Use “Create TTS devices from twin tags” "
                                     "if its twin has lorawan tags, or delete the identity.");
    case DeviceMirrorRow::SyncState::EuiMismatch:
        return DeviceMirrorModel::tr("The twin's lorawan tags name DevEUI %1 / JoinEUI %2, TTS has %3 / %4.")
            .arg(row.hubDevEui, row.hubJoinEui, row.devEui, row.joinEui);
    case DeviceMirrorRow::SyncState::DisabledInHub:
        return DeviceMirrorModel::tr("The IoT Hub identity is disabled: the bridge cannot send this device's "
                                     "uplinks. Enable it in the hub.");
    case DeviceMirrorRow::SyncState::PendingCreation:
        return DeviceMirrorModel::tr("Being created; the row settles when the action or the bridge is done.");
    }
    return {};
}

} // namespace

DeviceMirrorModel::DeviceMirrorModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

DeviceMirrorModel::~DeviceMirrorModel() = default;

int DeviceMirrorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeviceMirrorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceMirrorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeviceMirrorRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case RawRole:
        return rawValue(row, index.column());
    case SyncStateRole:
        return int(row.syncState());
    case DeviceIdRole:
        return row.deviceId;
    case Qt::ToolTipRole:
        if (index.column() == SyncStateColumn)
            return syncToolTip(row);
        if (index.column() == LastErrorColumn && !row.lastError.isEmpty())
            return row.lastError;
        if (index.column() == DevEuiColumn && row.inHub && !row.hubDevEui.isEmpty() &&
            row.hubDevEui.compare(row.devEui, Qt::CaseInsensitive) != 0)
            return tr("The twin's tags say %1").arg(row.hubDevEui);
        return {};
    case Qt::DecorationRole:
        if (index.column() == SyncStateColumn)
            return syncStateColor(row.syncState());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TwinVersionColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QColor DeviceMirrorModel::syncStateColor(DeviceMirrorRow::SyncState state)
{
    // Mid-tone colours that read on light and dark palettes alike; the text says the same, for colour-blind users.
    switch (state) {
    case DeviceMirrorRow::SyncState::InSync:
        return QColor(0x2e, 0x9d, 0x4a);
    case DeviceMirrorRow::SyncState::OnlyInTts:
    case DeviceMirrorRow::SyncState::OnlyInHub:
        return QColor(0xd0, 0x8b, 0x00);
    case DeviceMirrorRow::SyncState::EuiMismatch:
        return QColor(0xd0, 0x34, 0x2c);
    case DeviceMirrorRow::SyncState::DisabledInHub:
        return QColor(0x8a, 0x8a, 0x8a);
    case DeviceMirrorRow::SyncState::PendingCreation:
        return QColor(0x2f, 0x7f, 0xd0);
    }
    return {};
}

QVariant DeviceMirrorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return columnName(section);
    return {};
}

QString DeviceMirrorModel::columnName(int column)
{
    switch (column) {
    case NameColumn:
        return tr("Name");
    case DeviceIdColumn:
        return tr("Device ID");
    case DevEuiColumn:
        return tr("DevEUI");
    case JoinEuiColumn:
        return tr("JoinEUI");
    case TtsLastSeenColumn:
        return tr("TTS last seen");
    case HubStatusColumn:
        return tr("Hub status");
    case ConnectionStateColumn:
        return tr("Connection");
    case LastActivityColumn:
        return tr("Last activity");
    case TwinVersionColumn:
        return tr("Twin version");
    case LastUplinkColumn:
        return tr("Last uplink via bridge");
    case LastErrorColumn:
        return tr("Last error");
    case SyncStateColumn:
        return tr("Sync state");
    default:
        return {};
    }
}

QString DeviceMirrorModel::columnKey(int column)
{
    static const char *const keys[ColumnCount] = {"name",        "deviceId",   "devEui",          "joinEui",
                                                  "ttsLastSeen", "hubStatus",  "connectionState", "lastActivity",
                                                  "twinVersion", "lastUplink", "lastError",       "syncState"};
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(keys[column]) : QString();
}

QString DeviceMirrorModel::displayText(const DeviceMirrorRow &row, int column)
{
    switch (column) {
    case NameColumn:
        return row.name;
    case DeviceIdColumn:
        return row.deviceId;
    case DevEuiColumn:
        return row.inTts ? row.devEui : row.hubDevEui;
    case JoinEuiColumn:
        return row.inTts ? row.joinEui : row.hubJoinEui;
    case TtsLastSeenColumn:
        return timeText(row.ttsLastSeen);
    case HubStatusColumn:
        return hubStatusText(row);
    case ConnectionStateColumn:
        return connectionText(row);
    case LastActivityColumn:
        return timeText(row.lastActivity);
    case TwinVersionColumn:
        return row.inHub ? QString::number(row.twinVersion) : QString();
    case LastUplinkColumn:
        return timeText(row.lastUplink);
    case LastErrorColumn:
        return row.lastError;
    case SyncStateColumn:
        return DeviceMirrorRow::syncStateDisplayName(row.syncState());
    default:
        return {};
    }
}

QVariant DeviceMirrorModel::rawValue(const DeviceMirrorRow &row, int column)
{
    switch (column) {
    case TtsLastSeenColumn:
        return timeValue(row.ttsLastSeen);
    case LastActivityColumn:
        return timeValue(row.lastActivity);
    case LastUplinkColumn:
        return timeValue(row.lastUplink);
    case TwinVersionColumn:
        return row.inHub ? row.twinVersion : qint64(-1);
    case HubStatusColumn:
        return row.inHub ? int(row.hubStatus) : -1;
    case ConnectionStateColumn:
        return row.inHub ? int(row.connectionState) : -1;
    case SyncStateColumn:
        return int(row.syncState());
    default:
        return displayText(row, column);
    }
}

int DeviceMirrorModel::compare(const DeviceMirrorRow &left, const DeviceMirrorRow &right, int column)
{
    switch (column) {
    case NameColumn:
        return left.name.compare(right.name, Qt::CaseInsensitive);
    case DeviceIdColumn:
        return left.deviceId.compare(right.deviceId);
    case DevEuiColumn:
    case JoinEuiColumn:
    case LastErrorColumn:
        return displayText(left, column).compare(displayText(right, column), Qt::CaseInsensitive);
    case TtsLastSeenColumn:
        return threeWay(timeValue(left.ttsLastSeen), timeValue(right.ttsLastSeen));
    case LastActivityColumn:
        return threeWay(timeValue(left.lastActivity), timeValue(right.lastActivity));
    case LastUplinkColumn:
        return threeWay(timeValue(left.lastUplink), timeValue(right.lastUplink));
    default:
        return threeWay(rawValue(left, column).toLongLong(), rawValue(right, column).toLongLong());
    }
}

void DeviceMirrorModel::applySnapshot(const MirrorSnapshot &snapshot)
{
    if (!snapshot.tts && !snapshot.hub)
        return;
    merge(snapshot.tts ? &*snapshot.tts : nullptr, snapshot.hub ? &*snapshot.hub : nullptr);
}

void DeviceMirrorModel::setTtsDevices(const QList<TtsEndDevice> &devices)
{
    merge(&devices, nullptr);
}

void DeviceMirrorModel::setHubTwins(const QList<DeviceTwin> &twins)
{
    merge(nullptr, &twins);
}

void DeviceMirrorModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    endResetModel();
    recount();
}

void DeviceMirrorModel::merge(const QList<TtsEndDevice> *tts, const QList<DeviceTwin> *hub)
{
    QHash<QString, qsizetype> ttsById;
    QHash<QString, qsizetype> hubById;
    if (tts) {
        ttsById.reserve(tts->size());
        for (qsizetype i = 0; i < tts->size(); ++i)
            ttsById.insert(tts->at(i).deviceId, i);
    }
    if (hub) {
        hubById.reserve(hub->size());
        for (qsizetype i = 0; i < hub->size(); ++i)
            hubById.insert(hub->at(i).deviceId, i);
    }

    // Existing rows: changed in place, or gone from both sides.
    QList<int> changed;
    QList<int> removed;
    for (int i = 0; i < m_rows.size(); ++i) {
        const DeviceMirrorRow &current = m_rows.at(i);
        DeviceMirrorRow updated = current;
        if (tts) {
            const auto found = ttsById.constFind(current.deviceId);
            if (found != ttsById.constEnd())
                updated.setTtsPart(tts->at(*found));
            else
                updated.clearTtsPart();
        }
        if (hub) {
            const auto found = hubById.constFind(current.deviceId);
            if (found != hubById.constEnd())
                updated.setHubPart(hub->at(*found));
            else
                updated.clearHubPart();
        }
        // A finished creation shows up in the load: the row is no longer pending.
        if (updated.pendingCreation && updated.inTts && updated.inHub)
            updated.pendingCreation = false;
        if (!updated.inTts && !updated.inHub) {
            removed.append(i);
        } else if (!(updated == current)) {
            m_rows[i] = std::move(updated);
            changed.append(i);
        }
    }
    emitChangedRanges(changed, 0, ColumnCount - 1);
    removeRowsAt(removed);

    // New devices, appended in one block: TTS order first, then the hub's devices TTS does not have.
    QList<DeviceMirrorRow> added;
    QHash<QString, qsizetype> addedById;
    if (tts) {
        for (const TtsEndDevice &device : *tts) {
            if (m_index.contains(device.deviceId) || addedById.contains(device.deviceId))
                continue;
            DeviceMirrorRow row;
            row.setTtsPart(device);
            addedById.insert(device.deviceId, added.size());
            added.append(std::move(row));
        }
    }
    if (hub) {
        for (const DeviceTwin &twin : *hub) {
            if (m_index.contains(twin.deviceId))
                continue;
            const auto found = addedById.constFind(twin.deviceId);
            if (found != addedById.constEnd()) {
                added[*found].setHubPart(twin);
                continue;
            }
            DeviceMirrorRow row;
            row.setHubPart(twin);
            addedById.insert(twin.deviceId, added.size());
            added.append(std::move(row));
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.reserve(m_rows.size() + added.size());
        for (DeviceMirrorRow &row : added) {
            m_index.insert(row.deviceId, int(m_rows.size()));
            m_rows.append(std::move(row));
        }
        endInsertRows();
    }
    recount();
}

void DeviceMirrorModel::emitChangedRanges(const QList<int> &rows, int firstColumn, int lastColumn)
{
    // `rows` ascending; one dataChanged per run of adjacent rows.
    qsizetype i = 0;
    while (i < rows.size()) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        emit dataChanged(index(rows.at(i), firstColumn), index(rows.at(j), lastColumn));
        i = j + 1;
    }
}

void DeviceMirrorModel::removeRowsAt(QList<int> rows)
{
    if (rows.isEmpty())
        return;
    // Last run first, so that earlier row numbers stay valid.
    qsizetype j = rows.size() - 1;
    while (j >= 0) {
        qsizetype i = j;
        while (i > 0 && rows.at(i - 1) == rows.at(i) - 1)
            --i;
        beginRemoveRows({}, rows.at(i), rows.at(j));
        m_rows.remove(rows.at(i), rows.at(j) - rows.at(i) + 1);
        endRemoveRows();
        j = i - 1;
    }
    rebuildIndex();
}

void DeviceMirrorModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).deviceId, i);
}

void DeviceMirrorModel::recount()
{
    StateCounts counts {};
    for (const DeviceMirrorRow &row : std::as_const(m_rows))
        ++counts[size_t(row.syncState())];
    if (counts != m_counts) {
        m_counts = counts;
        emit stateCountsChanged();
    }
}

void DeviceMirrorModel::updateRow(int row, const DeviceMirrorRow &updated)
{
    if (m_rows.at(row) == updated)
        return;
    m_rows[row] = updated;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DeviceMirrorModel::applyEngineEvents(const EngineEvents &events)
{
    QList<int> touched;
    for (const EngineEvent &event : events) {
        const int row = rowOf(event.deviceId);
        if (row < 0)
            continue;
        DeviceMirrorRow &r = m_rows[row];
        switch (event.kind) {
        case EngineEvent::Kind::UplinkForwarded:
            r.lastUplink = event.time;
            [[fallthrough]];
        case EngineEvent::Kind::Join:
        case EngineEvent::Kind::LocationOrServiceData:
        case EngineEvent::Kind::DownlinkEvent:
            // Forwarded as the device: the identity exists and the device was active just now.
            r.lastActivity = event.time;
            if (!r.inHub) {
                r.inHub = true;
                r.hubDevEui = r.devEui;
                r.hubJoinEui = r.joinEui;
                r.updateSearchKey();
            }
            r.pendingCreation = false;
            r.lastError.clear();
            break;
        case EngineEvent::Kind::IdentityCreated:
            r.inHub = true;
            r.hubStatus = DeviceIdentity::Status::Enabled;
            r.hubDevEui = r.devEui;
            r.hubJoinEui = r.joinEui;
            r.updateSearchKey();
            r.pendingCreation = false;
            break;
        case EngineEvent::Kind::Error:
            r.lastError = event.summary;
            // The engine keeps the messages of a device without identity and creates it when it retries.
            if (r.inTts && !r.inHub)
                r.pendingCreation = true;
            break;
        case EngineEvent::Kind::DeviceProvisioned:
            // Created in TTS from the twin's tags: with the tags' EUIs, until the next load says more.
            if (!r.inTts) {
                r.inTts = true;
                r.devEui = r.hubDevEui;
                r.joinEui = r.hubJoinEui;
                r.updateSearchKey();
            }
            r.pendingCreation = false;
            break;
        case EngineEvent::Kind::DeviceDeleted:
            r.clearTtsPart();
            break;
        case EngineEvent::Kind::TwinChange:
        case EngineEvent::Kind::DownlinkScheduled:
        case EngineEvent::Kind::Lifecycle:
            continue;
        }
        touched.append(row);
    }
    if (touched.isEmpty())
        return;
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    emitChangedRanges(touched, 0, ColumnCount - 1);
    QList<int> gone;
    for (int row : std::as_const(touched)) {
        if (!m_rows.at(row).inTts && !m_rows.at(row).inHub)
            gone.append(row);
    }
    removeRowsAt(gone);
    recount();
}

void DeviceMirrorModel::setPending(const QStringList &deviceIds, bool pending)
{
    QList<int> touched;
    for (const QString &id : deviceIds) {
        const int row = rowOf(id);
        if (row < 0 || m_rows.at(row).pendingCreation == pending)
            continue;
        m_rows[row].pendingCreation = pending;
        touched.append(row);
    }
    std::sort(touched.begin(), touched.end());
    emitChangedRanges(touched, SyncStateColumn, SyncStateColumn);
    if (!touched.isEmpty())
        recount();
}

void DeviceMirrorModel::setHubPresence(const QString &deviceId, bool present, DeviceIdentity::Status status,
                                       const QString &devEui, const QString &joinEui)
{
    const int row = rowOf(deviceId);
    if (row < 0)
        return;
    DeviceMirrorRow updated = m_rows.at(row);
    if (present) {
        updated.inHub = true;
        updated.hubStatus = status;
        if (!devEui.isEmpty())
            updated.hubDevEui = devEui.toUpper();
        if (!joinEui.isEmpty())
            updated.hubJoinEui = joinEui.toUpper();
        updated.updateSearchKey();
    } else {
        updated.clearHubPart();
    }
    if (!updated.inTts && !updated.inHub) {
        removeRowsAt({row});
    } else {
        updateRow(row, updated);
    }
    recount();
}

void DeviceMirrorModel::setTtsPresence(const QString &deviceId, bool present, const QString &devEui,
                                       const QString &joinEui)
{
    const int row = rowOf(deviceId);
    if (row < 0)
        return;
    DeviceMirrorRow updated = m_rows.at(row);
    if (present) {
        updated.inTts = true;
        updated.devEui = devEui.toUpper();
        updated.joinEui = joinEui.toUpper();
        updated.updateSearchKey();
    } else {
        updated.clearTtsPart();
    }
    if (!updated.inTts && !updated.inHub) {
        removeRowsAt({row});
    } else {
        updateRow(row, updated);
    }
    recount();
}

void DeviceMirrorModel::setLastError(const QString &deviceId, const QString &error)
{
    const int row = rowOf(deviceId);
    if (row < 0 || m_rows.at(row).lastError == error)
        return;
    m_rows[row].lastError = error;
    emit dataChanged(index(row, LastErrorColumn), index(row, LastErrorColumn));
}

} // namespace TwinBridge
