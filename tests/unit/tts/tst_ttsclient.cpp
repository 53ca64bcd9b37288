#include "TtsClientTestSupport.h"

#include "services/core/Clock.h"
#include "services/net/HttpTransport.h"
#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace TwinBridge::TtsTest;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(ServiceError::Kind)
Q_DECLARE_METATYPE(TwinBridge::Test::FakeNetworkAccessManager::Response)

// Requests, answers and errors of the single-request TtsClient methods; multi-registry device operations are in
// tst_ttsclientdevices.
class TestTtsClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void normalizesBaseUrl_data();
    void normalizesBaseUrl();
    void invalidConfigurationSendsNothing_data();
    void invalidConfigurationSendsNothing();

    void readsApplication();
    void readsRights();
    void listsDevices_data();
    void listsDevices();
    void rejectsBadListOptions_data();
    void rejectsBadListOptions();
    void listsAllDevicesPageByPage();
    void listAllStopsAtAShortPageWithoutTotal();
    void listAllCanBeCanceled();
    void listAllReportsAFailingPage();
    void searchesDevices();
    void rejectsBadSearches_data();
    void rejectsBadSearches();
    void getsDevice();
    void rejectsInvalidDeviceIds();
    void pushesDownlinks();
    void replacesAndClearsDownlinkQueue();
    void rejectsInvalidDownlinks();
    void listsDownlinkQueue();
    void readsMqttConnectionInfo();

    void errorsAreTypedAndActionable_data();
    void errorsAreTypedAndActionable();
    void throttlingCarriesRetryAfter();
    void transportErrorsAreTyped();

private:
    TtsClient *makeClient(const QUrl &base = BaseUrl, const QString &app = AppId, const QString &key = ApiKey);
    void checkCommonHeaders(const FakeNetworkAccessManager::Request &request);

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    TtsClient *m_client = nullptr;
};

void TestTtsClient::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
    m_client = makeClient();
}

void TestTtsClient::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

TtsClient *TestTtsClient::makeClient(const QUrl &base, const QString &app, const QString &key)
{
    auto *client = new TtsClient(m_nam, base, app, key, m_clock);
    client->transport()->setRetryPolicy(RetryPolicy::none()); // back-off itself is tested in tst_httptransport
    return client;
}

void TestTtsClient::checkCommonHeaders(const FakeNetworkAccessManager::Request &request)
{
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + ApiKey.toUtf8());
    QCOMPARE(request.header("Accept"), QByteArray("application/json"));
    QCOMPARE(request.url.scheme(), QStringLiteral("https"));
    QCOMPARE(request.url.host(), QStringLiteral("eu1.cloud.thethings.network"));
}

// ---- configuration ----

void TestTtsClient::normalizesBaseUrl_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected"); // empty = rejected
    QTest::addColumn<QString>("word");
    auto row = [](const char *name, const char *address, const char *expected, const char *word) {
        QTest::addRow("%s", name) << QString::fromLatin1(address) << QString::fromLatin1(expected)
                                  << QString::fromLatin1(word);
    };
    row("cluster address", "https://eu1.cloud.thethings.network/api/v3", "https://eu1.cloud.thethings.network/api/v3",
        "");
    row("trailing slash", "https://eu1.cloud.thethings.network/api/v3/", "https://eu1.cloud.thethings.network/api/v3",
        "");
    row("host only", "https://eu1.cloud.thethings.network", "https://eu1.cloud.thethings.network/api/v3", "");
    row("host and slash", "https://eu1.cloud.thethings.network/", "https://eu1.cloud.thethings.network/api/v3", "");
    row("tenant cluster", "https://tenant.eu1.cloud.thethings.industries/api/v3",
        "https://tenant.eu1.cloud.thethings.industries/api/v3", "");
    row("sandbox over http with port", "http://127.0.0.1:41885/api/v3", "http://127.0.0.1:41885/api/v3", "");
    row("behind a path prefix", "https://example.com/lorawan/api/v3", "https://example.com/lorawan/api/v3", "");
    row("upper-case scheme", "HTTPS://eu1.cloud.thethings.network", "https://eu1.cloud.thethings.network/api/v3", "");
    row("console address", "https://eu1.cloud.thethings.network/console", "", "/api/v3");
    row("other scheme", "mqtts://eu1.cloud.thethings.network:8883", "", "https://");
    row("credentials in the URL", "https://user:secretpw@eu1.cloud.thethings.network/api/v3", "",
        "user name or password");
    row("query", "https://eu1.cloud.thethings.network/api/v3?key=x", "", "query");
    row("no host", "https:///api/v3", "", "");
    row("empty", "", "", "No TTS address");
}

