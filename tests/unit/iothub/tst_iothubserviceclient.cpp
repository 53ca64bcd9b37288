#include "FakeNetworkAccessManager.h"
#include "LogCapture.h"

#include "services/core/Clock.h"
#include "services/core/RateLimiter.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/protocol/SasToken.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;

namespace {

const QByteArray PolicyKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
const QString HostName = QStringLiteral("myhub.azure-devices.net");
const QString PolicyName = QStringLiteral("twinbridge");

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

QJsonObject deviceJson(const QString &id, const QString &etag = QStringLiteral("ZXRhZzE="))
{
    return QJsonObject {
        {QStringLiteral("deviceId"), id},
        {QStringLiteral("etag"), etag},
        {QStringLiteral("generationId"), QStringLiteral("gen-1")},
        {QStringLiteral("status"), QStringLiteral("enabled")},
        {QStringLiteral("authentication"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("sas")},
                      {QStringLiteral("symmetricKey"),
                       QJsonObject{{QStringLiteral("primaryKey"), QStringLiteral("cHJpbWFyeXByaW1hcnk=")},
                                    {QStringLiteral("secondaryKey"), QStringLiteral("c2Vjb25kc2Vjb25k")}}}}}};
}

QJsonObject twinJson(const QString &id, const QString &etag, int desiredVersion)
{
    return QJsonObject {
        {QStringLiteral("deviceId"), id},
        {QStringLiteral("etag"), etag},
        {QStringLiteral("version"), desiredVersion + 1},
        {QStringLiteral("tags"), QJsonObject{{QStringLiteral("site"), QStringLiteral("north")}}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("desired"),
                       QJsonObject{{QStringLiteral("interval"), 60}, {QStringLiteral("$version"), desiredVersion}}},
                      {QStringLiteral("reported"), QJsonObject{{QStringLiteral("$version"), 1}}}}}};
}

QJsonObject bodyObject(const FakeNetworkAccessManager::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result.append(QString::fromUtf8(word));
    return result;
}

} // namespace

class TestIotHubServiceClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createDevice();
    void updateDeviceIfMatch_data();
    void updateDeviceIfMatch();
    void getDevice();
    void deleteDevice_data();
    void deleteDevice();
    void deviceIdsAreEncoded_data();
    void deviceIdsAreEncoded();
    void invalidDeviceIdSendsNothing();
    void importDevices();
    void importDevicesPartialFailure();
    void importDevicesValidates_data();
    void importDevicesValidates();
    void deviceStatistics();
    void getTwin();
    void updateTwin();
    void replaceTwin();
    void twinConflictCarriesCurrentTwin();
    void query();
    void queryAllWalksPages();
    void queryAllStopsOnRepeatedToken();
    void queryAllCanBeCanceled();
    void errors_data();
    void errors();
    void throttledMessageNamesTheLimit();
    void sasTokenVerifiesAndCoversTheHub();
    void tokenIsRenewedBeforeExpiry();
    void endpointOverrideKeepsTheHubResource();
    void missingCredentials_data();
    void missingCredentials();
    void registryLimiterDelaysTheNextRequest();
    void cancelAbortsTheRequest();
    void noSecretsInLogs();

private:
    IotHubCredentials credentials() const;
    // Lets the event loop and the manual clock run until `future` resolves (retry back-off and throttle waits
    // are on the ManualClock; replies from the fake network on the event loop).
    template<typename T>
    bool settle(const QFuture<T> &future);
    template<typename T>
    T await(const QFuture<T> &future)
    {
        if (!settle(future))
            qFatal("the future did not finish");
        return future.result();
    }
    const FakeNetworkAccessManager::Request &lastRequest() const { return m_nam->requests().last(); }
    ServiceError errorFor(const QString &operation);

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    IotHubServiceClient *m_client = nullptr;
};

IotHubCredentials TestIotHubServiceClient::credentials() const
{
    IotHubCredentials credentials;
    credentials.hostName = HostName;
    credentials.policyName = PolicyName;
    credentials.policyKey = PolicyKey;
    return credentials;
}

void TestIotHubServiceClient::init()
{
    m_nam = new FakeNetworkAccessManager;
    m_clock = new ManualClock;
    m_client = new IotHubServiceClient(m_nam, credentials(), nullptr, m_clock);
    m_client->transport()->setRandomSource([] { return 0.5; });
    RetryPolicy policy;
    policy.maxAttempts = 2;
    m_client->transport()->setRetryPolicy(policy);
}

void TestIotHubServiceClient::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

template<typename T>
bool TestIotHubServiceClient::settle(const QFuture<T> &future)
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

void TestIotHubServiceClient::createDevice()
{
    m_nam->on("PUT", QStringLiteral("/devices/lora-01"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("lora-01"))));
    DeviceIdentity device;
    device.deviceId = QStringLiteral("lora-01");
    device.etag = QStringLiteral("must-not-be-sent");
    const Result<DeviceIdentity> result = await(m_client->createDevice(device));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().etag, QStringLiteral("ZXRhZzE="));
    QCOMPARE(result.value().authentication.primaryKey, QStringLiteral("cHJpbWFyeXByaW1hcnk="));

    QCOMPARE(m_nam->requests().size(), 1);
    const auto &request = lastRequest();
    QCOMPARE(request.method, QByteArray("PUT"));
    QCOMPARE(request.url.scheme(), QStringLiteral("https"));
    QCOMPARE(request.url.host(), HostName);
    QCOMPARE(request.url.path(QUrl::FullyEncoded), QStringLiteral("/devices/lora-01"));
    QCOMPARE(request.url.query(QUrl::FullyEncoded), QStringLiteral("api-version=2021-04-12"));
    QVERIFY(request.header("Authorization").startsWith("SharedAccessSignature sr=myhub.azure-devices.net&sig="));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    QVERIFY(!request.request.hasRawHeader("If-Match")); // the hub refuses an etag on create
    QCOMPARE(bodyObject(request), json(R"({"deviceId":"lora-01","status":"enabled","cloudToDeviceMessageCount":0,
        "authentication":{"type":"sas","symmetricKey":{"primaryKey":null,"secondaryKey":null},
                          "x509Thumbprint":{"primaryThumbprint":null,"secondaryThumbprint":null}},
        "capabilities":{"iotEdge":false}})"));
}

