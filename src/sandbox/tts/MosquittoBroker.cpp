#include "sandbox/tts/MosquittoBroker.h"

#include "sandbox/tls/SandboxCertificateAuthority.h"
#include "sandbox/tts/MosquittoBrokerConfig.h"
#include "services/core/Futures.h"
#include "services/core/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

#include <csignal>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace TwinBridge::Sandbox {

namespace {

constexpr int MaxStartAttempts = 3;
constexpr qsizetype MaxOutputKept = 4096;
constexpr std::chrono::milliseconds ProbeInterval(50);

QString currentUserName()
{
    const passwd *entry = getpwuid(geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

Status writePrivateFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return ServiceError(ServiceError::Kind::Backend,
                            MosquittoBroker::tr("Could not write %1 — check that the state directory is writable.").arg(path),
                            file.errorString());
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(content);
    if (!file.commit()) {
        return ServiceError(ServiceError::Kind::Backend,
                            MosquittoBroker::tr("Could not write %1 — check that the state directory is writable.").arg(path),
                            file.errorString());
    }
    return Done {};
}

} // namespace

void MosquittoBroker::Options::useCertificates(const SandboxCertificateAuthority &ca)
{
    const QString directory = QFileInfo(ca.caCertificatePath()).absolutePath();
    tls = true;
    certificateFile = directory + QStringLiteral("/server.pem");
    keyFile = directory + QStringLiteral("/server.key");
    caFile = ca.caCertificatePath();
}

class MosquittoBroker::Private
{
public:
    Private(MosquittoBroker *broker, Options brokerOptions, Clock *timeSource)
        : q(broker)
        , options(std::move(brokerOptions))
        , clock(timeSource ? timeSource : Clock::system())
    {
    }

    QString directory() const { return QDir(options.stateDirectory).filePath(QStringLiteral("tts/mqtt")); }
    QString path(const char *name) const { return QDir(directory()).filePath(QString::fromLatin1(name)); }

    QList<MosquittoBrokerConfig::Account> accounts() const
    {
        QList<MosquittoBrokerConfig::Account> list;
        list.append({QString::fromLatin1(InternalUsername), internalPassword, QStringLiteral("v3")});
        for (auto it = users.cbegin(); it != users.cend(); ++it) {
            if (!it.value().isEmpty())
                list.append({it.key(), it.value().constLast().toUtf8(), QStringLiteral("v3/") + it.key()});
        }
        return list;
    }

    Status writeCredentials() const
    {
        const QList<MosquittoBrokerConfig::Account> list = accounts();
        const Status passwords = writePrivateFile(path("passwords"), MosquittoBrokerConfig::passwordFile(list));
        if (!passwords.ok())
            return passwords;
        return writePrivateFile(path("acl"), MosquittoBrokerConfig::aclFile(list));
    }

    // Two distinct free ports: listen on both at once, then release them for mosquitto.
    bool choosePorts()
    {
        QTcpServer plain;
        QTcpServer secure;
        if (options.port == 0 && !plain.listen(options.address, 0))
            return false;
        if (options.tls && options.tlsPort == 0 && !secure.listen(options.address, 0))
            return false;
        port = options.port ? options.port : plain.serverPort();
        tlsPort = options.tls ? (options.tlsPort ? options.tlsPort : secure.serverPort()) : 0;
        return true;
    }

    void launch()
    {
        ++startAttempts;
        if (!choosePorts()) {
            failStart(ServiceError(ServiceError::Kind::Backend,
                                   MosquittoBroker::tr("No free port on %1 for the TTS MQTT broker.")
                                       .arg(options.address.toString())));
            return;
        }
        MosquittoBrokerConfig::Settings settings;
        settings.bindAddress = options.address.toString();
        settings.listeners.append({port, false});
        if (options.tls)
            settings.listeners.append({tlsPort, true});
        settings.passwordFile = path("passwords");
        settings.aclFile = path("acl");
        settings.certificateFile = options.certificateFile;
        settings.keyFile = options.keyFile;
        settings.caFile = options.caFile;
        settings.runAsUser = currentUserName();
        Status written = writeCredentials();
        if (written.ok())
            written = writePrivateFile(path("mosquitto.conf"), MosquittoBrokerConfig::configuration(settings));
        if (!written.ok()) {
            failStart(written.error());
            return;
        }

        output.clear();
        partialLine.clear();
        process = new QProcess(q);
        process->setProgram(executable);
        process->setArguments({QStringLiteral("-c"), path("mosquitto.conf")});
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardInputFile(QProcess::nullDevice());
        const pid_t parent = getpid();
        process->setChildProcessModifier([parent] {
            // In the child, between fork and exec: end with the thread that started us, even after SIGKILL.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent)
                ::_exit(1);
        });
        QObject::connect(process, &QProcess::readyRead, q, [this] { readOutput(); });
        QObject::connect(process, &QProcess::errorOccurred, q, [this](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart && starting) {
                failStart(ServiceError(ServiceError::Kind::Backend,
                                       MosquittoBroker::tr("mosquitto (%1) could not be started — check that it is "
                                                           "installed and executable.")
                                           .arg(executable),
                                       process->errorString()));
            }
        });
        QObject::connect(process, &QProcess::finished, q,
                         [this](int exitCode, QProcess::ExitStatus status) { onFinished(exitCode, status); });
        qCDebug(lcSandbox) << "starting" << executable << "with ports" << port << tlsPort;
        process->start();
        scheduleProbe();
    }

