#include "services/engine/EngineConfig.h"
#include "services/secrets/MemorySecretStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

namespace {

const QString ApiKey = QStringLiteral("NNSXS.ENGINECANARYAPIKEY.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
const QString PolicyKey = QStringLiteral("UG9saWN5Q2FuYXJ5S2V5MDEyMzQ1Njc4OWFiY2RlZg==");
const QString IngestKey = QStringLiteral("ingest-canary-key-0123456789");

ConnectionProfile goodProfile()
{
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("Test"));
    profile.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.industries/api/v3");
    profile.tts.applicationId = QStringLiteral("demo-app");
    profile.tts.tenantId = QStringLiteral("acme");
    profile.iotHub.hostName = QStringLiteral("my-hub.azure-devices.net");
    return profile;
}

EngineConfig goodConfig()
{
    EngineConfig config;
    config.profile = goodProfile();
    config.secrets = {ApiKey, PolicyKey, IngestKey};
    return config;
}

QStringList fields(const ProfileIssues &issues)
{
    QStringList result;
    for (const ProfileIssue &issue : issues)
        result.append(issue.field);
    return result;
}

} // namespace

// EngineConfig: the engine section of a profile file, validation, secrets from the environment and a store.
class TestEngineConfig : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreValidWithSecrets();
    void validationNamesTheField_data();
    void validationNamesTheField();
    void appliesAnEngineSection_data();
    void appliesAnEngineSection();
    void rejectsAnInvalidEngineSection_data();
    void rejectsAnInvalidEngineSection();
    void roundTripsThroughJsonWithoutSecrets();
    void readsAProfileFile();
    void readFileReportsMissingAndMalformedFiles();
    void readsASandboxFile();
    void takesSecretsFromTheEnvironment();
    void readsMissingSecretsFromAStore();
    void aFailingStoreFailsTheRead();
    void ingestBaseUrlNamesAReachableHost_data();
    void ingestBaseUrlNamesAReachableHost();
    void generatedIngestKeysDiffer();
};

