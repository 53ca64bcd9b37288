#include "EntraAnswers.h"
#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"

#include "services/azure/ClientSecretCredential.h"
#include "services/core/Clock.h"
#include "services/net/HttpTransport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;
using Kind = ServiceError::Kind;

Q_DECLARE_METATYPE(TwinBridge::ServiceError::Kind)

namespace {

const QString kTenant = QStringLiteral("contoso.onmicrosoft.com");
const QString kTokenPath = QStringLiteral("/contoso.onmicrosoft.com/oauth2/v2.0/token");
const QString kClientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
const QString kSecret = QStringLiteral("s3cr+t~Value.With/Slash");
const QString kScope = QStringLiteral("https://management.azure.com/.default");

} // namespace

class TestClientSecretCredential : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void success();
    void invalidClient();
    void invalidScope();
    void reusesCachedTokenAndRenewsBeforeExpiry();
    void shortLivedTokensAreStillCached();
    void concurrentRequestsShareOneAcquisition();
    void invalidateForcesANewToken();
    void needsASpecificTenantAndASecret();
    void failures_data();
    void failures();

private:
    ClientSecretCredential *credential(const QString &tenant = kTenant, const QString &secret = kSecret);

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    ClientSecretCredential *m_credential = nullptr;
};

void TestClientSecretCredential::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
}

void TestClientSecretCredential::cleanup()
{
    delete m_credential;
    m_credential = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

ClientSecretCredential *TestClientSecretCredential::credential(const QString &tenant, const QString &secret)
{
    EntraAuthority authority;
    authority.tenant = tenant;
    authority.clientId = kClientId;
    delete m_credential;
    m_credential = new ClientSecretCredential(authority, secret, m_nam, m_clock);
    m_credential->transport()->setRetryPolicy(RetryPolicy::none());
    return m_credential;
}

void TestClientSecretCredential::success()
{
    m_nam->on("POST", kTokenPath, FakeNetworkAccessManager::json(200, EntraAnswers::token(QStringLiteral("ACCESS-1"))));
    QSignalSpy acquired(credential(), &TokenCredential::tokenAcquired);
    const Result<AccessToken> token = awaitResult(m_credential->token({kScope}));
    QVERIFY2(token.ok(), qPrintable(token.error().toString()));
    QCOMPARE(token.value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(token.value().expiresOn, m_clock->nowUtc().addSecs(3599));
    QCOMPARE(token.value().scopes, QStringList {kScope});
    QCOMPARE(acquired.size(), 1);

    QCOMPARE(m_nam->requests().size(), 1);
    const auto &request = m_nam->requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.url.toString(),
             QStringLiteral("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(request.body,
             QByteArray("client_id=11111111-2222-3333-4444-555555555555"
                        "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default"
                        "&client_secret=s3cr%2Bt~Value.With%2FSlash"
                        "&grant_type=client_credentials"));
    // The form decodes back to exactly the secret ('+' must not turn into a space).
    const QUrlQuery form(QString::fromLatin1(request.body));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded), kSecret);
}

void TestClientSecretCredential::invalidClient()
{
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(
                  401,
                  EntraAnswers::error(QStringLiteral("invalid_client"),
                                      QStringLiteral("AADSTS7000215: Invalid client secret provided. Ensure the secret "
                                                     "being sent in the request is the client secret value, not the "
                                                     "client secret ID, for a secret added to app '%1'. (%2)")
                                          .arg(kClientId, kSecret),
                                      7000215)));
    const Result<AccessToken> token = awaitResult(credential()->token({kScope}));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind(), Kind::Unauthorized);
    QCOMPARE(token.error().code(), QStringLiteral("invalid_client"));
    QCOMPARE(token.error().httpStatus(), 401);
    QVERIFY(token.error().message().contains(QStringLiteral("client secret is wrong or has expired")));
    QVERIFY(token.error().detail().contains(QStringLiteral("AADSTS7000215")));
    QVERIFY(!token.error().detail().contains(kSecret));
    QVERIFY(!token.error().toString().contains(kSecret));
    QVERIFY(token.error().toString().startsWith(QStringLiteral("Could not sign in to Azure as a service principal")));
}

void TestClientSecretCredential::invalidScope()
{
    m_nam->on(
        "POST", kTokenPath,
        FakeNetworkAccessManager::json(
            400,
            EntraAnswers::error(QStringLiteral("invalid_scope"),
                                QStringLiteral("AADSTS70011: The provided value for the input parameter 'scope' is "
                                               "not valid."),
                                70011)));
    const Result<AccessToken> token =
        awaitResult(credential()->token({QStringLiteral("https://management.azure.com/user_impersonation")}));
    QCOMPARE(token.error().kind(), Kind::BadRequest);
    QCOMPARE(token.error().code(), QStringLiteral("invalid_scope"));
    QVERIFY(token.error().message().contains(QStringLiteral("scope")));
    QVERIFY(token.error().detail().contains(QStringLiteral("AADSTS70011")));
}

