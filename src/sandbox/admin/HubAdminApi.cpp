#include "sandbox/admin/HubAdminApi.h"

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/hub/SandboxHub.h"
#include "sandbox/routing/MessageRouter.h"
#include "sandbox/routing/RoutingDirectory.h"
#include "services/core/Logging.h"

#include <QJsonArray>

#include <optional>

namespace TwinBridge::Sandbox {

namespace {

constexpr int DefaultMessageLimit = 100;
constexpr int MaxMessageLimit = 1000;

AdminRouter::Response badRequest(const QString &code, const QString &message, const QString &field = {})
{
    QJsonObject extra;
    if (!field.isEmpty())
        extra.insert(QStringLiteral("field"), field);
    return AdminRouter::Response::error(400, code, message, extra);
}

// A whole number query parameter in [minimum, maximum], or `fallback` when absent.
std::optional<qint64> queryNumber(const AdminRouter::Request &request, const QString &name, qint64 fallback,
                                  qint64 minimum, qint64 maximum, AdminRouter::Response *error)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = request.query.queryItemValue(name, QUrl::FullyDecoded).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        *error = badRequest(QStringLiteral("InvalidQuery"),
                            HubAdminApi::tr("The query parameter \"%1\" must be a whole number from %2 to %3.")
                                .arg(name)
                                .arg(minimum)
                                .arg(maximum),
                            name);
        return std::nullopt;
    }
    return value;
}

QJsonObject limitsJson(const HubThrottle::Limits &limits)
{
    return QJsonObject {
        {QStringLiteral("registryOperationsPerMinute"), limits.registryPerMinute},
        {QStringLiteral("twinReadsPerSecond"), limits.twinReadsPerSecond},
        {QStringLiteral("twinUpdatesPerSecond"), limits.twinUpdatesPerSecond},
        {QStringLiteral("queriesPerMinute"), limits.queriesPerMinute},
        {QStringLiteral("newConnectionsPerSecond"), limits.newConnectionsPerSecond},
        {QStringLiteral("deviceToCloudPerSecond"), limits.deviceToCloudPerSecond},
    };
}

} // namespace