void TestEngineConfig::defaultsAreValidWithSecrets()
{
    const EngineConfig config = goodConfig();
    QCOMPARE(config.validate(), ProfileIssues());
    QVERIFY(config.check().ok());
    QCOMPARE(config.mode, EngineConfig::ConnectionMode::Pooled);
    QCOMPARE(config.telemetryFilter, TtsMessageTypes(TtsMessageType::Uplink));
    QCOMPARE(config.reportedFilter, allTtsMessageTypeFlags());
    QCOMPARE(config.ingest.bindAddress, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(config.effectiveDataDirectory().endsWith(QStringLiteral("/engine/") + config.profile.id));
}

void TestEngineConfig::validationNamesTheField_data()
{
    QTest::addColumn<EngineConfig>("config");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");

    EngineConfig c = goodConfig();
    c.secrets.ttsApiKey.clear();
    QTest::addRow("no TTS key") << c << QString(EngineField::TtsApiKey) << QStringLiteral("TWINBRIDGE_TTS_API_KEY");
    c = goodConfig();
    c.secrets.hubPolicyKey.clear();
    QTest::addRow("no policy key") << c << QString(EngineField::HubPolicyKey)
                                   << QStringLiteral("TWINBRIDGE_IOTHUB_POLICY_KEY");
    c = goodConfig();
    c.secrets.hubPolicyKey = QStringLiteral("not base64 !!");
    QTest::addRow("policy key not base64") << c << QString(EngineField::HubPolicyKey) << QStringLiteral("Base64");
    c = goodConfig();
    c.secrets.ingestKey.clear();
    QTest::addRow("no ingest key") << c << QString(EngineField::IngestKey) << QStringLiteral("TWINBRIDGE_INGEST_KEY");
    c = goodConfig();
    c.profile.iotHub.hostName.clear();
    QTest::addRow("no hub") << c << QString(ProfileField::IotHubHostName) << QStringLiteral("host name");
    c = goodConfig();
    c.profile.tts.applicationId.clear();
    QTest::addRow("profile issue") << c << QString(ProfileField::TtsApplicationId) << QStringLiteral("application");
    c = goodConfig();
    c.ingest.tlsCertificateFile = QStringLiteral("/nonexistent/cert.pem");
    QTest::addRow("certificate without key") << c << QString(EngineField::IngestTlsKey) << QStringLiteral("both");
    c = goodConfig();
    c.hubSku = HubSku::F1;
    c.hubUnits = 3;
    QTest::addRow("units over the tier") << c << QString(EngineField::HubUnits) << QStringLiteral("1");
    c = goodConfig();
    c.telemetryFilter = {};
    c.reportedFilter = {};
    QTest::addRow("nothing forwarded") << c << QString(EngineField::TelemetryFilter) << QStringLiteral("filters");
    c = goodConfig();
    c.pool.maxConnections = 0;
    QTest::addRow("empty pool") << c << QString(EngineField::PoolMaxConnections) << QStringLiteral("1–1000000");
}

void TestEngineConfig::validationNamesTheField()
{
    QFETCH(EngineConfig, config);
    QFETCH(QString, field);
    QFETCH(QString, words);

    const ProfileIssues issues = config.validate();
    QVERIFY2(fields(issues).contains(field), qPrintable(fields(issues).join(QLatin1Char(','))));
    for (const ProfileIssue &issue : issues) {
        if (issue.field == field)
            QVERIFY2(issue.message.contains(words), qPrintable(issue.message));
    }
    const Status status = config.check();
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(status.error().code(), EngineConfig::invalidConfigCode());
    QVERIFY(status.error().message().contains(field));
    // No secret in an error, ever.
    QVERIFY(!status.error().toString().contains(ApiKey));
    QVERIFY(!status.error().toString().contains(PolicyKey));
    QVERIFY(!status.error().toString().contains(IngestKey));
}

void TestEngineConfig::appliesAnEngineSection_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected"); // engineJson() members that must have these values

    QTest::addRow("strict") << QByteArray(R"({"mode":"strict"})") << QByteArray(R"({"mode":"strict"})");
    QTest::addRow("pool") << QByteArray(R"({"pool":{"idleSeconds":30,"maxConnections":500}})")
                          << QByteArray(R"({"pool":{"idleSeconds":30,"maxConnections":500}})");
    QTest::addRow("filters") << QByteArray(R"({"telemetryFilter":["uplink","joinAccept"],"reportedFilter":[]})")
                             << QByteArray(R"({"telemetryFilter":["uplink","joinAccept"],"reportedFilter":[]})");
    QTest::addRow("hub") << QByteArray(R"({"hub":{"sku":"Standard_S2","units":4,"throttles":false}})")
                         << QByteArray(R"({"hub":{"sku":"S2","units":4,"throttles":false}})");
    QTest::addRow("ingest") << QByteArray(R"({"ingest":{"bindAddress":"0.0.0.0","port":0,"enabled":false}})")
                            << QByteArray(R"({"ingest":{"bindAddress":"0.0.0.0","port":0,"enabled":false}})");
    QTest::addRow("outbox and drain") << QByteArray(R"({"outbox":{"maxEntries":10},"drainSeconds":2.5,
                                                       "dataDirectory":"/var/lib/twinbridge"})")
                                      << QByteArray(R"({"outbox":{"maxEntries":10},"drainSeconds":2.5,
                                                       "dataDirectory":"/var/lib/twinbridge"})");
}

void TestEngineConfig::appliesAnEngineSection()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);

    EngineConfig config = goodConfig();
    const Status applied = config.applyEngineJson(QJsonDocument::fromJson(json).object());
    QVERIFY2(applied.ok(), qPrintable(applied.error().toString()));
    const QJsonObject actual = config.engineJson();
    const QJsonObject wanted = QJsonDocument::fromJson(expected).object();
    for (auto it = wanted.constBegin(); it != wanted.constEnd(); ++it) {
        if (it->isObject()) {
            const QJsonObject sub = it->toObject();
            for (auto jt = sub.constBegin(); jt != sub.constEnd(); ++jt)
                QCOMPARE(actual.value(it.key()).toObject().value(jt.key()), jt.value());
        } else {
            QCOMPARE(actual.value(it.key()), it.value());
        }
    }
}

