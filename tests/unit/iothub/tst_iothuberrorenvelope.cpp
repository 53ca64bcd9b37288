#include "services/iothub/IotHubErrorEnvelope.h"

#include <QJsonDocument>
#include <QTest>

using namespace TwinBridge;

class TestIotHubErrorEnvelope : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void codeTable_data();
    void codeTable();
    void writesBothShapes();
    void hostileBodiesStayBounded();
};

void TestIotHubErrorEnvelope::parse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("numericCode");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("trackingId");

    // reference/azure-protocols.md §3.1, shape 1 (ErrorPayload2), verbatim.
    QTest::addRow("legacy Message with ErrorCode prefix")
        << QByteArray(
               R"({"Message":"ErrorCode:DeviceNotFound;Device 'd1' not registered","ExceptionMessage":"Tracking ID:aeec4c1e4e914a4c9f40fdba7be68fa5-G:0-TimeStamp:10/18/2022 20:50:39"})")
        << QByteArray() << QStringLiteral("DeviceNotFound") << 404001 << QStringLiteral("Device 'd1' not registered")
        << QStringLiteral("aeec4c1e4e914a4c9f40fdba7be68fa5");
    // Shape 2 (ErrorPayload1).
    QTest::addRow("errorCode number")
        << QByteArray(
               R"({"errorCode":404001,"trackingId":"t-1","message":"Device not found","timestampUtc":"2024-01-01T00:00:00Z"})")
        << QByteArray() << QStringLiteral("DeviceNotFound") << 404001 << QStringLiteral("Device not found")
        << QStringLiteral("t-1");
    // Shape 2 JSON-encoded inside "Message" (ResponseMessageWrapper).
    QTest::addRow("payload inside Message string")
        << QByteArray(
               R"({"Message":"{\"errorCode\":409001,\"trackingId\":\"t-2\",\"message\":\"A device with ID 'd1' is already registered.\",\"timestampUtc\":\"2024-01-01T00:00:00Z\"}","ExceptionMessage":""})")
        << QByteArray() << QStringLiteral("DeviceAlreadyExists") << 409001
        << QStringLiteral("A device with ID 'd1' is already registered.") << QStringLiteral("t-2");
    QTest::addRow("payload inside lower-case message string")
        << QByteArray(R"({"message":"{\"errorCode\":412001,\"message\":\"Precondition failed\"}"})") << QByteArray()
        << QStringLiteral("PreconditionFailed") << 412001 << QStringLiteral("Precondition failed") << QString();
    QTest::addRow("whole body is a JSON string")
        << QByteArray(R"("{\"errorCode\":401002,\"message\":\"Unauthorized\"}")") << QByteArray()
        << QStringLiteral("IotHubUnauthorizedAccess") << 401002 << QStringLiteral("Unauthorized") << QString();
    QTest::addRow("nested message in message")
        << QByteArray(R"({"Message":"{\"Message\":\"ErrorCode:ThrottlingException;Too many requests\"}"})")
        << QByteArray() << QStringLiteral("ThrottlingException") << 429001 << QStringLiteral("Too many requests")
        << QString();
    QTest::addRow("errorCode as digits string")
        << QByteArray(R"({"errorCode":"413002","message":"Too many devices"})") << QByteArray()
        << QStringLiteral("TooManyDevices") << 413002 << QStringLiteral("Too many devices") << QString();
    QTest::addRow("header only") << QByteArray() << QByteArray("IotHubQuotaExceeded")
                                 << QStringLiteral("IotHubQuotaExceeded") << 403002 << QString() << QString();
    QTest::addRow("header fills a code-less body")
        << QByteArray(R"({"Message":"Quota exceeded"})") << QByteArray("IotHubQuotaExceeded")
        << QStringLiteral("IotHubQuotaExceeded") << 403002 << QStringLiteral("Quota exceeded") << QString();
    QTest::addRow("body code wins over header")
        << QByteArray(R"({"errorCode":404001,"message":"x"})") << QByteArray("ServerError")
        << QStringLiteral("DeviceNotFound") << 404001 << QStringLiteral("x") << QString();
    QTest::addRow("unknown textual code") << QByteArray(R"({"Message":"ErrorCode:SomethingNew;Text"})") << QByteArray()
                                          << QStringLiteral("SomethingNew") << 0 << QStringLiteral("Text") << QString();
    QTest::addRow("unknown numeric code") << QByteArray(R"({"errorCode":418999,"message":"teapot"})") << QByteArray()
                                          << QString() << 418999 << QStringLiteral("teapot") << QString();
    QTest::addRow("ErrorCode without text") << QByteArray(R"({"Message":"ErrorCode:ArgumentInvalid"})") << QByteArray()
                                            << QStringLiteral("ArgumentInvalid") << 400004 << QString() << QString();
    QTest::addRow("plain text body") << QByteArray("Service Unavailable\r\n") << QByteArray() << QString() << 0
                                     << QStringLiteral("Service Unavailable") << QString();
    QTest::addRow("html body") << QByteArray("<html><body>Bad gateway</body></html>") << QByteArray() << QString() << 0
                               << QStringLiteral("<html><body>Bad gateway</body></html>") << QString();
    QTest::addRow("empty body") << QByteArray() << QByteArray() << QString() << 0 << QString() << QString();
    QTest::addRow("broken JSON is text") << QByteArray(R"({"Message":)") << QByteArray() << QString() << 0
                                         << QStringLiteral("{\"Message\":") << QString();
    QTest::addRow("unrelated JSON") << QByteArray(R"({"fake":"no canned answer"})") << QByteArray() << QString() << 0
                                    << QString() << QString();
    QTest::addRow("array body") << QByteArray("[1,2]") << QByteArray() << QString() << 0 << QString() << QString();
    QTest::addRow("wrong types ignored") << QByteArray(R"({"errorCode":true,"message":5,"trackingId":[]})")
                                         << QByteArray() << QString() << 0 << QString() << QString();
    QTest::addRow("non six-digit number ignored") << QByteArray(R"({"errorCode":404,"message":"m"})") << QByteArray()
                                                  << QString() << 0 << QStringLiteral("m") << QString();
}

