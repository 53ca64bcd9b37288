#include "FakeNetworkAccessManager.h"

#include "services/core/Clock.h"
#include "services/iothub/HubThrottle.h"
#include "services/iothub/IotHubServiceClient.h"
#include "services/mirror/MirrorBulkRunner.h"
#include "services/net/HttpTransport.h"
#include "services/net/RetryPolicy.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using Action = MirrorBulkRunner::Action;
using Outcome = MirrorBulkRunner::Outcome;

namespace {

MirrorBulkRunner::Item item(const QString &id, bool inTts, bool inHub,
                            DeviceIdentity::Status status = DeviceIdentity::Status::Enabled)
{
    return MirrorBulkRunner::Item {
        id, QStringLiteral("70B3D57ED0000001"), QStringLiteral("0000000000000000"), inTts, inHub, status};
}

FakeNetworkAccessManager::Response identity(const QString &id, const QString &status)
{
    return FakeNetworkAccessManager::json(200,
                                          QJsonObject {{QStringLiteral("deviceId"), id},
                                                       {QStringLiteral("etag"), QStringLiteral("AAAA")},
                                                       {QStringLiteral("status"), status}});
}

} // namespace

Q_DECLARE_METATYPE(TwinBridge::MirrorBulkRunner::Item)

// MirrorBulkRunner: the dry-run plan per action, runs with per-device results against the fake network, cancel,
// and the ETA's floor from the registry throttle.
class TestDeviceMirrorBulkRunner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void plan_data();
    void plan();
    void disableReportsPerDeviceResults();
    void cancelStopsBeforeTheNextDevice();
    void etaIsNeverBelowTheRegistryThrottle();

private:
    std::unique_ptr<FakeNetworkAccessManager> m_nam;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<HubThrottle> m_throttle;
    std::unique_ptr<IotHubServiceClient> m_hub;
};

void TestDeviceMirrorBulkRunner::init()
{
    m_nam = std::make_unique<FakeNetworkAccessManager>();
    m_clock = std::make_unique<ManualClock>();
    m_throttle = std::make_unique<HubThrottle>(HubSku::S1, 1, m_clock.get());
    IotHubCredentials credentials;
    credentials.hostName = QStringLiteral("my-hub.azure-devices.net");
    credentials.policyName = QStringLiteral("twinbridge");
    credentials.policyKey = QByteArrayLiteral("c2VjcmV0LXBvbGljeS1rZXktZm9yLXRlc3Rz");
    m_hub = std::make_unique<IotHubServiceClient>(m_nam.get(), credentials, m_throttle.get(), m_clock.get());
    RetryPolicy once;
    once.maxAttempts = 1;
    m_hub->transport()->setRetryPolicy(once);
}

void TestDeviceMirrorBulkRunner::cleanup()
{
    m_hub.reset();
    m_throttle.reset();
    m_clock.reset();
    m_nam.reset();
}

void TestDeviceMirrorBulkRunner::plan_data()
{
    QTest::addColumn<Action>("action");
    QTest::addColumn<MirrorBulkRunner::Item>("item");
    QTest::addColumn<bool>("runs");
    QTest::addColumn<QString>("words");

    QTest::addRow("identity for a TTS-only device")
        << Action::CreateHubIdentities << item(QStringLiteral("a"), true, false) << true
        << QStringLiteral("lorawan.devEui 70B3D57ED0000001");
    QTest::addRow("identity exists") << Action::CreateHubIdentities << item(QStringLiteral("a"), true, true) << false
                                     << QStringLiteral("already has");
    QTest::addRow("identity without TTS device")
        << Action::CreateHubIdentities << item(QStringLiteral("a"), false, true) << false
        << QStringLiteral("already has");
    QTest::addRow("TTS device from tags")
        << Action::CreateTtsDevices << item(QStringLiteral("a"), false, true) << true << QStringLiteral("lorawan tags");
    QTest::addRow("TTS device exists") << Action::CreateTtsDevices << item(QStringLiteral("a"), true, true) << false
                                       << QStringLiteral("TTS already has");
    QTest::addRow("enable a disabled one")
        << Action::EnableInHub << item(QStringLiteral("a"), true, true, DeviceIdentity::Status::Disabled) << true
        << QStringLiteral("Enable");
    QTest::addRow("enable an enabled one")
        << Action::EnableInHub << item(QStringLiteral("a"), true, true) << false << QStringLiteral("already enabled");
    QTest::addRow("disable without identity") << Action::DisableInHub << item(QStringLiteral("a"), true, false) << false
                                              << QStringLiteral("no such identity");
    QTest::addRow("delete from both") << Action::DeleteEverywhere << item(QStringLiteral("a"), true, true) << true
                                      << QStringLiteral("TTS (all four registries) and IoT Hub");
    QTest::addRow("delete hub only") << Action::DeleteEverywhere << item(QStringLiteral("a"), false, true) << true
                                     << QStringLiteral("Delete from IoT Hub.");
}

void TestDeviceMirrorBulkRunner::plan()
{
    QFETCH(Action, action);
    QFETCH(MirrorBulkRunner::Item, item);
    QFETCH(bool, runs);
    QFETCH(QString, words);
    const QList<MirrorBulkRunner::PlannedStep> steps = MirrorBulkRunner::plan(action, {item});
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps.at(0).runs, runs);
    QVERIFY2(steps.at(0).description.contains(words), qPrintable(steps.at(0).description));
    QCOMPARE(MirrorBulkRunner::isDestructive(action), action == Action::DeleteEverywhere);
}

