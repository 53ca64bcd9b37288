#include "views/deploy/TtsApplicationPage.h"

#include "services/azure/TokenCredential.h"
#include "services/core/Logging.h"
#include "services/deploy/DeploymentSession.h"
#include "services/net/HttpTransport.h"
#include "services/secrets/SecretStore.h"
#include "services/tts/TtsClient.h"
#include "services/tts/TtsMqttConnectionInfo.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace TwinBridge {

namespace {

QList<TtsRights::Operation> operationsFor(bool engineMode)
{
    if (engineMode)
        return {TtsRights::Operation::AzureIntegration};
    return {TtsRights::Operation::ReadDevices, TtsRights::Operation::WriteDevices, TtsRights::Operation::DownlinkWrite};
}

} // namespace

TtsApplicationPage::TtsApplicationPage(DeploymentSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_probe(new EndpointProbe(Clock::system(), this))
{
    setObjectName(QStringLiteral("ttsApplicationPage"));
    setTitle(tr("The Things Stack application"));
    setSubTitle(tr("The application whose devices appear in the IoT hub, and an API key with the rights the "
                   "integration needs."));

    m_apiBaseUrlEdit = new QLineEdit(this);
    m_apiBaseUrlEdit->setObjectName(QStringLiteral("apiBaseUrlLineEdit"));
    m_apiBaseUrlEdit->setAccessibleName(tr("API base URL"));
    m_apiBaseUrlEdit->setPlaceholderText(tr("e.g. https://eu1.cloud.thethings.network/api/v3"));
    m_applicationIdEdit = new QLineEdit(this);
    m_applicationIdEdit->setObjectName(QStringLiteral("applicationIdLineEdit"));
    m_applicationIdEdit->setAccessibleName(tr("Application ID"));
    m_tenantIdEdit = new QLineEdit(this);
    m_tenantIdEdit->setObjectName(QStringLiteral("tenantIdLineEdit"));
    m_tenantIdEdit->setAccessibleName(tr("Tenant ID"));
    m_tenantIdEdit->setPlaceholderText(tr("“ttn” for The Things Network; empty for a single-tenant server"));
    m_apiKeyEdit = new QLineEdit(this);
    m_apiKeyEdit->setObjectName(QStringLiteral("apiKeyLineEdit"));
    m_apiKeyEdit->setAccessibleName(tr("API key"));
    m_apiKeyEdit->setEchoMode(QLineEdit::Password);
    m_keyHintLabel = new QLabel(this);
    m_keyHintLabel->setObjectName(QStringLiteral("apiKeyHintLabel"));
    m_keyHintLabel->setWordWrap(true);
    auto *form = new QFormLayout;
    auto addRow = [form, this](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("API &base URL:"), m_apiBaseUrlEdit);
    addRow(tr("Application &ID:"), m_applicationIdEdit);
    addRow(tr("&Tenant ID:"), m_tenantIdEdit);
    addRow(tr("API &key:"), m_apiKeyEdit);
    form->addRow(QString(), m_keyHintLabel);

    auto *rightsBox = new QGroupBox(tr("Rights of the API key"), this);
    m_rightsList = new QListWidget(rightsBox);
    m_rightsList->setObjectName(QStringLiteral("rightsListWidget"));
    m_rightsList->setAccessibleName(tr("Rights the API key needs"));
    m_rightsList->setSelectionMode(QAbstractItemView::NoSelection);
    m_rightsStatusLabel = new QLabel(rightsBox);
    m_rightsStatusLabel->setObjectName(QStringLiteral("rightsStatusLabel"));
    m_rightsStatusLabel->setWordWrap(true);
    m_rightsStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *rightsLayout = new QVBoxLayout(rightsBox);
    rightsLayout->addWidget(m_rightsList);
    rightsLayout->addWidget(m_rightsStatusLabel);

    auto *mqttBox = new QGroupBox(tr("MQTT server"), this);
    m_mqttStatusLabel = new QLabel(mqttBox);
    m_mqttStatusLabel->setObjectName(QStringLiteral("mqttStatusLabel"));
    m_mqttStatusLabel->setWordWrap(true);
    m_mqttStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_continueWithoutMqttCheck =
        new QCheckBox(tr("&Continue anyway (the engine needs the MQTT server later)"), mqttBox);
    m_continueWithoutMqttCheck->setObjectName(QStringLiteral("continueWithoutMqttCheckBox"));
    m_continueWithoutMqttCheck->hide();
    auto *mqttLayout = new QVBoxLayout(mqttBox);
    mqttLayout->addWidget(m_mqttStatusLabel);
    mqttLayout->addWidget(m_continueWithoutMqttCheck);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("ttsCheckProgressBar"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Checking the API key"));
    m_progress->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(rightsBox, 1);
    layout->addWidget(mqttBox);
    layout->addWidget(m_progress);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(600);
    connect(m_debounce, &QTimer::timeout, this, &TtsApplicationPage::check);
    for (QLineEdit *edit : {m_apiBaseUrlEdit, m_applicationIdEdit, m_tenantIdEdit, m_apiKeyEdit})
        connect(edit, &QLineEdit::textEdited, this, &TtsApplicationPage::scheduleCheck);
    connect(m_continueWithoutMqttCheck, &QCheckBox::toggled, this, &TtsApplicationPage::completeChanged);
    connect(session, &DeploymentSession::modeChanged, this, [this] {
        rebuildChecklist();
        scheduleCheck();
    });
    connect(m_probe, &EndpointProbe::finished, this, [this](const EndpointProbe::Outcome &outcome) {
        if (!m_mqttChecking || outcome.failure == EndpointProbe::Failure::Canceled)
            return;
        m_mqttChecking = false;
        m_mqttOk = outcome.ok();
        m_mqttFailed = !outcome.ok();
        m_mqttStatusLabel->setText(outcome.ok() ? tr("Reachable: %1").arg(outcome.sentence)
                                                : tr("Not reachable: %1").arg(outcome.sentence));
        m_continueWithoutMqttCheck->setVisible(m_mqttFailed && isEngineMode());
        m_progress->setVisible(m_rightsChecking);
        emit completeChanged();
    });
}

TtsApplicationPage::~TtsApplicationPage() = default;

void TtsApplicationPage::setCheckDelay(int milliseconds)
{
    m_debounce->setInterval(milliseconds);
}

bool TtsApplicationPage::isEngineMode() const
{
    return m_session->mode() == DeploymentSession::Mode::Engine;
}

QList<TtsRights::Right> TtsApplicationPage::requiredRights(bool engineMode)
{
    QList<TtsRights::Right> rights;
    for (TtsRights::Operation operation : operationsFor(engineMode)) {
        for (TtsRights::Right right : TtsRights::required(operation)) {
            if (!rights.contains(right))
                rights.append(right);
        }
    }
    std::sort(rights.begin(), rights.end());
    return rights;
}

QList<TtsRights::MissingRight> TtsApplicationPage::missingRights(const TtsRights &rights, bool engineMode)
{
    QList<TtsRights::MissingRight> missing;
    for (TtsRights::Operation operation : operationsFor(engineMode)) {
        for (const TtsRights::MissingRight &right : rights.missingFor(operation)) {
            const bool known =
                std::any_of(missing.cbegin(), missing.cend(),
                            [&right](const TtsRights::MissingRight &m) { return m.right == right.right; });
            if (!known)
                missing.append(right);
        }
    }
    return missing;
}

void TtsApplicationPage::initializePage()
{
    const ConnectionProfile::Tts &tts = m_session->profile().tts;
    m_apiBaseUrlEdit->setText(tts.apiBaseUrl);
    m_applicationIdEdit->setText(tts.applicationId);
    m_tenantIdEdit->setText(tts.tenantId);
    m_apiKeyEdit->setText(m_session->ttsApiKey());
    rebuildChecklist();
    const bool update = m_session->purpose() == DeploymentSession::Purpose::Update;
    m_keyHintLabel->setVisible(update);
    m_storedKey.clear();
    if (update) {
        m_apiKeyEdit->setPlaceholderText(tr("Leave empty to keep the stored key"));
        m_keyHintLabel->setText(tr("Reading the stored API key…"));
        if (SecretStore *secrets = m_session->secretStore()) {
            const quint64 generation = ++m_generation;
            secrets->read(m_session->profile().id, SecretKind::TtsApiKey)
                .then(this, [this, generation](const Result<QString> &key) {
                    if (key) {
                        m_storedKey = key.value();
                        m_keyHintLabel->setText(tr("The stored API key stays unless you type a new one."));
                    } else {
                        m_keyHintLabel->setText(tr("No API key could be read for this profile (%1). Enter one.")
                                                    .arg(key.error().message()));
                    }
                    if (generation == m_generation)
                        check();
                });
            return;
        }
    }
    check();
}

void TtsApplicationPage::rebuildChecklist()
{
    m_rightsList->clear();
    for (TtsRights::Right right : requiredRights(isEngineMode())) {
        auto *item = new QListWidgetItem(TtsRights::wireName(right), m_rightsList);
        item->setData(Qt::UserRole, QVariant::fromValue(RightState::Unchecked));
        item->setData(Qt::UserRole + 1, TtsRights::wireName(right));
        item->setToolTip(tr("Lets the key %1.").arg(TtsRights::description(right)));
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxQuestion));
    }
    m_rightsOk = false;
    emit completeChanged();
}

