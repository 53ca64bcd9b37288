#include "services/azure/ArmClient.h"

#include "services/azure/ArmDeploymentWatcher.h"
#include "services/azure/CloudError.h"
#include "services/azure/TokenCredential.h"
#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/net/RetryPolicy.h"
#include "services/settings/ConnectionProfile.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QUrlQuery>

namespace TwinBridge {

namespace {

ServiceError withOperation(ServiceError error, const QString &operation)
{
    if (error.operation().isEmpty())
        error.setOperation(operation);
    return error;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
        a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port(443) == b.port(443);
}

Result<QJsonObject> objectBody(const HttpResponse &response, const QString &operation)
{
    QString parseError;
    const QJsonDocument document = response.json(&parseError);
    if (!parseError.isEmpty() || !document.isObject())
        return ServiceError::malformedResponse(operation,
                                               parseError.isEmpty() ? QStringLiteral("not a JSON object") : parseError);
    return document.object();
}

template<typename T>
Result<T> parsed(const std::optional<T> &value, const QString &operation, const char *what)
{
    if (!value)
        return ServiceError::malformedResponse(operation, QStringLiteral("answer without %1").arg(QLatin1String(what)));
    return *value;
}

// The parser of an answer that is one JSON object of type T; `what` names the members T cannot do without.
template<typename T>
std::function<Result<T>(const HttpResponse &)>
objectParser(const QString &operation, std::optional<T> (*fromJson)(const QJsonObject &), const char *what)
{
    return [operation, fromJson, what](const HttpResponse &response) -> Result<T> {
        Result<QJsonObject> body = objectBody(response, operation);
        if (!body)
            return body.error();
        return parsed(fromJson(body.value()), operation, what);
    };
}

// Every element of the list `value`; no list (`noList`) or an element `fromJson` rejects (`badItem`) makes the
// answer malformed.
template<typename T>
Result<QList<T>> parsedList(const QJsonValue &value, const QString &operation,
                            const std::function<std::optional<T>(const QJsonObject &)> &fromJson, const char *noList,
                            const char *badItem)
{
    if (!value.isArray())
        return ServiceError::malformedResponse(operation, QLatin1String(noList));
    QList<T> items;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        std::optional<T> parsedItem = fromJson(item.toObject());
        if (!parsedItem)
            return ServiceError::malformedResponse(operation, QLatin1String(badItem));
        items.append(*parsedItem);
    }
    return items;
}

const QRegularExpression &subscriptionPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Za-z-]{1,64}$"));
    return pattern;
}

const QRegularExpression &deploymentPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[-\\w._()]{1,64}$"));
    return pattern;
}

const QRegularExpression &namespacePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z][A-Za-z0-9.]{1,100}$"));
    return pattern;
}

const QRegularExpression &iotHubPattern()
{
    // azure-protocols.md §5.3 [ARM-IOT Resource.name]
    static const QRegularExpression pattern(QStringLiteral("^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{2,49}[a-zA-Z0-9]$"));
    return pattern;
}

} // namespace

ArmClient::ArmClient(QNetworkAccessManager *nam, TokenCredential *credential, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_transport(new HttpTransport(nam, this))
    , m_credential(credential)
    , m_clock(clock ? clock : Clock::system())
{
    m_transport->setClock(m_clock);
    configure(EntraAuthority::publicCloud());
}

ArmClient::~ArmClient() = default;

void ArmClient::configure(const EntraAuthority &authority)
{
    m_endpoint = authority.armEndpoint;
    m_scope = authority.armScope;
}

QStringList ArmClient::requiredProviders()
{
    return {QStringLiteral("Microsoft.Devices"), QStringLiteral("Microsoft.EventHub"),
            QStringLiteral("Microsoft.Storage"), QStringLiteral("Microsoft.Web"), QStringLiteral("Microsoft.Insights")};
}

QUrl ArmClient::url(const QString &path, const QString &apiVersion) const
{
    QUrl result = m_endpoint;
    QString base = result.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    result.setPath(base + path);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("api-version"), apiVersion);
    result.setQuery(query);
    return result;
}

