#include "services/protocol/TtsDownlink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

namespace {

QJsonObject object(const QByteArray &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (!document.isObject())
        qFatal("bad test JSON: %s", text.constData());
    return document.object();
}

} // namespace

class TestTtsDownlink : public QObject
{
    Q_OBJECT

private slots:
    void fromJson_data();
    void fromJson();
    void fromJsonRejects_data();
    void fromJsonRejects();
    void toJson_data();
    void toJson();
    void validate_data();
    void validate();
    void queue();
    void queueRejects_data();
    void queueRejects();
};

void TestTtsDownlink::fromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("fPort");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("hasDecoded");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<QString>("priority");
    QTest::addColumn<QStringList>("correlationIds");
    QTest::addColumn<qint64>("fCnt");

    // reference/tts-integration.md §3.3 (docs) and §3.4 (downlink_ack body).
    QTest::addRow("docs push body") << QByteArray(R"({"f_port":15,"frm_payload":"vu8=","priority":"NORMAL"})") << 15
                                    << QByteArray::fromHex("beef") << false << false << QStringLiteral("NORMAL")
                                    << QStringList() << qint64(-1);
    QTest::addRow("docs full example")
        << QByteArray(
               R"({"f_port":15,"frm_payload":"vu8=","decoded_payload":{"temperature":1.0,"luminosity":0.64},"priority":"NORMAL","confirmed":true,"correlation_ids":["custom-id"]})")
        << 15 << QByteArray::fromHex("beef") << true << true << QStringLiteral("NORMAL")
        << QStringList {QStringLiteral("custom-id")} << qint64(-1);
    QTest::addRow("ack event")
        << QByteArray(
               R"({"session_key_id":"AXBSH1Pk6Z0G166RlH16CQ==","f_port":15,"f_cnt":1,"frm_payload":"vu8=","confirmed":true,"priority":"NORMAL","correlation_ids":["as:downlink:1"]})")
        << 15 << QByteArray::fromHex("beef") << false << true << QStringLiteral("NORMAL")
        << QStringList {QStringLiteral("as:downlink:1")} << qint64(1);
    QTest::addRow("decoded only") << QByteArray(R"({"decoded_payload":{"color":"red"}})") << 0 << QByteArray() << true
                                  << false << QString() << QStringList() << qint64(-1);
    QTest::addRow("nulls are absent") << QByteArray(R"({"f_port":null,"frm_payload":null,"decoded_payload":null})") << 0
                                      << QByteArray() << false << false << QString() << QStringList() << qint64(-1);
    QTest::addRow("f_port as string (protobuf JSON)") << QByteArray(R"({"f_port":"15"})") << 15 << QByteArray() << false
                                                      << false << QString() << QStringList() << qint64(-1);
    QTest::addRow("f_cnt as string") << QByteArray(R"({"f_port":1,"f_cnt":"42"})") << 1 << QByteArray() << false
                                     << false << QString() << QStringList() << qint64(42);
    QTest::addRow("f_cnt zero") << QByteArray(R"({"f_port":1,"f_cnt":0})") << 1 << QByteArray() << false << false
                                << QString() << QStringList() << qint64(0);
    QTest::addRow("unpadded base64") << QByteArray(R"({"f_port":2,"frm_payload":"vu8"})") << 2
                                     << QByteArray::fromHex("beef") << false << false << QString() << QStringList()
                                     << qint64(-1);
    QTest::addRow("whole double port") << QByteArray(R"({"f_port":3.0})") << 3 << QByteArray() << false << false
                                       << QString() << QStringList() << qint64(-1);
}

void TestTtsDownlink::fromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(int, fPort);
    QFETCH(QByteArray, payload);
    QFETCH(bool, hasDecoded);
    QFETCH(bool, confirmed);
    QFETCH(QString, priority);
    QFETCH(QStringList, correlationIds);
    QFETCH(qint64, fCnt);
    const auto parsed = TtsDownlink::fromJson(object(json));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const TtsDownlink &d = parsed.value();
    QCOMPARE(d.fPort, fPort);
    QCOMPARE(d.frmPayload, payload);
    QCOMPARE(d.decodedPayload.has_value(), hasDecoded);
    QCOMPARE(d.confirmed, confirmed);
    QCOMPARE(d.priority, priority);
    QCOMPARE(d.correlationIds, correlationIds);
    QCOMPARE(d.fCnt, fCnt);
    // toJson() and fromJson() agree.
    const auto again = TtsDownlink::fromJson(d.toJson());
    QVERIFY(again.ok());
    QCOMPARE(again.value().toJson(), d.toJson());
}

