// IngestEventProcessor: the mapping of desired properties to a TTS downlink (reference/tts-integration.md §1.5:
// hex → base64, push/replace, explicit nulls) and of tags.lorawan to a TTS device (§1.4), then whole events
// against a fake network for TtsClient and IotHubServiceClient: one downlink per desired change, de-duplicated
// by $version; provisioning IS → JS → NS → AS followed by the provisioned-tags patch without keys; rollback when
// the Network Server refuses; the engine's own tag writes ignored without a single request; deletion in
// AS, NS, JS, IS order, idempotent; failures typed and marked retryable or not.
#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"

#include "services/core/Clock.h"
#include "services/engine/IngestEventProcessor.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/net/HttpTransport.h"
#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using Test::FakeNetworkAccessManager;

Q_DECLARE_METATYPE(std::optional<QJsonObject>)

namespace {

const QString App = QStringLiteral("demo-app");
const QString Device = QStringLiteral("dev-1");
const QString TtsBase = QStringLiteral("https://tts.example.com/api/v3");
const QString AppKey = QStringLiteral("459B77D46A08C427254822A33F6FA1A3");

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject lorawanTags()
{
    return json(R"({"lorawan":{"devEui":"0004A30B001C5838","joinEui":"800000000000000C","lorawanVersion":"1.0.2",
        "regionalParametersVersion":"1.0.2-b","frequencyPlanId":"EU_863_870_TTN",
        "appKey":"459B77D46A08C427254822A33F6FA1A3",
        "versionIdentifiers":{"bandId":"EU_863_870","brandId":"the-things-products","firmwareVersion":"1.0",
        "hardwareVersion":"1.0","modelId":"the-things-node"}}})");
}

IngestEvent twinEvent(const QString &opType, const QJsonObject &body, const QString &deviceId = Device)
{
    IngestEvent event;
    event.applicationId = App;
    event.deviceId = deviceId;
    event.endDeviceIds = QJsonObject {{QStringLiteral("device_id"), deviceId}};
    event.body = body;
    event.properties = QJsonObject {{QStringLiteral("opType"), opType},
                                    {QStringLiteral("deviceId"), deviceId},
                                    {QStringLiteral("hubName"), QStringLiteral("hub")}};
    return event;
}

IngestEvent desiredEvent(const QJsonObject &desired, qint64 version)
{
    QJsonObject section = desired;
    section.insert(QStringLiteral("$version"), version);
    return twinEvent(QStringLiteral("updateTwin"),
                     QJsonObject {{QStringLiteral("version"), version + 1},
                                  {QStringLiteral("properties"), QJsonObject {{QStringLiteral("desired"), section}}}});
}

QJsonObject twinJson(const QJsonObject &tags)
{
    return QJsonObject {{QStringLiteral("deviceId"), Device},
                        {QStringLiteral("etag"), QStringLiteral("AAAAAAAAAAE=")},
                        {QStringLiteral("version"), 4},
                        {QStringLiteral("tags"), tags},
                        {QStringLiteral("properties"),
                         QJsonObject {{QStringLiteral("desired"), QJsonObject {{QStringLiteral("$version"), 1}}},
                                      {QStringLiteral("reported"), QJsonObject {{QStringLiteral("$version"), 1}}}}}};
}

QJsonObject deviceJson()
{
    return QJsonObject {
        {QStringLiteral("ids"),
         QJsonObject {{QStringLiteral("device_id"), Device},
                      {QStringLiteral("application_ids"), QJsonObject {{QStringLiteral("application_id"), App}}},
                      {QStringLiteral("dev_eui"), QStringLiteral("0004A30B001C5838")},
                      {QStringLiteral("join_eui"), QStringLiteral("800000000000000C")}}}};
}

FakeNetworkAccessManager::Response ttsError(int status, int code, const QString &name, const QString &text)
{
    const QJsonObject detail {
        {QStringLiteral("@type"), QStringLiteral("type.googleapis.com/ttn.lorawan.v3.ErrorDetails")},
        {QStringLiteral("namespace"), name.section(QLatin1Char(':'), 0, 0)},
        {QStringLiteral("name"), name.section(QLatin1Char(':'), 1)},
        {QStringLiteral("message_format"), text},
        {QStringLiteral("code"), code}};
    return FakeNetworkAccessManager::json(
        status,
        QJsonObject {{QStringLiteral("code"), code},
                     {QStringLiteral("message"), QStringLiteral("error:%1 (%2)").arg(name, text)},
                     {QStringLiteral("details"), QJsonArray {detail}}});
}

QString devicePath(const QString &component)
{
    return component.isEmpty() ? QStringLiteral("/api/v3/applications/demo-app/devices/dev-1")
                               : QStringLiteral("/api/v3/%1/applications/demo-app/devices/dev-1").arg(component);
}

} // namespace

