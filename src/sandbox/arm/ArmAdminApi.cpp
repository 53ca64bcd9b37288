#include "sandbox/arm/ArmAdminApi.h"

#include "sandbox/arm/ArmStandIn.h"
#include "sandbox/azure/AzureDefaults.h"

#include <QJsonArray>
#include <QJsonObject>

namespace TwinBridge::Sandbox {

namespace {

QJsonObject settingsJson(const ArmStandIn::Settings &settings)
{
    return QJsonObject {{QStringLiteral("timeScale"), settings.timeScale},
                        {QStringLiteral("retryAfterSeconds"), settings.retryAfterSeconds}};
}

QString timestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

ArmAdminApi::ArmAdminApi(ArmStandIn *arm, QObject *parent)
    : QObject(parent)
    , m_arm(arm)
{ }

void ArmAdminApi::registerRoutes(AdminRouter &router)
{
    router.add(
        "GET", QStringLiteral("/admin/arm"), [this](const AdminRouter::Request &request) { return overview(request); },
        tr("Resource Manager: resource groups, resources, deployments and their operations"));
    router.add(
        "GET", QStringLiteral("/admin/arm/settings"),
        [this](const AdminRouter::Request &request) { return getSettings(request); },
        tr("Resource Manager settings: time scale of simulated durations, Retry-After"));
    router.add(
        "POST", QStringLiteral("/admin/arm/settings"),
        [this](const AdminRouter::Request &request) { return postSettings(request); },
        tr("Change the Resource Manager settings"));
}

AdminRouter::Response ArmAdminApi::overview(const AdminRouter::Request &) const
{
    if (!m_arm)
        return AdminRouter::Response::error(503, QStringLiteral("Unavailable"), tr("Resource Manager is not running."));
    QJsonArray groups;
    for (const ArmStandIn::ResourceGroup &group : m_arm->resourceGroups()) {
        QJsonArray resources;
        for (const ArmResource &resource :
             m_arm->resources().inResourceGroup(QLatin1String(AzureDefaults::SubscriptionId), group.name)) {
            resources.append(QJsonObject {{QStringLiteral("id"), resource.id},
                                          {QStringLiteral("type"), resource.type},
                                          {QStringLiteral("name"), resource.name}});
        }
        QJsonArray deployments;
        for (const ArmStandIn::Deployment &deployment : m_arm->deployments(group.name)) {
            QJsonArray operations;
            for (const ArmStandIn::Operation &operation : deployment.operations) {
                QJsonObject entry {{QStringLiteral("resourceType"), operation.resourceType},
                                   {QStringLiteral("resourceName"), operation.resourceName},
                                   {QStringLiteral("state"), operation.state},
                                   {QStringLiteral("started"), timestamp(operation.started)},
                                   {QStringLiteral("finished"), timestamp(operation.finished)}};
                if (operation.error)
                    entry.insert(QStringLiteral("error"), operation.error->code);
                operations.append(entry);
            }
            QJsonObject entry {{QStringLiteral("name"), deployment.name},
                               {QStringLiteral("state"), deployment.state},
                               {QStringLiteral("started"), timestamp(deployment.started)},
                               {QStringLiteral("finished"), timestamp(deployment.finished)},
                               {QStringLiteral("operations"), operations}};
            if (deployment.error)
                entry.insert(QStringLiteral("error"), deployment.error->code);
            deployments.append(entry);
        }
        groups.append(QJsonObject {{QStringLiteral("name"), group.name},
                                   {QStringLiteral("location"), group.location},
                                   {QStringLiteral("state"), group.state},
                                   {QStringLiteral("resources"), resources},
                                   {QStringLiteral("deployments"), deployments}});
    }
    QJsonObject providers;
    for (const QString &providerNamespace :
         {QStringLiteral("Microsoft.Devices"), QStringLiteral("Microsoft.EventHub"),
          QStringLiteral("Microsoft.Storage"), QStringLiteral("Microsoft.Web"), QStringLiteral("Microsoft.Insights")})
        providers.insert(providerNamespace, m_arm->providerState(providerNamespace));
    return AdminRouter::Response::json(
        QJsonObject {{QStringLiteral("subscriptionId"), QLatin1String(AzureDefaults::SubscriptionId)},
                     {QStringLiteral("settings"), settingsJson(m_arm->settings())},
                     {QStringLiteral("providers"), providers},
                     {QStringLiteral("resourceGroups"), groups}});
}

AdminRouter::Response ArmAdminApi::getSettings(const AdminRouter::Request &) const
{
    if (!m_arm)
        return AdminRouter::Response::error(503, QStringLiteral("Unavailable"), tr("Resource Manager is not running."));
    return AdminRouter::Response::json(settingsJson(m_arm->settings()));
}

AdminRouter::Response ArmAdminApi::postSettings(const AdminRouter::Request &request)
{
    if (!m_arm)
        return AdminRouter::Response::error(503, QStringLiteral("Unavailable"), tr("Resource Manager is not running."));
    Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    ArmStandIn::Settings settings = m_arm->settings();
    for (auto it = body.value().constBegin(); it != body.value().constEnd(); ++it) {
        if (it.key() == QLatin1String("timeScale")) {
            if (!it.value().isDouble() || it.value().toDouble() < 0 || it.value().toDouble() > 1000) {
                return AdminRouter::Response::error(400, QStringLiteral("InvalidSetting"),
                                                    tr("timeScale must be a number from 0 to 1000."),
                                                    QJsonObject {{QStringLiteral("field"), it.key()}});
            }
            settings.timeScale = it.value().toDouble();
        } else if (it.key() == QLatin1String("retryAfterSeconds")) {
            const double value = it.value().toDouble(-1);
            if (!it.value().isDouble() || value != double(int(value)) || value < 0 || value > 600) {
                return AdminRouter::Response::error(400, QStringLiteral("InvalidSetting"),
                                                    tr("retryAfterSeconds must be a whole number from 0 to 600."),
                                                    QJsonObject {{QStringLiteral("field"), it.key()}});
            }
            settings.retryAfterSeconds = int(value);
        } else {
            return AdminRouter::Response::error(400, QStringLiteral("UnknownSetting"),
                                                tr("Unknown setting '%1'; the settings are timeScale and "
                                                   "retryAfterSeconds.")
                                                    .arg(it.key()),
                                                QJsonObject {{QStringLiteral("field"), it.key()}});
        }
    }
    m_arm->setSettings(settings);
    return AdminRouter::Response::json(settingsJson(settings));
}

} // namespace TwinBridge::Sandbox
