#include "views/BridgePage.h"

#include "models/BridgeHealth.h"
#include "models/BridgeProfileSettings.h"
#include "models/DeviceErrorModel.h"
#include "models/EngineStatsHistory.h"
#include "services/core/Logging.h"
#include "services/engine/EngineHost.h"
#include "services/engine/SandboxFunctionRegistration.h"
#include "services/net/HttpTransport.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/ProfileStore.h"
#include "services/settings/SandboxProfileImport.h"
#include "services/settings/Settings.h"
#include "views/EngineSettingsForm.h"
#include "views/MessageBox.h"
#include "views/StatusLight.h"
#include "views/ThroughputChart.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <utility>

namespace TwinBridge {

namespace {

using Counter = EngineMetricsSnapshot::Counter;
using Gauge = EngineMetricsSnapshot::Gauge;

// The counters the page shows, in this order (four per row).
constexpr Counter ShownCounters[] = {
    Counter::UplinksReceived,      Counter::UplinksForwarded,     Counter::DeviceToCloudSent,
    Counter::TwinPatches,          Counter::IdentitiesCreated,    Counter::IdentityFailures,
    Counter::IngestEventsAccepted, Counter::DownlinksPushed,      Counter::DevicesProvisionedInTts,
    Counter::DevicesDeletedInTts,  Counter::MalformedTtsMessages, Counter::Throttled,
    Counter::Reconnects,           Counter::UplinksFailed,        Counter::OutboxRejected,
};

QString shortcutText(const QKeySequence &sequence)
{
    return sequence.toString(QKeySequence::NativeText);
}

} // namespace

BridgePage::BridgePage(ProfileStore *profiles, SecretStore *secrets, ProfileSession *session, EngineHost *engine,
                       Settings *settings, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_session(session)
    , m_engine(engine)
    , m_settings(settings ? settings : Settings::instance())
    , m_health(new BridgeHealth(this))
    , m_history(new EngineStatsHistory(this))
    , m_errors(new DeviceErrorModel(this))
{
    buildUi();
    connect(m_health, &BridgeHealth::lightChanged, this, [this](BridgeHealth::Side side) { updateLight(int(side)); });
    if (m_engine) {
        connect(m_engine, &EngineHost::stateChanged, this, &BridgePage::onStateChanged);
        connect(m_engine, &EngineHost::statsUpdated, this, &BridgePage::onStats);
        connect(m_engine, &EngineHost::eventsReady, this, &BridgePage::onEvents);
        connect(m_engine, &EngineHost::errorOccurred, this,
                [this](const ServiceError &error) { showError(error.toString()); });
        m_state = m_engine->state();
        m_health->setEngineState(m_state);
    }
    if (m_profiles) {
        connect(m_profiles, &ProfileStore::currentProfileChanged, this, &BridgePage::onProfileChanged);
        connect(m_profiles, &ProfileStore::profileChanged, this, [this](const QString &id) {
            if (m_profiles->currentProfileId() == id)
                onProfileChanged();
        });
    }
    onProfileChanged();
    updateButtons();
    updateStateLabel();
}

BridgePage::~BridgePage()
{
    saveViewState();
}

void BridgePage::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    // Controls.
    auto *controls = new QHBoxLayout;
    m_startButton = new QPushButton(tr("Start"), this);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    const auto addShortcut = [this](QPushButton *button, const QKeySequence &sequence, const QString &what,
                                    void (BridgePage::*slot)()) {
        auto *action = new QAction(this);
        action->setShortcut(sequence);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, [this, button, slot] {
            if (button->isEnabled())
                (this->*slot)();
        });
        connect(button, &QPushButton::clicked, this, slot);
        button->setToolTip(QStringLiteral("%1 (%2)").arg(what, shortcutText(sequence)));
    };
    addShortcut(m_startButton, QKeySequence(Qt::CTRL | Qt::Key_R), tr("Start the engine for the current profile"),
                &BridgePage::start);
    addShortcut(m_stopButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                tr("Stop the engine after finishing the work in flight"), &BridgePage::stop);
    addShortcut(m_pauseButton, QKeySequence(Qt::CTRL | Qt::Key_P),
                tr("Pause: keep receiving and storing messages, forward nothing until resumed"),
                &BridgePage::togglePause);
    controls->addWidget(m_startButton);
    controls->addWidget(m_stopButton);
    controls->addWidget(m_pauseButton);
    controls->addSpacing(12);
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    QFont bold = m_stateLabel->font();
    bold.setBold(true);
    m_stateLabel->setFont(bold);
    controls->addWidget(m_stateLabel);
    controls->addStretch(1);
    m_profileLabel = new QLabel(this);
    m_profileLabel->setObjectName(QStringLiteral("profileLabel"));
    controls->addWidget(m_profileLabel);
    layout->addLayout(controls);

