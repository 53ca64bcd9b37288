#pragma once

#include "sandbox/azure/AzureEndpoint.h"
#include "sandbox/azure/EntraSigningKey.h"
#include "sandbox/azure/EntraTypes.h"
#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <deque>
#include <optional>

namespace TwinBridge::Sandbox {

class EntraProtocolError;

// The sandbox's stand-in for Microsoft Entra ID (the Microsoft identity platform v2 endpoints,
// azure-protocols.md §5.1), served through an AzureEndpoint:
//
//   POST /{tenant}/oauth2/v2.0/devicecode                 device authorization (user_code "ABCD-EFGH",
//                                                          verification_uri {base}/devicelogin, expires_in, interval)
//   POST /{tenant}/oauth2/v2.0/token                      grants: device_code, client_credentials, refresh_token
//   GET  /{tenant}/v2.0/.well-known/openid-configuration  OpenID metadata (what MSAL reads with instance discovery
//                                                          disabled)
//   GET  /{tenant}/discovery/v2.0/keys                    the JSON Web Key Set of the token signing key
//   GET  /common/discovery/instance                       instance discovery (answered for clients that ask)
//   GET  /devicelogin                                     a page saying how to approve a code (admin API)
//
// {tenant} is the tenant GUID, its domain, or organizations / common (device code and refresh only; the user's
// tenant is the default tenant). A device code stays pending until it is approved or denied (approve(), deny():
// the admin API), or — when configured — is approved by itself after N polls; polling faster than the interval
// answers slow_down (and the interval grows by 5 s for that code, RFC 8628), after expires_in expired_token.
// Refresh tokens rotate: each is redeemable once. Tokens are RS256 JWTs with Entra's claims (aud, iss, tid, oid,
// sub, azp, scp or roles, iat, nbf, exp, uti, ver 2.0, idtyp); id_token with openid, refresh_token with
// offline_access, client_info with client_info=1. Errors carry Entra's body and AADSTS codes
// (EntraProtocolError).
//
// The issuer is always https://login.microsoftonline.com/{tenantId}/v2.0, whatever address the sandbox listens on
// (MSAL accepts a well-known Microsoft issuer host); links in answers (endpoints, verification_uri) use the
// request's Host. validateAccessToken() is what the ARM stand-in authorizes its calls with.
class EntraStandIn : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        std::chrono::seconds pollInterval {5}; // `interval` of new device codes
        std::chrono::seconds deviceCodeLifetime {900}; // `expires_in` of new device codes
        std::chrono::seconds accessTokenLifetime {3599};
        std::chrono::seconds refreshTokenLifetime {std::chrono::hours(24 * 90)};
        // Approve a pending code by itself once it was polled this many times (0: on its first poll).
        std::optional<int> autoApproveAfterPolls;
        // A fault: the next N polls (of any code) answer slow_down.
        int slowDownPolls = 0;

