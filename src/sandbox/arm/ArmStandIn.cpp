#include "sandbox/arm/ArmStandIn.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmResourceReader.h"
#include "sandbox/arm/ArmTemplateEngine.h"
#include "sandbox/arm/EventHubProvider.h"
#include "sandbox/arm/InsightsProvider.h"
#include "sandbox/arm/IotHubProvider.h"
#include "sandbox/arm/StorageProvider.h"
#include "sandbox/arm/WebProvider.h"
#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/hub/HubDirectory.h"
#include "services/core/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <limits>

namespace TwinBridge::Sandbox {

namespace {

const QString subscriptionId()
{
    return QLatin1String(AzureDefaults::SubscriptionId);
}

bool same(const QString &a, const char *b)
{
    return a.compare(QLatin1String(b), Qt::CaseInsensitive) == 0;
}

bool isTerminal(const QString &state)
{
    return state == QLatin1String("Succeeded") || state == QLatin1String("Failed") ||
        state == QLatin1String("Canceled");
}

QString timestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// ISO 8601 duration as ARM writes it: "PT3.512S".
QString duration(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return QStringLiteral("PT0S");
    const qint64 ms = std::max<qint64>(0, from.msecsTo(to));
    return QStringLiteral("PT%1.%2S").arg(ms / 1000).arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

QString statusText(int httpStatus)
{
    switch (httpStatus) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 400:
        return QStringLiteral("BadRequest");
    case 404:
        return QStringLiteral("NotFound");
    case 409:
        return QStringLiteral("Conflict");
    default:
        return httpStatus >= 500 ? QStringLiteral("InternalServerError") : QString::number(httpStatus);
    }
}

struct Region
{
    const char *name;
    const char *displayName;
    const char *geography;
    const char *paired;
};

constexpr Region Regions[] = {
    {"westeurope", "West Europe", "Europe", "northeurope"},
    {"northeurope", "North Europe", "Europe", "westeurope"},
    {"germanywestcentral", "Germany West Central", "Germany", "germanynorth"},
    {"francecentral", "France Central", "France", "francesouth"},
    {"swedencentral", "Sweden Central", "Sweden", "swedensouth"},
    {"uksouth", "UK South", "United Kingdom", "ukwest"},
    {"eastus", "East US", "United States", "westus"},
    {"eastus2", "East US 2", "United States", "centralus"},
    {"westus2", "West US 2", "United States", "westcentralus"},
    {"centralus", "Central US", "United States", "eastus2"},
    {"southeastasia", "Southeast Asia", "Asia Pacific", "eastasia"},
    {"australiaeast", "Australia East", "Australia", "australiasoutheast"},
    {"japaneast", "Japan East", "Japan", "japanwest"},
};

// "West Europe" → "westeurope"; empty when the sandbox does not know the region.
QString normalizedLocation(const QString &location)
{
    QString name = location.toLower();
    name.remove(QLatin1Char(' '));
    for (const Region &region : Regions) {
        if (name == QLatin1String(region.name))
            return name;
    }
    return name == QLatin1String("global") ? name : QString();
}

QStringList regionDisplayNames()
{
    QStringList names;
    for (const Region &region : Regions)
        names << QLatin1String(region.displayName);
    return names;
}

QJsonObject cloudErrorJson(const CloudError &error)
{
    return QJsonObject {{QStringLiteral("error"), error.toJson()}};
}

QStringList deploymentProviderNamespaces(const ArmTemplateEngine &engine)
{
    QStringList namespaces;
    for (const ArmTemplateEngine::Resource &resource : engine.resources()) {
        if (!namespaces.contains(resource.providerNamespace(), Qt::CaseInsensitive))
            namespaces << resource.providerNamespace();
    }
    return namespaces;
}

QJsonObject operationToState(const ArmStandIn::Operation &operation, const QJsonObject &definition)
{
    QJsonObject state {
        {QStringLiteral("operationId"), operation.operationId},
        {QStringLiteral("resourceId"), operation.resourceId},
        {QStringLiteral("resourceType"), operation.resourceType},
        {QStringLiteral("resourceName"), operation.resourceName},
        {QStringLiteral("provisioningOperation"), operation.provisioningOperation},
        {QStringLiteral("state"), operation.state},
        {QStringLiteral("started"), timestamp(operation.started)},
        {QStringLiteral("finished"), timestamp(operation.finished)},
        {QStringLiteral("statusCode"), operation.statusCode},
    };
    if (operation.error)
        state.insert(QStringLiteral("error"), operation.error->toJson());
    if (!definition.isEmpty())
        state.insert(QStringLiteral("definition"), definition);
    return state;
}

QDateTime readTime(const QJsonObject &object, const char *key)
{
    const QString text = object.value(QLatin1String(key)).toString();
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

// True when `current` has every value `wanted` asks for (objects compared member by member; what the service
// adds itself, such as an SKU's tier, is no change).
bool covers(const QJsonValue &current, const QJsonValue &wanted)
{
    if (wanted.isObject() && current.isObject()) {
        const QJsonObject have = current.toObject();
        const QJsonObject want = wanted.toObject();
        for (auto it = want.constBegin(); it != want.constEnd(); ++it) {
            if (!covers(have.value(it.key()), it.value()))
                return false;
        }
        return true;
    }
    if (wanted.isDouble() && current.isDouble())
        return wanted.toDouble() == current.toDouble();
    return wanted == current;
}

void addHeader(AzureEndpoint::Response &response, const char *name, const QByteArray &value)
{
    response.headers.append(qMakePair(QByteArray(name), value));
}

} // namespace

// What …/operationresults/{id} answers: 202 until `done`, then 200 with `body`.
struct ArmStandIn::PendingResult
{
    bool done = false;
    QJsonObject body;
};

// reference() and list*() of template expressions over the store and the providers.
class ArmStandIn::Reader : public ArmResourceReader
{
public:
    explicit Reader(const ArmStandIn *standIn)
        : m_standIn(standIn)
    { }

    Result<QJsonValue> reference(const QString &resourceId, const QString &apiVersion, bool full) override
    {
        const ArmResource *resource = m_standIn->m_store.find(resourceId);
        ArmResourceProvider *provider = resource ? m_standIn->providerFor(resource->type) : nullptr;
        if (!resource || !provider)
            return ArmErrors::resourceNotFound(resourceId.section(QLatin1String("/providers/"), 1), {});
        QJsonObject json = provider->read(*resource);
        if (!full)
            return QJsonValue(json.value(QLatin1String("properties")).toObject());
        json.insert(QStringLiteral("apiVersion"), apiVersion.isEmpty() ? resource->apiVersion : apiVersion);
        return QJsonValue(json);
    }

    Result<QJsonValue> listAction(const QString &action, const QString &resourceId, const QString &) override
    {
        const ArmResource *resource = m_standIn->m_store.find(resourceId);
        ArmResourceProvider *provider = resource ? m_standIn->providerFor(resource->type) : nullptr;
        if (!resource || !provider)
            return ArmErrors::resourceNotFound(resourceId.section(QLatin1String("/providers/"), 1), {});
        return provider->action(*resource, action);
    }

private:
    const ArmStandIn *m_standIn;
};

ArmStandIn::ArmStandIn(HubDirectory *hubs, RoutingDirectory *routing, EntraStandIn *entra, Clock *clock,
                       QObject *parent)
    : QObject(parent)
    , m_hubs(hubs)
    , m_entra(entra)
    , m_clock(clock ? clock : Clock::system())
{
    auto iotHubs = std::make_unique<IotHubProvider>(&m_store, hubs, routing);
    m_iotHubs = iotHubs.get();
    m_providers.push_back(std::move(iotHubs));
    m_providers.push_back(std::make_unique<EventHubProvider>(&m_store));
    m_providers.push_back(std::make_unique<StorageProvider>(&m_store));
    m_providers.push_back(std::make_unique<WebProvider>(&m_store));
    m_providers.push_back(std::make_unique<InsightsProvider>(&m_store));
}

ArmStandIn::~ArmStandIn() = default;

QString ArmStandIn::key(const QString &resourceGroup, const QString &name)
{
    return resourceGroup.toLower() + QLatin1Char('/') + name.toLower();
}

QString ArmStandIn::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

qint64 ArmStandIn::scaled(qint64 ms) const
{
    return qint64(double(ms) * std::max(0.0, m_settings.timeScale));
}

ArmResourceProvider *ArmStandIn::providerFor(const QString &type) const
{
    for (const auto &provider : m_providers) {
        if (provider->resourceType(type))
            return provider.get();
    }
    return nullptr;
}

QString ArmStandIn::providerState(const QString &providerNamespace) const
{
    if (same(providerNamespace, "Microsoft.Resources"))
        return QStringLiteral("Registered");
    return m_providerStates.value(providerNamespace.toLower(), QStringLiteral("NotRegistered"));
}

std::optional<ArmStandIn::Deployment> ArmStandIn::deployment(const QString &resourceGroup, const QString &name) const
{
    const auto it = m_deployments.constFind(key(resourceGroup, name));
    if (it == m_deployments.constEnd())
        return std::nullopt;
    return *it;
}

QList<ArmStandIn::Deployment> ArmStandIn::deployments(const QString &resourceGroup) const
{
    QList<Deployment> list;
    for (const Deployment &deployment : m_deployments) {
        if (deployment.resourceGroup.compare(resourceGroup, Qt::CaseInsensitive) == 0)
            list << deployment;
    }
    return list;
}

// --- state ----------------------------------------------------------------------------------------------------

Status ArmStandIn::setStateDirectory(const QString &directory)
{
    m_stateDirectory = directory;
    const QString path = QDir(directory).filePath(QLatin1String(StateFileName));
    QFile file(path);
    if (!file.exists())
        return Done {};
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("Could not read the Resource Manager state \"%1\": %2. Check its permissions.")
                                .arg(path, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonObject state = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The Resource Manager state \"%1\" is damaged (%2). Move it away to start without "
                               "resource groups.")
                                .arg(path, parseError.errorString()));
    }
    const QJsonObject providers = state.value(QLatin1String("providers")).toObject();
    for (auto it = providers.constBegin(); it != providers.constEnd(); ++it)
        m_providerStates.insert(it.key().toLower(), it.value().toString());
    for (const QJsonValue &value : state.value(QLatin1String("resourceGroups")).toArray()) {
        const QJsonObject object = value.toObject();
        ResourceGroup group;
        group.name = object.value(QLatin1String("name")).toString();
        group.location = object.value(QLatin1String("location")).toString();
        group.tags = object.value(QLatin1String("tags")).toObject();
        group.state = object.value(QLatin1String("state")).toString(QStringLiteral("Succeeded"));
        if (!group.name.isEmpty())
            m_resourceGroups.insert(group.name.toLower(), group);
    }
    m_store.restore(state.value(QLatin1String("resources")).toArray());

