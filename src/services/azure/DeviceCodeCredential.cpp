#include "services/azure/DeviceCodeCredential.h"

#include "services/azure/EntraError.h"
#include "services/azure/RefreshTokenStore.h"
#include "services/core/Logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace TwinBridge {

namespace {

const QLatin1String kDeviceCodeGrant("urn:ietf:params:oauth:grant-type:device_code");

bool needsNewSignIn(const QString &code)
{
    return code == QLatin1String("invalid_grant") || code == QLatin1String("interaction_required") ||
        code == QLatin1String("consent_required") || code == QLatin1String("login_required");
}

} // namespace

DeviceCodeCredential::DeviceCodeCredential(const EntraAuthority &authority, QNetworkAccessManager *nam, Clock *clock,
                                           RefreshTokenStore *store, QObject *parent)
    : TokenCredential(clock, parent)
    , m_client(new EntraTokenClient(authority, nam, this->clock(), this))
    , m_store(store)
{ }

DeviceCodeCredential::~DeviceCodeCredential()
{
    cancel();
}

QString DeviceCodeCredential::displayName() const
{
    return tr("Device code sign-in");
}

const EntraAuthority &DeviceCodeCredential::authority() const
{
    return m_client->authority();
}

HttpTransport *DeviceCodeCredential::transport() const
{
    return m_client->transport();
}

QString DeviceCodeCredential::requestScope(const QStringList &scopes)
{
    // offline_access for a refresh token, openid + profile for an id token naming the account.
    QStringList all = scopes;
    for (const char *extra : {"offline_access", "openid", "profile"}) {
        const QString scope = QLatin1String(extra);
        if (!all.contains(scope))
            all.append(scope);
    }
    return all.join(QLatin1Char(' '));
}

