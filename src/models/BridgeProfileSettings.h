#pragma once

#include "services/core/Result.h"
#include "services/engine/EngineConfig.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace TwinBridge {

class Settings;

// The Bridge page's engine settings of one connection profile: the "engine" section of a profile file
// (EngineConfig::engineJson(): mode, pool TTL, the two filters, the ingest endpoint …) plus the ingest endpoint's
// public URL — what the Azure Function's STACK_BASE_URL must be when the engine is reached through a proxy or a
// tunnel. Stored in Settings (Key::BridgeProfileSettings) under the profile id; never holds a secret (the ingest
// key lives in the SecretStore).
struct BridgeProfileSettings
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::BridgeProfileSettings)

public:
    QJsonObject engine; // empty: the engine's defaults
    QString publicUrl; // empty: the engine's own ingest base URL

    bool operator==(const BridgeProfileSettings &) const = default;

    // The stored settings of `profileId` (defaults when none or when the stored text is damaged).
    static BridgeProfileSettings load(const Settings *settings, const QString &profileId);
    // Stores them for `profileId` (an empty profile id stores nothing).
    static void save(Settings *settings, const QString &profileId, const BridgeProfileSettings &value);
    // Forgets the settings of a profile that was removed.
    static void remove(Settings *settings, const QString &profileId);

    // Applies `engine` over `config` (EngineConfig::applyEngineJson: strict, each error names its field).
    Status applyTo(EngineConfig &config) const;
    // The public URL if set, else the engine's (`engineBaseUrl`).
    QString effectiveBaseUrl(const QString &engineBaseUrl) const;
    // Empty when `url` is empty or an absolute http(s) URL; else a sentence saying what is wrong.
    static QString checkPublicUrl(const QString &url);

    QJsonObject toJson() const;
    static BridgeProfileSettings fromJson(const QJsonObject &json);
};

} // namespace TwinBridge
