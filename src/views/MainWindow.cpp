#include "views/MainWindow.h"

#include "services/core/Logging.h"
#include "services/settings/Settings.h"
#include "views/AboutDialog.h"
#include "views/ColorScheme.h"
#include "views/ConnectionStateIndicator.h"
#include "views/PlaceholderPage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>

namespace TwinBridge {

namespace {

int indexOf(MainWindow::Page page)
{
    return static_cast<int>(page);
}

const char *const pageObjectNames[MainWindow::PageCount] = {
    "connections", "deploy", "devices", "twin", "liveData", "bridge",
};

} // namespace

MainWindow::MainWindow(Settings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings ? settings : Settings::instance())
{
    if (!m_settings)
        m_settings = new Settings({}, this);

    setObjectName(QStringLiteral("mainWindow"));
    createNavigation();
    createActions();
    createMenus();

    m_profileLabel = new QLabel(this);
    m_profileLabel->setObjectName(QStringLiteral("profileStatusLabel"));
    statusBar()->setObjectName(QStringLiteral("mainStatusBar"));
    m_secretsNoticeLabel = new QLabel(this);
    m_secretsNoticeLabel->setObjectName(QStringLiteral("secretsNoticeLabel"));
    m_secretsNoticeLabel->hide();
    statusBar()->addPermanentWidget(m_secretsNoticeLabel);
    m_connectionIndicator = new ConnectionStateIndicator(this);
    statusBar()->addPermanentWidget(m_connectionIndicator);
    statusBar()->addPermanentWidget(m_profileLabel);

    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::Language)
            updateLanguageActions();
        if (key == Settings::Key::ColorScheme)
            applyColorScheme();
    });
    applyColorScheme();

    retranslateUi();
    updateLanguageActions();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createNavigation()
{
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigationListWidget"));
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setFixedWidth(190);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget#navigationListWidget::item { padding: 8px 10px; }"));

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("pageStackedWidget"));

    for (int i = 0; i < PageCount; ++i) {
        auto *placeholder = new PlaceholderPage(m_stack);
        placeholder->setObjectName(QLatin1String(pageObjectNames[i]) + QStringLiteral("PlaceholderPage"));
        m_stack->addWidget(placeholder);
        m_navigation->addItem(new QListWidgetItem);
        m_pages.append(PageEntry {placeholder, placeholder, nullptr});
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::onCurrentRowChanged);

    auto *central = new QWidget(this);
    central->setObjectName(QStringLiteral("centralWidget"));
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
}

