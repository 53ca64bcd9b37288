#pragma once

// Templates for tst_armsandbox (kept out of the test's source: moc does not read raw string literals).

#include "sandbox/azure/AzureDefaults.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <tuple>

namespace ArmTestTemplates {

inline const QString kSubscription = QLatin1String(TwinBridge::Sandbox::AzureDefaults::SubscriptionId);

inline QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(QByteArray(text), &error).object();
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return object;
}

// A template like TwinBridge's (and TTS's): an IoT hub with its policy, SKU, parameters with defaults, variables,
// outputs from reference() and string functions.
inline QJsonObject hubTemplate()
{
    return json(R"({
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {
        "hubName": {"type": "string", "minLength": 3},
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
        "skuName": {"type": "string", "defaultValue": "S1", "allowedValues": ["F1", "S1", "S2"]},
        "units": {"type": "int", "defaultValue": 1}
      },
      "variables": {
        "policyName": "twinbridge",
        "hubId": "[resourceId('Microsoft.Devices/IotHubs', parameters('hubName'))]"
      },
      "resources": [{
        "type": "Microsoft.Devices/IotHubs",
        "apiVersion": "2023-06-30",
        "name": "[parameters('hubName')]",
        "location": "[parameters('location')]",
        "sku": {"name": "[parameters('skuName')]", "capacity": "[parameters('units')]"},
        "properties": {
          "authorizationPolicies": [
            {"keyName": "iothubowner", "rights": "RegistryWrite, ServiceConnect, DeviceConnect"},
            {"keyName": "[variables('policyName')]", "rights": "RegistryRead, RegistryWrite, ServiceConnect, DeviceConnect"}
          ]
        }
      }],
      "outputs": {
        "hostName": {"type": "string", "value": "[reference(variables('hubId'), '2023-06-30').hostName]"},
        "tag": {"type": "string", "value": "[toLower(format('TB-{0}', substring(uniqueString(resourceGroup().id), 0, 6)))]"},
        "policy": {"type": "string", "value": "[if(equals(parameters('skuName'), 'F1'), 'free', variables('policyName'))]"}
      }
    })");
}


struct InvalidCase
{
    const char *name;
    QByteArray templateText;
    QJsonObject parameters;
    QStringList expected; // codes and words in the error tree
};

inline QByteArray templateWith(const QByteArray &parameters, const QByteArray &resource)
{
    return QByteArray("{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", "
                      "\"contentVersion\": \"1.0.0.0\", \"parameters\": ") +
        parameters + QByteArray(", \"resources\": [") + resource + QByteArray("]}");
}

inline QList<InvalidCase> invalidCases()
{
    const QByteArray hubParameter = R"({"hubName": {"type": "string"}})";
    const QByteArray hub = R"({"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope", "sku": {"name": "S1", "capacity": 1}})";
    const QJsonObject named {{QStringLiteral("hubName"), QStringLiteral("bad-hub-x")}};
    QList<InvalidCase> cases;
    cases << InvalidCase {"unknown function",
                          templateWith(hubParameter, R"({"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[frobnicate(parameters('hubName'))]", "location": "westeurope"})"),
                          named, {QStringLiteral("InvalidTemplate"), QStringLiteral("frobnicate")}};
    cases << InvalidCase {"missing parameter",
                          templateWith(R"({"hubName": {"type": "string"}, "owner": {"type": "string"}})", hub), named,
                          {QStringLiteral("InvalidTemplate"), QStringLiteral("owner")}};
    cases << InvalidCase {"parameter of the wrong type",
                          templateWith(R"({"hubName": {"type": "string"}, "units": {"type": "int"}})", hub),
                          QJsonObject {{QStringLiteral("hubName"), QStringLiteral("bad-hub-x")},
                                       {QStringLiteral("units"), QStringLiteral("three")}},
                          {QStringLiteral("InvalidTemplate"), QStringLiteral("units")}};
    cases << InvalidCase {"unknown resource type",
                          templateWith(hubParameter, R"({"type": "Microsoft.Devices/Gadgets", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope"})"),
                          named, {QStringLiteral("InvalidResourceType"), QStringLiteral("Gadgets")}};
    cases << InvalidCase {"unknown namespace",
                          templateWith(hubParameter, R"({"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope"})"),
                          named, {QStringLiteral("InvalidResourceNamespace"), QStringLiteral("Microsoft.Compute")}};
    cases << InvalidCase {"invalid SKU (provider preflight)",
                          templateWith(hubParameter, R"({"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope", "sku": {"name": "X9", "capacity": 1}})"),
                          named, {QStringLiteral("InvalidTemplateDeployment"), QStringLiteral("InvalidIotHubSku")}};
    return cases;
}

} // namespace ArmTestTemplates
