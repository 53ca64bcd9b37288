// The Entra ID part of the admin API through AdminRouter::dispatch (no sockets): the directory without secrets,
// settings (validation of every field, partial updates), device codes (list and filter, approve as the default or a
// named user, deny, expire, and their errors with status and code), issued tokens without values, and the "entra"
// reset action of POST /admin/reset.

#include "EntraTestSupport.h"

#include "sandbox/admin/AdminRouter.h"
#include "sandbox/admin/EntraAdminApi.h"

using namespace EntraTest;

class TestEntraAdminApi : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void directoryHasNoSecrets();
    void settingsRoundTrip();
    void settingsErrors_data();
    void settingsErrors();
    void approveDenyExpire();
    void deviceCodeErrors_data();
    void deviceCodeErrors();
    void listFilter();
    void tokensWithoutValues();
    void resetAction();

private:
    AdminRouter::Response call(const QByteArray &method, const QString &path, const QByteArray &body = {});
    QString newUserCode();

    std::unique_ptr<Fixture> m_f;
    std::unique_ptr<AdminRouter> m_router;
    std::unique_ptr<EntraAdminApi> m_api;
};

void TestEntraAdminApi::init()
{
    m_f = std::make_unique<Fixture>();
    m_router = std::make_unique<AdminRouter>();
    m_api = std::make_unique<EntraAdminApi>(&m_f->entra);
    m_api->registerRoutes(*m_router);
}

AdminRouter::Response TestEntraAdminApi::call(const QByteArray &method, const QString &path, const QByteArray &body)
{
    AdminRouter::Request request;
    request.method = method;
    request.path = path;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        request.path = path.left(question);
        request.query = QUrlQuery(path.mid(question + 1));
    }
    request.body = body;
    return m_router->dispatch(request);
}

QString TestEntraAdminApi::newUserCode()
{
    return json(m_f->deviceCode(armScope())).value(QStringLiteral("user_code")).toString();
}

