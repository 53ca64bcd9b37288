#include "sandbox/admin/TtsDeviceAdminApi.h"

#include "sandbox/tts/VirtualDeviceFleet.h"

#include <QJsonArray>

#include <cmath>

namespace TwinBridge::Sandbox {

namespace {

AdminRouter::Response badRequest(const QString &code, const QString &message, const QString &field)
{
    return AdminRouter::Response::error(400, code, message, {{QStringLiteral("field"), field}});
}

} // namespace

TtsDeviceAdminApi::TtsDeviceAdminApi(VirtualDeviceFleet *fleet, QObject *parent)
    : QObject(parent)
    , m_fleet(fleet)
{ }

TtsDeviceAdminApi::~TtsDeviceAdminApi() = default;

void TtsDeviceAdminApi::registerRoutes(AdminRouter &router)
{
    router.add(
        "POST", QStringLiteral("/admin/tts/uplinks"), [this](const AdminRouter::Request &r) { return uplinks(r); },
        tr("Makes virtual devices send uplinks: {deviceId, applicationId, count, ratePerSecond, decodedPayload, "
           "frmPayload (base64), fPort}."));
    router.add(
        "GET", QStringLiteral("/admin/tts/downlinks"), [this](const AdminRouter::Request &r) { return downlinks(r); },
        tr("Downlinks of the virtual devices with their fate: ?deviceId=&applicationId=."));
    router.addResetAction(QStringLiteral("tts-devices"), [this] {
        if (m_fleet)
            m_fleet->reset();
    });
}

AdminRouter::Response TtsDeviceAdminApi::uplinks(const AdminRouter::Request &request)
{
    if (!m_fleet)
        return AdminRouter::Response::error(503, QStringLiteral("NotRunning"),
                                            tr("The virtual devices are not running."));
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        const Result<QJsonObject> parsed = request.jsonObject();
        if (!parsed)
            return AdminRouter::Response::fromError(parsed.error());
        body = parsed.value();
    }
    const auto stringField = [&body](const char *name) { return body.value(QLatin1String(name)).toString(); };
    for (const char *name : {"deviceId", "applicationId", "frmPayload"}) {
        const QJsonValue value = body.value(QLatin1String(name));
        if (!value.isUndefined() && !value.isString())
            return badRequest(QStringLiteral("InvalidField"), tr("\"%1\" must be a string.").arg(QLatin1String(name)),
                              QLatin1String(name));
    }
    const auto integerField = [&body](const char *name, int fallback, bool *ok) {
        const QJsonValue value = body.value(QLatin1String(name));
        *ok = true;
        if (value.isUndefined())
            return fallback;
        const double number = value.toDouble(-1);
        *ok = value.isDouble() && number == std::floor(number) && number >= 0 && number <= 1e9;
        return int(number);
    };
    bool ok = true;
    const int count = integerField("count", 1, &ok);
    if (!ok || count < 1)
        return badRequest(QStringLiteral("InvalidCount"), tr("\"count\" must be a whole number of at least 1."),
                          QStringLiteral("count"));
    const int fPort = integerField("fPort", 0, &ok);
    if (!ok || fPort > 223 || (body.contains(QLatin1String("fPort")) && fPort < 1)) {
        return badRequest(QStringLiteral("InvalidFPort"), tr("\"fPort\" must be a whole number between 1 and 223."),
                          QStringLiteral("fPort"));
    }
    std::optional<QJsonObject> decoded;
    if (body.contains(QLatin1String("decodedPayload"))) {
        if (!body.value(QLatin1String("decodedPayload")).isObject()) {
            return badRequest(QStringLiteral("InvalidDecodedPayload"), tr("\"decodedPayload\" must be a JSON object."),
                              QStringLiteral("decodedPayload"));
        }
        decoded = body.value(QLatin1String("decodedPayload")).toObject();
    }
    std::optional<QByteArray> frmPayload;
    if (body.contains(QLatin1String("frmPayload"))) {
        const auto bytes = QByteArray::fromBase64Encoding(stringField("frmPayload").toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes || bytes.decoded.size() > 242) {
            return badRequest(QStringLiteral("InvalidFrmPayload"),
                              tr("\"frmPayload\" must be base64 of at most 242 bytes."), QStringLiteral("frmPayload"));
        }
        frmPayload = bytes.decoded;
    }
    if (decoded && frmPayload) {
        return badRequest(QStringLiteral("InvalidBody"),
                          tr("Give either \"decodedPayload\" or \"frmPayload\", not both."),
                          QStringLiteral("frmPayload"));
    }
    const QString applicationId = stringField("applicationId");
    const QString deviceId = stringField("deviceId");

