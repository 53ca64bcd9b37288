#include "services/settings/ConnectionProfile.h"

#include "services/protocol/JsonFieldReader.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonValue>
#include <QRegularExpression>
#include <QUuid>

#include <limits>
#include <optional>

namespace TwinBridge {

namespace {

constexpr int maxTtsIdLength = 36;
constexpr qint64 maxCaFileSize = 1024 * 1024;

const QString &exampleTtsUrl()
{
    static const QString url = QStringLiteral("https://eu1.cloud.thethings.network/api/v3");
    return url;
}

bool isGuid(const QString &text)
{
    static const QRegularExpression guid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return guid.match(text).hasMatch();
}

bool isDnsLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
        return false;
    for (QChar c : label) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-')
            return false;
    }
    return true;
}

bool isDnsName(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    const QStringList labels = host.split(QLatin1Char('.'));
    for (const QString &label : labels) {
        if (!isDnsLabel(label))
            return false;
    }
    return true;
}

// Empty when `text` is an acceptable base URL, otherwise the sentence saying what to fix.
QString urlProblem(const QString &text, bool allowHttp, const QString &example)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
        return ConnectionProfile::tr("“%1” is not a valid URL. Enter a full address such as %2.").arg(text, example);
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && !(allowHttp && scheme == QLatin1String("http"))) {
        return allowHttp ? ConnectionProfile::tr("The URL must start with https:// (or http:// for a server on your "
                                                 "own network), e.g. %1.")
                               .arg(example)
                         : ConnectionProfile::tr("The URL must start with https://, e.g. %1.").arg(example);
    }
    if (!url.userInfo().isEmpty()) {
        return ConnectionProfile::tr("Remove the user name and password from the URL; TwinBridge keeps "
                                     "credentials in the OS keychain.");
    }
    if (url.hasQuery() || url.hasFragment()) {
        return ConnectionProfile::tr("Remove the query (?…) and fragment (#…) from the URL; enter only the base "
                                     "address, e.g. %1.")
            .arg(example);
    }
    return {};
}

// Empty when `host` is a host name or IP address without scheme, port or path.
QString hostProblem(const QString &host)
{
    if (host.contains(QLatin1String("://")))
        return ConnectionProfile::tr("Enter only the host name, without a scheme such as mqtts://.");
    if (host.contains(QLatin1Char('/')))
        return ConnectionProfile::tr("Enter only the host name, without a path.");
    QHostAddress address;
    if (address.setAddress(host))
        return {};
    if (host.contains(QLatin1Char(':')))
        return ConnectionProfile::tr("Enter only the host name; the port has its own field.");
    if (!isDnsName(host)) {
        return ConnectionProfile::tr("“%1” is not a valid host name: use letters, digits, hyphens and dots, "
                                     "e.g. eu1.cloud.thethings.network.")
            .arg(host);
    }
    return {};
}

QString portProblem(int port)
{
    if (port < 1 || port > 65535)
        return ConnectionProfile::tr("The port %1 is out of range: enter a number from 1 to 65535 (MQTT over TLS "
                                     "usually uses 8883).")
            .arg(port);
    return {};
}

// The first rule of TTS identifiers that `id` breaks, in words; empty when it is valid.
QString ttsIdProblem(const QString &id, const QString &what)
{
    if (id.size() > maxTtsIdLength)
        return ConnectionProfile::tr("The %1 “%2” is longer than 36 characters, the limit of The Things Stack.")
            .arg(what, id);
    for (QChar c : id) {
        if (c.isUpper())
            return ConnectionProfile::tr("The %1 “%2” contains capital letters; IDs in The Things Stack use "
                                         "lowercase letters only.")
                .arg(what, id);
    }
    for (QChar c : id) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
        if (!allowed)
            return ConnectionProfile::tr("The %1 “%2” contains “%3”; IDs in The Things Stack use only lowercase "
                                         "letters, digits and hyphens.")
                .arg(what, id, QString(c));
    }
    if (id.startsWith(u'-') || id.endsWith(u'-'))
        return ConnectionProfile::tr("The %1 “%2” must start and end with a letter or digit.").arg(what, id);
    if (id.contains(QLatin1String("--")))
        return ConnectionProfile::tr("The %1 “%2” has two hyphens in a row; use single hyphens.").arg(what, id);
    if (id.size() < 3)
        return ConnectionProfile::tr("The %1 “%2” is too short: IDs in The Things Stack have at least 3 "
                                     "characters.")
            .arg(what, id);
    if (!ConnectionProfile::isValidTtsId(id))
        return ConnectionProfile::tr("The %1 “%2” is not a valid ID in The Things Stack.").arg(what, id);
    return {};
}