HubAdminApi::HubAdminApi(HubDirectory *hubs, RoutingDirectory *routing, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_hubs(hubs)
    , m_routing(routing)
    , m_clock(clock ? clock : Clock::system())
{
    sample();
}

HubAdminApi::~HubAdminApi() = default;

void HubAdminApi::registerRoutes(AdminRouter &router)
{
    router.add(
        "GET", QStringLiteral("/admin/hubs"), [this](const AdminRouter::Request &r) { return listHubs(r); },
        tr("Every hub with its host name, SKU, units, limits and shared access policies (with keys)."));
    router.add(
        "GET", QStringLiteral("/admin/hubs/{hub}"), [this](const AdminRouter::Request &r) { return getHub(r); },
        tr("One hub."));
    router.add(
        "GET", QStringLiteral("/admin/hubs/{hub}/messages"),
        [this](const AdminRouter::Request &r) { return messages(r); },
        tr("Recorded device-to-cloud messages: ?deviceId=&after=<sequence number>&limit=."));
    router.add(
        "GET", QStringLiteral("/admin/hubs/{hub}/metrics"),
        [this](const AdminRouter::Request &r) { return metrics(r); },
        tr("Connections, rates, operations, throttled requests, routing and Function delivery."));
    router.add(
        "GET", QStringLiteral("/admin/hubs/{hub}/faults"), [this](const AdminRouter::Request &r) { return faults(r); },
        tr("The faults in force."));
    router.add(
        "POST", QStringLiteral("/admin/hubs/{hub}/faults"),
        [this](const AdminRouter::Request &r) { return setFaults(r); },
        tr("Injects faults: throttleTwinSeconds, throttleRegistrySeconds, outageSeconds, latencyMs, "
           "dropConnections."));
    router.add(
        "DELETE", QStringLiteral("/admin/hubs/{hub}/faults"),
        [this](const AdminRouter::Request &r) { return clearFaults(r); }, tr("Clears every fault."));
    router.add(
        "GET", QStringLiteral("/admin/hubs/{hub}/routing"),
        [this](const AdminRouter::Request &r) { return routing(r); },
        tr("Routes, endpoints, fallback route and the Function's app settings."));
    router.add(
        "PUT", QStringLiteral("/admin/hubs/{hub}/routing"),
        [this](const AdminRouter::Request &r) { return setRouting(r); }, tr("Replaces the routing."));
    router.add(
        "GET", QStringLiteral("/admin/hubs/{hub}/endpoints/events"),
        [this](const AdminRouter::Request &r) { return builtInEndpoint(r); },
        tr("Messages that reached the built-in endpoint: ?after=<sequence number>&limit=."));
    router.addResetAction(QStringLiteral("iothub"), [this] { reset(); });
}

SandboxHub *HubAdminApi::hubOrNull(const AdminRouter::Request &request) const
{
    return m_hubs ? m_hubs->hub(request.argument(QStringLiteral("hub"))) : nullptr;
}

AdminRouter::Response HubAdminApi::hubNotFound(const QString &name)
{
    return AdminRouter::Response::error(
        404, QStringLiteral("HubNotFound"),
        tr("There is no hub \"%1\" in this sandbox; GET /admin/hubs lists them.").arg(name));
}

QJsonObject HubAdminApi::hubJson(SandboxHub *hub) const
{
    QJsonArray policies;
    const QList<SharedAccessPolicy> list = hub->policies();
    for (const SharedAccessPolicy &policy : list) {
        policies.append(QJsonObject {
            {QStringLiteral("keyName"), policy.keyName},
            {QStringLiteral("primaryKey"), QString::fromLatin1(policy.primaryKey)},
            {QStringLiteral("secondaryKey"), QString::fromLatin1(policy.secondaryKey)},
            {QStringLiteral("rights"), SharedAccessPolicy::rightsText(policy.rights)},
        });
    }
    return QJsonObject {
        {QStringLiteral("name"), hub->name()},
        {QStringLiteral("hostName"), hub->hostName()},
        {QStringLiteral("sku"), HubThrottle::skuName(hub->sku())},
        {QStringLiteral("units"), hub->units()},
        {QStringLiteral("throttlesEnabled"), hub->throttlesEnabled()},
        {QStringLiteral("limits"), limitsJson(hub->limits())},
        {QStringLiteral("deviceCount"), hub->deviceCount()},
        {QStringLiteral("policies"), policies},
        {QStringLiteral("faults"), hub->faults().toJson()},
    };
}

AdminRouter::Response HubAdminApi::listHubs(const AdminRouter::Request &) const
{
    QJsonArray hubs;
    if (m_hubs) {
        const QList<SandboxHub *> list = m_hubs->hubs();
        for (SandboxHub *hub : list)
            hubs.append(hubJson(hub));
    }
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("hubs"), hubs}});
}

AdminRouter::Response HubAdminApi::getHub(const AdminRouter::Request &request) const
{
    SandboxHub *hub = hubOrNull(request);
    if (!hub)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    return AdminRouter::Response::json(hubJson(hub));
}

AdminRouter::Response HubAdminApi::messages(const AdminRouter::Request &request) const
{
    SandboxHub *hub = hubOrNull(request);
    if (!hub)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    AdminRouter::Response error;
    const auto after = queryNumber(request, QStringLiteral("after"), 0, 0, std::numeric_limits<qint64>::max(), &error);
    if (!after)
        return error;
    const auto limit = queryNumber(request, QStringLiteral("limit"), DefaultMessageLimit, 1, MaxMessageLimit, &error);
    if (!limit)
        return error;
    const QString deviceId = request.query.queryItemValue(QStringLiteral("deviceId"), QUrl::FullyDecoded);

    const QList<HubMessage> recorded = hub->recordedMessages(deviceId, *after, int(*limit));
    QJsonArray list;
    qint64 next = *after;
    for (const HubMessage &message : recorded) {
        list.append(message.toJson());
        next = qMax(next, message.sequenceNumber);
    }
    return AdminRouter::Response::json(QJsonObject {
        {QStringLiteral("hub"), hub->name()},
        {QStringLiteral("deviceId"), deviceId.isEmpty() ? QJsonValue() : QJsonValue(deviceId)},
        {QStringLiteral("after"), *after},
        {QStringLiteral("next"), next},
        {QStringLiteral("messages"), list},
    });
}

void HubAdminApi::sample()
{
    if (m_hubs) {
        const qint64 now = m_clock->monotonicMs();
        const QList<SandboxHub *> hubs = m_hubs->hubs();
        for (SandboxHub *hub : hubs) {
            const HubMetrics metrics = hub->metrics();
            std::deque<Sample> &samples = m_samples[hub->name()];
            samples.push_back({now, metrics.connects, metrics.deviceToCloudMessages});
            const qint64 windowMs = std::chrono::milliseconds(RateWindow).count();
            while (samples.size() > 1 && now - samples.front().monotonicMs > windowMs)
                samples.pop_front();
        }
    }
    m_clock->callAfter(std::chrono::seconds(1), this, [this] { sample(); });
}

