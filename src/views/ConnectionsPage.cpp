#include "views/ConnectionsPage.h"

#include "models/ProfileListModel.h"
#include "services/core/Logging.h"
#include "services/secrets/SessionSecretStore.h"
#include "services/settings/ProfileStore.h"
#include "views/FileDialog.h"
#include "views/ColorScheme.h"
#include "views/ConnectionTestPanel.h"
#include "views/MessageBox.h"

#include <QCheckBox>
#include <QDir>
#include <QFormLayout>
#include <QFuture>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

constexpr int maxPortInput = 99999; // beyond 65535 on purpose: validation names the problem instead of clamping

void setErrorColor(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, ColorScheme::errorColor(palette));
    label->setPalette(palette);
}

} // namespace

ConnectionsPage::ConnectionsPage(ProfileStore *store, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_secrets(secrets)
{
    Q_ASSERT(store);
    Q_ASSERT(secrets);
    setObjectName(QStringLiteral("connectionsPage"));

    // Connected before the model exists, so these run before the list drops or changes the row.
    connect(m_store, &ProfileStore::profileRemoved, this, &ConnectionsPage::onProfileRemoved);
    connect(m_store, &ProfileStore::profileChanged, this, &ConnectionsPage::onProfileChanged);
    connect(m_store, &ProfileStore::currentProfileChanged, this, &ConnectionsPage::updateActions);
    connect(m_secrets, &SecretStore::secretChanged, this, &ConnectionsPage::onSecretChanged);
    if (auto *session = qobject_cast<SessionSecretStore *>(m_secrets))
        connect(session, &SessionSecretStore::keepsSecretsInMemoryChanged, this, &ConnectionsPage::updateSecretsNotice);

    m_model = new ProfileListModel(m_store, this);
    buildUi();

    const QString initial = m_store->currentProfileId().isEmpty() ? m_model->idAt(0) : m_store->currentProfileId();
    if (initial.isEmpty())
        showEmptyState();
    else
        selectProfile(initial);
}

// ---- construction -------------------------------------------------------------------------------------

void ConnectionsPage::buildUi()
{
    auto *layout = new QHBoxLayout(this);

    auto *listColumn = new QVBoxLayout;
    m_listView = new QListView;
    m_listView->setObjectName(QStringLiteral("profileListView"));
    m_listView->setModel(m_model);
    m_listView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_listView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_listView->setMinimumWidth(200);
    m_listView->setAccessibleName(tr("Connection profiles"));
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConnectionsPage::onCurrentIndexChanged);
    listColumn->addWidget(m_listView, 1);

    auto makeButton = [this](const QString &objectName, const QString &text, const QString &toolTip,
                             void (ConnectionsPage::*slot)()) {
        auto *button = new QPushButton(text);
        button->setObjectName(objectName);
        button->setToolTip(toolTip);
        connect(button, &QPushButton::clicked, this, slot);
        return button;
    };
    m_newButton = makeButton(QStringLiteral("newProfileButton"), tr("&New"), tr("Create a new connection profile"),
                             &ConnectionsPage::newProfile);
    m_deleteButton = makeButton(QStringLiteral("deleteProfileButton"), tr("&Delete…"),
                                tr("Delete this profile and its secrets"), &ConnectionsPage::deleteProfile);
    m_importButton =
        makeButton(QStringLiteral("importProfileButton"), tr("&Import…"),
                   tr("Add a profile from a file exported by TwinBridge"), &ConnectionsPage::importProfile);
    m_exportButton =
        makeButton(QStringLiteral("exportProfileButton"), tr("E&xport…"),
                   tr("Save this profile to a file, without its secrets"), &ConnectionsPage::exportProfile);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_deleteButton);
    listColumn->addLayout(listButtons);
    m_importSandboxButton = makeButton(
        QStringLiteral("importSandboxButton"), tr("Import from &sandbox.json…"),
        tr("Add or update the “Sandbox” profile from the sandbox.json that twinbridge-sandbox writes, secrets "
           "included"),
        &ConnectionsPage::importSandboxProfile);
    auto *fileButtons = new QHBoxLayout;
    fileButtons->addWidget(m_importButton);
    fileButtons->addWidget(m_exportButton);
    listColumn->addLayout(fileButtons);
    listColumn->addWidget(m_importSandboxButton);
    layout->addLayout(listColumn);

    auto *formColumn = new QVBoxLayout;
    m_secretsNoticeLabel = new QLabel;
    m_secretsNoticeLabel->setObjectName(QStringLiteral("secretsInMemoryLabel"));
    m_secretsNoticeLabel->setWordWrap(true);
    m_secretsNoticeLabel->setFrameShape(QFrame::StyledPanel);
    m_secretsNoticeLabel->setMargin(6);
    formColumn->addWidget(m_secretsNoticeLabel);
    updateSecretsNotice();

    m_messageLabel = new QLabel;
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->hide();
    formColumn->addWidget(m_messageLabel);

    m_form = new QWidget;
    m_form->setObjectName(QStringLiteral("profileFormWidget"));
    auto *formLayout = new QVBoxLayout(m_form);
    m_currentProfileLabel = new QLabel;
    m_currentProfileLabel->setObjectName(QStringLiteral("currentProfileLabel"));
    m_currentProfileLabel->setWordWrap(true);
    formLayout->addWidget(m_currentProfileLabel);

    auto *general = new QFormLayout;
    m_nameEdit =
        addLineEdit(general, ProfileField::Name, QStringLiteral("name"), tr("&Name:"), tr("e.g. Production (eu1)"));
    formLayout->addLayout(general);
    formLayout->addWidget(buildTtsGroup());
    formLayout->addWidget(buildIotHubGroup());
    formLayout->addWidget(buildAzureGroup());
    formLayout->addWidget(buildIngestGroup());
    formLayout->addWidget(buildTlsGroup());
    formLayout->addStretch(1);

    m_scrollArea = new QScrollArea;
    m_scrollArea->setObjectName(QStringLiteral("profileFormScrollArea"));
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setWidget(m_form);
    formColumn->addWidget(m_scrollArea, 3);

    m_testPanel = new ConnectionTestPanel(m_secrets, this);
    formColumn->addWidget(m_testPanel, 2);
    setUpConnectionTests();

    m_saveButton = new QPushButton(tr("&Save"));
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setToolTip(tr("Check the profile, store its secrets in the keychain and save it"));
    connect(m_saveButton, &QPushButton::clicked, this, &ConnectionsPage::save);
    m_revertButton = new QPushButton(tr("&Revert"));
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_revertButton->setToolTip(tr("Discard the changes made since the last save"));
    connect(m_revertButton, &QPushButton::clicked, this, &ConnectionsPage::revert);
    m_useButton = new QPushButton(tr("&Use this profile"));
    m_useButton->setObjectName(QStringLiteral("useProfileButton"));
    m_useButton->setToolTip(tr("Make TwinBridge connect with this profile"));
    connect(m_useButton, &QPushButton::clicked, this, &ConnectionsPage::useProfile);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_useButton);
    actions->addStretch(1);
    actions->addWidget(m_revertButton);
    actions->addWidget(m_saveButton);
    formColumn->addLayout(actions);
    layout->addLayout(formColumn, 1);
}

