#pragma once

#include "services/azure/CloudError.h"
#include "services/core/ServiceError.h"

#include <QList>
#include <QString>

namespace TwinBridge::Sandbox {

// The errors the ARM stand-in answers with, as ServiceErrors that carry ARM's CloudError
// (reference/azure-protocols.md §5.2: {"error":{"code","message","target","details":[…],"additionalInfo":[…]}})
// in their payload, so that code deep inside (template engine, resource providers) can fail with the exact
// tree the HTTP layer writes out. httpStatus() is the answer's status; kind follows it.
class ArmErrors
{
public:
    static ServiceError make(int httpStatus, const QString &code, const QString &message, const QString &target = {},
                             const QList<CloudError> &details = {});
    static ServiceError fromCloudError(int httpStatus, const CloudError &error);
    // The CloudError inside `error` (payload), or one built from its code and message.
    static CloudError cloudError(const ServiceError &error);
    // The status to answer with: the error's own, else by kind (400 for invalid input, 404, 409 …).
    static int httpStatus(const ServiceError &error);

    // 400 InvalidTemplate: "Deployment template validation failed: '<problem>'." with optional details.
    static ServiceError invalidTemplate(const QString &problem, const QString &target = {},
                                        const QList<CloudError> &details = {});
    // 400 InvalidTemplateDeployment → PreflightValidationCheckFailed → the providers' errors.
    static ServiceError invalidTemplateDeployment(const QString &deploymentName, const QList<CloudError> &problems);
    // The error of a Failed deployment: DeploymentFailed with one detail per failed resource operation.
    static CloudError deploymentFailed(const QList<CloudError> &details);
    static ServiceError invalidRequestContent(const QString &problem);

    static ServiceError subscriptionNotFound(const QString &subscriptionId);
    static ServiceError resourceGroupNotFound(const QString &name);
    static ServiceError deploymentNotFound(const QString &name, const QString &resourceGroup);
    static ServiceError resourceNotFound(const QString &typeAndName, const QString &resourceGroup);
};

} // namespace TwinBridge::Sandbox
