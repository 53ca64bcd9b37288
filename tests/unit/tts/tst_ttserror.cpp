#include "TtsTestSupport.h"

#include "services/tts/TtsError.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::TtsTest;

Q_DECLARE_METATYPE(ServiceError::Kind)

class TestTtsError : public QObject
{
    Q_OBJECT

private slots:
    void parsesDocumentedBody();
    void parseVariants_data();
    void parseVariants();
    void grpcCodeNames_data();
    void grpcCodeNames();
    void toServiceError_data();
    void toServiceError();
    void neverRepeatsSecrets();
};

// reference/tts-integration.md §4.7
static const char *const DocumentedBody =
    R"json({ "code": 7, "message": "error:pkg/auth/rights:no_user_rights (no rights for user `admin@thethings`)",
         "details": [ { "@type": "type.googleapis.com/ttn.lorawan.v3.ErrorDetails", "namespace": "pkg/auth/rights",
                        "name": "no_user_rights", "message_format": "no rights for user `{uid}`",
                        "attributes": { "uid": "admin@thethings" }, "correlation_id": "7d4a0b9e", "code": 7 } ] })json";

static const QString ApiKey = QStringLiteral(
    "NNSXS.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABC.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOP");
static const QString AppKey = QStringLiteral("459B77D46A08C427254822A33F6FA1A3");

void TestTtsError::parsesDocumentedBody()
{
    const std::optional<TtsError> error = TtsError::parse(QByteArray(DocumentedBody));
    QVERIFY(error.has_value());
    QCOMPARE(error->code, 7);
    QCOMPARE(error->details.size(), 1);
    const TtsError::Detail &detail = error->details.first();
    QCOMPARE(detail.type, QStringLiteral("type.googleapis.com/ttn.lorawan.v3.ErrorDetails"));
    QCOMPARE(detail.nameSpace, QStringLiteral("pkg/auth/rights"));
    QCOMPARE(detail.name, QStringLiteral("no_user_rights"));
    QCOMPARE(detail.messageFormat, QStringLiteral("no rights for user `{uid}`"));
    QCOMPARE(detail.attributes.value(QStringLiteral("uid")).toString(), QStringLiteral("admin@thethings"));
    QCOMPARE(detail.code, 7);
    QCOMPARE(detail.renderedMessage(), QStringLiteral("no rights for user `admin@thethings`"));
    QCOMPARE(error->qualifiedName(), QStringLiteral("pkg/auth/rights:no_user_rights"));
    QCOMPARE(error->name(), QStringLiteral("no_user_rights"));
    QCOMPARE(error->correlationId(), QStringLiteral("7d4a0b9e"));
    QCOMPARE(error->text(), QStringLiteral("no rights for user `admin@thethings`"));
    QCOMPARE(error->attribute(QStringLiteral("uid")), QStringLiteral("admin@thethings"));
}

void TestTtsError::parseVariants_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<QString>("qualifiedName");
    QTest::addColumn<QString>("text");

    QTest::addRow("message only")
        << QByteArray(
               R"json({"code":5,"message":"error:pkg/identityserver/store:end_device_not_found (end device `app:dev` not found)"})json")
        << true << QStringLiteral("pkg/identityserver/store:end_device_not_found")
        << QStringLiteral("end device `app:dev` not found");
    QTest::addRow("plain message") << QByteArray(R"json({"code":3,"message":"type mismatch","details":[]})json") << true
                                   << QString() << QStringLiteral("type mismatch");
    QTest::addRow("grpc-gateway style")
        << QByteArray(R"json({"code":16,"message":"unauthenticated","details":[{"@type":"x"}]})json") << true
        << QString() << QStringLiteral("unauthenticated");
    QTest::addRow("list attribute")
        << QByteArray(
               R"json({"code":7,"message":"m","details":[{"namespace":"pkg/auth/rights","name":"insufficient_application_rights","message_format":"insufficient rights for application `{uid}`","attributes":{"uid":"app1","missing":["RIGHT_APPLICATION_DEVICES_WRITE"]}}]})json")
        << true << QStringLiteral("pkg/auth/rights:insufficient_application_rights")
        << QStringLiteral("insufficient rights for application `app1`");
    QTest::addRow("other JSON") << QByteArray(R"json({"end_devices":[]})json") << false << QString() << QString();
    QTest::addRow("details not a list") << QByteArray(R"json({"code":3,"details":"x"})json") << false << QString()
                                        << QString();
    QTest::addRow("JSON array") << QByteArray("[1,2]") << false << QString() << QString();
    QTest::addRow("HTML") << QByteArray("<html><body>502 Bad Gateway</body></html>") << false << QString() << QString();
    QTest::addRow("empty") << QByteArray() << false << QString() << QString();
}

