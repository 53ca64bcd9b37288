#include "services/protocol/JsonMergePatch.h"

#include <QJsonArray>

namespace TwinBridge {

QJsonObject JsonMergePatch::apply(const QJsonObject &target, const QJsonObject &patch)
{
    QJsonObject result = target;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull()) {
            result.remove(it.key());
        } else if (it.value().isObject()) {
            const QJsonValue current = result.value(it.key());
            result.insert(it.key(),
                          apply(current.isObject() ? current.toObject() : QJsonObject(), it.value().toObject()));
        } else {
            result.insert(it.key(), it.value());
        }
    }
    return result;
}

QJsonValue JsonMergePatch::apply(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    return apply(target.isObject() ? target.toObject() : QJsonObject(), patch.toObject());
}

QJsonObject JsonMergePatch::diff(const QJsonObject &from, const QJsonObject &to)
{
    QJsonObject patch;
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (!to.contains(it.key()) || to.value(it.key()).isNull())
            patch.insert(it.key(), QJsonValue::Null);
    }
    for (auto it = to.begin(); it != to.end(); ++it) {
        const QJsonValue &next = it.value();
        if (next.isNull())
            continue; // cannot be expressed; handled above as a removal
        const QJsonValue previous = from.value(it.key());
        if (previous.isObject() && next.isObject()) {
            const QJsonObject nested = diff(previous.toObject(), next.toObject());
            if (!nested.isEmpty())
                patch.insert(it.key(), nested);
        } else if (previous != next) {
            // A new object is merged into {} by apply(), so its null members would vanish anyway.
            patch.insert(it.key(), next.isObject() ? withoutNulls(next) : next);
        }
    }
    return patch;
}

QJsonValue JsonMergePatch::diff(const QJsonValue &from, const QJsonValue &to)
{
    if (from.isObject() && to.isObject())
        return diff(from.toObject(), to.toObject());
    return to;
}

QJsonValue JsonMergePatch::withoutNulls(const QJsonValue &value)
{
    if (!value.isObject())
        return value;
    const QJsonObject object = value.toObject();
    QJsonObject result;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isNull())
            result.insert(it.key(), withoutNulls(it.value()));
    }
    return result;
}

} // namespace TwinBridge