    // The last error, with its sentence.
    auto *errorRow = new QHBoxLayout;
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; }"));
    m_dismissError = new QPushButton(tr("Dismiss"), this);
    m_dismissError->setObjectName(QStringLiteral("dismissErrorButton"));
    connect(m_dismissError, &QPushButton::clicked, this, [this] { showError({}); });
    errorRow->addWidget(m_errorLabel, 1);
    errorRow->addWidget(m_dismissError, 0, Qt::AlignTop);
    layout->addLayout(errorRow);
    showError({});

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("bridgeTabs"));
    layout->addWidget(m_tabs, 1);

    // Status tab: lights, counters, outbox, chart and error table.
    auto *status = new QWidget(m_tabs);
    auto *statusLayout = new QVBoxLayout(status);
    auto *lights = new QHBoxLayout;
    const char *lightNames[] = {"ttsMqttLight", "hubRestLight", "hubMqttLight", "ingestLight"};
    for (int i = 0; i < BridgeHealth::SideCount; ++i) {
        auto *light = new StatusLight(BridgeHealth::sideDisplayName(BridgeHealth::Side(i)), status);
        light->setObjectName(QLatin1String(lightNames[i]));
        lights->addWidget(light, 1);
        m_lights.append(light);
    }
    statusLayout->addLayout(lights);

    auto *counters = new QGroupBox(tr("Counters since the engine started"), status);
    auto *grid = new QGridLayout(counters);
    m_counterValues.resize(EngineMetricsSnapshot::CounterCount);
    int position = 0;
    const auto addValue = [&](const QString &label, const QString &objectName) {
        auto *value = new QLabel(QStringLiteral("0"), counters);
        value->setObjectName(objectName);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setMinimumWidth(60);
        grid->addWidget(new QLabel(label, counters), position / 4, (position % 4) * 2);
        grid->addWidget(value, position / 4, (position % 4) * 2 + 1);
        ++position;
        return value;
    };
    for (Counter counter : ShownCounters) {
        m_counterValues[int(counter)] =
            addValue(counterLabel(counter), EngineMetricsSnapshot::counterKey(counter) + QStringLiteral("Value"));
    }
    m_connectionsValue = addValue(tr("Open device connections:"), QStringLiteral("openConnectionsValue"));
    m_latencyValue = addValue(tr("Latency p50 / p99:"), QStringLiteral("latencyValue"));
    m_latencyValue->setText(QStringLiteral("–"));
    statusLayout->addWidget(counters);

    auto *outbox = new QHBoxLayout;
    m_outboxLabel = new QLabel(status);
    m_outboxLabel->setObjectName(QStringLiteral("outboxLabel"));
    m_retryButton = new QPushButton(tr("Retry now"), status);
    m_retryButton->setObjectName(QStringLiteral("retryNowButton"));
    m_discardButton = new QPushButton(tr("Discard…"), status);
    m_discardButton->setObjectName(QStringLiteral("discardButton"));
    addShortcut(m_retryButton, QKeySequence(Qt::CTRL | Qt::Key_Y),
                tr("Try every message that waits for its next attempt now"), &BridgePage::retryNow);
    m_discardButton->setToolTip(tr("Remove the messages waiting in the outbox for good (asks first)"));
    connect(m_discardButton, &QPushButton::clicked, this, &BridgePage::discardOutbox);
    outbox->addWidget(m_outboxLabel, 1);
    outbox->addWidget(m_retryButton);
    outbox->addWidget(m_discardButton);
    statusLayout->addLayout(outbox);

    m_splitter = new QSplitter(Qt::Vertical, status);
    m_splitter->setObjectName(QStringLiteral("bridgeSplitter"));
    m_chart = new ThroughputChart(m_splitter);
    m_chart->setObjectName(QStringLiteral("throughputChart"));
    m_chart->setHistory(m_history);
    m_errorsSorted = new QSortFilterProxyModel(this);
    m_errorsSorted->setSourceModel(m_errors);
    m_errorsSorted->setSortRole(DeviceErrorModel::RawValueRole);
    m_errorTable = new QTableView(m_splitter);
    m_errorTable->setObjectName(QStringLiteral("deviceErrorTable"));
    m_errorTable->setModel(m_errorsSorted);
    m_errorTable->setSortingEnabled(true);
    m_errorTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_errorTable->setAlternatingRowColors(true);
    m_errorTable->verticalHeader()->hide();
    m_errorTable->horizontalHeader()->setStretchLastSection(true);
    m_errorTable->sortByColumn(DeviceErrorModel::LastErrorAtColumn, Qt::DescendingOrder);
    m_errorTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_errorTable, &QTableView::customContextMenuRequested, this, [this](const QPoint &point) {
        const QModelIndex index = m_errorsSorted->mapToSource(m_errorTable->indexAt(point));
        if (!index.isValid())
            return;
        const QString deviceId = m_errors->row(index.row()).deviceId;
        QMenu menu(this);
        QAction *discard = menu.addAction(tr("Discard the waiting messages of %1…").arg(deviceId));
        discard->setEnabled(m_state == Engine::State::Running);
        if (menu.exec(m_errorTable->viewport()->mapToGlobal(point)) == discard)
            discardDeviceOutbox(deviceId);
    });
    m_splitter->addWidget(m_chart);
    m_splitter->addWidget(m_errorTable);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    statusLayout->addWidget(m_splitter, 1);
    m_tabs->addTab(status, tr("Status"));

    // Settings tab.
    auto *scroll = new QScrollArea(m_tabs);
    scroll->setWidgetResizable(true);
    m_form = new EngineSettingsForm(m_settings, m_secrets, scroll);
    m_form->setObjectName(QStringLiteral("engineSettingsForm"));
    scroll->setWidget(m_form);
    connect(m_form, &EngineSettingsForm::statusMessage, this, &BridgePage::statusMessage);
    m_tabs->addTab(scroll, tr("Engine settings"));

    if (m_settings) {
        m_errorTable->horizontalHeader()->restoreState(
            m_settings->value(Settings::Key::BridgeErrorTableState).toByteArray());
        m_splitter->restoreState(m_settings->value(Settings::Key::BridgeSplitterState).toByteArray());
    }
    for (int i = 0; i < BridgeHealth::SideCount; ++i)
        updateLight(i);
}

