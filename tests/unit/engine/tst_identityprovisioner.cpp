#include "FakeNetworkAccessManager.h"

#include "services/core/Clock.h"
#include "services/engine/IdentityProvisioner.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/net/RetryPolicy.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;

namespace {

const QString HostName = QStringLiteral("provhub.azure-devices.net");

QJsonObject deviceJson(const QString &id)
{
    return QJsonObject{{QStringLiteral("deviceId"), id},
                       {QStringLiteral("etag"), QStringLiteral("ZXRhZzE=")},
                       {QStringLiteral("status"), QStringLiteral("enabled")},
                       {QStringLiteral("authentication"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("sas")},
                                    {QStringLiteral("symmetricKey"),
                                     QJsonObject{{QStringLiteral("primaryKey"), QStringLiteral("cHJpbWFyeQ==")},
                                                 {QStringLiteral("secondaryKey"), QStringLiteral("c2Vjb25kYXJ5")}}}}}};
}

QJsonObject twinJson(const QString &id, const QJsonObject &tags)
{
    return QJsonObject{{QStringLiteral("deviceId"), id},
                       {QStringLiteral("etag"), QStringLiteral("AAAAAAAAAAE=")},
                       {QStringLiteral("version"), 2},
                       {QStringLiteral("tags"), tags},
                       {QStringLiteral("properties"),
                        QJsonObject{{QStringLiteral("desired"), QJsonObject{{QStringLiteral("$version"), 1}}},
                                    {QStringLiteral("reported"), QJsonObject{{QStringLiteral("$version"), 1}}}}}};
}

QJsonObject errorJson(int code, const QString &name)
{
    return QJsonObject{{QStringLiteral("Message"), QStringLiteral("ErrorCode:%1;something went wrong").arg(name)},
                       {QStringLiteral("ExceptionMessage"), QStringLiteral("Tracking ID:abc-G:0-TimeStamp:11/26/2026 13:00:00")},
                       {QStringLiteral("errorCode"), code}};
}

QJsonObject lorawanTags(const QString &devEui, const QString &joinEui)
{
    return QJsonObject{{QStringLiteral("lorawan"), QJsonObject{{QStringLiteral("devEui"), devEui},
                                                               {QStringLiteral("joinEui"), joinEui},
                                                               {QStringLiteral("provisioned"), true}}}};
}

} // namespace

class TestIdentityProvisioner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void knownDeviceResolvesAtOnce();
    void existingDeviceIsLookedUpOnce();
    void missingDeviceIsCreatedAndTagged();
    void createConflictCountsAsSuccess();
    void concurrentEnsuresShareTheWork();
    void failures_data();
    void failures();
    void tagFailureIsRetriedOnNextEnsure();
    void manyPendingUseOneBulkImport();
    void bulkSplitsAtOneHundred();
    void bulkFailureFailsEveryDevice();
    void invalidDeviceIdSendsNothing();

private:
    template<typename T>
    bool settle(const QFuture<T> &future);
    bool settleAll(const QList<QFuture<Result<ProvisionedIdentity>>> &futures);
    template<typename T>
    T await(const QFuture<T> &future)
    {
        if (!settle(future))
            qFatal("the future did not finish");
        return future.result();
    }

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    IotHubServiceClient *m_client = nullptr;
    IdentityProvisioner *m_provisioner = nullptr;
};

void TestIdentityProvisioner::init()
{
    m_nam = new FakeNetworkAccessManager;
    m_clock = new ManualClock;
    IotHubCredentials credentials;
    credentials.hostName = HostName;
    credentials.policyName = QStringLiteral("registryReadWrite");
    credentials.policyKey = QByteArrayLiteral("c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=");
    m_client = new IotHubServiceClient(m_nam, credentials, nullptr, m_clock);
    m_client->transport()->setRandomSource([] { return 0.5; });
    RetryPolicy policy;
    policy.maxAttempts = 1;
    m_client->transport()->setRetryPolicy(policy);
    IdentityProvisioner::Options options;
    options.bulkThreshold = 3;
    m_provisioner = new IdentityProvisioner(m_client, options);
}

void TestIdentityProvisioner::cleanup()
{
    delete m_provisioner;
    delete m_client;
    delete m_nam;
    delete m_clock;
    m_provisioner = nullptr;
    m_client = nullptr;
    m_nam = nullptr;
    m_clock = nullptr;
}