void TestTtsClient::normalizesBaseUrl()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);
    QFETCH(QString, word);
    const Result<QUrl> url = TtsClient::normalizeBaseUrl(QUrl(address));
    if (!expected.isEmpty()) {
        QVERIFY2(url.ok(), qPrintable(url.error().message()));
        QCOMPARE(url.value().toString(), expected);
        return;
    }
    QVERIFY(!url.ok());
    QCOMPARE(url.error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY2(url.error().message().contains(word), qPrintable(url.error().message()));
    QVERIFY(!url.error().message().contains(QLatin1String("secretpw")));
}

void TestTtsClient::invalidConfigurationSendsNothing_data()
{
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QString>("app");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("word");
    QTest::addRow("bad address") << QUrl(QStringLiteral("ftp://x")) << AppId << ApiKey << QStringLiteral("https://");
    QTest::addRow("bad application id") << BaseUrl << QStringLiteral("My_App") << ApiKey
                                        << QStringLiteral("application id");
    QTest::addRow("no key") << BaseUrl << AppId << QString() << QStringLiteral("No TTS API key");
    QTest::addRow("key with a newline") << BaseUrl << AppId << (ApiKey + QStringLiteral("\nX-Evil: 1"))
                                        << QStringLiteral("characters");
}

void TestTtsClient::invalidConfigurationSendsNothing()
{
    QFETCH(QUrl, base);
    QFETCH(QString, app);
    QFETCH(QString, key);
    QFETCH(QString, word);
    std::unique_ptr<TtsClient> client(makeClient(base, app, key));
    QVERIFY(!client->configurationStatus().ok());
    auto application = client->application();
    auto devices = client->listDevices();
    auto deleted = client->deleteDevice(QStringLiteral("dev1"));
    QVERIFY(application.isFinished() && devices.isFinished() && deleted.isFinished());
    QCOMPARE(application.result().error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY2(application.result().error().message().contains(word), qPrintable(application.result().error().message()));
    QCOMPARE(devices.result().error().kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(deleted.result().error().toString().startsWith(QLatin1String("Could not delete TTS device \"dev1\"")));
    QVERIFY(m_nam->requests().isEmpty());
}

// ---- application and rights ----

void TestTtsClient::readsApplication()
{
    m_nam->on(
        "GET", QStringLiteral("/api/v3/applications/my-test-app"),
        FakeNetworkAccessManager::json(
            200,
            json(
                R"json({"ids":{"application_id":"my-test-app"},"created_at":"2023-05-01T10:00:00Z","updated_at":"2023-05-02T10:00:00Z","name":"Test app","network_server_address":"eu1.cloud.thethings.network"})json")));
    auto future = m_client->application();
    QVERIFY(await(future));
    const Result<TtsApplication> application = future.result();
    QVERIFY2(application.ok(), qPrintable(application.error().toString()));
    QCOMPARE(application.value().applicationId, AppId);
    QCOMPARE(application.value().name, QStringLiteral("Test app"));
    QCOMPARE(application.value().networkServerAddress, QStringLiteral("eu1.cloud.thethings.network"));

    QCOMPARE(m_nam->requests().size(), 1);
    const auto &request = m_nam->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.url.path(), QStringLiteral("/api/v3/applications/my-test-app"));
    QCOMPARE(queryOf(request),
             (Query {{QStringLiteral("field_mask"),
                      QStringLiteral("name,description,attributes,network_server_address,application_server_address,"
                                     "join_server_address")}}));
    checkCommonHeaders(request);
    QVERIFY(request.body.isEmpty());
}

void TestTtsClient::readsRights()
{
    m_nam->on(
        "GET", QStringLiteral("/api/v3/applications/my-test-app/rights"),
        FakeNetworkAccessManager::json(
            200,
            json(
                R"json({"rights":["RIGHT_APPLICATION_INFO","RIGHT_APPLICATION_TRAFFIC_READ","RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE"]})json")));
    auto future = m_client->rights();
    QVERIFY(await(future));
    const Result<TtsRights> rights = future.result();
    QVERIFY(rights.ok());
    QVERIFY(rights.value().covers(TtsRights::Operation::DownlinkWrite));
    QCOMPARE(rights.value().missingFor(TtsRights::Operation::WriteDevices).size(), 2);
    const auto &request = m_nam->requests().first();
    QCOMPARE(request.url.path(), QStringLiteral("/api/v3/applications/my-test-app/rights"));
    QVERIFY(queryOf(request).isEmpty());
    checkCommonHeaders(request);
}

// ---- listing ----

void TestTtsClient::listsDevices_data()
{
    QTest::addColumn<QStringList>("mask");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("order");
    QTest::addColumn<Query>("query");
    const QString n = QStringLiteral("name");
    QTest::addRow("defaults") << QStringList() << 100 << 1 << QString()
                              << Query {{QStringLiteral("limit"), QStringLiteral("100")},
                                        {QStringLiteral("page"), QStringLiteral("1")}};
    QTest::addRow("mask, page and order")
        << QStringList {n, QStringLiteral("version_ids.brand_id")} << 50 << 3 << QStringLiteral("-name")
        << Query {{QStringLiteral("field_mask"), QStringLiteral("name,version_ids.brand_id")},
                  {QStringLiteral("limit"), QStringLiteral("50")},
                  {QStringLiteral("page"), QStringLiteral("3")},
                  {QStringLiteral("order"), QStringLiteral("-name")}};
    QTest::addRow("order field joins the mask")
        << QStringList {n} << 10 << 1 << QStringLiteral("last_seen_at")
        << Query {{QStringLiteral("field_mask"), QStringLiteral("name,last_seen_at")},
                  {QStringLiteral("limit"), QStringLiteral("10")},
                  {QStringLiteral("page"), QStringLiteral("1")},
                  {QStringLiteral("order"), QStringLiteral("last_seen_at")}};
    QTest::addRow("ids and created_at need no mask")
        << QStringList() << 1000 << 2 << QStringLiteral("-created_at")
        << Query {{QStringLiteral("limit"), QStringLiteral("1000")},
                  {QStringLiteral("page"), QStringLiteral("2")},
                  {QStringLiteral("order"), QStringLiteral("-created_at")}};
    QTest::addRow("dev_eui order") << QStringList() << 5 << 1 << QStringLiteral("dev_eui")
                                   << Query {{QStringLiteral("limit"), QStringLiteral("5")},
                                             {QStringLiteral("page"), QStringLiteral("1")},
                                             {QStringLiteral("order"), QStringLiteral("dev_eui")}};
}

void TestTtsClient::listsDevices()
{
    QFETCH(QStringList, mask);
    QFETCH(int, limit);
    QFETCH(int, page);
    QFETCH(QString, order);
    QFETCH(Query, query);
    m_nam->on("GET", QStringLiteral("/api/v3/applications/my-test-app/devices"),
              FakeNetworkAccessManager::json(200, json(R"json({"end_devices":[
                  {"ids":{"device_id":"dev-a","application_ids":{"application_id":"my-test-app"},"dev_eui":"0000000000000001"},"name":"A"},
                  {"ids":{"device_id":"dev-b","application_ids":{"application_id":"my-test-app"},"dev_eui":"0000000000000002"}}]})json"))
                  .header("X-Total-Count", "42"));
    TtsClient::ListOptions options;
    options.fieldMask = mask;
    options.limit = limit;
    options.page = page;
    options.order = order;
    auto future = m_client->listDevices(options);
    QVERIFY(await(future));
    const Result<TtsClient::DevicePage> result = future.result();
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().total, 42);
    QCOMPARE(result.value().page, page);
    QCOMPARE(result.value().devices.size(), 2);
    QCOMPARE(result.value().devices.at(0).deviceId, QStringLiteral("dev-a"));
    QCOMPARE(result.value().devices.at(0).name, QStringLiteral("A"));
    QCOMPARE(result.value().devices.at(1).devEui, QStringLiteral("0000000000000002"));

    const auto &request = m_nam->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.url.path(), QStringLiteral("/api/v3/applications/my-test-app/devices"));
    QCOMPARE(queryOf(request), query);
    checkCommonHeaders(request);
}