void TestEngineConfig::rejectsAnInvalidEngineSection_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");

    QTest::addRow("unknown member") << QByteArray(R"({"ingestKey":"secret"})") << QStringLiteral("engine.ingestKey");
    QTest::addRow("unknown nested") << QByteArray(R"({"hub":{"policyKey":"x"}})")
                                    << QStringLiteral("engine.hub.policyKey");
    QTest::addRow("mode") << QByteArray(R"({"mode":"eager"})") << QString(EngineField::Mode);
    QTest::addRow("mode type") << QByteArray(R"({"mode":1})") << QString(EngineField::Mode);
    QTest::addRow("idle zero") << QByteArray(R"({"pool":{"idleSeconds":0}})") << QString(EngineField::PoolIdleSeconds);
    QTest::addRow("idle fraction") << QByteArray(R"({"pool":{"idleSeconds":1.5}})")
                                   << QString(EngineField::PoolIdleSeconds);
    QTest::addRow("filter name") << QByteArray(R"({"telemetryFilter":["uplinks"]})")
                                 << QString(EngineField::TelemetryFilter);
    QTest::addRow("filter type") << QByteArray(R"({"reportedFilter":"uplink"})")
                                 << QString(EngineField::ReportedFilter);
    QTest::addRow("sku") << QByteArray(R"({"hub":{"sku":"S9"}})") << QString(EngineField::HubSku);
    QTest::addRow("units") << QByteArray(R"({"hub":{"units":-1}})") << QString(EngineField::HubUnits);
    QTest::addRow("address") << QByteArray(R"({"ingest":{"bindAddress":"localhost"}})")
                             << QString(EngineField::IngestBindAddress);
    QTest::addRow("port") << QByteArray(R"({"ingest":{"port":70000}})") << QString(EngineField::IngestPort);
    QTest::addRow("outbox") << QByteArray(R"({"outbox":{"maxEntries":0}})") << QString(EngineField::OutboxMaxEntries);
    QTest::addRow("drain") << QByteArray(R"({"drainSeconds":-1})") << QString(EngineField::DrainSeconds);
}

void TestEngineConfig::rejectsAnInvalidEngineSection()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);

    EngineConfig config = goodConfig();
    const EngineConfig before = config;
    const Status applied = config.applyEngineJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!applied.ok());
    QCOMPARE(applied.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(applied.error().message().contains(field), qPrintable(applied.error().message()));
    QVERIFY(config == before); // nothing half-applied
}

void TestEngineConfig::roundTripsThroughJsonWithoutSecrets()
{
    EngineConfig config = goodConfig();
    config.mode = EngineConfig::ConnectionMode::Strict;
    config.telemetryFilter = TtsMessageType::Uplink;
    config.hubSku = HubSku::S2;
    config.hubUnits = 2;
    config.ingest.port = 9000;
    config.dataDirectory = QStringLiteral("/tmp/x");
    const QJsonObject json = config.toJson();
    const QByteArray text = QJsonDocument(json).toJson();
    QVERIFY(!text.contains(ApiKey.toUtf8()));
    QVERIFY(!text.contains(PolicyKey.toUtf8()));
    QVERIFY(!text.contains(IngestKey.toUtf8()));

    Result<EngineConfig> back = EngineConfig::fromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.error().toString()));
    EngineConfig expected = config;
    expected.secrets = {};
    QVERIFY(back.value() == expected);
}

void TestEngineConfig::readsAProfileFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profile.json"));
    QJsonObject json = goodProfile().toJson();
    json.insert(QStringLiteral("engine"), QJsonObject {{QStringLiteral("mode"), QStringLiteral("strict")}});
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(json).toJson());
    file.close();

    const Result<EngineConfig> config = EngineConfig::readFile(path);
    QVERIFY2(config.ok(), qPrintable(config.error().toString()));
    QCOMPARE(config.value().mode, EngineConfig::ConnectionMode::Strict);
    QCOMPARE(config.value().profile.tts.applicationId, QStringLiteral("demo-app"));
    // A file without an id gets the same one every time (the outbox directory depends on it).
    json.remove(QStringLiteral("id"));
    const Result<EngineConfig> a = EngineConfig::fromJson(json);
    const Result<EngineConfig> b = EngineConfig::fromJson(json);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a.value().profile.id, b.value().profile.id);
    QVERIFY(ConnectionProfile::isValidId(a.value().profile.id));
    // A profile file carries no secrets: validation says which are missing.
    QVERIFY(fields(config.value().validate()).contains(QString(EngineField::TtsApiKey)));
}

