#include "sandbox/arm/ArmResourceStore.h"

#include <algorithm>

namespace TwinBridge::Sandbox {

const ArmResource *ArmResourceStore::find(const QString &id) const
{
    const auto it = m_resources.constFind(id.toLower());
    return it == m_resources.constEnd() ? nullptr : &it.value();
}

ArmResource *ArmResourceStore::find(const QString &id)
{
    const auto it = m_resources.find(id.toLower());
    return it == m_resources.end() ? nullptr : &it.value();
}

const ArmResource *ArmResourceStore::find(const QString &subscriptionId, const QString &resourceGroup,
                                          const QString &type, const QString &name) const
{
    return find(ArmResource::makeId(subscriptionId, resourceGroup, type, name));
}

void ArmResourceStore::put(const ArmResource &resource)
{
    m_resources.insert(resource.id.toLower(), resource);
}

QList<ArmResource> ArmResourceStore::remove(const QString &id)
{
    QList<ArmResource> removed = descendants(id);
    // Deepest first, so that providers tear down children before their parents.
    std::sort(removed.begin(), removed.end(), [](const ArmResource &a, const ArmResource &b) {
        return a.id.count(QLatin1Char('/')) > b.id.count(QLatin1Char('/'));
    });
    for (const ArmResource &child : std::as_const(removed))
        m_resources.remove(child.id.toLower());
    if (const ArmResource *self = find(id)) {
        removed.append(*self);
        m_resources.remove(id.toLower());
    }
    return removed;
}

QList<ArmResource> ArmResourceStore::all() const
{
    return m_resources.values();
}

QList<ArmResource> ArmResourceStore::ofType(const QString &type) const
{
    QList<ArmResource> result;
    for (const ArmResource &resource : m_resources) {
        if (resource.type.compare(type, Qt::CaseInsensitive) == 0)
            result.append(resource);
    }
    return result;
}

QList<ArmResource> ArmResourceStore::inResourceGroup(const QString &subscriptionId, const QString &resourceGroup) const
{
    QList<ArmResource> result;
    for (const ArmResource &resource : m_resources) {
        if (resource.subscriptionId.compare(subscriptionId, Qt::CaseInsensitive) == 0 &&
            resource.resourceGroup.compare(resourceGroup, Qt::CaseInsensitive) == 0)
            result.append(resource);
    }
    return result;
}

QList<ArmResource> ArmResourceStore::descendants(const QString &id) const
{
    const QString prefix = id.toLower() + QLatin1Char('/');
    QList<ArmResource> result;
    for (auto it = m_resources.constBegin(); it != m_resources.constEnd(); ++it) {
        if (it.key().startsWith(prefix))
            result.append(it.value());
    }
    return result;
}

QJsonArray ArmResourceStore::toState() const
{
    QJsonArray array;
    for (const ArmResource &resource : m_resources)
        array.append(resource.toState());
    return array;
}

void ArmResourceStore::restore(const QJsonArray &state)
{
    m_resources.clear();
    for (const QJsonValue &value : state) {
        if (auto resource = ArmResource::fromState(value.toObject()))
            put(*resource);
    }
}

} // namespace TwinBridge::Sandbox
