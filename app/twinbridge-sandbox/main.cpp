// twinbridge-sandbox — a local, faithful stand-in for The Things Stack, Azure IoT Hub and Entra ID for tests
// and demos. See docs/sandbox.md.

#include "TwinBridgeVersion.h"

#include "sandbox/Sandbox.h"
#include "services/core/Logging.h"
#include "services/core/SystemTranslator.h"
#include "services/core/UnixSignalWatcher.h"
#include "services/engine/EpollEventDispatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFuture>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>

using namespace TwinBridge;

namespace {

// Exit codes (documented in --help and docs/sandbox.md).
enum ExitCode {
    ExitOk = 0,
    ExitUsage = 64, // EX_USAGE: bad command line
    ExitUnavailable = 69, // EX_UNAVAILABLE: could not start (state directory, ports, certificates, mosquitto)
};

constexpr int MaxDevices = 10000;
constexpr double MaxUplinkIntervalSeconds = 7 * 24 * 3600;
constexpr double MaxSpeed = 100000;

QString helpText()
{
    return QCoreApplication::translate(
        "twinbridge-sandbox",
        "twinbridge-sandbox runs a local The Things Stack application (REST API over HTTP and a mosquitto\n"
        "MQTT server, plain and TLS) and a local Azure on 127.0.0.1: IoT Hub (device MQTT over TLS, service\n"
        "REST over HTTPS, with the routes, Event Hub and Function that The Things Stack's deployment template\n"
        "creates), Entra ID over HTTPS and an admin API (HTTP). When it is ready it writes DIR/sandbox.json\n"
        "with the addresses, keys and the CA certificate to trust. State stays in DIR across restarts.\n"
        "\n"
        "It needs mosquitto (Debian package mosquitto). It stops cleanly, with the broker, on Ctrl+C (SIGINT)\n"
        "or SIGTERM.\n"
        "\n"
        "Exit codes:\n"
        "  0   stopped normally\n"
        "  64  the command line was wrong (see the options below)\n"
        "  69  the sandbox could not start or stopped working (state directory, ports, certificates, mosquitto)\n");
}

int usageError(const QString &message)
{
    QTextStream(stderr) << "twinbridge-sandbox: " << message << "\n"
                        << QCoreApplication::translate("twinbridge-sandbox",
                                                       "Run 'twinbridge-sandbox --help' for the options.")
                        << "\n";
    return ExitUsage;
}

} // namespace

