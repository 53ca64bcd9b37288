#include "services/settings/SandboxProfileImport.h"

#include "services/core/Logging.h"
#include "services/settings/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace TwinBridge {

namespace {

constexpr qint64 maxDescriptionSize = 1024 * 1024;
constexpr double maxPort = 65535;

const QString TtsSection = QStringLiteral("tts");
const QString AzureSection = QStringLiteral("azure");
const QString IotHubSection = QStringLiteral("iotHub");

// The sandbox.json member each profile field comes from.
QString descriptionPathOf(const QString &profileField)
{
    static const QHash<QString, QString> paths = {
        {QString(ProfileField::TtsApiBaseUrl), QStringLiteral("tts.api")},
        {QString(ProfileField::TtsApplicationId), QStringLiteral("tts.applicationId")},
        {QString(ProfileField::TtsTenantId), QStringLiteral("tts.tenantId")},
        {QString(ProfileField::TtsMqttHost), QStringLiteral("tts.mqtt.host")},
        {QString(ProfileField::TtsMqttPort), QStringLiteral("tts.mqtt.port")},
        {QString(ProfileField::TtsMqttTls), QStringLiteral("tts.mqtt.tls")},
        {QString(ProfileField::IotHubHostName), QStringLiteral("iotHub.hostName")},
        {QString(ProfileField::IotHubRestEndpoint), QStringLiteral("iotHub.rest")},
        {QString(ProfileField::IotHubMqttHost), QStringLiteral("iotHub.mqtt.host")},
        {QString(ProfileField::IotHubMqttPort), QStringLiteral("iotHub.mqtt.port")},
        {QString(ProfileField::IotHubPolicyName), QStringLiteral("iotHub.policyName")},
        {QString(ProfileField::AzureAuthority), QStringLiteral("azure.authority")},
        {QString(ProfileField::AzureManagementEndpoint), QStringLiteral("azure.management")},
        {QString(ProfileField::AzureTenantId), QStringLiteral("azure.tenantId")},
        {QString(ProfileField::AzureSubscriptionId), QStringLiteral("azure.subscriptionId")},
        {QString(ProfileField::AzureClientId), QStringLiteral("azure.clientId")},
        {QString(ProfileField::TlsCaCertificateFile), QStringLiteral("caCertificate")},
    };
    return paths.value(profileField);
}

// Reads the members of a sandbox.json and keeps the first problem, naming the member and the file. Values are
// never quoted in messages: some members are secrets.
class DescriptionReader
{
public:
    explicit DescriptionReader(const QString &filePath)
        : m_file(QDir::toNativeSeparators(filePath))
    { }

    bool ok() const { return !m_error.isError(); }
    ServiceError error() const { return m_error; }

    void fail(const QString &path, const QString &sentence)
    {
        if (!ok())
            return;
        m_error = ServiceError::invalidInput(
            SandboxProfileImport::tr("The field “%1” in %2 %3 Start twinbridge-sandbox again so that it writes a "
                                     "complete file; if this persists, TwinBridge and the sandbox are from "
                                     "different versions.")
                .arg(path, m_file, sentence),
            SandboxProfileImport::invalidDescriptionCode());
        m_error.setPayload(QJsonObject {{QStringLiteral("path"), path}});
    }

