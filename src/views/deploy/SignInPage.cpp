#include "views/deploy/SignInPage.h"

#include "services/azure/ArmClient.h"
#include "services/azure/AzureCliCredential.h"
#include "services/azure/DeviceCodeCredential.h"
#include "services/core/Logging.h"
#include "services/deploy/DeploymentSession.h"
#include "services/diagnostics/AzureConnectionTest.h"
#include "services/secrets/SecretStore.h"
#include "views/deploy/DeployWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QUrl>
#include <QVBoxLayout>

namespace TwinBridge {

SignInPage::SignInPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("signInPage"));
    setTitle(tr("Sign in to Azure"));
    setSubTitle(tr("The wizard creates and changes Azure resources in your name. Choose how to sign in."));

    auto *methodBox = new QGroupBox(tr("How to sign in"), this);
    m_deviceCodeRadio = new QRadioButton(tr("With a &code in the browser (device code)"), methodBox);
    m_deviceCodeRadio->setObjectName(QStringLiteral("deviceCodeRadioButton"));
    m_servicePrincipalRadio = new QRadioButton(tr("As a &service principal (client secret)"), methodBox);
    m_servicePrincipalRadio->setObjectName(QStringLiteral("servicePrincipalRadioButton"));
    m_cliRadio = new QRadioButton(tr("With the existing Azure &CLI login (az)"), methodBox);
    m_cliRadio->setObjectName(QStringLiteral("azureCliRadioButton"));
    m_methodGroup = new QButtonGroup(this);
    m_methodGroup->addButton(m_deviceCodeRadio, int(Method::DeviceCode));
    m_methodGroup->addButton(m_servicePrincipalRadio, int(Method::ServicePrincipal));
    m_methodGroup->addButton(m_cliRadio, int(Method::AzureCli));
    m_methodHelpLabel = new QLabel(methodBox);
    m_methodHelpLabel->setObjectName(QStringLiteral("signInMethodHelpLabel"));
    m_methodHelpLabel->setWordWrap(true);
    auto *methodLayout = new QVBoxLayout(methodBox);
    methodLayout->addWidget(m_deviceCodeRadio);
    methodLayout->addWidget(m_servicePrincipalRadio);
    methodLayout->addWidget(m_cliRadio);
    methodLayout->addWidget(m_methodHelpLabel);

    const ConnectionProfile::Azure &azure = session->profile().azure;
    m_authorityEdit = new QLineEdit(azure.authority, this);
    m_authorityEdit->setObjectName(QStringLiteral("authorityLineEdit"));
    m_authorityEdit->setAccessibleName(tr("Sign-in authority"));
    m_tenantEdit = new QLineEdit(azure.tenantId, this);
    m_tenantEdit->setObjectName(QStringLiteral("tenantLineEdit"));
    m_tenantEdit->setAccessibleName(tr("Tenant ID"));
    m_tenantEdit->setPlaceholderText(tr("GUID or domain, e.g. contoso.onmicrosoft.com"));
    m_clientIdEdit = new QLineEdit(azure.clientId, this);
    m_clientIdEdit->setObjectName(QStringLiteral("clientIdLineEdit"));
    m_clientIdEdit->setAccessibleName(tr("Client ID"));
    m_clientIdEdit->setPlaceholderText(tr("Application (client) ID of the app registration"));
    m_secretEdit = new QLineEdit(this);
    m_secretEdit->setObjectName(QStringLiteral("clientSecretLineEdit"));
    m_secretEdit->setAccessibleName(tr("Client secret"));
    m_secretEdit->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    auto addRow = [form, this](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
        return label;
    };
    addRow(tr("&Authority:"), m_authorityEdit);
    addRow(tr("&Tenant:"), m_tenantEdit);
    m_clientIdLabel = addRow(tr("C&lient ID:"), m_clientIdEdit);
    m_secretLabel = addRow(tr("Client s&ecret:"), m_secretEdit);

    m_deviceCodeBox = new QWidget(this);
    m_deviceCodeBox->setObjectName(QStringLiteral("deviceCodeBox"));
    m_userCodeLabel = new QLabel(m_deviceCodeBox);
    m_userCodeLabel->setObjectName(QStringLiteral("userCodeLabel"));
    m_userCodeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_userCodeLabel->setAccessibleName(tr("Sign-in code"));
    QFont codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    codeFont.setPointSizeF(m_userCodeLabel->font().pointSizeF() * 2);
    codeFont.setBold(true);
    m_userCodeLabel->setFont(codeFont);
    m_copyCodeButton = new QPushButton(tr("C&opy code"), m_deviceCodeBox);
    m_copyCodeButton->setObjectName(QStringLiteral("copyCodeButton"));
    m_linkLabel = new QLabel(m_deviceCodeBox);
    m_linkLabel->setObjectName(QStringLiteral("verificationLinkLabel"));
    m_linkLabel->setOpenExternalLinks(true);
    m_linkLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_deviceMessageLabel = new QLabel(m_deviceCodeBox);
    m_deviceMessageLabel->setObjectName(QStringLiteral("deviceCodeMessageLabel"));
    m_deviceMessageLabel->setWordWrap(true);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_userCodeLabel);
    codeRow->addWidget(m_copyCodeButton);
    codeRow->addStretch();
    auto *deviceLayout = new QVBoxLayout(m_deviceCodeBox);
    deviceLayout->setContentsMargins(0, 0, 0, 0);
    deviceLayout->addWidget(m_linkLabel);
    deviceLayout->addLayout(codeRow);
    deviceLayout->addWidget(m_deviceMessageLabel);
    m_deviceCodeBox->hide();

    m_signInButton = new QPushButton(tr("Sign &in"), this);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_cancelButton = new QPushButton(tr("Stop signing in"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelSignInButton"));
    m_cancelButton->hide();
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("signInProgressBar"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Signing in"));
    m_progress->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signInButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progress, 1);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("signInStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(methodBox);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_deviceCodeBox);
    layout->addWidget(m_statusLabel);
    layout->addStretch();

    m_deviceCodeRadio->setChecked(true);
    connect(m_methodGroup, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            showMethod();
    });
    connect(m_signInButton, &QPushButton::clicked, this, &SignInPage::signIn);
    connect(m_cancelButton, &QPushButton::clicked, this, &SignInPage::cancelSignIn);
    connect(m_copyCodeButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_userCodeLabel->text());
        m_deviceMessageLabel->setText(tr("The code is on the clipboard."));
    });
    connect(m_secretEdit, &QLineEdit::returnPressed, this, &SignInPage::signIn);
    showMethod();
}

