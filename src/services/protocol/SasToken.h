#pragma once

#include "services/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <chrono>

namespace TwinBridge {

// Azure shared access signatures, as IoT Hub uses them for device MQTT passwords and service REST calls:
//   SharedAccessSignature sr={url-encoded resource}&sig={url-encoded base64 HMAC-SHA256}&se={expiry}[&skn={policy}]
// The string to sign is the URL-encoded resource exactly as it appears in `sr`, "\n", and `se`; `skn` is
// not signed. The key is the base64-decoded policy or device key. See reference/azure-protocols.md §2.
class SasToken
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::SasToken)

public:
    // Signs `resourceUri` (not encoded, e.g. "hub.azure-devices.net/devices/dev1") with `base64Key`.
    // `keyName` is the policy name for policy-signed tokens and empty for a device's own key.
    static QString sign(const QString &resourceUri, const QByteArray &base64Key, qint64 expirySecondsSinceEpoch,
                        const QString &keyName = {});

    // base64(HMAC-SHA256(base64-decoded key, stringToSign)).
    static QByteArray computeSignature(const QByteArray &base64Key, const QByteArray &stringToSign);

    // Parses a token. Every malformed part yields an InvalidInput error that names it.
    static Result<SasToken> parse(const QString &token);

    // Checks the signature against `base64Key` (over `sr` exactly as sent) and the expiry against `now`,
    // tolerating `allowedSkew` (IoT Hub's SDKs allow five minutes). Unauthorized errors say which check failed.
    Status verify(const QByteArray &base64Key, const QDateTime &now,
                  std::chrono::seconds allowedSkew = std::chrono::minutes(5)) const;

    // True if this token's resource covers `resource` by whole path segments, case-insensitively:
    // "hub/devices" covers "hub/devices/d1" but not "hub/devicesX".
    bool covers(const QString &resource) const;

    QString encodedResource() const { return m_encodedResource; }
    QString resource() const { return m_resource; }
    QByteArray signature() const { return m_signature; } // base64 text, URL-decoded
    qint64 expiry() const { return m_expiry; }
    QString expiryText() const { return m_expiryText; }
    QString keyName() const { return m_keyName; }
    QDateTime expiryTime() const { return QDateTime::fromSecsSinceEpoch(m_expiry, Qt::UTC); }

    // Resource URIs of §2.3.
    static QString deviceResource(const QString &hubHostName, const QString &deviceId);
    static QString hubResource(const QString &hubHostName) { return hubHostName.toLower(); }

private:
    QString m_encodedResource;
    QString m_resource;
    QByteArray m_signature;
    QString m_expiryText;
    qint64 m_expiry = 0;
    QString m_keyName;
};

} // namespace TwinBridge
