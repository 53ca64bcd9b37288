#pragma once

#include "services/azure/TokenCredential.h"
#include "services/core/Futures.h"

#include <optional>

namespace TwinBridge::Test {

// A TokenCredential for client tests: hands out `nextToken` (or `failure`) and counts acquisitions.
class FakeTokenCredential : public TokenCredential
{
public:
    explicit FakeTokenCredential(Clock *clock, QObject *parent = nullptr)
        : TokenCredential(clock, parent)
    { }

    QString displayName() const override { return QStringLiteral("fake"); }

    QString nextToken = QStringLiteral("arm-token-1");
    qint64 lifetimeSeconds = 3600;
    std::optional<ServiceError> failure;
    int acquisitions = 0;
    QStringList lastScopes;

protected:
    QFuture<Result<AccessToken>> acquireToken(const QStringList &scopes) override
    {
        ++acquisitions;
        lastScopes = scopes;
        if (failure)
            return Futures::readyResult<AccessToken>(*failure);
        AccessToken token;
        token.token = nextToken;
        token.expiresOn = clock()->nowUtc().addSecs(lifetimeSeconds);
        token.scopes = scopes;
        return Futures::readyResult<AccessToken>(token);
    }
};

} // namespace TwinBridge::Test
