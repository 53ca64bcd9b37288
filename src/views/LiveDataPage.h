#pragma once

#include "models/LiveEventExport.h"
#include "services/core/ServiceError.h"
#include "services/engine/EngineEvent.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QSplitter;
class QStringListModel;
class QTableView;
class QTimer;
class QToolButton;

namespace TwinBridge {

class EngineHost;
class JsonDetailView;
class LiveEventFilterProxy;
class LiveEventModel;
class LiveEventRecorder;
class Settings;

// The Live data page: every event of the engine (uplinks, joins, downlink events, twin changes, identity
// creations, errors) as it happens, newest first, in a bounded table (Settings::LiveDataCapacity, default
// 10,000; a notice counts the older events dropped). Filters by device, type and text; pause (events keep
// arriving and are counted, the table stands still), resume and clear; a detail pane with the event's JSON and,
// for uplinks, frm_payload as hex and base64; export of the rows shown as JSON or CSV; and a recording of every
// event to a JSON-lines file that goes on while the table is paused or filtered.
class LiveDataPage : public QWidget
{
    Q_OBJECT

public:
    // `engine` may be null (no events then); `settings` null means Settings::instance().
    explicit LiveDataPage(EngineHost *engine, Settings *settings = nullptr, QWidget *parent = nullptr);
    ~LiveDataPage() override;

    LiveEventModel *model() const { return m_model; }
    LiveEventFilterProxy *proxy() const { return m_proxy; }
    LiveEventRecorder *recorder() const { return m_recorder; }

public slots:
    // Shows the events of one device only (sets the device filter; empty shows every device).
    void showDevice(const QString &deviceId);
    // What EngineHost::eventsReady delivers: into the table (or the pause buffer) and into a running recording.
    void appendEvents(const TwinBridge::EngineEvents &events);
    void setPaused(bool paused);
    void clear();
    void exportJson();
    void exportCsv();
    // Asks for a file and records every event into it from now on.
    void startRecording();
    void stopRecording();

signals:
    // A short sentence for the main window's status bar.
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    QWidget *buildDetailPane();
    QAction *addShortcutAction(const QString &objectName, const QKeySequence &shortcut);
    void retranslateUi();
    void exportAs(LiveEventExport::Format format);
    void updateNotices();
    void updateRecordingState();
    void updateEngineState();
    void showCurrentEvent();
    void updateRowActions();
    void copyCurrentEvent();
    void restoreState();
    void saveState();
    void applyTypeFilter();

    QPointer<EngineHost> m_engine;
    Settings *m_settings = nullptr;
    LiveEventModel *m_model = nullptr;
    LiveEventFilterProxy *m_proxy = nullptr;
    LiveEventRecorder *m_recorder = nullptr;
    QStringListModel *m_deviceCompletions = nullptr;
    QTimer *m_saveStateTimer = nullptr;

    QLineEdit *m_deviceFilterEdit = nullptr;
    QComboBox *m_typeFilterCombo = nullptr;
    QLineEdit *m_textFilterEdit = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QToolButton *m_clearButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QToolButton *m_recordButton = nullptr;
    QToolButton *m_stopRecordingButton = nullptr;
    QSpinBox *m_capacitySpinBox = nullptr;
    QLabel *m_capacityLabel = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_recordAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_copyEventAction = nullptr;
    QAction *m_showDeviceAction = nullptr;

    QLabel *m_engineStateLabel = nullptr;
    QLabel *m_droppedNoticeLabel = nullptr;
    QLabel *m_pausedNoticeLabel = nullptr;
    QLabel *m_recordingLabel = nullptr;
    QLabel *m_countLabel = nullptr;

    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_detailTitleLabel = nullptr;
    QWidget *m_payloadBox = nullptr;
    QLabel *m_payloadHexLabel = nullptr;
    QLabel *m_payloadBase64Label = nullptr;
    QLineEdit *m_payloadHexEdit = nullptr;
    QLineEdit *m_payloadBase64Edit = nullptr;
    JsonDetailView *m_detailView = nullptr;
};

} // namespace TwinBridge
