#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QString>

#include <memory>
#include <optional>

namespace TwinBridge::Sandbox {

class AdminRouter;
class TtsAdminApi;
class TtsApplicationModel;
class TtsRestEndpoint;

// The TTS stand-in as one piece for the Sandbox orchestrator and for tests: the application model (state in
// `<stateDir>/tts/`, demo-app@sandbox pre-provisioned with its default key), the REST API on plain HTTP (and
// HTTPS when a TLS configuration is given) and the TTS admin paths. The MQTT broker is started elsewhere; its
// address is handed in with setMqttBroker() so that mqtt-connection-info and sandbox.json name it.
class TtsStandIn : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString stateDirectory; // empty: nothing is saved
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0; // plain HTTP; 0 = a free port
        std::optional<QSslConfiguration> tls; // HTTPS on a second port when set
        quint16 tlsPort = 0;
        std::optional<quint64> seed; // API keys and generated EUIs/keys become reproducible
    };

    explicit TtsStandIn(Options options, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~TtsStandIn() override;

    // Restores the state, provisions the default application and listens. On failure nothing listens.
    Status start();
    // Stops listening and saves the state. Safe to call twice.
    void stop();

    void registerAdminRoutes(AdminRouter &router);
    // The broker's host and ports (0 = none), for mqtt-connection-info and description().
    void setMqttBroker(const QString &host, quint16 port, quint16 tlsPort = 0);

    TtsApplicationModel *model() const;
    TtsRestEndpoint *rest() const;

    // The "tts" section of sandbox.json (DESIGN.md §3):
    //   {"api": "http://127.0.0.1:P/api/v3", "apiTls": "https://127.0.0.1:P/api/v3" (with TLS),
    //    "mqtt": {"host", "port", "tls": false} (once the broker is known),
    //    "applicationId": "demo-app", "tenantId": "sandbox", "apiKey": "NNSXS.…"}
    QJsonObject description() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
