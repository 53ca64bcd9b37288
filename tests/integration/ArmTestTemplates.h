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

// A template shaped like TTS's main.json (reference/tts-integration.md §2.2–§2.5, the fork's API versions): Event
// Hubs namespace, Event Hub "Events" with Send/Listen rules, the IoT hub routing twin and lifecycle events to the
// StackEvents endpoint (listKeys() connection string), storage, Application Insights, the consumption plan, the
// function app with its settings and the SubmitEvents function with its eventHubTrigger.
inline QJsonObject ttsTemplate()
{
    return json(R"JSON({
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
        "nameSuffix": {"type": "string", "defaultValue": "[uniqueString(resourceGroup().id)]"},
        "stackClusterAddress": {"type": "string", "defaultValue": "https://tenant.region.cloud.thethings.industries/api/v3"},
        "stackApplicationID": {"type": "string"},
        "stackAPIKey": {"type": "securestring"},
        "eventHubNameSpaceSKU": {"type": "string", "defaultValue": "Standard"},
        "iotHubSKU": {"type": "string", "defaultValue": "S1"},
        "iotHubCapacity": {"type": "int", "defaultValue": 1},
        "storageAccountSKU": {"type": "string", "defaultValue": "Standard_LRS"},
        "appServicePlanSKU": {"type": "string", "defaultValue": "Y1"},
        "appServicePlanTier": {"type": "string", "defaultValue": "Dynamic"},
        "enableFallbackRoute": {"type": "bool", "defaultValue": true}
      },
      "variables": {
        "functionAppName": "[format('fn-{0}', parameters('nameSuffix'))]",
        "appServicePlanName": "[format('aps-{0}', parameters('nameSuffix'))]",
        "appInsightsName": "[format('ai-{0}', parameters('nameSuffix'))]",
        "storageAccountName": "[toLower(format('fnstor{0}', replace(parameters('nameSuffix'), '-', '')))]",
        "eventHubNamespaceName": "[format('evhubns-{0}', parameters('nameSuffix'))]",
        "iotHubName": "[format('iothub-{0}', parameters('nameSuffix'))]",
        "eventHubName": "Events",
        "storageConnectionString": "[concat('DefaultEndpointsProtocol=https;AccountName=', variables('storageAccountName'), ';EndpointSuffix=', environment().suffixes.storage, ';AccountKey=')]"
      },
      "resources": [
        {"type": "Microsoft.EventHub/namespaces", "apiVersion": "2023-01-01-preview", "name": "[variables('eventHubNamespaceName')]",
         "location": "[parameters('location')]", "sku": {"name": "[parameters('eventHubNameSpaceSKU')]"}},
        {"type": "Microsoft.EventHub/namespaces/eventhubs", "apiVersion": "2023-01-01-preview",
         "name": "[format('{0}/{1}', variables('eventHubNamespaceName'), variables('eventHubName'))]", "properties": {},
         "dependsOn": ["[resourceId('Microsoft.EventHub/namespaces', variables('eventHubNamespaceName'))]"]},
        {"type": "Microsoft.EventHub/namespaces/eventhubs/authorizationRules", "apiVersion": "2023-01-01-preview",
         "name": "[format('{0}/{1}/{2}', variables('eventHubNamespaceName'), variables('eventHubName'), 'Send')]",
         "properties": {"rights": ["Send"]},
         "dependsOn": ["[resourceId('Microsoft.EventHub/namespaces/eventhubs', variables('eventHubNamespaceName'), variables('eventHubName'))]"]},
        {"type": "Microsoft.EventHub/namespaces/eventhubs/authorizationRules", "apiVersion": "2023-01-01-preview",
         "name": "[format('{0}/{1}/{2}', variables('eventHubNamespaceName'), variables('eventHubName'), 'Listen')]",
         "properties": {"rights": ["Listen"]},
         "dependsOn": ["[resourceId('Microsoft.EventHub/namespaces/eventhubs', variables('eventHubNamespaceName'), variables('eventHubName'))]"]},
        {"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[variables('iotHubName')]",
         "location": "[parameters('location')]",
         "sku": {"name": "[parameters('iotHubSKU')]", "capacity": "[parameters('iotHubCapacity')]"},
         "properties": {
           "routing": {
             "endpoints": {"eventHubs": [{"name": "StackEvents",
               "connectionString": "[listKeys(resourceId('Microsoft.EventHub/namespaces/eventhubs/authorizationRules', variables('eventHubNamespaceName'), variables('eventHubName'), 'Send'), '2023-01-01-preview').primaryConnectionString]"}]},
             "routes": [
               {"name": "TTSTwinChangeEvents", "isEnabled": true, "source": "TwinChangeEvents",
                "condition": "IS_OBJECT($body.properties.desired) OR IS_OBJECT($body.tags)", "endpointNames": ["StackEvents"]},
               {"name": "TTSDeviceLifecycleEvents", "isEnabled": true, "source": "DeviceLifecycleEvents", "endpointNames": ["StackEvents"]}
             ],
             "fallbackRoute": "[if(parameters('enableFallbackRoute'), createObject('name', 'FallbackRoute', 'isEnabled', true(), 'source', 'DeviceMessages', 'condition', 'true', 'endpointNames', createArray('events')), null())]"
           }
         },
         "dependsOn": ["[resourceId('Microsoft.EventHub/namespaces/eventhubs/authorizationRules', variables('eventHubNamespaceName'), variables('eventHubName'), 'Send')]"]},
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[variables('storageAccountName')]",
         "location": "[parameters('location')]", "kind": "StorageV2", "sku": {"name": "[parameters('storageAccountSKU')]"},
         "properties": {"supportsHttpsTrafficOnly": true, "accessTier": "Hot"}},
        {"type": "Microsoft.Insights/components", "apiVersion": "2020-02-02", "name": "[variables('appInsightsName')]",
         "location": "[parameters('location')]", "kind": "web", "properties": {"Application_Type": "web"}},
        {"type": "Microsoft.Web/serverfarms", "apiVersion": "2022-09-01", "name": "[variables('appServicePlanName')]",
         "location": "[parameters('location')]", "kind": "functionapp",
         "sku": {"name": "[parameters('appServicePlanSKU')]", "tier": "[parameters('appServicePlanTier')]"}, "properties": {}},
        {"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "[variables('functionAppName')]",
         "location": "[parameters('location')]", "kind": "functionapp",
         "properties": {
           "serverFarmId": "[resourceId('Microsoft.Web/serverfarms', variables('appServicePlanName'))]",
           "httpsOnly": true,
           "siteConfig": {"appSettings": [
             {"name": "AzureWebJobsStorage", "value": "[concat(variables('storageConnectionString'), listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName')), '2023-01-01').keys[0].value)]"},
             {"name": "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "value": "[concat(variables('storageConnectionString'), listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName')), '2023-01-01').keys[0].value)]"},
             {"name": "WEBSITE_CONTENTSHARE", "value": "[toLower(variables('functionAppName'))]"},
             {"name": "APPINSIGHTS_INSTRUMENTATIONKEY", "value": "[reference(resourceId('Microsoft.Insights/components', variables('appInsightsName')), '2020-02-02').InstrumentationKey]"},
             {"name": "APPLICATIONINSIGHTS_CONNECTION_STRING", "value": "[format('InstrumentationKey={0}', reference(resourceId('Microsoft.Insights/components', variables('appInsightsName')), '2020-02-02').InstrumentationKey)]"},
             {"name": "FUNCTIONS_WORKER_RUNTIME", "value": "dotnet"},
             {"name": "FUNCTIONS_EXTENSION_VERSION", "value": "~4"},
             {"name": "EVENTHUB_CONNECTION_STRING", "value": "[listKeys(resourceId('Microsoft.EventHub/namespaces/eventhubs/authorizationRules', variables('eventHubNamespaceName'), variables('eventHubName'), 'Listen'), '2023-01-01-preview').primaryConnectionString]"},
             {"name": "STACK_BASE_URL", "value": "[parameters('stackClusterAddress')]"},
             {"name": "STACK_APPLICATION_ID", "value": "[parameters('stackApplicationID')]"},
             {"name": "STACK_API_KEY", "value": "[parameters('stackAPIKey')]"}
           ]}
         },
         "dependsOn": [
           "[resourceId('Microsoft.Web/serverfarms', variables('appServicePlanName'))]",
           "[resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName'))]",
           "[resourceId('Microsoft.Insights/components', variables('appInsightsName'))]",
           "[resourceId('Microsoft.EventHub/namespaces/eventhubs/authorizationRules', variables('eventHubNamespaceName'), variables('eventHubName'), 'Listen')]"
         ]},
        {"type": "Microsoft.Web/sites/functions", "apiVersion": "2022-09-01", "name": "[format('{0}/{1}', variables('functionAppName'), 'SubmitEvents')]",
         "properties": {"config": {"bindings": [{"type": "eventHubTrigger", "name": "events", "direction": "in",
           "eventHubName": "[format('{0}/{1}', variables('eventHubNamespaceName'), variables('eventHubName'))]",
           "connection": "EVENTHUB_CONNECTION_STRING", "cardinality": "many", "consumerGroup": "$Default", "dataType": "binary"}]},
           "files": {"run.csx": "// the function's code", "function.proj": "<Project/>"}},
         "dependsOn": ["[resourceId('Microsoft.Web/sites', variables('functionAppName'))]"]}
      ],
      "outputs": {
        "iotHubHostname": {"type": "string", "value": "[reference(resourceId('Microsoft.Devices/IotHubs', variables('iotHubName')), '2023-06-30').hostName]"},
        "iotHubOwnerKey": {"type": "string", "value": "[listKeys(resourceId('Microsoft.Devices/IotHubs', variables('iotHubName')), '2023-06-30').value[0].primaryKey]"}
      }
    })JSON");
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
    return QByteArray(
               "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", "
               "\"contentVersion\": \"1.0.0.0\", \"parameters\": ") +
        parameters + QByteArray(", \"resources\": [") + resource + QByteArray("]}");
}

