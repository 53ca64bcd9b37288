#include "HubTestSupport.h"

#include "sandbox/hub/SandboxHub.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Sandbox;
using namespace TwinBridge::Sandbox::Test;

namespace {

DeviceIdentity identity(const QString &id)
{
    DeviceIdentity device;
    device.deviceId = id;
    return device;
}

QList<HubMessage> messagesOf(const QSignalSpy &spy)
{
    QList<HubMessage> messages;
    for (const QList<QVariant> &arguments : spy)
        messages.append(arguments.at(0).value<HubMessage>());
    return messages;
}

// TTS's route condition for twin events: IS_OBJECT($body.properties.desired) OR IS_OBJECT($body.tags).
bool passesTtsRoute(const QJsonObject &body)
{
    return body.value(QStringLiteral("properties")).toObject().value(QStringLiteral("desired")).isObject() ||
        body.value(QStringLiteral("tags")).isObject();
}

const QRegularExpression SevenDigitTimestamp(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$)"));

} // namespace

class TestSandboxHubEvents : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void lifecycleCreate();
    void lifecycleDelete();
    void updateTwinBodyMatchesReference();
    void updateTwinOnlyChangedParts_data();
    void updateTwinOnlyChangedParts();
    void replaceTwinCarriesWholeTwin();
    void reportedPatchRaisesTwinChange();
    void connectionStateEvents();
    void desiredNotificationsForConnectedDevices();
    void twinRuleViolationIs400WithPath();
    void etagMismatchOnTwin();
    void deviceTwinPropertiesForMqttGet();
    void deviceToCloudRecording();
    void recordingIsBoundedHubWide();
    void sequenceNumbersAreHubWide();

private:
    void checkCommonProperties(const HubMessage &message, const QString &deviceId, const QString &opType,
                               const QString &schema, const QString &source);

    ManualClock *m_clock = nullptr;
    SandboxHub *m_hub = nullptr;
};

void TestSandboxHubEvents::init()
{
    m_clock = new ManualClock(QDateTime(QDate(2026, 6, 1), QTime(22, 27, 50, 261), Qt::UTC));
    SandboxHub::Options options;
    options.name = QStringLiteral("events-hub");
    options.maxRecordedMessagesPerDevice = 3;
    m_hub = new SandboxHub(options, m_clock);
}

void TestSandboxHubEvents::cleanup()
{
    delete m_hub;
    delete m_clock;
}

void TestSandboxHubEvents::checkCommonProperties(const HubMessage &message, const QString &deviceId,
                                                 const QString &opType, const QString &schema, const QString &source)
{
    QCOMPARE(message.hubName, QStringLiteral("events-hub"));
    QCOMPARE(message.deviceId, deviceId);
    const QVariantMap &app = message.applicationProperties;
    QCOMPARE(app.value(QStringLiteral("hubName")).toString(), QStringLiteral("events-hub"));
    QCOMPARE(app.value(QStringLiteral("deviceId")).toString(), deviceId);
    QCOMPARE(app.value(QStringLiteral("opType")).toString(), opType);
    QCOMPARE(app.value(QStringLiteral("iothub-message-schema")).toString(), schema);
    const QString timestamp = app.value(QStringLiteral("operationTimestamp")).toString();
    QVERIFY2(SevenDigitTimestamp.match(timestamp).hasMatch(), qPrintable(timestamp));
    QCOMPARE(app.size(), 5);

    const QVariantMap &system = message.systemProperties;
    QCOMPARE(system.value(QStringLiteral("content-type")).toString(), QStringLiteral("application/json"));
    QCOMPARE(system.value(QStringLiteral("content-encoding")).toString(), QStringLiteral("utf-8"));
    QVERIFY(!system.value(QStringLiteral("correlation-id")).toString().isEmpty());
    QCOMPARE(system.value(QStringLiteral("user-id")).toString(), QStringLiteral("events-hub"));
    QCOMPARE(system.value(QStringLiteral("iothub-connection-device-id")).toString(), deviceId);
    QCOMPARE(system.value(QStringLiteral("iothub-enqueuedtime")).toLongLong(), m_clock->nowUtc().toMSecsSinceEpoch());
    QCOMPARE(system.value(QStringLiteral("iothub-message-source")).toString(), source);
    QCOMPARE(message.enqueuedTime, m_clock->nowUtc());
}

