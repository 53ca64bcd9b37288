#include "TtsClientTestSupport.h"

#include "services/core/Clock.h"
#include "services/net/HttpTransport.h"
#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace TwinBridge::TtsTest;

// The operations that span the four registries: merged get, create with rollback, delete.
class TestTtsClientDevices : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void mergedGetAsksAllFourRegistries();
    void mergedGetLeavesA404PartEmpty();
    void mergedGetWithRootKeys();
    void mergedGetFailsWhenNoRegistryHasTheDevice();
    void mergedGetReportsOtherErrors();

    void createFollowsTheDocumentedOrderAndBodies();
    void createSendsOptionalFieldsToTheRightRegistries();
    void createFailureAtNsRollsBackJsAndIs();
    void createConflictAtIsLeavesNothingToRollBack();
    void createRollbackFailureSaysWhatRemains();
    void createUnansweredPutIsRolledBackToo();
    void createValidatesBeforeSending();
    void createRejectsADeviceOfAnotherApplication();

    void deleteGoesAsNsJsIsAndTolerates404();
    void deleteOfAnAbsentDeviceSucceeds();
    void deleteStopsAtAFailureAndSaysWhatRemains();

private:
    void onDevice(const char *method, const char *prefix, FakeNetworkAccessManager::Response response,
                  const QString &device = QStringLiteral("test-device"));

    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    TtsClient *m_client = nullptr;
};

static const QString IsDevices = QStringLiteral("/api/v3/applications/my-test-app/devices");
static const QString IsPath = QStringLiteral("/api/v3/applications/my-test-app/devices/test-device");
static const QString JsPath = QStringLiteral("/api/v3/js/applications/my-test-app/devices/test-device");
static const QString NsPath = QStringLiteral("/api/v3/ns/applications/my-test-app/devices/test-device");
static const QString AsPath = QStringLiteral("/api/v3/as/applications/my-test-app/devices/test-device");

static QString line(const char *method, const QString &path)
{
    return QLatin1String(method) + QLatin1Char(' ') + path;
}

void TestTtsClientDevices::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
    m_client = new TtsClient(m_nam, BaseUrl, AppId, ApiKey, m_clock);
    m_client->transport()->setRetryPolicy(RetryPolicy::none());
}

void TestTtsClientDevices::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

void TestTtsClientDevices::onDevice(const char *method, const char *prefix, FakeNetworkAccessManager::Response response,
                                    const QString &device)
{
    m_nam->on(method,
              QStringLiteral("/api/v3%1/applications/my-test-app/devices/%2").arg(QLatin1String(prefix), device),
              std::move(response));
}

// ---- merged get ----

