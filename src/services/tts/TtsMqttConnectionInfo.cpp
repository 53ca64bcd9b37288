#include "services/tts/TtsMqttConnectionInfo.h"

#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsError.h"

#include <QCoreApplication>

namespace TwinBridge {

Result<TtsMqttConnectionInfo> TtsMqttConnectionInfo::fromJson(const QJsonObject &object)
{
    JsonFieldReader read(object,
                         TtsError::jsonReaderOptions(
                             QCoreApplication::translate("TwinBridge::TtsMqttConnectionInfo", "MQTT connection info")));
    TtsMqttConnectionInfo info;
    info.publicAddress = read.string(QStringLiteral("public_address"));
    info.publicTlsAddress = read.string(QStringLiteral("public_tls_address"));
    info.username = read.string(QStringLiteral("username"));
    if (!read.ok())
        return read.error();
    return info;
}

QJsonObject TtsMqttConnectionInfo::toJson() const
{
    QJsonObject object;
    if (!publicAddress.isEmpty())
        object.insert(QStringLiteral("public_address"), publicAddress);
    if (!publicTlsAddress.isEmpty())
        object.insert(QStringLiteral("public_tls_address"), publicTlsAddress);
    if (!username.isEmpty())
        object.insert(QStringLiteral("username"), username);
    return object;
}

namespace {

// Index of the ':' that separates the port, or -1.
qsizetype portSeparator(const QString &address)
{
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return -1;
    if (address.startsWith(QLatin1Char('['))) {
        const qsizetype bracket = address.indexOf(QLatin1Char(']'));
        return bracket >= 0 && colon == bracket + 1 ? colon : -1;
    }
    return address.indexOf(QLatin1Char(':')) == colon ? colon : -1; // bare IPv6 without brackets: no port
}

} // namespace

QString TtsMqttConnectionInfo::hostOf(const QString &address)
{
    const qsizetype colon = portSeparator(address);
    QString host = colon < 0 ? address : address.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host;
}

int TtsMqttConnectionInfo::portOf(const QString &address)
{
    const qsizetype colon = portSeparator(address);
    if (colon < 0)
        return -1;
    bool ok = false;
    const int port = address.mid(colon + 1).toInt(&ok);
    return ok && port > 0 && port <= 65535 ? port : -1;
}

} // namespace TwinBridge