void TestSandboxHubEvents::lifecycleCreate()
{
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("contoso-device-2"))).ok());
    QCOMPARE(spy.count(), 1);
    const HubMessage message = messagesOf(spy).first();
    QCOMPARE(message.source, RoutingSource::DeviceLifecycleEvents);
    checkCommonProperties(message, QStringLiteral("contoso-device-2"), QStringLiteral("createDeviceIdentity"),
                          QStringLiteral("deviceLifecycleNotification"), QStringLiteral("deviceLifecycleEvents"));
    // reference §4.2 lifecycle create example, without the module id (device, not module)
    QJsonObject reference = json(R"({"deviceId":"contoso-device-2","moduleId":"module-1","etag":"AAAAAAAAAAE=",
        "version":2,"properties":{"desired":{"$metadata":{"$lastUpdated":"0001-01-01T00:00:00Z"},"$version":1},
        "reported":{"$metadata":{"$lastUpdated":"0001-01-01T00:00:00Z"},"$version":1}}})");
    reference.remove(QStringLiteral("moduleId"));
    const QJsonObject body = bodyOf(message);
    QCOMPARE(shape(body), shape(reference));
    reference.insert(QStringLiteral("version"), 1);
    QCOMPARE(body, reference);
    QCOMPARE(body.value(QStringLiteral("etag")).toString(),
             m_hub->twin(QStringLiteral("contoso-device-2")).value().etag);
}

void TestSandboxHubEvents::lifecycleDelete()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QVERIFY(m_hub->updateTwin(QStringLiteral("d1"), json(R"({"tags":{"site":"north"}})"), QStringLiteral("*")).ok());
    QVERIFY(m_hub->patchReported(QStringLiteral("d1"), json(R"({"battery":80})")).ok());
    const DeviceTwin before = m_hub->twin(QStringLiteral("d1")).value();
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    QVERIFY(m_hub->deleteDevice(QStringLiteral("d1"), QStringLiteral("*")).ok());
    QCOMPARE(spy.count(), 1);
    const HubMessage message = messagesOf(spy).first();
    checkCommonProperties(message, QStringLiteral("d1"), QStringLiteral("deleteDeviceIdentity"),
                          QStringLiteral("deviceLifecycleNotification"), QStringLiteral("deviceLifecycleEvents"));
    const QJsonObject body = bodyOf(message);
    QCOMPARE(body.value(QStringLiteral("etag")).toString(), before.etag);
    QCOMPARE(body.value(QStringLiteral("tags")).toObject(), json(R"({"site":"north"})"));
    const QJsonObject reported =
        body.value(QStringLiteral("properties")).toObject().value(QStringLiteral("reported")).toObject();
    QCOMPARE(reported, before.reported);
    QCOMPARE(reported.value(QStringLiteral("battery")).toInt(), 80);
}

void TestSandboxHubEvents::updateTwinBodyMatchesReference()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    const Result<DeviceTwin> updated =
        m_hub->updateTwin(QStringLiteral("d1"),
                          json(R"({"tags":{"tag1":"new value"},"properties":{"desired":{"property1":"new value"}}})"),
                          QStringLiteral("*"));
    QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
    QCOMPARE(spy.count(), 1);
    const HubMessage message = messagesOf(spy).first();
    QCOMPARE(message.source, RoutingSource::TwinChangeEvents);
    checkCommonProperties(message, QStringLiteral("d1"), QStringLiteral("updateTwin"),
                          QStringLiteral("twinChangeNotification"), QStringLiteral("twinChangeEvents"));
    // reference §4.2 twin-change update example
    const QJsonObject reference = json(R"({"version":7,"tags":{"tag1":"new value"},
        "properties":{"desired":{"property1":"new value",
          "$metadata":{"$lastUpdated":"2022-06-01T22:27:50.2612586Z","$lastUpdatedVersion":6,
                       "property1":{"$lastUpdated":"2022-06-01T22:27:50.2612586Z","$lastUpdatedVersion":6}},
          "$version":6}}})");
    const QJsonObject body = bodyOf(message);
    QCOMPARE(shape(body), shape(reference));
    QCOMPARE(body.value(QStringLiteral("version")).toInt(), updated.value().version);
    const QJsonObject desired =
        body.value(QStringLiteral("properties")).toObject().value(QStringLiteral("desired")).toObject();
    QCOMPARE(desired.value(QStringLiteral("$version")).toInt(), 2);
    const QJsonObject metadata = desired.value(QStringLiteral("$metadata")).toObject();
    QCOMPARE(metadata.value(QStringLiteral("$lastUpdatedVersion")).toInt(), 2);
    QCOMPARE(metadata.value(QStringLiteral("$lastUpdated")).toString(), QStringLiteral("2026-06-01T22:27:50.2610000Z"));
    QVERIFY(passesTtsRoute(body));
}

