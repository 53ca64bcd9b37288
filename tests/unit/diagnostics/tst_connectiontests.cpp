// The TTS and IoT Hub connection tests against the fake network layer with an injected clock: each answer of
// the far side becomes the right named check with a sentence a user can act on — clock skew from the Date
// header, wrong keys, a missing right by name, an unknown application, and cancel.

#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"

#include "services/diagnostics/IotHubConnectionTest.h"
#include "services/diagnostics/TtsConnectionTest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using Status_ = ConnectionCheck::Status;
using Fake = FakeNetworkAccessManager;

namespace {

const QByteArray PolicyKey = "dW5pdC10ZXN0LXBvbGljeS1rZXktMDEyMzQ1Njc4OQ==";
const QString ApiKey = QStringLiteral("NNSXS.UNITTESTKEYID.UNITTESTSECRET0123456789");

QString statusText(const std::optional<ConnectionCheck> &check)
{
    return check ? ConnectionCheck::statusName(check->status) + QStringLiteral(": ") + check->sentence
                 : QStringLiteral("(no such check)");
}

} // namespace

class TestConnectionTests : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void hubDiagnoses_data();
    void hubDiagnoses();
    void hubClockSkewFromDateHeader_data();
    void hubClockSkewFromDateHeader();
    void hubProbesChangeNothing();
    void hubUnreachableRestEndpointSkipsTheRest();
    void hubCancelStopsAndSkips();
    void hubWithoutKeySendsNothing();

    void ttsDiagnoses_data();
    void ttsDiagnoses();
    void ttsMissingRightsAreNamed();
    void ttsClosedMqttPortIsReported();

private:
    ConnectionProfile profile() const;
    ConnectionReport runTest(ConnectionTest &test);

    QTcpServer m_listening; // accepts TCP so the reachability probes pass
    quint16 m_closedPort = 0;
    std::unique_ptr<Fake> m_nam;
    std::unique_ptr<ManualClock> m_clock;
};

void TestConnectionTests::initTestCase()
{
    QVERIFY(m_listening.listen(QHostAddress::LocalHost));
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    m_closedPort = closed.serverPort();
    closed.close();
}

void TestConnectionTests::init()
{
    m_nam = std::make_unique<Fake>();
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
}

void TestConnectionTests::cleanup()
{
    m_nam.reset();
    m_clock.reset();
}

ConnectionProfile TestConnectionTests::profile() const
{
    ConnectionProfile profile = ConnectionProfile::create(QStringLiteral("Unit"));
    const QString listening = QStringLiteral("http://127.0.0.1:%1").arg(m_listening.serverPort());
    profile.iotHub.hostName = QStringLiteral("unit-hub.azure-devices.net");
    profile.iotHub.restEndpoint = listening;
    profile.iotHub.mqttHost = QStringLiteral("127.0.0.1");
    profile.iotHub.mqttPort = m_closedPort;
    profile.iotHub.policyName = QStringLiteral("twinbridge");
    profile.tts.apiBaseUrl = listening + QStringLiteral("/api/v3");
    profile.tts.applicationId = QStringLiteral("demo-app");
    profile.tts.tenantId = QStringLiteral("sandbox");
    profile.tts.mqttHost = QStringLiteral("127.0.0.1");
    profile.tts.mqttPort = m_closedPort;
    profile.tts.mqttTls = false;
    return profile;
}

ConnectionReport TestConnectionTests::runTest(ConnectionTest &test)
{
    QFuture<ConnectionReport> future = test.start();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000); }();
    if (!future.isFinished() || future.resultCount() == 0)
        return {};
    return future.result();
}

// ---- IoT Hub ----------------------------------------------------------------------------------------------

