#include "sandbox/tts/PayloadFormatterStandIn.h"
#include "sandbox/tts/TtsApplicationModel.h"
#include "sandbox/tts/VirtualDevice.h"
#include "sandbox/tts/VirtualDeviceFleet.h"
#include "services/core/Clock.h"
#include "services/protocol/ApplicationUp.h"
#include "services/protocol/TtsTopic.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>
#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace std::chrono_literals;

namespace {

struct Message
{
    QString topic;
    QJsonObject body;
    qint64 atMs = 0;
    QString suffix() const { return topic.section(QLatin1Char('/'), 4); }
    QString device() const { return topic.section(QLatin1Char('/'), 3, 3); }
};

// A model, a fleet and everything the fleet emitted, on a ManualClock.
struct Rig
{
    explicit Rig(VirtualDeviceFleet::Options options, quint64 modelSeed = 7)
        : model(&clock, modelSeed)
    {
        model.ensureDefaultApplication();
        fleet = std::make_unique<VirtualDeviceFleet>(&model, options, &clock);
        QObject::connect(fleet.get(), &VirtualDeviceFleet::applicationUp, fleet.get(),
                         [this](const QString &topic, const QJsonObject &body) {
                             messages.append({topic, body, clock.monotonicMs()});
                         });
    }

    QList<Message> of(const QString &suffix, const QString &device = {}) const
    {
        QList<Message> result;
        for (const Message &message : messages) {
            if (message.suffix() == suffix && (device.isEmpty() || message.device() == device))
                result.append(message);
        }
        return result;
    }

    ManualClock clock;
    TtsApplicationModel model;
    std::unique_ptr<VirtualDeviceFleet> fleet;
    QList<Message> messages;
};

VirtualDeviceFleet::Options quietOptions(int devices, quint64 seed = 42)
{
    VirtualDeviceFleet::Options options;
    options.devices = devices;
    options.seed = seed;
    options.uplinkInterval = 60s;
    options.locationProbability = 0;
    options.serviceDataProbability = 0;
    return options;
}

QJsonObject downlinkBody(int fPort, const QByteArray &bytes, bool confirmed = false)
{
    QJsonObject downlink {{QStringLiteral("f_port"), fPort},
                          {QStringLiteral("frm_payload"), QString::fromLatin1(bytes.toBase64())},
                          {QStringLiteral("priority"), QStringLiteral("NORMAL")}};
    if (confirmed)
        downlink.insert(QStringLiteral("confirmed"), true);
    return {{QStringLiteral("downlinks"), QJsonArray {downlink}}};
}

const QString App = QStringLiteral("demo-app");

} // namespace

// VirtualDeviceFleet on a ManualClock: provisioning, staggering, speed, determinism, the uplink format and the
// downlink state machine driven through TtsApplicationModel's queue.
class TestVirtualDeviceFleet : public QObject
{
    Q_OBJECT

private slots:
    void provisionsDevicesAndStaggersTheirJoins();
    void uplinksFollowTheIntervalScaledBySpeed_data();
    void uplinksFollowTheIntervalScaledBySpeed();
    void sameSeedGivesTheSamePayloads();
    void randomWalkStaysWithinItsBounds();
    void uplinkFollowsTheApplicationUpFormat();
    void uplinkUpdatesLastSeen();
    void downlinkIsQueuedSentAndAcked_data();
    void downlinkIsQueuedSentAndAcked();
    void nackShareNacksConfirmedDownlinks();
    void replaceInvalidatesTheQueue();
    void downlinkTooLongForTheDataRateFails();
    void decodedPayloadDownlinkIsEncoded();
    void devicesCreatedLaterJoinAndDeletedOnesLeave();
    void burstSendsAtTheRate();
    void explicitUplinkPayloads();
    void optionalMessagesFollowTheirProbability();
    void rejectedPushIsDownFailedWithTheErrorShape();
    void stopPausesAndStartResumes();
};

