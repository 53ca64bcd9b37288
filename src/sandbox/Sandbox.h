#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>

namespace TwinBridge::Sandbox {

class AdminRouter;
class AzureEndpoint;
class EntraStandIn;
class HubDirectory;
class RoutingDirectory;

// The whole local stand-in for Azure IoT Hub that app/twinbridge-sandbox runs (DESIGN.md §3): the certificate
// authority and the hubs (with their state) in the state directory, the pre-provisioned hub "sandbox-hub"
// (S1, 1 unit) with TTS's template routing and Function, the device MQTT endpoint (TLS), the service REST
// endpoint (HTTPS) and the admin API (HTTP), all on free ports of 127.0.0.1. When everything listens it writes
// `<stateDir>/sandbox.json` atomically — last, so that tools can wait for the file — and removes it on stop().
class Sandbox : public QObject
{
    Q_OBJECT

public:
    static constexpr char DefaultHubName[] = "sandbox-hub";
    static constexpr char PolicyName[] = "twinbridge";
    static constexpr char DescriptionFileName[] = "sandbox.json";

    struct Options
    {
        QString stateDirectory; // required
        bool throttlesEnabled = true;
        // App settings of the Function stand-in of the pre-provisioned hub (empty: keep what the state
        // directory has, else unset; without a base URL events stay pending).
        QString stackBaseUrl;
        QString stackApplicationId;
        QString stackApiKey;
        bool fallbackRoute = true; // the template's enableFallbackRoute
        std::optional<quint64> seed; // reserved for the simulated TTS devices
        QHostAddress address = QHostAddress::LocalHost;
        quint16 mqttPort = 0; // 0: a free port
        quint16 restPort = 0;
        quint16 adminPort = 0;
        quint16 azurePort = 0; // Entra ID authority and Resource Manager (HTTPS)
    };

    struct Listener
    {
        QString name; // "IoT Hub device MQTT (TLS)"
        QString address; // "127.0.0.1:8883" or a URL
    };

    explicit Sandbox(Options options, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~Sandbox() override;

    // Starts everything; on failure nothing keeps listening and the error says what to do.
    Status start();
    // Stops listening, saves the hubs and removes sandbox.json. Safe to call twice.
    void stop();
    bool isRunning() const;

    // The content of sandbox.json.
    QJsonObject description() const;
    QString descriptionPath() const;
    QList<Listener> listeners() const;

    quint16 mqttPort() const;
    quint16 restPort() const;
    quint16 adminPort() const;
    quint16 azurePort() const;

    HubDirectory *hubs() const;
    RoutingDirectory *routing() const;
    AdminRouter *adminRouter() const;
    AzureEndpoint *azureEndpoint() const;
    EntraStandIn *entra() const;

private:
    Status prepareStateDirectory();
    Status provisionDefaultHub();
    Status startListeners();
    Status writeDescription() const;

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
