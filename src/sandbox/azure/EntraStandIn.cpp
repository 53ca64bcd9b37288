#include "sandbox/azure/EntraStandIn.h"

#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/EntraJwt.h"
#include "sandbox/azure/EntraProtocolError.h"
#include "services/core/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace TwinBridge::Sandbox {

namespace {

constexpr auto Base64UrlOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
const QLatin1String DeviceCodeGrantType("urn:ietf:params:oauth:grant-type:device_code");
// MSAL sends the short form; Entra ID takes both.
const QLatin1String DeviceCodeGrantTypeShort("device_code");
const QLatin1String ClientCredentialsGrantType("client_credentials");
const QLatin1String RefreshTokenGrantType("refresh_token");
const QLatin1String GraphAppId("00000003-0000-0000-c000-000000000000");
constexpr int MaxKeptDeviceCodes = 200;
// RFC 8628 §3.5: each slow_down adds 5 seconds to the interval of that code.
constexpr qint64 SlowDownIncrementSeconds = 5;
// A poll counts as too fast only when it comes this much earlier than the interval (client timers are coarse).
constexpr qint64 MaxPollToleranceMs = 1000;
// Tokens whose nbf lies this far in the future are refused (clock skew allowance).
constexpr qint64 NotBeforeSkewSeconds = 300;

QString randomBase64Url(int bytes)
{
    QByteArray data((bytes + 3) / 4 * 4, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    data.truncate(bytes);
    return QString::fromLatin1(data.toBase64(Base64UrlOptions));
}

QString randomFrom(const char *alphabet, int length)
{
    const int size = int(qstrlen(alphabet));
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(size)]));
    return text;
}

// Entra's client secrets: 40 characters with "8Q~" after the first three.
QString randomClientSecret()
{
    static const char Leading[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static const char Rest[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-";
    return randomFrom(Leading, 3) + QStringLiteral("8Q~") + randomFrom(Rest, 34);
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray secretHash(const QString &value)
{
    return QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256);
}

bool constantTimeEquals(const QString &a, const QString &b)
{
    const QByteArray x = secretHash(a);
    const QByteArray y = secretHash(b);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        difference |= uchar(x.at(i)) ^ uchar(y.at(i));
    return difference == 0;
}

QString normalizedUserCode(const QString &userCode)
{
    QString result;
    for (const QChar c : userCode) {
        if (c.isLetterOrNumber())
            result.append(c.toUpper());
    }
    return result;
}

QString withoutTrailingSlashes(QString text)
{
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

bool isTenantAlias(const QString &segment)
{
    return segment.compare(QLatin1String("common"), Qt::CaseInsensitive) == 0 ||
        segment.compare(QLatin1String("organizations"), Qt::CaseInsensitive) == 0 ||
        segment.compare(QLatin1String("consumers"), Qt::CaseInsensitive) == 0;
}

bool isOidcScope(const QString &scope)
{
    for (const char *name : {"openid", "profile", "email", "offline_access"}) {
        if (scope.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// application/x-www-form-urlencoded: '+' is a space, the first occurrence of a name counts.
QHash<QString, QString> parseForm(const QByteArray &body)
{
    QHash<QString, QString> fields;
    const QList<QByteArray> pairs = body.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(name));
        if (!fields.contains(key))
            fields.insert(key, QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return fields;
}

ServiceError tokenError(const QString &code, const QString &message)
{
    ServiceError error(ServiceError::Kind::Unauthorized, message);
    error.setHttpStatus(401);
    error.setCode(code);
    return error;
}

QString armTime(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("M/d/yyyy h:mm:ss AP"));
}

} // namespace

// What a token request carries once its tenant and client are known.
struct EntraStandIn::TokenRequestContext
{
    const AzureEndpoint::Request *request = nullptr;
    QHash<QString, QString> form;
    const EntraTenant *tenant = nullptr; // the tenant tokens are issued in
    bool tenantAlias = false; // the path named common / organizations
    const EntraApplication *application = nullptr;
    bool clientAuthenticated = false; // a correct client secret came with the request

    QString field(const char *name) const { return form.value(QLatin1String(name)); }
};

// A delegated grant ready to be issued.
struct EntraStandIn::Grant
{
    const EntraUser *user = nullptr;
    const EntraTenant *tenant = nullptr;
    QString grantType;
    QString scope; // the scope string to issue for
    QStringList refreshScopes; // what a new refresh token keeps
};

namespace {

// The scopes of a request, checked against the known resources.
struct ScopeRequest
{
    QStringList oidc; // openid, profile, email, offline_access as requested
    const EntraResource *resource = nullptr;
    QString audience; // the resource as the request named it, e.g. "https://management.azure.com"
    QStringList resourceScopes; // as requested
    QStringList permissions; // granted delegated permissions
    bool defaultScope = false;

    bool has(const char *oidcScope) const { return oidc.contains(QLatin1String(oidcScope), Qt::CaseInsensitive); }
};

std::optional<EntraProtocolError> parseScopes(const QString &scope, const QList<EntraResource> &resources,
                                              const QString &tenantName, bool clientCredentials, ScopeRequest *out)
{
    const QStringList tokens = scope.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return EntraProtocolError::missingParameter(QStringLiteral("scope"));
    const auto findResource = [&resources](const QString &identifier) -> const EntraResource * {
        const QString wanted = withoutTrailingSlashes(identifier);
        for (const EntraResource &resource : resources) {
            if (resource.appId.compare(wanted, Qt::CaseInsensitive) == 0)
                return &resource;
            for (const QString &uri : resource.identifierUris) {
                if (uri.compare(wanted, Qt::CaseInsensitive) == 0)
                    return &resource;
            }
        }
        return nullptr;
    };
    for (const QString &token : tokens) {
        if (isOidcScope(token)) {
            if (clientCredentials)
                return EntraProtocolError::clientCredentialsNeedDefaultScope(token);
            if (!out->oidc.contains(token, Qt::CaseInsensitive))
                out->oidc.append(token.toLower());
            continue;
        }
        const qsizetype slash = token.lastIndexOf(QLatin1Char('/'));
        // A bare permission ("User.Read") is one of Microsoft Graph's.
        const QString resourceId = slash < 0 ? QString(GraphAppId) : token.left(slash);
        const QString permission = slash < 0 ? token : token.mid(slash + 1);
        if (withoutTrailingSlashes(resourceId).isEmpty() || permission.isEmpty())
            return EntraProtocolError::invalidScope(token);
        if (clientCredentials && permission != QLatin1String(".default"))
            return EntraProtocolError::clientCredentialsNeedDefaultScope(token);
        const EntraResource *resource = findResource(resourceId);
        if (!resource)
            return EntraProtocolError::resourceNotFound(resourceId, tenantName);
        if (out->resource && out->resource != resource)
            return EntraProtocolError::multipleResources();
        if (!out->resource) {
            out->resource = resource;
            out->audience = slash < 0 ? QString(GraphAppId) : resourceId;
        }
        if (permission == QLatin1String(".default")) {
            out->defaultScope = true;
            for (const QString &granted : resource->delegatedPermissions) {
                if (!out->permissions.contains(granted))
                    out->permissions.append(granted);
            }
        } else {
            const auto known = std::find_if(
                resource->delegatedPermissions.begin(), resource->delegatedPermissions.end(),
                [&permission](const QString &name) { return name.compare(permission, Qt::CaseInsensitive) == 0; });
            if (known == resource->delegatedPermissions.end())
                return EntraProtocolError::invalidScope(token);
            if (!out->permissions.contains(*known))
                out->permissions.append(*known);
        }
        out->resourceScopes.append(token);
    }
    if (!out->resource) {
        if (clientCredentials)
            return EntraProtocolError::clientCredentialsNeedDefaultScope(scope);
        // Only OpenID Connect scopes: Entra issues a Microsoft Graph token for the user's profile.
        out->resource = findResource(GraphAppId);
        out->audience = GraphAppId;
        if (out->resource)
            out->permissions = out->resource->delegatedPermissions;
    }
    return std::nullopt;
}

} // namespace

EntraStandIn::EntraStandIn(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
{
    m_tenants.append({QLatin1String(AzureDefaults::TenantId), QLatin1String(AzureDefaults::TenantDomain),
                      QLatin1String(AzureDefaults::TenantDisplayName)});
    EntraApplication application;
    application.clientId = QLatin1String(AzureDefaults::ClientId);
    application.displayName = QLatin1String(AzureDefaults::ClientDisplayName);
    application.tenantId = QLatin1String(AzureDefaults::TenantId);
    application.allowPublicClient = true;
    application.clientSecret = randomClientSecret();
    application.servicePrincipalObjectId = QLatin1String(AzureDefaults::ServicePrincipalObjectId);
    m_applications.append(application);
    m_users.append({QLatin1String(AzureDefaults::UserObjectId), QLatin1String(AzureDefaults::TenantId),
                    QLatin1String(AzureDefaults::UserPrincipalName), QLatin1String(AzureDefaults::UserDisplayName)});
    m_resources.append({QLatin1String(AzureDefaults::ArmResourceAppId),
                        QStringLiteral("Windows Azure Service Management API"),
                        {QLatin1String(AzureDefaults::ArmResource), QLatin1String(AzureDefaults::ArmLegacyResource)},
                        {QStringLiteral("user_impersonation")}});
    m_resources.append({GraphAppId,
                        QStringLiteral("Microsoft Graph"),
                        {QStringLiteral("https://graph.microsoft.com")},
                        {QStringLiteral("User.Read")}});
}

EntraStandIn::~EntraStandIn() = default;

Status EntraStandIn::setStateDirectory(const QString &directory)
{
    const QString path = QDir(directory).filePath(QLatin1String(StateFileName));
    const auto damaged = [&path](const QString &why) {
        ServiceError error(ServiceError::Kind::Backend,
                           tr("The Entra ID state file \"%1\" is damaged (%2). Move it away to start with a new "
                              "client secret and token signing key.")
                               .arg(path, why));
        error.setCode(QStringLiteral("SandboxStart"));
        return error;
    };
    EntraApplication *application = nullptr;
    for (EntraApplication &candidate : m_applications) {
        if (candidate.clientId == QLatin1String(AzureDefaults::ClientId))
            application = &candidate;
    }
    if (!application)
        return ServiceError(ServiceError::Kind::Backend, tr("The default application registration is missing."));

    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return damaged(file.errorString());
        QJsonParseError parseError;
        const QJsonObject state = QJsonDocument::fromJson(file.readAll(), &parseError).object();
        if (parseError.error != QJsonParseError::NoError)
            return damaged(parseError.errorString());
        const QString secret = state.value(QLatin1String("clientSecret")).toString();
        if (secret.size() < 16)
            return damaged(tr("no client secret"));
        Result<EntraSigningKey> key =
            EntraSigningKey::fromPem(state.value(QLatin1String("signingKey")).toString().toLatin1());
        if (!key)
            return damaged(key.error().message());
        application->clientSecret = secret;
        m_signingKey = key.takeValue();
        qCInfo(lcSandbox).noquote() << "Entra ID stand-in: client secret and signing key from" << path;
        return Done {};
    }

    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("Could not create the directory of \"%1\". Check the permissions of the state "
                               "directory.")
                                .arg(path));
    }
    const QJsonObject state {
        {QStringLiteral("clientSecret"), application->clientSecret},
        {QStringLiteral("signingKey"), QString::fromLatin1(signingKey().privateKeyPem())},
    };
    QSaveFile save(path);
    if (!save.open(QIODevice::WriteOnly) || !save.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        save.write(QJsonDocument(state).toJson(QJsonDocument::Indented)) < 0 || !save.commit()) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("Could not write \"%1\": %2. Check the free space and the permissions of the state "
                               "directory.")
                                .arg(path, save.errorString()));
    }
    return Done {};
}

