#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace TwinBridge {

// The toJson() side of JsonFieldReader: the value types omit unset members the same way (TTS and IoT Hub
// omit empty members too) and write times in JsonFieldReader's canonical timestamp form.
class JsonFieldWriter
{
public:
    // Inserts `value` unless it is empty.
    static void insertIfSet(QJsonObject &object, const QString &key, const QString &value);
    // Inserts `value` if it has one.
    static void insertIfSet(QJsonObject &object, const QString &key, const std::optional<bool> &value);
    // Inserts JsonFieldReader::formatTimestamp(time) if `time` is valid.
    static void insertIfSet(QJsonObject &object, const QString &key, const QDateTime &time);

    // `value`, or JSON null for an empty string (IoT Hub writes unset keys and thumbprints as null).
    static QJsonValue stringOrNull(const QString &value);
};

} // namespace TwinBridge