namespace {

QJsonObject body(const AdminRouter::Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QString errorCode(const AdminRouter::Response &response)
{
    return body(response).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

} // namespace

void TestEntraAdminApi::directoryHasNoSecrets()
{
    const AdminRouter::Response response = call("GET", QStringLiteral("/admin/entra"));
    QCOMPARE(response.status, 200);
    const QJsonObject directory = body(response);
    QCOMPARE(
        directory.value(QStringLiteral("tenants")).toArray().at(0).toObject().value(QStringLiteral("id")).toString(),
        tenantId());
    const QJsonObject application = directory.value(QStringLiteral("applications")).toArray().at(0).toObject();
    QCOMPARE(application.value(QStringLiteral("clientId")).toString(), clientId());
    QCOMPARE(application.value(QStringLiteral("hasClientSecret")).toBool(), true);
    QCOMPARE(application.value(QStringLiteral("allowPublicClient")).toBool(), true);
    QCOMPARE(directory.value(QStringLiteral("users"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("userPrincipalName"))
                 .toString(),
             QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(directory.value(QStringLiteral("signingKeyId")).toString(), m_f->entra.signingKey().keyId());
    QVERIFY(!response.body.contains(m_f->entra.clientSecret().toUtf8()));
    QVERIFY(!response.body.contains("PRIVATE KEY"));
}

void TestEntraAdminApi::settingsRoundTrip()
{
    QCOMPARE(body(call("GET", QStringLiteral("/admin/entra/settings"))),
             (QJsonObject {{QStringLiteral("pollIntervalSeconds"), 5},
                           {QStringLiteral("deviceCodeLifetimeSeconds"), 900},
                           {QStringLiteral("accessTokenLifetimeSeconds"), 3599},
                           {QStringLiteral("autoApproveAfterPolls"), QJsonValue::Null},
                           {QStringLiteral("slowDownPolls"), 0}}));
    AdminRouter::Response response = call("POST", QStringLiteral("/admin/entra/settings"),
                                          R"({"pollIntervalSeconds": 1, "autoApproveAfterPolls": 2})");
    QCOMPARE(response.status, 200);
    QCOMPARE(body(response).value(QStringLiteral("pollIntervalSeconds")).toInt(), 1);
    QCOMPARE(body(response).value(QStringLiteral("deviceCodeLifetimeSeconds")).toInt(), 900); // left out: kept
    QCOMPARE(m_f->entra.settings().pollInterval, std::chrono::seconds(1));
    QCOMPARE(m_f->entra.settings().autoApproveAfterPolls, std::optional<int>(2));
    // The next device code uses them.
    QCOMPARE(json(m_f->deviceCode(armScope())).value(QStringLiteral("interval")).toInt(), 1);

    response = call("POST", QStringLiteral("/admin/entra/settings"),
                    R"({"autoApproveAfterPolls": null, "slowDownPolls": 3, "accessTokenLifetimeSeconds": 600,
                        "deviceCodeLifetimeSeconds": 60})");
    QCOMPARE(response.status, 200);
    QVERIFY(!m_f->entra.settings().autoApproveAfterPolls);
    QCOMPARE(m_f->entra.settings().slowDownPolls, 3);
    QCOMPARE(json(m_f->clientCredentials()).value(QStringLiteral("expires_in")).toInt(), 600);
    QCOMPARE(json(m_f->deviceCode(armScope())).value(QStringLiteral("expires_in")).toInt(), 60);
}

void TestEntraAdminApi::settingsErrors_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("words");

    QTest::addRow("empty object") << QByteArray("{}") << QStringLiteral("InvalidSettings")
                                  << QStringLiteral("at least one");
    QTest::addRow("not JSON") << QByteArray("{") << QString() << QString();
    QTest::addRow("unknown field") << QByteArray(R"({"pollInterval": 1})") << QStringLiteral("InvalidSettings")
                                   << QStringLiteral("pollInterval");
    QTest::addRow("interval 0") << QByteArray(R"({"pollIntervalSeconds": 0})") << QStringLiteral("InvalidSettings")
                                << QStringLiteral("pollIntervalSeconds");
    QTest::addRow("interval too long") << QByteArray(R"({"pollIntervalSeconds": 61})")
                                       << QStringLiteral("InvalidSettings") << QStringLiteral("pollIntervalSeconds");
    QTest::addRow("fractional") << QByteArray(R"({"deviceCodeLifetimeSeconds": 1.5})")
                                << QStringLiteral("InvalidSettings") << QStringLiteral("deviceCodeLifetimeSeconds");
    QTest::addRow("string") << QByteArray(R"({"slowDownPolls": "2"})") << QStringLiteral("InvalidSettings")
                            << QStringLiteral("slowDownPolls");
    QTest::addRow("token lifetime below a minute")
        << QByteArray(R"({"accessTokenLifetimeSeconds": 59})") << QStringLiteral("InvalidSettings")
        << QStringLiteral("accessTokenLifetimeSeconds");
    QTest::addRow("negative polls") << QByteArray(R"({"autoApproveAfterPolls": -1})")
                                    << QStringLiteral("InvalidSettings") << QStringLiteral("autoApproveAfterPolls");
}

void TestEntraAdminApi::settingsErrors()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, code);
    QFETCH(QString, words);
    const EntraStandIn::Settings before = m_f->entra.settings();
    const AdminRouter::Response response = call("POST", QStringLiteral("/admin/entra/settings"), request);
    QCOMPARE(response.status, 400);
    if (!code.isEmpty())
        QCOMPARE(errorCode(response), code);
    const QString message =
        body(response).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(words), qPrintable(message));
    QCOMPARE(m_f->entra.settings(), before); // nothing half-applied
}

