#include "services/azure/ArmDeploymentWatcher.h"

#include "services/azure/ArmClient.h"
#include "services/core/Logging.h"

namespace TwinBridge {

ArmDeploymentWatcher::ArmDeploymentWatcher(ArmClient *client, QString subscriptionId, QString resourceGroup,
                                           QString name, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_subscriptionId(std::move(subscriptionId))
    , m_resourceGroup(std::move(resourceGroup))
    , m_name(std::move(name))
    , m_promise(Futures::startedPromise<Result<ArmDeployment>>())
{ }

ArmDeploymentWatcher::~ArmDeploymentWatcher()
{
    Futures::fulfil(m_promise, Result<ArmDeployment>(ServiceError::canceled()));
}

QList<ArmDeploymentOperation> ArmDeploymentWatcher::operations() const
{
    QList<ArmDeploymentOperation> result;
    for (const QString &id : m_operationOrder)
        result.append(m_operations.value(id));
    return result;
}

void ArmDeploymentWatcher::start()
{
    if (m_finished)
        return;
    qCDebug(lcAzureArm).noquote() << "watching deployment" << m_name;
    poll();
}

void ArmDeploymentWatcher::stop()
{
    if (m_finished)
        return;
    qCDebug(lcAzureArm).noquote() << "stopped watching deployment" << m_name;
    finish(ServiceError::canceled(tr("watch deployment %1").arg(m_name)));
}

QFuture<Status> ArmDeploymentWatcher::requestCancel()
{
    return m_client->cancelDeployment(m_subscriptionId, m_resourceGroup, m_name);
}

void ArmDeploymentWatcher::schedule()
{
    if (m_finished)
        return;
    const int generation = m_generation;
    m_client->clock()->callAfter(m_client->pollInterval(), this, [this, generation] {
        if (generation == m_generation)
            poll();
    });
}

void ArmDeploymentWatcher::poll()
{
    if (m_finished)
        return;
    const int generation = ++m_generation;
    m_client->getDeployment(m_subscriptionId, m_resourceGroup, m_name)
        .then(this, [this, generation](Result<ArmDeployment> deployment) {
            if (!m_finished && generation == m_generation)
                onDeployment(deployment);
        });
}

bool ArmDeploymentWatcher::tolerate(const ServiceError &error)
{
    // Right after the PUT the deployment may not be readable yet.
    if (!m_seen && error.kind() == ServiceError::Kind::NotFound && ++m_consecutiveErrors <= m_maxConsecutiveErrors)
        return true;
    if (error.isTransient() && ++m_consecutiveErrors <= m_maxConsecutiveErrors) {
        qCInfo(lcAzureArm).noquote() << "deployment watch: poll failed, trying again:" << error.code();
        return true;
    }
    return false;
}

void ArmDeploymentWatcher::onDeployment(const Result<ArmDeployment> &deployment)
{
    if (!deployment) {
        if (tolerate(deployment.error()))
            schedule();
        else
            finish(deployment.error());
        return;
    }
    m_seen = true;
    const bool changed = deployment.value().provisioningState != m_deployment.provisioningState;
    m_deployment = deployment.value();
    if (changed) {
        qCDebug(lcAzureArm).noquote() << "deployment" << m_name << "is" << m_deployment.provisioningState;
        emit deploymentStateChanged(m_deployment.provisioningState);
    }
    const int generation = m_generation;
    m_client->listDeploymentOperations(m_subscriptionId, m_resourceGroup, m_name)
        .then(this, [this, generation](Result<QList<ArmDeploymentOperation>> operations) {
            if (!m_finished && generation == m_generation)
                onOperations(operations);
        });
}

void ArmDeploymentWatcher::onOperations(const Result<QList<ArmDeploymentOperation>> &operations)
{
    if (!operations) {
        if (!tolerate(operations.error())) {
            finish(operations.error());
            return;
        }
    } else {
        m_consecutiveErrors = 0;
        for (const ArmDeploymentOperation &operation : operations.value()) {
            const auto known = m_operations.constFind(operation.operationId);
            const bool isNew = known == m_operations.constEnd();
            if (isNew)
                m_operationOrder.append(operation.operationId);
            if (isNew || known->provisioningState != operation.provisioningState ||
                known->statusMessage != operation.statusMessage) {
                m_operations.insert(operation.operationId, operation);
                emit operationChanged(operation);
            }
        }
    }

    if (!m_deployment.isTerminal()) {
        schedule();
        return;
    }
    const QString operation = tr("deploy %1").arg(m_name);
    if (m_deployment.succeeded()) {
        finish(m_deployment);
    } else if (m_deployment.provisioningState == QLatin1String("Canceled")) {
        ServiceError error(ServiceError::Kind::Canceled, tr("The deployment was canceled in Azure."));
        error.setOperation(operation);
        finish(error);
    } else if (m_deployment.error) {
        finish(m_deployment.error->toServiceError(0, operation));
    } else {
        ServiceError error(ServiceError::Kind::ServerError,
                           tr("The deployment failed without a reason from Azure. Check the deployment in the Azure "
                              "portal (resource group → Deployments)."));
        error.setOperation(operation);
        finish(error);
    }
}

void ArmDeploymentWatcher::finish(Result<ArmDeployment> result)
{
    if (m_finished)
        return;
    m_finished = true;
    ++m_generation;
    m_result = result;
    Futures::fulfil(m_promise, std::move(result));
    emit finished();
}

} // namespace TwinBridge
