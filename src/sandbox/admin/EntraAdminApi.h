#pragma once

#include "sandbox/admin/AdminRouter.h"
#include "sandbox/azure/EntraStandIn.h"

#include <QObject>

namespace TwinBridge::Sandbox {

// The Entra ID part of the admin API:
//   GET  /admin/entra                                      tenants, applications (no secrets), users, settings
//   GET  /admin/entra/settings                             the device code and token settings
//   POST /admin/entra/settings                             {"pollIntervalSeconds", "deviceCodeLifetimeSeconds",
//                                                           "accessTokenLifetimeSeconds", "autoApproveAfterPolls"
//                                                           (null: never), "slowDownPolls"} — fields left out stay
//   GET  /admin/entra/device-codes?status=pending          device codes (never the device_code value)
//   POST /admin/entra/device-codes/{userCode}/approve      {"userPrincipalName"} optional (default: the sandbox user)
//   POST /admin/entra/device-codes/{userCode}/deny
//   POST /admin/entra/device-codes/{userCode}/expire
//   GET  /admin/entra/tokens                               issued tokens: ids, types, clients, audiences — no values
// and the reset action "entra" (no device codes, refresh tokens or issued tokens; settings back to the defaults).
class EntraAdminApi : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxPollIntervalSeconds = 60;
    static constexpr int MaxDeviceCodeLifetimeSeconds = 3600;
    static constexpr int MaxAccessTokenLifetimeSeconds = 86400;
    static constexpr int MaxPolls = 1000;

    explicit EntraAdminApi(EntraStandIn *entra, QObject *parent = nullptr);

    void registerRoutes(AdminRouter &router);

    static QJsonObject deviceCodeJson(const EntraStandIn::DeviceCode &code);
    static QJsonObject settingsJson(const EntraStandIn::Settings &settings);

private:
    AdminRouter::Response directory(const AdminRouter::Request &request) const;
    AdminRouter::Response getSettings(const AdminRouter::Request &request) const;
    AdminRouter::Response postSettings(const AdminRouter::Request &request);
    AdminRouter::Response listDeviceCodes(const AdminRouter::Request &request) const;
    AdminRouter::Response approve(const AdminRouter::Request &request);
    AdminRouter::Response deny(const AdminRouter::Request &request);
    AdminRouter::Response expire(const AdminRouter::Request &request);
    AdminRouter::Response tokens(const AdminRouter::Request &request) const;

    EntraStandIn *m_entra;
};

} // namespace TwinBridge::Sandbox