void TestConnectionTests::hubDiagnoses_data()
{
    QTest::addColumn<int>("registryRead"); // status of GET /devices/{probe}
    QTest::addColumn<int>("serviceConnect"); // GET /twins/{probe}
    QTest::addColumn<int>("registryWrite"); // DELETE /devices/{probe}
    QTest::addColumn<QByteArray>("errorCode");
    QTest::addColumn<QString>("failingCheck");
    QTest::addColumn<QString>("words");

    QTest::addRow("all rights") << 404 << 404 << 404 << QByteArray("DeviceNotFound") << QString() << QString();
    QTest::addRow("wrong key") << 401 << 401 << 401 << QByteArray("IotHubUnauthorizedAccess")
                               << QStringLiteral("hub.key") << QStringLiteral("the key is wrong");
    QTest::addRow("no RegistryWrite") << 404 << 404 << 401 << QByteArray() << QStringLiteral("hub.right.RegistryWrite")
                                      << QStringLiteral("lacks RegistryWrite");
    QTest::addRow("no ServiceConnect") << 404 << 401 << 404 << QByteArray()
                                       << QStringLiteral("hub.right.ServiceConnect")
                                       << QStringLiteral("lacks ServiceConnect");
    QTest::addRow("no RegistryRead") << 401 << 404 << 401 << QByteArray() << QStringLiteral("hub.right.RegistryRead")
                                     << QStringLiteral("lacks RegistryRead");
    QTest::addRow("hub does not exist") << 401 << 401 << 401 << QByteArray("IotHubNotFound")
                                        << QStringLiteral("hub.key") << QStringLiteral("There is no IoT hub");
}

void TestConnectionTests::hubDiagnoses()
{
    QFETCH(int, registryRead);
    QFETCH(int, serviceConnect);
    QFETCH(int, registryWrite);
    QFETCH(QByteArray, errorCode);
    QFETCH(QString, failingCheck);
    QFETCH(QString, words);

    auto answer = [&](int status) {
        if (status == 404) {
            return Fake::json(404,
                              QJsonObject {{QStringLiteral("Message"), QStringLiteral("ErrorCode:DeviceNotFound;")}})
                .header("iothub-errorcode", "DeviceNotFound");
        }
        Fake::Response response =
            Fake::json(status,
                       QJsonObject {{QStringLiteral("Message"),
                                     QStringLiteral("ErrorCode:%1;Unauthorized").arg(QString::fromLatin1(errorCode))}});
        if (!errorCode.isEmpty())
            response.header("iothub-errorcode", errorCode);
        return response;
    };
    m_nam->on("GET", QStringLiteral("^/devices/twinbridge-connection-test-"), answer(registryRead));
    m_nam->on("GET", QStringLiteral("^/twins/twinbridge-connection-test-"), answer(serviceConnect));
    m_nam->on("DELETE", QStringLiteral("^/devices/twinbridge-connection-test-"), answer(registryWrite));

    IotHubConnectionTest test(profile(), PolicyKey, m_nam.get(), m_clock.get());
    QSignalSpy changes(&test, &ConnectionTest::checkChanged);
    const ConnectionReport report = runTest(test);
    QVERIFY(!report.canceled);
    QVERIFY(changes.count() > report.checks.size()); // declared, then updated
    QCOMPARE(report.check(QStringLiteral("hub.reachable"))->status, Status_::Passed);
    QCOMPARE(m_nam->unmatched().size(), 0);

    if (failingCheck.isEmpty()) {
        QCOMPARE(report.check(QStringLiteral("hub.key"))->status, Status_::Passed);
        for (const char *right : {"RegistryRead", "RegistryWrite", "ServiceConnect"}) {
            const auto check = report.check(QStringLiteral("hub.right.") + QLatin1String(right));
            QVERIFY2(check && check->status == Status_::Passed, qPrintable(statusText(check)));
        }
    } else {
        const auto check = report.check(failingCheck);
        QVERIFY2(check && check->status == Status_::Failed, qPrintable(statusText(check)));
        QVERIFY2(check->sentence.contains(words), qPrintable(check->sentence));
        QVERIFY(!check->sentence.contains(QString::fromLatin1(PolicyKey)));
        if (failingCheck == QLatin1String("hub.key")) {
            const auto right = report.check(QStringLiteral("hub.right.RegistryWrite"));
            QCOMPARE(right->status, Status_::Skipped);
        } else {
            QCOMPARE(report.check(QStringLiteral("hub.key"))->status, Status_::Passed);
        }
    }
    // The closed MQTT port of the profile: refused, named.
    const auto mqtt = report.check(QStringLiteral("hub.mqtt"));
    QCOMPARE(mqtt->status, Status_::Failed);
    QVERIFY2(mqtt->sentence.contains(QLatin1String("refused")), qPrintable(mqtt->sentence));
    QCOMPARE(report.check(QStringLiteral("hub.right.DeviceConnect"))->status, Status_::Skipped);
    QCOMPARE(report.overall(), Status_::Failed);
}

