#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace TwinBridge {

// JSON merge patch (RFC 7386), the update format of twin PATCH requests, reported-property updates and
// desired-property notifications: members of an object patch are merged recursively, `null` deletes a
// member, anything that is not an object (arrays included) replaces the target as a whole.
//
// diff() is the inverse: the smallest merge patch that turns `from` into `to` (unchanged members left out,
// removed members as null). The twin editor's patch preview and the sandbox's twin store use both.
// A merge patch cannot set a member to null, so apply(from, diff(from, to)) == to holds for every `to`
// without null members (which is every twin: IoT Hub stores no nulls).
class JsonMergePatch
{
public:
    static QJsonValue apply(const QJsonValue &target, const QJsonValue &patch);
    static QJsonObject apply(const QJsonObject &target, const QJsonObject &patch);

    // An object patch if both are objects (empty when nothing changed), otherwise `to` itself.
    static QJsonValue diff(const QJsonValue &from, const QJsonValue &to);
    static QJsonObject diff(const QJsonObject &from, const QJsonObject &to);

    // `value` with every null member of every object removed (what a merge leaves of a new object).
    static QJsonValue withoutNulls(const QJsonValue &value);
};

} // namespace TwinBridge
