#pragma once

#include "services/core/Result.h"
#include "services/deploy/AzureDeployer.h"

#include <QElapsedTimer>
#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace TwinBridge {

class ArmErrorView;
class DeploymentOperationModel;
class DeploymentSession;

// The deployment wizard's deploy step: when shown it runs AzureDeployer::deploy() with the session's plan (in
// engine mode it first stores the ingest key in the OS keychain, so that the engine accepts what the Function
// will send) and shows each resource's operation (state, duration, Azure's message on failure), the deployment's
// state and the elapsed time. Cancel asks Azure to stop; the page then says what stays in the resource group. On
// success the outcome goes to the session and Next is enabled; on failure the error with its details and Retry.
// A commit page: once left, it is not run again.
class ProgressPage : public QWizardPage
{
    Q_OBJECT

public:
    enum class State { Idle, StoringKey, Running, Canceling, Succeeded, Failed, Canceled };
    Q_ENUM(State)

    explicit ProgressPage(DeploymentSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    State state() const { return m_state; }
    DeploymentOperationModel *model() const { return m_model; }

signals:
    void stateChanged(TwinBridge::ProgressPage::State state);

private:
    void start();
    void deployNow();
    void finished(const Result<DeploymentOutcome> &outcome);
    void cancel();
    void describeRemains();
    void setState(State state);
    void updateElapsed();
    void connectDeployer();

    DeploymentSession *m_session;
    State m_state = State::Idle;
    quint64 m_run = 0; // results of older runs are ignored
    QElapsedTimer m_elapsed;
    DeploymentOperationModel *m_model;
    QLabel *m_stepLabel;
    QLabel *m_deploymentState;
    QLabel *m_elapsedLabel;
    QProgressBar *m_busy;
    QTableView *m_table;
    QLabel *m_result;
    ArmErrorView *m_error;
    QPushButton *m_cancel;
    QTimer *m_ticker;
    QMetaObject::Connection m_deployerConnections[4];
};

} // namespace TwinBridge
