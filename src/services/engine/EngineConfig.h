#pragma once

#include "services/core/Result.h"
#include "services/iothub/HubThrottle.h"
#include "services/protocol/TtsMessageType.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ConnectionProfile.h"
#include "services/settings/ProfileIssue.h"

#include <QCoreApplication>
#include <QFuture>
#include <QHostAddress>
#include <QJsonObject>
#include <QMetaType>
#include <QProcessEnvironment>
#include <QString>

#include <chrono>

namespace TwinBridge {

// Stable keys naming the engine's own fields: the JSON path inside the "engine" section of a profile file
// (twinbridged --config) and the field a validation issue refers to.
namespace EngineField {
inline constexpr QLatin1String Mode {"engine.mode"};
inline constexpr QLatin1String PoolIdleSeconds {"engine.pool.idleSeconds"};
inline constexpr QLatin1String PoolMaxConnections {"engine.pool.maxConnections"};
inline constexpr QLatin1String TelemetryFilter {"engine.telemetryFilter"};
inline constexpr QLatin1String ReportedFilter {"engine.reportedFilter"};
inline constexpr QLatin1String HubSku {"engine.hub.sku"};
inline constexpr QLatin1String HubUnits {"engine.hub.units"};
inline constexpr QLatin1String HubThrottles {"engine.hub.throttles"};
inline constexpr QLatin1String IngestEnabled {"engine.ingest.enabled"};
inline constexpr QLatin1String IngestBindAddress {"engine.ingest.bindAddress"};
inline constexpr QLatin1String IngestPort {"engine.ingest.port"};
inline constexpr QLatin1String IngestTlsCertificate {"engine.ingest.tlsCertificateFile"};
inline constexpr QLatin1String IngestTlsKey {"engine.ingest.tlsKeyFile"};
inline constexpr QLatin1String DataDirectory {"engine.dataDirectory"};
inline constexpr QLatin1String OutboxMaxEntries {"engine.outbox.maxEntries"};
inline constexpr QLatin1String DrainSeconds {"engine.drainSeconds"};
// The secrets, as the fields their issues refer to.
inline constexpr QLatin1String TtsApiKey {"secrets.ttsApiKey"};
inline constexpr QLatin1String HubPolicyKey {"secrets.hubPolicyKey"};
inline constexpr QLatin1String IngestKey {"secrets.ingestKey"};
} // namespace EngineField

// Everything one Engine needs, as a value: the connection profile (where TTS and the hub are), the three
// secrets the engine uses (TTS API key, IoT Hub policy key, ingest key), and the engine's own settings —
// connection mode, the two message filters, the hub's tier for the throttles, the ingest endpoint and the data
// directory of the outbox. Built from a stored profile plus a SecretStore (the console), from a sandbox.json
// (SandboxProfileImport) or from a profile file plus secrets from environment variables or the keychain
// (twinbridged). validate() names every problem with its field before the engine starts.
class EngineConfig
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::EngineConfig)