void TestConnectionTests::hubClockSkewFromDateHeader_data()
{
    QTest::addColumn<QByteArray>("date");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("clockStatus");
    QTest::addColumn<QString>("clockWords");
    QTest::addColumn<QString>("keyWords");

    // The ManualClock says 2026-01-01 12:00:00 UTC.
    QTest::addRow("in step") << QByteArray("Thu, 01 Jan 2026 12:00:30 GMT") << 404 << int(Status_::Passed)
                             << QStringLiteral("30 s behind") << QString();
    QTest::addRow("local 10 min behind") << QByteArray("Thu, 01 Jan 2026 12:10:00 GMT") << 404 << int(Status_::Failed)
                                         << QStringLiteral("10 min behind") << QString();
    QTest::addRow("local 2 h ahead, tokens refused")
        << QByteArray("Thu, 01 Jan 2026 10:00:00 GMT") << 401 << int(Status_::Failed) << QStringLiteral("2 h ahead")
        << QStringLiteral("clock is off");
    QTest::addRow("no Date header") << QByteArray() << 404 << int(Status_::Skipped) << QStringLiteral("no Date header")
                                    << QString();
}

void TestConnectionTests::hubClockSkewFromDateHeader()
{
    QFETCH(QByteArray, date);
    QFETCH(int, status);
    QFETCH(int, clockStatus);
    QFETCH(QString, clockWords);
    QFETCH(QString, keyWords);

    Fake::Response response = Fake::json(status, QJsonObject {{QStringLiteral("Message"), QStringLiteral("x")}});
    if (status == 404)
        response.header("iothub-errorcode", "DeviceNotFound");
    if (!date.isEmpty())
        response.header("Date", date);
    m_nam->on("GET", QStringLiteral("^/"), response);
    m_nam->on("DELETE", QStringLiteral("^/"), response);

    IotHubConnectionTest test(profile(), PolicyKey, m_nam.get(), m_clock.get());
    const ConnectionReport report = runTest(test);
    const auto clock = report.check(QStringLiteral("hub.clock"));
    QVERIFY2(clock && int(clock->status) == clockStatus, qPrintable(statusText(clock)));
    QVERIFY2(clock->sentence.contains(clockWords), qPrintable(clock->sentence));
    if (clockStatus == int(Status_::Failed))
        QVERIFY2(clock->sentence.contains(QLatin1String("NTP")), qPrintable(clock->sentence));
    if (!keyWords.isEmpty()) {
        const auto key = report.check(QStringLiteral("hub.key"));
        QCOMPARE(key->status, Status_::Failed);
        QVERIFY2(key->sentence.contains(keyWords), qPrintable(key->sentence));
    }
}

void TestConnectionTests::hubProbesChangeNothing()
{
    m_nam->on("GET", QStringLiteral("^/"),
              Fake::json(404, QJsonObject {}).header("iothub-errorcode", "DeviceNotFound"));
    m_nam->on("DELETE", QStringLiteral("^/"),
              Fake::json(404, QJsonObject {}).header("iothub-errorcode", "DeviceNotFound"));
    IotHubConnectionTest test(profile(), PolicyKey, m_nam.get(), m_clock.get());
    runTest(test);
    QCOMPARE(m_nam->requests().size(), 3);
    for (const Fake::Request &request : m_nam->requests()) {
        QVERIFY2(request.path().endsWith(test.probeDeviceId()), qPrintable(request.path()));
        QVERIFY(request.method == "GET" || request.method == "DELETE");
        if (request.method == "DELETE")
            QCOMPARE(request.header("If-Match"), QByteArray("*"));
        const QByteArray authorization = request.header("Authorization");
        QVERIFY(authorization.startsWith("SharedAccessSignature "));
        QVERIFY(authorization.contains("skn=twinbridge"));
        QVERIFY(authorization.contains("sr=unit-hub.azure-devices.net"));
    }
}

