#pragma once

#include "services/protocol/MqttPacket.h"
#include "services/protocol/MqttStreamDecoder.h"

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>

#include <deque>
#include <optional>

namespace TwinBridge::Sandbox::Test {

// The device side of the MQTT tests: a QSslSocket that trusts only the sandbox CA, the codec's encoders to
// send and its decoder to read. Every wait is on a real socket event (QSignalSpy::wait), bounded by a timeout.
class MqttTestClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int Timeout = 10000;

    explicit MqttTestClient(const QSslConfiguration &configuration, QObject *parent = nullptr)
        : QObject(parent)
    {
        m_socket.setSslConfiguration(configuration);
        connect(&m_socket, &QIODevice::readyRead, this, [this] {
            m_decoder.append(m_socket.readAll());
            while (auto next = m_decoder.next()) {
                if (!next->ok()) {
                    m_decodeError = next->error().message();
                    break;
                }
                m_packets.push_back(next->value());
                emit packetReceived();
            }
        });
    }

    // TLS to 127.0.0.1:port, verifying the certificate against `peerName` ({hub}.azure-devices.net).
    bool open(quint16 port, const QString &peerName)
    {
        QSignalSpy encrypted(&m_socket, &QSslSocket::encrypted);
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, peerName);
        return encrypted.wait(Timeout) && m_socket.sslHandshakeErrors().isEmpty();
    }

    void send(const QByteArray &bytes) { m_socket.write(bytes); }

    // The next packet from the server, or nullopt if none arrives in time (or the connection closes first).
    std::optional<MqttPacket> next(int timeoutMs = Timeout)
    {
        if (m_packets.empty()) {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                return std::nullopt;
            QSignalSpy received(this, &MqttTestClient::packetReceived);
            // Whichever comes first; packets that arrived with the close are still returned.
            const QMetaObject::Connection closed =
                QObject::connect(&m_socket, &QAbstractSocket::disconnected, this, &MqttTestClient::packetReceived);
            received.wait(timeoutMs);
            QObject::disconnect(closed);
            if (m_packets.empty())
                return std::nullopt;
        }
        MqttPacket packet = m_packets.front();
        m_packets.pop_front();
        return packet;
    }

    // CONNECT and the CONNACK that answers it.
    std::optional<MqttPacket> connectAs(const QString &clientId, const QString &username, const QString &password,
                                        quint16 keepAlive = 60, bool cleanSession = true, quint8 level = 4)
    {
        MqttConnect connect;
        connect.clientId = clientId;
        connect.username = username;
        connect.password = password.toUtf8();
        connect.keepAliveSeconds = keepAlive;
        connect.cleanSession = cleanSession;
        connect.protocolLevel = level;
        send(MqttEncode::connect(connect));
        return next();
    }

    // A PINGREQ and the PINGRESP — proves that nothing else was sent before it.
    bool ping()
    {
        send(MqttEncode::pingreq());
        const std::optional<MqttPacket> answer = next();
        return answer && answer->type == MqttPacketType::Pingresp;
    }

    bool waitForDisconnected(int timeoutMs = Timeout)
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        QSignalSpy closed(&m_socket, &QAbstractSocket::disconnected);
        return closed.wait(timeoutMs) || m_socket.state() == QAbstractSocket::UnconnectedState;
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QSslSocket &socket() { return m_socket; }
    QString decodeError() const { return m_decodeError; }
    qsizetype pendingPackets() const { return qsizetype(m_packets.size()); }

signals:
    void packetReceived();

private:
    QSslSocket m_socket;
    MqttStreamDecoder m_decoder;
    std::deque<MqttPacket> m_packets;
    QString m_decodeError;
};

} // namespace TwinBridge::Sandbox::Test
