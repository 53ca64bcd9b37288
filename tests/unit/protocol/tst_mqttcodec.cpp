#include "services/protocol/MqttPacket.h"
#include "services/protocol/MqttStreamDecoder.h"

#include <QTest>

using namespace TwinBridge;

Q_DECLARE_METATYPE(MqttPacketType)
Q_DECLARE_METATYPE(MqttConnackCode)

class TestMqttCodec : public QObject
{
    Q_OBJECT

private slots:
    void remainingLength_data();
    void remainingLength();
    void connectWireBytes();
    void connectRoundTrip();
    void publishRoundTrip_data();
    void publishRoundTrip();
    void subscribeRoundTrip();
    void simplePackets_data();
    void simplePackets();
    void connackCodes_data();
    void connackCodes();
    void serverToClientStream();
    void malformed_data();
    void malformed();
    void streamSplitsAnywhere();
    void oversizeRefusedEarly();
    void stopsAfterAnError();
};

static MqttPacket decodeOne(const QByteArray &bytes)
{
    MqttStreamDecoder decoder;
    decoder.append(bytes);
    auto packet = decoder.next();
    if (!packet)
        qFatal("incomplete packet");
    if (!packet->ok())
        qFatal("%s", qPrintable(packet->error().message()));
    if (decoder.buffered() != 0)
        qFatal("bytes left over");
    return packet->value();
}

void TestMqttCodec::remainingLength_data()
{
    QTest::addColumn<quint32>("length");
    QTest::addColumn<QByteArray>("encoded");
    // The boundaries of MQTT 3.1.1 §2.2.3, table 2.4.
    QTest::addRow("0") << quint32(0) << QByteArray::fromHex("00");
    QTest::addRow("127") << quint32(127) << QByteArray::fromHex("7f");
    QTest::addRow("128") << quint32(128) << QByteArray::fromHex("8001");
    QTest::addRow("16383") << quint32(16383) << QByteArray::fromHex("ff7f");
    QTest::addRow("16384") << quint32(16384) << QByteArray::fromHex("808001");
    QTest::addRow("2097151") << quint32(2097151) << QByteArray::fromHex("ffff7f");
    QTest::addRow("2097152") << quint32(2097152) << QByteArray::fromHex("80808001");
    QTest::addRow("268435455") << quint32(268435455) << QByteArray::fromHex("ffffff7f");
}

void TestMqttCodec::remainingLength()
{
    QFETCH(quint32, length);
    QFETCH(QByteArray, encoded);
    QCOMPARE(MqttEncode::remainingLength(length), encoded);
}

void TestMqttCodec::connectWireBytes()
{
    MqttConnect connect;
    connect.clientId = QStringLiteral("d1");
    connect.cleanSession = false;
    connect.keepAliveSeconds = 240;
    connect.username = QStringLiteral("h/d1/?api-version=2021-04-12");
    connect.password = QByteArray("pw");
    const QByteArray expected = QByteArray::fromHex("10") + QByteArray(1, char(10 + 4 + 30 + 4))
        + QByteArray::fromHex("00044d51545404c000f0") // "MQTT", level 4, flags user+password, keep-alive 240
        + QByteArray::fromHex("00026431")                 // client id "d1"
        + QByteArray::fromHex("001c") + QByteArray("h/d1/?api-version=2021-04-12")
        + QByteArray::fromHex("00027077");
    QCOMPARE(MqttEncode::connect(connect).toHex(), expected.toHex());
}

void TestMqttCodec::connectRoundTrip()
{
    MqttConnect connect;
    connect.clientId = QStringLiteral("lora-0004a30b001c0530");
    connect.keepAliveSeconds = 180;
    connect.cleanSession = true;
    connect.username = QStringLiteral("hub.azure-devices.net/lora-0004a30b001c0530/?api-version=2021-04-12");
    connect.password = QByteArray("SharedAccessSignature sr=x&sig=y&se=1");
    connect.willFlag = true;
    connect.willQos = 1;
    connect.willRetain = false;
    connect.willTopic = QStringLiteral("devices/lora-0004a30b001c0530/messages/events/");
    connect.willMessage = QByteArray("bye\x00\xff", 5);
    const MqttPacket packet = decodeOne(MqttEncode::connect(connect));
    QCOMPARE(packet.type, MqttPacketType::Connect);
    QCOMPARE(packet.connect.protocolName, QStringLiteral("MQTT"));
    QCOMPARE(packet.connect.protocolLevel, quint8(4));
    QCOMPARE(packet.connect.clientId, connect.clientId);
    QCOMPARE(packet.connect.keepAliveSeconds, quint16(180));
    QVERIFY(packet.connect.cleanSession);
    QCOMPARE(packet.connect.username, connect.username);
    QCOMPARE(packet.connect.password, connect.password);
    QVERIFY(packet.connect.willFlag);
    QCOMPARE(packet.connect.willQos, quint8(1));
    QCOMPARE(packet.connect.willTopic, connect.willTopic);
    QCOMPARE(packet.connect.willMessage, connect.willMessage);
}

