#pragma once

#include "services/settings/ConnectionProfile.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QRadioButton;

namespace TwinBridge {

class DeploymentSession;

// The first page of a first deployment: where the deployed Function posts twin changes — the TwinBridge engine
// (on this machine or a server) or The Things Stack Cloud's own Azure IoT Hub integration — and which profile
// receives the result: the current one (updated) or a new one (named here; it gets a fresh id).
class ModePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ModePage(DeploymentSession *session, QWidget *parent = nullptr);
    ~ModePage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void apply();
    QString nameProblem() const;
    // Update: where the deployed Function posts now (the deployment's stackClusterAddress) preselects the mode
    // and, for the engine, the ingest URL.
    void readCurrentTarget();

    DeploymentSession *m_session;
    ConnectionProfile m_original; // the session's profile as it came, restored when "update" is chosen again
    bool m_originalIsNew;
    QString m_newId; // the id a new profile gets (stable while the page lives)
    QRadioButton *m_engineRadio;
    QRadioButton *m_ttsRadio;
    QRadioButton *m_updateProfileRadio;
    QRadioButton *m_newProfileRadio;
    QLineEdit *m_nameEdit;
    QLabel *m_nameProblemLabel;
    QLabel *m_currentTargetLabel;
    bool m_currentTargetRead = false;
};

} // namespace TwinBridge