void TestIotHubServiceClient::updateDeviceIfMatch_data()
{
    QTest::addColumn<QString>("etag");
    QTest::addColumn<bool>("force");
    QTest::addColumn<QByteArray>("ifMatch");
    QTest::addRow("etag is quoted") << QStringLiteral("AAAAAAAAAAE=") << false << QByteArray("\"AAAAAAAAAAE=\"");
    QTest::addRow("quoted etag kept") << QStringLiteral("\"AAAA\"") << false << QByteArray("\"AAAA\"");
    QTest::addRow("force") << QStringLiteral("AAAA") << true << QByteArray("*");
    QTest::addRow("no etag") << QString() << false << QByteArray("*");
}

void TestIotHubServiceClient::updateDeviceIfMatch()
{
    QFETCH(QString, etag);
    QFETCH(bool, force);
    QFETCH(QByteArray, ifMatch);
    m_nam->on("PUT", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("d1"))));
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d1");
    device.etag = etag;
    device.status = DeviceIdentity::Status::Disabled;
    device.statusReason = QStringLiteral("stolen");
    const Result<DeviceIdentity> result = await(m_client->updateDevice(device, force));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(lastRequest().method, QByteArray("PUT"));
    QCOMPARE(lastRequest().header("If-Match"), ifMatch);
    QCOMPARE(bodyObject(lastRequest()).value(QStringLiteral("status")).toString(), QStringLiteral("disabled"));
    QCOMPARE(bodyObject(lastRequest()).value(QStringLiteral("statusReason")).toString(), QStringLiteral("stolen"));
}

void TestIotHubServiceClient::getDevice()
{
    m_nam->on("GET", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("d1"))));
    const Result<DeviceIdentity> result = await(m_client->getDevice(QStringLiteral("d1")));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().deviceId, QStringLiteral("d1"));
    QCOMPARE(result.value().generationId, QStringLiteral("gen-1"));
    QCOMPARE(lastRequest().method, QByteArray("GET"));
    QCOMPARE(lastRequest().url.query(), QStringLiteral("api-version=2021-04-12"));
    QVERIFY(lastRequest().body.isEmpty());
    QVERIFY(!lastRequest().request.hasRawHeader("If-Match"));
}

void TestIotHubServiceClient::deleteDevice_data()
{
    QTest::addColumn<QString>("etag");
    QTest::addColumn<QByteArray>("ifMatch");
    QTest::addRow("unconditional") << QString() << QByteArray("*");
    QTest::addRow("with etag") << QStringLiteral("ZXRhZzE=") << QByteArray("\"ZXRhZzE=\"");
}

void TestIotHubServiceClient::deleteDevice()
{
    QFETCH(QString, etag);
    QFETCH(QByteArray, ifMatch);
    m_nam->on("DELETE", QStringLiteral("/devices/d1"), FakeNetworkAccessManager::empty(204));
    const Status result = await(m_client->deleteDevice(QStringLiteral("d1"), etag));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(lastRequest().method, QByteArray("DELETE"));
    QCOMPARE(lastRequest().url.path(QUrl::FullyEncoded), QStringLiteral("/devices/d1"));
    QCOMPARE(lastRequest().header("If-Match"), ifMatch);
}

void TestIotHubServiceClient::deviceIdsAreEncoded_data()
{
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<QString>("encoded");
    QTest::addRow("colon") << QStringLiteral("lora:01") << QStringLiteral("lora%3A01");
    QTest::addRow("hash") << QStringLiteral("x#1") << QStringLiteral("x%231");
    QTest::addRow("question mark") << QStringLiteral("q?x=1") << QStringLiteral("q%3Fx%3D1");
    QTest::addRow("percent") << QStringLiteral("p%20") << QStringLiteral("p%2520");
    QTest::addRow("plus") << QStringLiteral("a+b") << QStringLiteral("a%2Bb");
    QTest::addRow("sub-delims") << QStringLiteral("$e@;'(x),!*") << QStringLiteral("%24e%40%3B%27%28x%29%2C%21%2A");
    QTest::addRow("unreserved stay") << QStringLiteral("a-b.c_d") << QStringLiteral("a-b.c_d");
}

void TestIotHubServiceClient::deviceIdsAreEncoded()
{
    QFETCH(QString, deviceId);
    QFETCH(QString, encoded);
    m_nam->setHandler([deviceId](const FakeNetworkAccessManager::Request &request)
                          -> std::optional<FakeNetworkAccessManager::Response> {
        if (request.url.path(QUrl::FullyEncoded).startsWith(QLatin1String("/twins/")))
            return FakeNetworkAccessManager::json(200, twinJson(deviceId, QStringLiteral("t"), 1));
        return FakeNetworkAccessManager::json(200, deviceJson(deviceId));
    });
    const Result<DeviceIdentity> device = await(m_client->getDevice(deviceId));
    QVERIFY2(device.ok(), qPrintable(device.error().toString()));
    QCOMPARE(lastRequest().url.path(QUrl::FullyEncoded), QStringLiteral("/devices/") + encoded);
    QVERIFY(lastRequest().url.toEncoded().endsWith(
        QByteArray("/devices/" + encoded.toLatin1() + "?api-version=2021-04-12")));
    QVERIFY(!lastRequest().url.hasFragment());

    const Result<DeviceTwin> twin = await(m_client->getTwin(deviceId));
    QVERIFY2(twin.ok(), qPrintable(twin.error().toString()));
    QCOMPARE(lastRequest().url.path(QUrl::FullyEncoded), QStringLiteral("/twins/") + encoded);
    QCOMPARE(QUrlQuery(lastRequest().url).queryItemValue(QStringLiteral("api-version")), QStringLiteral("2021-04-12"));
}

void TestIotHubServiceClient::invalidDeviceIdSendsNothing()
{
    for (const QString &id :
         {QString(), QStringLiteral("has space"), QStringLiteral("a/b"), QString(129, QLatin1Char('x'))}) {
        const Result<DeviceIdentity> result = await(m_client->getDevice(id));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY(result.error().message().contains(QStringLiteral("device id")));
        QVERIFY(result.error().toString().startsWith(QStringLiteral("Could not read the IoT Hub device")));
    }
    const Result<DeviceTwin> twin = await(m_client->updateTwin(QStringLiteral("a b"), {}));
    QCOMPARE(twin.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(m_nam->requests().size(), 0);
}

void TestIotHubServiceClient::importDevices()
{
    m_nam->on("POST", QStringLiteral("/devices"),
              FakeNetworkAccessManager::json(200, json(R"({"isSuccessful":true,"errors":[],"warnings":[]})")));
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d1");
    const QList<ImportDevice> entries = {ImportDevice::fromIdentity(device, ImportDevice::Mode::Create),
                                         ImportDevice::deletion(QStringLiteral("d2"), QStringLiteral("e2"))};
    const Result<BulkImportResult> result = await(m_client->importDevices(entries));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QVERIFY(result.value().isSuccessful);
    const auto &request = lastRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.url.path(), QStringLiteral("/devices"));
    QCOMPARE(request.url.query(), QStringLiteral("api-version=2021-04-12"));
    const QJsonArray body = QJsonDocument::fromJson(request.body).array();
    QCOMPARE(body.size(), 2);
    QCOMPARE(body.at(0).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("d1"));
    QCOMPARE(body.at(0).toObject().value(QStringLiteral("importMode")).toString(), QStringLiteral("create"));
    QCOMPARE(body.at(1).toObject(), json(R"({"id":"d2","importMode":"deleteIfMatchETag","eTag":"e2"})"));
}