QGroupBox *ConnectionsPage::buildTtsGroup()
{
    auto *group = new QGroupBox(tr("The Things Stack"));
    group->setObjectName(QStringLiteral("ttsGroupBox"));
    auto *form = new QFormLayout(group);
    m_ttsApiBaseUrlEdit =
        addLineEdit(form, ProfileField::TtsApiBaseUrl, QStringLiteral("ttsApiBaseUrl"), tr("API base &URL:"),
                    QStringLiteral("https://eu1.cloud.thethings.network/api/v3"),
                    tr("The cluster's API address, including /api/v3"));
    m_ttsApplicationIdEdit = addLineEdit(form, ProfileField::TtsApplicationId, QStringLiteral("ttsApplicationId"),
                                         tr("&Application ID:"), tr("e.g. my-sensors"));
    m_ttsTenantIdEdit = addLineEdit(form, ProfileField::TtsTenantId, QStringLiteral("ttsTenantId"), tr("&Tenant ID:"),
                                    tr("empty for single-tenant deployments; ttn for The Things Network"));
    m_ttsMqttHostEdit = addLineEdit(form, ProfileField::TtsMqttHost, QStringLiteral("ttsMqttHost"), tr("MQTT &host:"),
                                    tr("empty = the host of the API URL"));
    m_ttsMqttPortSpinBox =
        addPortSpinBox(form, ProfileField::TtsMqttPort, QStringLiteral("ttsMqttPort"), tr("MQTT &port:"));
    m_ttsMqttTlsCheckBox = new QCheckBox(tr("Use TLS for MQTT"));
    m_ttsMqttTlsCheckBox->setObjectName(QStringLiteral("ttsMqttTlsCheckBox"));
    connect(m_ttsMqttTlsCheckBox, &QCheckBox::toggled, this, &ConnectionsPage::markDirty);
    addFieldRow(form, ProfileField::TtsMqttTls, QStringLiteral("ttsMqttTls"), {}, m_ttsMqttTlsCheckBox);
    addSecretRow(form, SecretKind::TtsApiKey, QStringLiteral("ttsApiKey"), tr("API &key:"),
                 tr("NNSXS.… (needs rights to read and write the application's devices and traffic)"));
    return group;
}

QGroupBox *ConnectionsPage::buildIotHubGroup()
{
    auto *group = new QGroupBox(tr("Azure IoT Hub"));
    group->setObjectName(QStringLiteral("iotHubGroupBox"));
    auto *form = new QFormLayout(group);
    m_hubHostNameEdit = addLineEdit(form, ProfileField::IotHubHostName, QStringLiteral("iotHubHostName"),
                                    tr("Host na&me:"), QStringLiteral("myhub.azure-devices.net"),
                                    tr("The hub's host name; leave empty until the hub is deployed"));
    m_hubRestEndpointEdit = addLineEdit(form, ProfileField::IotHubRestEndpoint, QStringLiteral("iotHubRestEndpoint"),
                                        tr("REST endpoint:"), tr("empty = https://<host name>"));
    m_hubMqttHostEdit = addLineEdit(form, ProfileField::IotHubMqttHost, QStringLiteral("iotHubMqttHost"),
                                    tr("MQTT host:"), tr("empty = the host name"));
    m_hubMqttPortSpinBox =
        addPortSpinBox(form, ProfileField::IotHubMqttPort, QStringLiteral("iotHubMqttPort"), tr("MQTT port:"));
    m_hubPolicyNameEdit = addLineEdit(form, ProfileField::IotHubPolicyName, QStringLiteral("iotHubPolicyName"),
                                      tr("Po&licy name:"), QStringLiteral("iothubowner"),
                                      tr("Shared access policy with registry read/write, service connect and "
                                         "device connect rights"));
    addSecretRow(form, SecretKind::HubPolicyKey, QStringLiteral("hubPolicyKey"), tr("Policy &key:"),
                 tr("primary or secondary key of the policy"));
    return group;
}

