#include "sandbox/arm/ArmErrors.h"

#include <QCoreApplication>
#include <QUuid>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ArmErrors", text);
}

CloudError node(const QString &code, const QString &message, const QString &target = {},
                const QList<CloudError> &details = {})
{
    CloudError error;
    error.code = code;
    error.message = message;
    error.target = target;
    error.details = details;
    return error;
}

} // namespace

ServiceError ArmErrors::make(int httpStatus, const QString &code, const QString &message, const QString &target,
                             const QList<CloudError> &details)
{
    return fromCloudError(httpStatus, node(code, message, target, details));
}

ServiceError ArmErrors::fromCloudError(int httpStatus, const CloudError &cloudError)
{
    ServiceError::Kind kind = ServiceError::kindForHttpStatus(httpStatus);
    if (kind == ServiceError::Kind::None)
        kind = ServiceError::Kind::BadRequest;
    ServiceError error(kind, cloudError.message);
    error.setHttpStatus(httpStatus);
    error.setCode(cloudError.code);
    error.setPayload(cloudError.toJson());
    return error;
}

CloudError ArmErrors::cloudError(const ServiceError &error)
{
    if (error.payload().isObject()) {
        if (auto parsed = CloudError::fromJson(error.payload().toObject()); parsed && !parsed->code.isEmpty())
            return *parsed;
    }
    QString code = error.code();
    if (code.isEmpty()) {
        switch (error.kind()) {
        case ServiceError::Kind::NotFound:
            code = QStringLiteral("NotFound");
            break;
        case ServiceError::Kind::Conflict:
            code = QStringLiteral("Conflict");
            break;
        case ServiceError::Kind::InvalidInput:
        case ServiceError::Kind::BadRequest:
            code = QStringLiteral("BadRequest");
            break;
        default:
            code = QStringLiteral("InternalServerError");
            break;
        }
    }
    return node(code, error.message());
}

int ArmErrors::httpStatus(const ServiceError &error)
{
    if (error.httpStatus() >= 400)
        return error.httpStatus();
    switch (error.kind()) {
    case ServiceError::Kind::InvalidInput:
    case ServiceError::Kind::BadRequest:
        return 400;
    case ServiceError::Kind::Unauthorized:
        return 401;
    case ServiceError::Kind::Forbidden:
        return 403;
    case ServiceError::Kind::NotFound:
        return 404;
    case ServiceError::Kind::Conflict:
        return 409;
    case ServiceError::Kind::PreconditionFailed:
        return 412;
    case ServiceError::Kind::Throttled:
        return 429;
    case ServiceError::Kind::Unavailable:
        return 503;
    default:
        return 500;
    }
}

ServiceError ArmErrors::invalidTemplate(const QString &problem, const QString &target, const QList<CloudError> &details)
{
    return make(400, QStringLiteral("InvalidTemplate"), tr("Deployment template validation failed: '%1'.").arg(problem),
                target, details);
}

ServiceError ArmErrors::invalidTemplateDeployment(const QString &deploymentName, const QList<CloudError> &problems)
{
    const CloudError preflight =
        node(QStringLiteral("PreflightValidationCheckFailed"),
             tr("Preflight validation failed. Please refer to the details for the specific errors."), {}, problems);
    return make(400, QStringLiteral("InvalidTemplateDeployment"),
                tr("The template deployment '%1' is not valid according to the validation procedure. The tracking id "
                   "is '%2'. See inner errors for details.")
                    .arg(deploymentName, QUuid::createUuid().toString(QUuid::WithoutBraces)),
                {}, {preflight});
}

CloudError ArmErrors::deploymentFailed(const QList<CloudError> &details)
{
    return node(QStringLiteral("DeploymentFailed"),
                tr("At least one resource deployment operation failed. Please list deployment operations for details. "
                   "Please see https://aka.ms/arm-deployment-operations for usage details."),
                {}, details);
}

ServiceError ArmErrors::invalidRequestContent(const QString &problem)
{
    return make(400, QStringLiteral("InvalidRequestContent"),
                tr("The request content was invalid and could not be deserialized: '%1'.").arg(problem));
}

ServiceError ArmErrors::subscriptionNotFound(const QString &subscriptionId)
{
    return make(404, QStringLiteral("SubscriptionNotFound"),
                tr("The subscription '%1' could not be found.").arg(subscriptionId));
}

ServiceError ArmErrors::resourceGroupNotFound(const QString &name)
{
    return make(404, QStringLiteral("ResourceGroupNotFound"), tr("Resource group '%1' could not be found.").arg(name));
}

ServiceError ArmErrors::deploymentNotFound(const QString &name, const QString &resourceGroup)
{
    return make(404, QStringLiteral("DeploymentNotFound"),
                tr("Deployment '%1' could not be found in resource group '%2'.").arg(name, resourceGroup));
}

ServiceError ArmErrors::resourceNotFound(const QString &typeAndName, const QString &resourceGroup)
{
    return make(404, QStringLiteral("ResourceNotFound"),
                tr("The Resource '%1' under resource group '%2' was not found. For more details please go to "
                   "https://aka.ms/ARMResourceNotFoundFix")
                    .arg(typeAndName, resourceGroup));
}

} // namespace TwinBridge::Sandbox
