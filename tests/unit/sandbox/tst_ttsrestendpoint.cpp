// The TTS stand-in's REST API through TtsRestEndpoint::handle(): TTS's error JSON, the rights every route needs
// (each missing right is a 403 naming it), authentication failures, field masks on GET and PUT (forbidden paths,
// read-only EUIs), paging, ordering and X-Total-Count, search, downlink validation, routes and injected faults.

#include "TtsSandboxTestSupport.h"

#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsRestEndpoint.h"
#include "services/core/Clock.h"
#include "services/tts/TtsError.h"
#include "services/tts/TtsRights.h"

#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::TtsTest;
using Right = TtsRights::Right;

Q_DECLARE_METATYPE(TwinBridge::TtsComponent)

namespace {

const QString DevicePath = QStringLiteral("/applications/demo-app/devices/dev-1");

QString componentPath(TtsComponent component, const QString &rest)
{
    switch (component) {
    case TtsComponent::IdentityServer:
        return QStringLiteral("/applications/demo-app") + rest;
    case TtsComponent::JoinServer:
        return QStringLiteral("/js/applications/demo-app") + rest;
    case TtsComponent::NetworkServer:
        return QStringLiteral("/ns/applications/demo-app") + rest;
    case TtsComponent::ApplicationServer:
        return QStringLiteral("/as/applications/demo-app") + rest;
    }
    return {};
}

QList<Right> allApplicationRightsBut(Right missing)
{
    QList<Right> rights;
    for (int value = int(Right::ApplicationInfo); value <= int(Right::ApplicationTrafficDownWrite); ++value) {
        if (Right(value) != missing)
            rights.append(Right(value));
    }
    return rights;
}

} // namespace

class TestTtsRestEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void errorBodyHasTtsShape();
    void eachRouteNamesItsMissingRight_data();
    void eachRouteNamesItsMissingRight();
    void authenticationFailures_data();
    void authenticationFailures();
    void rightsListExpandsImplications();
    void getFieldMasks_data();
    void getFieldMasks();
    void putFieldMasks_data();
    void putFieldMasks();
    void pagingAndOrdering_data();
    void pagingAndOrdering();
    void listSkipsDevicesWithoutIdentityEntry();
    void search_data();
    void search();
    void createValidatesTheBody_data();
    void createValidatesTheBody();
    void downlinkValidation_data();
    void downlinkValidation();
    void downlinkQueueAnswers();
    void applicationFieldMask();
    void mqttConnectionInfo();
    void apiKeys();
    void apiKeyValidation_data();
    void apiKeyValidation();
    void routesAndMethods_data();
    void routesAndMethods();
    void injectedFaults();

private:
    TtsRestEndpoint::Response request(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return call(*m_endpoint, method, path, m_key, body);
    }
    QString keyWith(const QList<Right> &rights)
    {
        return m_model->createApiKey(QStringLiteral("demo-app"), QStringLiteral("test"), rights).value().token();
    }

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<TtsApplicationModel> m_model;
    std::unique_ptr<TtsRestEndpoint> m_endpoint;
    QString m_key;
};

void TestTtsRestEndpoint::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_model = std::make_unique<TtsApplicationModel>(m_clock.get(), 42);
    m_model->ensureDefaultApplication();
    m_endpoint = std::make_unique<TtsRestEndpoint>(m_model.get());
    m_key = m_model->defaultApiKey()->token();
    // dev-1 in all four registries, with IS fields to mask.
    const QJsonObject identity = parse(R"({"ids":{"device_id":"dev-1","dev_eui":"0004A30B001C0001",
        "join_eui":"70B3D57ED0000000"},"name":"First","attributes":{"room":"12"},
        "version_ids":{"brand_id":"the-things-products","model_id":"the-things-node"},
        "network_server_address":"ns.example.com"})");
    QVERIFY(m_model
                ->createDevice(QStringLiteral("demo-app"), identity,
                               {QStringLiteral("ids.dev_eui"), QStringLiteral("ids.join_eui"), QStringLiteral("name"),
                                QStringLiteral("attributes"), QStringLiteral("version_ids"),
                                QStringLiteral("network_server_address")})
                .ok());
    const QJsonObject ids = identity.value(QStringLiteral("ids")).toObject();
    const QStringList idPaths = {QStringLiteral("ids.device_id"), QStringLiteral("ids.dev_eui"),
                                 QStringLiteral("ids.join_eui")};
    QVERIFY(m_model
                ->setDevice(QStringLiteral("demo-app"), QStringLiteral("dev-1"), TtsComponent::JoinServer,
                            QJsonObject {{QStringLiteral("ids"), ids},
                                         {QStringLiteral("root_keys"),
                                          parse(R"({"app_key":{"key":"00112233445566778899aabbccddeeff"}})")}},
                            idPaths + QStringList {QStringLiteral("root_keys.app_key.key")})
                .ok());
    QVERIFY(m_model
                ->setDevice(QStringLiteral("demo-app"), QStringLiteral("dev-1"), TtsComponent::NetworkServer,
                            QJsonObject {{QStringLiteral("ids"), ids},
                                         {QStringLiteral("lorawan_version"), QStringLiteral("1.0.3")},
                                         {QStringLiteral("lorawan_phy_version"), QStringLiteral("1.0.3-a")},
                                         {QStringLiteral("frequency_plan_id"), QStringLiteral("EU_863_870_TTN")},
                                         {QStringLiteral("supports_join"), true}},
                            idPaths + QStringList {QStringLiteral("lorawan_version"), QStringLiteral("lorawan_phy_version"),
                                                   QStringLiteral("frequency_plan_id"), QStringLiteral("supports_join")})
                .ok());
    QVERIFY(m_model
                ->setDevice(QStringLiteral("demo-app"), QStringLiteral("dev-1"), TtsComponent::ApplicationServer,
                            QJsonObject {{QStringLiteral("ids"), ids}}, idPaths)
                .ok());
}

void TestTtsRestEndpoint::cleanup()
{
    m_endpoint.reset();
    m_model.reset();
    m_clock.reset();
}

void TestTtsRestEndpoint::errorBodyHasTtsShape()
{
    const QString key = keyWith({Right::ApplicationInfo});
    const TtsRestEndpoint::Response response = call(*m_endpoint, "GET", DevicePath, key);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject body = bodyOf(response);
    QCOMPARE(body.value(QStringLiteral("code")).toInt(), 7);
    QCOMPARE(body.value(QStringLiteral("message")).toString(),
             QStringLiteral("error:pkg/auth/rights:insufficient_application_rights (insufficient rights for "
                            "application `demo-app@sandbox`)"));
    const QJsonObject detail = detailOf(response);
    QCOMPARE(detail.value(QStringLiteral("@type")).toString(),
             QStringLiteral("type.googleapis.com/ttn.lorawan.v3.ErrorDetails"));
    QCOMPARE(detail.value(QStringLiteral("namespace")).toString(), QStringLiteral("pkg/auth/rights"));
    QCOMPARE(detail.value(QStringLiteral("name")).toString(), QStringLiteral("insufficient_application_rights"));
    QCOMPARE(detail.value(QStringLiteral("message_format")).toString(),
             QStringLiteral("insufficient rights for application `{uid}`"));
    QCOMPARE(detail.value(QStringLiteral("code")).toInt(), 7);
    QCOMPARE(errorAttributes(response),
             parse(R"({"uid":"demo-app@sandbox","missing":["RIGHT_APPLICATION_DEVICES_READ"]})"));
    static const QRegularExpression correlation(QStringLiteral("^[0-9a-f]{32}$"));
    QVERIFY(correlation.match(detail.value(QStringLiteral("correlation_id")).toString()).hasMatch());
    // Every answer gets its own correlation id.
    QVERIFY(detailOf(call(*m_endpoint, "GET", DevicePath, key)).value(QStringLiteral("correlation_id")) !=
            detail.value(QStringLiteral("correlation_id")));

    // The engine's parser reads it back.
    const std::optional<TtsError> parsed = TtsError::parse(response.body);
    QVERIFY(parsed);
    QCOMPARE(parsed->qualifiedName(), QStringLiteral("pkg/auth/rights:insufficient_application_rights"));
    QCOMPARE(parsed->rightsNamed(), QStringList({QStringLiteral("RIGHT_APPLICATION_DEVICES_READ")}));
}