void TestConnectionTests::hubUnreachableRestEndpointSkipsTheRest()
{
    ConnectionProfile unreachable = profile();
    unreachable.iotHub.restEndpoint = QStringLiteral("https://127.0.0.1:%1").arg(m_closedPort);
    IotHubConnectionTest test(unreachable, PolicyKey, m_nam.get(), m_clock.get());
    const ConnectionReport report = runTest(test);
    const auto reachable = report.check(QStringLiteral("hub.reachable"));
    QCOMPARE(reachable->status, Status_::Failed);
    QVERIFY2(reachable->sentence.contains(QStringLiteral("refused the connection on port %1").arg(int(m_closedPort))),
             qPrintable(reachable->sentence));
    QCOMPARE(report.check(QStringLiteral("hub.key"))->status, Status_::Skipped);
    QCOMPARE(report.check(QStringLiteral("hub.tls"))->status, Status_::Skipped);
    QVERIFY(m_nam->requests().isEmpty());
}

void TestConnectionTests::hubCancelStopsAndSkips()
{
    m_nam->on("GET", QStringLiteral("^/"), Fake::hanging());
    IotHubConnectionTest test(profile(), PolicyKey, m_nam.get(), m_clock.get());
    QSignalSpy finished(&test, &ConnectionTest::finished);
    QFuture<ConnectionReport> future = test.start();
    QTRY_COMPARE(m_nam->openReplies(), 1);
    QVERIFY(test.isRunning());
    test.cancel();
    QVERIFY(future.isFinished());
    QCOMPARE(finished.count(), 1);
    const ConnectionReport report = future.result();
    QVERIFY(report.canceled);
    QCOMPARE(report.overall(), Status_::Skipped);
    const auto key = report.check(QStringLiteral("hub.key"));
    QCOMPARE(key->status, Status_::Skipped);
    QVERIFY(key->sentence.contains(QLatin1String("canceled")));
    QTRY_COMPARE(m_nam->openReplies(), 0); // the request in flight was aborted
    QVERIFY(!test.isRunning());
}

void TestConnectionTests::hubWithoutKeySendsNothing()
{
    IotHubConnectionTest test(profile(), QByteArray(), m_nam.get(), m_clock.get());
    const ConnectionReport report = runTest(test);
    const auto key = report.check(QStringLiteral("hub.key"));
    QCOMPARE(key->status, Status_::Failed);
    QVERIFY2(key->sentence.contains(QLatin1String("is not stored in this profile")), qPrintable(key->sentence));
    QCOMPARE(report.check(QStringLiteral("hub.right.RegistryRead"))->status, Status_::Skipped);
    QVERIFY(m_nam->requests().isEmpty());
}

// ---- The Things Stack -------------------------------------------------------------------------------------

void TestConnectionTests::ttsDiagnoses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorName");
    QTest::addColumn<int>("keyStatus");
    QTest::addColumn<int>("applicationStatus");
    QTest::addColumn<QString>("words");

    QTest::addRow("exists") << 200 << QString() << int(Status_::Passed) << int(Status_::Passed)
                            << QStringLiteral("“demo-app” (Demo) exists");
    QTest::addRow("unknown key 401") << 401 << QStringLiteral("api_key_not_found") << int(Status_::Failed)
                                     << int(Status_::Skipped) << QStringLiteral("does not accept this API key");
    QTest::addRow("no rights on it 403") << 403 << QStringLiteral("no_application_rights") << int(Status_::Passed)
                                         << int(Status_::Failed) << QStringLiteral("has no rights on the application");
    QTest::addRow("no such application 404") << 404 << QStringLiteral("application_not_found") << int(Status_::Passed)
                                             << int(Status_::Failed) << QStringLiteral("no application “demo-app”");
}

