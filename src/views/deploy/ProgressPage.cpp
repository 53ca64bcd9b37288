#include "views/deploy/ProgressPage.h"

#include "models/DeploymentOperationModel.h"
#include "services/azure/ArmClient.h"
#include "services/azure/TokenCredential.h" // DeploymentSession.h needs it complete
#include "services/core/Logging.h"
#include "services/deploy/DeploymentSession.h"
#include "services/secrets/SecretStore.h"
#include "views/deploy/ArmErrorView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace TwinBridge {

ProgressPage::ProgressPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_model(new DeploymentOperationModel(this))
    , m_stepLabel(new QLabel(this))
    , m_deploymentState(new QLabel(this))
    , m_elapsedLabel(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_table(new QTableView(this))
    , m_result(new QLabel(this))
    , m_error(new ArmErrorView(this))
    , m_cancel(new QPushButton(tr("&Cancel deployment"), this))
    , m_ticker(new QTimer(this))
{
    setTitle(tr("Deploying"));
    setSubTitle(tr("Azure creates the resources one after another; this takes a few minutes."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Next >"));

    m_stepLabel->setObjectName(QStringLiteral("stepLabel"));
    m_stepLabel->setWordWrap(true);
    m_deploymentState->setObjectName(QStringLiteral("deploymentStateLabel"));
    m_deploymentState->setAccessibleName(tr("Deployment state"));
    m_elapsedLabel->setObjectName(QStringLiteral("elapsedLabel"));
    m_elapsedLabel->setAccessibleName(tr("Elapsed time"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(8);
    m_busy->setAccessibleName(tr("Deployment running"));
    m_table->setObjectName(QStringLiteral("operationsView"));
    m_table->setAccessibleName(tr("Resources of the deployment"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(DeploymentOperationModel::ResourceColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DeploymentOperationModel::TypeColumn,
                                                      QHeaderView::ResizeToContents);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancel->setObjectName(QStringLiteral("cancelDeploymentButton"));
    m_cancel->setAccessibleName(tr("Cancel the deployment"));

    auto *status = new QHBoxLayout;
    status->addWidget(new QLabel(tr("Deployment:"), this));
    status->addWidget(m_deploymentState);
    status->addStretch();
    status->addWidget(new QLabel(tr("Elapsed:"), this));
    status->addWidget(m_elapsedLabel);
    status->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stepLabel);
    layout->addLayout(status);
    layout->addWidget(m_busy);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_result);
    layout->addWidget(m_error);

    // Azure's message column only once a resource failed.
    auto showMessages = [this]() {
        m_table->setColumnHidden(DeploymentOperationModel::MessageColumn,
                                 m_model->resourcesIn(QStringLiteral("Failed")).isEmpty());
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, showMessages);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, showMessages);
    connect(m_model, &QAbstractItemModel::modelReset, this, showMessages);
    showMessages();

    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &ProgressPage::updateElapsed);
    connect(m_cancel, &QPushButton::clicked, this, &ProgressPage::cancel);
    connect(m_error, &ArmErrorView::retryRequested, this, &ProgressPage::start);
    setState(State::Idle);
}

void ProgressPage::initializePage()
{
    start();
}

bool ProgressPage::isComplete() const
{
    return m_state == State::Succeeded;
}

void ProgressPage::connectDeployer()
{
    for (QMetaObject::Connection &connection : m_deployerConnections)
        disconnect(connection);
    AzureDeployer *deployer = m_session->deployer();
    if (!deployer)
        return;
    m_deployerConnections[0] =
        connect(deployer, &AzureDeployer::operationChanged, m_model, &DeploymentOperationModel::update);
    m_deployerConnections[1] =
        connect(deployer, &AzureDeployer::deploymentStateChanged, this, [this](const QString &provisioningState) {
            m_deploymentState->setText(DeploymentOperationModel::stateText(provisioningState));
        });
    m_deployerConnections[2] = connect(deployer, &AzureDeployer::stepChanged, this, [this](AzureDeployer::Step step) {
        switch (step) {
        case AzureDeployer::Step::EnsuringResourceGroup:
            m_stepLabel->setText(tr("Preparing resource group %1…").arg(m_session->plan().resourceGroup));
            break;
        case AzureDeployer::Step::Deploying:
            m_stepLabel->setText(tr("Deploying %1 to resource group %2…")
                                     .arg(m_session->plan().deploymentName, m_session->plan().resourceGroup));
            break;
        case AzureDeployer::Step::FetchingKey:
            m_stepLabel->setText(tr("Fetching the key of policy %1…").arg(DeploymentPlan::policyName()));
            break;
        case AzureDeployer::Step::DeletingResourceGroup:
            break;
        }
    });
}

void ProgressPage::start()
{
    if (m_state == State::StoringKey || m_state == State::Running || m_state == State::Canceling)
        return;
    ++m_run;
    m_model->clear();
    m_error->clear();
    m_result->clear();
    m_deploymentState->setText(tr("not started"));
    m_elapsed.start();
    m_ticker->start();
    updateElapsed();
    connectDeployer();
    if (!m_session->deployer()) {
        finished(ServiceError::notConfigured(tr("You are not signed in to Azure. Go back to the sign-in page.")));
        return;
    }
    // Engine mode: the engine must accept the key the Function will present, so it is stored first.
    SecretStore *secrets = m_session->secretStore();
    if (m_session->mode() == DeploymentSession::Mode::Engine && secrets && !m_session->ingestKey().isEmpty()) {
        setState(State::StoringKey);
        m_stepLabel->setText(tr("Storing the ingest key in the OS keychain…"));
        const quint64 run = m_run;
        secrets->write(m_session->profile().id, SecretKind::IngestKey, m_session->ingestKey())
            .then(this, [this, run](Status stored) {
                if (run != m_run)
                    return;
                if (!stored) {
                    ServiceError error = stored.error();
                    finished(ServiceError(error.kind(),
                                          tr("The ingest key could not be stored in the OS keychain (%1), so "
                                             "nothing was deployed. Unlock or start the keychain (Secret Service) "
                                             "and retry.")
                                              .arg(error.message()),
                                          error.detail()));
                    return;
                }
                qCInfo(lcUi) << "ingest key of the profile stored before deploying";
                deployNow();
            });
        return;
    }
    deployNow();
}

void ProgressPage::deployNow()
{
    setState(State::Running);
    m_session->setGroupCreatedByChecks({}); // from now on the group holds the deployment

    const quint64 run = m_run;
    m_session->deployer()->deploy(m_session->plan()).then(this, [this, run](Result<DeploymentOutcome> outcome) {
        if (run == m_run)
            finished(outcome);
    });
}

void ProgressPage::cancel()
{
    if (m_state != State::Running || !m_session->deployer())
        return;
    setState(State::Canceling);
    m_stepLabel->setText(tr("Asking Azure to cancel the deployment…"));
    m_session->deployer()->cancel().then(this, [this](Status canceled) {
        if (!canceled && m_state == State::Canceling)
            m_error->setError(canceled.error());
    });
}

void ProgressPage::finished(const Result<DeploymentOutcome> &outcome)
{
    m_ticker->stop();
    updateElapsed();
    if (outcome) {
        m_session->setOutcome(outcome.value());
        m_deploymentState->setText(DeploymentOperationModel::stateText(outcome.value().deployment.provisioningState));
        m_stepLabel->setText(tr("Done."));
        m_result->setText(tr("The deployment succeeded in %1. IoT hub %2 is ready; the next page stores its key "
                             "and the profile.")
                              .arg(m_elapsedLabel->text(), outcome.value().hostName));
        setState(State::Succeeded);
        return;
    }
    const ServiceError error = outcome.error();
    const bool canceled = error.kind() == ServiceError::Kind::Canceled;
    if (m_state != State::StoringKey) // else nothing was sent to Azure
        m_deploymentState->setText(
            DeploymentOperationModel::stateText(canceled ? QStringLiteral("Canceled") : QStringLiteral("Failed")));
    m_stepLabel->setText(canceled ? tr("Canceled.") : tr("The deployment failed."));
    m_error->setError(error);
    setState(canceled ? State::Canceled : State::Failed);
    // The last poll may predate the end: show each resource as Azure left it, then what stays in the group.
    const DeploymentPlan &plan = m_session->plan();
    if (!m_session->arm() || m_model->rowCount() == 0) {
        describeRemains();
        return;
    }
    const quint64 run = m_run;
    m_session->arm()
        ->listDeploymentOperations(plan.subscriptionId, plan.resourceGroup, plan.deploymentName)
        .then(this, [this, run](Result<QList<ArmDeploymentOperation>> operations) {
            if (run != m_run)
                return;
            if (operations) {
                for (const ArmDeploymentOperation &operation : operations.value()) {
                    if (!operation.targetResource.id.isEmpty())
                        m_model->update(operation);
                }
            }
            describeRemains();
        });
}

void ProgressPage::describeRemains()
{
    const QStringList remaining = m_model->resourcesIn(QStringLiteral("Succeeded"));
    const QString group = m_session->plan().resourceGroup;
    m_result->setText(
        remaining.isEmpty()
            ? tr("No resource was completed; resource group %1 stays in Azure (uninstall removes it).").arg(group)
            : tr("Created and still in resource group %1: %2. Deploy again (Retry) to complete the "
                 "rest, or uninstall to remove them.")
                  .arg(group, remaining.join(QStringLiteral(", "))));
}

void ProgressPage::setState(State state)
{
    m_state = state;
    const bool running = state == State::StoringKey || state == State::Running || state == State::Canceling;
    m_busy->setVisible(running);
    m_cancel->setVisible(running);
    m_cancel->setEnabled(state == State::Running);
    setProperty("busy", running); // DeployWizard::busyProperty(): closing the wizard asks first
    m_error->setRetryVisible(state == State::Failed || state == State::Canceled);
    emit completeChanged();
    emit stateChanged(state);
}

void ProgressPage::updateElapsed()
{
    const qint64 seconds = m_elapsed.isValid() ? m_elapsed.elapsed() / 1000 : 0;
    m_elapsedLabel->setText(tr("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

} // namespace TwinBridge