void TestTtsRestEndpoint::eachRouteNamesItsMissingRight_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Right>("right");

    const QByteArray setJs = deviceBody(parse(R"({"network_server_address":"ns.example.com"})"),
                                        {QStringLiteral("network_server_address")});
    const QByteArray setJsKeys =
        deviceBody(parse(R"({"root_keys":{"app_key":{"key":"FFEEDDCCBBAA99887766554433221100"}}})"),
                   {QStringLiteral("root_keys.app_key.key")});
    const QByteArray setNs = deviceBody(parse(R"({"supports_class_c":true})"), {QStringLiteral("supports_class_c")});
    const QByteArray setAs = deviceBody(parse(R"({"formatters":{"up_formatter":"FORMATTER_CAYENNELPP"}})"),
                                        {QStringLiteral("formatters")});
    const QByteArray downlinks(R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="}]})");

    QTest::addRow("application") << QByteArray("GET") << QStringLiteral("/applications/demo-app") << QByteArray()
                                 << Right::ApplicationInfo;
    QTest::addRow("mqtt-connection-info") << QByteArray("GET")
                                          << QStringLiteral("/as/applications/demo-app/mqtt-connection-info")
                                          << QByteArray() << Right::ApplicationInfo;
    QTest::addRow("IS list") << QByteArray("GET") << QStringLiteral("/applications/demo-app/devices") << QByteArray()
                             << Right::ApplicationDevicesRead;
    QTest::addRow("search") << QByteArray("GET") << QStringLiteral("/search/applications/demo-app/devices?query=dev")
                            << QByteArray() << Right::ApplicationDevicesRead;
    QTest::addRow("IS get") << QByteArray("GET") << DevicePath << QByteArray() << Right::ApplicationDevicesRead;
    QTest::addRow("IS create") << QByteArray("POST") << QStringLiteral("/applications/demo-app/devices")
                               << deviceBody(parse(R"({"ids":{"device_id":"new-1"}})"), {})
                               << Right::ApplicationDevicesWrite;
    QTest::addRow("IS update") << QByteArray("PUT") << DevicePath
                               << deviceBody(parse(R"({"name":"x"})"), {QStringLiteral("name")})
                               << Right::ApplicationDevicesWrite;
    QTest::addRow("IS delete") << QByteArray("DELETE") << DevicePath << QByteArray() << Right::ApplicationDevicesWrite;
    for (TtsComponent component :
         {TtsComponent::JoinServer, TtsComponent::NetworkServer, TtsComponent::ApplicationServer}) {
        const QByteArray name = ttsComponentShortName(component).toLatin1();
        const QString path = componentPath(component, QStringLiteral("/devices/dev-1"));
        const QByteArray set = component == TtsComponent::JoinServer ? setJs
            : component == TtsComponent::NetworkServer                ? setNs
                                                                      : setAs;
        QTest::addRow("%s get", name.constData()) << QByteArray("GET") << path << QByteArray()
                                                  << Right::ApplicationDevicesRead;
        QTest::addRow("%s set", name.constData()) << QByteArray("PUT") << path << set << Right::ApplicationDevicesWrite;
        QTest::addRow("%s create with POST", name.constData())
            << QByteArray("POST") << componentPath(component, QStringLiteral("/devices")) << set
            << Right::ApplicationDevicesWrite;
        QTest::addRow("%s delete", name.constData()) << QByteArray("DELETE") << path << QByteArray()
                                                     << Right::ApplicationDevicesWrite;
    }
    QTest::addRow("JS get root keys") << QByteArray("GET")
                                      << componentPath(TtsComponent::JoinServer,
                                                       QStringLiteral("/devices/dev-1?field_mask=root_keys"))
                                      << QByteArray() << Right::ApplicationDevicesReadKeys;
    QTest::addRow("JS set root keys") << QByteArray("PUT")
                                      << componentPath(TtsComponent::JoinServer, QStringLiteral("/devices/dev-1"))
                                      << setJsKeys << Right::ApplicationDevicesWriteKeys;
    QTest::addRow("AS get session keys")
        << QByteArray("GET")
        << componentPath(TtsComponent::ApplicationServer,
                         QStringLiteral("/devices/dev-1?field_mask=session.keys.app_s_key.key"))
        << QByteArray() << Right::ApplicationDevicesReadKeys;
    QTest::addRow("downlink queue") << QByteArray("GET")
                                    << componentPath(TtsComponent::ApplicationServer, QStringLiteral("/devices/dev-1/down"))
                                    << QByteArray() << Right::ApplicationTrafficRead;
    QTest::addRow("downlink push") << QByteArray("POST")
                                   << componentPath(TtsComponent::ApplicationServer,
                                                    QStringLiteral("/devices/dev-1/down/push"))
                                   << downlinks << Right::ApplicationTrafficDownWrite;
    QTest::addRow("downlink replace") << QByteArray("POST")
                                      << componentPath(TtsComponent::ApplicationServer,
                                                       QStringLiteral("/devices/dev-1/down/replace"))
                                      << downlinks << Right::ApplicationTrafficDownWrite;
    QTest::addRow("API key list") << QByteArray("GET") << QStringLiteral("/applications/demo-app/api-keys") << QByteArray()
                                  << Right::ApplicationSettingsApiKeys;
    QTest::addRow("API key create") << QByteArray("POST") << QStringLiteral("/applications/demo-app/api-keys")
                                    << QByteArray(R"({"name":"k","rights":["RIGHT_APPLICATION_INFO"]})")
                                    << Right::ApplicationSettingsApiKeys;
    QTest::addRow("API key handing out a right the caller lacks")
        << QByteArray("POST") << QStringLiteral("/applications/demo-app/api-keys")
        << QByteArray(R"({"rights":["RIGHT_APPLICATION_INFO","RIGHT_APPLICATION_DEVICES_WRITE"]})")
        << Right::ApplicationDevicesWrite;
}

void TestTtsRestEndpoint::eachRouteNamesItsMissingRight()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(Right, right);
    // POST to a JS/NS/AS collection names the device in the body.
    if (method == "POST" && path.contains(QLatin1String("s/applications/demo-app/devices"))) {
        QJsonObject object = parse(body);
        QJsonObject endDevice = object.value(QStringLiteral("end_device")).toObject();
        endDevice.insert(QStringLiteral("ids"), parse(R"({"device_id":"dev-1"})"));
        object.insert(QStringLiteral("end_device"), endDevice);
        body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

    const TtsRestEndpoint::Response refused = call(*m_endpoint, method, path, keyWith(allApplicationRightsBut(right)), body);
    QCOMPARE(refused.status, 403);
    QCOMPARE(errorName(refused), QStringLiteral("pkg/auth/rights:insufficient_application_rights"));
    QCOMPARE(strings(errorAttributes(refused).value(QStringLiteral("missing"))), QStringList({TtsRights::wireName(right)}));
    // What the engine makes of it: the sentence names the right.
    TtsError::Context context;
    context.applicationId = QStringLiteral("demo-app");
    const ServiceError error = TtsError::toServiceError(refused.status, refused.body, context);
    QCOMPARE(error.kind(), ServiceError::Kind::Forbidden);
    QVERIFY2(error.message().contains(QStringLiteral("lacks ") + TtsRights::wireName(right)), qPrintable(error.message()));

    // The same request with every right goes through (the device exists, the body is valid).
    const TtsRestEndpoint::Response allowed = call(*m_endpoint, method, path, keyWith({Right::ApplicationAll}), body);
    QVERIFY2(allowed.status == 200, allowed.body.constData());
}

