#include "sandbox/admin/TtsAdminApi.h"

#include "sandbox/tts/TtsApplicationModel.h"
#include "services/core/Logging.h"
#include "services/protocol/JsonFieldReader.h"
#include "services/tts/TtsLorawanVersions.h"

#include <QJsonArray>
#include <QSet>

#include <optional>

namespace TwinBridge::Sandbox {

namespace {

AdminRouter::Response badRequest(const QString &code, const QString &message, const QString &field = {})
{
    QJsonObject extra;
    if (!field.isEmpty())
        extra.insert(QStringLiteral("field"), field);
    return AdminRouter::Response::error(400, code, message, extra);
}

std::optional<TtsComponent> registryOf(const QString &name)
{
    for (TtsComponent component : ttsAllComponents()) {
        if (name.compare(ttsComponentShortName(component), Qt::CaseInsensitive) == 0)
            return component;
    }
    return std::nullopt;
}

QJsonArray registryNames(const QList<TtsComponent> &components)
{
    QJsonArray names;
    for (TtsComponent component : components)
        names.append(ttsComponentShortName(component).toLower());
    return names;
}

QJsonObject keyJson(const TtsApiKey &key)
{
    QJsonArray rights;
    for (TtsRights::Right right : key.rights)
        rights.append(TtsRights::wireName(right));
    return QJsonObject {{QStringLiteral("id"), key.id},
                        {QStringLiteral("key"), key.token()},
                        {QStringLiteral("name"), key.name},
                        {QStringLiteral("applicationId"), key.applicationId},
                        {QStringLiteral("rights"), rights},
                        {QStringLiteral("createdAt"), key.createdAt}};
}

QJsonObject applicationJson(const TtsApplicationModel::Application &application)
{
    return QJsonObject {{QStringLiteral("applicationId"), application.id},
                        {QStringLiteral("tenantId"), application.tenantId},
                        {QStringLiteral("uid"), application.uid()},
                        {QStringLiteral("name"), application.name},
                        {QStringLiteral("createdAt"), application.createdAt}};
}

// Rejects members the request does not know, naming the first one.
std::optional<AdminRouter::Response> unknownMember(const QJsonObject &object, const QStringList &known,
                                                   const QString &code, const QString &prefix = {})
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            return badRequest(code,
                              TtsAdminApi::tr("\"%1\" is not a field of this request; use %2.")
                                  .arg(prefix + it.key(), known.join(QStringLiteral(", "))),
                              prefix + it.key());
        }
    }
    return std::nullopt;
}

} // namespace

