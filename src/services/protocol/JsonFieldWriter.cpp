#include "services/protocol/JsonFieldWriter.h"

#include "services/protocol/JsonFieldReader.h"

namespace TwinBridge {

void JsonFieldWriter::insertIfSet(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

void JsonFieldWriter::insertIfSet(QJsonObject &object, const QString &key, const std::optional<bool> &value)
{
    if (value)
        object.insert(key, *value);
}

void JsonFieldWriter::insertIfSet(QJsonObject &object, const QString &key, const QDateTime &time)
{
    if (time.isValid())
        object.insert(key, JsonFieldReader::formatTimestamp(time));
}

QJsonValue JsonFieldWriter::stringOrNull(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

} // namespace TwinBridge
