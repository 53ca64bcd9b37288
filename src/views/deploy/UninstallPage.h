#pragma once

#include "services/core/ServiceError.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QProgressBar;

namespace TwinBridge {

class ArmErrorView;
class DeploymentSession;

// The deployment wizard's uninstall: lists what goes (the resource group with everything in it — or says that it
// does not exist — and the profile's secrets), asks for the resource group's name typed exactly, then (Delete)
// deletes the group with progress, removes every secret of the profile (SecretStore::removeAll) and clears the
// profile's IoT hub host name. Errors keep their details, and Delete retries.
class UninstallPage : public QWizardPage
{
    Q_OBJECT

public:
    enum class State { Checking, Ready, Deleting, RemovingSecrets, Done, Failed };
    Q_ENUM(State)

    explicit UninstallPage(DeploymentSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override { return -1; }

    State state() const { return m_state; }
    // Whether the group existed when the page looked (nullopt while looking).
    std::optional<bool> groupExists() const { return m_groupExists; }

signals:
    void uninstallFinished(bool ok);

private:
    void lookUpGroup();
    void deleteGroup();
    void removeSecrets();
    void clearProfile();
    void failed(const ServiceError &error);
    void setState(State state);
    void describe();

    DeploymentSession *m_session;
    State m_state = State::Checking;
    std::optional<bool> m_groupExists;
    quint64 m_run = 0;
    QLabel *m_whatGoes;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    QProgressBar *m_busy;
    QLabel *m_progress;
    ArmErrorView *m_error;
};

} // namespace TwinBridge