void TestTtsClientDevices::mergedGetAsksAllFourRegistries()
{
    onDevice("GET", "", FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    onDevice(
        "GET", "/js",
        FakeNetworkAccessManager::json(
            200,
            json(R"json({"ids":{"device_id":"test-device"},"network_server_address":"thethings.example.com"})json")));
    onDevice("GET", "/ns", FakeNetworkAccessManager::json(200, json(DocsNsAnswer)));
    onDevice(
        "GET", "/as",
        FakeNetworkAccessManager::json(
            200,
            json(
                R"json({"ids":{"device_id":"test-device","dev_addr":"260B1234"},"formatters":{"up_formatter":"FORMATTER_REPOSITORY"}})json")));
    auto future = m_client->getDeviceMerged(QStringLiteral("test-device"));
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
    const TtsClient::MergedDevice merged = future.result().value();
    QCOMPARE(merged.foundIn, ttsAllComponents());
    QVERIFY(merged.missingFrom.isEmpty());
    QVERIFY(merged.isComplete());
    QCOMPARE(merged.device.joinServerAddress, QStringLiteral("thethings.example.com"));
    QCOMPARE(merged.device.lorawanVersion, QStringLiteral("MAC_V1_0_2"));
    QCOMPARE(merged.device.frequencyPlanId, QStringLiteral("EU_863_870_TTN"));
    QCOMPARE(merged.device.formatters.upFormatter, QStringLiteral("FORMATTER_REPOSITORY"));
    QCOMPARE(merged.device.devAddr, QStringLiteral("260B1234"));
    QCOMPARE(merged.device.createdAt, utc("2024-01-10T14:26:18.084Z"));

    QCOMPARE(m_nam->requests().size(), 4);
    QMap<QString, Query> queries;
    for (const auto &request : m_nam->requests()) {
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + ApiKey.toUtf8());
        queries.insert(request.url.path(), queryOf(request));
    }
    QCOMPARE(queries.value(IsPath),
             (Query {{QStringLiteral("field_mask"), TtsClient::identityServerFields().join(QLatin1Char(','))}}));
    QCOMPARE(
        queries.value(JsPath),
        (Query {{QStringLiteral("field_mask"), QStringLiteral("network_server_address,application_server_address")}}));
    QCOMPARE(queries.value(NsPath),
             (Query {{QStringLiteral("field_mask"),
                      QStringLiteral("lorawan_version,lorawan_phy_version,frequency_plan_id,"
                                     "supports_join,supports_class_b,supports_class_c")}}));
    QCOMPARE(queries.value(AsPath), (Query {{QStringLiteral("field_mask"), QStringLiteral("formatters")}}));
}

