#include "HubTestSupport.h"

#include "sandbox/hub/HubDirectory.h"
#include "sandbox/rest/IotHubRestEndpoint.h"
#include "services/iothub/IotHubErrorEnvelope.h"
#include "services/protocol/SasToken.h"

#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;

namespace {

using Request = IotHubRestEndpoint::Request;
using Response = IotHubRestEndpoint::Response;

QJsonArray jsonArray(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).array();
}

} // namespace

class TestIotHubRestEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rights_data();
    void rights();
    void requestChecks_data();
    void requestChecks();
    void errorEnvelopes();
    void deviceLifecycleWithEtags();
    void deviceIdsAreDecodedFromPaths_data();
    void deviceIdsAreDecodedFromPaths();
    void bodyDeviceIdMustMatch();
    void bulkAnswers400WithResult();
    void twinsWithEtags();
    void queryHeaders();
    void listAndStatistics();
    void outageAnd429();
    void hubChosenByToken();

private:
    Request request(const QByteArray &method, const QString &path,
                    const QString &policy = QStringLiteral("iothubowner"), const QByteArray &body = {},
                    SandboxHub *hub = nullptr) const;

    ManualClock *m_clock = nullptr;
    HubDirectory *m_hubs = nullptr;
    SandboxHub *m_hub = nullptr;
    IotHubRestEndpoint *m_endpoint = nullptr;
};

void TestIotHubRestEndpoint::init()
{
    m_clock = new ManualClock();
    m_hubs = new HubDirectory(m_clock);
    SandboxHub::Options options;
    options.name = QStringLiteral("rest-hub");
    options.throttlesEnabled = false;
    m_hub = m_hubs->createHub(options).value();
    m_endpoint = new IotHubRestEndpoint(m_hubs, m_clock);
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d1");
    QVERIFY(m_hub->createDevice(device).ok());
}

void TestIotHubRestEndpoint::cleanup()
{
    delete m_endpoint;
    delete m_hubs;
    delete m_clock;
}

Request TestIotHubRestEndpoint::request(const QByteArray &method, const QString &path, const QString &policy,
                                        const QByteArray &body, SandboxHub *hub) const
{
    hub = hub ? hub : m_hub;
    Request request;
    request.method = method;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    request.encodedPath = question < 0 ? path : path.left(question);
    request.query = QUrlQuery(question < 0 ? QStringLiteral("api-version=2021-04-12") : path.mid(question + 1));
    if (!policy.isEmpty()) {
        const QByteArray key = hub->policy(policy) ? hub->policy(policy)->primaryKey : QByteArray("AAAA");
        request.headers.append(QPair<QByteArray, QByteArray> {
            "Authorization",
            SasToken::sign(hub->hostName(), key, m_clock->secondsSinceEpoch() + 3600, policy).toUtf8()});
    }
    if (!body.isEmpty())
        request.headers.append(QPair<QByteArray, QByteArray> {"Content-Type", "application/json; charset=utf-8"});
    request.body = body;
    return request;
}

void TestIotHubRestEndpoint::rights_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("allowed"); // policy that may
    QTest::addColumn<QString>("denied"); // policy that may not

    QTest::addRow("get device") << QByteArray("GET") << "/devices/d1" << QByteArray() << "registryRead"
                                << "service";
    QTest::addRow("list devices") << QByteArray("GET") << "/devices" << QByteArray() << "registryRead"
                                  << "device";
    QTest::addRow("statistics") << QByteArray("GET") << "/statistics/devices" << QByteArray() << "registryReadWrite"
                                << "service";
    QTest::addRow("create device") << QByteArray("PUT") << "/devices/new" << QByteArray(R"({"deviceId":"new"})")
                                   << "registryReadWrite"
                                   << "registryRead";
    QTest::addRow("delete device") << QByteArray("DELETE") << "/devices/d1" << QByteArray() << "registryReadWrite"
                                   << "service";
    QTest::addRow("bulk") << QByteArray("POST") << "/devices" << QByteArray(R"([{"id":"b1","importMode":"create"}])")
                          << "registryReadWrite"
                          << "registryRead";
    QTest::addRow("get twin") << QByteArray("GET") << "/twins/d1" << QByteArray() << "service"
                              << "registryReadWrite";
    QTest::addRow("patch twin") << QByteArray("PATCH") << "/twins/d1" << QByteArray(R"({"tags":{"a":1}})") << "service"
                                << "registryReadWrite";
    QTest::addRow("replace twin") << QByteArray("PUT") << "/twins/d1" << QByteArray(R"({"tags":{"a":1}})") << "service"
                                  << "device";
    QTest::addRow("query") << QByteArray("POST") << "/devices/query"
                           << QByteArray(R"({"query":"SELECT * FROM devices"})") << "service"
                           << "registryRead";
}

