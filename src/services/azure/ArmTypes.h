#pragma once

#include "services/azure/CloudError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// The value types of the Azure Resource Manager client (azure-protocols.md §5.2/§5.3), kept together like
// HttpRequest/HttpResponse: each parses itself from ARM's JSON and returns nullopt when a required member is
// missing, so the client can report a malformed answer instead of showing empty fields.
namespace TwinBridge {

struct ArmSubscription
{
    QString id; // "/subscriptions/{subscriptionId}"
    QString subscriptionId;
    QString displayName;
    QString tenantId;
    QString state; // Enabled | Warned | PastDue | Disabled | Deleted

    bool isUsable() const { return state == QLatin1String("Enabled") || state == QLatin1String("Warned"); }
    static std::optional<ArmSubscription> fromJson(const QJsonObject &object);
};

struct ArmLocation
{
    QString name; // "westeurope"
    QString displayName; // "West Europe"
    QString regionalDisplayName;
    QString type; // "Region" | "EdgeZone"
    QString regionType; // metadata.regionType: "Physical" | "Logical"
    QString regionCategory;
    QString geography;
    QStringList pairedRegions;

    // A region one can deploy resources to (not a logical "global"-style entry).
    bool isPhysicalRegion() const;
    static std::optional<ArmLocation> fromJson(const QJsonObject &object);
};

struct ArmProvider
{
    QString providerNamespace;
    QString registrationState; // Registered | NotRegistered | Registering | Unregistering

    bool isRegistered() const { return registrationState == QLatin1String("Registered"); }
    static std::optional<ArmProvider> fromJson(const QJsonObject &object);
};

struct NameAvailability
{
    bool nameAvailable = false;
    QString reason; // Invalid | AlreadyExists
    QString message;

    static std::optional<NameAvailability> fromJson(const QJsonObject &object);
};

struct ArmResourceGroup
{
    QString id;
    QString name;
    QString location;
    QString provisioningState;
    QMap<QString, QString> tags;

    static std::optional<ArmResourceGroup> fromJson(const QJsonObject &object);
};

// One IoT hub of a subscription, as IoT Hub's list by subscription (GET …/providers/Microsoft.Devices/IotHubs)
// gives it: {"id","name","location","sku":{"name","tier","capacity"},"properties":{…}}.
struct ArmIotHub
{
    QString id; // "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{name}"
    QString name;
    QString resourceGroup; // parsed from id
    QString location;
    QString skuName; // "F1", "S1", …
    int capacity = 0;

    bool isFree() const { return skuName.compare(QLatin1String("F1"), Qt::CaseInsensitive) == 0; }
    static std::optional<ArmIotHub> fromJson(const QJsonObject &object);
};

// What a deployment PUT / validate / what-if sends: {"properties":{"mode","template","parameters"}}.
struct ArmDeploymentRequest
{
    QJsonObject templateContent;
    // Parameter name → value; sent as {"name":{"value":…}}. Values may be secrets (secureString): the client
    // never logs request bodies.
    QJsonObject parameterValues;
    QString mode = QStringLiteral("Incremental");
    QMap<QString, QString> tags;

    QJsonObject toJson() const;
};

struct ArmDeployment
{
    QString id;
    QString name;
    QString provisioningState; // Accepted, Running, …, Succeeded | Failed | Canceled
    QJsonObject outputs; // name → {"type","value"}
    // The parameters as Azure shows them: name → {"type","value"}; a securestring has no value.
    QJsonObject parameters;
    QStringList outputResources;
    std::optional<CloudError> error;
    QDateTime timestamp;
    QString duration; // ISO 8601 duration, e.g. "PT22.8356799S"
    QString correlationId;

    bool isTerminal() const;
    bool succeeded() const { return provisioningState == QLatin1String("Succeeded"); }
    // outputs.<name>.value (Null when there is no such output).
    QJsonValue outputValue(const QString &outputName) const;
    // parameters.<name>.value (Null when absent, e.g. a securestring).
    QJsonValue parameterValue(const QString &parameterName) const;
    static bool isTerminalState(const QString &provisioningState);
    static std::optional<ArmDeployment> fromJson(const QJsonObject &object);
};

struct ArmDeploymentValidation
{
    QString provisioningState;
    QStringList validatedResources;
    struct Diagnostic
    {
        QString level; // Warning | Info | Error
        QString code;
        QString message;
    };
    QList<Diagnostic> diagnostics;

    static std::optional<ArmDeploymentValidation> fromJson(const QJsonObject &object);
};

struct ArmTargetResource
{
    QString id;
    QString resourceType;
    QString resourceName;
};

struct ArmDeploymentOperation
{
    QString operationId;
    QString provisioningState;
    QString provisioningOperation; // Create | Read | Action | EvaluateDeploymentOutput | …
    QDateTime timestamp;
    QString duration;
    QString statusCode; // e.g. "OK", "Conflict"
    QString statusMessage; // the error message (or status) Azure reports for this resource
    std::optional<CloudError> error;
    ArmTargetResource targetResource;

    bool isTerminal() const { return ArmDeployment::isTerminalState(provisioningState); }
    static std::optional<ArmDeploymentOperation> fromJson(const QJsonObject &object);
};

struct WhatIfChange
{
    QString resourceId;
    QString changeType; // Create | Delete | Ignore | Deploy | NoChange | Modify | Unsupported
    QJsonArray delta; // [{"path","propertyChangeType","before","after","children"}]
    QJsonObject before;
    QJsonObject after;

    static std::optional<WhatIfChange> fromJson(const QJsonObject &object);
};

// One shared access policy of an IoT hub, as listkeys returns it. primaryKey / secondaryKey are secrets: there
// is no QDebug operator, and they go straight to the keychain.
struct IotHubAccessKey
{
    QString keyName;
    QString primaryKey;
    QString secondaryKey;
    QString rights; // "RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect" (§2.4)

    bool hasRight(const QString &right) const;
    static std::optional<IotHubAccessKey> fromJson(const QJsonObject &object);
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::ArmDeployment)
Q_DECLARE_METATYPE(TwinBridge::ArmDeploymentOperation)