template<typename T>
bool TestIdentityProvisioner::settle(const QFuture<T> &future)
{
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        if (!future.isFinished() && m_nam->openReplies() == 0 && m_clock->pendingCount() > 0)
            m_clock->advanceToNext();
    }
    return future.isFinished();
}

bool TestIdentityProvisioner::settleAll(const QList<QFuture<Result<ProvisionedIdentity>>> &futures)
{
    for (const auto &future : futures) {
        if (!settle(future))
            return false;
    }
    return true;
}

void TestIdentityProvisioner::knownDeviceResolvesAtOnce()
{
    m_provisioner->markKnown(QStringLiteral("lora-01"));
    const auto future = m_provisioner->ensure(QStringLiteral("lora-01"), QStringLiteral("0004A30B001C0530"), {});
    QVERIFY(future.isFinished());
    QCOMPARE(future.result().value().origin, ProvisionedIdentity::Origin::Known);
    QVERIFY(m_nam->requests().isEmpty());
    QCOMPARE(m_provisioner->pendingCount(), 0);
}

void TestIdentityProvisioner::existingDeviceIsLookedUpOnce()
{
    m_nam->on("GET", QStringLiteral("/devices/lora-01"), FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("lora-01"))));
    const auto first = await(m_provisioner->ensure(QStringLiteral("lora-01"), QStringLiteral("0004A30B001C0530"), {}));
    QVERIFY2(first.ok(), qPrintable(first.error().toString()));
    QCOMPARE(first.value().origin, ProvisionedIdentity::Origin::Existing);
    QVERIFY(!first.value().tagsWritten);
    QCOMPARE(m_nam->requests().size(), 1);
    QVERIFY(m_provisioner->isKnown(QStringLiteral("lora-01")));

    const auto second = m_provisioner->ensure(QStringLiteral("lora-01"), QStringLiteral("0004A30B001C0530"), {});
    QVERIFY(second.isFinished());
    QCOMPARE(second.result().value().origin, ProvisionedIdentity::Origin::Known);
    QCOMPARE(m_nam->requests().size(), 1);

    // Forgotten (deleted in the hub): looked up again.
    m_provisioner->forget(QStringLiteral("lora-01"));
    QVERIFY(await(m_provisioner->ensure(QStringLiteral("lora-01"), {}, {})).ok());
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestIdentityProvisioner::missingDeviceIsCreatedAndTagged()
{
    m_nam->on("GET", QStringLiteral("/devices/lora-02"),
              FakeNetworkAccessManager::json(404, errorJson(404001, QStringLiteral("DeviceNotFound"))));
    m_nam->on("PUT", QStringLiteral("/devices/lora-02"), FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("lora-02"))));
    const QJsonObject tags = lorawanTags(QStringLiteral("0004A30B001C0531"), QStringLiteral("70B3D57ED0000000"));
    m_nam->on("PATCH", QStringLiteral("/twins/lora-02"), FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("lora-02"), tags)));
    QSignalSpy created(m_provisioner, &IdentityProvisioner::identityCreated);
    QSignalSpy pending(m_provisioner, &IdentityProvisioner::pendingCountChanged);

    const auto future = m_provisioner->ensure(QStringLiteral("lora-02"), QStringLiteral("0004A30B001C0531"),
                                              QStringLiteral("70B3D57ED0000000"));
    QCOMPARE(m_provisioner->pendingCount(), 1);
    const auto result = await(future);
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().origin, ProvisionedIdentity::Origin::Created);
    QVERIFY(result.value().tagsWritten);
    QCOMPARE(created.size(), 1);
    QCOMPARE(m_provisioner->pendingCount(), 0);
    QCOMPARE(pending.last().at(0).toInt(), 0);
    QCOMPARE(m_provisioner->createdCount(), quint64(1));

    const auto &requests = m_nam->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).method, QByteArray("GET"));
    QCOMPARE(requests.at(1).method, QByteArray("PUT"));
    QVERIFY(requests.at(1).header("If-Match").isEmpty());
    QCOMPARE(QJsonDocument::fromJson(requests.at(1).body).object().value(QStringLiteral("deviceId")).toString(),
             QStringLiteral("lora-02"));
    QCOMPARE(requests.at(2).method, QByteArray("PATCH"));
    QCOMPARE(QJsonDocument::fromJson(requests.at(2).body).object(), QJsonObject({{QStringLiteral("tags"), tags}}));
    QCOMPARE(requests.at(2).header("If-Match"), QByteArray("*"));
}