void BridgePage::saveViewState()
{
    if (!m_settings)
        return;
    m_settings->setValue(Settings::Key::BridgeErrorTableState, m_errorTable->horizontalHeader()->saveState());
    m_settings->setValue(Settings::Key::BridgeSplitterState, m_splitter->saveState());
}

QString BridgePage::counterLabel(Counter counter)
{
    switch (counter) {
    case Counter::UplinksReceived:
        return tr("Received from TTS:");
    case Counter::UplinksForwarded:
        return tr("Forwarded to the hub:");
    case Counter::UplinksFailed:
        return tr("Given up:");
    case Counter::DeviceToCloudSent:
        return tr("D2C messages:");
    case Counter::TwinPatches:
        return tr("Reported patches:");
    case Counter::IdentitiesCreated:
        return tr("Identities created:");
    case Counter::IdentityFailures:
        return tr("Identity failures:");
    case Counter::IngestEventsAccepted:
        return tr("Ingest events:");
    case Counter::DownlinksPushed:
        return tr("Downlinks queued:");
    case Counter::DevicesProvisionedInTts:
        return tr("Created in TTS:");
    case Counter::DevicesDeletedInTts:
        return tr("Deleted in TTS:");
    case Counter::MalformedTtsMessages:
        return tr("Dropped from TTS:");
    case Counter::Throttled:
        return tr("Throttled:");
    case Counter::Reconnects:
        return tr("Reconnects:");
    case Counter::OutboxRejected:
        return tr("Refused (outbox full):");
    }
    return {};
}

