#include "services/iothub/JsonFieldReader.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace TwinBridge {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonFieldReader", text);
}

// The largest magnitude a double holds exactly as an integer (2^53).
constexpr double MaxExactInteger = 9007199254740992.0;

} // namespace

JsonFieldReader::JsonFieldReader(const QJsonObject &object, QString what)
    : m_object(object)
    , m_state(std::make_shared<State>())
{
    m_state->what = std::move(what);
}

JsonFieldReader::JsonFieldReader(QJsonObject object, std::shared_ptr<State> state, QString prefix)
    : m_object(std::move(object))
    , m_state(std::move(state))
    , m_prefix(std::move(prefix))
{
}

QString JsonFieldReader::pathOf(QLatin1String key) const
{
    return m_prefix.isEmpty() ? QString(key) : m_prefix + QLatin1Char('.') + key;
}

void JsonFieldReader::fail(QLatin1String key, const QString &expectation)
{
    if (m_state->error)
        return;
    const QString path = pathOf(key);
    ServiceError error =
        ServiceError::invalidInput(tr("The %1 is not valid: \"%2\" must be %3.").arg(m_state->what, path, expectation));
    error.setCode(QStringLiteral("InvalidJsonField"));
    m_state->error = std::move(error);
}

QJsonValue JsonFieldReader::value(QLatin1String key) const
{
    return m_object.value(key);
}

bool JsonFieldReader::has(QLatin1String key) const
{
    return !isAbsent(value(key));
}

QString JsonFieldReader::string(QLatin1String key)
{
    const QJsonValue v = value(key);
    if (!ok() || isAbsent(v))
        return {};
    if (!v.isString()) {
        fail(key, tr("a string"));
        return {};
    }
    return v.toString();
}

qint64 JsonFieldReader::integer(QLatin1String key, qint64 fallback)
{
    const QJsonValue v = value(key);
    if (!ok() || isAbsent(v))
        return fallback;
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > MaxExactInteger) {
        fail(key, tr("a whole number"));
        return fallback;
    }
    return qint64(d);
}

bool JsonFieldReader::boolean(QLatin1String key, bool fallback)
{
    const QJsonValue v = value(key);
    if (!ok() || isAbsent(v))
        return fallback;
    if (!v.isBool()) {
        fail(key, tr("true or false"));
        return fallback;
    }
    return v.toBool();
}

QJsonObject JsonFieldReader::object(QLatin1String key)
{
    return optionalObject(key).value_or(QJsonObject());
}

std::optional<QJsonObject> JsonFieldReader::optionalObject(QLatin1String key)
{
    const QJsonValue v = value(key);
    if (!ok() || isAbsent(v))
        return std::nullopt;
    if (!v.isObject()) {
        fail(key, tr("a JSON object"));
        return std::nullopt;
    }
    return v.toObject();
}

QJsonArray JsonFieldReader::array(QLatin1String key)
{
    const QJsonValue v = value(key);
    if (!ok() || isAbsent(v))
        return {};
    if (!v.isArray()) {
        fail(key, tr("a list"));
        return {};
    }
    return v.toArray();
}

QStringList JsonFieldReader::stringList(QLatin1String key)
{
    const QJsonArray values = array(key);
    QStringList result;
    for (const QJsonValue &item : values) {
        if (!item.isString()) {
            fail(key, tr("a list of strings"));
            return {};
        }
        result.append(item.toString());
    }
    return result;
}

QDateTime JsonFieldReader::timestamp(QLatin1String key)
{
    const QJsonValue v = value(key);
    if (!ok() || isAbsent(v))
        return {};
    if (!v.isString()) {
        fail(key, tr("an ISO 8601 timestamp string"));
        return {};
    }
    return parseTimestamp(v.toString());
}

QString JsonFieldReader::stringOrNumber(QLatin1String key)
{
    const QJsonValue v = value(key);
    if (!ok() || isAbsent(v))
        return {};
    if (v.isString())
        return v.toString();
    const double d = v.toDouble();
    if (v.isDouble() && std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= MaxExactInteger)
        return QString::number(qint64(d));
    fail(key, tr("a string or a whole number"));
    return {};
}

JsonFieldReader JsonFieldReader::child(QLatin1String key)
{
    return JsonFieldReader(object(key), m_state, pathOf(key));
}

QList<JsonFieldReader> JsonFieldReader::objectList(QLatin1String key)
{
    const QJsonArray values = array(key);
    QList<JsonFieldReader> readers;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!values.at(i).isObject()) {
            fail(key, tr("a list of JSON objects"));
            return {};
        }
        readers.append(JsonFieldReader(values.at(i).toObject(), m_state,
                                       pathOf(key) + QLatin1Char('[') + QString::number(i) + QLatin1Char(']')));
    }
    return readers;
}

QDateTime JsonFieldReader::parseTimestamp(const QString &text)
{
    // IoT Hub writes up to seven fractional digits ("…:00.1234567Z") and sometimes no zone designator
    // ("0001-01-01T00:00:00"); both mean UTC. Qt wants at most three digits, so trim the fraction.
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d+))?(Z|[+-]\\d{2}:\\d{2})?$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return {};
    QString normalized = match.captured(1);
    const QString fraction = match.captured(2);
    if (!fraction.isEmpty())
        normalized += QLatin1Char('.') + QString(fraction + QStringLiteral("00")).left(3);
    const QString zone = match.captured(3);
    normalized += zone.isEmpty() ? QStringLiteral("Z") : zone;
    QDateTime time = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return time.toUTC();
}

QString JsonFieldReader::formatTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace TwinBridge