void TestTtsClientDevices::mergedGetLeavesA404PartEmpty()
{
    onDevice("GET", "", FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    onDevice("GET", "/js", ttsError(404, 5, "pkg/joinserver/redis:not_found", "entity not found"));
    onDevice("GET", "/ns", FakeNetworkAccessManager::json(200, json(DocsNsAnswer)));
    onDevice("GET", "/as", FakeNetworkAccessManager::json(200, json(DocsAsAnswer)));
    auto future = m_client->getDeviceMerged(QStringLiteral("test-device"));
    QVERIFY(await(future));
    QVERIFY(future.result().ok());
    const TtsClient::MergedDevice merged = future.result().value();
    QCOMPARE(merged.foundIn,
             (QList<TtsComponent> {TtsComponent::IdentityServer, TtsComponent::NetworkServer,
                                   TtsComponent::ApplicationServer}));
    QCOMPARE(merged.missingFrom, QList<TtsComponent> {TtsComponent::JoinServer});
    QVERIFY(!merged.isComplete());
    QCOMPARE(merged.device.lorawanPhyVersion, QStringLiteral("PHY_V1_0_2_REV_B"));
    QCOMPARE(merged.device.networkServerAddress, QStringLiteral("thethings.example.com")); // from IS
    QVERIFY(merged.device.rootKeys.isEmpty());
}

void TestTtsClientDevices::mergedGetWithRootKeys()
{
    onDevice("GET", "", FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    onDevice("GET", "/js", FakeNetworkAccessManager::json(200, json(DocsJsAnswer)));
    onDevice("GET", "/ns", FakeNetworkAccessManager::json(200, json(DocsNsAnswer)));
    onDevice("GET", "/as", FakeNetworkAccessManager::json(200, json(DocsAsAnswer)));
    auto future = m_client->getDeviceMerged(QStringLiteral("test-device"), true);
    QVERIFY(await(future));
    QCOMPARE(future.result().value().device.rootKeys.appKey, QStringLiteral("11223344556677881122334455667788"));
    const auto js = m_nam->requestsTo("GET", JsPath);
    QCOMPARE(js.size(), 1);
    QCOMPARE(queryOf(js.first()),
             (Query {{QStringLiteral("field_mask"),
                      QStringLiteral("network_server_address,application_server_address,"
                                     "root_keys.app_key.key,root_keys.nwk_key.key")}}));
}

void TestTtsClientDevices::mergedGetFailsWhenNoRegistryHasTheDevice()
{
    for (const char *prefix : {"", "/js", "/ns", "/as"})
        onDevice("GET", prefix, ttsError(404, 5, "pkg/x:not_found", "not found"));
    auto future = m_client->getDeviceMerged(QStringLiteral("test-device"));
    QVERIFY(await(future));
    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::NotFound);
    QCOMPARE(error.httpStatus(), 404);
    QVERIFY(error.message().contains(QLatin1String("\"test-device\" does not exist in application \"my-test-app\"")));
}

void TestTtsClientDevices::mergedGetReportsOtherErrors()
{
    onDevice("GET", "", FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    onDevice("GET", "/js", FakeNetworkAccessManager::json(200, json(DocsAsAnswer)));
    onDevice("GET", "/ns",
             ttsError(403, 7, "pkg/auth/rights:insufficient_application_rights", "insufficient rights",
                      QJsonObject {
                          {QStringLiteral("missing"), QJsonArray {QStringLiteral("RIGHT_APPLICATION_DEVICES_READ")}}}));
    onDevice("GET", "/as", FakeNetworkAccessManager::json(200, json(DocsAsAnswer)));
    auto future = m_client->getDeviceMerged(QStringLiteral("test-device"));
    QVERIFY(await(future));
    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::Forbidden);
    QVERIFY(error.message().contains(QLatin1String("RIGHT_APPLICATION_DEVICES_READ")));
    QVERIFY(error.detail().contains(QLatin1String("Network Server")));
}

// ---- create ----

static void answerCreateWithDocs(FakeNetworkAccessManager *nam)
{
    nam->on("POST", IsDevices, FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    nam->on("PUT", JsPath, FakeNetworkAccessManager::json(200, json(DocsJsAnswer)));
    nam->on("PUT", NsPath, FakeNetworkAccessManager::json(200, json(DocsNsAnswer)));
    nam->on("PUT", AsPath, FakeNetworkAccessManager::json(200, json(DocsAsAnswer)));
}

void TestTtsClientDevices::createFollowsTheDocumentedOrderAndBodies()
{
    answerCreateWithDocs(m_nam);
    TtsClient::ServerAddresses addresses;
    addresses.networkServer = addresses.applicationServer = addresses.joinServer =
        QStringLiteral("thethings.example.com");
    auto future = m_client->createDevice(docsDevice(), addresses);
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));

    QCOMPARE(requestLines(*m_nam),
             (QStringList {line("POST", IsDevices), line("PUT", JsPath), line("PUT", NsPath), line("PUT", AsPath)}));
    const char *const expected[] = {DocsIsRequest, DocsJsRequest, DocsNsRequest, DocsAsRequest};
    for (int i = 0; i < 4; ++i) {
        const auto &request = m_nam->requests().at(i);
        QCOMPARE(bodyOf(request), json(expected[i]));
        QVERIFY(queryOf(request).isEmpty());
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + ApiKey.toUtf8());
        QVERIFY(request.header("Content-Type").startsWith("application/json"));
    }

    // The answer merges what the registries stored, without the root keys.
    const TtsEndDevice created = future.result().value();
    QCOMPARE(created.deviceId, QStringLiteral("test-device"));
    QCOMPARE(created.applicationId, AppId);
    QCOMPARE(created.lorawanVersion, QStringLiteral("MAC_V1_0_2"));
    QCOMPARE(created.joinServerAddress, QStringLiteral("thethings.example.com"));
    QCOMPARE(created.supportsJoin, std::optional<bool>(true));
    QVERIFY(created.rootKeys.isEmpty());
}

