// The engine's TtsClient against the TTS stand-in over real sockets (plain HTTP as sandbox.json names it, and
// HTTPS with the sandbox CA): application and rights, create with TTS's documented IS → JS → NS → AS requests,
// merged reads, list/search/paging, delete, the downlink queue, mqtt-connection-info, a key without
// DEVICES_WRITE, an injected NS failure that the client rolls back, and the duplicate-identifiers trap of an
// IS-only delete — every outcome checked through the admin API as well.

#include "FutureWait.h"

#include "sandbox/admin/AdminRouter.h"
#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsRestEndpoint.h"
#include "sandbox/tts/TtsStandIn.h"
#include "services/net/HttpTransport.h"
#include "services/net/RetryPolicy.h"
#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

namespace {

TtsEndDevice otaaDevice(const QString &deviceId, const QString &devEui)
{
    TtsEndDevice device;
    device.deviceId = deviceId;
    device.devEui = devEui;
    device.joinEui = QStringLiteral("800000000000000C");
    device.lorawanVersion = QStringLiteral("1.0.2");
    device.lorawanPhyVersion = QStringLiteral("1.0.2-b");
    device.frequencyPlanId = QStringLiteral("EU_863_870_TTN");
    device.rootKeys.appKey = QStringLiteral("459B77D46A08C427254822A33F6FA1A3");
    device.name = QStringLiteral("Device ") + deviceId;
    device.versionIds.brandId = QStringLiteral("the-things-products");
    device.versionIds.modelId = QStringLiteral("the-things-node");
    return device;
}

TtsDownlink downlink(int port, const QByteArray &payload, bool confirmed = false)
{
    TtsDownlink result;
    result.fPort = port;
    result.frmPayload = payload;
    result.confirmed = confirmed;
    result.priority = QStringLiteral("NORMAL");
    return result;
}

} // namespace

class TestTtsRestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void applicationAndRights();
    void createsInDocumentedOrder();
    void readsTheMergedDevice();
    void listsPagesAndSearches();
    void deletesIdempotently();
    void downlinkQueue();
    void mqttConnectionInfo();
    void keyWithoutDevicesWrite();
    void unknownKey();
    void nsFailureIsRolledBack();
    void isOnlyDeleteLeavesTheDuplicateIdentifiersTrap();
    void overTls();

private:
    std::unique_ptr<TtsClient> client(const QString &apiKey, const QUrl &base = {});
    QJsonObject admin(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QJsonObject adminDevice(const QString &deviceId);

    QTemporaryDir m_stateDir;
    std::optional<SandboxCertificateAuthority> m_ca;
    QNetworkAccessManager *m_nam = nullptr;
    TtsStandIn *m_tts = nullptr;
    std::unique_ptr<AdminRouter> m_router;
    std::unique_ptr<TtsClient> m_client;
    QStringList m_requests;
};

void TestTtsRestSandbox::initTestCase()
{
    QVERIFY(m_stateDir.isValid());
    Result<SandboxCertificateAuthority> ca = SandboxCertificateAuthority::loadOrCreate(m_stateDir.path());
    QVERIFY2(ca.ok(), qPrintable(ca.error().message()));
    m_ca = ca.value();
}

void TestTtsRestSandbox::init()
{
    m_nam = new QNetworkAccessManager(this);
    TtsStandIn::Options options;
    options.tls = m_ca->serverConfiguration();
    options.seed = 7;
    m_tts = new TtsStandIn(options, Clock::system(), this);
    const Status started = m_tts->start();
    QVERIFY2(started.ok(), qPrintable(started.error().message()));
    m_router = std::make_unique<AdminRouter>();
    m_tts->registerAdminRoutes(*m_router);
    m_requests.clear();
    connect(m_tts->rest(), &TtsRestEndpoint::requestHandled, this,
            [this](const QByteArray &method, const QString &path, int status) {
                m_requests.append(QStringLiteral("%1 %2 %3").arg(QString::fromLatin1(method), path).arg(status));
            });
    m_client = client(m_tts->model()->defaultApiKey()->token());
}

void TestTtsRestSandbox::cleanup()
{
    m_client.reset();
    m_router.reset();
    delete m_tts;
    m_tts = nullptr;
    delete m_nam;
}

