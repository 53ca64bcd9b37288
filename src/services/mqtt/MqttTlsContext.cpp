#include "services/mqtt/MqttTlsContext.h"

#include "services/core/Logging.h"

#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QMutex>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace TwinBridge {

namespace {

thread_local MqttTlsContext::Peer *t_peer = nullptr;

// At the start of every handshake (before the ClientHello is built): SNI and the name to verify.
void onHandshakeInfo(const SSL *constSsl, int where, int /*ret*/)
{
    if (!(where & SSL_CB_HANDSHAKE_START) || !t_peer)
        return;
    // OpenSSL passes the connection as const to info callbacks; setting its SNI and verification name here is
    // what the callback is for (nothing has been sent yet).
    SSL *ssl = const_cast<SSL *>(constSsl);
    t_peer->handshakeStarted = true;
    const QByteArray &name = t_peer->serverName;
    QHostAddress address;
    if (address.setAddress(QString::fromLatin1(name))) {
        // RFC 6066 §3: no IP literals in SNI.
        SSL_set_tlsext_host_name(ssl, nullptr);
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.constData());
    } else {
        SSL_set_tlsext_host_name(ssl, name.constData());
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        SSL_set1_host(ssl, name.constData());
    }
}

int onVerify(int ok, X509_STORE_CTX *store)
{
    if (!ok && t_peer && t_peer->verifyError == X509_V_OK)
        t_peer->verifyError = X509_STORE_CTX_get_error(store);
    return ok;
}

QString openSslErrors()
{
    QStringList texts;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        texts << QString::fromLatin1(buffer);
    }
    return texts.join(QStringLiteral("; "));
}

} // namespace

MqttTlsContext::Scope::Scope(Peer *peer)
    : m_previous(t_peer)
{
    t_peer = peer;
}

MqttTlsContext::Scope::~Scope()
{
    t_peer = m_previous;
}

Result<ssl_ctx_st *> MqttTlsContext::clientContext(const QString &caFile)
{
    static QMutex mutex;
    static QHash<QString, SSL_CTX *> contexts;

    QString key;
    if (!caFile.isEmpty()) {
        const QFileInfo info(caFile);
        if (!info.isFile() || !info.isReadable()) {
            return ServiceError::notConfigured(
                tr("The CA file %1 does not exist or cannot be read — choose the PEM file of the certificate "
                   "authority that signed the server's certificate.")
                    .arg(caFile));
        }
        key = info.absoluteFilePath() % QLatin1Char('|') % QString::number(info.size()) % QLatin1Char('|')
            % QString::number(info.lastModified().toMSecsSinceEpoch());
    }

    QMutexLocker locker(&mutex);
    if (SSL_CTX *existing = contexts.value(key))
        return existing;

    ERR_clear_error();
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (!context) {
        return ServiceError(ServiceError::Kind::Tls, tr("OpenSSL could not create a TLS context."),
                            openSslErrors());
    }
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    SSL_CTX_set_options(context, SSL_OP_NO_COMPRESSION);
    // Less memory per idle connection: OpenSSL frees its read/write buffers between records.
    SSL_CTX_set_mode(context, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, onVerify);
    SSL_CTX_set_info_callback(context, onHandshakeInfo);
    const bool loaded = caFile.isEmpty() ? SSL_CTX_set_default_verify_paths(context) == 1
                                         : SSL_CTX_load_verify_file(context, QFile::encodeName(caFile).constData()) == 1;
    if (!loaded) {
        const QString detail = openSslErrors();
        SSL_CTX_free(context);
        if (caFile.isEmpty()) {
            return ServiceError(ServiceError::Kind::Tls,
                                tr("The system's certificate authorities could not be loaded — install the "
                                   "package ca-certificates or set a CA file."),
                                detail);
        }
        return ServiceError(ServiceError::Kind::NotConfigured,
                            tr("The CA file %1 holds no PEM certificate OpenSSL can read — choose the CA "
                               "certificate (PEM) of the server.")
                                .arg(caFile),
                            detail);
    }
    contexts.insert(key, context);
    qCDebug(lcMqtt) << "TLS client context created for" << (caFile.isEmpty() ? QStringLiteral("the system CAs") : caFile);
    return context;
}

bool MqttTlsContext::isHostNameMismatch(int verifyError)
{
    return verifyError == X509_V_ERR_HOSTNAME_MISMATCH || verifyError == X509_V_ERR_IP_ADDRESS_MISMATCH;
}

ServiceError MqttTlsContext::handshakeError(const Peer &peer, const QString &detail)
{
    const QString name = QString::fromLatin1(peer.serverName);
    const int code = peer.verifyError;
    QString message;
    if (code == X509_V_OK) {
        message = tr("The TLS handshake with %1 failed — check that the port is a TLS port and that the server "
                     "accepts TLS 1.2 or later.")
                      .arg(name);
    } else if (isHostNameMismatch(code)) {
        message = tr("The server's certificate is not valid for %1 — check the host name (or the TLS server name "
                     "of the connection).")
                      .arg(name);
    } else if (code == X509_V_ERR_CERT_HAS_EXPIRED || code == X509_V_ERR_CERT_NOT_YET_VALID) {
        message = tr("The certificate of %1 is expired or not yet valid — check the computer's clock, or renew "
                     "the server's certificate.")
                      .arg(name);
    } else {
        message = tr("The certificate of %1 is not trusted — set the CA file of this connection to the "
                     "certificate authority that signed it.")
                      .arg(name);
    }
    QString fullDetail = detail;
    if (code != X509_V_OK) {
        const QString verifyText = QString::fromLatin1(X509_verify_cert_error_string(code));
        fullDetail = fullDetail.isEmpty() ? verifyText : verifyText % QStringLiteral("; ") % fullDetail;
    }
    ServiceError error(ServiceError::Kind::Tls, message, fullDetail);
    if (code != X509_V_OK)
        error.setCode(QStringLiteral("X509_V_ERR_%1").arg(code));
    return error;
}

} // namespace TwinBridge
