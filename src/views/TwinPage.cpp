#include "views/TwinPage.h"

#include "models/DesiredDownlink.h"
#include "models/DownlinkTimelineModel.h"
#include "models/TwinDocument.h"
#include "services/core/Logging.h"
#include "services/engine/EngineHost.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/protocol/JsonMergePatch.h"
#include "services/settings/ProfileSession.h"
#include "services/settings/Settings.h"
#include "views/DecodedPayloadForm.h"
#include "views/DownlinkForm.h"
#include "views/DownlinkTimeline.h"
#include "views/JsonEditor.h"
#include "views/TwinConflictDialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace TwinBridge {

namespace {

QGroupBox *section(const QString &title, JsonEditor *editor, QLabel *below, QWidget *parent)
{
    auto *group = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(editor, 1);
    if (below)
        layout->addWidget(below);
    return group;
}

QLabel *problemLabel(const char *objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #d03030;"));
    label->hide();
    return label;
}

// Tags and desired properties of a twin as one object, the way the conflict dialog shows them.
QJsonObject editableView(const QJsonObject &tags, const QJsonObject &desired)
{
    return DeviceTwin::patch(tags, desired);
}

} // namespace

TwinPage::TwinPage(ProfileSession *session, EngineHost *engine, QWidget *parent, Settings *settings)
    : QWidget(parent)
    , m_session(session)
    , m_engine(engine)
    , m_settings(settings ? settings : Settings::instance())
    , m_timelineModel(new DownlinkTimelineModel(this))
    , m_refreshTimer(new QTimer(this))
{
    buildUi();
    if (m_session) {
        connect(m_session, &ProfileSession::sessionChanged, this, &TwinPage::updateSession);
    }
    if (m_engine) {
        connect(m_engine, &EngineHost::eventsReady, this, &TwinPage::onEngineEvents);
        connect(m_engine, &EngineHost::stateChanged, this, &TwinPage::updateRefreshTimer);
    }
    connect(m_refreshTimer, &QTimer::timeout, this, &TwinPage::refresh);
    updateSession();
}

TwinPage::~TwinPage()
{
    if (m_settings)
        m_settings->setValue(Settings::Key::TwinSplitterState, m_splitter->saveState());
}

void TwinPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    // Device row.
    auto *deviceRow = new QHBoxLayout;
    auto *deviceLabel = new QLabel(tr("&Device:"), this);
    m_deviceBox = new QComboBox(this);
    m_deviceBox->setObjectName(QStringLiteral("deviceIdBox"));
    m_deviceBox->setEditable(true);
    m_deviceBox->setInsertPolicy(QComboBox::NoInsert);
    m_deviceBox->setMinimumContentsLength(24);
    m_deviceBox->lineEdit()->setPlaceholderText(tr("device id"));
    m_deviceBox->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_deviceBox->completer()->setFilterMode(Qt::MatchContains);
    m_deviceBox->setToolTip(tr("The IoT Hub device id (Ctrl+L)"));
    deviceLabel->setBuddy(m_deviceBox);
    m_openButton = new QPushButton(tr("&Open"), this);
    m_openButton->setObjectName(QStringLiteral("openButton"));
    m_openButton->setToolTip(tr("Read the twin of this device (Enter)"));
    m_refreshButton = new QPushButton(tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setToolTip(tr("Read the twin again (F5); unsaved edits are kept"));
    m_versionLabel = new QLabel(this);
    m_versionLabel->setObjectName(QStringLiteral("versionLabel"));
    m_versionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    deviceRow->addWidget(deviceLabel);
    deviceRow->addWidget(m_deviceBox, 1);
    deviceRow->addWidget(m_openButton);
    deviceRow->addWidget(m_refreshButton);
    deviceRow->addWidget(m_versionLabel, 2);
    layout->addLayout(deviceRow);

    m_errorLabel = problemLabel("errorLabel", this);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_errorLabel);

    // Tags | desired | reported.
    auto *vertical = new QSplitter(Qt::Vertical, this);
    m_splitter = new QSplitter(Qt::Horizontal, vertical);
    m_splitter->setObjectName(QStringLiteral("twinSplitter"));
    m_tagsEditor = new JsonEditor(m_splitter);
    m_tagsEditor->setObjectName(QStringLiteral("tagsEditor"));
    m_tagsProblem = problemLabel("tagsProblemLabel", this);
    m_desiredEditor = new JsonEditor(m_splitter);
    m_desiredEditor->setObjectName(QStringLiteral("desiredEditor"));
    m_desiredProblem = problemLabel("desiredProblemLabel", this);
    m_reportedEditor = new JsonEditor(m_splitter);
    m_reportedEditor->setObjectName(QStringLiteral("reportedView"));
    m_reportedEditor->setReadOnly(true);
    auto *reportedFooter = new QWidget(this);
    auto *reportedRow = new QHBoxLayout(reportedFooter);
    reportedRow->setContentsMargins(0, 0, 0, 0);
    m_reportedSource = new QLabel(reportedFooter);
    m_reportedSource->setObjectName(QStringLiteral("reportedSourceLabel"));
    m_refreshSpin = new QSpinBox(reportedFooter);
    m_refreshSpin->setObjectName(QStringLiteral("refreshIntervalSpinBox"));
    m_refreshSpin->setRange(0, 3600);
    m_refreshSpin->setSuffix(tr(" s"));
    m_refreshSpin->setSpecialValueText(tr("never"));
    m_refreshSpin->setToolTip(tr("While no engine runs in the console, read the twin again this often"));
    m_refreshSpin->setValue(m_settings ? m_settings->value(Settings::Key::TwinRefreshSeconds).toInt() : 10);
    reportedRow->addWidget(m_reportedSource, 1);
    reportedRow->addWidget(new QLabel(tr("Refresh every"), reportedFooter));
    reportedRow->addWidget(m_refreshSpin);
    m_splitter->addWidget(section(tr("Tags"), m_tagsEditor, m_tagsProblem, m_splitter));
    m_splitter->addWidget(section(tr("Desired properties"), m_desiredEditor, m_desiredProblem, m_splitter));
    auto *reportedGroup = new QGroupBox(tr("Reported properties (read-only)"), m_splitter);
    auto *reportedLayout = new QVBoxLayout(reportedGroup);
    reportedLayout->addWidget(m_reportedEditor, 1);
    reportedLayout->addWidget(reportedFooter);
    m_splitter->addWidget(reportedGroup);
    if (m_settings)
        m_splitter->restoreState(m_settings->value(Settings::Key::TwinSplitterState).toByteArray());

    // Patch preview and LoRaWAN helpers.
    m_helperTabs = new QTabWidget(vertical);
    m_helperTabs->setObjectName(QStringLiteral("helperTabs"));
    m_patchPreview = new JsonEditor(m_helperTabs);
    m_patchPreview->setObjectName(QStringLiteral("patchPreview"));
    m_patchPreview->setReadOnly(true);
    m_downlinkForm = new DownlinkForm(m_helperTabs);
    m_downlinkForm->setObjectName(QStringLiteral("downlinkForm"));
    m_decodedForm = new DecodedPayloadForm(m_helperTabs);
    m_decodedForm->setObjectName(QStringLiteral("decodedPayloadForm"));
    m_helperTabs->addTab(m_patchPreview, tr("&Patch preview"));
    m_helperTabs->addTab(m_downlinkForm, tr("&Raw downlink"));
    m_helperTabs->addTab(m_decodedForm, tr("Decoded pa&yload"));
    vertical->addWidget(m_splitter);
    vertical->addWidget(m_helperTabs);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical, 1);

    // Timeline and actions.
    m_timeline = new DownlinkTimeline(m_timelineModel, this);
    m_timeline->setObjectName(QStringLiteral("downlinkTimeline"));
    layout->addWidget(m_timeline);
    auto *actions = new QHBoxLayout;
    m_revertButton = new QPushButton(tr("Rever&t"), this);
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_revertButton->setToolTip(tr("Drop your edits and show the twin as read"));
    m_sendButton = new QPushButton(tr("&Send patch"), this);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setToolTip(tr("PATCH the twin with the preview's merge patch, if nobody changed it meanwhile "
                                "(Ctrl+Return)"));
    m_sendButton->setDefault(true);
    actions->addStretch(1);
    actions->addWidget(m_revertButton);
    actions->addWidget(m_sendButton);
    layout->addLayout(actions);

    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(sendShortcut, &QShortcut::activated, this, &TwinPage::send);
    auto *refreshShortcut = new QShortcut(QKeySequence(Qt::Key_F5), this);
    connect(refreshShortcut, &QShortcut::activated, this, &TwinPage::refresh);
    auto *deviceShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    connect(deviceShortcut, &QShortcut::activated, this, [this] {
        m_deviceBox->setFocus();
        m_deviceBox->lineEdit()->selectAll();
    });

    connect(m_openButton, &QPushButton::clicked, this, [this] { openDevice(m_deviceBox->currentText().trimmed()); });
    connect(m_deviceBox->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { openDevice(m_deviceBox->currentText().trimmed()); });
    connect(m_deviceBox, &QComboBox::activated, this, [this](int index) { openDevice(m_deviceBox->itemText(index)); });
    connect(m_refreshButton, &QPushButton::clicked, this, &TwinPage::refresh);
    connect(m_sendButton, &QPushButton::clicked, this, &TwinPage::send);
    connect(m_revertButton, &QPushButton::clicked, this, &TwinPage::revertEdits);
    connect(m_tagsEditor, &JsonEditor::textChanged, this, &TwinPage::editsChanged);
    connect(m_desiredEditor, &JsonEditor::textChanged, this, &TwinPage::editsChanged);
    connect(m_refreshSpin, &QSpinBox::valueChanged, this, [this](int seconds) {
        if (m_settings)
            m_settings->setValue(Settings::Key::TwinRefreshSeconds, seconds);
        updateRefreshTimer();
    });
    connect(m_downlinkForm, &DownlinkForm::rawDownlinkRequested, this, [this](const QJsonObject &raw, bool binaryOnly) {
        writeIntoDesired(
            [&](const QJsonObject &desired) { return DesiredDownlink::withRawDownlink(desired, raw, binaryOnly); });
    });
    connect(m_decodedForm, &DecodedPayloadForm::decodedPayloadRequested, this, [this](const QJsonObject &payload) {
        writeIntoDesired(
            [&](const QJsonObject &desired) { return DesiredDownlink::withDecodedPayload(desired, payload); });
    });
    editsChanged();
}

