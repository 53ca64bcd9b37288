#include "services/secrets/MemorySecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;

namespace {

const QString ApiKey = QStringLiteral("NNSXS.SANDBOXCANARYAPIKEY.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
const QString PolicyKey = QStringLiteral("UG9saWN5Q2FuYXJ5S2V5MDEyMzQ1Njc4OWFiY2RlZg==");
const QString ClientSecret = QStringLiteral("azure~client~canary~secret");
const QString TenantId = QStringLiteral("8a2c3e4f-1111-4222-8333-944455566677");
const QString SubscriptionId = QStringLiteral("0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab");
const QString ClientId = QStringLiteral("5e6f7a8b-cccc-4ddd-9eee-ba9876543210");

// Sets (or, with an undefined value, removes) the member at `path` ("iotHub.mqtt.port") of `root`.
QJsonObject withMember(QJsonObject root, const QStringList &path, const QJsonValue &value)
{
    const QString &key = path.first();
    if (path.size() == 1) {
        if (value.isUndefined())
            root.remove(key);
        else
            root.insert(key, value);
        return root;
    }
    root.insert(key, withMember(root.value(key).toObject(), path.mid(1), value));
    return root;
}

} // namespace

// SandboxProfileImport: sandbox.json (DESIGN.md §3) → the "Sandbox" profile plus its three secrets.
class TestSandboxProfileImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void readsACompleteDescription();
    void acceptsApiTlsThatMatchesTheUrl();
    void resolvesARelativeCaCertificatePath();
    void rejectsAMissingOrWrongField_data();
    void rejectsAMissingOrWrongField();
    void rejectsFilesThatAreNoDescription_data();
    void rejectsFilesThatAreNoDescription();
    void importsWhatAPartialFileHas_data();
    void importsWhatAPartialFileHas();
    void importAddsTheSandboxProfileThenUpdatesIt();
    void reimportFindsARenamedProfileByItsCaCertificate();
    void reimportWithoutASectionKeepsItsStoredValues();
    void importLeavesOtherProfilesAlone();
    void settingsFileNeverHoldsASecret();

private:
    QJsonObject goodDescription() const;
    QString writeDescription(const QJsonObject &description, const QString &name = QStringLiteral("sandbox.json"));
    QString caFile() const { return m_dir->filePath(QStringLiteral("ca.pem")); }
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("twinbridge.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
};

void TestSandboxProfileImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QFile ca(caFile());
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.write("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2FuYXJ5\n-----END CERTIFICATE-----\n");
    ca.close();
    m_settings = std::make_unique<Settings>(settingsFile());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
}

void TestSandboxProfileImport::cleanup()
{
    m_store.reset();
    m_secrets.reset();
    m_settings.reset();
    m_dir.reset();
}

QJsonObject TestSandboxProfileImport::goodDescription() const
{
    return QJsonObject {
        {QStringLiteral("tts"),
         QJsonObject {
             {QStringLiteral("api"), QStringLiteral("http://127.0.0.1:41001/api/v3")},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                           {QStringLiteral("port"), 41002},
                           {QStringLiteral("tls"), true}}},
             {QStringLiteral("applicationId"), QStringLiteral("demo-app")},
             {QStringLiteral("tenantId"), QStringLiteral("sandbox")},
             {QStringLiteral("apiKey"), ApiKey},
         }},
        {QStringLiteral("azure"),
         QJsonObject {
             {QStringLiteral("authority"), QStringLiteral("https://127.0.0.1:41003")},
             {QStringLiteral("management"), QStringLiteral("https://127.0.0.1:41003")},
             {QStringLiteral("tenantId"), TenantId},
             {QStringLiteral("subscriptionId"), SubscriptionId},
             {QStringLiteral("clientId"), ClientId},
             {QStringLiteral("clientSecret"), ClientSecret},
         }},
        {QStringLiteral("iotHub"),
         QJsonObject {
             {QStringLiteral("hostName"), QStringLiteral("sandbox-hub.azure-devices.net")},
             {QStringLiteral("rest"), QStringLiteral("https://127.0.0.1:41004")},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 41005}}},
             {QStringLiteral("policyName"), QStringLiteral("twinbridge")},
             {QStringLiteral("policyKey"), PolicyKey},
         }},
        {QStringLiteral("caCertificate"), caFile()},
        {QStringLiteral("admin"), QStringLiteral("http://127.0.0.1:41006/admin")},
    };
}

