#include "services/azure/EntraAuthority.h"

#include <QHostAddress>

namespace TwinBridge {

namespace {

QUrl endpoint(const QUrl &host, const QString &tenant, const QString &leaf)
{
    QUrl url = host;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1Char('/') + tenant + QStringLiteral("/oauth2/v2.0/") + leaf);
    return url;
}

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// https everywhere; plain http only towards this machine (a local emulator without TLS).
bool acceptableHost(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    return url.scheme() == QLatin1String("http") && isLoopback(url);
}

} // namespace

QString EntraAuthority::azureCliClientId()
{
    // Public client id of the Azure CLI (azure-protocols.md §5.1 [AZCLI]).
    return QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
}

EntraAuthority EntraAuthority::publicCloud()
{
    return EntraAuthority();
}

EntraAuthority EntraAuthority::usGovernment()
{
    EntraAuthority authority;
    authority.authorityHost = QUrl(QStringLiteral("https://login.microsoftonline.us"));
    authority.armEndpoint = QUrl(QStringLiteral("https://management.usgovcloudapi.net"));
    authority.armScope = QStringLiteral("https://management.usgovcloudapi.net/.default");
    return authority;
}

EntraAuthority EntraAuthority::china()
{
    EntraAuthority authority;
    authority.authorityHost = QUrl(QStringLiteral("https://login.chinacloudapi.cn"));
    authority.armEndpoint = QUrl(QStringLiteral("https://management.chinacloudapi.cn"));
    authority.armScope = QStringLiteral("https://management.chinacloudapi.cn/.default");
    return authority;
}

QUrl EntraAuthority::tokenEndpoint() const
{
    return endpoint(authorityHost, tenant, QStringLiteral("token"));
}

QUrl EntraAuthority::deviceCodeEndpoint() const
{
    return endpoint(authorityHost, tenant, QStringLiteral("devicecode"));
}

bool EntraAuthority::isMultiTenantAlias() const
{
    return tenant.compare(QLatin1String("common"), Qt::CaseInsensitive) == 0 ||
        tenant.compare(QLatin1String("organizations"), Qt::CaseInsensitive) == 0 ||
        tenant.compare(QLatin1String("consumers"), Qt::CaseInsensitive) == 0;
}

Status EntraAuthority::validate(bool needsClientId) const
{
    if (!acceptableHost(authorityHost)) {
        return ServiceError::invalidInput(
            tr("The sign-in authority “%1” is not a valid https address. Use e.g. https://login.microsoftonline.com "
               "(or your cloud's equivalent) in the profile.")
                .arg(authorityHost.toString()));
    }
    if (tenant.isEmpty() || tenant.contains(QLatin1Char('/')) || tenant.contains(QLatin1Char('?')) ||
        tenant.contains(QLatin1Char(' '))) {
        return ServiceError::invalidInput(
            tr("The tenant “%1” is not valid. Enter a tenant id (GUID), a domain such as contoso.onmicrosoft.com, "
               "or “organizations”.")
                .arg(tenant));
    }
    if (!acceptableHost(armEndpoint)) {
        return ServiceError::invalidInput(
            tr("The Resource Manager endpoint “%1” is not a valid https address. Use e.g. "
               "https://management.azure.com in the profile.")
                .arg(armEndpoint.toString()));
    }
    if (armScope.trimmed().isEmpty()) {
        return ServiceError::invalidInput(
            tr("No Resource Manager scope is configured. Use e.g. https://management.azure.com/.default."));
    }
    if (needsClientId && clientId.trimmed().isEmpty()) {
        return ServiceError::notConfigured(
            tr("No application (client) ID is configured for Azure sign-in. Register an application in your "
               "Entra ID tenant (with “Allow public client flows” for device code sign-in) and enter its ID in "
               "the profile, or sign in with the Azure CLI instead."));
    }
    return Done {};
}

QVariantMap EntraAuthority::toVariantMap() const
{
    return {
        {QStringLiteral("authorityHost"), authorityHost.toString()},
        {QStringLiteral("tenant"), tenant},
        {QStringLiteral("clientId"), clientId},
        {QStringLiteral("armEndpoint"), armEndpoint.toString()},
        {QStringLiteral("armScope"), armScope},
    };
}

EntraAuthority EntraAuthority::fromVariantMap(const QVariantMap &map)
{
    EntraAuthority authority;
    auto text = [&map](const char *key, const QString &fallback) {
        const QString value = map.value(QLatin1String(key)).toString().trimmed();
        return value.isEmpty() ? fallback : value;
    };
    authority.authorityHost = QUrl(text("authorityHost", authority.authorityHost.toString()));
    authority.tenant = text("tenant", authority.tenant);
    authority.clientId = map.value(QStringLiteral("clientId")).toString().trimmed();
    authority.armEndpoint = QUrl(text("armEndpoint", authority.armEndpoint.toString()));
    authority.armScope = text("armScope", authority.armScope);
    return authority;
}

} // namespace TwinBridge
