#include "services/engine/TlsClientContext.h"

#include <csignal>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace TwinBridge {

TlsClientContext::TlsClientContext(const QList<QSslCertificate> &caCertificates)
{
    // A peer that resets the connection must not kill the process through SIGPIPE on the next write (Qt's own
    // sockets do the same).
    struct sigaction current
    {
    };
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
        struct sigaction ignore
        {
        };
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        sigaction(SIGPIPE, &ignore, nullptr);
    }

    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx)
        return;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_mode(ctx,
                     SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    for (const QSslCertificate &certificate : caCertificates) {
        const QByteArray der = certificate.toDer();
        const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
        X509 *x509 = d2i_X509(nullptr, &data, long(der.size()));
        if (!x509)
            continue;
        X509_STORE_add_cert(store, x509); // takes its own reference
        X509_free(x509);
    }
    ERR_clear_error();
    m_ctx = ctx;
}

TlsClientContext::~TlsClientContext()
{
    if (m_ctx)
        SSL_CTX_free(static_cast<SSL_CTX *>(m_ctx));
}

} // namespace TwinBridge
