#pragma once

#include "services/engine/EngineEvent.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QSet>
#include <QStringList>

#include <deque>
#include <optional>

namespace TwinBridge {

// The console's live feed: the engine's events (EngineHost::eventsReady batches) in a bounded table, oldest
// first. At most capacity() rows are kept; what falls off the front is counted in droppedCount() so the page can
// say "N older events dropped". A batch costs one beginInsertRows (and at most one beginRemoveRows at the front),
// so thousands of events per second never flood a view with per-row signals.
//
// Paused, the rows stay as they are: new events wait in a buffer of their own (bounded by the same capacity,
// counted by pendingCount()) and are appended in one batch on resume.
class LiveEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, DeviceColumn, KindColumn, SummaryColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value to sort on: sequence number, device id, kind, summary
        SequenceRole, // quint64: arrival order, unique, never reused (not even after clear())
        KindRole, // int: EngineEvent::Kind
        DeviceIdRole, // QString
        SearchTextRole, // QString: summary, device, kind names and the detail JSON, for text filters
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 10000;
    static constexpr int MinimumCapacity = 100;
    static constexpr int MaximumCapacity = 200000; // ≈2 KB per uplink event: ≈400 MB at most

    explicit LiveEventModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const EngineEvent &eventAt(int row) const { return m_rows.at(size_t(row)).event; }

    int capacity() const { return m_capacity; }
    // Clamped to [MinimumCapacity, MaximumCapacity]; a smaller capacity drops the oldest rows at once.
    void setCapacity(int capacity);

    // Older events removed to stay within the capacity since the last clear(), paused ones included.
    quint64 droppedCount() const { return m_dropped; }
    // Every event appended since the last clear(), shown or not.
    quint64 receivedCount() const { return m_received; }

    bool isPaused() const { return m_paused; }
    int pendingCount() const { return int(m_pending.size()); }

    // The device ids seen since the last clear(), sorted (for a completer).
    QStringList deviceIds() const;

    // The raw bytes of an uplink's frm_payload: the detail's "frmPayload" (the engine's name) or "frm_payload"
    // (TTS's), at the top or in a nested object such as "uplink_message"; nullopt when absent or not base64.
    static std::optional<QByteArray> framePayload(const EngineEvent &event);

public slots:
    void append(const TwinBridge::EngineEvents &events);
    void setPaused(bool paused);
    // Removes every row and every waiting event and resets the counters.
    void clear();

signals:
    void droppedCountChanged(quint64 dropped);
    void pendingCountChanged(int pending);
    void pausedChanged(bool paused);
    void deviceIdsChanged();

private:
    struct Row
    {
        EngineEvent event;
        quint64 sequence = 0;
        mutable QString searchText; // built on first use
    };

    void insertRows(std::deque<Row> &&rows);
    void dropFront(int count);
    void noteDevices(const EngineEvents &events);

    std::deque<Row> m_rows;
    std::deque<Row> m_pending;
    QSet<QString> m_deviceIds;
    int m_capacity = DefaultCapacity;
    quint64 m_nextSequence = 1;
    quint64 m_dropped = 0;
    quint64 m_received = 0;
    bool m_paused = false;
};

} // namespace TwinBridge
