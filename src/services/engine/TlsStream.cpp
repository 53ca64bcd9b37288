#include "services/engine/TlsStream.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QSocketNotifier>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

namespace TwinBridge {

namespace {

SSL *sslOf(void *handle)
{
    return static_cast<SSL *>(handle);
}

} // namespace

// A socket notifier that calls its stream directly instead of emitting activated(): no connection object
// and no connection lists per notifier.
class TlsStream::Notifier : public QSocketNotifier
{
public:
    Notifier(int fd, Type type, TlsStream *stream)
        : QSocketNotifier(qintptr(fd), type, stream)
        , m_stream(stream)
    { }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != QEvent::SockAct && event->type() != QEvent::SockClose)
            return QSocketNotifier::event(event);
        // The stream may delete this notifier in there: nothing of it is touched afterwards.
        if (type() == QSocketNotifier::Read)
            m_stream->onReadable();
        else
            m_stream->onWritable();
        return true;
    }

private:
    TlsStream *m_stream;
};

TlsStream::TlsStream(std::shared_ptr<TlsClientContext> context, Listener *listener, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_listener(listener)
{ }

TlsStream::~TlsStream()
{
    teardown();
}

void TlsStream::connectToHost(const QString &host, quint16 port, const QString &peerName)
{
    teardown();
    m_host = host;
    m_port = port;
    m_peerName = peerName;
    QHostAddress literal;
    if (literal.setAddress(host)) {
        m_state = State::Connecting;
        startConnect({literal});
        return;
    }
    m_state = State::Resolving;
    m_lookupId = QHostInfo::lookupHost(host, this, [this](const QHostInfo &info) {
        m_lookupId = -1;
        if (m_state != State::Resolving)
            return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            ServiceError error(ServiceError::Kind::Network,
                               tr("The host name %1 cannot be resolved (%2). Check the MQTT host in the profile and "
                                  "the network.")
                                   .arg(m_host, info.errorString()),
                               info.errorString());
            error.setCode(QStringLiteral("Unreachable"));
            fail(error);
            return;
        }
        m_state = State::Connecting;
        startConnect(info.addresses());
    });
}

void TlsStream::startConnect(const QList<QHostAddress> &addresses)
{
    m_addresses = addresses;
    m_addressIndex = 0;
    connectNext();
}

// Tries the addresses in turn (e.g. ::1 then 127.0.0.1 for "localhost"); the error of the last one counts.
void TlsStream::connectNext()
{
    const QHostAddress address = m_addresses.at(m_addressIndex);
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(m_port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof(bytes));
        length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(m_port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    m_fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        ServiceError error(ServiceError::Kind::Network,
                           tr("No socket could be opened (%1).").arg(QString::fromLocal8Bit(std::strerror(errno))));
        error.setCode(QStringLiteral("SocketError"));
        fail(error);
        return;
    }
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    m_readNotifier = new Notifier(m_fd, QSocketNotifier::Read, this);
    m_readNotifier->setEnabled(false);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&storage), length) == 0) {
        onWritable(); // connected at once (loopback)
        return;
    }
    if (errno != EINPROGRESS) {
        const int code = errno;
        if (tryNextAddress())
            return;
        ServiceError error(ServiceError::Kind::Network,
                           tr("IoT Hub's MQTT endpoint %1:%2 cannot be reached (%3). Check the host and port in the "
                              "profile and the network.")
                               .arg(m_host)
                               .arg(m_port)
                               .arg(QString::fromLocal8Bit(std::strerror(code))));
        error.setCode(QStringLiteral("Unreachable"));
        fail(error);
        return;
    }
    updateNotifiers(false, true);
}

bool TlsStream::tryNextAddress()
{
    if (m_addressIndex + 1 >= m_addresses.size())
        return false;
    ++m_addressIndex;
    delete m_readNotifier;
    delete m_writeNotifier;
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    connectNext();
    return true;
}