void TestTtsDownlink::fromJsonRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("f_port text") << QByteArray(R"({"f_port":"fifteen"})") << QStringLiteral("f_port")
                                 << QStringLiteral("whole number");
    QTest::addRow("f_port fraction") << QByteArray(R"({"f_port":1.5})") << QStringLiteral("f_port")
                                     << QStringLiteral("whole number");
    QTest::addRow("f_port negative") << QByteArray(R"({"f_port":-1})") << QStringLiteral("f_port")
                                     << QStringLiteral("out of range");
    QTest::addRow("f_port huge") << QByteArray(R"({"f_port":1e12})") << QStringLiteral("f_port")
                                 << QStringLiteral("out of range");
    QTest::addRow("payload not base64") << QByteArray(R"({"frm_payload":"vu8*"})") << QStringLiteral("frm_payload")
                                        << QStringLiteral("base64");
    QTest::addRow("payload a number") << QByteArray(R"({"frm_payload":5})") << QStringLiteral("frm_payload")
                                      << QStringLiteral("text");
    QTest::addRow("decoded payload a list") << QByteArray(R"({"decoded_payload":[1]})")
                                            << QStringLiteral("decoded_payload") << QStringLiteral("JSON object");
    QTest::addRow("confirmed a string") << QByteArray(R"({"confirmed":"true"})") << QStringLiteral("confirmed")
                                        << QStringLiteral("true or false");
    QTest::addRow("priority a number") << QByteArray(R"({"priority":3})") << QStringLiteral("priority")
                                       << QStringLiteral("text");
    QTest::addRow("correlation ids not a list")
        << QByteArray(R"({"correlation_ids":"a"})") << QStringLiteral("correlation_ids") << QStringLiteral("list");
    QTest::addRow("correlation id a number") << QByteArray(R"({"correlation_ids":["a",2]})")
                                             << QStringLiteral("correlation_ids[1]") << QStringLiteral("text");
    QTest::addRow("f_cnt garbage string")
        << QByteArray(R"({"f_cnt":"12x"})") << QStringLiteral("f_cnt") << QStringLiteral("whole number");
    QTest::addRow("f_cnt too large") << QByteArray(R"({"f_cnt":4294967296})") << QStringLiteral("f_cnt")
                                     << QStringLiteral("out of range");
    QTest::addRow("f_cnt 1e300") << QByteArray(R"({"f_cnt":1e300})") << QStringLiteral("f_cnt")
                                 << QStringLiteral("whole number");
}

void TestTtsDownlink::fromJsonRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, mentions);
    const auto parsed = TtsDownlink::fromJson(object(json));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QCOMPARE(parsed.error().code(), QStringLiteral("InvalidDownlink"));
    QVERIFY2(parsed.error().message().startsWith(path + QStringLiteral(": ")), qPrintable(parsed.error().message()));
    QVERIFY2(parsed.error().message().contains(mentions), qPrintable(parsed.error().message()));
    // Nested use names the full path.
    const auto nested = TtsDownlink::fromJson(object(json), QStringLiteral("downlink_ack"));
    QVERIFY(nested.error().message().startsWith(QStringLiteral("downlink_ack.") + path));
}

void TestTtsDownlink::toJson_data()
{
    QTest::addColumn<int>("fPort");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<QString>("priority");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("docs body") << 15 << QByteArray::fromHex("beef") << false << QStringLiteral("NORMAL")
                               << QByteArray(R"({"f_port":15,"frm_payload":"vu8=","priority":"NORMAL"})");
    QTest::addRow("confirmed") << 42 << QByteArray::fromHex("beef") << true << QString()
                               << QByteArray(R"({"confirmed":true,"f_port":42,"frm_payload":"vu8="})");
    QTest::addRow("empty payload omitted") << 1 << QByteArray() << false << QString() << QByteArray(R"({"f_port":1})");
}

void TestTtsDownlink::toJson()
{
    QFETCH(int, fPort);
    QFETCH(QByteArray, payload);
    QFETCH(bool, confirmed);
    QFETCH(QString, priority);
    QFETCH(QByteArray, expected);
    TtsDownlink downlink;
    downlink.fPort = fPort;
    downlink.frmPayload = payload;
    downlink.confirmed = confirmed;
    downlink.priority = priority;
    QCOMPARE(downlink.toJson(), object(expected));
}