QFuture<Result<HttpResponse>> ArmClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                              bool idempotent)
{
    const QUrl target = url.isRelative() ? m_endpoint.resolved(url) : url;
    if (!sameOrigin(target, m_endpoint)) {
        qCWarning(lcAzureArm).noquote() << "refusing to send a token to" << redactedUrl(target);
        return Futures::readyResult<HttpResponse>(ServiceError(
            ServiceError::Kind::MalformedResponse,
            tr("Azure Resource Manager pointed to an unexpected address (%1). TwinBridge does not send your sign-in "
               "there; check the management endpoint in the profile.")
                .arg(target.host())));
    }
    if (!m_credential) {
        return Futures::readyResult<HttpResponse>(
            ServiceError::notConfigured(tr("No Azure sign-in is configured. Sign in to Azure first.")));
    }

    HttpRequest request;
    request.method = method;
    request.url = target;
    request.body = body;
    request.idempotent = idempotent;
    request.setHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader("Content-Type", "application/json");

    auto promise = Futures::startedPromise<Result<HttpResponse>>();
    const QString scope = m_scope;
    m_credential->token({scope}).then(this, [this, promise, request, scope](Result<AccessToken> token) mutable {
        if (!token) {
            Futures::fulfil(promise, Result<HttpResponse>(token.error()));
            return;
        }
        request.setHeader("Authorization", "Bearer " + token.value().token.toUtf8());
        m_transport->send(request).then(this, [this, promise, scope](const HttpResponse &response) {
            if (!response.hasHttpStatus()) {
                Futures::fulfil(promise, Result<HttpResponse>(response.transportError(QString())));
                return;
            }
            if (response.status == 401 && m_credential)
                m_credential->invalidate({scope}); // the next call gets a fresh token
            Futures::fulfil(promise, Result<HttpResponse>(response));
        });
    });
    return promise->future();
}