TwinConflictDialog *TwinPage::conflictDialog() const
{
    return m_conflictDialog.data();
}

IotHubServiceClient *TwinPage::hub() const
{
    return m_session ? m_session->hub() : nullptr;
}

void TwinPage::updateSession()
{
    if (!hub()) {
        const ServiceError why = m_session ? m_session->hubError() : ServiceError();
        if (why.isError())
            showError(why);
    } else if (m_errorLabel->isVisible() && !m_loaded) {
        clearError();
    }
    loadDeviceIds();
    updateRefreshTimer();
    if (!m_deviceId.isEmpty() && hub()) {
        // New clients (another profile, a changed key): what was in flight went with the old ones.
        restart();
        refresh();
    }
}

void TwinPage::loadDeviceIds()
{
    IotHubServiceClient *client = hub();
    if (!client)
        return;
    // The first 1,000 ids are enough to complete from; any other id can still be typed.
    client->query(QStringLiteral("SELECT deviceId FROM devices"), 1000)
        .then(this, [this](const Result<QueryPage> &page) {
            if (!page) {
                qCInfo(lcUi).noquote() << "twin page: device ids for completion unavailable:"
                                       << page.error().toString();
                return;
            }
            QStringList ids;
            for (const QJsonValue &item : page.value().items) {
                const QString id = item.toObject().value(QLatin1String("deviceId")).toString();
                if (!id.isEmpty())
                    ids.append(id);
            }
            ids.sort();
            const QString current = m_deviceBox->currentText();
            m_deviceBox->clear();
            m_deviceBox->addItems(ids);
            m_deviceBox->setCurrentText(current);
        });
}

void TwinPage::openDevice(const QString &deviceId)
{
    if (deviceId.isEmpty())
        return;
    if (m_deviceBox->currentText() != deviceId)
        m_deviceBox->setCurrentText(deviceId);
    if (deviceId == m_deviceId && m_busy && !m_loaded)
        return; // already being read (Enter and the completer's activation both ask)
    if (deviceId != m_deviceId) {
        m_deviceId = deviceId;
        m_loaded = false;
        m_base = DeviceTwin();
        m_timelineModel->clear();
    }
    restart();
    refresh();
}

