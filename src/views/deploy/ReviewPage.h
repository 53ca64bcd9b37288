#pragma once

#include "services/azure/ArmTypes.h"
#include "services/core/ServiceError.h"
#include "services/deploy/AzureDeployer.h"

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QTreeWidget;

namespace TwinBridge {

class ArmErrorView;
class DeploymentSession;

// The deployment wizard's review: the plan in a few lines (subscription, group, region, tiers, where the Function
// posts — never a key), then the checks Azure runs before anything changes, each with its state: (update: the
// resource group exists,) pre-flight (resource providers registered — else a consent checkbox registers them —
// and the IoT hub name free, or for an update taken by the hub to update), no second free F1 hub in the
// subscription, ARM's validation of the template, and the what-if listing each resource with its change type
// (the changed property paths of a Modify below it). ARM errors appear with their details, copyable, with Retry.
// Next ("Deploy" / "Update") only once every check passed; it commits: the deployment starts on the next page.
class ReviewPage : public QWizardPage
{
    Q_OBJECT

public:
    enum class Check { ResourceGroup, Preflight, FreeTier, Validate, WhatIf };
    Q_ENUM(Check)
    enum class CheckState { Pending, Running, Passed, Failed, Skipped, Waiting };
    Q_ENUM(CheckState)

    explicit ReviewPage(DeploymentSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    CheckState checkState(Check check) const;
    bool isRunning() const { return m_running; }
    QList<WhatIfChange> changes() const { return m_changes; }

signals:
    // The checks ended: all passed, or one failed or waits for consent.
    void checksFinished(bool passed);

private:
    void runChecks();
    void checkResourceGroup();
    void runPreflight();
    void removeCreatedGroup();
    void setRunning(bool running);
    void evaluatePreflight();
    void registerProviders();
    void checkFreeTier();
    void runValidate();
    void runWhatIf();
    void showWhatIf(const QList<WhatIfChange> &changes);
    void setCheck(Check check, CheckState state, const QString &note = {});
    void fail(Check check, const ServiceError &error);
    void fail(Check check, const QString &sentence);
    void updateSummary();
    QString checkName(Check check) const;

    DeploymentSession *m_session;
    quint64 m_run = 0;
    bool m_running = false;
    bool m_passed = false;
    QString m_createdGroup; // the new group the checks created (validate and what-if create it)
    QString m_createdGroupLocation;
    DeploymentPreflight m_preflight;
    QList<WhatIfChange> m_changes;
    QLabel *m_summary;
    QListWidget *m_checks;
    QCheckBox *m_registerConsent;
    QLabel *m_problem;
    ArmErrorView *m_error;
    QTreeWidget *m_whatIf;
};

} // namespace TwinBridge