ServiceError ArmClient::errorFrom(const HttpResponse &response, const QString &operation) const
{
    ServiceError error;
    if (auto cloudError = CloudError::fromBody(response.body))
        error = cloudError->toServiceError(response.status, operation);
    else
        error = CloudError::fromUnparsedResponse(response.status, response.body, operation);
    if (const auto retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"), m_clock->nowUtc()))
        error.setRetryAfter(*retryAfter);
    qCInfo(lcAzureArm).noquote() << "ARM error" << response.status << error.code() << "for" << operation;
    return error;
}

template<typename T>
QFuture<Result<T>> ArmClient::call(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                   const QString &operation, Parser<T> parser, bool idempotent)
{
    return send(method, url, body, idempotent)
        .then(this, [this, operation, parser](Result<HttpResponse> response) -> Result<T> {
            if (!response)
                return withOperation(response.error(), operation);
            if (response.value().status >= 400)
                return errorFrom(response.value(), operation);
            Result<T> result = parser(response.value());
            if (!result)
                return withOperation(result.error(), operation);
            return result;
        });
}

template<typename T>
QFuture<Result<QList<T>>> ArmClient::listAll(const QUrl &firstPage, const QString &operation,
                                             std::function<std::optional<T>(const QJsonObject &)> parseItem)
{
    struct State
    {
        Futures::SharedPromise<Result<QList<T>>> promise;
        QList<T> items;
        QStringList seen;
        std::function<std::optional<T>(const QJsonObject &)> parseItem;
        QString operation;
    };
    auto state = std::make_shared<State>();
    state->promise = Futures::startedPromise<Result<QList<T>>>();
    state->parseItem = std::move(parseItem);
    state->operation = operation;

    // Pages are fetched one after another; the continuation holds the state alive between them.
    auto fetch = std::make_shared<std::function<void(const QUrl &)>>();
    std::weak_ptr<std::function<void(const QUrl &)>> weakFetch = fetch;
    *fetch = [this, state, weakFetch](const QUrl &page) {
        auto keepAlive = weakFetch.lock();
        state->seen.append(page.toString());
        send("GET", page).then(this, [this, state, keepAlive](Result<HttpResponse> response) {
            auto fail = [&state](ServiceError error) {
                Futures::fulfil(state->promise, Result<QList<T>>(withOperation(std::move(error), state->operation)));
            };
            if (!response)
                return fail(response.error());
            if (response.value().status >= 400)
                return fail(errorFrom(response.value(), state->operation));
            Result<QJsonObject> body = objectBody(response.value(), state->operation);
            if (!body)
                return fail(body.error());
            Result<QList<T>> items =
                parsedList<T>(body.value().value(QLatin1String("value")), state->operation, state->parseItem,
                              "list without \"value\"", "list entry without its required members");
            if (!items)
                return fail(items.error());
            state->items.append(items.value());
            const QString nextLink = body.value().value(QLatin1String("nextLink")).toString();
            if (!nextLink.isEmpty() && !state->seen.contains(nextLink) && state->seen.size() < 100) {
                qCDebug(lcAzureArm).noquote()
                    << state->operation << ": following nextLink, page" << state->seen.size() + 1;
                (*keepAlive)(QUrl(nextLink));
                return;
            }
            Futures::fulfil(state->promise, Result<QList<T>>(state->items));
        });
    };
    (*fetch)(firstPage);
    return state->promise->future();
}

template<typename T>
QFuture<Result<T>> ArmClient::longRunning(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                          ArmLongRunningOperation::Options options,
                                          std::function<Result<T>(const QJsonObject &)> map,
                                          std::function<void(const HttpResponse &)> onAccepted)
{
    auto promise = Futures::startedPromise<Result<T>>();
    auto operationHandle = std::make_shared<QPointer<ArmLongRunningOperation>>();

    // Canceling the returned future stops the polling (the operation itself goes on in Azure).
    auto *watcher = new QFutureWatcher<Result<T>>(this);
    connect(watcher, &QFutureWatcherBase::canceled, this, [operationHandle] {
        if (*operationHandle)
            (*operationHandle)->cancel();
    });
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(promise->future());

    if (options.defaultInterval.count() <= 0)
        options.defaultInterval = m_pollInterval;
    const QString operation = options.operation;
    send(method, url, body, method != "POST")
        .then(this,
              [this, promise, operationHandle, options, map, onAccepted, operation](Result<HttpResponse> response) {
                  if (promise->future().isCanceled()) {
                      Futures::fulfil(promise, Result<T>(ServiceError::canceled(operation)));
                      return;
                  }
                  if (!response) {
                      Futures::fulfil(promise, Result<T>(withOperation(response.error(), operation)));
                      return;
                  }
                  if (response.value().status >= 400) {
                      Futures::fulfil(promise, Result<T>(errorFrom(response.value(), operation)));
                      return;
                  }
                  if (onAccepted)
                      onAccepted(response.value());
                  auto *lro = new ArmLongRunningOperation([this](const QUrl &pollUrl) { return send("GET", pollUrl); },
                                                          m_clock, options, this);
                  *operationHandle = lro;
                  connect(lro, &ArmLongRunningOperation::statusChanged, this,
                          [this, operation](const QString &status) { emit longRunningStatus(operation, status); });
                  lro->start(response.value()).then(this, [promise, map](Result<QJsonObject> result) {
                      Futures::fulfil(promise, result ? map(result.value()) : Result<T>(result.error()));
                  });
              });
    return promise->future();
}

std::optional<ServiceError> ArmClient::checkSubscription(const QString &subscriptionId, const QString &operation) const
{
    if (subscriptionPattern().match(subscriptionId).hasMatch())
        return std::nullopt;
    return withOperation(ServiceError::invalidInput(tr("“%1” is not a valid subscription id. Choose a subscription "
                                                       "from the list.")
                                                        .arg(subscriptionId)),
                         operation);
}

std::optional<ServiceError> ArmClient::checkProvider(const QString &subscriptionId, const QString &providerNamespace,
                                                     const QString &operation) const
{
    if (auto error = checkSubscription(subscriptionId, operation))
        return error;
    if (namespacePattern().match(providerNamespace).hasMatch())
        return std::nullopt;
    return withOperation(
        ServiceError::invalidInput(tr("“%1” is not a resource provider namespace.").arg(providerNamespace)), operation);
}

std::optional<ServiceError> ArmClient::checkResourceGroup(const QString &subscriptionId, const QString &resourceGroup,
                                                          const QString &operation) const
{
    if (auto error = checkSubscription(subscriptionId, operation))
        return error;
    if (ConnectionProfile::isValidResourceGroupName(resourceGroup))
        return std::nullopt;
    return withOperation(
        ServiceError::invalidInput(tr("“%1” is not a valid resource group name. Use 1 to 90 letters, digits, '-', "
                                      "'_', '.', '(' or ')', not ending in '.'.")
                                       .arg(resourceGroup)),
        operation);
}

std::optional<ServiceError> ArmClient::checkDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                       const QString &name, const QString &operation) const
{
    if (auto error = checkResourceGroup(subscriptionId, resourceGroup, operation))
        return error;
    if (deploymentPattern().match(name).hasMatch())
        return std::nullopt;
    return withOperation(ServiceError::invalidInput(tr("“%1” is not a valid deployment name. Use 1 to 64 letters, "
                                                       "digits, '-', '_', '.', '(' or ')'.")
                                                        .arg(name)),
                         operation);
}

