#include "services/core/VersionInfo.h"

#include "TwinBridgeVersion.h"

#include <QCoreApplication>
#include <QStringList>

#include <mosquitto.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#ifndef TWINBRIDGE_QTKEYCHAIN_VERSION
#error "TWINBRIDGE_QTKEYCHAIN_VERSION must be defined by the build (see src/services/CMakeLists.txt)"
#endif

namespace TwinBridge {

namespace {

QString withoutOpenSslPrefix(const char *text)
{
    QString version = QString::fromLatin1(text);
    const QLatin1String prefix("OpenSSL ");
    if (version.startsWith(prefix))
        version.remove(0, prefix.size());
    return version;
}

} // namespace

QString VersionInfo::application()
{
    return QStringLiteral(TWINBRIDGE_VERSION);
}

QString VersionInfo::qtRuntime()
{
    return QString::fromLatin1(qVersion());
}

QString VersionInfo::qtBuild()
{
    return QStringLiteral(QT_VERSION_STR);
}

QString VersionInfo::openSsl()
{
    return withoutOpenSslPrefix(OpenSSL_version(OPENSSL_VERSION));
}

QString VersionInfo::openSslBuild()
{
    return withoutOpenSslPrefix(OPENSSL_VERSION_TEXT);
}

QString VersionInfo::mosquitto()
{
    int major = 0;
    int minor = 0;
    int revision = 0;
    mosquitto_lib_version(&major, &minor, &revision);
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(revision);
}

QString VersionInfo::qtKeychain()
{
    return QStringLiteral(TWINBRIDGE_QTKEYCHAIN_VERSION);
}

QList<VersionInfo::Component> VersionInfo::components()
{
    return {
        {QStringLiteral("Qt"), qtRuntime(), qtBuild()},
        {QStringLiteral("OpenSSL"), openSsl(), openSslBuild()},
        {QStringLiteral("libmosquitto"), mosquitto(), {}},
        {QStringLiteral("QtKeychain"), qtKeychain(), {}},
    };
}

QString VersionInfo::versionText(const QString &programName)
{
    QStringList lines {programName + QLatin1Char(' ') + application()};
    for (const Component &component : components()) {
        QString line = component.name + QLatin1Char(' ') + component.version;
        if (!component.buildVersion.isEmpty() && component.buildVersion != component.version)
            line += QLatin1Char(' ') +
                QCoreApplication::translate("TwinBridge::VersionInfo", "(built with %1)").arg(component.buildVersion);
        lines << line;
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace TwinBridge