void TestIotHubRestEndpoint::rights()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, allowed);
    QFETCH(QString, denied);
    const Response refused = m_endpoint->handle(request(method, path, denied, body));
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.header("iothub-errorcode"), QByteArray("IotHubUnauthorizedAccess"));
    const Response accepted = m_endpoint->handle(request(method, path, allowed, body));
    QVERIFY2(accepted.status >= 200 && accepted.status < 300, accepted.body.constData());
}

void TestIotHubRestEndpoint::requestChecks_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");

    QTest::addRow("no api-version") << QByteArray("GET") << "/devices/d1?top=1"
                                    << "iothubowner" << QByteArray() << 400 << QByteArray("ArgumentInvalid");
    QTest::addRow("no authorization") << QByteArray("GET") << "/devices/d1" << QString() << QByteArray() << 401
                                      << QByteArray("IotHubUnauthorizedAccess");
    QTest::addRow("unknown policy") << QByteArray("GET") << "/devices/d1"
                                    << "nobody" << QByteArray() << 401 << QByteArray("IotHubUnauthorizedAccess");
    QTest::addRow("unknown device") << QByteArray("GET") << "/devices/ghost"
                                    << "iothubowner" << QByteArray() << 404 << QByteArray("DeviceNotFound");
    QTest::addRow("unknown twin") << QByteArray("GET") << "/twins/ghost"
                                  << "iothubowner" << QByteArray() << 404 << QByteArray("DeviceNotFound");
    QTest::addRow("exists") << QByteArray("PUT") << "/devices/d1"
                            << "iothubowner" << QByteArray("{}") << 409 << QByteArray("DeviceAlreadyExists");
    QTest::addRow("bad json") << QByteArray("PUT") << "/devices/x"
                              << "iothubowner" << QByteArray("{nope") << 400 << QByteArray("IotHubFormatError");
    QTest::addRow("twin rules") << QByteArray("PATCH") << "/twins/d1"
                                << "iothubowner" << QByteArray(R"({"properties":{"desired":{"a.b":1}}})") << 400
                                << QByteArray("ArgumentInvalid");
    QTest::addRow("bad query") << QByteArray("POST") << "/devices/query"
                               << "iothubowner" << QByteArray(R"({"query":"SELECT FROM"})") << 400
                               << QByteArray("ArgumentInvalid");
    QTest::addRow("no query") << QByteArray("POST") << "/devices/query"
                              << "iothubowner" << QByteArray("{}") << 400 << QByteArray("ArgumentInvalid");
    QTest::addRow("bulk not array") << QByteArray("POST") << "/devices"
                                    << "iothubowner" << QByteArray("{}") << 400 << QByteArray("ArgumentInvalid");
    QTest::addRow("bad top") << QByteArray("GET") << "/devices?api-version=1&top=5000"
                             << "iothubowner" << QByteArray() << 400 << QByteArray("ArgumentInvalid");
    QTest::addRow("unknown path") << QByteArray("GET") << "/jobs/v2"
                                  << "iothubowner" << QByteArray() << 404 << QByteArray("NotFound");
    QTest::addRow("wrong method") << QByteArray("POST") << "/twins/d1"
                                  << "iothubowner" << QByteArray("{}") << 405 << QByteArray("MethodNotAllowed");
    QTest::addRow("bad escape") << QByteArray("GET") << "/devices/a%zz"
                                << "iothubowner" << QByteArray() << 400 << QByteArray("ArgumentInvalid");
}

