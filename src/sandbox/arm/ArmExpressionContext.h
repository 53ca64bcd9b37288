#pragma once

#include "services/core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace TwinBridge::Sandbox {

// What an ARM template expression can ask of the deployment it is evaluated in (reference/azure-protocols.md
// §5.2/§5.3): its parameters and variables, the scope (resource group, subscription, deployment, cloud
// environment) and the runtime functions that read deployed resources (reference, listKeys). ArmExpression
// computes everything else itself (resourceId, uniqueString, concat, …). Errors are ServiceErrors whose code
// is an ARM error code (InvalidTemplate, ResourceNotFound, …) or ArmExpression::DeferredCode when the value
// only exists once the deployment runs.
class ArmExpressionContext
{
public:
    virtual ~ArmExpressionContext() = default;

    virtual Result<QJsonValue> parameter(const QString &name) = 0;
    virtual Result<QJsonValue> variable(const QString &name) = 0;

    // {"id","name","type","location","tags","properties":{"provisioningState"}}
    virtual QJsonObject resourceGroup() const = 0;
    // {"id","subscriptionId","tenantId","displayName"}
    virtual QJsonObject subscription() const = 0;
    // {"name","properties":{"template":{"contentVersion"},"parameters","mode"}}
    virtual QJsonObject deployment() const { return {}; }
    // The public cloud's environment() object (name, gallery, graph, portal, resourceManager, suffixes, …).
    virtual QJsonObject environment() const;

    // reference(resourceNameOrId, apiVersion[, 'Full']): the resource's properties, or with `full` the whole
    // resource (apiVersion, location, sku, kind, tags, properties …). `resource` is an id or the name of a
    // resource of the template.
    virtual Result<QJsonValue> reference(const QString &resource, const QString &apiVersion, bool full) = 0;
    // listKeys(resourceId, apiVersion) — and the other list* actions by name ("listKeys", "listConnectionStrings").
    virtual Result<QJsonValue> listAction(const QString &action, const QString &resourceId,
                                          const QString &apiVersion) = 0;
};

} // namespace TwinBridge::Sandbox
