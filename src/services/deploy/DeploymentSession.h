#pragma once

#include "services/azure/TokenCredential.h"
#include "services/core/Result.h"
#include "services/deploy/AzureDeployer.h"
#include "services/deploy/DeploymentPlan.h"
#include "services/settings/ConnectionProfile.h"

#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace TwinBridge {

class ArmClient;
class ProfileStore;
class SecretStore;

// What one run of the console's deployment wizard builds up, shared by its pages (no widgets here): why it runs
// (deploy, update, uninstall), where the Function posts twin changes (the TwinBridge engine or TTS's own
// integration), the profile being created or updated, the Azure sign-in with the ArmClient and AzureDeployer on
// it, the deployment plan, the keys entered (memory only until the finish page stores them in the SecretStore)
// and the outcome.
//
// Who sets what: the mode page → mode() and the profile; the sign-in page → setCredential(); the Azure page →
// plan().subscriptionId/location/resourceGroup and profile().azure.subscriptionId/resourceGroup; the TTS page →
// profile().tts, ttsApiKey() and plan().applicationId; the options page → the tiers, nameSuffix, and
// stackBaseUrl/stackApiKey (applyTarget()); the deploy page → setOutcome(); the finish page stores the keys and
// the profile.
class DeploymentSession : public QObject
{
    Q_OBJECT

public:
    enum class Purpose { Deploy, Update, Uninstall };
    Q_ENUM(Purpose)
    // Where the deployed Function posts twin changes.
    enum class Mode {
        Engine, // the TwinBridge engine's ingest endpoint (on this machine or a server)
        TtsIntegration, // The Things Stack's own Azure IoT Hub integration
    };
    Q_ENUM(Mode)

    // `profile` is the profile to update (or a fresh one to add: isNewProfile()); the store and its SecretStore
    // receive the result. `nam` serves every client the session creates.
    DeploymentSession(Purpose purpose, const ConnectionProfile &profile, bool isNewProfile, ProfileStore *profiles,
                      QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~DeploymentSession() override;

    Purpose purpose() const { return m_purpose; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    ConnectionProfile &profile() { return m_profile; }
    const ConnectionProfile &profile() const { return m_profile; }
    bool isNewProfile() const { return m_newProfile; }
    void setNewProfile(bool isNew) { m_newProfile = isNew; }
    ProfileStore *profileStore() const { return m_profiles; }
    SecretStore *secretStore() const;
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    // The TLS configuration every client of this session uses: the system CAs plus the profile's extra CA.
    Result<QSslConfiguration> tlsConfiguration() const;

    // The Azure sign-in. Takes ownership of `credential` (deleting the previous one) and rebuilds arm() and
    // deployer() on it; `account` is who signed in, shown on later pages.
    void setCredential(TokenCredential *credential, const QString &account);
    TokenCredential *credential() const { return m_credential; }
    QString account() const { return m_account; }
    bool isSignedIn() const { return m_arm != nullptr; }
    ArmClient *arm() const { return m_arm; }
    AzureDeployer *deployer() const { return m_deployer; }
    // An ArmClient on `credential` for the profile's management endpoint, CA and the session's poll interval (what
    // arm() is; the sign-in page probes a credential with one before it becomes the session's).
    ArmClient *createArmClient(TokenCredential *credential, QObject *parent) const;
    // How often long-running ARM operations are polled (the sandbox's shortened clock wants less than 5 s).
    void setArmPollInterval(std::chrono::milliseconds interval);

    DeploymentPlan &plan() { return m_plan; }
    const DeploymentPlan &plan() const { return m_plan; }
    // Whether plan().resourceGroup exists already (the Azure page found it) or is created by the deployment.
    bool resourceGroupExists() const { return m_groupExists; }
    void setResourceGroupExists(bool exists) { m_groupExists = exists; }
    // A new resource group that only the review's checks created (validate and what-if need it): empty once the
    // deployment started in it. Whoever ends the wizard without deploying removes it.
    QString groupCreatedByChecks() const { return m_groupCreatedByChecks; }
    void setGroupCreatedByChecks(const QString &group) { m_groupCreatedByChecks = group; }

    // Secrets held in memory until the finish page stores them.
    QString ttsApiKey() const { return m_ttsApiKey; }
    void setTtsApiKey(const QString &key) { m_ttsApiKey = key; }
    QString ingestKey() const { return m_ingestKey; }
    void setIngestKey(const QString &key) { m_ingestKey = key; }
    // Engine mode: the public address of the engine's ingest endpoint (…/api/v3).
    QString ingestUrl() const { return m_ingestUrl; }
    void setIngestUrl(const QString &url) { m_ingestUrl = url; }
    // Sets plan().stackBaseUrl and plan().stackApiKey from the mode: the TTS API address and key, or the engine's
    // ingest address and key.
    void applyTarget();

    const std::optional<DeploymentOutcome> &outcome() const { return m_outcome; }
    void setOutcome(const DeploymentOutcome &outcome);

signals:
    void modeChanged(TwinBridge::DeploymentSession::Mode mode);
    // A new sign-in: arm() and deployer() are new objects.
    void credentialChanged();

private:
    void rebuildClients();

    Purpose m_purpose;
    Mode m_mode = Mode::Engine;
    ConnectionProfile m_profile;
    bool m_newProfile;
    ProfileStore *m_profiles;
    QNetworkAccessManager *m_nam;
    QPointer<TokenCredential> m_credential;
    QString m_account;
    ArmClient *m_arm = nullptr;
    AzureDeployer *m_deployer = nullptr;
    std::chrono::milliseconds m_pollInterval {5000};
    DeploymentPlan m_plan;
    bool m_groupExists = false;
    QString m_groupCreatedByChecks;
    QString m_ttsApiKey;
    QString m_ingestKey;
    QString m_ingestUrl;
    std::optional<DeploymentOutcome> m_outcome;
};

} // namespace TwinBridge