inline QList<InvalidCase> invalidCases()
{
    const QByteArray hubParameter = R"({"hubName": {"type": "string"}})";
    const QByteArray hub =
        R"({"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope", "sku": {"name": "S1", "capacity": 1}})";
    const QJsonObject named {{QStringLiteral("hubName"), QStringLiteral("bad-hub-x")}};
    QList<InvalidCase> cases;
    cases << InvalidCase {
        "unknown function",
        templateWith(
            hubParameter,
            R"({"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[frobnicate(parameters('hubName'))]", "location": "westeurope"})"),
        named,
        {QStringLiteral("InvalidTemplate"), QStringLiteral("frobnicate")}};
    cases << InvalidCase {"missing parameter",
                          templateWith(R"({"hubName": {"type": "string"}, "owner": {"type": "string"}})", hub),
                          named,
                          {QStringLiteral("InvalidTemplate"), QStringLiteral("owner")}};
    cases << InvalidCase {"parameter of the wrong type",
                          templateWith(R"({"hubName": {"type": "string"}, "units": {"type": "int"}})", hub),
                          QJsonObject {{QStringLiteral("hubName"), QStringLiteral("bad-hub-x")},
                                       {QStringLiteral("units"), QStringLiteral("three")}},
                          {QStringLiteral("InvalidTemplate"), QStringLiteral("units")}};
    cases << InvalidCase {
        "unknown resource type",
        templateWith(
            hubParameter,
            R"({"type": "Microsoft.Devices/Gadgets", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope"})"),
        named,
        {QStringLiteral("InvalidResourceType"), QStringLiteral("Gadgets")}};
    cases << InvalidCase {
        "unknown namespace",
        templateWith(
            hubParameter,
            R"({"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope"})"),
        named,
        {QStringLiteral("InvalidResourceNamespace"), QStringLiteral("Microsoft.Compute")}};
    cases << InvalidCase {
        "invalid SKU (provider preflight)",
        templateWith(
            hubParameter,
            R"({"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope", "sku": {"name": "X9", "capacity": 1}})"),
        named,
        {QStringLiteral("InvalidTemplateDeployment"), QStringLiteral("InvalidIotHubSku")}};
    return cases;
}

} // namespace ArmTestTemplates
