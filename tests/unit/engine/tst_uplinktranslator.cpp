// UplinkTranslator: every TTS message type → D2C message (body byte for byte, system and application
// properties, a $.mid that is stable across retries) and reported patch (decodedPayload exactly the latest,
// with nulls for dropped members; lastSeenAt, joinedAt, location, serviceData, downlink status), TwinRules
// violations sanitized, and the two filters.

#include "services/engine/UplinkTranslator.h"
#include "services/protocol/IotHubTopic.h"
#include "services/protocol/JsonMergePatch.h"
#include "services/protocol/TwinRules.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

namespace {

// A QStringList from literals (QT_NO_CAST_FROM_ASCII forbids the implicit conversion).
QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

const char Ids[] = R"("end_device_ids":{"device_id":"dev-1","application_ids":{"application_id":"demo-app"}})";

// A message with the given correlation ids, received_at and member (a JSON text).
QByteArray message(const char *member, const QByteArray &content, const QByteArray &correlationIds,
                   const QByteArray &receivedAt = "2026-01-01T10:00:00.123456789Z")
{
    QByteArray json = "{" + QByteArray(Ids);
    if (!correlationIds.isEmpty())
        json += R"(,"correlation_ids":[)" + correlationIds + "]";
    if (!receivedAt.isEmpty())
        json += R"(,"received_at":")" + receivedAt + "\"";
    json += ",\"" + QByteArray(member) + "\":" + content + "}";
    return json;
}

// Deliberately not in QJsonDocument's form (spaces, member order, a trailing newline): the D2C body must be
// these bytes, not a re-serialisation.
const QByteArray Uplink = R"({ "received_at": "2026-01-01T10:00:00.123456789Z",
  "end_device_ids": {"device_id": "dev-1", "application_ids": {"application_id": "demo-app"}, "dev_eui": "70B3D57ED0000001"},
  "correlation_ids": ["gs:uplink:01HZX0GSUPLINK0000000000001", "as:up:01HZX0UPLINK000000000000001"],
  "uplink_message": {"f_port": 7, "f_cnt": 42, "frm_payload": "AQI=",
    "decoded_payload": {"temperature": 21.5, "humidity": 40},
    "received_at": "2026-01-01T10:00:00.100000000Z",
    "locations": {"frm-payload": {"latitude": 52.1, "longitude": 4.3, "source": "SOURCE_GPS"}}} }
)";

const QByteArray Join =
    message("join_accept", R"({"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ==","received_at":"2026-01-01T09:59:59.5Z"})",
            R"("as:up:01HZX0JOIN0000000000000001","ns:uplink:01HZX")", "2026-01-01T10:00:00.000000001Z");
const QByteArray DownlinkContent =
    R"({"session_key_id":"AXA50tHUGUucuzS/bCGMNw==","f_port":15,"f_cnt":3,"frm_payload":"vu8=","confirmed":true,"priority":"NORMAL","correlation_ids":["as:downlink:01HZX0DOWN0000000000000001"]})";
const QByteArray DownCorrelation = R"("as:up:01HZX0UPLINK000000000000001","as:downlink:01HZX0DOWN0000000000000001")";
const QByteArray DownlinkAck = message("downlink_ack", DownlinkContent, DownCorrelation);
const QByteArray DownlinkNack = message("downlink_nack", DownlinkContent, DownCorrelation);
const QByteArray DownlinkSent = message("downlink_sent", DownlinkContent, DownCorrelation);
const QByteArray DownlinkQueued = message(
    "downlink_queued",
    R"({"f_port":15,"frm_payload":"vu8=","priority":"NORMAL","correlation_ids":["as:downlink:01HZX0DOWN0000000000000001"]})",
    R"("as:downlink:01HZX0DOWN0000000000000001")");
const QByteArray DownlinkFailed = message(
    "downlink_failed",
    R"({"downlink":{"f_port":15,"frm_payload":"vu8=","priority":"NORMAL","correlation_ids":["as:downlink:01HZX0DOWN0000000000000001"]},"error":{"namespace":"pkg/networkserver","name":"application_downlink_too_long","message_format":"application downlink payload is too long","correlation_id":"7a1c4cbd0d3d4f0cb1a6a8b2d0e6d5b1","code":3}})",
    R"("as:downlink:01HZX0DOWN0000000000000001")");
