#pragma once

#include "sandbox/arm/ArmResourceProvider.h"

namespace TwinBridge::Sandbox {

// Microsoft.Storage/storageAccounts (reference/azure-protocols.md §5.3): names of 3–24 lower-case letters and
// digits, unique across the sandbox (AccountNameInvalid, StorageAccountAlreadyTaken as Azure answers), the
// SKUs and kinds Azure knows; two generated keys that listKeys returns as
// {"keys":[{"keyName":"key1","value":"…","permissions":"FULL"},…]}; the primary endpoints in its properties.
// No blob or file service stands behind it: the Function stand-in needs none.
class StorageProvider : public ArmResourceProvider
{
public:
    explicit StorageProvider(ArmResourceStore *store);

    QString providerNamespace() const override { return QStringLiteral("Microsoft.Storage"); }
    QList<ResourceType> resourceTypes() const override;
    std::chrono::milliseconds provisioningTime(const ArmResource &resource) const override;
    QList<CloudError> validate(const ArmResource &requested) const override;
    Result<ArmResource> apply(const ArmResource &requested, const ArmResource *existing) override;
    Result<QJsonValue> action(const ArmResource &resource, const QString &action) const override;
};

} // namespace TwinBridge::Sandbox
