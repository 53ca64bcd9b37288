#include "services/protocol/ApplicationUp.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

namespace {

// reference/tts-integration.md §3.4, the docs' uplink example exactly as quoted there.
const char UplinkExample[] = R"({
  "end_device_ids": { "device_id": "dev1", "application_ids": { "application_id": "app1" },
                      "dev_eui": "0004A30B001C0530", "join_eui": "800000000000000C", "dev_addr": "00BCB929" },
  "correlation_ids": [ "as:up:01E0WZGT6Y7657CPFPE5WEYDSQ", "gs:conn:01E0WDEC6T5T4XXBAX7S1VMFKE", "..." ],
  "received_at": "2020-02-12T15:15:46.014773143Z",
  "uplink_message": {
    "session_key_id": "AXA50tHUGUucuzS/bCGMNw==",
    "f_port": 1, "f_cnt": 1, "frm_payload": "gkHe",
    "decoded_payload": { "temperature": 1.0, "luminosity": 0.64 },
    "rx_metadata": [ { "gateway_ids": { "gateway_id": "gtw1", "eui": "9C5C8E00001A05C4" },
                       "time": "2020-02-12T15:15:45.787Z", "timestamp": 2463457000,
                       "rssi": -35, "channel_rssi": -35, "snr": 5, "uplink_token": "ChIKEAoEZ3R3MRIInFyOAAAaBcQQ6L3Vlgk=",
                       "channel_index": 2 } ],
    "settings": { "data_rate": { "lora": { "bandwidth": 125000, "spreading_factor": 7 } },
                  "coding_rate": "4/6", "frequency": "868300000", "timestamp": 2463457000, "time": "2020-02-12T15:15:45.787Z" },
    "received_at": "2020-02-12T15:15:45.789585559Z",
    "consumed_airtime": "0.056576s",
    "locations": { "user": { "latitude": 37.97155556731436, "longitude": 23.72678801175413, "altitude": 10, "source": "SOURCE_REGISTRY" } },
    "version_ids": { "brand_id": "the-things-products", "model_id": "the-things-uno", "hardware_version": "1.0",
                     "firmware_version": "quickstart", "band_id": "US_902_928" },
    "network_ids": { "net_id": "000013", "tenant_id": "tenant1", "cluster_id": "nam1" },
    "attributes": { "key1": "value1" }
  }
})";

// §3.4 join example with the elided end_device_ids filled in.
const char JoinExample[] =
    R"({ "end_device_ids": { "device_id": "dev1", "application_ids": { "application_id": "app1" },
                      "dev_eui": "0004A30B001C0530", "join_eui": "800000000000000C", "dev_addr": "00BCB929" },
  "correlation_ids": [ "as:up:01E1F8Z2ZV0B6M4TE8TDRZ0K6B" ],
  "received_at": "2020-02-17T07:49:09.935284891Z",
  "join_accept": { "session_key_id": "AXBSH1Pk6Z0G166RlH16CQ==", "received_at": "2020-02-17T07:49:09.736532315Z" } })";

const char DownlinkFailedExample[] =
    R"({ "end_device_ids": { "device_id": "dev1", "application_ids": { "application_id": "app1" } },
  "correlation_ids": [ "as:downlink:01E1F8Z2ZV0B6M4TE8TDRZ0K6C" ],
  "received_at": "2020-02-17T07:50:00.1Z",
  "downlink_failed": {"downlink":{"f_port":15,"frm_payload":"vu8=","priority":"NORMAL","correlation_ids":["as:downlink:01E1F8Z2ZV0B6M4TE8TDRZ0K6C"]},
                      "error":{"namespace":"pkg/networkserver","name":"application_downlink_too_long","message_format":"application downlink payload is too long","correlation_id":"7a1c4cbd0d3d4f0cb1a6a8b2d0e6d5b1","code":3}} })";

const char LocationSolvedExample[] =
    R"({ "end_device_ids": { "device_id": "dev1", "application_ids": { "application_id": "app1" } },
  "received_at": "2021-03-01T10:00:00Z",
  "location_solved": {"service":"lora-cloud-geolocation","location":{"latitude":52.3731,"longitude":4.8922,"altitude":12,"accuracy":35,"source":"SOURCE_GPS"},"attributes":{"hdop":"0.9"}} })";

const char ServiceDataExample[] =
    R"({ "end_device_ids": { "device_id": "dev1", "application_ids": { "application_id": "app1" } },
  "service_data": {"service":"lora-cloud-device-management-v1-uplink","data":{"battery":0.95,"uptime":3600}} })";