void TestIotHubRestEndpoint::requestChecks()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, policy);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    const Response response = m_endpoint->handle(request(method, path, policy, body));
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("iothub-errorcode"), code);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
    const IotHubErrorEnvelope envelope = IotHubErrorEnvelope::parse(response.body, response.header("iothub-errorcode"));
    QCOMPARE(envelope.code, QString::fromLatin1(code));
    QVERIFY(!envelope.message.isEmpty());
    QVERIFY(!envelope.trackingId.isEmpty());
}

void TestIotHubRestEndpoint::errorEnvelopes()
{
    const Response legacy = m_endpoint->handle(request("GET", QStringLiteral("/devices/ghost")));
    const QJsonObject legacyBody = QJsonDocument::fromJson(legacy.body).object();
    QVERIFY(
        legacyBody.value(QStringLiteral("Message")).toString().startsWith(QStringLiteral("ErrorCode:DeviceNotFound;")));
    QVERIFY(legacyBody.value(QStringLiteral("ExceptionMessage")).toString().startsWith(QStringLiteral("Tracking ID:")));

    m_endpoint->setErrorEnvelope(IotHubRestEndpoint::ErrorEnvelope::Modern);
    const Response modern = m_endpoint->handle(request("GET", QStringLiteral("/devices/ghost")));
    const QJsonObject modernBody = QJsonDocument::fromJson(modern.body).object();
    QCOMPARE(modernBody.value(QStringLiteral("errorCode")).toInt(), 404001);
    QVERIFY(modernBody.contains(QStringLiteral("trackingId")));
    QVERIFY(modernBody.contains(QStringLiteral("timestampUtc")));
}

void TestIotHubRestEndpoint::deviceLifecycleWithEtags()
{
    const Response created = m_endpoint->handle(
        request("PUT", QStringLiteral("/devices/lora-01"), QStringLiteral("iothubowner"), R"({"deviceId":"lora-01"})"));
    QCOMPARE(created.status, 200);
    const QJsonObject device = QJsonDocument::fromJson(created.body).object();
    const QString etag = device.value(QStringLiteral("etag")).toString();
    QVERIFY(!etag.isEmpty());
    QCOMPARE(created.header("ETag"), QByteArray('"' + etag.toUtf8() + '"'));
    QVERIFY(!device.value(QStringLiteral("authentication"))
                 .toObject()
                 .value(QStringLiteral("symmetricKey"))
                 .toObject()
                 .value(QStringLiteral("primaryKey"))
                 .toString()
                 .isEmpty());
    QCOMPARE(device.value(QStringLiteral("lastActivityTime")).toString(), QStringLiteral("0001-01-01T00:00:00Z"));
    QVERIFY(device.value(QStringLiteral("statusReason")).isNull());
    QCOMPARE(device.value(QStringLiteral("connectionState")).toString(), QStringLiteral("Disconnected"));

    Request stale = request("PUT", QStringLiteral("/devices/lora-01"), QStringLiteral("iothubowner"), created.body);
    stale.headers.append(QPair<QByteArray, QByteArray> {"If-Match", "\"c3RhbGU=\""});
    const Response refused = m_endpoint->handle(stale);
    QCOMPARE(refused.status, 412);
    QCOMPARE(refused.header("iothub-errorcode"), QByteArray("PreconditionFailed"));

    Request update = request("PUT", QStringLiteral("/devices/lora-01"), QStringLiteral("iothubowner"),
                             R"({"deviceId":"lora-01","status":"disabled"})");
    update.headers.append(QPair<QByteArray, QByteArray> {"If-Match", created.header("ETag")});
    const Response updated = m_endpoint->handle(update);
    QCOMPARE(updated.status, 200);
    QCOMPARE(QJsonDocument::fromJson(updated.body).object().value(QStringLiteral("status")).toString(),
             QStringLiteral("disabled"));
    QVERIFY(updated.header("ETag") != created.header("ETag"));

    Request staleDelete = request("DELETE", QStringLiteral("/devices/lora-01"));
    staleDelete.headers.append(QPair<QByteArray, QByteArray> {"If-Match", created.header("ETag")});
    QCOMPARE(m_endpoint->handle(staleDelete).status, 412);
    Request remove = request("DELETE", QStringLiteral("/devices/lora-01"));
    remove.headers.append(QPair<QByteArray, QByteArray> {"If-Match", updated.header("ETag")});
    const Response deleted = m_endpoint->handle(remove);
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    QCOMPARE(m_endpoint->handle(request("GET", QStringLiteral("/devices/lora-01"))).status, 404);
}