void TestIotHubServiceClient::importDevicesPartialFailure()
{
    // 400 with a bulk result is an answer, not an error: the per-device errors are the data.
    m_nam->on("POST", QStringLiteral("/devices"), FakeNetworkAccessManager::json(400, json(R"({"isSuccessful":false,
        "errors":[{"deviceId":"d2","errorCode":"DeviceAlreadyExists","errorStatus":"already there","operation":"create"}],
        "warnings":[]})")));
    QList<ImportDevice> entries;
    for (const QString &id : {QStringLiteral("d1"), QStringLiteral("d2")}) {
        ImportDevice entry;
        entry.id = id;
        entries.append(entry);
    }
    const Result<BulkImportResult> result = await(m_client->importDevices(entries));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QVERIFY(!result.value().isSuccessful);
    QCOMPARE(result.value().failedDeviceIds(), QStringList{QStringLiteral("d2")});
    QCOMPARE(result.value().errorFor(QStringLiteral("d2"))->errorCode, QStringLiteral("DeviceAlreadyExists"));
}

void TestIotHubServiceClient::importDevicesValidates_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("duplicate");
    QTest::addColumn<bool>("etagless");
    QTest::addColumn<QString>("word");
    QTest::addRow("empty") << 0 << false << false << QStringLiteral("no devices");
    QTest::addRow("101") << 101 << false << false << QStringLiteral("at most 100");
    QTest::addRow("duplicate") << 2 << true << false << QStringLiteral("more than once");
    QTest::addRow("IfMatchETag without etag") << 1 << false << true << QStringLiteral("needs an etag");
}

void TestIotHubServiceClient::importDevicesValidates()
{
    QFETCH(int, count);
    QFETCH(bool, duplicate);
    QFETCH(bool, etagless);
    QFETCH(QString, word);
    QList<ImportDevice> entries;
    for (int i = 0; i < count; ++i) {
        ImportDevice entry;
        entry.id = duplicate ? QStringLiteral("same") : QStringLiteral("d%1").arg(i);
        if (etagless)
            entry.importMode = ImportDevice::Mode::UpdateIfMatchETag;
        entries.append(entry);
    }
    const Result<BulkImportResult> result = await(m_client->importDevices(entries));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(result.error().message().contains(word), qPrintable(result.error().message()));
    QCOMPARE(m_nam->requests().size(), 0);
}

void TestIotHubServiceClient::deviceStatistics()
{
    m_nam->on("GET", QStringLiteral("/statistics/devices"),
              FakeNetworkAccessManager::json(
                  200, json(R"({"totalDeviceCount":12,"enabledDeviceCount":10,"disabledDeviceCount":2})")));
    const Result<DeviceStatistics> result = await(m_client->deviceStatistics());
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().totalDeviceCount, qint64(12));
    QCOMPARE(result.value().enabledDeviceCount, qint64(10));
    QCOMPARE(result.value().disabledDeviceCount, qint64(2));
    QCOMPARE(lastRequest().method, QByteArray("GET"));
    QCOMPARE(lastRequest().url.query(), QStringLiteral("api-version=2021-04-12"));
}

void TestIotHubServiceClient::getTwin()
{
    m_nam->on("GET", QStringLiteral("/twins/d1"),
              FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("d1"), QStringLiteral("AAAAAAAAAAc="), 4)));
    const Result<DeviceTwin> result = await(m_client->getTwin(QStringLiteral("d1")));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().etag, QStringLiteral("AAAAAAAAAAc="));
    QCOMPARE(result.value().desiredVersion(), qint64(4));
    QCOMPARE(result.value().reportedVersion(), qint64(1));
    QCOMPARE(lastRequest().method, QByteArray("GET"));
    QCOMPARE(lastRequest().url.path(), QStringLiteral("/twins/d1"));
}

void TestIotHubServiceClient::updateTwin()
{
    m_nam->on("PATCH", QStringLiteral("/twins/d1"),
              FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("d1"), QStringLiteral("AAAAAAAAAAg="), 5)));
    const QJsonObject patch = DeviceTwin::patch(QJsonObject{{QStringLiteral("site"), QJsonValue::Null}},
                                                QJsonObject{{QStringLiteral("interval"), 30}});
    const Result<DeviceTwin> result =
        await(m_client->updateTwin(QStringLiteral("d1"), patch, QStringLiteral("AAAAAAAAAAc=")));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().desiredVersion(), qint64(5));
    const auto &request = lastRequest();
    QCOMPARE(request.method, QByteArray("PATCH"));
    QCOMPARE(request.url.path(), QStringLiteral("/twins/d1"));
    QCOMPARE(request.url.query(), QStringLiteral("api-version=2021-04-12"));
    QCOMPARE(request.header("If-Match"), QByteArray("\"AAAAAAAAAAc=\""));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    QCOMPARE(bodyObject(request), json(R"({"tags":{"site":null},"properties":{"desired":{"interval":30}}})"));

    // Without an etag the update is forced.
    const Result<DeviceTwin> forced = await(m_client->updateTwin(QStringLiteral("d1"), patch));
    QVERIFY(forced.ok());
    QCOMPARE(lastRequest().header("If-Match"), QByteArray("*"));
}

void TestIotHubServiceClient::replaceTwin()
{
    m_nam->on("PUT", QStringLiteral("/twins/d1"),
              FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("d1"), QStringLiteral("AAAAAAAAAAk="), 6)));
    DeviceTwin twin = DeviceTwin::fromJson(twinJson(QStringLiteral("d1"), QStringLiteral("AAAAAAAAAAc="), 4)).value();
    const Result<DeviceTwin> result =
        await(m_client->replaceTwin(QStringLiteral("d1"), twin.toReplacementJson(), twin.etag));
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().etag, QStringLiteral("AAAAAAAAAAk="));
    QCOMPARE(lastRequest().method, QByteArray("PUT"));
    QCOMPARE(lastRequest().header("If-Match"), QByteArray("\"AAAAAAAAAAc=\""));
    QCOMPARE(bodyObject(lastRequest()),
             json(R"({"deviceId":"d1","tags":{"site":"north"},"properties":{"desired":{"interval":60}}})"));
}

