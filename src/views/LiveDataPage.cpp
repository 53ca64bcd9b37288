#include "views/LiveDataPage.h"

#include "models/LiveEventExport.h"
#include "models/LiveEventFilterProxy.h"
#include "models/LiveEventModel.h"
#include "models/LiveEventRecorder.h"
#include "services/engine/EngineHost.h"
#include "services/settings/Settings.h"
#include "views/FileDialog.h"
#include "views/JsonDetailView.h"
#include "views/MessageBox.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

constexpr EngineEvent::Kind FilterKinds[] = {
    EngineEvent::Kind::UplinkForwarded,
    EngineEvent::Kind::Join,
    EngineEvent::Kind::DownlinkEvent,
    EngineEvent::Kind::DownlinkScheduled,
    EngineEvent::Kind::LocationOrServiceData,
    EngineEvent::Kind::TwinChange,
    EngineEvent::Kind::IdentityCreated,
    EngineEvent::Kind::DeviceProvisioned,
    EngineEvent::Kind::DeviceDeleted,
    EngineEvent::Kind::Error,
    EngineEvent::Kind::Lifecycle,
};

QString withShortcut(const QString &text, const QAction *action)
{
    return QStringLiteral("%1 (%2)").arg(text, action->shortcut().toString(QKeySequence::NativeText));
}

QString hexText(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' ').toUpper());
}

} // namespace

LiveDataPage::LiveDataPage(EngineHost *engine, Settings *settings, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_settings(settings ? settings : Settings::instance())
    , m_model(new LiveEventModel(this))
    , m_proxy(new LiveEventFilterProxy(this))
    , m_recorder(new LiveEventRecorder(this))
    , m_deviceCompletions(new QStringListModel(this))
    , m_saveStateTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("liveDataPage"));
    m_proxy->setSourceModel(m_model);
    if (m_settings)
        m_model->setCapacity(m_settings->value(Settings::Key::LiveDataCapacity).toInt());
    buildUi();
    retranslateUi();
    restoreState();

    connect(m_model, &LiveEventModel::droppedCountChanged, this, &LiveDataPage::updateNotices);
    connect(m_model, &LiveEventModel::pendingCountChanged, this, &LiveDataPage::updateNotices);
    connect(m_model, &LiveEventModel::pausedChanged, this, &LiveDataPage::updateNotices);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LiveDataPage::updateNotices);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &LiveDataPage::updateNotices);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LiveDataPage::updateNotices);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LiveDataPage::updateNotices);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LiveDataPage::updateNotices);
    connect(m_model, &LiveEventModel::deviceIdsChanged, this,
            [this] { m_deviceCompletions->setStringList(m_model->deviceIds()); });
    connect(m_recorder, &LiveEventRecorder::recordingChanged, this, &LiveDataPage::updateRecordingState);
    connect(m_recorder, &LiveEventRecorder::countChanged, this, &LiveDataPage::updateRecordingState);
    connect(m_recorder, &LiveEventRecorder::failed, this, [this](const ServiceError &error) {
        emit statusMessage(error.toString());
        MessageBox::warning(this, tr("Recording stopped"), error.toString(), error.detail());
    });
    if (m_settings) {
        connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
            if (key != Settings::Key::LiveDataCapacity)
                return;
            m_model->setCapacity(m_settings->value(key).toInt());
            const QSignalBlocker blocker(m_capacitySpinBox);
            m_capacitySpinBox->setValue(m_model->capacity());
            updateNotices();
        });
    }
    if (m_engine) {
        connect(m_engine, &EngineHost::eventsReady, this, &LiveDataPage::appendEvents);
        connect(m_engine, &EngineHost::stateChanged, this, &LiveDataPage::updateEngineState);
    }
    m_saveStateTimer->setSingleShot(true);
    m_saveStateTimer->setInterval(500);
    connect(m_saveStateTimer, &QTimer::timeout, this, &LiveDataPage::saveState);

    updateNotices();
    updateRecordingState();
    updateEngineState();
    showCurrentEvent();
}

LiveDataPage::~LiveDataPage()
{
    saveState();
}

void LiveDataPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *filters = new QHBoxLayout;
    m_deviceFilterEdit = new QLineEdit;
    m_deviceFilterEdit->setObjectName(QStringLiteral("deviceFilterEdit"));
    m_deviceFilterEdit->setClearButtonEnabled(true);
    auto *completer = new QCompleter(m_deviceCompletions, m_deviceFilterEdit);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_deviceFilterEdit->setCompleter(completer);
    connect(m_deviceFilterEdit, &QLineEdit::textChanged, m_proxy, &LiveEventFilterProxy::setDeviceFilter);
    filters->addWidget(m_deviceFilterEdit, 2);

    m_typeFilterCombo = new QComboBox;
    m_typeFilterCombo->setObjectName(QStringLiteral("typeFilterCombo"));
    m_typeFilterCombo->addItem(QString(), -1);
    for (const EngineEvent::Kind kind : FilterKinds)
        m_typeFilterCombo->addItem(QString(), int(kind));
    connect(m_typeFilterCombo, &QComboBox::currentIndexChanged, this, &LiveDataPage::applyTypeFilter);
    filters->addWidget(m_typeFilterCombo, 1);

    m_textFilterEdit = new QLineEdit;
    m_textFilterEdit->setObjectName(QStringLiteral("textFilterEdit"));
    m_textFilterEdit->setClearButtonEnabled(true);
    connect(m_textFilterEdit, &QLineEdit::textChanged, m_proxy, &LiveEventFilterProxy::setTextFilter);
    filters->addWidget(m_textFilterEdit, 3);

    m_findAction = addShortcutAction(QStringLiteral("findAction"), QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_textFilterEdit->setFocus(Qt::ShortcutFocusReason);
        m_textFilterEdit->selectAll();
    });

    m_pauseAction = addShortcutAction(QStringLiteral("pauseAction"), QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setCheckable(true);
    connect(m_pauseAction, &QAction::toggled, this, &LiveDataPage::setPaused);
    m_pauseButton = new QToolButton;
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_pauseButton->setDefaultAction(m_pauseAction);
    filters->addWidget(m_pauseButton);

    m_clearAction = addShortcutAction(QStringLiteral("clearAction"), QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_clearAction, &QAction::triggered, this, &LiveDataPage::clear);
    m_clearButton = new QToolButton;
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_clearButton->setDefaultAction(m_clearAction);
    filters->addWidget(m_clearButton);

    m_exportJsonAction = addShortcutAction(QStringLiteral("exportJsonAction"), QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportJsonAction, &QAction::triggered, this, &LiveDataPage::exportJson);
    m_exportCsvAction =
        addShortcutAction(QStringLiteral("exportCsvAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_exportCsvAction, &QAction::triggered, this, &LiveDataPage::exportCsv);
    m_exportButton = new QToolButton;
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(m_exportJsonAction);
    exportMenu->addAction(m_exportCsvAction);
    m_exportButton->setMenu(exportMenu);
    filters->addWidget(m_exportButton);

    m_recordAction = addShortcutAction(QStringLiteral("recordAction"), QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_recordAction, &QAction::triggered, this, &LiveDataPage::startRecording);
    m_recordButton = new QToolButton;
    m_recordButton->setObjectName(QStringLiteral("recordButton"));
    m_recordButton->setDefaultAction(m_recordAction);
    filters->addWidget(m_recordButton);

    m_capacityLabel = new QLabel;
    filters->addWidget(m_capacityLabel);
    m_capacitySpinBox = new QSpinBox;
    m_capacitySpinBox->setObjectName(QStringLiteral("capacitySpinBox"));
    m_capacitySpinBox->setRange(LiveEventModel::MinimumCapacity, LiveEventModel::MaximumCapacity);
    m_capacitySpinBox->setSingleStep(1000);
    m_capacitySpinBox->setGroupSeparatorShown(true);
    m_capacitySpinBox->setKeyboardTracking(false);
    m_capacitySpinBox->setValue(m_model->capacity());
    m_capacityLabel->setBuddy(m_capacitySpinBox);
    connect(m_capacitySpinBox, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_settings)
            m_settings->setValue(Settings::Key::LiveDataCapacity, value);
        else
            m_model->setCapacity(value);
        updateNotices();
    });
    filters->addWidget(m_capacitySpinBox);
    layout->addLayout(filters);

    auto *notices = new QHBoxLayout;
    m_engineStateLabel = new QLabel;
    m_engineStateLabel->setObjectName(QStringLiteral("engineStateLabel"));
    notices->addWidget(m_engineStateLabel);
    m_droppedNoticeLabel = new QLabel;
    m_droppedNoticeLabel->setObjectName(QStringLiteral("droppedNoticeLabel"));
    notices->addWidget(m_droppedNoticeLabel);
    m_pausedNoticeLabel = new QLabel;
    m_pausedNoticeLabel->setObjectName(QStringLiteral("pausedNoticeLabel"));
    notices->addWidget(m_pausedNoticeLabel);
    m_recordingLabel = new QLabel;
    m_recordingLabel->setObjectName(QStringLiteral("recordingLabel"));
    m_recordingLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    notices->addWidget(m_recordingLabel);
    m_stopRecordingButton = new QToolButton;
    m_stopRecordingButton->setObjectName(QStringLiteral("stopRecordingButton"));
    connect(m_stopRecordingButton, &QToolButton::clicked, this, &LiveDataPage::stopRecording);
    notices->addWidget(m_stopRecordingButton);
    notices->addStretch(1);
    m_countLabel = new QLabel;
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    notices->addWidget(m_countLabel);
    layout->addLayout(notices);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("liveDataSplitter"));
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    // Fixed row heights and no content-sized columns: a view of 10,000 rows never measures them all.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setColumnWidth(LiveEventModel::TimeColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.0000")) + 12);
    m_table->setColumnWidth(LiveEventModel::DeviceColumn, 140);
    m_table->setColumnWidth(LiveEventModel::KindColumn, 150);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LiveEventModel::TimeColumn, Qt::DescendingOrder);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LiveDataPage::showCurrentEvent);
    m_copyEventAction = new QAction(m_table);
    m_copyEventAction->setObjectName(QStringLiteral("copyEventAction"));
    m_copyEventAction->setShortcut(QKeySequence::Copy);
    m_copyEventAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyEventAction, &QAction::triggered, this, &LiveDataPage::copyCurrentEvent);
    m_showDeviceAction = new QAction(m_table);
    m_showDeviceAction->setObjectName(QStringLiteral("showDeviceAction"));
    connect(m_showDeviceAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            showDevice(current.data(LiveEventModel::DeviceIdRole).toString());
    });
    m_table->addAction(m_copyEventAction);
    m_table->addAction(m_showDeviceAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(buildDetailPane());
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    const auto scheduleSave = [this] { m_saveStateTimer->start(); };
    QHeaderView *header = m_table->horizontalHeader();
    connect(header, &QHeaderView::sectionResized, this, scheduleSave);
    connect(header, &QHeaderView::sectionMoved, this, scheduleSave);
    connect(header, &QHeaderView::sortIndicatorChanged, this, scheduleSave);
    connect(m_splitter, &QSplitter::splitterMoved, this, scheduleSave);
}

