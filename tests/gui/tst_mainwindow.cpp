// The main window shell: navigation (click, Ctrl+1…Ctrl+6, Ctrl+PgDown/PgUp), placeholders, installing real
// pages, the status bar (profile, secrets notice, connection lights), the About dialog, the color scheme (System,
// Light, Dark and how "System" is decided), what it remembers through Settings, and live retranslation.

#include "services/core/VersionInfo.h"
#include "services/settings/Settings.h"
#include "views/AboutDialog.h"
#include "views/ColorScheme.h"
#include "views/LanguageManager.h"
#include "views/MainWindow.h"
#include "views/PlaceholderPage.h"

#include <QAction>
#include <QApplication>
#include <QProcessEnvironment>
#include <QFile>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace TwinBridge;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void opensWithNavigationPagesAndStatusBar();
    void clickingNavigationShowsPage_data();
    void clickingNavigationShowsPage();
    void shortcutShowsPage_data();
    void shortcutShowsPage();
    void setPageReplacesPlaceholder();
    void setPageOnCurrentPageShowsNewWidget();
    void statusBarShowsProfileAndMessages();
    void statusBarShowsSecretsNoticeUntilCleared();
    void aboutDialogListsComponentVersions();
    void remembersLastPageAndGeometry();
    void invalidStoredPageFallsBackToFirst();
    void languageMenuRetranslatesLive();
    void nextAndPreviousPageShortcuts();
    void fullScreenActionToggles();
    void colorSchemeMenuSwitchesPaletteAndIsRemembered();
    void systemColorSchemeDecision_data();
    void systemColorSchemeDecision();
    void connectionLightsFollowSetConnectionState();

private:
    std::unique_ptr<MainWindow> showWindow();
    static QListWidget *navigation(MainWindow &window);
    static QStackedWidget *stack(MainWindow &window);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // "Follow the system" must not depend on the desktop of the machine running the tests.
    qunsetenv("GTK_THEME");
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(QStringLiteral("config")).toLocal8Bit());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    // English regardless of the machine's locale, so that texts can be asserted.
    m_settings->setValue(Settings::Key::Language, QStringLiteral("en"));
}