void TestTtsError::parseVariants()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, isError);
    QFETCH(QString, qualifiedName);
    QFETCH(QString, text);
    const std::optional<TtsError> error = TtsError::parse(body);
    QCOMPARE(error.has_value(), isError);
    if (!error)
        return;
    QCOMPARE(error->qualifiedName(), qualifiedName);
    QCOMPARE(error->text(), text);
}

void TestTtsError::grpcCodeNames_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name");
    QTest::addRow("3") << 3 << QStringLiteral("INVALID_ARGUMENT");
    QTest::addRow("5") << 5 << QStringLiteral("NOT_FOUND");
    QTest::addRow("6") << 6 << QStringLiteral("ALREADY_EXISTS");
    QTest::addRow("7") << 7 << QStringLiteral("PERMISSION_DENIED");
    QTest::addRow("8") << 8 << QStringLiteral("RESOURCE_EXHAUSTED");
    QTest::addRow("9") << 9 << QStringLiteral("FAILED_PRECONDITION");
    QTest::addRow("13") << 13 << QStringLiteral("INTERNAL");
    QTest::addRow("14") << 14 << QStringLiteral("UNAVAILABLE");
    QTest::addRow("16") << 16 << QStringLiteral("UNAUTHENTICATED");
    QTest::addRow("99") << 99 << QStringLiteral("CODE_99");
}

void TestTtsError::grpcCodeNames()
{
    QFETCH(int, code);
    QFETCH(QString, name);
    QCOMPARE(TtsError::grpcCodeName(code), name);
}