std::optional<QString> BridgePage::sandboxAdminUrl(const ConnectionProfile &profile)
{
    if (profile.tls.caCertificateFile.isEmpty())
        return std::nullopt;
    const QString file = QFileInfo(profile.tls.caCertificateFile).dir().filePath(SandboxProfileImport::fileName());
    if (!QFileInfo::exists(file))
        return std::nullopt;
    const Result<SandboxProfileImport::Description> description = SandboxProfileImport::readFile(file);
    if (!description)
        return std::nullopt;
    const ConnectionProfile &sandbox = description.value().profile;
    if (sandbox.iotHub.hostName != profile.iotHub.hostName || sandbox.tts.applicationId != profile.tts.applicationId ||
        QFileInfo(sandbox.tls.caCertificateFile).canonicalFilePath() !=
            QFileInfo(profile.tls.caCertificateFile).canonicalFilePath() ||
        description.value().adminUrl.isEmpty())
        return std::nullopt;
    return description.value().adminUrl;
}

void BridgePage::watchWindowClose(QWidget *window)
{
    if (m_window)
        m_window->removeEventFilter(this);
    m_window = window;
    if (window)
        window->installEventFilter(this);
}

bool BridgePage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Close && m_engine && m_engine->isRunning()) {
        // Drain first, then close: the engine's own drain timeout bounds the wait; the GUI keeps running.
        event->ignore();
        m_closeWhenStopped = true;
        emit statusMessage(tr("Stopping the engine before closing: finishing the work in flight…"));
        if (m_state != Engine::State::Draining)
            stop();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void BridgePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        updateStateLabel();
        for (int i = 0; i < BridgeHealth::SideCount; ++i)
            m_lights.at(i)->setName(BridgeHealth::sideDisplayName(BridgeHealth::Side(i)));
    }
    QWidget::changeEvent(event);
}

QString BridgePage::errorText() const
{
    return m_errorLabel->isVisible() ? m_errorLabel->text() : QString();
}

void BridgePage::showError(const QString &text)
{
    m_errorLabel->setText(text);
    m_errorLabel->setVisible(!text.isEmpty());
    m_dismissError->setVisible(!text.isEmpty());
}

void BridgePage::onProfileChanged()
{
    const auto profile = m_profiles ? m_profiles->currentProfile() : std::nullopt;
    const QString profileId = profile ? profile->id : QString();
    if (m_form->profileId() != profileId || profileId.isEmpty()) // the same profile keeps the edits in the form
        m_form->setProfileId(profileId);
    if (!profile)
        m_profileLabel->setText(tr("No connection profile selected"));
    else if (m_engine && m_engine->isRunning() && m_runningProfileName != profile->name)
        m_profileLabel->setText(tr("Profile: %1 (the engine runs %2)").arg(profile->name, m_runningProfileName));
    else
        m_profileLabel->setText(tr("Profile: %1").arg(profile->name));
    updateButtons();
}

QNetworkAccessManager *BridgePage::networkAccessManager()
{
    if (m_session && m_session->networkAccessManager())
        return m_session->networkAccessManager();
    if (!m_ownNam)
        m_ownNam = new QNetworkAccessManager(this);
    return m_ownNam;
}

