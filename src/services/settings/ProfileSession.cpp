#include "services/settings/ProfileSession.h"

#include "services/core/Futures.h"
#include "services/core/Logging.h"
#include "services/engine/DeviceConnectionSettings.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/settings/ProfileStore.h"
#include "services/tts/TtsClient.h"

#include <QNetworkAccessManager>

namespace TwinBridge {

namespace {

bool isSessionSecret(SecretKind kind)
{
    return kind == SecretKind::TtsApiKey || kind == SecretKind::HubPolicyKey;
}

} // namespace

ProfileSession::ProfileSession(ProfileStore *profiles, SecretStore *secrets, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_clock(clock ? clock : Clock::system())
{
    connect(m_profiles, &ProfileStore::currentProfileChanged, this, [this] {
        if (m_follows)
            reopen();
    });
    connect(m_profiles, &ProfileStore::profileChanged, this, [this](const QString &id) {
        if (m_follows && id == m_profiles->currentProfileId())
            reopen();
    });
    connect(m_profiles, &ProfileStore::profileRemoved, this, [this](const QString &id) {
        if (m_follows && m_profile && m_profile->id == id)
            reopen();
    });
    connect(m_secrets, &SecretStore::secretChanged, this, [this](const QString &profileId, SecretKind kind) {
        if (m_follows && isSessionSecret(kind) && profileId == m_profiles->currentProfileId())
            reopen();
    });
}

ProfileSession::~ProfileSession() = default;

void ProfileSession::setFollowsStore(bool follows)
{
    m_follows = follows;
}

void ProfileSession::setHubTier(HubSku sku, int units)
{
    m_sku = sku;
    m_units = units;
    if (m_throttle)
        m_throttle->configure(sku, units);
}

void ProfileSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ProfileSession::close()
{
    if (m_scope)
        m_scope->deleteLater(); // futures of the old clients may still resolve into them during this event
    m_scope = nullptr;
    m_nam = nullptr;
    m_throttle = nullptr;
    m_hubTransport = nullptr;
    m_hub = nullptr;
    m_tts = nullptr;
    m_hubError = {};
    m_ttsError = {};
}

QFuture<Status> ProfileSession::reopen()
{
    const quint64 generation = ++m_generation;
    const bool hadClients = m_scope;
    close();
    m_profile = m_profiles->currentProfile();
    if (!m_profile) {
        setState(State::Closed);
        if (hadClients)
            emit sessionChanged();
        return Futures::ready(Status(Done {}));
    }
    setState(State::Opening);
    if (hadClients)
        emit sessionChanged();

    const QString profileId = m_profile->id;
    auto promise = Futures::startedPromise<Status>();
    auto policyKey = std::make_shared<Result<QString>>(QString());
    m_secrets->read(profileId, SecretKind::HubPolicyKey)
        .then(this,
              [this, profileId, policyKey](Result<QString> key) {
                  *policyKey = std::move(key);
                  return m_secrets->read(profileId, SecretKind::TtsApiKey);
              })
        .unwrap()
        .then(this, [this, generation, policyKey, promise](Result<QString> ttsKey) {
            if (generation != m_generation) {
                Futures::fulfil(promise, Status(ServiceError(ServiceError::Kind::Canceled,
                                                             tr("A newer profile session replaced this one."))));
                return;
            }
            build(*m_profile, policyKey->valueOr(QString()), policyKey->error(), ttsKey.valueOr(QString()),
                  ttsKey.error());
            setState(State::Open);
            emit sessionChanged();
            Futures::fulfil(promise, Status(Done {}));
        });
    return promise->future();
}

void ProfileSession::build(const ConnectionProfile &profile, const QString &policyKey,
                           const ServiceError &policyKeyError, const QString &ttsApiKey,
                           const ServiceError &ttsKeyError)
{
    m_scope = new QObject(this);
    m_nam = new QNetworkAccessManager(m_scope);
    m_throttle = new HubThrottle(m_sku, m_units, m_clock, m_scope);

    Result<QSslConfiguration> ssl = DeviceConnectionSettings::tlsConfiguration(profile.tls.caCertificateFile);

    if (profile.iotHub.hostName.isEmpty()) {
        m_hubError = ServiceError(ServiceError::Kind::NotConfigured,
                                  tr("The profile has no IoT Hub host name. Enter it on the Connections page, or "
                                     "deploy a hub with the Deploy page."));
    } else if (policyKeyError.kind() != ServiceError::Kind::None) {
        m_hubError = policyKeyError;
    } else if (!ssl) {
        m_hubError = ssl.error();
    } else {
        m_hubTransport = new HttpTransport(m_nam, m_scope);
        m_hubTransport->setClock(m_clock);
        m_hubTransport->setSslConfiguration(ssl.value());
        IotHubCredentials credentials;
        credentials.hostName = profile.iotHub.hostName;
        credentials.restEndpoint = profile.effectiveIotHubRestUrl();
        credentials.policyName = profile.iotHub.policyName;
        credentials.policyKey = policyKey.toLatin1();
        m_hub = new IotHubServiceClient(m_hubTransport, credentials, m_throttle, m_clock, m_scope);
    }

    if (profile.tts.apiBaseUrl.isEmpty() || profile.tts.applicationId.isEmpty()) {
        m_ttsError = ServiceError(ServiceError::Kind::NotConfigured,
                                  tr("The profile has no The Things Stack address or application ID. Enter them on "
                                     "the Connections page."));
    } else if (ttsKeyError.kind() != ServiceError::Kind::None) {
        m_ttsError = ttsKeyError;
    } else if (!ssl) {
        m_ttsError = ssl.error();
    } else {
        m_tts = new TtsClient(m_nam, QUrl(profile.tts.apiBaseUrl), profile.tts.applicationId, ttsApiKey, m_clock,
                              m_scope);
        m_tts->transport()->setSslConfiguration(ssl.value());
    }
    qCDebug(lcSettings) << "profile session opened for" << profile.id << "hub client:" << (m_hub != nullptr)
                        << "TTS client:" << (m_tts != nullptr);
}

} // namespace TwinBridge