QString iotHubHostProblem(const QString &host)
{
    if (host.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
        || host.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)) {
        return ConnectionProfile::tr("Enter only the host name, e.g. myhub.azure-devices.net, without https://.");
    }
    if (host.contains(QLatin1String("HostName="), Qt::CaseInsensitive) || host.contains(QLatin1Char(';'))) {
        return ConnectionProfile::tr("This looks like a connection string. Enter only its host name (e.g. "
                                     "myhub.azure-devices.net); the policy key has its own field.");
    }
    if (!host.contains(QLatin1Char('.'))) {
        return ConnectionProfile::tr("Enter the full host name, e.g. %1.azure-devices.net, not only the hub name.")
            .arg(host);
    }
    // Azure's naming rule for Microsoft.Devices/IotHubs: 3-50 characters, letters, digits and hyphens,
    // not ending with a hyphen.
    const QString hub = host.section(QLatin1Char('.'), 0, 0);
    static const QRegularExpression hubName(QStringLiteral("^[A-Za-z0-9-]{2,49}[A-Za-z0-9]$"));
    if (!hubName.match(hub).hasMatch()) {
        return ConnectionProfile::tr("“%1” is not a valid IoT hub name: use 3–50 letters, digits and hyphens, "
                                     "not ending with a hyphen.")
            .arg(hub);
    }
    if (!isDnsName(host))
        return ConnectionProfile::tr("“%1” is not a valid host name.").arg(host);
    return {};
}

QString caFileProblem(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ConnectionProfile::tr("The CA certificate file “%1” does not exist. Choose the PEM file again.").arg(path);
    if (!info.isFile() || !info.isReadable())
        return ConnectionProfile::tr("The CA certificate file “%1” cannot be read. Check its permissions.").arg(path);
    if (info.size() > maxCaFileSize)
        return ConnectionProfile::tr("The file “%1” is too large to be a CA certificate.").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ConnectionProfile::tr("The CA certificate file “%1” cannot be read: %2.").arg(path, file.errorString());
    if (!file.readAll().contains("-----BEGIN CERTIFICATE-----")) {
        return ConnectionProfile::tr("The file “%1” contains no PEM certificate (-----BEGIN CERTIFICATE-----). "
                                     "Choose the CA certificate in PEM format.")
            .arg(path);
    }
    return {};
}

void add(ProfileIssues &issues, QLatin1String field, const QString &problem)
{
    if (!problem.isEmpty())
        issues.append(ProfileIssue{QString(field), problem});
}

bool looksLikeSecret(const QString &key)
{
    static const QLatin1String fragments[] = {
        QLatin1String("key"),   QLatin1String("secret"),           QLatin1String("password"),
        QLatin1String("token"), QLatin1String("connectionstring"), QLatin1String("sas"),
    };
    const QString lower = key.toLower();
    for (const QLatin1String &fragment : fragments) {
        if (lower.contains(fragment))
            return true;
    }
    return false;
}

// The exported form is strict: a member that is not listed is an error, one that looks like a secret above all.
void rejectUnknownMembers(JsonFieldReader &reader, const QStringList &known)
{
    const QStringList unknown = reader.unknownMembers(known);
    if (unknown.isEmpty())
        return;
    const QString &key = unknown.first();
    reader.fail(reader.memberPath(key),
                looksLikeSecret(key) ? ConnectionProfile::tr("looks like a secret. TwinBridge never imports secrets "
                                                             "from files: remove the field and enter the secret on "
                                                             "the Connections page.")
                                     : ConnectionProfile::tr("is unknown. It may come from a newer TwinBridge "
                                                             "version: update TwinBridge or remove the field."));
}

// Members a file may leave out keep the profile's defaults.
void readString(JsonFieldReader &reader, const QString &key, QString &out)
{
    if (reader.has(key))
        out = reader.string(key);
}

void readInteger(JsonFieldReader &reader, const QString &key, int &out)
{
    if (const std::optional<qint64> value =
            reader.optionalInteger(key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()))
        out = int(*value);
}

void readBoolean(JsonFieldReader &reader, const QString &key, bool &out)
{
    if (const std::optional<bool> value = reader.optionalBoolean(key))
        out = *value;
}

} // namespace