SignInPage::~SignInPage()
{
    abandon();
}

SignInPage::Method SignInPage::method() const
{
    return Method(m_methodGroup->checkedId());
}

void SignInPage::initializePage()
{
    // Closing the wizard (after it asked) stops a sign-in in progress.
    connect(wizard(), &QDialog::rejected, this, &SignInPage::cancelSignIn, Qt::UniqueConnection);
    m_signedIn = m_session->isSignedIn();
    if (m_signedIn)
        m_statusLabel->setText(tr("Signed in as %1.").arg(m_session->account()));
    emit completeChanged();
    // A profile that signs in as a service principal keeps its secret in the keychain: offer it again.
    SecretStore *secrets = m_session->secretStore();
    if (m_signedIn || !secrets || m_session->profile().id.isEmpty())
        return;
    secrets->read(m_session->profile().id, SecretKind::AzureClientSecret)
        .then(this, [this](const Result<QString> &secret) {
            if (!secret || secret.value().isEmpty() || !m_secretEdit->text().isEmpty() || m_pending || m_signedIn)
                return;
            m_secretEdit->setText(secret.value());
            m_servicePrincipalRadio->setChecked(true);
        });
}

void SignInPage::cleanupPage()
{
    // Back to an earlier page: a sign-in in progress stops; a finished one stays.
    if (m_pending)
        cancelSignIn();
}

bool SignInPage::isComplete() const
{
    return m_signedIn && m_session->isSignedIn() && !m_pending;
}

