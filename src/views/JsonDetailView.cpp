#include "views/JsonDetailView.h"

#include <QEvent>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSyntaxHighlighter>

namespace TwinBridge {

// Colours the tokens of indented JSON line by line (QJsonDocument never breaks a string across lines).
class JsonDetailView::Highlighter : public QSyntaxHighlighter
{
public:
    explicit Highlighter(QTextDocument *document)
        : QSyntaxHighlighter(document)
    { }

    void setDark(bool dark)
    {
        const auto format = [](const QColor &color, bool bold = false) {
            QTextCharFormat f;
            f.setForeground(color);
            if (bold)
                f.setFontWeight(QFont::DemiBold);
            return f;
        };
        m_key = format(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x04, 0x51, 0xa5), true);
        m_string = format(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
        m_number = format(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
        m_literal = format(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
        rehighlight();
    }

protected:
    void highlightBlock(const QString &text) override
    {
        static const QRegularExpression token(QStringLiteral(
            R"re(("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b)re"));
        for (auto it = token.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            if (match.capturedStart(1) >= 0)
                setFormat(int(match.capturedStart(1)), int(match.capturedLength(1)),
                          match.capturedLength(2) > 0 ? m_key : m_string);
            else if (match.capturedStart(3) >= 0)
                setFormat(int(match.capturedStart(3)), int(match.capturedLength(3)), m_number);
            else
                setFormat(int(match.capturedStart(4)), int(match.capturedLength(4)), m_literal);
        }
    }

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

JsonDetailView::JsonDetailView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new Highlighter(document()))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter->setDark(isDark(palette()));
}

void JsonDetailView::setJson(const QJsonObject &object)
{
    m_json = object;
    setPlainText(object.isEmpty() ? QString()
                                  : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void JsonDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setDark(isDark(palette()));
    QPlainTextEdit::changeEvent(event);
}

} // namespace TwinBridge
