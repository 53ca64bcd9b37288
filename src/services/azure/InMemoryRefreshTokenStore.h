#pragma once

#include "services/azure/RefreshTokenStore.h"

#include <optional>

namespace TwinBridge {

// A RefreshTokenStore that forgets everything when the process ends: for tests and for runs without a
// keychain. Failures can be injected to exercise the callers' error paths.
class InMemoryRefreshTokenStore final : public RefreshTokenStore
{
public:
    explicit InMemoryRefreshTokenStore(QString initial = {});

    QFuture<Result<QString>> load() override;
    QFuture<Status> save(const QString &refreshToken) override;
    QFuture<Status> clear() override;

    QString current() const { return m_token; }
    int loadCount() const { return m_loads; }
    int saveCount() const { return m_saves; }
    int clearCount() const { return m_clears; }

    // Makes the next operations of that kind fail with `error` (until reset with std::nullopt).
    void setLoadError(std::optional<ServiceError> error) { m_loadError = std::move(error); }
    void setSaveError(std::optional<ServiceError> error) { m_saveError = std::move(error); }

private:
    QString m_token;
    std::optional<ServiceError> m_loadError;
    std::optional<ServiceError> m_saveError;
    int m_loads = 0;
    int m_saves = 0;
    int m_clears = 0;
};

} // namespace TwinBridge
