// The Entra ID stand-in's grants without sockets (ManualClock): every error path of the token and device code
// endpoints with Entra's error body and AADSTS code, the device code states (pending, slow_down timing, approval,
// auto-approval, decline, expiry, redemption), client credentials, and refresh token rotation.

#include "EntraTestSupport.h"

#include <QRegularExpression>
#include <QUuid>

using namespace EntraTest;

namespace {

const QString PublicOnlyClient = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString ConfidentialOnlyClient = QStringLiteral("22222222-2222-4222-8222-222222222222");
const QString ConfidentialSecret = QStringLiteral("Abc8Q~confidential-secret-value_0123");
const QString OtherTenant = QStringLiteral("33333333-3333-4333-8333-333333333333");
const QString OtherTenantClient = QStringLiteral("44444444-4444-4444-8444-444444444444");
const QString DeviceCodeGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

void addTestDirectory(EntraStandIn &entra)
{
    entra.addApplication({PublicOnlyClient,
                          QStringLiteral("Public only"),
                          tenantId(),
                          true,
                          QString(),
                          QStringLiteral("55555555-5555-4555-8555-555555555555"),
                          {}});
    entra.addApplication({ConfidentialOnlyClient,
                          QStringLiteral("Confidential only"),
                          tenantId(),
                          false,
                          ConfidentialSecret,
                          QStringLiteral("66666666-6666-4666-8666-666666666666"),
                          {QStringLiteral("Deployments.Write")}});
    entra.addTenant({OtherTenant, QStringLiteral("other.onmicrosoft.com"), QStringLiteral("Other")});
    entra.addApplication({OtherTenantClient,
                          QStringLiteral("Elsewhere"),
                          OtherTenant,
                          true,
                          QString(),
                          QStringLiteral("77777777-7777-4777-8777-777777777777"),
                          {}});
    entra.addUser({QStringLiteral("88888888-8888-4888-8888-888888888888"), tenantId(),
                   QStringLiteral("second.user@twinbridgesandbox.onmicrosoft.com"), QStringLiteral("Second User")});
}

} // namespace

class TestEntraGrants : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void errors_data();
    void errors();
    void errorBodyIsEntras();
    void pollErrors_data();
    void pollErrors();

    void deviceCodeAnswer();
    void deviceCodeSignIn();
    void deviceCodeNamesTheApprovingUser();
    void deviceCodeShortGrantType();
    void deviceCodeOnTheOrganizationsAlias();
    void slowDownWhenPolledTooFast();
    void slowDownFault();
    void autoApprove_data();
    void autoApprove();
    void declined();
    void expiresAfterItsLifetime();
    void expiredThroughTheAdminSide();
    void adminSideErrors();

    void clientCredentials();
    void clientCredentialsWithBasicAuthAndRoles();
    void clientCredentialsForTheLegacyArmUri();
    void formDecoding();

    void refreshRotates();
    void refreshForAnotherResource();
    void refreshRejections();
    void refreshWithBadScopeKeepsTheToken();
    void openIdOnlyGivesAGraphToken();

    void issuedTokensWithoutValues();
    void resetForgetsEverythingButTheDirectory();

private:
    std::unique_ptr<Fixture> m_f;
};

void TestEntraGrants::init()
{
    m_f = std::make_unique<Fixture>();
    addTestDirectory(m_f->entra);
}