    QList<QString> resume;
    for (const QJsonValue &value : state.value(QLatin1String("deployments")).toArray()) {
        const QJsonObject object = value.toObject();
        Deployment deployment;
        deployment.name = object.value(QLatin1String("name")).toString();
        deployment.resourceGroup = object.value(QLatin1String("resourceGroup")).toString();
        deployment.state = object.value(QLatin1String("state")).toString();
        deployment.mode = object.value(QLatin1String("mode")).toString(QStringLiteral("Incremental"));
        deployment.templateJson = object.value(QLatin1String("template")).toObject();
        deployment.parameterValues = object.value(QLatin1String("parameterValues")).toObject();
        deployment.correlationId = object.value(QLatin1String("correlationId")).toString();
        deployment.statusOperationId = object.value(QLatin1String("statusOperationId")).toString();
        deployment.timestamp = readTime(object, "timestamp");
        deployment.started = readTime(object, "started");
        deployment.finished = readTime(object, "finished");
        deployment.outputs = object.value(QLatin1String("outputs")).toObject();
        for (const QJsonValue &id : object.value(QLatin1String("outputResources")).toArray())
            deployment.outputResources << id.toString();
        deployment.parametersForDisplay = object.value(QLatin1String("parameters")).toObject();
        deployment.templateHash = object.value(QLatin1String("templateHash")).toString();
        if (object.contains(QLatin1String("error")))
            deployment.error = CloudError::fromJson(object.value(QLatin1String("error")).toObject());
        for (const QJsonValue &item : object.value(QLatin1String("operations")).toArray()) {
            const QJsonObject op = item.toObject();
            Operation operation;
            operation.operationId = op.value(QLatin1String("operationId")).toString();
            operation.resourceId = op.value(QLatin1String("resourceId")).toString();
            operation.resourceType = op.value(QLatin1String("resourceType")).toString();
            operation.resourceName = op.value(QLatin1String("resourceName")).toString();
            operation.provisioningOperation = op.value(QLatin1String("provisioningOperation")).toString();
            operation.state = op.value(QLatin1String("state")).toString();
            operation.started = readTime(op, "started");
            operation.finished = readTime(op, "finished");
            operation.statusCode = op.value(QLatin1String("statusCode")).toString();
            if (op.contains(QLatin1String("error")))
                operation.error = CloudError::fromJson(op.value(QLatin1String("error")).toObject());
            deployment.operations << operation;
        }
        if (deployment.name.isEmpty() || !m_resourceGroups.contains(deployment.resourceGroup.toLower()))
            continue;
        m_deployments.insert(key(deployment.resourceGroup, deployment.name), deployment);
        if (!isTerminal(deployment.state))
            resume << key(deployment.resourceGroup, deployment.name);
    }

    // Deployments that were running go on: operations that were provisioning start over.
    for (const QString &deploymentKey : std::as_const(resume)) {
        Deployment &deployment = m_deployments[deploymentKey];
        Result<std::shared_ptr<ArmTemplateEngine>> engine = prepare(deployment);
        if (!engine) {
            deployment.state = QStringLiteral("Failed");
            deployment.error = ArmErrors::cloudError(engine.error());
            continue;
        }
        deployment.generation = ++m_generation;
        for (Operation &operation : deployment.operations) {
            if (operation.state == QLatin1String("Running"))
                operation.state = QStringLiteral("Pending");
        }
        m_engines.insert(deploymentKey, engine.value());
        qCInfo(lcSandbox).noquote() << "ARM: resuming deployment" << deployment.name << "in"
                                    << deployment.resourceGroup;
        scheduleStep(deployment, 0);
    }
    for (const ResourceGroup &group : std::as_const(m_resourceGroups)) {
        if (group.state == QLatin1String("Deleting")) {
            const QString name = group.name;
            m_clock->callAfter(std::chrono::milliseconds(scaled(2000)), this,
                               [this, name] { removeResourceGroup(name); });
        }
    }
    for (const auto &provider : m_providers)
        provider->resourcesChanged();
    return Done {};
}

Status ArmStandIn::saveNow() const
{
    if (m_stateDirectory.isEmpty())
        return Done {};
    QJsonObject providers;
    for (auto it = m_providerStates.constBegin(); it != m_providerStates.constEnd(); ++it)
        providers.insert(it.key(), it.value());
    QJsonArray groups;
    for (const ResourceGroup &group : m_resourceGroups) {
        groups.append(QJsonObject {{QStringLiteral("name"), group.name},
                                   {QStringLiteral("location"), group.location},
                                   {QStringLiteral("tags"), group.tags},
                                   {QStringLiteral("state"), group.state}});
    }
    QJsonArray deployments;
    for (const Deployment &deployment : m_deployments) {
        QJsonArray operations;
        for (const Operation &operation : deployment.operations)
            operations.append(operationToState(operation, {}));
        QJsonObject object {
            {QStringLiteral("name"), deployment.name},
            {QStringLiteral("resourceGroup"), deployment.resourceGroup},
            {QStringLiteral("state"), deployment.state},
            {QStringLiteral("mode"), deployment.mode},
            {QStringLiteral("template"), deployment.templateJson},
            {QStringLiteral("parameterValues"), deployment.parameterValues},
            {QStringLiteral("correlationId"), deployment.correlationId},
            {QStringLiteral("statusOperationId"), deployment.statusOperationId},
            {QStringLiteral("timestamp"), timestamp(deployment.timestamp)},
            {QStringLiteral("started"), timestamp(deployment.started)},
            {QStringLiteral("finished"), timestamp(deployment.finished)},
            {QStringLiteral("outputs"), deployment.outputs},
            {QStringLiteral("outputResources"), QJsonArray::fromStringList(deployment.outputResources)},
            {QStringLiteral("parameters"), deployment.parametersForDisplay},
            {QStringLiteral("templateHash"), deployment.templateHash},
            {QStringLiteral("operations"), operations},
        };
        if (deployment.error)
            object.insert(QStringLiteral("error"), deployment.error->toJson());
        deployments.append(object);
    }
    const QJsonObject state {{QStringLiteral("providers"), providers},
                             {QStringLiteral("resourceGroups"), groups},
                             {QStringLiteral("resources"), m_store.toState()},
                             {QStringLiteral("deployments"), deployments}};
    const QString path = QDir(m_stateDirectory).filePath(QLatin1String(StateFileName));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    // Parameter values and resource secrets (keys, app settings) are in it: owner only.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(QJsonDocument(state).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("Could not save the Resource Manager state \"%1\": %2. Check the free space and the "
                               "permissions of the state directory.")
                                .arg(path, file.errorString()));
    }
    return Done {};
}

void ArmStandIn::changed()
{
    if (Status saved = saveNow(); !saved)
        qCWarning(lcSandbox).noquote() << saved.error().message();
}

// --- HTTP -----------------------------------------------------------------------------------------------------

void ArmStandIn::registerRoutes(AzureEndpoint &endpoint)
{
    endpoint.addPrefix(QStringLiteral("/subscriptions"), [this](const Request &request) { return handle(request); });
}

void ArmStandIn::addRetryAfter(Response &response) const
{
    if (m_settings.retryAfterSeconds > 0)
        addHeader(response, "Retry-After", QByteArray::number(m_settings.retryAfterSeconds));
}

AzureEndpoint::Response ArmStandIn::errorResponse(const ServiceError &error) const
{
    return Response::json(cloudErrorJson(ArmErrors::cloudError(error)), ArmErrors::httpStatus(error));
}

AzureEndpoint::Response ArmStandIn::cloudErrorResponse(int status, const QString &code, const QString &message) const
{
    return Response::error(status, code, message);
}

