#pragma once

#include "services/core/ServiceError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// Reads TTS JSON (protobuf JSON: absent = default) field by field and remembers the first field that
// had the wrong type, so a reader can finish and then report one precise sentence naming the field.
// Absent and null fields read as empty; only present fields of the wrong type are errors.
class TtsJsonReader
{
public:
    // `what` names the object in error sentences, e.g. "end device".
    explicit TtsJsonReader(QString what);

    QString string(const QJsonObject &object, const QString &key, const QString &path);
    std::optional<bool> boolean(const QJsonObject &object, const QString &key, const QString &path);
    // Integers may come as numbers or (uint64/int64) as decimal strings.
    std::optional<qint64> integer(const QJsonObject &object, const QString &key, const QString &path);
    QDateTime timestamp(const QJsonObject &object, const QString &key, const QString &path);
    QJsonObject object(const QJsonObject &object, const QString &key, const QString &path);
    QMap<QString, QString> stringMap(const QJsonObject &object, const QString &key, const QString &path);
    QStringList stringList(const QJsonObject &object, const QString &key, const QString &path);

    bool ok() const { return !m_error.isError(); }
    const ServiceError &error() const { return m_error; }
    void fail(const QString &path, const QString &expected);

    // RFC 3339 with any number of fractional digits ("…:46.014773143Z"); invalid QDateTime if not.
    static QDateTime parseTimestamp(const QString &text);
    static QString formatTimestamp(const QDateTime &time);

private:
    QString m_what;
    ServiceError m_error;
};

} // namespace TwinBridge