void TestConnectionTests::ttsDiagnoses()
{
    QFETCH(int, status);
    QFETCH(QString, errorName);
    QFETCH(int, keyStatus);
    QFETCH(int, applicationStatus);
    QFETCH(QString, words);

    if (status == 200) {
        m_nam->on(
            "GET", QStringLiteral("/api/v3/applications/demo-app"),
            Fake::json(200,
                       QJsonObject {{QStringLiteral("ids"),
                                     QJsonObject {{QStringLiteral("application_id"), QStringLiteral("demo-app")}}},
                                    {QStringLiteral("name"), QStringLiteral("Demo")}}));
        m_nam->on(
            "GET", QStringLiteral("/api/v3/applications/demo-app/rights"),
            Fake::json(200,
                       QJsonObject {{QStringLiteral("rights"), QJsonArray {QStringLiteral("RIGHT_APPLICATION_ALL")}}}));
    } else {
        const QJsonObject detail {
            {QStringLiteral("@type"), QStringLiteral("type.googleapis.com/ttn.lorawan.v3.ErrorDetails")},
            {QStringLiteral("namespace"), QStringLiteral("pkg/auth/rights")},
            {QStringLiteral("name"), errorName}};
        m_nam->on("GET", QStringLiteral("/api/v3/applications/demo-app"),
                  Fake::json(status,
                             QJsonObject {{QStringLiteral("code"), 7},
                                          {QStringLiteral("message"), QString(QStringLiteral("error:") + errorName)},
                                          {QStringLiteral("details"), QJsonArray {QJsonValue(detail)}}}));
    }
    TtsConnectionTest test(profile(), ApiKey, m_nam.get(), m_clock.get());
    const ConnectionReport report = runTest(test);
    const auto key = report.check(QStringLiteral("tts.apiKey"));
    const auto application = report.check(QStringLiteral("tts.application"));
    QVERIFY2(int(key->status) == keyStatus, qPrintable(statusText(key)));
    QVERIFY2(int(application->status) == applicationStatus, qPrintable(statusText(application)));
    const QString sentences = key->sentence + QLatin1Char(' ') + application->sentence;
    QVERIFY2(sentences.contains(words), qPrintable(sentences));
    QVERIFY(!sentences.contains(ApiKey));
    QCOMPARE(m_nam->requests().first().header("Authorization"), QByteArray("Bearer ") + ApiKey.toLatin1());
    // Plain HTTP to 127.0.0.1: no certificate to check, said so.
    QCOMPARE(report.check(QStringLiteral("tts.tls"))->status, Status_::Skipped);
    const auto right = report.check(TtsConnectionTest::rightCheckId(TtsRights::Right::ApplicationDevicesWrite));
    QCOMPARE(right->status, status == 200 ? Status_::Passed : Status_::Skipped);
}

void TestConnectionTests::ttsMissingRightsAreNamed()
{
    m_nam->on("GET", QStringLiteral("/api/v3/applications/demo-app"),
              Fake::json(200,
                         QJsonObject {{QStringLiteral("ids"),
                                       QJsonObject {{QStringLiteral("application_id"), QStringLiteral("demo-app")}}}}));
    m_nam->on("GET", QStringLiteral("/api/v3/applications/demo-app/rights"),
              Fake::json(200,
                         QJsonObject {{QStringLiteral("rights"),
                                       QJsonArray {QStringLiteral("RIGHT_APPLICATION_INFO"),
                                                   QStringLiteral("RIGHT_APPLICATION_DEVICES_READ")}}}));
    TtsConnectionTest test(profile(), ApiKey, m_nam.get(), m_clock.get());
    const ConnectionReport report = runTest(test);
    const QList<TtsRights::Right> needed = TtsRights::required(TtsRights::Operation::AzureIntegration);
    for (TtsRights::Right right : needed) {
        const auto check = report.check(TtsConnectionTest::rightCheckId(right));
        QVERIFY(check);
        QVERIFY(check->title.contains(TtsRights::wireName(right)));
        const bool granted =
            right == TtsRights::Right::ApplicationInfo || right == TtsRights::Right::ApplicationDevicesRead;
        QVERIFY2(check->status == (granted ? Status_::Passed : Status_::Failed), qPrintable(statusText(check)));
        if (!granted)
            QVERIFY2(check->sentence.contains(TtsRights::wireName(right)), qPrintable(check->sentence));
    }
}

void TestConnectionTests::ttsClosedMqttPortIsReported()
{
    m_nam->on("GET", QStringLiteral("^/"), Fake::json(401, QJsonObject {}));
    TtsConnectionTest test(profile(), ApiKey, m_nam.get(), m_clock.get());
    const ConnectionReport report = runTest(test);
    const auto mqtt = report.check(QStringLiteral("tts.mqttReachable"));
    QCOMPARE(mqtt->status, Status_::Failed);
    QVERIFY2(mqtt->sentence.contains(QLatin1String("refused")), qPrintable(mqtt->sentence));
    QCOMPARE(report.check(QStringLiteral("tts.mqttLogin"))->status, Status_::Skipped);
    QVERIFY(report.summary().startsWith(QLatin1String("The Things Stack: ")));
}

QTEST_GUILESS_MAIN(TestConnectionTests)
#include "tst_connectiontests.moc"
