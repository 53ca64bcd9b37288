#include "services/deploy/DeploymentPlan.h"

#include "services/deploy/EmbeddedTemplate.h"
#include "services/settings/ConnectionProfile.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace TwinBridge {

namespace {

void add(ProfileIssues &issues, QLatin1String field, const QString &message)
{
    issues.append(ProfileIssue {QString(field), message});
}

// Deployment names: letters, digits, '-', '_', '.', '(' and ')', not ending in '.'.
bool isValidArmName(const QString &name, int maxLength)
{
    static const QRegularExpression pattern(QStringLiteral("^[-\\w.()]+$"));
    return !name.isEmpty() && name.size() <= maxLength && !name.endsWith(QLatin1Char('.')) &&
        pattern.match(name).hasMatch();
}

} // namespace

QString DeploymentPlan::hubName() const
{
    return QStringLiteral("iothub-") + nameSuffix;
}

QString DeploymentPlan::policyName()
{
    return QStringLiteral("twinbridge");
}

QString DeploymentPlan::defaultDeploymentName()
{
    return QStringLiteral("twinbridge");
}

QString DeploymentPlan::defaultNameSuffix(const QString &profileId)
{
    QString suffix;
    for (const QChar c : profileId.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            suffix.append(c);
    }
    return suffix.left(8);
}

QStringList DeploymentPlan::hubSkus()
{
    return {QStringLiteral("F1"), QStringLiteral("S1"), QStringLiteral("S2"), QStringLiteral("S3")};
}

QStringList DeploymentPlan::eventHubSkus()
{
    return {QStringLiteral("Basic"), QStringLiteral("Standard"), QStringLiteral("Premium")};
}

QStringList DeploymentPlan::storageSkus()
{
    return {QStringLiteral("Standard_LRS"), QStringLiteral("Standard_GRS"), QStringLiteral("Standard_ZRS"),
            QStringLiteral("Standard_RAGRS")};
}

ProfileIssues DeploymentPlan::validate() const
{
    ProfileIssues issues;
    if (subscriptionId.isEmpty())
        add(issues, DeploymentField::SubscriptionId, tr("Choose the Azure subscription to deploy to."));
    else if (QUuid::fromString(subscriptionId).isNull())
        add(issues, DeploymentField::SubscriptionId,
            tr("“%1” is not a subscription ID: it is a GUID such as 00000000-0000-0000-0000-000000000000.")
                .arg(subscriptionId));
    if (!ConnectionProfile::isValidResourceGroupName(resourceGroup))
        add(issues, DeploymentField::ResourceGroup,
            tr("Enter a resource group name of 1 to 90 letters, digits, hyphens, underscores, periods or "
               "parentheses, not ending in a period."));
    static const QRegularExpression region(QStringLiteral("^[a-z0-9]+$"));
    if (!region.match(location).hasMatch())
        add(issues, DeploymentField::Location,
            tr("Enter the Azure region by its name in lower case, such as westeurope (not “West Europe”)."));
    if (!isValidArmName(deploymentName, 64))
        add(issues, DeploymentField::DeploymentName,
            tr("Enter a deployment name of 1 to 64 letters, digits, hyphens, underscores, periods or parentheses."));
    // The template allows 3–13 characters; the IoT hub name (iothub-{suffix}) must not end in a hyphen.
    static const QRegularExpression suffix(QStringLiteral("^[a-z0-9][a-z0-9-]{1,11}[a-z0-9]$"));
    if (!suffix.match(nameSuffix).hasMatch())
        add(issues, DeploymentField::NameSuffix,
            tr("The name suffix must be 3 to 13 lower-case letters, digits or hyphens, starting and ending with a "
               "letter or digit (it names every resource, e.g. iothub-{suffix})."));
    const QUrl base(stackBaseUrl, QUrl::StrictMode);
    const bool web = base.scheme() == QLatin1String("https") || base.scheme() == QLatin1String("http");
    if (!base.isValid() || !web || base.host().isEmpty() || !base.path().endsWith(QLatin1String("/api/v3")) ||
        base.hasQuery() || base.hasFragment())
        add(issues, DeploymentField::StackBaseUrl,
            tr("Where the Function posts events must be an http(s) address ending in /api/v3, such as "
               "https://eu1.cloud.thethings.network/api/v3 or the engine's public ingest URL."));
    if (!ConnectionProfile::isValidTtsId(applicationId))
        add(issues, DeploymentField::ApplicationId,
            tr("Enter the TTS application ID: 3 to 36 lower-case letters, digits and single hyphens."));
    if (stackApiKey.isEmpty())
        add(issues, DeploymentField::StackApiKey,
            tr("The key the Function presents (the TTS API key, or the engine's ingest key) is missing."));
    if (!HubThrottle::hasTwins(hubSku))
        add(issues, DeploymentField::HubSku,
            tr("IoT Hub tier %1 has no device twins, which TwinBridge needs: choose one of %2.")
                .arg(HubThrottle::skuName(hubSku), hubSkus().join(QStringLiteral(", "))));
    else if (const Status units = HubThrottle::validateUnits(hubSku, hubUnits); !units)
        add(issues, DeploymentField::HubUnits, units.error().message());
    if (!eventHubSkus().contains(eventHubSku))
        add(issues, DeploymentField::EventHubSku,
            tr("The Event Hubs tier must be one of %1, not “%2”.")
                .arg(eventHubSkus().join(QStringLiteral(", ")), eventHubSku));
    if (!storageSkus().contains(storageSku))
        add(issues, DeploymentField::StorageSku,
            tr("The storage tier must be one of %1, not “%2”.")
                .arg(storageSkus().join(QStringLiteral(", ")), storageSku));
    return issues;
}

