#include "services/settings/Settings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace TwinBridge;

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void defaults_data();
    void defaults();
    void setEmitsChangedOnlyOnChange();
    void persistsAcrossInstances();
    void resetReturnsToDefault();
};

void TestSettings::defaults_data()
{
    QTest::addColumn<Settings::Key>("key");
    QTest::addColumn<QVariant>("expected");
    QTest::addRow("language follows system") << Settings::Key::Language << QVariant(QString());
    QTest::addRow("live data keeps 10000") << Settings::Key::LiveDataCapacity << QVariant(10000);
    QTest::addRow("destructive actions ask") << Settings::Key::ConfirmDestructive << QVariant(true);
    QTest::addRow("no profile selected") << Settings::Key::CurrentProfileId << QVariant(QString());
    QTest::addRow("no profiles ordered") << Settings::Key::ProfileOrder << QVariant(QStringList());
}

void TestSettings::defaults()
{
    QFETCH(Settings::Key, key);
    QFETCH(QVariant, expected);
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    QCOMPARE(settings.value(key), expected);
    QCOMPARE(Settings::defaultValue(key), expected);
}

void TestSettings::setEmitsChangedOnlyOnChange()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    QSignalSpy spy(&settings, &Settings::changed);
    settings.setValue(Settings::Key::Language, QStringLiteral("de"));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<Settings::Key>(), Settings::Key::Language);
    settings.setValue(Settings::Key::Language, QStringLiteral("de"));
    QCOMPARE(spy.size(), 1);
    settings.setValue(Settings::Key::LiveDataCapacity, 500);
    QCOMPARE(spy.size(), 2);
}

void TestSettings::persistsAcrossInstances()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    {
        Settings settings(file);
        settings.setValue(Settings::Key::CurrentProfileId, QStringLiteral("p1"));
        settings.sync();
    }
    Settings again(file);
    QCOMPARE(again.value(Settings::Key::CurrentProfileId).toString(), QStringLiteral("p1"));
    QSettings raw(file, QSettings::IniFormat);
    QCOMPARE(raw.value(Settings::keyName(Settings::Key::CurrentProfileId)).toString(), QStringLiteral("p1"));
}

void TestSettings::resetReturnsToDefault()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    settings.setValue(Settings::Key::LiveDataCapacity, 42);
    QSignalSpy spy(&settings, &Settings::changed);
    settings.reset(Settings::Key::LiveDataCapacity);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(settings.value(Settings::Key::LiveDataCapacity).toInt(), 10000);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