void TestEngineConfig::readFileReportsMissingAndMalformedFiles()
{
    QTemporaryDir dir;
    const Result<EngineConfig> missing = EngineConfig::readFile(dir.filePath(QStringLiteral("nope.json")));
    QCOMPARE(missing.error().kind(), ServiceError::Kind::NotFound);
    QVERIFY(missing.error().message().contains(QStringLiteral("nope.json")));

    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": ");
    file.close();
    const Result<EngineConfig> malformed = EngineConfig::readFile(path);
    QCOMPARE(malformed.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(malformed.error().message().contains(QStringLiteral("bad.json")));

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QJsonObject json = goodProfile().toJson();
    json.insert(QStringLiteral("engine"), QJsonObject {{QStringLiteral("mode"), QStringLiteral("fast")}});
    file.write(QJsonDocument(json).toJson());
    file.close();
    const Result<EngineConfig> invalid = EngineConfig::readFile(path);
    QCOMPARE(invalid.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(invalid.error().message().contains(QString(EngineField::Mode)));
}

void TestEngineConfig::readsASandboxFile()
{
    QTemporaryDir dir;
    const QString ca = dir.filePath(QStringLiteral("ca.pem"));
    QFile caFile(ca);
    QVERIFY(caFile.open(QIODevice::WriteOnly));
    caFile.write("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2FuYXJ5\n-----END CERTIFICATE-----\n");
    caFile.close();
    const QJsonObject description {
        {QStringLiteral("tts"),
         QJsonObject {{QStringLiteral("api"), QStringLiteral("http://127.0.0.1:41001/api/v3")},
                      {QStringLiteral("mqtt"),
                       QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                    {QStringLiteral("port"), 41002},
                                    {QStringLiteral("tls"), false}}},
                      {QStringLiteral("applicationId"), QStringLiteral("demo-app")},
                      {QStringLiteral("tenantId"), QStringLiteral("sandbox")},
                      {QStringLiteral("apiKey"), ApiKey}}},
        {QStringLiteral("iotHub"),
         QJsonObject {
             {QStringLiteral("hostName"), QStringLiteral("sandbox-hub.azure-devices.net")},
             {QStringLiteral("rest"), QStringLiteral("https://127.0.0.1:41004")},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 41005}}},
             {QStringLiteral("policyName"), QStringLiteral("twinbridge")},
             {QStringLiteral("policyKey"), PolicyKey}}},
        {QStringLiteral("caCertificate"), ca},
        {QStringLiteral("admin"), QStringLiteral("http://127.0.0.1:41006/admin")},
    };
    const QString path = dir.filePath(QStringLiteral("sandbox.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(description).toJson());
    file.close();

    Result<EngineConfig> config = EngineConfig::fromSandboxFile(path);
    QVERIFY2(config.ok(), qPrintable(config.error().toString()));
    QCOMPARE(config.value().secrets.ttsApiKey, ApiKey);
    QCOMPARE(config.value().secrets.hubPolicyKey, PolicyKey);
    QVERIFY(config.value().secrets.ingestKey.isEmpty());
    QCOMPARE(config.value().profile.iotHub.mqttPort, 41005);
    QCOMPARE(config.value().profile.tls.caCertificateFile, ca);
    QVERIFY(ConnectionProfile::isValidId(config.value().profile.id));
    // Only the ingest key is left to the caller.
    QCOMPARE(fields(config.value().validate()), QStringList {QString(EngineField::IngestKey)});

    const Result<EngineConfig> missing = EngineConfig::fromSandboxFile(dir.filePath(QStringLiteral("none.json")));
    QCOMPARE(missing.error().kind(), ServiceError::Kind::NotFound);
}

void TestEngineConfig::takesSecretsFromTheEnvironment()
{
    EngineConfig config;
    config.profile = goodProfile();
    config.secrets.ingestKey = QStringLiteral("kept");
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("TWINBRIDGE_TTS_API_KEY"), ApiKey);
    environment.insert(QStringLiteral("TWINBRIDGE_IOTHUB_POLICY_KEY"), QStringLiteral(" ") + PolicyKey);
    environment.insert(QStringLiteral("TWINBRIDGE_INGEST_KEY"), QString());
    const QList<SecretKind> applied = config.applySecretsFromEnvironment(environment);
    QCOMPARE(applied, (QList<SecretKind> {SecretKind::TtsApiKey, SecretKind::HubPolicyKey}));
    QCOMPARE(config.secrets.ttsApiKey, ApiKey);
    QCOMPARE(config.secrets.hubPolicyKey, PolicyKey);
    QCOMPARE(config.secrets.ingestKey, QStringLiteral("kept"));
}