std::optional<AzureEndpoint::Response> ArmStandIn::authorize(const Request &request) const
{
    const auto unauthorized = [](const QString &code, const QString &message, const QString &description) {
        Response response = Response::error(401, code, message);
        addHeader(response, "WWW-Authenticate",
                  QStringLiteral("Bearer authorization_uri=\"https://%1/%2\", error=\"invalid_token\", "
                                 "error_description=\"%3\"")
                      .arg(QLatin1String(AzureDefaults::AuthorityHostName), QLatin1String(AzureDefaults::TenantId),
                           description)
                      .toLatin1());
        return response;
    };
    const QByteArray header = request.header("Authorization");
    if (header.isEmpty()) {
        return unauthorized(QStringLiteral("AuthenticationFailed"),
                            tr("Authentication failed. The 'Authorization' header is missing."),
                            QStringLiteral("The authentication failed because of missing 'Authorization' header."));
    }
    if (!header.startsWith("Bearer ") || header.size() <= 7) {
        return unauthorized(QStringLiteral("AuthenticationFailed"),
                            tr("Authentication failed. The 'Authorization' header is provided in an invalid format."),
                            QStringLiteral("The 'Authorization' header is provided in an invalid format."));
    }
    if (!m_entra)
        return cloudErrorResponse(500, QStringLiteral("InternalServerError"), tr("The sandbox has no Entra stand-in."));
    const QString token = QString::fromLatin1(header.mid(7).trimmed());
    Result<EntraTokenClaims> claims = m_entra->validateAccessToken(token, QLatin1String(AzureDefaults::ArmResource));
    if (!claims) {
        const QString code =
            claims.error().code().isEmpty() ? QStringLiteral("InvalidAuthenticationToken") : claims.error().code();
        return unauthorized(code, claims.error().message(), QStringLiteral("The access token is not valid."));
    }
    if (claims.value().tenantId.compare(QLatin1String(AzureDefaults::TenantId), Qt::CaseInsensitive) != 0) {
        return unauthorized(
            QStringLiteral("InvalidAuthenticationTokenTenant"),
            tr("The access token is from the wrong issuer '%1'. It must match the tenant '%2' "
               "associated with this subscription. Please use the authority (URL) '%2' to get the "
               "token.")
                .arg(EntraStandIn::issuer(claims.value().tenantId),
                     QStringLiteral("https://%1/%2")
                         .arg(QLatin1String(AzureDefaults::AuthorityHostName), QLatin1String(AzureDefaults::TenantId))),
            QStringLiteral("The access token is from the wrong issuer."));
    }
    return std::nullopt;
}

AzureEndpoint::Response ArmStandIn::handle(const Request &request)
{
    Response response;
    const std::optional<QStringList> segments = request.segments();
    if (!segments) {
        response = cloudErrorResponse(400, QStringLiteral("InvalidRequestUri"), tr("The request URI is not valid."));
    } else if (auto denied = authorize(request)) {
        response = *denied;
    } else if (!request.query.hasQueryItem(QStringLiteral("api-version"))) {
        response = cloudErrorResponse(400, QStringLiteral("MissingApiVersionParameter"),
                                      tr("The api-version query parameter (?api-version=) is required for all "
                                         "requests."));
    } else {
        response = route(request, *segments);
    }
    const QByteArray requestId = newId().toLatin1();
    addHeader(response, "x-ms-request-id", requestId);
    const QByteArray correlation = request.header("x-ms-correlation-request-id");
    if (response.header("x-ms-correlation-request-id").isEmpty())
        addHeader(response, "x-ms-correlation-request-id", correlation.isEmpty() ? requestId : correlation);
    if (request.method == "GET" || request.method == "HEAD")
        addHeader(response, "x-ms-ratelimit-remaining-subscription-reads", "11999");
    else
        addHeader(response, "x-ms-ratelimit-remaining-subscription-writes", "1199");
    return response;
}

AzureEndpoint::Response ArmStandIn::route(const Request &request, const QStringList &segments)
{
    // segments[0] is "subscriptions".
    if (segments.size() == 1) {
        if (request.method != "GET")
            return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"), tr("Use GET to list subscriptions."));
        return Response::json(QJsonObject {{QStringLiteral("value"), QJsonArray {subscriptionJson()}}});
    }
    if (segments.at(1).compare(subscriptionId(), Qt::CaseInsensitive) != 0)
        return errorResponse(ArmErrors::subscriptionNotFound(segments.at(1)));
    return subscriptionCall(request, segments.mid(2));
}

QJsonObject ArmStandIn::subscriptionJson() const
{
    return QJsonObject {
        {QStringLiteral("id"), QString(QStringLiteral("/subscriptions/") + subscriptionId())},
        {QStringLiteral("subscriptionId"), subscriptionId()},
        {QStringLiteral("displayName"), QLatin1String(AzureDefaults::SubscriptionDisplayName)},
        {QStringLiteral("tenantId"), QLatin1String(AzureDefaults::TenantId)},
        {QStringLiteral("state"), QStringLiteral("Enabled")},
        {QStringLiteral("subscriptionPolicies"),
         QJsonObject {{QStringLiteral("locationPlacementId"), QStringLiteral("Public_2014-09-01")},
                      {QStringLiteral("quotaId"), QStringLiteral("PayAsYouGo_2014-09-01")},
                      {QStringLiteral("spendingLimit"), QStringLiteral("Off")}}},
        {QStringLiteral("authorizationSource"), QStringLiteral("RoleBased")},
    };
}

AzureEndpoint::Response ArmStandIn::subscriptionCall(const Request &request, const QStringList &rest)
{
    const QByteArray method = request.method;
    if (rest.isEmpty()) {
        if (method != "GET")
            return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"), tr("Use GET to read a subscription."));
        return Response::json(subscriptionJson());
    }
    const QString first = rest.at(0);
    if (same(first, "locations") && rest.size() == 1 && method == "GET") {
        QJsonArray value;
        for (const Region &region : Regions) {
            const QString name = QLatin1String(region.name);
            value.append(QJsonObject {
                {QStringLiteral("id"), QStringLiteral("/subscriptions/%1/locations/%2").arg(subscriptionId(), name)},
                {QStringLiteral("name"), name},
                {QStringLiteral("type"), QStringLiteral("Region")},
                {QStringLiteral("displayName"), QLatin1String(region.displayName)},
                {QStringLiteral("regionalDisplayName"),
                 QStringLiteral("(%1) %2").arg(QLatin1String(region.geography), QLatin1String(region.displayName))},
                {QStringLiteral("metadata"),
                 QJsonObject {{QStringLiteral("regionType"), QStringLiteral("Physical")},
                              {QStringLiteral("regionCategory"), QStringLiteral("Recommended")},
                              {QStringLiteral("geography"), QLatin1String(region.geography)},
                              {QStringLiteral("pairedRegion"),
                               QJsonArray {QJsonObject {{QStringLiteral("name"), QLatin1String(region.paired)}}}}}},
            });
        }
        return Response::json(QJsonObject {{QStringLiteral("value"), value}});
    }
    if (same(first, "providers"))
        return providersCall(request, rest.mid(1));
    if (same(first, "operationresults") && rest.size() == 2 && method == "GET")
        return operationResult(request, rest.at(1));
    if (same(first, "resourcegroups")) {
        if (rest.size() == 1) {
            if (method != "GET")
                return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"),
                                          tr("Use GET to list resource groups."));
            QJsonArray value;
            for (const ResourceGroup &group : std::as_const(m_resourceGroups))
                value.append(resourceGroupJson(group));
            return Response::json(QJsonObject {{QStringLiteral("value"), value}});
        }
        return resourceGroupCall(request, rest.at(1), rest.mid(2));
    }
    return cloudErrorResponse(
        404, QStringLiteral("InvalidResourceType"),
        tr("The resource type '%1' could not be found in the namespace 'Microsoft.Resources'.").arg(first));
}

QJsonObject ArmStandIn::providerJson(const QString &providerNamespace) const
{
    QJsonArray types;
    QString name = providerNamespace;
    for (const auto &provider : m_providers) {
        if (provider->providerNamespace().compare(providerNamespace, Qt::CaseInsensitive) != 0)
            continue;
        name = provider->providerNamespace();
        for (const ArmResourceProvider::ResourceType &type : provider->resourceTypes()) {
            types.append(QJsonObject {{QStringLiteral("resourceType"), type.name},
                                      {QStringLiteral("locations"), QJsonArray::fromStringList(regionDisplayNames())},
                                      {QStringLiteral("apiVersions"), QJsonArray::fromStringList(type.apiVersions)}});
        }
    }
    if (same(providerNamespace, "Microsoft.Resources")) {
        name = QStringLiteral("Microsoft.Resources");
        types.append(QJsonObject {{QStringLiteral("resourceType"), QStringLiteral("deployments")},
                                  {QStringLiteral("locations"), QJsonArray()},
                                  {QStringLiteral("apiVersions"), QJsonArray {QStringLiteral("2025-04-01")}}});
    }
    return QJsonObject {
        {QStringLiteral("id"), QStringLiteral("/subscriptions/%1/providers/%2").arg(subscriptionId(), name)},
        {QStringLiteral("namespace"), name},
        {QStringLiteral("registrationState"), providerState(name)},
        {QStringLiteral("registrationPolicy"), QStringLiteral("RegistrationRequired")},
        {QStringLiteral("resourceTypes"), types}};
}

void ArmStandIn::setProviderRegistered(const QString &providerNamespace)
{
    if (providerState(providerNamespace) == QLatin1String("Registered"))
        return;
    m_providerStates.insert(providerNamespace.toLower(), QStringLiteral("Registered"));
    changed();
}