void TestIotHubServiceClient::twinConflictCarriesCurrentTwin()
{
    m_nam->on(
        "PATCH", QStringLiteral("/twins/d1"),
        FakeNetworkAccessManager::json(
            412,
            json(
                R"({"Message":"ErrorCode:PreconditionFailed;Precondition failed: the etag does not match","ExceptionMessage":"Tracking ID:t412-G:0-TimeStamp:01/01/2026 00:00:00"})")));
    const QJsonObject current = twinJson(QStringLiteral("d1"), QStringLiteral("AAAAAAAAAA0="), 9);
    m_nam->on("GET", QStringLiteral("/twins/d1"), FakeNetworkAccessManager::json(200, current));
    const Result<DeviceTwin> result = await(m_client->updateTwin(
        QStringLiteral("d1"), DeviceTwin::patch(std::nullopt, QJsonObject{}), QStringLiteral("old")));
    QVERIFY(!result.ok());
    const ServiceError &error = result.error();
    QCOMPARE(error.kind(), ServiceError::Kind::PreconditionFailed);
    QCOMPARE(error.httpStatus(), 412);
    QCOMPARE(error.code(), QStringLiteral("PreconditionFailed"));
    QVERIFY(error.message().contains(QStringLiteral("\"d1\"")));
    QVERIFY(error.message().contains(QStringLiteral("changed by someone else")));
    QVERIFY(error.detail().contains(QStringLiteral("t412")));
    QCOMPARE(error.payload().toObject(), current);
    QCOMPARE(DeviceTwin::fromJson(error.payload().toObject()).value().etag, QStringLiteral("AAAAAAAAAA0="));
    QCOMPARE(m_nam->requests().size(), 2);
    QCOMPARE(m_nam->requests().at(0).method, QByteArray("PATCH"));
    QCOMPARE(m_nam->requests().at(0).header("If-Match"), QByteArray("\"old\""));
    QCOMPARE(m_nam->requests().at(1).method, QByteArray("GET"));
    QCOMPARE(m_nam->requests().at(1).url.path(), QStringLiteral("/twins/d1"));
}

void TestIotHubServiceClient::query()
{
    m_nam->on("POST", QStringLiteral("/devices/query"),
              FakeNetworkAccessManager::json(200, QJsonArray{twinJson(QStringLiteral("a"), QStringLiteral("e"), 1)})
                  .header("x-ms-continuation", "next-token")
                  .header("x-ms-item-type", "Twin"));
    const Result<QueryPage> page =
        await(m_client->query(QStringLiteral("SELECT * FROM devices"), 50, QStringLiteral("this-token")));
    QVERIFY2(page.ok(), qPrintable(page.error().toString()));
    QCOMPARE(int(page.value().size()), 1);
    QCOMPARE(page.value().continuationToken, QStringLiteral("next-token"));
    QCOMPARE(page.value().itemType, QStringLiteral("Twin"));
    QCOMPARE(page.value().twins().value().first().deviceId, QStringLiteral("a"));
    const auto &request = lastRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.url.path(), QStringLiteral("/devices/query"));
    QCOMPARE(request.url.query(), QStringLiteral("api-version=2021-04-12"));
    QCOMPARE(request.header("x-ms-max-item-count"), QByteArray("50"));
    QCOMPARE(request.header("x-ms-continuation"), QByteArray("this-token"));
    QCOMPARE(bodyObject(request), json(R"({"query":"SELECT * FROM devices"})"));

    const Result<QueryPage> first = await(m_client->query(QStringLiteral("SELECT deviceId FROM devices")));
    QVERIFY(first.ok());
    QVERIFY(!lastRequest().request.hasRawHeader("x-ms-max-item-count"));
    QVERIFY(!lastRequest().request.hasRawHeader("x-ms-continuation"));
}

void TestIotHubServiceClient::queryAllWalksPages()
{
    auto page = [](std::initializer_list<const char *> ids, const QByteArray &token) {
        QJsonArray items;
        for (const char *id : ids)
            items.append(QJsonObject{{QStringLiteral("deviceId"), QString::fromLatin1(id)}});
        FakeNetworkAccessManager::Response response = FakeNetworkAccessManager::json(200, items);
        if (!token.isEmpty())
            response.header("x-ms-continuation", token);
        return response;
    };
    m_nam->on("POST", QStringLiteral("/devices/query"), page({"a", "b"}, "c1"));
    m_nam->on("POST", QStringLiteral("/devices/query"), page({"c", "d"}, "c2"));
    m_nam->on("POST", QStringLiteral("/devices/query"), page({"e"}, {}));
    QList<QPair<qsizetype, int>> progress;
    const QFuture<Result<QueryPage>> future =
        m_client->queryAll(QStringLiteral("SELECT * FROM devices"), 2, [&progress](qsizetype items, int pages) {
            progress.append({items, pages});
        });
    const Result<QueryPage> all = await(future);
    QVERIFY2(all.ok(), qPrintable(all.error().toString()));
    QCOMPARE(int(all.value().size()), 5);
    QVERIFY(!all.value().hasMore());
    const Result<QList<DeviceTwin>> twins = all.value().twins();
    QCOMPARE(twins.value().last().deviceId, QStringLiteral("e"));
    QCOMPARE(progress, (QList<QPair<qsizetype, int>>{{2, 1}, {4, 2}, {5, 3}}));
    QCOMPARE(future.progressValue(), 5);

    const auto requests = m_nam->requests();
    QCOMPARE(requests.size(), 3);
    QVERIFY(!requests.at(0).request.hasRawHeader("x-ms-continuation"));
    QCOMPARE(requests.at(1).header("x-ms-continuation"), QByteArray("c1"));
    QCOMPARE(requests.at(2).header("x-ms-continuation"), QByteArray("c2"));
    for (const auto &request : requests) {
        QCOMPARE(request.header("x-ms-max-item-count"), QByteArray("2"));
        QCOMPARE(bodyObject(request), json(R"({"query":"SELECT * FROM devices"})"));
    }
}

