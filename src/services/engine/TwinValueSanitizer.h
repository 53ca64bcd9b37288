#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace TwinBridge {

// Makes a value that comes from a device (a decoded payload, service data) acceptable as reported twin
// content under TwinRules, instead of letting IoT Hub reject the whole patch. Every change is an Issue with
// the JSON path and a reason, so the engine can count and log it:
//  - KeyRenamed: '.', '$' and spaces in a key become '_', control characters are removed;
//  - KeyDropped: the key is empty after that, longer than 1 KB of UTF-8, or the renamed key collides with a
//    key of the same object (the member is dropped);
//  - StringTooLong: a string over 4 KB of UTF-8 (the member is dropped);
//  - IntegerAsString: a whole number outside ±4503599627370495 becomes its decimal text;
//  - TooDeep: an object nested deeper than IoT Hub's 10 levels (the member is dropped);
//  - TooLarge: the whole value exceeds the reported section's 32 KB size rule (the value is not used).
// Arrays are kept (their elements sanitized; arrays add no depth, objects inside them do).
class TwinValueSanitizer
{
public:
    enum class Reason { KeyRenamed, KeyDropped, StringTooLong, IntegerAsString, TooDeep, TooLarge };
    static constexpr int ReasonCount = 6;
    static QString reasonName(Reason reason); // "keyRenamed", … (metric labels)

    struct Issue
    {
        Reason reason = Reason::KeyRenamed;
        QString path; // "properties.reported.decodedPayload.a.b.c"
        bool operator==(const Issue &other) const = default;
    };

    // Sanitizes `object`, the value of the reported property at `path` (e.g.
    // "properties.reported.decodedPayload"), which sits `depth` object levels below the section (1 for a
    // top-level reported property). Appends what it changed to `issues`. Null members are left out (a twin
    // stores none). nullopt (and a TooLarge issue) when even the sanitized value exceeds the size rule.
    static std::optional<QJsonObject> sanitize(const QJsonObject &object, const QString &path, int depth,
                                               QList<Issue> *issues);
    // A sanitized key, or empty if it cannot be made valid.
    static QString sanitizeKey(const QString &key);
};

} // namespace TwinBridge
