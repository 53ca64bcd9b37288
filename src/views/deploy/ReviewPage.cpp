#include "views/deploy/ReviewPage.h"

#include "services/azure/ArmClient.h"
#include "services/deploy/DeploymentSession.h"
#include "services/iothub/HubThrottle.h"
#include "views/deploy/ArmErrorView.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

constexpr int CheckRole = Qt::UserRole + 1;
constexpr int StateRole = Qt::UserRole + 2;

// "Microsoft.Devices/IotHubs" and "iothub-x" of a resource id.
QString resourceType(const QString &resourceId)
{
    const QStringList parts = resourceId.section(QLatin1String("/providers/"), -1).split(QLatin1Char('/'));
    QStringList type {parts.value(0)};
    for (int i = 1; i < parts.size(); i += 2)
        type.append(parts.at(i));
    return type.join(QLatin1Char('/'));
}

QString resourceName(const QString &resourceId)
{
    const QStringList parts = resourceId.section(QLatin1String("/providers/"), -1).split(QLatin1Char('/'));
    QStringList names;
    for (int i = 2; i < parts.size(); i += 2)
        names.append(parts.at(i));
    return names.isEmpty() ? resourceId : names.join(QLatin1Char('/'));
}

void addDeltaItems(QTreeWidgetItem *parent, const QJsonArray &delta, const QString &prefix)
{
    for (const QJsonValue &value : delta) {
        const QJsonObject change = value.toObject();
        const QString path = change.value(QLatin1String("path")).toString();
        const QString full = prefix.isEmpty() ? path : prefix + QLatin1Char('.') + path;
        const QJsonArray children = change.value(QLatin1String("children")).toArray();
        if (!children.isEmpty()) {
            addDeltaItems(parent, children, full);
            continue;
        }
        auto *item = new QTreeWidgetItem(parent);
        item->setText(0, change.value(QLatin1String("propertyChangeType")).toString());
        item->setText(1, full);
    }
}

} // namespace

ReviewPage::ReviewPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_summary(new QLabel(this))
    , m_checks(new QListWidget(this))
    , m_registerConsent(new QCheckBox(this))
    , m_problem(new QLabel(this))
    , m_error(new ArmErrorView(this))
    , m_whatIf(new QTreeWidget(this))
{
    setTitle(tr("Review"));
    setCommitPage(true);

    m_summary->setObjectName(QStringLiteral("planSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Deployment plan"));
    m_checks->setObjectName(QStringLiteral("checksList"));
    m_checks->setAccessibleName(tr("Checks before deploying"));
    m_checks->setSelectionMode(QAbstractItemView::NoSelection);
    m_checks->setFocusPolicy(Qt::NoFocus);
    m_checks->setIconSize(QSize(16, 16));
    m_checks->setWordWrap(true);
    m_checks->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Room for every check (five at most) without scrolling.
    const int row = qMax(m_checks->fontMetrics().height(), 16) + 6;
    m_checks->setFixedHeight(row * 5 + 2 * m_checks->frameWidth() + 4);
    m_registerConsent->setObjectName(QStringLiteral("registerProvidersCheck"));
    m_registerConsent->setVisible(false);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    m_whatIf->setObjectName(QStringLiteral("whatIfTree"));
    m_whatIf->setAccessibleName(tr("What the deployment changes"));
    m_whatIf->setColumnCount(3);
    m_whatIf->setHeaderLabels({tr("Change"), tr("Resource"), tr("Type")});
    m_whatIf->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_checks);
    layout->addWidget(m_registerConsent);
    layout->addWidget(m_problem);
    layout->addWidget(m_error);
    layout->addWidget(m_whatIf, 1);
    layout->addStretch();

    connect(m_registerConsent, &QCheckBox::toggled, this, [this](bool consent) {
        if (consent && !m_running)
            registerProviders();
    });
    connect(m_error, &ArmErrorView::retryRequested, this, &ReviewPage::runChecks);
}

void ReviewPage::initializePage()
{
    const bool update = m_session->purpose() == DeploymentSession::Purpose::Update;
    setSubTitle(update ? tr("Azure checks the update before anything changes. Nothing is changed until you click "
                            "Update.")
                       : tr("Azure checks the deployment before anything is created. Nothing is deployed until you "
                            "click Deploy."));
    setButtonText(QWizard::CommitButton, update ? tr("&Update") : tr("&Deploy"));
    runChecks();
}

void ReviewPage::cleanupPage()
{
    ++m_run; // answers still on their way are ignored
    setRunning(false);
    QWizardPage::cleanupPage();
}

bool ReviewPage::isComplete() const
{
    return m_passed && !m_running;
}

