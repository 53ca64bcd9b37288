#include "services/secrets/SecretStore.h"

#include "services/core/Futures.h"

#include <QList>

namespace TwinBridge {

QFuture<Status> SecretStore::removeAll(const QString &profileId)
{
    if (profileId.isEmpty())
        return Futures::readyResult<Done>(missingProfileIdError());
    QList<QFuture<Status>> deletions;
    for (SecretKind kind : allKinds)
        deletions.append(remove(profileId, kind));
    return QtFuture::whenAll(deletions.begin(), deletions.end()).then([](const QList<QFuture<Status>> &results) {
        for (const QFuture<Status> &result : results) {
            if (result.isCanceled() || result.resultCount() == 0)
                return Status(ServiceError::canceled());
            const Status status = result.result();
            // "Not stored" is what removing wants anyway.
            if (!status.ok() && status.error().kind() != ServiceError::Kind::NotConfigured &&
                status.error().kind() != ServiceError::Kind::NotFound)
                return status;
        }
        return Status(Done {});
    });
}

QString SecretStore::keyFor(const QString &profileId, SecretKind kind)
{
    return profileId + QLatin1Char('/') + kindKey(kind);
}

QString SecretStore::kindKey(SecretKind kind)
{
    switch (kind) {
    case SecretKind::TtsApiKey:
        return QStringLiteral("tts-api-key");
    case SecretKind::HubPolicyKey:
        return QStringLiteral("hub-policy-key");
    case SecretKind::AzureClientSecret:
        return QStringLiteral("azure-client-secret");
    case SecretKind::IngestKey:
        return QStringLiteral("ingest-key");
    case SecretKind::AzureRefreshToken:
        return QStringLiteral("azure-refresh-token");
    }
    Q_UNREACHABLE();
}

QString SecretStore::displayName(SecretKind kind)
{
    switch (kind) {
    case SecretKind::TtsApiKey:
        return tr("TTS API key");
    case SecretKind::HubPolicyKey:
        return tr("IoT Hub policy key");
    case SecretKind::AzureClientSecret:
        return tr("Azure client secret");
    case SecretKind::IngestKey:
        return tr("ingest key");
    case SecretKind::AzureRefreshToken:
        return tr("Azure sign-in");
    }
    Q_UNREACHABLE();
}

ServiceError SecretStore::notConfiguredError(SecretKind kind)
{
    if (kind == SecretKind::AzureRefreshToken) {
        return ServiceError::notConfigured(
            tr("This connection profile has no stored Azure sign-in. Sign in to Azure again on the Deploy page."));
    }
    return ServiceError::notConfigured(tr("No %1 is stored for this connection profile. Enter it on the "
                                          "Connections page and save the profile.")
                                           .arg(displayName(kind)));
}

ServiceError SecretStore::missingProfileIdError()
{
    return ServiceError::invalidInput(tr("No connection profile was given. Select or create a profile on the "
                                         "Connections page first."));
}

QString SecretStore::keychainUnavailableCode()
{
    return QStringLiteral("keychain-unavailable");
}

bool SecretStore::isKeychainUnavailable(const ServiceError &error)
{
    return error.kind() == ServiceError::Kind::Backend && error.code() == keychainUnavailableCode();
}

} // namespace TwinBridge
