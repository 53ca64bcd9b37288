#pragma once

#include "services/azure/ArmTypes.h"
#include "services/core/Futures.h"
#include "services/core/Result.h"
#include "services/deploy/DeploymentPlan.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace TwinBridge {

class ArmClient;
class ArmDeploymentWatcher;

// What the pre-flight found before anything is changed.
struct DeploymentPreflight
{
    QStringList unregisteredProviders; // of ArmClient::requiredProviders(), those not Registered
    bool hubNameAvailable = false; // iothub-{suffix} is free
    QString hubNameReason; // Invalid | AlreadyExists (when not available)
    QString hubNameMessage; // Azure's sentence about the name
    // When the plan asks for an F1 hub: the name of the Free hub the subscription already has (other than the
    // plan's own hub, which an update redeploys). Azure allows one F1 hub per subscription, so such a plan
    // would fail; choose S1 or delete that hub. Empty otherwise (and always for other tiers).
    QString existingFreeHub;
    QString existingFreeHubResourceGroup; // where existingFreeHub lives

    bool operator==(const DeploymentPreflight &) const = default;
};

// What a finished deployment gives the profile: the hub, the policy and its key. policyKey is a secret: it goes
// straight to the keychain and is never printed or logged.
struct DeploymentOutcome
{
    ArmDeployment deployment;
    QString hubName;
    QString hostName; // output iotHubHostname
    QString policyName; // output iotHubPolicyName ("twinbridge")
    QString policyKey; // primary key of the policy, from listkeys
};

// Deploys, updates and uninstalls TwinBridge's Azure side (resources/azure/main.json) through an injected
// ArmClient, for twinbridged and the console's wizard alike (no GUI here). Each step is one call resolving to a
// Result; ARM errors keep their details (ServiceError::detail/payload). While deploy() runs, the per-resource
// progress of the deployment (ArmDeploymentWatcher) is re-emitted as signals; cancel() asks Azure to stop it.
class AzureDeployer : public QObject
{
    Q_OBJECT

public:
    enum class Step { EnsuringResourceGroup, Deploying, FetchingKey, DeletingResourceGroup };
    Q_ENUM(Step)

    explicit AzureDeployer(ArmClient *arm, QObject *parent = nullptr);
    ~AzureDeployer() override;

    ArmClient *arm() const { return m_arm; }

    // Which required providers are not registered and whether the hub name is free. Changes nothing.
    QFuture<Result<DeploymentPreflight>> preflight(const DeploymentPlan &plan);
    // Registers the providers one after another (each followed until Registered).
    QFuture<Status> registerProviders(const QString &subscriptionId, const QStringList &providers);
    // Creates (or updates) the plan's resource group in its region, then has ARM validate the deployment request
    // (template, parameters, and the providers' preflight checks). A refusal is an error keeping Azure's
    // CloudError: ServiceError::detail() lists every problem (one line each), payload() holds the tree.
    QFuture<Result<ArmDeploymentValidation>> validate(const DeploymentPlan &plan);
    // Creates (or updates) the plan's resource group in its region, then asks ARM what the deployment would
    // change (one entry per resource: Create, Modify, NoChange, …).
    QFuture<Result<QList<WhatIfChange>>> whatIf(const DeploymentPlan &plan);
    // Ensures the resource group, creates the deployment and follows it to its end (progress as signals), then
    // fetches the key of the template's policy. One at a time: a second call while one runs is a Conflict.
    QFuture<Result<DeploymentOutcome>> deploy(const DeploymentPlan &plan);
    bool isDeploying() const { return m_deploying; }
    // Asks Azure to cancel the running deployment; deploy() then resolves with a Canceled error. Nothing to
    // cancel is not an error.
    QFuture<Status> cancel();
    // Deletes the resource group with everything in it, following the operation to its end.
    QFuture<Status> uninstall(const QString &subscriptionId, const QString &resourceGroup);

signals:
    void stepChanged(TwinBridge::AzureDeployer::Step step);
    void deploymentStateChanged(const QString &provisioningState);
    void operationChanged(const TwinBridge::ArmDeploymentOperation &operation);
    // Status changes of the long-running operations followed (resource group deletion, provider registration).
    void operationStatus(const QString &operation, const QString &status);

private:
    void watch(const DeploymentPlan &plan);
    void finishDeployment(const DeploymentPlan &plan, Result<ArmDeployment> deployed,
                          const Futures::SharedPromise<Result<DeploymentOutcome>> &promise);
    void fetchKey(const DeploymentPlan &plan, const ArmDeployment &deployment,
                  const Futures::SharedPromise<Result<DeploymentOutcome>> &promise);
    void registerNext(const QString &subscriptionId, QStringList providers,
                      const Futures::SharedPromise<Status> &promise);
    void checkNextProvider(const DeploymentPlan &plan, QStringList providers, DeploymentPreflight found,
                           const Futures::SharedPromise<Result<DeploymentPreflight>> &promise);
    void checkFreeHub(const DeploymentPlan &plan, DeploymentPreflight found,
                      const Futures::SharedPromise<Result<DeploymentPreflight>> &promise);
    QFuture<Result<ArmResourceGroup>> ensureResourceGroup(const DeploymentPlan &plan);

    ArmClient *m_arm;
    QPointer<ArmDeploymentWatcher> m_watcher;
    QString m_subscriptionId;
    QString m_resourceGroup;
    QString m_deploymentName;
    bool m_deploying = false;
    bool m_cancelRequested = false;
};

} // namespace TwinBridge
