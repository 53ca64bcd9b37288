#pragma once

#include "services/mirror/MirrorBulkRunner.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace TwinBridge {

// One bulk action on the device mirror's selection, in three steps in one window: the dry-run preview (per device
// what will be done or why it is skipped; destructive actions ask to type a confirmation word), the run
// (progress with ETA under the registry throttle, Cancel) and the per-device results. Opened with open(), never
// exec(): nothing blocks, tests drive it by object names.
class DeviceBulkActionDialog : public QDialog
{
    Q_OBJECT

public:
    DeviceBulkActionDialog(MirrorBulkRunner::Action action, const QList<MirrorBulkRunner::Item> &items,
                           QWidget *parent = nullptr);

    MirrorBulkRunner::Action action() const { return m_action; }
    const QList<MirrorBulkRunner::PlannedStep> &steps() const { return m_steps; }
    // The word a destructive action asks to type ("delete", translated).
    static QString confirmationWord();

    // Shows `runner`'s progress and results from now on (the page starts it).
    void attachRunner(MirrorBulkRunner *runner);

public slots:
    // Esc and the window's close button: while the run goes on they cancel it (the window stays to show the
    // results); otherwise they close the window.
    void reject() override;

signals:
    // The user confirmed the preview: start the run with these items.
    void runRequested(const QList<TwinBridge::MirrorBulkRunner::Item> &items);

private:
    void updateRunEnabled();
    void onRun();
    void onItemStarted(int index, const QString &deviceId);
    void onItemFinished(int index, const MirrorBulkRunner::ItemResult &result);
    void onProgress(int done, int total);
    void onFinished();
    int tableRowOf(int runIndex) const;

    MirrorBulkRunner::Action m_action;
    QList<MirrorBulkRunner::PlannedStep> m_steps;
    QList<int> m_runRows; // run index → table row
    QPointer<MirrorBulkRunner> m_runner;
    QString m_pace;

    QLabel *m_summaryLabel = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLineEdit *m_confirmEdit = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_etaLabel = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace TwinBridge