void TestTtsClient::rejectsBadListOptions_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("order");
    QTest::addColumn<QStringList>("mask");
    QTest::addColumn<QString>("word");
    QTest::addRow("limit 0") << 0 << 1 << QString() << QStringList() << QStringLiteral("between 1 and 1000");
    QTest::addRow("limit 1001") << 1001 << 1 << QString() << QStringList() << QStringLiteral("between 1 and 1000");
    QTest::addRow("page 0") << 10 << 0 << QString() << QStringList() << QStringLiteral("counted from 1");
    QTest::addRow("unknown order") << 10 << 1 << QStringLiteral("frequency_plan_id") << QStringList()
                                   << QStringLiteral("cannot be ordered");
    QTest::addRow("bad mask path") << 10 << 1 << QString() << QStringList {QStringLiteral("name,description")}
                                   << QStringLiteral("field path");
}

void TestTtsClient::rejectsBadListOptions()
{
    QFETCH(int, limit);
    QFETCH(int, page);
    QFETCH(QString, order);
    QFETCH(QStringList, mask);
    QFETCH(QString, word);
    TtsClient::ListOptions options;
    options.limit = limit;
    options.page = page;
    options.order = order;
    options.fieldMask = mask;
    auto future = m_client->listDevices(options);
    QVERIFY(future.isFinished());
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(future.result().error().message().contains(word), qPrintable(future.result().error().message()));
    QVERIFY(m_nam->requests().isEmpty());
}