void TestMqttCodec::publishRoundTrip_data()
{
    QTest::addColumn<quint8>("qos");
    QTest::addColumn<bool>("retain");
    QTest::addColumn<bool>("dup");
    QTest::addColumn<int>("payloadSize");
    QTest::addRow("qos0") << quint8(0) << false << false << 10;
    QTest::addRow("qos1") << quint8(1) << false << false << 10;
    QTest::addRow("qos1 dup retain") << quint8(1) << true << true << 0;
    QTest::addRow("qos2") << quint8(2) << false << false << 1;
    QTest::addRow("256 KB") << quint8(1) << false << false << 256 * 1024;
}

void TestMqttCodec::publishRoundTrip()
{
    QFETCH(quint8, qos);
    QFETCH(bool, retain);
    QFETCH(bool, dup);
    QFETCH(int, payloadSize);
    MqttPublish publish;
    publish.topic = QStringLiteral("devices/d1/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8");
    publish.payload = QByteArray(payloadSize, 'x');
    publish.qos = qos;
    publish.retain = retain;
    publish.dup = dup;
    publish.packetId = qos > 0 ? 4242 : 0;
    const MqttPacket packet = decodeOne(MqttEncode::publish(publish));
    QCOMPARE(packet.type, MqttPacketType::Publish);
    QCOMPARE(packet.publish.topic, publish.topic);
    QCOMPARE(packet.publish.payload, publish.payload);
    QCOMPARE(packet.publish.qos, qos);
    QCOMPARE(packet.publish.retain, retain);
    QCOMPARE(packet.publish.dup, dup);
    QCOMPARE(packet.publish.packetId, publish.packetId);
}

void TestMqttCodec::subscribeRoundTrip()
{
    const QList<MqttSubscription> subscriptions = {{QStringLiteral("$iothub/twin/res/#"), 0},
                                                   {QStringLiteral("$iothub/twin/PATCH/properties/desired/#"), 2},
                                                   {QStringLiteral("devices/d1/messages/devicebound/#"), 1}};
    const MqttPacket packet = decodeOne(MqttEncode::subscribe(7, subscriptions));
    QCOMPARE(packet.type, MqttPacketType::Subscribe);
    QCOMPARE(packet.flags, quint8(0x02));
    QCOMPARE(packet.packetId, quint16(7));
    QCOMPARE(packet.subscriptions.size(), 3);
    QCOMPARE(packet.subscriptions.at(1).filter, subscriptions.at(1).filter);
    QCOMPARE(packet.subscriptions.at(1).qos, quint8(2));

    const MqttPacket suback = decodeOne(MqttEncode::suback(7, {0, 1, 0x80}));
    QCOMPARE(suback.subackCodes, QList<quint8>({0, 1, 0x80}));

    const MqttPacket unsubscribe = decodeOne(MqttEncode::unsubscribe(8, {QStringLiteral("a/b")}));
    QCOMPARE(unsubscribe.unsubscribeFilters, QList<QString>({QStringLiteral("a/b")}));
}

void TestMqttCodec::simplePackets_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<MqttPacketType>("type");
    QTest::addColumn<quint16>("packetId");
    QTest::addRow("connack") << MqttEncode::connack(true, MqttConnackCode::NotAuthorized) << MqttPacketType::Connack << quint16(0);
    QTest::addRow("puback") << MqttEncode::puback(513) << MqttPacketType::Puback << quint16(513);
    QTest::addRow("unsuback") << MqttEncode::unsuback(9) << MqttPacketType::Unsuback << quint16(9);
    QTest::addRow("pingreq") << MqttEncode::pingreq() << MqttPacketType::Pingreq << quint16(0);
    QTest::addRow("pingresp") << MqttEncode::pingresp() << MqttPacketType::Pingresp << quint16(0);
    QTest::addRow("disconnect") << MqttEncode::disconnect() << MqttPacketType::Disconnect << quint16(0);
    QTest::addRow("pubrel") << QByteArray::fromHex("62020005") << MqttPacketType::Pubrel << quint16(5);
}

void TestMqttCodec::simplePackets()
{
    QFETCH(QByteArray, bytes);
    QFETCH(MqttPacketType, type);
    QFETCH(quint16, packetId);
    const MqttPacket packet = decodeOne(bytes);
    QCOMPARE(packet.type, type);
    QCOMPARE(packet.packetId, packetId);
    if (type == MqttPacketType::Connack) {
        QVERIFY(packet.sessionPresent);
        QCOMPARE(packet.connackCode, MqttConnackCode::NotAuthorized);
    }
}