void MainWindow::createActions()
{
    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    for (int i = 0; i < PageCount; ++i) {
        auto *action = new QAction(this);
        action->setObjectName(QStringLiteral("show") + QLatin1String(pageObjectNames[i]) + QStringLiteral("Action"));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { showPage(static_cast<Page>(i)); });
        m_pages[i].action = action;
    }

    m_nextPageAction = new QAction(this);
    m_nextPageAction->setObjectName(QStringLiteral("nextPageAction"));
    m_nextPageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    connect(m_nextPageAction, &QAction::triggered, this, [this] { stepPage(1); });
    m_previousPageAction = new QAction(this);
    m_previousPageAction->setObjectName(QStringLiteral("previousPageAction"));
    m_previousPageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    connect(m_previousPageAction, &QAction::triggered, this, [this] { stepPage(-1); });
    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setObjectName(QStringLiteral("fullScreenAction"));
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence::FullScreen);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    m_colorSchemeGroup = new QActionGroup(this);
    m_colorSchemeGroup->setExclusive(true);
    auto addScheme = [this](const char *objectName, ColorScheme::Choice choice) {
        auto *action = new QAction(this);
        action->setObjectName(QLatin1String(objectName));
        action->setCheckable(true);
        action->setData(ColorScheme::toString(choice));
        m_colorSchemeGroup->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, choice] { m_settings->setValue(Settings::Key::ColorScheme, ColorScheme::toString(choice)); });
        return action;
    };
    m_colorSchemeSystemAction = addScheme("colorSchemeSystemAction", ColorScheme::Choice::System);
    m_colorSchemeLightAction = addScheme("colorSchemeLightAction", ColorScheme::Choice::Light);
    m_colorSchemeDarkAction = addScheme("colorSchemeDarkAction", ColorScheme::Choice::Dark);

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    auto addLanguage = [this](const char *objectName, const QString &code) {
        auto *action = new QAction(this);
        action->setObjectName(QLatin1String(objectName));
        action->setCheckable(true);
        action->setData(code);
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { setLanguage(code); });
        return action;
    };
    m_languageSystemAction = addLanguage("languageSystemAction", QString());
    m_languageEnglishAction = addLanguage("languageEnglishAction", QStringLiteral("en"));
    m_languageGermanAction = addLanguage("languageGermanAction", QStringLiteral("de"));
    // Each language is named in itself, so that it can be found whatever language is showing.
    m_languageEnglishAction->setText(QStringLiteral("English"));
    m_languageGermanAction->setText(QStringLiteral("Deutsch"));

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setObjectName(QStringLiteral("aboutQtAction"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    for (const PageEntry &entry : std::as_const(m_pages))
        m_viewMenu->addAction(entry.action);
    m_viewMenu->addAction(m_nextPageAction);
    m_viewMenu->addAction(m_previousPageAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_fullScreenAction);
    m_colorSchemeMenu = m_viewMenu->addMenu(QString());
    m_colorSchemeMenu->setObjectName(QStringLiteral("colorSchemeMenu"));
    m_colorSchemeMenu->addActions(m_colorSchemeGroup->actions());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageMenu->addActions(m_languageGroup->actions());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

QString MainWindow::pageTitle(Page page) const
{
    switch (page) {
    case Page::Connections:
        return tr("Connections");
    case Page::Deploy:
        return tr("Deploy");
    case Page::Devices:
        return tr("Devices");
    case Page::Twin:
        return tr("Twin");
    case Page::LiveData:
        return tr("Live data");
    case Page::Bridge:
        return tr("Bridge");
    }
    return {};
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_languageSystemAction->setText(tr("&System Default"));
    m_colorSchemeMenu->setTitle(tr("&Color Scheme"));
    m_colorSchemeSystemAction->setText(tr("Follow the &System"));
    m_colorSchemeLightAction->setText(tr("&Light"));
    m_colorSchemeDarkAction->setText(tr("&Dark"));
    m_nextPageAction->setText(tr("&Next Page"));
    m_previousPageAction->setText(tr("&Previous Page"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About TwinBridge"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_navigation->setAccessibleName(tr("Navigation"));
    m_profileLabel->setToolTip(tr("The connection profile the console works with"));

    for (int i = 0; i < PageCount; ++i) {
        const auto page = static_cast<Page>(i);
        const QString title = pageTitle(page);
        m_navigation->item(i)->setText(title);
        m_pages[i].action->setText(title);
        if (PlaceholderPage *placeholder = m_pages[i].placeholder) {
            placeholder->setTitle(title);
            switch (page) {
            case Page::Connections:
                placeholder->setExplanation(tr("Connection profiles for The Things Stack and Azure; their secrets "
                                               "stay in the system keychain."));
                placeholder->setHint(tr("Arrives with the connection profiles."));
                break;
            case Page::Deploy:
                placeholder->setExplanation(tr("Deploys the Azure side — IoT Hub, routes, Event Hub and the "
                                               "Function that reports twin changes — from an ARM template."));
                placeholder->setHint(tr("Arrives with the Azure deployment."));
                break;
            case Page::Devices:
                placeholder->setExplanation(tr("TTS end devices and IoT Hub identities side by side, with "
                                               "provisioning in both directions."));
                placeholder->setHint(tr("Arrives with the device views."));
                break;
            case Page::Twin:
                placeholder->setExplanation(tr("Reads and edits a device twin live: tags, desired and reported "
                                               "properties, downlinks."));
                placeholder->setHint(tr("Arrives with the twin editor."));
                break;
            case Page::LiveData:
                placeholder->setExplanation(tr("Uplinks, twin changes and downlinks as they pass through the bridge."));
                placeholder->setHint(tr("Arrives with the live data view."));
                break;
            case Page::Bridge:
                placeholder->setExplanation(tr("Starts and stops the integration engine and shows its "
                                               "connections, throttling and outbox."));
                placeholder->setHint(tr("Arrives with the bridge panel."));
                break;
            }
        }
    }

    setWindowTitle(pageTitle(currentPage()));
    setActiveProfileName(m_activeProfileName);
}

void MainWindow::restoreSettings()
{
    const QByteArray geometry = m_settings->value(Settings::Key::MainWindowGeometry).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1100, 720);
    const QByteArray state = m_settings->value(Settings::Key::MainWindowState).toByteArray();
    if (!state.isEmpty())
        restoreState(state);

    bool ok = false;
    int last = m_settings->value(Settings::Key::LastPage).toInt(&ok);
    if (!ok || last < 0 || last >= PageCount)
        last = 0;
    if (m_navigation->currentRow() == last)
        onCurrentRowChanged(last); // setCurrentRow() would not signal
    else
        m_navigation->setCurrentRow(last);
}

void MainWindow::saveSettings()
{
    m_settings->setValue(Settings::Key::MainWindowGeometry, saveGeometry());
    m_settings->setValue(Settings::Key::MainWindowState, saveState());
    m_settings->setValue(Settings::Key::LastPage, indexOf(currentPage()));
    m_settings->sync();
}

void MainWindow::setPage(Page page, QWidget *widget)
{
    Q_ASSERT(widget);
    const int index = indexOf(page);
    PageEntry &entry = m_pages[index];
    if (entry.widget == widget)
        return;
    const int current = m_stack->currentIndex();
    QWidget *old = entry.widget;
    m_stack->insertWidget(index, widget);
    m_stack->removeWidget(old);
    old->setParent(nullptr);
    old->deleteLater();
    entry.widget = widget;
    entry.placeholder = nullptr;
    m_stack->setCurrentIndex(current);
}

QWidget *MainWindow::page(Page page) const
{
    return m_pages.at(indexOf(page)).widget;
}

MainWindow::Page MainWindow::currentPage() const
{
    const int row = m_navigation->currentRow();
    return row >= 0 && row < PageCount ? static_cast<Page>(row) : Page::Connections;
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(indexOf(page));
}

void MainWindow::onCurrentRowChanged(int row)
{
    if (row < 0 || row >= PageCount)
        return;
    m_stack->setCurrentIndex(row);
    const auto page = static_cast<Page>(row);
    setWindowTitle(pageTitle(page));
    m_settings->setValue(Settings::Key::LastPage, row);
    qCDebug(lcUi) << "page" << page;
    emit currentPageChanged(page);
}

void MainWindow::setActiveProfileName(const QString &name)
{
    m_activeProfileName = name;
    m_profileLabel->setText(name.isEmpty() ? tr("No profile selected") : tr("Profile: %1").arg(name));
}

void MainWindow::setSecretsNotice(const QString &text)
{
    m_secretsNoticeLabel->setText(text);
    m_secretsNoticeLabel->setToolTip(text);
    m_secretsNoticeLabel->setVisible(!text.isEmpty());
}

QString MainWindow::secretsNotice() const
{
    return m_secretsNoticeLabel->text();
}

void MainWindow::showStatusMessage(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::updateLanguageActions()
{
    const QString language = m_settings->value(Settings::Key::Language).toString();
    const QList<QAction *> actions = m_languageGroup->actions();
    for (QAction *action : actions) {
        if (action->data().toString() == language) {
            action->setChecked(true);
            return;
        }
    }
    m_languageSystemAction->setChecked(true);
}

void MainWindow::setLanguage(const QString &language)
{
    m_settings->setValue(Settings::Key::Language, language);
}

ConnectionCheck::Status MainWindow::connectionState(ConnectionCheck::Target target) const
{
    return m_connectionIndicator->state(target);
}

void MainWindow::setConnectionState(ConnectionCheck::Target target, ConnectionCheck::Status state,
                                    const QString &detail)
{
    m_connectionIndicator->setState(target, state, detail);
}

void MainWindow::resetConnectionStates()
{
    m_connectionIndicator->reset();
}

void MainWindow::applyColorScheme()
{
    const auto choice = ColorScheme::choiceFromString(m_settings->value(Settings::Key::ColorScheme).toString());
    m_darkPalette = ColorScheme::apply(choice);
    updateColorSchemeActions();
}

void MainWindow::updateColorSchemeActions()
{
    const QString current =
        ColorScheme::toString(ColorScheme::choiceFromString(m_settings->value(Settings::Key::ColorScheme).toString()));
    const QList<QAction *> actions = m_colorSchemeGroup->actions();
    for (QAction *action : actions)
        action->setChecked(action->data().toString() == current);
}

void MainWindow::stepPage(int delta)
{
    const int row = (indexOf(currentPage()) + delta + PageCount) % PageCount;
    showPage(static_cast<Page>(row));
}

void MainWindow::showAbout()
{
    if (!m_aboutDialog) {
        m_aboutDialog = new AboutDialog(this);
        m_aboutDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_aboutDialog->open();
    m_aboutDialog->raise();
    m_aboutDialog->activateWindow();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::WindowStateChange) {
        const QSignalBlocker blocker(m_fullScreenAction); // the window manager may leave full screen itself
        m_fullScreenAction->setChecked(isFullScreen());
    }
    // The desktop switched its theme: "Follow the system" decides again.
    if (event->type() == QEvent::ThemeChange &&
        ColorScheme::choiceFromString(m_settings->value(Settings::Key::ColorScheme).toString()) ==
            ColorScheme::Choice::System)
        applyColorScheme();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace TwinBridge
