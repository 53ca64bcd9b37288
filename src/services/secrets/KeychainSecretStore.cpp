#include "services/secrets/KeychainSecretStore.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"

#include <optional>

namespace TwinBridge {

namespace {

// QtKeychain reports an unreachable Secret Service on Linux as OtherError with libsecret's/GDBus's text
// rather than NoBackendAvailable; these fragments identify that case so the user gets the clear message.
bool textMeansNoBackend(const QString &errorString)
{
    static const QLatin1String markers[] = {
        QLatin1String("Could not connect"),
        QLatin1String("Cannot autolaunch D-Bus"),
        QLatin1String("DBUS_SESSION_BUS_ADDRESS"),
        QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown"),
        QLatin1String("was not provided by any .service files"),
        QLatin1String("org.freedesktop.DBus.Error.NoServer"),
    };
    for (const QLatin1String &marker : markers) {
        if (errorString.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString errorCodeName(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return QStringLiteral("NoError");
    case QKeychain::EntryNotFound:
        return QStringLiteral("EntryNotFound");
    case QKeychain::CouldNotDeleteEntry:
        return QStringLiteral("CouldNotDeleteEntry");
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral("AccessDeniedByUser");
    case QKeychain::AccessDenied:
        return QStringLiteral("AccessDenied");
    case QKeychain::NoBackendAvailable:
        return QStringLiteral("NoBackendAvailable");
    case QKeychain::NotImplemented:
        return QStringLiteral("NotImplemented");
    case QKeychain::OtherError:
        return QStringLiteral("OtherError");
    }
    return QStringLiteral("Unknown");
}

template<typename Job>
Job *prepare(Job *job, const QString &key)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file, whatever the platform offers
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
{
}

QString KeychainSecretStore::serviceName()
{
    return QStringLiteral("TwinBridge");
}

QString KeychainSecretStore::storedDescription() const
{
    return tr("Stored in the OS keychain");
}

ServiceError KeychainSecretStore::errorFromJob(QKeychain::Error error, const QString &errorString,
                                               const QString &operation)
{
    ServiceError result;
    const bool noBackend = error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
                           || (error == QKeychain::OtherError && textMeansNoBackend(errorString));
    if (noBackend) {
        result = ServiceError(ServiceError::Kind::Backend,
                              tr("No OS keychain is available: the Secret Service (GNOME Keyring, KWallet or "
                                 "another keyring) is not running or cannot be reached. TwinBridge never falls "
                                 "back to storing secrets in files; start or unlock your keyring and try again."),
                              errorString);
        result.setCode(keychainUnavailableCode());
    } else if (error == QKeychain::AccessDeniedByUser || error == QKeychain::AccessDenied) {
        result = ServiceError(ServiceError::Kind::Backend,
                              tr("The OS keychain refused access (%1). Unlock the keyring and allow TwinBridge "
                                 "to use it, then try again.")
                                  .arg(errorString),
                              errorString);
        result.setCode(errorCodeName(error));
    } else {
        result = ServiceError(ServiceError::Kind::Backend,
                              tr("The OS keychain reported an error: %1. Check that the keyring is unlocked and "
                                 "working, then try again.")
                                  .arg(errorString),
                              errorString);
        result.setCode(errorCodeName(error));
    }
    result.setOperation(operation);
    return result;
}

template<typename T>
QFuture<Result<T>> KeychainSecretStore::runJob(QKeychain::Job *job, const QString &profileId, SecretKind kind,
                                               const JobSteps<T> &steps)
{
    if (profileId.isEmpty()) {
        delete job;
        return Futures::readyResult<T>(missingProfileIdError());
    }
    const QString key = keyFor(profileId, kind);
    qCDebug(lcSecrets) << steps.activity << key;
    prepare(job, key);
    auto promise = Futures::startedPromise<Result<T>>();
    connect(job, &QKeychain::Job::finished, this,
            [this, promise, key, profileId, kind, steps](QKeychain::Job *finished) {
                std::optional<Result<T>> result = steps.outcome(finished, key);
                if (!result) {
                    qCWarning(lcSecrets) << steps.activity << key << "failed:" << finished->error()
                                         << finished->errorString();
                    result = errorFromJob(finished->error(), finished->errorString(), steps.operation);
                }
                const bool changed = steps.changesSecret && result->ok();
                Futures::fulfil(promise, std::move(*result));
                if (changed)
                    emit secretChanged(profileId, kind);
            });
    job->start();
    return promise->future();
}

QFuture<Result<QString>> KeychainSecretStore::read(const QString &profileId, SecretKind kind)
{
    JobSteps<QString> steps;
    steps.activity = "reading";
    steps.operation = tr("read the %1 from the OS keychain").arg(displayName(kind));
    steps.outcome = [kind](QKeychain::Job *finished, const QString &key) -> std::optional<Result<QString>> {
        if (finished->error() == QKeychain::NoError) {
            qCDebug(lcSecrets) << "read" << key;
            return Result<QString>(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
        }
        if (finished->error() == QKeychain::EntryNotFound) {
            qCDebug(lcSecrets) << "not stored" << key;
            return Result<QString>(notConfiguredError(kind));
        }
        return std::nullopt;
    };
    return runJob(new QKeychain::ReadPasswordJob(serviceName()), profileId, kind, steps);
}

QFuture<Status> KeychainSecretStore::write(const QString &profileId, SecretKind kind, const QString &secret)
{
    JobSteps<Done> steps;
    steps.activity = "writing";
    steps.operation = tr("store the %1 in the OS keychain").arg(displayName(kind));
    steps.changesSecret = true;
    steps.outcome = [](QKeychain::Job *finished, const QString &key) -> std::optional<Status> {
        if (finished->error() != QKeychain::NoError)
            return std::nullopt;
        qCDebug(lcSecrets) << "stored" << key;
        return Status(Done {});
    };
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setTextData(secret);
    return runJob(job, profileId, kind, steps);
}

QFuture<Status> KeychainSecretStore::remove(const QString &profileId, SecretKind kind)
{
    JobSteps<Done> steps;
    steps.activity = "deleting";
    steps.operation = tr("delete the %1 from the OS keychain").arg(displayName(kind));
    steps.changesSecret = true;
    steps.outcome = [](QKeychain::Job *finished, const QString &key) -> std::optional<Status> {
        // A secret that is not there is already deleted.
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
            return std::nullopt;
        qCDebug(lcSecrets) << "deleted" << key;
        return Status(Done {});
    };
    return runJob(new QKeychain::DeletePasswordJob(serviceName()), profileId, kind, steps);
}

} // namespace TwinBridge