void TestSandboxHubEvents::updateTwinOnlyChangedParts_data()
{
    QTest::addColumn<QString>("patch");
    QTest::addColumn<bool>("hasTags");
    QTest::addColumn<bool>("hasDesired");
    QTest::addRow("tags only") << R"({"tags":{"a":1}})" << true << false;
    QTest::addRow("desired only") << R"({"properties":{"desired":{"a":1}}})" << false << true;
    QTest::addRow("deletion") << R"({"properties":{"desired":{"gone":null}}})" << false << true;
    QTest::addRow("system members ignored") << R"({"properties":{"desired":{"a":1,"$version":99}}})" << false << true;
}

void TestSandboxHubEvents::updateTwinOnlyChangedParts()
{
    QFETCH(QString, patch);
    QFETCH(bool, hasTags);
    QFETCH(bool, hasDesired);
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QVERIFY(m_hub
                ->updateTwin(QStringLiteral("d1"), json(R"({"tags":{"old":1},"properties":{"desired":{"old":1}}})"),
                             QStringLiteral("*"))
                .ok());
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    QVERIFY(m_hub->updateTwin(QStringLiteral("d1"), json(patch.toUtf8().constData()), QStringLiteral("*")).ok());
    QCOMPARE(spy.count(), 1);
    const QJsonObject body = bodyOf(messagesOf(spy).first());
    QCOMPARE(body.contains(QStringLiteral("tags")), hasTags);
    QCOMPARE(body.contains(QStringLiteral("properties")), hasDesired);
    QVERIFY(!body.contains(QStringLiteral("deviceId")));
    if (hasTags)
        QVERIFY(!body.value(QStringLiteral("tags")).toObject().contains(QStringLiteral("old")));
    if (hasDesired) {
        const QJsonObject desired =
            body.value(QStringLiteral("properties")).toObject().value(QStringLiteral("desired")).toObject();
        QVERIFY(!desired.contains(QStringLiteral("old")));
        QCOMPARE(desired.value(QStringLiteral("$version")).toInt(), 3);
    }
}

void TestSandboxHubEvents::replaceTwinCarriesWholeTwin()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QVERIFY(m_hub->patchReported(QStringLiteral("d1"), json(R"({"r":1})")).ok());
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    const Result<DeviceTwin> replaced = m_hub->replaceTwin(
        QStringLiteral("d1"), json(R"({"tags":{"t":1},"properties":{"desired":{"d":2}}})"), QStringLiteral("*"));
    QVERIFY(replaced.ok());
    QCOMPARE(spy.count(), 1);
    const HubMessage message = messagesOf(spy).first();
    checkCommonProperties(message, QStringLiteral("d1"), QStringLiteral("replaceTwin"),
                          QStringLiteral("twinChangeNotification"), QStringLiteral("twinChangeEvents"));
    const QJsonObject body = bodyOf(message);
    QCOMPARE(body.value(QStringLiteral("deviceId")).toString(), QStringLiteral("d1"));
    QCOMPARE(body.value(QStringLiteral("etag")).toString(), replaced.value().etag);
    QCOMPARE(body.value(QStringLiteral("version")).toInt(), replaced.value().version);
    QCOMPARE(body.value(QStringLiteral("tags")).toObject(), json(R"({"t":1})"));
    const QJsonObject properties = body.value(QStringLiteral("properties")).toObject();
    QCOMPARE(properties.value(QStringLiteral("desired")).toObject(), replaced.value().desired);
    QCOMPARE(properties.value(QStringLiteral("reported")).toObject(), replaced.value().reported);
    QVERIFY(passesTtsRoute(body));
}

void TestSandboxHubEvents::reportedPatchRaisesTwinChange()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    const qint64 twinVersion = m_hub->twin(QStringLiteral("d1")).value().version;
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    const Result<qint64> version =
        m_hub->patchReported(QStringLiteral("d1"), json(R"({"lastSeenAt":"now","gone":null})"));
    QVERIFY(version.ok());
    QCOMPARE(version.value(), 2);
    QCOMPARE(spy.count(), 1);
    const HubMessage message = messagesOf(spy).first();
    checkCommonProperties(message, QStringLiteral("d1"), QStringLiteral("updateTwin"),
                          QStringLiteral("twinChangeNotification"), QStringLiteral("twinChangeEvents"));
    const QJsonObject body = bodyOf(message);
    const QJsonObject expectedShape = json(R"({"version":1,"properties":{"reported":{"lastSeenAt":"x","gone":null,
        "$metadata":{"$lastUpdated":"x","lastSeenAt":{"$lastUpdated":"x"}},"$version":2}}})");
    QCOMPARE(shape(body), shape(expectedShape));
    QCOMPARE(body.value(QStringLiteral("version")).toInt(), twinVersion);
    QVERIFY(!passesTtsRoute(body)); // TTS's route drops these
}

