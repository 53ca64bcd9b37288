#include "services/engine/EngineConfig.h"

#include "services/core/Futures.h"
#include "services/settings/SandboxProfileImport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QUuid>

#include <array>
#include <functional>
#include <memory>

namespace TwinBridge {

namespace {

void add(ProfileIssues &issues, QLatin1String field, const QString &message)
{
    issues.append(ProfileIssue {QString(field), message});
}

ServiceError fieldError(QLatin1String field, const QString &message)
{
    return ServiceError::invalidInput(QStringLiteral("%1: %2").arg(QString(field), message),
                                      EngineConfig::invalidConfigCode());
}

// Reads an optional member of the wanted JSON type; a present member of another type is an error.
bool hasMember(const QJsonObject &object, QLatin1String key, QJsonValue::Type type, QLatin1String field,
               std::optional<ServiceError> &error)
{
    const auto it = object.constFind(key);
    if (it == object.constEnd())
        return false;
    if (it->type() != type) {
        const char *typeName = type == QJsonValue::String ? "a string"
            : type == QJsonValue::Double                  ? "a number"
            : type == QJsonValue::Bool                    ? "true or false"
            : type == QJsonValue::Array                   ? "an array"
                                                          : "an object";
        error = fieldError(field, EngineConfig::tr("must be %1.").arg(QLatin1String(typeName)));
        return false;
    }
    return true;
}

std::optional<ServiceError> unknownMembers(const QJsonObject &object, std::initializer_list<QLatin1String> known,
                                           const QString &prefix)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        bool found = false;
        for (const QLatin1String &name : known)
            found = found || it.key() == name;
        if (!found) {
            return ServiceError::invalidInput(
                EngineConfig::tr("%1.%2: unknown setting. Remove it; secrets never belong in a profile file "
                                 "(use the keychain or the TWINBRIDGE_* environment variables).")
                    .arg(prefix, it.key()),
                EngineConfig::invalidConfigCode());
        }
    }
    return std::nullopt;
}

