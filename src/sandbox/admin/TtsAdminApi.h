#pragma once

#include "sandbox/admin/AdminRouter.h"

#include <QObject>
#include <QPointer>

namespace TwinBridge::Sandbox {

class TtsApplicationModel;

// The TTS part of the admin API (docs/sandbox.md has every request and answer). `applicationId` defaults to
// demo-app everywhere.
//   GET    /admin/tts/applications                 applications with their uid
//   POST   /admin/tts/applications                 {"applicationId","tenantId"?,"name"?} → the application and
//                                                  its first API key (RIGHT_APPLICATION_ALL)
//   GET    /admin/tts/api-keys?applicationId=      API keys WITH their tokens
//   POST   /admin/tts/api-keys                     {"applicationId"?,"name"?,"rights":["RIGHT_…"]} → the new key
//   DELETE /admin/tts/api-keys/{id}
//   GET    /admin/tts/devices?applicationId=       every device: registries, leftovers, last seen, queue length
//   POST   /admin/tts/devices                      {"count":N,"prefix":"dev-","joinEui":…} or {"devices":[{…}]}:
//                                                  created in IS, JS, NS and AS; answers ids, EUIs and AppKeys
//   DELETE /admin/tts/devices/{id}?registries=is,js&applicationId=   removes from those registries only
//   GET|POST|DELETE /admin/tts/faults              {"failRegistry":"ns","times":1,"status":500,"method":"PUT"}
// and the reset action "tts" (no devices, queues or faults; applications and keys stay).
// `POST /admin/tts/uplinks` and `GET /admin/tts/downlinks` belong to the virtual devices, which register them
// into the same AdminRouter and use TtsApplicationModel's queue and signals.
class TtsAdminApi : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxDevicesPerRequest = 10000;
    static constexpr int MaxFaultTimes = 1000;

    explicit TtsAdminApi(TtsApplicationModel *model, QObject *parent = nullptr);
    ~TtsAdminApi() override;

    void registerRoutes(AdminRouter &router);

private:
    AdminRouter::Response listApplications(const AdminRouter::Request &request) const;
    AdminRouter::Response createApplication(const AdminRouter::Request &request);
    AdminRouter::Response listApiKeys(const AdminRouter::Request &request) const;
    AdminRouter::Response createApiKey(const AdminRouter::Request &request);
    AdminRouter::Response deleteApiKey(const AdminRouter::Request &request);
    AdminRouter::Response listDevices(const AdminRouter::Request &request) const;
    AdminRouter::Response createDevices(const AdminRouter::Request &request);
    AdminRouter::Response deleteDevice(const AdminRouter::Request &request);
    AdminRouter::Response faults(const AdminRouter::Request &request) const;
    AdminRouter::Response addFault(const AdminRouter::Request &request);
    AdminRouter::Response clearFaults(const AdminRouter::Request &request);

    QPointer<TtsApplicationModel> m_model;
};

} // namespace TwinBridge::Sandbox