    // A member that must be there (a JSON null counts as missing).
    std::optional<QJsonValue> member(const QJsonObject &object, const QString &path, const QString &key)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            fail(join(path, key), SandboxProfileImport::tr("is missing."));
            return std::nullopt;
        }
        return value;
    }

    QJsonObject object(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const std::optional<QJsonValue> value = member(parent, path, key);
        if (!value)
            return {};
        if (!value->isObject()) {
            fail(join(path, key), SandboxProfileImport::tr("must be an object ({…})."));
            return {};
        }
        return value->toObject();
    }

    // A string that must not be empty unless `mayBeEmpty`.
    QString string(const QJsonObject &object, const QString &path, const QString &key, bool mayBeEmpty = false)
    {
        const std::optional<QJsonValue> value = member(object, path, key);
        if (!value)
            return {};
        if (!value->isString()) {
            fail(join(path, key), SandboxProfileImport::tr("must be a string."));
            return {};
        }
        const QString text = value->toString();
        if (text.trimmed().isEmpty() && !mayBeEmpty) {
            fail(join(path, key), SandboxProfileImport::tr("is empty."));
            return {};
        }
        return text;
    }

    int port(const QJsonObject &object, const QString &path, const QString &key)
    {
        const std::optional<QJsonValue> value = member(object, path, key);
        if (!value)
            return 0;
        const double number = value->toDouble(-1);
        if (!value->isDouble() || number != std::floor(number) || number < 1 || number > maxPort) {
            fail(join(path, key), SandboxProfileImport::tr("must be a port number, a whole number from 1 to 65535."));
            return 0;
        }
        return int(number);
    }

    bool boolean(const QJsonObject &object, const QString &path, const QString &key)
    {
        const std::optional<QJsonValue> value = member(object, path, key);
        if (!value)
            return false;
        if (!value->isBool()) {
            fail(join(path, key), SandboxProfileImport::tr("must be true or false."));
            return false;
        }
        return value->toBool();
    }

    std::optional<bool> optionalBoolean(const QJsonObject &object, const QString &path, const QString &key)
    {
        if (!object.contains(key))
            return std::nullopt;
        const bool value = boolean(object, path, key);
        return ok() ? std::optional<bool>(value) : std::nullopt;
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }

private:
    QString m_file;
    ServiceError m_error;
};

void readTts(DescriptionReader &reader, const QJsonObject &tts, SandboxProfileImport::Description &description)
{
    const QString path = TtsSection;
    ConnectionProfile::Tts &out = description.profile.tts;
    out.apiBaseUrl = reader.string(tts, path, QStringLiteral("api"));
    if (const std::optional<bool> apiTls = reader.optionalBoolean(tts, path, QStringLiteral("apiTls"))) {
        const bool https = out.apiBaseUrl.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
        if (*apiTls != https) {
            reader.fail(QStringLiteral("tts.apiTls"),
                        *apiTls ? SandboxProfileImport::tr("is true, but “tts.api” is not an https:// URL.")
                                : SandboxProfileImport::tr("is false, but “tts.api” is an https:// URL."));
        }
    }
    const QJsonObject mqtt = reader.object(tts, path, QStringLiteral("mqtt"));
    out.mqttHost = reader.string(mqtt, QStringLiteral("tts.mqtt"), QStringLiteral("host"));
    out.mqttPort = reader.port(mqtt, QStringLiteral("tts.mqtt"), QStringLiteral("port"));
    out.mqttTls = reader.boolean(mqtt, QStringLiteral("tts.mqtt"), QStringLiteral("tls"));
    out.applicationId = reader.string(tts, path, QStringLiteral("applicationId"));
    out.tenantId = reader.string(tts, path, QStringLiteral("tenantId"), true); // empty: single-tenant
    const QString apiKey = reader.string(tts, path, QStringLiteral("apiKey"));
    if (reader.ok())
        description.secrets.insert(SecretKind::TtsApiKey, apiKey);
}

void readAzure(DescriptionReader &reader, const QJsonObject &azure, SandboxProfileImport::Description &description)
{
    const QString path = AzureSection;
    ConnectionProfile::Azure &out = description.profile.azure;
    out.authority = reader.string(azure, path, QStringLiteral("authority"));
    out.managementEndpoint = reader.string(azure, path, QStringLiteral("management"));
    out.tenantId = reader.string(azure, path, QStringLiteral("tenantId"));
    out.subscriptionId = reader.string(azure, path, QStringLiteral("subscriptionId"));
    out.clientId = reader.string(azure, path, QStringLiteral("clientId"));
    const QString clientSecret = reader.string(azure, path, QStringLiteral("clientSecret"));
    if (reader.ok())
        description.secrets.insert(SecretKind::AzureClientSecret, clientSecret);
}