    if (body.contains(QLatin1String("ratePerSecond"))) {
        const QJsonValue rate = body.value(QLatin1String("ratePerSecond"));
        if (!rate.isDouble())
            return badRequest(QStringLiteral("InvalidRate"), tr("\"ratePerSecond\" must be a number."),
                              QStringLiteral("ratePerSecond"));
        if (frmPayload) {
            return badRequest(QStringLiteral("InvalidBody"),
                              tr("A burst takes \"decodedPayload\", not \"frmPayload\"."),
                              QStringLiteral("frmPayload"));
        }
        VirtualDeviceFleet::BurstRequest burst;
        burst.applicationId = applicationId;
        burst.deviceId = deviceId;
        burst.count = count;
        burst.ratePerSecond = rate.toDouble();
        burst.decodedPayload = decoded;
        burst.fPort = fPort;
        const Result<int> scheduled = m_fleet->startBurst(burst);
        if (!scheduled)
            return AdminRouter::Response::fromError(scheduled.error());
        return AdminRouter::Response::json(
            {{QStringLiteral("scheduled"), scheduled.value()}, {QStringLiteral("ratePerSecond"), burst.ratePerSecond}},
            202);
    }

    if (count > MaxImmediateUplinks) {
        return badRequest(
            QStringLiteral("InvalidCount"),
            tr("At most %1 uplinks at once; give \"ratePerSecond\" for a larger burst.").arg(MaxImmediateUplinks),
            QStringLiteral("count"));
    }
    QStringList devices;
    if (!deviceId.isEmpty()) {
        devices.append(deviceId);
    } else {
        devices = m_fleet->deviceIds(applicationId.isEmpty() ? m_fleet->options().applicationId : applicationId);
        if (devices.isEmpty())
            return AdminRouter::Response::error(404, QStringLiteral("NoDevices"),
                                                tr("The application has no virtual devices."));
    }
    QJsonArray sent;
    for (int i = 0; i < count; ++i) {
        VirtualDeviceFleet::UplinkRequest uplink;
        uplink.applicationId = applicationId;
        uplink.deviceId = devices.at(i % devices.size());
        uplink.decodedPayload = decoded;
        uplink.frmPayload = frmPayload;
        uplink.fPort = fPort;
        const Result<QJsonObject> message = m_fleet->sendUplink(uplink);
        if (!message)
            return AdminRouter::Response::fromError(message.error());
        sent.append(message.value());
    }
    return AdminRouter::Response::json({{QStringLiteral("uplinks"), sent}});
}

AdminRouter::Response TtsDeviceAdminApi::downlinks(const AdminRouter::Request &request) const
{
    if (!m_fleet)
        return AdminRouter::Response::error(503, QStringLiteral("NotRunning"),
                                            tr("The virtual devices are not running."));
    QJsonArray list;
    const auto records = m_fleet->deliveredDownlinks(request.query.queryItemValue(QStringLiteral("applicationId")),
                                                     request.query.queryItemValue(QStringLiteral("deviceId")));
    for (const VirtualDeviceFleet::DownlinkRecord &record : records)
        list.append(record.toJson());
    return AdminRouter::Response::json({{QStringLiteral("downlinks"), list}});
}

} // namespace TwinBridge::Sandbox