AzureEndpoint::Response ArmStandIn::providersCall(const Request &request, const QStringList &rest)
{
    const QByteArray method = request.method;
    if (rest.isEmpty()) {
        QJsonArray value {providerJson(QStringLiteral("Microsoft.Resources"))};
        for (const auto &provider : m_providers)
            value.append(providerJson(provider->providerNamespace()));
        return Response::json(QJsonObject {{QStringLiteral("value"), value}});
    }
    const QString providerNamespace = rest.at(0);
    const bool known = same(providerNamespace, "Microsoft.Resources") ||
        std::any_of(m_providers.begin(), m_providers.end(), [&](const auto &provider) {
                           return provider->providerNamespace().compare(providerNamespace, Qt::CaseInsensitive) == 0;
                       });
    if (!known) {
        return cloudErrorResponse(404, QStringLiteral("InvalidResourceNamespace"),
                                  tr("The resource namespace '%1' is invalid.").arg(providerNamespace));
    }
    if (rest.size() == 1 && method == "GET")
        return Response::json(providerJson(providerNamespace));
    if (rest.size() == 2 && same(rest.at(1), "register") && method == "POST") {
        // Registering, then Registered after a while of simulated time (clients poll GET).
        if (providerState(providerNamespace) != QLatin1String("Registered")) {
            m_providerStates.insert(providerNamespace.toLower(), QStringLiteral("Registering"));
            changed();
            m_clock->callAfter(std::chrono::milliseconds(scaled(2000)), this,
                               [this, providerNamespace] { setProviderRegistered(providerNamespace); });
        }
        return Response::json(providerJson(providerNamespace));
    }
    if (rest.size() == 2 && same(rest.at(1), "IotHubs") && same(providerNamespace, "Microsoft.Devices")) {
        if (method != "GET")
            return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"), tr("Use GET to list the IoT hubs."));
        return Response::json(m_iotHubs->listBySubscription(subscriptionId()));
    }
    if (rest.size() == 2 && same(rest.at(1), "checkNameAvailability") && method == "POST" &&
        same(providerNamespace, "Microsoft.Devices")) {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QString name = body.value(QLatin1String("name")).toString();
        if (name.isEmpty()) {
            return cloudErrorResponse(400, QStringLiteral("InvalidRequestContent"),
                                      tr("The request content must be {\"name\": \"<hub name>\"}."));
        }
        return Response::json(m_iotHubs->nameAvailability(name));
    }
    return cloudErrorResponse(
        404, QStringLiteral("NotFound"),
        tr("The provider '%1' has no operation '%2'.").arg(providerNamespace, rest.mid(1).join(QLatin1Char('/'))));
}

// --- resource groups ---------------------------------------------------------------------------------------------

QJsonObject ArmStandIn::resourceGroupJson(const ResourceGroup &group) const
{
    QJsonObject json {
        {QStringLiteral("id"), QStringLiteral("/subscriptions/%1/resourceGroups/%2").arg(subscriptionId(), group.name)},
        {QStringLiteral("name"), group.name},
        {QStringLiteral("type"), QStringLiteral("Microsoft.Resources/resourceGroups")},
        {QStringLiteral("location"), group.location},
        {QStringLiteral("properties"), QJsonObject {{QStringLiteral("provisioningState"), group.state}}}};
    if (!group.tags.isEmpty())
        json.insert(QStringLiteral("tags"), group.tags);
    return json;
}

AzureEndpoint::Response ArmStandIn::resourceGroupCall(const Request &request, const QString &name,
                                                      const QStringList &rest)
{
    const QByteArray method = request.method;
    const auto it = m_resourceGroups.find(name.toLower());
    if (rest.isEmpty()) {
        if (method == "PUT" || method == "PATCH") {
            static const QRegularExpression pattern(QStringLiteral("^[-\\w\\._\\(\\)]{1,90}$"),
                                                    QRegularExpression::UseUnicodePropertiesOption);
            if (!pattern.match(name).hasMatch() || name.endsWith(QLatin1Char('.'))) {
                return cloudErrorResponse(400, QStringLiteral("InvalidResourceGroup"),
                                          tr("The provided resource group name '%1' has these invalid characters or "
                                             "length. It must be 1 to 90 letters, digits, '-', '_', '.', '(' or ')' "
                                             "and must not end with a period.")
                                              .arg(name));
            }
            const Result<QJsonObject> parsed = requestObject(request);
            if (!parsed)
                return errorResponse(parsed.error());
            const QJsonObject &body = parsed.value();
            if (it != m_resourceGroups.end() && it->state == QLatin1String("Deleting")) {
                return cloudErrorResponse(409, QStringLiteral("ResourceGroupBeingDeleted"),
                                          tr("The resource group '%1' is in deprovisioning state and cannot perform "
                                             "this operation.")
                                              .arg(it->name));
            }
            const bool exists = it != m_resourceGroups.end();
            if (method == "PATCH" && !exists)
                return errorResponse(ArmErrors::resourceGroupNotFound(name));
            ResourceGroup group = exists ? *it : ResourceGroup {};
            if (!exists)
                group.name = name;
            const QString location = body.value(QLatin1String("location")).toString();
            if (!exists || method == "PUT") {
                const QString normalized = normalizedLocation(location);
                if (location.isEmpty()) {
                    return cloudErrorResponse(400, QStringLiteral("LocationRequired"),
                                              tr("The location property is required for this definition."));
                }
                if (normalized.isEmpty() || normalized == QLatin1String("global")) {
                    return cloudErrorResponse(400, QStringLiteral("LocationNotAvailableForResourceGroup"),
                                              tr("The provided location '%1' is not available for resource group. "
                                                 "List of available regions is '%2'.")
                                                  .arg(location, regionDisplayNames().join(QLatin1Char(','))));
                }
                if (exists && normalized != normalizedLocation(group.location)) {
                    return cloudErrorResponse(409, QStringLiteral("InvalidResourceGroupLocation"),
                                              tr("Invalid resource group location '%1'. The Resource group already "
                                                 "exists in location '%2'.")
                                                  .arg(location, group.location));
                }
                group.location = normalized;
            }
            if (body.contains(QLatin1String("tags")))
                group.tags = body.value(QLatin1String("tags")).toObject();
            m_resourceGroups.insert(name.toLower(), group);
            changed();
            return Response::json(resourceGroupJson(group), exists ? 200 : 201);
        }
        if (it == m_resourceGroups.end()) {
            if (method == "HEAD")
                return Response {404, {}, {}};
            return errorResponse(ArmErrors::resourceGroupNotFound(name));
        }
        if (method == "HEAD")
            return Response {204, {}, {}};
        if (method == "GET")
            return Response::json(resourceGroupJson(*it));
        if (method == "DELETE")
            return deleteResourceGroup(request, it->name);
        return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"),
                                  tr("Resource groups support PUT, PATCH, GET, HEAD and DELETE."));
    }
    if (it == m_resourceGroups.end())
        return errorResponse(ArmErrors::resourceGroupNotFound(name));
    if (same(rest.at(0), "resources") && rest.size() == 1 && method == "GET") {
        QJsonArray value;
        for (const ArmResource &resource : m_store.inResourceGroup(subscriptionId(), it->name)) {
            if (ArmResourceProvider *provider = providerFor(resource.type))
                value.append(provider->read(resource));
        }
        return Response::json(QJsonObject {{QStringLiteral("value"), value}});
    }
    if (same(rest.at(0), "providers") && rest.size() >= 3 && same(rest.at(1), "Microsoft.Resources") &&
        same(rest.at(2), "deployments"))
        return deploymentsCall(request, it->name, rest.mid(3));
    // The older spelling without the provider ({rg}/deployments/{name}/operations) that some SDK calls use.
    if (same(rest.at(0), "deployments"))
        return deploymentsCall(request, it->name, rest.mid(1));
    if (same(rest.at(0), "providers") && rest.size() >= 4)
        return resourceCall(request, it->name, rest.mid(1));
    return cloudErrorResponse(
        404, QStringLiteral("NotFound"),
        tr("The resource group '%1' has no operation '%2'.").arg(it->name, rest.join(QLatin1Char('/'))));
}

AzureEndpoint::Response ArmStandIn::deleteResourceGroup(const Request &request, const QString &name)
{
    ResourceGroup &group = m_resourceGroups[name.toLower()];
    const QString operationId = newId();
    auto result = std::make_shared<PendingResult>();
    rememberResult(operationId, result);
    if (group.state != QLatin1String("Deleting")) {
        group.state = QStringLiteral("Deleting");
        // Running deployments of the group end as Canceled.
        for (Deployment &deployment : m_deployments) {
            if (deployment.resourceGroup.compare(name, Qt::CaseInsensitive) == 0 && !isTerminal(deployment.state))
                (void)cancelDeployment(deployment.resourceGroup, deployment.name);
        }
        changed();
    }
    m_clock->callAfter(std::chrono::milliseconds(scaled(2000)), this, [this, name, result] {
        removeResourceGroup(name);
        result->done = true;
    });
    QUrl location = request.baseUrl;
    location.setPath(QStringLiteral("/subscriptions/%1/operationresults/%2").arg(subscriptionId(), operationId));
    location.setQuery(
        QStringLiteral("api-version=%1").arg(request.query.queryItemValue(QStringLiteral("api-version"))));
    Response response {202, {}, {}};
    addHeader(response, "Location", location.toString(QUrl::FullyEncoded).toLatin1());
    addRetryAfter(response);
    return response;
}

void ArmStandIn::removeResourceGroup(const QString &name)
{
    const auto it = m_resourceGroups.find(name.toLower());
    if (it == m_resourceGroups.end())
        return;
    // Children first, each told to its provider (IoT hubs leave the HubDirectory) before the store drops it.
    QStringList topLevel;
    for (const ArmResource &resource : m_store.inResourceGroup(subscriptionId(), it->name)) {
        if (resource.parentId().isEmpty())
            topLevel << resource.id;
    }
    for (const QString &id : std::as_const(topLevel)) {
        QList<ArmResource> doomed = m_store.descendants(id);
        if (const ArmResource *self = m_store.find(id))
            doomed << *self;
        for (const ArmResource &resource : std::as_const(doomed)) {
            if (ArmResourceProvider *provider = providerFor(resource.type))
                provider->remove(resource);
        }
        m_store.remove(id);
    }
    for (auto deployment = m_deployments.begin(); deployment != m_deployments.end();) {
        if (deployment->resourceGroup.compare(it->name, Qt::CaseInsensitive) == 0) {
            dropPendingDefinitions(*deployment);
            m_engines.remove(deployment.key());
            deployment = m_deployments.erase(deployment);
        } else {
            ++deployment;
        }
    }
    const QString removedName = it->name;
    m_resourceGroups.erase(it);
    for (const auto &provider : m_providers)
        provider->resourcesChanged();
    changed();
    qCInfo(lcSandbox).noquote() << "ARM: deleted resource group" << removedName;
    emit resourceGroupDeleted(removedName);
}