void TestIdentityProvisioner::createConflictCountsAsSuccess()
{
    m_nam->on("GET", QStringLiteral("/devices/lora-03"),
              FakeNetworkAccessManager::json(404, errorJson(404001, QStringLiteral("DeviceNotFound"))));
    m_nam->on("PUT", QStringLiteral("/devices/lora-03"),
              FakeNetworkAccessManager::json(409, errorJson(409001, QStringLiteral("DeviceAlreadyExists"))));
    m_nam->on("PATCH", QStringLiteral("/twins/lora-03"), FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("lora-03"), {})));
    const auto result = await(m_provisioner->ensure(QStringLiteral("lora-03"), QStringLiteral("0004A30B001C0532"), {}));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().origin, ProvisionedIdentity::Origin::Existing);
    QVERIFY(result.value().tagsWritten);
    QCOMPARE(m_nam->requestsTo("PATCH", QStringLiteral("/twins/lora-03")).size(), 1);
    QCOMPARE(m_provisioner->createdCount(), quint64(0));
}

void TestIdentityProvisioner::concurrentEnsuresShareTheWork()
{
    m_nam->on("GET", QStringLiteral("/devices/lora-04"), FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("lora-04"))));
    const auto a = m_provisioner->ensure(QStringLiteral("lora-04"), {}, {});
    const auto b = m_provisioner->ensure(QStringLiteral("lora-04"), {}, {});
    QCOMPARE(m_provisioner->pendingCount(), 1);
    QVERIFY(settleAll({a, b}));
    QVERIFY(a.result().ok());
    QVERIFY(b.result().ok());
    QCOMPARE(m_nam->requests().size(), 1);
}

void TestIdentityProvisioner::failures_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<ServiceError::Kind>("kind");
    QTest::addColumn<bool>("transient");
    QTest::addRow("lookup 401") << QByteArray("GET") << 401 << errorJson(401002, QStringLiteral("IotHubUnauthorizedAccess"))
                                << ServiceError::Kind::Unauthorized << false;
    QTest::addRow("lookup 403") << QByteArray("GET") << 403 << errorJson(403002, QStringLiteral("IotHubQuotaExceeded"))
                                << ServiceError::Kind::Forbidden << false;
    QTest::addRow("lookup 429") << QByteArray("GET") << 429 << errorJson(429001, QStringLiteral("ThrottlingException"))
                                << ServiceError::Kind::Throttled << true;
    QTest::addRow("lookup 500") << QByteArray("GET") << 500 << errorJson(500001, QStringLiteral("ServerError"))
                                << ServiceError::Kind::ServerError << true;
    QTest::addRow("create 400") << QByteArray("PUT") << 400 << errorJson(400027, QStringLiteral("ArgumentInvalid"))
                                << ServiceError::Kind::BadRequest << false;
    QTest::addRow("create 403 quota") << QByteArray("PUT") << 403 << errorJson(403002, QStringLiteral("IotHubQuotaExceeded"))
                                      << ServiceError::Kind::Forbidden << false;
    QTest::addRow("create 412") << QByteArray("PUT") << 412 << errorJson(412002, QStringLiteral("PreconditionFailed"))
                                << ServiceError::Kind::PreconditionFailed << false;
    QTest::addRow("create 503") << QByteArray("PUT") << 503 << errorJson(503001, QStringLiteral("ServiceUnavailable"))
                                << ServiceError::Kind::Unavailable << true;
}

