#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace TwinBridge {

// Colours JSON text: member names, strings, numbers, true/false/null and punctuation, with colours readable on
// the light and the dark palette (chosen from the document's base colour, see setDarkBackground()).
// Works line by line; a string that spans lines (invalid JSON anyway) is coloured up to the line end.
class JsonSyntaxHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonSyntaxHighlighter(QTextDocument *document);

    void setDarkBackground(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
};

} // namespace TwinBridge
