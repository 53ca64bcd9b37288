// twinbridged — the TwinBridge integration engine without a GUI.

#include "DeployCommand.h"
#include "ExitCode.h"
#include "TwinBridgeVersion.h"

#include "services/core/Logging.h"
#include "services/core/SystemTranslator.h"
#include "services/core/UnixSignalWatcher.h"
#include "services/core/VersionInfo.h"
#include "services/engine/EngineConfig.h"
#include "services/engine/EngineHost.h"
#include "services/engine/SandboxFunctionRegistration.h"
#include "services/net/HttpTransport.h"
#include "services/secrets/KeychainSecretStore.h"
#include "services/settings/SandboxProfileImport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <optional>
#include <unistd.h>

using namespace TwinBridge;

namespace {

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
               "  64  the command line was wrong (see the options below)\n") +
        QCoreApplication::translate(
               "twinbridged",
               "  66  the profile file or sandbox.json does not exist or cannot be read\n"
               "  69  the engine could not start (outbox used by another twinbridged, ingest port in use, …)\n"
               "  78  the configuration is invalid or a secret is missing (the message names each)\n"
               "  130 stopped at once by a second SIGINT/SIGTERM (nothing is lost: the outbox is replayed)\n"
               "\n"
               "Try it against the local sandbox (no Azure, no TTS account needed):\n"
               "  twinbridge-sandbox --state-dir /tmp/sb --devices 5 &\n"
               "  twinbridged --sandbox /tmp/sb/sandbox.json --stats 5\n"
               "\n"
               "Run it for real with a profile exported from the console and the secrets in the environment:\n"
               "  TWINBRIDGE_TTS_API_KEY=… TWINBRIDGE_IOTHUB_POLICY_KEY=… TWINBRIDGE_INGEST_KEY=… \\\n"
               "    twinbridged --config profile.json\n"
               "Secrets missing from the environment are read from the OS keychain (as the console stored them).\n"
               "A stop finishes the work in flight (at most the drain time) and keeps the rest in the outbox.\n") +
        QCoreApplication::translate(
               "twinbridged",
               "\n"
               "Deploy, update or remove the Azure side of a profile (see 'twinbridged deploy --help'):\n"
               "  twinbridged deploy --config profile.json --location westeurope\n"
               "  twinbridged update --config profile.json\n"
               "  twinbridged uninstall --config profile.json\n");
}

void printError(const QString &text)
{
    QTextStream(stderr) << "twinbridged: " << text << Qt::endl;
}

QString runHelp()
{
    return QCoreApplication::translate("twinbridged", "Run 'twinbridged --help' for the options.");
}

// Prints the problem (plus where to read about the options unless the text says so) and returns 64.
int usageError(const QString &text)
{
    printError(text.contains(QLatin1String("--help")) ? text : text + QLatin1Char(' ') + runHelp());
    return ExitUsage;
}

