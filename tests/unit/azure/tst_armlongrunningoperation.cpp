#include "FakeNetworkAccessManager.h"
#include "FakeTokenCredential.h"
#include "FutureWait.h"

#include "services/azure/ArmClient.h"
#include "services/azure/ArmLongRunningOperation.h"
#include "services/core/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;
using Kind = ServiceError::Kind;

namespace {

const QString kResourcePath =
    QStringLiteral("/subscriptions/s1/resourcegroups/rg1/providers/Microsoft.Resources/deployments/d1");
const QString kStatusPath = QStringLiteral("/subscriptions/s1/operationStatuses/op1");
const QString kResultPath = QStringLiteral("/subscriptions/s1/operationresults/op1");

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

HttpResponse answer(int status, const QByteArray &body = {}, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers = std::move(headers);
    return response;
}

} // namespace

class TestArmLongRunningOperation : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void asyncOperationUntilSucceededThenResource();
    void asyncOperationCanceledAndFailed_data();
    void asyncOperationCanceledAndFailed();
    void locationWithHttpDateRetryAfter();
    void resourceStateWithoutHeaders();
    void resourceStateFailed();
    void immediateResults();
    void cancelStopsPolling();
    void cancelingTheClientFutureStopsPolling();
    void pollErrors_data();
    void pollErrors();
    void maxPollsGivesUp();
    void foreignPollingHostIsRefused();

private:
    ArmLongRunningOperation *operation(const QUrl &resourceUrl = {}, int maxPolls = 0);
    QUrl url(const QString &path) const;

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    FakeTokenCredential *m_credential = nullptr;
    ArmClient *m_client = nullptr;
};

void TestArmLongRunningOperation::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
    m_credential = new FakeTokenCredential(m_clock);
    m_client = new ArmClient(m_nam, m_credential, m_clock);
    m_client->transport()->setRetryPolicy(RetryPolicy::none());
}

void TestArmLongRunningOperation::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_credential;
    m_credential = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

QUrl TestArmLongRunningOperation::url(const QString &path) const
{
    return QUrl(QStringLiteral("https://management.azure.com") + path + QStringLiteral("?api-version=2025-04-01"));
}

ArmLongRunningOperation *TestArmLongRunningOperation::operation(const QUrl &resourceUrl, int maxPolls)
{
    ArmLongRunningOperation::Options options;
    options.operation = QStringLiteral("do the thing");
    options.resourceUrl = resourceUrl;
    options.defaultInterval = 3s;
    options.maxPolls = maxPolls;
    ArmClient *client = m_client;
    return new ArmLongRunningOperation([client](const QUrl &pollUrl) { return client->send("GET", pollUrl); }, m_clock,
                                       options, m_client);
}

void TestArmLongRunningOperation::asyncOperationUntilSucceededThenResource()
{
    m_nam->on("GET", kStatusPath,
              FakeNetworkAccessManager::json(200, json(R"({"status":"InProgress"})")).header("Retry-After", "7"));
    m_nam->on("GET", kStatusPath, FakeNetworkAccessManager::json(200, json(R"({"status":"Succeeded"})")));
    m_nam->on("GET", kResourcePath,
              FakeNetworkAccessManager::json(200, json(R"({"properties":{"provisioningState":"Succeeded","x":1}})")));
    ArmLongRunningOperation *lro = operation(url(kResourcePath));
    QSignalSpy status(lro, &ArmLongRunningOperation::statusChanged);
    QSignalSpy scheduled(lro, &ArmLongRunningOperation::pollScheduled);
    auto future = lro->start(
        answer(201, R"({"properties":{"provisioningState":"Accepted"}})",
               {{"Azure-AsyncOperation", url(kStatusPath).toEncoded()}, {"Location", url(kResultPath).toEncoded()}}));
    QCOMPARE(m_clock->nextDueIn(), 3000ms); // no Retry-After on the first answer: the default
    m_clock->advance(3s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 7000ms);
    m_clock->advance(7s);
    const Result<QJsonObject> result = awaitResult(future);
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().value(QStringLiteral("properties")).toObject().value(QStringLiteral("x")).toInt(), 1);
    QCOMPARE(m_nam->requests().size(), 3);
    QCOMPARE(m_nam->requests().at(2).url.path(), kResourcePath);
    QVERIFY(m_nam->requestsTo("GET", kResultPath).isEmpty());
    QCOMPARE(status.size(), 3); // Accepted, InProgress, Succeeded
    QCOMPARE(status.at(1).at(0).toString(), QStringLiteral("InProgress"));
    QCOMPARE(scheduled.size(), 2);
}

