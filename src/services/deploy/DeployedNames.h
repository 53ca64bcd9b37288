#pragma once

#include "services/deploy/DeploymentPlan.h"
#include "services/settings/ConnectionProfile.h"

#include <QString>

namespace TwinBridge {

// Where a profile's Azure side was deployed, as the profile records it: azure.resourceGroup and the name suffix
// of its hub (iotHub.hostName "iothub-{suffix}.azure-devices.net"). An update or uninstall works on those
// rather than on the defaults a new plan derives from the profile id.
namespace DeployedNames {

// The suffix of a host name the template gave its hub; empty for any other host.
inline QString suffixOf(const QString &hostName)
{
    const QString hub = hostName.section(QLatin1Char('.'), 0, 0);
    const QString prefix = QStringLiteral("iothub-");
    return hub.startsWith(prefix) && hub.size() > prefix.size() ? hub.mid(prefix.size()) : QString();
}

// Sets the plan's resource group and name suffix from the profile where it records them.
inline void adopt(DeploymentPlan &plan, const ConnectionProfile &profile)
{
    if (!profile.azure.resourceGroup.isEmpty())
        plan.resourceGroup = profile.azure.resourceGroup;
    if (const QString suffix = suffixOf(profile.iotHub.hostName); !suffix.isEmpty())
        plan.nameSuffix = suffix;
}

} // namespace DeployedNames

} // namespace TwinBridge