const QByteArray DownlinkInvalidated = message(
    "downlink_queue_invalidated",
    R"({"downlinks":[{"f_port":1,"frm_payload":"AQ=="},{"f_port":2,"frm_payload":"Ag=="}],"last_f_cnt_down":5,"session_key_id":"AXA50tHUGUucuzS/bCGMNw=="})",
    R"("as:up:01HZX0UPLINK000000000000001")");
const QByteArray LocationSolved = message(
    "location_solved",
    R"({"service":"lora-cloud-geolocation","location":{"latitude":52.3731,"longitude":4.8922,"altitude":12,"accuracy":35,"source":"SOURCE_GPS"},"attributes":{"hdop":"0.9"}})",
    R"("as:up:01HZX0UPLINK000000000000001")");
const QByteArray ServiceData = message(
    "service_data", R"({"service":"lora-cloud-device-management-v1-uplink","data":{"battery":0.95,"uptime":3600}})",
    R"("as:up:01HZX0UPLINK000000000000001")", {});

ApplicationUp parse(const QByteArray &payload)
{
    Result<ApplicationUp> parsed = ApplicationUp::fromJson(payload);
    if (!parsed)
        qFatal("test message does not parse: %s", qPrintable(parsed.error().message()));
    return parsed.takeValue();
}

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad JSON in test: %s", json);
    return document.object();
}

QString hashId(const char *type, const QByteArray &payload)
{
    return QLatin1String(type) + QStringLiteral(":sha256:") +
        QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex().left(32));
}

QByteArray uplinkWith(const QByteArray &decodedPayload, const QByteArray &asUp = "as:up:01HZX0UPLINK000000000000001")
{
    return message("uplink_message", R"({"f_port":1,"frm_payload":"AA==","decoded_payload":)" + decodedPayload + "}",
                   "\"" + asUp + "\"");
}

UplinkTranslator everything()
{
    UplinkTranslator::Options options;
    options.telemetry = MessageFilter::all();
    options.reported = MessageFilter::all();
    return UplinkTranslator(options);
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

class TestUplinkTranslator : public QObject
{
    Q_OBJECT

private slots:
    void telemetryForEveryType_data();
    void telemetryForEveryType();
    void telemetryTopicCarriesTheProperties();
    void messageIdIsStableAcrossRetries();
    void messageIdDistinguishesEvents_data();
    void messageIdDistinguishesEvents();
    void reportedPatchForEveryType_data();
    void reportedPatchForEveryType();
    void decodedPayloadIsExactlyTheLatest_data();
    void decodedPayloadIsExactlyTheLatest();
    void uplinkWithoutDecodedPayloadKeepsTheLastOne();
    void twinRulesViolationsAreSanitized_data();
    void twinRulesViolationsAreSanitized();
    void downlinkStatusLeavesNothingOfTheOlderOne();
    void missingReceivedAtUsesTheReceiveTime();
    void filters_data();
    void filters();
    void tooLargeForTelemetry();
};

void TestUplinkTranslator::telemetryForEveryType_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("fPort"); // empty: no fPort property
    QTest::addColumn<QString>("messageId");

    QTest::addRow("uplink") << Uplink << "uplink"
                            << "7"
                            << "uplink:as:up:01HZX0UPLINK000000000000001";
    QTest::addRow("join") << Join << "joinAccept" << QString() << "joinAccept:as:up:01HZX0JOIN0000000000000001";
    QTest::addRow("down/ack") << DownlinkAck << "downlinkAck" << QString() << hashId("downlinkAck", DownlinkAck);
    QTest::addRow("down/nack") << DownlinkNack << "downlinkNack" << QString() << hashId("downlinkNack", DownlinkNack);
    QTest::addRow("down/sent") << DownlinkSent << "downlinkSent" << QString() << hashId("downlinkSent", DownlinkSent);
    QTest::addRow("down/queued") << DownlinkQueued << "downlinkQueued" << QString()
                                 << hashId("downlinkQueued", DownlinkQueued);
    QTest::addRow("down/failed") << DownlinkFailed << "downlinkFailed" << QString()
                                 << hashId("downlinkFailed", DownlinkFailed);
    QTest::addRow("down/invalidated") << DownlinkInvalidated << "downlinkQueueInvalidated" << QString()
                                      << hashId("downlinkQueueInvalidated", DownlinkInvalidated);
    QTest::addRow("location/solved") << LocationSolved << "locationSolved" << QString()
                                     << hashId("locationSolved", LocationSolved);
    QTest::addRow("service/data") << ServiceData << "serviceData" << QString() << hashId("serviceData", ServiceData);
}

