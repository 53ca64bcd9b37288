#include "services/settings/ConnectionProfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

class TestConnectionProfile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void validProfileHasNoIssues();
    void validation_data();
    void validation();
    void emptyProfileReportsEveryRequiredField();
    void ttsIdRule_data();
    void ttsIdRule();

    void jsonRoundTrip();
    void jsonHasFormatMarkerAndOnlyKnownFields();
    void jsonNeverContainsSecrets();
    void fromJsonFillsDefaultsAndId();
    void fromJsonRejectsMalformed_data();
    void fromJsonRejectsMalformed();

    void derivedValues();

private:
    static ConnectionProfile validProfile();
    void setField(ConnectionProfile &profile, const QString &field, const QVariant &value) const;

    QTemporaryDir m_dir;
    QString m_pemFile;
    QString m_notPemFile;
};

ConnectionProfile TestConnectionProfile::validProfile()
{
    ConnectionProfile p;
    p.id = QStringLiteral("3f2a6c1e-0b7d-4e59-9a61-2d8f0c4b7e15");
    p.name = QStringLiteral("Production");
    p.tts.apiBaseUrl = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    p.tts.applicationId = QStringLiteral("my-sensors");
    p.tts.tenantId = QStringLiteral("ttn");
    p.iotHub.hostName = QStringLiteral("my-hub.azure-devices.net");
    p.azure.tenantId = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
    p.azure.subscriptionId = QStringLiteral("00000000-1111-2222-3333-444444444444");
    p.azure.clientId = QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    return p;
}

void TestConnectionProfile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pemFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QFile pem(m_pemFile);
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    pem.close();
    m_notPemFile = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile text(m_notPemFile);
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("just some notes\n");
}

void TestConnectionProfile::setField(ConnectionProfile &p, const QString &field, const QVariant &value) const
{
    const QString s = value.toString() == QLatin1String("@pem")      ? m_pemFile
                      : value.toString() == QLatin1String("@notpem") ? m_notPemFile
                                                                     : value.toString();
    if (field == ProfileField::Name)
        p.name = s;
    else if (field == ProfileField::TtsApiBaseUrl)
        p.tts.apiBaseUrl = s;
    else if (field == ProfileField::TtsApplicationId)
        p.tts.applicationId = s;
    else if (field == ProfileField::TtsTenantId)
        p.tts.tenantId = s;
    else if (field == ProfileField::TtsMqttHost)
        p.tts.mqttHost = s;
    else if (field == ProfileField::TtsMqttPort)
        p.tts.mqttPort = value.toInt();
    else if (field == ProfileField::IotHubHostName)
        p.iotHub.hostName = s;
    else if (field == ProfileField::IotHubRestEndpoint)
        p.iotHub.restEndpoint = s;
    else if (field == ProfileField::IotHubMqttHost)
        p.iotHub.mqttHost = s;
    else if (field == ProfileField::IotHubMqttPort)
        p.iotHub.mqttPort = value.toInt();
    else if (field == ProfileField::IotHubPolicyName)
        p.iotHub.policyName = s;
    else if (field == ProfileField::AzureAuthority)
        p.azure.authority = s;
    else if (field == ProfileField::AzureManagementEndpoint)
        p.azure.managementEndpoint = s;
    else if (field == ProfileField::AzureTenantId)
        p.azure.tenantId = s;
    else if (field == ProfileField::AzureSubscriptionId)
        p.azure.subscriptionId = s;
    else if (field == ProfileField::AzureClientId)
        p.azure.clientId = s;
    else if (field == ProfileField::AzureResourceGroup)
        p.azure.resourceGroup = s;
    else if (field == ProfileField::TlsCaCertificateFile)
        p.tls.caCertificateFile = s;
    else
        QFAIL(qPrintable(QStringLiteral("unknown field ") + field));
}

void TestConnectionProfile::validProfileHasNoIssues()
{
    const ConnectionProfile p = validProfile();
    QCOMPARE(p.validate(), ProfileIssues());
    QVERIFY(p.isValid());
}