void TestVirtualDeviceFleet::provisionsDevicesAndStaggersTheirJoins()
{
    Rig rig(quietOptions(3));
    QVERIFY(rig.fleet->start().ok());
    QCOMPARE(rig.model.devices(App).size(), 3);
    QCOMPARE(rig.fleet->deviceIds(App),
             (QStringList {QStringLiteral("dev-001"), QStringLiteral("dev-002"), QStringLiteral("dev-003")}));
    rig.clock.advance(61s);
    const QList<Message> joins = rig.of(QStringLiteral("join"));
    QCOMPARE(joins.size(), 3);
    // Staggered over one interval (60 s / 3 devices), first uplink joinToUplink (2 s) after the join.
    QCOMPARE(joins.at(0).device(), QStringLiteral("dev-001"));
    QCOMPARE(joins.at(0).atMs, 1);
    QCOMPARE(joins.at(1).atMs, 20000);
    QCOMPARE(joins.at(2).atMs, 40000);
    QCOMPARE(rig.of(QStringLiteral("up"), QStringLiteral("dev-002")).first().atMs, 22000);
    // A second start() of a running fleet and a restart on existing state provision nothing more.
    QVERIFY(rig.fleet->start().ok());
    QCOMPARE(rig.model.devices(App).size(), 3);
    // The join sets the session in the model.
    const auto device = rig.model.endDevice(App, QStringLiteral("dev-001"));
    QVERIFY(device);
    QCOMPARE(device->devAddr,
             joins.at(0).body[QStringLiteral("end_device_ids")][QStringLiteral("dev_addr")].toString());
    const Result<ApplicationUp> join = ApplicationUp::fromJson(joins.at(0).body);
    QVERIFY2(join.ok(), qPrintable(join.error().message()));
    QCOMPARE(join.value().type(), TtsMessageType::JoinAccept);
    QVERIFY(!join.value().joinAccept().sessionKeyId.isEmpty());
    QVERIFY(join.value().correlationIds().first().startsWith(QLatin1String("as:up:")));
}

void TestVirtualDeviceFleet::uplinksFollowTheIntervalScaledBySpeed_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("expectedGapMs");
    QTest::addRow("real time") << 1.0 << qint64(60000);
    QTest::addRow("10x") << 10.0 << qint64(6000);
    QTest::addRow("600x") << 600.0 << qint64(100);
}

void TestVirtualDeviceFleet::uplinksFollowTheIntervalScaledBySpeed()
{
    QFETCH(double, speed);
    QFETCH(qint64, expectedGapMs);
    VirtualDeviceFleet::Options options = quietOptions(1);
    options.speed = speed;
    Rig rig(options);
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(std::chrono::milliseconds(expectedGapMs * 5));
    const QList<Message> ups = rig.of(QStringLiteral("up"));
    QVERIFY(ups.size() >= 4);
    for (qsizetype i = 1; i < ups.size(); ++i)
        QCOMPARE(ups.at(i).atMs - ups.at(i - 1).atMs, expectedGapMs);
    // f_cnt counts up from 1.
    for (qsizetype i = 0; i < ups.size(); ++i)
        QCOMPARE(ups.at(i).body[QStringLiteral("uplink_message")][QStringLiteral("f_cnt")].toInteger(), i + 1);
}

void TestVirtualDeviceFleet::sameSeedGivesTheSamePayloads()
{
    const auto payloads = [](quint64 seed, int devices) {
        Rig rig(quietOptions(devices, seed));
        if (!rig.fleet->start().ok())
            return QStringList();
        rig.clock.advance(20min);
        QStringList result;
        for (const Message &up : rig.of(QStringLiteral("up"), QStringLiteral("dev-001")))
            result.append(up.body[QStringLiteral("uplink_message")][QStringLiteral("frm_payload")].toString());
        return result;
    };
    const QStringList first = payloads(1234, 2);
    QVERIFY(first.size() >= 19);
    QCOMPARE(payloads(1234, 2), first);
    // A device's walk does not depend on how many other devices there are.
    QCOMPARE(payloads(1234, 5).mid(0, 10), first.mid(0, 10));
    QVERIFY(payloads(1235, 2) != first);
}

