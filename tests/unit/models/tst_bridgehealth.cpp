#include "models/BridgeHealth.h"

#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using Side = BridgeHealth::Side;
using LightStatus = BridgeHealth::Status;
using Counter = EngineMetricsSnapshot::Counter;
using Gauge = EngineMetricsSnapshot::Gauge;

namespace {

EngineMetricsSnapshot stats(bool ttsConnected, quint64 d2c = 0, quint64 throttled = 0, quint64 identities = 0)
{
    EngineMetricsSnapshot s;
    s.takenAt = QDateTime::currentDateTimeUtc();
    s.gauges[size_t(Gauge::TtsConnected)] = ttsConnected ? 1 : 0;
    s.counters[size_t(Counter::DeviceToCloudSent)] = d2c;
    s.counters[size_t(Counter::Throttled)] = throttled;
    s.counters[size_t(Counter::IdentitiesCreated)] = identities;
    return s;
}

// An Error event as the engine emits it: detail["source"] names the part that failed.
EngineEvent error(const QString &device, const QString &summary, QLatin1String source, QJsonObject detail = {})
{
    detail.insert(QStringLiteral("source"), source);
    return EngineEvent {QDateTime::currentDateTimeUtc(), device, EngineEvent::Kind::Error, summary, detail};
}

} // namespace

class TestBridgeHealth : public QObject
{
    Q_OBJECT

private slots:
    void stoppedIsOff();
    void runningConnectsAndSends();
    void ttsErrorFailsTheTtsSideOnly();
    void identityFailureBlamesRestNotMqtt();
    void deliveryFailureBlamesMqtt();
    void throttlingWarns();
    void ingestRefusalsWarn();
    void errorsOfOtherPartsLeaveTheLightsAlone();
    void startFailureNamesTheSide_data();
    void startFailureNamesTheSide();
};

void TestBridgeHealth::stoppedIsOff()
{
    BridgeHealth health;
    for (int i = 0; i < BridgeHealth::SideCount; ++i)
        QCOMPARE(health.light(Side(i)).status, LightStatus::Off);
    health.setEngineState(Engine::State::Running);
    health.setEngineState(Engine::State::Stopped);
    for (int i = 0; i < BridgeHealth::SideCount; ++i)
        QCOMPARE(health.light(Side(i)).status, LightStatus::Off);
}

void TestBridgeHealth::runningConnectsAndSends()
{
    BridgeHealth health;
    QSignalSpy changed(&health, &BridgeHealth::lightChanged);
    health.setEngineState(Engine::State::Starting);
    health.setEngineState(Engine::State::Running);
    health.setIngest(true, QStringLiteral("http://127.0.0.1:8095/api/v3"));
    QCOMPARE(health.light(Side::TtsMqtt).status, LightStatus::Waiting);
    QCOMPARE(health.light(Side::HubRest).status, LightStatus::Waiting);
    QCOMPARE(health.light(Side::Ingest).status, LightStatus::Ok);
    QVERIFY(health.light(Side::Ingest).text.contains(QLatin1String("127.0.0.1:8095")));
    health.addSnapshot(stats(true));
    QCOMPARE(health.light(Side::TtsMqtt).status, LightStatus::Ok);
    health.addEvents({EngineEvent {QDateTime::currentDateTimeUtc(),
                                   QStringLiteral("dev-1"),
                                   EngineEvent::Kind::UplinkForwarded,
                                   QStringLiteral("ok"),
                                   {}}});
    QCOMPARE(health.light(Side::HubRest).status, LightStatus::Ok);
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Ok);
    QVERIFY(!changed.isEmpty());
    health.addSnapshot(stats(false, 1));
    QCOMPARE(health.light(Side::TtsMqtt).status, LightStatus::Warning); // lost, reconnecting
}

void TestBridgeHealth::ttsErrorFailsTheTtsSideOnly()
{
    BridgeHealth health;
    health.setEngineState(Engine::State::Running);
    const QString sentence = QStringLiteral("Could not connect to The Things Stack: the API key was refused.");
    health.addEvents({error({}, sentence, EngineEvent::ErrorSource::TtsMqtt)});
    health.addSnapshot(stats(false));
    QCOMPARE(health.light(Side::TtsMqtt).status, LightStatus::Failed);
    QCOMPARE(health.light(Side::TtsMqtt).text, sentence);
    QCOMPARE(health.light(Side::HubRest).status, LightStatus::Waiting);
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Waiting);
    health.addSnapshot(stats(true)); // the key works again
    QCOMPARE(health.light(Side::TtsMqtt).status, LightStatus::Ok);
}

void TestBridgeHealth::identityFailureBlamesRestNotMqtt()
{
    BridgeHealth health;
    health.setEngineState(Engine::State::Running);
    health.addEvents(
        {error(QStringLiteral("dev-1"), QStringLiteral("Could not create dev-1: 401"),
               EngineEvent::ErrorSource::HubRest,
               {{QStringLiteral("kind"), QStringLiteral("unauthorized")}, {QStringLiteral("code"), QString()}}),
         error(QStringLiteral("dev-1"), QStringLiteral("Could not forward a message of dev-1"),
               EngineEvent::ErrorSource::HubMqtt,
               {{QStringLiteral("kind"), QStringLiteral("unauthorized")}, {QStringLiteral("attempts"), 1}})});
    QCOMPARE(health.light(Side::HubRest).status, LightStatus::Failed);
    QVERIFY(health.light(Side::HubRest).text.contains(QLatin1String("401")));
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Waiting);
}

