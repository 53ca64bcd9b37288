#include "services/tts/TtsJsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace TwinBridge {

TtsJsonReader::TtsJsonReader(QString what)
    : m_what(std::move(what))
{ }

void TtsJsonReader::fail(const QString &path, const QString &expected)
{
    if (m_error.isError())
        return;
    m_error = ServiceError(ServiceError::Kind::MalformedResponse,
                           QCoreApplication::translate("TtsJsonReader",
                                                       "The Things Stack sent a %1 whose field \"%2\" is not %3. "
                                                       "Check that the address points at a The Things Stack API "
                                                       "(…/api/v3) and that TwinBridge supports its version.")
                               .arg(m_what, path, expected));
    m_error.setCode(QStringLiteral("TtsMalformedJson"));
}

QString TtsJsonReader::string(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        fail(path, QCoreApplication::translate("TtsJsonReader", "a string"));
        return {};
    }
    return value.toString();
}

std::optional<bool> TtsJsonReader::boolean(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isBool()) {
        fail(path, QCoreApplication::translate("TtsJsonReader", "true or false"));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<qint64> TtsJsonReader::integer(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return qint64(number);
    } else if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        if (ok)
            return number;
    }
    fail(path, QCoreApplication::translate("TtsJsonReader", "a whole number"));
    return std::nullopt;
}

QDateTime TtsJsonReader::timestamp(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    const QDateTime time = value.isString() ? parseTimestamp(value.toString()) : QDateTime();
    if (!time.isValid())
        fail(path, QCoreApplication::translate("TtsJsonReader", "an RFC 3339 timestamp"));
    return time;
}

QJsonObject TtsJsonReader::object(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isObject()) {
        fail(path, QCoreApplication::translate("TtsJsonReader", "a JSON object"));
        return {};
    }
    return value.toObject();
}

QMap<QString, QString> TtsJsonReader::stringMap(const QJsonObject &object, const QString &key, const QString &path)
{
    QMap<QString, QString> map;
    const QJsonObject values = this->object(object, key, path);
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!it.value().isString()) {
            fail(path + QLatin1Char('.') + it.key(), QCoreApplication::translate("TtsJsonReader", "a string"));
            return {};
        }
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

QStringList TtsJsonReader::stringList(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(path, QCoreApplication::translate("TtsJsonReader", "a list"));
        return {};
    }
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString()) {
            fail(path, QCoreApplication::translate("TtsJsonReader", "a list of strings"));
            return {};
        }
        list.append(item.toString());
    }
    return list;
}

QDateTime TtsJsonReader::parseTimestamp(const QString &text)
{
    // RFC 3339 needs the date, 'T' and a zone; Qt's ISO parser accepts nanosecond fractions.
    if (text.size() < 20 || text.at(10) != QLatin1Char('T'))
        return {};
    const QChar last = text.back();
    if (last != QLatin1Char('Z') && last != QLatin1Char('z') && !text.mid(19).contains(QLatin1Char('+')) &&
        !text.mid(19).contains(QLatin1Char('-')))
        return {};
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
    // RFC 3339 years have four digits; an offset must not push the instant out of that range.
    if (!time.isValid() || time.date().year() < 1 || time.date().year() > 9999)
        return {};
    return time;
}

QString TtsJsonReader::formatTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace TwinBridge
