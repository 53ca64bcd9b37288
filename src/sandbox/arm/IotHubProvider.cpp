#include "sandbox/arm/IotHubProvider.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmExpression.h"
#include "sandbox/arm/ArmResourceStore.h"
#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "services/core/Logging.h"
#include "services/iothub/HubThrottle.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IotHubProvider", text);
}

const QStringList &skuNames()
{
    static const QStringList names = {QStringLiteral("F1"), QStringLiteral("S1"), QStringLiteral("S2"),
                                      QStringLiteral("S3"), QStringLiteral("B1"), QStringLiteral("B2"),
                                      QStringLiteral("B3")};
    return names;
}

QString tierOf(const QString &sku)
{
    if (sku.startsWith(QLatin1Char('F'), Qt::CaseInsensitive))
        return QStringLiteral("Free");
    if (sku.startsWith(QLatin1Char('B'), Qt::CaseInsensitive))
        return QStringLiteral("Basic");
    return QStringLiteral("Standard");
}

// IoT Hub's five default policies when a template names none (ARM's defaults).
QList<SharedAccessPolicy> defaultPolicies()
{
    const HubRights all =
        HubRight::RegistryRead | HubRight::RegistryWrite | HubRight::ServiceConnect | HubRight::DeviceConnect;
    QList<SharedAccessPolicy> policies;
    const QList<QPair<const char *, HubRights>> entries = {
        {"iothubowner", all},
        {"service", HubRight::ServiceConnect},
        {"device", HubRight::DeviceConnect},
        {"registryRead", HubRight::RegistryRead},
        {"registryReadWrite", HubRight::RegistryRead | HubRight::RegistryWrite},
    };
    for (const auto &entry : entries) {
        SharedAccessPolicy policy;
        policy.keyName = QLatin1String(entry.first);
        policy.rights = entry.second;
        policies << policy;
    }
    return policies;
}

QList<SharedAccessPolicy> policiesFrom(const QJsonArray &array)
{
    QList<SharedAccessPolicy> policies;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        SharedAccessPolicy policy;
        policy.keyName = object.value(QLatin1String("keyName")).toString();
        policy.rights =
            SharedAccessPolicy::parseRights(object.value(QLatin1String("rights")).toString()).value_or(HubRights());
        policy.primaryKey = object.value(QLatin1String("primaryKey")).toString().toLatin1();
        policy.secondaryKey = object.value(QLatin1String("secondaryKey")).toString().toLatin1();
        policies << policy;
    }
    return policies;
}

// The routing as a GET shows it: endpoint keys replaced by ****.
QJsonObject maskedRouting(QJsonObject routing)
{
    QJsonObject endpoints = routing.value(QLatin1String("endpoints")).toObject();
    QJsonArray eventHubs = endpoints.value(QLatin1String("eventHubs")).toArray();
    for (qsizetype i = 0; i < eventHubs.size(); ++i) {
        QJsonObject endpoint = eventHubs.at(i).toObject();
        const QJsonValue connection = endpoint.value(QLatin1String("connectionString"));
        if (connection.isString())
            endpoint.insert(QStringLiteral("connectionString"),
                            ArmHubWiring::EventHubConnection::masked(connection.toString()));
        eventHubs[i] = endpoint;
    }
    if (!eventHubs.isEmpty()) {
        endpoints.insert(QStringLiteral("eventHubs"), eventHubs);
        routing.insert(QStringLiteral("endpoints"), endpoints);
    }
    return routing;
}

} // namespace

IotHubProvider::IotHubProvider(ArmResourceStore *store, HubDirectory *hubs, RoutingDirectory *routing)
    : ArmResourceProvider(store)
    , m_hubs(hubs)
    , m_wiring(store, hubs, routing)
{ }