void TestVirtualDeviceFleet::randomWalkStaysWithinItsBounds()
{
    for (quint64 seed : {1ULL, 2ULL, 99ULL}) {
        VirtualDevice device(App, QStringLiteral("walker"), seed);
        SensorReading previous = device.reading();
        double minT = 1e9, maxT = -1e9;
        for (int i = 0; i < 5000; ++i) {
            const SensorReading next = device.nextReading();
            QVERIFY(next.temperature >= VirtualDevice::MinTemperature &&
                    next.temperature <= VirtualDevice::MaxTemperature);
            QVERIFY(next.humidity >= VirtualDevice::MinHumidity && next.humidity <= VirtualDevice::MaxHumidity);
            QVERIFY(next.battery >= VirtualDevice::MinBattery && next.battery <= VirtualDevice::MaxBattery);
            // A walk, not jumps.
            QVERIFY2(
                std::abs(next.temperature - previous.temperature) <= 0.51,
                qPrintable(QStringLiteral("%1 -> %2 at %3").arg(previous.temperature).arg(next.temperature).arg(i)));
            QVERIFY(std::abs(next.humidity - previous.humidity) <= 2.01);
            QVERIFY(next.battery <= previous.battery + 0.0011);
            // What the device sends decodes to exactly the reading.
            QCOMPARE(PayloadFormatterStandIn::decodeUplink(PayloadFormatterStandIn::encodeUplink(next)).value(), next);
            minT = std::min(minT, next.temperature);
            maxT = std::max(maxT, next.temperature);
            previous = next;
        }
        QVERIFY2(maxT - minT > 3, "the temperature should wander");
    }
}

void TestVirtualDeviceFleet::uplinkFollowsTheApplicationUpFormat()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(3s);
    const QList<Message> ups = rig.of(QStringLiteral("up"));
    QCOMPARE(ups.size(), 1);
    QCOMPARE(ups.first().topic, QStringLiteral("v3/demo-app@sandbox/devices/dev-001/up"));
    const QJsonObject body = ups.first().body;
    const Result<ApplicationUp> parsed = ApplicationUp::fromJson(body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const ApplicationUp &up = parsed.value();
    QCOMPARE(up.type(), TtsMessageType::Uplink);
    const auto device = rig.model.endDevice(App, QStringLiteral("dev-001"));
    QCOMPARE(up.endDeviceIds().devEui, device->devEui.toUpper());
    QCOMPARE(up.endDeviceIds().joinEui, device->joinEui.toUpper());
    QCOMPARE(up.endDeviceIds().devAddr, device->devAddr.toUpper());
    QCOMPARE(up.endDeviceIds().applicationId, App);
    QVERIFY(up.correlationIds().first().startsWith(QLatin1String("as:up:")));
    QCOMPARE(up.correlationIds().first().size(), 6 + 26);
    QVERIFY(up.receivedAt().isValid());
    QCOMPARE(up.uplink().fPort, PayloadFormatterStandIn::SensorPort);
    QCOMPARE(up.uplink().fCnt, 1);
    QVERIFY(up.uplink().decodedPayload);
    const auto reading = PayloadFormatterStandIn::decodeUplink(up.uplink().frmPayload);
    QVERIFY(reading);
    QCOMPARE(*up.uplink().decodedPayload, PayloadFormatterStandIn::toDecodedPayload(*reading));
    QCOMPARE(up.uplink().rxMetadata.size(), 1);
    const QJsonObject rx = up.uplink().rxMetadata.first().toObject();
    for (const char *member :
         {"gateway_ids", "rssi", "channel_rssi", "snr", "timestamp", "received_at", "time", "uplink_token"})
        QVERIFY2(rx.contains(QLatin1String(member)), member);
    QVERIFY(rx[QStringLiteral("gateway_ids")][QStringLiteral("gateway_id")].isString());
    QVERIFY(rx[QStringLiteral("rssi")].toDouble() < -30 && rx[QStringLiteral("rssi")].toDouble() > -140);
    const QJsonObject lora = up.uplink().settings[QStringLiteral("data_rate")][QStringLiteral("lora")].toObject();
    QCOMPARE(lora[QStringLiteral("bandwidth")].toInt(), 125000);
    QVERIFY(lora[QStringLiteral("spreading_factor")].toInt() >= 7 &&
            lora[QStringLiteral("spreading_factor")].toInt() <= 12);
    QCOMPARE(lora[QStringLiteral("coding_rate")].toString(), QStringLiteral("4/5"));
    QVERIFY(up.uplink().settings[QStringLiteral("frequency")].isString()); // uint64 → string
    QVERIFY(up.uplink().settings[QStringLiteral("frequency")].toString().startsWith(QLatin1String("86")));
    QVERIFY(up.uplink().consumedAirtime.endsWith(QLatin1Char('s')));
    QCOMPARE(up.uplink().sessionKeyId, rig.fleet->device(App, QStringLiteral("dev-001"))->sessionKeyId);
    QCOMPARE(
        body[QStringLiteral("uplink_message")][QStringLiteral("network_ids")][QStringLiteral("tenant_id")].toString(),
        QStringLiteral("sandbox"));
    // Airtime of the documented example (SF7, 3-byte payload = 16-byte PHYPayload): 51.456 ms at CR 4/5.
    QCOMPARE(qRound(VirtualDeviceFleet::airtimeSeconds(7, 16) * 1e6), 51456);
    QCOMPARE(qRound(VirtualDeviceFleet::airtimeSeconds(12, 18) * 1e6), 1318912);
}