QString DeviceCodeCredential::accountFromIdToken(const QString &idToken)
{
    // Only read for display; the token is not verified (it came straight from the token endpoint over TLS).
    const QList<QStringView> parts = QStringView(idToken).split(QLatin1Char('.'));
    if (parts.size() < 2)
        return {};
    const QByteArray payload =
        QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject claims = QJsonDocument::fromJson(payload).object();
    for (const char *claim : {"preferred_username", "upn", "email", "name"}) {
        const QString value = claims.value(QLatin1String(claim)).toString();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

QFuture<Result<AccessToken>> DeviceCodeCredential::acquireToken(const QStringList &scopes)
{
    if (Status valid = m_client->authority().validate(); !valid) {
        ServiceError error = valid.error();
        error.setOperation(tr("sign in to Azure"));
        return Futures::readyResult<AccessToken>(error);
    }
    TokenPromise promise = Futures::startedPromise<Result<AccessToken>>();
    if (!m_refreshToken.isEmpty())
        redeemRefreshToken(scopes, promise);
    else if (m_store && !m_storeLoaded)
        loadStoredRefreshToken(scopes, promise);
    else
        startDeviceFlow(scopes, promise);
    return promise->future();
}

void DeviceCodeCredential::loadStoredRefreshToken(const QStringList &scopes, const TokenPromise &promise)
{
    m_store->load().then(this, [this, scopes, promise](Result<QString> stored) {
        m_storeLoaded = true;
        if (!stored) {
            qCWarning(lcAzureAuth).noquote()
                << "could not read the stored Azure refresh token:" << stored.error().message();
            emit refreshTokenStoreFailed(stored.error());
        } else if (!stored.value().isEmpty() && m_refreshToken.isEmpty()) {
            qCDebug(lcAzureAuth) << "using the stored Azure refresh token";
            m_refreshToken = stored.value();
        }
        if (!m_refreshToken.isEmpty())
            redeemRefreshToken(scopes, promise);
        else
            startDeviceFlow(scopes, promise);
    });
}

void DeviceCodeCredential::redeemRefreshToken(const QStringList &scopes, const TokenPromise &promise)
{
    const QString operation = tr("renew the Azure sign-in");
    const QString usedToken = m_refreshToken;
    const FormFields form {
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("client_id"), m_client->authority().clientId},
        {QStringLiteral("refresh_token"), usedToken},
        {QStringLiteral("scope"), requestScope(scopes)},
    };
    qCDebug(lcAzureAuth) << "redeeming the refresh token";
    m_client->requestToken(form, operation, {usedToken}, true)
        .then(this, [this, scopes, promise, usedToken](Result<EntraTokenResponse> response) {
            if (response) {
                Futures::fulfil(promise, completeSignIn(response.value(), scopes, false));
                return;
            }
            if (!needsNewSignIn(response.error().code())) {
                Futures::fulfil(promise, Result<AccessToken>(response.error()));
                return;
            }
            qCInfo(lcAzureAuth) << "the refresh token was rejected (" << response.error().code()
                                << "); a new sign-in is needed";
            if (m_refreshToken == usedToken) {
                m_refreshToken.clear();
                if (m_store)
                    m_store->clear();
            }
            if (m_interactive) {
                startDeviceFlow(scopes, promise);
            } else {
                Futures::fulfil(promise, Result<AccessToken>(response.error()));
            }
        });
}

void DeviceCodeCredential::startDeviceFlow(const QStringList &scopes, const TokenPromise &promise)
{
    const QString operation = tr("sign in to Azure with a device code");
    if (!m_interactive) {
        ServiceError error = ServiceError::notConfigured(
            tr("You are not signed in to Azure. Sign in once in the TwinBridge console (device code), or use a "
               "service principal for unattended runs."));
        error.setOperation(operation);
        Futures::fulfil(promise, Result<AccessToken>(error));
        return;
    }
    if (m_flow) {
        ServiceError error(ServiceError::Kind::Conflict,
                           tr("Another Azure sign-in is waiting for you in the browser. Finish or cancel it first."));
        error.setOperation(operation);
        Futures::fulfil(promise, Result<AccessToken>(error));
        return;
    }

    auto flow = std::make_unique<Flow>();
    flow->scopes = scopes;
    flow->promise = promise;
    flow->generation = ++m_generation;
    m_flow = std::move(flow);
    const int generation = m_generation;

    qCInfo(lcAzureAuth) << "starting a device code sign-in";
    m_client->requestDeviceCode(requestScope(scopes), operation)
        .then(this, [this, generation](Result<DeviceCodeInfo> info) {
            if (!m_flow || m_flow->generation != generation)
                return;
            if (!info) {
                finishFlow(info.error());
                return;
            }
            m_flow->info = info.value();
            m_flow->intervalSeconds = info.value().interval;
            m_flow->deadlineMs = clock()->monotonicMs() + info.value().expiresIn * 1000;
            qCInfo(lcAzureAuth).noquote()
                << "device code issued; waiting for the user at" << info.value().verificationUri.toString()
                << "(expires in" << info.value().expiresIn << "s, polling every" << info.value().interval << "s)";
            emit userCodeReady(info.value().userCode, info.value().verificationUri, info.value().message);
            schedulePoll();
        });
}

void DeviceCodeCredential::schedulePoll()
{
    const int generation = m_flow->generation;
    clock()->callAfter(std::chrono::seconds(m_flow->intervalSeconds), this, [this, generation] { poll(generation); });
}

void DeviceCodeCredential::poll(int generation)
{
    if (!m_flow || m_flow->generation != generation)
        return;
    const QString operation = tr("sign in to Azure with a device code");
    if (clock()->monotonicMs() >= m_flow->deadlineMs) {
        finishFlow(EntraError::deviceCodeExpired(operation));
        return;
    }
    const QString deviceCode = m_flow->info.deviceCode;
    const FormFields form {
        {QStringLiteral("grant_type"), kDeviceCodeGrant},
        {QStringLiteral("client_id"), m_client->authority().clientId},
        {QStringLiteral("device_code"), deviceCode},
    };
    m_client->requestToken(form, operation, {deviceCode}, true)
        .then(this, [this, generation](Result<EntraTokenResponse> response) {
            if (!m_flow || m_flow->generation != generation)
                return;
            if (response) {
                finishFlow(completeSignIn(response.value(), m_flow->scopes, true));
                return;
            }
            const QString code = response.error().code();
            if (code == QLatin1String("authorization_pending")) {
                qCDebug(lcAzureAuth) << "device code sign-in still pending";
                schedulePoll();
            } else if (code == QLatin1String("slow_down")) {
                m_flow->intervalSeconds += 5;
                qCDebug(lcAzureAuth) << "asked to slow down; polling every" << m_flow->intervalSeconds << "s";
                schedulePoll();
            } else {
                finishFlow(response.error());
            }
        });
}

void DeviceCodeCredential::finishFlow(Result<AccessToken> result)
{
    if (!m_flow)
        return;
    std::unique_ptr<Flow> flow = std::move(m_flow);
    if (!result)
        qCInfo(lcAzureAuth) << "device code sign-in ended:" << result.error().code()
                            << ServiceError::kindName(result.error().kind());
    Futures::fulfil(flow->promise, std::move(result));
}

Result<AccessToken> DeviceCodeCredential::completeSignIn(const EntraTokenResponse &response, const QStringList &scopes,
                                                         bool interactive)
{
    AccessToken token;
    token.token = response.accessToken;
    token.expiresOn = clock()->nowUtc().addSecs(response.expiresIn);
    token.scopes = scopes;

    if (!response.idToken.isEmpty()) {
        const QString account = accountFromIdToken(response.idToken);
        if (!account.isEmpty())
            m_account = account;
    }
    if (!response.refreshToken.isEmpty() && response.refreshToken != m_refreshToken) {
        m_refreshToken = response.refreshToken;
        persistRefreshToken();
    }
    if (interactive) {
        qCInfo(lcAzureAuth) << "device code sign-in completed";
        emit signedIn(m_account);
    }
    return token;
}

void DeviceCodeCredential::persistRefreshToken()
{
    if (!m_store)
        return;
    m_storeLoaded = true;
    m_store->save(m_refreshToken).then(this, [this](Status saved) {
        if (saved) {
            qCDebug(lcAzureAuth) << "refresh token saved to the store";
            return;
        }
        qCWarning(lcAzureAuth).noquote() << "could not save the Azure refresh token:" << saved.error().message();
        emit refreshTokenStoreFailed(saved.error());
    });
}

void DeviceCodeCredential::cancel()
{
    ++m_generation;
    if (!m_flow)
        return;
    qCInfo(lcAzureAuth) << "device code sign-in canceled";
    finishFlow(ServiceError::canceled(tr("sign in to Azure with a device code")));
}

QFuture<Status> DeviceCodeCredential::signOut()
{
    cancel();
    m_refreshToken.clear();
    m_account.clear();
    m_storeLoaded = true;
    clearCache();
    if (m_store)
        return m_store->clear();
    return Futures::readyResult<Done>(Done {});
}

} // namespace TwinBridge