QString TestSandboxProfileImport::writeDescription(const QJsonObject &description, const QString &name)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qWarning("cannot write %s", qPrintable(path));
    file.write(QJsonDocument(description).toJson());
    return path;
}

void TestSandboxProfileImport::readsACompleteDescription()
{
    const QString path = writeDescription(goodDescription());
    const Result<SandboxProfileImport::Description> read = SandboxProfileImport::readFile(path);
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    const SandboxProfileImport::Description &d = read.value();

    ConnectionProfile expected;
    expected.name = QStringLiteral("Sandbox");
    expected.tts.apiBaseUrl = QStringLiteral("http://127.0.0.1:41001/api/v3");
    expected.tts.applicationId = QStringLiteral("demo-app");
    expected.tts.tenantId = QStringLiteral("sandbox");
    expected.tts.mqttHost = QStringLiteral("127.0.0.1");
    expected.tts.mqttPort = 41002;
    expected.tts.mqttTls = true;
    expected.iotHub.hostName = QStringLiteral("sandbox-hub.azure-devices.net");
    expected.iotHub.restEndpoint = QStringLiteral("https://127.0.0.1:41004");
    expected.iotHub.mqttHost = QStringLiteral("127.0.0.1");
    expected.iotHub.mqttPort = 41005;
    expected.iotHub.policyName = QStringLiteral("twinbridge");
    expected.azure.authority = QStringLiteral("https://127.0.0.1:41003");
    expected.azure.managementEndpoint = QStringLiteral("https://127.0.0.1:41003");
    expected.azure.tenantId = TenantId;
    expected.azure.subscriptionId = SubscriptionId;
    expected.azure.clientId = ClientId;
    expected.tls.caCertificateFile = caFile();
    QCOMPARE(d.profile, expected);
    QVERIFY(d.profile.isValid());

    QCOMPARE(d.secrets.size(), 3);
    QCOMPARE(d.secrets.value(SecretKind::TtsApiKey), ApiKey);
    QCOMPARE(d.secrets.value(SecretKind::HubPolicyKey), PolicyKey);
    QCOMPARE(d.secrets.value(SecretKind::AzureClientSecret), ClientSecret);
    QVERIFY(d.missingSections.isEmpty());
    QCOMPARE(d.adminUrl, QStringLiteral("http://127.0.0.1:41006/admin"));
    QCOMPARE(d.filePath, path);
    // The profile's exported form, which goes to the settings, carries none of them.
    const QByteArray exported = QJsonDocument(d.profile.toJson()).toJson();
    QVERIFY(!exported.contains(ApiKey.toUtf8()));
    QVERIFY(!exported.contains(PolicyKey.toUtf8()));
    QVERIFY(!exported.contains(ClientSecret.toUtf8()));
}

void TestSandboxProfileImport::acceptsApiTlsThatMatchesTheUrl()
{
    QJsonObject description = withMember(goodDescription(), {QStringLiteral("tts"), QStringLiteral("apiTls")}, false);
    Result<SandboxProfileImport::Description> read = SandboxProfileImport::readFile(writeDescription(description));
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));

    description = withMember(description, {QStringLiteral("tts"), QStringLiteral("apiTls")}, true);
    description = withMember(description, {QStringLiteral("tts"), QStringLiteral("api")},
                             QStringLiteral("https://127.0.0.1:41001/api/v3"));
    read = SandboxProfileImport::readFile(writeDescription(description));
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    QCOMPARE(read.value().profile.tts.apiBaseUrl, QStringLiteral("https://127.0.0.1:41001/api/v3"));
}

