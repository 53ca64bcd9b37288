#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringView>

namespace TwinBridge {

// The shapes of IoT Hub names (reference/azure-protocols.md §1.11): device and module ids (case-sensitive,
// at most 128 ASCII characters: letters, digits and - : . + % _ # * ? ! ( ) , = @ ; $ '), and host names.
class IotHubNames
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::IotHubNames)

public:
    static constexpr int MaxDeviceIdLength = 128;

    static bool isValidDeviceId(QStringView id);
    // A DNS host name: dot-separated labels of letters, digits and '-', none starting or ending with '-',
    // each 1–63 characters, 253 in all. With `requireDomain` (IoT Hub host names) at least two labels
    // ("{hub}.azure-devices.net", "127.0.0.1"); without (an Edge gateway on the LAN) "edge" will do.
    static bool isValidHostName(QStringView host, bool requireDomain = true);

    // The same checks with an InvalidInput error that names `what` ("device id", "module id", …) and says
    // which rule the value breaks. The value itself is quoted only if it is short and printable.
    static Status checkDeviceId(const QString &id, const QString &what);
    static Status checkHostName(const QString &host, const QString &what, bool requireDomain = true);
};

} // namespace TwinBridge