void TlsStream::onWritable()
{
    if (m_state == State::Connecting) {
        int code = 0;
        socklen_t size = sizeof(code);
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &code, &size);
        if (code != 0) {
            if (tryNextAddress())
                return;
            ServiceError error(ServiceError::Kind::Network,
                               tr("IoT Hub's MQTT endpoint %1:%2 cannot be reached (%3). Check the host and port in "
                                  "the profile and the network.")
                                   .arg(m_host)
                                   .arg(m_port)
                                   .arg(QString::fromLocal8Bit(std::strerror(code))));
            error.setCode(QStringLiteral("Unreachable"));
            fail(error);
            return;
        }
        SSL *ssl = SSL_new(static_cast<SSL_CTX *>(m_context->nativeHandle()));
        m_ssl = ssl;
        SSL_set_fd(ssl, m_fd);
        const QByteArray peer = m_peerName.toUtf8();
        SSL_set_tlsext_host_name(ssl, peer.constData());
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        SSL_set1_host(ssl, peer.constData());
        SSL_set_connect_state(ssl);
        m_state = State::Handshaking;
        m_addresses.clear(); // connected: the other addresses are not needed any more
        handshake();
        return;
    }
    if (m_state == State::Handshaking) {
        handshake();
        return;
    }
    if (m_state != State::Encrypted)
        return;
    if (m_readWantsWrite) {
        m_readWantsWrite = false;
        readAll();
        if (m_state != State::Encrypted)
            return;
    }
    flush();
}

void TlsStream::onReadable()
{
    if (m_state == State::Handshaking)
        handshake();
    else if (m_state == State::Encrypted)
        readAll();
}

void TlsStream::handshake()
{
    ERR_clear_error();
    SSL *ssl = sslOf(m_ssl);
    const int result = SSL_do_handshake(ssl);
    if (result == 1) {
        m_state = State::Encrypted;
        updateNotifiers(true, pendingBytes() > 0);
        if (m_listener)
            m_listener->tlsEncrypted();
        return;
    }
    const int code = SSL_get_error(ssl, result);
    if (code == SSL_ERROR_WANT_READ) {
        updateNotifiers(true, false);
        return;
    }
    if (code == SSL_ERROR_WANT_WRITE) {
        updateNotifiers(false, true);
        return;
    }
    const long verify = SSL_get_verify_result(ssl);
    ServiceError error;
    if (verify != X509_V_OK) {
        const QString reason = QString::fromLatin1(X509_verify_cert_error_string(verify));
        error = ServiceError(ServiceError::Kind::Tls,
                             tr("The TLS connection to IoT Hub failed: %1. Check the CA certificate of the profile and "
                                "that the MQTT host presents a certificate for %2.")
                                 .arg(reason, m_peerName),
                             reason);
        error.setCode(QStringLiteral("TlsError"));
    } else if (code == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
        error = ServiceError(ServiceError::Kind::Network,
                             tr("IoT Hub closed the connection during the TLS handshake; it will be retried."));
        error.setCode(QStringLiteral("ConnectionLost"));
    } else {
        const QString reason = sslErrorText();
        error = ServiceError(ServiceError::Kind::Tls,
                             tr("The TLS handshake with IoT Hub failed: %1. Check the CA certificate of the profile "
                                "and that the MQTT host presents a certificate for %2.")
                                 .arg(reason, m_peerName),
                             reason);
        error.setCode(QStringLiteral("TlsError"));
    }
    fail(error);
}

