#pragma once

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
class PlaceholderPage;
class Settings;

// The console's main window: a navigation list on the left (Connections · Deploy · Devices · Twin ·
// Live data · Bridge, also reachable with Ctrl+1…Ctrl+6), the page stack on the right, menus and a status
// bar showing the active profile. Pages that have not been installed with setPage() show a placeholder.
// Geometry, window state and the last page are kept in Settings.
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
    void showAbout();
    void onCurrentRowChanged(int row);
    QString pageTitle(Page page) const;

    Settings *m_settings = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_profileLabel = nullptr;
    QLabel *m_secretsNoticeLabel = nullptr;
    QList<PageEntry> m_pages;
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
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QPointer<AboutDialog> m_aboutDialog;
};

} // namespace TwinBridge
