#include "EntraAnswers.h"
#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"

#include "services/azure/DeviceCodeCredential.h"
#include "services/azure/InMemoryRefreshTokenStore.h"
#include "services/core/Clock.h"
#include "services/net/HttpTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;
using Kind = ServiceError::Kind;

namespace {

const QString kClientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
const QString kDeviceCodePath = QStringLiteral("/organizations/oauth2/v2.0/devicecode");
const QString kTokenPath = QStringLiteral("/organizations/oauth2/v2.0/token");
const QString kScope = QStringLiteral("https://management.azure.com/.default");
const QString kDeviceCode = QStringLiteral("DAQABAAEAAAD-device-code-secret");

QJsonObject deviceCodeAnswer(int expiresIn = 900, int interval = 5)
{
    return {{QStringLiteral("device_code"), kDeviceCode},
            {QStringLiteral("user_code"), QStringLiteral("FJ4K-9MZQ")},
            {QStringLiteral("verification_uri"), QStringLiteral("https://microsoft.com/devicelogin")},
            {QStringLiteral("expires_in"), expiresIn},
            {QStringLiteral("interval"), interval},
            {QStringLiteral("message"),
             QStringLiteral("To sign in, use a web browser to open the page "
                            "https://microsoft.com/devicelogin and enter the code FJ4K-9MZQ "
                            "to authenticate.")}};
}

QString idToken(const QString &username)
{
    const QByteArray header =
        QByteArray("{\"alg\":\"none\"}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray payload = QJsonDocument(QJsonObject {{QStringLiteral("preferred_username"), username},
                                                          {QStringLiteral("tid"), QStringLiteral("t1")}})
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QString::fromLatin1(header + '.' + payload + ".sig");
}

// A user's token answer also names the granted scope and, after an interactive sign-in, the user.
QJsonObject tokenAnswer(const QString &access, const QString &refresh, int expiresIn = 3599, const QString &user = {})
{
    QJsonObject answer = EntraAnswers::token(access, expiresIn, refresh);
    answer.insert(QStringLiteral("scope"), QStringLiteral("https://management.azure.com/user_impersonation"));
    if (!user.isEmpty())
        answer.insert(QStringLiteral("id_token"), idToken(user));
    return answer;
}

FakeNetworkAccessManager::Response pollError(const QString &error, int code = 0)
{
    return FakeNetworkAccessManager::json(400,
                                          EntraAnswers::error(error, QStringLiteral("AADSTS: %1").arg(error), code));
}

} // namespace

class TestDeviceCodeCredential : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pendingSlowDownThenSuccess();
    void expiredToken();
    void authorizationDeclined();
    void badVerificationCode();
    void expiresLocallyWithoutAnswer();
    void cancelStopsPolling();
    void storedRefreshTokenIsUsedAndRotated();
    void rejectedRefreshTokenFallsBackToDeviceCode();
    void nonInteractiveNeedsAStoredSignIn();
    void refreshFailureKeepsTheRefreshToken();
    void storeFailuresAreReportedButDoNotBreakSignIn();
    void signOutForgetsEverything();
    void deviceCodeRequestFailures();

private:
    DeviceCodeCredential *credential(RefreshTokenStore *store = nullptr);
    int tokenRequests() const { return int(m_nam->requestsTo("POST", kTokenPath).size()); }
    // Waits until the credential has scheduled its next poll, and returns in how long it is due.
    std::chrono::milliseconds nextPoll();

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    DeviceCodeCredential *m_credential = nullptr;
};

void TestDeviceCodeCredential::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
}