void EntraStandIn::addTenant(const EntraTenant &tenant)
{
    m_tenants.append(tenant);
}

void EntraStandIn::addApplication(const EntraApplication &application)
{
    m_applications.append(application);
}

void EntraStandIn::addUser(const EntraUser &user)
{
    m_users.append(user);
}

QString EntraStandIn::clientSecret() const
{
    const EntraApplication *application = findApplication(QLatin1String(AzureDefaults::ClientId));
    return application ? application->clientSecret : QString();
}

void EntraStandIn::setSettings(const Settings &settings)
{
    m_settings = settings;
}

void EntraStandIn::setDefaultSettings(const Settings &settings)
{
    m_defaultSettings = settings;
    m_settings = settings;
}

const EntraSigningKey &EntraStandIn::signingKey() const
{
    if (!m_signingKey) {
        Result<EntraSigningKey> key = EntraSigningKey::generate();
        // Key generation only fails when OpenSSL cannot allocate; then signing yields empty tokens.
        m_signingKey = key ? key.takeValue() : EntraSigningKey();
    }
    return *m_signingKey;
}

QString EntraStandIn::issuer(const QString &tenantId)
{
    return QStringLiteral("https://%1/%2/v2.0").arg(QLatin1String(AzureDefaults::AuthorityHostName), tenantId);
}

QJsonObject EntraStandIn::jsonWebKeySet(const QString &tenantId) const
{
    QJsonObject key = signingKey().publicJwk();
    key.insert(QStringLiteral("issuer"), issuer(tenantId));
    return QJsonObject {{QStringLiteral("keys"), QJsonArray {key}}};
}

// --- directory lookups -------------------------------------------------------------------------------------

QString EntraStandIn::deviceCodeStatusName(DeviceCodeStatus status)
{
    switch (status) {
    case DeviceCodeStatus::Pending:
        return QStringLiteral("pending");
    case DeviceCodeStatus::Approved:
        return QStringLiteral("approved");
    case DeviceCodeStatus::Declined:
        return QStringLiteral("declined");
    case DeviceCodeStatus::Expired:
        return QStringLiteral("expired");
    case DeviceCodeStatus::Redeemed:
        return QStringLiteral("redeemed");
    }
    return {};
}

