#pragma once

#include "services/core/ServiceError.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QWidget;

namespace TwinBridge {

class DeploymentSession;

// The deployment wizard's last page: stores what the deployment gave — the policy key (OS keychain, HubPolicyKey),
// the TTS API key when one was entered, then the profile with the new hub's host and policy names (added or
// updated, and made the current profile) — and lists what was done. In TTS-integration mode it shows the host
// name and the policy key (hidden until revealed) with copy buttons and the steps to enter them in the TTS
// Console; in engine mode how to start the bridge. A failure to store (e.g. no keychain) says what to do and
// keeps every value for Retry.
class FinishPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit FinishPage(DeploymentSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override { return -1; }

    bool isStored() const { return m_stored; }

signals:
    // Everything is stored (ok) or a step failed (the error).
    void storingFinished(bool ok);

private:
    void store();
    void storePolicyKey();
    void storeTtsKey();
    void storeProfile();
    void failed(const QString &what, const ServiceError &error);
    void addDone(const QString &line);
    void showTargetHelp();

    DeploymentSession *m_session;
    bool m_storing = false;
    bool m_stored = false;
    quint64 m_run = 0;
    QStringList m_done;
    QLabel *m_doneLabel;
    QLabel *m_errorLabel;
    QPushButton *m_retry;
    QWidget *m_ttsBox;
    QLineEdit *m_hostName;
    QLineEdit *m_policyKey;
    QToolButton *m_reveal;
    QLabel *m_ttsSteps;
    QLabel *m_engineHelp;
};

} // namespace TwinBridge