void TestSandboxProfileImport::resolvesARelativeCaCertificatePath()
{
    const QJsonObject description =
        withMember(goodDescription(), {QStringLiteral("caCertificate")}, QStringLiteral("ca.pem"));
    const Result<SandboxProfileImport::Description> read =
        SandboxProfileImport::readFile(writeDescription(description));
    QVERIFY2(read.ok(), qPrintable(read.error().toString()));
    QCOMPARE(read.value().profile.tls.caCertificateFile,
             QDir(m_dir->path()).absoluteFilePath(QStringLiteral("ca.pem")));
}

void TestSandboxProfileImport::rejectsAMissingOrWrongField_data()
{
    QTest::addColumn<QString>("member"); // the member to change, "a.b.c"
    QTest::addColumn<QJsonValue>("value"); // undefined = removed
    QTest::addColumn<QString>("field"); // the field the error names
    QTest::addColumn<QString>("words"); // words the message contains

    const QJsonValue removed(QJsonValue::Undefined);
    const QString missing = QStringLiteral("is missing");
    // Every member a complete sandbox.json has, removed.
    const QStringList members = {
        QStringLiteral("tts.api"),
        QStringLiteral("tts.mqtt"),
        QStringLiteral("tts.mqtt.host"),
        QStringLiteral("tts.mqtt.port"),
        QStringLiteral("tts.mqtt.tls"),
        QStringLiteral("tts.applicationId"),
        QStringLiteral("tts.tenantId"),
        QStringLiteral("tts.apiKey"),
        QStringLiteral("azure.authority"),
        QStringLiteral("azure.management"),
        QStringLiteral("azure.tenantId"),
        QStringLiteral("azure.subscriptionId"),
        QStringLiteral("azure.clientId"),
        QStringLiteral("azure.clientSecret"),
        QStringLiteral("iotHub"),
        QStringLiteral("iotHub.hostName"),
        QStringLiteral("iotHub.rest"),
        QStringLiteral("iotHub.mqtt"),
        QStringLiteral("iotHub.mqtt.host"),
        QStringLiteral("iotHub.mqtt.port"),
        QStringLiteral("iotHub.policyName"),
        QStringLiteral("iotHub.policyKey"),
        QStringLiteral("caCertificate"),
        QStringLiteral("admin"),
    };
    for (const QString &member : members)
        QTest::addRow("no %s", qPrintable(member)) << member << removed << member << missing;

    QTest::addRow("null policy key") << "iotHub.policyKey" << QJsonValue(QJsonValue::Null) << "iotHub.policyKey"
                                     << missing;
    QTest::addRow("null azure") << "azure" << QJsonValue(QJsonValue::Null) << "azure" << missing;
    QTest::addRow("tts a string") << "tts" << QJsonValue(QStringLiteral("tts")) << "tts"
                                  << "must be an object";
    QTest::addRow("iotHub an array") << "iotHub" << QJsonValue(QJsonArray {}) << "iotHub"
                                     << "must be an object";
    QTest::addRow("mqtt a number") << "iotHub.mqtt" << QJsonValue(8883) << "iotHub.mqtt"
                                   << "must be an object";
    QTest::addRow("port as text") << "tts.mqtt.port" << QJsonValue(QStringLiteral("1883")) << "tts.mqtt.port"
                                  << "port number";
    QTest::addRow("port too large") << "iotHub.mqtt.port" << QJsonValue(70000) << "iotHub.mqtt.port"
                                    << "1 to 65535";
    QTest::addRow("port zero") << "iotHub.mqtt.port" << QJsonValue(0) << "iotHub.mqtt.port"
                               << "1 to 65535";
    QTest::addRow("port fraction") << "tts.mqtt.port" << QJsonValue(1883.5) << "tts.mqtt.port"
                                   << "whole number";
    QTest::addRow("tls as text") << "tts.mqtt.tls" << QJsonValue(QStringLiteral("yes")) << "tts.mqtt.tls"
                                 << "true or false";
    QTest::addRow("apiTls as number") << "tts.apiTls" << QJsonValue(1) << "tts.apiTls"
                                      << "true or false";
    QTest::addRow("apiTls true over http") << "tts.apiTls" << QJsonValue(true) << "tts.apiTls"
                                           << "not an https://";
    QTest::addRow("api key a number") << "tts.apiKey" << QJsonValue(42) << "tts.apiKey"
                                      << "must be a string";
    QTest::addRow("api key empty") << "tts.apiKey" << QJsonValue(QString()) << "tts.apiKey"
                                   << "is empty";
    QTest::addRow("policy key blank") << "iotHub.policyKey" << QJsonValue(QStringLiteral("  ")) << "iotHub.policyKey"
                                      << "is empty";
    QTest::addRow("client secret an object")
        << "azure.clientSecret" << QJsonValue(QJsonObject {}) << "azure.clientSecret"
        << "must be a string";
    QTest::addRow("api not http") << "tts.api" << QJsonValue(QStringLiteral("ftp://127.0.0.1/api/v3")) << "tts.api"
                                  << "https://";
    QTest::addRow("api no URL") << "tts.api" << QJsonValue(QStringLiteral("not a url")) << "tts.api"
                                << "not a valid URL";
    QTest::addRow("application id with capitals")
        << "tts.applicationId" << QJsonValue(QStringLiteral("Demo_App")) << "tts.applicationId"
        << "capital letters";
    QTest::addRow("tenant id too short") << "tts.tenantId" << QJsonValue(QStringLiteral("ab")) << "tts.tenantId"
                                         << "too short";
    QTest::addRow("mqtt host with scheme")
        << "tts.mqtt.host" << QJsonValue(QStringLiteral("mqtts://127.0.0.1")) << "tts.mqtt.host"
        << "without a scheme";
    QTest::addRow("hub host with https") << "iotHub.hostName"
                                         << QJsonValue(QStringLiteral("https://sandbox-hub.azure-devices.net"))
                                         << "iotHub.hostName"
                                         << "without https://";
    QTest::addRow("hub rest over http") << "iotHub.rest" << QJsonValue(QStringLiteral("http://127.0.0.1:41004"))
                                        << "iotHub.rest"
                                        << "https://";
    QTest::addRow("policy name with space")
        << "iotHub.policyName" << QJsonValue(QStringLiteral("twin bridge")) << "iotHub.policyName"
        << "not a valid policy name";
    QTest::addRow("authority over http") << "azure.authority" << QJsonValue(QStringLiteral("http://127.0.0.1:41003"))
                                         << "azure.authority"
                                         << "https://";
    QTest::addRow("management no URL") << "azure.management" << QJsonValue(QStringLiteral("management"))
                                       << "azure.management"
                                       << "not a valid URL";
    QTest::addRow("tenant no GUID") << "azure.tenantId" << QJsonValue(QStringLiteral("sandbox")) << "azure.tenantId"
                                    << "not a directory (tenant) ID";
    QTest::addRow("subscription no GUID")
        << "azure.subscriptionId" << QJsonValue(QStringLiteral("sub-1")) << "azure.subscriptionId"
        << "not a subscription ID";
    QTest::addRow("client id no GUID") << "azure.clientId" << QJsonValue(QStringLiteral("twinbridge"))
                                       << "azure.clientId"
                                       << "not a client (application) ID";
    QTest::addRow("CA file gone") << "caCertificate" << QJsonValue(QStringLiteral("/nonexistent/ca.pem"))
                                  << "caCertificate"
                                  << "does not exist";
    QTest::addRow("CA a number") << "caCertificate" << QJsonValue(1) << "caCertificate"
                                 << "must be a string";
    QTest::addRow("admin a bool") << "admin" << QJsonValue(true) << "admin"
                                  << "must be a string";
}