// A whole number in [min, max]; otherwise an error naming the field.
std::optional<qint64> wholeNumber(const QJsonValue &value, qint64 min, qint64 max, QLatin1String field,
                                  std::optional<ServiceError> &error)
{
    const double number = value.toDouble();
    if (number != static_cast<double>(static_cast<qint64>(number)) || number < static_cast<double>(min) ||
        number > static_cast<double>(max)) {
        error = fieldError(field, EngineConfig::tr("must be a whole number from %1 to %2.").arg(min).arg(max));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

Result<TtsMessageTypes> filterFromJson(const QJsonArray &array, QLatin1String field)
{
    QStringList names;
    for (const QJsonValue &value : array) {
        if (!value.isString())
            return fieldError(field, EngineConfig::tr("must be a list of message type names."));
        names.append(value.toString());
    }
    QStringList unknown;
    const TtsMessageTypes types = ttsMessageTypesFromNames(names, &unknown);
    if (!unknown.isEmpty()) {
        return fieldError(
            field,
            EngineConfig::tr("“%1” is not a message type. Use any of: %2.")
                .arg(unknown.constFirst(), ttsMessageTypeNames(allTtsMessageTypeFlags()).join(QStringLiteral(", "))));
    }
    return types;
}

QJsonArray filterToJson(TtsMessageTypes types)
{
    return QJsonArray::fromStringList(ttsMessageTypeNames(types));
}

} // namespace

QString EngineConfig::invalidConfigCode()
{
    return QStringLiteral("InvalidEngineConfiguration");
}

QString EngineConfig::modeName(ConnectionMode mode)
{
    return mode == ConnectionMode::Strict ? QStringLiteral("strict") : QStringLiteral("pooled");
}

ProfileIssues EngineConfig::validate() const
{
    ProfileIssues issues = profile.validate();
    if (profile.id.isEmpty() || !ConnectionProfile::isValidId(profile.id))
        add(issues, QLatin1String("id"), tr("The profile has no valid id; export it again from the console."));
    if (profile.iotHub.hostName.isEmpty()) {
        add(issues, ProfileField::IotHubHostName,
            tr("Enter the IoT hub's host name ({hub}.azure-devices.net): the engine forwards uplinks to it."));
    }
    if (secrets.ttsApiKey.isEmpty()) {
        add(issues, EngineField::TtsApiKey,
            tr("The TTS API key is missing. Store it in the console or set %1.")
                .arg(environmentVariable(SecretKind::TtsApiKey)));
    }
    if (secrets.hubPolicyKey.isEmpty()) {
        add(issues, EngineField::HubPolicyKey,
            tr("The IoT Hub policy key is missing. Store it in the console or set %1.")
                .arg(environmentVariable(SecretKind::HubPolicyKey)));
    } else if (QByteArray::fromBase64(secrets.hubPolicyKey.toLatin1(), QByteArray::AbortOnBase64DecodingErrors)
                   .isEmpty()) {
        add(issues, EngineField::HubPolicyKey,
            tr("The IoT Hub policy key is not Base64. Copy the primary key of the shared access policy again."));
    }
    if (ingest.enabled && secrets.ingestKey.isEmpty()) {
        add(issues, EngineField::IngestKey,
            tr("The ingest key is missing: the Azure Function must present it. Store it in the console, set %1, "
               "or turn the ingest endpoint off.")
                .arg(environmentVariable(SecretKind::IngestKey)));
    }
    if (pool.idleTimeout.count() < 1 || pool.idleTimeout.count() > 86400)
        add(issues, EngineField::PoolIdleSeconds, tr("The idle time of pooled connections must be 1–86400 seconds."));
    if (pool.maxConnections < 1 || pool.maxConnections > 1'000'000)
        add(issues, EngineField::PoolMaxConnections, tr("The connection pool must hold 1–1000000 connections."));
    if (const Status units = HubThrottle::validateUnits(hubSku, hubUnits); !units)
        add(issues, EngineField::HubUnits, units.error().message());
    if (ingest.enabled) {
        if (ingest.bindAddress.isNull())
            add(issues, EngineField::IngestBindAddress,
                tr("Enter an IP address for the ingest endpoint to listen on."));
        if (ingest.tlsCertificateFile.isEmpty() != ingest.tlsKeyFile.isEmpty()) {
            add(issues, ingest.tlsKeyFile.isEmpty() ? EngineField::IngestTlsKey : EngineField::IngestTlsCertificate,
                tr("HTTPS for the ingest endpoint needs both a certificate file and its private key file."));
        }
        if (!ingest.tlsCertificateFile.isEmpty() && !QFileInfo(ingest.tlsCertificateFile).isReadable()) {
            add(issues, EngineField::IngestTlsCertificate,
                tr("The certificate file “%1” cannot be read.").arg(ingest.tlsCertificateFile));
        }
        if (!ingest.tlsKeyFile.isEmpty() && !QFileInfo(ingest.tlsKeyFile).isReadable())
            add(issues, EngineField::IngestTlsKey, tr("The key file “%1” cannot be read.").arg(ingest.tlsKeyFile));
    }
    if (outboxMaxEntries < 1)
        add(issues, EngineField::OutboxMaxEntries, tr("The outbox must be allowed at least one entry."));
    if (drainTimeout.count() < 0)
        add(issues, EngineField::DrainSeconds, tr("The drain time cannot be negative."));
    if (telemetryFilter == TtsMessageTypes() && reportedFilter == TtsMessageTypes()) {
        add(issues, EngineField::TelemetryFilter,
            tr("Both message filters are empty, so the engine would forward nothing. Select at least one message "
               "type."));
    }
    return issues;
}

Status EngineConfig::check() const
{
    const ProfileIssues issues = validate();
    if (issues.isEmpty())
        return Done {};
    QStringList lines;
    for (const ProfileIssue &issue : issues)
        lines.append(QStringLiteral("%1: %2").arg(issue.field, issue.message));
    ServiceError error = ServiceError::invalidInput(
        tr("The engine configuration is incomplete: %1").arg(lines.join(QLatin1Char(' '))), invalidConfigCode());
    return error;
}

QString EngineConfig::defaultDataDirectory(const QString &profileId)
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share/TwinBridge");
    return base + QStringLiteral("/engine/") + profileId;
}

QString EngineConfig::effectiveDataDirectory() const
{
    return dataDirectory.isEmpty() ? defaultDataDirectory(profile.id) : dataDirectory;
}