    void readOutput()
    {
        if (!process)
            return;
        const QByteArray chunk = process->readAll();
        output += QString::fromLocal8Bit(chunk);
        if (output.size() > MaxOutputKept)
            output = output.right(MaxOutputKept);
        partialLine += chunk;
        qsizetype newline;
        bool reloaded = false;
        while ((newline = partialLine.indexOf('\n')) >= 0) {
            const QByteArray line = partialLine.left(newline).trimmed();
            partialLine.remove(0, newline + 1);
            qCDebug(lcSandbox).noquote() << "mosquitto:" << QString::fromLocal8Bit(line);
            if (line.contains("Reloading config."))
                reloaded = true;
        }
        if (reloaded)
            finishReloads(Done {});
    }

    QString lastLines() const
    {
        QStringList lines = output.trimmed().split(QLatin1Char('\n'));
        if (lines.size() > 6)
            lines = lines.mid(lines.size() - 6);
        return lines.join(QLatin1Char('\n'));
    }

    void scheduleProbe()
    {
        clock->callAfter(ProbeInterval, q, [this, generation = startGeneration] {
            if (generation == startGeneration && starting)
                probe();
        });
    }

    void probe()
    {
        QList<quint16> ports {port};
        if (options.tls)
            ports.append(tlsPort);
        auto remaining = std::make_shared<int>(int(ports.size()));
        auto failed = std::make_shared<bool>(false);
        const quint64 generation = startGeneration;
        for (const quint16 probePort : ports) {
            auto *socket = new QTcpSocket(q);
            auto done = [this, socket, remaining, failed, generation](bool ok) {
                socket->disconnect();
                socket->abort();
                socket->deleteLater();
                if (!ok)
                    *failed = true;
                if (--*remaining > 0 || generation != startGeneration || !starting)
                    return;
                if (*failed)
                    scheduleProbe();
                else
                    finishStart();
            };
            QObject::connect(socket, &QTcpSocket::connected, q, [done] { done(true); });
            QObject::connect(socket, &QTcpSocket::errorOccurred, q, [done] { done(false); });
            socket->connectToHost(options.address, probePort);
        }
    }

    void finishStart()
    {
        starting = false;
        qCInfo(lcSandbox).nospace() << "TTS MQTT broker (mosquitto, pid " << process->processId() << ") listening on "
                                    << options.address.toString() << ":" << port
                                    << (options.tls ? QStringLiteral(" and TLS :%1").arg(tlsPort) : QString());
        Futures::fulfil(startPromise, Status(Done {}));
        startPromise.reset();
    }

    void failStart(const ServiceError &error)
    {
        if (!starting)
            return;
        starting = false;
        ++startGeneration;
        if (process) {
            process->disconnect(q);
            if (process->state() != QProcess::NotRunning)
                process->kill();
            process->deleteLater();
            process = nullptr;
        }
        port = 0;
        tlsPort = 0;
        Futures::fulfil(startPromise, Status(error));
        startPromise.reset();
    }