QGroupBox *ConnectionsPage::buildAzureGroup()
{
    auto *group = new QGroupBox(tr("Azure sign-in"));
    group->setObjectName(QStringLiteral("azureGroupBox"));
    auto *form = new QFormLayout(group);
    m_azureAuthorityEdit = addLineEdit(form, ProfileField::AzureAuthority, QStringLiteral("azureAuthority"),
                                       tr("Authority:"), QStringLiteral("https://login.microsoftonline.com"));
    m_azureManagementEdit =
        addLineEdit(form, ProfileField::AzureManagementEndpoint, QStringLiteral("azureManagementEndpoint"),
                    tr("Management endpoint:"), QStringLiteral("https://management.azure.com"));
    m_azureTenantIdEdit = addLineEdit(form, ProfileField::AzureTenantId, QStringLiteral("azureTenantId"),
                                      tr("Tenant ID:"), tr("GUID, contoso.onmicrosoft.com or organizations"));
    m_azureSubscriptionIdEdit =
        addLineEdit(form, ProfileField::AzureSubscriptionId, QStringLiteral("azureSubscriptionId"),
                    tr("Subscription ID:"), QStringLiteral("00000000-0000-0000-0000-000000000000"));
    m_azureClientIdEdit = addLineEdit(form, ProfileField::AzureClientId, QStringLiteral("azureClientId"),
                                      tr("Client ID:"), tr("application (client) ID of the app registration"));
    addSecretRow(form, SecretKind::AzureClientSecret, QStringLiteral("azureClientSecret"), tr("Client secret:"),
                 tr("only for sign-in as a service principal"));
    return group;
}

QGroupBox *ConnectionsPage::buildIngestGroup()
{
    auto *group = new QGroupBox(tr("Events from Azure"));
    group->setObjectName(QStringLiteral("ingestGroupBox"));
    auto *form = new QFormLayout(group);
    addSecretRow(form, SecretKind::IngestKey, QStringLiteral("ingestKey"), tr("Ingest key:"),
                 tr("the bearer key the Azure Function sends to the ingest endpoint"));
    return group;
}

QGroupBox *ConnectionsPage::buildTlsGroup()
{
    auto *group = new QGroupBox(tr("TLS"));
    group->setObjectName(QStringLiteral("tlsGroupBox"));
    auto *form = new QFormLayout(group);
    m_caFileEdit = new QLineEdit;
    m_caFileEdit->setObjectName(QStringLiteral("caCertificateFileLineEdit"));
    m_caFileEdit->setPlaceholderText(tr("empty = trust the system's certificate authorities only"));
    connect(m_caFileEdit, &QLineEdit::textChanged, this, &ConnectionsPage::markDirty);
    auto *browse = new QToolButton;
    browse->setObjectName(QStringLiteral("caCertificateBrowseButton"));
    browse->setText(tr("Choose…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = FileDialog::getOpenFileName(this, tr("Choose CA certificate"), {},
                                                         tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFileEdit->setText(file);
    });
    auto *row = new QWidget;
    auto *rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addWidget(m_caFileEdit, 1);
    rowLayout->addWidget(browse);
    addFieldRow(form, ProfileField::TlsCaCertificateFile, QStringLiteral("caCertificateFile"),
                tr("Extra &CA certificate:"), m_caFileEdit, row);
    return group;
}

QLineEdit *ConnectionsPage::addLineEdit(QFormLayout *form, QLatin1String field, const QString &objectBase,
                                        const QString &label, const QString &placeholder, const QString &toolTip)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectBase + QStringLiteral("LineEdit"));
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(toolTip);
    connect(edit, &QLineEdit::textChanged, this, &ConnectionsPage::markDirty);
    addFieldRow(form, field, objectBase, label, edit);
    return edit;
}

QSpinBox *ConnectionsPage::addPortSpinBox(QFormLayout *form, QLatin1String field, const QString &objectBase,
                                          const QString &label)
{
    auto *spinBox = new QSpinBox;
    spinBox->setObjectName(objectBase + QStringLiteral("SpinBox"));
    spinBox->setRange(0, maxPortInput);
    spinBox->setValue(ConnectionProfile::defaultMqttTlsPort);
    connect(spinBox, &QSpinBox::valueChanged, this, &ConnectionsPage::markDirty);
    addFieldRow(form, field, objectBase, label, spinBox);
    return spinBox;
}

void ConnectionsPage::addFieldRow(QFormLayout *form, QLatin1String field, const QString &objectBase,
                                  const QString &label, QWidget *editor, QWidget *rowWidget)
{
    auto *container = new QWidget;
    auto *column = new QVBoxLayout(container);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(rowWidget ? rowWidget : editor);
    auto *errorLabel = new QLabel;
    errorLabel->setObjectName(objectBase + QStringLiteral("ErrorLabel"));
    errorLabel->setWordWrap(true);
    setErrorColor(errorLabel);
    errorLabel->hide();
    column->addWidget(errorLabel);
    if (label.isEmpty()) {
        form->addRow(container);
    } else {
        auto *caption = new QLabel(label);
        caption->setBuddy(editor);
        form->addRow(caption, container);
    }
    m_fields.insert(QString(field), FieldWidgets{editor, errorLabel});
}

void ConnectionsPage::addSecretRow(QFormLayout *form, SecretKind kind, const QString &objectBase, const QString &label,
                                   const QString &placeholder)
{
    SecretWidgets widgets;
    widgets.edit = new QLineEdit;
    widgets.edit->setObjectName(objectBase + QStringLiteral("LineEdit"));
    widgets.edit->setEchoMode(QLineEdit::Password);
    widgets.edit->setPlaceholderText(placeholder);
    widgets.edit->setToolTip(
        tr("Stored only in the OS keychain. Leave empty to keep the stored %1.").arg(SecretStore::displayName(kind)));
    connect(widgets.edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty())
            markDirty();
    });
    widgets.statusLabel = new QLabel;
    widgets.statusLabel->setObjectName(objectBase + QStringLiteral("StatusLabel"));
    widgets.statusLabel->setWordWrap(true);
    widgets.clearButton = new QToolButton;
    widgets.clearButton->setObjectName(objectBase + QStringLiteral("ClearButton"));
    widgets.clearButton->setText(tr("Forget"));
    widgets.clearButton->setToolTip(tr("Delete the stored %1 from the keychain").arg(SecretStore::displayName(kind)));
    connect(widgets.clearButton, &QToolButton::clicked, this, [this, kind] { clearSecret(kind); });

    auto *container = new QWidget;
    auto *column = new QVBoxLayout(container);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->addWidget(widgets.edit, 1);
    row->addWidget(widgets.clearButton);
    column->addLayout(row);
    column->addWidget(widgets.statusLabel);
    auto *caption = new QLabel(label);
    caption->setBuddy(widgets.edit);
    form->addRow(caption, container);
    m_secretWidgets.insert(kind, widgets);
}