std::unique_ptr<TtsClient> TestTtsRestSandbox::client(const QString &apiKey, const QUrl &base)
{
    auto result = std::make_unique<TtsClient>(m_nam, base.isEmpty() ? m_tts->rest()->apiUrl() : base,
                                              QStringLiteral("demo-app"), apiKey);
    RetryPolicy retries;
    retries.maxAttempts = 2;
    retries.initialDelay = std::chrono::milliseconds(5);
    retries.maxDelay = std::chrono::milliseconds(10);
    retries.jitter = 0;
    result->transport()->setRetryPolicy(retries);
    return result;
}

QJsonObject TestTtsRestSandbox::admin(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    AdminRouter::Request request;
    request.method = method;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    request.path = question < 0 ? path : path.left(question);
    if (question >= 0)
        request.query = QUrlQuery(path.mid(question + 1));
    if (!body.isEmpty())
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const AdminRouter::Response response = m_router->dispatch(request);
    const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
    if (response.status >= 300)
        qWarning().noquote() << "admin" << method << path << response.status << response.body;
    return answer;
}

QJsonObject TestTtsRestSandbox::adminDevice(const QString &deviceId)
{
    const QJsonArray devices = admin("GET", QStringLiteral("/admin/tts/devices")).value(QStringLiteral("devices")).toArray();
    for (const QJsonValue &device : devices) {
        if (device.toObject().value(QStringLiteral("deviceId")).toString() == deviceId)
            return device.toObject();
    }
    return {};
}

void TestTtsRestSandbox::applicationAndRights()
{
    const Result<TtsApplication> application = Test::awaitResult(m_client->application());
    QVERIFY2(application.ok(), qPrintable(application.error().toString()));
    QCOMPARE(application.value().applicationId, QStringLiteral("demo-app"));
    QCOMPARE(application.value().name, QStringLiteral("Sandbox demo application"));
    QVERIFY(application.value().createdAt.isValid());

    const Result<TtsRights> rights = Test::awaitResult(m_client->rights());
    QVERIFY2(rights.ok(), qPrintable(rights.error().toString()));
    QVERIFY(rights.value().covers(TtsRights::Operation::AzureIntegration));
    QVERIFY(rights.value().has(TtsRights::Right::ApplicationAll));
    QVERIFY(rights.value().unknownRights().isEmpty());
}

void TestTtsRestSandbox::createsInDocumentedOrder()
{
    QSignalSpy created(m_tts->model(), &TtsApplicationModel::deviceCreated);
    const Result<TtsEndDevice> device =
        Test::awaitResult(m_client->createDevice(otaaDevice(QStringLiteral("lora-01"), QStringLiteral("0004A30B001C5838"))));
    QVERIFY2(device.ok(), qPrintable(device.error().toString()));
    QCOMPARE(m_requests,
             QStringList({QStringLiteral("POST /api/v3/applications/demo-app/devices 200"),
                          QStringLiteral("PUT /api/v3/js/applications/demo-app/devices/lora-01 200"),
                          QStringLiteral("PUT /api/v3/ns/applications/demo-app/devices/lora-01 200"),
                          QStringLiteral("PUT /api/v3/as/applications/demo-app/devices/lora-01 200")}));
    // The NS answers with the enum names, as TTS does; the merged record has no root keys.
    QCOMPARE(device.value().lorawanVersion, QStringLiteral("MAC_V1_0_2"));
    QCOMPARE(device.value().lorawanPhyVersion, QStringLiteral("PHY_V1_0_2_REV_B"));
    QCOMPARE(device.value().devEui, QStringLiteral("0004A30B001C5838"));
    QCOMPARE(device.value().name, QStringLiteral("Device lora-01"));
    QVERIFY(device.value().rootKeys.appKey.isEmpty());
    QCOMPARE(created.size(), 1);

    const QJsonObject summary = adminDevice(QStringLiteral("lora-01"));
    QCOMPARE(summary.value(QStringLiteral("registries")).toArray(),
             QJsonArray({QStringLiteral("is"), QStringLiteral("js"), QStringLiteral("ns"), QStringLiteral("as")}));
    QCOMPARE(summary.value(QStringLiteral("complete")).toBool(), true);

    // The same EUIs under another id: the IS refuses them, the client says what is taken.
    const Result<TtsEndDevice> again =
        Test::awaitResult(m_client->createDevice(otaaDevice(QStringLiteral("lora-02"), QStringLiteral("0004A30B001C5838"))));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind(), ServiceError::Kind::Conflict);
    QVERIFY2(again.error().message().contains(QStringLiteral("already registered as \"lora-01\"")),
             qPrintable(again.error().message()));
    QVERIFY(adminDevice(QStringLiteral("lora-02")).isEmpty());
}

