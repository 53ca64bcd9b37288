#pragma once

#include "services/protocol/ApplicationUp.h"
#include "services/protocol/TtsTopic.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>

namespace TwinBridge {

// One message TtsApplicationSubscriber received from the TTS application and accepted: the topic it came
// on, the MQTT payload exactly as received (the D2C body, byte for byte), its typed form, and when it
// arrived (the subscriber's Clock). The topic's device and application match the body's, and the topic's
// kind matches the body's message member.
struct TtsUpstreamMessage
{
    TtsTopic topic;
    QByteArray payload;
    ApplicationUp message;
    QDateTime receivedAt;

    QString deviceId() const { return topic.deviceId; }
    TtsMessageType type() const { return message.type(); }
};

} // namespace TwinBridge

Q_DECLARE_METATYPE(TwinBridge::TtsUpstreamMessage)
