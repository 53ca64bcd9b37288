// TwinRules and JsonMergePatch on arbitrary JSON. An array [from, to, …] exercises diff/apply: applying
// diff(from, to) to `from` must give `to` without its null members, and the patch of a value to itself is
// empty. An object is validated as tags, desired and reported properties (document and patch).

#include "FuzzCheck.h"

#include "services/protocol/JsonMergePatch.h"
#include "services/protocol/TwinRules.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace TwinBridge;

namespace {

void checkMergePatch(const QJsonValue &from, const QJsonValue &to)
{
    const QJsonValue patch = JsonMergePatch::diff(from, to);
    FUZZ_CHECK(JsonMergePatch::apply(from, patch) == JsonMergePatch::withoutNulls(to));
    // A value needs no patch to itself, unless it holds null members (a merge removes those).
    if (from.isObject()) {
        const bool unchanged = JsonMergePatch::diff(from, from) == QJsonValue(QJsonObject());
        FUZZ_CHECK(unchanged == (JsonMergePatch::withoutNulls(from) == from));
    }
    // Applying any value as a patch must not crash either.
    (void)JsonMergePatch::apply(from, to);
}

void checkTwinRules(const QJsonObject &object)
{
    for (const auto section : {TwinRules::Section::Tags, TwinRules::Section::Desired, TwinRules::Section::Reported}) {
        const Status document = TwinRules::validateDocument(section, object);
        const Status patch = TwinRules::validatePatch(section, object);
        // A valid document is a valid patch; an invalid one names a path under its section.
        if (document)
            FUZZ_CHECK(patch.ok());
        if (!document) {
            FUZZ_CHECK(document.error().kind() == ServiceError::Kind::InvalidInput);
            FUZZ_CHECK(document.error().message().startsWith(TwinRules::sectionPath(section)));
        }
    }
    FUZZ_CHECK(TwinRules::documentSize(object) >= 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (document.isObject()) {
        checkTwinRules(document.object());
        checkMergePatch(document.object(), QJsonObject());
        checkMergePatch(QJsonObject(), document.object());
    } else if (document.isArray()) {
        const QJsonArray array = document.array();
        for (qsizetype i = 0; i + 1 < array.size() && i < 4; ++i)
            checkMergePatch(array.at(i), array.at(i + 1));
        for (const QJsonValue &value : array) {
            if (value.isObject())
                checkTwinRules(value.toObject());
        }
    }
    return 0;
}
