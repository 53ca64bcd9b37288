#pragma once

#include "models/DeviceMirrorRow.h"
#include "services/engine/EngineEvent.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

namespace TwinBridge {

struct DeviceTwin;
struct MirrorSnapshot;
struct TtsEndDevice;

// The device mirror: one row per device id, merging TTS end devices and IoT Hub identities (issue 7 "Devices").
// Loads are applied incrementally — rows whose values changed emit dataChanged for themselves only, devices gone
// from both sides are removed, new ones appended in one block — and a side that failed to load keeps what it
// had. Engine events update the bridge's columns live. Qt::UserRole (RawRole) gives each cell's raw value for
// sorting (dates as milliseconds since the epoch, missing = -1; numbers as numbers).
class DeviceMirrorModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        DeviceIdColumn,
        DevEuiColumn,
        JoinEuiColumn,
        TtsLastSeenColumn,
        HubStatusColumn,
        ConnectionStateColumn,
        LastActivityColumn,
        TwinVersionColumn,
        LastUplinkColumn,
        LastErrorColumn,
        SyncStateColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RawRole = Qt::UserRole, // the cell's raw value (sorting)
        SyncStateRole, // int(DeviceMirrorRow::SyncState) of the row
        DeviceIdRole, // QString
    };
    Q_ENUM(Role)

    using StateCounts = std::array<int, DeviceMirrorRow::SyncStateCount>;

    explicit DeviceMirrorModel(QObject *parent = nullptr);
    ~DeviceMirrorModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Applies a load: the sides it has replace what the model knew of them.
    void applySnapshot(const MirrorSnapshot &snapshot);
    void setTtsDevices(const QList<TtsEndDevice> &devices);
    void setHubTwins(const QList<DeviceTwin> &twins);
    void clear();

    // Live updates: last uplink and activity, identities the engine created, last errors.
    void applyEngineEvents(const EngineEvents &events);
    // Marks rows as being created by a bulk action (or not any more).
    void setPending(const QStringList &deviceIds, bool pending);
    // The hub's side of one device after an action: present with `status`, or absent.
    void setHubPresence(const QString &deviceId, bool present,
                        DeviceIdentity::Status status = DeviceIdentity::Status::Enabled, const QString &devEui = {},
                        const QString &joinEui = {});
    // The TTS side of one device after an action.
    void setTtsPresence(const QString &deviceId, bool present, const QString &devEui = {}, const QString &joinEui = {});
    void setLastError(const QString &deviceId, const QString &error);

    const DeviceMirrorRow &rowAt(int row) const { return m_rows.at(row); }
    const QList<DeviceMirrorRow> &rows() const { return m_rows; }
    int rowOf(const QString &deviceId) const { return m_index.value(deviceId, -1); }
    StateCounts stateCounts() const { return m_counts; }

    // The raw value of a cell, and how two rows compare on a column (what sorting uses, without QVariants).
    static QVariant rawValue(const DeviceMirrorRow &row, int column);
    static int compare(const DeviceMirrorRow &left, const DeviceMirrorRow &right, int column);
    // The text a cell shows.
    static QString displayText(const DeviceMirrorRow &row, int column);
    static QString columnName(int column);
    // The mark shown next to a sync state (Qt::DecorationRole of the sync state column).
    static QColor syncStateColor(DeviceMirrorRow::SyncState state);
    // Stable column keys for export: "name", "deviceId", …
    static QString columnKey(int column);

signals:
    void stateCountsChanged();

private:
    void merge(const QList<TtsEndDevice> *tts, const QList<DeviceTwin> *hub);
    void updateRow(int row, const DeviceMirrorRow &updated);
    void emitChangedRanges(const QList<int> &rows, int firstColumn, int lastColumn);
    void removeRowsAt(QList<int> rows);
    void rebuildIndex();
    void recount();

    QList<DeviceMirrorRow> m_rows;
    QHash<QString, int> m_index;
    StateCounts m_counts {};
};

} // namespace TwinBridge