void TestIotHubServiceClient::queryAllStopsOnRepeatedToken()
{
    FakeNetworkAccessManager::Response looping = FakeNetworkAccessManager::json(200, QJsonArray{QJsonObject{}});
    looping.header("x-ms-continuation", "same");
    m_nam->on("POST", QStringLiteral("/devices/query"), looping);
    const Result<QueryPage> result = await(m_client->queryAll(QStringLiteral("SELECT * FROM devices")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::MalformedResponse);
    QVERIFY(result.error().detail().contains(QStringLiteral("continuation token")));
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestIotHubServiceClient::queryAllCanBeCanceled()
{
    FakeNetworkAccessManager::Response first = FakeNetworkAccessManager::json(200, QJsonArray{QJsonObject{}});
    first.header("x-ms-continuation", "c1");
    m_nam->on("POST", QStringLiteral("/devices/query"), first);
    m_nam->on("POST", QStringLiteral("/devices/query"), FakeNetworkAccessManager::hanging());
    int pages = 0;
    QFuture<Result<QueryPage>> future = m_client->queryAll(QStringLiteral("SELECT * FROM devices"), 1,
                                                           [&pages](qsizetype, int count) { pages = count; });
    QTRY_COMPARE(m_nam->requests().size(), 2);
    QCOMPARE(pages, 1);
    QCOMPARE(m_nam->openReplies(), 1);
    future.cancel();
    QTRY_COMPARE(m_nam->openReplies(), 0); // the hanging second page was aborted
    QTRY_VERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestIotHubServiceClient::errors_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("errorCodeHeader");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("messageWords");
    QTest::addColumn<QStringList>("detailWords");

    using K = ServiceError::Kind;
    QTest::addRow("400 legacy envelope")
        << "create" << 400
        << QByteArray(
               R"({"Message":"ErrorCode:ArgumentInvalid;The device id 'd1' is malformed.","ExceptionMessage":"Tracking ID:t400-G:0-TimeStamp:x"})")
        << QByteArray() << int(K::BadRequest) << "ArgumentInvalid"
        << words({"rejected the request as invalid", "The device id 'd1' is malformed."})
        << words({"ArgumentInvalid (400004)", "t400"});
    QTest::addRow("401 create lacks RegistryWrite")
        << "create" << 401
        << QByteArray(R"({"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized","ExceptionMessage":""})")
        << QByteArray() << int(K::Unauthorized) << "IotHubUnauthorizedAccess"
        << words({"The shared access policy \"twinbridge\" lacks RegistryWrite, which creating devices needs — or "
                  "the key is wrong. Use a policy with RegistryRead, RegistryWrite and ServiceConnect."})
        << QStringList();
    QTest::addRow("401 delete lacks RegistryWrite")
        << "delete" << 401 << QByteArray(R"({"errorCode":401002,"message":"Unauthorized"})") << QByteArray()
        << int(K::Unauthorized) << "IotHubUnauthorizedAccess" << words({"lacks RegistryWrite", "deleting devices"})
        << QStringList();
    QTest::addRow("401 get lacks RegistryRead")
        << "get" << 401 << QByteArray(R"({"errorCode":401002,"message":"Unauthorized"})") << QByteArray()
        << int(K::Unauthorized) << "IotHubUnauthorizedAccess" << words({"lacks RegistryRead", "reading devices"})
        << QStringList();
    QTest::addRow("401 twin header only")
        << "getTwin" << 401 << QByteArray() << QByteArray("IotHubUnauthorizedAccess") << int(K::Unauthorized)
        << "IotHubUnauthorizedAccess" << words({"lacks ServiceConnect", "reading twins"}) << QStringList();
    QTest::addRow("401 twin update") << "updateTwin" << 401 << QByteArray() << QByteArray() << int(K::Unauthorized)
                                     << "" << words({"lacks ServiceConnect", "updating twins"}) << QStringList();
    QTest::addRow("401 query") << "query" << 401
                               << QByteArray(R"({"Message":"{\"errorCode\":401002,\"message\":\"Unauthorized\"}"})")
                               << QByteArray() << int(K::Unauthorized) << "IotHubUnauthorizedAccess"
                               << words({"lacks ServiceConnect", "querying devices"}) << QStringList();
    QTest::addRow("401 hub not found") << "get" << 401
                                       << QByteArray(R"({"errorCode":401001,"message":"IotHub not found"})")
                                       << QByteArray() << int(K::Unauthorized) << "IotHubNotFound"
                                       << words({"myhub.azure-devices.net", "does not exist", "host name"})
                                       << QStringList();
    QTest::addRow("401 expired token")
        << "get" << 401 << QByteArray(R"({"Message":"ErrorCode:IotHubUnauthorized;SharedAccessSignature is expired"})")
        << QByteArray() << int(K::Unauthorized) << "IotHubUnauthorized" << words({"expired", "clock"}) << QStringList();
    QTest::addRow("403 quota")
        << "create" << 403
        << QByteArray(R"({"errorCode":403002,"message":"Total number of messages exceeded the allocated quota"})")
        << QByteArray() << int(K::Forbidden) << "IotHubQuotaExceeded"
        << words({"\"myhub\"", "daily message quota", "scale the hub up"}) << words({"exceeded the allocated quota"});
    QTest::addRow("403 other") << "bulk" << 403
                               << QByteArray(R"({"Message":"ErrorCode:GenericForbidden;Not allowed now."})")
                               << QByteArray() << int(K::Forbidden) << "GenericForbidden"
                               << words({"refused changing devices in bulk", "Not allowed now."}) << QStringList();
    QTest::addRow("403 basic tier")
        << "getTwin" << 403
        << QByteArray(R"({"Message":"ErrorCode:OperationNotAvailableInCurrentTier;Twins are not available"})")
        << QByteArray() << int(K::Unsupported) << "OperationNotAvailableInCurrentTier"
        << words({"tier", "reading twins", "Basic"}) << QStringList();
    QTest::addRow("404 device")
        << "get" << 404
        << QByteArray(R"({"errorCode":404001,"trackingId":"t404","message":"Device not found","timestampUtc":"x"})")
        << QByteArray() << int(K::NotFound) << "DeviceNotFound"
        << words({"The device \"d1\" does not exist in the hub \"myhub\"", "create the device"}) << words({"t404"});
    QTest::addRow("404 twin, payload in Message string")
        << "getTwin" << 404 << QByteArray(R"({"Message":"{\"errorCode\":404001,\"message\":\"Device not found\"}"})")
        << QByteArray() << int(K::NotFound) << "DeviceNotFound" << words({"\"d1\"", "does not exist"}) << QStringList();
    QTest::addRow("404 without device") << "stats" << 404 << QByteArray() << QByteArray() << int(K::NotFound) << ""
                                        << words({"not found", "reading the registry statistics", "host name"})
                                        << QStringList();
    QTest::addRow("409 exists")
        << "create" << 409
        << QByteArray(R"({"Message":"ErrorCode:DeviceAlreadyExists;A device with ID 'd1' is already registered."})")
        << QByteArray() << int(K::Conflict) << "DeviceAlreadyExists"
        << words({"\"d1\"", "already exists", "Choose another id"}) << QStringList();
    QTest::addRow("412 device") << "update" << 412
                                << QByteArray(R"({"errorCode":412001,"message":"Precondition failed"})") << QByteArray()
                                << int(K::PreconditionFailed) << "PreconditionFailed"
                                << words({"The device \"d1\"", "changed by someone else", "Reload"}) << QStringList();
    QTest::addRow("413 twin too large") << "updateTwin" << 413
                                        << QByteArray(R"({"errorCode":413001,"message":"Twin size exceeded"})")
                                        << QByteArray() << int(K::PayloadTooLarge) << "MessageTooLarge"
                                        << words({"too large", "8 KB", "32 KB"}) << words({"Twin size exceeded"});
    QTest::addRow("413 too many devices")
        << "create" << 413 << QByteArray(R"({"errorCode":413002,"message":"x"})") << QByteArray()
        << int(K::PayloadTooLarge) << "TooManyDevices" << words({"maximum number of devices"}) << QStringList();
    QTest::addRow("429 after retries") << "get" << 429
                                       << QByteArray(R"({"Message":"ErrorCode:ThrottlingException;Throttled"})")
                                       << QByteArray() << int(K::Throttled) << "ThrottlingException"
                                       << words({"throttled reading devices", "after 2 attempt", "tier"})
                                       << QStringList();
    QTest::addRow("500") << "get" << 500 << QByteArray(R"({"Message":"ErrorCode:ServerError;Internal error"})")
                         << QByteArray() << int(K::ServerError) << "ServerError"
                         << words({"internal error", "HTTP 500", "try again later"}) << QStringList();
    QTest::addRow("503") << "get" << 503 << QByteArray("Service Unavailable") << QByteArray() << int(K::Unavailable)
                         << "" << words({"temporarily unavailable", "after 2 attempt"})
                         << words({"Service Unavailable"});
    QTest::addRow("200 not JSON") << "get" << 200 << QByteArray("<html>hello</html>") << QByteArray()
                                  << int(K::MalformedResponse) << "" << words({"does not understand"})
                                  << words({"not JSON"});
    QTest::addRow("200 array for a device")
        << "get" << 200 << QByteArray("[]") << QByteArray() << int(K::MalformedResponse) << ""
        << words({"does not understand"}) << words({"not a JSON object"});
    QTest::addRow("200 device with wrong types")
        << "create" << 200 << QByteArray(R"({"deviceId":"d1","status":1})") << QByteArray() << int(K::MalformedResponse)
        << "" << words({"does not understand"}) << words({"status: "});
    QTest::addRow("200 twin with wrong types")
        << "updateTwin" << 200 << QByteArray(R"({"deviceId":"d1","tags":[]})") << QByteArray()
        << int(K::MalformedResponse) << "" << words({"does not understand"}) << words({"tags: "});
    QTest::addRow("200 query object") << "query" << 200 << QByteArray("{}") << QByteArray() << int(K::MalformedResponse)
                                      << "" << words({"does not understand"}) << words({"list"});
    QTest::addRow("200 statistics wrong type")
        << "stats" << 200 << QByteArray(R"({"totalDeviceCount":"12"})") << QByteArray() << int(K::MalformedResponse)
        << "" << words({"does not understand"}) << words({"totalDeviceCount: "});
    QTest::addRow("200 bulk not a result")
        << "bulk" << 200 << QByteArray(R"({"ok":true})") << QByteArray() << int(K::MalformedResponse) << ""
        << words({"does not understand"}) << words({"bulk registry result"});
    QTest::addRow("400 bulk without result")
        << "bulk" << 400 << QByteArray(R"({"Message":"ErrorCode:DeviceDefinedMultipleTimes;d1 twice"})") << QByteArray()
        << int(K::BadRequest) << "DeviceDefinedMultipleTimes" << words({"invalid", "d1 twice"}) << QStringList();
}

ServiceError TestIotHubServiceClient::errorFor(const QString &operation)
{
    const QString id = QStringLiteral("d1");
    if (operation == QLatin1String("create")) {
        DeviceIdentity device;
        device.deviceId = id;
        return await(m_client->createDevice(device)).error();
    }
    if (operation == QLatin1String("update")) {
        DeviceIdentity device;
        device.deviceId = id;
        device.etag = QStringLiteral("old");
        return await(m_client->updateDevice(device)).error();
    }
    if (operation == QLatin1String("get"))
        return await(m_client->getDevice(id)).error();
    if (operation == QLatin1String("delete"))
        return await(m_client->deleteDevice(id)).error();
    if (operation == QLatin1String("bulk")) {
        ImportDevice entry;
        entry.id = id;
        return await(m_client->importDevices({entry})).error();
    }
    if (operation == QLatin1String("stats"))
        return await(m_client->deviceStatistics()).error();
    if (operation == QLatin1String("getTwin"))
        return await(m_client->getTwin(id)).error();
    if (operation == QLatin1String("updateTwin"))
        return await(m_client->updateTwin(id, DeviceTwin::patch(std::nullopt, QJsonObject{}))).error();
    if (operation == QLatin1String("query"))
        return await(m_client->query(QStringLiteral("SELECT * FROM devices"))).error();
    qFatal("unknown operation");
}

void TestIotHubServiceClient::errors()
{
    QFETCH(QString, operation);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, errorCodeHeader);
    QFETCH(int, kind);
    QFETCH(QString, code);
    QFETCH(QStringList, messageWords);
    QFETCH(QStringList, detailWords);

    FakeNetworkAccessManager::Response response =
        FakeNetworkAccessManager::text(status, body, "application/json; charset=utf-8");
    if (!errorCodeHeader.isEmpty())
        response.header("iothub-errorcode", errorCodeHeader);
    m_nam->setHandler([response](const FakeNetworkAccessManager::Request &) { return std::optional(response); });

    const ServiceError error = errorFor(operation);
    QCOMPARE(ServiceError::kindName(error.kind()), ServiceError::kindName(ServiceError::Kind(kind)));
    QCOMPARE(error.code(), code);
    QCOMPARE(error.httpStatus(), status);
    QVERIFY(!error.operation().isEmpty());
    QVERIFY2(error.toString().startsWith(QStringLiteral("Could not ")), qPrintable(error.toString()));
    for (const QString &word : messageWords)
        QVERIFY2(error.message().contains(word, Qt::CaseInsensitive), qPrintable(error.message()));
    for (const QString &word : detailWords)
        QVERIFY2(error.detail().contains(word), qPrintable(error.detail()));
    const int expectedAttempts = (status == 429 || status == 503) ? 2 : 1;
    QCOMPARE(int(m_nam->requests().size()), expectedAttempts);
}

void TestIotHubServiceClient::throttledMessageNamesTheLimit()
{
    HubThrottle throttle(HubSku::S1, 1, m_clock);
    m_client->setThrottle(&throttle);
    m_nam->on("GET", QStringLiteral("/devices/d1"), FakeNetworkAccessManager::empty(429).header("Retry-After", "7"));
    const Result<DeviceIdentity> result = await(m_client->getDevice(QStringLiteral("d1")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), ServiceError::Kind::Throttled);
    QVERIFY2(result.error().message().contains(
                 QStringLiteral("The hub (S1 × 1) allows 100 registry operations per minute.")),
             qPrintable(result.error().message()));
    QCOMPARE(result.error().retryAfter(), std::chrono::milliseconds(7000));
    QVERIFY(result.error().isTransient());
}

void TestIotHubServiceClient::sasTokenVerifiesAndCoversTheHub()
{
    m_nam->on("GET", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("d1"))));
    QVERIFY(await(m_client->getDevice(QStringLiteral("d1"))).ok());
    const Result<SasToken> token = SasToken::parse(QString::fromLatin1(lastRequest().header("Authorization")));
    QVERIFY2(token.ok(), qPrintable(token.error().message()));
    QVERIFY(token.value().verify(PolicyKey, m_clock->nowUtc()).ok());
    QVERIFY(!token.value().verify("d3Jvbmcga2V5IHdyb25nIGtleSB3cm9uZyBrZXk=", m_clock->nowUtc()).ok());
    QCOMPARE(token.value().resource(), HostName);
    QVERIFY(token.value().covers(HostName));
    QVERIFY(token.value().covers(HostName + QStringLiteral("/devices/d1")));
    QCOMPARE(token.value().keyName(), PolicyName);
    QCOMPARE(token.value().expiry(), m_clock->secondsSinceEpoch() + 3600);
}