void BridgePage::start()
{
    if (!m_engine || m_engine->isRunning() || m_starting)
        return;
    const auto profile = m_profiles ? m_profiles->currentProfile() : std::nullopt;
    if (!profile) {
        failStart(ServiceError(ServiceError::Kind::NotConfigured,
                               tr("No connection profile is selected. Choose or create one on the Connections page.")));
        return;
    }
    showError({});
    // Start runs what the settings tab shows: unsaved changes are saved first, or named when they are wrong.
    if (m_form->hasUnsavedChanges() && !m_form->save()) {
        m_tabs->setCurrentIndex(1);
        const Result<BridgeProfileSettings> wrong = m_form->value();
        failStart(ServiceError::invalidInput(
            tr("The engine settings have a problem: %1").arg(wrong ? QString() : wrong.error().message())));
        return;
    }
    const BridgeProfileSettings settings = BridgeProfileSettings::load(m_settings, profile->id);
    EngineConfig config;
    config.profile = *profile;
    if (const Status applied = settings.applyTo(config); !applied) {
        failStart(applied.error());
        return;
    }
    const std::optional<QString> adminUrl = sandboxAdminUrl(*profile);
    m_starting = true;
    m_ingestUrl.clear();
    m_runningProfileName = profile->name;
    m_health->setEngineState(Engine::State::Starting);
    updateButtons();
    updateStateLabel();
    QPointer<BridgePage> self(this);
    const QString publicUrl = settings.publicUrl;
    EngineConfig::withSecretsFrom(config, m_secrets).then(this, [self, adminUrl, publicUrl](Result<EngineConfig> read) {
        if (!self)
            return;
        if (!read) {
            self->failStart(read.error());
            return;
        }
        EngineConfig withSecrets = read.takeValue();
        if (adminUrl && withSecrets.ingest.enabled && withSecrets.secrets.ingestKey.isEmpty()) {
            // A sandbox profile has no ingest key of its own: make one, keep it, and hand it to the sandbox's
            // Function when the engine runs.
            withSecrets.secrets.ingestKey = EngineConfig::generateIngestKey();
            self->m_secrets->write(withSecrets.profile.id, SecretKind::IngestKey, withSecrets.secrets.ingestKey)
                .then(self.data(), [](Status written) {
                    if (!written)
                        qCWarning(lcUi) << "could not store the sandbox profile's ingest key:"
                                        << written.error().toString();
                });
        }
        self->startWith(std::move(withSecrets), adminUrl, publicUrl);
    });
}

void BridgePage::startWith(EngineConfig config, const std::optional<QString> &adminUrl, const QString &publicUrl)
{
    const ProfileIssues issues = config.validate();
    if (!issues.isEmpty()) {
        failStart(config.check().error(), issues);
        return;
    }
    m_history->clear();
    m_errors->clear();
    QPointer<BridgePage> self(this);
    m_engine->start(config).then(this, [self, config, adminUrl, publicUrl](Status started) {
        if (!self)
            return;
        if (!started) {
            self->failStart(started.error());
            return;
        }
        self->m_starting = false;
        self->m_paused = false;
        const QString engineUrl = self->m_engine ? self->m_engine->ingestBaseUrl() : QString();
        self->m_ingestUrl = publicUrl.isEmpty() ? engineUrl : publicUrl;
        self->m_health->setIngest(config.ingest.enabled, engineUrl);
        self->updateButtons();
        self->updateStateLabel();
        emit self->statusMessage(tr("The engine runs for %1.").arg(config.profile.name));
        if (adminUrl && config.ingest.enabled)
            self->registerWithSandbox(*adminUrl, config, self->m_ingestUrl);
        else
            emit self->engineStarted();
    });
}

void BridgePage::registerWithSandbox(const QString &adminUrl, const EngineConfig &config, const QString &baseUrl)
{
    auto *transport = new HttpTransport(networkAccessManager(), this);
    const SandboxFunctionRegistration::Target target {QUrl(adminUrl), config.profile.iotHubName(), baseUrl,
                                                      config.profile.tts.applicationId, config.secrets.ingestKey};
    QPointer<BridgePage> self(this);
    SandboxFunctionRegistration::apply(transport, target).then(this, [self, transport, baseUrl](Status registered) {
        transport->deleteLater();
        if (!self)
            return;
        self->m_health->setIngestRegistration(registered, baseUrl);
        if (!registered)
            self->showError(registered.error().toString());
        else
            emit self->statusMessage(tr("The sandbox's Function now posts twin changes to %1.").arg(baseUrl));
        emit self->engineStarted();
    });
}

