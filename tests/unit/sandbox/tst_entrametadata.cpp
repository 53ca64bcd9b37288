// What MSAL-based clients read from the Entra ID stand-in before they ask for a token: the tenant's OpenID
// metadata (by id, domain or alias; endpoints on the Host the client used, Entra's fixed issuer), the JSON Web Key
// Set with the signing key, instance discovery for clients that do not disable it, and the /devicelogin page that
// points at the admin API.

#include "EntraTestSupport.h"

using namespace EntraTest;

class TestEntraMetadata : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void openIdConfiguration_data();
    void openIdConfiguration();
    void unknownTenant_data();
    void unknownTenant();
    void keys();
    void instanceDiscovery();
    void deviceLoginPage();

private:
    std::unique_ptr<Fixture> m_f;
};

void TestEntraMetadata::init()
{
    m_f = std::make_unique<Fixture>();
}

void TestEntraMetadata::openIdConfiguration_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("base"); // of the endpoints
    QTest::addColumn<QString>("issuer");

    const QString id = tenantId();
    const QString issuer = QStringLiteral("https://login.microsoftonline.com/%1/v2.0").arg(id);
    QTest::addRow("tenant id") << id << QByteArray("127.0.0.1:4443") << QStringLiteral("https://127.0.0.1:4443/") + id
                               << issuer;
    QTest::addRow("tenant domain, real host")
        << QString::fromLatin1(AzureDefaults::TenantDomain) << QByteArray("login.microsoftonline.com")
        << QStringLiteral("https://login.microsoftonline.com/") + id << issuer;
    QTest::addRow("organizations") << QStringLiteral("organizations") << QByteArray("127.0.0.1:4443")
                                   << QStringLiteral("https://127.0.0.1:4443/organizations")
                                   << QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0");
    QTest::addRow("common") << QStringLiteral("Common") << QByteArray("127.0.0.1:4443")
                            << QStringLiteral("https://127.0.0.1:4443/common")
                            << QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0");
}

void TestEntraMetadata::openIdConfiguration()
{
    QFETCH(QString, tenant);
    QFETCH(QByteArray, host);
    QFETCH(QString, base);
    QFETCH(QString, issuer);

    const AzureEndpoint::Response response =
        m_f->send("GET", QStringLiteral("/%1/v2.0/.well-known/openid-configuration").arg(tenant), {},
                  {{QByteArray("Host"), host}});
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    const QJsonObject metadata = json(response);
    QCOMPARE(metadata.value(QStringLiteral("issuer")).toString(), issuer);
    // What MSAL needs with instance discovery disabled.
    QCOMPARE(metadata.value(QStringLiteral("token_endpoint")).toString(), base + QStringLiteral("/oauth2/v2.0/token"));
    QCOMPARE(metadata.value(QStringLiteral("device_authorization_endpoint")).toString(),
             base + QStringLiteral("/oauth2/v2.0/devicecode"));
    QCOMPARE(metadata.value(QStringLiteral("authorization_endpoint")).toString(),
             base + QStringLiteral("/oauth2/v2.0/authorize"));
    QCOMPARE(metadata.value(QStringLiteral("end_session_endpoint")).toString(),
             base + QStringLiteral("/oauth2/v2.0/logout"));
    QCOMPARE(metadata.value(QStringLiteral("jwks_uri")).toString(), base + QStringLiteral("/discovery/v2.0/keys"));
    QCOMPARE(metadata.value(QStringLiteral("id_token_signing_alg_values_supported")).toArray(),
             QJsonArray {QStringLiteral("RS256")});
    QVERIFY(metadata.value(QStringLiteral("token_endpoint_auth_methods_supported"))
                .toArray()
                .contains(QStringLiteral("client_secret_post")));
    QCOMPARE(metadata.value(QStringLiteral("cloud_instance_name")).toString(), QStringLiteral("microsoftonline.com"));
}

void TestEntraMetadata::unknownTenant_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("metadata") << QStringLiteral("/contoso.example/v2.0/.well-known/openid-configuration");
    QTest::addRow("keys") << QStringLiteral("/00000000-0000-4000-8000-000000000000/discovery/v2.0/keys");
}

