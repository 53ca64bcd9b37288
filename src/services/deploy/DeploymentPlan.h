#pragma once

#include "services/azure/ArmTypes.h"
#include "services/core/Result.h"
#include "services/iothub/HubThrottle.h"
#include "services/settings/ProfileIssue.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace TwinBridge {

// Stable keys naming the fields of a DeploymentPlan in its validation issues (and the console's wizard fields).
namespace DeploymentField {
inline constexpr QLatin1String SubscriptionId {"subscriptionId"};
inline constexpr QLatin1String ResourceGroup {"resourceGroup"};
inline constexpr QLatin1String Location {"location"};
inline constexpr QLatin1String DeploymentName {"deploymentName"};
inline constexpr QLatin1String NameSuffix {"nameSuffix"};
inline constexpr QLatin1String StackBaseUrl {"stackBaseUrl"};
inline constexpr QLatin1String ApplicationId {"applicationId"};
inline constexpr QLatin1String StackApiKey {"stackApiKey"};
inline constexpr QLatin1String HubSku {"hubSku"};
inline constexpr QLatin1String HubUnits {"hubUnits"};
inline constexpr QLatin1String EventHubSku {"eventHubSku"};
inline constexpr QLatin1String StorageSku {"storageSku"};
} // namespace DeploymentField

// Everything one deployment of resources/azure/main.json needs, as a value: where (subscription, resource group,
// region, deployment name), the resource names' suffix, where the Function posts events (TTS's API address or
// the engine's ingest URL, the application, the key it presents) and the tiers. validate() names each bad field
// before anything is sent; request() is the ARM deployment request with the template compiled into the program.
// stackApiKey is a secret: nothing here logs or quotes it.
class DeploymentPlan
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::DeploymentPlan)

public:
    QString subscriptionId;
    QString resourceGroup;
    QString location; // "westeurope"
    QString deploymentName = defaultDeploymentName();
    QString nameSuffix; // required: resource names are iothub-{suffix}, evhubns-{suffix}, fn-{suffix}, …
    QString stackBaseUrl; // …/api/v3
    QString applicationId; // the TTS application ID
    QString stackApiKey; // secret: TTS API key, or the engine's ingest key
    HubSku hubSku = HubSku::S1;
    int hubUnits = 1;
    QString eventHubSku = QStringLiteral("Standard");
    QString storageSku = QStringLiteral("Standard_LRS");
    bool fallbackRoute = true;

    bool operator==(const DeploymentPlan &) const = default;

    // "iothub-{suffix}" and its host name "iothub-{suffix}.azure-devices.net".
    QString hubName() const;
    // The template's shared access policy: "twinbridge".
    static QString policyName();
    static QString defaultDeploymentName(); // "twinbridge"
    // A stable suffix for a profile: its id lower-cased, without hyphens or braces, first 8 characters.
    static QString defaultNameSuffix(const QString &profileId);
    // The tiers the template allows.
    static QStringList hubSkus(); // F1, S1, S2, S3
    static QStringList eventHubSkus(); // Basic, Standard, Premium
    static QStringList storageSkus(); // Standard_LRS, Standard_GRS, Standard_ZRS, Standard_RAGRS

    // Every problem, each naming its field (DeploymentField) with a sentence saying how to fix it.
    ProfileIssues validate() const;
    // validate() as one InvalidInput error (code invalidPlanCode()) listing every issue; ok when none.
    Status check() const;
    static QString invalidPlanCode();

    // The deployment request: the embedded template in Incremental mode with every parameter set.
    ArmDeploymentRequest request() const;

    // resources/azure/main.json as compiled into the program, as text and parsed.
    static QByteArray embeddedTemplateText();
    static QJsonObject embeddedTemplate();
};

} // namespace TwinBridge