    void onFinished(int exitCode, QProcess::ExitStatus status)
    {
        readOutput();
        const QString last = lastLines();
        if (starting) {
            const bool portTaken = output.contains(QLatin1String("Address already in use"));
            const bool chosenByUs = (options.port == 0) && (!options.tls || options.tlsPort == 0);
            if (portTaken && chosenByUs && startAttempts < MaxStartAttempts) {
                qCInfo(lcSandbox) << "a port of the TTS MQTT broker was taken meanwhile; trying others";
                process->deleteLater();
                process = nullptr;
                ++startGeneration;
                launch();
                return;
            }
            failStart(ServiceError(ServiceError::Kind::Backend,
                                   MosquittoBroker::tr("mosquitto stopped while starting (exit code %1). Its last "
                                                       "output:\n%2")
                                       .arg(exitCode)
                                       .arg(last)));
            return;
        }
        process->deleteLater();
        process = nullptr;
        finishReloads(ServiceError(ServiceError::Kind::Backend,
                                   MosquittoBroker::tr("mosquitto stopped before it reloaded its password file.")));
        if (stopping) {
            stopping = false;
            if (stopPromise)
                stopPromise->finish();
            stopPromise.reset();
            return;
        }
        const ServiceError error(ServiceError::Kind::Backend,
                                 MosquittoBroker::tr("The TTS MQTT broker (mosquitto) stopped unexpectedly (%1). Its "
                                                     "last output:\n%2")
                                     .arg(status == QProcess::CrashExit ? MosquittoBroker::tr("crashed or killed")
                                                                        : MosquittoBroker::tr("exit code %1").arg(exitCode))
                                     .arg(last));
        qCWarning(lcSandbox).noquote() << error.message();
        emit q->stoppedUnexpectedly(error);
    }

    void finishReloads(const Status &status)
    {
        const auto waiting = std::exchange(reloads, {});
        for (const auto &promise : waiting)
            Futures::fulfil(promise, status);
    }

    MosquittoBroker *q;
    Options options;
    Clock *clock;
    QString executable;
    QPointer<QProcess> process;
    QMap<QString, QStringList> users;
    QByteArray internalPassword;
    quint16 port = 0;
    quint16 tlsPort = 0;
    QString output;
    QByteArray partialLine;
    int startAttempts = 0;
    quint64 startGeneration = 0;
    bool starting = false;
    bool stopping = false;
    Futures::SharedPromise<Status> startPromise;
    std::shared_ptr<QPromise<void>> stopPromise;
    QList<Futures::SharedPromise<Status>> reloads;
};

MosquittoBroker::MosquittoBroker(Options options, Clock *clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options), clock))
{
}

MosquittoBroker::~MosquittoBroker()
{
    if (d->process) {
        d->process->disconnect(this);
        // QProcess's destructor kills and reaps it.
        delete d->process.data();
    }
}