double HubAdminApi::rate(const QString &hubName, quint64 Sample::*counter, quint64 current) const
{
    const auto it = m_samples.constFind(hubName);
    if (it == m_samples.cend() || it->empty())
        return 0;
    const Sample &oldest = it->front();
    const qint64 elapsedMs = m_clock->monotonicMs() - oldest.monotonicMs;
    // A reset makes the counters smaller than the samples: no rate until the window has refilled.
    if (elapsedMs <= 0 || current < oldest.*counter)
        return 0;
    return double(current - oldest.*counter) * 1000.0 / double(elapsedMs);
}

AdminRouter::Response HubAdminApi::metrics(const AdminRouter::Request &request) const
{
    SandboxHub *hub = hubOrNull(request);
    if (!hub)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    const HubMetrics counters = hub->metrics();
    QJsonObject json = counters.toJson();
    json.insert(QStringLiteral("hub"), hub->name());
    json.insert(QStringLiteral("connectsPerSecond"), rate(hub->name(), &Sample::connects, counters.connects));
    json.insert(QStringLiteral("deviceToCloudPerSecond"),
                rate(hub->name(), &Sample::deviceToCloud, counters.deviceToCloudMessages));
    json.insert(QStringLiteral("rateWindowSeconds"), qint64(RateWindow.count()));
    MessageRouter *router = m_routing ? m_routing->router(hub->name()) : nullptr;
    json.insert(QStringLiteral("routing"), router ? QJsonValue(router->metricsJson()) : QJsonValue());
    return AdminRouter::Response::json(json);
}

AdminRouter::Response HubAdminApi::faults(const AdminRouter::Request &request) const
{
    SandboxHub *hub = hubOrNull(request);
    if (!hub)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    return AdminRouter::Response::json(
        QJsonObject {{QStringLiteral("hub"), hub->name()}, {QStringLiteral("faults"), hub->faults().toJson()}});
}

AdminRouter::Response HubAdminApi::setFaults(const AdminRouter::Request &request)
{
    SandboxHub *hub = hubOrNull(request);
    if (!hub)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    const Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    const QJsonObject json = body.value();
    static const QStringList known {QStringLiteral("throttleTwinSeconds"), QStringLiteral("throttleRegistrySeconds"),
                                    QStringLiteral("outageSeconds"), QStringLiteral("latencyMs"),
                                    QStringLiteral("dropConnections")};
    if (json.isEmpty()) {
        return badRequest(QStringLiteral("InvalidFaults"),
                          tr("Name at least one fault: %1.").arg(known.join(QStringLiteral(", "))));
    }
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            return badRequest(
                QStringLiteral("InvalidFaults"),
                tr("Unknown fault \"%1\"; the faults are %2.").arg(it.key(), known.join(QStringLiteral(", "))),
                it.key());
        }
    }
    // Validate everything before changing anything.
    const auto wholeNumber = [&json](const QString &key, int maximum, std::optional<int> *out) -> bool {
        const QJsonValue value = json.value(key);
        if (value.isUndefined())
            return true;
        const double d = value.toDouble(-1);
        if (!value.isDouble() || d < 0 || d > maximum || d != double(int(d)))
            return false;
        *out = int(d);
        return true;
    };
    std::optional<int> twinSeconds, registrySeconds, outageSeconds, latencyMs;
    for (const auto &[key, maximum, out] :
         {std::tuple {QStringLiteral("throttleTwinSeconds"), MaxFaultSeconds, &twinSeconds},
          std::tuple {QStringLiteral("throttleRegistrySeconds"), MaxFaultSeconds, &registrySeconds},
          std::tuple {QStringLiteral("outageSeconds"), MaxFaultSeconds, &outageSeconds},
          std::tuple {QStringLiteral("latencyMs"), MaxLatencyMs, &latencyMs}}) {
        if (!wholeNumber(key, maximum, out)) {
            return badRequest(
                QStringLiteral("InvalidFaults"),
                tr("\"%1\" must be a whole number from 0 to %2 (0 ends the fault).").arg(key).arg(maximum), key);
        }
    }
    const QJsonValue drop = json.value(QStringLiteral("dropConnections"));
    if (!drop.isUndefined() && !drop.isBool()) {
        return badRequest(QStringLiteral("InvalidFaults"), tr("\"dropConnections\" must be true or false."),
                          QStringLiteral("dropConnections"));
    }

    const QDateTime now = m_clock->nowUtc();
    const auto until = [&now](int seconds) { return seconds > 0 ? now.addSecs(seconds) : QDateTime(); };
    HubFaults faults = hub->faults();
    if (twinSeconds)
        faults.throttleTwinUntil = until(*twinSeconds);
    if (registrySeconds)
        faults.throttleRegistryUntil = until(*registrySeconds);
    if (outageSeconds)
        faults.outageUntil = until(*outageSeconds);
    if (latencyMs)
        faults.addedLatencyMs = *latencyMs;
    hub->setFaults(faults);
    const bool dropped = drop.toBool(false);
    if (dropped)
        hub->dropAllConnections();
    qCInfo(lcSandbox) << "admin: faults of hub" << hub->name() << "set; connections dropped:" << dropped;
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("hub"), hub->name()},
                                                    {QStringLiteral("faults"), hub->faults().toJson()},
                                                    {QStringLiteral("connectionsDropped"), dropped}});
}

