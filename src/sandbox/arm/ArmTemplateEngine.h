#pragma once

#include "sandbox/arm/ArmResourceReader.h"
#include "services/core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace TwinBridge::Sandbox {

// Reads an ARM deployment template with its parameter values (reference/azure-protocols.md §5.2/§5.3) the way
// Resource Manager's template validation does, before anything is deployed:
//  - the template itself: $schema, contentVersion, only known top-level members, ARM's size limits;
//  - parameters: type (string, securestring, int, bool, object, secureObject, array), allowedValues,
//    minValue/maxValue, minLength/maxLength, defaultValue (an expression may use other parameters);
//    missing values, values of the wrong type and parameters the template does not declare are refused;
//  - variables, resolved in any order (a cycle is an error; reference/listKeys are not allowed there);
//  - resources: type/apiVersion/name (segments matching the type), condition, nested child resources,
//    dependsOn (ids, "type/name" or names), implicit dependencies from reference()/listKeys() to resources of
//    the template, duplicates and cycles; they come out in an order that respects every dependency;
//  - outputs (type and value).
// Every expression is parsed up front, so an unknown function is refused naming the resource and property
// where it is. Values that only exist while the deployment runs (reference/listKeys of the template's own
// resources) stay as their expression text in the preflight view; evaluateResource() and evaluateOutputs()
// compute them against an ArmResourceReader when the deployment reaches them.
// Failures are ServiceErrors carrying ARM's CloudError (ArmErrors): InvalidTemplate with details
// MissingParameter / InvalidParameter where a parameter is at fault.
class ArmTemplateEngine
{
public:
    struct Scope
    {
        QString subscriptionId;
        QString subscriptionDisplayName;
        QString tenantId;
        QString resourceGroup;
        QString resourceGroupLocation;
        QJsonObject resourceGroupTags;
        QString deploymentName;
        QString mode = QStringLiteral("Incremental");

        QString resourceGroupId() const;
    };

    struct Resource
    {
        QString type; // "Microsoft.EventHub/namespaces/eventhubs"
        QString name; // "evhubns-x/Events"
        QString apiVersion;
        QString
            id; // /subscriptions/…/resourceGroups/…/providers/Microsoft.EventHub/namespaces/evhubns-x/eventhubs/Events
        QString location; // evaluated, may be empty
        QString path; // where it is in the template, e.g. "resources[3]" or "resources[1].resources[0]"
        QJsonObject definition; // as written (nested "resources" removed; type and name made full)
        // The definition evaluated, with values that need deployed resources kept as their expressions.
        QJsonObject preflight;
        bool hasDeferredValues = false;
        QStringList dependsOn; // ids of template resources, explicit and implicit

        QString providerNamespace() const { return type.section(QLatin1Char('/'), 0, 0); }
        QString typeName() const { return name.section(QLatin1Char('/'), -1); }
    };

    static constexpr int MaxParameters = 256;
    static constexpr int MaxVariables = 256;
    static constexpr int MaxResources = 800;
    static constexpr int MaxOutputs = 64;

    ArmTemplateEngine();

    // `parameterValues` is the deployment's "parameters" object: {"name": {"value": …}}.
    static Result<ArmTemplateEngine> prepare(const QJsonObject &templateJson, const QJsonObject &parameterValues,
                                             const Scope &scope);

    const Scope &scope() const { return m_scope; }
    // In an order in which every resource comes after those it depends on (template order otherwise).
    const QList<Resource> &resources() const { return m_resources; }
    int indexOf(const QString &resourceId) const;
    // Ids of resources left out because their condition is false.
    QStringList skippedResources() const { return m_skipped; }

    // The resource's definition with every expression evaluated, reading deployed resources from `reader`.
    Result<QJsonObject> evaluateResource(int index, ArmResourceReader *reader) const;
    // {"name": {"type": "String", "value": …}} (secure outputs without value). Errors are
    // DeploymentOutputEvaluationFailed naming the output.
    Result<QJsonObject> evaluateOutputs(ArmResourceReader *reader) const;

    // The parameters as a deployment shows them: {"name": {"type": "String", "value": …}}, secure ones
    // without their value.
    QJsonObject parametersForDisplay() const;
    QJsonObject parameterValue(const QString &name) const;
    QString templateHash() const { return m_templateHash; }
    QString contentVersion() const { return m_contentVersion; }
    QJsonObject outputDefinitions() const { return m_outputs; }

    // ARM's own spelling of a parameter or output type ("String", "SecureString", "Int", …), empty if unknown.
    static QString canonicalType(const QString &type);

    struct State; // parameters and variables, shared by the evaluation contexts

private:
    Status readResources(const QJsonArray &resources, const QString &pathPrefix, const Resource *parent);
    Status resolveDependencies();

    Scope m_scope;
    std::shared_ptr<State> m_state;
    QList<Resource> m_resources;
    QStringList m_skipped;
    QJsonObject m_outputs;
    QString m_templateHash;
    QString m_contentVersion;
};

} // namespace TwinBridge::Sandbox