void TestEntraMetadata::unknownTenant()
{
    QFETCH(QString, path);
    const AzureEndpoint::Response response = m_f->send("GET", path);
    QCOMPARE(response.status, 400);
    QCOMPARE(json(response).value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
    QCOMPARE(json(response).value(QStringLiteral("error_codes")).toArray(), QJsonArray {90002});
}

void TestEntraMetadata::keys()
{
    const AzureEndpoint::Response response =
        m_f->send("GET", QStringLiteral("/%1/discovery/v2.0/keys").arg(tenantId()));
    QCOMPARE(response.status, 200);
    const QJsonArray keys = json(response).value(QStringLiteral("keys")).toArray();
    QCOMPARE(keys.size(), 1);
    const QJsonObject key = keys.at(0).toObject();
    QCOMPARE(key.value(QStringLiteral("kty")).toString(), QStringLiteral("RSA"));
    QCOMPARE(key.value(QStringLiteral("use")).toString(), QStringLiteral("sig"));
    QCOMPARE(key.value(QStringLiteral("kid")).toString(), m_f->entra.signingKey().keyId());
    QCOMPARE(key.value(QStringLiteral("kid")).toString().size(), 27);
    QCOMPARE(key.value(QStringLiteral("e")).toString(), QStringLiteral("AQAB"));
    // 2048-bit modulus: 256 bytes, 342 base64url characters without padding.
    QCOMPARE(key.value(QStringLiteral("n")).toString().size(), 342);
    QCOMPARE(key.value(QStringLiteral("issuer")).toString(),
             QStringLiteral("https://login.microsoftonline.com/%1/v2.0").arg(tenantId()));
    // The tokens name this key.
    QCOMPARE(jwtHeader(json(m_f->clientCredentials()).value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("kid"))
                 .toString(),
             key.value(QStringLiteral("kid")).toString());
    QVERIFY(!response.body.contains("PRIVATE"));
    QVERIFY(!key.contains(QStringLiteral("d")));
}

void TestEntraMetadata::instanceDiscovery()
{
    const QString authorize = QString::fromLatin1(QUrl::toPercentEncoding(
        QStringLiteral("https://login.microsoftonline.com/%1/oauth2/v2.0/authorize").arg(tenantId())));
    const AzureEndpoint::Response response = m_f->send(
        "GET", QStringLiteral("/common/discovery/instance?api-version=1.1&authorization_endpoint=") + authorize);
    QCOMPARE(response.status, 200);
    const QJsonObject body = json(response);
    QCOMPARE(body.value(QStringLiteral("tenant_discovery_endpoint")).toString(),
             QStringLiteral("https://127.0.0.1:4443/%1/v2.0/.well-known/openid-configuration").arg(tenantId()));
    const QJsonObject metadata = body.value(QStringLiteral("metadata")).toArray().at(0).toObject();
    QCOMPARE(metadata.value(QStringLiteral("preferred_network")).toString(), QStringLiteral("127.0.0.1:4443"));
    QCOMPARE(metadata.value(QStringLiteral("aliases")).toArray(),
             (QJsonArray {QStringLiteral("127.0.0.1:4443"), QStringLiteral("login.microsoftonline.com")}));

    // Without a usable authorization endpoint: the common tenant.
    const QJsonObject fallback = json(m_f->send("GET", QStringLiteral("/common/discovery/instance?api-version=1.1")));
    QCOMPARE(fallback.value(QStringLiteral("tenant_discovery_endpoint")).toString(),
             QStringLiteral("https://127.0.0.1:4443/common/v2.0/.well-known/openid-configuration"));
}

void TestEntraMetadata::deviceLoginPage()
{
    m_f->entra.setAdminUrl(QUrl(QStringLiteral("http://127.0.0.1:9000/admin")));
    AzureEndpoint::Response response = m_f->send("GET", QStringLiteral("/devicelogin"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QVERIFY(response.body.contains("No device code is waiting."));
    QVERIFY(response.body.contains("curl -X POST http://127.0.0.1:9000/admin/entra/device-codes/ABCD-EFGH/approve"));

    const QString userCode = json(m_f->deviceCode(armScope())).value(QStringLiteral("user_code")).toString();
    response = m_f->send("GET", QStringLiteral("/devicelogin"));
    QVERIFY(response.body.contains(QByteArray("<code>" + userCode.toLatin1() + "</code>")));
    QVERIFY(!response.body.contains("No device code is waiting."));
    QVERIFY(m_f->entra.approve(userCode).ok());
    response = m_f->send("GET", QStringLiteral("/devicelogin"));
    QVERIFY(!response.body.contains(userCode.toLatin1()));
}

QTEST_GUILESS_MAIN(TestEntraMetadata)
#include "tst_entrametadata.moc"
