#pragma once

#include "sandbox/arm/ArmResourceProvider.h"

namespace TwinBridge::Sandbox {

// Microsoft.Insights/components (tts-integration.md §2.3): an Application Insights resource whose
// InstrumentationKey and ConnectionString a template reads with reference() for the function app's settings.
// Nothing collects telemetry behind it.
class InsightsProvider : public ArmResourceProvider
{
public:
    explicit InsightsProvider(ArmResourceStore *store);

    QString providerNamespace() const override { return QStringLiteral("Microsoft.Insights"); }
    QList<ResourceType> resourceTypes() const override;
    std::chrono::milliseconds provisioningTime(const ArmResource &resource) const override;
    QList<CloudError> validate(const ArmResource &requested) const override;
    Result<ArmResource> apply(const ArmResource &requested, const ArmResource *existing) override;
};

} // namespace TwinBridge::Sandbox
