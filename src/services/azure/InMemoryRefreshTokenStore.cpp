#include "services/azure/InMemoryRefreshTokenStore.h"

#include "services/core/Futures.h"

namespace TwinBridge {

InMemoryRefreshTokenStore::InMemoryRefreshTokenStore(QString initial)
    : m_token(std::move(initial))
{ }

QFuture<Result<QString>> InMemoryRefreshTokenStore::load()
{
    ++m_loads;
    if (m_loadError)
        return Futures::readyResult<QString>(*m_loadError);
    return Futures::readyResult<QString>(m_token);
}

QFuture<Status> InMemoryRefreshTokenStore::save(const QString &refreshToken)
{
    ++m_saves;
    if (m_saveError)
        return Futures::readyResult<Done>(*m_saveError);
    m_token = refreshToken;
    return Futures::readyResult<Done>(Done {});
}

QFuture<Status> InMemoryRefreshTokenStore::clear()
{
    ++m_clears;
    m_token.clear();
    return Futures::readyResult<Done>(Done {});
}

} // namespace TwinBridge