// ---- selection ----------------------------------------------------------------------------------------

void ConnectionsPage::onCurrentIndexChanged(const QModelIndex &current, const QModelIndex &previous)
{
    if (m_restoringSelection)
        return;
    const QString id = current.isValid() ? m_model->idAt(current.row()) : QString();
    if (!id.isEmpty() && id == m_editingId && !m_isDraft)
        return;
    if (id.isEmpty() && m_isDraft)
        return; // the selection was cleared to edit a new profile
    if (!confirmDiscard()) {
        m_restoringSelection = true;
        m_listView->selectionModel()->setCurrentIndex(previous, QItemSelectionModel::ClearAndSelect);
        m_restoringSelection = false;
        return;
    }
    const std::optional<ConnectionProfile> profile = m_store->profile(id);
    if (profile)
        loadProfile(*profile, false);
    else
        showEmptyState();
}

void ConnectionsPage::selectProfile(const QString &id)
{
    const QModelIndex index = m_model->indexOf(id);
    if (!index.isValid())
        return;
    if (m_listView->currentIndex() == index && id != m_editingId) {
        // Already current in the view (e.g. after a draft was discarded): load it directly.
        loadProfile(m_store->profile(id).value_or(ConnectionProfile()), false);
        return;
    }
    m_listView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
}

bool ConnectionsPage::confirmDiscard()
{
    if (!m_dirty)
        return true;
    const QString name = m_nameEdit->text().trimmed().isEmpty() ? tr("this profile") : m_nameEdit->text().trimmed();
    const QMessageBox::StandardButton answer = MessageBox::question(
        this, tr("Unsaved changes"),
        tr("Discard the unsaved changes to “%1”? Secrets typed into the form are discarded too.").arg(name),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Discard)
        return false;
    m_dirty = false;
    return true;
}

void ConnectionsPage::onProfileRemoved(const QString &id)
{
    if (id != m_editingId || m_isDraft)
        return;
    // The list moves its current row to a neighbour right after this; that loads the neighbour.
    m_dirty = false;
    showEmptyState();
}

void ConnectionsPage::onProfileChanged(const QString &id)
{
    if (id != m_editingId || m_isDraft || m_dirty || m_saving)
        return;
    if (const std::optional<ConnectionProfile> profile = m_store->profile(id))
        loadProfile(*profile, false);
}

void ConnectionsPage::onSecretChanged(const QString &profileId, SecretKind kind)
{
    if (profileId == m_editingId && !m_isDraft && m_secretWidgets.contains(kind))
        refreshSecretStatus(kind);
}

// ---- form ---------------------------------------------------------------------------------------------

void ConnectionsPage::loadProfile(const ConnectionProfile &profile, bool isDraft)
{
    if (m_testPanel && profile.id != m_editingId)
        m_testPanel->clearResults(); // results belong to the profile they were made with
    ++m_generation;
    m_loading = true;
    m_editingId = profile.id;
    m_isDraft = isDraft;
    m_nameEdit->setText(profile.name);
    m_ttsApiBaseUrlEdit->setText(profile.tts.apiBaseUrl);
    m_ttsApplicationIdEdit->setText(profile.tts.applicationId);
    m_ttsTenantIdEdit->setText(profile.tts.tenantId);
    m_ttsMqttHostEdit->setText(profile.tts.mqttHost);
    m_ttsMqttPortSpinBox->setValue(profile.tts.mqttPort);
    m_ttsMqttTlsCheckBox->setChecked(profile.tts.mqttTls);
    m_hubHostNameEdit->setText(profile.iotHub.hostName);
    m_hubRestEndpointEdit->setText(profile.iotHub.restEndpoint);
    m_hubMqttHostEdit->setText(profile.iotHub.mqttHost);
    m_hubMqttPortSpinBox->setValue(profile.iotHub.mqttPort);
    m_hubPolicyNameEdit->setText(profile.iotHub.policyName);
    m_azureAuthorityEdit->setText(profile.azure.authority);
    m_azureManagementEdit->setText(profile.azure.managementEndpoint);
    m_azureTenantIdEdit->setText(profile.azure.tenantId);
    m_azureSubscriptionIdEdit->setText(profile.azure.subscriptionId);
    m_azureClientIdEdit->setText(profile.azure.clientId);
    m_caFileEdit->setText(profile.tls.caCertificateFile);
    for (const SecretWidgets &widgets : std::as_const(m_secretWidgets))
        widgets.edit->clear();
    m_loading = false;
    m_dirty = isDraft;
    clearIssues();
    setMessage({}, false);
    refreshSecretStatuses();
    updateActions();
}

void ConnectionsPage::showEmptyState()
{
    loadProfile(ConnectionProfile(), false);
    m_editingId.clear();
    m_dirty = false;
    for (auto it = m_secretWidgets.cbegin(); it != m_secretWidgets.cend(); ++it)
        setSecretStatus(it.key(), {}, false);
    if (m_store->count() == 0)
        setMessage(tr("No connection profile yet. Create one with “New” or import one with “Import…”."), false);
    updateActions();
}

