#pragma once

#include "services/tts/TtsComponent.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace TwinBridge::Sandbox {

// Field masks as the TTS stand-in applies them (reference/tts-integration.md §4.1): which paths each registry
// accepts for each request (after lorawan-stack's pkg/ttnpb/field_mask_validation.go, narrowed to what the
// stand-in stores plus the newer fields TwinBridge reads — activated_at, last_seen_at, version_ids.band_id),
// and the JSON path operations that read and write protobuf JSON through a mask.
//
// A request path outside the list is "forbidden path(s) in field mask". The IS accepts ids.dev_eui and
// ids.join_eui only when a device is created: an update naming them is refused, as TTS refuses it.
class TtsFieldMask
{
public:
    enum class Request {
        Get, // GET one device, list, search
        Create, // IS POST /applications/{app}/devices
        Update, // IS PUT
        Set, // JS/NS/AS PUT or POST (creates or updates)
    };

    // Every path `request` accepts on `component` (parents and their children).
    static const QStringList &allowedPaths(TtsComponent component, Request request);
    // The requested paths the list does not have, in request order.
    static QStringList forbiddenPaths(const QStringList &requested, TtsComponent component, Request request);
    // The paths an application GET accepts.
    static const QStringList &applicationPaths();

    // "a,b , c" → {"a","b","c"} (empty parts dropped); a repeated parameter is read as TTS reads it.
    static QStringList parse(const QStringList &queryValues);

    // Whether any path is `field`, inside it ("root_keys.app_key.key" for "root_keys") or contains it.
    static bool touches(const QStringList &paths, const QString &field);
    // Paths that read or write key material on the registry (root keys on the JS, session keys on NS/AS).
    static bool touchesKeys(const QStringList &paths, TtsComponent component);

    // The value at a dotted path; Undefined if any step is missing or not an object.
    static QJsonValue valueAt(const QJsonObject &object, const QString &path);
    // Sets the value at a dotted path, creating the objects on the way.
    static void setAt(QJsonObject &object, const QString &path, const QJsonValue &value);
    // Removes the value at a dotted path and every object the removal leaves empty.
    static void removeAt(QJsonObject &object, const QString &path);
    // Only the given paths of `source` (values that are present), nested as in `source`.
    static QJsonObject select(const QJsonObject &source, const QStringList &paths);
    // `stored` with each path taken from `update`: present values replace, absent (or null) ones clear —
    // field-mask semantics.
    static QJsonObject apply(QJsonObject stored, const QJsonObject &update, const QStringList &paths);
};

} // namespace TwinBridge::Sandbox