// What the command line asks for, after the engine configuration was built.
struct Run
{
    EngineConfig config;
    QString sandboxAdminUrl; // set for --sandbox
    bool registerWithSandbox = false;
    int statsSeconds = 0;
    bool printEvents = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TwinBridge"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbridged"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TWINBRIDGE_VERSION));
    installSystemTranslator(&app);

    // deploy | update | uninstall as the first argument: the Azure side of a profile, not the engine.
    if (const QStringList arguments = QCoreApplication::arguments(); arguments.size() > 1) {
        if (const std::optional<DeployCommand::Action> action = DeployCommand::actionFor(arguments.at(1)))
            return DeployCommand::run(*action, arguments);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(helpText());
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption(
        {QStringLiteral("v"), QStringLiteral("version")},
        QCoreApplication::translate(
            "twinbridged",
            "Displays version information, including the versions of Qt, OpenSSL, libmosquitto and QtKeychain."));
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QCoreApplication::translate(
            "twinbridged",
            "Runs against the twinbridge-sandbox that wrote <file> (its sandbox.json): endpoints and keys come "
            "from there. The ingest key is TWINBRIDGE_INGEST_KEY, or a random one for this run."),
        QCoreApplication::translate("twinbridged", "file"));
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QCoreApplication::translate(
            "twinbridged",
            "Runs the profile in <file> (a profile exported from the console, optionally with an \"engine\" "
            "section; see docs/twinbridged.md). Secrets come from the environment, then the keychain."),
        QCoreApplication::translate("twinbridged", "file"));
    const QCommandLineOption secretsOption(
        QStringLiteral("secrets"),
        QCoreApplication::translate(
            "twinbridged",
            "Where secrets come from: \"env\" (only the TWINBRIDGE_* variables), \"keychain\" (only the OS "
            "keychain) or \"auto\" (the environment first, then the keychain; default)."),
        QCoreApplication::translate("twinbridged", "source"), QStringLiteral("auto"));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QCoreApplication::translate(
            "twinbridged",
            "Keeps the outbox (the durable queue) in <dir> instead of the profile's default data directory."),
        QCoreApplication::translate("twinbridged", "dir"));
    const QCommandLineOption modeOption(
        QStringLiteral("mode"),
        QCoreApplication::translate(
            "twinbridged",
            "Device connections: \"pooled\" (keep them open for a while; default) or \"strict\" (connect, send, "
            "disconnect for every message)."),
        QCoreApplication::translate("twinbridged", "mode"));
    const QCommandLineOption ingestPortOption(
        QStringLiteral("ingest-port"),
        QCoreApplication::translate("twinbridged", "Port of the ingest endpoint (0: any free port; default 8095)."),
        QCoreApplication::translate("twinbridged", "port"));
    const QCommandLineOption ingestAddressOption(
        QStringLiteral("ingest-address"),
        QCoreApplication::translate(
            "twinbridged",
            "Address the ingest endpoint listens on (default 127.0.0.1; anything else is reachable from other "
            "machines: use TLS there)."),
        QCoreApplication::translate("twinbridged", "address"));
    const QCommandLineOption noIngestOption(
        QStringLiteral("no-ingest"),
        QCoreApplication::translate("twinbridged", "Runs without the ingest endpoint (uplinks only)."));
    const QCommandLineOption noRegisterOption(
        QStringLiteral("no-register"),
        QCoreApplication::translate(
            "twinbridged",
            "With --sandbox: leaves the sandbox's Function alone instead of pointing it at this engine."));
    const QCommandLineOption statsOption(
        QStringLiteral("stats"),
        QCoreApplication::translate("twinbridged",
                                    "Prints the counters as one JSON line to standard output every <seconds>."),
        QCoreApplication::translate("twinbridged", "seconds"));
    const QCommandLineOption eventsOption(
        QStringLiteral("events"),
        QCoreApplication::translate(
            "twinbridged",
            "Prints every event of the live feed (forwarded uplinks, downlinks, errors) as a JSON line to "
            "standard output."));
    const QCommandLineOption drainOption(
        QStringLiteral("drain-seconds"),
        QCoreApplication::translate("twinbridged", "How long a stop waits for the work in flight (default 10)."),
        QCoreApplication::translate("twinbridged", "seconds"));
    parser.addOptions({versionOption, sandboxOption, configOption, secretsOption, dataDirOption, modeOption,
                       ingestPortOption, ingestAddressOption, noIngestOption, noRegisterOption, statsOption,
                       eventsOption, drainOption});

    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText() + QLatin1Char('\n') + runHelp());
    if (parser.isSet(helpOption))
        parser.showHelp(ExitOk);
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << VersionInfo::versionText(QStringLiteral("twinbridged"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(QCoreApplication::translate(
                              "twinbridged", "unexpected argument '%1'. Run 'twinbridged --help' for the options.")
                              .arg(parser.positionalArguments().constFirst()));
    }
    if (parser.isSet(sandboxOption) == parser.isSet(configOption))
        return usageError(
            QCoreApplication::translate("twinbridged", "give either --sandbox <file> or --config <file>."));
    const QString secretsSource = parser.value(secretsOption);
    if (secretsSource != QLatin1String("auto") && secretsSource != QLatin1String("env") &&
        secretsSource != QLatin1String("keychain")) {
        return usageError(
            QCoreApplication::translate("twinbridged", "--secrets must be env, keychain or auto, not '%1'.")
                .arg(secretsSource));
    }

    Run run;
    // --- the configuration ---
    if (parser.isSet(sandboxOption)) {
        const QString file = parser.value(sandboxOption);
        Result<SandboxProfileImport::Description> description = SandboxProfileImport::readFile(file);
        if (!description) {
            printError(description.error().toString());
            return exitCodeFor(description.error());
        }
        Result<EngineConfig> config = EngineConfig::fromSandboxFile(file);
        if (!config) {
            printError(config.error().toString());
            return exitCodeFor(config.error());
        }
        run.config = config.takeValue();
        run.sandboxAdminUrl = description.value().adminUrl;
        run.registerWithSandbox = !parser.isSet(noRegisterOption);
        // The sandbox's own state directory keeps the outbox unless told otherwise.
        run.config.dataDirectory = QFileInfo(file).absolutePath() + QStringLiteral("/twinbridged");
    } else {
        Result<EngineConfig> config = EngineConfig::readFile(parser.value(configOption));
        if (!config) {
            printError(config.error().toString());
            return exitCodeFor(config.error());
        }
        run.config = config.takeValue();
    }
    if (secretsSource != QLatin1String("keychain")) {
        const QList<SecretKind> fromEnvironment =
            run.config.applySecretsFromEnvironment(QProcessEnvironment::systemEnvironment());
        for (SecretKind kind : fromEnvironment)
            qCInfo(lcBridge) << "secret" << SecretStore::kindKey(kind) << "taken from the environment";
    }
    if (parser.isSet(dataDirOption))
        run.config.dataDirectory = parser.value(dataDirOption);
    if (parser.isSet(modeOption)) {
        const QString mode = parser.value(modeOption);
        if (mode == QLatin1String("strict"))
            run.config.mode = EngineConfig::ConnectionMode::Strict;
        else if (mode == QLatin1String("pooled"))
            run.config.mode = EngineConfig::ConnectionMode::Pooled;
        else
            return usageError(
                QCoreApplication::translate("twinbridged", "--mode must be strict or pooled, not '%1'.").arg(mode));
    }
    if (parser.isSet(ingestPortOption)) {
        bool ok = false;
        const uint port = parser.value(ingestPortOption).toUInt(&ok);
        if (!ok || port > 65535)
            return usageError(
                QCoreApplication::translate("twinbridged", "--ingest-port must be a port number from 0 to 65535."));
        run.config.ingest.port = static_cast<quint16>(port);
    }
    if (parser.isSet(ingestAddressOption)) {
        QHostAddress address;
        if (!address.setAddress(parser.value(ingestAddressOption)))
            return usageError(QCoreApplication::translate(
                "twinbridged", "--ingest-address must be an IP address such as 127.0.0.1 or 0.0.0.0."));
        run.config.ingest.bindAddress = address;
    }
    if (parser.isSet(noIngestOption))
        run.config.ingest.enabled = false;
    if (parser.isSet(statsOption)) {
        bool ok = false;
        run.statsSeconds = parser.value(statsOption).toInt(&ok);
        if (!ok || run.statsSeconds < 1 || run.statsSeconds > 86400)
            return usageError(QCoreApplication::translate(
                "twinbridged", "--stats must be a whole number of seconds from 1 to 86400."));
    }
    if (parser.isSet(drainOption)) {
        bool ok = false;
        const double seconds = parser.value(drainOption).toDouble(&ok);
        if (!ok || seconds < 0 || seconds > 3600)
            return usageError(QCoreApplication::translate("twinbridged", "--drain-seconds must be from 0 to 3600."));
        run.config.drainTimeout = std::chrono::milliseconds(static_cast<qint64>(seconds * 1000.0));
    }
    run.printEvents = parser.isSet(eventsOption);
    if (parser.isSet(sandboxOption) && run.config.ingest.enabled && run.config.secrets.ingestKey.isEmpty()) {
        // A key for this run only; the sandbox's Function learns it through the registration.
        run.config.secrets.ingestKey = EngineConfig::generateIngestKey();
        if (!run.registerWithSandbox) {
            printError(QCoreApplication::translate(
                "twinbridged",
                "no TWINBRIDGE_INGEST_KEY set and --no-register given: the sandbox's Function cannot "
                "know this run's random ingest key, so twin changes will be refused (401)."));
        }
    }

    QNetworkAccessManager nam;
    HttpTransport transport(&nam);
    EngineHost host;
    int exitCode = ExitOk;
    bool stopping = false;
    QTimer statsTimer;

    auto stopEngine = [&](int code) {
        exitCode = code;
        if (stopping)
            return;
        stopping = true;
        statsTimer.stop();
        host.stop().then(&app, [&]() {
            if (run.statsSeconds > 0) {
                QJsonObject line = host.lastSnapshot().toJson();
                line.insert(QStringLiteral("type"), QStringLiteral("stats"));
                QTextStream(stdout) << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
            }
            QTextStream(stdout) << QCoreApplication::translate("twinbridged", "twinbridged stopped") << Qt::endl;
            QCoreApplication::exit(exitCode);
        });
    };

    UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &UnixSignalWatcher::unixSignal, &app, [&](int signalNumber) {
        if (stopping) {
            // The outbox is durable: stopping hard loses nothing, it is replayed at the next start.
            QTextStream(stderr) << "twinbridged: "
                                << QCoreApplication::translate("twinbridged", "second signal: stopping at once")
                                << Qt::endl;
            ::_exit(ExitInterrupted);
        }
        qCInfo(lcBridge) << "received signal" << signalNumber << "- draining";
        QTextStream(stdout) << QCoreApplication::translate("twinbridged",
                                                           "twinbridged stopping: finishing the work in flight…")
                            << Qt::endl;
        stopEngine(ExitOk);
    });

    QObject::connect(&host, &EngineHost::eventsReady, &app, [&](const EngineEvents &events) {
        int errors = 0;
        for (const EngineEvent &event : events) {
            if (run.printEvents) {
                QJsonObject line = event.toJson();
                line.insert(QStringLiteral("type"), QStringLiteral("event"));
                QTextStream(stdout) << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
            }
            if (event.kind == EngineEvent::Kind::Error) {
                // At most one error line per batch on standard error, with a count of the others.
                if (errors++ == 0)
                    printError(event.summary);
            } else if (event.kind == EngineEvent::Kind::Lifecycle && !run.printEvents) {
                QTextStream(stderr) << "twinbridged: " << event.summary << Qt::endl;
            }
        }
        if (errors > 1)
            printError(QCoreApplication::translate("twinbridged",
                                                   "… and %1 more errors in the last %2 ms (--events shows all)")
                           .arg(errors - 1)
                           .arg(run.config.statsInterval.count()));
    });

    if (run.statsSeconds > 0) {
        statsTimer.setInterval(std::chrono::seconds(run.statsSeconds));
        QObject::connect(&statsTimer, &QTimer::timeout, &app, [&]() {
            QJsonObject line = host.lastSnapshot().toJson();
            line.insert(QStringLiteral("type"), QStringLiteral("stats"));
            QTextStream(stdout) << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
        });
    }

    auto startEngine = [&]() {
        if (const Status valid = run.config.check(); !valid) {
            printError(valid.error().message());
            QCoreApplication::exit(ExitConfig);
            return;
        }
        host.start(run.config).then(&app, [&](Status started) {
            if (!started) {
                printError(started.error().toString());
                QCoreApplication::exit(exitCodeFor(started.error()));
                return;
            }
            QTextStream(stdout) << QCoreApplication::translate(
                                       "twinbridged",
                                       "twinbridged %1 started: TTS application %2 → IoT hub %3 (%4 mode)")
                                       .arg(QStringLiteral(TWINBRIDGE_VERSION), run.config.profile.tts.applicationId,
                                            run.config.profile.iotHub.hostName, EngineConfig::modeName(run.config.mode))
                                << Qt::endl;
            if (run.config.ingest.enabled) {
                QTextStream(stdout)
                    << QCoreApplication::translate("twinbridged", "ingest endpoint: %1").arg(host.ingestBaseUrl())
                    << Qt::endl;
            }
            QTextStream(stdout)
                << QCoreApplication::translate("twinbridged", "outbox: %1").arg(run.config.effectiveDataDirectory())
                << Qt::endl;
            if (run.statsSeconds > 0)
                statsTimer.start();
            if (run.registerWithSandbox && run.config.ingest.enabled && !run.sandboxAdminUrl.isEmpty()) {
                SandboxFunctionRegistration::Target target {QUrl(run.sandboxAdminUrl), run.config.profile.iotHubName(),
                                                            host.ingestBaseUrl(), run.config.profile.tts.applicationId,
                                                            run.config.secrets.ingestKey};
                SandboxFunctionRegistration::apply(&transport, target).then(&app, [&, target](Status registered) {
                    if (!registered) {
                        printError(registered.error().toString());
                        return;
                    }
                    QTextStream(stdout) << QCoreApplication::translate("twinbridged",
                                                                       "sandbox Function of hub %1 now posts to %2")
                                               .arg(target.hubName, target.stackBaseUrl)
                                        << Qt::endl;
                });
            }
        });
    };
    const EngineConfig::Secrets &secrets = run.config.secrets;
    const bool secretMissing = secrets.ttsApiKey.isEmpty() || secrets.hubPolicyKey.isEmpty() ||
        (run.config.ingest.enabled && secrets.ingestKey.isEmpty());
    if (parser.isSet(configOption) && secretsSource != QLatin1String("env") && secretMissing) {
        // The secrets still missing come from the keychain, where the console stored them for this profile.
        auto *keychain = new KeychainSecretStore(&app);
        EngineConfig::withSecretsFrom(run.config, keychain).then(&app, [&](Result<EngineConfig> withSecrets) {
            if (!withSecrets) {
                printError(withSecrets.error().toString());
                QCoreApplication::exit(ExitConfig);
                return;
            }
            run.config = withSecrets.takeValue();
            startEngine();
        });
    } else {
        // From the event loop, so that an early QCoreApplication::exit() takes effect.
        QTimer::singleShot(0, &app, startEngine);
    }
    return app.exec();
}