const EntraTenant *EntraStandIn::tenantById(const QString &id) const
{
    for (const EntraTenant &tenant : m_tenants) {
        if (tenant.id.compare(id, Qt::CaseInsensitive) == 0)
            return &tenant;
    }
    return nullptr;
}

const EntraTenant *EntraStandIn::findTenant(const QString &segment) const
{
    for (const EntraTenant &tenant : m_tenants) {
        if (tenant.id.compare(segment, Qt::CaseInsensitive) == 0 ||
            (!tenant.domain.isEmpty() && tenant.domain.compare(segment, Qt::CaseInsensitive) == 0)) {
            return &tenant;
        }
    }
    return nullptr;
}

const EntraApplication *EntraStandIn::findApplication(const QString &clientId) const
{
    for (const EntraApplication &application : m_applications) {
        if (application.clientId.compare(clientId, Qt::CaseInsensitive) == 0)
            return &application;
    }
    return nullptr;
}

const EntraUser *EntraStandIn::findUserById(const QString &objectId) const
{
    for (const EntraUser &user : m_users) {
        if (user.objectId == objectId)
            return &user;
    }
    return nullptr;
}

const EntraUser *EntraStandIn::findUserByName(const QString &userPrincipalName) const
{
    for (const EntraUser &user : m_users) {
        if (user.userPrincipalName.compare(userPrincipalName, Qt::CaseInsensitive) == 0)
            return &user;
    }
    return nullptr;
}

const EntraResource *EntraStandIn::findResource(const QString &identifier) const
{
    const QString wanted = withoutTrailingSlashes(identifier);
    for (const EntraResource &resource : m_resources) {
        if (resource.appId.compare(wanted, Qt::CaseInsensitive) == 0)
            return &resource;
        for (const QString &uri : resource.identifierUris) {
            if (uri.compare(wanted, Qt::CaseInsensitive) == 0)
                return &resource;
        }
    }
    return nullptr;
}

// --- device codes (admin side) -----------------------------------------------------------------------------

EntraStandIn::PendingCode *EntraStandIn::findCode(const QString &userCode)
{
    const QString wanted = normalizedUserCode(userCode);
    for (PendingCode &code : m_codes) {
        if (normalizedUserCode(code.info.userCode) == wanted)
            return &code;
    }
    return nullptr;
}

const EntraStandIn::PendingCode *EntraStandIn::findCode(const QString &userCode) const
{
    return const_cast<EntraStandIn *>(this)->findCode(userCode);
}

Result<EntraStandIn::PendingCode *> EntraStandIn::refreshedCode(const QString &userCode)
{
    PendingCode *code = findCode(userCode);
    if (!code) {
        ServiceError error(ServiceError::Kind::NotFound,
                           tr("There is no device code with the user code \"%1\".").arg(userCode.left(40)));
        error.setCode(QStringLiteral("DeviceCodeNotFound"));
        return error;
    }
    refreshStatus(*code);
    return code;
}

Result<EntraStandIn::PendingCode *> EntraStandIn::pendingCode(const QString &userCode)
{
    Result<PendingCode *> found = refreshedCode(userCode);
    if (!found)
        return found;
    const PendingCode *code = found.value();
    if (code->info.status != DeviceCodeStatus::Pending) {
        ServiceError error(ServiceError::Kind::Conflict,
                           tr("The device code %1 is %2, not pending; only a pending code can be approved or denied.")
                               .arg(code->info.userCode, deviceCodeStatusName(code->info.status)));
        error.setCode(QStringLiteral("DeviceCodeNotPending"));
        return error;
    }
    return found;
}

void EntraStandIn::refreshStatus(PendingCode &code) const
{
    const bool open = code.info.status == DeviceCodeStatus::Pending || code.info.status == DeviceCodeStatus::Approved;
    if (open && m_clock->monotonicMs() >= code.expiresMs)
        code.info.status = DeviceCodeStatus::Expired;
}

QList<EntraStandIn::DeviceCode> EntraStandIn::deviceCodes() const
{
    QList<DeviceCode> list;
    for (PendingCode code : m_codes) {
        refreshStatus(code);
        list.append(code.info);
    }
    return list;
}

std::optional<EntraStandIn::DeviceCode> EntraStandIn::deviceCode(const QString &userCode) const
{
    const PendingCode *found = findCode(userCode);
    if (!found)
        return std::nullopt;
    PendingCode code = *found;
    refreshStatus(code);
    return code.info;
}

Result<EntraStandIn::DeviceCode> EntraStandIn::approve(const QString &userCode, const QString &userPrincipalName)
{
    Result<PendingCode *> found = pendingCode(userCode);
    if (!found)
        return found.error();
    PendingCode *code = found.value();
    const EntraUser *user = userPrincipalName.isEmpty() ? findUserById(QLatin1String(AzureDefaults::UserObjectId))
                                                        : findUserByName(userPrincipalName);
    if (!user && userPrincipalName.isEmpty() && !m_users.isEmpty())
        user = &m_users.constFirst();
    if (!user) {
        ServiceError error = ServiceError::invalidInput(
            tr("There is no user \"%1\" in the sandbox's directory.").arg(userPrincipalName.left(200)),
            QStringLiteral("UserNotFound"));
        error.setPayload(QJsonObject {{QStringLiteral("field"), QStringLiteral("userPrincipalName")}});
        return error;
    }
    code->info.status = DeviceCodeStatus::Approved;
    code->info.approvedBy = user->userPrincipalName;
    code->approvedUserId = user->objectId;
    qCInfo(lcSandbox).noquote() << "Entra ID: device code" << code->info.userCode << "approved for"
                                << user->userPrincipalName;
    return code->info;
}

Result<EntraStandIn::DeviceCode> EntraStandIn::deny(const QString &userCode)
{
    Result<PendingCode *> found = pendingCode(userCode);
    if (!found)
        return found.error();
    PendingCode *code = found.value();
    code->info.status = DeviceCodeStatus::Declined;
    qCInfo(lcSandbox).noquote() << "Entra ID: device code" << code->info.userCode << "declined";
    return code->info;
}

Result<EntraStandIn::DeviceCode> EntraStandIn::expire(const QString &userCode)
{
    Result<PendingCode *> found = refreshedCode(userCode);
    if (!found)
        return found.error();
    PendingCode *code = found.value();
    if (code->info.status == DeviceCodeStatus::Pending || code->info.status == DeviceCodeStatus::Approved) {
        code->expiresMs = m_clock->monotonicMs();
        code->info.expiresAt = m_clock->nowUtc();
        code->info.status = DeviceCodeStatus::Expired;
    }
    return code->info;
}

QList<EntraStandIn::IssuedToken> EntraStandIn::issuedTokens() const
{
    return QList<IssuedToken>(m_issued.begin(), m_issued.end());
}

void EntraStandIn::recordIssued(IssuedToken token)
{
    const QString id = token.id;
    const QString type = token.type;
    m_issued.push_back(std::move(token));
    while (m_issued.size() > size_t(MaxIssuedTokens))
        m_issued.pop_front();
    emit tokenIssued(id, type);
}

