#pragma once

#include "services/azure/ArmLongRunningOperation.h"
#include "services/azure/ArmTypes.h"
#include "services/azure/EntraAuthority.h"
#include "services/azure/TokenCredential.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/net/HttpTransport.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace TwinBridge {

class ArmDeploymentWatcher;

// Azure Resource Manager over REST (azure-protocols.md §5.2/§5.3): subscriptions and regions, resource
// provider registration, IoT Hub name availability, resource groups, template deployments (validate, what-if,
// create, status, operations, cancel) and IoT Hub listkeys. Every call gets a bearer token for the configured
// scope from the TokenCredential, resolves to a Result, and maps ARM's CloudError to a ServiceError a user can
// act on. Long-running operations are followed by ArmLongRunningOperation on the injected Clock. Request
// bodies, tokens and keys are never logged; bearer tokens only go to the configured management host.
class ArmClient : public QObject
{
    Q_OBJECT

public:
    ArmClient(QNetworkAccessManager *nam, TokenCredential *credential, Clock *clock = nullptr,
              QObject *parent = nullptr);
    ~ArmClient() override;

    // The management endpoint and token scope of the cloud (public cloud by default).
    void configure(const EntraAuthority &authority);
    void setEndpoint(const QUrl &endpoint) { m_endpoint = endpoint; }
    QUrl endpoint() const { return m_endpoint; }
    void setScope(const QString &scope) { m_scope = scope; }
    QString scope() const { return m_scope; }
    // Wait between polls when Azure gives no Retry-After (long-running operations, provider registration,
    // deployment watching). Default 5 s.
    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }
    std::chrono::milliseconds pollInterval() const { return m_pollInterval; }

    HttpTransport *transport() const { return m_transport; }
    TokenCredential *credential() const { return m_credential; }
    Clock *clock() const { return m_clock; }

    static QString subscriptionsApiVersion() { return QStringLiteral("2022-12-01"); }
    static QString resourceGroupsApiVersion() { return QStringLiteral("2021-04-01"); }
    static QString providersApiVersion() { return QStringLiteral("2021-04-01"); }
    static QString deploymentsApiVersion() { return QStringLiteral("2025-04-01"); }
    static QString iotHubApiVersion() { return QStringLiteral("2023-06-30"); }
    // The providers the TwinBridge template needs registered in the subscription.
    static QStringList requiredProviders();

    // Subscriptions and regions (all pages, following nextLink).
    QFuture<Result<QList<ArmSubscription>>> listSubscriptions();
    QFuture<Result<QList<ArmLocation>>> listLocations(const QString &subscriptionId);

    // Resource providers: state, and registration (POST register, then GET until Registered).
    QFuture<Result<ArmProvider>> getProvider(const QString &subscriptionId, const QString &providerNamespace);
    QFuture<Result<ArmProvider>> registerProvider(const QString &subscriptionId, const QString &providerNamespace);

    // Every IoT hub of the subscription, in all its resource groups (all pages, following nextLink).
    QFuture<Result<QList<ArmIotHub>>> listIotHubs(const QString &subscriptionId);
    QFuture<Result<NameAvailability>> checkIotHubNameAvailability(const QString &subscriptionId, const QString &name);

    // Resource groups. Listing follows nextLink; deleting follows the 202 + Location operation to its end.
    QFuture<Result<QList<ArmResourceGroup>>> listResourceGroups(const QString &subscriptionId);
    QFuture<Result<ArmResourceGroup>> createOrUpdateResourceGroup(const QString &subscriptionId, const QString &name,
                                                                  const QString &location,
                                                                  const QMap<QString, QString> &tags = {});
    QFuture<Result<ArmResourceGroup>> getResourceGroup(const QString &subscriptionId, const QString &name);
    QFuture<Status> deleteResourceGroup(const QString &subscriptionId, const QString &name);

    // Deployments into a resource group.
    QFuture<Result<ArmDeploymentValidation>> validateDeployment(const QString &subscriptionId,
                                                                const QString &resourceGroup, const QString &name,
                                                                const ArmDeploymentRequest &request);
    QFuture<Result<QList<WhatIfChange>>> whatIfDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                          const QString &name, const ArmDeploymentRequest &request);
    // PUT, then follows the deployment to Succeeded (the result, with outputs) or Failed/Canceled (an error).
    // deploymentAccepted() is emitted once Azure accepted the PUT (start watchDeployment() then).
    QFuture<Result<ArmDeployment>> createDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                    const QString &name, const ArmDeploymentRequest &request);
    QFuture<Result<ArmDeployment>> getDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                 const QString &name);
    QFuture<Result<QList<ArmDeploymentOperation>>>
    listDeploymentOperations(const QString &subscriptionId, const QString &resourceGroup, const QString &name);
    // Only possible while Accepted/Running; otherwise a Conflict error.
    QFuture<Status> cancelDeployment(const QString &subscriptionId, const QString &resourceGroup, const QString &name);

    // Polls the deployment and its operations and reports per-resource progress until it ends (the wizard's
    // progress view). The watcher is a child of this client; delete it (deleteLater) when done with it.
    ArmDeploymentWatcher *watchDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                          const QString &name);

    // IoT Hub shared access policies with their keys (POST …/listkeys). Keys are fetched here, never taken from
    // deployment outputs.
    QFuture<Result<QList<IotHubAccessKey>>> listIotHubKeys(const QString &subscriptionId, const QString &resourceGroup,
                                                           const QString &hubName);
    QFuture<Result<IotHubAccessKey>> iotHubKey(const QString &subscriptionId, const QString &resourceGroup,
                                               const QString &hubName, const QString &policyName);

    // An authorized request to the management endpoint (relative URLs are resolved against it; other hosts are
    // refused so the bearer token never leaves it). Any HTTP status is a value; errors are token or transport
    // failures.
    QFuture<Result<HttpResponse>> send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                                       bool idempotent = true);
    // {endpoint}{path}?api-version=…
    QUrl url(const QString &path, const QString &apiVersion) const;
    // The ServiceError for an ARM error answer (CloudError or not).
    ServiceError errorFrom(const HttpResponse &response, const QString &operation) const;

