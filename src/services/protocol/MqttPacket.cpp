#include "services/protocol/MqttPacket.h"

namespace TwinBridge {

namespace {

void appendUint16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xff));
}

void appendBinary(QByteArray &out, const QByteArray &data)
{
    appendUint16(out, quint16(data.size()));
    out.append(data);
}

void appendString(QByteArray &out, const QString &text)
{
    appendBinary(out, text.toUtf8());
}

QByteArray packet(MqttPacketType type, quint8 flags, const QByteArray &body)
{
    QByteArray out;
    out.reserve(body.size() + 5);
    out.append(char((quint8(type) << 4) | (flags & 0x0f)));
    out.append(MqttEncode::remainingLength(quint32(body.size())));
    out.append(body);
    return out;
}

} // namespace

namespace MqttEncode {

QByteArray remainingLength(quint32 length)
{
    QByteArray out;
    do {
        quint8 byte = length % 128;
        length /= 128;
        if (length > 0)
            byte |= 0x80;
        out.append(char(byte));
    } while (length > 0);
    return out;
}

QByteArray connect(const MqttConnect &connect)
{
    QByteArray body;
    appendString(body, connect.protocolName);
    body.append(char(connect.protocolLevel));
    quint8 flags = 0;
    if (connect.username)
        flags |= 0x80;
    if (connect.password)
        flags |= 0x40;
    if (connect.willFlag) {
        flags |= 0x04;
        flags |= quint8((connect.willQos & 0x03) << 3);
        if (connect.willRetain)
            flags |= 0x20;
    }
    if (connect.cleanSession)
        flags |= 0x02;
    body.append(char(flags));
    appendUint16(body, connect.keepAliveSeconds);
    appendString(body, connect.clientId);
    if (connect.willFlag) {
        appendString(body, connect.willTopic);
        appendBinary(body, connect.willMessage);
    }
    if (connect.username)
        appendString(body, *connect.username);
    if (connect.password)
        appendBinary(body, *connect.password);
    return packet(MqttPacketType::Connect, 0, body);
}

QByteArray connack(bool sessionPresent, MqttConnackCode code)
{
    QByteArray body;
    body.append(char(sessionPresent ? 1 : 0));
    body.append(char(code));
    return packet(MqttPacketType::Connack, 0, body);
}

QByteArray publish(const MqttPublish &publish)
{
    QByteArray body;
    body.reserve(publish.topic.size() + publish.payload.size() + 4);
    appendString(body, publish.topic);
    if (publish.qos > 0)
        appendUint16(body, publish.packetId);
    body.append(publish.payload);
    const quint8 flags = quint8((publish.dup ? 0x08 : 0) | ((publish.qos & 0x03) << 1) | (publish.retain ? 0x01 : 0));
    return packet(MqttPacketType::Publish, flags, body);
}

QByteArray puback(quint16 packetId)
{
    QByteArray body;
    appendUint16(body, packetId);
    return packet(MqttPacketType::Puback, 0, body);
}

QByteArray subscribe(quint16 packetId, const QList<MqttSubscription> &subscriptions)
{
    QByteArray body;
    appendUint16(body, packetId);
    for (const MqttSubscription &subscription : subscriptions) {
        appendString(body, subscription.filter);
        body.append(char(subscription.qos));
    }
    return packet(MqttPacketType::Subscribe, 0x02, body);
}

QByteArray suback(quint16 packetId, const QList<quint8> &codes)
{
    QByteArray body;
    appendUint16(body, packetId);
    for (quint8 code : codes)
        body.append(char(code));
    return packet(MqttPacketType::Suback, 0, body);
}

QByteArray unsubscribe(quint16 packetId, const QList<QString> &filters)
{
    QByteArray body;
    appendUint16(body, packetId);
    for (const QString &filter : filters)
        appendString(body, filter);
    return packet(MqttPacketType::Unsubscribe, 0x02, body);
}

QByteArray unsuback(quint16 packetId)
{
    QByteArray body;
    appendUint16(body, packetId);
    return packet(MqttPacketType::Unsuback, 0, body);
}

QByteArray pingreq()
{
    return packet(MqttPacketType::Pingreq, 0, {});
}

QByteArray pingresp()
{
    return packet(MqttPacketType::Pingresp, 0, {});
}

QByteArray disconnect()
{
    return packet(MqttPacketType::Disconnect, 0, {});
}

} // namespace MqttEncode

} // namespace TwinBridge
