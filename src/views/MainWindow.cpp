#include "views/MainWindow.h"

namespace TwinBridge {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("TwinBridge"));
}

} // namespace TwinBridge