QString DeploymentPlan::invalidPlanCode()
{
    return QStringLiteral("InvalidDeploymentPlan");
}

Status DeploymentPlan::check() const
{
    const ProfileIssues issues = validate();
    if (issues.isEmpty())
        return Done {};
    QStringList lines;
    for (const ProfileIssue &issue : issues)
        lines.append(QStringLiteral("%1: %2").arg(issue.field, issue.message));
    return ServiceError::invalidInput(tr("The deployment settings are not valid: %1").arg(lines.join(QLatin1Char(' '))),
                                      invalidPlanCode());
}

ArmDeploymentRequest DeploymentPlan::request() const
{
    ArmDeploymentRequest request;
    request.templateContent = embeddedTemplate();
    request.mode = QStringLiteral("Incremental");
    request.parameterValues = QJsonObject {
        {QStringLiteral("location"), location},
        {QStringLiteral("nameSuffix"), nameSuffix},
        {QStringLiteral("stackClusterAddress"), stackBaseUrl},
        {QStringLiteral("stackApplicationID"), applicationId},
        {QStringLiteral("stackAPIKey"), stackApiKey},
        {QStringLiteral("iotHubSKU"), HubThrottle::skuName(hubSku)},
        {QStringLiteral("iotHubCapacity"), hubUnits},
        {QStringLiteral("eventHubNamespaceSKU"), eventHubSku},
        {QStringLiteral("storageAccountSKU"), storageSku},
        {QStringLiteral("enableFallbackRoute"), fallbackRoute},
    };
    return request;
}

QByteArray DeploymentPlan::embeddedTemplateText()
{
    return QByteArray::fromRawData(EmbeddedTemplate::mainJson, static_cast<qsizetype>(EmbeddedTemplate::mainJsonSize));
}

QJsonObject DeploymentPlan::embeddedTemplate()
{
    // Parsed once: the text is fixed at build time (and checked by the template tests).
    static const QJsonObject parsed = QJsonDocument::fromJson(embeddedTemplateText()).object();
    return parsed;
}

} // namespace TwinBridge
