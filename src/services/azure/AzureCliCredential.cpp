#include "services/azure/AzureCliCredential.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

namespace TwinBridge {

namespace {

using TokenPromise = Futures::SharedPromise<Result<AccessToken>>;

QDateTime expiryFrom(const QJsonObject &object)
{
    // expires_on (POSIX seconds, CLI ≥ 2.54) is preferred; expiresOn is local time without a zone.
    const QJsonValue posix = object.value(QLatin1String("expires_on"));
    bool ok = posix.isDouble();
    qint64 seconds = ok ? qint64(posix.toDouble()) : posix.toString().toLongLong(&ok);
    if (ok && seconds > 0)
        return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    const QString local = object.value(QLatin1String("expiresOn")).toString();
    QDateTime parsed = QDateTime::fromString(local.left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (parsed.isValid()) {
        parsed.setTimeSpec(Qt::LocalTime);
        return parsed.toUTC();
    }
    return {};
}

} // namespace

Result<AccessToken> AzureCliCredential::parseOutput(int exitCode, int exitStatus, const QByteArray &output,
                                                    const QString &errorText, const QStringList &scopes) const
{
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        qCInfo(lcAzureAuth) << "az exited with code" << exitCode
                            << (exitStatus != QProcess::NormalExit ? "(crashed)" : "");
        const bool notSignedIn = errorText.contains(QLatin1String("az login")) ||
            errorText.contains(QLatin1String("AADSTS70043")) || errorText.contains(QLatin1String("AADSTS700082"));
        if (notSignedIn) {
            return ServiceError(ServiceError::Kind::NotConfigured,
                                tr("The Azure CLI is not signed in, or its sign-in has expired. Run “az login” in a "
                                   "terminal, then try again."),
                                errorText.left(2000));
        }
        return ServiceError(ServiceError::Kind::Backend,
                            tr("The Azure CLI could not get an access token (exit code %1). Check the details, run "
                               "“az login” again, or sign in another way.")
                                .arg(exitCode),
                            errorText.left(2000));
    }
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(output, &parseError).object();
    AccessToken token;
    token.token = object.value(QLatin1String("accessToken")).toString();
    token.expiresOn = expiryFrom(object);
    token.scopes = scopes;
    if (!token.isValid()) {
        // Never quote the output: it holds the token.
        return ServiceError(ServiceError::Kind::MalformedResponse,
                            tr("The Azure CLI printed an answer TwinBridge does not understand. Update the Azure CLI, "
                               "or sign in another way."),
                            parseError.error != QJsonParseError::NoError
                                ? parseError.errorString()
                                : QStringLiteral("no accessToken or expiry in the output"));
    }
    qCDebug(lcAzureAuth) << "az returned a token valid until" << token.expiresOn.toString(Qt::ISODate);
    return token;
}

AzureCliCredential::AzureCliCredential(Clock *clock, QObject *parent)
    : TokenCredential(clock, parent)
{ }

AzureCliCredential::~AzureCliCredential() = default;

QString AzureCliCredential::displayName() const
{
    return tr("Azure CLI");
}

QString AzureCliCredential::resolvedProgram() const
{
    if (m_program.contains(QLatin1Char('/'))) {
        const QFileInfo info(m_program);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(m_program);
}

QFuture<Result<AccessToken>> AzureCliCredential::acquireToken(const QStringList &scopes)
{
    const QString operation = tr("get an Azure token from the Azure CLI");
    auto fail = [&operation](ServiceError error) {
        error.setOperation(operation);
        return Futures::readyResult<AccessToken>(std::move(error));
    };

    // The CLI wants a resource; a token for one resource is what a `{resource}/.default` scope asks for.
    const QString defaultSuffix = QStringLiteral("/.default");
    if (scopes.size() != 1 || !scopes.first().endsWith(defaultSuffix)) {
        return fail(
            ServiceError::invalidInput(tr("The Azure CLI can only get tokens for one “…/.default” scope, not “%1”.")
                                           .arg(scopes.join(QLatin1Char(' ')))));
    }
    const QString resource = scopes.first().chopped(defaultSuffix.size());

    const QString program = resolvedProgram();
    if (program.isEmpty()) {
        qCInfo(lcAzureAuth).noquote() << "Azure CLI not found:" << m_program;
        return fail(ServiceError(ServiceError::Kind::Unsupported,
                                 tr("Azure CLI (az) was not found on PATH — install it or sign in another way."),
                                 m_program));
    }

    QStringList arguments {QStringLiteral("account"), QStringLiteral("get-access-token"), QStringLiteral("--output"),
                           QStringLiteral("json"),    QStringLiteral("--resource"),       resource};
    const bool tenantAlias = m_tenant.compare(QLatin1String("common"), Qt::CaseInsensitive) == 0 ||
        m_tenant.compare(QLatin1String("organizations"), Qt::CaseInsensitive) == 0;
    if (!m_tenant.isEmpty() && !tenantAlias)
        arguments << QStringLiteral("--tenant") << m_tenant;

    TokenPromise promise = Futures::startedPromise<Result<AccessToken>>();
    auto *process = new QProcess(this);
    process->setProgram(program);
    process->setArguments(arguments);
    process->setProcessChannelMode(QProcess::SeparateChannels);

    // Exactly one of failed-to-start, finished and timeout resolves the promise.
    auto done = std::make_shared<bool>(false);
    auto finish = [promise, done, operation](Result<AccessToken> result) {
        *done = true;
        if (!result) {
            ServiceError error = result.error();
            error.setOperation(operation);
            result = error;
        }
        Futures::fulfil(promise, std::move(result));
    };

    connect(process, &QProcess::errorOccurred, this, [this, process, done, finish](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart || *done)
            return;
        qCInfo(lcAzureAuth) << "az could not be started";
        finish(ServiceError(ServiceError::Kind::Unsupported,
                            tr("Azure CLI (az) was not found on PATH — install it or sign in another way."),
                            process->errorString()));
        process->deleteLater();
    });

    connect(process, &QProcess::finished, this,
            [this, process, done, finish, scopes](int exitCode, QProcess::ExitStatus status) {
                process->deleteLater();
                if (*done)
                    return;
                finish(parseOutput(exitCode, status, process->readAllStandardOutput(),
                                   QString::fromUtf8(process->readAllStandardError()).trimmed(), scopes));
            });

    // A CLI that hangs (waiting for a prompt, a stuck network) must not block the sign-in forever.
    clock()->callAfter(m_timeout, process, [this, process, done, finish] {
        if (*done)
            return;
        qCInfo(lcAzureAuth) << "az did not answer in time; killing it";
        finish(ServiceError(ServiceError::Kind::Timeout,
                            tr("The Azure CLI did not answer in time. Run “az account get-access-token” in a terminal "
                               "to see what it waits for.")));
        process->kill(); // finished() follows and deletes it
    });

    qCDebug(lcAzureAuth).noquote() << "running" << program << "account get-access-token for" << resource;
    process->start(QIODevice::ReadOnly);
    return promise->future();
}

} // namespace TwinBridge
