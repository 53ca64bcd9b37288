#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>
#include <QVariantMap>

namespace TwinBridge {

// Where and as whom TwinBridge signs in to Microsoft Entra ID, and which Resource Manager it then talks to.
// All of it is configuration, so sovereign clouds work by changing values, never code:
//   public cloud   login.microsoftonline.com  + management.azure.com
//   US Government  login.microsoftonline.us   + management.usgovcloudapi.net
//   China (21V)    login.chinacloudapi.cn     + management.chinacloudapi.cn
//
// clientId: TwinBridge does not borrow a Microsoft first-party application id as its default (reusing those
// in a third-party app is a policy risk, see azure-protocols.md §5.1). Until TwinBridge has its own
// registration the default is the placeholder "" ("not configured"): the user registers a public client
// application in their tenant ("Allow public client flows" on) and enters its id in the profile. The Azure
// CLI's public client id is offered only as an explicit user choice (azureCliClientId()).
struct EntraAuthority
{
    QUrl authorityHost = QUrl(QStringLiteral("https://login.microsoftonline.com"));
    // common | organizations | consumers | a tenant GUID | a verified domain.
    QString tenant = QStringLiteral("organizations");
    QString clientId = placeholderClientId();
    QUrl armEndpoint = QUrl(QStringLiteral("https://management.azure.com"));
    QString armScope = QStringLiteral("https://management.azure.com/.default");

    static QString placeholderClientId() { return {}; }
    // The Azure CLI's public client id — only ever set because the user explicitly chose it.
    static QString azureCliClientId();

    static EntraAuthority publicCloud();
    static EntraAuthority usGovernment();
    static EntraAuthority china();

    QUrl tokenEndpoint() const; // {authorityHost}/{tenant}/oauth2/v2.0/token
    QUrl deviceCodeEndpoint() const; // {authorityHost}/{tenant}/oauth2/v2.0/devicecode

    // True for common / organizations / consumers, which cannot be used for a service principal.
    bool isMultiTenantAlias() const;

    // Checks what every flow needs (hosts, tenant, scope); `needsClientId` for the flows that send one.
    Status validate(bool needsClientId = true) const;

    // Persistence of the non-secret settings (keys: authorityHost, tenant, clientId, armEndpoint, armScope).
    QVariantMap toVariantMap() const;
    static EntraAuthority fromVariantMap(const QVariantMap &map);

    bool operator==(const EntraAuthority &other) const = default;

    Q_DECLARE_TR_FUNCTIONS(TwinBridge::EntraAuthority)
};

} // namespace TwinBridge