signals:
    void deploymentAccepted(const TwinBridge::ArmDeployment &deployment);
    // Status changes of the long-running operations this client follows (UI progress / status bar).
    void longRunningStatus(const QString &operation, const QString &status);

private:
    template<typename T>
    using Parser = std::function<Result<T>(const HttpResponse &response)>;

    template<typename T>
    QFuture<Result<T>> call(const QByteArray &method, const QUrl &url, const QByteArray &body, const QString &operation,
                            Parser<T> parser, bool idempotent = true);
    template<typename T>
    QFuture<Result<QList<T>>> listAll(const QUrl &url, const QString &operation,
                                      std::function<std::optional<T>(const QJsonObject &)> parseItem);
    template<typename T>
    QFuture<Result<T>> longRunning(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                   ArmLongRunningOperation::Options options,
                                   std::function<Result<T>(const QJsonObject &)> map,
                                   std::function<void(const HttpResponse &)> onAccepted = {});
    QString deploymentPath(const QString &subscriptionId, const QString &resourceGroup, const QString &name) const;
    std::optional<ServiceError> checkSubscription(const QString &subscriptionId, const QString &operation) const;
    std::optional<ServiceError> checkProvider(const QString &subscriptionId, const QString &providerNamespace,
                                              const QString &operation) const;
    std::optional<ServiceError> checkResourceGroup(const QString &subscriptionId, const QString &resourceGroup,
                                                   const QString &operation) const;
    std::optional<ServiceError> checkDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                const QString &name, const QString &operation) const;

    HttpTransport *m_transport;
    QPointer<TokenCredential> m_credential;
    Clock *m_clock;
    QUrl m_endpoint;
    QString m_scope;
    std::chrono::milliseconds m_pollInterval {5000};
};

} // namespace TwinBridge