void TestVirtualDeviceFleet::uplinkUpdatesLastSeen()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    QVERIFY(rig.model.deviceSummary(App, QStringLiteral("dev-001"))->lastSeenAt.isEmpty());
    rig.clock.advance(3s);
    QCOMPARE(rig.model.deviceSummary(App, QStringLiteral("dev-001"))->lastSeenAt.left(19),
             rig.clock.nowUtc().addMSecs(-1000).toString(Qt::ISODate).left(19));
}

void TestVirtualDeviceFleet::downlinkIsQueuedSentAndAcked_data()
{
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<bool>("ackAfterSent");
    QTest::addRow("unconfirmed") << false << false;
    QTest::addRow("confirmed, ack with the next uplink") << true << false;
    QTest::addRow("confirmed, ack right after sent") << true << true;
}

void TestVirtualDeviceFleet::downlinkIsQueuedSentAndAcked()
{
    QFETCH(bool, confirmed);
    QFETCH(bool, ackAfterSent);
    VirtualDeviceFleet::Options options = quietOptions(1);
    options.ackTiming =
        ackAfterSent ? VirtualDeviceFleet::AckTiming::AfterSent : VirtualDeviceFleet::AckTiming::NextUplink;
    Rig rig(options);
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(3s); // joined, first uplink
    const QString dev = QStringLiteral("dev-001");
    QVERIFY(rig.model.pushDownlinks(App, dev, downlinkBody(15, QByteArray::fromHex("beef"), confirmed)).ok());
    const QList<Message> queued = rig.of(QStringLiteral("down/queued"));
    QCOMPARE(queued.size(), 1);
    const Result<ApplicationUp> queuedUp = ApplicationUp::fromJson(queued.first().body);
    QVERIFY2(queuedUp.ok(), qPrintable(queuedUp.error().message()));
    QCOMPARE(queuedUp.value().downlink().fPort, 15);
    QCOMPARE(queuedUp.value().downlink().frmPayload, QByteArray::fromHex("beef"));
    QCOMPARE(queuedUp.value().downlink().fCnt, 1);
    QVERIFY(queuedUp.value().correlationIds().first().startsWith(QLatin1String("as:up:")));
    QCOMPARE(rig.fleet->deliveredDownlinks(App, dev).first().fate, VirtualDeviceFleet::Fate::Queued);
    QVERIFY(rig.of(QStringLiteral("down/sent")).isEmpty());

    rig.clock.advance(60s); // the next uplink takes it
    const QList<Message> sent = rig.of(QStringLiteral("down/sent"));
    QCOMPARE(sent.size(), 1);
    const Result<ApplicationUp> sentUp = ApplicationUp::fromJson(sent.first().body);
    QVERIFY(sentUp.ok());
    QCOMPARE(sentUp.value().downlink().fCnt, 1);
    QCOMPARE(sentUp.value().downlink().confirmed, confirmed);
    QCOMPARE(sentUp.value().downlink().correlationIds, queuedUp.value().downlink().correlationIds);
    QVERIFY(rig.model.downlinkQueue(App, dev).value().isEmpty());
    QCOMPARE(rig.of(QStringLiteral("down/ack")).size(), confirmed && ackAfterSent ? 1 : 0);

    rig.clock.advance(60s); // the uplink after carries the ACK bit
    QCOMPARE(rig.of(QStringLiteral("down/ack")).size(), confirmed ? 1 : 0);
    QVERIFY(rig.of(QStringLiteral("down/nack")).isEmpty());
    const auto records = rig.fleet->deliveredDownlinks(App, dev);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().fate, confirmed ? VirtualDeviceFleet::Fate::Acked : VirtualDeviceFleet::Fate::Sent);
    QVERIFY(!records.first().sentAt.isEmpty());
    if (confirmed) {
        const Result<ApplicationUp> ack = ApplicationUp::fromJson(rig.of(QStringLiteral("down/ack")).first().body);
        QVERIFY(ack.ok());
        QCOMPARE(ack.value().type(), TtsMessageType::DownlinkAck);
        QCOMPARE(ack.value().downlink().frmPayload, QByteArray::fromHex("beef"));
    }
}

