#pragma once

#include "services/core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace TwinBridge {

// A TTS Application as `GET /applications/{app}` returns it (`tts:api/ttn/lorawan/v3/application.proto`).
struct TtsApplication
{
    QString applicationId;
    QString name;
    QString description;
    QMap<QString, QString> attributes;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString networkServerAddress;
    QString applicationServerAddress;
    QString joinServerAddress;
    std::optional<qint64> devEuiCounter;

    bool operator==(const TtsApplication &) const = default;

    static Result<TtsApplication> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

} // namespace TwinBridge
