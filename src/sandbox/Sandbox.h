#pragma once

#include "services/core/Clock.h"
#include "services/core/Result.h"

#include <QFuture>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace TwinBridge::Sandbox {

class AdminRouter;
class ArmStandIn;
class AzureEndpoint;
class EntraStandIn;
class HubDirectory;
class MosquittoBroker;
class RoutingDirectory;
class TtsStandIn;
class VirtualDeviceFleet;

// The whole local stand-in for The Things Stack and Azure that app/twinbridge-sandbox runs (DESIGN.md §3): the
// certificate authority and the hubs (with their state) in the state directory, the pre-provisioned hub
// "sandbox-hub" (S1, 1 unit) with TTS's template routing and Function, the device MQTT endpoint (TLS), the
// service REST endpoint (HTTPS), the Azure endpoint (Entra ID, HTTPS), the TTS stand-in (REST on HTTP, state in
// `<stateDir>/tts/`, with Options::devices devices provisioned on the first start) with its MQTT server — a
// real mosquitto child process whose password file follows the API keys that have traffic rights — and the
// admin API (HTTP), all on free ports of 127.0.0.1. When everything listens it writes `<stateDir>/sandbox.json`
// atomically — last, so that tools can wait for the file — and removes it on stop().
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
        // TTS API keys, the EUIs and AppKeys of provisioned devices and the virtual devices' values become
        // reproducible.
        std::optional<quint64> seed;
        // TTS devices provisioned in demo-app when it has none (the first start; again after POST /admin/reset).
        int devices = 0;
        // For the virtual devices (VirtualDeviceFleet, published through mosquitto by TtsMqttBridge): simulated
        // time between two uplinks of a device, and time acceleration.
        std::chrono::milliseconds uplinkInterval = std::chrono::seconds(60);
        double speed = 1.0;
        // sandbox.json's tts.mqtt names the broker's TLS listener (tls: true) or, when false, its plain one
        // (tls: false). Both listen either way, as TTS serves 1883 and 8883.
        bool ttsMqttTls = true;
        QString mosquittoExecutable; // empty: `mosquitto` on PATH or in /usr/sbin
        quint16 ttsPort = 0; // TTS REST (HTTP)
        quint16 ttsMqttPort = 0; // mosquitto, plain
        quint16 ttsMqttTlsPort = 0; // mosquitto, TLS
        QHostAddress address = QHostAddress::LocalHost;
        quint16 mqttPort = 0; // 0: a free port
        quint16 restPort = 0;
        quint16 adminPort = 0;
        quint16 azurePort = 0; // Entra ID authority and Resource Manager (HTTPS)
        double armTimeScale = 1.0; // multiplies the ARM stand-in's simulated durations
    };

    struct Listener
    {
        QString name; // "IoT Hub device MQTT (TLS)"
        QString address; // "127.0.0.1:8883" or a URL
    };

    explicit Sandbox(Options options, Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~Sandbox() override;

    // Starts everything; resolves once the MQTT broker accepts connections and sandbox.json is written. On failure
    // nothing keeps listening (the broker is stopped) and the error says what to do; a missing mosquitto is a
    // NotConfigured error at once.
    QFuture<Status> start();
    // Stops listening, saves the state, removes sandbox.json and stops the broker (SIGTERM); resolves when the
    // broker process is gone. Safe to call twice. The destructor does the same, killing the broker.
    QFuture<void> stop();
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
    ArmStandIn *arm() const;
    TtsStandIn *tts() const;
    MosquittoBroker *broker() const;
    VirtualDeviceFleet *fleet() const;

    // The TTS devices Options::devices asks for, in demo-app unless it has devices; returns how many were created.
    Result<int> provisionTtsDevices();

signals:
    // The running sandbox lost a part it cannot do without (the MQTT broker exited): the message says why.
    void failed(const TwinBridge::ServiceError &error);

private:
    Status prepareStateDirectory();
    Status provisionDefaultHub();
    Status startListeners();
    Status startTts();
    Status finishStart();
    void syncBrokerKeys(const QString &applicationId);
    Status writeDescription() const;

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace TwinBridge::Sandbox
