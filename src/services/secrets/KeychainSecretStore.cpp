#include "services/secrets/KeychainSecretStore.h"

#include "services/core/Logging.h"

#include <QPromise>

#include <memory>

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

QFuture<Result<QString>> KeychainSecretStore::read(const QString &profileId, SecretKind kind)
{
    auto promise = std::make_shared<QPromise<Result<QString>>>();
    QFuture<Result<QString>> future = promise->future();
    promise->start();
    if (profileId.isEmpty()) {
        promise->addResult(missingProfileIdError());
        promise->finish();
        return future;
    }
    const QString key = keyFor(profileId, kind);
    qCDebug(lcSecrets) << "reading" << key;
    auto *job = prepare(new QKeychain::ReadPasswordJob(serviceName()), key);
    connect(job, &QKeychain::Job::finished, this, [promise, key, kind](QKeychain::Job *finished) {
        const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (readJob->error() == QKeychain::NoError) {
            qCDebug(lcSecrets) << "read" << key;
            promise->addResult(Result<QString>(readJob->textData()));
        } else if (readJob->error() == QKeychain::EntryNotFound) {
            qCDebug(lcSecrets) << "not stored" << key;
            promise->addResult(notConfiguredError(kind));
        } else {
            qCWarning(lcSecrets) << "reading" << key << "failed:" << readJob->error() << readJob->errorString();
            promise->addResult(errorFromJob(readJob->error(), readJob->errorString(),
                                            tr("read the %1 from the OS keychain").arg(displayName(kind))));
        }
        promise->finish();
    });
    job->start();
    return future;
}

QFuture<Status> KeychainSecretStore::write(const QString &profileId, SecretKind kind, const QString &secret)
{
    auto promise = std::make_shared<QPromise<Status>>();
    QFuture<Status> future = promise->future();
    promise->start();
    if (profileId.isEmpty()) {
        promise->addResult(missingProfileIdError());
        promise->finish();
        return future;
    }
    const QString key = keyFor(profileId, kind);
    qCDebug(lcSecrets) << "writing" << key;
    auto *job = prepare(new QKeychain::WritePasswordJob(serviceName()), key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, promise, key, profileId, kind](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            qCDebug(lcSecrets) << "stored" << key;
            promise->addResult(Status(Done{}));
            promise->finish();
            emit secretChanged(profileId, kind);
            return;
        }
        qCWarning(lcSecrets) << "writing" << key << "failed:" << finished->error() << finished->errorString();
        promise->addResult(errorFromJob(finished->error(), finished->errorString(),
                                        tr("store the %1 in the OS keychain").arg(displayName(kind))));
        promise->finish();
    });
    job->start();
    return future;
}

QFuture<Status> KeychainSecretStore::remove(const QString &profileId, SecretKind kind)
{
    auto promise = std::make_shared<QPromise<Status>>();
    QFuture<Status> future = promise->future();
    promise->start();
    if (profileId.isEmpty()) {
        promise->addResult(missingProfileIdError());
        promise->finish();
        return future;
    }
    const QString key = keyFor(profileId, kind);
    qCDebug(lcSecrets) << "deleting" << key;
    auto *job = prepare(new QKeychain::DeletePasswordJob(serviceName()), key);
    connect(job, &QKeychain::Job::finished, this, [this, promise, key, profileId, kind](QKeychain::Job *finished) {
        // A secret that is not there is already deleted.
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound) {
            qCDebug(lcSecrets) << "deleted" << key;
            promise->addResult(Status(Done{}));
            promise->finish();
            emit secretChanged(profileId, kind);
            return;
        }
        qCWarning(lcSecrets) << "deleting" << key << "failed:" << finished->error() << finished->errorString();
        promise->addResult(errorFromJob(finished->error(), finished->errorString(),
                                        tr("delete the %1 from the OS keychain").arg(displayName(kind))));
        promise->finish();
    });
    job->start();
    return future;
}

} // namespace TwinBridge