QString ArmClient::deploymentPath(const QString &subscriptionId, const QString &resourceGroup,
                                  const QString &name) const
{
    return QStringLiteral("/subscriptions/%1/resourcegroups/%2/providers/Microsoft.Resources/deployments/%3")
        .arg(subscriptionId, resourceGroup, name);
}

// --- subscriptions and locations ---------------------------------------------------------------------------

QFuture<Result<QList<ArmSubscription>>> ArmClient::listSubscriptions()
{
    return listAll<ArmSubscription>(url(QStringLiteral("/subscriptions"), subscriptionsApiVersion()),
                                    tr("list your Azure subscriptions"), &ArmSubscription::fromJson);
}

QFuture<Result<QList<ArmLocation>>> ArmClient::listLocations(const QString &subscriptionId)
{
    const QString operation = tr("list the Azure regions of subscription %1").arg(subscriptionId);
    if (auto error = checkSubscription(subscriptionId, operation))
        return Futures::readyResult<QList<ArmLocation>>(*error);
    return listAll<ArmLocation>(
        url(QStringLiteral("/subscriptions/%1/locations").arg(subscriptionId), subscriptionsApiVersion()), operation,
        &ArmLocation::fromJson);
}

// --- resource providers ------------------------------------------------------------------------------------

QFuture<Result<ArmProvider>> ArmClient::getProvider(const QString &subscriptionId, const QString &providerNamespace)
{
    const QString operation = tr("read the registration of resource provider %1").arg(providerNamespace);
    if (auto error = checkProvider(subscriptionId, providerNamespace, operation))
        return Futures::readyResult<ArmProvider>(*error);
    return call<ArmProvider>(
        "GET",
        url(QStringLiteral("/subscriptions/%1/providers/%2").arg(subscriptionId, providerNamespace),
            providersApiVersion()),
        {}, operation, objectParser(operation, &ArmProvider::fromJson, "registrationState"));
}

QFuture<Result<ArmProvider>> ArmClient::registerProvider(const QString &subscriptionId,
                                                         const QString &providerNamespace)
{
    const QString operation = tr("register resource provider %1").arg(providerNamespace);
    if (auto error = checkProvider(subscriptionId, providerNamespace, operation))
        return Futures::readyResult<ArmProvider>(*error);

    const QString providerPath =
        QStringLiteral("/subscriptions/%1/providers/%2").arg(subscriptionId, providerNamespace);
    ArmLongRunningOperation::Options options;
    options.operation = operation;
    options.resourceUrl = url(providerPath, providersApiVersion());
    options.defaultInterval = m_pollInterval;
    options.maxPolls = 120;
    options.resourceCheck = [operation](const QJsonObject &body) -> std::optional<Result<QJsonObject>> {
        const QString state = body.value(QLatin1String("registrationState")).toString();
        if (state.isEmpty())
            return Result<QJsonObject>(
                ServiceError::malformedResponse(operation, QStringLiteral("answer without registrationState")));
        if (state == QLatin1String("Registered"))
            return Result<QJsonObject>(body);
        return std::nullopt; // NotRegistered right after the POST, then Registering
    };
    return longRunning<ArmProvider>("POST", url(providerPath + QStringLiteral("/register"), providersApiVersion()), {},
                                    options, [operation](const QJsonObject &body) {
                                        return parsed(ArmProvider::fromJson(body), operation, "registrationState");
                                    });
}

// --- IoT hubs of the subscription ---------------------------------------------------------------------------

QFuture<Result<QList<ArmIotHub>>> ArmClient::listIotHubs(const QString &subscriptionId)
{
    const QString operation = tr("list the IoT hubs of subscription %1").arg(subscriptionId);
    if (auto error = checkSubscription(subscriptionId, operation))
        return Futures::readyResult<QList<ArmIotHub>>(*error);
    return listAll<ArmIotHub>(
        url(QStringLiteral("/subscriptions/%1/providers/Microsoft.Devices/IotHubs").arg(subscriptionId),
            iotHubApiVersion()),
        operation, &ArmIotHub::fromJson);
}

