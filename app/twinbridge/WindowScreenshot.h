#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace TwinBridge {

// `twinbridge --screenshot FILE`: once the window is exposed on screen, grabs it with QWidget::grab(), saves
// it as FILE and quits the application (exit code 0 on success, 1 if the file could not be written or the
// window never appeared within the timeout). `settleMs` is waited after the first exposure so that
// asynchronous work started by the pages (keychain look-ups, first data) shows in the picture.
class WindowScreenshot : public QObject
{
    Q_OBJECT

public:
    WindowScreenshot(QWidget *window, const QString &fileName, int settleMs = 1000, int timeoutMs = 20000);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void capture();

    QWidget *m_window = nullptr;
    QString m_fileName;
    int m_settleMs = 1000;
    bool m_scheduled = false;
};

} // namespace TwinBridge
