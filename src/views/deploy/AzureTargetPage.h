#pragma once

#include "services/core/Result.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace TwinBridge {

class DeploymentSession;

// Where a first deployment goes: the subscription (those the signed-in account sees; the profile's one
// preselected), the region (physical regions by display name, westeurope unless the plan names another) and the
// resource group — a new one (named here, checked against Azure's naming rule) or an existing one of the
// subscription. Each list loads asynchronously with its state shown; a failure shows the ServiceError's sentence
// and a Retry. Sets the plan's subscription, region and group, the profile's subscription and whether the group
// exists already.
class AzureTargetPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit AzureTargetPage(DeploymentSession *session, QWidget *parent = nullptr);
    ~AzureTargetPage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

public slots:
    // Loads the subscriptions again (and then the regions and groups of the selected one).
    void reload();

private:
    void restart();
    void loadSubscriptions();
    void loadSubscriptionDetails();
    void loadGroups(const QString &subscriptionId, quint64 generation);
    void subscriptionChanged();
    void updateGroupState();
    void setLoading(const QString &what);
    void setFailed(const ServiceError &error);
    void setLoaded();
    QString groupNameProblem() const;
    QString selectedSubscription() const;
    void apply();

    DeploymentSession *m_session;
    QComboBox *m_subscriptionCombo;
    QComboBox *m_locationCombo;
    QRadioButton *m_newGroupRadio;
    QRadioButton *m_existingGroupRadio;
    QLineEdit *m_groupNameEdit;
    QComboBox *m_groupCombo;
    QLabel *m_groupProblemLabel;
    QProgressBar *m_progress;
    QLabel *m_statusLabel;
    QPushButton *m_retryButton;
    quint64 m_generation = 0;
    int m_pendingLoads = 0;
    bool m_failed = false;
};

} // namespace TwinBridge
