#include "views/deploy/AzureTargetPage.h"

#include "services/azure/ArmClient.h"
#include "services/azure/TokenCredential.h"
#include "services/deploy/DeploymentPlan.h"
#include "services/deploy/DeploymentSession.h"
#include "views/deploy/DeployWizard.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace TwinBridge {

namespace {

const QString DefaultLocation = QStringLiteral("westeurope");

} // namespace

AzureTargetPage::AzureTargetPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("azureTargetPage"));
    setTitle(tr("Where in Azure"));
    setSubTitle(tr("Choose the subscription that pays for the resources, the region they run in and the resource "
                   "group that holds them."));

    m_subscriptionCombo = new QComboBox(this);
    m_subscriptionCombo->setObjectName(QStringLiteral("subscriptionComboBox"));
    m_subscriptionCombo->setAccessibleName(tr("Subscription"));
    m_locationCombo = new QComboBox(this);
    m_locationCombo->setObjectName(QStringLiteral("locationComboBox"));
    m_locationCombo->setAccessibleName(tr("Region"));
    auto *form = new QFormLayout;
    auto *subscriptionLabel = new QLabel(tr("&Subscription:"), this);
    subscriptionLabel->setBuddy(m_subscriptionCombo);
    form->addRow(subscriptionLabel, m_subscriptionCombo);
    auto *locationLabel = new QLabel(tr("&Region:"), this);
    locationLabel->setBuddy(m_locationCombo);
    form->addRow(locationLabel, m_locationCombo);

    auto *groupBox = new QGroupBox(tr("Resource group"), this);
    m_newGroupRadio = new QRadioButton(tr("Create a &new resource group:"), groupBox);
    m_newGroupRadio->setObjectName(QStringLiteral("newGroupRadioButton"));
    m_groupNameEdit = new QLineEdit(groupBox);
    m_groupNameEdit->setObjectName(QStringLiteral("groupNameLineEdit"));
    m_groupNameEdit->setAccessibleName(tr("Name of the new resource group"));
    m_existingGroupRadio = new QRadioButton(tr("Use an &existing resource group:"), groupBox);
    m_existingGroupRadio->setObjectName(QStringLiteral("existingGroupRadioButton"));
    m_groupCombo = new QComboBox(groupBox);
    m_groupCombo->setObjectName(QStringLiteral("groupComboBox"));
    m_groupCombo->setAccessibleName(tr("Existing resource group"));
    m_groupProblemLabel = new QLabel(groupBox);
    m_groupProblemLabel->setObjectName(QStringLiteral("groupProblemLabel"));
    m_groupProblemLabel->setWordWrap(true);
    auto *groupButtons = new QButtonGroup(this);
    groupButtons->addButton(m_newGroupRadio);
    groupButtons->addButton(m_existingGroupRadio);
    auto *groupLayout = new QFormLayout(groupBox);
    groupLayout->addRow(m_newGroupRadio, m_groupNameEdit);
    groupLayout->addRow(m_existingGroupRadio, m_groupCombo);
    groupLayout->addRow(m_groupProblemLabel);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("azureTargetProgressBar"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Loading"));
    m_progress->hide();
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("azureTargetStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_retryButton = new QPushButton(tr("Re&try"), this);
    m_retryButton->setObjectName(QStringLiteral("azureTargetRetryButton"));
    m_retryButton->hide();
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_statusLabel, 1);
    statusRow->addWidget(m_retryButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(groupBox);
    layout->addLayout(statusRow);
    layout->addStretch();

    m_newGroupRadio->setChecked(true);
    m_groupCombo->setEnabled(false);
    connect(m_retryButton, &QPushButton::clicked, this, &AzureTargetPage::reload);
    connect(m_subscriptionCombo, &QComboBox::currentIndexChanged, this, &AzureTargetPage::subscriptionChanged);
    connect(m_locationCombo, &QComboBox::currentIndexChanged, this, &AzureTargetPage::completeChanged);
    connect(m_groupNameEdit, &QLineEdit::textChanged, this, &AzureTargetPage::updateGroupState);
    connect(m_newGroupRadio, &QRadioButton::toggled, this, &AzureTargetPage::updateGroupState);
    // An existing group keeps its resources in its own region unless told otherwise: the region follows it.
    auto followGroup = [this] {
        const QString location = m_groupCombo->currentData(Qt::UserRole + 1).toString();
        if (m_existingGroupRadio->isChecked() && !location.isEmpty()) {
            const int index = m_locationCombo->findData(location);
            if (index >= 0)
                m_locationCombo->setCurrentIndex(index);
        }
        updateGroupState();
    };
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, followGroup);
    connect(m_existingGroupRadio, &QRadioButton::toggled, this, followGroup);
    connect(session, &DeploymentSession::credentialChanged, this, [this] {
        if (isVisible())
            reload();
    });
}