int main(int argc, char *argv[])
{
    // The engine's epoll dispatcher instead of GLib's or Qt's poll() one: with thousands of device sockets, poll
    // bookkeeping cost more than the TLS work (GLib: ~500 vs ~2,400 operations/s at 10,000 connections) and
    // Qt's poll() set is rebuilt on every turn. TWINBRIDGE_SANDBOX_DISPATCHER=qt keeps Qt's (for comparisons).
    if (qEnvironmentVariable("TWINBRIDGE_SANDBOX_DISPATCHER") == QLatin1String("qt")) {
        if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
            qputenv("QT_NO_GLIB", "1");
    } else {
        QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TwinBridge"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbridge-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TWINBRIDGE_VERSION));
    installSystemTranslator(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(helpText());
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption stateDirOption(
        QStringLiteral("state-dir"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "Directory for the CA, the hubs and sandbox.json (required; created if missing)."),
        QStringLiteral("DIR"));
    const QCommandLineOption noThrottleOption(
        QStringLiteral("no-throttle"),
        QCoreApplication::translate("twinbridge-sandbox", "Switches the IoT Hub throttles (S1 limits) off."));
    const QCommandLineOption baseUrlOption(
        QStringLiteral("stack-base-url"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "STACK_BASE_URL of the Function: where twin and lifecycle events are posted, "
                                    "e.g. http://127.0.0.1:1885/api/v3. Without it events stay pending."),
        QStringLiteral("URL"));
    const QCommandLineOption applicationIdOption(
        QStringLiteral("stack-application-id"),
        QCoreApplication::translate("twinbridge-sandbox", "STACK_APPLICATION_ID of the Function."),
        QStringLiteral("ID"));
    const QCommandLineOption apiKeyOption(
        QStringLiteral("stack-api-key"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "STACK_API_KEY of the Function (or set TWINBRIDGE_SANDBOX_STACK_API_KEY, which "
                                    "keeps the key out of the process list)."),
        QStringLiteral("KEY"));
    const QCommandLineOption noFallbackOption(
        QStringLiteral("no-fallback-route"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "Creates the hub without the template's fallback route (telemetry then reaches no "
                                    "endpoint)."));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "Seed (a whole number) that makes TTS API keys, device EUIs and AppKeys and the "
                                    "virtual devices' values reproducible."),
        QStringLiteral("S"));
    const QCommandLineOption devicesOption(
        QStringLiteral("devices"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "TTS devices to provision in demo-app on the first start (0 to %1; default 0). "
                                    "A restart keeps the devices the state directory has.")
            .arg(MaxDevices),
        QStringLiteral("N"));
    const QCommandLineOption uplinkIntervalOption(
        QStringLiteral("uplink-interval"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "Seconds of simulated time between two uplinks of a virtual device (more than "
                                    "0; default 60)."),
        QStringLiteral("SEC"));
    const QCommandLineOption speedOption(
        QStringLiteral("speed"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "Time acceleration of the virtual devices: 10 makes a 60 s interval last 6 s "
                                    "(more than 0; default 1)."),
        QStringLiteral("X"));
    const QCommandLineOption noTlsOption(
        QStringLiteral("no-tls"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "Names the plain TTS MQTT listener in sandbox.json instead of the TLS one. "
                                    "Azure endpoints always use TLS."));
    const QCommandLineOption mosquittoOption(
        QStringLiteral("mosquitto"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "The mosquitto program to run (or set TWINBRIDGE_SANDBOX_MOSQUITTO; default: "
                                    "mosquitto on PATH or in /usr/sbin)."),
        QStringLiteral("PATH"));
    const QCommandLineOption armTimeScaleOption(
        QStringLiteral("arm-time-scale"),
        QCoreApplication::translate("twinbridge-sandbox",
                                    "Multiplies the simulated durations of Resource Manager deployments (default 1: an "
                                    "IoT hub takes 3 s; 0 makes them finish at once, 10 makes them slow enough to "
                                    "cancel)."),
        QStringLiteral("FACTOR"));
    parser.addOptions({stateDirOption, noThrottleOption, baseUrlOption, applicationIdOption, apiKeyOption,
                       noFallbackOption, seedOption, devicesOption, uplinkIntervalOption, speedOption, noTlsOption,
                       mosquittoOption, armTimeScaleOption});

    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption))
        parser.showHelp(ExitOk);
    if (parser.isSet(versionOption))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(QCoreApplication::translate("twinbridge-sandbox", "unexpected argument '%1'.")
                              .arg(parser.positionalArguments().constFirst()));
    }
    if (!parser.isSet(stateDirOption) || parser.value(stateDirOption).isEmpty())
        return usageError(QCoreApplication::translate("twinbridge-sandbox", "--state-dir DIR is required."));

    Sandbox::Sandbox::Options options;
    options.stateDirectory = parser.value(stateDirOption);
    options.throttlesEnabled = !parser.isSet(noThrottleOption);
    options.fallbackRoute = !parser.isSet(noFallbackOption);
    options.stackBaseUrl = parser.value(baseUrlOption);
    if (!options.stackBaseUrl.isEmpty()) {
        const QUrl url(options.stackBaseUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty()) {
            return usageError(QCoreApplication::translate("twinbridge-sandbox",
                                                          "--stack-base-url must be an http or https URL, such as "
                                                          "http://127.0.0.1:1885/api/v3."));
        }
    }
    options.stackApplicationId = parser.value(applicationIdOption);
    options.stackApiKey = parser.isSet(apiKeyOption) ? parser.value(apiKeyOption)
                                                     : qEnvironmentVariable("TWINBRIDGE_SANDBOX_STACK_API_KEY");
    if (parser.isSet(seedOption)) {
        bool ok = false;
        options.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            return usageError(QCoreApplication::translate("twinbridge-sandbox", "--seed must be a whole number."));
    }
    if (parser.isSet(devicesOption)) {
        bool ok = false;
        options.devices = parser.value(devicesOption).toInt(&ok);
        if (!ok || options.devices < 0 || options.devices > MaxDevices) {
            return usageError(
                QCoreApplication::translate("twinbridge-sandbox", "--devices must be a whole number from 0 to %1.")
                    .arg(MaxDevices));
        }
    }
    if (parser.isSet(uplinkIntervalOption)) {
        bool ok = false;
        const double seconds = parser.value(uplinkIntervalOption).toDouble(&ok);
        if (!ok || !(seconds > 0) || seconds > MaxUplinkIntervalSeconds || qRound64(seconds * 1000) < 1) {
            return usageError(QCoreApplication::translate("twinbridge-sandbox",
                                                          "--uplink-interval must be a number of seconds above 0 "
                                                          "and at most %1 (one week).")
                                  .arg(MaxUplinkIntervalSeconds));
        }
        options.uplinkInterval = std::chrono::milliseconds(qRound64(seconds * 1000));
    }
    if (parser.isSet(speedOption)) {
        bool ok = false;
        options.speed = parser.value(speedOption).toDouble(&ok);
        if (!ok || !(options.speed > 0) || options.speed > MaxSpeed) {
            return usageError(QCoreApplication::translate("twinbridge-sandbox",
                                                          "--speed must be a number above 0 and at most %1, such as "
                                                          "10 for ten times faster.")
                                  .arg(MaxSpeed));
        }
    }
    options.ttsMqttTls = !parser.isSet(noTlsOption);
    options.mosquittoExecutable = parser.isSet(mosquittoOption) ? parser.value(mosquittoOption)
                                                                : qEnvironmentVariable("TWINBRIDGE_SANDBOX_MOSQUITTO");

    if (parser.isSet(armTimeScaleOption)) {
        bool ok = false;
        options.armTimeScale = parser.value(armTimeScaleOption).toDouble(&ok);
        if (!ok || options.armTimeScale < 0 || options.armTimeScale > 1000) {
            return usageError(
                QCoreApplication::translate("twinbridge-sandbox", "--arm-time-scale must be a number from 0 to 1000."));
        }
    }

    UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    Sandbox::Sandbox sandbox(options);
    QTextStream out(stdout);
    bool stopping = false;
    // Stops everything, the broker process too, then leaves the event loop with `code`.
    auto stopAndExit = [&sandbox, &stopping, &app](int code) {
        if (stopping)
            return;
        stopping = true;
        sandbox.stop().then(&app, [code] { QCoreApplication::exit(code); });
    };
    QObject::connect(&signalWatcher, &UnixSignalWatcher::unixSignal, &app, [&stopAndExit](int signalNumber) {
        qCInfo(lcSandbox) << "received signal" << signalNumber << "- stopping";
        stopAndExit(ExitOk);
    });
    QObject::connect(&sandbox, &Sandbox::Sandbox::failed, &app, [&stopAndExit](const ServiceError &error) {
        QTextStream(stderr)
            << "twinbridge-sandbox: "
            << QCoreApplication::translate("twinbridge-sandbox", "stopped working: %1").arg(error.message()) << "\n";
        stopAndExit(ExitUnavailable);
    });

    // Started from the event loop: a start that fails at once (no mosquitto) still ends it with exit().
    QTimer::singleShot(0, &app, [&sandbox, &out, &stopping, &app] {
        sandbox.start().then(&app, [&sandbox, &out, &stopping](Status started) {
            if (stopping)
                return;
            if (!started) {
                QTextStream(stderr) << "twinbridge-sandbox: "
                                    << QCoreApplication::translate("twinbridge-sandbox", "could not start: %1")
                                           .arg(started.error().message())
                                    << "\n";
                QCoreApplication::exit(ExitUnavailable);
                return;
            }
            const QList<Sandbox::Sandbox::Listener> listeners = sandbox.listeners();
            for (const Sandbox::Sandbox::Listener &listener : listeners)
                out << listener.name << ": " << listener.address << Qt::endl;
            out << QCoreApplication::translate("twinbridge-sandbox", "Ready: %1").arg(sandbox.descriptionPath())
                << Qt::endl;
        });
    });

    const int code = app.exec();
    if (code == ExitOk)
        out << QCoreApplication::translate("twinbridge-sandbox", "twinbridge-sandbox stopped") << Qt::endl;
    return code;
}
