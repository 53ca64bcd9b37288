#include "services/azure/InMemoryRefreshTokenStore.h"

#include "services/azure/AzureFutures.h"

namespace TwinBridge {

InMemoryRefreshTokenStore::InMemoryRefreshTokenStore(QString initial)
    : m_token(std::move(initial))
{ }

QFuture<Result<QString>> InMemoryRefreshTokenStore::load()
{
    ++m_loads;
    if (m_loadError)
        return AzureFutures::ready<QString>(*m_loadError);
    return AzureFutures::ready<QString>(m_token);
}

QFuture<Status> InMemoryRefreshTokenStore::save(const QString &refreshToken)
{
    ++m_saves;
    if (m_saveError)
        return AzureFutures::ready<Done>(*m_saveError);
    m_token = refreshToken;
    return AzureFutures::ready<Done>(Done {});
}

QFuture<Status> InMemoryRefreshTokenStore::clear()
{
    ++m_clears;
    m_token.clear();
    return AzureFutures::ready<Done>(Done {});
}

} // namespace TwinBridge