void TestTtsRestEndpoint::authenticationFailures_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    QTest::addRow("no header") << QByteArray() << 403 << QStringLiteral("pkg/auth/rights:no_application_rights");
    QTest::addRow("basic auth") << QByteArray("Basic dXNlcjpwYXNz") << 401
                                << QStringLiteral("pkg/identityserver:unsupported_authorization");
    QTest::addRow("two parts") << QByteArray("Bearer NNSXS.ABC") << 400 << QStringLiteral("pkg/auth:token");
    QTest::addRow("other token type") << QByteArray("Bearer MFRGG.ABC.DEF") << 400 << QStringLiteral("pkg/auth:token");
    QTest::addRow("unknown key id")
        << QByteArray("Bearer NNSXS.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.BBBB") << 401
        << QStringLiteral("pkg/identityserver:api_key_not_found");
    QTest::addRow("wrong secret") << QByteArray("WRONG-SECRET") << 401
                                  << QStringLiteral("pkg/identityserver:invalid_authorization");
    QTest::addRow("key of another application") << QByteArray("OTHER-APP") << 403
                                                << QStringLiteral("pkg/auth/rights:no_application_rights");
}

void TestTtsRestEndpoint::authenticationFailures()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);

    if (authorization == "WRONG-SECRET") {
        const TtsApiKey key = *m_model->defaultApiKey();
        authorization = "Bearer NNSXS." + key.id.toLatin1() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    } else if (authorization == "OTHER-APP") {
        QVERIFY(m_model->createApplication(QStringLiteral("other-app")).ok());
        const TtsApiKey key =
            m_model->createApiKey(QStringLiteral("other-app"), {}, {Right::ApplicationAll}).value();
        authorization = "Bearer " + key.token().toLatin1();
    }
    TtsRestEndpoint::Request request;
    request.method = "GET";
    request.encodedPath = QStringLiteral("/api/v3") + DevicePath;
    if (!authorization.isEmpty())
        request.headers.append({"Authorization", authorization});
    const TtsRestEndpoint::Response response = m_endpoint->handle(request);
    QCOMPARE(response.status, status);
    QCOMPARE(errorName(response), error);
    if (status == 403)
        QCOMPARE(errorAttributes(response).value(QStringLiteral("uid")).toString(), QStringLiteral("demo-app@sandbox"));
    // The secret never comes back.
    QVERIFY(!response.body.contains(m_model->defaultApiKey()->secret.toLatin1()));
}

void TestTtsRestEndpoint::rightsListExpandsImplications()
{
    const TtsRestEndpoint::Response all = request("GET", QStringLiteral("/applications/demo-app/rights"));
    QCOMPARE(all.status, 200);
    const QStringList rights = strings(bodyOf(all).value(QStringLiteral("rights")));
    QVERIFY(rights.contains(QStringLiteral("RIGHT_APPLICATION_ALL")));
    QVERIFY(rights.contains(QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE_KEYS")));
    QVERIFY(!rights.contains(QStringLiteral("RIGHT_ALL")));

    const TtsRestEndpoint::Response link =
        call(*m_endpoint, "GET", QStringLiteral("/applications/demo-app/rights"), keyWith({Right::ApplicationLink}));
    QCOMPARE(strings(bodyOf(link).value(QStringLiteral("rights"))),
             QStringList({QStringLiteral("RIGHT_APPLICATION_INFO"), QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ"),
                          QStringLiteral("RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE"),
                          QStringLiteral("RIGHT_APPLICATION_LINK")}));

    // A key of another application has no rights here: an empty answer, not an error.
    QVERIFY(m_model->createApplication(QStringLiteral("other-app")).ok());
    const QString other = m_model->createApiKey(QStringLiteral("other-app"), {}, {Right::ApplicationAll}).value().token();
    const TtsRestEndpoint::Response none = call(*m_endpoint, "GET", QStringLiteral("/applications/demo-app/rights"), other);
    QCOMPARE(none.status, 200);
    QCOMPARE(bodyOf(none), QJsonObject());
}

void TestTtsRestEndpoint::getFieldMasks_data()
{
    QTest::addColumn<TtsComponent>("component");
    QTest::addColumn<QString>("mask");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("keys"); // top-level members of the answer, or the forbidden paths
    QTest::addColumn<QJsonObject>("subset");

    const QStringList base = {QStringLiteral("created_at"), QStringLiteral("ids"), QStringLiteral("updated_at")};
    using C = TtsComponent;
    QTest::addRow("IS default") << C::IdentityServer << QString() << 200 << base << QJsonObject();
    QTest::addRow("IS name") << C::IdentityServer << QStringLiteral("name") << 200
                             << base + QStringList {QStringLiteral("name")} << parse(R"({"name":"First"})");
    QTest::addRow("IS absent field") << C::IdentityServer << QStringLiteral("name,description") << 200
                                     << base + QStringList {QStringLiteral("name")} << QJsonObject();
    QTest::addRow("IS child path") << C::IdentityServer << QStringLiteral("version_ids.model_id") << 200
                                   << base + QStringList {QStringLiteral("version_ids")}
                                   << parse(R"({"version_ids":{"model_id":"the-things-node"}})");
    QTest::addRow("IS parent path") << C::IdentityServer << QStringLiteral("version_ids") << 200
                                    << base + QStringList {QStringLiteral("version_ids")}
                                    << parse(R"({"version_ids":{"brand_id":"the-things-products",
                                                 "model_id":"the-things-node"}})");
    QTest::addRow("IS map") << C::IdentityServer << QStringLiteral("attributes") << 200
                            << base + QStringList {QStringLiteral("attributes")} << parse(R"({"attributes":{"room":"12"}})");
    QTest::addRow("IS ids always full") << C::IdentityServer << QStringLiteral("ids.device_id") << 200 << base
                                        << parse(R"({"ids":{"device_id":"dev-1","dev_eui":"0004A30B001C0001",
                                                     "join_eui":"70B3D57ED0000000",
                                                     "application_ids":{"application_id":"demo-app"}}})");
    QTest::addRow("IS root keys forbidden") << C::IdentityServer << QStringLiteral("name,root_keys") << 400
                                            << QStringList {QStringLiteral("root_keys")} << QJsonObject();
    QTest::addRow("IS NS field forbidden") << C::IdentityServer << QStringLiteral("frequency_plan_id,nonsense") << 400
                                           << QStringList {QStringLiteral("frequency_plan_id"), QStringLiteral("nonsense")}
                                           << QJsonObject();
    QTest::addRow("JS default") << C::JoinServer << QString() << 200 << base << QJsonObject();
    QTest::addRow("JS app key") << C::JoinServer << QStringLiteral("root_keys.app_key.key") << 200
                                << base + QStringList {QStringLiteral("root_keys")}
                                << parse(R"({"root_keys":{"app_key":{"key":"00112233445566778899AABBCCDDEEFF"}}})");
    QTest::addRow("JS NS field forbidden") << C::JoinServer << QStringLiteral("frequency_plan_id") << 400
                                           << QStringList {QStringLiteral("frequency_plan_id")} << QJsonObject();
    QTest::addRow("NS versions as enum names") << C::NetworkServer
                                               << QStringLiteral("lorawan_version,lorawan_phy_version,frequency_plan_id")
                                               << 200
                                               << base + QStringList {QStringLiteral("frequency_plan_id"),
                                                                      QStringLiteral("lorawan_phy_version"),
                                                                      QStringLiteral("lorawan_version")}
                                               << parse(R"({"lorawan_version":"MAC_V1_0_3",
                                                            "lorawan_phy_version":"PHY_V1_0_3_REV_A"})");
    QTest::addRow("NS formatters forbidden") << C::NetworkServer << QStringLiteral("formatters") << 400
                                             << QStringList {QStringLiteral("formatters")} << QJsonObject();
    QTest::addRow("AS unset formatters") << C::ApplicationServer << QStringLiteral("formatters") << 200 << base
                                         << QJsonObject();
    QTest::addRow("AS root keys forbidden") << C::ApplicationServer << QStringLiteral("root_keys") << 400
                                            << QStringList {QStringLiteral("root_keys")} << QJsonObject();
}