void TlsStream::readAll()
{
    SSL *ssl = sslOf(m_ssl);
    char buffer[16 * 1024];
    QByteArray data;
    for (;;) {
        ERR_clear_error();
        const int n = SSL_read(ssl, buffer, int(sizeof(buffer)));
        if (n > 0) {
            data.append(buffer, n);
            continue;
        }
        const int code = SSL_get_error(ssl, n);
        if (code == SSL_ERROR_WANT_READ)
            break;
        if (code == SSL_ERROR_WANT_WRITE) {
            m_readWantsWrite = true;
            updateNotifiers(true, true);
            break;
        }
        if (!data.isEmpty() && m_listener)
            m_listener->tlsReceived(data);
        if (m_state != State::Encrypted)
            return;
        if (code == SSL_ERROR_ZERO_RETURN || (code == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)) {
            teardown();
            if (m_listener)
                m_listener->tlsDisconnected();
            return;
        }
        ServiceError error(ServiceError::Kind::Network,
                           tr("The connection to IoT Hub failed (%1); it will be opened again.").arg(sslErrorText()));
        error.setCode(QStringLiteral("ConnectionLost"));
        fail(error);
        return;
    }
    if (!data.isEmpty() && m_listener)
        m_listener->tlsReceived(data);
}

void TlsStream::write(const QByteArray &bytes)
{
    if (m_state != State::Encrypted || bytes.isEmpty())
        return;
    if (pendingBytes() == 0) {
        m_pending = bytes;
        m_pendingOffset = 0;
    } else {
        m_pending.append(bytes);
    }
    flush();
}

void TlsStream::flush()
{
    SSL *ssl = sslOf(m_ssl);
    while (pendingBytes() > 0) {
        ERR_clear_error();
        const int n = SSL_write(ssl, m_pending.constData() + m_pendingOffset, int(pendingBytes()));
        if (n > 0) {
            m_pendingOffset += n;
            continue;
        }
        const int code = SSL_get_error(ssl, n);
        if (code == SSL_ERROR_WANT_WRITE || code == SSL_ERROR_WANT_READ) {
            updateNotifiers(true, true);
            return;
        }
        ServiceError error(
            ServiceError::Kind::Network,
            tr("The connection to IoT Hub failed while sending (%1); it will be opened again.")
                .arg(code == SSL_ERROR_SYSCALL ? QString::fromLocal8Bit(std::strerror(errno)) : sslErrorText()));
        error.setCode(QStringLiteral("ConnectionLost"));
        fail(error);
        return;
    }
    // Drained: hold no memory while idle.
    m_pending = QByteArray();
    m_pendingOffset = 0;
    updateNotifiers(true, m_readWantsWrite);
}

void TlsStream::updateNotifiers(bool wantRead, bool wantWrite)
{
    if (m_readNotifier && m_readNotifier->isEnabled() != wantRead)
        m_readNotifier->setEnabled(wantRead);
    if (wantWrite && !m_writeNotifier && m_fd >= 0)
        m_writeNotifier = new Notifier(m_fd, QSocketNotifier::Write, this);
    else if (!wantWrite && m_writeNotifier)
        delete std::exchange(m_writeNotifier, nullptr); // may be the one calling: it touches nothing after
}

QString TlsStream::sslErrorText() const
{
    const unsigned long code = ERR_get_error();
    if (code == 0)
        return tr("unknown TLS error");
    char text[256];
    ERR_error_string_n(code, text, sizeof(text));
    ERR_clear_error();
    return QString::fromLatin1(text);
}

void TlsStream::close()
{
    if (m_state == State::Encrypted && m_ssl) {
        if (pendingBytes() > 0)
            flush(); // best effort: the last packets (DISCONNECT)
        ERR_clear_error();
        SSL_shutdown(sslOf(m_ssl));
    }
    teardown();
}

void TlsStream::fail(ServiceError error)
{
    teardown();
    if (m_listener)
        m_listener->tlsFailed(error);
}

void TlsStream::teardown()
{
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    delete m_readNotifier;
    delete m_writeNotifier;
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    if (m_ssl) {
        SSL_free(sslOf(m_ssl));
        m_ssl = nullptr;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_pending = QByteArray();
    m_pendingOffset = 0;
    m_readWantsWrite = false;
    m_addresses.clear();
    m_state = State::Closed;
}

} // namespace TwinBridge