ReviewPage::CheckState ReviewPage::checkState(Check check) const
{
    for (int row = 0; row < m_checks->count(); ++row) {
        const QListWidgetItem *item = m_checks->item(row);
        if (item->data(CheckRole).toInt() == int(check))
            return CheckState(item->data(StateRole).toInt());
    }
    return CheckState::Skipped;
}

QString ReviewPage::checkName(Check check) const
{
    switch (check) {
    case Check::ResourceGroup:
        return tr("Resource group %1 exists").arg(m_session->plan().resourceGroup);
    case Check::Preflight:
        return tr("Resource providers and the IoT hub name");
    case Check::FreeTier:
        return tr("At most one free (F1) hub per subscription");
    case Check::Validate:
        return tr("Azure validates the template");
    case Check::WhatIf:
        return tr("What the deployment changes (what-if)");
    }
    return {};
}

void ReviewPage::runChecks()
{
    ++m_run;
    setRunning(true);
    m_passed = false;
    m_changes.clear();
    m_error->clear();
    m_problem->setVisible(false);
    m_registerConsent->blockSignals(true);
    m_registerConsent->setChecked(false);
    m_registerConsent->blockSignals(false);
    m_registerConsent->setVisible(false);
    m_whatIf->clear();
    m_whatIf->setVisible(false);
    m_checks->clear();
    QList<Check> checks {Check::Preflight, Check::FreeTier, Check::Validate, Check::WhatIf};
    const bool update = m_session->purpose() == DeploymentSession::Purpose::Update;
    if (update)
        checks.prepend(Check::ResourceGroup);
    for (Check check : checks) {
        auto *item = new QListWidgetItem(m_checks);
        item->setData(CheckRole, int(check));
        setCheck(check, CheckState::Pending);
    }
    updateSummary();
    emit completeChanged();
    if (!m_session->deployer()) {
        fail(checks.constFirst(),
             ServiceError::notConfigured(tr("You are not signed in to Azure. Go back to the sign-in page.")));
        return;
    }
    if (update) {
        checkResourceGroup();
        return;
    }
    const DeploymentPlan &plan = m_session->plan();
    if (!m_createdGroup.isEmpty() &&
        (m_createdGroup != plan.resourceGroup || m_createdGroupLocation != plan.location)) {
        removeCreatedGroup();
        return;
    }
    runPreflight();
}

void ReviewPage::removeCreatedGroup()
{
    // Earlier checks created an empty group for another name or region: remove it, so that it neither stays
    // behind nor blocks the new region.
    setCheck(Check::Preflight, CheckState::Running,
             tr("removing the empty resource group %1 that earlier checks created…").arg(m_createdGroup));
    const quint64 run = m_run;
    m_session->deployer()
        ->uninstall(m_session->plan().subscriptionId, m_createdGroup)
        .then(this, [this, run](Status deleted) {
            if (run != m_run)
                return;
            if (!deleted && deleted.error().kind() != ServiceError::Kind::NotFound) {
                fail(Check::Preflight, deleted.error());
                return;
            }
            m_createdGroup.clear();
            m_createdGroupLocation.clear();
            m_session->setGroupCreatedByChecks({});
            runPreflight();
        });
}

void ReviewPage::setRunning(bool running)
{
    m_running = running;
    setProperty("busy", running); // DeployWizard::busyProperty(): closing the wizard asks first
}

void ReviewPage::checkResourceGroup()
{
    setCheck(Check::ResourceGroup, CheckState::Running);
    const quint64 run = m_run;
    const DeploymentPlan &plan = m_session->plan();
    m_session->arm()
        ->getResourceGroup(plan.subscriptionId, plan.resourceGroup)
        .then(this, [this, run](Result<ArmResourceGroup> group) {
            if (run != m_run)
                return;
            if (!group && group.error().kind() == ServiceError::Kind::NotFound) {
                fail(Check::ResourceGroup,
                     tr("Resource group %1 does not exist, so there is nothing to update. Deploy first, or use the "
                        "profile the deployment created.")
                         .arg(m_session->plan().resourceGroup));
                return;
            }
            if (!group) {
                fail(Check::ResourceGroup, group.error());
                return;
            }
            // An update keeps the group's region.
            if (m_session->plan().location.isEmpty())
                m_session->plan().location = group.value().location;
            updateSummary();
            setCheck(Check::ResourceGroup, CheckState::Passed, group.value().location);
            runPreflight();
        });
}