void TestConnectionProfile::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("messageContains"); // empty: the value is valid

    auto row = [](const char *name, QLatin1String field, const QVariant &value, const char *message) {
        QTest::newRow(name) << QString(field) << value << QString::fromUtf8(message);
    };
    const QString s36 = QStringLiteral("a23456789-123456789-123456789-123456");
    const QString s37 = s36 + QLatin1Char('7');

    row("name empty", ProfileField::Name, QString(), "Enter a name");
    row("name blank", ProfileField::Name, QStringLiteral("   "), "Enter a name");

    row("api url empty", ProfileField::TtsApiBaseUrl, QString(), "Enter the API base URL");
    row("api url without scheme", ProfileField::TtsApiBaseUrl, QStringLiteral("eu1.cloud.thethings.network"),
        "is not a valid URL");
    row("api url with space", ProfileField::TtsApiBaseUrl, QStringLiteral("https://eu1 cloud/api/v3"),
        "is not a valid URL");
    row("api url ftp", ProfileField::TtsApiBaseUrl, QStringLiteral("ftp://eu1.cloud.thethings.network"),
        "must start with https://");
    row("api url with credentials", ProfileField::TtsApiBaseUrl,
        QStringLiteral("https://me:pw@eu1.cloud.thethings.network/api/v3"), "user name and password");
    row("api url with query", ProfileField::TtsApiBaseUrl,
        QStringLiteral("https://eu1.cloud.thethings.network/api/v3?x=1"), "Remove the query");
    row("api url http on loopback", ProfileField::TtsApiBaseUrl, QStringLiteral("http://127.0.0.1:1885/api/v3"), "");

    row("app id empty", ProfileField::TtsApplicationId, QString(), "Enter the application ID");
    row("app id capitals", ProfileField::TtsApplicationId, QStringLiteral("My-Sensors"), "capital letters");
    row("app id underscore", ProfileField::TtsApplicationId, QStringLiteral("my_sensors"), "contains “_”");
    row("app id leading hyphen", ProfileField::TtsApplicationId, QStringLiteral("-sensors"), "start and end");
    row("app id trailing hyphen", ProfileField::TtsApplicationId, QStringLiteral("sensors-"), "start and end");
    row("app id double hyphen", ProfileField::TtsApplicationId, QStringLiteral("my--sensors"), "two hyphens");
    row("app id too short", ProfileField::TtsApplicationId, QStringLiteral("ab"), "too short");
    row("app id 37 chars", ProfileField::TtsApplicationId, s37, "longer than 36");
    row("app id 36 chars", ProfileField::TtsApplicationId, s36, "");
    row("app id 3 chars", ProfileField::TtsApplicationId, QStringLiteral("a1b"), "");

    row("tenant capitals", ProfileField::TtsTenantId, QStringLiteral("TTN"), "tenant ID “TTN” contains capital");
    row("tenant empty", ProfileField::TtsTenantId, QString(), "");

    row("tts mqtt host with scheme", ProfileField::TtsMqttHost, QStringLiteral("mqtts://eu1.cloud.thethings.network"),
        "without a scheme");
    row("tts mqtt host with port", ProfileField::TtsMqttHost, QStringLiteral("eu1.cloud.thethings.network:8883"),
        "the port has its own field");
    row("tts mqtt host with space", ProfileField::TtsMqttHost, QStringLiteral("eu1 cloud"), "not a valid host name");
    row("tts mqtt host ipv6", ProfileField::TtsMqttHost, QStringLiteral("::1"), "");
    row("tts mqtt host ipv4", ProfileField::TtsMqttHost, QStringLiteral("127.0.0.1"), "");
    row("tts port 0", ProfileField::TtsMqttPort, 0, "out of range");
    row("tts port 65536", ProfileField::TtsMqttPort, 65536, "out of range");
    row("tts port 1883", ProfileField::TtsMqttPort, 1883, "");
    row("tts port 65535", ProfileField::TtsMqttPort, 65535, "");

    row("hub host with scheme", ProfileField::IotHubHostName, QStringLiteral("https://my-hub.azure-devices.net"),
        "without https://");
    row("hub host is a connection string", ProfileField::IotHubHostName,
        QStringLiteral("HostName=my-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=abc="),
        "looks like a connection string");
    row("hub host is only the hub name", ProfileField::IotHubHostName, QStringLiteral("my-hub"),
        "my-hub.azure-devices.net");
    row("hub name too short", ProfileField::IotHubHostName, QStringLiteral("ab.azure-devices.net"),
        "not a valid IoT hub name");
    row("hub name ends with hyphen", ProfileField::IotHubHostName, QStringLiteral("my-hub-.azure-devices.net"),
        "not a valid IoT hub name");
    row("hub name with underscore", ProfileField::IotHubHostName, QStringLiteral("my_hub.azure-devices.net"),
        "not a valid IoT hub name");
    row("hub host bad domain", ProfileField::IotHubHostName, QStringLiteral("my-hub.azure_devices.net"),
        "not a valid host name");
    row("hub host empty until deployed", ProfileField::IotHubHostName, QString(), "");
    row("hub host sovereign cloud", ProfileField::IotHubHostName, QStringLiteral("my-hub.azure-devices.cn"), "");
    row("policy name empty", ProfileField::IotHubPolicyName, QString(), "shared access policy");
    row("policy name with space", ProfileField::IotHubPolicyName, QStringLiteral("my policy"),
        "not a valid policy name");
    row("hub rest endpoint http", ProfileField::IotHubRestEndpoint, QStringLiteral("http://127.0.0.1:8443"),
        "must start with https://");
    row("hub rest endpoint https", ProfileField::IotHubRestEndpoint, QStringLiteral("https://127.0.0.1:8443"), "");
    row("hub mqtt host with scheme", ProfileField::IotHubMqttHost, QStringLiteral("ssl://127.0.0.1"),
        "without a scheme");
    row("hub mqtt port 70000", ProfileField::IotHubMqttPort, 70000, "out of range");

    row("authority empty", ProfileField::AzureAuthority, QString(), "sign-in authority");
    row("authority http", ProfileField::AzureAuthority, QStringLiteral("http://login.microsoftonline.com"),
        "must start with https://");
    row("management not a url", ProfileField::AzureManagementEndpoint, QStringLiteral("management azure"),
        "is not a valid URL");
    row("tenant organizations", ProfileField::AzureTenantId, QStringLiteral("organizations"), "");
    row("tenant domain", ProfileField::AzureTenantId, QStringLiteral("contoso.onmicrosoft.com"), "");
    row("tenant single word", ProfileField::AzureTenantId, QStringLiteral("contoso"), "not a directory (tenant) ID");
    row("subscription short", ProfileField::AzureSubscriptionId, QStringLiteral("1234"), "GUID");
    row("client id with braces", ProfileField::AzureClientId,
        QStringLiteral("{04b07795-8ddb-461a-bbee-02f9e1bf7b46}"), "not a client (application) ID");
    row("resource group", ProfileField::AzureResourceGroup, QStringLiteral("rg-twinbridge_(prod).eu"), "");
    row("resource group unicode", ProfileField::AzureResourceGroup, QStringLiteral("Gruppe-Zähler"), "");
    row("resource group 90", ProfileField::AzureResourceGroup, QString(90, QLatin1Char('r')), "");
    row("resource group 91", ProfileField::AzureResourceGroup, QString(91, QLatin1Char('r')),
        "not a resource group name");
    row("resource group ends with period", ProfileField::AzureResourceGroup, QStringLiteral("rg."),
        "not ending in a period");
    row("resource group with slash", ProfileField::AzureResourceGroup, QStringLiteral("rg/other"),
        "not a resource group name");
    row("resource group with space", ProfileField::AzureResourceGroup, QStringLiteral("my rg"),
        "not a resource group name");

    row("ca file missing", ProfileField::TlsCaCertificateFile, QStringLiteral("/nonexistent/ca.pem"), "does not exist");
    row("ca file not pem", ProfileField::TlsCaCertificateFile, QStringLiteral("@notpem"), "contains no PEM");
    row("ca file pem", ProfileField::TlsCaCertificateFile, QStringLiteral("@pem"), "");
}

