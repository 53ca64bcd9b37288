#pragma once

#include "sandbox/admin/AdminRouter.h"

#include <QObject>
#include <QPointer>

namespace TwinBridge::Sandbox {

class VirtualDeviceFleet;

// The virtual devices' part of the admin API (docs/sandbox-tts-devices.md):
//   POST /admin/tts/uplinks    {"deviceId"?, "applicationId"?, "count"?, "ratePerSecond"?, "decodedPayload"?,
//                               "frmPayload"? (base64), "fPort"?}
//                              without ratePerSecond: `count` (default 1, at most 1000) uplinks now → 200
//                              {"uplinks":[ApplicationUp…]}; with it: a burst at that rate → 202 {"scheduled":N}.
//                              Without deviceId the application's devices take turns.
//   GET  /admin/tts/downlinks?deviceId=&applicationId=   {"downlinks":[{…, "fate": "queued|sent|acked|…"}]}
// and the reset action "tts-devices" (downlink records, bursts).
class TtsDeviceAdminApi : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxImmediateUplinks = 1000;

    explicit TtsDeviceAdminApi(VirtualDeviceFleet *fleet, QObject *parent = nullptr);
    ~TtsDeviceAdminApi() override;

    void registerRoutes(AdminRouter &router);

private:
    AdminRouter::Response uplinks(const AdminRouter::Request &request);
    AdminRouter::Response downlinks(const AdminRouter::Request &request) const;

    QPointer<VirtualDeviceFleet> m_fleet;
};

} // namespace TwinBridge::Sandbox
