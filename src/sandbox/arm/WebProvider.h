#pragma once

#include "sandbox/arm/ArmResourceProvider.h"

namespace TwinBridge::Sandbox {

// Microsoft.Web (reference/azure-protocols.md §5.3, tts-integration.md §2.5): serverfarms (the consumption
// plan), sites (kind functionapp; siteConfig.appSettings), sites/config "appsettings" and sites/functions (the
// function's bindings; its code files are accepted and dropped: the part-1 FunctionStandIn does what TTS's
// run.csx does). App settings are secrets here: GET never shows them; ArmHubWiring hands STACK_BASE_URL,
// STACK_APPLICATION_ID, STACK_API_KEY and the trigger's connection setting to the Function stand-in of the hub
// whose Event Hub the function's eventHubTrigger listens to.
class WebProvider : public ArmResourceProvider
{
public:
    explicit WebProvider(ArmResourceStore *store);

    QString providerNamespace() const override { return QStringLiteral("Microsoft.Web"); }
    QList<ResourceType> resourceTypes() const override;
    std::chrono::milliseconds provisioningTime(const ArmResource &resource) const override;
    QList<CloudError> validate(const ArmResource &requested) const override;
    Result<ArmResource> apply(const ArmResource &requested, const ArmResource *existing) override;
    Result<QJsonValue> action(const ArmResource &resource, const QString &action) const override;
    void remove(const ArmResource &resource) override;
};

} // namespace TwinBridge::Sandbox