void TestIotHubErrorEnvelope::parse()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(QString, code);
    QFETCH(int, numericCode);
    QFETCH(QString, message);
    QFETCH(QString, trackingId);
    const IotHubErrorEnvelope envelope = IotHubErrorEnvelope::parse(body, header);
    QCOMPARE(envelope.code, code);
    QCOMPARE(envelope.numericCode, numericCode);
    QCOMPARE(envelope.message, message);
    QCOMPARE(envelope.trackingId, trackingId);
    QCOMPARE(envelope.isEmpty(), code.isEmpty() && numericCode == 0 && message.isEmpty());
    if (!code.isEmpty())
        QVERIFY(envelope.describe().startsWith(code));
}

void TestIotHubErrorEnvelope::codeTable_data()
{
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("name");
    // reference/azure-protocols.md §1.12, every code.
    const QList<QPair<int, const char *>> codes = {
        {400004, "ArgumentInvalid"},
        {400005, "ArgumentNull"},
        {400006, "IotHubFormatError"},
        {400011, "DeviceDefinedMultipleTimes"},
        {400013, "BulkRegistryOperationFailure"},
        {401001, "IotHubNotFound"},
        {401002, "IotHubUnauthorizedAccess"},
        {401003, "IotHubUnauthorized"},
        {403002, "IotHubQuotaExceeded"},
        {403004, "DeviceMaximumQueueDepthExceeded"},
        {404001, "DeviceNotFound"},
        {404103, "DeviceNotOnline"},
        {404010, "ModuleNotFound"},
        {409001, "DeviceAlreadyExists"},
        {412001, "PreconditionFailed"},
        {412002, "DeviceMessageLockLost"},
        {413001, "MessageTooLarge"},
        {413002, "TooManyDevices"},
        {429001, "ThrottlingException"},
        {429002, "ThrottleBacklogLimitExceeded"},
        {429003, "ThrottlingBacklogTimeout"},
        {429005, "DeviceThrottlingLimitExceeded"},
        {500001, "ServerError"},
        {503001, "ServiceUnavailable"},
        {400027, "ConnectionForcefullyClosedOnNewConnection"},
        {404104, "DeviceConnectionClosedRemotely"},
    };
    for (const auto &code : codes)
        QTest::addRow("%d", code.first) << code.first << QString::fromLatin1(code.second);
}

