#include "services/protocol/MqttStreamDecoder.h"

#include <QCoreApplication>
#include <QStringDecoder>

namespace TwinBridge {

namespace {

ServiceError malformed(const QString &why)
{
    ServiceError error = ServiceError::invalidInput(
        QCoreApplication::translate("TwinBridge::MqttStreamDecoder", "Malformed MQTT packet: %1").arg(why));
    error.setCode(QStringLiteral("MalformedPacket"));
    return error;
}

// Reads fields from a packet body, remembering the first problem.
class BodyReader
{
public:
    explicit BodyReader(const QByteArray &body)
        : m_body(body)
    {
    }

    bool atEnd() const { return m_pos >= m_body.size(); }
    qsizetype remaining() const { return m_body.size() - m_pos; }
    const QString &error() const { return m_error; }
    bool ok() const { return m_error.isEmpty(); }

    quint8 byte(const char *what)
    {
        if (!ok())
            return 0;
        if (remaining() < 1) {
            fail(QStringLiteral("%1 is missing").arg(QLatin1String(what)));
            return 0;
        }
        return quint8(m_body.at(m_pos++));
    }

    quint16 uint16(const char *what)
    {
        if (!ok())
            return 0;
        if (remaining() < 2) {
            fail(QStringLiteral("%1 is truncated").arg(QLatin1String(what)));
            return 0;
        }
        const quint16 value = quint16((quint8(m_body.at(m_pos)) << 8) | quint8(m_body.at(m_pos + 1)));
        m_pos += 2;
        return value;
    }

    // A length-prefixed field, viewed in place.
    QByteArrayView field(const char *what)
    {
        const quint16 length = uint16(what);
        if (!ok())
            return {};
        if (remaining() < length) {
            fail(QStringLiteral("%1 is longer than the packet").arg(QLatin1String(what)));
            return {};
        }
        const QByteArrayView value(m_body.constData() + m_pos, length);
        m_pos += length;
        return value;
    }

    // A copy: the body may be raw data that lives only while the packet is decoded.
    QByteArray binary(const char *what) { return field(what).toByteArray(); }