void TestVirtualDeviceFleet::nackShareNacksConfirmedDownlinks()
{
    VirtualDeviceFleet::Options options = quietOptions(1);
    options.nackShare = 1.0;
    options.ackTiming = VirtualDeviceFleet::AckTiming::AfterSent;
    Rig rig(options);
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(3s);
    for (int i = 0; i < 3; ++i)
        QVERIFY(rig.model.pushDownlinks(App, QStringLiteral("dev-001"), downlinkBody(3, "x", true)).ok());
    rig.clock.advance(3min);
    QCOMPARE(rig.of(QStringLiteral("down/nack")).size(), 3);
    QVERIFY(rig.of(QStringLiteral("down/ack")).isEmpty());

    // A share in between: roughly that share, and the same for the same seed.
    const auto nacks = [](quint64 seed) {
        VirtualDeviceFleet::Options half = quietOptions(1, seed);
        half.nackShare = 0.3;
        half.ackTiming = VirtualDeviceFleet::AckTiming::AfterSent;
        Rig other(half);
        if (!other.fleet->start().ok())
            return -1;
        other.clock.advance(3s);
        for (int i = 0; i < 200; ++i)
            other.model.pushDownlinks(App, QStringLiteral("dev-001"), downlinkBody(3, "x", true));
        other.clock.advance(201min);
        return int(other.of(QStringLiteral("down/nack")).size() * 1000 + other.of(QStringLiteral("down/ack")).size());
    };
    const int result = nacks(5);
    QCOMPARE(result % 1000 + result / 1000, 200);
    QVERIFY2(result / 1000 > 30 && result / 1000 < 90, qPrintable(QString::number(result / 1000)));
    QCOMPARE(nacks(5), result);
}

void TestVirtualDeviceFleet::replaceInvalidatesTheQueue()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(3s);
    const QString dev = QStringLiteral("dev-001");
    QVERIFY(rig.model.pushDownlinks(App, dev, downlinkBody(1, "a")).ok());
    QVERIFY(rig.model.pushDownlinks(App, dev, downlinkBody(2, "b")).ok());
    QVERIFY(rig.model.replaceDownlinks(App, dev, downlinkBody(3, "c")).ok());
    const QList<Message> invalidated = rig.of(QStringLiteral("down/invalidated"));
    QCOMPARE(invalidated.size(), 1);
    const Result<ApplicationUp> up = ApplicationUp::fromJson(invalidated.first().body);
    QVERIFY2(up.ok(), qPrintable(up.error().message()));
    QCOMPARE(up.value().type(), TtsMessageType::DownlinkQueueInvalidated);
    QCOMPARE(up.value().downlinkQueueInvalidated().downlinks.size(), 2);
    QCOMPARE(up.value().downlinkQueueInvalidated().downlinks.at(1).frmPayload, QByteArray("b"));
    QCOMPARE(rig.of(QStringLiteral("down/queued")).size(), 3);
    // Replace with an empty list clears the queue: only down/invalidated.
    QVERIFY(rig.model.replaceDownlinks(App, dev, {{QStringLiteral("downlinks"), QJsonArray()}}).ok());
    QCOMPARE(rig.of(QStringLiteral("down/invalidated")).size(), 2);
    QCOMPARE(rig.of(QStringLiteral("down/queued")).size(), 3);
    rig.clock.advance(61s);
    QVERIFY(rig.of(QStringLiteral("down/sent")).isEmpty());
    QStringList fates;
    for (const auto &record : rig.fleet->deliveredDownlinks(App, dev))
        fates.append(VirtualDeviceFleet::DownlinkRecord::fateName(record.fate));
    QCOMPARE(
        fates,
        (QStringList {QStringLiteral("invalidated"), QStringLiteral("invalidated"), QStringLiteral("invalidated")}));
}