void EntraStandIn::reset()
{
    m_codes.clear();
    m_refreshGrants.clear();
    m_issued.clear();
    m_settings = m_defaultSettings;
}

QString EntraStandIn::randomUserCode() const
{
    // Consonants only (RFC 8628 §6.1: no look-alikes, no words), "ABCD-EFGH" like Microsoft's codes.
    for (;;) {
        const QString code = randomFrom("BCDFGHJKLMNPQRSTVWXZ", 8);
        const QString shown = code.left(4) + QLatin1Char('-') + code.mid(4);
        if (!findCode(shown))
            return shown;
    }
}

// --- HTTP ----------------------------------------------------------------------------------------------------

void EntraStandIn::registerRoutes(AzureEndpoint &endpoint)
{
    endpoint.addRoute("*", QStringLiteral("/{tenant}/oauth2/v2.0/devicecode"),
                      [this](const AzureEndpoint::Request &request) { return deviceCodeEndpoint(request); });
    endpoint.addRoute("*", QStringLiteral("/{tenant}/oauth2/v2.0/token"),
                      [this](const AzureEndpoint::Request &request) { return tokenEndpoint(request); });
    endpoint.addRoute("GET", QStringLiteral("/{tenant}/v2.0/.well-known/openid-configuration"),
                      [this](const AzureEndpoint::Request &request) { return openIdConfiguration(request); });
    endpoint.addRoute("GET", QStringLiteral("/{tenant}/discovery/v2.0/keys"),
                      [this](const AzureEndpoint::Request &request) { return keys(request); });
    endpoint.addRoute("GET", QStringLiteral("/{tenant}/discovery/instance"),
                      [this](const AzureEndpoint::Request &request) { return instanceDiscovery(request); });
    endpoint.addRoute("GET", QStringLiteral("/devicelogin"),
                      [this](const AzureEndpoint::Request &request) { return deviceLoginPage(request); });
}

AzureEndpoint::Response EntraStandIn::jsonResponse(const AzureEndpoint::Request &request, const QJsonObject &body,
                                                   int status) const
{
    AzureEndpoint::Response response = AzureEndpoint::Response::json(body, status);
    response.headers.append({QByteArray("Cache-Control"), QByteArray("no-store, no-cache")});
    response.headers.append({QByteArray("Pragma"), QByteArray("no-cache")});
    response.headers.append({QByteArray("Expires"), QByteArray("-1")});
    response.headers.append({QByteArray("x-ms-request-id"), newGuid().toLatin1()});
    const QByteArray clientRequestId = request.header("client-request-id");
    if (!clientRequestId.isEmpty() && !QUuid::fromString(QLatin1String(clientRequestId)).isNull() &&
        request.header("return-client-request-id").compare("true", Qt::CaseInsensitive) == 0) {
        response.headers.append({QByteArray("client-request-id"), clientRequestId});
    }
    return response;
}

AzureEndpoint::Response EntraStandIn::errorResponse(const AzureEndpoint::Request &request,
                                                    const EntraProtocolError &error) const
{
    // Entra's correlation id is the client's client-request-id when it sent one.
    const QByteArray clientRequestId = request.header("client-request-id");
    const QUuid correlation = QUuid::fromString(QLatin1String(clientRequestId));
    const QString correlationId = correlation.isNull() ? newGuid() : correlation.toString(QUuid::WithoutBraces);
    const QString traceId = newGuid();
    AzureEndpoint::Response response =
        jsonResponse(request, error.toJson(m_clock->nowUtc(), traceId, correlationId), error.httpStatus);
    for (auto &header : response.headers) {
        if (header.first == "x-ms-request-id")
            header.second = traceId.toLatin1();
    }
    qCDebug(lcSandbox).noquote() << "Entra ID:" << error.error << "AADSTS" << error.code;
    return response;
}

