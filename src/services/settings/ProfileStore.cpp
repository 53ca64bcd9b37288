#include "services/settings/ProfileStore.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/Settings.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSettings>

namespace TwinBridge {

namespace {

constexpr qint64 maxProfileFileSize = 1024 * 1024;

QString groupFor(const QString &id)
{
    return QStringLiteral("profiles/") + id;
}

// Settings keys inside a profile's group, one per field (ProfileField keys with '/' for '.').
QString settingsKey(QLatin1String field)
{
    QString key(field);
    key.replace(QLatin1Char('.'), QLatin1Char('/'));
    return key;
}

} // namespace

ProfileStore::ProfileStore(Settings *settings, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{
    Q_ASSERT(m_settings);
    Q_ASSERT(m_secrets);
    load();
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::CurrentProfileId)
            emit currentProfileChanged(currentProfileId());
    });
}

void ProfileStore::load()
{
    QSettings *backend = m_settings->backend();
    backend->beginGroup(QStringLiteral("profiles"));
    const QStringList groups = backend->childGroups();
    backend->endGroup();

    // Profiles in the stored order first, then any group the order misses (e.g. an edited file).
    QStringList order;
    const QStringList stored = m_settings->value(Settings::Key::ProfileOrder).toStringList();
    for (const QString &id : stored) {
        if (groups.contains(id) && !order.contains(id))
            order.append(id);
    }
    for (const QString &id : groups) {
        if (!order.contains(id) && ConnectionProfile::isValidId(id))
            order.append(id);
    }
    for (const QString &id : std::as_const(order))
        m_profiles.insert(id, readProfile(id));
    m_order = order;
    qCDebug(lcSettings) << "loaded" << m_order.size() << "connection profiles";
}

ConnectionProfile ProfileStore::readProfile(const QString &id) const
{
    QSettings *s = m_settings->backend();
    const ConnectionProfile defaults;
    ConnectionProfile p;
    p.id = id;
    s->beginGroup(groupFor(id));
    auto text = [s](QLatin1String field, const QString &fallback) {
        return s->value(settingsKey(field), fallback).toString();
    };
    auto number = [s](QLatin1String field, int fallback) { return s->value(settingsKey(field), fallback).toInt(); };
    p.name = text(ProfileField::Name, {});
    p.tts.apiBaseUrl = text(ProfileField::TtsApiBaseUrl, {});
    p.tts.applicationId = text(ProfileField::TtsApplicationId, {});
    p.tts.tenantId = text(ProfileField::TtsTenantId, {});
    p.tts.mqttHost = text(ProfileField::TtsMqttHost, {});
    p.tts.mqttPort = number(ProfileField::TtsMqttPort, defaults.tts.mqttPort);
    p.tts.mqttTls = s->value(settingsKey(ProfileField::TtsMqttTls), defaults.tts.mqttTls).toBool();
    p.iotHub.hostName = text(ProfileField::IotHubHostName, {});
    p.iotHub.restEndpoint = text(ProfileField::IotHubRestEndpoint, {});
    p.iotHub.mqttHost = text(ProfileField::IotHubMqttHost, {});
    p.iotHub.mqttPort = number(ProfileField::IotHubMqttPort, defaults.iotHub.mqttPort);
    p.iotHub.policyName = text(ProfileField::IotHubPolicyName, defaults.iotHub.policyName);
    p.azure.authority = text(ProfileField::AzureAuthority, defaults.azure.authority);
    p.azure.managementEndpoint = text(ProfileField::AzureManagementEndpoint, defaults.azure.managementEndpoint);
    p.azure.tenantId = text(ProfileField::AzureTenantId, {});
    p.azure.subscriptionId = text(ProfileField::AzureSubscriptionId, {});
    p.azure.clientId = text(ProfileField::AzureClientId, {});
    p.azure.resourceGroup = text(ProfileField::AzureResourceGroup, {});
    p.tls.caCertificateFile = text(ProfileField::TlsCaCertificateFile, {});
    s->endGroup();
    return p;
}