void ArmStandIn::rememberResult(const QString &id, std::shared_ptr<PendingResult> result)
{
    // Finished results are kept for the clients that poll them; the oldest go first.
    m_resultOrder.append(id);
    m_results[id] = std::move(result);
    while (m_resultOrder.size() > MaxResults) {
        const auto oldest = m_results.find(m_resultOrder.constFirst());
        if (oldest != m_results.end() && !oldest->second->done)
            break;
        if (oldest != m_results.end())
            m_results.erase(oldest);
        m_resultOrder.removeFirst();
    }
}

AzureEndpoint::Response ArmStandIn::operationResult(const Request &request, const QString &id)
{
    const auto it = m_results.find(id);
    if (it == m_results.end()) {
        return cloudErrorResponse(404, QStringLiteral("OperationNotFound"),
                                  tr("The operation '%1' could not be found.").arg(id));
    }
    if (!it->second->done) {
        QUrl location = request.baseUrl;
        location.setPath(QStringLiteral("/subscriptions/%1/operationresults/%2").arg(subscriptionId(), id));
        location.setQuery(request.query.toString(QUrl::FullyEncoded));
        Response response {202, {}, {}};
        addHeader(response, "Location", location.toString(QUrl::FullyEncoded).toLatin1());
        addRetryAfter(response);
        return response;
    }
    if (it->second->body.isEmpty())
        return Response {200, {}, {}};
    return Response::json(it->second->body);
}

// --- resources ------------------------------------------------------------------------------------------------------

AzureEndpoint::Response ArmStandIn::resourceCall(const Request &request, const QString &resourceGroup,
                                                 const QStringList &rest)
{
    // rest: {namespace}/{type}/{name}[/{type}/{name}…][/{action…}]
    QString id = QStringLiteral("/subscriptions/%1/resourceGroups/%2/providers/%3")
                     .arg(subscriptionId(), resourceGroup, rest.at(0));
    const ArmResource *found = nullptr;
    qsizetype used = 1;
    for (qsizetype i = 1; i + 1 < rest.size(); i += 2) {
        id += QLatin1Char('/') + rest.at(i) + QLatin1Char('/') + rest.at(i + 1);
        if (const ArmResource *resource = m_store.find(id)) {
            found = resource;
            used = i + 2;
        } else if (found) {
            break;
        }
    }
    const QStringList action = rest.mid(used);
    const QString typeText = rest.mid(0, 2).join(QLatin1Char('/'));
    if (!found || (request.method != "POST" && !action.isEmpty())) {
        if (!providerFor(typeText) && !providerFor(rest.at(0) + QStringLiteral("/") + rest.value(1))) {
            return cloudErrorResponse(404, QStringLiteral("InvalidResourceType"),
                                      tr("The resource type '%1' could not be found.").arg(typeText));
        }
        return errorResponse(ArmErrors::resourceNotFound(
            rest.mid(0, std::max<qsizetype>(used, 3)).join(QLatin1Char('/')), resourceGroup));
    }
    ArmResourceProvider *provider = providerFor(found->type);
    if (!provider)
        return cloudErrorResponse(500, QStringLiteral("InternalServerError"),
                                  tr("No provider for '%1'.").arg(found->type));
    if (request.method == "POST" && !action.isEmpty()) {
        Result<QJsonValue> answer = provider->action(*found, action.join(QLatin1Char('/')));
        if (!answer)
            return errorResponse(answer.error());
        return Response::json(answer.value().toObject());
    }
    if (request.method == "GET" && action.isEmpty())
        return Response::json(provider->read(*found));
    if (request.method == "DELETE" && action.isEmpty()) {
        const QString resourceId = found->id;
        QList<ArmResource> doomed = m_store.descendants(resourceId);
        doomed << *found;
        for (const ArmResource &resource : std::as_const(doomed)) {
            if (ArmResourceProvider *owner = providerFor(resource.type))
                owner->remove(resource);
        }
        m_store.remove(resourceId);
        for (const auto &each : m_providers)
            each->resourcesChanged();
        changed();
        return Response {200, {}, {}};
    }
    return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"),
                              tr("The sandbox creates and changes resources through deployments only; use GET, DELETE "
                                 "or POST actions here."));
}

// --- deployments ----------------------------------------------------------------------------------------------------

QString ArmStandIn::deploymentId(const QString &resourceGroup, const QString &name) const
{
    return QStringLiteral("/subscriptions/%1/resourceGroups/%2/providers/Microsoft.Resources/deployments/%3")
        .arg(subscriptionId(), resourceGroup, name);
}

AzureEndpoint::Response ArmStandIn::deploymentsCall(const Request &request, const QString &resourceGroup,
                                                    const QStringList &rest)
{
    const QByteArray method = request.method;
    if (rest.isEmpty()) {
        if (method != "GET")
            return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"), tr("Use GET to list deployments."));
        QJsonArray value;
        for (const Deployment &deployment : std::as_const(m_deployments)) {
            if (deployment.resourceGroup.compare(resourceGroup, Qt::CaseInsensitive) == 0)
                value.append(deploymentJson(deployment));
        }
        return Response::json(QJsonObject {{QStringLiteral("value"), value}});
    }
    const QString name = rest.at(0);
    static const QRegularExpression pattern(QStringLiteral("^[-\\w\\._\\(\\)]{1,64}$"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    if (!pattern.match(name).hasMatch()) {
        return cloudErrorResponse(
            400, QStringLiteral("InvalidDeploymentName"),
            tr("The deployment name '%1' is not valid: use 1 to 64 letters, digits, '-', '_', '.', "
               "'(' or ')'.")
                .arg(name));
    }
    const QString deploymentKey = key(resourceGroup, name);
    if (rest.size() == 1) {
        if (method == "PUT")
            return putDeployment(request, resourceGroup, name);
        const auto it = m_deployments.constFind(deploymentKey);
        if (it == m_deployments.constEnd()) {
            if (method == "HEAD")
                return Response {404, {}, {}};
            return errorResponse(ArmErrors::deploymentNotFound(name, resourceGroup));
        }
        if (method == "HEAD")
            return Response {204, {}, {}};
        if (method == "GET")
            return Response::json(deploymentJson(*it));
        if (method == "DELETE") {
            if (!isTerminal(it->state)) {
                return cloudErrorResponse(409, QStringLiteral("DeploymentActive"),
                                          tr("The deployment '%1' is still running; cancel it first.").arg(name));
            }
            m_deployments.remove(deploymentKey);
            changed();
            return Response {204, {}, {}};
        }
        return cloudErrorResponse(405, QStringLiteral("MethodNotAllowed"),
                                  tr("Deployments support PUT, GET, HEAD and DELETE."));
    }
    const QString action = rest.at(1);
    if (rest.size() == 2 && same(action, "validate") && method == "POST")
        return validateDeployment(request, resourceGroup, name);
    if (rest.size() == 2 && same(action, "whatIf") && method == "POST")
        return whatIf(request, resourceGroup, name);
    if (rest.size() == 2 && same(action, "cancel") && method == "POST")
        return cancelDeployment(resourceGroup, name);
    const auto it = m_deployments.constFind(deploymentKey);
    if (it == m_deployments.constEnd())
        return errorResponse(ArmErrors::deploymentNotFound(name, resourceGroup));
    if (same(action, "operations") && method == "GET") {
        if (rest.size() == 2) {
            QJsonArray value;
            for (const Operation &operation : it->operations) {
                if (operation.state != QLatin1String("Pending"))
                    value.append(operationJson(*it, operation));
            }
            return Response::json(QJsonObject {{QStringLiteral("value"), value}});
        }
        for (const Operation &operation : it->operations) {
            if (operation.operationId == rest.at(2) && operation.state != QLatin1String("Pending"))
                return Response::json(operationJson(*it, operation));
        }
        return cloudErrorResponse(404, QStringLiteral("DeploymentOperationNotFound"),
                                  tr("The deployment '%1' has no operation '%2'.").arg(name, rest.at(2)));
    }
    if (same(action, "operationStatuses") && rest.size() == 3 && method == "GET") {
        QJsonObject body {
            {QStringLiteral("id"),
             QString(deploymentId(resourceGroup, name) + QStringLiteral("/operationStatuses/") + rest.at(2))},
            {QStringLiteral("status"), it->state}};
        if (it->state == QLatin1String("Failed") && it->error)
            body.insert(QStringLiteral("error"), it->error->toJson());
        return Response::json(body);
    }
    return cloudErrorResponse(404, QStringLiteral("NotFound"), tr("No such deployment operation '%1'.").arg(action));
}

QJsonObject ArmStandIn::deploymentJson(const Deployment &deployment) const
{
    QJsonObject properties {
        {QStringLiteral("templateHash"), deployment.templateHash},
        {QStringLiteral("parameters"), deployment.parametersForDisplay},
        {QStringLiteral("mode"), deployment.mode},
        {QStringLiteral("provisioningState"), deployment.state},
        {QStringLiteral("timestamp"), timestamp(deployment.timestamp)},
        {QStringLiteral("duration"),
         duration(deployment.started, deployment.finished.isValid() ? deployment.finished : m_clock->nowUtc())},
        {QStringLiteral("correlationId"), deployment.correlationId},
    };
    QJsonArray providers;
    QStringList namespaces;
    for (const Operation &operation : deployment.operations) {
        const QString providerNamespace = operation.resourceType.section(QLatin1Char('/'), 0, 0);
        if (!namespaces.contains(providerNamespace, Qt::CaseInsensitive))
            namespaces << providerNamespace;
    }
    for (const QString &providerNamespace : std::as_const(namespaces))
        providers.append(QJsonObject {{QStringLiteral("namespace"), providerNamespace}});
    properties.insert(QStringLiteral("providers"), providers);
    if (deployment.state == QLatin1String("Succeeded")) {
        properties.insert(QStringLiteral("outputs"), deployment.outputs);
        QJsonArray resources;
        for (const QString &id : deployment.outputResources)
            resources.append(QJsonObject {{QStringLiteral("id"), id}});
        properties.insert(QStringLiteral("outputResources"), resources);
    }
    if (deployment.error)
        properties.insert(QStringLiteral("error"), deployment.error->toJson());
    return QJsonObject {{QStringLiteral("id"), deploymentId(deployment.resourceGroup, deployment.name)},
                        {QStringLiteral("name"), deployment.name},
                        {QStringLiteral("type"), QStringLiteral("Microsoft.Resources/deployments")},
                        {QStringLiteral("properties"), properties}};
}

QJsonObject ArmStandIn::operationJson(const Deployment &deployment, const Operation &operation) const
{
    QJsonObject properties {
        {QStringLiteral("provisioningOperation"), operation.provisioningOperation},
        {QStringLiteral("provisioningState"), operation.state},
        {QStringLiteral("timestamp"), timestamp(operation.finished.isValid() ? operation.finished : operation.started)},
        {QStringLiteral("duration"),
         duration(operation.started, operation.finished.isValid() ? operation.finished : m_clock->nowUtc())},
        {QStringLiteral("trackingId"), operation.operationId.toLower()},
        {QStringLiteral("serviceRequestId"), operation.operationId.toLower()},
        {QStringLiteral("targetResource"),
         QJsonObject {{QStringLiteral("id"), operation.resourceId},
                      {QStringLiteral("resourceType"), operation.resourceType},
                      {QStringLiteral("resourceName"), operation.resourceName}}},
    };
    if (!operation.statusCode.isEmpty())
        properties.insert(QStringLiteral("statusCode"), operation.statusCode);
    if (operation.error) {
        properties.insert(QStringLiteral("statusMessage"),
                          QJsonObject {{QStringLiteral("status"), QStringLiteral("Failed")},
                                       {QStringLiteral("error"), operation.error->toJson()}});
    } else if (operation.state == QLatin1String("Succeeded")) {
        properties.insert(QStringLiteral("statusMessage"),
                          QJsonObject {{QStringLiteral("status"), QStringLiteral("Succeeded")}});
    }
    return QJsonObject {{QStringLiteral("id"),
                         QString(deploymentId(deployment.resourceGroup, deployment.name) +
                                 QStringLiteral("/operations/") + operation.operationId)},
                        {QStringLiteral("operationId"), operation.operationId},
                        {QStringLiteral("properties"), properties}};
}

Result<std::shared_ptr<ArmTemplateEngine>> ArmStandIn::prepare(const Deployment &deployment) const
{
    const auto group = m_resourceGroups.constFind(deployment.resourceGroup.toLower());
    if (group == m_resourceGroups.constEnd())
        return ArmErrors::resourceGroupNotFound(deployment.resourceGroup);
    ArmTemplateEngine::Scope scope;
    scope.subscriptionId = subscriptionId();
    scope.subscriptionDisplayName = QLatin1String(AzureDefaults::SubscriptionDisplayName);
    scope.tenantId = QLatin1String(AzureDefaults::TenantId);
    scope.resourceGroup = group->name;
    scope.resourceGroupLocation = group->location;
    scope.resourceGroupTags = group->tags;
    scope.deploymentName = deployment.name;
    scope.mode = deployment.mode;
    Result<ArmTemplateEngine> engine =
        ArmTemplateEngine::prepare(deployment.templateJson, deployment.parameterValues, scope);
    if (!engine)
        return engine.error();
    return std::make_shared<ArmTemplateEngine>(engine.takeValue());
}

Result<QJsonObject> ArmStandIn::requestObject(const Request &request)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return ArmErrors::invalidRequestContent(
            tr("The request content is not a JSON object (%1).").arg(parseError.errorString()));
    }
    return document.object();
}

