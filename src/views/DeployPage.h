#pragma once

#include "services/azure/TokenCredential.h" // DeploymentSession.h needs it complete (QPointer)
#include "services/deploy/DeploymentSession.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QNetworkAccessManager;
class QPushButton;

namespace TwinBridge {

class DeployWizard;
class ProfileStore;

// The Deploy page (issue 8): the Azure side of the current connection profile — the IoT hub's host name, its
// policy, the subscription and resource group, or that nothing is deployed yet — with three actions that open
// the DeployWizard: Deploy… (a first deployment for the current profile, or for a new profile when none is
// selected), Update… (redeploy with a new key; needs a deployed hub) and Uninstall… (delete the resource group
// and the profile's secrets; needs a deployed hub). One wizard at a time; the page follows the ProfileStore, so
// it shows what the wizard stored once it finished. A few lines say what gets deployed and what it costs.
class DeployPage : public QWidget
{
    Q_OBJECT

public:
    // `nam` serves the wizards' clients; without one the page makes its own. (Not ProfileSession's: that one is
    // replaced whenever the profile changes, which a wizard does while it runs.)
    explicit DeployPage(ProfileStore *profiles, QNetworkAccessManager *nam = nullptr, QWidget *parent = nullptr);
    ~DeployPage() override;

    // The wizard open now, or nullptr.
    DeployWizard *wizard() const;
    // Whether the current profile names a hub TwinBridge deployed (a host name and a resource group).
    bool isDeployed() const;

public slots:
    void deploy();
    void update();
    void uninstall();

signals:
    // A wizard was made for `session` and is about to be shown (tests shorten the session's ARM polling here).
    void wizardOpened(TwinBridge::DeployWizard *wizard, TwinBridge::DeploymentSession *session);
    // The wizard closed: accepted (it finished its work) or not.
    void wizardClosed(bool accepted);
    // The empty resource group a canceled wizard's checks had created was removed (or could not be).
    void groupCleanupFinished(const QString &group, bool removed);
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void retranslateUi();
    void refresh();
    void openWizard(DeploymentSession::Purpose purpose);
    void onWizardFinished(DeploymentSession *session, int result);
    void removeGroupCreatedByChecks(DeploymentSession *session);

    ProfileStore *m_profiles;
    QNetworkAccessManager *m_nam;
    QPointer<DeployWizard> m_wizard;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_profileCaption = nullptr;
    QLabel *m_hubCaption = nullptr;
    QLabel *m_policyCaption = nullptr;
    QLabel *m_subscriptionCaption = nullptr;
    QLabel *m_groupCaption = nullptr;
    QLabel *m_profileLabel = nullptr;
    QLabel *m_hubLabel = nullptr;
    QLabel *m_policyLabel = nullptr;
    QLabel *m_subscriptionLabel = nullptr;
    QLabel *m_groupLabel = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_explanationLabel = nullptr;
    QPushButton *m_deployButton = nullptr;
    QPushButton *m_updateButton = nullptr;
    QPushButton *m_uninstallButton = nullptr;
};

} // namespace TwinBridge
