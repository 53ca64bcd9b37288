// twinbridge — the TwinBridge desktop console.

#include "TwinBridgeVersion.h"
#include "WindowScreenshot.h"

#include "models/BridgeHealth.h"
#include "services/core/UnixSignalWatcher.h"
#include "services/core/VersionInfo.h"
#include "services/diagnostics/ConnectionCheck.h"
#include "services/engine/EngineHost.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/secrets/SessionSecretStore.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"
#include "views/BridgePage.h"
#include "views/ConnectionsPage.h"
#include "views/DeployPage.h"
#include "views/DevicesPage.h"
#include "views/LanguageManager.h"
#include "views/LiveDataPage.h"
#include "views/MainWindow.h"
#include "views/TwinPage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

using namespace TwinBridge;

namespace {

enum ExitCode {
    ExitOk = 0,
    ExitUsage = 64, // EX_USAGE: bad command line
    ExitInterrupted = 130, // a second SIGINT/SIGTERM while the engine drained
};

// --help and --version print text and leave: they need no display, so no QApplication either.
bool onlyPrintsText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "--help-all", "-?", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (onlyPrintsText(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TwinBridge"));
    QCoreApplication::setApplicationName(QStringLiteral("TwinBridge"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TWINBRIDGE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "twinbridge", "TwinBridge console: connects a The Things Stack application to Azure IoT Hub."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption(
        {QStringLiteral("v"), QStringLiteral("version")},
        QCoreApplication::translate("twinbridge",
                                    "Displays version information, including the versions of Qt, "
                                    "OpenSSL, libmosquitto and QtKeychain."));
    parser.addOption(versionOption);
    const QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QCoreApplication::translate("twinbridge",
                                    "Reads and writes the settings in <file> (INI format) instead "
                                    "of the user's settings."),
        QCoreApplication::translate("twinbridge", "file"));
    parser.addOption(settingsOption);
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("twinbridge",
                                    "Shows the main window, saves a picture of it as <file> (PNG) "
                                    "and quits."),
        QCoreApplication::translate("twinbridge", "file"));
    parser.addOption(screenshotOption);
    const QCommandLineOption importSandboxOption(
        QStringLiteral("import-sandbox"),
        QCoreApplication::translate("twinbridge",
                                    "Adds or updates the connection profile \"Sandbox\" from <file>, the "
                                    "sandbox.json that twinbridge-sandbox writes, stores its secrets in the OS "
                                    "keychain and selects it."),
        QCoreApplication::translate("twinbridge", "file"));
    parser.addOption(importSandboxOption);
    const QCommandLineOption startBridgeOption(
        QStringLiteral("start-bridge"),
        QCoreApplication::translate("twinbridge",
                                    "Starts the integration engine for the current connection profile and shows the "
                                    "Bridge page; with --import-sandbox, for the imported sandbox profile once the "
                                    "import finished. With --screenshot, the picture is taken once the engine has "
                                    "run for a while."));
    parser.addOption(startBridgeOption);

    if (!parser.parse(QCoreApplication::arguments())) {
        QTextStream(stderr) << "twinbridge: " << parser.errorText() << '\n'
                            << QCoreApplication::translate("twinbridge", "Run 'twinbridge --help' for the options.")
                            << '\n';
        return ExitUsage;
    }
    if (parser.isSet(helpOption))
        parser.showHelp(ExitOk);
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << VersionInfo::versionText(QStringLiteral("twinbridge"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        QTextStream(stderr) << "twinbridge: "
                            << QCoreApplication::translate("twinbridge",
                                                           "unexpected argument '%1'. Run 'twinbridge --help' for "
                                                           "the options.")
                                   .arg(parser.positionalArguments().constFirst())
                            << '\n';
        return ExitUsage;
    }

    QGuiApplication::setApplicationDisplayName(QStringLiteral("TwinBridge"));
    QGuiApplication::setDesktopFileName(QStringLiteral(TWINBRIDGE_APP_ID));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/twinbridge.svg")));

    Settings settings(parser.value(settingsOption));
    Settings::setInstance(&settings);
    LanguageManager languages(&settings);

    KeychainSecretStore keychain;
    SessionSecretStore secrets(&keychain); // the keychain, or memory for this run once the user chose so
    ProfileStore profiles(&settings, &secrets);
    EngineHost engineHost;
    ProfileSession session(&profiles, &secrets);
    session.reopen();

    MainWindow window(&settings);
    auto *connectionsPage = new ConnectionsPage(&profiles, &secrets);
    QObject::connect(connectionsPage, &ConnectionsPage::statusMessage, &window,
                     [&window](const QString &message) { window.showStatusMessage(message); });
    window.setPage(MainWindow::Page::Connections, connectionsPage);
    // The Deploy page owns the network access manager of its wizards: ProfileSession's is replaced whenever the
    // profile changes, which the wizard's finish page does.
    auto *deployPage = new DeployPage(&profiles);
    QObject::connect(deployPage, &DeployPage::statusMessage, &window,
                     [&window](const QString &message) { window.showStatusMessage(message); });
    window.setPage(MainWindow::Page::Deploy, deployPage);
    auto *twinPage = new TwinPage(&session, &engineHost);
    QObject::connect(twinPage, &TwinPage::statusMessage, &window,
                     [&window](const QString &message) { window.showStatusMessage(message); });
    window.setPage(MainWindow::Page::Twin, twinPage);
    auto *liveDataPage = new LiveDataPage(&engineHost, &settings);
    QObject::connect(liveDataPage, &LiveDataPage::statusMessage, &window,
                     [&window](const QString &message) { window.showStatusMessage(message); });
    window.setPage(MainWindow::Page::LiveData, liveDataPage);
    // The status bar's connection lights: from the Connections page's tests; unknown again for another profile.
    QObject::connect(connectionsPage, &ConnectionsPage::connectionStateChanged, &window,
                     &MainWindow::setConnectionState);
    QObject::connect(&profiles, &ProfileStore::currentProfileChanged, &window, &MainWindow::resetConnectionStates);
    auto *devicesPage = new DevicesPage(&session, &engineHost);
    QObject::connect(devicesPage, &DevicesPage::statusMessage, &window,
                     [&window](const QString &message) { window.showStatusMessage(message); });
    window.setPage(MainWindow::Page::Devices, devicesPage);
    // The Devices page's context menu opens a device in the twin editor or in Live data.
    QObject::connect(devicesPage, &DevicesPage::openTwinRequested, &window, [&window, twinPage](const QString &id) {
        twinPage->openDevice(id);
        window.showPage(MainWindow::Page::Twin);
    });
    QObject::connect(devicesPage, &DevicesPage::showLiveDataRequested, &window,
                     [&window, liveDataPage](const QString &id) {
                         liveDataPage->showDevice(id);
                         window.showPage(MainWindow::Page::LiveData);
                     });
    auto *bridgePage = new BridgePage(&profiles, &secrets, &session, &engineHost, &settings);
    QObject::connect(bridgePage, &BridgePage::statusMessage, &window,
                     [&window](const QString &message) { window.showStatusMessage(message); });
    window.setPage(MainWindow::Page::Bridge, bridgePage);
    // Closing the window with a running engine drains it first, without blocking the GUI.
    bridgePage->watchWindowClose(&window);
    // The status bar's TTS and IoT Hub lights also follow the running engine (the worse of its two hub lights).
    QObject::connect(bridgePage->health(), &BridgeHealth::lightChanged, &window, [&window, bridgePage] {
        const auto toCheck = [](BridgeHealth::Status status) -> std::optional<ConnectionCheck::Status> {
            switch (status) {
            case BridgeHealth::Status::Off:
                return std::nullopt; // no engine: the last connection test's result stays
            case BridgeHealth::Status::Waiting:
                return ConnectionCheck::Status::Running;
            case BridgeHealth::Status::Ok:
                return ConnectionCheck::Status::Passed;
            case BridgeHealth::Status::Warning:
                return ConnectionCheck::Status::Warning;
            case BridgeHealth::Status::Failed:
                return ConnectionCheck::Status::Failed;
            }
            return std::nullopt;
        };
        const BridgeHealth *health = bridgePage->health();
        const BridgeHealth::Light tts = health->light(BridgeHealth::Side::TtsMqtt);
        if (const auto status = toCheck(tts.status))
            window.setConnectionState(ConnectionCheck::Target::Tts, *status, tts.text);
        BridgeHealth::Light hub = health->light(BridgeHealth::Side::HubRest);
        const BridgeHealth::Light hubMqtt = health->light(BridgeHealth::Side::HubMqtt);
        if (int(hubMqtt.status) > int(hub.status)) // Off < Waiting < Ok < Warning < Failed
            hub = hubMqtt;
        if (const auto status = toCheck(hub.status))
            window.setConnectionState(ConnectionCheck::Target::IotHub, *status, hub.text);
    });
    const auto showActiveProfile = [&window, &profiles] {
        const auto current = profiles.currentProfile();
        window.setActiveProfileName(current ? current->name : QString());
    };
    QObject::connect(&profiles, &ProfileStore::currentProfileChanged, &window, showActiveProfile);
    QObject::connect(&profiles, &ProfileStore::profileChanged, &window, showActiveProfile);
    showActiveProfile();
    QObject::connect(&secrets, &SessionSecretStore::keepsSecretsInMemoryChanged, &window, [&window](bool inMemory) {
        window.setSecretsNotice(inMemory ? SessionSecretStore::inMemoryNotice() : QString());
    });

    const bool importsSandbox = parser.isSet(importSandboxOption);
    const bool startsBridge = parser.isSet(startBridgeOption);
    if (parser.isSet(screenshotOption)) {
        const QString screenshotFile = parser.value(screenshotOption);
        if (startsBridge) {
            // The picture shows the engine at work: counters and a few seconds of the chart.
            QObject::connect(bridgePage, &BridgePage::engineStarted, &window,
                             [&window, screenshotFile] { new WindowScreenshot(&window, screenshotFile, 20000); });
        } else if (importsSandbox) {
            // The picture shows the imported profile: taken once the import (and its keychain writes) ended.
            QObject::connect(connectionsPage, &ConnectionsPage::sandboxImportFinished, &window,
                             [&window, screenshotFile] { new WindowScreenshot(&window, screenshotFile); });
        } else {
            new WindowScreenshot(&window, screenshotFile);
        }
    }
    window.show();
    if (startsBridge) {
        const auto startBridge = [&window, bridgePage] {
            window.showPage(MainWindow::Page::Bridge);
            bridgePage->start();
        };
        if (importsSandbox) // the sandbox profile exists and is current once the import finished
            QObject::connect(connectionsPage, &ConnectionsPage::sandboxImportFinished, bridgePage, startBridge,
                             Qt::SingleShotConnection);
        else
            QTimer::singleShot(0, bridgePage, startBridge);
    }
    if (importsSandbox) {
        window.showPage(MainWindow::Page::Connections);
        const QString file = QFileInfo(parser.value(importSandboxOption)).absoluteFilePath();
        // Once the event loop runs, so that a question about the keychain has a window to belong to.
        QTimer::singleShot(0, connectionsPage, [connectionsPage, file] { connectionsPage->importSandboxFile(file); });
    }
    // SIGTERM/SIGINT (the demo script stopping the console) close the window like the user would: a running
    // engine drains first. A second signal ends the process at once (the outbox keeps what was not sent).
    UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    bool closing = false;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::unixSignal, &window, [&window, &closing](int) {
        if (std::exchange(closing, true))
            std::_Exit(ExitInterrupted);
        window.close();
    });
    const int code = QCoreApplication::exec();
    Settings::setInstance(nullptr);
    return code;
}