void TestArmLongRunningOperation::asyncOperationCanceledAndFailed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("words");
    QTest::addRow("canceled") << QByteArray(R"({"status":"Canceled"})") << int(Kind::Canceled) << "canceled in Azure";
    QTest::addRow("failed with error")
        << QByteArray(
               R"({"status":"Failed","error":{"code":"QuotaExceeded","message":"Operation could not be completed as it results in exceeding approved quota."}})")
        << int(Kind::Forbidden) << "exceeding approved quota";
    QTest::addRow("failed without error")
        << QByteArray(R"({"status":"Failed"})") << int(Kind::ServerError) << "activity log";
}

void TestArmLongRunningOperation::asyncOperationCanceledAndFailed()
{
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, words);
    m_nam->on("GET", kStatusPath, FakeNetworkAccessManager::json(200, json(body)));
    auto future =
        operation(url(kResourcePath))->start(answer(202, {}, {{"Azure-AsyncOperation", url(kStatusPath).toEncoded()}}));
    m_clock->advance(3s);
    const Result<QJsonObject> result = awaitResult(future);
    QCOMPARE(int(result.error().kind()), kind);
    QVERIFY2(result.error().message().contains(words), qPrintable(result.error().message()));
    QCOMPARE(result.error().operation(), QStringLiteral("do the thing"));
    QVERIFY(m_nam->requestsTo("GET", kResourcePath).isEmpty());
}

void TestArmLongRunningOperation::locationWithHttpDateRetryAfter()
{
    // Retry-After as an HTTP date: 2026-01-01 00:00:30 UTC is 30 s after the ManualClock's start.
    m_nam->on("GET", kResultPath, FakeNetworkAccessManager::json(200, json(R"({"done":true})")));
    auto future = operation()->start(answer(
        202, {}, {{"Location", url(kResultPath).toEncoded()}, {"Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"}}));
    QCOMPARE(m_clock->nextDueIn(), 30000ms);
    m_clock->advance(30s);
    const Result<QJsonObject> result = awaitResult(future);
    QVERIFY(result.ok());
    QCOMPARE(result.value().value(QStringLiteral("done")).toBool(), true);
}

void TestArmLongRunningOperation::resourceStateWithoutHeaders()
{
    m_nam->on("GET", kResourcePath,
              FakeNetworkAccessManager::json(200, json(R"({"properties":{"provisioningState":"Running"}})")));
    m_nam->on("GET", kResourcePath,
              FakeNetworkAccessManager::json(200, json(R"({"properties":{"provisioningState":"Succeeded"}})")));
    ArmLongRunningOperation *lro = operation(url(kResourcePath));
    QSignalSpy status(lro, &ArmLongRunningOperation::statusChanged);
    auto future = lro->start(answer(201, R"({"properties":{"provisioningState":"Accepted"}})"));
    m_clock->advance(3s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    m_clock->advance(3s);
    const Result<QJsonObject> result = awaitResult(future);
    QVERIFY(result.ok());
    QCOMPARE(m_nam->requests().size(), 2);
    QCOMPARE(status.size(), 3);
    QCOMPARE(status.at(0).at(0).toString(), QStringLiteral("Accepted"));
    QCOMPARE(status.at(1).at(0).toString(), QStringLiteral("Running"));
}

void TestArmLongRunningOperation::resourceStateFailed()
{
    m_nam->on("GET", kResourcePath,
              FakeNetworkAccessManager::json(
                  200, json(R"({"properties":{"provisioningState":"Failed","error":{"code":"ResourceDeploymentFailure",
                  "message":"The resource operation completed with terminal provisioning state 'Failed'.",
                  "details":[{"code":"BadRequest","message":"The storage account name is reserved."}]}}})")));
    auto future =
        operation(url(kResourcePath))->start(answer(201, R"({"properties":{"provisioningState":"Accepted"}})"));
    m_clock->advance(3s);
    const Result<QJsonObject> result = awaitResult(future);
    QCOMPARE(result.error().code(), QStringLiteral("ResourceDeploymentFailure"));
    QVERIFY(result.error().message().contains(QStringLiteral("The storage account name is reserved.")));
    QVERIFY(result.error().payload().isObject());
}

