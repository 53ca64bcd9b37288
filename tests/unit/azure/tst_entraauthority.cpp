#include "services/azure/EntraAuthority.h"
#include "services/azure/EntraTokenClient.h"

#include <QTest>

using namespace TwinBridge;

Q_DECLARE_METATYPE(TwinBridge::EntraAuthority)

class TestEntraAuthority : public QObject
{
    Q_OBJECT

private slots:
    void defaultsArePublicCloudWithoutAClientId();
    void cloudPresets_data();
    void cloudPresets();
    void endpoints_data();
    void endpoints();
    void validate_data();
    void validate();
    void variantMapRoundTrip();
    void formEncoding_data();
    void formEncoding();
};

void TestEntraAuthority::defaultsArePublicCloudWithoutAClientId()
{
    const EntraAuthority authority;
    QCOMPARE(authority.authorityHost, QUrl(QStringLiteral("https://login.microsoftonline.com")));
    QCOMPARE(authority.armEndpoint, QUrl(QStringLiteral("https://management.azure.com")));
    QCOMPARE(authority.armScope, QStringLiteral("https://management.azure.com/.default"));
    QCOMPARE(authority.tenant, QStringLiteral("organizations"));
    // No Microsoft first-party client id is borrowed by default.
    QVERIFY(authority.clientId.isEmpty());
    QVERIFY(authority.clientId != EntraAuthority::azureCliClientId());
    const Status status = authority.validate();
    QCOMPARE(status.error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(status.error().message().contains(QStringLiteral("client) ID")));
    QVERIFY(authority.validate(false).ok());
}

void TestEntraAuthority::cloudPresets_data()
{
    QTest::addColumn<EntraAuthority>("authority");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("management");
    QTest::addColumn<QString>("scope");
    QTest::addRow("public") << EntraAuthority::publicCloud() << "https://login.microsoftonline.com"
                            << "https://management.azure.com"
                            << "https://management.azure.com/.default";
    QTest::addRow("us-gov") << EntraAuthority::usGovernment() << "https://login.microsoftonline.us"
                            << "https://management.usgovcloudapi.net"
                            << "https://management.usgovcloudapi.net/.default";
    QTest::addRow("china") << EntraAuthority::china() << "https://login.chinacloudapi.cn"
                           << "https://management.chinacloudapi.cn"
                           << "https://management.chinacloudapi.cn/.default";
}

void TestEntraAuthority::cloudPresets()
{
    QFETCH(EntraAuthority, authority);
    QFETCH(QString, login);
    QFETCH(QString, management);
    QFETCH(QString, scope);
    QCOMPARE(authority.authorityHost, QUrl(login));
    QCOMPARE(authority.armEndpoint, QUrl(management));
    QCOMPARE(authority.armScope, scope);
    QVERIFY(authority.tokenEndpoint().toString().startsWith(login + QStringLiteral("/organizations/")));
}

void TestEntraAuthority::endpoints_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("devicecode");
    QTest::addRow("guid")
        << "https://login.microsoftonline.com"
        << "72f988bf-86f1-41af-91ab-2d7cd011db47"
        << "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token"
        << "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/devicecode";
    QTest::addRow("trailing slash")
        << "https://login.microsoftonline.us/"
        << "contoso.onmicrosoft.com"
        << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"
        << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/devicecode";
    QTest::addRow("sandbox with port") << "https://127.0.0.1:8443"
                                       << "sandbox"
                                       << "https://127.0.0.1:8443/sandbox/oauth2/v2.0/token"
                                       << "https://127.0.0.1:8443/sandbox/oauth2/v2.0/devicecode";
}

void TestEntraAuthority::endpoints()
{
    QFETCH(QString, host);
    QFETCH(QString, tenant);
    QFETCH(QString, token);
    QFETCH(QString, devicecode);
    EntraAuthority authority;
    authority.authorityHost = QUrl(host);
    authority.tenant = tenant;
    QCOMPARE(authority.tokenEndpoint().toString(), token);
    QCOMPARE(authority.deviceCodeEndpoint().toString(), devicecode);
}

