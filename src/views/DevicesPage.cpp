#include "views/DevicesPage.h"

#include "models/DeviceMirrorExport.h"
#include "models/DeviceMirrorFilterModel.h"
#include "models/DeviceMirrorModel.h"
#include "services/engine/EngineHost.h"
#include "services/mirror/MirrorLoader.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/Settings.h"
#include "views/DeviceBulkActionDialog.h"
#include "views/FileDialog.h"
#include "views/MessageBox.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace TwinBridge {

namespace {

QString withShortcut(const QString &text, const QKeySequence &shortcut)
{
    return DevicesPage::tr("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText));
}

QString progressPart(const QString &side, int loaded, int total)
{
    return total >= 0 ? DevicesPage::tr("%1 %2 of %3").arg(side).arg(loaded).arg(total)
                      : DevicesPage::tr("%1 %2").arg(side).arg(loaded);
}

} // namespace

DevicesPage::DevicesPage(ProfileSession *session, EngineHost *engine, Settings *settings, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_engine(engine)
    , m_settings(settings ? settings : Settings::instance())
    , m_model(new DeviceMirrorModel(this))
    , m_proxy(new DeviceMirrorFilterModel(this))
    , m_loader(new MirrorLoader(this))
{
    setObjectName(QStringLiteral("devicesPage"));
    m_proxy->setSourceModel(m_model);
    buildUi();

    connect(m_loader, &MirrorLoader::progress, this, &DevicesPage::onLoadProgress);
    connect(m_loader, &MirrorLoader::finished, this, &DevicesPage::onLoadFinished);
    connect(m_model, &DeviceMirrorModel::stateCountsChanged, this, &DevicesPage::updateCounts);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DevicesPage::updateCounts);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DevicesPage::updateCounts);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DevicesPage::updateCounts);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DevicesPage::updateCounts);
    if (m_engine)
        connect(m_engine, &EngineHost::eventsReady, m_model, &DeviceMirrorModel::applyEngineEvents);
    if (m_session) {
        connect(m_session, &ProfileSession::sessionChanged, this, &DevicesPage::onSessionChanged);
        m_needsLoad = m_session->state() == ProfileSession::State::Open;
    }
    updateCounts();
    updateActions();
}

DevicesPage::~DevicesPage()
{
    saveHeaderState();
}

void DevicesPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchEdit->setPlaceholderText(tr("Search device ID, name, DevEUI or JoinEUI…"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setToolTip(withShortcut(tr("Filter the table while typing"), QKeySequence::Find));
    auto *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, m_searchEdit, [this] {
        m_searchEdit->setFocus();
        m_searchEdit->selectAll();
    });
    addAction(findAction);
    connect(m_searchEdit, &QLineEdit::textChanged, m_proxy, &DeviceMirrorFilterModel::setSearchText);
    bar->addWidget(m_searchEdit, 2);

    m_stateCombo = new QComboBox(this);
    m_stateCombo->setObjectName(QStringLiteral("syncStateComboBox"));
    m_stateCombo->setToolTip(tr("Show only the devices in one sync state"));
    m_stateCombo->addItem(tr("All states"), -1);
    for (int state = 0; state < DeviceMirrorRow::SyncStateCount; ++state)
        m_stateCombo->addItem(DeviceMirrorRow::syncStateDisplayName(DeviceMirrorRow::SyncState(state)), state);
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        const int state = m_stateCombo->itemData(index).toInt();
        m_proxy->setSyncStateFilter(
            state < 0 ? std::nullopt : std::optional<DeviceMirrorRow::SyncState>(DeviceMirrorRow::SyncState(state)));
    });
    bar->addWidget(m_stateCombo, 1);

    m_refreshButton = new QPushButton(tr("&Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    m_refreshButton->setToolTip(
        withShortcut(tr("Load both sides again; only changed rows update"), QKeySequence(QKeySequence::Refresh)));
    connect(m_refreshButton, &QPushButton::clicked, this, &DevicesPage::refresh);
    bar->addWidget(m_refreshButton);

    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelLoadButton"));
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelButton->setToolTip(withShortcut(tr("Stop loading"), QKeySequence(Qt::Key_Escape)));
    m_cancelButton->setEnabled(false);
    connect(m_cancelButton, &QPushButton::clicked, this, &DevicesPage::cancelLoad);
    bar->addWidget(m_cancelButton);

    auto *actionsMenu = new QMenu(this);
    actionsMenu->setObjectName(QStringLiteral("bulkActionsMenu"));
    const auto addBulk = [this, actionsMenu](MirrorBulkRunner::Action action, const char *objectName,
                                             const QKeySequence &shortcut = {}) {
        QAction *a = actionsMenu->addAction(MirrorBulkRunner::actionName(action) + QStringLiteral("…"));
        a->setObjectName(QString::fromLatin1(objectName));
        if (!shortcut.isEmpty()) {
            a->setShortcut(shortcut);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            addAction(a);
        }
        connect(a, &QAction::triggered, this, [this, action] { startBulkAction(action); });
        return a;
    };
    m_createIdentitiesAction = addBulk(MirrorBulkRunner::Action::CreateHubIdentities, "createIdentitiesAction",
                                       QKeySequence(Qt::CTRL | Qt::Key_I));
    m_createTtsAction = addBulk(MirrorBulkRunner::Action::CreateTtsDevices, "createTtsDevicesAction");
    actionsMenu->addSeparator();
    m_enableAction = addBulk(MirrorBulkRunner::Action::EnableInHub, "enableInHubAction");
    m_disableAction = addBulk(MirrorBulkRunner::Action::DisableInHub, "disableInHubAction");
    actionsMenu->addSeparator();
    m_deleteAction = addBulk(MirrorBulkRunner::Action::DeleteEverywhere, "deleteEverywhereAction",
                             QKeySequence(QKeySequence::Delete));
    m_actionsButton = new QPushButton(tr("&Actions"), this);
    m_actionsButton->setObjectName(QStringLiteral("bulkActionsButton"));
    m_actionsButton->setToolTip(tr("Bulk actions on the selected rows, each with a dry run first"));
    m_actionsButton->setMenu(actionsMenu);
    bar->addWidget(m_actionsButton);

    m_exportButton = new QPushButton(tr("&Export…"), this);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportButton->setToolTip(
        withShortcut(tr("Write the rows shown to a CSV or JSON file"), QKeySequence(Qt::CTRL | Qt::Key_E)));
    connect(m_exportButton, &QPushButton::clicked, this, &DevicesPage::exportRows);
    bar->addWidget(m_exportButton);
    layout->addLayout(bar);

    auto *statusBar = new QHBoxLayout;
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("stateCountsLabel"));
    m_countsLabel->setWordWrap(true);
    statusBar->addWidget(m_countsLabel, 1);
    m_loadLabel = new QLabel(this);
    m_loadLabel->setObjectName(QStringLiteral("loadStatusLabel"));
    statusBar->addWidget(m_loadLabel);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgressBar"));
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    statusBar->addWidget(m_progress);
    layout->addLayout(statusBar);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("loadErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("devicesTableView"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->sortByColumn(DeviceMirrorModel::DeviceIdColumn, Qt::AscendingOrder);
    const QByteArray state =
        m_settings ? m_settings->value(Settings::Key::DevicesTableState).toByteArray() : QByteArray();
    if (state.isEmpty() || !m_table->horizontalHeader()->restoreState(state))
        applyDefaultColumnWidths();
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, &DevicesPage::saveHeaderState);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionMoved, this, &DevicesPage::saveHeaderState);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &DevicesPage::saveHeaderState);
    connect(m_table, &QWidget::customContextMenuRequested, this, &DevicesPage::showContextMenu);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString id = index.data(DeviceMirrorModel::DeviceIdRole).toString();
        if (!id.isEmpty())
            emit openTwinRequested(id);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DevicesPage::updateActions);
    layout->addWidget(m_table, 1);

    m_copyIdAction = new QAction(tr("Copy device ID"), this);
    m_copyIdAction->setObjectName(QStringLiteral("copyDeviceIdAction"));
    m_copyIdAction->setShortcut(QKeySequence::Copy);
    m_copyIdAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyIdAction, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(selectedDeviceIds().join(QLatin1Char('\n'))); });
    m_table->addAction(m_copyIdAction);
    m_copyDevEuiAction = new QAction(tr("Copy DevEUI"), this);
    m_copyDevEuiAction->setObjectName(QStringLiteral("copyDevEuiAction"));
    connect(m_copyDevEuiAction, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(currentDevEui()); });
    m_openTwinAction = new QAction(tr("Open twin"), this);
    m_openTwinAction->setObjectName(QStringLiteral("openTwinAction"));
    m_openTwinAction->setShortcut(QKeySequence(Qt::Key_Return));
    m_openTwinAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(m_openTwinAction);
    connect(m_openTwinAction, &QAction::triggered, this, [this] {
        const QString id = currentDeviceId();
        if (!id.isEmpty())
            emit openTwinRequested(id);
    });
    m_showLiveAction = new QAction(tr("Show live data"), this);
    m_showLiveAction->setObjectName(QStringLiteral("showLiveDataAction"));
    m_showLiveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_showLiveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_showLiveAction);
    connect(m_showLiveAction, &QAction::triggered, this, [this] {
        const QString id = currentDeviceId();
        if (!id.isEmpty())
            emit showLiveDataRequested(id);
    });
}

