#include "services/protocol/JsonFieldReader.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace TwinBridge {

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isHexDigit(QChar c)
{
    return isDigit(c) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
        (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// The largest magnitude up to which a double holds every whole number exactly (2^53).
constexpr double MaxExactInteger = 9007199254740992.0;

std::optional<qint64> wholeNumber(const QJsonValue &value, JsonFieldReader::Integers integers)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= MaxExactInteger)
            return qint64(d);
        return std::nullopt;
    }
    if (value.isString() && integers == JsonFieldReader::Integers::NumbersOrDecimalStrings) {
        const QString text = value.toString();
        const qsizetype digits = text.startsWith(QLatin1Char('-')) ? 1 : 0;
        if (text.size() > digits && std::all_of(text.begin() + digits, text.end(), isDigit)) {
            bool ok = false;
            const qint64 result = text.toLongLong(&ok); // fails on overflow
            if (ok)
                return result;
        }
    }
    return std::nullopt;
}

ServiceError makeStyledError(const QString &path, const QString &sentence, const JsonFieldReader::Options &options)
{
    QString message = options.messageFormat.isEmpty() ? path + QLatin1String(": ") + sentence
                                                      : options.messageFormat.arg(path, sentence);
    if (!options.errorContext.isEmpty())
        message += QLatin1Char(' ') + options.errorContext;
    ServiceError error(options.errorKind, message);
    error.setCode(options.errorCode);
    error.setPayload(QJsonObject {{QStringLiteral("path"), path}});
    return error;
}

} // namespace

JsonFieldReader::JsonFieldReader(const QJsonObject &object, Options options, QString path)
    : m_object(object)
    , m_state(std::make_shared<State>())
    , m_path(std::move(path))
{
    m_state->options = std::move(options);
}

JsonFieldReader::JsonFieldReader(QJsonObject object, std::shared_ptr<State> state, QString path)
    : m_object(std::move(object))
    , m_state(std::move(state))
    , m_path(std::move(path))
{ }

QString JsonFieldReader::memberPath(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

ServiceError JsonFieldReader::makeError(const QString &path, const QString &sentence, const QString &code)
{
    return makeStyledError(path, sentence, {.errorCode = code});
}

void JsonFieldReader::fail(const QString &path, const QString &sentence)
{
    if (ok())
        m_state->error = makeStyledError(path, sentence, m_state->options);
}

QJsonValue JsonFieldReader::member(const QString &key) const
{
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    return m_object.value(key);
}

bool JsonFieldReader::isAbsent(const QJsonValue &value) const
{
    return value.isUndefined() || (value.isNull() && m_state->options.nulls == Nulls::Absent);
}

bool JsonFieldReader::has(const QString &key) const
{
    return !isAbsent(m_object.value(key));
}

bool JsonFieldReader::require(const QString &key)
{
    if (!ok())
        return false;
    if (has(key))
        return true;
    fail(memberPath(key), tr("is missing."));
    return false;
}

QStringList JsonFieldReader::unknownMembers(const QStringList &known) const
{
    QStringList unknown;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!known.contains(it.key()))
            unknown.append(it.key());
    }
    return unknown;
}

QString JsonFieldReader::string(const QString &key)
{
    const QJsonValue value = member(key);
    if (isAbsent(value))
        return {};
    if (!value.isString()) {
        fail(memberPath(key), tr("must be text."));
        return {};
    }
    return value.toString();
}

bool JsonFieldReader::boolean(const QString &key)
{
    return optionalBoolean(key).value_or(false);
}

std::optional<bool> JsonFieldReader::optionalBoolean(const QString &key)
{
    const QJsonValue value = member(key);
    if (isAbsent(value))
        return std::nullopt;
    if (!value.isBool()) {
        fail(memberPath(key), tr("must be true or false."));
        return std::nullopt;
    }
    return value.toBool();
}

double JsonFieldReader::number(const QString &key)
{
    const QJsonValue value = member(key);
    if (isAbsent(value))
        return 0;
    if (!value.isDouble()) {
        fail(memberPath(key), tr("must be a number."));
        return 0;
    }
    return value.toDouble();
}

qint64 JsonFieldReader::integer(const QString &key, qint64 min, qint64 max)
{
    return optionalInteger(key, min, max).value_or(0);
}

std::optional<qint64> JsonFieldReader::optionalInteger(const QString &key, qint64 min, qint64 max)
{
    const QJsonValue value = member(key);
    if (isAbsent(value))
        return std::nullopt;
    const std::optional<qint64> result = wholeNumber(value, m_state->options.integers);
    if (!result) {
        fail(memberPath(key), tr("must be a whole number."));
        return std::nullopt;
    }
    if (*result < min || *result > max) {
        fail(memberPath(key), tr("%1 is out of range (%2 to %3).").arg(*result).arg(min).arg(max));
        return std::nullopt;
    }
    return result;
}

QString JsonFieldReader::stringOrNumber(const QString &key)
{
    const QJsonValue value = member(key);
    if (isAbsent(value))
        return {};
    if (value.isString())
        return value.toString();
    if (const std::optional<qint64> number = wholeNumber(value, Integers::Numbers))
        return QString::number(*number);
    fail(memberPath(key), tr("must be text or a whole number."));
    return {};
}

QJsonObject JsonFieldReader::object(const QString &key)
{
    return optionalObject(key).value_or(QJsonObject());
}

