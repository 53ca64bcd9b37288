#include "services/diagnostics/EndpointProbe.h"

#include "services/core/Logging.h"

#include <QHostAddress>
#include <QLocale>
#include <QSslCertificate>
#include <QSslSocket>

namespace TwinBridge {

namespace {

QString commonName(const QStringList &names)
{
    return names.isEmpty() ? QString() : names.first();
}

QString subjectOf(const QSslCertificate &certificate)
{
    QString name = commonName(certificate.subjectInfo(QSslCertificate::CommonName));
    if (name.isEmpty())
        name = commonName(certificate.subjectInfo(QSslCertificate::Organization));
    return name;
}

QString issuerOf(const QSslCertificate &certificate)
{
    QString name = commonName(certificate.issuerInfo(QSslCertificate::CommonName));
    if (name.isEmpty())
        name = commonName(certificate.issuerInfo(QSslCertificate::Organization));
    return name;
}

QString namesOf(const QSslCertificate &certificate)
{
    QStringList names;
    const auto alternates = certificate.subjectAlternativeNames();
    for (auto it = alternates.cbegin(); it != alternates.cend(); ++it)
        names.append(it.value());
    if (names.isEmpty())
        names.append(subjectOf(certificate));
    names.removeDuplicates();
    return QLocale().createSeparatedList(names);
}

} // namespace

EndpointProbe::EndpointProbe(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
{ }

EndpointProbe::~EndpointProbe()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
}

void EndpointProbe::start(const QString &host, quint16 port, const std::optional<QSslConfiguration> &tls,
                          std::chrono::milliseconds timeout)
{
    if (m_socket)
        abort();
    m_host = host;
    m_port = port;
    m_tls = tls.has_value();
    m_sslErrors.clear();
    const quint64 attempt = ++m_attempt;

    auto *socket = new QSslSocket(this);
    m_socket = socket;
    connect(socket, &QAbstractSocket::errorOccurred, this, &EndpointProbe::onErrorOccurred);
    connect(socket, &QAbstractSocket::connected, this, &EndpointProbe::onConnected);
    connect(socket, &QSslSocket::encrypted, this, &EndpointProbe::onEncrypted);
    connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    m_clock->callAfter(timeout, this, [this, attempt, timeout] {
        if (attempt != m_attempt || !m_socket)
            return;
        Outcome outcome;
        outcome.failure = Failure::Timeout;
        const bool tcpUp = m_socket->state() == QAbstractSocket::ConnectedState;
        outcome.sentence = tcpUp && m_tls
            ? tr("%1:%2 accepted the connection but did not complete a TLS handshake within %3 s. The port may not "
                 "speak TLS; check the port in the profile.")
                  .arg(m_host)
                  .arg(m_port)
                  .arg(timeout.count() / 1000)
            : tr("Nothing answered at %1:%2 within %3 s. A firewall may drop the traffic, or the host is down; check "
                 "the address and port, and that outgoing connections to this port are allowed.")
                  .arg(m_host)
                  .arg(m_port)
                  .arg(timeout.count() / 1000);
        complete(outcome);
    });

    if (m_tls) {
        socket->setSslConfiguration(*tls);
        socket->setPeerVerifyName(host);
        socket->connectToHostEncrypted(host, port);
    } else {
        socket->connectToHost(host, port);
    }
}

void EndpointProbe::abort()
{
    if (!m_socket)
        return;
    Outcome outcome;
    outcome.failure = Failure::Canceled;
    outcome.sentence = tr("Canceled.");
    complete(outcome);
}

void EndpointProbe::onConnected()
{
    if (m_tls)
        return; // the handshake follows
    Outcome outcome;
    outcome.sentence = tr("%1:%2 accepts connections.").arg(m_host).arg(m_port);
    complete(outcome);
}

void EndpointProbe::onEncrypted()
{
    Outcome outcome;
    const QSslCertificate peer = m_socket->peerCertificate();
    const QString issuer = issuerOf(peer);
    outcome.sentence = issuer.isEmpty()
        ? tr("%1:%2 answered over TLS with a trusted certificate.").arg(m_host).arg(m_port)
        : tr("%1:%2 answered over TLS with a trusted certificate issued by “%3”.").arg(m_host).arg(m_port).arg(issuer);
    complete(outcome);
}

void EndpointProbe::onErrorOccurred()
{
    if (!m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    Outcome outcome;
    outcome.detail = m_socket->errorString();
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        outcome.failure = Failure::HostNotFound;
        outcome.sentence = tr("The host name “%1” could not be resolved (DNS). Check its spelling in the profile and "
                              "this computer's network and DNS settings.")
                               .arg(m_host);
        break;
    case QAbstractSocket::ConnectionRefusedError:
        outcome.failure = Failure::Refused;
        outcome.sentence = tr("%1 refused the connection on port %2: nothing listens there. Check the port in the "
                              "profile and that the service is running.")
                               .arg(m_host)
                               .arg(m_port);
        break;
    case QAbstractSocket::SocketTimeoutError:
        outcome.failure = Failure::Timeout;
        outcome.sentence =
            tr("Nothing answered at %1:%2 in time. Check the address, the port and firewalls.").arg(m_host).arg(m_port);
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        outcome.failure = Failure::Tls;
        for (const QSslError &sslError : std::as_const(m_sslErrors))
            outcome.sslErrors.append(sslError.error());
        outcome.sentence = m_sslErrors.isEmpty()
            ? tr("The TLS handshake with %1:%2 failed. The port may not speak TLS (a plain-text port?) or the server "
                 "needs a TLS version or cipher this computer does not offer.")
                  .arg(m_host)
                  .arg(m_port)
            : certificateSentence(m_sslErrors, m_host);
        break;
    case QAbstractSocket::RemoteHostClosedError:
        if (m_tls && m_socket->state() != QAbstractSocket::UnconnectedState && !m_socket->isEncrypted()) {
            outcome.failure = Failure::Tls;
            outcome.sentence = tr("%1:%2 closed the connection during the TLS handshake. The port may not speak TLS, "
                                  "or the server rejected this computer's TLS offer.")
                                   .arg(m_host)
                                   .arg(m_port);
            break;
        }
        [[fallthrough]];
    default:
        outcome.failure = Failure::Network;
        outcome.sentence = tr("The connection to %1:%2 failed: %3. Check the network and the address in the profile.")
                               .arg(m_host)
                               .arg(m_port)
                               .arg(m_socket->errorString());
        break;
    }
    complete(outcome);
}

void EndpointProbe::complete(Outcome outcome)
{
    if (!m_socket)
        return;
    QSslSocket *socket = m_socket;
    m_socket = nullptr;
    ++m_attempt;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    qCDebug(lcDiagnostics) << "probe of" << m_host << m_port << "ended:" << outcome.failure;
    emit finished(outcome);
}

bool EndpointProbe::isLoopbackHost(const QString &host)
{
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback();
}

QString EndpointProbe::certificateSentence(const QList<QSslError> &errors, const QString &host)
{
    // The problem that decides what the user has to do comes first: trust, then name, then dates.
    static const QList<QSslError::SslError> untrusted = {
        QSslError::UnableToGetLocalIssuerCertificate,
        QSslError::UnableToGetIssuerCertificate,
        QSslError::SelfSignedCertificate,
        QSslError::SelfSignedCertificateInChain,
        QSslError::UnableToVerifyFirstCertificate,
        QSslError::CertificateUntrusted,
        QSslError::CertificateSignatureFailed,
    };
    auto find = [&errors](const QList<QSslError::SslError> &kinds) -> const QSslError * {
        for (const QSslError &error : errors) {
            if (kinds.contains(error.error()))
                return &error;
        }
        return nullptr;
    };
    if (const QSslError *error = find(untrusted)) {
        const QSslCertificate certificate = error->certificate();
        const QString issuer = certificate.isNull() ? QString() : issuerOf(certificate);
        return issuer.isEmpty()
            ? tr("The certificate of %1 is signed by a certificate authority this profile does not trust (%2). If "
                 "the server uses a private or sandbox CA, choose that CA's PEM file under TLS → Extra CA certificate; "
                 "if one is chosen, it is not the CA that signed this server's certificate.")
                  .arg(host, error->errorString())
            : tr("The certificate of %1 is issued by “%2”, a certificate authority this profile does not trust. If "
                 "the server uses a private or sandbox CA, choose that CA's PEM file under TLS → Extra CA certificate; "
                 "if one is chosen, it is not the CA that signed this server's certificate.")
                  .arg(host, issuer);
    }
    if (const QSslError *error = find({QSslError::HostNameMismatch})) {
        return tr("The certificate presented at %1 is issued to %2, not to %1. Check the host name in the profile "
                  "(a proxy or a wrong DNS entry may answer instead of the service).")
            .arg(host, namesOf(error->certificate()));
    }
    if (const QSslError *error = find({QSslError::CertificateExpired})) {
        return tr("The certificate of %1 expired on %2. If that date is in the future, this computer's clock is "
                  "wrong; otherwise the server's operator must renew it.")
            .arg(host, QLocale().toString(error->certificate().expiryDate().toUTC(), QLocale::ShortFormat));
    }
    if (const QSslError *error = find({QSslError::CertificateNotYetValid})) {
        return tr("The certificate of %1 is valid only from %2. Check this computer's clock.")
            .arg(host, QLocale().toString(error->certificate().effectiveDate().toUTC(), QLocale::ShortFormat));
    }
    if (find({QSslError::CertificateRevoked}))
        return tr("The certificate of %1 has been revoked. Do not connect; tell the server's operator.").arg(host);
    if (find({QSslError::NoPeerCertificate}))
        return tr("%1 presented no certificate. Check that the address is the service's TLS port.").arg(host);
    return tr("The certificate of %1 was not accepted: %2")
        .arg(host, errors.isEmpty() ? QString() : errors.first().errorString());
}

} // namespace TwinBridge
