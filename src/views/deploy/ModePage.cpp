#include "views/deploy/ModePage.h"

#include "services/azure/ArmClient.h"
#include "services/azure/TokenCredential.h"
#include "services/deploy/DeploymentPlan.h"
#include "services/deploy/DeploymentSession.h"
#include "services/settings/ProfileStore.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setIndent(24);
    return label;
}

} // namespace

ModePage::ModePage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_original(session->profile())
    , m_originalIsNew(session->isNewProfile())
    , m_newId(session->isNewProfile() ? session->profile().id : ConnectionProfile::newId())
{
    setObjectName(QStringLiteral("modePage"));
    setTitle(tr("What to deploy"));
    setSubTitle(tr("Choose who receives the twin changes from Azure, and which connection profile keeps the "
                   "result."));

    auto *modeBox = new QGroupBox(tr("Where twin changes go"), this);
    m_engineRadio = new QRadioButton(tr("The &TwinBridge engine (on this computer or a server)"), modeBox);
    m_engineRadio->setObjectName(QStringLiteral("engineModeRadioButton"));
    m_ttsRadio = new QRadioButton(tr("The Things Stack &Cloud's own Azure IoT Hub integration"), modeBox);
    m_ttsRadio->setObjectName(QStringLiteral("ttsIntegrationModeRadioButton"));
    auto *modeGroup = new QButtonGroup(this);
    modeGroup->addButton(m_engineRadio);
    modeGroup->addButton(m_ttsRadio);
    auto *modeLayout = new QVBoxLayout(modeBox);
    modeLayout->addWidget(m_engineRadio);
    modeLayout->addWidget(
        explanation(tr("TwinBridge runs the integration: this console or twinbridged on a server forwards uplinks "
                       "to the hub, and the Azure Function posts twin changes to the engine's ingest endpoint. You "
                       "need a computer that stays on and an ingest address the Function can reach from Azure."),
                    modeBox));
    modeLayout->addWidget(m_ttsRadio);
    modeLayout->addWidget(
        explanation(tr("The Things Stack Cloud runs the integration on its servers and the Function posts twin "
                       "changes to TTS. Nothing of yours needs to run, but the integration must be available on "
                       "your TTS plan, and you paste the hub's host name and key into the TTS Console at the end."),
                    modeBox));

    auto *profileBox = new QGroupBox(tr("Connection profile"), this);
    m_updateProfileRadio = new QRadioButton(profileBox);
    m_updateProfileRadio->setObjectName(QStringLiteral("updateProfileRadioButton"));
    m_newProfileRadio = new QRadioButton(tr("Create a &new profile"), profileBox);
    m_newProfileRadio->setObjectName(QStringLiteral("newProfileRadioButton"));
    auto *profileGroup = new QButtonGroup(this);
    profileGroup->addButton(m_updateProfileRadio);
    profileGroup->addButton(m_newProfileRadio);
    m_nameEdit = new QLineEdit(profileBox);
    m_nameEdit->setObjectName(QStringLiteral("newProfileNameLineEdit"));
    m_nameEdit->setAccessibleName(tr("Name of the new profile"));
    m_nameProblemLabel = new QLabel(profileBox);
    m_nameProblemLabel->setObjectName(QStringLiteral("newProfileNameProblemLabel"));
    m_nameProblemLabel->setWordWrap(true);
    auto *nameForm = new QFormLayout;
    nameForm->setContentsMargins(24, 0, 0, 0);
    auto *nameLabel = new QLabel(tr("Na&me:"), profileBox);
    nameLabel->setBuddy(m_nameEdit);
    nameForm->addRow(nameLabel, m_nameEdit);
    nameForm->addRow(QString(), m_nameProblemLabel);
    auto *profileLayout = new QVBoxLayout(profileBox);
    profileLayout->addWidget(m_updateProfileRadio);
    profileLayout->addWidget(m_newProfileRadio);
    profileLayout->addLayout(nameForm);

    m_currentTargetLabel = new QLabel(this);
    m_currentTargetLabel->setObjectName(QStringLiteral("currentTargetLabel"));
    m_currentTargetLabel->setWordWrap(true);
    m_currentTargetLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_currentTargetLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_currentTargetLabel);
    layout->addWidget(modeBox);
    layout->addWidget(profileBox);
    layout->addStretch();

    // An update keeps its profile: it only asks where twin changes go now (the deployed Function is re-pointed).
    if (session->purpose() != DeploymentSession::Purpose::Deploy) {
        profileBox->hide();
        setTitle(tr("Where twin changes go"));
        setSubTitle(tr("The update re-points the deployed Function: choose who receives the twin changes from now "
                       "on. The profile “%1” keeps the result.")
                        .arg(session->profile().name));
    }

    const bool canUpdate = !m_originalIsNew;
    m_updateProfileRadio->setText(canUpdate ? tr("&Update the profile “%1”").arg(m_original.name)
                                            : tr("&Update the current profile (there is none)"));
    m_updateProfileRadio->setEnabled(canUpdate);
    (canUpdate ? m_updateProfileRadio : m_newProfileRadio)->setChecked(true);
    (session->mode() == DeploymentSession::Mode::TtsIntegration ? m_ttsRadio : m_engineRadio)->setChecked(true);
    const QString base = m_originalIsNew && !m_original.name.isEmpty() ? m_original.name : tr("Azure deployment");
    m_nameEdit->setText(session->profileStore() ? session->profileStore()->uniqueName(base) : base);

    auto changed = [this] {
        m_nameEdit->setEnabled(m_newProfileRadio->isChecked());
        apply();
        emit completeChanged();
    };
    connect(m_engineRadio, &QRadioButton::toggled, this, changed);
    connect(m_newProfileRadio, &QRadioButton::toggled, this, changed);
    connect(m_nameEdit, &QLineEdit::textChanged, this, changed);
    m_nameEdit->setEnabled(m_newProfileRadio->isChecked());
}