void TestVirtualDeviceFleet::downlinkTooLongForTheDataRateFails()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(3s);
    const QString dev = QStringLiteral("dev-001");
    // 230 bytes fit TTS's 255-byte validation but no EU868 data rate (222 at most).
    QVERIFY(rig.model.pushDownlinks(App, dev, downlinkBody(10, QByteArray(230, 'x'))).ok());
    QVERIFY(rig.model.pushDownlinks(App, dev, downlinkBody(11, "ok")).ok());
    rig.clock.advance(60s);
    const QList<Message> failed = rig.of(QStringLiteral("down/failed"));
    QCOMPARE(failed.size(), 1);
    const Result<ApplicationUp> up = ApplicationUp::fromJson(failed.first().body);
    QVERIFY2(up.ok(), qPrintable(up.error().message()));
    QCOMPARE(up.value().downlinkFailed().downlink.fPort, 10);
    QCOMPARE(up.value().downlinkFailed().error.ns, QStringLiteral("pkg/networkserver"));
    QCOMPARE(up.value().downlinkFailed().error.name, QStringLiteral("application_downlink_too_long"));
    QCOMPARE(up.value().downlinkFailed().error.messageFormat,
             QStringLiteral("application downlink payload is too long"));
    QCOMPARE(up.value().downlinkFailed().error.code, 3);
    QVERIFY(!up.value().downlinkFailed().error.correlationId.isEmpty());
    // The next downlink still goes out with the same uplink.
    QCOMPARE(rig.of(QStringLiteral("down/sent")).size(), 1);
    QCOMPARE(VirtualDeviceFleet::maxDownlinkPayload(12), 51);
    QCOMPARE(VirtualDeviceFleet::maxDownlinkPayload(9), 115);
    QCOMPARE(VirtualDeviceFleet::maxDownlinkPayload(7), 222);
}

void TestVirtualDeviceFleet::decodedPayloadDownlinkIsEncoded()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    const QJsonObject request {{QStringLiteral("downlinks"),
                                QJsonArray {QJsonObject {{QStringLiteral("decoded_payload"),
                                                          QJsonObject {{QStringLiteral("interval"), 600}}}}}}};
    QVERIFY(rig.model.pushDownlinks(App, QStringLiteral("dev-001"), request).ok());
    const Result<ApplicationUp> queued = ApplicationUp::fromJson(rig.of(QStringLiteral("down/queued")).first().body);
    QVERIFY(queued.ok());
    QCOMPARE(queued.value().downlink().fPort, PayloadFormatterStandIn::CommandPort);
    QCOMPARE(queued.value().downlink().frmPayload, QByteArray::fromHex("010258"));
    QCOMPARE(queued.value().downlink().decodedPayload->value(QStringLiteral("interval")).toInt(), 600);
    // A decoded payload the formatter cannot encode refuses the push.
    const QJsonObject bad {
        {QStringLiteral("downlinks"),
         QJsonArray {QJsonObject {{QStringLiteral("decoded_payload"), QJsonObject {{QStringLiteral("colour"), 1}}}}}}};
    const auto refused = rig.model.pushDownlinks(App, QStringLiteral("dev-001"), bad);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message().contains(QLatin1String("colour")));
}

void TestVirtualDeviceFleet::devicesCreatedLaterJoinAndDeletedOnesLeave()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    TtsApplicationModel::ProvisionSpec spec;
    spec.deviceId = QStringLiteral("late-1");
    spec.devEui = QStringLiteral("0011223344556677");
    spec.joinEui = QStringLiteral("70B3D57ED0000000");
    spec.appKey = QStringLiteral("00112233445566778899AABBCCDDEEFF");
    QVERIFY(rig.model.provisionDevice(App, spec).ok());
    QVERIFY(rig.fleet->deviceIds(App).contains(QStringLiteral("late-1")));
    rig.clock.advance(4s);
    QCOMPARE(rig.of(QStringLiteral("join"), QStringLiteral("late-1")).size(), 1);
    QCOMPARE(rig.of(QStringLiteral("up"), QStringLiteral("late-1")).size(), 1);
    QCOMPARE(rig.of(QStringLiteral("up"), QStringLiteral("late-1"))
                 .first()
                 .body[QStringLiteral("end_device_ids")][QStringLiteral("dev_eui")]
                 .toString(),
             QStringLiteral("0011223344556677"));
    // Deleted from the NS only: no longer complete, so it leaves.
    QVERIFY(rig.model.deleteDevice(App, QStringLiteral("late-1"), TtsComponent::NetworkServer).ok());
    QVERIFY(!rig.fleet->deviceIds(App).contains(QStringLiteral("late-1")));
    rig.clock.advance(10min);
    QCOMPARE(rig.of(QStringLiteral("up"), QStringLiteral("late-1")).size(), 1);
    QVERIFY(rig.of(QStringLiteral("up"), QStringLiteral("dev-001")).size() >= 10);
}