public:
    // Strict: connect, publish, patch, await the 204, disconnect for every message (TTS's own stateless way).
    // Pooled: keep device connections open for an idle TTL, at most maxConnections (least recently used first
    // out).
    enum class ConnectionMode { Strict, Pooled };

    struct Secrets
    {
        QString ttsApiKey; // MQTT password of the TTS application and REST key (downlinks, end devices)
        QString hubPolicyKey; // signs the SAS tokens (device connections and service REST)
        QString ingestKey; // the Bearer key the Azure Function presents to the ingest endpoint

        bool operator==(const Secrets &) const = default;
    };

    struct Pool
    {
        std::chrono::seconds idleTimeout {300};
        int maxConnections = 10000;

        bool operator==(const Pool &) const = default;
    };

    struct Ingest
    {
        static constexpr quint16 defaultPort = 8095;
        static constexpr qint64 maxBodyBytes = 1024 * 1024; // TTS's own limit for the events endpoint

        bool enabled = true;
        QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost); // loopback unless set explicitly
        quint16 port = defaultPort; // 0: any free port (tests)
        QString tlsCertificateFile; // PEM; with tlsKeyFile switches the endpoint to HTTPS
        QString tlsKeyFile;

        bool useTls() const { return !tlsCertificateFile.isEmpty(); }
        bool operator==(const Ingest &) const = default;
    };

    ConnectionProfile profile;
    Secrets secrets;
    ConnectionMode mode = ConnectionMode::Pooled;
    Pool pool;
    // Which message types become D2C messages, and which update reported properties. The defaults are
    // MessageFilter::defaultTelemetry() (uplinks) and defaultReported() (all ten).
    TtsMessageTypes telemetryFilter = TtsMessageType::Uplink;
    TtsMessageTypes reportedFilter = allTtsMessageTypeFlags();
    HubSku hubSku = HubSku::S1;
    int hubUnits = 1;
    bool throttlesEnabled = true;
    Ingest ingest;
    QString dataDirectory; // holds the outbox; empty: defaultDataDirectory(profile.id)
    qint64 outboxMaxEntries = 1'000'000; // above it new uplinks/events are refused (counted, never dropped)
    std::chrono::milliseconds drainTimeout {10000}; // how long stop() waits for work in flight
    std::chrono::milliseconds statsInterval {250}; // the batched stats and event signals (≈4 Hz)

    bool operator==(const EngineConfig &) const = default;

    // Every problem, each naming its field (ProfileField or EngineField) with a sentence saying how to fix it:
    // the profile's own issues, a missing hub host name, missing secrets, a non-loopback ingest address
    // without TLS is allowed but a certificate without a key (or files that do not exist) is not, …
    ProfileIssues validate() const;
    // validate() as one InvalidInput error (code invalidConfigCode()) listing every issue; ok when none.
    Status check() const;
    static QString invalidConfigCode();

    // The outbox directory actually used: dataDirectory, or defaultDataDirectory(profile.id).
    QString effectiveDataDirectory() const;
    // <AppDataLocation>/engine/<profileId>.
    static QString defaultDataDirectory(const QString &profileId);

    // Base URL the Azure Function's STACK_BASE_URL must be set to for this ingest endpoint
    // ("http://127.0.0.1:8095/api/v3"); `port` overrides the configured one (after binding port 0).
    QString ingestBaseUrl(quint16 port = 0) const;

    // The "engine" section: {"mode": "pooled"|"strict", "pool": {"idleSeconds", "maxConnections"},
    // "telemetryFilter": [names], "reportedFilter": [names], "hub": {"sku", "units", "throttles"},
    // "ingest": {"enabled", "bindAddress", "port", "tlsCertificateFile", "tlsKeyFile"}, "dataDirectory",
    // "outbox": {"maxEntries"}, "drainSeconds"}. Never holds a secret.
    QJsonObject engineJson() const;
    // Applies an "engine" section over the current values, strictly: unknown members (secrets above all), wrong
    // types and invalid values are InvalidInput errors naming the field; members left out keep their values.
    Status applyEngineJson(const QJsonObject &engine);

    // A profile file as twinbridged --config reads it: an exported profile (ConnectionProfile::toJson) with an
    // optional "engine" section. No secrets: they come from withSecretsFrom()/applySecretsFromEnvironment().
    // A file without "id" gets one derived from the TTS application and the hub, the same at every start (so
    // the outbox in the default data directory is found again).
    static Result<EngineConfig> fromJson(const QJsonObject &json);
    static Result<EngineConfig> readFile(const QString &filePath);
    QJsonObject toJson() const;

    // A sandbox.json (twinbridge-sandbox): its profile and its TTS API key and policy key. The sandbox has no
    // ingest key: the caller sets one (environment, or a random one it registers with the sandbox's Function).
    static Result<EngineConfig> fromSandboxFile(const QString &filePath);

    // The environment variables twinbridged reads secrets from: TWINBRIDGE_TTS_API_KEY,
    // TWINBRIDGE_IOTHUB_POLICY_KEY, TWINBRIDGE_INGEST_KEY.
    static QString environmentVariable(SecretKind kind);
    // Fills the secrets the environment has (non-empty variables), leaves the others as they are; returns
    // the kinds it set.
    QList<SecretKind> applySecretsFromEnvironment(const QProcessEnvironment &environment);
    // Reads the secrets still empty from a SecretStore under profile.id. A secret the store does not have
    // stays empty (validate() names it); any other store error fails the whole read.
    static QFuture<Result<EngineConfig>> withSecretsFrom(EngineConfig config, SecretStore *store);

    // A fresh random ingest key (32 bytes, base64url), for a sandbox run without a configured key.
    static QString generateIngestKey();

    static QString modeName(ConnectionMode mode); // "strict" / "pooled"
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::EngineConfig)
