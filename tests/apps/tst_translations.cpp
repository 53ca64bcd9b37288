// The committed translations are complete and sound: every message of twinbridge_de.ts is translated
// (and keeps the %1… placeholders of its source), the English plural forms are filled in, and no string
// — in the .ts files or in any literal under src/ and app/ — writes "..." instead of "…".
// The translation contexts the code uses at run time are the ones lupdate records: the scanned sources have
// no local tr() wrapper (lupdate cannot see through one and guesses another context), every literal context
// and every Q_DECLARE_TR_FUNCTIONS names a class as "TwinBridge::Class" (or is one of the programs' own
// contexts), and so every context in twinbridge_de.ts is such a name. tst_germanmessages proves at run time
// that the German text is found.

#include "SourceFiles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form
    QString type; // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
};

struct TsFile
{
    QString language;
    QList<Message> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            if (name == u"TS") {
                ts.language = xml.attributes().value(QLatin1String("language")).toString();
            } else if (name == u"context") {
                context.clear();
            } else if (name == u"name") {
                context = xml.readElementText();
            } else if (name == u"message") {
                message = Message {context, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes"};
            } else if (name == u"source") {
                message.source = xml.readElementText();
            } else if (name == u"translation") {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!message.numerus)
                    message.translations << xml.readElementText();
            } else if (name == u"numerusform") {
                message.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.error = xml.errorString();
    return ts;
}

QString describe(const Message &message)
{
    return message.context + QStringLiteral(": \"") + message.source + QLatin1Char('"');
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("%(?:L?[1-9]|n)"));
    QSet<QString> found;
    QRegularExpressionMatchIterator it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        QString token = it.next().captured();
        found.insert(token.remove(QLatin1Char('L')));
    }
    return found;
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// The string literals of a C++ source, as written (escapes not processed); comments and character literals
// are skipped.
QStringList stringLiterals(const QString &code)
{
    QStringList literals;
    const qsizetype n = code.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = code.at(i);
        const QChar next = i + 1 < n ? code.at(i + 1) : QChar();
        if (c == u'/' && next == u'/') {
            const qsizetype end = code.indexOf(u'\n', i);
            i = end < 0 ? n : end;
        } else if (c == u'/' && next == u'*') {
            const qsizetype end = code.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c == u'R' && next == u'"' &&
                   (i == 0 || !isIdentifierChar(code.at(i - 1)) || code.at(i - 1) == u'8' || code.at(i - 1) == u'u' ||
                    code.at(i - 1) == u'U' || code.at(i - 1) == u'L')) {
            const qsizetype open = code.indexOf(u'(', i + 2);
            if (open < 0)
                break;
            const QString terminator = QLatin1Char(')') + code.mid(i + 2, open - i - 2) + QLatin1Char('"');
            const qsizetype end = code.indexOf(terminator, open + 1);
            const qsizetype stop = end < 0 ? n : end;
            literals << code.mid(open + 1, stop - open - 1);
            i = end < 0 ? n : end + terminator.size();
        } else if (c == u'"') {
            qsizetype j = i + 1;
            while (j < n && code.at(j) != u'"' && code.at(j) != u'\n')
                j += code.at(j) == u'\\' ? 2 : 1;
            literals << code.mid(i + 1, qMin(j, n) - i - 1);
            i = j + 1;
        } else if (c == u'\'' && i > 0 && code.at(i - 1).isDigit() && next.isLetterOrNumber()) {
            ++i; // digit separator: 1'000'000
        } else if (c == u'\'') {
            qsizetype j = i + 1;
            while (j < n && code.at(j) != u'\'' && code.at(j) != u'\n')
                j += code.at(j) == u'\\' ? 2 : 1;
            i = j + 1;
        } else {
            ++i;
        }
    }
    return literals;
}

// The programs' own contexts (command-line help and messages of app/*/main.cpp).
const QStringList ProgramContexts {QStringLiteral("twinbridge"), QStringLiteral("twinbridged"),
                                   QStringLiteral("twinbridge-sandbox")};

bool isClassContext(const QString &context)
{
    static const QRegularExpression name(QStringLiteral("^TwinBridge::[A-Z][A-Za-z0-9_]*$"));
    return name.match(context).hasMatch();
}