void TestTtsDownlink::validate_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions"); // empty = valid
    QTest::addRow("port 1") << QByteArray(R"({"f_port":1,"frm_payload":"AQ=="})") << QString();
    QTest::addRow("port 223") << QByteArray(R"({"f_port":223})") << QString();
    QTest::addRow("decoded payload without port") << QByteArray(R"({"decoded_payload":{"led":"on"}})") << QString();
    QTest::addRow("all priorities") << QByteArray(R"({"f_port":1,"priority":"HIGHEST"})") << QString();
    QTest::addRow("nothing to send") << QByteArray("{}") << QStringLiteral("needs an FPort");
    QTest::addRow("port 224 (test port)") << QByteArray(R"({"f_port":224})") << QStringLiteral("FPort 224");
    QTest::addRow("port 0 with payload") << QByteArray(R"({"f_port":0,"frm_payload":"AQ=="})")
                                         << QStringLiteral("needs an FPort");
    QTest::addRow("unknown priority") << QByteArray(R"({"f_port":1,"priority":"URGENT"})") << QStringLiteral("URGENT");
    QTest::addRow("payload too long") << QByteArray(R"({"f_port":1,"frm_payload":")") +
            QByteArray(256, 'A').toBase64() +
            QByteArray(R"("})") << QStringLiteral("256 bytes");
    QTest::addRow("correlation id too long")
        << QByteArray(R"({"f_port":1,"correlation_ids":[")") + QByteArray(101, 'c') + QByteArray(R"("]})")
        << QStringLiteral("100 characters");
}

void TestTtsDownlink::validate()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto parsed = TtsDownlink::fromJson(object(json));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const Status valid = parsed.value().validate();
    if (mentions.isEmpty()) {
        QVERIFY2(valid.ok(), qPrintable(valid.error().message()));
    } else {
        QVERIFY(!valid.ok());
        QCOMPARE(valid.error().code(), QStringLiteral("InvalidDownlink"));
        QVERIFY2(valid.error().message().contains(mentions), qPrintable(valid.error().message()));
    }
}

void TestTtsDownlink::queue()
{
    TtsDownlink a;
    a.fPort = 15;
    a.frmPayload = QByteArray::fromHex("beef");
    a.priority = QStringLiteral("NORMAL");
    TtsDownlink b;
    b.decodedPayload = QJsonObject {{QStringLiteral("color"), QStringLiteral("red")}};
    const QJsonObject body = TtsDownlink::queueRequest({a, b});
    QCOMPARE(
        body,
        object(
            R"({"downlinks":[{"f_port":15,"frm_payload":"vu8=","priority":"NORMAL"},{"decoded_payload":{"color":"red"}}]})"));
    const auto parsed = TtsDownlink::fromQueue(body);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().size(), 2);
    QCOMPARE(parsed.value().at(0).frmPayload, QByteArray::fromHex("beef"));
    QVERIFY(parsed.value().at(1).decodedPayload.has_value());
    // replace with [] clears the queue; TTS omits the empty list.
    QCOMPARE(TtsDownlink::queueRequest({}), object(R"({"downlinks":[]})"));
    QVERIFY(TtsDownlink::fromQueue(QJsonObject()).ok());
    QVERIFY(TtsDownlink::fromQueue(QJsonObject()).value().isEmpty());
}

void TestTtsDownlink::queueRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addRow("not a list") << QByteArray(R"({"downlinks":{}})") << QStringLiteral("downlinks");
    QTest::addRow("element not an object") << QByteArray(R"({"downlinks":[{},5]})") << QStringLiteral("downlinks[1]");
    QTest::addRow("element field") << QByteArray(R"({"downlinks":[{"f_port":"x"}]})")
                                   << QStringLiteral("downlinks[0].f_port");
}

void TestTtsDownlink::queueRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    const auto parsed = TtsDownlink::fromQueue(object(json));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
    QVERIFY2(parsed.error().message().startsWith(path + QStringLiteral(": ")), qPrintable(parsed.error().message()));
}

QTEST_GUILESS_MAIN(TestTtsDownlink)
#include "tst_ttsdownlink.moc"