QWidget *LiveDataPage::buildDetailPane()
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_detailTitleLabel = new QLabel;
    m_detailTitleLabel->setObjectName(QStringLiteral("detailTitleLabel"));
    m_detailTitleLabel->setWordWrap(true);
    m_detailTitleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_detailTitleLabel);

    m_payloadBox = new QWidget;
    m_payloadBox->setObjectName(QStringLiteral("payloadBox"));
    auto *form = new QFormLayout(m_payloadBox);
    form->setContentsMargins(0, 0, 0, 0);
    const auto readOnlyEdit = [](const QString &objectName) {
        auto *edit = new QLineEdit;
        edit->setObjectName(objectName);
        edit->setReadOnly(true);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        return edit;
    };
    m_payloadHexEdit = readOnlyEdit(QStringLiteral("payloadHexEdit"));
    m_payloadBase64Edit = readOnlyEdit(QStringLiteral("payloadBase64Edit"));
    m_payloadHexLabel = new QLabel;
    m_payloadBase64Label = new QLabel;
    form->addRow(m_payloadHexLabel, m_payloadHexEdit);
    form->addRow(m_payloadBase64Label, m_payloadBase64Edit);
    layout->addWidget(m_payloadBox);

    m_detailView = new JsonDetailView;
    m_detailView->setObjectName(QStringLiteral("detailView"));
    layout->addWidget(m_detailView, 1);
    return pane;
}