AzureEndpoint::Response EntraStandIn::deviceCodeEndpoint(const AzureEndpoint::Request &request)
{
    if (request.method != "POST")
        return errorResponse(request, EntraProtocolError::wrongMethod(request.method));
    const QHash<QString, QString> form = parseForm(request.body);
    const QString tenantSegment = request.argument(QStringLiteral("tenant"));
    const bool alias = isTenantAlias(tenantSegment);
    const EntraTenant *tenant = alias ? nullptr : findTenant(tenantSegment);
    if (!alias && !tenant)
        return errorResponse(request, EntraProtocolError::tenantNotFound(tenantSegment));
    const QString clientId = form.value(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return errorResponse(request, EntraProtocolError::missingParameter(QStringLiteral("client_id")));
    const EntraApplication *application = findApplication(clientId);
    if (!application || (tenant && application->tenantId != tenant->id))
        return errorResponse(
            request, EntraProtocolError::applicationNotFound(clientId, tenant ? tenant->displayName : tenantSegment));
    if (tenantSegment.compare(QLatin1String("consumers"), Qt::CaseInsensitive) == 0)
        return errorResponse(
            request, EntraProtocolError::consumersNotSupported(application->clientId, application->displayName));
    if (!tenant)
        tenant = tenantById(application->tenantId);
    const QString scope = form.value(QStringLiteral("scope"));
    ScopeRequest scopes;
    if (auto error = parseScopes(scope, m_resources, tenant ? tenant->displayName : QString(), false, &scopes))
        return errorResponse(request, *error);

    const QDateTime now = m_clock->nowUtc();
    const QString deviceCodeValue = randomBase64Url(96);
    PendingCode code;
    code.info.userCode = randomUserCode();
    code.info.clientId = application->clientId;
    code.info.tenantId = tenant ? tenant->id : QString();
    code.info.scopes = scope.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    code.info.status = DeviceCodeStatus::Pending;
    code.info.intervalSeconds = std::max<qint64>(1, m_settings.pollInterval.count());
    code.info.issuedAt = now;
    code.info.expiresAt = now.addSecs(m_settings.deviceCodeLifetime.count());
    code.deviceCodeHash = secretHash(deviceCodeValue);
    code.expiresMs = m_clock->monotonicMs() + m_settings.deviceCodeLifetime.count() * 1000;
    m_codes.append(code);
    while (m_codes.size() > MaxKeptDeviceCodes)
        m_codes.removeFirst();

    const QString verificationUri = request.baseUrl.toString() + QStringLiteral("/devicelogin");
    qCInfo(lcSandbox).noquote() << "Entra ID: device code" << code.info.userCode << "issued for client"
                                << application->clientId;
    emit deviceCodeIssued(code.info.userCode);
    return jsonResponse(request,
                        QJsonObject {
                            {QStringLiteral("user_code"), code.info.userCode},
                            {QStringLiteral("device_code"), deviceCodeValue},
                            {QStringLiteral("verification_uri"), verificationUri},
                            {QStringLiteral("expires_in"), qint64(m_settings.deviceCodeLifetime.count())},
                            {QStringLiteral("interval"), code.info.intervalSeconds},
                            {QStringLiteral("message"),
                             tr("To sign in, use a web browser to open the page %1 and enter the code %2 to "
                                "authenticate.")
                                 .arg(verificationUri, code.info.userCode)},
                        });
}

AzureEndpoint::Response EntraStandIn::tokenEndpoint(const AzureEndpoint::Request &request)
{
    if (request.method != "POST")
        return errorResponse(request, EntraProtocolError::wrongMethod(request.method));
    TokenRequestContext context;
    context.request = &request;
    context.form = parseForm(request.body);

    QString grantType = context.field("grant_type");
    if (grantType == DeviceCodeGrantTypeShort)
        grantType = DeviceCodeGrantType;
    if (grantType.isEmpty())
        return errorResponse(request, EntraProtocolError::missingParameter(QStringLiteral("grant_type")));
    if (grantType != DeviceCodeGrantType && grantType != ClientCredentialsGrantType &&
        grantType != RefreshTokenGrantType) {
        return errorResponse(request, EntraProtocolError::unsupportedGrantType(grantType));
    }

    // The client: client_id and client_secret in the body, or HTTP Basic (RFC 6749 §2.3.1).
    QString clientId = context.field("client_id");
    QString secret = context.field("client_secret");
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        const QString basicId =
            QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.left(std::max<qsizetype>(colon, 0))));
        const QString basicSecret =
            colon < 0 ? QString() : QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.mid(colon + 1)));
        if ((!clientId.isEmpty() && basicId != clientId) || (!secret.isEmpty() && basicSecret != secret))
            return errorResponse(request, EntraProtocolError::conflictingClientCredentials());
        clientId = basicId;
        secret = basicSecret;
    }
    if (clientId.isEmpty())
        return errorResponse(request, EntraProtocolError::missingParameter(QStringLiteral("client_id")));

    const QString tenantSegment = request.argument(QStringLiteral("tenant"));
    context.tenantAlias = isTenantAlias(tenantSegment);
    context.tenant = context.tenantAlias ? nullptr : findTenant(tenantSegment);
    if (!context.tenantAlias && !context.tenant)
        return errorResponse(request, EntraProtocolError::tenantNotFound(tenantSegment));
    context.application = findApplication(clientId);
    if (!context.application || (context.tenant && context.application->tenantId != context.tenant->id)) {
        return errorResponse(request,
                             EntraProtocolError::applicationNotFound(
                                 clientId, context.tenant ? context.tenant->displayName : tenantSegment));
    }
    if (tenantSegment.compare(QLatin1String("consumers"), Qt::CaseInsensitive) == 0) {
        return errorResponse(
            request,
            EntraProtocolError::consumersNotSupported(context.application->clientId, context.application->displayName));
    }
    if (grantType == ClientCredentialsGrantType && context.tenantAlias)
        return errorResponse(request, EntraProtocolError::tenantRequired());
    if (!context.tenant)
        context.tenant = tenantById(context.application->tenantId);

    // Client authentication: a secret, when sent, must be right; confidential-only clients must send one.
    const bool secretRequired = grantType == ClientCredentialsGrantType || !context.application->allowPublicClient;
    if (!secret.isEmpty()) {
        if (context.application->clientSecret.isEmpty()) {
            return errorResponse(request,
                                 secretRequired ? EntraProtocolError::invalidClientSecret(context.application->clientId)
                                                : EntraProtocolError::publicClientWithCredential());
        }
        if (!constantTimeEquals(secret, context.application->clientSecret))
            return errorResponse(request, EntraProtocolError::invalidClientSecret(context.application->clientId));
        context.clientAuthenticated = true;
    } else if (secretRequired) {
        return errorResponse(request, EntraProtocolError::missingClientCredential());
    }

    if (grantType == DeviceCodeGrantType)
        return deviceCodeGrant(context);
    if (grantType == ClientCredentialsGrantType)
        return clientCredentialsGrant(context);
    return refreshTokenGrant(context);
}

AzureEndpoint::Response EntraStandIn::deviceCodeGrant(const TokenRequestContext &context)
{
    const AzureEndpoint::Request &request = *context.request;
    const QString deviceCodeValue = context.field("device_code");
    if (deviceCodeValue.isEmpty())
        return errorResponse(request, EntraProtocolError::missingParameter(QStringLiteral("device_code")));
    const QByteArray hash = secretHash(deviceCodeValue);
    PendingCode *code = nullptr;
    for (PendingCode &candidate : m_codes) {
        if (candidate.deviceCodeHash == hash)
            code = &candidate;
    }
    if (!code || code->info.clientId != context.application->clientId ||
        (!context.tenantAlias && context.tenant && code->info.tenantId != context.tenant->id)) {
        return errorResponse(request, EntraProtocolError::badVerificationCode());
    }
    refreshStatus(*code);
    switch (code->info.status) {
    case DeviceCodeStatus::Redeemed:
        return errorResponse(request, EntraProtocolError::invalidGrant());
    case DeviceCodeStatus::Expired:
        return errorResponse(request, EntraProtocolError::expiredToken());
    case DeviceCodeStatus::Declined:
        return errorResponse(request, EntraProtocolError::authorizationDeclined());
    case DeviceCodeStatus::Approved:
        break;
    case DeviceCodeStatus::Pending: {
        const qint64 now = m_clock->monotonicMs();
        ++code->info.polls;
        const qint64 intervalMs = code->info.intervalSeconds * 1000;
        const qint64 tolerance = std::min<qint64>(MaxPollToleranceMs, intervalMs / 10);
        bool tooFast = code->lastPollMs && now - *code->lastPollMs < intervalMs - tolerance;
        code->lastPollMs = now;
        if (m_settings.slowDownPolls > 0) {
            --m_settings.slowDownPolls;
            tooFast = true;
        }
        if (tooFast) {
            code->info.intervalSeconds += SlowDownIncrementSeconds;
            return errorResponse(request, EntraProtocolError::slowDown(code->info.intervalSeconds));
        }
        if (m_settings.autoApproveAfterPolls && code->info.polls > *m_settings.autoApproveAfterPolls) {
            if (Result<DeviceCode> approved = approve(code->info.userCode); !approved)
                return errorResponse(request, EntraProtocolError::invalidGrant());
        } else {
            return errorResponse(request, EntraProtocolError::authorizationPending());
        }
        break;
    }
    }

    const EntraUser *user = findUserById(code->approvedUserId);
    if (!user)
        return errorResponse(request, EntraProtocolError::invalidGrant());
    code->info.status = DeviceCodeStatus::Redeemed;
    Grant grant;
    grant.user = user;
    grant.tenant = tenantById(code->info.tenantId);
    grant.grantType = DeviceCodeGrantType;
    grant.scope = code->info.scopes.join(QLatin1Char(' '));
    grant.refreshScopes = code->info.scopes;
    return issueDelegated(context, grant);
}