// --- IoT Hub name availability -----------------------------------------------------------------------------

QFuture<Result<NameAvailability>> ArmClient::checkIotHubNameAvailability(const QString &subscriptionId,
                                                                         const QString &name)
{
    const QString operation = tr("check whether the IoT hub name “%1” is available").arg(name);
    if (auto error = checkSubscription(subscriptionId, operation))
        return Futures::readyResult<NameAvailability>(*error);
    if (name.trimmed().isEmpty() || name.size() > 200)
        return Futures::readyResult<NameAvailability>(
            withOperation(ServiceError::invalidInput(tr("Enter a name for the IoT hub.")), operation));
    return call<NameAvailability>(
        "POST",
        url(QStringLiteral("/subscriptions/%1/providers/Microsoft.Devices/checkNameAvailability").arg(subscriptionId),
            iotHubApiVersion()),
        compact(QJsonObject {{QStringLiteral("name"), name}}), operation,
        objectParser(operation, &NameAvailability::fromJson, "nameAvailable"));
}

// --- resource groups ---------------------------------------------------------------------------------------

QFuture<Result<QList<ArmResourceGroup>>> ArmClient::listResourceGroups(const QString &subscriptionId)
{
    const QString operation = tr("list the resource groups of subscription %1").arg(subscriptionId);
    if (auto error = checkSubscription(subscriptionId, operation))
        return Futures::readyResult<QList<ArmResourceGroup>>(*error);
    return listAll<ArmResourceGroup>(
        url(QStringLiteral("/subscriptions/%1/resourcegroups").arg(subscriptionId), resourceGroupsApiVersion()),
        operation, &ArmResourceGroup::fromJson);
}

QFuture<Result<ArmResourceGroup>> ArmClient::createOrUpdateResourceGroup(const QString &subscriptionId,
                                                                         const QString &name, const QString &location,
                                                                         const QMap<QString, QString> &tags)
{
    const QString operation = tr("create resource group %1").arg(name);
    if (auto error = checkResourceGroup(subscriptionId, name, operation))
        return Futures::readyResult<ArmResourceGroup>(*error);
    if (location.trimmed().isEmpty())
        return Futures::readyResult<ArmResourceGroup>(
            withOperation(ServiceError::invalidInput(tr("Choose a region for the resource group.")), operation));
    QJsonObject body {{QStringLiteral("location"), location}};
    if (!tags.isEmpty()) {
        QJsonObject json;
        for (auto it = tags.begin(); it != tags.end(); ++it)
            json.insert(it.key(), it.value());
        body.insert(QStringLiteral("tags"), json);
    }
    return call<ArmResourceGroup>("PUT",
                                  url(QStringLiteral("/subscriptions/%1/resourcegroups/%2").arg(subscriptionId, name),
                                      resourceGroupsApiVersion()),
                                  compact(body), operation,
                                  objectParser(operation, &ArmResourceGroup::fromJson, "name and location"));
}

QFuture<Result<ArmResourceGroup>> ArmClient::getResourceGroup(const QString &subscriptionId, const QString &name)
{
    const QString operation = tr("read resource group %1").arg(name);
    if (auto error = checkResourceGroup(subscriptionId, name, operation))
        return Futures::readyResult<ArmResourceGroup>(*error);
    return call<ArmResourceGroup>("GET",
                                  url(QStringLiteral("/subscriptions/%1/resourcegroups/%2").arg(subscriptionId, name),
                                      resourceGroupsApiVersion()),
                                  {}, operation,
                                  objectParser(operation, &ArmResourceGroup::fromJson, "name and location"));
}

QFuture<Status> ArmClient::deleteResourceGroup(const QString &subscriptionId, const QString &name)
{
    const QString operation = tr("delete resource group %1").arg(name);
    if (auto error = checkResourceGroup(subscriptionId, name, operation))
        return Futures::readyResult<Done>(*error);
    ArmLongRunningOperation::Options options;
    options.operation = operation;
    options.defaultInterval = m_pollInterval;
    return longRunning<Done>("DELETE",
                             url(QStringLiteral("/subscriptions/%1/resourcegroups/%2").arg(subscriptionId, name),
                                 resourceGroupsApiVersion()),
                             {}, options, [](const QJsonObject &) { return Status(Done {}); });
}

// --- deployments -------------------------------------------------------------------------------------------