void TestIotHubServiceClient::tokenIsRenewedBeforeExpiry()
{
    m_nam->on("GET", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("d1"))));
    QVERIFY(await(m_client->getDevice(QStringLiteral("d1"))).ok());
    const QByteArray first = lastRequest().header("Authorization");
    const qint64 firstExpiry = SasToken::parse(QString::fromLatin1(first)).value().expiry();

    m_clock->advance(49min); // 11 minutes left: still good
    QVERIFY(await(m_client->getDevice(QStringLiteral("d1"))).ok());
    QCOMPARE(lastRequest().header("Authorization"), first);

    m_clock->advance(2min); // 9 minutes left: renewed (default margin ten minutes)
    QVERIFY(await(m_client->getDevice(QStringLiteral("d1"))).ok());
    const QByteArray renewed = lastRequest().header("Authorization");
    QVERIFY(renewed != first);
    const SasToken token = SasToken::parse(QString::fromLatin1(renewed)).value();
    QCOMPARE(token.expiry(), firstExpiry + 51 * 60);
    QVERIFY(token.verify(PolicyKey, m_clock->nowUtc()).ok());
    QVERIFY(token.covers(HostName));

    // A shorter lifetime and margin are honoured too.
    m_client->setTokenLifetime(std::chrono::seconds(600), std::chrono::seconds(60));
    QVERIFY(await(m_client->getDevice(QStringLiteral("d1"))).ok());
    QCOMPARE(SasToken::parse(QString::fromLatin1(lastRequest().header("Authorization"))).value().expiry(),
             m_clock->secondsSinceEpoch() + 600);
}

