#pragma once

#include "sandbox/admin/AdminRouter.h"

#include <QObject>
#include <QPointer>

namespace TwinBridge::Sandbox {

class ArmStandIn;

// The Resource Manager stand-in's part of the admin API (docs/sandbox-arm.md):
//   GET  /admin/arm            resource groups with their resources and deployments (states, operations), the
//                              provider registrations and the settings — never keys, app settings or parameters
//   GET  /admin/arm/settings   {"timeScale", "retryAfterSeconds"}
//   POST /admin/arm/settings   changes them (members left out stay)
// POST /admin/reset leaves ARM alone: resource groups and their hubs stay (delete the groups through ARM).
class ArmAdminApi : public QObject
{
    Q_OBJECT

public:
    explicit ArmAdminApi(ArmStandIn *arm, QObject *parent = nullptr);

    void registerRoutes(AdminRouter &router);

private:
    AdminRouter::Response overview(const AdminRouter::Request &request) const;
    AdminRouter::Response getSettings(const AdminRouter::Request &request) const;
    AdminRouter::Response postSettings(const AdminRouter::Request &request);

    QPointer<ArmStandIn> m_arm;
};

} // namespace TwinBridge::Sandbox