void TestTtsClientDevices::createSendsOptionalFieldsToTheRightRegistries()
{
    answerCreateWithDocs(m_nam);
    TtsEndDevice device = docsDevice();
    device.name = QStringLiteral("Kitchen node");
    device.attributes = {{QStringLiteral("room"), QStringLiteral("kitchen")}};
    device.versionIds = {QStringLiteral("the-things-products"), QStringLiteral("the-things-node"),
                         QStringLiteral("1.0"), QStringLiteral("1.0"), QStringLiteral("EU_863_870")};
    device.lorawanVersion = QStringLiteral("1.1");
    device.lorawanPhyVersion = QStringLiteral("1.1-b");
    device.rootKeys.nwkKey = QStringLiteral("0102030405060708090A0B0C0D0E0F10");
    device.supportsClassC = true;
    auto future = m_client->createDevice(device); // no addresses: the API host is used
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));

    const QJsonObject is = bodyOf(m_nam->requests().at(0));
    const QJsonObject js = bodyOf(m_nam->requests().at(1));
    const QJsonObject ns = bodyOf(m_nam->requests().at(2));
    const QJsonObject as = bodyOf(m_nam->requests().at(3));
    auto paths = [](const QJsonObject &body) {
        QStringList list;
        const QJsonArray array =
            body.value(QStringLiteral("field_mask")).toObject().value(QStringLiteral("paths")).toArray();
        for (const QJsonValue &value : array)
            list.append(value.toString());
        return list;
    };
    QCOMPARE(paths(is),
             (QStringList {QStringLiteral("join_server_address"), QStringLiteral("network_server_address"),
                           QStringLiteral("application_server_address"), QStringLiteral("ids.dev_eui"),
                           QStringLiteral("ids.join_eui"), QStringLiteral("name"), QStringLiteral("attributes"),
                           QStringLiteral("version_ids")}));
    const QJsonObject isDevice = is.value(QStringLiteral("end_device")).toObject();
    QCOMPARE(isDevice.value(QStringLiteral("join_server_address")).toString(),
             QStringLiteral("eu1.cloud.thethings.network"));
    QCOMPARE(isDevice.value(QStringLiteral("name")).toString(), QStringLiteral("Kitchen node"));
    QCOMPARE(isDevice.value(QStringLiteral("version_ids")).toObject().value(QStringLiteral("model_id")).toString(),
             QStringLiteral("the-things-node"));
    QVERIFY(!isDevice.contains(QStringLiteral("root_keys")));
    QVERIFY(!isDevice.contains(QStringLiteral("lorawan_version")));

    QCOMPARE(paths(js).mid(5),
             (QStringList {QStringLiteral("root_keys.app_key.key"), QStringLiteral("root_keys.nwk_key.key")}));
    QCOMPARE(
        js.value(QStringLiteral("end_device")).toObject().value(QStringLiteral("root_keys")).toObject(),
        json(
            R"json({"app_key":{"key":"11223344556677881122334455667788"},"nwk_key":{"key":"0102030405060708090A0B0C0D0E0F10"}})json"));

    QCOMPARE(paths(ns).mid(7), (QStringList {QStringLiteral("supports_class_c"), QStringLiteral("version_ids")}));
    const QJsonObject nsDevice = ns.value(QStringLiteral("end_device")).toObject();
    QCOMPARE(nsDevice.value(QStringLiteral("lorawan_version")).toString(), QStringLiteral("1.1"));
    QCOMPARE(nsDevice.value(QStringLiteral("lorawan_phy_version")).toString(), QStringLiteral("1.1-b"));
    QCOMPARE(nsDevice.value(QStringLiteral("supports_class_c")), QJsonValue(true));
    QVERIFY(!nsDevice.contains(QStringLiteral("root_keys")));

    QCOMPARE(paths(as),
             (QStringList {QStringLiteral("ids.device_id"), QStringLiteral("ids.dev_eui"),
                           QStringLiteral("ids.join_eui"), QStringLiteral("version_ids")}));
    QVERIFY(!as.value(QStringLiteral("end_device")).toObject().contains(QStringLiteral("root_keys")));
}

