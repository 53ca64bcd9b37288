#pragma once

#include "models/DeviceMirrorRow.h"

#include <QSortFilterProxyModel>
#include <QStringMatcher>

#include <optional>

namespace TwinBridge {

class DeviceMirrorModel;

// Search and sync-state filter over a DeviceMirrorModel, sorting on raw values. The search matches device id,
// name, DevEUI and JoinEUI (both sides' EUIs), case-insensitively, as a substring. Rows are read from the model
// directly rather than through QVariants, so a keystroke over 100,000 rows stays well under 100 ms.
class DeviceMirrorFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DeviceMirrorFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    // nullopt: every state.
    void setSyncStateFilter(std::optional<DeviceMirrorRow::SyncState> state);
    std::optional<DeviceMirrorRow::SyncState> syncStateFilter() const { return m_state; }

    // Whether `row` passes the search and state filter.
    bool matches(const DeviceMirrorRow &row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    DeviceMirrorModel *m_mirror = nullptr;
    QString m_search;
    QStringMatcher m_matcher;
    std::optional<DeviceMirrorRow::SyncState> m_state;
};

} // namespace TwinBridge
