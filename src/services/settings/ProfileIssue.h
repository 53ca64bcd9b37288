#pragma once

#include <QList>
#include <QString>

namespace TwinBridge {

// Stable keys naming the fields of a ConnectionProfile: the JSON path in an exported profile and the key a
// ProfileIssue refers to, so the Connections page can show each problem next to its field.
namespace ProfileField {
inline constexpr QLatin1String Name{"name"};
inline constexpr QLatin1String TtsApiBaseUrl{"tts.apiBaseUrl"};
inline constexpr QLatin1String TtsApplicationId{"tts.applicationId"};
inline constexpr QLatin1String TtsTenantId{"tts.tenantId"};
inline constexpr QLatin1String TtsMqttHost{"tts.mqttHost"};
inline constexpr QLatin1String TtsMqttPort{"tts.mqttPort"};
inline constexpr QLatin1String TtsMqttTls{"tts.mqttTls"};
inline constexpr QLatin1String IotHubHostName{"iotHub.hostName"};
inline constexpr QLatin1String IotHubRestEndpoint{"iotHub.restEndpoint"};
inline constexpr QLatin1String IotHubMqttHost{"iotHub.mqttHost"};
inline constexpr QLatin1String IotHubMqttPort{"iotHub.mqttPort"};
inline constexpr QLatin1String IotHubPolicyName{"iotHub.policyName"};
inline constexpr QLatin1String AzureAuthority{"azure.authority"};
inline constexpr QLatin1String AzureManagementEndpoint{"azure.managementEndpoint"};
inline constexpr QLatin1String AzureTenantId{"azure.tenantId"};
inline constexpr QLatin1String AzureSubscriptionId{"azure.subscriptionId"};
inline constexpr QLatin1String AzureClientId{"azure.clientId"};
inline constexpr QLatin1String AzureResourceGroup{"azure.resourceGroup"};
inline constexpr QLatin1String TlsCaCertificateFile{"tls.caCertificateFile"};
} // namespace ProfileField

// One validation problem of a connection profile: which field (a ProfileField key) and a translated
// sentence that says what is wrong and how to fix it.
struct ProfileIssue
{
    QString field;
    QString message;

    bool operator==(const ProfileIssue &) const = default;
};

using ProfileIssues = QList<ProfileIssue>;

} // namespace TwinBridge
