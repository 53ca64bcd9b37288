#pragma once

#include <QHash>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace TwinBridge {

class DeploymentSession;

// The deployment wizard's options (deploy and update): IoT Hub tier and units with the daily message quota and
// throttles they imply (HubThrottle, HubMessageQuota) and what drives the monthly cost, the Event Hubs and
// storage tiers, the fallback route (and what leaving it out means), the name suffix with the resource names it
// gives (fixed in an update), and in engine mode the engine's public ingest URL and its ingest key (the stored
// one, else a new one held in the session until the deployment stores it). Each DeploymentPlan::validate()
// problem of these fields is shown next to its field and keeps Next disabled; leaving the page applies the
// target to the plan (DeploymentSession::applyTarget()).
class OptionsPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit OptionsPage(DeploymentSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // The problems of this page's fields (DeploymentField key → message) for the values entered.
    QHash<QString, QString> fieldIssues() const;

private:
    void buildHubGroup(QWidget *parent);
    void loadIngestKey();
    void generateIngestKey(const QString &status);
    void readWidgets();
    void refresh();
    void refreshFigures();
    void refreshNames();
    void refreshErrors();
    QLabel *errorLabel(const QString &field, const QString &accessibleName);

    DeploymentSession *m_session;
    bool m_loading = false; // widgets are being filled from the session
    bool m_keyPending = false; // the stored ingest key is being read

    QComboBox *m_hubSku = nullptr;
    QSpinBox *m_hubUnits = nullptr;
    QLabel *m_messagesPerDay = nullptr;
    QLabel *m_deviceToCloud = nullptr;
    QLabel *m_twinReads = nullptr;
    QLabel *m_twinUpdates = nullptr;
    QLabel *m_registry = nullptr;
    QLabel *m_costDriver = nullptr;
    QComboBox *m_eventHubSku = nullptr;
    QComboBox *m_storageSku = nullptr;
    QCheckBox *m_fallbackRoute = nullptr;
    QLabel *m_fallbackNote = nullptr;
    QLineEdit *m_nameSuffix = nullptr;
    QLabel *m_resourceNames = nullptr;
    QGroupBox *m_engineGroup = nullptr;
    QLineEdit *m_ingestUrl = nullptr;
    QLineEdit *m_ingestKey = nullptr;
    QPushButton *m_newIngestKey = nullptr;
    QLabel *m_ingestKeyStatus = nullptr;
    QHash<QString, QLabel *> m_fieldErrors;
};

} // namespace TwinBridge