void ProfileStore::writeProfile(const ConnectionProfile &p)
{
    QSettings *s = m_settings->backend();
    s->remove(groupFor(p.id));
    s->beginGroup(groupFor(p.id));
    auto set = [s](QLatin1String field, const QVariant &value) { s->setValue(settingsKey(field), value); };
    set(ProfileField::Name, p.name);
    set(ProfileField::TtsApiBaseUrl, p.tts.apiBaseUrl);
    set(ProfileField::TtsApplicationId, p.tts.applicationId);
    set(ProfileField::TtsTenantId, p.tts.tenantId);
    set(ProfileField::TtsMqttHost, p.tts.mqttHost);
    set(ProfileField::TtsMqttPort, p.tts.mqttPort);
    set(ProfileField::TtsMqttTls, p.tts.mqttTls);
    set(ProfileField::IotHubHostName, p.iotHub.hostName);
    set(ProfileField::IotHubRestEndpoint, p.iotHub.restEndpoint);
    set(ProfileField::IotHubMqttHost, p.iotHub.mqttHost);
    set(ProfileField::IotHubMqttPort, p.iotHub.mqttPort);
    set(ProfileField::IotHubPolicyName, p.iotHub.policyName);
    set(ProfileField::AzureAuthority, p.azure.authority);
    set(ProfileField::AzureManagementEndpoint, p.azure.managementEndpoint);
    set(ProfileField::AzureTenantId, p.azure.tenantId);
    set(ProfileField::AzureSubscriptionId, p.azure.subscriptionId);
    set(ProfileField::AzureClientId, p.azure.clientId);
    set(ProfileField::AzureResourceGroup, p.azure.resourceGroup);
    set(ProfileField::TlsCaCertificateFile, p.tls.caCertificateFile);
    s->endGroup();
}

void ProfileStore::saveOrder()
{
    if (m_order.isEmpty())
        m_settings->reset(Settings::Key::ProfileOrder);
    else
        m_settings->setValue(Settings::Key::ProfileOrder, m_order);
}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> result;
    result.reserve(m_order.size());
    for (const QString &id : m_order)
        result.append(m_profiles.value(id));
    return result;
}

std::optional<ConnectionProfile> ProfileStore::profile(const QString &id) const
{
    const auto it = m_profiles.constFind(id);
    if (it == m_profiles.cend())
        return std::nullopt;
    return it.value();
}

Status ProfileStore::add(const ConnectionProfile &profile)
{
    if (!ConnectionProfile::isValidId(profile.id)) {
        return ServiceError::invalidInput(tr("The connection profile has no valid ID; create it with “New” on the "
                                             "Connections page."));
    }
    if (m_profiles.contains(profile.id)) {
        return ServiceError(ServiceError::Kind::Conflict,
                            tr("A connection profile with this ID already exists (“%1”).")
                                .arg(m_profiles.value(profile.id).name));
    }
    writeProfile(profile);
    m_profiles.insert(profile.id, profile);
    m_order.append(profile.id);
    saveOrder();
    m_settings->sync();
    qCDebug(lcSettings) << "added profile" << profile.id;
    emit profileAdded(profile.id);
    return Done{};
}

Status ProfileStore::update(const ConnectionProfile &profile)
{
    const auto it = m_profiles.find(profile.id);
    if (it == m_profiles.end()) {
        return ServiceError(ServiceError::Kind::NotFound,
                            tr("The connection profile “%1” no longer exists; it may have been deleted. Create it "
                               "again with “New”.")
                                .arg(profile.name));
    }
    if (it.value() == profile)
        return Done{};
    writeProfile(profile);
    it.value() = profile;
    m_settings->sync();
    qCDebug(lcSettings) << "updated profile" << profile.id;
    emit profileChanged(profile.id);
    return Done{};
}

QFuture<Status> ProfileStore::remove(const QString &id)
{
    if (!m_profiles.contains(id)) {
        return Futures::readyResult<Done>(ServiceError(
            ServiceError::Kind::NotFound, tr("The connection profile to delete does not exist any more.")));
    }
    const bool wasCurrent = currentProfileId() == id;
    m_settings->backend()->remove(groupFor(id));
    m_profiles.remove(id);
    m_order.removeAll(id);
    saveOrder();
    m_settings->sync();
    qCDebug(lcSettings) << "removed profile" << id;
    emit profileRemoved(id);
    if (wasCurrent) {
        m_settings->reset(Settings::Key::CurrentProfileId); // emits currentProfileChanged("")
        m_settings->sync();
    }

    return m_secrets->removeAll(id);
}

