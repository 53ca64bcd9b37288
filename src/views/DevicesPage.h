#pragma once

#include "models/DeviceMirrorRow.h"
#include "services/mirror/MirrorBulkRunner.h"
#include "services/mirror/MirrorSnapshot.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;

namespace TwinBridge {

class DeviceBulkActionDialog;
class DeviceMirrorFilterModel;
class DeviceMirrorModel;
class EngineHost;
class MirrorLoader;
class ProfileSession;
class Settings;

// The Devices page (issue 7 "Devices — the mirror"): one table merging the TTS application's end devices and the
// hub's identities by device id, with sync states, search, a state filter with counts, paged loading with
// progress and Cancel, incremental refresh, live updates from the engine, bulk actions with dry run, export
// (CSV/JSON) and a context menu. Clients come from the ProfileSession; a load starts when the page is first shown
// with an open session (and again whenever the session changes while it is shown).
class DevicesPage : public QWidget
{
    Q_OBJECT

public:
    // `engine` may be nullptr (no live updates); `settings` nullptr = Settings::instance().
    DevicesPage(ProfileSession *session, EngineHost *engine, Settings *settings = nullptr, QWidget *parent = nullptr);
    ~DevicesPage() override;

    DeviceMirrorModel *model() const { return m_model; }
    DeviceMirrorFilterModel *proxy() const { return m_proxy; }
    QStringList selectedDeviceIds() const;
    bool isLoading() const;
    // The open bulk-action dialog, if any.
    DeviceBulkActionDialog *bulkDialog() const;

public slots:
    // Loads both sides again; only what changed is updated.
    void refresh();
    void cancelLoad();
    // Opens the dry-run preview of `action` for the selected rows.
    void startBulkAction(TwinBridge::MirrorBulkRunner::Action action);
    // Asks for a file (CSV or JSON by its extension) and writes the rows the filter shows.
    void exportRows();
    // Writes the rows the filter shows to `path`; false (and a message) on failure.
    bool exportRowsTo(const QString &path);

signals:
    void openTwinRequested(const QString &deviceId);
    void showLiveDataRequested(const QString &deviceId);
    void statusMessage(const QString &message);
    // A load ended (finished, failed or canceled).
    void loadFinished();
    // A bulk run ended.
    void bulkActionFinished();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void applyDefaultColumnWidths();
    void onSessionChanged();
    void onLoadProgress(int ttsLoaded, int ttsTotal, int hubLoaded, int hubTotal);
    void onLoadFinished(const MirrorSnapshot &snapshot);
    void updateCounts();
    void updateActions();
    void showContextMenu(const QPoint &position);
    QString currentDeviceId() const;
    QString currentDevEui() const;
    void runBulk(MirrorBulkRunner::Action action, const QList<MirrorBulkRunner::Item> &items);
    void onBulkItemFinished(int index, const MirrorBulkRunner::ItemResult &result);
    void saveHeaderState();

    QPointer<ProfileSession> m_session;
    QPointer<EngineHost> m_engine;
    Settings *m_settings;
    DeviceMirrorModel *m_model;
    DeviceMirrorFilterModel *m_proxy;
    MirrorLoader *m_loader;
    QPointer<MirrorBulkRunner> m_runner;
    QPointer<DeviceBulkActionDialog> m_dialog;
    QStringList m_pendingIds;
    bool m_needsLoad = false; // the session opened and nothing was loaded for it yet

    QLineEdit *m_searchEdit = nullptr;
    QComboBox *m_stateCombo = nullptr;
    QLabel *m_countsLabel = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_actionsButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_loadLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTableView *m_table = nullptr;

    QAction *m_createIdentitiesAction = nullptr;
    QAction *m_createTtsAction = nullptr;
    QAction *m_enableAction = nullptr;
    QAction *m_disableAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_copyDevEuiAction = nullptr;
    QAction *m_openTwinAction = nullptr;
    QAction *m_showLiveAction = nullptr;
};

} // namespace TwinBridge