void TestMainWindow::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::showWindow()
{
    auto window = std::make_unique<MainWindow>(m_settings.get());
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

QListWidget *TestMainWindow::navigation(MainWindow &window)
{
    return window.findChild<QListWidget *>(QStringLiteral("navigationListWidget"));
}

QStackedWidget *TestMainWindow::stack(MainWindow &window)
{
    return window.findChild<QStackedWidget *>(QStringLiteral("pageStackedWidget"));
}

void TestMainWindow::opensWithNavigationPagesAndStatusBar()
{
    auto window = showWindow();
    QVERIFY(window);
    QListWidget *nav = navigation(*window);
    QStackedWidget *pages = stack(*window);
    QVERIFY(nav);
    QVERIFY(pages);
    QCOMPARE(nav->count(), MainWindow::PageCount);
    QCOMPARE(pages->count(), MainWindow::PageCount);
    const QStringList expected {QStringLiteral("Connections"), QStringLiteral("Deploy"),    QStringLiteral("Devices"),
                                QStringLiteral("Twin"),        QStringLiteral("Live data"), QStringLiteral("Bridge")};
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(nav->item(i)->text(), expected.at(i));
    QCOMPARE(window->currentPage(), MainWindow::Page::Connections);
    QCOMPARE(pages->currentIndex(), 0);
    QCOMPARE(window->windowTitle(), QStringLiteral("Connections"));

    QStatusBar *statusBar = window->findChild<QStatusBar *>(QStringLiteral("mainStatusBar"));
    QVERIFY(statusBar);
    QVERIFY(statusBar->isVisible());
    auto *profileLabel = window->findChild<QLabel *>(QStringLiteral("profileStatusLabel"));
    QVERIFY(profileLabel);
    QVERIFY(profileLabel->isVisible());
    QCOMPARE(profileLabel->text(), QStringLiteral("No profile selected"));
}

void TestMainWindow::clickingNavigationShowsPage_data()
{
    QTest::addColumn<MainWindow::Page>("page");
    QTest::addColumn<QString>("placeholderName");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("explanationWord");

    QTest::addRow("connections") << MainWindow::Page::Connections << "connectionsPlaceholderPage"
                                 << "Connections"
                                 << "keychain";
    QTest::addRow("deploy") << MainWindow::Page::Deploy << "deployPlaceholderPage"
                            << "Deploy"
                            << "ARM template";
    QTest::addRow("devices") << MainWindow::Page::Devices << "devicesPlaceholderPage"
                             << "Devices"
                             << "side by side";
    QTest::addRow("twin") << MainWindow::Page::Twin << "twinPlaceholderPage"
                          << "Twin"
                          << "desired";
    QTest::addRow("live data") << MainWindow::Page::LiveData << "liveDataPlaceholderPage"
                               << "Live data"
                               << "downlinks";
    QTest::addRow("bridge") << MainWindow::Page::Bridge << "bridgePlaceholderPage"
                            << "Bridge"
                            << "outbox";
}

void TestMainWindow::clickingNavigationShowsPage()
{
    QFETCH(MainWindow::Page, page);
    QFETCH(QString, placeholderName);
    QFETCH(QString, title);
    QFETCH(QString, explanationWord);

    auto window = showWindow();
    QVERIFY(window);
    const int row = static_cast<int>(page);
    // Start elsewhere so that the click has to change the page.
    window->showPage(static_cast<MainWindow::Page>((row + 1) % MainWindow::PageCount));
    QSignalSpy pageChanged(window.get(), &MainWindow::currentPageChanged);

    QListWidget *nav = navigation(*window);
    const QRect itemRect = nav->visualItemRect(nav->item(row));
    QVERIFY(itemRect.isValid());
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, itemRect.center());

    QCOMPARE(window->currentPage(), page);
    QCOMPARE(pageChanged.count(), 1);
    QCOMPARE(pageChanged.first().first().value<MainWindow::Page>(), page);
    QStackedWidget *pages = stack(*window);
    QCOMPARE(pages->currentIndex(), row);
    QCOMPARE(pages->currentWidget()->objectName(), placeholderName);
    QCOMPARE(window->windowTitle(), title);

    auto *placeholder = qobject_cast<PlaceholderPage *>(pages->currentWidget());
    QVERIFY(placeholder);
    QVERIFY(placeholder->isVisible());
    auto *titleLabel = placeholder->findChild<QLabel *>(QStringLiteral("placeholderTitleLabel"));
    auto *explanationLabel = placeholder->findChild<QLabel *>(QStringLiteral("placeholderExplanationLabel"));
    auto *hintLabel = placeholder->findChild<QLabel *>(QStringLiteral("placeholderHintLabel"));
    QVERIFY(titleLabel && explanationLabel && hintLabel);
    QCOMPARE(titleLabel->text(), title);
    QVERIFY2(explanationLabel->text().contains(explanationWord), qPrintable(explanationLabel->text()));
    QVERIFY(explanationLabel->isVisible());
    QVERIFY2(hintLabel->text().startsWith(QStringLiteral("Arrives with")), qPrintable(hintLabel->text()));
}

void TestMainWindow::shortcutShowsPage_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<MainWindow::Page>("page");

    QTest::addRow("Ctrl+1") << int(Qt::Key_1) << MainWindow::Page::Connections;
    QTest::addRow("Ctrl+2") << int(Qt::Key_2) << MainWindow::Page::Deploy;
    QTest::addRow("Ctrl+3") << int(Qt::Key_3) << MainWindow::Page::Devices;
    QTest::addRow("Ctrl+4") << int(Qt::Key_4) << MainWindow::Page::Twin;
    QTest::addRow("Ctrl+5") << int(Qt::Key_5) << MainWindow::Page::LiveData;
    QTest::addRow("Ctrl+6") << int(Qt::Key_6) << MainWindow::Page::Bridge;
}