void TestUplinkTranslator::telemetryForEveryType()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, type);
    QFETCH(QString, fPort);
    QFETCH(QString, messageId);

    const UplinkTranslator::Translation translation = everything().translateMessage(payload, parse(payload));
    QCOMPARE(translation.deviceId, QStringLiteral("dev-1"));
    QCOMPARE(ttsMessageTypeName(translation.type), type);
    QVERIFY(translation.telemetry);
    const UplinkTranslator::Telemetry &telemetry = *translation.telemetry;
    QCOMPARE(telemetry.deviceId, QStringLiteral("dev-1"));
    QCOMPARE(telemetry.body, payload); // byte for byte
    QCOMPARE(telemetry.messageId(), messageId);

    QList<MessagePropertyBag::Property> expected {
        {QStringLiteral("$.mid"), messageId},
        {QStringLiteral("$.ct"), QStringLiteral("application/json")},
        {QStringLiteral("$.ce"), QStringLiteral("utf-8")},
        {QStringLiteral("messageType"), type},
    };
    if (!fPort.isEmpty())
        expected.append({QStringLiteral("fPort"), fPort});
    QCOMPARE(telemetry.properties.properties(), expected);
}

void TestUplinkTranslator::telemetryTopicCarriesTheProperties()
{
    const UplinkTranslator::Telemetry telemetry = UplinkTranslator::telemetry(Uplink, parse(Uplink));
    QCOMPARE(telemetry.topic(),
             QStringLiteral("devices/dev-1/messages/events/%24.mid=uplink%3Aas%3Aup%3A01HZX0UPLINK000000000000001"
                            "&%24.ct=application%2Fjson&%24.ce=utf-8&messageType=uplink&fPort=7"));
    const Result<IotHubTopic> parsed = IotHubTopic::parse(telemetry.topic());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().deviceId(), QStringLiteral("dev-1"));
    QCOMPARE(parsed.value().properties(), telemetry.properties);
}

void TestUplinkTranslator::messageIdIsStableAcrossRetries()
{
    // A redelivery (same bytes, parsed again — e.g. replayed from the outbox) gets the same $.mid, for every
    // type; and the whole translation is the same.
    for (const QByteArray &payload : {Uplink, Join, DownlinkAck, DownlinkFailed, LocationSolved, ServiceData}) {
        const UplinkTranslator translator = everything();
        const auto first = translator.translateMessage(payload, parse(payload));
        const auto retry = translator.translateMessage(QByteArray(payload.constData(), payload.size()), parse(payload));
        QVERIFY(first.telemetry && retry.telemetry);
        QCOMPARE(retry.telemetry->messageId(), first.telemetry->messageId());
        QCOMPARE(retry.telemetry->properties, first.telemetry->properties);
        QCOMPARE(retry.reportedPatch, first.reportedPatch);
    }
    // The as:up id names an uplink even when TTS re-serialises the rest differently.
    const QByteArray reformatted = uplinkWith(R"({"temperature":21.5})");
    QCOMPARE(UplinkTranslator::messageId(reformatted, parse(reformatted)),
             QStringLiteral("uplink:as:up:01HZX0UPLINK000000000000001"));
}