void TwinPage::restart()
{
    ++m_generation; // answers to earlier requests are dropped from now on
    if (m_busy)
        setBusy(false);
}

void TwinPage::refresh()
{
    if (m_deviceId.isEmpty())
        return;
    IotHubServiceClient *client = hub();
    if (!client) {
        const ServiceError why = m_session ? m_session->hubError() : ServiceError();
        showError(why.isError() ? why
                                : ServiceError::notConfigured(tr("No IoT Hub connection is open. Choose a profile "
                                                                 "with IoT Hub settings on the Connections page.")));
        return;
    }
    const quint64 generation = m_generation;
    const QString deviceId = m_deviceId;
    const bool firstRead = !m_loaded;
    if (firstRead) {
        setBusy(true);
        emit statusMessage(tr("Reading the twin of %1…").arg(deviceId));
    }
    client->getTwin(deviceId)
        .then(this,
              [this, generation, deviceId, firstRead](const Result<DeviceTwin> &twin) {
                  if (generation != m_generation)
                      return; // a newer openDevice() took over (and reset the busy state)
                  if (firstRead)
                      setBusy(false);
                  if (!twin) {
                      showError(twin.error());
                      return;
                  }
                  clearError();
                  const bool replace = !m_loaded || !editsAreDirty();
                  if (replace) {
                      setBase(twin.value(), true);
                  } else {
                      // Keep the edits and their base (etag): only what the device reports is new.
                      m_base.reported = twin.value().reported;
                      showReported();
                      updateVersionLabel();
                  }
                  m_timelineModel->applyReportedDownlink(m_base.reported.value(QLatin1String("downlink")).toObject());
                  emit twinLoaded(deviceId);
              })
        .onCanceled(this, [this, generation] {
            if (generation == m_generation && m_busy)
                setBusy(false);
        });
}

void TwinPage::setBase(const DeviceTwin &twin, bool replaceEdits)
{
    m_base = twin;
    m_loaded = true;
    if (replaceEdits) {
        m_tagsEditor->setObject(twin.tags);
        m_desiredEditor->setObject(TwinDocument::editableDesired(twin.desired));
        m_downlinkForm->loadFrom(twin.desired);
        m_decodedForm->loadFrom(twin.desired);
    }
    showReported();
    updateVersionLabel();
    editsChanged();
}

void TwinPage::showReported()
{
    m_reportedEditor->setObject(DeviceTwin::withoutMetadata(m_base.reported));
}

void TwinPage::updateVersionLabel()
{
    if (!m_loaded) {
        m_versionLabel->clear();
        return;
    }
    m_versionLabel->setText(tr("Desired $version %1 · reported $version %2 · etag %3")
                                .arg(m_base.desiredVersion())
                                .arg(m_base.reportedVersion())
                                .arg(m_base.etag));
}

void TwinPage::updateRefreshTimer()
{
    const bool live = m_engine && m_engine->isRunning();
    m_reportedSource->setText(live ? tr("Live from the engine's events.")
                                   : tr("No engine runs in the console: refreshed by reading the twin."));
    const int seconds = m_refreshSpin->value();
    if (live || seconds <= 0 || !hub()) {
        m_refreshTimer->stop();
        return;
    }
    m_refreshTimer->start(seconds * 1000);
}

bool TwinPage::editsAreDirty() const
{
    if (!m_loaded)
        return false;
    return m_tagsEditor->toPlainText() != TwinDocument::format(m_base.tags) ||
        m_desiredEditor->toPlainText() != TwinDocument::format(TwinDocument::editableDesired(m_base.desired));
}

