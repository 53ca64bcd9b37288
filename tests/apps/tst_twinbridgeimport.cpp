// `twinbridge --import-sandbox FILE` as a process (offscreen, with --screenshot to quit): the "Sandbox"
// profile lands in the settings file, its secrets in the real Secret Service (KEYRING) and never in the
// settings file — from a fixed sandbox.json and from one the real twinbridge-sandbox wrote.

#include "FutureWait.h"

#include "services/secrets/KeychainSecretStore.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/Settings.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

namespace {

const int timeoutMs = 30000;

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString err;
};

} // namespace

class TestTwinbridgeImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void helpNamesTheOption();
    void importsAFixedDescription();
    void importsWhatTheRealSandboxWrote();
    void missingFileAddsNoProfile();

private:
    Run runApp(const QStringList &arguments);
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("twinbridge.ini")); }
    QString screenshotFile() const { return m_dir->filePath(QStringLiteral("shot.png")); }
    // Checks what the app stored for the description in `file`: the profile, current when complete, each of
    // the file's secrets in the keychain and none in the settings file. Returns the profile's id.
    QString verifyImported(const QJsonObject &description);
    static QJsonObject readDescription(const QString &file);
    static QString keychainRead(const QString &profileId, SecretKind kind);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTwinbridgeImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTwinbridgeImport::cleanup()
{
    m_dir.reset();
}

Run TestTwinbridgeImport::runApp(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(TWINBRIDGE_PATH), arguments);
    Run run;
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

QString TestTwinbridgeImport::keychainRead(const QString &profileId, SecretKind kind)
{
    KeychainSecretStore keychain;
    const Result<QString> secret = awaitResult(keychain.read(profileId, kind));
    return secret.ok() ? secret.value() : QString();
}

QJsonObject TestTwinbridgeImport::readDescription(const QString &file)
{
    QFile descriptionFile(file);
    if (!descriptionFile.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(descriptionFile.readAll()).object();
}

QString TestTwinbridgeImport::verifyImported(const QJsonObject &description)
{
    const QJsonObject hub = description.value(QLatin1String("iotHub")).toObject();
    const QString policyKey = hub.value(QLatin1String("policyKey")).toString();
    const QString apiKey = description.value(QLatin1String("tts")).toObject().value(QLatin1String("apiKey")).toString();
    const QString clientSecret =
        description.value(QLatin1String("azure")).toObject().value(QLatin1String("clientSecret")).toString();

    Settings settings(settingsFile());
    KeychainSecretStore keychain;
    ProfileStore store(&settings, &keychain);
    [&] { QCOMPARE(store.count(), 1); }();
    if (store.count() != 1)
        return {};
    const ConnectionProfile profile = store.profiles().constFirst();
    [&] {
        QCOMPARE(profile.name, QStringLiteral("Sandbox"));
        QCOMPARE(profile.iotHub.hostName, hub.value(QLatin1String("hostName")).toString());
        QCOMPARE(profile.iotHub.restEndpoint, hub.value(QLatin1String("rest")).toString());
        QCOMPARE(profile.iotHub.mqttPort,
                 hub.value(QLatin1String("mqtt")).toObject().value(QLatin1String("port")).toInt());
        QCOMPARE(profile.tls.caCertificateFile, description.value(QLatin1String("caCertificate")).toString());
        QCOMPARE(store.currentProfileId().isEmpty(), !profile.isValid());

        QVERIFY(!policyKey.isEmpty());
        QCOMPARE(keychainRead(profile.id, SecretKind::HubPolicyKey), policyKey);
        if (!apiKey.isEmpty())
            QCOMPARE(keychainRead(profile.id, SecretKind::TtsApiKey), apiKey);
        if (!clientSecret.isEmpty())
            QCOMPARE(keychainRead(profile.id, SecretKind::AzureClientSecret), clientSecret);

        QFile ini(settingsFile());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray bytes = ini.readAll();
        QVERIFY(bytes.contains(profile.id.toLatin1()));
        for (const QString &secret : {policyKey, apiKey, clientSecret}) {
            if (!secret.isEmpty())
                QVERIFY(!bytes.contains(secret.toUtf8()));
        }
    }();
    return profile.id;
}

void TestTwinbridgeImport::helpNamesTheOption()
{
    QProcess process;
    process.start(QStringLiteral(TWINBRIDGE_PATH), {QStringLiteral("--help")});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(timeoutMs));
    const QString help = QString::fromLocal8Bit(process.readAllStandardOutput());
    QVERIFY2(help.contains(QStringLiteral("--import-sandbox <file>")), qPrintable(help));
    QVERIFY(help.contains(QStringLiteral("sandbox.json")));
}

