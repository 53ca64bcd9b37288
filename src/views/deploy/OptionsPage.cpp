#include "views/deploy/OptionsPage.h"

#include "services/azure/TokenCredential.h" // DeploymentSession.h needs it complete
#include "services/deploy/DeploymentPlan.h"
#include "services/deploy/DeploymentSession.h"
#include "services/deploy/HubMessageQuota.h"
#include "services/engine/EngineConfig.h"
#include "services/iothub/HubThrottle.h"
#include "services/secrets/SecretStore.h"
#include "views/ColorScheme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

// The fields this page edits; issues of other fields belong to other pages.
const QStringList &pageFields()
{
    static const QStringList fields {QString(DeploymentField::HubSku),      QString(DeploymentField::HubUnits),
                                     QString(DeploymentField::EventHubSku), QString(DeploymentField::StorageSku),
                                     QString(DeploymentField::NameSuffix),  QString(DeploymentField::StackBaseUrl),
                                     QString(DeploymentField::StackApiKey)};
    return fields;
}

const QList<HubSku> &offeredSkus()
{
    static const QList<HubSku> skus {HubSku::F1, HubSku::S1, HubSku::S2, HubSku::S3};
    return skus;
}

} // namespace

OptionsPage::OptionsPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setTitle(tr("Options"));
    setSubTitle(tr("Choose the tiers of the Azure resources and how they are named. Each choice shows what it "
                   "implies."));

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    buildHubGroup(content);
    layout->addWidget(m_hubSku->parentWidget());

    // --- other tiers and the route ---
    auto *others = new QGroupBox(tr("Event Hubs, storage and routing"), content);
    auto *othersForm = new QFormLayout(others);
    m_eventHubSku = new QComboBox(others);
    m_eventHubSku->setObjectName(QStringLiteral("eventHubSkuCombo"));
    m_eventHubSku->addItems(DeploymentPlan::eventHubSkus());
    m_eventHubSku->setAccessibleName(tr("Event Hubs tier"));
    othersForm->addRow(tr("&Event Hubs tier:"), m_eventHubSku);
    othersForm->addRow(QString(), errorLabel(DeploymentField::EventHubSku, tr("Event Hubs tier problem")));
    m_storageSku = new QComboBox(others);
    m_storageSku->setObjectName(QStringLiteral("storageSkuCombo"));
    m_storageSku->addItems(DeploymentPlan::storageSkus());
    m_storageSku->setAccessibleName(tr("Storage tier"));
    othersForm->addRow(tr("&Storage tier:"), m_storageSku);
    othersForm->addRow(QString(), errorLabel(DeploymentField::StorageSku, tr("Storage tier problem")));
    m_fallbackRoute = new QCheckBox(tr("Keep the &fallback route"), others);
    m_fallbackRoute->setObjectName(QStringLiteral("fallbackRouteCheck"));
    m_fallbackRoute->setAccessibleName(tr("Fallback route"));
    othersForm->addRow(m_fallbackRoute);
    m_fallbackNote = new QLabel(others);
    m_fallbackNote->setObjectName(QStringLiteral("fallbackRouteNote"));
    m_fallbackNote->setWordWrap(true);
    othersForm->addRow(m_fallbackNote);
    layout->addWidget(others);

    // --- names ---
    auto *names = new QGroupBox(tr("Resource names"), content);
    auto *namesForm = new QFormLayout(names);
    m_nameSuffix = new QLineEdit(names);
    m_nameSuffix->setObjectName(QStringLiteral("nameSuffixEdit"));
    m_nameSuffix->setAccessibleName(tr("Name suffix"));
    m_nameSuffix->setPlaceholderText(tr("3–13 lower-case letters, digits or hyphens"));
    namesForm->addRow(tr("Name s&uffix:"), m_nameSuffix);
    namesForm->addRow(QString(), errorLabel(DeploymentField::NameSuffix, tr("Name suffix problem")));
    m_resourceNames = new QLabel(names);
    m_resourceNames->setObjectName(QStringLiteral("resourceNamesLabel"));
    m_resourceNames->setWordWrap(true);
    m_resourceNames->setTextInteractionFlags(Qt::TextSelectableByMouse);
    namesForm->addRow(tr("Resources:"), m_resourceNames);
    layout->addWidget(names);

    // --- engine mode: where the Function posts ---
    m_engineGroup = new QGroupBox(tr("The engine's ingest endpoint"), content);
    m_engineGroup->setObjectName(QStringLiteral("ingestGroup"));
    auto *engineForm = new QFormLayout(m_engineGroup);
    m_ingestUrl = new QLineEdit(m_engineGroup);
    m_ingestUrl->setObjectName(QStringLiteral("ingestUrlEdit"));
    m_ingestUrl->setAccessibleName(tr("Public ingest URL"));
    m_ingestUrl->setPlaceholderText(tr("https://bridge.example.com/api/v3"));
    engineForm->addRow(tr("Public &ingest URL:"), m_ingestUrl);
    engineForm->addRow(QString(), errorLabel(DeploymentField::StackBaseUrl, tr("Ingest URL problem")));
    auto *ingestNote = new QLabel(
        tr("The Azure Function calls this address from the internet. Expose the engine's ingest endpoint through "
           "a reverse proxy or a tunnel that terminates TLS (HTTPS) and enter its public address ending in "
           "/api/v3; docs/ingest.md describes the endpoint."),
        m_engineGroup);
    ingestNote->setObjectName(QStringLiteral("ingestNote"));
    ingestNote->setWordWrap(true);
    engineForm->addRow(ingestNote);
    m_ingestKey = new QLineEdit(m_engineGroup);
    m_ingestKey->setObjectName(QStringLiteral("ingestKeyEdit"));
    m_ingestKey->setEchoMode(QLineEdit::Password);
    m_ingestKey->setReadOnly(true);
    m_ingestKey->setAccessibleName(tr("Ingest key"));
    m_newIngestKey = new QPushButton(tr("&New key"), m_engineGroup);
    m_newIngestKey->setObjectName(QStringLiteral("newIngestKeyButton"));
    m_newIngestKey->setAccessibleName(tr("Generate a new ingest key"));
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_ingestKey, 1);
    keyRow->addWidget(m_newIngestKey);
    engineForm->addRow(tr("Ingest key:"), keyRow);
    engineForm->addRow(QString(), errorLabel(DeploymentField::StackApiKey, tr("Ingest key problem")));
    m_ingestKeyStatus = new QLabel(m_engineGroup);
    m_ingestKeyStatus->setObjectName(QStringLiteral("ingestKeyStatus"));
    m_ingestKeyStatus->setWordWrap(true);
    engineForm->addRow(m_ingestKeyStatus);
    layout->addWidget(m_engineGroup);
    layout->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    auto changed = [this]() {
        if (m_loading)
            return;
        readWidgets();
        refresh();
    };
    connect(m_hubSku, &QComboBox::currentIndexChanged, this, [this, changed]() {
        m_hubUnits->setMaximum(qMax(1, HubThrottle::maxUnits(HubSku(m_hubSku->currentData().toInt()))));
        changed();
    });
    connect(m_hubUnits, &QSpinBox::valueChanged, this, changed);
    connect(m_eventHubSku, &QComboBox::currentIndexChanged, this, changed);
    connect(m_storageSku, &QComboBox::currentIndexChanged, this, changed);
    connect(m_fallbackRoute, &QCheckBox::toggled, this, changed);
    connect(m_nameSuffix, &QLineEdit::textChanged, this, changed);
    connect(m_ingestUrl, &QLineEdit::textChanged, this, changed);
    connect(m_newIngestKey, &QPushButton::clicked, this, [this]() {
        generateIngestKey(tr("A new ingest key was generated. It is stored in the OS keychain when the deployment "
                             "starts; the engine of this profile then accepts only the new key."));
    });
    connect(m_session, &DeploymentSession::modeChanged, this, [this]() {
        m_engineGroup->setVisible(m_session->mode() == DeploymentSession::Mode::Engine);
        refresh();
    });
}