AzureTargetPage::~AzureTargetPage() = default;

void AzureTargetPage::initializePage()
{
    m_groupNameEdit->setText(m_session->plan().resourceGroup);
    updateGroupState();
    reload();
}

void AzureTargetPage::reload()
{
    restart();
    loadSubscriptions();
}

void AzureTargetPage::restart()
{
    // Answers to earlier requests are ignored from here on.
    ++m_generation;
    m_pendingLoads = 0;
    m_failed = false;
    setProperty(DeployWizard::busyProperty(), false);
    m_progress->hide();
    m_retryButton->hide();
}

QString AzureTargetPage::selectedSubscription() const
{
    return m_subscriptionCombo->currentData().toString();
}

void AzureTargetPage::setLoading(const QString &what)
{
    ++m_pendingLoads;
    setProperty(DeployWizard::busyProperty(), true);
    m_progress->show();
    m_retryButton->hide();
    m_statusLabel->setText(what);
    emit completeChanged();
}

void AzureTargetPage::setLoaded()
{
    m_pendingLoads = std::max(0, m_pendingLoads - 1);
    if (m_pendingLoads > 0)
        return;
    setProperty(DeployWizard::busyProperty(), false);
    m_progress->hide();
    if (!m_failed)
        m_statusLabel->clear();
    emit completeChanged();
}

void AzureTargetPage::setFailed(const ServiceError &error)
{
    m_failed = true;
    QString text = error.toString();
    if (!error.detail().isEmpty())
        text += QLatin1Char('\n') + error.detail();
    m_statusLabel->setText(text);
    m_retryButton->show();
    setLoaded();
}

void AzureTargetPage::loadSubscriptions()
{
    ArmClient *arm = m_session->arm();
    if (!arm) {
        m_statusLabel->setText(tr("Not signed in to Azure: go back and sign in."));
        return;
    }
    setLoading(tr("Loading the subscriptions…"));
    const quint64 generation = m_generation;
    arm->listSubscriptions().then(this, [this, generation](const Result<QList<ArmSubscription>> &subscriptions) {
        if (generation != m_generation)
            return;
        if (!subscriptions) {
            setFailed(subscriptions.error());
            return;
        }
        const QString wanted = !m_session->plan().subscriptionId.isEmpty() ? m_session->plan().subscriptionId
                                                                           : m_session->profile().azure.subscriptionId;
        {
            const QSignalBlocker blocker(m_subscriptionCombo);
            m_subscriptionCombo->clear();
            for (const ArmSubscription &subscription : subscriptions.value()) {
                if (!subscription.isUsable())
                    continue;
                const QString name =
                    subscription.displayName.isEmpty() ? subscription.subscriptionId : subscription.displayName;
                m_subscriptionCombo->addItem(tr("%1 (%2)").arg(name, subscription.subscriptionId),
                                             subscription.subscriptionId);
            }
            const int index = m_subscriptionCombo->findData(wanted, Qt::UserRole, Qt::MatchFixedString);
            m_subscriptionCombo->setCurrentIndex(index >= 0 ? index : 0);
        }
        if (m_subscriptionCombo->count() == 0) {
            m_failed = true;
            m_statusLabel->setText(tr("The signed-in account sees no enabled subscription. Ask for the Contributor "
                                      "role on a subscription, or sign in with another account."));
            m_retryButton->show();
            setLoaded();
            return;
        }
        setLoaded();
        loadSubscriptionDetails();
    });
}

void AzureTargetPage::subscriptionChanged()
{
    restart();
    loadSubscriptionDetails();
}

void AzureTargetPage::loadSubscriptionDetails()
{
    ArmClient *arm = m_session->arm();
    const QString subscriptionId = selectedSubscription();
    if (!arm || subscriptionId.isEmpty())
        return;
    const quint64 generation = m_generation;
    setLoading(tr("Loading the regions…"));
    arm->listLocations(subscriptionId).then(this, [this, generation](const Result<QList<ArmLocation>> &locations) {
        if (generation != m_generation)
            return;
        if (!locations) {
            setFailed(locations.error());
            return;
        }
        QList<ArmLocation> regions;
        for (const ArmLocation &location : locations.value()) {
            if (location.isPhysicalRegion())
                regions.append(location);
        }
        std::sort(regions.begin(), regions.end(), [](const ArmLocation &a, const ArmLocation &b) {
            return QString::localeAwareCompare(a.displayName, b.displayName) < 0;
        });
        const QString current = m_locationCombo->currentData().toString();
        const QString wanted = !current.isEmpty()   ? current
            : !m_session->plan().location.isEmpty() ? m_session->plan().location
                                                    : DefaultLocation;
        {
            const QSignalBlocker blocker(m_locationCombo);
            m_locationCombo->clear();
            for (const ArmLocation &location : regions)
                m_locationCombo->addItem(location.displayName.isEmpty() ? location.name : location.displayName,
                                         location.name);
            int index = m_locationCombo->findData(wanted);
            if (index < 0)
                index = m_locationCombo->findData(DefaultLocation);
            m_locationCombo->setCurrentIndex(std::max(index, 0));
        }
        setLoaded();
    });
    loadGroups(subscriptionId, generation);
}