AdminRouter::Response HubAdminApi::clearFaults(const AdminRouter::Request &request)
{
    SandboxHub *hub = hubOrNull(request);
    if (!hub)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    hub->clearFaults();
    return AdminRouter::Response::json(
        QJsonObject {{QStringLiteral("hub"), hub->name()}, {QStringLiteral("faults"), hub->faults().toJson()}});
}

AdminRouter::Response HubAdminApi::routing(const AdminRouter::Request &request) const
{
    SandboxHub *hub = hubOrNull(request);
    MessageRouter *router = hub && m_routing ? m_routing->router(hub->name()) : nullptr;
    if (!router)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    return AdminRouter::Response::json(router->configuration().toJson());
}

AdminRouter::Response HubAdminApi::setRouting(const AdminRouter::Request &request)
{
    SandboxHub *hub = hubOrNull(request);
    if (!hub || !m_routing || !m_routing->router(hub->name()))
        return hubNotFound(request.argument(QStringLiteral("hub")));
    const Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    const Result<RoutingConfiguration> configuration = RoutingConfiguration::fromJson(body.value(), hub->sku());
    if (!configuration)
        return AdminRouter::Response::fromError(configuration.error());
    if (Status applied = m_routing->setConfiguration(hub->name(), configuration.value()); !applied)
        return AdminRouter::Response::fromError(applied.error());
    qCInfo(lcSandbox) << "admin: routing of hub" << hub->name() << "replaced:" << configuration.value().routes.size()
                      << "route(s)";
    return AdminRouter::Response::json(m_routing->router(hub->name())->configuration().toJson());
}

AdminRouter::Response HubAdminApi::builtInEndpoint(const AdminRouter::Request &request) const
{
    SandboxHub *hub = hubOrNull(request);
    MessageRouter *router = hub && m_routing ? m_routing->router(hub->name()) : nullptr;
    if (!router)
        return hubNotFound(request.argument(QStringLiteral("hub")));
    AdminRouter::Response error;
    const auto after = queryNumber(request, QStringLiteral("after"), 0, 0, std::numeric_limits<qint64>::max(), &error);
    if (!after)
        return error;
    const auto limit = queryNumber(request, QStringLiteral("limit"), DefaultMessageLimit, 1, MaxMessageLimit, &error);
    if (!limit)
        return error;
    QJsonArray list;
    qint64 next = *after;
    const QList<HubMessage> messages = router->builtInEndpointMessages(*after, int(*limit));
    for (const HubMessage &message : messages) {
        list.append(message.toJson());
        next = qMax(next, message.sequenceNumber);
    }
    return AdminRouter::Response::json(
        QJsonObject {{QStringLiteral("hub"), hub->name()},
                     {QStringLiteral("endpoint"), QStringLiteral("events")},
                     {QStringLiteral("received"), qint64(router->builtInEndpointCount())},
                     {QStringLiteral("after"), *after},
                     {QStringLiteral("next"), next},
                     {QStringLiteral("messages"), list}});
}

void HubAdminApi::reset()
{
    if (m_hubs)
        m_hubs->resetAll();
    if (m_routing)
        m_routing->resetAll();
    m_samples.clear();
    qCInfo(lcSandbox) << "admin: IoT Hub state reset";
}

} // namespace TwinBridge::Sandbox