TtsAdminApi::TtsAdminApi(TtsApplicationModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{ }

TtsAdminApi::~TtsAdminApi() = default;

void TtsAdminApi::registerRoutes(AdminRouter &router)
{
    router.add(
        "GET", QStringLiteral("/admin/tts/applications"),
        [this](const AdminRouter::Request &r) { return listApplications(r); },
        tr("TTS applications with their uid (application@tenant)."));
    router.add(
        "POST", QStringLiteral("/admin/tts/applications"),
        [this](const AdminRouter::Request &r) { return createApplication(r); },
        tr("Creates a TTS application: applicationId, tenantId, name; answers it with its first API key."));
    router.add(
        "GET", QStringLiteral("/admin/tts/api-keys"), [this](const AdminRouter::Request &r) { return listApiKeys(r); },
        tr("TTS API keys with their tokens: ?applicationId=."));
    router.add(
        "POST", QStringLiteral("/admin/tts/api-keys"),
        [this](const AdminRouter::Request &r) { return createApiKey(r); },
        tr("Creates a TTS API key: applicationId, name, rights (RIGHT_… names)."));
    router.add(
        "DELETE", QStringLiteral("/admin/tts/api-keys/{id}"),
        [this](const AdminRouter::Request &r) { return deleteApiKey(r); }, tr("Deletes a TTS API key."));
    router.add(
        "GET", QStringLiteral("/admin/tts/devices"), [this](const AdminRouter::Request &r) { return listDevices(r); },
        tr("TTS devices with their registries, leftovers, last seen time and queue length: ?applicationId=."));
    router.add(
        "POST", QStringLiteral("/admin/tts/devices"),
        [this](const AdminRouter::Request &r) { return createDevices(r); },
        tr("Creates TTS devices in IS, JS, NS and AS: {count, prefix, joinEui} or {devices: [{deviceId, devEui, "
           "joinEui, appKey, …}]}."));
    router.add(
        "DELETE", QStringLiteral("/admin/tts/devices/{id}"),
        [this](const AdminRouter::Request &r) { return deleteDevice(r); },
        tr("Removes a TTS device from some registries only (?registries=is,js,ns,as, default all) to leave "
           "leftovers behind."));
    router.add(
        "GET", QStringLiteral("/admin/tts/faults"), [this](const AdminRouter::Request &r) { return faults(r); },
        tr("The TTS faults armed."));
    router.add(
        "POST", QStringLiteral("/admin/tts/faults"), [this](const AdminRouter::Request &r) { return addFault(r); },
        tr("Arms a TTS fault: failRegistry (is, js, ns, as), times, status, method."));
    router.add(
        "DELETE", QStringLiteral("/admin/tts/faults"),
        [this](const AdminRouter::Request &r) { return clearFaults(r); }, tr("Clears every TTS fault."));
    router.addResetAction(QStringLiteral("tts"), [this] {
        if (m_model)
            m_model->reset();
    });
}

AdminRouter::Response TtsAdminApi::listApplications(const AdminRouter::Request &) const
{
    QJsonArray applications;
    const QList<TtsApplicationModel::Application> all = m_model->applications();
    for (const TtsApplicationModel::Application &application : all)
        applications.append(applicationJson(application));
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("applications"), applications}});
}

AdminRouter::Response TtsAdminApi::createApplication(const AdminRouter::Request &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    if (auto unknown = unknownMember(body.value(),
                                     {QStringLiteral("applicationId"), QStringLiteral("tenantId"), QStringLiteral("name")},
                                     QStringLiteral("InvalidApplication")))
        return *unknown;
    const QString applicationId = body.value().value(QStringLiteral("applicationId")).toString();
    const QString tenantId = body.value().value(QStringLiteral("tenantId")).toString(
        QLatin1String(TtsApplicationModel::DefaultTenantId));
    const Result<TtsApplicationModel::Application> created =
        m_model->createApplication(applicationId, tenantId, body.value().value(QStringLiteral("name")).toString());
    if (!created)
        return AdminRouter::Response::fromError(created.error());
    const Result<TtsApiKey> key =
        m_model->createApiKey(applicationId, QStringLiteral("admin-key"), {TtsRights::Right::ApplicationAll});
    if (!key)
        return AdminRouter::Response::fromError(key.error());
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("application"), applicationJson(created.value())},
                                                    {QStringLiteral("apiKey"), keyJson(key.value())}});
}

AdminRouter::Response TtsAdminApi::listApiKeys(const AdminRouter::Request &request) const
{
    QJsonArray keys;
    const QList<TtsApiKey> all = m_model->apiKeys(request.query.queryItemValue(QStringLiteral("applicationId")));
    for (const TtsApiKey &key : all)
        keys.append(keyJson(key));
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("apiKeys"), keys}});
}

AdminRouter::Response TtsAdminApi::createApiKey(const AdminRouter::Request &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    const QJsonObject &object = body.value();
    if (auto unknown = unknownMember(object,
                                     {QStringLiteral("applicationId"), QStringLiteral("name"), QStringLiteral("rights")},
                                     QStringLiteral("InvalidApiKey")))
        return *unknown;
    const QJsonValue rightsValue = object.value(QStringLiteral("rights"));
    if (!rightsValue.isArray() || rightsValue.toArray().isEmpty()) {
        return badRequest(QStringLiteral("InvalidApiKey"),
                          tr("\"rights\" must be a non-empty list of right names such as "
                             "RIGHT_APPLICATION_DEVICES_READ."),
                          QStringLiteral("rights"));
    }
    QList<TtsRights::Right> rights;
    const QJsonArray names = rightsValue.toArray();
    for (qsizetype i = 0; i < names.size(); ++i) {
        const std::optional<TtsRights::Right> right = TtsRights::fromWireName(names.at(i).toString());
        if (!right) {
            return badRequest(QStringLiteral("InvalidApiKey"),
                              tr("\"%1\" is not a TTS application right (e.g. RIGHT_APPLICATION_INFO, "
                                 "RIGHT_APPLICATION_DEVICES_WRITE, RIGHT_APPLICATION_ALL).")
                                  .arg(names.at(i).toString().left(64)),
                              QStringLiteral("rights[%1]").arg(i));
        }
        rights.append(*right);
    }
    const QString applicationId = object.value(QStringLiteral("applicationId"))
                                      .toString(QLatin1String(TtsApplicationModel::DefaultApplicationId));
    const Result<TtsApiKey> key =
        m_model->createApiKey(applicationId, object.value(QStringLiteral("name")).toString(), rights);
    if (!key)
        return AdminRouter::Response::fromError(key.error());
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("apiKey"), keyJson(key.value())}});
}

