#include "services/azure/TokenCredential.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"

#include <algorithm>

namespace TwinBridge {

TokenCredential::TokenCredential(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
{ }

TokenCredential::~TokenCredential() = default;

QString TokenCredential::scopeKey(const QStringList &scopes)
{
    QStringList sorted = scopes;
    sorted.removeAll(QString());
    std::sort(sorted.begin(), sorted.end());
    sorted.removeDuplicates();
    return sorted.join(QLatin1Char(' '));
}

QFuture<Result<AccessToken>> TokenCredential::token(const QStringList &scopes)
{
    const QString key = scopeKey(scopes);
    if (key.isEmpty()) {
        return Futures::readyResult<AccessToken>(
            ServiceError::invalidInput(tr("No scope was given for the Azure access token.")));
    }

    const auto cached = m_cache.constFind(key);
    if (cached != m_cache.constEnd() && m_clock->nowUtc() < cached->renewAt)
        return Futures::readyResult<AccessToken>(cached->token);

    Waiter waiter = Futures::startedPromise<Result<AccessToken>>();
    QFuture<Result<AccessToken>> future = waiter->future();
    const bool acquiring = m_waiters.contains(key);
    m_waiters[key].append(waiter);
    if (acquiring)
        return future;

    qCDebug(lcAzureAuth).noquote() << displayName() << "acquiring a token for" << key;
    acquireToken(scopes)
        .then(this,
              [this, key, scopes](Result<AccessToken> result) { finishAcquisition(key, scopes, std::move(result)); })
        .onCanceled(this, [this, key, scopes] { finishAcquisition(key, scopes, ServiceError::canceled()); });
    return future;
}

void TokenCredential::finishAcquisition(const QString &key, const QStringList &scopes, Result<AccessToken> result)
{
    if (result) {
        AccessToken &token = result.value();
        if (token.scopes.isEmpty())
            token.scopes = scopes;
        const QDateTime now = m_clock->nowUtc();
        const qint64 lifetime = std::max<qint64>(0, now.secsTo(token.expiresOn));
        const qint64 margin = std::min<qint64>(m_renewalMargin.count(), lifetime / 2);
        m_cache.insert(key, CacheEntry {token, token.expiresOn.addSecs(-margin)});
        qCDebug(lcAzureAuth).noquote() << displayName() << "got a token for" << key << "valid until"
                                       << token.expiresOn.toString(Qt::ISODate);
        emit tokenAcquired(scopes, token.expiresOn);
    } else {
        m_cache.remove(key);
        qCInfo(lcAzureAuth).noquote() << displayName() << "could not get a token for" << key << "-"
                                      << ServiceError::kindName(result.error().kind()) << result.error().code();
    }
    const QList<Waiter> waiters = m_waiters.take(key);
    for (const Waiter &waiter : waiters)
        Futures::fulfil(waiter, result);
}

void TokenCredential::invalidate(const QStringList &scopes)
{
    m_cache.remove(scopeKey(scopes));
}

void TokenCredential::clearCache()
{
    m_cache.clear();
}

} // namespace TwinBridge
