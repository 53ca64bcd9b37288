#include "services/deploy/AzureDeployer.h"

#include "services/azure/ArmClient.h"
#include "services/azure/ArmDeploymentWatcher.h"
#include "services/core/Logging.h"

#include <memory>

namespace TwinBridge {

AzureDeployer::AzureDeployer(ArmClient *arm, QObject *parent)
    : QObject(parent)
    , m_arm(arm)
{
    connect(m_arm, &ArmClient::longRunningStatus, this, &AzureDeployer::operationStatus);
}

AzureDeployer::~AzureDeployer()
{
    if (m_watcher) {
        m_watcher->stop();
        m_watcher->deleteLater();
    }
}

// --- pre-flight ---------------------------------------------------------------------------------------------

QFuture<Result<DeploymentPreflight>> AzureDeployer::preflight(const DeploymentPlan &plan)
{
    if (const Status valid = plan.check(); !valid)
        return Futures::readyResult<DeploymentPreflight>(valid.error());
    auto promise = Futures::startedPromise<Result<DeploymentPreflight>>();
    checkNextProvider(plan, ArmClient::requiredProviders(), {}, promise);
    return promise->future();
}

void AzureDeployer::checkNextProvider(const DeploymentPlan &plan, QStringList providers, DeploymentPreflight found,
                                      const Futures::SharedPromise<Result<DeploymentPreflight>> &promise)
{
    if (!providers.isEmpty()) {
        const QString provider = providers.takeFirst();
        m_arm->getProvider(plan.subscriptionId, provider)
            .then(this, [this, plan, providers, found, promise, provider](Result<ArmProvider> state) mutable {
                if (!state) {
                    Futures::fulfil(promise, state.error());
                    return;
                }
                if (!state.value().isRegistered())
                    found.unregisteredProviders.append(provider);
                checkNextProvider(plan, providers, found, promise);
            });
        return;
    }
    m_arm->checkIotHubNameAvailability(plan.subscriptionId, plan.hubName())
        .then(this, [this, plan, found, promise](Result<NameAvailability> name) mutable {
            if (!name) {
                Futures::fulfil(promise, name.error());
                return;
            }
            found.hubNameAvailable = name.value().nameAvailable;
            found.hubNameReason = name.value().reason;
            found.hubNameMessage = name.value().message;
            checkFreeHub(plan, found, promise);
        });
}

void AzureDeployer::checkFreeHub(const DeploymentPlan &plan, DeploymentPreflight found,
                                 const Futures::SharedPromise<Result<DeploymentPreflight>> &promise)
{
    if (plan.hubSku != HubSku::F1) {
        Futures::fulfil(promise, found);
        return;
    }
    // One Free hub per subscription (azure-protocols.md §6); the plan's own hub is the one an update redeploys.
    m_arm->listIotHubs(plan.subscriptionId)
        .then(this, [plan, found, promise](Result<QList<ArmIotHub>> hubs) mutable {
            if (!hubs) {
                Futures::fulfil(promise, hubs.error());
                return;
            }
            for (const ArmIotHub &hub : hubs.value()) {
                if (hub.isFree() && hub.name.compare(plan.hubName(), Qt::CaseInsensitive) != 0) {
                    found.existingFreeHub = hub.name;
                    found.existingFreeHubResourceGroup = hub.resourceGroup;
                    qCInfo(lcAzureArm).noquote() << "pre-flight: the subscription has a Free hub already:" << hub.name;
                    break;
                }
            }
            Futures::fulfil(promise, found);
        });
}

QFuture<Status> AzureDeployer::registerProviders(const QString &subscriptionId, const QStringList &providers)
{
    auto promise = Futures::startedPromise<Status>();
    registerNext(subscriptionId, providers, promise);
    return promise->future();
}

void AzureDeployer::registerNext(const QString &subscriptionId, QStringList providers,
                                 const Futures::SharedPromise<Status> &promise)
{
    if (providers.isEmpty()) {
        Futures::fulfil(promise, Done {});
        return;
    }
    const QString provider = providers.takeFirst();
    qCInfo(lcAzureArm) << "registering resource provider" << provider;
    m_arm->registerProvider(subscriptionId, provider)
        .then(this, [this, subscriptionId, providers, promise, provider](Result<ArmProvider> registered) {
            if (!registered) {
                Futures::fulfil(promise, registered.error());
                return;
            }
            emit operationStatus(tr("register %1").arg(provider), registered.value().registrationState);
            registerNext(subscriptionId, providers, promise);
        });
}

// --- validate and what-if -----------------------------------------------------------------------------------

QFuture<Result<ArmResourceGroup>> AzureDeployer::ensureResourceGroup(const DeploymentPlan &plan)
{
    emit stepChanged(Step::EnsuringResourceGroup);
    return m_arm->createOrUpdateResourceGroup(plan.subscriptionId, plan.resourceGroup, plan.location,
                                              {{QStringLiteral("application"), QStringLiteral("TwinBridge")}});
}

QFuture<Result<ArmDeploymentValidation>> AzureDeployer::validate(const DeploymentPlan &plan)
{
    if (const Status valid = plan.check(); !valid)
        return Futures::readyResult<ArmDeploymentValidation>(valid.error());
    auto promise = Futures::startedPromise<Result<ArmDeploymentValidation>>();
    ensureResourceGroup(plan).then(this, [this, plan, promise](Result<ArmResourceGroup> group) {
        if (!group) {
            Futures::fulfil(promise, group.error());
            return;
        }
        m_arm->validateDeployment(plan.subscriptionId, plan.resourceGroup, plan.deploymentName, plan.request())
            .then(this, [promise](Result<ArmDeploymentValidation> validation) {
                Futures::fulfil(promise, validation);
            });
    });
    return promise->future();
}

QFuture<Result<QList<WhatIfChange>>> AzureDeployer::whatIf(const DeploymentPlan &plan)
{
    if (const Status valid = plan.check(); !valid)
        return Futures::readyResult<QList<WhatIfChange>>(valid.error());
    auto promise = Futures::startedPromise<Result<QList<WhatIfChange>>>();
    ensureResourceGroup(plan).then(this, [this, plan, promise](Result<ArmResourceGroup> group) {
        if (!group) {
            Futures::fulfil(promise, group.error());
            return;
        }
        m_arm->whatIfDeployment(plan.subscriptionId, plan.resourceGroup, plan.deploymentName, plan.request())
            .then(this, [promise](Result<QList<WhatIfChange>> changes) { Futures::fulfil(promise, changes); });
    });
    return promise->future();
}

// --- deploy -------------------------------------------------------------------------------------------------

QFuture<Result<DeploymentOutcome>> AzureDeployer::deploy(const DeploymentPlan &plan)
{
    if (const Status valid = plan.check(); !valid)
        return Futures::readyResult<DeploymentOutcome>(valid.error());
    if (m_deploying) {
        return Futures::readyResult<DeploymentOutcome>(
            ServiceError(ServiceError::Kind::Conflict,
                         tr("A deployment is already running. Wait for it to finish or cancel it first."))
                .setOperation(tr("deploy %1").arg(plan.deploymentName)));
    }
    m_deploying = true;
    m_cancelRequested = false;
    m_subscriptionId = plan.subscriptionId;
    m_resourceGroup = plan.resourceGroup;
    m_deploymentName = plan.deploymentName;
    auto promise = Futures::startedPromise<Result<DeploymentOutcome>>();
    ensureResourceGroup(plan).then(this, [this, plan, promise](Result<ArmResourceGroup> group) {
        if (!group) {
            finishDeployment(plan, group.error(), promise);
            return;
        }
        if (m_cancelRequested) {
            finishDeployment(plan, ServiceError::canceled(tr("deploy %1").arg(plan.deploymentName)), promise);
            return;
        }
        emit stepChanged(Step::Deploying);
        // Per-resource progress once Azure accepted the deployment.
        auto accepted = std::make_shared<QMetaObject::Connection>();
        *accepted = connect(m_arm, &ArmClient::deploymentAccepted, this,
                            [this, plan, accepted](const ArmDeployment &deployment) {
                                if (deployment.name.compare(plan.deploymentName, Qt::CaseInsensitive) != 0)
                                    return;
                                disconnect(*accepted);
                                watch(plan);
                            });
        m_arm->createDeployment(plan.subscriptionId, plan.resourceGroup, plan.deploymentName, plan.request())
            .then(this, [this, plan, promise, accepted](Result<ArmDeployment> deployed) {
                disconnect(*accepted);
                finishDeployment(plan, std::move(deployed), promise);
            });
    });
    return promise->future();
}

void AzureDeployer::watch(const DeploymentPlan &plan)
{
    if (m_watcher)
        m_watcher->deleteLater();
    m_watcher = m_arm->watchDeployment(plan.subscriptionId, plan.resourceGroup, plan.deploymentName);
    connect(m_watcher, &ArmDeploymentWatcher::deploymentStateChanged, this, &AzureDeployer::deploymentStateChanged);
    connect(m_watcher, &ArmDeploymentWatcher::operationChanged, this, &AzureDeployer::operationChanged);
    m_watcher->start();
    if (m_cancelRequested)
        m_watcher->requestCancel();
}

void AzureDeployer::finishDeployment(const DeploymentPlan &plan, Result<ArmDeployment> deployed,
                                     const Futures::SharedPromise<Result<DeploymentOutcome>> &promise)
{
    // Let the watcher report the last resource states before the outcome is known (it ends on the same
    // terminal state, at most one poll later).
    if (m_watcher && !m_watcher->isFinished() && deployed.ok()) {
        QPointer<ArmDeploymentWatcher> watcher = m_watcher;
        auto done = std::make_shared<QMetaObject::Connection>();
        *done = connect(watcher, &ArmDeploymentWatcher::finished, this, [this, plan, deployed, promise, done]() {
            disconnect(*done);
            finishDeployment(plan, deployed, promise);
        });
        return;
    }
    if (m_watcher) {
        m_watcher->stop();
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    if (!deployed) {
        m_deploying = false;
        ServiceError error = deployed.error();
        if (m_cancelRequested) {
            // Say what is left behind; Azure's own words stay in the detail.
            ServiceError canceled(ServiceError::Kind::Canceled,
                                  tr("The deployment was canceled. Resources it already created stay in resource "
                                     "group %1: deploy again to complete them, or uninstall to remove them.")
                                      .arg(plan.resourceGroup),
                                  error.detail().isEmpty() ? error.message() : error.detail());
            canceled.setOperation(tr("deploy %1").arg(plan.deploymentName));
            error = canceled;
        }
        Futures::fulfil(promise, error);
        return;
    }
    fetchKey(plan, deployed.value(), promise);
}

void AzureDeployer::fetchKey(const DeploymentPlan &plan, const ArmDeployment &deployment,
                             const Futures::SharedPromise<Result<DeploymentOutcome>> &promise)
{
    emit stepChanged(Step::FetchingKey);
    DeploymentOutcome outcome;
    outcome.deployment = deployment;
    outcome.hubName = deployment.outputValue(QStringLiteral("iotHubName")).toString(plan.hubName());
    outcome.hostName = deployment.outputValue(QStringLiteral("iotHubHostname"))
                           .toString(outcome.hubName + QStringLiteral(".azure-devices.net"));
    outcome.policyName =
        deployment.outputValue(QStringLiteral("iotHubPolicyName")).toString(DeploymentPlan::policyName());
    m_arm->iotHubKey(plan.subscriptionId, plan.resourceGroup, outcome.hubName, outcome.policyName)
        .then(this, [this, outcome, promise](Result<IotHubAccessKey> key) mutable {
            m_deploying = false;
            if (!key) {
                Futures::fulfil(promise, key.error());
                return;
            }
            outcome.policyKey = key.value().primaryKey;
            qCInfo(lcAzureArm) << "deployment finished; key of policy" << outcome.policyName << "fetched";
            Futures::fulfil(promise, outcome);
        });
}

QFuture<Status> AzureDeployer::cancel()
{
    if (!m_deploying)
        return Futures::readyResult<Done>(Done {});
    m_cancelRequested = true;
    if (m_watcher)
        return m_watcher->requestCancel();
    // Not accepted yet: deploy() stops before the PUT, or watch() cancels once Azure accepted it.
    return Futures::readyResult<Done>(Done {});
}

// --- uninstall ----------------------------------------------------------------------------------------------

QFuture<Status> AzureDeployer::uninstall(const QString &subscriptionId, const QString &resourceGroup)
{
    emit stepChanged(Step::DeletingResourceGroup);
    return m_arm->deleteResourceGroup(subscriptionId, resourceGroup);
}

} // namespace TwinBridge