QList<ArmResourceProvider::ResourceType> IotHubProvider::resourceTypes() const
{
    const QStringList versions = {
        QStringLiteral("2025-08-01-preview"), QStringLiteral("2023-06-30-preview"),
        QStringLiteral("2023-06-30"),         QStringLiteral("2022-11-15-preview"),
        QStringLiteral("2022-04-30-preview"), QStringLiteral("2021-07-02"),
        QStringLiteral("2021-07-01"),         QStringLiteral("2021-03-31"),
        QStringLiteral("2021-03-03-preview"), QStringLiteral("2020-08-31"),
        QStringLiteral("2020-08-01"),         QStringLiteral("2020-06-15"),
        QStringLiteral("2020-04-01"),         QStringLiteral("2020-03-01"),
        QStringLiteral("2019-11-04"),         QStringLiteral("2019-03-22"),
        QStringLiteral("2018-04-01"),         QStringLiteral("2018-01-22"),
        QStringLiteral("2017-07-01"),         QStringLiteral("2017-01-19"),
        QStringLiteral("2016-02-03"),
    };
    return {{QStringLiteral("IotHubs"), versions, true}, {QStringLiteral("checkNameAvailability"), versions, false}};
}

std::chrono::milliseconds IotHubProvider::provisioningTime(const ArmResource &) const
{
    return std::chrono::milliseconds(3000);
}

bool IotHubProvider::isValidName(const QString &name)
{
    // reference/azure-protocols.md §5.3 [ARM-IOT Resource.name]
    static const QRegularExpression pattern(QStringLiteral("^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{2,49}[a-zA-Z0-9]$"));
    return pattern.match(name).hasMatch();
}

QList<CloudError> IotHubProvider::checkPolicies(const QJsonValue &value) const
{
    QList<CloudError> problems;
    if (value.isUndefined() || value.isNull() || ArmExpression::isExpressionValue(value))
        return problems;
    if (!value.isArray()) {
        problems << problem(QStringLiteral("InvalidAuthorizationPolicies"),
                            tr("'authorizationPolicies' must be an array of shared access policies."),
                            QStringLiteral("properties.authorizationPolicies"));
        return problems;
    }
    const QJsonArray array = value.toArray();
    if (array.isEmpty()) {
        problems << problem(QStringLiteral("InvalidAuthorizationPolicies"),
                            tr("A hub needs at least one shared access policy; leave 'authorizationPolicies' out for "
                               "IoT Hub's defaults."),
                            QStringLiteral("properties.authorizationPolicies"));
    }
    static const QRegularExpression keyNamePattern(QStringLiteral("^[A-Za-z0-9!#$%&'()*+,\\-./:;=?@_{|}~]{1,64}$"));
    QStringList seen;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString target = QStringLiteral("properties.authorizationPolicies[%1]").arg(i);
        const QJsonObject policy = array.at(i).toObject();
        const QString keyName = policy.value(QLatin1String("keyName")).toString();
        if (!keyNamePattern.match(keyName).hasMatch()) {
            problems << problem(
                QStringLiteral("InvalidAuthorizationPolicies"),
                tr("'%1' is not a valid policy name (1 to 64 letters, digits and symbols).").arg(keyName),
                target + QStringLiteral(".keyName"));
            continue;
        }
        if (seen.contains(keyName, Qt::CaseInsensitive)) {
            problems << problem(QStringLiteral("InvalidAuthorizationPolicies"),
                                tr("The policy name '%1' is used twice.").arg(keyName),
                                target + QStringLiteral(".keyName"));
        }
        seen << keyName;
        const QJsonValue rights = policy.value(QLatin1String("rights"));
        if (!ArmExpression::isExpressionValue(rights) && !SharedAccessPolicy::parseRights(rights.toString())) {
            problems << problem(QStringLiteral("InvalidAuthorizationPolicies"),
                                tr("The rights '%1' of policy '%2' are not valid; use a combination of RegistryRead, "
                                   "RegistryWrite, ServiceConnect and DeviceConnect such as \"RegistryRead, "
                                   "RegistryWrite, ServiceConnect, DeviceConnect\".")
                                    .arg(rights.toString(), keyName),
                                target + QStringLiteral(".rights"));
        }
        for (const char *keyField : {"primaryKey", "secondaryKey"}) {
            const QJsonValue key = policy.value(QLatin1String(keyField));
            if (key.isUndefined() || key.isNull() || ArmExpression::isExpressionValue(key))
                continue;
            const auto decoded =
                QByteArray::fromBase64Encoding(key.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || decoded.decoded.size() < 16 || decoded.decoded.size() > 64) {
                problems << problem(
                    QStringLiteral("InvalidAuthorizationPolicies"),
                    tr("The %1 of policy '%2' must be base64 of 16 to 64 bytes.").arg(QLatin1String(keyField), keyName),
                    target + QLatin1Char('.') + QLatin1String(keyField));
            }
        }
    }
    return problems;
}