AdminRouter::Response TtsAdminApi::deleteApiKey(const AdminRouter::Request &request)
{
    const Status deleted = m_model->deleteApiKey(request.argument(QStringLiteral("id")));
    if (!deleted)
        return AdminRouter::Response::fromError(deleted.error());
    return AdminRouter::Response::noContent();
}

AdminRouter::Response TtsAdminApi::listDevices(const AdminRouter::Request &request) const
{
    QJsonArray devices;
    const QList<TtsApplicationModel::DeviceSummary> all =
        m_model->devices(request.query.queryItemValue(QStringLiteral("applicationId")));
    for (const TtsApplicationModel::DeviceSummary &device : all)
        devices.append(device.toJson());
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("devices"), devices}});
}

AdminRouter::Response TtsAdminApi::createDevices(const AdminRouter::Request &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    const QJsonObject &object = body.value();
    const QString code = QStringLiteral("InvalidDevices");
    const QStringList common = {QStringLiteral("frequencyPlanId"), QStringLiteral("lorawanVersion"),
                                QStringLiteral("lorawanPhyVersion")};
    if (auto unknown = unknownMember(object,
                                     QStringList {QStringLiteral("applicationId"), QStringLiteral("count"),
                                                  QStringLiteral("prefix"), QStringLiteral("joinEui"),
                                                  QStringLiteral("devices")} +
                                         common,
                                     code))
        return *unknown;
    const QString applicationId =
        object.value(QStringLiteral("applicationId")).toString(QLatin1String(TtsApplicationModel::DefaultApplicationId));
    if (!m_model->application(applicationId)) {
        return AdminRouter::Response::error(404, QStringLiteral("ApplicationNotFound"),
                                            tr("There is no TTS application \"%1\".").arg(applicationId.left(64)));
    }

    TtsApplicationModel::ProvisionSpec defaults;
    for (const QString &key : common) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            continue;
        if (!value.isString() || value.toString().isEmpty())
            return badRequest(code, tr("\"%1\" must be a non-empty string.").arg(key), key);
    }
    defaults.frequencyPlanId = object.value(QStringLiteral("frequencyPlanId")).toString(defaults.frequencyPlanId);
    defaults.lorawanVersion = object.value(QStringLiteral("lorawanVersion")).toString(defaults.lorawanVersion);
    defaults.lorawanPhyVersion = object.value(QStringLiteral("lorawanPhyVersion")).toString(defaults.lorawanPhyVersion);
    if (TtsLorawanVersions::macVersionName(defaults.lorawanVersion).isEmpty()) {
        return badRequest(code,
                          tr("\"%1\" is not a LoRaWAN version; use one of %2.")
                              .arg(defaults.lorawanVersion.left(32),
                                   TtsLorawanVersions::macVersionAliases().join(QStringLiteral(", "))),
                          QStringLiteral("lorawanVersion"));
    }
    if (TtsLorawanVersions::phyVersionName(defaults.lorawanPhyVersion).isEmpty()) {
        return badRequest(code,
                          tr("\"%1\" is not a regional parameters version; use one of %2.")
                              .arg(defaults.lorawanPhyVersion.left(32),
                                   TtsLorawanVersions::phyVersionAliases().join(QStringLiteral(", "))),
                          QStringLiteral("lorawanPhyVersion"));
    }

    // EUIs already registered (in any registry), so that generated ones never collide.
    QSet<QString> takenEuis;
    QSet<QString> takenIds;
    const QList<TtsApplicationModel::DeviceSummary> existing = m_model->devices();
    for (const TtsApplicationModel::DeviceSummary &device : existing) {
        takenEuis.insert(device.devEui);
        if (device.applicationId == applicationId)
            takenIds.insert(device.deviceId);
    }
    auto freshDevEui = [this, &takenEuis] {
        QString eui;
        do {
            eui = m_model->randomHex(16);
        } while (takenEuis.contains(eui));
        takenEuis.insert(eui);
        return eui;
    };

    QList<TtsApplicationModel::ProvisionSpec> specs;
    const bool hasList = object.contains(QStringLiteral("devices"));
    const bool hasCount = object.contains(QStringLiteral("count"));
    if (hasList == hasCount) {
        return badRequest(code, tr("Give either \"count\" (with \"prefix\" and \"joinEui\") or a \"devices\" list."),
                          hasList ? QStringLiteral("count") : QStringLiteral("devices"));
    }
    if (hasCount) {
        const QJsonValue countValue = object.value(QStringLiteral("count"));
        const double count = countValue.toDouble(-1);
        if (!countValue.isDouble() || count != double(qint64(count)) || count < 1 || count > MaxDevicesPerRequest) {
            return badRequest(code, tr("\"count\" must be a whole number from 1 to %1.").arg(MaxDevicesPerRequest),
                              QStringLiteral("count"));
        }
        const QString prefix = object.value(QStringLiteral("prefix")).toString(QStringLiteral("dev-"));
        const QString joinEui = object.value(QStringLiteral("joinEui")).toString(QStringLiteral("0000000000000000"));
        if (!JsonFieldReader::isHex(joinEui, 16))
            return badRequest(code, tr("\"joinEui\" must be 16 hexadecimal digits."), QStringLiteral("joinEui"));
        int number = 1;
        for (int i = 0; i < int(count); ++i) {
            QString deviceId;
            do {
                deviceId = prefix + QString::number(number++);
            } while (takenIds.contains(deviceId));
            if (!TtsEndDevice::isValidId(deviceId)) {
                return badRequest(code,
                                  tr("The prefix \"%1\" gives the invalid device id \"%2\": ids have 3 to 36 "
                                     "lower-case letters, digits and single dashes.")
                                      .arg(prefix.left(40), deviceId.left(64)),
                                  QStringLiteral("prefix"));
            }
            takenIds.insert(deviceId);
            TtsApplicationModel::ProvisionSpec spec = defaults;
            spec.deviceId = deviceId;
            spec.devEui = freshDevEui();
            spec.joinEui = joinEui.toUpper();
            spec.appKey = m_model->randomHex(32);
            specs.append(spec);
        }
    } else {
        const QJsonValue list = object.value(QStringLiteral("devices"));
        if (!list.isArray() || list.toArray().isEmpty() || list.toArray().size() > MaxDevicesPerRequest) {
            return badRequest(code, tr("\"devices\" must be a list of 1 to %1 devices.").arg(MaxDevicesPerRequest),
                              QStringLiteral("devices"));
        }
        const QJsonArray array = list.toArray();
        const QStringList known = QStringList {QStringLiteral("deviceId"), QStringLiteral("devEui"),
                                               QStringLiteral("joinEui"), QStringLiteral("appKey"),
                                               QStringLiteral("nwkKey"), QStringLiteral("name")} +
            common;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString at = QStringLiteral("devices[%1]").arg(i);
            if (!array.at(i).isObject())
                return badRequest(code, tr("%1 must be a JSON object.").arg(at), at);
            const QJsonObject item = array.at(i).toObject();
            if (auto unknown = unknownMember(item, known, code, at + QLatin1Char('.')))
                return *unknown;
            TtsApplicationModel::ProvisionSpec spec = defaults;
            spec.deviceId = item.value(QStringLiteral("deviceId")).toString();
            if (!TtsEndDevice::isValidId(spec.deviceId)) {
                return badRequest(code,
                                  tr("%1.deviceId \"%2\" is not a valid device id: 3 to 36 lower-case letters, digits "
                                     "and single dashes.")
                                      .arg(at, spec.deviceId.left(64)),
                                  at + QStringLiteral(".deviceId"));
            }
            struct HexField
            {
                const char *name;
                int digits;
                QString *target;
            };
            const HexField fields[] = {{"devEui", 16, &spec.devEui},
                                       {"joinEui", 16, &spec.joinEui},
                                       {"appKey", 32, &spec.appKey},
                                       {"nwkKey", 32, &spec.nwkKey}};
            for (const HexField &field : fields) {
                const QString value = item.value(QLatin1String(field.name)).toString();
                if (!value.isEmpty() && !JsonFieldReader::isHex(value, field.digits)) {
                    return badRequest(code,
                                      tr("%1.%2 must be %3 hexadecimal digits.")
                                          .arg(at, QLatin1String(field.name))
                                          .arg(field.digits),
                                      at + QLatin1Char('.') + QLatin1String(field.name));
                }
                *field.target = value.toUpper();
            }
            if (spec.devEui.isEmpty())
                spec.devEui = freshDevEui();
            if (spec.joinEui.isEmpty())
                spec.joinEui = QStringLiteral("0000000000000000");
            if (spec.appKey.isEmpty())
                spec.appKey = m_model->randomHex(32);
            spec.name = item.value(QStringLiteral("name")).toString();
            for (const QString &key : common) {
                if (item.contains(key))
                    (key == common.at(0) ? spec.frequencyPlanId
                     : key == common.at(1) ? spec.lorawanVersion
                                           : spec.lorawanPhyVersion) = item.value(key).toString();
            }
            specs.append(spec);
        }
    }

    // All or nothing: a device that cannot be created removes the ones this request created before it.
    QJsonArray created;
    QList<QString> createdIds;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        const TtsApplicationModel::ProvisionSpec &spec = specs.at(i);
        const Result<TtsApplicationModel::DeviceSummary> device = m_model->provisionDevice(applicationId, spec);
        if (!device) {
            for (const QString &deviceId : std::as_const(createdIds))
                m_model->removeFromRegistries(applicationId, deviceId, ttsAllComponents());
            QJsonObject extra {{QStringLiteral("deviceId"), spec.deviceId}};
            if (hasList)
                extra.insert(QStringLiteral("field"), QStringLiteral("devices[%1]").arg(i));
            const AdminRouter::Response failure = AdminRouter::Response::fromError(device.error());
            return AdminRouter::Response::error(
                failure.status, device.error().code(),
                tr("Device \"%1\" could not be created (nothing of this request was kept): %2")
                    .arg(spec.deviceId, device.error().message()),
                extra);
        }
        createdIds.append(spec.deviceId);
        QJsonObject entry {{QStringLiteral("deviceId"), spec.deviceId},
                           {QStringLiteral("devEui"), device.value().devEui},
                           {QStringLiteral("joinEui"), device.value().joinEui},
                           {QStringLiteral("appKey"), spec.appKey},
                           {QStringLiteral("registries"), registryNames(device.value().registries)}};
        if (!spec.nwkKey.isEmpty())
            entry.insert(QStringLiteral("nwkKey"), spec.nwkKey);
        created.append(entry);
    }
    qCInfo(lcSandbox).noquote() << "admin: created" << created.size() << "TTS device(s) in" << applicationId;
    return AdminRouter::Response::json(
        QJsonObject {{QStringLiteral("applicationId"), applicationId}, {QStringLiteral("devices"), created}});
}