void TestIotHubServiceClient::endpointOverrideKeepsTheHubResource()
{
    IotHubCredentials sandbox = credentials();
    sandbox.restEndpoint = QUrl(QStringLiteral("https://127.0.0.1:4443/"));
    m_client->setCredentials(sandbox);
    m_nam->on("GET", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("d1"))));
    QVERIFY(await(m_client->getDevice(QStringLiteral("d1"))).ok());
    QCOMPARE(lastRequest().url.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(lastRequest().url.port(), 4443);
    QCOMPARE(lastRequest().url.path(), QStringLiteral("/devices/d1"));
    // The sandbox picks the hub by the token's resource, which stays the logical host name.
    QCOMPARE(SasToken::parse(QString::fromLatin1(lastRequest().header("Authorization"))).value().resource(), HostName);
}

void TestIotHubServiceClient::missingCredentials_data()
{
    QTest::addColumn<QString>("hostName");
    QTest::addColumn<QString>("policyName");
    QTest::addColumn<QByteArray>("policyKey");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("word");
    using K = ServiceError::Kind;
    QTest::addRow("no host") << QString() << PolicyName << PolicyKey << int(K::NotConfigured)
                             << QStringLiteral("host name");
    QTest::addRow("no policy") << HostName << QString() << PolicyKey << int(K::NotConfigured)
                               << QStringLiteral("policy name");
    QTest::addRow("no key") << HostName << PolicyName << QByteArray() << int(K::NotConfigured)
                            << QStringLiteral("Shared access policies");
    QTest::addRow("key not base64") << HostName << PolicyName << QByteArray("not*base64!") << int(K::InvalidInput)
                                    << QStringLiteral("not base64");
}

void TestIotHubServiceClient::missingCredentials()
{
    QFETCH(QString, hostName);
    QFETCH(QString, policyName);
    QFETCH(QByteArray, policyKey);
    QFETCH(int, kind);
    QFETCH(QString, word);
    IotHubCredentials broken;
    broken.hostName = hostName;
    broken.policyName = policyName;
    broken.policyKey = policyKey;
    m_client->setCredentials(broken);
    HubThrottle throttle(HubSku::S1, 1, m_clock);
    m_client->setThrottle(&throttle);
    const Result<DeviceIdentity> result = await(m_client->getDevice(QStringLiteral("d1")));
    QCOMPARE(throttle.limiter(HubThrottle::Operation::Registry)->granted(), quint64(0)); // failed before the throttle
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().kind()), kind);
    QVERIFY2(result.error().message().contains(word), qPrintable(result.error().message()));
    QVERIFY(result.error().toString().startsWith(QStringLiteral("Could not read the IoT Hub device \"d1\"")));
    QVERIFY(!result.error().toString().contains(QString::fromLatin1(PolicyKey)));
    QCOMPARE(m_nam->requests().size(), 0);
}

