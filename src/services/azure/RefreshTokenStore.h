#pragma once

#include "services/core/Result.h"

#include <QFuture>
#include <QString>

namespace TwinBridge {

// Where a DeviceCodeCredential keeps its refresh token between sessions. The application's implementation
// is an adapter over SecretStore (OS keychain, SecretKind::AzureRefreshToken, keyed by profile); tests use
// InMemoryRefreshTokenStore. Implementations never log the token.
class RefreshTokenStore
{
public:
    virtual ~RefreshTokenStore();

    // The stored refresh token; an empty string when none is stored ("not signed in"). An error only when
    // the store itself failed (keychain locked or unavailable…).
    virtual QFuture<Result<QString>> load() = 0;
    virtual QFuture<Status> save(const QString &refreshToken) = 0;
    virtual QFuture<Status> clear() = 0;
};

} // namespace TwinBridge