QString EngineConfig::ingestBaseUrl(quint16 boundPort) const
{
    QHostAddress host = ingest.bindAddress;
    if (host == QHostAddress(QHostAddress::Any) || host == QHostAddress(QHostAddress::AnyIPv4))
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress(QHostAddress::AnyIPv6))
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    QString hostText = host.toString();
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        hostText = QLatin1Char('[') + hostText + QLatin1Char(']');
    return QStringLiteral("%1://%2:%3/api/v3")
        .arg(ingest.useTls() ? QStringLiteral("https") : QStringLiteral("http"), hostText)
        .arg(boundPort != 0 ? boundPort : ingest.port);
}

QJsonObject EngineConfig::engineJson() const
{
    QJsonObject ingestJson {{QStringLiteral("enabled"), ingest.enabled},
                            {QStringLiteral("bindAddress"), ingest.bindAddress.toString()},
                            {QStringLiteral("port"), ingest.port}};
    if (!ingest.tlsCertificateFile.isEmpty())
        ingestJson.insert(QStringLiteral("tlsCertificateFile"), ingest.tlsCertificateFile);
    if (!ingest.tlsKeyFile.isEmpty())
        ingestJson.insert(QStringLiteral("tlsKeyFile"), ingest.tlsKeyFile);
    QJsonObject json {
        {QStringLiteral("mode"), modeName(mode)},
        {QStringLiteral("pool"),
         QJsonObject {{QStringLiteral("idleSeconds"), static_cast<qint64>(pool.idleTimeout.count())},
                      {QStringLiteral("maxConnections"), pool.maxConnections}}},
        {QStringLiteral("telemetryFilter"), filterToJson(telemetryFilter)},
        {QStringLiteral("reportedFilter"), filterToJson(reportedFilter)},
        {QStringLiteral("hub"),
         QJsonObject {{QStringLiteral("sku"), HubThrottle::skuName(hubSku)},
                      {QStringLiteral("units"), hubUnits},
                      {QStringLiteral("throttles"), throttlesEnabled}}},
        {QStringLiteral("ingest"), ingestJson},
        {QStringLiteral("outbox"), QJsonObject {{QStringLiteral("maxEntries"), outboxMaxEntries}}},
        {QStringLiteral("drainSeconds"), static_cast<double>(drainTimeout.count()) / 1000.0},
    };
    if (!dataDirectory.isEmpty())
        json.insert(QStringLiteral("dataDirectory"), dataDirectory);
    return json;
}