void TestSandboxHubEvents::connectionStateEvents()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    QVERIFY(m_hub->tryAcceptConnection(QStringLiteral("d1")));
    m_hub->setConnected(QStringLiteral("d1"), true);
    m_hub->setConnected(QStringLiteral("d1"), true); // no change, no event
    QCOMPARE(m_hub->metrics().connectedDevices, 1);
    QCOMPARE(m_hub->device(QStringLiteral("d1")).value().connectionState, DeviceIdentity::ConnectionState::Connected);
    m_clock->advance(std::chrono::seconds(1));
    m_hub->setConnected(QStringLiteral("d1"), false);
    QCOMPARE(spy.count(), 2);
    const QList<HubMessage> messages = messagesOf(spy);
    checkCommonProperties(messages.at(1), QStringLiteral("d1"), QStringLiteral("deviceDisconnected"),
                          QStringLiteral("deviceConnectionStateNotification"),
                          QStringLiteral("deviceConnectionStateEvents"));
    QCOMPARE(messages.at(0).applicationProperties.value(QStringLiteral("opType")).toString(),
             QStringLiteral("deviceConnected"));
    const QRegularExpression hex64(QStringLiteral("^[0-9A-F]{64}$"));
    QString previous;
    for (const HubMessage &message : messages) {
        QCOMPARE(message.source, RoutingSource::DeviceConnectionStateEvents);
        const QJsonObject body = bodyOf(message);
        QCOMPARE(body.keys(), QStringList {QStringLiteral("sequenceNumber")});
        const QString sequence = body.value(QStringLiteral("sequenceNumber")).toString();
        QVERIFY2(hex64.match(sequence).hasMatch(), qPrintable(sequence));
        QVERIFY(sequence > previous); // lexicographic order
        previous = sequence;
    }
    QCOMPARE(m_hub->metrics().connectedDevices, 0);
    QCOMPARE(m_hub->metrics().connects, quint64(1));
}

void TestSandboxHubEvents::desiredNotificationsForConnectedDevices()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QSignalSpy spy(m_hub, &SandboxHub::desiredPropertiesChanged);
    QVERIFY(m_hub->updateTwin(QStringLiteral("d1"), json(R"({"properties":{"desired":{"a":1}}})"), {}).ok());
    QCOMPARE(spy.count(), 0); // not connected

    m_hub->setConnected(QStringLiteral("d1"), true);
    QVERIFY(m_hub
                ->updateTwin(QStringLiteral("d1"),
                             json(R"({"properties":{"desired":{"telemetrySendFrequency":"5m","route":null}}})"), {})
                .ok());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("d1"));
    // §1.8: the patch plus "$version", e.g. {"telemetrySendFrequency":"5m","route":null,"$version":8}
    QCOMPARE(spy.at(0).at(1).toJsonObject(), json(R"({"telemetrySendFrequency":"5m","route":null,"$version":3})"));
    QCOMPARE(spy.at(0).at(2).toLongLong(), 3);

    QVERIFY(m_hub->updateTwin(QStringLiteral("d1"), json(R"({"tags":{"only":"tags"}})"), {}).ok());
    QCOMPARE(spy.count(), 1); // tags are not pushed to the device

    QVERIFY(m_hub->replaceTwin(QStringLiteral("d1"), json(R"({"properties":{"desired":{"b":2}}})"), {}).ok());
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(1).toJsonObject(), json(R"({"a":null,"telemetrySendFrequency":null,"b":2,"$version":4})"));
}