void TestVirtualDeviceFleet::burstSendsAtTheRate()
{
    VirtualDeviceFleet::Options options = quietOptions(2);
    options.uplinkInterval = 1h;
    Rig rig(options);
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(3s); // dev-001 joined and sent its first uplink; dev-002 waits 30 min
    rig.messages.clear();
    VirtualDeviceFleet::BurstRequest burst;
    burst.count = 5;
    burst.ratePerSecond = 2;
    const Result<int> scheduled = rig.fleet->startBurst(burst);
    QVERIFY(scheduled.ok());
    QCOMPARE(scheduled.value(), 5);
    rig.clock.advance(5s);
    const QList<Message> ups = rig.of(QStringLiteral("up"));
    QCOMPARE(ups.size(), 5);
    for (qsizetype i = 0; i < ups.size(); ++i) {
        QCOMPARE(ups.at(i).atMs - ups.first().atMs, i * 500);
        QCOMPARE(ups.at(i).device(), i % 2 ? QStringLiteral("dev-002") : QStringLiteral("dev-001"));
    }
    QCOMPARE(rig.of(QStringLiteral("join"), QStringLiteral("dev-002")).size(), 1); // joined on demand
    // reset() cancels a running burst.
    burst.count = 100;
    QVERIFY(rig.fleet->startBurst(burst).ok());
    rig.clock.advance(1s);
    rig.fleet->reset();
    const qsizetype before = rig.of(QStringLiteral("up")).size();
    rig.clock.advance(1min);
    QCOMPARE(rig.of(QStringLiteral("up")).size(), before);
    burst.count = 0;
    QCOMPARE(rig.fleet->startBurst(burst).error().kind(), ServiceError::Kind::InvalidInput);
    burst.count = 1;
    burst.deviceId = QStringLiteral("nope");
    QCOMPARE(rig.fleet->startBurst(burst).error().kind(), ServiceError::Kind::NotFound);
}

void TestVirtualDeviceFleet::explicitUplinkPayloads()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    VirtualDeviceFleet::UplinkRequest request;
    request.deviceId = QStringLiteral("dev-001");
    request.decodedPayload = QJsonObject {{QStringLiteral("temperature"), 30.25}};
    request.fPort = 7;
    const Result<QJsonObject> sent = rig.fleet->sendUplink(request);
    QVERIFY2(sent.ok(), qPrintable(sent.error().message()));
    QCOMPARE(rig.of(QStringLiteral("join")).size(), 1); // joined first
    const Result<ApplicationUp> up = ApplicationUp::fromJson(sent.value());
    QVERIFY(up.ok());
    QCOMPARE(up.value().uplink().fPort, 7);
    QCOMPARE(up.value().uplink().decodedPayload->value(QStringLiteral("temperature")).toDouble(), 30.25);
    QCOMPARE(PayloadFormatterStandIn::decodeUplink(up.value().uplink().frmPayload)->temperature, 30.25);
    QCOMPARE(rig.of(QStringLiteral("up")).last().body, sent.value());

    request.decodedPayload.reset();
    request.frmPayload = QByteArray::fromHex("0102");
    const Result<QJsonObject> raw = rig.fleet->sendUplink(request);
    QVERIFY(raw.ok());
    QVERIFY(!raw.value()[QStringLiteral("uplink_message")].toObject().contains(QLatin1String("decoded_payload")));
    QCOMPARE(raw.value()[QStringLiteral("uplink_message")][QStringLiteral("frm_payload")].toString(),
             QStringLiteral("AQI="));

    request.frmPayload.reset();
    request.decodedPayload = QJsonObject {{QStringLiteral("pressure"), 1000}};
    QCOMPARE(rig.fleet->sendUplink(request).error().kind(), ServiceError::Kind::InvalidInput);
    request.decodedPayload.reset();
    request.deviceId = QStringLiteral("unknown");
    QCOMPARE(rig.fleet->sendUplink(request).error().kind(), ServiceError::Kind::NotFound);
}