static FakeNetworkAccessManager::Response devicePage(const QStringList &ids, const QByteArray &total)
{
    QJsonArray devices;
    for (const QString &id : ids)
        devices.append(QJsonObject {{QStringLiteral("ids"), QJsonObject {{QStringLiteral("device_id"), id}}}});
    QJsonObject body;
    if (!ids.isEmpty())
        body.insert(QStringLiteral("end_devices"), devices);
    auto response = FakeNetworkAccessManager::json(200, body);
    if (!total.isEmpty())
        response.header("X-Total-Count", total);
    return response;
}

void TestTtsClient::listsAllDevicesPageByPage()
{
    const QString path = QStringLiteral("/api/v3/applications/my-test-app/devices");
    m_nam->on("GET", path, devicePage({QStringLiteral("d01"), QStringLiteral("d02")}, "5"));
    m_nam->on("GET", path, devicePage({QStringLiteral("d03"), QStringLiteral("d04")}, "5"));
    m_nam->on("GET", path, devicePage({QStringLiteral("d05")}, "5"));
    auto future = m_client->listAllDevices({QStringLiteral("name")}, 2, QStringLiteral("device_id"));
    QVERIFY(await(future));
    const auto result = future.result();
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QStringList ids;
    for (const TtsEndDevice &device : result.value())
        ids.append(device.deviceId);
    QCOMPARE(ids,
             (QStringList {QStringLiteral("d01"), QStringLiteral("d02"), QStringLiteral("d03"), QStringLiteral("d04"),
                           QStringLiteral("d05")}));
    QCOMPARE(future.progressMaximum(), 5);
    QCOMPARE(future.progressValue(), 5);

    QCOMPARE(m_nam->requests().size(), 3);
    for (int i = 0; i < 3; ++i) {
        const auto &request = m_nam->requests().at(i);
        QCOMPARE(request.url.path(), path);
        QCOMPARE(queryOf(request),
                 (Query {{QStringLiteral("field_mask"), QStringLiteral("name")},
                         {QStringLiteral("limit"), QStringLiteral("2")},
                         {QStringLiteral("page"), QString::number(i + 1)},
                         {QStringLiteral("order"), QStringLiteral("device_id")}}));
        checkCommonHeaders(request);
    }
}

