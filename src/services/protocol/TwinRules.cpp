#include "services/protocol/TwinRules.h"

#include "services/protocol/JsonFieldReader.h"

#include <QJsonArray>
#include <QVariant>

namespace TwinBridge {

namespace {

const QString ErrorCode = QStringLiteral("InvalidTwin");

bool isControl(char32_t c)
{
    return c <= 0x1f || (c >= 0x7f && c <= 0x9f); // C0, DEL and C1
}

bool isSystemMember(const QString &key)
{
    return key == QLatin1String("$version") || key == QLatin1String("$metadata");
}

// Appends a key to a path the way the messages show it.
QString childPath(const QString &path, const QString &key)
{
    return path + QLatin1Char('.') + key;
}

QString shortKey(const QString &key)
{
    return key.size() > 40 ? key.left(40) + QStringLiteral("…") : key;
}

// UTF-8 byte count of the string without control characters (the size rule).
qint64 countedBytes(const QString &text)
{
    qint64 bytes = 0;
    for (const char32_t c : text.toUcs4()) {
        if (isControl(c))
            continue;
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return bytes;
}

bool isInteger(const QJsonValue &value)
{
    // Qt keeps whole numbers that fit in 64 bits as integers (QJsonDocument does so for "1" and "1.0");
    // what it stores as a double is a fraction or out of the 64-bit range.
    return value.toVariant().metaType().id() == QMetaType::LongLong;
}

Status validateValue(const QJsonValue &value, const QString &path, int depth);

Status validateObject(const QJsonObject &object, const QString &path, int depth, bool skipSystemMembers)
{
    if (depth > TwinRules::MaxDepth) {
        return JsonFieldReader::makeError(
            path,
            TwinRules::tr("objects are nested more than %1 levels deep; IoT Hub allows at most %1.")
                .arg(TwinRules::MaxDepth),
            ErrorCode);
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (skipSystemMembers && isSystemMember(it.key()))
            continue;
        const Status keyOk = TwinRules::validateKey(it.key(), childPath(path, it.key()));
        if (!keyOk)
            return keyOk;
        const Status valueOk = validateValue(it.value(), childPath(path, it.key()), depth);
        if (!valueOk)
            return valueOk;
    }
    return Done {};
}

Status validateArray(const QJsonArray &array, const QString &path, int depth)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        const Status ok = validateValue(array.at(i), path + QStringLiteral("[%1]").arg(i), depth);
        if (!ok)
            return ok;
    }
    return Done {};
}

// `depth` is the depth of the object or array that holds `value`.
Status validateValue(const QJsonValue &value, const QString &path, int depth)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Bool:
        return Done {};
    case QJsonValue::Double:
        if (isInteger(value)) {
            const qint64 number = value.toInteger();
            if (number < TwinRules::MinInteger || number > TwinRules::MaxInteger) {
                return JsonFieldReader::makeError(
                    path,
                    TwinRules::tr("the whole number %1 is out of range; IoT Hub stores whole numbers from "
                                  "%2 to %3. Send larger numbers as strings.")
                        .arg(number)
                        .arg(TwinRules::MinInteger)
                        .arg(TwinRules::MaxInteger),
                    ErrorCode);
            }
        }
        return Done {};
    case QJsonValue::String: {
        const qsizetype bytes = value.toString().toUtf8().size();
        if (bytes > TwinRules::MaxStringBytes) {
            return JsonFieldReader::makeError(
                path,
                TwinRules::tr("the text has %1 bytes; IoT Hub allows at most %2 bytes (UTF-8) per string.")
                    .arg(bytes)
                    .arg(TwinRules::MaxStringBytes),
                ErrorCode);
        }
        return Done {};
    }
    case QJsonValue::Array:
        return validateArray(value.toArray(), path, depth);
    case QJsonValue::Object:
        return validateObject(value.toObject(), path, depth + 1, false);
    case QJsonValue::Undefined:
        break;
    }
    return JsonFieldReader::makeError(path, TwinRules::tr("the value is not JSON."), ErrorCode);
}

qint64 valueSize(const QJsonValue &value);

qint64 objectSize(const QJsonObject &object, bool skipSystemMembers)
{
    qint64 size = 0;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (skipSystemMembers && isSystemMember(it.key()))
            continue;
        size += it.key().toUtf8().size() + valueSize(it.value());
    }
    return size;
}

qint64 valueSize(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return 4;
    case QJsonValue::Double:
        return 8;
    case QJsonValue::String:
        return countedBytes(value.toString());
    case QJsonValue::Array: {
        qint64 size = 0;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            size += valueSize(element);
        return size;
    }
    case QJsonValue::Object:
        return objectSize(value.toObject(), false);
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return 0;
}

} // namespace

Status TwinRules::validateKey(const QString &key, const QString &path)
{
    if (key.isEmpty())
        return JsonFieldReader::makeError(path, tr("a property name must not be empty."), ErrorCode);
    const qsizetype bytes = key.toUtf8().size();
    if (bytes > MaxKeyBytes) {
        return JsonFieldReader::makeError(
            path,
            tr("the property name has %1 bytes; IoT Hub allows at most %2 bytes (UTF-8).").arg(bytes).arg(MaxKeyBytes),
            ErrorCode);
    }
    for (const char32_t c : key.toUcs4()) {
        if (isControl(c)) {
            return JsonFieldReader::makeError(
                path,
                tr("the property name \"%1\" contains a control character (U+%2), which IoT Hub "
                   "does not allow in names.")
                    .arg(shortKey(key))
                    .arg(uint(c), 4, 16, QLatin1Char('0')),
                ErrorCode);
        }
        if (c == U'.' || c == U'$' || c == U' ') {
            return JsonFieldReader::makeError(
                path,
                tr("the property name \"%1\" contains '%2'; IoT Hub does not allow '.', '$' or "
                   "spaces in names.")
                    .arg(shortKey(key), QString::fromUcs4(&c, 1)),
                ErrorCode);
        }
    }
    return Done {};
}

Status TwinRules::validatePatch(Section section, const QJsonObject &patch)
{
    return validateObject(patch, sectionPath(section), 0, section != Section::Tags);
}

Status TwinRules::validateDocument(Section section, const QJsonObject &document)
{
    const Status ok = validatePatch(section, document);
    if (!ok)
        return ok;
    const qint64 size = documentSize(document);
    const qint64 limit = sizeLimit(section);
    if (size > limit) {
        return JsonFieldReader::makeError(
            sectionPath(section),
            tr("the content has %1 bytes by IoT Hub's size rule; at most %2 are allowed. Remove or "
               "shorten properties.")
                .arg(size)
                .arg(limit),
            ErrorCode);
    }
    return Done {};
}

qint64 TwinRules::documentSize(const QJsonObject &document)
{
    return objectSize(document, true);
}

qint64 TwinRules::sizeLimit(Section section)
{
    return section == Section::Tags ? MaxTagsBytes : MaxPropertiesBytes;
}

QString TwinRules::sectionPath(Section section)
{
    switch (section) {
    case Section::Tags:
        return QStringLiteral("tags");
    case Section::Desired:
        return QStringLiteral("properties.desired");
    case Section::Reported:
        return QStringLiteral("properties.reported");
    }
    return {};
}

} // namespace TwinBridge