void TestTtsRestEndpoint::getFieldMasks()
{
    QFETCH(TtsComponent, component);
    QFETCH(QString, mask);
    QFETCH(int, status);
    QFETCH(QStringList, keys);
    QFETCH(QJsonObject, subset);

    QString path = componentPath(component, QStringLiteral("/devices/dev-1"));
    if (!mask.isEmpty())
        path += QStringLiteral("?field_mask=") + mask;
    const TtsRestEndpoint::Response response = request("GET", path);
    QCOMPARE(response.status, status);
    if (status != 200) {
        QCOMPARE(errorName(response), QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths"));
        QCOMPARE(bodyOf(response).value(QStringLiteral("message")).toString(),
                 QStringLiteral("error:pkg/rpcmiddleware/validator:field_mask_paths (forbidden path(s) in field mask)"));
        QCOMPARE(strings(errorAttributes(response).value(QStringLiteral("forbidden_paths"))), keys);
        return;
    }
    const QJsonObject body = bodyOf(response);
    QStringList sortedKeys = keys; // QJsonObject keeps its members sorted
    sortedKeys.sort();
    QCOMPARE(body.keys(), sortedKeys);
    for (auto it = subset.constBegin(); it != subset.constEnd(); ++it)
        QCOMPARE(body.value(it.key()), it.value());
    // TTS's timestamps: RFC 3339 with nanoseconds.
    static const QRegularExpression nanoseconds(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$"));
    QVERIFY(nanoseconds.match(body.value(QStringLiteral("created_at")).toString()).hasMatch());
}

void TestTtsRestEndpoint::putFieldMasks_data()
{
    QTest::addColumn<TtsComponent>("component");
    QTest::addColumn<QJsonObject>("endDevice");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QJsonObject>("expected"); // members of the answer, or the error's attributes

    using C = TtsComponent;
    QTest::addRow("IS name") << C::IdentityServer << parse(R"({"name":"Renamed"})") << QStringList {QStringLiteral("name")}
                             << 200 << QString() << parse(R"({"name":"Renamed"})");
    QTest::addRow("IS docs example with ids.device_id")
        << C::IdentityServer << parse(R"({"ids":{"device_id":"dev-1"},"name":"n","description":"d"})")
        << QStringList {QStringLiteral("ids.device_id"), QStringLiteral("name"), QStringLiteral("description")} << 200
        << QString() << parse(R"({"name":"n","description":"d"})");
    QTest::addRow("IS clear by mask") << C::IdentityServer << QJsonObject() << QStringList {QStringLiteral("attributes")}
                                      << 200 << QString() << QJsonObject();
    QTest::addRow("IS dev_eui is create-only")
        << C::IdentityServer << parse(R"({"ids":{"dev_eui":"0004A30B001C0999"}})")
        << QStringList {QStringLiteral("ids.dev_eui")} << 400
        << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths")
        << parse(R"({"forbidden_paths":["ids.dev_eui"]})");
    QTest::addRow("IS join_eui is create-only")
        << C::IdentityServer << parse(R"({"ids":{"join_eui":"0000000000000001"}})")
        << QStringList {QStringLiteral("name"), QStringLiteral("ids.join_eui")} << 400
        << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths")
        << parse(R"({"forbidden_paths":["ids.join_eui"]})");
    QTest::addRow("IS whole ids") << C::IdentityServer << QJsonObject() << QStringList {QStringLiteral("ids")} << 400
                                  << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths")
                                  << parse(R"({"forbidden_paths":["ids"]})");
    QTest::addRow("IS root keys") << C::IdentityServer << QJsonObject() << QStringList {QStringLiteral("root_keys.app_key.key")}
                                  << 400 << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths")
                                  << parse(R"({"forbidden_paths":["root_keys.app_key.key"]})");
    QTest::addRow("JS NS field") << C::JoinServer << parse(R"({"frequency_plan_id":"EU_863_870"})")
                                 << QStringList {QStringLiteral("frequency_plan_id")} << 400
                                 << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths")
                                 << parse(R"({"forbidden_paths":["frequency_plan_id"]})");
    QTest::addRow("NS JS field") << C::NetworkServer << QJsonObject() << QStringList {QStringLiteral("root_keys")} << 400
                                 << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths")
                                 << parse(R"({"forbidden_paths":["root_keys"]})");
    QTest::addRow("AS NS field") << C::ApplicationServer << QJsonObject() << QStringList {QStringLiteral("lorawan_version")}
                                 << 400 << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths")
                                 << parse(R"({"forbidden_paths":["lorawan_version"]})");
    QTest::addRow("JS changing the DevEUI") << C::JoinServer << parse(R"({"ids":{"dev_eui":"0004A30B001C0999"}})")
                                            << QStringList {QStringLiteral("ids.dev_eui")} << 400
                                            << QStringLiteral("pkg/joinserver/redis:read_only_field")
                                            << parse(R"({"field":"ids.dev_eui"})");
    QTest::addRow("JS same DevEUI") << C::JoinServer << parse(R"({"ids":{"dev_eui":"0004a30b001c0001"}})")
                                    << QStringList {QStringLiteral("ids.dev_eui")} << 200 << QString() << QJsonObject();
    QTest::addRow("JS bad key") << C::JoinServer << parse(R"({"root_keys":{"app_key":{"key":"00112233"}}})")
                                << QStringList {QStringLiteral("root_keys.app_key.key")} << 400
                                << QStringLiteral("pkg/errors:validation")
                                << parse(R"({"field":"end_device.root_keys.app_key.key",
                                             "reason":"value must be 16 bytes as 32 hexadecimal digits"})");
    QTest::addRow("NS version alias") << C::NetworkServer << parse(R"({"lorawan_version":"1.0.4"})")
                                      << QStringList {QStringLiteral("lorawan_version")} << 200 << QString()
                                      << parse(R"({"lorawan_version":"MAC_V1_0_4"})");
    QTest::addRow("NS unknown version") << C::NetworkServer << parse(R"({"lorawan_version":"9.9"})")
                                        << QStringList {QStringLiteral("lorawan_version")} << 400
                                        << QStringLiteral("pkg/errors:validation")
                                        << parse(R"({"field":"end_device.lorawan_version",
                                                     "reason":"unknown LoRaWAN version \"9.9\""})");
    QTest::addRow("AS formatters") << C::ApplicationServer
                                   << parse(R"({"formatters":{"up_formatter":"FORMATTER_CAYENNELPP"}})")
                                   << QStringList {QStringLiteral("formatters")} << 200 << QString()
                                   << parse(R"({"formatters":{"up_formatter":"FORMATTER_CAYENNELPP"}})");
    QTest::addRow("wrong type") << C::IdentityServer << parse(R"({"name":5})") << QStringList {QStringLiteral("name")}
                                << 400 << QStringLiteral("pkg/errors:validation")
                                << parse(R"({"field":"end_device.name","reason":"value has the wrong type or form"})");
}