AzureEndpoint::Response EntraStandIn::refreshTokenGrant(const TokenRequestContext &context)
{
    const AzureEndpoint::Request &request = *context.request;
    const QString refreshToken = context.field("refresh_token");
    if (refreshToken.isEmpty())
        return errorResponse(request, EntraProtocolError::missingParameter(QStringLiteral("refresh_token")));
    const auto found = m_refreshGrants.find(secretHash(refreshToken));
    if (found == m_refreshGrants.end() || found->redeemed || found->clientId != context.application->clientId ||
        (!context.tenantAlias && found->tenantId != context.tenant->id)) {
        return errorResponse(request, EntraProtocolError::invalidGrant());
    }
    if (m_clock->monotonicMs() >= found->expiresMs) {
        return errorResponse(
            request,
            EntraProtocolError::refreshTokenExpired(found->issuedAt, m_settings.refreshTokenLifetime.count() / 86400));
    }
    const EntraUser *user = findUserById(found->userObjectId);
    if (!user)
        return errorResponse(request, EntraProtocolError::invalidGrant());
    Grant grant;
    grant.user = user;
    grant.tenant = tenantById(found->tenantId);
    grant.grantType = RefreshTokenGrantType;
    grant.scope = context.field("scope");
    if (grant.scope.trimmed().isEmpty())
        grant.scope = found->scopes.join(QLatin1Char(' '));
    grant.refreshScopes = found->scopes;
    // Check the new scopes before the old token is spent, so a bad request does not burn it.
    ScopeRequest scopes;
    if (auto error = parseScopes(grant.scope, m_resources, grant.tenant ? grant.tenant->displayName : QString(), false,
                                 &scopes)) {
        return errorResponse(request, *error);
    }
    found->redeemed = true;
    const QString usedId = found->id;
    for (IssuedToken &issued : m_issued) {
        if (issued.id == usedId)
            issued.redeemed = true;
    }
    return issueDelegated(context, grant);
}

AzureEndpoint::Response EntraStandIn::issueDelegated(const TokenRequestContext &context, const Grant &grant)
{
    const AzureEndpoint::Request &request = *context.request;
    const EntraApplication &application = *context.application;
    const EntraUser &user = *grant.user;
    const QString tenantId = grant.tenant ? grant.tenant->id : user.tenantId;
    ScopeRequest scopes;
    if (auto error = parseScopes(grant.scope, m_resources, grant.tenant ? grant.tenant->displayName : QString(), false,
                                 &scopes)) {
        return errorResponse(request, *error);
    }

    const QDateTime now = m_clock->nowUtc();
    const qint64 iat = now.toSecsSinceEpoch();
    const qint64 lifetime = m_settings.accessTokenLifetime.count();
    // Pairwise subject per application, as Entra's `sub`.
    const QString subject = QString::fromLatin1(
        QCryptographicHash::hash((user.objectId + application.clientId).toUtf8(), QCryptographicHash::Sha256)
            .toBase64(Base64UrlOptions));

    const QString accessId = randomBase64Url(16);
    const QJsonObject accessClaims {
        {QStringLiteral("aud"), scopes.audience},
        {QStringLiteral("iss"), issuer(tenantId)},
        {QStringLiteral("iat"), iat},
        {QStringLiteral("nbf"), iat},
        {QStringLiteral("exp"), iat + lifetime},
        {QStringLiteral("azp"), application.clientId},
        {QStringLiteral("azpacr"), context.clientAuthenticated ? QStringLiteral("1") : QStringLiteral("0")},
        {QStringLiteral("idtyp"), QStringLiteral("user")},
        {QStringLiteral("name"), user.displayName},
        {QStringLiteral("oid"), user.objectId},
        {QStringLiteral("preferred_username"), user.userPrincipalName},
        {QStringLiteral("scp"), scopes.permissions.join(QLatin1Char(' '))},
        {QStringLiteral("sub"), subject},
        {QStringLiteral("tid"), tenantId},
        {QStringLiteral("uti"), accessId},
        {QStringLiteral("ver"), QStringLiteral("2.0")},
    };
    const QString accessToken = EntraJwt::sign(accessClaims, signingKey());

    QStringList grantedScopes;
    const QString resourcePrefix = scopes.audience == GraphAppId ? QString() : scopes.audience + QLatin1Char('/');
    for (const QString &permission : std::as_const(scopes.permissions))
        grantedScopes.append(resourcePrefix + permission);
    if (scopes.defaultScope)
        grantedScopes.append(resourcePrefix + QStringLiteral(".default"));
    grantedScopes.append(scopes.oidc);

    QJsonObject body {
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("scope"), grantedScopes.join(QLatin1Char(' '))},
        {QStringLiteral("expires_in"), lifetime},
        {QStringLiteral("ext_expires_in"), lifetime},
        {QStringLiteral("access_token"), accessToken},
    };
    recordIssued({accessId, QStringLiteral("access_token"), grant.grantType, application.clientId, tenantId,
                  user.userPrincipalName, scopes.audience, scopes.permissions, now, now.addSecs(lifetime), false});

    // A refresh grant keeps offline access; the first grant needs offline_access.
    if (scopes.has("offline_access") || grant.grantType == RefreshTokenGrantType) {
        const QString refreshToken = QStringLiteral("1.") + randomBase64Url(144);
        RefreshGrant refresh;
        refresh.id = newGuid();
        refresh.clientId = application.clientId;
        refresh.tenantId = tenantId;
        refresh.userObjectId = user.objectId;
        refresh.scopes = grant.refreshScopes;
        refresh.issuedAt = now;
        refresh.expiresMs = m_clock->monotonicMs() + m_settings.refreshTokenLifetime.count() * 1000;
        m_refreshGrants.insert(secretHash(refreshToken), refresh);
        body.insert(QStringLiteral("refresh_token"), refreshToken);
        recordIssued({refresh.id, QStringLiteral("refresh_token"), grant.grantType, application.clientId, tenantId,
                      user.userPrincipalName, QString(), refresh.scopes, now,
                      now.addSecs(m_settings.refreshTokenLifetime.count()), false});
    }
    if (scopes.has("openid")) {
        const QString idTokenId = randomBase64Url(16);
        const QJsonObject idClaims {
            {QStringLiteral("aud"), application.clientId},
            {QStringLiteral("iss"), issuer(tenantId)},
            {QStringLiteral("iat"), iat},
            {QStringLiteral("nbf"), iat},
            {QStringLiteral("exp"), iat + lifetime},
            {QStringLiteral("name"), user.displayName},
            {QStringLiteral("oid"), user.objectId},
            {QStringLiteral("preferred_username"), user.userPrincipalName},
            {QStringLiteral("sub"), subject},
            {QStringLiteral("tid"), tenantId},
            {QStringLiteral("uti"), idTokenId},
            {QStringLiteral("ver"), QStringLiteral("2.0")},
        };
        body.insert(QStringLiteral("id_token"), EntraJwt::sign(idClaims, signingKey()));
        recordIssued({idTokenId,
                      QStringLiteral("id_token"),
                      grant.grantType,
                      application.clientId,
                      tenantId,
                      user.userPrincipalName,
                      application.clientId,
                      {},
                      now,
                      now.addSecs(lifetime),
                      false});
    }
    if (context.field("client_info") == QLatin1String("1")) {
        const QJsonObject clientInfo {{QStringLiteral("uid"), user.objectId}, {QStringLiteral("utid"), tenantId}};
        body.insert(
            QStringLiteral("client_info"),
            QString::fromLatin1(QJsonDocument(clientInfo).toJson(QJsonDocument::Compact).toBase64(Base64UrlOptions)));
    }
    qCInfo(lcSandbox).noquote() << "Entra ID: tokens issued to" << application.clientId << "for"
                                << user.userPrincipalName << "(" << grant.grantType << ")";
    return jsonResponse(request, body);
}