ModePage::~ModePage() = default;

void ModePage::initializePage()
{
    apply();
    readCurrentTarget();
}

void ModePage::readCurrentTarget()
{
    if (m_session->purpose() != DeploymentSession::Purpose::Update || m_currentTargetRead || !m_session->arm())
        return;
    m_currentTargetRead = true;
    const DeploymentPlan &plan = m_session->plan();
    m_currentTargetLabel->setText(tr("Reading where the deployed Function posts twin changes now…"));
    m_currentTargetLabel->show();
    m_session->arm()
        ->getDeployment(plan.subscriptionId, plan.resourceGroup, plan.deploymentName)
        .then(this, [this](Result<ArmDeployment> deployment) {
            if (!deployment) {
                m_currentTargetLabel->setText(tr("Could not read the current deployment: %1 Choose below where twin "
                                                 "changes go.")
                                                  .arg(deployment.error().message()));
                return;
            }
            const QString address = deployment.value().parameterValue(QStringLiteral("stackClusterAddress")).toString();
            if (address.isEmpty()) {
                m_currentTargetLabel->hide();
                return;
            }
            auto normalized = [](QString url) {
                while (url.endsWith(QLatin1Char('/')))
                    url.chop(1);
                return url;
            };
            const bool toTts = normalized(address) == normalized(m_session->profile().tts.apiBaseUrl);
            if (toTts) {
                m_ttsRadio->setChecked(true);
                m_currentTargetLabel->setText(
                    tr("The deployed Function posts twin changes to The Things Stack (%1) now.").arg(address));
            } else {
                m_engineRadio->setChecked(true);
                if (m_session->ingestUrl().isEmpty())
                    m_session->setIngestUrl(address);
                m_currentTargetLabel->setText(
                    tr("The deployed Function posts twin changes to the TwinBridge engine at %1 now.").arg(address));
            }
            apply();
        });
}

QString ModePage::nameProblem() const
{
    if (!m_newProfileRadio->isChecked())
        return {};
    const QString name = m_nameEdit->text().trimmed();
    if (name.isEmpty())
        return tr("Enter a name for the new profile.");
    if (ProfileStore *store = m_session->profileStore()) {
        for (const ConnectionProfile &profile : store->profiles()) {
            if (profile.name == name && profile.id != m_newId)
                return tr("A profile named “%1” exists already. Choose another name.").arg(name);
        }
    }
    return {};
}

bool ModePage::isComplete() const
{
    return nameProblem().isEmpty();
}

bool ModePage::validatePage()
{
    apply();
    return isComplete();
}

void ModePage::apply()
{
    m_session->setMode(m_ttsRadio->isChecked() ? DeploymentSession::Mode::TtsIntegration
                                               : DeploymentSession::Mode::Engine);
    const QString problem = nameProblem();
    m_nameProblemLabel->setText(problem);
    m_nameProblemLabel->setVisible(!problem.isEmpty());

    // A new profile starts from the current one's settings under a fresh id; the plan's default names follow
    // the id (resource names and group), unless they were changed already.
    ConnectionProfile &profile = m_session->profile();
    const QString oldId = profile.id;
    const bool toNew = m_newProfileRadio->isChecked();
    const QString newId = toNew ? m_newId : m_original.id;
    if (toNew)
        profile.name = m_nameEdit->text().trimmed();
    else
        profile.name = m_original.name;
    m_session->setNewProfile(toNew);
    if (oldId != newId) {
        profile.id = newId;
        DeploymentPlan &plan = m_session->plan();
        const QString oldSuffix = DeploymentPlan::defaultNameSuffix(oldId);
        const QString newSuffix = DeploymentPlan::defaultNameSuffix(newId);
        if (plan.resourceGroup == QStringLiteral("rg-twinbridge-") + oldSuffix)
            plan.resourceGroup = QStringLiteral("rg-twinbridge-") + newSuffix;
        if (plan.nameSuffix == oldSuffix)
            plan.nameSuffix = newSuffix;
    }
}

} // namespace TwinBridge