void TestIotHubServiceClient::registryLimiterDelaysTheNextRequest()
{
    HubThrottle throttle(HubSku::F1, 1, m_clock); // 100 registry operations per minute: one every 600 ms
    m_client->setThrottle(&throttle);
    m_nam->on("POST", QStringLiteral("/devices"),
              FakeNetworkAccessManager::json(200, json(R"({"isSuccessful":true})")));
    m_nam->on("GET", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("d1"))));

    // A 100-device bulk request takes the whole minute's allowance at once …
    QList<ImportDevice> entries;
    for (int i = 0; i < 100; ++i) {
        ImportDevice entry;
        entry.id = QStringLiteral("bulk-%1").arg(i);
        entries.append(entry);
    }
    const QFuture<Result<BulkImportResult>> bulk = m_client->importDevices(entries);
    QTRY_VERIFY(bulk.isFinished());
    QVERIFY(bulk.result().ok());

    // … so the next registry operation waits for a token: 600 ms on the manual clock.
    const QFuture<Result<DeviceIdentity>> next = m_client->getDevice(QStringLiteral("d1"));
    const QFuture<Result<DeviceIdentity>> third = m_client->getDevice(QStringLiteral("d1"));
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(m_nam->requestsTo("GET", QStringLiteral("/devices/d1")).size(), 0);
    QCOMPARE(throttle.limiter(HubThrottle::Operation::Registry)->queued(), 2);
    m_clock->advance(599ms);
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(m_nam->requestsTo("GET", QStringLiteral("/devices/d1")).size(), 0);
    m_clock->advance(1ms);
    QTRY_COMPARE(m_nam->requestsTo("GET", QStringLiteral("/devices/d1")).size(), 1);
    QTRY_VERIFY(next.isFinished());
    QVERIFY(next.result().ok());

    // Canceling a request that waits for the throttle leaves the queue without sending anything.
    QFuture<Result<DeviceIdentity>> waiting = third;
    waiting.cancel();
    QTRY_COMPARE(throttle.limiter(HubThrottle::Operation::Registry)->queued(), 0);
    m_clock->advance(10s);
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(m_nam->requestsTo("GET", QStringLiteral("/devices/d1")).size(), 1);
    QVERIFY(waiting.isCanceled());

    // Disabled limits let everything through at once.
    throttle.setEnabled(false);
    QList<QFuture<Result<DeviceIdentity>>> burst;
    for (int i = 0; i < 20; ++i)
        burst.append(m_client->getDevice(QStringLiteral("d1")));
    QTRY_COMPARE(m_nam->requestsTo("GET", QStringLiteral("/devices/d1")).size(), 21);
    throttle.setEnabled(true);

    // Other classes are not held up by the registry: twin reads have their own limiter.
    m_nam->on("GET", QStringLiteral("/twins/d1"),
              FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("d1"), QStringLiteral("e"), 1)));
    throttle.limiter(HubThrottle::Operation::Registry)->pauseFor(1h);
    const QFuture<Result<DeviceTwin>> twin = m_client->getTwin(QStringLiteral("d1"));
    QTRY_VERIFY(twin.isFinished());
    QVERIFY(twin.result().ok());
}

void TestIotHubServiceClient::cancelAbortsTheRequest()
{
    m_nam->on("GET", QStringLiteral("/devices/d1"), FakeNetworkAccessManager::hanging());
    QFuture<Result<DeviceIdentity>> future = m_client->getDevice(QStringLiteral("d1"));
    QTRY_COMPARE(m_nam->openReplies(), 1);
    future.cancel();
    QTRY_COMPARE(m_nam->openReplies(), 0);
    QTRY_VERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
}

void TestIotHubServiceClient::noSecretsInLogs()
{
    LogCapture capture;

    HubThrottle throttle(HubSku::S1, 1, m_clock);
    m_client->setThrottle(&throttle);
    m_nam->on("PUT", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, deviceJson(QStringLiteral("d1"))));
    m_nam->on(
        "GET", QStringLiteral("/devices/d1"),
        FakeNetworkAccessManager::json(401, json(R"({"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized"})")));
    m_nam->on("PATCH", QStringLiteral("/twins/d1"),
              FakeNetworkAccessManager::json(412, json(R"({"errorCode":412001,"message":"Precondition failed"})")));
    m_nam->on("GET", QStringLiteral("/twins/d1"),
              FakeNetworkAccessManager::json(200, twinJson(QStringLiteral("d1"), QStringLiteral("e"), 2)));
    m_nam->on("POST", QStringLiteral("/devices/query"), FakeNetworkAccessManager::empty(429));

    QList<ServiceError> errors;
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d1");
    QVERIFY(await(m_client->createDevice(device)).ok());
    errors.append(await(m_client->getDevice(QStringLiteral("d1"))).error());
    m_clock->advance(55min); // forces a second token
    errors.append(await(m_client->updateTwin(QStringLiteral("d1"), QJsonObject{}, QStringLiteral("x"))).error());
    errors.append(await(m_client->query(QStringLiteral("SELECT * FROM devices"))).error());

    const QStringList lines = capture.lines();

    QStringList secrets{QString::fromLatin1(PolicyKey)};
    QSet<QByteArray> tokens;
    for (const auto &request : m_nam->requests())
        tokens.insert(request.header("Authorization"));
    QCOMPARE(tokens.size(), 2);
    for (const QByteArray &header : tokens) {
        const QString text = QString::fromLatin1(header);
        secrets << text;
        secrets << text.section(QStringLiteral("sig="), 1).section(QLatin1Char('&'), 0, 0); // URL-encoded signature
        secrets << QString::fromLatin1(SasToken::parse(text).value().signature()); // decoded signature
    }
    QVERIFY(lines.size() > 5);
    QVERIFY(lines.filter(QStringLiteral("twinbridge.azure.rest")).size() > 3);
    QVERIFY(!lines.filter(QStringLiteral("signed a service token")).isEmpty());
    for (const QString &secret : std::as_const(secrets)) {
        QVERIFY(secret.size() >= 20);
        for (const QString &line : std::as_const(lines))
            QVERIFY2(!line.contains(secret), qPrintable(line));
        for (const ServiceError &error : std::as_const(errors)) {
            QVERIFY(error.isError());
            QVERIFY(!error.toString().contains(secret));
            QVERIFY(!error.detail().contains(secret));
        }
    }
}

QTEST_GUILESS_MAIN(TestIotHubServiceClient)
#include "tst_iothubserviceclient.moc"
