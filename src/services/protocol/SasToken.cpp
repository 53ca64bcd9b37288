#include "services/protocol/SasToken.h"

#include "services/protocol/PercentEncoding.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QStringList>

#include <optional>

namespace TwinBridge {

namespace {

ServiceError malformed(const QString &why)
{
    return ServiceError::invalidInput(SasToken::tr("The shared access signature is malformed: %1").arg(why),
                                      QStringLiteral("MalformedSasToken"));
}

ServiceError unauthorized(const QString &why, const QString &code)
{
    ServiceError error(ServiceError::Kind::Unauthorized, why);
    error.setCode(code);
    error.setHttpStatus(401);
    return error;
}

// Constant-time comparison, so that a signature check leaks nothing about where a guess went wrong.
bool equalConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// Never quotes the value: it may be (part of) the signature.
ServiceError notPercentEncoded(const QString &name)
{
    return malformed(SasToken::tr("the field \"%1\" has a '%' that is not followed by two hex digits, or its "
                                  "escapes are not UTF-8.")
                         .arg(name));
}

} // namespace

QByteArray SasToken::computeSignature(const QByteArray &base64Key, const QByteArray &stringToSign)
{
    // Lenient decoding on purpose: the SDKs accept keys with missing padding (test vector V3).
    const QByteArray key = QByteArray::fromBase64(base64Key);
    return QMessageAuthenticationCode::hash(stringToSign, key, QCryptographicHash::Sha256).toBase64();
}

QString SasToken::sign(const QString &resourceUri, const QByteArray &base64Key, qint64 expirySecondsSinceEpoch,
                       const QString &keyName)
{
    const QString encodedResource = PercentEncoding::encode(resourceUri);
    const QString expiry = QString::number(expirySecondsSinceEpoch);
    const QByteArray signature = computeSignature(base64Key, (encodedResource + QLatin1Char('\n') + expiry).toUtf8());
    QString token = QStringLiteral("SharedAccessSignature sr=") + encodedResource + QStringLiteral("&sig=")
        + PercentEncoding::encode(QString::fromLatin1(signature)) + QStringLiteral("&se=") + expiry;
    if (!keyName.isEmpty())
        token += QStringLiteral("&skn=") + PercentEncoding::encode(keyName);
    return token;
}

Result<SasToken> SasToken::parse(const QString &token)
{
    const QString trimmed = token.trimmed();
    if (trimmed.isEmpty())
        return malformed(tr("it is empty."));
    const QStringList parts = trimmed.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 2 || parts.at(0) != QLatin1String("SharedAccessSignature"))
        return malformed(tr("it must start with \"SharedAccessSignature \" followed by the fields."));

    SasToken result;
    bool hasSr = false, hasSig = false, hasSe = false;
    const QStringList fields = parts.at(1).split(QLatin1Char('&'));
    for (const QString &field : fields) {
        if (field.isEmpty())
            return malformed(tr("it contains an empty field (\"&&\")."));
        const qsizetype equals = field.indexOf(QLatin1Char('='));
        // Never quote the field itself: it may be (part of) the signature.
        if (equals <= 0)
            return malformed(tr("field %1 has no name=value form.").arg(fields.indexOf(field) + 1));
        const QString name = field.left(equals).toLower();
        const QString value = field.mid(equals + 1);
        if (value.isEmpty())
            return malformed(tr("the field \"%1\" is empty.").arg(name));
        if (name == QLatin1String("sr")) {
            if (hasSr)
                return malformed(tr("the field \"sr\" appears twice."));
            hasSr = true;
            result.m_encodedResource = value;
            const std::optional<QString> resource = PercentEncoding::decode(value);
            if (!resource)
                return notPercentEncoded(name);
            result.m_resource = *resource;
        } else if (name == QLatin1String("sig")) {
            if (hasSig)
                return malformed(tr("the field \"sig\" appears twice."));
            hasSig = true;
            const std::optional<QString> signature = PercentEncoding::decode(value);
            if (!signature)
                return notPercentEncoded(name);
            result.m_signature = signature->toLatin1();
            const auto decoded = QByteArray::fromBase64Encoding(result.m_signature,
                                                                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || decoded.decoded.size() != 32)
                return malformed(tr("the signature \"sig\" is not a base64 HMAC-SHA256 value."));
        } else if (name == QLatin1String("se")) {
            if (hasSe)
                return malformed(tr("the field \"se\" appears twice."));
            hasSe = true;
            bool ok = false;
            const qint64 expiry = value.toLongLong(&ok);
            if (!ok || expiry < 0)
                return malformed(tr("the expiry \"se\" must be seconds since 1970 as a whole number."));
            result.m_expiry = expiry;
            result.m_expiryText = value;
        } else if (name == QLatin1String("skn")) {
            const std::optional<QString> keyName = PercentEncoding::decode(value);
            if (!keyName)
                return notPercentEncoded(name);
            result.m_keyName = *keyName;
        } else {
            return malformed(tr("the field \"%1\" is not one of sr, sig, se, skn.").arg(name.left(20)));
        }
    }
    if (!hasSr)
        return malformed(tr("the resource field \"sr\" is missing."));
    if (!hasSig)
        return malformed(tr("the signature field \"sig\" is missing."));
    if (!hasSe)
        return malformed(tr("the expiry field \"se\" is missing."));
    return result;
}

Status SasToken::verify(const QByteArray &base64Key, const QDateTime &now, std::chrono::seconds allowedSkew) const
{
    const QByteArray expected
        = computeSignature(base64Key, (m_encodedResource + QLatin1Char('\n') + m_expiryText).toUtf8());
    if (!equalConstantTime(expected, m_signature)) {
        return unauthorized(tr("The signature does not match: the token was signed with a different key, or the "
                               "resource was changed after signing."),
                            QStringLiteral("SignatureMismatch"));
    }
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    if (nowSeconds > m_expiry + allowedSkew.count()) {
        return unauthorized(tr("The token expired at %1 (now %2). Check the computer's clock and create a new token.")
                                .arg(expiryTime().toString(Qt::ISODate), now.toUTC().toString(Qt::ISODate)),
                            QStringLiteral("TokenExpired"));
    }
    return Done{};
}

bool SasToken::covers(const QString &resource) const
{
    QString mine = m_resource.toLower();
    QString wanted = resource.toLower();
    while (mine.endsWith(QLatin1Char('/')))
        mine.chop(1);
    while (wanted.endsWith(QLatin1Char('/')))
        wanted.chop(1);
    if (mine.isEmpty())
        return false;
    if (wanted == mine)
        return true;
    return wanted.startsWith(mine) && wanted.at(mine.size()) == QLatin1Char('/');
}

QString SasToken::deviceResource(const QString &hubHostName, const QString &deviceId)
{
    return hubHostName.toLower() + QStringLiteral("/devices/") + deviceId;
}

} // namespace TwinBridge
