#pragma once

// Templates for tst_armstandin (outside the test's source: moc does not read raw string literals).

#include <QByteArray>
#include <QList>

namespace ArmStandInTemplates {

// One IoT hub and an output from reference().
inline QByteArray hubDeployment(const char *hubName)
{
    QByteArray body(R"JSON({"properties": {"mode": "Incremental", "parameters": {"hubName": {"value": ")JSON");
    body.append(hubName);
    body.append(R"JSON("}}, "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {"hubName": {"type": "string"}},
          "resources": [{"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]",
                         "location": "[resourceGroup().location]", "sku": {"name": "S1", "capacity": 1}}],
          "outputs": {"hostName": {"type": "string", "value": "[reference(parameters('hubName')).hostName]"}}}}})JSON");
    return body;
}

// An Event Hub with only a Listen rule, and a hub whose routing endpoint uses that rule's connection string:
// preflight cannot see the string (listKeys() of a resource the template creates), the hub fails when it is
// deployed because IoT Hub needs the Send right.
inline QByteArray failingDeployment()
{
    return QByteArray(R"JSON({"properties": {"mode": "Incremental", "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {"type": "Microsoft.EventHub/namespaces", "apiVersion": "2024-01-01", "name": "evhubns-failing",
             "location": "westeurope", "sku": {"name": "Standard"}},
            {"type": "Microsoft.EventHub/namespaces/eventhubs", "apiVersion": "2024-01-01", "name": "evhubns-failing/Events",
             "properties": {}, "dependsOn": ["[resourceId('Microsoft.EventHub/namespaces', 'evhubns-failing')]"]},
            {"type": "Microsoft.EventHub/namespaces/eventhubs/authorizationRules", "apiVersion": "2024-01-01",
             "name": "evhubns-failing/Events/Listen", "properties": {"rights": ["Listen"]},
             "dependsOn": ["[resourceId('Microsoft.EventHub/namespaces/eventhubs', 'evhubns-failing', 'Events')]"]},
            {"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "failing-hub", "location": "westeurope",
             "sku": {"name": "S1", "capacity": 1},
             "properties": {"routing": {
               "endpoints": {"eventHubs": [{"name": "StackEvents",
                 "connectionString": "[listKeys(resourceId('Microsoft.EventHub/namespaces/eventhubs/authorizationRules', 'evhubns-failing', 'Events', 'Listen'), '2024-01-01').primaryConnectionString]"}]},
               "routes": [{"name": "Lifecycle", "source": "DeviceLifecycleEvents", "endpointNames": ["StackEvents"], "isEnabled": true}]}}}
          ]}}})JSON");
}

// The hub "policy-hub" with two policies: iothubowner and a new one.
inline QByteArray hubWithPolicies()
{
    return QByteArray(R"JSON({"properties": {"mode": "Incremental", "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [{"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "policy-hub",
                         "location": "westeurope", "sku": {"name": "S2", "capacity": 2},
                         "properties": {"authorizationPolicies": [
                           {"keyName": "iothubowner", "rights": "RegistryWrite, ServiceConnect, DeviceConnect"},
                           {"keyName": "bridge", "rights": "RegistryRead, ServiceConnect"}]}}]}}})JSON");
}

// A template without resources, in Complete mode.
inline QByteArray emptyCompleteDeployment()
{
    return QByteArray(R"JSON({"properties": {"mode": "Complete", "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0", "resources": []}}})JSON");
}

struct RequestCase
{
    const char *name;
    const char *method;
    const char *path; // below /subscriptions/{sub}
    QByteArray body;
    int status;
    const char *code;
};

inline QList<RequestCase> requestErrors()
{
    const QByteArray hub = hubDeployment("x-hub");
    QList<RequestCase> cases;
    cases << RequestCase {"group without location", "PUT", "/resourcegroups/rg-new", "{}", 400, "LocationRequired"};
    cases << RequestCase {"group in an unknown region", "PUT", "/resourcegroups/rg-new",
                          R"({"location": "moon"})",    400,   "LocationNotAvailableForResourceGroup"};
    cases << RequestCase {"group moved to another region", "PUT", "/resourcegroups/rg",
                          R"({"location": "eastus"})",     409,   "InvalidResourceGroupLocation"};
    cases << RequestCase {"group name with a slash-like character", "PUT", "/resourcegroups/rg%3Cbad%3E",
                          R"({"location": "westeurope"})",          400,   "InvalidResourceGroup"};
    cases << RequestCase {"group body not JSON", "PUT", "/resourcegroups/rg-new",
                          "location=westeurope", 400,   "InvalidRequestContent"};
    cases << RequestCase {"unknown group", "GET", "/resourcegroups/nope", {}, 404, "ResourceGroupNotFound"};
    cases << RequestCase {"deployment into an unknown group",
                          "PUT",
                          "/resourcegroups/nope/providers/Microsoft.Resources/deployments/d",
                          hub,
                          404,
                          "ResourceGroupNotFound"};
    cases << RequestCase {"invalid deployment name",
                          "PUT",
                          "/resourcegroups/rg/providers/Microsoft.Resources/deployments/bad%20name",
                          hub,
                          400,
                          "InvalidDeploymentName"};
    cases << RequestCase {
        "templateLink",
        "PUT",
        "/resourcegroups/rg/providers/Microsoft.Resources/deployments/d",
        R"({"properties": {"mode": "Incremental", "templateLink": {"uri": "https://example.com/t.json"}}})",
        400,
        "InvalidRequestContent"};
    cases << RequestCase {"unknown mode",
                          "PUT",
                          "/resourcegroups/rg/providers/Microsoft.Resources/deployments/d",
                          R"({"properties": {"mode": "Sometimes", "template": {}}})",
                          400,
                          "InvalidRequestContent"};
    cases << RequestCase {
        "unknown deployment", "GET", "/resourcegroups/rg/providers/Microsoft.Resources/deployments/none", {}, 404,
        "DeploymentNotFound"};
    cases << RequestCase {"cancel an unknown deployment",
                          "POST",
                          "/resourcegroups/rg/providers/Microsoft.Resources/deployments/none/cancel",
                          {},
                          404,
                          "DeploymentNotFound"};
    cases << RequestCase {
        "unknown resource", "GET", "/resourcegroups/rg/providers/Microsoft.Devices/IotHubs/none", {}, 404,
        "ResourceNotFound"};
    cases << RequestCase {
        "unknown resource type", "GET", "/resourcegroups/rg/providers/Microsoft.Devices/Gadgets/g", {}, 404,
        "InvalidResourceType"};
    cases << RequestCase {"name availability without a name",
                          "POST",
                          "/providers/Microsoft.Devices/checkNameAvailability",
                          "{}",
                          400,
                          "InvalidRequestContent"};
    cases << RequestCase {"unknown operation result", "GET", "/operationresults/nothing", {}, 404, "OperationNotFound"};
    return cases;
}

} // namespace ArmStandInTemplates