void TestTtsError::toServiceError_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("deviceId");
    QTest::addColumn<int>("component"); // -1 = none
    QTest::addColumn<ServiceError::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("words");

    using K = ServiceError::Kind;
    const int none = -1;
    const int ns = int(TtsComponent::NetworkServer);

    QTest::addRow("400 field violation")
        << 400
        << QByteArray(
               R"json({"code":3,"message":"error:pkg/ttnpb:validation (invalid `ids.dev_eui`: value length must be 8 bytes)","details":[{"namespace":"pkg/ttnpb","name":"validation","message_format":"invalid `{field}`: {reason}","attributes":{"field":"ids.dev_eui","reason":"value length must be 8 bytes","name":"EndDeviceIdentifiersValidationError"},"correlation_id":"c1"}]})json")
        << QStringLiteral("dev1") << none << K::BadRequest << QStringLiteral("pkg/ttnpb:validation")
        << QStringList {QStringLiteral("\"ids.dev_eui\""), QStringLiteral("value length must be 8 bytes"),
                        QStringLiteral("Correct")};
    QTest::addRow("400 forbidden field mask paths")
        << 400
        << QByteArray(
               R"json({"code":3,"message":"error:pkg/...:field_mask_paths (forbidden path(s) in field mask)","details":[{"namespace":"pkg/ttnpb","name":"field_mask_paths","message_format":"forbidden path(s) in field mask","attributes":{"forbidden_paths":["ids.dev_eui","ids.join_eui"]}}]})json")
        << QStringLiteral("dev1") << none << K::BadRequest << QStringLiteral("pkg/ttnpb:field_mask_paths")
        << QStringList {QStringLiteral("ids.dev_eui, ids.join_eui"), QStringLiteral("forbidden path")};
    QTest::addRow("400 without a field")
        << 400 << QByteArray(R"json({"code":3,"message":"invalid character 'x' looking for beginning of value"})json")
        << QString() << none << K::BadRequest << QStringLiteral("INVALID_ARGUMENT")
        << QStringList {QStringLiteral("invalid"), QStringLiteral("invalid character")};
    QTest::addRow("401 unknown key")
        << 401
        << QByteArray(
               R"json({"code":16,"message":"error:pkg/identityserver:api_key_not_found (API key not found)"})json")
        << QString() << none << K::Unauthorized << QStringLiteral("pkg/identityserver:api_key_not_found")
        << QStringList {QStringLiteral("API key"), QStringLiteral("TTS Console"), QStringLiteral("\"my-app\"")};
    QTest::addRow("403 names the missing right")
        << 403
        << QByteArray(
               R"json({"code":7,"message":"error:pkg/auth/rights:insufficient_application_rights (insufficient rights for application `my-app`)","details":[{"namespace":"pkg/auth/rights","name":"insufficient_application_rights","message_format":"insufficient rights for application `{uid}`","attributes":{"uid":"my-app","missing":["RIGHT_APPLICATION_DEVICES_WRITE_KEYS"]}}]})json")
        << QStringLiteral("dev1") << none << K::Forbidden
        << QStringLiteral("pkg/auth/rights:insufficient_application_rights")
        << QStringList {QStringLiteral("lacks RIGHT_APPLICATION_DEVICES_WRITE_KEYS"), QStringLiteral("API keys")};
    QTest::addRow("403 without naming a right names what the operation needs")
        << 403 << QByteArray(DocumentedBody) << QString() << none << K::Forbidden
        << QStringLiteral("pkg/auth/rights:no_user_rights")
        << QStringList {QStringLiteral("RIGHT_APPLICATION_DEVICES_WRITE, RIGHT_APPLICATION_DEVICES_WRITE_KEYS"),
                        QStringLiteral("no rights for user `admin@thethings`")};
    QTest::addRow("403 key of another application")
        << 403
        << QByteArray(
               R"json({"code":7,"message":"error:pkg/auth/rights:no_application_rights (no rights for application `my-app`)"})json")
        << QString() << none << K::Forbidden << QStringLiteral("pkg/auth/rights:no_application_rights")
        << QStringList {QStringLiteral("no rights on application \"my-app\""), QStringLiteral("another application")};
    QTest::addRow("404 device in a registry")
        << 404
        << QByteArray(R"json({"code":5,"message":"error:pkg/networkserver/redis:not_found (entity not found)"})json")
        << QStringLiteral("dev1") << ns << K::NotFound << QStringLiteral("pkg/networkserver/redis:not_found")
        << QStringList {
               QStringLiteral("device \"dev1\" does not exist in application \"my-app\" on the Network Server")};
    QTest::addRow("404 device")
        << 404
        << QByteArray(
               R"json({"code":5,"message":"error:pkg/identityserver/store:end_device_not_found (end device not found)"})json")
        << QStringLiteral("dev1") << none << K::NotFound
        << QStringLiteral("pkg/identityserver/store:end_device_not_found")
        << QStringList {QStringLiteral("device \"dev1\" does not exist in application \"my-app\""),
                        QStringLiteral("create the device")};
    QTest::addRow("404 application")
        << 404
        << QByteArray(
               R"json({"code":5,"message":"error:pkg/identityserver/store:application_not_found (application `my-app` not found)"})json")
        << QString() << none << K::NotFound << QStringLiteral("pkg/identityserver/store:application_not_found")
        << QStringList {QStringLiteral("Application \"my-app\" does not exist"), QStringLiteral("cluster address")};
    QTest::addRow("404 not from the TTS API")
        << 404 << QByteArray("<html><body><h1>404 Not Found</h1></body></html>") << QString() << none << K::NotFound
        << QStringLiteral("HTTP 404") << QStringList {QStringLiteral("/api/v3")};
    QTest::addRow("409 duplicate identifiers")
        << 409
        << QByteArray(
               R"json({"code":6,"message":"error:pkg/joinserver/redis:duplicate_identifiers (duplicate identifiers)"})json")
        << QStringLiteral("dev1") << int(TtsComponent::JoinServer) << K::Conflict
        << QStringLiteral("pkg/joinserver/redis:duplicate_identifiers")
        << QStringList {QStringLiteral("The Join Server"), QStringLiteral("already registered"),
                        QStringLiteral("incomplete delete"), QStringLiteral("duplicate identifiers")};
    QTest::addRow("409 EUIs taken")
        << 409
        << QByteArray(
               R"json({"code":6,"message":"error:pkg/identityserver/store:end_device_euis_taken","details":[{"namespace":"pkg/identityserver/store","name":"end_device_euis_taken","message_format":"an end device with JoinEUI `{join_eui}` and DevEUI `{dev_eui}` is already registered as `{device_id}` in application `{application_id}`","attributes":{"join_eui":"70B3D57ED0000000","dev_eui":"0004A30B001C5838","device_id":"old-node","application_id":"other-app"}}]})json")
        << QStringLiteral("dev1") << none << K::Conflict
        << QStringLiteral("pkg/identityserver/store:end_device_euis_taken")
        << QStringList {QStringLiteral("JoinEUI 70B3D57ED0000000 and DevEUI 0004A30B001C5838 is already registered as "
                                       "\"old-node\" in application \"other-app\""),
                        QStringLiteral("incomplete delete")};
    QTest::addRow("412") << 412 << QByteArray(R"json({"code":9,"message":"error:pkg/x:precondition (stale)"})json")
                         << QString() << none << K::PreconditionFailed << QStringLiteral("pkg/x:precondition")
                         << QStringList {QStringLiteral("precondition")};
    QTest::addRow("429 rate limited")
        << 429
        << QByteArray(R"json({"code":8,"message":"error:pkg/ratelimit:rate_limit_exceeded (rate limit exceeded)"})json")
        << QString() << none << K::Throttled << QStringLiteral("pkg/ratelimit:rate_limit_exceeded")
        << QStringList {QStringLiteral("rate limiting"), QStringLiteral("Wait")};
    QTest::addRow("500 with correlation id")
        << 500
        << QByteArray(
               R"json({"code":13,"message":"error:pkg/x:internal (boom)","details":[{"namespace":"pkg/x","name":"internal","message_format":"boom","correlation_id":"a1b2c3"}]})json")
        << QString() << none << K::ServerError << QStringLiteral("pkg/x:internal")
        << QStringList {QStringLiteral("internal problem"), QStringLiteral("correlation id a1b2c3")};
    QTest::addRow("501 search not offered")
        << 501 << QByteArray(R"json({"code":12,"message":"not implemented"})json") << QString() << none
        << K::Unsupported << QStringLiteral("UNIMPLEMENTED") << QStringList {QStringLiteral("does not offer")};
    QTest::addRow("502 from a proxy") << 502 << QByteArray("<html>Bad Gateway</html>\nmore") << QString() << none
                                      << K::ServerError << QStringLiteral("HTTP 502")
                                      << QStringList {QStringLiteral("<html>Bad Gateway</html>")};
    QTest::addRow("503") << 503 << QByteArray() << QString() << none << K::Unavailable << QStringLiteral("HTTP 503")
                         << QStringList {QStringLiteral("temporarily unavailable"), QStringLiteral("no details given")};
}

