#include "models/DeviceMirrorFilterModel.h"

#include "models/DeviceMirrorModel.h"

namespace TwinBridge {

DeviceMirrorFilterModel::DeviceMirrorFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DeviceMirrorModel::RawRole);
    setDynamicSortFilter(true);
}

void DeviceMirrorFilterModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_mirror = qobject_cast<DeviceMirrorModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void DeviceMirrorFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    // The rows' search keys are in lower case; a Boyer-Moore matcher built once per keystroke skips through them.
    m_matcher.setPattern(trimmed.toLower());
    invalidateFilter();
}

void DeviceMirrorFilterModel::setSyncStateFilter(std::optional<DeviceMirrorRow::SyncState> state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

bool DeviceMirrorFilterModel::matches(const DeviceMirrorRow &row) const
{
    if (m_state && row.syncState() != *m_state)
        return false;
    if (m_search.isEmpty())
        return true;
    return m_matcher.indexIn(row.searchKey) >= 0;
}

bool DeviceMirrorFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_mirror || sourceParent.isValid())
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    return matches(m_mirror->rowAt(sourceRow));
}

bool DeviceMirrorFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_mirror || sortRole() != DeviceMirrorModel::RawRole)
        return QSortFilterProxyModel::lessThan(left, right);
    const DeviceMirrorRow &a = m_mirror->rowAt(left.row());
    const DeviceMirrorRow &b = m_mirror->rowAt(right.row());
    const int order = DeviceMirrorModel::compare(a, b, left.column());
    if (order != 0)
        return order < 0;
    // Equal values keep a stable, meaningful order: by device id.
    return a.deviceId < b.deviceId;
}

} // namespace TwinBridge