ConnectionProfile ConnectionsPage::profileFromForm() const
{
    // Fields the form does not show (azure.resourceGroup, written by the deployment wizard) keep their stored value.
    ConnectionProfile p = m_store->profile(m_editingId).value_or(ConnectionProfile {});
    p.id = m_editingId;
    p.name = m_nameEdit->text().trimmed();
    p.tts.apiBaseUrl = m_ttsApiBaseUrlEdit->text().trimmed();
    p.tts.applicationId = m_ttsApplicationIdEdit->text().trimmed();
    p.tts.tenantId = m_ttsTenantIdEdit->text().trimmed();
    p.tts.mqttHost = m_ttsMqttHostEdit->text().trimmed();
    p.tts.mqttPort = m_ttsMqttPortSpinBox->value();
    p.tts.mqttTls = m_ttsMqttTlsCheckBox->isChecked();
    p.iotHub.hostName = m_hubHostNameEdit->text().trimmed();
    p.iotHub.restEndpoint = m_hubRestEndpointEdit->text().trimmed();
    p.iotHub.mqttHost = m_hubMqttHostEdit->text().trimmed();
    p.iotHub.mqttPort = m_hubMqttPortSpinBox->value();
    p.iotHub.policyName = m_hubPolicyNameEdit->text().trimmed();
    p.azure.authority = m_azureAuthorityEdit->text().trimmed();
    p.azure.managementEndpoint = m_azureManagementEdit->text().trimmed();
    p.azure.tenantId = m_azureTenantIdEdit->text().trimmed();
    p.azure.subscriptionId = m_azureSubscriptionIdEdit->text().trimmed();
    p.azure.clientId = m_azureClientIdEdit->text().trimmed();
    p.tls.caCertificateFile = m_caFileEdit->text().trimmed();
    return p;
}

void ConnectionsPage::markDirty()
{
    if (m_loading || m_editingId.isEmpty())
        return;
    m_dirty = true;
    updateActions();
}

// ---- actions ------------------------------------------------------------------------------------------

void ConnectionsPage::newProfile()
{
    if (m_saving || !confirmDiscard())
        return;
    m_restoringSelection = true;
    m_listView->selectionModel()->clear();
    m_restoringSelection = false;
    loadProfile(ConnectionProfile::create(m_store->uniqueName(tr("New profile"))), true);
    m_nameEdit->setFocus();
    m_nameEdit->selectAll();
    report(tr("Fill in the new profile and save it."), false);
}

void ConnectionsPage::save()
{
    if (m_saving || m_editingId.isEmpty())
        return;
    const ConnectionProfile profile = profileFromForm();
    clearIssues();
    const ProfileIssues issues = profile.validate();
    if (!issues.isEmpty()) {
        showIssues(issues);
        report(tr("Not saved: %n field(s) need fixing, see the messages below them.", nullptr, int(issues.size())),
               true);
        return;
    }

    QList<SecretKind> kinds;
    QList<QFuture<Status>> writes;
    for (auto it = m_secretWidgets.cbegin(); it != m_secretWidgets.cend(); ++it) {
        const QString secret = it->edit->text();
        if (secret.isEmpty())
            continue; // keep what is stored
        kinds.append(it.key());
        writes.append(m_secrets->write(m_editingId, it.key(), secret));
    }
    if (writes.isEmpty()) {
        commitProfile(profile);
        return;
    }
    m_saving = true;
    updateActions();
    setMessage(tr("Storing the secrets in the keychain…"), false);
    QtFuture::whenAll(writes.begin(), writes.end())
        .then(this, [this, profile, kinds](const QList<QFuture<Status>> &finished) {
            QList<Status> results;
            for (const QFuture<Status> &write : finished) {
                results.append(write.isCanceled() || write.resultCount() == 0 ? Status(ServiceError::canceled())
                                                                              : write.result());
            }
            m_saving = false;
            finishSave(profile, kinds, results);
        });
}

void ConnectionsPage::finishSave(const ConnectionProfile &profile, const QList<SecretKind> &written,
                                 const QList<Status> &results)
{
    QString firstFailure;
    for (qsizetype i = 0; i < written.size(); ++i) {
        const SecretKind kind = written.at(i);
        if (results.at(i).ok()) {
            m_loading = true;
            m_secretWidgets.value(kind).edit->clear(); // a stored secret does not linger in the widget
            m_loading = false;
            continue;
        }
        const ServiceError &error = results.at(i).error();
        qCWarning(lcUi) << "storing" << SecretStore::kindKey(kind) << "failed:" << ServiceError::kindName(error.kind());
        setSecretStatus(kind, error.message(), true);
        if (firstFailure.isEmpty())
            firstFailure = error.toString();
    }
    if (!firstFailure.isEmpty()) {
        report(tr("The profile was not saved because a secret could not be stored. %1").arg(firstFailure), true);
        updateActions();
        return;
    }
    commitProfile(profile);
}

void ConnectionsPage::commitProfile(const ConnectionProfile &profile)
{
    const Status saved = m_isDraft ? m_store->add(profile) : m_store->update(profile);
    if (!saved) {
        report(saved.error().toString(), true);
        updateActions();
        return;
    }
    const bool wasDraft = m_isDraft;
    m_isDraft = false;
    m_dirty = false;
    if (wasDraft)
        selectProfile(profile.id);
    refreshSecretStatuses();
    report(tr("Saved the connection profile “%1”.").arg(profile.name), false);
    updateActions();
}

void ConnectionsPage::revert()
{
    if (m_saving || m_editingId.isEmpty())
        return;
    if (m_isDraft) {
        m_dirty = false;
        m_isDraft = false;
        m_editingId.clear();
        const QString next = m_store->currentProfileId().isEmpty() ? m_model->idAt(0) : m_store->currentProfileId();
        if (next.isEmpty())
            showEmptyState();
        else
            selectProfile(next);
        report(tr("Discarded the new profile."), false);
        return;
    }
    if (const std::optional<ConnectionProfile> profile = m_store->profile(m_editingId)) {
        loadProfile(*profile, false);
        report(tr("Reverted “%1” to its saved state.").arg(profile->name), false);
    }
}

void ConnectionsPage::deleteProfile()
{
    if (m_saving || m_editingId.isEmpty())
        return;
    if (m_isDraft) {
        revert();
        return;
    }
    const std::optional<ConnectionProfile> profile = m_store->profile(m_editingId);
    if (!profile)
        return;
    const QMessageBox::StandardButton answer =
        MessageBox::question(this, tr("Delete connection profile"),
                             tr("Delete the connection profile “%1”? Its secrets are deleted from the keychain "
                                "as well. This cannot be undone.")
                                 .arg(profile->name));
    if (answer != QMessageBox::Yes)
        return;
    m_dirty = false;
    const QString name = profile->name;
    m_store->remove(profile->id).then(this, [this, name](const Status &removed) {
        if (removed)
            report(tr("Deleted the connection profile “%1” and its secrets.").arg(name), false);
        else
            report(tr("Deleted the connection profile “%1”, but not all of its secrets: %2")
                       .arg(name, removed.error().toString()),
                   true);
    });
}

