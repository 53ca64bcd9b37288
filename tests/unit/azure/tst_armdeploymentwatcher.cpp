#include "FakeNetworkAccessManager.h"
#include "FakeTokenCredential.h"

#include "services/azure/ArmClient.h"
#include "services/azure/ArmDeploymentWatcher.h"
#include "services/core/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;
using Kind = ServiceError::Kind;

namespace {

const QString kSub = QStringLiteral("s1");
const QString kDeploymentPath =
    QStringLiteral("/subscriptions/s1/resourcegroups/rg1/providers/Microsoft.Resources/deployments/dep1");
const QString kOperationsPath = kDeploymentPath + QStringLiteral("/operations");

FakeNetworkAccessManager::Response deployment(const QString &state, const QByteArray &extra = {})
{
    QJsonObject properties {{QStringLiteral("provisioningState"), state}};
    const QJsonObject more = QJsonDocument::fromJson(extra).object();
    for (auto it = more.begin(); it != more.end(); ++it)
        properties.insert(it.key(), it.value());
    return FakeNetworkAccessManager::json(
        200,
        QJsonObject {{QStringLiteral("name"), QStringLiteral("dep1")}, {QStringLiteral("properties"), properties}});
}

QJsonObject operation(const QString &id, const QString &name, const QString &state)
{
    return {{QStringLiteral("operationId"), id},
            {QStringLiteral("properties"),
             QJsonObject {{QStringLiteral("provisioningOperation"), QStringLiteral("Create")},
                          {QStringLiteral("provisioningState"), state},
                          {QStringLiteral("targetResource"),
                           QJsonObject {{QStringLiteral("id"), QString(QStringLiteral("/x/") + name)},
                                        {QStringLiteral("resourceType"), QStringLiteral("Microsoft.Devices/IotHubs")},
                                        {QStringLiteral("resourceName"), name}}}}}};
}

FakeNetworkAccessManager::Response operations(const QJsonArray &items)
{
    return FakeNetworkAccessManager::json(200, QJsonObject {{QStringLiteral("value"), items}});
}

} // namespace

class TestArmDeploymentWatcher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void reportsPerResourceProgressUntilSucceeded();
    void failedDeploymentNamesTheProblem();
    void canceledInAzure();
    void stopEndsWatchingWithoutFurtherRequests();
    void toleratesTransientErrorsAndLateVisibility();
    void givesUpOnPersistentErrors();

private:
    void tick(int expectedRequests);

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    FakeTokenCredential *m_credential = nullptr;
    ArmClient *m_client = nullptr;
};

void TestArmDeploymentWatcher::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
    m_credential = new FakeTokenCredential(m_clock);
    m_client = new ArmClient(m_nam, m_credential, m_clock);
    m_client->transport()->setRetryPolicy(RetryPolicy::none());
    m_client->setPollInterval(5s);
}

void TestArmDeploymentWatcher::cleanup()
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

// Waits for the next scheduled poll, then runs it.
void TestArmDeploymentWatcher::tick(int expectedRequests)
{
    QTRY_COMPARE(int(m_nam->requests().size()), expectedRequests);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    QCOMPARE(m_clock->nextDueIn(), 5000ms);
    m_clock->advance(5s);
}

