#include "services/protocol/IotHubConnectionString.h"

#include "services/protocol/IotHubNames.h"
#include "services/protocol/SasToken.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace TwinBridge {

namespace {

ServiceError invalid(const QString &why)
{
    return ServiceError::invalidInput(IotHubConnectionString::tr("The connection string is not valid: %1").arg(why),
                                      QStringLiteral("InvalidConnectionString"));
}

const QLatin1String HostNameKey("HostName");
const QLatin1String SharedAccessKeyNameKey("SharedAccessKeyName");
const QLatin1String SharedAccessKeyKey("SharedAccessKey");
const QLatin1String SharedAccessSignatureKey("SharedAccessSignature");
const QLatin1String DeviceIdKey("DeviceId");
const QLatin1String ModuleIdKey("ModuleId");
const QLatin1String GatewayHostNameKey("GatewayHostName");

const QList<QLatin1String> &knownKeys()
{
    static const QList<QLatin1String> keys = {
        HostNameKey, SharedAccessKeyNameKey, SharedAccessKeyKey, SharedAccessSignatureKey, DeviceIdKey,
        ModuleIdKey, GatewayHostNameKey};
    return keys;
}

// An unknown name is quoted in an error only if it cannot be (part of) a key: short and letters only.
bool safeToQuote(QStringView name)
{
    if (name.size() > 20)
        return false;
    return std::all_of(name.begin(), name.end(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
    });
}

// A value with '=' or white space is never quoted in an error: it is most likely two parts run together
// (a missing ';'), and the second one may be the key — "DeviceId=d1 SharedAccessKey=…".
bool mayHoldAnotherPart(const QString &value)
{
    return std::any_of(value.begin(), value.end(), [](QChar c) { return c == QLatin1Char('=') || c.isSpace(); });
}

ServiceError invalidValue(const QString &name, const QString &value, const ServiceError &detailed)
{
    if (mayHoldAnotherPart(value)) {
        return invalid(IotHubConnectionString::tr(
                           "the value of %1 is not valid; it is not shown because it contains '=' or white space "
                           "and may hold a key. Is a ';' missing between two parts?")
                           .arg(name));
    }
    return invalid(detailed.message());
}

Status checkGatewayHostName(const QString &value)
{
    QString host = value;
    const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        host = value.left(colon);
        const QString port = value.mid(colon + 1);
        bool ok = false;
        const int number = port.toInt(&ok);
        const bool digitsOnly = std::all_of(port.begin(), port.end(), [](QChar c) { return c.isDigit(); });
        if (!ok || !digitsOnly || number < 1 || number > 65535)
            return invalid(IotHubConnectionString::tr("the port in GatewayHostName must be a number from 1 to 65535."));
    }
    const Status hostOk = IotHubNames::checkHostName(host, IotHubConnectionString::tr("GatewayHostName"), false);
    if (!hostOk)
        return invalidValue(GatewayHostNameKey, value, hostOk.error());
    return Done {};
}

} // namespace

Status IotHubConnectionString::checkKey(const QByteArray &base64Key, const QString &what)
{
    const QString code = QStringLiteral("InvalidKey");
    if (base64Key.isEmpty())
        return ServiceError::invalidInput(tr("%1 is empty.").arg(what), code);
    const auto decoded = QByteArray::fromBase64Encoding(base64Key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || base64Key.size() % 4 != 0) {
        return ServiceError::invalidInput(tr("%1 is not base64 text. Copy the primary or secondary key again from "
                                             "the Azure portal, without spaces or line breaks.")
                                              .arg(what),
                                          code);
    }
    const qsizetype bytes = decoded.decoded.size();
    if (bytes < MinKeyBytes || bytes > MaxKeyBytes) {
        return ServiceError::invalidInput(tr("%1 decodes to %2 bytes; IoT Hub keys have %3 to %4 bytes. Copy the "
                                             "whole key again from the Azure portal.")
                                              .arg(what)
                                              .arg(bytes)
                                              .arg(MinKeyBytes)
                                              .arg(MaxKeyBytes),
                                          code);
    }
    return Done {};
}

