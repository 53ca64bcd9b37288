#pragma once

#include "services/azure/ArmTypes.h"
#include "services/core/Futures.h"
#include "services/core/Result.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace TwinBridge {

class ArmClient;

// Watches one deployment for the wizard's progress view: every poll interval (ArmClient::pollInterval(), on the
// client's Clock) it reads the deployment and its operations, emits operationChanged() for each resource that
// appeared or changed state, and ends when the deployment is Succeeded (result = the deployment with its
// outputs), Failed (an error naming the innermost problem) or Canceled. stop() only stops watching;
// requestCancel() asks Azure to cancel the deployment and keeps watching until it reports Canceled.
class ArmDeploymentWatcher : public QObject
{
    Q_OBJECT

public:
    ArmDeploymentWatcher(ArmClient *client, QString subscriptionId, QString resourceGroup, QString name,
                         QObject *parent = nullptr);
    ~ArmDeploymentWatcher() override;

    void start();
    void stop();
    QFuture<Status> requestCancel();

    QString deploymentName() const { return m_name; }
    QString provisioningState() const { return m_deployment.provisioningState; }
    // The latest state of every operation seen, in the order they first appeared.
    QList<ArmDeploymentOperation> operations() const;
    bool isFinished() const { return m_finished; }
    // Valid once finished().
    Result<ArmDeployment> result() const { return m_result; }
    QFuture<Result<ArmDeployment>> future() const { return m_promise->future(); }

    // Consecutive failed polls (network, throttling, 5xx) tolerated before giving up. Default 3.
    void setMaxConsecutiveErrors(int count) { m_maxConsecutiveErrors = count; }

signals:
    void deploymentStateChanged(const QString &provisioningState);
    void operationChanged(const TwinBridge::ArmDeploymentOperation &operation);
    void finished();

private:
    void schedule();
    void poll();
    void onDeployment(const Result<ArmDeployment> &deployment);
    void onOperations(const Result<QList<ArmDeploymentOperation>> &operations);
    bool tolerate(const ServiceError &error);
    void finish(Result<ArmDeployment> result);

    ArmClient *m_client;
    QString m_subscriptionId;
    QString m_resourceGroup;
    QString m_name;
    ArmDeployment m_deployment;
    QList<QString> m_operationOrder;
    QHash<QString, ArmDeploymentOperation> m_operations;
    Result<ArmDeployment> m_result;
    Futures::SharedPromise<Result<ArmDeployment>> m_promise;
    int m_consecutiveErrors = 0;
    int m_maxConsecutiveErrors = 3;
    int m_generation = 0;
    bool m_seen = false;
    bool m_finished = false;
};

} // namespace TwinBridge