void TestMainWindow::shortcutShowsPage()
{
    QFETCH(int, key);
    QFETCH(MainWindow::Page, page);

    auto window = showWindow();
    QVERIFY(window);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    const int row = static_cast<int>(page);
    window->showPage(static_cast<MainWindow::Page>((row + 1) % MainWindow::PageCount));
    QVERIFY(window->currentPage() != page);

    QTest::keyClick(window.get(), Qt::Key(key), Qt::ControlModifier);

    QCOMPARE(window->currentPage(), page);
    QCOMPARE(stack(*window)->currentIndex(), row);
    QCOMPARE(navigation(*window)->currentRow(), row);
}

void TestMainWindow::setPageReplacesPlaceholder()
{
    auto window = showWindow();
    QVERIFY(window);
    QVERIFY(window->findChild<PlaceholderPage *>(QStringLiteral("devicesPlaceholderPage")));

    auto *real = new QLabel(QStringLiteral("the real devices page"));
    real->setObjectName(QStringLiteral("realDevicesPage"));
    window->setPage(MainWindow::Page::Devices, real);

    QCOMPARE(window->page(MainWindow::Page::Devices), real);
    QVERIFY(!window->findChild<PlaceholderPage *>(QStringLiteral("devicesPlaceholderPage")));
    QStackedWidget *pages = stack(*window);
    QCOMPARE(pages->count(), MainWindow::PageCount);
    QCOMPARE(pages->indexOf(real), static_cast<int>(MainWindow::Page::Devices));
    // The current page did not move, and the other placeholders are still in place.
    QCOMPARE(window->currentPage(), MainWindow::Page::Connections);
    QCOMPARE(pages->currentIndex(), 0);
    QVERIFY(qobject_cast<PlaceholderPage *>(window->page(MainWindow::Page::Twin)));

    window->showPage(MainWindow::Page::Devices);
    QCOMPARE(pages->currentWidget(), real);
    QVERIFY(real->isVisible());
}

void TestMainWindow::setPageOnCurrentPageShowsNewWidget()
{
    auto window = showWindow();
    QVERIFY(window);
    window->showPage(MainWindow::Page::Twin);

    auto *real = new QLabel(QStringLiteral("twin editor"));
    window->setPage(MainWindow::Page::Twin, real);

    QCOMPARE(window->currentPage(), MainWindow::Page::Twin);
    QCOMPARE(stack(*window)->currentWidget(), real);
    QVERIFY(real->isVisible());

    // Replacing a real page deletes the earlier one.
    QPointer<QLabel> earlier = real;
    window->setPage(MainWindow::Page::Twin, new QLabel(QStringLiteral("newer twin editor")));
    QTRY_VERIFY(earlier.isNull());
    QCOMPARE(stack(*window)->count(), MainWindow::PageCount);
}

void TestMainWindow::statusBarShowsProfileAndMessages()
{
    auto window = showWindow();
    QVERIFY(window);
    auto *profileLabel = window->findChild<QLabel *>(QStringLiteral("profileStatusLabel"));
    QVERIFY(profileLabel);

    window->setActiveProfileName(QStringLiteral("sandbox-demo"));
    QCOMPARE(profileLabel->text(), QStringLiteral("Profile: sandbox-demo"));
    QCOMPARE(window->activeProfileName(), QStringLiteral("sandbox-demo"));

    window->showStatusMessage(QStringLiteral("Deployment finished"), 0);
    QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("Deployment finished"));
    // The profile stays visible next to transient messages.
    QVERIFY(profileLabel->isVisible());

    window->setActiveProfileName({});
    QCOMPARE(profileLabel->text(), QStringLiteral("No profile selected"));
}

