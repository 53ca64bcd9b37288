#include "services/azure/SecretRefreshTokenStore.h"

#include "services/secrets/SecretStore.h"

namespace TwinBridge {

SecretRefreshTokenStore::SecretRefreshTokenStore(SecretStore *secrets, QString profileId)
    : m_secrets(secrets)
    , m_profileId(std::move(profileId))
{
}

QFuture<Result<QString>> SecretRefreshTokenStore::load()
{
    return m_secrets->read(m_profileId, SecretKind::AzureRefreshToken)
        .then([](Result<QString> stored) -> Result<QString> {
            if (!stored.ok() && stored.error().kind() == ServiceError::Kind::NotConfigured)
                return QString();
            return stored;
        });
}

QFuture<Status> SecretRefreshTokenStore::save(const QString &refreshToken)
{
    return m_secrets->write(m_profileId, SecretKind::AzureRefreshToken, refreshToken);
}

QFuture<Status> SecretRefreshTokenStore::clear()
{
    return m_secrets->remove(m_profileId, SecretKind::AzureRefreshToken);
}

} // namespace TwinBridge