Status EngineConfig::applyEngineJson(const QJsonObject &engine)
{
    std::optional<ServiceError> error =
        unknownMembers(engine,
                       {QLatin1String("mode"), QLatin1String("pool"), QLatin1String("telemetryFilter"),
                        QLatin1String("reportedFilter"), QLatin1String("hub"), QLatin1String("ingest"),
                        QLatin1String("dataDirectory"), QLatin1String("outbox"), QLatin1String("drainSeconds")},
                       QStringLiteral("engine"));
    if (error)
        return *error;
    EngineConfig next = *this;

    if (hasMember(engine, QLatin1String("mode"), QJsonValue::String, EngineField::Mode, error)) {
        const QString text = engine.value(QLatin1String("mode")).toString();
        if (text == QLatin1String("strict"))
            next.mode = ConnectionMode::Strict;
        else if (text == QLatin1String("pooled"))
            next.mode = ConnectionMode::Pooled;
        else
            return fieldError(EngineField::Mode, tr("must be “strict” or “pooled”, not “%1”.").arg(text));
    }
    if (error)
        return *error;

    if (hasMember(engine, QLatin1String("pool"), QJsonValue::Object, QLatin1String("engine.pool"), error)) {
        const QJsonObject poolJson = engine.value(QLatin1String("pool")).toObject();
        if ((error = unknownMembers(poolJson, {QLatin1String("idleSeconds"), QLatin1String("maxConnections")},
                                    QStringLiteral("engine.pool"))))
            return *error;
        if (hasMember(poolJson, QLatin1String("idleSeconds"), QJsonValue::Double, EngineField::PoolIdleSeconds,
                      error)) {
            if (const auto value = wholeNumber(poolJson.value(QLatin1String("idleSeconds")), 1, 86400,
                                               EngineField::PoolIdleSeconds, error))
                next.pool.idleTimeout = std::chrono::seconds(*value);
        }
        if (error)
            return *error;
        if (hasMember(poolJson, QLatin1String("maxConnections"), QJsonValue::Double, EngineField::PoolMaxConnections,
                      error)) {
            if (const auto value = wholeNumber(poolJson.value(QLatin1String("maxConnections")), 1, 1'000'000,
                                               EngineField::PoolMaxConnections, error))
                next.pool.maxConnections = static_cast<int>(*value);
        }
    }
    if (error)
        return *error;

    for (const auto &[key, field, target] :
         std::array {std::tuple {QLatin1String("telemetryFilter"), EngineField::TelemetryFilter, &next.telemetryFilter},
                     std::tuple {QLatin1String("reportedFilter"), EngineField::ReportedFilter, &next.reportedFilter}}) {
        if (hasMember(engine, key, QJsonValue::Array, field, error)) {
            Result<TtsMessageTypes> types = filterFromJson(engine.value(key).toArray(), field);
            if (!types)
                return types.error();
            *target = types.value();
        }
        if (error)
            return *error;
    }

    if (hasMember(engine, QLatin1String("hub"), QJsonValue::Object, QLatin1String("engine.hub"), error)) {
        const QJsonObject hub = engine.value(QLatin1String("hub")).toObject();
        if ((error = unknownMembers(hub, {QLatin1String("sku"), QLatin1String("units"), QLatin1String("throttles")},
                                    QStringLiteral("engine.hub"))))
            return *error;
        if (hasMember(hub, QLatin1String("sku"), QJsonValue::String, EngineField::HubSku, error)) {
            const auto sku = HubThrottle::parseSku(hub.value(QLatin1String("sku")).toString());
            if (!sku) {
                return fieldError(EngineField::HubSku,
                                  tr("“%1” is not an IoT Hub tier. Use F1, B1, B2, B3, S1, S2 or S3.")
                                      .arg(hub.value(QLatin1String("sku")).toString()));
            }
            next.hubSku = *sku;
        }
        if (error)
            return *error;
        if (hasMember(hub, QLatin1String("units"), QJsonValue::Double, EngineField::HubUnits, error)) {
            if (const auto value = wholeNumber(hub.value(QLatin1String("units")), 1, 200, EngineField::HubUnits, error))
                next.hubUnits = static_cast<int>(*value);
        }
        if (error)
            return *error;
        if (hasMember(hub, QLatin1String("throttles"), QJsonValue::Bool, EngineField::HubThrottles, error))
            next.throttlesEnabled = hub.value(QLatin1String("throttles")).toBool();
    }
    if (error)
        return *error;

    if (hasMember(engine, QLatin1String("ingest"), QJsonValue::Object, QLatin1String("engine.ingest"), error)) {
        const QJsonObject in = engine.value(QLatin1String("ingest")).toObject();
        if ((error = unknownMembers(in,
                                    {QLatin1String("enabled"), QLatin1String("bindAddress"), QLatin1String("port"),
                                     QLatin1String("tlsCertificateFile"), QLatin1String("tlsKeyFile")},
                                    QStringLiteral("engine.ingest"))))
            return *error;
        if (hasMember(in, QLatin1String("enabled"), QJsonValue::Bool, EngineField::IngestEnabled, error))
            next.ingest.enabled = in.value(QLatin1String("enabled")).toBool();
        if (error)
            return *error;
        if (hasMember(in, QLatin1String("bindAddress"), QJsonValue::String, EngineField::IngestBindAddress, error)) {
            const QString text = in.value(QLatin1String("bindAddress")).toString();
            QHostAddress address;
            if (!address.setAddress(text)) {
                return fieldError(EngineField::IngestBindAddress,
                                  tr("“%1” is not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::).").arg(text));
            }
            next.ingest.bindAddress = address;
        }
        if (error)
            return *error;
        if (hasMember(in, QLatin1String("port"), QJsonValue::Double, EngineField::IngestPort, error)) {
            if (const auto value =
                    wholeNumber(in.value(QLatin1String("port")), 0, 65535, EngineField::IngestPort, error))
                next.ingest.port = static_cast<quint16>(*value);
        }
        if (error)
            return *error;
        if (hasMember(in, QLatin1String("tlsCertificateFile"), QJsonValue::String, EngineField::IngestTlsCertificate,
                      error))
            next.ingest.tlsCertificateFile = in.value(QLatin1String("tlsCertificateFile")).toString();
        if (error)
            return *error;
        if (hasMember(in, QLatin1String("tlsKeyFile"), QJsonValue::String, EngineField::IngestTlsKey, error))
            next.ingest.tlsKeyFile = in.value(QLatin1String("tlsKeyFile")).toString();
    }
    if (error)
        return *error;

    if (hasMember(engine, QLatin1String("dataDirectory"), QJsonValue::String, EngineField::DataDirectory, error))
        next.dataDirectory = engine.value(QLatin1String("dataDirectory")).toString();
    if (error)
        return *error;

    if (hasMember(engine, QLatin1String("outbox"), QJsonValue::Object, QLatin1String("engine.outbox"), error)) {
        const QJsonObject outbox = engine.value(QLatin1String("outbox")).toObject();
        if ((error = unknownMembers(outbox, {QLatin1String("maxEntries")}, QStringLiteral("engine.outbox"))))
            return *error;
        if (hasMember(outbox, QLatin1String("maxEntries"), QJsonValue::Double, EngineField::OutboxMaxEntries, error)) {
            if (const auto value = wholeNumber(outbox.value(QLatin1String("maxEntries")), 1, 1'000'000'000,
                                               EngineField::OutboxMaxEntries, error))
                next.outboxMaxEntries = *value;
        }
    }
    if (error)
        return *error;

    if (hasMember(engine, QLatin1String("drainSeconds"), QJsonValue::Double, EngineField::DrainSeconds, error)) {
        const double seconds = engine.value(QLatin1String("drainSeconds")).toDouble();
        if (seconds < 0 || seconds > 3600)
            return fieldError(EngineField::DrainSeconds, tr("must be from 0 to 3600 seconds."));
        next.drainTimeout = std::chrono::milliseconds(static_cast<qint64>(seconds * 1000.0));
    }
    if (error)
        return *error;

    *this = next;
    return Done {};
}