QAction *LiveDataPage::addShortcutAction(const QString &objectName, const QKeySequence &shortcut)
{
    auto *action = new QAction(this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
    return action;
}

void LiveDataPage::retranslateUi()
{
    m_deviceFilterEdit->setPlaceholderText(tr("Device id"));
    m_deviceFilterEdit->setToolTip(tr("Show the events of this device only (its exact id)"));
    m_typeFilterCombo->setItemText(0, tr("All types"));
    for (int i = 1; i < m_typeFilterCombo->count(); ++i)
        m_typeFilterCombo->setItemText(
            i, EngineEvent::kindDisplayName(EngineEvent::Kind(m_typeFilterCombo->itemData(i).toInt())));
    m_typeFilterCombo->setToolTip(tr("Show events of this type only"));
    m_textFilterEdit->setPlaceholderText(tr("Search text…"));
    m_textFilterEdit->setToolTip(
        withShortcut(tr("Show events whose summary, device, type or detail contains this text"), m_findAction));
    m_pauseAction->setText(m_pauseAction->isChecked() ? tr("Resume") : tr("Pause"));
    m_pauseAction->setToolTip(withShortcut(m_pauseAction->isChecked()
                                               ? tr("Show the events that arrived while paused and follow new ones")
                                               : tr("Stop updating the table; new events are kept and counted"),
                                           m_pauseAction));
    m_clearAction->setText(tr("Clear"));
    m_clearAction->setToolTip(withShortcut(tr("Remove every event from the table"), m_clearAction));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setToolTip(tr("Save the events shown (after filtering) to a file"));
    m_exportJsonAction->setText(tr("Export as JSON…"));
    m_exportJsonAction->setToolTip(withShortcut(tr("Save the events shown as a JSON array"), m_exportJsonAction));
    m_exportCsvAction->setText(tr("Export as CSV…"));
    m_exportCsvAction->setToolTip(withShortcut(tr("Save the events shown as CSV"), m_exportCsvAction));
    m_recordAction->setText(tr("Record…"));
    m_recordAction->setToolTip(withShortcut(
        tr("Write every event from now on to a file, one JSON object per line, also while paused or filtered"),
        m_recordAction));
    m_stopRecordingButton->setText(tr("Stop recording"));
    m_stopRecordingButton->setToolTip(tr("Close the recording file"));
    m_capacityLabel->setText(tr("&Keep:"));
    m_capacitySpinBox->setSuffix(tr(" events"));
    m_capacitySpinBox->setToolTip(tr("How many events the table keeps; older ones are dropped"));
    m_copyEventAction->setText(tr("Copy as JSON"));
    m_payloadHexLabel->setText(tr("frm_payload (hex):"));
    m_payloadBase64Label->setText(tr("frm_payload (base64):"));
    updateNotices();
    updateRecordingState();
    updateEngineState();
    showCurrentEvent();
}

void LiveDataPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_pauseAction)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LiveDataPage::showDevice(const QString &deviceId)
{
    m_deviceFilterEdit->setText(deviceId);
}

void LiveDataPage::appendEvents(const EngineEvents &events)
{
    m_recorder->record(events);
    m_model->append(events);
}

void LiveDataPage::setPaused(bool paused)
{
    if (m_pauseAction->isChecked() != paused) {
        m_pauseAction->setChecked(paused); // comes back here through toggled()
        return;
    }
    m_model->setPaused(paused);
    retranslateUi();
}

void LiveDataPage::clear()
{
    m_model->clear();
    m_detailView->setJson({});
}

void LiveDataPage::exportJson()
{
    exportAs(LiveEventExport::Format::Json);
}

void LiveDataPage::exportCsv()
{
    exportAs(LiveEventExport::Format::Csv);
}

void LiveDataPage::exportAs(LiveEventExport::Format format)
{
    const bool csv = format == LiveEventExport::Format::Csv;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString suggested = QDir::home().filePath(
        QStringLiteral("live-data-%1.%2").arg(stamp, csv ? QStringLiteral("csv") : QStringLiteral("json")));
    const QString path =
        FileDialog::getSaveFileName(this, csv ? tr("Export live data as CSV") : tr("Export live data as JSON"),
                                    suggested, csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    const EngineEvents events = m_proxy->filteredEvents();
    const Status written = LiveEventExport::writeFile(path, events, format);
    if (!written) {
        emit statusMessage(written.error().toString());
        MessageBox::warning(this, tr("Export failed"), written.error().toString(), written.error().detail());
        return;
    }
    emit statusMessage(
        tr("Exported %n event(s) to %1", nullptr, int(events.size())).arg(QDir::toNativeSeparators(path)));
}

void LiveDataPage::startRecording()
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString path = FileDialog::getSaveFileName(
        this, tr("Record live data to a file"), QDir::home().filePath(QStringLiteral("live-data-%1.jsonl").arg(stamp)),
        tr("JSON lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    const Status started = m_recorder->start(path);
    if (!started) {
        emit statusMessage(started.error().toString());
        MessageBox::warning(this, tr("Recording failed"), started.error().toString(), started.error().detail());
        return;
    }
    emit statusMessage(tr("Recording every event to %1").arg(QDir::toNativeSeparators(path)));
}

void LiveDataPage::stopRecording()
{
    if (!m_recorder->isRecording())
        return;
    m_recorder->stop();
    emit statusMessage(tr("Recorded %n event(s) to %1", nullptr, int(m_recorder->count()))
                           .arg(QDir::toNativeSeparators(m_recorder->fileName())));
}

void LiveDataPage::updateNotices()
{
    const QLocale locale;
    const quint64 dropped = m_model->droppedCount();
    m_droppedNoticeLabel->setVisible(dropped > 0);
    if (dropped > 0) {
        m_droppedNoticeLabel->setText(tr("%n older event(s) dropped (the table keeps the newest %1).", nullptr,
                                         int(std::min<quint64>(dropped, INT_MAX)))
                                          .arg(locale.toString(m_model->capacity())));
    }
    m_pausedNoticeLabel->setVisible(m_model->isPaused());
    if (m_model->isPaused())
        m_pausedNoticeLabel->setText(tr("Paused: %n new event(s) while paused.", nullptr, m_model->pendingCount()));
    m_countLabel->setText(
        tr("Showing %1 of %2 events").arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount())));
}

