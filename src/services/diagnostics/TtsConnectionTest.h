#pragma once

#include "services/diagnostics/ConnectionTest.h"
#include "services/settings/ConnectionProfile.h"
#include "services/tts/TtsRights.h"

#include <optional>

class QNetworkAccessManager;

namespace TwinBridge {

class TtsClient;

// "Test connection" for The Things Stack (docs/console-connections.md): the API address (DNS, refused,
// timeout), its TLS certificate, the API key (401), the application (404, or 403 when the key has no rights
// on it), every right the engine needs (TtsRights::required(AzureIntegration)) by name, then the MQTT server
// (reachable, TLS) and a login to it with the API key.
class TtsConnectionTest : public ConnectionTest
{
    Q_OBJECT

public:
    TtsConnectionTest(const ConnectionProfile &profile, const QString &apiKey, QNetworkAccessManager *nam,
                      Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~TtsConnectionTest() override;

    // The check id of a right, e.g. "tts.right.RIGHT_APPLICATION_DEVICES_WRITE".
    static QString rightCheckId(TtsRights::Right right);

protected:
    void run() override;

private:
    void probeApi(quint64 generation);
    void readApplication(quint64 generation);
    void readRights(quint64 generation);
    void probeMqtt();
    void loginMqtt();

    ConnectionProfile m_profile;
    QString m_apiKey;
    QNetworkAccessManager *m_nam;
    TtsClient *m_client = nullptr;
    std::optional<QSslConfiguration> m_ssl;
    QString m_sslError;
    QUrl m_baseUrl;
};

} // namespace TwinBridge