// `code` without its comments (each replaced by a space); with `blankStrings` the contents of string and
// character literals are blanked as well, so that only code is left to match.
QString codeOnly(const QString &code, bool blankStrings)
{
    QString out;
    out.reserve(code.size());
    const qsizetype n = code.size();
    qsizetype i = 0;
    const auto copyLiteral = [&](qsizetype from, qsizetype to, qsizetype bodyFrom, qsizetype bodyTo) {
        for (qsizetype k = from; k < to; ++k)
            out += blankStrings && k >= bodyFrom && k < bodyTo && code.at(k) != u'\n' ? QChar(u' ') : code.at(k);
    };
    while (i < n) {
        const QChar c = code.at(i);
        const QChar next = i + 1 < n ? code.at(i + 1) : QChar();
        if (c == u'/' && next == u'/') {
            const qsizetype end = code.indexOf(u'\n', i);
            i = end < 0 ? n : end;
            out += QChar(u' ');
        } else if (c == u'/' && next == u'*') {
            const qsizetype end = code.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 2;
            out += QChar(u' ');
        } else if (c == u'R' && next == u'"' && (i == 0 || !isIdentifierChar(code.at(i - 1)))) {
            const qsizetype open = code.indexOf(u'(', i + 2);
            if (open < 0) {
                out += code.mid(i);
                break;
            }
            const QString terminator = QLatin1Char(')') + code.mid(i + 2, open - i - 2) + QLatin1Char('"');
            const qsizetype end = code.indexOf(terminator, open + 1);
            const qsizetype stop = end < 0 ? n : end + terminator.size();
            copyLiteral(i, stop, open + 1, end < 0 ? n : end);
            i = stop;
        } else if (c == u'"' || (c == u'\'' && !(i > 0 && code.at(i - 1).isDigit() && next.isLetterOrNumber()))) {
            qsizetype j = i + 1;
            while (j < n && code.at(j) != c && code.at(j) != u'\n')
                j += code.at(j) == u'\\' ? 2 : 1;
            const qsizetype stop = qMin(j + 1, n);
            copyLiteral(i, stop, i + 1, qMin(j, n));
            i = stop;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

// What in a C++ source would make a translation context differ between lupdate and run time.
QStringList translationContextProblems(const QString &code)
{
    QStringList problems;
    const QString bare = codeOnly(code, true);
    static const QRegularExpression wrapper(QStringLiteral(R"(\b(?:QString\s+tr\s*\(|auto\s+tr\s*=|\btr\s*=\s*\[))"));
    if (wrapper.match(bare).hasMatch())
        problems << QStringLiteral("a local tr() wrapper: use Q_DECLARE_TR_FUNCTIONS(TwinBridge::Class) or "
                                   "QCoreApplication::translate(\"TwinBridge::Class\", \"…\")");

    const QString withStrings = codeOnly(code, false);
    static const QRegularExpression translate(
        QStringLiteral(R"re(\b(?:translate|QT_TRANSLATE_NOOP3?|QT_TRANSLATE_N_NOOP3?)\s*\(\s*("([^"\\]*)")?)re"));
    QRegularExpressionMatchIterator it = translate.globalMatch(withStrings);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.captured(1).isEmpty()) {
            problems << QStringLiteral("a translation context that is not a string literal");
            continue;
        }
        const QString context = match.captured(2);
        if (!isClassContext(context) && !ProgramContexts.contains(context))
            problems << QStringLiteral("the context \"%1\" is not \"TwinBridge::Class\"").arg(context);
    }
    static const QRegularExpression declare(QStringLiteral(R"(\bQ_DECLARE_TR_FUNCTIONS\s*\(\s*([^)]*?)\s*\))"));
    it = declare.globalMatch(bare);
    while (it.hasNext()) {
        const QString context = it.next().captured(1);
        if (!isClassContext(context))
            problems << QStringLiteral("Q_DECLARE_TR_FUNCTIONS(%1) is not namespace-qualified").arg(context);
    }
    return problems;
}

} // namespace

using TwinBridge::Test::SourceFile;
using TwinBridge::Test::sourceFiles;

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void germanIsComplete();
    void germanKeepsPlaceholders();
    void englishPluralFormsAreComplete();
    void stringLiteralsAreFound_data();
    void stringLiteralsAreFound();
    void sourcesUseEllipsisCharacter_data();
    void sourcesUseEllipsisCharacter();
    void translationsUseEllipsisCharacter();
    void contextProblemsAreFound_data();
    void contextProblemsAreFound();
    void sourcesUseLupdateContexts_data();
    void sourcesUseLupdateContexts();
    void germanContextsAreClassNames();

private:
    QString m_sourceDir;
    TsFile m_german;
    TsFile m_english;
};

void TestTranslations::initTestCase()
{
    m_sourceDir = QString::fromLocal8Bit(qgetenv("TWINBRIDGE_SOURCE_DIR"));
    QVERIFY2(QDir(m_sourceDir).exists(QStringLiteral("translations")), "TWINBRIDGE_SOURCE_DIR is not set");
    m_german = readTs(QDir(m_sourceDir).filePath(QStringLiteral("translations/twinbridge_de.ts")));
    QVERIFY2(m_german.error.isEmpty(), qPrintable(m_german.error));
    QVERIFY(m_german.language.startsWith(QLatin1String("de")));
    m_english = readTs(QDir(m_sourceDir).filePath(QStringLiteral("translations/twinbridge_en.ts")));
    QVERIFY2(m_english.error.isEmpty(), qPrintable(m_english.error));
    QVERIFY(m_english.language.startsWith(QLatin1String("en")));
}

void TestTranslations::germanIsComplete()
{
    QVERIFY(m_german.messages.size() > 10);
    QStringList unfinished;
    for (const Message &message : std::as_const(m_german.messages)) {
        if (message.type == u"vanished" || message.type == u"obsolete")
            continue;
        const bool empty = message.translations.isEmpty() ||
            std::any_of(message.translations.cbegin(), message.translations.cend(),
                        [](const QString &t) { return t.trimmed().isEmpty(); });
        if (message.type == u"unfinished" || empty)
            unfinished << describe(message);
    }
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("%1 untranslated or unfinished message(s) in twinbridge_de.ts (translate them "
                                       "with Qt Linguist):\n")
                            .arg(unfinished.size()) +
                        unfinished.join(QLatin1Char('\n'))));
}