void TestEngineConfig::readsMissingSecretsFromAStore()
{
    MemorySecretStore store;
    EngineConfig config;
    config.profile = goodProfile();
    config.secrets.ttsApiKey = QStringLiteral("from-env");
    QVERIFY(store.write(config.profile.id, SecretKind::TtsApiKey, ApiKey).result().ok());
    QVERIFY(store.write(config.profile.id, SecretKind::HubPolicyKey, PolicyKey).result().ok());

    QFuture<Result<EngineConfig>> future = EngineConfig::withSecretsFrom(config, &store);
    QTRY_VERIFY(future.isFinished());
    const Result<EngineConfig> result = future.result();
    QVERIFY(result.ok());
    QCOMPARE(result.value().secrets.ttsApiKey, QStringLiteral("from-env")); // the environment wins
    QCOMPARE(result.value().secrets.hubPolicyKey, PolicyKey);
    QVERIFY(result.value().secrets.ingestKey.isEmpty()); // not stored: validate() names it
    QVERIFY(fields(result.value().validate()).contains(QString(EngineField::IngestKey)));
}

void TestEngineConfig::aFailingStoreFailsTheRead()
{
    MemorySecretStore store;
    store.setFailure(ServiceError(ServiceError::Kind::Backend, QStringLiteral("The keychain is locked.")));
    EngineConfig config;
    config.profile = goodProfile();
    QFuture<Result<EngineConfig>> future = EngineConfig::withSecretsFrom(config, &store);
    QTRY_VERIFY(future.isFinished());
    QCOMPARE(future.result().error().kind(), ServiceError::Kind::Backend);
    QVERIFY(future.result().error().message().contains(QStringLiteral("locked")));
}

void TestEngineConfig::ingestBaseUrlNamesAReachableHost_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<int>("boundPort");
    QTest::addColumn<QString>("url");

    QTest::addRow("loopback") << QStringLiteral("127.0.0.1") << false << 0
                              << QStringLiteral("http://127.0.0.1:8095/api/v3");
    QTest::addRow("bound port") << QStringLiteral("127.0.0.1") << false << 41234
                                << QStringLiteral("http://127.0.0.1:41234/api/v3");
    QTest::addRow("any") << QStringLiteral("0.0.0.0") << true << 0 << QStringLiteral("https://127.0.0.1:8095/api/v3");
    QTest::addRow("ipv6") << QStringLiteral("::1") << false << 0 << QStringLiteral("http://[::1]:8095/api/v3");
}

void TestEngineConfig::ingestBaseUrlNamesAReachableHost()
{
    QFETCH(QString, address);
    QFETCH(bool, tls);
    QFETCH(int, boundPort);
    QFETCH(QString, url);
    EngineConfig config = goodConfig();
    config.ingest.bindAddress = QHostAddress(address);
    if (tls) {
        config.ingest.tlsCertificateFile = QStringLiteral("cert.pem");
        config.ingest.tlsKeyFile = QStringLiteral("key.pem");
    }
    QCOMPARE(config.ingestBaseUrl(static_cast<quint16>(boundPort)), url);
}

void TestEngineConfig::generatedIngestKeysDiffer()
{
    const QString a = EngineConfig::generateIngestKey();
    const QString b = EngineConfig::generateIngestKey();
    QVERIFY(a != b);
    QCOMPARE(a.size(), 43); // 32 bytes, base64url without padding
}

QTEST_GUILESS_MAIN(TestEngineConfig)
#include "tst_engineconfig.moc"
