// The engine's own Entra ID clients (ClientSecretCredential, DeviceCodeCredential with its refresh token and
// store) against the Entra ID stand-in over real TLS sockets. Client and stand-in share one ManualClock, so the
// credential's poll timer and the stand-in's slow_down timing run on the same time. Proves that what TwinBridge
// sends is what the stand-in accepts, and that the stand-in's error bodies map to the ServiceErrors users see.

#include "sandbox/azure/AzureDefaults.h"
#include "sandbox/azure/AzureEndpoint.h"
#include "sandbox/azure/EntraStandIn.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/azure/DeviceCodeCredential.h"
#include "services/azure/InMemoryRefreshTokenStore.h"
#include "services/core/Clock.h"
#include "services/net/HttpTransport.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

const QString ArmScope = QLatin1String(AzureDefaults::ArmScope);
const QString ArmAudience = QLatin1String(AzureDefaults::ArmResource);
const QString LegacyArmScope = QStringLiteral("https://management.core.windows.net//.default");

} // namespace

class TestEntraEngineClients : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void clientSecretCredential();
    void clientSecretCredentialErrors_data();
    void clientSecretCredentialErrors();

    void deviceCodeSignIn();
    void deviceCodeHonoursSlowDown();
    void deviceCodeAutoApproved();
    void deviceCodeEnds_data();
    void deviceCodeEnds();

    void refreshTokenServesOtherScopes();
    void storedRefreshTokenSignsInTheNextSession();
    void rejectedRefreshTokenStartsANewSignIn();

private:
    EntraAuthority authority(const QString &tenant = QLatin1String(AzureDefaults::TenantId),
                             const QString &clientId = QLatin1String(AzureDefaults::ClientId)) const;
    std::unique_ptr<ClientSecretCredential> clientSecretCredential(const EntraAuthority &authority,
                                                                   const QString &secret);
    std::unique_ptr<DeviceCodeCredential> deviceCodeCredential(RefreshTokenStore *store = nullptr);
    // Advances the clock by `seconds` once the credential has scheduled its next poll, and waits until the stand-in
    // has counted `expectedPolls` polls of the code (polls of a pending code are counted).
    bool pollAfter(int seconds, const QString &userCode, int expectedPolls);

    QTemporaryDir m_stateDir;
    std::optional<SandboxCertificateAuthority> m_ca;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<EntraStandIn> m_entra;
    std::unique_ptr<AzureEndpoint> m_endpoint;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestEntraEngineClients::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_stateDir.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    m_ca = ca.value();
}

void TestEntraEngineClients::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_entra = std::make_unique<EntraStandIn>(m_clock.get());
    m_endpoint = std::make_unique<AzureEndpoint>();
    m_entra->registerRoutes(*m_endpoint);
    const Result<quint16> port = m_endpoint->listen(m_ca->serverConfiguration());
    QVERIFY2(port.ok(), qPrintable(port.error().message()));
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestEntraEngineClients::cleanup()
{
    m_nam.reset();
    m_endpoint.reset();
    m_entra.reset();
    m_clock.reset();
}

EntraAuthority TestEntraEngineClients::authority(const QString &tenant, const QString &clientId) const
{
    EntraAuthority result;
    result.authorityHost = m_endpoint->url();
    result.tenant = tenant;
    result.clientId = clientId;
    return result;
}

std::unique_ptr<ClientSecretCredential> TestEntraEngineClients::clientSecretCredential(const EntraAuthority &authority,
                                                                                       const QString &secret)
{
    auto credential = std::make_unique<ClientSecretCredential>(authority, secret, m_nam.get(), m_clock.get());
    credential->transport()->setSslConfiguration(m_ca->clientConfiguration());
    return credential;
}

std::unique_ptr<DeviceCodeCredential> TestEntraEngineClients::deviceCodeCredential(RefreshTokenStore *store)
{
    auto credential = std::make_unique<DeviceCodeCredential>(authority(), m_nam.get(), m_clock.get(), store);
    credential->transport()->setSslConfiguration(m_ca->clientConfiguration());
    return credential;
}

bool TestEntraEngineClients::pollAfter(int seconds, const QString &userCode, int expectedPolls)
{
    // The credential schedules its next poll once the previous answer is in; only then does time move.
    if (!QTest::qWaitFor([this] { return m_clock->pendingCount() > 0; }, 10000))
        return false;
    m_clock->advance(std::chrono::seconds(seconds));
    return QTest::qWaitFor(
        [this, &userCode, expectedPolls] {
            const std::optional<EntraStandIn::DeviceCode> code = m_entra->deviceCode(userCode);
            return code && code->polls == expectedPolls;
        },
        10000);
}