void TestTtsError::toServiceError()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, deviceId);
    QFETCH(int, component);
    QFETCH(ServiceError::Kind, kind);
    QFETCH(QString, code);
    QFETCH(QStringList, words);

    TtsError::Context context;
    context.operation = QStringLiteral("do something");
    context.applicationId = QStringLiteral("my-app");
    context.deviceId = deviceId;
    if (component >= 0)
        context.component = TtsComponent(component);
    context.neededRights = {TtsRights::Right::ApplicationDevicesWrite, TtsRights::Right::ApplicationDevicesWriteKeys};

    const ServiceError error = TtsError::toServiceError(status, body, context);
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.httpStatus(), status);
    QCOMPARE(error.code(), code);
    QCOMPARE(error.operation(), QStringLiteral("do something"));
    QVERIFY(error.toString().startsWith(QLatin1String("Could not do something: ")));
    for (const QString &word : words)
        QVERIFY2(error.message().contains(word), qPrintable(error.message()));
    QVERIFY(error.detail().startsWith(QStringLiteral("HTTP %1").arg(status)));
    QCOMPARE(error.payload().isObject(), TtsError::parse(body).has_value());
}

void TestTtsError::neverRepeatsSecrets()
{
    // A server (or a proxy) that echoes what it got must not make TwinBridge show a key.
    const QByteArray body =
        QStringLiteral(
            R"json({"code":3,"message":"error:pkg/ttnpb:validation (invalid `root_keys.app_key.key`: %1 for %2)",
            "details":[{"namespace":"pkg/ttnpb","name":"validation","message_format":"invalid `{field}`: {reason}",
                        "attributes":{"field":"root_keys.app_key.key","reason":"value %3 rejected","value":"%1"},
                        "correlation_id":"c9"}]})json")
            .arg(AppKey.toLower(), ApiKey, AppKey)
            .toUtf8();
    TtsError::Context context;
    context.operation = QStringLiteral("create TTS device \"dev1\"");
    context.applicationId = QStringLiteral("my-app");
    context.secrets = {ApiKey, AppKey};
    const ServiceError error = TtsError::toServiceError(400, body, context);
    const QString everything = error.toString() + error.detail() + error.code() +
        QString::fromUtf8(QJsonDocument(error.payload().toObject()).toJson());
    QVERIFY2(!everything.contains(AppKey, Qt::CaseInsensitive), qPrintable(everything));
    QVERIFY2(!everything.contains(ApiKey), qPrintable(everything));
    QVERIFY(!everything.contains(QLatin1String("NNSXS.ABCDEF")));
    QVERIFY(error.message().contains(QLatin1String("[redacted]")));
    QVERIFY(error.message().contains(QLatin1String("root_keys.app_key.key")));

    // Even keys the caller did not list are caught if they look like keys; a correlation id of the same shape
    // stays readable for support.
    const QByteArray unlisted =
        R"json({"code":13,"message":"boom","details":[{"message_format":"key 00112233445566778899AABBCCDDEEFF and eui 0004A30B001C5838","correlation_id":"2c1b8b3fe0a44e5c8ae2cd7c5e5ad7c5"}]})json";
    const ServiceError internal = TtsError::toServiceError(500, unlisted, TtsError::Context());
    QVERIFY2(!internal.message().contains(QLatin1String("00112233445566778899AABBCCDDEEFF")),
             qPrintable(internal.message()));
    QVERIFY(internal.message().contains(QLatin1String("0004A30B001C5838")));
    QVERIFY(internal.message().contains(QLatin1String("correlation id 2c1b8b3fe0a44e5c8ae2cd7c5e5ad7c5")));
    QCOMPARE(TtsError::scrubKeyShapes(QStringLiteral("a 00112233445566778899aabbccddeeff0 b")),
             QStringLiteral("a 00112233445566778899aabbccddeeff0 b")); // 33 digits: not a key
    // Keys the caller did not list are also caught if they look like TTS API keys.
    QCOMPARE(TtsError::scrub(QStringLiteral("key NNSXS.AAAA.BBBB used"), {}), QStringLiteral("key [redacted] used"));
}

QTEST_GUILESS_MAIN(TestTtsError)
#include "tst_ttserror.moc"