void TestSandboxHubEvents::twinRuleViolationIs400WithPath()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    const DeviceTwin before = m_hub->twin(QStringLiteral("d1")).value();
    const Result<DeviceTwin> result =
        m_hub->updateTwin(QStringLiteral("d1"), json(R"({"properties":{"desired":{"bad.key":1}}})"), {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().httpStatus(), 400);
    QCOMPARE(result.error().code(), QStringLiteral("ArgumentInvalid"));
    QVERIFY2(result.error().message().startsWith(QStringLiteral("properties.desired.bad.key")),
             qPrintable(result.error().message()));
    QCOMPARE(result.error().payload().toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("properties.desired.bad.key"));

    // The service cannot write reported properties: a reported section in a patch is ignored.
    const Result<DeviceTwin> reported =
        m_hub->updateTwin(QStringLiteral("d1"), json(R"({"properties":{"reported":{"x":1}}})"), {});
    QVERIFY(reported.ok());
    QVERIFY(!reported.value().reported.contains(QStringLiteral("x")));

    const Result<qint64> device = m_hub->patchReported(QStringLiteral("d1"), json(R"({"a":{"b c":1}})"));
    QCOMPARE(device.error().httpStatus(), 400);
    QVERIFY(device.error().message().startsWith(QStringLiteral("properties.reported.a.b c")));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(m_hub->twin(QStringLiteral("d1")).value(), before);
}

void TestSandboxHubEvents::etagMismatchOnTwin()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    const DeviceTwin twin = m_hub->twin(QStringLiteral("d1")).value();
    const Result<DeviceTwin> first = m_hub->updateTwin(QStringLiteral("d1"), json(R"({"tags":{"a":1}})"),
                                                       QLatin1Char('"') + twin.etag + QLatin1Char('"'));
    QVERIFY(first.ok());
    QVERIFY(first.value().etag != twin.etag);
    const Result<DeviceTwin> stale = m_hub->updateTwin(QStringLiteral("d1"), json(R"({"tags":{"a":2}})"), twin.etag);
    QVERIFY(!stale.ok());
    QCOMPARE(stale.error().httpStatus(), 412);
    QCOMPARE(stale.error().code(), QStringLiteral("PreconditionFailed"));
    const Result<DeviceTwin> staleReplace = m_hub->replaceTwin(QStringLiteral("d1"), json(R"({"tags":{}})"), twin.etag);
    QCOMPARE(staleReplace.error().httpStatus(), 412);
    QCOMPARE(m_hub->twin(QStringLiteral("d1")).value().tags, json(R"({"a":1})"));
}

void TestSandboxHubEvents::deviceTwinPropertiesForMqttGet()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QVERIFY(m_hub
                ->updateTwin(QStringLiteral("d1"),
                             json(R"({"properties":{"desired":{"telemetrySendFrequency":"5m"}}})"), {})
                .ok());
    QVERIFY(m_hub->patchReported(QStringLiteral("d1"), json(R"({"batteryLevel":55})")).ok());
    const Result<QJsonObject> properties = m_hub->deviceTwinProperties(QStringLiteral("d1"));
    QVERIFY(properties.ok());
    // §1.8 GET body: the properties section only, "$version" but no "$metadata".
    QCOMPARE(properties.value(), json(R"({"desired":{"telemetrySendFrequency":"5m","$version":2},
                                          "reported":{"batteryLevel":55,"$version":2}})"));
    QCOMPARE(m_hub->deviceTwinProperties(QStringLiteral("ghost")).error().httpStatus(), 404);
}

void TestSandboxHubEvents::recordingIsBoundedHubWide()
{
    // 3 per device, 5 in the whole hub: the hub drops its oldest messages first, whichever device sent them.
    delete m_hub;
    SandboxHub::Options options;
    options.name = QStringLiteral("events-hub");
    options.maxRecordedMessagesPerDevice = 3;
    options.maxRecordedMessages = 5;
    options.throttlesEnabled = false;
    m_hub = new SandboxHub(options, m_clock);
    for (const char *id : {"a", "b", "c"})
        QVERIFY(m_hub->createDevice(identity(QLatin1String(id))).ok());
    auto send = [this](const char *id, int n) {
        return m_hub
            ->recordDeviceToCloud(QLatin1String(id),
                                  QStringLiteral("devices/%1/messages/events/").arg(QLatin1String(id)),
                                  QByteArray::number(n), {}, {})
            .ok();
    };
    // a1 a2 a3 a4 (a1 dropped by the device limit) b5 b6 c7 → hub-wide limit drops a2, a3.
    for (int n = 1; n <= 4; ++n)
        QVERIFY(send("a", n));
    QVERIFY(send("b", 5));
    QVERIFY(send("b", 6));
    QVERIFY(send("c", 7));
    QList<QByteArray> bodies;
    for (const HubMessage &message : m_hub->recordedMessages(QString(), 0, -1))
        bodies.append(message.body);
    QCOMPARE(bodies, (QList<QByteArray> {"3", "4", "5", "6", "7"}));
    // Many messages of one device keep both limits.
    for (int n = 8; n < 1000; ++n)
        QVERIFY(send("c", n));
    bodies.clear();
    for (const HubMessage &message : m_hub->recordedMessages(QString(), 0, -1))
        bodies.append(message.body);
    QCOMPARE(bodies, (QList<QByteArray> {"5", "6", "997", "998", "999"}));
    QCOMPARE(m_hub->recordedMessages(QStringLiteral("a"), 0).size(), 0);
    m_hub->reset();
    QVERIFY(m_hub->recordedMessages(QString(), 0, -1).isEmpty());
}

