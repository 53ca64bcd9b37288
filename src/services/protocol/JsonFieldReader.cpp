#include "services/protocol/JsonFieldReader.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace TwinBridge {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonFieldReader", text);
}

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
        (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

} // namespace

JsonFieldReader::JsonFieldReader(const QJsonObject &object, QString path, QString errorCode)
    : m_object(object)
    , m_path(std::move(path))
    , m_code(std::move(errorCode))
{ }

QString JsonFieldReader::memberPath(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

ServiceError JsonFieldReader::makeError(const QString &path, const QString &sentence, const QString &code)
{
    ServiceError error = ServiceError::invalidInput(QStringLiteral("%1: %2").arg(path, sentence));
    error.setCode(code);
    error.setPayload(QJsonObject {{QStringLiteral("path"), path}});
    return error;
}

void JsonFieldReader::fail(const QString &path, const QString &sentence)
{
    if (ok())
        m_error = makeError(path, sentence, m_code);
}

QJsonValue JsonFieldReader::member(const QString &key) const
{
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    return m_object.value(key);
}

bool JsonFieldReader::has(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

QString JsonFieldReader::string(const QString &key)
{
    const QJsonValue value = member(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        fail(memberPath(key), tr("must be text."));
        return {};
    }
    return value.toString();
}

bool JsonFieldReader::boolean(const QString &key)
{
    const QJsonValue value = member(key);
    if (value.isUndefined() || value.isNull())
        return false;
    if (!value.isBool()) {
        fail(memberPath(key), tr("must be true or false."));
        return false;
    }
    return value.toBool();
}

double JsonFieldReader::number(const QString &key)
{
    const QJsonValue value = member(key);
    if (value.isUndefined() || value.isNull())
        return 0;
    if (!value.isDouble()) {
        fail(memberPath(key), tr("must be a number."));
        return 0;
    }
    return value.toDouble();
}

qint64 JsonFieldReader::integer(const QString &key, qint64 min, qint64 max)
{
    const QJsonValue value = member(key);
    if (value.isUndefined() || value.isNull())
        return 0;
    qint64 result = 0;
    bool whole = false;
    if (value.isDouble()) {
        const double d = value.toDouble();
        // ±2^63 itself does not fit; anything strictly inside converts exactly for whole numbers.
        if (std::isfinite(d) && d == std::floor(d) && d > -9.2e18 && d < 9.2e18) {
            result = static_cast<qint64>(d);
            whole = true;
        }
    } else if (value.isString()) {
        const QString text = value.toString();
        const bool digits = !text.isEmpty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), [](QChar c) {
            return c >= QLatin1Char('0') && c <= QLatin1Char('9');
        });
        if (digits) {
            result = text.toLongLong(&whole);
        }
    }
    if (!whole) {
        fail(memberPath(key), tr("must be a whole number."));
        return 0;
    }
    if (result < min || result > max) {
        fail(memberPath(key), tr("%1 is out of range (%2 to %3).").arg(result).arg(min).arg(max));
        return 0;
    }
    return result;
}

QJsonObject JsonFieldReader::object(const QString &key)
{
    return optionalObject(key).value_or(QJsonObject());
}

std::optional<QJsonObject> JsonFieldReader::optionalObject(const QString &key)
{
    const QJsonValue value = member(key);
    if (value.isUndefined() || value.isNull())
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
    if (value.isUndefined() || value.isNull())
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

QDateTime JsonFieldReader::time(const QString &key, QString *text)
{
    const QString value = string(key);
    if (text)
        *text = value;
    if (value.isEmpty())
        return {};
    // RFC 3339 needs the date, the time and a zone ("Z" or ±hh:mm); Qt alone would also take local times.
    const bool hasZone = value.endsWith(QLatin1Char('Z')) || value.endsWith(QLatin1Char('z')) ||
        (value.size() > 6 &&
         (value.at(value.size() - 6) == QLatin1Char('+') || value.at(value.size() - 6) == QLatin1Char('-')) &&
         value.at(value.size() - 3) == QLatin1Char(':'));
    QDateTime time =
        hasZone && value.contains(QLatin1Char('T')) ? QDateTime::fromString(value, Qt::ISODateWithMs) : QDateTime();
    if (!time.isValid()) {
        fail(memberPath(key), tr("is not an RFC 3339 time such as 2020-02-12T15:15:46.014773143Z."));
        if (text)
            text->clear();
        return {};
    }
    return time.toUTC();
}

QString JsonFieldReader::hex(const QString &key, int digits)
{
    const QString value = string(key);
    if (value.isEmpty())
        return {};
    if (value.size() != digits || !std::all_of(value.begin(), value.end(), isHexDigit)) {
        fail(memberPath(key), tr("must be %1 hexadecimal digits.").arg(digits));
        return {};
    }
    return value;
}

} // namespace TwinBridge
