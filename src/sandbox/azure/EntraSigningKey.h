#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace TwinBridge::Sandbox {

// The RSA key (2048 bits) the Entra stand-in signs its tokens with (RS256), as Entra ID does. Its public half is
// published as a JSON Web Key at /{tenant}/discovery/v2.0/keys; `kid` is the base64url SHA-1 thumbprint of the
// public key (27 characters, the form Entra's key ids have). Copies share the key.
class EntraSigningKey
{
public:
    // A new random key.
    static Result<EntraSigningKey> generate();
    // The key from its PKCS#8 PEM (as privateKeyPem() writes it).
    static Result<EntraSigningKey> fromPem(const QByteArray &privateKeyPem);

    bool isNull() const { return !m_key; }
    QString keyId() const { return m_keyId; }
    // Secret: the private key, for the state directory only.
    QByteArray privateKeyPem() const;
    // {"kty": "RSA", "use": "sig", "kid", "n", "e"} (base64url without padding).
    QJsonObject publicJwk() const;

    // RSASSA-PKCS1-v1_5 with SHA-256 over `data`; empty on failure.
    QByteArray sign(const QByteArray &data) const;
    bool verify(const QByteArray &data, const QByteArray &signature) const;

private:
    static Result<EntraSigningKey> adopt(evp_pkey_st *key);

    std::shared_ptr<evp_pkey_st> m_key;
    QString m_keyId;
};

} // namespace TwinBridge::Sandbox