void TestEntraGrants::errors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // {tenant}
    QTest::addColumn<QString>("body"); // {client}, {secret}
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("code");

    const QString token = QStringLiteral("/{tenant}/oauth2/v2.0/token");
    const QString devicecode = QStringLiteral("/{tenant}/oauth2/v2.0/devicecode");
    const QString cc = QStringLiteral("grant_type=client_credentials&client_id={client}&client_secret={secret}&scope=");
    const QString arm = QStringLiteral("https%3A%2F%2Fmanagement.azure.com%2F.default");
    const QByteArray none;

    QTest::addRow("GET token") << QByteArray("GET") << token << QString() << none << 400
                               << QStringLiteral("invalid_request") << 900561;
    QTest::addRow("no grant_type") << QByteArray("POST") << token << QStringLiteral("client_id={client}") << none << 400
                                   << QStringLiteral("invalid_request") << 900144;
    QTest::addRow("password grant") << QByteArray("POST") << token
                                    << QStringLiteral("grant_type=password&client_id={client}") << none << 400
                                    << QStringLiteral("unsupported_grant_type") << 70003;
    QTest::addRow("no client_id") << QByteArray("POST") << token
                                  << QStringLiteral("grant_type=client_credentials&scope=") + arm << none << 400
                                  << QStringLiteral("invalid_request") << 900144;
    QTest::addRow("unknown tenant") << QByteArray("POST") << QStringLiteral("/nowhere.example/oauth2/v2.0/token")
                                    << cc + arm << none << 400 << QStringLiteral("invalid_request") << 90002;
    QTest::addRow("unknown client") << QByteArray("POST") << token
                                    << QStringLiteral("grant_type=client_credentials&client_id=00000000-0000-4000-8000-"
                                                      "000000000000&client_secret=x&scope=") +
            arm << none << 400 << QStringLiteral("unauthorized_client")
                                    << 700016;
    QTest::addRow("client of another tenant") << QByteArray("POST") << token
                                              << QStringLiteral("grant_type=client_credentials&client_id=") +
            OtherTenantClient + QStringLiteral("&client_secret=x&scope=") + arm
                                              << none << 400 << QStringLiteral("unauthorized_client") << 700016;
    QTest::addRow("consumers") << QByteArray("POST") << QStringLiteral("/consumers/oauth2/v2.0/token") << cc + arm
                               << none << 400 << QStringLiteral("invalid_request") << 9002332;
    QTest::addRow("client credentials on organizations")
        << QByteArray("POST") << QStringLiteral("/organizations/oauth2/v2.0/token") << cc + arm << none << 400
        << QStringLiteral("invalid_request") << 9001023;
    QTest::addRow("wrong secret") << QByteArray("POST") << token
                                  << QStringLiteral("grant_type=client_credentials&client_id={client}&client_secret="
                                                    "wrong&scope=") +
            arm << none << 401 << QStringLiteral("invalid_client")
                                  << 7000215;
    QTest::addRow("no secret") << QByteArray("POST") << token
                               << QStringLiteral("grant_type=client_credentials&client_id={client}&scope=") + arm
                               << none << 401 << QStringLiteral("invalid_client") << 7000218;
    QTest::addRow("secret of a public-only client (client credentials)")
        << QByteArray("POST") << token
        << QStringLiteral("grant_type=client_credentials&client_id=") + PublicOnlyClient +
            QStringLiteral("&client_secret=anything&scope=") + arm
        << none << 401 << QStringLiteral("invalid_client") << 7000215;
    QTest::addRow("not .default") << QByteArray("POST") << token
                                  << cc + QStringLiteral("https%3A%2F%2Fmanagement.azure.com%2Fuser_impersonation")
                                  << none << 400 << QStringLiteral("invalid_scope") << 1002012;
    QTest::addRow("openid with client credentials")
        << QByteArray("POST") << token << cc + arm + QStringLiteral("%20openid") << none << 400
        << QStringLiteral("invalid_scope") << 1002012;
    QTest::addRow("unknown resource") << QByteArray("POST") << token
                                      << cc + QStringLiteral("https%3A%2F%2Fvault.example.com%2F.default") << none
                                      << 400 << QStringLiteral("invalid_resource") << 500011;
    QTest::addRow("two resources") << QByteArray("POST") << token
                                   << cc + arm + QStringLiteral("%20https%3A%2F%2Fgraph.microsoft.com%2F.default")
                                   << none << 400 << QStringLiteral("invalid_scope") << 700022;
    QTest::addRow("no scope") << QByteArray("POST") << token << cc << none << 400 << QStringLiteral("invalid_request")
                              << 900144;
    QTest::addRow("Basic and body disagree")
        << QByteArray("POST") << token << cc + arm << QByteArray("Basic ") + QByteArray("someone:else").toBase64()
        << 400 << QStringLiteral("invalid_request") << 9002313;
    QTest::addRow("device code grant without device_code")
        << QByteArray("POST") << token
        << QStringLiteral("grant_type=") + DeviceCodeGrant + QStringLiteral("&client_id={client}") << none << 400
        << QStringLiteral("invalid_request") << 900144;
    QTest::addRow("unknown device code") << QByteArray("POST") << token
                                         << QStringLiteral("grant_type=") + DeviceCodeGrant +
            QStringLiteral("&client_id={client}&device_code=nope")
                                         << none << 400 << QStringLiteral("bad_verification_code") << 70018;
    QTest::addRow("public-only client presenting a secret")
        << QByteArray("POST") << token
        << QStringLiteral("grant_type=") + DeviceCodeGrant + QStringLiteral("&client_id=") + PublicOnlyClient +
            QStringLiteral("&client_secret=x&device_code=nope")
        << none << 401 << QStringLiteral("invalid_client") << 700025;
    QTest::addRow("confidential-only client without a secret")
        << QByteArray("POST") << token
        << QStringLiteral("grant_type=") + DeviceCodeGrant + QStringLiteral("&client_id=") + ConfidentialOnlyClient +
            QStringLiteral("&device_code=nope")
        << none << 401 << QStringLiteral("invalid_client") << 7000218;
    QTest::addRow("refresh without refresh_token")
        << QByteArray("POST") << token << QStringLiteral("grant_type=refresh_token&client_id={client}") << none << 400
        << QStringLiteral("invalid_request") << 900144;
    QTest::addRow("unknown refresh token")
        << QByteArray("POST") << token
        << QStringLiteral("grant_type=refresh_token&client_id={client}&refresh_token=1.abc") << none << 400
        << QStringLiteral("invalid_grant") << 70000;
    QTest::addRow("GET devicecode") << QByteArray("GET") << devicecode << QString() << none << 400
                                    << QStringLiteral("invalid_request") << 900561;
    QTest::addRow("devicecode without client_id") << QByteArray("POST") << devicecode << QStringLiteral("scope=") + arm
                                                  << none << 400 << QStringLiteral("invalid_request") << 900144;
    QTest::addRow("devicecode without scope")
        << QByteArray("POST") << devicecode << QStringLiteral("client_id={client}") << none << 400
        << QStringLiteral("invalid_request") << 900144;
    QTest::addRow("devicecode unknown permission")
        << QByteArray("POST") << devicecode
        << QStringLiteral("client_id={client}&scope=https%3A%2F%2Fmanagement.azure.com%2Fdelete_everything") << none
        << 400 << QStringLiteral("invalid_scope") << 70011;
    QTest::addRow("devicecode empty permission")
        << QByteArray("POST") << devicecode
        << QStringLiteral("client_id={client}&scope=https%3A%2F%2Fmanagement.azure.com%2F") << none << 400
        << QStringLiteral("invalid_scope") << 70011;
    QTest::addRow("devicecode unknown resource")
        << QByteArray("POST") << devicecode
        << QStringLiteral("client_id={client}&scope=api%3A%2F%2Funknown%2Fread%20offline_access") << none << 400
        << QStringLiteral("invalid_resource") << 500011;
    QTest::addRow("devicecode unknown tenant")
        << QByteArray("POST") << QStringLiteral("/00000000-0000-4000-8000-000000000000/oauth2/v2.0/devicecode")
        << QStringLiteral("client_id={client}&scope=") + arm << none << 400 << QStringLiteral("invalid_request")
        << 90002;
    QTest::addRow("devicecode unknown client")
        << QByteArray("POST") << devicecode << QStringLiteral("client_id=nobody&scope=") + arm << none << 400
        << QStringLiteral("unauthorized_client") << 700016;
}

void TestEntraGrants::errors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, body);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(int, code);

    path.replace(QStringLiteral("{tenant}"), tenantId());
    body.replace(QStringLiteral("{client}"), clientId());
    body.replace(QStringLiteral("{secret}"), QString::fromLatin1(QUrl::toPercentEncoding(m_f->entra.clientSecret())));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({QByteArray("Authorization"), authorization});
    const AzureEndpoint::Response response = m_f->send(method, path, body.toUtf8(), headers);
    QCOMPARE(response.status, status);
    const QJsonObject answer = json(response);
    QCOMPARE(answer.value(QStringLiteral("error")).toString(), error);
    QCOMPARE(answer.value(QStringLiteral("error_codes")).toArray(), QJsonArray {code});
    QVERIFY2(
        answer.value(QStringLiteral("error_description")).toString().startsWith(QStringLiteral("AADSTS%1: ").arg(code)),
        qPrintable(answer.value(QStringLiteral("error_description")).toString()));
    // Never the secret, whatever the error.
    QVERIFY(!response.body.contains(m_f->entra.clientSecret().toUtf8()));
}

