#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"

#include "services/engine/SandboxFunctionRegistration.h"
#include "services/net/HttpTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TwinBridge;
using TwinBridge::Test::FakeNetworkAccessManager;

namespace {

const QString RoutingPath = QStringLiteral("/admin/hubs/sandbox-hub/routing");
const QString IngestKey = QStringLiteral("ingest-canary-0123456789");

QJsonObject routing()
{
    return QJsonObject {
        {QStringLiteral("routes"),
         QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("TTSTwinChangeEvents")}}}},
        {QStringLiteral("function"),
         QJsonObject {{QStringLiteral("name"), QStringLiteral("SubmitEvents")},
                      {QStringLiteral("maxBatchSize"), 10},
                      {QStringLiteral("appSettings"),
                       QJsonObject {{QStringLiteral("STACK_BASE_URL"), QStringLiteral("http://old/api/v3")},
                                    {QStringLiteral("OTHER"), QStringLiteral("kept")}}}}}};
}

SandboxFunctionRegistration::Target target()
{
    return {QUrl(QStringLiteral("http://127.0.0.1:4000/admin")), QStringLiteral("sandbox-hub"),
            QStringLiteral("http://127.0.0.1:8095/api/v3"), QStringLiteral("demo-app"), IngestKey};
}

} // namespace

// SandboxFunctionRegistration: GET the routing, set the Function's three app settings, PUT it back.
class TestSandboxFunctionRegistration : public QObject
{
    Q_OBJECT

private slots:
    void setsTheFunctionsAppSettings();
    void failuresSayWhatFailed_data();
    void failuresSayWhatFailed();
};

void TestSandboxFunctionRegistration::setsTheFunctionsAppSettings()
{
    FakeNetworkAccessManager nam;
    nam.on("GET", RoutingPath, FakeNetworkAccessManager::json(200, routing()));
    nam.on("PUT", RoutingPath, FakeNetworkAccessManager::json(200, routing()));
    HttpTransport transport(&nam);
    const Status status = Test::awaitResult(SandboxFunctionRegistration::apply(&transport, target()));
    QVERIFY2(status.ok(), qPrintable(status.error().toString()));
    const QList<FakeNetworkAccessManager::Request> puts = nam.requestsTo("PUT", RoutingPath);
    QCOMPARE(puts.size(), 1);
    const QJsonObject sent = QJsonDocument::fromJson(puts.constFirst().body).object();
    const QJsonObject function = sent.value(QLatin1String("function")).toObject();
    const QJsonObject settings = function.value(QLatin1String("appSettings")).toObject();
    QCOMPARE(settings.value(QLatin1String("STACK_BASE_URL")).toString(),
             QStringLiteral("http://127.0.0.1:8095/api/v3"));
    QCOMPARE(settings.value(QLatin1String("STACK_APPLICATION_ID")).toString(), QStringLiteral("demo-app"));
    QCOMPARE(settings.value(QLatin1String("STACK_API_KEY")).toString(), IngestKey);
    QCOMPARE(settings.value(QLatin1String("OTHER")).toString(), QStringLiteral("kept"));
    QCOMPARE(function.value(QLatin1String("maxBatchSize")).toInt(), 10);
    QCOMPARE(sent.value(QLatin1String("routes")), routing().value(QLatin1String("routes")));
}

void TestSandboxFunctionRegistration::failuresSayWhatFailed_data()
{
    QTest::addColumn<int>("getStatus");
    QTest::addColumn<QJsonObject>("getBody");
    QTest::addColumn<int>("putStatus");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("words");

    const QJsonObject noFunction {{QStringLiteral("routes"), QJsonArray {}},
                                  {QStringLiteral("function"), QJsonValue()}};
    const QJsonObject invalid {{QStringLiteral("message"), QStringLiteral("function.appSettings: not an object")}};
    QTest::addRow("no function") << 200 << noFunction << 200 << int(ServiceError::Kind::NotConfigured)
                                 << QStringLiteral("no Function");
    QTest::addRow("unknown hub") << 404 << QJsonObject {{QStringLiteral("message"), QStringLiteral("no hub x")}} << 200
                                 << int(ServiceError::Kind::NotFound) << QStringLiteral("no hub x");
    QTest::addRow("put refused") << 200 << routing() << 400 << int(ServiceError::Kind::BadRequest)
                                 << QStringLiteral("appSettings");
    QTest::addRow("server error") << 500 << QJsonObject {} << 200 << int(ServiceError::Kind::ServerError)
                                  << QStringLiteral("500");
}

void TestSandboxFunctionRegistration::failuresSayWhatFailed()
{
    QFETCH(int, getStatus);
    QFETCH(QJsonObject, getBody);
    QFETCH(int, putStatus);
    QFETCH(int, kind);
    QFETCH(QString, words);

    FakeNetworkAccessManager nam;
    nam.on("GET", RoutingPath, FakeNetworkAccessManager::json(getStatus, getBody));
    nam.on("PUT", RoutingPath,
           FakeNetworkAccessManager::json(
               putStatus,
               QJsonObject {{QStringLiteral("message"), QStringLiteral("function.appSettings: not an object")}}));
    HttpTransport transport(&nam);
    transport.setRetryPolicy(RetryPolicy::none());
    const Status status = Test::awaitResult(SandboxFunctionRegistration::apply(&transport, target()), 10000);
    QVERIFY(!status.ok());
    QCOMPARE(int(status.error().kind()), kind);
    QVERIFY2(status.error().toString().contains(words), qPrintable(status.error().toString()));
    QVERIFY(status.error().toString().contains(QStringLiteral("sandbox-hub")));
    QVERIFY(!status.error().toString().contains(IngestKey));
}

QTEST_GUILESS_MAIN(TestSandboxFunctionRegistration)
#include "tst_sandboxfunctionregistration.moc"