void TestEntraEngineClients::clientSecretCredential()
{
    auto credential = clientSecretCredential(authority(), m_entra->clientSecret());
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    const Result<AccessToken> result = token.result();
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().expiresOn, m_clock->nowUtc().addSecs(3599));

    // The token is one the ARM stand-in accepts: the service principal's, app-only, for Resource Manager.
    const Result<EntraTokenClaims> claims = m_entra->validateAccessToken(result.value().token, ArmAudience);
    QVERIFY2(claims.ok(), qPrintable(claims.error().message()));
    QVERIFY(claims.value().appOnly);
    QCOMPARE(claims.value().clientId, QLatin1String(AzureDefaults::ClientId));
    QCOMPARE(claims.value().objectId, QLatin1String(AzureDefaults::ServicePrincipalObjectId));
    QCOMPARE(claims.value().tenantId, QLatin1String(AzureDefaults::TenantId));
    QCOMPARE(m_entra->issuedTokens().size(), 1);
    QCOMPARE(m_entra->issuedTokens().constFirst().grantType, QStringLiteral("client_credentials"));

    // The tenant's domain works as well as its id.
    auto byDomain =
        clientSecretCredential(authority(QLatin1String(AzureDefaults::TenantDomain)), m_entra->clientSecret());
    token = byDomain->token({ArmScope});
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY(token.result().ok());
}

void TestEntraEngineClients::clientSecretCredentialErrors_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret"); // empty: a wrong one
    QTest::addColumn<ServiceError::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("aadsts");
    QTest::addColumn<QString>("words");

    const QString tenant = QLatin1String(AzureDefaults::TenantId);
    const QString client = QLatin1String(AzureDefaults::ClientId);
    QTest::addRow("wrong secret") << tenant << client << QString() << ServiceError::Kind::Unauthorized
                                  << QStringLiteral("invalid_client") << QStringLiteral("AADSTS7000215")
                                  << QStringLiteral("client secret");
    QTest::addRow("unknown client") << tenant << QStringLiteral("00000000-0000-4000-8000-000000000001")
                                    << QStringLiteral("x") << ServiceError::Kind::NotConfigured
                                    << QStringLiteral("unauthorized_client") << QStringLiteral("AADSTS700016")
                                    << QStringLiteral("(client) ID was not found");
    QTest::addRow("unknown tenant") << QStringLiteral("nowhere.onmicrosoft.com") << client << QStringLiteral("x")
                                    << ServiceError::Kind::NotConfigured << QStringLiteral("invalid_request")
                                    << QStringLiteral("AADSTS90002") << QStringLiteral("tenant");
}

void TestEntraEngineClients::clientSecretCredentialErrors()
{
    QFETCH(QString, tenant);
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(ServiceError::Kind, kind);
    QFETCH(QString, code);
    QFETCH(QString, aadsts);
    QFETCH(QString, words);

    const QString sent = secret.isEmpty() ? QStringLiteral("Wrong8Q~secret-value-that-is-not-it-0123") : secret;
    auto credential = clientSecretCredential(authority(tenant, clientId), sent);
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    const Result<AccessToken> result = token.result();
    QVERIFY(!result.ok());
    const ServiceError &error = result.error();
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.code(), code);
    QVERIFY2(error.message().contains(words), qPrintable(error.message()));
    QVERIFY2(error.detail().contains(aadsts), qPrintable(error.detail()));
    if (secret.isEmpty()) {
        QVERIFY(!error.toString().contains(sent));
        QVERIFY(!error.detail().contains(sent));
    }
    QVERIFY(m_entra->issuedTokens().isEmpty());
}

