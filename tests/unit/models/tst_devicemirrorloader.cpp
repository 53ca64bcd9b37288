#include "FakeNetworkAccessManager.h"
#include "FutureWait.h"

#include "services/iothub/IotHubServiceClient.h"
#include "services/mirror/MirrorLoader.h"
#include "services/net/HttpTransport.h"
#include "services/net/RetryPolicy.h"
#include "services/tts/TtsClient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace TwinBridge;
using namespace TwinBridge::Test;

namespace {

const QString DevicesPath = QStringLiteral("/api/v3/applications/my-app/devices");

FakeNetworkAccessManager::Response ttsPage(const QStringList &ids, const QByteArray &total)
{
    QJsonArray devices;
    for (const QString &id : ids)
        devices.append(QJsonObject {{QStringLiteral("ids"),
                                     QJsonObject {{QStringLiteral("device_id"), id},
                                                  {QStringLiteral("dev_eui"), QStringLiteral("0000000000000001")}}}});
    return FakeNetworkAccessManager::json(200, QJsonObject {{QStringLiteral("end_devices"), devices}})
        .header("X-Total-Count", total);
}

FakeNetworkAccessManager::Response hubPage(const QStringList &ids, const QByteArray &continuation)
{
    QJsonArray twins;
    for (const QString &id : ids)
        twins.append(QJsonObject {{QStringLiteral("deviceId"), id},
                                  {QStringLiteral("status"), QStringLiteral("enabled")},
                                  {QStringLiteral("version"), 3}});
    FakeNetworkAccessManager::Response response = FakeNetworkAccessManager::json(200, twins);
    response.header("x-ms-item-type", "Twin");
    if (!continuation.isEmpty())
        response.header("x-ms-continuation", continuation);
    return response;
}

} // namespace

// MirrorLoader against the fake network: both sides page by page with progress and totals, a failing side
// reported while the other loads, cancel aborting what is in flight.
class TestDeviceMirrorLoader : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void loadsBothSidesPageByPageWithProgress();
    void failingSideIsReportedTheOtherLoads();
    void missingClientIsExplained();
    void cancelAbortsAndReportsCanceled();

private:
    std::unique_ptr<FakeNetworkAccessManager> m_nam;
    std::unique_ptr<TtsClient> m_tts;
    std::unique_ptr<IotHubServiceClient> m_hub;
};

void TestDeviceMirrorLoader::init()
{
    m_nam = std::make_unique<FakeNetworkAccessManager>();
    m_tts = std::make_unique<TtsClient>(m_nam.get(), QUrl(QStringLiteral("https://tts.example/api/v3")),
                                        QStringLiteral("my-app"), QStringLiteral("NNSXS.KEY.SECRET"));
    IotHubCredentials credentials;
    credentials.hostName = QStringLiteral("my-hub.azure-devices.net");
    credentials.policyName = QStringLiteral("twinbridge");
    credentials.policyKey = QByteArrayLiteral("c2VjcmV0LXBvbGljeS1rZXktZm9yLXRlc3Rz");
    m_hub = std::make_unique<IotHubServiceClient>(m_nam.get(), credentials);
    RetryPolicy once;
    once.maxAttempts = 1;
    m_hub->transport()->setRetryPolicy(once);
    m_tts->transport()->setRetryPolicy(once);
}

void TestDeviceMirrorLoader::cleanup()
{
    m_hub.reset();
    m_tts.reset();
    m_nam.reset();
}

void TestDeviceMirrorLoader::loadsBothSidesPageByPageWithProgress()
{
    // A full first page (the loader asks for pages of 500), then the rest.
    QStringList firstPage;
    for (int i = 0; i < MirrorLoader::TtsPageSize; ++i)
        firstPage.append(QStringLiteral("tts-%1").arg(i));
    m_nam->on("GET", DevicesPath, ttsPage(firstPage, "501"));
    m_nam->on("GET", DevicesPath, ttsPage({QStringLiteral("last")}, "501"));
    m_nam->on("GET", QStringLiteral("/statistics/devices"),
              FakeNetworkAccessManager::json(200,
                                             QJsonObject {{QStringLiteral("totalDeviceCount"), 3},
                                                          {QStringLiteral("enabledDeviceCount"), 3},
                                                          {QStringLiteral("disabledDeviceCount"), 0}}));
    m_nam->on("POST", QStringLiteral("/devices/query"), hubPage({QStringLiteral("b"), QStringLiteral("c")}, "next"));
    m_nam->on("POST", QStringLiteral("/devices/query"), hubPage({QStringLiteral("d")}, {}));

    MirrorLoader loader;
    QSignalSpy progress(&loader, &MirrorLoader::progress);
    QSignalSpy finished(&loader, &MirrorLoader::finished);
    loader.start(m_tts.get(), m_hub.get());
    QVERIFY(loader.isRunning());
    QVERIFY(finished.wait(5000));
    QVERIFY(!loader.isRunning());
    const MirrorSnapshot snapshot = finished.at(0).at(0).value<MirrorSnapshot>();
    QVERIFY(snapshot.isComplete());
    QCOMPARE(snapshot.tts->size(), MirrorLoader::TtsPageSize + 1);
    QCOMPARE(snapshot.tts->last().deviceId, QStringLiteral("last"));
    QCOMPARE(snapshot.hub->size(), 2 + 1);
    QCOMPARE(snapshot.hub->at(2).deviceId, QStringLiteral("d"));
    QVERIFY(!snapshot.ttsError.isError());
    QVERIFY(!snapshot.hubError.isError());

    // Progress moved page by page on both sides and ended at the totals.
    bool sawPartialHub = false;
    bool sawPartialTts = false;
    for (const QList<QVariant> &arguments : std::as_const(progress)) {
        sawPartialTts = sawPartialTts || arguments.at(0).toInt() == MirrorLoader::TtsPageSize;
        sawPartialHub = sawPartialHub || arguments.at(2).toInt() == 2;
    }
    QVERIFY(sawPartialTts);
    QVERIFY(sawPartialHub);
    const QList<QVariant> last = progress.last();
    QCOMPARE(last.at(0).toInt(), 501);
    QCOMPARE(last.at(1).toInt(), 501);
    QCOMPARE(last.at(2).toInt(), 3);
    QCOMPARE(last.at(3).toInt(), 3);

    // The second hub page was asked for with the continuation token; TTS pages are ordered by device id.
    QStringList continuations;
    for (const FakeNetworkAccessManager::Request &request : m_nam->requests()) {
        if (request.path() == QLatin1String("/devices/query"))
            continuations.append(QString::fromLatin1(request.header("x-ms-continuation")));
        if (request.path() == DevicesPath)
            QVERIFY(request.url.query().contains(QLatin1String("order=device_id")));
    }
    QCOMPARE(continuations, QStringList({QString(), QStringLiteral("next")}));
}