void TestTtsClient::listAllStopsAtAShortPageWithoutTotal()
{
    const QString path = QStringLiteral("/api/v3/applications/my-test-app/devices");
    m_nam->on("GET", path, devicePage({QStringLiteral("d01"), QStringLiteral("d02")}, QByteArray()));
    m_nam->on("GET", path, devicePage({}, QByteArray())); // "pages past the end return {}"
    auto future = m_client->listAllDevices({}, 2);
    QVERIFY(await(future));
    QVERIFY(future.result().ok());
    QCOMPARE(future.result().value().size(), 2);
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestTtsClient::listAllCanBeCanceled()
{
    const QString path = QStringLiteral("/api/v3/applications/my-test-app/devices");
    m_nam->on("GET", path, devicePage({QStringLiteral("d01"), QStringLiteral("d02")}, "10"));
    m_nam->on("GET", path, FakeNetworkAccessManager::hanging());
    auto future = m_client->listAllDevices({}, 2);
    QTRY_COMPARE(m_nam->requests().size(), 2);
    QCOMPARE(m_nam->openReplies(), 1);
    QCOMPARE(future.progressValue(), 2);
    future.cancel();
    QTRY_VERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
    QTRY_COMPARE(m_nam->openReplies(), 0); // the page in flight was aborted
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestTtsClient::listAllReportsAFailingPage()
{
    const QString path = QStringLiteral("/api/v3/applications/my-test-app/devices");
    m_nam->on("GET", path, devicePage({QStringLiteral("d01"), QStringLiteral("d02")}, "10"));
    m_nam->on("GET", path, ttsError(500, 13, "pkg/identityserver:internal", "database unavailable"));
    auto future = m_client->listAllDevices({}, 2);
    QVERIFY(await(future));
    QVERIFY(!future.result().ok());
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::ServerError);
    QVERIFY(future.result().error().message().contains(QLatin1String("database unavailable")));
    QVERIFY(future.result().error().toString().startsWith(QLatin1String("Could not list the devices")));
}

// ---- searching ----

void TestTtsClient::searchesDevices()
{
    const QString path = QStringLiteral("/api/v3/search/applications/my-test-app/devices");
    m_nam->on("GET", path, devicePage({QStringLiteral("kitchen-1")}, "1"));
    TtsClient::SearchQuery search;
    search.query = QStringLiteral("kitchen sink");
    search.idContains = QStringLiteral("kit");
    search.devEuiContains = QStringLiteral("A30B");
    search.attributesContain = {{QStringLiteral("site"), QStringLiteral("north & east")}};
    TtsClient::ListOptions options;
    options.fieldMask = {QStringLiteral("name")};
    options.limit = 20;
    options.order = QStringLiteral("-last_seen_at");
    auto future = m_client->searchDevices(search, options);
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
    QCOMPARE(future.result().value().devices.size(), 1);
    QCOMPARE(future.result().value().total, 1);

    const auto &request = m_nam->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.url.path(), path);
    QCOMPARE(queryOf(request),
             (Query {{QStringLiteral("query"), QStringLiteral("kitchen sink")},
                     {QStringLiteral("id_contains"), QStringLiteral("kit")},
                     {QStringLiteral("dev_eui_contains"), QStringLiteral("A30B")},
                     {QStringLiteral("attributes_contain[site]"), QStringLiteral("north & east")},
                     {QStringLiteral("field_mask"), QStringLiteral("name,last_seen_at")},
                     {QStringLiteral("limit"), QStringLiteral("20")},
                     {QStringLiteral("page"), QStringLiteral("1")},
                     {QStringLiteral("order"), QStringLiteral("-last_seen_at")}}));
    checkCommonHeaders(request);
}

void TestTtsClient::rejectsBadSearches_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("word");
    QTest::addRow("non-hex DevEUI") << QStringLiteral("devEui") << QStringLiteral("XYZ")
                                    << QStringLiteral("hexadecimal");
    QTest::addRow("DevEUI too long") << QStringLiteral("devEui") << QString(17, QLatin1Char('A'))
                                     << QStringLiteral("16");
    QTest::addRow("DevAddr too long") << QStringLiteral("devAddr") << QStringLiteral("260B12345")
                                      << QStringLiteral("8");
    QTest::addRow("query too long") << QStringLiteral("query") << QString(51, QLatin1Char('q')) << QStringLiteral("50");
    QTest::addRow("bad attribute name") << QStringLiteral("attribute") << QStringLiteral("Bad Name")
                                        << QStringLiteral("attribute");
}

void TestTtsClient::rejectsBadSearches()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, word);
    TtsClient::SearchQuery search;
    if (field == QLatin1String("devEui"))
        search.devEuiContains = value;
    else if (field == QLatin1String("devAddr"))
        search.devAddrContains = value;
    else if (field == QLatin1String("query"))
        search.query = value;
    else
        search.attributesContain.insert(value, QStringLiteral("x"));
    auto future = m_client->searchDevices(search);
    QVERIFY(future.isFinished());
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(future.result().error().message().contains(word), qPrintable(future.result().error().message()));
    QVERIFY(m_nam->requests().isEmpty());
}

// ---- one device ----

