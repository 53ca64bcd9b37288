#pragma once

#include "services/diagnostics/EndpointProbe.h"
#include "services/tts/TtsRights.h"

#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QTimer;

namespace TwinBridge {

class DeploymentSession;
class TtsClient;

// The The Things Stack application the deployment serves: API address, application ID, tenant and API key. A
// checklist shows each right the chosen mode needs, ticked or crossed from `GET /applications/{app}/rights` a
// moment after the last edit, each missing right named with TtsRights' sentence (an unknown key says so); the TTS
// MQTT server is probed too. Next needs every right; an unreachable MQTT server only blocks the engine mode
// until "continue anyway" is ticked. In an update the stored key stays unless a new one is typed.
//
// Rights per mode: the engine needs TtsRights::required(AzureIntegration). For TTS's own integration the key
// goes into the Function, which calls TTS's AzureIoTHubService.Submit; its rights are undocumented, and
// reference/tts-integration.md §4.6 infers that it creates and deletes devices with root keys and schedules
// downlinks: the rights of ReadDevices, WriteDevices and DownlinkWrite.
class TtsApplicationPage : public QWizardPage
{
    Q_OBJECT

public:
    // The state of one right in the checklist (Qt::UserRole of its item).
    enum class RightState { Unchecked, Granted, Missing };
    Q_ENUM(RightState)

    explicit TtsApplicationPage(DeploymentSession *session, QWidget *parent = nullptr);
    ~TtsApplicationPage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // The rights a mode needs, in TtsRights' order.
    static QList<TtsRights::Right> requiredRights(bool engineMode);
    // The missing ones of `rights` for a mode, each with its sentence.
    static QList<TtsRights::MissingRight> missingRights(const TtsRights &rights, bool engineMode);

    // How long after the last edit the checks run (default 600 ms).
    void setCheckDelay(int milliseconds);

public slots:
    // Runs the rights and MQTT checks now.
    void check();

private:
    void scheduleCheck();
    void rebuildChecklist();
    void showRights(const TtsRights &rights);
    void showKeyProblem(const QString &sentence);
    void probeMqtt(quint64 generation, const QString &host, int port, bool tls);
    void findMqttServer(quint64 generation);
    QString effectiveKey() const;
    bool isEngineMode() const;
    void apply();

    DeploymentSession *m_session;
    QLineEdit *m_apiBaseUrlEdit;
    QLineEdit *m_applicationIdEdit;
    QLineEdit *m_tenantIdEdit;
    QLineEdit *m_apiKeyEdit;
    QLabel *m_keyHintLabel;
    QListWidget *m_rightsList;
    QLabel *m_rightsStatusLabel;
    QLabel *m_mqttStatusLabel;
    QCheckBox *m_continueWithoutMqttCheck;
    QProgressBar *m_progress;
    QTimer *m_debounce;
    TtsClient *m_client = nullptr;
    EndpointProbe *m_probe;
    QString m_storedKey;
    quint64 m_generation = 0;
    bool m_rightsChecking = false;
    bool m_mqttChecking = false;
    bool m_rightsOk = false;
    bool m_mqttOk = false;
    bool m_mqttFailed = false;
};

} // namespace TwinBridge
