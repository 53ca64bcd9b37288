// AzureEndpoint without sockets: patterns with {name} segments (decoded, literal segments without regard to case),
// any-method routes, 405 with Allow, prefixes (longest first) for the ARM stand-in, the fallback, 404 and 400
// in ARM's CloudError shape, and the base URL taken from the Host header.

#include "sandbox/azure/AzureEndpoint.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

AzureEndpoint::Request request(const QByteArray &method, const QString &path, const QByteArray &host = {})
{
    AzureEndpoint::Request r;
    r.method = method;
    r.encodedPath = path;
    if (!host.isEmpty())
        r.headers.append({QByteArray("Host"), host});
    return r;
}

AzureEndpoint::Handler answer(const QString &name)
{
    return [name](const AzureEndpoint::Request &r) {
        QJsonObject arguments;
        for (auto it = r.arguments.begin(); it != r.arguments.end(); ++it)
            arguments.insert(it.key(), it.value());
        return AzureEndpoint::Response::json(QJsonObject {{QStringLiteral("handler"), name},
                                                          {QStringLiteral("arguments"), arguments},
                                                          {QStringLiteral("base"), r.baseUrl.toString()}});
    };
}

QJsonObject body(const AzureEndpoint::Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

} // namespace

class TestAzureEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void routes_data();
    void routes();
    void wrongMethodIs405WithAllow();
    void unknownPathIs404CloudError();
    void brokenEncodingIs400();
    void prefixesLongestFirstThenFallback();
    void baseUrlFromHost_data();
    void baseUrlFromHost();
    void requestHandledSignal();

private:
    std::unique_ptr<AzureEndpoint> m_endpoint;
};

void TestAzureEndpoint::init()
{
    m_endpoint = std::make_unique<AzureEndpoint>();
    m_endpoint->addRoute("*", QStringLiteral("/{tenant}/oauth2/v2.0/token"), answer(QStringLiteral("token")));
    m_endpoint->addRoute("GET", QStringLiteral("/{tenant}/v2.0/.well-known/openid-configuration"),
                         answer(QStringLiteral("metadata")));
    m_endpoint->addRoute("GET", QStringLiteral("/devicelogin"), answer(QStringLiteral("page")));
    m_endpoint->addRoute("PUT", QStringLiteral("/items/{id}"), answer(QStringLiteral("put-item")));
    m_endpoint->addRoute("DELETE", QStringLiteral("/items/{id}"), answer(QStringLiteral("delete-item")));
}

void TestAzureEndpoint::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("argument");

    QTest::addRow("token, any method") << QByteArray("GET") << QStringLiteral("/t1/oauth2/v2.0/token")
                                       << QStringLiteral("token") << QStringLiteral("tenant=t1");
    QTest::addRow("token POST") << QByteArray("POST") << QStringLiteral("/t1/oauth2/v2.0/token")
                                << QStringLiteral("token") << QStringLiteral("tenant=t1");
    QTest::addRow("literal segments ignore case") << QByteArray("POST") << QStringLiteral("/t1/OAuth2/V2.0/Token")
                                                  << QStringLiteral("token") << QStringLiteral("tenant=t1");
    QTest::addRow("argument is decoded") << QByteArray("PUT") << QStringLiteral("/items/a%20b%2Fc")
                                         << QStringLiteral("put-item") << QStringLiteral("id=a b/c");
    QTest::addRow("empty segments dropped")
        << QByteArray("GET") << QStringLiteral("//devicelogin/") << QStringLiteral("page") << QString();
    QTest::addRow("metadata") << QByteArray("GET")
                              << QStringLiteral("/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration")
                              << QStringLiteral("metadata") << QStringLiteral("tenant=contoso.onmicrosoft.com");
    QTest::addRow("second method of a pattern") << QByteArray("delete") << QStringLiteral("/items/x")
                                                << QStringLiteral("delete-item") << QStringLiteral("id=x");
}

void TestAzureEndpoint::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, handler);
    QFETCH(QString, argument);
    const AzureEndpoint::Response response = m_endpoint->handle(request(method, path));
    QCOMPARE(response.status, 200);
    QCOMPARE(body(response).value(QStringLiteral("handler")).toString(), handler);
    if (!argument.isEmpty()) {
        const QString name = argument.section(QLatin1Char('='), 0, 0);
        QCOMPARE(body(response).value(QStringLiteral("arguments")).toObject().value(name).toString(),
                 argument.section(QLatin1Char('='), 1));
    }
}

void TestAzureEndpoint::wrongMethodIs405WithAllow()
{
    const AzureEndpoint::Response response = m_endpoint->handle(request("GET", QStringLiteral("/items/x")));
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("allow"), QByteArray("PUT, DELETE"));
    const QJsonObject error = body(response).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("MethodNotAllowed"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("PUT, DELETE")));
}

