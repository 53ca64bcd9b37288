#pragma once

#include "services/secrets/SecretStore.h"

namespace TwinBridge {

class MemorySecretStore;

// The secret store the console works with: the OS keychain (`keychain`, normally a KeychainSecretStore), until
// the user — told that no keychain exists — chooses to keep secrets in memory for this run. From then on every
// call goes to a MemorySecretStore and nothing is forgotten or written anywhere else; there is no way back to
// the keychain in the same run, and no secret ever reaches a file.
class SessionSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit SessionSecretStore(SecretStore *keychain, QObject *parent = nullptr);
    ~SessionSecretStore() override;

    SecretStore *keychain() const { return m_keychain; }
    bool keepsSecretsInMemory() const { return m_inMemory; }
    // Switches to memory for the rest of this run (idempotent).
    void keepSecretsInMemory();

    // The sentence a notice shows while secrets are kept in memory ("… forgotten when TwinBridge exits …").
    static QString inMemoryNotice();

    QFuture<Result<QString>> read(const QString &profileId, SecretKind kind) override;
    QFuture<Status> write(const QString &profileId, SecretKind kind, const QString &secret) override;
    QFuture<Status> remove(const QString &profileId, SecretKind kind) override;
    QString storedDescription() const override;

signals:
    void keepsSecretsInMemoryChanged(bool inMemory);

private:
    SecretStore *active() const;

    SecretStore *m_keychain;
    MemorySecretStore *m_memory;
    bool m_inMemory = false;
};

} // namespace TwinBridge
