#pragma once

#include "services/diagnostics/ConnectionTest.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/settings/ConnectionProfile.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

class QNetworkAccessManager;

namespace TwinBridge {

class HttpTransport;
struct HttpResponse;

// "Test connection" for IoT Hub (docs/console-connections.md): the REST endpoint (reachable, TLS certificate),
// the local clock against the hub's `Date` header (SAS tokens are checked by the hub's clock), the policy key,
// each right of the policy by the least harmful call that needs it — RegistryRead: GET /devices/{probe},
// ServiceConnect: GET /twins/{probe}, RegistryWrite: DELETE /devices/{probe}, where {probe} is a device id that
// does not exist, so "404 device not found" proves the right and changes nothing — and the device MQTT
// endpoint. DeviceConnect is proven by one MQTT CONNECT (then DISCONNECT) as an existing device that is
// enabled and not connected at the moment, signed with the policy key; a hub without such a device leaves
// DeviceConnect unchecked and says so.
class IotHubConnectionTest : public ConnectionTest
{
    Q_OBJECT

public:
    IotHubConnectionTest(const ConnectionProfile &profile, const QByteArray &policyKey, QNetworkAccessManager *nam,
                         Clock *clock = Clock::system(), QObject *parent = nullptr);
    ~IotHubConnectionTest() override;

    // The id of the device the right probes ask for; it never exists ("twinbridge-connection-test-…").
    QString probeDeviceId() const { return m_probeDeviceId; }
    // The hub's clock as its last answer told it (invalid when no Date header came).
    QDateTime hubTime() const { return m_hubTime; }

protected:
    void run() override;

private:
    enum class Probe { RegistryRead, ServiceConnect, RegistryWrite };
    enum class Verdict { Granted, Refused, HubNotFound, Inconclusive };
    struct ProbeResult
    {
        Verdict verdict = Verdict::Inconclusive;
        QString sentence; // for Inconclusive: why
        QString detail;
    };

    void probeRest(quint64 generation);
    void sendRightProbe(quint64 generation, int index);
    ProbeResult classify(const HttpResponse &response) const;
    void evaluateRights(quint64 generation);
    void probeMqtt(quint64 generation);
    void findDevice(quint64 generation);
    void connectDevice(const QString &deviceId);
    QByteArray serviceToken() const;
    static QString rightTitle(const QString &right);

    ConnectionProfile m_profile;
    QByteArray m_policyKey;
    QNetworkAccessManager *m_nam;
    HttpTransport *m_transport = nullptr;
    IotHubServiceClient *m_client = nullptr;
    std::optional<QSslConfiguration> m_ssl;
    QString m_sslError;
    QString m_probeDeviceId;
    QDateTime m_hubTime;
    QDateTime m_localTimeAtAnswer;
    QList<ProbeResult> m_results;
};

} // namespace TwinBridge
