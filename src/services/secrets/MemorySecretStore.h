#pragma once

#include "services/secrets/SecretStore.h"

#include <QHash>

#include <optional>

namespace TwinBridge {

// Secrets in process memory only, gone when TwinBridge exits: the "keep secrets in memory for this run"
// choice when no OS keychain exists, and the secret store of unit tests. Nothing ever reaches the disk.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject *parent = nullptr);

    QFuture<Result<QString>> read(const QString &profileId, SecretKind kind) override;
    QFuture<Status> write(const QString &profileId, SecretKind kind, const QString &secret) override;
    QFuture<Status> remove(const QString &profileId, SecretKind kind) override;
    QString storedDescription() const override;

    // The keys currently held (never the values), e.g. for tests.
    QStringList keys() const;

    // Makes every following call fail with `error` (tests of failure paths); clearFailure() ends that.
    void setFailure(const ServiceError &error);
    void clearFailure();

private:
    std::optional<ServiceError> m_failure;
    QHash<QString, QString> m_secrets;
};

} // namespace TwinBridge