void ConnectionsPage::importProfile()
{
    if (m_saving || !confirmDiscard())
        return;
    const QString file = FileDialog::getOpenFileName(this, tr("Import connection profile"), QDir::homePath(),
                                                     tr("TwinBridge profiles (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    Result<ProfileStore::ImportResult> imported = m_store->importFromFile(file);
    if (!imported) {
        report(imported.error().toString(), true);
        return;
    }
    const ProfileStore::ImportResult &result = imported.value();
    selectProfile(result.profile.id);
    if (result.issues.isEmpty()) {
        report(tr("Imported “%1”. Enter its secrets and save.").arg(result.profile.name), false);
    } else {
        showIssues(result.issues);
        report(tr("Imported “%1”. Fix the highlighted fields, enter its secrets and save.").arg(result.profile.name),
               true);
    }
}

void ConnectionsPage::exportProfile()
{
    if (m_saving || m_isDraft || m_editingId.isEmpty())
        return;
    const std::optional<ConnectionProfile> profile = m_store->profile(m_editingId);
    if (!profile)
        return;
    QString baseName = profile->name;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    baseName.replace(unsafe, QStringLiteral("-"));
    const QString file = FileDialog::getSaveFileName(this, tr("Export connection profile"),
                                                     QDir::home().filePath(baseName + QStringLiteral(".json")),
                                                     tr("TwinBridge profiles (*.json)"));
    if (file.isEmpty())
        return;
    const Status exported = m_store->exportToFile(profile->id, file);
    if (!exported) {
        report(exported.error().toString(), true);
        return;
    }
    report(m_dirty ? tr("Exported the saved state of “%1” to %2, without secrets; unsaved changes are not included.")
                         .arg(profile->name, QDir::toNativeSeparators(file))
                   : tr("Exported “%1” to %2, without secrets.").arg(profile->name, QDir::toNativeSeparators(file)),
           false);
}

void ConnectionsPage::useProfile()
{
    if (m_saving || m_isDraft || m_editingId.isEmpty())
        return;
    if (m_dirty) {
        report(tr("Save or revert your changes before using this profile."), true);
        return;
    }
    const std::optional<ConnectionProfile> profile = m_store->profile(m_editingId);
    if (!profile)
        return;
    const ProfileIssues issues = profile->validate();
    if (!issues.isEmpty()) {
        showIssues(issues);
        report(tr("Fix and save “%1” before using it.").arg(profile->name), true);
        return;
    }
    const Status selected = m_store->setCurrentProfileId(profile->id);
    if (!selected) {
        report(selected.error().toString(), true);
        return;
    }
    report(tr("TwinBridge now uses the connection profile “%1”.").arg(profile->name), false);
}

void ConnectionsPage::importSandboxProfile()
{
    if (m_saving || !confirmDiscard())
        return;
    // Where scripts/demo.sh runs the sandbox, if it exists.
    const QString stateHome =
        qEnvironmentVariable("XDG_STATE_HOME", QDir::home().filePath(QStringLiteral(".local/state")));
    const QDir demoStateDir(QDir(stateHome).filePath(QStringLiteral("twinbridge/sandbox")));
    const QString file = FileDialog::getOpenFileName(
        this, tr("Import from sandbox.json"), demoStateDir.exists() ? demoStateDir.path() : QDir::homePath(),
        tr("Sandbox description (sandbox.json);;JSON files (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    importSandboxFile(file);
}

void ConnectionsPage::importSandboxFile(const QString &filePath)
{
    if (m_saving) {
        report(tr("Wait until the secrets being stored are stored, then import sandbox.json again."), true);
        emit sandboxImportFinished({});
        return;
    }
    if (!confirmDiscard()) {
        emit sandboxImportFinished({});
        return;
    }
    Result<SandboxProfileImport::Imported> imported = SandboxProfileImport::importFile(*m_store, filePath);
    if (!imported) {
        report(imported.error().toString(), true);
        emit sandboxImportFinished({});
        return;
    }
    const SandboxProfileImport::Imported result = imported.takeValue();
    m_dirty = false;
    selectProfile(result.profile.id);
    if (result.issues.isEmpty()) {
        if (const Status selected = m_store->setCurrentProfileId(result.profile.id); !selected)
            qCWarning(lcUi) << "could not select the sandbox profile:" << selected.error().message();
    }
    storeSandboxSecrets(result);
}

void ConnectionsPage::storeSandboxSecrets(const SandboxProfileImport::Imported &imported)
{
    const QList<SecretKind> kinds = imported.secrets.keys();
    if (kinds.isEmpty()) {
        finishSandboxImport(imported, {}, {});
        return;
    }
    QList<QFuture<Status>> writes;
    for (SecretKind kind : kinds)
        writes.append(m_secrets->write(imported.profile.id, kind, imported.secrets.value(kind)));
    m_saving = true;
    updateActions();
    setMessage(tr("Storing the sandbox's secrets…"), false);
    QtFuture::whenAll(writes.begin(), writes.end())
        .then(this, [this, imported, kinds](const QList<QFuture<Status>> &finished) {
            m_saving = false;
            QList<SecretKind> notStored;
            ServiceError firstError;
            for (qsizetype i = 0; i < finished.size(); ++i) {
                const QFuture<Status> &write = finished.at(i);
                const Status status =
                    write.isCanceled() || write.resultCount() == 0 ? Status(ServiceError::canceled()) : write.result();
                if (status)
                    continue;
                qCWarning(lcUi) << "storing" << SecretStore::kindKey(kinds.at(i))
                                << "of the sandbox profile failed:" << ServiceError::kindName(status.error().kind());
                notStored.append(kinds.at(i));
                if (!firstError.isError())
                    firstError = status.error();
            }
            finishSandboxImport(imported, notStored, firstError);
        });
}

void ConnectionsPage::finishSandboxImport(const SandboxProfileImport::Imported &imported,
                                          const QList<SecretKind> &notStored, const ServiceError &firstError)
{
    updateActions();
    auto *session = qobject_cast<SessionSecretStore *>(m_secrets);
    if (notStored.isEmpty()) {
        const bool inMemory = session && session->keepsSecretsInMemory();
        QStringList stored;
        for (auto it = imported.secrets.cbegin(); it != imported.secrets.cend(); ++it)
            stored.append(SecretStore::displayName(it.key()));
        const QString storedList = QLocale().createSeparatedList(stored);
        QString sentence;
        if (stored.isEmpty())
            sentence = tr("The file carries no secrets.");
        else if (inMemory)
            sentence = tr("Kept in memory only, and forgotten when TwinBridge exits: %1.").arg(storedList);
        else
            sentence = tr("Stored in the OS keychain: %1.").arg(storedList);
        reportSandboxImport(imported, sentence, false);
        return;
    }

    QStringList names;
    for (SecretKind kind : notStored)
        names.append(SecretStore::displayName(kind));
    const QString nameList = QLocale().createSeparatedList(names);
    if (SecretStore::isKeychainUnavailable(firstError)) {
        if (session && !session->keepsSecretsInMemory()) {
            const QMessageBox::StandardButton answer = MessageBox::question(
                this, tr("No OS keychain"),
                tr("TwinBridge found no OS keychain (a Secret Service such as GNOME Keyring or KWallet) to store the "
                   "sandbox's %1 in, and it never writes secrets to its settings file.\n\nKeep the secrets in "
                   "memory for this run only? They are forgotten when TwinBridge exits; then import sandbox.json "
                   "again. With “No” the profile is imported without them.")
                    .arg(nameList),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
            if (answer == QMessageBox::Yes) {
                session->keepSecretsInMemory();
                storeSandboxSecrets(imported);
                return;
            }
        }
        reportSandboxImport(imported,
                            tr("It has no secrets: the %1 were not stored because no OS keychain is available. Start "
                               "a Secret Service and import sandbox.json again, or enter them here and save.")
                                .arg(nameList),
                            true);
        return;
    }
    reportSandboxImport(imported, tr("The %1 could not be stored: %2").arg(nameList, firstError.toString()), true);
}

void ConnectionsPage::reportSandboxImport(const SandboxProfileImport::Imported &imported,
                                          const QString &secretsSentence, bool isError)
{
    QStringList sentences;
    sentences.append(imported.updated
                         ? tr("Updated the connection profile “%1” from sandbox.json.").arg(imported.profile.name)
                         : tr("Added the connection profile “%1” from sandbox.json.").arg(imported.profile.name));
    sentences.append(secretsSentence);
    const QStringList missing =
        SandboxProfileImport::missingSectionMessages(imported.missingSections, imported.filePath);
    sentences.append(missing);
    if (!imported.issues.isEmpty()) {
        showIssues(imported.issues);
        sentences.append(tr("Fix the highlighted fields and save before using it."));
    }
    report(sentences.join(QLatin1Char(' ')), isError || !missing.isEmpty() || !imported.issues.isEmpty());
    emit sandboxImportFinished(imported.profile.id);
}

void ConnectionsPage::updateSecretsNotice()
{
    const auto *session = qobject_cast<const SessionSecretStore *>(m_secrets);
    const bool inMemory = session && session->keepsSecretsInMemory();
    m_secretsNoticeLabel->setText(inMemory ? SessionSecretStore::inMemoryNotice() : QString());
    m_secretsNoticeLabel->setVisible(inMemory);
    if (inMemory)
        setErrorColor(m_secretsNoticeLabel);
}

void ConnectionsPage::clearSecret(SecretKind kind)
{
    if (m_saving || m_isDraft || m_editingId.isEmpty())
        return;
    const QString name = SecretStore::displayName(kind);
    const QMessageBox::StandardButton answer =
        MessageBox::question(this, tr("Forget secret"), tr("Delete the stored %1 of this profile?").arg(name));
    if (answer != QMessageBox::Yes)
        return;
    const QString id = m_editingId;
    const quint64 generation = m_generation;
    m_secrets->remove(id, kind).then(this, [this, kind, name, generation](const Status &removed) {
        if (removed) {
            report(tr("Deleted the stored %1.").arg(name), false);
            return;
        }
        if (generation == m_generation)
            setSecretStatus(kind, removed.error().message(), true);
        report(removed.error().toString(), true);
    });
}

// ---- connection tests ---------------------------------------------------------------------------------

void ConnectionsPage::setUpConnectionTests()
{
    connect(m_testPanel, &ConnectionTestPanel::statusMessage, this, &ConnectionsPage::statusMessage);
    connect(m_testPanel, &ConnectionTestPanel::connectionStateChanged, this, &ConnectionsPage::connectionStateChanged);
    connect(m_testPanel, &ConnectionTestPanel::testFinished, this, &ConnectionsPage::connectionTestFinished);
    m_testPanel->setInputProvider([this]() -> QFuture<Result<ConnectionTestPanel::Inputs>> {
        using Inputs = ConnectionTestPanel::Inputs;
        if (m_editingId.isEmpty()) {
            return QtFuture::makeReadyFuture(Result<Inputs>(ServiceError::notConfigured(
                tr("Choose a connection profile, or create one, before testing the connection."))));
        }
        auto inputs = std::make_shared<Inputs>();
        inputs->profile = profileFromForm();
        inputs->isCurrentProfile = !m_isDraft && m_store->currentProfileId() == m_editingId;
        // Typed secrets are tested before they are saved; otherwise the stored ones.
        const QList<SecretKind> kinds = {SecretKind::TtsApiKey, SecretKind::HubPolicyKey, SecretKind::AzureClientSecret};
        QList<QFuture<Result<QString>>> reads;
        for (SecretKind kind : kinds) {
            const QLineEdit *edit = m_secretWidgets.value(kind).edit;
            const QString typed = edit ? edit->text().trimmed() : QString();
            if (!typed.isEmpty() || m_isDraft)
                reads.append(QtFuture::makeReadyFuture(Result<QString>(typed)));
            else
                reads.append(m_secrets->read(m_editingId, kind));
        }
        return QtFuture::whenAll(reads.begin(), reads.end())
            .then(this, [inputs, kinds](const QList<QFuture<Result<QString>>> &done) -> Result<Inputs> {
                QStringList values;
                for (qsizetype i = 0; i < done.size(); ++i) {
                    const QFuture<Result<QString>> &read = done.at(i);
                    const Result<QString> secret = read.isCanceled() || read.resultCount() == 0
                        ? Result<QString>(ServiceError::canceled())
                        : read.result();
                    if (secret.ok())
                        values.append(secret.value());
                    else if (secret.error().kind() == ServiceError::Kind::NotConfigured)
                        values.append(QString());
                    else
                        return secret.error();
                }
                inputs->ttsApiKey = values.value(0);
                inputs->policyKey = values.value(1);
                inputs->clientSecret = values.value(2);
                return *inputs;
            });
    });
}

void ConnectionsPage::testConnections()
{
    m_testPanel->testAll();
}

// ---- secret status ------------------------------------------------------------------------------------

void ConnectionsPage::refreshSecretStatuses()
{
    for (auto it = m_secretWidgets.cbegin(); it != m_secretWidgets.cend(); ++it)
        refreshSecretStatus(it.key());
}

void ConnectionsPage::refreshSecretStatus(SecretKind kind)
{
    if (m_editingId.isEmpty())
        return;
    if (m_isDraft) {
        setSecretStatus(kind, tr("Not set"), false);
        return;
    }
    setSecretStatus(kind, tr("Checking…"), false);
    const quint64 generation = m_generation;
    m_secrets->read(m_editingId, kind).then(this, [this, kind, generation](const Result<QString> &secret) {
        if (generation != m_generation)
            return; // another profile is shown by now
        if (secret.ok())
            setSecretStatus(kind, m_secrets->storedDescription(), false);
        else if (secret.error().kind() == ServiceError::Kind::NotConfigured)
            setSecretStatus(kind, tr("Not set"), false);
        else
            setSecretStatus(kind, secret.error().message(), true);
    });
}

void ConnectionsPage::setSecretStatus(SecretKind kind, const QString &text, bool isError)
{
    QLabel *label = m_secretWidgets.value(kind).statusLabel;
    if (!label)
        return;
    label->setText(text);
    if (isError) {
        setErrorColor(label);
    } else {
        label->setPalette(QPalette());
    }
}

// ---- messages -----------------------------------------------------------------------------------------

void ConnectionsPage::showIssues(const ProfileIssues &issues)
{
    QWidget *first = nullptr;
    QStringList unplaced;
    for (const ProfileIssue &issue : issues) {
        const auto it = m_fields.constFind(issue.field);
        if (it == m_fields.cend()) {
            unplaced.append(issue.message);
            continue;
        }
        QLabel *label = it->errorLabel;
        label->setText(label->text().isEmpty() ? issue.message : label->text() + QLatin1Char('\n') + issue.message);
        label->show();
        it->editor->setAccessibleDescription(label->text());
        if (!first)
            first = it->editor;
    }
    if (!unplaced.isEmpty())
        setMessage(unplaced.join(QLatin1Char('\n')), true);
    if (first) {
        first->setFocus();
        m_scrollArea->ensureWidgetVisible(first);
    }
}

void ConnectionsPage::clearIssues()
{
    for (const FieldWidgets &widgets : std::as_const(m_fields)) {
        widgets.errorLabel->clear();
        widgets.errorLabel->hide();
        widgets.editor->setAccessibleDescription({});
    }
}

void ConnectionsPage::setMessage(const QString &text, bool isError)
{
    m_messageLabel->setText(text);
    m_messageLabel->setVisible(!text.isEmpty());
    if (isError)
        setErrorColor(m_messageLabel);
    else
        m_messageLabel->setPalette(QPalette());
}

void ConnectionsPage::report(const QString &text, bool isError)
{
    setMessage(text, isError);
    emit statusMessage(text);
}

void ConnectionsPage::updateActions()
{
    const bool editing = !m_editingId.isEmpty();
    const bool stored = editing && !m_isDraft && m_store->contains(m_editingId);
    const bool isCurrent = stored && m_store->currentProfileId() == m_editingId;
    m_form->setEnabled(editing && !m_saving);
    m_listView->setEnabled(!m_saving);
    m_newButton->setEnabled(!m_saving);
    m_importButton->setEnabled(!m_saving);
    m_importSandboxButton->setEnabled(!m_saving);
    m_deleteButton->setEnabled(editing && !m_saving);
    m_exportButton->setEnabled(stored && !m_saving);
    m_saveButton->setEnabled(editing && !m_saving);
    m_revertButton->setEnabled(editing && (m_dirty || m_isDraft) && !m_saving);
    m_useButton->setEnabled(stored && !isCurrent && !m_saving);
    if (m_testPanel)
        m_testPanel->setEnabled(editing && !m_saving);
    for (const SecretWidgets &widgets : std::as_const(m_secretWidgets))
        widgets.clearButton->setEnabled(stored && !m_saving);

    if (!editing)
        m_currentProfileLabel->clear();
    else if (m_isDraft)
        m_currentProfileLabel->setText(tr("New profile, not saved yet."));
    else if (isCurrent)
        m_currentProfileLabel->setText(tr("TwinBridge uses this profile."));
    else
        m_currentProfileLabel->setText(tr("Not in use. Choose “Use this profile” to connect with it."));
}

} // namespace TwinBridge
