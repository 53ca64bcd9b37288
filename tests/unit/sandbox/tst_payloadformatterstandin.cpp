#include "sandbox/tts/PayloadFormatterStandIn.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;

// The virtual devices' payload formatter: the uplink byte layout both ways and the downlink encoder.
class TestPayloadFormatterStandIn : public QObject
{
    Q_OBJECT

private slots:
    void uplinkRoundTrip_data();
    void uplinkRoundTrip();
    void notASensorPayload_data();
    void notASensorPayload();
    void decodedPayloadOverrides_data();
    void decodedPayloadOverrides();
    void encodeDownlink_data();
    void encodeDownlink();
};

void TestPayloadFormatterStandIn::uplinkRoundTrip_data()
{
    QTest::addColumn<double>("temperature");
    QTest::addColumn<double>("humidity");
    QTest::addColumn<double>("battery");
    QTest::addColumn<QByteArray>("hex");
    QTest::addRow("room") << 21.37 << 48.5 << 3.612 << QByteArray("085961_0e1c").replace('_', "");
    QTest::addRow("frost") << -5.5 << 90.0 << 3.0 << QByteArray("fddab40bb8");
    QTest::addRow("zero") << 0.0 << 0.0 << 0.0 << QByteArray("0000000000");
    QTest::addRow("extremes") << -327.68 << 127.5 << 65.535 << QByteArray("8000ffffff");
}

void TestPayloadFormatterStandIn::uplinkRoundTrip()
{
    QFETCH(double, temperature);
    QFETCH(double, humidity);
    QFETCH(double, battery);
    QFETCH(QByteArray, hex);
    const SensorReading reading {temperature, humidity, battery};
    const QByteArray bytes = PayloadFormatterStandIn::encodeUplink(reading);
    QCOMPARE(bytes.toHex(), hex);
    const auto decoded = PayloadFormatterStandIn::decodeUplink(bytes);
    QVERIFY(decoded);
    QCOMPARE(*decoded, reading);
    const QJsonObject json = PayloadFormatterStandIn::toDecodedPayload(reading);
    QCOMPARE(json.value(QStringLiteral("temperature")).toDouble(), temperature);
    QCOMPARE(json.value(QStringLiteral("humidity")).toDouble(), humidity);
    QCOMPARE(json.value(QStringLiteral("battery")).toDouble(), battery);
}

void TestPayloadFormatterStandIn::notASensorPayload_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("short") << QByteArray::fromHex("01020304");
    QTest::addRow("long") << QByteArray::fromHex("010203040506");
}

void TestPayloadFormatterStandIn::notASensorPayload()
{
    QFETCH(QByteArray, bytes);
    QVERIFY(!PayloadFormatterStandIn::decodeUplink(bytes));
}

void TestPayloadFormatterStandIn::decodedPayloadOverrides_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("temperature");
    QTest::addColumn<QString>("errorWord");
    QTest::addRow("empty keeps the base") << QByteArray("{}") << true << 20.0 << QString();
    QTest::addRow("temperature") << QByteArray(R"({"temperature": 30.254})") << true << 30.25 << QString();
    QTest::addRow("unknown member") << QByteArray(R"({"pressure": 1})") << false << 0.0 << QStringLiteral("pressure");
    QTest::addRow("not a number") << QByteArray(R"({"humidity": "wet"})") << false << 0.0 << QStringLiteral("humidity");
    QTest::addRow("out of range") << QByteArray(R"({"temperature": 1000})") << false << 0.0
                                  << QStringLiteral("temperature");
}

void TestPayloadFormatterStandIn::decodedPayloadOverrides()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(double, temperature);
    QFETCH(QString, errorWord);
    const SensorReading base {20.0, 50.0, 3.7};
    const Result<SensorReading> result =
        PayloadFormatterStandIn::fromDecodedPayload(QJsonDocument::fromJson(json).object(), base);
    QCOMPARE(result.ok(), ok);
    if (ok) {
        QCOMPARE(result.value().temperature, temperature);
        QCOMPARE(result.value().humidity, 50.0);
    } else {
        QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(result.error().message().contains(errorWord), qPrintable(result.error().message()));
    }
}

void TestPayloadFormatterStandIn::encodeDownlink_data()
{
    QTest::addColumn<int>("fPort");
    QTest::addColumn<QByteArray>("decoded");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("expectedPort");
    QTest::addColumn<QByteArray>("expectedHex");
    QTest::addRow("interval") << 0 << QByteArray(R"({"interval": 600})") << true << 2 << QByteArray("010258");
    QTest::addRow("led") << 0 << QByteArray(R"({"led": true})") << true << 2 << QByteArray("0201");
    QTest::addRow("both, own port") << 9 << QByteArray(R"({"led": false, "interval": 1})") << true << 9
                                    << QByteArray("0100010200");
    QTest::addRow("bytes with fPort") << 0 << QByteArray(R"({"bytes": [1, 2, 255], "fPort": 5})") << true << 5
                                      << QByteArray("0102ff");
    QTest::addRow("bytes") << 0 << QByteArray(R"({"bytes": [170]})") << true << 2 << QByteArray("aa");
    QTest::addRow("byte out of range") << 0 << QByteArray(R"({"bytes": [256]})") << false << 0 << QByteArray();
    QTest::addRow("bad fPort") << 0 << QByteArray(R"({"bytes": [1], "fPort": 224})") << false << 0 << QByteArray();
    QTest::addRow("unknown field") << 0 << QByteArray(R"({"colour": "red"})") << false << 0 << QByteArray();
    QTest::addRow("interval zero") << 0 << QByteArray(R"({"interval": 0})") << false << 0 << QByteArray();
    QTest::addRow("led not bool") << 0 << QByteArray(R"({"led": 1})") << false << 0 << QByteArray();
    QTest::addRow("empty") << 0 << QByteArray("{}") << false << 0 << QByteArray();
}

void TestPayloadFormatterStandIn::encodeDownlink()
{
    QFETCH(int, fPort);
    QFETCH(QByteArray, decoded);
    QFETCH(bool, ok);
    QFETCH(int, expectedPort);
    QFETCH(QByteArray, expectedHex);
    TtsDownlink downlink;
    downlink.fPort = fPort;
    downlink.decodedPayload = QJsonDocument::fromJson(decoded).object();
    const Result<TtsDownlink> encoded = PayloadFormatterStandIn::encodeDownlink(downlink);
    QCOMPARE(encoded.ok(), ok);
    if (ok) {
        QCOMPARE(encoded.value().fPort, expectedPort);
        QCOMPARE(encoded.value().frmPayload.toHex(), expectedHex);
        QCOMPARE(encoded.value().decodedPayload, downlink.decodedPayload); // kept, as TTS shows it
    } else {
        // TTS-shaped: an InvalidArgument (400) with namespace and name.
        QCOMPARE(encoded.error().httpStatus(), 400);
        QCOMPARE(encoded.error().code(), QStringLiteral("pkg/sandbox/formatter:encode_downlink"));
        QVERIFY(encoded.error().message().startsWith(QLatin1String("downlink formatter failed")));
    }
    // A downlink that already has bytes is left alone.
    TtsDownlink raw;
    raw.fPort = 4;
    raw.frmPayload = "x";
    raw.decodedPayload = downlink.decodedPayload;
    QCOMPARE(PayloadFormatterStandIn::encodeDownlink(raw).value().frmPayload, QByteArray("x"));
}

QTEST_GUILESS_MAIN(TestPayloadFormatterStandIn)
#include "tst_payloadformatterstandin.moc"
