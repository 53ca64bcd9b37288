#include "services/engine/TwinValueSanitizer.h"

#include "services/protocol/TwinRules.h"

#include <QJsonArray>
#include <QVariant>

#include <optional>

namespace TwinBridge {

namespace {

using Issue = TwinValueSanitizer::Issue;
using Reason = TwinValueSanitizer::Reason;

bool isControl(char32_t c)
{
    return c <= 0x1f || (c >= 0x7f && c <= 0x9f);
}

void note(QList<Issue> *issues, Reason reason, const QString &path)
{
    if (issues)
        issues->append({reason, path});
}

QString memberPath(const QString &path, const QString &key)
{
    return path + QLatin1Char('.') + key;
}

std::optional<QJsonValue> sanitizeValue(const QJsonValue &value, const QString &path, int depth, QList<Issue> *issues);

// `depth`: the object's own depth below the section.
QJsonObject sanitizeObject(const QJsonObject &object, const QString &path, int depth, QList<Issue> *issues)
{
    QJsonObject result;
    QList<std::pair<QString, QString>> renamed; // new key, original key
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isNull())
            continue;
        if (!TwinRules::validateKey(it.key(), QString()).ok()) {
            const QString key = TwinValueSanitizer::sanitizeKey(it.key());
            if (key.isEmpty())
                note(issues, Reason::KeyDropped, memberPath(path, it.key()));
            else
                renamed.append({key, it.key()});
            continue;
        }
        const std::optional<QJsonValue> clean = sanitizeValue(it.value(), memberPath(path, it.key()), depth, issues);
        if (clean)
            result.insert(it.key(), *clean);
    }
    // Valid keys first, so that a renamed key never pushes out one the device sent as it is.
    for (const auto &[key, original] : std::as_const(renamed)) {
        if (result.contains(key)) {
            note(issues, Reason::KeyDropped, memberPath(path, original));
            continue;
        }
        note(issues, Reason::KeyRenamed, memberPath(path, original));
        const std::optional<QJsonValue> clean =
            sanitizeValue(object.value(original), memberPath(path, key), depth, issues);
        if (clean)
            result.insert(key, *clean);
    }
    return result;
}

// `depth`: the depth of the object or array that holds `value`.
std::optional<QJsonValue> sanitizeValue(const QJsonValue &value, const QString &path, int depth, QList<Issue> *issues)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Bool:
        return value;
    case QJsonValue::Double: {
        // Whole numbers Qt could keep as 64-bit integers; IoT Hub stores only ±2^52.
        if (value.toVariant().metaType().id() == QMetaType::LongLong) {
            const qint64 number = value.toInteger();
            if (number < TwinRules::MinInteger || number > TwinRules::MaxInteger) {
                note(issues, Reason::IntegerAsString, path);
                return QJsonValue(QString::number(number));
            }
        }
        return value;
    }
    case QJsonValue::String:
        if (value.toString().toUtf8().size() > TwinRules::MaxStringBytes) {
            note(issues, Reason::StringTooLong, path);
            return std::nullopt;
        }
        return value;
    case QJsonValue::Array: {
        QJsonArray result;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const std::optional<QJsonValue> clean =
                sanitizeValue(array.at(i), path + QStringLiteral("[%1]").arg(i), depth, issues);
            if (clean)
                result.append(*clean);
        }
        return result;
    }
    case QJsonValue::Object:
        if (depth + 1 > TwinRules::MaxDepth) {
            note(issues, Reason::TooDeep, path);
            return std::nullopt;
        }
        return sanitizeObject(value.toObject(), path, depth + 1, issues);
    case QJsonValue::Undefined:
        break;
    }
    return std::nullopt;
}

} // namespace

QString TwinValueSanitizer::reasonName(Reason reason)
{
    switch (reason) {
    case Reason::KeyRenamed:
        return QStringLiteral("keyRenamed");
    case Reason::KeyDropped:
        return QStringLiteral("keyDropped");
    case Reason::StringTooLong:
        return QStringLiteral("stringTooLong");
    case Reason::IntegerAsString:
        return QStringLiteral("integerAsString");
    case Reason::TooDeep:
        return QStringLiteral("tooDeep");
    case Reason::TooLarge:
        return QStringLiteral("tooLarge");
    }
    return {};
}

QString TwinValueSanitizer::sanitizeKey(const QString &key)
{
    QString result;
    result.reserve(key.size());
    for (const char32_t c : key.toUcs4()) {
        if (isControl(c))
            continue;
        if (c == U'.' || c == U'$' || c == U' ')
            result.append(QLatin1Char('_'));
        else
            result.append(QString::fromUcs4(&c, 1));
    }
    if (result.toUtf8().size() > TwinRules::MaxKeyBytes)
        return {};
    return result;
}

std::optional<QJsonObject> TwinValueSanitizer::sanitize(const QJsonObject &object, const QString &path, int depth,
                                                        QList<Issue> *issues)
{
    if (depth > TwinRules::MaxDepth) {
        note(issues, Reason::TooDeep, path);
        return std::nullopt;
    }
    QJsonObject result = sanitizeObject(object, path, depth, issues);
    if (TwinRules::documentSize(result) > TwinRules::MaxPropertiesBytes) {
        note(issues, Reason::TooLarge, path);
        return std::nullopt;
    }
    return result;
}

} // namespace TwinBridge
