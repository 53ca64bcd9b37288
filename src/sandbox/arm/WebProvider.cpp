#include "sandbox/arm/WebProvider.h"

#include "sandbox/arm/ArmErrors.h"
#include "sandbox/arm/ArmExpression.h"
#include "sandbox/arm/ArmResourceStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace TwinBridge::Sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WebProvider", text);
}

constexpr char PlanType[] = "Microsoft.Web/serverfarms";
constexpr char SiteType[] = "Microsoft.Web/sites";
constexpr char FunctionType[] = "Microsoft.Web/sites/functions";
constexpr char ConfigType[] = "Microsoft.Web/sites/config";

} // namespace

WebProvider::WebProvider(ArmResourceStore *store)
    : ArmResourceProvider(store)
{ }

QList<ArmResourceProvider::ResourceType> WebProvider::resourceTypes() const
{
    const QStringList versions = {
        QStringLiteral("2024-04-01"), QStringLiteral("2023-12-01"), QStringLiteral("2023-01-01"),
        QStringLiteral("2022-09-01"), QStringLiteral("2022-03-01"), QStringLiteral("2021-03-01"),
        QStringLiteral("2021-02-01"), QStringLiteral("2021-01-15"), QStringLiteral("2021-01-01"),
        QStringLiteral("2020-12-01"), QStringLiteral("2020-06-01"), QStringLiteral("2019-08-01"),
        QStringLiteral("2018-11-01"), QStringLiteral("2018-02-01"), QStringLiteral("2016-08-01"),
    };
    return {{QStringLiteral("serverfarms"), versions, true},
            {QStringLiteral("sites"), versions, true},
            {QStringLiteral("sites/functions"), versions, false},
            {QStringLiteral("sites/config"), versions, false}};
}

std::chrono::milliseconds WebProvider::provisioningTime(const ArmResource &resource) const
{
    if (resource.isTypeOf(SiteType))
        return std::chrono::milliseconds(1500);
    return std::chrono::milliseconds(500);
}

QList<CloudError> WebProvider::validate(const ArmResource &requested) const
{
    QList<CloudError> problems;
    const QString name = requested.shortName();
    if (requested.isTypeOf(PlanType) || requested.isTypeOf(SiteType)) {
        static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,58}[a-zA-Z0-9])?$"));
        if (!pattern.match(name).hasMatch()) {
            problems << problem(
                QStringLiteral("InvalidName"),
                tr("The name '%1' is not valid: use 1 to 60 letters, digits and hyphens, not starting or "
                   "ending with a hyphen.")
                    .arg(name),
                name);
        } else if (requested.isTypeOf(SiteType) && sameNameElsewhere(requested)) {
            problems << problem(QStringLiteral("Conflict"), tr("Website with given name %1 already exists.").arg(name),
                                name);
        }
    }
    if (requested.isTypeOf(SiteType)) {
        const QJsonValue settings =
            requested.properties.value(QLatin1String("siteConfig")).toObject().value(QLatin1String("appSettings"));
        if (!settings.isUndefined() && !settings.isNull() && !ArmExpression::isExpressionValue(settings)) {
            if (!settings.isArray()) {
                problems << problem(QStringLiteral("InvalidAppSettings"),
                                    tr("siteConfig.appSettings must be an array of {\"name\", \"value\"}."),
                                    QStringLiteral("properties.siteConfig.appSettings"));
            } else {
                QStringList seen;
                const QJsonArray array = settings.toArray();
                for (qsizetype i = 0; i < array.size(); ++i) {
                    const QJsonObject setting = array.at(i).toObject();
                    const QString settingName = setting.value(QLatin1String("name")).toString();
                    const QString target = QStringLiteral("properties.siteConfig.appSettings[%1]").arg(i);
                    if (settingName.isEmpty()) {
                        problems << problem(QStringLiteral("InvalidAppSettings"), tr("An app setting has no name."),
                                            target);
                    } else if (seen.contains(settingName, Qt::CaseInsensitive)) {
                        problems << problem(QStringLiteral("InvalidAppSettings"),
                                            tr("The app setting '%1' is given twice.").arg(settingName), target);
                    }
                    seen << settingName;
                    const QJsonValue value = setting.value(QLatin1String("value"));
                    if (!value.isString() && !value.isDouble() && !value.isBool() && !value.isNull()) {
                        problems << problem(QStringLiteral("InvalidAppSettings"),
                                            tr("The value of app setting '%1' must be a string.").arg(settingName),
                                            target);
                    }
                }
            }
        }
    }
    if (requested.isTypeOf(FunctionType)) {
        const QJsonValue bindings =
            requested.properties.value(QLatin1String("config")).toObject().value(QLatin1String("bindings"));
        if (!bindings.isUndefined() && !ArmExpression::isExpressionValue(bindings)) {
            const QJsonArray array = bindings.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QJsonObject binding = array.at(i).toObject();
                if (binding.value(QLatin1String("type"))
                        .toString()
                        .compare(QLatin1String("eventHubTrigger"), Qt::CaseInsensitive) != 0)
                    continue;
                for (const char *field : {"eventHubName", "connection"}) {
                    const QJsonValue value = binding.value(QLatin1String(field));
                    if (!ArmExpression::isExpressionValue(value) && value.toString().isEmpty()) {
                        problems << problem(
                            QStringLiteral("InvalidFunctionBinding"),
                            tr("The eventHubTrigger of function '%1' needs '%2'.").arg(name, QLatin1String(field)),
                            QStringLiteral("properties.config.bindings[%1].%2").arg(i).arg(QLatin1String(field)));
                    }
                }
            }
        }
    }
    if (requested.isTypeOf(ConfigType) && name.compare(QLatin1String("appsettings"), Qt::CaseInsensitive) != 0 &&
        name.compare(QLatin1String("web"), Qt::CaseInsensitive) != 0) {
        problems << problem(
            QStringLiteral("InvalidResourceName"),
            tr("The sandbox knows the site configurations 'appsettings' and 'web', not '%1'.").arg(name), name);
    }
    return problems;
}

