#pragma once

#include "services/core/ServiceError.h"
#include "services/engine/TlsClientContext.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSocketNotifier;

namespace TwinBridge {

// A TLS client connection on a non-blocking socket: resolve (QHostInfo), connect, handshake with SNI and
// host-name verification against `peerName`, then encrypted bytes both ways. Writes are queued while the
// socket is full; nothing is buffered once it drained. Errors are ServiceErrors of kind Tls (handshake,
// certificate) or Network (resolve, connect, reset); the peer closing is tlsDisconnected().
// Made to be held ten thousand times: the listener is called directly (no signal connections), the socket
// has one read notifier that calls the stream without a connection, and a write notifier only while the
// socket cannot take more (connecting, a full send buffer).
class TlsStream : public QObject
{
    Q_OBJECT

public:
    // What the stream reports. Called on the stream's thread; the listener may close or delete the stream
    // (deleteLater()) from any of these.
    class Listener
    {
    public:
        virtual void tlsEncrypted() = 0;
        virtual void tlsReceived(const QByteArray &bytes) = 0;
        virtual void tlsFailed(const TwinBridge::ServiceError &error) = 0;
        virtual void tlsDisconnected() = 0;

    protected:
        ~Listener() = default;
    };

    TlsStream(std::shared_ptr<TlsClientContext> context, Listener *listener, QObject *parent = nullptr);
    ~TlsStream() override;

    // No more calls to the listener (e.g. before deleteLater()).
    void clearListener() { m_listener = nullptr; }

    void connectToHost(const QString &host, quint16 port, const QString &peerName);
    // Queues `bytes`; sent as soon as the socket takes them. Ignored unless encrypted.
    void write(const QByteArray &bytes);
    // Sends close_notify (best effort) and closes the socket. No signal.
    void close();

    bool isEncrypted() const { return m_state == State::Encrypted; }
    qsizetype pendingBytes() const { return m_pending.size() - m_pendingOffset; }

private:
    enum class State { Idle, Resolving, Connecting, Handshaking, Encrypted, Closed };
    class Notifier;

    void startConnect(const QList<QHostAddress> &addresses);
    void connectNext();
    bool tryNextAddress();
    void onReadable();
    void onWritable();
    void handshake();
    void readAll();
    void flush();
    void updateNotifiers(bool wantRead, bool wantWrite);
    void fail(ServiceError error);
    void teardown();
    QString sslErrorText() const;

    std::shared_ptr<TlsClientContext> m_context;
    Listener *m_listener;
    State m_state = State::Idle;
    int m_fd = -1;
    void *m_ssl = nullptr; // SSL *
    Notifier *m_readNotifier = nullptr;
    Notifier *m_writeNotifier = nullptr; // only while writing is wanted
    QByteArray m_pending;
    qsizetype m_pendingOffset = 0;
    QString m_host;
    QString m_peerName;
    quint16 m_port = 0;
    int m_lookupId = -1;
    QList<QHostAddress> m_addresses;
    qsizetype m_addressIndex = 0;
    bool m_readWantsWrite = false;
};

} // namespace TwinBridge