void OptionsPage::buildHubGroup(QWidget *parent)
{
    auto *hub = new QGroupBox(tr("IoT hub"), parent);
    auto *form = new QFormLayout(hub);
    m_hubSku = new QComboBox(hub);
    m_hubSku->setObjectName(QStringLiteral("hubSkuCombo"));
    m_hubSku->setAccessibleName(tr("IoT Hub tier"));
    for (HubSku sku : offeredSkus())
        m_hubSku->addItem(HubThrottle::skuName(sku), int(sku));
    form->addRow(tr("IoT Hub &tier:"), m_hubSku);
    form->addRow(QString(), errorLabel(DeploymentField::HubSku, tr("IoT Hub tier problem")));
    m_hubUnits = new QSpinBox(hub);
    m_hubUnits->setObjectName(QStringLiteral("hubUnitsSpin"));
    m_hubUnits->setAccessibleName(tr("IoT Hub units"));
    m_hubUnits->setRange(1, 200);
    form->addRow(tr("U&nits:"), m_hubUnits);
    form->addRow(QString(), errorLabel(DeploymentField::HubUnits, tr("IoT Hub units problem")));

    auto figure = [hub, form](const char *name, const QString &label) {
        auto *value = new QLabel(hub);
        value->setObjectName(QString::fromLatin1(name));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setAccessibleName(label);
        form->addRow(label, value);
        return value;
    };
    m_messagesPerDay = figure("messagesPerDayLabel", tr("Messages per day:"));
    m_deviceToCloud = figure("deviceToCloudLabel", tr("Device-to-cloud:"));
    m_twinReads = figure("twinReadsLabel", tr("Twin reads:"));
    m_twinUpdates = figure("twinUpdatesLabel", tr("Twin updates:"));
    m_registry = figure("registryLabel", tr("Registry operations:"));
    m_costDriver = new QLabel(hub);
    m_costDriver->setObjectName(QStringLiteral("costDriverLabel"));
    m_costDriver->setWordWrap(true);
    form->addRow(tr("Monthly cost:"), m_costDriver);
}

