#include "sandbox/admin/EntraAdminApi.h"

#include <QJsonArray>

namespace TwinBridge::Sandbox {

namespace {

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

AdminRouter::Response invalidSettings(const QString &field, const QString &message)
{
    return AdminRouter::Response::error(400, QStringLiteral("InvalidSettings"), message,
                                        QJsonObject {{QStringLiteral("field"), field}});
}

// A whole number in [minimum, maximum]; nullopt (and `error` set) otherwise.
std::optional<qint64> wholeNumber(const QJsonValue &value, const QString &field, qint64 minimum, qint64 maximum,
                                  AdminRouter::Response *error)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number != double(qint64(number)) || number < double(minimum) || number > double(maximum)) {
        *error = invalidSettings(
            field,
            EntraAdminApi::tr("\"%1\" must be a whole number from %2 to %3.").arg(field).arg(minimum).arg(maximum));
        return std::nullopt;
    }
    return qint64(number);
}

} // namespace

EntraAdminApi::EntraAdminApi(EntraStandIn *entra, QObject *parent)
    : QObject(parent)
    , m_entra(entra)
{ }

QJsonObject EntraAdminApi::deviceCodeJson(const EntraStandIn::DeviceCode &code)
{
    return QJsonObject {
        {QStringLiteral("userCode"), code.userCode},
        {QStringLiteral("clientId"), code.clientId},
        {QStringLiteral("tenantId"), code.tenantId},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(code.scopes)},
        {QStringLiteral("status"), EntraStandIn::deviceCodeStatusName(code.status)},
        {QStringLiteral("polls"), code.polls},
        {QStringLiteral("intervalSeconds"), code.intervalSeconds},
        {QStringLiteral("issuedAt"), isoTime(code.issuedAt)},
        {QStringLiteral("expiresAt"), isoTime(code.expiresAt)},
        {QStringLiteral("approvedBy"), code.approvedBy},
    };
}

QJsonObject EntraAdminApi::settingsJson(const EntraStandIn::Settings &settings)
{
    return QJsonObject {
        {QStringLiteral("pollIntervalSeconds"), qint64(settings.pollInterval.count())},
        {QStringLiteral("deviceCodeLifetimeSeconds"), qint64(settings.deviceCodeLifetime.count())},
        {QStringLiteral("accessTokenLifetimeSeconds"), qint64(settings.accessTokenLifetime.count())},
        {QStringLiteral("autoApproveAfterPolls"),
         settings.autoApproveAfterPolls ? QJsonValue(*settings.autoApproveAfterPolls) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("slowDownPolls"), settings.slowDownPolls},
    };
}

void EntraAdminApi::registerRoutes(AdminRouter &router)
{
    router.add(
        "GET", QStringLiteral("/admin/entra"), [this](const AdminRouter::Request &r) { return directory(r); },
        tr("The Entra ID stand-in: tenants, application registrations (without secrets), users and settings."));
    router.add(
        "GET", QStringLiteral("/admin/entra/settings"),
        [this](const AdminRouter::Request &r) { return getSettings(r); }, tr("The device code and token settings."));
    router.add(
        "POST", QStringLiteral("/admin/entra/settings"),
        [this](const AdminRouter::Request &r) { return postSettings(r); },
        tr("Changes settings: {\"pollIntervalSeconds\", \"deviceCodeLifetimeSeconds\", \"accessTokenLifetimeSeconds\", "
           "\"autoApproveAfterPolls\" (null: never), \"slowDownPolls\"}; fields left out stay."));
    router.add(
        "GET", QStringLiteral("/admin/entra/device-codes"),
        [this](const AdminRouter::Request &r) { return listDeviceCodes(r); },
        tr("Device codes with their state (?status=pending for those waiting); never the device_code value."));
    router.add(
        "POST", QStringLiteral("/admin/entra/device-codes/{userCode}/approve"),
        [this](const AdminRouter::Request &r) { return approve(r); },
        tr("Approves a pending device code (as the sandbox user, or {\"userPrincipalName\": …})."));
    router.add(
        "POST", QStringLiteral("/admin/entra/device-codes/{userCode}/deny"),
        [this](const AdminRouter::Request &r) { return deny(r); },
        tr("Declines a pending device code (its next poll answers authorization_declined)."));
    router.add(
        "POST", QStringLiteral("/admin/entra/device-codes/{userCode}/expire"),
        [this](const AdminRouter::Request &r) { return expire(r); },
        tr("Expires a device code now (its next poll answers expired_token)."));
    router.add(
        "GET", QStringLiteral("/admin/entra/tokens"), [this](const AdminRouter::Request &r) { return tokens(r); },
        tr("Tokens the Entra ID stand-in issued: ids, types, clients, subjects, audiences, times; never their "
           "values."));
    router.addResetAction(QStringLiteral("entra"), [this] { m_entra->reset(); });
}