AdminRouter::Response TtsAdminApi::deleteDevice(const AdminRouter::Request &request)
{
    const QString applicationId = request.query.hasQueryItem(QStringLiteral("applicationId"))
        ? request.query.queryItemValue(QStringLiteral("applicationId"))
        : QLatin1String(TtsApplicationModel::DefaultApplicationId);
    const QString deviceId = request.argument(QStringLiteral("id"));
    QList<TtsComponent> components = ttsAllComponents();
    if (request.query.hasQueryItem(QStringLiteral("registries"))) {
        components.clear();
        const QStringList names =
            request.query.queryItemValue(QStringLiteral("registries")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &name : names) {
            const std::optional<TtsComponent> component = registryOf(name.trimmed());
            if (!component) {
                return badRequest(QStringLiteral("InvalidQuery"),
                                  tr("\"%1\" is not a registry; use is, js, ns and as, separated by commas.")
                                      .arg(name.left(32)),
                                  QStringLiteral("registries"));
            }
            if (!components.contains(*component))
                components.append(*component);
        }
        if (components.isEmpty()) {
            return badRequest(QStringLiteral("InvalidQuery"), tr("Name at least one registry: is, js, ns or as."),
                              QStringLiteral("registries"));
        }
    }
    const Result<QList<TtsComponent>> removed = m_model->removeFromRegistries(applicationId, deviceId, components);
    if (!removed)
        return AdminRouter::Response::fromError(removed.error());
    QList<TtsComponent> remaining;
    for (TtsComponent component : ttsAllComponents()) {
        if (m_model->hasEntry(applicationId, deviceId, component))
            remaining.append(component);
    }
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("applicationId"), applicationId},
                                                    {QStringLiteral("deviceId"), deviceId},
                                                    {QStringLiteral("removedFrom"), registryNames(removed.value())},
                                                    {QStringLiteral("remainingIn"), registryNames(remaining)}});
}

