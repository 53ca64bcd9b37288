#include "models/LiveEventModel.h"

#include <QJsonDocument>

#include <algorithm>

namespace TwinBridge {

namespace {

constexpr int MaxPayloadSearchDepth = 3;

std::optional<QByteArray> findFramePayload(const QJsonObject &object, int depth)
{
    for (const QLatin1String key : {QLatin1String("frmPayload"), QLatin1String("frm_payload")}) {
        const QJsonValue value = object.value(key);
        if (!value.isString())
            continue;
        auto decoded =
            QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            return decoded.decoded;
        return std::nullopt;
    }
    if (depth >= MaxPayloadSearchDepth)
        return std::nullopt;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isObject())
            continue;
        if (auto found = findFramePayload(it.value().toObject(), depth + 1))
            return found;
    }
    return std::nullopt;
}

} // namespace

LiveEventModel::LiveEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int LiveEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LiveEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(size_t(index.row()));
    const EngineEvent &event = row.event;
    switch (role) {
    case SortRole:
        // The other columns sort on what they show.
        if (index.column() == TimeColumn)
            return QVariant::fromValue(row.sequence);
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return event.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case DeviceColumn:
            return event.deviceId;
        case KindColumn:
            return EngineEvent::kindDisplayName(event.kind);
        case SummaryColumn:
            return event.summary;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return event.time.toLocalTime().toString(Qt::ISODateWithMs);
        case SummaryColumn:
            return event.summary;
        default:
            break;
        }
        break;
    case SequenceRole:
        return QVariant::fromValue(row.sequence);
    case KindRole:
        return int(event.kind);
    case DeviceIdRole:
        return event.deviceId;
    case SearchTextRole:
        if (row.searchText.isNull()) {
            row.searchText = event.summary + QLatin1Char('\n') + event.deviceId + QLatin1Char('\n') +
                EngineEvent::kindName(event.kind) + QLatin1Char('\n') + EngineEvent::kindDisplayName(event.kind);
            if (!event.detail.isEmpty())
                row.searchText +=
                    QLatin1Char('\n') + QString::fromUtf8(QJsonDocument(event.detail).toJson(QJsonDocument::Compact));
        }
        return row.searchText;
    default:
        break;
    }
    return {};
}

QVariant LiveEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DeviceColumn:
        return tr("Device");
    case KindColumn:
        return tr("Type");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

void LiveEventModel::setCapacity(int capacity)
{
    capacity = std::clamp(capacity, MinimumCapacity, MaximumCapacity);
    if (capacity == m_capacity)
        return;
    m_capacity = capacity;
    const quint64 droppedBefore = m_dropped;
    if (int(m_rows.size()) > m_capacity)
        dropFront(int(m_rows.size()) - m_capacity);
    if (int(m_pending.size()) > m_capacity) {
        const int excess = int(m_pending.size()) - m_capacity;
        m_pending.erase(m_pending.begin(), m_pending.begin() + excess);
        m_dropped += quint64(excess);
        emit pendingCountChanged(pendingCount());
    }
    if (m_dropped != droppedBefore)
        emit droppedCountChanged(m_dropped);
}

QStringList LiveEventModel::deviceIds() const
{
    QStringList ids(m_deviceIds.cbegin(), m_deviceIds.cend());
    ids.sort();
    return ids;
}

std::optional<QByteArray> LiveEventModel::framePayload(const EngineEvent &event)
{
    return findFramePayload(event.detail, 0);
}

void LiveEventModel::append(const EngineEvents &events)
{
    if (events.isEmpty())
        return;
    m_received += quint64(events.size());
    noteDevices(events);
    std::deque<Row> rows;
    for (const EngineEvent &event : events)
        rows.push_back(Row {event, m_nextSequence++, {}});

    if (!m_paused) {
        insertRows(std::move(rows));
        return;
    }
    std::move(rows.begin(), rows.end(), std::back_inserter(m_pending));
    if (int(m_pending.size()) > m_capacity) {
        const int excess = int(m_pending.size()) - m_capacity;
        m_pending.erase(m_pending.begin(), m_pending.begin() + excess);
        m_dropped += quint64(excess);
        emit droppedCountChanged(m_dropped);
    }
    emit pendingCountChanged(pendingCount());
}

void LiveEventModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused && !m_pending.empty()) {
        insertRows(std::exchange(m_pending, {}));
        emit pendingCountChanged(0);
    }
    emit pausedChanged(paused);
}

void LiveEventModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    const bool hadPending = !m_pending.empty();
    m_pending.clear();
    const bool hadDropped = m_dropped != 0;
    m_dropped = 0;
    m_received = 0;
    const bool hadDevices = !m_deviceIds.isEmpty();
    m_deviceIds.clear();
    if (hadPending)
        emit pendingCountChanged(0);
    if (hadDropped)
        emit droppedCountChanged(0);
    if (hadDevices)
        emit deviceIdsChanged();
}

void LiveEventModel::insertRows(std::deque<Row> &&rows)
{
    const quint64 droppedBefore = m_dropped;
    // Of a batch larger than the capacity only its newest events can stay.
    if (int(rows.size()) > m_capacity) {
        const int excess = int(rows.size()) - m_capacity;
        rows.erase(rows.begin(), rows.begin() + excess);
        m_dropped += quint64(excess);
    }
    const int overflow = int(m_rows.size()) + int(rows.size()) - m_capacity;
    if (overflow > 0)
        dropFront(overflow);
    if (!rows.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(rows.size()) - 1);
        std::move(rows.begin(), rows.end(), std::back_inserter(m_rows));
        endInsertRows();
    }
    if (m_dropped != droppedBefore)
        emit droppedCountChanged(m_dropped);
}

void LiveEventModel::dropFront(int count)
{
    count = std::min(count, int(m_rows.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    endRemoveRows();
    m_dropped += quint64(count);
}

void LiveEventModel::noteDevices(const EngineEvents &events)
{
    bool added = false;
    for (const EngineEvent &event : events) {
        if (!event.deviceId.isEmpty() && !m_deviceIds.contains(event.deviceId)) {
            m_deviceIds.insert(event.deviceId);
            added = true;
        }
    }
    if (added)
        emit deviceIdsChanged();
}

} // namespace TwinBridge