void TestIdentityProvisioner::failures()
{
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QJsonObject, body);
    QFETCH(ServiceError::Kind, kind);
    QFETCH(bool, transient);
    const QString id = QStringLiteral("lora-05");
    if (method == "GET") {
        m_nam->on("GET", QStringLiteral("/devices/lora-05"), FakeNetworkAccessManager::json(status, body));
    } else {
        m_nam->on("GET", QStringLiteral("/devices/lora-05"),
                  FakeNetworkAccessManager::json(404, errorJson(404001, QStringLiteral("DeviceNotFound"))));
        m_nam->on(method, QStringLiteral("/devices/lora-05"), FakeNetworkAccessManager::json(status, body));
    }
    QSignalSpy failed(m_provisioner, &IdentityProvisioner::identityFailed);
    const auto a = m_provisioner->ensure(id, {}, {});
    const auto b = m_provisioner->ensure(id, {}, {});
    QVERIFY(settleAll({a, b}));
    for (const auto &future : {a, b}) {
        const auto result = future.result();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), kind);
        QCOMPARE(result.error().isTransient(), transient);
        QCOMPARE(result.error().httpStatus(), status);
        QVERIFY2(!result.error().message().isEmpty(), "a message the user can act on");
        QVERIFY2(result.error().toString().contains(id), qPrintable(result.error().toString()));
    }
    QCOMPARE(failed.size(), 1);
    QVERIFY(!m_provisioner->isKnown(id));
    QCOMPARE(m_provisioner->pendingCount(), 0);
    QVERIFY(m_nam->requestsTo("PATCH", QStringLiteral("/twins/lora-05")).isEmpty());
}

void TestIdentityProvisioner::tagFailureIsRetriedOnNextEnsure()
{
    m_nam->on("GET", QStringLiteral("/devices/lora-06"),
              FakeNetworkAccessManager::json(404, errorJson(404001, QStringLiteral("DeviceNotFound"))));
    m_nam->on("PUT", QStringLiteral("/devices/lora-06"), FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("lora-06"))));
    m_nam->on("PATCH", QStringLiteral("/twins/lora-06"), FakeNetworkAccessManager::json(500, errorJson(500001, QStringLiteral("ServerError"))));
    m_nam->on("PATCH", QStringLiteral("/twins/lora-06"), FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("lora-06"), {})));
    const auto first = await(m_provisioner->ensure(QStringLiteral("lora-06"), QStringLiteral("0004A30B001C0533"), {}));
    QVERIFY2(first.ok(), "the identity exists, so messages may flow");
    QCOMPARE(first.value().origin, ProvisionedIdentity::Origin::Created);
    QVERIFY(!first.value().tagsWritten);
    QCOMPARE(first.value().tagsError.kind(), ServiceError::Kind::ServerError);

    const auto second = await(m_provisioner->ensure(QStringLiteral("lora-06"), QStringLiteral("0004A30B001C0533"), {}));
    QVERIFY(second.ok());
    QVERIFY(second.value().tagsWritten);
    // Only the PATCH again: no lookup, no create.
    QCOMPARE(m_nam->requestsTo("GET", QStringLiteral("/devices/lora-06")).size(), 1);
    QCOMPARE(m_nam->requestsTo("PUT", QStringLiteral("/devices/lora-06")).size(), 1);
    QCOMPARE(m_nam->requestsTo("PATCH", QStringLiteral("/twins/lora-06")).size(), 2);
    const auto third = m_provisioner->ensure(QStringLiteral("lora-06"), {}, {});
    QVERIFY(third.isFinished());
}