void TestMainWindow::statusBarShowsSecretsNoticeUntilCleared()
{
    auto window = showWindow();
    QVERIFY(window);
    auto *notice = window->findChild<QLabel *>(QStringLiteral("secretsNoticeLabel"));
    QVERIFY(notice);
    QVERIFY(!notice->isVisible());

    const QString text = QStringLiteral("Secrets are kept in memory only");
    window->setSecretsNotice(text);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), text);
    QCOMPARE(window->secretsNotice(), text);
    // A transient message does not hide it.
    window->showStatusMessage(QStringLiteral("Saved"), 0);
    QVERIFY(notice->isVisible());

    window->setSecretsNotice({});
    QVERIFY(!notice->isVisible());
}

void TestMainWindow::aboutDialogListsComponentVersions()
{
    auto window = showWindow();
    QVERIFY(window);
    auto *aboutAction = window->findChild<QAction *>(QStringLiteral("aboutAction"));
    QVERIFY(aboutAction);
    aboutAction->trigger();

    AboutDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<AboutDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("About TwinBridge"));
    auto *title = dialog->findChild<QLabel *>(QStringLiteral("aboutTitleLabel"));
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("TwinBridge ") + VersionInfo::application());

    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("componentVersionsTableWidget"));
    QVERIFY(table);
    QHash<QString, QString> shown;
    for (int row = 0; row < table->rowCount(); ++row)
        shown.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
    QCOMPARE(shown.size(), 4);
    QCOMPARE(shown.value(QStringLiteral("Qt")), QString::fromLatin1(qVersion()));
    QCOMPARE(shown.value(QStringLiteral("OpenSSL")), VersionInfo::openSsl());
    QCOMPARE(shown.value(QStringLiteral("libmosquitto")), VersionInfo::mosquitto());
    QCOMPARE(shown.value(QStringLiteral("QtKeychain")), VersionInfo::qtKeychain());
    for (auto it = shown.cbegin(); it != shown.cend(); ++it) {
        // Each is a real version number such as "3.0.11 19 Sep 2023" or "0.13.2".
        QVERIFY2(!it.value().isEmpty() && it.value().front().isDigit(), qPrintable(it.key() + u' ' + it.value()));
        QVERIFY(dialog->versionsText().contains(it.key() + u' ' + it.value()));
    }

    // A second trigger reuses the open dialog.
    aboutAction->trigger();
    QCOMPARE(window->findChildren<AboutDialog *>().size(), 1);

    dialog->reject();
    QTRY_VERIFY(!window->findChild<AboutDialog *>());
}

void TestMainWindow::remembersLastPageAndGeometry()
{
    {
        auto window = showWindow();
        QVERIFY(window);
        window->resize(640, 480);
        QTRY_COMPARE(window->size(), QSize(640, 480));
        window->showPage(MainWindow::Page::LiveData);
        QVERIFY(window->close());
    }

    // What was stored survives a fresh read of the file.
    Settings reread(m_settings->fileName());
    QCOMPARE(reread.value(Settings::Key::LastPage).toInt(), static_cast<int>(MainWindow::Page::LiveData));
    QVERIFY(!reread.value(Settings::Key::MainWindowGeometry).toByteArray().isEmpty());
    QVERIFY(!reread.value(Settings::Key::MainWindowState).toByteArray().isEmpty());

    MainWindow restored(&reread);
    QCOMPARE(restored.currentPage(), MainWindow::Page::LiveData);
    QCOMPARE(stack(restored)->currentIndex(), static_cast<int>(MainWindow::Page::LiveData));
    QCOMPARE(navigation(restored)->currentRow(), static_cast<int>(MainWindow::Page::LiveData));
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.size(), QSize(640, 480));
}

void TestMainWindow::invalidStoredPageFallsBackToFirst()
{
    m_settings->setValue(Settings::Key::LastPage, 42);
    m_settings->setValue(Settings::Key::MainWindowGeometry, QByteArray("not a geometry"));
    auto window = showWindow();
    QVERIFY(window);
    QCOMPARE(window->currentPage(), MainWindow::Page::Connections);
    QVERIFY(!window->size().isEmpty());
}

