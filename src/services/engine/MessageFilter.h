#pragma once

#include "services/protocol/TtsMessageType.h"

#include <QStringList>

namespace TwinBridge {

// Which of the ten TTS message types (TtsMessageType) pass one of the engine's two filters, as TTS's own
// integration page offers them (reference/tts-integration.md §1.5): the *telemetry* filter chooses what is
// sent to IoT Hub as a D2C message, the *reported* filter what updates the device twin's reported
// properties. A profile holds one of each; a plain value type.
//
// Defaults (DESIGN.md §1): telemetry = uplink messages only; reported = every type that has a reported
// mapping (UplinkTranslator::reportedMappedTypes(), which is all ten).
class MessageFilter
{
public:
    // Lets nothing through.
    MessageFilter() = default;
    explicit MessageFilter(TtsMessageTypes types)
        : m_types(types)
    { }

    static MessageFilter none() { return MessageFilter(); }
    static MessageFilter all() { return MessageFilter(allTtsMessageTypeFlags()); }
    static MessageFilter defaultTelemetry();
    static MessageFilter defaultReported();

    bool accepts(TtsMessageType type) const { return m_types.testFlag(type); }
    void setAccepted(TtsMessageType type, bool accepted) { m_types.setFlag(type, accepted); }
    TtsMessageTypes types() const { return m_types; }
    bool isEmpty() const { return m_types == TtsMessageTypes(); }

    // The stable names ("uplink", "joinAccept", …; canonical order) for settings and profile files, and
    // back; unknown names are skipped and listed in `unknown` when given.
    QStringList toNames() const;
    static MessageFilter fromNames(const QStringList &names, QStringList *unknown = nullptr);

    bool operator==(const MessageFilter &other) const { return m_types == other.m_types; }

private:
    TtsMessageTypes m_types;
};

} // namespace TwinBridge