void TestUplinkTranslator::messageIdDistinguishesEvents_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");

    QTest::addRow("two uplinks") << uplinkWith("{}", "as:up:01HZX0AAAA") << uplinkWith("{}", "as:up:01HZX0BBBB");
    // One uplink causes both: they share its as:up id.
    QTest::addRow("join and uplink with one id")
        << message("join_accept", "{}", R"("as:up:01HZX0AAAA")") << uplinkWith("{}", "as:up:01HZX0AAAA");
    QTest::addRow("sent and ack of one downlink") << DownlinkSent << DownlinkAck;
    QTest::addRow("two services for one uplink")
        << message("location_solved", R"({"service":"gnss","location":{"latitude":1,"longitude":2}})",
                   R"("as:up:01HZX0AAAA")")
        << message("location_solved", R"({"service":"wifi","location":{"latitude":1,"longitude":2}})",
                   R"("as:up:01HZX0AAAA")");
    // Without an as:up id (or with one IoT Hub would not accept as a message id) the content decides.
    QTest::addRow("no as:up id") << message("uplink_message", R"({"f_port":1,"f_cnt":1})", {})
                                 << message("uplink_message", R"({"f_port":1,"f_cnt":2})", {});
    QTest::addRow("as:up id with characters IoT Hub refuses")
        << message("uplink_message", R"({"f_port":1,"f_cnt":1})", R"("as:up:a/b")")
        << message("uplink_message", R"({"f_port":1,"f_cnt":2})", R"("as:up:a/b")");
}

void TestUplinkTranslator::messageIdDistinguishesEvents()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    const QString a = UplinkTranslator::messageId(first, parse(first));
    const QString b = UplinkTranslator::messageId(second, parse(second));
    QVERIFY2(a != b, qPrintable(a));
    static const QRegularExpression allowed(QStringLiteral(R"(^[A-Za-z0-9\-:.+%_#*?!(),=@;$']{1,128}$)"));
    QVERIFY2(allowed.match(a).hasMatch(), qPrintable(a));
    QVERIFY2(allowed.match(b).hasMatch(), qPrintable(b));
}

void TestUplinkTranslator::reportedPatchForEveryType_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("patch");

    const QString downlink = QStringLiteral(
        R"("fPort":15,"fCnt":3,"framePayload":"BEEF","confirmed":true,"priority":"NORMAL","correlationIds":["as:downlink:01HZX0DOWN0000000000000001"],"error":null,"invalidatedCount":null)");
    QTest::addRow("uplink")
        << Uplink
        << R"({"decodedPayload":{"temperature":21.5,"humidity":40},"lastSeenAt":"2026-01-01T10:00:00.123456789Z","location":{"frm-payload":{"latitude":52.1,"longitude":4.3,"altitude":0,"accuracy":0,"source":"SOURCE_GPS"}}})";
    QTest::addRow("join") << Join << R"({"joinedAt":"2026-01-01T10:00:00.000000001Z"})";
    QTest::addRow("down/ack") << DownlinkAck
                              << QStringLiteral(
                                     R"({"downlink":{"status":"ack","time":"2026-01-01T10:00:00.123456789Z",)") +
            downlink + QStringLiteral("}}");
    QTest::addRow("down/nack") << DownlinkNack
                               << QStringLiteral(
                                      R"({"downlink":{"status":"nack","time":"2026-01-01T10:00:00.123456789Z",)") +
            downlink + QStringLiteral("}}");
    QTest::addRow("down/sent") << DownlinkSent
                               << QStringLiteral(
                                      R"({"downlink":{"status":"sent","time":"2026-01-01T10:00:00.123456789Z",)") +
            downlink + QStringLiteral("}}");
    QTest::addRow("down/queued")
        << DownlinkQueued
        << R"({"downlink":{"status":"queued","time":"2026-01-01T10:00:00.123456789Z","fPort":15,"fCnt":null,"framePayload":"BEEF","confirmed":false,"priority":"NORMAL","correlationIds":["as:downlink:01HZX0DOWN0000000000000001"],"error":null,"invalidatedCount":null}})";
    QTest::addRow("down/failed")
        << DownlinkFailed
        << R"({"downlink":{"status":"failed","time":"2026-01-01T10:00:00.123456789Z","fPort":15,"fCnt":null,"framePayload":"BEEF","confirmed":false,"priority":"NORMAL","correlationIds":["as:downlink:01HZX0DOWN0000000000000001"],"error":{"namespace":"pkg/networkserver","name":"application_downlink_too_long","message":"application downlink payload is too long","code":3,"correlationId":"7a1c4cbd0d3d4f0cb1a6a8b2d0e6d5b1"},"invalidatedCount":null}})";
    QTest::addRow("down/invalidated")
        << DownlinkInvalidated
        << R"({"downlink":{"status":"invalidated","time":"2026-01-01T10:00:00.123456789Z","fPort":1,"fCnt":null,"framePayload":"01","confirmed":false,"priority":null,"correlationIds":null,"error":null,"invalidatedCount":2}})";
    QTest::addRow("location/solved")
        << LocationSolved
        << R"({"location":{"lora-cloud-geolocation":{"latitude":52.3731,"longitude":4.8922,"altitude":12,"accuracy":35,"source":"SOURCE_GPS"}}})";
    QTest::addRow("service/data")
        << ServiceData
        << R"({"serviceData":{"lora-cloud-device-management-v1-uplink":{"battery":0.95,"uptime":3600}}})";
}

