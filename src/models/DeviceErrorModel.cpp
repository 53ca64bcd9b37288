#include "models/DeviceErrorModel.h"

#include <QColor>
#include <QLocale>

#include <algorithm>

namespace TwinBridge {

DeviceErrorModel::DeviceErrorModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int DeviceErrorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_data.size());
}

int DeviceErrorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceErrorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_data.at(index.row());
    switch (role) {
    case RawValueRole:
        switch (index.column()) {
        case DeviceColumn:
            return row.deviceId;
        case StateColumn:
            return row.isFailing();
        case ErrorCountColumn:
            return row.errors;
        case LastErrorAtColumn:
            return row.lastErrorAt;
        case LastErrorColumn:
            return row.lastError;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case DeviceColumn:
            return row.deviceId;
        case StateColumn:
            return row.isFailing()
                ? tr("Failing")
                : tr("Recovered %1")
                      .arg(QLocale().toString(row.recoveredAt.toLocalTime().time(), QLocale::ShortFormat));
        case ErrorCountColumn:
            return QLocale().toString(row.errors);
        case LastErrorAtColumn:
            return QLocale().toString(row.lastErrorAt.toLocalTime(), QLocale::ShortFormat);
        case LastErrorColumn:
            return row.lastError;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == LastErrorColumn ? QVariant(row.lastError) : QVariant();
    case Qt::ForegroundRole:
        // Semantic colours that read on light and dark palettes alike.
        if (index.column() == StateColumn)
            return row.isFailing() ? QColor(0xd3, 0x2f, 0x2f) : QColor(0x2e, 0x9d, 0x4f);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ErrorCountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant DeviceErrorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DeviceColumn:
        return tr("Device");
    case StateColumn:
        return tr("State");
    case ErrorCountColumn:
        return tr("Errors");
    case LastErrorAtColumn:
        return tr("Last error at");
    case LastErrorColumn:
        return tr("Last error");
    }
    return {};
}

bool DeviceErrorModel::meansRecovered(EngineEvent::Kind kind)
{
    switch (kind) {
    case EngineEvent::Kind::UplinkForwarded:
    case EngineEvent::Kind::Join:
    case EngineEvent::Kind::DownlinkEvent:
    case EngineEvent::Kind::LocationOrServiceData:
    case EngineEvent::Kind::DownlinkScheduled:
    case EngineEvent::Kind::DeviceProvisioned:
    case EngineEvent::Kind::DeviceDeleted:
        return true;
    default:
        return false;
    }
}

void DeviceErrorModel::addEvents(const EngineEvents &events)
{
    for (const EngineEvent &event : events) {
        if (event.deviceId.isEmpty())
            continue;
        const int existing = rowOf(event.deviceId);
        if (event.kind == EngineEvent::Kind::Error) {
            if (existing < 0) {
                const int row = int(m_data.size());
                beginInsertRows({}, row, row);
                m_data.append(Row {event.deviceId, 1, event.summary, event.time.toUTC(), {}});
                m_rows.insert(event.deviceId, row);
                endInsertRows();
                continue;
            }
            Row &row = m_data[existing];
            ++row.errors;
            row.lastError = event.summary;
            row.lastErrorAt = event.time.toUTC();
            row.recoveredAt = {};
            emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
        } else if (existing >= 0 && meansRecovered(event.kind) && m_data.at(existing).isFailing()) {
            m_data[existing].recoveredAt = event.time.toUTC();
            emit dataChanged(index(existing, StateColumn), index(existing, StateColumn));
        }
    }
    trim();
}

void DeviceErrorModel::trim()
{
    if (m_data.size() <= m_maxDevices)
        return;
    // The rows whose last error is oldest leave, one removal each (rare: only past maxDevices devices).
    while (m_data.size() > m_maxDevices) {
        const auto oldest = std::min_element(m_data.cbegin(), m_data.cend(),
                                             [](const Row &a, const Row &b) { return a.lastErrorAt < b.lastErrorAt; });
        const int row = int(oldest - m_data.cbegin());
        beginRemoveRows({}, row, row);
        m_rows.remove(m_data.at(row).deviceId);
        m_data.removeAt(row);
        reindex(row);
        endRemoveRows();
    }
}

void DeviceErrorModel::reindex(int from)
{
    for (int i = from; i < m_data.size(); ++i)
        m_rows.insert(m_data.at(i).deviceId, i);
}

void DeviceErrorModel::clear()
{
    if (m_data.isEmpty())
        return;
    beginResetModel();
    m_data.clear();
    m_rows.clear();
    endResetModel();
}

int DeviceErrorModel::failingCount() const
{
    return int(std::count_if(m_data.cbegin(), m_data.cend(), [](const Row &row) { return row.isFailing(); }));
}

void DeviceErrorModel::setMaxDevices(int maxDevices)
{
    m_maxDevices = std::max(1, maxDevices);
    trim();
}

} // namespace TwinBridge
