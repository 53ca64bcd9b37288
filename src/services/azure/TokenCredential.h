#pragma once

#include "services/azure/AccessToken.h"
#include "services/core/Clock.h"
#include "services/core/Futures.h"
#include "services/core/Result.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>

namespace TwinBridge {

// Something that can produce Entra ID access tokens. token() serves tokens from an in-memory cache (one entry
// per scope set) and renews them a few minutes before they expire; concurrent requests for the same scopes
// share one acquisition (one device code prompt, one `az` run). Subclasses implement acquireToken().
class TokenCredential : public QObject
{
    Q_OBJECT

public:
    explicit TokenCredential(Clock *clock = nullptr, QObject *parent = nullptr);
    ~TokenCredential() override;

    QFuture<Result<AccessToken>> token(const QStringList &scopes);

    // Drops cached tokens (after a 401, or on sign-out).
    void invalidate(const QStringList &scopes);
    void clearCache();

    // Tokens are renewed this long before expiry (at most half their lifetime). Default 5 minutes.
    void setRenewalMargin(std::chrono::seconds margin) { m_renewalMargin = margin; }
    std::chrono::seconds renewalMargin() const { return m_renewalMargin; }

    Clock *clock() const { return m_clock; }

    // The sign-in method as the UI names it ("Azure CLI", "Device code", "Service principal").
    virtual QString displayName() const = 0;

    // The cache key of a scope set (order and duplicates do not matter).
    static QString scopeKey(const QStringList &scopes);

signals:
    void tokenAcquired(const QStringList &scopes, const QDateTime &expiresOn);

protected:
    // Gets a fresh token. Must always resolve with a value (an error Result rather than a canceled future).
    virtual QFuture<Result<AccessToken>> acquireToken(const QStringList &scopes) = 0;

private:
    struct CacheEntry
    {
        AccessToken token;
        QDateTime renewAt;
    };
    using Waiter = Futures::SharedPromise<Result<AccessToken>>;

    void finishAcquisition(const QString &key, const QStringList &scopes, Result<AccessToken> result);

    Clock *m_clock;
    std::chrono::seconds m_renewalMargin {300};
    QHash<QString, CacheEntry> m_cache;
    QHash<QString, QList<Waiter>> m_waiters;
};

} // namespace TwinBridge
