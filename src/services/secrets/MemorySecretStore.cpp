#include "services/secrets/MemorySecretStore.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"

namespace TwinBridge {

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

QString MemorySecretStore::storedDescription() const
{
    return tr("Kept in memory until TwinBridge exits (no OS keychain)");
}

QFuture<Result<QString>> MemorySecretStore::read(const QString &profileId, SecretKind kind)
{
    if (profileId.isEmpty())
        return Futures::ready(Result<QString>(missingProfileIdError()));
    if (m_failure)
        return Futures::ready(Result<QString>(*m_failure));
    const QString key = keyFor(profileId, kind);
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.cend()) {
        qCDebug(lcSecrets) << "not stored in memory" << key;
        return Futures::ready(Result<QString>(notConfiguredError(kind)));
    }
    qCDebug(lcSecrets) << "read from memory" << key;
    return Futures::ready(Result<QString>(it.value()));
}

QFuture<Status> MemorySecretStore::write(const QString &profileId, SecretKind kind, const QString &secret)
{
    if (profileId.isEmpty())
        return Futures::ready(Status(missingProfileIdError()));
    if (m_failure)
        return Futures::ready(Status(*m_failure));
    const QString key = keyFor(profileId, kind);
    m_secrets.insert(key, secret);
    qCDebug(lcSecrets) << "stored in memory" << key;
    emit secretChanged(profileId, kind);
    return Futures::ready(Status(Done {}));
}

QFuture<Status> MemorySecretStore::remove(const QString &profileId, SecretKind kind)
{
    if (profileId.isEmpty())
        return Futures::ready(Status(missingProfileIdError()));
    if (m_failure)
        return Futures::ready(Status(*m_failure));
    const QString key = keyFor(profileId, kind);
    m_secrets.remove(key);
    qCDebug(lcSecrets) << "deleted from memory" << key;
    emit secretChanged(profileId, kind);
    return Futures::ready(Status(Done {}));
}

QStringList MemorySecretStore::keys() const
{
    QStringList result = m_secrets.keys();
    result.sort();
    return result;
}

void MemorySecretStore::setFailure(const ServiceError &error)
{
    m_failure = error;
}

void MemorySecretStore::clearFailure()
{
    m_failure.reset();
}

} // namespace TwinBridge
