#include "models/BridgeProfileSettings.h"
#include "services/settings/Settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

class TestBridgeProfileSettings : public QObject
{
    Q_OBJECT

private slots:
    void roundTripPerProfile();
    void damagedOrUnknownGivesDefaults();
    void applyToIsStrict();
    void publicUrl_data();
    void publicUrl();
};

void TestBridgeProfileSettings::roundTripPerProfile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("t.ini"));
    EngineConfig config;
    config.mode = EngineConfig::ConnectionMode::Strict;
    config.pool.idleTimeout = std::chrono::seconds(42);
    config.telemetryFilter = TtsMessageType::Uplink | TtsMessageType::JoinAccept;
    config.ingest.port = 9001;
    const BridgeProfileSettings value {config.engineJson(), QStringLiteral("https://bridge.example.com/api/v3")};
    {
        Settings settings(file);
        BridgeProfileSettings::save(&settings, QStringLiteral("p1"), value);
        BridgeProfileSettings::save(&settings, QStringLiteral("p2"), {});
    }
    Settings settings(file); // a fresh instance reads the file
    QCOMPARE(BridgeProfileSettings::load(&settings, QStringLiteral("p1")), value);
    QCOMPARE(BridgeProfileSettings::load(&settings, QStringLiteral("p2")), BridgeProfileSettings {});
    EngineConfig applied;
    QVERIFY(BridgeProfileSettings::load(&settings, QStringLiteral("p1")).applyTo(applied).ok());
    QCOMPARE(applied.mode, EngineConfig::ConnectionMode::Strict);
    QCOMPARE(applied.pool.idleTimeout, std::chrono::seconds(42));
    QCOMPARE(applied.telemetryFilter, config.telemetryFilter);
    QCOMPARE(applied.ingest.port, quint16(9001));
    BridgeProfileSettings::remove(&settings, QStringLiteral("p1"));
    QCOMPARE(BridgeProfileSettings::load(&settings, QStringLiteral("p1")), BridgeProfileSettings {});
}

void TestBridgeProfileSettings::damagedOrUnknownGivesDefaults()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("t.ini")));
    settings.setValue(Settings::Key::BridgeProfileSettings,
                      QVariantMap {{QStringLiteral("p"), QStringLiteral("{not json")}});
    QCOMPARE(BridgeProfileSettings::load(&settings, QStringLiteral("p")), BridgeProfileSettings {});
    QCOMPARE(BridgeProfileSettings::load(&settings, QStringLiteral("other")), BridgeProfileSettings {});
    QCOMPARE(BridgeProfileSettings::load(nullptr, QStringLiteral("p")), BridgeProfileSettings {});
}

void TestBridgeProfileSettings::applyToIsStrict()
{
    BridgeProfileSettings value;
    value.engine = QJsonObject {{QStringLiteral("ingestKey"), QStringLiteral("secret")}};
    EngineConfig config;
    const Status applied = value.applyTo(config);
    QVERIFY(!applied.ok()); // a secret has no place here
    QCOMPARE(applied.error().kind(), ServiceError::Kind::InvalidInput);
}

void TestBridgeProfileSettings::publicUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addRow("empty") << QString() << true;
    QTest::addRow("https") << QStringLiteral("https://bridge.example.com/api/v3") << true;
    QTest::addRow("http with port") << QStringLiteral("http://10.0.0.5:8095/api/v3") << true;
    QTest::addRow("no scheme") << QStringLiteral("bridge.example.com/api/v3") << false;
    QTest::addRow("ftp") << QStringLiteral("ftp://bridge.example.com") << false;
    QTest::addRow("no host") << QStringLiteral("https:///api/v3") << false;
}

void TestBridgeProfileSettings::publicUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    const QString problem = BridgeProfileSettings::checkPublicUrl(url);
    QCOMPARE(problem.isEmpty(), ok);
    if (!ok)
        QVERIFY(problem.contains(url));
    const BridgeProfileSettings value {{}, url};
    QCOMPARE(value.effectiveBaseUrl(QStringLiteral("http://127.0.0.1:1/api/v3")),
             url.isEmpty() ? QStringLiteral("http://127.0.0.1:1/api/v3") : url);
}

QTEST_GUILESS_MAIN(TestBridgeProfileSettings)
#include "tst_bridgeprofilesettings.moc"
