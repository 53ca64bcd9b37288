#include "views/JsonEditor.h"

#include "views/JsonSyntaxHighlighter.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBlock>

namespace TwinBridge {

JsonEditor::JsonEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new JsonSyntaxHighlighter(document()))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    updatePalette();
}

void JsonEditor::setObject(const QJsonObject &object)
{
    setJsonText(TwinDocument::format(object));
}

void JsonEditor::setJsonText(const QString &text)
{
    if (toPlainText() == text)
        return;
    const int scroll = verticalScrollBar()->value();
    setPlainText(text);
    verticalScrollBar()->setValue(scroll);
}

void JsonEditor::setProblem(const std::optional<TwinDocument::Problem> &problem)
{
    m_problem = problem;
    QList<QTextEdit::ExtraSelection> selections;
    if (problem) {
        const QTextBlock block = document()->findBlockByNumber(problem->line - 1);
        if (block.isValid()) {
            const bool dark = palette().color(QPalette::Base).lightness() < 128;
            QTextEdit::ExtraSelection line;
            line.format.setBackground(dark ? QColor(0x5a, 0x1e, 0x1e) : QColor(0xff, 0xe4, 0xe4));
            line.format.setProperty(QTextFormat::FullWidthSelection, true);
            line.cursor = QTextCursor(block);
            selections.append(line);

            QTextEdit::ExtraSelection mark;
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(QColor(0xe0, 0x20, 0x20));
            mark.cursor = QTextCursor(block);
            const int column = std::clamp(problem->column - 1, 0, std::max(0, block.length() - 2));
            mark.cursor.setPosition(block.position() + column);
            mark.cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
            if (!mark.cursor.hasSelection())
                mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            selections.append(mark);
        }
    }
    setExtraSelections(selections);
    setToolTip(problem ? problem->message : QString());
}

void JsonEditor::goToProblem()
{
    if (!m_problem)
        return;
    const QTextBlock block = document()->findBlockByNumber(m_problem->line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + std::clamp(m_problem->column - 1, 0, std::max(0, block.length() - 1)));
    setTextCursor(cursor);
    setFocus();
}

void JsonEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updatePalette();
}

void JsonEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier && !isReadOnly()) {
        insertPlainText(QStringLiteral("  "));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void JsonEditor::updatePalette()
{
    m_highlighter->setDarkBackground(palette().color(QPalette::Base).lightness() < 128);
    setProblem(m_problem);
}

} // namespace TwinBridge
