#pragma once

#include "services/secrets/SecretStore.h"

#include <qt6keychain/keychain.h>

#include <functional>
#include <optional>

namespace TwinBridge {

// Secrets in the OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows) under the service name "TwinBridge". The insecure fallback (a plaintext settings file)
// is always off: without a keychain every call fails with a Backend error that says so.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    static QString serviceName();

    QFuture<Result<QString>> read(const QString &profileId, SecretKind kind) override;
    QFuture<Status> write(const QString &profileId, SecretKind kind, const QString &secret) override;
    QFuture<Status> remove(const QString &profileId, SecretKind kind) override;
    QString storedDescription() const override;

    // Maps a failed QtKeychain job to a ServiceError (EntryNotFound is not handled here: its meaning
    // depends on the call). A missing keychain (no backend, no D-Bus session, no Secret Service) gets
    // kind Backend with code keychainUnavailableCode(); any other failure kind Backend with the keychain's
    // own text. `operation` is what was attempted, e.g. "store the TTS API key".
    static ServiceError errorFromJob(QKeychain::Error error, const QString &errorString, const QString &operation);

private:
    // What read(), write() and remove() do differently with a keychain job.
    template<typename T>
    struct JobSteps
    {
        const char *activity = nullptr; // logged with the key: "reading"
        QString operation; // ServiceError::operation() of a failure: "read the TTS API key from the OS keychain"
        bool changesSecret = false; // success emits secretChanged()
        // The result of a finished job, or nothing for a failure errorFromJob() describes.
        std::function<std::optional<Result<T>>(QKeychain::Job *finished, const QString &key)> outcome;
    };

    // The plumbing they share: checks the profile id, logs, runs `job` under the secret's key and resolves
    // with `steps.outcome` (or the job's error), then announces a change.
    template<typename T>
    QFuture<Result<T>> runJob(QKeychain::Job *job, const QString &profileId, SecretKind kind, const JobSteps<T> &steps);
};

} // namespace TwinBridge