QString TtsApplicationPage::effectiveKey() const
{
    const QString typed = m_apiKeyEdit->text().trimmed();
    return typed.isEmpty() ? m_storedKey : typed;
}

void TtsApplicationPage::scheduleCheck()
{
    ++m_generation;
    m_rightsOk = false;
    m_mqttOk = false;
    m_rightsChecking = true; // pending until the delay ran out: Next waits for the result
    m_debounce->start();
    emit completeChanged();
}

void TtsApplicationPage::showKeyProblem(const QString &sentence)
{
    m_rightsChecking = false;
    m_rightsOk = false;
    for (int i = 0; i < m_rightsList->count(); ++i) {
        QListWidgetItem *item = m_rightsList->item(i);
        item->setData(Qt::UserRole, QVariant::fromValue(RightState::Unchecked));
        item->setText(item->data(Qt::UserRole + 1).toString() + tr(" — not checked"));
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxQuestion));
    }
    m_rightsStatusLabel->setText(sentence);
    m_progress->setVisible(m_mqttChecking);
    emit completeChanged();
}

void TtsApplicationPage::showRights(const TtsRights &rights)
{
    m_rightsChecking = false;
    const QList<TtsRights::MissingRight> missing = missingRights(rights, isEngineMode());
    QStringList sentences;
    for (int i = 0; i < m_rightsList->count(); ++i) {
        QListWidgetItem *item = m_rightsList->item(i);
        const QString name = item->data(Qt::UserRole + 1).toString();
        const auto found = std::find_if(missing.cbegin(), missing.cend(),
                                        [&name](const TtsRights::MissingRight &m) { return m.name == name; });
        const bool granted = found == missing.cend();
        item->setData(Qt::UserRole, QVariant::fromValue(granted ? RightState::Granted : RightState::Missing));
        item->setText(name + (granted ? tr(" — granted") : tr(" — missing")));
        item->setIcon(style()->standardIcon(granted ? QStyle::SP_DialogApplyButton : QStyle::SP_DialogCancelButton));
        if (!granted)
            sentences.append(found->sentence);
    }
    m_rightsOk = missing.isEmpty();
    m_rightsStatusLabel->setText(
        m_rightsOk ? tr("The key has every right needed.")
                   : sentences.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                tr("Add the missing rights to the key in the TTS Console (application → API keys), or create a key "
                   "that has them."));
    m_progress->setVisible(m_mqttChecking);
    emit completeChanged();
}