void TestUplinkTranslator::reportedPatchForEveryType()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, patch);
    const UplinkTranslator::Translation translation = UplinkTranslator().translateMessage(payload, parse(payload));
    QVERIFY(translation.reportedPatch);
    QCOMPARE(compact(*translation.reportedPatch), compact(object(patch.toUtf8().constData())));
    QVERIFY(translation.issues.isEmpty());
    const Status valid = TwinRules::validatePatch(TwinRules::Section::Reported, *translation.reportedPatch);
    QVERIFY2(valid.ok(), qPrintable(valid.error().message()));
}

void TestUplinkTranslator::decodedPayloadIsExactlyTheLatest_data()
{
    QTest::addColumn<QString>("previous"); // empty: not known
    QTest::addColumn<QByteArray>("next");
    QTest::addColumn<QString>("patch"); // the decodedPayload member of the patch
    QTest::addColumn<QString>("stored"); // what the twin holds after the merge

    QTest::addRow("first uplink") << QString() << QByteArray(R"({"a":1,"b":{"c":2}})") << R"({"a":1,"b":{"c":2}})"
                                  << R"({"a":1,"b":{"c":2}})";
    QTest::addRow("same members") << R"({"a":1,"b":2})" << QByteArray(R"({"a":3,"b":4})") << R"({"a":3,"b":4})"
                                  << R"({"a":3,"b":4})";
    QTest::addRow("member dropped") << R"({"a":1,"b":2,"c":3})" << QByteArray(R"({"a":1})")
                                    << R"({"a":1,"b":null,"c":null})"
                                    << R"({"a":1})";
    QTest::addRow("member added and one dropped") << R"({"a":1})" << QByteArray(R"({"b":2})") << R"({"a":null,"b":2})"
                                                  << R"({"b":2})";
    QTest::addRow("everything dropped") << R"({"a":1,"b":{"c":2}})" << QByteArray("{}") << R"({"a":null,"b":null})"
                                        << "{}";
    QTest::addRow("nested member dropped") << R"({"gps":{"lat":1,"lon":2,"fix":{"sats":7,"hdop":0.9}},"t":20})"
                                           << QByteArray(R"({"gps":{"lat":1,"fix":{"sats":8}},"t":21})")
                                           << R"({"gps":{"lat":1,"lon":null,"fix":{"sats":8,"hdop":null}},"t":21})"
                                           << R"({"gps":{"lat":1,"fix":{"sats":8}},"t":21})";
    QTest::addRow("object became a number") << R"({"a":{"x":1}})" << QByteArray(R"({"a":5})") << R"({"a":5})"
                                            << R"({"a":5})";
    QTest::addRow("number became an object") << R"({"a":5})" << QByteArray(R"({"a":{"x":1}})") << R"({"a":{"x":1}})"
                                             << R"({"a":{"x":1}})";
    QTest::addRow("array shrinks (replaced whole)")
        << R"({"list":[1,2,3]})" << QByteArray(R"({"list":[4]})") << R"({"list":[4]})"
        << R"({"list":[4]})";
    QTest::addRow("null member in the new payload")
        << R"({"a":1,"b":2})" << QByteArray(R"({"a":null,"b":3})") << R"({"a":null,"b":3})"
        << R"({"b":3})";
    QTest::addRow("deeply nested change")
        << R"({"l1":{"l2":{"l3":{"l4":{"x":1,"y":2}}}}})" << QByteArray(R"({"l1":{"l2":{"l3":{"l4":{"y":2}}}}})")
        << R"({"l1":{"l2":{"l3":{"l4":{"x":null,"y":2}}}}})"
        << R"({"l1":{"l2":{"l3":{"l4":{"y":2}}}}})";
}