void DevicesPage::applyDefaultColumnWidths()
{
    // Wide enough for typical content without measuring 100,000 rows (resizeColumnsToContents would).
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = metrics.horizontalAdvance(QLatin1Char('M')) * 2;
    const auto widthOf = [&metrics, padding](const QString &sample) {
        return metrics.horizontalAdvance(sample) + padding;
    };
    const QString time = QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat);
    const QString eui = QStringLiteral("70B3D57ED0000000");
    QHeaderView *header = m_table->horizontalHeader();
    for (int column = 0; column < DeviceMirrorModel::ColumnCount; ++column) {
        int width = widthOf(DeviceMirrorModel::columnName(column));
        switch (column) {
        case DeviceMirrorModel::NameColumn:
        case DeviceMirrorModel::DeviceIdColumn:
            width = std::max(width, widthOf(QStringLiteral("temperature-sensor-01")));
            break;
        case DeviceMirrorModel::DevEuiColumn:
        case DeviceMirrorModel::JoinEuiColumn:
            width = std::max(width, widthOf(eui));
            break;
        case DeviceMirrorModel::TtsLastSeenColumn:
        case DeviceMirrorModel::LastActivityColumn:
        case DeviceMirrorModel::LastUplinkColumn:
            width = std::max(width, widthOf(time));
            break;
        case DeviceMirrorModel::LastErrorColumn:
            width = std::max(width, widthOf(QStringLiteral("Could not forward a message of")));
            break;
        case DeviceMirrorModel::ConnectionStateColumn:
            width = std::max(width, widthOf(DeviceMirrorModel::tr("Disconnected")));
            break;
        case DeviceMirrorModel::SyncStateColumn:
            // The longest state name plus its colour mark.
            for (int state = 0; state < DeviceMirrorRow::SyncStateCount; ++state) {
                width = std::max(width,
                                 widthOf(DeviceMirrorRow::syncStateDisplayName(DeviceMirrorRow::SyncState(state))) +
                                     style()->pixelMetric(QStyle::PM_SmallIconSize) + 4);
            }
            break;
        default:
            break;
        }
        header->resizeSection(column, width);
    }
    // The sync state is what a user scans for: right after the device id, whatever the window's width.
    header->moveSection(header->visualIndex(DeviceMirrorModel::SyncStateColumn),
                        header->visualIndex(DeviceMirrorModel::DeviceIdColumn) + 1);
}

QStringList DevicesPage::selectedDeviceIds() const
{
    QStringList ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.append(index.data(DeviceMirrorModel::DeviceIdRole).toString());
    return ids;
}

QString DevicesPage::currentDeviceId() const
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        return current.data(DeviceMirrorModel::DeviceIdRole).toString();
    const QStringList selected = selectedDeviceIds();
    return selected.isEmpty() ? QString() : selected.constFirst();
}

QString DevicesPage::currentDevEui() const
{
    const int row = m_model->rowOf(currentDeviceId());
    return row < 0 ? QString() : DeviceMirrorModel::displayText(m_model->rowAt(row), DeviceMirrorModel::DevEuiColumn);
}

DeviceBulkActionDialog *DevicesPage::bulkDialog() const
{
    return m_dialog;
}

bool DevicesPage::isLoading() const
{
    return m_loader->isRunning();
}

void DevicesPage::onSessionChanged()
{
    // Other clients, perhaps another application or hub: nothing of the old table holds.
    m_loader->cancel();
    m_model->clear();
    m_needsLoad = m_session && m_session->state() == ProfileSession::State::Open;
    if (m_needsLoad && isVisible())
        refresh();
}

void DevicesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The first look loads: a console started on another page spends none of the hub's query budget here.
    if (m_needsLoad)
        QMetaObject::invokeMethod(this, &DevicesPage::refresh, Qt::QueuedConnection);
}