void TestEntraGrants::errorBodyIsEntras()
{
    const QByteArray requestId("0f8fad5b-d9cb-469f-a165-70867728950e");
    m_f->clock.advance(std::chrono::seconds(3723)); // 2026-01-01 01:02:03
    const AzureEndpoint::Response response = m_f->token(
        {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
         {QStringLiteral("client_id"), clientId()},
         {QStringLiteral("client_secret"), QStringLiteral("wrong")},
         {QStringLiteral("scope"), armScope()}},
        tenantId(),
        {{QByteArray("client-request-id"), requestId}, {QByteArray("return-client-request-id"), QByteArray("true")}});
    QCOMPARE(response.status, 401);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store, no-cache"));
    QCOMPARE(response.header("Pragma"), QByteArray("no-cache"));
    QCOMPARE(response.header("client-request-id"), requestId);

    const QJsonObject body = json(response);
    QCOMPARE(QStringList(body.keys()),
             (QStringList {QStringLiteral("correlation_id"), QStringLiteral("error"), QStringLiteral("error_codes"),
                           QStringLiteral("error_description"), QStringLiteral("error_uri"),
                           QStringLiteral("timestamp"), QStringLiteral("trace_id")}));
    QCOMPARE(body.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-01-01 01:02:03Z"));
    QCOMPARE(body.value(QStringLiteral("correlation_id")).toString(), QString::fromLatin1(requestId));
    const QString traceId = body.value(QStringLiteral("trace_id")).toString();
    QVERIFY(!QUuid::fromString(traceId).isNull());
    QCOMPARE(response.header("x-ms-request-id"), traceId.toLatin1());
    QCOMPARE(body.value(QStringLiteral("error_uri")).toString(),
             QStringLiteral("https://login.microsoftonline.com/error?code=7000215"));
    const QString expected =
        QStringLiteral("AADSTS7000215: Invalid client secret provided. Ensure the secret being sent "
                       "in the request is the client secret value, not the client secret ID, for a "
                       "secret added to app '%1'.\r\nTrace ID: %2\r\nCorrelation ID: %3\r\n"
                       "Timestamp: 2026-01-01 01:02:03Z")
            .arg(clientId(), traceId, QString::fromLatin1(requestId));
    QCOMPARE(body.value(QStringLiteral("error_description")).toString(), expected);

    // Without a client-request-id the correlation id is a fresh GUID, and nothing is echoed.
    const AzureEndpoint::Response other = m_f->clientCredentials(armScope(), QStringLiteral("wrong"));
    QVERIFY(!QUuid::fromString(json(other).value(QStringLiteral("correlation_id")).toString()).isNull());
    QVERIFY(other.header("client-request-id").isEmpty());
}

void TestEntraGrants::pollErrors_data()
{
    // What one poll of the token endpoint answers in each state of a device code: the OAuth error, the AADSTS code
    // in error_codes, and the text of error_description before its "\r\nTrace ID: …" lines, as Entra writes them.
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("description");

    QTest::addRow("pending") << QStringLiteral("pending") << QStringLiteral("authorization_pending") << 70016
                             << QStringLiteral(
                                    "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    QTest::addRow("polled too fast")
        << QStringLiteral("too fast") << QStringLiteral("slow_down") << 70016
        << QStringLiteral("OAuth 2.0 device flow error. Authorization is pending. The client polled too often; wait at "
                          "least 10 seconds between requests.");
    QTest::addRow("slow_down fault")
        << QStringLiteral("fault") << QStringLiteral("slow_down") << 70016
        << QStringLiteral("OAuth 2.0 device flow error. Authorization is pending. The client polled too often; wait at "
                          "least 10 seconds between requests.");
    QTest::addRow("declined") << QStringLiteral("declined") << QStringLiteral("authorization_declined") << 70000
                              << QStringLiteral("The user declined the authorization request.");
    QTest::addRow("expired") << QStringLiteral("expired") << QStringLiteral("expired_token") << 70020
                             << QStringLiteral("The provided value for the input parameter 'device_code' is not valid. "
                                               "This device code has expired.");
    QTest::addRow("redeemed") << QStringLiteral("redeemed") << QStringLiteral("invalid_grant") << 70000
                              << QStringLiteral("Provided grant is invalid or malformed.");
    QTest::addRow("unknown") << QStringLiteral("unknown") << QStringLiteral("bad_verification_code") << 70018
                             << QStringLiteral("The provided value for the input parameter 'device_code' is not valid. "
                                               "The device code was not recognised.");
}

void TestEntraGrants::pollErrors()
{
    QFETCH(QString, state);
    QFETCH(QString, error);
    QFETCH(int, code);
    QFETCH(QString, description);

    if (state == QLatin1String("fault")) {
        EntraStandIn::Settings settings = m_f->entra.settings();
        settings.slowDownPolls = 1;
        m_f->entra.setSettings(settings);
    }
    const QJsonObject issued = json(m_f->deviceCode(armScope()));
    const QString userCode = issued.value(QStringLiteral("user_code")).toString();
    QString deviceCode = issued.value(QStringLiteral("device_code")).toString();
    QVERIFY(!deviceCode.isEmpty());
    if (state == QLatin1String("too fast")) {
        QCOMPARE(json(m_f->poll(deviceCode)).value(QStringLiteral("error")).toString(),
                 QStringLiteral("authorization_pending"));
        m_f->clock.advance(std::chrono::seconds(1));
    } else if (state == QLatin1String("declined")) {
        QVERIFY(m_f->entra.deny(userCode).ok());
    } else if (state == QLatin1String("expired")) {
        m_f->clock.advance(std::chrono::seconds(900));
    } else if (state == QLatin1String("redeemed")) {
        QVERIFY(m_f->entra.approve(userCode).ok());
        QCOMPARE(m_f->poll(deviceCode).status, 200);
        m_f->clock.advance(std::chrono::seconds(5));
    } else if (state == QLatin1String("unknown")) {
        deviceCode[deviceCode.size() / 2] =
            deviceCode.at(deviceCode.size() / 2) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    }

    const AzureEndpoint::Response response = m_f->poll(deviceCode);
    QCOMPARE(response.status, 400);
    const QJsonObject body = json(response);
    QCOMPARE(body.value(QStringLiteral("error")).toString(), error);
    QCOMPARE(body.value(QStringLiteral("error_codes")).toArray(), QJsonArray {code});
    const QString text = body.value(QStringLiteral("error_description")).toString();
    QCOMPARE(text.section(QStringLiteral("\r\n"), 0, 0), QStringLiteral("AADSTS%1: %2").arg(code).arg(description));
    QVERIFY2(text.contains(QStringLiteral("\r\nTrace ID: ") + body.value(QStringLiteral("trace_id")).toString()),
             qPrintable(text));
    QCOMPARE(body.value(QStringLiteral("error_uri")).toString(),
             QStringLiteral("https://login.microsoftonline.com/error?code=%1").arg(code));
    // The device code (a secret that redeems the sign-in) is never echoed.
    QVERIFY(!response.body.contains(deviceCode.toLatin1()));
}

void TestEntraGrants::deviceCodeAnswer()
{
    const AzureEndpoint::Response response = m_f->deviceCode(armScope() + QStringLiteral(" offline_access"));
    QCOMPARE(response.status, 200);
    const QJsonObject body = json(response);
    QCOMPARE(
        QStringList(body.keys()),
        (QStringList {QStringLiteral("device_code"), QStringLiteral("expires_in"), QStringLiteral("interval"),
                      QStringLiteral("message"), QStringLiteral("user_code"), QStringLiteral("verification_uri")}));
    const QString userCode = body.value(QStringLiteral("user_code")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$"))
                 .match(userCode)
                 .hasMatch(),
             qPrintable(userCode));
    QVERIFY(body.value(QStringLiteral("device_code")).toString().size() >= 100);
    QCOMPARE(body.value(QStringLiteral("verification_uri")).toString(),
             QStringLiteral("https://127.0.0.1:4443/devicelogin"));
    QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 900);
    QCOMPARE(body.value(QStringLiteral("interval")).toInt(), 5);
    QCOMPARE(
        body.value(QStringLiteral("message")).toString(),
        QStringLiteral("To sign in, use a web browser to open the page https://127.0.0.1:4443/devicelogin and enter "
                       "the code %1 to authenticate.")
            .arg(userCode));

    const std::optional<EntraStandIn::DeviceCode> code = m_f->entra.deviceCode(userCode);
    QVERIFY(code);
    QCOMPARE(code->status, EntraStandIn::DeviceCodeStatus::Pending);
    QCOMPARE(code->clientId, clientId());
    QCOMPARE(code->tenantId, tenantId());
    QCOMPARE(code->scopes, (QStringList {armScope(), QStringLiteral("offline_access")}));
    QCOMPARE(code->expiresAt, m_f->clock.nowUtc().addSecs(900));

    // The verification URI follows the Host the client used.
    const AzureEndpoint::Response viaRealHost =
        m_f->send("POST", QStringLiteral("/%1/oauth2/v2.0/devicecode").arg(tenantId()),
                  encode({{QStringLiteral("client_id"), clientId()}, {QStringLiteral("scope"), armScope()}}),
                  {{QByteArray("Host"), QByteArray("login.microsoftonline.com")}});
    QCOMPARE(json(viaRealHost).value(QStringLiteral("verification_uri")).toString(),
             QStringLiteral("https://login.microsoftonline.com/devicelogin"));
}

void TestEntraGrants::deviceCodeSignIn()
{
    const QJsonObject code = json(m_f->deviceCode(armScope() + QStringLiteral(" openid profile offline_access")));
    const QString deviceCode = code.value(QStringLiteral("device_code")).toString();
    const QString userCode = code.value(QStringLiteral("user_code")).toString();

    AzureEndpoint::Response response = m_f->poll(deviceCode);
    QCOMPARE(response.status, 400);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("authorization_pending"));
    QCOMPARE(json(response).value(QStringLiteral("error_codes")).toArray(), QJsonArray {70016});
    m_f->clock.advance(std::chrono::seconds(5));
    QCOMPARE(json(m_f->poll(deviceCode)).value(QStringLiteral("error")).toString(),
             QStringLiteral("authorization_pending"));

    // Approved as a user would type it: lower case, without the dash.
    const QString typed = userCode.toLower().remove(QLatin1Char('-'));
    const Result<EntraStandIn::DeviceCode> approved = m_f->entra.approve(typed);
    QVERIFY2(approved.ok(), qPrintable(approved.error().message()));
    QCOMPARE(approved.value().approvedBy, QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(approved.value().polls, 2);

    m_f->clock.advance(std::chrono::seconds(5));
    response = m_f->poll(deviceCode);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store, no-cache"));
    const QJsonObject tokens = json(response);
    QCOMPARE(tokens.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(tokens.value(QStringLiteral("expires_in")).toInt(), 3599);
    QCOMPARE(tokens.value(QStringLiteral("ext_expires_in")).toInt(), 3599);
    QCOMPARE(tokens.value(QStringLiteral("scope")).toString(),
             QStringLiteral("https://management.azure.com/user_impersonation https://management.azure.com/.default "
                            "openid profile offline_access"));
    QVERIFY(tokens.value(QStringLiteral("refresh_token")).toString().startsWith(QStringLiteral("1.")));

    const QString accessToken = tokens.value(QStringLiteral("access_token")).toString();
    const QJsonObject header = jwtHeader(accessToken);
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), m_f->entra.signingKey().keyId());
    const QJsonObject claims = jwtClaims(accessToken);
    const qint64 now = m_f->clock.nowUtc().toSecsSinceEpoch();
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://management.azure.com"));
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(),
             QStringLiteral("https://login.microsoftonline.com/%1/v2.0").arg(tenantId()));
    QCOMPARE(claims.value(QStringLiteral("tid")).toString(), tenantId());
    QCOMPARE(claims.value(QStringLiteral("oid")).toString(), QLatin1String(AzureDefaults::UserObjectId));
    QCOMPARE(claims.value(QStringLiteral("azp")).toString(), clientId());
    QCOMPARE(claims.value(QStringLiteral("azpacr")).toString(), QStringLiteral("0"));
    QCOMPARE(claims.value(QStringLiteral("scp")).toString(), QStringLiteral("user_impersonation"));
    QCOMPARE(claims.value(QStringLiteral("idtyp")).toString(), QStringLiteral("user"));
    QCOMPARE(claims.value(QStringLiteral("preferred_username")).toString(),
             QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(claims.value(QStringLiteral("ver")).toString(), QStringLiteral("2.0"));
    QCOMPARE(qint64(claims.value(QStringLiteral("iat")).toDouble()), now);
    QCOMPARE(qint64(claims.value(QStringLiteral("nbf")).toDouble()), now);
    QCOMPARE(qint64(claims.value(QStringLiteral("exp")).toDouble()), now + 3599);
    QCOMPARE(claims.value(QStringLiteral("uti")).toString().size(), 22);
    QVERIFY(!claims.value(QStringLiteral("sub")).toString().isEmpty());

    const QJsonObject idClaims = jwtClaims(tokens.value(QStringLiteral("id_token")).toString());
    QCOMPARE(idClaims.value(QStringLiteral("aud")).toString(), clientId());
    QCOMPARE(idClaims.value(QStringLiteral("preferred_username")).toString(),
             QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(idClaims.value(QStringLiteral("name")).toString(), QLatin1String(AzureDefaults::UserDisplayName));
    QCOMPARE(idClaims.value(QStringLiteral("sub")), claims.value(QStringLiteral("sub")));

    const QJsonObject clientInfo =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(tokens.value(QStringLiteral("client_info")).toString().toLatin1(),
                                   QByteArray::Base64UrlEncoding))
            .object();
    QCOMPARE(clientInfo.value(QStringLiteral("uid")).toString(), QLatin1String(AzureDefaults::UserObjectId));
    QCOMPARE(clientInfo.value(QStringLiteral("utid")).toString(), tenantId());

    QCOMPARE(m_f->entra.deviceCode(userCode)->status, EntraStandIn::DeviceCodeStatus::Redeemed);
    // A device code signs in once.
    m_f->clock.advance(std::chrono::seconds(5));
    response = m_f->poll(deviceCode);
    QCOMPARE(response.status, 400);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // … and only for its own client.
    const QJsonObject second = json(m_f->deviceCode(armScope()));
    QCOMPARE(json(m_f->poll(second.value(QStringLiteral("device_code")).toString(), PublicOnlyClient))
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("bad_verification_code"));
}

