#include "sandbox/arm/InsightsProvider.h"

#include "sandbox/arm/ArmErrors.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUuid>

namespace TwinBridge::Sandbox {

InsightsProvider::InsightsProvider(ArmResourceStore *store)
    : ArmResourceProvider(store)
{ }

QList<ArmResourceProvider::ResourceType> InsightsProvider::resourceTypes() const
{
    const QStringList versions = {QStringLiteral("2020-02-02-preview"), QStringLiteral("2020-02-02"),
                                  QStringLiteral("2018-05-01-preview"), QStringLiteral("2015-05-01"),
                                  QStringLiteral("2014-04-01")};
    return {{QStringLiteral("components"), versions, true}};
}

std::chrono::milliseconds InsightsProvider::provisioningTime(const ArmResource &) const
{
    return std::chrono::milliseconds(500);
}

QList<CloudError> InsightsProvider::validate(const ArmResource &requested) const
{
    QList<CloudError> problems;
    static const QRegularExpression pattern(QStringLiteral("^[^%&\\\\?/]{1,260}$"));
    if (!pattern.match(requested.name).hasMatch()) {
        problems << problem(QStringLiteral("InvalidResourceName"),
                            QCoreApplication::translate("InsightsProvider",
                                                        "'%1' is not a valid Application Insights name: 1 to 260 "
                                                        "characters without %, &, \\, ? or /.")
                                .arg(requested.name),
                            requested.name);
    }
    return problems;
}

Result<ArmResource> InsightsProvider::apply(const ArmResource &requested, const ArmResource *existing)
{
    const QList<CloudError> problems = validate(requested);
    if (!problems.isEmpty())
        return ArmErrors::fromCloudError(400, problems.constFirst());
    ArmResource stored = requested;
    QJsonObject properties = requested.properties;
    const QString key = existing ? existing->properties.value(QLatin1String("InstrumentationKey")).toString()
                                 : QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString appId = existing ? existing->properties.value(QLatin1String("AppId")).toString()
                                   : QUuid::createUuid().toString(QUuid::WithoutBraces);
    properties.insert(QStringLiteral("InstrumentationKey"), key);
    properties.insert(QStringLiteral("AppId"), appId);
    properties.insert(QStringLiteral("ApplicationId"), requested.name);
    properties.insert(
        QStringLiteral("ConnectionString"),
        QStringLiteral("InstrumentationKey=%1;IngestionEndpoint=https://%2-0.in.applicationinsights.azure.com/")
            .arg(key, requested.location));
    properties.insert(QStringLiteral("provisioningState"), QStringLiteral("Succeeded"));
    if (!properties.contains(QLatin1String("Application_Type")))
        properties.insert(QStringLiteral("Application_Type"), QStringLiteral("web"));
    stored.properties = properties;
    return stored;
}

} // namespace TwinBridge::Sandbox