void TestArmDeploymentWatcher::reportsPerResourceProgressUntilSucceeded()
{
    m_nam->on("GET", kDeploymentPath, deployment(QStringLiteral("Running")));
    m_nam->on("GET", kDeploymentPath, deployment(QStringLiteral("Running")));
    m_nam->on("GET", kDeploymentPath,
              deployment(QStringLiteral("Succeeded"), R"({"outputs":{"hubName":{"type":"String","value":"hub1"}}})"));
    m_nam->on("GET", kOperationsPath,
              operations({operation(QStringLiteral("A"), QStringLiteral("ns1"), QStringLiteral("Running"))}));
    m_nam->on("GET", kOperationsPath,
              operations({operation(QStringLiteral("A"), QStringLiteral("ns1"), QStringLiteral("Succeeded")),
                          operation(QStringLiteral("B"), QStringLiteral("hub1"), QStringLiteral("Running"))}));
    m_nam->on("GET", kOperationsPath,
              operations({operation(QStringLiteral("A"), QStringLiteral("ns1"), QStringLiteral("Succeeded")),
                          operation(QStringLiteral("B"), QStringLiteral("hub1"), QStringLiteral("Succeeded"))}));
    ArmDeploymentWatcher *watcher = m_client->watchDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"));
    QSignalSpy progress(watcher, &ArmDeploymentWatcher::operationChanged);
    QSignalSpy states(watcher, &ArmDeploymentWatcher::deploymentStateChanged);
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);

    tick(2);
    QCOMPARE(progress.size(), 1);
    QCOMPARE(progress.at(0).at(0).value<ArmDeploymentOperation>().targetResource.resourceName, QStringLiteral("ns1"));
    tick(4);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(m_nam->requests().size(), 6);
    QCOMPARE(m_clock->pendingCount(), 0);

    // ns1 Running, ns1 Succeeded, hub1 Running, hub1 Succeeded — each change once.
    QCOMPARE(progress.size(), 4);
    QCOMPARE(progress.at(1).at(0).value<ArmDeploymentOperation>().provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(progress.at(2).at(0).value<ArmDeploymentOperation>().targetResource.resourceName, QStringLiteral("hub1"));
    QCOMPARE(progress.at(3).at(0).value<ArmDeploymentOperation>().provisioningState, QStringLiteral("Succeeded"));
    QCOMPARE(states.size(), 2);
    QCOMPARE(watcher->operations().size(), 2);
    QVERIFY(watcher->isFinished());
    QVERIFY(watcher->result().ok());
    QCOMPARE(watcher->result().value().outputValue(QStringLiteral("hubName")).toString(), QStringLiteral("hub1"));
    QVERIFY(watcher->future().isFinished());
    QCOMPARE(m_nam->requests().at(0).url.path(), kDeploymentPath);
    QCOMPARE(m_nam->requests().at(1).url.path(), kOperationsPath);
}

void TestArmDeploymentWatcher::failedDeploymentNamesTheProblem()
{
    m_nam->on("GET", kDeploymentPath,
              deployment(
                  QStringLiteral("Failed"),
                  R"({"error":{"code":"DeploymentFailed","message":"At least one resource deployment operation failed.",
                  "details":[{"code":"IotHubNameNotAvailable","message":"IotHub name 'hub1' is not available"}]}})"));
    QJsonObject failed = operation(QStringLiteral("B"), QStringLiteral("hub1"), QStringLiteral("Failed"));
    QJsonObject properties = failed.value(QStringLiteral("properties")).toObject();
    properties.insert(QStringLiteral("statusMessage"),
                      QJsonObject {{QStringLiteral("status"), QStringLiteral("Failed")},
                                   {QStringLiteral("error"),
                                    QJsonObject {{QStringLiteral("code"), QStringLiteral("IotHubNameNotAvailable")},
                                                 {QStringLiteral("message"),
                                                  QStringLiteral("IotHub name 'hub1' is not available")}}}});
    failed.insert(QStringLiteral("properties"), properties);
    m_nam->on("GET", kOperationsPath, operations({failed}));
    ArmDeploymentWatcher *watcher = m_client->watchDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"));
    QSignalSpy progress(watcher, &ArmDeploymentWatcher::operationChanged);
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(progress.size(), 1);
    QCOMPARE(progress.first().first().value<ArmDeploymentOperation>().statusMessage,
             QStringLiteral("IotHub name 'hub1' is not available"));
    const ServiceError error = watcher->result().error();
    QCOMPARE(error.code(), QStringLiteral("DeploymentFailed"));
    QVERIFY(error.message().contains(QStringLiteral("IotHub name 'hub1' is not available")));
    QVERIFY(error.toString().startsWith(QStringLiteral("Could not deploy dep1")));
}