void ReviewPage::runPreflight()
{
    setCheck(Check::Preflight, CheckState::Running);
    const quint64 run = m_run;
    m_session->deployer()->preflight(m_session->plan()).then(this, [this, run](Result<DeploymentPreflight> found) {
        if (run != m_run)
            return;
        if (!found) {
            fail(Check::Preflight, found.error());
            return;
        }
        m_preflight = found.value();
        evaluatePreflight();
    });
}

void ReviewPage::evaluatePreflight()
{
    const DeploymentPlan &plan = m_session->plan();
    if (!m_preflight.unregisteredProviders.isEmpty()) {
        const QString providers = m_preflight.unregisteredProviders.join(QStringLiteral(", "));
        m_registerConsent->setText(tr("Register %1 now").arg(providers));
        m_registerConsent->setAccessibleName(m_registerConsent->text());
        m_registerConsent->setEnabled(true);
        m_registerConsent->setVisible(true);
        setCheck(Check::Preflight, CheckState::Waiting,
                 tr("not registered in the subscription yet: %1. Tick the box to register them.").arg(providers));
        setRunning(false);
        emit completeChanged();
        emit checksFinished(false);
        return;
    }
    const bool update = m_session->purpose() == DeploymentSession::Purpose::Update;
    if (!update && !m_preflight.hubNameAvailable) {
        const QString why =
            m_preflight.hubNameMessage.isEmpty() ? m_preflight.hubNameReason : m_preflight.hubNameMessage;
        fail(Check::Preflight,
             tr("The IoT hub name %1 is not available: %2 Choose another name suffix on the "
                "Options page.")
                 .arg(plan.hubName(), why));
        return;
    }
    if (update && m_preflight.hubNameAvailable) {
        fail(Check::Preflight,
             tr("There is no IoT hub %1 to update. Deploy first, or use the profile whose hub it is.")
                 .arg(plan.hubName()));
        return;
    }
    setCheck(Check::Preflight, CheckState::Passed,
             update ? tr("hub %1 found").arg(plan.hubName()) : tr("name %1 is free").arg(plan.hubName()));
    checkFreeTier();
}

void ReviewPage::registerProviders()
{
    setRunning(true);
    m_registerConsent->setEnabled(false);
    emit completeChanged();
    const QStringList providers = m_preflight.unregisteredProviders;
    setCheck(Check::Preflight, CheckState::Running, tr("registering %1…").arg(providers.join(QStringLiteral(", "))));
    const quint64 run = m_run;
    // Each provider's state as Azure reports it while registering.
    const QMetaObject::Connection progress =
        connect(m_session->deployer(), &AzureDeployer::operationStatus, this,
                [this](const QString &operation, const QString &status) {
                    setCheck(Check::Preflight, CheckState::Running, tr("%1: %2").arg(operation, status));
                });
    m_session->deployer()
        ->registerProviders(m_session->plan().subscriptionId, providers)
        .then(this, [this, run, progress](Status registered) {
            disconnect(progress);
            if (run != m_run)
                return;
            if (!registered) {
                m_registerConsent->setEnabled(true);
                fail(Check::Preflight, registered.error());
                return;
            }
            m_preflight.unregisteredProviders.clear();
            m_registerConsent->setVisible(false);
            evaluatePreflight();
        });
}

void ReviewPage::checkFreeTier()
{
    const DeploymentPlan &plan = m_session->plan();
    if (plan.hubSku != HubSku::F1) {
        setCheck(Check::FreeTier, CheckState::Passed,
                 tr("%1 is not a free hub").arg(HubThrottle::skuName(plan.hubSku)));
        runValidate();
        return;
    }
    const QString existing = m_preflight.existingFreeHub;
    if (!existing.isEmpty()) {
        fail(Check::FreeTier,
             tr("The subscription already has a free (F1) IoT hub, %1 in resource group %2, and Azure allows only "
                "one. Choose tier S1 on the Options page, or delete that hub first.")
                 .arg(existing, m_preflight.existingFreeHubResourceGroup));
        return;
    }
    setCheck(Check::FreeTier, CheckState::Passed, tr("no other F1 hub in the subscription"));
    runValidate();
}

void ReviewPage::runValidate()
{
    setCheck(Check::Validate, CheckState::Running);
    // Validating creates the group of a deployment into a new one; remember it (see removeCreatedGroup()).
    if (m_session->purpose() == DeploymentSession::Purpose::Deploy && !m_session->resourceGroupExists()) {
        m_createdGroup = m_session->plan().resourceGroup;
        m_createdGroupLocation = m_session->plan().location;
        m_session->setGroupCreatedByChecks(m_createdGroup);
    }
    const quint64 run = m_run;
    m_session->deployer()->validate(m_session->plan()).then(this, [this, run](Result<ArmDeploymentValidation> valid) {
        if (run != m_run)
            return;
        if (!valid) {
            fail(Check::Validate, valid.error());
            return;
        }
        setCheck(Check::Validate, CheckState::Passed);
        runWhatIf();
    });
}