QString MosquittoBroker::findExecutable(const QString &configured)
{
    if (!configured.isEmpty()) {
        const QFileInfo info(configured);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    QString found = QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
    if (found.isEmpty()) {
        // Debian installs the broker in /usr/sbin, which is not on every user's PATH.
        found = QStandardPaths::findExecutable(QStringLiteral("mosquitto"),
                                               {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"),
                                                QStringLiteral("/sbin")});
    }
    return found;
}

QFuture<Status> MosquittoBroker::start()
{
    if (d->starting || isRunning()) {
        return Futures::readyResult<Done>(
            ServiceError(ServiceError::Kind::Conflict, tr("The TTS MQTT broker is already running.")));
    }
    if (d->options.stateDirectory.isEmpty())
        return Futures::readyResult<Done>(ServiceError::invalidInput(tr("The MQTT broker needs a state directory.")));
    d->executable = findExecutable(d->options.executable);
    if (d->executable.isEmpty()) {
        const QString message = d->options.executable.isEmpty()
            ? tr("mosquitto was not found — install the Debian package mosquitto (the sandbox runs it as the TTS "
                 "MQTT server).")
            : tr("mosquitto was not found at %1 — install the Debian package mosquitto or correct the path.")
                  .arg(d->options.executable);
        return Futures::readyResult<Done>(ServiceError::notConfigured(message));
    }
    if (d->options.tls) {
        for (const QString &file : {d->options.certificateFile, d->options.keyFile, d->options.caFile}) {
            if (file.isEmpty() || !QFileInfo(file).isReadable()) {
                return Futures::readyResult<Done>(ServiceError::notConfigured(
                    tr("The TLS listener of the MQTT broker needs a readable certificate, key and CA file; \"%1\" is "
                       "missing.")
                        .arg(file)));
            }
        }
    }
    if (!QDir().mkpath(d->directory())) {
        return Futures::readyResult<Done>(ServiceError(
            ServiceError::Kind::Backend, tr("Could not create %1 — check that the state directory is writable.").arg(d->directory())));
    }
    QFile::setPermissions(d->directory(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    d->internalPassword = QByteArray::number(QRandomGenerator::system()->generate64(), 36)
        + QByteArray::number(QRandomGenerator::system()->generate64(), 36);
    d->startPromise = Futures::startedPromise<Status>();
    auto future = d->startPromise->future();
    d->starting = true;
    d->startAttempts = 0;
    ++d->startGeneration;
    const quint64 generation = d->startGeneration;
    d->clock->callAfter(d->options.startTimeout, this, [this, generation] {
        if (generation != d->startGeneration || !d->starting)
            return;
        d->failStart(ServiceError(ServiceError::Kind::Timeout,
                                  tr("mosquitto did not accept connections within %1 s. Its last output:\n%2")
                                      .arg(d->options.startTimeout.count() / 1000.0)
                                      .arg(d->lastLines())));
    });
    d->launch();
    return future;
}

QFuture<void> MosquittoBroker::stop()
{
    if (d->starting)
        d->failStart(ServiceError::canceled(tr("start the TTS MQTT broker")));
    if (!isRunning())
        return QtFuture::makeReadyFuture();
    if (!d->stopping) {
        d->stopping = true;
        d->stopPromise = std::make_shared<QPromise<void>>();
        d->stopPromise->start();
        d->process->terminate();
        QPointer<QProcess> process = d->process;
        d->clock->callAfter(d->options.stopTimeout, this, [process] {
            if (process && process->state() != QProcess::NotRunning)
                process->kill();
        });
    }
    return d->stopPromise->future();
}

bool MosquittoBroker::isRunning() const
{
    return d->process && d->process->state() != QProcess::NotRunning && !d->starting;
}

qint64 MosquittoBroker::processId() const
{
    return d->process ? d->process->processId() : 0;
}

QString MosquittoBroker::host() const
{
    return d->options.address.toString();
}

quint16 MosquittoBroker::port() const
{
    return d->port;
}

quint16 MosquittoBroker::tlsPort() const
{
    return d->tlsPort;
}

QString MosquittoBroker::applicationUsername(const QString &applicationId, const QString &tenantId)
{
    return applicationId + QLatin1Char('@') + tenantId;
}

QFuture<Status> MosquittoBroker::setApplicationKeys(const QString &applicationId, const QString &tenantId,
                                                    const QStringList &keys)
{
    const QString username = applicationUsername(applicationId, tenantId);
    Status valid = MosquittoBrokerConfig::checkUsername(username);
    if (valid.ok() && (username.contains(QLatin1Char('/')) || applicationId.isEmpty() || tenantId.isEmpty())) {
        valid = ServiceError::invalidInput(
            tr("\"%1\" is not an application user of the form {application}@{tenant}.").arg(username));
    }
    if (!valid.ok())
        return Futures::readyResult<Done>(valid.error());
    if (username == internalUsername())
        return Futures::readyResult<Done>(ServiceError::invalidInput(tr("That user name is reserved for the sandbox.")));
    for (const QString &key : keys) {
        if (key.isEmpty() || key.contains(QLatin1Char('\n')))
            return Futures::readyResult<Done>(ServiceError::invalidInput(tr("An API key is empty or spans lines.")));
    }
    if (keys.isEmpty())
        d->users.remove(username);
    else
        d->users.insert(username, keys);
    qCDebug(lcSandbox) << "MQTT user" << username << "now has" << keys.size() << "API key(s)";

    if (!d->starting && !isRunning())
        return Futures::readyResult<Done>(Done {});
    const Status written = d->writeCredentials();
    if (!written.ok())
        return Futures::readyResult<Done>(written.error());
    if (d->starting) // the broker reads the files when it starts
        return Futures::readyResult<Done>(Done {});
    auto promise = Futures::startedPromise<Status>();
    d->reloads.append(promise);
    ::kill(pid_t(d->process->processId()), SIGHUP);
    d->clock->callAfter(d->options.reloadTimeout, this, [promise] {
        Futures::fulfil(promise, Status(ServiceError(ServiceError::Kind::Timeout,
                                                     tr("mosquitto did not reload its password file in time."))));
    });
    return promise->future();
}

QByteArray MosquittoBroker::internalPassword() const
{
    return d->internalPassword;
}

QString MosquittoBroker::configurationPath() const
{
    return d->path("mosquitto.conf");
}

QString MosquittoBroker::directory() const
{
    return d->directory();
}

QString MosquittoBroker::recentOutput() const
{
    return d->output;
}

} // namespace TwinBridge::Sandbox