QString ProfileStore::currentProfileId() const
{
    const QString id = m_settings->value(Settings::Key::CurrentProfileId).toString();
    return m_profiles.contains(id) ? id : QString();
}

std::optional<ConnectionProfile> ProfileStore::currentProfile() const
{
    return profile(currentProfileId());
}

Status ProfileStore::setCurrentProfileId(const QString &id)
{
    if (!id.isEmpty() && !m_profiles.contains(id)) {
        return ServiceError(ServiceError::Kind::NotFound,
                            tr("The connection profile to use does not exist any more. Choose another one."));
    }
    if (id.isEmpty())
        m_settings->reset(Settings::Key::CurrentProfileId);
    else
        m_settings->setValue(Settings::Key::CurrentProfileId, id);
    m_settings->sync();
    return Done{};
}

Status ProfileStore::exportToFile(const QString &id, const QString &filePath) const
{
    const std::optional<ConnectionProfile> p = profile(id);
    const QString operation = tr("export the connection profile to “%1”").arg(filePath);
    if (!p) {
        ServiceError error(ServiceError::Kind::NotFound, tr("The connection profile does not exist any more."));
        error.setOperation(operation);
        return error;
    }
    QSaveFile file(filePath);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(p->toJson()).toJson(QJsonDocument::Indented));
        if (file.commit()) {
            qCDebug(lcSettings) << "exported profile" << id;
            return Done{};
        }
    }
    ServiceError error(ServiceError::Kind::Backend,
                       tr("The file cannot be written (%1). Choose a folder you can write to.").arg(file.errorString()),
                       file.errorString());
    error.setOperation(operation);
    return error;
}

Result<ProfileStore::ImportResult> ProfileStore::importFromFile(const QString &filePath)
{
    const QString operation = tr("import a connection profile from “%1”").arg(filePath);
    auto fail = [&operation](ServiceError error) {
        error.setOperation(operation);
        return error;
    };

    QFile file(filePath);
    if (!file.exists())
        return fail(ServiceError(ServiceError::Kind::NotFound, tr("The file does not exist.")));
    if (QFileInfo(file).size() > maxProfileFileSize) {
        return fail(ServiceError::invalidInput(tr("The file is larger than 1 MiB, far too large for a connection "
                                                  "profile. Choose a file exported by TwinBridge.")));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ServiceError(ServiceError::Kind::Backend,
                                 tr("The file cannot be read (%1). Check its permissions.").arg(file.errorString()),
                                 file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(ServiceError::invalidInput(tr("The file is not valid JSON (%1 at character %2). Choose a file "
                                                  "exported by TwinBridge.")
                                                   .arg(parseError.errorString())
                                                   .arg(parseError.offset)));
    }
    if (!document.isObject()) {
        return fail(ServiceError::invalidInput(tr("The file holds no JSON object, so it is not a connection profile "
                                                  "exported by TwinBridge.")));
    }
    Result<ConnectionProfile> parsed = ConnectionProfile::fromJson(document.object());
    if (!parsed)
        return fail(parsed.error());

    ImportResult result;
    result.profile = parsed.takeValue();
    if (m_profiles.contains(result.profile.id)) {
        result.profile.id = ConnectionProfile::newId();
        result.idChanged = true;
    }
    if (!result.profile.name.trimmed().isEmpty())
        result.profile.name = uniqueName(result.profile.name);
    const Status added = add(result.profile);
    if (!added)
        return fail(added.error());
    result.issues = result.profile.validate();
    qCDebug(lcSettings) << "imported profile" << result.profile.id << "with" << result.issues.size() << "issues";
    return result;
}

QString ProfileStore::uniqueName(const QString &base) const
{
    auto taken = [this](const QString &name) {
        for (const ConnectionProfile &p : m_profiles) {
            if (p.name == name)
                return true;
        }
        return false;
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = tr("%1 (%2)").arg(base).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

} // namespace TwinBridge