void TestTwinbridgeImport::importsAFixedDescription()
{
    const QString ca = m_dir->filePath(QStringLiteral("ca.pem"));
    QFile caFile(ca);
    QVERIFY(caFile.open(QIODevice::WriteOnly));
    caFile.write("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQXBwQ2FuYXJ5\n-----END CERTIFICATE-----\n");
    caFile.close();
    const QJsonObject description {
        {QStringLiteral("tts"),
         QJsonObject {
             {QStringLiteral("api"), QStringLiteral("http://127.0.0.1:41001/api/v3")},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                           {QStringLiteral("port"), 41002},
                           {QStringLiteral("tls"), false}}},
             {QStringLiteral("applicationId"), QStringLiteral("demo-app")},
             {QStringLiteral("tenantId"), QStringLiteral("sandbox")},
             {QStringLiteral("apiKey"), QStringLiteral("NNSXS.APPCANARYAPIKEY.0123456789")},
         }},
        {QStringLiteral("azure"),
         QJsonObject {
             {QStringLiteral("authority"), QStringLiteral("https://127.0.0.1:41003")},
             {QStringLiteral("management"), QStringLiteral("https://127.0.0.1:41003")},
             {QStringLiteral("tenantId"), QStringLiteral("8a2c3e4f-1111-4222-8333-944455566677")},
             {QStringLiteral("subscriptionId"), QStringLiteral("0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab")},
             {QStringLiteral("clientId"), QStringLiteral("5e6f7a8b-cccc-4ddd-9eee-ba9876543210")},
             {QStringLiteral("clientSecret"), QStringLiteral("app~canary~client~secret")},
         }},
        {QStringLiteral("iotHub"),
         QJsonObject {
             {QStringLiteral("hostName"), QStringLiteral("sandbox-hub.azure-devices.net")},
             {QStringLiteral("rest"), QStringLiteral("https://127.0.0.1:41004")},
             {QStringLiteral("mqtt"),
              QJsonObject {{QStringLiteral("host"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 41005}}},
             {QStringLiteral("policyName"), QStringLiteral("twinbridge")},
             {QStringLiteral("policyKey"), QStringLiteral("QXBwQ2FuYXJ5UG9saWN5S2V5MDEyMzQ1Njc4OQ==")},
         }},
        {QStringLiteral("caCertificate"), ca},
        {QStringLiteral("admin"), QStringLiteral("http://127.0.0.1:41006/admin")},
    };
    const QString file = m_dir->filePath(QStringLiteral("sandbox.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(description).toJson());
    out.close();

    const QStringList arguments = {QStringLiteral("--settings"),       settingsFile(),
                                   QStringLiteral("--import-sandbox"), file,
                                   QStringLiteral("--screenshot"),     screenshotFile()};
    Run run = runApp(arguments);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(QFile::exists(screenshotFile()));
    const QString id = verifyImported(description);
    QVERIFY(!id.isEmpty());
    {
        Settings settings(settingsFile());
        KeychainSecretStore keychain;
        ProfileStore store(&settings, &keychain);
        QCOMPARE(store.currentProfileId(), id); // complete, so selected for use
    }

    // A second start imports into the same profile.
    run = runApp(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(verifyImported(description), id);
}

void TestTwinbridgeImport::importsWhatTheRealSandboxWrote()
{
    const QString stateDir = m_dir->filePath(QStringLiteral("state"));
    const QString file = stateDir + QStringLiteral("/sandbox.json");
    QProcess sandbox;
    sandbox.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sandbox.start(QStringLiteral(TWINBRIDGE_SANDBOX_PATH), {QStringLiteral("--state-dir"), stateDir});
    QVERIFY(sandbox.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file) || sandbox.state() == QProcess::NotRunning, timeoutMs);
    QVERIFY2(sandbox.state() == QProcess::Running, "twinbridge-sandbox exited before writing sandbox.json");
    const QJsonObject description = readDescription(file); // the sandbox removes the file when it stops
    QVERIFY(description.contains(QLatin1String("iotHub")));

    const Run run = runApp({QStringLiteral("--settings"), settingsFile(), QStringLiteral("--import-sandbox"), file,
                            QStringLiteral("--screenshot"), screenshotFile()});
    sandbox.terminate();
    QVERIFY(sandbox.waitForFinished(timeoutMs));
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!verifyImported(description).isEmpty());
}

void TestTwinbridgeImport::missingFileAddsNoProfile()
{
    const Run run = runApp({QStringLiteral("--settings"), settingsFile(), QStringLiteral("--import-sandbox"),
                            m_dir->filePath(QStringLiteral("nowhere/sandbox.json")), QStringLiteral("--screenshot"),
                            screenshotFile()});
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    Settings settings(settingsFile());
    KeychainSecretStore keychain;
    ProfileStore store(&settings, &keychain);
    QCOMPARE(store.count(), 0);
}

QTEST_GUILESS_MAIN(TestTwinbridgeImport)
#include "tst_twinbridgeimport.moc"