void TwinPage::editsChanged()
{
    const TwinDocument::Parsed tags = TwinDocument::parse(m_tagsEditor->toPlainText(), TwinRules::Section::Tags);
    const TwinDocument::Parsed desired =
        TwinDocument::parse(m_desiredEditor->toPlainText(), TwinRules::Section::Desired);
    m_tagsEditor->setProblem(tags.problem);
    m_desiredEditor->setProblem(desired.problem);
    m_tagsProblem->setText(tags.problem ? tags.problem->message : QString());
    m_tagsProblem->setVisible(tags.problem.has_value());
    m_desiredProblem->setText(desired.problem ? desired.problem->message : QString());
    m_desiredProblem->setVisible(desired.problem.has_value());
    m_editsValid = tags.ok() && desired.ok();
    m_editedTags = tags.object;
    m_editedDesired = desired.object;
    m_patch = (m_loaded && m_editsValid) ? TwinDocument::patch(m_base.tags, m_base.desired, tags.object, desired.object)
                                         : QJsonObject();
    if (!m_loaded)
        m_patchPreview->setPlainText(tr("Open a device to edit its twin."));
    else if (!m_editsValid)
        m_patchPreview->setPlainText(tr("Fix the marked problem first; nothing can be sent while it remains."));
    else if (m_patch.isEmpty())
        m_patchPreview->setPlainText(tr("No changes: edit tags or desired properties to build a patch."));
    else
        m_patchPreview->setObject(m_patch);
    m_sendButton->setEnabled(m_loaded && !m_busy && !m_patch.isEmpty());
    m_revertButton->setEnabled(m_loaded && !m_busy && editsAreDirty());
}

void TwinPage::writeIntoDesired(const std::function<QJsonObject(const QJsonObject &)> &change)
{
    if (!m_loaded) {
        emit statusMessage(tr("Open a device first."));
        return;
    }
    const TwinDocument::Parsed desired =
        TwinDocument::parse(m_desiredEditor->toPlainText(), TwinRules::Section::Desired);
    if (!desired.ok()) {
        m_desiredEditor->goToProblem();
        emit statusMessage(tr("The desired properties have a problem to fix before a helper can write into them."));
        return;
    }
    m_desiredEditor->setObject(change(desired.object));
    m_helperTabs->setCurrentWidget(m_patchPreview);
}

void TwinPage::revertEdits()
{
    if (m_loaded)
        setBase(m_base, true);
}

void TwinPage::setBusy(bool busy)
{
    m_busy = busy;
    m_deviceBox->setEnabled(!busy);
    m_openButton->setEnabled(!busy);
    m_refreshButton->setEnabled(!busy);
    editsChanged();
}

void TwinPage::send()
{
    if (!m_loaded || m_busy || m_patch.isEmpty())
        return;
    sendPatch(0);
}

void TwinPage::sendPatch(int attempt)
{
    IotHubServiceClient *client = hub();
    if (!client) {
        refresh(); // shows why
        return;
    }
    const QJsonObject patch = m_patch;
    const QJsonObject myTags = m_editedTags;
    const QJsonObject myDesired = m_editedDesired;
    const quint64 generation = m_generation;
    const QString deviceId = m_deviceId;
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    const QJsonObject desiredPatch =
        patch.value(QLatin1String("properties")).toObject().value(QLatin1String("desired")).toObject();
    const bool downlink = desiredPatch.contains(DesiredDownlink::rawDownlinkKey()) ||
        desiredPatch.value(DesiredDownlink::decodedPayloadKey()).isObject();
    setBusy(true);
    emit statusMessage(tr("Sending the patch to the twin of %1…").arg(deviceId));
    client->updateTwin(deviceId, patch, m_base.etag)
        .then(this,
              [=, this](const Result<DeviceTwin> &result) {
                  if (generation != m_generation)
                      return; // a newer openDevice() took over (and reset the busy state)
                  setBusy(false);
                  if (!result) {
                      if (result.error().kind() == ServiceError::Kind::PreconditionFailed) {
                          if (!retryAfterReportedChange(result.error(), attempt))
                              onConflict(result.error(), myTags, myDesired, patch);
                          return;
                      }
                      showError(result.error());
                      return;
                  }
                  clearError();
                  const DeviceTwin &twin = result.value();
                  setBase(twin, true);
                  if (downlink) {
                      m_timelineModel->start(deviceId, twin.desiredVersion(), sentAt,
                                             desiredPatch.value(DesiredDownlink::rawDownlinkKey()).toObject());
                  }
                  emit statusMessage(
                      tr("Twin of %1 updated: desired $version %2.").arg(deviceId).arg(twin.desiredVersion()));
                  emit patchSent(deviceId, twin.desiredVersion());
              })
        .onCanceled(this, [this, generation] {
            if (generation == m_generation && m_busy)
                setBusy(false);
        });
}

