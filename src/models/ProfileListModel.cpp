#include "models/ProfileListModel.h"

namespace TwinBridge {

int ProfileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 0;
}

QVariant ProfileListModel::data(const QModelIndex &, int) const
{
    return {};
}

} // namespace TwinBridge