ConnectionProfile ConnectionProfile::create(const QString &name)
{
    ConnectionProfile profile;
    profile.id = newId();
    profile.name = name;
    return profile;
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool ConnectionProfile::isValidId(const QString &id)
{
    return isGuid(id);
}

QString ConnectionProfile::formatMarker()
{
    return QStringLiteral("twinbridge-profile/1");
}

bool ConnectionProfile::isValidTtsId(const QString &id)
{
    static const QRegularExpression rule(QStringLiteral("^[a-z0-9](?:[-]?[a-z0-9]){2,}$"));
    return id.size() <= maxTtsIdLength && rule.match(id).hasMatch();
}

bool ConnectionProfile::isValidResourceGroupName(const QString &name)
{
    static const QRegularExpression rule(QStringLiteral("^[-\\w.()]{1,90}$"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    return !name.endsWith(QLatin1Char('.')) && rule.match(name).hasMatch();
}

ProfileIssues ConnectionProfile::validate() const
{
    ProfileIssues issues;

    if (name.trimmed().isEmpty())
        add(issues, ProfileField::Name, tr("Enter a name for this profile."));

    // The Things Stack
    if (tts.apiBaseUrl.isEmpty()) {
        add(issues, ProfileField::TtsApiBaseUrl,
            tr("Enter the API base URL of your The Things Stack cluster, e.g. %1.").arg(exampleTtsUrl()));
    } else {
        add(issues, ProfileField::TtsApiBaseUrl, urlProblem(tts.apiBaseUrl, true, exampleTtsUrl()));
    }
    if (tts.applicationId.isEmpty()) {
        add(issues, ProfileField::TtsApplicationId,
            tr("Enter the application ID shown in The Things Stack console (e.g. my-sensors)."));
    } else {
        add(issues, ProfileField::TtsApplicationId, ttsIdProblem(tts.applicationId, tr("application ID")));
    }
    if (!tts.tenantId.isEmpty())
        add(issues, ProfileField::TtsTenantId, ttsIdProblem(tts.tenantId, tr("tenant ID")));
    if (!tts.mqttHost.isEmpty())
        add(issues, ProfileField::TtsMqttHost, hostProblem(tts.mqttHost));
    add(issues, ProfileField::TtsMqttPort, portProblem(tts.mqttPort));

    // Azure IoT Hub (optional until the hub is deployed)
    if (!iotHub.hostName.isEmpty()) {
        add(issues, ProfileField::IotHubHostName, iotHubHostProblem(iotHub.hostName));
        if (iotHub.policyName.trimmed().isEmpty()) {
            add(issues, ProfileField::IotHubPolicyName,
                tr("Enter the name of the IoT Hub shared access policy whose key TwinBridge uses (e.g. "
                   "iothubowner)."));
        }
    }
    if (!iotHub.restEndpoint.isEmpty()) {
        add(issues, ProfileField::IotHubRestEndpoint,
            urlProblem(iotHub.restEndpoint, false, QStringLiteral("https://myhub.azure-devices.net")));
    }
    if (!iotHub.mqttHost.isEmpty())
        add(issues, ProfileField::IotHubMqttHost, hostProblem(iotHub.mqttHost));
    add(issues, ProfileField::IotHubMqttPort, portProblem(iotHub.mqttPort));
    if (!iotHub.policyName.isEmpty()) {
        static const QRegularExpression policyRule(QStringLiteral("^[^\\s;=&/]{1,64}$"));
        if (!policyRule.match(iotHub.policyName).hasMatch()) {
            add(issues, ProfileField::IotHubPolicyName,
                tr("“%1” is not a valid policy name: use at most 64 characters without spaces, “;”, “=”, “&” or "
                   "“/”.")
                    .arg(iotHub.policyName));
        }
    }

    // Azure sign-in and Resource Manager
    if (azure.authority.isEmpty()) {
        add(issues, ProfileField::AzureAuthority,
            tr("Enter the sign-in authority, normally https://login.microsoftonline.com."));
    } else {
        add(issues, ProfileField::AzureAuthority,
            urlProblem(azure.authority, false, QStringLiteral("https://login.microsoftonline.com")));
    }
    if (azure.managementEndpoint.isEmpty()) {
        add(issues, ProfileField::AzureManagementEndpoint,
            tr("Enter the Azure Resource Manager endpoint, normally https://management.azure.com."));
    } else {
        add(issues, ProfileField::AzureManagementEndpoint,
            urlProblem(azure.managementEndpoint, false, QStringLiteral("https://management.azure.com")));
    }
    if (!azure.tenantId.isEmpty()) {
        static const QLatin1String wellKnown[] = {QLatin1String("common"), QLatin1String("organizations"),
                                                  QLatin1String("consumers")};
        bool ok = isGuid(azure.tenantId) || (azure.tenantId.contains(QLatin1Char('.')) && isDnsName(azure.tenantId));
        for (const QLatin1String &known : wellKnown)
            ok = ok || azure.tenantId == known;
        if (!ok) {
            add(issues, ProfileField::AzureTenantId,
                tr("“%1” is not a directory (tenant) ID: enter a GUID, a domain such as contoso.onmicrosoft.com, "
                   "or “organizations”.")
                    .arg(azure.tenantId));
        }
    }
    if (!azure.subscriptionId.isEmpty() && !isGuid(azure.subscriptionId)) {
        add(issues, ProfileField::AzureSubscriptionId,
            tr("“%1” is not a subscription ID: it is a GUID such as 00000000-0000-0000-0000-000000000000.")
                .arg(azure.subscriptionId));
    }
    if (!azure.clientId.isEmpty() && !isGuid(azure.clientId)) {
        add(issues, ProfileField::AzureClientId,
            tr("“%1” is not a client (application) ID: copy the GUID from the app registration's overview.")
                .arg(azure.clientId));
    }

    if (!azure.resourceGroup.isEmpty() && !isValidResourceGroupName(azure.resourceGroup)) {
        add(issues, ProfileField::AzureResourceGroup,
            tr("“%1” is not a resource group name: use 1 to 90 letters, digits, hyphens, underscores, periods or "
               "parentheses, not ending in a period.")
                .arg(azure.resourceGroup));
    }

    if (!tls.caCertificateFile.isEmpty())
        add(issues, ProfileField::TlsCaCertificateFile, caFileProblem(tls.caCertificateFile));

    return issues;
}

QJsonObject ConnectionProfile::toJson() const
{
    return QJsonObject{
        {QStringLiteral("format"), formatMarker()},
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("tts"),
         QJsonObject{
             {QStringLiteral("apiBaseUrl"), tts.apiBaseUrl},
             {QStringLiteral("applicationId"), tts.applicationId},
             {QStringLiteral("tenantId"), tts.tenantId},
             {QStringLiteral("mqttHost"), tts.mqttHost},
             {QStringLiteral("mqttPort"), tts.mqttPort},
             {QStringLiteral("mqttTls"), tts.mqttTls},
         }},
        {QStringLiteral("iotHub"),
         QJsonObject{
             {QStringLiteral("hostName"), iotHub.hostName},
             {QStringLiteral("restEndpoint"), iotHub.restEndpoint},
             {QStringLiteral("mqttHost"), iotHub.mqttHost},
             {QStringLiteral("mqttPort"), iotHub.mqttPort},
             {QStringLiteral("policyName"), iotHub.policyName},
         }},
        {QStringLiteral("azure"),
         QJsonObject{
             {QStringLiteral("authority"), azure.authority},
             {QStringLiteral("managementEndpoint"), azure.managementEndpoint},
             {QStringLiteral("tenantId"), azure.tenantId},
             {QStringLiteral("subscriptionId"), azure.subscriptionId},
             {QStringLiteral("clientId"), azure.clientId},
             {QStringLiteral("resourceGroup"), azure.resourceGroup},
         }},
        {QStringLiteral("tls"),
         QJsonObject{
             {QStringLiteral("caCertificateFile"), tls.caCertificateFile},
         }},
    };
}

Result<ConnectionProfile> ConnectionProfile::fromJson(const QJsonObject &json)
{
    const QJsonValue format = json.value(QLatin1String("format"));
    if (!format.isString() || !format.toString().startsWith(QLatin1String("twinbridge-profile/"))) {
        return ServiceError::invalidInput(tr("This is not a TwinBridge connection profile: the field “format” "
                                             "with the value “%1” is missing.")
                                              .arg(formatMarker()));
    }
    if (format.toString() != formatMarker()) {
        return ServiceError::invalidInput(tr("This profile has the format “%1”, which this TwinBridge version "
                                             "cannot read (it reads “%2”). Update TwinBridge.")
                                              .arg(format.toString(), formatMarker()));
    }

    // Nothing in the file may be null: TwinBridge never writes null, so a null is a hand edit gone wrong.
    JsonFieldReader reader(
        json,
        {.nulls = JsonFieldReader::Nulls::WrongType, .messageFormat = tr("The field “%1” in the profile file %2")});
    ConnectionProfile profile;
    rejectUnknownMembers(reader,
                         {QStringLiteral("format"), QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("tts"),
                          QStringLiteral("iotHub"), QStringLiteral("azure"), QStringLiteral("tls")});
    readString(reader, QStringLiteral("id"), profile.id);
    if (reader.require(QStringLiteral("name")))
        profile.name = reader.string(QStringLiteral("name"));

    if (reader.require(QStringLiteral("tts"))) {
        JsonFieldReader tts = reader.child(QStringLiteral("tts"));
        rejectUnknownMembers(tts,
                             {QStringLiteral("apiBaseUrl"), QStringLiteral("applicationId"), QStringLiteral("tenantId"),
                              QStringLiteral("mqttHost"), QStringLiteral("mqttPort"), QStringLiteral("mqttTls")});
        if (tts.require(QStringLiteral("apiBaseUrl")))
            profile.tts.apiBaseUrl = tts.string(QStringLiteral("apiBaseUrl"));
        if (tts.require(QStringLiteral("applicationId")))
            profile.tts.applicationId = tts.string(QStringLiteral("applicationId"));
        readString(tts, QStringLiteral("tenantId"), profile.tts.tenantId);
        readString(tts, QStringLiteral("mqttHost"), profile.tts.mqttHost);
        readInteger(tts, QStringLiteral("mqttPort"), profile.tts.mqttPort);
        readBoolean(tts, QStringLiteral("mqttTls"), profile.tts.mqttTls);
    }

    JsonFieldReader hub = reader.child(QStringLiteral("iotHub"));
    rejectUnknownMembers(hub,
                         {QStringLiteral("hostName"), QStringLiteral("restEndpoint"), QStringLiteral("mqttHost"),
                          QStringLiteral("mqttPort"), QStringLiteral("policyName")});
    readString(hub, QStringLiteral("hostName"), profile.iotHub.hostName);
    readString(hub, QStringLiteral("restEndpoint"), profile.iotHub.restEndpoint);
    readString(hub, QStringLiteral("mqttHost"), profile.iotHub.mqttHost);
    readInteger(hub, QStringLiteral("mqttPort"), profile.iotHub.mqttPort);
    readString(hub, QStringLiteral("policyName"), profile.iotHub.policyName);

    JsonFieldReader azure = reader.child(QStringLiteral("azure"));
    rejectUnknownMembers(azure,
                         {QStringLiteral("authority"), QStringLiteral("managementEndpoint"), QStringLiteral("tenantId"),
                          QStringLiteral("subscriptionId"), QStringLiteral("clientId"),
                          QStringLiteral("resourceGroup")});
    readString(azure, QStringLiteral("authority"), profile.azure.authority);
    readString(azure, QStringLiteral("managementEndpoint"), profile.azure.managementEndpoint);
    readString(azure, QStringLiteral("tenantId"), profile.azure.tenantId);
    readString(azure, QStringLiteral("subscriptionId"), profile.azure.subscriptionId);
    readString(azure, QStringLiteral("clientId"), profile.azure.clientId);
    readString(azure, QStringLiteral("resourceGroup"), profile.azure.resourceGroup);

    JsonFieldReader tls = reader.child(QStringLiteral("tls"));
    rejectUnknownMembers(tls, {QStringLiteral("caCertificateFile")});
    readString(tls, QStringLiteral("caCertificateFile"), profile.tls.caCertificateFile);

    if (reader.ok() && !profile.id.isEmpty() && !isValidId(profile.id)) {
        reader.fail(QStringLiteral("id"),
                    tr("must be a profile ID (a UUID such as "
                       "3f2a6c1e-0b7d-4e59-9a61-2d8f0c4b7e15); remove it to get a new one."));
    }
    if (!reader.ok())
        return reader.error();
    if (profile.id.isEmpty())
        profile.id = newId();
    return profile;
}

QString ConnectionProfile::ttsMqttUsername() const
{
    if (tts.tenantId.isEmpty())
        return tts.applicationId;
    return tts.applicationId + QLatin1Char('@') + tts.tenantId;
}

QString ConnectionProfile::effectiveTtsMqttHost() const
{
    if (!tts.mqttHost.isEmpty())
        return tts.mqttHost;
    return QUrl(tts.apiBaseUrl).host();
}

QString ConnectionProfile::iotHubName() const
{
    return iotHub.hostName.section(QLatin1Char('.'), 0, 0);
}

QUrl ConnectionProfile::effectiveIotHubRestUrl() const
{
    if (!iotHub.restEndpoint.isEmpty())
        return QUrl(iotHub.restEndpoint);
    if (iotHub.hostName.isEmpty())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(iotHub.hostName);
    return url;
}

QString ConnectionProfile::effectiveIotHubMqttHost() const
{
    return iotHub.mqttHost.isEmpty() ? iotHub.hostName : iotHub.mqttHost;
}

} // namespace TwinBridge
