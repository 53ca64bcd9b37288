#pragma once

#include "services/core/ServiceError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

namespace TwinBridge {

// Reads the fields of one JSON object for the IoT Hub value types: tolerant of missing (or null) optional
// fields, strict about wrong types. The first type error is kept as an InvalidInput ServiceError that names
// the field by its dotted path ("authentication.symmetricKey.primaryKey"); later reads become no-ops that
// return defaults, so a fromJson() reads everything and checks ok() once at the end. Child readers for
// nested objects share the parent's error.
class JsonFieldReader
{
public:
    // `what` names the document in messages, e.g. "device identity" (already translated).
    JsonFieldReader(const QJsonObject &object, QString what);

    bool ok() const { return !m_state->error.has_value(); }
    ServiceError error() const { return m_state->error.value_or(ServiceError()); }

    bool has(QLatin1String key) const;
    QString string(QLatin1String key);
    // Whole numbers only; "must be a whole number" for 1.5, strings or out-of-range values.
    qint64 integer(QLatin1String key, qint64 fallback = 0);
    bool boolean(QLatin1String key, bool fallback = false);
    QJsonObject object(QLatin1String key);
    std::optional<QJsonObject> optionalObject(QLatin1String key);
    QJsonArray array(QLatin1String key);
    QStringList stringList(QLatin1String key);
    // ISO 8601 timestamps. Unparsable text (the twin documentation even shows "2015-02-30…") is tolerated
    // and gives an invalid QDateTime; a non-string value is an error.
    QDateTime timestamp(QLatin1String key);
    // A string or a whole number, as text (some IoT Hub error codes come either way).
    QString stringOrNumber(QLatin1String key);

    // A reader for a nested object (missing → empty object); type errors are reported with the full path.
    JsonFieldReader child(QLatin1String key);
    // Readers for the elements of the list `key` ("errors[2].deviceId" in messages); an element that is
    // not an object is an error.
    QList<JsonFieldReader> objectList(QLatin1String key);

    // Records a failure for `key` with the expectation, e.g. fail("status", tr("\"enabled\" or \"disabled\"")).
    void fail(QLatin1String key, const QString &expectation);

    QString pathOf(QLatin1String key) const;

    // Timestamp helpers shared by the value types.
    static QDateTime parseTimestamp(const QString &text);
    static QString formatTimestamp(const QDateTime &time);

private:
    struct State
    {
        QString what;
        std::optional<ServiceError> error;
    };
    JsonFieldReader(QJsonObject object, std::shared_ptr<State> state, QString prefix);
    QJsonValue value(QLatin1String key) const;
    static bool isAbsent(const QJsonValue &value) { return value.isUndefined() || value.isNull(); }

    QJsonObject m_object;
    std::shared_ptr<State> m_state;
    QString m_prefix;
};

} // namespace TwinBridge
