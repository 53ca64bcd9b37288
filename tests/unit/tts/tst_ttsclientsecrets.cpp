#include "LogCapture.h"
#include "TtsClientTestSupport.h"

#include "services/core/Clock.h"
#include "services/net/HttpTransport.h"
#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace TwinBridge::TtsTest;

// Neither the API key nor a device root key may reach a log line or an error, whatever TTS answers.
class TestTtsClientSecrets : public QObject
{
    Q_OBJECT

private slots:
    void noSecretInLogsOrErrors();
};

void TestTtsClientSecrets::noSecretInLogsOrErrors()
{
    LogCapture capture;
    const QString appKey = QStringLiteral("459B77D46A08C427254822A33F6FA1A3");
    const QString nwkKey = QStringLiteral("0102030405060708090A0B0C0D0E0F10");
    const QString apiSecret = ApiKey.section(QLatin1Char('.'), 2); // the part after NNSXS.<id>.

    FakeNetworkAccessManager nam;
    ManualClock clock;
    TtsClient client(&nam, BaseUrl, AppId, ApiKey, &clock);
    client.transport()->setRetryPolicy(RetryPolicy::none());

    // A TTS (or proxy) that echoes everything back, in upper and lower case.
    const QString echo = QStringLiteral("got key %1 and %2 with %3").arg(appKey.toLower(), nwkKey, ApiKey);
    auto echoing = [&echo](int status, int code) {
        return ttsError(status, code, "pkg/echo:echo", "echo: {text}",
                        QJsonObject {{QStringLiteral("text"), echo}, {QStringLiteral("field"), echo}});
    };
    const QString paths = QStringLiteral("/api/v3%1/applications/my-test-app/devices/%2");
    nam.on("POST", QStringLiteral("/api/v3/applications/my-test-app/devices"),
           FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
    for (const QString &device : {QStringLiteral("good-node"), QStringLiteral("bad-node")}) {
        nam.on(
            "PUT", paths.arg(QStringLiteral("/js"), device),
            FakeNetworkAccessManager::json(
                200,
                json(
                    R"json({"ids":{"device_id":"x"},"root_keys":{"app_key":{"key":"459B77D46A08C427254822A33F6FA1A3"},"nwk_key":{"key":"0102030405060708090A0B0C0D0E0F10"}}})json")));
        nam.on("DELETE", paths.arg(QStringLiteral("/js"), device), FakeNetworkAccessManager::json(200, QJsonObject()));
        nam.on("DELETE", paths.arg(QString(), device), FakeNetworkAccessManager::json(200, QJsonObject()));
        nam.on("GET", paths.arg(QStringLiteral("/js"), device),
               FakeNetworkAccessManager::json(
                   200, json(R"json({"root_keys":{"app_key":{"key":"459B77D46A08C427254822A33F6FA1A3"}}})json")));
        nam.on("GET", paths.arg(QString(), device), FakeNetworkAccessManager::json(200, json(DocsIsAnswer)));
        nam.on("GET", paths.arg(QStringLiteral("/ns"), device), echoing(400, 3));
        nam.on("GET", paths.arg(QStringLiteral("/as"), device), FakeNetworkAccessManager::json(200, QJsonObject()));
        nam.on("DELETE", paths.arg(QStringLiteral("/as"), device), echoing(500, 13));
    }
    nam.on("PUT", paths.arg(QStringLiteral("/ns"), QStringLiteral("good-node")),
           FakeNetworkAccessManager::json(200, json(DocsNsAnswer)));
    nam.on("PUT", paths.arg(QStringLiteral("/as"), QStringLiteral("good-node")),
           FakeNetworkAccessManager::json(200, json(DocsAsAnswer)));
    nam.on("PUT", paths.arg(QStringLiteral("/ns"), QStringLiteral("bad-node")), echoing(400, 3));
    nam.on("GET", QStringLiteral("/api/v3/applications/my-test-app/rights"), echoing(401, 16));

    TtsEndDevice device;
    device.devEui = QStringLiteral("0004A30B001C5838");
    device.joinEui = QStringLiteral("800000000000000C");
    device.lorawanVersion = QStringLiteral("1.1");
    device.lorawanPhyVersion = QStringLiteral("1.1-b");
    device.frequencyPlanId = QStringLiteral("EU_863_870_TTN");
    device.rootKeys.appKey = appKey;
    device.rootKeys.nwkKey = nwkKey;

    QStringList texts;
    auto collect = [&texts](const ServiceError &error) {
        texts << error.toString() << error.detail() << error.code()
              << QString::fromUtf8(QJsonDocument(error.payload().toObject()).toJson());
    };

    device.deviceId = QStringLiteral("good-node");
    auto good = client.createDevice(device);
    QVERIFY(await(good));
    QVERIFY2(good.result().ok(), qPrintable(good.result().error().toString()));
    texts << QString::fromUtf8(QJsonDocument(good.result().value().toJson()).toJson());

    device.deviceId = QStringLiteral("bad-node");
    auto bad = client.createDevice(device);
    QVERIFY(await(bad));
    QVERIFY(!bad.result().ok());
    QVERIFY(bad.result().error().message().contains(QLatin1String("[redacted]")));
    collect(bad.result().error());

    auto merged = client.getDeviceMerged(QStringLiteral("good-node"), true);
    QVERIFY(await(merged));
    QVERIFY(!merged.result().ok());
    collect(merged.result().error());

    auto removed = client.deleteDevice(QStringLiteral("good-node"));
    QVERIFY(await(removed));
    QVERIFY(!removed.result().ok());
    collect(removed.result().error());

    auto rights = client.rights();
    QVERIFY(await(rights));
    QCOMPARE(rights.result().error().kind(), ServiceError::Kind::Unauthorized);
    collect(rights.result().error());

    // Logging really was on and captured the work (the HTTP layer and the client).
    const QString log = capture.lines().join(QLatin1Char('\n'));
    QVERIFY2(log.contains(QLatin1String("twinbridge.tts.rest: creating device good-node")), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("twinbridge.http: PUT")), qPrintable(log));
    QVERIFY(log.contains(QLatin1String("rolled back")));

    const QString all = log + QLatin1Char('\n') + texts.join(QLatin1Char('\n'));
    const QStringList lines = all.split(QLatin1Char('\n'));
    for (const QString &secret : {ApiKey, apiSecret, appKey, nwkKey}) {
        for (const QString &text : lines)
            QVERIFY2(!text.contains(secret, Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("a secret leaked: ") + text));
    }
}

QTEST_GUILESS_MAIN(TestTtsClientSecrets)
#include "tst_ttsclientsecrets.moc"
