#pragma once

#include "sandbox/arm/ArmHubWiring.h"
#include "sandbox/arm/ArmResourceProvider.h"

#include <QJsonObject>
#include <QPointer>

namespace TwinBridge::Sandbox {

class HubDirectory;
class RoutingDirectory;

// Microsoft.Devices/IotHubs (reference/azure-protocols.md §5.3, §4.1): a deployed hub is a real hub of the
// sandbox's HubDirectory (same MQTT and REST endpoints, chosen by its host name "{name}.azure-devices.net")
// with the template's SKU and units, its shared access policies (those of the template with keys generated
// where none are given, else IoT Hub's default five: iothubowner, service, device, registryRead,
// registryReadWrite) and its routing applied through ArmHubWiring (Event Hub endpoints, routes, fallback
// route, the Function stand-in). Checks as IoT Hub does: the name pattern and global uniqueness, SKU
// (F1, S1–S3, B1–B3) and units, one Free hub per subscription (code 400019), policies and rights, routing
// (names, sources, conditions, endpoints, the SKU's limits), minTlsVersion "1.2". listkeys gives the policies
// with their keys; a GET shows neither keys nor the endpoints' keys. Deleting the resource removes the hub.
class IotHubProvider : public ArmResourceProvider
{
public:
    IotHubProvider(ArmResourceStore *store, HubDirectory *hubs, RoutingDirectory *routing);

    QString providerNamespace() const override { return QStringLiteral("Microsoft.Devices"); }
    QList<ResourceType> resourceTypes() const override;
    std::chrono::milliseconds provisioningTime(const ArmResource &resource) const override;
    QList<CloudError> validate(const ArmResource &requested) const override;
    Result<ArmResource> apply(const ArmResource &requested, const ArmResource *existing) override;
    QJsonObject read(const ArmResource &resource) const override;
    Result<QJsonValue> action(const ArmResource &resource, const QString &action) const override;
    void remove(const ArmResource &resource) override;
    void resourcesChanged() override;

    // POST /subscriptions/{id}/providers/Microsoft.Devices/checkNameAvailability: {nameAvailable, reason, message}.
    QJsonObject nameAvailability(const QString &name) const;
    // GET /subscriptions/{id}/providers/Microsoft.Devices/IotHubs (IotHubResource_ListBySubscription): every hub
    // of the subscription in all its resource groups, as a GET of each shows it, {"value":[…]}.
    QJsonObject listBySubscription(const QString &subscriptionId) const;
    ArmHubWiring &wiring() { return m_wiring; }

    static bool isValidName(const QString &name);

private:
    QList<CloudError> checkPolicies(const QJsonValue &policies) const;

    QPointer<HubDirectory> m_hubs;
    ArmHubWiring m_wiring;
};

} // namespace TwinBridge::Sandbox
