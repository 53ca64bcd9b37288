#pragma once

#include "models/TwinDocument.h"

#include <QJsonObject>
#include <QPlainTextEdit>

#include <optional>

namespace TwinBridge {

class JsonSyntaxHighlighter;

// A plain-text JSON editor for twin sections: monospace, highlighted (JsonSyntaxHighlighter, following the light
// or dark palette), two-space indentation on Tab, and a problem marker — the line of a TwinDocument::Problem
// tinted and its column underlined — so an error shows where it is.
class JsonEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit JsonEditor(QWidget *parent = nullptr);

    // Replaces the text with indented JSON (keeps the scroll position when the text is the same length).
    void setObject(const QJsonObject &object);
    void setJsonText(const QString &text);

    void setProblem(const std::optional<TwinDocument::Problem> &problem);
    std::optional<TwinDocument::Problem> problem() const { return m_problem; }
    // Moves the cursor to the problem's line and column.
    void goToProblem();

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updatePalette();

    JsonSyntaxHighlighter *m_highlighter;
    std::optional<TwinDocument::Problem> m_problem;
};

} // namespace TwinBridge