void TestArmDeploymentWatcher::canceledInAzure()
{
    m_nam->on("GET", kDeploymentPath, deployment(QStringLiteral("Running")));
    m_nam->on("GET", kDeploymentPath, deployment(QStringLiteral("Canceled")));
    m_nam->on("GET", kOperationsPath, operations({}));
    m_nam->on("POST", kDeploymentPath + QStringLiteral("/cancel"), FakeNetworkAccessManager::empty(204));
    ArmDeploymentWatcher *watcher = m_client->watchDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"));
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    auto cancel = watcher->requestCancel();
    QTRY_VERIFY(cancel.isFinished());
    QVERIFY(cancel.result().ok());
    QCOMPARE(m_nam->requestsTo("POST", kDeploymentPath + QStringLiteral("/cancel")).size(), 1);
    QVERIFY(!watcher->isFinished()); // keeps watching until Azure says Canceled
    m_clock->advance(5s);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(watcher->result().error().kind(), Kind::Canceled);
    QVERIFY(watcher->result().error().message().contains(QStringLiteral("canceled in Azure")));
}

void TestArmDeploymentWatcher::stopEndsWatchingWithoutFurtherRequests()
{
    m_nam->on("GET", kDeploymentPath, deployment(QStringLiteral("Running")));
    m_nam->on("GET", kOperationsPath, operations({}));
    ArmDeploymentWatcher *watcher = m_client->watchDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"));
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);
    QTRY_COMPARE(m_clock->pendingCount(), 1);
    const int before = int(m_nam->requests().size());
    watcher->stop();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(watcher->result().error().kind(), Kind::Canceled);
    m_clock->advance(1h);
    QCoreApplication::processEvents();
    QCOMPARE(int(m_nam->requests().size()), before);
    QVERIFY(m_nam->requestsTo("POST", kDeploymentPath + QStringLiteral("/cancel")).isEmpty());
}

void TestArmDeploymentWatcher::toleratesTransientErrorsAndLateVisibility()
{
    // Right after the PUT the deployment may be 404; then one 500 on the operations list.
    m_nam->on("GET", kDeploymentPath,
              FakeNetworkAccessManager::json(
                  404,
                  QJsonObject {{QStringLiteral("error"),
                                QJsonObject {{QStringLiteral("code"), QStringLiteral("DeploymentNotFound")},
                                             {QStringLiteral("message"), QStringLiteral("not found")}}}}));
    m_nam->on("GET", kDeploymentPath, deployment(QStringLiteral("Running")));
    m_nam->on("GET", kDeploymentPath, deployment(QStringLiteral("Succeeded")));
    m_nam->on("GET", kOperationsPath, FakeNetworkAccessManager::empty(500));
    m_nam->on("GET", kOperationsPath, operations({}));
    ArmDeploymentWatcher *watcher = m_client->watchDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"));
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);
    for (int i = 0; i < 3 && finished.isEmpty(); ++i) {
        QTRY_VERIFY(m_clock->pendingCount() == 1 || !finished.isEmpty());
        m_clock->advanceToNext();
    }
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(watcher->result().ok(), qPrintable(watcher->result().error().toString()));
}

void TestArmDeploymentWatcher::givesUpOnPersistentErrors()
{
    m_nam->on("GET", kDeploymentPath,
              FakeNetworkAccessManager::json(
                  403,
                  QJsonObject {{QStringLiteral("error"),
                                QJsonObject {{QStringLiteral("code"), QStringLiteral("AuthorizationFailed")},
                                             {QStringLiteral("message"), QStringLiteral("no read permission")}}}}));
    ArmDeploymentWatcher *watcher = m_client->watchDeployment(kSub, QStringLiteral("rg1"), QStringLiteral("dep1"));
    QSignalSpy finished(watcher, &ArmDeploymentWatcher::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(watcher->result().error().kind(), Kind::Forbidden);
    QCOMPARE(m_clock->pendingCount(), 0);
}

QTEST_GUILESS_MAIN(TestArmDeploymentWatcher)
#include "tst_armdeploymentwatcher.moc"