void TestVirtualDeviceFleet::optionalMessagesFollowTheirProbability()
{
    VirtualDeviceFleet::Options options = quietOptions(1);
    options.locationProbability = 0.5;
    options.serviceDataProbability = 0.25;
    options.speed = 60;
    Rig rig(options);
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(400s); // ~400 uplinks
    const qsizetype ups = rig.of(QStringLiteral("up")).size();
    const qsizetype locations = rig.of(QStringLiteral("location/solved")).size();
    const qsizetype services = rig.of(QStringLiteral("service/data")).size();
    QVERIFY(ups > 350);
    QVERIFY2(locations > ups * 0.35 && locations < ups * 0.65, qPrintable(QString::number(locations)));
    QVERIFY2(services > ups * 0.15 && services < ups * 0.35, qPrintable(QString::number(services)));
    const Result<ApplicationUp> location =
        ApplicationUp::fromJson(rig.of(QStringLiteral("location/solved")).first().body);
    QVERIFY2(location.ok(), qPrintable(location.error().message()));
    QCOMPARE(location.value().locationSolved().location.source, QStringLiteral("SOURCE_GPS"));
    QVERIFY(std::abs(location.value().locationSolved().location.latitude - 52.37) < 0.1);
    const Result<ApplicationUp> service = ApplicationUp::fromJson(rig.of(QStringLiteral("service/data")).first().body);
    QVERIFY2(service.ok(), qPrintable(service.error().message()));
    QVERIFY(!service.value().serviceData().service.isEmpty());
    QVERIFY(service.value().serviceData().data.contains(QLatin1String("battery_voltage")));
}

void TestVirtualDeviceFleet::rejectedPushIsDownFailedWithTheErrorShape()
{
    Rig rig(quietOptions(1));
    QVERIFY(rig.fleet->start().ok());
    const Result<QList<TtsDownlink>> refused =
        rig.model.pushDownlinks(App, QStringLiteral("dev-001"), downlinkBody(224, "x"));
    QVERIFY(!refused.ok());
    TtsDownlink downlink;
    downlink.fPort = 224;
    downlink.frmPayload = "x";
    rig.fleet->publishRejected(App, QStringLiteral("dev-001"), {downlink}, refused.error());
    const QList<Message> failed = rig.of(QStringLiteral("down/failed"));
    QCOMPARE(failed.size(), 1);
    const QJsonObject error =
        failed.first().body[QStringLiteral("downlink_failed")][QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("namespace")].toString(), QStringLiteral("pkg/errors"));
    QCOMPARE(error[QStringLiteral("name")].toString(), QStringLiteral("validation"));
    QCOMPARE(error[QStringLiteral("code")].toInt(), 3);
    QVERIFY(error[QStringLiteral("message_format")].isString());
    QVERIFY(error[QStringLiteral("correlation_id")].isString());
    QVERIFY(!error.contains(QLatin1String("@type")));
    QCOMPARE(rig.fleet->deliveredDownlinks(App, QStringLiteral("dev-001")).first().fate,
             VirtualDeviceFleet::Fate::Failed);
}

void TestVirtualDeviceFleet::stopPausesAndStartResumes()
{
    Rig rig(quietOptions(2));
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(5min);
    const qsizetype before = rig.messages.size();
    QVERIFY(before > 5);
    rig.fleet->stop();
    QVERIFY(!rig.fleet->isRunning());
    rig.clock.advance(1h);
    QCOMPARE(rig.messages.size(), before);
    QVERIFY(rig.fleet->start().ok());
    rig.clock.advance(2min);
    QVERIFY(rig.messages.size() > before);
    // Joined devices resume with uplinks (no new join), their counters continuing.
    QCOMPARE(rig.of(QStringLiteral("join")).size(), 2);
    const QList<Message> ups = rig.of(QStringLiteral("up"), QStringLiteral("dev-001"));
    QCOMPARE(ups.last().body[QStringLiteral("uplink_message")][QStringLiteral("f_cnt")].toInteger(), ups.size());
    QCOMPARE(rig.model.devices(App).size(), 2); // nothing provisioned again
}

QTEST_GUILESS_MAIN(TestVirtualDeviceFleet)
#include "tst_virtualdevicefleet.moc"
