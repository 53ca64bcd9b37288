#pragma once

#include "services/secrets/SecretStore.h"

#include <qt6keychain/keychain.h>

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
};

} // namespace TwinBridge