void TestEntraAuthority::validate_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("arm");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("words");
    const int none = int(ServiceError::Kind::None);
    const int invalid = int(ServiceError::Kind::InvalidInput);
    QTest::addRow("ok") << "https://login.microsoftonline.com"
                        << "organizations"
                        << "https://management.azure.com"
                        << "cid" << none << "";
    QTest::addRow("http loopback ok") << "http://127.0.0.1:9000"
                                      << "t"
                                      << "http://localhost:9001"
                                      << "cid" << none << "";
    QTest::addRow("http remote") << "http://login.example.com"
                                 << "t"
                                 << "https://management.azure.com"
                                 << "cid" << invalid << "authority";
    QTest::addRow("no host") << ""
                             << "t"
                             << "https://management.azure.com"
                             << "cid" << invalid << "authority";
    QTest::addRow("tenant with slash") << "https://login.microsoftonline.com"
                                       << "a/b"
                                       << "https://management.azure.com"
                                       << "cid" << invalid << "tenant";
    QTest::addRow("empty tenant") << "https://login.microsoftonline.com"
                                  << ""
                                  << "https://management.azure.com"
                                  << "cid" << invalid << "tenant";
    QTest::addRow("bad arm") << "https://login.microsoftonline.com"
                             << "t"
                             << "ftp://x"
                             << "cid" << invalid << "Resource Manager endpoint";
    QTest::addRow("no client id") << "https://login.microsoftonline.com"
                                  << "t"
                                  << "https://management.azure.com"
                                  << " " << int(ServiceError::Kind::NotConfigured) << "client) ID";
}

void TestEntraAuthority::validate()
{
    QFETCH(QString, host);
    QFETCH(QString, tenant);
    QFETCH(QString, arm);
    QFETCH(QString, clientId);
    QFETCH(int, kind);
    QFETCH(QString, words);
    EntraAuthority authority;
    authority.authorityHost = QUrl(host);
    authority.tenant = tenant;
    authority.armEndpoint = QUrl(arm);
    authority.clientId = clientId;
    const Status status = authority.validate();
    QCOMPARE(int(status.error().kind()), kind);
    QVERIFY2(status.error().message().contains(words), qPrintable(status.error().message()));
}

void TestEntraAuthority::variantMapRoundTrip()
{
    EntraAuthority authority = EntraAuthority::usGovernment();
    authority.tenant = QStringLiteral("contoso.onmicrosoft.us");
    authority.clientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    QCOMPARE(EntraAuthority::fromVariantMap(authority.toVariantMap()), authority);
    // Missing keys fall back to the defaults; the client id stays unset.
    const EntraAuthority partial = EntraAuthority::fromVariantMap({{QStringLiteral("tenant"), QStringLiteral("t1")}});
    QCOMPARE(partial.tenant, QStringLiteral("t1"));
    QCOMPARE(partial.armScope, EntraAuthority().armScope);
    QVERIFY(partial.clientId.isEmpty());
}

void TestEntraAuthority::formEncoding_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::addRow("scope") << "https://management.azure.com/.default offline_access"
                           << QByteArray("k=https%3A%2F%2Fmanagement.azure.com%2F.default%20offline_access");
    QTest::addRow("plus stays plus") << "a+b" << QByteArray("k=a%2Bb");
    QTest::addRow("unreserved") << "A-z_0.9~" << QByteArray("k=A-z_0.9~");
    QTest::addRow("ampersand and equals") << "x&y=z" << QByteArray("k=x%26y%3Dz");
    QTest::addRow("utf8") << QString::fromUtf8("ä") << QByteArray("k=%C3%A4");
    QTest::addRow("grant type urn") << "urn:ietf:params:oauth:grant-type:device_code"
                                    << QByteArray("k=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code");
}

void TestEntraAuthority::formEncoding()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    QCOMPARE(EntraTokenClient::encodeForm({{QStringLiteral("k"), value}}), encoded);
    QCOMPARE(EntraTokenClient::encodeForm(
                 {{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}}),
             QByteArray("a=1&b=2"));
}

QTEST_GUILESS_MAIN(TestEntraAuthority)
#include "tst_entraauthority.moc"
