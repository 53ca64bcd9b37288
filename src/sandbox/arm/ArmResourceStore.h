#pragma once

#include "sandbox/arm/ArmResource.h"

#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QString>

namespace TwinBridge::Sandbox {

// Every resource of the ARM stand-in by id (ids compare without regard to case, as in ARM). Providers look
// up related resources here (the namespace of an Event Hub, the site of a function); the stand-in saves it
// with its state.
class ArmResourceStore
{
public:
    const ArmResource *find(const QString &id) const;
    ArmResource *find(const QString &id);
    // A resource by full type and full name in a resource group.
    const ArmResource *find(const QString &subscriptionId, const QString &resourceGroup, const QString &type,
                            const QString &name) const;
    void put(const ArmResource &resource);
    // Removes the resource and every child below it; returns what was removed, children first.
    QList<ArmResource> remove(const QString &id);

    QList<ArmResource> all() const;
    QList<ArmResource> ofType(const QString &type) const;
    QList<ArmResource> inResourceGroup(const QString &subscriptionId, const QString &resourceGroup) const;
    // Direct and indirect children (ids below `id`).
    QList<ArmResource> descendants(const QString &id) const;
    int size() const { return int(m_resources.size()); }
    void clear() { m_resources.clear(); }

    QJsonArray toState() const;
    void restore(const QJsonArray &state);

private:
    QMap<QString, ArmResource> m_resources; // by lower-case id
};

} // namespace TwinBridge::Sandbox
