#include "sandbox/hub/TwinState.h"

#include "services/protocol/JsonMergePatch.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cstdio>

namespace TwinBridge::Sandbox {

namespace {

const QString LastUpdatedKey = QStringLiteral("$lastUpdated");
const QString LastUpdatedVersionKey = QStringLiteral("$lastUpdatedVersion");
const QString MetadataKey = QStringLiteral("$metadata");
const QString VersionKey = QStringLiteral("$version");

bool isSystemKey(const QString &key)
{
    return key.startsWith(QLatin1Char('$'));
}

// A copy of `object` in a new container. Qt 6's QJsonObject appends every string it stores (key or value) to
// its container's byte data and never compacts it (QCborContainerPrivate::compact() is empty in Qt 6.4), so
// replacing a string member in place — a "$lastUpdated", a reported "lastSeenAt" — leaks its old bytes for as
// long as the object lives. A twin that is patched for hours must therefore not be modified in place: every
// level a patch touches is rebuilt, which keeps only the live keys and values (child objects are shared).
QJsonObject rebuilt(const QJsonObject &object)
{
    QJsonObject copy;
    for (auto it = object.begin(); it != object.end(); ++it)
        copy.insert(it.key(), it.value());
    return copy;
}

// rebuilt() at every level (tags: at most 8 KB, patched by the service only).
QJsonObject deepRebuilt(const QJsonObject &object)
{
    QJsonObject copy;
    for (auto it = object.begin(); it != object.end(); ++it)
        copy.insert(it.key(), it.value().isObject() ? QJsonValue(deepRebuilt(it.value().toObject())) : it.value());
    return copy;
}

QJsonObject withSystemMembers(QJsonObject values, const QJsonObject &metadata, qint64 version)
{
    values.insert(MetadataKey, metadata);
    values.insert(VersionKey, version);
    return values;
}

ServiceError stateError(const QString &what)
{
    ServiceError error =
        ServiceError::invalidInput(QCoreApplication::translate("TwinState", "The saved twin is damaged: %1").arg(what));
    error.setCode(QStringLiteral("InvalidState"));
    return error;
}

} // namespace

QString TwinState::neverUpdated()
{
    return QStringLiteral("0001-01-01T00:00:00Z");
}

QString TwinState::timestampText(const QDateTime &time)
{
    // Qt keeps milliseconds; IoT Hub writes 100-ns ticks, i.e. seven digits. Formatted by hand: this runs
    // twice per reported patch, and QDateTime::toString() with a format costs ~7,000 instructions (callgrind).
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    char text[48];
    const int length =
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d0000Z", date.year(), date.month(),
                      date.day(), clock.hour(), clock.minute(), clock.second(), clock.msec());
    return QString::fromLatin1(text, qBound(0, length, int(sizeof text) - 1));
}

QString TwinState::etag() const
{
    char bytes[8];
    qToBigEndian(m_etagCounter, bytes);
    return QString::fromLatin1(QByteArray(bytes, sizeof bytes).toBase64());
}

QJsonObject TwinState::desiredSection() const
{
    return withSystemMembers(m_desired, m_desiredMetadata, m_desiredVersion);
}

QJsonObject TwinState::reportedSection() const
{
    return withSystemMembers(m_reported, m_reportedMetadata, m_reportedVersion);
}

QJsonObject TwinState::desiredForDevice() const
{
    QJsonObject section = m_desired;
    section.insert(VersionKey, m_desiredVersion);
    return section;
}

QJsonObject TwinState::reportedForDevice() const
{
    QJsonObject section = m_reported;
    section.insert(VersionKey, m_reportedVersion);
    return section;
}

QJsonObject TwinState::stamped(const QJsonObject &metadata, const Stamp &stamp)
{
    // Built anew (see rebuilt()): the stamp replaces the previous one on every change of this level.
    QJsonObject result;
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        if (it.key() != LastUpdatedKey && it.key() != LastUpdatedVersionKey)
            result.insert(it.key(), it.value());
    }
    result.insert(LastUpdatedKey, stamp.time);
    if (stamp.version > 0)
        result.insert(LastUpdatedVersionKey, stamp.version);
    return result;
}

QJsonObject TwinState::metadataTree(const QJsonValue &value, const Stamp &stamp)
{
    QJsonObject metadata;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            metadata.insert(it.key(), metadataTree(it.value(), stamp));
    }
    return stamped(metadata, stamp);
}

