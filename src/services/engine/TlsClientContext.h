#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>

namespace TwinBridge {

// One OpenSSL client context shared by every TlsStream of a hub: TLS 1.2 or later, peer verification against
// the given CA certificates (one X509 store for all connections), and SSL_MODE_RELEASE_BUFFERS so that an idle
// connection holds no record buffers. This is what makes ten thousand device connections affordable:
// QSslSocket keeps ~96 KB of ring-buffer chunks per connection (its own and its TCP socket's) that Qt 6.4
// neither releases nor lets one size.
class TlsClientContext
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TlsClientContext)

public:
    explicit TlsClientContext(const QList<QSslCertificate> &caCertificates);
    ~TlsClientContext();

    TlsClientContext(const TlsClientContext &) = delete;
    TlsClientContext &operator=(const TlsClientContext &) = delete;

    bool isValid() const { return m_ctx != nullptr; }
    void *nativeHandle() const { return m_ctx; } // SSL_CTX *

private:
    void *m_ctx = nullptr;
};

} // namespace TwinBridge