void TestUplinkTranslator::decodedPayloadIsExactlyTheLatest()
{
    QFETCH(QString, previous);
    QFETCH(QByteArray, next);
    QFETCH(QString, patch);
    QFETCH(QString, stored);

    std::optional<QJsonObject> previousObject;
    if (!previous.isEmpty())
        previousObject = object(previous.toUtf8().constData());
    const QByteArray payload = uplinkWith(next);
    const UplinkTranslator::Translation translation =
        UplinkTranslator().translateMessage(payload, parse(payload), previousObject);
    QVERIFY(translation.reportedPatch);
    const QJsonObject decodedPatch = translation.reportedPatch->value(QStringLiteral("decodedPayload")).toObject();
    QCOMPARE(compact(decodedPatch), compact(object(patch.toUtf8().constData())));
    // What the hub's merge makes of it is exactly the new payload, and the translator says so.
    const QJsonObject merged = JsonMergePatch::apply(previousObject.value_or(QJsonObject()), decodedPatch);
    QCOMPARE(compact(merged), compact(object(stored.toUtf8().constData())));
    QVERIFY(translation.decodedPayload);
    QCOMPARE(compact(*translation.decodedPayload), compact(merged));
}

void TestUplinkTranslator::uplinkWithoutDecodedPayloadKeepsTheLastOne()
{
    // No formatter output (e.g. a port the formatter ignores): the last decoded payload stays.
    const QByteArray payload =
        message("uplink_message", R"({"f_port":9,"frm_payload":"AA=="})", R"("as:up:01HZX0AAAA")");
    const UplinkTranslator::Translation translation =
        UplinkTranslator().translateMessage(payload, parse(payload), object(R"({"a":1})"));
    QVERIFY(translation.reportedPatch);
    QCOMPARE(compact(*translation.reportedPatch), QStringLiteral(R"({"lastSeenAt":"2026-01-01T10:00:00.123456789Z"})"));
    QVERIFY(!translation.decodedPayload);
}

void TestUplinkTranslator::twinRulesViolationsAreSanitized_data()
{
    QTest::addColumn<QByteArray>("decoded");
    QTest::addColumn<QString>("previous");
    QTest::addColumn<QString>("patch"); // the decodedPayload member; empty: no decodedPayload in the patch
    QTest::addColumn<QStringList>("issues"); // "reason path"

    const QString base = QStringLiteral("properties.reported.decodedPayload");
    QTest::addRow("dots, dollars and spaces in keys")
        << QByteArray(R"({"a.b":1,"$c":2,"d e":3,"ok":4})") << QString() << R"({"a_b":1,"_c":2,"d_e":3,"ok":4})"
        << QStringList {QStringLiteral("keyRenamed ") + base + QStringLiteral(".$c"),
                        QStringLiteral("keyRenamed ") + base + QStringLiteral(".a.b"),
                        QStringLiteral("keyRenamed ") + base + QStringLiteral(".d e")};
    QTest::addRow("renamed key collides with a valid one")
        << QByteArray(R"({"a.b":1,"a_b":2})") << QString() << R"({"a_b":2})"
        << QStringList {QStringLiteral("keyDropped ") + base + QStringLiteral(".a.b")};
    QTest::addRow("nested key renamed") << QByteArray(R"({"gps":{"h.dop":0.9}})") << QString()
                                        << R"({"gps":{"h_dop":0.9}})"
                                        << QStringList {QStringLiteral("keyRenamed ") + base +
                                                        QStringLiteral(".gps.h.dop")};
    QTest::addRow("previous sanitized key gets its null") << QByteArray(R"({"b":1})") << R"({"a_b":1,"b":0})"
                                                          << R"({"a_b":null,"b":1})" << QStringList();
    QTest::addRow("string over 4 KB") << QByteArray(R"({"s":")" + QByteArray(4097, 'x') + R"(","t":1})") << QString()
                                      << R"({"t":1})"
                                      << QStringList {QStringLiteral("stringTooLong ") + base + QStringLiteral(".s")};
    QTest::addRow("whole number beyond 2^52")
        << QByteArray(R"({"n":9007199254740993,"m":-5})") << QString() << R"({"m":-5,"n":"9007199254740993"})"
        << QStringList {QStringLiteral("integerAsString ") + base + QStringLiteral(".n")};
    // decodedPayload is level 1 below reported; objects may nest down to level 10.
    QTest::addRow("nested deeper than 10 levels")
        << QByteArray(R"({"l2":{"l3":{"l4":{"l5":{"l6":{"l7":{"l8":{"l9":{"l10":{"ok":1,"l11":{"x":1}}}}}}}}}}})")
        << QString() << R"({"l2":{"l3":{"l4":{"l5":{"l6":{"l7":{"l8":{"l9":{"l10":{"ok":1}}}}}}}}}})"
        << QStringList {QStringLiteral("tooDeep ") + base + QStringLiteral(".l2.l3.l4.l5.l6.l7.l8.l9.l10.l11")};
    QByteArray large = "{";
    for (int i = 0; i < 40; ++i)
        large += (i ? "," : "") + QByteArray("\"k") + QByteArray::number(i) + "\":\"" + QByteArray(1000, 'v') + "\"";
    large += "}";
    QTest::addRow("over the 32 KB reported size")
        << large << R"({"a":1})" << QString() << QStringList {QStringLiteral("tooLarge ") + base};
}