void TestEntraEngineClients::deviceCodeSignIn()
{
    auto credential = deviceCodeCredential();
    QSignalSpy codes(credential.get(), &DeviceCodeCredential::userCodeReady);
    QSignalSpy signedIn(credential.get(), &DeviceCodeCredential::signedIn);
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QVERIFY(codes.wait(10000));
    const QString userCode = codes.at(0).at(0).toString();
    QCOMPARE(codes.at(0).at(1).toUrl(), QUrl(m_endpoint->url().toString() + QStringLiteral("/devicelogin")));
    QVERIFY(codes.at(0).at(2).toString().contains(userCode));
    const std::optional<EntraStandIn::DeviceCode> issued = m_entra->deviceCode(userCode);
    QVERIFY(issued);
    QCOMPARE(issued->scopes,
             (QStringList {ArmScope, QStringLiteral("offline_access"), QStringLiteral("openid"),
                           QStringLiteral("profile")}));

    // Pending on the first poll, then approved through the admin side.
    QVERIFY(pollAfter(5, userCode, 1));
    QVERIFY(credential->isWaitingForUser());
    QVERIFY(m_entra->approve(userCode).ok());
    QVERIFY(pollAfter(5, userCode, 1)); // an approved code's poll redeems it (and is not counted)
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    const Result<AccessToken> result = token.result();
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(m_entra->deviceCode(userCode)->status, EntraStandIn::DeviceCodeStatus::Redeemed);
    QCOMPARE(signedIn.size(), 1);
    QCOMPARE(credential->account(), QLatin1String(AzureDefaults::UserPrincipalName));

    const Result<EntraTokenClaims> claims = m_entra->validateAccessToken(result.value().token, ArmAudience);
    QVERIFY2(claims.ok(), qPrintable(claims.error().message()));
    QVERIFY(!claims.value().appOnly);
    QCOMPARE(claims.value().objectId, QLatin1String(AzureDefaults::UserObjectId));
    QCOMPARE(claims.value().scopes, QStringList {QStringLiteral("user_impersonation")});
}

void TestEntraEngineClients::deviceCodeHonoursSlowDown()
{
    EntraStandIn::Settings settings = m_entra->settings();
    settings.slowDownPolls = 1;
    m_entra->setSettings(settings);
    auto credential = deviceCodeCredential();
    QSignalSpy codes(credential.get(), &DeviceCodeCredential::userCodeReady);
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QVERIFY(codes.wait(10000));
    const QString userCode = codes.at(0).at(0).toString();

    QVERIFY(pollAfter(5, userCode, 1)); // slow_down: the credential now waits 10 s
    QCOMPARE(m_entra->deviceCode(userCode)->intervalSeconds, 10);
    QVERIFY(m_entra->approve(userCode).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_clock->pendingCount(), 1, 10000);
    QCOMPARE(m_clock->nextDueIn(), std::chrono::milliseconds(10000));
    m_clock->advance(std::chrono::seconds(9));
    QCOMPARE(m_clock->pendingCount(), 1); // not polled yet
    m_clock->advance(std::chrono::seconds(1));
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY2(token.result().ok(), qPrintable(token.result().error().toString()));
    // Polled after the longer interval: no second slow_down was needed.
    QCOMPARE(m_entra->deviceCode(userCode)->intervalSeconds, 10);
}

void TestEntraEngineClients::deviceCodeAutoApproved()
{
    EntraStandIn::Settings settings = m_entra->settings();
    settings.autoApproveAfterPolls = 2;
    m_entra->setSettings(settings);
    auto credential = deviceCodeCredential();
    QSignalSpy codes(credential.get(), &DeviceCodeCredential::userCodeReady);
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QVERIFY(codes.wait(10000));
    const QString userCode = codes.at(0).at(0).toString();
    QVERIFY(pollAfter(5, userCode, 1));
    QVERIFY(pollAfter(5, userCode, 2));
    QVERIFY(!token.isFinished());
    QVERIFY(pollAfter(5, userCode, 3));
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY2(token.result().ok(), qPrintable(token.result().error().toString()));
}

void TestEntraEngineClients::deviceCodeEnds_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<ServiceError::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("words");

    QTest::addRow("declined") << QStringLiteral("deny") << ServiceError::Kind::Canceled
                              << QStringLiteral("authorization_declined") << QStringLiteral("declined");
    QTest::addRow("expired") << QStringLiteral("expire") << ServiceError::Kind::Timeout
                             << QStringLiteral("expired_token") << QStringLiteral("expired");
}

void TestEntraEngineClients::deviceCodeEnds()
{
    QFETCH(QString, action);
    QFETCH(ServiceError::Kind, kind);
    QFETCH(QString, code);
    QFETCH(QString, words);

    auto credential = deviceCodeCredential();
    QSignalSpy codes(credential.get(), &DeviceCodeCredential::userCodeReady);
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QVERIFY(codes.wait(10000));
    const QString userCode = codes.at(0).at(0).toString();
    QVERIFY(pollAfter(5, userCode, 1));
    QVERIFY(action == QLatin1String("deny") ? m_entra->deny(userCode).ok() : m_entra->expire(userCode).ok());
    QVERIFY(pollAfter(5, userCode, 1));
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    const Result<AccessToken> result = token.result();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), kind);
    QCOMPARE(result.error().code(), code);
    QVERIFY2(result.error().message().contains(words), qPrintable(result.error().message()));
    QVERIFY(!credential->isWaitingForUser());
    QCOMPARE(m_clock->pendingCount(), 0); // no more polls
}

