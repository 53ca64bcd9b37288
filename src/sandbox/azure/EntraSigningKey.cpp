#include "sandbox/azure/EntraSigningKey.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace TwinBridge::Sandbox {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

ServiceError keyError(const QString &what)
{
    return ServiceError(ServiceError::Kind::Backend,
                        QCoreApplication::translate("TwinBridge::Sandbox::EntraSigningKey",
                                                    "The Entra ID stand-in has no usable token signing key: %1")
                            .arg(what));
}

QByteArray bigNumber(EVP_PKEY *key, const char *name)
{
    BIGNUM *number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1 || !number)
        return {};
    QByteArray bytes(BN_num_bytes(number), Qt::Uninitialized);
    BN_bn2bin(number, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(number);
    return bytes;
}

struct BioFree
{
    void operator()(BIO *bio) const { BIO_free_all(bio); }
};
struct MdContextFree
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};

} // namespace

Result<EntraSigningKey> EntraSigningKey::adopt(evp_pkey_st *key)
{
    if (!key)
        return keyError(QStringLiteral("no key"));
    EntraSigningKey result;
    result.m_key = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA || EVP_PKEY_get_bits(key) < 2048)
        return keyError(QStringLiteral("not an RSA key of at least 2048 bits"));
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0)
        return keyError(QStringLiteral("the public key could not be encoded"));
    const QByteArray publicDer(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    result.m_keyId =
        QString::fromLatin1(QCryptographicHash::hash(publicDer, QCryptographicHash::Sha1).toBase64(Base64Url));
    return result;
}

Result<EntraSigningKey> EntraSigningKey::generate()
{
    return adopt(EVP_RSA_gen(2048));
}

Result<EntraSigningKey> EntraSigningKey::fromPem(const QByteArray &privateKeyPem)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())));
    if (!bio)
        return keyError(QStringLiteral("out of memory"));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!key)
        return keyError(QStringLiteral("the saved key is not a readable PEM private key"));
    return adopt(key);
}

QByteArray EntraSigningKey::privateKeyPem() const
{
    if (!m_key)
        return {};
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

QJsonObject EntraSigningKey::publicJwk() const
{
    if (!m_key)
        return {};
    return QJsonObject {
        {QStringLiteral("kty"), QStringLiteral("RSA")},
        {QStringLiteral("use"), QStringLiteral("sig")},
        {QStringLiteral("kid"), m_keyId},
        {QStringLiteral("n"), QString::fromLatin1(bigNumber(m_key.get(), OSSL_PKEY_PARAM_RSA_N).toBase64(Base64Url))},
        {QStringLiteral("e"), QString::fromLatin1(bigNumber(m_key.get(), OSSL_PKEY_PARAM_RSA_E).toBase64(Base64Url))},
    };
}

QByteArray EntraSigningKey::sign(const QByteArray &data) const
{
    if (!m_key)
        return {};
    std::unique_ptr<EVP_MD_CTX, MdContextFree> context(EVP_MD_CTX_new());
    size_t length = 0;
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1) {
        return {};
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size())) != 1) {
        return {};
    }
    signature.truncate(qsizetype(length));
    return signature;
}

bool EntraSigningKey::verify(const QByteArray &data, const QByteArray &signature) const
{
    if (!m_key || signature.isEmpty())
        return false;
    std::unique_ptr<EVP_MD_CTX, MdContextFree> context(EVP_MD_CTX_new());
    return context && EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
        EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                         size_t(signature.size()), reinterpret_cast<const unsigned char *>(data.constData()),
                         size_t(data.size())) == 1;
}

} // namespace TwinBridge::Sandbox
