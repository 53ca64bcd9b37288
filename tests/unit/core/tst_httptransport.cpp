#include "FakeNetworkAccessManager.h"
#include "services/core/Clock.h"
#include "services/core/RateLimiter.h"
#include "services/net/HttpTransport.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace TwinBridge;
using namespace TwinBridge::Test;
using namespace std::chrono_literals;

class TestHttpTransport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void successPassesThroughBodyAndHeaders();
    void retriesThrottlingWithBackoff();
    void honoursRetryAfterSeconds();
    void givesUpAfterMaxAttempts();
    void retriesTransportErrorsOnlyWhenIdempotent();
    void cancelAbortsTheReply();
    void limiterGatesEveryAttempt();
    void transportErrorsHaveSentences_data();
    void transportErrorsHaveSentences();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void delayGrowsAndIsCapped();

private:
    FakeNetworkAccessManager *m_nam = nullptr;
    ManualClock *m_clock = nullptr;
    HttpTransport *m_transport = nullptr;
};

void TestHttpTransport::init()
{
    m_nam = new FakeNetworkAccessManager(this);
    m_clock = new ManualClock;
    m_transport = new HttpTransport(m_nam, this);
    m_transport->setClock(m_clock);
    m_transport->setRandomSource([] { return 0.5; }); // jitter factor exactly 1.0
}

void TestHttpTransport::cleanup()
{
    delete m_transport;
    m_transport = nullptr;
    delete m_nam;
    m_nam = nullptr;
    delete m_clock;
    m_clock = nullptr;
}

static HttpRequest get(const QString &url)
{
    HttpRequest request;
    request.url = QUrl(url);
    return request;
}

void TestHttpTransport::successPassesThroughBodyAndHeaders()
{
    m_nam->on("GET", QStringLiteral("/devices/d1"),
              FakeNetworkAccessManager::json(200, QJsonObject{{QStringLiteral("deviceId"), QStringLiteral("d1")}})
                  .header("ETag", "\"AAAA\""));
    HttpRequest request = get(QStringLiteral("https://hub.example/devices/d1?api-version=2021-04-12"));
    request.setHeader("Authorization", "SharedAccessSignature sr=x");
    auto future = m_transport->send(request);
    QTRY_VERIFY(future.isFinished());
    const HttpResponse response = future.result();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("etag"), QByteArray("\"AAAA\""));
    QCOMPARE(response.json().object().value(QStringLiteral("deviceId")).toString(), QStringLiteral("d1"));
    QCOMPARE(response.attempts, 1);
    QCOMPARE(m_nam->requests().size(), 1);
    QCOMPARE(m_nam->requests().first().header("Authorization"), QByteArray("SharedAccessSignature sr=x"));
}

void TestHttpTransport::retriesThrottlingWithBackoff()
{
    m_nam->on("GET", QStringLiteral("/x"), FakeNetworkAccessManager::empty(429));
    m_nam->on("GET", QStringLiteral("/x"), FakeNetworkAccessManager::empty(503));
    m_nam->on("GET", QStringLiteral("/x"), FakeNetworkAccessManager::json(200, QJsonObject{}));
    QSignalSpy retries(m_transport, &HttpTransport::retryScheduled);
    auto future = m_transport->send(get(QStringLiteral("https://h/x")));
    QTRY_COMPARE(retries.size(), 1);
    QCOMPARE(retries.at(0).at(1).toInt(), 429);
    QCOMPARE(retries.at(0).at(3).value<std::chrono::milliseconds>(), 500ms);
    QVERIFY(!future.isFinished());
    m_clock->advance(499ms);
    QCoreApplication::processEvents();
    QCOMPARE(m_nam->requests().size(), 1);
    m_clock->advance(1ms);
    QTRY_COMPARE(retries.size(), 2);
    QCOMPARE(retries.at(1).at(3).value<std::chrono::milliseconds>(), 1000ms);
    m_clock->advance(1000ms);
    QTRY_VERIFY(future.isFinished());
    QCOMPARE(future.result().status, 200);
    QCOMPARE(future.result().attempts, 3);
}

void TestHttpTransport::honoursRetryAfterSeconds()
{
    m_nam->on("GET", QStringLiteral("/x"), FakeNetworkAccessManager::empty(429).header("Retry-After", "7"));
    m_nam->on("GET", QStringLiteral("/x"), FakeNetworkAccessManager::empty(204));
    QSignalSpy retries(m_transport, &HttpTransport::retryScheduled);
    auto future = m_transport->send(get(QStringLiteral("https://h/x")));
    QTRY_COMPARE(retries.size(), 1);
    QCOMPARE(retries.at(0).at(3).value<std::chrono::milliseconds>(), 7000ms);
    m_clock->advance(6999ms);
    QCoreApplication::processEvents();
    QCOMPARE(m_nam->requests().size(), 1);
    m_clock->advance(1ms);
    QTRY_VERIFY(future.isFinished());
    QCOMPARE(future.result().status, 204);
}

void TestHttpTransport::givesUpAfterMaxAttempts()
{
    RetryPolicy policy;
    policy.maxAttempts = 3;
    m_transport->setRetryPolicy(policy);
    m_nam->on("GET", QStringLiteral("/x"), FakeNetworkAccessManager::empty(429));
    auto future = m_transport->send(get(QStringLiteral("https://h/x")));
    for (int i = 0; i < 10 && !future.isFinished(); ++i) {
        QTRY_VERIFY(m_clock->pendingCount() > 0 || future.isFinished());
        m_clock->advanceToNext();
    }
    QTRY_VERIFY(future.isFinished());
    QCOMPARE(future.result().status, 429);
    QCOMPARE(future.result().attempts, 3);
    QCOMPARE(m_nam->requests().size(), 3);
}