void BridgePage::failStart(const ServiceError &error, const ProfileIssues &issues)
{
    m_starting = false;
    if (!m_engine || !m_engine->isRunning())
        m_health->setEngineState(Engine::State::Stopped);
    m_health->setStartFailed(error, issues);
    QString text = error.toString();
    if (error.operation().isEmpty())
        text = tr("Could not start the engine: %1").arg(error.message());
    showError(text);
    updateButtons();
    updateStateLabel();
    emit statusMessage(text);
    emit startFailed(error);
}

void BridgePage::stop()
{
    if (!m_engine || !m_engine->isRunning())
        return;
    m_pauseBusy = false;
    QPointer<BridgePage> self(this);
    m_engine->stop().then(this, [self]() {
        if (!self)
            return;
        self->m_paused = false;
        self->updateButtons();
        self->updateStateLabel();
        emit self->statusMessage(tr("The engine stopped."));
        if (std::exchange(self->m_closeWhenStopped, false) && self->m_window)
            self->m_window->close();
    });
    updateButtons();
}

void BridgePage::togglePause()
{
    if (!m_engine || m_state != Engine::State::Running || m_pauseBusy)
        return;
    const bool pause = !m_paused;
    m_pauseBusy = true;
    updateButtons();
    QPointer<BridgePage> self(this);
    m_engine->setPaused(pause).then(this, [self, pause](Status done) {
        if (!self)
            return;
        self->m_pauseBusy = false;
        if (!done) {
            self->showError(done.error().toString());
        } else {
            self->m_paused = pause;
            emit self->statusMessage(pause ? tr("Paused: messages are stored, not forwarded.")
                                           : tr("Resumed: stored messages go out now."));
        }
        self->updateButtons();
        self->updateStateLabel();
    });
}

void BridgePage::retryNow()
{
    if (!m_engine || m_state != Engine::State::Running)
        return;
    QPointer<BridgePage> self(this);
    m_engine->retryOutboxNow().then(this, [self](Result<qint64> retried) {
        if (!self)
            return;
        if (!retried) {
            self->showError(retried.error().toString());
            return;
        }
        emit self->statusMessage(tr("Retrying %n waiting message(s) now.", nullptr, int(retried.value())));
    });
}

void BridgePage::discardOutbox()
{
    if (!m_engine || m_state != Engine::State::Running || m_outboxDepth <= 0)
        return;
    const auto answer = MessageBox::question(
        this, tr("Discard messages"),
        tr("Discard the %n message(s) waiting in the outbox? They will never reach IoT Hub or The Things Stack. "
           "Messages being sent right now are not affected. This cannot be undone.",
           nullptr, int(std::min<qint64>(m_outboxDepth, INT_MAX))));
    if (answer != QMessageBox::Yes)
        return;
    discardDeviceOutbox({});
}

void BridgePage::discardDeviceOutbox(const QString &deviceId)
{
    if (!m_engine || m_state != Engine::State::Running)
        return;
    if (!deviceId.isEmpty()) {
        const auto answer = MessageBox::question(
            this, tr("Discard messages"),
            tr("Discard every message of %1 waiting in the outbox? They will never reach IoT Hub or The Things "
               "Stack. This cannot be undone.")
                .arg(deviceId));
        if (answer != QMessageBox::Yes)
            return;
    }
    QPointer<BridgePage> self(this);
    m_engine->discardOutbox(deviceId).then(this, [self](Result<qint64> discarded) {
        if (!self)
            return;
        if (!discarded) {
            self->showError(discarded.error().toString());
            return;
        }
        emit self->statusMessage(tr("Discarded %n message(s) from the outbox.", nullptr, int(discarded.value())));
    });
}

