#pragma once

#include "services/core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace TwinBridge {

// IoT Hub's rules for twin content (reference/azure-protocols.md §1.11, S-TWIN "Tags and properties format"
// and "Device twin size"). The console checks an edit before sending it, the engine checks its reported
// patches, and the sandbox rejects what the hub would reject.
//
// - Keys: at most 1 KB of UTF-8, not empty, no C0/C1 control characters, no '.', '$' or space.
// - Values: null (a deletion in a patch), booleans, numbers, strings (≤ 4 KB of UTF-8), objects, arrays;
//   whole numbers between -4503599627370496 and 4503599627370495.
// - Depth: objects nest at most 10 levels below the section (S-TWIN's "one" … "ten" example is the limit).
//   Arrays do not add a level; objects inside them do.
// - Size (documents only): Σ over all properties of UTF-8 key length + value size, where a string counts
//   its UTF-8 bytes without control characters, a number 8, a boolean 4, null 0, and an object or array
//   the sum of what it contains. Tags ≤ 8 KB, desired ≤ 32 KB, reported ≤ 32 KB; `$version` and
//   `$metadata` at the top of a section are system properties and neither checked nor counted.
//
// Errors are InvalidInput with code "InvalidTwin"; the message starts with the JSON path of the offending
// member ("properties.desired.a.b", "tags.list[2]") and `payload()` is {"path": "<that path>"}.
class TwinRules
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TwinRules)

public:
    enum class Section { Tags, Desired, Reported };

    static constexpr int MaxKeyBytes = 1024;
    static constexpr int MaxStringBytes = 4096;
    static constexpr int MaxDepth = 10;
    static constexpr qint64 MaxTagsBytes = 8 * 1024;
    static constexpr qint64 MaxPropertiesBytes = 32 * 1024;
    static constexpr qint64 MinInteger = -4503599627370496LL;
    static constexpr qint64 MaxInteger = 4503599627370495LL;

    // A whole section as stored (after a merge): keys, values, depth and the size limit.
    static Status validateDocument(Section section, const QJsonObject &document);
    // A patch for a section: keys, values and depth; its size is checked on the merged document.
    static Status validatePatch(Section section, const QJsonObject &patch);

    // One key, for editors that check as the user types. `path` names where it is, for the message.
    static Status validateKey(const QString &key, const QString &path);

    // The documented size of a section (see above).
    static qint64 documentSize(const QJsonObject &document);
    static qint64 sizeLimit(Section section);
    // "tags", "properties.desired", "properties.reported".
    static QString sectionPath(Section section);
};

} // namespace TwinBridge
