#include "views/JsonSyntaxHighlighter.h"

namespace TwinBridge {

JsonSyntaxHighlighter::JsonSyntaxHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setDarkBackground(false);
}

void JsonSyntaxHighlighter::setDarkBackground(bool dark)
{
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x45, 0x8b));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_literal.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
    m_punctuation.setForeground(dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x50, 0x50, 0x50));
    rehighlight();
}

void JsonSyntaxHighlighter::highlightBlock(const QString &text)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype end = i + 1;
            while (end < size && text.at(end) != QLatin1Char('"')) {
                if (text.at(end) == QLatin1Char('\\'))
                    ++end;
                ++end;
            }
            end = std::min(end + 1, size);
            qsizetype next = end;
            while (next < size && text.at(next).isSpace())
                ++next;
            const bool isKey = next < size && text.at(next) == QLatin1Char(':');
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            qsizetype end = i + 1;
            while (end < size && (text.at(end).isDigit() || QStringView(u".eE+-").contains(text.at(end))))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < size && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            if (QStringView(u"{}[]:,").contains(c))
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace TwinBridge