void TestDeviceMirrorBulkRunner::disableReportsPerDeviceResults()
{
    m_nam->on("GET", QStringLiteral("/devices/ok"), identity(QStringLiteral("ok"), QStringLiteral("enabled")));
    m_nam->on("PUT", QStringLiteral("/devices/ok"), identity(QStringLiteral("ok"), QStringLiteral("disabled")));
    m_nam->on("GET", QStringLiteral("/devices/gone"),
              FakeNetworkAccessManager::json(
                  404, QJsonObject {{QStringLiteral("Message"), QStringLiteral("ErrorCode:DeviceNotFound;not found")}})
                  .header("iothub-errorcode", "DeviceNotFound"));
    m_nam->on("GET", QStringLiteral("/devices/raced"), identity(QStringLiteral("raced"), QStringLiteral("disabled")));

    MirrorBulkRunner runner(m_hub.get(), nullptr, m_clock.get());
    QSignalSpy finishedItems(&runner, &MirrorBulkRunner::itemFinished);
    QSignalSpy finished(&runner, &MirrorBulkRunner::finished);
    QVERIFY(runner.start(Action::DisableInHub,
                         {item(QStringLiteral("ok"), true, true), item(QStringLiteral("gone"), true, true),
                          item(QStringLiteral("raced"), true, true),
                          item(QStringLiteral("skipped"), true, true, DeviceIdentity::Status::Disabled)}));
    QCOMPARE(runner.totalCount(), 3); // the dry run skips the one already disabled
    QVERIFY(!runner.start(Action::EnableInHub, {item(QStringLiteral("x"), true, true)}));
    QVERIFY(finished.wait(5000));
    QCOMPARE(finishedItems.count(), 3);
    QHash<QString, MirrorBulkRunner::ItemResult> byId;
    for (const MirrorBulkRunner::ItemResult &result : runner.results())
        byId.insert(result.deviceId, result);
    QCOMPARE(byId.value(QStringLiteral("ok")).outcome, Outcome::Done);
    QCOMPARE(byId.value(QStringLiteral("gone")).outcome, Outcome::Failed);
    QCOMPARE(byId.value(QStringLiteral("gone")).error.kind(), ServiceError::Kind::NotFound);
    QVERIFY(!byId.value(QStringLiteral("gone")).message.isEmpty());
    QCOMPARE(byId.value(QStringLiteral("raced")).outcome, Outcome::Skipped);

    // The PUT carried the disabled status with If-Match of the identity's etag.
    bool put = false;
    for (const FakeNetworkAccessManager::Request &request : m_nam->requests()) {
        if (request.method != "PUT")
            continue;
        put = true;
        QCOMPARE(QJsonDocument::fromJson(request.body).object().value(QLatin1String("status")).toString(),
                 QStringLiteral("disabled"));
        QCOMPARE(request.header("If-Match"), QByteArray("\"AAAA\""));
    }
    QVERIFY(put);
    QVERIFY(!runner.isRunning());
}

void TestDeviceMirrorBulkRunner::cancelStopsBeforeTheNextDevice()
{
    m_nam->on("GET", QStringLiteral("^/devices/.*"), FakeNetworkAccessManager::hanging());
    MirrorBulkRunner runner(m_hub.get(), nullptr, m_clock.get());
    runner.setMaxInFlight(1);
    QSignalSpy started(&runner, &MirrorBulkRunner::itemStarted);
    QSignalSpy finished(&runner, &MirrorBulkRunner::finished);
    QList<MirrorBulkRunner::Item> items;
    for (int i = 0; i < 5; ++i)
        items.append(item(QStringLiteral("d%1").arg(i), true, true, DeviceIdentity::Status::Disabled));
    QVERIFY(runner.start(Action::EnableInHub, items));
    QVERIFY(started.wait(5000));
    QCOMPARE(started.count(), 1);
    runner.cancel();
    int canceled = 0;
    for (const MirrorBulkRunner::ItemResult &result : runner.results())
        canceled += result.outcome == Outcome::Canceled ? 1 : 0;
    QCOMPARE(canceled, 4);
    // The device in flight still finishes (here: its hanging request never does, so the run waits for it).
    QCOMPARE(finished.count(), 0);
    QVERIFY(runner.isRunning());
    QCOMPARE(started.count(), 1);
}

void TestDeviceMirrorBulkRunner::etaIsNeverBelowTheRegistryThrottle()
{
    m_nam->on("GET", QStringLiteral("^/devices/.*"), FakeNetworkAccessManager::hanging());
    MirrorBulkRunner runner(m_hub.get(), nullptr, m_clock.get());
    QList<MirrorBulkRunner::Item> items;
    for (int i = 0; i < 400; ++i)
        items.append(item(QStringLiteral("d%1").arg(i), true, true, DeviceIdentity::Status::Disabled));
    QVERIFY(runner.start(Action::EnableInHub, items));
    // 400 devices × 2 registry operations on S1 × 1 (100/min, a burst of 100): at least 7 minutes.
    const std::optional<qint64> eta = runner.etaMs();
    QVERIFY(eta);
    QVERIFY2(*eta >= 7 * 60 * 1000, qPrintable(QString::number(*eta)));
    QVERIFY(*eta <= 8 * 60 * 1000);
    m_throttle->setEnabled(false);
    QVERIFY(!runner.etaMs() || *runner.etaMs() == 0);
}

QTEST_GUILESS_MAIN(TestDeviceMirrorBulkRunner)
#include "tst_devicemirrorbulkrunner.moc"
