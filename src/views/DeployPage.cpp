#include "views/DeployPage.h"

#include "services/core/Logging.h"
#include "services/settings/ProfileStore.h"
#include "views/deploy/DeployWizard.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace TwinBridge {

DeployPage::DeployPage(ProfileStore *profiles, QNetworkAccessManager *nam, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_nam(nam ? nam : new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("deployPage"));
    // wizardOpened() names the types before they are complete for moc: queued connections and spies need them.
    qRegisterMetaType<DeployWizard *>();
    qRegisterMetaType<DeploymentSession *>();
    buildUi();
    retranslateUi();
    connect(m_profiles, &ProfileStore::currentProfileChanged, this, &DeployPage::refresh);
    connect(m_profiles, &ProfileStore::profileChanged, this, &DeployPage::refresh);
    connect(m_profiles, &ProfileStore::profileAdded, this, &DeployPage::refresh);
    connect(m_profiles, &ProfileStore::profileRemoved, this, &DeployPage::refresh);
    refresh();
}

DeployPage::~DeployPage()
{
    delete m_wizard; // its session refers to the store, which may go before the wizard's parent window
}

void DeployPage::buildUi()
{
    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("deployTitleLabel"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);

    const auto valueLabel = [this](const char *name) {
        auto *label = new QLabel(this);
        label->setObjectName(QLatin1String(name));
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    m_profileLabel = valueLabel("profileNameLabel");
    m_hubLabel = valueLabel("hubHostNameLabel");
    m_policyLabel = valueLabel("policyNameLabel");
    m_subscriptionLabel = valueLabel("subscriptionLabel");
    m_groupLabel = valueLabel("resourceGroupLabel");
    m_profileCaption = new QLabel(this);
    m_hubCaption = new QLabel(this);
    m_policyCaption = new QLabel(this);
    m_subscriptionCaption = new QLabel(this);
    m_groupCaption = new QLabel(this);
    auto *form = new QFormLayout;
    form->addRow(m_profileCaption, m_profileLabel);
    form->addRow(m_hubCaption, m_hubLabel);
    form->addRow(m_policyCaption, m_policyLabel);
    form->addRow(m_subscriptionCaption, m_subscriptionLabel);
    form->addRow(m_groupCaption, m_groupLabel);

    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("azureSideStateLabel"));
    m_stateLabel->setWordWrap(true);

    m_deployButton = new QPushButton(this);
    m_deployButton->setObjectName(QStringLiteral("deployButton"));
    m_updateButton = new QPushButton(this);
    m_updateButton->setObjectName(QStringLiteral("updateButton"));
    m_uninstallButton = new QPushButton(this);
    m_uninstallButton->setObjectName(QStringLiteral("uninstallButton"));
    connect(m_deployButton, &QPushButton::clicked, this, &DeployPage::deploy);
    connect(m_updateButton, &QPushButton::clicked, this, &DeployPage::update);
    connect(m_uninstallButton, &QPushButton::clicked, this, &DeployPage::uninstall);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_deployButton);
    buttons->addWidget(m_updateButton);
    buttons->addWidget(m_uninstallButton);
    buttons->addStretch();

    m_explanationLabel = new QLabel(this);
    m_explanationLabel->setObjectName(QStringLiteral("deployExplanationLabel"));
    m_explanationLabel->setWordWrap(true);
    m_explanationLabel->setTextFormat(Qt::RichText);
    m_explanationLabel->setOpenExternalLinks(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addLayout(form);
    layout->addWidget(m_stateLabel);
    layout->addLayout(buttons);
    layout->addSpacing(12);
    layout->addWidget(m_explanationLabel);
    layout->addStretch();
}