void TestTtsClient::getsDevice()
{
    m_nam->on("GET", QStringLiteral("/api/v3/applications/my-test-app/devices/test-device"),
              FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    auto future = m_client->getDevice(QStringLiteral("test-device"));
    QVERIFY(await(future));
    QVERIFY(future.result().ok());
    QCOMPARE(future.result().value().joinServerAddress, QStringLiteral("thethings.example.com"));
    const auto &request = m_nam->requests().first();
    QCOMPARE(queryOf(request),
             (Query {{QStringLiteral("field_mask"), TtsClient::identityServerFields().join(QLatin1Char(','))}}));
    checkCommonHeaders(request);

    m_nam->clearRequests();
    auto custom = m_client->getDevice(QStringLiteral("test-device"), {QStringLiteral("name")});
    QVERIFY(await(custom));
    QCOMPARE(queryOf(m_nam->requests().first()), (Query {{QStringLiteral("field_mask"), QStringLiteral("name")}}));
}

void TestTtsClient::rejectsInvalidDeviceIds()
{
    for (const QString &id : {QStringLiteral("Bad_Id"), QStringLiteral("a/b/c"), QString(), QStringLiteral("../x")}) {
        auto get = m_client->getDevice(id);
        auto push = m_client->pushDownlinks(id, {TtsDownlink {}});
        auto removed = m_client->deleteDevice(id);
        QVERIFY(get.isFinished() && push.isFinished() && removed.isFinished());
        QCOMPARE(get.result().error().kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(push.result().error().kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(removed.result().error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY(get.result().error().message().contains(QLatin1String("not a valid TTS device id")));
    }
    QVERIFY(m_nam->requests().isEmpty());
}

// ---- downlinks ----

void TestTtsClient::pushesDownlinks()
{
    const QString path = QStringLiteral("/api/v3/as/applications/my-test-app/devices/dev1/down/push");
    m_nam->on("POST", path, FakeNetworkAccessManager::json(200, QJsonObject()));
    TtsDownlink first;
    first.fPort = 15;
    first.frmPayload = QByteArray::fromHex("BEEF");
    first.priority = QStringLiteral("NORMAL");
    TtsDownlink second;
    second.fPort = 42;
    second.frmPayload = QByteArray::fromHex("01");
    second.confirmed = true;
    second.correlationIds = {QStringLiteral("twinbridge:desired:7")};
    auto future = m_client->pushDownlinks(QStringLiteral("dev1"), {first, second});
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));

    QCOMPARE(m_nam->requests().size(), 1);
    const auto &request = m_nam->requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.url.path(), path);
    QVERIFY(queryOf(request).isEmpty());
    checkCommonHeaders(request);
    QVERIFY(request.header("Content-Type").startsWith("application/json"));
    // §3.3: {"downlinks":[{"f_port":15,"frm_payload":"vu8=","priority":"NORMAL"}]}, frm_payload base64
    QCOMPARE(bodyOf(request), json(R"json({"downlinks":[{"f_port":15,"frm_payload":"vu8=","priority":"NORMAL"},
        {"f_port":42,"frm_payload":"AQ==","confirmed":true,"correlation_ids":["twinbridge:desired:7"]}]})json"));
}

void TestTtsClient::replacesAndClearsDownlinkQueue()
{
    const QString path = QStringLiteral("/api/v3/as/applications/my-test-app/devices/dev1/down/replace");
    m_nam->on("POST", path, FakeNetworkAccessManager::json(200, QJsonObject()));
    TtsDownlink downlink;
    downlink.fPort = 1;
    downlink.decodedPayload = QJsonObject {{QStringLiteral("color"), QStringLiteral("red")}};
    auto replaced = m_client->replaceDownlinks(QStringLiteral("dev1"), {downlink});
    QVERIFY(await(replaced));
    QVERIFY(replaced.result().ok());
    QCOMPARE(bodyOf(m_nam->requests().at(0)),
             json(R"json({"downlinks":[{"f_port":1,"decoded_payload":{"color":"red"}}]})json"));

    auto cleared = m_client->replaceDownlinks(QStringLiteral("dev1"), {});
    QVERIFY(await(cleared));
    QVERIFY(cleared.result().ok());
    QCOMPARE(m_nam->requests().at(1).url.path(), path);
    QCOMPARE(m_nam->requests().at(1).body, QByteArray(R"json({"downlinks":[]})json"));
}