void TestDeviceCodeCredential::cleanup()
{
    delete m_credential;
    m_credential = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

DeviceCodeCredential *TestDeviceCodeCredential::credential(RefreshTokenStore *store)
{
    EntraAuthority authority;
    authority.clientId = kClientId;
    delete m_credential;
    m_credential = new DeviceCodeCredential(authority, m_nam, m_clock, store);
    m_credential->transport()->setRetryPolicy(RetryPolicy::none());
    return m_credential;
}

std::chrono::milliseconds TestDeviceCodeCredential::nextPoll()
{
    [&] { QTRY_COMPARE(m_clock->pendingCount(), 1); }();
    return m_clock->nextDueIn();
}

void TestDeviceCodeCredential::pendingSlowDownThenSuccess()
{
    InMemoryRefreshTokenStore store;
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("authorization_pending"), 70016));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("authorization_pending"), 70016));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("slow_down")));
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(200,
                                             tokenAnswer(QStringLiteral("ACCESS-1"), QStringLiteral("REFRESH-1"), 3599,
                                                         QStringLiteral("ada@contoso.com"))));
    credential(&store);
    QSignalSpy codes(m_credential, &DeviceCodeCredential::userCodeReady);
    QSignalSpy signedIn(m_credential, &DeviceCodeCredential::signedIn);

    auto future = m_credential->token({kScope});
    QTRY_COMPARE(codes.size(), 1);
    QCOMPARE(codes.at(0).at(0).toString(), QStringLiteral("FJ4K-9MZQ"));
    QCOMPARE(codes.at(0).at(1).toUrl(), QUrl(QStringLiteral("https://microsoft.com/devicelogin")));
    QVERIFY(codes.at(0).at(2).toString().contains(QStringLiteral("FJ4K-9MZQ")));
    QVERIFY(m_credential->isWaitingForUser());

    // The device authorization request: client id and scope (+ offline_access for a refresh token).
    const auto deviceRequests = m_nam->requestsTo("POST", kDeviceCodePath);
    QCOMPARE(deviceRequests.size(), 1);
    QCOMPARE(deviceRequests.first().header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(deviceRequests.first().body,
             QByteArray("client_id=11111111-2222-3333-4444-555555555555"
                        "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default%20offline_access%20openid%20profile"));

    // Polls every `interval` (5 s)…
    QCOMPARE(nextPoll(), 5000ms);
    m_clock->advance(4999ms);
    QCOMPARE(tokenRequests(), 0);
    m_clock->advance(1ms);
    QCOMPARE(tokenRequests(), 1);
    const auto poll = m_nam->requestsTo("POST", kTokenPath).first();
    QCOMPARE(poll.body,
             QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"
                        "&client_id=11111111-2222-3333-4444-555555555555"
                        "&device_code=DAQABAAEAAAD-device-code-secret"));

    QCOMPARE(nextPoll(), 5000ms); // authorization_pending: same interval
    m_clock->advance(5000ms);
    QCOMPARE(tokenRequests(), 2);
    QCOMPARE(nextPoll(), 5000ms);
    m_clock->advance(5000ms);
    QCOMPARE(tokenRequests(), 3);

    // …slow_down adds 5 s.
    QCOMPARE(nextPoll(), 10000ms);
    m_clock->advance(9999ms);
    QCOMPARE(tokenRequests(), 3);
    m_clock->advance(1ms);
    QCOMPARE(tokenRequests(), 4);

    const Result<AccessToken> token = awaitResult(future);
    QVERIFY2(token.ok(), qPrintable(token.error().toString()));
    QCOMPARE(token.value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(token.value().expiresOn, m_clock->nowUtc().addSecs(3599));
    QCOMPARE(signedIn.size(), 1);
    QCOMPARE(signedIn.at(0).at(0).toString(), QStringLiteral("ada@contoso.com"));
    QCOMPARE(m_credential->account(), QStringLiteral("ada@contoso.com"));
    QVERIFY(!m_credential->isWaitingForUser());
    QTRY_COMPARE(store.current(), QStringLiteral("REFRESH-1"));
    QCOMPARE(m_clock->pendingCount(), 0);

    // Cached afterwards.
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-1"));
    QCOMPARE(tokenRequests(), 4);
}

