#pragma once

#include <QList>
#include <QString>

namespace TwinBridge {

// The four registries a TTS end device lives in. A device is complete only when all four know it
// (reference/tts-integration.md §4.2); creation goes IS → JS → NS → AS and deletion the other way round.
enum class TtsComponent {
    IdentityServer,
    JoinServer,
    NetworkServer,
    ApplicationServer,
};

// "Identity Server", "Join Server", … — for sentences a user reads.
QString ttsComponentName(TtsComponent component);
// "IS", "JS", "NS", "AS" — for logs and compact payloads.
QString ttsComponentShortName(TtsComponent component);
// "Join Server, Network Server" (in the given order).
QString ttsComponentNames(const QList<TtsComponent> &components);
// All four, in creation order.
QList<TtsComponent> ttsAllComponents();

} // namespace TwinBridge