void TestTtsRestEndpoint::putFieldMasks()
{
    QFETCH(TtsComponent, component);
    QFETCH(QJsonObject, endDevice);
    QFETCH(QStringList, paths);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QJsonObject, expected);

    const QString path = componentPath(component, QStringLiteral("/devices/dev-1"));
    const QString before = m_model->getDevice(QStringLiteral("demo-app"), QStringLiteral("dev-1"), component, {})
                               .value()
                               .value(QStringLiteral("updated_at"))
                               .toString();
    m_clock->advance(std::chrono::seconds(1));
    const TtsRestEndpoint::Response response = request("PUT", path, deviceBody(endDevice, paths));
    QCOMPARE(response.status, status);
    if (status != 200) {
        QCOMPARE(errorName(response), error);
        QCOMPARE(errorAttributes(response), expected);
        return;
    }
    const QJsonObject body = bodyOf(response);
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
        QCOMPARE(body.value(it.key()), it.value());
    QVERIFY(body.value(QStringLiteral("updated_at")).toString() > before);
    // The change is stored: a GET with the same mask reads it back.
    const QStringList readable = paths.filter(QRegularExpression(QStringLiteral("^(?!ids)")));
    QString get = path;
    if (!readable.isEmpty())
        get += QStringLiteral("?field_mask=") + readable.join(QLatin1Char(','));
    const QJsonObject stored = bodyOf(request("GET", get));
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
        QCOMPARE(stored.value(it.key()), it.value());
    if (expected.isEmpty() && !readable.isEmpty())
        QVERIFY(!stored.contains(readable.first().section(QLatin1Char('.'), 0, 0)) || readable.first() == QLatin1String("ids"));
}

void TestTtsRestEndpoint::pagingAndOrdering_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("ids"); // or the field an error names

    const auto all = QStringList {QStringLiteral("dev-1"), QStringLiteral("dev-2"), QStringLiteral("dev-3"),
                                  QStringLiteral("dev-4"), QStringLiteral("dev-5"), QStringLiteral("dev-6"),
                                  QStringLiteral("dev-7")};
    QTest::addRow("everything") << QString() << 200 << all;
    QTest::addRow("first page") << QStringLiteral("limit=3&page=1") << 200 << all.mid(0, 3);
    QTest::addRow("page 0 is the first") << QStringLiteral("limit=3&page=0") << 200 << all.mid(0, 3);
    QTest::addRow("page without number") << QStringLiteral("limit=3") << 200 << all.mid(0, 3);
    QTest::addRow("last short page") << QStringLiteral("limit=3&page=3") << 200 << all.mid(6);
    QTest::addRow("past the end") << QStringLiteral("limit=3&page=4") << 200 << QStringList();
    QTest::addRow("limit 1000") << QStringLiteral("limit=1000") << 200 << all;
    QTest::addRow("by id descending") << QStringLiteral("order=-device_id&limit=2") << 200
                                      << QStringList {QStringLiteral("dev-7"), QStringLiteral("dev-6")};
    QTest::addRow("by name") << QStringLiteral("order=name&field_mask=name&limit=3") << 200
                             << QStringList {QStringLiteral("dev-7"), QStringLiteral("dev-6"), QStringLiteral("dev-5")};
    QTest::addRow("by name descending") << QStringLiteral("order=-name&limit=2&page=2") << 200
                                        << QStringList {QStringLiteral("dev-3"), QStringLiteral("dev-4")};
    QTest::addRow("newest first") << QStringLiteral("order=-created_at&limit=2") << 200
                                  << QStringList {QStringLiteral("dev-7"), QStringLiteral("dev-6")};
    QTest::addRow("by DevEUI") << QStringLiteral("order=dev_eui&limit=2") << 200
                               << QStringList {QStringLiteral("dev-1"), QStringLiteral("dev-2")};
    QTest::addRow("limit over 1000") << QStringLiteral("limit=1001") << 400 << QStringList {QStringLiteral("limit")};
    QTest::addRow("limit not a number") << QStringLiteral("limit=ten") << 400 << QStringList {QStringLiteral("limit")};
    QTest::addRow("negative page") << QStringLiteral("page=-1") << 400 << QStringList {QStringLiteral("page")};
    QTest::addRow("unknown order") << QStringLiteral("order=frequency_plan_id") << 400
                                   << QStringList {QStringLiteral("order")};
    QTest::addRow("forbidden mask") << QStringLiteral("field_mask=root_keys") << 400
                                    << QStringList {QStringLiteral("root_keys")};
}

void TestTtsRestEndpoint::pagingAndOrdering()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QStringList, ids);

    // dev-1 exists; dev-2 … dev-7 with names in reverse order ("name-6" … "name-1").
    for (int i = 2; i <= 7; ++i) {
        const QJsonObject device {
            {QStringLiteral("ids"),
             QJsonObject {{QStringLiteral("device_id"), QStringLiteral("dev-%1").arg(i)},
                          {QStringLiteral("dev_eui"), QStringLiteral("0004A30B001C000%1").arg(i)},
                          {QStringLiteral("join_eui"), QStringLiteral("70B3D57ED0000000")}}},
            {QStringLiteral("name"), QStringLiteral("name-%1").arg(8 - i)}};
        m_clock->advance(std::chrono::milliseconds(1));
        QVERIFY(request("POST", QStringLiteral("/applications/demo-app/devices"), deviceBody(device, {})).status == 200);
    }
    QVERIFY(m_model->updateDevice(QStringLiteral("demo-app"), QStringLiteral("dev-1"), parse(R"({"name":"name-7"})"),
                                  {QStringLiteral("name")})
                .ok());

    const TtsRestEndpoint::Response response =
        request("GET", QStringLiteral("/applications/demo-app/devices") + (query.isEmpty() ? QString() : QLatin1Char('?') + query));
    QCOMPARE(response.status, status);
    if (status != 200) {
        const QJsonObject attributes = errorAttributes(response);
        const QString named = attributes.contains(QStringLiteral("forbidden_paths"))
            ? strings(attributes.value(QStringLiteral("forbidden_paths"))).join(QLatin1Char(','))
            : attributes.value(QStringLiteral("field")).toString();
        QCOMPARE(named, ids.first());
        return;
    }
    QCOMPARE(response.header("X-Total-Count"), QByteArray("7"));
    QCOMPARE(deviceIds(response), ids);
    if (ids.isEmpty())
        QCOMPARE(bodyOf(response), QJsonObject()); // pages past the end are {}
}

void TestTtsRestEndpoint::listSkipsDevicesWithoutIdentityEntry()
{
    QVERIFY(m_model->provisionDevice(QStringLiteral("demo-app"), spec(QStringLiteral("dev-2"), QStringLiteral("0004A30B001C0002")))
                .ok());
    QVERIFY(m_model->removeFromRegistries(QStringLiteral("demo-app"), QStringLiteral("dev-1"),
                                          {TtsComponent::IdentityServer})
                .ok());
    const TtsRestEndpoint::Response response = request("GET", QStringLiteral("/applications/demo-app/devices"));
    QCOMPARE(response.header("X-Total-Count"), QByteArray("1"));
    QCOMPARE(deviceIds(response), QStringList({QStringLiteral("dev-2")}));
    // The leftovers can still be read and deleted one by one, as TTS's troubleshooting page shows.
    QCOMPARE(request("GET", QStringLiteral("/js/applications/demo-app/devices/dev-1")).status, 200);
    QCOMPARE(request("GET", DevicePath).status, 404);
    QCOMPARE(errorName(request("GET", DevicePath)), QStringLiteral("pkg/identityserver/store:end_device_not_found"));
}

