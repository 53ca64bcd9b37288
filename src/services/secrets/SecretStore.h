#pragma once

#include "services/core/Result.h"

#include <QFuture>
#include <QObject>
#include <QString>

namespace TwinBridge {

// The secrets a connection profile needs. They never live in QSettings, exported profiles or logs.
enum class SecretKind {
    TtsApiKey,         // The Things Stack API key (REST and MQTT password)
    HubPolicyKey,      // IoT Hub shared access policy key (signs SAS tokens)
    AzureClientSecret, // Entra ID service principal secret (client credentials sign-in)
    IngestKey,         // Bearer key the Azure Function presents to the ingest endpoint
    AzureRefreshToken, // refresh token of an interactive Azure sign-in
};

// Stores secrets per connection profile. Every call is asynchronous; a missing secret resolves to a
// ServiceError of kind NotConfigured whose message names the secret and where to enter it.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    static constexpr SecretKind allKinds[] = {SecretKind::TtsApiKey, SecretKind::HubPolicyKey,
                                              SecretKind::AzureClientSecret, SecretKind::IngestKey,
                                              SecretKind::AzureRefreshToken};

    // Resolves to the secret, or to NotConfigured when none is stored, or to another error.
    virtual QFuture<Result<QString>> read(const QString &profileId, SecretKind kind) = 0;
    // Stores (or replaces) the secret.
    virtual QFuture<Status> write(const QString &profileId, SecretKind kind, const QString &secret) = 0;
    // Deletes the secret; deleting a secret that is not stored succeeds.
    virtual QFuture<Status> remove(const QString &profileId, SecretKind kind) = 0;
    // Deletes every secret of the profile (each SecretKind). A secret that is not stored is no error; of the
    // real errors, the first (in allKinds order) is the result.
    QFuture<Status> removeAll(const QString &profileId);

    // The sentence a status label shows when a secret is stored here, e.g. "Stored in the OS keychain".
    virtual QString storedDescription() const = 0;

    // The key a secret is stored under: "<profileId>/<kind>", e.g. "3f2a…/tts-api-key".
    static QString keyFor(const QString &profileId, SecretKind kind);
    // The stable name of a kind used in keys ("tts-api-key").
    static QString kindKey(SecretKind kind);
    // The translated name a user knows the secret by ("TTS API key").
    static QString displayName(SecretKind kind);

    // The NotConfigured error for a missing secret: names the secret and where to enter it.
    static ServiceError notConfiguredError(SecretKind kind);
    // The error for a call without a profile id (a programming error surfaced as InvalidInput).
    static ServiceError missingProfileIdError();

    // ServiceError::code() of errors meaning "there is no OS keychain to talk to at all".
    static QString keychainUnavailableCode();
    static bool isKeychainUnavailable(const ServiceError &error);

signals:
    // A secret was written or removed successfully.
    void secretChanged(const QString &profileId, TwinBridge::SecretKind kind);
};

} // namespace TwinBridge