AzureEndpoint::Response EntraStandIn::clientCredentialsGrant(const TokenRequestContext &context)
{
    const AzureEndpoint::Request &request = *context.request;
    const EntraApplication &application = *context.application;
    const QString tenantId = context.tenant->id;
    ScopeRequest scopes;
    if (auto error = parseScopes(context.field("scope"), m_resources, context.tenant->displayName, true, &scopes))
        return errorResponse(request, *error);

    const QDateTime now = m_clock->nowUtc();
    const qint64 iat = now.toSecsSinceEpoch();
    const qint64 lifetime = m_settings.accessTokenLifetime.count();
    const QString tokenId = randomBase64Url(16);
    QJsonObject claims {
        {QStringLiteral("aud"), scopes.audience},
        {QStringLiteral("iss"), issuer(tenantId)},
        {QStringLiteral("iat"), iat},
        {QStringLiteral("nbf"), iat},
        {QStringLiteral("exp"), iat + lifetime},
        {QStringLiteral("azp"), application.clientId},
        {QStringLiteral("azpacr"), QStringLiteral("1")},
        {QStringLiteral("idtyp"), QStringLiteral("app")},
        {QStringLiteral("oid"), application.servicePrincipalObjectId},
        {QStringLiteral("sub"), application.servicePrincipalObjectId},
        {QStringLiteral("tid"), tenantId},
        {QStringLiteral("uti"), tokenId},
        {QStringLiteral("ver"), QStringLiteral("2.0")},
    };
    if (!application.appRoles.isEmpty())
        claims.insert(QStringLiteral("roles"), QJsonArray::fromStringList(application.appRoles));
    const QString accessToken = EntraJwt::sign(claims, signingKey());
    recordIssued({tokenId, QStringLiteral("access_token"), ClientCredentialsGrantType, application.clientId, tenantId,
                  application.servicePrincipalObjectId, scopes.audience, application.appRoles, now,
                  now.addSecs(lifetime), false});
    qCInfo(lcSandbox).noquote() << "Entra ID: app-only token issued to" << application.clientId;
    return jsonResponse(request,
                        QJsonObject {
                            {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                            {QStringLiteral("expires_in"), lifetime},
                            {QStringLiteral("ext_expires_in"), lifetime},
                            {QStringLiteral("access_token"), accessToken},
                        });
}

AzureEndpoint::Response EntraStandIn::openIdConfiguration(const AzureEndpoint::Request &request) const
{
    const QString segment = request.argument(QStringLiteral("tenant"));
    const bool alias = isTenantAlias(segment);
    const EntraTenant *tenant = alias ? nullptr : findTenant(segment);
    if (!alias && !tenant)
        return errorResponse(request, EntraProtocolError::tenantNotFound(segment));
    // A tenant's metadata names it by id; the aliases keep their name and a {tenantid} placeholder.
    const QString pathTenant = tenant ? tenant->id : segment.toLower();
    const QString base = request.baseUrl.toString() + QLatin1Char('/') + pathTenant;
    const QString issuerValue = issuer(tenant ? tenant->id : QStringLiteral("{tenantid}"));
    QJsonObject metadata {
        {QStringLiteral("issuer"), issuerValue},
        {QStringLiteral("authorization_endpoint"), QString(base + QStringLiteral("/oauth2/v2.0/authorize"))},
        {QStringLiteral("token_endpoint"), QString(base + QStringLiteral("/oauth2/v2.0/token"))},
        {QStringLiteral("device_authorization_endpoint"), QString(base + QStringLiteral("/oauth2/v2.0/devicecode"))},
        {QStringLiteral("end_session_endpoint"), QString(base + QStringLiteral("/oauth2/v2.0/logout"))},
        {QStringLiteral("jwks_uri"), QString(base + QStringLiteral("/discovery/v2.0/keys"))},
        {QStringLiteral("userinfo_endpoint"), QStringLiteral("https://graph.microsoft.com/oidc/userinfo")},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray {QStringLiteral("client_secret_post"), QStringLiteral("client_secret_basic")}},
        {QStringLiteral("response_modes_supported"),
         QJsonArray {QStringLiteral("query"), QStringLiteral("fragment"), QStringLiteral("form_post")}},
        {QStringLiteral("response_types_supported"),
         QJsonArray {QStringLiteral("code"), QStringLiteral("id_token"), QStringLiteral("code id_token"),
                     QStringLiteral("id_token token")}},
        {QStringLiteral("grant_types_supported"),
         QJsonArray {QString(DeviceCodeGrantType), QString(ClientCredentialsGrantType),
                     QString(RefreshTokenGrantType)}},
        {QStringLiteral("scopes_supported"),
         QJsonArray {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                     QStringLiteral("offline_access")}},
        {QStringLiteral("subject_types_supported"), QJsonArray {QStringLiteral("pairwise")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray {QStringLiteral("RS256")}},
        {QStringLiteral("claims_supported"),
         QJsonArray {QStringLiteral("sub"), QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("exp"),
                     QStringLiteral("iat"), QStringLiteral("nbf"), QStringLiteral("name"), QStringLiteral("oid"),
                     QStringLiteral("preferred_username"), QStringLiteral("tid"), QStringLiteral("ver")}},
        {QStringLiteral("request_uri_parameter_supported"), false},
        {QStringLiteral("http_logout_supported"), true},
        {QStringLiteral("frontchannel_logout_supported"), true},
        {QStringLiteral("tenant_region_scope"), QStringLiteral("EU")},
        {QStringLiteral("cloud_instance_name"), QStringLiteral("microsoftonline.com")},
        {QStringLiteral("cloud_graph_host_name"), QStringLiteral("graph.windows.net")},
        {QStringLiteral("msgraph_host"), QStringLiteral("graph.microsoft.com")},
    };
    return jsonResponse(request, metadata);
}

AzureEndpoint::Response EntraStandIn::keys(const AzureEndpoint::Request &request) const
{
    const QString segment = request.argument(QStringLiteral("tenant"));
    const bool alias = isTenantAlias(segment);
    const EntraTenant *tenant = alias ? nullptr : findTenant(segment);
    if (!alias && !tenant)
        return errorResponse(request, EntraProtocolError::tenantNotFound(segment));
    return jsonResponse(request, jsonWebKeySet(tenant ? tenant->id : QStringLiteral("{tenantid}")));
}

AzureEndpoint::Response EntraStandIn::instanceDiscovery(const AzureEndpoint::Request &request) const
{
    // ?api-version=1.1&authorization_endpoint=https://host/{tenant}/oauth2/v2.0/authorize
    const QUrl authorizationEndpoint(
        request.query.queryItemValue(QStringLiteral("authorization_endpoint"), QUrl::FullyDecoded));
    QString tenant = authorizationEndpoint.path().section(QLatin1Char('/'), 1, 1);
    if (tenant.isEmpty() || tenant.contains(QRegularExpression(QStringLiteral("[^A-Za-z0-9.{}-]"))))
        tenant = QStringLiteral("common");
    const QString host = request.baseUrl.authority();
    QJsonArray aliases {host};
    const QString requested = authorizationEndpoint.authority();
    if (!requested.isEmpty() && requested != host &&
        !requested.contains(QRegularExpression(QStringLiteral("[^A-Za-z0-9.:\\[\\]-]")))) {
        aliases.append(requested);
    }
    return jsonResponse(request,
                        QJsonObject {
                            {QStringLiteral("tenant_discovery_endpoint"),
                             QString(request.baseUrl.toString() + QLatin1Char('/') + tenant +
                                     QStringLiteral("/v2.0/.well-known/openid-configuration"))},
                            {QStringLiteral("api-version"), QStringLiteral("1.1")},
                            {QStringLiteral("metadata"),
                             QJsonArray {QJsonObject {{QStringLiteral("preferred_network"), host},
                                                      {QStringLiteral("preferred_cache"), host},
                                                      {QStringLiteral("aliases"), aliases}}}},
                        });
}

AzureEndpoint::Response EntraStandIn::deviceLoginPage(const AzureEndpoint::Request &request) const
{
    Q_UNUSED(request)
    const QString admin = m_adminUrl.isValid() ? m_adminUrl.toString() : QStringLiteral("http://127.0.0.1:PORT/admin");
    QString pending;
    for (const DeviceCode &code : deviceCodes()) {
        if (code.status != DeviceCodeStatus::Pending)
            continue;
        pending += QStringLiteral("<li><code>%1</code> — %2 (%3)</li>\n")
                       .arg(code.userCode.toHtmlEscaped(), code.clientId.toHtmlEscaped(),
                            code.scopes.join(QLatin1Char(' ')).toHtmlEscaped());
    }
    if (pending.isEmpty())
        pending = QStringLiteral("<li>%1</li>\n").arg(tr("No device code is waiting.").toHtmlEscaped());
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%1</title></head>\n"
                       "<body>\n<h1>%1</h1>\n<p>%2</p>\n<pre>curl -X POST %3/entra/device-codes/ABCD-EFGH/approve\n"
                       "curl -X POST %3/entra/device-codes/ABCD-EFGH/deny</pre>\n<p>%4</p>\n<ul>\n%5</ul>\n"
                       "</body></html>\n")
            .arg(tr("TwinBridge sandbox: device sign-in").toHtmlEscaped(),
                 tr("This sandbox stands in for Microsoft Entra ID and has no sign-in page. Approve (or deny) the "
                    "code your application shows through the sandbox's admin API (\"admin\" in sandbox.json):")
                     .toHtmlEscaped(),
                 admin.toHtmlEscaped(), tr("Codes waiting for approval:").toHtmlEscaped(), pending);
    AzureEndpoint::Response response;
    response.status = 200;
    response.headers.append({QByteArray("Content-Type"), QByteArray("text/html; charset=utf-8")});
    response.headers.append({QByteArray("Cache-Control"), QByteArray("no-store, no-cache")});
    response.body = html.toUtf8();
    return response;
}

