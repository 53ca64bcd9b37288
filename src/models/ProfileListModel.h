#pragma once

#include "services/settings/ProfileIssue.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QStringList>

namespace TwinBridge {

class ProfileStore;

// The connection profiles of a ProfileStore as a list (display: the name; bold: the profile in use;
// tool tip: what to fix). Follows the store's signals with the smallest insert/remove/dataChanged.
class ProfileListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        NameRole,                  // QString
        ValidRole,                 // bool: the profile passes ConnectionProfile::validate()
        IssuesRole,                // QStringList: the validation messages
        CurrentRole,               // bool: the profile is the one in use
    };
    Q_ENUM(Role)

    explicit ProfileListModel(ProfileStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString idAt(int row) const;
    int rowOf(const QString &id) const { return int(m_ids.indexOf(id)); }
    QModelIndex indexOf(const QString &id) const;

private:
    void onProfileAdded(const QString &id);
    void onProfileChanged(const QString &id);
    void onProfileRemoved(const QString &id);
    void onCurrentProfileChanged(const QString &id);
    void emitRowChanged(const QString &id, const QList<int> &roles);

    QPointer<ProfileStore> m_store;
    QStringList m_ids;
    QHash<QString, ProfileIssues> m_issues;
    QString m_currentId;
};

} // namespace TwinBridge