QList<CloudError> IotHubProvider::validate(const ArmResource &requested) const
{
    QList<CloudError> problems;
    const QString name = requested.name;
    if (!isValidName(name)) {
        problems << problem(QStringLiteral("InvalidIotHubName"),
                            tr("IotHub name '%1' is invalid. It must be 3 to 50 letters, digits or hyphens, start with "
                               "a letter or digit, not end with a hyphen and not be all digits.")
                                .arg(name),
                            name);
        return problems;
    }
    // Hub names are global (their host names): another resource group's hub, or a hub the sandbox made itself.
    if (const ArmResource *other = sameNameElsewhere(requested)) {
        problems << problem(QStringLiteral("IotHubNameNotAvailable"),
                            tr("IotHub name '%1' is not available: resource group '%2' has a hub of that name.")
                                .arg(name, other->resourceGroup),
                            name);
    } else if (m_hubs && m_hubs->hub(name) && !store()->find(requested.id)) {
        problems << problem(QStringLiteral("IotHubNameNotAvailable"),
                            tr("IotHub name '%1' is not available.").arg(name), name);
    }

    const QJsonValue skuName = requested.sku.value(QLatin1String("name"));
    if (!ArmExpression::isExpressionValue(skuName)) {
        if (!skuNames().contains(skuName.toString())) {
            problems << problem(QStringLiteral("InvalidIotHubSku"),
                                tr("The SKU '%1' is not valid for an IoT hub; use one of %2.")
                                    .arg(skuName.toString(), skuNames().join(QLatin1String(", "))),
                                QStringLiteral("sku.name"));
        } else {
            const HubSku sku = HubThrottle::parseSku(skuName.toString()).value_or(HubSku::S1);
            const QJsonValue capacity = requested.sku.value(QLatin1String("capacity"));
            const int maxUnits = HubThrottle::maxUnits(sku);
            if (!capacity.isUndefined() && !ArmExpression::isExpressionValue(capacity) &&
                (!capacity.isDouble() || capacity.toDouble() != double(capacity.toInt()) || capacity.toInt() < 1 ||
                 capacity.toInt() > maxUnits)) {
                problems << problem(QStringLiteral("InvalidIotHubCapacity"),
                                    tr("The capacity %1 is not valid for an %2 hub; it allows 1 to %3 units.")
                                        .arg(ArmExpression::toText(capacity), skuName.toString())
                                        .arg(maxUnits),
                                    QStringLiteral("sku.capacity"));
            }
            if (sku == HubSku::F1) {
                int freeHubs = 0;
                for (const ArmResource &hub : store()->ofType(requested.type)) {
                    if (hub.id.compare(requested.id, Qt::CaseInsensitive) != 0 &&
                        hub.subscriptionId.compare(requested.subscriptionId, Qt::CaseInsensitive) == 0 &&
                        hub.sku.value(QLatin1String("name")).toString() == QLatin1String("F1"))
                        ++freeHubs;
                }
                if (freeHubs >= 1) {
                    // IoT Hub's own wording and code (IH400019).
                    problems << problem(QStringLiteral("400019"),
                                        tr("Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = "
                                           "%1 in the subscription Id: %2. Delete the other Free hub or choose the S1 "
                                           "tier.")
                                            .arg(freeHubs + 1)
                                            .arg(requested.subscriptionId),
                                        QStringLiteral("sku.name"));
                }
            }
        }
    }

    const QJsonObject properties = requested.properties;
    problems << checkPolicies(properties.value(QLatin1String("authorizationPolicies")));
    const QJsonValue tls = properties.value(QLatin1String("minTlsVersion"));
    if (!tls.isUndefined() && !tls.isNull() && !ArmExpression::isExpressionValue(tls) &&
        tls.toString() != QLatin1String("1.2")) {
        problems << problem(QStringLiteral("InvalidMinTlsVersion"),
                            tr("minTlsVersion '%1' is not supported; the only value is \"1.2\".").arg(tls.toString()),
                            QStringLiteral("properties.minTlsVersion"));
    }

    const QJsonValue routingValue = properties.value(QLatin1String("routing"));
    if (!routingValue.isUndefined() && !routingValue.isNull() && !ArmExpression::isExpressionValue(routingValue)) {
        if (!routingValue.isObject()) {
            problems << problem(QStringLiteral("InvalidRouting"), tr("'routing' must be an object."),
                                QStringLiteral("properties.routing"));
        } else {
            // Endpoints whose connection string is still an expression are checked when they are deployed.
            QJsonObject routing = routingValue.toObject();
            QJsonObject endpoints = routing.value(QLatin1String("endpoints")).toObject();
            QJsonArray eventHubs = endpoints.value(QLatin1String("eventHubs")).toArray();
            for (qsizetype i = 0; i < eventHubs.size(); ++i) {
                QJsonObject endpoint = eventHubs.at(i).toObject();
                if (ArmExpression::isExpressionValue(endpoint.value(QLatin1String("connectionString")))) {
                    endpoint.remove(QStringLiteral("connectionString"));
                    if (!endpoint.contains(QLatin1String("entityPath")))
                        endpoint.insert(QStringLiteral("entityPath"), QStringLiteral("Deferred"));
                }
                eventHubs[i] = endpoint;
            }
            if (endpoints.contains(QLatin1String("eventHubs"))) {
                endpoints.insert(QStringLiteral("eventHubs"), eventHubs);
                routing.insert(QStringLiteral("endpoints"), endpoints);
            }
            const HubSku sku = HubThrottle::parseSku(skuName.toString()).value_or(HubSku::S1);
            Result<RoutingConfiguration> parsed = RoutingConfiguration::fromJson(routing, sku);
            if (!parsed) {
                const QString field = parsed.error().payload().toObject().value(QLatin1String("field")).toString();
                problems << problem(QStringLiteral("InvalidRouting"), parsed.error().message(),
                                    field.isEmpty() ? QStringLiteral("properties.routing")
                                                    : QStringLiteral("properties.routing.") + field);
            }
        }
    }
    return problems;
}

