#pragma once

#include "services/azure/TokenCredential.h"

#include <chrono>

namespace TwinBridge {

// Reuses an existing Azure CLI login: runs `az account get-access-token --output json --resource <resource>`
// asynchronously (QProcess, never waitForFinished) and reads accessToken / expires_on from its output. When
// `az` is not installed the error says so (Unsupported) instead of failing obscurely; when the CLI is not
// signed in it asks for `az login` (NotConfigured). The program is injectable for tests.
class AzureCliCredential : public TokenCredential
{
    Q_OBJECT

public:
    explicit AzureCliCredential(Clock *clock = nullptr, QObject *parent = nullptr);
    ~AzureCliCredential() override;

    QString displayName() const override;

    // "az" (looked up on PATH) or a path to the program.
    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    // Passed as --tenant when set (and not common/organizations).
    void setTenant(const QString &tenant) { m_tenant = tenant; }
    // The CLI is killed when it has not answered within this time (on the injected Clock).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // The executable that would run, or an empty string when it cannot be found.
    QString resolvedProgram() const;

protected:
    QFuture<Result<AccessToken>> acquireToken(const QStringList &scopes) override;

private:
    Result<AccessToken> parseOutput(int exitCode, int exitStatus, const QByteArray &output, const QString &errorText,
                                    const QStringList &scopes) const;

    QString m_program = QStringLiteral("az");
    QString m_tenant;
    std::chrono::milliseconds m_timeout {60000};
};

} // namespace TwinBridge
