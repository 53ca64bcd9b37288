// IngestBatchParser: every malformed shape of an events request → a 400 error whose message names the event and
// field; well-formed batches → the events in order with their operation.
#include "services/engine/IngestBatchParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TwinBridge;

namespace {

const QString App = QStringLiteral("demo-app");

QByteArray eventJson(const QByteArray &deviceId, const QByteArray &opType, const QByteArray &body = "{\"version\":2}")
{
    return "{\"end_device_ids\":{\"application_ids\":{\"application_id\":\"demo-app\"},\"device_id\":\"" + deviceId +
        "\"},\"body\":" + body + ",\"properties\":{\"hubName\":\"hub\",\"deviceId\":\"" + deviceId +
        "\",\"opType\":\"" + opType +
        "\",\"iothub-message-schema\":\"twinChangeNotification\","
        "\"operationTimestamp\":\"2026-01-01T10:00:00.1234567Z\"}}";
}

} // namespace

class TestIngestBatchParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidBatch()
    {
        const QByteArray body = "{\"events\":[" + eventJson("dev-1", "updateTwin") + ',' +
            eventJson("dev-2", "deleteDeviceIdentity") + "]}";
        Result<QList<IngestEvent>> events = IngestBatchParser::parse(body, App);
        QVERIFY2(events.ok(), qPrintable(events.error().message()));
        QCOMPARE(events.value().size(), 2);
        QCOMPARE(events.value().at(0).deviceId, QStringLiteral("dev-1"));
        QCOMPARE(events.value().at(0).applicationId, App);
        QCOMPARE(events.value().at(0).operation(), IngestEvent::Operation::UpdateTwin);
        QCOMPARE(events.value().at(0).body.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(events.value().at(0).hubName(), QStringLiteral("hub"));
        QVERIFY(events.value().at(0).operationTimestamp().isValid());
        QCOMPARE(events.value().at(1).operation(), IngestEvent::Operation::DeleteDeviceIdentity);

        // The outbox form round-trips.
        Result<IngestEvent> back = IngestEvent::fromJson(events.value().at(0).toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value(), events.value().at(0));
    }

    void acceptsMinimalEvent()
    {
        // application_ids and properties.deviceId are optional (the path names the application).
        const QByteArray body =
            R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":{},"properties":{"opType":"replaceTwin"}}]})";
        Result<QList<IngestEvent>> events = IngestBatchParser::parse(body, App);
        QVERIFY2(events.ok(), qPrintable(events.error().message()));
        QCOMPARE(events.value().first().operation(), IngestEvent::Operation::ReplaceTwin);
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("words");

        const QByteArray ok = eventJson("d1", "updateTwin");
        QTest::addRow("empty") << QByteArray() << QString() << QStringLiteral("empty");
        QTest::addRow("whitespace") << QByteArray("  \n") << QString() << QStringLiteral("empty");
        QTest::addRow("not json") << QByteArray("{\"events\":[") << QString() << QStringLiteral("not valid JSON");
        QTest::addRow("array") << QByteArray("[]") << QString() << QStringLiteral("JSON object");
        QTest::addRow("no events") << QByteArray("{}") << QStringLiteral("events") << QStringLiteral("missing");
        QTest::addRow("events object") << QByteArray("{\"events\":{}}") << QStringLiteral("events")
                                       << QStringLiteral("must be an array, not an object");
        QTest::addRow("events empty") << QByteArray("{\"events\":[]}") << QStringLiteral("events")
                                      << QStringLiteral("at least one");
        QTest::addRow("event string") << QByteArray("{\"events\":[" + ok + ",\"x\"]}") << QStringLiteral("events[1]")
                                      << QStringLiteral("must be an object, not a string");
        QTest::addRow("no ids") << QByteArray(R"({"events":[{"body":{},"properties":{"opType":"updateTwin"}}]})")
                                << QStringLiteral("events[0].end_device_ids") << QStringLiteral("missing");
        QTest::addRow("ids array")
            << QByteArray(R"({"events":[{"end_device_ids":[],"body":{},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].end_device_ids") << QStringLiteral("must be an object, not an array");
        QTest::addRow("no device id")
            << QByteArray(R"({"events":[{"end_device_ids":{},"body":{},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].end_device_ids.device_id") << QStringLiteral("missing");
        QTest::addRow("device id number")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":7},"body":{},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].end_device_ids.device_id") << QStringLiteral("must be a string, not a number");
        QTest::addRow("device id empty")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":""},"body":{},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].end_device_ids.device_id") << QStringLiteral("must not be empty");
        QTest::addRow("device id too long")
            << QByteArray(R"({"events":[{"end_device_ids":{"device_id":")" + QByteArray(129, 'a') +
                          R"("},"body":{},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].end_device_ids.device_id") << QStringLiteral("longer than 128");
        QTest::addRow("other application")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":"d1","application_ids":{"application_id":"other"}},"body":{},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].end_device_ids.application_ids.application_id")
            << QStringLiteral("\"other\" is not the application of the request path, \"demo-app\"");
        QTest::addRow("application ids string")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":"d1","application_ids":"x"},"body":{},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].end_device_ids.application_ids") << QStringLiteral("must be an object");
        QTest::addRow("no body")
            << QByteArray(R"({"events":[{"end_device_ids":{"device_id":"d1"},"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].body") << QStringLiteral("missing");
        QTest::addRow("body null")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":null,"properties":{"opType":"updateTwin"}}]})")
            << QStringLiteral("events[0].body") << QStringLiteral("must be an object, not null");
        QTest::addRow("no properties") << QByteArray(R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":{}}]})")
                                       << QStringLiteral("events[0].properties") << QStringLiteral("missing");
        QTest::addRow("properties array")
            << QByteArray(R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":{},"properties":[]}]})")
            << QStringLiteral("events[0].properties") << QStringLiteral("must be an object, not an array");
        QTest::addRow("no opType")
            << QByteArray(R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":{},"properties":{}}]})")
            << QStringLiteral("events[0].properties.opType") << QStringLiteral("missing");
        QTest::addRow("opType bool")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":{},"properties":{"opType":true}}]})")
            << QStringLiteral("events[0].properties.opType") << QStringLiteral("must be a string, not a boolean");
        QTest::addRow("opType unknown")
            << QByteArray("{\"events\":[" + ok + "," + eventJson("d2", "patchTwin") + "]}")
            << QStringLiteral("events[1].properties.opType")
            << QStringLiteral(
                   "\"patchTwin\" is not one of createDeviceIdentity, deleteDeviceIdentity, updateTwin, replaceTwin");
        QTest::addRow("deviceId differs")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":{},"properties":{"opType":"updateTwin","deviceId":"d2"}}]})")
            << QStringLiteral("events[0].properties.deviceId")
            << QStringLiteral("differs from end_device_ids.device_id");
        QTest::addRow("deviceId number")
            << QByteArray(
                   R"({"events":[{"end_device_ids":{"device_id":"d1"},"body":{},"properties":{"opType":"updateTwin","deviceId":1}}]})")
            << QStringLiteral("events[0].properties.deviceId") << QStringLiteral("must be a string");

        QByteArray many = "{\"events\":[";
        for (int i = 0; i <= IngestBatchParser::MaxEvents; ++i)
            many += (i ? "," : "") + ok;
        many += "]}";
        QTest::addRow("too many events") << many << QStringLiteral("events") << QStringLiteral("at most 1000 events");
    }

    void rejectsMalformed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, path);
        QFETCH(QString, words);

        Result<QList<IngestEvent>> events = IngestBatchParser::parse(body, App);
        QVERIFY(!events.ok());
        const ServiceError &error = events.error();
        QCOMPARE(error.kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(error.httpStatus(), 400);
        QCOMPARE(error.code(), QStringLiteral("InvalidIngestBatch"));
        QCOMPARE(error.payload().toObject().value(QStringLiteral("path")).toString(), path);
        if (!path.isEmpty())
            QVERIFY2(error.message().startsWith(path + QStringLiteral(": ")), qPrintable(error.message()));
        QVERIFY2(error.message().contains(words), qPrintable(error.message()));
    }
};

QTEST_GUILESS_MAIN(TestIngestBatchParser)
#include "tst_ingestbatchparser.moc"