void SignInPage::showMethod()
{
    const Method current = method();
    const bool needsClient = current != Method::AzureCli;
    m_authorityEdit->setEnabled(needsClient);
    m_clientIdEdit->setEnabled(needsClient);
    m_clientIdLabel->setEnabled(needsClient);
    m_secretEdit->setVisible(current == Method::ServicePrincipal);
    m_secretLabel->setVisible(current == Method::ServicePrincipal);
    switch (current) {
    case Method::DeviceCode:
        m_methodHelpLabel->setText(tr("You get a code to enter on a Microsoft page in any browser, on this or another "
                                      "device; the wizard continues once you signed in there. Needs an app "
                                      "registration that allows public client flows (the client ID)."));
        break;
    case Method::ServicePrincipal:
        m_methodHelpLabel->setText(tr("For automation accounts: the app registration's client ID and one of its "
                                      "client secrets. The identity needs the Contributor role on the subscription "
                                      "or resource group. The secret is kept in the OS keychain."));
        break;
    case Method::AzureCli:
        m_methodHelpLabel->setText(tr("Uses the account you signed in with by running “az login” on this computer. "
                                      "The Azure CLI must be installed."));
        break;
    }
}

void SignInPage::setBusy(bool busy)
{
    setProperty(DeployWizard::busyProperty(), busy);
    m_signInButton->setEnabled(!busy);
    m_cancelButton->setVisible(busy);
    m_progress->setVisible(busy);
    for (QAbstractButton *button : m_methodGroup->buttons())
        button->setEnabled(!busy);
    m_tenantEdit->setReadOnly(busy);
    m_clientIdEdit->setReadOnly(busy);
    m_authorityEdit->setReadOnly(busy);
    m_secretEdit->setReadOnly(busy);
    emit completeChanged();
}

void SignInPage::showError(const QString &sentence, const QString &detail)
{
    m_statusLabel->setText(detail.isEmpty() ? sentence : sentence + QStringLiteral("\n") + detail);
}

void SignInPage::showUserCode(const QString &userCode, const QUrl &verificationUri, const QString &message)
{
    m_userCodeLabel->setText(userCode);
    const QString link = verificationUri.toString();
    m_linkLabel->setText(tr("Open <a href=\"%1\">%2</a> in a browser and enter this code:")
                             .arg(link.toHtmlEscaped(), link.toHtmlEscaped()));
    m_deviceMessageLabel->setText(message);
    m_deviceCodeBox->show();
    m_statusLabel->setText(tr("Waiting for you to sign in in the browser…"));
}

TokenCredential *SignInPage::makeCredential(QString *problem)
{
    // The profile's CA is read here for every method: Resource Manager is reached with it too.
    if (const Result<QSslConfiguration> ssl = m_session->tlsConfiguration(); !ssl) {
        *problem = ssl.error().message();
        return nullptr;
    }
    const ConnectionProfile &profile = m_session->profile();
    switch (method()) {
    case Method::DeviceCode: {
        if (profile.azure.clientId.isEmpty()) {
            *problem = tr("Enter the client ID of an app registration that allows public client flows.");
            return nullptr;
        }
        // The profile's credential without a client secret: a device code sign-in keeping its refresh token in
        // the keychain — here allowed to ask the user.
        ServiceError error;
        auto *credential = qobject_cast<DeviceCodeCredential *>(AzureConnectionTest::makeCredential(
            profile, {}, m_session->secretStore(), m_session->networkAccessManager(), nullptr, this, &error));
        if (!credential) {
            *problem = error.message();
            return nullptr;
        }
        credential->setInteractive(true);
        connect(credential, &DeviceCodeCredential::userCodeReady, this, &SignInPage::showUserCode);
        return credential;
    }
    case Method::ServicePrincipal: {
        if (profile.azure.tenantId.isEmpty() || profile.azure.clientId.isEmpty() || m_secretEdit->text().isEmpty()) {
            *problem = tr("A service principal signs in with its tenant, its client ID and a client secret: enter "
                          "all three.");
            return nullptr;
        }
        ServiceError error;
        TokenCredential *credential = AzureConnectionTest::makeCredential(
            profile, m_secretEdit->text(), nullptr, m_session->networkAccessManager(), nullptr, this, &error);
        if (!credential)
            *problem = error.message();
        return credential;
    }
    case Method::AzureCli: {
        auto *credential = new AzureCliCredential(nullptr, this);
        credential->setProgram(m_cliProgram);
        credential->setTenant(profile.azure.tenantId);
        if (credential->resolvedProgram().isEmpty()) {
            delete credential;
            *problem = tr("The Azure CLI (az) is not installed on this computer, or not on the PATH. Install it "
                          "(https://aka.ms/installazurecli) and run “az login”, or sign in with a device code "
                          "or a service principal instead.");
            return nullptr;
        }
        return credential;
    }
    }
    return nullptr;
}