QFuture<Result<ArmDeploymentValidation>> ArmClient::validateDeployment(const QString &subscriptionId,
                                                                       const QString &resourceGroup,
                                                                       const QString &name,
                                                                       const ArmDeploymentRequest &request)
{
    const QString operation = tr("validate deployment %1").arg(name);
    if (auto error = checkDeployment(subscriptionId, resourceGroup, name, operation))
        return Futures::readyResult<ArmDeploymentValidation>(*error);
    ArmLongRunningOperation::Options options;
    options.operation = operation;
    options.defaultInterval = m_pollInterval;
    return longRunning<ArmDeploymentValidation>(
        "POST",
        url(deploymentPath(subscriptionId, resourceGroup, name) + QStringLiteral("/validate"), deploymentsApiVersion()),
        compact(request.toJson()), options, [operation](const QJsonObject &body) -> Result<ArmDeploymentValidation> {
            // Older service versions answered 200 with the error inside.
            if (body.value(QLatin1String("error")).isObject()) {
                if (auto cloudError = CloudError::fromJson(body))
                    return cloudError->toServiceError(400, operation);
            }
            return parsed(ArmDeploymentValidation::fromJson(body), operation, "properties");
        });
}

QFuture<Result<QList<WhatIfChange>>> ArmClient::whatIfDeployment(const QString &subscriptionId,
                                                                 const QString &resourceGroup, const QString &name,
                                                                 const ArmDeploymentRequest &request)
{
    const QString operation = tr("preview the changes of deployment %1 (what-if)").arg(name);
    if (auto error = checkDeployment(subscriptionId, resourceGroup, name, operation))
        return Futures::readyResult<QList<WhatIfChange>>(*error);
    ArmLongRunningOperation::Options options;
    options.operation = operation;
    options.defaultInterval = m_pollInterval;
    return longRunning<QList<WhatIfChange>>(
        "POST",
        url(deploymentPath(subscriptionId, resourceGroup, name) + QStringLiteral("/whatIf"), deploymentsApiVersion()),
        compact(request.toJson()), options, [operation](const QJsonObject &object) -> Result<QList<WhatIfChange>> {
            if (object.value(QLatin1String("status")).toString() == QLatin1String("Failed")) {
                if (auto cloudError = CloudError::fromJson(object.value(QLatin1String("error")).toObject()))
                    return cloudError->toServiceError(0, operation);
                return ServiceError::malformedResponse(operation, QStringLiteral("what-if Failed without an error"));
            }
            return parsedList<WhatIfChange>(
                object.value(QLatin1String("properties")).toObject().value(QLatin1String("changes")), operation,
                &WhatIfChange::fromJson, "what-if result without properties.changes",
                "change without resourceId or changeType");
        });
}

QFuture<Result<ArmDeployment>> ArmClient::createDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                           const QString &name, const ArmDeploymentRequest &request)
{
    const QString operation = tr("deploy %1 to resource group %2").arg(name, resourceGroup);
    if (auto error = checkDeployment(subscriptionId, resourceGroup, name, operation))
        return Futures::readyResult<ArmDeployment>(*error);
    const QUrl deploymentUrl = url(deploymentPath(subscriptionId, resourceGroup, name), deploymentsApiVersion());
    ArmLongRunningOperation::Options options;
    options.operation = operation;
    options.resourceUrl = deploymentUrl;
    options.defaultInterval = m_pollInterval;
    auto onAccepted = [this](const HttpResponse &response) {
        if (auto deployment = ArmDeployment::fromJson(QJsonDocument::fromJson(response.body).object())) {
            qCInfo(lcAzureArm).noquote() << "deployment" << deployment->name
                                         << "accepted:" << deployment->provisioningState;
            emit deploymentAccepted(*deployment);
        }
    };
    return longRunning<ArmDeployment>(
        "PUT", deploymentUrl, compact(request.toJson()), options,
        [operation](const QJsonObject &body) {
            return parsed(ArmDeployment::fromJson(body), operation, "provisioningState");
        },
        onAccepted);
}

QFuture<Result<ArmDeployment>> ArmClient::getDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                        const QString &name)
{
    const QString operation = tr("read deployment %1").arg(name);
    if (auto error = checkDeployment(subscriptionId, resourceGroup, name, operation))
        return Futures::readyResult<ArmDeployment>(*error);
    return call<ArmDeployment>("GET", url(deploymentPath(subscriptionId, resourceGroup, name), deploymentsApiVersion()),
                               {}, operation, objectParser(operation, &ArmDeployment::fromJson, "provisioningState"));
}

