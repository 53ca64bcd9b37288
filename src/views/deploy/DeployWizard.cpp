#include "views/deploy/DeployWizard.h"

#include "services/azure/ArmClient.h"
#include "services/azure/TokenCredential.h"
#include "services/deploy/DeploymentSession.h"
#include "views/MessageBox.h"
#include "views/deploy/AzureTargetPage.h"
#include "views/deploy/DeployWizardPageId.h"
#include "views/deploy/FinishPage.h"
#include "views/deploy/ModePage.h"
#include "views/deploy/OptionsPage.h"
#include "views/deploy/ProgressPage.h"
#include "views/deploy/ReviewPage.h"
#include "views/deploy/SignInPage.h"
#include "views/deploy/TtsApplicationPage.h"
#include "views/deploy/UninstallPage.h"

#include <QVariant>

namespace TwinBridge {

namespace {

QList<int> pageOrder(DeploymentSession::Purpose purpose)
{
    switch (purpose) {
    case DeploymentSession::Purpose::Deploy:
        return {ModePageId,    SignInPageId, AzureTargetPageId, TtsApplicationPageId,
                OptionsPageId, ReviewPageId, ProgressPageId,    FinishPageId};
    case DeploymentSession::Purpose::Update:
        return {SignInPageId, TtsApplicationPageId, OptionsPageId, ReviewPageId, ProgressPageId, FinishPageId};
    case DeploymentSession::Purpose::Uninstall:
        return {SignInPageId, UninstallPageId};
    }
    return {};
}

} // namespace

DeployWizard::DeployWizard(DeploymentSession *session, QWidget *parent)
    : QWizard(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("deployWizard"));
    switch (session->purpose()) {
    case DeploymentSession::Purpose::Deploy:
        setWindowTitle(tr("Deploy the Azure side"));
        break;
    case DeploymentSession::Purpose::Update:
        setWindowTitle(tr("Update the Azure side"));
        break;
    case DeploymentSession::Purpose::Uninstall:
        setWindowTitle(tr("Uninstall the Azure side"));
        break;
    }
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    // Wide and tall enough for the review page's what-if list and the ARM error details.
    setMinimumSize(820, 620);

    if (session->purpose() == DeploymentSession::Purpose::Deploy)
        setPage(ModePageId, new ModePage(session, this));
    setPage(SignInPageId, new SignInPage(session, this));
    if (session->purpose() == DeploymentSession::Purpose::Deploy)
        setPage(AzureTargetPageId, new AzureTargetPage(session, this));
    if (session->purpose() != DeploymentSession::Purpose::Uninstall)
        setPage(TtsApplicationPageId, new TtsApplicationPage(session, this));

    // ---- Pages of branch wizard-b (OptionsPage, ReviewPage, ProgressPage, FinishPage, UninstallPage) ----
    if (session->purpose() != DeploymentSession::Purpose::Uninstall) {
        setPage(OptionsPageId, new OptionsPage(session, this));
        setPage(ReviewPageId, new ReviewPage(session, this));
        setPage(ProgressPageId, new ProgressPage(session, this));
        setPage(FinishPageId, new FinishPage(session, this));
    } else {
        setPage(UninstallPageId, new UninstallPage(session, this));
    }
    // ---- end of the wizard-b block ----

    setStartId(pageOrder(session->purpose()).constFirst());

    connect(session, &DeploymentSession::credentialChanged, this, &DeployWizard::watchDeployments);
    watchDeployments();
}

DeployWizard::~DeployWizard() = default;

int DeployWizard::nextId() const
{
    return nextIdAfter(currentId());
}

int DeployWizard::nextIdAfter(int id) const
{
    const QList<int> order = pageOrder(m_session->purpose());
    const qsizetype index = order.indexOf(id);
    if (index < 0 || index + 1 >= order.size())
        return -1;
    const int next = order.at(index + 1);
    return page(next) ? next : -1;
}

bool DeployWizard::isBusy() const
{
    const QList<int> ids = pageIds();
    for (int id : ids) {
        if (page(id)->property(busyProperty()).toBool())
            return true;
    }
    return false;
}

void DeployWizard::reject()
{
    if (isBusy()) {
        const QString text = m_deploymentAccepted
            ? tr("Azure has accepted the deployment: it goes on in Azure even when you close the wizard, and "
                 "its resources are created (and cost money) until you uninstall them. Close the wizard anyway?")
            : tr("An operation is still running. Stop it and close the wizard?");
        if (MessageBox::question(this, windowTitle(), text) != QMessageBox::Yes)
            return;
    }
    QWizard::reject();
}

void DeployWizard::watchDeployments()
{
    if (ArmClient *arm = m_session->arm())
        connect(arm, &ArmClient::deploymentAccepted, this, [this] { m_deploymentAccepted = true; });
}

} // namespace TwinBridge
