#pragma once

#include <QWidget>

class QLabel;

namespace TwinBridge {

// Stands in for a navigation page that a later part of the console provides: a title, one line on what the
// page will do and a hint on what brings it. The owner sets (and on a language change re-sets) the texts.
class PlaceholderPage : public QWidget
{
    Q_OBJECT

public:
    explicit PlaceholderPage(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setExplanation(const QString &explanation);
    void setHint(const QString &hint);

    QString title() const;
    QString explanation() const;
    QString hint() const;

private:
    QLabel *m_titleLabel = nullptr;
    QLabel *m_explanationLabel = nullptr;
    QLabel *m_hintLabel = nullptr;
};

} // namespace TwinBridge