void TestEntraGrants::deviceCodeNamesTheApprovingUser()
{
    const QJsonObject code = json(m_f->deviceCode(armScope() + QStringLiteral(" openid")));
    const Result<EntraStandIn::DeviceCode> approved =
        m_f->entra.approve(code.value(QStringLiteral("user_code")).toString(),
                           QStringLiteral("SECOND.USER@twinbridgesandbox.onmicrosoft.com"));
    QVERIFY(approved.ok());
    const QJsonObject tokens = json(m_f->poll(code.value(QStringLiteral("device_code")).toString()));
    QCOMPARE(jwtClaims(tokens.value(QStringLiteral("access_token")).toString()).value(QStringLiteral("oid")).toString(),
             QStringLiteral("88888888-8888-4888-8888-888888888888"));
    QCOMPARE(jwtClaims(tokens.value(QStringLiteral("id_token")).toString()).value(QStringLiteral("name")).toString(),
             QStringLiteral("Second User"));
    // No offline_access: no refresh token.
    QVERIFY(!tokens.contains(QStringLiteral("refresh_token")));
}

void TestEntraGrants::deviceCodeShortGrantType()
{
    // MSAL sends grant_type=device_code.
    const QJsonObject code = json(m_f->deviceCode(armScope()));
    QVERIFY(m_f->entra.approve(code.value(QStringLiteral("user_code")).toString()).ok());
    const AzureEndpoint::Response response =
        m_f->token({{QStringLiteral("grant_type"), QStringLiteral("device_code")},
                    {QStringLiteral("client_id"), clientId()},
                    {QStringLiteral("device_code"), code.value(QStringLiteral("device_code")).toString()}});
    QCOMPARE(response.status, 200);
}