void AzureTargetPage::loadGroups(const QString &subscriptionId, quint64 generation)
{
    setLoading(tr("Loading the resource groups…"));
    m_session->arm()
        ->listResourceGroups(subscriptionId)
        .then(this, [this, generation](const Result<QList<ArmResourceGroup>> &groups) {
            if (generation != m_generation)
                return;
            if (!groups) {
                setFailed(groups.error());
                return;
            }
            QList<ArmResourceGroup> sorted = groups.value();
            std::sort(sorted.begin(), sorted.end(), [](const ArmResourceGroup &a, const ArmResourceGroup &b) {
                return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
            });
            const QString current = m_groupCombo->currentData().toString();
            {
                const QSignalBlocker blocker(m_groupCombo);
                m_groupCombo->clear();
                for (const ArmResourceGroup &group : sorted) {
                    if (group.provisioningState == QLatin1String("Deleting"))
                        continue;
                    m_groupCombo->addItem(tr("%1 (%2)").arg(group.name, group.location), group.name);
                    m_groupCombo->setItemData(m_groupCombo->count() - 1, group.location, Qt::UserRole + 1);
                }
                const int index = m_groupCombo->findData(current);
                m_groupCombo->setCurrentIndex(index >= 0 ? index : (m_groupCombo->count() > 0 ? 0 : -1));
            }
            m_existingGroupRadio->setEnabled(m_groupCombo->count() > 0);
            if (m_groupCombo->count() == 0)
                m_newGroupRadio->setChecked(true);
            setLoaded();
            updateGroupState();
        });
}

void AzureTargetPage::updateGroupState()
{
    m_groupNameEdit->setEnabled(m_newGroupRadio->isChecked());
    m_groupCombo->setEnabled(m_existingGroupRadio->isChecked());
    const QString problem = groupNameProblem();
    m_groupProblemLabel->setText(problem);
    m_groupProblemLabel->setVisible(!problem.isEmpty());
    emit completeChanged();
}

QString AzureTargetPage::groupNameProblem() const
{
    if (m_existingGroupRadio->isChecked())
        return m_groupCombo->currentIndex() < 0 ? tr("Choose a resource group.") : QString();
    const QString name = m_groupNameEdit->text().trimmed();
    if (name.isEmpty())
        return tr("Enter a name for the new resource group.");
    // Azure's rule for resource group names, as the plan checks it.
    DeploymentPlan probe = m_session->plan();
    probe.resourceGroup = name;
    for (const ProfileIssue &issue : probe.validate()) {
        if (issue.field == DeploymentField::ResourceGroup)
            return issue.message;
    }
    for (int i = 0; i < m_groupCombo->count(); ++i) {
        if (m_groupCombo->itemData(i).toString().compare(name, Qt::CaseInsensitive) == 0)
            return tr("A resource group named “%1” exists already. Choose “Use an existing resource group” to deploy "
                      "into it, or enter another name.")
                .arg(name);
    }
    return {};
}

bool AzureTargetPage::isComplete() const
{
    return m_pendingLoads == 0 && !selectedSubscription().isEmpty() && m_locationCombo->currentIndex() >= 0 &&
        groupNameProblem().isEmpty();
}

bool AzureTargetPage::validatePage()
{
    if (!isComplete())
        return false;
    apply();
    return true;
}

void AzureTargetPage::apply()
{
    DeploymentPlan &plan = m_session->plan();
    plan.subscriptionId = selectedSubscription();
    plan.location = m_locationCombo->currentData().toString();
    const bool existing = m_existingGroupRadio->isChecked();
    plan.resourceGroup = existing ? m_groupCombo->currentData().toString() : m_groupNameEdit->text().trimmed();
    m_session->setResourceGroupExists(existing);
    m_session->profile().azure.subscriptionId = plan.subscriptionId;
    m_session->profile().azure.resourceGroup = plan.resourceGroup;
}

} // namespace TwinBridge