void TestAzureEndpoint::unknownPathIs404CloudError()
{
    const AzureEndpoint::Response response = m_endpoint->handle(request("GET", QStringLiteral("/nothing/here")));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    const QJsonObject error = body(response).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("NotFound"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("/nothing/here")));
}

void TestAzureEndpoint::brokenEncodingIs400()
{
    for (const QString &path :
         {QStringLiteral("/items/%zz"), QStringLiteral("/items/%4"), QStringLiteral("/items/%ff")}) {
        const AzureEndpoint::Response response = m_endpoint->handle(request("PUT", path));
        QCOMPARE(response.status, 400);
        QCOMPARE(body(response).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("InvalidUri"));
    }
}

void TestAzureEndpoint::prefixesLongestFirstThenFallback()
{
    m_endpoint->addPrefix(QStringLiteral("/subscriptions"), answer(QStringLiteral("arm")));
    m_endpoint->addPrefix(QStringLiteral("/subscriptions/s1/providers/Special"), answer(QStringLiteral("special")));
    m_endpoint->addPrefix(QStringLiteral("/providers"), answer(QStringLiteral("providers")));

    const auto handler = [this](const QByteArray &method, const QString &path) {
        const AzureEndpoint::Response response = m_endpoint->handle(request(method, path));
        return response.status == 200 ? body(response).value(QStringLiteral("handler")).toString()
                                      : QString::number(response.status);
    };
    QCOMPARE(handler("GET", QStringLiteral("/subscriptions")), QStringLiteral("arm"));
    QCOMPARE(handler("PUT", QStringLiteral("/Subscriptions/s1/resourceGroups/rg")), QStringLiteral("arm"));
    QCOMPARE(handler("GET", QStringLiteral("/subscriptions/s1/providers/special/x")), QStringLiteral("special"));
    QCOMPARE(handler("GET", QStringLiteral("/providers/Microsoft.Devices")), QStringLiteral("providers"));
    QCOMPARE(handler("GET", QStringLiteral("/subscriptionsX")), QStringLiteral("404"));
    // Routes win over prefixes.
    m_endpoint->addPrefix(QStringLiteral("/items"), answer(QStringLiteral("items-prefix")));
    QCOMPARE(handler("PUT", QStringLiteral("/items/1")), QStringLiteral("put-item"));
    QCOMPARE(handler("PUT", QStringLiteral("/items/1/more")), QStringLiteral("items-prefix"));

    m_endpoint->setFallback(answer(QStringLiteral("fallback")));
    QCOMPARE(handler("GET", QStringLiteral("/tenants")), QStringLiteral("fallback"));
    QCOMPARE(handler("GET", QStringLiteral("/")), QStringLiteral("fallback"));
}

void TestAzureEndpoint::baseUrlFromHost_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("base");

    const QString fallback = QStringLiteral("https://127.0.0.1:0"); // not listening: port 0
    QTest::addRow("real authority host") << QByteArray("login.microsoftonline.com")
                                         << QStringLiteral("https://login.microsoftonline.com");
    QTest::addRow("443 is dropped") << QByteArray("login.microsoftonline.com:443")
                                    << QStringLiteral("https://login.microsoftonline.com");
    QTest::addRow("listener address") << QByteArray("127.0.0.1:8443") << QStringLiteral("https://127.0.0.1:8443");
    QTest::addRow("IPv6") << QByteArray("[::1]:8443") << QStringLiteral("https://[::1]:8443");
    QTest::addRow("missing") << QByteArray() << fallback;
    QTest::addRow("path injection") << QByteArray("evil.example/x") << fallback;
    QTest::addRow("markup") << QByteArray("a\"<b>") << fallback;
    QTest::addRow("credentials") << QByteArray("user@host") << fallback;
}

void TestAzureEndpoint::baseUrlFromHost()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, base);
    const AzureEndpoint::Response response = m_endpoint->handle(request("GET", QStringLiteral("/devicelogin"), host));
    QCOMPARE(body(response).value(QStringLiteral("base")).toString(), base);
}

void TestAzureEndpoint::requestHandledSignal()
{
    QList<int> statuses;
    connect(m_endpoint.get(), &AzureEndpoint::requestHandled, this,
            [&statuses](const QByteArray &, const QString &, int status) { statuses.append(status); });
    m_endpoint->handle(request("GET", QStringLiteral("/devicelogin")));
    m_endpoint->handle(request("GET", QStringLiteral("/missing")));
    QCOMPARE(statuses, (QList<int> {200, 404}));
}

QTEST_GUILESS_MAIN(TestAzureEndpoint)
#include "tst_azureendpoint.moc"
