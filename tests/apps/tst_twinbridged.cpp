// twinbridged as a process: it announces its start, stops cleanly with exit code 0 on SIGTERM/SIGINT,
// prints its and its components' versions, explains its exit codes, and rejects bad usage with 64.
// (Runs against the sandbox: tests/integration/tst_twinbridgedsandbox.cpp.)

#include "TwinBridgeVersion.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace {

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
};

const int timeoutMs = 20000;

} // namespace

class TestTwinbridged : public QObject
{
    Q_OBJECT

private slots:
    void stopsCleanlyOnSignal_data();
    void stopsCleanlyOnSignal();
    void versionListsComponents();
    void helpExplainsExitCodes();
    void helpFollowsTheSystemLanguage();
    void badUsageExits64_data();
    void badUsageExits64();

private:
    static Run runToEnd(const QStringList &arguments, const QString &locale = {});
};

Run TestTwinbridged::runToEnd(const QStringList &arguments, const QString &locale)
{
    QProcess process;
    if (!locale.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LC_ALL"), locale);
        environment.insert(QStringLiteral("LANGUAGE"), QString());
        process.setProcessEnvironment(environment);
    }
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(TWINBRIDGED_PATH), arguments);
    Run run;
    if (!finished.wait(timeoutMs))
        return run;
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

void TestTwinbridged::stopsCleanlyOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addRow("SIGTERM") << int(SIGTERM);
    QTest::addRow("SIGINT") << int(SIGINT);
}

void TestTwinbridged::stopsCleanlyOnSignal()
{
    QFETCH(int, signalNumber);

    // A profile whose services are not reachable: the engine starts all the same (it retries the TTS
    // connection on its own) and the secrets come from the environment.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile profile(dir.filePath(QStringLiteral("profile.json")));
    QVERIFY(profile.open(QIODevice::WriteOnly));
    profile.write(R"({"format": "twinbridge-profile/1", "name": "Unreachable",
        "tts": {"apiBaseUrl": "http://127.0.0.1:9/api/v3", "applicationId": "demo-app", "mqttHost": "127.0.0.1",
                "mqttPort": 9, "mqttTls": false},
        "iotHub": {"hostName": "nohub.azure-devices.net", "mqttHost": "127.0.0.1", "mqttPort": 9}})");
    profile.close();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TWINBRIDGE_TTS_API_KEY"), QStringLiteral("NNSXS.TEST"));
    environment.insert(QStringLiteral("TWINBRIDGE_IOTHUB_POLICY_KEY"), QStringLiteral("UG9saWN5S2V5MDEyMzQ1Njc4OQ=="));

    QProcess process;
    process.setProcessEnvironment(environment);
    QString out;
    connect(&process, &QProcess::readyReadStandardOutput, this,
            [&] { out += QString::fromLocal8Bit(process.readAllStandardOutput()); });
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(TWINBRIDGED_PATH),
                  {QStringLiteral("--config"), profile.fileName(), QStringLiteral("--secrets"), QStringLiteral("env"),
                   QStringLiteral("--no-ingest"), QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data"))});
    QTRY_VERIFY2_WITH_TIMEOUT(out.contains(QStringLiteral(" started")), qPrintable(out + process.errorString()),
                              timeoutMs);
    QVERIFY(out.startsWith(QStringLiteral("twinbridged " TWINBRIDGE_VERSION " started")));
    QCOMPARE(process.state(), QProcess::Running);

    QCOMPARE(::kill(pid_t(process.processId()), signalNumber), 0);

    QVERIFY(finished.wait(timeoutMs));
    out += QString::fromLocal8Bit(process.readAllStandardOutput());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(out.trimmed().endsWith(QStringLiteral("twinbridged stopped")), qPrintable(out));
}

void TestTwinbridged::versionListsComponents()
{
    const Run run = runToEnd({QStringLiteral("--version")});
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.at(0), QStringLiteral("twinbridged " TWINBRIDGE_VERSION));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())), qPrintable(lines.at(1)));
    const QStringList components {QStringLiteral("Qt "), QStringLiteral("OpenSSL "), QStringLiteral("libmosquitto "),
                                  QStringLiteral("QtKeychain ")};
    for (int i = 0; i < components.size(); ++i) {
        const QString &line = lines.at(i + 1);
        QVERIFY2(line.startsWith(components.at(i)), qPrintable(line));
        // followed by a version number
        QVERIFY2(line.at(components.at(i).size()).isDigit(), qPrintable(line));
    }
}

void TestTwinbridged::helpExplainsExitCodes()
{
    const Run run = runToEnd({QStringLiteral("--help")});
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 0);
    for (const char *needle : {"Exit codes", "0   stopped normally", "64", "66", "69", "78", "SIGTERM", "SIGINT",
                               "--version", "--sandbox", "--config", "--stats", "TWINBRIDGE_INGEST_KEY"})
        QVERIFY2(run.out.contains(QLatin1String(needle)), needle);
}

void TestTwinbridged::helpFollowsTheSystemLanguage()
{
    // The embedded German translation is installed for a German system locale.
    const Run german = runToEnd({QStringLiteral("--help")}, QStringLiteral("de_DE.UTF-8"));
    QCOMPARE(german.exitCode, 0);
    QVERIFY2(german.out.contains(QStringLiteral("Exit-Codes")), qPrintable(german.out));
    QVERIFY(!german.out.contains(QStringLiteral("Exit codes")));
    const Run english = runToEnd({QStringLiteral("--help")}, QStringLiteral("C.UTF-8"));
    QVERIFY(english.out.contains(QStringLiteral("Exit codes")));
}

void TestTwinbridged::badUsageExits64_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentioned");

    QTest::addRow("unknown long option") << QStringList {QStringLiteral("--frobnicate")} << "frobnicate";
    QTest::addRow("unknown short option") << QStringList {QStringLiteral("-x")} << "x";
    QTest::addRow("unexpected argument") << QStringList {QStringLiteral("profile.ini")} << "profile.ini";
}

void TestTwinbridged::badUsageExits64()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentioned);

    const Run run = runToEnd(arguments);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 64);
    QVERIFY2(run.err.contains(QLatin1Char('\'') + mentioned + QLatin1Char('\'')), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("twinbridged --help")), qPrintable(run.err));
    QVERIFY2(!run.out.contains(QStringLiteral("started")), qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestTwinbridged)
#include "tst_twinbridged.moc"