void TestEntraAdminApi::approveDenyExpire()
{
    const QString first = newUserCode();
    AdminRouter::Response response = call("POST", QStringLiteral("/admin/entra/device-codes/%1/approve").arg(first));
    QCOMPARE(response.status, 200);
    QCOMPARE(body(response).value(QStringLiteral("status")).toString(), QStringLiteral("approved"));
    QCOMPARE(body(response).value(QStringLiteral("approvedBy")).toString(),
             QLatin1String(AzureDefaults::UserPrincipalName));
    QCOMPARE(body(response).value(QStringLiteral("userCode")).toString(), first);
    QVERIFY(!body(response).contains(QStringLiteral("deviceCode")));

    m_f->entra.addUser({QStringLiteral("88888888-8888-4888-8888-888888888888"), tenantId(),
                        QStringLiteral("second.user@twinbridgesandbox.onmicrosoft.com"),
                        QStringLiteral("Second User")});
    const QString second = newUserCode();
    response = call("POST", QStringLiteral("/admin/entra/device-codes/%1/approve").arg(second.toLower()),
                    R"({"userPrincipalName": "second.user@twinbridgesandbox.onmicrosoft.com"})");
    QCOMPARE(response.status, 200);
    QCOMPARE(body(response).value(QStringLiteral("approvedBy")).toString(),
             QStringLiteral("second.user@twinbridgesandbox.onmicrosoft.com"));

    const QString third = newUserCode();
    response = call("POST", QStringLiteral("/admin/entra/device-codes/%1/deny").arg(third));
    QCOMPARE(response.status, 200);
    QCOMPARE(body(response).value(QStringLiteral("status")).toString(), QStringLiteral("declined"));

    const QString fourth = newUserCode();
    response = call("POST", QStringLiteral("/admin/entra/device-codes/%1/expire").arg(fourth));
    QCOMPARE(response.status, 200);
    QCOMPARE(body(response).value(QStringLiteral("status")).toString(), QStringLiteral("expired"));
    QCOMPARE(body(response).value(QStringLiteral("expiresAt")).toString(), QStringLiteral("2026-01-01T00:00:00Z"));
}

void TestEntraAdminApi::deviceCodeErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // {code}: a pending code, {declined}: a declined one
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::addRow("unknown code") << QByteArray("POST") << QStringLiteral("/admin/entra/device-codes/BBBB-BBBB/approve")
                                  << QByteArray() << 404 << QStringLiteral("DeviceCodeNotFound");
    QTest::addRow("deny unknown") << QByteArray("POST") << QStringLiteral("/admin/entra/device-codes/BBBB-BBBB/deny")
                                  << QByteArray() << 404 << QStringLiteral("DeviceCodeNotFound");
    QTest::addRow("approve declined") << QByteArray("POST")
                                      << QStringLiteral("/admin/entra/device-codes/{declined}/approve") << QByteArray()
                                      << 409 << QStringLiteral("DeviceCodeNotPending");
    QTest::addRow("unknown user") << QByteArray("POST") << QStringLiteral("/admin/entra/device-codes/{code}/approve")
                                  << QByteArray(R"({"userPrincipalName": "nobody@example.com"})") << 400
                                  << QStringLiteral("UserNotFound");
    QTest::addRow("user not a string") << QByteArray("POST")
                                       << QStringLiteral("/admin/entra/device-codes/{code}/approve")
                                       << QByteArray(R"({"userPrincipalName": 7})") << 400
                                       << QStringLiteral("InvalidInput");
    QTest::addRow("GET approve") << QByteArray("GET") << QStringLiteral("/admin/entra/device-codes/{code}/approve")
                                 << QByteArray() << 405 << QString();
    QTest::addRow("bad status filter") << QByteArray("GET")
                                       << QStringLiteral("/admin/entra/device-codes?status=waiting") << QByteArray()
                                       << 400 << QStringLiteral("InvalidQuery");
}

