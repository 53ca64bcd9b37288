#include "views/deploy/FinishPage.h"

#include "services/azure/TokenCredential.h" // DeploymentSession.h needs it complete
#include "services/core/Logging.h"
#include "services/deploy/DeploymentSession.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ProfileStore.h"
#include "views/ColorScheme.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace TwinBridge {

FinishPage::FinishPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_doneLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry storing"), this))
    , m_ttsBox(new QGroupBox(tr("The Things Stack's Azure IoT Hub integration"), this))
    , m_hostName(new QLineEdit(m_ttsBox))
    , m_policyKey(new QLineEdit(m_ttsBox))
    , m_reveal(new QToolButton(m_ttsBox))
    , m_ttsSteps(new QLabel(m_ttsBox))
    , m_engineHelp(new QLabel(this))
{
    setTitle(tr("Finish"));
    setFinalPage(true);

    m_doneLabel->setObjectName(QStringLiteral("doneLabel"));
    m_doneLabel->setWordWrap(true);
    m_doneLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setObjectName(QStringLiteral("storeErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText, ColorScheme::errorColor(palette));
    m_errorLabel->setPalette(palette);
    m_retry->setObjectName(QStringLiteral("retryStoreButton"));
    m_retry->setAccessibleName(tr("Retry storing the keys and the profile"));

    // --- TTS mode ---
    m_hostName->setObjectName(QStringLiteral("hostNameEdit"));
    m_hostName->setReadOnly(true);
    m_hostName->setAccessibleName(tr("IoT Hub host name"));
    auto *copyHost = new QPushButton(tr("Copy"), m_ttsBox);
    copyHost->setObjectName(QStringLiteral("copyHostNameButton"));
    copyHost->setAccessibleName(tr("Copy the host name"));
    m_policyKey->setObjectName(QStringLiteral("policyKeyEdit"));
    m_policyKey->setReadOnly(true);
    m_policyKey->setEchoMode(QLineEdit::Password);
    m_policyKey->setAccessibleName(tr("IoT Hub access key"));
    m_reveal->setObjectName(QStringLiteral("revealKeyButton"));
    m_reveal->setCheckable(true);
    m_reveal->setText(tr("Show"));
    m_reveal->setAccessibleName(tr("Show the access key"));
    auto *copyKey = new QPushButton(tr("Copy"), m_ttsBox);
    copyKey->setObjectName(QStringLiteral("copyPolicyKeyButton"));
    copyKey->setAccessibleName(tr("Copy the access key"));
    m_ttsSteps->setObjectName(QStringLiteral("ttsStepsLabel"));
    m_ttsSteps->setWordWrap(true);
    m_ttsSteps->setTextFormat(Qt::PlainText);
    auto *ttsForm = new QFormLayout(m_ttsBox);
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_hostName, 1);
    hostRow->addWidget(copyHost);
    ttsForm->addRow(tr("Azure IoT Hub hostname:"), hostRow);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_policyKey, 1);
    keyRow->addWidget(m_reveal);
    keyRow->addWidget(copyKey);
    ttsForm->addRow(tr("Azure IoT Hub access key:"), keyRow);
    ttsForm->addRow(m_ttsSteps);
    connect(copyHost, &QPushButton::clicked, this,
            [this]() { QGuiApplication::clipboard()->setText(m_hostName->text()); });
    connect(copyKey, &QPushButton::clicked, this,
            [this]() { QGuiApplication::clipboard()->setText(m_policyKey->text()); });
    connect(m_reveal, &QToolButton::toggled, this, [this](bool shown) {
        m_policyKey->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_reveal->setText(shown ? tr("Hide") : tr("Show"));
        m_reveal->setAccessibleName(shown ? tr("Hide the access key") : tr("Show the access key"));
    });

    m_engineHelp->setObjectName(QStringLiteral("engineHelpLabel"));
    m_engineHelp->setWordWrap(true);
    m_engineHelp->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_doneLabel);
    layout->addWidget(m_errorLabel);
    auto *retryRow = new QHBoxLayout;
    retryRow->addStretch();
    retryRow->addWidget(m_retry);
    layout->addLayout(retryRow);
    layout->addWidget(m_ttsBox);
    layout->addWidget(m_engineHelp);
    layout->addStretch();
    connect(m_retry, &QPushButton::clicked, this, &FinishPage::store);
}

void FinishPage::initializePage()
{
    setSubTitle(m_session->purpose() == DeploymentSession::Purpose::Update
                    ? tr("The Azure side is updated. The keys and the profile are stored below.")
                    : tr("The Azure side is deployed. The keys and the profile are stored below."));
    m_ttsBox->setVisible(false);
    m_engineHelp->setVisible(false);
    m_reveal->setChecked(false);
    store();
}

bool FinishPage::isComplete() const
{
    return m_stored;
}

void FinishPage::store()
{
    if (m_storing)
        return;
    ++m_run;
    m_done.clear();
    m_doneLabel->clear();
    m_errorLabel->clear();
    m_errorLabel->setVisible(false);
    m_retry->setVisible(false);
    m_stored = false;
    emit completeChanged();
    if (!m_session->outcome()) {
        failed(tr("store the deployment's results"),
               ServiceError::notConfigured(tr("There is no finished deployment to store. Go back and deploy.")));
        return;
    }
    m_storing = true;
    setProperty("busy", true); // DeployWizard::busyProperty(): closing the wizard asks first
    storePolicyKey();
}