void TestTtsClient::rejectsInvalidDownlinks()
{
    auto empty = m_client->pushDownlinks(QStringLiteral("dev1"), {});
    QVERIFY(empty.isFinished());
    QCOMPARE(empty.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(empty.result().error().message().contains(QLatin1String("no downlink")));

    TtsDownlink badPort;
    badPort.fPort = 224;
    badPort.frmPayload = "x";
    auto port = m_client->pushDownlinks(QStringLiteral("dev1"), {badPort});
    QVERIFY(port.isFinished());
    QCOMPARE(port.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(port.result().error().message().contains(QLatin1String("224")));
    QVERIFY(port.result().error().toString().startsWith(QLatin1String("Could not schedule downlinks for TTS device")));
    QVERIFY(m_nam->requests().isEmpty());
}

void TestTtsClient::listsDownlinkQueue()
{
    const QString path = QStringLiteral("/api/v3/as/applications/my-test-app/devices/dev1/down");
    m_nam->on("GET", path, FakeNetworkAccessManager::json(200, json(R"json({"downlinks":[
        {"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ==","f_port":15,"f_cnt":3,"frm_payload":"vu8=","confirmed":true,"priority":"NORMAL","correlation_ids":["as:downlink:01"]}]})json")));
    m_nam->on("GET", path, FakeNetworkAccessManager::json(200, QJsonObject()));
    auto future = m_client->listDownlinkQueue(QStringLiteral("dev1"));
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
    const QList<TtsDownlink> queue = future.result().value();
    QCOMPARE(queue.size(), 1);
    QCOMPARE(queue.first().fPort, 15);
    QCOMPARE(queue.first().frmPayload, QByteArray::fromHex("BEEF"));
    QCOMPARE(queue.first().fCnt, 3);
    QVERIFY(queue.first().confirmed);
    const auto &request = m_nam->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.url.path(), path);
    checkCommonHeaders(request);

    auto empty = m_client->listDownlinkQueue(QStringLiteral("dev1"));
    QVERIFY(await(empty));
    QVERIFY(empty.result().ok());
    QVERIFY(empty.result().value().isEmpty());
}

void TestTtsClient::readsMqttConnectionInfo()
{
    const QString path = QStringLiteral("/api/v3/as/applications/my-test-app/mqtt-connection-info");
    m_nam->on(
        "GET", path,
        FakeNetworkAccessManager::json(
            200,
            json(
                R"json({"public_address":"eu1.cloud.thethings.network:1883","public_tls_address":"eu1.cloud.thethings.network:8883","username":"my-test-app@ttn"})json")));
    auto future = m_client->mqttConnectionInfo();
    QVERIFY(await(future));
    QVERIFY(future.result().ok());
    QCOMPARE(future.result().value().username, QStringLiteral("my-test-app@ttn"));
    QCOMPARE(TtsMqttConnectionInfo::portOf(future.result().value().publicTlsAddress), 8883);
    QCOMPARE(m_nam->requests().first().url.path(), path);
    checkCommonHeaders(m_nam->requests().first());
}

// ---- errors, for every method ----

static const char *const Methods[] = {"application", "rights", "list", "listAll", "search", "get", "merged",
                                      "create",      "delete", "push", "replace", "queue",  "mqtt"};

static ServiceError outcome(TtsClient &client, const QString &method)
{
    auto errorOf = [](auto future) -> ServiceError {
        if (!await(future))
            return ServiceError(ServiceError::Kind::Backend, QStringLiteral("test timed out"));
        const auto result = future.result();
        return result.ok() ? ServiceError() : result.error();
    };
    TtsDownlink downlink;
    downlink.fPort = 2;
    downlink.frmPayload = "\x01";
    const QString device = QStringLiteral("test-device");
    if (method == QLatin1String("application"))
        return errorOf(client.application());
    if (method == QLatin1String("rights"))
        return errorOf(client.rights());
    if (method == QLatin1String("list"))
        return errorOf(client.listDevices());
    if (method == QLatin1String("listAll"))
        return errorOf(client.listAllDevices());
    if (method == QLatin1String("search")) {
        TtsClient::SearchQuery query;
        query.query = QStringLiteral("x");
        return errorOf(client.searchDevices(query));
    }
    if (method == QLatin1String("get"))
        return errorOf(client.getDevice(device));
    if (method == QLatin1String("merged"))
        return errorOf(client.getDeviceMerged(device));
    if (method == QLatin1String("create"))
        return errorOf(client.createDevice(docsDevice()));
    if (method == QLatin1String("delete"))
        return errorOf(client.deleteDevice(device));
    if (method == QLatin1String("push"))
        return errorOf(client.pushDownlinks(device, {downlink}));
    if (method == QLatin1String("replace"))
        return errorOf(client.replaceDownlinks(device, {downlink}));
    if (method == QLatin1String("queue"))
        return errorOf(client.listDownlinkQueue(device));
    if (method == QLatin1String("mqtt"))
        return errorOf(client.mqttConnectionInfo());
    qFatal("unknown method");
    return {};
}

void TestTtsClient::errorsAreTypedAndActionable_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<FakeNetworkAccessManager::Response>("response");
    QTest::addColumn<ServiceError::Kind>("kind"); // None = the method succeeds
    QTest::addColumn<QString>("word");

    using K = ServiceError::Kind;
    const QJsonObject field {{QStringLiteral("field"), QStringLiteral("ids.device_id")},
                             {QStringLiteral("reason"), QStringLiteral("value does not match regex pattern")}};
    const FakeNetworkAccessManager::Response malformed =
        FakeNetworkAccessManager::text(200, "<html>captive portal</html>", "text/html");

    for (const char *name : Methods) {
        const QString method = QLatin1String(name);
        const bool writes = method == QLatin1String("create") || method == QLatin1String("delete") ||
            method == QLatin1String("push") || method == QLatin1String("replace");
        QTest::addRow("%s 400", name) << method
                                      << ttsError(400, 3, "pkg/ttnpb:validation", "invalid `{field}`: {reason}", field)
                                      << K::BadRequest << QStringLiteral("\"ids.device_id\"");
        QTest::addRow("%s 401", name) << method
                                      << ttsError(401, 16, "pkg/identityserver:api_key_not_found", "API key not found")
                                      << K::Unauthorized << QStringLiteral("Create a new API key");
        QTest::addRow("%s 403", name) << method
                                      << ttsError(403, 7, "pkg/auth/rights:insufficient_application_rights",
                                                  "insufficient rights for application `my-test-app`")
                                      << K::Forbidden << QStringLiteral("API key");
        QTest::addRow("%s 404", name) << method << ttsError(404, 5, "pkg/identityserver/store:not_found", "not found")
                                      << (method == QLatin1String("delete") ? K::None : K::NotFound)
                                      << QStringLiteral("does not exist");
        QTest::addRow("%s 409", name) << method
                                      << ttsError(409, 6, "pkg/redis:duplicate_identifiers", "duplicate identifiers")
                                      << K::Conflict << QStringLiteral("already registered");
        QTest::addRow("%s 412", name) << method << ttsError(412, 9, "pkg/x:precondition_failed", "stale")
                                      << K::PreconditionFailed << QStringLiteral("precondition");
        QTest::addRow("%s 429", name) << method
                                      << ttsError(429, 8, "pkg/ratelimit:rate_limit_exceeded", "rate limit exceeded")
                                      << K::Throttled << QStringLiteral("rate limiting");
        QTest::addRow("%s 500", name) << method << ttsError(500, 13, "pkg/x:internal", "boom") << K::ServerError
                                      << QStringLiteral("correlation id 0c9f1c2d");
        QTest::addRow("%s malformed", name) << method << malformed << (writes ? K::None : K::MalformedResponse)
                                            << QStringLiteral("does not understand");
    }
}