class TestIngestEventProcessor : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_nam = std::make_unique<FakeNetworkAccessManager>();
        m_tts = std::make_unique<TtsClient>(m_nam.get(), QUrl(TtsBase), App,
                                            QStringLiteral("NNSXS.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABC."
                                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOP"));
        IotHubCredentials credentials;
        credentials.hostName = QStringLiteral("hub.azure-devices.net");
        credentials.policyName = QStringLiteral("twinbridge");
        credentials.policyKey = QByteArray("c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=");
        m_hub = std::make_unique<IotHubServiceClient>(m_nam.get(), credentials);
        m_processor = std::make_unique<IngestEventProcessor>(m_tts.get(), m_hub.get());
    }

    void cleanup()
    {
        m_processor.reset();
        m_hub.reset();
        m_tts.reset();
        m_nam.reset();
    }

    void downlinkFromDesired_data()
    {
        QTest::addColumn<QJsonObject>("desired");
        QTest::addColumn<bool>("sends");
        QTest::addColumn<int>("fPort");
        QTest::addColumn<QByteArray>("payloadHex");
        QTest::addColumn<std::optional<QJsonObject>>("decoded");
        QTest::addColumn<bool>("confirmed");
        QTest::addColumn<bool>("replace");

        const std::optional<QJsonObject> none;
        QTest::addRow("decoded only") << json(R"({"decodedPayload":{"color":"red"},"$version":4})") << true << 0
                                      << QByteArray() << std::optional(json(R"({"color":"red"})")) << false << false;
        QTest::addRow("raw documented")
            << json(R"({"rawDownlink":{"fPort":42,"framePayload":"BEEF","confirmed":true,"operation":"replace"}})")
            << true << 42 << QByteArray("beef") << none << true << true;
        QTest::addRow("raw lower-case hex") << json(R"({"rawDownlink":{"fPort":2,"framePayload":"0a0b"}})") << true << 2
                                            << QByteArray("0a0b") << none << false << false;
        QTest::addRow("binary only") << json(R"({"decodedPayload":null,"rawDownlink":{"fPort":1,"framePayload":"01"}})")
                                     << true << 1 << QByteArray("01") << none << false << false;
        QTest::addRow("mixed with nulls")
            << json(
                   R"({"decodedPayload":{"ledState":"on"},"rawDownlink":{"fPort":null,"framePayload":null,"confirmed":true,"operation":"replace"}})")
            << true << 0 << QByteArray() << std::optional(json(R"({"ledState":"on"})")) << true << true;
        QTest::addRow("decoded and raw")
            << json(R"({"decodedPayload":{"a":1},"rawDownlink":{"fPort":10,"framePayload":"FF","operation":"push"}})")
            << true << 10 << QByteArray("ff") << std::optional(json(R"({"a":1})")) << false << false;
        QTest::addRow("3P example")
            << json(R"({"decodedPayload":{"activeMode":true},"rawDownlink":{"confirmed":false},"$metadata":{}})")
            << true << 0 << QByteArray() << std::optional(json(R"({"activeMode":true})")) << false << false;
        QTest::addRow("decoded null") << json(R"({"decodedPayload":null})") << false << 0 << QByteArray() << none
                                      << false << false;
        QTest::addRow("raw confirmed only")
            << json(R"({"rawDownlink":{"confirmed":true}})") << false << 0 << QByteArray() << none << false << false;
        QTest::addRow("raw null") << json(R"({"rawDownlink":null})") << false << 0 << QByteArray() << none << false
                                  << false;
        QTest::addRow("empty frame") << json(R"({"rawDownlink":{"fPort":3,"framePayload":""}})") << false << 0
                                     << QByteArray() << none << false << false;
        QTest::addRow("other properties")
            << json(R"({"interval":60,"$version":9})") << false << 0 << QByteArray() << none << false << false;
    }

    void downlinkFromDesired()
    {
        QFETCH(QJsonObject, desired);
        QFETCH(bool, sends);
        QFETCH(int, fPort);
        QFETCH(QByteArray, payloadHex);
        QFETCH(std::optional<QJsonObject>, decoded);
        QFETCH(bool, confirmed);
        QFETCH(bool, replace);

        const auto result = IngestEventProcessor::downlinkFromDesired(desired);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(result.value().has_value(), sends);
        if (!sends)
            return;
        const IngestEventProcessor::DownlinkRequest &request = *result.value();
        QCOMPARE(request.downlink.fPort, fPort);
        QCOMPARE(request.downlink.frmPayload.toHex(), payloadHex);
        QCOMPARE(request.downlink.decodedPayload, decoded);
        QCOMPARE(request.downlink.confirmed, confirmed);
        QCOMPARE(request.replace, replace);
    }

    void downlinkFromDesiredRejects_data()
    {
        QTest::addColumn<QJsonObject>("desired");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("words");

        const QString raw = QStringLiteral("properties.desired.rawDownlink");
        QTest::addRow("not hex") << json(R"({"rawDownlink":{"fPort":1,"framePayload":"XYZW"}})")
                                 << raw + QStringLiteral(".framePayload") << QStringLiteral("hexadecimal");
        QTest::addRow("odd digits") << json(R"({"rawDownlink":{"fPort":1,"framePayload":"ABC"}})")
                                    << raw + QStringLiteral(".framePayload") << QStringLiteral("even number");
        QTest::addRow("base64 given") << json(R"({"rawDownlink":{"fPort":1,"framePayload":"vu8="}})")
                                      << raw + QStringLiteral(".framePayload") << QStringLiteral("hexadecimal");
        QTest::addRow("frame number") << json(R"({"rawDownlink":{"fPort":1,"framePayload":12}})")
                                      << raw + QStringLiteral(".framePayload") << QStringLiteral("hexadecimal");
        QTest::addRow("port string") << json(R"({"rawDownlink":{"fPort":"1","framePayload":"01"}})")
                                     << raw + QStringLiteral(".fPort") << QStringLiteral("whole number");
        QTest::addRow("port fraction") << json(R"({"rawDownlink":{"fPort":1.5,"framePayload":"01"}})")
                                       << raw + QStringLiteral(".fPort") << QStringLiteral("whole number");
        QTest::addRow("port 300") << json(R"({"rawDownlink":{"fPort":300,"framePayload":"01"}})")
                                  << raw + QStringLiteral(".fPort") << QStringLiteral("whole number");
        QTest::addRow("port 224") << json(R"({"rawDownlink":{"fPort":224,"framePayload":"01"}})") << raw
                                  << QStringLiteral("FPort 224");
        QTest::addRow("no port") << json(R"({"rawDownlink":{"framePayload":"01"}})") << raw + QStringLiteral(".fPort")
                                 << QStringLiteral("needs an FPort");
        QTest::addRow("operation") << json(R"({"rawDownlink":{"fPort":1,"framePayload":"01","operation":"append"}})")
                                   << raw + QStringLiteral(".operation") << QStringLiteral("\"push\" or \"replace\"");
        QTest::addRow("confirmed string")
            << json(R"({"rawDownlink":{"fPort":1,"framePayload":"01","confirmed":"yes"}})")
            << raw + QStringLiteral(".confirmed") << QStringLiteral("true or false");
        QTest::addRow("raw array") << json(R"({"rawDownlink":[1]})") << raw << QStringLiteral("must be an object");
        QTest::addRow("decoded string") << json(R"({"decodedPayload":"red"})")
                                        << QStringLiteral("properties.desired.decodedPayload")
                                        << QStringLiteral("must be an object");
        QJsonObject big = json(R"({"rawDownlink":{"fPort":1}})");
        QJsonObject rawBig = big.value(QStringLiteral("rawDownlink")).toObject();
        rawBig.insert(QStringLiteral("framePayload"), QString::fromLatin1(QByteArray(256, 'A').toHex()));
        big.insert(QStringLiteral("rawDownlink"), rawBig);
        QTest::addRow("256 bytes") << big << raw << QStringLiteral("at most 255");
    }

    void downlinkFromDesiredRejects()
    {
        QFETCH(QJsonObject, desired);
        QFETCH(QString, path);
        QFETCH(QString, words);
        const auto result = IngestEventProcessor::downlinkFromDesired(desired);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(result.error().code(), QStringLiteral("InvalidDesiredDownlink"));
        QVERIFY2(result.error().message().startsWith(path + QStringLiteral(": ")),
                 qPrintable(result.error().message()));
        QVERIFY2(result.error().message().contains(words), qPrintable(result.error().message()));
    }

    void deviceFromTags()
    {
        const auto device = IngestEventProcessor::deviceFromTags(Device, lorawanTags());
        QVERIFY2(device.ok(), qPrintable(device.error().message()));
        QVERIFY(device.value().has_value());
        const TtsEndDevice &d = *device.value();
        QCOMPARE(d.deviceId, Device);
        QCOMPARE(d.devEui, QStringLiteral("0004A30B001C5838"));
        QCOMPARE(d.joinEui, QStringLiteral("800000000000000C"));
        QCOMPARE(d.lorawanVersion, QStringLiteral("1.0.2"));
        QCOMPARE(d.lorawanPhyVersion, QStringLiteral("1.0.2-b"));
        QCOMPARE(d.frequencyPlanId, QStringLiteral("EU_863_870_TTN"));
        QCOMPARE(d.rootKeys.appKey, AppKey);
        QCOMPARE(d.versionIds.modelId, QStringLiteral("the-things-node"));
        QCOMPARE(d.versionIds.bandId, QStringLiteral("EU_863_870"));
        QCOMPARE(d.supportsJoin, std::optional<bool>(true));
    }

    void deviceFromTagsNothingToDo_data()
    {
        QTest::addColumn<QJsonObject>("tags");
        QTest::addRow("no lorawan") << json(R"({"site":"north"})");
        QTest::addRow("provisioned") << json(
            R"({"lorawan":{"devEui":"0004A30B001C5838","joinEui":"800000000000000C","provisioned":true}})");
        QTest::addRow("own write") << json(R"({"lorawan":{"provisioned":true,"appKey":null,"nwkKey":null}})");
        QTest::addRow("lorawan null") << json(R"({"lorawan":null})");
    }

    void deviceFromTagsNothingToDo()
    {
        QFETCH(QJsonObject, tags);
        const auto device = IngestEventProcessor::deviceFromTags(Device, tags);
        QVERIFY(device.ok());
        QVERIFY(!device.value().has_value());
    }

    void deviceFromTagsRejects_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("words");
        QTest::addRow("no devEui") << QStringLiteral("devEui") << QJsonValue()
                                   << QStringLiteral("tags.lorawan.devEui: missing");
        QTest::addRow("devEui number") << QStringLiteral("devEui") << QJsonValue(5)
                                       << QStringLiteral("tags.lorawan.devEui: must be a string");
        QTest::addRow("short devEui") << QStringLiteral("devEui") << QJsonValue(QStringLiteral("0004"))
                                      << QStringLiteral("DevEUI");
        QTest::addRow("no joinEui") << QStringLiteral("joinEui") << QJsonValue()
                                    << QStringLiteral("tags.lorawan.joinEui: missing");
        QTest::addRow("mac version") << QStringLiteral("lorawanVersion") << QJsonValue(QStringLiteral("2.0"))
                                     << QStringLiteral("tags.lorawan.lorawanVersion: \"2.0\" is not a LoRaWAN version");
        QTest::addRow("phy version") << QStringLiteral("regionalParametersVersion") << QJsonValue(QStringLiteral("9"))
                                     << QStringLiteral("tags.lorawan.regionalParametersVersion");
        QTest::addRow("no plan") << QStringLiteral("frequencyPlanId") << QJsonValue()
                                 << QStringLiteral("frequency plan");
        QTest::addRow("bad appKey") << QStringLiteral("appKey") << QJsonValue(QStringLiteral("1234"))
                                    << QStringLiteral("AppKey");
        QTest::addRow("version ids") << QStringLiteral("versionIdentifiers") << QJsonValue(QStringLiteral("x"))
                                     << QStringLiteral("tags.lorawan.versionIdentifiers: must be an object");
    }

    void deviceFromTagsRejects()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, words);
        QJsonObject tags = lorawanTags();
        QJsonObject lorawan = tags.value(QStringLiteral("lorawan")).toObject();
        if (value.isUndefined())
            lorawan.remove(field);
        else
            lorawan.insert(field, value);
        tags.insert(QStringLiteral("lorawan"), lorawan);
        const auto device = IngestEventProcessor::deviceFromTags(Device, tags);
        QVERIFY(!device.ok());
        QCOMPARE(device.error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(device.error().message().contains(words), qPrintable(device.error().message()));
        QVERIFY2(!device.error().message().contains(AppKey), "the AppKey must not appear in an error");
    }

    void pushesDecodedDownlink()
    {
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/push"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));
        const IngestOutcome outcome = process(desiredEvent(json(R"({"decodedPayload":{"color":"red"}})"), 2));
        QVERIFY2(outcome.isDone(), qPrintable(outcome.error.toString() + outcome.reason));
        QCOMPARE(outcome.actions, QStringList {QStringLiteral("downlink-push")});
        QCOMPARE(m_nam->requests().size(), 1);
        const QJsonObject body = QJsonDocument::fromJson(m_nam->requests().first().body).object();
        const QJsonObject downlink = body.value(QStringLiteral("downlinks")).toArray().first().toObject();
        QCOMPARE(downlink.value(QStringLiteral("decoded_payload")).toObject(), json(R"({"color":"red"})"));
        QVERIFY(!downlink.contains(QStringLiteral("frm_payload")));
        QCOMPARE(m_processor->lastDesiredVersion(Device), 2);
        QCOMPARE(m_processor->statistics().downlinks, 1u);
    }

    void replacesWithRawDownlink()
    {
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/replace"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));
        const IngestOutcome outcome = process(desiredEvent(
            json(R"({"rawDownlink":{"fPort":42,"framePayload":"BEEF","confirmed":true,"operation":"replace"}})"), 5));
        QVERIFY2(outcome.isDone(), qPrintable(outcome.error.toString()));
        QCOMPARE(outcome.actions, QStringList {QStringLiteral("downlink-replace")});
        QCOMPARE(m_nam->requests().size(), 1);
        const QJsonObject downlink = QJsonDocument::fromJson(m_nam->requests().first().body)
                                         .object()
                                         .value(QStringLiteral("downlinks"))
                                         .toArray()
                                         .first()
                                         .toObject();
        QCOMPARE(downlink.value(QStringLiteral("f_port")).toInt(), 42);
        QCOMPARE(downlink.value(QStringLiteral("frm_payload")).toString(), QStringLiteral("vu8="));
        QCOMPARE(downlink.value(QStringLiteral("confirmed")).toBool(), true);
    }

    void deduplicatesByDesiredVersion()
    {
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/push"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));
        const QJsonObject desired = json(R"({"decodedPayload":{"color":"red"}})");
        QVERIFY(process(desiredEvent(desired, 7)).isDone());
        // The Function delivers the same batch again (at-least-once): ignored, counted.
        IngestOutcome again = process(desiredEvent(desired, 7));
        QVERIFY(again.isIgnored());
        QVERIFY2(again.reason.contains(QStringLiteral("$version 7 was already handled")), qPrintable(again.reason));
        QVERIFY(again.shouldAcknowledge());
        // An older version arriving late: ignored too.
        QVERIFY(process(desiredEvent(desired, 6)).isIgnored());
        QCOMPARE(m_nam->requests().size(), 1);
        QCOMPARE(m_processor->statistics().duplicatesIgnored, 2u);
        // A newer one goes out.
        QVERIFY(process(desiredEvent(desired, 8)).isDone());
        QCOMPARE(m_nam->requests().size(), 2);
        // Another device has its own versions.
        IngestEvent other = desiredEvent(desired, 1);
        other.deviceId = QStringLiteral("dev-2");
        m_nam->on("POST", QStringLiteral("/api/v3/as/applications/demo-app/devices/dev-2/down/push"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));
        QVERIFY(process(other).isDone());
        QCOMPARE(m_nam->requests().size(), 3);
    }

    void failedDownlinkIsRetryableAndNotDeduplicated()
    {
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/push"),
                  ttsError(500, 13, QStringLiteral("pkg/redis:unavailable"), QStringLiteral("store unavailable")));
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/push"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));
        const IngestEvent event = desiredEvent(json(R"({"decodedPayload":{"color":"red"}})"), 3);
        const IngestOutcome failed = process(event);
        QVERIFY(failed.isFailed());
        QVERIFY(failed.retryable);
        QVERIFY(!failed.shouldAcknowledge());
        QCOMPARE(failed.error.kind(), ServiceError::Kind::ServerError);
        QCOMPARE(m_processor->lastDesiredVersion(Device), -1);
        // The retry of the same event is sent.
        QVERIFY(process(event).isDone());
    }

    void invalidDesiredFailsWithoutRetry()
    {
        const IngestOutcome outcome =
            process(desiredEvent(json(R"({"rawDownlink":{"fPort":1,"framePayload":"XYZ1"}})"), 3));
        QVERIFY(outcome.isFailed());
        QVERIFY(!outcome.retryable);
        QVERIFY(outcome.shouldAcknowledge());
        QVERIFY2(outcome.error.toString().contains(QStringLiteral("rawDownlink.framePayload")),
                 qPrintable(outcome.error.toString()));
        QCOMPARE(m_nam->requests().size(), 0);
    }

    void nothingToSendIsIgnored()
    {
        const IngestOutcome outcome = process(desiredEvent(json(R"({"decodedPayload":null,"interval":5})"), 3));
        QVERIFY(outcome.isIgnored());
        QVERIFY2(outcome.reason.contains(QStringLiteral("nothing to send")), qPrintable(outcome.reason));
        QCOMPARE(m_nam->requests().size(), 0);
    }

    void provisionsFromTags()
    {
        m_nam->on("GET", QStringLiteral("/twins/dev-1"), FakeNetworkAccessManager::json(200, twinJson(lorawanTags())));
        m_nam->on("POST", QStringLiteral("/api/v3/applications/demo-app/devices"),
                  FakeNetworkAccessManager::json(200, deviceJson()));
        for (const QString &component : {QStringLiteral("js"), QStringLiteral("ns"), QStringLiteral("as")})
            m_nam->on("PUT", devicePath(component), FakeNetworkAccessManager::json(200, deviceJson()));
        m_nam->on("PATCH", QStringLiteral("/twins/dev-1"),
                  FakeNetworkAccessManager::json(200, twinJson(json(R"({"lorawan":{"provisioned":true}})"))));

        // An updateTwin carries only the changed tags; the processor reads the whole twin.
        const IngestEvent event =
            twinEvent(QStringLiteral("updateTwin"),
                      json(R"({"version":3,"tags":{"lorawan":{"appKey":"459B77D46A08C427254822A33F6FA1A3"}}})"));
        const IngestOutcome outcome = process(event);
        QVERIFY2(outcome.isDone(), qPrintable(outcome.error.toString()));
        QCOMPARE(outcome.actions, QStringList {QStringLiteral("provision")});
        QCOMPARE(requestLines(),
                 (QStringList {
                     QStringLiteral("GET /twins/dev-1"),
                     QStringLiteral("POST /api/v3/applications/demo-app/devices"),
                     QStringLiteral("PUT ") + devicePath(QStringLiteral("js")),
                     QStringLiteral("PUT ") + devicePath(QStringLiteral("ns")),
                     QStringLiteral("PUT ") + devicePath(QStringLiteral("as")),
                     QStringLiteral("PATCH /twins/dev-1"),
                 }));
        const QJsonObject js = QJsonDocument::fromJson(m_nam->requests().at(2).body).object();
        QCOMPARE(js.value(QStringLiteral("end_device"))
                     .toObject()
                     .value(QStringLiteral("root_keys"))
                     .toObject()
                     .value(QStringLiteral("app_key"))
                     .toObject()
                     .value(QStringLiteral("key"))
                     .toString(),
                 AppKey);
        const QJsonObject ns = QJsonDocument::fromJson(m_nam->requests().at(3).body)
                                   .object()
                                   .value(QStringLiteral("end_device"))
                                   .toObject();
        QCOMPARE(ns.value(QStringLiteral("frequency_plan_id")).toString(), QStringLiteral("EU_863_870_TTN"));
        QCOMPARE(ns.value(QStringLiteral("lorawan_version")).toString(), QStringLiteral("1.0.2"));
        const QJsonObject patch = QJsonDocument::fromJson(m_nam->requests().last().body).object();
        QCOMPARE(patch, QJsonObject({{QStringLiteral("tags"), IngestEventProcessor::provisionedTagsPatch()}}));
        QVERIFY(patch.value(QStringLiteral("tags"))
                    .toObject()
                    .value(QStringLiteral("lorawan"))
                    .toObject()
                    .value(QStringLiteral("appKey"))
                    .isNull());
        QCOMPARE(m_processor->statistics().provisioned, 1u);

        // The patch comes back as an event: recognised, nothing sent.
        m_nam->clearRequests();
        const IngestOutcome echo =
            process(twinEvent(QStringLiteral("updateTwin"),
                              QJsonObject {{QStringLiteral("version"), 4},
                                           {QStringLiteral("tags"), IngestEventProcessor::provisionedTagsPatch()}}));
        QVERIFY(echo.isIgnored());
        QVERIFY2(echo.reason.contains(QStringLiteral("already provisioned")), qPrintable(echo.reason));
        QCOMPARE(m_nam->requests().size(), 0);
    }

    void provisionedTwinNeedsNothing()
    {
        // Partial tags without the flag, but the whole twin says provisioned (e.g. the engine's identity on demand).
        m_nam->on(
            "GET", QStringLiteral("/twins/dev-1"),
            FakeNetworkAccessManager::json(
                200,
                twinJson(json(
                    R"({"lorawan":{"devEui":"0004A30B001C5838","joinEui":"800000000000000C","provisioned":true,"site":"x"}})"))));
        const IngestOutcome outcome =
            process(twinEvent(QStringLiteral("updateTwin"), json(R"({"tags":{"lorawan":{"site":"x"}}})")));
        QVERIFY(outcome.isIgnored());
        QCOMPARE(requestLines(), QStringList {QStringLiteral("GET /twins/dev-1")});
    }

    void rollsBackWhenNetworkServerFails()
    {
        m_nam->on("GET", QStringLiteral("/twins/dev-1"), FakeNetworkAccessManager::json(200, twinJson(lorawanTags())));
        m_nam->on("POST", QStringLiteral("/api/v3/applications/demo-app/devices"),
                  FakeNetworkAccessManager::json(200, deviceJson()));
        m_nam->on("PUT", devicePath(QStringLiteral("js")), FakeNetworkAccessManager::json(200, deviceJson()));
        m_nam->on("PUT", devicePath(QStringLiteral("ns")),
                  ttsError(400, 3, QStringLiteral("pkg/frequencyplans:invalid_frequency_plan"),
                           QStringLiteral("invalid frequency plan")));
        m_nam->on("DELETE", devicePath(QStringLiteral("js")), FakeNetworkAccessManager::empty(200));
        m_nam->on("DELETE", devicePath(QString()), FakeNetworkAccessManager::empty(200));

        const IngestOutcome outcome = process(twinEvent(QStringLiteral("replaceTwin"), twinJson(lorawanTags())));
        QVERIFY(outcome.isFailed());
        QVERIFY(!outcome.retryable);
        QCOMPARE(outcome.error.kind(), ServiceError::Kind::BadRequest);
        QVERIFY2(outcome.error.message().contains(QStringLiteral("Network Server")),
                 qPrintable(outcome.error.message()));
        QVERIFY2(outcome.error.message().contains(QStringLiteral("removed again")),
                 qPrintable(outcome.error.message()));
        QVERIFY2(!outcome.error.toString().contains(AppKey), "no key in the error");
        QCOMPARE(requestLines(),
                 (QStringList {
                     QStringLiteral("GET /twins/dev-1"),
                     QStringLiteral("POST /api/v3/applications/demo-app/devices"),
                     QStringLiteral("PUT ") + devicePath(QStringLiteral("js")),
                     QStringLiteral("PUT ") + devicePath(QStringLiteral("ns")),
                     QStringLiteral("DELETE ") + devicePath(QStringLiteral("js")),
                     QStringLiteral("DELETE ") + devicePath(QString()),
                 }));
        QCOMPARE(m_processor->statistics().failed, 1u);
    }

    void provisionsThenSendsDownlink()
    {
        m_nam->on("GET", QStringLiteral("/twins/dev-1"), FakeNetworkAccessManager::json(200, twinJson(lorawanTags())));
        m_nam->on("POST", QStringLiteral("/api/v3/applications/demo-app/devices"),
                  FakeNetworkAccessManager::json(200, deviceJson()));
        for (const QString &component : {QStringLiteral("js"), QStringLiteral("ns"), QStringLiteral("as")})
            m_nam->on("PUT", devicePath(component), FakeNetworkAccessManager::json(200, deviceJson()));
        // The tags update fails once: the retry must not create the device again.
        m_nam->on("PATCH", QStringLiteral("/twins/dev-1"),
                  FakeNetworkAccessManager::json(400, json(R"({"Message":"ErrorCode:ArgumentInvalid;bad"})")));
        m_nam->on("PATCH", QStringLiteral("/twins/dev-1"),
                  FakeNetworkAccessManager::json(200, twinJson(lorawanTags())));
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/push"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));

        QJsonObject body =
            json(R"({"version":5,"properties":{"desired":{"decodedPayload":{"on":true},"$version":2}}})");
        body.insert(QStringLiteral("tags"), lorawanTags());
        const IngestEvent event = twinEvent(QStringLiteral("updateTwin"), body);
        const IngestOutcome first = process(event);
        QVERIFY(first.isFailed());
        QCOMPARE(first.actions, QStringList {QStringLiteral("provision")});
        const IngestOutcome second = process(event);
        QVERIFY2(second.isDone(), qPrintable(second.error.toString()));
        QCOMPARE(second.actions, QStringList {QStringLiteral("downlink-push")});
        QCOMPARE(m_nam->requestsTo("POST", QStringLiteral("/api/v3/applications/demo-app/devices")).size(), 1);
        QCOMPARE(m_nam->requestsTo("PATCH", QStringLiteral("/twins/dev-1")).size(), 2);
    }

    void adoptsOwnDeviceOnConflict_data()
    {
        QTest::addColumn<QString>("existingDevEui");
        QTest::addColumn<bool>("adopted");
        QTest::addRow("same EUIs") << QStringLiteral("0004A30B001C5838") << true;
        QTest::addRow("another device") << QStringLiteral("0004A30B00FFFFFF") << false;
    }

    void adoptsOwnDeviceOnConflict()
    {
        QFETCH(QString, existingDevEui);
        QFETCH(bool, adopted);
        m_nam->on("GET", QStringLiteral("/twins/dev-1"), FakeNetworkAccessManager::json(200, twinJson(lorawanTags())));
        m_nam->on(
            "POST", QStringLiteral("/api/v3/applications/demo-app/devices"),
            ttsError(409, 6, QStringLiteral("pkg/identityserver/store:id_taken"), QStringLiteral("ID already taken")));
        QJsonObject existing = deviceJson();
        QJsonObject ids = existing.value(QStringLiteral("ids")).toObject();
        ids.insert(QStringLiteral("dev_eui"), existingDevEui);
        existing.insert(QStringLiteral("ids"), ids);
        for (const QString &component : {QStringLiteral("js"), QStringLiteral("ns"), QStringLiteral("as"), QString()})
            m_nam->on("GET", devicePath(component), FakeNetworkAccessManager::json(200, existing));
        m_nam->on("PATCH", QStringLiteral("/twins/dev-1"),
                  FakeNetworkAccessManager::json(200, twinJson(lorawanTags())));

        const IngestOutcome outcome = process(twinEvent(QStringLiteral("replaceTwin"), twinJson(lorawanTags())));
        QCOMPARE(m_nam->requestsTo("PUT", devicePath(QStringLiteral("js"))).size(), 0);
        if (adopted) {
            QVERIFY2(outcome.isDone(), qPrintable(outcome.error.toString()));
            QCOMPARE(outcome.actions, QStringList {QStringLiteral("provision")});
            QCOMPARE(m_nam->requestsTo("PATCH", QStringLiteral("/twins/dev-1")).size(), 1);
        } else {
            QVERIFY(outcome.isFailed());
            QVERIFY(!outcome.retryable);
            QCOMPARE(outcome.error.kind(), ServiceError::Kind::Conflict);
            QVERIFY2(outcome.error.message().contains(QStringLiteral("different device")),
                     qPrintable(outcome.error.message()));
            QCOMPARE(m_nam->requestsTo("PATCH", QStringLiteral("/twins/dev-1")).size(), 0);
            // Nothing of the existing device was deleted.
            for (const auto &request : m_nam->requests())
                QVERIFY(request.method != "DELETE");
        }
    }

    void deletesFromTtsIdempotently()
    {
        for (const QString &component : {QStringLiteral("as"), QStringLiteral("ns"), QStringLiteral("js"), QString()}) {
            m_nam->on("DELETE", devicePath(component), FakeNetworkAccessManager::empty(200));
            m_nam->on(
                "DELETE", devicePath(component),
                ttsError(404, 5, QStringLiteral("pkg/registry:not_found"), QStringLiteral("end device not found")));
        }
        const IngestEvent event = twinEvent(QStringLiteral("deleteDeviceIdentity"), twinJson({}));
        const IngestOutcome outcome = process(event);
        QVERIFY2(outcome.isDone(), qPrintable(outcome.error.toString()));
        QCOMPARE(outcome.actions, QStringList {QStringLiteral("delete")});
        QCOMPARE(requestLines(),
                 (QStringList {
                     QStringLiteral("DELETE ") + devicePath(QStringLiteral("as")),
                     QStringLiteral("DELETE ") + devicePath(QStringLiteral("ns")),
                     QStringLiteral("DELETE ") + devicePath(QStringLiteral("js")),
                     QStringLiteral("DELETE ") + devicePath(QString()),
                 }));
        // Delivered again: everything answers 404 → already gone, acknowledged.
        const IngestOutcome again = process(event);
        QVERIFY(again.isIgnored());
        QVERIFY(again.shouldAcknowledge());
        QCOMPARE(m_processor->statistics().deleted, 1u);
    }

    void keepsPerDeviceOrder()
    {
        // Two events of one device: the second starts only after the first finished.
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/push"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));
        m_nam->on("POST", devicePath(QStringLiteral("as")) + QStringLiteral("/down/replace"),
                  FakeNetworkAccessManager::json(200, QJsonObject {}));
        QFuture<IngestOutcome> first = m_processor->process(desiredEvent(json(R"({"decodedPayload":{"n":1}})"), 1));
        QFuture<IngestOutcome> second = m_processor->process(
            desiredEvent(json(R"({"rawDownlink":{"fPort":1,"framePayload":"02","operation":"replace"}})"), 2));
        QVERIFY(Test::await(second));
        QVERIFY(first.isFinished());
        QCOMPARE(requestLines(),
                 (QStringList {
                     QStringLiteral("POST ") + devicePath(QStringLiteral("as")) + QStringLiteral("/down/push"),
                     QStringLiteral("POST ") + devicePath(QStringLiteral("as")) + QStringLiteral("/down/replace"),
                 }));
    }

private:
    IngestOutcome process(const IngestEvent &event)
    {
        QSignalSpy processed(m_processor.get(), &IngestEventProcessor::eventProcessed);
        QFuture<IngestOutcome> future = m_processor->process(event);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000); }();
        if (!future.isFinished() || future.resultCount() == 0)
            return IngestOutcome::failed(ServiceError(ServiceError::Kind::Backend, QStringLiteral("did not finish")));
        [&] { QCOMPARE(processed.size(), 1); }();
        return future.result();
    }

    QStringList requestLines() const
    {
        QStringList lines;
        for (const auto &request : m_nam->requests())
            lines.append(QString::fromLatin1(request.method) + QLatin1Char(' ') + request.url.path());
        return lines;
    }

    std::unique_ptr<FakeNetworkAccessManager> m_nam;
    std::unique_ptr<TtsClient> m_tts;
    std::unique_ptr<IotHubServiceClient> m_hub;
    std::unique_ptr<IngestEventProcessor> m_processor;
};

QTEST_GUILESS_MAIN(TestIngestEventProcessor)
#include "tst_ingesteventprocessor.moc"
