#pragma once

#include <QJsonObject>
#include <QPlainTextEdit>

namespace TwinBridge {

// A small read-only viewer for a JSON document: indented, in a fixed-width font, with keys, strings, numbers
// and literals coloured to suit the current (light or dark) palette. Selectable and copyable; no editing.
class JsonDetailView : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit JsonDetailView(QWidget *parent = nullptr);

    void setJson(const QJsonObject &object);
    QJsonObject json() const { return m_json; }

protected:
    void changeEvent(QEvent *event) override;

private:
    class Highlighter;

    Highlighter *m_highlighter = nullptr;
    QJsonObject m_json;
};

} // namespace TwinBridge