void TestTranslations::germanKeepsPlaceholders()
{
    QStringList broken;
    for (const Message &message : std::as_const(m_german.messages)) {
        const QSet<QString> expected = placeholders(message.source);
        for (const QString &translation : message.translations) {
            if (!translation.isEmpty() && placeholders(translation) != expected)
                broken << describe(message) + QStringLiteral(" → \"") + translation + QLatin1Char('"');
        }
    }
    QVERIFY2(
        broken.isEmpty(),
        qPrintable(QStringLiteral("Translations that lose or add a placeholder:\n") + broken.join(QLatin1Char('\n'))));
}

void TestTranslations::englishPluralFormsAreComplete()
{
    QStringList unfinished;
    for (const Message &message : std::as_const(m_english.messages)) {
        if (message.numerus && (message.type == u"unfinished" || message.translations.size() < 2))
            unfinished << describe(message);
    }
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("English plural forms missing:\n") + unfinished.join(QLatin1Char('\n'))));
}

void TestTranslations::stringLiteralsAreFound_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("literals");

    QTest::addRow("plain") << "tr(\"Open…\");" << QStringList {QStringLiteral("Open…")};
    QTest::addRow("two") << "f(\"a\", \"b\");" << QStringList {QStringLiteral("a"), QStringLiteral("b")};
    QTest::addRow("escaped quote") << "x = \"say \\\"hi\\\"...\";" << QStringList {QStringLiteral("say \\\"hi\\\"...")};
    QTest::addRow("line comment") << "// \"not a literal...\"\nint a;" << QStringList {};
    QTest::addRow("block comment") << "/* \"not...\" */ g(\"yes\");" << QStringList {QStringLiteral("yes")};
    QTest::addRow("url with slashes") << "u = \"http://example.invalid/...\";"
                                      << QStringList {QStringLiteral("http://example.invalid/...")};
    QTest::addRow("character literal quote") << "c = '\"'; s = \"x\";" << QStringList {QStringLiteral("x")};
    QTest::addRow("digit separator") << "n = 1'000; s = \"y\";" << QStringList {QStringLiteral("y")};
    QTest::addRow("raw string") << "r = R\"(a \"quoted\"...)\";" << QStringList {QStringLiteral("a \"quoted\"...")};
    QTest::addRow("raw string with delimiter") << "r = R\"x(a)\"b)x\";" << QStringList {QStringLiteral("a)\"b")};
    QTest::addRow("variadic template is code")
        << "template<typename... Args> void f(Args &&...args);" << QStringList {};
}

void TestTranslations::stringLiteralsAreFound()
{
    QFETCH(QString, code);
    QFETCH(QStringList, literals);
    QCOMPARE(stringLiterals(code), literals);
}

void TestTranslations::sourcesUseEllipsisCharacter_data()
{
    QTest::addColumn<QString>("directory");
    QTest::addRow("src") << "src";
    QTest::addRow("app") << "app";
}

void TestTranslations::sourcesUseEllipsisCharacter()
{
    QFETCH(QString, directory);

    QStringList offenders;
    const QList<SourceFile> files =
        sourceFiles(m_sourceDir, directory, {QStringLiteral("*.cpp"), QStringLiteral("*.h"), QStringLiteral("*.in")});
    for (const SourceFile &file : files) {
        QVERIFY2(file.readable, qPrintable(file.path));
        const QStringList literals = stringLiterals(file.text);
        for (const QString &literal : literals) {
            if (literal.contains(QLatin1String("...")))
                offenders << file.path + QStringLiteral(": \"") + literal + QLatin1Char('"');
        }
    }
    QVERIFY(!files.isEmpty());
    QVERIFY2(offenders.isEmpty(),
             qPrintable(QStringLiteral("Write \"…\" (U+2026), not \"...\":\n") + offenders.join(QLatin1Char('\n'))));
}