void TestTtsRestSandbox::readsTheMergedDevice()
{
    QVERIFY(Test::awaitResult(
                m_client->createDevice(otaaDevice(QStringLiteral("lora-03"), QStringLiteral("0004A30B001C0003"))))
                .ok());
    const Result<TtsClient::MergedDevice> merged = Test::awaitResult(m_client->getDeviceMerged(QStringLiteral("lora-03")));
    QVERIFY2(merged.ok(), qPrintable(merged.error().toString()));
    QVERIFY(merged.value().isComplete());
    QCOMPARE(merged.value().foundIn.size(), 4);
    QCOMPARE(merged.value().device.frequencyPlanId, QStringLiteral("EU_863_870_TTN"));
    QCOMPARE(merged.value().device.versionIds.modelId, QStringLiteral("the-things-node"));
    QVERIFY(merged.value().device.rootKeys.appKey.isEmpty());

    const Result<TtsClient::MergedDevice> withKeys =
        Test::awaitResult(m_client->getDeviceMerged(QStringLiteral("lora-03"), true));
    QVERIFY2(withKeys.ok(), qPrintable(withKeys.error().toString()));
    QCOMPARE(withKeys.value().device.rootKeys.appKey, QStringLiteral("459B77D46A08C427254822A33F6FA1A3"));

    const Result<TtsEndDevice> identity = Test::awaitResult(m_client->getDevice(QStringLiteral("lora-03")));
    QVERIFY2(identity.ok(), qPrintable(identity.error().toString()));
    QCOMPARE(identity.value().name, QStringLiteral("Device lora-03"));
    QVERIFY(identity.value().frequencyPlanId.isEmpty()); // an NS field: not in the IS

    const Result<TtsClient::MergedDevice> missing = Test::awaitResult(m_client->getDeviceMerged(QStringLiteral("nobody")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind(), ServiceError::Kind::NotFound);
}

void TestTtsRestSandbox::listsPagesAndSearches()
{
    const QJsonObject created = admin("POST", QStringLiteral("/admin/tts/devices"),
                                      QJsonObject {{QStringLiteral("count"), 5}, {QStringLiteral("prefix"), QStringLiteral("node-")}});
    QCOMPARE(created.value(QStringLiteral("devices")).toArray().size(), 5);

    TtsClient::ListOptions options;
    options.limit = 2;
    options.page = 2;
    options.order = QStringLiteral("-device_id");
    options.fieldMask = {QStringLiteral("name")};
    const Result<TtsClient::DevicePage> page = Test::awaitResult(m_client->listDevices(options));
    QVERIFY2(page.ok(), qPrintable(page.error().toString()));
    QCOMPARE(page.value().total, 5);
    QCOMPARE(page.value().devices.size(), 2);
    QCOMPARE(page.value().devices.at(0).deviceId, QStringLiteral("node-3"));
    QCOMPARE(page.value().devices.at(1).deviceId, QStringLiteral("node-2"));

    options.page = 4;
    const Result<TtsClient::DevicePage> pastTheEnd = Test::awaitResult(m_client->listDevices(options));
    QVERIFY2(pastTheEnd.ok(), qPrintable(pastTheEnd.error().toString()));
    QCOMPARE(pastTheEnd.value().total, 5);
    QVERIFY(pastTheEnd.value().devices.isEmpty());

    const Result<QList<TtsEndDevice>> all = Test::awaitResult(m_client->listAllDevices({}, 2, QStringLiteral("device_id")));
    QVERIFY2(all.ok(), qPrintable(all.error().toString()));
    QCOMPARE(all.value().size(), 5);
    QCOMPARE(all.value().first().deviceId, QStringLiteral("node-1"));

    TtsClient::SearchQuery search;
    search.idContains = QStringLiteral("node-4");
    const Result<TtsClient::DevicePage> found = Test::awaitResult(m_client->searchDevices(search));
    QVERIFY2(found.ok(), qPrintable(found.error().toString()));
    QCOMPARE(found.value().total, 1);
    QCOMPARE(found.value().devices.at(0).deviceId, QStringLiteral("node-4"));

    const QString devEui = created.value(QStringLiteral("devices")).toArray().at(2).toObject().value(QStringLiteral("devEui")).toString();
    TtsClient::SearchQuery byEui;
    byEui.query = devEui.mid(4, 8).toLower();
    const Result<TtsClient::DevicePage> byQuery = Test::awaitResult(m_client->searchDevices(byEui));
    QVERIFY2(byQuery.ok(), qPrintable(byQuery.error().toString()));
    QVERIFY(byQuery.value().total >= 1);
    bool sawIt = false;
    for (const TtsEndDevice &device : byQuery.value().devices)
        sawIt = sawIt || device.devEui == devEui;
    QVERIFY(sawIt);
}

void TestTtsRestSandbox::deletesIdempotently()
{
    QVERIFY(Test::awaitResult(
                m_client->createDevice(otaaDevice(QStringLiteral("lora-05"), QStringLiteral("0004A30B001C0005"))))
                .ok());
    QSignalSpy deleted(m_tts->model(), &TtsApplicationModel::deviceDeleted);
    m_requests.clear();
    const Result<TtsClient::DeleteReport> report = Test::awaitResult(m_client->deleteDevice(QStringLiteral("lora-05")));
    QVERIFY2(report.ok(), qPrintable(report.error().toString()));
    QCOMPARE(report.value().deletedFrom.size(), 4);
    QCOMPARE(m_requests.first(), QStringLiteral("DELETE /api/v3/as/applications/demo-app/devices/lora-05 200"));
    QCOMPARE(m_requests.last(), QStringLiteral("DELETE /api/v3/applications/demo-app/devices/lora-05 200"));
    QCOMPARE(deleted.size(), 1);
    QVERIFY(adminDevice(QStringLiteral("lora-05")).isEmpty());

    const Result<TtsClient::DeleteReport> again = Test::awaitResult(m_client->deleteDevice(QStringLiteral("lora-05")));
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    QCOMPARE(again.value().absentFrom.size(), 4);
}

void TestTtsRestSandbox::downlinkQueue()
{
    QVERIFY(Test::awaitResult(
                m_client->createDevice(otaaDevice(QStringLiteral("lora-06"), QStringLiteral("0004A30B001C0006"))))
                .ok());
    QSignalSpy queued(m_tts->model(), &TtsApplicationModel::downlinkQueued);
    QSignalSpy replaced(m_tts->model(), &TtsApplicationModel::queueReplaced);

    const Status pushed = Test::awaitResult(
        m_client->pushDownlinks(QStringLiteral("lora-06"), {downlink(15, "\xbe\xef"), downlink(16, "\x01", true)}));
    QVERIFY2(pushed.ok(), qPrintable(pushed.error().toString()));
    QCOMPARE(queued.size(), 1);
    Result<QList<TtsDownlink>> queue = Test::awaitResult(m_client->listDownlinkQueue(QStringLiteral("lora-06")));
    QVERIFY2(queue.ok(), qPrintable(queue.error().toString()));
    QCOMPARE(queue.value().size(), 2);
    QCOMPARE(queue.value().at(0).fPort, 15);
    QCOMPARE(queue.value().at(0).frmPayload, QByteArray("\xbe\xef"));
    QCOMPARE(queue.value().at(1).confirmed, true);
    QVERIFY(queue.value().at(0).correlationIds.first().startsWith(QStringLiteral("as:downlink:")));
    QCOMPARE(adminDevice(QStringLiteral("lora-06")).value(QStringLiteral("queueLength")).toInt(), 2);

    QVERIFY(Test::awaitResult(m_client->replaceDownlinks(QStringLiteral("lora-06"), {downlink(20, "\x02")})).ok());
    QCOMPARE(replaced.size(), 1);
    QCOMPARE(replaced.at(0).at(2).value<QList<TtsDownlink>>().size(), 2); // invalidated
    queue = Test::awaitResult(m_client->listDownlinkQueue(QStringLiteral("lora-06")));
    QVERIFY(queue.ok());
    QCOMPARE(queue.value().size(), 1);
    QCOMPARE(queue.value().at(0).fPort, 20);

    QVERIFY(Test::awaitResult(m_client->replaceDownlinks(QStringLiteral("lora-06"), {})).ok());
    queue = Test::awaitResult(m_client->listDownlinkQueue(QStringLiteral("lora-06")));
    QVERIFY(queue.ok());
    QVERIFY(queue.value().isEmpty());

    // An unknown device: the AS has no such device.
    const Status unknown = Test::awaitResult(m_client->pushDownlinks(QStringLiteral("nobody"), {downlink(1, "x")}));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind(), ServiceError::Kind::NotFound);
    QCOMPARE(unknown.error().httpStatus(), 404);
}