AdminRouter::Response TtsAdminApi::faults(const AdminRouter::Request &) const
{
    QJsonArray list;
    const QList<TtsApplicationModel::Fault> all = m_model->faults();
    for (const TtsApplicationModel::Fault &fault : all)
        list.append(fault.toJson());
    return AdminRouter::Response::json(QJsonObject {{QStringLiteral("faults"), list}});
}

AdminRouter::Response TtsAdminApi::addFault(const AdminRouter::Request &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body)
        return AdminRouter::Response::fromError(body.error());
    const QJsonObject &object = body.value();
    const QString code = QStringLiteral("InvalidFaults");
    if (auto unknown = unknownMember(object,
                                     {QStringLiteral("failRegistry"), QStringLiteral("times"), QStringLiteral("status"),
                                      QStringLiteral("method")},
                                     code))
        return *unknown;
    TtsApplicationModel::Fault fault;
    const std::optional<TtsComponent> component = registryOf(object.value(QStringLiteral("failRegistry")).toString());
    if (!component) {
        return badRequest(code, tr("\"failRegistry\" must be one of is, js, ns, as."), QStringLiteral("failRegistry"));
    }
    fault.component = *component;
    struct Number
    {
        const char *name;
        int minimum;
        int maximum;
        int *target;
    };
    const Number numbers[] = {{"times", 1, MaxFaultTimes, &fault.remaining}, {"status", 400, 599, &fault.status}};
    for (const Number &number : numbers) {
        const QJsonValue value = object.value(QLatin1String(number.name));
        if (value.isUndefined())
            continue;
        const double given = value.toDouble(-1);
        if (!value.isDouble() || given != double(qint64(given)) || given < number.minimum || given > number.maximum) {
            return badRequest(code,
                              tr("\"%1\" must be a whole number from %2 to %3.")
                                  .arg(QLatin1String(number.name))
                                  .arg(number.minimum)
                                  .arg(number.maximum),
                              QLatin1String(number.name));
        }
        *number.target = int(given);
    }
    const QJsonValue method = object.value(QStringLiteral("method"));
    if (!method.isUndefined()) {
        static const QStringList methods = {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                                            QStringLiteral("DELETE")};
        if (!methods.contains(method.toString().toUpper())) {
            return badRequest(code, tr("\"method\" must be one of GET, POST, PUT, DELETE."), QStringLiteral("method"));
        }
        fault.method = method.toString().toUpper().toLatin1();
    }
    m_model->addFault(fault);
    return faults(request);
}

AdminRouter::Response TtsAdminApi::clearFaults(const AdminRouter::Request &request)
{
    m_model->clearFaults();
    return faults(request);
}

} // namespace TwinBridge::Sandbox