std::optional<QJsonObject> JsonFieldReader::optionalObject(const QString &key)
{
    const QJsonValue value = member(key);
    if (isAbsent(value))
        return std::nullopt;
    if (!value.isObject()) {
        fail(memberPath(key), tr("must be a JSON object."));
        return std::nullopt;
    }
    return value.toObject();
}

QJsonArray JsonFieldReader::array(const QString &key)
{
    const QJsonValue value = member(key);
    if (isAbsent(value))
        return {};
    if (!value.isArray()) {
        fail(memberPath(key), tr("must be a list."));
        return {};
    }
    return value.toArray();
}

QStringList JsonFieldReader::strings(const QString &key)
{
    const QJsonArray values = array(key);
    QStringList result;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!values.at(i).isString()) {
            fail(memberPath(key) + QStringLiteral("[%1]").arg(i), tr("must be text."));
            return {};
        }
        result.append(values.at(i).toString());
    }
    return result;
}

QMap<QString, QString> JsonFieldReader::stringMap(const QString &key)
{
    const QJsonObject values = object(key);
    QMap<QString, QString> result;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!it.value().isString()) {
            fail(memberPath(key) + QLatin1Char('.') + it.key(), tr("must be text."));
            return {};
        }
        result.insert(it.key(), it.value().toString());
    }
    return result;
}

QByteArray JsonFieldReader::base64(const QString &key)
{
    const QString text = string(key);
    if (text.isEmpty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text != QString::fromLatin1(text.toLatin1())) {
        fail(memberPath(key), tr("is not valid base64."));
        return {};
    }
    return decoded.decoded;
}

QString JsonFieldReader::hex(const QString &key, int digits)
{
    const QString value = string(key);
    if (value.isEmpty())
        return {};
    if (!isHex(value, digits)) {
        fail(memberPath(key), tr("must be %1 hexadecimal digits.").arg(digits));
        return {};
    }
    return value;
}

QDateTime JsonFieldReader::timestamp(const QString &key, QString *text)
{
    const QString value = string(key);
    if (text)
        *text = value;
    if (value.isEmpty())
        return {};
    const QDateTime time = parseTimestamp(value);
    if (!time.isValid()) {
        fail(memberPath(key), tr("is not an RFC 3339 time such as 2020-02-12T15:15:46.014773143Z."));
        if (text)
            text->clear();
    }
    return time;
}

QDateTime JsonFieldReader::lenientTimestamp(const QString &key)
{
    const QString value = string(key);
    return value.isEmpty() ? QDateTime() : parseTimestamp(value, TimestampForm::Lenient);
}

JsonFieldReader JsonFieldReader::child(const QString &key)
{
    return JsonFieldReader(object(key), m_state, memberPath(key));
}

QList<JsonFieldReader> JsonFieldReader::objectList(const QString &key)
{
    const QJsonArray values = array(key);
    QList<JsonFieldReader> readers;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString itemPath = memberPath(key) + QStringLiteral("[%1]").arg(i);
        if (!values.at(i).isObject()) {
            fail(itemPath, tr("must be a JSON object."));
            return {};
        }
        readers.append(JsonFieldReader(values.at(i).toObject(), m_state, itemPath));
    }
    return readers;
}

bool JsonFieldReader::isHex(QStringView text, int digits)
{
    return text.size() == digits && std::all_of(text.begin(), text.end(), isHexDigit);
}

QDateTime JsonFieldReader::parseTimestamp(const QString &text, TimestampForm form)
{
    // Qt's ISO parser alone would also take local times, "+0200", a space for 'T' and 24:00, so the form is
    // checked here and Qt only validates the calendar.
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]"
                                                           "([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]+))?"
                                                           "([Zz]|[+-][0-9]{2}:[0-9]{2})?$"));
    const QRegularExpressionMatch match =
        pattern.match(form == TimestampForm::Lenient ? text.trimmed() : text);
    if (!match.hasMatch())
        return {};
    const auto number = [&match](int group) { return match.capturedView(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    const QTime time(number(4), number(5), number(6));
    if (!date.isValid() || !time.isValid())
        return {};

    // Round the fraction to the millisecond; a carry into the next second is handled by addMSecs().
    const QStringView fraction = match.capturedView(7);
    qint64 msecs = 0;
    if (!fraction.isEmpty()) {
        msecs = fraction.left(3).toInt();
        for (qsizetype digits = fraction.size(); digits < 3; ++digits)
            msecs *= 10;
        if (fraction.size() > 3 && fraction.at(3) >= QLatin1Char('5'))
            ++msecs;
    }

    const QStringView zone = match.capturedView(8);
    qint64 offsetSecs = 0;
    if (zone.isEmpty()) {
        if (form != TimestampForm::Lenient)
            return {};
    } else if (zone.size() == 6) {
        const int hours = zone.mid(1, 2).toInt();
        const int minutes = zone.mid(4, 2).toInt();
        if (hours > 23 || minutes > 59)
            return {};
        offsetSecs = (hours * 60 + minutes) * 60 * (zone.at(0) == QLatin1Char('-') ? -1 : 1);
    }

    const QDateTime utc = QDateTime(date, time, Qt::UTC).addMSecs(msecs - offsetSecs * 1000);
    // RFC 3339 years have four digits: an offset or a rounding carry must not leave that range.
    if (!utc.isValid() || utc.date().year() < 1 || utc.date().year() > 9999)
        return {};
    return utc;
}

QString JsonFieldReader::formatTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace TwinBridge