AdminRouter::Response EntraAdminApi::directory(const AdminRouter::Request &) const
{
    QJsonArray tenants;
    for (const EntraTenant &tenant : m_entra->tenants()) {
        tenants.append(QJsonObject {{QStringLiteral("id"), tenant.id},
                                    {QStringLiteral("domain"), tenant.domain},
                                    {QStringLiteral("displayName"), tenant.displayName}});
    }
    QJsonArray applications;
    for (const EntraApplication &application : m_entra->applications()) {
        applications.append(QJsonObject {
            {QStringLiteral("clientId"), application.clientId},
            {QStringLiteral("displayName"), application.displayName},
            {QStringLiteral("tenantId"), application.tenantId},
            {QStringLiteral("allowPublicClient"), application.allowPublicClient},
            {QStringLiteral("hasClientSecret"), !application.clientSecret.isEmpty()},
            {QStringLiteral("servicePrincipalObjectId"), application.servicePrincipalObjectId},
            {QStringLiteral("appRoles"), QJsonArray::fromStringList(application.appRoles)},
        });
    }
    QJsonArray users;
    for (const EntraUser &user : m_entra->users()) {
        users.append(QJsonObject {{QStringLiteral("objectId"), user.objectId},
                                  {QStringLiteral("tenantId"), user.tenantId},
                                  {QStringLiteral("userPrincipalName"), user.userPrincipalName},
                                  {QStringLiteral("displayName"), user.displayName}});
    }
    QJsonArray resources;
    for (const EntraResource &resource : m_entra->resources()) {
        resources.append(QJsonObject {
            {QStringLiteral("appId"), resource.appId},
            {QStringLiteral("displayName"), resource.displayName},
            {QStringLiteral("identifierUris"), QJsonArray::fromStringList(resource.identifierUris)},
            {QStringLiteral("delegatedPermissions"), QJsonArray::fromStringList(resource.delegatedPermissions)}});
    }
    return AdminRouter::Response::json(QJsonObject {
        {QStringLiteral("tenants"), tenants},
        {QStringLiteral("applications"), applications},
        {QStringLiteral("users"), users},
        {QStringLiteral("resources"), resources},
        {QStringLiteral("signingKeyId"), m_entra->signingKey().keyId()},
        {QStringLiteral("settings"), settingsJson(m_entra->settings())},
    });
}

AdminRouter::Response EntraAdminApi::getSettings(const AdminRouter::Request &) const
{
    return AdminRouter::Response::json(settingsJson(m_entra->settings()));
}

AdminRouter::Response EntraAdminApi::postSettings(const AdminRouter::Request &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    const QJsonObject object = body.value();
    if (object.isEmpty()) {
        return AdminRouter::Response::error(400, QStringLiteral("InvalidSettings"),
                                            tr("Give at least one setting to change."));
    }
    EntraStandIn::Settings settings = m_entra->settings();
    AdminRouter::Response error;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString field = it.key();
        if (field == QLatin1String("pollIntervalSeconds")) {
            const auto value = wholeNumber(it.value(), field, 1, MaxPollIntervalSeconds, &error);
            if (!value)
                return error;
            settings.pollInterval = std::chrono::seconds(*value);
        } else if (field == QLatin1String("deviceCodeLifetimeSeconds")) {
            const auto value = wholeNumber(it.value(), field, 1, MaxDeviceCodeLifetimeSeconds, &error);
            if (!value)
                return error;
            settings.deviceCodeLifetime = std::chrono::seconds(*value);
        } else if (field == QLatin1String("accessTokenLifetimeSeconds")) {
            const auto value = wholeNumber(it.value(), field, 60, MaxAccessTokenLifetimeSeconds, &error);
            if (!value)
                return error;
            settings.accessTokenLifetime = std::chrono::seconds(*value);
        } else if (field == QLatin1String("autoApproveAfterPolls")) {
            if (it.value().isNull()) {
                settings.autoApproveAfterPolls.reset();
            } else {
                const auto value = wholeNumber(it.value(), field, 0, MaxPolls, &error);
                if (!value)
                    return error;
                settings.autoApproveAfterPolls = int(*value);
            }
        } else if (field == QLatin1String("slowDownPolls")) {
            const auto value = wholeNumber(it.value(), field, 0, MaxPolls, &error);
            if (!value)
                return error;
            settings.slowDownPolls = int(*value);
        } else {
            return invalidSettings(field,
                                   tr("Unknown setting \"%1\"; the settings are pollIntervalSeconds, "
                                      "deviceCodeLifetimeSeconds, accessTokenLifetimeSeconds, "
                                      "autoApproveAfterPolls and slowDownPolls.")
                                       .arg(field.left(100)));
        }
    }
    m_entra->setSettings(settings);
    return AdminRouter::Response::json(settingsJson(settings));
}

