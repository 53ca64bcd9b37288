#include "models/TwinDocument.h"

#include "services/iothub/DeviceTwin.h"
#include "services/protocol/JsonMergePatch.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace TwinBridge {

namespace {

// A lenient walk over JSON text that QJsonDocument already accepted, building the same member paths as
// TwinRules ("a.b", "list[2]") and remembering where the wanted one starts.
class PathScanner
{
public:
    PathScanner(const QString &text, const QString &target)
        : m_text(text)
        , m_target(target)
    { }

    qsizetype run()
    {
        skipSpace();
        if (m_target.isEmpty())
            return m_pos < m_text.size() ? m_pos : -1;
        value(QString());
        return m_found;
    }

private:
    bool done() const { return m_found >= 0 || m_pos >= m_text.size(); }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    QString string()
    {
        QString result;
        ++m_pos; // opening quote
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == QLatin1Char('"'))
                break;
            if (c != QLatin1Char('\\') || m_pos >= m_text.size()) {
                result.append(c);
                continue;
            }
            const QChar escaped = m_text.at(m_pos++);
            switch (escaped.unicode()) {
            case 'n':
                result.append(QLatin1Char('\n'));
                break;
            case 't':
                result.append(QLatin1Char('\t'));
                break;
            case 'r':
                result.append(QLatin1Char('\r'));
                break;
            case 'b':
                result.append(QLatin1Char('\b'));
                break;
            case 'f':
                result.append(QLatin1Char('\f'));
                break;
            case 'u': {
                bool ok = false;
                const ushort code = m_text.mid(m_pos, 4).toUShort(&ok, 16);
                m_pos += 4;
                if (ok)
                    result.append(QChar(code));
                break;
            }
            default:
                result.append(escaped);
                break;
            }
        }
        return result;
    }

    void value(const QString &path)
    {
        skipSpace();
        if (done())
            return;
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char('{')) {
            object(path);
        } else if (c == QLatin1Char('[')) {
            array(path);
        } else if (c == QLatin1Char('"')) {
            string();
        } else {
            while (m_pos < m_text.size() && !QStringView(u",}] \t\r\n").contains(m_text.at(m_pos)))
                ++m_pos;
        }
    }

    void object(const QString &path)
    {
        ++m_pos;
        while (!done()) {
            skipSpace();
            if (done())
                return;
            const QChar c = m_text.at(m_pos);
            if (c == QLatin1Char('}')) {
                ++m_pos;
                return;
            }
            if (c == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            const qsizetype keyStart = m_pos;
            const QString key = string();
            const QString child = path.isEmpty() ? key : path + QLatin1Char('.') + key;
            if (child == m_target) {
                m_found = keyStart;
                return;
            }
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char(':'))
                ++m_pos;
            value(child);
        }
    }

    void array(const QString &path)
    {
        ++m_pos;
        int index = 0;
        while (!done()) {
            skipSpace();
            if (done())
                return;
            const QChar c = m_text.at(m_pos);
            if (c == QLatin1Char(']')) {
                ++m_pos;
                return;
            }
            if (c == QLatin1Char(',')) {
                ++m_pos;
                ++index;
                continue;
            }
            const QString child = path + QStringLiteral("[%1]").arg(index);
            if (child == m_target) {
                m_found = m_pos;
                return;
            }
            value(child);
        }
    }

    const QString &m_text;
    const QString &m_target;
    qsizetype m_pos = 0;
    qsizetype m_found = -1;
};

QString sectionPrefix(TwinRules::Section section)
{
    return TwinRules::sectionPath(section);
}

QJsonObject withoutSystemMembers(const QJsonObject &object)
{
    return DeviceTwin::withoutMetadata(object);
}

} // namespace

std::pair<int, int> TwinDocument::lineColumn(const QString &text, qsizetype index)
{
    index = std::clamp<qsizetype>(index, 0, text.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < index; ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, int(index - lineStart) + 1};
}

qsizetype TwinDocument::locate(const QString &text, const QString &path)
{
    return PathScanner(text, path).run();
}

TwinDocument::Problem TwinDocument::problemAt(const QString &text, qsizetype index, const QString &path,
                                              const QString &sentence)
{
    Problem problem;
    const auto [line, column] = lineColumn(text, index);
    problem.line = line;
    problem.column = column;
    problem.path = path;
    problem.message = tr("Line %1, column %2: %3").arg(line).arg(column).arg(sentence);
    return problem;
}

