#pragma once

#include "sandbox/arm/ArmResourceProvider.h"

namespace TwinBridge::Sandbox {

// Microsoft.EventHub (reference/azure-protocols.md §4.1, §5.3): namespaces (sku Basic/Standard/Premium; a
// new namespace gets the RootManageSharedAccessKey rule with Listen, Manage and Send, as in Azure),
// namespaces/eventhubs (partitionCount 1–32, default 4; messageRetentionInDays), authorization rules on the
// namespace and on an Event Hub (rights Listen, Send, Manage — Manage needs the other two; keys generated),
// and consumer groups. listKeys of a rule gives {primaryConnectionString, secondaryConnectionString,
// primaryKey, secondaryKey, keyName}, the connection strings
// "Endpoint=sb://{ns}.servicebus.windows.net/;SharedAccessKeyName={rule};SharedAccessKey={key}" plus
// ";EntityPath={eventhub}" for a rule of an Event Hub. The Event Hubs themselves are stood in for by the
// routers of the hubs that route to them (ArmHubWiring); this provider keeps their ARM side.
class EventHubProvider : public ArmResourceProvider
{
public:
    explicit EventHubProvider(ArmResourceStore *store);

    QString providerNamespace() const override { return QStringLiteral("Microsoft.EventHub"); }
    QList<ResourceType> resourceTypes() const override;
    std::chrono::milliseconds provisioningTime(const ArmResource &resource) const override;
    QList<CloudError> validate(const ArmResource &requested) const override;
    Result<ArmResource> apply(const ArmResource &requested, const ArmResource *existing) override;
    Result<QJsonValue> action(const ArmResource &resource, const QString &action) const override;
};

} // namespace TwinBridge::Sandbox