AdminRouter::Response EntraAdminApi::listDeviceCodes(const AdminRouter::Request &request) const
{
    const QString status = request.query.queryItemValue(QStringLiteral("status"), QUrl::FullyDecoded);
    static const QStringList Statuses = {QStringLiteral("pending"), QStringLiteral("approved"),
                                         QStringLiteral("declined"), QStringLiteral("expired"),
                                         QStringLiteral("redeemed")};
    if (!status.isEmpty() && !Statuses.contains(status)) {
        return AdminRouter::Response::error(400, QStringLiteral("InvalidQuery"),
                                            tr("status must be one of %1.").arg(Statuses.join(QStringLiteral(", "))),
                                            QJsonObject {{QStringLiteral("field"), QStringLiteral("status")}});
    }
    QJsonArray codes;
    for (const EntraStandIn::DeviceCode &code : m_entra->deviceCodes()) {
        if (status.isEmpty() || EntraStandIn::deviceCodeStatusName(code.status) == status)
            codes.append(deviceCodeJson(code));
    }
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("deviceCodes"), codes}});
}

AdminRouter::Response EntraAdminApi::approve(const AdminRouter::Request &request)
{
    QString userPrincipalName;
    if (!request.body.trimmed().isEmpty()) {
        const Result<QJsonObject> body = request.jsonObject();
        if (!body)
            return AdminRouter::Response::fromError(body.error());
        const QJsonValue user = body.value().value(QLatin1String("userPrincipalName"));
        if (!user.isUndefined() && !user.isString()) {
            return AdminRouter::Response::error(
                400, QStringLiteral("InvalidInput"), tr("userPrincipalName must be a string."),
                QJsonObject {{QStringLiteral("field"), QStringLiteral("userPrincipalName")}});
        }
        userPrincipalName = user.toString();
    }
    const Result<EntraStandIn::DeviceCode> approved =
        m_entra->approve(request.argument(QStringLiteral("userCode")), userPrincipalName);
    if (!approved)
        return AdminRouter::Response::fromError(approved.error());
    return AdminRouter::Response::json(deviceCodeJson(approved.value()));
}

AdminRouter::Response EntraAdminApi::deny(const AdminRouter::Request &request)
{
    const Result<EntraStandIn::DeviceCode> denied = m_entra->deny(request.argument(QStringLiteral("userCode")));
    if (!denied)
        return AdminRouter::Response::fromError(denied.error());
    return AdminRouter::Response::json(deviceCodeJson(denied.value()));
}

AdminRouter::Response EntraAdminApi::expire(const AdminRouter::Request &request)
{
    const Result<EntraStandIn::DeviceCode> expired = m_entra->expire(request.argument(QStringLiteral("userCode")));
    if (!expired)
        return AdminRouter::Response::fromError(expired.error());
    return AdminRouter::Response::json(deviceCodeJson(expired.value()));
}

AdminRouter::Response EntraAdminApi::tokens(const AdminRouter::Request &) const
{
    QJsonArray list;
    for (const EntraStandIn::IssuedToken &token : m_entra->issuedTokens()) {
        QJsonObject entry {
            {QStringLiteral("id"), token.id},
            {QStringLiteral("type"), token.type},
            {QStringLiteral("grantType"), token.grantType},
            {QStringLiteral("clientId"), token.clientId},
            {QStringLiteral("tenantId"), token.tenantId},
            {QStringLiteral("subject"), token.subject},
            {QStringLiteral("audience"), token.audience},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(token.scopes)},
            {QStringLiteral("issuedAt"), isoTime(token.issuedAt)},
            {QStringLiteral("expiresAt"), isoTime(token.expiresAt)},
        };
        if (token.type == QLatin1String("refresh_token"))
            entry.insert(QStringLiteral("redeemed"), token.redeemed);
        list.append(entry);
    }
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("tokens"), list}});
}

} // namespace TwinBridge::Sandbox