void TestEntraAdminApi::deviceCodeErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString pending = newUserCode();
    const QString declined = newUserCode();
    QVERIFY(m_f->entra.deny(declined).ok());
    path.replace(QStringLiteral("{code}"), pending).replace(QStringLiteral("{declined}"), declined);
    const AdminRouter::Response response = call(method, path, request);
    QCOMPARE(response.status, status);
    if (!code.isEmpty())
        QCOMPARE(errorCode(response), code);
    QCOMPARE(m_f->entra.deviceCode(pending)->status, EntraStandIn::DeviceCodeStatus::Pending);
}

void TestEntraAdminApi::listFilter()
{
    const QString pending = newUserCode();
    const QString declined = newUserCode();
    QVERIFY(m_f->entra.deny(declined).ok());
    const QJsonArray all =
        body(call("GET", QStringLiteral("/admin/entra/device-codes"))).value(QStringLiteral("deviceCodes")).toArray();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).toObject().value(QStringLiteral("userCode")).toString(), pending);
    QCOMPARE(all.at(0).toObject().value(QStringLiteral("scopes")).toArray(), QJsonArray {armScope()});
    QCOMPARE(all.at(0).toObject().value(QStringLiteral("clientId")).toString(), clientId());
    QCOMPARE(all.at(0).toObject().value(QStringLiteral("intervalSeconds")).toInt(), 5);
    const QJsonArray waiting = body(call("GET", QStringLiteral("/admin/entra/device-codes?status=pending")))
                                   .value(QStringLiteral("deviceCodes"))
                                   .toArray();
    QCOMPARE(waiting.size(), 1);
    QCOMPARE(waiting.at(0).toObject().value(QStringLiteral("userCode")).toString(), pending);
}

void TestEntraAdminApi::tokensWithoutValues()
{
    const QJsonObject user = m_f->signIn();
    const QJsonObject app = json(m_f->clientCredentials());
    const AdminRouter::Response response = call("GET", QStringLiteral("/admin/entra/tokens"));
    QCOMPARE(response.status, 200);
    const QJsonArray tokens = body(response).value(QStringLiteral("tokens")).toArray();
    QCOMPARE(tokens.size(), 4);
    QCOMPARE(tokens.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("refresh_token"));
    QCOMPARE(tokens.at(1).toObject().value(QStringLiteral("redeemed")).toBool(), false);
    QVERIFY(!tokens.at(0).toObject().contains(QStringLiteral("redeemed")));
    QCOMPARE(tokens.at(3).toObject().value(QStringLiteral("grantType")).toString(),
             QStringLiteral("client_credentials"));
    for (const QString &value :
         {user.value(QStringLiteral("access_token")).toString(), user.value(QStringLiteral("refresh_token")).toString(),
          user.value(QStringLiteral("id_token")).toString(), app.value(QStringLiteral("access_token")).toString()}) {
        QVERIFY(!value.isEmpty());
        QVERIFY(!response.body.contains(value.toLatin1()));
    }
}

void TestEntraAdminApi::resetAction()
{
    QVERIFY(!m_f->signIn().isEmpty());
    QCOMPARE(call("POST", QStringLiteral("/admin/entra/settings"), R"({"slowDownPolls": 2})").status, 200);
    const AdminRouter::Response response = call("POST", QStringLiteral("/admin/reset"));
    QCOMPARE(response.status, 200);
    QVERIFY(body(response).value(QStringLiteral("reset")).toArray().contains(QStringLiteral("entra")));
    QVERIFY(body(call("GET", QStringLiteral("/admin/entra/device-codes")))
                .value(QStringLiteral("deviceCodes"))
                .toArray()
                .isEmpty());
    QVERIFY(
        body(call("GET", QStringLiteral("/admin/entra/tokens"))).value(QStringLiteral("tokens")).toArray().isEmpty());
    QCOMPARE(m_f->entra.settings().slowDownPolls, 0);
}

QTEST_GUILESS_MAIN(TestEntraAdminApi)
#include "tst_entraadminapi.moc"