void TestUplinkTranslator::twinRulesViolationsAreSanitized()
{
    QFETCH(QByteArray, decoded);
    QFETCH(QString, previous);
    QFETCH(QString, patch);
    QFETCH(QStringList, issues);

    std::optional<QJsonObject> previousObject;
    if (!previous.isEmpty())
        previousObject = object(previous.toUtf8().constData());
    const QByteArray payload = uplinkWith(decoded);
    const UplinkTranslator::Translation translation =
        UplinkTranslator().translateMessage(payload, parse(payload), previousObject);
    QVERIFY(translation.reportedPatch);
    if (patch.isEmpty()) {
        QVERIFY(!translation.reportedPatch->contains(QStringLiteral("decodedPayload")));
        QVERIFY(!translation.decodedPayload);
    } else {
        QCOMPARE(compact(translation.reportedPatch->value(QStringLiteral("decodedPayload")).toObject()),
                 compact(object(patch.toUtf8().constData())));
    }
    QStringList actual;
    for (const TwinValueSanitizer::Issue &issue : translation.issues)
        actual.append(TwinValueSanitizer::reasonName(issue.reason) + QLatin1Char(' ') + issue.path);
    QCOMPARE(actual, issues);
    // Whatever the device sent, IoT Hub accepts the patch.
    const Status valid = TwinRules::validatePatch(TwinRules::Section::Reported, *translation.reportedPatch);
    QVERIFY2(valid.ok(), qPrintable(valid.error().message()));
    // The telemetry body is still the device's message, unchanged.
    UplinkTranslator::Options options;
    QCOMPARE(UplinkTranslator(options).translateMessage(payload, parse(payload)).telemetry->body, payload);
}

void TestUplinkTranslator::downlinkStatusLeavesNothingOfTheOlderOne()
{
    const UplinkTranslator translator;
    QJsonObject reported;
    for (const QByteArray &event : {DownlinkQueued, DownlinkFailed, DownlinkInvalidated, DownlinkAck}) {
        const auto translation = translator.translateMessage(event, parse(event));
        QVERIFY(translation.reportedPatch);
        reported = JsonMergePatch::apply(reported, *translation.reportedPatch);
    }
    // After failed (error) and invalidated (invalidatedCount), the ack leaves only its own members.
    QCOMPARE(compact(reported),
             compact(object(R"({"downlink":{"status":"ack","time":"2026-01-01T10:00:00.123456789Z","fPort":15,"fCnt":3,
                 "framePayload":"BEEF","confirmed":true,"priority":"NORMAL",
                 "correlationIds":["as:downlink:01HZX0DOWN0000000000000001"]}})")));
}

