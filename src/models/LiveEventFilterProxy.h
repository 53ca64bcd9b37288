#pragma once

#include "services/engine/EngineEvent.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace TwinBridge {

// Filters a LiveEventModel by device (exact id; empty = every device), by type (one EngineEvent::Kind or all)
// and by text (case-insensitive, over the summary, the device, the type and the detail JSON), and sorts on the
// model's raw values (LiveEventModel::SortRole). The filters combine with AND.
class LiveEventFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LiveEventFilterProxy(QObject *parent = nullptr);

    QString deviceFilter() const { return m_deviceId; }
    void setDeviceFilter(const QString &deviceId);

    std::optional<EngineEvent::Kind> kindFilter() const { return m_kind; }
    void setKindFilter(std::optional<EngineEvent::Kind> kind);

    QString textFilter() const { return m_text; }
    void setTextFilter(const QString &text);

    // The events of the rows that pass, in the proxy's (sorted) order: what an export writes.
    EngineEvents filteredEvents() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_deviceId;
    std::optional<EngineEvent::Kind> m_kind;
    QString m_text;
};

} // namespace TwinBridge
