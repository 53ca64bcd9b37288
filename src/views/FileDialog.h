#pragma once

#include <QString>

class QWidget;

namespace TwinBridge {

// Every file chooser the console opens goes through here, so GUI tests can pick the file in advance instead
// of blocking on a modal dialog (the same seam as MessageBox::setNextAnswer).
class FileDialog
{
public:
    // The chosen file, or an empty string when the user canceled.
    static QString getOpenFileName(QWidget *parent, const QString &caption, const QString &directory = {},
                                   const QString &filter = {});
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &suggestedPath = {},
                                   const QString &filter = {});

    // Test seam: the next dialog returns `fileName` immediately without being shown (empty = canceled).
    static void setNextFileName(const QString &fileName);
    // The caption of the last dialog (shown or answered by the seam), for assertions.
    static QString lastCaption();
};

} // namespace TwinBridge