void TestTtsRestEndpoint::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("ids");

    QTest::addRow("query matches ids") << QStringLiteral("query=SENSOR") << QStringList {QStringLiteral("sensor-a"), QStringLiteral("sensor-b")};
    QTest::addRow("query matches names") << QStringLiteral("query=kitchen") << QStringList {QStringLiteral("sensor-a")};
    QTest::addRow("query matches EUIs") << QStringLiteral("query=cb0b0") << QStringList {QStringLiteral("sensor-b")};
    QTest::addRow("id_contains") << QStringLiteral("id_contains=dev") << QStringList {QStringLiteral("dev-1")};
    QTest::addRow("name_contains") << QStringLiteral("name_contains=Hall") << QStringList {QStringLiteral("sensor-b")};
    QTest::addRow("description_contains") << QStringLiteral("description_contains=roof")
                                          << QStringList {QStringLiteral("sensor-a")};
    QTest::addRow("dev_eui_contains") << QStringLiteral("dev_eui_contains=0004a30b001c0001")
                                      << QStringList {QStringLiteral("dev-1")};
    QTest::addRow("join_eui_contains") << QStringLiteral("join_eui_contains=800000") << QStringList {QStringLiteral("sensor-a"), QStringLiteral("sensor-b")};
    QTest::addRow("dev_addr_contains") << QStringLiteral("dev_addr_contains=260b") << QStringList {QStringLiteral("sensor-a")};
    QTest::addRow("attributes_contain") << QStringLiteral("attributes_contain%5Bfloor%5D=2")
                                        << QStringList {QStringLiteral("sensor-b")};
    QTest::addRow("criteria combine") << QStringLiteral("id_contains=sensor&name_contains=kitchen")
                                      << QStringList {QStringLiteral("sensor-a")};
    QTest::addRow("nothing") << QStringLiteral("query=zzz") << QStringList();
}

void TestTtsRestEndpoint::search()
{
    QFETCH(QString, query);
    QFETCH(QStringList, ids);
    const QJsonObject a = parse(R"({"ids":{"device_id":"sensor-a","dev_eui":"0004A30B001CA0A0",
        "join_eui":"800000000000000C"},"name":"Kitchen","description":"On the roof","attributes":{"floor":"1"}})");
    const QJsonObject b = parse(R"({"ids":{"device_id":"sensor-b","dev_eui":"0004A30B001CB0B0",
        "join_eui":"800000000000000C"},"name":"Hall","attributes":{"floor":"2"}})");
    QCOMPARE(request("POST", QStringLiteral("/applications/demo-app/devices"), deviceBody(a, {})).status, 200);
    QCOMPARE(request("POST", QStringLiteral("/applications/demo-app/devices"), deviceBody(b, {})).status, 200);
    QCOMPARE(request("PUT", QStringLiteral("/as/applications/demo-app/devices/sensor-a"),
                     deviceBody(parse(R"({"ids":{"dev_eui":"0004A30B001CA0A0","join_eui":"800000000000000C"}})"), {}))
                 .status,
             200);
    QVERIFY(m_model->setSession(QStringLiteral("demo-app"), QStringLiteral("sensor-a"), QStringLiteral("260B1234"),
                                QStringLiteral("AQID"))
                .ok());

    const TtsRestEndpoint::Response response =
        request("GET", QStringLiteral("/search/applications/demo-app/devices?") + query);
    QCOMPARE(response.status, 200);
    QCOMPARE(deviceIds(response), ids);
    QCOMPARE(response.header("X-Total-Count"), QByteArray::number(ids.size()));
}

void TestTtsRestEndpoint::createValidatesTheBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("field");

    QTest::addRow("not JSON") << QByteArray("{nope") << 400 << QStringLiteral("pkg/jsonpb:unmarshal") << QString();
    QTest::addRow("array") << QByteArray("[]") << 400 << QStringLiteral("pkg/jsonpb:unmarshal") << QString();
    QTest::addRow("no end_device") << QByteArray("{}") << 400 << QStringLiteral("pkg/errors:validation")
                                   << QStringLiteral("end_device");
    QTest::addRow("bad device id") << QByteArray(R"({"end_device":{"ids":{"device_id":"Dev_1"}}})") << 400
                                   << QStringLiteral("pkg/errors:validation") << QStringLiteral("end_device.ids.device_id");
    QTest::addRow("long device id")
        << QByteArray(R"({"end_device":{"ids":{"device_id":"a123456789012345678901234567890123456"}}})") << 400
        << QStringLiteral("pkg/errors:validation") << QStringLiteral("end_device.ids.device_id");
    QTest::addRow("bad DevEUI") << QByteArray(R"({"end_device":{"ids":{"device_id":"dev-9","dev_eui":"XYZ"}}})") << 400
                                << QStringLiteral("pkg/errors:validation") << QStringLiteral("end_device.ids.dev_eui");
    QTest::addRow("id taken") << QByteArray(R"({"end_device":{"ids":{"device_id":"dev-1"}}})") << 409
                              << QStringLiteral("pkg/identityserver/store:id_taken") << QString();
    QTest::addRow("EUIs taken")
        << QByteArray(R"({"end_device":{"ids":{"device_id":"dev-9","dev_eui":"0004a30b001c0001",
                      "join_eui":"70B3D57ED0000000"}}})")
        << 409 << QStringLiteral("pkg/identityserver:end_device_euis_taken") << QString();
    QTest::addRow("mask with an NS field")
        << QByteArray(R"({"end_device":{"ids":{"device_id":"dev-9"}},"field_mask":{"paths":["frequency_plan_id"]}})")
        << 400 << QStringLiteral("pkg/rpcmiddleware/validator:field_mask_paths") << QString();
    QTest::addRow("ABP device without EUIs") << QByteArray(R"({"end_device":{"ids":{"device_id":"dev-9"}}})") << 200
                                             << QString() << QString();
}

void TestTtsRestEndpoint::createValidatesTheBody()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, field);
    const TtsRestEndpoint::Response response = request("POST", QStringLiteral("/applications/demo-app/devices"), body);
    QCOMPARE(response.status, status);
    if (status == 200)
        return;
    QCOMPARE(errorName(response), error);
    if (!field.isEmpty())
        QCOMPARE(errorAttributes(response).value(QStringLiteral("field")).toString(), field);
    if (error.endsWith(QLatin1String("euis_taken"))) {
        QCOMPARE(errorAttributes(response),
                 parse(R"({"join_eui":"70B3D57ED0000000","dev_eui":"0004A30B001C0001","device_id":"dev-1",
                           "application_id":"demo-app"})"));
    }
}

void TestTtsRestEndpoint::downlinkValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");

    const QByteArray max = QByteArray(255, 'x').toBase64();
    const QByteArray tooLong = QByteArray(256, 'x').toBase64();
    QTest::addRow("port 1") << QByteArray(R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="}]})") << 200 << QString();
    QTest::addRow("port 223") << QByteArray(R"({"downlinks":[{"f_port":223,"frm_payload":"AQ=="}]})") << 200 << QString();
    QTest::addRow("port 224 is the test port")
        << QByteArray(R"({"downlinks":[{"f_port":224,"frm_payload":"AQ=="}]})") << 400 << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("port 225") << QByteArray(R"({"downlinks":[{"f_port":225,"frm_payload":"AQ=="}]})") << 400
                              << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("port 256") << QByteArray(R"({"downlinks":[{"f_port":256,"frm_payload":"AQ=="}]})") << 400
                              << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("port 0 without decoded payload")
        << QByteArray(R"({"downlinks":[{"frm_payload":"AQ=="}]})") << 400 << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("decoded payload for the formatter")
        << QByteArray(R"({"downlinks":[{"decoded_payload":{"led":"on"}}]})") << 200 << QString();
    QTest::addRow("255 bytes") << QByteArray(R"({"downlinks":[{"f_port":2,"frm_payload":")") + max + "\"}]}" << 200
                               << QString();
    QTest::addRow("256 bytes") << QByteArray(R"({"downlinks":[{"f_port":2,"frm_payload":")") + tooLong + "\"}]}" << 400
                               << QStringLiteral("downlinks[0].frm_payload");
    QTest::addRow("bad base64") << QByteArray(R"({"downlinks":[{"f_port":2,"frm_payload":"**"}]})") << 400
                                << QStringLiteral("downlinks[0].frm_payload");
    QTest::addRow("second one bad")
        << QByteArray(R"({"downlinks":[{"f_port":2,"frm_payload":"AQ=="},{"f_port":2,"priority":"URGENT","frm_payload":"AQ=="}]})")
        << 400 << QStringLiteral("downlinks[1].priority");
    QTest::addRow("port as string") << QByteArray(R"({"downlinks":[{"f_port":"x"}]})") << 400
                                    << QStringLiteral("downlinks[0].f_port");
    QTest::addRow("not a list") << QByteArray(R"({"downlinks":{}})") << 400 << QStringLiteral("downlinks");
    QTest::addRow("item not an object") << QByteArray(R"({"downlinks":[5]})") << 400 << QStringLiteral("downlinks[0]");
}

