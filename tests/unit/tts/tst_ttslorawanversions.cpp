#include "services/tts/TtsLorawanVersions.h"

#include <QTest>

using namespace TwinBridge;

class TestTtsLorawanVersions : public QObject
{
    Q_OBJECT

private slots:
    void macVersions_data();
    void macVersions();
    void phyVersions_data();
    void phyVersions();
    void aliasListsForMessages();
    void nwkKeyOnlyFor11();
};

void TestTtsLorawanVersions::macVersions_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("name");
    // Aliases from tts:api/ttn/lorawan/v3/lorawan.proto (thethings.json.enum_value).
    const std::pair<const char *, const char *> rows[] = {
        {"1.0", "MAC_V1_0"},
        {"1.0.0", "MAC_V1_0"},
        {"1.0.1", "MAC_V1_0_1"},
        {"1.0.2", "MAC_V1_0_2"},
        {"1.0.3", "MAC_V1_0_3"},
        {"1.0.4", "MAC_V1_0_4"},
        {"1.1", "MAC_V1_1"},
        {"1.1.0", "MAC_V1_1"},
        {"MAC_V1_0_2", "MAC_V1_0_2"},
        {"mac_v1_1", "MAC_V1_1"},
        {"1.0.5", ""},
        {"1.2.1", ""},
        {"", ""},
        {"PHY_V1_0", ""},
    };
    for (const auto &[alias, name] : rows)
        QTest::addRow("%s", *alias ? alias : "(empty)") << QString::fromLatin1(alias) << QString::fromLatin1(name);
}

void TestTtsLorawanVersions::macVersions()
{
    QFETCH(QString, alias);
    QFETCH(QString, name);
    QCOMPARE(TtsLorawanVersions::macVersionName(alias), name);
    QCOMPARE(TtsLorawanVersions::macVersionSpelling(alias).isEmpty(), name.isEmpty());
}

void TestTtsLorawanVersions::phyVersions_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("name");
    const std::pair<const char *, const char *> rows[] = {
        {"1.0", "PHY_V1_0"},
        {"1.0.0", "PHY_V1_0"},
        {"TS001_V1_0", "PHY_V1_0"},
        {"1.0.1", "PHY_V1_0_1"},
        {"1.0.2", "PHY_V1_0_2_REV_A"},
        {"1.0.2-a", "PHY_V1_0_2_REV_A"},
        {"RP001_V1_0_2", "PHY_V1_0_2_REV_A"},
        {"1.0.2-b", "PHY_V1_0_2_REV_B"},
        {"V1_0_2_REV_B", "PHY_V1_0_2_REV_B"},
        {"1.0.3-a", "PHY_V1_0_3_REV_A"},
        {"1.1-a", "PHY_V1_1_REV_A"},
        {"1.1.0-a", "PHY_V1_1_REV_A"},
        {"1.1-b", "PHY_V1_1_REV_B"},
        {"1.1.0-b", "PHY_V1_1_REV_B"},
        {"RP002_V1_0_0", "RP002_V1_0_0"},
        {"RP002_V1_0_4", "RP002_V1_0_4"},
        {"1.0.3", ""}, // only 1.0.3-a exists
        {"1.1", ""}, // needs a revision
        {"RP002_V1_0_5", ""},
    };
    for (const auto &[alias, name] : rows)
        QTest::addRow("%s", alias) << QString::fromLatin1(alias) << QString::fromLatin1(name);
}

void TestTtsLorawanVersions::phyVersions()
{
    QFETCH(QString, alias);
    QFETCH(QString, name);
    QCOMPARE(TtsLorawanVersions::phyVersionName(alias), name);
}

void TestTtsLorawanVersions::aliasListsForMessages()
{
    QCOMPARE(TtsLorawanVersions::macVersionAliases().join(QLatin1Char(' ')),
             QStringLiteral("1.0 1.0.0 1.0.1 1.0.2 1.0.3 1.0.4 1.1 1.1.0"));
    const QStringList phy = TtsLorawanVersions::phyVersionAliases();
    QVERIFY(phy.contains(QStringLiteral("1.0.2-b")));
    QVERIFY(phy.contains(QStringLiteral("1.1.0-b")));
    QVERIFY(!phy.contains(QStringLiteral("V1_0")));
}

void TestTtsLorawanVersions::nwkKeyOnlyFor11()
{
    QVERIFY(TtsLorawanVersions::usesNwkKey(QStringLiteral("MAC_V1_1")));
    QVERIFY(!TtsLorawanVersions::usesNwkKey(QStringLiteral("MAC_V1_0_4")));
}

QTEST_GUILESS_MAIN(TestTtsLorawanVersions)
#include "tst_ttslorawanversions.moc"
