#pragma once

#include <QAbstractListModel>

namespace TwinBridge {

class ProfileListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
};

} // namespace TwinBridge
