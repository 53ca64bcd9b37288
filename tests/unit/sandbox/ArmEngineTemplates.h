#pragma once

// Template pieces for tst_armtemplateengine (outside the test's source: moc does not read raw string literals).

#include <QByteArray>
#include <QList>

namespace ArmEngineTemplates {

inline QByteArray withBody(const QByteArray &members)
{
    QByteArray text(
        R"JSON({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0")JSON");
    if (!members.isEmpty()) {
        text.append(", ");
        text.append(members);
    }
    text.append("}");
    return text;
}

struct Case
{
    const char *name;
    QByteArray templateText; // complete template
    QByteArray parameters; // {"p": {"value": …}}
    const char *words; // in the error's message, '|'-separated
    const char *detailCode; // the first detail's code, or ""
};

inline const QByteArray hubResource =
    R"JSON({"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "hub-a", "location": "westeurope"})JSON";

inline QList<Case> refusedCases()
{
    QList<Case> cases;
    cases << Case {"unknown top-level member", withBody(R"JSON("resources": [], "extras": {})JSON"), "{}", "extras",
                   ""};
    cases << Case {"no schema", QByteArray(R"JSON({"contentVersion": "1.0.0.0", "resources": []})JSON"), "{}",
                   "$schema", ""};
    cases << Case {
        "subscription schema",
        QByteArray(
            R"JSON({"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []})JSON"),
        "{}", "scope", ""};
    cases << Case {
        "bad contentVersion",
        QByteArray(
            R"JSON({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "one", "resources": []})JSON"),
        "{}", "contentVersion", ""};
    cases << Case {"unknown parameter type",
                   withBody(R"JSON("parameters": {"p": {"type": "float"}}, "resources": [])JSON"),
                   R"JSON({"p": {"value": 1}})JSON", "float|p", ""};
    cases << Case {"missing parameter", withBody(R"JSON("parameters": {"p": {"type": "string"}}, "resources": [])JSON"),
                   "{}", "'p'|not provided", "MissingParameter"};
    cases << Case {"wrong parameter type", withBody(R"JSON("parameters": {"p": {"type": "int"}}, "resources": [])JSON"),
                   R"JSON({"p": {"value": "three"}})JSON", "'p'|Int", "InvalidParameter"};
    cases << Case {
        "not an allowed value",
        withBody(
            R"JSON("parameters": {"sku": {"type": "string", "allowedValues": ["S1", "S2"]}}, "resources": [])JSON"),
        R"JSON({"sku": {"value": "S9"}})JSON", "S9|sku", "InvalidParameter"};
    cases << Case {"below minValue",
                   withBody(R"JSON("parameters": {"units": {"type": "int", "minValue": 1}}, "resources": [])JSON"),
                   R"JSON({"units": {"value": 0}})JSON", "units", "InvalidParameter"};
    cases << Case {"shorter than minLength",
                   withBody(R"JSON("parameters": {"name": {"type": "string", "minLength": 3}}, "resources": [])JSON"),
                   R"JSON({"name": {"value": "ab"}})JSON", "name", "InvalidParameter"};
    cases << Case {"undeclared parameter", withBody(R"JSON("resources": [])JSON"), R"JSON({"extra": {"value": 1}})JSON",
                   "extra", ""};
    cases << Case {"value without {value}",
                   withBody(R"JSON("parameters": {"p": {"type": "string"}}, "resources": [])JSON"),
                   R"JSON({"p": "bare"})JSON", "'p'", ""};
    cases << Case {
        "variables in a circle",
        withBody(
            R"JSON("variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "resources": [], "outputs": {"o": {"type": "string", "value": "[variables('a')]"}})JSON"),
        "{}", "a", ""};
    cases << Case {"unknown function in a variable",
                   withBody(R"JSON("variables": {"a": "[nosuchfunction(1)]"}, "resources": [])JSON"), "{}",
                   "nosuchfunction", ""};
    cases << Case {
        "resource copy loop",
        withBody(
            R"JSON("resources": [{"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "h", "location": "westeurope", "copy": {"name": "c", "count": 2}}])JSON"),
        "{}", "copy", ""};
    cases << Case {
        "duplicate resource",
        withBody(QByteArray("\"resources\": [").append(hubResource).append(", ").append(hubResource).append("]")), "{}",
        "hub-a|multiple", ""};
    cases << Case {
        "name segments do not match the type",
        withBody(
            R"JSON("resources": [{"type": "Microsoft.EventHub/namespaces/eventhubs", "apiVersion": "2024-01-01", "name": "only-one"}])JSON"),
        "{}", "only-one|segment", ""};
    cases << Case {
        "dependency on an unknown resource",
        withBody(
            R"JSON("resources": [{"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "h", "location": "westeurope", "dependsOn": ["nothing-here"]}])JSON"),
        "{}", "nothing-here", ""};
    cases << Case {"circular dependency", withBody(R"JSON("resources": [
                     {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sta", "location": "westeurope", "dependsOn": ["stb"]},
                     {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "stb", "location": "westeurope", "dependsOn": ["sta"]}])JSON"),
                   "{}", "Circular", ""};
    cases << Case {"output without value", withBody(R"JSON("resources": [], "outputs": {"o": {"type": "string"}})JSON"),
                   "{}", "'o'", ""};
    return cases;
}

// Resources in the "wrong" order, an implicit dependency through reference(), a nested child, a false condition,
// defaults made of other parameters, a secure parameter and outputs.
inline QByteArray orderingTemplate()
{
    return withBody(R"JSON(
      "parameters": {
        "suffix": {"type": "string", "defaultValue": "x1"},
        "hubName": {"type": "string", "defaultValue": "[concat('hub-', parameters('suffix'))]"},
        "withStorage": {"type": "bool", "defaultValue": false},
        "apiKey": {"type": "securestring"}
      },
      "variables": {"ns": "[format('evhubns-{0}', parameters('suffix'))]"},
      "resources": [
        {"type": "Microsoft.Devices/IotHubs", "apiVersion": "2023-06-30", "name": "[parameters('hubName')]", "location": "westeurope",
         "properties": {"note": "[reference(resourceId('Microsoft.EventHub/namespaces', variables('ns'))).serviceBusEndpoint]"}},
        {"type": "Microsoft.EventHub/namespaces", "apiVersion": "2024-01-01", "name": "[variables('ns')]", "location": "westeurope",
         "resources": [{"type": "eventhubs", "apiVersion": "2024-01-01", "name": "Events",
                        "dependsOn": ["[variables('ns')]"]}]},
        {"condition": "[parameters('withStorage')]", "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
         "name": "stskipped", "location": "westeurope"}
      ],
      "outputs": {
        "endpoint": {"type": "string", "value": "[reference(variables('ns')).serviceBusEndpoint]"},
        "key": {"type": "securestring", "value": "[parameters('apiKey')]"},
        "count": {"type": "int", "value": "[length(createArray(1, 2, 3))]"}
      })JSON");
}

} // namespace ArmEngineTemplates
