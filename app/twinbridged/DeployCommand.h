#pragma once

#include "services/core/Result.h"
#include "services/deploy/AzureDeployer.h"
#include "services/deploy/DeploymentPlan.h"
#include "services/engine/EngineConfig.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QSocketNotifier;

namespace TwinBridge {

class ArmClient;
class KeychainSecretStore;
class TokenCredential;
class UnixSignalWatcher;

// twinbridged deploy | update | uninstall --config profile.json: the Azure side of a profile without a GUI, over
// AzureDeployer. Prints the plan and the what-if list, asks before changing anything (or takes --yes; without a
// terminal and without --yes it refuses), deploys with one line per resource state change, stores the policy key
// in the OS keychain (never printing it) and writes the hub's host and policy names, the subscription and the
// resource group back into the profile file. Before the what-if, Azure validates the deployment (its errors are
// printed one a line); an F1 plan is refused while the subscription has another Free hub. uninstall deletes the
// resource group after a typed confirmation and removes all of the profile's secrets.
class DeployCommand : public QObject
{
    Q_OBJECT

public:
    enum class Action { Deploy, Update, Uninstall };

    // The action a first argument names ("deploy", "update", "uninstall"), if any.
    static std::optional<Action> actionFor(const QString &word);
    // Runs the command (arguments as QCoreApplication::arguments(), the action word second) to its exit code.
    static int run(Action action, const QStringList &arguments);

private:
    enum class Target { Tts, Engine };

    DeployCommand(Action action, QObject *parent = nullptr);
    ~DeployCommand() override;

    int prepare(const QStringList &arguments); // parses, reads, validates; nonzero: exit at once
    int prepareCredential(const QString &sandboxFile, bool azureCli);
    void start();
    void resolveLocation();
    void runPreflight();
    void runWhatIf(); // validate, then what-if
    void runWhatIfNow();
    void failValidation(const ServiceError &error);
    void removeGroupCreatedForWhatIfThen(std::function<void()> next);
    void confirmThen(const QString &question, const QString &expectedAnswer, std::function<void()> next);
    void onStdinReadable();
    void answer(); // the first line typed: confirmed or not
    void declined();
    void registerProvidersThenDeploy();
    void storeStackKeyThenDeploy();
    void deployNow();
    void finishDeployment(const DeploymentOutcome &outcome);
    void writeProfile(const DeploymentOutcome &outcome);
    void uninstallNow();
    void onSignal();

    void printPlan() const;
    QString elapsed() const;
    void fail(const ServiceError &error, int exitCode);
    void finish(int exitCode);
    QString verb() const;

    Action m_action;
    Target m_target = Target::Tts;
    bool m_yes = false;
    bool m_locationGiven = false;
    QString m_profileFile;
    QJsonObject m_profileJson; // the file as read, written back with the hub's names
    bool m_profileHadId = false;
    EngineConfig m_config;
    DeploymentPlan m_plan;
    QString m_keySource; // where the stack key came from (for the plan; never the key)
    bool m_keyGenerated = false; // a fresh ingest key, stored in the keychain before deploying
    QStringList m_unregisteredProviders;
    QSslConfiguration m_ssl;
    bool m_customSsl = false;

    QNetworkAccessManager *m_nam = nullptr;
    TokenCredential *m_credential = nullptr;
    ArmClient *m_arm = nullptr;
    AzureDeployer *m_deployer = nullptr;
    KeychainSecretStore *m_keychain = nullptr;
    UnixSignalWatcher *m_signals = nullptr;
    QSocketNotifier *m_stdin = nullptr;
    QByteArray m_stdinBuffer; // typed, not yet answered
    bool m_endOfInput = false;
    QString m_expectedAnswer;
    std::function<void()> m_afterConfirm;
    QElapsedTimer m_clock;
    bool m_groupChecked = false;
    bool m_groupCreatedForWhatIf = false; // deploy: the group did not exist before the what-if
    bool m_finished = false;
    bool m_canceling = false;
};

} // namespace TwinBridge