    // A UTF-8 encoded string (§1.5.3): well-formed, no U+0000.
    QString string(const char *what)
    {
        const QByteArrayView raw = field(what);
        if (!ok())
            return {};
        if (raw.contains('\0')) {
            fail(QStringLiteral("%1 contains U+0000").arg(QLatin1String(what)));
            return {};
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder(raw);
        if (decoder.hasError()) {
            fail(QStringLiteral("%1 is not valid UTF-8").arg(QLatin1String(what)));
            return {};
        }
        return text;
    }

    QByteArray rest()
    {
        QByteArray value(m_body.constData() + m_pos, m_body.size() - m_pos); // a copy, as binary()
        m_pos = m_body.size();
        return value;
    }

    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
    }

private:
    const QByteArray &m_body;
    qsizetype m_pos = 0;
    QString m_error;
};

quint8 requiredFlags(MqttPacketType type)
{
    switch (type) {
    case MqttPacketType::Pubrel:
    case MqttPacketType::Subscribe:
    case MqttPacketType::Unsubscribe:
        return 0x02;
    default:
        return 0x00;
    }
}

} // namespace

MqttStreamDecoder::MqttStreamDecoder(qsizetype maxPacketSize)
    : m_maxPacketSize(maxPacketSize)
{
}

void MqttStreamDecoder::append(const QByteArray &data)
{
    if (m_offset > 0 && m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    m_buffer.append(data);
}

std::optional<Result<MqttPacket>> MqttStreamDecoder::next()
{
    if (m_failed)
        return std::nullopt;
    const qsizetype available = buffered();
    if (available < 2)
        return std::nullopt;

    const char *data = m_buffer.constData() + m_offset;
    quint32 length = 0;
    quint32 multiplier = 1;
    qsizetype headerSize = 1;
    for (int i = 0;; ++i) {
        if (i == 4) {
            m_failed = true;
            return Result<MqttPacket>(malformed(QStringLiteral("the remaining length uses more than four bytes")));
        }
        if (headerSize >= available)
            return std::nullopt;
        const quint8 byte = quint8(data[headerSize++]);
        length += quint32(byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) == 0)
            break;
    }
    if (qsizetype(length) > m_maxPacketSize) {
        m_failed = true;
        ServiceError error = malformed(QStringLiteral("the packet has %1 bytes, more than the %2 allowed")
                                           .arg(length)
                                           .arg(m_maxPacketSize));
        error.setCode(QStringLiteral("PacketTooLarge"));
        return Result<MqttPacket>(error);
    }
    if (available < headerSize + qsizetype(length))
        return std::nullopt;

    const quint8 firstByte = quint8(data[0]);
    // decode() copies every field it keeps, so the body can stay in the buffer until it returns.
    Result<MqttPacket> packet = decode(firstByte, QByteArray::fromRawData(data + headerSize, length));
    m_offset += headerSize + length;
    if (m_offset == m_buffer.size()) {
        // Everything consumed: hold no memory between reads (thousands of idle connections).
        m_buffer = QByteArray();
        m_offset = 0;
    } else if (m_offset > 64 * 1024 && m_offset * 2 > m_buffer.size()) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    if (!packet.ok())
        m_failed = true;
    return packet;
}

Result<MqttPacket> MqttStreamDecoder::decode(quint8 firstByte, const QByteArray &body)
{
    const quint8 typeValue = firstByte >> 4;
    if (typeValue < quint8(MqttPacketType::Connect) || typeValue > quint8(MqttPacketType::Disconnect))
        return malformed(QStringLiteral("packet type %1 is reserved").arg(typeValue));

    MqttPacket packet;
    packet.type = MqttPacketType(typeValue);
    packet.flags = firstByte & 0x0f;
    if (packet.type != MqttPacketType::Publish && packet.flags != requiredFlags(packet.type))
        return malformed(QStringLiteral("invalid fixed-header flags %1 for packet type %2").arg(packet.flags).arg(typeValue));

    BodyReader reader(body);
    switch (packet.type) {
    case MqttPacketType::Connect: {
        MqttConnect &connect = packet.connect;
        connect.protocolName = reader.string("the protocol name");
        connect.protocolLevel = reader.byte("the protocol level");
        const quint8 flags = reader.byte("the connect flags");
        connect.keepAliveSeconds = reader.uint16("the keep-alive");
        if (!reader.ok())
            break;
        if (flags & 0x01)
            return malformed(QStringLiteral("the reserved connect flag is set"));
        connect.cleanSession = flags & 0x02;
        connect.willFlag = flags & 0x04;
        connect.willQos = (flags >> 3) & 0x03;
        connect.willRetain = flags & 0x20;
        const bool hasPassword = flags & 0x40;
        const bool hasUsername = flags & 0x80;
        if (connect.willQos == 3)
            return malformed(QStringLiteral("the will QoS is 3"));
        if (!connect.willFlag && (connect.willQos != 0 || connect.willRetain))
            return malformed(QStringLiteral("will QoS or retain set without a will"));
        if (hasPassword && !hasUsername)
            return malformed(QStringLiteral("a password without a user name"));
        connect.clientId = reader.string("the client identifier");
        if (connect.willFlag) {
            connect.willTopic = reader.string("the will topic");
            connect.willMessage = reader.binary("the will message");
        }
        if (hasUsername)
            connect.username = reader.string("the user name");
        if (hasPassword)
            connect.password = reader.binary("the password");
        break;
    }
    case MqttPacketType::Connack: {
        const quint8 acknowledge = reader.byte("the acknowledge flags");
        const quint8 code = reader.byte("the return code");
        if (!reader.ok())
            break;
        if (acknowledge & 0xfe)
            return malformed(QStringLiteral("reserved acknowledge flags are set"));
        if (code > quint8(MqttConnackCode::NotAuthorized))
            return malformed(QStringLiteral("return code %1 is reserved").arg(code));
        packet.sessionPresent = acknowledge & 0x01;
        packet.connackCode = MqttConnackCode(code);
        break;
    }
    case MqttPacketType::Publish: {
        MqttPublish &publish = packet.publish;
        publish.dup = packet.flags & 0x08;
        publish.qos = (packet.flags >> 1) & 0x03;
        publish.retain = packet.flags & 0x01;
        if (publish.qos == 3)
            return malformed(QStringLiteral("PUBLISH with QoS 3"));
        if (publish.qos == 0 && publish.dup)
            return malformed(QStringLiteral("DUP set on a QoS 0 PUBLISH"));
        publish.topic = reader.string("the topic name");
        if (!reader.ok())
            break;
        if (publish.topic.isEmpty())
            return malformed(QStringLiteral("the topic name is empty"));
        if (publish.topic.contains(QLatin1Char('+')) || publish.topic.contains(QLatin1Char('#')))
            return malformed(QStringLiteral("the topic name contains a wildcard"));
        if (publish.qos > 0) {
            publish.packetId = reader.uint16("the packet identifier");
            if (reader.ok() && publish.packetId == 0)
                return malformed(QStringLiteral("packet identifier 0"));
        }
        publish.payload = reader.rest();
        break;
    }
    case MqttPacketType::Puback:
    case MqttPacketType::Pubrec:
    case MqttPacketType::Pubrel:
    case MqttPacketType::Pubcomp:
    case MqttPacketType::Unsuback:
        packet.packetId = reader.uint16("the packet identifier");
        break;
    case MqttPacketType::Subscribe: {
        packet.packetId = reader.uint16("the packet identifier");
        if (reader.ok() && packet.packetId == 0)
            return malformed(QStringLiteral("packet identifier 0"));
        while (reader.ok() && !reader.atEnd()) {
            MqttSubscription subscription;
            subscription.filter = reader.string("a topic filter");
            const quint8 qos = reader.byte("a requested QoS");
            if (!reader.ok())
                break;
            if (qos > 2)
                return malformed(QStringLiteral("requested QoS byte %1 is invalid").arg(qos));
            if (subscription.filter.isEmpty())
                return malformed(QStringLiteral("an empty topic filter"));
            subscription.qos = qos;
            packet.subscriptions.append(subscription);
        }
        if (reader.ok() && packet.subscriptions.isEmpty())
            return malformed(QStringLiteral("SUBSCRIBE without a topic filter"));
        break;
    }
    case MqttPacketType::Suback:
        packet.packetId = reader.uint16("the packet identifier");
        while (reader.ok() && !reader.atEnd()) {
            const quint8 code = reader.byte("a return code");
            if (code != 0 && code != 1 && code != 2 && code != 0x80)
                return malformed(QStringLiteral("SUBACK return code %1 is invalid").arg(code));
            packet.subackCodes.append(code);
        }
        break;
    case MqttPacketType::Unsubscribe:
        packet.packetId = reader.uint16("the packet identifier");
        while (reader.ok() && !reader.atEnd())
            packet.unsubscribeFilters.append(reader.string("a topic filter"));
        if (reader.ok() && packet.unsubscribeFilters.isEmpty())
            return malformed(QStringLiteral("UNSUBSCRIBE without a topic filter"));
        break;
    case MqttPacketType::Pingreq:
    case MqttPacketType::Pingresp:
    case MqttPacketType::Disconnect:
        break;
    }
    if (!reader.ok())
        return malformed(reader.error());
    if (!reader.atEnd())
        return malformed(QStringLiteral("%1 unexpected bytes at the end of the packet").arg(reader.remaining()));
    return packet;
}

} // namespace TwinBridge