void TestTtsRestSandbox::mqttConnectionInfo()
{
    m_tts->setMqttBroker(QStringLiteral("127.0.0.1"), 41883, 48883);
    const Result<TtsMqttConnectionInfo> info = Test::awaitResult(m_client->mqttConnectionInfo());
    QVERIFY2(info.ok(), qPrintable(info.error().toString()));
    QCOMPARE(info.value().username, QStringLiteral("demo-app@sandbox"));
    QCOMPARE(info.value().publicAddress, QStringLiteral("127.0.0.1:41883"));
    QCOMPARE(info.value().publicTlsAddress, QStringLiteral("127.0.0.1:48883"));
    QCOMPARE(TtsMqttConnectionInfo::portOf(info.value().publicAddress), 41883);

    const QJsonObject description = m_tts->description();
    QCOMPARE(description.value(QStringLiteral("api")).toString(), m_tts->rest()->apiUrl().toString());
    QCOMPARE(description.value(QStringLiteral("mqtt")).toObject().value(QStringLiteral("port")).toInt(), 41883);
    QCOMPARE(description.value(QStringLiteral("apiKey")).toString(), m_tts->model()->defaultApiKey()->token());
}

void TestTtsRestSandbox::keyWithoutDevicesWrite()
{
    const QJsonObject created = admin(
        "POST", QStringLiteral("/admin/tts/api-keys"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("read-only")},
                     {QStringLiteral("rights"), QJsonArray {QStringLiteral("RIGHT_APPLICATION_INFO"),
                                                            QStringLiteral("RIGHT_APPLICATION_DEVICES_READ")}}});
    const QString token = created.value(QStringLiteral("apiKey")).toObject().value(QStringLiteral("key")).toString();
    QVERIFY(token.startsWith(QStringLiteral("NNSXS.")));
    const std::unique_ptr<TtsClient> readOnly = client(token);

    const Result<TtsRights> rights = Test::awaitResult(readOnly->rights());
    QVERIFY(rights.ok());
    QVERIFY(!rights.value().covers(TtsRights::Operation::WriteDevices));

    const Result<TtsEndDevice> device =
        Test::awaitResult(readOnly->createDevice(otaaDevice(QStringLiteral("lora-07"), QStringLiteral("0004A30B001C0007"))));
    QVERIFY(!device.ok());
    QCOMPARE(device.error().kind(), ServiceError::Kind::Forbidden);
    QCOMPARE(device.error().code(), QStringLiteral("pkg/auth/rights:insufficient_application_rights"));
    QVERIFY2(device.error().message().contains(
                 QStringLiteral("The API key lacks RIGHT_APPLICATION_DEVICES_WRITE, which this needs.")),
             qPrintable(device.error().message()));
    QVERIFY(!device.error().message().contains(token));
    QVERIFY(adminDevice(QStringLiteral("lora-07")).isEmpty());

    // Reading works with the same key.
    QVERIFY(Test::awaitResult(readOnly->listDevices()).ok());
}

