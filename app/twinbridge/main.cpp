// twinbridge — the TwinBridge desktop console.

#include "TwinBridgeVersion.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace TwinBridge;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TwinBridge"));
    QApplication::setApplicationName(QStringLiteral("TwinBridge"));
    QApplication::setApplicationDisplayName(QStringLiteral("TwinBridge"));
    QApplication::setApplicationVersion(QStringLiteral(TWINBRIDGE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(TWINBRIDGE_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "TwinBridge console: connects a The Things Stack application to Azure IoT Hub."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    MainWindow window;
    window.show();
    return app.exec();
}
