#pragma once

#include "services/azure/EntraAuthority.h"
#include "services/azure/EntraTokenClient.h"
#include "services/azure/TokenCredential.h"
#include "services/core/Futures.h"

#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace TwinBridge {

class HttpTransport;
class RefreshTokenStore;

// Interactive sign-in of a user with the OAuth 2.0 device authorization grant (azure-protocols.md §5.1
// [E-DEV]): asks for a code, emits userCodeReady() so the UI shows the code, the link and a copy button, then
// polls the token endpoint every `interval` seconds (slow_down adds 5 s) on the injected Clock until the user
// has signed in, declined, or the code expired. The refresh token it receives is kept in memory and in the
// RefreshTokenStore, and later tokens (other scopes, renewals, the next session) are redeemed with it without
// asking the user again; the service's rotated refresh token replaces the old one.
class DeviceCodeCredential : public TokenCredential
{
    Q_OBJECT

public:
    DeviceCodeCredential(const EntraAuthority &authority, QNetworkAccessManager *nam, Clock *clock = nullptr,
                         RefreshTokenStore *store = nullptr, QObject *parent = nullptr);
    ~DeviceCodeCredential() override;

    QString displayName() const override;
    const EntraAuthority &authority() const;
    HttpTransport *transport() const;

    // Whether a token request may start a device code sign-in (true). Off for headless use: then only a
    // stored refresh token works and its absence is a NotConfigured error.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    bool isInteractive() const { return m_interactive; }

    // The signed-in user (preferred_username from the id token), empty if unknown.
    QString account() const { return m_account; }
    bool isWaitingForUser() const { return bool(m_flow); }

    // Stops a device code sign-in in progress; its token request ends with a Canceled error.
    void cancel();
    // Forgets the refresh token (memory and store) and the cached access tokens.
    QFuture<Status> signOut();

signals:
    void userCodeReady(const QString &userCode, const QUrl &verificationUri, const QString &message);
    void signedIn(const QString &account);
    // The refresh token could not be loaded or saved: the sign-in works for this session only.
    void refreshTokenStoreFailed(const TwinBridge::ServiceError &error);

protected:
    QFuture<Result<AccessToken>> acquireToken(const QStringList &scopes) override;

private:
    using TokenPromise = Futures::SharedPromise<Result<AccessToken>>;
    struct Flow
    {
        QStringList scopes;
        TokenPromise promise;
        DeviceCodeInfo info;
        qint64 intervalSeconds = 5;
        qint64 deadlineMs = 0;
        int generation = 0;
    };

    void loadStoredRefreshToken(const QStringList &scopes, const TokenPromise &promise);
    void redeemRefreshToken(const QStringList &scopes, const TokenPromise &promise);
    void startDeviceFlow(const QStringList &scopes, const TokenPromise &promise);
    void schedulePoll();
    void poll(int generation);
    void finishFlow(Result<AccessToken> result);
    Result<AccessToken> completeSignIn(const EntraTokenResponse &response, const QStringList &scopes, bool interactive);
    void persistRefreshToken();

    static QString requestScope(const QStringList &scopes);
    static QString accountFromIdToken(const QString &idToken);

    EntraTokenClient *m_client;
    RefreshTokenStore *m_store;
    QString m_refreshToken;
    QString m_account;
    bool m_storeLoaded = false;
    bool m_interactive = true;
    int m_generation = 0;
    std::unique_ptr<Flow> m_flow;
};

} // namespace TwinBridge