QJsonObject EngineConfig::toJson() const
{
    QJsonObject json = profile.toJson();
    json.insert(QStringLiteral("engine"), engineJson());
    return json;
}

Result<EngineConfig> EngineConfig::fromJson(const QJsonObject &json)
{
    QJsonObject profileJson = json;
    const QJsonValue engine = profileJson.take(QLatin1String("engine"));
    Result<ConnectionProfile> profile = ConnectionProfile::fromJson(profileJson);
    if (!profile)
        return profile.error();
    EngineConfig config;
    config.profile = profile.takeValue();
    if (!json.contains(QLatin1String("id"))) {
        // A hand-written file without an id: an id derived from what the profile connects, so that the outbox
        // in the default data directory is found again at the next start.
        static const QUuid ns(QStringLiteral("{5b0e6f5e-2f61-4b7c-9a43-2d1f0e7c9a10}"));
        config.profile.id =
            QUuid::createUuidV5(ns,
                                config.profile.ttsMqttUsername() + QLatin1Char('/') + config.profile.iotHub.hostName)
                .toString(QUuid::WithoutBraces);
    }
    if (!engine.isUndefined()) {
        if (!engine.isObject())
            return fieldError(QLatin1String("engine"), tr("must be an object."));
        if (const Status applied = config.applyEngineJson(engine.toObject()); !applied)
            return applied.error();
    }
    return config;
}

Result<EngineConfig> EngineConfig::readFile(const QString &filePath)
{
    QFile file(filePath);
    if (!file.exists()) {
        return ServiceError(ServiceError::Kind::NotFound,
                            tr("The profile file “%1” does not exist. Export a profile from the console's "
                               "Connections page or write one as docs/twinbridged.md shows.")
                                .arg(filePath));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The profile file “%1” cannot be read: %2").arg(filePath, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return ServiceError::invalidInput(
            tr("The profile file “%1” is not a JSON object (%2 at offset %3).")
                .arg(filePath,
                     parseError.error != QJsonParseError::NoError ? parseError.errorString() : tr("not an object"))
                .arg(parseError.offset),
            invalidConfigCode());
    }
    Result<EngineConfig> config = fromJson(document.object());
    if (!config) {
        ServiceError error = config.error();
        return ServiceError(error.kind(), tr("The profile file “%1” is invalid: %2").arg(filePath, error.message()));
    }
    return config;
}