const char DownlinkAckExample[] =
    R"({ "end_device_ids": { "device_id": "dev1", "application_ids": { "application_id": "app1" } },
  "downlink_ack": {"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ==","f_port":15,"f_cnt":1,"frm_payload":"vu8=","confirmed":true,"priority":"NORMAL","correlation_ids":["as:downlink:01E1"]} })";

const char QueueInvalidatedExample[] = R"({ "end_device_ids": { "device_id": "dev1" },
  "downlink_queue_invalidated": {"downlinks":[{"f_port":1,"frm_payload":"AQ=="},{"f_port":2,"frm_payload":"Ag=="}],"last_f_cnt_down":7,"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ=="} })";

QByteArray withMember(const char *base, const char *member)
{
    // Inserts `member` right after the opening brace of `base`.
    QByteArray text(base);
    return text.insert(text.indexOf('{') + 1, QByteArray(member) + ",");
}

} // namespace

class TestApplicationUp : public QObject
{
    Q_OBJECT

private slots:
    void uplinkDocsExample();
    void joinAccept();
    void downlinkFailed();
    void downlinkAckAndQueued();
    void downlinkQueueInvalidated();
    void locationSolved();
    void serviceData();
    void messageTypes_data();
    void messageTypes();
    void rejectsMalformed_data();
    void rejectsMalformed();
};

void TestApplicationUp::uplinkDocsExample()
{
    const auto parsed = ApplicationUp::fromJson(QByteArray(UplinkExample));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const ApplicationUp &up = parsed.value();
    QCOMPARE(up.type(), TtsMessageType::Uplink);
    QCOMPARE(up.raw(), QJsonDocument::fromJson(UplinkExample).object()); // kept unchanged for forwarding
    QCOMPARE(up.deviceId(), QStringLiteral("dev1"));
    QCOMPARE(up.endDeviceIds().applicationId, QStringLiteral("app1"));
    QCOMPARE(up.endDeviceIds().devEui, QStringLiteral("0004A30B001C0530"));
    QCOMPARE(up.endDeviceIds().joinEui, QStringLiteral("800000000000000C"));
    QCOMPARE(up.endDeviceIds().devAddr, QStringLiteral("00BCB929"));
    QCOMPARE(up.correlationIds().size(), 3);
    QCOMPARE(up.correlationIds().first(), QStringLiteral("as:up:01E0WZGT6Y7657CPFPE5WEYDSQ"));
    QCOMPARE(up.receivedAtText(), QStringLiteral("2020-02-12T15:15:46.014773143Z"));
    QCOMPARE(up.receivedAt(), QDateTime(QDate(2020, 2, 12), QTime(15, 15, 46, 15), Qt::UTC));
    QVERIFY(!up.simulated());

    const ApplicationUp::Uplink &uplink = up.uplink();
    QCOMPARE(uplink.fPort, 1);
    QCOMPARE(uplink.fCnt, qint64(1));
    QCOMPARE(uplink.frmPayload, QByteArray::fromHex("8241de"));
    QVERIFY(uplink.decodedPayload.has_value());
    QCOMPARE(uplink.decodedPayload->value(QStringLiteral("luminosity")).toDouble(), 0.64);
    QCOMPARE(uplink.rxMetadata.size(), 1);
    QCOMPARE(uplink.rxMetadata.at(0).toObject().value(QStringLiteral("rssi")).toInt(), -35);
    QCOMPARE(uplink.settings.value(QStringLiteral("frequency")).toString(), QStringLiteral("868300000"));
    QCOMPARE(uplink.receivedAtText, QStringLiteral("2020-02-12T15:15:45.789585559Z"));
    QVERIFY(uplink.receivedAt.isValid());
    QCOMPARE(uplink.consumedAirtime, QStringLiteral("0.056576s"));
    QCOMPARE(uplink.sessionKeyId, QStringLiteral("AXA50tHUGUucuzS/bCGMNw=="));
    QCOMPARE(uplink.locations.size(), 1);
    const ApplicationUp::Location user = uplink.locations.value(QStringLiteral("user"));
    QCOMPARE(user.latitude, 37.97155556731436);
    QCOMPARE(user.longitude, 23.72678801175413);
    QCOMPARE(user.altitude, 10.0);
    QCOMPARE(user.source, QStringLiteral("SOURCE_REGISTRY"));
    QCOMPARE(uplink.versionIds.value(QStringLiteral("model_id")).toString(), QStringLiteral("the-things-uno"));
}