void TestSandboxProfileImport::rejectsAMissingOrWrongField()
{
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QFETCH(QString, words);

    const QString path = writeDescription(withMember(goodDescription(), member.split(QLatin1Char('.')), value));
    const Result<SandboxProfileImport::Description> read = SandboxProfileImport::readFile(path);
    QVERIFY(!read.ok());
    const ServiceError &error = read.error();
    QCOMPARE(error.kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(error.code(), SandboxProfileImport::invalidDescriptionCode());
    QCOMPARE(error.payload().toObject().value(QLatin1String("path")).toString(), field);
    QVERIFY2(error.message().contains(QStringLiteral("“%1”").arg(field)), qPrintable(error.message()));
    QVERIFY2(error.message().contains(QDir::toNativeSeparators(path)), qPrintable(error.message()));
    QVERIFY2(error.message().contains(words), qPrintable(error.message()));
    QVERIFY2(error.message().contains(QStringLiteral("twinbridge-sandbox")), qPrintable(error.message()));
    for (const QString &secret : {ApiKey, PolicyKey, ClientSecret})
        QVERIFY(!error.toString().contains(secret));

    // Importing the file adds nothing.
    const Result<SandboxProfileImport::Imported> imported = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY(imported.error().toString().startsWith(QStringLiteral("Could not import the sandbox profile")));
    QCOMPARE(m_store->count(), 0);
}

void TestSandboxProfileImport::rejectsFilesThatAreNoDescription_data()
{
    QTest::addColumn<QByteArray>("content"); // "-" = no file at all
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("words");

    const int invalid = int(ServiceError::Kind::InvalidInput);
    QTest::addRow("no file") << QByteArray("-") << int(ServiceError::Kind::NotFound) << "does not exist";
    QTest::addRow("empty") << QByteArray() << invalid << "not valid JSON";
    QTest::addRow("truncated") << QByteArray("{\"iotHub\": {") << invalid << "not valid JSON";
    QTest::addRow("array") << QByteArray("[]") << invalid << "no JSON object";
    QTest::addRow("string") << QByteArray("\"sandbox\"") << invalid
                            << "not valid JSON"; // Qt reads objects and arrays only
    QTest::addRow("too large") << QByteArray(1024 * 1024 + 1, ' ') << invalid << "larger than 1 MiB";
    QTest::addRow("empty object") << QByteArray("{}") << invalid << "“iotHub”";
}

void TestSandboxProfileImport::rejectsFilesThatAreNoDescription()
{
    QFETCH(QByteArray, content);
    QFETCH(int, kind);
    QFETCH(QString, words);

    const QString path = m_dir->filePath(QStringLiteral("sandbox.json"));
    if (content != "-") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    const Result<SandboxProfileImport::Description> read = SandboxProfileImport::readFile(path);
    QVERIFY(!read.ok());
    QCOMPARE(int(read.error().kind()), kind);
    QVERIFY2(read.error().message().contains(words), qPrintable(read.error().message()));
    QVERIFY2(read.error().message().contains(QDir::toNativeSeparators(path)), qPrintable(read.error().message()));
}

void TestSandboxProfileImport::importsWhatAPartialFileHas_data()
{
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QStringList>("secretKeys"); // SecretStore::kindKey of the secrets read

    QTest::addRow("no tts") << QStringList {QStringLiteral("tts")}
                            << QStringList {QStringLiteral("azure-client-secret"), QStringLiteral("hub-policy-key")};
    QTest::addRow("no azure") << QStringList {QStringLiteral("azure")}
                              << QStringList {QStringLiteral("hub-policy-key"), QStringLiteral("tts-api-key")};
    QTest::addRow("neither") << QStringList {QStringLiteral("tts"), QStringLiteral("azure")}
                             << QStringList {QStringLiteral("hub-policy-key")};
}

void TestSandboxProfileImport::importsWhatAPartialFileHas()
{
    QFETCH(QStringList, removed);
    QFETCH(QStringList, secretKeys);

    QJsonObject description = goodDescription();
    for (const QString &section : removed)
        description.remove(section);
    const QString path = writeDescription(description);
    const Result<SandboxProfileImport::Imported> imported = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
    const SandboxProfileImport::Imported &result = imported.value();

    QCOMPARE(result.missingSections, removed);
    QStringList keys;
    for (auto it = result.secrets.cbegin(); it != result.secrets.cend(); ++it)
        keys.append(SecretStore::kindKey(it.key()));
    keys.sort();
    QCOMPARE(keys, secretKeys);
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(result.profile.iotHub.hostName, QStringLiteral("sandbox-hub.azure-devices.net"));
    QCOMPARE(result.profile.tls.caCertificateFile, caFile());
    // What the file lacks keeps the defaults.
    const ConnectionProfile defaults;
    if (removed.contains(QStringLiteral("azure")))
        QCOMPARE(result.profile.azure, defaults.azure);
    else
        QCOMPARE(result.profile.azure.clientId, ClientId);
    if (removed.contains(QStringLiteral("tts"))) {
        QCOMPARE(result.profile.tts, defaults.tts);
        // …so the profile is not complete yet, and says which fields to fill in.
        QVERIFY(!result.issues.isEmpty());
        QCOMPARE(result.issues.first().field, QString(ProfileField::TtsApiBaseUrl));
    } else {
        QCOMPARE(result.profile.tts.applicationId, QStringLiteral("demo-app"));
        QVERIFY(result.issues.isEmpty());
    }

    // One sentence per missing section, naming it, the file and the secret that is missing with it.
    const QStringList messages = SandboxProfileImport::missingSectionMessages(result.missingSections, path);
    QCOMPARE(messages.size(), removed.size());
    for (qsizetype i = 0; i < removed.size(); ++i) {
        QVERIFY2(messages.at(i).contains(QStringLiteral("“%1”").arg(removed.at(i))), qPrintable(messages.at(i)));
        QVERIFY(messages.at(i).contains(QDir::toNativeSeparators(path)));
        const SecretKind secret = SandboxProfileImport::secretsOfSection(removed.at(i)).constFirst();
        QVERIFY2(messages.at(i).contains(SecretStore::displayName(secret)), qPrintable(messages.at(i)));
    }
}

void TestSandboxProfileImport::importAddsTheSandboxProfileThenUpdatesIt()
{
    const QString path = writeDescription(goodDescription());
    const Result<SandboxProfileImport::Imported> first = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY2(first.ok(), qPrintable(first.error().toString()));
    QVERIFY(!first.value().updated);
    QCOMPARE(first.value().profile.name, QStringLiteral("Sandbox"));
    QVERIFY(ConnectionProfile::isValidId(first.value().profile.id));
    QVERIFY(first.value().issues.isEmpty());
    QCOMPARE(m_store->count(), 1);
    QCOMPARE(m_store->profile(first.value().profile.id).value(), first.value().profile);
    QVERIFY(m_secrets->keys().isEmpty()); // the caller stores the secrets

    // The sandbox restarted on other ports: the same profile follows.
    QJsonObject restarted = withMember(
        goodDescription(), {QStringLiteral("iotHub"), QStringLiteral("mqtt"), QStringLiteral("port")}, 42005);
    restarted = withMember(restarted, {QStringLiteral("tts"), QStringLiteral("api")},
                           QStringLiteral("http://127.0.0.1:42001/api/v3"));
    writeDescription(restarted);
    const Result<SandboxProfileImport::Imported> second = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY2(second.ok(), qPrintable(second.error().toString()));
    QVERIFY(second.value().updated);
    QCOMPARE(second.value().profile.id, first.value().profile.id);
    QCOMPARE(m_store->count(), 1);
    const ConnectionProfile stored = m_store->profile(first.value().profile.id).value();
    QCOMPARE(stored.iotHub.mqttPort, 42005);
    QCOMPARE(stored.tts.apiBaseUrl, QStringLiteral("http://127.0.0.1:42001/api/v3"));
    QCOMPARE(stored.name, QStringLiteral("Sandbox"));

    // Also across a restart of TwinBridge (profiles loaded from the settings file).
    m_store.reset();
    m_settings = std::make_unique<Settings>(settingsFile());
    m_store = std::make_unique<ProfileStore>(m_settings.get(), m_secrets.get());
    const Result<SandboxProfileImport::Imported> third = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY(third.ok());
    QVERIFY(third.value().updated);
    QCOMPARE(third.value().profile.id, first.value().profile.id);
    QCOMPARE(m_store->count(), 1);
}

void TestSandboxProfileImport::reimportFindsARenamedProfileByItsCaCertificate()
{
    const QString path = writeDescription(goodDescription());
    const Result<SandboxProfileImport::Imported> first = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY(first.ok());
    ConnectionProfile renamed = first.value().profile;
    renamed.name = QStringLiteral("My local sandbox");
    QVERIFY(m_store->update(renamed).ok());

    const Result<SandboxProfileImport::Imported> second = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY(second.ok());
    QVERIFY(second.value().updated);
    QCOMPARE(second.value().profile.id, renamed.id);
    QCOMPARE(second.value().profile.name, QStringLiteral("My local sandbox")); // the user's name stays
    QCOMPARE(m_store->count(), 1);
}

void TestSandboxProfileImport::reimportWithoutASectionKeepsItsStoredValues()
{
    const QString path = writeDescription(goodDescription());
    const Result<SandboxProfileImport::Imported> first = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY(first.ok());

    QJsonObject older = goodDescription();
    older.remove(QStringLiteral("tts"));
    older.remove(QStringLiteral("azure"));
    older = withMember(older, {QStringLiteral("iotHub"), QStringLiteral("rest")},
                       QStringLiteral("https://127.0.0.1:43004"));
    writeDescription(older);
    const Result<SandboxProfileImport::Imported> second = SandboxProfileImport::importFile(*m_store, path);
    QVERIFY(second.ok());
    QVERIFY(second.value().updated);
    QCOMPARE(second.value().missingSections, (QStringList {QStringLiteral("tts"), QStringLiteral("azure")}));
    const ConnectionProfile stored = m_store->profile(first.value().profile.id).value();
    QCOMPARE(stored.iotHub.restEndpoint, QStringLiteral("https://127.0.0.1:43004"));
    QCOMPARE(stored.tts, first.value().profile.tts);
    QCOMPARE(stored.azure, first.value().profile.azure);
    QVERIFY(second.value().issues.isEmpty());
}

void TestSandboxProfileImport::importLeavesOtherProfilesAlone()
{
    ConnectionProfile production = ConnectionProfile::create(QStringLiteral("Production"));
    production.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    production.tts.applicationId = QStringLiteral("my-sensors");
    QVERIFY(m_store->add(production).ok());

    const Result<SandboxProfileImport::Imported> imported =
        SandboxProfileImport::importFile(*m_store, writeDescription(goodDescription()));
    QVERIFY(imported.ok());
    QVERIFY(!imported.value().updated);
    QCOMPARE(m_store->count(), 2);
    QCOMPARE(m_store->profile(production.id).value(), production);
}

void TestSandboxProfileImport::settingsFileNeverHoldsASecret()
{
    const Result<SandboxProfileImport::Imported> imported =
        SandboxProfileImport::importFile(*m_store, writeDescription(goodDescription()));
    QVERIFY(imported.ok());
    m_settings->sync();
    QFile file(settingsFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("sandbox-hub.azure-devices.net"));
    QVERIFY(bytes.contains(imported.value().profile.id.toLatin1()));
    for (const QString &secret : {ApiKey, PolicyKey, ClientSecret})
        QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(SecretStore::displayName(SecretKind::TtsApiKey)));
}

QTEST_GUILESS_MAIN(TestSandboxProfileImport)
#include "tst_sandboxprofileimport.moc"
