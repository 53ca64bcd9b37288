// twinbridged — the TwinBridge integration engine without a GUI.

#include "TwinBridgeVersion.h"

#include "services/core/Logging.h"
#include "services/core/SystemTranslator.h"
#include "services/core/UnixSignalWatcher.h"
#include "services/core/VersionInfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <cstdio>

using namespace TwinBridge;

namespace {

// Exit codes (documented in --help and docs/twinbridged.md).
enum ExitCode {
    ExitOk = 0,
    ExitUsage = 64, // EX_USAGE: bad command line
};

QString helpText()
{
    return QCoreApplication::translate(
        "twinbridged",
        "twinbridged runs the TwinBridge integration engine without a window: it forwards The Things Stack\n"
        "uplinks to Azure IoT Hub and turns device twin changes into LoRaWAN downlinks.\n"
        "\n"
        "It stops cleanly on Ctrl+C (SIGINT) or SIGTERM, finishing the work it has accepted.\n"
        "\n"
        "Exit codes:\n"
        "  0   stopped normally\n"
        "  64  the command line was wrong (see the options below)\n");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TwinBridge"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbridged"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TWINBRIDGE_VERSION));
    installSystemTranslator(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(helpText());
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption(
        {QStringLiteral("v"), QStringLiteral("version")},
        QCoreApplication::translate("twinbridged",
                                    "Displays version information, including the versions of Qt, "
                                    "OpenSSL, libmosquitto and QtKeychain."));
    parser.addOption(versionOption);

    if (!parser.parse(QCoreApplication::arguments())) {
        QTextStream(stderr) << "twinbridged: " << parser.errorText() << "\n"
                            << QCoreApplication::translate("twinbridged", "Run 'twinbridged --help' for the options.")
                            << "\n";
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        parser.showHelp(ExitOk);
    }
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << VersionInfo::versionText(QStringLiteral("twinbridged"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        QTextStream(stderr) << "twinbridged: "
                            << QCoreApplication::translate(
                                   "twinbridged", "unexpected argument '%1'. Run 'twinbridged --help' for the options.")
                                   .arg(parser.positionalArguments().constFirst())
                            << "\n";
        return ExitUsage;
    }

    UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &UnixSignalWatcher::unixSignal, &app, [](int signalNumber) {
        qCInfo(lcBridge) << "received signal" << signalNumber << "- stopping";
        QCoreApplication::exit(ExitOk);
    });

    QTextStream(stdout) << QCoreApplication::translate("twinbridged",
                                                       "twinbridged %1 started; no profile configured, "
                                                       "idle until SIGINT/SIGTERM")
                               .arg(QStringLiteral(TWINBRIDGE_VERSION))
                        << Qt::endl;
    const int code = app.exec();
    QTextStream(stdout) << QCoreApplication::translate("twinbridged", "twinbridged stopped") << Qt::endl;
    return code;
}
