#include "models/LiveEventFilterProxy.h"

#include "models/LiveEventModel.h"

namespace TwinBridge {

LiveEventFilterProxy::LiveEventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LiveEventModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void LiveEventFilterProxy::setDeviceFilter(const QString &deviceId)
{
    const QString trimmed = deviceId.trimmed();
    if (trimmed == m_deviceId)
        return;
    m_deviceId = trimmed;
    invalidateRowsFilter();
}

void LiveEventFilterProxy::setKindFilter(std::optional<EngineEvent::Kind> kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateRowsFilter();
}

void LiveEventFilterProxy::setTextFilter(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateRowsFilter();
}

EngineEvents LiveEventFilterProxy::filteredEvents() const
{
    EngineEvents events;
    const auto *model = qobject_cast<const LiveEventModel *>(sourceModel());
    if (!model)
        return events;
    events.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        events.append(model->eventAt(mapToSource(index(row, 0)).row()));
    return events;
}

bool LiveEventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex source = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_deviceId.isEmpty() && source.data(LiveEventModel::DeviceIdRole).toString() != m_deviceId)
        return false;
    if (m_kind && source.data(LiveEventModel::KindRole).toInt() != int(*m_kind))
        return false;
    if (!m_text.isEmpty() &&
        !source.data(LiveEventModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace TwinBridge