bool TwinPage::retryAfterReportedChange(const ServiceError &error, int attempt)
{
    // The etag covers the whole twin, so every reported patch of a live device changes it. When tags and desired
    // properties are still what the edits started from, nobody else's change is at stake: send again on the new
    // etag (a few times; a device reporting faster than that gets the dialog).
    constexpr int MaxSilentRetries = 3;
    if (attempt >= MaxSilentRetries)
        return false;
    const Result<DeviceTwin> current = DeviceTwin::fromJson(error.payload().toObject());
    if (!current || current.value().tags != m_base.tags ||
        DeviceTwin::withoutMetadata(current.value().desired) != DeviceTwin::withoutMetadata(m_base.desired))
        return false;
    qCInfo(lcUi).noquote() << "twin page: only reported properties of" << m_deviceId
                           << "changed since the twin was read; sending again with the new etag";
    m_base.etag = current.value().etag;
    m_base.reported = current.value().reported;
    showReported();
    updateVersionLabel();
    sendPatch(attempt + 1);
    return true;
}

void TwinPage::onConflict(const ServiceError &error, const QJsonObject &myTags, const QJsonObject &myDesired,
                          const QJsonObject &patch)
{
    const Result<DeviceTwin> theirs = DeviceTwin::fromJson(error.payload().toObject());
    if (!theirs) {
        showError(ServiceError(ServiceError::Kind::PreconditionFailed,
                               tr("The twin changed on the hub since you read it, and its current state could not be "
                                  "read. Press Refresh (your edits stay), then send again.")));
        return;
    }
    const DeviceTwin current = theirs.value();
    const DeviceTwin base = m_base;
    const QJsonObject mergedTags = TwinDocument::rebase(TwinRules::Section::Tags, base.tags, myTags, current.tags);
    const QJsonObject mergedDesired =
        TwinDocument::rebase(TwinRules::Section::Desired, base.desired, myDesired, current.desired);
    auto *dialog = new TwinConflictDialog(m_deviceId, current.desiredVersion(),
                                          editableView(current.tags, TwinDocument::editableDesired(current.desired)),
                                          patch, editableView(mergedTags, mergedDesired), this);
    m_conflictDialog = dialog;
    const quint64 generation = m_generation;
    connect(dialog, &QDialog::finished, this, [this, generation, current, mergedTags, mergedDesired](int choice) {
        if (generation != m_generation)
            return;
        if (choice == TwinConflictDialog::Reapply) {
            setBase(current, false);
            m_tagsEditor->setObject(mergedTags);
            m_desiredEditor->setObject(mergedDesired);
            editsChanged();
            emit statusMessage(tr("Your changes were re-applied on the current twin. Check the patch preview, then "
                                  "send again."));
        } else if (choice == TwinConflictDialog::Discard) {
            setBase(current, true);
            emit statusMessage(tr("Your changes were discarded; the editor shows the current twin."));
        } else {
            emit statusMessage(tr("Not sent: the twin changed on the hub. Re-apply or refresh before sending."));
        }
    });
    emit statusMessage(tr("The twin of %1 changed on the hub; choose how to continue.").arg(m_deviceId));
    dialog->open();
}

void TwinPage::onEngineEvents(const EngineEvents &events)
{
    if (m_deviceId.isEmpty())
        return;
    bool reportedChanged = false;
    for (const EngineEvent &event : events) {
        if (event.deviceId != m_deviceId)
            continue;
        m_timelineModel->applyEvent(event);
        const QJsonValue reported = event.detail.value(QLatin1String("reported"));
        if (m_loaded && reported.isObject()) {
            m_base.reported = JsonMergePatch::apply(m_base.reported, reported.toObject());
            reportedChanged = true;
        }
    }
    if (reportedChanged)
        showReported();
}

void TwinPage::showError(const ServiceError &error)
{
    m_errorLabel->setText(error.toString());
    m_errorLabel->show();
    emit statusMessage(error.toString());
    emit errorShown(error);
}

void TwinPage::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}

} // namespace TwinBridge
