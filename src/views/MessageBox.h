#pragma once

#include <QMessageBox>

namespace TwinBridge {

// Every question and notice the console shows goes through here, so GUI tests can answer in advance
// instead of blocking on a modal dialog (KeePassXC's MessageBox::setNextAnswer seam).
class MessageBox
{
public:
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                                QMessageBox::StandardButtons buttons
                                                = QMessageBox::Yes | QMessageBox::No,
                                                QMessageBox::StandardButton defaultButton = QMessageBox::No);
    static void information(QWidget *parent, const QString &title, const QString &text);
    static void warning(QWidget *parent, const QString &title, const QString &text,
                        const QString &details = {});
    static void critical(QWidget *parent, const QString &title, const QString &text,
                         const QString &details = {});

    // Test seam: the next dialog returns `answer` immediately without being shown.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // The text of the last dialog (shown or answered by the seam), for assertions.
    static QString lastText();
    static QString lastTitle();

private:
    static QMessageBox::StandardButton show(QMessageBox::Icon icon, QWidget *parent, const QString &title,
                                            const QString &text, const QString &details,
                                            QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton);
};

} // namespace TwinBridge