void TtsApplicationPage::check()
{
    m_debounce->stop();
    const quint64 generation = ++m_generation;
    m_rightsOk = false;
    m_mqttOk = false;
    m_mqttFailed = false;
    m_continueWithoutMqttCheck->hide();
    m_mqttChecking = false;
    m_probe->abort();

    const QString applicationId = m_applicationIdEdit->text().trimmed();
    const Result<QUrl> base = TtsClient::normalizeBaseUrl(QUrl(m_apiBaseUrlEdit->text().trimmed()));
    if (!base) {
        showKeyProblem(tr("The API base URL is not usable: %1").arg(base.error().message()));
        m_mqttStatusLabel->setText(tr("Not checked: enter the API base URL first."));
        return;
    }
    if (!ConnectionProfile::isValidTtsId(applicationId)) {
        showKeyProblem(tr("Enter the application ID as the TTS Console shows it (lower-case letters, digits and "
                          "dashes)."));
        m_mqttStatusLabel->setText(tr("Not checked: enter the application ID first."));
        return;
    }
    const QString key = effectiveKey();
    if (key.isEmpty()) {
        showKeyProblem(tr("Enter an API key of the application (TTS Console → application → API keys)."));
        m_mqttStatusLabel->setText(tr("Not checked: enter the API key first."));
        return;
    }

    delete m_client;
    m_client = new TtsClient(m_session->networkAccessManager(), base.value(), applicationId, key, nullptr, this);
    RetryPolicy retry = m_client->transport()->retryPolicy();
    retry.maxAttempts = 1; // a live check shows what TTS answered now
    m_client->transport()->setRetryPolicy(retry);
    if (const Result<QSslConfiguration> ssl = m_session->tlsConfiguration(); ssl)
        m_client->transport()->setSslConfiguration(ssl.value());

    m_rightsChecking = true;
    m_progress->show();
    m_rightsStatusLabel->setText(tr("Checking the API key's rights…"));
    emit completeChanged();
    m_client->rights().then(this, [this, generation, applicationId](const Result<TtsRights> &rights) {
        if (generation != m_generation)
            return;
        if (rights) {
            showRights(rights.value());
        } else {
            const ServiceError &error = rights.error();
            qCInfo(lcUi) << "deploy wizard: TTS rights check failed:" << ServiceError::kindName(error.kind());
            switch (error.kind()) {
            case ServiceError::Kind::Unauthorized:
                showKeyProblem(tr("This API key is invalid: The Things Stack does not know it (401). It may be "
                                  "mistyped, deleted, expired or from another cluster. Create a key in the TTS "
                                  "Console (application → API keys) and paste it here."));
                break;
            case ServiceError::Kind::Forbidden:
                showKeyProblem(tr("The key has no rights on the application “%1” (403): check the application ID "
                                  "and the tenant, or use a key of this application.")
                                   .arg(applicationId));
                break;
            case ServiceError::Kind::NotFound:
                showKeyProblem(tr("There is no application “%1” on this server (404). Check the application ID "
                                  "and the tenant.")
                                   .arg(applicationId));
                break;
            default:
                showKeyProblem(error.toString());
                break;
            }
        }
        findMqttServer(generation);
    });
}