void TestClientSecretCredential::reusesCachedTokenAndRenewsBeforeExpiry()
{
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(200, EntraAnswers::token(QStringLiteral("ACCESS-1"), 3600)));
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(200, EntraAnswers::token(QStringLiteral("ACCESS-2"), 3600)));
    credential();
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(m_nam->requests().size(), 1);

    // Default margin: renewed 5 minutes before expiry.
    m_clock->advance(std::chrono::seconds(3600 - 301));
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(m_nam->requests().size(), 1);
    m_clock->advance(2s);
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-2"));
    QCOMPARE(m_nam->requests().size(), 2);

    // Another scope set is another cache entry.
    QCOMPARE(awaitResult(m_credential->token({QStringLiteral("https://iothubs.azure.net/.default")})).value().token,
             QStringLiteral("ACCESS-2"));
    QCOMPARE(m_nam->requests().size(), 3);
    QVERIFY(m_nam->requests().last().body.contains("scope=https%3A%2F%2Fiothubs.azure.net%2F.default"));
}

void TestClientSecretCredential::shortLivedTokensAreStillCached()
{
    // A token that lives less than twice the margin is renewed at half its lifetime, not on every call.
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(200, EntraAnswers::token(QStringLiteral("SHORT"), 240)));
    credential();
    QVERIFY(awaitResult(m_credential->token({kScope})).ok());
    m_clock->advance(119s);
    QVERIFY(awaitResult(m_credential->token({kScope})).ok());
    QCOMPARE(m_nam->requests().size(), 1);
    m_clock->advance(1s);
    QVERIFY(awaitResult(m_credential->token({kScope})).ok());
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestClientSecretCredential::concurrentRequestsShareOneAcquisition()
{
    m_nam->on("POST", kTokenPath, FakeNetworkAccessManager::json(200, EntraAnswers::token(QStringLiteral("ACCESS-1"))));
    credential();
    auto first = m_credential->token({kScope});
    auto second = m_credential->token({kScope, kScope}); // same set
    QCOMPARE(awaitResult(first).value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(awaitResult(second).value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(m_nam->requests().size(), 1);
}

void TestClientSecretCredential::invalidateForcesANewToken()
{
    m_nam->on("POST", kTokenPath, FakeNetworkAccessManager::json(200, EntraAnswers::token(QStringLiteral("ACCESS-1"))));
    m_nam->on("POST", kTokenPath, FakeNetworkAccessManager::json(200, EntraAnswers::token(QStringLiteral("ACCESS-2"))));
    credential();
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-1"));
    m_credential->invalidate({kScope});
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-2"));
}

void TestClientSecretCredential::needsASpecificTenantAndASecret()
{
    Result<AccessToken> token = awaitResult(credential(QStringLiteral("organizations"))->token({kScope}));
    QCOMPARE(token.error().kind(), Kind::InvalidInput);
    QVERIFY(token.error().message().contains(QStringLiteral("specific tenant")));
    token = awaitResult(credential(kTenant, QString())->token({kScope}));
    QCOMPARE(token.error().kind(), Kind::NotConfigured);
    QVERIFY(token.error().message().contains(QStringLiteral("client secret")));
    token = awaitResult(credential()->token({}));
    QCOMPARE(token.error().kind(), Kind::InvalidInput);
    QVERIFY(m_nam->requests().isEmpty());

    EntraAuthority noClient;
    noClient.tenant = kTenant;
    ClientSecretCredential withoutClientId(noClient, kSecret, m_nam, m_clock);
    token = awaitResult(withoutClientId.token({kScope}));
    QCOMPARE(token.error().kind(), Kind::NotConfigured);
    QVERIFY(m_nam->requests().isEmpty());
}

void TestClientSecretCredential::failures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("words");
    QTest::addRow("400 invalid_request") << 400
                                         << QByteArray(
                                                R"({"error":"invalid_request","error_description":"AADSTS900144"})")
                                         << Kind::BadRequest << "tenant, client ID";
    QTest::addRow("401 plain") << 401 << QByteArray("Unauthorized") << Kind::Unauthorized << "authority host";
    QTest::addRow("403 access_denied") << 403 << QByteArray(R"({"error":"access_denied"})") << Kind::Forbidden
                                       << "refused";
    QTest::addRow("404 html") << 404 << QByteArray("<html>not found</html>") << Kind::NotFound << "authority host";
    QTest::addRow("409") << 409 << QByteArray(R"({"error":"conflict"})") << Kind::Conflict << "refused";
    QTest::addRow("412") << 412 << QByteArray(R"({"error":"precondition"})") << Kind::PreconditionFailed << "refused";
    QTest::addRow("429") << 429 << QByteArray(R"({"error":"throttled"})") << Kind::Throttled << "throttling";
    QTest::addRow("500") << 500 << QByteArray(R"({"error":"server_error"})") << Kind::ServerError << "few minutes";
    QTest::addRow("200 malformed") << 200 << QByteArray("<html>proxy login</html>") << Kind::MalformedResponse
                                   << "does not understand";
    QTest::addRow("200 without token") << 200 << QByteArray(R"({"token_type":"Bearer","expires_in":3600})")
                                       << Kind::MalformedResponse << "does not understand";
}

void TestClientSecretCredential::failures()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, words);
    m_nam->on("POST", kTokenPath, FakeNetworkAccessManager::text(status, body, "application/json"));
    const Result<AccessToken> token = awaitResult(credential()->token({kScope}));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind(), kind);
    QVERIFY2(token.error().message().contains(words), qPrintable(token.error().message()));
    QVERIFY(!token.error().operation().isEmpty());
}

QTEST_GUILESS_MAIN(TestClientSecretCredential)
#include "tst_clientsecretcredential.moc"