void DevicesPage::refresh()
{
    if (!m_session) {
        m_errorLabel->setText(tr("No connection profile is in use. Choose one on the Connections page."));
        m_errorLabel->show();
        return;
    }
    m_needsLoad = false;
    m_errorLabel->hide();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancelButton->setEnabled(true);
    m_refreshButton->setEnabled(false);
    m_loadLabel->setText(tr("Loading…"));
    m_loader->start(m_session->tts(), m_session->hub(), m_session->ttsError(), m_session->hubError());
}

void DevicesPage::cancelLoad()
{
    m_loader->cancel();
}

void DevicesPage::onLoadProgress(int ttsLoaded, int ttsTotal, int hubLoaded, int hubTotal)
{
    const bool totalsKnown = ttsTotal >= 0 && hubTotal >= 0;
    if (totalsKnown) {
        m_progress->setRange(0, qMax(1, ttsTotal + hubTotal));
        m_progress->setValue(ttsLoaded + hubLoaded);
    }
    m_loadLabel->setText(
        tr("Loading: %1 · %2")
            .arg(progressPart(tr("TTS"), ttsLoaded, ttsTotal), progressPart(tr("IoT Hub"), hubLoaded, hubTotal)));
}

void DevicesPage::onLoadFinished(const MirrorSnapshot &snapshot)
{
    m_progress->hide();
    m_cancelButton->setEnabled(false);
    m_refreshButton->setEnabled(true);
    if (snapshot.canceled) {
        m_loadLabel->setText(tr("Loading canceled; the table shows the previous state."));
        emit statusMessage(m_loadLabel->text());
        emit loadFinished();
        return;
    }
    m_model->applySnapshot(snapshot);
    QStringList problems;
    if (snapshot.ttsError.isError())
        problems.append(tr("The Things Stack: %1").arg(snapshot.ttsError.toString()));
    if (snapshot.hubError.isError())
        problems.append(tr("IoT Hub: %1").arg(snapshot.hubError.toString()));
    m_errorLabel->setText(problems.join(QLatin1Char('\n')));
    m_errorLabel->setVisible(!problems.isEmpty());
    m_loadLabel->setText(tr("Loaded %n device(s)", nullptr, m_model->rowCount()));
    emit statusMessage(problems.isEmpty() ? m_loadLabel->text() : problems.constFirst());
    emit loadFinished();
}

void DevicesPage::updateCounts()
{
    const DeviceMirrorModel::StateCounts counts = m_model->stateCounts();
    QStringList parts;
    for (int state = 0; state < DeviceMirrorRow::SyncStateCount; ++state) {
        const QString name = DeviceMirrorRow::syncStateDisplayName(DeviceMirrorRow::SyncState(state));
        parts.append(tr("%1: %2").arg(name).arg(counts[size_t(state)]));
        const int comboIndex = m_stateCombo->findData(state);
        if (comboIndex >= 0)
            m_stateCombo->setItemText(comboIndex, tr("%1 (%2)").arg(name).arg(counts[size_t(state)]));
    }
    m_countsLabel->setText(tr("%1 of %2 shown — %3")
                               .arg(m_proxy->rowCount())
                               .arg(m_model->rowCount())
                               .arg(parts.join(QStringLiteral(" · "))));
}

void DevicesPage::updateActions()
{
    const bool selection = m_table->selectionModel()->hasSelection();
    const bool idle = !m_runner || !m_runner->isRunning();
    for (QAction *action :
         {m_createIdentitiesAction, m_createTtsAction, m_enableAction, m_disableAction, m_deleteAction})
        action->setEnabled(selection && idle);
    for (QAction *action : {m_copyIdAction, m_copyDevEuiAction, m_openTwinAction, m_showLiveAction})
        action->setEnabled(selection);
}