Result<ArmResource> IotHubProvider::apply(const ArmResource &requested, const ArmResource *existing)
{
    if (!m_hubs)
        return ArmErrors::make(500, QStringLiteral("InternalServerError"), tr("The sandbox has no hub directory."));
    QList<CloudError> problems = validate(requested);
    const QJsonObject routing = requested.properties.value(QLatin1String("routing")).toObject();
    problems << m_wiring.checkEndpoints(requested, routing);
    if (!problems.isEmpty()) {
        if (problems.size() == 1)
            return ArmErrors::fromCloudError(400, problems.constFirst());
        return ArmErrors::make(
            400, QStringLiteral("BadRequest"),
            tr("The IoT hub '%1' cannot be created as requested; see the details.").arg(requested.name), requested.name,
            problems);
    }

    const QString skuName = requested.sku.value(QLatin1String("name")).toString();
    const HubSku sku = HubThrottle::parseSku(skuName).value_or(HubSku::S1);
    const int units = requested.sku.value(QLatin1String("capacity")).toInt(1);
    const QJsonValue policyValue = requested.properties.value(QLatin1String("authorizationPolicies"));
    QList<SharedAccessPolicy> policies =
        policyValue.isArray() ? policiesFrom(policyValue.toArray()) : QList<SharedAccessPolicy>();

    SandboxHub *hub = m_hubs->hub(requested.name);
    if (!hub) {
        SandboxHub::Options options;
        options.name = requested.name;
        options.sku = sku;
        options.units = units;
        options.policies = policies.isEmpty() ? defaultPolicies() : policies;
        Result<SandboxHub *> created = m_hubs->createHub(options);
        if (!created)
            return ArmErrors::make(409, QStringLiteral("IotHubNameNotAvailable"), created.error().message(),
                                   requested.name);
        hub = created.value();
        qCInfo(lcSandbox).noquote() << "ARM: created IoT hub" << hub->name() << HubThrottle::skuName(sku) << units;
    } else {
        hub->configure(sku, units);
        if (!policies.isEmpty())
            hub->setPolicies(policies);
    }

    ArmResource stored = requested;
    stored.sku = QJsonObject {{QStringLiteral("name"), skuName},
                              {QStringLiteral("tier"), tierOf(skuName)},
                              {QStringLiteral("capacity"), hub->units()}};
    if (existing)
        stored.secrets = existing->secrets;
    stored.secrets.insert(QStringLiteral("routing"), routing);
    QJsonObject properties = requested.properties;
    properties.remove(QStringLiteral("authorizationPolicies"));
    if (!routing.isEmpty())
        properties.insert(QStringLiteral("routing"), maskedRouting(routing));
    properties.insert(QStringLiteral("hostName"), hub->hostName());
    properties.insert(QStringLiteral("provisioningState"), QStringLiteral("Succeeded"));
    properties.insert(QStringLiteral("state"), QStringLiteral("Active"));
    QJsonArray partitionIds;
    for (int i = 0; i < 4; ++i)
        partitionIds << QString::number(i);
    properties.insert(
        QStringLiteral("eventHubEndpoints"),
        QJsonObject {{QStringLiteral("events"),
                      QJsonObject {{QStringLiteral("retentionTimeInDays"), 1},
                                   {QStringLiteral("partitionCount"), 4},
                                   {QStringLiteral("partitionIds"), partitionIds},
                                   {QStringLiteral("path"), hub->name()},
                                   {QStringLiteral("endpoint"),
                                    QStringLiteral("sb://iothub-ns-%1.servicebus.windows.net/").arg(hub->name())}}}});
    properties.insert(QStringLiteral("locations"),
                      QJsonArray {QJsonObject {{QStringLiteral("location"), requested.location},
                                               {QStringLiteral("role"), QStringLiteral("primary")}}});
    if (!properties.contains(QLatin1String("features")))
        properties.insert(QStringLiteral("features"), QStringLiteral("None"));
    stored.properties = properties;

    if (Status wired = m_wiring.apply(stored); !wired) {
        const QString field = wired.error().payload().toObject().value(QLatin1String("field")).toString();
        return ArmErrors::make(400, QStringLiteral("InvalidRouting"), wired.error().message(),
                               field.isEmpty() ? QStringLiteral("properties.routing")
                                               : QStringLiteral("properties.routing.") + field);
    }
    return stored;
}