void TestTtsClient::errorsAreTypedAndActionable()
{
    QFETCH(QString, method);
    QFETCH(FakeNetworkAccessManager::Response, response);
    QFETCH(ServiceError::Kind, kind);
    QFETCH(QString, word);
    for (const char *verb : {"GET", "POST", "PUT", "DELETE"})
        m_nam->on(verb, QStringLiteral("^/api/v3/"), response);

    const ServiceError error = outcome(*m_client, method);
    QCOMPARE(error.kind(), kind);
    if (kind == ServiceError::Kind::None)
        return;
    QVERIFY2(error.message().contains(word), qPrintable(error.message()));
    QVERIFY2(error.toString().startsWith(QLatin1String("Could not ")), qPrintable(error.toString()));
    QVERIFY(!error.operation().isEmpty());
    if (kind != ServiceError::Kind::MalformedResponse)
        QCOMPARE(error.httpStatus(), response.status);
    QVERIFY(!error.toString().contains(ApiKey));
    QVERIFY(m_nam->unmatched().isEmpty());
}

void TestTtsClient::throttlingCarriesRetryAfter()
{
    m_nam->on("GET", QStringLiteral("/api/v3/applications/my-test-app"),
              ttsError(429, 8, "pkg/ratelimit:rate_limit_exceeded", "rate limit exceeded").header("Retry-After", "7"));
    auto future = m_client->application();
    QVERIFY(await(future));
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::Throttled);
    QCOMPARE(future.result().error().retryAfter(), 7000ms);
    QVERIFY(future.result().error().isTransient());
}

void TestTtsClient::transportErrorsAreTyped()
{
    m_nam->on("GET", QStringLiteral("/api/v3/applications/my-test-app/rights"), FakeNetworkAccessManager::timeout());
    m_nam->on("GET", QStringLiteral("/api/v3/applications/my-test-app"),
              FakeNetworkAccessManager::transportError(QNetworkReply::HostNotFoundError));
    auto rights = m_client->rights();
    auto application = m_client->application();
    QVERIFY(await(rights) && await(application));
    QCOMPARE(rights.result().error().kind(), ServiceError::Kind::Timeout);
    QCOMPARE(application.result().error().kind(), ServiceError::Kind::Network);
    QVERIFY(application.result().error().message().contains(QLatin1String("could not be resolved")));
    QVERIFY(application.result().error().toString().startsWith(QLatin1String("Could not read TTS application")));
}

QTEST_GUILESS_MAIN(TestTtsClient)
#include "tst_ttsclient.moc"
