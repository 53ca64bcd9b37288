#pragma once

#include "services/protocol/TwinRules.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// The text a user edits in the twin editor for one section (tags or desired properties) and the merge patch
// that an edit becomes (reference/azure-protocols.md §1.11 and §3.3).
//
// parse() reads the text as one JSON object and checks it against IoT Hub's twin rules (TwinRules); a problem
// names its line and column (1-based, in characters) so the editor can mark it: a syntax error where the parser
// stopped, a rule violation at the key (or array element) the rule's JSON path names.
//
// patch() builds exactly the PATCH /twins/{id} body: only the sections and keys that changed, null for removed
// keys. The LoRaWAN desired properties `rawDownlink` and `decodedPayload` are sent whole when they change (with
// null for removed members), because the engine reads them from the twin change notification, which carries the
// patch: a partial `rawDownlink` would lose its fPort (tts-integration.md §1.5).
class TwinDocument
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::TwinDocument)

public:
    struct Problem
    {
        int line = 1; // 1-based
        int column = 1; // 1-based, in characters
        QString path; // the JSON path inside the section ("a.b[2]"), empty for syntax errors and the whole section
        QString message; // translated, starts with "Line L, column C:"
        bool operator==(const Problem &) const = default;
    };

    struct Parsed
    {
        QJsonObject object;
        std::optional<Problem> problem;
        bool ok() const { return !problem.has_value(); }
    };

    // Empty or blank text is the empty object.
    static Parsed parse(const QString &text, TwinRules::Section section);

    // 1-based line and column of the character at `index` (a UTF-16 index into `text`).
    static std::pair<int, int> lineColumn(const QString &text, qsizetype index);
    // Where the member `path` ("a.b", "list[2]", "a.list[0].b"; empty = the document) starts in the JSON text:
    // the index of its key's opening quote (object members) or of its value (array elements); -1 if absent.
    static qsizetype locate(const QString &text, const QString &path);

    // Indented JSON text of `object` ("{}" for an empty one).
    static QString format(const QJsonObject &object);

    // Desired-property keys sent whole when they change (see above).
    static QStringList atomicDesiredKeys();

    // The desired section as the editor shows it: without "$metadata" and "$version".
    static QJsonObject editableDesired(const QJsonObject &desired);

    // The PATCH body turning (baseTags, baseDesired) into (tags, desired): {"tags":…,"properties":{"desired":…}}
    // with only the sections that changed; empty when nothing changed. Metadata in the bases is ignored.
    static QJsonObject patch(const QJsonObject &baseTags, const QJsonObject &baseDesired, const QJsonObject &tags,
                             const QJsonObject &desired);
    // The diff of one section (atomic keys whole for desired).
    static QJsonObject sectionPatch(TwinRules::Section section, const QJsonObject &base, const QJsonObject &edited);

    // "Re-apply my changes on theirs": the edits made from `base` to `mine`, applied to `theirs`.
    static QJsonObject rebase(TwinRules::Section section, const QJsonObject &base, const QJsonObject &mine,
                              const QJsonObject &theirs);

private:
    static Problem problemAt(const QString &text, qsizetype index, const QString &path, const QString &sentence);
};

} // namespace TwinBridge