Result<ArmResource> WebProvider::apply(const ArmResource &requested, const ArmResource *existing)
{
    const QList<CloudError> problems = validate(requested);
    if (!problems.isEmpty())
        return ArmErrors::fromCloudError(400, problems.constFirst());
    ArmResource stored = requested;
    if (existing)
        stored.secrets = existing->secrets;
    QJsonObject properties = requested.properties;
    properties.insert(QStringLiteral("provisioningState"), QStringLiteral("Succeeded"));

    if (requested.isTypeOf(PlanType)) {
        properties.insert(QStringLiteral("status"), QStringLiteral("Ready"));
    } else if (requested.isTypeOf(SiteType)) {
        const QString farm = properties.value(QLatin1String("serverFarmId")).toString();
        if (farm.startsWith(QLatin1String("/subscriptions/"), Qt::CaseInsensitive) && !store()->find(farm)) {
            return ArmErrors::make(404, QStringLiteral("NotFound"),
                                   tr("Server farm '%1' not found.").arg(farm.section(QLatin1Char('/'), -1)),
                                   QStringLiteral("properties.serverFarmId"));
        }
        QJsonObject siteConfig = properties.value(QLatin1String("siteConfig")).toObject();
        if (siteConfig.contains(QLatin1String("appSettings"))) {
            QJsonObject settings;
            for (const QJsonValue &value : siteConfig.value(QLatin1String("appSettings")).toArray()) {
                const QJsonObject setting = value.toObject();
                settings.insert(setting.value(QLatin1String("name")).toString(),
                                ArmExpression::toText(setting.value(QLatin1String("value"))));
            }
            stored.secrets.insert(QStringLiteral("appSettings"), settings);
            siteConfig.remove(QStringLiteral("appSettings"));
            properties.insert(QStringLiteral("siteConfig"), siteConfig);
        }
        const QString host = requested.name.toLower() + QStringLiteral(".azurewebsites.net");
        properties.insert(QStringLiteral("defaultHostName"), host);
        properties.insert(QStringLiteral("hostNames"), QJsonArray {host});
        properties.insert(QStringLiteral("enabledHostNames"), QJsonArray {host});
        properties.insert(QStringLiteral("state"), QStringLiteral("Running"));
        properties.insert(QStringLiteral("enabled"), true);
        properties.insert(QStringLiteral("usageState"), QStringLiteral("Normal"));
        properties.insert(QStringLiteral("availabilityState"), QStringLiteral("Normal"));
        if (!properties.contains(QLatin1String("httpsOnly")))
            properties.insert(QStringLiteral("httpsOnly"), false);
    } else if (requested.isTypeOf(FunctionType)) {
        properties.remove(QStringLiteral("files")); // the code: the Function stand-in does what it would
        properties.insert(QStringLiteral("name"), requested.shortName());
        properties.insert(QStringLiteral("function_app_id"), requested.parentId());
        properties.insert(
            QStringLiteral("isDisabled"),
            properties.value(QLatin1String("config")).toObject().value(QLatin1String("disabled")).toBool());
    } else if (requested.isTypeOf(ConfigType)) {
        ArmResource *site = store()->find(requested.parentId());
        if (site && requested.shortName().compare(QLatin1String("appsettings"), Qt::CaseInsensitive) == 0) {
            QJsonObject settings;
            for (auto it = requested.properties.constBegin(); it != requested.properties.constEnd(); ++it)
                settings.insert(it.key(), ArmExpression::toText(it.value()));
            site->secrets.insert(QStringLiteral("appSettings"), settings);
            properties = QJsonObject {}; // the values stay secret
        }
    }
    stored.properties = properties;
    return stored;
}

Result<QJsonValue> WebProvider::action(const ArmResource &resource, const QString &action) const
{
    // POST …/sites/{name}/config/appsettings/list
    if (resource.isTypeOf(SiteType) &&
        action.compare(QLatin1String("config/appsettings/list"), Qt::CaseInsensitive) == 0) {
        return QJsonValue(
            QJsonObject {{QStringLiteral("id"), QString(resource.id + QStringLiteral("/config/appsettings"))},
                         {QStringLiteral("name"), QStringLiteral("appsettings")},
                         {QStringLiteral("type"), QStringLiteral("Microsoft.Web/sites/config")},
                         {QStringLiteral("properties"), resource.secrets.value(QLatin1String("appSettings"))}});
    }
    return ArmResourceProvider::action(resource, action);
}

void WebProvider::remove(const ArmResource &resource)
{
    if (resource.isTypeOf(ConfigType)) {
        if (ArmResource *site = store()->find(resource.parentId()))
            site->secrets.remove(QStringLiteral("appSettings"));
    }
}

} // namespace TwinBridge::Sandbox