void TestConnectionProfile::validation()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, messageContains);
    ConnectionProfile p = validProfile();
    setField(p, field, value);
    const ProfileIssues issues = p.validate();
    if (messageContains.isEmpty()) {
        QVERIFY2(issues.isEmpty(), qPrintable(issues.value(0).field + QLatin1String(": ") + issues.value(0).message));
        return;
    }
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().field, field);
    QVERIFY2(issues.first().message.contains(messageContains), qPrintable(issues.first().message));
}

void TestConnectionProfile::emptyProfileReportsEveryRequiredField()
{
    const ProfileIssues issues = ConnectionProfile().validate();
    QStringList fields;
    for (const ProfileIssue &issue : issues)
        fields.append(issue.field);
    QCOMPARE(fields, (QStringList{ProfileField::Name, ProfileField::TtsApiBaseUrl, ProfileField::TtsApplicationId}));
}

void TestConnectionProfile::ttsIdRule_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::addRow("simple") << QStringLiteral("my-app") << true;
    QTest::addRow("digits") << QStringLiteral("123") << true;
    QTest::addRow("eui-like") << QStringLiteral("eui-0004a30b001c0530") << true;
    QTest::addRow("two chars") << QStringLiteral("ab") << false;
    QTest::addRow("upper") << QStringLiteral("App") << false;
    QTest::addRow("dot") << QStringLiteral("my.app") << false;
    QTest::addRow("double hyphen") << QStringLiteral("a--b") << false;
    QTest::addRow("36") << QString(36, QLatin1Char('a')) << true;
    QTest::addRow("37") << QString(37, QLatin1Char('a')) << false;
}