QFuture<Result<QList<ArmDeploymentOperation>>>
ArmClient::listDeploymentOperations(const QString &subscriptionId, const QString &resourceGroup, const QString &name)
{
    const QString operation = tr("list the operations of deployment %1").arg(name);
    if (auto error = checkDeployment(subscriptionId, resourceGroup, name, operation))
        return Futures::readyResult<QList<ArmDeploymentOperation>>(*error);
    return listAll<ArmDeploymentOperation>(
        url(deploymentPath(subscriptionId, resourceGroup, name) + QStringLiteral("/operations"),
            deploymentsApiVersion()),
        operation, &ArmDeploymentOperation::fromJson);
}

QFuture<Status> ArmClient::cancelDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                            const QString &name)
{
    const QString operation = tr("cancel deployment %1").arg(name);
    if (auto error = checkDeployment(subscriptionId, resourceGroup, name, operation))
        return Futures::readyResult<Done>(*error);
    return call<Done>(
        "POST",
        url(deploymentPath(subscriptionId, resourceGroup, name) + QStringLiteral("/cancel"), deploymentsApiVersion()),
        {}, operation, [](const HttpResponse &) -> Status { return Done {}; }, true);
}

ArmDeploymentWatcher *ArmClient::watchDeployment(const QString &subscriptionId, const QString &resourceGroup,
                                                 const QString &name)
{
    auto *watcher = new ArmDeploymentWatcher(this, subscriptionId, resourceGroup, name, this);
    watcher->start();
    return watcher;
}

// --- IoT Hub keys ------------------------------------------------------------------------------------------

QFuture<Result<QList<IotHubAccessKey>>> ArmClient::listIotHubKeys(const QString &subscriptionId,
                                                                  const QString &resourceGroup, const QString &hubName)
{
    const QString operation = tr("fetch the access keys of IoT hub %1").arg(hubName);
    if (auto error = checkResourceGroup(subscriptionId, resourceGroup, operation))
        return Futures::readyResult<QList<IotHubAccessKey>>(*error);
    if (!iotHubPattern().match(hubName).hasMatch())
        return Futures::readyResult<QList<IotHubAccessKey>>(
            withOperation(ServiceError::invalidInput(tr("“%1” is not a valid IoT hub name.").arg(hubName)), operation));
    // The listkeys answer holds keys: nothing of it is logged, and a malformed one is never quoted.
    return call<QList<IotHubAccessKey>>(
        "POST",
        url(QStringLiteral("/subscriptions/%1/resourcegroups/%2/providers/Microsoft.Devices/IotHubs/%3/listkeys")
                .arg(subscriptionId, resourceGroup, hubName),
            iotHubApiVersion()),
        {}, operation,
        [operation](const HttpResponse &response) -> Result<QList<IotHubAccessKey>> {
            return parsedList<IotHubAccessKey>(
                QJsonDocument::fromJson(response.body).object().value(QLatin1String("value")), operation,
                &IotHubAccessKey::fromJson, "listkeys answer without \"value\"",
                "policy without keyName or primaryKey");
        },
        true);
}

QFuture<Result<IotHubAccessKey>> ArmClient::iotHubKey(const QString &subscriptionId, const QString &resourceGroup,
                                                      const QString &hubName, const QString &policyName)
{
    const QString operation = tr("fetch the key of policy %1 of IoT hub %2").arg(policyName, hubName);
    return listIotHubKeys(subscriptionId, resourceGroup, hubName)
        .then(this, [operation, policyName, hubName](Result<QList<IotHubAccessKey>> keys) -> Result<IotHubAccessKey> {
            if (!keys)
                return keys.error();
            QStringList names;
            for (const IotHubAccessKey &key : keys.value()) {
                if (key.keyName.compare(policyName, Qt::CaseInsensitive) == 0)
                    return key;
                names << key.keyName;
            }
            ServiceError error(ServiceError::Kind::NotFound,
                               tr("IoT hub %1 has no shared access policy named “%2” (it has: %3). Choose one of "
                                  "those, or add the policy to the hub.")
                                   .arg(hubName, policyName, names.join(QLatin1String(", "))));
            error.setCode(QStringLiteral("PolicyNotFound"));
            error.setOperation(operation);
            return error;
        });
}

} // namespace TwinBridge
