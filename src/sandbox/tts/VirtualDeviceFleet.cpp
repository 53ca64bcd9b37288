#include "sandbox/tts/VirtualDeviceFleet.h"

#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/TtsServerError.h"
#include "services/core/Logging.h"
#include "services/protocol/ApplicationUp.h"
#include "services/protocol/JsonFieldReader.h"
#include "services/protocol/JsonFieldWriter.h"
#include "services/protocol/TtsMessageType.h"

#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace TwinBridge::Sandbox {

using namespace std::chrono_literals;

namespace {

struct Gateway
{
    const char *id;
    const char *eui;
    double latitude;
    double longitude;
    double altitude;
};

constexpr Gateway Gateways[] = {
    {"sandbox-gw-1", "B827EBFFFE000001", 52.3676, 4.9041, 12},
    {"sandbox-gw-2", "B827EBFFFE000002", 52.3791, 4.8994, 25},
};

QString key(const QString &applicationId, const QString &deviceId)
{
    return applicationId + QLatin1Char('/') + deviceId;
}

QString base64(QRandomGenerator &random, int bytes)
{
    QByteArray data(bytes, '\0');
    for (char &c : data)
        c = char(random.bounded(256));
    return QString::fromLatin1(data.toBase64());
}

// protobuf JSON for a Duration: seconds with 6 fractional digits.
QString durationText(double seconds)
{
    const qint64 micros = qint64(std::llround(seconds * 1e6));
    return QStringLiteral("%1.%2s").arg(micros / 1000000).arg(micros % 1000000, 6, 10, QLatin1Char('0'));
}

} // namespace

struct VirtualDeviceFleet::Burst
{
    QString applicationId;
    QStringList devices;
    int count = 0;
    int sent = 0;
    double rate = 1;
    qint64 startMs = 0;
    quint64 generation = 0;
    std::optional<QJsonObject> decoded;
    int fPort = 0;
};

struct VirtualDeviceFleet::Running
{
    Running(const QString &applicationId, const QString &deviceId, quint64 seed)
        : device(applicationId, deviceId, seed)
    { }
    VirtualDevice device;
    QString devEui;
    QString joinEui;
    quint64 generation = 0;
};

// ---- records ------------------------------------------------------------------------------------------------

QString VirtualDeviceFleet::DownlinkRecord::fateName(Fate fate)
{
    switch (fate) {
    case Fate::Queued:
        return QStringLiteral("queued");
    case Fate::Sent:
        return QStringLiteral("sent");
    case Fate::Acked:
        return QStringLiteral("acked");
    case Fate::Nacked:
        return QStringLiteral("nacked");
    case Fate::Failed:
        return QStringLiteral("failed");
    case Fate::Invalidated:
        return QStringLiteral("invalidated");
    }
    return {};
}

QJsonObject VirtualDeviceFleet::DownlinkRecord::toJson() const
{
    QJsonObject object {{QStringLiteral("applicationId"), applicationId},
                        {QStringLiteral("deviceId"), deviceId},
                        {QStringLiteral("fate"), fateName(fate)},
                        {QStringLiteral("downlink"), downlink.toJson()}};
    JsonFieldWriter::insertIfSet(object, QStringLiteral("queuedAt"), queuedAt);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("sentAt"), sentAt);
    JsonFieldWriter::insertIfSet(object, QStringLiteral("settledAt"), settledAt);
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return object;
}

// ---- fleet --------------------------------------------------------------------------------------------------