void ReviewPage::runWhatIf()
{
    setCheck(Check::WhatIf, CheckState::Running);
    const quint64 run = m_run;
    m_session->deployer()->whatIf(m_session->plan()).then(this, [this, run](Result<QList<WhatIfChange>> changes) {
        if (run != m_run)
            return;
        if (!changes) {
            fail(Check::WhatIf, changes.error());
            return;
        }
        showWhatIf(changes.value());
        setCheck(Check::WhatIf, CheckState::Passed, tr("%n resource(s)", nullptr, int(changes.value().size())));
        setRunning(false);
        m_passed = true;
        emit completeChanged();
        emit checksFinished(true);
    });
}

void ReviewPage::showWhatIf(const QList<WhatIfChange> &changes)
{
    m_changes = changes;
    m_whatIf->clear();
    for (const WhatIfChange &change : changes) {
        auto *item = new QTreeWidgetItem(m_whatIf);
        item->setText(0, change.changeType);
        item->setText(1, resourceName(change.resourceId));
        item->setText(2, resourceType(change.resourceId));
        item->setToolTip(1, change.resourceId);
        if (change.changeType == QLatin1String("Modify"))
            addDeltaItems(item, change.delta, {});
    }
    m_whatIf->expandAll();
    m_whatIf->setVisible(true);
}

void ReviewPage::setCheck(Check check, CheckState state, const QString &note)
{
    QListWidgetItem *item = nullptr;
    for (int row = 0; row < m_checks->count(); ++row) {
        if (m_checks->item(row)->data(CheckRole).toInt() == int(check))
            item = m_checks->item(row);
    }
    if (!item)
        return;
    item->setData(StateRole, int(state));
    QString status;
    QIcon icon;
    switch (state) {
    case CheckState::Pending:
        status = tr("waiting");
        break;
    case CheckState::Running:
        status = tr("checking…");
        icon = style()->standardIcon(QStyle::SP_BrowserReload);
        break;
    case CheckState::Passed:
        status = tr("passed");
        icon = style()->standardIcon(QStyle::SP_DialogApplyButton);
        break;
    case CheckState::Failed:
        status = tr("failed");
        icon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
        break;
    case CheckState::Skipped:
        status = tr("skipped");
        break;
    case CheckState::Waiting:
        status = tr("needs your consent");
        icon = style()->standardIcon(QStyle::SP_MessageBoxQuestion);
        break;
    }
    item->setIcon(icon);
    QString text = checkName(check) + QStringLiteral(" — ") + status;
    if (!note.isEmpty())
        text += QStringLiteral(": ") + note;
    item->setText(text);
    item->setToolTip(text);
}

void ReviewPage::fail(Check check, const ServiceError &error)
{
    setCheck(check, CheckState::Failed, tr("see below"));
    m_error->setError(error);
    setRunning(false);
    m_passed = false;
    emit completeChanged();
    emit checksFinished(false);
}

void ReviewPage::fail(Check check, const QString &sentence)
{
    fail(check, ServiceError(ServiceError::Kind::InvalidInput, sentence));
}

void ReviewPage::updateSummary()
{
    const DeploymentPlan &plan = m_session->plan();
    const bool engine = m_session->mode() == DeploymentSession::Mode::Engine;
    QStringList lines;
    lines << tr("Subscription: %1").arg(plan.subscriptionId);
    lines << tr("Resource group: %1 (%2)")
                 .arg(plan.resourceGroup, plan.location.isEmpty() ? tr("its current region") : plan.location);
    lines << tr("Deployment: %1 (Incremental)").arg(plan.deploymentName);
    lines << tr("IoT hub: %1, %2 × %n unit(s), policy %3", nullptr, plan.hubUnits)
                 .arg(plan.hubName(), HubThrottle::skuName(plan.hubSku), DeploymentPlan::policyName());
    lines << tr("Event Hubs: %1 · Storage: %2 · Fallback route: %3")
                 .arg(plan.eventHubSku, plan.storageSku, plan.fallbackRoute ? tr("on") : tr("off"));
    lines << (engine ? tr("The Function posts twin changes to the TwinBridge engine at %1 for application %2, with "
                          "the engine's ingest key.")
                     : tr("The Function posts twin changes to The Things Stack at %1 for application %2, with the TTS "
                          "API key."))
                 .arg(plan.stackBaseUrl, plan.applicationId);
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

} // namespace TwinBridge
