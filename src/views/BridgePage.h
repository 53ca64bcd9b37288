#pragma once

#include "services/core/Result.h"
#include "services/engine/Engine.h"
#include "services/engine/EngineConfig.h"
#include "services/engine/EngineMetrics.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTabWidget;

namespace TwinBridge {

class BridgeHealth;
class DeviceErrorModel;
class EngineHost;
class EngineSettingsForm;
class EngineStatsHistory;
class ProfileSession;
class ProfileStore;
class SecretStore;
class Settings;
class StatusLight;
class ThroughputChart;

// The Bridge page (issue 7 §5): runs the console's engine — the EngineHost main.cpp owns — for the current
// connection profile. Start builds the EngineConfig from the profile, its secrets (EngineConfig::withSecretsFrom)
// and the profile's engine settings (EngineSettingsForm / BridgeProfileSettings); Stop drains; Pause keeps the
// engine receiving and storing but forwards nothing until Resume (Engine::setPaused). Shows four status lights
// (BridgeHealth), the counters, a chart of throughput and latency over 10 minutes (EngineStatsHistory,
// ThroughputChart), the devices with errors (DeviceErrorModel) and the outbox with "Retry now" and "Discard…".
// For a profile imported from a sandbox.json, starting also points the sandbox's Function at this engine's
// ingest endpoint (SandboxFunctionRegistration), so desired patches come back as downlinks.
class BridgePage : public QWidget
{
    Q_OBJECT

public:
    BridgePage(ProfileStore *profiles, SecretStore *secrets, ProfileSession *session, EngineHost *engine,
               Settings *settings = nullptr, QWidget *parent = nullptr);
    ~BridgePage() override;

    // The sandbox a profile was imported from: the sandbox.json next to the profile's CA certificate file that
    // describes the same hub and TTS application (SandboxProfileImport keeps the CA path of the sandbox's state
    // directory). Its admin URL, or nothing for any other profile.
    static std::optional<QString> sandboxAdminUrl(const ConnectionProfile &profile);

    // Closing `window` while the engine runs stops (drains) it first and closes the window once it stopped; the
    // GUI thread never waits.
    void watchWindowClose(QWidget *window);

    BridgeHealth *health() const { return m_health; }
    EngineStatsHistory *history() const { return m_history; }
    DeviceErrorModel *errors() const { return m_errors; }
    EngineSettingsForm *settingsForm() const { return m_form; }
    bool isPaused() const { return m_paused; }
    // The error sentence shown above the lights (empty when none).
    QString errorText() const;

public slots:
    void start();
    void stop();
    void togglePause();
    void retryNow();
    void discardOutbox();
    void discardDeviceOutbox(const QString &deviceId);

signals:
    void statusMessage(const QString &message);
    // The engine started (and, for a sandbox profile, the registration was attempted).
    void engineStarted();
    void startFailed(const TwinBridge::ServiceError &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void onProfileChanged();
    void startWith(EngineConfig config, const std::optional<QString> &adminUrl, const QString &publicUrl);
    void registerWithSandbox(const QString &adminUrl, const EngineConfig &config, const QString &baseUrl);
    void failStart(const ServiceError &error, const ProfileIssues &issues = {});
    void onStateChanged(Engine::State state);
    void onStats(const EngineMetricsSnapshot &snapshot);
    void onEvents(const EngineEvents &events);
    void showError(const QString &text);
    void updateButtons();
    void updateStateLabel();
    void updateLight(int side);
    void saveViewState();
    QNetworkAccessManager *networkAccessManager();
    static QString counterLabel(EngineMetricsSnapshot::Counter counter);

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    QPointer<ProfileSession> m_session;
    QPointer<EngineHost> m_engine;
    Settings *m_settings;
    QNetworkAccessManager *m_ownNam = nullptr;

    BridgeHealth *m_health = nullptr;
    EngineStatsHistory *m_history = nullptr;
    DeviceErrorModel *m_errors = nullptr;
    QSortFilterProxyModel *m_errorsSorted = nullptr;

    QLabel *m_profileLabel = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_dismissError = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QList<StatusLight *> m_lights;
    QList<QLabel *> m_counterValues; // by EngineMetricsSnapshot::Counter
    QLabel *m_latencyValue = nullptr;
    QLabel *m_connectionsValue = nullptr;
    QLabel *m_outboxLabel = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_discardButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_splitter = nullptr;
    ThroughputChart *m_chart = nullptr;
    QTableView *m_errorTable = nullptr;
    EngineSettingsForm *m_form = nullptr;

    Engine::State m_state = Engine::State::Stopped;
    bool m_starting = false; // from the click until the engine runs or the start failed
    bool m_paused = false;
    bool m_pauseBusy = false;
    bool m_closeWhenStopped = false;
    QPointer<QWidget> m_window;
    qint64 m_outboxDepth = 0;
    QString m_runningProfileName;
    QString m_ingestUrl;
};

} // namespace TwinBridge