void TestEntraGrants::deviceCodeOnTheOrganizationsAlias()
{
    const QJsonObject code = json(m_f->deviceCode(armScope(), clientId(), QStringLiteral("organizations")));
    QVERIFY(m_f->entra.approve(code.value(QStringLiteral("user_code")).toString()).ok());
    const AzureEndpoint::Response response =
        m_f->poll(code.value(QStringLiteral("device_code")).toString(), clientId(), QStringLiteral("organizations"));
    QCOMPARE(response.status, 200);
    QCOMPARE(jwtClaims(json(response).value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("tid"))
                 .toString(),
             tenantId());
    // The domain names the tenant too.
    QCOMPARE(m_f->deviceCode(armScope(), clientId(), QLatin1String(AzureDefaults::TenantDomain)).status, 200);
}

void TestEntraGrants::slowDownWhenPolledTooFast()
{
    const QJsonObject code = json(m_f->deviceCode(armScope()));
    const QString deviceCode = code.value(QStringLiteral("device_code")).toString();
    const QString userCode = code.value(QStringLiteral("user_code")).toString();
    const auto error = [this, &deviceCode] {
        return json(m_f->poll(deviceCode)).value(QStringLiteral("error")).toString();
    };

    // The first poll may come at once (MSAL polls right after the code arrives).
    QCOMPARE(error(), QStringLiteral("authorization_pending"));
    m_f->clock.advance(std::chrono::seconds(2));
    QCOMPARE(error(), QStringLiteral("slow_down"));
    QCOMPARE(m_f->entra.deviceCode(userCode)->intervalSeconds, 10);
    // Coarse client timers: up to a tenth of the interval (at most 1 s) early still counts as waiting.
    m_f->clock.advance(std::chrono::milliseconds(9000));
    QCOMPARE(error(), QStringLiteral("authorization_pending"));
    m_f->clock.advance(std::chrono::milliseconds(8999));
    const QJsonObject slowDown = json(m_f->poll(deviceCode));
    QCOMPARE(slowDown.value(QStringLiteral("error")).toString(), QStringLiteral("slow_down"));
    QVERIFY(slowDown.value(QStringLiteral("error_description")).toString().contains(QStringLiteral("15 seconds")));
    QCOMPARE(m_f->entra.deviceCode(userCode)->intervalSeconds, 15);
    m_f->clock.advance(std::chrono::seconds(15));
    QCOMPARE(error(), QStringLiteral("authorization_pending"));
    QCOMPARE(m_f->entra.deviceCode(userCode)->polls, 5);
}