void readIotHub(DescriptionReader &reader, const QJsonObject &hub, SandboxProfileImport::Description &description)
{
    const QString path = IotHubSection;
    ConnectionProfile::IotHub &out = description.profile.iotHub;
    out.hostName = reader.string(hub, path, QStringLiteral("hostName"));
    out.restEndpoint = reader.string(hub, path, QStringLiteral("rest"));
    const QJsonObject mqtt = reader.object(hub, path, QStringLiteral("mqtt"));
    out.mqttHost = reader.string(mqtt, QStringLiteral("iotHub.mqtt"), QStringLiteral("host"));
    out.mqttPort = reader.port(mqtt, QStringLiteral("iotHub.mqtt"), QStringLiteral("port"));
    out.policyName = reader.string(hub, path, QStringLiteral("policyName"));
    const QString policyKey = reader.string(hub, path, QStringLiteral("policyKey"));
    if (reader.ok())
        description.secrets.insert(SecretKind::HubPolicyKey, policyKey);
}

// The problems ConnectionProfile::validate() finds in the values read, reported against the file's members.
void checkValues(DescriptionReader &reader, const SandboxProfileImport::Description &description)
{
    const ProfileIssues issues = description.profile.validate();
    for (const ProfileIssue &issue : issues) {
        const QString path = descriptionPathOf(issue.field);
        if (path.isEmpty() || description.missingSections.contains(path.section(QLatin1Char('.'), 0, 0)))
            continue; // the name, or a field of a section the file does not have
        reader.fail(path, SandboxProfileImport::tr("cannot be used: %1").arg(issue.message));
        return;
    }
}

// Takes the members of `from` that a sandbox.json sets into `into`, except sections the file lacks.
ConnectionProfile merged(ConnectionProfile into, const SandboxProfileImport::Description &from)
{
    into.iotHub = from.profile.iotHub;
    into.tls = from.profile.tls;
    if (!from.missingSections.contains(TtsSection))
        into.tts = from.profile.tts;
    if (!from.missingSections.contains(AzureSection))
        into.azure = from.profile.azure;
    return into;
}

} // namespace

QString SandboxProfileImport::profileName()
{
    return QStringLiteral("Sandbox");
}

QString SandboxProfileImport::invalidDescriptionCode()
{
    return QStringLiteral("InvalidSandboxDescription");
}

QString SandboxProfileImport::fileName()
{
    return QStringLiteral("sandbox.json");
}

Result<SandboxProfileImport::Description> SandboxProfileImport::readFile(const QString &filePath)
{
    const QString shown = QDir::toNativeSeparators(filePath);
    QFile file(filePath);
    if (!file.exists()) {
        return ServiceError(ServiceError::Kind::NotFound,
                            tr("%1 does not exist. Start twinbridge-sandbox (it writes the file once it is ready) "
                               "or choose the sandbox.json in its --state-dir.")
                                .arg(shown));
    }
    if (QFileInfo(file).size() > maxDescriptionSize) {
        return ServiceError::invalidInput(tr("%1 is larger than 1 MiB, far too large for a sandbox description. "
                                             "Choose the sandbox.json that twinbridge-sandbox wrote.")
                                              .arg(shown),
                                          invalidDescriptionCode());
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("%1 cannot be read (%2). Check its permissions: twinbridge-sandbox makes it readable "
                               "by its own user only.")
                                .arg(shown, file.errorString()),
                            file.errorString());
    }
    return parse(file.readAll(), filePath);
}

