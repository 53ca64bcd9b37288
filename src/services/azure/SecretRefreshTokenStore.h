#pragma once

#include "services/azure/RefreshTokenStore.h"

#include <QPointer>

namespace TwinBridge {

class SecretStore;

// Keeps a profile's Entra refresh token in the OS keychain (SecretKind::AzureRefreshToken). "Not stored"
// reads as an empty token, as RefreshTokenStore promises; any other keychain failure is passed on.
class SecretRefreshTokenStore final : public RefreshTokenStore
{
public:
    SecretRefreshTokenStore(SecretStore *secrets, QString profileId);

    QFuture<Result<QString>> load() override;
    QFuture<Status> save(const QString &refreshToken) override;
    QFuture<Status> clear() override;

private:
    QPointer<SecretStore> m_secrets;
    QString m_profileId;
};

} // namespace TwinBridge