// What a client reads: every CONNACK return code as the hub sends it (wire bytes written out by hand).
void TestMqttCodec::connackCodes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<MqttConnackCode>("code");
    QTest::addColumn<bool>("sessionPresent");
    QTest::addRow("accepted") << QByteArray::fromHex("20020000") << MqttConnackCode::Accepted << false;
    QTest::addRow("accepted, session present") << QByteArray::fromHex("20020100") << MqttConnackCode::Accepted << true;
    QTest::addRow("protocol version") << QByteArray::fromHex("20020001") << MqttConnackCode::UnacceptableProtocolVersion << false;
    QTest::addRow("identifier rejected") << QByteArray::fromHex("20020002") << MqttConnackCode::IdentifierRejected << false;
    QTest::addRow("server unavailable") << QByteArray::fromHex("20020003") << MqttConnackCode::ServerUnavailable << false;
    QTest::addRow("bad user name or password") << QByteArray::fromHex("20020004") << MqttConnackCode::BadUsernameOrPassword << false;
    QTest::addRow("not authorized") << QByteArray::fromHex("20020005") << MqttConnackCode::NotAuthorized << false;
}

void TestMqttCodec::connackCodes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(MqttConnackCode, code);
    QFETCH(bool, sessionPresent);
    const MqttPacket packet = decodeOne(bytes);
    QCOMPARE(packet.type, MqttPacketType::Connack);
    QCOMPARE(packet.connackCode, code);
    QCOMPARE(packet.sessionPresent, sessionPresent);
}

// A device connection's inbound stream in one read: CONNACK, SUBACK, PUBACK, a twin response PUBLISH
// (QoS 0, empty body) and a desired-properties PUBLISH with a JSON body, PINGRESP.
void TestMqttCodec::serverToClientStream()
{
    const QByteArray twinResponse = QByteArrayLiteral("$iothub/twin/res/204/?$rid=7&$version=12");
    QByteArray twinPublish = QByteArray::fromHex("30");
    twinPublish += char(2 + twinResponse.size());
    twinPublish += char(0);
    twinPublish += char(twinResponse.size());
    twinPublish += twinResponse;
    const QByteArray desiredTopic = QByteArrayLiteral("$iothub/twin/PATCH/properties/desired/?$version=3");
    const QByteArray desiredBody = QByteArrayLiteral("{\"a\":1}");
    QByteArray desiredPublish = QByteArray::fromHex("32");
    desiredPublish += char(2 + desiredTopic.size() + 2 + desiredBody.size());
    desiredPublish += char(0);
    desiredPublish += char(desiredTopic.size());
    desiredPublish += desiredTopic;
    desiredPublish += QByteArray::fromHex("0009");
    desiredPublish += desiredBody;
    const QByteArray stream = QByteArray::fromHex("20020000") + QByteArray::fromHex("9003000100") + QByteArray::fromHex("40020002")
        + twinPublish + desiredPublish + QByteArray::fromHex("d000");

    MqttStreamDecoder decoder;
    decoder.append(stream);
    QList<MqttPacket> packets;
    while (auto next = decoder.next()) {
        QVERIFY2(next->ok(), qPrintable(next->error().message()));
        packets.append(next->value());
    }
    QCOMPARE(decoder.buffered(), 0);
    QCOMPARE(packets.size(), 6);
    QCOMPARE(packets[0].type, MqttPacketType::Connack);
    QCOMPARE(packets[1].type, MqttPacketType::Suback);
    QCOMPARE(packets[1].packetId, quint16(1));
    QCOMPARE(packets[1].subackCodes, QList<quint8>({0}));
    QCOMPARE(packets[2].type, MqttPacketType::Puback);
    QCOMPARE(packets[2].packetId, quint16(2));
    QCOMPARE(packets[3].type, MqttPacketType::Publish);
    QCOMPARE(packets[3].publish.topic, QString::fromLatin1(twinResponse));
    QCOMPARE(packets[3].publish.qos, quint8(0));
    QVERIFY(packets[3].publish.payload.isEmpty());
    QCOMPARE(packets[4].type, MqttPacketType::Publish);
    QCOMPARE(packets[4].publish.qos, quint8(1));
    QCOMPARE(packets[4].publish.packetId, quint16(9));
    QCOMPARE(packets[4].publish.payload, desiredBody);
    QCOMPARE(packets[5].type, MqttPacketType::Pingresp);
}