void TestEntraEngineClients::refreshTokenServesOtherScopes()
{
    InMemoryRefreshTokenStore store;
    auto credential = deviceCodeCredential(&store);
    QSignalSpy codes(credential.get(), &DeviceCodeCredential::userCodeReady);
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QVERIFY(codes.wait(10000));
    QVERIFY(m_entra->approve(codes.at(0).at(0).toString()).ok());
    QVERIFY(pollAfter(5, codes.at(0).at(0).toString(), 0));
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY(token.result().ok());
    const QString firstRefresh = store.current();
    QVERIFY(!firstRefresh.isEmpty());

    // Another scope: redeemed with the refresh token, no second device code.
    token = credential->token({LegacyArmScope});
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY2(token.result().ok(), qPrintable(token.result().error().toString()));
    QVERIFY(
        m_entra
            ->validateAccessToken(token.result().value().token, QStringLiteral("https://management.core.windows.net/"))
            .ok());
    QCOMPARE(codes.size(), 1);
    QCOMPARE(m_entra->deviceCodes().size(), 1);
    // The stand-in rotated the refresh token; the credential keeps (and stores) the new one and can use it.
    QVERIFY(store.current() != firstRefresh);
    credential->clearCache();
    token = credential->token({ArmScope});
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY2(token.result().ok(), qPrintable(token.result().error().toString()));
    QCOMPARE(codes.size(), 1);
    int redeemed = 0;
    for (const EntraStandIn::IssuedToken &issued : m_entra->issuedTokens())
        redeemed += issued.type == QLatin1String("refresh_token") && issued.redeemed ? 1 : 0;
    QCOMPARE(redeemed, 2);
}

void TestEntraEngineClients::storedRefreshTokenSignsInTheNextSession()
{
    InMemoryRefreshTokenStore store;
    {
        auto first = deviceCodeCredential(&store);
        QSignalSpy codes(first.get(), &DeviceCodeCredential::userCodeReady);
        QFuture<Result<AccessToken>> token = first->token({ArmScope});
        QVERIFY(codes.wait(10000));
        QVERIFY(m_entra->approve(codes.at(0).at(0).toString()).ok());
        QVERIFY(pollAfter(5, codes.at(0).at(0).toString(), 0));
        QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
        QVERIFY(token.result().ok());
    }
    // The next session, headless: the stored refresh token is enough.
    auto next = deviceCodeCredential(&store);
    next->setInteractive(false);
    QFuture<Result<AccessToken>> token = next->token({ArmScope});
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY2(token.result().ok(), qPrintable(token.result().error().toString()));
    QCOMPARE(m_entra->deviceCodes().size(), 1);
    QVERIFY(m_entra->validateAccessToken(token.result().value().token, ArmAudience).ok());
}

void TestEntraEngineClients::rejectedRefreshTokenStartsANewSignIn()
{
    InMemoryRefreshTokenStore store;
    auto credential = deviceCodeCredential(&store);
    QSignalSpy codes(credential.get(), &DeviceCodeCredential::userCodeReady);
    QFuture<Result<AccessToken>> token = credential->token({ArmScope});
    QVERIFY(codes.wait(10000));
    QVERIFY(m_entra->approve(codes.at(0).at(0).toString()).ok());
    QVERIFY(pollAfter(5, codes.at(0).at(0).toString(), 0));
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY(token.result().ok());

    // The stand-in forgets its refresh tokens (admin reset): invalid_grant, so the credential asks the user again.
    m_entra->reset();
    credential->clearCache();
    token = credential->token({ArmScope});
    QVERIFY(codes.wait(10000));
    QCOMPARE(codes.size(), 2);
    QCOMPARE(store.clearCount(), 1);
    QVERIFY(m_entra->approve(codes.at(1).at(0).toString()).ok());
    QVERIFY(pollAfter(5, codes.at(1).at(0).toString(), 0));
    QTRY_VERIFY_WITH_TIMEOUT(token.isFinished(), 10000);
    QVERIFY2(token.result().ok(), qPrintable(token.result().error().toString()));
    QVERIFY(!store.current().isEmpty());
}

QTEST_GUILESS_MAIN(TestEntraEngineClients)
#include "tst_entraengineclients.moc"