void TestSandboxHubEvents::deviceToCloudRecording()
{
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d2"))).ok());
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    const QVariantMap spoofed {{QStringLiteral("iothub-connection-device-id"), QStringLiteral("d2")},
                               {QStringLiteral("message-id"), QStringLiteral("m1")}};
    for (int i = 0; i < 5; ++i) {
        QVERIFY(m_hub
                    ->recordDeviceToCloud(QStringLiteral("d1"), QStringLiteral("devices/d1/messages/events/"),
                                          QByteArray("{\"n\":") + QByteArray::number(i) + '}', spoofed,
                                          {{QStringLiteral("type"), QStringLiteral("uplink")}})
                    .ok());
    }
    QVERIFY(m_hub->recordDeviceToCloud(QStringLiteral("d2"), QStringLiteral("devices/d2/messages/events/"), "x", {}, {})
                .ok());
    QCOMPARE(spy.count(), 6);
    const HubMessage first = messagesOf(spy).first();
    QCOMPARE(first.source, RoutingSource::DeviceMessages);
    QCOMPARE(first.topic, QStringLiteral("devices/d1/messages/events/"));
    QCOMPARE(first.systemProperties.value(QStringLiteral("iothub-connection-device-id")).toString(),
             QStringLiteral("d1")); // stamped by the hub
    QCOMPARE(first.systemProperties.value(QStringLiteral("message-id")).toString(), QStringLiteral("m1"));
    QCOMPARE(first.systemProperties.value(QStringLiteral("iothub-message-source")).toString(),
             QStringLiteral("deviceMessages"));
    QCOMPARE(first.applicationProperties.value(QStringLiteral("type")).toString(), QStringLiteral("uplink"));

    // The ring keeps the last three messages per device.
    const QList<HubMessage> d1 = m_hub->recordedMessages(QStringLiteral("d1"), 0);
    QCOMPARE(d1.size(), 3);
    QCOMPARE(d1.first().body, QByteArray("{\"n\":2}"));
    QCOMPARE(d1.last().body, QByteArray("{\"n\":4}"));
    const QList<HubMessage> after = m_hub->recordedMessages(QStringLiteral("d1"), d1.at(1).sequenceNumber);
    QCOMPARE(after.size(), 1);
    QCOMPARE(m_hub->recordedMessages(QString(), 0).size(), 4);
    QCOMPARE(m_hub->recordedMessages(QString(), 0, 2).size(), 2);
    QCOMPARE(m_hub->metrics().deviceToCloudMessages, quint64(6));
    QVERIFY(m_hub->device(QStringLiteral("d1")).value().lastActivityTime.isValid());
    QCOMPARE(m_hub->recordDeviceToCloud(QStringLiteral("ghost"), {}, "x", {}, {}).error().httpStatus(), 404);
}

void TestSandboxHubEvents::sequenceNumbersAreHubWide()
{
    QSignalSpy spy(m_hub, &SandboxHub::messageRaised);
    QVERIFY(m_hub->createDevice(identity(QStringLiteral("d1"))).ok());
    QVERIFY(m_hub->recordDeviceToCloud(QStringLiteral("d1"), {}, "x", {}, {}).ok());
    QVERIFY(m_hub->updateTwin(QStringLiteral("d1"), json(R"({"tags":{"a":1}})"), {}).ok());
    QVERIFY(m_hub->recordDeviceToCloud(QStringLiteral("d1"), {}, "y", {}, {}).ok());
    qint64 previous = 0;
    for (const HubMessage &message : messagesOf(spy)) {
        QCOMPARE(message.sequenceNumber, previous + 1);
        previous = message.sequenceNumber;
    }
    QCOMPARE(previous, 4);
}

QTEST_GUILESS_MAIN(TestSandboxHubEvents)
#include "tst_sandboxhubevents.moc"
