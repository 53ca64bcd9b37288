// The committed translations are complete and sound: every message of twinbridge_de.ts is translated
// (and keeps the %1… placeholders of its source), the English plural forms are filled in, and no string
// — in the .ts files or in any literal under src/ and app/ — writes "..." instead of "…".

#include <QDir>
#include <QDirIterator>
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

} // namespace

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
    int files = 0;
    QDirIterator it(QDir(m_sourceDir).filePath(directory),
                    {QStringLiteral("*.cpp"), QStringLiteral("*.h"), QStringLiteral("*.in")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        ++files;
        const QStringList literals = stringLiterals(QString::fromUtf8(file.readAll()));
        for (const QString &literal : literals) {
            if (literal.contains(QLatin1String("...")))
                offenders << QDir(m_sourceDir).relativeFilePath(path) + QStringLiteral(": \"") + literal +
                        QLatin1Char('"');
        }
    }
    QVERIFY(files > 0);
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

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
