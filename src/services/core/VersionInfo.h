#pragma once

#include <QList>
#include <QString>

namespace TwinBridge {

// Versions of TwinBridge and of the components it is built on, for the About dialog, `--version` and bug
// reports. Services may link OpenSSL and libmosquitto; views ask here instead of including their headers.
class VersionInfo
{
public:
    struct Component
    {
        QString name; // product name, e.g. "OpenSSL" (not translated)
        QString version; // version in use at run time
        QString buildVersion; // version compiled against, if it can differ from `version`; else empty
    };

    static QString application(); // TwinBridge's own version, e.g. "0.1.0"
    static QString qtRuntime(); // qVersion()
    static QString qtBuild(); // QT_VERSION_STR
    static QString openSsl(); // OpenSSL_version(OPENSSL_VERSION) without the "OpenSSL " prefix
    static QString openSslBuild(); // OPENSSL_VERSION_TEXT without the "OpenSSL " prefix
    static QString mosquitto(); // mosquitto_lib_version(), e.g. "2.0.11"
    static QString qtKeychain(); // from QtKeychain's CMake package (its headers carry no usable macro)

    // Qt, OpenSSL, libmosquitto and QtKeychain, in this order.
    static QList<Component> components();

    // "<program> <version>" followed by one "<component> <version>" line per component, as printed by
    // `--version`.
    static QString versionText(const QString &programName);
};

} // namespace TwinBridge
