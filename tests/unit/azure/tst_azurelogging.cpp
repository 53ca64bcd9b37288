#include "EntraAnswers.h"
#include "FakeNetworkAccessManager.h"
#include "LogCapture.h"

#include "services/azure/ArmClient.h"
#include "services/azure/ClientSecretCredential.h"
#include "services/azure/DeviceCodeCredential.h"
#include "services/azure/InMemoryRefreshTokenStore.h"
#include "services/core/Clock.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;

namespace {

const QString kClientSecret = QStringLiteral("cLiEnT~SeCrEt.9Q8+/zz");
const QString kAccessTokenSp = QStringLiteral("eyJ0eXAiOiJKV1Qi.SP-ACCESS-TOKEN.sig");
const QString kAccessTokenUser = QStringLiteral("eyJ0eXAiOiJKV1Qi.USER-ACCESS-TOKEN.sig");
const QString kAccessTokenRefreshed = QStringLiteral("eyJ0eXAiOiJKV1Qi.REFRESHED-ACCESS-TOKEN.sig");
const QString kRefreshToken = QStringLiteral("0.AXoA-FIRST-REFRESH-TOKEN");
const QString kRotatedRefreshToken = QStringLiteral("0.AXoA-ROTATED-REFRESH-TOKEN");
const QString kDeviceCode = QStringLiteral("DAQABAAEAAAD-SECRET-DEVICE-CODE");
const QString kPolicyKey = QStringLiteral("UG9saWN5S2V5U2VjcmV0VmFsdWU=");

} // namespace

// Every log line of the sign-in flows and of an ARM call, with debug output on, is free of secrets.
class TestAzureLogging : public QObject
{
    Q_OBJECT

private slots:
    void noSecretInAnyLogLine();
};

void TestAzureLogging::noSecretInAnyLogLine()
{
    LogCapture capture(QStringLiteral("*.debug=true"));
    FakeNetworkAccessManager nam;
    ManualClock clock;

    // Service principal: one failure whose description echoes the secret, then a success.
    EntraAuthority spAuthority;
    spAuthority.tenant = QStringLiteral("contoso.onmicrosoft.com");
    spAuthority.clientId = QStringLiteral("sp-client");
    nam.on("POST", QStringLiteral("/contoso.onmicrosoft.com/oauth2/v2.0/token"),
           FakeNetworkAccessManager::json(
               401,
               EntraAnswers::error(QStringLiteral("invalid_client"),
                                   QStringLiteral("AADSTS7000215: Invalid client secret provided: ") + kClientSecret,
                                   7000215)));
    nam.on("POST", QStringLiteral("/contoso.onmicrosoft.com/oauth2/v2.0/token"),
           FakeNetworkAccessManager::json(200, EntraAnswers::token(kAccessTokenSp)));
    ClientSecretCredential servicePrincipal(spAuthority, kClientSecret, &nam, &clock);
    auto failed = servicePrincipal.token({spAuthority.armScope});
    QTRY_VERIFY(failed.isFinished());
    QVERIFY(!failed.result().ok());
    const QString failure = failed.result().error().toString() + QLatin1Char(' ') + failed.result().error().detail();
    auto succeeded = servicePrincipal.token({spAuthority.armScope});
    QTRY_VERIFY(succeeded.isFinished());
    QVERIFY(succeeded.result().ok());

    // An ARM call with that token, fetching keys.
    ArmClient arm(&nam, &servicePrincipal, &clock);
    nam.on(
        "POST",
        QStringLiteral("/subscriptions/s1/resourcegroups/rg1/providers/Microsoft.Devices/IotHubs/hub1/listkeys"),
        FakeNetworkAccessManager::json(
            200,
            QJsonObject {{QStringLiteral("value"),
                          QJsonArray {QJsonObject {{QStringLiteral("keyName"), QStringLiteral("twinbridge")},
                                                   {QStringLiteral("primaryKey"), kPolicyKey},
                                                   {QStringLiteral("secondaryKey"), kPolicyKey},
                                                   {QStringLiteral("rights"), QStringLiteral("ServiceConnect")}}}}}));
    auto keys = arm.listIotHubKeys(QStringLiteral("s1"), QStringLiteral("rg1"), QStringLiteral("hub1"));
    QTRY_VERIFY(keys.isFinished());
    QVERIFY(keys.result().ok());

    // Device code: pending, then success with a refresh token; then a renewal that rotates it.
    EntraAuthority userAuthority;
    userAuthority.clientId = QStringLiteral("public-client");
    nam.on("POST", QStringLiteral("/organizations/oauth2/v2.0/devicecode"),
           FakeNetworkAccessManager::json(
               200,
               QJsonObject {{QStringLiteral("device_code"), kDeviceCode},
                            {QStringLiteral("user_code"), QStringLiteral("ABCD-1234")},
                            {QStringLiteral("verification_uri"), QStringLiteral("https://microsoft.com/devicelogin")},
                            {QStringLiteral("expires_in"), 900},
                            {QStringLiteral("interval"), 5},
                            {QStringLiteral("message"), QStringLiteral("Enter ABCD-1234")}}));
    nam.on("POST", QStringLiteral("/organizations/oauth2/v2.0/token"),
           FakeNetworkAccessManager::json(400,
                                          EntraAnswers::error(QStringLiteral("authorization_pending"),
                                                              QStringLiteral("pending for ") + kDeviceCode)));
    nam.on("POST", QStringLiteral("/organizations/oauth2/v2.0/token"),
           FakeNetworkAccessManager::json(200, EntraAnswers::token(kAccessTokenUser, 3600, kRefreshToken)));
    nam.on("POST", QStringLiteral("/organizations/oauth2/v2.0/token"),
           FakeNetworkAccessManager::json(200, EntraAnswers::token(kAccessTokenRefreshed, 3600, kRotatedRefreshToken)));
    InMemoryRefreshTokenStore store;
    DeviceCodeCredential user(userAuthority, &nam, &clock, &store);
    auto signIn = user.token({userAuthority.armScope});
    for (int i = 0; i < 2; ++i) {
        QTRY_COMPARE(clock.pendingCount(), 1);
        clock.advanceToNext();
    }
    QTRY_VERIFY(signIn.isFinished());
    QCOMPARE(signIn.result().value().token, kAccessTokenUser);
    clock.advance(3600s);
    auto renewed = user.token({userAuthority.armScope});
    QTRY_VERIFY(renewed.isFinished());
    QCOMPARE(renewed.result().value().token, kAccessTokenRefreshed);
    QTRY_COMPARE(store.current(), kRotatedRefreshToken);

    const QStringList log = capture.lines() + QStringList {failure};
    QVERIFY2(log.size() > 10, "logging was not captured");
    const QStringList secrets {kClientSecret, kAccessTokenSp,       kAccessTokenUser, kAccessTokenRefreshed,
                               kRefreshToken, kRotatedRefreshToken, kDeviceCode,      kPolicyKey};
    for (const QString &line : log) {
        for (const QString &secret : secrets)
            QVERIFY2(!line.contains(secret), qPrintable(QStringLiteral("secret in log line: ") + line));
    }
    // The user code is meant to be shown; logging the flow itself is fine.
    QVERIFY(std::any_of(log.cbegin(), log.cend(),
                        [](const QString &line) { return line.startsWith(QLatin1String("twinbridge.azure.auth")); }));
    QVERIFY(std::any_of(log.cbegin(), log.cend(),
                        [](const QString &line) { return line.startsWith(QLatin1String("twinbridge.http")); }));
}

QTEST_GUILESS_MAIN(TestAzureLogging)
#include "tst_azurelogging.moc"