void TestConnectionProfile::ttsIdRule()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(ConnectionProfile::isValidTtsId(id), valid);
}

void TestConnectionProfile::jsonRoundTrip()
{
    ConnectionProfile p = validProfile();
    p.tts.mqttHost = QStringLiteral("127.0.0.1");
    p.tts.mqttPort = 1883;
    p.tts.mqttTls = false;
    p.iotHub.restEndpoint = QStringLiteral("https://127.0.0.1:8443");
    p.iotHub.mqttHost = QStringLiteral("127.0.0.1");
    p.iotHub.mqttPort = 8884;
    p.iotHub.policyName = QStringLiteral("twinbridge");
    p.azure.authority = QStringLiteral("https://127.0.0.1:9443");
    p.azure.resourceGroup = QStringLiteral("rg-twinbridge");
    p.tls.caCertificateFile = m_pemFile;
    p.name = QStringLiteral("Sandbox — Ümlaut");

    const QByteArray bytes = QJsonDocument(p.toJson()).toJson();
    const Result<ConnectionProfile> back = ConnectionProfile::fromJson(QJsonDocument::fromJson(bytes).object());
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QCOMPARE(back.value(), p);
}

void TestConnectionProfile::jsonHasFormatMarkerAndOnlyKnownFields()
{
    const QJsonObject json = validProfile().toJson();
    QCOMPARE(json.value(QLatin1String("format")).toString(), QStringLiteral("twinbridge-profile/1"));
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("azure"), QStringLiteral("format"), QStringLiteral("id"),
                                       QStringLiteral("iotHub"), QStringLiteral("name"), QStringLiteral("tls"),
                                       QStringLiteral("tts")}));
    QCOMPARE(json.value(QLatin1String("tts")).toObject().keys(),
             (QStringList{QStringLiteral("apiBaseUrl"), QStringLiteral("applicationId"), QStringLiteral("mqttHost"),
                          QStringLiteral("mqttPort"), QStringLiteral("mqttTls"), QStringLiteral("tenantId")}));
    QCOMPARE(json.value(QLatin1String("tts")).toObject().value(QLatin1String("mqttPort")).toInt(), 8883);
    QCOMPARE(json.value(QLatin1String("azure")).toObject().keys(),
             (QStringList{QStringLiteral("authority"), QStringLiteral("clientId"), QStringLiteral("managementEndpoint"),
                          QStringLiteral("resourceGroup"), QStringLiteral("subscriptionId"),
                          QStringLiteral("tenantId")}));
}