void TestApplicationUp::joinAccept()
{
    const auto parsed = ApplicationUp::fromJson(QByteArray(JoinExample));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().type(), TtsMessageType::JoinAccept);
    QCOMPARE(parsed.value().joinAccept().sessionKeyId, QStringLiteral("AXBSH1Pk6Z0G166RlH16CQ=="));
    QCOMPARE(parsed.value().joinAccept().receivedAtText, QStringLiteral("2020-02-17T07:49:09.736532315Z"));
    QCOMPARE(parsed.value().joinAccept().receivedAt, QDateTime(QDate(2020, 2, 17), QTime(7, 49, 9, 737), Qt::UTC));
    QVERIFY(parsed.value().uplink().frmPayload.isEmpty());
}

void TestApplicationUp::downlinkFailed()
{
    const auto parsed = ApplicationUp::fromJson(QByteArray(DownlinkFailedExample));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().type(), TtsMessageType::DownlinkFailed);
    const ApplicationUp::DownlinkFailed &failed = parsed.value().downlinkFailed();
    QCOMPARE(failed.downlink.fPort, 15);
    QCOMPARE(failed.downlink.frmPayload, QByteArray::fromHex("beef"));
    QCOMPARE(failed.downlink.priority, QStringLiteral("NORMAL"));
    QCOMPARE(failed.error.ns, QStringLiteral("pkg/networkserver"));
    QCOMPARE(failed.error.name, QStringLiteral("application_downlink_too_long"));
    QCOMPARE(failed.error.messageFormat, QStringLiteral("application downlink payload is too long"));
    QCOMPARE(failed.error.correlationId, QStringLiteral("7a1c4cbd0d3d4f0cb1a6a8b2d0e6d5b1"));
    QCOMPARE(failed.error.code, 3);
}

void TestApplicationUp::downlinkAckAndQueued()
{
    auto parsed = ApplicationUp::fromJson(QByteArray(DownlinkAckExample));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().type(), TtsMessageType::DownlinkAck);
    QCOMPARE(parsed.value().downlink().fCnt, qint64(1));
    QVERIFY(parsed.value().downlink().confirmed);
    QCOMPARE(parsed.value().downlink().correlationIds, QStringList {QStringLiteral("as:downlink:01E1")});

    QByteArray queued(DownlinkAckExample);
    queued.replace("downlink_ack", "downlink_queued");
    parsed = ApplicationUp::fromJson(queued);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().type(), TtsMessageType::DownlinkQueued);
    QCOMPARE(parsed.value().downlink().frmPayload, QByteArray::fromHex("beef"));
}

void TestApplicationUp::downlinkQueueInvalidated()
{
    const auto parsed = ApplicationUp::fromJson(QByteArray(QueueInvalidatedExample));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().type(), TtsMessageType::DownlinkQueueInvalidated);
    const auto &invalidated = parsed.value().downlinkQueueInvalidated();
    QCOMPARE(invalidated.downlinks.size(), 2);
    QCOMPARE(invalidated.downlinks.at(1).fPort, 2);
    QCOMPARE(invalidated.downlinks.at(1).frmPayload, QByteArray("\x02"));
    QCOMPARE(invalidated.lastFCntDown, qint64(7));
}

void TestApplicationUp::locationSolved()
{
    const auto parsed = ApplicationUp::fromJson(QByteArray(LocationSolvedExample));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().type(), TtsMessageType::LocationSolved);
    const auto &solved = parsed.value().locationSolved();
    QCOMPARE(solved.service, QStringLiteral("lora-cloud-geolocation"));
    QCOMPARE(solved.location.latitude, 52.3731);
    QCOMPARE(solved.location.longitude, 4.8922);
    QCOMPARE(solved.location.altitude, 12.0);
    QCOMPARE(solved.location.accuracy, 35.0);
    QCOMPARE(solved.location.source, QStringLiteral("SOURCE_GPS"));
    QCOMPARE(solved.attributes.value(QStringLiteral("hdop")).toString(), QStringLiteral("0.9"));
    QCOMPARE(solved.location.toJson(),
             (QJsonObject {{QStringLiteral("latitude"), 52.3731},
                           {QStringLiteral("longitude"), 4.8922},
                           {QStringLiteral("altitude"), 12},
                           {QStringLiteral("accuracy"), 35},
                           {QStringLiteral("source"), QStringLiteral("SOURCE_GPS")}}));
}

void TestApplicationUp::serviceData()
{
    const auto parsed = ApplicationUp::fromJson(QByteArray(ServiceDataExample));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(parsed.value().type(), TtsMessageType::ServiceData);
    QCOMPARE(parsed.value().serviceData().service, QStringLiteral("lora-cloud-device-management-v1-uplink"));
    QCOMPARE(parsed.value().serviceData().data.value(QStringLiteral("uptime")).toInt(), 3600);
    QVERIFY(!parsed.value().receivedAt().isValid());
}

