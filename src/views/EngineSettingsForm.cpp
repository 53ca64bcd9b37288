#include "views/EngineSettingsForm.h"

#include "services/engine/EngineConfig.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/Settings.h"
#include "views/MessageBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

QString filterObjectName(const char *prefix, TtsMessageType type)
{
    return QLatin1String(prefix) + ttsMessageTypeName(type) + QStringLiteral("CheckBox");
}

} // namespace

EngineSettingsForm::EngineSettingsForm(Settings *settings, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{
    auto *layout = new QVBoxLayout(this);

    auto *connections = new QGroupBox(tr("Device connections to IoT Hub"), this);
    auto *connectionForm = new QFormLayout(connections);
    m_mode = new QComboBox(connections);
    m_mode->setObjectName(QStringLiteral("modeComboBox"));
    m_mode->addItem(tr("Pooled — keep idle connections open"),
                    EngineConfig::modeName(EngineConfig::ConnectionMode::Pooled));
    m_mode->addItem(tr("Strict — connect for every message"),
                    EngineConfig::modeName(EngineConfig::ConnectionMode::Strict));
    m_mode->setToolTip(tr("Pooled keeps a device's connection open for the idle time below; strict connects, sends "
                          "and disconnects for every message, as TTS's own integration does"));
    connectionForm->addRow(tr("Mode:"), m_mode);
    m_poolTtl = new QSpinBox(connections);
    m_poolTtl->setObjectName(QStringLiteral("poolTtlSpinBox"));
    m_poolTtl->setRange(1, 86400);
    m_poolTtl->setSuffix(tr(" s"));
    m_poolTtl->setToolTip(tr("How long a pooled connection stays open without traffic"));
    connectionForm->addRow(tr("Idle connection TTL:"), m_poolTtl);
    layout->addWidget(connections);

    auto *filters = new QGroupBox(tr("Message filters"), this);
    auto *filterGrid = new QGridLayout(filters);
    filterGrid->addWidget(new QLabel(tr("Message type"), filters), 0, 0);
    filterGrid->addWidget(new QLabel(tr("Telemetry (D2C)"), filters), 0, 1);
    filterGrid->addWidget(new QLabel(tr("Reported properties"), filters), 0, 2);
    int row = 1;
    for (TtsMessageType type : allTtsMessageTypes()) {
        filterGrid->addWidget(new QLabel(ttsMessageTypeDisplayName(type), filters), row, 0);
        auto *telemetry = new QCheckBox(filters);
        telemetry->setObjectName(filterObjectName("telemetry_", type));
        telemetry->setToolTip(
            tr("Send %1 messages to IoT Hub as device-to-cloud messages").arg(ttsMessageTypeDisplayName(type)));
        auto *reported = new QCheckBox(filters);
        reported->setObjectName(filterObjectName("reported_", type));
        reported->setToolTip(
            tr("Update the twin's reported properties from %1 messages").arg(ttsMessageTypeDisplayName(type)));
        filterGrid->addWidget(telemetry, row, 1, Qt::AlignHCenter);
        filterGrid->addWidget(reported, row, 2, Qt::AlignHCenter);
        m_telemetry.insert(type, telemetry);
        m_reported.insert(type, reported);
        ++row;
    }
    layout->addWidget(filters);

    auto *ingest = new QGroupBox(tr("Ingest endpoint (events from Azure)"), this);
    auto *ingestForm = new QFormLayout(ingest);
    m_ingestEnabled = new QCheckBox(tr("Accept twin changes and lifecycle events from the Azure Function"), ingest);
    m_ingestEnabled->setObjectName(QStringLiteral("ingestEnabledCheckBox"));
    ingestForm->addRow(m_ingestEnabled);
    m_bindAddress = new QLineEdit(ingest);
    m_bindAddress->setObjectName(QStringLiteral("bindAddressEdit"));
    m_bindAddress->setToolTip(tr("The local address the endpoint listens on; 127.0.0.1 accepts connections from this "
                                 "computer only, 0.0.0.0 from everywhere (use TLS or a proxy then)"));
    ingestForm->addRow(tr("Bind address:"), m_bindAddress);
    m_port = new QSpinBox(ingest);
    m_port->setObjectName(QStringLiteral("ingestPortSpinBox"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    ingestForm->addRow(tr("Port:"), m_port);
    m_publicUrl = new QLineEdit(ingest);
    m_publicUrl->setObjectName(QStringLiteral("publicUrlEdit"));
    m_publicUrl->setPlaceholderText(tr("e.g. https://bridge.example.com/api/v3 — empty: the local address"));
    m_publicUrl->setToolTip(tr("The address the Azure Function reaches this engine at (its STACK_BASE_URL), when a "
                               "proxy or tunnel is in between"));
    ingestForm->addRow(tr("Public URL:"), m_publicUrl);
    auto *keyRow = new QHBoxLayout;
    m_regenerate = new QPushButton(tr("Regenerate ingest key…"), ingest);
    m_regenerate->setObjectName(QStringLiteral("regenerateIngestKeyButton"));
    m_regenerate->setToolTip(tr("Store a new random ingest key in the keychain; the Azure Function's STACK_API_KEY "
                                "must be set to it"));
    m_keyStatus = new QLabel(ingest);
    m_keyStatus->setObjectName(QStringLiteral("ingestKeyStatusLabel"));
    m_keyStatus->setWordWrap(true);
    keyRow->addWidget(m_regenerate);
    keyRow->addWidget(m_keyStatus, 1);
    ingestForm->addRow(tr("Ingest key:"), keyRow);
    layout->addWidget(ingest);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_revert = new QPushButton(tr("Revert"), this);
    m_revert->setObjectName(QStringLiteral("revertSettingsButton"));
    m_save = new QPushButton(tr("Save settings"), this);
    m_save->setObjectName(QStringLiteral("saveSettingsButton"));
    m_save->setToolTip(tr("Store these settings for this profile; they apply at the next start of the engine"));
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &EngineSettingsForm::save);
    connect(m_revert, &QPushButton::clicked, this, &EngineSettingsForm::revert);
    connect(m_regenerate, &QPushButton::clicked, this, &EngineSettingsForm::regenerateIngestKey);
    const auto changed = [this] { setDirty(true); };
    connect(m_mode, &QComboBox::currentIndexChanged, this, changed);
    connect(m_poolTtl, &QSpinBox::valueChanged, this, changed);
    connect(m_port, &QSpinBox::valueChanged, this, changed);
    connect(m_bindAddress, &QLineEdit::textChanged, this, changed);
    connect(m_publicUrl, &QLineEdit::textChanged, this, changed);
    connect(m_ingestEnabled, &QCheckBox::toggled, this, changed);
    connect(m_ingestEnabled, &QCheckBox::toggled, this, [this](bool on) {
        m_bindAddress->setEnabled(on);
        m_port->setEnabled(on);
        m_publicUrl->setEnabled(on);
    });
    for (QCheckBox *box : std::as_const(m_telemetry))
        connect(box, &QCheckBox::toggled, this, changed);
    for (QCheckBox *box : std::as_const(m_reported))
        connect(box, &QCheckBox::toggled, this, changed);
    setProfileId({});
}

void EngineSettingsForm::setProfileId(const QString &profileId)
{
    m_profileId = profileId;
    setEnabled(!profileId.isEmpty());
    setValue(BridgeProfileSettings::load(m_settings, profileId));
    m_keyStatus->clear();
}

void EngineSettingsForm::setValue(const BridgeProfileSettings &value)
{
    EngineConfig config;
    if (const Status applied = value.applyTo(config); !applied)
        showError(applied.error().message()); // damaged stored values: the defaults are shown instead
    else
        showError({});
    m_loading = true;
    m_mode->setCurrentIndex(m_mode->findData(EngineConfig::modeName(config.mode)));
    m_poolTtl->setValue(int(config.pool.idleTimeout.count()));
    for (TtsMessageType type : allTtsMessageTypes()) {
        m_telemetry.value(type)->setChecked(config.telemetryFilter.testFlag(type));
        m_reported.value(type)->setChecked(config.reportedFilter.testFlag(type));
    }
    m_ingestEnabled->setChecked(config.ingest.enabled);
    m_bindAddress->setText(config.ingest.bindAddress.toString());
    m_port->setValue(config.ingest.port);
    m_publicUrl->setText(value.publicUrl);
    m_loading = false;
    setDirty(false);
}

Result<BridgeProfileSettings> EngineSettingsForm::value() const
{
    BridgeProfileSettings stored = BridgeProfileSettings::load(m_settings, m_profileId);
    EngineConfig config;
    if (!stored.applyTo(config))
        config = EngineConfig {}; // damaged: start from the defaults
    config.mode = EngineConfig::ConnectionMode::Pooled;
    if (m_mode->currentData().toString() == EngineConfig::modeName(EngineConfig::ConnectionMode::Strict))
        config.mode = EngineConfig::ConnectionMode::Strict;
    config.pool.idleTimeout = std::chrono::seconds(m_poolTtl->value());
    TtsMessageTypes telemetry, reported;
    for (TtsMessageType type : allTtsMessageTypes()) {
        telemetry.setFlag(type, m_telemetry.value(type)->isChecked());
        reported.setFlag(type, m_reported.value(type)->isChecked());
    }
    config.telemetryFilter = telemetry;
    config.reportedFilter = reported;
    config.ingest.enabled = m_ingestEnabled->isChecked();
    QHostAddress address;
    if (!address.setAddress(m_bindAddress->text().trimmed())) {
        return ServiceError::invalidInput(tr("The bind address “%1” is not an IP address. Enter 127.0.0.1 (this "
                                             "computer only) or the address of a local interface, such as 0.0.0.0.")
                                              .arg(m_bindAddress->text()));
    }
    config.ingest.bindAddress = address;
    config.ingest.port = quint16(m_port->value());
    const QString publicUrl = m_publicUrl->text().trimmed();
    if (const QString problem = BridgeProfileSettings::checkPublicUrl(publicUrl); !problem.isEmpty())
        return ServiceError::invalidInput(problem);
    BridgeProfileSettings result;
    result.engine = config.engineJson();
    result.publicUrl = publicUrl;
    return result;
}

bool EngineSettingsForm::save()
{
    if (m_profileId.isEmpty())
        return false;
    const Result<BridgeProfileSettings> checked = value();
    if (!checked) {
        showError(checked.error().message());
        return false;
    }
    showError({});
    BridgeProfileSettings::save(m_settings, m_profileId, checked.value());
    setDirty(false);
    emit saved(m_profileId);
    emit statusMessage(tr("Engine settings saved; they apply at the next start of the engine."));
    return true;
}

void EngineSettingsForm::revert()
{
    setValue(BridgeProfileSettings::load(m_settings, m_profileId));
}

void EngineSettingsForm::regenerateIngestKey()
{
    if (m_profileId.isEmpty() || !m_secrets)
        return;
    const auto answer = MessageBox::question(
        this, tr("Regenerate ingest key"),
        tr("Store a new random ingest key for this profile? The Azure Function must then send the new key "
           "(its STACK_API_KEY setting); until it does, its events are refused. For a sandbox profile the Bridge "
           "page passes the key on when the engine starts."));
    if (answer != QMessageBox::Yes)
        return;
    const QString profileId = m_profileId;
    m_regenerate->setEnabled(false);
    m_keyStatus->setText(tr("Storing…"));
    QPointer<EngineSettingsForm> self(this);
    m_secrets->write(profileId, SecretKind::IngestKey, EngineConfig::generateIngestKey())
        .then(this, [self, profileId](Status written) {
            if (!self)
                return;
            self->m_regenerate->setEnabled(true);
            if (!written) {
                self->m_keyStatus->setText(written.error().toString());
                return;
            }
            self->m_keyStatus->setText(tr("New key stored (%1). It applies at the next start of the engine.")
                                           .arg(self->m_secrets->storedDescription()));
            emit self->ingestKeyRegenerated(profileId);
            emit self->statusMessage(tr("A new ingest key is stored for this profile."));
        });
}

void EngineSettingsForm::setDirty(bool dirty)
{
    if (m_loading)
        return;
    m_dirty = dirty;
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
}

void EngineSettingsForm::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

} // namespace TwinBridge
