#pragma once

// Templates for tst_armstandin (outside the test's source: moc does not read raw string literals).

#include <QByteArray>

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

} // namespace ArmStandInTemplates