void TestDeviceCodeCredential::expiredToken()
{
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("expired_token"), 70020));
    auto future = credential()->token({kScope});
    m_clock->advance(nextPoll());
    const Result<AccessToken> token = awaitResult(future);
    QCOMPARE(token.error().kind(), Kind::Timeout);
    QCOMPARE(token.error().code(), QStringLiteral("expired_token"));
    QVERIFY(token.error().message().contains(QStringLiteral("Start the sign-in again")));
    QCOMPARE(m_clock->pendingCount(), 0);
    QCOMPARE(tokenRequests(), 1);
}

void TestDeviceCodeCredential::authorizationDeclined()
{
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("authorization_pending")));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("authorization_declined")));
    auto future = credential()->token({kScope});
    m_clock->advance(nextPoll());
    m_clock->advance(nextPoll());
    const Result<AccessToken> token = awaitResult(future);
    QCOMPARE(token.error().kind(), Kind::Canceled);
    QCOMPARE(token.error().code(), QStringLiteral("authorization_declined"));
    QVERIFY(token.error().message().contains(QStringLiteral("declined")));
    QCOMPARE(m_clock->pendingCount(), 0);
}

void TestDeviceCodeCredential::badVerificationCode()
{
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("bad_verification_code")));
    auto future = credential()->token({kScope});
    m_clock->advance(nextPoll());
    const Result<AccessToken> token = awaitResult(future);
    QCOMPARE(token.error().kind(), Kind::BadRequest);
    QCOMPARE(token.error().code(), QStringLiteral("bad_verification_code"));
    QVERIFY(!token.error().detail().contains(kDeviceCode));
}

void TestDeviceCodeCredential::expiresLocallyWithoutAnswer()
{
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer(10, 5)));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("authorization_pending")));
    auto future = credential()->token({kScope});
    m_clock->advance(nextPoll());
    QCOMPARE(tokenRequests(), 1);
    m_clock->advance(nextPoll()); // 10 s: the code has run out; no further request
    const Result<AccessToken> token = awaitResult(future);
    QCOMPARE(token.error().code(), QStringLiteral("expired_token"));
    QCOMPARE(tokenRequests(), 1);
}

void TestDeviceCodeCredential::cancelStopsPolling()
{
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("authorization_pending")));
    QSignalSpy codes(credential(), &DeviceCodeCredential::userCodeReady);
    auto future = m_credential->token({kScope});
    m_clock->advance(nextPoll());
    QCOMPARE(tokenRequests(), 1);
    QCOMPARE(nextPoll(), 5000ms);

    m_credential->cancel();
    const Result<AccessToken> token = awaitResult(future);
    QCOMPARE(token.error().kind(), Kind::Canceled);
    QVERIFY(!m_credential->isWaitingForUser());
    m_clock->advance(10min);
    QCoreApplication::processEvents();
    QCOMPARE(tokenRequests(), 1);

    // A new request starts a new sign-in.
    auto again = m_credential->token({kScope});
    QTRY_COMPARE(codes.size(), 2);
    m_credential->cancel();
    QCOMPARE(awaitResult(again).error().kind(), Kind::Canceled);
}