void TestIotHubErrorEnvelope::codeTable()
{
    QFETCH(int, number);
    QFETCH(QString, name);
    QCOMPARE(IotHubErrorEnvelope::codeName(number), name);
    QCOMPARE(IotHubErrorEnvelope::numericCodeFor(name), number);
    QCOMPARE(IotHubErrorEnvelope::numericCodeFor(name.toLower()), number);
}

void TestIotHubErrorEnvelope::writesBothShapes()
{
    IotHubErrorEnvelope envelope;
    envelope.code = QStringLiteral("DeviceNotFound");
    envelope.message = QStringLiteral("Device 'x' not found");
    envelope.trackingId = QStringLiteral("abc");
    envelope.timestampUtc = QStringLiteral("10/18/2022 20:50:39");
    const QJsonObject payload = envelope.toJson();
    QCOMPARE(payload.value(QStringLiteral("errorCode")).toInt(), 404001);
    QCOMPARE(payload.value(QStringLiteral("message")).toString(), envelope.message);

    const QJsonObject legacy = envelope.toLegacyJson();
    QCOMPARE(legacy.value(QStringLiteral("Message")).toString(),
             QStringLiteral("ErrorCode:DeviceNotFound;Device 'x' not found"));
    for (const QJsonObject &shape : {payload, legacy}) {
        const IotHubErrorEnvelope back = IotHubErrorEnvelope::parse(QJsonDocument(shape).toJson());
        QCOMPARE(back.code, envelope.code);
        QCOMPARE(back.numericCode, 404001);
        QCOMPARE(back.message, envelope.message);
        QCOMPARE(back.trackingId, envelope.trackingId);
        QCOMPARE(back.timestampUtc, envelope.timestampUtc);
    }
}

void TestIotHubErrorEnvelope::hostileBodiesStayBounded()
{
    // Deeply nested encodings stop after a few levels instead of recursing without end. (Each level doubles
    // the escaping, so ten levels are already a 20 KB body.)
    QByteArray inner = R"({"errorCode":404001,"message":"deep"})";
    for (int i = 0; i < 10; ++i)
        inner = QJsonDocument(QJsonObject{{QStringLiteral("Message"), QString::fromUtf8(inner)}})
                    .toJson(QJsonDocument::Compact);
    const IotHubErrorEnvelope deep = IotHubErrorEnvelope::parse(inner);
    QCOMPARE(deep.numericCode, 0); // not followed that deep
    QVERIFY(deep.message.size() <= IotHubErrorEnvelope::MaxMessageLength + 1);
    // Huge messages are cut.
    const QByteArray huge = "{\"Message\":\"ErrorCode:ArgumentInvalid;" + QByteArray(100000, 'x') + "\"}";
    const IotHubErrorEnvelope cut = IotHubErrorEnvelope::parse(huge);
    QCOMPARE(cut.code, QStringLiteral("ArgumentInvalid"));
    QVERIFY(cut.message.size() <= IotHubErrorEnvelope::MaxMessageLength + 1);
}

QTEST_GUILESS_MAIN(TestIotHubErrorEnvelope)
#include "tst_iothuberrorenvelope.moc"