void LiveDataPage::updateRecordingState()
{
    const bool recording = m_recorder->isRecording();
    m_recordingLabel->setVisible(recording);
    m_stopRecordingButton->setVisible(recording);
    m_recordAction->setEnabled(!recording);
    if (recording) {
        m_recordingLabel->setText(
            tr("Recording to %1: %n event(s)", nullptr, int(std::min<quint64>(m_recorder->count(), INT_MAX)))
                .arg(QFileInfo(m_recorder->fileName()).fileName()));
        m_recordingLabel->setToolTip(QDir::toNativeSeparators(m_recorder->fileName()));
    }
}

void LiveDataPage::updateEngineState()
{
    const bool running = m_engine && m_engine->isRunning();
    m_engineStateLabel->setVisible(!running);
    m_engineStateLabel->setText(m_engine
                                    ? tr("The engine is not running: start it on the Bridge page to see live events.")
                                    : tr("No engine in this window: live events cannot be shown."));
}

void LiveDataPage::updateRowActions()
{
    const QModelIndex current = m_table->currentIndex();
    m_copyEventAction->setEnabled(current.isValid());
    const QString deviceId = current.isValid() ? current.data(LiveEventModel::DeviceIdRole).toString() : QString();
    m_showDeviceAction->setEnabled(!deviceId.isEmpty());
    m_showDeviceAction->setText(deviceId.isEmpty() ? tr("Show only this device") : tr("Show only %1").arg(deviceId));
}

void LiveDataPage::copyCurrentEvent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const EngineEvent &event = m_model->eventAt(m_proxy->mapToSource(current).row());
    QGuiApplication::clipboard()->setText(
        QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Indented)));
    emit statusMessage(tr("Copied the event as JSON"));
}

void LiveDataPage::showCurrentEvent()
{
    updateRowActions();
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detailTitleLabel->setText(tr("Select an event to see its details."));
        m_payloadBox->hide();
        m_detailView->setJson({});
        return;
    }
    const EngineEvent &event = m_model->eventAt(m_proxy->mapToSource(current).row());
    m_detailTitleLabel->setText(event.summary);
    const std::optional<QByteArray> payload = LiveEventModel::framePayload(event);
    m_payloadBox->setVisible(payload.has_value());
    m_payloadHexEdit->setText(payload ? hexText(*payload) : QString());
    m_payloadBase64Edit->setText(payload ? QString::fromLatin1(payload->toBase64()) : QString());
    m_detailView->setJson(event.toJson());
}

void LiveDataPage::applyTypeFilter()
{
    const int kind = m_typeFilterCombo->currentData().toInt();
    m_proxy->setKindFilter(kind < 0 ? std::nullopt : std::optional<EngineEvent::Kind>(EngineEvent::Kind(kind)));
}

void LiveDataPage::restoreState()
{
    if (!m_settings)
        return;
    const QByteArray header = m_settings->value(Settings::Key::LiveDataHeaderState).toByteArray();
    if (!header.isEmpty())
        m_table->horizontalHeader()->restoreState(header);
    const QByteArray splitter = m_settings->value(Settings::Key::LiveDataSplitterState).toByteArray();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
}

void LiveDataPage::saveState()
{
    if (!m_settings)
        return;
    m_settings->setValue(Settings::Key::LiveDataHeaderState, m_table->horizontalHeader()->saveState());
    m_settings->setValue(Settings::Key::LiveDataSplitterState, m_splitter->saveState());
}

} // namespace TwinBridge