void TestMainWindow::languageMenuRetranslatesLive()
{
    LanguageManager languages(m_settings.get());
    QCOMPARE(languages.currentLanguage(), QStringLiteral("en"));
    auto window = showWindow();
    QVERIFY(window);
    window->showPage(MainWindow::Page::Deploy);
    window->findChild<QAction *>(QStringLiteral("aboutAction"))->trigger();
    AboutDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<AboutDialog *>()) && dialog->isVisible());

    auto *english = window->findChild<QAction *>(QStringLiteral("languageEnglishAction"));
    auto *german = window->findChild<QAction *>(QStringLiteral("languageGermanAction"));
    auto *system = window->findChild<QAction *>(QStringLiteral("languageSystemAction"));
    QVERIFY(english && german && system);
    QVERIFY(english->isChecked());
    auto *fileMenu = window->findChild<QMenu *>(QStringLiteral("fileMenu"));
    QVERIFY(fileMenu);
    QCOMPARE(fileMenu->title(), QStringLiteral("&File"));

    german->trigger();

    QCOMPARE(m_settings->value(Settings::Key::Language).toString(), QStringLiteral("de"));
    QCOMPARE(languages.currentLanguage(), QStringLiteral("de"));
    QVERIFY(german->isChecked());
    QTRY_COMPARE(navigation(*window)->item(0)->text(), QStringLiteral("Verbindungen"));
    QCOMPARE(navigation(*window)->item(4)->text(), QStringLiteral("Live-Daten"));
    QCOMPARE(fileMenu->title(), QStringLiteral("&Datei"));
    QCOMPARE(window->windowTitle(), QStringLiteral("Bereitstellen"));
    auto *placeholder = qobject_cast<PlaceholderPage *>(window->page(MainWindow::Page::Connections));
    QVERIFY(placeholder);
    QVERIFY2(placeholder->explanation().contains(QStringLiteral("Schlüsselbund")),
             qPrintable(placeholder->explanation()));
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("profileStatusLabel"))->text(),
             QStringLiteral("Kein Profil ausgewählt"));
    QTRY_COMPARE(dialog->windowTitle(), QStringLiteral("Über TwinBridge"));
    // Qt's own strings follow too (qtbase_de.qm from the Qt installation).
    QVERIFY(languages.isQtTranslationLoaded());
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));

    // The language names stay in their own language.
    QCOMPARE(german->text(), QStringLiteral("Deutsch"));
    QCOMPARE(english->text(), QStringLiteral("English"));

    system->trigger();
    QCOMPARE(m_settings->value(Settings::Key::Language).toString(), QString());
    QVERIFY(system->isChecked());

    english->trigger();
    QCOMPARE(languages.currentLanguage(), QStringLiteral("en"));
    QTRY_COMPARE(navigation(*window)->item(0)->text(), QStringLiteral("Connections"));
    QCOMPARE(fileMenu->title(), QStringLiteral("&File"));
    QTRY_COMPARE(dialog->windowTitle(), QStringLiteral("About TwinBridge"));
    QVERIFY(!languages.isQtTranslationLoaded());
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void TestMainWindow::nextAndPreviousPageShortcuts()
{
    auto window = showWindow();
    QVERIFY(window);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    window->showPage(MainWindow::Page::Connections);
    QTest::keyClick(window.get(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(window->currentPage(), MainWindow::Page::Deploy);
    QTest::keyClick(window.get(), Qt::Key_PageUp, Qt::ControlModifier);
    QTest::keyClick(window.get(), Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(window->currentPage(), MainWindow::Page::Bridge); // wraps around
    auto *next = window->findChild<QAction *>(QStringLiteral("nextPageAction"));
    QVERIFY(next);
    QCOMPARE(next->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QVERIFY(window->findChild<QMenu *>(QStringLiteral("viewMenu"))->actions().contains(next));
}

void TestMainWindow::fullScreenActionToggles()
{
    auto window = showWindow();
    QVERIFY(window);
    auto *fullScreen = window->findChild<QAction *>(QStringLiteral("fullScreenAction"));
    QVERIFY(fullScreen);
    QCOMPARE(fullScreen->shortcut(), QKeySequence(QKeySequence::FullScreen));
    fullScreen->trigger();
    QTRY_VERIFY(window->isFullScreen());
    QVERIFY(fullScreen->isChecked());
    window->showNormal(); // left full screen another way: the action follows
    QTRY_VERIFY(!window->isFullScreen());
    QVERIFY(!fullScreen->isChecked());
}

void TestMainWindow::colorSchemeMenuSwitchesPaletteAndIsRemembered()
{
    {
        auto window = showWindow();
        QVERIFY(window);
        // The offscreen platform's palette is light, and nothing in the environment asks for dark.
        QVERIFY(!window->isDarkPalette());
        QVERIFY(window->findChild<QAction *>(QStringLiteral("colorSchemeSystemAction"))->isChecked());

        auto *dark = window->findChild<QAction *>(QStringLiteral("colorSchemeDarkAction"));
        QVERIFY(dark);
        QVERIFY(window->findChild<QMenu *>(QStringLiteral("colorSchemeMenu"))->actions().contains(dark));
        dark->trigger();
        QVERIFY(dark->isChecked());
        QVERIFY(window->isDarkPalette());
        QVERIFY(ColorScheme::isDark(QApplication::palette()));
        QTRY_VERIFY(ColorScheme::isDark(window->palette()));
        QCOMPARE(m_settings->value(Settings::Key::ColorScheme).toString(), QStringLiteral("dark"));
        QVERIFY(window->close());
    }
    {
        // A new window (a new start) comes up dark.
        Settings reread(m_settings->fileName());
        MainWindow restored(&reread);
        QVERIFY(restored.isDarkPalette());
        QVERIFY(restored.findChild<QAction *>(QStringLiteral("colorSchemeDarkAction"))->isChecked());
        restored.findChild<QAction *>(QStringLiteral("colorSchemeLightAction"))->trigger();
        QVERIFY(!restored.isDarkPalette());
        QVERIFY(!ColorScheme::isDark(QApplication::palette()));
        QCOMPARE(reread.value(Settings::Key::ColorScheme).toString(), QStringLiteral("light"));
    }
    {
        // "Follow the system" with a desktop that prefers dark (GTK settings file).
        QDir().mkpath(m_dir->filePath(QStringLiteral("config/gtk-3.0")));
        QFile gtk(m_dir->filePath(QStringLiteral("config/gtk-3.0/settings.ini")));
        QVERIFY(gtk.open(QIODevice::WriteOnly));
        gtk.write("[Settings]\ngtk-application-prefer-dark-theme=1\n");
        gtk.close();
        m_settings->setValue(Settings::Key::ColorScheme, QStringLiteral("system"));
        auto window = showWindow();
        QVERIFY(window);
        QVERIFY(window->isDarkPalette());
        window->findChild<QAction *>(QStringLiteral("colorSchemeLightAction"))->trigger();
        QVERIFY(!window->isDarkPalette());
        window->findChild<QAction *>(QStringLiteral("colorSchemeSystemAction"))->trigger();
        QVERIFY(window->isDarkPalette());
    }
    m_settings->setValue(Settings::Key::ColorScheme, QStringLiteral("light"));
    ColorScheme::apply(ColorScheme::Choice::Light);
}

void TestMainWindow::systemColorSchemeDecision_data()
{
    QTest::addColumn<QString>("gtkTheme");
    QTest::addColumn<QString>("gtkSettings");
    QTest::addColumn<bool>("darkPlatformPalette");
    QTest::addColumn<bool>("dark");

    QTest::addRow("nothing, light palette") << QString() << QString() << false << false;
    QTest::addRow("nothing, dark palette") << QString() << QString() << true << true;
    QTest::addRow("GTK_THEME Adwaita:dark") << QStringLiteral("Adwaita:dark") << QString() << false << true;
    QTest::addRow("GTK_THEME Arc-Dark") << QStringLiteral("Arc-Dark") << QString() << false << true;
    QTest::addRow("GTK_THEME light wins over a dark palette") << QStringLiteral("Adwaita") << QString() << true << false;
    QTest::addRow("prefer-dark 1") << QString() << QStringLiteral("[Settings]\ngtk-application-prefer-dark-theme=1\n")
                                   << false << true;
    QTest::addRow("prefer-dark true") << QString()
                                      << QStringLiteral("[Settings]\ngtk-application-prefer-dark-theme = true\n")
                                      << false << true;
    QTest::addRow("prefer-dark 0") << QString() << QStringLiteral("[Settings]\ngtk-application-prefer-dark-theme=0\n")
                                   << false << false;
    QTest::addRow("theme name -dark") << QString() << QStringLiteral("[Settings]\ngtk-theme-name=Yaru-dark\n") << false
                                      << true;
    QTest::addRow("theme name light") << QString() << QStringLiteral("[Settings]\ngtk-theme-name=Yaru\n") << false
                                      << false;
}

void TestMainWindow::systemColorSchemeDecision()
{
    QFETCH(QString, gtkTheme);
    QFETCH(QString, gtkSettings);
    QFETCH(bool, darkPlatformPalette);
    QFETCH(bool, dark);
    QProcessEnvironment environment;
    if (!gtkTheme.isEmpty())
        environment.insert(QStringLiteral("GTK_THEME"), gtkTheme);
    const QPalette palette = darkPlatformPalette ? ColorScheme::darkPalette() : QPalette(QColor(0xef, 0xef, 0xef));
    QCOMPARE(ColorScheme::prefersDark(palette, environment, gtkSettings), dark);
}

void TestMainWindow::connectionLightsFollowSetConnectionState()
{
    auto window = showWindow();
    QVERIFY(window);
    auto *hubLight = window->statusBar()->findChild<QLabel *>(QStringLiteral("iotHubConnectionStateLabel"));
    auto *ttsLight = window->statusBar()->findChild<QLabel *>(QStringLiteral("ttsConnectionStateLabel"));
    QVERIFY(hubLight);
    QVERIFY(ttsLight);
    QVERIFY(hubLight->isVisible());
    QVERIFY(hubLight->text().contains(QStringLiteral("IoT Hub")));
    QCOMPARE(window->connectionState(ConnectionCheck::Target::IotHub), ConnectionCheck::Status::Pending);
    QVERIFY(hubLight->toolTip().contains(QStringLiteral("not checked yet")));

    const QString before = hubLight->text();
    window->setConnectionState(ConnectionCheck::Target::IotHub, ConnectionCheck::Status::Failed,
                               QStringLiteral("IoT Hub: Policy key accepted — the key is wrong."));
    QCOMPARE(window->connectionState(ConnectionCheck::Target::IotHub), ConnectionCheck::Status::Failed);
    QVERIFY(hubLight->text() != before); // another colour
    QVERIFY(hubLight->toolTip().contains(QStringLiteral("not working")));
    QVERIFY(hubLight->toolTip().contains(QStringLiteral("the key is wrong")));
    QCOMPARE(window->connectionState(ConnectionCheck::Target::Tts), ConnectionCheck::Status::Pending);

    window->setConnectionState(ConnectionCheck::Target::Tts, ConnectionCheck::Status::Passed, {});
    QVERIFY(ttsLight->toolTip().contains(QStringLiteral("connected")));
    window->resetConnectionStates();
    QCOMPARE(window->connectionState(ConnectionCheck::Target::IotHub), ConnectionCheck::Status::Pending);
    QCOMPARE(window->connectionState(ConnectionCheck::Target::Tts), ConnectionCheck::Status::Pending);
    QCOMPARE(hubLight->text(), before);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
