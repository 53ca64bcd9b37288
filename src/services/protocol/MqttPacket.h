#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace TwinBridge {

// MQTT 3.1.1 control packets (OASIS mqtt-v3.1.1 §2–3), the subset an IoT Hub front end and its clients use.
enum class MqttPacketType : quint8 {
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Pubrec = 5,
    Pubrel = 6,
    Pubcomp = 7,
    Subscribe = 8,
    Suback = 9,
    Unsubscribe = 10,
    Unsuback = 11,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
};

// CONNACK return codes (§3.2.2.3).
enum class MqttConnackCode : quint8 {
    Accepted = 0,
    UnacceptableProtocolVersion = 1,
    IdentifierRejected = 2,
    ServerUnavailable = 3,
    BadUsernameOrPassword = 4,
    NotAuthorized = 5,
};

struct MqttConnect
{
    QString protocolName = QStringLiteral("MQTT");
    quint8 protocolLevel = 4;
    bool cleanSession = true;
    quint16 keepAliveSeconds = 0;
    QString clientId;
    std::optional<QString> username;
    std::optional<QByteArray> password;
    bool willFlag = false;
    quint8 willQos = 0;
    bool willRetain = false;
    QString willTopic;
    QByteArray willMessage;
};

struct MqttPublish
{
    QString topic;
    QByteArray payload;
    quint8 qos = 0;
    bool retain = false;
    bool dup = false;
    quint16 packetId = 0; // only with QoS > 0
};

struct MqttSubscription
{
    QString filter;
    quint8 qos = 0;
};

struct MqttPacket
{
    MqttPacketType type = MqttPacketType::Pingreq;
    quint8 flags = 0;       // the low nibble of the first byte
    quint16 packetId = 0;   // PUBACK/PUBREC/PUBREL/PUBCOMP/SUBSCRIBE/SUBACK/UNSUBSCRIBE/UNSUBACK
    MqttConnect connect;    // CONNECT
    bool sessionPresent = false;                       // CONNACK
    MqttConnackCode connackCode = MqttConnackCode::Accepted;
    MqttPublish publish;                               // PUBLISH
    QList<MqttSubscription> subscriptions;             // SUBSCRIBE
    QList<quint8> subackCodes;                         // SUBACK (0, 1, 2 or 0x80)
    QList<QString> unsubscribeFilters;                 // UNSUBSCRIBE
};

// Encoders for every packet type (both directions, so tests and load generators can play the client).
namespace MqttEncode {
QByteArray connect(const MqttConnect &connect);
QByteArray connack(bool sessionPresent, MqttConnackCode code);
QByteArray publish(const MqttPublish &publish);
QByteArray puback(quint16 packetId);
QByteArray subscribe(quint16 packetId, const QList<MqttSubscription> &subscriptions);
QByteArray suback(quint16 packetId, const QList<quint8> &codes);
QByteArray unsubscribe(quint16 packetId, const QList<QString> &filters);
QByteArray unsuback(quint16 packetId);
QByteArray pingreq();
QByteArray pingresp();
QByteArray disconnect();
QByteArray remainingLength(quint32 length);
} // namespace MqttEncode

} // namespace TwinBridge