void TestArmLongRunningOperation::immediateResults()
{
    // 200 with a terminal state, 204 without a body: done without polling.
    Result<QJsonObject> result = awaitResult(
        operation(url(kResourcePath))->start(answer(200, R"({"properties":{"provisioningState":"Succeeded"}})")));
    QVERIFY(result.ok());
    result = awaitResult(operation()->start(answer(204)));
    QVERIFY(result.ok());
    QVERIFY(result.value().isEmpty());
    result = awaitResult(operation()->start(answer(409, R"({"error":{"code":"Conflict","message":"busy"}})")));
    QCOMPARE(result.error().kind(), Kind::Conflict);
    result = awaitResult(operation()->start(answer(202)));
    QCOMPARE(result.error().kind(), Kind::MalformedResponse);
    QCOMPARE(m_clock->pendingCount(), 0);
    QVERIFY(m_nam->requests().isEmpty());
}

void TestArmLongRunningOperation::cancelStopsPolling()
{
    m_nam->on("GET", kResultPath, FakeNetworkAccessManager::empty(202));
    QPointer<ArmLongRunningOperation> lro = operation();
    QSignalSpy finished(lro.data(), &ArmLongRunningOperation::finished);
    auto future = lro->start(answer(202, {}, {{"Location", url(kResultPath).toEncoded()}}));
    m_clock->advance(3s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_nam->requests().size(), 1);
    lro->cancel();
    QCOMPARE(awaitResult(future).error().kind(), Kind::Canceled);
    QCOMPARE(finished.size(), 1);
    m_clock->advance(1h);
    QCoreApplication::processEvents();
    QCOMPARE(m_nam->requests().size(), 1);
    QTRY_VERIFY(lro.isNull()); // deletes itself
}

void TestArmLongRunningOperation::cancelingTheClientFutureStopsPolling()
{
    const QString rgPath = QStringLiteral("/subscriptions/s1/resourcegroups/rg1");
    m_nam->on("DELETE", rgPath, FakeNetworkAccessManager::empty(202).header("Location", url(kResultPath).toEncoded()));
    m_nam->on("GET", kResultPath, FakeNetworkAccessManager::empty(202));
    m_client->setPollInterval(4s);
    auto future = m_client->deleteResourceGroup(QStringLiteral("s1"), QStringLiteral("rg1"));
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 4000ms);
    m_clock->advance(4s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_nam->requests().size(), 2);
    future.cancel();
    QTRY_VERIFY(future.isFinished());
    m_clock->advance(1h);
    QCoreApplication::processEvents();
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestArmLongRunningOperation::pollErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addRow("500 on poll") << 500 << QByteArray(R"({"error":{"code":"InternalServerError","message":"oops"}})")
                                 << int(Kind::ServerError);
    QTest::addRow("404 on poll") << 404 << QByteArray("") << int(Kind::NotFound);
    QTest::addRow("status without status") << 200 << QByteArray(R"({"state":"x"})") << int(Kind::MalformedResponse);
    QTest::addRow("status not json") << 200 << QByteArray("<html>") << int(Kind::MalformedResponse);
}

void TestArmLongRunningOperation::pollErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    m_nam->on("GET", kStatusPath, FakeNetworkAccessManager::text(status, body, "application/json"));
    auto future = operation()->start(answer(202, {}, {{"Azure-AsyncOperation", url(kStatusPath).toEncoded()}}));
    m_clock->advance(3s);
    const Result<QJsonObject> result = awaitResult(future);
    QCOMPARE(int(result.error().kind()), kind);
    QCOMPARE(result.error().operation(), QStringLiteral("do the thing"));
}

void TestArmLongRunningOperation::maxPollsGivesUp()
{
    m_nam->on("GET", kResultPath, FakeNetworkAccessManager::empty(202));
    auto future = operation({}, 2)->start(answer(202, {}, {{"Location", url(kResultPath).toEncoded()}}));
    m_clock->advance(3s);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    m_clock->advance(3s);
    const Result<QJsonObject> result = awaitResult(future);
    QCOMPARE(result.error().kind(), Kind::Timeout);
    QVERIFY(result.error().message().contains(QStringLiteral("continues in the background")));
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestArmLongRunningOperation::foreignPollingHostIsRefused()
{
    auto future =
        operation()->start(answer(202, {}, {{"Azure-AsyncOperation", "https://attacker.example/status?x=1"}}));
    m_clock->advance(3s);
    const Result<QJsonObject> result = awaitResult(future);
    QCOMPARE(result.error().kind(), Kind::MalformedResponse);
    QVERIFY(result.error().message().contains(QStringLiteral("attacker.example")));
    QVERIFY(m_nam->requests().isEmpty());
    QCOMPARE(m_credential->acquisitions, 0);
}

QTEST_GUILESS_MAIN(TestArmLongRunningOperation)
#include "tst_armlongrunningoperation.moc"