VirtualDeviceFleet::VirtualDeviceFleet(TtsApplicationModel *model, Options options, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_options(std::move(options))
    , m_clock(clock)
{
    m_seed = m_options.seed.value_or(QRandomGenerator::global()->generate64());
    m_random.seed(quint32(m_seed) ^ quint32(m_seed >> 32) ^ 0x5a5a5a5au);
    m_options.speed = m_options.speed > 0 ? m_options.speed : 1.0;
    m_options.nackShare = std::clamp(m_options.nackShare, 0.0, 1.0);
}

VirtualDeviceFleet::~VirtualDeviceFleet() = default;

std::chrono::milliseconds VirtualDeviceFleet::scaled(std::chrono::milliseconds simulated) const
{
    const auto real = qint64(std::llround(double(simulated.count()) / m_options.speed));
    return std::chrono::milliseconds(std::max<qint64>(real, 1));
}

int VirtualDeviceFleet::maxDownlinkPayload(int spreadingFactor)
{
    // EU863-870 RP002: N of DR0–DR2 (SF12–SF10) 51, DR3 (SF9) 115, DR4–DR5 (SF8, SF7) 222.
    if (spreadingFactor >= 10)
        return 51;
    if (spreadingFactor == 9)
        return 115;
    return 222;
}

double VirtualDeviceFleet::airtimeSeconds(int spreadingFactor, int bytes)
{
    const double symbol = std::pow(2.0, spreadingFactor) / 125000.0;
    const int lowDataRateOptimize = spreadingFactor >= 11 ? 1 : 0;
    const int codingRate = 1; // 4/5
    const double numerator = 8.0 * bytes - 4.0 * spreadingFactor + 28 + 16; // CRC on, explicit header
    const double payloadSymbols = 8 +
        std::max(std::ceil(numerator / (4.0 * (spreadingFactor - 2 * lowDataRateOptimize))) * (codingRate + 4), 0.0);
    return (8 + 4.25 + payloadSymbols) * symbol;
}

Status VirtualDeviceFleet::start()
{
    if (!m_model)
        return ServiceError(ServiceError::Kind::NotConfigured, tr("The virtual devices have no TTS model."));
    if (m_running)
        return Done {};
    if (!m_started) {
        m_started = true;
        m_model->setDownlinkEncoder([](const QString &, const QString &, const TtsDownlink &downlink) {
            return PayloadFormatterStandIn::encodeDownlink(downlink);
        });
        connect(m_model, &TtsApplicationModel::deviceCreated, this, [this](const QString &app, const QString &dev) {
            if (m_running)
                adopt(app, dev, scaled(1s));
        });
        connect(m_model, &TtsApplicationModel::deviceDeleted, this, &VirtualDeviceFleet::drop);
        connect(m_model, &TtsApplicationModel::downlinkQueued, this, &VirtualDeviceFleet::onDownlinkQueued);
        connect(m_model, &TtsApplicationModel::queueReplaced, this, &VirtualDeviceFleet::onQueueReplaced);
        if (m_options.devices > 0 && m_model->application(m_options.applicationId) &&
            m_model->devices(m_options.applicationId).isEmpty()) {
            for (int i = 1; i <= m_options.devices; ++i) {
                TtsApplicationModel::ProvisionSpec spec;
                spec.deviceId = m_options.devicePrefix + QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0'));
                spec.devEui = m_model->randomHex(16);
                spec.joinEui = QStringLiteral("70B3D57ED0000000");
                spec.appKey = m_model->randomHex(32);
                spec.name = tr("Virtual device %1").arg(i);
                const auto provisioned = m_model->provisionDevice(m_options.applicationId, spec);
                if (!provisioned)
                    return provisioned.error();
            }
        }
    }
    m_running = true;
    QList<TtsApplicationModel::DeviceSummary> complete;
    for (const TtsApplicationModel::DeviceSummary &summary : m_model->devices()) {
        if (summary.isComplete())
            complete.append(summary);
    }
    const qsizetype count = complete.size();
    for (qsizetype i = 0; i < count; ++i) {
        // Stagger the first actions over one interval.
        const auto offset =
            std::chrono::milliseconds(m_options.uplinkInterval.count() * i / std::max<qsizetype>(count, 1));
        const QString k = key(complete.at(i).applicationId, complete.at(i).deviceId);
        if (m_devices.contains(k)) {
            const auto &running = m_devices.value(k);
            schedule(k, scaled(offset), !running->device.joined);
        } else {
            adopt(complete.at(i).applicationId, complete.at(i).deviceId, scaled(offset));
        }
    }
    qCInfo(lcSandbox) << "TTS virtual devices running:" << m_devices.size() << "devices, interval"
                      << m_options.uplinkInterval.count() << "ms, speed" << m_options.speed;
    return Done {};
}

void VirtualDeviceFleet::setNackShare(double share)
{
    m_options.nackShare = std::clamp(share, 0.0, 1.0);
}

void VirtualDeviceFleet::stop()
{
    m_running = false;
    for (const auto &running : std::as_const(m_devices))
        ++running->generation;
    ++m_burstGeneration;
}

void VirtualDeviceFleet::adopt(const QString &applicationId, const QString &deviceId,
                               std::chrono::milliseconds firstAction)
{
    const QString k = key(applicationId, deviceId);
    if (m_devices.contains(k))
        return;
    auto running = std::make_shared<Running>(applicationId, deviceId, m_seed);
    if (const auto device = m_model->endDevice(applicationId, deviceId)) {
        running->devEui = device->devEui.toUpper();
        running->joinEui = device->joinEui.toUpper();
    }
    m_devices.insert(k, running);
    qCDebug(lcSandbox) << "TTS virtual device" << applicationId << deviceId << "joins in" << firstAction.count()
                       << "ms";
    schedule(k, firstAction, true);
}

void VirtualDeviceFleet::drop(const QString &applicationId, const QString &deviceId)
{
    const auto running = m_devices.take(key(applicationId, deviceId));
    if (running) {
        ++running->generation;
        qCDebug(lcSandbox) << "TTS virtual device" << applicationId << deviceId << "left the simulation";
    }
}

QStringList VirtualDeviceFleet::deviceIds(const QString &applicationId) const
{
    QStringList ids;
    for (const auto &running : m_devices) {
        if (applicationId.isEmpty() || running->device.applicationId == applicationId)
            ids.append(running->device.deviceId);
    }
    return ids;
}

const VirtualDevice *VirtualDeviceFleet::device(const QString &applicationId, const QString &deviceId) const
{
    const auto running = m_devices.value(key(applicationId, deviceId));
    return running ? &running->device : nullptr;
}

void VirtualDeviceFleet::schedule(const QString &k, std::chrono::milliseconds realDelay, bool join)
{
    const auto running = m_devices.value(k);
    if (!running)
        return;
    const quint64 generation = ++running->generation;
    m_clock->callAfter(realDelay, this, [this, k, generation, join] { tick(k, generation, join); });
}

void VirtualDeviceFleet::tick(const QString &k, quint64 generation, bool join)
{
    const auto running = m_devices.value(k);
    if (!running || running->generation != generation || !m_running)
        return;
    VirtualDevice &device = running->device;
    if (join || !device.joined) {
        if (Status joined = joinDevice(device); !joined) {
            qCWarning(lcSandbox).noquote()
                << "TTS virtual device" << device.deviceId << "could not join:" << joined.error().message();
            schedule(k, scaled(m_options.uplinkInterval), true);
            return;
        }
        schedule(k, scaled(m_options.joinToUplink), false);
        return;
    }
    Status status;
    uplinkCycle(device, nullptr, &status);
    if (!status)
        qCWarning(lcSandbox).noquote() << "TTS virtual device" << device.deviceId
                                       << "uplink:" << status.error().message();
    if (m_devices.value(k) == running)
        schedule(k, scaled(m_options.uplinkInterval), false);
}

QString VirtualDeviceFleet::ulid(QRandomGenerator &random) const
{
    static constexpr char Alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    quint64 time = quint64(m_clock->nowUtc().toMSecsSinceEpoch());
    QString text(26, QLatin1Char('0'));
    for (int i = 9; i >= 0; --i) {
        text[i] = QLatin1Char(Alphabet[time & 31]);
        time >>= 5;
    }
    for (int i = 10; i < 26; ++i)
        text[i] = QLatin1Char(Alphabet[random.bounded(32)]);
    return text;
}

QJsonObject VirtualDeviceFleet::envelope(const QString &applicationId, const QString &deviceId,
                                         const QString &receivedAt) const
{
    QJsonObject ids {
        {QStringLiteral("device_id"), deviceId},
        {QStringLiteral("application_ids"), QJsonObject {{QStringLiteral("application_id"), applicationId}}}};
    const auto running = m_devices.value(key(applicationId, deviceId));
    if (running) {
        JsonFieldWriter::insertIfSet(ids, QStringLiteral("dev_eui"), running->devEui);
        JsonFieldWriter::insertIfSet(ids, QStringLiteral("join_eui"), running->joinEui);
        if (running->device.joined)
            JsonFieldWriter::insertIfSet(ids, QStringLiteral("dev_addr"), running->device.devAddr);
    } else if (m_model) {
        if (const auto device = m_model->endDevice(applicationId, deviceId)) {
            JsonFieldWriter::insertIfSet(ids, QStringLiteral("dev_eui"), device->devEui.toUpper());
            JsonFieldWriter::insertIfSet(ids, QStringLiteral("join_eui"), device->joinEui.toUpper());
            JsonFieldWriter::insertIfSet(ids, QStringLiteral("dev_addr"), device->devAddr.toUpper());
        }
    }
    return {{QStringLiteral("end_device_ids"), ids}, {QStringLiteral("received_at"), receivedAt}};
}

QJsonObject VirtualDeviceFleet::envelope(const VirtualDevice &device, const QString &receivedAt) const
{
    return envelope(device.applicationId, device.deviceId, receivedAt);
}

void VirtualDeviceFleet::emitUp(const QString &applicationId, const QString &deviceId, TtsTopic::Kind kind,
                                const QString &member, const QJsonObject &payload, const QStringList &correlationIds)
{
    if (!m_model)
        return;
    const auto application = m_model->application(applicationId);
    if (!application)
        return;
    QJsonObject message = envelope(applicationId, deviceId, m_model->timestamp());
    message.insert(QStringLiteral("correlation_ids"), QJsonArray::fromStringList(correlationIds));
    message.insert(member, payload);
    emit applicationUp(TtsTopic::build(applicationId, application->tenantId, deviceId, kind), message);
}

Status VirtualDeviceFleet::joinDevice(VirtualDevice &device)
{
    const QDateTime now = m_clock->nowUtc();
    device.join();
    if (Status session =
            m_model->setSession(device.applicationId, device.deviceId, device.devAddr, device.sessionKeyId);
        !session) {
        device.joined = false;
        return session;
    }
    const QString upId = ulid(device.random());
    const QJsonObject joinAccept {
        {QStringLiteral("session_key_id"), device.sessionKeyId},
        {QStringLiteral("received_at"),
         TtsApplicationModel::formatTimestamp(now.addMSecs(-120), int(device.random().bounded(999999)))}};
    emitUp(device.applicationId, device.deviceId, TtsTopic::Kind::JoinAccept,
           ttsMessageTypeJsonField(TtsMessageType::JoinAccept), joinAccept,
           {QStringLiteral("as:up:") + upId, QStringLiteral("gs:uplink:") + ulid(device.random()),
            QStringLiteral("js:join:") + ulid(device.random()), QStringLiteral("ns:uplink:") + ulid(device.random())});
    qCDebug(lcSandbox) << "TTS virtual device" << device.deviceId << "joined as" << device.devAddr;
    return Done {};
}

void VirtualDeviceFleet::settleAck(VirtualDevice &device)
{
    if (!device.awaitingAck)
        return;
    const TtsDownlink downlink = *device.awaitingAck;
    device.awaitingAck.reset();
    device.awaitingAckId.clear();
    const bool nack = m_options.nackShare > 0 && device.random().generateDouble() < m_options.nackShare;
    const TtsMessageType type = nack ? TtsMessageType::DownlinkNack : TtsMessageType::DownlinkAck;
    emitUp(device.applicationId, device.deviceId, TtsTopic::kindFor(type), ttsMessageTypeJsonField(type),
           downlink.toJson(), QStringList {QStringLiteral("as:up:") + ulid(device.random())} + downlink.correlationIds);
    record(device.applicationId, device.deviceId, downlink, nack ? Fate::Nacked : Fate::Acked);
}

void VirtualDeviceFleet::deliverNextDownlink(VirtualDevice &device, int spreadingFactor)
{
    while (auto downlink = m_model->popDownlink(device.applicationId, device.deviceId)) {
        if (downlink->frmPayload.size() > maxDownlinkPayload(spreadingFactor)) {
            const ServiceError error =
                TtsServerError::make(TtsServerError::InvalidArgument, QStringLiteral("pkg/networkserver"),
                                     QStringLiteral("application_downlink_too_long"),
                                     QStringLiteral("application downlink payload is too long"));
            QJsonObject details = TtsServerError::body(error, m_model->correlationId())
                                      .value(QStringLiteral("details"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
            details.remove(QStringLiteral("@type"));
            emitUp(device.applicationId, device.deviceId, TtsTopic::Kind::DownlinkFailed,
                   ttsMessageTypeJsonField(TtsMessageType::DownlinkFailed),
                   {{QStringLiteral("downlink"), downlink->toJson()}, {QStringLiteral("error"), details}},
                   QStringList {QStringLiteral("as:up:") + ulid(device.random())} + downlink->correlationIds);
            record(device.applicationId, device.deviceId, *downlink, Fate::Failed, details);
            continue;
        }
        emitUp(device.applicationId, device.deviceId, TtsTopic::Kind::DownlinkSent,
               ttsMessageTypeJsonField(TtsMessageType::DownlinkSent), downlink->toJson(),
               QStringList {QStringLiteral("as:up:") + ulid(device.random())} + downlink->correlationIds);
        record(device.applicationId, device.deviceId, *downlink, Fate::Sent);
        if (downlink->confirmed) {
            device.awaitingAck = *downlink;
            device.awaitingAckId = downlinkId(*downlink);
            if (m_options.ackTiming == AckTiming::AfterSent)
                settleAck(device);
        }
        return;
    }
}

QJsonObject VirtualDeviceFleet::uplinkCycle(VirtualDevice &device, const UplinkRequest *request, Status *status)
{
    *status = Done {};
    if (!device.joined) {
        if (Status joined = joinDevice(device); !joined) {
            *status = joined;
            return {};
        }
    }
    QByteArray frmPayload;
    std::optional<QJsonObject> decoded;
    if (request && request->frmPayload) {
        frmPayload = *request->frmPayload;
        if (const auto reading = PayloadFormatterStandIn::decodeUplink(frmPayload))
            decoded = PayloadFormatterStandIn::toDecodedPayload(*reading);
    } else if (request && request->decodedPayload) {
        Result<SensorReading> reading =
            PayloadFormatterStandIn::fromDecodedPayload(*request->decodedPayload, device.reading());
        if (!reading) {
            *status = reading.error();
            return {};
        }
        device.setReading(reading.value());
        frmPayload = PayloadFormatterStandIn::encodeUplink(reading.value());
        decoded = PayloadFormatterStandIn::toDecodedPayload(reading.value());
    } else {
        const SensorReading reading = device.nextReading();
        frmPayload = PayloadFormatterStandIn::encodeUplink(reading);
        decoded = PayloadFormatterStandIn::toDecodedPayload(*PayloadFormatterStandIn::decodeUplink(frmPayload));
    }
    const int fPort = request && request->fPort != 0 ? request->fPort : PayloadFormatterStandIn::SensorPort;

    // The ACK of a confirmed downlink rides on this uplink.
    settleAck(device);

    ++device.fCntUp;
    const VirtualDevice::Radio radio = device.nextRadio();
    const Gateway &gateway = Gateways[radio.gatewayIndex];
    QRandomGenerator &random = device.random();
    const QDateTime now = m_clock->nowUtc();
    const QDateTime gatewayTime = now.addMSecs(-250);
    const auto concentratorTimestamp =
        quint32((quint64(m_clock->monotonicMs()) * 1000u + quint64(radio.gatewayIndex) * 1234567890u) & 0xffffffffu);

    const QJsonObject rx {
        {QStringLiteral("gateway_ids"),
         QJsonObject {{QStringLiteral("gateway_id"), QLatin1String(gateway.id)},
                      {QStringLiteral("eui"), QLatin1String(gateway.eui)}}},
        {QStringLiteral("time"), JsonFieldReader::formatTimestamp(gatewayTime)},
        {QStringLiteral("timestamp"), double(concentratorTimestamp)},
        {QStringLiteral("rssi"), radio.rssi},
        {QStringLiteral("channel_rssi"), radio.rssi},
        {QStringLiteral("snr"), radio.snr},
        {QStringLiteral("location"),
         QJsonObject {{QStringLiteral("latitude"), gateway.latitude},
                      {QStringLiteral("longitude"), gateway.longitude},
                      {QStringLiteral("altitude"), gateway.altitude},
                      {QStringLiteral("source"), QStringLiteral("SOURCE_REGISTRY")}}},
        {QStringLiteral("uplink_token"), base64(random, 24)},
        {QStringLiteral("channel_index"), radio.channelIndex},
        {QStringLiteral("received_at"),
         TtsApplicationModel::formatTimestamp(now.addMSecs(-200), int(random.bounded(999999)))},
    };
    const QJsonObject settings {
        {QStringLiteral("data_rate"),
         QJsonObject {{QStringLiteral("lora"),
                       QJsonObject {{QStringLiteral("bandwidth"), 125000},
                                    {QStringLiteral("spreading_factor"), radio.spreadingFactor},
                                    {QStringLiteral("coding_rate"), QStringLiteral("4/5")}}}}},
        {QStringLiteral("frequency"), QString::number(radio.frequency)},
        {QStringLiteral("timestamp"), double(concentratorTimestamp)},
        {QStringLiteral("time"), JsonFieldReader::formatTimestamp(gatewayTime)},
    };
    QJsonObject uplink {
        {QStringLiteral("session_key_id"), device.sessionKeyId},
        {QStringLiteral("f_port"), fPort},
        {QStringLiteral("f_cnt"), double(device.fCntUp)},
        {QStringLiteral("rx_metadata"), QJsonArray {rx}},
        {QStringLiteral("settings"), settings},
        {QStringLiteral("received_at"),
         TtsApplicationModel::formatTimestamp(now.addMSecs(-50), int(random.bounded(999999)))},
        {QStringLiteral("consumed_airtime"),
         durationText(airtimeSeconds(radio.spreadingFactor, 13 + int(frmPayload.size())))},
    };
    if (!frmPayload.isEmpty())
        uplink.insert(QStringLiteral("frm_payload"), QString::fromLatin1(frmPayload.toBase64()));
    if (decoded)
        uplink.insert(QStringLiteral("decoded_payload"), *decoded);
    const auto application = m_model->application(device.applicationId);
    uplink.insert(QStringLiteral("network_ids"),
                  QJsonObject {{QStringLiteral("net_id"), QStringLiteral("000013")},
                               {QStringLiteral("ns_id"), QStringLiteral("EC656E0000000101")},
                               {QStringLiteral("tenant_id"), application ? application->tenantId : QString()},
                               {QStringLiteral("cluster_id"), QStringLiteral("sandbox")},
                               {QStringLiteral("cluster_address"), QStringLiteral("127.0.0.1")}});
    if (const auto endDevice = m_model->endDevice(device.applicationId, device.deviceId)) {
        const TtsEndDevice::VersionIds &version = endDevice->versionIds;
        if (!version.isEmpty()) {
            QJsonObject versionIds;
            JsonFieldWriter::insertIfSet(versionIds, QStringLiteral("brand_id"), version.brandId);
            JsonFieldWriter::insertIfSet(versionIds, QStringLiteral("model_id"), version.modelId);
            JsonFieldWriter::insertIfSet(versionIds, QStringLiteral("hardware_version"), version.hardwareVersion);
            JsonFieldWriter::insertIfSet(versionIds, QStringLiteral("firmware_version"), version.firmwareVersion);
            JsonFieldWriter::insertIfSet(versionIds, QStringLiteral("band_id"), version.bandId);
            uplink.insert(QStringLiteral("version_ids"), versionIds);
        }
        if (!endDevice->locations.isEmpty())
            uplink.insert(QStringLiteral("locations"), endDevice->locations);
    }

    const QString upId = ulid(random);
    const QStringList correlationIds {QStringLiteral("as:up:") + upId,
                                      QStringLiteral("gs:conn:") + ulid(random),
                                      QStringLiteral("gs:up:host:") + ulid(random),
                                      QStringLiteral("gs:uplink:") + ulid(random),
                                      QStringLiteral("ns:uplink:") + ulid(random),
                                      QStringLiteral("rpc:/ttn.lorawan.v3.GsNs/HandleUplink:") + ulid(random),
                                      QStringLiteral("rpc:/ttn.lorawan.v3.NsAs/HandleUplink:") + ulid(random)};
    const QString topicMember = ttsMessageTypeJsonField(TtsMessageType::Uplink);
    QJsonObject message;
    {
        // Build it once, emit it and hand it back to the caller (admin API).
        const auto app = m_model->application(device.applicationId);
        message = envelope(device, m_model->timestamp());
        message.insert(QStringLiteral("correlation_ids"), QJsonArray::fromStringList(correlationIds));
        message.insert(topicMember, uplink);
        if (app) {
            emit applicationUp(
                TtsTopic::build(device.applicationId, app->tenantId, device.deviceId, TtsTopic::Kind::Uplink), message);
        }
    }
    m_model->recordLastSeen(device.applicationId, device.deviceId, now);

    if (m_options.locationProbability > 0 && random.generateDouble() < m_options.locationProbability) {
        ApplicationUp::Location location;
        location.latitude = gateway.latitude + (random.generateDouble() - 0.5) * 0.01;
        location.longitude = gateway.longitude + (random.generateDouble() - 0.5) * 0.01;
        location.altitude = std::round(random.generateDouble() * 30);
        location.accuracy = std::round(20 + random.generateDouble() * 200);
        location.source = QStringLiteral("SOURCE_GPS");
        emitUp(device.applicationId, device.deviceId, TtsTopic::Kind::LocationSolved,
               ttsMessageTypeJsonField(TtsMessageType::LocationSolved),
               {{QStringLiteral("service"), QStringLiteral("frm-payload")},
                {QStringLiteral("location"), location.toJson()}},
               {QStringLiteral("as:up:") + ulid(random)});
    }
    if (m_options.serviceDataProbability > 0 && random.generateDouble() < m_options.serviceDataProbability) {
        emitUp(device.applicationId, device.deviceId, TtsTopic::Kind::ServiceData,
               ttsMessageTypeJsonField(TtsMessageType::ServiceData),
               {{QStringLiteral("service"), QStringLiteral("lora-cloud-device-management-v1")},
                {QStringLiteral("data"),
                 QJsonObject {{QStringLiteral("battery_voltage"), device.reading().battery},
                              {QStringLiteral("uplink_count"), double(device.fCntUp)}}}},
               {QStringLiteral("as:up:") + ulid(random)});
    }

    deliverNextDownlink(device, radio.spreadingFactor);
    return message;
}

Result<QJsonObject> VirtualDeviceFleet::sendUplink(const UplinkRequest &request)
{
    const QString applicationId = request.applicationId.isEmpty() ? m_options.applicationId : request.applicationId;
    const auto running = m_devices.value(key(applicationId, request.deviceId));
    if (!running) {
        ServiceError error(ServiceError::Kind::NotFound,
                           tr("Device \"%1\" of application \"%2\" is not a virtual device. Create it in IS, JS, NS "
                              "and AS first (POST /admin/tts/devices).")
                               .arg(request.deviceId, applicationId));
        error.setCode(QStringLiteral("DeviceNotFound"));
        return error;
    }
    if (request.fPort < 0 || request.fPort > TtsDownlink::MaxFPort) {
        return ServiceError::invalidInput(
            tr("fPort must be between %1 and %2.").arg(TtsDownlink::MinFPort).arg(TtsDownlink::MaxFPort),
            QStringLiteral("InvalidFPort"));
    }
    Status status;
    QJsonObject message = uplinkCycle(running->device, &request, &status);
    if (!status)
        return status.error();
    return message;
}

Result<int> VirtualDeviceFleet::startBurst(const BurstRequest &request)
{
    const QString applicationId = request.applicationId.isEmpty() ? m_options.applicationId : request.applicationId;
    if (request.count < 1 || request.count > m_options.maxBurst)
        return ServiceError::invalidInput(tr("count must be between 1 and %1.").arg(m_options.maxBurst),
                                          QStringLiteral("InvalidCount"));
    if (!(request.ratePerSecond > 0) || request.ratePerSecond > 10000)
        return ServiceError::invalidInput(tr("ratePerSecond must be above 0 and at most 10000."),
                                          QStringLiteral("InvalidRate"));
    QStringList devices;
    if (!request.deviceId.isEmpty()) {
        if (!m_devices.contains(key(applicationId, request.deviceId))) {
            ServiceError error(ServiceError::Kind::NotFound,
                               tr("Device \"%1\" of application \"%2\" is not a virtual device.")
                                   .arg(request.deviceId, applicationId));
            error.setCode(QStringLiteral("DeviceNotFound"));
            return error;
        }
        devices.append(request.deviceId);
    } else {
        devices = deviceIds(applicationId);
        if (devices.isEmpty()) {
            ServiceError error(ServiceError::Kind::NotFound,
                               tr("Application \"%1\" has no virtual devices.").arg(applicationId));
            error.setCode(QStringLiteral("NoDevices"));
            return error;
        }
    }
    auto burst = std::make_shared<Burst>();
    burst->applicationId = applicationId;
    burst->devices = devices;
    burst->count = request.count;
    burst->rate = request.ratePerSecond;
    burst->startMs = m_clock->monotonicMs();
    burst->generation = m_burstGeneration;
    burst->decoded = request.decodedPayload;
    burst->fPort = request.fPort;
    m_clock->callAfter(0ms, this, [this, burst] { burstStep(burst); });
    return request.count;
}

void VirtualDeviceFleet::burstStep(const std::shared_ptr<Burst> &burst)
{
    if (burst->generation != m_burstGeneration)
        return;
    UplinkRequest uplink;
    uplink.applicationId = burst->applicationId;
    uplink.deviceId = burst->devices.at(burst->sent % burst->devices.size());
    uplink.decodedPayload = burst->decoded;
    uplink.fPort = burst->fPort;
    if (const auto sent = sendUplink(uplink); !sent)
        qCDebug(lcSandbox).noquote() << "TTS burst uplink:" << sent.error().message();
    if (++burst->sent >= burst->count)
        return;
    const qint64 due = burst->startMs + qint64(std::llround(burst->sent * 1000.0 / burst->rate));
    const auto delay = std::chrono::milliseconds(std::max<qint64>(due - m_clock->monotonicMs(), 0));
    m_clock->callAfter(delay, this, [this, burst] { burstStep(burst); });
}

QString VirtualDeviceFleet::downlinkId(const TtsDownlink &downlink)
{
    for (const QString &id : downlink.correlationIds) {
        if (id.startsWith(QLatin1String("as:downlink:")))
            return id;
    }
    return {};
}

void VirtualDeviceFleet::record(const QString &applicationId, const QString &deviceId, const TtsDownlink &downlink,
                                Fate fate, const QJsonObject &error)
{
    if (!m_model)
        return;
    QList<DownlinkRecord> &records = m_records[key(applicationId, deviceId)];
    const QString id = downlinkId(downlink);
    DownlinkRecord *entry = nullptr;
    if (!id.isEmpty()) {
        for (qsizetype i = records.size() - 1; i >= 0; --i) {
            if (downlinkId(records[i].downlink) == id) {
                entry = &records[i];
                break;
            }
        }
    }
    const QString now = m_model->timestamp();
    if (!entry) {
        records.append(DownlinkRecord {});
        entry = &records.last();
        entry->applicationId = applicationId;
        entry->deviceId = deviceId;
        entry->queuedAt = now;
    }
    entry->downlink = downlink;
    entry->fate = fate;
    if (fate == Fate::Sent)
        entry->sentAt = now;
    else if (fate != Fate::Queued)
        entry->settledAt = now;
    if (!error.isEmpty())
        entry->error = error;
    while (records.size() > m_options.maxRecordedDownlinksPerDevice)
        records.removeFirst();
}

QList<VirtualDeviceFleet::DownlinkRecord> VirtualDeviceFleet::deliveredDownlinks(const QString &applicationId,
                                                                                 const QString &deviceId) const
{
    const QString app = applicationId.isEmpty() ? m_options.applicationId : applicationId;
    if (!deviceId.isEmpty())
        return m_records.value(key(app, deviceId));
    QList<DownlinkRecord> all;
    for (auto it = m_records.constBegin(); it != m_records.constEnd(); ++it) {
        if (it.key().startsWith(app + QLatin1Char('/')))
            all += it.value();
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const DownlinkRecord &a, const DownlinkRecord &b) { return a.queuedAt < b.queuedAt; });
    return all;
}

void VirtualDeviceFleet::onDownlinkQueued(const QString &applicationId, const QString &deviceId,
                                          const QList<TtsDownlink> &queued)
{
    for (const TtsDownlink &downlink : queued) {
        record(applicationId, deviceId, downlink, Fate::Queued);
        emitUp(applicationId, deviceId, TtsTopic::Kind::DownlinkQueued,
               ttsMessageTypeJsonField(TtsMessageType::DownlinkQueued), downlink.toJson(),
               QStringList {QStringLiteral("as:up:") + ulid(m_random)} + downlink.correlationIds);
    }
}

void VirtualDeviceFleet::onQueueReplaced(const QString &applicationId, const QString &deviceId,
                                         const QList<TtsDownlink> &invalidated, const QList<TtsDownlink> &queued)
{
    if (!invalidated.isEmpty()) {
        QJsonArray downlinks;
        QString sessionKeyId;
        qint64 lastFCntDown = 0;
        for (const TtsDownlink &downlink : invalidated) {
            downlinks.append(downlink.toJson());
            record(applicationId, deviceId, downlink, Fate::Invalidated);
            if (sessionKeyId.isEmpty())
                sessionKeyId = downlink.sessionKeyId;
        }
        if (invalidated.first().fCnt > 0)
            lastFCntDown = invalidated.first().fCnt - 1;
        QJsonObject payload {{QStringLiteral("downlinks"), downlinks}};
        if (lastFCntDown > 0)
            payload.insert(QStringLiteral("last_f_cnt_down"), double(lastFCntDown));
        JsonFieldWriter::insertIfSet(payload, QStringLiteral("session_key_id"), sessionKeyId);
        emitUp(applicationId, deviceId, TtsTopic::Kind::DownlinkQueueInvalidated,
               ttsMessageTypeJsonField(TtsMessageType::DownlinkQueueInvalidated), payload,
               {QStringLiteral("as:up:") + ulid(m_random)});
    }
    onDownlinkQueued(applicationId, deviceId, queued);
}

void VirtualDeviceFleet::publishRejected(const QString &applicationId, const QString &deviceId,
                                         const QList<TtsDownlink> &downlinks, const ServiceError &error)
{
    if (!m_model)
        return;
    QJsonObject details = TtsServerError::body(error, m_model->correlationId())
                              .value(QStringLiteral("details"))
                              .toArray()
                              .at(0)
                              .toObject();
    details.remove(QStringLiteral("@type"));
    for (const TtsDownlink &downlink : downlinks) {
        record(applicationId, deviceId, downlink, Fate::Failed, details);
        emitUp(applicationId, deviceId, TtsTopic::Kind::DownlinkFailed,
               ttsMessageTypeJsonField(TtsMessageType::DownlinkFailed),
               {{QStringLiteral("downlink"), downlink.toJson()}, {QStringLiteral("error"), details}},
               QStringList {QStringLiteral("as:up:") + ulid(m_random)} + downlink.correlationIds);
    }
}

void VirtualDeviceFleet::reset()
{
    m_records.clear();
    ++m_burstGeneration;
}

} // namespace TwinBridge::Sandbox