void FinishPage::storePolicyKey()
{
    const DeploymentOutcome &outcome = *m_session->outcome();
    SecretStore *secrets = m_session->secretStore();
    if (!secrets) {
        failed(tr("store the policy key"), ServiceError::notConfigured(tr("This console has no secret store.")));
        return;
    }
    const quint64 run = m_run;
    secrets->write(m_session->profile().id, SecretKind::HubPolicyKey, outcome.policyKey)
        .then(this, [this, run](Status stored) {
            if (run != m_run)
                return;
            if (!stored) {
                failed(tr("store the key of policy %1").arg(m_session->outcome()->policyName), stored.error());
                return;
            }
            qCInfo(lcUi) << "policy key of the deployed hub stored for the profile";
            addDone(tr("The key of policy %1 is stored: %2.")
                        .arg(m_session->outcome()->policyName, m_session->secretStore()->storedDescription()));
            storeTtsKey();
        });
}

void FinishPage::storeTtsKey()
{
    if (m_session->ttsApiKey().isEmpty()) {
        storeProfile();
        return;
    }
    const quint64 run = m_run;
    m_session->secretStore()
        ->write(m_session->profile().id, SecretKind::TtsApiKey, m_session->ttsApiKey())
        .then(this, [this, run](Status stored) {
            if (run != m_run)
                return;
            if (!stored) {
                failed(tr("store the TTS API key"), stored.error());
                return;
            }
            addDone(tr("The TTS API key is stored: %1.").arg(m_session->secretStore()->storedDescription()));
            storeProfile();
        });
}

void FinishPage::storeProfile()
{
    const DeploymentOutcome &outcome = *m_session->outcome();
    ConnectionProfile &profile = m_session->profile();
    profile.iotHub.hostName = outcome.hostName;
    profile.iotHub.policyName = outcome.policyName;
    profile.azure.subscriptionId = m_session->plan().subscriptionId;
    profile.azure.resourceGroup = m_session->plan().resourceGroup;
    ProfileStore *store = m_session->profileStore();
    if (!store) {
        failed(tr("store the profile"), ServiceError::notConfigured(tr("This console has no profile store.")));
        return;
    }
    const bool add = m_session->isNewProfile() && !store->contains(profile.id);
    const Status saved = add ? store->add(profile) : store->update(profile);
    if (!saved) {
        failed(add ? tr("add profile %1").arg(profile.name) : tr("update profile %1").arg(profile.name), saved.error());
        return;
    }
    m_session->setNewProfile(false);
    addDone(add ? tr("Profile %1 is added and names hub %2 with policy %3.")
                      .arg(profile.name, outcome.hostName, outcome.policyName)
                : tr("Profile %1 is updated and names hub %2 with policy %3.")
                      .arg(profile.name, outcome.hostName, outcome.policyName));
    if (const Status current = store->setCurrentProfileId(profile.id); !current) {
        failed(tr("select profile %1").arg(profile.name), current.error());
        return;
    }
    addDone(tr("Profile %1 is the current profile.").arg(profile.name));
    m_storing = false;
    setProperty("busy", false);
    m_stored = true;
    showTargetHelp();
    emit completeChanged();
    emit storingFinished(true);
}

void FinishPage::showTargetHelp()
{
    const DeploymentOutcome &outcome = *m_session->outcome();
    if (m_session->mode() == DeploymentSession::Mode::TtsIntegration) {
        m_hostName->setText(outcome.hostName);
        m_policyKey->setText(outcome.policyKey);
        m_ttsSteps->setText(
            tr("In the TTS Console:\n"
               "1. Open your application %1 and choose Integrations → Azure IoT Hub (Expand next to “Azure IoT "
               "Hub”).\n"
               "2. Paste the host name above into “Azure IoT Hub hostname”.\n"
               "3. Paste the access key above into “Azure IoT Hub access key”.\n"
               "4. Click “Enable Azure IoT Hub integration” (or “Update …”).\n"
               "TTS then registers your end devices in the hub and forwards their uplinks; twin changes come back "
               "through the deployed Function.")
                .arg(m_session->profile().tts.applicationId));
        m_ttsBox->setVisible(true);
        m_engineHelp->setVisible(false);
        return;
    }
    m_engineHelp->setText(
        tr("Start the bridge: open the Bridge page of this console and click Start, or run it as a service with "
           "'twinbridged --config <profile file>' (export the profile from the Connections page). The engine's "
           "ingest endpoint must be reachable at %1 for twin changes to arrive.")
            .arg(m_session->ingestUrl()));
    m_engineHelp->setVisible(true);
    m_ttsBox->setVisible(false);
}

void FinishPage::failed(const QString &what, const ServiceError &error)
{
    m_storing = false;
    setProperty("busy", false);
    QString text = tr("Could not %1: %2").arg(what, error.message());
    if (SecretStore::isKeychainUnavailable(error))
        text += QLatin1Char(' ') +
            tr("No OS keychain answered. Start or unlock your desktop's keychain (Secret Service, e.g. GNOME Keyring "
               "or KWallet) and click Retry; the values are kept until this wizard closes.");
    else
        text += QLatin1Char(' ') + tr("Fix the cause and click Retry; the values are kept until this wizard closes.");
    m_errorLabel->setText(text);
    m_errorLabel->setVisible(true);
    m_retry->setVisible(m_session->outcome().has_value());
    emit completeChanged();
    emit storingFinished(false);
}

void FinishPage::addDone(const QString &line)
{
    m_done.append(QStringLiteral("✓ ") + line);
    m_doneLabel->setText(m_done.join(QLatin1Char('\n')));
}

} // namespace TwinBridge
