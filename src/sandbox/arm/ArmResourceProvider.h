#pragma once

#include "sandbox/arm/ArmResource.h"
#include "services/azure/CloudError.h"
#include "services/core/Result.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>

namespace TwinBridge::Sandbox {

class ArmResourceStore;

// One resource provider of the ARM stand-in (Microsoft.Devices, Microsoft.EventHub, …): it knows its resource
// types and API versions, checks a requested resource before deployment (validate: the problems, each a
// CloudError with ARM's code and the resource as target), creates or updates it when the deployment reaches
// it (apply, after provisioningTime() of simulated time), reads it for GET and reference(), answers its
// POST actions (listKeys …) and tears it down when it or its resource group is deleted.
// Values a template only knows while deploying (reference()/listKeys() of resources it creates) are still
// their "[…]" expression text during validate(); providers skip checks that need them.
class ArmResourceProvider
{
public:
    struct ResourceType
    {
        QString name; // "IotHubs", "namespaces/eventhubs"
        QStringList apiVersions; // newest first
        bool needsLocation = true;
    };

    explicit ArmResourceProvider(ArmResourceStore *store);
    virtual ~ArmResourceProvider();
    Q_DISABLE_COPY_MOVE(ArmResourceProvider)

    virtual QString providerNamespace() const = 0;
    virtual QList<ResourceType> resourceTypes() const = 0;
    // The entry for a full type ("Microsoft.EventHub/namespaces/eventhubs"), or nullopt.
    std::optional<ResourceType> resourceType(const QString &fullType) const;

    // How long creating or updating takes in simulated time (before the stand-in's speed factor).
    virtual std::chrono::milliseconds provisioningTime(const ArmResource &resource) const;

    virtual QList<CloudError> validate(const ArmResource &requested) const = 0;
    // Creates or updates; `existing` is the stored resource (nullptr for a new one). The result is stored.
    virtual Result<ArmResource> apply(const ArmResource &requested, const ArmResource *existing) = 0;
    // GET and reference(…, 'Full'); default: the resource as stored.
    virtual QJsonObject read(const ArmResource &resource) const;
    // POST {id}/{action} (e.g. listKeys); default: no such action.
    virtual Result<QJsonValue> action(const ArmResource &resource, const QString &action) const;
    // The resource (or its resource group) is being deleted; the store drops it afterwards.
    virtual void remove(const ArmResource &resource);
    // Some resource of the store was created, changed or deleted (cross-resource wiring).
    virtual void resourcesChanged();

    // 32 random bytes as base64 — the shape of Azure's SAS keys.
    static QString randomKey(int bytes = 32);
    static CloudError problem(const QString &code, const QString &message, const QString &target = {});

protected:
    ArmResourceStore *store() const { return m_store; }
    // Another resource of the same type and name in another resource group (names that are global: hubs,
    // namespaces, storage accounts, sites).
    const ArmResource *sameNameElsewhere(const ArmResource &resource) const;

private:
    ArmResourceStore *m_store;
};

} // namespace TwinBridge::Sandbox
