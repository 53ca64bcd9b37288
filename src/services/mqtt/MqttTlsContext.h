#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

struct ssl_ctx_st;

namespace TwinBridge {

// The OpenSSL client contexts MosquittoClient hands to libmosquitto (MOSQ_OPT_SSL_CTX), and the per-connection
// verification of the server's host name.
//
// Why not libmosquitto's own TLS setup: MosquittoClient resolves the host itself (QHostInfo, so that
// getaddrinfo never blocks the event loop) and passes libmosquitto an IP address. libmosquitto would then send
// that address as SNI and verify the certificate against it. Instead these contexts:
//  - send the real host name as SNI and make OpenSSL verify the certificate against it (SSL_set1_host, or the
//    IP address for an IP literal), set at the start of each handshake from the connection's Peer;
//  - record the first certificate error, so that "not trusted" and "wrong host name" become distinct errors;
//  - require TLS 1.2 or later, with peer verification always on (there is no "insecure" switch);
//  - are shared: one context per CA file (keyed by path, size and modification time) for every connection in
//    the process, instead of one context with its own parsed CA store per connection (10,000 device
//    connections share one). The system CAs are one more shared context.
// OpenSSL calls the callbacks inside libmosquitto's calls; a thread-local Scope, opened around every
// libmosquitto call of a client, tells them whose handshake it is.
class MqttTlsContext
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::MqttTlsContext)

public:
    // What one connection's handshake needs and what it found.
    struct Peer
    {
        QByteArray serverName; // the name the certificate must match (host name or IP literal)
        int verifyError = 0; // X509_V_OK, or the first certificate error
        bool handshakeStarted = false;

        void reset()
        {
            verifyError = 0;
            handshakeStarted = false;
        }
    };

    // Marks `peer` as the connection the OpenSSL callbacks of this thread belong to, for the scope's lifetime.
    class Scope
    {
    public:
        explicit Scope(Peer *peer);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        Peer *m_previous;
    };

    // The shared context trusting the certificates in `caFile` (PEM), or the system's CAs when empty. The
    // context lives as long as the process; libmosquitto takes its own reference. Errors: NotConfigured when
    // the file cannot be read or holds no certificate.
    static Result<ssl_ctx_st *> clientContext(const QString &caFile);

    // The error for a handshake that failed after `peer` recorded a certificate error (Tls), or a generic
    // TLS failure when none was recorded. `detail` is libmosquitto's or OpenSSL's own text.
    static ServiceError handshakeError(const Peer &peer, const QString &detail = {});
    // Whether an OpenSSL X509_V_ERR_* code means "certificate for another name".
    static bool isHostNameMismatch(int verifyError);
};

} // namespace TwinBridge
