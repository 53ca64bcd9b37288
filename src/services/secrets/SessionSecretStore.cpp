#include "services/secrets/SessionSecretStore.h"

#include "services/core/Logging.h"
#include "services/secrets/MemorySecretStore.h"

namespace TwinBridge {

SessionSecretStore::SessionSecretStore(SecretStore *keychain, QObject *parent)
    : SecretStore(parent)
    , m_keychain(keychain)
    , m_memory(new MemorySecretStore(this))
{
    Q_ASSERT(keychain);
    connect(m_keychain, &SecretStore::secretChanged, this, &SecretStore::secretChanged);
    connect(m_memory, &SecretStore::secretChanged, this, &SecretStore::secretChanged);
}

SessionSecretStore::~SessionSecretStore() = default;

void SessionSecretStore::keepSecretsInMemory()
{
    if (m_inMemory)
        return;
    m_inMemory = true;
    qCInfo(lcSecrets) << "no OS keychain: secrets are kept in memory for this run, as the user chose";
    emit keepsSecretsInMemoryChanged(true);
}

QString SessionSecretStore::inMemoryNotice()
{
    return tr("No OS keychain: secrets are kept in memory only and will be forgotten when TwinBridge exits.");
}

SecretStore *SessionSecretStore::active() const
{
    return m_inMemory ? static_cast<SecretStore *>(m_memory) : m_keychain;
}

QFuture<Result<QString>> SessionSecretStore::read(const QString &profileId, SecretKind kind)
{
    return active()->read(profileId, kind);
}

QFuture<Status> SessionSecretStore::write(const QString &profileId, SecretKind kind, const QString &secret)
{
    return active()->write(profileId, kind, secret);
}

QFuture<Status> SessionSecretStore::remove(const QString &profileId, SecretKind kind)
{
    return active()->remove(profileId, kind);
}

QString SessionSecretStore::storedDescription() const
{
    return active()->storedDescription();
}

} // namespace TwinBridge