void TestDeviceMirrorLoader::failingSideIsReportedTheOtherLoads()
{
    m_nam->on("GET", DevicesPath, ttsPage({QStringLiteral("a")}, "1"));
    m_nam->on(
        "GET", QStringLiteral("/statistics/devices"),
        FakeNetworkAccessManager::json(401, QJsonObject {{QStringLiteral("Message"), QStringLiteral("Unauthorized")}}));
    m_nam->on(
        "POST", QStringLiteral("/devices/query"),
        FakeNetworkAccessManager::json(401, QJsonObject {{QStringLiteral("Message"), QStringLiteral("Unauthorized")}}));
    MirrorLoader loader;
    QSignalSpy finished(&loader, &MirrorLoader::finished);
    loader.start(m_tts.get(), m_hub.get());
    QVERIFY(finished.wait(5000));
    const MirrorSnapshot snapshot = finished.at(0).at(0).value<MirrorSnapshot>();
    QVERIFY(snapshot.tts);
    QCOMPARE(snapshot.tts->size(), 1);
    QVERIFY(!snapshot.hub);
    QCOMPARE(snapshot.hubError.kind(), ServiceError::Kind::Unauthorized);
    QVERIFY(!snapshot.canceled);
}

void TestDeviceMirrorLoader::missingClientIsExplained()
{
    m_nam->on("GET", DevicesPath, ttsPage({QStringLiteral("a")}, "1"));
    MirrorLoader loader;
    QSignalSpy finished(&loader, &MirrorLoader::finished);
    const ServiceError missing =
        ServiceError::notConfigured(QStringLiteral("The IoT Hub policy key is not configured."));
    loader.start(m_tts.get(), nullptr, {}, missing);
    QVERIFY(finished.wait(5000));
    const MirrorSnapshot snapshot = finished.at(0).at(0).value<MirrorSnapshot>();
    QVERIFY(snapshot.tts);
    QVERIFY(!snapshot.hub);
    QCOMPARE(snapshot.hubError.kind(), ServiceError::Kind::NotConfigured);
    QVERIFY(snapshot.hubError.message().contains(QLatin1String("policy key")));

    // Neither side: still finishes, on a later turn.
    loader.start(nullptr, nullptr, missing, missing);
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.wait(5000));
}

void TestDeviceMirrorLoader::cancelAbortsAndReportsCanceled()
{
    m_nam->on("GET", DevicesPath, FakeNetworkAccessManager::hanging());
    m_nam->on("GET", QStringLiteral("/statistics/devices"), FakeNetworkAccessManager::hanging());
    m_nam->on("POST", QStringLiteral("/devices/query"), FakeNetworkAccessManager::hanging());
    MirrorLoader loader;
    QSignalSpy finished(&loader, &MirrorLoader::finished);
    loader.start(m_tts.get(), m_hub.get());
    QTRY_VERIFY(m_nam->requests().size() >= 2);
    loader.cancel();
    QCOMPARE(finished.count(), 1);
    const MirrorSnapshot snapshot = finished.at(0).at(0).value<MirrorSnapshot>();
    QVERIFY(snapshot.canceled);
    QVERIFY(!snapshot.tts && !snapshot.hub);
    QCOMPARE(snapshot.ttsError.kind(), ServiceError::Kind::Canceled);
    QVERIFY(!loader.isRunning());
    // The requests in flight were aborted.
    QTRY_VERIFY(m_nam->openReplies() == 0);
    QCOMPARE(finished.count(), 1);
}

QTEST_GUILESS_MAIN(TestDeviceMirrorLoader)
#include "tst_devicemirrorloader.moc"