void TwinState::mergeWithMetadata(QJsonObject &document, QJsonObject &metadata, const QJsonObject &patch,
                                  const Stamp &stamp)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString &key = it.key();
        if (it.value().isNull()) {
            document.remove(key);
            metadata.remove(key);
        } else if (it.value().isObject()) {
            const QJsonValue current = document.value(key);
            QJsonObject child = current.isObject() ? current.toObject() : QJsonObject();
            QJsonObject childMetadata;
            if (current.isObject() && metadata.value(key).isObject())
                childMetadata = metadata.value(key).toObject();
            mergeWithMetadata(child, childMetadata, it.value().toObject(), stamp);
            document.insert(key, child);
            metadata.insert(key, stamped(childMetadata, stamp));
        } else {
            document.insert(key, it.value());
            metadata.insert(key, stamped(QJsonObject(), stamp));
        }
    }
    // The caller stamps (and so rebuilds) `metadata`; the values of this level are rebuilt here.
    document = rebuilt(document);
}

Status TwinState::validate(TwinRules::Section section, const QJsonObject &document)
{
    return TwinRules::validateDocument(section, document);
}

QJsonObject TwinState::withoutSystemMembers(QJsonObject section)
{
    section.remove(MetadataKey);
    section.remove(VersionKey);
    return section;
}

Result<bool> TwinState::patch(const std::optional<QJsonObject> &tagsPatch,
                              const std::optional<QJsonObject> &desiredPatch, const QDateTime &now)
{
    const bool hasTags = tagsPatch && !tagsPatch->isEmpty();
    const bool hasDesired = desiredPatch && !desiredPatch->isEmpty();
    if (!hasTags && !hasDesired)
        return false;

    QJsonObject tags = m_tags;
    if (hasTags) {
        if (Status valid = TwinRules::validatePatch(TwinRules::Section::Tags, *tagsPatch); !valid)
            return valid.error();
        tags = deepRebuilt(JsonMergePatch::apply(m_tags, *tagsPatch));
        if (Status valid = validate(TwinRules::Section::Tags, tags); !valid)
            return valid.error();
    }
    QJsonObject desired = m_desired;
    QJsonObject desiredMetadata = m_desiredMetadata;
    if (hasDesired) {
        if (Status valid = TwinRules::validatePatch(TwinRules::Section::Desired, *desiredPatch); !valid)
            return valid.error();
        const Stamp stamp {timestampText(now), m_desiredVersion + 1};
        mergeWithMetadata(desired, desiredMetadata, *desiredPatch, stamp);
        desiredMetadata = stamped(desiredMetadata, stamp);
        if (Status valid = validate(TwinRules::Section::Desired, desired); !valid)
            return valid.error();
    }

    m_tags = tags;
    if (hasDesired) {
        m_desired = desired;
        m_desiredMetadata = desiredMetadata;
        ++m_desiredVersion;
    }
    ++m_version;
    changed();
    return true;
}

Status TwinState::replace(const QJsonObject &tags, const QJsonObject &desired, const QDateTime &now)
{
    const QJsonObject cleanTags = JsonMergePatch::withoutNulls(tags).toObject();
    const QJsonObject cleanDesired = JsonMergePatch::withoutNulls(desired).toObject();
    if (Status valid = validate(TwinRules::Section::Tags, cleanTags); !valid)
        return valid;
    if (Status valid = validate(TwinRules::Section::Desired, cleanDesired); !valid)
        return valid;
    m_tags = cleanTags;
    m_desired = cleanDesired;
    ++m_desiredVersion;
    m_desiredMetadata = metadataTree(cleanDesired, Stamp {timestampText(now), m_desiredVersion});
    ++m_version;
    changed();
    return Done {};
}