void TestConnectionProfile::jsonNeverContainsSecrets()
{
    // No field of the exported form may hold a secret: walk every key at every level.
    const QJsonObject json = validProfile().toJson();
    QStringList suspicious;
    std::function<void(const QJsonObject &, const QString &)> walk = [&](const QJsonObject &object,
                                                                         const QString &prefix) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString path = prefix + it.key();
            const QString lower = it.key().toLower();
            for (const char *word : {"key", "secret", "password", "token", "sas", "connectionstring"}) {
                if (lower.contains(QLatin1String(word)))
                    suspicious.append(path);
            }
            if (it->isObject())
                walk(it->toObject(), path + QLatin1Char('.'));
        }
    };
    walk(json, {});
    QVERIFY2(suspicious.isEmpty(), qPrintable(suspicious.join(QLatin1String(", "))));
}

void TestConnectionProfile::fromJsonFillsDefaultsAndId()
{
    const QJsonObject json{
        {QStringLiteral("format"), QStringLiteral("twinbridge-profile/1")},
        {QStringLiteral("name"), QStringLiteral("Minimal")},
        {QStringLiteral("tts"),
         QJsonObject{{QStringLiteral("apiBaseUrl"), QStringLiteral("https://eu1.cloud.thethings.network/api/v3")},
                     {QStringLiteral("applicationId"), QStringLiteral("my-sensors")}}},
    };
    const Result<ConnectionProfile> parsed = ConnectionProfile::fromJson(json);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QVERIFY(ConnectionProfile::isValidId(parsed.value().id));
    QCOMPARE(parsed.value().tts.mqttPort, 8883);
    QCOMPARE(parsed.value().tts.mqttTls, true);
    QCOMPARE(parsed.value().iotHub.policyName, QStringLiteral("iothubowner"));
    QCOMPARE(parsed.value().azure.authority, QStringLiteral("https://login.microsoftonline.com"));
    QCOMPARE(parsed.value().azure.managementEndpoint, QStringLiteral("https://management.azure.com"));
    QVERIFY(parsed.value().azure.resourceGroup.isEmpty());
    QVERIFY(parsed.value().isValid());

    // A profile exported before azure.resourceGroup existed still imports, without one.
    QJsonObject older = validProfile().toJson();
    QJsonObject azure = older.value(QLatin1String("azure")).toObject();
    azure.remove(QStringLiteral("resourceGroup"));
    older.insert(QStringLiteral("azure"), azure);
    const Result<ConnectionProfile> imported = ConnectionProfile::fromJson(older);
    QVERIFY2(imported.ok(), qPrintable(imported.error().message()));
    QCOMPARE(imported.value().azure.subscriptionId, validProfile().azure.subscriptionId);
    QVERIFY(imported.value().azure.resourceGroup.isEmpty());
}

static void setPath(QJsonObject &object, const QStringList &path, const QJsonValue &value)
{
    if (path.size() == 1) {
        if (value.isUndefined())
            object.remove(path.first());
        else
            object.insert(path.first(), value);
        return;
    }
    QJsonObject child = object.value(path.first()).toObject();
    setPath(child, path.mid(1), value);
    object.insert(path.first(), child);
}