void TestEntraGrants::slowDownFault()
{
    EntraStandIn::Settings settings = m_f->entra.settings();
    settings.slowDownPolls = 2;
    m_f->entra.setSettings(settings);
    const QJsonObject code = json(m_f->deviceCode(armScope()));
    const QString deviceCode = code.value(QStringLiteral("device_code")).toString();
    const auto error = [this, &deviceCode] {
        return json(m_f->poll(deviceCode)).value(QStringLiteral("error")).toString();
    };
    QCOMPARE(error(), QStringLiteral("slow_down"));
    m_f->clock.advance(std::chrono::seconds(60));
    QCOMPARE(error(), QStringLiteral("slow_down"));
    m_f->clock.advance(std::chrono::seconds(60));
    QCOMPARE(error(), QStringLiteral("authorization_pending"));
    QCOMPARE(m_f->entra.settings().slowDownPolls, 0);
}

void TestEntraGrants::autoApprove_data()
{
    QTest::addColumn<int>("afterPolls");
    QTest::addRow("on the first poll") << 0;
    QTest::addRow("after two pending answers") << 2;
}

void TestEntraGrants::autoApprove()
{
    QFETCH(int, afterPolls);
    EntraStandIn::Settings settings = m_f->entra.settings();
    settings.autoApproveAfterPolls = afterPolls;
    settings.pollInterval = std::chrono::seconds(1);
    m_f->entra.setSettings(settings);
    const QJsonObject code = json(m_f->deviceCode(armScope()));
    QCOMPARE(code.value(QStringLiteral("interval")).toInt(), 1);
    const QString deviceCode = code.value(QStringLiteral("device_code")).toString();
    for (int i = 0; i < afterPolls; ++i) {
        QCOMPARE(json(m_f->poll(deviceCode)).value(QStringLiteral("error")).toString(),
                 QStringLiteral("authorization_pending"));
        m_f->clock.advance(std::chrono::seconds(1));
    }
    const AzureEndpoint::Response response = m_f->poll(deviceCode);
    QCOMPARE(response.status, 200);
    const EntraStandIn::DeviceCode state = *m_f->entra.deviceCode(code.value(QStringLiteral("user_code")).toString());
    QCOMPARE(state.status, EntraStandIn::DeviceCodeStatus::Redeemed);
    QCOMPARE(state.approvedBy, QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(state.polls, afterPolls + 1);
}

void TestEntraGrants::declined()
{
    const QJsonObject code = json(m_f->deviceCode(armScope()));
    const QString userCode = code.value(QStringLiteral("user_code")).toString();
    QVERIFY(m_f->entra.deny(userCode).ok());
    for (int i = 0; i < 2; ++i) {
        const AzureEndpoint::Response response = m_f->poll(code.value(QStringLiteral("device_code")).toString());
        QCOMPARE(response.status, 400);
        QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("authorization_declined"));
        m_f->clock.advance(std::chrono::seconds(5));
    }
    const Result<EntraStandIn::DeviceCode> late = m_f->entra.approve(userCode);
    QVERIFY(!late.ok());
    QCOMPARE(late.error().kind(), ServiceError::Kind::Conflict);
    QCOMPARE(late.error().code(), QStringLiteral("DeviceCodeNotPending"));
    QVERIFY(late.error().message().contains(QStringLiteral("declined")));
}

void TestEntraGrants::expiresAfterItsLifetime()
{
    EntraStandIn::Settings settings = m_f->entra.settings();
    settings.deviceCodeLifetime = std::chrono::seconds(30);
    m_f->entra.setSettings(settings);
    const QJsonObject code = json(m_f->deviceCode(armScope()));
    QCOMPARE(code.value(QStringLiteral("expires_in")).toInt(), 30);
    const QString userCode = code.value(QStringLiteral("user_code")).toString();
    m_f->clock.advance(std::chrono::milliseconds(29999));
    QCOMPARE(m_f->entra.deviceCode(userCode)->status, EntraStandIn::DeviceCodeStatus::Pending);
    m_f->clock.advance(std::chrono::milliseconds(1));
    QCOMPARE(m_f->entra.deviceCode(userCode)->status, EntraStandIn::DeviceCodeStatus::Expired);
    const AzureEndpoint::Response response = m_f->poll(code.value(QStringLiteral("device_code")).toString());
    QCOMPARE(response.status, 400);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("expired_token"));
    QCOMPARE(json(response).value(QStringLiteral("error_codes")).toArray(), QJsonArray {70020});
    QCOMPARE(m_f->entra.approve(userCode).error().code(), QStringLiteral("DeviceCodeNotPending"));

    // An approved code that was not redeemed in time expires too.
    const QJsonObject approved = json(m_f->deviceCode(armScope()));
    QVERIFY(m_f->entra.approve(approved.value(QStringLiteral("user_code")).toString()).ok());
    m_f->clock.advance(std::chrono::seconds(30));
    QCOMPARE(json(m_f->poll(approved.value(QStringLiteral("device_code")).toString()))
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("expired_token"));
}

void TestEntraGrants::expiredThroughTheAdminSide()
{
    const QJsonObject code = json(m_f->deviceCode(armScope()));
    const Result<EntraStandIn::DeviceCode> expired =
        m_f->entra.expire(code.value(QStringLiteral("user_code")).toString());
    QVERIFY(expired.ok());
    QCOMPARE(expired.value().status, EntraStandIn::DeviceCodeStatus::Expired);
    QCOMPARE(expired.value().expiresAt, m_f->clock.nowUtc());
    QCOMPARE(
        json(m_f->poll(code.value(QStringLiteral("device_code")).toString())).value(QStringLiteral("error")).toString(),
        QStringLiteral("expired_token"));
}