Result<SandboxProfileImport::Description> SandboxProfileImport::parse(const QByteArray &json, const QString &filePath)
{
    const QString shown = QDir::toNativeSeparators(filePath);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return ServiceError::invalidInput(tr("%1 is not valid JSON (%2 at character %3). Choose the sandbox.json "
                                             "that twinbridge-sandbox wrote.")
                                              .arg(shown, parseError.errorString())
                                              .arg(parseError.offset),
                                          invalidDescriptionCode());
    }
    if (!document.isObject()) {
        return ServiceError::invalidInput(tr("%1 holds no JSON object, so it is not a sandbox description. Choose "
                                             "the sandbox.json that twinbridge-sandbox wrote.")
                                              .arg(shown),
                                          invalidDescriptionCode());
    }
    const QJsonObject root = document.object();

    Description description;
    description.filePath = filePath;
    description.profile.name = profileName();
    DescriptionReader reader(filePath);

    // Unknown members are ignored: newer sandboxes may describe more than this TwinBridge uses.
    if (root.contains(TtsSection))
        readTts(reader, reader.object(root, {}, TtsSection), description);
    else
        description.missingSections.append(TtsSection);
    if (root.contains(AzureSection))
        readAzure(reader, reader.object(root, {}, AzureSection), description);
    else
        description.missingSections.append(AzureSection);
    readIotHub(reader, reader.object(root, {}, IotHubSection), description);

    QString caFile = reader.string(root, {}, QStringLiteral("caCertificate"));
    if (!caFile.isEmpty() && QFileInfo(caFile).isRelative())
        caFile = QFileInfo(filePath).absoluteDir().absoluteFilePath(caFile);
    description.profile.tls.caCertificateFile = caFile;
    description.adminUrl = reader.string(root, {}, QStringLiteral("admin"));

    if (reader.ok())
        checkValues(reader, description);
    if (!reader.ok())
        return reader.error();
    qCDebug(lcSettings) << "sandbox description read; secrets" << description.secrets.size() << "missing sections"
                        << description.missingSections;
    return description;
}

std::optional<ConnectionProfile> SandboxProfileImport::findExisting(const ProfileStore &store,
                                                                    const Description &description)
{
    const QList<ConnectionProfile> profiles = store.profiles();
    for (const ConnectionProfile &profile : profiles) {
        if (profile.name == profileName())
            return profile;
    }
    // A renamed sandbox profile still trusts the sandbox's own CA certificate.
    const QString caFile = description.profile.tls.caCertificateFile;
    for (const ConnectionProfile &profile : profiles) {
        if (!caFile.isEmpty() && profile.tls.caCertificateFile == caFile)
            return profile;
    }
    return std::nullopt;
}

Result<SandboxProfileImport::Imported> SandboxProfileImport::importInto(ProfileStore &store,
                                                                        const Description &description)
{
    Imported imported;
    imported.secrets = description.secrets;
    imported.missingSections = description.missingSections;
    imported.filePath = description.filePath;
    Status stored;
    if (const std::optional<ConnectionProfile> existing = findExisting(store, description)) {
        imported.profile = merged(*existing, description);
        imported.updated = true;
        stored = store.update(imported.profile);
    } else {
        imported.profile = description.profile;
        imported.profile.id = ConnectionProfile::newId();
        imported.profile.name = store.uniqueName(profileName());
        stored = store.add(imported.profile);
    }
    if (!stored) {
        ServiceError error = stored.error();
        error.setOperation(tr("import the sandbox profile"));
        return error;
    }
    imported.issues = imported.profile.validate();
    qCInfo(lcSettings) << (imported.updated ? "updated" : "added") << "sandbox profile" << imported.profile.id;
    return imported;
}

Result<SandboxProfileImport::Imported> SandboxProfileImport::importFile(ProfileStore &store, const QString &filePath)
{
    Result<Description> description = readFile(filePath);
    if (!description) {
        ServiceError error = description.error();
        error.setOperation(tr("import the sandbox profile"));
        return error;
    }
    return importInto(store, description.value());
}

QList<SecretKind> SandboxProfileImport::secretsOfSection(const QString &section)
{
    if (section == TtsSection)
        return {SecretKind::TtsApiKey};
    if (section == AzureSection)
        return {SecretKind::AzureClientSecret};
    if (section == IotHubSection)
        return {SecretKind::HubPolicyKey};
    return {};
}

QStringList SandboxProfileImport::missingSectionMessages(const QStringList &missingSections, const QString &filePath)
{
    const QString shown = QDir::toNativeSeparators(filePath);
    QStringList messages;
    for (const QString &section : missingSections) {
        if (section == TtsSection) {
            messages.append(tr("%1 has no “tts” section (an older twinbridge-sandbox?): enter The Things Stack "
                               "settings and the TTS API key yourself.")
                                .arg(shown));
        } else if (section == AzureSection) {
            messages.append(tr("%1 has no “azure” section (an older twinbridge-sandbox?): enter the Azure sign-in "
                               "settings and the Azure client secret yourself.")
                                .arg(shown));
        }
    }
    return messages;
}

} // namespace TwinBridge