void TestIdentityProvisioner::manyPendingUseOneBulkImport()
{
    const QJsonObject bulkAnswer{
        {QStringLiteral("isSuccessful"), false},
        {QStringLiteral("errors"),
         QJsonArray{QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("bulk-2")},
                                {QStringLiteral("errorCode"), QStringLiteral("DeviceAlreadyExists")},
                                {QStringLiteral("errorStatus"), QStringLiteral("A device with ID 'bulk-2' is already registered.")}},
                    QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("bulk-4")},
                                {QStringLiteral("errorCode"), QStringLiteral("ArgumentInvalid")},
                                {QStringLiteral("errorStatus"), QStringLiteral("The device id is not valid.")}}}},
        {QStringLiteral("warnings"), QJsonArray{}}};
    m_nam->on("POST", QStringLiteral("/devices"), FakeNetworkAccessManager::json(400, bulkAnswer));
    QSignalSpy created(m_provisioner, &IdentityProvisioner::identityCreated);

    QList<QFuture<Result<ProvisionedIdentity>>> futures;
    for (int i = 0; i < 6; ++i)
        futures.append(m_provisioner->ensure(QStringLiteral("bulk-%1").arg(i), QStringLiteral("00000000000000%1").arg(i, 2, 10, QLatin1Char('0')),
                                             QStringLiteral("70B3D57ED0000000")));
    QCOMPARE(m_provisioner->pendingCount(), 6);
    QVERIFY(settleAll(futures));

    QCOMPARE(m_nam->requests().size(), 1);
    const auto &request = m_nam->requests().constFirst();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path(), QStringLiteral("/devices"));
    const QJsonArray entries = QJsonDocument::fromJson(request.body).array();
    QCOMPARE(entries.size(), 6);
    for (int i = 0; i < 6; ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        QCOMPARE(entry.value(QStringLiteral("id")).toString(), QStringLiteral("bulk-%1").arg(i));
        QCOMPARE(entry.value(QStringLiteral("importMode")).toString(), QStringLiteral("create"));
        QCOMPARE(entry.value(QStringLiteral("tags")).toObject(),
                 lorawanTags(QStringLiteral("00000000000000%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("70B3D57ED0000000")));
    }
    for (int i = 0; i < 6; ++i) {
        const auto result = futures.at(i).result();
        if (i == 4) {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code(), QStringLiteral("ArgumentInvalid"));
            QVERIFY(result.error().message().contains(QStringLiteral("The device id is not valid.")));
            QVERIFY(result.error().toString().contains(QStringLiteral("bulk-4")));
            continue;
        }
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(result.value().origin, i == 2 ? ProvisionedIdentity::Origin::Existing : ProvisionedIdentity::Origin::CreatedInBulk);
        QCOMPARE(result.value().tagsWritten, i != 2);
    }
    QCOMPARE(created.size(), 4);
    QCOMPARE(m_provisioner->bulkRequestCount(), quint64(1));
    QCOMPARE(m_provisioner->pendingCount(), 0);
    QVERIFY(m_provisioner->isKnown(QStringLiteral("bulk-2")));
    QVERIFY(!m_provisioner->isKnown(QStringLiteral("bulk-4")));
}

void TestIdentityProvisioner::bulkSplitsAtOneHundred()
{
    m_nam->on("POST", QStringLiteral("/devices"),
              FakeNetworkAccessManager::json(200, QJsonObject{{QStringLiteral("isSuccessful"), true},
                                                              {QStringLiteral("errors"), QJsonArray{}},
                                                              {QStringLiteral("warnings"), QJsonArray{}}}));
    QList<QFuture<Result<ProvisionedIdentity>>> futures;
    for (int i = 0; i < 150; ++i)
        futures.append(m_provisioner->ensure(QStringLiteral("many-%1").arg(i), {}, {}));
    QVERIFY(settleAll(futures));
    const auto posts = m_nam->requestsTo("POST", QStringLiteral("/devices"));
    QCOMPARE(posts.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(posts.at(0).body).array().size(), 100);
    QCOMPARE(QJsonDocument::fromJson(posts.at(1).body).array().size(), 50);
    QCOMPARE(QJsonDocument::fromJson(posts.at(1).body).array().at(0).toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("many-100"));
    for (const auto &future : futures)
        QVERIFY(future.result().ok());
    QCOMPARE(m_provisioner->createdCount(), quint64(150));
}

void TestIdentityProvisioner::bulkFailureFailsEveryDevice()
{
    m_nam->on("POST", QStringLiteral("/devices"),
              FakeNetworkAccessManager::json(401, errorJson(401002, QStringLiteral("IotHubUnauthorizedAccess"))));
    QList<QFuture<Result<ProvisionedIdentity>>> futures;
    for (int i = 0; i < 5; ++i)
        futures.append(m_provisioner->ensure(QStringLiteral("fail-%1").arg(i), {}, {}));
    QVERIFY(settleAll(futures));
    for (const auto &future : futures) {
        QVERIFY(!future.result().ok());
        QCOMPARE(future.result().error().kind(), ServiceError::Kind::Unauthorized);
    }
    QCOMPARE(m_provisioner->pendingCount(), 0);
}

void TestIdentityProvisioner::invalidDeviceIdSendsNothing()
{
    const auto future = m_provisioner->ensure(QStringLiteral("bad id/with slash"), {}, {});
    QVERIFY(future.isFinished());
    QVERIFY(!future.result().ok());
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(m_nam->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestIdentityProvisioner)
#include "tst_identityprovisioner.moc"