void TestHttpTransport::retriesTransportErrorsOnlyWhenIdempotent()
{
    m_nam->on("POST", QStringLiteral("/x"), FakeNetworkAccessManager::reset());
    m_nam->on("POST", QStringLiteral("/x"), FakeNetworkAccessManager::empty(200));
    HttpRequest request = get(QStringLiteral("https://h/x"));
    request.method = "POST";
    request.body = "{}";
    request.idempotent = false;
    auto future = m_transport->send(request);
    QTRY_VERIFY(future.isFinished());
    QCOMPARE(future.result().networkError, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(future.result().attempts, 1);

    request.idempotent = true;
    auto second = m_transport->send(request);
    QTRY_VERIFY(second.isFinished() || m_clock->pendingCount() > 0);
    m_clock->advanceToNext();
    QTRY_VERIFY(second.isFinished());
    QCOMPARE(second.result().status, 200);
}

void TestHttpTransport::cancelAbortsTheReply()
{
    m_nam->on("GET", QStringLiteral("/slow"), FakeNetworkAccessManager::hanging());
    auto future = m_transport->send(get(QStringLiteral("https://h/slow")));
    QCoreApplication::processEvents();
    QCOMPARE(m_nam->openReplies(), 1);
    future.cancel();
    QTRY_COMPARE(m_nam->openReplies(), 0);
    QTRY_VERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
}

void TestHttpTransport::limiterGatesEveryAttempt()
{
    RateLimiter limiter(1, 1, m_clock); // one request per second
    m_nam->on("GET", QStringLiteral("/x"), FakeNetworkAccessManager::empty(200));
    HttpRequest request = get(QStringLiteral("https://h/x"));
    request.limiter = &limiter;
    auto first = m_transport->send(request);
    auto second = m_transport->send(request);
    QTRY_VERIFY(first.isFinished());
    QCoreApplication::processEvents();
    QVERIFY(!second.isFinished());
    QCOMPARE(m_nam->requests().size(), 1);
    m_clock->advance(1000ms);
    QTRY_VERIFY(second.isFinished());
    QCOMPARE(m_nam->requests().size(), 2);
}

void TestHttpTransport::transportErrorsHaveSentences_data()
{
    QTest::addColumn<int>("networkError");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("refused") << int(QNetworkReply::ConnectionRefusedError) << int(ServiceError::Kind::Network)
                             << QStringLiteral("refused");
    QTest::addRow("dns") << int(QNetworkReply::HostNotFoundError) << int(ServiceError::Kind::Network)
                         << QStringLiteral("host name");
    QTest::addRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << int(ServiceError::Kind::Tls)
                         << QStringLiteral("CA file");
    QTest::addRow("timeout") << int(QNetworkReply::TimeoutError) << int(ServiceError::Kind::Timeout)
                             << QStringLiteral("in time");
    QTest::addRow("reset") << int(QNetworkReply::RemoteHostClosedError) << int(ServiceError::Kind::Network)
                           << QStringLiteral("closed the connection");
}

void TestHttpTransport::transportErrorsHaveSentences()
{
    QFETCH(int, networkError);
    QFETCH(int, kind);
    QFETCH(QString, mentions);
    m_transport->setRetryPolicy(RetryPolicy::none());
    m_nam->on("GET", QStringLiteral("/x"),
              FakeNetworkAccessManager::transportError(QNetworkReply::NetworkError(networkError)));
    auto future = m_transport->send(get(QStringLiteral("https://h/x")));
    QTRY_VERIFY(future.isFinished());
    const ServiceError error = future.result().transportError(QStringLiteral("read the device list"));
    QCOMPARE(int(error.kind()), kind);
    QVERIFY2(error.message().contains(mentions), qPrintable(error.message()));
    QVERIFY(error.toString().startsWith(QStringLiteral("Could not read the device list: ")));
}

void TestHttpTransport::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs");
    QTest::addRow("seconds") << QByteArray("120") << qint64(120000);
    QTest::addRow("zero") << QByteArray("0") << qint64(0);
    QTest::addRow("spaces") << QByteArray(" 3 ") << qint64(3000);
    QTest::addRow("http-date") << QByteArray("Thu, 01 Jan 2026 00:00:30 GMT") << qint64(30000);
    QTest::addRow("past date") << QByteArray("Wed, 31 Dec 2025 23:00:00 GMT") << qint64(0);
    QTest::addRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::addRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::addRow("empty") << QByteArray() << qint64(-1);
}

void TestHttpTransport::parseRetryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const auto parsed = RetryPolicy::parseRetryAfter(header, now);
    if (expectedMs < 0) {
        QVERIFY(!parsed.has_value());
    } else {
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->count(), expectedMs);
    }
}

void TestHttpTransport::delayGrowsAndIsCapped()
{
    RetryPolicy policy;
    policy.initialDelay = 100ms;
    policy.maxDelay = 1000ms;
    policy.jitter = 0.2;
    QCOMPARE(policy.delayFor(1, 0.5), 100ms);
    QCOMPARE(policy.delayFor(2, 0.5), 200ms);
    QCOMPARE(policy.delayFor(4, 0.5), 800ms);
    QCOMPARE(policy.delayFor(10, 0.5), 1000ms);
    QCOMPARE(policy.delayFor(10, 0.0), 800ms);   // -20 %
    QCOMPARE(policy.delayFor(10, 1.0), 1200ms);  // +20 %
}

QTEST_GUILESS_MAIN(TestHttpTransport)
#include "tst_httptransport.moc"
