#include "WindowScreenshot.h"

#include <QCoreApplication>
#include <QEvent>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>
#include <QWidget>
#include <QWindow>

namespace TwinBridge {

WindowScreenshot::WindowScreenshot(QWidget *window, const QString &fileName, int settleMs, int timeoutMs)
    : QObject(window)
    , m_window(window)
    , m_fileName(fileName)
    , m_settleMs(settleMs)
{
    m_window->winId(); // creates the QWindow to watch
    m_window->windowHandle()->installEventFilter(this);
    if (m_window->windowHandle()->isExposed()) { // shown already: no further Expose event may come
        m_scheduled = true;
        QTimer::singleShot(m_settleMs, this, &WindowScreenshot::capture);
    }
    QTimer::singleShot(timeoutMs, this, [this] {
        if (m_scheduled)
            return;
        QTextStream(stderr) << QCoreApplication::translate("twinbridge",
                                                           "twinbridge: the window was not shown on screen in time; "
                                                           "no screenshot taken. Is a display available?")
                            << Qt::endl;
        QCoreApplication::exit(1);
    });
}

bool WindowScreenshot::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Expose && !m_scheduled && m_window->windowHandle()->isExposed()) {
        m_scheduled = true;
        // Let the first paint and the asynchronous look-ups it starts (keychain status, …) settle first.
        QTimer::singleShot(m_settleMs, this, &WindowScreenshot::capture);
    }
    return QObject::eventFilter(watched, event);
}

void WindowScreenshot::capture()
{
    const QPixmap pixmap = m_window->grab();
    if (pixmap.isNull() || !pixmap.save(m_fileName)) {
        QTextStream(stderr) << QCoreApplication::translate("twinbridge",
                                                           "twinbridge: could not write the screenshot to %1. Check "
                                                           "that the folder exists and is writable.")
                                   .arg(m_fileName)
                            << Qt::endl;
        QCoreApplication::exit(1);
        return;
    }
    QTextStream(stdout) << QCoreApplication::translate("twinbridge", "Screenshot saved to %1").arg(m_fileName)
                        << Qt::endl;
    QCoreApplication::exit(0);
}

} // namespace TwinBridge