void TestIotHubRestEndpoint::deviceIdsAreDecodedFromPaths_data()
{
    QTest::addColumn<QString>("deviceId");
    QTest::addRow("colon and plus") << "a:b+c";
    QTest::addRow("percent") << "50%off";
    QTest::addRow("hash and question mark") << "x#y?z";
    QTest::addRow("all specials") << "-:.+%_#*?!(),=@;$'";
}

void TestIotHubRestEndpoint::deviceIdsAreDecodedFromPaths()
{
    QFETCH(QString, deviceId);
    const QString path = QStringLiteral("/devices/") + QString::fromLatin1(QUrl::toPercentEncoding(deviceId));
    const Response created = m_endpoint->handle(request("PUT", path, QStringLiteral("iothubowner"), "{}"));
    QVERIFY2(created.status == 200, created.body.constData());
    QCOMPARE(QJsonDocument::fromJson(created.body).object().value(QStringLiteral("deviceId")).toString(), deviceId);
    QVERIFY(m_hub->device(deviceId).ok());
    const Response twin = m_endpoint->handle(
        request("GET", QStringLiteral("/twins/") + QString::fromLatin1(QUrl::toPercentEncoding(deviceId))));
    QCOMPARE(twin.status, 200);
}

void TestIotHubRestEndpoint::bodyDeviceIdMustMatch()
{
    const Response response = m_endpoint->handle(
        request("PUT", QStringLiteral("/devices/a"), QStringLiteral("iothubowner"), R"({"deviceId":"b"})"));
    QCOMPARE(response.status, 400);
    QVERIFY(!m_hub->device(QStringLiteral("a")).ok());
}

void TestIotHubRestEndpoint::bulkAnswers400WithResult()
{
    const Response ok =
        m_endpoint->handle(request("POST", QStringLiteral("/devices"), QStringLiteral("iothubowner"),
                                   R"([{"id":"b1","importMode":"create"},{"id":"b2","importMode":"create"}])"));
    QCOMPARE(ok.status, 200);
    const Result<BulkImportResult> success = BulkImportResult::fromJson(QJsonDocument::fromJson(ok.body).object());
    QVERIFY(success.ok());
    QVERIFY(success.value().isSuccessful);

    // Member names are read without regard to case ("etag" as Node's bulk update sends it).
    const QString etag = m_hub->device(QStringLiteral("b2")).value().etag;
    const Response lowerCase = m_endpoint->handle(
        request("POST", QStringLiteral("/devices"), QStringLiteral("iothubowner"),
                QStringLiteral(R"([{"ID":"b2","importmode":"UpdateIfMatchETag","etag":"%1","status":"disabled"}])")
                    .arg(etag)
                    .toUtf8()));
    QCOMPARE(lowerCase.status, 200);
    QCOMPARE(m_hub->device(QStringLiteral("b2")).value().status, DeviceIdentity::Status::Disabled);

    const Response partly =
        m_endpoint->handle(request("POST", QStringLiteral("/devices"), QStringLiteral("iothubowner"),
                                   R"([{"id":"b1","importMode":"create"},{"id":"b3","importMode":"create"}])"));
    QCOMPARE(partly.status, 400);
    const Result<BulkImportResult> failure = BulkImportResult::fromJson(QJsonDocument::fromJson(partly.body).object());
    QVERIFY(failure.ok());
    QVERIFY(!failure.value().isSuccessful);
    QCOMPARE(failure.value().failedDeviceIds(), QStringList {QStringLiteral("b1")});
    QCOMPARE(failure.value().errorFor(QStringLiteral("b1"))->errorCode, QStringLiteral("DeviceAlreadyExists"));
    QVERIFY(m_hub->device(QStringLiteral("b3")).ok());
}

