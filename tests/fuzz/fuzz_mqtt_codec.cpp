// libFuzzer target: the MQTT 3.1.1 stream decoder. Arbitrary bytes must never crash it, every
// decoded packet must re-encode to bytes that decode to the same packet, and after an error it must stop.

#include "services/protocol/MqttPacket.h"
#include "services/protocol/MqttStreamDecoder.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace TwinBridge;

namespace {

QByteArray reencode(const MqttPacket &packet)
{
    switch (packet.type) {
    case MqttPacketType::Connect:
        return MqttEncode::connect(packet.connect);
    case MqttPacketType::Publish:
        return MqttEncode::publish(packet.publish);
    case MqttPacketType::Subscribe:
        return MqttEncode::subscribe(packet.packetId, packet.subscriptions);
    case MqttPacketType::Puback:
        return MqttEncode::puback(packet.packetId);
    default:
        return {};
    }
}

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Small limit so the size check is exercised too.
    MqttStreamDecoder decoder(4096);
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Feed in two pieces to exercise partial headers.
    const qsizetype split = size > 0 ? qsizetype(data[0]) % (qsizetype(size) + 1) : 0;
    decoder.append(input.left(split));
    bool failed = false;
    for (int round = 0; round < 2; ++round) {
        while (auto packet = decoder.next()) {
            check(!failed);
            if (!packet->ok()) {
                failed = true;
                continue;
            }
            const QByteArray again = reencode(packet->value());
            if (again.isEmpty())
                continue;
            MqttStreamDecoder second(1 << 20);
            second.append(again);
            const auto decoded = second.next();
            check(decoded.has_value() && decoded->ok());
            check(decoded->value().type == packet->value().type);
            check(second.buffered() == 0);
        }
        if (round == 0)
            decoder.append(input.mid(split));
    }
    return 0;
}
