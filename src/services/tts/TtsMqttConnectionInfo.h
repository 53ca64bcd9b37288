#pragma once

#include "services/core/Result.h"

#include <QJsonObject>
#include <QString>

namespace TwinBridge {

// `GET /as/applications/{app}/mqtt-connection-info` (reference/tts-integration.md §3.1): where the
// Application Server's MQTT front end listens and the user name to connect with ({app}@{tenant}).
struct TtsMqttConnectionInfo
{
    QString publicAddress; // "eu1.cloud.thethings.network:1883"
    QString publicTlsAddress; // "eu1.cloud.thethings.network:8883"
    QString username; // "my-app@ttn"

    bool operator==(const TtsMqttConnectionInfo &) const = default;

    static Result<TtsMqttConnectionInfo> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    // Splits "host:port" (or "[v6]:port"); `port` is -1 when the address has none or it is not a number.
    static QString hostOf(const QString &address);
    static int portOf(const QString &address);
};

} // namespace TwinBridge
