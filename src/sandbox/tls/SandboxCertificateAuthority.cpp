#include "sandbox/tls/SandboxCertificateAuthority.h"

#include "services/core/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSaveFile>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace TwinBridge::Sandbox {

namespace {

template<typename T, void (*Free)(T *)>
struct OpenSslDeleter
{
    void operator()(T *pointer) const { Free(pointer); }
};
using EvpKey = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;

ServiceError failure(const QString &what)
{
    return ServiceError(ServiceError::Kind::Backend,
                        QCoreApplication::translate("TwinBridge::Sandbox::SandboxCertificateAuthority",
                                                    "The sandbox could not set up its TLS certificates: %1")
                            .arg(what));
}

bool addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        return false;
    const bool ok = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

X509Ptr makeCertificate(EVP_PKEY *key, const char *commonName, int validDays)
{
    X509Ptr certificate(X509_new());
    X509_set_version(certificate.get(), 2); // v3
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // positive
    BIGNUM *number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate.get()));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), long(validDays) * 24 * 3600);
    X509_set_pubkey(certificate.get(), key);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("TwinBridge Sandbox"),
                               -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    return certificate;
}

QByteArray certificatePem(X509 *certificate)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), certificate);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(size));
}

QByteArray keyPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(size));
}

bool writeFile(const QString &path, const QByteArray &data, bool secret)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(data);
    return file.commit();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

QStringList SandboxCertificateAuthority::requiredDnsNames()
{
    return {QStringLiteral("localhost"),
            QStringLiteral("*.azure-devices.net"),
            QStringLiteral("azure-devices.net"),
            QStringLiteral("login.microsoftonline.com"),
            QStringLiteral("management.azure.com"),
            QStringLiteral("*.servicebus.windows.net"),
            QStringLiteral("*.azurewebsites.net"),
            QStringLiteral("*.cloud.thethings.network"),
            QStringLiteral("*.cloud.thethings.industries")};
}

QStringList SandboxCertificateAuthority::requiredIpAddresses()
{
    return {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
}

Status SandboxCertificateAuthority::create(const QString &directory)
{
    EvpKey caKey(EVP_RSA_gen(2048));
    EvpKey serverKey(EVP_RSA_gen(2048));
    if (!caKey || !serverKey)
        return failure(QStringLiteral("RSA key generation failed"));

    X509Ptr ca = makeCertificate(caKey.get(), "TwinBridge Sandbox CA", 3650);
    X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
    if (!addExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
        || !addExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign")
        || !addExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash")
        || X509_sign(ca.get(), caKey.get(), EVP_sha256()) == 0) {
        return failure(QStringLiteral("signing the CA certificate failed"));
    }

    // 397 days: what browsers and TLS libraries accept for a leaf certificate.
    X509Ptr server = makeCertificate(serverKey.get(), "twinbridge-sandbox", 397);
    X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get()));
    QStringList names;
    for (const QString &dns : requiredDnsNames())
        names.append(QStringLiteral("DNS:") + dns);
    for (const QString &ip : requiredIpAddresses())
        names.append(QStringLiteral("IP:") + ip);
    const QByteArray subjectAltNames = names.join(QLatin1Char(',')).toLatin1();
    if (!addExtension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment")
        || !addExtension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth")
        || !addExtension(server.get(), ca.get(), NID_subject_key_identifier, "hash")
        || !addExtension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always")
        || !addExtension(server.get(), ca.get(), NID_subject_alt_name, subjectAltNames.constData())
        || X509_sign(server.get(), caKey.get(), EVP_sha256()) == 0) {
        return failure(QStringLiteral("signing the server certificate failed"));
    }

    if (!QDir().mkpath(directory))
        return failure(QStringLiteral("cannot create %1").arg(directory));
    const QByteArray caPem = certificatePem(ca.get());
    if (!writeFile(directory + QStringLiteral("/ca.key"), keyPem(caKey.get()), true)
        || !writeFile(directory + QStringLiteral("/ca.pem"), caPem, false)
        || !writeFile(directory + QStringLiteral("/server.key"), keyPem(serverKey.get()), true)
        || !writeFile(directory + QStringLiteral("/server.pem"), certificatePem(server.get()) + caPem, false)) {
        return failure(QStringLiteral("cannot write the certificate files to %1").arg(directory));
    }
    qCInfo(lcSandbox).noquote() << "created a new sandbox CA in" << directory;
    return Done{};
}

Result<SandboxCertificateAuthority> SandboxCertificateAuthority::loadOrCreate(const QString &directory)
{
    for (int pass = 0; pass < 2; ++pass) {
        SandboxCertificateAuthority authority;
        authority.m_directory = QDir(directory).absolutePath();
        authority.m_created = pass == 1;
        const auto caList = QSslCertificate::fromData(readFile(authority.caCertificatePath()), QSsl::Pem);
        const auto serverChain = QSslCertificate::fromData(readFile(directory + QStringLiteral("/server.pem")), QSsl::Pem);
        authority.m_serverKey = QSslKey(readFile(directory + QStringLiteral("/server.key")), QSsl::Rsa, QSsl::Pem);

        bool usable = caList.size() == 1 && !serverChain.isEmpty() && !authority.m_serverKey.isNull();
        if (usable) {
            authority.m_caCertificate = caList.first();
            authority.m_serverCertificate = serverChain.first();
            const QDateTime soon = QDateTime::currentDateTimeUtc().addDays(30);
            usable = authority.m_serverCertificate.expiryDate() > soon && authority.m_caCertificate.expiryDate() > soon
                && authority.m_serverCertificate.issuerInfo(QSslCertificate::CommonName)
                       == authority.m_caCertificate.subjectInfo(QSslCertificate::CommonName);
            const auto alternatives = authority.m_serverCertificate.subjectAlternativeNames();
            for (const QString &dns : requiredDnsNames())
                usable = usable && alternatives.values(QSsl::DnsEntry).contains(dns);
            for (const QString &ip : requiredIpAddresses())
                usable = usable && alternatives.values(QSsl::IpAddressEntry).contains(QHostAddress(ip).toString());
        }
        if (usable)
            return authority;
        if (pass == 0) {
            const Status created = create(directory);
            if (!created)
                return created.error();
        }
    }
    return failure(QStringLiteral("the certificates written to %1 cannot be read back").arg(directory));
}

QSslConfiguration SandboxCertificateAuthority::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain({m_serverCertificate, m_caCertificate});
    configuration.setPrivateKey(m_serverKey);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // servers do not ask clients for certificates
    return configuration;
}

QSslConfiguration SandboxCertificateAuthority::clientConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({m_caCertificate});
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

} // namespace TwinBridge::Sandbox