Status TwinState::overwrite(const std::optional<QJsonObject> &tags, const std::optional<QJsonObject> &desired,
                            const std::optional<QJsonObject> &reported, const QDateTime &now)
{
    QJsonObject cleanTags, cleanDesired, cleanReported;
    if (tags) {
        cleanTags = JsonMergePatch::withoutNulls(*tags).toObject();
        if (Status valid = validate(TwinRules::Section::Tags, cleanTags); !valid)
            return valid;
    }
    if (desired) {
        cleanDesired = JsonMergePatch::withoutNulls(withoutSystemMembers(*desired)).toObject();
        if (Status valid = validate(TwinRules::Section::Desired, cleanDesired); !valid)
            return valid;
    }
    if (reported) {
        cleanReported = JsonMergePatch::withoutNulls(withoutSystemMembers(*reported)).toObject();
        if (Status valid = validate(TwinRules::Section::Reported, cleanReported); !valid)
            return valid;
    }
    if (!tags && !desired && !reported)
        return Done {};
    const QString time = timestampText(now);
    if (tags)
        m_tags = cleanTags;
    if (desired) {
        m_desired = cleanDesired;
        ++m_desiredVersion;
        m_desiredMetadata = metadataTree(cleanDesired, Stamp {time, m_desiredVersion});
    }
    if (reported) {
        m_reported = cleanReported;
        ++m_reportedVersion;
        m_reportedMetadata = metadataTree(cleanReported, Stamp {time, 0});
    }
    if (tags || desired)
        ++m_version;
    changed();
    return Done {};
}

Status TwinState::patchReported(const QJsonObject &patch, const QDateTime &now)
{
    if (Status valid = TwinRules::validatePatch(TwinRules::Section::Reported, patch); !valid)
        return valid;
    QJsonObject reported = m_reported;
    QJsonObject metadata = m_reportedMetadata;
    const Stamp stamp {timestampText(now), 0};
    mergeWithMetadata(reported, metadata, patch, stamp);
    metadata = stamped(metadata, stamp);
    if (Status valid = validate(TwinRules::Section::Reported, reported); !valid)
        return valid;
    m_reported = reported;
    m_reportedMetadata = metadata;
    ++m_reportedVersion;
    changed();
    return Done {};
}

QJsonObject TwinState::metadataFor(const QJsonObject &patch, const QJsonObject &metadata)
{
    QJsonObject result;
    for (const QString &key : {LastUpdatedKey, LastUpdatedVersionKey}) {
        if (metadata.contains(key))
            result.insert(key, metadata.value(key));
    }
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (isSystemKey(it.key()) || it.value().isNull())
            continue;
        const QJsonValue entry = metadata.value(it.key());
        if (!entry.isObject())
            continue;
        if (it.value().isObject())
            result.insert(it.key(), metadataFor(it.value().toObject(), entry.toObject()));
        else
            result.insert(it.key(), entry);
    }
    return result;
}

QJsonObject TwinState::toState() const
{
    QJsonObject state;
    state.insert(QStringLiteral("tags"), m_tags);
    state.insert(QStringLiteral("desired"), m_desired);
    state.insert(QStringLiteral("reported"), m_reported);
    state.insert(QStringLiteral("desiredMetadata"), m_desiredMetadata);
    state.insert(QStringLiteral("reportedMetadata"), m_reportedMetadata);
    state.insert(QStringLiteral("desiredVersion"), m_desiredVersion);
    state.insert(QStringLiteral("reportedVersion"), m_reportedVersion);
    state.insert(QStringLiteral("version"), m_version);
    state.insert(QStringLiteral("etagCounter"), QString::number(m_etagCounter));
    return state;
}

Result<TwinState> TwinState::fromState(const QJsonObject &state)
{
    TwinState twin;
    auto object = [&state](const char *key, QJsonObject &target) {
        const QJsonValue value = state.value(QLatin1String(key));
        if (!value.isObject())
            return false;
        target = value.toObject();
        return true;
    };
    auto number = [&state](const char *key, qint64 &target) {
        const QJsonValue value = state.value(QLatin1String(key));
        if (!value.isDouble() || value.toDouble() < 1)
            return false;
        target = qint64(value.toDouble());
        return true;
    };
    if (!object("tags", twin.m_tags) || !object("desired", twin.m_desired) || !object("reported", twin.m_reported) ||
        !object("desiredMetadata", twin.m_desiredMetadata) || !object("reportedMetadata", twin.m_reportedMetadata))
        return stateError(QStringLiteral("a section is missing"));
    if (!number("desiredVersion", twin.m_desiredVersion) || !number("reportedVersion", twin.m_reportedVersion) ||
        !number("version", twin.m_version))
        return stateError(QStringLiteral("a version is missing"));
    bool ok = false;
    twin.m_etagCounter = state.value(QStringLiteral("etagCounter")).toString().toULongLong(&ok);
    if (!ok)
        return stateError(QStringLiteral("the etag counter is missing"));
    return twin;
}

} // namespace TwinBridge::Sandbox