void TestUplinkTranslator::missingReceivedAtUsesTheReceiveTime()
{
    const QByteArray payload = message("uplink_message", R"({"f_port":1})", R"("as:up:01HZX0AAAA")", {});
    const QDateTime receivedAt(QDate(2026, 2, 3), QTime(4, 5, 6, 789), Qt::UTC);
    const auto translation = UplinkTranslator().translateMessage(payload, parse(payload), std::nullopt, receivedAt);
    QCOMPARE(translation.reportedPatch->value(QStringLiteral("lastSeenAt")).toString(),
             QStringLiteral("2026-02-03T04:05:06.789Z"));
    const QByteArray join = message("join_accept", "{}", R"("as:up:01HZX0AAAA")", {});
    QCOMPARE(UplinkTranslator()
                 .translateMessage(join, parse(join), std::nullopt, receivedAt)
                 .reportedPatch->value(QStringLiteral("joinedAt"))
                 .toString(),
             QStringLiteral("2026-02-03T04:05:06.789Z"));
}

void TestUplinkTranslator::filters_data()
{
    QTest::addColumn<QStringList>("telemetry"); // empty list with "default" = default filter
    QTest::addColumn<QStringList>("reported");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("expectTelemetry");
    QTest::addColumn<bool>("expectPatch");

    const QStringList defaults {QStringLiteral("default")};
    QTest::addRow("defaults: uplink") << defaults << defaults << Uplink << true << true;
    QTest::addRow("defaults: join") << defaults << defaults << Join << false << true;
    QTest::addRow("defaults: down/ack") << defaults << defaults << DownlinkAck << false << true;
    QTest::addRow("defaults: location/solved") << defaults << defaults << LocationSolved << false << true;
    QTest::addRow("defaults: service/data") << defaults << defaults << ServiceData << false << true;
    QTest::addRow("telemetry for service data")
        << strings({"uplink", "serviceData"}) << defaults << ServiceData << true << true;
    QTest::addRow("no reported updates") << defaults << QStringList() << Uplink << true << false;
    QTest::addRow("nothing at all") << QStringList() << QStringList() << Uplink << false << false;
    QTest::addRow("reported only for joins: uplink")
        << QStringList() << strings({"joinAccept"}) << Uplink << false << false;
    QTest::addRow("reported only for joins: join") << QStringList() << strings({"joinAccept"}) << Join << false << true;
    QTest::addRow("telemetry for downlink events only")
        << strings({"downlinkAck", "downlinkNack", "downlinkSent", "downlinkFailed", "downlinkQueued",
                    "downlinkQueueInvalidated"})
        << defaults << DownlinkNack << true << true;
}

void TestUplinkTranslator::filters()
{
    QFETCH(QStringList, telemetry);
    QFETCH(QStringList, reported);
    QFETCH(QByteArray, payload);
    QFETCH(bool, expectTelemetry);
    QFETCH(bool, expectPatch);

    UplinkTranslator::Options options;
    if (telemetry != QStringList {QStringLiteral("default")})
        options.telemetry = MessageFilter::fromNames(telemetry);
    if (reported != QStringList {QStringLiteral("default")})
        options.reported = MessageFilter::fromNames(reported);
    const auto translation = UplinkTranslator(options).translateMessage(payload, parse(payload));
    QCOMPARE(bool(translation.telemetry), expectTelemetry);
    QCOMPARE(bool(translation.reportedPatch), expectPatch);
    QCOMPARE(translation.skipped, UplinkTranslator::Skipped::None);
}

void TestUplinkTranslator::tooLargeForTelemetry()
{
    // IoT Hub refuses D2C messages over 256 KB: not sent as telemetry (said so), the twin is still updated.
    const QByteArray payload = message("uplink_message",
                                       R"({"f_port":1,"decoded_payload":{"t":1},"attributes":{"blob":")" +
                                           QByteArray(256 * 1024, 'a') + "\"}}",
                                       R"("as:up:01HZX0AAAA")");
    const auto translation = UplinkTranslator().translateMessage(payload, parse(payload));
    QVERIFY(!translation.telemetry);
    QCOMPARE(translation.skipped, UplinkTranslator::Skipped::TelemetryTooLarge);
    QVERIFY(translation.reportedPatch);
    QCOMPARE(translation.reportedPatch->value(QStringLiteral("decodedPayload")).toObject(), object(R"({"t":1})"));
}

QTEST_GUILESS_MAIN(TestUplinkTranslator)
#include "tst_uplinktranslator.moc"