void DeployPage::retranslateUi()
{
    m_titleLabel->setText(tr("Azure deployment"));
    m_profileCaption->setText(tr("Connection profile:"));
    m_hubCaption->setText(tr("IoT hub:"));
    m_policyCaption->setText(tr("Access policy:"));
    m_subscriptionCaption->setText(tr("Subscription:"));
    m_groupCaption->setText(tr("Resource group:"));
    m_deployButton->setText(tr("&Deploy…"));
    m_deployButton->setToolTip(tr("Creates the Azure side for this profile (or a new profile) with a guided wizard"));
    m_updateButton->setText(tr("&Update…"));
    m_updateButton->setToolTip(
        tr("Redeploys the template into the profile's resource group, e.g. with a new API key, after showing the "
           "changes"));
    m_uninstallButton->setText(tr("U&ninstall…"));
    m_uninstallButton->setToolTip(
        tr("Deletes the profile's resource group with everything in it and removes the profile's secrets"));

    // The guide ships as doc/twinbridge/deploy.md where the console is installed; otherwise it is named only.
    const QString guide =
        QStandardPaths::locate(QStandardPaths::GenericDataLocation, QStringLiteral("doc/twinbridge/deploy.md"));
    const QString guideText = guide.isEmpty()
        ? QStringLiteral("docs/deploy.md")
        : QStringLiteral("<a href=\"%1\">deploy.md</a>").arg(QUrl::fromLocalFile(guide).toString().toHtmlEscaped());
    m_explanationLabel->setText(
        QStringLiteral("<p>%1</p><p>%2</p><p>%3</p>")
            .arg(tr("A deployment creates one resource group in your Azure subscription with an IoT hub that has a "
                    "single least-privilege access policy (<i>twinbridge</i>), an Event Hubs namespace that the hub "
                    "routes twin changes and device lifecycle events to, and an Azure Function (consumption plan, "
                    "with its storage account) that posts those events to the TwinBridge engine or to The Things "
                    "Stack's own Azure IoT Hub integration. The policy key goes straight into the system keychain."),
                 tr("What it costs each month: mostly the IoT hub's tier — F1 is free (8,000 messages a day, one per "
                    "subscription), S1–S3 are billed per unit — and the Event Hubs tier. The Function and the "
                    "storage account usually stay within Azure's free grants for this workload."),
                 tr("Resources, costs, update and uninstall in detail: %1.").arg(guideText)));
    refresh();
}

DeployWizard *DeployPage::wizard() const
{
    return m_wizard;
}

bool DeployPage::isDeployed() const
{
    const auto profile = m_profiles->currentProfile();
    return profile && !profile->iotHub.hostName.isEmpty() && !profile->azure.resourceGroup.isEmpty();
}

void DeployPage::refresh()
{
    const auto profile = m_profiles->currentProfile();
    const QString none = tr("—");
    const auto orNone = [&none](const QString &value) { return value.isEmpty() ? none : value; };
    const bool deployed = isDeployed();
    if (!profile) {
        m_profileLabel->setText(tr("none selected"));
        m_hubLabel->setText(tr("not deployed yet"));
        m_policyLabel->setText(none);
        m_subscriptionLabel->setText(none);
        m_groupLabel->setText(none);
        m_stateLabel->setText(tr("No connection profile is selected. Deploy… creates the Azure side for a new "
                                 "profile."));
    } else {
        m_profileLabel->setText(profile->name);
        m_hubLabel->setText(profile->iotHub.hostName.isEmpty() ? tr("not deployed yet") : profile->iotHub.hostName);
        m_policyLabel->setText(profile->iotHub.hostName.isEmpty() ? none : orNone(profile->iotHub.policyName));
        m_subscriptionLabel->setText(orNone(profile->azure.subscriptionId));
        m_groupLabel->setText(orNone(profile->azure.resourceGroup));
        if (deployed) {
            m_stateLabel->setText(tr("Deployed: the hub %1 in resource group %2. Update… redeploys it (for example "
                                     "with a new API key); Uninstall… deletes the resource group.")
                                      .arg(profile->iotHub.hostName, profile->azure.resourceGroup));
        } else if (!profile->iotHub.hostName.isEmpty()) {
            m_stateLabel->setText(tr("The profile names the hub %1 but no resource group, so it was not deployed "
                                     "from here: update or delete it where it was created, or deploy a new one.")
                                      .arg(profile->iotHub.hostName));
        } else {
            m_stateLabel->setText(tr("Nothing is deployed for this profile yet. Deploy… creates the hub and its "
                                     "routing in your subscription."));
        }
    }
    const bool idle = !m_wizard;
    m_deployButton->setEnabled(idle);
    m_updateButton->setEnabled(idle && deployed);
    m_uninstallButton->setEnabled(idle && deployed);
}

