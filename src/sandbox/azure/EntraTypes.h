#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace TwinBridge::Sandbox {

// A directory (tenant) of the Entra ID stand-in.
struct EntraTenant
{
    QString id; // GUID
    QString domain; // e.g. "twinbridgesandbox.onmicrosoft.com"; requests may name the tenant by it
    QString displayName;
};

// An application registration with its service principal in its home tenant.
struct EntraApplication
{
    QString clientId; // GUID
    QString displayName;
    QString tenantId; // the tenant it is registered (and usable) in
    // "Allow public client flows": device code and refresh without a client secret.
    bool allowPublicClient = true;
    // Empty: the application has no secret (then it cannot use the client credentials grant).
    QString clientSecret;
    QString servicePrincipalObjectId; // the `oid` of its app-only tokens
    QStringList appRoles; // the `roles` of its app-only tokens (none by default, like ARM's)
};

// A user who can approve device codes.
struct EntraUser
{
    QString objectId; // GUID
    QString tenantId;
    QString userPrincipalName;
    QString displayName;
};

// A resource (API) tokens can be requested for: `{identifierUri}/.default` or `{identifierUri}/{permission}`.
struct EntraResource
{
    QString appId; // may also be used as the identifier
    QString displayName;
    QStringList identifierUris; // without trailing slash, e.g. "https://management.azure.com"
    QStringList delegatedPermissions; // e.g. "user_impersonation"
};

// What validateAccessToken() read from a valid access token.
struct EntraTokenClaims
{
    QString tokenId; // uti
    QString tenantId; // tid
    QString objectId; // oid: the user, or the service principal of an app-only token
    QString clientId; // azp
    QString audience; // aud
    QStringList scopes; // scp (delegated tokens)
    QStringList roles; // roles (app-only tokens)
    bool appOnly = false; // idtyp "app"
    QString userPrincipalName; // delegated tokens
    QDateTime issuedAt;
    QDateTime expiresOn;
};

} // namespace TwinBridge::Sandbox