        bool operator==(const Settings &other) const = default;
    };

    enum class DeviceCodeStatus { Pending, Approved, Declined, Expired, Redeemed };
    // "pending", "approved", "declined", "expired", "redeemed".
    static QString deviceCodeStatusName(DeviceCodeStatus status);

    // A device code as the admin API shows it (never the device_code value, which redeems the sign-in).
    struct DeviceCode
    {
        QString userCode;
        QString clientId;
        QString tenantId;
        QStringList scopes;
        DeviceCodeStatus status = DeviceCodeStatus::Pending;
        int polls = 0;
        qint64 intervalSeconds = 5; // including slow_down increments
        QDateTime issuedAt;
        QDateTime expiresAt;
        QString approvedBy; // user principal name
    };

    // A token the stand-in issued, without its value.
    struct IssuedToken
    {
        QString id; // uti of JWTs, an own id for refresh tokens
        QString type; // "access_token", "id_token", "refresh_token"
        QString grantType;
        QString clientId;
        QString tenantId;
        QString subject; // the user principal name, or the service principal's object id
        QString audience;
        QStringList scopes;
        QDateTime issuedAt;
        QDateTime expiresAt;
        bool redeemed = false; // refresh tokens: used (rotated) already
    };

    static constexpr int MaxIssuedTokens = 1000;
    static constexpr char StateFileName[] = "azure/entra.json";

    explicit EntraStandIn(Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~EntraStandIn() override;

    // Loads the client secret of the default application and the token signing key from
    // `{directory}/azure/entra.json`, or creates them there (owner-only). Without it both are made per instance.
    Status setStateDirectory(const QString &directory);

    // The directory: one tenant, one application (public client flows on, with a secret) and one user by default
    // (AzureDefaults.h); tests add more.
    void addTenant(const EntraTenant &tenant);
    void addApplication(const EntraApplication &application);
    void addUser(const EntraUser &user);
    QList<EntraTenant> tenants() const { return m_tenants; }
    QList<EntraApplication> applications() const { return m_applications; }
    QList<EntraUser> users() const { return m_users; }
    QList<EntraResource> resources() const { return m_resources; }
    // The secret of the default application (sandbox.json azure.clientSecret).
    QString clientSecret() const;

    Settings settings() const { return m_settings; }
    void setSettings(const Settings &settings);
    // Also what reset() returns to.
    void setDefaultSettings(const Settings &settings);

    // Shown on the /devicelogin page, e.g. http://127.0.0.1:P/admin.
    void setAdminUrl(const QUrl &adminUrl) { m_adminUrl = adminUrl; }

    // Device codes, newest last. Codes are matched without regard to case and the dash.
    QList<DeviceCode> deviceCodes() const;
    std::optional<DeviceCode> deviceCode(const QString &userCode) const;
    // NotFound, Conflict (not pending any more) or InvalidInput (unknown user); the default user if empty.
    Result<DeviceCode> approve(const QString &userCode, const QString &userPrincipalName = {});
    Result<DeviceCode> deny(const QString &userCode);
    // Ends the code's lifetime now (its next poll answers expired_token).
    Result<DeviceCode> expire(const QString &userCode);

    QList<IssuedToken> issuedTokens() const;

    // Forgets device codes, refresh tokens and issued tokens; settings back to the defaults. The directory,
    // the secret and the signing key stay.
    void reset();

    void registerRoutes(AzureEndpoint &endpoint);

    // Checks an access token the way Resource Manager does: an RS256 JWT signed by this stand-in, issued by one of
    // its tenants, not expired, and for `audience` (any identifier URI of the same resource, with or without the
    // trailing slash, or its app id). Errors are Unauthorized (401) with ARM's codes: InvalidAuthenticationToken,
    // ExpiredAuthenticationToken, InvalidAuthenticationTokenAudience.
    Result<EntraTokenClaims> validateAccessToken(const QString &token, const QString &audience) const;

    // https://login.microsoftonline.com/{tenantId}/v2.0
    static QString issuer(const QString &tenantId);
    const EntraSigningKey &signingKey() const;
    QJsonObject jsonWebKeySet(const QString &tenantId) const;

signals:
    void deviceCodeIssued(const QString &userCode);
    void tokenIssued(const QString &id, const QString &type);

private:
    struct PendingCode
    {
        DeviceCode info;
        QByteArray deviceCodeHash;
        qint64 expiresMs = 0;
        std::optional<qint64> lastPollMs;
        QString approvedUserId;
    };
    struct RefreshGrant
    {
        QString id;
        QString clientId;
        QString tenantId;
        QString userObjectId;
        QStringList scopes; // as first requested
        QDateTime issuedAt;
        qint64 expiresMs = 0;
        bool redeemed = false;
    };
    struct TokenRequestContext;
    struct Grant;

    AzureEndpoint::Response deviceCodeEndpoint(const AzureEndpoint::Request &request);
    AzureEndpoint::Response tokenEndpoint(const AzureEndpoint::Request &request);
    AzureEndpoint::Response openIdConfiguration(const AzureEndpoint::Request &request) const;
    AzureEndpoint::Response keys(const AzureEndpoint::Request &request) const;
    AzureEndpoint::Response instanceDiscovery(const AzureEndpoint::Request &request) const;
    AzureEndpoint::Response deviceLoginPage(const AzureEndpoint::Request &request) const;

    AzureEndpoint::Response deviceCodeGrant(const TokenRequestContext &context);
    AzureEndpoint::Response clientCredentialsGrant(const TokenRequestContext &context);
    AzureEndpoint::Response refreshTokenGrant(const TokenRequestContext &context);
    AzureEndpoint::Response issueDelegated(const TokenRequestContext &context, const Grant &grant);

    AzureEndpoint::Response errorResponse(const AzureEndpoint::Request &request, const EntraProtocolError &error) const;
    AzureEndpoint::Response jsonResponse(const AzureEndpoint::Request &request, const QJsonObject &body,
                                         int status = 200) const;

    const EntraTenant *tenantById(const QString &id) const;
    const EntraTenant *findTenant(const QString &segment) const;
    const EntraApplication *findApplication(const QString &clientId) const;
    const EntraUser *findUserById(const QString &objectId) const;
    const EntraUser *findUserByName(const QString &userPrincipalName) const;
    const EntraResource *findResource(const QString &identifier) const;

    PendingCode *findCode(const QString &userCode);
    const PendingCode *findCode(const QString &userCode) const;
    // The code with this user code, its status brought up to date; DeviceCodeNotFound if there is none.
    Result<PendingCode *> refreshedCode(const QString &userCode);
    // refreshedCode(), and DeviceCodeNotPending unless the code still waits for approval.
    Result<PendingCode *> pendingCode(const QString &userCode);
    void refreshStatus(PendingCode &code) const;
    void recordIssued(IssuedToken token);
    QString randomUserCode() const;

    Clock *m_clock;
    QList<EntraTenant> m_tenants;
    QList<EntraApplication> m_applications;
    QList<EntraUser> m_users;
    QList<EntraResource> m_resources;
    Settings m_settings;
    Settings m_defaultSettings;
    QUrl m_adminUrl;
    mutable std::optional<EntraSigningKey> m_signingKey;
    QList<PendingCode> m_codes;
    QHash<QByteArray, RefreshGrant> m_refreshGrants; // by SHA-256 of the token
    std::deque<IssuedToken> m_issued;
};

} // namespace TwinBridge::Sandbox
