#include "models/DeploymentOperationModel.h"

#include <QColor>
#include <QRegularExpression>

namespace TwinBridge {

DeploymentOperationModel::DeploymentOperationModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int DeploymentOperationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeploymentOperationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentOperationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArmDeploymentOperation &operation = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ResourceColumn:
            return resourceLabel(operation);
        case TypeColumn:
            return operation.targetResource.resourceType;
        case StateColumn:
            return stateText(operation.provisioningState);
        case DurationColumn:
            return durationText(operation.duration);
        case MessageColumn:
            if (operation.provisioningState != QLatin1String("Failed"))
                return QString();
            if (operation.error)
                return operation.error->innermost().message;
            return operation.statusMessage;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return stateColor(operation.provisioningState);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn && operation.error)
            return operation.error->flatten().join(QLatin1Char('\n'));
        if (index.column() == ResourceColumn)
            return operation.targetResource.id;
        return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case StateRole:
        return operation.provisioningState;
    case ResourceIdRole:
        return operation.targetResource.id;
    default:
        return {};
    }
}

QVariant DeploymentOperationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ResourceColumn:
        return tr("Resource");
    case TypeColumn:
        return tr("Type");
    case StateColumn:
        return tr("State");
    case DurationColumn:
        return tr("Duration");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

void DeploymentOperationModel::update(const ArmDeploymentOperation &operation)
{
    const int row = rowOf(operation);
    if (row < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(operation);
        endInsertRows();
        return;
    }
    m_rows[row] = operation;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DeploymentOperationModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QStringList DeploymentOperationModel::resourcesIn(const QString &state) const
{
    QStringList resources;
    for (const ArmDeploymentOperation &operation : m_rows) {
        if (operation.provisioningState == state)
            resources.append(resourceLabel(operation));
    }
    return resources;
}

bool DeploymentOperationModel::allIn(const QString &state) const
{
    if (m_rows.isEmpty())
        return false;
    for (const ArmDeploymentOperation &operation : m_rows) {
        if (operation.provisioningState != state)
            return false;
    }
    return true;
}

QString DeploymentOperationModel::resourceLabel(const ArmDeploymentOperation &operation)
{
    const ArmTargetResource &target = operation.targetResource;
    if (!target.resourceName.isEmpty())
        return target.resourceName;
    if (!target.id.isEmpty())
        return target.id.section(QLatin1Char('/'), -1);
    return operation.provisioningOperation;
}

QString DeploymentOperationModel::durationText(const QString &isoDuration)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$)"));
    const QRegularExpressionMatch match = pattern.match(isoDuration);
    if (isoDuration.isEmpty() || !match.hasMatch())
        return {};
    const double seconds = match.captured(1).toDouble() * 86400 + match.captured(2).toDouble() * 3600 +
        match.captured(3).toDouble() * 60 + match.captured(4).toDouble();
    return tr("%1 s").arg(seconds, 0, 'f', 1);
}

QString DeploymentOperationModel::stateText(const QString &state)
{
    if (state == QLatin1String("Succeeded"))
        return tr("Succeeded");
    if (state == QLatin1String("Failed"))
        return tr("Failed");
    if (state == QLatin1String("Canceled"))
        return tr("Canceled");
    if (state == QLatin1String("Running"))
        return tr("Running");
    if (state == QLatin1String("Accepted"))
        return tr("Accepted");
    return state;
}

QColor DeploymentOperationModel::stateColor(const QString &state)
{
    if (state == QLatin1String("Succeeded"))
        return QColor(0x2e, 0x9e, 0x4f);
    if (state == QLatin1String("Failed"))
        return QColor(0xd0, 0x3b, 0x3b);
    if (state == QLatin1String("Running") || state == QLatin1String("Accepted"))
        return QColor(0xe0, 0x9b, 0x1a);
    return QColor(0x8a, 0x8a, 0x8a);
}

QString DeploymentOperationModel::keyOf(const ArmDeploymentOperation &operation)
{
    if (!operation.targetResource.id.isEmpty())
        return operation.targetResource.id.toLower();
    return operation.operationId;
}

int DeploymentOperationModel::rowOf(const ArmDeploymentOperation &operation) const
{
    const QString key = keyOf(operation);
    for (int row = 0; row < m_rows.size(); ++row) {
        if (keyOf(m_rows.at(row)) == key)
            return row;
    }
    return -1;
}

} // namespace TwinBridge
