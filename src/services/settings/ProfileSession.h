#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"
#include "services/iothub/HubThrottle.h"
#include "services/secrets/SecretStore.h"
#include "services/settings/ConnectionProfile.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;

namespace TwinBridge {

class HttpTransport;
class IotHubServiceClient;
class ProfileStore;
class TtsClient;

// The service clients of the console's current connection profile, shared by every page (devices, twin editor,
// connection tests): one QNetworkAccessManager, the hub's throttle, an IotHubServiceClient signed with the
// profile's policy key and a TtsClient with its API key — built once the secrets are read from the SecretStore,
// rebuilt when the current profile changes, is edited, or one of its secrets is written. A page keeps no client
// pointer across sessionChanged(): the old clients are deleted (later) when a new session opens.
//
// A side whose profile part or secret is missing has no client; hubError()/ttsError() say why in a sentence a
// user can act on ("The IoT Hub policy key is not configured. Enter it on the Connections page.").
class ProfileSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Closed, Opening, Open };
    Q_ENUM(State)

    ProfileSession(ProfileStore *profiles, SecretStore *secrets, Clock *clock = Clock::system(),
                   QObject *parent = nullptr);
    ~ProfileSession() override;

    // (Re)opens for the store's current profile now. Resolves when this opening finished (the clients exist
    // or their errors are known); a newer reopen() makes an older one resolve with a Canceled error.
    // The constructor does not open: call this once after wiring the signals (the console does at start).
    QFuture<Status> reopen();
    // Follow the ProfileStore and the SecretStore automatically (on by default).
    void setFollowsStore(bool follows);

    State state() const { return m_state; }
    std::optional<ConnectionProfile> profile() const { return m_profile; }

    // The clients of the open session; nullptr when closed, opening, or when that side is not configured.
    IotHubServiceClient *hub() const { return m_hub; }
    TtsClient *tts() const { return m_tts; }
    HubThrottle *throttle() const { return m_throttle; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    // Why hub() / tts() is nullptr (ServiceError::Kind::None when the client exists).
    ServiceError hubError() const { return m_hubError; }
    ServiceError ttsError() const { return m_ttsError; }

    // The tier the throttle is configured for (S1 × 1 until set; the profile does not know the hub's tier).
    void setHubTier(HubSku sku, int units);

signals:
    void stateChanged(TwinBridge::ProfileSession::State state);
    // The clients were replaced or closed: fetch hub()/tts() again.
    void sessionChanged();

private:
    void close();
    void setState(State state);
    void build(const ConnectionProfile &profile, const QString &policyKey, const ServiceError &policyKeyError,
               const QString &ttsApiKey, const ServiceError &ttsKeyError);

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    Clock *m_clock;
    State m_state = State::Closed;
    std::optional<ConnectionProfile> m_profile;
    quint64 m_generation = 0;
    bool m_follows = true;
    HubSku m_sku = HubSku::S1;
    int m_units = 1;

    QPointer<QObject> m_scope; // parent of one session's clients; deleted (later) when the session ends
    QNetworkAccessManager *m_nam = nullptr;
    HubThrottle *m_throttle = nullptr;
    HttpTransport *m_hubTransport = nullptr;
    IotHubServiceClient *m_hub = nullptr;
    TtsClient *m_tts = nullptr;
    ServiceError m_hubError;
    ServiceError m_ttsError;
};

} // namespace TwinBridge