// --- token validation (for the ARM stand-in) ----------------------------------------------------------------

Result<EntraTokenClaims> EntraStandIn::validateAccessToken(const QString &token, const QString &audience) const
{
    const std::optional<EntraJwt::Parts> parsed = EntraJwt::parse(token);
    if (!parsed)
        return tokenError(QStringLiteral("InvalidAuthenticationToken"), tr("The access token is invalid."));
    if (!EntraJwt::verify(token, signingKey())) {
        return tokenError(QStringLiteral("InvalidAuthenticationToken"),
                          tr("The access token has an invalid signature."));
    }
    const QJsonObject &claims = parsed->claims;
    const QString tenantId = claims.value(QLatin1String("tid")).toString();
    const QString tokenIssuer = claims.value(QLatin1String("iss")).toString();
    if (!tenantById(tenantId) || tokenIssuer != issuer(tenantId)) {
        return tokenError(QStringLiteral("InvalidAuthenticationToken"),
                          tr("The access token is from an unknown issuer '%1'.").arg(tokenIssuer.left(200)));
    }
    const QDateTime now = m_clock->nowUtc();
    const QDateTime expires =
        QDateTime::fromSecsSinceEpoch(qint64(claims.value(QLatin1String("exp")).toDouble()), Qt::UTC);
    const QDateTime notBefore =
        QDateTime::fromSecsSinceEpoch(qint64(claims.value(QLatin1String("nbf")).toDouble()), Qt::UTC);
    if (!claims.value(QLatin1String("exp")).isDouble() || expires <= now) {
        return tokenError(QStringLiteral("ExpiredAuthenticationToken"),
                          tr("The access token expiry UTC time '%1' is earlier than current UTC time '%2'.")
                              .arg(armTime(expires), armTime(now)));
    }
    if (notBefore.toSecsSinceEpoch() > now.toSecsSinceEpoch() + NotBeforeSkewSeconds) {
        return tokenError(QStringLiteral("InvalidAuthenticationToken"),
                          tr("The access token is not valid before '%1'.").arg(armTime(notBefore)));
    }
    const QString tokenAudience = claims.value(QLatin1String("aud")).toString();
    const EntraResource *wanted = findResource(audience);
    const bool audienceMatches = wanted ? findResource(tokenAudience) == wanted
                                        : withoutTrailingSlashes(tokenAudience) == withoutTrailingSlashes(audience);
    if (!audienceMatches) {
        QStringList allowed;
        if (wanted) {
            for (const QString &uri : wanted->identifierUris)
                allowed << uri + QLatin1Char('/') << uri;
        } else {
            allowed << audience;
        }
        QStringList quoted;
        for (const QString &entry : std::as_const(allowed))
            quoted << QLatin1Char('\'') + entry + QLatin1Char('\'');
        return tokenError(QStringLiteral("InvalidAuthenticationTokenAudience"),
                          tr("The access token has been obtained for wrong audience or resource '%1'. It should "
                             "exactly match with one of the allowed audiences %2.")
                              .arg(tokenAudience.left(200), quoted.join(QLatin1Char(','))));
    }

    EntraTokenClaims result;
    result.tokenId = claims.value(QLatin1String("uti")).toString();
    result.tenantId = tenantId;
    result.objectId = claims.value(QLatin1String("oid")).toString();
    result.clientId = claims.value(QLatin1String("azp")).toString();
    result.audience = tokenAudience;
    result.scopes = claims.value(QLatin1String("scp")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QJsonValue &role : claims.value(QLatin1String("roles")).toArray())
        result.roles.append(role.toString());
    result.appOnly = claims.value(QLatin1String("idtyp")).toString() == QLatin1String("app");
    result.userPrincipalName = claims.value(QLatin1String("preferred_username")).toString();
    result.issuedAt = QDateTime::fromSecsSinceEpoch(qint64(claims.value(QLatin1String("iat")).toDouble()), Qt::UTC);
    result.expiresOn = expires;
    return result;
}

} // namespace TwinBridge::Sandbox