void TestTtsClientDevices::createFailureAtNsRollsBackJsAndIs()
{
    m_nam->on("POST", IsDevices, FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    m_nam->on("PUT", JsPath, FakeNetworkAccessManager::json(200, json(DocsJsAnswer)));
    m_nam->on("PUT", NsPath,
              ttsError(400, 3, "pkg/networkserver:frequency_plan_not_found", "frequency plan `{id}` not found",
                       QJsonObject {{QStringLiteral("id"), QStringLiteral("EU_863_870_TTN")}}));
    m_nam->on("DELETE", JsPath, FakeNetworkAccessManager::json(200, QJsonObject()));
    m_nam->on("DELETE", IsPath, FakeNetworkAccessManager::json(200, QJsonObject()));

    auto future = m_client->createDevice(docsDevice());
    QVERIFY(await(future));
    QVERIFY(!future.result().ok());
    QCOMPARE(requestLines(*m_nam),
             (QStringList {line("POST", IsDevices), line("PUT", JsPath), line("PUT", NsPath), line("DELETE", JsPath),
                           line("DELETE", IsPath)}));
    for (const auto &request : m_nam->requestsTo("DELETE", JsPath) + m_nam->requestsTo("DELETE", IsPath)) {
        QVERIFY(request.body.isEmpty());
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + ApiKey.toUtf8());
    }

    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::BadRequest);
    QCOMPARE(error.httpStatus(), 400);
    QCOMPARE(error.code(), QStringLiteral("pkg/networkserver:frequency_plan_not_found"));
    QVERIFY2(error.message().startsWith(QLatin1String("The Network Server refused the device")),
             qPrintable(error.message()));
    QVERIFY(error.message().contains(QLatin1String("frequency plan `EU_863_870_TTN` not found")));
    QVERIFY(error.message().contains(QLatin1String("removed again from the Join Server, Identity Server")));
    QVERIFY(error.toString().startsWith(QLatin1String("Could not create TTS device \"test-device\"")));
    const QJsonObject payload = error.payload().toObject();
    QCOMPARE(payload.value(QStringLiteral("failedComponent")).toString(), QStringLiteral("NS"));
    QCOMPARE(payload.value(QStringLiteral("rolledBack")).toBool(), true);
    QCOMPARE(payload.value(QStringLiteral("rolledBackFrom")).toArray(),
             (QJsonArray {QStringLiteral("JS"), QStringLiteral("IS")}));
    QVERIFY(payload.value(QStringLiteral("remainingIn")).toArray().isEmpty());
}

void TestTtsClientDevices::createConflictAtIsLeavesNothingToRollBack()
{
    m_nam->on("POST", IsDevices,
              ttsError(409, 6, "pkg/identityserver/store:end_device_euis_taken",
                       "an end device with JoinEUI `{join_eui}` and DevEUI `{dev_eui}` is already registered as "
                       "`{device_id}` in application `{application_id}`",
                       QJsonObject {{QStringLiteral("join_eui"), QStringLiteral("1111111111111111")},
                                    {QStringLiteral("dev_eui"), QStringLiteral("0000000000000011")},
                                    {QStringLiteral("device_id"), QStringLiteral("old-device")},
                                    {QStringLiteral("application_id"), QStringLiteral("my-test-app")}}));
    auto future = m_client->createDevice(docsDevice());
    QVERIFY(await(future));
    QCOMPARE(requestLines(*m_nam), QStringList {line("POST", IsDevices)}); // nothing created, nothing deleted
    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::Conflict);
    QVERIFY(error.message().startsWith(QLatin1String("The Identity Server refused the device")));
    QVERIFY(error.message().contains(QLatin1String("already registered as \"old-device\"")));
    QVERIFY(error.message().contains(QLatin1String("incomplete delete")));
    QVERIFY(!error.message().contains(QLatin1String("removed again")));
    QCOMPARE(error.payload().toObject().value(QStringLiteral("rolledBack")).toBool(), true);
}