QJsonObject IotHubProvider::read(const ArmResource &resource) const
{
    QJsonObject json = resource.toJson();
    json.insert(QStringLiteral("etag"),
                QStringLiteral("AAAAAA%1=").arg(resource.changedTime.toMSecsSinceEpoch() % 100000000));
    return json;
}

Result<QJsonValue> IotHubProvider::action(const ArmResource &resource, const QString &action) const
{
    SandboxHub *hub = m_hubs ? m_hubs->hub(resource.name) : nullptr;
    const QString lower = action.toLower();
    const bool listAll = lower == QLatin1String("listkeys");
    const bool listOne = lower.startsWith(QLatin1String("iothubkeys/")) && lower.endsWith(QLatin1String("/listkeys"));
    if (!listAll && !listOne)
        return ArmResourceProvider::action(resource, action);
    if (!hub)
        return ArmErrors::resourceNotFound(QStringLiteral("Microsoft.Devices/IotHubs/") + resource.name,
                                           resource.resourceGroup);
    const auto keyJson = [](const SharedAccessPolicy &policy) {
        return QJsonObject {{QStringLiteral("keyName"), policy.keyName},
                            {QStringLiteral("primaryKey"), QString::fromLatin1(policy.primaryKey)},
                            {QStringLiteral("secondaryKey"), QString::fromLatin1(policy.secondaryKey)},
                            {QStringLiteral("rights"), SharedAccessPolicy::rightsText(policy.rights)}};
    };
    if (listOne) {
        const QString keyName = action.section(QLatin1Char('/'), 1, 1);
        for (const SharedAccessPolicy &policy : hub->policies()) {
            if (policy.keyName.compare(keyName, Qt::CaseInsensitive) == 0)
                return QJsonValue(keyJson(policy));
        }
        return ArmErrors::make(404, QStringLiteral("KeyNameNotFound"),
                               tr("The IoT hub '%1' has no shared access policy '%2'.").arg(resource.name, keyName));
    }
    QJsonArray keys;
    for (const SharedAccessPolicy &policy : hub->policies())
        keys.append(keyJson(policy));
    return QJsonValue(QJsonObject {{QStringLiteral("value"), keys}});
}

