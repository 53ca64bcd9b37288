#pragma once

#include "services/core/Result.h"

#include <QPointer>
#include <QWizardPage>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QUrl;

namespace TwinBridge {

class ArmClient;
class DeploymentSession;
class TokenCredential;

// Azure sign-in for the deployment wizard, three ways: a device code (the code shown large with the link and a
// copy button, waiting until the user approved it in a browser), a service principal (tenant, client ID, client
// secret) or the existing Azure CLI login. Signing in acquires a Resource Manager token and lists the
// subscriptions — only then is the credential handed to the session (setCredential) and Next enabled. The
// authority, tenant and client ID start from the session's profile. A device code sign-in keeps its refresh
// token in the profile's keychain entry; a service principal's secret is written to the keychain once it worked.
class SignInPage : public QWizardPage
{
    Q_OBJECT

public:
    enum class Method { DeviceCode, ServicePrincipal, AzureCli };
    Q_ENUM(Method)

    explicit SignInPage(DeploymentSession *session, QWidget *parent = nullptr);
    ~SignInPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    Method method() const;
    // The Azure CLI program the "existing az login" way runs ("az" on PATH by default).
    void setAzureCliProgram(const QString &program) { m_cliProgram = program; }

public slots:
    void signIn();
    void cancelSignIn();

private:
    void showMethod();
    void setBusy(bool busy);
    void showError(const QString &sentence, const QString &detail = {});
    void showUserCode(const QString &userCode, const QUrl &verificationUri, const QString &message);
    void finishSignIn(const QString &account, int subscriptionCount);
    TokenCredential *makeCredential(QString *problem);
    void abandon();

    DeploymentSession *m_session;
    QButtonGroup *m_methodGroup;
    QRadioButton *m_deviceCodeRadio;
    QRadioButton *m_servicePrincipalRadio;
    QRadioButton *m_cliRadio;
    QLineEdit *m_authorityEdit;
    QLineEdit *m_tenantEdit;
    QLineEdit *m_clientIdEdit;
    QLineEdit *m_secretEdit;
    QLabel *m_clientIdLabel;
    QLabel *m_secretLabel;
    QLabel *m_methodHelpLabel;
    QWidget *m_deviceCodeBox;
    QLabel *m_userCodeLabel;
    QLabel *m_linkLabel;
    QLabel *m_deviceMessageLabel;
    QPushButton *m_copyCodeButton;
    QPushButton *m_signInButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_statusLabel;
    QString m_cliProgram = QStringLiteral("az");

    QPointer<TokenCredential> m_pending; // the credential being tried (owned by this page until it works)
    QPointer<ArmClient> m_probeArm;
    quint64 m_generation = 0;
    bool m_signedIn = false;
};

} // namespace TwinBridge