void TestEntraGrants::adminSideErrors()
{
    const Result<EntraStandIn::DeviceCode> unknown = m_f->entra.approve(QStringLiteral("BBBB-BBBB"));
    QCOMPARE(unknown.error().kind(), ServiceError::Kind::NotFound);
    QCOMPARE(unknown.error().code(), QStringLiteral("DeviceCodeNotFound"));
    QCOMPARE(m_f->entra.deny(QStringLiteral("nope")).error().code(), QStringLiteral("DeviceCodeNotFound"));
    QCOMPARE(m_f->entra.expire(QStringLiteral("nope")).error().code(), QStringLiteral("DeviceCodeNotFound"));

    const QJsonObject code = json(m_f->deviceCode(armScope()));
    const Result<EntraStandIn::DeviceCode> nobody =
        m_f->entra.approve(code.value(QStringLiteral("user_code")).toString(), QStringLiteral("nobody@example.com"));
    QCOMPARE(nobody.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(nobody.error().code(), QStringLiteral("UserNotFound"));
    QCOMPARE(m_f->entra.deviceCode(code.value(QStringLiteral("user_code")).toString())->status,
             EntraStandIn::DeviceCodeStatus::Pending);
}

void TestEntraGrants::clientCredentials()
{
    const AzureEndpoint::Response response = m_f->clientCredentials();
    QCOMPARE(response.status, 200);
    const QJsonObject body = json(response);
    QCOMPARE(QStringList(body.keys()),
             (QStringList {QStringLiteral("access_token"), QStringLiteral("expires_in"),
                           QStringLiteral("ext_expires_in"), QStringLiteral("token_type")}));
    QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 3599);
    const QJsonObject claims = jwtClaims(body.value(QStringLiteral("access_token")).toString());
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://management.azure.com"));
    QCOMPARE(claims.value(QStringLiteral("idtyp")).toString(), QStringLiteral("app"));
    QCOMPARE(claims.value(QStringLiteral("azpacr")).toString(), QStringLiteral("1"));
    QCOMPARE(claims.value(QStringLiteral("oid")).toString(), QLatin1String(AzureDefaults::ServicePrincipalObjectId));
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QLatin1String(AzureDefaults::ServicePrincipalObjectId));
    QCOMPARE(claims.value(QStringLiteral("tid")).toString(), tenantId());
    QVERIFY(!claims.contains(QStringLiteral("scp")));
    QVERIFY(!claims.contains(QStringLiteral("roles")));
    QVERIFY(!claims.contains(QStringLiteral("preferred_username")));
}

void TestEntraGrants::clientCredentialsWithBasicAuthAndRoles()
{
    // RFC 6749 §2.3.1: id and secret form-encoded, then base64 in the Basic header.
    const QByteArray basic =
        QUrl::toPercentEncoding(ConfidentialOnlyClient) + ':' + QUrl::toPercentEncoding(ConfidentialSecret);
    const AzureEndpoint::Response response = m_f->token(
        {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}, {QStringLiteral("scope"), armScope()}},
        QLatin1String(AzureDefaults::TenantDomain), {{QByteArray("Authorization"), "Basic " + basic.toBase64()}});
    QCOMPARE(response.status, 200);
    const QJsonObject claims = jwtClaims(json(response).value(QStringLiteral("access_token")).toString());
    QCOMPARE(claims.value(QStringLiteral("azp")).toString(), ConfidentialOnlyClient);
    QCOMPARE(claims.value(QStringLiteral("roles")).toArray(), QJsonArray {QStringLiteral("Deployments.Write")});
}

void TestEntraGrants::clientCredentialsForTheLegacyArmUri()
{
    // The Azure CLI's form: the resource with its trailing slash, hence the double slash.
    const AzureEndpoint::Response response =
        m_f->clientCredentials(QStringLiteral("https://management.core.windows.net//.default"));
    QCOMPARE(response.status, 200);
    QCOMPARE(jwtClaims(json(response).value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("aud"))
                 .toString(),
             QStringLiteral("https://management.core.windows.net/"));
    // The resource's app id works as its identifier too.
    QCOMPARE(
        m_f->clientCredentials(QLatin1String(AzureDefaults::ArmResourceAppId) + QStringLiteral("/.default")).status,
        200);
}

void TestEntraGrants::formDecoding()
{
    // A secret with '+' arrives as %2B; a '+' in the form is a space.
    const QString secret = QStringLiteral("Xy+8Q~with+plus/and=equals0123456789ab");
    m_f->entra.addApplication({QStringLiteral("99999999-9999-4999-8999-999999999999"),
                               QStringLiteral("Plus"),
                               tenantId(),
                               false,
                               secret,
                               QStringLiteral("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"),
                               {}});
    const QByteArray body =
        "grant_type=client_credentials&client_id=99999999-9999-4999-8999-999999999999&client_secret=" +
        QUrl::toPercentEncoding(secret) + "&scope=https://management.azure.com/.default";
    QCOMPARE(m_f->send("POST", QStringLiteral("/%1/oauth2/v2.0/token").arg(tenantId()), body).status, 200);

    const AzureEndpoint::Response code = m_f->send(
        "POST", QStringLiteral("/%1/oauth2/v2.0/devicecode").arg(tenantId()),
        "client_id=" + clientId().toLatin1() + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default+offline_access");
    QCOMPARE(code.status, 200);
    QCOMPARE(m_f->entra.deviceCode(json(code).value(QStringLiteral("user_code")).toString())->scopes,
             (QStringList {armScope(), QStringLiteral("offline_access")}));
}

void TestEntraGrants::refreshRotates()
{
    const QJsonObject first = m_f->signIn();
    const QString refresh1 = first.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!refresh1.isEmpty());

    m_f->clock.advance(std::chrono::minutes(10));
    AzureEndpoint::Response response = m_f->refresh(refresh1, armScope() + QStringLiteral(" openid offline_access"));
    QCOMPARE(response.status, 200);
    const QJsonObject second = json(response);
    const QString refresh2 = second.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!refresh2.isEmpty());
    QVERIFY(refresh2 != refresh1);
    const QJsonObject claims = jwtClaims(second.value(QStringLiteral("access_token")).toString());
    QCOMPARE(claims.value(QStringLiteral("oid")).toString(), QLatin1String(AzureDefaults::UserObjectId));
    QCOMPARE(qint64(claims.value(QStringLiteral("iat")).toDouble()), m_f->clock.nowUtc().toSecsSinceEpoch());
    QVERIFY(second.contains(QStringLiteral("id_token")));

    // The used token is spent; the new one works (without a scope: the first grant's).
    response = m_f->refresh(refresh1);
    QCOMPARE(response.status, 400);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(json(response).value(QStringLiteral("error_codes")).toArray(), QJsonArray {70000});
    response = m_f->refresh(refresh2);
    QCOMPARE(response.status, 200);
    QCOMPARE(jwtClaims(json(response).value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("aud"))
                 .toString(),
             QStringLiteral("https://management.azure.com"));
}