void TestTranslations::translationsUseEllipsisCharacter()
{
    QStringList offenders;
    for (const TsFile *ts : {&m_german, &m_english}) {
        for (const Message &message : ts->messages) {
            bool dots = message.source.contains(QLatin1String("..."));
            for (const QString &translation : message.translations)
                dots = dots || translation.contains(QLatin1String("..."));
            if (dots)
                offenders << ts->language + QStringLiteral(" ") + describe(message);
        }
    }
    QVERIFY2(offenders.isEmpty(),
             qPrintable(QStringLiteral("Write \"…\" (U+2026), not \"...\":\n") + offenders.join(QLatin1Char('\n'))));
}

void TestTranslations::contextProblemsAreFound_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("problems");

    QTest::addRow("wrapper function") << "QString tr(const char *text)\n{\n    return "
                                         "QCoreApplication::translate(\"TwinBridge::A\", text);\n}"
                                      << 1;
    QTest::addRow("wrapper lambda") << "auto tr = [](const char *t) { return QCoreApplication::translate(\"A\", t); };"
                                    << 2;
    QTest::addRow("unqualified context") << "QCoreApplication::translate(\"DeviceTwin\", \"x\");" << 1;
    QTest::addRow("context in a variable") << "QCoreApplication::translate(context, \"x\");" << 1;
    QTest::addRow("unqualified noop") << "QT_TRANSLATE_NOOP(\"TtsMessageType\", \"x\")" << 1;
    QTest::addRow("unqualified declaration") << "class A\n{\n    Q_DECLARE_TR_FUNCTIONS(A)\n};" << 1;
    QTest::addRow("qualified") << "Q_DECLARE_TR_FUNCTIONS(TwinBridge::A)\nQCoreApplication::translate(\n"
                                  "    \"TwinBridge::A\", \"x\");\nA::tr(\"y\");"
                               << 0;
    QTest::addRow("program context") << "QCoreApplication::translate(\"twinbridged\", \"x\");" << 0;
    QTest::addRow("in a comment") << "// QString tr(const char *text) used to live here\nint a;" << 0;
    QTest::addRow("in a string") << "const char *s = \"QString tr(const char *)\";" << 0;
    QTest::addRow("url in a string") << "f(\"https://example.invalid\"); auto tr = [] {};" << 1;
}

void TestTranslations::contextProblemsAreFound()
{
    QFETCH(QString, code);
    QFETCH(int, problems);
    const QStringList found = translationContextProblems(code);
    QVERIFY2(found.size() == problems, qPrintable(found.join(QLatin1Char('\n'))));
}

void TestTranslations::sourcesUseLupdateContexts_data()
{
    QTest::addColumn<QString>("directory");
    // What translations/CMakeLists.txt scans (src/sandbox is not translated).
    QTest::addRow("src/services") << "src/services";
    QTest::addRow("src/models") << "src/models";
    QTest::addRow("src/views") << "src/views";
    QTest::addRow("app") << "app";
}

void TestTranslations::sourcesUseLupdateContexts()
{
    QFETCH(QString, directory);

    QStringList offenders;
    const QList<SourceFile> files =
        sourceFiles(m_sourceDir, directory, {QStringLiteral("*.cpp"), QStringLiteral("*.h")});
    for (const SourceFile &file : files) {
        QVERIFY2(file.readable, qPrintable(file.path));
        const QStringList problems = translationContextProblems(file.text);
        for (const QString &problem : problems)
            offenders << file.path + QStringLiteral(": ") + problem;
    }
    QVERIFY(!files.isEmpty());
    QVERIFY2(offenders.isEmpty(),
             qPrintable(QStringLiteral("Translation contexts lupdate cannot see (German would never show):\n") +
                        offenders.join(QLatin1Char('\n'))));
}

void TestTranslations::germanContextsAreClassNames()
{
    QSet<QString> contexts;
    for (const Message &message : std::as_const(m_german.messages))
        contexts.insert(message.context);
    QVERIFY(!contexts.isEmpty());
    QStringList wrong;
    for (const QString &context : std::as_const(contexts)) {
        if (!isClassContext(context) && !ProgramContexts.contains(context))
            wrong << context;
    }
    wrong.sort();
    QVERIFY2(wrong.isEmpty(),
             qPrintable(QStringLiteral("Contexts lupdate had to guess (the code looks the strings up elsewhere):\n") +
                        wrong.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