Result<std::shared_ptr<ArmTemplateEngine>> ArmStandIn::preflight(const QJsonObject &body, const QString &resourceGroup,
                                                                 const QString &name)
{
    const auto group = m_resourceGroups.constFind(resourceGroup.toLower());
    if (group == m_resourceGroups.constEnd())
        return ArmErrors::resourceGroupNotFound(resourceGroup);
    if (group->state == QLatin1String("Deleting")) {
        return ArmErrors::make(409, QStringLiteral("ResourceGroupBeingDeleted"),
                               tr("The resource group '%1' is in deprovisioning state and cannot perform this "
                                  "operation.")
                                   .arg(group->name));
    }
    const QJsonObject properties = body.value(QLatin1String("properties")).toObject();
    if (properties.contains(QLatin1String("templateLink")) || properties.contains(QLatin1String("parametersLink"))) {
        return ArmErrors::invalidRequestContent(
            tr("The sandbox cannot download templates: send 'template' and 'parameters' inline instead of "
               "'templateLink' or 'parametersLink'."));
    }
    if (!properties.value(QLatin1String("template")).isObject()) {
        return ArmErrors::invalidRequestContent(
            tr("The request content must have 'properties.template' with the template as a JSON object."));
    }
    const QString mode = properties.value(QLatin1String("mode")).toString(QStringLiteral("Incremental"));
    if (!same(mode, "Incremental") && !same(mode, "Complete")) {
        return ArmErrors::invalidRequestContent(
            tr("The deployment mode '%1' is not valid; use 'Incremental' or 'Complete'.").arg(mode));
    }
    Deployment deployment;
    deployment.name = name;
    deployment.resourceGroup = group->name;
    deployment.mode = same(mode, "Complete") ? QStringLiteral("Complete") : QStringLiteral("Incremental");
    deployment.templateJson = properties.value(QLatin1String("template")).toObject();
    deployment.parameterValues = properties.value(QLatin1String("parameters")).toObject();
    Result<std::shared_ptr<ArmTemplateEngine>> prepared = prepare(deployment);
    if (!prepared)
        return prepared.error();
    const ArmTemplateEngine &engine = *prepared.value();

    // Resource types and API versions, as ARM's front door checks them.
    static const QRegularExpression apiVersionPattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}(-preview|-beta|-alpha)?$"));
    for (const ArmTemplateEngine::Resource &resource : engine.resources()) {
        const bool knownNamespace = std::any_of(m_providers.begin(), m_providers.end(), [&](const auto &provider) {
            return provider->providerNamespace().compare(resource.providerNamespace(), Qt::CaseInsensitive) == 0;
        });
        if (!knownNamespace) {
            return ArmErrors::make(400, QStringLiteral("InvalidResourceNamespace"),
                                   tr("The resource namespace '%1' is invalid (resource '%2' at %3). The sandbox "
                                      "emulates Microsoft.Devices, Microsoft.EventHub, Microsoft.Storage, "
                                      "Microsoft.Web and Microsoft.Insights.")
                                       .arg(resource.providerNamespace(), resource.name, resource.path),
                                   resource.name);
        }
        ArmResourceProvider *provider = providerFor(resource.type);
        if (!provider) {
            return ArmErrors::make(400, QStringLiteral("InvalidResourceType"),
                                   tr("The resource type '%1' could not be found in the namespace '%2' for api version "
                                      "'%3' (resource '%4' at %5).")
                                       .arg(resource.type.section(QLatin1Char('/'), 1), resource.providerNamespace(),
                                            resource.apiVersion, resource.name, resource.path),
                                   resource.name);
        }
        const ArmResourceProvider::ResourceType type = *provider->resourceType(resource.type);
        const QString newest = type.apiVersions.value(0);
        if (!apiVersionPattern.match(resource.apiVersion).hasMatch() ||
            (!type.apiVersions.contains(resource.apiVersion) && resource.apiVersion.left(10) > newest.left(10))) {
            return ArmErrors::make(400, QStringLiteral("NoRegisteredProviderFound"),
                                   tr("No registered resource provider found for location '%1' and API version '%2' "
                                      "for type '%3'. The supported api-versions are '%4'.")
                                       .arg(resource.location, resource.apiVersion,
                                            resource.type.section(QLatin1Char('/'), 1),
                                            type.apiVersions.join(QLatin1String(", "))),
                                   resource.name);
        }
    }

    // The providers' own checks of every resource as far as it is known before deploying.
    QList<CloudError> problems;
    for (const ArmTemplateEngine::Resource &resource : engine.resources()) {
        ArmResourceProvider *provider = providerFor(resource.type);
        const ArmResource requested =
            ArmResource::fromDefinition(resource.preflight, resource.id, subscriptionId(), group->name);
        const ArmResourceProvider::ResourceType type = *provider->resourceType(resource.type);
        const QString location = resource.preflight.value(QLatin1String("location")).toString();
        if (type.needsLocation && !location.startsWith(QLatin1Char('[')) && normalizedLocation(location).isEmpty()) {
            problems << ArmResourceProvider::problem(
                QStringLiteral("LocationNotAvailableForResourceType"),
                tr("The provided location '%1' is not available for resource type '%2'. List of available regions "
                   "for the resource type is '%3'.")
                    .arg(location, resource.type, regionDisplayNames().join(QLatin1Char(','))),
                resource.name);
            continue;
        }
        for (CloudError problem : provider->validate(requested)) {
            if (problem.target.isEmpty())
                problem.target = resource.name;
            problems << problem;
        }
    }
    if (!problems.isEmpty())
        return ArmErrors::invalidTemplateDeployment(name, problems);
    return prepared;
}

