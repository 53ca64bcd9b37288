#pragma once

#include <QWizard>

namespace TwinBridge {

class DeploymentSession;

// The console's deployment wizard (issue 8, docs/deploy.md): one QWizard over a DeploymentSession whose pages
// follow the session's purpose — a first deployment runs Mode → Sign-in → Azure target → TTS application →
// Options → Review → Progress → Finish, an update Sign-in → TTS application → Options → Review → Progress →
// Finish, an uninstall Sign-in → Uninstall (DeployWizardPageId).
//
// Closing or canceling while a page is busy asks first. A page says it is busy with the dynamic property
// busyProperty() ("busy", a bool); once Azure accepted a deployment the question says that the deployment goes
// on in Azure whatever the wizard does.
class DeployWizard : public QWizard
{
    Q_OBJECT

public:
    explicit DeployWizard(DeploymentSession *session, QWidget *parent = nullptr);
    ~DeployWizard() override;

    DeploymentSession *session() const { return m_session; }

    int nextId() const override;
    // The page that follows `id` for the session's purpose (-1 after the last one); pages not registered are
    // skipped to -1.
    int nextIdAfter(int id) const;

    // The name of the dynamic bool property a page sets while it runs something long.
    static const char *busyProperty() { return "busy"; }
    // Whether a page runs something long (busyProperty()).
    bool isBusy() const;
    // Whether Azure accepted a deployment in this session (it then runs to its end in Azure).
    bool deploymentAccepted() const { return m_deploymentAccepted; }

public slots:
    void reject() override;

private:
    void watchDeployments();

    DeploymentSession *m_session;
    bool m_deploymentAccepted = false;
};

} // namespace TwinBridge