void TestIotHubRestEndpoint::twinsWithEtags()
{
    const Response read = m_endpoint->handle(request("GET", QStringLiteral("/twins/d1")));
    QCOMPARE(read.status, 200);
    const Result<DeviceTwin> twin = DeviceTwin::fromJson(QJsonDocument::fromJson(read.body).object());
    QVERIFY(twin.ok());
    QCOMPARE(read.header("ETag"), QByteArray('"' + twin.value().etag.toUtf8() + '"'));
    QVERIFY(twin.value().desired.value(QStringLiteral("$metadata")).isObject());

    Request patch = request("PATCH", QStringLiteral("/twins/d1"), QStringLiteral("service"),
                            R"({"tags":{"site":"north"},"properties":{"desired":{"interval":30}}})");
    patch.headers.append(QPair<QByteArray, QByteArray> {"If-Match", read.header("ETag")});
    const Response patched = m_endpoint->handle(patch);
    QCOMPARE(patched.status, 200);
    const DeviceTwin after = DeviceTwin::fromJson(QJsonDocument::fromJson(patched.body).object()).value();
    QCOMPARE(after.tags, json(R"({"site":"north"})"));
    QCOMPARE(after.desiredVersion(), 2);
    QVERIFY(after.etag != twin.value().etag);

    const Response conflict = m_endpoint->handle(patch); // the old etag again
    QCOMPARE(conflict.status, 412);

    Request replace = request("PUT", QStringLiteral("/twins/d1"), QStringLiteral("service"),
                              R"({"deviceId":"d1","tags":{},"properties":{"desired":{"only":1}}})");
    replace.headers.append(QPair<QByteArray, QByteArray> {"If-Match", "*"});
    const Response replaced = m_endpoint->handle(replace);
    QCOMPARE(replaced.status, 200);
    const DeviceTwin final = DeviceTwin::fromJson(QJsonDocument::fromJson(replaced.body).object()).value();
    QVERIFY(final.tags.isEmpty());
    QCOMPARE(DeviceTwin::withoutMetadata(final.desired), json(R"({"only":1})"));
}

void TestIotHubRestEndpoint::queryHeaders()
{
    for (int i = 2; i <= 5; ++i) {
        DeviceIdentity device;
        device.deviceId = QStringLiteral("d%1").arg(i);
        QVERIFY(m_hub->createDevice(device).ok());
    }
    Request first = request("POST", QStringLiteral("/devices/query"), QStringLiteral("service"),
                            R"({"query":"SELECT * FROM devices"})");
    first.headers.append(QPair<QByteArray, QByteArray> {"x-ms-max-item-count", "2"});
    const Response page1 = m_endpoint->handle(first);
    QCOMPARE(page1.status, 200);
    QCOMPARE(page1.header("x-ms-item-type"), QByteArray("twin"));
    QCOMPARE(jsonArray(page1.body).size(), 2);
    const QByteArray continuation = page1.header("x-ms-continuation");
    QVERIFY(!continuation.isEmpty());

    Request second = first;
    second.headers.append(QPair<QByteArray, QByteArray> {"x-ms-continuation", continuation});
    const Response page2 = m_endpoint->handle(second);
    QCOMPARE(jsonArray(page2.body).size(), 2);
    QCOMPARE(jsonArray(page2.body).at(0).toObject().value(QStringLiteral("deviceId")).toString(), QStringLiteral("d3"));

    Request raw = request("POST", QStringLiteral("/devices/query"), QStringLiteral("service"),
                          R"({"query":"SELECT deviceId FROM devices WHERE deviceId = 'd5'"})");
    const Response projected = m_endpoint->handle(raw);
    QCOMPARE(projected.header("x-ms-item-type"), QByteArray("raw"));
    QVERIFY(projected.header("x-ms-continuation").isEmpty());
    QCOMPARE(jsonArray(projected.body), QJsonArray {json(R"({"deviceId":"d5"})")});

    Request badCount = first;
    badCount.headers.last().second = "-1";
    QCOMPARE(m_endpoint->handle(badCount).status, 400);
}