void TestApplicationUp::messageTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("type");
    const char *ids = R"({"end_device_ids":{"device_id":"d-1"},)";
    for (const TtsMessageType type : allTtsMessageTypes()) {
        QTest::addRow("%s", qPrintable(ttsMessageTypeJsonField(type)))
            << QByteArray(ids) + '"' + ttsMessageTypeJsonField(type).toLatin1() + R"(":{}})" << int(type);
    }
}

void TestApplicationUp::messageTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(int, type);
    const auto parsed = ApplicationUp::fromJson(json);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    QCOMPARE(int(parsed.value().type()), type);
    QCOMPARE(parsed.value().deviceId(), QStringLiteral("d-1"));
}

void TestApplicationUp::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path"); // expected path prefix of the message ("" = no path)
    QTest::addColumn<QString>("mentions");

    const char *ok = R"({"end_device_ids":{"device_id":"dev1"},"uplink_message":{"f_port":1}})";
    QTest::addRow("not JSON") << QByteArray("{\"end_device_ids\":") << QString() << QStringLiteral("not JSON");
    QTest::addRow("empty") << QByteArray() << QString() << QStringLiteral("not JSON");
    QTest::addRow("array") << QByteArray("[1,2]") << QString() << QStringLiteral("not a JSON object");
    QTest::addRow("missing end_device_ids") << QByteArray(R"({"uplink_message":{}})")
                                            << QStringLiteral("end_device_ids.device_id") << QStringLiteral("missing");
    QTest::addRow("missing device_id") << QByteArray(
                                              R"({"end_device_ids":{"dev_eui":"0004A30B001C0530"},"join_accept":{}})")
                                       << QStringLiteral("end_device_ids.device_id") << QStringLiteral("missing");
    QTest::addRow("end_device_ids not an object") << QByteArray(R"({"end_device_ids":"dev1","uplink_message":{}})")
                                                  << QStringLiteral("end_device_ids") << QStringLiteral("JSON object");
    QTest::addRow("device_id a number") << QByteArray(R"({"end_device_ids":{"device_id":5},"uplink_message":{}})")
                                        << QStringLiteral("end_device_ids.device_id") << QStringLiteral("text");
    QTest::addRow("bad dev_eui") << QByteArray(
                                        R"({"end_device_ids":{"device_id":"d","dev_eui":"XYZ"},"uplink_message":{}})")
                                 << QStringLiteral("end_device_ids.dev_eui") << QStringLiteral("16 hexadecimal");
    QTest::addRow("bad dev_addr")
        << QByteArray(R"({"end_device_ids":{"device_id":"d","dev_addr":"00BCB92"},"uplink_message":{}})")
        << QStringLiteral("end_device_ids.dev_addr") << QStringLiteral("8 hexadecimal");
    QTest::addRow("application_id a list")
        << QByteArray(
               R"({"end_device_ids":{"device_id":"d","application_ids":{"application_id":[]}},"uplink_message":{}})")
        << QStringLiteral("end_device_ids.application_ids.application_id") << QStringLiteral("text");
    QTest::addRow("no message") << QByteArray(R"({"end_device_ids":{"device_id":"d"}})") << QString()
                                << QStringLiteral("carries no message");
    QTest::addRow("null message") << QByteArray(R"({"end_device_ids":{"device_id":"d"},"uplink_message":null})")
                                  << QString() << QStringLiteral("carries no message");
    QTest::addRow("two messages") << QByteArray(
                                         R"({"end_device_ids":{"device_id":"d"},"uplink_message":{},"join_accept":{}})")
                                  << QString() << QStringLiteral("uplink_message, join_accept");
    QTest::addRow("uplink_normalized") << QByteArray(R"({"end_device_ids":{"device_id":"d"},"uplink_normalized":{}})")
                                       << QStringLiteral("uplink_normalized") << QStringLiteral("not forwarded");
    QTest::addRow("message not an object") << QByteArray(R"({"end_device_ids":{"device_id":"d"},"uplink_message":[]})")
                                           << QStringLiteral("uplink_message") << QStringLiteral("JSON object");
    QTest::addRow("correlation_ids not strings") << withMember(ok, R"("correlation_ids":["a",1])")
                                                 << QStringLiteral("correlation_ids[1]") << QStringLiteral("text");
    QTest::addRow("received_at not a time") << withMember(ok, R"("received_at":"yesterday")")
                                            << QStringLiteral("received_at") << QStringLiteral("RFC 3339");
    QTest::addRow("received_at without zone") << withMember(ok, R"("received_at":"2020-02-12T15:15:46")")
                                              << QStringLiteral("received_at") << QStringLiteral("RFC 3339");
    QTest::addRow("simulated not bool") << withMember(ok, R"("simulated":"yes")") << QStringLiteral("simulated")
                                        << QStringLiteral("true or false");
    QTest::addRow("f_port text") << QByteArray(
                                        R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"f_port":"one"}})")
                                 << QStringLiteral("uplink_message.f_port") << QStringLiteral("whole number");
    QTest::addRow("f_port fraction") << QByteArray(
                                            R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"f_port":1.5}})")
                                     << QStringLiteral("uplink_message.f_port") << QStringLiteral("whole number");
    QTest::addRow("f_port out of range")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"f_port":256}})")
        << QStringLiteral("uplink_message.f_port") << QStringLiteral("out of range");
    QTest::addRow("f_cnt huge") << QByteArray(
                                       R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"f_cnt":1e300}})")
                                << QStringLiteral("uplink_message.f_cnt") << QStringLiteral("whole number");
    QTest::addRow("bad base64")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"frm_payload":"gk!e"}})")
        << QStringLiteral("uplink_message.frm_payload") << QStringLiteral("base64");
    QTest::addRow("decoded_payload a list")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"decoded_payload":[1]}})")
        << QStringLiteral("uplink_message.decoded_payload") << QStringLiteral("JSON object");
    QTest::addRow("rx_metadata element")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"rx_metadata":[{},3]}})")
        << QStringLiteral("uplink_message.rx_metadata[1]") << QStringLiteral("JSON object");
    QTest::addRow("location latitude text")
        << QByteArray(
               R"({"end_device_ids":{"device_id":"d"},"uplink_message":{"locations":{"user":{"latitude":"52"}}}})")
        << QStringLiteral("uplink_message.locations.user.latitude") << QStringLiteral("number");
    QTest::addRow("join received_at number")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"join_accept":{"received_at":5}})")
        << QStringLiteral("join_accept.received_at") << QStringLiteral("text");
    QTest::addRow("downlink_ack f_port text")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"downlink_ack":{"f_port":"x"}})")
        << QStringLiteral("downlink_ack.f_port") << QStringLiteral("whole number");
    QTest::addRow("downlink_nack bad payload")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"downlink_nack":{"frm_payload":"***"}})")
        << QStringLiteral("downlink_nack.frm_payload") << QStringLiteral("base64");
    QTest::addRow("downlink_failed nested downlink")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"downlink_failed":{"downlink":{"priority":3}}})")
        << QStringLiteral("downlink_failed.downlink.priority") << QStringLiteral("text");
    QTest::addRow("downlink_failed error code text")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"downlink_failed":{"error":{"code":"three"}}})")
        << QStringLiteral("downlink_failed.error.code") << QStringLiteral("whole number");
    QTest::addRow("queue invalidated element")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"downlink_queue_invalidated":{"downlinks":[{},"x"]}})")
        << QStringLiteral("downlink_queue_invalidated.downlinks[1]") << QStringLiteral("JSON object");
    QTest::addRow("queue invalidated nested payload")
        << QByteArray(
               R"({"end_device_ids":{"device_id":"d"},"downlink_queue_invalidated":{"downlinks":[{"frm_payload":"%%"}]}})")
        << QStringLiteral("downlink_queue_invalidated.downlinks[0].frm_payload") << QStringLiteral("base64");
    QTest::addRow("location_solved location text")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"location_solved":{"location":"here"}})")
        << QStringLiteral("location_solved.location") << QStringLiteral("JSON object");
    QTest::addRow("service_data data list")
        << QByteArray(R"({"end_device_ids":{"device_id":"d"},"service_data":{"service":"s","data":[]}})")
        << QStringLiteral("service_data.data") << QStringLiteral("JSON object");
}

void TestApplicationUp::rejectsMalformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, mentions);
    const auto parsed = ApplicationUp::fromJson(json);
    QVERIFY(!parsed.ok());
    const ServiceError &error = parsed.error();
    QCOMPARE(error.kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(error.code(), QStringLiteral("InvalidApplicationUp"));
    QVERIFY2(error.message().contains(mentions), qPrintable(error.message()));
    if (!path.isEmpty()) {
        QVERIFY2(error.message().startsWith(path + QStringLiteral(": ")), qPrintable(error.message()));
        QCOMPARE(error.payload().toObject().value(QStringLiteral("path")).toString(), path);
    }
}

QTEST_GUILESS_MAIN(TestApplicationUp)
#include "tst_applicationup.moc"