void TestEntraGrants::refreshForAnotherResource()
{
    const QString refresh = m_f->signIn().value(QStringLiteral("refresh_token")).toString();
    const AzureEndpoint::Response response = m_f->refresh(refresh, QStringLiteral("User.Read openid"));
    QCOMPARE(response.status, 200);
    const QJsonObject body = json(response);
    QCOMPARE(body.value(QStringLiteral("scope")).toString(), QStringLiteral("User.Read openid"));
    const QJsonObject claims = jwtClaims(body.value(QStringLiteral("access_token")).toString());
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("00000003-0000-0000-c000-000000000000"));
    QCOMPARE(claims.value(QStringLiteral("scp")).toString(), QStringLiteral("User.Read"));
}

void TestEntraGrants::refreshRejections()
{
    const QString refresh = m_f->signIn().value(QStringLiteral("refresh_token")).toString();
    // Another client cannot redeem it.
    AzureEndpoint::Response response = m_f->refresh(refresh, {}, PublicOnlyClient);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // Nor another tenant's endpoint.
    response = m_f->token({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                           {QStringLiteral("client_id"), OtherTenantClient},
                           {QStringLiteral("refresh_token"), refresh}},
                          OtherTenant);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // After 90 days it has expired.
    m_f->clock.advance(std::chrono::hours(24 * 90));
    response = m_f->refresh(refresh);
    QCOMPARE(response.status, 400);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(json(response).value(QStringLiteral("error_codes")).toArray(), QJsonArray {700082});
}

void TestEntraGrants::refreshWithBadScopeKeepsTheToken()
{
    const QString refresh = m_f->signIn().value(QStringLiteral("refresh_token")).toString();
    QCOMPARE(json(m_f->refresh(refresh, QStringLiteral("https://vault.example.com/.default")))
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_resource"));
    QCOMPARE(m_f->refresh(refresh).status, 200);
}

void TestEntraGrants::openIdOnlyGivesAGraphToken()
{
    const QJsonObject tokens = m_f->signIn(QStringLiteral("openid profile"));
    QVERIFY(!tokens.isEmpty());
    QCOMPARE(jwtClaims(tokens.value(QStringLiteral("access_token")).toString()).value(QStringLiteral("aud")).toString(),
             QStringLiteral("00000003-0000-0000-c000-000000000000"));
    QVERIFY(tokens.contains(QStringLiteral("id_token")));
    QVERIFY(!tokens.contains(QStringLiteral("refresh_token")));
}

void TestEntraGrants::issuedTokensWithoutValues()
{
    const QJsonObject user = m_f->signIn();
    const QJsonObject app = json(m_f->clientCredentials());
    const QList<EntraStandIn::IssuedToken> issued = m_f->entra.issuedTokens();
    QCOMPARE(issued.size(), 4); // access, refresh, id; app access
    QCOMPARE(issued.at(0).type, QStringLiteral("access_token"));
    QCOMPARE(issued.at(0).id,
             jwtClaims(user.value(QStringLiteral("access_token")).toString()).value(QStringLiteral("uti")).toString());
    QCOMPARE(issued.at(0).grantType, QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
    QCOMPARE(issued.at(0).subject, QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(issued.at(0).audience, QStringLiteral("https://management.azure.com"));
    QCOMPARE(issued.at(1).type, QStringLiteral("refresh_token"));
    QCOMPARE(issued.at(2).type, QStringLiteral("id_token"));
    QCOMPARE(issued.at(3).grantType, QStringLiteral("client_credentials"));
    QCOMPARE(issued.at(3).subject, QLatin1String(AzureDefaults::ServicePrincipalObjectId));
    for (const EntraStandIn::IssuedToken &token : issued) {
        for (const QString &value : {user.value(QStringLiteral("access_token")).toString(),
                                     user.value(QStringLiteral("refresh_token")).toString(),
                                     app.value(QStringLiteral("access_token")).toString()}) {
            QVERIFY(token.id != value && !token.scopes.contains(value));
        }
    }
    QVERIFY(!issued.at(1).redeemed);
    QCOMPARE(m_f->refresh(user.value(QStringLiteral("refresh_token")).toString()).status, 200);
    QVERIFY(m_f->entra.issuedTokens().at(1).redeemed);
}

void TestEntraGrants::resetForgetsEverythingButTheDirectory()
{
    EntraStandIn::Settings defaults;
    defaults.pollInterval = std::chrono::seconds(1);
    m_f->entra.setDefaultSettings(defaults);
    EntraStandIn::Settings changed = defaults;
    changed.autoApproveAfterPolls = 3;
    m_f->entra.setSettings(changed);
    const QString secret = m_f->entra.clientSecret();
    const QString keyId = m_f->entra.signingKey().keyId();
    const QString refresh = m_f->signIn().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!m_f->entra.deviceCodes().isEmpty());

    m_f->entra.reset();
    QVERIFY(m_f->entra.deviceCodes().isEmpty());
    QVERIFY(m_f->entra.issuedTokens().isEmpty());
    QCOMPARE(m_f->entra.settings(), defaults);
    QCOMPARE(json(m_f->refresh(refresh)).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(m_f->entra.clientSecret(), secret);
    QCOMPARE(m_f->entra.signingKey().keyId(), keyId);
    QCOMPARE(m_f->clientCredentials().status, 200);
}

QTEST_GUILESS_MAIN(TestEntraGrants)
#include "tst_entragrants.moc"