void TestDeviceCodeCredential::storedRefreshTokenIsUsedAndRotated()
{
    InMemoryRefreshTokenStore store(QStringLiteral("REFRESH-OLD"));
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(200,
                                             tokenAnswer(QStringLiteral("ACCESS-2"), QStringLiteral("REFRESH-NEW"),
                                                         3600, QStringLiteral("ada@contoso.com"))));
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(
                  200, tokenAnswer(QStringLiteral("ACCESS-3"), QStringLiteral("REFRESH-NEWER"), 3600)));
    QSignalSpy codes(credential(&store), &DeviceCodeCredential::userCodeReady);
    QSignalSpy signedIn(m_credential, &DeviceCodeCredential::signedIn);

    const Result<AccessToken> token = awaitResult(m_credential->token({kScope}));
    QVERIFY2(token.ok(), qPrintable(token.error().toString()));
    QCOMPARE(token.value().token, QStringLiteral("ACCESS-2"));
    QCOMPARE(store.loadCount(), 1);
    QCOMPARE(codes.size(), 0);
    QCOMPARE(signedIn.size(), 0); // no interactive sign-in happened
    QCOMPARE(m_credential->account(), QStringLiteral("ada@contoso.com"));
    QVERIFY(m_nam->requestsTo("POST", kDeviceCodePath).isEmpty());
    const QUrlQuery first(QString::fromLatin1(m_nam->requestsTo("POST", kTokenPath).at(0).body));
    QCOMPARE(first.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
    QCOMPARE(first.queryItemValue(QStringLiteral("client_id")), kClientId);
    QCOMPARE(first.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("REFRESH-OLD"));
    QCOMPARE(first.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             QStringLiteral("https://management.azure.com/.default offline_access openid profile"));
    QTRY_COMPARE(store.current(), QStringLiteral("REFRESH-NEW"));

    // Renewal a few minutes before expiry uses the rotated token (from memory, not the store).
    m_clock->advance(std::chrono::seconds(3600 - 299));
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-3"));
    const QUrlQuery second(QString::fromLatin1(m_nam->requestsTo("POST", kTokenPath).at(1).body));
    QCOMPARE(second.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("REFRESH-NEW"));
    QTRY_COMPARE(store.current(), QStringLiteral("REFRESH-NEWER"));
    QCOMPARE(store.loadCount(), 1);
    QCOMPARE(store.saveCount(), 2);
}

void TestDeviceCodeCredential::rejectedRefreshTokenFallsBackToDeviceCode()
{
    InMemoryRefreshTokenStore store(QStringLiteral("REFRESH-REVOKED"));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("invalid_grant"), 70008));
    m_nam->on(
        "POST", kTokenPath,
        FakeNetworkAccessManager::json(200, tokenAnswer(QStringLiteral("ACCESS-1"), QStringLiteral("REFRESH-1"))));
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    QSignalSpy codes(credential(&store), &DeviceCodeCredential::userCodeReady);
    auto future = m_credential->token({kScope});
    QTRY_COMPARE(codes.size(), 1);
    QCOMPARE(store.clearCount(), 1);
    m_clock->advance(nextPoll());
    QCOMPARE(awaitResult(future).value().token, QStringLiteral("ACCESS-1"));
    QTRY_COMPARE(store.current(), QStringLiteral("REFRESH-1"));
}

void TestDeviceCodeCredential::nonInteractiveNeedsAStoredSignIn()
{
    InMemoryRefreshTokenStore store;
    credential(&store)->setInteractive(false);
    Result<AccessToken> token = awaitResult(m_credential->token({kScope}));
    QCOMPARE(token.error().kind(), Kind::NotConfigured);
    QVERIFY(token.error().message().contains(QStringLiteral("not signed in")));
    QVERIFY(m_nam->requests().isEmpty());

    InMemoryRefreshTokenStore revoked(QStringLiteral("REFRESH-REVOKED"));
    m_nam->on("POST", kTokenPath, pollError(QStringLiteral("invalid_grant"), 70008));
    credential(&revoked)->setInteractive(false);
    token = awaitResult(m_credential->token({kScope}));
    QCOMPARE(token.error().kind(), Kind::Unauthorized);
    QCOMPARE(token.error().code(), QStringLiteral("invalid_grant"));
    QVERIFY(token.error().message().contains(QStringLiteral("Sign in again")));
    QVERIFY(m_nam->requestsTo("POST", kDeviceCodePath).isEmpty());
    QCOMPARE(revoked.current(), QString());
}

void TestDeviceCodeCredential::refreshFailureKeepsTheRefreshToken()
{
    // A transient failure (503 after retries) is an error, but the sign-in is not thrown away.
    InMemoryRefreshTokenStore store(QStringLiteral("REFRESH-OK"));
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(
                  503, QJsonObject {{QStringLiteral("error"), QStringLiteral("temporarily_unavailable")}}));
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(200, tokenAnswer(QStringLiteral("ACCESS-1"), QString())));
    credential(&store);
    Result<AccessToken> token = awaitResult(m_credential->token({kScope}));
    QCOMPARE(token.error().kind(), Kind::Unavailable);
    QCOMPARE(store.current(), QStringLiteral("REFRESH-OK"));
    QCOMPARE(awaitResult(m_credential->token({kScope})).value().token, QStringLiteral("ACCESS-1"));
    const QUrlQuery retry(QString::fromLatin1(m_nam->requestsTo("POST", kTokenPath).at(1).body));
    QCOMPARE(retry.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("REFRESH-OK"));
    QVERIFY(m_nam->requestsTo("POST", kDeviceCodePath).isEmpty());
}