void TestTtsRestSandbox::unknownKey()
{
    const std::unique_ptr<TtsClient> stranger = client(QStringLiteral(
        "NNSXS.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    const Result<TtsApplication> application = Test::awaitResult(stranger->application());
    QVERIFY(!application.ok());
    QCOMPARE(application.error().kind(), ServiceError::Kind::Unauthorized);
    QCOMPARE(application.error().code(), QStringLiteral("pkg/identityserver:api_key_not_found"));
}

void TestTtsRestSandbox::nsFailureIsRolledBack()
{
    const QJsonObject faults = admin("POST", QStringLiteral("/admin/tts/faults"),
                                     QJsonObject {{QStringLiteral("failRegistry"), QStringLiteral("ns")},
                                                  {QStringLiteral("times"), 1}});
    QCOMPARE(faults.value(QStringLiteral("faults")).toArray().size(), 1);

    const Result<TtsEndDevice> device =
        Test::awaitResult(m_client->createDevice(otaaDevice(QStringLiteral("lora-08"), QStringLiteral("0004A30B001C0008"))));
    QVERIFY(!device.ok());
    const QJsonObject payload = device.error().payload().toObject();
    QCOMPARE(payload.value(QStringLiteral("failedComponent")).toString(), QStringLiteral("NS"));
    QCOMPARE(payload.value(QStringLiteral("rolledBack")).toBool(), true);
    QVERIFY2(device.error().message().contains(QStringLiteral("Nothing was left behind")),
             qPrintable(device.error().message()));
    QCOMPARE(m_requests,
             QStringList({QStringLiteral("POST /api/v3/applications/demo-app/devices 200"),
                          QStringLiteral("PUT /api/v3/js/applications/demo-app/devices/lora-08 200"),
                          QStringLiteral("PUT /api/v3/ns/applications/demo-app/devices/lora-08 500"),
                          QStringLiteral("DELETE /api/v3/js/applications/demo-app/devices/lora-08 200"),
                          QStringLiteral("DELETE /api/v3/applications/demo-app/devices/lora-08 200")}));
    QVERIFY(adminDevice(QStringLiteral("lora-08")).isEmpty());
    QVERIFY(admin("GET", QStringLiteral("/admin/tts/faults")).value(QStringLiteral("faults")).toArray().isEmpty());

    // The fault was used up: the next attempt goes through.
    QVERIFY(Test::awaitResult(
                m_client->createDevice(otaaDevice(QStringLiteral("lora-08"), QStringLiteral("0004A30B001C0008"))))
                .ok());
}

void TestTtsRestSandbox::isOnlyDeleteLeavesTheDuplicateIdentifiersTrap()
{
    QVERIFY(Test::awaitResult(
                m_client->createDevice(otaaDevice(QStringLiteral("lora-09"), QStringLiteral("0004A30B001C0009"))))
                .ok());
    const QJsonObject removed = admin("DELETE", QStringLiteral("/admin/tts/devices/lora-09?registries=is"));
    QCOMPARE(removed.value(QStringLiteral("remainingIn")).toArray(),
             QJsonArray({QStringLiteral("js"), QStringLiteral("ns"), QStringLiteral("as")}));

    // The merged read shows the drift: JS, NS and AS have it, the IS does not.
    const Result<TtsClient::MergedDevice> drift = Test::awaitResult(m_client->getDeviceMerged(QStringLiteral("lora-09")));
    QVERIFY2(drift.ok(), qPrintable(drift.error().toString()));
    QCOMPARE(drift.value().missingFrom, QList<TtsComponent>({TtsComponent::IdentityServer}));

    // Creating it again: the IS accepts, the JS refuses the leftover, the client rolls the IS back.
    const Result<TtsEndDevice> again =
        Test::awaitResult(m_client->createDevice(otaaDevice(QStringLiteral("lora-09"), QStringLiteral("0004A30B001C0009"))));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind(), ServiceError::Kind::Conflict);
    QCOMPARE(again.error().code(), QStringLiteral("pkg/joinserver/redis:duplicate_identifiers"));
    QCOMPARE(again.error().payload().toObject().value(QStringLiteral("failedComponent")).toString(), QStringLiteral("JS"));
    QVERIFY2(again.error().message().contains(QStringLiteral("left behind")), qPrintable(again.error().message()));
    const QJsonObject leftover = adminDevice(QStringLiteral("lora-09"));
    QCOMPARE(leftover.value(QStringLiteral("registries")).toArray(),
             QJsonArray({QStringLiteral("js"), QStringLiteral("ns"), QStringLiteral("as")}));

    // The documented fix: delete from every registry, then create again.
    QVERIFY(Test::awaitResult(m_client->deleteDevice(QStringLiteral("lora-09"))).ok());
    QVERIFY(adminDevice(QStringLiteral("lora-09")).isEmpty());
    QVERIFY(Test::awaitResult(
                m_client->createDevice(otaaDevice(QStringLiteral("lora-09"), QStringLiteral("0004A30B001C0009"))))
                .ok());
    QCOMPARE(adminDevice(QStringLiteral("lora-09")).value(QStringLiteral("complete")).toBool(), true);
}

void TestTtsRestSandbox::overTls()
{
    const QUrl tlsUrl = m_tts->rest()->tlsApiUrl();
    QCOMPARE(tlsUrl.scheme(), QStringLiteral("https"));
    const std::unique_ptr<TtsClient> secure = client(m_tts->model()->defaultApiKey()->token(), tlsUrl);
    secure->transport()->setSslConfiguration(m_ca->clientConfiguration());
    const Result<TtsApplication> application = Test::awaitResult(secure->application());
    QVERIFY2(application.ok(), qPrintable(application.error().toString()));
    QCOMPARE(application.value().applicationId, QStringLiteral("demo-app"));
}

QTEST_GUILESS_MAIN(TestTtsRestSandbox)
#include "tst_ttsrestsandbox.moc"
