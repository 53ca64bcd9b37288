#pragma once

#include "services/azure/ArmTypes.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace TwinBridge {

// The per-resource progress of one ARM deployment (AzureDeployer::operationChanged), one row per resource (its
// operations are merged by target resource, else by operation id): resource, type, state, duration and, on
// failure, Azure's status message. States are coloured (DecorationRole) and named in the tooltip.
class DeploymentOperationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ResourceColumn, TypeColumn, StateColumn, DurationColumn, MessageColumn, ColumnCount };
    enum Role {
        StateRole = Qt::UserRole + 1, // provisioningState as Azure names it ("Succeeded")
        ResourceIdRole,
    };

    explicit DeploymentOperationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds the operation's resource or updates its row.
    void update(const ArmDeploymentOperation &operation);
    void clear();

    ArmDeploymentOperation operation(int row) const { return m_rows.value(row); }
    // Rows in `state` (e.g. every resource that Succeeded: what a canceled deployment leaves behind).
    QStringList resourcesIn(const QString &state) const;
    bool allIn(const QString &state) const;

    // "iothub-x" / "evhubns-x/Events" — what the user knows the resource by.
    static QString resourceLabel(const ArmDeploymentOperation &operation);
    // "PT3.005S" → "3.0 s", "PT1M2S" → "62.0 s"; empty for an unparsable duration.
    static QString durationText(const QString &isoDuration);
    // The translated name of a provisioning state.
    static QString stateText(const QString &state);
    // The colour of a provisioning state: green, red, amber (running), grey (other).
    static QColor stateColor(const QString &state);

private:
    int rowOf(const ArmDeploymentOperation &operation) const;
    static QString keyOf(const ArmDeploymentOperation &operation);

    QList<ArmDeploymentOperation> m_rows;
};

} // namespace TwinBridge
