#include "models/ProfileListModel.h"

#include "services/settings/ProfileStore.h"

#include <QFont>

namespace TwinBridge {

ProfileListModel::ProfileListModel(ProfileStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    Q_ASSERT(store);
    m_ids = store->ids();
    for (const QString &id : std::as_const(m_ids))
        m_issues.insert(id, store->profile(id).value_or(ConnectionProfile()).validate());
    m_currentId = store->currentProfileId();
    connect(store, &ProfileStore::profileAdded, this, &ProfileListModel::onProfileAdded);
    connect(store, &ProfileStore::profileChanged, this, &ProfileListModel::onProfileChanged);
    connect(store, &ProfileStore::profileRemoved, this, &ProfileListModel::onProfileRemoved);
    connect(store, &ProfileStore::currentProfileChanged, this, &ProfileListModel::onCurrentProfileChanged);
}

int ProfileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QVariant ProfileListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_store)
        return {};
    const QString &id = m_ids.at(index.row());
    const ProfileIssues issues = m_issues.value(id);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case NameRole: {
        const QString name = m_store->profile(id).value_or(ConnectionProfile()).name;
        if (role == Qt::DisplayRole && name.trimmed().isEmpty())
            return tr("(unnamed profile)");
        return name;
    }
    case IdRole:
        return id;
    case ValidRole:
        return issues.isEmpty();
    case IssuesRole: {
        QStringList messages;
        for (const ProfileIssue &issue : issues)
            messages.append(issue.message);
        return messages;
    }
    case CurrentRole:
        return id == m_currentId;
    case Qt::ToolTipRole: {
        QStringList lines;
        if (id == m_currentId)
            lines.append(tr("This is the profile in use."));
        if (!issues.isEmpty()) {
            lines.append(tr("This profile needs fixing before it can be used:"));
            for (const ProfileIssue &issue : issues)
                lines.append(QStringLiteral("• ") + issue.message);
        }
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    case Qt::FontRole:
        if (id == m_currentId) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QHash<int, QByteArray> ProfileListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "profileId");
    names.insert(NameRole, "name");
    names.insert(ValidRole, "valid");
    names.insert(IssuesRole, "issues");
    names.insert(CurrentRole, "current");
    return names;
}

QString ProfileListModel::idAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString();
}

QModelIndex ProfileListModel::indexOf(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row);
}

void ProfileListModel::onProfileAdded(const QString &id)
{
    if (m_ids.contains(id))
        return;
    int row = m_store->indexOf(id);
    if (row < 0 || row > m_ids.size())
        row = int(m_ids.size());
    beginInsertRows({}, row, row);
    m_ids.insert(row, id);
    m_issues.insert(id, m_store->profile(id).value_or(ConnectionProfile()).validate());
    endInsertRows();
}

void ProfileListModel::onProfileChanged(const QString &id)
{
    if (!m_ids.contains(id))
        return;
    m_issues.insert(id, m_store->profile(id).value_or(ConnectionProfile()).validate());
    emitRowChanged(id, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole, NameRole, ValidRole, IssuesRole});
}

void ProfileListModel::onProfileRemoved(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    m_issues.remove(id);
    endRemoveRows();
}

void ProfileListModel::onCurrentProfileChanged(const QString &id)
{
    if (id == m_currentId)
        return;
    const QString previous = m_currentId;
    m_currentId = id;
    const QList<int> roles{CurrentRole, Qt::FontRole, Qt::ToolTipRole};
    emitRowChanged(previous, roles);
    emitRowChanged(id, roles);
}

void ProfileListModel::emitRowChanged(const QString &id, const QList<int> &roles)
{
    const QModelIndex changed = indexOf(id);
    if (changed.isValid())
        emit dataChanged(changed, changed, roles);
}

} // namespace TwinBridge