void TestTtsClientDevices::createRollbackFailureSaysWhatRemains()
{
    m_nam->on("POST", IsDevices, FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    m_nam->on("PUT", JsPath, FakeNetworkAccessManager::json(200, json(DocsJsAnswer)));
    m_nam->on("PUT", NsPath, FakeNetworkAccessManager::json(200, json(DocsNsAnswer)));
    m_nam->on("PUT", AsPath, ttsError(500, 13, "pkg/applicationserver:internal", "storage failed"));
    m_nam->on("DELETE", NsPath, FakeNetworkAccessManager::json(200, QJsonObject()));
    m_nam->on("DELETE", JsPath, ttsError(503, 14, "pkg/joinserver:unavailable", "join server unavailable"));

    auto future = m_client->createDevice(docsDevice());
    QVERIFY(await(future));
    // The IS record is kept while the JS still has the device: deleting it would leave "duplicate identifiers".
    QCOMPARE(requestLines(*m_nam),
             (QStringList {line("POST", IsDevices), line("PUT", JsPath), line("PUT", NsPath), line("PUT", AsPath),
                           line("DELETE", NsPath), line("DELETE", JsPath)}));
    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::ServerError);
    QVERIFY(error.message().startsWith(QLatin1String("The Application Server refused the device")));
    QVERIFY2(error.message().contains(QLatin1String("remains in the Join Server, Identity Server")),
             qPrintable(error.message()));
    QVERIFY(error.message().contains(QLatin1String("temporarily unavailable")));
    const QJsonObject payload = error.payload().toObject();
    QCOMPARE(payload.value(QStringLiteral("failedComponent")).toString(), QStringLiteral("AS"));
    QCOMPARE(payload.value(QStringLiteral("rolledBack")).toBool(), false);
    QCOMPARE(payload.value(QStringLiteral("rolledBackFrom")).toArray(), QJsonArray {QStringLiteral("NS")});
    QCOMPARE(payload.value(QStringLiteral("remainingIn")).toArray(),
             (QJsonArray {QStringLiteral("JS"), QStringLiteral("IS")}));
}

void TestTtsClientDevices::createUnansweredPutIsRolledBackToo()
{
    m_nam->on("POST", IsDevices, FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    m_nam->on("PUT", JsPath, FakeNetworkAccessManager::reset());
    m_nam->on("DELETE", JsPath, ttsError(404, 5, "pkg/joinserver/redis:not_found", "not found"));
    m_nam->on("DELETE", IsPath, FakeNetworkAccessManager::json(200, QJsonObject()));
    auto future = m_client->createDevice(docsDevice());
    QVERIFY(await(future));
    QCOMPARE(
        requestLines(*m_nam),
        (QStringList {line("POST", IsDevices), line("PUT", JsPath), line("DELETE", JsPath), line("DELETE", IsPath)}));
    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::Network);
    QVERIFY(error.message().startsWith(QLatin1String("The Join Server could not be reached")));
    QVERIFY(error.message().contains(QLatin1String("removed again")));
    QVERIFY(error.payload().toObject().value(QStringLiteral("rolledBack")).toBool());
}

void TestTtsClientDevices::createValidatesBeforeSending()
{
    TtsEndDevice device = docsDevice();
    device.rootKeys.appKey = QStringLiteral("1122");
    auto future = m_client->createDevice(device);
    QVERIFY(future.isFinished());
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(future.result().error().message().contains(QLatin1String("AppKey")));
    QVERIFY(!future.result().error().message().contains(QLatin1String("1122")));
    QVERIFY(m_nam->requests().isEmpty());
}

void TestTtsClientDevices::createRejectsADeviceOfAnotherApplication()
{
    TtsEndDevice device = docsDevice();
    device.applicationId = QStringLiteral("other-app");
    auto future = m_client->createDevice(device);
    QVERIFY(future.isFinished());
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(future.result().error().message().contains(QLatin1String("other-app")));
    QVERIFY(m_nam->requests().isEmpty());
}

// ---- delete ----