void TestDeviceCodeCredential::storeFailuresAreReportedButDoNotBreakSignIn()
{
    InMemoryRefreshTokenStore store;
    store.setLoadError(ServiceError(Kind::Backend, QStringLiteral("The keychain is locked.")));
    store.setSaveError(ServiceError(Kind::Backend, QStringLiteral("The keychain is locked.")));
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    m_nam->on(
        "POST", kTokenPath,
        FakeNetworkAccessManager::json(200, tokenAnswer(QStringLiteral("ACCESS-1"), QStringLiteral("REFRESH-1"))));
    QSignalSpy storeFailures(credential(&store), &DeviceCodeCredential::refreshTokenStoreFailed);
    auto future = m_credential->token({kScope});
    m_clock->advance(nextPoll());
    QCOMPARE(awaitResult(future).value().token, QStringLiteral("ACCESS-1"));
    QTRY_COMPARE(storeFailures.size(), 2); // load and save
    QCOMPARE(storeFailures.at(0).at(0).value<ServiceError>().message(), QStringLiteral("The keychain is locked."));
}

void TestDeviceCodeCredential::signOutForgetsEverything()
{
    InMemoryRefreshTokenStore store(QStringLiteral("REFRESH-OLD"));
    m_nam->on("POST", kTokenPath,
              FakeNetworkAccessManager::json(200,
                                             tokenAnswer(QStringLiteral("ACCESS-2"), QStringLiteral("REFRESH-NEW"),
                                                         3600, QStringLiteral("ada@contoso.com"))));
    m_nam->on("POST", kDeviceCodePath, FakeNetworkAccessManager::json(200, deviceCodeAnswer()));
    QSignalSpy codes(credential(&store), &DeviceCodeCredential::userCodeReady);
    QVERIFY(awaitResult(m_credential->token({kScope})).ok());
    auto signOut = m_credential->signOut();
    QTRY_VERIFY(signOut.isFinished());
    QVERIFY(signOut.result().ok());
    QCOMPARE(store.current(), QString());
    QCOMPARE(m_credential->account(), QString());
    // The next token needs a new interactive sign-in.
    auto future = m_credential->token({kScope});
    QTRY_COMPARE(codes.size(), 1);
    m_credential->cancel();
    QCOMPARE(awaitResult(future).error().kind(), Kind::Canceled);
}

void TestDeviceCodeCredential::deviceCodeRequestFailures()
{
    m_nam->on("POST", kDeviceCodePath, pollError(QStringLiteral("unauthorized_client"), 700016));
    Result<AccessToken> token = awaitResult(credential()->token({kScope}));
    QCOMPARE(token.error().kind(), Kind::NotConfigured);
    QVERIFY(token.error().message().contains(QStringLiteral("client) ID")));
    QVERIFY(!m_credential->isWaitingForUser());

    m_nam->clearRoutes();
    m_nam->on("POST", kDeviceCodePath,
              FakeNetworkAccessManager::json(200, QJsonObject {{QStringLiteral("user_code"), QStringLiteral("X")}}));
    token = awaitResult(m_credential->token({kScope}));
    QCOMPARE(token.error().kind(), Kind::MalformedResponse);

    EntraAuthority noClient;
    DeviceCodeCredential unconfigured(noClient, m_nam, m_clock);
    token = awaitResult(unconfigured.token({kScope}));
    QCOMPARE(token.error().kind(), Kind::NotConfigured);
}

QTEST_GUILESS_MAIN(TestDeviceCodeCredential)
#include "tst_devicecodecredential.moc"