void TestConnectionProfile::fromJsonRejectsMalformed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value"); // undefined: remove the field
    QTest::addColumn<QString>("messageContains");

    const QJsonValue removed(QJsonValue::Undefined);
    QTest::addRow("no format") << "format" << removed << "not a TwinBridge connection profile";
    QTest::addRow("format of another program") << "format" << QJsonValue(QStringLiteral("other/1"))
                                               << "not a TwinBridge connection profile";
    QTest::addRow("format not text") << "format" << QJsonValue(1) << "not a TwinBridge connection profile";
    QTest::addRow("newer format") << "format" << QJsonValue(QStringLiteral("twinbridge-profile/2"))
                                  << "“twinbridge-profile/2”, which this TwinBridge version cannot read";
    QTest::addRow("missing name") << "name" << removed << "“name” in the profile file is missing";
    QTest::addRow("missing tts") << "tts" << removed << "“tts” in the profile file is missing";
    QTest::addRow("missing app id") << "tts.applicationId" << removed
                                    << "“tts.applicationId” in the profile file is missing";
    QTest::addRow("unknown top-level field")
        << "colour" << QJsonValue(QStringLiteral("blue")) << "“colour” in the profile file is unknown";
    QTest::addRow("unknown nested field")
        << "tts.region" << QJsonValue(QStringLiteral("eu1")) << "“tts.region” in the profile file is unknown";
    QTest::addRow("tts api key") << "tts.apiKey" << QJsonValue(QStringLiteral("NNSXS.SECRET"))
                                 << "“tts.apiKey” in the profile file looks like a secret";
    QTest::addRow("policy key") << "iotHub.policyKey" << QJsonValue(QStringLiteral("c2VjcmV0"))
                                << "“iotHub.policyKey” in the profile file looks like a secret";
    QTest::addRow("client secret") << "azure.clientSecret" << QJsonValue(QStringLiteral("s3cret"))
                                   << "never imports secrets from files";
    QTest::addRow("connection string") << "iotHub.connectionString" << QJsonValue(QStringLiteral("HostName=x"))
                                       << "looks like a secret";
    QTest::addRow("resource group not text") << "azure.resourceGroup" << QJsonValue(7)
                                             << "“azure.resourceGroup” in the profile file must be text";
    QTest::addRow("unknown azure field") << "azure.resourceGroupId" << QJsonValue(QStringLiteral("x"))
                                         << "“azure.resourceGroupId” in the profile file is unknown";
    QTest::addRow("name not text") << "name" << QJsonValue(42) << "“name” in the profile file must be text";
    QTest::addRow("name null") << "name" << QJsonValue(QJsonValue::Null) << "“name” in the profile file must be text";
    QTest::addRow("section null") << "azure" << QJsonValue(QJsonValue::Null) << "must be a JSON object";
    QTest::addRow("port as text") << "tts.mqttPort" << QJsonValue(QStringLiteral("8883"))
                                  << "“tts.mqttPort” in the profile file must be a whole number";
    QTest::addRow("port fraction") << "iotHub.mqttPort" << QJsonValue(8883.5) << "must be a whole number";
    QTest::addRow("tls flag as text") << "tts.mqttTls" << QJsonValue(QStringLiteral("yes")) << "true or false";
    QTest::addRow("section not an object") << "iotHub" << QJsonValue(QJsonArray{1, 2}) << "must be a JSON object";
    QTest::addRow("bad id") << "id" << QJsonValue(QStringLiteral("not-a-uuid")) << "must be a profile ID";
}

void TestConnectionProfile::fromJsonRejectsMalformed()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, messageContains);
    QJsonObject json = validProfile().toJson();
    setPath(json, path.split(QLatin1Char('.')), value);
    const Result<ConnectionProfile> parsed = ConnectionProfile::fromJson(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(parsed.error().message().contains(messageContains), qPrintable(parsed.error().message()));
    // The error never echoes a value, so a secret pasted into the file does not end up in a dialog.
    if (value.isString())
        QVERIFY(!parsed.error().message().contains(value.toString()) || path == QLatin1String("format"));
}

void TestConnectionProfile::derivedValues()
{
    ConnectionProfile p = validProfile();
    QCOMPARE(p.ttsMqttUsername(), QStringLiteral("my-sensors@ttn"));
    QCOMPARE(p.effectiveTtsMqttHost(), QStringLiteral("eu1.cloud.thethings.network"));
    QCOMPARE(p.iotHubName(), QStringLiteral("my-hub"));
    QCOMPARE(p.effectiveIotHubRestUrl(), QUrl(QStringLiteral("https://my-hub.azure-devices.net")));
    QCOMPARE(p.effectiveIotHubMqttHost(), QStringLiteral("my-hub.azure-devices.net"));
    p.tts.tenantId.clear();
    p.tts.mqttHost = QStringLiteral("127.0.0.1");
    p.iotHub.restEndpoint = QStringLiteral("https://127.0.0.1:8443");
    p.iotHub.mqttHost = QStringLiteral("127.0.0.1");
    QCOMPARE(p.ttsMqttUsername(), QStringLiteral("my-sensors"));
    QCOMPARE(p.effectiveTtsMqttHost(), QStringLiteral("127.0.0.1"));
    QCOMPARE(p.effectiveIotHubRestUrl(), QUrl(QStringLiteral("https://127.0.0.1:8443")));
    QCOMPARE(p.effectiveIotHubMqttHost(), QStringLiteral("127.0.0.1"));
}

QTEST_GUILESS_MAIN(TestConnectionProfile)
#include "tst_connectionprofile.moc"
