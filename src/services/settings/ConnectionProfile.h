#pragma once

#include "services/core/Result.h"
#include "services/settings/ProfileIssue.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace TwinBridge {

// Everything TwinBridge needs to reach one TTS application, one IoT hub and one Azure subscription —
// except the secrets (TTS API key, policy key, client secret, ingest key), which only the SecretStore
// holds under this profile's id. A plain value type; ProfileStore persists it.
class ConnectionProfile
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::ConnectionProfile)

public:
    static constexpr int defaultMqttTlsPort = 8883;

    struct Tts
    {
        QString apiBaseUrl;    // e.g. https://eu1.cloud.thethings.network/api/v3
        QString applicationId; // TTS application ID
        QString tenantId;      // empty for single-tenant deployments; "ttn" for The Things Network
        QString mqttHost;      // empty = the host of apiBaseUrl
        int mqttPort = defaultMqttTlsPort;
        bool mqttTls = true;

        bool operator==(const Tts &) const = default;
    };

    struct IotHub
    {
        QString hostName;     // {hub}.azure-devices.net; empty until the hub is deployed
        QString restEndpoint; // empty = https://{hostName}; the sandbox sets its own
        QString mqttHost;     // empty = hostName
        int mqttPort = defaultMqttTlsPort;
        QString policyName = QStringLiteral("iothubowner");

        bool operator==(const IotHub &) const = default;
    };

    struct Azure
    {
        QString authority = QStringLiteral("https://login.microsoftonline.com");
        QString managementEndpoint = QStringLiteral("https://management.azure.com");
        QString tenantId;       // GUID, domain, "organizations", "common" or "consumers"
        QString subscriptionId; // GUID
        QString clientId;       // GUID of the app registration used to sign in
        QString resourceGroup;  // where the profile's Azure side is deployed; empty until it is

        bool operator==(const Azure &) const = default;
    };

    struct Tls
    {
        QString caCertificateFile; // PEM file of an extra CA to trust (e.g. the sandbox's), empty = system CAs

        bool operator==(const Tls &) const = default;
    };

    QString id; // QUuid without braces
    QString name;
    Tts tts;
    IotHub iotHub;
    Azure azure;
    Tls tls;

    bool operator==(const ConnectionProfile &) const = default;

    // A profile with a fresh id and default endpoints.
    static ConnectionProfile create(const QString &name);
    static QString newId();
    static bool isValidId(const QString &id);

    // Every problem, each naming its field (ProfileField) with a sentence saying how to fix it.
    ProfileIssues validate() const;
    bool isValid() const { return validate().isEmpty(); }

    // The exported form: {"format": "twinbridge-profile/1", "id", "name", "tts": {…}, "iotHub": {…},
    // "azure": {…}, "tls": {…}}. Never contains a secret.
    QJsonObject toJson() const;
    // Parses the exported form strictly: a wrong or missing format marker, unknown fields (secrets above
    // all), wrong types and missing required fields are InvalidInput errors that name the field. A missing
    // id gets a fresh one. The result may still fail validate().
    static Result<ConnectionProfile> fromJson(const QJsonObject &json);
    static QString formatMarker();

    // Derived values the clients use.
    QString ttsMqttUsername() const; // "{app}@{tenant}" or "{app}" without a tenant
    QString effectiveTtsMqttHost() const;
    QString iotHubName() const; // the first label of the host name
    QUrl effectiveIotHubRestUrl() const;
    QString effectiveIotHubMqttHost() const;

    // Azure resource group name rule: 1 to 90 letters (any script), digits, '-', '_', '.', '(' or ')', not
    // ending in '.'.
    static bool isValidResourceGroupName(const QString &name);

    // TTS identifier rule (application, tenant and device IDs): ^[a-z0-9](?:[-]?[a-z0-9]){2,}$, at most 36.
    static bool isValidTtsId(const QString &id);
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::ConnectionProfile)
