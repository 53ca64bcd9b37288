#pragma once

#include "sandbox/admin/AdminRouter.h"
#include "services/core/Clock.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>

namespace TwinBridge::Sandbox {

class HubDirectory;
class RoutingDirectory;
class SandboxHub;

// The IoT Hub part of the admin API (docs/sandbox.md has every request and answer):
//   GET    /admin/hubs                            hubs with host name, SKU, units, limits, policies WITH keys
//   GET    /admin/hubs/{hub}                      one of them
//   GET    /admin/hubs/{hub}/messages?deviceId=&after=&limit=   recorded device-to-cloud messages
//   GET    /admin/hubs/{hub}/metrics              counters, connects/s and D2C/s, routing and Function state
//   GET    /admin/hubs/{hub}/faults               the faults in force
//   POST   /admin/hubs/{hub}/faults               {"throttleTwinSeconds", "throttleRegistrySeconds",
//                                                  "outageSeconds", "latencyMs", "dropConnections"}
//   DELETE /admin/hubs/{hub}/faults               clears them
//   GET    /admin/hubs/{hub}/routing              routes, endpoints, fallback route, Function app settings
//   PUT    /admin/hubs/{hub}/routing              replaces them
//   GET    /admin/hubs/{hub}/endpoints/events?after=&limit=     what reached the built-in endpoint
// and the reset action "iothub" (empty registries, no faults, no recorded messages or queued events).
class HubAdminApi : public QObject
{
    Q_OBJECT

public:
    // Rates (connects/s, D2C/s) are averaged over this window, sampled every second on the Clock.
    static constexpr std::chrono::seconds RateWindow {10};
    static constexpr int MaxFaultSeconds = 86400;
    static constexpr int MaxLatencyMs = 60000;

    HubAdminApi(HubDirectory *hubs, RoutingDirectory *routing, Clock *clock = Clock::system(),
                QObject *parent = nullptr);
    ~HubAdminApi() override;

    void registerRoutes(AdminRouter &router);

    // The JSON of GET /admin/hubs/{hub}.
    QJsonObject hubJson(SandboxHub *hub) const;

private:
    struct Sample
    {
        qint64 monotonicMs = 0;
        quint64 connects = 0;
        quint64 deviceToCloud = 0;
    };

    AdminRouter::Response listHubs(const AdminRouter::Request &request) const;
    AdminRouter::Response getHub(const AdminRouter::Request &request) const;
    AdminRouter::Response messages(const AdminRouter::Request &request) const;
    AdminRouter::Response metrics(const AdminRouter::Request &request) const;
    AdminRouter::Response faults(const AdminRouter::Request &request) const;
    AdminRouter::Response setFaults(const AdminRouter::Request &request);
    AdminRouter::Response clearFaults(const AdminRouter::Request &request);
    AdminRouter::Response routing(const AdminRouter::Request &request) const;
    AdminRouter::Response setRouting(const AdminRouter::Request &request);
    AdminRouter::Response builtInEndpoint(const AdminRouter::Request &request) const;
    void reset();

    SandboxHub *hubOrNull(const AdminRouter::Request &request) const;
    static AdminRouter::Response hubNotFound(const QString &name);
    void sample();
    double rate(const QString &hubName, quint64 Sample::*counter, quint64 current) const;

    QPointer<HubDirectory> m_hubs;
    QPointer<RoutingDirectory> m_routing;
    Clock *m_clock;
    QHash<QString, std::deque<Sample>> m_samples;
};

} // namespace TwinBridge::Sandbox
