#pragma once

#include "services/protocol/MqttPacket.h"
#include "services/core/Result.h"

#include <QByteArray>

#include <optional>

namespace TwinBridge {

// Splits a byte stream into MQTT 3.1.1 packets and validates each one against the specification's
// well-formedness rules. A malformed packet is an error (the connection must be closed, §4.8); an
// oversize one is refused before its body is buffered.
class MqttStreamDecoder
{
public:
    // Default: IoT Hub's 256 KB message limit plus room for a long topic.
    static constexpr qsizetype DefaultMaxPacketSize = 256 * 1024 + 64 * 1024;

    explicit MqttStreamDecoder(qsizetype maxPacketSize = DefaultMaxPacketSize);

    void append(const QByteArray &data);
    // The next complete packet, an error, or std::nullopt if more bytes are needed.
    std::optional<Result<MqttPacket>> next();
    qsizetype buffered() const { return m_buffer.size() - m_offset; }

    // Decodes one packet from its first byte and body (the bytes after the remaining length).
    static Result<MqttPacket> decode(quint8 firstByte, const QByteArray &body);

private:
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    qsizetype m_maxPacketSize;
    bool m_failed = false;
};

} // namespace TwinBridge
