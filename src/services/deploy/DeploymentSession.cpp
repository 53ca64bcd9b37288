#include "services/deploy/DeploymentSession.h"

#include "services/azure/ArmClient.h"
#include "services/azure/TokenCredential.h"
#include "services/deploy/DeployedNames.h"
#include "services/diagnostics/AzureConnectionTest.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/settings/ProfileStore.h"

namespace TwinBridge {

DeploymentSession::DeploymentSession(Purpose purpose, const ConnectionProfile &profile, bool isNewProfile,
                                     ProfileStore *profiles, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_purpose(purpose)
    , m_profile(profile)
    , m_newProfile(isNewProfile)
    , m_profiles(profiles)
    , m_nam(nam)
{
    m_plan.subscriptionId = profile.azure.subscriptionId;
    m_plan.applicationId = profile.tts.applicationId;
    // A deployed profile keeps its names (DeployedNames: its hub's suffix and its resource group); otherwise they
    // follow the profile id.
    m_plan.nameSuffix = DeploymentPlan::defaultNameSuffix(profile.id);
    DeployedNames::adopt(m_plan, profile);
    if (profile.azure.resourceGroup.isEmpty())
        m_plan.resourceGroup = QStringLiteral("rg-twinbridge-") + m_plan.nameSuffix;
    m_groupExists = !profile.azure.resourceGroup.isEmpty();
}

DeploymentSession::~DeploymentSession()
{
    delete m_deployer;
    delete m_arm;
    delete m_credential.data();
}

void DeploymentSession::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    emit modeChanged(mode);
}

SecretStore *DeploymentSession::secretStore() const
{
    return m_profiles ? m_profiles->secretStore() : nullptr;
}

Result<QSslConfiguration> DeploymentSession::tlsConfiguration() const
{
    return DeviceConnectionSettings::tlsConfiguration(m_profile.tls.caCertificateFile);
}

void DeploymentSession::setCredential(TokenCredential *credential, const QString &account)
{
    if (m_credential != credential) {
        delete m_deployer;
        m_deployer = nullptr;
        delete m_arm;
        m_arm = nullptr;
        delete m_credential.data();
        m_credential = credential;
        if (credential)
            credential->setParent(this);
    }
    m_account = account;
    rebuildClients();
    emit credentialChanged();
}

void DeploymentSession::setArmPollInterval(std::chrono::milliseconds interval)
{
    m_pollInterval = interval;
    if (m_arm)
        m_arm->setPollInterval(interval);
}

void DeploymentSession::rebuildClients()
{
    delete m_deployer;
    m_deployer = nullptr;
    delete m_arm;
    m_arm = nullptr;
    if (!m_credential)
        return;
    m_arm = createArmClient(m_credential, this);
    m_deployer = new AzureDeployer(m_arm, this);
}

ArmClient *DeploymentSession::createArmClient(TokenCredential *credential, QObject *parent) const
{
    auto *arm = new ArmClient(m_nam, credential, nullptr, parent);
    arm->configure(AzureConnectionTest::authorityOf(m_profile));
    arm->setPollInterval(m_pollInterval);
    if (const Result<QSslConfiguration> ssl = tlsConfiguration(); ssl)
        arm->transport()->setSslConfiguration(ssl.value());
    return arm;
}

void DeploymentSession::applyTarget()
{
    if (m_mode == Mode::TtsIntegration) {
        m_plan.stackBaseUrl = m_profile.tts.apiBaseUrl;
        m_plan.stackApiKey = m_ttsApiKey;
    } else {
        m_plan.stackBaseUrl = m_ingestUrl;
        m_plan.stackApiKey = m_ingestKey;
    }
    m_plan.applicationId = m_profile.tts.applicationId;
}

void DeploymentSession::setOutcome(const DeploymentOutcome &outcome)
{
    m_outcome = outcome;
}

} // namespace TwinBridge