void TtsApplicationPage::findMqttServer(quint64 generation)
{
    ConnectionProfile profile = m_session->profile();
    profile.tts.apiBaseUrl = m_apiBaseUrlEdit->text().trimmed();
    profile.tts.applicationId = m_applicationIdEdit->text().trimmed();
    profile.tts.tenantId = m_tenantIdEdit->text().trimmed();
    const bool tls = profile.tts.mqttTls;
    if (!profile.tts.mqttHost.isEmpty() || !m_rightsOk) {
        probeMqtt(generation, profile.effectiveTtsMqttHost(), profile.tts.mqttPort, tls);
        return;
    }
    // No host in the profile: ask TTS where its MQTT server listens.
    m_mqttChecking = true;
    m_mqttStatusLabel->setText(tr("Asking The Things Stack for its MQTT address…"));
    m_client->mqttConnectionInfo().then(
        this, [this, generation, profile, tls](const Result<TtsMqttConnectionInfo> &info) {
            if (generation != m_generation)
                return;
            QString host = profile.effectiveTtsMqttHost();
            int port = profile.tts.mqttPort;
            if (info) {
                const QString address = tls ? info.value().publicTlsAddress : info.value().publicAddress;
                if (!TtsMqttConnectionInfo::hostOf(address).isEmpty() && TtsMqttConnectionInfo::portOf(address) > 0) {
                    host = TtsMqttConnectionInfo::hostOf(address);
                    port = TtsMqttConnectionInfo::portOf(address);
                }
            }
            probeMqtt(generation, host, port, tls);
        });
}

void TtsApplicationPage::probeMqtt(quint64 generation, const QString &host, int port, bool tls)
{
    if (generation != m_generation)
        return;
    if (host.isEmpty() || port <= 0 || port > 65535) {
        m_mqttChecking = false;
        m_mqttFailed = true;
        m_mqttStatusLabel->setText(tr("The MQTT host or port is not usable. Check them on the Connections page."));
        m_continueWithoutMqttCheck->setVisible(isEngineMode());
        emit completeChanged();
        return;
    }
    std::optional<QSslConfiguration> ssl;
    if (tls) {
        const Result<QSslConfiguration> configuration = m_session->tlsConfiguration();
        if (configuration)
            ssl = configuration.value();
    }
    m_mqttChecking = true;
    m_progress->show();
    m_mqttStatusLabel->setText(tr("Checking %1:%2…").arg(host).arg(port));
    emit completeChanged();
    m_probe->start(host, quint16(port), ssl);
}

bool TtsApplicationPage::isComplete() const
{
    if (m_rightsChecking || m_mqttChecking || !m_rightsOk)
        return false;
    return m_mqttOk || !isEngineMode() || m_continueWithoutMqttCheck->isChecked();
}

bool TtsApplicationPage::validatePage()
{
    if (!isComplete())
        return false;
    apply();
    return true;
}

void TtsApplicationPage::apply()
{
    ConnectionProfile::Tts &tts = m_session->profile().tts;
    tts.apiBaseUrl = m_apiBaseUrlEdit->text().trimmed();
    tts.applicationId = m_applicationIdEdit->text().trimmed();
    tts.tenantId = m_tenantIdEdit->text().trimmed();
    m_session->setTtsApiKey(effectiveKey());
    m_session->plan().applicationId = tts.applicationId;
}

} // namespace TwinBridge