AzureEndpoint::Response ArmStandIn::validateDeployment(const Request &request, const QString &resourceGroup,
                                                       const QString &name)
{
    const Result<QJsonObject> body = requestObject(request);
    if (!body)
        return errorResponse(body.error());
    Result<std::shared_ptr<ArmTemplateEngine>> engine = preflight(body.value(), resourceGroup, name);
    if (!engine)
        return errorResponse(engine.error());
    QJsonArray validated;
    for (const ArmTemplateEngine::Resource &resource : engine.value()->resources())
        validated.append(QJsonObject {{QStringLiteral("id"), resource.id}});
    QJsonArray providers;
    for (const QString &providerNamespace : deploymentProviderNamespaces(*engine.value()))
        providers.append(QJsonObject {{QStringLiteral("namespace"), providerNamespace}});
    const QJsonObject properties {
        {QStringLiteral("templateHash"), engine.value()->templateHash()},
        {QStringLiteral("parameters"), engine.value()->parametersForDisplay()},
        {QStringLiteral("mode"), engine.value()->scope().mode},
        {QStringLiteral("provisioningState"), QStringLiteral("Succeeded")},
        {QStringLiteral("timestamp"), timestamp(m_clock->nowUtc())},
        {QStringLiteral("duration"), QStringLiteral("PT0S")},
        {QStringLiteral("correlationId"), newId()},
        {QStringLiteral("providers"), providers},
        {QStringLiteral("validatedResources"), validated},
    };
    return Response::json(QJsonObject {{QStringLiteral("id"), deploymentId(resourceGroup, name)},
                                       {QStringLiteral("name"), name},
                                       {QStringLiteral("type"), QStringLiteral("Microsoft.Resources/deployments")},
                                       {QStringLiteral("properties"), properties}});
}

AzureEndpoint::Response ArmStandIn::whatIf(const Request &request, const QString &resourceGroup, const QString &name)
{
    const Result<QJsonObject> body = requestObject(request);
    if (!body)
        return errorResponse(body.error());
    Result<std::shared_ptr<ArmTemplateEngine>> engine = preflight(body.value(), resourceGroup, name);
    if (!engine)
        return errorResponse(engine.error());
    Reader reader(this);
    QJsonArray changes;
    QSet<QString> inTemplate;
    const QList<ArmTemplateEngine::Resource> &resources = engine.value()->resources();
    for (qsizetype i = 0; i < resources.size(); ++i) {
        const ArmTemplateEngine::Resource &resource = resources.at(i);
        inTemplate.insert(resource.id.toLower());
        // Values of resources the template itself creates are known only while deploying: what is known is shown.
        Result<QJsonObject> evaluated = engine.value()->evaluateResource(int(i), &reader);
        const QJsonObject after = evaluated ? evaluated.value() : resource.preflight;
        const ArmResource *existing = m_store.find(resource.id);
        QJsonObject change {{QStringLiteral("resourceId"), resource.id}};
        if (!existing) {
            change.insert(QStringLiteral("changeType"), QStringLiteral("Create"));
            change.insert(QStringLiteral("after"), after);
        } else {
            const QJsonObject before = providerFor(existing->type)->read(*existing);
            QJsonArray delta;
            const QJsonObject requested = after.value(QLatin1String("properties")).toObject();
            const QJsonObject current = before.value(QLatin1String("properties")).toObject();
            for (auto it = requested.constBegin(); it != requested.constEnd(); ++it) {
                // Write-only properties (keys, policies) do not show in a GET: what-if cannot see them change.
                if (current.contains(it.key()) && !covers(current.value(it.key()), it.value())) {
                    delta.append(
                        QJsonObject {{QStringLiteral("path"), QString(QStringLiteral("properties.") + it.key())},
                                     {QStringLiteral("propertyChangeType"), QStringLiteral("Modify")},
                                     {QStringLiteral("before"), current.value(it.key())},
                                     {QStringLiteral("after"), it.value()}});
                }
            }
            for (const char *field : {"sku", "kind", "tags"}) {
                const QJsonValue wanted = after.value(QLatin1String(field));
                if (!wanted.isUndefined() && !covers(before.value(QLatin1String(field)), wanted)) {
                    delta.append(QJsonObject {{QStringLiteral("path"), QLatin1String(field)},
                                              {QStringLiteral("propertyChangeType"), QStringLiteral("Modify")},
                                              {QStringLiteral("before"), before.value(QLatin1String(field))},
                                              {QStringLiteral("after"), wanted}});
                }
            }
            const QString changeType = !evaluated ? QStringLiteral("Deploy")
                : delta.isEmpty()                 ? QStringLiteral("NoChange")
                                                  : QStringLiteral("Modify");
            change.insert(QStringLiteral("changeType"), changeType);
            change.insert(QStringLiteral("before"), before);
            change.insert(QStringLiteral("after"), after);
            if (!delta.isEmpty())
                change.insert(QStringLiteral("delta"), delta);
        }
        changes.append(change);
    }
    const bool complete = engine.value()->scope().mode == QLatin1String("Complete");
    for (const ArmResource &resource : m_store.inResourceGroup(subscriptionId(), resourceGroup)) {
        if (inTemplate.contains(resource.id.toLower()))
            continue;
        QJsonObject change {
            {QStringLiteral("resourceId"), resource.id},
            {QStringLiteral("changeType"), complete ? QStringLiteral("Delete") : QStringLiteral("Ignore")}};
        if (complete)
            change.insert(QStringLiteral("before"), providerFor(resource.type)->read(resource));
        changes.append(change);
    }
    const QString operationId = newId();
    auto result = std::make_shared<PendingResult>();
    result->done = true;
    result->body = QJsonObject {{QStringLiteral("status"), QStringLiteral("Succeeded")},
                                {QStringLiteral("properties"), QJsonObject {{QStringLiteral("changes"), changes}}}};
    rememberResult(operationId, result);
    QUrl location = request.baseUrl;
    location.setPath(QStringLiteral("/subscriptions/%1/operationresults/%2").arg(subscriptionId(), operationId));
    location.setQuery(
        QStringLiteral("api-version=%1").arg(request.query.queryItemValue(QStringLiteral("api-version"))));
    Response response {202, {}, {}};
    addHeader(response, "Location", location.toString(QUrl::FullyEncoded).toLatin1());
    addRetryAfter(response);
    return response;
}

AzureEndpoint::Response ArmStandIn::putDeployment(const Request &request, const QString &resourceGroup,
                                                  const QString &name)
{
    const Result<QJsonObject> body = requestObject(request);
    if (!body)
        return errorResponse(body.error());
    Result<std::shared_ptr<ArmTemplateEngine>> engine = preflight(body.value(), resourceGroup, name);
    if (!engine)
        return errorResponse(engine.error());
    const QJsonObject properties = body.value().value(QLatin1String("properties")).toObject();
    const QString deploymentKey = key(resourceGroup, name);
    const bool existed = m_deployments.contains(deploymentKey);

    Deployment deployment;
    deployment.name = name;
    deployment.resourceGroup = m_resourceGroups.value(resourceGroup.toLower()).name;
    deployment.mode = engine.value()->scope().mode;
    deployment.templateJson = properties.value(QLatin1String("template")).toObject();
    deployment.parameterValues = properties.value(QLatin1String("parameters")).toObject();
    deployment.correlationId = QString::fromLatin1(request.header("x-ms-correlation-request-id"));
    if (deployment.correlationId.isEmpty())
        deployment.correlationId = newId();
    deployment.parametersForDisplay = engine.value()->parametersForDisplay();
    deployment.templateHash = engine.value()->templateHash();
    // A deployment of the same name replaces the earlier one (ARM: last wins).
    if (const auto earlier = m_deployments.constFind(deploymentKey); earlier != m_deployments.constEnd())
        dropPendingDefinitions(*earlier);
    m_deployments.insert(deploymentKey, deployment);
    Deployment &stored = m_deployments[deploymentKey];
    startDeployment(stored, engine.value());

    Response response = Response::json(deploymentJson(stored), existed ? 200 : 201);
    QUrl status = request.baseUrl;
    status.setPath(deploymentId(stored.resourceGroup, name) + QStringLiteral("/operationStatuses/") +
                   stored.statusOperationId);
    status.setQuery(QStringLiteral("api-version=%1").arg(request.query.queryItemValue(QStringLiteral("api-version"))));
    addHeader(response, "Azure-AsyncOperation", status.toString(QUrl::FullyEncoded).toLatin1());
    addRetryAfter(response);
    // The deployment's correlationId is the one of the request that started it.
    addHeader(response, "x-ms-correlation-request-id", stored.correlationId.toLatin1());
    return response;
}

AzureEndpoint::Response ArmStandIn::cancelDeployment(const QString &resourceGroup, const QString &name)
{
    const auto it = m_deployments.find(key(resourceGroup, name));
    if (it == m_deployments.end())
        return errorResponse(ArmErrors::deploymentNotFound(name, resourceGroup));
    if (isTerminal(it->state)) {
        return cloudErrorResponse(409, QStringLiteral("DeploymentCannotBeCancelled"),
                                  tr("The deployment '%1' cannot be cancelled: its provisioning state is '%2'. Only "
                                     "deployments that are Accepted or Running can be cancelled.")
                                      .arg(it->name, it->state));
    }
    const QDateTime now = m_clock->nowUtc();
    it->state = QStringLiteral("Canceled");
    it->timestamp = now;
    it->finished = now;
    it->generation = ++m_generation;
    dropPendingDefinitions(*it);
    for (Operation &operation : it->operations) {
        if (operation.state == QLatin1String("Running")) {
            operation.state = QStringLiteral("Canceled");
            operation.finished = now;
        }
    }
    m_engines.remove(it.key());
    qCInfo(lcSandbox).noquote() << "ARM: deployment" << it->name << "canceled";
    emit deploymentChanged(it->resourceGroup, it->name, it->state);
    changed();
    return Response {204, {}, {}};
}