Result<EngineConfig> EngineConfig::fromSandboxFile(const QString &filePath)
{
    Result<SandboxProfileImport::Description> description = SandboxProfileImport::readFile(filePath);
    if (!description)
        return description.error();
    EngineConfig config;
    config.profile = description.value().profile;
    // A sandbox profile has a stable id derived from nothing secret: the outbox of a sandbox run survives a
    // restart as long as the data directory is the same.
    config.profile.id = QStringLiteral("00000000-0000-4000-8000-000000000001");
    config.secrets.ttsApiKey = description.value().secrets.value(SecretKind::TtsApiKey);
    config.secrets.hubPolicyKey = description.value().secrets.value(SecretKind::HubPolicyKey);
    return config;
}

QString EngineConfig::environmentVariable(SecretKind kind)
{
    switch (kind) {
    case SecretKind::TtsApiKey:
        return QStringLiteral("TWINBRIDGE_TTS_API_KEY");
    case SecretKind::HubPolicyKey:
        return QStringLiteral("TWINBRIDGE_IOTHUB_POLICY_KEY");
    case SecretKind::IngestKey:
        return QStringLiteral("TWINBRIDGE_INGEST_KEY");
    case SecretKind::AzureClientSecret:
        return QStringLiteral("TWINBRIDGE_AZURE_CLIENT_SECRET");
    case SecretKind::AzureRefreshToken:
        break;
    }
    return {};
}

QList<SecretKind> EngineConfig::applySecretsFromEnvironment(const QProcessEnvironment &environment)
{
    QList<SecretKind> applied;
    for (const auto &[kind, target] : std::array {std::pair {SecretKind::TtsApiKey, &secrets.ttsApiKey},
                                                  std::pair {SecretKind::HubPolicyKey, &secrets.hubPolicyKey},
                                                  std::pair {SecretKind::IngestKey, &secrets.ingestKey}}) {
        const QString value = environment.value(environmentVariable(kind)).trimmed();
        if (!value.isEmpty()) {
            *target = value;
            applied.append(kind);
        }
    }
    return applied;
}

QFuture<Result<EngineConfig>> EngineConfig::withSecretsFrom(EngineConfig config, SecretStore *store)
{
    struct Pending
    {
        EngineConfig config;
        QList<std::pair<SecretKind, QString *>> missing;
        int next = 0;
    };
    auto pending = std::make_shared<Pending>();
    pending->config = std::move(config);
    for (const auto &[kind, member] : std::array {std::pair {SecretKind::TtsApiKey, &Secrets::ttsApiKey},
                                                  std::pair {SecretKind::HubPolicyKey, &Secrets::hubPolicyKey},
                                                  std::pair {SecretKind::IngestKey, &Secrets::ingestKey}}) {
        QString *target = &(pending->config.secrets.*member);
        if (target->isEmpty())
            pending->missing.append({kind, target});
    }
    auto promise = Futures::startedPromise<Result<EngineConfig>>();
    // Reads one secret after the other (the keychain serialises anyway), then resolves.
    auto step = std::make_shared<std::function<void()>>();
    *step = [pending, promise, store, step]() {
        if (pending->next >= pending->missing.size()) {
            Futures::fulfil(promise, pending->config);
            *step = nullptr; // breaks the self-reference
            return;
        }
        const SecretKind kind = pending->missing.at(pending->next).first;
        QString *target = pending->missing.at(pending->next).second;
        ++pending->next;
        store->read(pending->config.profile.id, kind)
            .then(store, [pending, promise, step, kind, target](Result<QString> secret) {
                if (secret) {
                    *target = secret.value();
                } else if (secret.error().kind() != ServiceError::Kind::NotConfigured) {
                    Futures::fulfil(promise, Result<EngineConfig>(secret.error()));
                    *step = nullptr;
                    return;
                }
                Q_UNUSED(kind)
                (*step)();
            });
    };
    (*step)();
    return promise->future();
}

QString EngineConfig::generateIngestKey()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace TwinBridge
