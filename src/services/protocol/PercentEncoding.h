#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace TwinBridge {

// Percent-encoding as IoT Hub's MQTT topics and usernames use it (RFC 3986). The SDKs differ: C emits
// lower-case hex and leaves `!()*` alone, Node and C# emit upper-case hex; every form decodes the same way
// here. `+` is a literal plus sign, not a space (none of the SDKs encodes a space as `+`).
class PercentEncoding
{
public:
    // Everything but the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX with upper-case hex,
    // over the UTF-8 bytes. So "$.mid" becomes "%24.mid", like the SDKs send it.
    static QString encode(QStringView text);

    // Decodes %XX escapes (either hex case) and checks that the result is UTF-8. Returns nothing for a `%`
    // not followed by two hex digits or for bytes that are not UTF-8.
    static std::optional<QString> decode(QStringView text);
};

} // namespace TwinBridge
