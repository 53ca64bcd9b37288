// LanguageManager: which language a setting means on a given system, and that applying it installs (and
// removes) the embedded translation and Qt's own.

#include "services/settings/Settings.h"
#include "views/LanguageManager.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

class TestLanguageManager : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data();
    void resolve();
    void followsTheSetting();
    void unchangedLanguageDoesNotReload();
};

void TestLanguageManager::resolve_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("systemLocale");
    QTest::addColumn<QString>("expected");

    QTest::addRow("system German") << ""
                                   << "de_DE"
                                   << "de";
    QTest::addRow("system Austrian German") << ""
                                            << "de_AT"
                                            << "de";
    QTest::addRow("system English") << ""
                                    << "en_GB"
                                    << "en";
    QTest::addRow("system French falls back to English") << ""
                                                         << "fr_FR"
                                                         << "en";
    QTest::addRow("system C locale") << ""
                                     << "C"
                                     << "en";
    QTest::addRow("English chosen on a German system") << "en"
                                                       << "de_DE"
                                                       << "en";
    QTest::addRow("German chosen on an English system") << "de"
                                                        << "en_US"
                                                        << "de";
    QTest::addRow("unknown setting follows the system") << "xx"
                                                        << "de_CH"
                                                        << "de";
}

void TestLanguageManager::resolve()
{
    QFETCH(QString, setting);
    QFETCH(QString, systemLocale);
    QFETCH(QString, expected);

    QCOMPARE(LanguageManager::resolve(setting, QLocale(systemLocale)), expected);
}

void TestLanguageManager::followsTheSetting()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(Settings::Key::Language, QStringLiteral("en"));

    LanguageManager languages(&settings);
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);
    QCOMPARE(languages.currentLanguage(), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("TwinBridge::MainWindow", "Connections"), QStringLiteral("Connections"));

    settings.setValue(Settings::Key::Language, QStringLiteral("de"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("TwinBridge::MainWindow", "Connections"), QStringLiteral("Verbindungen"));
    QVERIFY(languages.isQtTranslationLoaded());
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));

    settings.setValue(Settings::Key::Language, QStringLiteral("en"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(QCoreApplication::translate("TwinBridge::MainWindow", "Connections"), QStringLiteral("Connections"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void TestLanguageManager::unchangedLanguageDoesNotReload()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(Settings::Key::Language, QStringLiteral("de"));
    LanguageManager languages(&settings);
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);

    languages.apply();
    QCOMPARE(changed.count(), 0);
    QCOMPARE(languages.currentLanguage(), QStringLiteral("de"));
}

QTEST_GUILESS_MAIN(TestLanguageManager)
#include "tst_languagemanager.moc"