QLabel *OptionsPage::errorLabel(const QString &field, const QString &accessibleName)
{
    auto *label = new QLabel;
    label->setObjectName(field + QStringLiteral("Error"));
    label->setWordWrap(true);
    label->setAccessibleName(accessibleName);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, ColorScheme::errorColor(palette));
    label->setPalette(palette);
    label->setVisible(false);
    m_fieldErrors.insert(field, label);
    return label;
}

void OptionsPage::initializePage()
{
    // An update works on what the profile's deployment created: DeploymentSession took its names already.
    const bool update = m_session->purpose() == DeploymentSession::Purpose::Update;
    const DeploymentPlan &plan = m_session->plan();
    m_loading = true;
    m_hubSku->setCurrentIndex(qMax(0, m_hubSku->findData(int(plan.hubSku))));
    m_hubUnits->setMaximum(qMax(1, HubThrottle::maxUnits(plan.hubSku)));
    m_hubUnits->setValue(plan.hubUnits);
    m_eventHubSku->setCurrentText(plan.eventHubSku);
    m_storageSku->setCurrentText(plan.storageSku);
    m_fallbackRoute->setChecked(plan.fallbackRoute);
    m_nameSuffix->setText(plan.nameSuffix);
    m_nameSuffix->setReadOnly(update);
    m_nameSuffix->setToolTip(update ? tr("An update keeps the names of the deployed resources.") : QString());
    m_ingestUrl->setText(m_session->ingestUrl());
    m_ingestKey->setText(m_session->ingestKey());
    m_loading = false;
    m_engineGroup->setVisible(m_session->mode() == DeploymentSession::Mode::Engine);
    if (m_session->mode() == DeploymentSession::Mode::Engine && m_session->ingestKey().isEmpty())
        loadIngestKey();
    readWidgets();
    refresh();
}

void OptionsPage::loadIngestKey()
{
    SecretStore *secrets = m_session->secretStore();
    if (!secrets) {
        generateIngestKey(tr("A new ingest key was generated; keep it for the engine of this profile."));
        return;
    }
    m_keyPending = true;
    m_ingestKeyStatus->setText(tr("Reading the ingest key stored for this profile…"));
    secrets->read(m_session->profile().id, SecretKind::IngestKey).then(this, [this](Result<QString> key) {
        m_keyPending = false;
        if (key && !key.value().isEmpty()) {
            m_session->setIngestKey(key.value());
            m_ingestKey->setText(key.value());
            m_ingestKeyStatus->setText(tr("The ingest key stored for this profile is used: the engine accepts it "
                                          "already."));
        } else if (!key && key.error().kind() != ServiceError::Kind::NotConfigured) {
            generateIngestKey(tr("The stored ingest key could not be read (%1). A new key was generated; it is "
                                 "stored in the OS keychain when the deployment starts.")
                                  .arg(key.error().message()));
            return;
        } else {
            generateIngestKey(tr("This profile has no ingest key yet. A new one was generated; it is stored in the "
                                 "OS keychain when the deployment starts."));
            return;
        }
        refresh();
    });
}

void OptionsPage::generateIngestKey(const QString &status)
{
    const QString key = EngineConfig::generateIngestKey();
    m_session->setIngestKey(key);
    m_ingestKey->setText(key);
    m_ingestKeyStatus->setText(status);
    refresh();
}

void OptionsPage::readWidgets()
{
    DeploymentPlan &plan = m_session->plan();
    plan.hubSku = HubSku(m_hubSku->currentData().toInt());
    plan.hubUnits = m_hubUnits->value();
    plan.eventHubSku = m_eventHubSku->currentText();
    plan.storageSku = m_storageSku->currentText();
    plan.fallbackRoute = m_fallbackRoute->isChecked();
    plan.nameSuffix = m_nameSuffix->text().trimmed();
    m_session->setIngestUrl(m_ingestUrl->text().trimmed());
}

