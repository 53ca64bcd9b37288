#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStringList>

namespace TwinBridge::Sandbox {

// The sandbox's own certificate authority (OpenSSL): a CA certificate that clients are told to trust, and
// one server certificate it signs for every TLS listener. The server certificate names 127.0.0.1, localhost
// and the real cloud host patterns (*.azure-devices.net, …) so TLS verification stays on everywhere while the
// sandbox stands in for Azure. Both live in the state directory and are reused across restarts:
//   ca.pem (CA certificate), ca.key, server.pem (server certificate + CA), server.key (keys 0600).
class SandboxCertificateAuthority
{
public:
    // Loads the files from `directory`, or creates them when missing, unreadable, about to expire or
    // lacking a required name.
    static Result<SandboxCertificateAuthority> loadOrCreate(const QString &directory);

    // The host names and addresses the server certificate must cover.
    static QStringList requiredDnsNames();
    static QStringList requiredIpAddresses();

    QString caCertificatePath() const { return m_directory + QStringLiteral("/ca.pem"); }
    QSslCertificate caCertificate() const { return m_caCertificate; }
    QSslCertificate serverCertificate() const { return m_serverCertificate; }
    QSslKey serverKey() const { return m_serverKey; }
    bool wasCreated() const { return m_created; }

    // TLS 1.2 or later with the server certificate chain, for QSslServer / QHttpServer listeners.
    QSslConfiguration serverConfiguration() const;
    // A client configuration that trusts only the sandbox CA (for tests and the console's sandbox profile).
    QSslConfiguration clientConfiguration() const;

private:
    static Status create(const QString &directory);

    QString m_directory;
    QSslCertificate m_caCertificate;
    QSslCertificate m_serverCertificate;
    QSslKey m_serverKey;
    bool m_created = false;
};

} // namespace TwinBridge::Sandbox