void TestTtsRestEndpoint::downlinkValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    for (const char *operation : {"push", "replace"}) {
        const TtsRestEndpoint::Response response =
            request("POST", QStringLiteral("/as/applications/demo-app/devices/dev-1/down/") + QLatin1String(operation), body);
        QCOMPARE(response.status, status);
        if (status != 200) {
            QCOMPARE(errorName(response), QStringLiteral("pkg/errors:validation"));
            QCOMPARE(errorAttributes(response).value(QStringLiteral("field")).toString(), field);
            QVERIFY(!errorAttributes(response).value(QStringLiteral("reason")).toString().isEmpty());
        } else {
            QCOMPARE(bodyOf(response), QJsonObject());
        }
    }
    // A refused request queues nothing.
    if (status != 200)
        QVERIFY(m_model->downlinkQueue(QStringLiteral("demo-app"), QStringLiteral("dev-1")).value().isEmpty());
}

void TestTtsRestEndpoint::downlinkQueueAnswers()
{
    const QString down = QStringLiteral("/as/applications/demo-app/devices/dev-1/down");
    QCOMPARE(bodyOf(request("GET", down)), QJsonObject()); // an empty queue is {}
    QCOMPARE(request("POST", down + QStringLiteral("/push"),
                     R"({"downlinks":[{"f_port":15,"frm_payload":"vu8=","priority":"NORMAL","confirmed":true}]})")
                 .status,
             200);
    // After a join the AS numbers the queue from the session's last FCntDown.
    QVERIFY(m_model->setSession(QStringLiteral("demo-app"), QStringLiteral("dev-1"), QStringLiteral("260b0001"),
                                QStringLiteral("AQIDBA=="))
                .ok());
    QCOMPARE(request("POST", down + QStringLiteral("/push"), R"({"downlinks":[{"f_port":16,"frm_payload":"AQ=="}]})").status,
             200);
    const QJsonArray queue = bodyOf(request("GET", down)).value(QStringLiteral("downlinks")).toArray();
    QCOMPARE(queue.size(), 2);
    const QJsonObject first = queue.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("f_port")).toInt(), 15);
    QCOMPARE(first.value(QStringLiteral("frm_payload")).toString(), QStringLiteral("vu8="));
    QCOMPARE(first.value(QStringLiteral("confirmed")).toBool(), true);
    QCOMPARE(first.value(QStringLiteral("session_key_id")).toString(), QStringLiteral("AQIDBA=="));
    QCOMPARE(first.value(QStringLiteral("f_cnt")).toInt(), 1);
    QCOMPARE(queue.at(1).toObject().value(QStringLiteral("f_cnt")).toInt(), 2);

    QCOMPARE(request("POST", down + QStringLiteral("/replace"), R"({"downlinks":[]})").status, 200);
    QCOMPARE(bodyOf(request("GET", down)), QJsonObject());

    const TtsRestEndpoint::Response unknown =
        request("POST", QStringLiteral("/as/applications/demo-app/devices/nobody/down/push"),
                R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="}]})");
    QCOMPARE(unknown.status, 404);
    QCOMPARE(errorName(unknown), QStringLiteral("pkg/applicationserver:device_not_found"));
    QCOMPARE(request("GET", QStringLiteral("/as/applications/demo-app/devices/nobody/down")).status, 404);
}

void TestTtsRestEndpoint::applicationFieldMask()
{
    const QJsonObject plain = bodyOf(request("GET", QStringLiteral("/applications/demo-app")));
    QCOMPARE(plain.keys(), QStringList({QStringLiteral("created_at"), QStringLiteral("ids"), QStringLiteral("updated_at")}));
    QCOMPARE(plain.value(QStringLiteral("ids")).toObject(), parse(R"({"application_id":"demo-app"})"));
    const QJsonObject named =
        bodyOf(request("GET", QStringLiteral("/applications/demo-app?field_mask=name,description,attributes")));
    QCOMPARE(named.value(QStringLiteral("name")).toString(), QStringLiteral("Sandbox demo application"));
    const TtsRestEndpoint::Response forbidden = request("GET", QStringLiteral("/applications/demo-app?field_mask=secret"));
    QCOMPARE(forbidden.status, 400);
    QCOMPARE(strings(errorAttributes(forbidden).value(QStringLiteral("forbidden_paths"))), QStringList({QStringLiteral("secret")}));
    // An application that does not exist: no rights on it, as TTS answers an API key of another application.
    const TtsRestEndpoint::Response missing = request("GET", QStringLiteral("/applications/no-such-app"));
    QCOMPARE(missing.status, 403);
    QCOMPARE(errorName(missing), QStringLiteral("pkg/auth/rights:no_application_rights"));
}

void TestTtsRestEndpoint::mqttConnectionInfo()
{
    const QString path = QStringLiteral("/as/applications/demo-app/mqtt-connection-info");
    QCOMPARE(bodyOf(request("GET", path)), parse(R"({"username":"demo-app@sandbox"})"));
    m_endpoint->setMqttAddresses(QStringLiteral("127.0.0.1:1883"), QStringLiteral("127.0.0.1:8883"));
    QCOMPARE(bodyOf(request("GET", path)),
             parse(R"({"public_address":"127.0.0.1:1883","public_tls_address":"127.0.0.1:8883",
                       "username":"demo-app@sandbox"})"));
}

void TestTtsRestEndpoint::apiKeys()
{
    const QString keys = QStringLiteral("/applications/demo-app/api-keys");
    const TtsRestEndpoint::Response created =
        request("POST", keys, R"({"name":"mqtt-password-key","rights":["RIGHT_APPLICATION_TRAFFIC_READ",
                                  "RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE"]})");
    QCOMPARE(created.status, 200);
    const QJsonObject key = bodyOf(created);
    const QString token = key.value(QStringLiteral("key")).toString();
    const QString id = key.value(QStringLiteral("id")).toString();
    static const QRegularExpression format(QStringLiteral("^NNSXS\\.([A-Z2-7]{39})\\.[A-Z2-7]{52}$"));
    const QRegularExpressionMatch match = format.match(token);
    QVERIFY2(match.hasMatch(), qPrintable(token));
    QCOMPARE(match.captured(1), id);
    QCOMPARE(key.value(QStringLiteral("name")).toString(), QStringLiteral("mqtt-password-key"));
    QCOMPARE(strings(key.value(QStringLiteral("rights"))),
             QStringList({QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ"),
                          QStringLiteral("RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE")}));
    QVERIFY(m_model->apiKey(id).has_value());

    // The new key works with exactly its rights.
    QCOMPARE(strings(bodyOf(call(*m_endpoint, "GET", QStringLiteral("/applications/demo-app/rights"), token))
                         .value(QStringLiteral("rights"))),
             QStringList({QStringLiteral("RIGHT_APPLICATION_TRAFFIC_READ"),
                          QStringLiteral("RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE")}));
    QCOMPARE(call(*m_endpoint, "GET", DevicePath, token).status, 403);
    QCOMPARE(call(*m_endpoint, "GET", QStringLiteral("/as/applications/demo-app/devices/dev-1/down"), token).status, 200);

    // Listed and read without the token.
    const TtsRestEndpoint::Response list = request("GET", keys);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.header("X-Total-Count"), QByteArray("2"));
    const QJsonArray listed = bodyOf(list).value(QStringLiteral("api_keys")).toArray();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(1).toObject().value(QStringLiteral("id")).toString(), id);
    QVERIFY(!list.body.contains(token.section(QLatin1Char('.'), 2).toLatin1()));
    QVERIFY(!list.body.contains(m_model->defaultApiKey()->secret.toLatin1()));
    const TtsRestEndpoint::Response one = request("GET", keys + QLatin1Char('/') + id);
    QCOMPARE(one.status, 200);
    QCOMPARE(bodyOf(one).value(QStringLiteral("id")).toString(), id);
    QVERIFY(!bodyOf(one).contains(QStringLiteral("key")));

    // Revoked: gone from the list, and TTS no longer knows it.
    QCOMPARE(request("DELETE", keys + QLatin1Char('/') + id).status, 200);
    QVERIFY(!m_model->apiKey(id).has_value());
    const TtsRestEndpoint::Response revoked = call(*m_endpoint, "GET", QStringLiteral("/applications/demo-app"), token);
    QCOMPARE(revoked.status, 401);
    QCOMPARE(errorName(revoked), QStringLiteral("pkg/identityserver:api_key_not_found"));
    const TtsRestEndpoint::Response missing = request("GET", keys + QLatin1Char('/') + id);
    QCOMPARE(missing.status, 404);
    QCOMPARE(errorName(missing), QStringLiteral("pkg/identityserver/store:api_key_not_found"));
    QCOMPARE(request("DELETE", keys + QLatin1Char('/') + id).status, 404);

    // A key of another application is not found through this one.
    QVERIFY(m_model->createApplication(QStringLiteral("other-app")).ok());
    const QString other = m_model->createApiKey(QStringLiteral("other-app"), {}, {Right::ApplicationAll}).value().id;
    QCOMPARE(request("GET", keys + QLatin1Char('/') + other).status, 404);
}

