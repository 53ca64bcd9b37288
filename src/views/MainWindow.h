#pragma once

#include "services/diagnostics/ConnectionCheck.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace TwinBridge {

class AboutDialog;
class ConnectionStateIndicator;
class PlaceholderPage;
class Settings;

// The console's main window: a navigation list on the left (Connections · Deploy · Devices · Twin ·
// Live data · Bridge, also reachable with Ctrl+1…Ctrl+6, Ctrl+PgDown/Ctrl+PgUp for the next/previous page),
// the page stack on the right, menus and a status bar showing the active profile and one light per connection
// (TTS, IoT Hub, Azure; setConnectionState()). Pages that have not been installed with setPage() show a
// placeholder. Geometry, window state, the last page and the color scheme (View → Color scheme: System, Light,
// Dark) are kept in Settings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page {
        Connections,
        Deploy,
        Devices,
        Twin,
        LiveData,
        Bridge,
    };
    Q_ENUM(Page)
    static constexpr int PageCount = 6;

    // Uses `settings` (Settings::instance() if null) for geometry, last page and the language choice.
    explicit MainWindow(Settings *settings = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Installs the real widget for a navigation entry in place of its placeholder (the window takes
    // ownership; a widget installed earlier for the same page is deleted).
    void setPage(Page page, QWidget *widget);
    QWidget *page(Page page) const;

    Page currentPage() const;
    void showPage(Page page);

    // The profile named in the status bar; empty = none selected.
    void setActiveProfileName(const QString &name);
    QString activeProfileName() const { return m_activeProfileName; }

    // A lasting notice in the status bar, e.g. that secrets are kept in memory only; empty hides it.
    void setSecretsNotice(const QString &text);
    QString secretsNotice() const;

    // A transient message in the status bar (0 = until the next message).
    void showStatusMessage(const QString &text, int timeoutMs = 5000);

    // Stores geometry, window state and the last page (also done when the window closes).
    void saveSettings();

    // The state the status bar shows for one side of the current profile.
    ConnectionCheck::Status connectionState(ConnectionCheck::Target target) const;
    // Whether the palette in use is the dark one (View → Color scheme, or the system's preference).
    bool isDarkPalette() const { return m_darkPalette; }

public slots:
    // Feeds the status bar's connection lights: `state` Passed = connected, Warning = connected with a caveat,
    // Failed = not working, Running = being checked, Pending = unknown; `detail` (a sentence) becomes the
    // tooltip. Anyone may call it — the Connections page after a test, the bridge page from the engine's state.
    void setConnectionState(TwinBridge::ConnectionCheck::Target target, TwinBridge::ConnectionCheck::Status state,
                            const QString &detail = {});
    // All lights back to unknown (call when another profile is in use).
    void resetConnectionStates();

signals:
    void currentPageChanged(TwinBridge::MainWindow::Page page);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    struct PageEntry
    {
        QWidget *widget = nullptr;
        PlaceholderPage *placeholder = nullptr; // null once a real page is installed
        QAction *action = nullptr;
    };

    void createNavigation();
    void createActions();
    void createMenus();
    void retranslateUi();
    void restoreSettings();
    void updateLanguageActions();
    void setLanguage(const QString &language);
    void applyColorScheme();
    void updateColorSchemeActions();
    void stepPage(int delta);
    void showAbout();
    void onCurrentRowChanged(int row);
    QString pageTitle(Page page) const;

    Settings *m_settings = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_profileLabel = nullptr;
    QLabel *m_secretsNoticeLabel = nullptr;
    ConnectionStateIndicator *m_connectionIndicator = nullptr;
    QList<PageEntry> m_pages;
    bool m_darkPalette = false;
    QString m_activeProfileName;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QAction *m_languageSystemAction = nullptr;
    QAction *m_languageEnglishAction = nullptr;
    QAction *m_languageGermanAction = nullptr;
    QMenu *m_colorSchemeMenu = nullptr;
    QActionGroup *m_colorSchemeGroup = nullptr;
    QAction *m_colorSchemeSystemAction = nullptr;
    QAction *m_colorSchemeLightAction = nullptr;
    QAction *m_colorSchemeDarkAction = nullptr;
    QAction *m_nextPageAction = nullptr;
    QAction *m_previousPageAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QPointer<AboutDialog> m_aboutDialog;
};

} // namespace TwinBridge