void TestTtsClientDevices::deleteGoesAsNsJsIsAndTolerates404()
{
    m_nam->on("DELETE", AsPath, ttsError(404, 5, "pkg/applicationserver/redis:not_found", "not found"));
    m_nam->on("DELETE", NsPath, FakeNetworkAccessManager::json(200, QJsonObject()));
    m_nam->on("DELETE", JsPath, ttsError(404, 5, "pkg/joinserver/redis:not_found", "not found"));
    m_nam->on("DELETE", IsPath, FakeNetworkAccessManager::json(200, QJsonObject()));
    auto future = m_client->deleteDevice(QStringLiteral("test-device"));
    QVERIFY(await(future));
    QVERIFY2(future.result().ok(), qPrintable(future.result().error().toString()));
    QCOMPARE(
        requestLines(*m_nam),
        (QStringList {line("DELETE", AsPath), line("DELETE", NsPath), line("DELETE", JsPath), line("DELETE", IsPath)}));
    for (const auto &request : m_nam->requests()) {
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + ApiKey.toUtf8());
        QVERIFY(request.body.isEmpty());
        QVERIFY(queryOf(request).isEmpty());
    }
    const TtsClient::DeleteReport report = future.result().value();
    QCOMPARE(report.deletedFrom, (QList<TtsComponent> {TtsComponent::NetworkServer, TtsComponent::IdentityServer}));
    QCOMPARE(report.absentFrom, (QList<TtsComponent> {TtsComponent::ApplicationServer, TtsComponent::JoinServer}));
}

void TestTtsClientDevices::deleteOfAnAbsentDeviceSucceeds()
{
    for (const char *prefix : {"", "/js", "/ns", "/as"})
        onDevice("DELETE", prefix, ttsError(404, 5, "pkg/x:not_found", "not found"));
    auto future = m_client->deleteDevice(QStringLiteral("test-device"));
    QVERIFY(await(future));
    QVERIFY(future.result().ok());
    QVERIFY(future.result().value().deletedFrom.isEmpty());
    QCOMPARE(future.result().value().absentFrom.size(), 4);
}

void TestTtsClientDevices::deleteStopsAtAFailureAndSaysWhatRemains()
{
    m_nam->on("DELETE", AsPath, FakeNetworkAccessManager::json(200, QJsonObject()));
    m_nam->on("DELETE", NsPath,
              ttsError(403, 7, "pkg/auth/rights:insufficient_application_rights",
                       "insufficient rights for application `{uid}`", QJsonObject {{QStringLiteral("uid"), AppId}}));
    auto future = m_client->deleteDevice(QStringLiteral("test-device"));
    QVERIFY(await(future));
    QCOMPARE(requestLines(*m_nam), (QStringList {line("DELETE", AsPath), line("DELETE", NsPath)}));
    const ServiceError error = future.result().error();
    QCOMPARE(error.kind(), ServiceError::Kind::Forbidden);
    QVERIFY2(error.message().startsWith(QLatin1String("The Network Server did not delete the device")),
             qPrintable(error.message()));
    QVERIFY(error.message().contains(QLatin1String("RIGHT_APPLICATION_DEVICES_WRITE")));
    QVERIFY(error.message().contains(QLatin1String("already gone from the Application Server but remains in the "
                                                   "Network Server, Join Server, Identity Server")));
    QVERIFY(error.message().contains(QLatin1String("Deleting again is safe")));
    const QJsonObject payload = error.payload().toObject();
    QCOMPARE(payload.value(QStringLiteral("failedComponent")).toString(), QStringLiteral("NS"));
    QCOMPARE(payload.value(QStringLiteral("deletedFrom")).toArray(), QJsonArray {QStringLiteral("AS")});
    QCOMPARE(payload.value(QStringLiteral("remainingIn")).toArray(),
             (QJsonArray {QStringLiteral("NS"), QStringLiteral("JS"), QStringLiteral("IS")}));
}

QTEST_GUILESS_MAIN(TestTtsClientDevices)
#include "tst_ttsclientdevices.moc"