Result<IotHubConnectionString> IotHubConnectionString::parse(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalid(tr("it is empty. Paste a connection string such as HostName=…;SharedAccessKeyName=…;"
                          "SharedAccessKey=…."));
    if (trimmed.endsWith(QLatin1Char(';')))
        trimmed.chop(1);

    QHash<QString, QString> values;
    const QStringList parts = trimmed.split(QLatin1Char(';'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        const qsizetype position = i + 1;
        if (part.isEmpty())
            return invalid(tr("part %1 is empty (two ';' in a row).").arg(position));
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        if (equals < 0)
            return invalid(tr("part %1 has no '=': every part must be Name=value.").arg(position));
        if (equals == 0)
            return invalid(tr("part %1 has a value but no name.").arg(position));
        const QString name = part.left(equals);
        const QString value = part.mid(equals + 1);

        bool known = false;
        for (const QLatin1String &key : knownKeys()) {
            if (name == key) {
                known = true;
                break;
            }
            if (name.compare(key, Qt::CaseInsensitive) == 0) {
                return invalid(tr("part %1 is named \"%2\", but names are case-sensitive: write \"%3\".")
                                   .arg(position)
                                   .arg(name, key));
            }
        }
        if (!known) {
            if (name.compare(QLatin1String("x509"), Qt::CaseInsensitive) == 0) {
                return invalid(tr("X.509 certificate authentication (x509=true) is not supported; use a "
                                  "connection string with SharedAccessKey."));
            }
            if (safeToQuote(name)) {
                return invalid(tr("part %1 has the unknown name \"%2\"; expected HostName, SharedAccessKeyName, "
                                  "SharedAccessKey, SharedAccessSignature, DeviceId, ModuleId or GatewayHostName.")
                                   .arg(position)
                                   .arg(name));
            }
            return invalid(tr("part %1 has an unknown name; expected HostName, SharedAccessKeyName, "
                              "SharedAccessKey, SharedAccessSignature, DeviceId, ModuleId or GatewayHostName.")
                               .arg(position));
        }
        if (value.isEmpty())
            return invalid(tr("the value of %1 is empty.").arg(name));
        if (values.contains(name))
            return invalid(tr("%1 appears twice.").arg(name));
        values.insert(name, value);
    }

    IotHubConnectionString result;
    if (!values.contains(HostNameKey))
        return invalid(tr("HostName is missing."));
    result.m_hostName = values.value(HostNameKey);
    const Status hostOk = IotHubNames::checkHostName(result.m_hostName, tr("HostName"));
    if (!hostOk)
        return invalidValue(HostNameKey, result.m_hostName, hostOk.error());

    result.m_keyName = values.value(SharedAccessKeyNameKey);
    result.m_deviceId = values.value(DeviceIdKey);
    result.m_moduleId = values.value(ModuleIdKey);
    result.m_gatewayHostName = values.value(GatewayHostNameKey);
    if (!result.m_deviceId.isEmpty()) {
        result.m_kind = Kind::Device;
        const Status deviceOk = IotHubNames::checkDeviceId(result.m_deviceId, tr("DeviceId"));
        if (!deviceOk)
            return invalidValue(DeviceIdKey, result.m_deviceId, deviceOk.error());
        if (!result.m_moduleId.isEmpty()) {
            const Status moduleOk = IotHubNames::checkDeviceId(result.m_moduleId, tr("ModuleId"));
            if (!moduleOk)
                return invalidValue(ModuleIdKey, result.m_moduleId, moduleOk.error());
        }
        if (!result.m_gatewayHostName.isEmpty()) {
            const Status gatewayOk = checkGatewayHostName(result.m_gatewayHostName);
            if (!gatewayOk)
                return gatewayOk.error();
        }
    } else {
        result.m_kind = Kind::Hub;
        if (!result.m_moduleId.isEmpty())
            return invalid(tr("ModuleId needs a DeviceId."));
        if (!result.m_gatewayHostName.isEmpty())
            return invalid(tr("GatewayHostName belongs in device connection strings (with DeviceId)."));
        if (result.m_keyName.isEmpty())
            return invalid(tr("it needs DeviceId (a device connection string) or SharedAccessKeyName (a hub "
                              "connection string)."));
    }

    const bool hasKey = values.contains(SharedAccessKeyKey);
    const bool hasSignature = values.contains(SharedAccessSignatureKey);
    if (hasKey && hasSignature)
        return invalid(tr("it has both SharedAccessKey and SharedAccessSignature; keep only one."));
    if (!hasKey && !hasSignature)
        return invalid(tr("SharedAccessKey is missing."));
    if (hasKey) {
        result.m_key = values.value(SharedAccessKeyKey).toLatin1();
        if (values.value(SharedAccessKeyKey) != QString::fromLatin1(result.m_key))
            return invalid(tr("SharedAccessKey is not base64 text."));
        const Status keyOk = checkKey(result.m_key, SharedAccessKeyKey);
        if (!keyOk)
            return invalid(keyOk.error().message());
    } else {
        result.m_signature = values.value(SharedAccessSignatureKey);
        const auto token = SasToken::parse(result.m_signature);
        if (!token)
            return invalid(tr("SharedAccessSignature is not a valid token. %1").arg(token.error().message()));
    }
    return result;
}

Result<IotHubConnectionString> IotHubConnectionString::parseHub(const QString &text)
{
    auto parsed = parse(text);
    if (parsed && parsed.value().kind() != Kind::Hub) {
        return invalid(tr("this is a device connection string (it has DeviceId); a hub connection string is "
                          "needed here. Copy it from the hub's \"Shared access policies\" page in the Azure portal."));
    }
    return parsed;
}

Result<IotHubConnectionString> IotHubConnectionString::parseDevice(const QString &text)
{
    auto parsed = parse(text);
    if (parsed && parsed.value().kind() != Kind::Device) {
        return invalid(tr("this is a hub connection string (it has no DeviceId); a device connection string "
                          "is needed here. Copy it from the device's page in the Azure portal."));
    }
    return parsed;
}

IotHubConnectionString IotHubConnectionString::forHub(const QString &hostName, const QString &policyName,
                                                      const QByteArray &key)
{
    IotHubConnectionString result;
    result.m_kind = Kind::Hub;
    result.m_hostName = hostName;
    result.m_keyName = policyName;
    result.m_key = key;
    return result;
}

IotHubConnectionString IotHubConnectionString::forDevice(const QString &hostName, const QString &deviceId,
                                                         const QByteArray &key, const QString &moduleId)
{
    IotHubConnectionString result;
    result.m_kind = Kind::Device;
    result.m_hostName = hostName;
    result.m_deviceId = deviceId;
    result.m_moduleId = moduleId;
    result.m_key = key;
    return result;
}

QString IotHubConnectionString::hubName() const
{
    return m_hostName.section(QLatin1Char('.'), 0, 0);
}

namespace {

QString join(const QList<std::pair<QLatin1String, QString>> &pairs)
{
    QStringList parts;
    for (const auto &[name, value] : pairs) {
        if (!value.isEmpty())
            parts.append(name + QLatin1Char('=') + value);
    }
    return parts.join(QLatin1Char(';'));
}

} // namespace

QString IotHubConnectionString::toString() const
{
    return join({{HostNameKey, m_hostName},
                 {DeviceIdKey, m_deviceId},
                 {ModuleIdKey, m_moduleId},
                 {SharedAccessKeyNameKey, m_keyName},
                 {SharedAccessKeyKey, QString::fromLatin1(m_key)},
                 {SharedAccessSignatureKey, m_signature},
                 {GatewayHostNameKey, m_gatewayHostName}});
}

QString IotHubConnectionString::redacted() const
{
    const QString hidden = QStringLiteral("…");
    return join({{HostNameKey, m_hostName},
                 {DeviceIdKey, m_deviceId},
                 {ModuleIdKey, m_moduleId},
                 {SharedAccessKeyNameKey, m_keyName},
                 {SharedAccessKeyKey, m_key.isEmpty() ? QString() : hidden},
                 {SharedAccessSignatureKey, m_signature.isEmpty() ? QString() : hidden},
                 {GatewayHostNameKey, m_gatewayHostName}});
}

} // namespace TwinBridge