void SignInPage::signIn()
{
    if (m_pending)
        return;
    abandon();
    ConnectionProfile::Azure &azure = m_session->profile().azure;
    azure.authority = m_authorityEdit->text().trimmed();
    azure.tenantId = m_tenantEdit->text().trimmed();
    azure.clientId = m_clientIdEdit->text().trimmed();
    m_deviceCodeBox->hide();
    m_userCodeLabel->clear();

    QString problem;
    TokenCredential *credential = makeCredential(&problem);
    if (!credential) {
        showError(problem);
        return;
    }
    m_signedIn = false;
    m_pending = credential;
    const Method used = method();
    const QString secret = used == Method::ServicePrincipal ? m_secretEdit->text() : QString();
    m_statusLabel->setText(tr("Signing in…"));
    setBusy(true);

    // Signing in means Resource Manager accepts the token: list the subscriptions with it.
    ArmClient *arm = m_session->createArmClient(credential, this);
    m_probeArm = arm;
    const quint64 generation = ++m_generation;
    arm->listSubscriptions().then(
        this, [this, generation, used, secret](const Result<QList<ArmSubscription>> &subscriptions) {
            if (generation != m_generation)
                return;
            if (m_probeArm)
                m_probeArm->deleteLater();
            m_probeArm = nullptr;
            if (!subscriptions) {
                const ServiceError &error = subscriptions.error();
                qCInfo(lcUi) << "deploy wizard: Azure sign-in failed:" << ServiceError::kindName(error.kind());
                if (m_pending)
                    m_pending->deleteLater();
                m_pending = nullptr;
                m_deviceCodeBox->hide();
                setBusy(false);
                if (error.kind() == ServiceError::Kind::Canceled)
                    showError(tr("The sign-in was stopped."));
                else
                    showError(error.toString(), error.detail());
                return;
            }
            QString account;
            if (auto *device = qobject_cast<DeviceCodeCredential *>(m_pending.data()))
                account = device->account();
            else if (used == Method::ServicePrincipal)
                account = tr("service principal %1").arg(m_session->profile().azure.clientId);
            if (account.isEmpty()) {
                const QString tenant =
                    subscriptions.value().isEmpty() ? QString() : subscriptions.value().constFirst().tenantId;
                account = used == Method::AzureCli
                    ? (tenant.isEmpty() ? tr("the Azure CLI's account")
                                        : tr("the Azure CLI's account (tenant %1)").arg(tenant))
                    : tr("a device code sign-in");
            }
            TokenCredential *accepted = m_pending;
            m_pending = nullptr;
            m_session->setCredential(accepted, account);
            if (used == Method::ServicePrincipal) {
                if (SecretStore *secrets = m_session->secretStore()) {
                    const QString profileId = m_session->profile().id;
                    secrets->write(profileId, SecretKind::AzureClientSecret, secret)
                        .then(this, [this](const Status &stored) {
                            if (!stored)
                                m_statusLabel->setText(m_statusLabel->text() + QLatin1Char('\n') +
                                                       tr("The client secret could not be kept in the keychain: %1")
                                                           .arg(stored.error().message()));
                        });
                }
            }
            finishSignIn(account, int(subscriptions.value().size()));
        });
}

void SignInPage::finishSignIn(const QString &account, int subscriptionCount)
{
    m_signedIn = true;
    m_deviceCodeBox->hide();
    setBusy(false);
    m_statusLabel->setText(
        subscriptionCount == 0
            ? tr("Signed in as %1, but this account sees no subscription: deploying needs one "
                 "(ask for the Contributor role on a subscription).")
                  .arg(account)
            : tr("Signed in as %1 (%n subscription(s) visible).", nullptr, subscriptionCount).arg(account));
    emit completeChanged();
}

void SignInPage::cancelSignIn()
{
    if (!m_pending)
        return;
    abandon();
    m_deviceCodeBox->hide();
    setBusy(false);
    m_statusLabel->setText(tr("The sign-in was stopped. Sign in again when you are ready."));
}

void SignInPage::abandon()
{
    ++m_generation;
    if (auto *device = qobject_cast<DeviceCodeCredential *>(m_pending.data()))
        device->cancel();
    delete m_probeArm.data();
    m_probeArm = nullptr;
    delete m_pending.data();
    m_pending = nullptr;
}

} // namespace TwinBridge