void TestBridgeHealth::deliveryFailureBlamesMqtt()
{
    BridgeHealth health;
    health.setEngineState(Engine::State::Running);
    health.addEvents(
        {error(QStringLiteral("dev-1"), QStringLiteral("Could not forward a message of dev-1: CONNACK 5"),
               EngineEvent::ErrorSource::HubMqtt,
               {{QStringLiteral("kind"), QStringLiteral("unauthorized")}, {QStringLiteral("attempts"), 1}})});
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Failed);
    QCOMPARE(health.light(Side::HubRest).status, LightStatus::Waiting);
}

void TestBridgeHealth::throttlingWarns()
{
    BridgeHealth health;
    health.setEngineState(Engine::State::Running);
    health.addSnapshot(stats(true, 5));
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Ok);
    health.addSnapshot(stats(true, 6, 3));
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Warning);
    health.addSnapshot(stats(true, 9, 3));
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Ok);
}

void TestBridgeHealth::ingestRefusalsWarn()
{
    BridgeHealth health;
    health.setEngineState(Engine::State::Running);
    health.setIngest(true, QStringLiteral("http://127.0.0.1:1/api/v3"));
    health.addEvents({error({}, QStringLiteral("The ingest endpoint answered 401 to a request for /x"),
                            EngineEvent::ErrorSource::Ingest,
                            {{QStringLiteral("status"), 401}, {QStringLiteral("path"), QStringLiteral("/x")}})});
    QCOMPARE(health.light(Side::Ingest).status, LightStatus::Warning);
    QCOMPARE(health.light(Side::TtsMqtt).status, LightStatus::Waiting); // not the TTS side
    health.setIngest(false, {});
    QCOMPARE(health.light(Side::Ingest).status, LightStatus::Off);
}

// Outbox trouble, one dropped TTS message and a failed action in TTS for an ingest event are shown in Live data,
// not as a failed side (before the engine named the source, an engine-wide error without detail turned TTS red).
void TestBridgeHealth::errorsOfOtherPartsLeaveTheLightsAlone()
{
    BridgeHealth health;
    health.setEngineState(Engine::State::Running);
    health.setIngest(true, QStringLiteral("http://127.0.0.1:1/api/v3"));
    health.addEvents({error({}, QStringLiteral("The outbox could not be read"), EngineEvent::ErrorSource::Outbox),
                      error({}, QStringLiteral("Dropped a message"), EngineEvent::ErrorSource::TtsMessage),
                      error(QStringLiteral("dev-1"), QStringLiteral("Could not push the downlink"),
                            EngineEvent::ErrorSource::TtsRest)});
    QCOMPARE(health.light(Side::TtsMqtt).status, LightStatus::Waiting);
    QCOMPARE(health.light(Side::HubRest).status, LightStatus::Waiting);
    QCOMPARE(health.light(Side::HubMqtt).status, LightStatus::Waiting);
    QCOMPARE(health.light(Side::Ingest).status, LightStatus::Ok);
}

void TestBridgeHealth::startFailureNamesTheSide_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("side");
    QTest::addRow("TTS API key") << QString(EngineField::TtsApiKey) << int(Side::TtsMqtt);
    QTest::addRow("TTS host") << QStringLiteral("tts.mqttHost") << int(Side::TtsMqtt);
    QTest::addRow("policy key") << QString(EngineField::HubPolicyKey) << int(Side::HubRest);
    QTest::addRow("hub host") << QStringLiteral("iotHub.hostName") << int(Side::HubRest);
    QTest::addRow("ingest key") << QString(EngineField::IngestKey) << int(Side::Ingest);
    QTest::addRow("ingest address") << QString(EngineField::IngestBindAddress) << int(Side::Ingest);
}

void TestBridgeHealth::startFailureNamesTheSide()
{
    QFETCH(QString, field);
    QFETCH(int, side);
    BridgeHealth health;
    const QString sentence = QStringLiteral("Enter it on the Connections page.");
    health.setStartFailed(ServiceError::invalidInput(sentence), {ProfileIssue {field, sentence}});
    QCOMPARE(health.light(Side(side)).status, LightStatus::Failed);
    QCOMPARE(health.light(Side(side)).text, sentence);
    int failed = 0;
    for (int i = 0; i < BridgeHealth::SideCount; ++i)
        failed += health.light(Side(i)).status == LightStatus::Failed ? 1 : 0;
    QCOMPARE(failed, side == int(Side::HubRest) ? 2 : 1); // the policy key signs REST and MQTT alike
}

QTEST_GUILESS_MAIN(TestBridgeHealth)
#include "tst_bridgehealth.moc"