void TestTtsRestEndpoint::apiKeyValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("field");

    QTest::addRow("no rights") << QByteArray(R"({"name":"k"})") << QStringLiteral("pkg/errors:validation")
                               << QStringLiteral("rights");
    QTest::addRow("empty rights") << QByteArray(R"({"rights":[]})") << QStringLiteral("pkg/errors:validation")
                                  << QStringLiteral("rights");
    QTest::addRow("unknown right") << QByteArray(R"({"rights":["RIGHT_APPLICATION_INFO","RIGHT_GATEWAY_INFO"]})")
                                   << QStringLiteral("pkg/errors:validation") << QStringLiteral("rights[1]");
    QTest::addRow("rights not a list") << QByteArray(R"({"rights":"RIGHT_APPLICATION_INFO"})")
                                       << QStringLiteral("pkg/errors:validation") << QStringLiteral("rights");
    QTest::addRow("name not a string") << QByteArray(R"({"name":5,"rights":["RIGHT_APPLICATION_INFO"]})")
                                       << QStringLiteral("pkg/errors:validation") << QStringLiteral("name");
    QTest::addRow("not JSON") << QByteArray("{") << QStringLiteral("pkg/jsonpb:unmarshal") << QString();
}

void TestTtsRestEndpoint::apiKeyValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(QString, field);
    const qsizetype before = m_model->apiKeys().size();
    const TtsRestEndpoint::Response response = request("POST", QStringLiteral("/applications/demo-app/api-keys"), body);
    QCOMPARE(response.status, 400);
    QCOMPARE(errorName(response), error);
    QCOMPARE(errorAttributes(response).value(QStringLiteral("field")).toString(), field);
    QCOMPARE(m_model->apiKeys().size(), before);
}

void TestTtsRestEndpoint::routesAndMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("allow"); // the Allow header of a 405: the path's own methods

    QTest::addRow("outside /api/v3") << QByteArray("GET") << QStringLiteral("/../devices") << 404
                                     << QStringLiteral("pkg/web:route_not_found") << QByteArray();
    QTest::addRow("unknown path") << QByteArray("GET") << QStringLiteral("/gateways") << 404
                                  << QStringLiteral("pkg/web:route_not_found") << QByteArray();
    QTest::addRow("events endpoint is the engine's")
        << QByteArray("POST") << QStringLiteral("/as/applications/demo-app/packages/azureiothub/events") << 404
        << QStringLiteral("pkg/web:route_not_found") << QByteArray();
    QTest::addRow("PATCH a device") << QByteArray("PATCH") << DevicePath << 405 << QStringLiteral("pkg/web:method_not_allowed") << QByteArray("GET, PUT, DELETE");
    QTest::addRow("GET push") << QByteArray("GET") << QStringLiteral("/as/applications/demo-app/devices/dev-1/down/push")
                              << 405 << QStringLiteral("pkg/web:method_not_allowed") << QByteArray("POST");
    QTest::addRow("down on the NS") << QByteArray("GET") << QStringLiteral("/ns/applications/demo-app/devices/dev-1/down")
                                    << 404 << QStringLiteral("pkg/web:route_not_found") << QByteArray();
    QTest::addRow("bad percent encoding") << QByteArray("GET") << QStringLiteral("/applications/demo-app/devices/a%zz")
                                          << 404 << QStringLiteral("pkg/web:route_not_found") << QByteArray();
    QTest::addRow("invalid device id") << QByteArray("GET") << QStringLiteral("/applications/demo-app/devices/Dev_1") << 400
                                       << QStringLiteral("pkg/errors:validation") << QByteArray();
    QTest::addRow("unknown device on the NS") << QByteArray("GET") << QStringLiteral("/ns/applications/demo-app/devices/dev-9")
                                              << 404 << QStringLiteral("pkg/redis:not_found") << QByteArray();
    QTest::addRow("delete unknown on the AS") << QByteArray("DELETE")
                                              << QStringLiteral("/as/applications/demo-app/devices/dev-9") << 404
                                              << QStringLiteral("pkg/applicationserver:device_not_found") << QByteArray();
}

void TestTtsRestEndpoint::routesAndMethods()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QByteArray, allow);
    const TtsRestEndpoint::Response response = request(method, path);
    QCOMPARE(response.status, status);
    QCOMPARE(errorName(response), error);
    QByteArray allowHeader;
    for (const auto &[name, value] : response.headers) {
        if (name.compare("Allow", Qt::CaseInsensitive) == 0)
            allowHeader = value;
    }
    QCOMPARE(allowHeader, allow);
}

void TestTtsRestEndpoint::injectedFaults()
{
    TtsApplicationModel::Fault fault;
    fault.component = TtsComponent::NetworkServer;
    fault.method = "PUT";
    fault.remaining = 2;
    fault.status = 503;
    m_model->addFault(fault);
    const QString ns = QStringLiteral("/ns/applications/demo-app/devices/dev-1");
    const QByteArray body = deviceBody(parse(R"({"supports_class_c":true})"), {QStringLiteral("supports_class_c")});

    // Other methods and registries are not affected.
    QCOMPARE(request("GET", ns).status, 200);
    QCOMPARE(request("PUT", QStringLiteral("/as/applications/demo-app/devices/dev-1"), deviceBody({}, {})).status, 200);
    // A request the key may not make is refused before the fault counts.
    QCOMPARE(call(*m_endpoint, "PUT", ns, keyWith({Right::ApplicationDevicesRead}), body).status, 403);
    for (int i = 0; i < 2; ++i) {
        const TtsRestEndpoint::Response failed = request("PUT", ns, body);
        QCOMPARE(failed.status, 503);
        QCOMPARE(errorName(failed), QStringLiteral("pkg/sandbox:injected_fault"));
        QCOMPARE(bodyOf(failed).value(QStringLiteral("code")).toInt(), 14);
    }
    QCOMPARE(request("PUT", ns, body).status, 200);
    QVERIFY(m_model->faults().isEmpty());
}

QTEST_GUILESS_MAIN(TestTtsRestEndpoint)
#include "tst_ttsrestendpoint.moc"