void TestIotHubRestEndpoint::listAndStatistics()
{
    DeviceIdentity device;
    device.deviceId = QStringLiteral("d2");
    device.status = DeviceIdentity::Status::Disabled;
    QVERIFY(m_hub->createDevice(device).ok());
    const Response listed = m_endpoint->handle(request("GET", QStringLiteral("/devices?api-version=2021-04-12&top=1")));
    QCOMPARE(listed.status, 200);
    QCOMPARE(jsonArray(listed.body).size(), 1);
    const Response statistics = m_endpoint->handle(request("GET", QStringLiteral("/statistics/devices")));
    QCOMPARE(QJsonDocument::fromJson(statistics.body).object(),
             json(R"({"totalDeviceCount":2,"enabledDeviceCount":1,"disabledDeviceCount":1})"));
}

void TestIotHubRestEndpoint::outageAnd429()
{
    HubFaults faults;
    faults.outageUntil = m_clock->nowUtc().addSecs(60);
    faults.addedLatencyMs = 250;
    m_hub->setFaults(faults);
    const Request get = request("GET", QStringLiteral("/devices/d1"));
    QCOMPARE(m_endpoint->addedLatencyMs(get), 250);
    const Response down = m_endpoint->handle(get);
    QCOMPARE(down.status, 503);
    QCOMPARE(down.header("iothub-errorcode"), QByteArray("ServiceUnavailable"));

    faults = HubFaults();
    faults.throttleRegistryUntil = m_clock->nowUtc().addSecs(60);
    m_hub->setFaults(faults);
    const Response throttled = m_endpoint->handle(get);
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.header("iothub-errorcode"), QByteArray("ThrottlingException"));
    QCOMPARE(m_endpoint->handle(request("GET", QStringLiteral("/twins/d1"))).status, 200);
}

void TestIotHubRestEndpoint::hubChosenByToken()
{
    SandboxHub::Options options;
    options.name = QStringLiteral("second-hub");
    SandboxHub *second = m_hubs->createHub(options).value();
    // d1 exists only in the first hub.
    QCOMPARE(m_endpoint->handle(request("GET", QStringLiteral("/devices/d1"))).status, 200);
    QCOMPARE(
        m_endpoint->handle(request("GET", QStringLiteral("/devices/d1"), QStringLiteral("iothubowner"), {}, second))
            .status,
        404);
    // A token of one hub signed with another hub's key.
    Request mixed = request("GET", QStringLiteral("/devices/d1"));
    mixed.headers.first().second =
        SasToken::sign(second->hostName(), m_hub->policy(QStringLiteral("iothubowner"))->primaryKey,
                       m_clock->secondsSinceEpoch() + 60, QStringLiteral("iothubowner"))
            .toUtf8();
    QCOMPARE(m_endpoint->handle(mixed).status, 401);
    // A hub that does not exist.
    Request unknown = request("GET", QStringLiteral("/devices/d1"));
    unknown.headers.first().second = SasToken::sign(QStringLiteral("nohub.azure-devices.net"), "AAAA",
                                                    m_clock->secondsSinceEpoch() + 60, QStringLiteral("iothubowner"))
                                         .toUtf8();
    const Response missing = m_endpoint->handle(unknown);
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.header("iothub-errorcode"), QByteArray("IotHubNotFound"));
}

QTEST_GUILESS_MAIN(TestIotHubRestEndpoint)
#include "tst_iothubrestendpoint.moc"