void ArmStandIn::dropPendingDefinitions(const Deployment &deployment)
{
    for (const Operation &operation : deployment.operations)
        m_pendingDefinitions.remove(operation.operationId);
}

void ArmStandIn::startDeployment(Deployment &deployment, std::shared_ptr<ArmTemplateEngine> engine)
{
    const QDateTime now = m_clock->nowUtc();
    deployment.state = QStringLiteral("Accepted");
    deployment.timestamp = now;
    deployment.started = now;
    deployment.statusOperationId = QString::number(QRandomGenerator::global()->generate64(), 16).toUpper();
    deployment.generation = ++m_generation;
    for (const ArmTemplateEngine::Resource &resource : engine->resources()) {
        Operation operation;
        operation.operationId = QString::number(QRandomGenerator::global()->generate64(), 16).toUpper();
        operation.resourceId = resource.id;
        operation.resourceType = resource.type;
        operation.resourceName = resource.name;
        deployment.operations << operation;
    }
    // Deploying a resource registers its provider, as ARM does for template deployments.
    for (const QString &providerNamespace : deploymentProviderNamespaces(*engine))
        m_providerStates.insert(providerNamespace.toLower(), QStringLiteral("Registered"));
    m_engines.insert(key(deployment.resourceGroup, deployment.name), std::move(engine));
    qCInfo(lcSandbox).noquote() << "ARM: deployment" << deployment.name << "accepted in" << deployment.resourceGroup
                                << "with" << deployment.operations.size() << "resources";
    emit deploymentChanged(deployment.resourceGroup, deployment.name, deployment.state);
    changed();
    scheduleStep(deployment, scaled(500));
}

void ArmStandIn::scheduleStep(const Deployment &deployment, qint64 delayMs)
{
    const QString deploymentKey = key(deployment.resourceGroup, deployment.name);
    const quint64 generation = deployment.generation;
    m_clock->callAfter(std::chrono::milliseconds(std::max<qint64>(0, delayMs)), this,
                       [this, deploymentKey, generation] { step(deploymentKey, generation); });
}

void ArmStandIn::step(const QString &deploymentKey, quint64 generation)
{
    const auto it = m_deployments.find(deploymentKey);
    if (it == m_deployments.end() || it->generation != generation || isTerminal(it->state))
        return;
    const std::shared_ptr<ArmTemplateEngine> engine = m_engines.value(deploymentKey);
    if (!engine)
        return;
    Deployment &deployment = *it;
    const QString before = deployment.state;
    if (deployment.state == QLatin1String("Accepted")) {
        deployment.state = QStringLiteral("Running");
        deployment.timestamp = m_clock->nowUtc();
    }
    const qint64 now = m_clock->monotonicMs();
    for (Operation &operation : deployment.operations) {
        if (operation.state == QLatin1String("Running") && operation.dueMs <= now)
            finishOperation(deployment, operation, *engine);
    }
    const auto failed = [&deployment] {
        return std::any_of(deployment.operations.cbegin(), deployment.operations.cend(),
                           [](const Operation &op) { return op.state == QLatin1String("Failed"); });
    };
    // Start every resource whose dependencies have all succeeded (a failure stops new starts).
    bool started = true;
    while (started && !failed()) {
        started = false;
        const QList<ArmTemplateEngine::Resource> &resources = engine->resources();
        for (qsizetype i = 0; i < deployment.operations.size() && i < resources.size(); ++i) {
            Operation &operation = deployment.operations[i];
            if (operation.state != QLatin1String("Pending"))
                continue;
            const bool ready = std::all_of(resources.at(i).dependsOn.cbegin(), resources.at(i).dependsOn.cend(),
                                           [&](const QString &id) {
                                               for (const Operation &other : deployment.operations) {
                                                   if (other.resourceId.compare(id, Qt::CaseInsensitive) == 0)
                                                       return other.state == QLatin1String("Succeeded");
                                               }
                                               return true;
                                           });
            if (!ready)
                continue;
            startOperation(deployment, operation, *engine);
            started = true;
        }
    }
    const bool running = std::any_of(deployment.operations.cbegin(), deployment.operations.cend(),
                                     [](const Operation &op) { return op.state == QLatin1String("Running"); });
    if (!running) {
        finishDeployment(deployment, *engine);
        return;
    }
    if (deployment.state != before)
        emit deploymentChanged(deployment.resourceGroup, deployment.name, deployment.state);
    changed();
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Operation &operation : deployment.operations) {
        if (operation.state == QLatin1String("Running"))
            next = std::min(next, operation.dueMs);
    }
    scheduleStep(deployment, next - now);
}

void ArmStandIn::startOperation(Deployment &deployment, Operation &operation, ArmTemplateEngine &engine)
{
    const QDateTime now = m_clock->nowUtc();
    operation.started = now;
    const auto fail = [&](const ServiceError &error) {
        operation.state = QStringLiteral("Failed");
        operation.finished = now;
        operation.error = ArmErrors::cloudError(error);
        operation.statusCode = statusText(ArmErrors::httpStatus(error));
        qCInfo(lcSandbox).noquote() << "ARM:" << operation.resourceType << operation.resourceName
                                    << "failed:" << operation.error->code;
    };
    const int index = engine.indexOf(operation.resourceId);
    Reader reader(this);
    Result<QJsonObject> evaluated = engine.evaluateResource(index, &reader);
    if (!evaluated) {
        fail(evaluated.error());
        return;
    }
    ArmResourceProvider *provider = providerFor(operation.resourceType);
    const ArmResource requested = ArmResource::fromDefinition(evaluated.value(), operation.resourceId, subscriptionId(),
                                                              deployment.resourceGroup);
    const QList<CloudError> problems = provider->validate(requested);
    if (!problems.isEmpty()) {
        fail(problems.size() == 1
                 ? ArmErrors::fromCloudError(400, problems.constFirst())
                 : ArmErrors::make(400, QStringLiteral("BadRequest"),
                                   tr("The resource '%1' is not valid; see the details.").arg(requested.name),
                                   requested.name, problems));
        return;
    }
    operation.state = QStringLiteral("Running");
    operation.provisioningOperation = QStringLiteral("Create");
    operation.dueMs = m_clock->monotonicMs() + scaled(provider->provisioningTime(requested).count());
    m_pendingDefinitions.insert(operation.operationId, evaluated.value());
}

void ArmStandIn::finishOperation(Deployment &deployment, Operation &operation, ArmTemplateEngine &)
{
    const QDateTime now = m_clock->nowUtc();
    operation.finished = now;
    const QJsonObject definition = m_pendingDefinitions.take(operation.operationId);
    ArmResourceProvider *provider = providerFor(operation.resourceType);
    ArmResource requested =
        ArmResource::fromDefinition(definition, operation.resourceId, subscriptionId(), deployment.resourceGroup);
    const ArmResource *existingPointer = m_store.find(operation.resourceId);
    const std::optional<ArmResource> existing =
        existingPointer ? std::optional<ArmResource>(*existingPointer) : std::nullopt;
    Result<ArmResource> applied = provider->apply(requested, existing ? &*existing : nullptr);
    if (!applied) {
        operation.state = QStringLiteral("Failed");
        operation.error = ArmErrors::cloudError(applied.error());
        operation.statusCode = statusText(ArmErrors::httpStatus(applied.error()));
        qCInfo(lcSandbox).noquote() << "ARM:" << operation.resourceType << operation.resourceName
                                    << "failed:" << operation.error->code;
        return;
    }
    ArmResource stored = applied.takeValue();
    stored.id = operation.resourceId;
    stored.subscriptionId = subscriptionId();
    stored.resourceGroup = deployment.resourceGroup;
    stored.apiVersion = requested.apiVersion;
    stored.createdTime = existing ? existing->createdTime : now;
    stored.changedTime = now;
    m_store.put(stored);
    for (const auto &each : m_providers)
        each->resourcesChanged();
    operation.state = QStringLiteral("Succeeded");
    operation.statusCode = existing ? QStringLiteral("OK") : QStringLiteral("Created");
}

void ArmStandIn::finishDeployment(Deployment &deployment, ArmTemplateEngine &engine)
{
    const QDateTime now = m_clock->nowUtc();
    deployment.timestamp = now;
    deployment.finished = now;
    QList<CloudError> failures;
    for (const Operation &operation : deployment.operations) {
        if (operation.state == QLatin1String("Failed") && operation.error)
            failures << *operation.error;
    }
    if (failures.isEmpty()) {
        Reader reader(this);
        Result<QJsonObject> outputs = engine.evaluateOutputs(&reader);
        if (outputs) {
            deployment.state = QStringLiteral("Succeeded");
            deployment.outputs = outputs.value();
            deployment.outputResources.clear();
            for (const Operation &operation : deployment.operations)
                deployment.outputResources << operation.resourceId;
        } else {
            deployment.state = QStringLiteral("Failed");
            deployment.error = ArmErrors::cloudError(outputs.error());
        }
    } else {
        deployment.state = QStringLiteral("Failed");
        deployment.error = ArmErrors::deploymentFailed(failures);
    }
    deployment.generation = ++m_generation;
    m_engines.remove(key(deployment.resourceGroup, deployment.name));
    qCInfo(lcSandbox).noquote() << "ARM: deployment" << deployment.name << deployment.state;
    emit deploymentChanged(deployment.resourceGroup, deployment.name, deployment.state);
    changed();
}

} // namespace TwinBridge::Sandbox