void DevicesPage::showContextMenu(const QPoint &position)
{
    if (!m_table->indexAt(position).isValid())
        return;
    // popup(), not exec(): no nested event loop; the menu deletes itself when it closes.
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("devicesContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_copyIdAction);
    menu->addAction(m_copyDevEuiAction);
    menu->addSeparator();
    menu->addAction(m_openTwinAction);
    menu->addAction(m_showLiveAction);
    menu->addSeparator();
    menu->addActions(m_actionsButton->menu()->actions());
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void DevicesPage::startBulkAction(MirrorBulkRunner::Action action)
{
    if (m_runner && m_runner->isRunning()) {
        emit statusMessage(tr("A bulk action is still running; wait for it or cancel it first."));
        return;
    }
    QList<MirrorBulkRunner::Item> items;
    for (const QString &id : selectedDeviceIds()) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const DeviceMirrorRow &r = m_model->rowAt(row);
        items.append(MirrorBulkRunner::Item {r.deviceId, r.devEui, r.joinEui, r.inTts, r.inHub, r.hubStatus});
    }
    if (items.isEmpty()) {
        emit statusMessage(tr("Select the devices first."));
        return;
    }
    if (m_dialog)
        m_dialog->close();
    m_dialog = new DeviceBulkActionDialog(action, items, this);
    connect(m_dialog, &DeviceBulkActionDialog::runRequested, this,
            [this, action](const QList<MirrorBulkRunner::Item> &runItems) { runBulk(action, runItems); });
    m_dialog->open();
}

void DevicesPage::runBulk(MirrorBulkRunner::Action action, const QList<MirrorBulkRunner::Item> &items)
{
    if (!m_session)
        return;
    delete m_runner;
    m_runner = new MirrorBulkRunner(m_session->hub(), m_session->tts(), Clock::system(), this);
    connect(m_runner, &MirrorBulkRunner::itemFinished, this, &DevicesPage::onBulkItemFinished);
    connect(m_runner, &MirrorBulkRunner::finished, this, [this] {
        m_model->setPending(m_pendingIds, false);
        m_pendingIds.clear();
        updateActions();
        emit statusMessage(tr("%1 finished.").arg(MirrorBulkRunner::actionName(m_runner->action())));
        emit bulkActionFinished();
        // Confirm the outcome from both sides (incremental: only rows that changed update).
        refresh();
    });
    m_pendingIds.clear();
    if (action == MirrorBulkRunner::Action::CreateHubIdentities ||
        action == MirrorBulkRunner::Action::CreateTtsDevices) {
        for (const MirrorBulkRunner::Item &item : items)
            m_pendingIds.append(item.deviceId);
        m_model->setPending(m_pendingIds, true);
    }
    m_runner->start(action, items);
    if (m_dialog)
        m_dialog->attachRunner(m_runner);
    updateActions();
}

void DevicesPage::onBulkItemFinished(int index, const MirrorBulkRunner::ItemResult &result)
{
    if (!m_runner)
        return;
    Q_UNUSED(index)
    const QString &id = result.deviceId;
    m_pendingIds.removeAll(id);
    m_model->setPending({id}, false);
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    if (result.outcome == MirrorBulkRunner::Outcome::Failed) {
        m_model->setLastError(id, result.message);
        return;
    }
    if (result.outcome != MirrorBulkRunner::Outcome::Done)
        return;
    const DeviceMirrorRow current = m_model->rowAt(row);
    switch (m_runner->action()) {
    case MirrorBulkRunner::Action::CreateHubIdentities:
        m_model->setHubPresence(id, true, DeviceIdentity::Status::Enabled, current.devEui, current.joinEui);
        break;
    case MirrorBulkRunner::Action::CreateTtsDevices:
        m_model->setTtsPresence(id, true, current.hubDevEui, current.hubJoinEui);
        break;
    case MirrorBulkRunner::Action::EnableInHub:
        m_model->setHubPresence(id, true, DeviceIdentity::Status::Enabled);
        break;
    case MirrorBulkRunner::Action::DisableInHub:
        m_model->setHubPresence(id, true, DeviceIdentity::Status::Disabled);
        break;
    case MirrorBulkRunner::Action::DeleteEverywhere:
        m_model->setTtsPresence(id, false);
        m_model->setHubPresence(id, false);
        break;
    }
}

void DevicesPage::exportRows()
{
    const QString path =
        FileDialog::getSaveFileName(this, tr("Export devices"), QDir::home().filePath(QStringLiteral("devices.csv")),
                                    tr("CSV files (*.csv);;JSON files (*.json)"));
    if (path.isEmpty())
        return;
    exportRowsTo(path);
}

bool DevicesPage::exportRowsTo(const QString &path)
{
    QList<DeviceMirrorRow> rows;
    rows.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows.append(m_model->rowAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row()));
    const Status written = DeviceMirrorExport::writeFile(path, DeviceMirrorExport::formatForPath(path), rows);
    if (!written) {
        MessageBox::warning(this, tr("Export devices"), written.error().message());
        return false;
    }
    emit statusMessage(
        tr("Exported %n device(s) to %1", nullptr, int(rows.size())).arg(QDir::toNativeSeparators(path)));
    return true;
}

void DevicesPage::saveHeaderState()
{
    if (m_settings && m_table)
        m_settings->setValue(Settings::Key::DevicesTableState, m_table->horizontalHeader()->saveState());
}

} // namespace TwinBridge
