#pragma once

#include <QString>
#include <QStringList>

namespace TwinBridge {

// The LoRaWAN MAC and regional-parameters (PHY) versions TTS understands, with the JSON aliases its
// unmarshaller accepts (`tts:api/ttn/lorawan/v3/lorawan.proto`; reference/tts-integration.md §1.4):
// MAC_V1_0_2 ⇐ "1.0.2", PHY_V1_0_2_REV_B ⇐ "1.0.2-b", PHY_V1_1_REV_B ⇐ "1.1-b" or "1.1.0-b", …
// TTS answers with the enum names; twin tags and requests may use either form.
class TtsLorawanVersions
{
public:
    // The enum name ("MAC_V1_0_2") for an alias or name, matched case-insensitively; empty if unknown.
    static QString macVersionName(const QString &aliasOrName);
    static QString phyVersionName(const QString &aliasOrName);

    // The accepted spelling of an alias or name ("1.0.2-B" → "1.0.2-b"), ready to pass to TTS; empty
    // if unknown.
    static QString macVersionSpelling(const QString &aliasOrName);
    static QString phyVersionSpelling(const QString &aliasOrName);

    // The short aliases, for error messages ("1.0, 1.0.1, 1.0.2, …").
    static QStringList macVersionAliases();
    static QStringList phyVersionAliases();

    // True for MAC_V1_1 (devices with a separate NwkKey).
    static bool usesNwkKey(const QString &macVersionName);
};

} // namespace TwinBridge