void OptionsPage::refresh()
{
    refreshFigures();
    refreshNames();
    refreshErrors();
    emit completeChanged();
}

void OptionsPage::refreshFigures()
{
    const DeploymentPlan &plan = m_session->plan();
    const HubSku sku = plan.hubSku;
    const int maxUnits = HubThrottle::maxUnits(sku);
    m_hubUnits->setEnabled(maxUnits > 1);
    const int units = qBound(1, plan.hubUnits, qMax(1, maxUnits));
    const HubThrottle::Limits limits = HubThrottle::limitsFor(sku, units);
    m_messagesPerDay->setText(tr("%L1 messages a day").arg(HubMessageQuota::perDay(sku, units)));
    m_deviceToCloud->setText(tr("%L1 device-to-cloud operations per second").arg(limits.deviceToCloudPerSecond));
    m_twinReads->setText(tr("%L1 twin reads per second").arg(limits.twinReadsPerSecond));
    m_twinUpdates->setText(tr("%L1 twin updates per second").arg(limits.twinUpdatesPerSecond));
    m_registry->setText(tr("%L1 registry operations per minute").arg(limits.registryPerMinute));
    if (sku == HubSku::F1) {
        m_costDriver->setText(tr("Free of charge, one unit only, and only one F1 hub per subscription (a second one "
                                 "is refused). Twin updates count against the daily messages."));
    } else {
        m_costDriver->setText(tr("Billed per unit and month: %1 × %n unit(s). The daily message quota and the "
                                 "throttles grow with the units; twin updates count as messages. Event Hubs, the "
                                 "Function and storage cost little next to the hub.",
                                 nullptr, units)
                                  .arg(HubThrottle::skuName(sku)));
    }
    m_fallbackNote->setText(
        plan.fallbackRoute
            ? tr("Device telemetry also stays on the hub's built-in events endpoint, as on a hub without custom "
                 "routes.")
            : tr("Without the fallback route, device telemetry that matches no route is dropped: whatever reads the "
                 "hub's built-in events endpoint (Stream Analytics, 'az iot hub monitor-events', your own "
                 "consumers) no longer receives it. Twin changes still reach the Function."));
}

void OptionsPage::refreshNames()
{
    const QString suffix = m_session->plan().nameSuffix.toLower();
    if (suffix.isEmpty()) {
        m_resourceNames->setText(tr("(enter a suffix)"));
        return;
    }
    QString storage = QStringLiteral("fnstor") + QString(suffix).remove(QLatin1Char('-'));
    storage.truncate(24);
    m_resourceNames->setText(tr("IoT hub %1\nEvent Hubs namespace %2\nFunction app %3\nStorage account %4")
                                 .arg(m_session->plan().hubName(), QStringLiteral("evhubns-") + suffix,
                                      QStringLiteral("fn-") + suffix, storage));
}

QHash<QString, QString> OptionsPage::fieldIssues() const
{
    DeploymentPlan probe = m_session->plan();
    if (m_session->mode() == DeploymentSession::Mode::Engine) {
        probe.stackBaseUrl = m_session->ingestUrl();
        probe.stackApiKey = m_session->ingestKey();
    } else {
        probe.stackBaseUrl = m_session->profile().tts.apiBaseUrl;
        probe.stackApiKey = m_session->ttsApiKey();
    }
    QHash<QString, QString> issues;
    for (const ProfileIssue &issue : probe.validate()) {
        if (!pageFields().contains(issue.field) || issues.contains(issue.field))
            continue;
        // In TTS mode the address and key come from the TTS page.
        const bool engineField =
            issue.field == DeploymentField::StackBaseUrl || issue.field == DeploymentField::StackApiKey;
        if (engineField && m_session->mode() != DeploymentSession::Mode::Engine)
            continue;
        if (issue.field == DeploymentField::StackApiKey && m_keyPending)
            continue;
        issues.insert(issue.field, issue.message);
    }
    return issues;
}

void OptionsPage::refreshErrors()
{
    const QHash<QString, QString> issues = fieldIssues();
    for (auto it = m_fieldErrors.cbegin(); it != m_fieldErrors.cend(); ++it) {
        const QString message = issues.value(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
    }
}

bool OptionsPage::isComplete() const
{
    return !m_keyPending && fieldIssues().isEmpty();
}

bool OptionsPage::validatePage()
{
    readWidgets();
    m_session->applyTarget();
    return true;
}

} // namespace TwinBridge
