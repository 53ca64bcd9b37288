#include "services/diagnostics/AzureConnectionTest.h"

#include "services/azure/ArmClient.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/azure/DeviceCodeCredential.h"
#include "services/azure/SecretRefreshTokenStore.h"
#include "services/engine/DeviceConnectionSettings.h"

#include <QJsonObject>

namespace TwinBridge {

namespace {

const QString SignInReachable = QStringLiteral("azure.signInReachable");
const QString SignInTls = QStringLiteral("azure.signInTls");
const QString SignIn = QStringLiteral("azure.signIn");
const QString ManagementReachable = QStringLiteral("azure.managementReachable");
const QString ManagementTls = QStringLiteral("azure.managementTls");
const QString Subscription = QStringLiteral("azure.subscription");

} // namespace

AzureConnectionTest::AzureConnectionTest(const ConnectionProfile &profile, TokenCredential *credential,
                                         QNetworkAccessManager *nam, Clock *clock, QObject *parent)
    : ConnectionTest(ConnectionCheck::Target::Azure, clock, parent)
    , m_profile(profile)
    , m_credential(credential)
    , m_nam(nam)
    , m_authority(authorityOf(profile))
{
    Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(profile.tls.caCertificateFile);
    if (ssl)
        m_ssl = ssl.value();
    else
        m_sslError = ssl.error().message();
    m_arm = new ArmClient(m_nam, credential, this->clock(), this);
    m_arm->configure(m_authority);
    RetryPolicy retry = m_arm->transport()->retryPolicy();
    retry.maxAttempts = 1;
    m_arm->transport()->setRetryPolicy(retry);
    if (m_ssl)
        m_arm->transport()->setSslConfiguration(*m_ssl);
}

AzureConnectionTest::~AzureConnectionTest() = default;

EntraAuthority AzureConnectionTest::authorityOf(const ConnectionProfile &profile)
{
    EntraAuthority authority;
    authority.authorityHost = QUrl(profile.azure.authority);
    authority.tenant = profile.azure.tenantId.isEmpty() ? QStringLiteral("organizations") : profile.azure.tenantId;
    authority.clientId = profile.azure.clientId;
    authority.armEndpoint = QUrl(profile.azure.managementEndpoint);
    const QUrl management(profile.azure.managementEndpoint);
    if (!EndpointProbe::isLoopbackHost(management.host()) && management.isValid() && !management.host().isEmpty()) {
        QUrl scope;
        scope.setScheme(management.scheme());
        scope.setHost(management.host());
        scope.setPath(QStringLiteral("/.default"));
        authority.armScope = scope.toString();
    }
    return authority;
}

TokenCredential *AzureConnectionTest::makeCredential(const ConnectionProfile &profile, const QString &clientSecret,
                                                     SecretStore *secrets, QNetworkAccessManager *nam, Clock *clock,
                                                     QObject *parent, ServiceError *error)
{
    Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(profile.tls.caCertificateFile);
    if (!ssl) {
        if (error)
            *error = ssl.error();
        return nullptr;
    }
    const EntraAuthority authority = authorityOf(profile);
    if (!clientSecret.isEmpty()) {
        auto *credential = new ClientSecretCredential(authority, clientSecret, nam, clock, parent);
        credential->transport()->setSslConfiguration(ssl.value());
        return credential;
    }
    auto *store = secrets ? new SecretRefreshTokenStore(secrets, profile.id) : nullptr;
    auto *credential = new DeviceCodeCredential(authority, nam, clock, store, parent);
    if (store)
        QObject::connect(credential, &QObject::destroyed, [store] { delete store; }); // outlives its user only
    credential->setInteractive(false);
    credential->transport()->setSslConfiguration(ssl.value());
    return credential;
}

void AzureConnectionTest::run()
{
    declare(SignInReachable, tr("Sign-in service reachable"));
    declare(SignInTls, tr("TLS certificate of the sign-in service"));
    declare(SignIn, tr("Sign-in"));
    declare(ManagementReachable, tr("Management endpoint reachable"));
    declare(ManagementTls, tr("TLS certificate of the management endpoint"));
    declare(Subscription, tr("Subscription readable"));

    const QUrl authority(m_profile.azure.authority);
    if (!authority.isValid() || authority.host().isEmpty()) {
        fail(SignInReachable,
             tr("The authority “%1” is not a usable address. Enter e.g. "
                "https://login.microsoftonline.com.")
                 .arg(m_profile.azure.authority));
        finish();
        return;
    }
    if (!m_ssl) {
        pass(SignInReachable, tr("Not tried: the TLS settings are unusable."));
        fail(SignInTls, m_sslError);
        finish();
        return;
    }
    if (!m_credential) {
        pass(SignInReachable, tr("Not tried: no sign-in is configured."));
        fail(SignIn, tr("No Azure sign-in is configured for this profile."));
        finish();
        return;
    }
    const quint64 current = generation();
    probeService(authority, SignInReachable, SignInTls, [this, current] { signIn(current); });
}

void AzureConnectionTest::probeService(const QUrl &url, const QString &reachableId, const QString &tlsId,
                                       std::function<void()> next)
{
    const bool https = url.scheme() == QLatin1String("https");
    setRunning(reachableId);
    probe(url.host(), quint16(url.port(https ? 443 : 80)), https ? m_ssl : std::optional<QSslConfiguration>(),
          [this, url, reachableId, tlsId, https, next](const EndpointProbe::Outcome &outcome) {
              if (outcome.ok() || outcome.failure == EndpointProbe::Failure::Tls) {
                  pass(reachableId, tr("%1 answers.").arg(url.host()));
              } else {
                  fail(reachableId, outcome.sentence, outcome.detail);
                  finish();
                  return;
              }
              if (!outcome.ok()) {
                  fail(tlsId, outcome.sentence, outcome.detail);
                  finish();
                  return;
              }
              if (https)
                  pass(tlsId, outcome.sentence);
              else
                  warn(tlsId,
                       tr("%1 is plain HTTP: tokens would travel unencrypted. Use its https:// address.")
                           .arg(url.toString()));
              next();
          });
}

void AzureConnectionTest::signIn(quint64 generation)
{
    setRunning(SignIn);
    track(m_credential->token({m_authority.armScope})).then(this, [this, generation](const Result<AccessToken> &token) {
        if (isStale(generation))
            return;
        if (!token) {
            const ServiceError &error = token.error();
            if (error.kind() == ServiceError::Kind::NotConfigured)
                fail(SignIn,
                     tr("Nobody is signed in to Azure with this profile, and it has no client secret. Sign in "
                        "on the Deploy page, or enter a service principal's client secret."),
                     error.message());
            else
                fail(SignIn, error.message(), error.detail());
            finish();
            return;
        }
        pass(SignIn,
             tr("Signed in (%1): Entra ID issued a token for Azure Resource Manager.")
                 .arg(m_credential ? m_credential->displayName() : QString()));
        const QUrl management(m_profile.azure.managementEndpoint);
        probeService(management, ManagementReachable, ManagementTls,
                     [this, generation] { readSubscription(generation); });
    });
}

void AzureConnectionTest::readSubscription(quint64 generation)
{
    const QString subscriptionId = m_profile.azure.subscriptionId;
    if (subscriptionId.isEmpty()) {
        fail(Subscription, tr("The profile names no subscription. Enter the subscription ID on the Connections page."));
        finish();
        return;
    }
    setRunning(Subscription);
    const QUrl url =
        m_arm->url(QStringLiteral("/subscriptions/") + subscriptionId, ArmClient::subscriptionsApiVersion());
    track(m_arm->send("GET", url)).then(this, [this, generation, subscriptionId](const Result<HttpResponse> &answer) {
        if (isStale(generation))
            return;
        if (!answer) {
            fail(Subscription, answer.error().message(), answer.error().detail());
            finish();
            return;
        }
        const HttpResponse &response = answer.value();
        if (response.isHttpSuccess()) {
            const QJsonObject body = response.json().object();
            const QString name = body.value(QLatin1String("displayName")).toString();
            const QString state = body.value(QLatin1String("state")).toString();
            if (!state.isEmpty() && state != QLatin1String("Enabled"))
                warn(Subscription,
                     tr("The subscription “%1” is readable but its state is %2: deployments will fail "
                        "until it is enabled.")
                         .arg(name.isEmpty() ? subscriptionId : name, state));
            else
                pass(Subscription,
                     tr("The subscription “%1” is readable.").arg(name.isEmpty() ? subscriptionId : name));
        } else {
            const ServiceError error = m_arm->errorFrom(response, tr("read the subscription %1").arg(subscriptionId));
            QString sentence;
            switch (response.status) {
            case 401:
                sentence = tr("Resource Manager refused the token (401). Sign in again; check that the tenant ID is "
                              "the subscription's tenant.");
                break;
            case 403:
                sentence = tr("The signed-in identity may not read the subscription %1 (403). Give it a role on the "
                              "subscription (Reader to test, Contributor to deploy).")
                               .arg(subscriptionId);
                break;
            case 404:
                sentence = tr("The subscription %1 was not found, or the signed-in identity has no access to it. "
                              "Check the subscription ID and the tenant ID.")
                               .arg(subscriptionId);
                break;
            default:
                sentence = error.message();
                break;
            }
            fail(Subscription, sentence, error.detail());
        }
        finish();
    });
}

} // namespace TwinBridge