void TestMqttCodec::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("reserved type 0") << QByteArray::fromHex("0000") << QStringLiteral("reserved");
    QTest::addRow("reserved type 15") << QByteArray::fromHex("f000") << QStringLiteral("reserved");
    QTest::addRow("pingreq with flags") << QByteArray::fromHex("c100") << QStringLiteral("flags");
    QTest::addRow("subscribe without 0010 flags") << QByteArray::fromHex("8006000100016100") << QStringLiteral("flags");
    QTest::addRow("remaining length 5 bytes") << QByteArray::fromHex("30ffffffff01") << QStringLiteral("four bytes");
    QTest::addRow("publish qos 3") << QByteArray::fromHex("36050003612f62") << QStringLiteral("QoS 3");
    QTest::addRow("dup on qos 0") << QByteArray::fromHex("3803000161") << QStringLiteral("DUP");
    QTest::addRow("wildcard topic") << QByteArray::fromHex("300500032f2b2f") << QStringLiteral("wildcard");
    QTest::addRow("empty topic") << QByteArray::fromHex("30020000") << QStringLiteral("empty");
    QTest::addRow("packet id 0") << QByteArray::fromHex("32050001610000") << QStringLiteral("identifier 0");
    QTest::addRow("topic longer than packet") << QByteArray::fromHex("300300106161") << QStringLiteral("longer");
    QTest::addRow("invalid utf-8 topic") << QByteArray::fromHex("30040002c328") << QStringLiteral("UTF-8");
    QTest::addRow("nul in topic") << QByteArray::fromHex("3004000261" "00") << QStringLiteral("U+0000");
    QTest::addRow("subscribe without filters") << QByteArray::fromHex("82020001") << QStringLiteral("without a topic filter");
    QTest::addRow("subscribe qos byte 3") << QByteArray::fromHex("820600010001" "6103") << QStringLiteral("QoS byte");
    QTest::addRow("connect reserved flag") << QByteArray::fromHex("100d00044d5154540401003c000164") << QStringLiteral("reserved connect flag");
    QTest::addRow("connect password without user") << QByteArray::fromHex("100d00044d5154540442003c000164") << QStringLiteral("password without");
    QTest::addRow("connect will qos 3") << QByteArray::fromHex("100d00044d515454041c003c000164") << QStringLiteral("will QoS");
    QTest::addRow("puback trailing bytes") << QByteArray::fromHex("4003000100") << QStringLiteral("unexpected bytes");
    QTest::addRow("puback truncated") << QByteArray::fromHex("400100") << QStringLiteral("truncated");
    QTest::addRow("connack reserved code") << QByteArray::fromHex("20020006") << QStringLiteral("reserved");
}

void TestMqttCodec::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, mentions);
    MqttStreamDecoder decoder;
    decoder.append(bytes);
    const auto packet = decoder.next();
    QVERIFY(packet.has_value());
    QVERIFY(!packet->ok());
    QCOMPARE(packet->error().code(), QStringLiteral("MalformedPacket"));
    QVERIFY2(packet->error().message().contains(mentions), qPrintable(packet->error().message()));
}

void TestMqttCodec::streamSplitsAnywhere()
{
    MqttPublish publish;
    publish.topic = QStringLiteral("devices/d1/messages/events/");
    publish.payload = QByteArray(300, 'p');
    publish.qos = 1;
    publish.packetId = 1;
    const QByteArray stream = MqttEncode::pingreq() + MqttEncode::publish(publish) + MqttEncode::puback(2)
        + MqttEncode::disconnect();
    MqttStreamDecoder decoder;
    QList<MqttPacketType> seen;
    for (char byte : stream) {
        decoder.append(QByteArray(1, byte));
        while (auto packet = decoder.next()) {
            QVERIFY(packet->ok());
            seen.append(packet->value().type);
        }
    }
    QCOMPARE(seen, QList<MqttPacketType>({MqttPacketType::Pingreq, MqttPacketType::Publish, MqttPacketType::Puback,
                                          MqttPacketType::Disconnect}));
    QCOMPARE(decoder.buffered(), 0);
}

void TestMqttCodec::oversizeRefusedEarly()
{
    MqttStreamDecoder decoder(1024);
    // Only the fixed header of a 2 MB PUBLISH: refused without waiting for the body.
    decoder.append(QByteArray::fromHex("30") + MqttEncode::remainingLength(2 * 1024 * 1024));
    const auto packet = decoder.next();
    QVERIFY(packet.has_value());
    QVERIFY(!packet->ok());
    QCOMPARE(packet->error().code(), QStringLiteral("PacketTooLarge"));
}

void TestMqttCodec::stopsAfterAnError()
{
    MqttStreamDecoder decoder;
    decoder.append(QByteArray::fromHex("0000") + MqttEncode::pingreq());
    QVERIFY(!decoder.next()->ok());
    QVERIFY(!decoder.next().has_value());
}

QTEST_GUILESS_MAIN(TestMqttCodec)
#include "tst_mqttcodec.moc"