void BridgePage::onStateChanged(Engine::State state)
{
    m_state = state;
    if (state != Engine::State::Running)
        m_paused = false;
    // While a start is pending, the page already shows "starting"; a failed start names the side afterwards.
    if (!(m_starting && state == Engine::State::Stopped))
        m_health->setEngineState(state);
    if (state == Engine::State::Running && !m_ingestUrl.isEmpty())
        m_health->setIngest(true, m_ingestUrl);
    updateButtons();
    updateStateLabel();
    onProfileChanged();
}

void BridgePage::onStats(const EngineMetricsSnapshot &snapshot)
{
    m_history->addSnapshot(snapshot);
    m_health->addSnapshot(snapshot);
    const QLocale locale;
    for (Counter counter : ShownCounters)
        m_counterValues.at(int(counter))->setText(locale.toString(snapshot.counter(counter)));
    m_connectionsValue->setText(locale.toString(snapshot.gauge(Gauge::OpenDeviceConnections)));
    if (snapshot.publishLatency.count > 0) {
        m_latencyValue->setText(tr("%1 / %2 ms")
                                    .arg(locale.toString(snapshot.latencyP50Ms(), 'f', 1),
                                         locale.toString(snapshot.latencyP99Ms(), 'f', 1)));
    }
    m_outboxDepth = snapshot.gauge(Gauge::OutboxDepth);
    const qint64 pending = snapshot.gauge(Gauge::PendingIdentities);
    QString outbox = tr("Outbox: %n message(s) waiting", nullptr, int(std::min<qint64>(m_outboxDepth, INT_MAX)));
    if (pending > 0)
        outbox += tr("; %n device(s) waiting for their hub identity", nullptr, int(std::min<qint64>(pending, INT_MAX)));
    m_outboxLabel->setText(outbox);
    updateButtons();
}

void BridgePage::onEvents(const EngineEvents &events)
{
    m_errors->addEvents(events);
    m_health->addEvents(events);
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        // Engine-wide failures (TTS connection, ingest endpoint, outbox) go above the lights; a device's go to the
        // table.
        if (it->kind == EngineEvent::Kind::Error && it->deviceId.isEmpty()) {
            showError(it->summary);
            break;
        }
    }
}

void BridgePage::updateButtons()
{
    const bool running = m_state == Engine::State::Running;
    const bool busy = m_starting || m_state == Engine::State::Starting || m_state == Engine::State::Draining;
    const bool hasEngine = m_engine != nullptr;
    const bool hasProfile = m_profiles && m_profiles->currentProfile().has_value();
    m_startButton->setEnabled(hasEngine && hasProfile && !busy && !m_engine->isRunning());
    m_stopButton->setEnabled(hasEngine && (running || (m_engine->isRunning() && !busy)));
    m_pauseButton->setEnabled(running && !m_pauseBusy);
    m_pauseButton->setText(m_paused ? tr("Resume") : tr("Pause"));
    m_retryButton->setEnabled(running && m_outboxDepth > 0);
    m_discardButton->setEnabled(running && m_outboxDepth > 0);
}

void BridgePage::updateStateLabel()
{
    QString text;
    if (m_starting && m_state != Engine::State::Running) {
        text = tr("Starting…");
    } else {
        switch (m_state) {
        case Engine::State::Stopped:
            text = tr("Stopped");
            break;
        case Engine::State::Starting:
            text = tr("Starting…");
            break;
        case Engine::State::Running:
            text = m_paused ? tr("Paused — storing, not forwarding") : tr("Running");
            break;
        case Engine::State::Draining:
            text = tr("Stopping — finishing the work in flight…");
            break;
        case Engine::State::Failed:
            text = tr("Failed");
            break;
        }
    }
    m_stateLabel->setText(text);
    m_stateLabel->setProperty("state", Engine::stateName(m_state));
}

void BridgePage::updateLight(int side)
{
    m_lights.at(side)->setLight(m_health->light(BridgeHealth::Side(side)));
}

} // namespace TwinBridge
