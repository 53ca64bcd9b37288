#pragma once

#include "services/engine/EngineEvent.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace TwinBridge {

// The Bridge page's per-device error table: one row per device the engine reported an error for (EngineEvent
// Kind::Error with a device id): how many errors, the last one's sentence and time, and whether the device has
// recovered since (a later event of the same device that says something got through). Rows are kept until
// clear(); at most maxDevices() devices (the least recently failing leave first).
class DeviceErrorModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DeviceColumn, StateColumn, ErrorCountColumn, LastErrorAtColumn, LastErrorColumn, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole; // sortable raw values (QString, int, QDateTime, bool)

    struct Row
    {
        QString deviceId;
        int errors = 0;
        QString lastError;
        QDateTime lastErrorAt; // UTC
        QDateTime recoveredAt; // UTC; invalid while failing
        bool isFailing() const { return !recoveredAt.isValid(); }
    };

    explicit DeviceErrorModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void addEvents(const EngineEvents &events);
    void clear();

    int rowOf(const QString &deviceId) const { return m_rows.value(deviceId, -1); }
    const Row &row(int row) const { return m_data.at(row); }
    int failingCount() const;

    int maxDevices() const { return m_maxDevices; }
    void setMaxDevices(int maxDevices);

private:
    static bool meansRecovered(EngineEvent::Kind kind);
    void trim();
    void reindex(int from);

    QList<Row> m_data;
    QHash<QString, int> m_rows; // device id → row
    int m_maxDevices = 10000;
};

} // namespace TwinBridge
