#pragma once

#include "sandbox/arm/ArmResourceStore.h"
#include "sandbox/azure/AzureEndpoint.h"
#include "services/azure/CloudError.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace TwinBridge::Sandbox {

class ArmResourceProvider;
class ArmTemplateEngine;
class EntraStandIn;
class HubDirectory;
class IotHubProvider;
class RoutingDirectory;

// The Azure Resource Manager stand-in (reference/azure-protocols.md §5.2/§5.3, docs/sandbox-arm.md). It answers
// below /subscriptions on the sandbox's AzureEndpoint for the one subscription of AzureDefaults:
//
//   GET  /subscriptions[/{s}]                           the subscription
//   GET  /subscriptions/{s}/locations                   a fixed list of public-cloud regions
//   GET  /subscriptions/{s}/providers[/{ns}]            registration state; POST …/{ns}/register
//   POST /subscriptions/{s}/providers/Microsoft.Devices/checkNameAvailability
//   GET  /subscriptions/{s}/providers/Microsoft.Devices/IotHubs   every IoT hub of the subscription (ARM's)
//   PUT|GET|HEAD|DELETE /subscriptions/{s}/resourcegroups/{rg}    DELETE: 202 + Location (…/operationresults/{id})
//   GET  /subscriptions/{s}/resourcegroups[/{rg}/resources]
//   …/resourcegroups/{rg}/providers/Microsoft.Resources/deployments[/{name}[/validate|whatIf|cancel|operations
//                                                                   |operationStatuses/{id}]]
//   GET|DELETE …/resourcegroups/{rg}/providers/{ns}/{type}/{name}[…], POST …/{action} (listkeys, listKeys, …)
//
// Every call needs a bearer token the Entra stand-in issued for Resource Manager (401 with ARM's error shape and
// WWW-Authenticate otherwise). A deployment PUT is checked like ARM's preflight (ArmTemplateEngine, then every
// resource provider's validate) and then runs on the injected Clock: Accepted, Running, one operation per resource
// that starts once those it depends on succeeded and takes the provider's provisioning time × timeScale, then
// Succeeded with evaluated outputs, or Failed with DeploymentFailed details, or Canceled. Resource groups,
// deployments, resources and provider registrations are saved in {stateDir}/azure/arm.json.
class ArmStandIn : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        // Multiplies every simulated duration (resource provisioning, resource group deletion, registration).
        double timeScale = 1.0;
        // The Retry-After seconds of 201/202 answers (what clients wait between polls); 0: no Retry-After.
        int retryAfterSeconds = 1;
    };

    struct Operation
    {
        QString operationId;
        QString resourceId;
        QString resourceType;
        QString resourceName;
        QString provisioningOperation = QStringLiteral("Create"); // Create | Read (existing resource updated)
        QString state = QStringLiteral("Pending"); // Pending (not started), Running, Succeeded, Failed, Canceled
        QDateTime started;
        QDateTime finished;
        qint64 dueMs = 0; // monotonic time the provisioning ends (Running only)
        QString statusCode; // OK, Created, BadRequest, Conflict …
        std::optional<CloudError> error;
    };

    struct Deployment
    {
        QString name;
        QString resourceGroup;
        QString state; // Accepted, Running, Succeeded, Failed, Canceled
        QString mode;
        QJsonObject templateJson;
        QJsonObject parameterValues; // as given ({"p": {"value": …}})
        QString correlationId;
        QString statusOperationId; // …/operationStatuses/{id}
        QDateTime timestamp; // of the last change
        QDateTime started;
        QDateTime finished;
        QJsonObject outputs;
        QStringList outputResources;
        QList<Operation> operations;
        std::optional<CloudError> error;
        QJsonObject parametersForDisplay;
        QString templateHash;
        quint64 generation = 0; // timers of older runs are ignored
    };

    struct ResourceGroup
    {
        QString name;
        QString location;
        QJsonObject tags;
        QString state = QStringLiteral("Succeeded"); // Succeeded | Deleting
    };

    static constexpr char StateFileName[] = "azure/arm.json";
    static constexpr int MaxResults = 256; // what-if and deletion results kept for polling

    ArmStandIn(HubDirectory *hubs, RoutingDirectory *routing, EntraStandIn *entra, Clock *clock = Clock::system(),
               QObject *parent = nullptr);
    ~ArmStandIn() override;

    // Loads {directory}/azure/arm.json (and resumes deployments that were running); saves there from now on.
    Status setStateDirectory(const QString &directory);
    Status saveNow() const;

    Settings settings() const { return m_settings; }
    void setSettings(const Settings &settings) { m_settings = settings; }

    void registerRoutes(AzureEndpoint &endpoint);
    // The whole ARM handling of one request (authorization included); what the endpoint's prefix calls.
    AzureEndpoint::Response handle(const AzureEndpoint::Request &request);

    QList<ResourceGroup> resourceGroups() const { return m_resourceGroups.values(); }
    std::optional<Deployment> deployment(const QString &resourceGroup, const QString &name) const;
    QList<Deployment> deployments(const QString &resourceGroup) const;
    const ArmResourceStore &resources() const { return m_store; }
    QString providerState(const QString &providerNamespace) const;