void DeployPage::deploy()
{
    openWizard(DeploymentSession::Purpose::Deploy);
}

void DeployPage::update()
{
    if (isDeployed())
        openWizard(DeploymentSession::Purpose::Update);
}

void DeployPage::uninstall()
{
    if (isDeployed())
        openWizard(DeploymentSession::Purpose::Uninstall);
}

void DeployPage::openWizard(DeploymentSession::Purpose purpose)
{
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return;
    }
    const auto current = m_profiles->currentProfile();
    const bool isNew = !current;
    const ConnectionProfile profile =
        current ? *current : ConnectionProfile::create(m_profiles->uniqueName(tr("Azure deployment")));
    auto *session = new DeploymentSession(purpose, profile, isNew, m_profiles, m_nam);
    auto *wizard = new DeployWizard(session, this->window());
    session->setParent(wizard);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    m_wizard = wizard;
    connect(wizard, &QDialog::finished, this, [this, session](int result) { onWizardFinished(session, result); });
    connect(wizard, &QObject::destroyed, this, &DeployPage::refresh, Qt::QueuedConnection);
    qCDebug(lcUi) << "deployment wizard opened:" << purpose << (isNew ? "new profile" : "current profile");
    emit wizardOpened(wizard, session);
    refresh();
    wizard->show();
}

void DeployPage::onWizardFinished(DeploymentSession *session, int result)
{
    // What the wizard stored (the finish page also makes the profile current) arrives through the store's signals.
    const bool accepted = result == QDialog::Accepted;
    if (accepted) {
        switch (session->purpose()) {
        case DeploymentSession::Purpose::Deploy:
            emit statusMessage(tr("Deployment finished."));
            break;
        case DeploymentSession::Purpose::Update:
            emit statusMessage(tr("Update finished."));
            break;
        case DeploymentSession::Purpose::Uninstall:
            emit statusMessage(tr("Uninstall finished."));
            break;
        }
    }
    m_wizard.clear();
    refresh();
    if (!accepted)
        removeGroupCreatedByChecks(session);
    emit wizardClosed(accepted);
}

void DeployPage::removeGroupCreatedByChecks(DeploymentSession *session)
{
    // The review's checks created an empty resource group and the user left without deploying: remove it, as
    // twinbridged does on "no". The session outlives the wizard until Azure answered.
    const QString group = session->groupCreatedByChecks();
    if (group.isEmpty() || !session->deployer())
        return;
    session->setParent(this);
    emit statusMessage(tr("Removing the empty resource group %1 that the wizard's checks created…").arg(group));
    session->deployer()
        ->uninstall(session->plan().subscriptionId, group)
        .then(this, [this, session, group](Status deleted) {
            if (deleted || deleted.error().kind() == ServiceError::Kind::NotFound)
                emit statusMessage(tr("Removed the empty resource group %1.").arg(group));
            else
                emit statusMessage(tr("Could not remove the empty resource group %1 (%2). Delete it in the Azure "
                                      "portal, or deploy into it next time.")
                                       .arg(group, deleted.error().message()));
            emit groupCleanupFinished(group, deleted.ok());
            session->deleteLater();
        });
}

void DeployPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace TwinBridge
