#include "views/deploy/UninstallPage.h"

#include "services/azure/ArmClient.h"
#include "services/azure/TokenCredential.h" // DeploymentSession.h needs it complete
#include "services/core/Logging.h"
#include "services/deploy/DeploymentSession.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ProfileStore.h"
#include "views/deploy/ArmErrorView.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QVBoxLayout>

namespace TwinBridge {

UninstallPage::UninstallPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_whatGoes(new QLabel(this))
    , m_confirmLabel(new QLabel(this))
    , m_confirm(new QLineEdit(this))
    , m_busy(new QProgressBar(this))
    , m_progress(new QLabel(this))
    , m_error(new ArmErrorView(this))
{
    setTitle(tr("Uninstall"));
    setSubTitle(tr("Deletes the Azure side of this profile. This cannot be undone."));
    setFinalPage(true);

    m_whatGoes->setObjectName(QStringLiteral("whatGoesLabel"));
    m_whatGoes->setWordWrap(true);
    m_whatGoes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_confirmLabel->setWordWrap(true);
    m_confirmLabel->setBuddy(m_confirm);
    m_confirm->setObjectName(QStringLiteral("confirmNameEdit"));
    m_confirm->setAccessibleName(tr("Resource group name to confirm"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(8);
    m_busy->setAccessibleName(tr("Uninstall running"));
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_progress->setWordWrap(true);
    m_progress->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setRetryVisible(false); // Delete retries; Retry only repeats a failed look-up

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_whatGoes);
    layout->addWidget(m_confirmLabel);
    layout->addWidget(m_confirm);
    layout->addWidget(m_busy);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addStretch();

    connect(m_confirm, &QLineEdit::textChanged, this, &UninstallPage::completeChanged);
    connect(m_error, &ArmErrorView::retryRequested, this, &UninstallPage::lookUpGroup);
}

void UninstallPage::initializePage()
{
    setButtonText(QWizard::FinishButton, tr("&Delete"));
    m_confirm->clear();
    m_confirm->setEnabled(true);
    m_progress->clear();
    m_error->clear();
    m_confirmLabel->setText(
        tr("&Type the name of the resource group, %1, to confirm:").arg(m_session->plan().resourceGroup));
    lookUpGroup();
}

void UninstallPage::lookUpGroup()
{
    m_groupExists.reset();
    m_error->clear();
    setState(State::Checking);
    describe();
    if (!m_session->arm()) {
        failed(ServiceError::notConfigured(tr("You are not signed in to Azure. Go back to the sign-in page.")));
        return;
    }
    const quint64 run = ++m_run;
    const DeploymentPlan &plan = m_session->plan();
    m_session->arm()
        ->getResourceGroup(plan.subscriptionId, plan.resourceGroup)
        .then(this, [this, run](Result<ArmResourceGroup> group) {
            if (run != m_run)
                return;
            if (!group && group.error().kind() != ServiceError::Kind::NotFound) {
                failed(group.error());
                return;
            }
            m_groupExists = group.ok();
            describe();
            setState(State::Ready);
        });
}

void UninstallPage::describe()
{
    const DeploymentPlan &plan = m_session->plan();
    QStringList lines;
    if (!m_groupExists) {
        lines << tr("Looking up resource group %1…").arg(plan.resourceGroup);
    } else if (*m_groupExists) {
        lines << tr("Will be deleted:");
        lines << tr("• resource group %1 in subscription %2 with everything in it: IoT hub %3 (its devices and "
                    "twins), the Event Hubs namespace, the storage account and the Function app")
                     .arg(plan.resourceGroup, plan.subscriptionId, plan.hubName());
    } else {
        lines << tr("Resource group %1 does not exist in subscription %2: there is nothing to delete in Azure.")
                     .arg(plan.resourceGroup, plan.subscriptionId);
        lines << tr("Will be deleted:");
    }
    QStringList secrets;
    for (SecretKind kind : SecretStore::allKinds)
        secrets << SecretStore::displayName(kind);
    lines << tr("• the secrets of profile %1: %2").arg(m_session->profile().name, secrets.join(QStringLiteral(", ")));
    lines << tr("• the IoT hub host name and resource group in profile %1 (the rest of the profile stays)")
                 .arg(m_session->profile().name);
    m_whatGoes->setText(lines.join(QLatin1Char('\n')));
}

bool UninstallPage::isComplete() const
{
    if (m_state == State::Done)
        return true;
    return (m_state == State::Ready || m_state == State::Failed) && m_groupExists.has_value() &&
        m_confirm->text() == m_session->plan().resourceGroup;
}

bool UninstallPage::validatePage()
{
    if (m_state == State::Done)
        return true;
    if (isComplete())
        deleteGroup();
    return false; // the page finishes once the uninstall is done
}

void UninstallPage::deleteGroup()
{
    m_error->clear();
    m_confirm->setEnabled(false);
    if (!m_groupExists.value_or(false)) {
        removeSecrets();
        return;
    }
    setState(State::Deleting);
    const DeploymentPlan &plan = m_session->plan();
    m_progress->setText(tr("Deleting resource group %1…").arg(plan.resourceGroup));
    const quint64 run = ++m_run;
    auto progress = connect(m_session->deployer(), &AzureDeployer::operationStatus, this,
                            [this](const QString &operation, const QString &status) {
                                m_progress->setText(tr("%1: %2").arg(operation, status));
                            });
    m_session->deployer()
        ->uninstall(plan.subscriptionId, plan.resourceGroup)
        .then(this, [this, run, progress](Status deleted) {
            disconnect(progress);
            if (run != m_run)
                return;
            if (!deleted && deleted.error().kind() != ServiceError::Kind::NotFound) {
                failed(deleted.error());
                return;
            }
            qCInfo(lcUi) << "resource group of the profile deleted";
            m_progress->setText(tr("Resource group %1 is deleted.").arg(m_session->plan().resourceGroup));
            removeSecrets();
        });
}

void UninstallPage::removeSecrets()
{
    setState(State::RemovingSecrets);
    SecretStore *secrets = m_session->secretStore();
    if (!secrets) {
        clearProfile();
        return;
    }
    const quint64 run = ++m_run;
    secrets->removeAll(m_session->profile().id).then(this, [this, run](Status removed) {
        if (run != m_run)
            return;
        if (!removed) {
            failed(removed.error());
            return;
        }
        m_progress->setText(m_progress->text() + QLatin1Char('\n') +
                            tr("The secrets of profile %1 are removed.").arg(m_session->profile().name));
        clearProfile();
    });
}

void UninstallPage::clearProfile()
{
    ConnectionProfile &profile = m_session->profile();
    profile.iotHub.hostName.clear();
    profile.azure.resourceGroup.clear();
    ProfileStore *store = m_session->profileStore();
    if (store && store->contains(profile.id)) {
        if (const Status saved = store->update(profile); !saved) {
            failed(saved.error());
            return;
        }
    }
    m_progress->setText(m_progress->text() + QLatin1Char('\n') +
                        tr("Profile %1 no longer names an IoT hub.").arg(profile.name));
    setButtonText(QWizard::FinishButton, tr("&Finish"));
    setState(State::Done);
    emit uninstallFinished(true);
}

void UninstallPage::failed(const ServiceError &error)
{
    m_error->setError(error);
    m_error->setRetryVisible(!m_groupExists.has_value());
    m_confirm->setEnabled(true);
    setState(State::Failed);
    emit uninstallFinished(false);
}

void UninstallPage::setState(State state)
{
    m_state = state;
    const bool busy = state == State::Checking || state == State::Deleting || state == State::RemovingSecrets;
    m_busy->setVisible(busy);
    setProperty("busy", busy); // DeployWizard::busyProperty(): closing the wizard asks first
    m_confirm->setVisible(state != State::Done);
    m_confirmLabel->setVisible(state != State::Done);
    emit completeChanged();
}

} // namespace TwinBridge