signals:
    void deploymentChanged(const QString &resourceGroup, const QString &name, const QString &state);
    void resourceGroupDeleted(const QString &name);

private:
    struct PendingResult; // what-if answers and resource group deletions behind …/operationresults/{id}
    class Reader;
    using Request = AzureEndpoint::Request;
    using Response = AzureEndpoint::Response;

    Response route(const Request &request, const QStringList &segments);
    Response subscriptionCall(const Request &request, const QStringList &rest);
    Response providersCall(const Request &request, const QStringList &rest);
    Response resourceGroupCall(const Request &request, const QString &name, const QStringList &rest);
    Response deploymentsCall(const Request &request, const QString &resourceGroup, const QStringList &rest);
    Response resourceCall(const Request &request, const QString &resourceGroup, const QStringList &rest);
    Response operationResult(const Request &request, const QString &id);

    Response putDeployment(const Request &request, const QString &resourceGroup, const QString &name);
    Response validateDeployment(const Request &request, const QString &resourceGroup, const QString &name);
    Response whatIf(const Request &request, const QString &resourceGroup, const QString &name);
    Response cancelDeployment(const QString &resourceGroup, const QString &name);
    Response deleteResourceGroup(const Request &request, const QString &name);

    // The request body as a JSON object; InvalidRequestContent if it is not one.
    static Result<QJsonObject> requestObject(const Request &request);
    // Template + parameters of a deployment body, through the engine and the providers' preflight checks.
    Result<std::shared_ptr<ArmTemplateEngine>> preflight(const QJsonObject &body, const QString &resourceGroup,
                                                         const QString &name);
    Result<std::shared_ptr<ArmTemplateEngine>> prepare(const Deployment &deployment) const;

    void startDeployment(Deployment &deployment, std::shared_ptr<ArmTemplateEngine> engine);
    void step(const QString &key, quint64 generation);
    void finishOperation(Deployment &deployment, Operation &operation, ArmTemplateEngine &engine);
    void startOperation(Deployment &deployment, Operation &operation, ArmTemplateEngine &engine);
    void finishDeployment(Deployment &deployment, ArmTemplateEngine &engine);
    void scheduleStep(const Deployment &deployment, qint64 delayMs);
    void dropPendingDefinitions(const Deployment &deployment);
    void removeResourceGroup(const QString &name);
    void setProviderRegistered(const QString &providerNamespace);
    void rememberResult(const QString &id, std::shared_ptr<PendingResult> result);

    ArmResourceProvider *providerFor(const QString &type) const;
    qint64 scaled(qint64 ms) const;
    QString deploymentId(const QString &resourceGroup, const QString &name) const;
    QJsonObject deploymentJson(const Deployment &deployment) const;
    QJsonObject operationJson(const Deployment &deployment, const Operation &operation) const;
    QJsonObject resourceGroupJson(const ResourceGroup &group) const;
    QJsonObject providerJson(const QString &providerNamespace) const;
    QJsonObject subscriptionJson() const;
    Response errorResponse(const ServiceError &error) const;
    void addRetryAfter(Response &response) const;
    Response cloudErrorResponse(int status, const QString &code, const QString &message) const;
    std::optional<Response> authorize(const Request &request) const;
    void changed();

    static QString key(const QString &resourceGroup, const QString &name);
    static QString newId();

    QPointer<HubDirectory> m_hubs;
    QPointer<EntraStandIn> m_entra;
    Clock *m_clock;
    Settings m_settings;
    ArmResourceStore m_store;
    std::vector<std::unique_ptr<ArmResourceProvider>> m_providers;
    IotHubProvider *m_iotHubs = nullptr;
    QMap<QString, ResourceGroup> m_resourceGroups; // by lower-case name
    QMap<QString, Deployment> m_deployments; // by key()
    QMap<QString, std::shared_ptr<ArmTemplateEngine>> m_engines; // running deployments, by key()
    QMap<QString, QString> m_providerStates; // by lower-case namespace
    QMap<QString, QJsonObject> m_pendingDefinitions; // evaluated definitions of running operations, by operation id
    std::map<QString, std::shared_ptr<PendingResult>> m_results;
    QStringList m_resultOrder;
    QString m_stateDirectory;
    quint64 m_generation = 0;
};

} // namespace TwinBridge::Sandbox