TwinDocument::Parsed TwinDocument::parse(const QString &text, TwinRules::Section section)
{
    Parsed parsed;
    if (text.trimmed().isEmpty())
        return parsed;
    const QByteArray bytes = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // The parser's offset counts UTF-8 bytes.
        const qsizetype index = QString::fromUtf8(bytes.left(error.offset)).size();
        parsed.problem = problemAt(text, index, QString(),
                                   tr("the text is not valid JSON (%1). Check the brackets, quotes and commas "
                                      "around this place.")
                                       .arg(error.errorString()));
        return parsed;
    }
    if (!document.isObject()) {
        parsed.problem = problemAt(text, locate(text, QString()), QString(),
                                   tr("the section must be one JSON object in braces, like {\"name\": \"value\"}."));
        return parsed;
    }
    parsed.object = document.object();
    const Status valid = TwinRules::validateDocument(section, parsed.object);
    if (!valid) {
        QString path = valid.error().payload().toObject().value(QLatin1String("path")).toString();
        const QString prefix = sectionPrefix(section);
        if (path == prefix)
            path.clear();
        else if (path.startsWith(prefix + QLatin1Char('.')))
            path = path.mid(prefix.size() + 1);
        const qsizetype index = path.isEmpty() ? locate(text, QString()) : locate(text, path);
        parsed.problem = problemAt(text, index < 0 ? 0 : index, path, valid.error().message());
    }
    return parsed;
}

QString TwinDocument::format(const QJsonObject &object)
{
    if (object.isEmpty())
        return QStringLiteral("{}");
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
}

QStringList TwinDocument::atomicDesiredKeys()
{
    return {QStringLiteral("rawDownlink"), QStringLiteral("decodedPayload")};
}

QJsonObject TwinDocument::editableDesired(const QJsonObject &desired)
{
    return withoutSystemMembers(desired);
}

QJsonObject TwinDocument::sectionPatch(TwinRules::Section section, const QJsonObject &base, const QJsonObject &edited)
{
    const QJsonObject from = withoutSystemMembers(base);
    QJsonObject patch = JsonMergePatch::diff(from, edited);
    if (section != TwinRules::Section::Desired)
        return patch;
    for (const QString &key : atomicDesiredKeys()) {
        if (!patch.contains(key) || !patch.value(key).isObject() || !edited.value(key).isObject())
            continue;
        // The whole new object, plus null for members that are gone.
        QJsonObject whole = JsonMergePatch::withoutNulls(edited.value(key)).toObject();
        const QJsonObject before = from.value(key).toObject();
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (!whole.contains(it.key()))
                whole.insert(it.key(), QJsonValue::Null);
        }
        patch.insert(key, whole);
    }
    // An explicit null the user wrote for an atomic key that is absent in the base: send it, the engine reads it
    // ("decodedPayload": null makes a binary-only downlink).
    for (const QString &key : atomicDesiredKeys()) {
        if (edited.contains(key) && edited.value(key).isNull() && !from.contains(key) && !patch.isEmpty())
            patch.insert(key, QJsonValue::Null);
    }
    return patch;
}

QJsonObject TwinDocument::patch(const QJsonObject &baseTags, const QJsonObject &baseDesired, const QJsonObject &tags,
                                const QJsonObject &desired)
{
    const QJsonObject tagsPatch = sectionPatch(TwinRules::Section::Tags, baseTags, tags);
    const QJsonObject desiredPatch = sectionPatch(TwinRules::Section::Desired, baseDesired, desired);
    if (tagsPatch.isEmpty() && desiredPatch.isEmpty())
        return {};
    return DeviceTwin::patch(tagsPatch.isEmpty() ? std::nullopt : std::optional<QJsonObject>(tagsPatch),
                             desiredPatch.isEmpty() ? std::nullopt : std::optional<QJsonObject>(desiredPatch));
}

QJsonObject TwinDocument::rebase(TwinRules::Section section, const QJsonObject &base, const QJsonObject &mine,
                                 const QJsonObject &theirs)
{
    const QJsonObject changes = sectionPatch(section, base, mine);
    QJsonObject result = JsonMergePatch::apply(withoutSystemMembers(theirs), changes);
    // Atomic keys I changed replace theirs whole; an explicit null I wrote for one stays (it is part of what I send).
    if (section == TwinRules::Section::Desired) {
        for (const QString &key : atomicDesiredKeys()) {
            if (changes.value(key).isObject())
                result.insert(key, JsonMergePatch::withoutNulls(changes.value(key)));
            if (mine.contains(key) && mine.value(key).isNull() && !result.contains(key))
                result.insert(key, QJsonValue::Null);
        }
    }
    return result;
}

} // namespace TwinBridge