void IotHubProvider::remove(const ArmResource &resource)
{
    if (m_hubs && m_hubs->hub(resource.name)) {
        qCInfo(lcSandbox).noquote() << "ARM: removing IoT hub" << resource.name;
        (void)m_hubs->removeHub(resource.name);
    }
}

void IotHubProvider::resourcesChanged()
{
    m_wiring.refreshAll();
}

QJsonObject IotHubProvider::listBySubscription(const QString &subscriptionId) const
{
    QJsonArray value;
    for (const ArmResource &hub : store()->ofType(QStringLiteral("Microsoft.Devices/IotHubs"))) {
        if (hub.subscriptionId.compare(subscriptionId, Qt::CaseInsensitive) == 0)
            value.append(read(hub));
    }
    return QJsonObject {{QStringLiteral("value"), value}};
}

QJsonObject IotHubProvider::nameAvailability(const QString &name) const
{
    if (!isValidName(name)) {
        return QJsonObject {
            {QStringLiteral("nameAvailable"), false},
            {QStringLiteral("reason"), QStringLiteral("Invalid")},
            {QStringLiteral("message"),
             tr("IotHub name '%1' is invalid. It must be 3 to 50 letters, digits or hyphens, start with "
                "a letter or digit, not end with a hyphen and not be all digits.")
                 .arg(name)}};
    }
    bool taken = m_hubs && m_hubs->hub(name);
    for (const ArmResource &hub : store()->ofType(QStringLiteral("Microsoft.Devices/IotHubs")))
        taken = taken || hub.name.compare(name, Qt::CaseInsensitive) == 0;
    if (taken) {
        return QJsonObject {{QStringLiteral("nameAvailable"), false},
                            {QStringLiteral("reason"), QStringLiteral("AlreadyExists")},
                            {QStringLiteral("message"), tr("IotHub name '%1' is not available").arg(name)}};
    }
    return QJsonObject {{QStringLiteral("nameAvailable"), true},
                        {QStringLiteral("reason"), QStringLiteral("Invalid")},
                        {QStringLiteral("message"), QString()}};
}

} // namespace TwinBridge::Sandbox
